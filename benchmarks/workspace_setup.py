"""The workspace load benchmark's stage: a fresh PostgreSQL database holding the demo ledger and
the simulated department users, and ``luoshi serve`` over it on loopback.

Used by ``workspace_load.py``; see its docstring.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import psycopg
from sqlalchemy import make_url, select, update

sys.path.insert(0, str(Path(__file__).parent))
import portal
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Assignment, AssignmentPartner, Department, User
from luoshi.ledger.services import accounts, organisation
from luoshi.ledger.services.policy import actor_for

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "corpus" / "wuwei-2022-work-report.txt"
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


def serve(url: str, workers: int, folder: Path) -> tuple[str, subprocess.Popen[bytes]]:
    """``luoshi serve`` over the database, in a subprocess; its address once it answers."""
    environment = {
        "LUOSHI_DATABASE_URL": url,
        "LUOSHI_EVIDENCE_DIR": str(folder / "evidence"),
        "LUOSHI_STATUS_DATE": demo.AS_OF.isoformat(),
    }
    return portal.serve(["--workers", str(workers)], environment, folder / "server.log")
