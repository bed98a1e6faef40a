"""The reconciler's rule data (``rules/indicators.toml``), loaded and checked once.

Every table and key is checked on load: a misspelt key, an unknown direction or measure, or a
name given to two indicators is an error in the data, reported as ``ReconcileError`` with its
place. Names are compared in a normal form (``normal``): full-width characters folded, quotes
and bracketed notes dropped, so the data and the reports may write them either way.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from luoshi.errors import ReconcileError
from luoshi.extraction.figure import MEASURES, Measure

Direction = Literal["up", "down", "none"]
DIRECTIONS: tuple[Direction, ...] = ("up", "down", "none")

_WORD_LISTS = (
    "ignored",
    "change",
    "relative",
    "flow",
    "decrease",
    "up",
    "down",
    "summary",
    "review",
    "communique",
)
NOTE = re.compile(r"\([^()]*\)")  # a bracketed note in a name (after full-width brackets fold)
QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")  # quotes around a name's words (“四好农村路”)


def normal(name: str) -> str:
    """A name as names are compared: full-width folded (NFKC), quotes and notes dropped.

    A bracketed note is a scope (固定资产投资（不含农户）) or an abbreviation
    (研究与试验发展（R&D）经费支出); quotes mark a slogan's words (新改建“四好农村路”).
    """
    folded = unicodedata.normalize("NFKC", name).translate(QUOTES)
    return NOTE.sub("", folded).strip()


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: its canonical name, its other names, its measure and favourable direction."""

    name: str
    synonyms: tuple[str, ...]
    measure: Measure
    direction: Direction


@dataclass(frozen=True, slots=True)
class Rules:
    """The checked rule data."""

    indicators: tuple[Indicator, ...]
    canonical: dict[str, str]  # every name, canonical ones included → canonical name
    narrower: dict[str, str]  # narrower name (in canonical form) → broader canonical name
    ignored: tuple[str, ...]
    change: tuple[str, ...]
    relative: tuple[str, ...]
    flow: tuple[str, ...]
    decrease: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]
    summary: tuple[str, ...]
    review: tuple[str, ...]
    communique: tuple[str, ...]
    # a synonym's words after its parts are replaced (研发经费投入占生产总值比重) → canonical name
    forms: dict[str, str] = field(default_factory=dict)
    _by_name: dict[str, Indicator] = field(default_factory=dict)
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict)  # names by first character

    def synonyms_of(self, name: str) -> tuple[str, ...]:
        """Every other name of a canonical name (none for a name the data does not know)."""
        return tuple(n for n, c in self.canonical.items() if c == name and n != name)

    def indicator(self, name: str) -> Indicator | None:
        """The indicator of a canonical name, None for a name the data does not know."""
        return self._by_name.get(name)

    def direction(self, name: str) -> Direction | None:
        """The favourable direction of a canonical name, None where the data does not say."""
        indicator = self._by_name.get(name)
        return None if indicator is None else indicator.direction

    def canonical_form(self, name: str) -> str:
        """``name`` (in normal form) with each synonym it holds replaced, longest first.

        Where the result is a synonym's own words with its parts replaced
        (研究与试验发展经费支出占地区生产总值比重 → 研发经费投入占生产总值比重), it is that
        synonym's indicator (研发投入强度).
        """
        replaced = _replace(name, self.canonical, self._index)
        return self.forms.get(replaced, replaced)


