"""Load a national-scale synthetic ledger into PostgreSQL, refresh its statuses, time the queries.

    .venv/bin/python benchmarks/ledger_queries.py [--scale national|small] [--commitments N]
        [--reports-per 10] [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
        [--runs 200] [--keep] [--database luoshi_bench]

Creates a fresh database (dropped at the end unless --keep), runs the migrations,
loads governments, departments, reports, commitments, assignments and progress
reports with COPY in batches, then
- runs the real full status refresh (``refresh.refresh_cache``) in one process and then
  in ``--workers`` processes, and prints the time, the CPU seconds and the peak memory
  of each (goal: < 60 s and < 1 GiB at 1M commitments / 10M reports);
- prints p50/p99 of each query of ``luoshi.ledger.services.portal`` (goal: p99 < 100 ms);
- files 1,000 new approved reports, runs the incremental refresh and prints its time
  (goal: < 1 s), then the queries' p50/p99 again.
``--scale small`` (5,000 commitments) takes seconds; tests/ledger/test_benchmarks.py
runs it. Not otherwise run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, make_url, text

from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.services import portal
from luoshi.ledger.services.refresh import refresh_cache
from luoshi.ledger.status import STATUSES, Tolerance

# Scales: commitments, progress reports each.
SCALES = {"national": (1_000_000, 10), "small": (5_000, 10)}
NEW_REPORTS = 1_000
TODAY = dt.date(2022, 6, 30)
GOVERNMENTS = 3_000  # 国家, 34 provinces, ~330 cities, ~2,800 counties
DEPARTMENTS_PER_GOVERNMENT = 30
BATCH = 200_000
CODES = list(STATUSES)
NOW = dt.datetime(2022, 6, 30, 12)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "LUOSHI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
        help="A PostgreSQL server to create the benchmark database on.",
    )
    parser.add_argument("--scale", choices=SCALES, default="national")
    parser.add_argument("--commitments", type=int, help="Instead of the scale's number.")
    parser.add_argument("--reports-per", type=int, help="Progress reports each.")
    parser.add_argument("--database", default="luoshi_bench", help="Created and dropped.")
    parser.add_argument("--runs", type=int, default=200, help="Timed runs of each query.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Reuse a loaded database.")
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="Processes of the second full refresh (the first runs in one, the baseline).",
    )
    args = parser.parse_args()
    commitments, reports_per = SCALES[args.scale]
    args.commitments = args.commitments or commitments
    args.reports_per = args.reports_per or reports_per
    return args


def libpq(url: str) -> str:
    """A SQLAlchemy URL as a libpq connection string for psycopg."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(url: str, database: str, reuse: bool) -> str:
    admin = make_url(url).set(database="postgres")
    with psycopg.connect(libpq(admin.render_as_string(False)), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
        ).fetchone()
        if exists and not reuse:
            connection.execute(f"DROP DATABASE {database}")
        if not exists or not reuse:
            connection.execute(f"CREATE DATABASE {database}")
    return make_url(url).set(database=database).render_as_string(False)


def drop_database(url: str, database: str) -> None:
    admin = make_url(url).set(database="postgres")
    with psycopg.connect(libpq(admin.render_as_string(False)), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database}")


def copy(
    cursor: psycopg.Cursor[Any], table: str, columns: str, rows: Iterator[tuple[Any, ...]]
) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as writer:
        for row in rows:
            writer.write_row(row)
            count += 1
    return count


