"""What kind of text a report's closing stretches are: appendices and glossaries.

After the speech a report may carry appendices (``附件1`` with its title ``2025年省十件民生实事``
on the next line: the plan year's targets; ``附件2 名词解释``) and glossaries (a ``名词解释`` or
``名词注释`` heading, or numbered entries ``1.“term”：…`` with no heading at all). A glossary
explains terms: its numbers are figures only where an entry states a goal still to be reached
(``力争用5年时间，…打造…商圈100个``), for the period the entry gives — the years in its heading
(``（2026—2028年）``), ``用N年时间`` counted from the plan year, ``到20XX年`` — else the plan
year. Counts that spell out a name, define a rule or describe what exists are not figures.
The words are data: ``rules/words.toml`` [structure].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from luoshi import compiled
from luoshi.extraction.numerals import parse_number, to_half_width
from luoshi.extraction.vocabulary import alternation, vocabulary

ClosingKind = Literal["appendix", "glossary"]


@dataclass(frozen=True, slots=True)
class ClosingHeading:
    """A heading after the speech: an appendix (``title`` as written on its line, "" when the
    title stands on the next line) or a glossary."""

    kind: ClosingKind
    title: str


MAX_HEADING = 40  # characters of a heading line
SPACE = " \t\u3000"
NUMBER = "[0-9０-９一二三四五六七八九十]"
# 1.“岳山造林”：…, 2.分线管理：…, 12．“智改数转”行动计划：… — a glossary entry's number and term
ENTRY = compiled.pattern(
    rf"""
    [{SPACE}]*
    (?P<number>[0-9０-９]{{1,3}}) [.．、]      # the entry's number and a dot
    [{SPACE}]*
    (?P<term>[^\n：:。，,；;]{{1,40}}) [：:]    # the term, up to its colon
    """,
    re.VERBOSE,
)
MIN_ENTRIES = 3  # numbered 1, 2, 3 in a row make a glossary without a heading
# （2026—2028年）, (2024-2027年): the years of a programme written in an entry's heading
HEADING_YEARS = compiled.pattern(r"(20\d\d)年?\s*[—–－\-~～至到]+\s*(20\d\d)年")
# 用5年时间, 用三年左右时间: a span counted from the plan year; 用3—5年时间 (a range of
# terms) counts to its outer bound, the longest the plan allows
YEARS_TO_USE = compiled.pattern(
    rf"用(?:{NUMBER}{{1,2}}[—–\-－~～至到])?({NUMBER}{{1,2}})年(?:左右)?(?:的)?时间"
)
BY_YEAR = compiled.pattern(r"(?:到|至)([0-9０-９]{4})年")


@lru_cache(maxsize=1)
def _appendix() -> re.Pattern[str]:
    words = vocabulary().structure
    return compiled.pattern(
        rf"(?:{alternation(words.appendix_markers)})[{SPACE}]*{NUMBER}*[{SPACE}:：、.．]*(.*)"
    )


def closing_heading(line: str) -> ClosingHeading | None:
    """The appendix or glossary heading ``line`` is, or None: 附件1, 附件2 名词解释, 名词注释."""
    heading = line.strip(SPACE)
    if not heading or len(heading) > MAX_HEADING or any(c in heading for c in "。；;，,"):
        return None
    words = vocabulary().structure
    appendix = _appendix().fullmatch(heading)
    title = appendix[1].strip(SPACE) if appendix is not None else heading.rstrip("：:")
    if title in words.glossary_headings:
        return ClosingHeading("glossary", title)
    if appendix is not None:
        return ClosingHeading("appendix", title)
    return None


def unit_table(title: str, first_line: str) -> bool:
    """Whether an appendix is a table of who does what (its title says 分工, or its first row
    names the responsible units and no target column): it restates tasks, it sets no figures."""
    words = vocabulary().structure
    if any(word in title for word in words.unit_table_titles):
        return True
    return any(label in first_line for label in words.unit_labels) and not any(
        column in first_line or column in title for column in words.target_columns
    )


def unheaded_glossary(text: str, after: int) -> int | None:
    """Where a run of numbered entries (1.“term”：…, 2.…, 3.…) with no heading starts after
    ``after`` (the speech's closing address), or None. One entry at least quotes its term, so a
    numbered list of tasks (1.托育服务：…) is not taken for a glossary, and the run follows prose:
    under a title of its own (2025年十件民生实事) it is that title's list."""
    start = text.find("\n", after)
    while start != -1:
        entry = ENTRY.match(text, start + 1)
        first = entry is not None and to_half_width(entry["number"]) == "1"
        if first and entry is not None and _entries_follow(text, entry):
            return start + 1 if _after_prose(text, start) else None
        start = text.find("\n", start + 1)
    return None


def _after_prose(text: str, line_end: int) -> bool:
    """Whether the last line with words before ``line_end`` ends a sentence (not a title)."""
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end].strip(SPACE)
    while not line and line_end > 0:
        line_end = text.rfind("\n", 0, line_end)
        line = text[text.rfind("\n", 0, line_end) + 1 : line_end].strip(SPACE)
    return line.endswith(("。", "！", "!", "？", "?"))


def _entries_follow(text: str, first: re.Match[str]) -> bool:
    quoted = "“" in first["term"]
    position = first.end()
    for number in range(2, MIN_ENTRIES + 1):
        entry = _next_entry(text, position)
        if entry is None or to_half_width(entry["number"]) != str(number):
            return False
        quoted = quoted or "“" in entry["term"]
        position = entry.end()
    return quoted


def _next_entry(text: str, position: int) -> re.Match[str] | None:
    """The entry that opens the next line with words after ``position`` (blank lines skipped)."""
    line_end = text.find("\n", position)
    while line_end != -1:
        following = text.find("\n", line_end + 1)
        if text[line_end + 1 : following if following != -1 else len(text)].strip(SPACE):
            return ENTRY.match(text, line_end + 1)
        line_end = following
    return None


def entry_goal_period(
    text: str, entry_start: int, sentence_start: int, offset: int, plan_year: int
) -> str | None:
    """The period of the figure at ``offset`` of the glossary entry that starts at
    ``entry_start`` if its sentence states it as a goal to reach (力争, 用N年时间, 到20XX年),
    else None: a number that only explains is not a figure."""
    before = text[max(entry_start, sentence_start) : offset]
    words = vocabulary().structure
    by_year = BY_YEAR.search(before)
    to_use = YEARS_TO_USE.search(before)
    future = by_year is not None and int(to_half_width(by_year[1])) >= plan_year
    if not (future or to_use or any(word in before for word in words.goal_words)):
        return None
    entry = text[entry_start:offset]
    colon = min((i for i in (entry.find("："), entry.find(":")) if i != -1), default=-1)
    heading = HEADING_YEARS.search(entry, 0, colon) if colon != -1 else None
    if heading is not None:
        return f"{heading[1]}-{heading[2]}"
    if to_use is not None:
        return years_to_use(to_use, plan_year)
    if by_year is not None and future:
        return to_half_width(by_year[1])
    return str(plan_year)


def years_to_use(found: re.Match[str], plan_year: int) -> str:
    """The span of 用N年时间 (``YEARS_TO_USE``), counted from the plan year: 用3年时间 in a
    2025 report is 2025-2027."""
    years = int(parse_number(to_half_width(found[1])))
    return f"{plan_year}-{plan_year + years - 1}" if years > 1 else str(plan_year)
