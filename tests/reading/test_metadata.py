"""Metadata: 政务公开 fields from label lines and tables, credit codes, dates, speech headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from luoshi.reading import Metadata, read
from luoshi.reading.metadata import (
    apply_fields,
    credit_code_is_valid,
    label_pairs,
    organisation_code_is_valid,
    parse_date,
)
from tests.conftest import WUWEI
from tests.reading.conftest import FIXTURES, NATIONAL, PROVINCES

WUWEI_METADATA: dict[str, Any] = {
    "title": "2022年政府工作报告",
    "index_number": "11622300013930944B/2021-06808",
    "credit_code": "11622300013930944B",
    "credit_code_valid": True,
    "index_year": 2021,
    "index_serial": "06808",
    "disclosure": "主动公开",
    "publisher": "市政府办",
    "category": "政府工作报告",
    "document_number": None,
    "issued": dt.date(2021, 12, 7),
    "written": dt.date(2021, 12, 7),
    "validity": None,
    "source": "武威市人民政府研究室",
    "published": dt.date(2022, 1, 30),
    "views": None,
    "breadcrumb": ["首页", "政府信息公开", "法定主动公开内容", "其他法定信息", "政府工作报告"],
    "delivered": dt.date(2021, 12, 7),
    "session": "武威市第五届人民代表大会第一次会议",
    "speaker": "王国斌",
    "speaker_office": "武威市代市长",
    "plan_year": 2022,
}


@pytest.mark.parametrize(("field", "expected"), WUWEI_METADATA.items(), ids=list(WUWEI_METADATA))
def test_metadata_of_the_city_portal_text(field: str, expected: Any) -> None:
    assert getattr(read(WUWEI).metadata, field) == expected


def test_every_label_is_kept_as_found() -> None:
    fields = read(WUWEI).metadata.fields
    assert fields["文件编号"] == ""
    assert fields["发布日期"] == "2022-01-30 17:09"
    assert list(fields)[:3] == ["索引号", "公开方式", "发布机构"]


HANWEB_TABLE: dict[str, Any] = {
    "title": "2023年古浪县政府工作报告",
    "index_number": "11622300013930944B/2023-00123",
    "credit_code_valid": True,
    "index_year": 2023,
    "disclosure": "主动公开",
    "publisher": "县政府办",
    "category": "政府工作报告",
    "topic": "综合政务",
    "document_number": None,
    "issued": dt.date(2023, 1, 20),
    "written": dt.date(2023, 1, 18),
    "validity": "有效",
    "views": 1024,
    "source": "古浪县人民政府办公室",
    "published": dt.date(2023, 1, 20),
    "breadcrumb": ["首页", "政府信息公开", "法定主动公开内容", "政府工作报告"],
    "delivered": dt.date(2023, 1, 5),
    "session": "古浪县第十九届人民代表大会第三次会议",
    "speaker_office": "古浪县县长",
    "speaker": "张三丰",
    "plan_year": 2023,
}


@pytest.mark.parametrize(("field", "expected"), HANWEB_TABLE.items(), ids=list(HANWEB_TABLE))
def test_metadata_of_a_table_layout_page(field: str, expected: Any) -> None:
    page = (FIXTURES / "hanweb-table.html").read_text(encoding="utf-8")
    document = read(page.encode("gbk"), name="hanweb-table.html")
    assert getattr(document.metadata, field) == expected


@pytest.mark.parametrize(
    "field", ["index_number", "publisher", "issued", "published", "views", "breadcrumb", "speaker"]
)
def test_label_line_page_gives_the_same_fields_as_the_portal_text(field: str) -> None:
    page = read(FIXTURES / "label-lines.html").metadata
    expected = {**WUWEI_METADATA, "views": 356}
    assert getattr(page, field) == expected[field]


# (a header line as portals write it, the (label, value) pairs in it)
LABEL_LINES = [
    pytest.param(
        "索引号: 11622300013930944B/2021-06808 公开方式: 主动公开",
        [("索引号", "11622300013930944B/2021-06808"), ("公开方式", "主动公开")],
        id="two-ascii-colons",
    ),
    pytest.param(
        "发布机构：市政府办　组配分类：政府工作报告",
        [("发布机构", "市政府办"), ("组配分类", "政府工作报告")],
        id="full-width-colons-and-space",
    ),
    pytest.param(
        "文件编号: 发文日期: 2021-12-07",
        [("文件编号", ""), ("发文日期", "2021-12-07")],
        id="empty-value",
    ),
    pytest.param(
        "信息来源：研究室 | 发布时间：2022年1月30日",
        [("信息来源", "研究室"), ("发布时间", "2022年1月30日")],
        id="bar-separated-longest-label-first",
    ),
    pytest.param("数据来源：国家统计局", [], id="label-inside-a-word-is-no-label"),
    pytest.param(
        "发布时间：2022-01-30 17:09 来源：市政府 字号：[大 中 小] 打印",
        [("发布时间", "2022-01-30 17:09"), ("来源", "市政府")],
        id="unknown-label-ends-the-value",
    ),
    pytest.param(
        "索\xa0引\xa0号：000014349/2022-00021\xa0\xa0发\xa0布\xa0机\xa0构：国务院办公厅",
        [("索引号", "000014349/2022-00021"), ("发布机构", "国务院办公厅")],
        id="labels-spaced-with-no-break-spaces",
    ),
    pytest.param(
        "标\u3000\u3000题：政府工作报告\u3000发 文 机 关 ：国务院",
        [("标题", "政府工作报告"), ("发文机关", "国务院")],
        id="labels-spaced-with-ideographic-and-ascii-spaces",
    ),
    pytest.param("数据来\xa0源：国家统计局", [], id="spaced-label-inside-a-word-is-no-label"),
]


@pytest.mark.parametrize(("line", "pairs"), LABEL_LINES)
def test_label_pairs(line: str, pairs: list[tuple[str, str]]) -> None:
    assert label_pairs([line]) == pairs


# (first part of an 索引号, whether its GB 32100-2015 check character is right)
CREDIT_CODES = [
    pytest.param("11622300013930944B", True, id="wuwei-government"),
    pytest.param("11622300013930944C", False, id="wrong-check-character"),
    pytest.param("91350100M000100Y43", True, id="company"),
    pytest.param("11622300013930944", False, id="seventeen-characters"),
    pytest.param("1162230001393O944B", False, id="letter-O-not-in-charset"),
]


@pytest.mark.parametrize(("code", "valid"), CREDIT_CODES)
def test_credit_code_check_character(code: str, valid: bool) -> None:
    assert credit_code_is_valid(code) is valid


@pytest.mark.parametrize(
    ("index_number", "credit_code", "valid", "year", "serial"),
    [
        pytest.param("11622300013930944B/2021-06808", "11622300013930944B", True, 2021, "06808"),
        pytest.param("11622300013930944C/2021-06808", "11622300013930944C", False, 2021, "06808"),
        pytest.param("000014349/2022-00012", None, None, 2022, "00012", id="organisation-code"),
        pytest.param("无", None, None, None, None, id="not-an-index-number"),
    ],
)
def test_index_number_parts(
    index_number: str,
    credit_code: str | None,
    valid: bool | None,
    year: int | None,
    serial: str | None,
) -> None:
    metadata = Metadata()
    apply_fields(metadata, [("索引号", index_number)])
    assert (metadata.credit_code, metadata.credit_code_valid) == (credit_code, valid)
    assert (metadata.index_year, metadata.index_serial) == (year, serial)


# (an 索引号, the organisation code read from it, whether its GB 11714 check character is right)
ORGANISATION_CODES = [
    pytest.param("000014349/2022-00021", "000014349", True, id="state-council"),
    pytest.param("00001434-9/2022-00021", "000014349", True, id="with-hyphen"),
    pytest.param("000014348/2022-00021", "000014348", False, id="wrong-check-character"),
    pytest.param("00000006-X/2022-00001", "00000006X", True, id="check-character-X"),
    pytest.param("11622300013930944B/2021-06808", "013930944", True, id="inside-a-credit-code"),
    pytest.param("0000143/2022-00021", None, None, id="too-short-for-a-code"),
]


@pytest.mark.parametrize(("index_number", "code", "valid"), ORGANISATION_CODES)
def test_organisation_code_of_an_index_number(
    index_number: str, code: str | None, valid: bool | None
) -> None:
    metadata = Metadata()
    apply_fields(metadata, [("索引号", index_number)])
    assert (metadata.organisation_code, metadata.organisation_code_valid) == (code, valid)
    assert (metadata.index_year, metadata.index_serial) == (
        int(index_number.split("/")[1][:4]),
        index_number.rsplit("-", 1)[1],
    )


def test_organisation_code_check_character_needs_nine_characters() -> None:
    assert not organisation_code_is_valid("00001434")
    assert not organisation_code_is_valid("0000143490")


# The State Council's page (gov.cn): labels spaced with no-break spaces in table cells.
STATE_COUNCIL_PAGE = """<html><head><title>政府工作报告_国务院文件</title></head><body>
<table class="bd1">
<tr><td><b>索\u00a0\u00a0引\u00a0\u00a0号：</b></td><td>000014349/2022-00021</td>
<td><b>主题分类：</b></td><td>综合政务\\其他</td></tr>
<tr><td><b>发\u00a0文\u00a0机\u00a0关：</b></td><td>国务院</td>
<td><b>成文日期：</b></td><td>2022年03月12日</td></tr>
<tr><td><b>标\u3000\u3000题：</b></td><td>政府工作报告</td></tr>
<tr><td><b>发\u00a0布\u00a0日\u00a0期：</b></td><td>2022年03月12日</td></tr>
</table>
<div id="UCAP-CONTENT"><p>政府工作报告</p>
<p>——2022年3月5日在第十三届全国人民代表大会第五次会议上</p>
<p>各位代表：</p><p>今年发展主要预期目标是：城镇新增就业1100万人以上。</p></div>
</body></html>"""


def test_state_council_page_with_spaced_labels_and_an_organisation_code() -> None:
    metadata = read(STATE_COUNCIL_PAGE.encode(), name="content.html").metadata
    assert metadata.index_number == "000014349/2022-00021"
    assert (metadata.organisation_code, metadata.organisation_code_valid) == ("000014349", True)
    assert (metadata.credit_code, metadata.index_year, metadata.index_serial) == (
        None,
        2022,
        "00021",
    )
    assert metadata.issuing_authority == "国务院"
    assert metadata.written == dt.date(2022, 3, 12)
    assert metadata.published == dt.date(2022, 3, 12)
    assert metadata.title == "政府工作报告"
    assert list(metadata.fields)[:3] == ["索引号", "主题分类", "发文机关"]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2021-12-07", dt.date(2021, 12, 7)),
        ("2022-01-30 17:09", dt.date(2022, 1, 30)),
        ("2021年12月7日", dt.date(2021, 12, 7)),
        ("2021/12/07", dt.date(2021, 12, 7)),
        ("2021.12.7", dt.date(2021, 12, 7)),
        ("2021-13-45", None),
        ("", None),
    ],
)
def test_dates_become_iso_dates(written: str, date: dt.date | None) -> None:
    assert parse_date(written) == date


# (report, delivered, session, office, speaker, plan year)
SPEECH_HEADERS = [
    pytest.param(
        NATIONAL / "national-2023-work-report.txt",
        dt.date(2023, 3, 5),
        "第十四届全国人民代表大会第一次会议",
        "国务院总理",
        "李克强",
        2023,
        id="national-name-on-next-line",
    ),
    pytest.param(
        PROVINCES / "qinghai-2025-work-report.txt",
        dt.date(2025, 1, 19),
        "青海省第十四届人民代表大会第三次会议",
        "代省长",
        "罗东川",
        2025,
        id="space-inside-session",
    ),
    pytest.param(
        PROVINCES / "xinjiang-2025-work-report.txt",
        dt.date(2025, 1, 19),
        "新疆维吾尔自治区第十四届人民代表大会第三次会议",
        "自治区主席",
        "艾尔肯·吐尼亚孜",
        2025,
        id="name-with-middle-dot",
    ),
    pytest.param(
        PROVINCES / "hebei-2025-work-report.docx",
        dt.date(2025, 1, 13),
        "河北省第十四届人民代表大会第三次会议",
        "河北省人民政府省长",
        "王正谱",
        2025,
        id="speaker-inside-delivery-line",
    ),
    pytest.param(
        PROVINCES / "hainan-2025-work-report.txt",
        dt.date(2025, 1, 14),
        "海南省第七届人民代表大会第四次会议",
        "海南省省长",
        "刘小明",
        2025,
        id="speaker-before-session",
    ),
]


@pytest.mark.parametrize(
    ("path", "delivered", "session", "office", "speaker", "plan_year"), SPEECH_HEADERS
)
def test_speech_header(
    path: Path, delivered: dt.date, session: str, office: str, speaker: str, plan_year: int
) -> None:
    metadata = read(path).metadata
    assert (metadata.delivered, metadata.session) == (delivered, session)
    assert (metadata.speaker_office, metadata.speaker) == (office, speaker)
    assert metadata.plan_year == plan_year


# (the report's opening, the plan year it gives)
PLAN_YEARS = [
    pytest.param(
        "——2021年12月7日在某市人民代表大会第一次会议上\n各位代表：\n", 2022, id="december"
    ),
    pytest.param("——2023年1月5日在某县人民代表大会第三次会议上\n各位代表：\n", 2023, id="january"),
    pytest.param(
        "——二〇二三年十二月七日在某市人民代表大会第三次会议上\n各位代表：\n",
        2024,
        id="date-in-chinese-numerals",
    ),
    pytest.param("2022年政府工作报告\n各位代表：\n", 2022, id="title"),
    pytest.param("各位代表：\n一、2021年工作回顾\n二、2022年工作任务\n", 2022, id="task-heading"),
    pytest.param("各位代表：\n全年增长5%。\n", None, id="nothing-to-go-on"),
]


@pytest.mark.parametrize(("text", "plan_year"), PLAN_YEARS)
def test_plan_year(text: str, plan_year: int | None) -> None:
    assert read(text.encode(), name="report.txt").metadata.plan_year == plan_year


def test_to_dict_gives_iso_dates_and_json_ready_data() -> None:
    data = read(WUWEI).to_dict()
    assert data["metadata"]["delivered"] == "2021-12-07"
    assert data["outline"][0]["title"] == "过去五年和2021年工作回顾"
    assert data["sentences"][0] == {
        "start": data["sentences"][0]["start"],
        "end": data["sentences"][0]["end"],
    }
