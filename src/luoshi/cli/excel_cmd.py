"""``luoshi excel``: the 分工表 exported, edited in Excel, re-imported (dry run first)."""

from __future__ import annotations

from pathlib import Path

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, user_option
from luoshi.cli.output import echo
from luoshi.errors import ValidationFailed
from luoshi.ledger import excel


@app.group("excel")
def excel_group() -> None:
    """The 分工表: export, edit in Excel, re-import (dry run first)."""


@excel_group.command("export")
@click.argument("report_id", type=int)
@click.argument("target", type=click.Path(path_type=Path))
@user_option
def excel_export(report_id: int, target: Path, user: str | None) -> None:
    """Write REPORT_ID's 分工表 to TARGET (.xlsx)."""
    with ledger_session(user) as (session, actor):
        count = excel.export(session, actor, report_id, target)
        echo(f"{target}: {count} row(s)")


@excel_group.command("import")
@click.argument("report_id", type=int)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--apply", "apply_", is_flag=True, help="Apply the changes (default: dry run).")
@user_option
def excel_import(report_id: int, source: Path, apply_: bool, user: str | None) -> None:
    """Compare SOURCE with the ledger; with --apply, apply all its rows or none."""
    with ledger_session(user) as (session, actor):
        if apply_:
            result = excel.apply(session, actor, report_id, source)
        else:
            result = excel.plan(session, actor, report_id, source)
        for change in result.changes:
            for name, (before, after) in change.fields.items():
                echo(
                    f"row {change.row} 序号 {change.commitment_id} {name}: "
                    f"{excel.describe(before)} → {excel.describe(after)}"
                )
        for error in result.errors:
            echo(error, err=True)
        if result.errors:
            raise ValidationFailed(f"{len(result.errors)} wrong row(s); nothing would be applied")
        verb = "applied" if apply_ else "would change (dry run; --apply to apply)"
        echo(f"{len(result.changes)} row(s) {verb}")
