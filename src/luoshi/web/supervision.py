"""The workspace's supervision (督办): the office's board of late reports with 催办 and the
dashboard by department, a department's reminders, everyone's notifications, and the journal
of a commitment or a user.

Routes are adapters: each calls one service, which checks the policy table; ``ACTIONS`` names
the policy action per route for the authorization test.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from luoshi.config import Settings
from luoshi.ledger.models import AuditEvent
from luoshi.ledger.services import audit, notifications, supervision
from luoshi.ledger.services.tracking import tolerance_from
from luoshi.web.deps import today
from luoshi.web.public import Id, chart_data
from luoshi.web.workspace import Db, Posting, User, back, render

router = APIRouter(include_in_schema=False)

ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work/supervision"): "supervise",
    ("POST", "/work/supervision/remind"): "supervise",
    ("GET", "/work/reminders"): "view_reminders",
    ("GET", "/work/notifications"): None,  # one's own
    ("POST", "/work/notifications/{notification_id}/read"): None,
    ("POST", "/work/notifications/read-all"): None,
    ("GET", "/work/journal/commitments/{commitment_id}"): "view_audit",
    ("GET", "/work/journal/users/{name}"): "view_audit",
}

# The journal's actions as the office reads them. Columns: action, label.
ACTION_LABELS: dict[str, str] = {
    "import_report": "导入报告",
    "publish_report": "公开报告",
    "propose": "提取",
    "add_task": "添加任务",
    "split": "拆分",
    "supersede": "替代",
    "snapshot": "月度快照",
    "add_user": "添加用户",
    "change_user": "修改用户",
    "activate_user": "启用用户",
    "deactivate_user": "停用用户",
    "add_government": "添加政府",
    "add_department": "添加单位",
    "confirm": "确认",
    "reject": "驳回",
    "edit": "修改",
    "assign": "分工",
    "file_progress": "填报",
    "edit_progress": "修改填报",
    "submit": "报送",
    "consolidate": "汇总",
    "approve": "审核通过",
    "return": "退回",
    "judge": "人工判定",
    "remind": "催办",
    "escalate": "升级催办",
    "set_email": "设置邮箱",
    "set_password": "设置密码",
}
NameInPath = Annotated[str, Path(min_length=1, max_length=100, description="用户名")]


def _rules(request: Request) -> supervision.Rules:
    settings: Settings = request.app.state.settings
    return supervision.Rules(
        tolerance_from(settings), settings.stale_report_days, settings.escalate_after_days
    )


@router.get("/work/supervision", response_class=HTMLResponse)
def board(request: Request, db: Db, user: User) -> HTMLResponse:
    page = supervision.board(db, user.actor, _rules(request), today(request))
    chart = {
        "type": "supervision",
        "departments": [
            {"name": r.name, "on_time": r.on_time, "overdue": r.overdue} for r in page.departments
        ],
    }
    return render(
        request,
        "supervision.html",
        user,
        page=page,
        charts=chart_data(chart) if page.departments else None,
        note=request.query_params.get("note"),
    )


@router.post("/work/supervision/remind")
def remind(
    request: Request,
    db: Db,
    user: Posting,
    department_id: Annotated[int, Form(ge=1, le=2**63 - 1)],
    commitment_id: Annotated[int | None, Form(ge=1, le=2**63 - 1)] = None,
    message: Annotated[str, Form(max_length=supervision.MESSAGE_LENGTH)] = "",
) -> Response:
    sent = supervision.remind(
        db,
        user.actor,
        _rules(request),
        today(request),
        department_id,
        commitment_id,
        message.strip(),
    )
    return back("/work/supervision", f"已催办 {len(sent.reminded)} 项")


@router.get("/work/reminders", response_class=HTMLResponse)
def reminders(request: Request, db: Db, user: User) -> HTMLResponse:
    found = supervision.reminders(db, user.actor, today(request))
    return render(request, "reminders.html", user, reminders=found)


@router.get("/work/notifications", response_class=HTMLResponse)
def inbox(request: Request, db: Db, user: User) -> HTMLResponse:
    page = notifications.inbox(db, user.actor)
    return render(
        request,
        "notifications.html",
        user,
        page=page,
        labels=notifications.LABELS,
        note=request.query_params.get("note"),
    )


@router.post("/work/notifications/{notification_id}/read")
def read_one(db: Db, user: Posting, notification_id: Id) -> Response:
    notifications.mark_read(db, user.actor, notification_id)
    return back("/work/notifications")


@router.post("/work/notifications/read-all")
def read_all(db: Db, user: Posting) -> Response:
    count = notifications.mark_read(db, user.actor)
    return back("/work/notifications", f"{count} 条通知已标为已读")


@router.get("/work/journal/commitments/{commitment_id}", response_class=HTMLResponse)
def commitment_journal(request: Request, db: Db, user: User, commitment_id: Id) -> HTMLResponse:
    events = audit.of_commitment(db, user.actor, commitment_id)
    return _journal(request, user, f"事项 {commitment_id} 的操作记录", events)


@router.get("/work/journal/users/{name}", response_class=HTMLResponse)
def user_journal(request: Request, db: Db, user: User, name: NameInPath) -> HTMLResponse:
    events = audit.of_user(db, user.actor, name)
    return _journal(request, user, f"用户 {name} 的操作记录", events)


def _journal(request: Request, user: Any, title: str, events: list[AuditEvent]) -> HTMLResponse:
    return render(
        request,
        "journal.html",
        user,
        title=title,
        events=[(event, audit.changes(event)) for event in events],
        labels=ACTION_LABELS,
    )
