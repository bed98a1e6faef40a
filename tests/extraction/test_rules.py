"""The rule data and the code agree: every list loads, is used, and every figure names its rules."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import luoshi
from luoshi.errors import ExtractionError
from luoshi.extraction import extractor, vocabulary
from tests.conftest import CORPUS, WUWEI

PACKAGE = Path(extractor.__file__).parent
SOURCE = "\n".join(path.read_text("utf-8") for path in sorted(PACKAGE.glob("*.py")))
INDICATOR_RULES = set(re.findall(r'(?:True|False), "([a-z-]+)"', SOURCE))
PERIOD_RULES = set(re.findall(r'return [^\n]*, "([a-z-]+)"\n', SOURCE)) - INDICATOR_RULES
SCANNER_RULES = {"number", "range", "rank", "chinese_count", "fraction", "magnitude"}


def test_rule_data_loads_and_is_checked():
    vocab = vocabulary.vocabulary()
    assert len(vocab.units) > 100
    assert vocab.magnitudes["亿"] == 10**8
    assert vocab.units["%"].base == "" and str(vocab.units["%"].factor) == "0.01"


def test_every_word_list_is_used_by_the_code():
    """A list in rules/words.toml that no code reads is dead data."""
    code = SOURCE
    words = tomllib.loads(
        resources.files("luoshi.extraction.rules").joinpath("words.toml").read_text("utf-8")
    )
    for table, lists in words.items():
        for name in lists:
            assert re.search(rf"\.{name}\b", code), f"[{table}] {name} is not read by any rule"


def test_unknown_keys_are_refused():
    data = {"rate_words": [], "share_nouns": [], "rank_prefix": [], "typo": []}
    with pytest.raises(ExtractionError, match="unknown keys"):
        vocabulary._table(vocabulary.MeasureWords, data, "t")


@pytest.mark.parametrize(
    "path", [WUWEI, CORPUS / "national" / "national-2023-work-report.txt"], ids=lambda p: p.name
)
def test_every_figure_names_the_rules_that_read_it(path):
    seen = set()
    for figure in luoshi.extract(luoshi.read(path)):
        scanner_rule, indicator_part, period_part, *lists = figure.rule.split("; ")
        assert scanner_rule in SCANNER_RULES, figure.rule
        assert indicator_part.removeprefix("indicator:") in INDICATOR_RULES, figure.rule
        period = period_part.removeprefix("period:")
        assert period in PERIOD_RULES | {"pair-start"}, figure.rule
        assert all(item.startswith(("list:", "named:")) for item in lists), figure.rule
        seen.add(indicator_part)
    assert len(seen) >= 5  # the report exercises many indicator rules, not one fallback


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        pytest.param("2024年10个学科进入ESI排名前1%、7个学科进入前1‰。", [10, 7], id="top-share"),
        pytest.param("2024年营业收入超100亿元企业达到35家。", [35], id="bound-then-class"),
        pytest.param("2024年营业收入超100亿元，利润增长5%。", [100, 5], id="bound-then-comma"),
        pytest.param("2024年力争提前1%完成。", [1], id="not-top-share-after-ti"),
        pytest.param(
            "2024年盯紧64个预增产值过10亿元的工业新增长点。", [64], id="count-then-bound-with-de"
        ),
        pytest.param("2024年完成超100亿元的投资。", [100], id="bound-with-de-and-no-count"),
    ],
)
def test_thresholds_that_make_a_class_are_not_figures(sentence: str, values: list[int]) -> None:
    """A number that says which things are counted (the top 1%, firms over 100亿元) is none."""
    figures = luoshi.extract(luoshi.read(sentence.encode()))
    assert [f.value for f in figures] == values
