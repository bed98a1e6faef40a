"""Term targets (今后五年, 十四五, 到2027年) followed across every later report of their term.

Each later report's review gives the term target a point: before the term's last year the
year's figure (a rate, share or rank) or the total so far (a level, 五年累计…), without a
verdict; in the last year's review the term's figure, judged like any target. ``follow``
builds the whole trajectory; ``reconcile`` gives the one point of its year.
"""

from __future__ import annotations

from collections import Counter

from luoshi.config import Settings, get_settings
from luoshi.extraction import extract
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document
from luoshi.reconcile.judging import Review, judge_target, review_of, reviewed_year
from luoshi.reconcile.results import FigureRef, TermPoint, Trajectory


def follow(
    term_document: Document,
    later_documents: list[Document],
    *,
    settings: Settings | None = None,
) -> list[Trajectory]:
    """Every term target of ``term_document``, followed through ``later_documents``' reviews."""
    figures = extract(term_document)
    plan_year = plan_year_of(term_document, figures)
    terms = [
        (f, term) for f in figures if f.kind == "target" for term in [term_of(f, plan_year)] if term
    ]
    points: dict[int, list[TermPoint]] = {f.start: [] for f, _ in terms}
    for document in later_documents:
        later = extract(document)
        year = reviewed_year(document, later)
        review = review_of(document, later, settings or get_settings())
        for figure, (first, last) in terms:
            if first <= year <= last:
                point = term_point(figure, term_document, (first, last), year, review)
                points[figure.start].append(point)
    return [
        Trajectory(
            FigureRef.of(figure, term_document),
            first,
            last,
            tuple(sorted(points[figure.start], key=lambda p: p.year)),
        )
        for figure, (first, last) in terms
    ]


def plan_year_of(document: Document, figures: list[Figure]) -> int | None:
    """The year a report plans: from its header, else the year most of its targets are for."""
    if document.metadata.plan_year is not None:
        return document.metadata.plan_year
    years = Counter(f.period for f in figures if f.kind == "target" and f.period.isdigit())
    return int(years.most_common(1)[0][0]) if years else None


def term_of(target: Figure, plan_year: int | None) -> tuple[int, int] | None:
    """The first and last year of a term target (2023-2027, or 到2025年 in a 2023 report)."""
    first, _, last = target.period.partition("-")
    if last and first.isdigit() and last.isdigit():
        return int(first), int(last)
    if first.isdigit() and plan_year is not None and int(first) > plan_year:
        return plan_year, int(first)
    return None


def term_point(
    target: Figure, document: Document, term: tuple[int, int], year: int, review: Review
) -> TermPoint:
    """The point of a term target (first and last year ``term``) in the review of ``year``."""
    first, last = term
    if year == last:
        periods = [target.period, str(year)]
    elif target.measure == "level":
        # A year's flow is not the term's total: only a total so far (the first year's own).
        periods = [f"{first}-{year}" if year > first else str(year)]
    else:
        periods = [str(year), f"{first}-{year}"]
    results = [judge_target(target, document, p, review) for p in dict.fromkeys(periods)]
    result = next((r for r in results if r.outcome is not None), results[0])
    common = (result.target, first, last, year, review.document.source, result.outcome)
    if year == last:
        return TermPoint(*common, result.verdict, result.reason, result.alternatives)
    where = f"year {year - first + 1} of {first}-{last}"
    if result.outcome is None:
        return TermPoint(*common, None, f"no figure for {year} ({where})")
    toward = f"toward {result.target.written} by {last}"
    return TermPoint(*common, None, f"{result.outcome.written} in {year} ({where}), {toward}")
