"""The workspace's administration: departments, users and roles, password resets, access.

A new user's and a reset's first password is shown once on the page the POST returns (never in
an address or a log); the user must change it at the next sign-in.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from luoshi.ledger.services import administration, organisation
from luoshi.web.auth import SignedIn
from luoshi.web.public import Id
from luoshi.web.workspace import Db, Posting, User, back, render

router = APIRouter(include_in_schema=False)

ACTIONS: dict[tuple[str, str], str | None] = {
    ("GET", "/work/admin"): "manage_users",
    ("POST", "/work/admin/departments"): "manage_governments",
    ("POST", "/work/admin/users"): "manage_users",
    ("POST", "/work/admin/users/{user_id}/role"): "manage_users",
    ("POST", "/work/admin/users/{user_id}/password"): "manage_users",
    ("POST", "/work/admin/users/{user_id}/access"): "change_user_access",
}
Role = Annotated[str, Form(pattern="^(admin|reviewer|reporter)$")]


def _page(
    request: Request, db: Db, user: SignedIn, *, shown: tuple[str, str] | None = None
) -> HTMLResponse:
    page = administration.overview(db, user.actor)
    note = request.query_params.get("note")
    return render(request, "admin.html", user, page=page, note=note, shown=shown)


@router.get("/work/admin", response_class=HTMLResponse)
def admin_page(request: Request, db: Db, user: User) -> HTMLResponse:
    return _page(request, db, user)


@router.post("/work/admin/departments")
def add_department(
    db: Db,
    user: Posting,
    government: Annotated[str, Form(max_length=200)],
    name: Annotated[str, Form(max_length=200)],
) -> Response:
    added = organisation.add_department(db, user.actor, government, name)
    return back("/work/admin", f"已添加部门 {government} {added.name}")


@router.post("/work/admin/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    db: Db,
    user: Posting,
    name: Annotated[str, Form(min_length=1, max_length=100, pattern=r"^[^\s/\\<>]+$")],
    role: Role,
    department: Annotated[int | None, Form()] = None,
) -> HTMLResponse:
    added, password = administration.add_user(db, user.actor, name, role, department)
    return _page(request, db, user, shown=(added.name, password))


@router.post("/work/admin/users/{user_id}/role")
def change_role(
    db: Db,
    user: Posting,
    user_id: Id,
    role: Role,
    department: Annotated[int | None, Form()] = None,
) -> Response:
    changed = administration.change_role(db, user.actor, user_id, role, department)
    return back("/work/admin", f"已修改 {changed.name} 的角色")


@router.post("/work/admin/users/{user_id}/password", response_class=HTMLResponse)
def reset_password(request: Request, db: Db, user: Posting, user_id: Id) -> HTMLResponse:
    changed, password = administration.reset_password(db, user.actor, user_id)
    return _page(request, db, user, shown=(changed.name, password))


@router.post("/work/admin/users/{user_id}/access")
def set_access(db: Db, user: Posting, user_id: Id, active: Annotated[bool, Form()]) -> Response:
    changed = administration.set_access(db, user.actor, user_id, active)
    return back("/work/admin", f"已{'启用' if active else '停用'} {changed.name}")
