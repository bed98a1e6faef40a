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
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from luoshi import compiled
from luoshi.extraction import indicator as ind
from luoshi.extraction.breaks import CLAUSE_BREAKS, SENTENCE_BREAKS, first_break, rfind_any
from luoshi.extraction.context import Mode, Timeline, timeline
from luoshi.extraction.draft import Draft
from luoshi.extraction.figure import Comparator, Figure, Measure
from luoshi.extraction.periods import (
    Years,
    designated_units,
    from_period,
    kind_and_period,
    people_stock,
)
from luoshi.extraction.qualifiers import (
    PERCENT_UNITS,
    change_word,
    comparator_of,
    measure_of,
    rate_pattern,
    without_scoping,
)
from luoshi.extraction.scanner import COMMITMENT, REACHING, Candidate, scan
from luoshi.extraction.structure import entry_goal_period
from luoshi.extraction.vocabulary import Vocabulary, alternation, vocabulary
from luoshi.reading.document import Document

# The longest stretch read as one sentence. Reports' sentences are shorter (the corpus's longest
# is 447 characters); a text with no sentence break for longer (a page dumped on one line, a
# generated list) is read in windows of this size, so that every figure looks back a bounded
# way and extraction stays linear in the length of any input.
MAX_SENTENCE = 1000

PAIR_BOUND = compiled.pattern(r"(?:近|约|超过|逾|不低于|不超过)$")
PAIR_TO = compiled.pattern(
    r"(?:增加|提高|增长|减少|下降|降低|提升|上升|扩大|缩小|压缩|缩短|压减|降|减|升|增)?(?:到|至)"
)


def extract(document: Document) -> list[Figure]:
    """Every figure of ``document`` in text order."""
    text = document.text
    line = Years(timeline(document), text)
    vocab = vocabulary()
    drafts: list[Draft] = []
    sentence: list[Draft] = []
    sentence_start = -1
    topic = ""
    for candidate in scan(text, vocab):
        mode = line.timeline.mode_at(candidate.start)
        if mode in SILENT or _scope_count(text, candidate, vocab):
            continue
        if mode in PLANS and _standing_class(text, candidate, vocab):
            continue
        start = _sentence_start(text, candidate.start)
        after_speech = bool(line.timeline.closings) and line.timeline.after_speech(candidate.start)
        if after_speech and not _closing_figure(text, candidate, start, line.timeline, mode, vocab):
            continue
        if start != sentence_start:
            sentence, sentence_start = [], start
            topic = _topic(text, start)
        draft = _read(text, candidate, sentence, sentence_start, line, mode, vocab)
        if topic and topic[-1] not in draft.indicator:  # (铁路，…6条高铁: 高铁 names it already)
            action = ind.leading_action(draft.indicator)
            draft.indicator = action + topic + draft.indicator[len(action) :]
            draft.adjusted += "; list:topic"
        sentence.append(draft)
        drafts.append(draft)
    for draft in drafts:
        commitment = COMMITMENT_AFTER.match(text, draft.candidate.tail_end)
        if commitment is not None and not draft.candidate.rank:
            # 办好“十件民生实事”, 12类55件民生实事保质保量完成: the commitment as the text names
            # it, whatever verb or list the count stands in
            draft.indicator = commitment["commitment"]
            draft.adjusted += "; named:commitment"
    sections = _Sections(document)
    return [_figure(text, draft, sections.at(draft.candidate.start), vocab) for draft in drafts]


SILENT = (Mode.PREAMBLE, Mode.TITLE)  # page furniture, the speech header, appendix titles


