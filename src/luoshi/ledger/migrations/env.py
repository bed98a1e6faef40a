"""Alembic environment: runs on the connection ``luoshi.ledger.db.upgrade`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from luoshi.ledger.models import Base, include_name


def run_migrations() -> None:
    """Migrate on the connection set in the Alembic config's attributes."""
    connection: Connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


# Alembic installs ``context.config`` while it runs this file; a plain import (doctest
# collection, a linter) finds none and does nothing.
if getattr(context, "config", None) is not None:
    run_migrations()
