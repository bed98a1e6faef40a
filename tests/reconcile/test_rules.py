"""The reconciler's rule data: checked on load, every list used, names matched as intended."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from luoshi.errors import ReconcileError
from luoshi.reconcile import matching, vocabulary
from luoshi.reconcile.matching import name_of, name_score
from luoshi.reconcile.vocabulary import load_rules, rules

PACKAGE = Path(matching.__file__).parent
SOURCE = "\n".join(p.read_text("utf-8") for p in sorted(PACKAGE.glob("*.py")))
DATA = resources.files("luoshi.reconcile.rules").joinpath("indicators.toml").read_text("utf-8")

GOOD = """
[[indicator]]
name = "生产总值"
synonyms = ["地区生产总值"]
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
    assert data.canonical == {"生产总值": "生产总值", "地区生产总值": "生产总值"}
    assert data.synonyms_of("生产总值") == ("地区生产总值",)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace('direction = "up"', 'direction = "upward"'), "'upward' is not one of"),
        (GOOD.replace('synonyms = ["地区生产总值"]', 'synonym = ["地区生产总值"]'), "unknown keys"),
        (GOOD.replace('synonyms = ["地区生产总值"]', 'synonyms = "地区生产总值"'), "list of words"),
        (GOOD.replace('synonyms = ["地区生产总值"]', 'synonyms = ["生产总值"]'), "names both"),
        (GOOD.replace('summary = ["主要目标任务"]\n', ""), "missing keys ['summary']"),
        (GOOD.replace('flow = ["新增"]', 'flow = [""]'), "non-empty string"),
        (GOOD + "\n[extra]\n", "unknown keys ['extra']"),
        (GOOD.replace("[words]", "[words"), "good.toml"),
    ],
    ids=["direction", "key", "not-a-list", "twice", "missing-list", "empty", "table", "syntax"],
)
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
    ],
)
def test_names_match(target: str, outcome: str, matches: bool) -> None:
    assert (name_score(name_of(target), name_of(outcome)) > 0) is matches


def test_a_narrower_indicator_is_a_weaker_match() -> None:
    score = name_score(name_of("居民人均可支配收入"), name_of("农村居民人均可支配收入"))
    assert score == matching.NARROWER
