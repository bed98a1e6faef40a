"""The ledger's life through the service layer: import, review, assign, report, status."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from luoshi.errors import Conflict, PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import AuditEvent, Commitment, ProgressReport, Report
from luoshi.ledger.services import assignment, imports, organisation, progress, review, tracking
from luoshi.ledger.services.policy import PUBLIC
from luoshi.ledger.status import Tolerance

from .conftest import FIGURES, World, make_document

TOLERANCE = Tolerance()


def confirm_and_assign(
    world: World, indicator: str, lead: str, partners: tuple[str, ...] = ()
) -> int:
    reviewer = world.actor("reviewer")
    cid = world.commitments[indicator]
    with unit_of_work(world.factory) as session:
        review.decide(session, reviewer, cid, "confirmed")
        assignment.assign(
            session,
            reviewer,
            cid,
            lead,
            partners,
            due=dt.date(2022, 12, 31),
            cycle="monthly",
            starts=dt.date(2022, 1, 1),
        )
    return cid


def file_and_approve(world: World, cid: int, reporter: str, as_of: dt.date, value: str) -> int:
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(
            session,
            world.actor(reporter),
            cid,
            as_of,
            value=Decimal(value),
            narrative={"done": "新增就业岗位", "next_steps": "继续推进"},
        )
        progress.submit(session, world.actor(reporter), report.id)
        progress.decide(session, world.actor("reviewer"), report.id, "approved")
        return report.id


def explain(world: World, cid: int, today: dt.date, who: str = "reviewer") -> tracking.Entry:
    with unit_of_work(world.factory) as session:
        return tracking.explain(session, world.actor(who), cid, TOLERANCE, today)


def test_import_proposes_only_targets(world: World) -> None:
    with unit_of_work(world.factory) as session:
        rows = list(session.scalars(select(Commitment).order_by(Commitment.id)))
        report = session.get(Report, world.report_id)
    assert [c.indicator for c in rows] == [
        "地区生产总值",
        "城镇新增就业",
        "城镇调查失业率",
        "单位GDP能耗下降",
    ]
    assert {c.review_state for c in rows} == {"proposed"}
    assert report is not None and report.plan_year == 2022 and report.year == 2021
    employment = rows[1]
    assert report.text[employment.start : employment.end] == "1.5"
    assert employment.quote == "城镇新增就业1.5万人"
    assert employment.figure is not None and employment.figure["value_decimal"] == "1.5"
    assert employment.cumulative and not rows[2].cumulative


def test_reimporting_the_same_text_is_a_conflict(world: World) -> None:
    with pytest.raises(Conflict, match="imported already"), unit_of_work(world.factory) as session:
        imports.import_document(session, world.actor("admin"), make_document(), FIGURES, "武威市")


def test_interrupted_import_leaves_nothing(world: World) -> None:
    broken = [*FIGURES[:2], dataclasses.replace(FIGURES[2], end=10_000)]
    document = make_document()
    document.text += "另一份报告。"
    with unit_of_work(world.factory) as session:
        before = session.scalar(select(func.count(AuditEvent.id)))
    with pytest.raises(ValidationFailed), unit_of_work(world.factory) as session:
        imports.import_document(session, world.actor("admin"), document, broken, "武威市")
    with unit_of_work(world.factory) as session:
        assert session.scalar(select(func.count(Report.id))) == 1
        assert session.scalar(select(func.count(Commitment.id))) == 4
        assert session.scalar(select(func.count(AuditEvent.id))) == before


def test_a_year_of_monthly_reports(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局", ("市发改委",))
    # January: the partner contributes, the lead consolidates; the office approves.
    with unit_of_work(world.factory) as session:
        part = progress.file_progress(
            session, world.actor("ndrc"), cid, dt.date(2022, 1, 31), value=Decimal("0.02")
        )
        progress.submit(session, world.actor("ndrc"), part.id)
        part_id = part.id
    lead_id = file_and_approve(world, cid, "hr", dt.date(2022, 1, 31), "0.13")
    with unit_of_work(world.factory) as session:
        contribution = session.get(ProgressReport, part_id)
        assert contribution is not None and contribution.consolidated_into_id == lead_id
        assert contribution.contribution
    entry = explain(world, cid, dt.date(2022, 2, 5))
    assert entry.status.code == "达进度", entry.status.explanation
    assert "应有值" in entry.status.explanation and "1.5" in entry.status.explanation
    # February is missed: by mid-March the report is overdue.
    assert explain(world, cid, dt.date(2022, 3, 20)).status.code == "逾期未报"
    file_and_approve(world, cid, "hr", dt.date(2022, 2, 28), "0.14")
    entry = explain(world, cid, dt.date(2022, 3, 10))
    assert entry.status.code == "欠进度" and entry.status.colour == "amber"
    file_and_approve(world, cid, "hr", dt.date(2022, 3, 31), "0.60")
    assert explain(world, cid, dt.date(2022, 4, 10)).status.code == "超进度"
    file_and_approve(world, cid, "hr", dt.date(2022, 4, 30), "1.6")
    assert explain(world, cid, dt.date(2022, 5, 10)).status.code == "已完成"


def test_submitted_but_unapproved_value_does_not_count(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(
            session, world.actor("hr"), cid, dt.date(2022, 1, 31), value=Decimal("1.5")
        )
        progress.submit(session, world.actor("hr"), report.id)
    entry = explain(world, cid, dt.date(2022, 2, 5))
    assert entry.status.code == "无法评估"


def test_returned_report_needs_reason_and_goes_back_to_draft(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(session, world.actor("hr"), cid, dt.date(2022, 1, 31))
        progress.submit(session, world.actor("hr"), report.id)
        rid = report.id
    with pytest.raises(ValidationFailed, match="reason"), unit_of_work(world.factory) as session:
        progress.decide(session, world.actor("reviewer"), rid, "returned")
    with unit_of_work(world.factory) as session:
        progress.decide(session, world.actor("reviewer"), rid, "returned", "缺少佐证材料")
        edited = progress.edit_progress(session, world.actor("hr"), rid, {"value": Decimal(1)})
        assert edited.state == "draft"
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "return")))
        assert events[0].reason == "缺少佐证材料" and events[0].before is not None
        assert events[0].before["state"] == "submitted"


def test_reporter_cannot_report_for_another_department(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        progress.file_progress(session, world.actor("transport"), cid, dt.date(2022, 1, 31))


def test_unconfirmed_commitment_cannot_be_assigned(world: World) -> None:
    with pytest.raises(ValidationFailed, match="proposed"), unit_of_work(world.factory) as session:
        assignment.assign(
            session, world.actor("admin"), world.commitments["地区生产总值"], "市统计局"
        )


def test_stale_edit_is_a_conflict_and_changes_nothing(world: World) -> None:
    cid = world.commitments["城镇新增就业"]
    with unit_of_work(world.factory) as session:
        version = session.get(Commitment, cid).version  # type: ignore[union-attr]
    with unit_of_work(world.factory) as session:
        review.edit(
            session, world.actor("reviewer"), cid, {"title": "新增就业"}, expected_version=version
        )
    with pytest.raises(Conflict, match="reload"), unit_of_work(world.factory) as session:
        review.edit(session, world.actor("admin"), cid, {"title": "就业"}, expected_version=version)
    with unit_of_work(world.factory) as session:
        assert session.get(Commitment, cid).title == "新增就业"  # type: ignore[union-attr]


def test_concurrent_flush_is_a_conflict(world: World) -> None:
    cid = world.commitments["城镇新增就业"]
    first, second = world.factory(), world.factory()
    try:
        a = first.get(Commitment, cid)
        b = second.get(Commitment, cid)
        assert a is not None and b is not None
        a.title = "甲"
        first.commit()
        b.title = "乙"
        with pytest.raises(Exception) as caught:
            second.commit()
        assert "StaleDataError" in type(caught.value).__name__
    finally:
        first.close()
        second.close()


def test_unit_of_work_maps_stale_data_to_conflict(world: World) -> None:
    cid = world.commitments["城镇新增就业"]
    with unit_of_work(world.factory) as outer:
        outer.get(Commitment, cid)
    with pytest.raises(Conflict), unit_of_work(world.factory) as session:
        mine = session.get(Commitment, cid)
        assert mine is not None
        with unit_of_work(world.factory) as other:
            theirs = other.get(Commitment, cid)
            assert theirs is not None
            theirs.title = "别人先改"
        mine.title = "我后改"


def test_public_sees_only_published_confirmed_commitments(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        assert tracking.ledger(session, PUBLIC, TOLERANCE, dt.date(2022, 2, 1)) == []
        imports.publish_report(session, world.actor("admin"), world.report_id)
    with unit_of_work(world.factory) as session:
        entries = tracking.ledger(session, PUBLIC, TOLERANCE, dt.date(2022, 2, 1))
    assert [e.commitment.id for e in entries] == [cid]


def test_published_text_is_immutable(world: World) -> None:
    with unit_of_work(world.factory) as session:
        imports.publish_report(session, world.actor("admin"), world.report_id)
    with pytest.raises(ValidationFailed, match="published"), unit_of_work(world.factory) as session:
        report = session.get(Report, world.report_id)
        assert report is not None
        report.text = "改过的文本"


def test_reporter_sees_only_own_departments_work(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局", ("市发改委",))
    confirm_and_assign(world, "地区生产总值", "市统计局")
    day = dt.date(2022, 2, 1)
    for who, expected in (("hr", [cid]), ("ndrc", [cid]), ("transport", [])):
        with unit_of_work(world.factory) as session:
            entries = tracking.ledger(session, world.actor(who), TOLERANCE, day)
        assert [e.commitment.id for e in entries] == expected, who
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        tracking.explain(session, world.actor("transport"), cid, TOLERANCE, day)


def test_manual_judgement_sits_beside_computed_status(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        tracking.judge(
            session, world.actor("reviewer"), cid, "达进度", "统计口径调整，实际已达进度"
        )
    entry = explain(world, cid, dt.date(2022, 1, 10))
    assert entry.judgement is not None and entry.judgement.code == "达进度"
    assert entry.judgement.author == "reviewer"
    assert entry.status.code == "无法评估"


def test_qualitative_task_by_milestones(world: World) -> None:
    with unit_of_work(world.factory) as session:
        report = session.get(Report, world.report_id)
        assert report is not None
        start = report.text.index("开工建设民勤通用机场")
        task = imports.add_task(
            session, world.actor("reviewer"), world.report_id, start, start + 10, "重大项目"
        )
        assert task.criterion == "started"
        world.commitments["民勤通用机场"] = task.id
    cid = confirm_and_assign(world, "民勤通用机场", "市交通局")
    with unit_of_work(world.factory) as session:
        report_ = progress.file_progress(
            session, world.actor("transport"), cid, dt.date(2022, 1, 31), milestone="started"
        )
        progress.submit(session, world.actor("transport"), report_.id)
        progress.decide(session, world.actor("reviewer"), report_.id, "approved")
    entry = explain(world, cid, dt.date(2022, 2, 2))
    assert entry.status.code == "已完成", entry.status.explanation


def test_split_rolls_up_by_weight(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        parts = review.split(
            session,
            world.actor("reviewer"),
            cid,
            [("城区新增就业", Decimal("0.6")), ("农村新增就业", Decimal("0.4"))],
        )
        assert [p.parent_id for p in parts] == [cid, cid]
    with pytest.raises(ValidationFailed, match="add up"), unit_of_work(world.factory) as session:
        review.split(
            session,
            world.actor("reviewer"),
            world.commitments["地区生产总值"],
            [("甲", Decimal("0.5")), ("乙", Decimal("0.6"))],
        )
    entry = explain(world, cid, dt.date(2022, 1, 10))
    assert len(entry.children) == 2 and "权重 0.6" in entry.status.explanation


def test_every_change_is_journaled(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        actions = [
            (e.actor, e.action)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity_id == cid))
            if e.entity == "commitments"
        ]
    assert actions == [("system", "propose"), ("reviewer", "confirm")]


def test_sub_tasks_are_reported_by_the_parents_departments(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        urban, _ = review.split(
            session,
            world.actor("reviewer"),
            cid,
            [("城区新增就业", Decimal("0.6")), ("农村新增就业", Decimal("0.4"))],
        )
        urban_id = urban.id
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(
            session, world.actor("hr"), urban_id, dt.date(2022, 1, 31), milestone="completed"
        )
        progress.submit(session, world.actor("hr"), report.id)
        progress.decide(session, world.actor("reviewer"), report.id, "approved")
    entry = explain(world, cid, dt.date(2022, 2, 5))
    assert "按权重完成 60%" in entry.status.explanation
    assert [child.status.code for child in entry.children] == ["已完成", "未开始"]
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        progress.file_progress(session, world.actor("transport"), urban_id, dt.date(2022, 1, 31))


def test_import_interrupted_midway_leaves_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = imports._from_figure

    def interrupted(figure: object, report: Report) -> Commitment:
        calls.append(figure)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(figure, report)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "_from_figure", interrupted)
    document = make_document()
    document.text += "修订稿。"
    with pytest.raises(KeyboardInterrupt), unit_of_work(world.factory) as session:
        imports.import_document(session, world.actor("admin"), document, FIGURES, "武威市")
    assert len(calls) == 3
    with unit_of_work(world.factory) as session:
        assert session.scalar(select(func.count(Report.id))) == 1
        assert session.scalar(select(func.count(Commitment.id))) == 4


def test_the_shared_report_through_the_service_layer(factory: Any, wuwei_path: Path) -> None:
    """The real reader and extractor: targets proposed, a task placed in its section."""
    admin = organisation.SYSTEM
    with unit_of_work(factory) as session:
        organisation.add_government(session, admin, "武威市", "市", "620600")
        report = imports.import_file(session, admin, wuwei_path, "武威市")
        assert report.plan_year == 2022 and report.title == "2022年政府工作报告"
        assert report.meta["credit_code"] == "11622300013930944B"
        commitments = list(session.scalars(select(Commitment)))
        assert commitments and all(c.review_state == "proposed" for c in commitments)
        # The span is the number's (spec/figures.md); the quote is the text around it.
        assert all(report.text[c.start : c.end] in c.quote in report.text for c in commitments)
        start = report.text.index("开工建设民勤通用机场")
        task = imports.add_task(session, admin, report.id, start, start + 10, "重大项目")
    assert task.criterion == "started"
    assert task.section, "the task was not placed under any heading of the outline"
    assert task.period == "2022"


def test_every_change_of_an_assignment_bumps_its_version(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    versions = []
    for partners in ((), ("市发改委",), ("市发改委", "市交通局")):
        with unit_of_work(world.factory) as session:
            changed = assignment.assign(
                session,
                world.actor("reviewer"),
                cid,
                "市人社局",
                partners,
                dt.date(2022, 12, 31),
                "monthly",
                dt.date(2022, 1, 1),
            )
            versions.append(changed.version)
    assert versions == [2, 3, 4]
