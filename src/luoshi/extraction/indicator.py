"""The indicator of a figure: the shortest phrase of the text that names what is measured.

Read from the clause before the number (城镇新增就业1.5万人), or after a counter
(339个贫困村全部出列), or taken over from the figure before it in the sentence
(年均增长7.8%、8.3%), with the spec's trimming: scope (全市), framing (力争, 确保),
time (2022年, 前三季度) and predicates (达到, 增长, 稳定在) are dropped; action
verbs that make a flow (新建, 改造) are kept, and a subject shared by a list is spelled
out for each item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi import compiled
from luoshi.extraction.scanner import RANK_FIELDS
from luoshi.extraction.vocabulary import IndicatorWords, alternation, vocabulary

TIME_PHRASE = compiled.pattern(
    r"""
    (?:由|从|到|至|较|比|与)?\d{4}年(?:以来的?|的|底|末|初|前|后|度)?   # 2016年的, 到2020年
    | (?:前|第)?[一二三四1-4]季度 | 上半年 | 下半年
    | (?<![0-9])(?:(?:1[0-2]|[1-9])[—\-－至到~～])?(?:1[0-2]|[1-9])月(?:份|底|末|初)?  # 4月, 1—11月
    | 去年底 | 去年末 | 全年 | 今年 | 去年 | 当年 | 年末 | 年底
    | (?:比|较)?(?:[一二三四五六七八九十]|\d{1,2})年前的?
    | 今后五年 | 未来五年 | 五年来 | 过去五年 | 五年 | 十年 | 多年来 | 多年
    | “?十[三四五]五”?(?:期间|时期|末)?
    | 前五年的? | 治理前的 | 现行标准下 | 同口径
    | 每人每月 | 每人每年 | 每月 | 每年 | 每人 | 每户 | 去年底 | 去年末
    | (?:比|较)(?:上年|去年|上年度|同期|上一年)
    """,
    re.VERBOSE,
)
YEAR = compiled.pattern(r"\d{4}年的?")
EXAMPLES = compiled.pattern(r"^.*等(?=[^等]*$)")  # 建成黄花滩等93个集中安置区: drop the examples
LIST_MARKER = compiled.pattern(
    r"""^[ \t\u3000]*(?:
        [0-9０-９]+[.．、]                      # 1.  2、
      | [（(][一二三四五六七八九十0-9]+[)）]     # (一) （1）
      | [一二三四五六七八九十]+[、是](?![一二三四五六七八九十][、产])  # 一、 (not 一、二、三产业)
    )""",
    re.VERBOSE,
)
DOING = compiled.pattern(r"进行")  # 5500名妇女进行免费“两癌”检查: what is counted follows
RIGHT_STOP = compiled.pattern(
    r"[，,：:；;。！!？?、\n（(]"
    # a number stops the noun, unless it is a threshold or a size inside it (50户以上村寨, 3人制)
    r"|[0-9０-９]+(?:[.．][0-9０-９]+)?(?![0-9０-９A-Za-z]|.{0,2}?(?:以上|以下|制))"
    r"|[一二两三四五六七八九十]+(?:次|届|个|项|家|所)"
)
# 提升现有55个农业园区建设水平: what is counted is the parks, not their level
# 1200名科技特派员到基层开展科技服务; 10亿元专项资金作用: what follows the noun is not it
PURPOSE = compiled.pattern(
    r"(?<![得达])(?:到|赴|前往|用于)[\u4e00-\u9fff]*$|(?:的)?作用$|和$|等(?:项目|工程)$"
)
QUALITIES = compiled.pattern(r"(?:建设水平|发展水平|服务水平|水平|质量|能力|功能|任务)$")
CONJUNCTIONS = (
    "并", "且", "同时", "和", "及", "也", "还", "均", "位居", "占", "是", "比",
    "增加", "减少", "提高", "降低", "下降", "增长", "上升", "压缩", "压减", "达到", "突破",
    "超过", "较", "很", "更", "相对",
)  # fmt: skip
RANKED_AFTER = compiled.pattern(
    r"居(?![家民住所室委间])"
)  # 居全国…, 居粮食主产省第1位; not 居家, 居民
RIGHT_DROP = compiled.pattern("全部|均|都|已经|已|基本|全面|顺利|实现")


@dataclass(frozen=True, slots=True)
class Trimmer:
    """Precompiled trimming patterns over the indicator vocabulary."""

    lead: re.Pattern[str]
    trail: re.Pattern[str]
    attributes: tuple[str, ...]
    generic: frozenset[str]
    words: IndicatorWords
    opening_action: re.Pattern[str]
    closing_attribute: re.Pattern[str]
    last_action_reversed: re.Pattern[str]


@lru_cache(maxsize=1)
def trimmer() -> Trimmer:
    words = vocabulary().indicator
    # Framing words that are also action verbs stay when they open a flow (完成治沙 → 治沙 but
    # 实施重大项目 keeps 实施): only the framing list proper is stripped at the start.
    # a scope may be joined to what follows it (全国和自由贸易试验区…): the joiner goes with it
    joined_scopes = tuple(scope + joiner for scope in words.scopes for joiner in "和及与")
    lead = compiled.pattern(
        rf"^(?:{alternation(joined_scopes + words.scopes + words.framing)}|[、，,])+"
    )
    rate_words = vocabulary().measure.rate_words
    # Matched on the reversed phrase: anchored at its start, so one attempt instead of one per
    # position (the predicates' alternation is long).
    comparators = vocabulary().comparator
    bounds = comparators.prefix_ge + comparators.prefix_le + comparators.prefix_approx
    # 增, 降, 涨 alone would cut into verbs that close a phrase (新增): not stripped.
    closing = words.predicates + words.framing + rate_words + bounds + ADVERBS
    ending = [w[::-1] for w in closing if w not in ("增", "降", "涨")] + ["第"]
    trail = compiled.pattern(rf"(?:{alternation(ending)}|的|了|[、，,])+")
    return Trimmer(
        lead=lead,
        trail=trail,
        attributes=tuple(sorted(words.attributes, key=len, reverse=True)),
        generic=frozenset(words.generic),
        words=words,
        # one verb, or several joined (新建和改造提升)
        opening_action=compiled.pattern(
            rf"(?:{alternation(words.actions)})(?:(?:和|及|、|并)?(?:{alternation(words.actions)}))*"
        ),
        closing_attribute=compiled.pattern(rf"(?<=.)(?:{alternation(words.attributes)})$"),
        # searched in the reversed phrase: the first hit is the verb that ends last, longest first
        last_action_reversed=compiled.pattern(alternation(w[::-1] for w in words.actions)),
    )


# Manner words that stand between an indicator and its number: 入境游客大幅增长
ADVERBS = ("大幅", "明显", "显著", "较快", "快速", "平稳", "稳步", "同比", "分别", "年均", "平均",
           "实际", "连年", "逐年", "持续", "率先", "在全国率先", "在全省率先")  # fmt: skip


def trim(phrase: str) -> str:
    """Drop time phrases, scope, framing words and trailing predicates."""
    if not phrase:
        return ""
    if phrase[0] in LIST_MARKER_OPENERS:
        phrase = LIST_MARKER.sub("", phrase)
    if not TIME_CHARS.isdisjoint(phrase):
        phrase = TIME_PHRASE.sub("", phrase)
    phrase = phrase.strip(" \t\u3000")
    lead = trimmer().lead.match(phrase)
    sought = lead is not None and "争取" in lead[0]  # (积极)争取…资金
    phrase = phrase[lead.end() :] if lead else phrase
    if "对" in phrase:
        phrase = AGENT_OF.sub("", phrase)
    stated = phrase
    phrase = strip_trailing(phrase)
    if phrase in trimmer().words.growing_subjects and stated.startswith(GROWTH, len(phrase)):
        return stated[: len(phrase) + 2]  # 经济增长6%左右: 经济 alone names nothing
    if sought and phrase.endswith(FUNDS):
        return "争取" + phrase  # 争取中央投资: funds won from above are what 争取 counts
    return phrase


FUNDS = ("资金", "投资", "债券", "补助", "专项债")
GROWTH = ("增长", "增速")


# Every time phrase holds one of these characters; a phrase with none skips the pattern.
TIME_CHARS = frozenset("年季十治现同每比较月")  # 多年 holds 年
LIST_MARKER_OPENERS = frozenset(" \t\u30000123456789０１２３４５６７８９（(一二三四五六七八九十")


def strip_trailing(phrase: str) -> str:
    """Drop the predicates and framing words that close ``phrase`` (…标准分别再提高 → …标准)."""
    found = trimmer().trail.match(phrase[::-1])
    return phrase[: len(phrase) - found.end()] if found else phrase


def leading_action(phrase: str) -> str:
    """The action verbs that open ``phrase`` (新增, 新建, 实施, 新建和改造提升 …), or ""."""
    found = trimmer().opening_action.match(phrase)
    return found[0] if found else ""


def opens_with_doing(phrase: str) -> bool:
    """Whether ``phrase`` opens with what a share does: 实现稳定运行, 新建…, 提供学位."""
    return bool(leading_action(phrase)) or phrase.startswith(trimmer().words.share_verbs)


def trailing_attribute(phrase: str) -> str:
    """The attribute noun that closes ``phrase`` (粮食种植面积 → 种植面积), or ""."""
    if phrase.endswith(WHOLE_NAMES):
        return ""
    found = trimmer().closing_attribute.search(phrase)
    return found[0] if found else ""


# Names that end like an attribute but are one indicator: 生产总值 is not 生产 + 总值.
WHOLE_NAMES = ("生产总值", "进出口总额", "零售总额")
# X对Y的费率: the indicator is Y's; 对外, 对口 … are words of their own.
# (对 also opens what an actor does to: 工业对GDP增长贡献率, 企业对新兴产业投资 — kept)
AGENT_OF = compiled.pattern(
    r"^.{2,}?对(?![外内口接标比于象称话应地])(?=.{2,}的.{2,}|.{2,}(?:费率|利率|税率|收费))"
)


def is_attribute(phrase: str) -> bool:
    return phrase in trimmer().attributes


def is_generic(phrase: str) -> bool:
    return phrase in trimmer().generic


def right_noun(text: str, start: int) -> tuple[str, int]:
    """The noun phrase after a counter and where it ends: 339个[贫困村]全部[出列] → 贫困村出列."""
    end = start
    limit = min(len(text), start + 40)
    while True:
        stop = RIGHT_STOP.search(text, end, limit)
        end = stop.start() if stop else min(len(text), start + 20)
        if stop is None or text[end] not in "（(":
            break
        close = text.find("）" if text[end] == "（" else ")", end, limit)
        if close == -1:
            break
        end = close + 1  # 700个乡镇（街道）应急消防管理站: a bracket inside the noun
    phrase = text[start:end]
    for word in ("以上", "以下", "左右", "多", "余"):
        if phrase.startswith(word):
            phrase = phrase[len(word) :]
    if not phrase or not ("\u4e00" <= phrase[0] <= "\u9fff" or phrase[0] in "“‘《0123456789"):
        return "", start
    if phrase.startswith(CONJUNCTIONS) or RANKED_AFTER.match(phrase):
        return "", start  # 突破40万亿元并连续多年居世界首位: a new predicate (but 居家老年人)
    if "”" in phrase and "“" not in phrase.split("”", 1)[0]:
        phrase = phrase.split("”", 1)[0]  # “十件民生实事”是…: the noun ends with the quote
    phrase = RIGHT_DROP.sub("", phrase)
    phrase = QUALITIES.sub("", phrase) or phrase
    phrase = PURPOSE.sub("", phrase) or phrase
    doing = DOING.search(phrase)
    if doing and doing.end() < len(phrase):
        phrase = phrase[doing.end() :]
    return phrase[:24], end


def right_phrase(text: str, start: int) -> str:
    """What a share does, up to the clause's end: 50%[县区基本达到…标准] → 县区达到…标准."""
    stop = CLAUSE_STOP.search(text, start, start + 30)
    phrase = text[start : stop.start() if stop else start + 30].rstrip("和及与")
    adverb = RIGHT_DROP.search(phrase, 0, 8)  # 基本, 均, 已 before the verb; not 均衡's 均
    return phrase[: adverb.start()] + phrase[adverb.end() :] if adverb else phrase


