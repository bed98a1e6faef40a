"""Shared fixtures: paths into ../shared, read-only material every developer and CI have."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["tests.smtp_sink"]  # the smtp_sink fixture, for the notification mail tests

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
WUWEI = CORPUS / "wuwei-2022-work-report.txt"
GOLD = SHARED / "gold" / "wuwei-2022.figures.jsonl"


@pytest.fixture(scope="session")
def wuwei_path() -> Path:
    return WUWEI


# Hypothesis: no per-example deadline (the machines are small and shared), and under CI a
# fixed seed, so that a run is reproducible and a failure is not a roll of the dice.
settings.register_profile("luoshi", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "luoshi")
