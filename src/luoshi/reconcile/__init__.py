"""Reconcile: a report's targets judged against a later report (the 成绩单), and version diffs.

>>> import luoshi
>>> targets = luoshi.read("2024年主要目标：城镇新增就业1200万人以上。".encode())
>>> outcomes = luoshi.read("一、2024年工作回顾\\n过去一年，城镇新增就业1256万人。".encode())
>>> card = luoshi.reconcile(targets, outcomes)
>>> card.results[0].reason
'1256万人 against 1200万人以上: met'
"""

from __future__ import annotations

import sys
import types
from typing import Any

from luoshi.reading.document import Document
from luoshi.reconcile.diff import diff, diff_figures
from luoshi.reconcile.judging import reviewed_year
from luoshi.reconcile.results import (
    VERDICTS,
    Alternative,
    DiffEntry,
    Evidence,
    FigureRef,
    Reconciliation,
    TargetResult,
    TermPoint,
    Trajectory,
    Verdict,
)
from luoshi.reconcile.scorecard import reconcile, reconcile_figures
from luoshi.reconcile.trajectory import follow

__all__ = [
    "VERDICTS",
    "Alternative",
    "DiffEntry",
    "Evidence",
    "FigureRef",
    "Reconciliation",
    "TargetResult",
    "TermPoint",
    "Trajectory",
    "Verdict",
    "diff",
    "diff_figures",
    "follow",
    "reconcile",
    "reconcile_figures",
    "reviewed_year",
]


class _CallableModule(types.ModuleType):
    """``luoshi.reconcile(a, b)`` calls ``reconcile`` even once this package is imported.

    ``luoshi`` names ``reconcile`` lazily; importing ``luoshi.reconcile.…`` sets the package as
    ``luoshi``'s attribute of that name, so the package itself answers the call.
    """

    def __call__(self, targets: Document, outcomes: Document, **options: Any) -> Reconciliation:
        return reconcile(targets, outcomes, **options)


sys.modules[__name__].__class__ = _CallableModule
