"""``luoshi review``: confirm, reject or correct proposed commitments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, need_version, user_option
from luoshi.cli.output import echo
from luoshi.errors import ValidationFailed
from luoshi.ledger.models import Commitment
from luoshi.ledger.services import review
from luoshi.ledger.services.records import fetch


@app.command("review")
@click.argument("ids", required=False)
@click.option("--section", default=None, help="Every proposed commitment under this heading.")
@click.option("--report", "report_id", type=int, default=None, help="The report of --section.")
@click.option("--confirm", "decision", flag_value="confirmed", help="Confirm the commitment(s).")
@click.option("--reject", "decision", flag_value="rejected", help="Reject (needs --reason).")
@click.option("--set", "changes", multiple=True, help="Correct a field: --set target=1.6")
@click.option("--reason", default="")
@click.option(
    "--version",
    "expected",
    type=int,
    help="The commitment version you reviewed (required for one; `luoshi ledger` shows it).",
)
@user_option
def review_command(
    ids: str | None,
    section: str | None,
    report_id: int | None,
    decision: str | None,
    changes: tuple[str, ...],
    reason: str,
    expected: int | None,
    user: str | None,
) -> None:
    """Confirm, reject or correct proposed commitment(s).

    IDS is one id, or a list and ranges (1-61 or 3,5,8-12) to confirm or reject at once:
    all of them if every one is still proposed, else none. --section "…" (instead of IDS)
    confirms or rejects every proposed commitment under a heading, all or none.
    """
    if not decision and not changes:
        raise ValidationFailed("say --confirm, --reject or --set FIELD=VALUE")
    if (ids is None) == (section is None):
        raise ValidationFailed('say which commitments: IDS or --section "HEADING", not both')
    if section is not None:
        if changes or expected is not None:
            raise ValidationFailed("--set and --version go with one commitment id, not a section")
        assert decision is not None
        with ledger_session(user) as (session, actor):
            chosen = review.in_section(session, actor, section, report_id)
            decided = review.decide_many(session, actor, chosen, decision, reason)
            echo(f"{len(decided)} commitment(s) under {section!r} {decision}")
        return
    assert ids is not None
    chosen = review.parse_ids(ids)
    if len(chosen) > 1 or not ids.strip().isdigit():
        if changes or expected is not None:
            raise ValidationFailed("--set and --version go with one commitment id, not a list")
        assert decision is not None
        with ledger_session(user) as (session, actor):
            decided = review.decide_many(session, actor, chosen, decision, reason)
            echo(f"{len(decided)} commitment(s) {decision}")
        return
    (commitment_id,) = chosen
    fields: dict[str, Any] = {}
    for change in changes:
        key, sep, value = change.partition("=")
        if not sep:
            raise ValidationFailed(f"--set {change!r}: write FIELD=VALUE")
        fields[key.strip()] = {"": None, "true": True, "false": False}.get(value.strip(), value)
    with ledger_session(user) as (session, actor):
        current = fetch(session, Commitment, commitment_id)
        need_version(current, expected, f"commitment {commitment_id} ({current.review_state})")
        if fields:
            review.edit(session, actor, commitment_id, fields, reason, expected)
            expected = None
        if decision:
            review.decide(session, actor, commitment_id, decision, reason, expected)
        echo(f"commitment {commitment_id}: {decision or 'corrected'}")


@app.command("split")
@click.argument("commitment_id", type=int)
@click.option(
    "--part",
    "parts",
    multiple=True,
    required=True,
    help="A sub-task: TITLE=WEIGHT (weights add up to 1); repeat for each.",
)
@click.option("--reason", default="")
@click.option("--version", "expected", type=int, help="The commitment version you read.")
@user_option
def split_command(
    commitment_id: int, parts: tuple[str, ...], reason: str, expected: int | None, user: str | None
) -> None:
    """Split a commitment into weighted sub-tasks; its status rolls up from theirs."""
    weighted: list[tuple[str, Decimal]] = []
    for part in parts:
        title, sep, weight = part.rpartition("=")
        if not sep or not title.strip():
            raise ValidationFailed(f"--part {part!r}: write TITLE=WEIGHT, like 新建道路=0.5")
        weighted.append((title.strip(), review.parse_decimal(f"the weight of {title!r}", weight)))
    with ledger_session(user) as (session, actor):
        current = fetch(session, Commitment, commitment_id)
        need_version(current, expected, f"commitment {commitment_id}")
        children = review.split(session, actor, commitment_id, weighted, reason, expected)
        listed = ", ".join(f"{c.id} {c.title} ({c.weight})" for c in children)
        echo(f"commitment {commitment_id} split into {listed}")
