"""What a file is, judged from its first bytes (magic numbers), not from its name.

The extension only breaks ties and catches lies: a ``.docx`` that is not a ZIP
archive or a ``.pdf`` without the PDF header is refused rather than guessed at.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from luoshi.errors import ReadError

Container = Literal["text", "docx", "pdf"]

# Known binary formats a report is not: (magic bytes at offset 0, what to call it).
FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document (save it as .docx or .txt)"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Word .doc or an encrypted Office file (save it as an unprotected .docx)",
    ),
)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024  # the PDF header may follow some junk bytes
RIFF_MAGIC = re.compile(rb"RIFF....(WEBP|WAVE|AVI )", re.DOTALL)
ISO_MEDIA = re.compile(rb"\x00\x00..ftyp", re.DOTALL)  # MP4, MOV, HEIC: a box size, then ftyp

HTML_START = re.compile(
    r"""
    \s* (?:<\?xml[^>]*>\s*)?                        # an XML declaration (XHTML)
    (?:<!--.*?-->\s*)*                               # comments
    <(?:!doctype\s+html|html|head|body|meta|title)\b # the first tag of a page
    """,
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
ANY_TAG = re.compile(r"<(?:p|div|br|span|table|td|a|h[1-6])\b[^>]*>", re.I)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")

# Extensions that promise a container; content that breaks the promise is refused.
PROMISED: dict[str, Container] = {".docx": "docx", ".pdf": "pdf"}


def sniff(data: bytes, label: str, name: str | None) -> Container:
    """The container ``data`` is in, or a ReadError saying what it is instead."""
    head = data[:PDF_HEADER_WINDOW]
    if data.startswith(ZIP_MAGIC):
        found: Container = "docx"
    elif PDF_MAGIC in head:
        found = "pdf"
    else:
        foreign = _foreign(head)
        if foreign:
            raise ReadError(label, f"is {foreign}, not a report (use .txt, .html, .docx or .pdf)")
        found = "text"
    promised = PROMISED.get(PurePath(name).suffix.lower()) if name else None
    if promised == "docx" and found != "docx":
        raise ReadError(label, "is not a valid .docx file: it is not a ZIP archive")
    if promised == "pdf" and found != "pdf":
        raise ReadError(label, "is not a valid PDF: the %PDF- header is missing")
    return found


def _foreign(head: bytes) -> str | None:
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            return what
    if RIFF_MAGIC.match(head):
        return "a RIFF media file"
    if ISO_MEDIA.match(head):
        return "an MP4/QuickTime media file"
    return None


def is_html(text: str, name: str | None) -> bool:
    """Whether decoded ``text`` is an HTML page (by content; the name only for fragments)."""
    if HTML_START.match(text[:4096]):
        return True
    return bool(name and name.lower().endswith(HTML_SUFFIXES) and ANY_TAG.search(text[:4096]))
