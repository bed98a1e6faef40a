"""The timeline: which stretches of a report review the past and which set goals, and the years."""

from __future__ import annotations

import pytest

import luoshi
from luoshi.extraction.context import Mode, timeline
from tests.conftest import CORPUS, WUWEI


def modes(document, *phrases):
    tl = timeline(document)
    return [tl.mode_at(document.text.index(phrase)) for phrase in phrases]


def test_city_report_with_five_years_on_both_sides():
    document = luoshi.read(WUWEI)
    tl = timeline(document)
    assert (tl.plan_year, tl.delivered_year, tl.review_term, tl.plan_term) == (
        2022, 2021, (2017, 2021), (2022, 2026)
    )  # fmt: skip
    phrases = ("索引号", "全市生产总值由2016年", "前三季度", "全市生产总值突破800亿元",
               "地区生产总值增长7%", "城镇新增就业1.5万人")  # fmt: skip
    expected = [Mode.PREAMBLE, Mode.REVIEW_TERM, Mode.REVIEW_YEAR, Mode.PLAN_TERM,
                Mode.PLAN_YEAR, Mode.PLAN_YEAR]  # fmt: skip
    assert modes(document, *phrases) == expected


def test_state_council_reviews_one_year_then_five():
    document = luoshi.read(CORPUS / "national" / "national-2023-work-report.txt")
    tl = timeline(document)
    assert (tl.plan_year, tl.review_term) == (2023, (2018, 2022))
    expected = [Mode.REVIEW_YEAR, Mode.REVIEW_TERM, Mode.PLAN_YEAR]
    assert modes(document, "过去一年", "过去五年极不寻常", "今年发展主要预期目标") == expected


# The reports whose speech is followed by appendices or a glossary, and what comes first.
CLOSINGS = {
    "guangdong-2025-work-report.txt": Mode.TITLE,  # 附件1 / 2025年省十件民生实事
    "sichuan-2025-work-report.txt": Mode.GLOSSARY,  # 名词解释
}
PROVINCES = sorted(p.name for p in (CORPUS / "provinces-2025").glob("*.txt"))


@pytest.mark.parametrize("name", PROVINCES)
def test_province_reviews_last_year_then_plans_this_one(name):
    """Sections inside a part (（五）重点领域改革…) and lead-ins (一年来，按照…部署要求：) never
    turn it; the plan starts at the part heading 二、…2025年…"""
    document = luoshi.read(CORPUS / "provinces-2025" / name)
    tl = timeline(document)
    assert tl.plan_year == 2025
    speech = [
        zone.mode
        for zone in tl.zones
        if tl.closing_start in (None, zone.start) or zone.start < tl.closing_start
    ]
    assert speech[:2] == [Mode.REVIEW_YEAR, Mode.PLAN_YEAR]
    assert speech[2:] == ([] if tl.closing_start is None else [CLOSINGS[name]])
    plan = document.text[tl.zones[1].start :].lstrip(" \u3000\u2003")
    heading = plan.split("\n", 1)[0]
    # 二、2025年工作安排, or a bare part line (Sichuan: 2025年工作安排建议)
    assert "2025年" in heading and (heading.startswith("二、") or "。" not in heading)


def test_the_years_tasks_open_with_the_first_numbered_section_after_the_outlook():
    text = (
        "——2023年12月20日在某市第六届人民代表大会第一次会议上\n各位代表：\n"
        "今后五年发展目标和2024年工作任务\n今后五年，全市生产总值年均增长6%。\n"
        "（一）加快产业转型。新建高标准农田20万亩。\n"
    )
    document = luoshi.read(text.encode())
    assert modes(document, "全市生产总值年均", "新建高标准农田") == [Mode.PLAN_TERM, Mode.PLAN_YEAR]
    farmland = next(f for f in luoshi.extract(document) if f.indicator == "新建高标准农田")
    assert (farmland.kind, farmland.period) == ("target", "2024")


