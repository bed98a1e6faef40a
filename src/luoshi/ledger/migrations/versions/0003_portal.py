"""The portal: every extracted figure of a report, a search index, page views

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table over search_entries.text, kept in step by triggers.
# The trigram tokenizer matches any substring of three characters or more, so Chinese needs
# no word segmenter; shorter queries fall back to LIKE (services/search.py).
SQLITE_FTS = (
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        text, content='search_entries', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
        INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
        INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
)


def upgrade() -> None:
    op.create_table(
        "report_figures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("indicator", sa.String(200), nullable=False),
        sa.Column("measure", sa.String(10), nullable=False),
        sa.Column("comparator", sa.String(2), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("value_max", sa.String(64), nullable=True),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
    )
    op.create_index("ix_report_figures_report", "report_figures", ["report_id", "start"])
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("commitment_id", sa.Integer(), sa.ForeignKey("commitments.id"), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_search_entries_report", "search_entries", ["report_id"])
    op.create_table(
        "report_views",
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        # In public, so that a ledger in its own schema (the tests') finds the operator class.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        op.execute(
            "CREATE INDEX ix_search_entries_trgm ON search_entries "
            "USING gin (text public.gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("report_views")
    op.drop_table("search_entries")
    op.drop_table("report_figures")
