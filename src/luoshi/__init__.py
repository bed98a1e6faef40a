"""luoshi (落实): from a government work report to a public, tracked ledger of its commitments.

>>> import luoshi
>>> doc = luoshi.read("2022年新增就业1.5万人。".encode())
>>> doc.text
'2022年新增就业1.5万人。'

The names below are imported on first use, so that ``import luoshi`` (and with it every
``luoshi`` command, ``--version`` included) does not load the reader and the extractor's rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from luoshi.lazy import lazy_names

if TYPE_CHECKING:
    from luoshi.extraction import extract
    from luoshi.extraction.figure import Figure
    from luoshi.reading import read
    from luoshi.reading.document import Document
    from luoshi.reconcile import reconcile

__all__ = ["Document", "Figure", "extract", "read", "reconcile"]
__version__ = "0.1.0"

# Each public name and the module that defines it.
_LAZY: dict[str, str] = {
    "Document": "luoshi.reading.document",
    "Figure": "luoshi.extraction.figure",
    "extract": "luoshi.extraction",
    "read": "luoshi.reading",
    "reconcile": "luoshi.reconcile",
}


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
