"""A commitment's figure kind as the reviewer corrected it (target / actual / estimate)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 18:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: None reads as the kind the commitment came with (a target figure,
    # or no figure at all for a qualitative task); SQLite keeps ALTER TABLE ADD COLUMN.
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_column("kind")
