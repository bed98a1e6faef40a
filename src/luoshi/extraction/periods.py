"""Kind and period of a figure: what the report's timeline, the sentence and the clause say."""

from __future__ import annotations

import re
from functools import lru_cache

from luoshi import compiled
from luoshi.extraction.breaks import CLAUSE_BREAKS, first_break, rfind_any
from luoshi.extraction.context import Mode, Timeline
from luoshi.extraction.draft import Draft
from luoshi.extraction.figure import Kind
from luoshi.extraction.numerals import parse_number, to_half_width
from luoshi.extraction.scanner import Candidate
from luoshi.extraction.structure import YEARS_TO_USE, entry_goal_period, years_to_use
from luoshi.extraction.vocabulary import alternation, vocabulary

SENTENCE_TIME = compiled.pattern(r"(?:到|至)?([0-9０-９]{4})年(?:底|末)?")
LAST_YEAR = compiled.pattern(r"(?<![比较])去年")
FRAME = compiled.pattern(r"由(\d{4})年[^。\n]*?(?:到|至)(\d{4})年")
SINCE = compiled.pattern(r"较(\d{4})年")
EXPLICIT_YEAR = compiled.pattern(
    r"(?<![较比])(到|至)?([0-9０-９]{4})年(?!以来|起|开始|之前|基础上)"
)
QUARTERS = (
    ("前三季度", "Q1-Q3"), ("前两个季度", "Q1-Q2"), ("上半年", "Q1-Q2"), ("下半年", "Q3-Q4"),
    ("一季度", "Q1"), ("二季度", "Q2"), ("三季度", "Q3"), ("四季度", "Q4"),
)  # fmt: skip
TERMS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
TERM_OPENERS = ("过去五年", "五年来", "这五年", "五年间")  # a sentence about the whole term
PLAN_TERM_OPENERS = ("今后五年", "未来五年")  # a sentence of the plan about the next five years
# 到“十四五”末, “十四五”期末, 十四五时期末: the last year of a five-year plan's term
TERM_END = compiled.pattern(r"(十[三四五]五)”?(?:时期|期)?末")
AVERAGE_RATE = ("年均", "平均", "净增", "累计")
# A programme of several years that a one-year review completes: its totals cover its years
PROGRAMME_TERM = compiled.pattern(r"([两二三四五])年(?:攻坚)?行动(?:计划|方案)?")


class Years:
    """The timeline plus per-paragraph frames (由2016年…到2020年), cached by paragraph start."""

    def __init__(self, tl: Timeline, text: str) -> None:
        self.timeline = tl
        self.text = text
        self._frames: dict[int, tuple[int, int] | None] = {}

    def frame(self, offset: int) -> tuple[int, int] | None:
        start = rfind_any(self.text, "\n", offset) + 1  # bisected: a long line costs no more
        if start not in self._frames:
            end = self.text.find("\n", offset)
            paragraph = self.text[start : end if end != -1 else len(self.text)]
            match = FRAME.search(paragraph)
            self._frames[start] = (int(match[1]), int(match[2])) if match else None
        return self._frames[start]


