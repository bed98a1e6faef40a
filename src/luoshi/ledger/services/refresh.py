"""The status cache kept current: a full refresh in bounded batches, or only what changed.

A full refresh walks the top-level commitments in id order, a batch at a time
(``batch_status.compute``: inputs folded in SQL, the engine in Python), and writes each
batch before reading the next, so memory stays flat in the size of the ledger. It runs
when there is no earlier refresh, when the tolerance changed, when the day goes back, or
on request.

Otherwise the refresh is incremental. It recomputes only
- the commitments named in ``status_stale``: database triggers (migration 0008) mark a
  commitment whenever it, its assignment or one of its progress reports changes — by any
  service, import, restore or hand-written SQL; a sub-task's mark recomputes its top-level
  commitment;
- the cached statuses whose ``valid_until`` day has passed: the engine says how long a
  status holds on the calendar alone (``status.stable_until``: the period's end, the next
  report due, a task's elapsed share, a report dated in the future coming due).
The tally by government and status is adjusted by the difference, not recounted.

On PostgreSQL the refresh locks ``status_stale`` first: changes made meanwhile wait for it
to commit, so none is marked and then lost. There a full refresh can compute in several
processes (``workers``): each reads its batches in the refresh's own snapshot
(``pg_export_snapshot``) and sends back the rows, which the refresh writes in its
transaction, so readers still see the old cache or the new one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, delete, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from luoshi.ledger.models import Commitment, StatusCache, StatusCount, StatusRefresh, StatusStale
from luoshi.ledger.services.batch_status import BATCH, Computed, among, chunks, compute
from luoshi.ledger.status import Tolerance

_CACHE_COLUMNS = (
    "commitment_id",
    "government_id",
    "code",
    "colour",
    "as_of",
    "explanation",
    "value",
    "reported_as_of",
    "valid_until",
)


@dataclass(frozen=True, slots=True)
class CacheRefresh:
    """What a cache refresh did: full or not, and how many statuses it computed."""

    full: bool
    computed: int
    workers: int = 1  # processes that computed a full refresh


def refresh_cache(
    session: Session,
    tolerance: Tolerance,
    today: dt.date,
    *,
    full: bool = False,
    workers: int = 1,
) -> CacheRefresh:
    """Bring the status cache to ``today``: only what changed unless a full refresh is due.

    ``workers``: processes a full refresh on PostgreSQL computes in (its batches spread over
    them); on SQLite, and for a ledger of one batch, the refresh computes in this process.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE status_stale IN EXCLUSIVE MODE"))
    last = session.get(StatusRefresh, 1)
    key = _key(tolerance)
    full = full or last is None or last.tolerance != key or today < last.as_of
    used = 1
    if full:
        computed, used = _full(session, tolerance, today, workers)
    else:
        computed = _incremental(session, tolerance, today)
    if last is None:
        session.add(StatusRefresh(id=1, as_of=today, tolerance=key))
    else:
        last.as_of, last.tolerance = today, key
    session.flush()
    return CacheRefresh(full, computed, used)


def _key(tolerance: Tolerance) -> str:
    return f"{tolerance.lag}/{tolerance.ahead}/{tolerance.grace_days}"


def _full(session: Session, tolerance: Tolerance, today: dt.date, workers: int) -> tuple[int, int]:
    """Recompute every top-level commitment; how many, and in how many processes."""
    marked = session.scalar(select(func.max(StatusStale.id))) or 0
    session.execute(delete(StatusCount))
    session.execute(delete(StatusCache))
    batches = _batches(session)
    first = next(batches, [])
    spread = workers > 1 and len(first) == BATCH and session.get_bind().dialect.name == "postgresql"
    every = itertools.chain([first], batches)
    rows = (
        _spread(session, every, tolerance, today, workers)
        if spread
        else (cache_rows(compute(session, ids, tolerance, today), today) for ids in every)
    )
    count = 0
    for part in rows:
        _insert(session, part)
        count += len(part)
    session.execute(delete(StatusStale).where(StatusStale.id <= marked))
    tally = select(StatusCache.government_id, StatusCache.code, func.count()).group_by(
        StatusCache.government_id, StatusCache.code
    )
    session.execute(insert(StatusCount).from_select(["government_id", "code", "count"], tally))
    return count, workers if spread else 1


def _batches(session: Session) -> Iterator[list[int]]:
    """The top-level commitments' ids in id order, ``BATCH`` at a time."""
    after = 0
    while True:
        ids = list(
            session.scalars(
                select(Commitment.id)
                .where(Commitment.parent_id.is_(None), Commitment.id > after)
                .order_by(Commitment.id)
                .limit(BATCH)
            )
        )
        if not ids:
            return
        yield ids
        after = ids[-1]


def _incremental(session: Session, tolerance: Tolerance, today: dt.date) -> int:
    count = 0
    while True:  # the commitments the triggers marked
        marks = session.execute(
            select(StatusStale.id, StatusStale.commitment_id).order_by(StatusStale.id).limit(BATCH)
        ).all()
        if not marks:
            break
        named = sorted({cid for _, cid in marks})
        count += _recompute(session, named, _roots(session, named), tolerance, today)
        session.execute(delete(StatusStale).where(StatusStale.id <= marks[-1][0]))
    after = 0
    while True:  # the statuses whose day has passed
        ids = list(
            session.scalars(
                select(StatusCache.commitment_id)
                .where(StatusCache.valid_until < today, StatusCache.commitment_id > after)
                .order_by(StatusCache.commitment_id)
                .limit(BATCH)
            )
        )
        if not ids:
            break
        count += _recompute(session, ids, ids, tolerance, today)
        after = ids[-1]
    return count


