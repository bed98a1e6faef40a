"""The public portal's routes: each page and its ``.json`` twin, open data, QR codes, 图解.

A ``.json`` route returns the page's object (its schema is in ``/openapi.json``); the page
without the suffix renders the same object. Routes decide nothing: the service does.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import segno
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from luoshi.config import Settings
from luoshi.errors import NotFound
from luoshi.ledger.models import COMMITMENT_TYPES, Evidence, ProgressReport
from luoshi.ledger.services import open_data, public, report_diff, scorecard
from luoshi.ledger.services.evidence import evidence_path
from luoshi.ledger.services.public_views import (
    CommitmentPage,
    DepartmentPage,
    Home,
    Illustration,
    LedgerPage,
    ReportPage,
    SearchPage,
)
from luoshi.ledger.services.report_diff import ReportDiff
from luoshi.ledger.services.scorecard import Scorecard
from luoshi.ledger.services.tracking import tolerance_from
from luoshi.ledger.status import STATUSES
from luoshi.web.deps import page_context, session, today
from luoshi.web.visits import Visits


class Problem(BaseModel):
    """What every error of the open data API answers: one line saying what is wrong."""

    detail: str


# The app answers every error with a Problem (app.py's handlers), a FastAPI request-validation
# error included: the schema says so, instead of FastAPI's default list of validation errors.
router = APIRouter(
    responses={
        404: {"model": Problem, "description": "没有这一项（或尚未公开）"},
        422: {"model": Problem, "description": "请求参数有误"},
    }
)
visits = Visits()


Db = Annotated[Session, Depends(session, scope="function")]
# Ids are the database's 64-bit integers: a larger one is a 422, never an overflow in the driver.
Id = Annotated[int, Path(ge=1, le=2**63 - 1, description="编号")]
Status = Annotated[str | None, Query(description="进度状态，如 欠进度")]
Department = Annotated[str | None, Query(description="牵头单位名称")]
Section = Annotated[str | None, Query(description="报告中的部分标题")]
Type = Annotated[str | None, Query(description=f"类型：{'、'.join(COMMITMENT_TYPES)}")]


def render(request: Request, template: str, page: BaseModel, **extra: Any) -> HTMLResponse:
    """The page object through its template; a ``font`` choice is remembered in a cookie."""
    templates = request.app.state.templates
    context = {"page": page, **page_context(request), **extra}
    response: HTMLResponse = templates.TemplateResponse(request, template, context)
    font = request.query_params.get("font")
    if font in ("s", "m", "l"):
        response.set_cookie("font", font, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def chart_data(value: Any) -> str:
    """Data for the page's charts, as JSON inside <script type="application/json"> (inert)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def demo(request: Request) -> bool:
    return bool(request.app.state.demo)


# Home


@router.get("/index.json", response_model=Home, tags=["portal"], summary="首页：政府与报告")
def home_json(request: Request, db: Db) -> Home:
    return public.home(db, demo(request))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, db: Db) -> HTMLResponse:
    page = home_json(request, db)
    return render(request, "home.html", page, charts=chart_data(_status_chart(page.counts)))


def _status_chart(counts: list[Any]) -> dict[str, Any]:
    return _status_chart_of([c.model_dump() for c in counts])


