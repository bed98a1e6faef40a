"""The public portal's data: published reports and their confirmed commitments, nothing else.

Each function builds one page's object (``public_views``); the web layer renders it as HTML or
returns it as JSON. Every query goes through ``_published`` — a draft report, a proposed or
rejected commitment, a progress report not yet approved never reaches the public side.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import NotFound, ValidationFailed
from luoshi.ledger import status as engine
from luoshi.ledger.models import (
    COMMITMENT_TYPES,
    Assignment,
    AuditEvent,
    Commitment,
    Department,
    ProgressReport,
    Report,
    ReportFigure,
    ReportView,
    StatusCache,
)
from luoshi.ledger.services import closing
from luoshi.ledger.services import search as search_service
from luoshi.ledger.services.policy import PUBLIC
from luoshi.ledger.services.public_views import (
    KIND_LABELS,
    STATUS_ORDER,
    Card,
    Closing,
    CommitmentPage,
    DepartmentPage,
    EvidenceLink,
    GovernmentSummary,
    Heading,
    HistoryEntry,
    Home,
    Illustration,
    LedgerPage,
    LedgerRow,
    Mark,
    MetaField,
    Option,
    Pair,
    Paragraph,
    Piece,
    ProgressEntry,
    ReportLink,
    ReportPage,
    SearchHit,
    SearchPage,
    StatusCount,
    Tally,
)
from luoshi.ledger.services.tracking import explain

# The 政务公开 block as portals lay it out. Columns: label, Metadata field.
META_LABELS: tuple[tuple[str, str], ...] = (
    ("索引号", "index_number"),
    ("公开方式", "disclosure"),
    ("发布机构", "publisher"),
    ("组配分类", "category"),
    ("文件编号", "document_number"),
    ("发文日期", "issued"),
    ("成文日期", "written"),
    ("有效性", "validity"),
    ("信息来源", "source"),
    ("发布日期", "published"),
)
COMPARATOR_WORDS = {">=": "不低于", "<=": "不高于", "~": "左右", "=": ""}
# Journal actions the public history shows, in words. Columns: action, label.
PUBLIC_ACTIONS: dict[str, str] = {
    "propose": "从报告中提取",
    "add_task": "列入台账",
    "confirm": "审核确认",
    "edit": "修改",
    "split": "拆分",
    "assign": "明确责任单位",
}
# Sections whose targets are the year's 为民实事 / 民生实事.
LIVELIHOOD_WORDS = ("民生实事", "为民实事", "惠民实事", "民生工程", "实事")
MAIN_TARGET_WORDS = ("预期目标", "主要目标")


def public_report(session: Session, report_id: int) -> Report:
    """A published report, or NotFound (a draft does not exist for the public)."""
    report = session.get(Report, report_id)
    if report is None or report.state != "published":
        raise NotFound(f"no published report with id {report_id}")
    return report


def _public(report_id: int | None = None) -> tuple[ColumnElement[bool], ...]:
    conditions: tuple[ColumnElement[bool], ...] = (
        Commitment.review_state == "confirmed",
        Commitment.report_id.in_(select(Report.id).where(Report.state == "published")),
    )
    if report_id is not None:
        conditions += (Commitment.report_id == report_id,)
    return conditions


def _closing(session: Session, commitment_id: int) -> Closing | None:
    """The commitment's closed-year verdict and carry-over links, each to a public page only."""
    verdict = closing.verdict_of(session, commitment_id)
    origin = closing.carried_from(session, commitment_id)
    public_ids = set(
        session.scalars(
            select(Commitment.id).where(
                Commitment.id.in_(
                    [i for i in (verdict and verdict.carried_to_id, origin and origin.id) if i]
                ),
                *_public(),
            )
        )
    )
    if origin is not None and origin.id in public_ids:
        origin_verdict = closing.verdict_of(session, origin.id)
        assert origin_verdict is not None  # a carry-over is made from a verdict
        verdict, carried_from = origin_verdict, origin.id
    elif verdict is not None:
        carried_from = None
    else:
        return None
    mine = verdict.commitment_id == commitment_id
    later = session.get(Report, verdict.outcomes_report_id)
    if later is None or later.state != "published":
        return None  # the verdict quotes a report the public cannot read yet
    carried_to = verdict.carried_to_id if verdict.carried_to_id in public_ids else None
    return Closing(
        verdict=verdict.verdict,
        reason=verdict.reason,
        outcome_sentence=(verdict.outcome or {}).get("sentence"),
        outcomes_report=verdict.outcomes_report_id,
        carried_to=carried_to if mine else None,
        carried_from=carried_from,
    )


