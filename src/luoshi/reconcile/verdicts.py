"""Judging an outcome against a target, by the target's comparator and the indicator's direction.

``>=`` is met at or above the target, ``<=`` at or below it. ``~`` (左右) and ``=`` are met
within a tolerance band (settings: percentage points for a rate or share, a share of the value
for a level) and also beyond it on the indicator's favourable side (a price target is a ceiling
met below it). A fall (下降2.5%) is a negative rate, and ``下降…以上`` asks for at least that fall.
An outcome written as a bound or an approximation (超过2.4万亿元, 近100万辆) is judged at both
ends of what it allows: where the ends disagree, the verdict is ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from luoshi.config import Settings
from luoshi.extraction.figure import Comparator, Figure
from luoshi.reconcile.results import Verdict
from luoshi.reconcile.vocabulary import Direction

INFINITY = Decimal("Infinity")
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure's value as judged: signed, in its base unit, with its comparator."""

    low: Decimal
    high: Decimal
    comparator: Comparator
    decrease: bool


@dataclass(frozen=True, slots=True)
class Judgement:
    """A verdict, the other verdict where the outcome allows two, and why in words."""

    verdict: Verdict
    other: Verdict | None
    why: str


def band(target: Figure, low: Decimal, settings: Settings) -> tuple[Decimal, str]:
    """The tolerance band around a target value, in its base unit, and how it reads."""
    points = Decimal(str(settings.reconcile_rate_band))
    if target.measure in ("rate", "share") and target.base_unit == "":
        return points / HUNDRED, f"±{points} points"
    if target.base_unit == "个百分点":
        return points, f"±{points} points"
    if target.measure == "rank":
        return Decimal(0), "no band"
    share = Decimal(str(settings.reconcile_level_band))
    return abs(low) * share, f"±{(share * HUNDRED).normalize():f}%"


def favourable(direction: Direction | None, target: Quantity) -> Direction | None:
    """The side an outcome may pass a 左右 or bare target on and still meet it.

    The indicator's direction where known (``matching.direction_of``); else down for a fall;
    else None: not known.
    """
    if direction is not None:
        return direction
    return "down" if target.decrease else None


def judge(
    target: Quantity, outcome: Quantity, width: Decimal, direction: Direction | None
) -> Judgement:
    """The verdict of ``outcome`` against ``target``.

    Where the favourable direction is not known (None) and an outcome passes the band, the
    two readings (higher is better, lower is better) give the verdict where they agree; where
    they disagree the verdict is ambiguous, with missed as the other reading.
    """
    if direction is None:
        up, down = judge(target, outcome, width, "up"), judge(target, outcome, width, "down")
        if up.verdict == down.verdict:
            return up
        higher = "higher" if up.verdict == "met" else "lower"
        why = down.why.split(",")[0]  # "above the band"
        return Judgement(
            "ambiguous", "missed", f"{why}: met if {higher} is better, which is not known"
        )
    low, high = _interval(outcome, width)
    first, why = _point(target, low, width, direction)
    second, why_second = _point(target, high, width, direction)
    if first == second:
        return Judgement(first, None, why)
    both = f"{why or first} at the low end, {why_second or second} at the high end"
    return Judgement("ambiguous", second if first == "met" else first, both)


def _interval(outcome: Quantity, width: Decimal) -> tuple[Decimal, Decimal]:
    comparator = _flip(outcome.comparator) if outcome.decrease else outcome.comparator
    if comparator == ">=":
        return outcome.low, INFINITY
    if comparator == "<=":
        return -INFINITY, outcome.high
    if comparator == "~":
        return outcome.low - width, outcome.high + width
    return outcome.low, outcome.high


def _point(
    target: Quantity, value: Decimal, width: Decimal, direction: Direction
) -> tuple[Verdict, str]:
    comparator = _flip(target.comparator) if target.decrease else target.comparator
    if comparator == ">=":
        return ("met", "") if value >= target.low else ("missed", "below the floor")
    if comparator == "<=":
        return ("met", "") if value <= target.high else ("missed", "above the ceiling")
    if target.low - width <= value <= target.high + width:
        return "met", "within the band"
    above = value > target.high
    side = "above" if above else "under"
    if direction == "none":
        return "missed", f"{side} the band"
    if (direction == "up") == above:
        return "met", f"{side} the band, on the favourable side"
    return "missed", f"{side} the band, on the unfavourable side"


def _flip(comparator: Comparator) -> Comparator:
    return {">=": "<=", "<=": ">="}.get(comparator, comparator)  # type: ignore[return-value]