def load_rules(text: str, where: str = "rules/indicators.toml") -> Rules:
    """Parse and check rule data given as TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReconcileError(f"{where}: {error}") from error
    _keys(data, {"indicator", "hypernym", "words"}, set(), where)
    indicators = tuple(
        _indicator(row, f"{where} indicator #{i}") for i, row in enumerate(data["indicator"], 1)
    )
    canonical: dict[str, str] = {}
    for indicator in indicators:
        for name in (indicator.name, *indicator.synonyms):
            if name in canonical:
                raise ReconcileError(
                    f"{where}: {name!r} names both {canonical[name]} and {indicator.name}"
                )
            canonical[name] = indicator.name
    forms = _forms(indicators, canonical, where)
    words = data["words"]
    _keys(words, set(_WORD_LISTS), set(), f"{where} [words]")
    lists = {key: _words(words[key], f"{where} [words].{key}") for key in _WORD_LISTS}
    rules = Rules(
        indicators=indicators,
        canonical=canonical,
        narrower={},
        forms=forms,
        _by_name={i.name: i for i in indicators},
        _index=_index(canonical),
        **lists,
    )
    for i, row in enumerate(data.get("hypernym", []), 1):
        place = f"{where} hypernym #{i}"
        _keys(row, {"broader", "narrower"}, set(), place)
        broader = rules.canonical_form(normal(_word(row["broader"], f"{place}.broader")))
        for name in _words(row["narrower"], f"{place}.narrower"):
            rules.narrower[rules.canonical_form(normal(name))] = broader
    return rules


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The packaged rule data, loaded and checked once per process."""
    text = resources.files("luoshi.reconcile.rules").joinpath("indicators.toml").read_text("utf-8")
    return load_rules(text)


def _forms(
    indicators: tuple[Indicator, ...], canonical: dict[str, str], where: str
) -> dict[str, str]:
    """Each name's words with the other indicators' names replaced → its indicator.

    A form that is another indicator's name, or the form of two indicators' names, would make
    one name read as two things: an error in the data.
    """
    forms: dict[str, str] = {}
    index = _index(canonical)
    for indicator in indicators:
        for name in (indicator.name, *indicator.synonyms):
            form = _replace(name, canonical, index, skip=indicator.name)
            owner = canonical.get(form, forms.get(form, indicator.name))
            if owner != indicator.name:
                raise ReconcileError(
                    f"{where}: {name!r} of {indicator.name} reads as {form!r}, a name of {owner}"
                )
            if form != name:
                forms[form] = indicator.name
    return forms


def _index(names: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Names by their first character, longest first."""
    index: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        index.setdefault(name[0], []).append(name)
    return {first: tuple(group) for first, group in index.items()}


def _replace(
    name: str, names: dict[str, str], index: dict[str, tuple[str, ...]], skip: str = ""
) -> str:
    """``name`` with each name of ``names`` it holds replaced, longest first (not ``skip``'s)."""
    out: list[str] = []
    i = 0
    while i < len(name):
        held = (n for n in index.get(name[i], ()) if name.startswith(n, i))
        hit = next((n for n in held if names[n] != skip), None)
        if hit is None:
            out.append(name[i])
            i += 1
        else:
            out.append(names[hit])
            i += len(hit)
    return "".join(out)


def _indicator(row: Any, where: str) -> Indicator:
    _keys(row, {"name", "synonyms", "measure", "direction"}, set(), where)
    direction, measure = row["direction"], row["measure"]
    if direction not in DIRECTIONS:
        raise ReconcileError(
            f"{where}.direction: {direction!r} is not one of {', '.join(DIRECTIONS)}"
        )
    if measure not in MEASURES:
        raise ReconcileError(f"{where}.measure: {measure!r} is not one of {', '.join(MEASURES)}")
    name = _name(row["name"], f"{where}.name")
    synonyms = tuple(_name(s, f"{where}.synonyms") for s in _words(row["synonyms"], where))
    return Indicator(name, synonyms, measure, direction)


def _name(value: Any, where: str) -> str:
    """An indicator name in normal form; one that is nothing but a note is an error."""
    name = normal(_word(value, where))
    if not name:
        raise ReconcileError(f"{where}: {value!r} is empty once quotes and notes are dropped")
    return name


def _keys(row: Any, required: set[str], optional: set[str], where: str) -> None:
    if not isinstance(row, dict):
        raise ReconcileError(f"{where}: must be a table")
    missing, unknown = required - row.keys(), row.keys() - required - optional
    if missing or unknown:
        raise ReconcileError(
            f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
        )


def _word(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReconcileError(f"{where}: must be a non-empty string")
    return value


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ReconcileError(f"{where}: must be a list of words")
    return tuple(_word(v, where) for v in value)
