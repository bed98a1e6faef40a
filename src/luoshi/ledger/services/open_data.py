"""Open data: a published report's figures and its ledger as tables (CSV, XLSX, JSON).

Columns are stable and documented here, ids are the ledger's own, so a download can be joined to
the API and to next year's download. Only published data: the rows come from ``public``.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.ledger.models import Commitment, ReportFigure
from luoshi.ledger.services import public

# Columns: name, description.
FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("figure_id", "数字编号（台账内唯一）"),
    ("report_id", "报告编号"),
    ("start", "在报告全文中的起始字符位置"),
    ("end", "结束字符位置（不含）"),
    ("kind", "target 目标 / actual 实绩 / estimate 预计"),
    ("indicator", "指标"),
    ("measure", "level 总量 / rate 增速 / share 占比 / rank 位次"),
    ("comparator", "= / >= / <= / ~（左右）"),
    ("value", "数值（按原文单位）"),
    ("value_max", "区间上限（如有）"),
    ("unit", "单位（原文）"),
    ("period", "时期"),
    ("quote", "原文"),
    ("commitment_id", "对应的台账事项编号（目标已确认并公开时）"),
)
LEDGER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("commitment_id", "台账事项编号"),
    ("report_id", "报告编号"),
    ("type", "类型：量化指标 / 为民实事 / 重大项目 / 工作任务"),
    ("title", "事项"),
    ("indicator", "指标"),
    ("section", "所在部分"),
    ("target", "目标（原文口径）"),
    ("period", "时期"),
    ("unit", "单位"),
    ("lead", "牵头单位"),
    ("due", "完成时限"),
    ("value", "最新报送值（已审核）"),
    ("reported_as_of", "报送截至日期"),
    ("status", "进度状态（系统计算）"),
)


def figure_table(session: Session, report_id: int) -> list[dict[str, Any]]:
    """Every figure of a published report, one row each, in text order."""
    page = public.report_page(session, report_id)  # refuses an unpublished report
    commitments = {
        (c.start, c.end): c.id
        for c in session.scalars(
            select(Commitment).where(
                Commitment.report_id == page.id, Commitment.review_state == "confirmed"
            )
        )
    }
    figures = session.scalars(
        select(ReportFigure)
        .where(ReportFigure.report_id == page.id)
        .order_by(ReportFigure.start, ReportFigure.id)
    )
    return [
        {
            "figure_id": f.id,
            "report_id": f.report_id,
            "start": f.start,
            "end": f.end,
            "kind": f.kind,
            "indicator": f.indicator,
            "measure": f.measure,
            "comparator": f.comparator,
            "value": f.value,
            "value_max": f.value_max,
            "unit": f.unit,
            "period": f.period,
            "quote": f.quote,
            "commitment_id": commitments.get((f.start, f.end)),
        }
        for f in figures
    ]


def ledger_table(session: Session, report_id: int) -> list[dict[str, Any]]:
    """A published report's ledger, one row per top-level commitment."""
    page = public.ledger_page(session, report_id)
    return [
        {
            "commitment_id": row.id,
            "report_id": report_id,
            "type": row.type,
            "title": row.title,
            "indicator": row.indicator,
            "section": row.section,
            "target": row.target,
            "period": row.period,
            "unit": row.unit,
            "lead": row.lead,
            "due": row.due,
            "value": row.value,
            "reported_as_of": row.reported_as_of,
            "status": row.status,
        }
        for row in page.rows
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet must never read report text as a formula
    return value if isinstance(value, int | float) else str(value)


def to_csv(columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel opens it as UTF-8), header of column names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(name for name, _ in columns)
    for row in rows:
        writer.writerow(_cell(row[name]) for name, _ in columns)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(columns: tuple[tuple[str, str], ...], rows: list[dict[str, Any]], sheet: str) -> bytes:
    """An XLSX workbook: the data sheet and a 说明 sheet describing each column."""
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = sheet
    data.append([name for name, _ in columns])
    for row in rows:
        data.append([_cell(row[name]) for name, _ in columns])
    notes = book.create_sheet("说明")
    notes.append(["列", "含义"])
    for name, description in columns:
        notes.append([name, description])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
