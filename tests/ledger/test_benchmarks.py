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
    full = re.search(
        r"full refresh: ([\d,]+) statuses in [\d.]+ s .*peak memory ([\d,]+) MiB", result.stdout
    )
    assert full is not None, result.stdout
    assert full[1] == "5,000"
    incremental = re.search(
        r"incremental refresh after 1,000 new reports: ([\d,]+) statuses", result.stdout
    )
    assert incremental is not None and incremental[1] == "1,000", result.stdout
    assert result.stdout.count("page of 50 of a government") == 2  # queries before and after