CLAUSE_STOP = compiled.pattern(r"[，,：:；;。！!？?、\n（(0-9０-９]")


def last_action(phrase: str) -> str:
    """The action verb nearest the end of the phrase's head (before any list or title):
    提请…审议并颁布实施《…》等 → 颁布实施."""
    end = HEAD_END.search(phrase)
    head = phrase[: end.start()] if end else phrase
    found = trimmer().last_action_reversed.search(head[::-1])
    return found[0][::-1] if found else ""


HEAD_END = compiled.pattern(r"[、《“]")


def without_examples(phrase: str) -> str:
    """选树道德模范等先进典型 → 选树先进典型: examples before 等 are not the indicator — unless
    they are a short list of kinds (新增医养结合、康复护理等机构), which says what is counted."""
    if "等" not in phrase[1:-1]:
        return phrase
    action = leading_action(phrase) or ("争取" if phrase.startswith("争取") else "")
    examples = phrase[len(action) : phrase.rindex("等")]
    if "、" in examples and len(examples) <= 10 and not NAME_MARKS.search(examples):
        return phrase
    rest = trimmer().lead.sub("", phrase[phrase.rindex("等") + 1 :])  # 等各类…: 各类 goes too
    return action + rest if rest else phrase


NAME_MARKS = compiled.pattern(
    r"[《“”〈]|至|到|[省市县区镇乡村路桥港湖河山]、|[省市县区镇乡村路桥港湖河山]$"
)


