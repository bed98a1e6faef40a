"""Backup and restore: every row of every table as JSON lines, restored exactly.

The first line names the format and the schema revision; each further line is
``{"table": name, "row": {column: value}}`` with dates, times and exact
decimals as text, or ``{"file": sha256, "data": base64}`` for an evidence file
(stored content-addressed, so restoring checks each file against its name).
A restore goes into an empty, migrated ledger in one transaction, so a failed
restore leaves it empty.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Connection, Date, DateTime, Engine, Table, func, select, text, update

from luoshi.errors import Conflict, InputError, writable_target
from luoshi.ledger.models import Base, Evidence, ExactDecimal
from luoshi.ledger.services.policy import Actor, authorize

FORMAT = "luoshi-ledger-backup"
FORMAT_VERSION = 1
# Pairs (backup's revision, ledger's revision) that load as they are: the migrations
# between them only add columns with a default (0002: users.active, reports.supersedes_id),
# which the restored rows take.
LOADS_INTO = {("0001", "0002")}


def _revision(connection: Connection) -> str | None:
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column.type, ExactDecimal):
        return Decimal(value)
    return value


def dump(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every row of the ledger, parents before children, each table in id order."""
    with engine.connect() as connection:
        yield {"format": FORMAT, "version": FORMAT_VERSION, "revision": _revision(connection)}
        for table in Base.metadata.sorted_tables:
            keys = list(table.primary_key.columns)
            for found in connection.execute(select(table).order_by(*keys)).mappings():
                yield {
                    "table": table.name,
                    "row": {key: _encode(value) for key, value in found.items()},
                }


def evidence_files(engine: Engine, evidence_dir: Path) -> Iterator[dict[str, Any]]:
    """Each evidence file the ledger refers to, as a backup line."""
    with engine.connect() as connection:
        digests = connection.execute(
            select(Evidence.sha256).where(Evidence.sha256.is_not(None)).distinct()
        ).scalars()
        for digest in sorted(d for d in digests if d):
            path = evidence_dir / digest[:2] / digest
            if not path.is_file():
                raise InputError(path, "evidence file missing from the evidence directory")
            yield {"file": digest, "data": base64.b64encode(path.read_bytes()).decode()}


def backup(
    engine: Engine,
    target: Path,
    evidence_dir: Path | None = None,
    *,
    actor: Actor | None = None,
) -> int:
    """Write the ledger (and its evidence files) to ``target``; return the number of rows.

    ``actor``: who asks (the CLI always says); only an admin may copy every row.
    """
    if actor is not None:
        authorize(actor, "backup")
    writable_target(target)
    count = 0
    partial = target.with_name(target.name + ".part")
    with partial.open("w", encoding="utf-8") as handle:
        for line in dump(engine):
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += "row" in line
        if evidence_dir is not None:
            for line in evidence_files(engine, evidence_dir):
                handle.write(json.dumps(line) + "\n")
    partial.replace(target)
    return count


def restore(engine: Engine, source: Path, evidence_dir: Path | None = None) -> int:
    """Load a backup into an empty, migrated ledger; return the number of rows."""
    if not source.is_file():
        raise InputError(source, "no such backup file")
    with source.open(encoding="utf-8") as handle, engine.begin() as connection:
        return _load(connection, handle, source, evidence_dir)


def _write_file(item: dict[str, Any], evidence_dir: Path | None, number: int, source: Path) -> None:
    data = base64.b64decode(item["data"])
    if hashlib.sha256(data).hexdigest() != item["file"]:
        raise InputError(source, f"line {number}: evidence file does not match its sha256")
    if evidence_dir is not None:
        path = evidence_dir / item["file"][:2] / item["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _load(connection: Connection, handle: IO[str], source: Path, evidence_dir: Path | None) -> int:
    try:
        header = json.loads(handle.readline() or "{}")
    except json.JSONDecodeError:
        header = {}
    if header.get("format") != FORMAT:
        raise InputError(source, "not a luoshi ledger backup (its first line does not say so)")
    current = _revision(connection)
    if header.get("revision") != current and (header.get("revision"), current) not in LOADS_INTO:
        raise InputError(
            source,
            f"backup is of schema {header.get('revision')}, the ledger is at "
            f"{current}; restore into a ledger at the same revision",
        )
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    for table in tables.values():
        if connection.execute(select(func.count()).select_from(table)).scalar():
            raise Conflict(f"restore needs an empty ledger; table {table.name} has rows")
    deferred: list[tuple[Table, dict[str, Any], dict[str, Any]]] = []
    count = 0
    for number, line in enumerate(handle, start=2):
        try:
            item = json.loads(line)
            if "file" in item:
                _write_file(item, evidence_dir, number, source)
                continue
            table = tables[item["table"]]
            values = {name: _decode(table.c[name], value) for name, value in item["row"].items()}
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, binascii.Error) as error:
            raise InputError(source, f"line {number} is not a row of the ledger: {error}") from None
        # A row may point at a later row of its own table: set such links after every insert.
        later = {
            column.name: values[column.name]
            for column in table.columns
            if values.get(column.name) is not None
            and any(fk.column.table is table for fk in column.foreign_keys)
        }
        connection.execute(table.insert().values(**(values | dict.fromkeys(later))))
        if later:
            deferred.append((table, _key(table, values), later))
        count += 1
    for table, key, links in deferred:
        condition = [table.c[name] == value for name, value in key.items()]
        connection.execute(update(table).where(*condition).values(**links))
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, list(tables.values()))
    return count


def _key(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    return {column.name: values[column.name] for column in table.primary_key.columns}


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    for table in tables:
        if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
