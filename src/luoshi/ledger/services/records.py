"""Fetching records by id and guarding them against stale edits."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from luoshi.errors import Conflict, NotFound
from luoshi.ledger.models import Base

Row = TypeVar("Row", bound=Base)


def fetch(session: Session, model: type[Row], id_: int) -> Row:
    """The record of ``model`` with ``id_``, or NotFound naming what is missing."""
    obj = session.get(model, id_)
    if obj is None:
        raise NotFound(f"no {model.__tablename__.rstrip('s').replace('_', ' ')} with id {id_}")
    return obj


def expect_version(obj: Base, expected: int | None) -> None:
    """Refuse to change ``obj`` when the editor saw an older version of it."""
    current = getattr(obj, "version", None)
    if expected is not None and current != expected:
        raise Conflict(
            f"{type(obj).__tablename__} {getattr(obj, 'id', '?')} is at version {current}, "
            f"you edited version {expected}; reload it and apply your change again"
        )
