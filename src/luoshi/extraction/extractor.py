"""``extract()``: a Document's figures, typed and anchored to its source.

The scanner finds every number that states a quantity; for each, in text order,
this module reads its indicator, comparator, measure, kind and period from the
text around it and the report's timeline. Figures of one sentence are read
together, so a number can take its subject from the one before it
(由23612元、9784元分别增加到31580元、13471元).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from luoshi.extraction import indicator as ind
from luoshi.extraction.context import Mode, Timeline, timeline
from luoshi.extraction.figure import Comparator, Figure, Kind, Measure
from luoshi.extraction.numerals import to_half_width
from luoshi.extraction.scanner import Candidate, scan
from luoshi.extraction.vocabulary import Vocabulary, vocabulary
from luoshi.reading.document import Document

SENTENCE_BREAKS = "。！!？?\n"
PAIR_TO = re.compile(
    r"(?:增加|提高|增长|减少|下降|降低|提升|上升|扩大|缩小|压缩|缩短|压减|降|减|升|增)?(?:到|至)"
)
SENTENCE_TIME = re.compile(r"(?:到|至)?([0-9０-９]{4})年(?:底|末)?")
LAST_YEAR = re.compile(r"(?<![比较])去年")
FRAME = re.compile(r"由(\d{4})年[^。\n]*?(?:到|至)(\d{4})年")
SINCE = re.compile(r"较(\d{4})年")
EXPLICIT_YEAR = re.compile(r"(?<![较比])(到|至)?([0-9０-９]{4})年(?!以来|起|开始|之前|基础上)")
QUARTERS = (
    ("前三季度", "Q1-Q3"), ("前两个季度", "Q1-Q2"), ("上半年", "Q1-Q2"), ("下半年", "Q3-Q4"),
    ("一季度", "Q1"), ("二季度", "Q2"), ("三季度", "Q3"), ("四季度", "Q4"),
)  # fmt: skip
TERMS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
TERM_OPENERS = ("过去五年", "五年来", "这五年", "五年间")  # a sentence about the whole term
AVERAGE_RATE = ("年均", "平均", "净增", "累计")
PERCENT_UNITS = {"%", "％", "‰", "成"}


@dataclass(slots=True)
class _Draft:
    """A figure being read: mutable until the sentence is done."""

    candidate: Candidate
    subject: str  # the indicator before a shared subject is split
    indicator: str
    measure: Measure
    kind: Kind
    comparator: Comparator
    period: str
    quote_start: int
    comparator_end: int  # end of the unit and any comparator word after it
    group: list[_Draft] = field(default_factory=list)  # list items sharing one subject
    pair_role: str = ""  # "from" / "to" in 由A增加到B
    change: str = ""  # 增加 of 转移支付增加1.5万亿元: an amount stated as a change
    rule: str = ""  # ids of the rules that read it: scanner; indicator; period
    adjusted: str = ""  # ids of the list rules that changed it afterwards


def extract(document: Document) -> list[Figure]:
    """Every figure of ``document`` in text order."""
    text = document.text
    line = _Timeline(timeline(document), text)
    vocab = vocabulary()
    drafts: list[_Draft] = []
    sentence: list[_Draft] = []
    sentence_start = -1
    for candidate in scan(text, vocab):
        mode = line.timeline.mode_at(candidate.start)
        if mode is Mode.PREAMBLE:
            continue
        start = _rfind_any(text, SENTENCE_BREAKS, candidate.start) + 1
        if start != sentence_start:
            sentence, sentence_start = [], start
        draft = _read(text, candidate, sentence, sentence_start, line, mode, vocab)
        sentence.append(draft)
        drafts.append(draft)
    sections = _Sections(document)
    return [_figure(text, draft, sections.at(draft.candidate.start), vocab) for draft in drafts]


class _Sections:
    """Heading paths by offset, looked up once per stretch between outline boundaries."""

    def __init__(self, document: Document) -> None:
        self.document = document
        bounds: set[int] = set()
        stack = list(document.outline)
        while stack:
            node = stack.pop()
            bounds.update((node.start, node.end))
            stack.extend(node.children)
        self.bounds = sorted(bounds)
        self.cache: dict[int, tuple[str, ...]] = {}

    def at(self, offset: int) -> tuple[str, ...]:
        region = bisect.bisect_right(self.bounds, offset)
        path = self.cache.get(region)
        if path is None:
            path = tuple(node.title for node in self.document.headings_at(offset))
            self.cache[region] = path
        return path


class _Timeline:
    """The timeline plus per-paragraph frames (由2016年…到2020年), cached by paragraph start."""

    def __init__(self, tl: Timeline, text: str) -> None:
        self.timeline = tl
        self.text = text
        self._frames: dict[int, tuple[int, int] | None] = {}

    def frame(self, offset: int) -> tuple[int, int] | None:
        start = self.text.rfind("\n", 0, offset) + 1
        if start not in self._frames:
            end = self.text.find("\n", offset)
            paragraph = self.text[start : end if end != -1 else len(self.text)]
            match = FRAME.search(paragraph)
            self._frames[start] = (int(match[1]), int(match[2])) if match else None
        return self._frames[start]


_BREAKS: dict[str, tuple[str, list[int]]] = {}


def _rfind_any(text: str, chars: str, end: int, floor: int = 0) -> int:
    """Index of the last of ``chars`` in ``text[floor:end]``, or ``floor - 1``.

    The positions of each break set are found once per text (one regex pass) and bisected.
    """
    cached = _BREAKS.get(chars)
    if cached is None or cached[0] is not text:
        pattern = "[" + re.escape(chars) + "]"
        cached = (text, [m.start() for m in re.finditer(pattern, text)])
        _BREAKS[chars] = cached
    positions = cached[1]
    i = bisect.bisect_left(positions, end) - 1
    if i >= 0 and positions[i] >= floor:
        return positions[i]
    return floor - 1


def _read(
    text: str,
    c: Candidate,
    sentence: list[_Draft],
    sentence_start: int,
    line: _Timeline,
    mode: Mode,
    vocab: Vocabulary,
) -> _Draft:
    clause_start = _rfind_any(text, ind.CLAUSE_BREAKS, c.start, sentence_start) + 1
    previous = sentence[-1] if sentence else None
    same_clause = previous is not None and previous.comparator_end > clause_start
    left_start = previous.comparator_end if previous is not None and same_clause else clause_start
    rank_cut = c.start - 1 if c.rank else c.start  # 居全省第5位: read before 第
    raw = text[left_start:rank_cut]
    listed = same_clause and LIST_JOINER.match(raw) is not None
    if listed:
        raw = LIST_JOINER.sub("", raw)  # 7.5%和8.5%: the joiner belongs to the list
    comparator, comparator_end = _comparator(text, c, raw, vocab)
    measure = _measure(c, raw, vocab)
    noun, noun_end = (
        ("", c.tail_end) if c.unit_word in PERCENT_UNITS else ind.right_noun(text, c.tail_end)
    )
    subject, indicator_text, pair_role, joined, indicator_rule = _indicator(
        text, c, raw, noun, previous, same_clause, listed, sentence_start
    )
    change = _change_word(c, raw) if measure == "level" else ""
    if change and not indicator_text.endswith(change):
        indicator_text += change
    draft = _Draft(
        candidate=c,
        subject=subject,
        change=change,
        indicator=indicator_text,
        measure=measure,
        kind="target",
        comparator=comparator,
        period="",
        quote_start=left_start,
        comparator_end=comparator_end,
        pair_role=pair_role,
    )
    if noun and draft.indicator.endswith(noun):
        draft.comparator_end = max(draft.comparator_end, noun_end)  # the noun is this figure's
    if joined and previous is not None:
        draft.change = previous.change
        draft.indicator = previous.subject + draft.change
        draft.group = previous.group
        draft.group.append(draft)
        _split_group(draft.group)
        if previous.candidate.unit_word == c.unit_word:
            draft.measure = previous.measure
    else:
        draft.group = [draft]
    if previous is not None and _is_count_pair(text, previous.candidate, c):
        _count_pair(text, previous, draft)
    _share_unit_back(text, sentence, c)
    if joined and "分别" in text[draft.group[0].quote_start : draft.group[0].candidate.start]:
        _respectively(sentence, draft.group)
    if c.rank and previous is not None and previous.measure == "rate" and not ind.trim(raw):
        draft.indicator = draft.subject = previous.indicator + "增速"
    draft.kind, draft.period, period_rule = _kind_and_period(
        text, c, raw, draft, previous, sentence_start, line, mode
    )
    draft.rule = f"{c.rule}; indicator:{indicator_rule}; period:{period_rule}"
    if draft.pair_role == "to" and previous is not None:
        for item in previous.group:
            if item.pair_role == "" and item.period == draft.period:
                item.pair_role = "from"
                item.period = _from_period(text, item, line)
                item.rule = item.rule.rsplit("period:", 1)[0] + "period:pair-start"
    return draft


def _indicator(
    text: str,
    c: Candidate,
    raw: str,
    noun: str,
    previous: _Draft | None,
    same_clause: bool,
    listed: bool,
    sentence_start: int,
) -> tuple[str, str, str, bool, str]:
    """(subject, indicator, pair role, joined to the previous figure's list, rule id)."""
    if c.rank:
        raw = ind.rank_subject(raw)
    trimmed = ind.trim(raw)
    unit = vocabulary().units.get(c.unit_word)
    counter = (unit is not None and unit.counter) or bool(c.magnitude and not c.unit_word)
    after = SUFFIX_BEFORE_OF.match(text, c.tail_end)
    if c.unit_word in PERCENT_UNITS and after is not None:
        # 80％的中小学纳入教联体, 40%左右的税收: the share of what follows 的
        owner = ind.right_noun(text, after.end())[0]
        if owner:
            return owner, owner, "", False, "share-of-following"
    action = ind.leading_action(trimmed)
    if noun and c.unit_word in ("年", "次"):
        phrase = trimmed.removeprefix("第") + noun  # 连续11年实现治理目标, 第5次荣获…
        return phrase, phrase, "", False, "counted-years"
    if previous is not None and same_clause:
        between = ind.YEAR.sub("", raw.strip("、和及与 \u3000").replace("分别", ""))
        if between and PAIR_TO.fullmatch(between):
            return previous.subject, previous.subject, "to", False, "pair-end"
        if not trimmed:
            if noun and counter:
                shared = ind.leading_action(previous.indicator) or ind.last_action(
                    previous.indicator
                )
                phrase = shared + noun
                return phrase, phrase, "", False, "list-counter-noun"
            return previous.subject, previous.subject, "", True, "list-item"
    light = trimmed.endswith(LIGHT_VERBS) or trimmed.startswith(PREPOSITIONS)
    closes_with_action = bool(trimmed) and trimmed.endswith(ind.last_action(trimmed) or "\0")
    if noun and (counter or not trimmed or action == trimmed or light or closes_with_action):
        closing = ind.last_action(trimmed)
        if not trimmed or action == trimmed:
            phrase = action + noun
        elif "、" in trimmed or trimmed.endswith("等") or raw.endswith(("以及", "和", "及", "、")):
            phrase = closing + noun  # a list before the number: only its verb is shared
        elif light:
            # 使用1000亿元失业保险基金, 坚决守住18亿亩耕地红线: the noun alone; after a
            # preposition its object stays (为黄花滩移民区争取到4504万立方米黄河取水指标)
            owner = ind.trim(trimmed[1:]) if trimmed.startswith(PREPOSITIONS) else ""
            phrase = owner + noun
        elif len(trimmed) <= 12:
            phrase = trimmed + noun  # 祁连山自然保护区150个生态环境问题, 每个乡镇打造2至3个示范村
        elif closing and trimmed.endswith(closing):
            phrase = closing + noun
        else:
            phrase = action + noun
        return phrase, phrase, "", False, "counter-noun"
    if not trimmed:
        if previous is None:
            if c.unit_word in PERCENT_UNITS and _rate_pattern().search(raw):
                # 全年增长4.8%: growth with no subject at all is the economy's, the GDP
                return "生产总值", "生产总值", "", False, "implied-gdp"
            return "", "", "", False, "none"
        return previous.subject, previous.subject, "", False, "inherited"
    if previous is not None:
        gap_text = trimmed.removeprefix("增速")
        if gap_text.startswith(vocabulary().comparator.gap_prefix):
            phrase = previous.subject + ("增速" if previous.measure == "rate" else "") + gap_text
            return previous.subject, phrase, "", False, "gap"
        if listed and trimmed.startswith(CONSEQUENCES):
            phrase = previous.subject + trimmed  # 担保贷款15亿元、带动就业3.1万人
            return phrase, phrase, "", False, "consequence"
        if raw.lstrip("，,、 ").startswith("其中"):
            action_before = ind.leading_action(previous.subject)
            if trimmed in QUALIFIERS:  # 新建充电桩2万个，其中农村1万个 → 新建农村充电桩
                phrase = action_before + trimmed + previous.subject[len(action_before) :]
            else:  # 新增市场主体4632户，其中企业1085户 → 新增企业
                phrase = action_before + trimmed
            return phrase, phrase, "", False, "of-which"
        if trimmed.startswith("占"):
            phrase = previous.subject + trimmed  # 货物贸易出口…，占全国份额15.3%
            return phrase, phrase, "", False, "share-of-previous"
        merged = ind.merge_with(previous.subject, trimmed) if len(trimmed) <= 5 else None
        if merged:
            return merged, merged, "", False, "continues-previous"
        if ind.is_attribute(trimmed):
            base = previous.indicator.removesuffix(previous.change)
            base = base[len(ind.leading_action(base)) :] if not same_clause else base
            attribute = ind.trailing_attribute(base)
            if attribute:
                base = base[: -len(attribute)]
            return base + trimmed, base + trimmed, "", False, "attribute-of-previous"
        previous_action = ind.leading_action(previous.indicator)
        if (
            listed
            and previous_action
            and not action
            and len(trimmed) <= 3
            and _component(previous.candidate, c)
        ):
            phrase = previous.subject + trimmed  # 改造老旧病房10万平方米、床位2000张
            return phrase, phrase, "", False, "component"
        if listed and previous_action and not action:
            return previous_action + trimmed, previous_action + trimmed, "", False, "shared-action"
    if ind.is_generic(trimmed) or ind.is_generic(ind.strip_trailing(raw.strip("、，, "))):
        return _generic(text, c, raw, previous, sentence_start)
    phrase = ind.without_examples(trimmed)
    return phrase, phrase, "", False, "clause-before"


PROGRAMME = re.compile(r"(?:项目|行动|工程|计划|改革|建设|基地)")


def _component(first: Candidate, second: Candidate) -> bool:
    """A count listed after an amount of area or length is a part of the same object."""
    units = vocabulary().units
    a, b = units.get(first.unit_word), units.get(second.unit_word)
    return a is not None and not a.counter and b is not None and b.counter


def _generic(
    text: str, c: Candidate, raw: str, previous: _Draft | None, sentence_start: int
) -> tuple[str, str, str, bool, str]:
    """完成投资171亿元 after 实施文旅项目237项 → 文旅项目完成投资."""
    phrase = ind.TIME_PHRASE.sub("", raw).strip("、，, ").removeprefix("累计").removeprefix("共")
    phrase = ind.strip_trailing(phrase)
    owner = ""
    programme = PROGRAMME.search(previous.subject) if previous is not None else None
    if previous is not None and programme is not None:
        # “三变”改革带动农户…，累计分红 → “三变”改革分红: the programme, not its whole clause
        owner = ind.without_examples(previous.subject[: programme.end()])
    else:
        end = c.start
        while owner == "" and end > sentence_start:
            clause_end = _rfind_any(text, ind.CLAUSE_BREAKS, end, sentence_start)
            clause_start = _rfind_any(text, ind.CLAUSE_BREAKS, clause_end, sentence_start) + 1
            clause = text[clause_start : max(clause_end, clause_start)]
            found = PROGRAMME.search(clause)
            if found and clause_end > sentence_start:
                owner = ind.trim(clause[: found.end()])
            end = clause_end
        if not owner and previous is not None:
            owner = previous.subject
    owner = owner[len(ind.leading_action(owner)) :]
    owner = re.sub(r"^(?:大规模|全面|深入|持续|大力|开展|实施)", "", owner)
    result = owner + phrase
    return result, result, "", False, "programme-amount"


SUFFIX_BEFORE_OF = re.compile(r"(?:左右|以上|以下)?的")
# Verbs that only carry the number to its noun; the indicator is the noun alone.
LIGHT_VERBS = (
    "发挥", "使用", "用好", "守住", "守牢", "办好", "抓好", "做好", "实施好", "惠及", "覆盖",
    "保持", "统筹", "盘活", "安排", "下达", "拨付", "投入",
)  # fmt: skip
PREPOSITIONS = ("对", "为", "在", "把", "给", "向", "从", "让")
QUALIFIERS = frozenset(
    ("农村", "城市", "城镇", "乡村", "县域", "城区", "中心城区", "省级", "市级", "县级", "国家级")
)
CONSEQUENCES = ("带动", "拉动", "惠及", "撬动")
LIST_JOINER = re.compile(r"^(?:、|和|及|与|以及|并)+")
CHANGE_TAIL = re.compile(
    r"(净增|净减|增加|减少|提高|降低|增长|扩大|缩减|下降)(?:了|约|近|超过|逾)?$"
)


def _change_word(c: Candidate, raw: str) -> str:
    """提高30元 / 比上年增加1.1万亿元: an amount that is itself a change (spec: level)."""
    if c.unit_word in PERCENT_UNITS or c.unit_word in ("个百分点", "百分点", "倍") or c.rank:
        return ""
    found = CHANGE_TAIL.search(raw.rstrip("分别再 "))
    return found[1] if found else ""


def _split_group(group: list[_Draft]) -> None:
    parts = ind.split_subject(group[0].subject, len(group))
    if parts:
        for draft, part in zip(group, parts, strict=True):
            draft.indicator = part + draft.change
            draft.adjusted = "; list:split-subject"


def _is_count_pair(text: str, first: Candidate, second: Candidate) -> bool:
    between = text[first.tail_end : second.start]
    if between == "":
        return True
    counts = {"户", "人", "名", "人次"}
    return between == "、" and first.unit_word != second.unit_word and second.unit_word in counts


def _count_pair(text: str, first: _Draft, second: _Draft) -> None:
    """4.4万户17万人移居川区 / 改造老旧小区193个1.27万户: two counts of one thing."""
    noun = ind.right_noun(text, second.candidate.tail_end)[0]
    if noun:
        left = ind.trim(text[first.quote_start : first.candidate.start])
        base = (left if len(left) <= 8 else "") + noun
        first.indicator = ind.second_count(base, first.candidate.unit_word)
    else:
        base = first.indicator
    second.indicator = second.subject = ind.second_count(base, second.candidate.unit_word)
    first.adjusted = second.adjusted = "; list:count-pair"
    second.group = [second]


def _share_unit_back(text: str, sentence: list[_Draft], last: Candidate) -> None:
    """A list writes its unit once, at its end.

    压缩至5个、2个工作日; 10.6万、3.8万、3.3万平方公里.
    """
    following = last
    for draft in reversed(sentence):
        first = draft.candidate
        if text[first.tail_end : following.start] != "、":
            return
        if first.unit_word and not (
            first.unit_word != last.unit_word and last.unit_word.startswith(first.unit_word)
        ):
            return
        if first.magnitude != last.magnitude and first.unit_word:
            return
        first.unit = first.magnitude + last.unit_word
        first.unit_word = last.unit_word
        following = first


def _respectively(sentence: list[_Draft], group: list[_Draft]) -> None:
    """接待游客…、旅游综合收入…，分别增长36.5%、41.2%: 分别 pairs the numbers with the figures
    just before them, in order, when the subject is not written again."""
    first = group[0]
    if first.subject != (sentence[-1].subject if sentence else None) and first not in sentence:
        return
    before = [d for d in sentence if d not in group]
    if len(before) < len(group) or first.subject != before[-1].subject:
        return
    owners = before[-len(group) :]
    if len({o.subject for o in owners}) != len(owners):
        return
    for draft, owner in zip(group, owners, strict=True):
        draft.indicator = owner.indicator.removesuffix(owner.change) + draft.change
        draft.adjusted = "; list:respectively"


def _comparator(text: str, c: Candidate, raw: str, vocab: Vocabulary) -> tuple[Comparator, int]:
    words = vocab.comparator
    suffix = _suffix_pattern().match(text, c.tail_end)
    if suffix is not None:
        return _SUFFIX_COMPARATOR[suffix[0]], suffix.end()
    if c.approx:
        return "~", c.tail_end
    if c.value_max is not None:
        return "=", c.tail_end
    before = raw[-8:]
    found = _prefix_pattern().search(before)
    if found is not None:
        prefix = found["word"]
        gap = prefix in words.gap_prefix
        tail = before[found.start() :]
        if not (gap and (any(m in tail for m in words.gap_markers) or c.unit_word == "个百分点")):
            return _PREFIX_COMPARATOR[prefix], c.tail_end
    return "=", c.tail_end


_PREFIX_COMPARATOR: dict[str, Comparator] = {}
_SUFFIX_COMPARATOR: dict[str, Comparator] = {}


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    """A comparator word right after the unit: 以上, 以内, 左右 …"""
    words = vocabulary().comparator
    table: tuple[tuple[tuple[str, ...], Comparator], ...] = (
        (words.suffix_ge, ">="),
        (words.suffix_le, "<="),
        (words.suffix_approx, "~"),
    )
    for suffixes, comparator in table:
        for suffix in suffixes:
            _SUFFIX_COMPARATOR.setdefault(suffix, comparator)
    return re.compile(
        "|".join(re.escape(w) for w in sorted(_SUFFIX_COMPARATOR, key=len, reverse=True))
    )


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    """A comparator word before the number, with only binding words between them."""
    words = vocabulary().comparator
    table: tuple[tuple[tuple[str, ...], Comparator], ...] = (
        (words.prefix_approx, "~"),
        (words.prefix_le, "<="),
        (words.prefix_ge, ">="),
    )
    for prefixes, comparator in table:
        for prefix in prefixes:
            _PREFIX_COMPARATOR.setdefault(prefix, comparator)
    alternation = "|".join(re.escape(w) for w in sorted(_PREFIX_COMPARATOR, key=len, reverse=True))
    binds = r"(?:了|到|至|在|为|达|\d{4}年的?|全[国省市区]|平均|全国平均|全省平均)*"
    return re.compile(rf"(?P<word>{alternation}){binds}$")


@lru_cache(maxsize=1)
def _ratio_pattern() -> re.Pattern[str]:
    nouns = "|".join(re.escape(w) for w in vocabulary().measure.share_nouns)
    return re.compile(rf"(?:{nouns})[^，,；;]{{0,6}}$")


def _measure(c: Candidate, raw: str, vocab: Vocabulary) -> Measure:
    if c.rank:
        return "rank"
    if not c.unit:
        return "share" if _ratio_pattern().search(raw) else "level"  # 收入比2.71; 交通指数6.08
    if c.unit_word in ("个百分点", "百分点", "倍"):
        return "rate"
    if c.unit_word in PERCENT_UNITS:
        return "rate" if _rate_pattern().search(raw, max(0, len(raw) - 8)) else "share"
    return "level"


@lru_cache(maxsize=1)
def _rate_pattern() -> re.Pattern[str]:
    """A change word before a percentage (增长7%), but not a level reached (提高到65%)."""
    words = "|".join(re.escape(w) for w in sorted(vocabulary().measure.rate_words, key=len)[::-1])
    return re.compile(rf"(?:{words})(?![到至])")


def _kind_and_period(
    text: str,
    c: Candidate,
    raw: str,
    draft: _Draft,
    previous: _Draft | None,
    sentence_start: int,
    line: _Timeline,
    mode: Mode,
) -> tuple[Kind, str, str]:
    tl = line.timeline
    before = text[sentence_start : c.start]
    kind_words = vocabulary().kind
    estimated = _estimated(text, sentence_start, c.start, kind_words.estimate)
    explicit = _explicit_year(raw)
    looked = raw if mode not in REVIEWS else before
    if explicit is None and "去年" in looked and LAST_YEAR.search(looked):
        explicit = str(tl.review_year)
    if draft.pair_role != "to" and mode in REVIEWS:
        explicit = explicit or _explicit_year(before)
    elif explicit is None:
        # 到2027年，新能源装机规模达到1000万千瓦: a sentence opened by a time alone
        first_clause = text[sentence_start : _first_break(text, sentence_start, c.start)]
        opening = SENTENCE_TIME.fullmatch(first_clause.strip())
        explicit = to_half_width(opening[1]) if opening else None
    if mode in REVIEWS:
        if "五" in before:  # 十三五, 十四五, 十五五
            for name, (first, last) in TERMS.items():
                if name in before and any(w in before for w in kind_words.review_targets):
                    return "target", f"{first}-{last}", "term-goal-in-review"
        kind: Kind = "estimate" if estimated else "actual"
        if "季" in before or "半年" in before:
            quarter = _last_quarter(before)  # 三季度增长4.6%…四季度增长5.6%: the nearest one
            if quarter:
                return kind, f"{tl.review_year}{quarter}", "quarters"
        frame = line.frame(c.start)
        if frame and draft.measure == "rate" and any(w in raw for w in AVERAGE_RATE):
            return kind, f"{frame[0]}-{frame[1]}", "frame-average"
        if explicit is not None:
            return kind, explicit, "explicit-year"
        if mode is Mode.REVIEW_YEAR and not text.startswith(TERM_OPENERS, sentence_start):
            return kind, str(tl.review_year), "review-year"
        return kind, _term_period(text, c, raw, draft, previous, line), "review-term"
    clause = text[_rfind_any(text, ind.CLAUSE_BREAKS, c.start, sentence_start) + 1 : c.start]
    if any(w in clause for w in kind_words.existing):
        return "actual", str(tl.plan_year - 1), "existing-stock"
    if estimated:
        return "estimate", str(tl.plan_year), "estimate"
    if explicit is not None:
        return ("target" if int(explicit) >= tl.plan_year else "actual"), explicit, "explicit-year"
    if mode is Mode.PLAN_TERM:
        first, last = tl.plan_term
        return "target", f"{first}-{last}", "plan-term"
    return "target", str(tl.plan_year), "plan-year"


REVIEWS = (Mode.REVIEW_YEAR, Mode.REVIEW_TERM)


def _first_break(text: str, start: int, end: int) -> int:
    for i in range(start, end):
        if text[i] in ind.CLAUSE_BREAKS:
            return i
    return end


def _last_quarter(before: str) -> str:
    best, at = "", -1
    for word, quarters in QUARTERS:
        index = before.rfind(word)
        if index != -1 and index + len(word) > at:  # the longest at the nearest end wins
            best, at = quarters, index + len(word)
    if before.rfind("全年") > at - 2:
        return ""  # 四季度增长5.6%，全年增长4.8%: the whole year again
    return best


def _explicit_year(raw: str) -> str | None:
    if "年" not in raw:
        return None
    years = list(EXPLICIT_YEAR.finditer(raw))
    return to_half_width(years[-1][2]) if years else None


def _estimated(text: str, sentence_start: int, offset: int, words: tuple[str, ...]) -> bool:
    """预计 opening a sentence covers all of it; later in a sentence, only its own clause."""
    for word in words:
        index = text.find(word, sentence_start, offset)
        if index == -1:
            continue
        if _rfind_any(text, ind.CLAUSE_BREAKS, index, sentence_start) < sentence_start:
            return True  # in the first clause: the whole sentence is an estimate
        if _rfind_any(text, ind.CLAUSE_BREAKS, offset, index) < index:
            return True  # in this figure's own clause
    return False


def _term_period(
    text: str, c: Candidate, raw: str, draft: _Draft, previous: _Draft | None, line: _Timeline
) -> str:
    tl = line.timeline
    first, last = tl.review_term
    frame = line.frame(c.start)
    since = SINCE.search(text, max(0, c.start - 30), c.start)
    if since:
        return f"{since[1]}-{frame[1] if frame else tl.last_complete_year}"
    averaged = any(w in raw for w in AVERAGE_RATE) or (
        draft.subject == (previous.subject if previous else None)
        and previous is not None
        and "-" in previous.period
        and previous.measure == draft.measure
    )
    if frame:
        if draft.measure == "rate" or (averaged and draft.measure == "level" and "净增" in raw):
            return f"{frame[0]}-{frame[1]}"
        if (
            draft.measure == "level"
            and previous is not None
            and averaged
            and "净" in previous.indicator
        ):
            return f"{frame[0]}-{frame[1]}"
        return str(frame[1])
    if draft.pair_role == "to":
        origin = previous.period if previous is not None else ""
        if origin.isdigit():
            return str(tl.last_complete_year)
    return f"{first}-{last}"


def _from_period(text: str, item: _Draft, line: _Timeline) -> str:
    explicit = _explicit_year(text[item.quote_start : item.candidate.start])
    if explicit:
        return explicit
    frame = line.frame(item.candidate.start)
    if frame:
        return str(frame[0])
    if line.timeline.mode_at(item.candidate.start) is Mode.REVIEW_YEAR:
        return str(line.timeline.review_year - 1)
    if line.timeline.mode_at(item.candidate.start) is Mode.REVIEW_TERM:
        if "治理前" in text[item.quote_start : item.candidate.start]:
            return ""
        return str(line.timeline.review_term[0] - 1)
    if item.kind == "target":
        # 比例从75%提高到100%: in the plan, the level it starts from is today's, a result
        item.kind = "actual"
        return str(line.timeline.plan_year - 1)
    return item.period


def _figure(text: str, draft: _Draft, section: tuple[str, ...], vocab: Vocabulary) -> Figure:
    c = draft.candidate
    unit = vocab.units.get(c.unit_word)
    factor = vocab.magnitudes.get(c.magnitude, Decimal(1)) * (unit.factor if unit else Decimal(1))
    base_unit = unit.base if unit else ""
    quote_start = min(draft.quote_start, c.start)
    while quote_start < c.start and text[quote_start] in "、，,和及与 \u3000":
        quote_start += 1
    return Figure(
        start=c.start,
        end=c.end,
        value=c.value,
        value_max=c.value_max,
        unit=c.unit,
        indicator=draft.indicator,
        measure=draft.measure,
        kind=draft.kind,
        comparator=draft.comparator,
        period=draft.period,
        section=section,
        quote=text[quote_start : c.tail_end],
        base_value=c.value * factor,
        base_value_max=None if c.value_max is None else c.value_max * factor,
        base_unit=base_unit,
        rule=draft.rule + draft.adjusted,
    )