def _closing_figure(
    text: str, c: Candidate, sentence_start: int, tl: Timeline, mode: Mode, vocab: Vocabulary
) -> bool:
    """Whether a number after the speech is a figure: in a glossary, where its entry states a
    goal; in an appendix, unless it stands in a cell naming who answers for a task."""
    line_start = text.rfind("\n", 0, c.start) + 1
    if mode is Mode.GLOSSARY:
        return (
            entry_goal_period(text, line_start, sentence_start, c.start, tl.plan_year) is not None
        )
    return not any(label in text[line_start : c.start] for label in vocab.structure.unit_labels)


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence around ``offset`` starts, or its window of ``MAX_SENTENCE`` does."""
    start = rfind_any(text, SENTENCE_BREAKS, offset) + 1
    return offset - (offset - start) % MAX_SENTENCE


def _topic(text: str, sentence_start: int) -> str:
    """The topic a sentence opens with, alone before its first comma, that its figures are
    about: 高速公路，开工…等2个项目，建成…等15个项目 → 开工高速公路项目, 建成高速公路项目."""
    end = first_break(text, sentence_start, min(len(text), sentence_start + 10))
    if text[end : end + 1] not in ("，", ","):
        return ""
    topic = text[sentence_start:end].strip(" \t\u3000")
    if not TOPIC.fullmatch(topic) or NOT_A_TOPIC.match(topic) or ind.last_action(topic):
        return ""
    return "" if ind.trim(topic) != topic else topic


# A sector named alone before a list of its works: 高速公路, 铁路, 内河航道, 机场, 水利, 能源
TOPIC = compiled.pattern(r"[\u4e00-\u9fff]{1,3}(?:[路道港场运网线桥站铁航]|水利|能源|电力|通信)")
# Openers that are not what the figures are about: links, times, the speech's own outline
NOT_A_TOPIC = compiled.pattern(
    r"同时|此外|另外|为此|其中|目前|当前|今年|全年|明年|近年|一方面|另一方面|特别是|尤其是"
    r"|总的看|总体看|.*(?:方面|领域|以来|期间|之际|时期|年|后|中|上|下)$"
    # a verb and its object (扩大开放, 优化服务), not a noun
    r"|加强|优化|健全|完善|扩大|深化|推进|推动|提升|提高|促进|强化|发展|改革|坚持|聚焦|实践"
    r"|抓好|做好|办好|守住|合理|不断|全面|持续|大力|积极|着力|坚决|统筹|围绕|立足|突出|狠抓"
)


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


def _read(
    text: str,
    c: Candidate,
    sentence: list[Draft],
    sentence_start: int,
    line: Years,
    mode: Mode,
    vocab: Vocabulary,
) -> Draft:
    clause_start = rfind_any(text, CLAUSE_BREAKS, c.start, sentence_start) + 1
    previous = sentence[-1] if sentence else None
    same_clause = previous is not None and previous.comparator_end > clause_start
    left_start = previous.comparator_end if previous is not None and same_clause else clause_start
    rank_cut = c.start - 1 if c.rank else c.start  # 居全省第5位: read before 第
    raw = text[left_start:rank_cut]
    listed = same_clause and LIST_JOINER.match(raw) is not None
    if listed:
        raw = LIST_JOINER.sub("", raw)  # 7.5%和8.5%: the joiner belongs to the list
    comparator, comparator_end = comparator_of(text, c, raw, vocab)
    if c.rule == "magnitude":  # 迈上万亿新台阶, 破亿: reached, and the verb is not measured
        raw, comparator = REACHED.sub("", raw), ">="
    measure = measure_of(c, raw, vocab)
    if c.unit_word in PERCENT_UNITS and GROWTH_AFTER.match(text, c.tail_end):
        measure = "rate"
    noun, noun_end = (
        ("", c.tail_end)
        if c.rank
        or c.unit_word in PERCENT_UNITS
        or c.rule == "fraction"
        or (c.rule == "magnitude" and not c.unit_word)
        else ind.right_noun(text, c.tail_end)
    )
    subject, indicator_text, pair_role, joined, indicator_rule = _indicator(
        text, c, raw, noun, previous, same_clause, listed, sentence_start
    )
    if not c.rank and _unnamed(indicator_text):
        programme = _programme_before(text, c.start, sentence_start)
        if programme is not None:
            subject, indicator_text, pair_role, joined, indicator_rule = programme(indicator_text)
    if c.rank and EACH_RANKED.match(raw.lstrip("，,、 ")):
        ranked = _ranked_together(text, sentence, c)
        if ranked is not None:
            subject, indicator_text, pair_role, joined, indicator_rule = ranked
    change = change_word(c, raw) if measure == "level" else ""
    if change and not indicator_text.endswith(change):
        indicator_text += change
    draft = Draft(
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
        draft.change = previous.change if measure == "level" else ""
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
    _share_unit_back(text, sentence, c, draft.measure, draft.comparator)
    if joined and "分别" in text[draft.group[0].quote_start : draft.group[0].candidate.start]:
        _respectively(sentence, draft.group)
    if c.rank and previous is not None and previous.measure == "rate" and not ind.trim(raw):
        draft.indicator = draft.subject = previous.indicator + "增速"
    draft.kind, draft.period, period_rule = kind_and_period(
        text, c, raw, draft, previous, sentence_start, line, mode
    )
    if period_rule in ("designated-set", "present-stock"):
        draft.subject, draft.indicator, _, _, indicator_rule = _stock(text, c, period_rule)
    draft.rule = f"{c.rule}; indicator:{indicator_rule}; period:{period_rule}"
    if draft.pair_role == "to" and previous is not None:
        for item in previous.group:
            if item.pair_role == "":
                item.pair_role = "from"
                item.period = from_period(text, item, line)
                item.rule = item.rule.rsplit("period:", 1)[0] + "period:pair-start"
        qualifier = FROM_QUALIFIER.search(draft.indicator)
        if qualifier is not None:
            # 起征点从月销售额3万元提高到15万元: what qualifies both numbers is not the indicator
            for item in (*previous.group, draft):
                item.indicator = item.indicator.removesuffix(qualifier[0])
            draft.subject = draft.indicator
    return draft


OF_WHICH_COLON = ("其中：", "其中:")
FROM_QUALIFIER = compiled.pattern(r"(?<=..)从[^从，,、]{1,6}$")


def _indicator(
    text: str,
    c: Candidate,
    raw: str,
    noun: str,
    previous: Draft | None,
    same_clause: bool,
    listed: bool,
    sentence_start: int,
) -> tuple[str, str, str, bool, str]:
    """(subject, indicator, pair role, joined to the previous figure's list, rule id)."""
    pair_raw = raw  # 从第9名提升至第2名: the pair is read before the rank words are cut
    if c.rank:
        raw = ind.rank_subject(raw)
    trimmed = ind.trim(raw)
    if c.rank and previous is not None and same_clause:
        run = text.rfind("连续", previous.quote_start, previous.candidate.start)
        if run != -1 and ind.trim(text[previous.quote_start : run]):
            # 指数连续4年全国第一: what ranks first is what the run of years is about
            phrase = ind.trim(text[previous.quote_start : run])
            return phrase, phrase, "", False, "rank-after-run"
        if listed and (ind.is_attribute(trimmed) or trimmed in RANKED_ATTRIBUTES):
            # 地区生产总值达…、增长5.8%、增量全国第一 → 地区生产总值增量
            return previous.subject + trimmed, previous.subject + trimmed, "", False, "rank-of-item"
    unit = vocabulary().units.get(c.unit_word)
    counter = (unit is not None and unit.counter) or bool(c.magnitude and not c.unit_word)
    percent = (c.unit_word in PERCENT_UNITS or c.rule == "fraction") and not GROWTH_AFTER.match(
        text, c.tail_end
    )
    after = SUFFIX_BEFORE_OF.match(text, c.tail_end) if percent else None
    if after is not None:
        # 80％的中小学纳入教联体, 40%左右的税收, 八成左右的财政支出用于民生领域
        owner = ind.right_phrase(text, after.end())
        if owner and not owner.endswith(("水平", "区间")) and not rate_pattern().search(raw):
            return owner, owner, "", False, "share-of-following"
    if percent:
        verb_at = SUFFIX_BEFORE_VERB.match(text, c.tail_end)
        end = verb_at.end() if verb_at else c.tail_end
        if trimmed and ind.opens_with_doing(text[end : end + 6]):
            # 为随迁子女100%提供公办学位: the share of the owner that gets what the verb says
            owner = trimmed[1:] if trimmed.startswith(PREPOSITIONS) else trimmed
            phrase = owner + ind.right_phrase(text, end)
            return phrase, phrase, "", False, "share-doing"
        following = ind.right_phrase(text, end) if not trimmed and not same_clause else ""
        if following:
            # ，50%以上村卫生室实现一体化管理: the share of what follows, with what it does
            return following, following, "", False, "share-of-following"
    of_what = SUFFIX_BEFORE_OF.match(text, c.tail_end) if not percent else None
    attribute = ind.trailing_attribute(trimmed) if of_what is not None else ""
    if attribute and len(attribute) >= 2:
        owner = ind.right_noun(text, of_what.end())[0] if of_what is not None else ""
        if owner:  # 设立总规模500亿元的省战略性新兴产业母基金 → 省战略性新兴产业母基金总规模
            return owner + attribute, owner + attribute, "", False, "attribute-of-following"
    action = ind.leading_action(trimmed)
    if noun and c.unit_word in ("年", "次"):
        phrase = trimmed.removeprefix("第") + noun  # 连续11年实现治理目标, 第5次荣获…
        return phrase, phrase, "", False, "counted-years"
    if previous is not None and same_clause:
        between = ind.YEAR.sub("", pair_raw.strip("、和及与 \u3000").replace("分别", ""))
        between = PAIR_BOUND.sub("", between)  # 从4500多公里增加到近1万公里
        if between and PAIR_TO.fullmatch(between):
            return previous.subject, previous.subject, "to", False, "pair-end"
        if not trimmed:
            if noun and counter:
                shared = ind.leading_action(previous.indicator) or ind.last_action(
                    previous.indicator
                )
                phrase = shared + noun
                return phrase, phrase, "", False, "list-counter-noun"
            if raw.lstrip("，,、 ").startswith(TOTALS):
                # 新入选国家5G工厂113家、累计210家: the total is of the things, not the additions
                stock = _stock_of(previous.subject)
                return stock, stock, "", False, "listed-total"
            return previous.subject, previous.subject, "", True, "list-item"
    if noun and counter and raw.rstrip().endswith("推进") and not trimmed.endswith("推进"):
        trimmed += (
            "推进"  # 滚动推进163个项目: the projects pushed on, 推进 kept before a counted noun
        )
        action = action or (trimmed if trimmed == "推进" else "")
    light = trimmed.endswith(LIGHT_VERBS) or trimmed.startswith(PREPOSITIONS)
    closing = ind.last_action(trimmed)
    closes_with_action = bool(closing) and trimmed.endswith(closing)
    examples = trimmed.endswith("等")  # …等14486亿元金融改革成本: the noun after is what is counted
    # …等抽水蓄能电站和300万千瓦风电项目建设: a list item of its own, measured by the noun after
    joined = raw.rstrip().endswith(("和", "及", "以及", "与"))
    if noun and (
        counter
        or not trimmed
        or action == trimmed
        or light
        or closes_with_action
        or examples
        or joined
    ):
        if not trimmed or action == trimmed:
            phrase = action + noun
        elif trimmed.endswith(ind.CONSEQUENCES) and len(trimmed) <= 16:
            # 长期护理保险制度试点惠及1.7万个家庭: who is reached, and by what; …，惠及2900多万家庭:
            # by what the clause before did
            alone = trimmed in ind.CONSEQUENCES and not same_clause
            owner = _cause_before(text, c, pair_raw, previous, sentence_start) if alone else ""
            phrase = owner + trimmed + noun
        elif trimmed.endswith("等") and action:
            phrase = action + noun  # 开工长深高速改扩建等2个项目: the verb before the examples
        elif "、" in trimmed or trimmed.endswith("等") or raw.endswith(("以及", "和", "及", "、")):
            phrase = closing + noun  # a list before the number: only its verb is shared
        elif light and trimmed.startswith("每"):
            # 每个乡镇至少办好1所优质初中: a quota per unit keeps the unit and its verb
            phrase = without_scoping(trimmed) + noun
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
        owner = (
            _clause_before_object(text, _clause_start(c, pair_raw), sentence_start)
            if not trimmed and noun.endswith(BENEFITS)
            else ""
        )
        if owner:  # 发放价格补贴，约6700万人受益: who benefits, from what the clause before gave
            return owner + phrase, owner + phrase, "", False, "benefit-of-clause-before"
        return phrase, phrase, "", False, "counter-noun"
    if not trimmed:
        if previous is None:
            if c.unit_word in PERCENT_UNITS and rate_pattern().search(raw):
                # 全年增长4.8%: growth with no subject at all is the economy's, the GDP
                return "生产总值", "生产总值", "", False, "implied-gdp"
            return "", "", "", False, "none"
        if raw.lstrip("，,、 ").startswith(TOTALS):
            # 新增…集群4个，累计14个: the total is of the things, not of the year's additions
            stock = _stock_of(previous.subject)
            return stock, stock, "", False, "inherited-total"
        return previous.subject, previous.subject, "", False, "inherited"
    if previous is not None:
        gap_text = trimmed.removeprefix("增速")
        if gap_text.startswith(vocabulary().comparator.gap_prefix) or COMPARED.match(gap_text):
            phrase = previous.subject + ("增速" if previous.measure == "rate" else "") + gap_text
            return previous.subject, phrase, "", False, "gap"
        consequence = raw.lstrip("、，, ").startswith(ind.CONSEQUENCES)
        if listed and consequence:
            # 担保贷款15亿元、带动就业3.1万人 → 担保贷款带动就业
            phrase = previous.subject + raw.lstrip("、，, ")[:2] + trimmed.removeprefix(raw[:2])
            return phrase, phrase, "", False, "consequence"
        if (
            consequence
            and not same_clause
            and trimmed.startswith(ind.CONSEQUENCES)
            and previous.measure == "level"
            and c.unit_word not in PERCENT_UNITS
            and _clause_before_holds(text, c, pair_raw, previous.candidate)
        ):
            # 汽车、家电以旧换新分别达…，拉动消费超500亿元 → 以旧换新拉动消费
            owner = _shared_owner(previous)
            if owner:
                return owner + trimmed, owner + trimmed, "", False, "consequence-of-previous"
        if raw.lstrip("，,、 ").startswith("其中") or text.endswith(
            OF_WHICH_COLON, 0, _clause_start(c, pair_raw)
        ):
            # 其中：高校毕业生20万人 — the breakdown's colon opens a clause of its own
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
        per = PER_UNIT.match(previous.subject)
        if listed and per and not trimmed.startswith(("单位", "万元", "每")):
            # 单位国内生产总值能耗下降8.1%、二氧化碳排放下降14.1%: per unit of GDP, both
            return per[0] + trimmed, per[0] + trimmed, "", False, "per-unit-of-previous"
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
        if listed and action and action == trimmed:
            # the same things at another step: 老旧小区改造开工742个、完工548个 → 老旧小区改造完工;
            # 新开工项目120个、竣工80个 → 竣工项目
            done_before = ind.last_action(previous.indicator)
            if done_before and previous.indicator.endswith(done_before):
                phrase = previous.indicator[: -len(done_before)] + trimmed
                return phrase, phrase, "", False, "next-step"
            if previous_action:
                phrase = trimmed + previous.indicator[len(previous_action) :]
                return phrase, phrase, "", False, "next-step"
        if listed and previous_action and not action and not trimmed.endswith(ind.VALUE_NOUNS):
            # 新建学校5所、医院3家 → 新建医院 (but 接待游客…、旅游收入…: an income is not received)
            return previous_action + trimmed, previous_action + trimmed, "", False, "shared-action"
    if (
        trimmed.startswith(ind.CONSEQUENCES)
        and not same_clause
        and c.unit_word not in PERCENT_UNITS
        and (previous is None or not _clause_before_holds(text, c, pair_raw, previous.candidate))
    ):
        # 大力实施消费品以旧换新，带动家电销售735.4万件: what the clause before did brought it
        owner = _clause_before_object(text, _clause_start(c, pair_raw), sentence_start)
        if owner:
            return owner + trimmed, owner + trimmed, "", False, "consequence-of-clause-before"
    if ind.is_generic(trimmed) or ind.is_generic(ind.strip_trailing(raw.strip("、，, "))):
        return _generic(text, c, raw, previous, sentence_start)
    phrase = ind.without_means(ind.without_examples(trimmed))
    return phrase, phrase, "", False, "clause-before"


# A clause that launches or completes a programme, the programme's name closing it:
# 率先出台制造业设备更新贷款贴息政策，支持项目684个 → 制造业设备更新贷款贴息政策支持项目
PROGRAMME_CLAUSE = compiled.pattern(
    r"(?:出台|完成|实施|充实|落实|设立)(?P<programme>[^，,；;。：:]{2,24}?"
    r"(?:政策|行动计划|三年行动|基金))$"
)
HORIZON = compiled.pattern(r"[一二三四五六七八九十]年(?:行动计划|行动)$")  # the programme's term


def _unnamed(indicator: str) -> bool:
    """An indicator that names nothing alone: 项目, 支持项目, 诊断企业, 储备规模, 培训."""
    return 0 < len(indicator) <= 4 and (
        indicator.endswith(("项目", "企业"))
        or bool(ind.trailing_attribute(indicator))
        or ind.leading_action(indicator) == indicator
    )


def _programme_before(
    text: str, offset: int, sentence_start: int
) -> Callable[[str], tuple[str, str, str, bool, str]] | None:
    """The programme that the clause before this figure's clause launched or completed."""
    clause_end = rfind_any(text, CLAUSE_BREAKS, offset, sentence_start)
    if clause_end <= sentence_start or text[clause_end] not in "，,":
        return None
    clause_start = rfind_any(text, CLAUSE_BREAKS, clause_end, sentence_start) + 1
    found = PROGRAMME_CLAUSE.search(text, clause_start, clause_end)
    if found is None:
        return None
    programme = HORIZON.sub("", found["programme"])

    def named(indicator: str) -> tuple[str, str, str, bool, str]:
        phrase = programme + indicator
        return phrase, phrase, "", False, "programme-before"

    return named


TOTALS = ("累计", "总计", "共计")
ADDED = compiled.pattern(r"^(?:新入选|新获批|新认定|入选|获批)|新增$")  # 企业新增711家


def _stock_of(flow: str) -> str:
    """What a flow adds to: 新增国家先进制造业集群 → 国家先进制造业集群, 新入选国家5G工厂 →
    国家5G工厂."""
    return ADDED.sub("", flow[len(ind.leading_action(flow)) :])


EACH_RANKED = compiled.pattern(r"均(?:位居|位列|居|列|排)")


def _ranked_together(
    text: str, sentence: list[Draft], c: Candidate
) -> tuple[str, str, str, bool, str] | None:
    """…新增711家、累计达2215家、均居全国第一: one rank of everything counted before it (since the
    last rank or ；), its indicator the list of theirs (Wuwei review rule 8)."""
    listed: list[Draft] = []
    for draft in reversed(sentence):
        if draft.measure == "rank" or "；" in text[draft.candidate.end : c.start]:
            break
        listed.insert(0, draft)
    names = [d.indicator for d in listed]
    if len(listed) < 2 or not all(names) or any(d.measure != "level" for d in listed):
        return None  # (…外送电量3150亿度、占全国16%，均居全国第1位: not a list of counts)
    phrase = "、".join(dict.fromkeys(names))
    return phrase, phrase, "", False, "ranked-together"


def _stock(text: str, c: Candidate, period_rule: str) -> tuple[str, str, str, bool, str]:
    """A stock the plan starts from is named by what is counted, not by the task's work:
    加快完善6个国家级经开区“管委会＋公司”运营模式 → 国家级经开区; 两百多万高校师生 → 高校师生."""
    if period_rule == "designated-set":
        units = designated_units(text, c)
        return units, units, "", False, "designated-units"
    people = people_stock(text, c)
    return people, people, "", False, "people-counted"


def _clause_before_object(text: str, clause_start: int, sentence_start: int) -> str:
    """What the clause before gives or raises, without its verb: 发放价格补贴 → 价格补贴."""
    if clause_start - 1 <= sentence_start:
        return ""
    start = rfind_any(text, CLAUSE_BREAKS, clause_start - 1, sentence_start) + 1
    phrase = ind.trim(text[start : clause_start - 1])
    if DIGIT.search(phrase):
        return ""  # a figure stands there: what it is about is read from the figure
    action = ind.last_action(phrase)  # 向低收入群众发放价格补贴 → 价格补贴
    phrase = phrase[phrase.rindex(action) + len(action) :] if action else phrase
    return CHANGE_LEAD.sub("", phrase) if len(phrase) <= 16 else ""


# Intensities: per unit of output (单位国内生产总值能耗, 万元GDP能耗), shared by a list's items
PER_UNIT = compiled.pattern(
    r"(?:单位(?:国内|地区)?生产总值|单位GDP|单位工业增加值|万元(?:国内|地区)?生产总值|万元GDP)"
)
REACHED = compiled.pattern(rf"(?:再次|首次|成功|一举)?(?:{REACHING})$")
RANKED_ATTRIBUTES = ("增速", "增幅", "增量", "总数", "总量", "数量", "规模")
DIGIT = compiled.pattern(r"[0-9０-９]")
BENEFITS = ("受益", "受惠", "参与", "参加")
CHANGE_LEAD = compiled.pattern(r"^(?:提高|提升|增加|扩大|加大|落实|用好)")


def _common_ending(phrases: list[str]) -> str:
    """The longest ending all ``phrases`` share: 汽车以旧换新, 家电以旧换新 → 以旧换新."""
    shortest = min(phrases, key=len)
    size = len(shortest)
    while size and not all(p.endswith(shortest[len(shortest) - size :]) for p in phrases):
        size -= 1
    return shortest[len(shortest) - size :]


def _clause_start(c: Candidate, raw: str) -> int:
    """Where the clause read before ``c`` starts (``raw`` runs from there to the number)."""
    return (c.start - 1 if c.rank else c.start) - len(raw)


def _cause_before(
    text: str, c: Candidate, raw: str, previous: Draft | None, sentence_start: int
) -> str:
    """What brought about a figure whose clause opens with its verb (…，惠及2900多万家庭): the
    figure in the clause before (改造老旧小区16.7万个), or else that clause's object."""
    if previous is not None and _clause_before_holds(text, c, raw, previous.candidate):
        return _shared_owner(previous)
    return _clause_before_object(text, _clause_start(c, raw), sentence_start)


def _clause_before_holds(text: str, c: Candidate, raw: str, other: Candidate) -> bool:
    """Whether ``other`` stands in the clause right before the one ``raw`` opens."""
    return rfind_any(text, CLAUSE_BREAKS, _clause_start(c, raw) - 1) < other.start


def _shared_owner(previous: Draft) -> str:
    """What the figure (or list) before brought about, without its action verb or list items:
    汽车以旧换新 and 家电以旧换新 → 以旧换新; 新建标准化厂房 → 标准化厂房; "" where the
    figure before is a result, not a cause (城镇新增就业)."""
    indicators = [d.indicator.removesuffix(d.change) for d in previous.group]
    if len(indicators) > 1:
        common = _common_ending(indicators)
        if len(common) >= 2:
            return common
    action = ind.leading_action(previous.subject)
    if action or PROGRAMME.search(previous.subject):
        return previous.subject[len(action) :]
    return ""


PROGRAMME = compiled.pattern(r"(?:项目|行动|工程|计划|改革|建设|基地)")


def _component(first: Candidate, second: Candidate) -> bool:
    """A count listed after an amount of area or length is a part of the same object."""
    units = vocabulary().units
    a, b = units.get(first.unit_word), units.get(second.unit_word)
    return a is not None and not a.counter and b is not None and b.counter


def _generic(
    text: str, c: Candidate, raw: str, previous: Draft | None, sentence_start: int
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
            clause_end = rfind_any(text, CLAUSE_BREAKS, end, sentence_start)
            clause_start = rfind_any(text, CLAUSE_BREAKS, clause_end, sentence_start) + 1
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


SUFFIX_BEFORE_OF = compiled.pattern(r"(?:左右|以上|以下)?的")
SUFFIX_BEFORE_VERB = compiled.pattern(r"(?:左右|以上|以下)")
# 保持40%以上增长, 20%以上的增长: a growth rate written before its noun
GROWTH_AFTER = compiled.pattern(r"(?:左右|以上|以下)?的?(?:增长|增速|增幅|下降|降幅)")
# Verbs that only carry the number to its noun; the indicator is the noun alone.
LIGHT_VERBS = (
    "发挥", "使用", "用好", "守住", "守牢", "办好", "抓好", "做好", "实施好", "覆盖",
    "保持", "统筹", "盘活", "安排", "下达", "拨付", "投入",
)  # fmt: skip
PREPOSITIONS = ("对", "为", "在", "把", "给", "向", "从", "让")
QUALIFIERS = frozenset(
    ("农村", "城市", "城镇", "乡村", "县域", "城区", "中心城区", "省级", "市级", "县级", "国家级")
)
COMPARED = compiled.pattern(
    r"比[^，,；;]{1,10}(?:高|低|快|慢|多|少)$"
)  # 增速比城镇居民高2.4个百分点
LIST_JOINER = compiled.pattern(r"^(?:、|和|及|与|以及|并)+")


def _split_group(group: list[Draft]) -> None:
    parts = ind.split_subject(group[0].subject, len(group))
    if parts:
        for draft, part in zip(group, parts, strict=True):
            draft.indicator = part + draft.change
            draft.adjusted = "; list:split-subject"


def _is_count_pair(text: str, first: Candidate, second: Candidate) -> bool:
    between = text[first.tail_end : second.start]
    if between == "":
        return True
    return (
        between == "、"
        and first.unit_word != second.unit_word
        and second.unit_word in PEOPLE_COUNTS
    )


PEOPLE_COUNTS = frozenset(("户", "人", "名", "人次"))


def _count_pair(text: str, first: Draft, second: Draft) -> None:
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


def _share_unit_back(
    text: str, sentence: list[Draft], last: Candidate, measure: Measure, comparator: Comparator
) -> None:
    """A list writes its unit once, at its end, and the items share what it measures — and the
    ceiling of a 控制在…以内 frame around the whole list.

    压缩至5个、2个工作日; 10.6万、3.8万、3.3万平方公里; 分别高于全省2.2个和3.7个百分点;
    重污染天数比例分别控制在5%和2%以内.
    """
    following = last
    for draft in reversed(sentence):
        first = draft.candidate
        if (
            text[first.tail_end : following.start] not in UNIT_LIST_JOINERS
            or first.rule == "magnitude"
        ):
            return
        if (
            comparator == "<="
            and draft.comparator == "="
            and "控制在" in text[draft.quote_start : first.start]
        ):
            draft.comparator = "<="
        if first.unit_word == last.unit_word and first.magnitude == last.magnitude:
            following = first  # the unit is written each time; the list goes on
            continue
        if first.unit_word and not (
            first.unit_word != last.unit_word and last.unit_word.startswith(first.unit_word)
        ):
            return
        if first.magnitude != last.magnitude and first.unit_word:
            return
        if first.unit_word != last.unit_word:
            draft.measure = measure
        first.unit = first.magnitude + last.unit_word
        first.unit_word = last.unit_word
        following = first


UNIT_LIST_JOINERS = ("、", "和", "及", "、第")  # 居全国第1、第2位


def _respectively(sentence: list[Draft], group: list[Draft]) -> None:
    """接待游客…、旅游综合收入…，分别增长36.5%、41.2%: 分别 pairs the numbers with the figures
    just before them, in order, when the subject is not written again."""
    first = group[0]
    grouped = {id(d) for d in group}  # by identity: a Draft's == compares every field
    if first.subject != (sentence[-1].subject if sentence else None) and not any(
        d is first for d in sentence
    ):
        return
    before = [d for d in sentence if id(d) not in grouped]
    if len(before) < len(group) or first.subject != before[-1].subject:
        return
    owners = before[-len(group) :]
    if len({o.subject for o in owners}) != len(owners):
        return
    for draft, owner in zip(group, owners, strict=True):
        draft.indicator = owner.indicator.removesuffix(owner.change) + draft.change
        draft.adjusted = "; list:respectively"


SHARE_OF_COUNTED = compiled.pattern(
    r"[^，,；;。、0-9]{1,12}?(?:比例|比重|占比|率)(?:达|为|达到|保持|提高|上升)"
)


def _scope_count(text: str, c: Candidate, vocab: Vocabulary) -> bool:
    """147个国考断面水质优良率达98.6%: the count only names whose share follows."""
    unit = vocab.units.get(c.unit_word)
    return (
        unit is not None
        and unit.counter
        and not c.magnitude
        and SHARE_OF_COUNTED.match(text, c.tail_end) is not None
    )


PLANS = (Mode.PLAN_YEAR, Mode.PLAN_TERM)
# A count of commitments (10件为民实事, 10大类55项民生实事, 十方面民生实事): the commitment is
# named right after it, maybe after the count of its items
COMMITMENT_AFTER = compiled.pattern(
    rf"(?:[0-9０-９一二两三四五六七八九十]+[件项])?“?(?P<commitment>(?:重点)?{COMMITMENT.pattern})"
)
CLASS_RUNS_ON = compiled.pattern(r"[\u4e00-\u9fff]{0,4}(?:试点|项目|攻关)")  # …产业链提质增效试点


def _standing_class(text: str, c: Candidate, vocab: Vocabulary) -> bool:
    """支持55个产粮大县提升粮食生产能力: the count of a standing class the task works on."""
    unit = vocab.units.get(c.unit_word)
    if unit is None or not unit.counter or c.magnitude or c.approx:
        return False
    found = _standing_pattern().match(text, c.tail_end)
    if found is None or CLASS_RUNS_ON.match(text, found.end()):
        return False
    clause = text[rfind_any(text, CLAUSE_BREAKS, c.start, max(0, c.start - 40)) + 1 : c.start]
    founding = (*vocab.indicator.actions, *vocab.not_figure.founding_verbs)
    return not any(verb in clause for verb in founding)


@lru_cache(maxsize=1)
def _standing_pattern() -> re.Pattern[str]:
    classes = alternation(vocabulary().not_figure.standing_classes)
    return compiled.pattern(rf"[^，,；;。、：:\n]{{0,8}}?(?:{classes})")


QUOTE_MARKER = compiled.pattern(
    r"(?:[0-9０-９]+[.．、](?![0-9０-９])|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、是])"
)

MARKER_OPENERS = frozenset("0123456789０１２３４５６７８９（(一二三四五六七八九十")


def _figure(text: str, draft: Draft, section: tuple[str, ...], vocab: Vocabulary) -> Figure:
    c = draft.candidate
    unit = vocab.units.get(c.unit_word)
    factor = vocab.magnitudes.get(c.magnitude, Decimal(1)) * (unit.factor if unit else Decimal(1))
    base_unit = unit.base if unit else ""
    # the sentence window bounds where the number starts; its unit may run past it
    quote_start = max(min(draft.quote_start, c.start), c.tail_end - MAX_SENTENCE)
    while quote_start < c.start and text[quote_start] in "、，,和及与 \u3000":
        quote_start += 1
    marker = (
        QUOTE_MARKER.match(text, quote_start, c.start)
        if text[quote_start : quote_start + 1] in MARKER_OPENERS
        else None
    )
    if marker is not None:
        quote_start = marker.end()  # 8.建设停车场13个: the list marker is not quoted
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
