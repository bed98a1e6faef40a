"""The outline: the report's headings as a tree, each with the stretch of text it governs.

Headings are recognised at paragraph starts by the ``STYLES`` table: numbered
ones (一、 (一) 1. （1） ①) govern everything up to the next heading of the
same or a higher rank; the ones that open a paragraph and go on in it
(——综合经济实力大幅提升。…, 一是…。…, the lead phrase 做优现代农业。…)
govern their paragraph only, under the heading open around them. A bare line
with no marker and no punctuation (过去五年和2021年工作回顾) is a part.
Inside a paragraph two more kinds are read: the short topic sentences that
open sub-topics of a long review paragraph (现代农业扩量提质。) and inline
enumerations (…：一是…；二是…).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from luoshi import compiled
from luoshi.reading.chars import COLONS, COMMAS, DIGITS, ENUMERATION_COMMA, HAN, SENTENCE_END
from luoshi.reading.document import NodeKind, OutlineNode, Span

CN_NUMBER = "[一二三四五六七八九十]{1,3}"


@dataclass(frozen=True, slots=True)
class Style:
    """A way of marking a heading at a paragraph start."""

    name: str
    rank: int  # lower ranks are outer: a heading closes the open ones of its rank and below
    kind: NodeKind
    marker: re.Pattern[str]
    numbered: bool  # numbered headings govern what follows; the others their paragraph


def _style(name: str, rank: int, kind: NodeKind, marker: str, *, numbered: bool) -> Style:
    return Style(name, rank, kind, compiled.pattern(marker, re.VERBOSE), numbered)


# The heading styles, outer to inner: (name, rank, kind, marker at the paragraph start).
STYLES: tuple[Style, ...] = (
    _style("cn-dun", 1, "part", rf"{CN_NUMBER} [、]", numbered=True),  # 一、2021年工作回顾
    _style("dash", 2, "section", r"[—―]{2} | [－-]{2}", numbered=False),  # ——综合经济…。
    _style("cn-paren", 3, "subsection", rf"[(（] {CN_NUMBER} [)）]", numbered=True),  # (一) （一）
    _style("item-shi", 4, "item", rf"{CN_NUMBER} 是 (?=[{HAN}])", numbered=False),  # 一是…
    _style("arabic-dot", 5, "item", rf"[{DIGITS}]{{1,2}} [.．、] (?![{DIGITS}])", numbered=True),
    _style("arabic-paren", 6, "item", rf"[(（] [{DIGITS}]{{1,2}} [)）]", numbered=True),  # （1）
    _style("circled", 7, "item", r"[①-⑳]", numbered=True),  # ①
)
BARE_RANK = 0  # a bare heading line is the outermost division
LEAD_RANK = 8  # a lead phrase heads its own paragraph only, so its rank closes nothing
BARE_LINE = compiled.pattern(
    rf"""
    (?=.*[{HAN}].*[{HAN}].*[{HAN}])          # mostly words: three Han characters at least
    [^{re.escape(SENTENCE_END + COLONS + COMMAS)}。]{{4,30}}  # no sentence end, colon or comma
    """,
    re.VERBOSE,
)
# Openings of a paragraph's first sentence that make it speech, not a lead phrase.
NOT_A_LEAD = compiled.pattern(
    rf"""
    各位代表 | 现在 | 过去 | 今年 | 明年 | 去年 | 当前 | 目前 | 同时 | 与此同时 | 此外 | 另外
  | 总之 | 回顾 | 展望 | 一年来 | 五年来 | 这些年 | 近年来 | 多年来 | 经过 | 面对 | 综合
  | 我们 | 这 | 但 | 然而 | 因此 | 所以 | 本届 | 今后 | 未来 | 刚刚 | 根据 | 按照 | 为此
  | 对此 | 其中 | 在 | [{DIGITS}]
    """,
    re.VERBOSE,
)
MAX_LEAD = 30  # characters of a lead phrase, its 。 excluded
MAX_LEAD_COMMAS = 1
MAX_LEAD_ENUMERATION_COMMAS = 2
COPULA = "是"  # 高质量发展是新时代硬道理。 states, it does not head
# A short topic sentence inside a review paragraph: 现代农业扩量提质。
INLINE_SUBHEAD = compiled.pattern(rf"[{HAN}“”]{{4,12}}。")
MIN_INLINE_SUBHEADS = 2  # one short sentence alone is just a short sentence
INLINE_SUBHEAD_HOSTS = frozenset({"dash"})  # the review's ——lead paragraphs
INLINE_ITEM = compiled.pattern(
    rf"(?<=[{re.escape(SENTENCE_END + COLONS)}])\s*(?P<number>{CN_NUMBER})是"
)
CN_ORDINAL = "一二三四五六七八九十"
TITLE_END = SENTENCE_END + COLONS + COMMAS  # an inline item's title is its first clause


@dataclass(slots=True)
class _Heading:
    style: str
    rank: int
    kind: NodeKind
    numbered: bool
    title: Span
    paragraph: Span
    bare: bool  # the heading is the whole paragraph


@dataclass(slots=True)
class _Open:
    rank: int
    node: OutlineNode | None
    children: list[OutlineNode] = field(default_factory=list)


def outline(
    text: str, paragraphs: list[Span], sentences: list[Span], body_start: int
) -> list[OutlineNode]:
    """The outline of the speech that starts at ``body_start``."""
    body = [p for p in paragraphs if p.start >= body_start]
    sentence_starts = [s.start for s in sentences]
    headings = _headings(text, body, sentences, sentence_starts)
    has_bare_parts = any(h is not None and h.style == "bare-line" for h in headings)
    root = _Open(rank=-1, node=None)
    stack = [root]
    for paragraph, heading in zip(body, headings, strict=True):
        if heading is None:
            _inline_items(text, paragraph, stack[-1].children)
            continue
        governs_what_follows = heading.numbered or heading.bare
        while governs_what_follows and stack[-1].rank >= heading.rank:
            _close(stack.pop(), paragraph.start)
        kind = heading.kind
        if heading.style == "cn-dun" and has_bare_parts:
            kind = "section"
        node = _node(text, kind, heading.style, heading.title, paragraph.start, paragraph.end)
        stack[-1].children.append(node)
        if governs_what_follows:
            node.end = len(text)
            stack.append(_Open(heading.rank, node, node.children))
        _inline_children(text, heading, node, sentences, sentence_starts)
    while len(stack) > 1:
        _close(stack.pop(), len(text))
    return root.children


def _close(open_heading: _Open, end: int) -> None:
    if open_heading.node is not None:
        open_heading.node.end = end


def _node(text: str, kind: NodeKind, style: str, title: Span, start: int, end: int) -> OutlineNode:
    title_end = title.end
    while title_end > title.start and text[title_end - 1] in SENTENCE_END + COLONS:
        title_end -= 1
    written = re.sub(r"\s*\n\s*", "", text[title.start : title_end])
    return OutlineNode(
        kind=kind,
        title=written,
        start=start,
        end=end,
        title_start=title.start,
        title_end=title_end,
        style=style,
    )


def _headings(
    text: str, body: list[Span], sentences: list[Span], sentence_starts: list[int]
) -> list[_Heading | None]:
    found: list[_Heading | None] = []
    for i, paragraph in enumerate(body):
        first = _first_sentence(paragraph, sentences, sentence_starts)
        bare = first.end >= paragraph.end
        heading = _marked(text, paragraph, first, bare)
        if heading is None and bare and _is_bare_part(text, paragraph, body[i + 1 : i + 2]):
            heading = _Heading("bare-line", BARE_RANK, "part", True, first, paragraph, True)
        if heading is None and not bare and _is_lead(text[first.start : first.end]):
            heading = _Heading("lead-phrase", LEAD_RANK, "lead", False, first, paragraph, False)
        found.append(heading)
    return found


def _first_sentence(paragraph: Span, sentences: list[Span], starts: list[int]) -> Span:
    i = bisect.bisect_left(starts, paragraph.start)
    if i < len(sentences) and sentences[i].start < paragraph.end:
        return Span(sentences[i].start, min(sentences[i].end, paragraph.end))
    return Span(paragraph.start, paragraph.end)


def _marked(text: str, paragraph: Span, first: Span, bare: bool) -> _Heading | None:
    for style in STYLES:
        if style.marker.match(text, paragraph.start, paragraph.end):
            return _Heading(
                style.name, style.rank, style.kind, style.numbered, first, paragraph, bare
            )
    return None


def _is_bare_part(text: str, paragraph: Span, following: list[Span]) -> bool:
    """A line of words alone, followed by prose: 过去五年和2021年工作回顾."""
    line = text[paragraph.start : paragraph.end]
    if not following or not BARE_LINE.fullmatch(line) or line.startswith("各位代表"):
        return False
    after = text[following[0].start : following[0].end]
    return any(c in after for c in SENTENCE_END) or any(s.marker.match(after) for s in STYLES)


def _is_lead(sentence: str) -> bool:
    """Whether a paragraph's first sentence is a lead phrase: 做优现代农业。"""
    phrase = sentence.rstrip()
    if not phrase.endswith("。") or len(phrase) - 1 > MAX_LEAD or len(phrase) < 3:
        return False
    if sum(ch.isalnum() for ch in phrase) < 2:
        return False  # 。。。: punctuation alone is no phrase
    return not (
        NOT_A_LEAD.match(phrase)
        or COPULA in phrase
        or any(c in phrase for c in COLONS)
        or sum(phrase.count(c) for c in COMMAS) > MAX_LEAD_COMMAS
        or phrase.count(ENUMERATION_COMMA) > MAX_LEAD_ENUMERATION_COMMAS
    )


