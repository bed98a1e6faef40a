"""The workspace load benchmark's stage: a fresh PostgreSQL database holding the demo ledger and
the simulated department users, and ``luoshi serve`` over it on loopback.

Used by ``workspace_load.py``; see its docstring.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import make_url, select, update

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Assignment, AssignmentPartner, Department, User
from luoshi.ledger.services import accounts, organisation
from luoshi.ledger.services.policy import actor_for

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "corpus" / "wuwei-2022-work-report.txt"
LUOSHI = Path(sys.executable).with_name("luoshi")
STARTUP_SECONDS = 300
PASSWORD = "Bench-load-2026"


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def fresh_database(args: argparse.Namespace) -> str:
    admin = make_url(args.url).set(database="postgres").render_as_string(False)
    with psycopg.connect(libpq(admin), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{args.database}"')
    return make_url(args.url).set(database=args.database).render_as_string(False)


def drop_database(args: argparse.Namespace) -> None:
    admin = make_url(args.url).set(database="postgres").render_as_string(False)
    with psycopg.connect(libpq(admin), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


def fill(url: str, users: int, evidence: Path) -> dict[str, list[int]]:
    """The demo ledger and ``users`` reporters; each user's commitments (lead or partner)."""
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    demo.build(factory, REPORT, evidence)
    with unit_of_work(factory) as session:
        admin = actor_for(session, demo.ADMIN)
        work: dict[int, list[int]] = defaultdict(list)
        for commitment_id, lead in session.execute(
            select(Assignment.commitment_id, Assignment.lead_id)
        ):
            work[lead].append(commitment_id)
        for commitment_id, partner in session.execute(
            select(Assignment.commitment_id, AssignmentPartner.department_id).join(
                AssignmentPartner, AssignmentPartner.assignment_id == Assignment.id
            )
        ):
            work[partner].append(commitment_id)
        departments = sorted(d for d in session.scalars(select(Department.id)) if work[d])
        names = {}
        for number in range(users):
            department = departments[number % len(departments)]
            name = f"bench-{number:04d}"
            organisation.add_user(session, admin, name, "reporter", department)
            names[name] = sorted(work[department])
        accounts.set_password(session, actor_for(session, "bench-0000"), "bench-0000", PASSWORD)
        hashed = session.scalar(select(User.password_hash).where(User.name == "bench-0000"))
        # One argon2 hash for all: hashing 200 passwords would only slow the set-up.
        session.execute(
            update(User)
            .where(User.name.like("bench-%"))
            .values(password_hash=hashed, must_change_password=False)
        )
    engine.dispose()
    return names


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(url: str, workers: int, folder: Path) -> tuple[str, subprocess.Popen[bytes]]:
    """``luoshi serve`` over the database, in a subprocess; its address once it answers."""
    port = free_port()
    log = folder / "server.log"
    environment = {
        "LUOSHI_DATABASE_URL": url,
        "LUOSHI_EVIDENCE_DIR": str(folder / "evidence"),
        "LUOSHI_STATUS_DATE": demo.AS_OF.isoformat(),
    }
    server = subprocess.Popen(
        [str(LUOSHI), "serve", "--port", str(port), "--workers", str(workers)],
        env={**os.environ, **environment},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{address}/static/favicon.svg", timeout=5).status_code == 200:
                return address, server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the server did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")
