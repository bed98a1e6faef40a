"""Pairing figures of two reports: names, measure, unit and period must agree.

Indicator names differ between years and governments, so a name is first brought to a
canonical form by the rule data (scopes dropped, synonyms replaced, a change word at the
end noted), then two names match when equal, when one is an item of the other's list
(制造业企业、科技型中小企业), or when one holds the other and the rest opens no different flow
(新增高新技术企业 is not 高新技术企业). Two indicators the data knows are different even where one's
name holds the other's (工业增加值 is not 规模以上工业增加值). A narrower indicator
(农村居民人均可支配收入 for 居民人均可支配收入) is a weaker match: it does not report the
target, but is kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from luoshi.extraction.figure import Figure
from luoshi.reconcile.vocabulary import Direction, Rules, normal, rules

EXACT = 1.0
NARROWER = 0.5  # an outcome of a narrower indicator: related, not the target's own
MIN_CONTAINED = 0.5  # a name held in another must be at least this share of it


@dataclass(frozen=True, slots=True)
class Name:
    """An indicator name brought to the form names are compared in."""

    canonical: str  # scopes dropped, synonyms replaced, a closing change word removed
    change: bool  # the figure is a change of the indicator (…提高30元), not its level
    relative: bool  # the figure compares with another place or plan (增速高于全国…)
    flow: str  # the flow word the name opens with (新增, 新建…), "" for none
    parts: tuple[str, ...]  # the canonical names of a list's items (A、B), or the name alone


@lru_cache(maxsize=4096)
def name_of(indicator: str) -> Name:
    """The comparable form of an indicator name."""
    data = rules()
    relative = any(word in indicator for word in data.relative)
    change = False
    parts: list[str] = []
    for raw in indicator.split("、"):
        part, part_change = _clean(raw, data)
        change = change or part_change
        if part:
            parts.append(part)
    whole, whole_change = _clean(indicator.replace("、", ""), data)
    canonical = parts[0] if len(parts) == 1 else whole
    flow = next(
        (w for w in sorted(data.flow, key=len, reverse=True) if canonical.startswith(w)), ""
    )
    return Name(canonical, change or whole_change, relative, flow, tuple(parts) or (canonical,))


def name_score(target: Name, outcome: Name) -> float:
    """How well two names match: 1 for the same, under 1 for one held in the other, 0 for none."""
    if target.relative or outcome.relative or target.change != outcome.change:
        return 0.0
    best = 0.0
    data = rules()
    known = data.indicator(target.canonical) is not None
    for part in outcome.parts:
        if part == target.canonical:
            return EXACT
        if data.narrower.get(part) == target.canonical:
            best = max(best, NARROWER)
        elif not (known and data.indicator(part) is not None):  # two known indicators differ
            best = max(best, _contained(target.canonical, part, target.flow))
    return best


def comparable(target: Figure, outcome: Figure) -> bool:
    """The measure and the base unit agree, so the two values can be compared."""
    return (
        target.measure == outcome.measure
        and target.base_unit == outcome.base_unit
        and target.base_value is not None
        and outcome.base_value is not None
    )


def decreases(text: str, figure: Figure) -> bool:
    """A rate written as a fall (下降2.5%, 能耗降低3%)."""
    if figure.measure != "rate":
        return False
    before = _words_before(text, figure, 4)
    return any(before.endswith(word) for word in rules().decrease)


def direction_of(name: Name, text: str, figure: Figure) -> Direction | None:
    """The favourable direction of a target's indicator, None where nothing tells it.

    The data's direction for the indicator; else down for a rank (first place is the best,
    whatever the words: 提升至第3位); else the way the target's own words ask it to go
    (控制在32微克 → down, 提高到70% → up); else up for a flow (新建、改造…: more done is more
    kept).
    """
    data = rules()
    known = data.direction(name.canonical)
    if known is not None:
        return known
    if figure.measure == "rank":
        return "down"
    before = _words_before(text, figure, 6)
    if any(before.endswith(word) for word in data.down):
        return "down"
    if any(before.endswith(word) for word in data.up) or name.flow:
        return "up"
    return None


def _words_before(text: str, figure: Figure, width: int) -> str:
    """The few characters before a figure, without an approximation word (下降约3%)."""
    before = text[max(0, figure.start - width) : figure.start]
    for cut in ("左右", "约", "近", "超过", "超", "不低于", "以上"):
        before = before.removesuffix(cut)
    return before


def signed(figure: Figure, decrease: bool) -> tuple[Decimal, Decimal]:
    """The figure's value (and range end) in its base unit, negative for a fall."""
    low = figure.base_value if figure.base_value is not None else figure.value
    high = figure.base_value_max if figure.base_value_max is not None else low
    return (-high, -low) if decrease else (low, high)


def _clean(raw: str, data: Rules) -> tuple[str, bool]:
    name = normal(raw)
    for word in sorted(data.ignored, key=len, reverse=True):
        name = name.replace(word, "")
    change = False
    for word in sorted(data.change, key=len, reverse=True):
        if name.endswith(word) and len(name) > len(word):
            name, change = name[: -len(word)], True
            break
    return data.canonical_form(name), change


def _contained(target: str, outcome: str, target_flow: str) -> float:
    shorter, longer = sorted((target, outcome), key=len)
    if len(shorter) < 2 or shorter not in longer:
        return 0.0
    rest = longer.replace(shorter, "", 1)
    if any(word in rest for word in rules().flow) and not (target_flow and target_flow in shorter):
        return 0.0
    score = len(shorter) / len(longer)
    return score if score >= MIN_CONTAINED else 0.0
