"""A Parquet run into the ledger: each ok document a report of its government, its targets
proposed commitments (through the ledger's import service, one transaction per report).

The run keeps figures, not texts: each report is read again from its path and must still
have the text the run read (its sha256 is the document's id). A report the ledger holds
already is skipped, so an import that stopped can be run again. A government the ledger
does not know yet is added (the acting user must be an admin, as for any import).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import luoshi
from luoshi.corpus.work import document_id
from luoshi.errors import BatchError, Conflict, LedgerError, LuoshiError, NotFound, PermissionDenied
from luoshi.extraction.figure import Figure
from luoshi.ledger.db import is_current, make_engine, session_factory, unit_of_work
from luoshi.ledger.services.imports import import_document
from luoshi.ledger.services.organisation import add_government, government_named
from luoshi.ledger.services.policy import actor_for, authorize


@dataclass(slots=True)
class LedgerImport:
    """What an import of a run did."""

    reports: int = 0
    commitments: int = 0
    already: int = 0  # reports the ledger held before
    governments_added: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def import_run(run: Path, database_url: str, user: str | None) -> LedgerImport:
    """Import every ok document of the Parquet run ``run`` into the ledger at ``database_url``."""
    import pyarrow.parquet as pq

    from luoshi.corpus.load import load_documents

    load_documents(run)  # checks that ``run`` is a Parquet run
    engine = make_engine(database_url)
    result = LedgerImport()
    try:
        if not is_current(engine):
            raise LedgerError("the ledger has no tables yet: run `luoshi db upgrade` first")
        factory = session_factory(engine)
        with unit_of_work(factory) as session:  # a user who may not import stops it at once
            authorize(actor_for(session, user), "import_report")
        for part in sorted((run / "documents").glob("part-*.parquet")):
            by_document: dict[str, list[dict[str, Any]]] = {}
            for figure in pq.read_table(run / "figures" / part.name).to_pylist():
                if figure["kind"] == "target":
                    by_document.setdefault(figure["document_id"], []).append(figure)
            for row in pq.read_table(part).to_pylist():
                if row["status"] == "ok":
                    _import_one(factory, user, row, by_document.get(row["id"], []), result)
    finally:
        engine.dispose()
    return result


def _import_one(
    factory: Any, user: str | None, row: dict[str, Any], targets: list[dict[str, Any]],
    result: LedgerImport,
) -> None:  # fmt: skip
    path = row["path"]
    government = row["government"]
    if not government:
        result.failures.append((path, "no government: give it in a manifest's government column"))
        return
    try:
        document = luoshi.read(path)
        if document_id(document) != row["id"]:
            raise BatchError(f"{path}: the file changed since the run read it; run it again")
        if row["plan_year"] is not None:
            document.metadata.plan_year = row["plan_year"]
        with unit_of_work(factory) as session:
            actor = actor_for(session, user)
            try:
                government_named(session, government)
            except NotFound:
                add_government(session, actor, government)
                result.governments_added.append(government)
            import_document(session, actor, document, [figure_of(t) for t in targets], government)
    except Conflict as error:
        if "imported already" in str(error):
            result.already += 1
        else:
            result.failures.append((path, str(error)))
        return
    except LuoshiError as error:
        if type(error) is LedgerError or isinstance(error, PermissionDenied):
            raise  # the ledger itself is unusable (database down, no right): stop here
        result.failures.append((path, str(error)))
        return
    result.reports += 1
    result.commitments += len(targets)


def figure_of(row: dict[str, Any]) -> Figure:
    """The Figure a figures-table row was made from."""
    return Figure(
        row["start"], row["end"], _plain(row["value"]), _maybe(row["value_max"]), row["unit"],
        row["indicator"], row["measure"], row["kind"], row["comparator"], row["period"],
        tuple(row["section"]), row["quote"], _maybe(row["base_value"]),
        _maybe(row["base_value_max"]), row["base_unit"], "; ".join(row["rules"]),
    )  # fmt: skip


def _maybe(value: Decimal | None) -> Decimal | None:
    return None if value is None else _plain(value)


def _plain(value: Decimal) -> Decimal:
    """A decimal without the table's trailing zeros (1.5000000000 → 1.5, 15000 stays)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
