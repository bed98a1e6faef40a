"""luoshi (落实): from a government work report to a public, tracked ledger of its commitments.

>>> import luoshi
>>> doc = luoshi.read("2022年新增就业1.5万人。".encode())
>>> doc.text
'2022年新增就业1.5万人。'

The names below are imported on first use, so that ``import luoshi`` (and with it every
``luoshi`` command, ``--version`` included) does not load the reader and the extractor's rules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

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


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'luoshi' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
