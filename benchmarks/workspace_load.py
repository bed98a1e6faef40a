"""The workspace under load: departments filing progress while readers browse the portal.

    .venv/bin/python benchmarks/workspace_load.py [--users 200] [--readers 50] [--seconds 120]
        [--think 20] [--arrival 60] [--workers 2] [--conflicts 0.2]
        [--url postgresql+psycopg://…] [--database NAME] [--keep]

On a fresh PostgreSQL database (created on LUOSHI_TEST_POSTGRES_URL's server, migrated, filled
with the demo ledger of the 武威 2022 report and ``--users`` department reporters spread over its
departments), ``luoshi serve --workers N`` runs on loopback. For ``--seconds`` the users arrive,
each at a random moment of the first ``--arrival`` seconds, and sign in; then each, as a liaison
officer would, opens the department's 待办, files a draft on one of its commitments, edits it and
submits it, over and over, pausing to read and type before each of these four actions (think
time: exponential around ``--think`` seconds, as TPC-W draws it; 20 by default, a page read
or a figure typed; ``--think 0`` sends back to back, a stress test). The user follows each
answer's redirect to the report's page, as a browser does. A share of the edits
(``--conflicts``) are sent twice at once with the same version, as two colleagues would.
Meanwhile ``--readers`` readers browse the portal, one page per think time, and a baseline
client fetches a static file (this machine's floor in the same run).

It prints the load offered (the requests per second the clients would send were every answer
instant) and achieved, the load generator's own CPU time, p50/p99 per action and counts, then
checks the database: every report a client was told it filed exists once (none lost, none
duplicated, none unannounced), each holds the last edit the client was told succeeded and the
state it was left in, and every doubled edit got one success and one 409 — never a 500. Goal:
p99 < 200 ms for the writes. Exit 1 when a check fails. The load generator (httpx, async, one
process) shares the machine's cores with the server and the database: the figures are upper
bounds. ``tests/web/test_workspace_load.py`` runs it small as a smoke test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).parent))
from luoshi.ledger import demo
from workspace_setup import PASSWORD, drop_database, fill, fresh_database, libpq, serve

GOAL_MS = 200.0
WRITES = ("file", "edit", "submit")
# Sign-ins at once: argon2 is meant to be slow; 200 at the same instant (``--arrival 0``) only
# starve the workers (uvicorn restarts one that misses its health check).
SIGNING_IN_AT_ONCE = 8
# Idle connections are dropped before uvicorn's 5 s keep-alive ends: never sent on a closed one.
LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=2.0)
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')  # every form of the page carries it
# A user's round: four actions, each after a pause (待办; file + its page; edit + its page;
# submit + its page), seven requests (eight when the edit is doubled).
ROUND_ACTIONS = 4
ROUND_REQUESTS = 7
BASELINE_PAUSE = 0.05  # seconds between two fetches of the static file


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="Department users filing.")
    parser.add_argument("--readers", type=int, default=50, help="Portal readers browsing.")
    parser.add_argument("--seconds", type=float, default=120.0, help="How long the load lasts.")
    parser.add_argument(
        "--think",
        type=float,
        default=20.0,
        help="Mean seconds a user or reader pauses before each action (reading, typing); "
        "exponential, at most ten times the mean. 0: back to back (stress).",
    )
    parser.add_argument(
        "--arrival",
        type=float,
        default=60.0,
        help="Seconds over which the users arrive and sign in. 0: all at the start.",
    )
    parser.add_argument("--workers", type=int, default=2, help="Server worker processes.")
    parser.add_argument(
        "--conflicts", type=float, default=0.2, help="Share of edits sent twice at once."
    )
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "LUOSHI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="A PostgreSQL server to create the benchmark database on.",
    )
    parser.add_argument("--database", default="luoshi_workspace_bench", help="Its name.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    return parser.parse_args(argv)


def offered_rate(args: argparse.Namespace) -> float | None:
    """Requests per second the clients would send were every answer instant (None: no pauses,
    as many as the server answers); the baseline probe not counted."""
    if args.think <= 0:
        return None
    per_round = ROUND_REQUESTS + args.conflicts
    return (args.users * per_round / ROUND_ACTIONS + args.readers) / args.think


@dataclass
class Filed:
    """What a client was told about one report it filed."""

    user: str
    value: str  # the value of the last edit answered with success
    state: str = "draft"


# The as-of dates of a commitment's filings: one day after another from the plan year's start.
FIRST_DAY = dt.date(2022, 1, 1)
DAYS: defaultdict[int, itertools.count[int]] = defaultdict(itertools.count)

# The portal's answer when every database connection is in use: the request did nothing and
# says when to retry (Retry-After). The server is overloaded, not wrong: counted apart.
BUSY = 503


@dataclass
class Tally:
    """Every answer, by action: latencies of the successes, status codes of all."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    filed: dict[int, Filed] = field(default_factory=dict)
    doubled: int = 0
    doubled_wrong: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered: int = 0  # answers to the users and readers (the baseline probe not counted)
    generator_cpu: float = 0.0  # CPU seconds the load generator itself used

    def note(self, action: str, started: float, response: httpx.Response, ok: int) -> bool:
        self.codes[action][response.status_code] += 1
        if response.status_code == ok:
            self.latencies[action].append((time.perf_counter() - started) * 1000)
            return True
        if response.status_code == BUSY:
            return False  # refused before doing anything (pool full): counted, not an error
        if response.status_code >= 500 or action != "edit (doubled)":
            self.errors.append(f"{action}: {response.status_code} {response.text[:120]!r}")
        return False


