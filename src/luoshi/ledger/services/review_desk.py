"""The review desk: a figure in its paragraph, corrected field by field (its span too), merged
with another or split in two, and the office's review written out as gold records.

The extractor's original stays where the import put it (``Commitment.figure``, and the report's
``ReportFigure`` rows); corrections change the commitment's own columns and are journaled, so
every correction is the pair (extracted, corrected). ``gold`` writes the reviewed figures in the
record format of ``spec/figures.md``: confirmed ones as they stand after correction, rejected
ones left out — except a figure the reviewer corrected to an actual or an estimate, which is a
real figure that is just not a commitment.

A split here is not ``review.split`` (weighted sub-tasks of one commitment, for progress): a
figure that holds two numbers becomes two figures, each with its own span and value, each
reviewed and scored on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import Commitment, Report
from luoshi.ledger.services import review
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch

# The fields of a gold record that score.py compares, besides the span.
SCORED = ("value", "value_max", "unit", "indicator", "measure", "kind", "comparator", "period")
NOT_TARGETS = ("actual", "estimate")
KIND_WORDS = {"target": "目标", "actual": "实际数", "estimate": "预计数"}
NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Characters left between two numbers when one span is cut off the other (2至3 → 2, 3).
JOINERS = "至到~～-－—、，, "


@dataclass(frozen=True, slots=True)
class FigureView:
    """A commitment's figure as the reviewer reads and corrects it, in its whole paragraph."""

    paragraph_start: int
    before: str
    match: str
    after: str
    start: int
    end: int
    value: str
    value_max: str
    unit: str
    indicator: str
    measure: str
    kind: str
    comparator: str
    period: str
    is_figure: bool
    changed: tuple[str, ...]  # fields that differ from the extractor's original


def view(paragraph_start: int, paragraph: str, commitment: Commitment) -> FigureView:
    """The figure of ``commitment`` highlighted in ``paragraph`` (which starts at that offset)."""
    at = max(0, commitment.start - paragraph_start)
    end = max(at, commitment.end - paragraph_start)
    current = corrected_record(commitment)
    return FigureView(
        paragraph_start=paragraph_start,
        before=paragraph[:at],
        match=paragraph[at:end],
        after=paragraph[end:],
        start=commitment.start,
        end=commitment.end,
        value=_text(commitment.target),
        value_max=_text(commitment.target_max),
        unit=commitment.unit,
        indicator=commitment.indicator,
        measure=commitment.measure or "",
        kind=kind_of(commitment) or "",
        comparator=commitment.comparator or "",
        period=commitment.period,
        is_figure=commitment.target is not None,
        changed=changed_fields(commitment.figure, current) if current else (),
    )


def kind_of(commitment: Commitment) -> str | None:
    """The figure's kind as reviewed; an extracted figure is a target until corrected."""
    if commitment.target is None:
        return None
    return commitment.kind or "target"


def correct(
    session: Session,
    actor: Actor,
    commitment_id: int,
    form: Mapping[str, str],
    expected_version: int | None,
    reason: str = "",
) -> Commitment:
    """Correct a figure's fields and span from a form's text (``SCORED`` fields, ``start``,
    ``end``; a field left out is left as it is). A figure corrected to an actual or an
    estimate is rejected as a commitment (it stays in the gold as what it is)."""
    authorize(actor, "review")
    commitment = fetch(session, Commitment, commitment_id)
    expect_version(commitment, expected_version)
    changes = _changes(commitment, form)
    if changes:
        review.edit(session, actor, commitment_id, changes, reason)
    if "start" in form or "end" in form:
        start = _offset("start", form.get("start", str(commitment.start)))
        end = _offset("end", form.get("end", str(commitment.end)))
        if (start, end) != (commitment.start, commitment.end):
            _move_span(session, actor, commitment, start, end, reason)
    kind = changes.get("kind")
    if kind in NOT_TARGETS and commitment.review_state != "rejected":
        review.decide(session, actor, commitment_id, "rejected", f"不是目标：{KIND_WORDS[kind]}")
    return commitment


