"""How long ``luoshi.reconcile`` takes per pair of reports, beside the extraction of the two.

    .venv/bin/python benchmarks/reconcile.py [--repeat N] [--before REV]

For each pair (the national 2022 targets against the 2023 review, two held-out pairs of
tests/reconcile/gold, and a target list against a 统计公报), prints the best-of-N milliseconds of
extracting both reports and of reconciling their figures (``reconcile_figures``, the work
``reconcile`` adds to extraction), measured in the same run, and their ratio; then the same for
``diff_figures``; and the time to load and check the rule data, once per process. Names are
compared through a cache (``name_of``): it is emptied before every reconcile and diff run, so the
figures are those of a process's first pair. The goal is a reconcile time well under the
extraction time. The table is printed twice in one run: first for the code of ``--before``
(default ``main``: its ``src/`` taken with ``git archive`` into a temporary folder and run in a
child process with this checkout's Python), then for this checkout, so a change to the matcher or
its vocabulary is measured against what it changes under the same load. ``--before none`` prints
this checkout's table only. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import luoshi
from luoshi.reading.document import Document
from luoshi.reconcile import diff_figures, reconcile_figures, vocabulary
from luoshi.reconcile.matching import name_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "reconcile" / "fixtures"
PAIRS = {
    "national 2022 → 2023": (
        CORPUS / "national" / "national-2022-work-report.txt",
        CORPUS / "national" / "national-2023-work-report.txt",
    ),
    "hunan fixture 2024 → 2025": (
        FIXTURES / "hunan-2024-targets.txt",
        CORPUS / "provinces-2025" / "hunan-2025-work-report.txt",
    ),
    "jiangsu fixture 2024 → 2025": (
        FIXTURES / "jiangsu-2024-targets.txt",
        CORPUS / "provinces-2025" / "jiangsu-2025-work-report.txt",
    ),
    "hunan fixture 2024 → 统计公报": (
        FIXTURES / "hunan-2024-targets.txt",
        FIXTURES / "hunan-2024-communique.txt",
    ),
}


def best_ms(function: Callable[[], Any], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    parser.add_argument("--before", default="main", help="git revision to compare with, or none")
    options = parser.parse_args()
    if options.before != "none":
        print(f"before ({options.before}):", flush=True)
        _run_revision(options.before, options.repeat)
        print("after (this checkout):")
    print(
        f"{'pair':30} {'extract both':>13} {'reconcile':>10} {'ratio':>7} {'diff':>8} {'ratio':>7}"
    )
    for name, (targets_path, outcomes_path) in PAIRS.items():
        print(
            _row(name, luoshi.read(targets_path), luoshi.read(outcomes_path), repeat=options.repeat)
        )
    rules = vocabulary.rules.__wrapped__
    print(f"rule data loaded and checked in {best_ms(rules, options.repeat):.1f} ms")


def _run_revision(revision: str, repeat: int) -> None:
    """This benchmark, run on ``revision``'s ``src/`` in a child process."""
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "src.tar"
        subprocess.run(["git", "archive", "-o", archive, revision, "src"], cwd=ROOT, check=True)
        shutil.unpack_archive(archive, folder, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        command = [sys.executable, __file__, "--repeat", str(repeat), "--before", "none"]
        subprocess.run(command, env=env, check=True)


def _row(name: str, targets: Document, outcomes: Document, *, repeat: int) -> str:
    extract_ms = best_ms(lambda: (luoshi.extract(targets), luoshi.extract(outcomes)), repeat)
    target_figures, outcome_figures = luoshi.extract(targets), luoshi.extract(outcomes)
    reconcile_ms = best_ms(
        lambda: (
            name_of.cache_clear(),
            reconcile_figures(targets, target_figures, outcomes, outcome_figures),
        ),
        repeat,
    )
    diff_ms = best_ms(
        lambda: (
            name_of.cache_clear(),
            diff_figures(targets, target_figures, outcomes, outcome_figures),
        ),
        repeat,
    )
    return (
        f"{name:30} {extract_ms:10.1f} ms {reconcile_ms:7.1f} ms {reconcile_ms / extract_ms:7.3f}"
        f" {diff_ms:5.1f} ms {diff_ms / extract_ms:7.3f}"
    )


if __name__ == "__main__":
    main()
