"""The Document: a report's canonical text with its metadata and outline.

``Document.text`` is what every offset in luoshi points into (figures, outline,
sentences). Nothing downstream rewrites it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Format = Literal["txt", "html", "docx", "pdf"]

NodeKind = Literal[
    "part",  # 过去五年和2021年工作回顾 — the report's top divisions
    "section",  # 一、…  /  ——在…上聚焦发力
    "subsection",  # (一)… / （一）…
    "item",  # 一是… / 1.… / （1）…
    "lead",  # the phrase opening a paragraph: 做优现代农业。
]


@dataclass(slots=True)
class Span:
    """Half-open character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(slots=True)
class OutlineNode:
    """One heading of the outline and the stretch of text it governs.

    ``title`` is the heading as written (trailing 。 dropped) and lies at
    ``[title_start, title_end)``; ``[start, end)`` covers the heading and
    everything under it up to the next heading of the same or a higher rank.
    """

    kind: NodeKind
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    children: list[OutlineNode] = field(default_factory=list)
    style: str = ""  # how the heading is marked: cn-dun, dash, cn-paren, lead-phrase…


@dataclass(slots=True)
class Metadata:
    """政务公开 fields of the page and the speech's own header; absent fields are None."""

    title: str | None = None
    index_number: str | None = None  # 索引号
    credit_code: str | None = None  # first part of 索引号 when it is a unified social credit code
    credit_code_valid: bool | None = None  # GB 32100-2015 check character verified
    # the publisher's 9-character organisation code: the first part of 索引号 (the State
    # Council's form, 000014349/2022-00021), or characters 9–17 of its credit code
    organisation_code: str | None = None
    organisation_code_valid: bool | None = None  # GB 11714-1997 check character verified
    index_year: int | None = None
    index_serial: str | None = None
    disclosure: str | None = None  # 公开方式
    publisher: str | None = None  # 发布机构
    issuing_authority: str | None = None  # 发文机关
    category: str | None = None  # 组配分类
    topic: str | None = None  # 主题分类
    document_number: str | None = None  # 文件编号 / 发文字号
    issued: dt.date | None = None  # 发文日期
    written: dt.date | None = None  # 成文日期
    validity: str | None = None  # 有效性
    source: str | None = None  # 信息来源
    published: dt.date | None = None  # 发布日期
    views: int | None = None  # 浏览次数
    breadcrumb: list[str] = field(default_factory=list)
    delivered: dt.date | None = None  # date the speech was delivered
    session: str | None = None  # e.g. 武威市第五届人民代表大会第一次会议
    speaker: str | None = None  # e.g. 王国斌
    speaker_office: str | None = None  # e.g. 武威市代市长
    plan_year: int | None = None  # the year whose tasks the report sets
    fields: dict[str, str] = field(default_factory=dict)  # every label: value pair as found


@dataclass(slots=True)
class Document:
    """A report read from a file or bytes."""

    text: str
    format: Format
    source: str | None = None
    encoding: str | None = None
    metadata: Metadata = field(default_factory=Metadata)
    outline: list[OutlineNode] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    def headings_at(self, offset: int) -> list[OutlineNode]:
        """The outline nodes whose stretch holds ``offset``, outermost first."""
        path: list[OutlineNode] = []
        level = self.outline
        while level:
            starts = [node.start for node in level]
            i = bisect.bisect_right(starts, offset) - 1
            if i < 0 or not (level[i].start <= offset < level[i].end):
                break
            path.append(level[i])
            level = level[i].children
        return path

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph that holds ``offset``, or None between paragraphs."""
        return _span_at(self.paragraphs, offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that holds ``offset``, or None outside every sentence."""
        return _span_at(self.sentences, offset)

    def to_dict(self) -> dict[str, Any]:
        """The whole Document as plain JSON-ready data (dates as ISO strings)."""
        data = asdict(self)
        for key, value in data["metadata"].items():
            if isinstance(value, dt.date):
                data["metadata"][key] = value.isoformat()
        return data


def _span_at(spans: list[Span], offset: int) -> Span | None:
    i = bisect.bisect_right(spans, offset, key=lambda span: span.start) - 1
    if i >= 0 and spans[i].start <= offset < spans[i].end:
        return spans[i]
    return None
