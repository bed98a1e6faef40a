"""Governments, their departments and the ledger's users."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.errors import Conflict, NotFound, ValidationFailed
from luoshi.ledger.models import ROLES, Department, Government, User
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version

CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
REGION_CODE = re.compile(r"^\d{6}$")
# Bootstraps the first admin when the ledger has no user yet.
SYSTEM = Actor("system", "admin")


def add_user(
    session: Session, actor: Actor, name: str, role: str, department: int | None = None
) -> User:
    """Add a user; the very first user of an empty ledger may be added by anyone (bootstrap)."""
    if session.scalar(select(func.count(User.id))):
        authorize(actor, "manage_users")
    else:
        actor = SYSTEM
    _check_role(session, role, department)
    if session.scalars(select(User).where(User.name == name)).first():
        raise Conflict(f"a user named {name!r} exists already")
    user = User(name=name, role=role, department_id=department)
    session.add(user)
    record(session, actor, "add_user", user, None)
    return user


def user_named(session: Session, name: str) -> User:
    """The user called ``name``, or NotFound."""
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def change_user(
    session: Session,
    actor: Actor,
    name: str,
    role: str,
    department: int | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> User:
    """Give a user another role or department (a liaison officer who moves, one who leaves)."""
    authorize(actor, "manage_users")
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {name!r}")
    expect_version(user, expected_version)
    _check_role(session, role, department)
    if user.name == actor.name and role != "admin":
        raise ValidationFailed("an admin cannot take away their own admin role; ask another admin")
    if user.role == "admin" and role != "admin":
        _lock_admins(session)
    before = row(user)
    user.role = role
    user.department_id = department if role == "reporter" else None
    _keep_an_admin(session, name)
    record(session, actor, "change_user", user, before, reason)
    return user


def set_active(
    session: Session,
    actor: Actor,
    name: str,
    active: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> User:
    """Deactivate a user who left (they may then do nothing), or reactivate them.

    The last active admin stays active: someone must be able to manage the ledger.
    """
    authorize(actor, "change_user_access")
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {name!r}")
    expect_version(user, expected_version)
    if user.active == active:
        raise ValidationFailed(f"user {name!r} is {'active' if active else 'inactive'} already")
    if not active and user.role == "admin":
        _lock_admins(session)
    before = row(user)
    user.active = active
    _keep_an_admin(session, name)
    record(session, actor, "activate_user" if active else "deactivate_user", user, before, reason)
    return user


def _lock_admins(session: Session) -> None:
    """Lock the active admins' rows (PostgreSQL), so that two admins taking each other's
    access at once are served one after the other."""
    session.scalars(
        select(User.id)
        .where(User.role == "admin", User.active.is_(True))
        .order_by(User.id)
        .with_for_update()
    ).all()


def _keep_an_admin(session: Session, name: str) -> None:
    """After a change is written: refuse it if no active admin is left.

    Counted after the write, which holds the write lock (SQLite) or follows the locked
    rows (PostgreSQL), so a change made at the same time is seen, not raced.
    """
    session.flush()
    admins = select(func.count(User.id)).where(User.role == "admin", User.active.is_(True))
    if not session.scalar(admins):
        raise ValidationFailed(f"{name!r} is the last active admin; make another user admin first")


def _check_role(session: Session, role: str, department: int | None) -> None:
    if role not in ROLES or role == "public":
        raise ValidationFailed(f"role must be one of admin, reviewer, reporter, not {role!r}")
    if role == "reporter" and department is None:
        raise ValidationFailed("a reporter belongs to a department: give its id")
    if department is not None and session.get(Department, department) is None:
        raise NotFound(f"no department with id {department}")


def add_government(
    session: Session,
    actor: Actor,
    name: str,
    level: str = "",
    region_code: str = "",
    credit_code: str = "",
) -> Government:
    """Add a government (name, level, 区划代码, 统一社会信用代码)."""
    authorize(actor, "manage_governments")
    if not name.strip():
        raise ValidationFailed("a government needs a name")
    if region_code and not REGION_CODE.match(region_code):
        raise ValidationFailed(f"region code {region_code!r} is not 6 digits (e.g. 620600)")
    if credit_code and not CREDIT_CODE.match(credit_code):
        raise ValidationFailed(
            f"unified social credit code {credit_code!r} is not 18 characters of GB 32100"
        )
    if session.scalars(select(Government).where(Government.name == name)).first():
        raise Conflict(f"a government named {name!r} exists already")
    government = Government(
        name=name.strip(), level=level, region_code=region_code, credit_code=credit_code
    )
    session.add(government)
    record(session, actor, "add_government", government, None)
    return government


def government_named(session: Session, name: str) -> Government:
    """The government called ``name``."""
    government = session.scalars(select(Government).where(Government.name == name)).one_or_none()
    if government is None:
        raise NotFound(f"no government named {name!r}; add it with `luoshi gov add`")
    return government


def add_department(session: Session, actor: Actor, government: str, name: str) -> Department:
    """Add a department to a government."""
    authorize(actor, "manage_governments")
    owner = government_named(session, government)
    if not name.strip():
        raise ValidationFailed("a department needs a name")
    if department_named(session, owner.id, name, missing_ok=True):
        raise Conflict(f"{government} has a department named {name!r} already")
    department = Department(government_id=owner.id, name=name.strip())
    session.add(department)
    record(session, actor, "add_department", department, None)
    return department


def department_named(
    session: Session, government_id: int, name: str, *, missing_ok: bool = False
) -> Department | None:
    """A government's department by name."""
    department = session.scalars(
        select(Department).where(
            Department.government_id == government_id, Department.name == name.strip()
        )
    ).one_or_none()
    if department is None and not missing_ok:
        raise NotFound(f"no department named {name!r}")
    return department


def find_department(session: Session, name_or_id: str, government: str | None = None) -> int:
    """A department's id from its id or its name (in ``government`` when names repeat)."""
    if name_or_id.isdigit():
        return int(name_or_id)
    query = select(Department).where(Department.name == name_or_id.strip())
    if government is not None:
        query = query.where(Department.government_id == government_named(session, government).id)
    found = list(session.scalars(query))
    if not found:
        raise NotFound(f"no department named {name_or_id!r}")
    if len(found) > 1:
        raise ValidationFailed(f"several governments have a {name_or_id}; say which: --government")
    return found[0].id


def users(session: Session, actor: Actor) -> list[User]:
    """Every user, by name."""
    authorize(actor, "list_users")
    return list(session.scalars(select(User).order_by(User.name)))


def departments(session: Session, actor: Actor, government: str | None = None) -> list[Department]:
    """The departments (of one government), by government then name."""
    authorize(actor, "list_departments")
    query = select(Department).order_by(Department.government_id, Department.name)
    if government is not None:
        query = query.where(Department.government_id == government_named(session, government).id)
    return list(session.scalars(query))
