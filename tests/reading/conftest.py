"""Paths and fixtures of the reading tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from luoshi.config import get_settings
from tests.conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
NATIONAL = CORPUS / "national"
PROVINCES = CORPUS / "provinces-2025"


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Settings are read again in each test, so monkeypatched LUOSHI_* variables apply."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
