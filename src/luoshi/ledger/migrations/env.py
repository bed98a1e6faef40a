"""Alembic environment: runs on the connection ``luoshi.ledger.db.upgrade`` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from luoshi.ledger.models import Base

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
