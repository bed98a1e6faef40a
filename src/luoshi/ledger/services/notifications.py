"""Notifications: a message to users, read in the app and, for users with an address, mailed.

``notify`` adds one row per user in the caller's transaction; those to be mailed are remembered
on the session (``session.info``) and handed to the mailer once the transaction commits
(``services.mail``), so a rolled-back change mails nothing and a failed mail loses nothing.
A user reads and marks only their own notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from luoshi.errors import NotFound, ValidationFailed
from luoshi.ledger.models import (
    NOTIFICATION_KINDS,
    Assignment,
    Commitment,
    Notification,
    ProgressReport,
    User,
    utcnow,
)
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize

# session.info key: ids of notifications to mail once the session's transaction commits.
TO_MAIL = "luoshi.notifications_to_mail"
TITLE_LENGTH = 60  # a commitment's title is cut to this in a notification's title

# What each kind of notification is called in the app. Columns: kind, label.
LABELS: dict[str, str] = {
    "reminder": "催办",
    "escalation": "催办（升级）",
    "returned": "报告被退回",
    "approved": "报告已通过",
    "assigned": "新的分工",
}
assert set(LABELS) == set(NOTIFICATION_KINDS)


@dataclass(frozen=True, slots=True)
class Inbox:
    items: list[Notification]
    unread: int


def short(title: str) -> str:
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"


def department_users(
    session: Session, department_ids: Iterable[int], *, office_admins: bool = False
) -> list[User]:
    """The active users of some departments, and (``office_admins``) the office's admins."""
    condition: ColumnElement[bool] = User.department_id.in_(set(department_ids))
    if office_admins:
        condition = condition | (User.role == "admin")
    return list(
        session.scalars(select(User).where(condition, User.active.is_(True)).order_by(User.id))
    )


def notify(
    session: Session, users: Iterable[User], kind: str, title: str, body: str, link: str = ""
) -> list[Notification]:
    """One notification per user; a user with an address gets it by mail after the commit."""
    if kind not in NOTIFICATION_KINDS:
        raise ValidationFailed(f"notification kind must be one of {NOTIFICATION_KINDS}: {kind!r}")
    made = [
        Notification(
            user_id=user.id,
            kind=kind,
            title=title,
            body=body,
            link=link,
            email_state="pending" if user.email else "none",
            email_attempts=0,
            email_error="",
        )
        for user in users
    ]
    session.add_all(made)
    session.flush()
    session.info.setdefault(TO_MAIL, []).extend(n.id for n in made if n.email_state == "pending")
    return made


def _user(session: Session, actor: Actor) -> User:
    user = session.scalars(select(User).where(User.name == actor.name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {actor.name!r}")
    return user


def unread_count(session: Session, actor: Actor) -> int:
    """How many of the actor's notifications are unread (the header's count)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .join(User, User.id == Notification.user_id)
            .where(User.name == actor.name, Notification.read_at.is_(None))
        )
        or 0
    )


def inbox(session: Session, actor: Actor, limit: int = 200) -> Inbox:
    """The actor's own notifications, newest first, and how many are unread."""
    user = _user(session, actor)
    items = session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(limit)
    ).all()
    return Inbox(list(items), unread_count(session, actor))


def mark_read(session: Session, actor: Actor, notification_id: int | None = None) -> int:
    """Mark one of the actor's notifications read, or all of them (None); how many changed.

    Another user's notification is NotFound: its existence is not revealed.
    """
    user = _user(session, actor)
    mine = (Notification.user_id == user.id) & Notification.read_at.is_(None)
    if notification_id is not None:
        found = session.get(Notification, notification_id)
        if found is None or found.user_id != user.id:
            raise NotFound(f"no notification {notification_id} of yours")
        mine = mine & (Notification.id == notification_id)
    changed = session.execute(
        update(Notification)
        .where(mine)
        .values(read_at=utcnow(), version=Notification.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(changed, "rowcount", 0) or 0)


def set_email(session: Session, actor: Actor, name: str, email: str) -> User:
    """Give a user the address their notifications are mailed to ("" removes it)."""
    authorize(actor, "manage_users")
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no user named {name!r}")
    email = email.strip()
    if email:
        _, address = parseaddr(email)
        local, _, domain = address.partition("@")
        if address != email or not local or "." not in domain or " " in email:
            raise ValidationFailed(f"{email!r} is not a mail address like name@example.org")
    before = row(user)
    user.email = email or None
    record(session, actor, "set_email", user, before)
    return user


# The events that notify: called by the services that make them, in their transaction.


def report_decided(session: Session, report: ProgressReport) -> None:
    """The department whose report the office approved or returned is told, with the reason."""
    commitment = session.get(Commitment, report.commitment_id)
    title = short(commitment.title if commitment else f"事项 {report.commitment_id}")
    kind = "approved" if report.state == "approved" else "returned"
    body = f"截至 {report.as_of} 的进展报告{'已审核通过' if kind == 'approved' else '被退回'}。"
    if report.state_reason:
        body += f"\n意见：{report.state_reason}"
    notify(
        session,
        department_users(session, [report.department_id]),
        kind,
        f"{LABELS[kind]}：{title}",
        body,
        "/work",
    )


def assigned(session: Session, assignment: Assignment, commitment: Commitment) -> None:
    """The lead and partner departments of a new or changed assignment are told."""
    due = f"，完成时限 {assignment.due}" if assignment.due else ""
    for department_id, part in [
        (assignment.lead_id, "牵头"),
        *((p.department_id, "配合") for p in assignment.partners),
    ]:
        notify(
            session,
            department_users(session, [department_id]),
            "assigned",
            f"{LABELS['assigned']}（{part}）：{short(commitment.title)}",
            f"本单位为该事项的{part}单位{due}，按{_cycle(assignment.cycle)}报送进展。",
            "/work",
        )


def _cycle(cycle: str) -> str:
    return {"monthly": "月", "quarterly": "季度"}.get(cycle, cycle)