def load(url: str, commitments: int, reports_per: int) -> None:
    rng = random.Random(2022)
    departments = GOVERNMENTS * DEPARTMENTS_PER_GOVERNMENT
    with psycopg.connect(libpq(url)) as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        # A bulk load marks nothing stale (the first refresh is a full one anyway).
        cursor.execute("SET session_replication_role = replica")
        copy(
            cursor,
            "governments",
            "id, name, level, region_code, credit_code, version",
            ((g, f"政府{g}", "县", f"{620000 + g:06d}", "", 1) for g in range(1, GOVERNMENTS + 1)),
        )
        copy(
            cursor,
            "departments",
            "id, government_id, name, version",
            (
                (d, (d - 1) // DEPARTMENTS_PER_GOVERNMENT + 1, f"部门{d}", 1)
                for d in range(1, departments + 1)
            ),
        )
        copy(
            cursor,
            "reports",
            "id, government_id, title, year, plan_year, edition, state, source, sha256, text, "
            "meta, outline, version",
            (
                (
                    g,
                    g,
                    "2022年政府工作报告",
                    2021,
                    2022,
                    "final",
                    "published",
                    "",
                    f"{g:064x}",
                    "……",
                    "{}",
                    "[]",
                    1,
                )
                for g in range(1, GOVERNMENTS + 1)
            ),
        )
        connection.commit()
        for first in range(1, commitments + 1, BATCH):
            ids = range(first, min(first + BATCH, commitments + 1))
            government = [rng.randint(1, GOVERNMENTS) for _ in ids]
            copy(
                cursor,
                "commitments",
                'id, report_id, government_id, weight, type, title, start, "end", quote, '
                "section, period, indicator, measure, cumulative, comparator, target, unit, "
                "review_state, review_reason, version",
                (
                    (
                        i,
                        g,
                        g,
                        "1",
                        "量化指标",
                        f"承诺{i}",
                        0,
                        10,
                        "城镇新增就业1.5万人",
                        "[]",
                        "2022",
                        "城镇新增就业",
                        "level",
                        True,
                        ">=",
                        "1.5",
                        "万人",
                        "confirmed" if i % 10 else "proposed",
                        "",
                        1,
                    )
                    for i, g in zip(ids, government, strict=True)
                ),
            )
            copy(
                cursor,
                "assignments",
                "id, commitment_id, lead_id, due, cycle, starts, version",
                (
                    (
                        i,
                        i,
                        (g - 1) * DEPARTMENTS_PER_GOVERNMENT + rng.randint(1, 30),
                        dt.date(2022, 12, 31),
                        "monthly",
                        dt.date(2022, 1, 1),
                        1,
                    )
                    for i, g in zip(ids, government, strict=True)
                ),
            )
            copy(
                cursor,
                "progress_reports",
                "id, commitment_id, department_id, contribution, as_of, value, milestone, done, "
                "next_steps, problems, support, state, state_reason, author, created_at, version",
                (
                    (
                        (i - 1) * reports_per + k + 1,
                        i,
                        1,
                        False,
                        dt.date(2022, 1, 1) + dt.timedelta(30 * k),
                        str(k * (i % 7 + 1) / 40),
                        "none",
                        "已完成",
                        "",
                        "",
                        "",
                        "approved",
                        "",
                        "bench",
                        NOW,
                        1,
                    )
                    for i in ids
                    for k in range(reports_per)
                ),
            )
            connection.commit()
            done = ids[-1]
            print(f"  loaded {done:,} commitments ({time.perf_counter() - started:.0f} s)")
        print(f"loaded in {time.perf_counter() - started:.0f} s")
    vacuum(url)


def vacuum(url: str) -> None:
    """Set hint bits and the visibility map once, as autovacuum would, and gather statistics.

    Without it the first reads of freshly copied pages write them back, which
    times the load rather than the queries.
    """
    started = time.perf_counter()
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        connection.execute("VACUUM (FREEZE, ANALYZE)")
    print(f"vacuumed in {time.perf_counter() - started:.0f} s")


def timed(engine: Engine, runs: int, make: Callable[[random.Random], Any]) -> tuple[float, float]:
    rng = random.Random(7)
    samples = []
    with engine.connect() as connection:
        connection.execute(make(rng)).all()  # warm the plan and the cache
        for _ in range(runs):
            query = make(rng)
            started = time.perf_counter()
            connection.execute(query).all()
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def peak_rss_reset() -> None:
    """Start the process's peak resident memory (VmHWM) over from its current size (Linux)."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def server_cpu(pid: int) -> float | None:
    """CPU seconds a PostgreSQL backend has used, when the server runs on this machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (every process, PostgreSQL's included)."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def refreshed(
    engine: Engine, today: dt.date, full: bool, workers: int = 1
) -> tuple[float, int, float, str]:
    """Seconds, statuses computed, peak memory (MiB) and CPU seconds of one cache refresh.

    On a shared machine the wall time mostly measures the other processes; the CPU seconds
    of this process (and its workers) and of its PostgreSQL backend measure the refresh's
    own work. The whole machine's busy seconds add the workers' backends (on a quiet
    machine, they are the refresh's).
    """
    factory = session_factory(engine)
    peak_rss_reset()
    started, cpu, busy = time.perf_counter(), own_cpu(), machine_busy()
    with unit_of_work(factory) as session:
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        server = server_cpu(pid)
        done = refresh_cache(session, Tolerance(), today, full=full, workers=workers)
        after = server_cpu(pid)
    seconds = time.perf_counter() - started
    used = f"CPU {own_cpu() - cpu:.1f} s here"
    if done.workers > 1:
        used += f" and in {done.workers} workers"
    if server is not None and after is not None:
        used += f" + {after - server:.1f} s in PostgreSQL"
        if done.workers > 1:
            used += " (this connection's)"
    used += f"; machine busy {machine_busy() - busy:.1f} s"
    peak = peak_rss_mib()
    if done.workers > 1:  # the largest worker's peak, for each of them
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        used += f"; peak memory here {peak:,.0f} MiB + {done.workers} × ≤ {worker:,.0f} MiB"
        peak += done.workers * worker
    return seconds, done.computed, peak, used


def file_new_reports(url: str, commitments: int, count: int) -> None:
    """``count`` approved reports on as many commitments, through the triggers (not a bulk load)."""
    rng = random.Random(11)
    chosen = rng.sample(range(1, commitments + 1), min(count, commitments))
    with psycopg.connect(libpq(url)) as connection:
        first = connection.execute("SELECT max(id) FROM progress_reports").fetchone()
        start = (first[0] if first else 0) or 0
        connection.cursor().executemany(
            "INSERT INTO progress_reports (id, commitment_id, department_id, contribution, as_of, "
            "value, milestone, done, next_steps, problems, support, state, state_reason, author, "
            "created_at, version) VALUES (%s, %s, 1, false, %s, %s, 'none', '', '', '', '', "
            "'approved', '', 'bench', %s, 1)",
            [
                (start + n + 1, cid, TODAY - dt.timedelta(days=1), "1.6", NOW)
                for n, cid in enumerate(chosen)
            ],
        )


def print_queries(engine: Engine, runs: int, queries: dict[str, Any]) -> None:
    print(f"{'query':<36} {'p50 ms':>8} {'p99 ms':>8}")
    for name, make in queries.items():
        p50, p99 = timed(engine, runs, make)
        flag = "" if p99 < 100 else "  ← over the 100 ms goal"
        print(f"{name:<36} {p50:>8.1f} {p99:>8.1f}{flag}")


def main() -> None:
    args = arguments()
    url = create_database(args.url, args.database, args.reuse)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            loaded = connection.execute(
                text("SELECT to_regclass('commitments') IS NOT NULL")
            ).scalar()
        if not (args.reuse and loaded):
            upgrade(engine)
            print(
                f"loading {args.commitments:,} commitments, "
                f"{args.commitments * args.reports_per:,} progress reports"
            )
            load(url, args.commitments, args.reports_per)
        print(f"load average before the refresh: {os.getloadavg()[0]:.1f} (2 cores)")
        for workers in sorted({1, args.workers}):
            seconds, computed, peak, used = refreshed(engine, TODAY, full=True, workers=workers)
            print(
                f"full refresh, {workers} process(es): {computed:,} statuses in {seconds:.1f} s "
                f"({computed / seconds:,.0f}/s; {used}), peak memory {peak:,.0f} MiB"
                + ("" if seconds < 60 else "  ← over the 60 s goal")
                + ("" if peak < 1024 else "  ← over the 1 GiB goal")
            )
        vacuum(url)
        queries: dict[str, Callable[[random.Random], Any]] = {
            "page of 50 of a government": lambda r: portal.page(r.randint(1, GOVERNMENTS)),
            "… filtered by status": lambda r: portal.page(
                r.randint(1, GOVERNMENTS), r.choice(CODES)
            ),
            "… filtered by department": lambda r: portal.page(
                (d := r.randint(1, GOVERNMENTS * DEPARTMENTS_PER_GOVERNMENT) - 1)
                // DEPARTMENTS_PER_GOVERNMENT
                + 1,
                department_id=d + 1,
            ),
            "… next page (keyset)": lambda r: portal.page(
                r.randint(1, GOVERNMENTS), after_id=r.randint(1, args.commitments)
            ),
            "counts by status, a government": lambda r: portal.counts(r.randint(1, GOVERNMENTS)),
            "counts by status, national": lambda r: portal.counts(),
            "latest approved report, detail view": lambda r: portal.latest_approved(
                [r.randint(1, args.commitments)]
            ),
        }
        print("queries after the full refresh")
        print_queries(engine, args.runs, queries)
        file_new_reports(url, args.commitments, NEW_REPORTS)
        seconds, computed, peak, used = refreshed(engine, TODAY, full=False)
        print(
            f"incremental refresh after {NEW_REPORTS:,} new reports: {computed:,} statuses "
            f"in {seconds:.2f} s ({used}), peak memory {peak:,.0f} MiB"
            + ("" if seconds < 1 else "  ← over the 1 s goal")
        )
        print("queries after the incremental refresh")
        print_queries(engine, args.runs, queries)
    finally:
        engine.dispose()
        if not args.keep:
            drop_database(args.url, args.database)


if __name__ == "__main__":
    main()
