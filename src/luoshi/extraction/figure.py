"""The Figure record: one number of a report, typed and anchored to its source.

Follows ``spec/figures.md`` field for field (``to_record``) and adds the value as
``Decimal``, the value in a base unit and the id of the rule that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Measure = Literal["level", "rate", "share", "rank"]
Kind = Literal["target", "actual", "estimate"]
Comparator = Literal["=", ">=", "<=", "~"]

MEASURES: tuple[Measure, ...] = ("level", "rate", "share", "rank")
KINDS: tuple[Kind, ...] = ("target", "actual", "estimate")
COMPARATORS: tuple[Comparator, ...] = ("=", ">=", "<=", "~")


@dataclass(slots=True, frozen=True)
class Figure:
    """A figure of a report; ``start``/``end`` index ``Document.text``."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    indicator: str
    measure: Measure
    kind: Kind
    comparator: Comparator
    period: str
    section: tuple[str, ...]
    quote: str
    base_value: Decimal | None  # value in base_unit: 15000 for 1.5万人, 0.07 for 7%
    base_value_max: Decimal | None
    base_unit: str  # 人, 元, 亩, "" for a pure ratio
    rule: str  # id of the rule that produced the figure

    def to_record(self) -> dict[str, Any]:
        """The spec record (JSON-ready; numbers as int or float)."""
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "value": _number(self.value),
            "unit": self.unit,
            "indicator": self.indicator,
            "measure": self.measure,
            "kind": self.kind,
            "comparator": self.comparator,
            "period": self.period,
            "section": list(self.section),
            "quote": self.quote,
        }
        if self.value_max is not None:
            record["value_max"] = _number(self.value_max)
        return record

    def to_full_record(self) -> dict[str, Any]:
        """The spec record plus luoshi's own fields (exact values as strings)."""
        record = self.to_record()
        record["value_decimal"] = str(self.value)
        record["value_max_decimal"] = None if self.value_max is None else str(self.value_max)
        record["base_value"] = None if self.base_value is None else str(self.base_value)
        record["base_value_max"] = None if self.base_value_max is None else str(self.base_value_max)
        record["base_unit"] = self.base_unit
        record["rule"] = self.rule
        return record


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
