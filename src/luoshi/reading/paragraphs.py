"""Paragraphs: the lines of the text, with page-break artefacts joined back.

Text taken from a PDF or a web page keeps line breaks the layout put inside a
sentence (``…积极推动加入`` / ``全面与进步跨太平洋伙伴关系协定`` / ``（CPTPP）等…``).
A line break is such an artefact when the line before it is prose (it holds a
sentence end) yet stops without one, and the next line follows at once; the
paragraph then runs on. A heading split over two lines (``三、持续提升政府`` /
``治理效能和服务水平``) is joined the same way.

Text laid out in lines (a PDF's text layer) breaks every paragraph at the page
width; there a line that fills the width and stops mid-sentence runs on into a
next line that is not indented.
"""

from __future__ import annotations

import re

from luoshi import compiled
from luoshi.reading.chars import CLOSED_END, CLOSERS, SENTENCE_END, trim
from luoshi.reading.document import Span

LINE = compiled.pattern(r"[^\r\n]+")
SENTENCE_END_INSIDE = compiled.pattern(f"[{re.escape(SENTENCE_END)}]")
# A numbered part heading alone on its line, with no punctuation (三、持续提升政府).
SHORT_NUMBERED_HEADING = compiled.pattern(r"[一二三四五六七八九十]{1,3}、[^\W\d_]{2,20}")
# A short line of words only: what the rest of a split heading looks like (治理效能和服务水平).
HEADING_REST = compiled.pattern(r"[^\W\d_]{2,20}")
LINE_BREAKS = ("\n", "\r\n", "\r")  # what lies between two lines that touch
FULL_LINE_SHARE = 0.8  # of the usual line width: a line this long was wrapped, not ended
USUAL_WIDTH_QUANTILE = 0.9
MIN_LINES_FOR_A_WIDTH = 10  # fewer lines tell no usual width


def paragraphs(text: str, *, wrapped: bool = False) -> list[Span]:
    """The paragraphs of ``text`` in order, each without its leading and trailing space.

    ``wrapped``: the text is laid out in lines of a page width (a PDF's text layer).
    """
    found: list[Span] = []
    previous_line_end = -1
    full_line = _full_line_width(text) if wrapped else None
    previous_width = 0
    for match in LINE.finditer(text):
        start, end = trim(text, match.start(), match.end())
        if start >= end:
            continue
        width, previous_width = previous_width, match.end() - match.start()
        if found and text[previous_line_end : match.start()] in LINE_BREAKS:
            last = found[-1]
            paragraph, line = text[last.start : last.end], text[start:end]
            wraps = full_line is not None and width >= full_line and start == match.start()
            if _runs_on(paragraph, line) or (wraps and _open_ended(paragraph)):
                last.end = end
                previous_line_end = match.end()
                continue
        found.append(Span(start, end))
        previous_line_end = match.end()
    return found


def _full_line_width(text: str) -> float | None:
    widths = sorted(len(line) for line in LINE.findall(text))
    if len(widths) < MIN_LINES_FOR_A_WIDTH:
        return None
    return FULL_LINE_SHARE * widths[int(USUAL_WIDTH_QUANTILE * (len(widths) - 1))]


def _open_ended(paragraph: str) -> bool:
    tail = paragraph.rstrip(CLOSERS)
    return bool(tail) and tail[-1] not in CLOSED_END


def _runs_on(paragraph: str, line: str) -> bool:
    """Whether ``line`` continues ``paragraph`` across a page-break artefact."""
    if not _open_ended(paragraph):
        return False
    if SENTENCE_END_INSIDE.search(paragraph):
        return True
    return bool(SHORT_NUMBERED_HEADING.fullmatch(paragraph) and HEADING_REST.fullmatch(line))
