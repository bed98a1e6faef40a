"""A statistical communiqué (统计公报) as the outcomes document: a year's outcomes, no plan part."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import luoshi
from luoshi.cli import app
from luoshi.reconcile import reviewed_year
from luoshi.reconcile.communique import communique_year
from tests.reconcile._docs import targets
from tests.reconcile._gold import FIXTURES

COMMUNIQUE = FIXTURES / "hunan-2024-communique.txt"
HUNAN_TARGETS = FIXTURES / "hunan-2024-targets.txt"


def communique(*sentences: str, year: int = 2024) -> luoshi.Document:
    """A communiqué of ``year`` stating ``sentences``, in the form's opening and sections."""
    body = "\n\n".join(f"{s}。" for s in sentences)
    text = (
        f"某省{year}年国民经济和社会发展统计公报\n\n某省统计局\n{year + 1}年3月\n\n"
        f"一、综合\n\n{body}\n"
    )
    return luoshi.read(text.encode(), name=f"communique-{year}.txt")


def test_a_communique_reports_on_the_year_its_title_names() -> None:
    document = communique("全年城镇新增就业72.3万人")
    assert communique_year(document) == 2024
    assert reviewed_year(document, luoshi.extract(document)) == 2024
    # A work report is no communiqué, even when it mentions one in its text.
    report = targets("城镇新增就业70万人以上")
    assert communique_year(report) is None


def test_every_figure_of_a_communique_is_an_outcome_not_a_target() -> None:
    card = luoshi.reconcile(
        targets("地区生产总值增长6%左右", "城镇新增就业70万人以上"),
        communique(
            "初步核算，全年全省地区生产总值53231.2亿元，比上年增长4.8%", "全年城镇新增就业72.3万人"
        ),
    )
    assert card.year == 2024
    verdicts = {r.target.figure.indicator: (r.verdict, r.reason) for r in card.results}
    assert verdicts["地区生产总值"][0] == "missed"
    assert verdicts["地区生产总值"][1].startswith("4.8% against 6%左右: missed")
    assert verdicts["城镇新增就业"] == ("met", "72.3万人 against 70万人以上: met")


@pytest.mark.parametrize(
    ("target", "sentence", "verdict", "reason"),
    [
        ("居民消费价格涨幅3%左右", "全年居民消费价格比上年上涨0.1%", "met", "0.1% against 3%左右"),
        (
            "固定资产投资增长6%",
            "全年固定资产投资（不含农户）比上年下降5.5%",
            "missed",
            "下降5.5% against 6%",
        ),
        (
            "粮食产量稳定在600亿斤以上",
            "粮食总产量613.6亿斤，比上年增加0.9%",
            "met",
            "613.6亿斤 against",
        ),
        (
            "单位地区生产总值能耗下降2.5%左右",
            "全年单位地区生产总值能耗比上年下降3.0%",
            "met",
            "下降3.0%",
        ),
        (
            "全社会研发经费投入增长12%以上",
            "全年研究与试验发展（R&D）经费支出1450.0亿元，比上年增长11.2%",
            "missed",
            "11.2% against 12%以上",
        ),
        ("新增城镇公办幼儿园学位5万个", "年末高新技术企业1.6万家", "not reported", "no outcome"),
    ],
)
def test_the_communiques_typical_sentences(
    target: str, sentence: str, verdict: str, reason: str
) -> None:
    card = luoshi.reconcile(targets(target), communique(sentence))
    [result] = card.results
    assert result.verdict == verdict, result.reason
    assert reason in result.reason


def test_cli_reconciles_the_hunan_targets_against_the_communique() -> None:
    result = CliRunner().invoke(
        app, ["reconcile", str(HUNAN_TARGETS), str(COMMUNIQUE), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    verdicts = [row["verdict"] for row in rows if "verdict" in row]
    assert verdicts.count("met") == 7 and verdicts.count("missed") == 6
