"""The ``luoshi`` command: a thin adapter over the library.

Each command parses its arguments, calls one core function and prints. Errors
that luoshi raises on purpose (``LuoshiError``) become one line on standard
error and the error's exit code, here and nowhere else.

A command's module is imported only when that command runs (or ``--help`` lists
them all), so ``luoshi --version`` and ``luoshi read`` never load the ledger's
stack (SQLAlchemy, Alembic, openpyxl, pydantic-settings).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from luoshi import __version__
from luoshi.cli.output import plain  # a message may quote a report's or a user's text
from luoshi.errors import LuoshiError

# Each top-level command and the module that defines it (with ``@app.command``/``@app.group``).
COMMAND_MODULES: dict[str, str] = {
    "read": "luoshi.cli.read_cmd",
    "extract": "luoshi.cli.extract_cmd",
    # the ledger's commands
    "assign": "luoshi.cli.assign_cmd",
    "audit": "luoshi.cli.backup_cmd",
    "backup": "luoshi.cli.backup_cmd",
    "db": "luoshi.cli.ledger_cmd",
    "excel": "luoshi.cli.excel_cmd",
    "import": "luoshi.cli.ledger_cmd",
    "judge": "luoshi.cli.status_cmd",
    "ledger": "luoshi.cli.status_cmd",
    "publish": "luoshi.cli.ledger_cmd",
    "report": "luoshi.cli.progress_cmd",
    "evidence": "luoshi.cli.progress_cmd",
    "restore": "luoshi.cli.backup_cmd",
    "review": "luoshi.cli.review_cmd",
    "split": "luoshi.cli.review_cmd",
    "snapshot": "luoshi.cli.status_cmd",
    "status": "luoshi.cli.status_cmd",
    "task": "luoshi.cli.ledger_cmd",
    "user": "luoshi.cli.organisation_cmd",
    "gov": "luoshi.cli.organisation_cmd",
    "carry-over": "luoshi.cli.editions_cmd",
    "close-year": "luoshi.cli.closing_cmd",
    "disagreements": "luoshi.cli.closing_cmd",
    "carry-forward": "luoshi.cli.closing_cmd",
    "supersede": "luoshi.cli.editions_cmd",
    "withdraw": "luoshi.cli.assign_cmd",
    # supervision: reminders, escalations and mail retries, for a scheduler
    "remind": "luoshi.cli.remind_cmd",
    "info": "luoshi.cli.info_cmd",
    # the portal
    "serve": "luoshi.cli.serve_cmd",
    # corpus runs (dask and pyarrow imported when run)
    "batch": "luoshi.cli.batch_cmd",
    # the 成绩单 and the version diff
    "reconcile": "luoshi.cli.reconcile_cmd",
    "follow": "luoshi.cli.reconcile_cmd",
    "diff": "luoshi.cli.reconcile_cmd",
}


class _Group(click.Group):
    """The top-level group: commands loaded on use (click's lazy subcommand pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            import_module(module)  # the module attaches its commands to ``app``
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LuoshiError as error:
            click.echo(f"luoshi: error: {plain(str(error))}", err=True)
            raise click.exceptions.Exit(error.exit_code) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="luoshi")
def app() -> None:
    """luoshi (落实): read a government work report, extract its figures, track its commitments."""
    from luoshi.logs import setup_logging
    from luoshi.startup import start_settings

    setup_logging(start_settings().log_level)


def main() -> None:
    """Console-script entry point."""
    app()
