"""Find the numbers of a text that state a quantity, with their magnitude and unit.

One pass of one compiled pattern (built below from named pieces) finds every
written number with what follows it; ``scan`` then keeps the ones that are
figures and drops years, dates, list markers, grades and names (each drop has a
rule id in ``NOT_FIGURE``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from luoshi.extraction.numerals import parse_number
from luoshi.extraction.vocabulary import Vocabulary, alternation, vocabulary


@dataclass(slots=True)
class Candidate:
    """A number with its magnitude and unit, before any context is read."""

    start: int  # the span: the number (or range) with its magnitude
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str  # as written, magnitude included: 万亩, %, 个百分点; "" where none
    unit_word: str  # the unit without magnitude: 亩
    magnitude: str  # 万, 亿, …; "" where none
    tail_end: int  # end of the unit (and of 多/余 inside it)
    approx: bool  # 多/余 written between number and unit
    chinese: bool
    rank: bool  # 第N位
    rule: str


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    vocab = vocabulary()
    # 千 and 百 are magnitudes except where they open a unit (千瓦, 千米, 千伏, 百分点).
    magnitudes = [m for m in vocab.magnitudes if m not in ("千", "百")]
    magnitude = rf"(?:{alternation(magnitudes)}|千(?![瓦米克伏])|百(?!分))"
    units = alternation(list(vocab.units))
    arabic = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
    # A Chinese numeral is read only where a unit, a magnitude or a range follows it.
    chinese = rf"[零〇一二两三四五六七八九十百千]+(?=(?:多|余)?(?:{magnitude}|{units})|至|到)"
    return re.compile(
        rf"""
        (?:(?P<a_ar>{arabic})|(?P<a_cn>{chinese}))   # the number
        (?P<a_approx>(?:多|余)(?=万|亿))?          # 3700多万: 多 before the magnitude
        (?P<a_mag>{magnitude})?                     # its magnitude: 万, 亿 …
        (?P<a_pct>[%％])?                            # a range's first percent sign: 6%－6.5%
        (?:(?P<sep>至|到|－|-|~|～|〜|—)               # a range: 2至3, 2-3, 两到三
           (?:(?P<b_ar>{arabic})|(?P<b_cn>{chinese}))
           (?P<b_mag>{magnitude})?)?
        (?P<approx>多|余)?                           # 2.8万多名, 100余家
        (?P<unit>{units})?                          # the unit as written
        """,
        re.VERBOSE,
    )


DIGITS = "0123456789０１２３４５６７８９"
YEAR_FOLLOWERS = ("年", "-", "－", "/", ".", "—", "〜", "~", "～", "年度")
# A number followed by one of these is a date or time of day, not a figure.
DATE_UNITS = {"月", "日", "时", "号"}
# Unit 年 counts years only after these words (连续11年); elsewhere N年 is a time (五年, 2022年).
# Chinese numerals that are names, not counts: the words right after the unit.
SESSION = re.compile(
    r"届(?:[一二三四五六七八九十]+中|[^，。,;；]{0,8}?(?:全会|全国|人大|人民代表|政协|中央|党代会|会议))"
)
# 十一届七次、八次全会: sessions of a body, named by their number
MEETING = re.compile(
    r"次(?:[、和][一二三四五六七八九十]+次)?(?:全会|会议|全体会议|党代会|代表大会)"
)
# Ages and durations written before a noun describe it: 0-6岁儿童, 24小时便民服务
ATTRIBUTIVE_UNITS = {"岁", "小时", "分钟"}
ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff](?<![以左内上])")
NOUN_STARTS = {"家": ("庭",), "人": ("口",), "户": ("籍",), "个": ("体",)}
COUNTER_CHARS = frozenset("个家所户座项条名处")
CJK = re.compile(r"[\u4e00-\u9fff]")
POLICY_PACKAGE = re.compile(r"(?:经济|政策|措施|举措|意见|若干)$")
CHAINS = re.compile(r"(?:重点)?(?:产业链|工业产业链)")
THRESHOLD_AFTER = re.compile(
    r"""(?:以上|以下|及以上|及以下)的?[\u4e00-\u9fff“]     # 5亿元以上企业
      | 内[\u4e00-\u9fff]                                # 50米内换乘比例
      | (?:(?:至|到|-|－)[0-9.]+[万亿千]?[^\s，。,]{0,3})?的?部分  # 100万元至300万元部分
    """,
    re.VERBOSE,
)
# A number written without a unit is a figure only as an index or ratio: 交通指数从6.32下降至6.08
BARE_INDEX = re.compile(r"(?:指数|系数|收入比|之比|比值|得分|评分|倍数)[^，。,；;]{0,8}$")
BARE_PAIR = re.compile(r"[。，,；;]|$")
ORDINAL_NOUN = re.compile(r"国家级|国家|全国|省级")  # 第5个国家先进制造业集群
ORDINAL_COUNT = re.compile(r"(?:荣获|获得|获评|被评为|蝉联|入选|被授予)")
OPEN_QUOTES, CLOSE_QUOTES = "“‘《「『", "”’》」』"


# 办好“十件民生实事”: a count of the year's commitments, even inside quotes or before 方面
COMMITMENT = re.compile(r"(?:民生|为民|惠民)?实事")
QUOTED = re.compile(r"[“‘《「『][^“”‘’《》「」『』\n]{0,80}[”’》」』]")


def _quoted_spans(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for match in QUOTED.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def _inside_quotes(spans: tuple[list[int], list[int]], start: int) -> bool:
    """True when ``start`` lies inside “…” or 《…》."""
    i = bisect.bisect_right(spans[0], start) - 1
    return i >= 0 and start < spans[1][i]


def scan(text: str, vocab: Vocabulary | None = None) -> Iterator[Candidate]:
    """Every number of ``text`` that states a quantity, in text order."""
    vocab = vocab or vocabulary()
    quotes = _quoted_spans(text)
    for match in _pattern().finditer(text):
        candidate = _candidate(text, match, vocab, quotes)
        if candidate is not None:
            yield candidate


def _candidate(
    text: str,
    match: re.Match[str],
    vocab: Vocabulary,
    quotes: tuple[list[int], list[int]] = ([], []),
) -> Candidate | None:
    # one call for every group (each match["name"] is a call of its own)
    a_ar, a_cn, a_approx, a_mag, pct_a, sep, b_ar, b_cn, b_mag, approx_after, unit = match.groups()
    a_written = a_ar or a_cn
    chinese = a_ar is None
    start = match.start()
    before = text[start - 1] if start else ""
    magnitude = b_mag or a_mag or ""
    unit_word = unit or ""
    # A range needs the same kind on both sides; otherwise read the first number alone.
    if sep and ((pct_a and unit_word not in ("%", "％")) or (b_cn is not None) != chinese):
        return _single(text, match, vocab, quotes)
    if pct_a and not sep:
        unit_word = pct_a
        end_of_unit = match.end("a_pct")
    else:
        end_of_unit = match.end()  # the unit, when there is one, closes the match
    if before.isascii() and before.isalpha():
        return None  # G312, PM2.5, S585: road and pollutant names
    if before in ",.．" and start > 1 and text[start - 2] in DIGITS:
        return None  # the tail of a malformed number (1,23 or 1.2.3): not a number of its own
    after_number = text[end_of_unit : end_of_unit + 1]
    if not unit_word and after_number.isascii() and after_number.isalpha():
        return None  # 5G, 4A级
    rank = before == "第" or (before == "前" and unit_word in ("位", "名"))  # 第5位; 前三位
    ordinal_count = not chinese and (
        (unit_word == "次" and ORDINAL_COUNT.match(text, end_of_unit) is not None)
        or (unit_word == "个" and ORDINAL_NOUN.match(text, end_of_unit) is not None)
    )
    if rank and not ordinal_count:
        if unit_word not in ("位", "名") or (chinese and unit_word == "名"):
            return None  # an ordinal: 第五次党代会, 第3批
    elif rank:
        rank = False  # 第5次荣获: counts the times a title was won
    if a_approx and not a_mag:
        return None
    if chinese and magnitude not in ("", "万", "亿", "万亿"):
        return None  # 十百: a Chinese numeral writes its own hundreds and thousands
    if chinese and not _chinese_count(a_written, magnitude, unit_word, text, match, vocab):
        return None
    if not (unit_word or magnitude) and not (
        (BARE_INDEX.search(text, max(0, start - 16), start) and not chinese and "." in a_written)
        or (
            BARE_INDEX.search(text, max(0, start - 16), start)
            and BARE_PAIR.match(text, match.end())
        )
    ):
        return None  # a bare number: list marker, name or code
    if unit_word in DATE_UNITS:
        return None
    if _is_year(a_written, chinese, text, start, unit_word):
        return None
    if unit_word == "年" and not text[max(0, start - 4) : start].endswith(
        vocab.not_figure.year_count_leaders
    ):
        return None  # 五年, 三年行动: a time or a programme name
    if text.startswith("级", end_of_unit):
        return None  # 百万千瓦级, 10万吨级: a class label
    if before == "每":
        return None  # 每10万人口: a denominator, not a quantity
    if unit_word in ATTRIBUTIVE_UNITS and ATTRIBUTIVE.match(text, end_of_unit):
        return None  # 0-6岁儿童, 24小时不打烊, 15分钟生活圈: part of a name
    if unit_word == "方" and text.startswith(("面", "案", "式", "向", "针", "法"), end_of_unit):
        return None  # 方案, 方式: not the volume unit 方
    if unit_word == "方面" and not COMMITMENT.match(text, end_of_unit):
        return None  # 11方面重点工作: the speech's outline (but 十方面民生实事 counts)
    if (
        magnitude
        and unit_word in NOUN_STARTS
        and text.startswith(NOUN_STARTS[unit_word], end_of_unit)
    ):
        # 2900多万家庭, 17万人口: the counter is the first character of the noun counted
        end_of_unit -= len(unit_word)
        unit_word = ""
    if unit_word == "人" and text.startswith("制", end_of_unit):
        return None  # 3人制篮球场
    if unit_word == "类" and not chinese and len(a_written) == 1 and CJK.match(text, end_of_unit):
        return None  # 1类创新药: a category, like 4A级
    if unit_word == "条" and (
        POLICY_PACKAGE.search(text, max(0, start - 4), start) or CHAINS.match(text, end_of_unit)
    ):
        return None  # 民营经济32条 (a policy package), 13条重点产业链 (a standing framework)
    unit_row = vocab.units.get(unit_word)
    counted = unit_row is not None and unit_row.counter  # 100个以上项目: a count, not a threshold
    threshold = THRESHOLD_AFTER.match(text, end_of_unit) is not None
    if counted and before in COUNTER_CHARS and threshold:
        counted = False  # 957个50户以上村寨: a count right after a count is the second's threshold
    if threshold and not rank and not counted:
        return None  # 5亿元以上企业: a threshold inside the name of what is counted
    if _inside_quotes(quotes, start) and not COMMITMENT.match(text, end_of_unit):
        return None  # “十四五”, “8+N”, 《…2021—2025年规划》
    try:
        value = parse_number(a_written)
        value_max = parse_number(b_ar or b_cn) if sep else None
    except ValueError:
        return None
    if sep:
        end = match.end("b_mag") if b_mag else match.end("b_cn" if chinese else "b_ar")
    else:
        end = match.end("a_mag") if magnitude else start + len(a_written)
    approx = bool(approx_after or a_approx)
    unit = magnitude + unit_word
    return Candidate(
        start=start,
        end=end,
        value=value,
        value_max=value_max,
        unit=unit,
        unit_word=unit_word,
        magnitude=magnitude,
        tail_end=end_of_unit,
        approx=approx,
        chinese=chinese,
        rank=rank,
        rule="rank" if rank else "chinese_count" if chinese else "range" if sep else "number",
    )


def _single(
    text: str, match: re.Match[str], vocab: Vocabulary, quotes: tuple[list[int], list[int]]
) -> Candidate | None:
    """Re-read a failed range from its first number only (6%-8个 is not a range)."""
    written = match["a_ar"] or match["a_cn"]
    sub = _pattern().match(
        text[: match.start() + len(written) + len(match["a_mag"] or "")], match.start()
    )
    return _candidate(text, sub, vocab, quotes) if sub else None


def _chinese_count(
    written: str, magnitude: str, unit_word: str, text: str, match: re.Match[str], vocab: Vocabulary
) -> bool:
    """A Chinese numeral is a figure only as a count with a counter: 四届, 五项, 两个."""
    if written[0] in "百千零〇" or (written == "一" and not magnitude):
        return False  # 百姓, 千方百计, 千亿斤 (a name), 一个/一项 (an article, not a count)
    unit = vocab.units.get(unit_word)
    if unit_word == "年":
        return text[max(0, match.start() - 4) : match.start()].endswith(
            vocab.not_figure.year_count_leaders
        )  # 连续两年
    if unit is None or not (unit.counter or magnitude or unit_word in ("成", "倍")):
        return False
    rest = text[match.end("unit") - len(unit_word) : match.end("unit") + 4]
    if text.startswith("“", match.end("unit")) and not COMMITMENT.search(
        text, match.end("unit"), match.end("unit") + 10
    ):
        return False  # 五个“必须统筹好”, 四个“最严”: a numbered slogan
    at_unit = match.end("unit") - len(unit_word)
    if (
        rest.startswith(vocab.not_figure.named_counts)
        or SESSION.match(text, at_unit)
        or MEETING.match(text, at_unit)
    ):
        return False
    return text[match.start() - 1 : match.start()] not in ("第", "十", "之")


def _is_year(written: str, chinese: bool, text: str, start: int, unit_word: str) -> bool:
    if chinese or len(written) != 4 or not written.isdigit():
        return False
    if not 1900 <= int(written) <= 2100:
        return False
    return text.startswith(YEAR_FOLLOWERS, start + 4) or unit_word == "年"
