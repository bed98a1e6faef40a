"""The ledger's commands: a thin adapter over ``luoshi.ledger.services``.

Every command opens the ledger named by ``LUOSHI_DATABASE_URL``, resolves the
acting user (``--user`` or ``LUOSHI_USER``) and calls one service function in
one transaction. Users and governments have their commands in
``organisation_cmd``, a draft against its final report in ``editions_cmd``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from luoshi.cli import app
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import LedgerError, ValidationFailed
from luoshi.ledger import backup as backups
from luoshi.ledger import excel
from luoshi.ledger.db import is_current, make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Commitment, ProgressReport, Versioned
from luoshi.ledger.services import (
    assignment,
    audit,
    closing,
    imports,
    organisation,
    portal,
    progress,
    review,
    snapshots,
    tracking,
)
from luoshi.ledger.services.policy import Actor, actor_for
from luoshi.ledger.services.records import fetch
from luoshi.ledger.status import STATUSES

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


def need_version(record: Versioned, expected: int | None, what: str) -> None:
    """Refuse to change a record that may have changed since its editor read it.

    The command must carry the version its editor read (``luoshi ledger`` shows it);
    the service then refuses if someone changed the record meanwhile.
    """
    if expected is None:
        raise ValidationFailed(
            f"{what} is at version {record.version}; say which version you read: "
            f"--version {record.version} (`luoshi ledger` shows it)"
        )


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def _decimal(text: str | None) -> Decimal | None:
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
@user_option
def publish_command(report_id: int, user: str | None) -> None:
    """Publish a report: its text freezes and its confirmed commitments become public."""
    with ledger_session(user) as (session, actor):
        imports.publish_report(session, actor, report_id)
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


@app.command("review")
@click.argument("ids")
@click.option("--confirm", "decision", flag_value="confirmed", help="Confirm the commitment(s).")
@click.option("--reject", "decision", flag_value="rejected", help="Reject (needs --reason).")
@click.option("--set", "changes", multiple=True, help="Correct a field: --set target=1.6")
@click.option("--reason", default="")
@click.option(
    "--version",
    "expected",
    type=int,
    help="The commitment version you reviewed (required for one; `luoshi ledger` shows it).",
)
@user_option
def review_command(
    ids: str,
    decision: str | None,
    changes: tuple[str, ...],
    reason: str,
    expected: int | None,
    user: str | None,
) -> None:
    """Confirm, reject or correct proposed commitment(s).

    IDS is one id, or a list and ranges (1-61 or 3,5,8-12) to confirm or reject at once:
    all of them if every one is still proposed, else none.
    """
    if not decision and not changes:
        raise ValidationFailed("say --confirm, --reject or --set FIELD=VALUE")
    chosen = review.parse_ids(ids)
    if len(chosen) > 1 or not ids.strip().isdigit():
        if changes or expected is not None:
            raise ValidationFailed("--set and --version go with one commitment id, not a list")
        assert decision is not None
        with ledger_session(user) as (session, actor):
            decided = review.decide_many(session, actor, chosen, decision, reason)
            echo(f"{len(decided)} commitment(s) {decision}")
        return
    (commitment_id,) = chosen
    fields: dict[str, Any] = {}
    for change in changes:
        key, sep, value = change.partition("=")
        if not sep:
            raise ValidationFailed(f"--set {change!r}: write FIELD=VALUE")
        fields[key.strip()] = {"": None, "true": True, "false": False}.get(value.strip(), value)
    with ledger_session(user) as (session, actor):
        current = fetch(session, Commitment, commitment_id)
        need_version(current, expected, f"commitment {commitment_id} ({current.review_state})")
        if fields:
            review.edit(session, actor, commitment_id, fields, reason, expected)
            expected = None
        if decision:
            review.decide(session, actor, commitment_id, decision, reason, expected)
        echo(f"commitment {commitment_id}: {decision or 'corrected'}")


@app.command("ledger")
@click.option("--government", default=None)
@click.option("--status", "status", type=click.Choice(list(STATUSES)), default=None)
@click.option("--department", default=None, help="Department name or id.")
@click.option("--review-state", type=click.Choice(["proposed", "confirmed", "rejected"]))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@as_of_option
@user_option
def ledger_command(
    government: str | None,
    status: str | None,
    department: str | None,
    review_state: str | None,
    as_json: bool,
    as_of: dt.datetime | None,
    user: str | None,
) -> None:
    """The commitments you may see, with their computed status."""
    with ledger_session(user) as (session, actor):
        entries = tracking.ledger(
            session,
            actor,
            tracking.tolerance_from(get_settings()),
            _day(as_of),
            government=government,
            status=status,
            department=organisation.find_department(session, department, government)
            if department
            else None,
            review_state=review_state,
        )
        for entry in entries:
            c = entry.commitment
            a = c.assignment
            line = {
                "id": c.id,
                "version": c.version,
                "type": c.type,
                "title": c.title,
                "target": excel.target_text(c),
                "period": c.period,
                "review": c.review_state,
                "status": entry.status.code,
                "colour": entry.status.colour,
                "judgement": entry.judgement.code if entry.judgement else None,
                "lead": a.lead.name if a else None,
                "due": a.due.isoformat() if a and a.due else None,
                "assignment_version": a.version if a else None,
            }
            if as_json:
                echo(json.dumps(line, ensure_ascii=False))
            else:
                judged = f" (判断: {line['judgement']})" if line["judgement"] else ""
                due = line["due"] or "—"
                assigned = f"  牵头 {line['lead']} 时限 {due} (分工 v{a.version})" if a else ""
                echo(
                    f"{c.id:>5} v{c.version}  {entry.status.code}{judged}  [{c.review_state}]  "
                    f"{c.type}  {c.title}  {line['target']}  {c.period}{assigned}"
                )


@app.command("assign")
@click.argument("commitment_id", type=int)
@click.option("--lead", default=None, help="牵头单位 (department name); kept when not given.")
@click.option("--partner", "partners", multiple=True, help="配合单位; repeat for several.")
@click.option("--no-partners", is_flag=True, help="Remove every 配合单位.")
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), default=None, help="完成时限.")
@click.option("--no-due", is_flag=True, help="Remove the 完成时限.")
@click.option("--cycle", type=click.Choice(["monthly", "quarterly"]), default=None)
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Reporting from.")
@click.option("--reason", default="")
@click.option(
    "--version",
    "expected",
    type=int,
    help="The assignment version you read in `luoshi ledger` (needed to change one).",
)
@user_option
def assign_command(
    commitment_id: int,
    lead: str | None,
    partners: tuple[str, ...],
    no_partners: bool,
    due: dt.datetime | None,
    no_due: bool,
    cycle: str | None,
    starts: dt.datetime | None,
    reason: str,
    expected: int | None,
    user: str | None,
) -> None:
    """Assign a confirmed commitment, or change its assignment (options not given are kept)."""
    if no_partners and partners:
        raise ValidationFailed("say --partner or --no-partners, not both")
    if no_due and due:
        raise ValidationFailed("say --due or --no-due, not both")
    with ledger_session(user) as (session, actor):
        current = fetch(session, Commitment, commitment_id).assignment
        if current is not None:
            need_version(current, expected, f"the assignment of commitment {commitment_id}")
        changed = assignment.change(
            session,
            actor,
            commitment_id,
            lead=lead,
            partners=() if no_partners else (partners or None),
            due=due.date() if due else None,
            clear_due=no_due,
            cycle=cycle,
            starts=starts.date() if starts else None,
            reason=reason,
            expected_version=expected,
        )
        echo(
            f"commitment {commitment_id} assigned to {changed.lead.name}, "
            f"assignment version {changed.version}"
        )


@app.command("withdraw")
@click.argument("commitment_id", type=int)
@click.option("--reason", required=True, help="Why the assignment is withdrawn.")
@click.option("--version", "expected", type=int, required=True, help="The assignment version.")
@user_option
def withdraw_command(commitment_id: int, reason: str, expected: int, user: str | None) -> None:
    """Withdraw a commitment's assignment (it can be assigned afresh)."""
    with ledger_session(user) as (session, actor):
        assignment.withdraw(session, actor, commitment_id, reason, expected)
        echo(f"commitment {commitment_id}: assignment withdrawn")


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
            value=_decimal(value),
            milestone=milestone,
            narrative=narrative,
            department_id=department,
            evidence=evidence,
            evidence_dir=settings.evidence_dir,
            links=link,
            max_evidence_bytes=settings.max_evidence_bytes,
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
        "value": _decimal(value),
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
        need_version(fetch(session, ProgressReport, report_id), expected, f"report {report_id}")
        report = progress.edit_progress(session, actor, report_id, changes, expected)
        echo(f"progress report {report_id} {report.state}, version {report.version}")


