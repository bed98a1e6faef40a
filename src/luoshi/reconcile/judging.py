"""Judging one target against a review: the best-matching outcome, the verdict, the reason.

Shared by the 成绩单 of a year (``scorecard``) and the trajectory of a term target
(``trajectory``). A ``Review`` is the later report's review part with its results made ready
once; ``judge_target`` finds the outcome of a period and judges the target by it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from luoshi.config import Settings
from luoshi.errors import InputError
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document, OutlineNode
from luoshi.reconcile.communique import communique_year
from luoshi.reconcile.matching import (
    NARROWER,
    Name,
    comparable,
    decreases,
    direction_of,
    name_of,
    name_score,
    signed,
)
from luoshi.reconcile.results import Alternative, Evidence, FigureRef, TargetResult
from luoshi.reconcile.verdicts import Judgement, Quantity, band, favourable, judge
from luoshi.reconcile.vocabulary import rules

MAX_MENTIONS = 3
YEAR = re.compile(r"((?:19|20)\d\d)年")  # a year in a heading


@dataclass(frozen=True, slots=True)
class Outcome:
    figure: Figure
    name: Name
    ref: FigureRef
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class Review:
    """The later report's review part: its results, ready to be matched."""

    document: Document
    end: int  # where the plan part begins (the first target's paragraph), or the text's end
    outcomes: tuple[Outcome, ...]
    settings: Settings

    @property
    def text(self) -> str:
        return self.document.text[: self.end]


def reviewed_year(document: Document, figures: list[Figure]) -> int:
    """The year a report's review part reports on.

    A statistical communiqué's title year; else its plan year minus one; else the year its
    review heading names (一、2024年工作回顾); else the year most of its results are dated.
    """
    communique = communique_year(document)
    if communique is not None:
        return communique  # a 统计公报 reports on the year its title names
    if document.metadata.plan_year is not None:
        return document.metadata.plan_year - 1
    words = rules().review
    for node in _headings(document.outline):
        year = YEAR.search(node.title)
        if year and any(word in node.title[year.end() :] for word in words):
            return int(year.group(1))
    years = Counter(f.period for f in figures if f.kind == "actual" and f.period.isdigit())
    if years:
        return int(years.most_common(1)[0][0])
    raise InputError(
        document.source,
        "cannot tell which year this report reviews (no plan year, no review heading, "
        "no result dated by year); give the year with --year",
    )


def _headings(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    for node in nodes:
        yield node
        yield from _headings(node.children)


def review_of(document: Document, figures: list[Figure], settings: Settings) -> Review:
    first_target = min((f.start for f in figures if f.kind == "target"), default=None)
    paragraph = None if first_target is None else document.paragraph_at(first_target)
    end = len(document.text) if first_target is None else first_target
    end = paragraph.start if paragraph is not None else end
    outcomes = tuple(
        _outcome(f, document) for f in figures if f.kind in ("actual", "estimate") and f.start < end
    )
    return Review(document, end, outcomes, settings)


def _outcome(figure: Figure, document: Document) -> Outcome:
    decrease = decreases(document.text, figure)
    low, high = signed(figure, decrease)
    return Outcome(
        figure,
        name_of(figure.indicator),
        FigureRef.of(figure, document, decrease),
        Quantity(low, high, figure.comparator, decrease),
    )


def judge_target(target: Figure, document: Document, period: str, review: Review) -> TargetResult:
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
    direction = favourable(direction_of(name, document.text, target), quantity)
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
    if others:  # the review states the indicator twice, with figures that disagree
        reason = "; ".join([reason, *(a.reason for a in alternatives)]) + ": ambiguous"
    if first.other is not None:
        alternatives.insert(0, Alternative(outcome.ref, first.other, reason))
    return TargetResult(ref, outcome.ref, "ambiguous", reason, tuple(alternatives))


def _reason(outcome: FigureRef, target: FigureRef, judgement: Judgement, band_words: str) -> str:
    why = judgement.why.replace("the band", f"the {band_words} band")
    verdict = judgement.verdict if judgement.other is None else "ambiguous"
    tail = f" ({why})" if why else ""
    return f"{outcome.written} against {target.written}: {verdict}{tail}"


def _mentions(name: Name, review: Review) -> tuple[Evidence, ...]:
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
