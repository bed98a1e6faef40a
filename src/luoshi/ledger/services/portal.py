"""The portal's queries over the status cache: filter, a page of 50, counts by status.

``refresh`` recomputes every status with the engine and stores it in
``status_cache`` with a per-government tally in ``status_counts`` (computed,
never typed), and takes any month-end snapshot still missing; the queries read
only these, so they stay fast on a national ledger (see
benchmarks/ledger_queries.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from luoshi.ledger.models import (
    Assignment,
    Commitment,
    ProgressReport,
    Report,
    Snapshot,
    StatusCache,
    StatusCount,
)
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.snapshots import take_missing
from luoshi.ledger.services.tracking import ledger
from luoshi.ledger.status import Tolerance

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh did: how many statuses it cached, which snapshots it took."""

    count: int
    snapshots: list[Snapshot]


def refresh(session: Session, actor: Actor, tolerance: Tolerance, today: dt.date) -> Refreshed:
    """Recompute every top-level commitment's status into the cache; take missing snapshots."""
    authorize(actor, "refresh_status")
    entries = ledger(session, actor, tolerance, today)
    session.execute(delete(StatusCount))
    session.execute(delete(StatusCache))
    session.add_all(
        StatusCache(
            commitment_id=entry.commitment.id,
            government_id=entry.commitment.government_id,
            code=entry.status.code,
            colour=entry.status.colour,
            as_of=today,
            explanation=entry.status.explanation,
            value=entry.status.inputs.value if entry.status.inputs else None,
            reported_as_of=entry.status.inputs.reported_as_of if entry.status.inputs else None,
        )
        for entry in entries
    )
    session.flush()
    tally = select(StatusCache.government_id, StatusCache.code, func.count()).group_by(
        StatusCache.government_id, StatusCache.code
    )
    session.execute(insert(StatusCount).from_select(["government_id", "code", "count"], tally))
    return Refreshed(len(entries), take_missing(session, actor, tolerance, today))


def _published() -> tuple[ColumnElement[bool], ...]:
    return (
        Commitment.review_state == "confirmed",
        Commitment.report_id.in_(select(Report.id).where(Report.state == "published")),
    )


def page(
    government_id: int,
    code: str | None = None,
    department_id: int | None = None,
    after_id: int = 0,
    size: int = PAGE_SIZE,
    public: bool = True,
) -> Select[int, str, str, str, Decimal | None, dt.date | None]:
    """A page of commitments with cached status and latest value, in id order after ``after_id``."""
    query = (
        select(
            Commitment.id,
            Commitment.title,
            Commitment.period,
            StatusCache.code,
            StatusCache.value,
            StatusCache.reported_as_of,
        )
        .join(StatusCache, StatusCache.commitment_id == Commitment.id)
        .where(StatusCache.government_id == government_id, StatusCache.commitment_id > after_id)
    )
    if code is not None:
        query = query.where(StatusCache.code == code)
    if department_id is not None:
        query = query.join(Assignment, Assignment.commitment_id == Commitment.id).where(
            Assignment.lead_id == department_id
        )
    if public:
        query = query.where(*_published())
    return query.order_by(StatusCache.commitment_id).limit(size)


def counts(government_id: int | None = None) -> Select[str, int]:
    """Commitments by cached status, of one government or of all (from the tally)."""
    query = select(StatusCount.code, func.sum(StatusCount.count)).group_by(StatusCount.code)
    if government_id is not None:
        query = query.where(StatusCount.government_id == government_id)
    return query


def latest_approved(commitment_ids: list[int]) -> Select[int, dt.date, Decimal | None]:
    """The newest approved lead report of each commitment (a detail view): one probe each."""
    newest = (
        select(ProgressReport.id)
        .where(
            ProgressReport.commitment_id == Commitment.id,
            ProgressReport.state == "approved",
            ProgressReport.contribution.is_(False),
        )
        .order_by(ProgressReport.as_of.desc(), ProgressReport.id.desc())
        .limit(1)
        .correlate(Commitment)
        .scalar_subquery()
    )
    wanted = select(newest).where(Commitment.id.in_(commitment_ids))
    return select(ProgressReport.commitment_id, ProgressReport.as_of, ProgressReport.value).where(
        ProgressReport.id.in_(wanted)
    )