@report_group.command("submit")
@click.argument("report_id", type=int)
@user_option
def report_submit(report_id: int, user: str | None) -> None:
    """Submit a draft progress report."""
    with ledger_session(user) as (session, actor):
        progress.submit(session, actor, report_id)
        echo(f"progress report {report_id} submitted")


@report_group.command("approve")
@click.argument("report_id", type=int)
@click.option("--reason", default="")
@user_option
def report_approve(report_id: int, reason: str, user: str | None) -> None:
    """Approve a submitted progress report."""
    with ledger_session(user) as (session, actor):
        progress.decide(session, actor, report_id, "approved", reason)
        echo(f"progress report {report_id} approved")


@report_group.command("return")
@click.argument("report_id", type=int)
@click.option("--reason", required=True, help="Why it goes back.")
@user_option
def report_return(report_id: int, reason: str, user: str | None) -> None:
    """Return a submitted progress report to its department, saying why."""
    with ledger_session(user) as (session, actor):
        progress.decide(session, actor, report_id, "returned", reason)
        echo(f"progress report {report_id} returned")


@app.command("status")
@click.option("--explain", "commitment_id", type=int, default=None, help="Commitment id.")
@click.option(
    "--refresh",
    is_flag=True,
    help="Recompute the portal's status cache and take any missing month-end snapshot.",
)
@as_of_option
@user_option
def status_command(
    commitment_id: int | None, refresh: bool, as_of: dt.datetime | None, user: str | None
) -> None:
    """A commitment's computed status and how it was computed (or --refresh the cache)."""
    if (commitment_id is None) == (not refresh):
        raise ValidationFailed("say --explain ID or --refresh")
    tolerance = tracking.tolerance_from(get_settings())
    with ledger_session(user) as (session, actor):
        if refresh:
            refreshed = portal.refresh(session, actor, tolerance, _day(as_of))
            echo(f"status cache: {refreshed.count} commitment(s) as of {_day(as_of)}")
            for snap in refreshed.snapshots:
                echo(f"snapshot {snap.id} of {snap.month}: {len(snap.entries)} commitment(s)")
            return
        assert commitment_id is not None
        entry = tracking.explain(session, actor, commitment_id, tolerance, _day(as_of))
        c = entry.commitment
        echo(f"{c.id} {c.title}: {entry.status.code} ({entry.status.colour})")
        echo(f"  {entry.status.explanation}")
        for child in entry.children:
            echo(
                f"  - {child.commitment.id} {child.commitment.title} "
                f"(权重 {child.commitment.weight}): {child.status.code}"
            )
        if entry.judgement:
            j = entry.judgement
            echo(f"  人工判断: {j.code} by {j.author} at {j.at:%Y-%m-%d}: {j.reason}")


