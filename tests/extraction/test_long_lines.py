"""Long lines: no report holds a sentence of thousands of characters, but a page dumped on one
line or a generated list does, and extraction must stay linear on it.

Each figure looks back at most ``MAX_SENTENCE`` characters (a longer stretch without a sentence
break is read in windows), so its quote, the look-back and the figures read together are
bounded whatever the input. The time itself is measured by ``benchmarks/hostile.py`` (seconds
at 100k, 200k and 400k characters), not here.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import luoshi
from luoshi.extraction.extractor import MAX_SENTENCE
from luoshi.reading.document import Document

# Pieces of a line with no sentence break: figures, list joiners, clause breaks and words.
PIECES = st.sampled_from(
    [
        *("1%", "1%、", "2.5万人", "增长", "分别", "控制在", "以内", "，", "、", "和", "第1位"),
        *("发展", "城镇新增就业", "地区生产总值", "由", "提高到", "“", "”", "项目", "个"),
    ]
)
LINES = st.lists(
    st.tuples(PIECES, st.integers(min_value=1, max_value=400)), min_size=1, max_size=12
).map(lambda runs: "".join(piece * times for piece, times in runs))


def figures_of(text: str) -> list[luoshi.Figure]:
    return luoshi.extract(Document(text=text, format="txt"))


@settings(max_examples=40)
@given(LINES)
def test_every_figure_looks_back_a_bounded_way(text: str) -> None:
    for figure in figures_of(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert len(figure.quote) <= MAX_SENTENCE
        quote_start = text.rfind(figure.quote, 0, figure.end + len(figure.quote))
        assert quote_start != -1
        assert figure.end - quote_start <= MAX_SENTENCE + len(figure.quote)


def test_a_quote_ending_past_the_sentence_window_is_bounded() -> None:
    """The window bounds where a number starts; the quote still fits when its unit runs past."""
    text = "城镇新增就业" * 166 + "2.5万人"  # the number starts at 999 of a 1000-character window
    (figure,) = figures_of(text)
    assert len(figure.quote) <= MAX_SENTENCE
    assert figure.quote.endswith("2.5万人")


def test_a_clause_of_thousands_of_characters_is_not_quoted_whole() -> None:
    text = "发展" * 3000 + "城镇新增就业1.5万人"
    (figure,) = figures_of(text)
    assert (figure.value, figure.unit) == (Decimal("1.5"), "万人")
    assert len(figure.quote) <= MAX_SENTENCE
    assert figure.quote.endswith("城镇新增就业1.5万人")


def test_a_long_line_reads_the_same_figures_as_its_sentences_would() -> None:
    # The same list written once per sentence and once with every break taken out: the numbers,
    # units and places read are the same; only what each figure is about may differ at a window.
    sentence = "城镇新增就业1.5万人，居民收入增长6%，粮食产量稳定在120万吨以上"
    broken = "。".join([sentence] * 200)
    unbroken = broken.replace("。", "，")
    assert len(unbroken) > 5 * MAX_SENTENCE

    def read(text: str) -> list[tuple[int, int, str, str]]:
        return [(f.start, f.end, str(f.value), f.unit) for f in figures_of(text)]

    assert read(unbroken) == read(broken)
    assert len(read(broken)) == 600