def without_means(phrase: str) -> str:
    """利用城乡场地新改建体育场地 → 新改建体育场地: the means before the action is not measured;
    nor the manner (清单化项目化改造燃气管网 → 改造燃气管网)."""
    manner = MANNER.match(phrase)
    if manner is not None and leading_action(phrase[manner.end() :]):
        return phrase[manner.end() :]
    if not phrase.startswith(MEANS):
        return phrase
    found = trimmer().last_action_reversed.search(phrase[::-1])
    if found is None or found.end() >= len(phrase) - len(MEANS[0]):
        return phrase  # no action after the means word itself
    if found[0][::-1] in CONSEQUENCES:
        return phrase  # 依托龙头企业带动农户: who brings along is part of what is counted
    return phrase[len(phrase) - found.end() :]


MEANS = ("利用", "依托", "通过", "借助", "运用")
MANNER = compiled.pattern(r"(?:[\u4e00-\u9fff]{2,3}化)+")  # 清单化项目化, 市场化
# Verbs of a result brought about by something named before them: 担保贷款…带动就业
CONSEQUENCES = ("带动", "拉动", "惠及", "撬动")


def rank_subject(phrase: str) -> str:
    """牛存栏居全省 → 牛存栏: what is ranked, without the rank words and the field ranked in."""
    for word in vocabulary().measure.rank_prefix:
        index = phrase.rfind(word)
        if index != -1:
            return phrase[:index]
    return RANK_FIELD.sub("", phrase)  # 成效考核全国(第一): the field ranked in


