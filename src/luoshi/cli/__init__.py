"""The ``luoshi`` command: a thin adapter over the library.

Each command parses its arguments, calls one core function and prints. Errors
that luoshi raises on purpose (``LuoshiError``) become one line on standard
error and the error's exit code, here and nowhere else.
"""

from __future__ import annotations

from typing import Any

import click

from luoshi.cli.output import plain  # a message may quote a report's or a user's text
from luoshi.config import get_settings
from luoshi.errors import LuoshiError
from luoshi.logs import setup_logging


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LuoshiError as error:
            click.echo(f"luoshi: error: {plain(str(error))}", err=True)
            raise click.exceptions.Exit(error.exit_code) from None


@click.group(cls=_Group)
@click.version_option(package_name="luoshi")
def app() -> None:
    """luoshi (落实): read a government work report, extract its figures, track its commitments."""
    setup_logging(get_settings().log_level)


def _register() -> None:
    # Command modules attach themselves to ``app``; imported here so that
    # ``import luoshi.cli`` alone builds the whole command tree.
    from luoshi.cli import extract_cmd, read_cmd

    del extract_cmd, read_cmd
    from luoshi.cli import editions_cmd, info_cmd, ledger_cmd, organisation_cmd  # the ledger's

    del editions_cmd, info_cmd, ledger_cmd, organisation_cmd
    from luoshi.cli import serve_cmd  # the portal

    del serve_cmd
    from luoshi.cli import (
        batch_cmd,  # corpus runs (dask and pyarrow imported when run)
        reconcile_cmd,  # noqa: F401  (the 成绩单 and the version diff)
    )

    del batch_cmd


_register()


def main() -> None:
    """Console-script entry point."""
    app()
