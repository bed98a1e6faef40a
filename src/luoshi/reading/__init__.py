"""Reading: a report file (txt, html, docx, pdf) into a ``Document``."""

from __future__ import annotations

from luoshi.reading.document import Document, Metadata, OutlineNode, Span
from luoshi.reading.reader import read

__all__ = ["Document", "Metadata", "OutlineNode", "Span", "read"]
