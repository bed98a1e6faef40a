"""Many writers at once on one ledger: tallies of what succeeded, conflicted or failed.

    .venv/bin/python benchmarks/ledger_concurrency.py [--url URL] [--writers 16] [--rounds 30]

Without --url it runs on a fresh SQLite file and, when LUOSHI_TEST_POSTGRES_URL is set,
on a fresh schema of that PostgreSQL server. Two races, each started together by a barrier:

- filings: WRITERS liaison officers of four departments (the lead and three partners of one
  commitment) each file and submit a progress report, ROUNDS times; every filing should
  succeed (the leads' reports consolidate the partners' at the same time);
- admins: two admins deactivate each other, ROUNDS times; exactly one should stay active.

Prints one line per race and backend; exits 1 when a filing failed or no admin was left.
Not run by the test suite (tests/ledger/test_concurrency.py runs a small version).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from luoshi.errors import Conflict, LuoshiError
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import User
from luoshi.ledger.services import assignment, imports, organisation, progress, review
from luoshi.ledger.services.policy import actor_for
from luoshi.reading.document import Document, Metadata

TEXT = "2022年政府工作报告\n建成武威市全民健身中心。"
DEPARTMENTS = 4  # the lead and three partners


@contextmanager
def ledgers(url: str | None) -> Iterator[list[tuple[str, str]]]:
    """(name, URL) of each fresh ledger to race on; dropped afterwards."""
    if url:
        yield [("given", url)]
        return
    server = os.environ.get("LUOSHI_TEST_POSTGRES_URL")
    schema = f"race_{uuid.uuid4().hex[:12]}"
    with tempfile.TemporaryDirectory() as folder:
        found = [("sqlite", f"sqlite:///{Path(folder) / 'race.db'}")]
        if server:
            admin = create_engine(server)
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            separator = "&" if "?" in server else "?"
            found.append(("postgres", f"{server}{separator}options=-csearch_path%3D{schema}"))
        try:
            yield found
        finally:
            if server:
                with admin.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()


def prepare(factory: sessionmaker[Session], writers: int) -> int:
    """Users, departments and one assigned commitment; returns its id."""
    system = organisation.SYSTEM
    with unit_of_work(factory) as session:
        organisation.add_user(session, system, "admin", "admin")
        organisation.add_user(session, system, "admin2", "admin")
        organisation.add_government(session, system, "武威市")
        departments = [
            organisation.add_department(session, system, "武威市", f"局{n}").id
            for n in range(DEPARTMENTS)
        ]
        for n in range(writers):  # several liaison officers a department, the lead's too
            department = departments[n % DEPARTMENTS]
            organisation.add_user(session, system, f"liaison{n}", "reporter", department)
        document = Document(
            text=TEXT, format="txt", source="race.txt", metadata=Metadata(plan_year=2022)
        )
        report = imports.import_document(session, system, document, [], "武威市")
        task = imports.add_task(session, system, report.id, 11, len(TEXT) - 1)
        review.decide(session, system, task.id, "confirmed")
        partners = [f"局{n}" for n in range(1, DEPARTMENTS)]
        assignment.assign(session, system, task.id, "局0", partners, None, "monthly")
        return task.id


def race(factory: sessionmaker[Session], jobs: list[Callable[[Session], object]]) -> list[str]:
    """Run the jobs together, each in its own transaction; their outcomes' names."""
    barrier = threading.Barrier(len(jobs))
    outcomes = ["ok"] * len(jobs)

    def work(n: int) -> None:
        barrier.wait()
        try:
            with unit_of_work(factory) as session:
                jobs[n](session)
        except Conflict:
            outcomes[n] = "conflict"
        except LuoshiError:
            outcomes[n] = "refused"
        except Exception as error:
            outcomes[n] = f"crash {type(error).__name__}"

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def filings(factory: sessionmaker[Session], cid: int, writers: int, rounds: int) -> Counter[str]:
    with unit_of_work(factory) as session:
        actors = [actor_for(session, f"liaison{n}") for n in range(writers)]
    tally: Counter[str] = Counter()
    for round_ in range(rounds):

        def job(n: int, day: dt.date) -> Callable[[Session], object]:
            def file(session: Session) -> object:
                report = progress.file_progress(session, actors[n], cid, day, value=Decimal(n + 1))
                return progress.submit(session, actors[n], report.id)

            return file

        start = dt.date(2022, 1, 1) + dt.timedelta(days=round_ * writers)
        days = [start + dt.timedelta(days=n) for n in range(writers)]
        tally.update(race(factory, [job(n, days[n]) for n in range(writers)]))
    return tally


def admins(factory: sessionmaker[Session], rounds: int) -> Counter[str]:
    with unit_of_work(factory) as session:
        first, second = actor_for(session, "admin"), actor_for(session, "admin2")
    tally: Counter[str] = Counter()
    for _ in range(rounds):
        race(
            factory,
            [
                lambda s: organisation.set_active(s, first, "admin2", False),
                lambda s: organisation.set_active(s, second, "admin", False),
            ],
        )
        with unit_of_work(factory) as session:
            active = session.scalars(
                select(User.name).where(User.role == "admin", User.active.is_(True))
            ).all()
            tally["one admin left" if len(active) == 1 else f"{len(active)} admins left"] += 1
            for name in {"admin", "admin2"} - set(active):
                organisation.set_active(session, organisation.SYSTEM, name, True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="A migrated-or-empty ledger to race on.")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    clean = True
    with ledgers(args.url) as found:
        for name, url in found:
            engine = make_engine(url)
            upgrade(engine)
            factory = session_factory(engine)
            cid = prepare(factory, args.writers)
            filed = filings(factory, cid, args.writers, args.rounds)
            left = admins(factory, args.rounds)
            engine.dispose()
            print(f"{name}: filings {dict(filed)}")
            print(f"{name}: admins deactivating each other {dict(left)}")
            clean &= set(filed) == {"ok"} and set(left) == {"one admin left"}
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