def _tally(codes: Counter[str]) -> list[StatusCount]:
    return [
        StatusCount(code=code, colour=engine.STATUSES[code][0], count=codes[code])
        for code in STATUS_ORDER
        if codes.get(code)
    ]


def report_link(session: Session, report: Report) -> ReportLink:
    """The short description of a published report that pages link to."""
    count = session.scalar(select(func.count(Commitment.id)).where(*_public(report.id))) or 0
    return ReportLink(
        id=report.id,
        title=report.title,
        government=report.government.name,
        year=report.year,
        plan_year=report.plan_year,
        commitments=count,
    )


def home(session: Session, demo: bool = False) -> Home:
    """The governments hosted, their published reports by year, and commitments by status."""
    reports = session.scalars(
        select(Report)
        .where(Report.state == "published")
        .order_by(Report.government_id, Report.year.desc(), Report.id.desc())
    ).all()
    status_rows = session.execute(
        select(Commitment.government_id, StatusCache.code, func.count())
        .join(StatusCache, StatusCache.commitment_id == Commitment.id)
        .where(*_public(), Commitment.parent_id.is_(None))
        .group_by(Commitment.government_id, StatusCache.code)
    ).all()
    by_government: dict[int, Counter[str]] = defaultdict(Counter)
    for government_id, code, count in status_rows:
        by_government[government_id][code] += count
    governments: dict[int, GovernmentSummary] = {}
    for report in reports:
        government = report.government
        summary = governments.get(government.id)
        if summary is None:
            summary = governments[government.id] = GovernmentSummary(
                id=government.id,
                name=government.name,
                level=government.level,
                reports=[],
                counts=_tally(by_government[government.id]),
            )
        summary.reports.append(report_link(session, report))
    total: Counter[str] = Counter()
    for codes in by_government.values():
        total.update(codes)
    return Home(governments=list(governments.values()), counts=_tally(total), demo=demo)


def anchor(offset: int) -> str:
    """The fragment id of the paragraph starting at ``offset``."""
    return f"p{offset}"


def anchor_at(text: str, offset: int) -> str:
    """The fragment id of the paragraph of ``text`` that holds ``offset`` (a figure's start)."""
    starts = [start for start, _ in search_service.paragraphs(text) if start <= offset]
    return anchor(starts[-1] if starts else 0)


def _marks(session: Session, report: Report, span: tuple[int, int] | None = None) -> list[Mark]:
    """The report's figures as marks, each with its public commitment; ``span``: only there.

    A figure that became a commitment is shown as the office reviewed it (value, span and all),
    found by its span as extracted (``Commitment.figure``) or as it stands."""
    commitments_query = select(Commitment).where(*_public(report.id))
    figures_query = select(ReportFigure).where(ReportFigure.report_id == report.id)
    if span is not None:
        commitments_query = commitments_query.where(
            Commitment.start == span[0], Commitment.end == span[1]
        )
    linked: dict[tuple[int, int], Commitment] = {}
    for commitment in session.scalars(commitments_query):
        linked[(commitment.start, commitment.end)] = commitment
        if commitment.figure is not None:
            extracted = (commitment.figure["start"], commitment.figure["end"])
            linked.setdefault(extracted, commitment)
    if span is not None:
        spans = {span, *linked}
        figures_query = figures_query.where(
            or_(*(and_(ReportFigure.start == s, ReportFigure.end == e) for s, e in spans))
        )
    figures = session.scalars(figures_query.order_by(ReportFigure.start, ReportFigure.id))
    marks = [_mark(figure, linked.get((figure.start, figure.end))) for figure in figures]
    return sorted(marks, key=lambda mark: (mark.start, mark.id))


