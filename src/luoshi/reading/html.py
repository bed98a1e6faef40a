"""HTML pages as Chinese government portals serve them (Hanweb, TRS and the like).

The page gives two things: its 政务公开 metadata (a table of ``<td>索引号：</td>
<td>…</td>`` cells, or "label: value" lines, plus ``<meta name="ArticleTitle">``
and friends) and the report's text. The text is the article container's blocks,
one paragraph per line, without navigation, headers, footers, scripts or the
metadata table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from luoshi import compiled
from luoshi.errors import ReadError
from luoshi.reading.chars import HAN, SPACE
from luoshi.reading.metadata import LABEL_FIELDS, breadcrumb, known_label, label_pairs

XML_DECLARATION = compiled.pattern(r"^\s*<\?xml[^>]*\?>", re.I)
# libxml2 checks each attribute of a start tag against every one before it: a tag with 300k
# attributes hangs the parser. Attributes past the first MAX_ATTRIBUTES of a tag are dropped
# before parsing (the reader reads name, content, id and class; no page needs more), looked for
# only on pages that hold a start tag of LONG_TAG_CHARS characters or more.
MAX_ATTRIBUTES = 64
LONG_TAG_CHARS = 4096
LONG_TAG = compiled.pattern(rf"<[A-Za-z][^<>]{{{LONG_TAG_CHARS}}}")
ATTRIBUTE = r"""
    (?:\s+|(?<=["']))                         # after a space, or right after a quoted value
    [^\s"'<>/=]+                              # the name
    (?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?  # and a value, quoted or not
"""
CROWDED_TAG = compiled.pattern(
    rf"""
    (?P<kept> <[A-Za-z][^\s/<>]* (?:{ATTRIBUTE}){{{MAX_ATTRIBUTES}}} )  # a tag's first attributes
    (?:{ATTRIBUTE})+                                                  # the ones dropped
    """,
    re.VERBOSE,
)

# Elements that never hold the report's text.
DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "button", "select")
# id/class words of page chrome: menus, headers, footers, breadcrumbs, share bars, side columns.
CHROME = compiled.pattern(
    r"""(?ix) (?:^|[\s_-])
    (?: nav\w* | menu\w* | header | head | top | topbar | footer | foot | bottom
      | crumbs? | breadcrumb\w* | location | position | dqwz | share\w* | sidebar | side
      | toolbar | copyright | banner
      | search\w* | login | related | xgxx | print | erweima | qrcode | ewm )
    (?:$|[\s_-])
    """
)
# id/class words of the article container.
CONTENT = compiled.pattern(
    r"""(?ix) (?:^|[\s_-])
    (?: zoom | ucap-content | trs_editor | trs_ueditor | article\w* | content\w* | detail\w*
      | con_?txt | main_?text | text_?con | pages?_?content | art_?con | wz_?con | news_?con
      | bt-content )
    (?:$|[\s_-])
    """
)
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "tbody", "thead", "section", "article"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "center", "hr"}
    | {"main", "figure", "figcaption", "caption"}
)
CELL_TAGS = frozenset({"td", "th"})
# <meta name=…> of Hanweb/TRS pages and the label each stands for.
META_LABELS = {"articletitle": "标题", "pubdate": "发布日期", "contentsource": "信息来源"}
MIN_LABELS_IN_TABLE = 2  # a table with fewer known labels is content, not metadata
WHITESPACE_RUN = compiled.pattern(r"[ \t\r\n\f\v]+")


@dataclass(slots=True)
class Page:
    """What an HTML page gives: the report's text and its metadata pairs."""

    text: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    title: str | None = None


def read_html(markup: str, label: str) -> Page:
    """The report's text and metadata from an HTML page."""
    try:
        root = lxml_html.document_fromstring(parseable(markup))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise ReadError(label, f"is not a readable HTML page ({error})") from error
    title = _page_title(root)
    meta_pairs = _meta_pairs(root)
    for element in list(root.iter(*DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction)):
        _drop(element)
    table_pairs = _metadata_tables(root)
    page_lines = _lines(root)
    content = _content(root)
    _drop_chrome(root, keep=content)
    text_lines = _lines(content if content is not None else root)
    if not any(re.search(f"[{HAN}A-Za-z0-9]", line) for line in text_lines):
        raise ReadError(label, "is an HTML page with no body text")
    pairs = table_pairs + label_pairs(page_lines) + meta_pairs
    in_text = set(text_lines)
    return Page(
        text="\n".join(text_lines),
        pairs=pairs,
        breadcrumb=breadcrumb([line for line in page_lines if line not in in_text]),
        title=title,
    )


def parseable(markup: str) -> str:
    """``markup`` as lxml is given it: no XML declaration, no tag's attributes past the 64th."""
    markup = XML_DECLARATION.sub("", markup, count=1)
    if LONG_TAG.search(markup):
        markup = CROWDED_TAG.sub(r"\g<kept>", markup)
    return markup


def _page_title(root: lxml_html.HtmlElement) -> str | None:
    for element in root.iter("h1"):
        text = _squeeze(element.text_content())
        if text:
            return text
    for element in root.iter("title"):
        text = _squeeze(element.text_content())
        if text:
            return re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", text)[0]
    return None


def _meta_pairs(root: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for element in root.iter("meta"):
        label = META_LABELS.get((element.get("name") or "").lower())
        content = _squeeze(element.get("content") or "")
        if label and content:
            pairs.append((label, content))
    return pairs


def _metadata_tables(root: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """(label, value) pairs of the metadata tables, which are then dropped from the page."""
    pairs: list[tuple[str, str]] = []
    for table in list(root.iter("table")):
        if table.find(".//table") is not None:
            continue  # a layout table around the page: only innermost tables are metadata
        found: list[tuple[str, str]] = []
        for row in table.iter("tr"):
            cells = [_squeeze(cell.text_content()) for cell in row if cell.tag in CELL_TAGS]
            found.extend(_cell_pairs(cells))
        if sum(1 for label, _ in found if label in LABEL_FIELDS) >= MIN_LABELS_IN_TABLE:
            pairs.extend(found)
            _drop(table)
    return pairs


def _cell_pairs(cells: list[str]) -> list[tuple[str, str]]:
    """Pairs of one table row: label cells followed by value cells, or label：value in one cell."""
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        label = known_label(cells[i])
        if label is not None:
            following = cells[i + 1] if i + 1 < len(cells) else ""
            if known_label(following) is not None:
                following = ""
            else:
                i += 1
            pairs.append((label, following))
        else:
            pairs.extend(label_pairs([cells[i]]))
        i += 1
    return pairs


def _content(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The article container: the element named like one that holds the most Han text."""
    best: lxml_html.HtmlElement | None = None
    best_size = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        names = f"{element.get('id') or ''} {element.get('class') or ''}"
        if not CONTENT.search(names) or CHROME.search(names):
            continue
        size = len(re.findall(f"[{HAN}]", element.text_content()))
        if size > best_size:
            best, best_size = element, size
    return best


def _drop_chrome(root: lxml_html.HtmlElement, keep: lxml_html.HtmlElement | None) -> None:
    protected = set(keep.iterancestors()) | {keep} if keep is not None else set()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element in protected:
            continue
        names = f"{element.get('id') or ''} {element.get('class') or ''}"
        if element.tag in CHROME_TAGS or CHROME.search(names):
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _lines(root: etree._Element) -> list[str]:
    """The text of ``root``, one line per block element."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _squeeze("".join(buffer))
        if line:
            lines.append(line)
        buffer.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            elif tag in CELL_TAGS:
                buffer.append(" ")
            if element.text and tag:
                buffer.append(element.text)
            continue
        if tag in BLOCK_TAGS:
            flush()
        if element.tail and element is not root:
            buffer.append(element.tail)
    flush()
    return lines


def _squeeze(text: str) -> str:
    return WHITESPACE_RUN.sub(" ", text).strip(SPACE)