RANK_FIELD = compiled.pattern(rf"(?<=..)(?:{RANK_FIELDS})$")


def split_subject(subject: str, count: int) -> list[str] | None:
    """A subject shared by ``count`` numbers, one per number, or None when it does not split.

    城乡居民人均可支配收入, 2 → 城镇…/农村…; 牛、羊、猪、禽饲养量, 4 → 牛饲养量 … 禽饲养量.
    """
    gap = GAP_TAIL.search(subject)
    if gap is not None and gap.start() > 0:
        # 园区规模工业增加值、税收增速分别高于全省: each item's growth is above the province's
        parts = split_subject(subject[: gap.start()], count)
        tail = gap[0].replace("分别", "")
        return None if parts is None else [part + tail for part in parts]
    pair = JOINED_PAIR.fullmatch(INNER_FRAMING.sub("", subject)) if count == 2 else None
    if pair is not None:
        return _split_pair(pair[1], pair[2])
    for whole, *parts in trimmer().words.split:
        if whole in subject and len(parts) == count:
            return [subject.replace(whole, part, 1) for part in parts]
    items = INNER_FRAMING.sub("", subject).split("、")  # 交通、水利分别完成投资 → 水利投资
    if len(items) == count and count > 1:
        core = len(items[0])
        last = items[-1]
        parallel = trimmer().words.parallel_qualifiers
        if items[0] in parallel and last.startswith(parallel) and len(last) > core:
            head = last[len(next(q for q in parallel if last.startswith(q))) :]
        else:
            head = trailing_attribute(last)  # 水土流失、荒漠化、沙化土地面积; 基础设施、制造业投资
        if not head and core <= 2 and all(len(item) == core for item in items[:-1]):
            head = last[core:]  # 牛、羊、猪、禽饲养量
        if head and any(
            item.endswith(WHOLE_ENDS) or trailing_attribute(item) for item in items[:-1]
        ):
            head = ""  # 接待游客人次、经营收入: the first item is whole already
        if not head:
            # 5G基站、标准机架; 重庆经通道货运量、货运值 (the first item's owner is shared)
            return [items[0]] + [_sibling(items[0], item) for item in items[1:]]
        return [item + head for item in items[:-1]] + [last]
    return None


