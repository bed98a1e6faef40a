"""Backup and restore: every row of every table as JSON lines, restored exactly.

The first line names the format and the schema revision; each further line is
``{"table": name, "row": {column: value}}`` with dates, times and exact
decimals as text, or ``{"file": sha256, "data": base64}`` for a piece (1 MB at
most) of an evidence file (stored content-addressed, so restoring checks each
file against its name, which must be a sha256 in hex). The last line (format 2)
is a manifest: the numbers of rows and files and the sha256 of every line
before it; a backup without it, or that does not match it, is refused (a
truncated or edited backup). Both directions stream: memory stays flat whatever
the size of the evidence.

A restore goes into an empty, migrated ledger in one transaction, and its
evidence files are staged and moved into place only when it commits, so a
failed restore leaves the ledger empty and no file behind.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Table,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from luoshi.errors import Conflict, InputError, writable_target
from luoshi.ledger.models import Base, Evidence, ExactDecimal, StatusStale
from luoshi.ledger.services.policy import Actor, authorize

FORMAT = "luoshi-ledger-backup"
FORMAT_VERSION = 2  # 2: the manifest line; 1 (none) still loads
CHUNK = 1 << 20  # bytes of evidence a line carries
SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Pairs (backup's revision, ledger's revision) that load as they are: the migrations
# between them only add columns with a default (0002: users.active, reports.supersedes_id),
# which the restored rows take, or tables that start empty (0003: the portal's figures, search
# entries and page views; a report published before it is indexed again when re-published).
# 0004 adds the accounts' columns (with defaults) and the web sessions table; 0005–0009 nullable
# columns (commitments.kind, users.email, status_cache.valid_until) and tables that start empty
# (reminders, notifications, the office's keyword table, the status refresh's marks, the closed
# years' verdicts: close the year again after a restore from before them). 0010 only drops the
# status cache's foreign keys.
LOADS_INTO = {
    (old, new)
    for new in ("0002", "0003", "0004", "0009", "0010")
    for old in ("0001", "0002", "0003", "0004", "0009")
    if old < new
}


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
    """Each evidence file the ledger refers to, as backup lines of 1 MB pieces."""
    with engine.connect() as connection:
        digests = connection.execute(
            select(Evidence.sha256).where(Evidence.sha256.is_not(None)).distinct()
        ).scalars()
        for digest in sorted(d for d in digests if d):
            path = stored_file(evidence_dir, digest)
            if not path.is_file():
                raise InputError(path, "evidence file missing from the evidence directory")
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(CHUNK), b""):
                    yield {"file": digest, "data": base64.b64encode(chunk).decode()}


def stored_file(evidence_dir: Path, digest: str) -> Path:
    """Where the evidence file ``digest`` lives; a digest that is no sha256 is refused,
    so no path leaves the evidence directory."""
    if not isinstance(digest, str) or not SHA256.match(digest):
        raise InputError(None, f"evidence hash {str(digest)[:80]!r} is not a sha256 in hex")
    return evidence_dir / digest[:2] / digest


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
    rows = files = 0
    checksum = hashlib.sha256()
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            lines = dump(engine)
            if evidence_dir is not None:
                lines = itertools.chain(lines, evidence_files(engine, evidence_dir))
            last = None
            for item in lines:
                text = json.dumps(item, ensure_ascii=False) + "\n"
                handle.write(text)
                checksum.update(text.encode())
                rows += "row" in item
                files += "file" in item and item["file"] != last
                last = item.get("file")
            manifest = {"end": True, "rows": rows, "files": files, "sha256": checksum.hexdigest()}
            handle.write(json.dumps(manifest) + "\n")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return rows


def restore(engine: Engine, source: Path, evidence_dir: Path | None = None) -> int:
    """Load a backup into an empty, migrated ledger; return the number of rows."""
    if not source.is_file():
        raise InputError(source, "no such backup file")
    staging = Path(tempfile.mkdtemp(prefix="restore-", dir=_made(evidence_dir)))
    try:
        with source.open(encoding="utf-8") as handle, engine.begin() as connection:
            count = _load(connection, handle, source, staging)
        if evidence_dir is not None:
            for staged in staging.iterdir():
                target = stored_file(evidence_dir, staged.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.replace(target)
        return count
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _made(folder: Path | None) -> Path | None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


class _Files:
    """Evidence pieces of a restore, appended to one staged file at a time and checked
    against its sha256 when the next file (or the end) comes."""

    def __init__(self, staging: Path, source: Path) -> None:
        self.staging = staging
        self.source = source
        self.current: str | None = None
        self.digest = hashlib.sha256()
        self.count = 0

    def add(self, item: dict[str, Any], number: int) -> None:
        name = item["file"]
        stored_file(self.staging, name)  # refuses a name that is no sha256
        if name != self.current:
            self.finish(number)
            if (self.staging / name).exists():
                raise InputError(self.source, f"line {number}: evidence file {name} repeats")
            self.current, self.digest = name, hashlib.sha256()
            self.count += 1
        data = base64.b64decode(item["data"], validate=True)
        self.digest.update(data)
        with (self.staging / name).open("ab") as handle:
            handle.write(data)

    def finish(self, number: int) -> None:
        if self.current is not None and self.digest.hexdigest() != self.current:
            raise InputError(self.source, f"line {number}: evidence file does not match its sha256")
        self.current = None


def _load(connection: Connection, handle: IO[str], source: Path, staging: Path) -> int:
    first = handle.readline()
    checksum = hashlib.sha256(first.encode())
    try:
        header = json.loads(first or "{}")
    except json.JSONDecodeError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
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
    marks: list[dict[str, Any]] = []
    files = _Files(staging, source)
    manifest: dict[str, Any] | None = None
    count = 0
    number = 1
    for number, line in enumerate(handle, start=2):
        if manifest is not None:
            raise InputError(source, f"line {number} follows the backup's last line")
        try:
            item = json.loads(line)
            if item.get("end") is True:
                manifest = item
                continue
            checksum.update(line.encode())
            if "file" in item:
                files.add(item, number)
                continue
            table = tables[item["table"]]
            values = {name: _decode(table.c[name], value) for name, value in item["row"].items()}
            if table.name == Evidence.__tablename__ and values.get("sha256") is not None:
                stored_file(staging, values["sha256"])
        except InputError as error:
            raise InputError(source, f"line {number}: {error.problem}") from None
        except (
            json.JSONDecodeError,
            AttributeError,
            KeyError,
            TypeError,
            ValueError,
            binascii.Error,
        ) as error:
            raise InputError(source, f"line {number} is not a row of the ledger: {error}") from None
        count += 1
        if table.name == StatusStale.__tablename__:
            marks.append(values)  # written last: the triggers mark every restored row too
            continue
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
    files.finish(number)
    if header.get("version", 1) >= 2:
        _check_manifest(manifest, count, files.count, checksum.hexdigest(), source)
    for table, key, links in deferred:
        condition = [table.c[name] == value for name, value in key.items()]
        connection.execute(update(table).where(*condition).values(**links))
    # The cache was restored as it was backed up: the marks the restore made are not changes.
    connection.execute(delete(StatusStale))
    if marks:
        connection.execute(insert(StatusStale), marks)
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, list(tables.values()))
    return count


def _check_manifest(
    manifest: dict[str, Any] | None, rows: int, files: int, digest: str, source: Path
) -> None:
    if manifest is None:
        raise InputError(source, "the backup has no last line (manifest): it was cut short")
    found = {"rows": rows, "files": files, "sha256": digest}
    wrong = [key for key, value in found.items() if manifest.get(key) != value]
    if wrong:
        raise InputError(
            source,
            f"the backup does not match its manifest ({', '.join(wrong)}): it was cut short "
            "or changed; nothing restored",
        )


def _key(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    return {column.name: values[column.name] for column in table.primary_key.columns}


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    for table in tables:
        id_column = table.c.get("id")
        if (
            id_column is not None
            and id_column.type.python_type is int
            and id_column.autoincrement
            in (
                True,
                "auto",
            )
        ):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
