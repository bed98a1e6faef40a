"""The portal under load, as deployed: ``luoshi serve --workers 2`` on loopback, 50 clients.

    .venv/bin/python benchmarks/portal.py [--backend sqlite|postgres|both] [--seconds 8]
        [--clients 50] [--workers 2] [--commitments 50000]

For each backend it starts the portal in a subprocess, then, page by page, keeps ``--clients``
concurrent clients (httpx, async, keep-alive) requesting it for ``--seconds`` and prints
p50/p99 latency and requests/s. The first row is a baseline in the same run: a static file,
the floor this machine and this load generator reach. Goal: p99 < 50 ms.

- sqlite: the demo ledger of the 武威 2022 report (``luoshi serve --demo``).
- postgres: a fresh database ``luoshi_portal_bench`` on LUOSHI_TEST_POSTGRES_URL's server,
  holding the ledger benchmark's synthetic ledger of 3,000 governments (``--commitments``
  commitments with 4 progress reports each) and the same demo ledger, whose pages are timed.
  Dropped at the end unless --keep.

The load generator runs on the same 2 cores as the server, so the figures are upper bounds
of what the server alone would need. Not run by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg
from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).parent))
import ledger_queries
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, upgrade

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "corpus" / "wuwei-2022-work-report.txt"
DATABASE = "luoshi_portal_bench"
GOAL_MS = 50.0
STARTUP_SECONDS = 300
LUOSHI = Path(sys.executable).with_name("luoshi")


@dataclass(frozen=True)
class Figures:
    """One page under load: latencies in ms, how many answered, how many failed."""

    p50: float
    p99: float
    per_second: float
    requests: int
    failed: int


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=8.0, help="Load time per page.")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients.")
    parser.add_argument("--workers", type=int, default=2, help="Server worker processes.")
    parser.add_argument(
        "--commitments", type=int, default=50_000, help="Synthetic commitments (postgres)."
    )
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "LUOSHI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="A PostgreSQL server to create the benchmark database on.",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the PostgreSQL database.")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(
    arguments: list[str], environment: dict[str, str], log: Path
) -> tuple[str, subprocess.Popen[bytes]]:
    """``luoshi serve`` in a subprocess; its address once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(LUOSHI), "serve", "--port", str(port), *arguments],
        env={**os.environ, **environment},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the portal exited:\n{log.read_text()}")
        try:
            # A static file: the home page lists every government and may be slow itself.
            if httpx.get(f"{url}/static/favicon.svg", timeout=5).status_code == 200:
                return url, server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the portal did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


