"""The learned indicator reader: how a gold indicator is laid onto the text, and how the shipped
model is found and opened (lazily, from the package, never fetched)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from luoshi.errors import ExtractionError
from luoshi.extraction.learned.features import char_features
from luoshi.extraction.learned.tagger import IndicatorTagger, model_path
from luoshi.extraction.learned.window import (
    INSIDE,
    LEFT_MAX,
    OUTSIDE,
    RIGHT_MAX,
    spelled,
    tags_for,
    window,
)


def figure_window(sentence: str, number: str, occurrence: int = 0):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(number, start + 1)
    return window(sentence, start, start + len(number))


@pytest.mark.parametrize(
    ("sentence", "number", "gold", "laid"),
    [
        pytest.param(
            "全市城镇新增就业1.5万人以上。", "1.5", "城镇新增就业", "城镇新增就业",
            id="scope-dropped",
        ),
        pytest.param(
            "粮食种植面积稳定在240万亩、产量105万吨以上。", "105", "粮食产量", "粮食产量",
            id="shared-subject-spelled-out",
        ),
        pytest.param(
            "13个创新药获批上市、居全国第一。", "13", "获批上市创新药", "创新药获批上市",
            id="halves-the-other-way-round",
        ),
        pytest.param("配置AED达每10万人45台。", "45", "每10万人配置AED", "配置AED每10万人",
                     id="number-in-indicator-not-the-figure"),
    ],
)  # fmt: skip
def test_gold_indicator_is_laid_onto_the_window(
    sentence: str, number: str, gold: str, laid: str
) -> None:
    win = figure_window(sentence, number)
    tags = tags_for(win, gold)
    assert tags is not None
    assert spelled(win, tags) == laid
    assert all(tags[j] == OUTSIDE for j in range(len(win.text)) if win.is_number(j))


def test_the_piece_nearest_the_number_is_chosen() -> None:
    # 就业 stands twice; the one just before the number is what is counted
    win = figure_window("稳定就业，城镇新增就业1.5万人", "1.5")
    tags = tags_for(win, "城镇新增就业")
    assert tags is not None
    assert [j for j, t in enumerate(tags) if t == INSIDE] == list(range(5, 11))


@pytest.mark.parametrize(
    ("sentence", "number", "gold"),
    [
        (
            "城乡居民人均可支配收入分别达6.6万元和3.2万元",
            "6.6",
            "城镇居民人均可支配收入",
        ),  # 镇 not there
        ("新增就业100万人", "100", ""),
        (
            "耕地保有量100万亩",
            "100",
            "耕地保有量100万亩",
        ),  # the figure's own number is never tagged
    ],
)
def test_an_indicator_that_is_not_in_the_window_is_not_laid(
    sentence: str, number: str, gold: str
) -> None:
    assert tags_for(figure_window(sentence, number), gold) is None


def test_window_is_the_sentence_clipped() -> None:
    text = "去年工作。" + "甲" * 200 + "新增就业1.5万人，" + "乙" * 200 + "。明年"
    start = text.index("1.5")
    win = window(text, start, start + 3)
    assert win.text.startswith("甲") and len(win.text) == LEFT_MAX + 3 + RIGHT_MAX
    assert text[win.start : win.end] == win.text
    short = window("一。城镇新增就业1.5万人。二", 9, 12)
    assert short.text == "城镇新增就业1.5万人"


def test_features_mark_the_number_and_the_rules_reading() -> None:
    win = figure_window("全市城镇新增就业1.5万人以上", "1.5")
    rows = char_features(win, "城镇新增就业")
    assert len(rows) == len(win.text)
    assert "side=N" in rows[8] and "side=L" in rows[7] and "side=R" in rows[11]
    assert "rule=I" in rows[2] and "rule=O" in rows[1]
    assert "lex=scope:B" in rows[0]  # 全市 is a scope word of the rules' data
    assert not any(f.startswith("rule") for f in char_features(win)[2])


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="missing: rebuild it"):
        IndicatorTagger(tmp_path / "absent.crfsuite")
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(b"not a model")
    with pytest.raises(ExtractionError, match="cannot be read"):
        IndicatorTagger(broken)


def test_the_shipped_model_is_in_the_package_and_reads_a_figure() -> None:
    assert model_path().is_file()
    tagger = IndicatorTagger(model_path())
    text = "今年主要预期目标是：城镇新增就业1.5万人以上。"
    start = text.index("1.5")
    reading = tagger.read(text, start, start + 3, "城镇新增就业")
    assert reading.indicator == "城镇新增就业"
    assert 0.0 < reading.confidence <= 1.0


def test_importing_the_extractor_loads_neither_model_nor_segmenter() -> None:
    code = (
        "import sys, luoshi, luoshi.extraction.learned.tagger;"
        "luoshi.extract(luoshi.read(b'\\xe6\\x96\\xb0\\xe5\\xa2\\x9e1\\xe4\\xb8\\x87\\xe4\\xba\\xba'));"
        "print(sorted(m for m in ('pycrfsuite', 'rjieba') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
