"""Closing a year: its commitments judged against the next year's report, beside their status.

When the next year's report is imported, ``close_year`` reconciles the closed year's report
against it (``luoshi.reconcile``): each commitment of that year gets the verdict the new report
gives it (met / missed / not reported / ambiguous, with the outcome's quote and span), stored
beside the status its progress reports gave at the year's end. Where the two disagree (missed
but 已完成, met but 未完成) the row is flagged for the office (``disagreements``). An unmet
commitment can be carried over to the new year's ledger (``carry_over``), linked to its origin.
Every change is journaled; closing again changes only what changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import luoshi
from luoshi.errors import ValidationFailed
from luoshi.ledger import status as engine
from luoshi.ledger.models import Commitment, ProgressReport, Report, YearVerdict
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import fetch
from luoshi.ledger.services.tracking import compute

# Statuses that say a commitment was done, and those that say it was not. A verdict of the next
# report on the other side is a disagreement for the office to look at.
DONE = frozenset({"已完成", "超进度"})
NOT_DONE = frozenset({"未完成", "欠进度", "逾期未报"})

# Verdicts that leave a commitment unmet: it may be carried over to the new year.
UNMET = frozenset({"missed", "not reported", "ambiguous"})

# The fields of an outcome figure the ledger keeps (its span is in the later report's text).
OUTCOME_FIELDS = ("written", "quote", "start", "end", "sentence")


@dataclass(frozen=True, slots=True)
class Closing:
    """The closed year, the two reports, and the verdicts stored (new or changed, and kept)."""

    year: int
    targets: Report
    outcomes: Report
    verdicts: list[YearVerdict]
    changed: int  # rows written or updated by this closing (0 on a repeat)


def closable(session: Session, report: Report) -> Report | None:
    """The report of the year ``report`` reviews (same government, plan year one before), if any.

    A final report is preferred to a draft, the newest of several.
    """
    if report.plan_year is None:
        return None
    found = session.scalars(
        select(Report)
        .where(
            Report.government_id == report.government_id,
            Report.plan_year == report.plan_year - 1,
            Report.id != report.id,
        )
        .order_by((Report.edition == "final").desc(), Report.id.desc())
    ).first()
    return found


def disagreement(verdict: str, status: str, reported: bool) -> bool:
    """Whether the next report's verdict and the ledger's status at the year's end disagree.

    ``reported``: whether any progress report was approved; without one the ledger's 未完成
    says only that nobody reported, which is no claim against the verdict.
    """
    if not reported:
        return False
    return (verdict == "missed" and status in DONE) or (verdict == "met" and status in NOT_DONE)


def close_year(
    session: Session,
    actor: Actor,
    report_id: int,
    tolerance: engine.Tolerance,
) -> Closing:
    """Reconcile the year ``report_id`` reviews: every commitment of that year gets its verdict.

    ``report_id``: the new year's report (its review part states the closed year's outcomes).
    Idempotent: a repeat stores nothing new and journals nothing.
    """
    authorize(actor, "close_year")
    outcomes = fetch(session, Report, report_id)
    targets = closable(session, outcomes)
    if targets is None:
        year = f"{outcomes.plan_year - 1}" if outcomes.plan_year else "the year it reviews"
        raise ValidationFailed(
            f"report {report_id} reviews {year}, but the ledger holds no report of "
            f"{outcomes.government.name} for that year to close"
        )
    card = luoshi.reconcile(document_of(targets), document_of(outcomes))
    commitments = {  # by the figure's start: a figure's end may take its unit's first character
        c.start: c
        for c in session.scalars(
            select(Commitment).where(
                Commitment.report_id == targets.id,
                Commitment.review_state != "rejected",
                Commitment.parent_id.is_(None),
            )
        )
    }
    closed = dt.date(card.year + 1, 1, 1)  # the day after the year: its period is over
    stored: list[YearVerdict] = []
    changed = 0
    for result in card.results:
        target = result.target.figure
        commitment = commitments.get(target.start)
        if commitment is None:
            continue  # a target the office rejected, or one not in the ledger
        outcome = result.outcome.to_record() if result.outcome is not None else None
        fields: dict[str, Any] = {
            "outcomes_report_id": outcomes.id,
            "year": card.year,
            "verdict": result.verdict,
            "reason": result.reason,
            "outcome": None if outcome is None else {k: outcome[k] for k in OUTCOME_FIELDS},
        }
        fields["status"], reported = _status_at(session, commitment, tolerance, closed)
        fields["disagrees"] = disagreement(result.verdict, fields["status"], reported)
        verdict, wrote = _store(session, actor, commitment, fields)
        stored.append(verdict)
        changed += wrote
    return Closing(card.year, targets, outcomes, stored, changed)


def _store(
    session: Session, actor: Actor, commitment: Commitment, fields: dict[str, Any]
) -> tuple[YearVerdict, bool]:
    """Insert or update the commitment's verdict; journal it only when something changed."""
    found = session.scalars(
        select(YearVerdict).where(YearVerdict.commitment_id == commitment.id)
    ).first()
    if found is None:
        verdict = YearVerdict(commitment_id=commitment.id, **fields)
        session.add(verdict)
        record(session, actor, "close_year", verdict, None)
        return verdict, True
    if all(getattr(found, key) == value for key, value in fields.items()):
        return found, False
    before = row(found)
    for key, value in fields.items():
        setattr(found, key, value)
    record(session, actor, "close_year", found, before)
    return found, True