@app.command("judge")
@click.argument("commitment_id", type=int)
@click.argument("code", type=click.Choice(list(STATUSES)))
@click.option("--reason", required=True)
@user_option
def judge_command(commitment_id: int, code: str, reason: str, user: str | None) -> None:
    """Record a manual status judgement beside the computed one."""
    with ledger_session(user) as (session, actor):
        tracking.judge(session, actor, commitment_id, code, reason)
        echo(f"commitment {commitment_id}: judged {code}")


@app.command("audit")
@click.option("--entity", default=None, help="Table name: commitments, progress_reports, …")
@click.option("--id", "entity_id", type=int, default=None)
@user_option
def audit_command(entity: str | None, entity_id: int | None, user: str | None) -> None:
    """The audit journal, oldest first (one JSON object per line)."""
    with ledger_session(user) as (session, actor):
        for event in audit.journal(session, actor, entity, entity_id):
            echo(json.dumps(audit.row(event), ensure_ascii=False))


@app.group("excel")
def excel_group() -> None:
    """The 分工表: export, edit in Excel, re-import (dry run first)."""


@excel_group.command("export")
@click.argument("report_id", type=int)
@click.argument("target", type=click.Path(path_type=Path))
@user_option
def excel_export(report_id: int, target: Path, user: str | None) -> None:
    """Write REPORT_ID's 分工表 to TARGET (.xlsx)."""
    with ledger_session(user) as (session, actor):
        count = excel.export(session, actor, report_id, target)
        echo(f"{target}: {count} row(s)")


