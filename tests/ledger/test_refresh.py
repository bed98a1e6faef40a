"""The incremental status refresh gives what today's engine gives, on a varied ledger.

A random walk over a ledger of every kind of commitment (quantitative and qualitative,
periods of a year and five, unreadable ones, splits and splits of sub-tasks, assignments
monthly and quarterly, reports of every state, some dated in the future): at each step some
rows change — through the ORM, as any service would — the day moves (mostly on, sometimes
back), the cache is refreshed, and every cached status must equal ``tracking.ledger``'s.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from luoshi.ledger import status as engine
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import (
    Assignment,
    Commitment,
    ProgressReport,
    StatusCache,
    StatusCount,
    StatusStale,
)
from luoshi.ledger.services import portal, refresh, tracking
from luoshi.ledger.services.policy import Actor
from luoshi.ledger.status import Tolerance

from .conftest import World

PERIODS = ("2022", "2022", "2021-2025", "2023", "2022-2023", "去年")
INDICATORS = ("城镇新增就业", "单位GDP能耗下降", "城镇调查失业率", "粮食产量", "PM2.5浓度")
MEASURES = ("level", "level", "rate", "share", "rank", None)
COMPARATORS = (">=", "<=", "~", "=", None)
STATES = ("draft", "submitted", "approved", "approved", "returned")
MILESTONES = ("none", "started", "completed")


def _day(rng: random.Random) -> dt.date:
    return dt.date(2021, 11, 1) + dt.timedelta(days=rng.randrange(560))


def _number(rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(-20, 400)) / Decimal(rng.choice((1, 10, 100)))


def _commitment(rng: random.Random, world: World, parent: Commitment | None) -> Commitment:
    qualitative = rng.random() < 0.35
    commitment = Commitment(
        report_id=world.report_id,
        government_id=parent.government_id if parent else 1,
        parent=parent,
        weight=Decimal(rng.choice(("0.5", "0.25", "1"))),
        type="工作任务" if qualitative else "量化指标",
        title=f"承诺{rng.randrange(10**6)}",
        start=0,
        end=4,
        quote="建成武威市全民健身中心" if qualitative else "能耗下降3%",
        period=parent.period if parent else rng.choice(PERIODS),
        indicator="" if qualitative else rng.choice(INDICATORS),
        review_state=rng.choice(("proposed", "confirmed", "confirmed")),
    )
    if qualitative:
        commitment.criterion = rng.choice(("started", "completed", None))
    else:
        commitment.figure = {"value": "3"}
        commitment.measure = rng.choice(MEASURES)
        commitment.cumulative = rng.random() < 0.6
        commitment.comparator = rng.choice(COMPARATORS)
        commitment.target = _number(rng) if rng.random() < 0.9 else None
        if rng.random() < 0.15 and commitment.target is not None:
            commitment.target_max = commitment.target + 1
        commitment.baseline = _number(rng) if rng.random() < 0.3 else None
        commitment.direction = rng.choice((None, None, "higher", "lower"))
    if rng.random() < 0.6:
        commitment.assignment = Assignment(
            lead_id=rng.choice(list(world.departments.values())),
            cycle=rng.choice(("monthly", "quarterly")),
            starts=_day(rng),
        )
    return commitment


def _report(rng: random.Random, commitment: Commitment) -> ProgressReport:
    return ProgressReport(
        commitment_id=commitment.id,
        department_id=1,
        contribution=rng.random() < 0.15,
        as_of=_day(rng),
        value=_number(rng) if rng.random() < 0.8 else None,
        milestone=rng.choice(MILESTONES),
        state=rng.choice(STATES),
        author="test",
    )


def _change(rng: random.Random, world: World, session: Session) -> None:
    """A few changes of the kinds the services make (and a deletion none of them makes)."""
    commitments = list(session.scalars(select(Commitment).order_by(Commitment.id)))
    for _ in range(rng.randrange(1, 6)):
        kind = rng.random()
        chosen = rng.choice(commitments)
        if kind < 0.25:
            session.add(_commitment(rng, world, chosen if rng.random() < 0.3 else None))
        elif kind < 0.6:
            session.add(_report(rng, chosen))
        elif kind < 0.75:
            report = session.scalars(select(ProgressReport).order_by(func.random())).first()
            if report is not None:
                report.state = rng.choice(STATES)
                report.value = _number(rng)
        elif kind < 0.85:
            chosen.target = _number(rng)
            chosen.period = rng.choice(PERIODS)
        elif kind < 0.95 and chosen.assignment is not None:
            chosen.assignment.cycle = rng.choice(("monthly", "quarterly"))
            chosen.assignment.starts = _day(rng)
        else:
            session.execute(delete(ProgressReport).where(ProgressReport.commitment_id == chosen.id))


def _expected(session: Session, actor: Actor, today: dt.date) -> dict[int, tuple[Any, ...]]:
    return {
        entry.commitment.id: (
            entry.commitment.government_id,
            entry.status.code,
            entry.status.colour,
            entry.status.explanation,
            entry.status.inputs.value if entry.status.inputs else None,
            entry.status.inputs.reported_as_of if entry.status.inputs else None,
        )
        for entry in tracking.ledger(session, actor, Tolerance(), today)
    }


def _cached(session: Session) -> dict[int, tuple[Any, ...]]:
    return {
        row.commitment_id: (
            row.government_id,
            row.code,
            row.colour,
            row.explanation,
            row.value,
            row.reported_as_of,
        )
        for row in session.scalars(select(StatusCache))
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_refresh_equals_the_engine_on_a_random_walk(world: World, seed: int) -> None:
    rng = random.Random(seed)
    admin = world.actor("admin")
    with unit_of_work(world.factory) as session:
        roots = [_commitment(rng, world, None) for _ in range(25)]
        session.add_all(roots)
        for parent in rng.sample(roots, 5):  # splits, one of them split again
            children = [_commitment(rng, world, parent) for _ in range(2)]
            session.add_all(children)
            if parent is roots[0]:
                session.add_all(_commitment(rng, world, children[0]) for _ in range(2))
        session.flush()
        every = list(session.scalars(select(Commitment)))
        session.add_all(_report(rng, rng.choice(every)) for _ in range(80))
    today = dt.date(2022, 3, 20)
    with unit_of_work(world.factory) as session:
        first = portal.refresh(session, admin, Tolerance(), today)
    assert first.full
    partial = snapshots = 0
    for _step in range(12):
        with unit_of_work(world.factory) as session:
            _change(rng, world, session)
        today += dt.timedelta(days=rng.choice((0, 1, 3, 9, 30, 70, -20)))
        with unit_of_work(world.factory) as session:
            refreshed = portal.refresh(session, admin, Tolerance(), today)
            expected = _expected(session, admin, today)
            assert _cached(session) == expected, (seed, _step, today)
            assert _tally(session) == _codes(expected)
            assert session.scalar(select(func.count()).select_from(StatusStale)) == 0
            for snapshot in refreshed.snapshots:  # month-ends, as the ledger has them
                snapshots += 1
                assert snapshot.entries == _snapshot_entries(session, admin, snapshot.as_of)
            partial += not refreshed.full and refreshed.computed < len(expected)
    assert partial >= 3  # the walk did exercise the incremental path
    assert snapshots >= 2


def _snapshot_entries(session: Session, actor: Actor, day: dt.date) -> dict[str, Any]:
    return {
        str(entry.commitment.id): {
            "title": entry.commitment.title,
            "code": entry.status.code,
            "colour": entry.status.colour,
            "explanation": entry.status.explanation,
            "judgement": entry.judgement.code if entry.judgement else None,
        }
        for entry in tracking.ledger(
            session, actor, Tolerance(), day, government="武威市", review_state="confirmed"
        )
    }


def _codes(expected: dict[int, tuple[Any, ...]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in expected.values():
        counts[row[1]] = counts.get(row[1], 0) + 1
    return counts


def test_a_new_report_recomputes_its_commitment_only(world: World) -> None:
    admin = world.actor("admin")
    today = dt.date(2022, 6, 30)
    with unit_of_work(world.factory) as session:
        portal.refresh(session, admin, Tolerance(), today)
        cid = world.commitments["城镇新增就业"]
        before = session.get_one(StatusCache, cid).explanation
        session.add(
            ProgressReport(
                commitment_id=cid,
                department_id=1,
                as_of=dt.date(2022, 6, 1),
                value=Decimal("1.2"),
                state="approved",
                author="test",
            )
        )
    with unit_of_work(world.factory) as session:
        refreshed = portal.refresh(session, admin, Tolerance(), today)
        assert (refreshed.full, refreshed.computed) == (False, 1)
        after = session.get_one(StatusCache, cid)
        assert after.explanation != before and after.value == Decimal("1.2")
    with unit_of_work(world.factory) as session:  # a tolerance of its own: everything again
        refreshed = portal.refresh(session, admin, Tolerance(lag=Decimal("0.2")), today)
        assert refreshed.full and refreshed.computed == refreshed.count


def _report_due_by_walking(inputs: engine.Inputs, grace_days: int) -> dt.date | None:
    """``report_due`` as the engine first wrote it: walk the cycle ends one by one."""
    if inputs.cycle is None or inputs.reporting_starts is None:
        return None
    months = engine.CYCLE_MONTHS[inputs.cycle]
    year, month = inputs.reporting_starts.year, inputs.reporting_starts.month
    due = None
    while True:
        month += months
        while month > 12:
            year, month = year + 1, month - 12
        cycle_end = dt.date(year, month, 1) - dt.timedelta(days=1)
        if cycle_end + dt.timedelta(days=grace_days) >= inputs.today:
            return due
        due = cycle_end


@given(
    starts=st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)),
    today=st.dates(dt.date(2018, 6, 1), dt.date(2028, 12, 31)),
    cycle=st.sampled_from(("monthly", "quarterly")),
    grace_days=st.integers(0, 60),
)
def test_the_due_report_is_computed_as_the_walk_finds_it_and_holds_until_its_day(
    starts: dt.date, today: dt.date, cycle: str, grace_days: int
) -> None:
    tolerance = Tolerance(grace_days=grace_days)
    # A period around every day drawn: only the due report can end the status's days.
    inputs = engine.Inputs(today=today, period="2000-2099", cycle=cycle, reporting_starts=starts)
    due = engine.report_due(inputs, tolerance)
    assert due == _report_due_by_walking(inputs, grace_days)
    last = engine.stable_until(inputs, "无法评估", tolerance)
    assert last is not None and last >= today
    later = replace(inputs, today=last + dt.timedelta(days=1))
    assert _report_due_by_walking(replace(inputs, today=last), grace_days) == due
    assert _report_due_by_walking(later, grace_days) != due


# Days of a full refresh: before every period starts, early, past half, at a year's end, after.
FULL_REFRESH_DAYS = (
    dt.date(2020, 6, 1),
    dt.date(2022, 1, 20),
    dt.date(2022, 7, 15),
    dt.date(2022, 12, 31),
    dt.date(2024, 3, 1),
)


def test_a_full_refresh_equals_the_engine_commitment_by_commitment(world: World) -> None:
    """The batch path (inputs folded in SQL, ids sent as one array text, rows written by COPY on
    PostgreSQL) against ``tracking.ledger`` (objects, the engine one commitment at a time), on
    every kind of target, on days before, within and after the periods."""
    admin = world.actor("admin")
    _varied_ledger(world, random.Random(11), roots=120, splits=15, reports=600)
    seen: set[str] = set()
    for today in FULL_REFRESH_DAYS:
        with unit_of_work(world.factory) as session:
            assert portal.refresh(session, admin, Tolerance(), today, full=True).full
            expected = _expected(session, admin, today)
            cached = _cached(session)
            assert cached.keys() == expected.keys()
            for cid, row in expected.items():
                assert cached[cid] == row, (today, cid)
            seen.update(row[1] for row in expected.values())
    assert seen == set(engine.STATUSES)  # every status came up on some day


def _varied_ledger(world: World, rng: random.Random, roots: int, splits: int, reports: int) -> None:
    """``roots`` top-level commitments, ``splits`` of them split in three (the first sub-task
    split again), and ``reports`` reports on any of them."""
    with unit_of_work(world.factory) as session:
        top = [_commitment(rng, world, None) for _ in range(roots)]
        session.add_all(top)
        for parent in rng.sample(top, splits):
            children = [_commitment(rng, world, parent) for _ in range(3)]
            session.add_all(children)
            session.add(_commitment(rng, world, children[0]))
        session.flush()
        every = list(session.scalars(select(Commitment)))
        session.add_all(_report(rng, rng.choice(every)) for _ in range(reports))


def test_a_full_refresh_in_worker_processes_equals_the_engine(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the batches go to two processes that read in the refresh's snapshot; the
    cache and the tally they give are the ones the engine gives (on SQLite: one process)."""
    admin = world.actor("admin")
    _varied_ledger(world, random.Random(5), roots=90, splits=10, reports=400)
    monkeypatch.setattr(refresh, "BATCH", 8)  # twelve batches: several in flight per worker
    today = dt.date(2022, 7, 15)
    with unit_of_work(world.factory) as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        done = refresh.refresh_cache(session, Tolerance(), today, full=True, workers=2)
        assert done.workers == (2 if postgres else 1)
    with unit_of_work(world.factory) as session:
        expected = _expected(session, admin, today)
        assert done.computed == len(expected) > 90
        assert _cached(session) == expected
        assert _tally(session) == _codes(expected)


