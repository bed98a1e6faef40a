"""How long a ``luoshi`` command takes to start, beside a bare ``python -c pass``.

    .venv/bin/python benchmarks/startup.py [--runs N] [--report FILE]

Runs each command N times in a fresh process and prints the median wall time and the median
CPU time (user + system of the child: steadier than wall time on a shared machine), each also
less the bare interpreter's, run in the same loop. Goals (issue 12): under 0.1 s for
``luoshi --version``, under 0.3 s for ``read`` and ``extract`` of one report. Then the
imports that cost most in ``luoshi extract``, from ``python -X importtime``. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPORT = SHARED / "corpus" / "wuwei-2022-work-report.txt"
BIN = Path(sys.executable).parent
LUOSHI = str(BIN / "luoshi")
PYTHON = sys.executable
TOP_IMPORTS = 15


@dataclass(frozen=True)
class Case:
    label: str
    argv: list[str]
    goal: float | None  # seconds of wall time over the bare interpreter


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def cases(report: Path) -> list[Case]:
    return [
        Case("python -c pass (baseline)", [PYTHON, "-c", "pass"], None),
        Case("import luoshi", [PYTHON, "-c", "import luoshi"], None),
        Case("luoshi --version", [LUOSHI, "--version"], 0.1),
        Case("luoshi read", [LUOSHI, "read", str(report)], 0.3),
        Case("luoshi read --json", [LUOSHI, "read", str(report), "--json"], 0.3),
        Case(
            "luoshi extract --format jsonl",
            [LUOSHI, "extract", str(report), "--format", "jsonl"],
            0.3,
        ),
        Case("luoshi extract (table)", [LUOSHI, "extract", str(report)], 0.3),
        Case("luoshi --help (every command)", [LUOSHI, "--help"], None),
    ]


def run_once(argv: list[str]) -> Timing:
    before = os.times()
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Timing(wall, cpu)


def measure(all_cases: list[Case], runs: int) -> dict[str, Timing]:
    """Median wall and CPU seconds per case; the cases interleaved so load drifts hit all alike."""
    samples: dict[str, list[Timing]] = {case.label: [] for case in all_cases}
    for case in all_cases:  # one warm-up run each: the page cache, not Python, is cold
        run_once(case.argv)
    for _ in range(runs):
        for case in all_cases:
            samples[case.label].append(run_once(case.argv))
    return {
        label: Timing(
            statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
        )
        for label, timings in samples.items()
    }


def import_times(report: Path) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of every import in ``luoshi extract``."""
    code = (
        "import sys; from luoshi.cli import main; "
        f"sys.argv = ['luoshi', 'extract', {str(report)!r}, '--format', 'jsonl']; main()"
    )
    result = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", code],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(own), int(cumulative), name.rstrip()))
    return rows


def bytecode_compiled(module: str) -> bool:
    """Whether ``module`` has a current .pyc (else every run compiles it, where none is written)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return True  # a compiled extension or a frozen module
    cached = Path(importlib.util.cache_from_source(spec.origin))
    return cached.exists() and cached.stat().st_mtime >= Path(spec.origin).stat().st_mtime


def start_cache() -> bool:
    """Whether luoshi's compiled patterns and rule tables are cached (else each run builds them)."""
    try:
        from luoshi import compiled
    except ImportError:  # a luoshi from before the cache (a baseline run with PYTHONPATH)
        return False
    path = compiled._cache.path
    return path is not None and path.exists()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median kept)")
    parser.add_argument("--report", type=Path, default=REPORT, help="the report read/extracted")
    args = parser.parse_args()

    print(
        f"python {sys.version.split()[0]}; bytecode compiled: dependencies (click) "
        f"{bytecode_compiled('click.core')}, luoshi {bytecode_compiled('luoshi.reading.reader')} "
        f"(make bytecode); start-up cache {start_cache()} (python -m luoshi.compiled)"
    )
    print(f"{args.runs} runs each, medians; report {args.report.name}\n")
    all_cases = cases(args.report)
    timings = measure(all_cases, args.runs)
    base = timings[all_cases[0].label]
    print(
        f"{'command':<32} {'wall s':>7} {'-base':>7} {'cpu s':>7} {'-base':>7}  goal (wall -base)"
    )
    for case in all_cases:
        t = timings[case.label]
        over = t.wall - base.wall
        goal = (
            ""
            if case.goal is None
            else f"< {case.goal} s: {'met' if over < case.goal else 'MISSED'}"
        )
        cpu = f"{t.cpu:7.3f} {t.cpu - base.cpu:7.3f}"
        print(f"{case.label:<32} {t.wall:7.3f} {over:7.3f} {cpu}  {goal}")

    rows = import_times(args.report)
    print(f"\npython -X importtime, luoshi extract: top {TOP_IMPORTS} by cumulative time (ms)")
    top_level = [row for row in rows if not row[2].startswith("  ")]
    for _, cumulative, name in sorted(top_level, key=lambda r: -r[1])[:TOP_IMPORTS]:
        print(f"  {cumulative / 1000:8.1f}  {name.strip()}")
    print(f"\ntop {TOP_IMPORTS} by own time (ms)")
    for own, _, name in sorted(rows, key=lambda r: -r[0])[:TOP_IMPORTS]:
        print(f"  {own / 1000:8.1f}  {name.strip()}")
    total = sum(row[0] for row in rows)
    print(f"\nall imports: {total / 1000:.1f} ms")


if __name__ == "__main__":
    main()