def test_plan_year_from_a_spring_or_a_december_speech():
    spring = luoshi.read(
        "——2025年1月14日在某省第十四届人民代表大会第三次会议上\n各位代表：\n".encode()
    )
    december = luoshi.read(
        "——2021年12月7日在某市第五届人民代表大会第一次会议上\n各位代表：\n".encode()
    )
    assert timeline(spring).plan_year == 2025
    assert timeline(december).plan_year == 2022


def test_a_report_without_part_headings_turns_to_the_plan_at_the_plan_years_paragraph():
    text = (
        "政府工作报告\n——2024年1月10日在XX区第三届人民代表大会第四次会议上\n各位代表：\n"
        "2023年，全区地区生产总值增长5%。\n2023年以来，累计新建学校3所。\n"
        "2024年，全区地区生产总值增长6%左右。\n"
    )
    document = luoshi.read(text.encode())
    assert modes(document, "2023年，全区", "2023年以来", "2024年，全区") == [
        Mode.REVIEW_YEAR, Mode.REVIEW_YEAR, Mode.PLAN_YEAR
    ]  # fmt: skip


def test_years_in_chinese_digits_set_the_plan_year_and_the_parts():
    text = (
        "政府工作报告\n各位代表：\n一、二〇二三年工作回顾\n全年地区生产总值增长5%。\n"
        "二、二〇二四年工作安排\n地区生产总值增长6%左右。\n"
    )
    document = luoshi.read(text.encode())
    assert timeline(document).plan_year == 2024
    assert modes(document, "全年", "地区生产总值增长6%") == [Mode.REVIEW_YEAR, Mode.PLAN_YEAR]


def closing_modes(text):
    document = luoshi.read(text.encode())
    tl = timeline(document)
    after = [
        zone for zone in tl.zones if tl.closing_start is not None and zone.start >= tl.closing_start
    ]
    return [(zone.mode, document.text[zone.start :].strip().split("\n", 1)[0]) for zone in after]


SPEECH = (
    "XX省政府工作报告\n——2025年1月20日在XX省第十四届人民代表大会第三次会议上\n各位代表：\n"
    "一、2024年工作回顾\n全省生产总值增长5%。\n二、2025年工作安排\n新建学校5所。\n"
    "各位代表！让我们团结奋斗。\n"
)


def test_guangdong_appendix_then_glossary():
    document = luoshi.read(CORPUS / "provinces-2025" / "guangdong-2025-work-report.txt")
    tl = timeline(document)
    after = [(z.mode, document.text[z.start : z.start + 12].strip()) for z in tl.zones[2:]]
    assert [mode for mode, _ in after] == [Mode.TITLE, Mode.PLAN_YEAR, Mode.GLOSSARY]
    assert after[0][1].startswith("附件1") and after[2][1].startswith("附件2 名词解释")


def test_an_appendix_title_on_the_marker_line_says_what_it_holds():
    text = SPEECH + "附件：2024年主要指标完成情况回顾\n全省粮食产量达到700亿斤。\n"
    assert closing_modes(text) == [
        (Mode.TITLE, "附件：2024年主要指标完成情况回顾"),
        (Mode.REVIEW_YEAR, "全省粮食产量达到700亿斤。"),
    ]


def test_a_glossary_heading_alone_opens_a_glossary():
    text = SPEECH + "名词注释\n1.“双百”行动：建设100个示范村。\n"
    assert closing_modes(text) == [(Mode.GLOSSARY, "名词注释")]


def test_numbered_entries_without_a_heading_are_a_glossary():
    entries = "1.“两重”：国家重大战略实施。\n2.“两新”：设备更新。\n\n3.分线管理：一线放开。\n"
    assert closing_modes(SPEECH + entries) == [(Mode.GLOSSARY, "1.“两重”：国家重大战略实施。")]