def _roots(session: Session, ids: Sequence[int]) -> list[int]:
    """The top-level commitments of ``ids`` (themselves, or their parents' parents…)."""
    roots: set[int] = set()
    frontier = list(ids)
    while frontier:
        parents = []
        for part in chunks(frontier):
            for cid, parent in session.execute(
                select(Commitment.id, Commitment.parent_id).where(
                    among(session, Commitment.id, part)
                )
            ):
                if parent is None:
                    roots.add(cid)
                else:
                    parents.append(parent)
        frontier = parents
    return sorted(roots)


def _recompute(
    session: Session,
    dropped: Sequence[int],
    ids: Sequence[int],
    tolerance: Tolerance,
    today: dt.date,
) -> int:
    """Replace the cached statuses of ``dropped`` and ``ids`` by those of ``ids``; fix the tally."""
    gone = sorted({*dropped, *ids})
    delta: Counter[tuple[int, str]] = Counter()
    for part in chunks(gone):
        old = select(StatusCache.government_id, StatusCache.code).where(
            among(session, StatusCache.commitment_id, part)
        )
        delta.subtract(Counter((g, code) for g, code in session.execute(old)))
        session.execute(delete(StatusCache).where(among(session, StatusCache.commitment_id, part)))
    computed = compute(session, ids, tolerance, today)
    _insert(session, cache_rows(computed, today))
    delta.update((c.government_id, c.status.code) for c in computed)
    changes = [
        {"government_id": government_id, "code": code, "count": change}
        for (government_id, code), change in sorted(delta.items())
        if change
    ]
    if changes:  # one statement for the whole batch: add each difference to its tally
        upsert = _insert_for(session)(StatusCount)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=[StatusCount.government_id, StatusCount.code],
                set_={"count": StatusCount.count + upsert.excluded["count"]},
            ),
            changes,
        )
    session.execute(delete(StatusCount).where(StatusCount.count <= 0))
    return len(computed)


def _insert_for(session: Session) -> Any:
    """The dialect's INSERT, which can say ON CONFLICT DO UPDATE (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert


def cache_rows(computed: list[Computed], today: dt.date) -> list[tuple[Any, ...]]:
    """``status_cache`` rows of ``computed``, their columns in ``_CACHE_COLUMNS``' order."""
    return [
        (
            c.commitment_id,
            c.government_id,
            c.status.code,
            c.status.colour,
            today,
            c.status.explanation,
            # The value as ExactDecimal stores it (its text), so COPY can send it as it is.
            None if inputs is None or inputs.value is None else str(inputs.value),
            None if inputs is None else inputs.reported_as_of,
            c.until,
        )
        for c in computed
        for inputs in (c.status.inputs,)
    ]


def _insert(session: Session, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        # COPY: several times faster than inserting a national ledger row by row.
        cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY status_cache ({', '.join(_CACHE_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    session.execute(
        insert(StatusCache), [dict(zip(_CACHE_COLUMNS, row, strict=True)) for row in rows]
    )


# A full refresh in several processes (PostgreSQL). Each worker holds one connection whose
# transaction has imported the refresh's snapshot, computes the batches it is sent and
# returns their rows; the refresh writes them. A few batches per worker are in flight at a
# time, so memory stays flat however large the ledger.

_worker: tuple[Session, Tolerance, dt.date] | None = None


def _spread(
    session: Session,
    batches: Iterable[list[int]],
    tolerance: Tolerance,
    today: dt.date,
    workers: int,
) -> Iterator[list[tuple[Any, ...]]]:
    """The cache rows of ``batches``, in order, computed by ``workers`` processes."""
    snapshot = session.execute(text("SELECT pg_export_snapshot()")).scalar_one()
    if not re.fullmatch(r"[0-9A-F-]+", snapshot):
        raise RuntimeError(f"unexpected snapshot id from the server: {snapshot!r}")
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),  # no inherited connections
        initializer=_start_worker,
        initargs=(url, snapshot, tolerance, today),
    ) as pool:
        pending: deque[Future[list[tuple[Any, ...]]]] = deque()
        for ids in batches:
            pending.append(pool.submit(_worker_rows, ids))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _start_worker(url: str, snapshot: str, tolerance: Tolerance, today: dt.date) -> None:
    global _worker
    connection = create_engine(url, poolclass=NullPool).connect()
    connection = connection.execution_options(isolation_level="REPEATABLE READ")
    # SET takes no bound parameters; the id is the server's own (checked in _spread).
    connection.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
    _worker = (Session(bind=connection), tolerance, today)


def _worker_rows(ids: list[int]) -> list[tuple[Any, ...]]:
    assert _worker is not None, "the worker was not started"
    session, tolerance, today = _worker
    return cache_rows(compute(session, ids, tolerance, today), today)
