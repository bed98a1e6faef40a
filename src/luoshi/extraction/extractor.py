"""``extract()``: a Document's figures."""

from __future__ import annotations

from luoshi.extraction.figure import Figure
from luoshi.reading.document import Document


def extract(document: Document) -> list[Figure]:
    """Every figure of ``document`` in text order."""
    return []
