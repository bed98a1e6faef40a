"""What the learned indicator would cost: the tagger on every figure of a report, beside the
rules' whole extraction of the same report, in one run.

    .venv/bin/python benchmarks/indicator_model.py [--repeat N]

Prints the first-use cost (opening the model and the segmenter's dictionary, once per process),
then best-of-N milliseconds per report for ``luoshi.extract`` and for the tagger reading every
figure the rules found, and the tagger's share that goes to segmentation. The budget the
tagger must fit: extraction within 5 ms per 17.6k-character report compiled, 10 ms from source.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import luoshi
from luoshi.extraction.learned.features import segment
from luoshi.extraction.learned.tagger import tagger
from luoshi.extraction.learned.window import window

REPORT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wuwei-2022-work-report.txt"
)


def best_ms(function: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best kept)")
    args = parser.parse_args()

    document = luoshi.read(REPORT)
    text = document.text
    figures = luoshi.extract(document)

    started = time.perf_counter()
    model = tagger()
    model.read(text, figures[0].start, figures[0].end, figures[0].indicator)
    first_use = (time.perf_counter() - started) * 1000
    print(f"first use (model file + segmenter dictionary): {first_use:.0f} ms, once per process")

    rules_ms = best_ms(lambda: luoshi.extract(document), args.repeat)

    def tag_all() -> None:
        for f in figures:
            model.read(text, f.start, f.end, f.indicator)

    def segment_all() -> None:
        for f in figures:
            segment(window(text, f.start, f.end).text)

    model_ms = best_ms(tag_all, args.repeat)
    segment_ms = best_ms(segment_all, args.repeat)
    print(f"{REPORT.name}: {len(text):,} chars, {len(figures)} figures")
    print(f"  rules: luoshi.extract            {rules_ms:8.1f} ms per report")
    print(
        f"  tagger on every figure            {model_ms:8.1f} ms per report "
        f"({model_ms / len(figures):.2f} ms a figure; x{model_ms / rules_ms:.1f} the rules)"
    )
    print(f"    of which segmentation (rjieba)  {segment_ms:8.1f} ms")


if __name__ == "__main__":
    main()
