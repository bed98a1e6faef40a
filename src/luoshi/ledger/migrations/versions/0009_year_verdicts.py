"""The closed year's verdicts beside the ledger's status, and carried-over commitments

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 18:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "year_verdicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "commitment_id",
            sa.Integer(),
            sa.ForeignKey("commitments.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("outcomes_report_id", sa.Integer(), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(15), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("disagrees", sa.Boolean(), nullable=False),
        sa.Column(
            "carried_to_id",
            sa.Integer(),
            sa.ForeignKey("commitments.id", name="fk_year_verdicts_carried_to_id_commitments"),
            nullable=True,
            unique=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_year_verdicts_outcomes_report_id", "year_verdicts", ["outcomes_report_id"])


def downgrade() -> None:
    op.drop_index("ix_year_verdicts_outcomes_report_id", "year_verdicts")
    op.drop_table("year_verdicts")
