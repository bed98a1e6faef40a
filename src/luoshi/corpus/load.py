"""A run read back for analysis: its tables as Arrow tables.

An Arrow table becomes a DataFrame with ``.to_pandas()`` (pandas) or ``polars.from_arrow``;
DuckDB queries the Parquet parts directly (``read_parquet('run/figures/*.parquet')``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.corpus.schema import TABLES
from luoshi.corpus.sinks import RUN_FILE
from luoshi.errors import BatchError

if TYPE_CHECKING:
    import pyarrow as pa


def load_documents(run: str | Path) -> pa.Table:
    """The documents table of a Parquet run folder, one row per input file."""
    return _load(Path(run), "documents")


def load_figures(run: str | Path) -> pa.Table:
    """The figures table of a Parquet run folder, one row per figure of an ok document."""
    return _load(Path(run), "figures")


def _load(run: Path, table: str) -> pa.Table:
    import pyarrow.parquet as pq

    run_file = run / RUN_FILE
    if not run_file.is_file():
        raise BatchError(f"{run}: holds no luoshi run (no {RUN_FILE})")
    if json.loads(run_file.read_text("utf-8")).get("format") != "parquet":
        raise BatchError(f"{run}: is not a Parquet run; load_* reads Parquet runs")
    schema = TABLES[table]
    parts = sorted((run / table).glob("part-*.parquet"))
    if not parts:
        return schema.empty_table()
    return pq.ParquetDataset([str(part) for part in parts], schema=schema).read()
