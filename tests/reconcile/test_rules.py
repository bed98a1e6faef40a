"""The reconciler's rule data: checked on load, every list used, names matched as intended."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

import luoshi
from luoshi.errors import ReconcileError
from luoshi.extraction.figure import MEASURES
from luoshi.reconcile import matching, vocabulary
from luoshi.reconcile.matching import name_of, name_score
from luoshi.reconcile.vocabulary import load_rules, rules
from tests.reconcile._docs import targets
from tests.reconcile._gold import CORPUS

PACKAGE = Path(matching.__file__).parent
SOURCE = "\n".join(p.read_text("utf-8") for p in sorted(PACKAGE.glob("*.py")))
DATA = resources.files("luoshi.reconcile.rules").joinpath("indicators.toml").read_text("utf-8")

GOOD = """
[[indicator]]
name = "生产总值"
synonyms = ["地区生产总值"]
measure = "level"
direction = "up"

[[indicator]]
name = "研发投入强度"
synonyms = ["研发经费占地区生产总值比重"]
measure = "share"
direction = "up"

[[hypernym]]
broader = "生产总值"
narrower = ["第一产业增加值"]

[words]
ignored = ["全省"]
change = ["增加"]
relative = ["高于"]
flow = ["新增"]
decrease = ["下降"]
up = ["提高到"]
down = ["控制在"]
summary = ["主要目标任务"]
review = ["工作回顾"]
communique = ["统计公报"]
"""


def test_packaged_rules_load() -> None:
    data = rules()
    assert data.canonical["国内生产总值"] == "生产总值"
    assert data.direction("城镇调查失业率") == "down"
    assert data.narrower["农村居民人均可支配收入"] == "居民人均可支配收入"


def test_every_word_list_is_read_by_the_code() -> None:
    for name in vocabulary._WORD_LISTS:
        assert re.search(rf"\.{name}\b", SOURCE.replace("_WORD_LISTS", "")), name


def test_a_small_rule_file_loads() -> None:
    data = load_rules(GOOD, "good.toml")
    assert data.canonical["地区生产总值"] == "生产总值"
    assert data.synonyms_of("生产总值") == ("地区生产总值",)
    # a synonym holding another indicator's name is also known with that part replaced
    assert data.forms == {"研发经费占生产总值比重": "研发投入强度"}
    assert data.canonical_form("研发经费占生产总值比重") == "研发投入强度"


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


GDP = 'synonyms = ["地区生产总值"]'
RD = 'synonyms = ["研发经费占地区生产总值比重"]'


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        pytest.param(
            _replace('direction = "up"', 'direction = "upward"'), "'upward' is not one of",
            id="direction",
        ),
        pytest.param(
            _replace('measure = "level"', 'measure = "amount"'), "'amount' is not one of",
            id="measure",
        ),
        pytest.param(_replace('measure = "level"\n', ""), "missing keys ['measure']",
                     id="no-measure"),
        pytest.param(_replace(GDP, 'synonyms = ["（GDP）"]'), "is empty once", id="only-a-note"),
        # a name quoted, noted or in full-width letters is the same name
        pytest.param(_replace(GDP, 'synonyms = ["“生产总值”"]'), "names both", id="quoted"),
        pytest.param(_replace(RD, 'synonyms = ["研发投入强度（R&D）"]'), "names both", id="noted"),
        pytest.param(_replace(GDP, 'synonyms = ["生产总值"]'), "names both", id="twice"),
        # a synonym that reads as another indicator's name once its parts are replaced
        pytest.param(
            _replace(GDP, 'synonyms = ["GDP", "国内生产总值"]')
            .replace(RD, 'synonyms = ["国内GDP"]'),
            "'国内GDP' of 研发投入强度 reads as '国内生产总值', a name of 生产总值",
            id="reads-as-another",
        ),
        pytest.param(_replace(GDP, 'synonym = ["地区生产总值"]'), "unknown keys", id="key"),
        pytest.param(_replace(GDP, 'synonyms = "地区生产总值"'), "list of words", id="not-a-list"),
        pytest.param(_replace('summary = ["主要目标任务"]\n', ""), "missing keys ['summary']",
                     id="missing-list"),
        pytest.param(_replace('flow = ["新增"]', 'flow = [""]'), "non-empty string", id="empty"),
        pytest.param(GOOD + "\n[extra]\n", "unknown keys ['extra']", id="table"),
        pytest.param(_replace("[words]", "[words"), "good.toml", id="syntax"),
    ],
)  # fmt: skip
def test_broken_rule_data_is_reported_with_its_place(broken: str, message: str) -> None:
    with pytest.raises(ReconcileError, match=re.escape(message)) as error:
        load_rules(broken, "good.toml")
    assert str(error.value).startswith("good.toml")


@pytest.mark.parametrize(
    ("target", "outcome", "matches"),
    [
        ("国内生产总值", "地区生产总值", True),
        ("赤字率", "财政赤字率", True),
        ("粮食产量", "粮食总产", True),
        ("规模以上工业增加值", "规模工业增加值", True),
        ("全社会研发投入占地区生产总值比重", "研发投入强度", True),
        ("单位地区生产总值能耗", "能耗强度", True),
        ("科技型中小企业加计扣除比例", "制造业企业、科技型中小企业", True),
        ("新增高新技术企业", "高新技术企业", False),  # a flow is not a stock
        (
            "居民医保人均财政补助标准提高",
            "城乡居民医保人均财政补助标准",
            False,
        ),  # a change, a level
        ("生产总值", "生产总值增速高于全国", False),  # a comparison
        ("生产总值", "单位地区生产总值能耗", False),  # another indicator that holds the name
        ("城镇新增就业", "高校毕业生", False),
        # names as the 2025 reports write them (scripts/indicator_survey.py)
        ("空气优良天数比例", "空气质量优良天数比率", True),
        ("空气质量优良天数比例", "优良天数比率", True),
        ("PM2.5平均浓度", "PM2.5年均浓度", True),
        ("细颗粒物（PM2.5）平均浓度", "细颗粒物年均浓度", True),
        ("地级及以上城市PM2.5浓度", "PM2.5浓度", True),
        ("进出口总额", "进出口总值", True),
        ("外贸进出口总额", "货物进出口总值", True),
        ("城镇常住居民人均可支配收入", "城镇居民人均可支配收入", True),
        ("新改建农村公路", "新改建“四好农村路”", True),
        ("新建改造农村公路", "新改建农村公路", True),
        ("建设高标准农田", "建成高标准农田", True),
        ("新开工改造城镇老旧小区", "改造老旧小区", True),
        ("重点项目完成投资", "重点工程项目投资", True),
        ("技改投资", "工业技术改造投资", True),
        ("研究与试验发展（R&D）经费支出", "研发经费投入", True),
        ("研究与试验发展经费支出占地区生产总值比重", "研发投入强度", True),
        ("研发投入", "研发经费支出", True),
        ("单位GDP能耗", "单位地区生产总值能源消耗", True),
        ("常住人口城镇化率", "城镇化率", True),
        ("旅游收入", "旅游总收入", True),
        ("粮食种植面积", "粮食播种面积", True),
        # the 十四五 plan's and a 统计公报's names
        ("地表水达到或好于Ⅲ类水体比例", "地表水国考断面水质优良比例", True),
        ("每千人口拥有执业（助理）医师数", "每千人口执业医师数", True),
        ("服务业增加值", "第三产业增加值", True),
        ("人均国内生产总值", "人均地区生产总值", True),
        ("实际利用外资", "实际使用外资", True),
        # close names of different things are not merged (a part of a whole: below)
        ("城镇调查失业率", "城镇登记失业率", False),
        ("规模以上工业增加值", "工业增加值", False),
        ("高技术制造业增加值", "规模以上工业增加值", False),
        ("生产总值", "人均生产总值", False),
        ("生产总值", "海洋生产总值", False),
        ("常住人口城镇化率", "户籍人口城镇化率", False),
        ("空气优良天数比例", "空气质量优良天数", False),
        ("PM2.5浓度", "PM10浓度", False),
        ("粮食产量", "粮食播种面积", False),
        ("粮食产量", "粮食综合生产能力", False),
        ("一般公共预算收入", "一般公共预算支出", False),
        ("一般公共预算收入", "税收收入", False),
        ("研发投入强度", "研发经费投入", False),
        ("重点项目投资", "重大项目投资", False),
        ("建设高标准农田", "新建和改造提升高标准农田", False),
        ("建设高标准农田", "高标准农田", False),  # the year's new land, not the stock
        ("新改建农村公路", "农村公路", False),
        ("高新技术企业", "新增高新技术企业", False),
        ("生产安全事故死亡人数", "道路交通事故死亡人数", False),
        ("生产安全事故起数", "火灾事故起数", False),
    ],
)
def test_names_match(target: str, outcome: str, matches: bool) -> None:
    assert (name_score(name_of(target), name_of(outcome)) > 0) is matches


@pytest.mark.parametrize(
    ("broader", "narrower"),
    [
        ("居民人均可支配收入", "农村居民人均可支配收入"),
        ("居民人均可支配收入", "城镇常住居民人均可支配收入"),
        ("固定资产投资", "工业投资"),
        ("固定资产投资", "房地产开发投资"),
        ("工业投资", "技改投资"),
        ("工业增加值", "规上工业增加值"),
        ("进出口总额", "货物出口总额"),
    ],
)
def test_a_narrower_indicator_is_a_weaker_match(broader: str, narrower: str) -> None:
    assert name_score(name_of(broader), name_of(narrower)) == matching.NARROWER


@pytest.mark.parametrize(
    ("written", "normal_form"),
    [
        ("新改建“四好农村路”", "新改建四好农村路"),
        ("研究与试验发展（R&D）经费支出", "研究与试验发展经费支出"),
        ("细颗粒物(PM2.5)浓度", "细颗粒物浓度"),
        ("ＧＤＰ", "GDP"),
        ("『两重』项目", "两重项目"),
        ("固定资产投资（不含农户）", "固定资产投资"),
    ],
)
def test_names_are_compared_in_normal_form(written: str, normal_form: str) -> None:
    assert vocabulary.normal(written) == normal_form


def test_every_indicator_has_a_measure_and_a_direction_and_names_in_normal_form() -> None:
    data = rules()
    assert len(data.indicators) >= 100
    for indicator in data.indicators:
        assert indicator.measure in MEASURES, indicator
        assert indicator.direction in vocabulary.DIRECTIONS, indicator
        for name in (indicator.name, *indicator.synonyms):
            assert vocabulary.normal(name) == name
            assert data.canonical[name] == indicator.name  # one indicator per name
    for narrower, broader in data.narrower.items():
        assert data.indicator(broader) is not None, broader
        assert narrower != broader


@pytest.mark.parametrize(
    ("clause", "direction"),
    [
        ("煤炭消费量控制在1.2亿吨左右", "down"),
        ("建设用地规模降至800平方公里", "down"),
        ("夜间经济消费额提高到800亿元", "up"),
        ("夜间经济消费额增长8%", "up"),
        ("新建城市书房50个", "up"),  # a flow: more done is more kept
        ("夜间经济消费额800亿元", None),
        ("城镇新增就业控制在100万人左右", "up"),  # the data's direction wins
        ("PM2.5浓度35微克/立方米", "down"),
        ("区域创新能力提升至第5位", "down"),  # a rank: first place is the best
    ],
)
def test_direction_of_a_target(clause: str, direction: str | None) -> None:
    document = targets(clause)
    (figure,) = luoshi.extract(document)
    assert matching.direction_of(name_of(figure.indicator), document.text, figure) == direction


def test_the_corpus_figures_measures_agree_with_the_data() -> None:
    """Each target of a known indicator in the corpus has its measure, or a rate (its change)."""
    data = rules()
    disagree = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        for figure in luoshi.extract(luoshi.read(path)):
            indicator = data.indicator(name_of(figure.indicator).canonical)
            if figure.kind != "target" or indicator is None:
                continue
            if figure.measure not in (indicator.measure, "rate", "rank"):
                disagree.append((path.stem, figure.indicator, figure.measure))
    # Jilin writes the share of good-air days under the days' name (空气优良天数保持在93%)
    assert disagree == [("jilin-2025-work-report", "空气优良天数", "share")]
