"""``run_batch``: read and extract a corpus into a run's tables, resumably, here or on Dask.

The sources are cut into chunks in path order; workers process chunks and the caller
writes them in that same order, so the output does not depend on which worker finished
first, and what is written is always a prefix of the work. A resumed run skips every
path already written and never writes a text twice (a second file with the same text
is a ``duplicate`` row without figures).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from luoshi.corpus.inputs import Source, resolve_inputs
from luoshi.corpus.sinks import OutputFormat, Written, open_sink
from luoshi.errors import BatchError

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client

    from luoshi.corpus.work import Processed

# Reports per task: fewer messages for the caller than 16 (~0.5 ms a report less).
DEFAULT_CHUNK_SIZE = 64
WINDOW_PER_WORKER = 4  # chunks in flight per worker: enough that none waits for the next
MAX_FAILURES_KEPT = 1000


class Progress(Protocol):
    """Told how far a run has come (the CLI's progress bar)."""

    def start(self, total: int, already_done: int) -> None: ...

    def advance(self, reports: int, size: int) -> None: ...


@dataclass(slots=True)
class BatchSummary:
    """What a run did: counts of this run's reports (resumed ones are ``skipped``)."""

    inputs: int = 0
    skipped: int = 0
    ok: int = 0
    failed: int = 0
    duplicate: int = 0
    figures: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, error), the first ones

    @property
    def processed(self) -> int:
        return self.ok + self.failed + self.duplicate

    @property
    def reports_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0


ChunkMap = Callable[[Sequence[list[Source]]], Iterator[list["Processed"]]]


def run_batch(
    inputs: Iterable[str],
    out: Path,
    *,
    output_format: OutputFormat = "parquet",
    workers: int = 1,
    scheduler: str | None = None,
    client: Client | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: Progress | None = None,
) -> BatchSummary:
    """Read and extract every report ``inputs`` name into ``out``; resume what is there.

    ``workers`` = 0 runs in this process; N ≥ 1 starts a local Dask cluster of N worker
    processes; ``scheduler`` (tcp://HOST:PORT) or ``client`` runs on an existing cluster.
    """
    if chunk_size < 1:
        raise BatchError(f"the chunk size must be at least 1, not {chunk_size}")
    if workers < 0:
        raise BatchError(f"the number of workers must be 0 or more, not {workers}")
    given = list(inputs)
    sources = resolve_inputs(given)
    if not sources:
        raise BatchError("the inputs name no report file (.txt, .html, .docx, .pdf)")
    sink = open_sink(out, output_format)
    written = sink.written()
    todo = [source for source in sources if source.path not in written.paths]
    summary = BatchSummary(inputs=len(sources), skipped=len(sources) - len(todo))
    run: dict[str, Any] = {
        "format": output_format,
        "schema": _schema_version(),
        "luoshi": _luoshi_version(),
        "inputs": given,
        "started": _now(),
        "status": "running",
    }
    sink.record_run(run)
    chunks = [todo[i : i + chunk_size] for i in range(0, len(todo), chunk_size)]
    if progress is not None:
        progress.start(len(sources), summary.skipped)
    began = time.perf_counter()
    try:
        with ExitStack() as stack:
            chunk_map = _chunk_map(stack, workers, scheduler, client)
            for part, processed in enumerate(chunk_map(chunks), written.next_part):
                documents, figures = _tables(processed, written, summary)
                sink.write(part, documents, figures)
                if progress is not None:
                    size = sum(item.row.get("bytes") or 0 for item in processed)
                    progress.advance(len(processed), size)
        run["status"] = "finished"
    except BaseException:
        run["status"] = "interrupted"
        raise
    finally:
        summary.seconds = time.perf_counter() - began
        run["finished"] = _now()
        run["summary"] = {
            key: getattr(summary, key)
            for key in ("inputs", "skipped", "ok", "failed", "duplicate", "figures", "bytes")
        }
        run["seconds"] = round(summary.seconds, 3)
        sink.record_run(run)
    return summary


def _tables(
    processed: list[Processed], written: Written, summary: BatchSummary
) -> tuple[pa.Table, pa.Table]:
    """A chunk's documents and figures tables; a text seen before becomes a duplicate."""
    import pyarrow as pa

    from luoshi.corpus.schema import DOCUMENTS, FIGURES

    rows = []
    batches = []
    for item in processed:
        row = item.row
        summary.bytes += row.get("bytes") or 0
        if row["status"] == "ok":
            first = written.first_path.get(row["id"])
            if first is not None:
                row["status"], row["duplicate_of"] = "duplicate", first
                summary.duplicate += 1
            else:
                summary.ok += 1
                summary.figures += row["figures"]
                if item.figures is not None:
                    batches.append(item.figures)
        else:
            summary.failed += 1
            if len(summary.failures) < MAX_FAILURES_KEPT:
                summary.failures.append((row["path"], row.get("error") or ""))
        written.add(row["path"], row.get("id"), "ok" if row["status"] == "ok" else "other")
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=DOCUMENTS), pa.Table.from_batches(batches, FIGURES)


def _chunk_map(
    stack: ExitStack, workers: int, scheduler: str | None, client: Client | None
) -> ChunkMap:
    if client is None and scheduler is None and workers == 0:
        return _map_here
    if client is None:
        client = stack.enter_context(_connect(workers, scheduler))
    return lambda chunks: _map_dask(client, chunks)


def _map_here(chunks: Sequence[list[Source]]) -> Iterator[list[Processed]]:
    from luoshi.corpus.work import process_chunk

    for chunk in chunks:
        yield process_chunk(chunk)


def _connect(workers: int, scheduler: str | None) -> Client:
    import logging

    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            return Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as error:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: other clusters may run on this machine
        silence_logs=logging.ERROR,
    )
    return Client(cluster, set_as_default=False)


def _map_dask(client: Client, chunks: Sequence[list[Source]]) -> Iterator[list[Processed]]:
    """Each chunk's result in chunk order, with a bounded number of chunks in flight."""
    from luoshi.corpus.work import process_chunk

    window = max(1, len(client.scheduler_info().get("workers", {}))) * WINDOW_PER_WORKER
    pending: deque[Any] = deque()
    queued = iter(chunks)
    try:
        for chunk in queued:
            pending.append(client.submit(process_chunk, chunk, pure=False))
            if len(pending) >= window:
                break
        while pending:
            result = _result(pending.popleft())
            for chunk in queued:
                pending.append(client.submit(process_chunk, chunk, pure=False))
                break
            yield result
    finally:
        for future in pending:
            future.cancel()


def _result(future: Any) -> list[Processed]:
    try:
        result: list[Processed] = future.result()
    except Exception as error:  # a worker died or the cluster went away: what is written stays
        raise BatchError(
            f"the Dask cluster lost a chunk ({type(error).__name__}: {error}); "
            "run the same command again to resume"
        ) from error
    return result


def _schema_version() -> str:
    from luoshi.corpus.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def _luoshi_version() -> str:
    import luoshi

    return luoshi.__version__


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
