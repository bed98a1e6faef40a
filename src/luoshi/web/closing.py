"""The workspace's 成绩单 part: close a year against the next report, see disagreements, carry over.

Thin routes over ``luoshi.ledger.services.closing``: the service authorizes (``close_year``),
reconciles, journals and refuses what is wrong; a route only renders or redirects.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from luoshi.config import Settings
from luoshi.ledger.services import closing
from luoshi.ledger.services.tracking import tolerance_from
from luoshi.web.public import Id
from luoshi.web.workspace import Db, Posting, User, back, render

router = APIRouter(include_in_schema=False)

# Route (method, path) → the policy action its service authorizes.
ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work/closing"): "close_year",
    ("POST", "/work/reports/{report_id}/close-year"): "close_year",
    ("POST", "/work/commitments/{commitment_id}/carry-over"): "close_year",
}


@router.get("/work/closing", response_class=HTMLResponse)
def closing_page(request: Request, db: Db, user: User) -> HTMLResponse:
    page = closing.overview(db, user.actor)
    return render(request, "closing.html", user, page=page, note=request.query_params.get("note"))


@router.post("/work/reports/{report_id}/close-year")
def close_year(request: Request, db: Db, user: Posting, report_id: Id) -> Response:
    settings: Settings = request.app.state.settings
    result = closing.close_year(db, user.actor, report_id, tolerance_from(settings))
    disagree = sum(v.disagrees for v in result.verdicts)
    return back(
        "/work/closing",
        f"{result.year}年：{len(result.verdicts)} 项已对照，{disagree} 项与台账状态不一致，"
        f"{result.changed} 项有变化",
    )


@router.post("/work/commitments/{commitment_id}/carry-over")
def carry_over(db: Db, user: Posting, commitment_id: Id) -> Response:
    carried = closing.carry_over(db, user.actor, commitment_id)
    return back(
        "/work/closing",
        f"事项 {commitment_id} 已结转为 {carried.report_id} 号报告的待审核事项 {carried.id}",
    )
