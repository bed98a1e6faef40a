"""What the CLI prints: text from reports and users never drives the terminal.

A report or a name may hold terminal escape codes (ESC [ … m, an OSC title, a lone
C1 control); sent to a terminal they could recolour, retitle or rewrite what the
reader sees. ``echo`` removes them; newlines and tabs stay.
"""

from __future__ import annotations

import re

import click

TERMINAL_CODES = re.compile(
    r"""(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]   # CSI (7- or 8-bit): colours, cursor moves, erasing
      | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC: window title, hyperlinks
      | \x1b[@-_]?                          # any other escape, or a lone ESC
      | [\x00-\x08\x0b-\x1f\x7f-\x9f]       # other C0 controls, DEL, C1 controls
    """,
    re.VERBOSE,
)


def plain(text: str) -> str:
    """``text`` without terminal control codes."""
    return TERMINAL_CODES.sub("", text)


def echo(text: str = "", *, err: bool = False) -> None:
    """``click.echo`` of ``text`` without terminal control codes."""
    click.echo(plain(text), err=err)
