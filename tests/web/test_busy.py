"""A portal whose database connections are all in use answers 503 with Retry-After, not 500;
requests wait for a connection in one place, the gate in front of the app, in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from luoshi.ledger.db import session_factory
from luoshi.web import create_app
from luoshi.web.gate import LARGE_BODY_BYTES, DatabaseGate

from .conftest import DemoLedger

T = TypeVar("T")


def test_an_exhausted_connection_pool_is_a_503_to_retry(
    ledger_copy: Path, demo_ledger: DemoLedger
) -> None:
    app = create_app(demo_ledger.settings(ledger_copy))
    engine = create_engine(
        f"sqlite:///{ledger_copy}", pool_size=1, max_overflow=0, pool_timeout=0.1
    )
    app.state.sessions = session_factory(engine)
    with TestClient(app) as client:
        assert client.get("/reports/1").status_code == 200  # one connection is enough
        held = engine.connect()  # … until someone else holds it
        try:
            page = client.get("/reports/1")
            data = client.get("/reports/1/ledger.json")
        finally:
            held.close()
        assert page.status_code == 503 and page.headers["retry-after"] == "5"
        assert "服务繁忙" in page.text
        assert data.status_code == 503 and "服务繁忙" in data.json()["detail"]
        assert client.get("/reports/1").status_code == 200


def _gated(slots: int, wait_seconds: float) -> tuple[DatabaseGate, list[int]]:
    """A gate in front of pages that take 50 ms; the number of pages under way, as each began."""
    under_way = [0]
    seen: list[int] = []

    async def page(_request: Request) -> Response:
        under_way[0] += 1
        seen.append(under_way[0])
        await asyncio.sleep(0.05)
        under_way[0] -= 1
        return PlainTextResponse("ok")

    inner = Starlette(
        routes=[Route("/page", page, methods=["GET", "POST"]), Route("/static/file", page)]
    )

    def busy(_request: Request) -> Response:
        return PlainTextResponse("busy", status_code=503, headers={"Retry-After": "5"})

    return DatabaseGate(inner, slots=slots, wait_seconds=wait_seconds, busy=busy), seen


async def _get_all(app: ASGIApp, paths: list[str]) -> list[httpx.Response]:
    """GET each path at once; ``POST LARGE /path``: a POST of a body past the gate's limit."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://luoshi") as client:

        def send(path: str) -> Any:
            if path.startswith("POST LARGE "):
                return client.post(path.split()[-1], content=b"x" * (LARGE_BODY_BYTES + 1))
            return client.get(path)

        return list(await asyncio.gather(*(send(path) for path in paths)))


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a thread of its own: a browser test on the same worker (Playwright's sync
    API) leaves an event loop running on this one, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_requests_pass_the_database_gate_as_many_at_once_as_it_has_connections() -> None:
    gate, seen = _gated(slots=2, wait_seconds=5)
    answers = _run(_get_all(gate, ["/page"] * 6))
    assert [a.status_code for a in answers] == [200] * 6
    assert len(seen) == 6 and max(seen) == 2  # the others waited their turn, none was refused


def test_a_request_that_waits_too_long_at_the_gate_is_a_503_and_static_files_pass_by() -> None:
    gate, seen = _gated(slots=1, wait_seconds=0.01)
    answers = _run(_get_all(gate, ["/page", "/page", "/static/file"]))
    assert [a.status_code for a in answers] == [200, 503, 200]
    assert answers[1].headers["retry-after"] == "5"
    assert max(seen) == 2  # the static file ran beside the page that held the one connection


def test_an_upload_passes_the_gate_rather_than_hold_a_turn_while_its_body_arrives() -> None:
    gate, seen = _gated(slots=1, wait_seconds=0.01)
    answers = _run(_get_all(gate, ["/page", "POST LARGE /page", "/page"]))
    assert [a.status_code for a in answers] == [200, 200, 503]
    assert max(seen) == 2


def test_the_portal_sizes_its_pool_and_gate_from_the_settings(
    ledger_copy: Path, demo_ledger: DemoLedger
) -> None:
    settings = demo_ledger.settings(ledger_copy).model_copy(
        update={"database_pool_size": 1, "database_queue_seconds": 0.01}
    )
    app = create_app(settings)
    assert app.state.sessions.kw["bind"].pool.size() == 1
    # Two report pages at once through one connection: the second waits past 0.01 s, is refused.
    pages = _run(_get_all(app, ["/reports/1", "/reports/1"]))
    assert sorted(p.status_code for p in pages) == [200, 503]
    refused = next(p for p in pages if p.status_code == 503)
    assert refused.headers["retry-after"] == "5" and "服务繁忙" in refused.text
    assert "Content-Security-Policy" in refused.headers
