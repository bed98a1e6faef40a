"""Word ``.docx`` files: body paragraphs and table rows joined by newlines.

Only ``word/document.xml`` is unpacked and parsed (zipfile and lxml), and its text is read
exactly as python-docx reads it (``Document.iter_inner_content``, ``Paragraph.text``,
``_Row.cells``), which this module used before: the same text means the same document ids
and figure offsets in every ledger and run made since. What python-docx reads, and so this
reader:

- the body's ``w:p`` and ``w:tbl`` children, in order (a body-level content control,
  ``w:sdt``, is skipped);
- a paragraph's text: its ``w:r`` runs and those of its ``w:hyperlink`` children; runs
  nested in anything else (``w:ins``, ``w:fldSimple``, ``w:smartTag``, ``w:sdt``) are not read;
- a run's ``w:t`` text, ``w:tab`` and ``w:ptab`` as a tab, ``w:br`` (a line break only;
  page and column breaks give nothing) and ``w:cr`` as a newline, ``w:noBreakHyphen`` as "-";
- a table's rows, one line each: each cell's ``w:p`` paragraphs joined by a space and
  stripped, the non-empty cells joined by a space; a cell spanning columns once, a cell
  continuing a vertical merge as the cell it continues (so its text is repeated on each
  row it spans); tables nested in a cell are not read.

Footnotes, headers, footers and comments are other parts of the archive: not read.

A .docx is a ZIP archive, so it is checked first: the declared unpacked size of its members
and the compression ratio of each, against the ``max_docx_unpacked_bytes`` setting, and the
main part is unpacked no further than that limit (a zip bomb declares little and unpacks a
lot). No other member is unpacked.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from luoshi.errors import ReadError
from luoshi.startup import start_settings

if TYPE_CHECKING:
    import zipfile

    from lxml import etree

MAIN_PART = "word/document.xml"
MAX_COMPRESSION_RATIO = 200  # XML compresses well, but not a thousandfold
RATIO_FLOOR_BYTES = 1024 * 1024  # small members may have any ratio

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, P, TBL, TR, TC = f"{W}body", f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
RUN, HYPERLINK, TEXT, BREAK = f"{W}r", f"{W}hyperlink", f"{W}t", f"{W}br"
# What each element of a run reads as, besides w:t (its text) and w:br (by its w:type).
RUN_CHARACTERS = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
RUN_CONTENT = (TEXT, BREAK, *RUN_CHARACTERS)
BREAK_TYPE, LINE_BREAK = f"{W}type", "textWrapping"  # a w:br with no w:type is a line break
# Table properties read for merged cells: (path from the element, attribute, default).
GRID_BEFORE = (f"{W}trPr/{W}gridBefore", f"{W}val")  # layout-grid columns a row skips first
GRID_SPAN = (f"{W}tcPr/{W}gridSpan", f"{W}val")  # columns a cell spans
VERTICAL_MERGE = (f"{W}tcPr/{W}vMerge", f"{W}val")  # "restart", or "continue" (its default)


def docx_text(data: bytes, label: str) -> str:
    """The text of a .docx file: its body paragraphs and table rows, in order, joined by "\\n"."""
    import zipfile  # with lxml and zlib: a plain-text report needs none of them
    import zlib

    from lxml import etree

    limit = start_settings().max_docx_unpacked_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ReadError(label, f"is not a valid ZIP archive, so not a .docx ({error})") from error
    with archive:
        _check_archive(archive, label, limit)
        try:
            xml = _unpack(archive, label, limit)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise ReadError(
                label, f"is a damaged .docx: {MAIN_PART} cannot be unpacked ({error})"
            ) from error
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise ReadError(label, f"is not a readable .docx file ({error})") from error
    body = root.find(BODY)
    if body is None:
        raise ReadError(label, f"is not a readable .docx file ({MAIN_PART} has no w:body)")
    lines: list[str] = []
    for block in body.iterchildren(P, TBL):
        if block.tag == P:
            lines.append(_paragraph_text(block))
        else:
            lines.extend(_rows(block))
    return "\n".join(lines)


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for child in paragraph.iterchildren(RUN, HYPERLINK):
        for run in (child,) if child.tag == RUN else child.iterchildren(RUN):
            for item in run.iterchildren(*RUN_CONTENT):
                if item.tag == TEXT:
                    parts.append(item.text or "")
                elif item.tag == BREAK:
                    parts.append("\n" if item.get(BREAK_TYPE, LINE_BREAK) == LINE_BREAK else "")
                else:
                    parts.append(RUN_CHARACTERS[item.tag])
    return "".join(parts)


def _rows(table: etree._Element) -> list[str]:
    """A table's rows, one line each, its cells' text joined by a space as an HTML page's rows
    are (an appendix of 民生实事 with 年度目标 and 牵头单位 columns); a merged cell once."""
    rows = list(table.iterchildren(TR))
    lines: list[str] = []
    for index in range(len(rows)):
        cells: list[str] = []
        previous: etree._Element | None = None
        for cell in _row_cells(rows, index):
            # a cell spanning columns comes once per column, one after the other
            if cell is not previous:
                previous = cell
                text = " ".join(_paragraph_text(p) for p in cell.iterchildren(P)).strip()
                cells.append(text)
        lines.append(" ".join(c for c in cells if c))
    return lines


def _row_cells(rows: list[etree._Element], index: int) -> Iterator[etree._Element]:
    """The ``w:tc`` of each layout-grid column row ``index`` fills, as python-docx's
    ``_Row.cells``: a spanning cell once per column, a cell continuing a vertical merge as
    the cell above it (a continuation with nothing above it stands for itself)."""
    offset = _number(rows[index], GRID_BEFORE, 0)
    for cell in rows[index].iterchildren(TC):
        span = _number(cell, GRID_SPAN, 1)
        origin = _merge_origin(rows, index, cell, offset)
        for _ in range(_number(origin, GRID_SPAN, 1)):
            yield origin
        offset += span


def _merge_origin(
    rows: list[etree._Element], index: int, cell: etree._Element, offset: int
) -> etree._Element:
    """The cell whose text ``cell`` shows: the first cell of its vertical merge."""
    while index > 0 and _vertical_merge(cell) == "continue":
        above = _cell_at(rows[index - 1], offset)
        if above is None:
            break
        index, cell = index - 1, above
    return cell


def _cell_at(row: etree._Element, offset: int) -> etree._Element | None:
    """The cell of ``row`` that starts at layout-grid column ``offset``, if one does."""
    remaining = offset - _number(row, GRID_BEFORE, 0)
    for cell in row.iterchildren(TC):
        if remaining < 0:
            break
        if remaining == 0:
            return cell
        remaining -= _number(cell, GRID_SPAN, 1)
    return None


def _vertical_merge(cell: etree._Element) -> str | None:
    merge = cell.find(VERTICAL_MERGE[0])
    return None if merge is None else merge.get(VERTICAL_MERGE[1], "continue")


def _number(element: etree._Element, where: tuple[str, str], default: int) -> int:
    found = element.find(where[0])
    value = None if found is None else found.get(where[1])
    try:
        return default if value is None else int(value)
    except ValueError:
        return default


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


def _unpack(archive: zipfile.ZipFile, label: str, limit: int) -> bytes:
    """The main part, unpacked no further than ``limit`` bytes (its declared size may lie)."""
    with archive.open(MAIN_PART) as stream:
        xml = stream.read(limit + 1)
    if len(xml) > limit:
        raise ReadError(
            label, f"unpacks to more than the limit of {limit} bytes (possible zip bomb)"
        )
    return xml
