"""What a figure's place in the report says about it: which part (review or plan),
which years, and where the speech itself begins.

A report reviews the past (the last year, and at a congress's turn the five-year term)
and then sets goals (the plan year, and at a term's turn the next five years). The
``Timeline`` splits the text into zones of one ``Mode`` each, from headings and the
sentences that open paragraphs (过去一年…, 今后五年…, 2022年经济社会发展的主要预期目标是…).
After the speech, appendices and glossaries (``structure``) are zones of their own: an
appendix's title is no figure, its body reads as its title says (the year's 民生实事: the plan
year), a glossary's numbers are figures only where an entry states a goal.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum

from luoshi import compiled
from luoshi.extraction.numerals import parse_number
from luoshi.extraction.structure import closing_heading, unheaded_glossary, unit_table
from luoshi.reading.document import Document


class Mode(Enum):
    PREAMBLE = "preamble"  # page furniture and the speech header: no figures
    REVIEW_YEAR = "review_year"  # results of the year just past
    REVIEW_TERM = "review_term"  # results of the five-year term
    PLAN_YEAR = "plan_year"  # the plan year's goals
    PLAN_TERM = "plan_term"  # goals for the next five years
    TITLE = "title"  # an appendix's heading and title: names, no figures
    GLOSSARY = "glossary"  # explanations of terms: figures only where an entry states a goal


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    mode: Mode


DELIVERED = compiled.pattern(
    r"(\d{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*在"
)
# 二〇二四年: a year in Chinese digits, read as 2024年 (one digit for one, so offsets hold)
# (found from its second digit, 〇 or 零 in any year 2000-2099: a rare character, so a fast search)
CHINESE_YEAR = compiled.pattern(r"[〇零][〇零一二三四五六七八九]{2}(?=\s*年)")
CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
TITLE_YEAR = compiled.pattern(r"(\d{4})年[^\n]{0,12}政府工作报告")
# A heading: a short line with no sentence inside it, or a numbered part 一、…
HEADING = compiled.pattern(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]+、)?(?P<title>[^\n。!！?？]{2,40})[ \t\u3000]*$"
)
REVIEW_WORDS = ("回顾", "过去", "工作总结")
PLAN_WORDS = ("任务", "安排", "目标", "建议", "重点工作", "工作思路", "总体要求", "今后", "部署",
              "主要工作", "政策取向", "重点")  # fmt: skip
APPENDIX_REVIEW_WORDS = (*REVIEW_WORDS, "完成情况")  # an appendix that reports results
TERM_WORDS = ("五年", "届人大一次会议以来", "本届政府", "十三五", "十四五", "十五五")
SPEECH_START = compiled.pattern(r"^[ \t\u3000]*各位代表[:：!！]", re.MULTILINE)
YEAR_IN = compiled.pattern(r"(\d{4})年")
SUBHEADING_MARKS = (
    "(",
    "（",
    "——",
    "—",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "一是",
    "二是",
)
PART_MARK = compiled.pattern(r"[ \t\u3000]*[一二三四五六七八九十]+、")  # 二、: a part of the speech
FIRST_TASK = compiled.pattern(r"[(（]一[)）]|一、")
ADDRESS = compiled.pattern(r"^各位代表[!！:：]?")
TERM_OPENING = compiled.pattern(r"[^，,。]{0,12}届人大一次会议以来")
SENTENCE_END = compiled.pattern(r"[。!！]")


@dataclass(slots=True)
class Timeline:
    """The zones of a report and its years."""

    plan_year: int
    delivered_year: int | None
    zones: list[Zone]
    body_start: int
    # [start, end) of each stretch of appendices and glossary after a speech (one in a report;
    # more in a corpus of reports joined, where the next speech's 各位代表 ends the stretch)
    closings: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [zone.start for zone in self.zones]

    @property
    def closing_start(self) -> int | None:
        """Where the first appendix or glossary begins, or None."""
        return self.closings[0][0] if self.closings else None

    def after_speech(self, offset: int) -> bool:
        """Whether ``offset`` lies in an appendix or a glossary."""
        return any(start <= offset < end for start, end in self.closings)

    def mode_at(self, offset: int) -> Mode:
        if offset < self.body_start:
            return Mode.PREAMBLE
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.zones[i].mode if i >= 0 else Mode.PLAN_YEAR

    @property
    def review_year(self) -> int:
        return self.plan_year - 1

    @property
    def review_term(self) -> tuple[int, int]:
        return self.plan_year - 5, self.plan_year - 1

    @property
    def plan_term(self) -> tuple[int, int]:
        return self.plan_year, self.plan_year + 4

    @property
    def last_complete_year(self) -> int:
        """The last year whose statistics were out when the speech was given."""
        if self.delivered_year is not None:
            return self.delivered_year - 1
        return self.plan_year - 1


def digit_years(text: str) -> str:
    """``text`` with years written in Chinese digits as Arabic ones, offsets unchanged.

    >>> digit_years("二〇二四年一月十日")
    '2024年一月十日'
    """
    parts, done = [], 0
    for match in CHINESE_YEAR.finditer(text):
        start = match.start() - 1
        if start < done or text[start] not in "一二":
            continue
        parts += [text[done:start], text[start : match.end()].translate(CHINESE_DIGITS)]
        done = match.end()
    return "".join([*parts, text[done:]]) if parts else text


def plan_year_of(document: Document) -> tuple[int, int | None]:
    """The plan year and the year of delivery, from metadata or the speech header."""
    text = digit_years(document.text)
    head = text[:3000]
    delivered = DELIVERED.search(head)
    delivered_year = int(delivered[1]) if delivered else None
    if document.metadata.plan_year:
        return document.metadata.plan_year, delivered_year
    if delivered:
        year, month = int(delivered[1]), int(parse_number(delivered[2]))
        return (year + 1 if month >= 9 else year), delivered_year
    title = TITLE_YEAR.search(head)
    if title:
        return int(title[1]), delivered_year
    for line in text.split("\n"):
        if HEADING.fullmatch(line) and (years := YEAR_IN.findall(line)):
            if any(w in line for w in REVIEW_WORDS):
                return int(years[-1]) + 1, delivered_year
            if any(w in line for w in PLAN_WORDS):
                return int(years[0]), delivered_year
    years = [int(y) for y in YEAR_IN.findall(text) if 1990 <= int(y) <= 2100]
    common = max(set(years), key=years.count) if years else 2000
    return common, delivered_year


def timeline(document: Document) -> Timeline:
    """Split ``document`` into zones of review and plan."""
    text = digit_years(document.text)
    plan_year, delivered_year = plan_year_of(document)
    speech = SPEECH_START.search(text)
    header = DELIVERED.search(text[:3000])
    body_start = speech.start() if speech else header.end() if header else 0
    zones: list[Zone] = []
    mode = Mode.REVIEW_YEAR
    position = 0
    address = text.rfind("\n各位代表", body_start)
    unheaded = unheaded_glossary(text, address + 1) if address != -1 else None
    closing: int | None = None
    closings: list[tuple[int, int]] = []
    titled = False  # an appendix marker alone on its line: its title comes on the next line
    after_title = Mode.PLAN_YEAR  # what an appendix holds, as its title says
    title = ""
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        if start < body_start or not line.strip():
            continue
        new: Mode | None = None
        heading = closing_heading(line)
        opened = line.lstrip(" \t\u3000")
        if closing is not None and heading is None and ADDRESS.match(opened):
            closings.append((closing, start))  # the next speech of a corpus joined in one text
            closing, titled = None, False
            mode = Mode.REVIEW_YEAR  # a speech opens with its review, as the first one did
            zones.append(Zone(start, mode))
        elif closing is not None and heading is None and _resumes_speech(line, mode, plan_year):
            closings.append((closing, start))  # 附表 inside the speech: its next part goes on
            closing, titled = None, False
        if start == unheaded and closing is None:
            new, closing = Mode.GLOSSARY, start
        elif heading is not None and heading.kind == "glossary":
            new, closing, titled = Mode.GLOSSARY, start if closing is None else closing, False
        elif heading is not None or titled:
            closing = start if closing is None else closing
            title = heading.title if heading is not None else line.strip(" \t\u3000")
            titled = not title
            new = Mode.TITLE
            after_title = _title_mode(title) if title else mode
        elif closing is None:
            new = _heading_mode(line, plan_year) if HEADING.fullmatch(line) else None
            if new is None:
                new = _paragraph_mode(line, mode, plan_year)
        elif mode is Mode.TITLE:
            # the first row: a table of who does what stays silent to its end, like its title
            if unit_table(title, line):
                after_title = Mode.TITLE
            new = after_title
        if new is not None and new is not mode:
            mode = new
            zones.append(Zone(start, mode))
        elif not zones:
            zones.append(Zone(start, mode))
    if closing is not None:
        closings.append((closing, len(text)))
    return Timeline(plan_year, delivered_year, zones, body_start, closings)


def _resumes_speech(line: str, mode: Mode, plan_year: int) -> bool:
    """Whether ``line`` is a part heading of the speech (二、2025年工作安排) after an appendix
    or a table set inside it; a glossary runs to the end (its entries are never parts)."""
    return (
        mode is not Mode.GLOSSARY
        and PART_MARK.match(line) is not None
        and HEADING.fullmatch(line) is not None
        and _heading_mode(line, plan_year) is not None
    )


def _title_mode(title: str) -> Mode:
    """What an appendix holds, as its title says: a review (2024年主要指标完成情况回顾) or, as
    appendices of a plan mostly are, the plan year's targets (2025年省十件民生实事)."""
    return Mode.REVIEW_YEAR if any(w in title for w in APPENDIX_REVIEW_WORDS) else Mode.PLAN_YEAR


