"""The 分工 services on SQLite and PostgreSQL: the keyword table, suggestions from past
assignments, bulk assignment all or none, the admin's users with first passwords."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from luoshi.errors import Conflict, PermissionDenied
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Commitment, LeadKeyword, User, utcnow
from luoshi.ledger.services import accounts, administration, assignment_desk, review, suggestion

from .conftest import World


def confirmed(world: World) -> None:
    with unit_of_work(world.factory) as session:
        for commitment_id in world.commitments.values():
            review.decide(session, world.actor("admin"), commitment_id, "confirmed")


def test_the_keyword_table_suggests_its_department_and_is_journaled(world: World) -> None:
    confirmed(world)
    with unit_of_work(world.factory) as session:
        added = suggestion.add_keyword(session, world.actor("reviewer"), 1, "失业", "市统计局")
        with pytest.raises(PermissionDenied):
            suggestion.add_keyword(session, world.actor("hr"), 1, "就业", "市人社局")
        added_id, version = added.id, added.version
    with unit_of_work(world.factory) as session:
        page = assignment_desk.desk(session, world.actor("reviewer"), world.report_id)
        row = next(r for r in page.rows if r.indicator == "城镇调查失业率")
        assert row.preselected == "市统计局" and row.suggestions[0].reason == "关键词“失业”"
    with unit_of_work(world.factory) as session:
        suggestion.remove_keyword(session, world.actor("reviewer"), added_id, version)
    with unit_of_work(world.factory) as session:
        assert session.scalars(select(LeadKeyword)).all() == []


def test_past_assignments_suggest_and_bulk_assignment_is_all_or_none(world: World) -> None:
    confirmed(world)
    reviewer = world.actor("reviewer")
    ids = [world.commitments["城镇新增就业"], world.commitments["城镇调查失业率"]]
    with unit_of_work(world.factory) as session:
        assert (
            assignment_desk.assign_many(
                session,
                reviewer,
                world.report_id,
                {i: 0 for i in ids},
                "市人社局",
                None,
                None,
                None,
            )
            == 2
        )
    with unit_of_work(world.factory) as session:
        leads = {session.get(Commitment, i).assignment.lead.name for i in ids}  # type: ignore[union-attr]
        assert leads == {"市人社局"}
        # A third commitment with a similar indicator gets the past lead as its suggestion.
        suggest = suggestion.suggester(session, 1, keywords=False)
        other = Commitment(id=0, indicator="城镇新增就业人数", title="城镇新增就业人数", section=[])
        assert suggest.suggest(other)[0].department == "市人社局"
    with pytest.raises(Conflict), unit_of_work(world.factory) as session:
        # The second pick was seen unassigned (0): stale, so the first is not changed either.
        assignment_desk.assign_many(
            session, reviewer, world.report_id, {ids[0]: 1, ids[1]: 0}, "市发改委", None, None, None
        )
    with unit_of_work(world.factory) as session:
        assert session.get(Commitment, ids[0]).assignment.lead.name == "市人社局"  # type: ignore[union-attr]


def test_the_admin_adds_a_user_with_a_first_password_to_change(world: World) -> None:
    with unit_of_work(world.factory) as session:
        user, password = administration.add_user(
            session, world.actor("admin"), "new-liaison", "reporter", world.departments["市交通局"]
        )
        assert user.must_change_password
    with unit_of_work(world.factory) as session:
        signed = accounts.authenticate(session, "new-liaison", password, utcnow())
        assert signed.must_change_password
        with pytest.raises(PermissionDenied):
            administration.overview(session, world.actor("reviewer"))
        user_id = session.scalars(select(User.id).where(User.name == "new-liaison")).one()
        administration.set_access(session, world.actor("admin"), user_id, False)
    with unit_of_work(world.factory) as session:
        assert not session.get(User, user_id).active  # type: ignore[union-attr]
