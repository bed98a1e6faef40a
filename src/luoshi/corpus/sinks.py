"""Where a run's rows go: Parquet or CSV parts in a folder, or one SQLite file.

Each chunk is written atomically: a part file appears whole (written aside, then renamed;
the documents part last, so a documents part means its figures part is there) or a chunk
is one SQLite transaction. The documents already written tell a resumed run which
files are done and which texts it has seen.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Protocol

import pyarrow as pa

from luoshi.corpus.schema import SCHEMA_VERSION, TABLES
from luoshi.errors import BatchError

OutputFormat = Literal["parquet", "csv", "sqlite"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("parquet", "csv", "sqlite")
RUN_FILE = "run.json"
PART = "part-{:05d}"


@dataclass(slots=True)
class Written:
    """What a run's output already holds: done paths, each text's first path, the next part."""

    paths: set[str] = field(default_factory=set)
    first_path: dict[str, str] = field(default_factory=dict)
    next_part: int = 0

    def add(self, path: str, document_id: str | None, status: str) -> None:
        self.paths.add(path)
        if document_id is not None and status == "ok":
            self.first_path.setdefault(document_id, path)


class Sink(Protocol):
    """A run's output."""

    def written(self) -> Written: ...

    def write(self, part: int, documents: pa.Table, figures: pa.Table) -> None: ...

    def record_run(self, run: dict[str, Any]) -> None: ...


def open_sink(out: Path, format_: OutputFormat) -> Sink:
    """The sink of ``format_`` at ``out`` (a folder for parquet and csv, a file for sqlite)."""
    if format_ == "sqlite":
        return SqliteSink(out)
    return PartsSink(out, format_)


class PartsSink:
    """``out/documents/part-NNNNN.<ext>`` and ``out/figures/…``, plus ``out/run.json``."""

    def __init__(self, out: Path, format_: Literal["parquet", "csv"]) -> None:
        self.out = out
        self.format = format_
        self.ext = format_
        if out.exists() and not out.is_dir():
            raise BatchError(f"{out}: is a file; --out names a folder for {format_} output")
        run_file = out / RUN_FILE
        if run_file.exists():
            previous = _read_run(run_file)
            if previous.get("format") != format_ or previous.get("schema") != SCHEMA_VERSION:
                raise BatchError(
                    f"{out}: holds a {previous.get('format')} run of schema "
                    f"{previous.get('schema')}; choose another folder to write {format_} "
                    f"of schema {SCHEMA_VERSION}"
                )
        elif out.exists() and any(out.iterdir()):
            raise BatchError(f"{out}: is not empty and holds no luoshi run; choose another folder")
        for table in TABLES:
            (out / table).mkdir(parents=True, exist_ok=True)

    def written(self) -> Written:
        written = Written()
        for leftover in self.out.glob("*/.*.tmp"):
            leftover.unlink()  # a part an interrupted run was writing
        parts = sorted((self.out / "documents").glob(f"part-*.{self.ext}"))
        for part in parts:
            for path, document_id, status in self._done_rows(part):
                written.add(path, document_id, status)
        written.next_part = _part_number(parts[-1]) + 1 if parts else 0
        for orphan in (self.out / "figures").glob(f"part-*.{self.ext}"):
            if _part_number(orphan) >= written.next_part:
                orphan.unlink()  # its documents part was never written: the chunk is redone
        return written

    def _done_rows(self, part: Path) -> Iterator[tuple[str, str | None, str]]:
        if self.format == "parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(part, columns=["path", "id", "status"])
            columns = (table[name].to_pylist() for name in ("path", "id", "status"))
            yield from zip(*columns, strict=True)
        else:
            with part.open(encoding="utf-8", newline="") as stream:
                for row in csv.DictReader(stream):
                    yield row["path"], row["id"] or None, row["status"]

    def write(self, part: int, documents: pa.Table, figures: pa.Table) -> None:
        name = f"{PART.format(part)}.{self.ext}"
        self._write_atomic(figures, self.out / "figures" / name)
        self._write_atomic(documents, self.out / "documents" / name)

    def _write_atomic(self, table: pa.Table, target: Path) -> None:
        aside = target.with_name(f".{target.name}.tmp")
        if self.format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, aside, compression="zstd")
        else:
            with aside.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(table.column_names)
                writer.writerows(flat_rows(table))
        os.replace(aside, target)

    def record_run(self, run: dict[str, Any]) -> None:
        aside = self.out / f".{RUN_FILE}.tmp"
        aside.write_text(json.dumps(run, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(aside, self.out / RUN_FILE)


def _part_number(part: Path) -> int:
    return int(part.stem.removeprefix("part-"))


def _read_run(run_file: Path) -> dict[str, Any]:
    try:
        run = json.loads(run_file.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BatchError(f"{run_file}: cannot be read ({error})") from error
    if not isinstance(run, dict):
        raise BatchError(f"{run_file}: is not a luoshi run record")
    return run


class SqliteSink:
    """Tables documents, figures and run in one SQLite file; a chunk is one transaction."""

    def __init__(self, out: Path) -> None:
        if out.is_dir():
            raise BatchError(f"{out}: is a folder; --out names a file for sqlite output")
        try:
            self.connection = sqlite3.connect(out)
            with self.connection:
                for name, schema in TABLES.items():
                    columns = ", ".join(f'"{f.name}" {_sqlite_type(f.type)}' for f in schema)
                    self.connection.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
                self.connection.execute(
                    "CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, value TEXT)"
                )
        except sqlite3.DatabaseError as error:
            raise BatchError(f"{out}: is not a SQLite file luoshi can write ({error})") from error

    def written(self) -> Written:
        written = Written()
        rows = self.connection.execute("SELECT path, id, status FROM documents ORDER BY rowid")
        for path, document_id, status in rows:
            written.add(path, document_id, status)
        written.next_part = len(written.paths)
        return written

    def write(self, part: int, documents: pa.Table, figures: pa.Table) -> None:
        with self.connection:
            for name, table in (("figures", figures), ("documents", documents)):
                marks = ", ".join("?" * table.num_columns)
                self.connection.executemany(
                    f"INSERT INTO {name} VALUES ({marks})", flat_rows(table)
                )

    def record_run(self, run: dict[str, Any]) -> None:
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO run VALUES (?, ?)",
                [(key, json.dumps(value, ensure_ascii=False)) for key, value in run.items()],
            )


def _sqlite_type(type_: pa.DataType) -> str:
    if pa.types.is_integer(type_) or pa.types.is_boolean(type_):
        return "INTEGER"
    return "TEXT"  # strings, decimals (exact, as text), dates (ISO), lists and maps (JSON)


def flat_rows(table: pa.Table) -> Iterable[list[Any]]:
    """Rows of plain values for CSV and SQLite: exact decimals and ISO dates as text,
    lists and maps as JSON."""
    names = table.column_names
    for record in table.to_pylist():
        yield [_flat(record[name]) for name in names]


def _flat(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):  # a map's (key, value) pairs
            return json.dumps(dict(value), ensure_ascii=False)
        return json.dumps(value, ensure_ascii=False)
    return value