# The load


async def pause(chance: random.Random, think: float, until: float) -> bool:
    """A user's pause before an action (reading, typing): whether time is left for the action."""
    if think > 0:
        drawn = min(chance.expovariate(1 / think), 10 * think)
        await asyncio.sleep(max(0.0, min(drawn, until - time.perf_counter())))
    return time.perf_counter() < until


def browser(address: str, tally: Tally | None = None) -> httpx.AsyncClient:
    """One user's connections; every answer counted in ``tally.answered`` when given."""

    async def count(_response: httpx.Response) -> None:
        if tally is not None:
            tally.answered += 1

    return httpx.AsyncClient(
        base_url=address, timeout=120, limits=LIMITS, event_hooks={"response": [count]}
    )


async def sign_in(client: httpx.AsyncClient, name: str, tally: Tally) -> str | None:
    """Sign in (the login form's token, then the form), then the 待办; the session's CSRF token."""
    login = await client.get("/login")
    token = CSRF.search(login.text)
    form = {"name": name, "password": PASSWORD, "csrf": token[1] if token else ""}
    started = time.perf_counter()
    if not tally.note("login", started, await client.post("/login", data=form), 303):
        return None
    started = time.perf_counter()
    inbox = await client.get("/work/progress")
    tally.note("inbox", started, inbox, 200)
    csrf = CSRF.search(inbox.text)
    if csrf is None:
        tally.errors.append(
            f"{name}: no CSRF token on the inbox ({inbox.status_code} {inbox.text[:300]!r})"
        )
        return None
    return csrf[1]


async def department_user(
    address: str,
    name: str,
    commitments: list[int],
    arrives: float,
    until: float,
    gate: asyncio.Semaphore,
    args: argparse.Namespace,
    tally: Tally,
    chance: random.Random,
) -> None:
    """Arrive, sign in, then file, edit and submit reports until time is up."""
    await asyncio.sleep(arrives)
    async with browser(address, tally) as client:
        try:
            async with gate:
                csrf = await sign_in(client, name, tally)
        except httpx.TransportError as error:
            tally.errors.append(f"{name}: signing in, the connection failed: {error!r}")
            return
        if csrf is None:
            return
        while time.perf_counter() < until:
            try:
                await one_round(client, name, csrf, commitments, until, args, tally, chance)
            except httpx.TransportError as error:
                tally.errors.append(f"{name}: the connection failed: {error!r}")


