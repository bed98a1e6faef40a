"""``luoshi backup``, ``restore`` and ``audit``: the whole ledger, and its journal."""

from __future__ import annotations

import json
from pathlib import Path

import click
from sqlalchemy import Engine

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, user_option
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import LedgerError
from luoshi.ledger import backup as backups
from luoshi.ledger.db import is_current, make_engine
from luoshi.ledger.services import audit


@app.command("audit")
@click.option("--entity", default=None, help="Table name: commitments, progress_reports, …")
@click.option("--id", "entity_id", type=int, default=None)
@user_option
def audit_command(entity: str | None, entity_id: int | None, user: str | None) -> None:
    """The audit journal, oldest first (one JSON object per line)."""
    with ledger_session(user) as (session, actor):
        for event in audit.journal(session, actor, entity, entity_id):
            echo(json.dumps(audit.row(event), ensure_ascii=False))


@app.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
@user_option
def backup_command(target: Path, user: str | None) -> None:
    """Write every row of the ledger and its evidence files to TARGET (JSON lines; admins)."""
    with ledger_session(user) as (session, actor):
        engine = session.get_bind()
        assert isinstance(engine, Engine)
        count = backups.backup(engine, target, get_settings().evidence_dir, actor=actor)
    echo(f"{target}: {count} row(s)")


@app.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
def restore_command(source: Path) -> None:
    """Load a backup into an empty ledger (created with `luoshi db upgrade`)."""
    engine = make_engine(get_settings().database_url)
    try:
        if not is_current(engine):
            raise LedgerError("the ledger has no tables yet: run `luoshi db upgrade` first")
        count = backups.restore(engine, source, get_settings().evidence_dir)
    finally:
        engine.dispose()
    echo(f"{source}: {count} row(s) restored")
