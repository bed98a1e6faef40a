"""The reconciler's typed results: plain, frozen and JSON-ready (``to_record``).

A portal page or the CLI renders them as they are; every figure keeps its offsets, its quote
and the sentence it stands in, so both sentences can be quoted with links to both reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document

Verdict = Literal["met", "missed", "not reported", "ambiguous"]
VERDICTS: tuple[Verdict, ...] = ("met", "missed", "not reported", "ambiguous")
Change = Literal["added", "removed", "changed", "unchanged"]

# How each verdict and change is shown to people (the 成绩单 is read in Chinese).
VERDICT_LABELS: dict[str, str] = {
    "met": "完成",
    "missed": "未完成",
    "not reported": "未报告",
    "ambiguous": "存疑",
}
IN_PROGRESS = "进行中"  # a term target before its last year: no verdict yet
CHANGE_LABELS: dict[str, str] = {
    "added": "新增",
    "removed": "删除",
    "changed": "调整",
    "unchanged": "未变",
}

# How each comparator is written after a figure in a reason (1200万人以上).
COMPARATOR_WORDS: dict[str, str] = {">=": "以上", "<=": "以内", "~": "左右", "=": ""}


@dataclass(frozen=True, slots=True)
class FigureRef:
    """A figure as the results show it: the figure, the sentence it stands in, its sign."""

    figure: Figure
    sentence: str
    decrease: bool  # written as a fall (下降2.5%)

    @classmethod
    def of(cls, figure: Figure, document: Document, decrease: bool = False) -> FigureRef:
        """The reference to ``figure`` of ``document``."""
        span = document.sentence_at(figure.start)
        sentence = document.text[span.start : span.end] if span else figure.quote
        return cls(figure, sentence.strip(), decrease)

    @property
    def written(self) -> str:
        """The figure in words: ``下降2.5%左右``, ``1200万人以上``."""
        figure = self.figure
        value = (
            f"{figure.value}" if figure.value_max is None else f"{figure.value}–{figure.value_max}"
        )
        sign = "下降" if self.decrease else ""
        return f"{sign}{value}{figure.unit}{COMPARATOR_WORDS[figure.comparator]}"

    def to_record(self) -> dict[str, Any]:
        """The figure's full record, with the sentence, the sign and the figure in words."""
        record = self.figure.to_full_record()
        record.update(sentence=self.sentence, decrease=self.decrease, written=self.written)
        return record


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the later report that bears on a target without being its figure."""

    start: int
    end: int
    sentence: str
    why: str  # "summary": the report's own summary; "mention": names the indicator without a figure

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"start": self.start, "end": self.end, "sentence": self.sentence, "why": self.why}


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another reading of an ambiguous target: the outcome it would take and its verdict."""

    outcome: FigureRef
    verdict: Verdict
    reason: str

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"outcome": self.outcome.to_record(), "verdict": self.verdict, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class TargetResult:
    """One target of the earlier report with its outcome in the later one and the verdict."""

    target: FigureRef
    outcome: FigureRef | None
    verdict: Verdict
    reason: str  # in words: ``1256万人 against 1200万人以上: met``
    alternatives: tuple[Alternative, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    restates: tuple[int, ...] = ()  # starts of the other targets of the same indicator

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "target": self.target.to_record(),
            "outcome": None if self.outcome is None else self.outcome.to_record(),
            "verdict": self.verdict,
            "reason": self.reason,
            "alternatives": [a.to_record() for a in self.alternatives],
            "evidence": [e.to_record() for e in self.evidence],
            "restates": list(self.restates),
        }


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The 成绩单 of a year: every target judged, and the later report's own summary."""

    year: int  # the year the later report reviews
    targets_source: str | None
    outcomes_source: str | None
    results: tuple[TargetResult, ...]
    summary: tuple[Evidence, ...]  # 全年主要目标任务顺利完成 and the like
    term_targets: tuple[TermPoint, ...] = ()  # term targets running in ``year``: their point

    def counts(self) -> dict[str, int]:
        """How many targets took each verdict."""
        return {v: sum(r.verdict == v for r in self.results) for v in VERDICTS}

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "year": self.year,
            "targets_source": self.targets_source,
            "outcomes_source": self.outcomes_source,
            "counts": self.counts(),
            "results": [r.to_record() for r in self.results],
            "summary": [e.to_record() for e in self.summary],
            "term_targets": [r.to_record() for r in self.term_targets],
        }


@dataclass(frozen=True, slots=True)
class DiffEntry:
    """One target in two versions of a report: added, removed, changed or unchanged."""

    change: Change
    before: FigureRef | None
    after: FigureRef | None
    what: tuple[str, ...]  # what changed: "value", "comparator", "unit", "period"
    reason: str  # 城镇新增就业 1100万人以上 → 1200万人以上

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "change": self.change,
            "before": None if self.before is None else self.before.to_record(),
            "after": None if self.after is None else self.after.to_record(),
            "what": list(self.what),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class TermPoint:
    """A term target (今后五年, 十四五, 到2027年) as one later report's review finds it.

    ``verdict`` is given at the term's last year only; before it the point shows the year's
    figure (or the total so far) and the verdict is None: the term is still running.
    """

    target: FigureRef
    first_year: int
    last_year: int
    year: int  # the year the later report reviews
    source: str | None  # the later report
    outcome: FigureRef | None
    verdict: Verdict | None
    reason: str
    alternatives: tuple[Alternative, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "target": self.target.to_record(),
            "first_year": self.first_year,
            "last_year": self.last_year,
            "year": self.year,
            "source": self.source,
            "outcome": None if self.outcome is None else self.outcome.to_record(),
            "verdict": self.verdict,
            "reason": self.reason,
            "alternatives": [a.to_record() for a in self.alternatives],
        }


@dataclass(frozen=True, slots=True)
class Trajectory:
    """A term target followed year by year across later reports, judged at its end."""

    target: FigureRef
    first_year: int
    last_year: int
    points: tuple[TermPoint, ...]

    @property
    def verdict(self) -> Verdict | None:
        """The verdict of the report reviewing the term's last year; None before then."""
        return next((p.verdict for p in self.points if p.year == self.last_year), None)

    def to_record(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "target": self.target.to_record(),
            "first_year": self.first_year,
            "last_year": self.last_year,
            "verdict": self.verdict,
            "points": [p.to_record() for p in self.points],
        }
