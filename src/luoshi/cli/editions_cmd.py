"""``luoshi supersede``, ``luoshi carry-over``: a draft (征求意见稿) and the final after it."""

from __future__ import annotations

import json

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, need_version, user_option
from luoshi.cli.output import echo
from luoshi.ledger.excel import target_text
from luoshi.ledger.models import Commitment, Report
from luoshi.ledger.services import editions
from luoshi.ledger.services.records import fetch


def _brief(commitment: Commitment) -> dict[str, object]:
    return {
        "id": commitment.id,
        "review": commitment.review_state,
        "target": target_text(commitment),
    }


@app.command("carry-over")
@click.argument("report_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@user_option
def carry_over_command(report_id: int, as_json: bool, user: str | None) -> None:
    """Which figures of a draft the final report keeps (same indicator and period).

    REPORT_ID: the final report, or the draft it supersedes. A draft commitment you
    confirmed can be confirmed on its match in the final with `luoshi review ID --confirm`.
    """
    with ledger_session(user) as (session, actor):
        result = editions.matches(session, actor, report_id)
        if not as_json:
            echo(f"draft {result.draft.id} → final {result.final.id}")
        for match in result.matches:
            c = match.draft
            line = _brief(c) | {
                "indicator": c.indicator,
                "period": c.period,
                "final": [_brief(f) for f in match.finals],
                "target_changed": match.target_changed,
            }
            if as_json:
                echo(json.dumps(line, ensure_ascii=False))
                continue
            found = "; ".join(f"{f.id} [{f.review_state}] {target_text(f)}" for f in match.finals)
            changed = " (target changed)" if match.target_changed else ""
            echo(
                f"{c.id:>5}  [{c.review_state}]  {c.indicator}  {c.period}  {line['target']}  → "
                f"{found or 'no match in the final'}{changed}"
            )


@app.command("supersede")
@click.argument("final_id", type=int)
@click.argument("draft_id", type=int)
@click.option("--version", "expected", type=int, help="The final report's version (required).")
@user_option
def supersede_command(final_id: int, draft_id: int, expected: int | None, user: str | None) -> None:
    """Record that the final report FINAL_ID supersedes the draft DRAFT_ID (征求意见稿).

    For a final imported without `luoshi import --supersedes`; `luoshi carry-over` then
    lists the draft's figures found again in the final.
    """
    with ledger_session(user) as (session, actor):
        final = fetch(session, Report, final_id)
        need_version(final, expected, f"report {final_id}", actor=actor, action="import_report")
        final = editions.supersede(session, actor, final, draft_id, expected)
        echo(f"report {final.id} supersedes draft {draft_id}")
