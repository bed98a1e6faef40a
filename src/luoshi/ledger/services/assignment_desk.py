"""The 分工 page of a report: its confirmed commitments with their assignment and the suggested
牵头单位, one assigned at a time or several at once (all or none, each at the version seen)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import Conflict, ValidationFailed
from luoshi.ledger.excel import target_text
from luoshi.ledger.models import Assignment, AssignmentPartner, Commitment, Report
from luoshi.ledger.services import assignment
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import fetch
from luoshi.ledger.services.suggestion import Suggestion, suggester

MAX_BULK = 500


@dataclass(frozen=True, slots=True)
class DeskRow:
    """A confirmed commitment as the 分工 page shows it; ``version`` 0: not assigned yet."""

    id: int
    version: int
    title: str
    indicator: str
    target: str
    section: str
    lead: str | None
    partners: list[str]
    due: dt.date | None
    cycle: str
    suggestions: list[Suggestion]

    @property
    def preselected(self) -> str | None:
        """The lead the form starts with: the current one, else the first suggestion."""
        if self.lead is not None:
            return self.lead
        return self.suggestions[0].department if self.suggestions else None


@dataclass(frozen=True, slots=True)
class Desk:
    report_id: int
    report_title: str
    government: str
    rows: list[DeskRow]
    departments: list[str]

    @property
    def unassigned(self) -> int:
        return sum(1 for r in self.rows if r.lead is None)


def desk(session: Session, actor: Actor, report_id: int) -> Desk:
    """Every confirmed commitment of a report with its lead, partners, due, cycle, suggestions."""
    authorize(actor, "assign")
    report = fetch(session, Report, report_id)
    suggest = suggester(session, report.government_id)
    commitments = session.scalars(
        select(Commitment)
        .where(Commitment.report_id == report_id, Commitment.review_state == "confirmed")
        .options(
            selectinload(Commitment.assignment).selectinload(Assignment.lead),
            selectinload(Commitment.assignment)
            .selectinload(Assignment.partners)
            .selectinload(AssignmentPartner.department),
        )
        .order_by(Commitment.start, Commitment.id)
    )
    rows = []
    for c in commitments:
        current = c.assignment
        rows.append(
            DeskRow(
                id=c.id,
                version=current.version if current else 0,
                title=c.title,
                indicator=c.indicator,
                target=target_text(c),
                section=(c.section or [""])[-1],
                lead=current.lead.name if current else None,
                partners=[p.department.name for p in current.partners] if current else [],
                due=current.due if current else None,
                cycle=current.cycle if current else "quarterly",
                suggestions=suggest.suggest(c),
            )
        )
    departments = sorted(suggest.departments.values())
    return Desk(report.id, report.title, report.government.name, rows, departments)


def suggestions_for(session: Session, actor: Actor, report_id: int) -> dict[int, Suggestion]:
    """The first suggestion for each confirmed commitment of a report (for the review queue)."""
    return {r.id: r.suggestions[0] for r in desk(session, actor, report_id).rows if r.suggestions}


def assign_one(
    session: Session,
    actor: Actor,
    commitment_id: int,
    version: int,
    lead: str,
    partners: Sequence[str],
    due: dt.date | None,
    cycle: str,
) -> Assignment:
    """Assign one commitment as its form says; ``version`` is the assignment's as the form
    showed it (0: it was not assigned) — a newer one is a Conflict, not overwritten."""
    commitment = fetch(session, Commitment, commitment_id)
    _expect_unassigned_or(commitment, version)
    return assignment.assign(
        session,
        actor,
        commitment_id,
        lead,
        partners,
        due,
        cycle,
        starts=commitment.assignment.starts if commitment.assignment else None,
        expected_version=version or None,
    )


def assign_many(
    session: Session,
    actor: Actor,
    report_id: int,
    picked: Mapping[int, int],
    lead: str,
    partners: Sequence[str] | None,
    due: dt.date | None,
    cycle: str | None,
) -> int:
    """Give several commitments of a report one lead: all or none. ``picked`` maps each
    commitment to the assignment version the page showed (0: unassigned); ``partners``,
    ``due`` and ``cycle`` left out (None) keep each one's own."""
    authorize(actor, "assign")
    if not picked:
        raise ValidationFailed("请先勾选要分配的事项")
    if len(picked) > MAX_BULK:
        raise ValidationFailed(f"一次最多分配 {MAX_BULK} 项")
    for commitment_id, version in sorted(picked.items()):
        commitment = fetch(session, Commitment, commitment_id)
        if commitment.report_id != report_id:
            raise ValidationFailed(f"事项 {commitment_id} 不属于报告 {report_id}")
        _expect_unassigned_or(commitment, version)
        assignment.change(
            session,
            actor,
            commitment_id,
            lead=lead,
            partners=partners,
            due=due,
            cycle=cycle,
            reason="批量分工",
            expected_version=version or None,
        )
    return len(picked)


def _expect_unassigned_or(commitment: Commitment, version: int) -> None:
    """A form made when the commitment was unassigned (version 0) is stale once it is."""
    if version == 0 and commitment.assignment is not None:
        raise Conflict(
            f"事项 {commitment.id} 已由他人分配（{commitment.assignment.lead.name}），"
            "请刷新页面后再改"
        )
