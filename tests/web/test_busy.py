"""A portal whose database connections are all in use answers 503 with Retry-After, not 500."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from luoshi.ledger.db import session_factory
from luoshi.web import create_app

from .conftest import DemoLedger


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
