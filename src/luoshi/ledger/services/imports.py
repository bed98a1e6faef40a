"""Reports into the ledger: read + extract, targets become proposed commitments.

An import is one transaction: interrupted anywhere, it leaves nothing behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import luoshi
from luoshi.errors import Conflict, ValidationFailed
from luoshi.extraction.figure import Figure
from luoshi.ledger.models import COMMITMENT_TYPES, Commitment, Report, ReportFigure, utcnow
from luoshi.ledger.services.audit import plain, record, row
from luoshi.ledger.services.editions import supersede
from luoshi.ledger.services.organisation import government_named
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch
from luoshi.ledger.services.search import index_report
from luoshi.ledger.status import criterion_of
from luoshi.reading.document import Document, OutlineNode

# A level whose quote holds one of these is read at a point in time (达到 100 亿元),
# not accumulated over the period (新增就业 1.5 万人).
POINT_IN_TIME_WORDS = ("达到", "保持", "稳定在", "控制在", "总量", "规模", "突破", "超过", "以上")


def import_file(
    session: Session,
    actor: Actor,
    path: Path,
    government: str,
    edition: str = "final",
    supersedes: int | None = None,
) -> Report:
    """Read and extract ``path``; store the report and its targets as proposed commitments."""
    authorize(actor, "import_report")
    document = luoshi.read(path)
    figures = luoshi.extract(document)
    return import_document(session, actor, document, figures, government, edition, supersedes)


def import_document(
    session: Session,
    actor: Actor,
    document: Document,
    figures: Sequence[Figure],
    government: str,
    edition: str = "final",
    supersedes: int | None = None,
) -> Report:
    """Store ``document`` as a draft Report and each target figure as a proposed commitment.

    ``supersedes``: the id of the draft (征求意见稿) a final report replaces.
    """
    authorize(actor, "import_report")
    if edition not in ("draft", "final"):
        raise ValidationFailed(f"edition must be draft (征求意见稿) or final, not {edition!r}")
    owner = government_named(session, government)
    if supersedes is not None:
        fetch(session, Report, supersedes)  # before this report takes the next id
    digest = hashlib.sha256(document.text.encode()).hexdigest()
    duplicate = session.scalars(
        select(Report).where(Report.government_id == owner.id, Report.sha256 == digest)
    ).first()
    if duplicate is not None:
        raise Conflict(f"this report text was imported already as report {duplicate.id}")
    meta = document.metadata
    delivered = meta.delivered or meta.written or meta.issued
    report = Report(
        government_id=owner.id,
        title=meta.title
        or (f"{meta.plan_year}年政府工作报告" if meta.plan_year else "")
        or Path(document.source or "report").stem,
        year=delivered.year if delivered else None,
        plan_year=meta.plan_year,
        edition=edition,
        state="draft",
        source=document.source or "",
        sha256=digest,
        text=document.text,
        meta={key: plain(value) for key, value in document.to_dict()["metadata"].items()},
        outline=list(_headings(document.outline, 0)),
    )
    session.add(report)
    record(session, actor, "import_report", report, None)
    for figure in figures:
        if not (0 <= figure.start < figure.end <= len(document.text)):
            raise ValidationFailed(f"figure {figure.quote!r} lies outside the report's text")
        session.add(_read_figure(figure, report))
        if figure.kind != "target":
            continue
        commitment = _from_figure(figure, report)
        session.add(commitment)
        record(session, actor, "propose", commitment, None)
    if supersedes is not None:
        supersede(session, actor, report, supersedes)
    return report


def _read_figure(figure: Figure, report: Report) -> ReportFigure:
    return ReportFigure(
        report_id=report.id,
        start=figure.start,
        end=figure.end,
        kind=figure.kind,
        indicator=figure.indicator[:200],
        measure=figure.measure,
        comparator=figure.comparator,
        value=figure.value,
        value_max=figure.value_max,
        unit=figure.unit[:20],
        period=figure.period[:20],
        quote=figure.quote,
        rule=figure.rule,
    )


def _headings(nodes: list[OutlineNode], depth: int) -> Iterator[list[Any]]:
    for node in nodes:
        yield [node.title, node.start, node.end, depth]
        yield from _headings(node.children, depth + 1)


def section_at(report: Report, offset: int) -> list[str]:
    """The titles of the headings whose stretch holds ``offset``, outermost first."""
    path: list[str] = []
    for title, start, end, depth in report.outline:
        if start <= offset < end:
            path = [*path[:depth], title]
    return path


def _from_figure(figure: Figure, report: Report) -> Commitment:
    point = any(word in figure.quote for word in POINT_IN_TIME_WORDS)
    return Commitment(
        report_id=report.id,
        government_id=report.government_id,
        type="量化指标",
        title=figure.indicator or figure.quote,
        start=figure.start,
        end=figure.end,
        quote=figure.quote,
        section=list(figure.section),
        period=figure.period or str(report.plan_year or ""),
        figure=figure.to_full_record(),
        indicator=figure.indicator,
        measure=figure.measure,
        cumulative=figure.measure == "level" and not point,
        comparator=figure.comparator,
        target=figure.value,
        target_max=figure.value_max,
        unit=figure.unit,
        review_state="proposed",
    )


def add_task(
    session: Session,
    actor: Actor,
    report_id: int,
    start: int,
    end: int,
    type_: str = "工作任务",
    criterion: str | None = None,
    period: str | None = None,
    title: str | None = None,
) -> Commitment:
    """A qualitative task: a span of the report's text and its completion criterion."""
    authorize(actor, "add_task")
    report = fetch(session, Report, report_id)
    if not (0 <= start < end <= len(report.text)):
        raise ValidationFailed(f"span {start}:{end} is not inside the report's {len(report.text)}")
    if type_ not in COMMITMENT_TYPES:
        raise ValidationFailed(f"type must be one of {'、'.join(COMMITMENT_TYPES)}, not {type_!r}")
    quote = report.text[start:end]
    criterion = criterion or criterion_of(quote)
    if criterion not in ("started", "completed"):
        raise ValidationFailed(f"criterion must be started or completed, not {criterion!r}")
    task = Commitment(
        report_id=report.id,
        government_id=report.government_id,
        type=type_,
        title=title or quote.strip()[:200],
        start=start,
        end=end,
        quote=quote,
        section=section_at(report, start),
        period=period or str(report.plan_year or ""),
        criterion=criterion,
        review_state="proposed",
    )
    session.add(task)
    record(session, actor, "add_task", task, None)
    return task


def publish_report(
    session: Session, actor: Actor, report_id: int, expected_version: int | None = None
) -> Report:
    """Publish a report: its text is frozen and its confirmed commitments become public."""
    authorize(actor, "publish_report")
    report = fetch(session, Report, report_id)
    expect_version(report, expected_version)
    if report.state == "published":
        raise Conflict(f"report {report_id} is published already")
    before = row(report)
    report.state = "published"
    report.published_at = utcnow()
    index_report(session, report)
    record(session, actor, "publish_report", report, before)
    return report


def commitment_count(session: Session, report_id: int) -> int:
    """How many commitments a report has."""
    query = select(func.count(Commitment.id)).where(Commitment.report_id == report_id)
    return session.scalar(query) or 0
