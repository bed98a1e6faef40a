"""Writers at the same time: conflicts only for real conflicting edits (issue 13).

Each writer runs in its own thread with its own session, as separate CLI processes or
web requests would; a barrier starts them together. ``benchmarks/ledger_concurrency.py``
runs the same races at a larger scale and prints their tallies.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import LuoshiError
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import ProgressReport, User
from luoshi.ledger.services import assignment, organisation, progress, review

from .conftest import World


def race(world: World, jobs: list[Callable[[Session], object]]) -> list[BaseException | None]:
    """Run each job in its own thread and transaction, all started together."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[BaseException | None] = [None] * len(jobs)

    def work(n: int) -> None:
        barrier.wait()
        try:
            with unit_of_work(world.factory) as session:
                jobs[n](session)
        except BaseException as error:
            outcomes[n] = error

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_admins_taking_each_others_access_leave_one(world: World) -> None:
    admin = world.actor("admin")
    with unit_of_work(world.factory) as session:
        organisation.add_user(session, admin, "admin2", "admin")
    first, second = admin, world.actor("admin2")
    for _ in range(10):
        outcomes = race(
            world,
            [
                lambda s: organisation.set_active(s, first, "admin2", False),
                lambda s: organisation.set_active(s, second, "admin", False),
            ],
        )
        with unit_of_work(world.factory) as session:
            active = session.scalars(
                select(User.name).where(User.role == "admin", User.active.is_(True))
            ).all()
            assert len(active) == 1, outcomes
            assert all(o is None or isinstance(o, LuoshiError) for o in outcomes), outcomes
            organisation.set_active(
                session, organisation.SYSTEM, "admin" if active == ["admin2"] else "admin2", True
            )


def test_simultaneous_filings_all_succeed(world: World) -> None:
    admin, ndrc = world.actor("admin"), world.actor("ndrc")
    cid = world.commitments["城镇新增就业"]
    with unit_of_work(world.factory) as session:
        review.decide(session, admin, cid, "confirmed")
        assignment.assign(session, admin, cid, "市人社局", ["市发改委"], None, "monthly")

    def file(actor_name: str, day: int) -> Callable[[Session], object]:
        actor = admin if actor_name == "admin" else ndrc

        def job(session: Session) -> object:
            department = world.departments["市人社局"] if actor_name == "admin" else None
            report = progress.file_progress(
                session,
                actor,
                cid,
                dt.date(2022, 1, day),
                value=Decimal(day),
                department_id=department,
            )
            return progress.submit(session, actor, report.id)

        return job

    for round_ in range(3):
        jobs = [file("ndrc", 1 + round_ * 8 + n) for n in range(4)]
        jobs += [file("admin", 5 + round_ * 8 + n) for n in range(4)]
        outcomes = race(world, jobs)
        assert outcomes == [None] * len(jobs), [repr(o) for o in outcomes if o]
    with unit_of_work(world.factory) as session:
        reports = session.scalars(select(ProgressReport)).all()
        assert len(reports) == 24
        contributions = [r for r in reports if r.contribution]
        # Every contribution consolidated into exactly one lead report (or waiting for one).
        leads = {r.id for r in reports if not r.contribution}
        assert all(c.consolidated_into_id in leads | {None} for c in contributions)
