"""``luoshi ledger``, ``status``, ``judge``, ``snapshot``: the commitments and their status."""

from __future__ import annotations

import datetime as dt
import json
import os

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import as_of_day, as_of_option, ledger_session, user_option
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import ValidationFailed
from luoshi.ledger import excel
from luoshi.ledger.services import organisation, portal, snapshots, tracking
from luoshi.ledger.status import STATUSES


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
            as_of_day(as_of),
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


LISTED_SNAPSHOTS = 50  # more new snapshots than this are summed up in one line


@app.command("status")
@click.option("--explain", "commitment_id", type=int, default=None, help="Commitment id.")
@click.option(
    "--refresh",
    is_flag=True,
    help="Bring the portal's status cache up to date and take any missing month-end snapshot.",
)
@click.option("--full", is_flag=True, help="With --refresh: recompute every status.")
@as_of_option
@user_option
def status_command(
    commitment_id: int | None,
    refresh: bool,
    full: bool,
    as_of: dt.datetime | None,
    user: str | None,
) -> None:
    """A commitment's computed status and how it was computed (or --refresh the cache)."""
    if (commitment_id is None) == (not refresh):
        raise ValidationFailed("say --explain ID or --refresh")
    tolerance = tracking.tolerance_from(get_settings())
    with ledger_session(user) as (session, actor):
        if refresh:
            workers = get_settings().refresh_workers or os.cpu_count() or 1
            refreshed = portal.refresh(
                session, actor, tolerance, as_of_day(as_of), full=full, workers=workers
            )
            how = "all" if refreshed.full else "only those that changed"
            echo(
                f"status cache: {refreshed.count} commitment(s) as of {as_of_day(as_of)}; "
                f"{refreshed.computed} computed ({how})"
            )
            taken = refreshed.snapshots
            if len(taken) > LISTED_SNAPSHOTS:  # a national ledger's first months: a summary
                months = sorted({snap.month for snap in taken})
                governments = len({snap.government_id for snap in taken})
                echo(
                    f"{len(taken)} snapshots taken: {governments} government(s), "
                    f"{len(months)} month(s) from {months[0]} to {months[-1]}"
                )
                return
            for snap in taken:
                echo(f"snapshot {snap.id} of {snap.month}: {len(snap.entries)} commitment(s)")
            return
        assert commitment_id is not None
        entry = tracking.explain(session, actor, commitment_id, tolerance, as_of_day(as_of))
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
