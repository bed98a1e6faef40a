"""``read()``: the one entry point from a path or bytes to a Document."""

from __future__ import annotations

from pathlib import Path

from luoshi.config import get_settings
from luoshi.errors import ReadError
from luoshi.reading.document import Document


def read(source: str | Path | bytes, *, name: str | None = None) -> Document:
    """Read a report from a path or from bytes (``name`` labels bytes in messages)."""
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        path = Path(source)
        label = str(path)
        if not path.exists():
            raise ReadError(label, "no such file")
        if path.is_dir():
            raise ReadError(label, "is a directory, not a report file")
        limit = get_settings().max_input_bytes
        if path.stat().st_size > limit:
            raise ReadError(label, f"file is larger than the limit of {limit} bytes")
        data = path.read_bytes()
    if not data.strip():
        raise ReadError(label, "file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(label, "not UTF-8 text") from error
    return Document(
        text=text,
        format="txt",
        source=None if isinstance(source, bytes) else label,
        encoding="utf-8",
    )
