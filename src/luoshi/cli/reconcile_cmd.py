"""``luoshi reconcile TARGETS OUTCOMES`` (the 成绩单), ``luoshi follow`` and ``luoshi diff A B``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from luoshi.cli import app
from luoshi.reading import read
from luoshi.reconcile import (
    DiffEntry,
    Reconciliation,
    TargetResult,
    TermPoint,
    diff,
    follow,
    reconcile,
)
from luoshi.reconcile.results import CHANGE_LABELS, IN_PROGRESS, VERDICT_LABELS, FigureRef

FORMAT = click.option(
    "--format",
    "output",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="table",
    show_default=True,
    help="jsonl: one record per line; csv: for spreadsheets; table: for people.",
)
RESULT_COLUMNS = (
    "kind", "verdict", "indicator", "target", "period", "outcome", "reason", "target_start",
    "outcome_start", "target_quote", "outcome_quote", "alternatives",
)  # fmt: skip
DIFF_COLUMNS = (
    "change",
    "what",
    "indicator",
    "before",
    "after",
    "reason",
    "before_start",
    "after_start",
)


@app.command("reconcile")
@click.argument("targets", type=click.Path(path_type=Path))
@click.argument("outcomes", type=click.Path(path_type=Path))
@FORMAT
@click.option("--year", type=int, help="The year to judge (default: the year OUTCOMES reviews).")
def reconcile_command(targets: Path, outcomes: Path, output: str, year: int | None) -> None:
    """Judge each target of TARGETS against what the later report OUTCOMES says of its year."""
    card = reconcile(read(targets), read(outcomes), year=year)
    if output == "jsonl":
        for row in _result_rows(card):
            click.echo(json.dumps(row, ensure_ascii=False))
    elif output == "csv":
        _write_csv(RESULT_COLUMNS, (_flat_result(row) for row in _result_rows(card)))
    else:
        _print_card(targets, outcomes, card)


@app.command("follow")
@click.argument("term_report", type=click.Path(path_type=Path))
@click.argument("later_reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["jsonl", "table"]),
    default="table",
    show_default=True,
    help="jsonl: one trajectory per line; table: one row per target and year.",
)
def follow_command(term_report: Path, later_reports: tuple[Path, ...], output: str) -> None:
    """Follow the term targets of TERM_REPORT (今后五年, 到2027年) through LATER_REPORTS."""
    trajectories = follow(read(term_report), [read(path) for path in later_reports])
    if output == "jsonl":
        for trajectory in trajectories:
            click.echo(json.dumps(trajectory.to_record(), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{term_report.name}: {len(trajectories)} term targets")
    for column in ("指标", "目标", "年份", "实绩", "结论", "理由"):
        table.add_column(column, overflow="fold")
    for trajectory in trajectories:
        for point in trajectory.points:
            indicator, target, outcome, verdict, reason = _term_cells(point)
            table.add_row(indicator, target, str(point.year), outcome, verdict, reason)
    _console().print(table)


@app.command("diff")
@click.argument("before", type=click.Path(path_type=Path))
@click.argument("after", type=click.Path(path_type=Path))
@FORMAT
def diff_command(before: Path, after: Path, output: str) -> None:
    """Compare the targets of two versions of a report (draft and final, or two years)."""
    entries = diff(read(before), read(after))
    if output == "jsonl":
        for entry in entries:
            click.echo(json.dumps(entry.to_record(), ensure_ascii=False))
    elif output == "csv":
        _write_csv(DIFF_COLUMNS, (_flat_entry(e) for e in entries))
    else:
        _print_diff(before, after, entries)


def _result_rows(card: Reconciliation) -> Iterable[dict[str, Any]]:
    for kind, results in (("target", card.results), ("term", card.term_targets)):
        for result in results:
            yield {"kind": kind, "year": card.year, **result.to_record()}
    for evidence in card.summary:
        yield {"kind": "summary", "year": card.year, **evidence.to_record()}


def _flat_result(row: dict[str, Any]) -> dict[str, Any]:
    if row["kind"] == "summary":
        return {"kind": "summary", "reason": row["sentence"], "target_start": row["start"]}
    target, outcome = row["target"], row["outcome"] or {}
    return {
        "kind": row["kind"],
        "verdict": row["verdict"],
        "indicator": target["indicator"],
        "target": target["written"],
        "period": target["period"],
        "outcome": outcome.get("written", ""),
        "reason": row["reason"],
        "target_start": target["start"],
        "outcome_start": outcome.get("start", ""),
        "target_quote": target["quote"],
        "outcome_quote": outcome.get("quote", ""),
        "alternatives": " | ".join(a["reason"] for a in row["alternatives"]),
    }


def _flat_entry(entry: DiffEntry) -> dict[str, Any]:
    either = entry.after or entry.before
    assert either is not None  # an entry has at least one side
    return {
        "change": entry.change,
        "what": " ".join(entry.what),
        "indicator": either.figure.indicator,
        "before": entry.before.written if entry.before else "",
        "after": entry.after.written if entry.after else "",
        "reason": entry.reason,
        "before_start": entry.before.figure.start if entry.before else "",
        "after_start": entry.after.figure.start if entry.after else "",
    }


def _write_csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


def _print_card(targets: Path, outcomes: Path, card: Reconciliation) -> None:
    from rich.table import Table

    counts = "，".join(f"{VERDICT_LABELS[v]}{n}" for v, n in card.counts().items())
    title = f"{card.year}年成绩单: {targets.name} → {outcomes.name}（{counts}）"
    table = Table(title=title)
    for column in ("#", "指标", "目标", "实绩", "结论", "理由"):
        table.add_column(column, overflow="fold")
    for number, result in enumerate(card.results, 1):
        table.add_row(str(number), *_cells(result))
    for number, point in enumerate(card.term_targets, len(card.results) + 1):
        table.add_row(str(number), *_term_cells(point))
    console = _console()
    console.print(table)
    for evidence in card.summary:
        console.print(f"报告自述: {evidence.sentence}")


def _cells(result: TargetResult) -> tuple[str, ...]:
    outcome = result.outcome.written if result.outcome else ""
    reason = result.reason + "".join(f"\n或: {a.reason}" for a in result.alternatives)
    return (
        result.target.figure.indicator,
        f"{result.target.written}（{result.target.figure.period}）",
        outcome,
        VERDICT_LABELS[result.verdict],
        reason,
    )


def _term_cells(point: TermPoint) -> tuple[str, ...]:
    figure = point.target.figure
    verdict = VERDICT_LABELS[point.verdict] if point.verdict else IN_PROGRESS
    return (
        figure.indicator,
        f"{point.target.written}（{point.first_year}-{point.last_year}）",
        point.outcome.written if point.outcome else "",
        verdict,
        point.reason,
    )


def _print_diff(before: Path, after: Path, entries: list[DiffEntry]) -> None:
    from rich.table import Table

    table = Table(title=f"{before.name} → {after.name}: {len(entries)} targets")
    for column in ("#", "变化", "指标", "之前", "之后"):
        table.add_column(column, overflow="fold")
    for number, entry in enumerate(entries, 1):
        before_words = entry.before.written if entry.before else ""
        after_words = entry.after.written if entry.after else ""
        indicator = _indicator(entry.before or entry.after)
        table.add_row(
            str(number), CHANGE_LABELS[entry.change], indicator, before_words, after_words
        )
    _console().print(table)


def _indicator(ref: FigureRef | None) -> str:
    return ref.figure.indicator if ref else ""


def _console() -> Any:
    from rich.console import Console

    # Wide enough for Chinese indicators when written to a file or pipe (no terminal width).
    return Console(width=None if sys.stdout.isatty() else 200)
