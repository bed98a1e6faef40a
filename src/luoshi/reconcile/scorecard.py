"""The 成绩单: each target of a report judged against what a later report says of its year.

``reconcile(targets_document, outcomes_document)`` extracts both and calls
``reconcile_figures``, which does the work on figures already extracted (the benchmark times it
apart from extraction). The year judged is the one the later report reviews (its plan year
minus one); a target of that year gets the best-matching outcome of that year, a term target
still running gets the year's point of its trajectory.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from luoshi.config import Settings, get_settings
from luoshi.errors import InputError
from luoshi.extraction import extract
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document
from luoshi.reconcile.matching import (
    NARROWER,
    Name,
    comparable,
    decreases,
    name_of,
    name_score,
    signed,
)
from luoshi.reconcile.results import (
    Alternative,
    Evidence,
    FigureRef,
    Reconciliation,
    TargetResult,
)
from luoshi.reconcile.verdicts import Judgement, Quantity, band, favourable, judge
from luoshi.reconcile.vocabulary import rules

MAX_MENTIONS = 3


@dataclass(frozen=True, slots=True)
class _Outcome:
    figure: Figure
    name: Name
    ref: FigureRef
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class _Review:
    """The later report's review part: its results, ready to be matched."""

    document: Document
    end: int  # where the plan part begins (the first target's paragraph), or the text's end
    outcomes: tuple[_Outcome, ...]
    settings: Settings

    @property
    def text(self) -> str:
        return self.document.text[: self.end]


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
    year = year if year is not None else reviewed_year(outcomes_document, outcome_figures)
    targets = [f for f in target_figures if f.kind == "target" and f.period == str(year)]
    plan_year = targets_document.metadata.plan_year
    terms = [
        f
        for f in target_figures
        if f.kind == "target" and f.period != str(year) and _runs_in(term_of(f, plan_year), year)
    ]
    if not targets and not terms:
        planned = sorted({f.period for f in target_figures if f.kind == "target"})
        raise InputError(
            targets_document.source,
            f"has no target for {year}, the year {outcomes_document.source or 'the later report'} "
            f"reviews (its targets are for {', '.join(planned) or 'no period'}); "
            "give the report whose plan part sets that year's targets",
        )
    review = _review(outcomes_document, outcome_figures, settings or get_settings())
    judged = [_result(t, targets_document, str(year), review) for t in targets]
    return Reconciliation(
        year=year,
        targets_source=targets_document.source,
        outcomes_source=outcomes_document.source,
        results=tuple(_with_restatements(judged)),
        summary=tuple(_summary(review)),
        term_targets=tuple(_term_result(t, targets_document, year, review) for t in terms),
    )


def reviewed_year(document: Document, figures: list[Figure]) -> int:
    """The year a report's review part reports on: its plan year minus one."""
    if document.metadata.plan_year is not None:
        return document.metadata.plan_year - 1
    years = Counter(f.period for f in figures if f.kind == "actual" and f.period.isdigit())
    if years:
        return int(years.most_common(1)[0][0])
    raise InputError(
        document.source,
        "cannot tell which year this report reviews (no plan year, no result dated by year); "
        "give the year with --year",
    )


def term_of(target: Figure, plan_year: int | None) -> tuple[int, int] | None:
    """The first and last year of a term target (2023-2027, or 到2027年 in a 2023 report)."""
    first, _, last = target.period.partition("-")
    if last and first.isdigit() and last.isdigit():
        return int(first), int(last)
    if first.isdigit() and plan_year is not None and int(first) > plan_year:
        return plan_year, int(first)
    return None


def _review(document: Document, figures: list[Figure], settings: Settings) -> _Review:
    first_target = min((f.start for f in figures if f.kind == "target"), default=None)
    paragraph = None if first_target is None else document.paragraph_at(first_target)
    end = len(document.text) if first_target is None else first_target
    end = paragraph.start if paragraph is not None else end
    outcomes = tuple(
        _outcome(f, document) for f in figures if f.kind in ("actual", "estimate") and f.start < end
    )
    return _Review(document, end, outcomes, settings)


def _outcome(figure: Figure, document: Document) -> _Outcome:
    decrease = decreases(document.text, figure)
    low, high = signed(figure, decrease)
    return _Outcome(
        figure,
        name_of(figure.indicator),
        FigureRef.of(figure, document, decrease),
        Quantity(low, high, figure.comparator, decrease),
    )