def _heading_mode(line: str, plan_year: int) -> Mode | None:
    title = line.strip()
    if title.startswith(SUBHEADING_MARKS) or any(mark in title for mark in "，,：:"):
        # (五)重点领域改革不断深化, 一年来，按照…部署要求: sections and lead-ins never turn the part
        return None
    if any(w in title for w in REVIEW_WORDS):
        years = {int(y) for y in YEAR_IN.findall(title)}
        one_year_first = title.find("一年") != -1 and (
            title.find("五年") == -1 or title.find("一年") < title.find("五年")
        )
        if (
            "五年" in title
            and not one_year_first
            and (not years or title.find("五年") < title.find(str(min(years))))
        ):
            return Mode.REVIEW_TERM
        return Mode.REVIEW_YEAR
    if any(w in title for w in PLAN_WORDS) or f"{plan_year}年" in title:  # 二、关于2025年工作
        if "今后五年" in title or "未来五年" in title:
            return Mode.PLAN_TERM
        return Mode.PLAN_YEAR
    return None


def _paragraph_mode(line: str, mode: Mode, plan_year: int) -> Mode | None:
    opening = line.lstrip(" \t\u3000")[:40]
    if opening.startswith("各位代表"):
        opening = ADDRESS.sub("", opening)
    if mode in (Mode.REVIEW_YEAR, Mode.REVIEW_TERM):
        if opening.startswith(("过去五年", "五年来", "这五年")) or TERM_OPENING.match(opening):
            return Mode.REVIEW_TERM
        if opening.startswith(("过去一年", "一年来", "今年以来", f"{plan_year - 1}年")):
            return Mode.REVIEW_YEAR
        if opening.startswith(f"{plan_year}年") and not opening.startswith(f"{plan_year}年以来"):
            return Mode.PLAN_YEAR  # a report without part headings: 2024年，全区…增长6%左右
        return None
    if mode in (Mode.PLAN_YEAR, Mode.PLAN_TERM):
        first_sentence = SENTENCE_END.split(line, maxsplit=1)[0]
        if opening.startswith(("今后五年", "未来五年")):
            return Mode.PLAN_TERM  # (not 统筹谋划未来五年… inside a task: that is the year's work)
        if opening.startswith((f"{plan_year}年", "今年")) or f"{plan_year}年" in first_sentence:
            return Mode.PLAN_YEAR
        if mode is Mode.PLAN_TERM and FIRST_TASK.match(opening):
            return Mode.PLAN_YEAR  # the year's tasks open with (一) after the five-year outlook
    return None
