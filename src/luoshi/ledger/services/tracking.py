"""Status on read: the ledger with each commitment's computed status, explained.

Nothing here stores a status. Manual judgements are kept beside the computed
one, attributed and with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from luoshi.config import Settings
from luoshi.errors import NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger import status as engine
from luoshi.ledger.models import (
    Assignment,
    AssignmentPartner,
    Commitment,
    Judgement,
    ProgressReport,
    Report,
)
from luoshi.ledger.services.assignment import departments_of
from luoshi.ledger.services.audit import record
from luoshi.ledger.services.batch_status import chunks, roll_up_families
from luoshi.ledger.services.organisation import government_named
from luoshi.ledger.services.policy import Actor, authorize, scope
from luoshi.ledger.services.records import fetch


@dataclass(slots=True)
class Entry:
    """A ledger line: the commitment, its computed status and the latest manual judgement."""

    commitment: Commitment
    status: engine.Status
    judgement: Judgement | None = None
    children: list[Entry] = field(default_factory=list)

    @property
    def parent_id(self) -> int | None:
        return self.commitment.parent_id

    @property
    def weight(self) -> Decimal:
        return self.commitment.weight


def tolerance_from(settings: Settings) -> engine.Tolerance:
    """The status engine's bands from settings."""
    return engine.Tolerance(
        lag=Decimal(str(settings.status_tolerance)),
        ahead=Decimal(str(settings.status_ahead_margin)),
        grace_days=settings.report_grace_days,
    )


def visible_query(actor: Actor) -> Select[Commitment]:
    """Commitments the actor may see: all for the office, own department's, or published ones."""
    granted = scope(actor, "view")
    query = select(Commitment)
    if granted == "published":
        query = query.join(Report, Report.id == Commitment.report_id).where(
            Report.state == "published", Commitment.review_state == "confirmed"
        )
    elif granted == "own":
        mine = select(Assignment.commitment_id).where(
            (Assignment.lead_id == actor.department_id)
            | Assignment.id.in_(
                select(AssignmentPartner.assignment_id).where(
                    AssignmentPartner.department_id == actor.department_id
                )
            )
        )
        query = query.where(Commitment.id.in_(mine) | Commitment.parent_id.in_(mine))
    return query


def ledger(
    session: Session,
    actor: Actor,
    tolerance: engine.Tolerance,
    today: dt.date,
    *,
    government: str | None = None,
    status: str | None = None,
    department: int | None = None,
    review_state: str | None = None,
) -> list[Entry]:
    """The commitments the actor may see, with status, filtered; sub-tasks under their parent."""
    if status is not None and status not in engine.STATUSES:
        raise ValidationFailed(f"status must be one of {'、'.join(engine.STATUSES)}")
    query = visible_query(actor).options(
        selectinload(Commitment.assignment).selectinload(Assignment.partners)
    )
    if government is not None:
        query = query.where(Commitment.government_id == government_named(session, government).id)
    if review_state is not None:
        query = query.where(Commitment.review_state == review_state)
    commitments = list(session.scalars(query.order_by(Commitment.id)))
    entries = _entries(session, commitments, tolerance, today)
    return [
        entry
        for entry in entries
        if entry.commitment.parent_id is None
        and (status is None or entry.status.code == status)
        and (
            department is None
            or department in departments_of(entry.commitment.effective_assignment)
        )
    ]


def explain(
    session: Session,
    actor: Actor,
    commitment_id: int,
    tolerance: engine.Tolerance,
    today: dt.date,
) -> Entry:
    """One commitment's status and how it was computed."""
    commitment = fetch(session, Commitment, commitment_id)
    query = visible_query(actor).where(Commitment.id == commitment_id)
    if session.scalars(query).first() is None:
        if scope(actor, "view") == "published":
            raise NotFound(f"no published commitment with id {commitment_id}")
        raise PermissionDenied(f"{actor.name} may not see commitment {commitment_id}")
    family = [commitment, *commitment.children]
    entries = _entries(session, family, tolerance, today)
    return next(e for e in entries if e.commitment.id == commitment_id)


def _entries(
    session: Session, commitments: list[Commitment], tolerance: engine.Tolerance, today: dt.date
) -> list[Entry]:
    ids = [c.id for c in commitments]
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    judgements: dict[int, Judgement] = {}
    for chunk in chunks(ids, 500):
        for report in session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id.in_(chunk),
                ProgressReport.contribution.is_(False),
                ProgressReport.state.in_(("submitted", "approved")),
            )
            .order_by(ProgressReport.as_of, ProgressReport.id)
        ):
            reports[report.commitment_id].append(report)
        for judgement in session.scalars(
            select(Judgement).where(Judgement.commitment_id.in_(chunk)).order_by(Judgement.id)
        ):
            judgements[judgement.commitment_id] = judgement
    entries = {
        c.id: Entry(c, compute(c, reports[c.id], tolerance, today), judgements.get(c.id))
        for c in commitments
    }
    roll_up_families(entries)
    return list(entries.values())


def compute(
    commitment: Commitment,
    filed: list[ProgressReport],
    tolerance: engine.Tolerance,
    today: dt.date,
) -> engine.Status:
    """The status of one commitment from its lead's submitted and approved reports."""
    filed = [r for r in filed if r.as_of <= today]  # as it stood on ``today``
    approved = [r for r in filed if r.state == "approved"]
    latest = approved[-1] if approved else None
    assignment = commitment.effective_assignment
    inputs = engine.Inputs(
        today=today,
        period=commitment.period,
        qualitative=commitment.figure is None and commitment.target is None,
        measure=commitment.measure,
        cumulative=commitment.cumulative,
        comparator=commitment.comparator,
        target=commitment.target,
        target_max=commitment.target_max,
        baseline=commitment.baseline,
        direction=commitment.direction  # type: ignore[arg-type]
        or engine.direction_of(
            commitment.indicator, commitment.comparator, commitment.measure, commitment.quote
        ),
        criterion=commitment.criterion,
        value=next((r.value for r in reversed(approved) if r.value is not None), None),
        milestone=max(
            (r.milestone for r in approved), key=lambda m: engine.MILESTONE_ORDER[m], default="none"
        ),
        reported_as_of=latest.as_of if latest else None,
        last_filed=max((r.as_of for r in filed), default=None),
        cycle=assignment.cycle if assignment else None,
        reporting_starts=assignment.starts if assignment else None,
    )
    return engine.compute(inputs, tolerance)


def judge(session: Session, actor: Actor, commitment_id: int, code: str, reason: str) -> Judgement:
    """Record a manual judgement beside the computed status."""
    authorize(actor, "judge")
    fetch(session, Commitment, commitment_id)
    if code not in engine.STATUSES:
        raise ValidationFailed(f"status must be one of {'、'.join(engine.STATUSES)}, not {code!r}")
    if not reason.strip():
        raise ValidationFailed("a manual judgement needs a reason")
    judgement = Judgement(commitment_id=commitment_id, code=code, reason=reason, author=actor.name)
    session.add(judgement)
    record(session, actor, "judge", judgement, None, reason)
    return judgement
