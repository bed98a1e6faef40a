"""Alembic migrations of the ledger, packaged so ``luoshi db upgrade`` runs from an install."""
