"""``luoshi batch INPUTS… --out DIR``: a corpus read and extracted into Parquet, CSV or SQLite.

dask and pyarrow are imported when the command runs, not when the CLI starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import user_option
from luoshi.config import get_settings

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
    default=64,  # runner.DEFAULT_CHUNK_SIZE (not imported: the CLI starts without pyarrow)
    show_default=True,
    help="Reports per task and per part file.",
)
@click.option(
    "--import",
    "import_url",
    metavar="DATABASE_URL",
    help="Then load the run into this ledger: each report under its government, "
    "its targets as proposed commitments (missing governments are added).",
)
@user_option
def batch_command(
    inputs: tuple[str, ...],
    out: Path,
    output_format: str,
    workers: int | None,
    scheduler: str | None,
    chunk_size: int,
    import_url: str | None,
    user: str | None,
) -> None:
    """Read and extract every report of INPUTS (files, folders, globs, manifest CSVs).

    A manifest CSV has a 'path' column and optional 'government' and 'year' columns.
    Broken files are recorded as failed and the run goes on; run the same command again
    to resume an interrupted run.
    """
    from rich.console import Console

    from luoshi.corpus.runner import run_batch

    if import_url is not None and output_format != "parquet":
        raise click.UsageError("--import loads a Parquet run; leave out --format")
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
    if import_url is not None:
        _import(console, out, import_url, user or get_settings().user)


def _import(console: Console, out: Path, url: str, user: str | None) -> None:
    from luoshi.corpus.to_ledger import import_run

    done = import_run(out, url, user)
    _print_lines(
        console,
        f"ledger: {done.reports} reports imported with {done.commitments} proposed "
        f"commitments; {done.already} imported before; {len(done.failures)} not imported; "
        f"governments added: {'、'.join(done.governments_added) or 'none'}",
        "not imported",
        done.failures,
        len(done.failures),
    )


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
    _print_lines(
        console,
        f"{out}: {summary.processed} reports in {summary.seconds:.1f} s "
        f"({summary.reports_per_second:.1f} reports/s, {summary.megabytes_per_second:.2f} MB/s): "
        f"{summary.ok} ok, {summary.failed} failed, {summary.duplicate} duplicate; "
        f"{summary.figures} figures; {summary.skipped} done before",
        "failed",
        summary.failures,
        summary.failed,
    )


def _print_lines(
    console: Console, headline: str, label: str, failures: list[tuple[str, str]], total: int
) -> None:
    """A summary line and the first failures under it, each on one line (never wrapped)."""
    console.print(headline, highlight=False, soft_wrap=True)
    for path, error in failures[:FAILURES_SHOWN]:
        console.print(f"  {label}: {path}: {error}", highlight=False, markup=False, soft_wrap=True)
    if total > FAILURES_SHOWN:
        console.print(f"  … and {total - FAILURES_SHOWN} more", highlight=False)
