"""Backup and restore: every row of every table comes back exactly."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.errors import Conflict, InputError
from luoshi.ledger.backup import backup, restore
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Base, Commitment
from luoshi.ledger.services import assignment, organisation, progress, review, snapshots, tracking
from luoshi.ledger.status import Tolerance

from .conftest import World


def everything(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as connection:
        return {
            table.name: [
                dict(r)
                for r in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in Base.metadata.sorted_tables
        }


def busy_ledger(world: World, evidence_dir: Path) -> None:
    photo = evidence_dir.parent / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    reviewer, hr, ndrc = world.actor("reviewer"), world.actor("hr"), world.actor("ndrc")
    with unit_of_work(world.factory) as session:
        cid = world.commitments["城镇新增就业"]
        review.decide(session, reviewer, cid, "confirmed")
        review.decide(session, reviewer, world.commitments["地区生产总值"], "rejected", "重复")
        assignment.assign(
            session,
            reviewer,
            cid,
            "市人社局",
            ["市发改委"],
            dt.date(2022, 12, 31),
            "monthly",
            dt.date(2022, 1, 1),
        )
        part = progress.file_progress(
            session, ndrc, cid, dt.date(2022, 1, 31), value=Decimal("0.05")
        )
        progress.submit(session, ndrc, part.id)
        lead = progress.file_progress(
            session,
            hr,
            cid,
            dt.date(2022, 1, 31),
            value=Decimal("0.125"),
            narrative={"done": "完成", "problems": "无"},
            links=["https://example.gov.cn/a"],
            evidence=[photo],
            evidence_dir=evidence_dir,
        )
        progress.submit(session, hr, lead.id)
        progress.decide(session, reviewer, lead.id, "approved")
        tracking.judge(session, reviewer, cid, "达进度", "核实")
        review.split(session, reviewer, cid, [("城区", Decimal("0.5")), ("农村", Decimal("0.5"))])
        snapshots.take(session, reviewer, "武威市", "2022-01", Tolerance())


def test_round_trip_is_exact(
    world: World, engine: Engine, tmp_path: Path, database_url: str
) -> None:
    busy_ledger(world, tmp_path / "evidence")
    original = everything(engine)
    assert all(
        original[name] for name in ("progress_reports", "evidence", "judgements", "snapshots")
    )
    contribution = next(r for r in original["progress_reports"] if r["contribution"])
    assert contribution["consolidated_into_id"] > contribution["id"]  # a forward link
    file = tmp_path / "ledger.jsonl"
    rows = backup(engine, file, tmp_path / "evidence")
    assert rows == sum(len(v) for v in original.values())
    target_url = _fresh_url(database_url, tmp_path)
    target = make_engine(target_url)
    upgrade(target)
    try:
        assert restore(target, file, tmp_path / "restored-evidence") == rows
        assert everything(target) == original
        files = {
            p.relative_to(tmp_path / "evidence"): p.read_bytes()
            for p in (tmp_path / "evidence").rglob("*")
            if p.is_file()
        }
        restored = tmp_path / "restored-evidence"
        assert (
            files
            and {
                p.relative_to(restored): p.read_bytes() for p in restored.rglob("*") if p.is_file()
            }
            == files
        )
        # The restored ledger goes on: new rows get new ids.
        with unit_of_work(session_factory(target)) as session:
            admin = organisation.SYSTEM
            department = organisation.add_department(session, admin, "武威市", "市水务局")
            assert department.id > max(r["id"] for r in original["departments"])
    finally:
        target.dispose()
        _drop(target_url, database_url)


def test_a_backup_of_the_first_schema_restores_into_the_current_one(
    world: World, engine: Engine, tmp_path: Path, database_url: str
) -> None:
    original = everything(engine)
    file = tmp_path / "ledger.jsonl"
    backup(engine, file)
    # As revision 0001 wrote it: no users.active, no reports.supersedes_id, and (format 1)
    # no manifest line at the end.
    header, *rows, manifest = (json.loads(line) for line in file.read_text().splitlines())
    assert header["revision"] == "0010" and manifest["end"] is True
    header["version"] = 1
    for item in rows:
        for column in (
            "active",
            "supersedes_id",
            "password_hash",
            "must_change_password",
            "failed_logins",
            "locked_until",
        ):
            item["row"].pop(column, None)
    old = [header | {"revision": "0001"}, *rows]
    file.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in old))
    target_url = _fresh_url(database_url, tmp_path)
    target = make_engine(target_url)
    upgrade(target)
    try:
        restore(target, file)
        restored = everything(target)
        assert restored == original and all(user["active"] for user in restored["users"])
    finally:
        target.dispose()
        _drop(target_url, database_url)
    file.write_text("".join(json.dumps(item) + "\n" for item in [header | {"revision": "0000"}]))
    with pytest.raises(InputError, match="backup is of schema 0000"):
        restore(engine, file)


def test_restore_refuses_a_ledger_with_rows(world: World, engine: Engine, tmp_path: Path) -> None:
    file = tmp_path / "ledger.jsonl"
    backup(engine, file)
    with pytest.raises(Conflict, match="empty ledger"):
        restore(engine, file)


def test_broken_backup_restores_nothing(
    world: World, engine: Engine, tmp_path: Path, database_url: str
) -> None:
    file = tmp_path / "ledger.jsonl"
    backup(engine, file)
    lines = file.read_text().splitlines()
    file.write_text("\n".join([*lines[:10], '{"table": "nope", "row": {}}', *lines[10:]]) + "\n")
    target_url = _fresh_url(database_url, tmp_path)
    target = make_engine(target_url)
    upgrade(target)
    try:
        with pytest.raises(InputError, match="line 11"):
            restore(target, file)
        assert not any(everything(target).values())
    finally:
        target.dispose()
        _drop(target_url, database_url)


def _fresh_url(database_url: str, tmp_path: Path) -> str:
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    import uuid

    from sqlalchemy import create_engine, text

    from .conftest import POSTGRES_URL, postgres_schema_url

    assert POSTGRES_URL
    schema = f"restore_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    admin.dispose()
    return postgres_schema_url(schema)


def _drop(url: str, database_url: str) -> None:
    if url.startswith("sqlite"):
        return
    from sqlalchemy import create_engine, text

    from .conftest import POSTGRES_URL

    assert POSTGRES_URL
    schema = url.rsplit("%3D", 1)[1]
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_unused_helpers_are_typed(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as session:
        assert session.scalars(select(Commitment)).all() == []
