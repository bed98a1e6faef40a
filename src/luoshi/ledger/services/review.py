"""Review of proposed commitments: confirm, reject (with why), correct, split into sub-tasks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import COMMITMENT_TYPES, Commitment, utcnow
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch
from luoshi.ledger.status import period_bounds

# Fields a reviewer may correct. Columns: field, check of the new value (None: any text).
EDITABLE: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "type": (str,),
    "indicator": (str,),
    "unit": (str,),
    "measure": (str, type(None)),
    "kind": (str, type(None)),
    "period": (str,),
    "target": (Decimal, type(None)),
    "target_max": (Decimal, type(None)),
    "baseline": (Decimal, type(None)),
    "comparator": (str,),
    "direction": (str, type(None)),
    "cumulative": (bool,),
    "criterion": (str, type(None)),
}
ALLOWED_VALUES: dict[str, tuple[Any, ...]] = {
    "type": COMMITMENT_TYPES,
    "comparator": ("=", ">=", "<=", "~"),
    "measure": ("level", "rate", "share", "rank", None),
    "kind": ("target", "actual", "estimate", None),
    "direction": ("higher", "lower", None),
    "criterion": ("started", "completed", None),
}
# The longest text each column keeps (a longer one is refused, never cut).
LONGEST: dict[str, int] = {"title": 1000, "indicator": 200, "unit": 20}


def decide(
    session: Session,
    actor: Actor,
    commitment_id: int,
    decision: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Commitment:
    """Confirm or reject a commitment; a rejection says why."""
    authorize(actor, "review")
    if decision not in ("confirmed", "rejected"):
        raise ValidationFailed(f"decision must be confirmed or rejected, not {decision!r}")
    if decision == "rejected" and not reason.strip():
        raise ValidationFailed("a rejection needs a reason")
    commitment = fetch(session, Commitment, commitment_id)
    expect_version(commitment, expected_version)
    if decision == "confirmed" and commitment.kind not in (None, "target"):
        raise ValidationFailed(
            f"commitment {commitment_id} is corrected to an {commitment.kind} figure, not a "
            "target: it cannot be a commitment (reject it; the gold keeps it as it is)"
        )
    before = row(commitment)
    commitment.review_state = decision
    commitment.reviewed_by = actor.name
    commitment.reviewed_at = utcnow()
    commitment.review_reason = reason
    record(
        session,
        actor,
        {"confirmed": "confirm", "rejected": "reject"}[decision],
        commitment,
        before,
        reason,
    )
    return commitment


ID_LIST = re.compile(r"^\s*\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*\s*$")
MOST_AT_ONCE = 10_000


def parse_ids(text: str) -> list[int]:
    """Ids from ``5``, ``1-61`` or ``3,5,8-12`` (in order, each once)."""
    if not ID_LIST.match(text):
        raise ValidationFailed(f"{text!r} is not an id, a range like 1-61 or a list like 3,5,8-12")
    ids: dict[int, None] = {}
    for part in text.split(","):
        first, _, last = part.partition("-")
        low, high = int(first), int(last or first)
        if high < low:
            raise ValidationFailed(f"the range {part.strip()} is inverted")
        if high - low >= MOST_AT_ONCE or len(ids) >= MOST_AT_ONCE:
            raise ValidationFailed(f"at most {MOST_AT_ONCE} commitments at once")
        ids.update(dict.fromkeys(range(low, high + 1)))
    return list(ids)


def decide_many(
    session: Session, actor: Actor, ids: Sequence[int], decision: str, reason: str = ""
) -> list[Commitment]:
    """Confirm or reject many proposed commitments at once: all, or none if any of them is
    missing or not proposed any more (someone decided it meanwhile)."""
    authorize(actor, "review")
    found = {
        c.id: c
        for c in session.scalars(select(Commitment).where(Commitment.id.in_(ids)).with_for_update())
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationFailed(f"no commitment with id {_ranges(missing)}; nothing decided")
    decided = [i for i in ids if found[i].review_state != "proposed"]
    if decided:
        raise ValidationFailed(
            f"commitment(s) {_ranges(decided)} are not proposed any more; nothing decided "
            "(review them one by one with --version)"
        )
    return [decide(session, actor, i, decision, reason) for i in ids]


def in_section(
    session: Session, actor: Actor, heading: str, report_id: int | None = None
) -> list[int]:
    """The proposed commitments under a heading (any level whose title holds ``heading``),
    in text order; they must all be of one report (else say which one: ``report_id``)."""
    authorize(actor, "review")
    if not heading.strip():
        raise ValidationFailed("say which section: a heading, or a part of one")
    query = select(Commitment).where(Commitment.review_state == "proposed")
    if report_id is not None:
        query = query.where(Commitment.report_id == report_id)
    found = [
        c
        for c in session.scalars(query.order_by(Commitment.report_id, Commitment.start))
        if any(heading.strip() in title for title in c.section)
    ]
    if not found:
        raise ValidationFailed(f"no proposed commitment under a heading holding {heading!r}")
    reports = sorted({c.report_id for c in found})
    if len(reports) > 1:
        raise ValidationFailed(
            f"headings holding {heading!r} are in reports {', '.join(map(str, reports))}; "
            "say which one with --report"
        )
    return [c.id for c in found]


def _ranges(ids: Sequence[int]) -> str:
    """``1-3,7`` for [1, 2, 3, 7]."""
    parts: list[str] = []
    for i in sorted(ids):
        if parts and parts[-1].split("-")[-1] == str(i - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{i}"
        else:
            parts.append(str(i))
    return ",".join(parts)


def edit(
    session: Session,
    actor: Actor,
    commitment_id: int,
    changes: dict[str, Any],
    reason: str = "",
    expected_version: int | None = None,
) -> Commitment:
    """Correct a commitment's fields (see EDITABLE); the journal keeps the old values."""
    authorize(actor, "review")
    commitment = fetch(session, Commitment, commitment_id)
    expect_version(commitment, expected_version)
    for field, value in changes.items():
        if field not in EDITABLE:
            raise ValidationFailed(f"{field!r} cannot be edited; editable: {', '.join(EDITABLE)}")
        if field in ("target", "target_max", "baseline") and isinstance(value, str | int):
            value = parse_decimal(field, str(value))
            changes[field] = value
        if isinstance(value, Decimal):
            checked_decimal(field, value)
        if not isinstance(value, EDITABLE[field]):
            raise ValidationFailed(f"{field} must be {EDITABLE[field][0].__name__}, not {value!r}")
        if field in LONGEST and len(str(value)) > LONGEST[field]:
            raise ValidationFailed(f"{field} is longer than {LONGEST[field]} characters")
        if field in ALLOWED_VALUES and value not in ALLOWED_VALUES[field]:
            raise ValidationFailed(f"{field} must be one of {ALLOWED_VALUES[field]}, not {value!r}")
        if field == "period" and period_bounds(str(value)) is None:
            raise ValidationFailed(f"period {value!r} is not a year or years like 2022-2026")
    low = changes.get("target", commitment.target)
    high = changes.get("target_max", commitment.target_max)
    if low is not None and high is not None and high < low:
        raise ValidationFailed(f"the range {low}–{high} is inverted: target_max is below target")
    before = row(commitment)
    for field, value in changes.items():
        setattr(commitment, field, value)
    record(session, actor, "edit", commitment, before, reason)
    return commitment


