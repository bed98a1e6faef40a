"""Bad input: one clear line naming the file and the problem, exit status 2, no traceback.

Each case builds its file in a temporary folder and runs ``luoshi read`` through
Click's runner; ``read(bytes)`` gets the same checks, size limit included.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from luoshi.cli import app
from luoshi.errors import ReadError
from luoshi.reading import Document, read
from luoshi.reading.html import MAX_ATTRIBUTES, parseable
from tests.conftest import WUWEI
from tests.reading.conftest import PROVINCES

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x00" * 10
NO_CHINESE_ENCODING = b"\x81\x20\xff\xfe\x80\x7f report \xff"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _pdf(*, text: str | None, encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=encrypt)
    if text:
        page.drawString(72, 720, text)
    page.rect(72, 72, 200, 200, fill=1)  # an "image" with no text
    page.showPage()
    page.save()
    return buffer.getvalue()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _missing(folder: Path) -> Path:
    return folder / "nope.txt"


def _directory(folder: Path) -> Path:
    path = folder / "reports"
    path.mkdir()
    return path


ZIP_BOMB = _zip({"word/document.xml": b"\x00" * (20 * 1024 * 1024), "[Content_Types].xml": b""})

# (what the user gives, the problem the one line must name)
BAD_INPUTS = [
    pytest.param(_missing, "no such file", id="missing-file"),
    pytest.param(_directory, "is a directory", id="directory"),
    pytest.param(_write("empty.txt", b""), "file is empty", id="empty-file"),
    pytest.param(_write("blank.txt", b" \n\t\n"), "holds no text", id="only-white-space"),
    pytest.param(_write("scan.png", PNG), "is a PNG image", id="png"),
    pytest.param(_write("photo.txt", JPEG), "is a JPEG image", id="jpeg-named-txt"),
    pytest.param(_write("luoshi", ELF), "is an ELF executable", id="elf"),
    pytest.param(_write("report.txt.gz", GZIP), "is a gzip archive", id="gzip"),
    pytest.param(_write("data.bin", bytes(range(256)) * 4), "binary data", id="binary-bytes"),
    pytest.param(
        _write("archive.zip", _zip({"a.txt": b"hello"})), "not a Word .docx", id="zip-not-docx"
    ),
    pytest.param(
        _write("report.docx", "各位代表：".encode()), "not a ZIP archive", id="docx-not-zip"
    ),
    pytest.param(_write("bomb.docx", ZIP_BOMB), "possible zip bomb", id="docx-zip-bomb"),
    pytest.param(
        _write("truncated.docx", (PROVINCES / "jilin-2025-work-report.docx").read_bytes()[:5000]),
        "not a valid ZIP archive",
        id="docx-truncated",
    ),
    pytest.param(
        _write(
            "nav.html",
            b"<html><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav><script>x=1</script></body></html>",
        ),
        "HTML page with no body text",
        id="html-without-body-text",
    ),
    pytest.param(
        _write("mojibake.txt", NO_CHINESE_ENCODING),
        "not text in a Chinese encoding",
        id="no-encoding",
    ),
    pytest.param(
        _write("damaged.txt", WUWEI.read_bytes()[:5000] + b"\xff" + WUWEI.read_bytes()[5001:]),
        "is UTF-8 text with 3 invalid byte sequence(s), the first at byte 4999",
        id="damaged-utf8",
    ),
    pytest.param(_write("scan.pdf", _pdf(text=None)), "without a text layer", id="pdf-image-only"),
    pytest.param(
        _write("locked.pdf", _pdf(text="secret", encrypt="s3cret")),
        "encrypted PDF",
        id="pdf-encrypted",
    ),
    pytest.param(
        _write("broken.pdf", b"%PDF-1.4\n1 0 obj <<"), "not a readable PDF", id="pdf-broken"
    ),
    pytest.param(
        _write("report.pdf", "各位代表：".encode()), "%PDF- header is missing", id="pdf-not-pdf"
    ),
]


@pytest.mark.parametrize(("make", "problem"), BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, make: Callable[[Path], Path], problem: str
) -> None:
    path = make(tmp_path)
    result = CliRunner().invoke(app, ["read", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"luoshi: error: {path}: ")
    assert problem in lines[0]


def test_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_INPUT_BYTES", "1000")
    result = CliRunner().invoke(app, ["read", str(WUWEI)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"luoshi: error: {WUWEI}: is {WUWEI.stat().st_size} bytes, over the limit of 1000 bytes "
        "(raise LUOSHI_MAX_INPUT_BYTES to read it)\n"
    )


def test_bytes_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_INPUT_BYTES", "1000")
    with pytest.raises(ReadError, match="over the limit of 1000 bytes"):
        read(WUWEI.read_bytes())


def test_docx_unpacking_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_DOCX_UNPACKED_BYTES", "10000")
    with pytest.raises(ReadError, match="over the limit of 10000"):
        read(PROVINCES / "jilin-2025-work-report.docx")


@pytest.mark.parametrize(
    "data",
    [pytest.param(PNG, id="png"), pytest.param(b"", id="empty"), pytest.param(ZIP_BOMB, id="bomb")],
)
def test_bytes_get_the_same_checks_as_files(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"^<bytes>: "):
        read(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    try:
        document = read(data)
    except ReadError:
        return
    assert isinstance(document, Document)
    assert all(0 <= s.start < s.end <= len(document.text) for s in document.sentences)


PREFIXES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", "各位代表：".encode()]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=1024))
def test_bytes_behind_a_magic_number_never_raise_anything_else(prefix: bytes, rest: bytes) -> None:
    with contextlib.suppress(ReadError):
        read(prefix + rest)


# A tag with thousands of attributes: libxml2 compares each with all before it (300k hung
# `luoshi read`). Attributes past the 64th are dropped before parsing; the time is measured by
# benchmarks/hostile.py.
def _crowded_page(attributes: str) -> str:
    body = "<p>城镇新增就业1.5万人。</p>"
    return f'<html><body><div class="content" {attributes}>{body}</div></body></html>'


@pytest.mark.parametrize(
    "attributes",
    [
        pytest.param(" ".join(f'a{i}="x"' for i in range(5000)), id="spaced"),
        pytest.param("".join(f'a{i}="x"' for i in range(5000)), id="one-after-a-quoted-value"),
        pytest.param(" ".join(f"a{i}" for i in range(5000)), id="names-alone"),
        pytest.param(" ".join(f"a{i}=x" for i in range(5000)), id="unquoted-values"),
    ],
)
def test_a_tag_keeps_its_first_64_attributes(attributes: str) -> None:
    page = _crowded_page(attributes)
    (div,) = lxml_html.document_fromstring(parseable(page)).iter("div")
    assert len(div.attrib) == MAX_ATTRIBUTES
    assert div.get("class") == "content"
    assert read(page.encode(), name="page.html").text == "城镇新增就业1.5万人。"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(_crowded_page('id="a" title="b"'), id="few-attributes"),
        pytest.param(
            _crowded_page(f'data-x="{"y" * 10000}"')
            + f'<img src="data:image/png;base64,{"A" * 9000}">',
            id="long-values",
        ),
    ],
)
def test_pages_without_crowded_tags_are_parsed_as_they_are(page: str) -> None:
    assert parseable(page) == page
