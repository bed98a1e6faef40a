"""The extractor's rule data (``rules/*.toml``), loaded once and checked.

Each TOML table maps to a frozen dataclass; a missing or unknown key is an
``ExtractionError`` naming the file and the key, so data and code cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from luoshi import compiled
from luoshi.errors import ExtractionError

T = TypeVar("T")
RULES = Path(__file__).resolve().with_name("rules")


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    base: str
    factor: Decimal
    counter: bool


@dataclass(frozen=True, slots=True)
class ComparatorWords:
    prefix_ge: tuple[str, ...]
    prefix_le: tuple[str, ...]
    prefix_approx: tuple[str, ...]
    suffix_ge: tuple[str, ...]
    suffix_le: tuple[str, ...]
    suffix_approx: tuple[str, ...]
    scoping_ge: tuple[str, ...]
    gap_prefix: tuple[str, ...]
    gap_markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeasureWords:
    rate_words: tuple[str, ...]
    share_nouns: tuple[str, ...]
    rank_prefix: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndicatorWords:
    scopes: tuple[str, ...]
    framing: tuple[str, ...]
    predicates: tuple[str, ...]
    attributes: tuple[str, ...]
    growing_subjects: tuple[str, ...]
    generic: tuple[str, ...]
    actions: tuple[str, ...]
    split: tuple[tuple[str, ...], ...]
    parallel_qualifiers: tuple[str, ...]
    share_verbs: tuple[str, ...]
    second_count_suffix: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class KindWords:
    estimate: tuple[str, ...]
    existing: tuple[str, ...]
    existing_set_verbs: tuple[str, ...]
    designated_units: tuple[str, ...]
    people_stocks: tuple[str, ...]
    review_targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NotFigureWords:
    named_counts: tuple[str, ...]
    year_count_leaders: tuple[str, ...]
    project_groups: tuple[str, ...]
    bounded_classes: tuple[str, ...]
    standing_classes: tuple[str, ...]
    founding_verbs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StructureWords:
    appendix_markers: tuple[str, ...]
    glossary_headings: tuple[str, ...]
    goal_words: tuple[str, ...]
    unit_labels: tuple[str, ...]
    unit_table_titles: tuple[str, ...]
    target_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    magnitudes: dict[str, Decimal]
    units: dict[str, Unit]
    comparator: ComparatorWords
    measure: MeasureWords
    indicator: IndicatorWords
    kind: KindWords
    not_figure: NotFigureWords
    structure: StructureWords


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that prefers the longest (so 不超过 wins over 超过).

    Written as a trie, so a position is tried against each character once rather than
    against every word in turn (the unit list has over a hundred words):

    >>> alternation(["万元", "万", "亿元", "个"])
    '万(?:元)?|亿元|个'
    """
    trie: dict[str, Any] = {}
    for word in words:
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return "|".join(_branches(trie))


def _branches(node: dict[str, Any]) -> list[str]:
    """The continuations of ``node``, each a character and what may follow it."""
    return [re.escape(char) + _rest(child) for char, child in node.items() if char]


def _rest(node: dict[str, Any]) -> str:
    """What may follow a character: longer continuations first, then nothing if a word ends."""
    branches = _branches(node)
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _load(name: str) -> dict[str, Any]:
    # The files beside this module (importlib.resources would load zipfile and tempfile: 30 ms).
    text = (RULES / name).read_text("utf-8")
    try:
        return compiled.toml(text)  # parsed once per installation, not per process
    except ValueError as error:  # tomllib.TOMLDecodeError, without importing tomllib
        raise ExtractionError(f"rules/{name}: {error}") from error


def _table(cls: type[T], data: dict[str, Any], where: str) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    missing, unknown = names - data.keys(), data.keys() - names
    if missing or unknown:
        raise ExtractionError(
            f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
        )
    values = {}
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str | list) for v in value):
            raise ExtractionError(f"{where}.{key}: must be a list of words")
        values[key] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return cls(**values)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The rule data, loaded and validated once per process."""
    unit_data = _load("units.toml")
    words = _load("words.toml")
    units: dict[str, Unit] = {}
    for i, row in enumerate(unit_data.get("unit", [])):
        if set(row) - {"unit", "base", "factor", "counter"} or not {
            "unit",
            "base",
            "factor",
        } <= set(row):
            raise ExtractionError(f"rules/units.toml: unit #{i + 1} has wrong keys {sorted(row)}")
        units[row["unit"]] = Unit(
            row["unit"], row["base"], Decimal(row["factor"]), bool(row.get("counter", False))
        )
    for written, unit in list(units.items()):
        # 微克／立方米: a unit per unit is also written with the full-width slash (kept as written)
        full_width = written.replace("/", "／")
        units.setdefault(full_width, Unit(full_width, unit.base, unit.factor, unit.counter))
    known = {"comparator", "measure", "indicator", "kind", "not_figure", "structure"}
    if set(words) - known:
        raise ExtractionError(f"rules/words.toml: unknown tables {sorted(set(words) - known)}")
    return Vocabulary(
        magnitudes={k: Decimal(v) for k, v in unit_data["magnitudes"].items()},
        units=units,
        comparator=_table(ComparatorWords, words["comparator"], "words.toml [comparator]"),
        measure=_table(MeasureWords, words["measure"], "words.toml [measure]"),
        indicator=_table(IndicatorWords, words["indicator"], "words.toml [indicator]"),
        kind=_table(KindWords, words["kind"], "words.toml [kind]"),
        not_figure=_table(NotFigureWords, words["not_figure"], "words.toml [not_figure]"),
        structure=_table(StructureWords, words["structure"], "words.toml [structure]"),
    )
