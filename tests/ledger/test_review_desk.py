"""The review desk's services: corrections kept as (extracted, corrected), merge, split of a
figure holding two numbers, and the office's review written as gold records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from luoshi.errors import Conflict, PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import AuditEvent, Commitment
from luoshi.ledger.services import review, review_desk
from luoshi.ledger.services.policy import actor_for

from .conftest import REPORT_TEXT, World

GDP = "地区生产总值"
JOBS = "城镇新增就业"
JOBLESS = "城镇调查失业率"
ENERGY = "单位GDP能耗下降"


def _get(world: World, indicator: str) -> Commitment:
    with unit_of_work(world.factory) as session:
        found = session.get(Commitment, world.commitments[indicator])
        assert found is not None
        session.expunge(found)
        return found


def test_a_correction_changes_the_fields_and_keeps_the_extracted_figure(world: World) -> None:
    jobs = world.commitments[JOBS]
    new_start = REPORT_TEXT.index(
        "1.5万人"
    )  # the span widened to the magnitude, as the spec has it
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        form = {
            "value": "1.6",
            "unit": "万人",
            "indicator": "城镇新增就业人数",
            "comparator": "=",
            "start": str(new_start),
            "end": str(new_start + 4),
        }
        review_desk.correct(session, reviewer, jobs, form, expected_version=1, reason="核对原文")
    corrected = _get(world, JOBS)
    assert corrected.target == Decimal("1.6") and corrected.indicator == "城镇新增就业人数"
    assert (corrected.start, corrected.end, corrected.comparator) == (new_start, new_start + 4, "=")
    assert corrected.figure is not None and corrected.figure["value"] == 1.5  # extracted kept
    assert corrected.figure["indicator"] == JOBS and corrected.figure["comparator"] == ">="
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        review.decide(session, reviewer, jobs, "confirmed")
        pairs = review_desk.corrections(session, reviewer, world.report_id)
        edits = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == jobs, AuditEvent.action == "edit")
        ).all()
    (pair,) = pairs
    assert pair["extracted"]["value"] == 1.5 and pair["corrected"]["value"] == 1.6
    assert set(pair["changed"]) == {"end", "value", "indicator", "comparator"}
    assert len(edits) == 2 and all(e.reason == "核对原文" for e in edits)  # fields, then span


def test_a_correction_of_a_stale_version_is_a_conflict_and_changes_nothing(world: World) -> None:
    jobs = world.commitments[JOBS]
    with unit_of_work(world.factory) as session:
        review_desk.correct(session, actor_for(session, "reviewer"), jobs, {"value": "2"}, 1)
    with (
        pytest.raises(Conflict, match="version 2, you edited version 1"),
        unit_of_work(world.factory) as session,
    ):
        review_desk.correct(session, actor_for(session, "reviewer"), jobs, {"value": "3"}, 1)
    assert _get(world, JOBS).target == Decimal(2)


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"value": "一点五"}, "value must be a number"),
        ({"value": ""}, "needs a value"),
        ({"value_max": "1"}, "inverted"),
        ({"measure": "speed"}, "measure must be one of"),
        ({"unit": "万" * 21}, "longer than 20"),
        ({"start": "5", "end": "99999"}, "outside the report's text"),
        ({"start": "x"}, "character offset"),
        ({"period": "明年"}, "not a year"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(v),
)
def test_bad_corrections_are_refused_with_a_message_and_nothing_changes(
    world: World, form: dict[str, str], problem: str
) -> None:
    before = _get(world, JOBS)
    with pytest.raises(ValidationFailed, match=problem), unit_of_work(world.factory) as session:
        review_desk.correct(session, actor_for(session, "reviewer"), before.id, form, 1)
    after = _get(world, JOBS)
    assert (after.version, after.target, after.start, after.unit) == (
        before.version,
        before.target,
        before.start,
        before.unit,
    )


def test_a_department_may_not_correct(world: World) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        review_desk.correct(session, actor_for(session, "hr"), 1, {"value": "2"}, 1)


def test_a_figure_corrected_to_an_actual_is_no_commitment_but_stays_in_the_gold(
    world: World,
) -> None:
    energy = world.commitments[ENERGY]
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        review_desk.correct(session, reviewer, energy, {"kind": "actual", "period": "2021"}, 1)
        with pytest.raises(ValidationFailed, match="not a target"):
            review.decide(session, reviewer, energy, "confirmed")
        records = review_desk.gold(session, reviewer, world.report_id)
    commitment = _get(world, ENERGY)
    assert commitment.review_state == "rejected" and "实际数" in commitment.review_reason
    assert [(r["indicator"], r["kind"], r["period"]) for r in records] == [
        (ENERGY, "actual", "2021")
    ]


def test_merging_two_figures_makes_one_range_and_rejects_the_other(world: World) -> None:
    gdp, jobless = world.commitments[GDP], world.commitments[JOBLESS]
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        review_desk.merge(session, reviewer, gdp, jobless, 1, 1)
        review.decide(session, reviewer, gdp, "confirmed")
        records = review_desk.gold(session, reviewer, world.report_id)
    kept, other = _get(world, GDP), _get(world, JOBLESS)
    assert (kept.target, kept.target_max) == (Decimal("5.5"), Decimal(7))
    assert kept.start == REPORT_TEXT.index("7%左右") and kept.end == REPORT_TEXT.index("%以内")
    assert other.review_state == "rejected" and f"第 {gdp} 项" in other.review_reason
    assert [(r["value"], r["value_max"]) for r in records] == [(5.5, 7)]


def test_merging_a_stale_or_the_same_figure_is_refused(world: World) -> None:
    gdp, jobs = world.commitments[GDP], world.commitments[JOBS]
    with pytest.raises(Conflict), unit_of_work(world.factory) as session:
        review_desk.merge(session, actor_for(session, "reviewer"), gdp, jobs, 1, 7)
    with pytest.raises(ValidationFailed, match="itself"), unit_of_work(world.factory) as session:
        review_desk.merge(session, actor_for(session, "reviewer"), gdp, gdp, 1, 1)
    assert _get(world, JOBS).review_state == "proposed"


def test_splitting_a_figure_that_holds_two_numbers_gives_two_figures(world: World) -> None:
    # Say the extractor read "7%左右，城镇新增就业1.5万" as one figure; the reviewer selects
    # "1.5万" and takes it out as a figure of its own.
    gdp = world.commitments[GDP]
    first, second = REPORT_TEXT.index("7%左右"), REPORT_TEXT.index("1.5万人")
    with unit_of_work(world.factory) as session:
        too_wide = session.get(Commitment, gdp)
        assert too_wide is not None
        too_wide.end = second + 4
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        part_id = review_desk.split_figure(session, reviewer, gdp, second, second + 4, 2).id
    original = _get(world, GDP)
    with unit_of_work(world.factory) as session:
        part = session.get(Commitment, part_id)
        assert part is not None
        assert (part.start, part.end, part.target) == (second, second + 4, Decimal("1.5"))
        assert part.review_state == "proposed" and part.figure is None and part.parent_id is None
        assert part.indicator == GDP  # copied: the reviewer corrects it next
        assert review_desk.view(0, REPORT_TEXT, part).changed[:3] == ("start", "end", "value")
    assert (original.start, original.end) == (first, second)


def test_the_whole_figure_cannot_be_split_off_itself(world: World) -> None:
    gdp = _get(world, GDP)
    with (
        pytest.raises(ValidationFailed, match="second number only"),
        unit_of_work(world.factory) as session,
    ):
        review_desk.split_figure(
            session, actor_for(session, "reviewer"), gdp.id, gdp.start, gdp.end, 1
        )


def test_the_gold_holds_confirmed_figures_as_corrected_and_leaves_out_the_rest(
    world: World,
) -> None:
    gdp, jobs, jobless = (world.commitments[k] for k in (GDP, JOBS, JOBLESS))
    with unit_of_work(world.factory) as session:
        reviewer = actor_for(session, "reviewer")
        review_desk.correct(session, reviewer, gdp, {"value": "6.5"}, 1)
        review.decide(session, reviewer, gdp, "confirmed")
        review.decide(session, reviewer, jobs, "confirmed")
        review.decide(session, reviewer, jobless, "rejected", "不是目标")
        records = review_desk.gold(session, reviewer, world.report_id)
    assert [(r["indicator"], r["value"]) for r in records] == [(GDP, 6.5), (JOBS, 1.5)]
    spec_fields = {"start", "end", "value", "unit", "indicator", "measure", "kind"}
    assert all(
        spec_fields | {"comparator", "period", "section", "quote"} <= set(r) for r in records
    )
    assert all(REPORT_TEXT[r["start"] : r["end"]] in r["quote"] for r in records)
