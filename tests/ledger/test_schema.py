"""The migration and the models agree; the journal is append-only in the database itself."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect, text, update
from sqlalchemy.exc import DBAPIError

from luoshi.ledger.db import make_engine, upgrade
from luoshi.ledger.models import AuditEvent, Base, StatusCache, include_name
from luoshi.ledger.services import portal
from luoshi.ledger.services.policy import PUBLIC
from luoshi.ledger.status import Tolerance

from .conftest import World
from .test_flow import confirm_and_assign


def _context(connection: Connection) -> MigrationContext:
    """A comparison context that leaves the search indexes (made beside the models) alone."""
    return MigrationContext.configure(connection, opts={"include_name": include_name})


def test_migration_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(_context(connection), Base.metadata)
    assert differences == []


def test_upgrade_twice_is_harmless(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert "commitments" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _downgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("luoshi.ledger") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_second_revision_goes_up_and_down_keeping_rows_and_triggers(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (name, role, created_at, version) "
                    "VALUES ('老用户', 'admin', '2022-01-01', 1)"
                )
            )
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name, active FROM users")).one() == (
                "老用户",
                True,
            )
        _downgrade(engine, "0001")
        assert "active" not in {c["name"] for c in inspect(engine).get_columns("users")}
        assert "supersedes_id" not in {c["name"] for c in inspect(engine).get_columns("reports")}
        upgrade(engine)
        with engine.connect() as connection:
            differences = compare_metadata(_context(connection), Base.metadata)
            assert differences == []
            assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 1
        # The table rebuilds on SQLite kept the trigger that freezes a published text.
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO governments (name, level, region_code, credit_code, version) "
                    "VALUES ('武威市', '', '', '', 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO reports (government_id, title, edition, state, source, sha256, "
                    "text, meta, outline, version) VALUES (1, '', 'final', 'published', '', "
                    "'x', '原文', '{}', '[]', 1)"
                )
            )
        with pytest.raises(DBAPIError, match="immutable"), engine.begin() as connection:
            connection.execute(text("UPDATE reports SET text = '改写'"))
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_audit_journal_refuses_update_and_delete(world: World, engine: Engine) -> None:
    for statement in (
        update(AuditEvent).values(actor="someone else"),
        AuditEvent.__table__.delete(),
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(statement)  # type: ignore[arg-type]


def test_portal_reads_the_refreshed_status_cache(world: World) -> None:
    from luoshi.ledger.db import unit_of_work
    from luoshi.ledger.services import imports

    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        imports.publish_report(session, world.actor("admin"), world.report_id)
        with pytest.raises(Exception, match="may not refresh"):
            portal.refresh(session, PUBLIC, Tolerance(), dt.date(2022, 3, 20))
        refreshed = portal.refresh(
            session, world.actor("reviewer"), Tolerance(), dt.date(2022, 3, 20)
        )
        assert refreshed.count == 4
    with unit_of_work(world.factory) as session:
        government = session.get(StatusCache, cid).government_id  # type: ignore[union-attr]
        page = session.execute(portal.page(government)).all()
        assert [(row.id, row.code) for row in page] == [(cid, "逾期未报")]
        office = session.execute(portal.page(government, public=False)).all()
        assert len(office) == 4
        assert session.execute(portal.page(government, "达进度")).all() == []
        department = world.departments["市人社局"]
        assert [
            r.id for r in session.execute(portal.page(government, department_id=department))
        ] == [cid]
        assert session.execute(portal.latest_approved([cid])).all() == []
        counts = dict(session.execute(portal.counts(government)).all())
        assert sum(counts.values()) == 4 and counts["逾期未报"] == 1


def test_published_text_is_frozen_in_the_database(world: World, engine: Engine) -> None:
    from luoshi.ledger.db import unit_of_work
    from luoshi.ledger.models import Report
    from luoshi.ledger.services import imports

    change = update(Report).values(text="改写").where(Report.id == world.report_id)
    with engine.begin() as connection:
        connection.execute(
            update(Report).values(title="草稿可改").where(Report.id == world.report_id)
        )
    with unit_of_work(world.factory) as session:
        imports.publish_report(session, world.actor("admin"), world.report_id)
    with pytest.raises(DBAPIError, match="immutable"), engine.begin() as connection:
        connection.execute(change)
    with engine.begin() as connection:  # other columns of a published report may still change
        connection.execute(
            update(Report).values(title="正式稿").where(Report.id == world.report_id)
        )