def _result(target: Figure, document: Document, period: str, review: _Review) -> TargetResult:
    """The target judged against the review's best-matching outcome of ``period``."""
    decrease = decreases(document.text, target)
    ref = FigureRef.of(target, document, decrease)
    low, high = signed(target, decrease)
    quantity = Quantity(low, high, target.comparator, decrease)
    name = name_of(target.indicator)
    scored = [
        (score, o)
        for o in review.outcomes
        if o.figure.period == period and comparable(target, o.figure)
        for score in [name_score(name, o.name)]
        if score > 0
    ]
    if not scored:
        mentions = _mentions(name, review)
        said = "; the later report names it without a figure" if mentions else ""
        reason = f"no outcome for {ref.written}{said}: not reported"
        return TargetResult(ref, None, "not reported", reason, evidence=mentions)
    best = max(s for s, _ in scored)
    width, band_words = band(target, low, review.settings)
    direction = favourable(rules().direction(name.canonical), quantity, target.measure)
    judged = [(o, judge(quantity, o.quantity, width, direction)) for s, o in scored if s == best]
    outcome, first = judged[0]
    reason = _reason(outcome.ref, ref, first, band_words)
    if best <= NARROWER:
        # Only a narrower indicator is reported (工业投资 for 固定资产投资): the target's own
        # outcome is not; the part's figure is kept beside it as another reading.
        part = f"{outcome.ref.figure.indicator}, a part of {target.indicator}"
        return TargetResult(
            ref,
            None,
            "not reported",
            f"no outcome for {ref.written} (only {part}): not reported",
            (Alternative(outcome.ref, first.verdict, f"{part}: {reason}"),),
        )
    others = [(o, j) for o, j in judged[1:] if j.verdict != first.verdict]
    if first.verdict != "ambiguous" and not others:
        return TargetResult(ref, outcome.ref, first.verdict, reason)
    alternatives = [
        Alternative(o.ref, j.verdict, _reason(o.ref, ref, j, band_words)) for o, j in others
    ]
    if first.other is not None:
        alternatives.insert(0, Alternative(outcome.ref, first.other, reason))
    return TargetResult(ref, outcome.ref, "ambiguous", reason, tuple(alternatives))


def _term_result(target: Figure, document: Document, year: int, review: _Review) -> TargetResult:
    """The year's point of a term target: judged as the term's figure at its end.

    Before the end, a level (五年新增…) is compared only with a total since the term began,
    a rate, share or rank also with the year's own figure.
    """
    first, last = term_of(target, document.metadata.plan_year) or (year, year)
    if year == last:
        periods = [target.period, str(year)]
    elif target.measure == "level":
        periods = [f"{first}-{year}"]
    else:
        periods = [str(year), f"{first}-{year}"]
    results = [_result(target, document, period, review) for period in dict.fromkeys(periods)]
    result = next((r for r in results if r.outcome is not None), results[0])
    if year == last:
        return result
    where = f"{year}, year {year - first + 1} of {first}-{last}"
    return dataclasses.replace(result, reason=f"{where}: {result.reason}")


def _runs_in(term: tuple[int, int] | None, year: int) -> bool:
    return term is not None and term[0] <= year <= term[1]


def _reason(outcome: FigureRef, target: FigureRef, judgement: Judgement, band_words: str) -> str:
    why = judgement.why.replace("the band", f"the {band_words} band")
    verdict = judgement.verdict if judgement.other is None else "ambiguous"
    tail = f" ({why})" if why else ""
    return f"{outcome.written} against {target.written}: {verdict}{tail}"


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


def _summary(review: _Review) -> list[Evidence]:
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


def _mentions(name: Name, review: _Review) -> tuple[Evidence, ...]:
    """Sentences of the review that name the target's indicator without a figure for it."""
    found: dict[int, Evidence] = {}
    words = sorted({name.canonical, *rules().synonyms_of(name.canonical)}, key=len, reverse=True)
    for word in (w for w in words if len(w) >= 3):
        at = review.text.find(word)
        while at >= 0 and len(found) < MAX_MENTIONS:
            span = review.document.sentence_at(at)
            if span is not None and span.start not in found:
                sentence = review.document.text[span.start : span.end].strip()
                found[span.start] = Evidence(span.start, span.end, sentence, "mention")
            at = review.text.find(word, at + len(word))
    return tuple(found[k] for k in sorted(found))
