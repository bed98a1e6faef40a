"""Extraction: every figure of a Document, typed and anchored to its source.

``extract`` and ``Figure`` are imported on first use, so that a module of this package that the
reader needs (``numerals``) does not load the extractor's rules with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from luoshi.lazy import lazy_names

if TYPE_CHECKING:
    from luoshi.extraction.extractor import extract
    from luoshi.extraction.figure import Figure

__all__ = ["Figure", "extract"]

# Each public name and the module that defines it.
_LAZY: dict[str, str] = {
    "Figure": "luoshi.extraction.figure",
    "extract": "luoshi.extraction.extractor",
}


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
