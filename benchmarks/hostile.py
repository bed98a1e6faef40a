"""Reading and extracting hostile input: seconds at 100k, 200k and 400k characters.

    .venv/bin/python benchmarks/hostile.py [--sizes 100000 200000 400000] [--only NAME,...]

Each input is one long line that no report holds: report text with its sentence breaks taken
out, 200k ``1%`` figures in a row, a list of ``1%、`` (with 分别 before it), and a page with one
tag of 300k attributes. Prints CPU seconds of ``read`` + ``extract`` (steadier than wall time
on a shared machine) and seconds per 100k characters: a flat last column is linear time (the
code before this benchmark took 32 s for the 400k line and hung on the attributes). Not part of
the test suite.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import luoshi

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPORT = SHARED / "corpus" / "wuwei-2022-work-report.txt"


def _report_line(size: int) -> str:
    text = REPORT.read_text(encoding="utf-8")
    for mark in "。！？；\n":
        text = text.replace(mark, "，")
    return (text * (size // len(text) + 1))[:size]


def _attributes(size: int) -> str:
    count = size // 8
    attributes = " ".join(f"a{i}=x" for i in range(count))
    body = "<p>城镇新增就业1.5万人。</p>"
    return f"<html><body><div class=content {attributes}>{body}</div></body></html>"


# (name, how to make its text of a given size, the file name it is read as)
INPUTS: tuple[tuple[str, Callable[[int], str], str], ...] = (
    ("report text, no sentence break", _report_line, "line.txt"),
    ("1% repeated", lambda size: "1%" * (size // 2), "figures.txt"),
    ("分别 1%、1%、…", lambda size: "分别" + "1%、" * (size // 3), "list.txt"),
    ("增长1%， repeated", lambda size: "增长1%，" * (size // 5), "clauses.txt"),
    ("one tag, many attributes", _attributes, "page.html"),
)


def cpu_seconds(data: bytes, name: str) -> tuple[float, int]:
    started = time.process_time()
    figures = luoshi.extract(luoshi.read(data, name=name))
    return time.process_time() - started, len(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    parser.add_argument("--only", default="", help="comma-separated input names (prefixes)")
    args = parser.parse_args()
    wanted = [w for w in args.only.split(",") if w]
    luoshi.extract(luoshi.read("城镇新增就业1.5万人。".encode()))  # imports out of the timing
    print(f"{'input':<32} {'chars':>9} {'figures':>8} {'cpu s':>8} {'s/100k':>8}")
    for label, make, name in INPUTS:
        if wanted and not any(label.startswith(w) for w in wanted):
            continue
        for size in args.sizes:
            data = make(size).encode()
            seconds, figures = cpu_seconds(data, name)
            per = seconds / (size / 100_000)
            print(f"{label:<32} {size:>9,} {figures:>8} {seconds:8.2f} {per:8.2f}", flush=True)


if __name__ == "__main__":
    main()
