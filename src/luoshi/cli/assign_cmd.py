"""``luoshi assign`` and ``withdraw``: who carries out a confirmed commitment, by when."""

from __future__ import annotations

import datetime as dt

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, need_version, user_option
from luoshi.cli.output import echo
from luoshi.errors import ValidationFailed
from luoshi.ledger.models import Commitment
from luoshi.ledger.services import assignment
from luoshi.ledger.services.records import fetch


@app.command("assign")
@click.argument("commitment_id", type=int)
@click.option("--lead", default=None, help="牵头单位 (department name); kept when not given.")
@click.option("--partner", "partners", multiple=True, help="配合单位; repeat for several.")
@click.option("--no-partners", is_flag=True, help="Remove every 配合单位.")
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), default=None, help="完成时限.")
@click.option("--no-due", is_flag=True, help="Remove the 完成时限.")
@click.option("--cycle", type=click.Choice(["monthly", "quarterly"]), default=None)
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Reporting from.")
@click.option("--reason", default="")
@click.option(
    "--version",
    "expected",
    type=int,
    help="The assignment version you read in `luoshi ledger` (needed to change one).",
)
@user_option
def assign_command(
    commitment_id: int,
    lead: str | None,
    partners: tuple[str, ...],
    no_partners: bool,
    due: dt.datetime | None,
    no_due: bool,
    cycle: str | None,
    starts: dt.datetime | None,
    reason: str,
    expected: int | None,
    user: str | None,
) -> None:
    """Assign a confirmed commitment, or change its assignment (options not given are kept)."""
    if no_partners and partners:
        raise ValidationFailed("say --partner or --no-partners, not both")
    if no_due and due:
        raise ValidationFailed("say --due or --no-due, not both")
    with ledger_session(user) as (session, actor):
        current = fetch(session, Commitment, commitment_id).assignment
        if current is not None:
            need_version(current, expected, f"the assignment of commitment {commitment_id}")
        changed = assignment.change(
            session,
            actor,
            commitment_id,
            lead=lead,
            partners=() if no_partners else (partners or None),
            due=due.date() if due else None,
            clear_due=no_due,
            cycle=cycle,
            starts=starts.date() if starts else None,
            reason=reason,
            expected_version=expected,
        )
        echo(
            f"commitment {commitment_id} assigned to {changed.lead.name}, "
            f"assignment version {changed.version}"
        )


@app.command("withdraw")
@click.argument("commitment_id", type=int)
@click.option("--reason", required=True, help="Why the assignment is withdrawn.")
@click.option("--version", "expected", type=int, required=True, help="The assignment version.")
@user_option
def withdraw_command(commitment_id: int, reason: str, expected: int, user: str | None) -> None:
    """Withdraw a commitment's assignment (it can be assigned afresh)."""
    with ledger_session(user) as (session, actor):
        assignment.withdraw(session, actor, commitment_id, reason, expected)
        echo(f"commitment {commitment_id}: assignment withdrawn")
