"""What the public portal shows: plain, typed objects that feed a page and its ``.json`` twin.

Built by ``services.public`` from published data only; nothing here queries or decides.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

STATUS_ORDER = ("已完成", "超进度", "达进度", "未开始", "无法评估", "欠进度", "未完成", "逾期未报")
KIND_LABELS = {"target": "目标", "actual": "实绩", "estimate": "预计"}


class StatusCount(BaseModel):
    code: str = Field(description="Status computed by the engine (达进度, 欠进度, …)")
    colour: str = Field(description="green / amber / red; always shown with the code, never alone")
    count: int


class ReportLink(BaseModel):
    id: int
    title: str
    government: str
    year: int | None = Field(description="Year the report was delivered")
    plan_year: int | None = Field(description="Year whose tasks the report sets")
    commitments: int = Field(description="Published, confirmed commitments")


class GovernmentSummary(BaseModel):
    id: int
    name: str
    level: str
    reports: list[ReportLink]
    counts: list[StatusCount]


class Home(BaseModel):
    governments: list[GovernmentSummary]
    counts: list[StatusCount]
    demo: bool = Field(description="Whether the progress data is demonstration data (演示数据)")


class MetaField(BaseModel):
    label: str
    value: str


class Heading(BaseModel):
    title: str
    start: int
    depth: int
    anchor: str


class Mark(BaseModel):
    """A figure as it stands in the text."""

    id: int
    start: int
    end: int
    kind: str = Field(description="target / actual / estimate")
    kind_label: str
    measure: str = Field(description="level / rate / share / rank")
    indicator: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: str
    period: str
    commitment_id: int | None = Field(description="The commitment a target became, if published")


class Piece(BaseModel):
    text: str
    mark: Mark | None = None


class Paragraph(BaseModel):
    start: int
    anchor: str
    heading: int | None = Field(description="Depth when the paragraph is an outline heading")
    pieces: list[Piece]


class ReportPage(BaseModel):
    id: int
    title: str
    government: str
    year: int | None
    plan_year: int | None
    breadcrumb: list[str]
    meta: list[MetaField]
    outline: list[Heading]
    paragraphs: list[Paragraph]
    figure_counts: dict[str, int]
    views: int
    demo: bool


class LedgerRow(BaseModel):
    id: int
    title: str
    type: str
    indicator: str
    section: str
    target: str = Field(description="The target as written, comparator and unit included")
    period: str
    value: Decimal | None = Field(description="Latest approved reported value")
    unit: str
    reported_as_of: dt.date | None
    progress: float | None = Field(description="Reported value as a share of the target, 0–1")
    status: str
    colour: str
    lead: str | None
    lead_id: int | None
    due: dt.date | None


class Tally(BaseModel):
    name: str
    total: int
    counts: list[StatusCount]


class Option(BaseModel):
    value: str
    label: str
    selected: bool


class LedgerPage(BaseModel):
    report: ReportLink
    rows: list[LedgerRow]
    counts: list[StatusCount]
    by_section: list[Tally]
    by_department: list[Tally]
    statuses: list[Option]
    departments: list[Option]
    sections: list[Option]
    types: list[Option]
    filtered: bool
    status_as_of: dt.date | None
    demo: bool


class EvidenceLink(BaseModel):
    id: int
    filename: str
    url: str | None
    size: int | None


class ProgressEntry(BaseModel):
    as_of: dt.date
    value: Decimal | None
    milestone: str
    done: str
    problems: str
    next_steps: str
    department: str
    evidence: list[EvidenceLink]


class HistoryEntry(BaseModel):
    at: dt.datetime
    action: str
    reason: str


class Closing(BaseModel):
    """A closed year's verdict on a commitment, and the carry-over linking two years' ledgers."""

    verdict: str = Field(description="met / missed / not reported / ambiguous")
    reason: str
    outcome_sentence: str | None = Field(description="The next year's report's sentence")
    outcomes_report: int = Field(description="The report whose review gave the verdict")
    carried_to: int | None = Field(description="The new year's commitment it was carried to")
    carried_from: int | None = Field(description="The closed year's commitment it continues")


class CommitmentPage(BaseModel):
    id: int
    report: ReportLink
    title: str
    type: str
    indicator: str
    section: list[str]
    target: str
    period: str
    unit: str
    comparator: str | None
    target_value: Decimal | None
    start: int
    end: int
    paragraph_anchor: str
    paragraph: list[Piece]
    status: str
    colour: str
    explanation: str
    judgement: str | None
    lead: str | None
    partners: list[str]
    due: dt.date | None
    progress: list[ProgressEntry]
    history: list[HistoryEntry]
    demo: bool
    closing: Closing | None = Field(
        default=None, description="The next year's report's verdict, once its year is closed"
    )


class DepartmentPage(BaseModel):
    id: int
    name: str
    government: str
    rows: list[LedgerRow]
    counts: list[StatusCount]
    demo: bool


class SearchHit(BaseModel):
    report_id: int
    report_title: str
    government: str
    commitment_id: int | None
    start: int
    before: str
    match: str
    after: str


class SearchPage(BaseModel):
    query: str
    hits: list[SearchHit]


class Pair(BaseModel):
    """A result stated from one year to another (生产总值 423.3亿元 → 526.4亿元)."""

    indicator: str
    unit: str
    before_period: str
    before: Decimal
    after_period: str
    after: Decimal
    start: int


class Card(BaseModel):
    section: str
    targets: list[Mark]


class Illustration(BaseModel):
    report: ReportLink
    main_targets: list[Mark]
    pairs: list[Pair]
    livelihood: list[Mark]
    cards: list[Card]
    demo: bool