# The numbers the ledger keeps: below 10^18 in size, to 12 decimal places; so every
# status computation (28 significant digits) stays exact and no value breaks a page.
FINEST_EXPONENT = -12


def parse_decimal(field: str, text: str) -> Decimal:
    """A number the ledger can keep from text, or ValidationFailed naming the field."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValidationFailed(f"{field} must be a number, not {text!r}") from None
    return checked_decimal(field, value)


def checked_decimal(field: str, value: Decimal) -> Decimal:
    """``value`` if the ledger can keep it: finite, below 10^18, at most 12 decimal places."""
    shown = str(value)[:40]
    if not value.is_finite():
        raise ValidationFailed(f"{field} must be a finite number, not {shown!r}")
    if value and value.adjusted() >= 18:  # no arithmetic: 1e999999999 would overflow it
        raise ValidationFailed(f"{field} {shown} is too large: the ledger keeps numbers below 1e18")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < FINEST_EXPONENT:
        raise ValidationFailed(f"{field} {shown} has more than 12 decimal places")
    return value


def split(
    session: Session,
    actor: Actor,
    commitment_id: int,
    parts: Sequence[tuple[str, Decimal]],
    reason: str = "",
    expected_version: int | None = None,
) -> list[Commitment]:
    """Split a commitment into weighted sub-tasks (titles and weights summing to 1)."""
    authorize(actor, "review")
    parent = fetch(session, Commitment, commitment_id)
    expect_version(parent, expected_version)
    if parent.children:
        raise ValidationFailed(f"commitment {commitment_id} is split already")
    if len(parts) < 2:
        raise ValidationFailed("a split needs at least two sub-tasks")
    if any(weight <= 0 for _, weight in parts) or sum(w for _, w in parts) != 1:
        raise ValidationFailed("sub-task weights must be positive and add up to 1")
    children = []
    for title, weight in parts:
        child = Commitment(
            report_id=parent.report_id,
            government_id=parent.government_id,
            parent_id=parent.id,
            weight=weight,
            type=parent.type if parent.type != "量化指标" else "工作任务",
            title=title,
            start=parent.start,
            end=parent.end,
            quote=parent.quote,
            section=list(parent.section),
            period=parent.period,
            criterion="completed",
            review_state=parent.review_state,
        )
        session.add(child)
        record(session, actor, "split", child, None, reason)
        children.append(child)
    session.refresh(parent)
    return children
