"""Every verdict rule, on small reports written in the reports' words.

Each example: the target clause of the earlier report, the later report's review sentences,
the verdict and words the reason must hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import luoshi
from luoshi.reconcile import TargetResult
from tests.reconcile._docs import outcomes, targets


@dataclass(frozen=True)
class Case:
    id: str
    target: str
    review: tuple[str, ...]
    verdict: str
    reason: str


def judged(target: str, *review: str) -> TargetResult:
    card = luoshi.reconcile(targets(target), outcomes(*review), year=2024)
    assert card.year == 2024
    assert len(card.results) == 1
    return card.results[0]


CASES = [
    # >= (以上): met at or above the floor, missed below it
    Case("floor-met", "城镇新增就业1200万人以上", ("城镇新增就业1256万人",), "met",
         "1256万人 against 1200万人以上: met"),
    Case("floor-met-exactly", "城镇新增就业1200万人以上", ("城镇新增就业1200万人",),
         "met", ": met"),
    Case("floor-missed", "城镇新增就业1200万人以上", ("城镇新增就业1150万人",), "missed",
         "below the floor"),
    # <= (以内): met at or below the ceiling
    Case("ceiling-met", "城镇调查失业率控制在5.5%以内", ("城镇调查失业率5.2%",),
         "met", "5.2% against"),
    Case("ceiling-missed", "城镇调查失业率控制在5.5%以内", ("城镇调查失业率5.8%",), "missed",
         "above the ceiling"),
    # ~ (左右): a band of ±0.2 points for a rate, ±2% for a level, and the favourable side
    Case("about-within", "地区生产总值增长6%左右", ("地区生产总值增长5.9%",),
         "met", "within the ±0.2"),
    Case("about-under", "地区生产总值增长6%左右", ("地区生产总值增长4.8%",), "missed",
         "under the ±0.2 points band, on the unfavourable side"),
    Case("about-above-favourable", "地区生产总值增长6%左右", ("地区生产总值增长7%",), "met",
         "above the ±0.2 points band, on the favourable side"),
    Case("price-ceiling-under", "居民消费价格涨幅3%左右", ("居民消费价格上涨0.2%",), "met",
         "on the favourable side"),
    Case("level-band", "粮食产量600亿斤左右", ("粮食产量590亿斤",), "met", "±2% band"),
    Case("level-band-missed", "粮食产量600亿斤左右", ("粮食产量560亿斤",), "missed",
         "on the unfavourable side"),
    # = (a bare figure): judged as 左右
    Case("bare-missed", "一般公共预算收入增长5%", ("一般公共预算收入增长2.6%",), "missed", "under"),
    # a fall: 下降3%左右 is met by a fall of about 3% or more, missed by less or a rise
    Case("fall-met", "单位地区生产总值能耗下降3%左右", ("单位地区生产总值能耗下降3.1%",), "met",
         "下降3.1% against 下降3%左右: met"),
    Case("fall-too-small", "单位地区生产总值能耗下降3%左右", ("单位地区生产总值能耗下降2%",),
         "missed", "unfavourable"),
    Case("fall-became-rise", "单位地区生产总值能耗下降3%左右", ("单位地区生产总值能耗上升1%",),
         "missed", "1% against 下降3%左右"),
    # units convert through the extractor's base values
    Case("units-wan-ren", "城镇新增就业1.5万人", ("城镇新增就业15600人",), "met",
         "15600人 against 1.5万人"),
    Case("units-wanyi-yi", "粮食产量1.3万亿斤以上", ("粮食产量13700亿斤",), "met",
         "13700亿斤 against 1.3万亿斤以上: met"),
    # synonyms are data
    Case("synonym-gdp", "地区生产总值增长6%左右", ("GDP增长6.1%",), "met", "6.1% against 6%左右"),
    Case("synonym-jobs", "城镇新增就业1200万人以上", ("新增城镇就业1256万人",), "met", "1256万人"),
    # an outcome stated only as a change does not report a level
    Case("change-only", "粮食产量600亿斤以上", ("粮食产量下降3%",), "not reported", "no outcome"),
    # silence is a finding
    Case("silence", "新增高新技术企业2000家", ("城镇新增就业1256万人",), "not reported",
         "no outcome for 2000家: not reported"),
    # a stock does not report a flow
    Case("stock-not-flow", "新增高新技术企业2000家", ("高新技术企业达1.75万家",), "not reported",
         "no outcome"),
    # a comparison with another place reports nothing of its own
    Case("relative", "地区生产总值增长6%左右", ("地区生产总值增速高于全国0.2个百分点",),
         "not reported", "no outcome"),
    # an outcome of another year does not count
    Case("other-year", "城镇新增就业1200万人以上",
         ("城镇新增就业1256万人", "2023年城镇新增就业1100万人"),
         "met", "1256万人"),
    # an approximate outcome at the floor allows two readings
    Case("approximate-outcome", "城镇新增就业1200万人以上", ("城镇新增就业近1200万人",),
         "ambiguous",
         "below the floor at the low end, met at the high end"),
    # two outcomes of equal standing with different verdicts
    Case("two-outcomes", "城镇新增就业1200万人以上",
         ("城镇新增就业1256万人", "城镇新增就业1180万人"), "ambiguous",
         "1256万人 against 1200万人以上: met; 1180万人 against 1200万人以上: missed"
         " (below the floor): ambiguous"),
    # an indicator the data does not know: its direction from the target's own words
    Case("words-down", "煤炭消费量控制在1.2亿吨左右", ("煤炭消费量1.1亿吨",), "met",
         "under the ±2% band, on the favourable side"),
    Case("words-down-missed", "煤炭消费量控制在1.2亿吨左右", ("煤炭消费量1.3亿吨",),
         "missed", "above the ±2% band, on the unfavourable side"),
    Case("words-up", "夜间经济消费额提高到800亿元", ("夜间经济消费额900亿元",), "met",
         "on the favourable side"),
    Case("words-growth", "夜间经济消费额增长8%", ("夜间经济消费额增长12%",), "met",
         "on the favourable side"),
    Case("flow-is-up", "新建城市书房50个", ("新建城市书房64个",), "met", "on the favourable side"),
    # neither the data nor the words tell the direction: within the band it is met, beyond it
    # the two readings disagree
    Case("unknown-within", "夜间经济消费额800亿元", ("夜间经济消费额810亿元",), "met",
         "within the ±2% band"),
    Case("unknown-beyond", "夜间经济消费额800亿元", ("夜间经济消费额900亿元",), "ambiguous",
         "above the ±2% band: met if higher is better, which is not known"),
    Case("unknown-under", "夜间经济消费额800亿元", ("夜间经济消费额700亿元",), "ambiguous",
         "under the ±2% band: met if lower is better, which is not known"),
    # the data's direction wins over the words (控制在 a share that should rise is not read as down)
    Case("data-over-words", "城镇新增就业控制在100万人左右", ("城镇新增就业120万人",), "met",
         "on the favourable side"),
    # names as written in other reports: quotes, brackets and full-width letters do not matter
    Case("quoted-name", "新改建农村公路3000公里", ("新改建“四好农村路”3200公里",), "met",
         "3200公里"),
    Case("bracketed-name", "细颗粒物（PM2.5）平均浓度控制在32微克/立方米左右",
         ("PM2.5年均浓度30.5微克/立方米",), "met", "on the favourable side"),
    Case("full-width-name", "ＧＤＰ增长5%左右", ("地区生产总值增长5.1%",), "met", "within"),
    # different indicators whose names are close are not paired
    Case("registered-not-surveyed", "城镇调查失业率5.5%左右", ("城镇登记失业率3.1%",),
         "not reported", "no outcome"),
    Case("all-industry-not-large", "规模以上工业增加值增长6%", ("工业增加值增长5.5%",),
         "not reported", "no outcome"),
    # a narrower indicator is kept beside the target, not taken for its outcome
    Case("narrower", "居民人均可支配收入增长6%", ("农村居民人均可支配收入增长6.5%",),
         "not reported",
         "only 农村居民人均可支配收入, a part of 居民人均可支配收入"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_verdict(case: Case) -> None:
    result = judged(case.target, *case.review)
    assert result.verdict == case.verdict, result.reason
    assert case.reason in result.reason


def test_an_unknown_direction_gives_both_readings() -> None:
    result = judged("夜间经济消费额800亿元", "夜间经济消费额900亿元")
    assert result.outcome is not None and result.outcome.written == "900亿元"
    assert [a.verdict for a in result.alternatives] == ["missed"]


def test_ambiguous_gives_the_other_verdict() -> None:
    result = judged("城镇新增就业1200万人以上", "城镇新增就业1256万人", "城镇新增就业1180万人")
    assert [a.verdict for a in result.alternatives] == ["missed"]
    assert result.alternatives[0].outcome.written == "1180万人"


def test_narrower_outcome_is_an_alternative_reading() -> None:
    result = judged("居民人均可支配收入增长6%", "农村居民人均可支配收入增长6.5%")
    assert result.outcome is None
    assert [a.verdict for a in result.alternatives] == ["met"]


def test_target_stated_twice_is_judged_twice_and_linked() -> None:
    card = luoshi.reconcile(
        targets("城镇新增就业1200万人以上", "新增高新技术企业2000家", "城镇新增就业1200万人以上"),
        outcomes("城镇新增就业1256万人"),
    )
    jobs = [r for r in card.results if r.target.figure.indicator == "城镇新增就业"]
    assert [r.verdict for r in jobs] == ["met", "met"]
    assert jobs[0].restates == (jobs[1].target.figure.start,)
    assert jobs[1].restates == (jobs[0].target.figure.start,)
    assert card.results[1].restates == ()


def test_restated_target_with_another_figure_is_judged_on_its_own() -> None:
    card = luoshi.reconcile(
        targets("城镇新增就业1100万人以上", "城镇新增就业1300万人以上"),
        outcomes("城镇新增就业1256万人"),
    )
    assert [r.verdict for r in card.results] == ["met", "missed"]
    assert card.results[0].restates == (card.results[1].target.figure.start,)


def test_silent_target_quotes_the_sentence_that_names_it() -> None:
    result = judged("城镇新增就业1200万人以上", "就业形势总体稳定，城镇新增就业好于预期")
    assert result.verdict == "not reported"
    assert "names it without a figure" in result.reason
    assert [e.why for e in result.evidence] == ["mention"]
    assert "城镇新增就业好于预期" in result.evidence[0].sentence


def test_bands_are_settings() -> None:
    from luoshi.config import Settings

    card = luoshi.reconcile(
        targets("地区生产总值增长6%左右"),
        outcomes("地区生产总值增长5.5%"),
        settings=Settings(reconcile_rate_band=0.5),
    )
    assert card.results[0].verdict == "met"
    assert "within the ±0.5 points band" in card.results[0].reason


def test_results_are_json_ready() -> None:
    import json

    card = luoshi.reconcile(targets("城镇新增就业1200万人以上"), outcomes("城镇新增就业1256万人"))
    record = json.loads(json.dumps(card.to_record(), ensure_ascii=False))
    assert record["counts"]["met"] == 1
    assert record["results"][0]["outcome"]["sentence"] == "过去一年，城镇新增就业1256万人。"
    assert record["results"][0]["target"]["written"] == "1200万人以上"


def test_a_review_silent_on_every_target_reports_none() -> None:
    from tests.reconcile._gold import CORPUS

    national_2023 = luoshi.read(CORPUS / "national" / "national-2023-work-report.txt")
    silent = outcomes("经济回升向好，高质量发展扎实推进，全年主要目标任务圆满完成", year=2023)
    card = luoshi.reconcile(national_2023, silent)
    assert card.year == 2023
    assert card.counts() == {"met": 0, "missed": 0, "not reported": 7, "ambiguous": 0}
    assert [e.why for e in card.summary] == ["summary"]  # recorded beside, not a verdict