def _mark(figure: ReportFigure, commitment: Commitment | None) -> Mark:
    mark = Mark(
        id=figure.id,
        start=figure.start,
        end=figure.end,
        kind=figure.kind,
        kind_label=KIND_LABELS.get(figure.kind, figure.kind),
        measure=figure.measure,
        indicator=figure.indicator,
        value=figure.value,
        value_max=figure.value_max,
        unit=figure.unit,
        comparator=figure.comparator,
        period=figure.period,
        commitment_id=None if commitment is None else commitment.id,
    )
    if commitment is None or commitment.target is None:
        return mark
    return mark.model_copy(  # as the office reviewed it
        update={
            "start": commitment.start,
            "end": commitment.end,
            "measure": commitment.measure or figure.measure,
            "indicator": commitment.indicator,
            "value": commitment.target,
            "value_max": commitment.target_max,
            "unit": commitment.unit,
            "comparator": commitment.comparator or figure.comparator,
            "period": commitment.period,
        }
    )


def _pieces(text: str, offset: int, marks: list[Mark]) -> list[Piece]:
    """``text`` (starting at ``offset`` of the report) cut around the marks that lie inside it."""
    pieces: list[Piece] = []
    at = offset
    end = offset + len(text)
    for mark in marks:
        if mark.start < at or mark.end > end:
            continue
        if mark.start > at:
            pieces.append(Piece(text=text[at - offset : mark.start - offset]))
        pieces.append(Piece(text=text[mark.start - offset : mark.end - offset], mark=mark))
        at = mark.end
    if at < end:
        pieces.append(Piece(text=text[at - offset :]))
    return pieces


def report_page(session: Session, report_id: int, demo: bool = False) -> ReportPage:
    """A published report as a 政务公开 page: metadata, outline, text with every figure marked."""
    report = public_report(session, report_id)
    meta = report.meta or {}
    marks = _marks(session, report)
    headings = {int(start): int(depth) for _title, start, _end, depth in report.outline}
    starts = [m.start for m in marks]  # marks come sorted by start: each paragraph's by bisection
    paragraphs = []
    for start, line in search_service.paragraphs(report.text):
        inside = marks[
            bisect.bisect_left(starts, start) : bisect.bisect_left(starts, start + len(line))
        ]
        paragraphs.append(
            Paragraph(
                start=start,
                anchor=anchor(start),
                heading=_heading_depth(headings, start, line),
                pieces=_pieces(line, start, inside),
            )
        )
    views = session.get(ReportView, report.id)
    return ReportPage(
        id=report.id,
        title=report.title,
        government=report.government.name,
        year=report.year,
        plan_year=report.plan_year,
        breadcrumb=[str(part) for part in meta.get("breadcrumb") or [] if part != "首页"],
        meta=[MetaField(label=label, value=str(meta.get(key) or "")) for label, key in META_LABELS],
        outline=[
            Heading(
                title=str(title),
                start=int(start),
                depth=int(depth),
                anchor=anchor(_paragraph_start(paragraphs, int(start))),
            )
            for title, start, _end, depth in report.outline
        ],
        paragraphs=paragraphs,
        figure_counts=dict(Counter(m.kind for m in marks)),
        views=views.count if views else 0,
        demo=demo,
    )


def _paragraph_start(paragraphs: list[Paragraph], offset: int) -> int:
    """The start of the paragraph holding ``offset`` (a heading may open mid-line)."""
    starts = [p.start for p in paragraphs if p.start <= offset]
    return starts[-1] if starts else 0


def _heading_depth(headings: dict[int, int], start: int, line: str) -> int | None:
    stripped = len(line) - len(line.lstrip())
    return headings.get(start, headings.get(start + stripped))


