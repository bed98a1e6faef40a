"""How fast ``luoshi batch`` runs a corpus: in process, on 1 and 2 local Dask workers, and
through a LocalCluster given by address; plain Python and the compiled wheel.

    .venv/bin/python benchmarks/corpus.py [--count 10000] [--sample N] [--dir DIR] [--jobs 2]

Builds a corpus of COUNT report-shaped texts of 10–40k characters, recombined from the real
paragraphs of ../shared/corpus, a third each as .txt, .html and .docx, with a manifest CSV.
The build is cached in DIR under a name made of its parameters (count, seed, build version)
and reused by every later run; it is made by JOBS processes, each report from its own seed,
so the same parameters give the same files however many processes build them.

Then, for each Python found (this one, and ``.venv-compiled/bin/python`` when ``make compiled``
has made it: luoshi's wheel with the extraction and reading modules compiled by mypyc), the
first SAMPLE reports (default: all) are run through ``run_batch`` four ways:

- in one process, no Dask (the baseline of the same run);
- a fresh LocalCluster of 1 worker process, then of 2, each passed as the run's client;
- a fresh 2-worker LocalCluster reached through its address, as ``luoshi batch --scheduler``.

Each way prints reports/s, MB/s of input, CPU ms per report (the workers' and the caller's,
which reads the results and writes Parquet), the speed-up over 1 worker of the same
Python, each worker's peak memory (ru_maxrss) at half-way and at the end (flat means memory
does not grow with the corpus), and the load average before and after. Last comes the
projection of the 60,000-report national corpus from the measured 2-worker rate, and from
the 2-worker CPU per report on free cores (what a quiet machine would give). Cluster
start-up is not timed. Not part of the test suite.

For the lead's rerun on a quiet machine (a few minutes; the first run builds the corpus):

    make compiled && .venv/bin/python benchmarks/corpus.py --count 10000 --sample 1000
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import logging
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
COMPILED_PYTHON = REPO / ".venv-compiled" / "bin" / "python"
SMALLEST, LARGEST = 10_000, 40_000
FORMATS = ("txt", "html", "docx")
YEARS = range(2006, 2026)
TITLE = re.compile(r"\d{4}年(?P<government>\S+?)(?:人民)?政府工作报告")
BUILD_VERSION = 2  # raise when the build makes other files from the same parameters
BUILD_BATCH = 250  # reports a build process makes per task
NATIONAL_CORPUS = 60_000
GOAL_MINUTES = 10
GOAL_SCALING = 1.8


# ---- the corpus -------------------------------------------------------------------------


@cache
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
    members, before, after = blank_docx()
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("word/document.xml", f"{before}{body}{after}".encode())


DOCX_BODY = re.compile(r"<w:body>.*?(<w:sectPr.*?</w:sectPr>)?</w:body>", re.S)


@cache
def blank_docx() -> tuple[dict[str, bytes], str, str]:
    """python-docx's blank document: its members but the main part, and the main part's
    text before and after the body's paragraphs."""
    import docx

    stream = io.BytesIO()
    docx.Document().save(stream)
    with zipfile.ZipFile(stream) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    main = members.pop("word/document.xml").decode()
    body = DOCX_BODY.search(main)
    assert body is not None, "python-docx's blank document has no w:body"
    return (
        members,
        main[: body.start()] + "<w:body>",
        (body[1] or "") + "</w:body>" + main[body.end() :],
    )


def report_path(number: int) -> str:
    return f"{number // 1000:03d}/report-{number:06d}.{FORMATS[number % len(FORMATS)]}"


def build_some(folder: Path, seed: int, numbers: range) -> list[dict[str, Any]]:
    """Write reports ``numbers`` of the corpus; each from its own seed."""
    pool, names = paragraphs()
    rows = []
    for number in numbers:
        rng = random.Random(f"{seed}-{number}")
        government, year = rng.choice(names), rng.choice(YEARS)
        relative = report_path(number)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_report(path, report_text(rng, pool, government, year), FORMATS[number % 3])
        rows.append({"path": relative, "government": government, "year": year})
    return rows


def build(base: Path, count: int, seed: int, jobs: int) -> Path:
    """The corpus's manifest, built unless a complete build of the same parameters is there
    (the manifest is written last, so its presence means every report is)."""
    folder = base / f"corpus-{count}-seed{seed}-v{BUILD_VERSION}"
    manifest = folder / "manifest.csv"
    if manifest.exists():
        print(f"corpus: {count:,} reports in {folder} (built before, reused)")
        return manifest
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    batches = [range(i, min(i + BUILD_BATCH, count)) for i in range(0, count, BUILD_BATCH)]
    with ProcessPoolExecutor(jobs) as pool:
        done = pool.map(build_some, [folder] * len(batches), [seed] * len(batches), batches)
        rows = [row for batch in done for row in batch]
    aside = manifest.with_suffix(".tmp")
    with aside.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["path", "government", "year"])
        writer.writeheader()
        writer.writerows(rows)
    aside.replace(manifest)
    seconds = time.perf_counter() - started
    print(f"corpus: built {count:,} reports in {folder} in {seconds:.0f} s ({jobs} processes)")
    return manifest


def sample(manifest: Path, count: int) -> Path:
    if count <= 0:
        return manifest
    lines = manifest.read_text("utf-8").splitlines()[: count + 1]
    cut = manifest.with_name(f"manifest-first-{count}.csv")
    cut.write_text("\n".join(lines) + "\n", "utf-8")
    return cut


# ---- the runs ---------------------------------------------------------------------------


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


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
        if not self.peaks and self.done >= self.half:
            self.peaks = worker_peaks(self.client)


