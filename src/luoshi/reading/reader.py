"""``read()``: the one entry point from a path or bytes to a Document.

The bytes are checked (size, emptiness), sniffed (text, HTML, .docx, PDF — by
content), turned into the canonical text, and analysed: paragraphs,
sentences, outline and metadata. Every problem with the input is a ReadError
that names the input and says what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.errors import ReadError
from luoshi.reading import metadata as meta
from luoshi.reading.decode import decode
from luoshi.reading.document import Document, Format, Metadata
from luoshi.reading.docx import docx_text
from luoshi.reading.outline import outline
from luoshi.reading.paragraphs import paragraphs
from luoshi.reading.pdf import pdf_text
from luoshi.reading.sentences import sentences
from luoshi.reading.sniff import is_html, sniff
from luoshi.startup import start_settings

if TYPE_CHECKING:
    from luoshi.reading.html import Page


def read(source: str | Path | bytes, *, name: str | None = None) -> Document:
    """Read a report from a path or from bytes (``name`` labels bytes and hints at their type)."""
    limit = start_settings().max_input_bytes
    if isinstance(source, bytes):
        label = name or "<bytes>"
        if len(source) > limit:
            raise ReadError(label, _too_large(len(source), limit))
        data = source
    else:
        label = str(source)
        name = name or Path(source).name
        data = _read_file(Path(source), label, limit)
    if not data:
        raise ReadError(label, "file is empty")
    text, format_, encoding, page = _canonical_text(data, label, name)
    if not text.strip():
        raise ReadError(label, "holds no text, only white space")
    source_label = None if isinstance(source, bytes) else label
    return analyse(text, format_, source=source_label, encoding=encoding, page=page)


def _canonical_text(
    data: bytes, label: str, name: str | None
) -> tuple[str, Format, str | None, Page | None]:
    """The text every offset refers to, the format, the encoding and the HTML page if any."""
    container = sniff(data, label, name)
    if container == "docx":
        return docx_text(data, label), "docx", None, None
    if container == "pdf":
        return pdf_text(data, label), "pdf", None, None
    text, encoding = decode(data, label)
    if not is_html(text, name):
        return text, "txt", encoding, None
    from luoshi.reading.html import read_html  # lxml is imported only for pages

    page = read_html(text, label)
    return page.text, "html", encoding, page


def analyse(
    text: str,
    format_: Format,
    *,
    source: str | None = None,
    encoding: str | None = None,
    page: Page | None = None,
) -> Document:
    """A Document of ``text``: paragraphs, sentences, outline and metadata."""
    spans = paragraphs(text, wrapped=format_ == "pdf")
    cut = sentences(text, spans)
    start = meta.body_start(text, spans)
    tree = outline(text, spans, cut, start)
    head = text[:start] if start else text[: meta.HEADER_SEARCH]
    head_lines = head.splitlines()
    metadata = Metadata()
    if page is not None:
        meta.apply_fields(metadata, page.pairs)
        metadata.breadcrumb = page.breadcrumb
        metadata.title = metadata.title or page.title
    meta.apply_fields(metadata, meta.label_pairs(head_lines))
    metadata.breadcrumb = metadata.breadcrumb or meta.breadcrumb(head_lines)
    metadata.title = metadata.title or meta.title_line(head_lines)
    meta.read_speech_header(metadata, head)
    metadata.plan_year = meta.plan_year(metadata, (node.title for node in tree))
    return Document(
        text=text,
        format=format_,
        source=source,
        encoding=encoding,
        metadata=metadata,
        outline=tree,
        paragraphs=spans,
        sentences=cut,
    )


def _read_file(path: Path, label: str, limit: int) -> bytes:
    if not path.exists():
        raise ReadError(label, "no such file")
    if path.is_dir():
        raise ReadError(label, "is a directory, not a report file")
    if not path.is_file():  # a FIFO, a socket or a device: reading it could wait forever
        raise ReadError(label, "is not a regular file (a pipe or a device?); give a report file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(label, _too_large(size, limit))
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise ReadError(label, f"cannot be read ({error.strerror or error})") from error
    if len(data) > limit:
        raise ReadError(label, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"is {size} bytes, over the limit of {limit} bytes "
        "(raise LUOSHI_MAX_INPUT_BYTES to read it)"
    )
