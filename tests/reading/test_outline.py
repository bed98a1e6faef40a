"""The outline, paragraphs and sentences: gold section lists, report styles, widths, page breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from luoshi.reading import Document, OutlineNode, read
from tests.conftest import GOLD, WUWEI
from tests.reading.conftest import NATIONAL, PROVINCES

SECTION_MATCH_FLOOR = 0.98  # reached: 260 of 260 gold records (1.0)


def _flat(nodes: list[OutlineNode], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        lines.append("  " * depth + node.title)
        lines.extend(_flat(node.children, depth + 1))
    return lines


def _read_text(text: str) -> Document:
    return read(text.encode(), name="report.txt")


def test_headings_reproduce_the_gold_sections() -> None:
    document = read(WUWEI)
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    matched = sum(
        [node.title for node in document.headings_at(r["start"])] == r["section"] for r in records
    )
    rate = matched / len(records)
    assert rate >= SECTION_MATCH_FLOOR, f"{matched} of {len(records)} gold sections reproduced"


# Synthetic reports in the styles of county, city and province reports:
# (text, the outline flattened to indented titles).
STYLE_CASES = [
    pytest.param(
        "各位代表：\n"
        "一、2022年工作回顾\n"
        "过去一年，我们主要做了以下工作：一是抓项目促投资，完成投资80亿元；"
        "二是抓产业强基础，新建温室1200座。\n"
        "二、2023年主要任务\n"
        "（一）扩大有效投资。全年实施项目120个。\n"
        "1.抓好项目建设。新开工项目60个。\n"
        "２．抓好招商引资。引进项目30个。\n"
        "(二)发展特色产业。\n"
        "（1）做强肉牛产业。新增存栏1万头。\n"
        "(2)做优蔬菜产业。新建温室500座。\n",
        [
            "一、2022年工作回顾",
            "  一是抓项目促投资",
            "  二是抓产业强基础",
            "二、2023年主要任务",
            "  （一）扩大有效投资",
            "    1.抓好项目建设",
            "    ２．抓好招商引资",
            "  (二)发展特色产业",
            "    （1）做强肉牛产业",
            "    (2)做优蔬菜产业",
        ],
        id="county-inline-items-and-mixed-widths",
    ),
    pytest.param(
        "各位代表:\n\n过去五年工作回顾\n\n——经济实力大幅提升。生产总值增长7%。\n\n"
        "今后五年工作任务\n\n(一)构建现代产业体系。充分发挥优势。\n\n"
        "做优现代农业。新增高标准农田20万亩。\n\n做强生态工业。规上工业增加值增长12%。\n",
        [
            "过去五年工作回顾",
            "  ——经济实力大幅提升",
            "今后五年工作任务",
            "  (一)构建现代产业体系",
            "    做优现代农业",
            "    做强生态工业",
        ],
        id="city-bare-parts-dash-and-lead-phrases",
    ),
    pytest.param(
        "各位代表：\n一、2024年工作回顾\n过去一年，极不平凡。全年增长5%。\n"
        "二、2025年工作安排\n今年经济社会发展任务重、挑战多。要扎实工作。\n"
        "（一）充分发挥改革牵引作用，努力取得新突破\n"
        "健全体制机制。深化改革。\n扩大对外开放。稳外贸稳外资。\n",
        [
            "一、2024年工作回顾",
            "二、2025年工作安排",
            "  （一）充分发挥改革牵引作用，努力取得新突破",
            "    健全体制机制",
            "    扩大对外开放",
        ],
        id="province-bare-numbered-heading-no-false-leads",
    ),
    pytest.param(
        "各位代表：\n一、工作任务\n（一）扩大投资。全年投资增长5%。\n"
        "——抓项目。开工项目100个。\n——抓招商。引进项目50个。\n（二）发展产业。新建园区2个。\n",
        ["一、工作任务", "  （一）扩大投资", "    ——抓项目", "    ——抓招商", "  （二）发展产业"],
        id="dash-paragraphs-stay-under-the-open-section",
    ),
    pytest.param(
        "各位代表：\n三、持续提升政府\n治理效能和服务水平\n人民满意是根本标准。要实干。\n",
        ["三、持续提升政府治理效能和服务水平"],
        id="heading-split-over-two-lines",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STYLE_CASES)
def test_outline_of_report_styles(text: str, expected: list[str]) -> None:
    assert _flat(_read_text(text).outline) == expected


def test_state_council_report_parts_and_sections() -> None:
    document = read(NATIONAL / "national-2022-work-report.txt")
    parts = document.outline
    assert [p.title for p in parts] == [
        "一、2021年工作回顾",
        "二、2022年经济社会发展总体要求和政策取向",
        "三、2022年政府工作任务",
    ]
    assert [p.kind for p in parts] == ["part"] * 3
    tasks = parts[2].children
    assert [t.title[:3] for t in tasks] == [f"（{n}）" for n in "一二三四五六七八九"]
    assert tasks[0].children[0].title == "提升积极的财政政策效能"
    assert document.metadata.plan_year == 2022


def test_province_report_parts_sections_and_leads() -> None:
    document = read(PROVINCES / "hebei-2025-work-report.docx")
    review, tasks = document.outline
    assert (review.title, tasks.title) == ("一、2024年工作回顾", "二、2025年目标任务和主要工作")
    assert len(review.children) == 6
    assert [s.kind for s in tasks.children] == ["subsection"] * 8
    assert [lead.title for lead in tasks.children[0].children] == ["提高投资效益", "大力提振消费"]
    offset = document.text.index("城镇新增就业86万人")
    assert [n.title for n in document.headings_at(offset)] == [
        "二、2025年目标任务和主要工作",
        "（八）聚力办好民生实事，提高人民生活品质",
        "促进高质量充分就业",
    ]


def test_page_break_artefacts_do_not_break_the_outline() -> None:
    document = read(NATIONAL / "national-2023-work-report.txt")
    assert [p.title for p in document.outline] == [
        "一、过去一年和五年工作回顾",
        "二、对今年政府工作的建议",
    ]
    titles = _flat(document.outline)
    assert not any("伙伴关系协定" in t for t in titles)
    offset = document.text.index("（RCEP）")
    paragraph = document.paragraph_at(offset)
    assert paragraph is not None
    assert document.text[paragraph.start :].startswith("——改革开放持续深化")
    assert [n.title for n in document.headings_at(offset)] == [
        "一、过去一年和五年工作回顾",
        "——改革开放持续深化",
    ]


CORPUS_FILES = [WUWEI, *sorted(NATIONAL.glob("*.txt")), *sorted(PROVINCES.glob("*.txt"))]


def _assert_nested(document: Document, nodes: list[OutlineNode], start: int, end: int) -> None:
    """Every node lies inside its parent, after its elder sibling, its title inside it."""
    for node, following in zip(nodes, [*nodes[1:], None], strict=False):
        assert start <= node.start <= node.title_start < node.title_end <= node.end <= end
        assert document.text[node.title_start : node.title_end].replace("\n", "") == node.title
        if following is not None:
            assert node.end <= following.start
        _assert_nested(document, node.children, node.start, node.end)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem.removesuffix("-work-report"))
def test_outline_spans_nest_inside_the_text(path: Path) -> None:
    document = read(path)
    assert document.outline
    _assert_nested(document, document.outline, 0, len(document.text))


MARKERS = ["一、", "（一）", "(二)", "1.", "２．", "（1）", "——", "一是", "二是", "各位代表："]
WORDS = ["做优现代农业", "全年增长5%", "工作回顾", "\n", "\n\n"]
PUNCTUATION = ["。", "，", "；", "：", "“", "”", "（", "）"]
REPORT_PIECES = st.sampled_from(MARKERS + WORDS + PUNCTUATION)


@settings(max_examples=200, deadline=None)
@given(st.lists(REPORT_PIECES, max_size=60))
@example(pieces=["。", "。", "。", "一、"])  # punctuation alone was taken for a lead phrase
def test_any_report_shaped_text_gives_a_nested_outline(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text.strip():
        return
    document = _read_text(text)
    _assert_nested(document, document.outline, 0, len(document.text))
    for offset in range(0, len(text), 7):
        path = document.headings_at(offset)
        assert all(node.start <= offset < node.end for node in path)


# (a paragraph, its sentences)
SENTENCE_CASES = [
    pytest.param(
        "新增就业1.5万人。粮食产量105万吨！", ["新增就业1.5万人。", "粮食产量105万吨！"], id="plain"
    ),
    pytest.param(
        "提出“要实干。要担当。”我们照办。", ["提出“要实干。要担当。”", "我们照办。"], id="quote"
    ),
    pytest.param(
        "设立基金（规模100亿元。首期30亿元）。全面推进。",
        ["设立基金（规模100亿元。首期30亿元）。", "全面推进。"],
        id="brackets",
    ),
    pytest.param(
        "各位代表!现在,我代表市人民政府;请予审议.",
        ["各位代表!", "现在,我代表市人民政府;", "请予审议."],
        id="ascii-punctuation",
    ),
    pytest.param(
        "要办好10件实事:1.城镇新增就业1.5万人;2.新建学校3所。",
        ["要办好10件实事:1.城镇新增就业1.5万人;", "2.新建学校3所。"],
        id="decimals-and-list-markers",
    ),
    pytest.param("他说“要实干。我们照办。", ["他说“要实干。", "我们照办。"], id="unclosed-quote"),
    pytest.param("真的吗？！是的。", ["真的吗？！", "是的。"], id="run-of-ends"),
    pytest.param(
        "《报告（2023年）。》已印发；请执行",
        ["《报告（2023年）。》已印发；", "请执行"],
        id="no-end",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    document = _read_text(text)
    assert [document.text[s.start : s.end] for s in document.sentences] == expected


def test_sentence_and_paragraph_at_find_the_gold_numbers() -> None:
    document = read(WUWEI)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        sentence = document.sentence_at(record["start"])
        paragraph = document.paragraph_at(record["start"])
        assert sentence is not None and paragraph is not None
        assert paragraph.start <= sentence.start <= record["start"] < record["end"] <= sentence.end
    blank = document.text.index("\n\n") + 1
    assert document.paragraph_at(blank) is None
    assert document.sentence_at(blank) is None
    assert document.headings_at(0) == []
