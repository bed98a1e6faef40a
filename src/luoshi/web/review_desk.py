"""The review desk's routes: correct a figure (its span too), merge two, split one, add a task
from selected text, and download the office's review as gold records or as corrections.

The queue page itself is the workspace's (``/work/reports/{id}``, templates/review.html); its
forms post here. Each route calls one service of ``ledger.services.review_desk`` (or
``imports.add_task``), which checks the policy; a stale version is a 409 conflict page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from luoshi.errors import ValidationFailed
from luoshi.ledger.services import imports, review_desk
from luoshi.web.public import Id
from luoshi.web.workspace import Db, Posting, User, back

router = APIRouter(include_in_schema=False)

# Route (method, path) → the policy action its service authorizes.
ACTIONS: dict[tuple[str, str], str | None] = {
    ("POST", "/work/commitments/{commitment_id}/correct"): "review",
    ("POST", "/work/commitments/{commitment_id}/merge"): "review",
    ("POST", "/work/commitments/{commitment_id}/split-figure"): "review",
    ("POST", "/work/reports/{report_id}/tasks"): "add_task",
    ("GET", "/work/reports/{report_id}/gold.jsonl"): "review",
    ("GET", "/work/reports/{report_id}/corrections.jsonl"): "review",
}
Offset = Annotated[int, Form(ge=0, le=1 << 31)]


@router.post("/work/commitments/{commitment_id}/correct")
def correct(
    db: Db,
    user: Posting,
    commitment_id: Id,
    version: Annotated[int, Form()],
    report_id: Annotated[int, Form()],
    start: Offset,
    end: Offset,
    period: Annotated[str, Form(max_length=20)],
    value: Annotated[str | None, Form(max_length=40)] = None,
    value_max: Annotated[str | None, Form(max_length=40)] = None,
    unit: Annotated[str | None, Form(max_length=20)] = None,
    indicator: Annotated[str | None, Form(max_length=200)] = None,
    measure: Annotated[str | None, Form(pattern="^(|level|rate|share|rank)$")] = None,
    kind: Annotated[str | None, Form(pattern="^(|target|actual|estimate)$")] = None,
    comparator: Annotated[str | None, Form(pattern="^(=|>=|<=|~)$")] = None,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    # A figure's form sends its fields; a qualitative task's only the span and the period.
    figure = {
        "value": value,
        "value_max": value_max,
        "unit": unit,
        "indicator": indicator,
        "measure": measure,
        "kind": kind,
        "comparator": comparator,
    }
    form = {"start": str(start), "end": str(end), "period": period}
    form |= {field: text for field, text in figure.items() if text is not None}
    review_desk.correct(db, user.actor, commitment_id, form, version, reason)
    return _to(report_id, commitment_id)


@router.post("/work/commitments/{commitment_id}/merge")
def merge(
    db: Db,
    user: Posting,
    commitment_id: Id,
    version: Annotated[int, Form()],
    other: Annotated[str, Form(max_length=40)],
    report_id: Annotated[int, Form()],
) -> Response:
    other_id, _, other_version = other.partition(":")  # the select's value: "id:version"
    review_desk.merge(
        db,
        user.actor,
        commitment_id,
        _whole("other", other_id),
        version,
        _whole("other", other_version),
    )
    return _to(report_id, commitment_id)


@router.post("/work/commitments/{commitment_id}/split-figure")
def split_figure(
    db: Db,
    user: Posting,
    commitment_id: Id,
    version: Annotated[int, Form()],
    report_id: Annotated[int, Form()],
    start: Offset,
    end: Offset,
) -> Response:
    part = review_desk.split_figure(db, user.actor, commitment_id, start, end, version)
    return _to(report_id, part.id)


@router.post("/work/reports/{report_id}/tasks")
def add_task(
    db: Db,
    user: Posting,
    report_id: Id,
    start: Offset,
    end: Offset,
    type: Annotated[str, Form(max_length=10)] = "工作任务",
    criterion: Annotated[str, Form(pattern="^(|started|completed)$")] = "",
) -> Response:
    task = imports.add_task(db, user.actor, report_id, start, end, type, criterion or None)
    return _to(report_id, task.id)


@router.get("/work/reports/{report_id}/gold.jsonl")
def gold(db: Db, user: User, report_id: Id) -> Response:
    records = review_desk.gold(db, user.actor, report_id)
    return _jsonl(records, f"report-{report_id}.gold.jsonl")


@router.get("/work/reports/{report_id}/corrections.jsonl")
def corrections(db: Db, user: User, report_id: Id) -> Response:
    pairs = review_desk.corrections(db, user.actor, report_id)
    return _jsonl(pairs, f"report-{report_id}.corrections.jsonl")


def _to(report_id: int, commitment_id: int) -> Response:
    return back(f"/work/reports/{report_id}#c{commitment_id}")


def _whole(name: str, text: str) -> int:
    if not text.isdigit():
        raise ValidationFailed(f"{name} must name a figure of the queue")
    return int(text)


def _jsonl(rows: Iterable[dict[str, Any]], filename: str) -> Response:
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return Response(
        body,
        media_type="application/x-ndjson; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