def count_view(session: Session, report_id: int) -> None:
    """Count one reading of a published report's page (the caller leaves out bots and repeats)."""
    public_report(session, report_id)
    updated = session.execute(
        update(ReportView)
        .where(ReportView.report_id == report_id)
        .values(count=ReportView.count + 1)
    )
    if getattr(updated, "rowcount", 0) == 0:
        session.add(ReportView(report_id=report_id, count=1))


def target_text(
    comparator: str | None, value: Decimal | None, maximum: Decimal | None, unit: str
) -> str:
    """A target in words: 不低于 1.5万人, 6.5%左右, 2至3%."""
    if value is None:
        return ""
    number = f"{value}" if maximum is None else f"{value}至{maximum}"
    if comparator == "~":
        return f"{number}{unit}左右"
    word = COMPARATOR_WORDS.get(comparator or "=", "")
    return f"{word}{number}{unit}"


def _progress(commitment: Commitment, value: Decimal | None) -> float | None:
    if value is None or commitment.target is None or commitment.target <= 0:
        return None
    if commitment.comparator == "<=" or commitment.measure == "rank":
        return None
    return float(min(Decimal(1), max(Decimal(0), value / commitment.target)))


def _rows(session: Session, conditions: tuple[ColumnElement[bool], ...]) -> list[LedgerRow]:
    query = (
        select(Commitment, StatusCache)
        .outerjoin(StatusCache, StatusCache.commitment_id == Commitment.id)
        .where(*_public(), Commitment.parent_id.is_(None), *conditions)
        .options(selectinload(Commitment.assignment).selectinload(Assignment.lead))
        .order_by(Commitment.start, Commitment.id)
    )
    rows = []
    for commitment, cached in session.execute(query):
        assignment = commitment.assignment
        value = cached.value if cached else None
        code = cached.code if cached else "无法评估"
        rows.append(
            LedgerRow(
                id=commitment.id,
                title=commitment.title,
                type=commitment.type,
                indicator=commitment.indicator,
                section=(commitment.section or [""])[0],
                target=target_text(
                    commitment.comparator, commitment.target, commitment.target_max, commitment.unit
                ),
                period=commitment.period,
                value=value,
                unit=commitment.unit,
                reported_as_of=cached.reported_as_of if cached else None,
                progress=_progress(commitment, value),
                status=code,
                colour=engine.STATUSES[code][0],
                lead=assignment.lead.name if assignment else None,
                lead_id=assignment.lead_id if assignment else None,
                due=assignment.due if assignment else None,
            )
        )
    return rows


def _tallies(rows: list[LedgerRow], key: str) -> list[Tally]:
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        groups[getattr(row, key) or "未分配"][row.status] += 1
    return [
        Tally(name=name, total=sum(codes.values()), counts=_tally(codes))
        for name, codes in groups.items()
    ]


def _options(
    values: list[str], selected: str | None, labels: dict[str, str] | None = None
) -> list[Option]:
    return [
        Option(value=value, label=(labels or {}).get(value, value), selected=value == selected)
        for value in dict.fromkeys(values)
    ]


