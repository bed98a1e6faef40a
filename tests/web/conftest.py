"""The portal's fixtures: the demo ledger (built once per test process) and apps over it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.config import Settings
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, upgrade
from luoshi.web import create_app
from tests.extraction._shared import CORPUS, WUWEI


@dataclass(frozen=True)
class DemoLedger:
    """A built demo ledger: its database file, evidence folder and what it holds."""

    database: Path
    evidence: Path
    built: demo.Demo

    def settings(self, database: Path | None = None) -> Settings:
        return Settings(
            database_url=f"sqlite:///{database or self.database}",
            evidence_dir=self.evidence,
            status_date=demo.AS_OF,
        )


@pytest.fixture(scope="session")
def demo_ledger(tmp_path_factory: pytest.TempPathFactory) -> DemoLedger:
    folder = tmp_path_factory.mktemp("demo")
    engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
    upgrade(engine)
    national = CORPUS / "national"
    extra = [("国务院", national / f"national-{year}-work-report.txt") for year in (2022, 2023)]
    built = demo.build(session_factory(engine), WUWEI, folder / "evidence", extra=extra)
    engine.dispose()
    return DemoLedger(folder / "demo.db", folder / "evidence", built)


@pytest.fixture(scope="session")
def client(demo_ledger: DemoLedger) -> Iterator[TestClient]:
    """The portal over the demo ledger, read only by the tests that use it."""
    with TestClient(create_app(demo_ledger.settings(), demo=True)) as opened:
        yield opened


@pytest.fixture
def ledger_copy(demo_ledger: DemoLedger, tmp_path: Path) -> Path:
    """A private copy of the demo database, for a test that changes it."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_ledger.database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    shutil.copytree(demo_ledger.evidence, tmp_path / "evidence")
    return copy
