"""The .docx reader (zipfile + lxml) reads the text python-docx reads, on every corpus .docx and
on the parts of WordprocessingML that are easy to get wrong: breaks, tabs, hyperlinks, fields,
tracked changes, content controls, merged table cells.

python-docx (a development dependency since) is the reference: ``python_docx_text``
(python_docx_reference.py) is the reader luoshi had before, so the text, the document ids and
every offset stay as they were.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.errors import ReadError
from luoshi.reading import read
from luoshi.reading.docx import docx_text
from tests.conftest import CORPUS
from tests.reading.python_docx_reference import python_docx_text

docx = pytest.importorskip("docx")

CORPUS_DOCX = sorted(CORPUS.rglob("*.docx"))


def test_the_corpus_has_docx_files() -> None:
    assert len(CORPUS_DOCX) >= 20


@pytest.mark.parametrize("path", CORPUS_DOCX, ids=lambda p: p.stem)
def test_corpus_docx_reads_as_python_docx_reads_it(path: Path) -> None:
    data = path.read_bytes()
    assert docx_text(data, path.name) == python_docx_text(data)


_BODY = re.compile(r"<w:body>.*?(<w:sectPr.*?</w:sectPr>)?</w:body>", re.S)


def word_file(body: str) -> bytes:
    """python-docx's blank document with ``body`` (WordprocessingML, ``w:`` and ``r:``
    prefixes declared) as its body."""
    stream = io.BytesIO()
    docx.Document().save(stream)
    out = io.BytesIO()
    with zipfile.ZipFile(stream) as blank, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in blank.namelist():
            data = blank.read(name)
            if name == "word/document.xml":
                xml = data.decode()
                xml = _BODY.sub(lambda m: f"<w:body>{body}{m[1] or ''}</w:body>", xml)
                data = xml.encode()
            new.writestr(name, data)
    return out.getvalue()


def p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def r(*content: str) -> str:
    return f"<w:r>{''.join(content)}</w:r>"


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


def tc(*paragraphs: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if merge is None else "<w:vMerge/>" if merge == "" else f'<w:vMerge w:val="{merge}"/>'
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or p()}</w:tc>"


def cell(text: str) -> str:
    return tc(p(r(t(text))))


def tr(*cells: str, before: int = 0) -> str:
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


@dataclass(frozen=True)
class Case:
    """A document body and the text both readers give it."""

    id: str
    body: str
    text: str


CASES = [
    # runs and what they hold
    Case("paragraphs", p(r(t("各位代表："))) + p(r(t("一、工作回顾"))), "各位代表：\n一、工作回顾"),
    Case("empty-paragraph", p(r(t("甲"))) + p() + p(r(t("乙"))), "甲\n\n乙"),
    Case("runs-joined", p(r(t("新增就业")), r(t("1.2")), r(t("万人"))), "新增就业1.2万人"),
    Case("tab-and-ptab", p(r(t("序号"), "<w:tab/>", t("指标"), "<w:ptab/>")), "序号\t指标\t"),
    Case("line-break", p(r(t("第一行"), "<w:br/>", t("第二行"))), "第一行\n第二行"),
    Case("page-break", p(r(t("前"), '<w:br w:type="page"/>', t("后"))), "前后"),
    Case("column-break", p(r(t("前"), '<w:br w:type="column"/>', t("后"))), "前后"),
    Case("wrap-break", p(r(t("前"), '<w:br w:type="textWrapping"/>', t("后"))), "前\n后"),
    Case("carriage-return", p(r(t("前"), "<w:cr/>", t("后"))), "前\n后"),
    Case("no-break-hyphen", p(r(t("COVID"), "<w:noBreakHyphen/>", t("19"))), "COVID-19"),
    Case("soft-hyphen-dropped", p(r(t("a"), "<w:softHyphen/>", t("b"))), "ab"),
    Case("symbol-dropped", p(r(t("a"), '<w:sym w:font="Wingdings" w:char="F0FC"/>')), "a"),
    Case("empty-text", p(r("<w:t/>", t("x"))), "x"),
    Case("spaces-kept", p(r(t("  两端空格  "))), "  两端空格  "),
    Case("blank-text-unpreserved", p(r("<w:t> </w:t>")), " "),
    Case("run-properties", p(r("<w:rPr><w:b/></w:rPr>", t("粗体"))), "粗体"),
    Case(
        "tab-stops-not-text",
        p('<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>', r(t("x"))),
        "x",
    ),
    # what wraps runs
    Case(
        "hyperlink",
        p(r(t("详见")), '<w:hyperlink r:id="rId9">', r(t("政府网")), r(t("站")), "</w:hyperlink>"),
        "详见政府网站",
    ),
    Case(
        "hyperlink-with-break",
        p('<w:hyperlink w:anchor="x">', r(t("甲"), "<w:br/>", t("乙")), "</w:hyperlink>"),
        "甲\n乙",
    ),
    Case(
        "simple-field-not-read",
        p(r(t("第")), '<w:fldSimple w:instr="PAGE">', r(t("3")), "</w:fldSimple>", r(t("页"))),
        "第页",
    ),
    Case(
        "complex-field-result-read",
        p(
            r(t("见")),
            r('<w:fldChar w:fldCharType="begin"/>'),
            r('<w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText>'),
            r('<w:fldChar w:fldCharType="separate"/>'),
            r(t("附件1")),
            r('<w:fldChar w:fldCharType="end"/>'),
        ),
        "见附件1",
    ),
    Case(
        "tracked-changes-not-read",
        p(
            r(t("增长")),
            '<w:ins w:id="1" w:author="a">',
            r(t("6%")),
            "</w:ins>",
            '<w:del w:id="2" w:author="a"><w:r><w:delText>5%</w:delText></w:r></w:del>',
        ),
        "增长",
    ),
    Case(
        "smart-tag-not-read",
        p('<w:smartTag w:uri="u" w:element="e">', r(t("x")), "</w:smartTag>", r(t("y"))),
        "y",
    ),
    Case(
        "inline-content-control-not-read",
        p("<w:sdt><w:sdtContent>", r(t("x")), "</w:sdtContent></w:sdt>", r(t("y"))),
        "y",
    ),
    Case(
        "body-content-control-not-read",
        "<w:sdt><w:sdtContent>" + p(r(t("目录"))) + "</w:sdtContent></w:sdt>" + p(r(t("正文"))),
        "正文",
    ),
    Case(
        "bookmarks-comments-footnotes",
        p(
            '<w:bookmarkStart w:id="0" w:name="b"/>',
            r(t("甲")),
            '<w:bookmarkEnd w:id="0"/>',
            '<w:commentRangeStart w:id="1"/>',
            r(t("乙")),
            '<w:commentRangeEnd w:id="1"/>',
            r('<w:commentReference w:id="1"/>'),
            r('<w:footnoteReference w:id="2"/>'),
            r(t("丙")),
        ),
        "甲乙丙",
    ),
    Case("xml-comments-and-instructions", p("<!-- c -->", r(t("甲"), "<?pi x?>", t("乙"))), "甲乙"),
    Case(
        "pretty-printed",
        "\n  " + p("\n    ", r("\n      ", t("甲"), "\n    "), "\n  ") + "\n",
        "甲",
    ),
    # tables
    Case(
        "table",
        p(r(t("附件1")))
        + tbl(tr(cell("序号"), cell("目标")), tr(cell("1"), cell("新增托位1万个")))
        + p(r(t("附件2"))),
        "附件1\n序号 目标\n1 新增托位1万个\n附件2",
    ),
    Case(
        "table-empty-cells-and-paragraphs",
        tbl(tr(tc(p(r(t(" 甲 "))), p(r(t("乙")))), tc(p()), tc(p(r(t("丙")))))),
        "甲  乙 丙",
    ),
    Case(
        "table-column-span-once",
        tbl(tr(tc(p(r(t("合计"))), span=2), tc(p(r(t("10")))))),
        "合计 10",
    ),
    Case(
        "table-vertical-merge-repeated",
        tbl(
            tr(tc(p(r(t("教育"))), merge="restart"), tc(p(r(t("新建学校"))))),
            tr(tc(merge=""), tc(p(r(t("改造校舍"))))),
            tr(tc(merge="continue"), tc(p(r(t("招聘教师"))))),
        ),
        "教育 新建学校\n教育 改造校舍\n教育 招聘教师",
    ),
    Case(
        "table-vertical-merge-of-a-span",
        tbl(
            tr(tc(p(r(t("甲"))), span=2, merge="restart"), tc(p(r(t("1"))))),
            tr(tc(span=2, merge="continue"), tc(p(r(t("2"))))),
        ),
        "甲 1\n甲 2",
    ),
    Case(
        "table-grid-before",
        tbl(
            tr(tc(p(r(t("甲")))), tc(p(r(t("乙"))), merge="restart")),
            tr(tc(merge="continue"), before=1),
        ),
        "甲 乙\n乙",
    ),
    Case(
        "table-nested-not-read",
        tbl(tr(tc(p(r(t("外"))), tbl(tr(tc(p(r(t("内")))))), p()))),
        "外",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_tricky_docx_reads_as_python_docx_reads_it(case: Case) -> None:
    data = word_file(case.body)
    assert python_docx_text(data) == case.text
    assert docx_text(data, "tricky.docx") == case.text


# Pieces of a body, combined at random: each reader must agree on every combination.
PIECES = [case.body for case in CASES]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_any_combination_reads_as_python_docx_reads_it(pieces: list[str]) -> None:
    data = word_file("".join(pieces))
    assert docx_text(data, "mixed.docx") == python_docx_text(data)


# Where python-docx stopped with an exception, the reader reads on.
MALFORMED_TABLES = [
    pytest.param(
        tbl(tr(tc(p(r(t("甲"))), merge="continue")), tr(tc(p()))), "甲\n", id="continue-first-row"
    ),
    pytest.param(
        tbl(tr(tc(p(r(t("甲"))), span=2)), tr(tc(p()), tc(p(r(t("乙"))), merge="continue"))),
        "甲\n乙",
        id="continue-with-nothing-above",
    ),
    pytest.param(
        tbl(tr('<w:tc><w:tcPr><w:gridSpan w:val="two"/></w:tcPr><w:p/></w:tc>')), "", id="bad-span"
    ),
]


@pytest.mark.parametrize(("body", "text"), MALFORMED_TABLES)
def test_malformed_merges_read_each_cell_as_itself(body: str, text: str) -> None:
    assert docx_text(word_file(body), "odd.docx") == text


def _replace_member(data: bytes, name: str, content: bytes, **how: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for member in old.namelist():
            if member != name:
                new.writestr(member, old.read(member), zipfile.ZIP_DEFLATED)
        new.writestr(name, content, **how)
    return out.getvalue()


def test_only_the_main_part_is_unpacked() -> None:
    """A damaged image (or any other member) does not stop the text being read."""
    data = _replace_member(word_file(p(r(t("正文")))), "word/media/image1.png", b"\x89PNG" * 10)
    broken = bytearray(data)
    at = bytes(broken).find(b"\x89PNG")
    broken[at : at + 4] = b"XXXX"  # stored, so the CRC no longer matches what is read
    assert docx_text(bytes(broken), "with-image.docx") == "正文"


def test_a_damaged_main_part_is_a_read_error() -> None:
    body = p(r(t("正文" * 2000)))
    xml = word_file(body)
    with zipfile.ZipFile(io.BytesIO(xml)) as archive:
        main = archive.read("word/document.xml")
    data = bytearray(
        _replace_member(xml, "word/document.xml", main, compress_type=zipfile.ZIP_STORED)
    )
    at = bytes(data).find("正文".encode())
    data[at : at + 6] = "反文".encode()  # stored: unpacks, but its CRC-32 is wrong
    with pytest.raises(
        ReadError,
        match=r"^damaged\.docx: is a damaged \.docx: word/document\.xml cannot be unpacked \(Bad",
    ):
        read(bytes(data), name="damaged.docx")


def test_a_main_part_that_is_not_xml_is_a_read_error() -> None:
    data = _replace_member(word_file(p()), "word/document.xml", "各位代表".encode())
    with pytest.raises(ReadError, match=r"not a readable \.docx file"):
        read(data, name="notxml.docx")


def test_a_main_part_without_a_body_is_a_read_error() -> None:
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    data = _replace_member(word_file(p()), "word/document.xml", xml)
    with pytest.raises(ReadError, match="has no w:body"):
        read(data, name="nobody.docx")
