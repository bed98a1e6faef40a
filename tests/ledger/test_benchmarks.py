"""The ledger benchmark's small scale runs end to end and prints its figures (PostgreSQL)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ..conftest import REPO
from .conftest import POSTGRES_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="LUOSHI_TEST_POSTGRES_URL is unset"),
]


def test_the_small_ledger_benchmark_refreshes_fully_then_incrementally() -> None:
    assert POSTGRES_URL
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "ledger_queries.py"),
            "--scale",
            "small",
            "--runs",
            "3",
            "--database",
            "luoshi_bench_smoke",
            "--url",
            POSTGRES_URL,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    full = re.findall(r"full refresh, (\d) process\(es\): ([\d,]+) statuses(.*)", result.stdout)
    # the baseline in one process, then in two workers, each over the whole ledger
    assert [(n, count) for n, count, _ in full] == [("1", "5,000"), ("2", "5,000")], result.stdout
    assert "in 2 workers" in full[1][2] and "workers" not in full[0][2], result.stdout
    incremental = re.search(
        r"incremental refresh after 1,000 new reports: ([\d,]+) statuses", result.stdout
    )
    assert incremental is not None and incremental[1] == "1,000", result.stdout
    assert result.stdout.count("page of 50 of a government") == 2  # queries before and after
