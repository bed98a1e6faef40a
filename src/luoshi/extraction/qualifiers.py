"""The comparator and the measure of a figure, and an amount stated as a change."""

from __future__ import annotations

import re
from functools import lru_cache

from luoshi import compiled
from luoshi.extraction.figure import Comparator, Measure
from luoshi.extraction.scanner import Candidate
from luoshi.extraction.vocabulary import Vocabulary, alternation, vocabulary

PERCENT_UNITS = {"%", "％", "‰", "成"}

CHANGE_TAIL = compiled.pattern(
    r"(净增|净减|增加|减少|提高|降低|增长|扩大|缩减|下降)(?:了|约|近|超过|逾)?$"
)


def change_word(c: Candidate, raw: str) -> str:
    """提高30元 / 比上年增加1.1万亿元: an amount that is itself a change (spec: level)."""
    if c.unit_word in PERCENT_UNITS or c.unit_word in ("个百分点", "百分点", "倍") or c.rank:
        return ""
    found = CHANGE_TAIL.search(raw.rstrip("分别再 "))
    return found[1] if found else ""


def comparator_of(text: str, c: Candidate, raw: str, vocab: Vocabulary) -> tuple[Comparator, int]:
    words = vocab.comparator
    suffix = _suffix_pattern().match(text, c.tail_end)
    if suffix is not None:
        return _comparator_words("suffix")[suffix[0]], suffix.end()
    if c.approx:
        return "~", c.tail_end
    if c.rank and text[c.start - 1 : c.start] == "前":
        return "<=", c.tail_end  # 跻身前三位: a place among the first three
    if c.value_max is not None:
        return "=", c.tail_end
    before = raw[-8:]
    found = _prefix_pattern().search(before)
    if found is not None:
        prefix = found["word"]
        gap = prefix in words.gap_prefix
        tail = before[found.start() :]
        if not (gap and (any(m in tail for m in words.gap_markers) or c.unit_word == "个百分点")):
            return _comparator_words("prefix")[prefix], c.tail_end
    if _scoping_pattern().search(before):
        return ">=", c.tail_end  # 至少办好1所: the adverb bounds the verb phrase
    return "=", c.tail_end


def without_scoping(phrase: str) -> str:
    """``phrase`` without the bounding adverbs (每个乡镇至少办好 → 每个乡镇办好)."""
    for adverb in vocabulary().comparator.scoping_ge:
        phrase = phrase.replace(adverb, "")
    return phrase


@lru_cache(maxsize=1)
def _scoping_pattern() -> re.Pattern[str]:
    """An adverb that bounds its verb phrase, a short verb between it and the number."""
    adverbs = alternation(vocabulary().comparator.scoping_ge)
    return compiled.pattern(rf"(?:{adverbs})[\u4e00-\u9fff]{{1,3}}$")


@lru_cache(maxsize=2)
def _comparator_words(side: str) -> dict[str, Comparator]:
    """Comparator words written on one ``side`` of the number ("prefix" or "suffix")."""
    words = vocabulary().comparator
    groups: tuple[tuple[tuple[str, ...], Comparator], ...] = (
        ((words.prefix_approx, "~"), (words.prefix_le, "<="), (words.prefix_ge, ">="))
        if side == "prefix"
        else ((words.suffix_approx, "~"), (words.suffix_le, "<="), (words.suffix_ge, ">="))
    )
    table: dict[str, Comparator] = {}
    for group, comparator in groups:
        for word in group:
            table.setdefault(word, comparator)
    return table


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    """A comparator word right after the unit: 以上, 以内, 左右 …"""
    return compiled.pattern(alternation(_comparator_words("suffix")))


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    """A comparator word before the number, with only binding words between them."""
    binds = r"(?:了|到|至|在|为|达|\d{4}年的?|全[国省市区]|平均|全国平均|全省平均)*"
    return compiled.pattern(rf"(?P<word>{alternation(_comparator_words('prefix'))}){binds}$")


@lru_cache(maxsize=1)
def _ratio_pattern() -> re.Pattern[str]:
    nouns = alternation(vocabulary().measure.share_nouns)
    return compiled.pattern(rf"(?:{nouns})[^，,；;]{{0,6}}$")


SHARE_AFTER_CHANGE = compiled.pattern(r"(?:贡献率|拉动率|贡献度)[^，,；;]{0,4}$")


def measure_of(c: Candidate, raw: str, vocab: Vocabulary) -> Measure:
    if c.rank:
        return "rank"
    if c.rule == "fraction":
        return "share"  # 三分之二的公园
    if not c.unit:
        return "share" if _ratio_pattern().search(raw) else "level"  # 收入比2.71; 交通指数6.08
    if c.unit_word in ("个百分点", "百分点", "倍"):
        return "rate"
    if c.unit_word in PERCENT_UNITS:
        if SHARE_AFTER_CHANGE.search(raw):
            return "share"  # 工业对GDP增长贡献率45%: a share of the growth, not a growth
        return "rate" if rate_pattern().search(raw, max(0, len(raw) - 8)) else "share"
    return "level"


@lru_cache(maxsize=1)
def rate_pattern() -> re.Pattern[str]:
    """A change word before a percentage (增长7%), but not a level reached (提高到65%)."""
    # 增加值 is value added, a noun, not a change (规模工业增加值和40%左右的税收);
    # 新增 is an action (新增财力80%以上用于民生), not a change
    return compiled.pattern(
        rf"(?!增加值)(?<!新)(?:{alternation(vocabulary().measure.rate_words)})(?![到至])"
    )
