"""``luoshi read FILE [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from luoshi.cli import app
from luoshi.reading import read


@app.command("read")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON.")
def read_command(file: Path, as_json: bool) -> None:
    """Read a report FILE (.txt, .html, .docx, .pdf): show its metadata and outline."""
    document = read(file)
    if as_json:
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{file}: {document.format}, {len(document.text)} characters")
