"""Public search on both backends: published text and confirmed commitments, and nothing else."""

from __future__ import annotations

import pytest

from luoshi.errors import ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.services import imports, review, search
from luoshi.ledger.services.organisation import SYSTEM

from .conftest import REPORT_TEXT, World


def found(world: World, query: str) -> list[search.Hit]:
    with unit_of_work(world.factory) as session:
        return search.search(session, query)


def test_nothing_is_found_before_the_report_is_published(world: World) -> None:
    assert found(world, "城镇新增就业") == []


@pytest.mark.parametrize("query", ["城镇新增就业", "就业", "GDP能耗", "gdp能耗"])
def test_a_published_paragraph_and_its_confirmed_commitment_are_found(
    world: World, query: str
) -> None:
    with unit_of_work(world.factory) as session:
        review.decide(session, SYSTEM, world.commitments["城镇新增就业"], "confirmed")
        imports.publish_report(session, SYSTEM, world.report_id)
    hits = found(world, query)
    paragraphs = [h for h in hits if h.commitment_id is None]
    assert paragraphs and all(h.match.lower() == query.lower() for h in paragraphs)
    first = paragraphs[0]
    assert first.before + first.match + first.after in REPORT_TEXT
    if query in ("城镇新增就业", "就业"):
        commitments = {h.commitment_id for h in hits if h.commitment_id is not None}
        assert commitments == {world.commitments["城镇新增就业"]}  # not the unconfirmed ones


def test_a_query_with_wildcards_and_quotes_is_a_literal(world: World) -> None:
    with unit_of_work(world.factory) as session:
        imports.publish_report(session, SYSTEM, world.report_id)
    assert found(world, "新增%") == [] and found(world, "新_就业") == []  # no wildcards
    assert found(world, "%") and found(world, "%")[0].match == "%"
    assert found(world, '"地区" OR "就业"') == []
    assert found(world, "7%左右")[0].match == "7%左右"
    with pytest.raises(ValidationFailed, match="at most 100"):
        found(world, "字" * 101)
