"""分工: a confirmed commitment's 牵头单位, 配合单位, 完成时限 and reporting cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import CYCLES, Assignment, AssignmentPartner, AuditEvent, Commitment
from luoshi.ledger.services import notifications
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.organisation import department_named
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch
from luoshi.ledger.status import period_bounds


def assign(
    session: Session,
    actor: Actor,
    commitment_id: int,
    lead: str,
    partners: Sequence[str] = (),
    due: dt.date | None = None,
    cycle: str = "quarterly",
    starts: dt.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Assignment:
    """Assign (or re-assign) a confirmed commitment to departments named as in the government."""
    authorize(actor, "assign")
    commitment = fetch(session, Commitment, commitment_id)
    if commitment.review_state != "confirmed":
        raise ValidationFailed(
            f"commitment {commitment_id} is {commitment.review_state}; only confirmed ones "
            "are assigned"
        )
    if cycle not in CYCLES:
        raise ValidationFailed(f"reporting cycle must be monthly or quarterly, not {cycle!r}")
    lead_department = department_named(session, commitment.government_id, lead)
    assert lead_department is not None
    partner_ids: list[int] = []
    for name in dict.fromkeys(p.strip() for p in partners if p.strip()):
        department = department_named(session, commitment.government_id, name)
        assert department is not None
        if department.id == lead_department.id:
            raise ValidationFailed(f"{name} is the 牵头单位 already; it cannot also be 配合单位")
        partner_ids.append(department.id)
    bounds = period_bounds(commitment.period)
    if starts is None:
        starts = max(bounds[0], dt.date.today()) if bounds else dt.date.today()
    assignment = commitment.assignment
    before = None
    if assignment is None:
        assignment = Assignment(commitment_id=commitment.id)
        session.add(assignment)
    else:
        expect_version(assignment, expected_version)
        before = row(assignment) | {"partners": [p.department_id for p in assignment.partners]}
    assignment.lead_id = lead_department.id
    assignment.due = due
    assignment.cycle = cycle
    assignment.starts = starts
    assignment.partners = [AssignmentPartner(department_id=i) for i in partner_ids]
    if before is not None:
        flag_modified(assignment, "cycle")  # a change of partners alone still bumps the version
    event = record(session, actor, "assign", assignment, before, reason)
    event.after = (event.after or {}) | {"partners": partner_ids}
    commitment.assignment = assignment
    notifications.assigned(session, assignment, commitment)
    return assignment


def change(
    session: Session,
    actor: Actor,
    commitment_id: int,
    *,
    lead: str | None = None,
    partners: Sequence[str] | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    cycle: str | None = None,
    starts: dt.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Assignment:
    """Assign, or change an assignment: the parts not given keep their values.

    ``partners=None`` keeps the 配合单位, ``()`` removes them; ``clear_due`` removes the
    完成时限. A first assignment needs a ``lead``.
    """
    commitment = fetch(session, Commitment, commitment_id)
    current = commitment.assignment
    if current is None:
        if lead is None:
            raise ValidationFailed(f"commitment {commitment_id} is not assigned yet: give a lead")
        return assign(
            session,
            actor,
            commitment_id,
            lead,
            partners or (),
            None if clear_due else due,
            cycle or "quarterly",
            starts,
            reason,
        )
    expect_version(current, expected_version)
    return assign(
        session,
        actor,
        commitment_id,
        lead if lead is not None else current.lead.name,
        partners if partners is not None else [p.department.name for p in current.partners],
        None if clear_due else (due or current.due),
        cycle or current.cycle,
        starts or current.starts,
        reason,
        expected_version=current.version,
    )


def withdraw(
    session: Session,
    actor: Actor,
    commitment_id: int,
    reason: str = "",
    expected_version: int | None = None,
) -> None:
    """Withdraw a commitment's assignment (its progress reports stay, journaled)."""
    authorize(actor, "assign")
    commitment = fetch(session, Commitment, commitment_id)
    current = commitment.assignment
    if current is None:
        raise ValidationFailed(f"commitment {commitment_id} is not assigned")
    expect_version(current, expected_version)
    if not reason.strip():
        raise ValidationFailed("withdrawing an assignment needs a reason")
    before = row(current) | {"partners": [p.department_id for p in current.partners]}
    session.add(
        AuditEvent(
            actor=actor.name,
            action="withdraw_assignment",
            entity=Assignment.__tablename__,
            entity_id=current.id,
            before=before,
            after=None,
            reason=reason,
        )
    )
    commitment.assignment = None
    session.delete(current)
    session.flush()


def departments_of(assignment: Assignment | None) -> set[int]:
    """The lead and partner departments of an assignment."""
    if assignment is None:
        return set()
    return {assignment.lead_id} | {p.department_id for p in assignment.partners}
