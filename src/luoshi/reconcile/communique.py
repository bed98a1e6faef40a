"""A statistical communiqué (国民经济和社会发展统计公报) as the outcomes document.

A communiqué states a year's outcomes (全年国内生产总值…比上年增长…; 城镇新增就业…万人) and has
no plan part, so the extractor, which reads a figure outside a review part as a target, would
find nothing but targets in it. ``outcomes_of`` reads it as what it is: every figure an outcome
of the year its title names (``rules().communique`` holds the title words).
"""

from __future__ import annotations

import dataclasses
import re

from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document
from luoshi.reconcile.vocabulary import rules

# The title is in the document's opening lines; the year stands before the title words.
OPENING = 300
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def communique_year(document: Document) -> int | None:
    """The year a statistical communiqué reports on; None for any other document."""
    opening = (document.metadata.title or "") + "\n" + document.text[:OPENING]
    for line in opening.splitlines():
        for word in rules().communique:
            at = line.find(word)
            if at < 0:
                continue
            years = YEAR.findall(line[:at])
            if years:
                return int(years[-1])
    return None


def outcomes_of(figures: list[Figure], year: int) -> list[Figure]:
    """The communiqué's figures as outcomes: each an actual figure of ``year`` (a term's total,
    dated as a span of years, keeps its span)."""
    return [
        dataclasses.replace(
            figure, kind="actual", period=figure.period if "-" in figure.period else str(year)
        )
        for figure in figures
    ]