async def one_round(
    client: httpx.AsyncClient,
    name: str,
    csrf: str,
    commitments: list[int],
    until: float,
    args: argparse.Namespace,
    tally: Tally,
    chance: random.Random,
) -> None:
    """One report: the 待办 read, the report filed, edited (maybe twice at once), submitted;
    a pause before each, the report's page after each (the redirect a browser follows)."""
    if not await pause(chance, args.think, until):
        return
    await timed_get(client, "inbox", "/work/progress", tally)
    if not await pause(chance, args.think, until):
        return
    commitment = chance.choice(commitments)
    # A unit files one report per commitment and date: each filing of a commitment its own day.
    as_of = (FIRST_DAY + dt.timedelta(days=next(DAYS[commitment]))).isoformat()
    started = time.perf_counter()
    response = await client.post(
        f"/work/commitments/{commitment}/progress",
        data={"csrf": csrf, "as_of": as_of, "value": "1", "done": "压测"},
    )
    if not tally.note("file", started, response, 303):
        return
    report = int(response.headers["location"].split("?")[0].rsplit("/", 1)[1])
    tally.filed[report] = Filed(name, "1")
    page = await timed_get(client, "open report", response.headers["location"], tally)
    if page is None or not await pause(chance, args.think, until):
        return
    value = str(chance.randint(2, 10_000))
    edit = {"csrf": csrf, "version": _version(page.text), "as_of": as_of}
    if chance.random() < args.conflicts:
        await _doubled(client, report, edit, value, tally)
    else:
        started = time.perf_counter()
        answer = await client.post(f"/work/progress/{report}", data={**edit, "value": value})
        if tally.note("edit", started, answer, 303):
            tally.filed[report].value = value
    page = await timed_get(client, "open report", f"/work/progress/{report}", tally)
    if page is None or not await pause(chance, args.think, until):
        return
    started = time.perf_counter()
    answer = await client.post(
        f"/work/progress/{report}/submit",
        data={"csrf": csrf, "version": _version(page.text)},
    )
    if tally.note("submit", started, answer, 303):
        tally.filed[report].state = "submitted"
        await timed_get(client, "open report", answer.headers["location"], tally)


async def _doubled(
    client: httpx.AsyncClient, report: int, edit: dict[str, str], value: str, tally: Tally
) -> None:
    """The same edit of the same version twice at once: one must win, the other get 409."""
    values = (value, value + "0")

    async def one(text: str) -> tuple[httpx.Response, float]:
        started = time.perf_counter()
        response = await client.post(f"/work/progress/{report}", data={**edit, "value": text})
        return response, started

    answers = await asyncio.gather(*(one(v) for v in values))
    tally.doubled += 1
    codes = sorted(r.status_code for r, _ in answers)
    # One refused before it began (503) leaves no race to judge; it is counted with the 503s.
    if BUSY not in codes and codes != [303, 409]:
        tally.doubled_wrong.append(f"report {report}: {codes}")
    for (response, started), text in zip(answers, values, strict=True):
        if tally.note("edit (doubled)", started, response, 303):
            tally.filed[report].value = text
        elif response.status_code == 409:
            tally.codes["conflict answered 409"][409] += 1


def _version(page: str) -> str:
    found = VERSION.search(page)
    return found[1] if found else "0"


async def reader(
    address: str,
    paths: list[str],
    think: float,
    until: float,
    tally: Tally,
    chance: random.Random,
) -> None:
    """A reader of the portal: a page, a pause to read it, another page."""
    async with browser(address, tally) as client:
        while await pause(chance, think, until):
            await timed_get(client, "portal page", chance.choice(paths), tally)


async def baseline(address: str, until: float, tally: Tally) -> None:
    async with browser(address) as client:
        while time.perf_counter() < until:
            await timed_get(client, "baseline: static file", "/static/favicon.svg", tally)
            await asyncio.sleep(BASELINE_PAUSE)