def _status_at(
    session: Session, commitment: Commitment, tolerance: engine.Tolerance, day: dt.date
) -> tuple[str, bool]:
    """The status the lead's submitted and approved progress reports gave on ``day``, and
    whether any of them was approved."""
    filed = list(
        session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id == commitment.id,
                ProgressReport.contribution.is_(False),
                ProgressReport.state.in_(("submitted", "approved")),
            )
            .order_by(ProgressReport.as_of, ProgressReport.id)
        )
    )
    reported = any(r.state == "approved" and r.as_of <= day for r in filed)
    return compute(commitment, filed, tolerance, day).code, reported


def verdicts(
    session: Session,
    actor: Actor,
    *,
    report_id: int | None = None,
    disagreeing: bool = False,
) -> list[YearVerdict]:
    """The stored verdicts, oldest commitment first: of one closed report, or only disagreements."""
    authorize(actor, "close_year")
    query = select(YearVerdict).order_by(YearVerdict.commitment_id)
    if report_id is not None:
        query = query.where(
            YearVerdict.commitment_id.in_(
                select(Commitment.id).where(Commitment.report_id == report_id)
            )
        )
    if disagreeing:
        query = query.where(YearVerdict.disagrees.is_(True))
    return list(session.scalars(query))


def disagreements(session: Session, actor: Actor) -> list[YearVerdict]:
    """The verdicts the office should look at: the next report and the ledger disagree."""
    return verdicts(session, actor, disagreeing=True)


def carry_over(session: Session, actor: Actor, commitment_id: int) -> Commitment:
    """Carry an unmet commitment of a closed year over to the new year's ledger.

    The new commitment belongs to the report that closed the year, is proposed (the office
    confirms it as any other), keeps the target and is linked to its origin. Carrying twice
    returns the commitment carried the first time.
    """
    authorize(actor, "close_year")
    origin = fetch(session, Commitment, commitment_id)
    verdict = session.scalars(
        select(YearVerdict).where(YearVerdict.commitment_id == commitment_id)
    ).first()
    if verdict is None:
        raise ValidationFailed(
            f"commitment {commitment_id} has no verdict yet: close its year first "
            "(`luoshi close-year NEW_REPORT_ID`)"
        )
    if verdict.carried_to_id is not None:
        return fetch(session, Commitment, verdict.carried_to_id)
    if verdict.verdict not in UNMET:
        raise ValidationFailed(
            f"commitment {commitment_id} was met ({verdict.reason}); only an unmet one is "
            "carried over"
        )
    new_report = fetch(session, Report, verdict.outcomes_report_id)
    start, end = _span_in(new_report, verdict)
    carried = Commitment(
        report_id=new_report.id,
        government_id=origin.government_id,
        type=origin.type,
        title=origin.title,
        start=start,
        end=end,
        quote=origin.quote,
        section=[],
        period=str(new_report.plan_year or ""),
        figure=origin.figure,
        indicator=origin.indicator,
        measure=origin.measure,
        cumulative=origin.cumulative,
        comparator=origin.comparator,
        target=origin.target,
        target_max=origin.target_max,
        unit=origin.unit,
        direction=origin.direction,
        criterion=origin.criterion,
        review_state="proposed",
        review_reason=f"carried over from commitment {origin.id} "
        f"({verdict.year}: {verdict.reason})",
    )
    session.add(carried)
    record(session, actor, "carry_over", carried, None, carried.review_reason)
    before = row(verdict)
    verdict.carried_to_id = carried.id
    record(session, actor, "carry_over", verdict, before)
    return carried


def _span_in(report: Report, verdict: YearVerdict) -> tuple[int, int]:
    """Where the carried commitment stands in the new report: its outcome, else the text's start.

    The new report's figure on the target is the natural anchor; a target the new report is
    silent on is anchored at the start of its text (the quote stays the origin's).
    """
    outcome = verdict.outcome or {}
    start, end = outcome.get("start"), outcome.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(report.text):
        return start, end
    return 0, min(1, len(report.text))


def carried_from(session: Session, commitment_id: int) -> Commitment | None:
    """The commitment of a closed year that ``commitment_id`` was carried over from."""
    verdict = session.scalars(
        select(YearVerdict).where(YearVerdict.carried_to_id == commitment_id)
    ).first()
    return None if verdict is None else verdict.commitment


def verdict_of(session: Session, commitment_id: int) -> YearVerdict | None:
    """The closed year's verdict on ``commitment_id``, if its year was closed."""
    return session.scalars(
        select(YearVerdict).where(YearVerdict.commitment_id == commitment_id)
    ).first()


@dataclass(frozen=True, slots=True)
class Pending:
    """A report that reviews a year the ledger holds, and how many of its verdicts are stored."""

    report: Report
    closes: Report
    stored: int


@dataclass(frozen=True, slots=True)
class Overview:
    """The office's page: reports that can close a year, and every stored verdict."""

    pending: list[Pending]
    verdicts: list[YearVerdict]


def overview(session: Session, actor: Actor) -> Overview:
    """Every report that closes a year the ledger holds, and the stored verdicts, disagreeing
    first."""
    authorize(actor, "close_year")
    pending = []
    for report in session.scalars(select(Report).order_by(Report.id)):
        earlier = closable(session, report)
        if earlier is None:
            continue
        stored = verdicts(session, actor, report_id=earlier.id)
        pending.append(
            Pending(report, earlier, sum(v.outcomes_report_id == report.id for v in stored))
        )
    found = verdicts(session, actor)
    found.sort(key=lambda v: (not v.disagrees, v.commitment_id))
    return Overview(pending, found)


def document_of(report: Report) -> luoshi.Document:
    """The report as the reconciler reads it: its stored text, read again (offsets unchanged)."""
    return luoshi.read(report.text.encode("utf-8"), name=f"report-{report.id}.txt")
