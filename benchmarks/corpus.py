"""How fast ``luoshi batch`` runs a corpus: in process, on 1 and 2 local Dask workers, and
through a LocalCluster given by address.

    .venv/bin/python benchmarks/corpus.py [--count 10000] [--sample N] [--dir DIR]

Builds (once, cached in DIR) a corpus of COUNT report-shaped texts of 10–40k characters,
recombined from the real paragraphs of ../shared/corpus, a third each as .txt, .html and
.docx, with a manifest CSV. Then runs the first SAMPLE reports of it (default: all) through
``run_batch`` four ways and prints reports/s, MB/s of input, and each worker's peak memory
(ru_maxrss) at half-way and at the end (flat means memory does not grow with the corpus):

- in this process, no Dask (the baseline of the same run);
- a LocalCluster of 1 worker process, then of 2, each passed as the run's client;
- the 2-worker cluster again through its address, as ``luoshi batch --scheduler`` does.

Cluster start-up is not timed. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import functools
import html
import io
import logging
import random
import re
import resource
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from luoshi.corpus import run_batch

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
SMALLEST, LARGEST = 10_000, 40_000
FORMATS = ("txt", "html", "docx")
YEARS = range(2006, 2026)
TITLE = re.compile(r"\d{4}年(?P<government>\S+?)(?:人民)?政府工作报告")


def paragraphs() -> tuple[list[str], list[str]]:
    """Every non-empty paragraph of the shared corpus's text files, and the governments'
    names (from the provincial reports' titles)."""
    found: list[str] = []
    names: set[str] = set()
    for path in sorted(CORPUS.rglob("*.txt")):
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        found.extend(lines)
        title = TITLE.match(lines[0])
        if title:
            names.add(title["government"])
    return found, sorted(names)


def report_text(rng: random.Random, pool: list[str], government: str, year: int) -> list[str]:
    """A report-shaped list of paragraphs: a title, an opening, then real paragraphs."""
    lines = [
        f"{year}年{government}政府工作报告",
        f"——{year}年1月15日在{government}第十四届人民代表大会第三次会议上",
        "各位代表：",
    ]
    target = rng.randint(SMALLEST, LARGEST)
    size = sum(len(line) for line in lines)
    start = rng.randrange(len(pool))
    while size < target:
        # runs of consecutive paragraphs keep the report's headings and their text together
        for line in pool[start : start + rng.randint(3, 12)]:
            lines.append(line)
            size += len(line) + 1
        start = rng.randrange(len(pool))
    return lines


def write_report(path: Path, lines: list[str], format_: str) -> None:
    if format_ == "txt":
        path.write_text("\n".join(lines), "utf-8")
    elif format_ == "html":
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
        page = (
            '<html><head><meta charset="utf-8"><title>'
            f"{html.escape(lines[0])}</title></head><body>{body}</body></html>"
        )
        path.write_text(page, "utf-8")
    else:
        write_docx(path, lines)


def write_docx(path: Path, lines: list[str]) -> None:
    """A .docx of one paragraph per line: python-docx's blank document with our body
    (writing each through python-docx would take longer than the runs measured)."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in blank_docx().items():
            if name == "word/document.xml":
                data = DOCX_BODY.sub(f"<w:body>{body}\\1</w:body>", data.decode()).encode()
            archive.writestr(name, data)


DOCX_BODY = re.compile(r"<w:body>.*?(<w:sectPr.*?</w:sectPr>)?</w:body>", re.S)


@functools.cache
def blank_docx() -> dict[str, bytes]:
    import docx

    stream = io.BytesIO()
    docx.Document().save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def build(folder: Path, count: int, seed: int) -> Path:
    """The corpus's manifest; built when the folder does not hold one of ``count`` reports."""
    manifest = folder / f"manifest-{count}-{seed}.csv"
    if manifest.exists():
        return manifest
    pool, names = paragraphs()
    rng = random.Random(seed)
    started = time.perf_counter()
    rows = []
    for number in range(count):
        government, year = rng.choice(names), rng.choice(YEARS)
        format_ = FORMATS[number % len(FORMATS)]
        path = folder / f"{number // 1000:03d}" / f"report-{number:06d}.{format_}"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_report(path, report_text(rng, pool, government, year), format_)
        rows.append({"path": str(path.relative_to(folder)), "government": government, "year": year})
    with manifest.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["path", "government", "year"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"built {count:,} reports in {folder} in {time.perf_counter() - started:.0f} s")
    return manifest


def sample(manifest: Path, count: int) -> Path:
    if count <= 0:
        return manifest
    lines = manifest.read_text("utf-8").splitlines()[: count + 1]
    cut = manifest.with_name(f"{manifest.stem}-first-{count}.csv")
    cut.write_text("\n".join(lines) + "\n", "utf-8")
    return cut


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class HalfWay:
    """Reads each worker's peak memory when half of the reports are done."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.half = 0
        self.done = 0
        self.peaks: list[float] = []

    def start(self, total: int, already_done: int) -> None:
        self.half = (total - already_done) // 2

    def advance(self, reports: int, size: int) -> None:
        self.done += reports
        if not self.peaks and self.done >= self.half and self.client is not None:
            self.peaks = sorted(self.client.run(peak_rss_mib).values())


def cpu_seconds(client: Any) -> float:
    """CPU time used so far by the workers (or by this process when there is no client)."""
    if client is None:
        return time.process_time()
    return sum(client.run(time.process_time).values())


def measure(label: str, manifest: Path, baseline: float | None, **how: Any) -> float:
    out = Path(tempfile.mkdtemp(prefix="luoshi-bench-run-"))
    client = how.get("client")
    progress = HalfWay(client)
    cpu = cpu_seconds(client)
    try:
        summary = run_batch([str(manifest)], out / "run", progress=progress, **how)
    finally:
        shutil.rmtree(out)
    cpu = cpu_seconds(client) - cpu
    CPU_PER_REPORT.append(cpu / max(1, summary.processed))
    end = sorted(client.run(peak_rss_mib).values()) if client else [peak_rss_mib()]
    half = ", ".join(f"{mib:.0f}" for mib in progress.peaks) or "-"
    speedup = f"  x{summary.reports_per_second / baseline:.2f}" if baseline else ""
    print(
        f"{label:<34} {summary.processed:>6,} reports {summary.seconds:7.1f} s "
        f"{summary.reports_per_second:7.1f} reports/s {summary.megabytes_per_second:6.2f} MB/s"
        f"{speedup}  peak MiB per worker: half-way {half}; end "
        + ", ".join(f"{mib:.0f}" for mib in end)
        + f"  CPU {cpu / max(1, summary.processed) * 1000:.0f} ms/report"
        + (f"  ({summary.failed} failed)" if summary.failed else "")
    )
    return summary.reports_per_second


CPU_PER_REPORT: list[float] = []
NATIONAL_CORPUS = 60_000
CORES = 2


def cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="reports in the corpus")
    parser.add_argument("--sample", type=int, default=0, help="reports run per way (0: all)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "luoshi-bench-corpus"
    )
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    manifest = sample(build(args.dir, args.count, args.seed), args.sample)
    from distributed import Client

    import luoshi.extraction.extractor as extractor

    compiled = (extractor.__file__ or "").endswith(".so")
    print(f"luoshi extraction: {'compiled (mypyc wheel)' if compiled else 'plain Python'}")
    baseline = measure("in process (no Dask; baseline)", manifest, None, workers=0)
    for workers in (1, 2):
        with cluster(workers) as local, Client(local, set_as_default=False) as client:
            measure(f"{workers} local worker(s)", manifest, baseline, client=client)
            if workers == 2:
                with Client(local.scheduler_address, set_as_default=False) as remote:
                    measure("LocalCluster by address (2)", manifest, baseline, client=remote)
    best = min(CPU_PER_REPORT)
    print(
        f"projection: {NATIONAL_CORPUS:,} reports at {best * 1000:.0f} ms of CPU each on "
        f"{CORES} free cores: {NATIONAL_CORPUS * best / CORES / 60:.0f} min (the wall-clock "
        "figures above are lower when other work shares the cores)"
    )


if __name__ == "__main__":
    main()
