"""The text of a .docx as python-docx reads it: luoshi's reader before zipfile + lxml, kept as
the reference the tests (tests/reading/test_docx.py) and benchmarks/read_stages.py compare
the reader with. python-docx is a development dependency."""

from __future__ import annotations

import io


def python_docx_text(data: bytes) -> str:
    """Body paragraphs and table rows, one line each (a merged cell once), joined by "\\n"."""
    import docx
    from docx.table import Table

    lines: list[str] = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if not isinstance(block, Table):
            lines.append(block.text)
            continue
        for row in block.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text for p in cell.paragraphs).strip())
            lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines)