def _inline_children(
    text: str,
    heading: _Heading,
    node: OutlineNode,
    sentences: list[Span],
    sentence_starts: list[int],
) -> None:
    if heading.bare:
        return
    paragraph = heading.paragraph
    if heading.style in INLINE_SUBHEAD_HOSTS:
        _inline_subheads(text, paragraph, node, sentences, sentence_starts)
    _inline_items(text, paragraph, node.children)


def _inline_subheads(
    text: str,
    paragraph: Span,
    node: OutlineNode,
    sentences: list[Span],
    sentence_starts: list[int],
) -> None:
    first = bisect.bisect_left(sentence_starts, paragraph.start)
    last = bisect.bisect_left(sentence_starts, paragraph.end)
    inside = sentences[first + 1 : last - 1]  # neither the heading nor the closing sentence
    short = [bool(INLINE_SUBHEAD.fullmatch(text, s.start, s.end)) for s in inside]
    # a sub-head opens a stretch of prose: two short sentences in a row are a list, not heads
    found = [
        s for i, s in enumerate(inside) if short[i] and i + 1 < len(inside) and not short[i + 1]
    ]
    if len(found) < MIN_INLINE_SUBHEADS:
        return
    for sentence, following in zip(found, [*found[1:], None], strict=False):
        end = following.start if following else paragraph.end
        node.children.append(_node(text, "lead", "inline-subhead", sentence, sentence.start, end))


def _inline_items(text: str, paragraph: Span, siblings: list[OutlineNode]) -> None:
    """一是…；二是…；三是… inside a paragraph, numbered from 一 without gaps.

    They join ``siblings``, or the inline sub-head among them that holds them.
    """
    matches = list(INLINE_ITEM.finditer(text, paragraph.start, paragraph.end))
    run: list[re.Match[str]] = []
    for match in matches:
        if match["number"] == CN_ORDINAL[len(run) : len(run) + 1]:
            run.append(match)
    if len(run) < 2:
        return
    for match, following in zip(run, [*run[1:], None], strict=False):
        start = match.start("number")
        end = following.start("number") if following else paragraph.end
        title_end = start
        while title_end < end and text[title_end] not in TITLE_END:
            title_end += 1
        item = _node(text, "item", "inline-item", Span(start, title_end), start, end)
        container = _subhead_at(siblings, start)
        if container is None:
            siblings.append(item)
        else:
            item.end = min(item.end, container.end)
            container.children.append(item)


def _subhead_at(nodes: list[OutlineNode], offset: int) -> OutlineNode | None:
    for candidate in reversed(nodes):
        if candidate.start <= offset < candidate.end and candidate.style == "inline-subhead":
            return candidate
    return None
