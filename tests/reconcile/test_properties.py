"""General rules of judgement, over many values (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from luoshi.reconcile.verdicts import Quantity, judge

VALUES = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
WIDTHS = st.decimals(min_value=0, max_value=10, places=2, allow_nan=False)


def exact(value: Decimal, comparator: str = "=", decrease: bool = False) -> Quantity:
    return Quantity(value, value, comparator, decrease)  # type: ignore[arg-type]


@given(VALUES, VALUES, WIDTHS)
def test_a_floor_is_met_exactly_at_or_above_it(
    target: Decimal, outcome: Decimal, width: Decimal
) -> None:
    verdict = judge(exact(target, ">="), exact(outcome), width, "up").verdict
    assert verdict == ("met" if outcome >= target else "missed")


@given(VALUES, VALUES, WIDTHS)
def test_a_ceiling_is_met_exactly_at_or_below_it(
    target: Decimal, outcome: Decimal, width: Decimal
) -> None:
    verdict = judge(exact(target, "<="), exact(outcome), width, "down").verdict
    assert verdict == ("met" if outcome <= target else "missed")


@given(VALUES, VALUES, WIDTHS, st.sampled_from(["up", "down"]))
def test_about_is_met_within_the_band_or_on_the_favourable_side(
    target: Decimal, outcome: Decimal, width: Decimal, direction: str
) -> None:
    verdict = judge(exact(target, "~"), exact(outcome), width, direction).verdict  # type: ignore[arg-type]
    favourable = outcome >= target - width if direction == "up" else outcome <= target + width
    assert verdict == ("met" if favourable else "missed")


@given(VALUES, VALUES, WIDTHS)
def test_a_fall_of_at_least_is_a_floor_on_the_fall(
    target: Decimal, outcome: Decimal, width: Decimal
) -> None:
    # 下降…以上: the signed values are negative, so more of a fall is a smaller value
    fall = -abs(target)
    verdict = judge(exact(fall, ">=", decrease=True), exact(outcome), width, "down").verdict
    assert verdict == ("met" if outcome <= fall else "missed")


@given(VALUES, VALUES, WIDTHS)
def test_an_outcome_given_as_a_bound_is_never_more_certain_than_its_value(
    target: Decimal, outcome: Decimal, width: Decimal
) -> None:
    exact_verdict = judge(exact(target, ">="), exact(outcome), width, "up").verdict
    bound = judge(exact(target, ">="), exact(outcome, ">="), width, "up")
    if exact_verdict == "met":
        assert bound.verdict == "met"  # 超过X: at least X, so a floor at or under X is met
    else:
        assert bound.verdict == "ambiguous" and bound.other == "missed"