def _status_chart_of(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of counts: each item a ``code`` (its label), a ``count`` and a ``colour``."""
    return {"type": "status", "items": items}


# The 成绩单's bars. Columns: verdict, label, colour.
VERDICT_BARS = (
    ("met", "完成", "green"),
    ("missed", "未完成", "red"),
    ("ambiguous", "存疑", "amber"),
    ("not reported", "未报告", "amber"),
)


# Report


@router.get(
    "/reports/{report_id}.json", response_model=ReportPage, tags=["portal"], summary="报告全文"
)
def report_json(request: Request, db: Db, report_id: Id) -> ReportPage:
    return public.report_page(db, report_id, demo(request))


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, db: Db, report_id: Id, print: bool = False) -> HTMLResponse:
    page = report_json(request, db, report_id)
    client = request.client.host if request.client else ""
    if not print and visits.counts(client, request.headers.get("user-agent", ""), report_id):
        public.count_view(db, report_id)
        page.views += 1
    return render(
        request,
        "report.html",
        page,
        qr=_qr(str(request.url.replace(query=None))),
        print=print,
    )


def _qr(address: str) -> str:
    return segno.make(address, error="m").svg_data_uri(scale=3, border=2)


@router.get("/reports/{report_id}/qr.svg", include_in_schema=False)
def report_qr(request: Request, db: Db, report_id: Id) -> Response:
    public.report_page(db, report_id)  # only a published report has a public address
    address = str(request.url_for("report_page", report_id=report_id))
    svg = segno.make(address, error="m").svg_inline(scale=4, border=2)
    return Response(svg, media_type="image/svg+xml")


# 图解


@router.get(
    "/reports/{report_id}/illustration.json",
    response_model=Illustration,
    tags=["portal"],
    summary="图解：主要目标、前后对比、民生实事",
)
def illustration_json(request: Request, db: Db, report_id: Id) -> Illustration:
    return public.illustration(db, report_id, demo(request))


@router.get(
    "/reports/{report_id}/illustration", response_class=HTMLResponse, include_in_schema=False
)
def illustration_page(request: Request, db: Db, report_id: Id) -> HTMLResponse:
    page = illustration_json(request, db, report_id)
    pairs = [
        {
            "indicator": p.indicator,
            "unit": p.unit,
            "before": [p.before_period, float(p.before)],
            "after": [p.after_period, float(p.after)],
        }
        for p in page.pairs
    ]
    return render(
        request, "illustration.html", page, charts=chart_data({"type": "pairs", "items": pairs})
    )


@router.get("/reports/{report_id}/illustration.svg", include_in_schema=False)
def illustration_svg(request: Request, db: Db, report_id: Id) -> Response:
    page = illustration_json(request, db, report_id)
    templates = request.app.state.templates
    svg = templates.get_template("illustration.svg").render(page=page, **_svg_layout(page))
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={"Content-Disposition": f'attachment; filename="report-{report_id}-tujie.svg"'},
    )


def _svg_layout(page: Illustration) -> dict[str, Any]:
    """Heights of the 图解's blocks, so the long image's parts stack without overlapping."""
    main = 120 + 56 * ((len(page.main_targets) + 1) // 2)
    pairs = 80 + 44 * len(page.pairs)
    livelihood = 80 + 30 * len(page.livelihood)
    cards = sum(70 + 26 * len(card.targets) for card in page.cards)
    return {
        "width": 750,
        "top_pairs": 180 + main,
        "top_livelihood": 180 + main + pairs,
        "top_cards": 180 + main + pairs + livelihood,
        "height": 220 + main + pairs + livelihood + cards,
        "widest": max((max(p.before, p.after) for p in page.pairs), default=1) or 1,
    }


# 成绩单


@router.get(
    "/reports/{report_id}/scorecard.json",
    response_model=Scorecard,
    tags=["portal"],
    summary="成绩单：本报告的目标与下一年报告所述结果",
)
def scorecard_json(db: Db, report_id: Id) -> Scorecard:
    return scorecard.scorecard(db, report_id)


@router.get("/reports/{report_id}/scorecard", response_class=HTMLResponse, include_in_schema=False)
def scorecard_page(request: Request, db: Db, report_id: Id) -> HTMLResponse:
    page = scorecard_json(db, report_id)
    bars = [
        {"code": label, "count": page.counts.get(verdict, 0), "colour": colour}
        for verdict, label, colour in VERDICT_BARS
    ]
    return render(request, "scorecard.html", page, charts=chart_data(_status_chart_of(bars)))


# Version diff

Against = Annotated[
    int | None,
    Query(ge=1, le=2**63 - 1, description="与之比较的报告编号（默认：上一年的报告）"),
]


@router.get(
    "/reports/{report_id}/diff.json",
    response_model=ReportDiff,
    tags=["portal"],
    summary="两份报告的目标逐项比较：新增、删除、调整",
)
def diff_json(db: Db, report_id: Id, against: Against = None) -> ReportDiff:
    return report_diff.report_diff(db, report_id, against)


@router.get("/reports/{report_id}/diff", response_class=HTMLResponse, include_in_schema=False)
def diff_page(request: Request, db: Db, report_id: Id, against: Against = None) -> HTMLResponse:
    page = diff_json(db, report_id, against)
    return render(request, "diff.html", page)


# Ledger


@router.get(
    "/reports/{report_id}/ledger.json",
    response_model=LedgerPage,
    tags=["portal"],
    summary="台账（亮底晒单）",
)
def ledger_json(
    request: Request,
    db: Db,
    report_id: Id,
    status: Status = None,
    department: Department = None,
    section: Section = None,
    type: Type = None,
) -> LedgerPage:
    return public.ledger_page(
        db,
        report_id,
        status=status or None,
        department=department or None,
        section=section or None,
        type=type or None,
        demo=demo(request),
    )


@router.get("/reports/{report_id}/ledger", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(
    request: Request,
    db: Db,
    report_id: Id,
    status: Status = None,
    department: Department = None,
    section: Section = None,
    type: Type = None,
) -> HTMLResponse:
    page = ledger_json(request, db, report_id, status, department, section, type)
    filters = {"status": status, "department": department, "section": section, "type": type}
    charts = {
        "type": "ledger",
        "status": [c.model_dump() for c in page.counts],
        "colours": {code: colour for code, (colour, _) in STATUSES.items()},
        "departments": [
            {"name": t.name, "counts": {c.code: c.count for c in t.counts}}
            for t in page.by_department
        ],
    }
    return render(
        request,
        "ledger.html",
        page,
        filters={k: v for k, v in filters.items() if v},
        charts=chart_data(charts),
    )


# Commitment


@router.get(
    "/commitments/{commitment_id}.json",
    response_model=CommitmentPage,
    tags=["portal"],
    summary="台账事项：原文、进度、佐证与变更记录",
)
def commitment_json(request: Request, db: Db, commitment_id: Id) -> CommitmentPage:
    settings: Settings = request.app.state.settings
    return public.commitment_page(
        db, commitment_id, tolerance_from(settings), today(request), demo(request)
    )


@router.get("/commitments/{commitment_id}", response_class=HTMLResponse, include_in_schema=False)
def commitment_page(request: Request, db: Db, commitment_id: Id) -> HTMLResponse:
    page = commitment_json(request, db, commitment_id)
    series = {
        "type": "progress",
        "unit": page.unit,
        "target": float(page.target_value) if page.target_value is not None else None,
        "points": [
            [p.as_of.isoformat(), float(p.value)] for p in page.progress if p.value is not None
        ],
    }
    return render(request, "commitment.html", page, charts=chart_data(series))


@router.get("/evidence/{evidence_id}", include_in_schema=False)
def evidence_file(request: Request, db: Db, evidence_id: Id) -> Response:
    """A file supporting an approved progress report of a published commitment."""
    evidence = db.get(Evidence, evidence_id)
    report = db.get(ProgressReport, evidence.progress_report_id) if evidence else None
    if evidence is None or report is None or report.state != "approved" or not evidence.sha256:
        raise NotFound(f"no public evidence with id {evidence_id}")
    commitment_json(request, db, report.commitment_id)  # refuses an unpublished commitment
    settings: Settings = request.app.state.settings
    path = evidence_path(settings.evidence_dir, evidence.sha256)
    if not path.is_file():
        raise NotFound(f"evidence {evidence_id} is listed but its file is missing")
    return FileResponse(path, filename=evidence.filename or evidence.sha256)


# Department


@router.get(
    "/departments/{department_id}.json",
    response_model=DepartmentPage,
    tags=["portal"],
    summary="责任单位的事项",
)
def department_json(request: Request, db: Db, department_id: Id) -> DepartmentPage:
    return public.department_page(db, department_id, demo(request))


@router.get("/departments/{department_id}", response_class=HTMLResponse, include_in_schema=False)
def department_page(request: Request, db: Db, department_id: Id) -> HTMLResponse:
    page = department_json(request, db, department_id)
    return render(request, "department.html", page, charts=chart_data(_status_chart(page.counts)))


# Search


@router.get("/search.json", response_model=SearchPage, tags=["portal"], summary="全文检索")
def search_json(
    db: Db, q: Annotated[str, Query(max_length=100, description="检索词，如 高标准农田")] = ""
) -> SearchPage:
    return public.search_page(db, q)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request, db: Db, q: Annotated[str, Query(max_length=100)] = ""
) -> HTMLResponse:
    return render(request, "search.html", search_json(db, q))


# Open data


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/reports/{report_id}/figures.csv", tags=["open data"], summary="报告中的全部数字（CSV）"
)
def figures_csv(db: Db, report_id: Id) -> Response:
    rows = open_data.figure_table(db, report_id)
    body = open_data.to_csv(open_data.FIGURE_COLUMNS, rows)
    return _download(body, "text/csv; charset=utf-8", f"report-{report_id}-figures.csv")


@router.get(
    "/reports/{report_id}/figures.xlsx", tags=["open data"], summary="报告中的全部数字（XLSX）"
)
def figures_xlsx(db: Db, report_id: Id) -> Response:
    rows = open_data.figure_table(db, report_id)
    body = open_data.to_xlsx(open_data.FIGURE_COLUMNS, rows, "数字")
    return _download(body, XLSX, f"report-{report_id}-figures.xlsx")


@router.get(
    "/reports/{report_id}/figures.json", tags=["open data"], summary="报告中的全部数字（JSON）"
)
def figures_json(db: Db, report_id: Id) -> list[dict[str, Any]]:
    return _plain(open_data.figure_table(db, report_id))


@router.get("/reports/{report_id}/ledger.csv", tags=["open data"], summary="台账（CSV）")
def ledger_csv(db: Db, report_id: Id) -> Response:
    rows = open_data.ledger_table(db, report_id)
    body = open_data.to_csv(open_data.LEDGER_COLUMNS, rows)
    return _download(body, "text/csv; charset=utf-8", f"report-{report_id}-ledger.csv")


@router.get("/reports/{report_id}/ledger.xlsx", tags=["open data"], summary="台账（XLSX）")
def ledger_xlsx(db: Db, report_id: Id) -> Response:
    rows = open_data.ledger_table(db, report_id)
    body = open_data.to_xlsx(open_data.LEDGER_COLUMNS, rows, "台账")
    return _download(body, XLSX, f"report-{report_id}-ledger.xlsx")


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            k: (str(v) if isinstance(v, dt.date) or hasattr(v, "as_tuple") else v)
            for k, v in r.items()
        }
        for r in rows
    ]
