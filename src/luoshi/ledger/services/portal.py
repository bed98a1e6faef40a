"""The portal's queries over the status cache: filter, a page of 50, counts by status.

``refresh`` brings the statuses in ``status_cache`` to a day with the engine, with a
per-government tally in ``status_counts`` (computed, never typed; incremental, see
``services/refresh.py``), and takes any month-end snapshot still missing; the queries read
only these, so they stay fast on a national ledger (see
benchmarks/ledger_queries.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, func, select
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
from luoshi.ledger.services.refresh import refresh_cache
from luoshi.ledger.services.snapshots import take_missing
from luoshi.ledger.status import Tolerance

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a refresh did: how many statuses are cached, how many it computed, which snapshots
    it took, and whether it recomputed everything."""

    count: int
    snapshots: list[Snapshot]
    computed: int = 0
    full: bool = True


def refresh(
    session: Session,
    actor: Actor,
    tolerance: Tolerance,
    today: dt.date,
    *,
    full: bool = False,
    workers: int = 1,
) -> Refreshed:
    """Bring every top-level commitment's cached status to ``today``; take missing snapshots.

    Only the statuses that may have changed are computed again unless ``full``; a full
    refresh on PostgreSQL computes in ``workers`` processes
    (see ``luoshi.ledger.services.refresh``).
    """
    authorize(actor, "refresh_status")
    done = refresh_cache(session, tolerance, today, full=full, workers=workers)
    count = session.scalar(select(func.count()).select_from(StatusCache)) or 0
    taken = take_missing(session, actor, tolerance, today)
    return Refreshed(count, taken, done.computed, done.full)


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
