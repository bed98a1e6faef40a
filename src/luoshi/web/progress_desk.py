"""The progress desk: a department files and refiles its progress reports, the office decides.

Routes are thin: each reads its form and calls one service (``services.progress`` for the
report's life, ``services.progress_desk`` for what the pages show and for evidence files). Who
may do what is the policy table's, checked by those services. Every edit carries the version
the editor saw; a stale one is a Conflict (409), never a silent overwrite.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from luoshi.config import Settings
from luoshi.errors import InputError, ValidationFailed
from luoshi.ledger.models import ProgressReport
from luoshi.ledger.services import progress, progress_desk
from luoshi.ledger.services.evidence import evidence_path
from luoshi.ledger.services.tracking import tolerance_from
from luoshi.web.deps import today
from luoshi.web.public import Id
from luoshi.web.workspace import UPLOAD_CHUNK, Db, Posting, User, back, render

router = APIRouter(include_in_schema=False)

ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work/progress"): None,  # a department's 待办, or the office's queue
    ("POST", "/work/commitments/{commitment_id}/progress"): "file_progress",
    ("GET", "/work/progress/{progress_id}"): None,  # its department, its lead, or the office
    ("POST", "/work/progress/{progress_id}"): "file_progress",
    ("POST", "/work/progress/{progress_id}/evidence"): "file_progress",
    ("GET", "/work/progress/{progress_id}/evidence/{evidence_id}"): None,
    ("POST", "/work/progress/{progress_id}/submit"): "file_progress",
    ("POST", "/work/progress/{progress_id}/decide"): "decide_progress",
}

Text = Annotated[str, Form(max_length=5000)]


@router.get("/work/progress", response_class=HTMLResponse)
def desk(request: Request, db: Db, user: User) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    inbox = progress_desk.inbox(db, user.actor, tolerance_from(settings), today(request))
    return render(request, "progress_inbox.html", user, inbox=inbox, note=_note(request))


@router.post("/work/commitments/{commitment_id}/progress")
async def new_report(
    request: Request,
    db: Db,
    user: Posting,
    commitment_id: Id,
    as_of: Annotated[dt.date, Form()],
    file: UploadFile | None = None,
    value: Annotated[str, Form(max_length=40)] = "",
    done: Text = "",
    problems: Text = "",
    next_steps: Text = "",
) -> Response:
    def filed() -> ProgressReport:
        progress_desk.owned_commitment(db, user.actor, commitment_id)
        return progress.file_progress(
            db,
            user.actor,
            commitment_id,
            as_of,
            value=_decimal(value),
            narrative={"done": done, "problems": problems, "next_steps": next_steps},
            today=today(request),
        )

    # On a worker thread, never on the event loop: filing waits for the commitment's row lock,
    # which another request of this worker may hold until the loop lets it commit (a deadlock
    # the load benchmark ran into: the worker stopped answering).
    report = await run_in_threadpool(filed)
    if file is not None and file.filename:
        await _attach(request, db, user, report.id, file, None)
    await run_in_threadpool(progress_desk.flushed, db, report)
    return back(f"/work/progress/{report.id}", "草稿已保存")


@router.get("/work/progress/{progress_id}", response_class=HTMLResponse)
def report_page(request: Request, db: Db, user: User, progress_id: Id) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    shown = progress_desk.page(
        db, user.actor, progress_id, tolerance_from(settings), today(request)
    )
    return render(request, "progress_report.html", user, page=shown, note=_note(request))


@router.post("/work/progress/{progress_id}")
def save(
    db: Db,
    user: Posting,
    progress_id: Id,
    version: Annotated[int, Form()],
    as_of: Annotated[dt.date, Form()],
    value: Annotated[str, Form(max_length=40)] = "",
    done: Text = "",
    problems: Text = "",
    next_steps: Text = "",
) -> Response:
    changes = {
        "as_of": as_of,
        "value": _decimal(value),
        "done": done,
        "problems": problems,
        "next_steps": next_steps,
    }
    report = progress.edit_progress(db, user.actor, progress_id, changes, version)
    progress_desk.flushed(db, report)
    return back(f"/work/progress/{progress_id}", "草稿已保存")


@router.post("/work/progress/{progress_id}/evidence")
async def add_evidence(
    request: Request,
    db: Db,
    user: Posting,
    progress_id: Id,
    file: UploadFile,
    version: Annotated[int, Form()],
) -> Response:
    await _attach(request, db, user, progress_id, file, version)
    return back(f"/work/progress/{progress_id}", "佐证材料已上传")


@router.get("/work/progress/{progress_id}/evidence/{evidence_id}")
def evidence(request: Request, db: Db, user: User, progress_id: Id, evidence_id: Id) -> Response:
    found = progress_desk.evidence_file(db, user.actor, progress_id, evidence_id)
    settings: Settings = request.app.state.settings
    if found.sha256 is None:
        return back(found.url or f"/work/progress/{progress_id}")
    return FileResponse(
        evidence_path(settings.evidence_dir, found.sha256),
        filename=found.filename or found.sha256,
        headers={"Cache-Control": "no-store"},
    )


@router.post("/work/progress/{progress_id}/submit")
def submit(db: Db, user: Posting, progress_id: Id, version: Annotated[int, Form()]) -> Response:
    report = progress.submit(db, user.actor, progress_id, version)
    progress_desk.flushed(db, report)
    return back(f"/work/progress/{progress_id}", "已报送督查室")


@router.post("/work/progress/{progress_id}/decide")
def decide(
    db: Db,
    user: Posting,
    progress_id: Id,
    version: Annotated[int, Form()],
    decision: Annotated[str, Form(pattern="^(approved|returned)$")],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    report = progress.decide(db, user.actor, progress_id, decision, reason, version)
    progress_desk.flushed(db, report)
    note = "已审核通过，进展已公开" if decision == "approved" else "已退回，部门将看到退回意见"
    return back("/work/progress", note)


async def _attach(
    request: Request,
    db: Db,
    user: Posting,
    progress_id: int,
    file: UploadFile,
    version: int | None,
) -> None:
    """Receive an evidence file within the limit into a private folder, then hand it to the
    service, which stores it under its sha256 when the request's transaction commits."""
    settings: Settings = request.app.state.settings
    name = progress_desk.checked_name(file.filename)
    with tempfile.TemporaryDirectory(prefix="luoshi-upload-") as folder:
        received = Path(folder) / name
        size = 0
        with received.open("wb") as out:
            while chunk := await file.read(UPLOAD_CHUNK):
                size += len(chunk)
                if size > settings.max_evidence_bytes:
                    limit = settings.max_evidence_bytes / 1e6
                    raise InputError(name, f"佐证材料过大：超过上限 {limit:.1f} MB，未保存")
                out.write(chunk)
        await run_in_threadpool(  # database work: off the event loop, as above
            progress_desk.attach,
            db,
            user.actor,
            progress_id,
            received,
            settings.evidence_dir,
            settings.max_evidence_bytes,
            version,
        )


def _decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValidationFailed(f"数值「{text[:40]}」不是一个数字") from error


def _note(request: Request) -> str | None:
    return request.query_params.get("note")
