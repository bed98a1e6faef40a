"""The admin's page: departments, users and their roles, first passwords and resets, access.

Thin over ``organisation`` (departments, users, roles, deactivation) and ``accounts``
(passwords, sessions): a new user and a reset get a random first password, shown once to the
admin and to be changed at the next sign-in; a deactivated user's sessions end at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import ROLES, Department, Government, User
from luoshi.ledger.services import accounts, organisation
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import fetch

ROLE_LABELS = {
    "admin": "管理员（督查室）",
    "reviewer": "审核员（督查室）",
    "reporter": "部门联络员",
}


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    name: str
    role: str
    department: str
    active: bool
    must_change_password: bool
    locked: bool


@dataclass(frozen=True, slots=True)
class DepartmentOption:
    id: int
    label: str


@dataclass(frozen=True, slots=True)
class Administration:
    users: list[UserRow]
    governments: dict[str, list[str]]
    departments: list[DepartmentOption]
    roles: dict[str, str]


def overview(session: Session, actor: Actor) -> Administration:
    """Every user (role, department, access) and every government's departments."""
    authorize(actor, "manage_users")
    users = session.scalars(select(User).order_by(User.name))
    departments = session.scalars(
        select(Department)
        .options(selectinload(Department.government))
        .order_by(Department.government_id, Department.name)
    ).all()
    names = {d.id: f"{d.government.name} {d.name}" for d in departments}
    governments: dict[str, list[str]] = {
        g.name: [] for g in session.scalars(select(Government).order_by(Government.id))
    }
    for d in departments:
        governments[d.government.name].append(d.name)
    rows = [
        UserRow(
            u.id,
            u.name,
            u.role,
            names.get(u.department_id, "") if u.department_id else "",
            u.active,
            u.must_change_password,
            u.locked_until is not None,
        )
        for u in users
    ]
    options = [DepartmentOption(i, label) for i, label in names.items()]
    return Administration(
        rows, governments, options, {r: ROLE_LABELS[r] for r in ROLES if r in ROLE_LABELS}
    )


def first_password() -> str:
    """A random password that meets the policy, for the user to replace at first sign-in."""
    return f"Luoshi-{secrets.token_urlsafe(12)}"


def add_user(
    session: Session, actor: Actor, name: str, role: str, department_id: int | None
) -> tuple[User, str]:
    """A new user with a first password (returned once, to show the admin)."""
    authorize(actor, "manage_users")
    user = organisation.add_user(session, actor, name.strip(), role, department_id)
    password = first_password()
    accounts.set_password(session, actor, user.name, password)
    return user, password


def reset_password(session: Session, actor: Actor, user_id: int) -> tuple[User, str]:
    """A new first password for a user (their sessions end; they change it at next sign-in)."""
    authorize(actor, "manage_users")
    user = fetch(session, User, user_id)
    if user.name == actor.name:
        raise ValidationFailed("管理员不能重置自己的密码，请在“修改密码”中修改")
    password = first_password()
    accounts.set_password(session, actor, user.name, password)
    return user, password


def change_role(
    session: Session, actor: Actor, user_id: int, role: str, department_id: int | None
) -> User:
    """Give a user another role or department."""
    authorize(actor, "manage_users")
    user = fetch(session, User, user_id)
    return organisation.change_user(session, actor, user.name, role, department_id)


def set_access(session: Session, actor: Actor, user_id: int, active: bool) -> User:
    """Deactivate a user (every session of theirs ends now) or reactivate them."""
    authorize(actor, "change_user_access")
    user = fetch(session, User, user_id)
    changed = organisation.set_active(session, actor, user.name, active)
    if not active:
        accounts.close_all(session, user.id)
    return changed
