"""Edits through the CLI lose nothing: options not given keep their values, and every edit
carries the version its editor read (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run
from .test_cli import ledger_lines, setup_ledger


def _line(run: Run, cid: int) -> dict[str, object]:
    return next(c for c in ledger_lines(run, "--user", "boss") if c["id"] == cid)


def test_reassigning_keeps_what_was_not_given(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run(
        "assign", "1", "--lead", "市人社局", "--partner", "市发改委", "--due", "2022-12-31",
        "--cycle", "monthly", "--user", "boss",
    )  # fmt: skip
    line = _line(run, 1)
    assert (line["lead"], line["due"], line["assignment_version"]) == ("市人社局", "2022-12-31", 1)
    # A new due date alone: the partner and the monthly cycle stay.
    run("assign", "1", "--due", "2022-11-30", "--version", "1", "--user", "boss")
    audit = run("audit", "--entity", "assignments", "--user", "boss").output.splitlines()
    after = json.loads(audit[-1])["after"]
    assert after["cycle"] == "monthly" and after["partners"] == [2]
    assert after["due"] == "2022-11-30" and after["lead_id"] == 1
    # Removing is said so, not implied by leaving an option out.
    run("assign", "1", "--no-partners", "--version", "2", "--user", "boss")
    assert (
        json.loads(
            run("audit", "--entity", "assignments", "--user", "boss").output.splitlines()[-1]
        )["after"]["partners"]
        == []
    )


def test_every_edit_needs_the_version_read(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    refused = run("review", "1", "--confirm", "--user", "boss", code=2)
    assert "--version 1" in refused.output and "Traceback" not in refused.output
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--user", "boss")
    # Two editors read version 1; an edit without a version is refused, a stale one too.
    run("assign", "1", "--lead", "市发改委", "--user", "boss", code=2)
    run("assign", "1", "--lead", "市发改委", "--version", "1", "--user", "boss")
    stale = run("assign", "1", "--lead", "市交通局", "--version", "1", "--user", "reviewer", code=4)
    assert "version 2" in stale.output
    assert _line(run, 1)["lead"] == "市发改委"


def test_an_assignment_is_withdrawn_with_a_reason(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--partner", "市发改委", "--user", "boss")
    run("withdraw", "1", "--version", "1", "--user", "boss", code=2)  # no reason
    run("withdraw", "1", "--version", "7", "--reason", "错分", "--user", "boss", code=4)
    run("withdraw", "1", "--version", "1", "--reason", "错分", "--user", "boss")
    assert _line(run, 1)["lead"] is None
    events = run("audit", "--entity", "assignments", "--user", "boss").output.splitlines()
    assert json.loads(events[-1])["action"] == "withdraw_assignment"
    run("assign", "1", "--lead", "市交通局", "--user", "boss")  # assigned afresh
    assert _line(run, 1)["lead"] == "市交通局"


def test_bulk_review_of_ranges_is_all_or_nothing(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    assert (
        run("review", "1-5,9", "--confirm", "--user", "boss").output
        == "6 commitment(s) confirmed\n"
    )
    states = {c["id"]: c["review"] for c in ledger_lines(run, "--user", "boss")}
    assert [i for i, state in states.items() if state == "confirmed"] == [1, 2, 3, 4, 5, 9]
    refused = run("review", "4-8", "--confirm", "--user", "boss", code=2)
    assert "commitment(s) 4-5 are not proposed any more; nothing decided" in refused.output
    assert {c["id"]: c["review"] for c in ledger_lines(run, "--user", "boss")} == states
    for bad, words in (
        ("1-x", "not an id"),
        ("9-3", "inverted"),
        ("60-70", "no commitment with id 65-70"),
        ("1-99999", "at most"),
    ):
        assert words in run("review", bad, "--confirm", "--user", "boss", code=2).output
    run("review", "6-8", "--reject", "--user", "boss", code=2)  # a rejection needs a reason
    run("review", "6-8", "--reject", "--reason", "重复", "--user", "boss")
    run("review", "10-11", "--set", "period=2022", "--user", "boss", code=2)


def test_progress_report_lists(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    run("report", "file", "1", "--as-of", "2022-01-31", "--value", "1", "--submit", "--user", "hr")
    run("report", "file", "1", "--as-of", "2022-02-28", "--value", "2", "--submit", "--user", "hr")
    run("report", "file", "1", "--as-of", "2022-03-31", "--user", "hr")
    run("report", "return", "2", "--reason", "数值有误", "--version", "2", "--user", "boss")

    def ids(*args: str) -> list[str]:
        return [line.split()[0] for line in run("report", "list", *args).output.splitlines()]

    assert ids("--waiting", "--user", "boss") == ["1"]
    assert ids("--waiting", "--user", "hr") == ["2", "3"]
    assert ids("--state", "draft", "--user", "hr") == ["3"]
    assert "(数值有误)" in run("report", "list", "--state", "returned", "--user", "hr").output
    assert ids("--user", "reviewer") == ["1", "2", "3"]
    run("report", "list", code=5)  # the public sees no progress report
