"""The ledger's commands: what they share, the database, and a report into the ledger.

Every ledger command opens the ledger named by ``LUOSHI_DATABASE_URL``
(``ledger_session``), resolves the acting user (``--user`` or ``LUOSHI_USER``)
and calls one service function in one transaction. The commands live by subject:
``review_cmd`` (review, split), ``assign_cmd`` (assign, withdraw),
``progress_cmd`` (progress reports, evidence), ``status_cmd`` (ledger, status,
judge, snapshots), ``excel_cmd`` (the 分工表), ``backup_cmd`` (backup, restore,
audit), ``organisation_cmd`` (users, governments) and ``editions_cmd`` (a draft
against its final report). Here: ``db``, ``import``, ``publish``, ``task``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.orm import Session

from luoshi.cli import app
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import LedgerError, ValidationFailed
from luoshi.ledger.db import is_current, make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Report, Versioned
from luoshi.ledger.services import closing, imports, review
from luoshi.ledger.services.policy import Actor, actor_for, scope
from luoshi.ledger.services.records import fetch

F = TypeVar("F", bound=Callable[..., Any])


def user_option(command: F) -> F:
    """``--user NAME``: who acts (default: the ``LUOSHI_USER`` setting; none: the public)."""
    return click.option(
        "--user", "user", default=None, help="Acting user (default: LUOSHI_USER; none: public)."
    )(command)


def as_of_option(command: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(["%Y-%m-%d"]),
        default=None,
        help="Compute status as of this date (default: today).",
    )(command)


@contextmanager
def ledger_session(user: str | None) -> Iterator[tuple[Session, Actor]]:
    """One transaction on the configured ledger, and the acting user."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        if not is_current(engine):
            raise LedgerError("the ledger has no tables yet: run `luoshi db upgrade` first")
        with unit_of_work(session_factory(engine)) as session:
            yield session, actor_for(session, user or settings.user)
    finally:
        engine.dispose()


def need_version(
    record: Versioned,
    expected: int | None,
    what: str,
    *,
    actor: Actor | None = None,
    action: str | None = None,
) -> None:
    """Refuse to change a record that may have changed since its editor read it.

    The command must carry the version its editor read (``luoshi ledger``, ``report list``
    and ``user list`` show it); the service then refuses if someone changed the record
    meanwhile. With ``actor`` and ``action``: a role that may not act at all is refused
    first, and learns no version.
    """
    if actor is not None and action is not None:
        scope(actor, action)
    if expected is None:
        raise ValidationFailed(
            f"{what} is at version {record.version}; say which version you read: "
            f"--version {record.version} (`luoshi ledger` shows it)"
        )


def as_of_day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def value_of(text: str | None) -> Decimal | None:
    return None if text is None else review.parse_decimal("--value", text)


@app.group("db")
def db_group() -> None:
    """The ledger's database."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the ledger's tables (LUOSHI_DATABASE_URL; see `luoshi info`)."""
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    echo("ledger is at the latest schema")


@app.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--government", required=True, help="Name of the government the report is of.")
@click.option("--edition", type=click.Choice(["final", "draft"]), default="final")
@click.option(
    "--supersedes",
    type=int,
    default=None,
    help="Id of the draft (征求意见稿) this final report replaces; see `luoshi carry-over`.",
)
@user_option
def import_command(
    file: Path, government: str, edition: str, supersedes: int | None, user: str | None
) -> None:
    """Read FILE, extract its figures and store its targets as proposed commitments."""
    with ledger_session(user) as (session, actor):
        report = imports.import_file(session, actor, file, government, edition, supersedes)
        count = imports.commitment_count(session, report.id)
        echo(f"report {report.id} imported: {report.title}; {count} proposed commitment(s)")
        if supersedes is not None:
            echo(f"report {report.id} supersedes draft {supersedes}")
        earlier = closing.closable(session, report)
        if earlier is not None:
            echo(
                f"it reviews {earlier.plan_year}: `luoshi close-year {report.id}` judges report "
                f"{earlier.id}'s commitments against it"
            )


@app.command("publish")
@click.argument("report_id", type=int)
@click.option("--version", "expected", type=int, help="The version you read (required).")
@user_option
def publish_command(report_id: int, expected: int | None, user: str | None) -> None:
    """Publish a report: its text freezes and its confirmed commitments become public."""
    with ledger_session(user) as (session, actor):
        current = fetch(session, Report, report_id)
        need_version(current, expected, f"report {report_id}", actor=actor, action="publish_report")
        imports.publish_report(session, actor, report_id, expected)
        echo(f"report {report_id} published")


@app.command("task")
@click.argument("report_id", type=int)
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.option("--type", "type_", default="工作任务", help="为民实事 / 重大项目 / 工作任务")
@click.option("--criterion", type=click.Choice(["started", "completed"]), default=None)
@user_option
def task_command(
    report_id: int, start: int, end: int, type_: str, criterion: str | None, user: str | None
) -> None:
    """Add a qualitative task: the report's text from START to END."""
    with ledger_session(user) as (session, actor):
        task = imports.add_task(session, actor, report_id, start, end, type_, criterion)
        echo(f"commitment {task.id} proposed: {task.title} (criterion {task.criterion})")
