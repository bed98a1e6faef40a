"""Sentences: each paragraph cut at 。！？； (and ! ? ;), never inside quotes or brackets.

A sentence end inside “…” or （…） does not end the sentence around it, but one
that closes a quotation at its very end does (``他说：“要实干。”`` ends after ”).
Quotes and brackets left unclosed protect nothing, so one stray “ cannot swallow
a paragraph.
"""

from __future__ import annotations

import re

from luoshi import compiled
from luoshi.reading.chars import CLOSERS, OPENERS, PAIRS, SENTENCE_END, trim
from luoshi.reading.document import Span

EVENT = compiled.pattern(
    f"""
    [{re.escape("".join(PAIRS))}]       # a quote or bracket, opening or closing
  | [{re.escape(SENTENCE_END)}]+        # one or more sentence ends (！？ counts once)
  | (?<![0-9０-９])\\.(?=[\\s]|$)        # an ASCII full stop that is no decimal point
    """,
    re.VERBOSE,
)
QUOTES = frozenset({"quote", "single", "corner", "white-corner"})


def sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    """The sentences of every paragraph, in order."""
    found: list[Span] = []
    for paragraph in paragraphs:
        found.extend(_split(text, paragraph.start, paragraph.end))
    return found


def _split(text: str, start: int, end: int) -> list[Span]:
    events = list(EVENT.finditer(text, start, end))
    depth, closing = _nesting(events)
    cuts: list[int] = []
    for i, match in enumerate(events):
        if depth[i]:
            continue
        char = match[0][0]
        closes_quote = i in closing and PAIRS.get(char) in QUOTES
        if char not in PAIRS or (closes_quote and text[match.start() - 1] in SENTENCE_END):
            cuts.append(match.end())
    spans: list[Span] = []
    begin = start
    for cut in [*cuts, end]:
        while cut < end and text[cut] in CLOSERS:  # a stray closer after the end stays with it
            cut += 1
        sentence_start, sentence_end = trim(text, begin, cut)
        if sentence_start < sentence_end:
            spans.append(Span(sentence_start, sentence_end))
        begin = max(begin, cut)
    return spans


def _nesting(events: list[re.Match[str]]) -> tuple[list[int], set[int]]:
    """How many matched pairs enclose each event, and which events close a pair.

    The characters of an outermost pair themselves have depth 0.
    """
    stack: list[tuple[str, int]] = []
    change = [0] * (len(events) + 1)
    closing: set[int] = set()
    for i, match in enumerate(events):
        char = match[0][0]
        kind = PAIRS.get(char)
        if kind is None:
            continue
        if char in OPENERS:
            stack.append((kind, i))
            continue
        for level in range(len(stack) - 1, -1, -1):
            if stack[level][0] == kind:
                change[stack[level][1] + 1] += 1
                change[i] -= 1
                closing.add(i)
                del stack[level:]
                break
    depth: list[int] = []
    running = 0
    for step in change[:-1]:
        running += step
        depth.append(running)
    return depth, closing
