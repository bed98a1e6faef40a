"""What the CLI prints: text from reports and users never drives the terminal.

A report or a name may hold terminal escape codes (ESC [ … m, an OSC title, a lone
C1 control); sent to a terminal they could recolour, retitle or rewrite what the
reader sees. ``echo`` removes them; newlines and tabs stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import click

TERMINAL_CODES = re.compile(
    r"""(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]   # CSI (7- or 8-bit): colours, cursor moves, erasing
      | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC: window title, hyperlinks
      | \x1b[@-_]?                          # any other escape, or a lone ESC
      | [\x00-\x08\x0b-\x1f\x7f-\x9f]       # other C0 controls, DEL, C1 controls
    """,
    re.VERBOSE,
)

ONE_LINE = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


def plain(text: str) -> str:
    """``text`` without terminal control codes."""
    return TERMINAL_CODES.sub("", text)


def echo(text: str = "", *, err: bool = False) -> None:
    """``click.echo`` of ``text`` without terminal control codes."""
    click.echo(plain(text), err=err)


def cell_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for wide (CJK) characters, none for combining."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def text_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A table as lines of text, one row a line, columns padded to the widest cell.

    For long listings (a report's several hundred figures) rather than rich's tables, which
    measure and wrap every cell and take half a second for one report. Cells are one line:
    control codes are removed and line breaks and tabs become spaces.
    """
    table = [list(headers), *([ONE_LINE.sub(" ", plain(cell)) for cell in row] for row in rows)]
    widths = [max(cell_width(row[i]) for row in table) for i in range(len(headers))]
    lines = []
    for number, row in enumerate(table):
        padded = (
            cell + " " * (width - cell_width(cell)) for cell, width in zip(row, widths, strict=True)
        )
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("─" * width for width in widths))
    return lines
