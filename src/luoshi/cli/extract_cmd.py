"""``luoshi extract FILE [--format jsonl|csv|table] [--kind target|actual|estimate]``."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from luoshi.cli import app
from luoshi.cli.output import echo, text_table
from luoshi.extraction import extract
from luoshi.extraction.figure import KINDS, Figure
from luoshi.reading import read

CSV_COLUMNS = (
    "start", "end", "value", "value_max", "unit", "indicator", "measure", "kind", "comparator",
    "period", "section", "quote", "base_value", "base_unit", "rule",
)  # fmt: skip


@app.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="table",
    show_default=True,
    help="jsonl: one spec record per line; csv: for spreadsheets; table: for people.",
)
@click.option("--kind", type=click.Choice(KINDS), help="Only figures of this kind.")
def extract_command(file: Path, output: str, kind: str | None) -> None:
    """Extract every figure of a report FILE (.txt, .html, .docx, .pdf)."""
    figures = [f for f in extract(read(file)) if kind is None or f.kind == kind]
    if output == "jsonl":
        for figure in figures:
            click.echo(json.dumps(figure.to_record(), ensure_ascii=False))
    elif output == "csv":
        _write_csv(figures)
    else:
        _print_table(file, figures)


def _write_csv(figures: list[Figure]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for figure in figures:
        row = figure.to_full_record()
        row["value"] = row["value_decimal"]
        row["value_max"] = row["value_max_decimal"] or ""
        row["section"] = " / ".join(figure.section)
        writer.writerow(row)


def _print_table(file: Path, figures: list[Figure]) -> None:
    headers = ("#", "指标", "数值", "单位", "比较", "度量", "类型", "时期", "原文")
    rows = []
    for number, figure in enumerate(figures, 1):
        value = str(figure.value)
        if figure.value_max is not None:
            value += f"–{figure.value_max}"
        rows.append((
            str(number), figure.indicator, value, figure.unit, figure.comparator,
            figure.measure, figure.kind, figure.period, figure.quote,
        ))  # fmt: skip
    echo(f"{file.name}: {len(figures)} figures")
    for line in text_table(headers, rows):
        click.echo(line)
