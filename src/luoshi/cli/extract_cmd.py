"""``luoshi extract FILE [--format jsonl|csv|table] [--kind …]``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from luoshi.cli import app
from luoshi.extraction import extract
from luoshi.reading import read


@app.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
def extract_command(file: Path) -> None:
    """Extract every figure of a report FILE."""
    for figure in extract(read(file)):
        click.echo(json.dumps(figure.to_record(), ensure_ascii=False))
