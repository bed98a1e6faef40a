"""Word ``.docx`` files: paragraphs and table rows joined by newlines, as python-docx reads them.

A .docx is a ZIP archive, so it is checked before python-docx opens it: the
declared unpacked size, the compression ratio of every member, and the size
actually unpacked, all against the ``max_docx_unpacked_bytes`` setting (a zip bomb
declares little and unpacks a lot).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from luoshi.errors import ReadError
from luoshi.startup import start_settings

if TYPE_CHECKING:
    import zipfile

MAIN_PART = "word/document.xml"
MAX_COMPRESSION_RATIO = 200  # XML compresses well, but not a thousandfold
RATIO_FLOOR_BYTES = 1024 * 1024  # small members may have any ratio
CHUNK = 64 * 1024


def docx_text(data: bytes, label: str) -> str:
    """The text of a .docx file: its body paragraphs and table rows, in order, joined by "\\n"."""
    import zipfile  # with the rest: a plain-text report needs none of them

    import docx  # imported on use: python-docx is slow to import
    from docx.table import Table
    from lxml import etree

    limit = start_settings().max_docx_unpacked_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, label, limit)
    except zipfile.BadZipFile as error:
        raise ReadError(label, f"is not a valid ZIP archive, so not a .docx ({error})") from error
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ReadError(label, f"is not a readable .docx file ({error})") from error
    except Exception as error:  # python-docx raises its own and lxml's errors on broken parts
        raise ReadError(label, f"is not a readable .docx file ({type(error).__name__})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_rows(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _rows(table: Any) -> list[str]:
    """A table's rows, one line each, its cells' text joined by a space as an HTML page's rows
    are (an appendix of 民生实事 with 年度目标 and 牵头单位 columns); a merged cell once."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell is listed once per grid column
                seen.add(id(cell._tc))
                cells.append(" ".join(p.text for p in cell.paragraphs).strip())
        rows.append(" ".join(c for c in cells if c))
    return rows


def _check_archive(archive: zipfile.ZipFile, label: str, limit: int) -> None:
    members = archive.infolist()
    names = {member.filename for member in members}
    if MAIN_PART not in names:
        raise ReadError(label, "is a ZIP archive but not a Word .docx (no word/document.xml)")
    if any(member.flag_bits & 0x1 for member in members):
        raise ReadError(label, "is an encrypted ZIP archive; save it as an unprotected .docx")
    declared = sum(member.file_size for member in members)
    if declared > limit:
        raise ReadError(
            label, f"unpacks to {declared} bytes, over the limit of {limit} (possible zip bomb)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise ReadError(
                label, f"has a member compressed {ratio:.0f} to 1 (possible zip bomb); refused"
            )
    unpacked = 0
    for member in members:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                unpacked += len(chunk)
                if unpacked > limit:
                    raise ReadError(
                        label,
                        f"unpacks to more than the limit of {limit} bytes (possible zip bomb)",
                    )
