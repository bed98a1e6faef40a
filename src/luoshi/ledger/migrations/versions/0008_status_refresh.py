"""Incremental status refresh: each cached status's last valid day, and triggers marking stale ones

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Table → the commitment ids a changed row names (NEW./OLD. prefixed by the trigger).
WATCHED = {
    "commitments": ("id", "parent_id"),
    "assignments": ("commitment_id",),
    "progress_reports": ("commitment_id",),
}


def upgrade() -> None:
    with op.batch_alter_table("status_cache", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch_op.create_index("ix_status_cache_valid_until", ["valid_until"])
    op.create_table(
        "status_stale",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
    )
    op.create_table(
        "status_refresh",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("tolerance", sa.String(100), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _marks(row: str, columns: tuple[str, ...]) -> str:
    values = " UNION ALL ".join(f"SELECT {row}.{column} AS id" for column in columns)
    return (
        f"INSERT INTO status_stale (commitment_id) SELECT id FROM ({values}) AS named "
        "WHERE id IS NOT NULL;"
    )


def _postgresql_triggers() -> None:
    for table, columns in WATCHED.items():
        op.execute(
            f"CREATE FUNCTION {table}_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP <> 'INSERT' THEN {_marks('OLD', columns)} END IF;\n"
            f"  IF TG_OP <> 'DELETE' THEN {_marks('NEW', columns)} END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_stale AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_mark_stale()"
        )


def _sqlite_triggers() -> None:
    for table, columns in WATCHED.items():
        for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            body = " ".join(_marks(row, columns) for row in rows)
            op.execute(
                f"CREATE TRIGGER {table}_stale_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {body} END"
            )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in WATCHED:
        if postgresql:
            op.execute(f"DROP TRIGGER {table}_stale ON {table}")
            op.execute(f"DROP FUNCTION {table}_mark_stale()")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_stale_{event}")
    op.drop_table("status_refresh")
    op.drop_table("status_stale")
    with op.batch_alter_table("status_cache", schema=None) as batch_op:
        batch_op.drop_index("ix_status_cache_valid_until")
        batch_op.drop_column("valid_until")