def kind_and_period(
    text: str,
    c: Candidate,
    raw: str,
    draft: Draft,
    previous: Draft | None,
    sentence_start: int,
    line: Years,
    mode: Mode,
) -> tuple[Kind, str, str]:
    tl = line.timeline
    before = text[sentence_start : c.start]
    if mode is Mode.GLOSSARY:
        entry_start = text.rfind("\n", 0, c.start) + 1
        period = entry_goal_period(text, entry_start, sentence_start, c.start, tl.plan_year)
        return "target", period or str(tl.plan_year), "glossary-goal"
    kind_words = vocabulary().kind
    estimated = _estimated(text, sentence_start, c.start, kind_words.estimate, mode in REVIEWS)
    explicit = _explicit_year(raw)
    looked = raw if mode not in REVIEWS else before
    if explicit is None and "去年" in looked and LAST_YEAR.search(looked):
        explicit = str(tl.review_year)
    if draft.pair_role != "to" and mode in REVIEWS:
        explicit = explicit or _explicit_year(before)
    elif explicit is None:
        # 到2027年，新能源装机规模达到1000万千瓦: a sentence opened by a time alone
        first_clause = text[sentence_start : first_break(text, sentence_start, c.start)]
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
        programme = PROGRAMME_TERM.search(before) if mode is Mode.REVIEW_YEAR else None
        if programme is not None and "累计" in before[programme.end() :]:
            # 如期完成…三年行动计划，累计诊断企业超6万家: the programme's years, ending this one
            years = int(parse_number(programme[1]))
            return kind, f"{tl.review_year - years + 1}-{tl.review_year}", "programme-term"
        if mode is Mode.REVIEW_YEAR and not text.startswith(TERM_OPENERS, sentence_start):
            return kind, str(tl.review_year), "review-year"
        return kind, _term_period(text, c, raw, draft, previous, line), "review-term"
    clause = text[rfind_any(text, CLAUSE_BREAKS, c.start, sentence_start) + 1 : c.start]
    if _existing_pattern().search(clause):
        return "actual", str(tl.plan_year - 1), "existing-stock"
    if c.unit_word == "个" and _designated_set(text, c, clause):
        return "actual", str(tl.plan_year - 1), "designated-set"
    if (
        c.approx
        and c.magnitude
        and not c.unit_word
        and not _acts_on(clause)
        and people_stock(text, c)
    ):
        return "actual", str(tl.plan_year - 1), "present-stock"
    # …，其中留抵退税约1.5万亿元: a breakdown is of the total's kind
    of_which = previous is not None and raw.lstrip("，,、：: ").startswith("其中")
    if estimated or (of_which and previous is not None and previous.kind == "estimate"):
        return "estimate", str(tl.plan_year), "estimate"
    # 用3年时间, 到“十四五”末: the span the sentence states (and 今后五年，… below)
    to_use = YEARS_TO_USE.search(before) if "用" in before else None
    if to_use is not None:
        return "target", years_to_use(to_use, tl.plan_year), "years-to-use"
    term_end = TERM_END.search(before) if "末" in before else None
    if term_end is not None and explicit is None:
        return "target", str(TERMS[term_end[1]][1]), "term-end"
    if explicit is not None:
        return ("target" if int(explicit) >= tl.plan_year else "actual"), explicit, "explicit-year"
    head = text[sentence_start : sentence_start + 8].lstrip(" \t\u3000")
    if mode is Mode.PLAN_TERM or head.startswith(PLAN_TERM_OPENERS):
        first, last = tl.plan_term
        return "target", f"{first}-{last}", "plan-term"
    return "target", str(tl.plan_year), "plan-year"


REVIEWS = (Mode.REVIEW_YEAR, Mode.REVIEW_TERM)


def from_period(text: str, item: Draft, line: Years) -> str:
    explicit = _explicit_year(text[item.quote_start : item.candidate.start])
    if explicit:
        return explicit
    frame = line.frame(item.candidate.start)
    if frame:
        return str(frame[0])
    if line.timeline.mode_at(item.candidate.start) is Mode.REVIEW_YEAR:
        return str(line.timeline.review_year - 1)
    if line.timeline.mode_at(item.candidate.start) is Mode.REVIEW_TERM:
        if _state_base(text, item):
            return ""  # 由治理前的4米: a base dated by a state, not by a year
        return str(line.timeline.review_term[0] - 1)
    if item.kind == "target":
        # 比例从75%提高到100%: in the plan, the level it starts from is today's, a result
        item.kind = "actual"
        return str(line.timeline.plan_year - 1)
    return item.period


STATE_BASE = compiled.pattern(r"(?:治理|改造|整治|实施|建设)前")


