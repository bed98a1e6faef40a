"""Users can be deactivated; a final report names the draft (征求意见稿) it supersedes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A constraint change rebuilds the table on SQLite, which drops its triggers: put this one back.
SQLITE_REPORTS_TRIGGER = """CREATE TRIGGER reports_text_frozen BEFORE UPDATE OF text ON reports
    WHEN OLD.state = 'published' AND NEW.text IS NOT OLD.text
    BEGIN SELECT RAISE(ABORT, 'a published report''s text is immutable'); END"""


def upgrade() -> None:
    # A plain text default keeps SQLite on ALTER TABLE ADD COLUMN (no table rebuild).
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default="1", nullable=False))
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supersedes_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_reports_supersedes_id_reports", "reports", ["supersedes_id"], ["id"]
        )
    _restore_sqlite_trigger()


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint("fk_reports_supersedes_id_reports", type_="foreignkey")
        batch_op.drop_column("supersedes_id")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("active")
    _restore_sqlite_trigger()


def _restore_sqlite_trigger() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS reports_text_frozen")
        op.execute(SQLITE_REPORTS_TRIGGER)
