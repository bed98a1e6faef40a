"""Load a national-scale synthetic ledger into PostgreSQL and time the portal's queries.

    .venv/bin/python benchmarks/ledger_queries.py [--commitments 1000000] [--reports-per 10]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--runs 200] [--keep]

Creates a fresh database ``luoshi_bench`` (dropped at the end unless --keep), runs
the migrations, loads governments, departments, reports, commitments, assignments,
progress reports and the status cache with COPY in batches, then prints p50/p99
of each query of ``luoshi.ledger.services.portal``. Goal: p99 < 100 ms. Not run
by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
from sqlalchemy import Engine, make_url, text

from luoshi.ledger.db import make_engine, upgrade
from luoshi.ledger.services import portal
from luoshi.ledger.status import STATUSES

DATABASE = "luoshi_bench"
GOVERNMENTS = 3_000  # 国家, 34 provinces, ~330 cities, ~2,800 counties
DEPARTMENTS_PER_GOVERNMENT = 30
BATCH = 200_000
CODES = list(STATUSES)
# How often each status turns up; a real ledger is mostly on track.
CODE_WEIGHTS = [5, 10, 8, 50, 5, 12, 6, 4]
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
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--reports-per", type=int, default=10, help="Progress reports each.")
    parser.add_argument("--runs", type=int, default=200, help="Timed runs of each query.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Reuse a loaded database.")
    return parser.parse_args()


def libpq(url: str) -> str:
    """A SQLAlchemy URL as a libpq connection string for psycopg."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(url: str, reuse: bool) -> str:
    admin = make_url(url).set(database="postgres")
    with psycopg.connect(libpq(admin.render_as_string(False)), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
        ).fetchone()
        if exists and not reuse:
            connection.execute(f"DROP DATABASE {DATABASE}")
        if not exists or not reuse:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    return make_url(url).set(database=DATABASE).render_as_string(False)


def drop_database(url: str) -> None:
    admin = make_url(url).set(database="postgres")
    with psycopg.connect(libpq(admin.render_as_string(False)), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


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
            codes = rng.choices(CODES, CODE_WEIGHTS, k=len(ids))
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
                "status_cache",
                "commitment_id, government_id, code, colour, as_of, explanation, value, "
                "reported_as_of",
                (
                    (
                        i,
                        g,
                        c,
                        STATUSES[c][0],
                        dt.date(2022, 6, 30),
                        "合成数据",
                        "0.5",
                        dt.date(2022, 5, 31),
                    )
                    for i, g, c in zip(ids, government, codes, strict=True)
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
                        str(k / 10),
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
        # What portal.refresh writes beside the cache.
        cursor.execute(
            "INSERT INTO status_counts (government_id, code, count) "
            "SELECT government_id, code, count(*) FROM status_cache GROUP BY government_id, code"
        )
        connection.commit()
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


def main() -> None:
    args = arguments()
    url = create_database(args.url, args.reuse)
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
        print(f"{'query':<36} {'p50 ms':>8} {'p99 ms':>8}")
        for name, make in queries.items():
            p50, p99 = timed(engine, args.runs, make)
            flag = "" if p99 < 100 else "  ← over the 100 ms goal"
            print(f"{name:<36} {p50:>8.1f} {p99:>8.1f}{flag}")
    finally:
        engine.dispose()
        if not args.keep:
            drop_database(args.url)


if __name__ == "__main__":
    main()
