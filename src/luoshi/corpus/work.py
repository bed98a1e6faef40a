"""What a worker does with a chunk of sources: read, extract, and make the rows of each report.

Runs in Dask worker processes as well as in the caller's: everything here is picklable,
and a broken file becomes a failed row, never an exception that stops the run.
"""

from __future__ import annotations

import contextlib
import decimal
import gc
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa

import luoshi
from luoshi.corpus.inputs import Source
from luoshi.corpus.schema import DECIMAL_SCALE, FIGURES, METADATA_DATES, METADATA_STRINGS
from luoshi.errors import LuoshiError
from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document

log = logging.getLogger(__name__)

# Where a report names its government, tried in order: (field of Metadata, or "opening" for
# the text's first OPENING characters; pattern whose group "government" is the name; the
# name when the pattern has no such group).
GOVERNMENT_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("session", re.compile(r"全国人民代表大会"), "国务院"),
    ("opening", re.compile(r"我代表国务院"), "国务院"),
    ("session", re.compile(r"^(?P<government>\S+?)第[一二三四五六七八九十]+届人民代表大会"), ""),
    ("title", re.compile(r"^(?:\d{4}年)?(?P<government>\S+?)(?:人民)?政府工作报告"), ""),
)

OPENING = 1000
_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_CONTEXT = decimal.Context(prec=38, rounding=decimal.ROUND_HALF_EVEN)


@dataclass(slots=True)
class Processed:
    """One source's document row (a dict of the documents schema) and its figures, if read."""

    row: dict[str, Any]
    figures: pa.RecordBatch | None


def process_chunk(sources: list[Source]) -> list[Processed]:
    """Each source of a chunk, read and extracted, in the chunk's order."""
    with fewer_collections():
        return [process(source) for source in sources]


@contextlib.contextmanager
def fewer_collections(young: int = 10_000) -> Iterator[None]:
    """Run the cyclic garbage collector every ``young`` new objects rather than Python's 700.

    Reading and extracting a report makes some 100,000 short-lived objects and few cycles:
    at 700 the collector ran ~3 times a report, ~3 % of a report's CPU. Python's threshold is
    restored after.
    """
    before = gc.get_threshold()
    gc.set_threshold(young, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def process(source: Source) -> Processed:
    """Read and extract one source; a failure is recorded in its row."""
    row: dict[str, Any] = {"path": source.path, "status": "failed"}
    with contextlib.suppress(OSError):  # read() says what is wrong with the path
        row["bytes"] = os.stat(source.path).st_size
    try:
        document = luoshi.read(source.path)
        figures = luoshi.extract(document)
        identity = document_id(document)
        batch = figure_batch(identity, figures)
    except LuoshiError as error:
        row["error"] = getattr(error, "problem", None) or str(error)
        return Processed(_with_given(row, source), None)
    except Exception as error:  # a bug in luoshi must not stop a corpus run; it is recorded
        log.exception("%s: unexpected error", source.path)
        row["error"] = f"internal error ({type(error).__name__}: {error}); please report it"
        return Processed(_with_given(row, source), None)
    row.update(document_row(document, figures, identity))
    return Processed(_with_given(row, source), batch)


def document_id(document: Document) -> str:
    """The document's id: the sha256 of its text."""
    return hashlib.sha256(document.text.encode()).hexdigest()


def document_row(
    document: Document, figures: list[Figure], identity: str | None = None
) -> dict[str, Any]:
    """The documents-table fields read from a Document and its figures (``identity``: its
    ``document_id``, when known)."""
    meta = document.metadata
    row: dict[str, Any] = {
        "id": identity or document_id(document),
        "status": "ok",
        "format": document.format,
        "encoding": document.encoding,
        "chars": len(document.text),
        "government": government_of(document),
        "plan_year": meta.plan_year,
        "figures": len(figures),
        "targets": sum(1 for figure in figures if figure.kind == "target"),
        "credit_code_valid": meta.credit_code_valid,
        "index_year": meta.index_year,
        "views": meta.views,
        "breadcrumb": list(meta.breadcrumb),
        "fields": list(meta.fields.items()),
    }
    for name in (*METADATA_STRINGS, *METADATA_DATES):
        row[name] = getattr(meta, name)
    row["government_from"] = "report" if row["government"] else None
    row["plan_year_from"] = "report" if row["plan_year"] is not None else None
    return row


def government_of(document: Document) -> str | None:
    """The government a report names in its session or title, or None."""
    for field, pattern, fixed in GOVERNMENT_PATTERNS:
        value = document.text[:OPENING] if field == "opening" else getattr(document.metadata, field)
        match = pattern.search(value) if value else None
        if match:
            return match.groupdict().get("government") or fixed
    return None


def _with_given(row: dict[str, Any], source: Source) -> dict[str, Any]:
    if source.government is not None:
        row["government"], row["government_from"] = source.government, "manifest"
    if source.year is not None:
        row["plan_year"], row["plan_year_from"] = source.year, "manifest"
    return row


def figure_batch(document_id: str, figures: list[Figure]) -> pa.RecordBatch:
    """The figures-table rows of one document (built a column at a time)."""
    columns: dict[str, list[Any]] = {
        "document_id": [document_id] * len(figures),
        "seq": list(range(len(figures))),
        "start": [figure.start for figure in figures],
        "end": [figure.end for figure in figures],
        "value": [_exact(figure.value) for figure in figures],
        "value_max": [_exact(figure.value_max) for figure in figures],
        "unit": [figure.unit for figure in figures],
        "base_value": [_exact(figure.base_value) for figure in figures],
        "base_value_max": [_exact(figure.base_value_max) for figure in figures],
        "base_unit": [figure.base_unit for figure in figures],
        "indicator": [figure.indicator for figure in figures],
        "measure": [figure.measure for figure in figures],
        "kind": [figure.kind for figure in figures],
        "comparator": [figure.comparator for figure in figures],
        "period": [figure.period for figure in figures],
        "section": [figure.section for figure in figures],
        "quote": [figure.quote for figure in figures],
        "rules": [figure.rule.split("; ") for figure in figures],
    }
    return pa.RecordBatch.from_pydict(columns, schema=FIGURES)


def _exact(value: Decimal | None) -> Decimal | None:
    """``value`` at the figures' decimal scale (exact for every number a report writes)."""
    if value is None:
        return None
    return value.quantize(_QUANTUM, context=_DECIMAL_CONTEXT)
