"""Numbers and dates are checked on entry, so no stored value can break a page (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .conftest import Run
from .test_cli import ledger_lines, setup_ledger
from .test_failures import one_line_error


@pytest.fixture
def assigned(run: Run, wuwei_path: Path) -> str:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    return "1"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1e999999999", "too large"),
        ("1e27", "too large"),
        ("-1e18", "too large"),
        ("NaN", "finite"),
        ("-Infinity", "finite"),
        ("1e-20", "decimal places"),
        ("12 345", "must be a number"),
    ],
)
def test_values_the_ledger_cannot_keep(run: Run, assigned: str, value: str, words: str) -> None:
    filed = run("report", "file", assigned, "--as-of", "2022-01-31", "--value", value,
                "--user", "hr", code=2)  # fmt: skip
    one_line_error(filed, words)
    edited = run("review", assigned, "--set", f"target={value}", "--version", "2",
                 "--user", "boss", code=2)  # fmt: skip
    one_line_error(edited, words)
    # The ledger still shows, for everyone.
    assert ledger_lines(run, "--user", "boss")
    run("status", "--explain", assigned, "--user", "boss")


def test_largest_and_finest_values_are_kept(run: Run, assigned: str) -> None:
    for day, value in (("2022-01-31", "999999999999999999"), ("2022-02-28", "0.000000000001")):
        run(
            "report", "file", assigned, "--as-of", day, "--value", value, "--submit", "--user", "hr"
        )
    run("report", "approve", "1", "--version", "2", "--user", "boss")
    run("report", "approve", "2", "--version", "2", "--user", "boss")
    assert "Traceback" not in run("status", "--explain", assigned, "--user", "boss").output
    assert ledger_lines(run, "--user", "boss")


def test_report_dates(run: Run, assigned: str) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    one_line_error(
        run("report", "file", assigned, "--as-of", tomorrow, "--user", "hr", code=2), "future"
    )
    run("report", "file", assigned, "--as-of", "2022-01-31", "--user", "hr")
    moved = run("report", "edit", "1", "--as-of", tomorrow, "--version", "1", "--user", "hr",
                code=2)  # fmt: skip
    one_line_error(moved, "future")


def test_an_inverted_range_is_refused(run: Run, assigned: str) -> None:
    # The target is 6 (%); a maximum below it is refused, one above it kept.
    inverted = run("review", assigned, "--set", "target_max=5", "--version", "2", "--user", "boss",
                   code=2)  # fmt: skip
    one_line_error(inverted, "inverted")
    run("review", assigned, "--set", "target_max=7", "--version", "2", "--user", "boss")
