"""The inputs of a corpus run: files, folders, globs and manifest CSVs, resolved to sources.

A manifest is a CSV with a header: a ``path`` column (relative paths are taken from the
manifest's folder) and optional ``government`` and ``year`` columns, which a run uses
instead of what it reads from the report.
"""

from __future__ import annotations

import csv
import glob
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from luoshi.errors import BatchError

REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".shtml", ".docx", ".pdf"})
MANIFEST_SUFFIX = ".csv"
GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Source:
    """One report file of a run, with what its manifest says about it."""

    path: str
    government: str | None = None
    year: int | None = None


def resolve_inputs(inputs: Iterable[str]) -> list[Source]:
    """Every report file named by ``inputs``, in path order, each once (the first naming wins)."""
    found: dict[str, Source] = {}
    for given in inputs:
        for source in _expand(given):
            found.setdefault(source.path, source)
    return [found[path] for path in sorted(found)]


def _expand(given: str) -> list[Source]:
    if GLOB_CHARACTERS & set(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise BatchError(f"{given}: the pattern matches no file")
        return [Source(match) for match in matches if _is_report(Path(match))]
    path = Path(given)
    if path.is_dir():
        return [
            Source(str(file))
            for file in sorted(path.rglob("*"))
            if file.is_file() and _is_report(file)
        ]
    if path.suffix.lower() == MANIFEST_SUFFIX and path.is_file():
        return read_manifest(path)
    if not path.exists():
        raise BatchError(f"{given}: no such file, folder or pattern")
    return [Source(given)]  # any other file is read as a report: read() sniffs its content


def _is_report(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in REPORT_SUFFIXES


def read_manifest(path: Path) -> list[Source]:
    """The sources a manifest CSV lists (columns ``path`` and optional ``government``, ``year``)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream)
            if "path" not in (reader.fieldnames or ()):
                raise BatchError(
                    f"{path}: a manifest needs a header with a 'path' column "
                    "(and optional 'government' and 'year' columns)"
                )
            return [_manifest_source(path, reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise BatchError(f"{path}: cannot be read as a manifest CSV ({error})") from error


def _manifest_source(manifest: Path, line: int, row: dict[str, str | None]) -> Source:
    given = (row.get("path") or "").strip()
    if not given:
        raise BatchError(f"{manifest}, line {line}: the path is empty")
    file = Path(given) if Path(given).is_absolute() else manifest.parent / given
    year_text = (row.get("year") or "").strip()
    try:
        year = int(year_text) if year_text else None
    except ValueError:
        raise BatchError(
            f"{manifest}, line {line}: year {year_text!r} is not a year like 2025"
        ) from None
    government = (row.get("government") or "").strip() or None
    return Source(str(file), government, year)
