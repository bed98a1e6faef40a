"""Each format read into the canonical text: txt unchanged, docx as python-docx reads it,
HTML in any Chinese encoding without mojibake, PDF from its text layer."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from luoshi.reading import read
from tests.conftest import GOLD, WUWEI
from tests.reading.conftest import FIXTURES, PROVINCES

PROVINCE_DOCX = sorted(PROVINCES.glob("*.docx"))
ARABIC = re.compile(r"\d+(?:\.\d+)?")


def test_txt_text_is_the_file_unchanged() -> None:
    document = read(WUWEI)
    assert document.format == "txt"
    assert document.encoding == "utf-8"
    assert document.text == WUWEI.read_text(encoding="utf-8")


def test_gold_offsets_hold_on_the_txt_text() -> None:
    text = read(WUWEI).text
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    wrong = [r for r in records if not _is_number_written(text, r)]
    assert len(records) == 260
    assert not wrong


def _is_number_written(text: str, record: dict[str, Any]) -> bool:
    """The span lies inside the record's quote where it stands, and reads as its value."""
    start, end, quote = record["start"], record["end"], record["quote"]
    quote_start = text.rfind(quote, 0, start + len(quote))  # the last one starting by ``start``
    if quote_start == -1 or quote_start + len(quote) < end:
        return False
    digits = text[start:end].rstrip("万亿千百")
    if "value_max" in record or not ARABIC.fullmatch(digits):
        return True  # ranges and Chinese numerals: the placement check above is what holds
    return float(digits) == record["value"]


def test_every_province_file_has_its_text_twin() -> None:
    # The corpus grows (22 provinces now): each .docx is compared with its .txt below.
    assert len(PROVINCE_DOCX) >= 20
    assert all(path.with_suffix(".txt").is_file() for path in PROVINCE_DOCX)


@pytest.mark.parametrize("path", PROVINCE_DOCX, ids=lambda p: p.stem.split("-")[0])
def test_docx_text_equals_its_txt_twin(path: Path) -> None:
    document = read(path)
    assert document.format == "docx"
    assert document.text == path.with_suffix(".txt").read_text(encoding="utf-8")


def test_docx_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.bin"
    renamed.write_bytes((PROVINCES / "hebei-2025-work-report.docx").read_bytes())
    assert read(renamed).format == "docx"


DOCX_LINES = ("2023年政府工作报告", "各位代表：", "一、2022年工作回顾", "全年新增就业1.2万人。")


def test_generated_docx_paragraphs_are_joined_by_newlines() -> None:
    docx = pytest.importorskip("docx")
    word = docx.Document()
    for paragraph in DOCX_LINES:
        word.add_paragraph(paragraph)
    buffer = io.BytesIO()
    word.save(buffer)
    document = read(buffer.getvalue(), name="generated.docx")
    assert document.format == "docx"
    assert document.text == "\n".join(DOCX_LINES)
    assert [node.title for node in document.outline] == ["一、2022年工作回顾"]


def test_generated_docx_tables_are_read_in_place_one_row_a_line() -> None:
    """An appendix laid out as a table (民生实事 with 年度目标) is text like the paragraphs
    around it, one row a line, cells joined by a space as on an HTML page; a merged cell once."""
    docx = pytest.importorskip("docx")
    word = docx.Document()
    word.add_paragraph("附件1")
    table = word.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [("序号", "年度目标", "牵头单位"), ("1", "新增普惠托位1万个", "省卫生健康委")],
        strict=False,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[2])
    merged.text = "以上由各市负责"
    word.add_paragraph("附件2 名词解释")
    buffer = io.BytesIO()
    word.save(buffer)
    document = read(buffer.getvalue(), name="generated.docx")
    assert document.text.split("\n") == [
        "附件1",
        "序号 年度目标 牵头单位",
        "1 新增普惠托位1万个 省卫生健康委",
        "以上由各市负责",
        "附件2 名词解释",
    ]


PDF_LINES = (*DOCX_LINES[:3], "全年新增就业1.2万人，粮食产量105万吨。")


