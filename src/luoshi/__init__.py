"""luoshi (落实): from a government work report to a public, tracked ledger of its commitments.

>>> import luoshi
>>> doc = luoshi.read("2022年新增就业1.5万人。".encode())
>>> doc.text
'2022年新增就业1.5万人。'
"""

from __future__ import annotations

from luoshi.extraction import extract
from luoshi.extraction.figure import Figure
from luoshi.reading import read
from luoshi.reading.document import Document
from luoshi.reconcile import reconcile

__all__ = ["Document", "Figure", "extract", "read", "reconcile"]
__version__ = "0.1.0"
