"""Users, roles and what each role may do: one table.

Scopes: ``all`` — any record; ``own`` — only records of the user's department
(a department reporter); ``published`` — only published, confirmed data (the
public). An action absent for a role is denied. Backup and restore are not
here: they are the operator's, guarded by access to the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import NotFound, PermissionDenied
from luoshi.ledger.models import User


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a user's name, role and (for a reporter) department."""

    name: str
    role: str
    department_id: int | None = None


PUBLIC = Actor("public", "public")

# Columns: action → {role: scope}. Roles: admin (督查室 admin), reviewer (督查室 reviewer),
# reporter (a department's liaison officer), public.
POLICY: dict[str, dict[str, str]] = {
    "manage_users": {"admin": "all"},
    "change_user_access": {"admin": "all"},  # deactivate a user who left, or reactivate
    "manage_governments": {"admin": "all"},
    "import_report": {"admin": "all"},
    "publish_report": {"admin": "all"},
    "add_task": {"admin": "all", "reviewer": "all"},
    "review": {"admin": "all", "reviewer": "all"},
    "close_year": {"admin": "all", "reviewer": "all"},  # the next report's verdicts, carry-over
    "compare_editions": {"admin": "all", "reviewer": "all"},  # a draft against its final
    "assign": {"admin": "all", "reviewer": "all"},
    "file_progress": {"admin": "all", "reporter": "own"},
    "decide_progress": {"admin": "all", "reviewer": "all"},
    "judge": {"admin": "all", "reviewer": "all"},
    "view": {"admin": "all", "reviewer": "all", "reporter": "own", "public": "published"},
    "view_audit": {"admin": "all", "reviewer": "all"},
    "supervise": {"admin": "all", "reviewer": "all"},  # overdue lists, 催办, the dashboard
    "view_reminders": {"admin": "all", "reviewer": "all", "reporter": "own"},
    "excel_export": {"admin": "all", "reviewer": "all"},
    "excel_import": {"admin": "all", "reviewer": "all"},
    "snapshot": {"admin": "all", "reviewer": "all"},
    "refresh_status": {"admin": "all", "reviewer": "all"},
    "list_users": {"admin": "all", "reviewer": "all"},
    "list_departments": {"admin": "all", "reviewer": "all", "reporter": "all", "public": "all"},
    "backup": {"admin": "all"},  # every row, drafts and evidence included
}


def scope(actor: Actor, action: str) -> str:
    """The actor's scope for ``action``; PermissionDenied when the role may not do it."""
    granted = POLICY[action].get(actor.role)
    if granted is None:
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not {action.replace('_', ' ')}")
    return granted


def authorize(actor: Actor, action: str, departments: set[int] | None = None) -> None:
    """Allow ``action`` or raise PermissionDenied.

    ``departments``: the departments the target record belongs to; a reporter
    (scope ``own``) must be one of them.
    """
    granted = scope(actor, action)
    if granted == "own" and (departments is None or actor.department_id not in departments):
        raise PermissionDenied(
            f"{actor.name} ({actor.role}) may {action.replace('_', ' ')} only for own department"
        )


def actor_for(session: Session, name: str | None) -> Actor:
    """The Actor of a user name; no name is the public; an inactive user may not act at all."""
    if name is None or name == PUBLIC.name:
        return PUBLIC
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {name!r}; an admin adds users with `luoshi user add`")
    if not user.active:
        raise PermissionDenied(
            f"user {name!r} is deactivated and may do nothing; an admin can reactivate them "
            "with `luoshi user set NAME --active`"
        )
    return Actor(user.name, user.role, user.department_id)
