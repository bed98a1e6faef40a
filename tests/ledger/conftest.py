"""Ledger fixtures: a fresh database per test on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli import app
from luoshi.config import get_settings
from luoshi.extraction.figure import Figure
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Commitment
from luoshi.ledger.services import organisation
from luoshi.ledger.services.imports import import_document
from luoshi.ledger.services.policy import Actor, actor_for
from luoshi.reading.document import Document, Metadata

Run = Callable[..., Result]

POSTGRES_URL = os.environ.get("LUOSHI_TEST_POSTGRES_URL")

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="LUOSHI_TEST_POSTGRES_URL is unset"),
        ],
    ),
]

REPORT_TEXT = (
    "2022年政府工作报告\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，城镇新增就业1.5万人，"
    "城镇调查失业率控制在5.5%以内，单位GDP能耗下降3%。"
    "去年城镇新增就业1.4万人。"
    "开工建设民勤通用机场。建成武威市全民健身中心。"
)


def _figure(quote: str, **fields: object) -> Figure:
    # As spec/figures.md has it: the span is the number's, the quote the text around it.
    number = re.search(r"\d+(?:\.\d+)?", quote)
    assert number is not None
    start = REPORT_TEXT.index(quote) + number.start()
    defaults: dict[str, object] = dict(
        start=start,
        end=start + len(number[0]),
        value_max=None,
        kind="target",
        period="2022",
        section=("2022年工作安排",),
        quote=quote,
        base_value=None,
        base_value_max=None,
        base_unit="",
        rule="test",
    )
    return Figure(**(defaults | fields))


FIGURES = [
    _figure(
        "地区生产总值增长7%左右",
        value=Decimal(7),
        unit="%",
        indicator="地区生产总值",
        measure="rate",
        comparator="~",
    ),
    _figure(
        "城镇新增就业1.5万人",
        value=Decimal("1.5"),
        unit="万人",
        indicator="城镇新增就业",
        measure="level",
        comparator=">=",
    ),
    _figure(
        "城镇调查失业率控制在5.5%以内",
        value=Decimal("5.5"),
        unit="%",
        indicator="城镇调查失业率",
        measure="rate",
        comparator="<=",
    ),
    _figure(
        "单位GDP能耗下降3%",
        value=Decimal(3),
        unit="%",
        indicator="单位GDP能耗下降",
        measure="rate",
        comparator=">=",
    ),
    _figure(
        "城镇新增就业1.4万人",
        value=Decimal("1.4"),
        unit="万人",
        indicator="城镇新增就业",
        measure="level",
        comparator="=",
        kind="actual",
        period="2021",
    ),
]


def make_document() -> Document:
    return Document(
        text=REPORT_TEXT,
        format="txt",
        source="wuwei-test.txt",
        metadata=Metadata(
            title="2022年政府工作报告", delivered=dt.date(2021, 12, 7), plan_year=2022
        ),
    )


def postgres_schema_url(schema: str) -> str:
    assert POSTGRES_URL
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database (not migrated)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    assert POSTGRES_URL
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield postgres_schema_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty ledger."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@dataclass
class World:
    """A ledger with a government, departments, users of every role and an imported report."""

    factory: sessionmaker[Session]
    report_id: int
    commitments: dict[str, int]  # indicator → id
    departments: dict[str, int]

    def actor(self, name: str) -> Actor:
        with unit_of_work(self.factory) as session:
            return actor_for(session, name)


DEPARTMENTS = ("市人社局", "市发改委", "市统计局", "市交通局")


@pytest.fixture
def world(factory: sessionmaker[Session]) -> World:
    with unit_of_work(factory) as session:
        admin = organisation.SYSTEM
        organisation.add_user(session, admin, "admin", "admin")
        organisation.add_government(session, admin, "武威市", "市", "620600", "11622300013930944B")
        departments = {
            name: organisation.add_department(session, admin, "武威市", name).id
            for name in DEPARTMENTS
        }
        organisation.add_user(session, admin, "reviewer", "reviewer")
        organisation.add_user(session, admin, "hr", "reporter", departments["市人社局"])
        organisation.add_user(session, admin, "ndrc", "reporter", departments["市发改委"])
        organisation.add_user(session, admin, "transport", "reporter", departments["市交通局"])
        report = import_document(session, admin, make_document(), FIGURES, "武威市")
        commitments = {
            c.indicator: c.id
            for c in session.query(Commitment).filter(Commitment.report_id == report.id)
        }
        return World(factory, report.id, commitments, departments)


@pytest.fixture
def run(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    monkeypatch.setenv("LUOSHI_DATABASE_URL", database_url)
    monkeypatch.setenv("LUOSHI_EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.delenv("LUOSHI_USER", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> Result:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, (args, result.output, result.exception)
        return result

    yield invoke
    get_settings.cache_clear()
