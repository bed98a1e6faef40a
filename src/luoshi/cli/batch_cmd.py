"""``luoshi batch INPUTS… --out DIR``: a corpus read and extracted into Parquet, CSV or SQLite.

dask and pyarrow are imported when the command runs, not when the CLI starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli import app

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import Task
    from rich.text import Text

    from luoshi.corpus.runner import BatchSummary

FAILURES_SHOWN = 10


@app.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of the run (parquet, csv) or file (sqlite); an existing run is resumed.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["parquet", "csv", "sqlite"]),
    default="parquet",
    show_default=True,
    help="parquet: documents/ and figures/ parts; csv: the same as CSV; sqlite: one file.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Local Dask worker processes (default: one per core; 0: no Dask, in this process).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Run on an existing Dask cluster instead of local workers.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Reports per task and per part file.",
)
def batch_command(
    inputs: tuple[str, ...],
    out: Path,
    output_format: str,
    workers: int | None,
    scheduler: str | None,
    chunk_size: int,
) -> None:
    """Read and extract every report of INPUTS (files, folders, globs, manifest CSVs).

    A manifest CSV has a 'path' column and optional 'government' and 'year' columns.
    Broken files are recorded as failed and the run goes on; run the same command again
    to resume an interrupted run.
    """
    from rich.console import Console

    from luoshi.corpus.runner import run_batch

    console = Console(stderr=True)
    with _progress_bar(console) as bar:
        try:
            summary = run_batch(
                inputs,
                out,
                output_format=output_format,  # type: ignore[arg-type]  # click's choice
                workers=os.cpu_count() or 1 if workers is None else workers,
                scheduler=scheduler,
                chunk_size=chunk_size,
                progress=_BarProgress(bar),
            )
        except KeyboardInterrupt:
            console.print(f"interrupted; run the same command again to resume {out}")
            raise click.exceptions.Exit(130) from None
    _print_summary(console, out, summary)


def _progress_bar(console: Console) -> RichProgress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} reports/s" if speed else "… reports/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
    )


class _BarProgress:
    def __init__(self, bar: RichProgress) -> None:
        self.bar = bar
        self.task = bar.add_task("reports", total=None)

    def start(self, total: int, already_done: int) -> None:
        self.bar.update(self.task, total=total - already_done)

    def advance(self, reports: int, size: int) -> None:
        self.bar.advance(self.task, reports)


def _print_summary(console: Console, out: Path, summary: BatchSummary) -> None:
    console.print(
        f"{out}: {summary.processed} reports in {summary.seconds:.1f} s "
        f"({summary.reports_per_second:.1f} reports/s, {summary.megabytes_per_second:.2f} MB/s): "
        f"{summary.ok} ok, {summary.failed} failed, {summary.duplicate} duplicate; "
        f"{summary.figures} figures; {summary.skipped} done before",
        highlight=False,
        soft_wrap=True,
    )
    for path, error in summary.failures[:FAILURES_SHOWN]:
        console.print(f"  failed: {path}: {error}", highlight=False, markup=False, soft_wrap=True)
    if summary.failed > FAILURES_SHOWN:
        console.print(f"  … and {summary.failed - FAILURES_SHOWN} more (status = 'failed')")