def _split_pair(left: str, right: str) -> list[str] | None:
    """粮食和油料产量 → 粮食产量, 油料产量; 居民医保和基本公共卫生服务经费人均财政补助标准 →
    居民医保人均财政补助标准, …: the left noun takes the right one's attribute when it has none."""
    if trailing_attribute(left) or left.endswith(WHOLE_ENDS):
        return [left, right]  # 规模以上工业增加值和固定资产投资: two whole indicators
    parallel = trimmer().words.parallel_qualifiers
    qualifier = next((q for q in parallel if right.startswith(q)), "")
    if left in parallel and qualifier:
        head = right[len(qualifier) :]  # 城镇和农村常住居民人均可支配收入
    else:
        head = trailing_attribute(right)
        if not head and "人均" in right:
            head = right[right.index("人均") :]
    if not head or len(right) <= len(head):
        return None  # 中小学和幼儿园教师: where the shared noun starts is not known
    if right[: -len(head)].endswith("业") and not left.endswith("业"):
        return None  # 软件和信息技术服务业收入: one industry's name, as statistics write it
    return [left + head, right]


# Two nouns joined before one number each: A和B…分别 (no 、 inside either)
JOINED_PAIR = compiled.pattern(r"([^、和与及]{2,})(?:和|与|及)([^、和与及]{2,})")


def _sibling(first: str, item: str) -> str:
    """The item named the way the first one is: 诉求解决率、满意率 → 诉求满意率."""
    merged = merge_with(first, item)
    if merged:
        return merged
    if 2 <= len(item) <= 4 and first.endswith(item[-1]) and len(first) > 2 * len(item):
        return first[: -len(item)] + item
    return item


INNER_FRAMING = compiled.pattern(r"分别|完成|实现|达到")
GAP_TAIL = compiled.pattern(r"(?:增速|增幅)?(?:分别)?(?:高于|低于|快于|慢于)[^、，,]{1,8}$")
COUNT_NOUNS = ("人次", "人数", "户数", "数量", "总量", "收入", "产值", "投资", "增加值")
# What closes a whole indicator: 事故起数, 货运量, 交易额, 覆盖率
WHOLE_ENDS = (*COUNT_NOUNS, "数", "量", "额", "率", "值")
# Amounts of money or output: what a list's action verb does not reach (接待游客…、旅游收入…)
VALUE_NOUNS = ("收入", "营收", "产值", "利润", "税收", "增加值", "总额", "销售额", "交易额")


def merge_with(previous: str, phrase: str) -> str | None:
    """A phrase that continues the subject before it, overlapping its end.

    投入强度 after 研发经费投入 → 研发经费投入强度.
    """
    for overlap in range(min(len(phrase), len(previous) - 1), 1, -1):
        if previous.endswith(phrase[:overlap]) and overlap < len(phrase):
            return previous[: len(previous) - overlap] + phrase
    return None


def second_count(indicator: str, unit_word: str) -> str:
    """改造老旧小区193个1.27万户: the second number counts households → 改造老旧小区户数."""
    for unit, suffix in trimmer().words.second_count_suffix:
        if unit_word == unit:
            return indicator + suffix
    return indicator
