"""How fast ``luoshi.extract`` runs, beside a one-pass regular expression over the same text.

    .venv/bin/python benchmarks/extract.py [--repeat N]
    make bench      # both builds: the source in .venv/ and the compiled wheel in .venv-compiled/

Prints, for the shared 武威 report and for 1 MB of report text (the corpus's text files
concatenated and repeated): best-of-N milliseconds, characters per millisecond and the
ratio to the baseline ``re.findall`` run in the same process; then milliseconds per 100k
characters at 100k, 500k and 1M characters (flat means linear); then the peak memory of
one extraction (tracemalloc). ``read()`` is timed separately and kept out of the
per-report figure. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import luoshi
from luoshi.reading.document import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
REPORT = CORPUS / "wuwei-2022-work-report.txt"
BASELINE = re.compile(r"\d+(?:\.\d+)?[万亿]?")
MEGABYTE_CHARS = 1_000_000
LINEARITY_SIZES = (100_000, 500_000, 1_000_000)


def build() -> str:
    """Which luoshi this is: the compiled wheel (`make compiled`) or the plain Python source."""
    import luoshi.extraction.extractor as extractor

    if extractor.__file__ and extractor.__file__.endswith((".so", ".pyd")):
        return "extraction compiled with mypyc (the wheel: make wheel)"
    return "plain Python source (make bench also runs the compiled wheel)"


def best_ms(function: Callable[[], Any], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def corpus_text(chars: int) -> str:
    """``chars`` characters of real report text: every corpus text file, repeated."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    joined = "\n\n".join(texts)
    return (joined * (chars // len(joined) + 1))[:chars]


def extract_text(text: str) -> list[luoshi.Figure]:
    return luoshi.extract(Document(text=text, format="txt"))


def compare(label: str, text: str, repeat: int) -> None:
    figures = len(extract_text(text))
    ours = best_ms(lambda: extract_text(text), repeat)
    baseline = best_ms(lambda: BASELINE.findall(text), repeat)
    print(
        f"{label:<24} {len(text):>9,} chars  {figures:>6} figures  "
        f"extract {ours:9.1f} ms ({len(text) / ours:8.0f} chars/ms)  "
        f"regex {baseline:7.2f} ms ({len(text) / baseline:8.0f} chars/ms)  "
        f"x{ours / baseline:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best kept)")
    args = parser.parse_args()

    print(f"luoshi: {build()}")
    data = REPORT.read_bytes()
    read_ms = best_ms(lambda: luoshi.read(data), args.repeat)
    document = luoshi.read(data)
    print(f"read() of {REPORT.name}: {read_ms:.1f} ms (not counted below)\n")

    ours = best_ms(lambda: luoshi.extract(document), args.repeat)
    baseline = best_ms(lambda: BASELINE.findall(document.text), args.repeat)
    print(
        f"{'shared report':<24} {len(document.text):>9,} chars  "
        f"extract(document) {ours:.1f} ms per report ({len(document.text) / ours:.0f} chars/ms)  "
        f"regex {baseline:.2f} ms  "
        f"x{ours / baseline:.0f}"
    )
    megabyte = corpus_text(MEGABYTE_CHARS)
    compare("1M chars of reports", megabyte, max(2, args.repeat // 2))

    print("\nlinearity (ms per 100k characters; flat is linear):")
    for size in LINEARITY_SIZES:
        text = megabyte[:size]
        ms = best_ms(lambda text=text: extract_text(text), max(2, args.repeat // 2))
        print(f"  {size:>9,} chars  {ms:9.1f} ms  {ms / (size / 100_000):7.1f} ms/100k")

    tracemalloc.start()
    extract_text(megabyte)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak memory of one extraction of 1M chars: {peak / 2**20:.1f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