def _changes(commitment: Commitment, form: Mapping[str, str]) -> dict[str, Any]:
    """The form's fields that differ from the commitment, as the commitment's columns."""
    changes: dict[str, Any] = {}
    if "value" in form:
        text = form["value"].strip()
        if not text and commitment.target is not None:
            raise ValidationFailed("a figure needs a value (数值不能为空)")
        value = review.parse_decimal("value", text) if text else None
        if value != commitment.target:
            changes["target"] = value
    if "value_max" in form:
        text = form["value_max"].strip()
        high = review.parse_decimal("value_max", text) if text else None
        if high != commitment.target_max:
            changes["target_max"] = high
    for field in ("unit", "indicator", "period"):
        if field in form and form[field].strip() != getattr(commitment, field):
            changes[field] = form[field].strip()
    for field in ("measure", "comparator"):
        if field in form and (form[field] or None) != getattr(commitment, field):
            changes[field] = form[field] or None
    if "kind" in form and (form["kind"] or None) != kind_of(commitment):
        if commitment.target is None:
            raise ValidationFailed("a qualitative task has no figure kind")
        changes["kind"] = form["kind"] or None
    return changes


def _offset(name: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationFailed(f"{name} must be a character offset (a whole number)") from None


def _move_span(
    session: Session, actor: Actor, commitment: Commitment, start: int, end: int, reason: str
) -> None:
    report = commitment.report
    _inside(report.text, start, end)
    before = row(commitment)
    low, high = _quote_bounds(report.text, commitment)
    commitment.quote = report.text[min(low, start) : max(high, end)]
    commitment.start, commitment.end = start, end
    record(session, actor, "edit", commitment, before, reason)


def _inside(text: str, start: int, end: int) -> None:
    if not 0 <= start < end <= len(text):
        raise ValidationFailed(f"span {start}:{end} lies outside the report's text (0:{len(text)})")


def _quote_bounds(text: str, commitment: Commitment) -> tuple[int, int]:
    """Where the commitment's quote stands in the text (at its span, or the span alone)."""
    found = text.find(commitment.quote, max(0, commitment.end - len(commitment.quote)))
    if commitment.quote and 0 <= found <= commitment.start:
        return found, found + len(commitment.quote)
    return commitment.start, commitment.end


def merge(
    session: Session,
    actor: Actor,
    keep_id: int,
    other_id: int,
    keep_version: int | None,
    other_version: int | None,
) -> Commitment:
    """Merge two figures of one report into the first: its span covers both, its value the
    range of both values (when they differ); the second is rejected as merged into it."""
    authorize(actor, "review")
    keep = fetch(session, Commitment, keep_id)
    other = fetch(session, Commitment, other_id)
    expect_version(keep, keep_version)
    expect_version(other, other_version)
    if keep_id == other_id:
        raise ValidationFailed("a figure cannot be merged with itself")
    if keep.report_id != other.report_id:
        raise ValidationFailed(f"commitments {keep_id} and {other_id} are of different reports")
    if keep.review_state == "rejected" or other.review_state == "rejected":
        raise ValidationFailed("a rejected figure cannot be merged; confirm or correct it first")
    if keep.children or other.children:
        raise ValidationFailed("a commitment split into sub-tasks cannot be merged")
    before = row(keep)
    text = keep.report.text
    spans = [_quote_bounds(text, keep), _quote_bounds(text, other)]
    keep.quote = text[min(s for s, _ in spans) : max(e for _, e in spans)]
    keep.start, keep.end = min(keep.start, other.start), max(keep.end, other.end)
    values = {
        v for v in (keep.target, keep.target_max, other.target, other.target_max) if v is not None
    }
    if len(values) > 1:
        keep.target, keep.target_max = min(values), max(values)
    record(session, actor, "merge", keep, before, f"并入第 {other_id} 项")
    review.decide(session, actor, other_id, "rejected", f"已并入第 {keep_id} 项")
    return keep


def split_figure(
    session: Session,
    actor: Actor,
    commitment_id: int,
    start: int,
    end: int,
    expected_version: int | None,
) -> Commitment:
    """Take the figure at ``start``:``end`` out of a commitment's figure as a figure of its own
    (proposed, with the same fields and the number read from the span); a span cut out of the
    original's leaves it the rest."""
    authorize(actor, "review")
    original = fetch(session, Commitment, commitment_id)
    expect_version(original, expected_version)
    if original.target is None:
        raise ValidationFailed("only a figure can be split in two; a task is split into sub-tasks")
    text = original.report.text
    _inside(text, start, end)
    if (start, end) == (original.start, original.end):
        raise ValidationFailed("select the second number only, not the whole figure")
    if original.start <= start and end <= original.end:
        before = row(original)
        if start > original.start:
            original.end = start
            while original.end > original.start + 1 and text[original.end - 1] in JOINERS:
                original.end -= 1
        else:
            original.start = end
            while original.start < original.end - 1 and text[original.start] in JOINERS:
                original.start += 1
        record(session, actor, "edit", original, before, "拆分")
    number = NUMBER.search(text[start:end])
    low, high = _quote_bounds(text, original)
    part = Commitment(
        report_id=original.report_id,
        government_id=original.government_id,
        type=original.type,
        title=original.title,
        start=start,
        end=end,
        quote=text[min(low, start) : max(high, end)],
        section=list(original.section),
        period=original.period,
        indicator=original.indicator,
        measure=original.measure,
        kind=original.kind,
        cumulative=original.cumulative,
        comparator=original.comparator,
        target=Decimal(number[0]) if number else original.target,
        unit=original.unit,
        review_state="proposed",
    )
    session.add(part)
    record(session, actor, "split_figure", part, None, f"从第 {commitment_id} 项拆出")
    return part


def corrected_record(commitment: Commitment) -> dict[str, Any] | None:
    """The commitment's figure as a gold record (spec/figures.md); None for a task."""
    if commitment.target is None:
        return None
    found: dict[str, Any] = {
        "start": commitment.start,
        "end": commitment.end,
        "value": _number(commitment.target),
    }
    if commitment.target_max is not None:
        found["value_max"] = _number(commitment.target_max)
    found |= {
        "unit": commitment.unit,
        "indicator": commitment.indicator,
        "measure": commitment.measure,
        "kind": kind_of(commitment),
        "comparator": commitment.comparator or "=",
        "period": commitment.period,
        "section": list(commitment.section or []),
        "quote": commitment.quote,
    }
    return found


def changed_fields(
    extracted: Mapping[str, Any] | None, corrected: Mapping[str, Any]
) -> tuple[str, ...]:
    """The scored fields (and the span) in which ``corrected`` differs from ``extracted``;
    every field, for a figure the extractor did not give (split off, or added)."""
    fields = ("start", "end", *SCORED)
    if extracted is None:
        return fields
    return tuple(f for f in fields if _plain(extracted.get(f)) != _plain(corrected.get(f)))


def _plain(value: Any) -> Any:
    return Decimal(str(value)) if isinstance(value, int | float) else value


def _reviewed(session: Session, actor: Actor, report_id: int) -> list[Commitment]:
    authorize(actor, "review")
    fetch(session, Report, report_id)
    query = (
        select(Commitment)
        .where(Commitment.report_id == report_id, Commitment.parent_id.is_(None))
        .order_by(Commitment.start, Commitment.id)
    )
    return [c for c in session.scalars(query) if c.target is not None or c.figure is not None]


def gold(session: Session, actor: Actor, report_id: int) -> list[dict[str, Any]]:
    """The report's reviewed figures as gold records: confirmed ones as corrected, and those
    corrected to an actual or an estimate; rejected and unreviewed ones left out."""
    records = []
    for commitment in _reviewed(session, actor, report_id):
        in_gold = commitment.review_state == "confirmed" or (
            commitment.review_state == "rejected" and kind_of(commitment) in NOT_TARGETS
        )
        found = corrected_record(commitment)
        if in_gold and found is not None:
            records.append(found)
    return records


def corrections(session: Session, actor: Actor, report_id: int) -> list[dict[str, Any]]:
    """Each reviewed figure as (extracted, corrected): the extractor's record (None for a figure
    it did not give), the record after review, the fields changed and the decision."""
    pairs = []
    for commitment in _reviewed(session, actor, report_id):
        if commitment.review_state == "proposed":
            continue
        extracted = _spec_record(commitment.figure)
        corrected = corrected_record(commitment)
        pairs.append(
            {
                "commitment": commitment.id,
                "review_state": commitment.review_state,
                "reason": commitment.review_reason,
                "extracted": extracted,
                "corrected": corrected,
                "changed": list(changed_fields(extracted, corrected or {})),
            }
        )
    return pairs


def _spec_record(full: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The spec's fields of the extractor's full record (luoshi's own fields left out)."""
    if full is None:
        return None
    keys = ("start", "end", *SCORED, "section", "quote")
    return {key: full[key] for key in keys if key in full}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
