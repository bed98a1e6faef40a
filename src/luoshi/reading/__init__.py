"""Reading: a report file (txt, html, docx, pdf) into a ``Document``.

``read()`` (reader.py) sniffs the bytes (sniff.py), turns them into the canonical
text (decode.py, html.py, docx.py, pdf.py) and analyses it: paragraphs
(paragraphs.py), sentences (sentences.py), the outline (outline.py) and the
metadata (metadata.py).
"""

from __future__ import annotations

from luoshi.reading.document import Document, Metadata, OutlineNode, Span
from luoshi.reading.reader import read

__all__ = ["Document", "Metadata", "OutlineNode", "Span", "read"]