async def timed_get(
    client: httpx.AsyncClient, action: str, path: str, tally: Tally
) -> httpx.Response | None:
    """A page, timed under ``action``; None if it did not come."""
    started = time.perf_counter()
    try:
        response = await client.get(path)
    except httpx.TransportError as error:
        tally.errors.append(f"{action} {path}: the connection failed: {error!r}")
        return None
    return response if tally.note(action, started, response, 200) else None


def portal_paths(address: str) -> list[str]:
    home = httpx.get(f"{address}/index.json", timeout=60).json()
    report = next(
        r["id"] for g in home["governments"] if g["name"] == demo.GOVERNMENT for r in g["reports"]
    )
    rows = httpx.get(f"{address}/reports/{report}/ledger.json", timeout=60).json()["rows"]
    return [
        "/",
        f"/reports/{report}",
        f"/reports/{report}/ledger",
        *(f"/commitments/{row['id']}" for row in rows[:20]),
    ]


async def warm_up(address: str, paths: list[str]) -> None:
    """One request of each kind first: each worker compiles its templates, fills its pool."""
    async with browser(address) as client:
        for _ in range(4):
            await asyncio.gather(*(client.get(path) for path in paths))
        await sign_in(client, "bench-0000", Tally())


async def run_load(
    address: str, names: dict[str, list[int]], args: argparse.Namespace
) -> tuple[Tally, float]:
    """The bounded window: users arriving and filing, readers reading, the baseline probing."""
    tally = Tally()
    paths = portal_paths(address)
    await warm_up(address, paths)
    chance = random.Random(2026)
    gate = asyncio.Semaphore(SIGNING_IN_AT_ONCE)
    cpu = time.process_time()
    started = time.perf_counter()
    until = started + args.seconds
    await asyncio.gather(
        baseline(address, until, tally),
        *(
            department_user(
                address,
                name,
                commitments,
                chance.uniform(0, args.arrival),
                until,
                gate,
                args,
                tally,
                random.Random(chance.random()),
            )
            for name, commitments in names.items()
        ),
        *(
            reader(address, paths, args.think, until, tally, random.Random(chance.random()))
            for _ in range(args.readers)
        ),
    )
    tally.generator_cpu = time.process_time() - cpu
    return tally, time.perf_counter() - started


# Checking and printing


