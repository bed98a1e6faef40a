"""Extraction: every figure of a Document, typed and anchored to its source."""

from __future__ import annotations

from luoshi.extraction.extractor import extract
from luoshi.extraction.figure import Figure

__all__ = ["Figure", "extract"]
