"""分工: a confirmed commitment's 牵头单位, 配合单位, 完成时限 and reporting cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import CYCLES, Assignment, AssignmentPartner, Commitment
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
    return assignment


def departments_of(assignment: Assignment | None) -> set[int]:
    """The lead and partner departments of an assignment."""
    if assignment is None:
        return set()
    return {assignment.lead_id} | {p.department_id for p in assignment.partners}
