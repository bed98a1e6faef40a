"""Two published reports of a government compared target by target (the portal's diff page).

The later report against an earlier one (by default the same government's published report of
the plan year before): each target added, removed, or with its value, comparator, unit or period
changed (城镇新增就业 1100万人 → 1200万人), paired by the reconciler's matcher (``luoshi.diff``).
Only published reports are compared; a draft does not exist for the public.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import NotFound
from luoshi.ledger.models import Report
from luoshi.ledger.services.closing import document_of
from luoshi.ledger.services.public import anchor_at, public_report, report_link
from luoshi.ledger.services.public_views import ReportLink
from luoshi.reconcile.diff import diff
from luoshi.reconcile.results import CHANGE_LABELS, DiffEntry, FigureRef

CHANGES = ("changed", "added", "removed", "unchanged")  # the order rows and counts are shown in


class Side(BaseModel):
    """A target as one report writes it, and the sentence it stands in (with its offset)."""

    written: str = Field(description="The figure in words: 1200万人以上")
    indicator: str
    period: str
    start: int
    anchor: str = Field(description="The fragment of its paragraph on the report's page")
    sentence: str


class DiffRow(BaseModel):
    change: str = Field(description="added / removed / changed / unchanged")
    change_label: str
    indicator: str
    before: Side | None
    after: Side | None
    what: list[str] = Field(description="What changed: value, comparator, unit, period")
    reason: str


class ReportDiff(BaseModel):
    report: ReportLink
    against: ReportLink | None = Field(description="The earlier report, if one is published")
    counts: dict[str, int]
    rows: list[DiffRow]
    others: list[ReportLink] = Field(description="The government's other published reports")


def report_diff(session: Session, report_id: int, against: int | None = None) -> ReportDiff:
    """``report_id`` against ``against`` (default: the published report of the year before)."""
    report = public_report(session, report_id)
    others = list(
        session.scalars(
            select(Report)
            .where(
                Report.government_id == report.government_id,
                Report.state == "published",
                Report.id != report.id,
            )
            .order_by(Report.plan_year, Report.id)
        )
    )
    if against is not None:
        earlier: Report | None = public_report(session, against)
        if earlier not in others:
            raise NotFound(f"no other published report of this government with id {against}")
    else:
        earlier = next(
            (r for r in reversed(others) if (r.plan_year or 0) == (report.plan_year or 0) - 1),
            None,
        )
    links = [report_link(session, r) for r in others]
    if earlier is None:
        return ReportDiff(
            report=report_link(session, report), against=None, counts={}, rows=[], others=links
        )
    entries = diff(document_of(earlier), document_of(report))
    rows = sorted(
        (
            DiffRow(
                change=e.change,
                change_label=CHANGE_LABELS[e.change],
                indicator=_indicator(e),
                before=_side(e.before, earlier),
                after=_side(e.after, report),
                what=list(e.what),
                reason=e.reason,
            )
            for e in entries
        ),
        key=lambda row: CHANGES.index(row.change),
    )
    return ReportDiff(
        report=report_link(session, report),
        against=report_link(session, earlier),
        counts={change: sum(r.change == change for r in rows) for change in CHANGES},
        rows=rows,
        others=links,
    )


def _indicator(entry: DiffEntry) -> str:
    """The indicator as the later report names it (the earlier's for a removed target)."""
    ref = entry.after or entry.before
    return ref.figure.indicator if ref is not None else ""


def _side(ref: FigureRef | None, report: Report) -> Side | None:
    if ref is None:
        return None
    figure = ref.figure
    return Side(
        written=ref.written,
        indicator=figure.indicator,
        period=figure.period,
        start=figure.start,
        anchor=anchor_at(report.text, figure.start),
        sentence=ref.sentence,
    )
