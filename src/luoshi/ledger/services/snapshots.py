"""Month-end snapshots of every status, and what changed between two of them.

No scheduler is needed: every status refresh (``portal.refresh``) takes the
snapshots still missing (``take_missing``) for each month that has ended since
the plan year of a government's earliest report began.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.errors import Conflict, NotFound, ValidationFailed
from luoshi.ledger.models import Commitment, Judgement, Report, Snapshot
from luoshi.ledger.services.audit import record_created
from luoshi.ledger.services.batch_status import among, chunks, compute
from luoshi.ledger.services.organisation import government_named
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.status import Tolerance

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_end(month: str) -> dt.date:
    """The last day of a month written 2022-03."""
    match = MONTH.match(month)
    if not match:
        raise ValidationFailed(f"month must look like 2022-03, not {month!r}")
    year, number = int(match[1]), int(match[2])
    return dt.date(year, number, calendar.monthrange(year, number)[1])


def take(
    session: Session,
    actor: Actor,
    government: str,
    month: str,
    tolerance: Tolerance,
    today: dt.date | None = None,
) -> Snapshot:
    """Record the status of each of a government's top-level commitments at a month's end.

    Only a month that has ended before ``today`` (default: the real today): a
    snapshot is taken once, so one of a running month would stand for its end.
    """
    authorize(actor, "snapshot")
    as_of = month_end(month)
    if as_of >= (today or dt.date.today()):
        raise ValidationFailed(
            f"{month} has not ended yet; its snapshot can be taken from "
            f"{as_of + dt.timedelta(days=1)} on"
        )
    owner = government_named(session, government)
    exists = session.scalars(
        select(Snapshot).where(Snapshot.government_id == owner.id, Snapshot.month == month)
    ).first()
    if exists is not None:
        raise Conflict(f"{government} has a snapshot of {month} already (id {exists.id})")
    return _take_month(session, actor, month, [owner.id], tolerance)[0]


def _take_month(
    session: Session, actor: Actor, month: str, government_ids: list[int], tolerance: Tolerance
) -> list[Snapshot]:
    """The month's snapshots of ``government_ids``, computed together and journaled."""
    as_of = month_end(month)
    entries = _entries(session, government_ids, tolerance, as_of)
    snapshots = [
        Snapshot(
            government_id=government_id,
            month=month,
            as_of=as_of,
            taken_by=actor.name,
            entries=entries.get(government_id, {}),
        )
        for government_id in government_ids
    ]
    session.add_all(snapshots)
    record_created(session, actor, "snapshot", snapshots)
    return snapshots


def _entries(
    session: Session, government_ids: list[int], tolerance: Tolerance, as_of: dt.date
) -> dict[int, dict[str, dict[str, Any]]]:
    """By government: each confirmed top-level commitment's status on ``as_of``, in id order.

    The governments' commitments are computed together, a batch at a time (``batch_status``:
    the same statuses as ``tracking.ledger``, without loading objects), so a month of many
    small governments costs a few queries, not a few for each government.
    """
    owners: dict[int, int] = {}
    for part in chunks(government_ids):
        query = select(Commitment.id, Commitment.government_id).where(
            among(session, Commitment.government_id, part),
            Commitment.parent_id.is_(None),
            Commitment.review_state == "confirmed",
        )
        owners.update((cid, government_id) for cid, government_id in session.execute(query))
    ids = sorted(owners)
    entries: dict[int, dict[str, dict[str, Any]]] = {}
    for part in chunks(ids):
        named = select(Commitment.id, Commitment.title).where(Commitment.id.in_(part))
        titles = {cid: title for cid, title in session.execute(named)}
        judged: dict[int, str] = {}
        for cid, code in session.execute(
            select(Judgement.commitment_id, Judgement.code)
            .where(Judgement.commitment_id.in_(part))
            .order_by(Judgement.id)
        ):
            judged[cid] = code  # the latest one wins
        for line in compute(session, part, tolerance, as_of, review_state="confirmed"):
            entries.setdefault(owners[line.commitment_id], {})[str(line.commitment_id)] = {
                "title": titles[line.commitment_id],
                "code": line.status.code,
                "colour": line.status.colour,
                "explanation": line.status.explanation,
                "judgement": judged.get(line.commitment_id),
            }
    return entries


def ended_months(first: dt.date, today: dt.date) -> list[str]:
    """The months (2022-03) from ``first``'s month to the last one that ended before ``today``."""
    months = []
    year, number = first.year, first.month
    while dt.date(year, number, calendar.monthrange(year, number)[1]) < today:
        months.append(f"{year:04d}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def take_missing(
    session: Session, actor: Actor, tolerance: Tolerance, today: dt.date
) -> list[Snapshot]:
    """Take every month-end snapshot still missing, oldest first; return the new ones.

    For each government: each month that ended before ``today``, from January of
    its earliest report's plan year on. A month already snapshotted is left as it
    was, so running this again changes nothing. Each month is computed once for all
    the governments that miss it.
    """
    authorize(actor, "snapshot")
    first_years = session.execute(
        select(Report.government_id, func.min(Report.plan_year))
        .group_by(Report.government_id)
        .order_by(Report.government_id)
    ).all()
    taken = {(g, m) for g, m in session.execute(select(Snapshot.government_id, Snapshot.month))}
    missing: dict[str, list[int]] = {}  # month → the governments without its snapshot
    for government_id, plan_year in first_years:
        if plan_year is None:  # none of its reports says which year it plans
            continue
        for month in ended_months(dt.date(plan_year, 1, 1), today):
            if (government_id, month) not in taken:
                missing.setdefault(month, []).append(government_id)
    return [
        snapshot
        for month in sorted(missing)
        for snapshot in _take_month(session, actor, month, missing[month], tolerance)
    ]


@dataclass(frozen=True, slots=True)
class Change:
    commitment_id: int
    title: str
    before: str | None  # None: not in the earlier snapshot
    after: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    earlier: Snapshot
    later: Snapshot
    counts_before: Counter[str]
    counts_after: Counter[str]
    changes: list[Change]


def compare(session: Session, actor: Actor, government: str, first: str, second: str) -> Comparison:
    """Status counts of two months and each commitment whose status changed between them."""
    authorize(actor, "snapshot")
    owner = government_named(session, government)
    found = {
        s.month: s
        for s in session.scalars(
            select(Snapshot).where(
                Snapshot.government_id == owner.id, Snapshot.month.in_((first, second))
            )
        )
    }
    for month in (first, second):
        if month not in found:
            raise NotFound(f"{government} has no snapshot of {month}; take one first")
    earlier, later = sorted((found[first], found[second]), key=lambda s: s.month)
    ids = sorted({*earlier.entries, *later.entries}, key=int)
    changes = []
    for key in ids:
        a, b = earlier.entries.get(key), later.entries.get(key)
        if (a or {}).get("code") != (b or {}).get("code"):
            title = (b or a or {}).get("title", "")
            changes.append(
                Change(int(key), title, a["code"] if a else None, b["code"] if b else None)
            )
    return Comparison(
        earlier,
        later,
        Counter(e["code"] for e in earlier.entries.values()),
        Counter(e["code"] for e in later.entries.values()),
        changes,
    )
