"""What the extraction tests share: paths into ../shared and the project's scorer.

The scorer (``shared/eval/score.py``) is loaded from its file, not copied, so that
the tests judge indicators, units and numbers exactly as the official score does.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
WUWEI = CORPUS / "wuwei-2022-work-report.txt"
WUWEI_GOLD = SHARED / "gold" / "wuwei-2022.figures.jsonl"
SCORER = SHARED / "eval" / "score.py"


@cache
def scorer() -> ModuleType:
    """``shared/eval/score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("luoshi_shared_score", SCORER)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer from {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def indicator_ok(gold: str, predicted: str) -> bool:
    """The scorer's indicator test: character F1 of at least 0.8."""
    return bool(scorer().char_f1(gold, predicted) >= scorer().INDICATOR_OK)


def indicator_f1(gold: str, predicted: str) -> float:
    return float(scorer().char_f1(gold, predicted))


def same_unit(gold: str, predicted: str) -> bool:
    """The scorer's unit test: equal after folding full-width forms and deleting spaces."""
    return bool(scorer().fold(gold) == scorer().fold(predicted))


def same_number(gold: Any, predicted: Any) -> bool:
    return bool(scorer().same_number(gold, predicted))
