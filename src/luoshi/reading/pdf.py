"""PDF files with a text layer: the text pypdf extracts, page after page.

Scanned (image-only) PDFs and PDFs locked with a user password have no text to
read; both are refused with a message that says so.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from luoshi import compiled
from luoshi.errors import ReadError

if TYPE_CHECKING:
    from pypdf import PdfReader

# A page number alone on a line: 3, - 3 -, — 3 —, 第3页.
PAGE_NUMBER = compiled.pattern(r"\s*(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[-—–－])?\s*")


def pdf_text(data: bytes, label: str) -> str:
    """The text layer of a PDF, its pages joined by "\\n"."""
    from pypdf import PdfReader  # imported on use: pypdf is slow to import
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every odd xref
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ReadError(label, "is an encrypted PDF; give luoshi an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except PdfReadError as error:
        raise ReadError(label, f"is not a readable PDF ({error})") from error
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise ReadError(label, f"is not a readable PDF ({type(error).__name__})") from error
    text = "\n".join(_without_page_number(page) for page in pages)
    if not text.strip():
        raise ReadError(label, "is a PDF without a text layer (scanned images?); OCR it first")
    return text


def _without_page_number(page: str) -> str:
    """A page's text without the page number standing alone on its first or last line."""
    lines = page.strip("\n").split("\n")
    if lines and PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if lines and PAGE_NUMBER.fullmatch(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def _opens_without_password(reader: PdfReader) -> bool:
    """Whether the PDF has only an owner password (it then opens with the empty one)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unsupported cipher (AES without the cryptography package) or damage
        return False
