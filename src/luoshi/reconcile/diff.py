"""Two versions of a report compared target by target: added, removed, changed, unchanged.

The versions may be a draft and its final (征求意见稿 and 定稿) or two years' reports, so names
are paired by the reconciler's matcher (synonyms, list items, flows) and periods are compared
relative to each report's plan year: 2022 in the 2022 report pairs with 2023 in the 2023 one.
"""

from __future__ import annotations

from luoshi.extraction import extract
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document
from luoshi.reconcile.matching import decreases, name_of, name_score
from luoshi.reconcile.results import DiffEntry, FigureRef


def diff(before: Document, after: Document) -> list[DiffEntry]:
    """Every target of ``before`` and ``after``, paired and compared."""
    return diff_figures(before, extract(before), after, extract(after))


def diff_figures(
    before: Document, before_figures: list[Figure], after: Document, after_figures: list[Figure]
) -> list[DiffEntry]:
    """``diff`` on figures extracted already: pairs in ``before``'s order, then the added."""
    old = [_ref(f, before) for f in before_figures if f.kind == "target"]
    new = [_ref(f, after) for f in after_figures if f.kind == "target"]
    old_plan, new_plan = before.metadata.plan_year, after.metadata.plan_year
    candidates = sorted(
        (
            (-score, i, j)
            for i, a in enumerate(old)
            for j, b in enumerate(new)
            if a.figure.measure == b.figure.measure
            and _relative(a.figure.period, old_plan) == _relative(b.figure.period, new_plan)
            for score in [name_score(name_of(a.figure.indicator), name_of(b.figure.indicator))]
            if score > 0
        ),
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in candidates:  # best pairs first, each target used once
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    entries = [_entry(a, new[pairs[i]]) if i in pairs else _removed(a) for i, a in enumerate(old)]
    entries += [_added(b) for j, b in enumerate(new) if j not in taken]
    return entries


def _ref(figure: Figure, document: Document) -> FigureRef:
    return FigureRef.of(figure, document, decreases(document.text, figure))


def _relative(period: str, plan_year: int | None) -> str:
    """A period as years from the plan year (``+0``, ``+0-+4``), or as written without one."""
    if plan_year is None:
        return "?"  # without a plan year, periods cannot be set side by side: all pair
    parts = period.split("-")
    if not all(p.isdigit() for p in parts):
        return period
    return "-".join(f"{int(p) - plan_year:+d}" for p in parts)


def _entry(before: FigureRef, after: FigureRef) -> DiffEntry:
    a, b = before.figure, after.figure
    what = tuple(
        field
        for field, changed in (
            ("value", (a.base_value, a.base_value_max) != (b.base_value, b.base_value_max)),
            ("comparator", a.comparator != b.comparator),
            ("direction", before.decrease != after.decrease),
        )
        if changed
    )
    arrow = f"{before.written} → {after.written}" if what else f"{after.written}, unchanged"
    return DiffEntry(
        "changed" if what else "unchanged", before, after, what, f"{b.indicator} {arrow}"
    )


def _removed(before: FigureRef) -> DiffEntry:
    return DiffEntry(
        "removed", before, None, (), f"{before.figure.indicator} {before.written}: removed"
    )


def _added(after: FigureRef) -> DiffEntry:
    return DiffEntry("added", None, after, (), f"{after.figure.indicator} {after.written}: added")
