"""Supervision in a real Chromium: the office reminds a late department, the department's user
sees the notification (and the count in the header), the office sees it on the dashboard."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Assignment, Commitment, Department
from luoshi.ledger.services import assignment
from luoshi.ledger.services.policy import actor_for
from luoshi.web import create_app
from tests.web.browser.pages import Portal, Viewport
from tests.web.conftest import DemoLedger

LATER = dt.date(2022, 11, 30)  # the October report of a monthly commitment is then overdue
LEAD = "市农业农村局"  # demo-lead's department


@pytest.fixture(scope="module")
def workspace_url(
    demo_ledger: DemoLedger, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The workspace served by uvicorn over a copy of the demo, a month of LEAD's reports late."""
    folder = tmp_path_factory.mktemp("supervision")
    database = folder / "demo.db"
    with sqlite3.connect(demo_ledger.database) as source, sqlite3.connect(database) as target:
        source.backup(target)
    shutil.copytree(demo_ledger.evidence, folder / "evidence")
    engine = make_engine(f"sqlite:///{database}")
    with unit_of_work(session_factory(engine)) as session:
        lead = session.scalars(select(Department.id).where(Department.name == LEAD)).one()
        late = session.scalars(
            select(Commitment.id)
            .join(Commitment.assignment)
            .where(Assignment.lead_id == lead)
            .order_by(Commitment.id)
        ).first()
        assert late is not None
        assignment.change(session, actor_for(session, demo.ADMIN), late, cycle="monthly")
    engine.dispose()
    settings = demo_ledger.settings(database).model_copy(update={"status_date": LATER})
    app = create_app(settings, demo=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, name="workspace", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the workspace did not start within 30 s", pytrace=False)
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class Staff:
    """One staff member's browser tab."""

    page: Page
    screenshots: Path

    @classmethod
    def sign_in(
        cls, browser: Browser, url: str, screenshots: Path, name: str, password: str
    ) -> Staff:
        context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("用户名").fill(name)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/work")
        return cls(page, screenshots)

    def screenshot(self, step: str) -> None:
        self.page.screenshot(path=self.screenshots / f"{step}-1280.png", full_page=True)

    def accessibility_violations(self) -> list[str]:
        """axe-core's serious and critical findings on the page (as the portal's tests check)."""
        portal = Portal(self.page, "", self.screenshots, Viewport.DESKTOP)
        return portal.accessibility_violations()

    def unread(self) -> int:
        badge = self.page.locator("a.inbox-link .unread")
        return int(badge.inner_text()) if badge.count() else 0


class SupervisionPage:
    def __init__(self, staff: Staff) -> None:
        self.page = staff.page
        self.page.goto("/work/supervision")

    def row(self, department: str) -> dict[str, str]:
        cells = self.page.locator(f"table.supervision-board tr:has(th:text-is('{department}'))")
        heads = self.page.locator("table.supervision-board thead th").all_inner_texts()
        values = [cells.locator("th").inner_text(), *cells.locator("td").all_inner_texts()]
        return dict(zip(heads, values, strict=False))

    def remind_department(self, department: str, message: str) -> str:
        row = self.page.locator(f"table.supervision-board tr:has(th:text-is('{department}'))")
        row.get_by_placeholder("留言（可选）").fill(message)
        row.get_by_role("button", name="催办全部逾期事项").click()
        self.page.wait_for_load_state()
        return self.page.locator("p.note").inner_text()

    def chart_drawn(self) -> bool:
        chart = self.page.locator("[data-chart='supervision']")
        chart.locator("svg").first.wait_for(state="attached", timeout=5000)
        return chart.get_attribute("data-drawn") == "true"


class NotificationsPage:
    def __init__(self, staff: Staff) -> None:
        self.page = staff.page
        staff.page.locator("a.inbox-link").click()
        self.page.wait_for_url("**/work/notifications")

    def unread_titles(self) -> list[str]:
        return self.page.locator("li.notification.unread strong").all_inner_texts()

    def mark_all_read(self) -> None:
        self.page.get_by_role("button", name="全部标为已读").click()
        self.page.wait_for_load_state()


def test_the_office_reminds_and_the_department_reads_it(
    browser: Browser, workspace_url: str, screenshots: Path, demo_ledger: DemoLedger
) -> None:
    passwords = demo_ledger.built.passwords
    office = Staff.sign_in(
        browser, workspace_url, screenshots, "demo-reviewer", passwords["demo-reviewer"]
    )
    board = SupervisionPage(office)
    before = board.row(LEAD)
    assert int(before["逾期未报"]) >= 1 and before["催办"] == "0"
    assert board.chart_drawn()
    office.screenshot("supervision-board")
    assert office.accessibility_violations() == []
    note = board.remind_department(LEAD, "请于本周五前报送十月进展")
    assert note.startswith("已催办")
    office.screenshot("supervision-reminded")

    lead = Staff.sign_in(browser, workspace_url, screenshots, "demo-lead", passwords["demo-lead"])
    assert lead.unread() >= 1
    inbox = NotificationsPage(lead)
    assert any(f"催办：{LEAD}" in title for title in inbox.unread_titles())
    assert "请于本周五前报送十月进展" in lead.page.locator("li.notification").first.inner_text()
    lead.screenshot("supervision-notification")
    assert lead.accessibility_violations() == []
    inbox.mark_all_read()
    assert lead.unread() == 0 and inbox.unread_titles() == []
    lead.page.goto("/work/reminders")
    assert lead.page.locator("tr.reminder").count() >= 1
    lead.screenshot("supervision-department-reminders")

    after = SupervisionPage(office).row(LEAD)
    assert int(after["催办"]) == int(before["逾期未报"])  # one per overdue commitment
    office.screenshot("supervision-dashboard-after")
    late = office.page.locator(f"tr[id^='late-']:has(td:text-is('{LEAD}'))").first
    late.get_by_role("link", name="记录").click()
    office.page.wait_for_url("**/work/journal/commitments/*")
    assert "催办" in office.page.locator("table.journal").inner_text()
    office.screenshot("supervision-journal")
