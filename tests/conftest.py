"""Shared fixtures: paths into ../shared, read-only material every developer and CI have."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
WUWEI = CORPUS / "wuwei-2022-work-report.txt"
GOLD = SHARED / "gold" / "wuwei-2022.figures.jsonl"


@pytest.fixture(scope="session")
def wuwei_path() -> Path:
    return WUWEI
