"""The record classes write their ``__init__`` by hand (so mypyc compiles it): it must still take
every field, in order, and keep the dataclass behaviour callers rely on."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest

from luoshi.extraction.draft import Draft
from luoshi.extraction.figure import Figure
from luoshi.extraction.scanner import Candidate

CANDIDATE = {
    "start": 3, "end": 7, "value": Decimal("1.5"), "value_max": Decimal(2), "unit": "万人",
    "unit_word": "人", "magnitude": "万", "tail_end": 8, "approx": True, "chinese": False,
    "rank": True, "rule": "range",
}  # fmt: skip


def _draft_fields() -> dict[str, object]:
    return {
        "candidate": Candidate(**CANDIDATE), "subject": "就业", "indicator": "城镇新增就业",
        "measure": "level", "kind": "actual", "comparator": "~", "period": "2021",
        "quote_start": 1, "comparator_end": 9, "group": [], "pair_role": "to", "change": "增加",
        "rule": "number", "adjusted": "; list:split-subject",
    }  # fmt: skip


FIGURE = {
    "start": 0, "end": 3, "value": Decimal("1.5"), "value_max": None, "unit": "万人",
    "indicator": "城镇新增就业", "measure": "level", "kind": "target", "comparator": ">=",
    "period": "2022", "section": ("二、",), "quote": "城镇新增就业1.5万人",
    "base_value": Decimal("15000"), "base_value_max": None, "base_unit": "人", "rule": "number",
}  # fmt: skip


@pytest.mark.parametrize(
    ("cls", "values"),
    [(Candidate, lambda: CANDIDATE), (Draft, _draft_fields), (Figure, lambda: FIGURE)],
    ids=["Candidate", "Draft", "Figure"],
)
def test_init_takes_every_field_in_order(
    cls: type, values: Callable[[], dict[str, object]]
) -> None:
    given = values()
    assert list(given) == [f.name for f in dataclasses.fields(cls)]
    by_name, by_position = cls(**given), cls(*given.values())
    assert by_name == by_position
    assert {name: getattr(by_name, name) for name in given} == given


def test_figure_sets_every_field_and_stays_frozen() -> None:
    figure = Figure(**FIGURE)  # type: ignore[arg-type]
    assert dataclasses.replace(figure, value=Decimal(2)).value == Decimal(2)
    assert dataclasses.replace(figure) == figure
    with pytest.raises(dataclasses.FrozenInstanceError):
        figure.value = Decimal(3)  # type: ignore[misc]


def test_draft_gets_a_list_of_its_own() -> None:
    candidate = Candidate(0, 1, Decimal(1), None, "个", "个", "", 2, False, False, False, "number")
    first, second = (Draft(candidate, "", "", "level", "target", "=", "", 0, 0) for _ in range(2))
    first.group.append(first)
    assert second.group == []