def _state_base(text: str, item: Draft) -> bool:
    """Whether ``item`` is the base of a pair dated by a state (治理前), not by a year."""
    return STATE_BASE.search(text, item.quote_start, item.candidate.start) is not None


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
    """The last year written in ``raw`` that dates it (到2025年, not 较2020年 or 2020年以来)."""
    at = raw.rfind("年")
    while at >= 4:
        found = EXPLICIT_YEAR.match(raw, at - 4)
        if found is not None:
            return to_half_width(found[2])
        at = raw.rfind("年", 0, at)
    return None


def _designated_set(text: str, c: Candidate, clause: str) -> bool:
    """加快6个省级育种创新平台建设, 开展好5个国家新型城镇化试点: existing designated units that the
    task works on (words.toml ``existing_set_verbs``, ``designated_units``), not new ones."""
    return (
        not c.approx
        and clause.endswith(vocabulary().kind.existing_set_verbs)
        and bool(designated_units(text, c))
    )


def designated_units(text: str, c: Candidate) -> str:
    """The designated units named right after ``c`` (支持103个国家级省级开发区集约集聚发展 →
    国家级省级开发区), or ""."""
    found = _designated_pattern().match(text, c.tail_end)
    return found[0] if found else ""


def people_stock(text: str, c: Candidate) -> str:
    """The people counted right after ``c`` (两百多万[高校师生]大规模…), or ""."""
    found = _people_pattern().match(text, c.tail_end)
    return found[0] if found else ""


def _acts_on(clause: str) -> bool:
    """Whether the clause's task does something to the people it counts (为…提供, 惠及, 新增…):
    then the count is the task's own, a target."""
    words = vocabulary().indicator
    return clause.rstrip().endswith(("为", "惠及", "带动", "帮助")) or any(
        verb in clause for verb in words.actions
    )


@lru_cache(maxsize=1)
def _people_pattern() -> re.Pattern[str]:
    people = alternation(vocabulary().kind.people_stocks)
    return compiled.pattern(rf"[^，,。；;、：:！!？?的\n]{{0,8}}?(?:{people})")


@lru_cache(maxsize=1)
def _designated_pattern() -> re.Pattern[str]:
    # the noun after the count, before any break, names a designated kind of unit
    units = alternation(vocabulary().kind.designated_units)
    return compiled.pattern(rf"[^，,。；;、：:！!？?\n]{{0,14}}?(?:{units})")


@lru_cache(maxsize=1)
def _existing_pattern() -> re.Pattern[str]:
    return compiled.pattern(alternation(vocabulary().kind.existing))


def _estimated(
    text: str, sentence_start: int, offset: int, words: tuple[str, ...], review: bool
) -> bool:
    """In a review, 预计 opening a sentence covers all of it; later in a sentence, and anywhere
    in the plan, only its own clause (预计今年财政收入继续增长，…，支出规模扩大2万亿元以上: the
    year's budget, a target)."""
    for word in words:
        index = text.find(word, sentence_start, offset)
        if index == -1:
            continue
        if review and rfind_any(text, CLAUSE_BREAKS, index, sentence_start) < sentence_start:
            return True  # in the first clause: the whole sentence is an estimate
        if rfind_any(text, CLAUSE_BREAKS, offset, index) < index:
            return True  # in this figure's own clause
    return False


def _term_period(
    text: str, c: Candidate, raw: str, draft: Draft, previous: Draft | None, line: Years
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
    if draft.pair_role == "to" and not (previous is not None and _state_base(text, previous)):
        return str(tl.last_complete_year)  # 从A增加到B: B is where the term ended, A where it began
    clause = text[rfind_any(text, CLAUSE_BREAKS, c.start, max(0, c.start - 60)) + 1 : c.start]
    if "十年" in clause:
        return f"{tl.plan_year - 10}-{tl.plan_year - 1}"  # 十年增加近70万亿元: the decade
    return f"{first}-{last}"
