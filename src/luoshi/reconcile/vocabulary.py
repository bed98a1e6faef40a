"""The reconciler's rule data (``rules/indicators.toml``), loaded and checked once.

Every table and key is checked on load: a misspelt key, an unknown direction or a name given
to two indicators is an error in the data, reported as ``ReconcileError`` with its place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from luoshi.errors import ReconcileError

Direction = Literal["up", "down", "none"]
DIRECTIONS: tuple[Direction, ...] = ("up", "down", "none")

_WORD_LISTS = (
    "ignored",
    "change",
    "relative",
    "flow",
    "decrease",
    "summary",
    "review",
    "communique",
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: its canonical name, its other names and its favourable direction."""

    name: str
    synonyms: tuple[str, ...]
    direction: Direction


@dataclass(frozen=True, slots=True)
class Rules:
    """The checked rule data."""

    indicators: tuple[Indicator, ...]
    canonical: dict[str, str]  # every name, canonical ones included → canonical name
    narrower: dict[str, str]  # narrower name → broader name
    ignored: tuple[str, ...]
    change: tuple[str, ...]
    relative: tuple[str, ...]
    flow: tuple[str, ...]
    decrease: tuple[str, ...]
    summary: tuple[str, ...]
    review: tuple[str, ...]
    communique: tuple[str, ...]

    def synonyms_of(self, name: str) -> tuple[str, ...]:
        """Every other name of a canonical name (none for a name the data does not know)."""
        return tuple(n for n, c in self.canonical.items() if c == name and n != name)

    def direction(self, name: str) -> Direction | None:
        """The favourable direction of a canonical name, None where the data does not say."""
        for indicator in self.indicators:
            if indicator.name == name:
                return indicator.direction
        return None


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
    narrower: dict[str, str] = {}
    for i, row in enumerate(data.get("hypernym", []), 1):
        place = f"{where} hypernym #{i}"
        _keys(row, {"broader", "narrower"}, set(), place)
        broader = _word(row["broader"], f"{place}.broader")
        for name in _words(row["narrower"], f"{place}.narrower"):
            narrower[name] = canonical.get(broader, broader)
    words = data["words"]
    _keys(words, set(_WORD_LISTS), set(), f"{where} [words]")
    lists = {key: _words(words[key], f"{where} [words].{key}") for key in _WORD_LISTS}
    return Rules(indicators=indicators, canonical=canonical, narrower=narrower, **lists)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The packaged rule data, loaded and checked once per process."""
    text = resources.files("luoshi.reconcile.rules").joinpath("indicators.toml").read_text("utf-8")
    return load_rules(text)


def _indicator(row: Any, where: str) -> Indicator:
    _keys(row, {"name", "synonyms", "direction"}, set(), where)
    direction = row["direction"]
    if direction not in DIRECTIONS:
        raise ReconcileError(
            f"{where}.direction: {direction!r} is not one of {', '.join(DIRECTIONS)}"
        )
    return Indicator(
        _word(row["name"], f"{where}.name"), _words(row["synonyms"], f"{where}.synonyms"), direction
    )


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
