"""The audit journal: every change, who, when, before/after, why.

Rows are only ever added (``record``); nothing here or elsewhere updates or deletes one, and
the database refuses it too (triggers of migration 0001).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, or_, select
from sqlalchemy.orm import Session

from luoshi.ledger.models import (
    Assignment,
    AuditEvent,
    Base,
    Commitment,
    Judgement,
    ProgressReport,
    Reminder,
)
from luoshi.ledger.services.policy import Actor, authorize


def plain(value: Any) -> Any:
    """A column value as JSON-ready data (Decimal and dates as text)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def row(obj: Base, *, skip: tuple[str, ...] = ("text", "password_hash")) -> dict[str, Any]:
    """The columns of ``obj`` (a report's long text and a password's hash left out)."""
    mapper = inspect(obj).mapper
    return {
        attr.key: plain(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in skip
    }


def record(
    session: Session,
    actor: Actor,
    action: str,
    obj: Base,
    before: dict[str, Any] | None,
    reason: str = "",
) -> AuditEvent:
    """Journal a change of ``obj`` (flushed first so it has its id and new version)."""
    session.flush()
    event = _event(actor, action, obj, before, reason)
    session.add(event)
    return event


def record_created(
    session: Session, actor: Actor, action: str, objs: Sequence[Base]
) -> list[AuditEvent]:
    """Journal the creation of each of ``objs``, flushed together: one round of inserts for
    many new records (a month's snapshots of every government), not one for each."""
    session.flush()
    events = [_event(actor, action, obj, None, "") for obj in objs]
    session.add_all(events)
    return events


def _event(
    actor: Actor, action: str, obj: Base, before: dict[str, Any] | None, reason: str
) -> AuditEvent:
    after = row(obj)
    return AuditEvent(
        actor=actor.name,
        action=action,
        entity=type(obj).__tablename__,
        entity_id=after.get("id"),
        before=before,
        after=after,
        reason=reason,
    )


def journal(
    session: Session, actor: Actor, entity: str | None = None, entity_id: int | None = None
) -> list[AuditEvent]:
    """The audit events, oldest first, optionally of one entity."""
    authorize(actor, "view_audit")
    query = select(AuditEvent).order_by(AuditEvent.id)
    if entity is not None:
        query = query.where(AuditEvent.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(query))


def of_commitment(session: Session, actor: Actor, commitment_id: int) -> list[AuditEvent]:
    """A commitment's whole journal, oldest first: its own changes, its sub-tasks', its
    assignment's, its progress reports', reminders' and judgements'."""
    authorize(actor, "view_audit")
    related: dict[str, Any] = {
        "commitments": select(Commitment.id).where(
            (Commitment.id == commitment_id) | (Commitment.parent_id == commitment_id)
        ),
        "assignments": select(Assignment.id).where(Assignment.commitment_id == commitment_id),
        "progress_reports": select(ProgressReport.id).where(
            ProgressReport.commitment_id == commitment_id
        ),
        "reminders": select(Reminder.id).where(Reminder.commitment_id == commitment_id),
        "judgements": select(Judgement.id).where(Judgement.commitment_id == commitment_id),
    }
    condition = or_(
        *(
            (AuditEvent.entity == entity) & AuditEvent.entity_id.in_(ids)
            for entity, ids in related.items()
        )
    )
    return list(session.scalars(select(AuditEvent).where(condition).order_by(AuditEvent.id)))


def of_user(session: Session, actor: Actor, name: str, limit: int = 1000) -> list[AuditEvent]:
    """What one user did, newest first (at most ``limit`` events)."""
    authorize(actor, "view_audit")
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.actor == name)
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
    )


def changes(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """What an event changed: (field, before, after) for each field whose value differs (all of
    a new record's fields), the version counter left out."""
    before, after = event.before or {}, event.after or {}
    return [
        (key, before.get(key), after.get(key))
        for key in dict.fromkeys([*after, *before])
        if key != "version" and before.get(key) != after.get(key)
    ]