def pages(url: str) -> dict[str, str]:
    """The pages to time, found through the API: the 武威 report, its ledger, a commitment."""
    home = httpx.get(f"{url}/index.json", timeout=120).json()
    report = next(
        r["id"] for g in home["governments"] if g["name"] == "武威市" for r in g["reports"]
    )
    ledger = httpx.get(f"{url}/reports/{report}/ledger.json", timeout=60).json()
    commitment = ledger["rows"][len(ledger["rows"]) // 2]["id"]
    return {
        "baseline: static file": "/static/favicon.svg",
        "report page": f"/reports/{report}",
        "ledger page": f"/reports/{report}/ledger",
        "commitment page": f"/commitments/{commitment}",
        "search (高标准农田)": f"/search?q={quote('高标准农田')}",
        "ledger JSON twin": f"/reports/{report}/ledger.json",
    }


async def load(url: str, path: str, clients: int, seconds: float) -> Figures:
    """``clients`` clients requesting ``path`` back to back for ``seconds`` (after a warm-up)."""
    latencies: list[float] = []
    failed = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    # A reader's browser, so that the report page counts views as it would for people.
    headers = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"}
    async with httpx.AsyncClient(
        base_url=url, limits=limits, headers=headers, timeout=30
    ) as client:

        async def reader(until: float, record: bool) -> None:
            nonlocal failed
            while time.perf_counter() < until:
                started = time.perf_counter()
                response = await client.get(path)
                if not record:
                    continue
                if response.status_code == 200:
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    failed += 1

        warm = time.perf_counter() + 1
        await asyncio.gather(*(reader(warm, False) for _ in range(clients)))
        started = time.perf_counter()
        until = started + seconds
        await asyncio.gather(*(reader(until, True) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        return Figures(0, 0, 0, 0, failed)
    return Figures(
        p50=statistics.median(latencies),
        p99=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        per_second=len(latencies) / elapsed,
        requests=len(latencies),
        failed=failed,
    )


def report(title: str, url: str, args: argparse.Namespace) -> None:
    """Each page alone (one client: the time to serve it), then under ``--clients`` clients."""
    print(f"\n{title}: {args.clients} clients, {args.workers} workers, {args.seconds:.0f} s a page")
    print(
        f"{'page':<22} {'1 client p50':>12} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7} {'failed':>6}"
    )
    for name, path in pages(url).items():
        alone = asyncio.run(load(url, path, 1, min(3.0, args.seconds)))
        figures = asyncio.run(load(url, path, args.clients, args.seconds))
        flag = "" if figures.p99 < GOAL_MS or name.startswith("baseline") else "  ← over 50 ms"
        label = name + " " * (22 - len(name) - sum(1 for c in name if ord(c) > 0x2E80))
        print(
            f"{label} {alone.p50:>12.1f} {figures.p50:>8.1f} {figures.p99:>8.1f} "
            f"{figures.per_second:>7.0f} {figures.failed + alone.failed:>6}{flag}",
            flush=True,
        )


def run_sqlite(args: argparse.Namespace, folder: Path) -> None:
    url, server = serve(
        ["--workers", str(args.workers), "--demo", str(REPORT), "--demo-dir", str(folder / "demo")],
        {},
        folder / "sqlite.log",
    )
    try:
        report("SQLite, the demo ledger (64 commitments)", url, args)
    finally:
        server.terminate()
        server.wait(timeout=30)


def postgres_ledger(args: argparse.Namespace, folder: Path) -> str:
    """A fresh database: the synthetic 3,000-government ledger, then the demo ledger."""
    admin = make_url(args.url).set(database="postgres").render_as_string(False)
    with psycopg.connect(ledger_queries.libpq(admin), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    url = make_url(args.url).set(database=DATABASE).render_as_string(False)
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    print(f"loading {args.commitments:,} synthetic commitments of 3,000 governments …")
    ledger_queries.load(url, args.commitments, 4)
    with psycopg.connect(ledger_queries.libpq(url), autocommit=True) as connection:
        # The loader wrote explicit ids; move each id sequence past them before the demo adds rows.
        connection.execute(
            """DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public'
                AND (column_default LIKE 'nextval%' OR is_identity = 'YES') LOOP
              EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L),
                  coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
                  r.table_name, r.column_name, r.column_name, r.table_name);
            END LOOP; END $$"""
        )
    demo.build(session_factory(engine), REPORT, folder / "evidence")
    engine.dispose()
    print(f"loaded in {time.perf_counter() - started:.0f} s")
    return url


def run_postgres(args: argparse.Namespace, folder: Path) -> None:
    url = postgres_ledger(args, folder)
    try:
        address, server = serve(
            ["--workers", str(args.workers)],
            {
                "LUOSHI_DATABASE_URL": url,
                "LUOSHI_EVIDENCE_DIR": str(folder / "evidence"),
                "LUOSHI_STATUS_DATE": demo.AS_OF.isoformat(),
                "LUOSHI_PORTAL_DEMO": "true",
            },
            folder / "postgres.log",
        )
        try:
            report(
                f"PostgreSQL, {args.commitments:,} synthetic commitments of 3,000 governments "
                "+ the demo ledger",
                address,
                args,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if not args.keep:
            admin = make_url(args.url).set(database="postgres").render_as_string(False)
            with psycopg.connect(ledger_queries.libpq(admin), autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory(prefix="luoshi-portal-bench-") as temporary:
        folder = Path(temporary)
        if args.backend in ("sqlite", "both"):
            run_sqlite(args, folder)
        if args.backend in ("postgres", "both"):
            run_postgres(args, folder)


if __name__ == "__main__":
    main()
