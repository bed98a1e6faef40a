"""The workspace's 分工 pages: a report's assignments with suggested 牵头单位 (one or in bulk),
the Excel 分工表 round trip (download, upload → dry run → apply), the keyword table.

Routes read the form and call one service; the services check the policy (``ACTIONS`` names
the action each checks) and the versions the forms carry.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from luoshi.ledger import excel
from luoshi.ledger.services import assignment_desk, sheet_upload, suggestion
from luoshi.web.public import Id
from luoshi.web.workspace import UPLOAD_CHUNK, Db, Posting, User, back, render

router = APIRouter(include_in_schema=False)

ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work/reports/{report_id}/assignments"): "assign",
    ("POST", "/work/reports/{report_id}/assignments"): "assign",
    ("POST", "/work/assignments/{commitment_id}"): "assign",
    ("GET", "/work/reports/{report_id}/assignments.xlsx"): "excel_export",
    ("POST", "/work/reports/{report_id}/assignments/sheet"): "excel_import",
    ("POST", "/work/reports/{report_id}/assignments/sheet/apply"): "excel_import",
    ("GET", "/work/keywords"): "assign",
    ("POST", "/work/keywords"): "assign",
    ("POST", "/work/keywords/builtin"): "assign",
    ("POST", "/work/keywords/{keyword_id}/delete"): "assign",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cycle = Annotated[str, Form(pattern="^(monthly|quarterly)$")]


def _partners(text: str) -> list[str]:
    return [p for p in text.replace("，", "、").replace(",", "、").split("、") if p.strip()]


@router.get("/work/reports/{report_id}/assignments", response_class=HTMLResponse)
def desk_page(request: Request, db: Db, user: User, report_id: Id) -> HTMLResponse:
    page = assignment_desk.desk(db, user.actor, report_id)
    return render(
        request, "assignments.html", user, page=page, note=request.query_params.get("note")
    )


@router.post("/work/reports/{report_id}/assignments")
def assign_in_bulk(
    db: Db,
    user: Posting,
    report_id: Id,
    lead: Annotated[str, Form(max_length=200)],
    pick: Annotated[list[str] | None, Form(max_length=40)] = None,
    partners: Annotated[str, Form(max_length=2000)] = "",
    due: Annotated[dt.date | None, Form()] = None,
    cycle: Annotated[str, Form(pattern="^(|monthly|quarterly)$")] = "",
) -> Response:
    picked = {}
    for value in pick or []:
        commitment, _, version = value.partition(":")
        if not (commitment.isdigit() and version.isdigit()):
            return back(f"/work/reports/{report_id}/assignments", "勾选的事项有误，请刷新页面")
        picked[int(commitment)] = int(version)
    count = assignment_desk.assign_many(
        db,
        user.actor,
        report_id,
        picked,
        lead,
        _partners(partners) if partners.strip() else None,
        due,
        cycle or None,
    )
    return back(f"/work/reports/{report_id}/assignments", f"已将 {count} 项分配给 {lead}")


@router.post("/work/assignments/{commitment_id}")
def assign_one(
    db: Db,
    user: Posting,
    commitment_id: Id,
    lead: Annotated[str, Form(max_length=200)],
    version: Annotated[int, Form(ge=0)],
    report_id: Annotated[int, Form()],
    cycle: Cycle = "quarterly",
    partners: Annotated[str, Form(max_length=2000)] = "",
    due: Annotated[dt.date | None, Form()] = None,
) -> Response:
    assignment_desk.assign_one(
        db, user.actor, commitment_id, version, lead, _partners(partners), due, cycle
    )
    return back(f"/work/reports/{report_id}/assignments", "已保存分工")


@router.get("/work/reports/{report_id}/assignments.xlsx")
def download_sheet(db: Db, user: User, report_id: Id) -> Response:
    with tempfile.TemporaryDirectory(prefix="luoshi-sheet-") as folder:
        target = Path(folder) / "分工表.xlsx"
        excel.export(db, user.actor, report_id, target)
        data = target.read_bytes()
    return Response(
        data,
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="report-{report_id}.xlsx"; '
            f"filename*=UTF-8''report-{report_id}-%E5%88%86%E5%B7%A5%E8%A1%A8.xlsx",
            "Cache-Control": "no-store",
        },
    )


@router.post("/work/reports/{report_id}/assignments/sheet", response_class=HTMLResponse)
async def upload_sheet(
    request: Request, db: Db, user: Posting, report_id: Id, file: UploadFile
) -> HTMLResponse:
    data = bytearray()
    while chunk := await file.read(UPLOAD_CHUNK):
        data += chunk
        if len(data) > sheet_upload.MAX_SHEET_BYTES:
            break  # enough to know it is too big: the service says so
    preview = sheet_upload.preview(db, user.actor, report_id, file.filename or "", bytes(data))
    return render(
        request,
        "sheet_preview.html",
        user,
        preview=preview,
        report_id=report_id,
        describe=excel.describe,
    )


@router.post("/work/reports/{report_id}/assignments/sheet/apply")
def apply_sheet(
    db: Db,
    user: Posting,
    report_id: Id,
    name: Annotated[str, Form(max_length=200)],
    sheet: Annotated[str, Form(max_length=sheet_upload.MAX_SHEET_BYTES * 2)],
    sha256: Annotated[str, Form(pattern="^[0-9a-f]{64}$")],
) -> Response:
    plan = sheet_upload.apply(db, user.actor, report_id, name, sheet, sha256)
    return back(
        f"/work/reports/{report_id}/assignments", f"分工表已导入：{len(plan.changes)} 行有改动"
    )


@router.get("/work/keywords", response_class=HTMLResponse)
def keywords_page(
    request: Request, db: Db, user: User, government: str | None = None
) -> HTMLResponse:
    table = suggestion.keyword_table(db, user.actor, government)
    return render(
        request, "keywords.html", user, table=table, note=request.query_params.get("note")
    )


@router.post("/work/keywords")
def add_keyword(
    db: Db,
    user: Posting,
    government_id: Annotated[int, Form()],
    keyword: Annotated[str, Form(max_length=suggestion.MAX_KEYWORD_CHARS)],
    department: Annotated[str, Form(max_length=200)],
    government: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    added = suggestion.add_keyword(db, user.actor, government_id, keyword, department)
    return _to_keywords(government, f"已添加关键词“{added.keyword}”")


@router.post("/work/keywords/builtin")
def load_builtin(
    db: Db,
    user: Posting,
    government_id: Annotated[int, Form()],
    government: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    count = suggestion.load_builtin(db, user.actor, government_id)
    return _to_keywords(government, f"已载入内置关键词 {count} 个")


@router.post("/work/keywords/{keyword_id}/delete")
def remove_keyword(
    db: Db,
    user: Posting,
    keyword_id: Id,
    version: Annotated[int, Form()],
    government: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    suggestion.remove_keyword(db, user.actor, keyword_id, version)
    return _to_keywords(government, "已删除关键词")


def _to_keywords(government: str, message: str) -> RedirectResponse:
    """Back to the keyword table of the government the form was on, with a note."""
    return RedirectResponse(
        f"/work/keywords?government={quote(government)}&note={quote(message)}", status_code=303
    )
