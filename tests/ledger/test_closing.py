"""Closing a year in the ledger: verdicts beside status, disagreements, carry-over, the journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

import luoshi
from luoshi.errors import PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import AuditEvent, Commitment, Report, YearVerdict
from luoshi.ledger.services import closing, imports, review
from luoshi.ledger.status import Tolerance

from .conftest import Run, World
from .test_flow import confirm_and_assign, file_and_approve

TOLERANCE = Tolerance()

# The next year's report: its review states 2022's outcomes (growth missed, jobs and
# unemployment met, the energy target not mentioned at all).
NEXT_YEAR = (
    "2023年武威市政府工作报告\n"
    "一、2022年工作回顾\n"
    "过去一年，全市地区生产总值增长4.5%，城镇新增就业1.6万人，城镇调查失业率5.2%。"
    "全年主要目标任务顺利完成。\n"
    "二、2023年工作安排\n"
    "今年主要预期目标是：地区生产总值增长6%左右。\n"
)


def import_next_year(world: World) -> int:
    document = luoshi.read(NEXT_YEAR.encode(), name="wuwei-2023.txt")
    with unit_of_work(world.factory) as session:
        admin = world.actor("admin")
        report = imports.import_document(
            session, admin, document, luoshi.extract(document), "武威市"
        )
        return report.id


def close(world: World, report_id: int, who: str = "reviewer") -> closing.Closing:
    with unit_of_work(world.factory) as session:
        result = closing.close_year(session, world.actor(who), report_id, TOLERANCE)
        session.expunge_all()
        return result


def by_indicator(world: World) -> dict[str, YearVerdict]:
    with unit_of_work(world.factory) as session:
        rows = list(session.scalars(select(YearVerdict)))
        found = {session.get(Commitment, v.commitment_id).indicator: v for v in rows}  # type: ignore[union-attr]
        session.expunge_all()
        return found


def journal_size(world: World) -> int:
    with unit_of_work(world.factory) as session:
        return session.scalar(select(func.count(AuditEvent.id))) or 0


def test_closing_gives_each_commitment_its_verdict_beside_its_status(world: World) -> None:
    gdp = confirm_and_assign(world, "地区生产总值", "市发改委")
    file_and_approve(world, gdp, "ndrc", dt.date(2022, 12, 31), "7.1")  # the office: 已完成
    new = import_next_year(world)
    result = close(world, new)
    assert result.year == 2022 and result.targets.id == world.report_id
    assert result.changed == 4
    found = by_indicator(world)
    assert {k: v.verdict for k, v in found.items()} == {
        "地区生产总值": "missed",
        "城镇新增就业": "met",
        "城镇调查失业率": "met",
        "单位GDP能耗下降": "not reported",
    }
    growth = found["地区生产总值"]
    assert growth.status == "已完成" and growth.disagrees
    assert growth.outcome is not None and growth.outcome["written"] == "4.5%"
    assert "增长4.5%" in growth.outcome["sentence"]
    assert NEXT_YEAR[growth.outcome["start"] : growth.outcome["end"]] == "4.5"
    assert growth.reason.startswith("4.5% against 7%左右: missed")
    assert not found["城镇新增就业"].disagrees  # met, and nothing reported said otherwise
    with unit_of_work(world.factory) as session:
        flagged = closing.disagreements(session, world.actor("reviewer"))
        assert [v.commitment_id for v in flagged] == [gdp]


def test_closing_again_changes_nothing_and_journals_nothing(world: World) -> None:
    new = import_next_year(world)
    close(world, new)
    size = journal_size(world)
    again = close(world, new)
    assert again.changed == 0 and len(again.verdicts) == 4
    assert journal_size(world) == size
    with unit_of_work(world.factory) as session:
        assert session.scalar(select(func.count(YearVerdict.id))) == 4


def test_a_progress_report_after_closing_updates_the_status_and_the_journal(world: World) -> None:
    gdp = confirm_and_assign(world, "地区生产总值", "市发改委")
    new = import_next_year(world)
    close(world, new)
    assert not by_indicator(world)["地区生产总值"].disagrees
    file_and_approve(world, gdp, "ndrc", dt.date(2022, 12, 31), "7.1")
    size = journal_size(world)
    assert close(world, new).changed == 1
    assert by_indicator(world)["地区生产总值"].disagrees
    assert journal_size(world) == size + 1


def test_unmet_commitments_carry_over_linked_to_their_origin(world: World) -> None:
    new = import_next_year(world)
    close(world, new)
    energy = world.commitments["单位GDP能耗下降"]
    with unit_of_work(world.factory) as session:
        carried = closing.carry_over(session, world.actor("reviewer"), energy)
        carried_id = carried.id
        assert carried.report_id == new and carried.period == "2023"
        assert carried.review_state == "proposed" and carried.target is not None
        assert carried.quote == session.get(Commitment, energy).quote  # type: ignore[union-attr]
        assert f"commitment {energy}" in carried.review_reason
    with unit_of_work(world.factory) as session:
        again = closing.carry_over(session, world.actor("reviewer"), energy)
        assert again.id == carried_id  # carried once
        origin = closing.carried_from(session, carried_id)
        assert origin is not None and origin.id == energy
        verdict = closing.verdict_of(session, energy)
        assert verdict is not None and verdict.carried_to_id == carried_id
        assert (
            session.scalar(
                select(func.count(Commitment.id)).where(
                    Commitment.report_id == new, Commitment.title == origin.title
                )
            )
            == 1
        )
        actions = [e.action for e in session.scalars(select(AuditEvent))]
        assert actions.count("carry_over") == 2  # the new commitment and the link


def test_a_missed_commitment_carries_over_anchored_at_its_outcome(world: World) -> None:
    new = import_next_year(world)
    close(world, new)
    with unit_of_work(world.factory) as session:
        carried = closing.carry_over(
            session, world.actor("admin"), world.commitments["地区生产总值"]
        )
        report = session.get(Report, new)
        assert report is not None and report.text[carried.start : carried.end] == "4.5"


def test_a_met_commitment_does_not_carry_over(world: World) -> None:
    new = import_next_year(world)
    close(world, new)
    with unit_of_work(world.factory) as session, pytest.raises(ValidationFailed, match="met"):
        closing.carry_over(session, world.actor("reviewer"), world.commitments["城镇新增就业"])


def test_carry_over_before_closing_says_what_to_do(world: World) -> None:
    with unit_of_work(world.factory) as session, pytest.raises(ValidationFailed, match="close"):
        closing.carry_over(session, world.actor("reviewer"), world.commitments["城镇新增就业"])


def test_a_rejected_commitment_gets_no_verdict(world: World) -> None:
    with unit_of_work(world.factory) as session:
        review.decide(
            session,
            world.actor("reviewer"),
            world.commitments["单位GDP能耗下降"],
            "rejected",
            "not a target of this year",
        )
    close(world, import_next_year(world))
    assert "单位GDP能耗下降" not in by_indicator(world)


def test_a_report_without_a_year_to_close_is_refused_clearly(world: World) -> None:
    with pytest.raises(ValidationFailed, match="no report of 武威市"):
        close(world, world.report_id)  # the 2022 report: the ledger has no 2021 report


def test_only_the_office_closes_a_year(world: World) -> None:
    new = import_next_year(world)
    with pytest.raises(PermissionDenied):
        close(world, new, who="hr")
    close(world, new)
    with unit_of_work(world.factory) as session, pytest.raises(PermissionDenied):
        closing.carry_over(session, world.actor("hr"), world.commitments["单位GDP能耗下降"])
    with unit_of_work(world.factory) as session, pytest.raises(PermissionDenied):
        closing.disagreements(session, world.actor("hr"))


def test_cli_import_closes_the_year_and_lists_disagreements(
    world: World, run: Run, tmp_path: Path
) -> None:
    gdp = confirm_and_assign(world, "地区生产总值", "市发改委")
    file_and_approve(world, gdp, "ndrc", dt.date(2022, 12, 31), "7.1")
    path = tmp_path / "wuwei-2023.txt"
    path.write_text(NEXT_YEAR, encoding="utf-8")
    out = run("import", str(path), "--government", "武威市", "--user", "admin").output
    assert "luoshi close-year" in out  # offered, not done
    assert by_indicator(world) == {}
    new = int(out.split()[1])
    out = run("close-year", str(new), "--user", "reviewer").output
    assert "2022" in out and "missed 1" in out and "disagree 1" in out
    out = run("disagreements", "--user", "reviewer").output
    assert f"{gdp}" in out and "已完成" in out and "missed" in out
    out = run("carry-forward", str(world.commitments["单位GDP能耗下降"]), "--user", "admin").output
    assert "carried over" in out
    out = run("close-year", str(new), "--user", "reviewer").output
    assert "0 changed" in out
