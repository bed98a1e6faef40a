"""Term targets followed across the later reports of their term."""

from __future__ import annotations

import luoshi
from luoshi.reading import read
from luoshi.reading.document import Document
from luoshi.reconcile import follow

TERM_REPORT = (
    "政府工作报告\n——2023年1月在某省第十四届人民代表大会第一次会议上\n"
    "二、今后五年目标任务和2023年工作\n"
    "今后五年，全省经济社会发展的主要目标是：地区生产总值年均增长6%左右，"
    "常住人口城镇化率达到65%，累计新增城镇就业350万人以上。到2025年，全社会研发投入强度达到3%。\n"
    "2023年主要预期目标是：地区生产总值增长6.5%左右；城镇新增就业70万人以上。\n"
)


def review(year: int, *sentences: str) -> Document:
    """The review part of the report given in ``year + 1``, then a line of its plan."""
    text = (
        f"一、{year}年工作回顾\n过去一年，{'，'.join(sentences)}。\n"
        f"二、{year + 1}年主要目标任务\n{year + 1}年主要预期目标是：城镇新增就业70万人以上。\n"
    )
    return read(text.encode(), name=f"review-{year}.txt")


def test_term_targets_are_followed_year_by_year_and_judged_at_the_end() -> None:
    reviews = [
        review(2024, "全社会研发投入强度达到2.8%"),
        review(2023, "城镇新增就业72万人", "全社会研发投入强度达到2.6%"),
        review(2025, "全社会研发投入强度达到3.1%"),
    ]
    trajectories = {
        t.target.figure.indicator: t for t in follow(read(TERM_REPORT.encode()), reviews)
    }
    research = trajectories["全社会研发投入强度"]
    assert (research.first_year, research.last_year) == (2023, 2025)
    assert [p.year for p in research.points] == [2023, 2024, 2025]
    assert [p.outcome.written if p.outcome else None for p in research.points] == [
        "2.6%",
        "2.8%",
        "3.1%",
    ]
    assert [p.verdict for p in research.points] == [None, None, "met"]
    assert research.verdict == "met"
    assert research.points[0].reason == "2.6% in 2023 (year 1 of 2023-2025), toward 3% by 2025"


def test_a_term_level_is_followed_by_its_total_so_far_not_by_a_later_year_alone() -> None:
    reviews = [review(2023, "城镇新增就业72万人"), review(2024, "城镇新增就业75万人")]
    trajectories = {
        t.target.figure.indicator: t for t in follow(read(TERM_REPORT.encode()), reviews)
    }
    jobs = trajectories["新增城镇就业"]
    assert (jobs.first_year, jobs.last_year) == (2023, 2027)
    assert jobs.points[0].outcome is not None and jobs.points[0].outcome.written == "72万人"
    assert jobs.points[1].outcome is None  # 75万人 is 2024's alone, not 2023-2024's total
    assert jobs.points[1].reason == "no figure for 2024 (year 2 of 2023-2027)"
    assert jobs.verdict is None


def test_reconcile_gives_the_years_point_of_each_running_term_target() -> None:
    card = luoshi.reconcile(
        read(TERM_REPORT.encode()),
        review(2023, "地区生产总值增长6.5%", "城镇新增就业72万人", "全社会研发投入强度达到2.6%"),
    )
    assert [r.verdict for r in card.results] == ["met", "met"]
    terms = {p.target.figure.indicator: p for p in card.term_targets}
    assert set(terms) >= {"地区生产总值", "新增城镇就业", "全社会研发投入强度"}
    assert all(p.verdict is None for p in terms.values())
    assert terms["地区生产总值"].outcome is not None
    assert terms["地区生产总值"].outcome.written == "6.5%"
    assert terms["地区生产总值"].reason.startswith("6.5% in 2023 (year 1 of 2023-2027)")
