"""The workspace load benchmark, run small (a few users for a few seconds) so that it cannot rot:
it must sign in, file, edit and submit, and its database checks must pass. Run as its own
process, as it is run by hand (it starts an event loop and a server of its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get("LUOSHI_TEST_POSTGRES_URL")
SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "workspace_load.py"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="LUOSHI_TEST_POSTGRES_URL is unset"),
]


def test_the_load_benchmark_runs_and_its_checks_pass() -> None:
    assert POSTGRES_URL
    run = subprocess.run(
        [
            sys.executable, str(SCRIPT),
            "--users", "4",
            "--readers", "2",
            "--seconds", "6",
            "--think", "0.3",
            "--arrival", "1",
            "--workers", "1",
            "--conflicts", "0.5",
            "--url", POSTGRES_URL,
            "--database", f"luoshi_ws_smoke_{uuid.uuid4().hex[:8]}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    printed = run.stdout
    assert run.returncode == 0, printed + run.stderr[-2000:]
    assert "checks: no report lost or duplicated" in printed
    assert "requests per second: offered" in printed and "the load generator" in printed
    for action in (
        "baseline: static file",
        "login",
        "inbox",
        "file",
        "edit",
        "submit",
        "portal page",
    ):
        assert any(line.startswith(action) for line in printed.splitlines()), printed
    filed = int(printed.split("reports filed: ")[1].split()[0])
    assert filed > 0, printed
