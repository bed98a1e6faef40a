"""``luoshi close-year``, ``luoshi disagreements``, ``luoshi carry-forward``: closing a year.

Thin commands over ``luoshi.ledger.services.closing``: the next year's report judges the closed
year's commitments, the office sees where the verdict and the ledger's status disagree, and an
unmet commitment is carried forward to the new year's ledger.
"""

from __future__ import annotations

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, user_option
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.ledger.models import YearVerdict
from luoshi.ledger.services import closing, tracking
from luoshi.reconcile.results import VERDICTS


def _line(verdict: YearVerdict) -> str:
    carried = f"  → commitment {verdict.carried_to_id}" if verdict.carried_to_id else ""
    flag = "  DISAGREES" if verdict.disagrees else ""
    return (
        f"{verdict.commitment_id:>5}  {verdict.commitment.indicator or verdict.commitment.title}"
        f"  {verdict.verdict}  [{verdict.status}]  {verdict.reason}{flag}{carried}"
    )


@app.command("close-year")
@click.argument("report_id", type=int)
@user_option
def close_year_command(report_id: int, user: str | None) -> None:
    """Judge the closed year's commitments against REPORT_ID, the next year's report.

    Each commitment gets the verdict the new report's review gives it, stored beside the status
    its progress reports gave; running it again changes only what changed.
    """
    with ledger_session(user) as (session, actor):
        tolerance = tracking.tolerance_from(get_settings())
        result = closing.close_year(session, actor, report_id, tolerance)
        counts = {v: sum(r.verdict == v for r in result.verdicts) for v in VERDICTS}
        disagree = sum(r.disagrees for r in result.verdicts)
        echo(
            f"{result.year}: report {result.targets.id} judged against report {result.outcomes.id}"
            f"; {'; '.join(f'{k} {n}' for k, n in counts.items())}; disagree {disagree}; "
            f"{result.changed} changed"
        )
        for verdict in result.verdicts:
            echo(_line(verdict))


@app.command("disagreements")
@user_option
def disagreements_command(user: str | None) -> None:
    """The closed years' commitments whose verdict and ledger status disagree."""
    with ledger_session(user) as (session, actor):
        found = closing.disagreements(session, actor)
        if not found:
            echo("no disagreements")
        for verdict in found:
            echo(_line(verdict))


@app.command("carry-forward")
@click.argument("commitment_id", type=int)
@user_option
def carry_forward_command(commitment_id: int, user: str | None) -> None:
    """Carry an unmet commitment of a closed year over to the new year's ledger (proposed)."""
    with ledger_session(user) as (session, actor):
        carried = closing.carry_over(session, actor, commitment_id)
        echo(
            f"commitment {commitment_id} carried over as commitment {carried.id} of report "
            f"{carried.report_id} ({carried.review_state})"
        )