def ledger_page(
    session: Session,
    report_id: int,
    *,
    status: str | None = None,
    department: str | None = None,
    section: str | None = None,
    type: str | None = None,
    demo: bool = False,
) -> LedgerPage:
    """A report's ledger (亮底晒单): counts, tallies, filters that are links, and the rows."""
    report = public_report(session, report_id)
    if status is not None and status not in engine.STATUSES:
        raise ValidationFailed(f"status must be one of {'、'.join(engine.STATUSES)}")
    if type is not None and type not in COMMITMENT_TYPES:
        raise ValidationFailed(f"type must be one of {'、'.join(COMMITMENT_TYPES)}")
    every = _rows(session, (Commitment.report_id == report.id,))
    rows = [
        row
        for row in every
        if (status is None or row.status == status)
        and (department is None or row.lead == department)
        and (section is None or row.section == section)
        and (type is None or row.type == type)
    ]
    as_of = session.scalar(
        select(func.max(StatusCache.as_of)).where(StatusCache.government_id == report.government_id)
    )
    return LedgerPage(
        report=report_link(session, report),
        rows=rows,
        counts=_tally(Counter(row.status for row in rows)),
        by_section=_tallies(rows, "section"),
        by_department=_tallies(rows, "lead"),
        statuses=_options([c for c in STATUS_ORDER if any(r.status == c for r in every)], status),
        departments=_options(sorted({r.lead for r in every if r.lead}), department),
        sections=_options([r.section for r in every if r.section], section),
        types=_options([t for t in COMMITMENT_TYPES if any(r.type == t for r in every)], type),
        filtered=any(v is not None for v in (status, department, section, type)),
        status_as_of=as_of,
        demo=demo,
    )


def commitment_page(
    session: Session,
    commitment_id: int,
    tolerance: engine.Tolerance,
    today: dt.date,
    demo: bool = False,
) -> CommitmentPage:
    """One published commitment: its source, status explained, reports, evidence and history."""
    commitment = session.scalars(
        select(Commitment).where(Commitment.id == commitment_id, *_public())
    ).first()
    if commitment is None:
        raise NotFound(f"no published commitment with id {commitment_id}")
    entry = explain(session, PUBLIC, commitment_id, tolerance, today)
    report = commitment.report
    start, line = next(
        (
            (start, line)
            for start, line in search_service.paragraphs(report.text)
            if start <= commitment.start < start + len(line)
        ),
        (commitment.start, commitment.quote),
    )
    mark = next(iter(_marks(session, report, (commitment.start, commitment.end))), None)
    assignment = commitment.assignment
    approved = session.scalars(
        select(ProgressReport)
        .where(
            ProgressReport.commitment_id == commitment.id,
            ProgressReport.state == "approved",
        )
        .options(selectinload(ProgressReport.evidence))
        .order_by(ProgressReport.as_of, ProgressReport.id)
    ).all()
    departments = {
        d.id: d.name
        for d in session.scalars(
            select(Department).where(Department.government_id == commitment.government_id)
        )
    }
    about = (AuditEvent.entity == "commitments") & (AuditEvent.entity_id == commitment.id)
    if assignment is not None:
        about |= (AuditEvent.entity == "assignments") & (AuditEvent.entity_id == assignment.id)
    history = session.scalars(select(AuditEvent).where(about).order_by(AuditEvent.id)).all()
    return CommitmentPage(
        id=commitment.id,
        report=report_link(session, report),
        title=commitment.title,
        type=commitment.type,
        indicator=commitment.indicator,
        section=list(commitment.section or []),
        target=target_text(
            commitment.comparator, commitment.target, commitment.target_max, commitment.unit
        ),
        period=commitment.period,
        unit=commitment.unit,
        comparator=commitment.comparator,
        target_value=commitment.target,
        start=commitment.start,
        end=commitment.end,
        paragraph_anchor=anchor(start),
        paragraph=_pieces(line, start, [mark] if mark else []),
        status=entry.status.code,
        colour=entry.status.colour,
        explanation=entry.status.explanation,
        judgement=f"{entry.judgement.code}：{entry.judgement.reason}" if entry.judgement else None,
        lead=assignment.lead.name if assignment else None,
        partners=[p.department.name for p in assignment.partners] if assignment else [],
        due=assignment.due if assignment else None,
        progress=[
            ProgressEntry(
                as_of=r.as_of,
                value=r.value,
                milestone=r.milestone,
                done=r.done,
                problems=r.problems,
                next_steps=r.next_steps,
                department=departments.get(r.department_id, ""),
                evidence=[
                    EvidenceLink(
                        id=e.id, filename=e.filename or e.url or "", url=e.url, size=e.size
                    )
                    for e in r.evidence
                ],
            )
            for r in approved
            if not r.contribution
        ],
        history=[
            HistoryEntry(
                at=e.at.replace(tzinfo=dt.UTC), action=PUBLIC_ACTIONS[e.action], reason=e.reason
            )
            for e in history
            if e.action in PUBLIC_ACTIONS
        ],
        demo=demo,
        closing=_closing(session, commitment.id),
    )


