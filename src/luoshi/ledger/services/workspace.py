"""What the staff workspace shows: the office's reports and review queue, a department's inbox.

Plain objects for the templates, built under the policy table: the office sees every report
(drafts included), a department reporter only the commitments assigned to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import ValidationFailed
from luoshi.ledger import status as engine
from luoshi.ledger.models import (
    REVIEW_STATES,
    Assignment,
    Commitment,
    Department,
    Government,
    Report,
)
from luoshi.ledger.services import review, review_desk
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.public import target_text
from luoshi.ledger.services.records import fetch
from luoshi.ledger.services.search import paragraphs
from luoshi.ledger.services.tracking import ledger

SENTENCE_CONTEXT = 80


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: int
    title: str
    government: str
    plan_year: int | None
    state: str
    version: int
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A commitment as the reviewer checks it: its fields and the figure in its sentence."""

    id: int
    version: int
    title: str
    type: str
    indicator: str
    target: str
    period: str
    review_state: str
    review_reason: str
    section: str
    before: str
    match: str
    after: str
    lead: str | None
    due: dt.date | None
    figure: review_desk.FigureView  # its fields and the whole paragraph, to correct


@dataclass(frozen=True, slots=True)
class Queue:
    report: ReportRow
    items: list[QueueItem]
    departments: list[str]
    state: str | None


@dataclass(frozen=True, slots=True)
class InboxItem:
    id: int
    title: str
    target: str
    status: str
    explanation: str
    lead: bool


@dataclass(frozen=True, slots=True)
class Overview:
    """The office's start page: reports and governments; a reporter's: their commitments."""

    reports: list[ReportRow] = field(default_factory=list)
    governments: list[str] = field(default_factory=list)
    inbox: list[InboxItem] = field(default_factory=list)


def _counts(session: Session, report_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {i: {} for i in report_ids}
    rows = session.execute(
        select(Commitment.report_id, Commitment.review_state, func.count())
        .where(Commitment.report_id.in_(report_ids))
        .group_by(Commitment.report_id, Commitment.review_state)
    )
    for report_id, state, count in rows:
        counts[report_id][state] = count
    return counts


def _row(report: Report, counts: dict[str, int]) -> ReportRow:
    return ReportRow(
        id=report.id,
        title=report.title,
        government=report.government.name,
        plan_year=report.plan_year,
        state=report.state,
        version=report.version,
        counts=counts,
    )


def overview(
    session: Session, actor: Actor, tolerance: engine.Tolerance, today: dt.date
) -> Overview:
    """The office: every report with its commitments by review state. A reporter: their inbox."""
    if actor.role == "reporter":
        entries = ledger(session, actor, tolerance, today)
        return Overview(
            inbox=[
                InboxItem(
                    id=e.commitment.id,
                    title=e.commitment.title,
                    target=target_text(
                        e.commitment.comparator,
                        e.commitment.target,
                        e.commitment.target_max,
                        e.commitment.unit,
                    ),
                    status=e.status.code,
                    explanation=e.status.explanation,
                    lead=e.commitment.effective_assignment is not None
                    and e.commitment.effective_assignment.lead_id == actor.department_id,
                )
                for e in entries
            ]
        )
    authorize(actor, "review")
    reports = session.scalars(select(Report).order_by(Report.id.desc())).all()
    counts = _counts(session, [r.id for r in reports])
    return Overview(
        reports=[_row(r, counts[r.id]) for r in reports],
        governments=list(session.scalars(select(Government.name).order_by(Government.name))),
    )


def queue(session: Session, actor: Actor, report_id: int, state: str | None = None) -> Queue:
    """A report's commitments for review, each figure shown in its sentence and paragraph."""
    authorize(actor, "review")
    report = fetch(session, Report, report_id)
    query = (
        select(Commitment)
        .where(Commitment.report_id == report_id, Commitment.parent_id.is_(None))
        .options(selectinload(Commitment.assignment).selectinload(Assignment.lead))
        .order_by(Commitment.start, Commitment.id)
    )
    if state is not None:
        if state not in REVIEW_STATES:
            raise ValidationFailed(f"review state must be one of {', '.join(REVIEW_STATES)}")
        query = query.where(Commitment.review_state == state)
    lines = paragraphs(report.text)
    items = []
    for c in session.scalars(query):
        start, line = next(
            ((s, text) for s, text in lines if s <= c.start < s + len(text)), (c.start, c.quote)
        )
        at, end = c.start - start, c.end - start
        assignment = c.assignment
        items.append(
            QueueItem(
                id=c.id,
                version=c.version,
                title=c.title,
                type=c.type,
                indicator=c.indicator,
                target=target_text(c.comparator, c.target, c.target_max, c.unit),
                period=c.period,
                review_state=c.review_state,
                review_reason=c.review_reason,
                section=" › ".join(c.section or []),
                before=line[max(0, at - SENTENCE_CONTEXT) : at],
                match=line[at:end],
                after=line[end : end + SENTENCE_CONTEXT],
                lead=assignment.lead.name if assignment else None,
                due=assignment.due if assignment else None,
                figure=review_desk.view(start, line, c),
            )
        )
    departments = session.scalars(
        select(Department.name)
        .where(Department.government_id == report.government_id)
        .order_by(Department.name)
    )
    counts = _counts(session, [report.id])[report.id]
    return Queue(_row(report, counts), items, list(departments), state)


def confirm_proposed(session: Session, actor: Actor, report_id: int) -> int:
    """Confirm every proposed commitment of a report (bulk review); how many were confirmed."""
    authorize(actor, "review")
    fetch(session, Report, report_id)
    proposed = session.scalars(
        select(Commitment.id).where(
            Commitment.report_id == report_id, Commitment.review_state == "proposed"
        )
    ).all()
    for commitment_id in proposed:
        review.decide(session, actor, commitment_id, "confirmed")
    return len(proposed)
