"""The workspace load benchmark, run small (a few users for a few seconds) so that it cannot rot:
it must sign in, file, edit and submit, and its database checks must pass."""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from pathlib import Path
from types import ModuleType

import pytest

POSTGRES_URL = os.environ.get("LUOSHI_TEST_POSTGRES_URL")
SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "workspace_load.py"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="LUOSHI_TEST_POSTGRES_URL is unset"),
]


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("workspace_load", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_load_benchmark_runs_and_its_checks_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert POSTGRES_URL
    code = benchmark().main(
        [
            "--users", "4",
            "--readers", "2",
            "--seconds", "4",
            "--workers", "1",
            "--conflicts", "0.5",
            "--url", POSTGRES_URL,
            "--database", f"luoshi_ws_smoke_{uuid.uuid4().hex[:8]}",
        ]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "checks: no report lost or duplicated" in printed
    for action in ("baseline: static file", "login", "file", "edit", "submit", "portal page"):
        assert any(line.startswith(action) for line in printed.splitlines()), printed
    filed = int(printed.split("reports filed: ")[1].split()[0])
    assert filed > 0, printed
