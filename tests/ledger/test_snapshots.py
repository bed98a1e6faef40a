"""Month-end snapshots taken by every status refresh, with no scheduler."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from luoshi.errors import ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import AuditEvent, Commitment, Government, Snapshot
from luoshi.ledger.services import organisation, portal, review, snapshots
from luoshi.ledger.services.imports import import_document
from luoshi.ledger.status import Tolerance

from .conftest import FIGURES, Run, World, make_document
from .test_cli import setup_ledger
from .test_flow import confirm_and_assign, explain, file_and_approve


def refresh(world: World, today: dt.date) -> list[str]:
    with unit_of_work(world.factory) as session:
        refreshed = portal.refresh(session, world.actor("reviewer"), Tolerance(), today)
        return [snap.month for snap in refreshed.snapshots]


def stored(world: World) -> dict[str, Snapshot]:
    with unit_of_work(world.factory) as session:
        return {snap.month: snap for snap in session.scalars(select(Snapshot))}


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (dt.date(2022, 1, 31), []),  # January's last day: the month has not ended yet
        (dt.date(2022, 2, 1), ["2022-01"]),
        (dt.date(2023, 1, 1), [f"2022-{n:02d}" for n in range(1, 13)]),
        (dt.date(2021, 6, 1), []),  # before the plan year began
    ],
    ids=["last-day", "first-day-after", "year-turns", "before-the-plan-year"],
)
def test_ended_months(today: dt.date, months: list[str]) -> None:
    assert snapshots.ended_months(dt.date(2022, 1, 1), today) == months


def test_a_refresh_takes_each_ended_month_of_the_plan_year_once(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    file_and_approve(world, cid, "hr", dt.date(2022, 1, 31), "0.13")
    assert refresh(world, dt.date(2022, 3, 20)) == ["2022-01", "2022-02"]
    first = stored(world)
    assert sorted(first) == ["2022-01", "2022-02"]
    # Each snapshot holds the status as of its month's end, not as of the refresh.
    for month, end in (("2022-01", dt.date(2022, 1, 31)), ("2022-02", dt.date(2022, 2, 28))):
        assert first[month].as_of == end
        assert first[month].entries[str(cid)]["code"] == explain(world, cid, end).status.code
    assert first["2022-01"].entries[str(cid)]["code"] == "达进度"
    assert explain(world, cid, dt.date(2022, 3, 20)).status.code == "逾期未报"
    # A later report and another refresh in the same month: nothing new, nothing rewritten.
    file_and_approve(world, cid, "hr", dt.date(2022, 2, 28), "0.14")
    assert refresh(world, dt.date(2022, 3, 31)) == []
    again = stored(world)
    assert {m: (s.id, s.entries) for m, s in again.items()} == {
        m: (s.id, s.entries) for m, s in first.items()
    }
    assert refresh(world, dt.date(2022, 4, 1)) == ["2022-03"]
    assert sorted(stored(world)) == ["2022-01", "2022-02", "2022-03"]


def test_a_month_snapshotted_by_hand_is_not_taken_again(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("snapshot", "take", "武威市", "2022-01", "--user", "boss")
    out = run("status", "--refresh", "--as-of", "2022-03-05", "--user", "reviewer").output
    assert "of 2022-02:" in out and "of 2022-01" not in out
    again = run("status", "--refresh", "--as-of", "2022-03-06", "--user", "reviewer").output
    assert "snapshot" not in again
    run("snapshot", "compare", "武威市", "2022-01", "2022-02", "--user", "boss")


def test_a_running_month_is_not_snapshotted_by_hand_either(world: World) -> None:
    def take(today: dt.date) -> Snapshot:
        with unit_of_work(world.factory) as session:
            admin = world.actor("admin")
            return snapshots.take(session, admin, "武威市", "2022-03", Tolerance(), today)

    with pytest.raises(ValidationFailed, match="2022-03 has not ended yet"):
        take(dt.date(2022, 3, 31))
    assert take(dt.date(2022, 4, 1)).as_of == dt.date(2022, 3, 31)


def test_a_month_missing_for_several_governments_is_taken_for_each_with_its_own_lines(
    world: World,
) -> None:
    """``take_missing`` computes a month once for every government that misses it; each
    snapshot holds its own government's confirmed commitments, as a snapshot taken alone does."""
    admin = world.actor("admin")
    with unit_of_work(world.factory) as session:
        organisation.add_government(session, admin, "金昌市", "市", "620300", "")
        report = import_document(session, admin, make_document(), FIGURES, "金昌市")
        theirs = sorted(
            c.id
            for c in session.scalars(select(Commitment).where(Commitment.report_id == report.id))
        )
        for cid in (*theirs, *world.commitments.values()):
            review.decide(session, world.actor("reviewer"), cid, "confirmed")
        snapshots.take(session, admin, "武威市", "2022-01", Tolerance(), dt.date(2022, 3, 2))
    with unit_of_work(world.factory) as session:
        new = portal.refresh(session, admin, Tolerance(), dt.date(2022, 3, 2)).snapshots
        names = {g.id: g.name for g in session.scalars(select(Government))}
        taken = sorted((names[snap.government_id], snap.month) for snap in new)
        assert taken == [("武威市", "2022-02"), ("金昌市", "2022-01"), ("金昌市", "2022-02")]
        ours = {str(cid) for cid in world.commitments.values()}
        for snap in new:
            assert set(snap.entries) == (
                ours if names[snap.government_id] == "武威市" else {str(cid) for cid in theirs}
            )
            alone = snapshots._entries(session, [snap.government_id], Tolerance(), snap.as_of)
            assert snap.entries == alone[snap.government_id]
        journaled = session.scalars(
            select(AuditEvent.entity_id).where(AuditEvent.entity == "snapshots")
        )
        assert {snap.id for snap in new} <= set(journaled)  # each new one in the journal


def test_many_new_snapshots_are_summed_up_in_one_line(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    out = run("status", "--refresh", "--as-of", "2027-01-05", "--user", "reviewer").output
    assert out.splitlines()[1:] == [
        "60 snapshots taken: 1 government(s), 60 month(s) from 2022-01 to 2026-12"
    ]
    few = run("status", "--refresh", "--as-of", "2027-02-05", "--user", "reviewer").output
    assert "of 2027-01: " in few.splitlines()[1]