def check(url: str, tally: Tally) -> list[str]:
    """Every report announced exists once, as the client last left it; no other was made."""
    problems = []
    with psycopg.connect(libpq(url)) as connection:
        rows = connection.execute(
            "SELECT p.id, p.author, p.value, p.state FROM progress_reports p "
            "WHERE p.author LIKE 'bench-%'"
        ).fetchall()
    stored = {row[0]: row for row in rows}
    if len(stored) != len(rows):
        problems.append("a report id is stored twice")
    unannounced = set(stored) - set(tally.filed)
    lost = set(tally.filed) - set(stored)
    if unannounced:
        problems.append(f"{len(unannounced)} reports stored that no client was told of")
    if lost:
        problems.append(f"{len(lost)} reports announced but not stored")
    for report, filed in tally.filed.items():
        if report not in stored:
            continue
        _, author, value, state = stored[report]
        if author != filed.user:
            problems.append(f"report {report} is {author}'s, filed by {filed.user}")
        if value is None or format(Decimal(str(value)).normalize(), "f") != filed.value:
            problems.append(f"report {report} holds {value}, the last edit was {filed.value}")
        if state != filed.state:
            problems.append(f"report {report} is {state}, the client left it {filed.state}")
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def show(tally: Tally, elapsed: float, args: argparse.Namespace) -> None:
    think = f"think time {args.think:g} s (mean)" if args.think > 0 else "no think time (stress)"
    print(
        f"\n{args.users} department users arriving over {args.arrival:g} s, {args.readers} "
        f"readers, {think}, {args.workers} workers, {elapsed:.0f} s (PostgreSQL, loopback)"
    )
    offered = offered_rate(args)
    print(
        "requests per second: offered "
        + (f"{offered:.1f}" if offered is not None else "unbounded (back to back)")
        + f", achieved {tally.answered / elapsed:.1f} (the baseline probe not counted)"
    )
    print(
        f"the load generator (one process, on the same {os.cpu_count()} cores as the server and "
        f"the database) used {tally.generator_cpu:.1f} CPU s, "
        f"{100 * tally.generator_cpu / elapsed:.0f} % of one core"
    )
    print(f"{'action':<24} {'p50 ms':>8} {'p99 ms':>8} {'ok':>7} {'other answers':<30}")
    order = [
        "baseline: static file",
        "login",
        "inbox",
        "file",
        "open report",
        "edit",
        "edit (doubled)",
        "submit",
        "portal page",
    ]
    for action in order:
        latencies = tally.latencies.get(action, [])
        others = {c: n for c, n in tally.codes.get(action, {}).items() if c not in (200, 303)}
        goal = action in WRITES or action == "edit (doubled)"
        flag = "  ← over 200 ms" if goal and percentile(latencies, 0.99) >= GOAL_MS else ""
        median = statistics.median(latencies) if latencies else 0.0
        print(
            f"{action:<24} {median:>8.1f} {percentile(latencies, 0.99):>8.1f} "
            f"{len(latencies):>7} {others or ''!s:<30}{flag}"
        )
    writes = sum(len(tally.latencies.get(a, [])) for a in (*WRITES, "edit (doubled)"))
    print(f"writes per second: {writes / elapsed:.1f}; reports filed: {len(tally.filed)}")
    print(
        f"doubled edits: {tally.doubled}, answered one 303 and one 409: "
        f"{tally.doubled - len(tally.doubled_wrong)}"
    )


def errors_logged(log: Path) -> list[str]:
    """The exception lines of the server's log, counted."""
    lines = [
        line.strip()
        for line in log.read_text(errors="replace").splitlines()
        if re.match(r"^\w[\w.]*(Error|Exception|Timeout)\b", line.strip())
    ]
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        counts[line[:200]] += 1
    return [f"{n} × {line}" for line, n in sorted(counts.items(), key=lambda i: -i[1])[:8]]


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    with tempfile.TemporaryDirectory(prefix="luoshi-workspace-bench-") as temporary:
        folder = Path(temporary)
        url = fresh_database(args)
        try:
            print(f"setting up: the demo ledger and {args.users} users on {args.database} …")
            names = fill(url, args.users, folder / "evidence")
            address, server = serve(url, args.workers, folder)
            load_before = os.getloadavg()
            try:
                tally, elapsed = asyncio.run(run_load(address, names, args))
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
            show(tally, elapsed, args)
            print(
                "load average (1, 5, 15 min) before the run: "
                f"{' '.join(f'{n:.1f}' for n in load_before)}, after: "
                f"{' '.join(f'{n:.1f}' for n in os.getloadavg())}"
            )
            server_errors = errors_logged(folder / "server.log")
            problems = [*tally.errors[:20], *tally.doubled_wrong[:20], *check(url, tally)]
            five_hundreds = sum(
                n
                for codes in tally.codes.values()
                for c, n in codes.items()
                if c >= 500 and c != BUSY
            )
            if five_hundreds:
                problems.append(f"{five_hundreds} answers were 5xx")
            busy = sum(codes.get(BUSY, 0) for codes in tally.codes.values())
            print(f"{busy} answers were 503 (every database connection in use: nothing done)")
            if not any(tally.latencies.get(action) for action in WRITES):
                problems.append("no write was answered within the time: nothing was measured")
        finally:
            if not args.keep:
                drop_database(args)
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
        print("the server's errors, most frequent first:\n  " + "\n  ".join(server_errors))
        return 1
    print(
        "checks: no report lost or duplicated, every doubled edit one 303 and one 409, "
        "no 5xx other than 503"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
