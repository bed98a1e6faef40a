"""The office's keyword table for suggesting a commitment's 牵头单位

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 18:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lead_keywords",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("government_id", sa.Integer(), sa.ForeignKey("governments.id"), nullable=False),
        sa.Column("keyword", sa.String(100), nullable=False),
        sa.Column("department_id", sa.Integer(), sa.ForeignKey("departments.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("government_id", "keyword"),
    )
    op.create_index("ix_lead_keywords_government_id", "lead_keywords", ["government_id"])


def downgrade() -> None:
    op.drop_index("ix_lead_keywords_government_id", "lead_keywords")
    op.drop_table("lead_keywords")