def department_page(session: Session, department_id: int, demo: bool = False) -> DepartmentPage:
    """A department's published commitments (as lead) and how they stand."""
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(f"no department with id {department_id}")
    rows = _rows(
        session,
        (
            Commitment.id.in_(
                select(Assignment.commitment_id).where(Assignment.lead_id == department_id)
            ),
        ),
    )
    return DepartmentPage(
        id=department.id,
        name=department.name,
        government=department.government.name,
        rows=rows,
        counts=_tally(Counter(row.status for row in rows)),
        demo=demo,
    )


def department_id_named(session: Session, report_id: int, name: str) -> int | None:
    """The id of the department called ``name`` in the government of a published report."""
    report = public_report(session, report_id)
    return session.scalar(
        select(Department.id).where(
            Department.government_id == report.government_id, Department.name == name
        )
    )


def search_page(session: Session, query: str) -> SearchPage:
    """Published paragraphs and commitments that hold ``query``."""
    hits = search_service.search(session, query)
    return SearchPage(
        query=query,
        hits=[
            SearchHit(
                report_id=h.report_id,
                report_title=h.report_title,
                government=h.government,
                commitment_id=h.commitment_id,
                start=h.start,
                before=h.before,
                match=h.match,
                after=h.after,
            )
            for h in hits
        ],
    )


def illustration(session: Session, report_id: int, demo: bool = False) -> Illustration:
    """The report's 图解, drawn from its figures: never typed by hand."""
    report = public_report(session, report_id)
    marks = _marks(session, report)
    sections = _sections(report)
    targets = [m for m in marks if m.kind == "target" and m.commitment_id is not None]
    main = [m for m in targets if any(w in sections(m.start) for w in MAIN_TARGET_WORDS)]
    if not main:  # no section says so: the year's rates are its main expected targets
        main = [m for m in targets if m.unit in ("%", "个百分点")][:12]
    livelihood = [m for m in targets if any(w in sections(m.start) for w in LIVELIHOOD_WORDS)]
    cards: dict[str, list[Mark]] = defaultdict(list)
    for mark in targets:
        cards[_top_section(report, mark.start)].append(mark)
    return Illustration(
        report=report_link(session, report),
        main_targets=main,
        pairs=_pairs(report, marks),
        livelihood=livelihood,
        cards=[Card(section=name, targets=group) for name, group in cards.items() if name],
        demo=demo,
    )


def _sections(report: Report) -> Callable[[int], str]:
    """A function: offset → the titles of the headings around it, joined."""

    def titles(offset: int) -> str:
        return " ".join(
            str(title) for title, start, end, _depth in report.outline if start <= offset < end
        )

    return titles


def _top_section(report: Report, offset: int) -> str:
    return next(
        (
            str(title)
            for title, start, end, depth in report.outline
            if depth == 0 and start <= offset < end
        ),
        "",
    )


def _pairs(report: Report, marks: list[Mark]) -> list[Pair]:
    """Results of one indicator stated for two years in one paragraph: earlier → later."""
    pairs = []
    for start, line in search_service.paragraphs(report.text):
        inside = [
            m
            for m in marks
            if start <= m.start < start + len(line)
            and m.kind == "actual"
            and m.measure == "level"
            and m.period.isdigit()
        ]
        for first, second in itertools.pairwise(inside):
            if (
                first.indicator
                and first.indicator == second.indicator
                and first.unit == second.unit
                and first.period < second.period
            ):
                pairs.append(
                    Pair(
                        indicator=first.indicator,
                        unit=first.unit,
                        before_period=first.period,
                        before=first.value,
                        after_period=second.period,
                        after=second.value,
                        start=first.start,
                    )
                )
    return pairs