def _pdf(lines: tuple[str, ...], *, encrypt: object = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    page.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        page.drawString(72, 760 - 24 * i, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_pdf_text_layer_is_read_back() -> None:
    document = read(_pdf(PDF_LINES), name="generated.pdf")
    assert document.format == "pdf"
    assert [document.text[p.start : p.end] for p in document.paragraphs] == list(PDF_LINES)
    assert [node.title for node in document.outline] == ["一、2022年工作回顾"]
    assert document.metadata.plan_year == 2023


# HTML pages in the layouts portals use, saved in the encodings portals serve.
# (fixture, encoding, what the <meta charset> says: None = remove it)
HTML_ENCODINGS = [
    pytest.param("hanweb-table.html", "utf-8", "utf-8", id="table-utf8"),
    pytest.param("hanweb-table.html", "gbk", "gbk", id="table-gbk-declared"),
    pytest.param("hanweb-table.html", "gbk", None, id="table-gbk-undeclared"),
    pytest.param("hanweb-table.html", "gb18030", "gb2312", id="table-gb18030-declared-gb2312"),
    pytest.param("hanweb-table.html", "gbk", "utf-8", id="table-gbk-wrongly-declared-utf8"),
    pytest.param("label-lines.html", "utf-8", "gbk", id="lines-utf8-wrongly-declared-gbk"),
    pytest.param("label-lines.html", "gbk", None, id="lines-gbk-undeclared"),
    pytest.param("label-lines.html", "utf-8", None, id="lines-utf8-undeclared"),
    pytest.param("label-lines.html", "utf-8-sig", "utf-8", id="lines-utf8-with-bom"),
]


@pytest.mark.parametrize(("fixture", "encoding", "declared"), HTML_ENCODINGS)
def test_html_decodes_whatever_the_meta_charset_says(
    fixture: str, encoding: str, declared: str | None
) -> None:
    page = (FIXTURES / fixture).read_text(encoding="utf-8")
    page = _declare(page, declared)
    document = read(page.encode(encoding), name=fixture)
    expected = read(page.encode("utf-8"), name=fixture)
    assert document.format == "html"
    assert document.text == expected.text
    assert "各位代表" in document.text


def _declare(page: str, charset: str | None) -> str:
    for declared in ('charset=utf-8"', 'charset="utf-8"'):
        replacement = f'charset={charset}"' if charset else '"'
        page = page.replace(declared, replacement)
    return page


PAGE_JUNK = ("站内搜索", "互动交流", "版权所有", "ICP备", "document.write", "color: red", "分享到")


@pytest.mark.parametrize("fixture", ["hanweb-table.html", "label-lines.html"])
def test_html_text_drops_navigation_headers_footers_and_scripts(fixture: str) -> None:
    text = read(FIXTURES / fixture).text
    for junk in PAGE_JUNK:
        assert junk not in text
    assert "索引号" not in text or fixture == "label-lines.html"


def test_html_text_has_one_paragraph_per_line() -> None:
    lines = read(FIXTURES / "label-lines.html").text.splitlines()
    assert lines[:4] == [
        "2022年政府工作报告",
        "——2021年12月7日在武威市第五届人民代表大会第一次会议上",
        "武威市代市长 王国斌",
        "各位代表:",
    ]
    assert lines[-2:] == [
        "做优现代农业。新增高标准农田20万亩。",
        "做强生态工业。规上工业增加值增长12.5%。",
    ]


@pytest.mark.parametrize(
    ("body", "encoding"),
    [
        pytest.param("各位代表：\n一、2022年工作回顾\n新增就业1.2万人。\n", "gbk", id="gbk"),
        pytest.param("各位代表：\n一、2022年工作回顾\n新增就业1万人。\n", "gb18030", id="gb18030"),
        pytest.param("各位代表：\r\n全年新增就业1.2万人。\r\n", "utf-8", id="crlf-kept"),
        pytest.param("各位代表：\n全年新增就业1.2万人。\n", "utf-16", id="utf16-bom"),
        pytest.param("各位代表：\n全年新增就業1.2萬人。\n", "big5", id="big5-traditional"),
    ],
)
def test_txt_in_chinese_encodings_is_decoded_exactly(body: str, encoding: str) -> None:
    document = read(body.encode(encoding), name="report.txt")
    assert document.format == "txt"
    assert document.text == body


WRAPPED_PAGE = (
    "　　现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政",
    "协委员提出意见。",
    "一、2022年工作回顾",
    "　　做优现代农业。坚持绿色有机、节水高效发展方向，培优三大特色",
    "产业带，新增高标准农田20万亩。",
    "　　做强生态工业。强化制造业对工业经济的支撑作用，实施加快工业",
    "发展六项行动，规上工业增加值增长12.5%。",
)


def test_pdf_lines_wrapped_at_the_page_width_are_joined_and_page_numbers_dropped() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for number in (1, 2):
        page.setFont("STSong-Light", 12)
        for i, line in enumerate(WRAPPED_PAGE):
            page.drawString(72, 760 - 20 * i, line)
        page.drawString(300, 40, f"— {number} —")
        page.showPage()
    page.save()
    document = read(buffer.getvalue(), name="wrapped.pdf")
    paragraphs = [document.text[p.start : p.end] for p in document.paragraphs]
    assert paragraphs[:4] == [
        "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政\n协委员提出意见。",
        "一、2022年工作回顾",
        "做优现代农业。坚持绿色有机、节水高效发展方向，培优三大特色\n产业带，新增高标准农田20万亩。",
        "做强生态工业。强化制造业对工业经济的支撑作用，实施加快工业\n发展六项行动，规上工业增加值增长12.5%。",
    ]
    assert "— 1 —" not in document.text
    assert [n.title for n in document.outline[0].children] == ["做优现代农业", "做强生态工业"]


def test_pdf_locked_by_an_owner_password_only_is_read() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    locked = _pdf(PDF_LINES, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    assert read(locked, name="owner-locked.pdf").text.splitlines() == list(PDF_LINES)
