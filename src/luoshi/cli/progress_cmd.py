"""``luoshi report`` and ``evidence``: departments file progress reports, the office approves
or returns them, and those who may read a report open its evidence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path, PurePath

import click
from sqlalchemy.orm import Session

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, need_version, user_option, value_of
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import InputError, ValidationFailed
from luoshi.ledger.models import ProgressReport
from luoshi.ledger.services import progress
from luoshi.ledger.services.policy import Actor
from luoshi.ledger.services.records import fetch


def _read(
    session: Session, actor: Actor, report_id: int, expected: int | None, action: str
) -> None:
    """The progress report may change only for the version its editor read (see need_version)."""
    current = fetch(session, ProgressReport, report_id)
    need_version(current, expected, f"report {report_id}", actor=actor, action=action)


@app.group("report")
def report_group() -> None:
    """Progress reports: file, submit, approve, return."""


@report_group.command("file")
@click.argument("commitment_id", type=int)
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--value", default=None, help="Reported value, in the target's unit.")
@click.option("--milestone", type=click.Choice(["none", "started", "completed"]), default="none")
@click.option("--done", default="", help="已完成工作")
@click.option("--next", "next_steps", default="", help="下一步计划")
@click.option("--problems", default="", help="存在问题")
@click.option("--support", default="", help="需要支持")
@click.option("--evidence", multiple=True, type=click.Path(path_type=Path), help="A file.")
@click.option("--link", multiple=True, help="An http(s) link as evidence.")
@click.option("--department", type=int, default=None, help="Department id (admins only).")
@click.option("--submit", is_flag=True, help="Submit at once.")
@click.option(
    "--supersedes",
    type=int,
    default=None,
    help="The approved report of the same date this one corrects.",
)
@user_option
def report_file(
    commitment_id: int,
    as_of: dt.datetime,
    value: str | None,
    milestone: str,
    done: str,
    next_steps: str,
    problems: str,
    support: str,
    evidence: tuple[Path, ...],
    link: tuple[str, ...],
    department: int | None,
    submit: bool,
    supersedes: int | None,
    user: str | None,
) -> None:
    """File a progress report on a commitment (a draft unless --submit)."""
    settings = get_settings()
    narrative = {"done": done, "next_steps": next_steps, "problems": problems, "support": support}
    with ledger_session(user) as (session, actor):
        report = progress.file_progress(
            session,
            actor,
            commitment_id,
            as_of.date(),
            value=value_of(value),
            milestone=milestone,
            narrative=narrative,
            department_id=department,
            evidence=evidence,
            evidence_dir=settings.evidence_dir,
            links=link,
            max_evidence_bytes=settings.max_evidence_bytes,
            supersedes=supersedes,
        )
        if submit:
            progress.submit(session, actor, report.id)
        echo(f"progress report {report.id} {report.state}")


@report_group.command("list")
@click.option(
    "--state", type=click.Choice(["draft", "submitted", "approved", "returned"]), default=None
)
@click.option(
    "--waiting", is_flag=True, help="Waiting for me: submitted (office), drafts and returned."
)
@user_option
def report_list(state: str | None, waiting: bool, user: str | None) -> None:
    """Progress reports you may see: id, version, state, commitment, as-of date, value."""
    with ledger_session(user) as (session, actor):
        for found in progress.listing(session, actor, state, waiting=waiting):
            value = "—" if found.value is None else f"{found.value.normalize():f}"
            why = f"  ({found.state_reason})" if found.state == "returned" else ""
            echo(
                f"{found.id:>5} v{found.version}  {found.state}  commitment {found.commitment_id}"
                f"  as of {found.as_of}  {value}{why}"
            )


@report_group.command("edit")
@click.argument("report_id", type=int)
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--value", default=None)
@click.option("--milestone", type=click.Choice(["none", "started", "completed"]), default=None)
@click.option("--done", default=None, help="已完成工作")
@click.option("--next", "next_steps", default=None, help="下一步计划")
@click.option("--problems", default=None, help="存在问题")
@click.option("--support", default=None, help="需要支持")
@click.option("--version", "expected", type=int, help="The version you edited (required).")
@user_option
def report_edit(
    report_id: int,
    as_of: dt.datetime | None,
    value: str | None,
    milestone: str | None,
    done: str | None,
    next_steps: str | None,
    problems: str | None,
    support: str | None,
    expected: int | None,
    user: str | None,
) -> None:
    """Change a draft or returned progress report (a returned one becomes a draft again)."""
    given = {
        "as_of": as_of.date() if as_of else None,
        "value": value_of(value),
        "milestone": milestone,
        "done": done,
        "next_steps": next_steps,
        "problems": problems,
        "support": support,
    }
    changes = {key: v for key, v in given.items() if v is not None}
    if not changes:
        raise ValidationFailed("nothing to change: give at least one option")
    with ledger_session(user) as (session, actor):
        _read(session, actor, report_id, expected, "file_progress")
        report = progress.edit_progress(session, actor, report_id, changes, expected)
        echo(f"progress report {report_id} {report.state}, version {report.version}")


@report_group.command("submit")
@click.argument("report_id", type=int)
@click.option("--version", "expected", type=int, help="The version you read (required).")
@user_option
def report_submit(report_id: int, expected: int | None, user: str | None) -> None:
    """Submit a draft progress report."""
    with ledger_session(user) as (session, actor):
        _read(session, actor, report_id, expected, "file_progress")
        progress.submit(session, actor, report_id, expected)
        echo(f"progress report {report_id} submitted")


@report_group.command("approve")
@click.argument("report_id", type=int)
@click.option("--reason", default="")
@click.option("--version", "expected", type=int, help="The version you read (required).")
@user_option
def report_approve(report_id: int, reason: str, expected: int | None, user: str | None) -> None:
    """Approve a submitted progress report."""
    with ledger_session(user) as (session, actor):
        _read(session, actor, report_id, expected, "decide_progress")
        progress.decide(session, actor, report_id, "approved", reason, expected)
        echo(f"progress report {report_id} approved")


@report_group.command("return")
@click.argument("report_id", type=int)
@click.option("--reason", required=True, help="Why it goes back.")
@click.option("--version", "expected", type=int, help="The version you read (required).")
@user_option
def report_return(report_id: int, reason: str, expected: int | None, user: str | None) -> None:
    """Return a submitted progress report to its department, saying why."""
    with ledger_session(user) as (session, actor):
        _read(session, actor, report_id, expected, "decide_progress")
        progress.decide(session, actor, report_id, "returned", reason, expected)
        echo(f"progress report {report_id} returned")


@app.group("evidence")
def evidence_group() -> None:
    """The evidence of progress reports."""


@evidence_group.command("open")
@click.argument("evidence_id", type=int)
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="Write a copy here (a new file, or into a folder); default: print where it is.",
)
@user_option
def evidence_open(evidence_id: int, target: Path | None, user: str | None) -> None:
    """Where evidence EVIDENCE_ID is stored (or its link), or a copy of it written --to a path."""
    with ledger_session(user) as (session, actor):
        evidence, stored = progress.evidence_of(
            session, actor, evidence_id, get_settings().evidence_dir
        )
        if stored is None:
            echo(f"evidence {evidence_id}: link {evidence.url}")
            return
        if target is None:
            echo(f"evidence {evidence_id}: {evidence.filename} at {stored}")
            return
        if target.is_dir():
            name = PurePath(evidence.filename).name  # a name, never a path from the ledger
            target = target / (name if name not in ("", ".", "..") else stored.name)
        if target.exists():
            raise InputError(target, "exists already; give a new file name or a folder")
        if not target.parent.is_dir():
            raise InputError(target.parent, "no such folder")
        shutil.copyfile(stored, target)
        echo(f"evidence {evidence_id}: {evidence.filename} written to {target}")