def _tally(session: Session) -> dict[str, int]:
    return {
        code: count
        for code, count in session.execute(
            select(StatusCount.code, func.sum(StatusCount.count)).group_by(StatusCount.code)
        )
        if count
    }


def test_the_refresh_drops_the_cached_status_of_a_deleted_commitment(world: World) -> None:
    """The cache holds no foreign keys (migration 0010): the deletion's mark drops the row."""
    admin = world.actor("admin")
    today = dt.date(2022, 6, 30)
    with unit_of_work(world.factory) as session:
        portal.refresh(session, admin, Tolerance(), today)
        gone = session.scalars(
            select(Commitment.id)
            .where(Commitment.parent_id.is_(None), ~Commitment.children.any())
            .order_by(Commitment.id)
        ).first()
        assert gone is not None and session.get(StatusCache, gone) is not None
        before = session.scalar(select(func.sum(StatusCount.count)))
        for table in (ProgressReport, Assignment):
            session.execute(delete(table).where(table.commitment_id == gone))
        session.execute(delete(Commitment).where(Commitment.id == gone))
    with unit_of_work(world.factory) as session:
        refreshed = portal.refresh(session, admin, Tolerance(), today)
        assert not refreshed.full
        assert session.get(StatusCache, gone) is None
        assert session.scalar(select(func.sum(StatusCount.count))) == before - 1
        assert _cached(session) == _expected(session, admin, today)
