"""Month-end snapshots taken by every status refresh, with no scheduler."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from luoshi.errors import ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Snapshot
from luoshi.ledger.services import portal, snapshots
from luoshi.ledger.status import Tolerance

from .conftest import Run, World
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
