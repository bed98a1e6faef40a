"""The staff workspace: sign in, import a report, review its figures, assign, publish.

Every route here needs a signed-in user (``auth.signed_in``); every POST also the form's CSRF
token (``auth.checked``). Who may do what is the ledger's policy table, checked by the services
each route calls — a route never decides it. ``ACTIONS`` names, per route, the policy action its
service checks; the authorization test is generated from it and the route table together.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

import luoshi
from luoshi.config import Settings
from luoshi.errors import AuthenticationFailed, InputError, ValidationFailed
from luoshi.ledger.models import utcnow
from luoshi.ledger.services import accounts, assignment, imports, review, workspace
from luoshi.ledger.services.tracking import tolerance_from
from luoshi.web.auth import (
    SESSION_COOKIE,
    SignedIn,
    checked,
    login_csrf_ok,
    login_token,
    remember_login_token,
    set_session_cookie,
    signed_in,
)
from luoshi.web.deps import page_context, session, today
from luoshi.web.public import Id

router = APIRouter(include_in_schema=False)
Db = Annotated[Session, Depends(session, scope="function")]
User = Annotated[SignedIn, Depends(signed_in)]
Posting = Annotated[SignedIn, Depends(checked)]
UPLOAD_CHUNK = 1 << 16

# Route (method, path) → the policy action its service authorizes; None: any signed-in user.
ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work"): None,
    ("GET", "/work/password"): None,
    ("POST", "/work/password"): None,
    ("POST", "/logout"): None,
    ("POST", "/work/reports"): "import_report",
    ("GET", "/work/reports/{report_id}"): "review",
    ("POST", "/work/reports/{report_id}/confirm-all"): "review",
    ("POST", "/work/reports/{report_id}/publish"): "publish_report",
    ("POST", "/work/commitments/{commitment_id}/review"): "review",
    ("POST", "/work/commitments/{commitment_id}/assign"): "assign",
}


def render(request: Request, template: str, user: SignedIn | None, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, template, {**page_context(request), "user": user, **context}
    )
    response.headers["Cache-Control"] = "no-store"  # a staff page is never kept by a proxy
    return response


def back(path: str, message: str = "") -> RedirectResponse:
    """After a POST, back to a page (303: the browser GETs it), with a note to show."""
    suffix = f"?note={quote(message)}" if message else ""
    return RedirectResponse(path + suffix, status_code=303)


# Signing in and out


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/work") -> HTMLResponse:
    return _login_form(request, _local(next), "")


def _login_form(request: Request, next_path: str, error: str, status: int = 200) -> HTMLResponse:
    token = login_token(request)
    response = render(request, "login.html", None, next=next_path, error=error, csrf=token)
    response.status_code = status
    remember_login_token(request, response, token)
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: Db,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/work",
) -> Response:
    if not login_csrf_ok(request, csrf):
        return _login_form(request, _local(next), "登录页面已过期，请重新输入", 403)
    try:
        user = accounts.authenticate(db, name.strip(), password, utcnow())
    except AuthenticationFailed as error:
        db.commit()  # the failed attempt is counted (lockout) even though the login fails
        return _login_form(request, _local(next), str(error), 401)
    opened = accounts.open_session(db, user, utcnow())
    target = "/work/password" if opened.must_change_password else _local(next)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, opened.token)
    return response


@router.post("/logout")
def logout(request: Request, db: Db, user: Posting) -> Response:
    accounts.close_session(db, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/work/password", response_class=HTMLResponse)
def password_page(request: Request, user: User) -> HTMLResponse:
    return render(request, "password.html", user, error="")


@router.post("/work/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    db: Db,
    user: Posting,
    old: Annotated[str, Form(max_length=200)],
    new: Annotated[str, Form(max_length=200)],
    again: Annotated[str, Form(max_length=200)],
) -> Response:
    if new != again:
        return _password_error(request, user, "两次输入的新密码不一致")
    try:
        changed = accounts.set_password(db, user.actor, user.actor.name, new, old=old)
    except (AuthenticationFailed, ValidationFailed) as error:
        return _password_error(request, user, str(error))
    opened = accounts.open_session(db, changed, utcnow())  # the old sessions ended with it
    response = back("/work", "密码已修改")
    set_session_cookie(request, response, opened.token)
    return response


def _password_error(request: Request, user: SignedIn, message: str) -> HTMLResponse:
    response = render(request, "password.html", user, error=message)
    response.status_code = 422
    return response


# The office's work


@router.get("/work", response_class=HTMLResponse)
def work(request: Request, db: Db, user: User) -> Response:
    if user.must_change_password:
        return RedirectResponse("/work/password", status_code=303)
    settings: Settings = request.app.state.settings
    overview = workspace.overview(db, user.actor, tolerance_from(settings), today(request))
    return render(request, "work.html", user, page=overview, note=request.query_params.get("note"))


@router.post("/work/reports")
async def upload(
    request: Request,
    db: Db,
    user: Posting,
    file: UploadFile,
    government: Annotated[str, Form(max_length=200)],
) -> Response:
    settings: Settings = request.app.state.settings
    data = bytearray()
    while chunk := await file.read(UPLOAD_CHUNK):
        data += chunk
        if len(data) > settings.max_input_bytes:
            raise InputError(_safe_name(file.filename), "文件过大：超过上传上限")
    name = _safe_name(file.filename)
    document = luoshi.read(bytes(data), name=name)
    document.source = name  # the uploaded file's name, folders dropped, as the report's source
    figures = luoshi.extract(document)
    report = imports.import_document(db, user.actor, document, figures, government)
    return back(f"/work/reports/{report.id}", f"已导入，提取到 {len(figures)} 个数字")


@router.get("/work/reports/{report_id}", response_class=HTMLResponse)
def review_page(
    request: Request, db: Db, user: User, report_id: Id, state: str | None = None
) -> HTMLResponse:
    page = workspace.queue(db, user.actor, report_id, state or None)
    return render(request, "review.html", user, page=page, note=request.query_params.get("note"))


@router.post("/work/reports/{report_id}/confirm-all")
def confirm_all(db: Db, user: Posting, report_id: Id) -> Response:
    count = workspace.confirm_proposed(db, user.actor, report_id)
    return back(f"/work/reports/{report_id}", f"已确认 {count} 项")


@router.post("/work/reports/{report_id}/publish")
def publish(db: Db, user: Posting, report_id: Id, version: Annotated[int, Form()]) -> Response:
    imports.publish_report(db, user.actor, report_id, version)
    return back(f"/work/reports/{report_id}", "已公开")


@router.post("/work/commitments/{commitment_id}/review")
def review_commitment(
    db: Db,
    user: Posting,
    commitment_id: Id,
    decision: Annotated[str, Form(pattern="^(confirmed|rejected)$")],
    version: Annotated[int, Form()],
    report_id: Annotated[int, Form()],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    review.decide(db, user.actor, commitment_id, decision, reason, version)
    return back(f"/work/reports/{report_id}#c{commitment_id}")


@router.post("/work/commitments/{commitment_id}/assign")
def assign_commitment(
    db: Db,
    user: Posting,
    commitment_id: Id,
    lead: Annotated[str, Form(max_length=200)],
    report_id: Annotated[int, Form()],
    due: Annotated[dt.date | None, Form()] = None,
    cycle: Annotated[str, Form(pattern="^(monthly|quarterly)$")] = "quarterly",
    partners: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    assignment.assign(
        db,
        user.actor,
        commitment_id,
        lead,
        partners=[p for p in partners.replace("，", "、").replace(",", "、").split("、") if p],
        due=due,
        cycle=cycle,
    )
    return back(f"/work/reports/{report_id}#c{commitment_id}")


def _local(path: str) -> str:
    """Only a path of this site to go to after signing in (never another site's address)."""
    return path if path.startswith("/") and not path.startswith("//") else "/work"


def _safe_name(filename: str | None) -> str:
    """The upload's base name, without folders or control characters, for messages and labels."""
    base = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable())[:200]
    return cleaned or "upload"
