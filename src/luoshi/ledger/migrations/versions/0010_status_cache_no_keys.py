"""The status cache holds no foreign keys: the refresh writes it in bulk from the ledger itself

Checking both keys of every row a full refresh writes cost about as much as writing the row and
its four index entries (46 µs a row of the 1M in PostgreSQL, on a loaded machine; docs/scale.md).
The cache is derived: each row is computed from a commitment just read, and a commitment whose
row changes is marked stale, so the next refresh replaces or drops its row. The portal reads
the cache joined to the commitments.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Names for the keys, which 0001 left unnamed: PostgreSQL's own defaults, and on SQLite (whose
# keys have no name) the ones the batch copy gives them.
KEYS = {
    "status_cache_commitment_id_fkey": ("commitment_id", "commitments"),
    "status_cache_government_id_fkey": ("government_id", "governments"),
}
NAMING = {"fk": "%(table_name)s_%(column_0_name)s_fkey"}


def upgrade() -> None:
    with op.batch_alter_table("status_cache", naming_convention=NAMING) as batch_op:
        for name in KEYS:
            batch_op.drop_constraint(name, type_="foreignkey")


def downgrade() -> None:
    with op.batch_alter_table("status_cache", naming_convention=NAMING) as batch_op:
        for name, (column, table) in KEYS.items():
            batch_op.create_foreign_key(name, table, [column], ["id"])
