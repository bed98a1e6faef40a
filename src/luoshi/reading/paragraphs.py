"""Paragraphs: the lines of the text, with page-break artefacts joined back.

Text taken from a PDF or a web page keeps line breaks the layout put inside a
sentence (``…积极推动加入`` / ``全面与进步跨太平洋伙伴关系协定`` / ``（CPTPP）等…``).
A line break is such an artefact when the line before it is prose (it holds a
sentence end) yet stops without one, and the next line follows at once; the
paragraph then runs on. A heading split over two lines (``三、持续提升政府`` /
``治理效能和服务水平``) is joined the same way.
"""

from __future__ import annotations

import re

from luoshi.reading.chars import CLOSED_END, CLOSERS, SENTENCE_END, trim
from luoshi.reading.document import Span

LINE = re.compile(r"[^\r\n]+")
SENTENCE_END_INSIDE = re.compile(f"[{re.escape(SENTENCE_END)}]")
# A numbered part heading alone on its line, with no punctuation (三、持续提升政府).
SHORT_NUMBERED_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、[^\W\d_]{2,20}")
# A short line of words only: what the rest of a split heading looks like (治理效能和服务水平).
HEADING_REST = re.compile(r"[^\W\d_]{2,20}")
LINE_BREAKS = ("\n", "\r\n", "\r")  # what lies between two lines that touch


def paragraphs(text: str) -> list[Span]:
    """The paragraphs of ``text`` in order, each without its leading and trailing space."""
    found: list[Span] = []
    previous_line_end = -1
    for match in LINE.finditer(text):
        start, end = trim(text, match.start(), match.end())
        if start >= end:
            continue
        if found and text[previous_line_end : match.start()] in LINE_BREAKS:
            last = found[-1]
            if _runs_on(text[last.start : last.end], text[start:end]):
                last.end = end
                previous_line_end = match.end()
                continue
        found.append(Span(start, end))
        previous_line_end = match.end()
    return found


def _runs_on(paragraph: str, line: str) -> bool:
    """Whether ``line`` continues ``paragraph`` across a page-break artefact."""
    tail = paragraph.rstrip(CLOSERS)
    if not tail or tail[-1] in CLOSED_END:
        return False
    if SENTENCE_END_INSIDE.search(paragraph):
        return True
    return bool(SHORT_NUMBERED_HEADING.fullmatch(paragraph) and HEADING_REST.fullmatch(line))
