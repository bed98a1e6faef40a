"""The 成绩单: each target of a report judged against what a later report says of its year.

``reconcile(targets_document, outcomes_document)`` extracts both and calls
``reconcile_figures``, which does the work on figures already extracted (the benchmark times it
apart from extraction). The year judged is the one the later report reviews (its plan year
minus one); a target of that year gets the best-matching outcome of that year, a term target
still running gets the year's point of its trajectory.
"""

from __future__ import annotations

import dataclasses

from luoshi.config import Settings, get_settings
from luoshi.errors import InputError
from luoshi.extraction import extract
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document
from luoshi.reconcile.communique import communique_year, outcomes_of
from luoshi.reconcile.judging import Review, judge_target, review_of, reviewed_year
from luoshi.reconcile.matching import name_of
from luoshi.reconcile.results import Evidence, Reconciliation, TargetResult
from luoshi.reconcile.trajectory import plan_year_of, term_of, term_point
from luoshi.reconcile.vocabulary import rules


def reconcile(
    targets_document: Document,
    outcomes_document: Document,
    *,
    year: int | None = None,
    settings: Settings | None = None,
) -> Reconciliation:
    """Judge every target of ``targets_document`` against ``outcomes_document``'s review."""
    return reconcile_figures(
        targets_document,
        extract(targets_document),
        outcomes_document,
        extract(outcomes_document),
        year=year,
        settings=settings,
    )


def reconcile_figures(
    targets_document: Document,
    target_figures: list[Figure],
    outcomes_document: Document,
    outcome_figures: list[Figure],
    *,
    year: int | None = None,
    settings: Settings | None = None,
) -> Reconciliation:
    """``reconcile`` on figures extracted already."""
    communique = communique_year(outcomes_document)
    if communique is not None:  # a 统计公报: all outcomes, of the year its title names
        outcome_figures = outcomes_of(outcome_figures, communique)
    year = year if year is not None else reviewed_year(outcomes_document, outcome_figures)
    targets = [f for f in target_figures if f.kind == "target" and f.period == str(year)]
    plan_year = plan_year_of(targets_document, target_figures)
    terms = [
        (f, term)
        for f in target_figures
        if f.kind == "target" and f.period != str(year)
        for term in [term_of(f, plan_year)]
        if term and term[0] <= year <= term[1]
    ]
    if not targets and not terms:
        planned = sorted({f.period for f in target_figures if f.kind == "target"})
        raise InputError(
            targets_document.source,
            f"has no target for {year}, the year {outcomes_document.source or 'the later report'} "
            f"reviews (its targets are for {', '.join(planned) or 'no period'}); "
            "give the report whose plan part sets that year's targets",
        )
    review = review_of(outcomes_document, outcome_figures, settings or get_settings())
    judged = [judge_target(t, targets_document, str(year), review) for t in targets]
    return Reconciliation(
        year=year,
        targets_source=targets_document.source,
        outcomes_source=outcomes_document.source,
        results=tuple(_with_restatements(judged)),
        summary=tuple(_summary(review)),
        term_targets=tuple(
            term_point(t, targets_document, term, year, review) for t, term in terms
        ),
    )


def _with_restatements(results: list[TargetResult]) -> list[TargetResult]:
    """Link the targets of one indicator stated twice (or restated with another figure)."""
    keys = [
        (name_of(r.target.figure.indicator).canonical, r.target.figure.measure) for r in results
    ]
    return [
        dataclasses.replace(
            result,
            restates=tuple(
                other.target.figure.start
                for other, other_key in zip(results, keys, strict=True)
                if other_key == key and other is not result
            ),
        )
        for result, key in zip(results, keys, strict=True)
    ]


def _summary(review: Review) -> list[Evidence]:
    """The later report's own words on the year's targets (全年主要目标任务顺利完成)."""
    found: dict[int, Evidence] = {}
    text = review.text
    for phrase in rules().summary:
        at = text.find(phrase)
        while at >= 0:
            span = review.document.sentence_at(at)
            heading = any(
                n.title_start <= at < n.title_end for n in review.document.headings_at(at)
            )
            if (
                span is not None
                and not heading
                and span.end <= review.end
                and span.start not in found
            ):
                sentence = review.document.text[span.start : span.end].strip()
                found[span.start] = Evidence(span.start, span.end, sentence, "summary")
            at = text.find(phrase, at + len(phrase))
    return [found[k] for k in sorted(found)]