@excel_group.command("import")
@click.argument("report_id", type=int)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--apply", "apply_", is_flag=True, help="Apply the changes (default: dry run).")
@user_option
def excel_import(report_id: int, source: Path, apply_: bool, user: str | None) -> None:
    """Compare SOURCE with the ledger; with --apply, apply all its rows or none."""
    with ledger_session(user) as (session, actor):
        if apply_:
            result = excel.apply(session, actor, report_id, source)
        else:
            result = excel.plan(session, actor, report_id, source)
        for change in result.changes:
            for name, (before, after) in change.fields.items():
                echo(
                    f"row {change.row} 序号 {change.commitment_id} {name}: "
                    f"{excel.describe(before)} → {excel.describe(after)}"
                )
        for error in result.errors:
            echo(error, err=True)
        if result.errors:
            raise ValidationFailed(f"{len(result.errors)} wrong row(s); nothing would be applied")
        verb = "applied" if apply_ else "would change (dry run; --apply to apply)"
        echo(f"{len(result.changes)} row(s) {verb}")


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


@app.group("snapshot")
def snapshot_group() -> None:
    """Month-end snapshots of every status."""


@snapshot_group.command("take")
@click.argument("government")
@click.argument("month", required=False)
@user_option
def snapshot_take(government: str, month: str | None, user: str | None) -> None:
    """Record GOVERNMENT's statuses at the end of MONTH (2022-03; default: last month)."""
    if month is None:
        month = f"{dt.date.today().replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    with ledger_session(user) as (session, actor):
        snap = snapshots.take(
            session, actor, government, month, tracking.tolerance_from(get_settings())
        )
        echo(f"snapshot {snap.id} of {month}: {len(snap.entries)} commitment(s)")


@snapshot_group.command("compare")
@click.argument("government")
@click.argument("first")
@click.argument("second")
@user_option
def snapshot_compare(government: str, first: str, second: str, user: str | None) -> None:
    """What changed between two month-end snapshots."""
    with ledger_session(user) as (session, actor):
        result = snapshots.compare(session, actor, government, first, second)
        for code in STATUSES:
            before, after = result.counts_before[code], result.counts_after[code]
            if before or after:
                echo(f"{code}: {before} → {after}")
        for change in result.changes:
            echo(
                f"{change.commitment_id} {change.title}: {change.before or '—'} → "
                f"{change.after or '—'}"
            )