@pytest.mark.parametrize(
    "entries",
    [
        "1.托育服务：新增托位1万个。\n2.养老服务：新增床位2000张。\n3.就业服务：新增岗位5万个。\n",
        "1.“两重”：国家重大战略实施。\n2.“两新”：设备更新。\n4.分线管理：一线放开。\n",
        "1.“两重”：国家重大战略实施。\n2.“两新”：设备更新。\n",
        "2025年十件民生实事\n1.“一老一小”：新增托位1万个。\n2.“暖心就业”：新增岗位5万个。\n"
        "3.“放心消费”：抽检食品4万批次。\n",
    ],
    ids=["no-quoted-term", "numbers-skip", "two-entries", "under-a-title"],
)
def test_a_numbered_list_is_no_glossary_unless_it_reads_as_one(entries):
    assert closing_modes(SPEECH + entries) == []


def test_numbered_entries_inside_the_speech_are_not_a_glossary():
    entries = "1.“两重”：国家重大战略实施。\n2.“两新”：设备更新。\n3.“三农”：农业农村农民。\n"
    text = SPEECH.replace("新建学校5所。\n", "新建学校5所。\n" + entries)
    assert closing_modes(text) == []


def test_the_next_speech_of_reports_joined_ends_the_glossary():
    """A corpus joined in one text: the next report's 各位代表 ends the glossary before it."""
    glossary = "名词解释\n1.“双百”行动：建设100个示范村。\n"
    text = SPEECH + glossary + SPEECH
    document = luoshi.read(text.encode())
    tl = timeline(document)
    second = text.index("各位代表：", len(SPEECH))
    assert tl.closings == [(len(SPEECH), second)]
    assert tl.after_speech(text.index("双百")) and not tl.after_speech(text.rindex("新建学校"))
    assert modes(document, "新建学校") == [Mode.PLAN_YEAR]
    assert tl.mode_at(text.rindex("新建学校")) is Mode.PLAN_YEAR
    assert tl.mode_at(text.rindex("全省生产总值")) is Mode.REVIEW_YEAR
    figures = luoshi.extract(document)
    assert [f.value for f in figures] == [5, 5, 5, 5]


@pytest.mark.parametrize(
    ("appendix", "values"),
    [
        ("附件：2025年重点工作任务分工\n1.新建学校50所。牵头单位：省教育厅\n", []),
        ("附件2\n2025年重点项目表\n序号 项目名称 责任单位\n1 建设学校5所 省教育厅\n", []),
        (
            "附件1\n2025年十件民生实事\n序号 项目 年度目标 牵头单位\n"
            "1 托育服务 新增普惠托位1万个 省卫生健康委\n",
            [(1, "2025", "target")],
        ),
        ("附件1\n2025年十件民生实事\n1.新增普惠托位1万个。\n", [(1, "2025", "target")]),
    ],
    ids=["division-of-tasks", "table-of-units", "targets-with-units", "list-of-targets"],
)
def test_a_table_of_who_does_what_holds_no_figures(appendix, values):
    """An appendix that divides tasks among departments restates them; 民生实事 set targets."""
    document = luoshi.read((SPEECH + appendix).encode())
    after = [f for f in luoshi.extract(document) if f.start >= len(SPEECH)]
    assert [(int(f.value), f.period, f.kind) for f in after] == values


def test_a_table_set_inside_the_speech_ends_at_its_next_part():
    """附表 after the review (its results) does not swallow the plan that follows it."""
    text = SPEECH.replace(
        "二、2025年工作安排\n",
        "附表：2024年主要指标完成情况\n地区生产总值增长5%。\n二、2025年工作安排\n",
    )
    document = luoshi.read(text.encode())
    tl = timeline(document)
    table = text.index("附表")
    assert tl.closings == [(table, text.index("二、2025年"))]
    figures = {f.quote: (f.kind, f.period) for f in luoshi.extract(document)}
    assert figures["地区生产总值增长5%"] == ("actual", "2024")
    assert figures["新建学校5所"] == ("target", "2025")
