"""Corpus runs: many reports read and extracted into a documents table and a figures table.

``run_batch`` (runner.py) resolves the inputs (inputs.py), processes chunks here or on a
Dask cluster (work.py) and writes them as Parquet, CSV or SQLite (sinks.py) with the
schema of schema.py; ``load_figures`` / ``load_documents`` (load.py) read a run back as
Arrow tables. pyarrow and dask are imported only when a run or a load needs them.
"""

from __future__ import annotations

from luoshi.corpus.load import load_documents, load_figures
from luoshi.corpus.runner import BatchSummary, run_batch

__all__ = ["BatchSummary", "load_documents", "load_figures", "run_batch"]
