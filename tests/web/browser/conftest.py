"""The browser tests' fixtures: the portal served as it runs, and one Chromium for the session.

The portal is uvicorn serving the demo portal app over a copy of the demo ledger, on a free
loopback port. The browser is Debian's Chromium driven by Playwright; it
is never downloaded, and the tests fail (not skip) when it is missing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from luoshi.web import create_app
from tests.web.browser.pages import Portal, Viewport
from tests.web.conftest import DemoLedger

CHROMIUM = Path(os.environ.get("LUOSHI_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
STARTUP_SECONDS = 30


@pytest.fixture(scope="session")
def portal_url(demo_ledger: DemoLedger, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal's address: uvicorn serving a private copy of the demo ledger.

    The server runs in a thread of the test process (the app is already imported; a subprocess
    would import it again, which takes many seconds on a busy machine), on a port the system
    chose, with the app ``luoshi serve --demo`` builds.
    """
    yield from serve_copy(demo_ledger, tmp_path_factory.mktemp("portal"))


def serve_copy(demo_ledger: DemoLedger, folder: Path) -> Iterator[str]:
    """Serve a copy of the demo ledger made in ``folder``; yields the address while it runs."""
    database = folder / "demo.db"
    with sqlite3.connect(demo_ledger.database) as source, sqlite3.connect(database) as target:
        source.backup(target)
    shutil.copytree(demo_ledger.evidence, folder / "evidence")
    app = create_app(demo_ledger.settings(database), demo=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, name="portal", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the portal did not start within {STARTUP_SECONDS} s", pytrace=False)
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, once per test process."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Run `make browser` (installs Debian's chromium as root) or set "
            "LUOSHI_TEST_CHROMIUM to a Chromium binary; never `playwright install`.",
            pytrace=False,
        )
    opened = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder the run keeps its screenshots in (git-ignored; each run overwrites them)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def _portal(
    browser: Browser, portal_url: str, screenshots: Path, viewport: Viewport
) -> Iterator[Portal]:
    context = browser.new_context(
        base_url=portal_url,
        viewport={"width": viewport.width, "height": viewport.height},
        locale="zh-CN",
        accept_downloads=True,
    )
    page: Page = context.new_page()
    try:
        yield Portal(page, portal_url, screenshots, viewport)
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Browser, portal_url: str, screenshots: Path) -> Iterator[Portal]:
    """A fresh browser tab 1280 px wide."""
    yield from _portal(browser, portal_url, screenshots, Viewport.DESKTOP)


@pytest.fixture
def phone(browser: Browser, portal_url: str, screenshots: Path) -> Iterator[Portal]:
    """A fresh browser tab 375 px wide."""
    yield from _portal(browser, portal_url, screenshots, Viewport.PHONE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")