def worker_peaks(client: Any) -> list[float]:
    if client is None:
        return [peak_rss_mib()]
    return sorted(client.run(peak_rss_mib).values())


def worker_cpu(client: Any) -> float:
    """CPU seconds used so far by the workers (0 when the run is in this process)."""
    return sum(client.run(time.process_time).values()) if client is not None else 0.0


@dataclass(slots=True)
class Way:
    label: str
    reports: int
    seconds: float
    rate: float
    cpu_ms: float  # the workers' and the caller's CPU per report


def measure(label: str, manifest: Path, one_worker: float | None, chunk: int, **how: Any) -> Way:
    from luoshi.corpus import run_batch

    out = Path(tempfile.mkdtemp(prefix="luoshi-bench-run-"))
    client = how.get("client")
    progress = HalfWay(client)
    before = load()
    workers, caller = worker_cpu(client), time.process_time()
    try:
        summary = run_batch(
            [str(manifest)], out / "run", progress=progress, chunk_size=chunk, **how
        )
    finally:
        shutil.rmtree(out)
    reports = max(1, summary.processed)
    caller = (time.process_time() - caller) / reports * 1000
    workers = (worker_cpu(client) - workers) / reports * 1000
    half = ", ".join(f"{mib:.0f}" for mib in progress.peaks) or "-"
    end = ", ".join(f"{mib:.0f}" for mib in worker_peaks(client))
    rate = summary.reports_per_second
    speedup = f"x{rate / one_worker:.2f} vs 1 worker" if one_worker else ""
    cpu = f"CPU {caller + workers:.0f} ms/report"
    if client is not None:
        cpu += f" (workers {workers:.0f}, caller {caller:.0f})"
    print(
        f"  {label:<30} {summary.processed:>6,} reports {summary.seconds:7.1f} s "
        f"{rate:6.1f} reports/s {summary.megabytes_per_second:5.2f} MB/s  {speedup:<16}  "
        f"{cpu}  peak MiB per worker: half-way {half}; end {end}  load {before} → {load()}"
        + (f"  ({summary.failed} failed)" if summary.failed else ""),
        flush=True,
    )
    return Way(label, summary.processed, summary.seconds, rate, caller + workers)


def cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )


def run_all(manifest: Path, chunk: int) -> None:
    """The four ways, in this Python; the last line is the 2-worker rate, for the caller."""
    from distributed import Client

    import luoshi.extraction.extractor as extractor

    compiled = (extractor.__file__ or "").endswith(".so")
    print(f"luoshi {'compiled (mypyc wheel)' if compiled else 'plain Python'}: {sys.executable}")
    measure("in process (no Dask)", manifest, None, chunk, workers=0)
    one = 0.0
    for workers in (1, 2):
        with cluster(workers) as local, Client(local, set_as_default=False) as client:
            way = measure(f"{workers} local worker(s)", manifest, one, chunk, client=client)
        one = one or way.rate
        if workers == 2:
            two, cpu_ms = way.rate, way.cpu_ms
            print(
                f"  scaling 1 → 2 workers: x{two / one:.2f} "
                f"(goal ≥ {GOAL_SCALING}: {'met' if two / one >= GOAL_SCALING else 'not met'})"
            )
    with cluster(2) as local, Client(local.scheduler_address, set_as_default=False) as remote:
        measure("LocalCluster by address (2)", manifest, one, chunk, client=remote)
    minutes = NATIONAL_CORPUS / two / 60
    print(
        f"  projection: {NATIONAL_CORPUS:,} reports at the 2-worker rate ({two:.1f} reports/s): "
        f"{minutes:.1f} min (goal < {GOAL_MINUTES} min: "
        f"{'met' if minutes < GOAL_MINUTES else 'not met'}; load {load()})",
    )
    cores = os.cpu_count() or 1
    print(
        f"  at the 2-worker CPU per report ({cpu_ms:.0f} ms) on {cores} free cores: "
        f"{NATIONAL_CORPUS * cpu_ms / 1000 / cores / 60:.1f} min (what the rate would be "
        "on this machine with nothing else running)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="reports in the corpus")
    parser.add_argument("--sample", type=int, default=0, help="reports run per way (0: all)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build processes")
    parser.add_argument("--chunk-size", type=int, default=0, help="reports per task (0: default)")
    parser.add_argument(
        "--python",
        action="append",
        help="run with this Python (repeatable; default: this one and .venv-compiled's)",
    )
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "luoshi-bench-corpus"
    )
    parser.add_argument("--run-here", type=Path, help=argparse.SUPPRESS)  # a manifest to run
    args = parser.parse_args()
    if not args.chunk_size:
        from luoshi.corpus.runner import DEFAULT_CHUNK_SIZE

        args.chunk_size = DEFAULT_CHUNK_SIZE
    if args.run_here:
        run_all(args.run_here, args.chunk_size)
        return
    print(f"load average {load()} on {os.cpu_count()} cores ({time.strftime('%Y-%m-%d %H:%M')})")
    manifest = sample(build(args.dir, args.count, args.seed, args.jobs), args.sample)
    pythons = [str(Path(python).absolute()) for python in args.python or []] or [sys.executable] + (
        [str(COMPILED_PYTHON)] if COMPILED_PYTHON.exists() else []
    )
    if not args.python and len(pythons) == 1:
        print("(no .venv-compiled: `make compiled` builds the wheel; plain Python only)")
    print(f"chunk size {args.chunk_size}; {manifest}")
    for python in pythons:
        # each Python in its own process, so neither's imports or caches help the other
        command = [python, __file__, "--run-here", str(manifest), "--chunk-size"]
        subprocess.run([*command, str(args.chunk_size)], check=True, cwd=REPO / "benchmarks")


if __name__ == "__main__":
    main()
