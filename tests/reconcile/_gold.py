"""The reconcile gold (``gold/*.verdicts.jsonl``) and the tool's agreement with it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from luoshi.reconcile import Reconciliation

GOLD = Path(__file__).parent / "gold"
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus"

# name → (targets file, outcomes file, tuned on)
PAIRS: dict[str, tuple[Path, Path, bool]] = {
    "national-2022-2023": (
        CORPUS / "national" / "national-2022-work-report.txt",
        CORPUS / "national" / "national-2023-work-report.txt",
        True,
    ),
    "hunan-2024-2025": (
        FIXTURES / "hunan-2024-targets.txt",
        CORPUS / "provinces-2025" / "hunan-2025-work-report.txt",
        False,
    ),
    "jiangsu-2024-2025": (
        FIXTURES / "jiangsu-2024-targets.txt",
        CORPUS / "provinces-2025" / "jiangsu-2025-work-report.txt",
        False,
    ),
    # Written after the matcher was finished (second round): the matcher was not changed since.
    "guangxi-2024-2025": (
        FIXTURES / "guangxi-2024-targets.txt",
        CORPUS / "provinces-2025" / "guangxi-2025-work-report.txt",
        False,
    ),
    "beijing-2024-2025": (
        FIXTURES / "beijing-2024-targets.txt",
        CORPUS / "provinces-2025" / "beijing-2025-work-report.txt",
        False,
    ),
    # Blind (issue 10): each fixture committed before its review was read, the verdicts written
    # without running or reading the matcher. Not scored yet: no floor in test_gold_gate.py.
    "hainan-2024-2025": (
        FIXTURES / "hainan-2024-targets.txt",
        CORPUS / "provinces-2025" / "hainan-2025-work-report.txt",
        False,
    ),
    "shanxi-2024-2025": (
        FIXTURES / "shanxi-2024-targets.txt",
        CORPUS / "provinces-2025" / "shanxi-2025-work-report.txt",
        False,
    ),
    "qinghai-2024-2025": (
        FIXTURES / "qinghai-2024-targets.txt",
        CORPUS / "provinces-2025" / "qinghai-2025-work-report.txt",
        False,
    ),
    "neimenggu-2024-2025": (
        FIXTURES / "neimenggu-2024-targets.txt",
        CORPUS / "provinces-2025" / "neimenggu-2025-work-report.txt",
        False,
    ),
    # A 统计公报 as the outcomes: written with its gold before the matcher ran on it (4/17 on
    # arrival, when communiqués were not read as outcomes), then worked on: tuned.
    "hunan-2024-communique": (
        FIXTURES / "hunan-2024-targets.txt",
        FIXTURES / "hunan-2024-communique.txt",
        True,
    ),
    # A second 统计公报, written with its gold after the communiqué work; not worked on since.
    "jiangsu-2024-communique": (
        FIXTURES / "jiangsu-2024-targets.txt",
        FIXTURES / "jiangsu-2024-communique.txt",
        False,
    ),
}


@dataclass(frozen=True)
class Agreement:
    """How many gold verdicts the tool gave, and the targets where it did not."""

    agreed: int
    total: int
    disagreements: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.agreed / self.total


def gold(name: str) -> list[dict[str, object]]:
    lines = (GOLD / f"{name}.verdicts.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def agreement(name: str, card: Reconciliation) -> Agreement:
    """Agreement by target: the gold target's offset must start the tool's target figure."""
    by_start = {r.target.figure.start: r for r in card.results}
    agreed, misses = 0, []
    for row in gold(name):
        result = by_start.get(int(str(row["target_start"])))
        got = "absent" if result is None else result.verdict
        if got == row["verdict"]:
            agreed += 1
        else:
            misses.append(f"{row['target']}: gold {row['verdict']}, got {got}")
    return Agreement(agreed, len(gold(name)), tuple(misses))
