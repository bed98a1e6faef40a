"""A final report supersedes its draft (征求意见稿); the draft's figures are found in the final."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Report
from luoshi.ledger.services import audit, editions, organisation
from luoshi.ledger.services.imports import import_document
from luoshi.ledger.services.policy import PUBLIC, Actor

from .conftest import FIGURES, Run, World, make_document

# The final keeps 城镇新增就业, lowers 地区生产总值 to 6.5%, moves 单位GDP能耗下降 to
# 2023 and drops 城镇调查失业率.
FINAL_FIGURES = [
    dataclasses.replace(f, value=Decimal("6.5")) if f.indicator == "地区生产总值" else f
    for f in FIGURES
    if f.indicator != "城镇调查失业率"
]
FINAL_FIGURES = [
    dataclasses.replace(f, period="2023") if f.indicator == "单位GDP能耗下降" else f
    for f in FINAL_FIGURES
]


def import_edition(
    session: Session,
    actor: Actor,
    edition: str,
    supersedes: int | None = None,
    mark: str = "",
    government: str = "武威市",
) -> Report:
    document = make_document()
    document.text += f"（{edition}{mark}）"  # another text, the same offsets
    figures = FIGURES if edition == "draft" else FINAL_FIGURES
    return import_document(session, actor, document, figures, government, edition, supersedes)


def draft_and_final(world: World) -> tuple[int, int]:
    admin = world.actor("admin")
    with unit_of_work(world.factory) as session:
        draft = import_edition(session, admin, "draft")
        final = import_edition(session, admin, "final", draft.id)
        return draft.id, final.id


def test_the_drafts_figures_matched_by_indicator_and_period(world: World) -> None:
    draft_id, final_id = draft_and_final(world)
    with unit_of_work(world.factory) as session:
        result = editions.matches(session, world.actor("reviewer"), final_id)
        assert (result.draft.id, result.final.id) == (draft_id, final_id)
        found = {
            m.draft.indicator: ([f.indicator for f in m.finals], m.target_changed)
            for m in result.matches
        }
        assert all(m.draft.report_id == draft_id for m in result.matches)
        assert all(f.report_id == final_id for m in result.matches for f in m.finals)
        from_draft = editions.matches(session, world.actor("admin"), draft_id)
        assert [m.draft.id for m in from_draft.matches] == [m.draft.id for m in result.matches]
    assert found == {
        "地区生产总值": (["地区生产总值"], True),  # the value may differ
        "城镇新增就业": (["城镇新增就业"], False),
        "城镇调查失业率": ([], False),
        "单位GDP能耗下降": ([], False),  # another period is another promise
    }


def test_the_link_is_journaled(world: World) -> None:
    draft_id, final_id = draft_and_final(world)
    with unit_of_work(world.factory) as session:
        events = audit.journal(session, world.actor("admin"), "reports", final_id)
        linked = [e for e in events if e.action == "supersede"]
        assert len(linked) == 1 and linked[0].after is not None
        assert linked[0].after["supersedes_id"] == draft_id


@pytest.mark.parametrize(
    ("edition", "target", "error", "words"),
    [
        ("final", "world", ValidationFailed, "not a draft"),
        ("draft", "draft", ValidationFailed, "only a final report"),
        ("final", "missing", NotFound, "no report with id"),
        ("final", "superseded", Conflict, "superseded by report"),
        ("final", "other-government", ValidationFailed, "another government"),
    ],
    ids=["a-final", "from-a-draft", "missing", "twice", "other-government"],
)
def test_a_wrong_link_imports_nothing(
    world: World, edition: str, target: str, error: type[Exception], words: str
) -> None:
    admin = world.actor("admin")
    draft_id, _ = draft_and_final(world)
    with unit_of_work(world.factory) as session:
        organisation.add_government(session, admin, "金昌市")
        other = import_edition(session, admin, "draft", government="金昌市")
        targets = {
            "world": world.report_id,
            "draft": draft_id,
            "missing": 999,
            "superseded": draft_id,
            "other-government": other.id,
        }
        before = session.scalar(select(func.count(Report.id)))
    with pytest.raises(error, match=words), unit_of_work(world.factory) as session:
        import_edition(session, admin, edition, targets[target], mark="二")
    with unit_of_work(world.factory) as session:
        assert session.scalar(select(func.count(Report.id))) == before


def test_a_report_without_a_link_says_how_to_make_one(world: World) -> None:
    with pytest.raises(ValidationFailed, match="--supersedes"), unit_of_work(world.factory) as s:
        editions.matches(s, world.actor("admin"), world.report_id)


@pytest.mark.parametrize("who", ["hr", "public"])
def test_departments_and_the_public_do_not_compare_drafts(world: World, who: str) -> None:
    _, final_id = draft_and_final(world)
    actor = PUBLIC if who == "public" else world.actor(who)
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        editions.matches(session, actor, final_id)


def test_carry_over_through_the_cli(run: Run, wuwei_path: Path, tmp_path: Path) -> None:
    run("db", "upgrade")
    run("user", "add", "boss", "--role", "admin")
    run("gov", "add", "武威市", "--user", "boss")
    draft = tmp_path / "征求意见稿.txt"
    draft.write_text(wuwei_path.read_text(encoding="utf-8") + "\n征求意见稿\n", encoding="utf-8")
    run("import", str(draft), "--government", "武威市", "--edition", "draft", "--user", "boss")
    out = run(
        "import", str(wuwei_path), "--government", "武威市", "--supersedes", "1", "--user", "boss"
    ).output
    assert "report 2 supersedes draft 1" in out
    wrong = run(
        "import",
        str(wuwei_path),
        "--government",
        "武威市",
        "--supersedes",
        "99",
        "--user",
        "boss",
        code=3,
    )
    assert wrong.output.count("\n") == 1 and "no report with id 99" in wrong.output
    lines = [
        json.loads(x)
        for x in run("carry-over", "2", "--json", "--user", "boss").output.splitlines()
    ]
    assert lines and all(line["final"] for line in lines)  # the same figures in both
    assert not any(line["target_changed"] for line in lines)
    text = run("carry-over", "1", "--user", "boss").output
    assert text.startswith("draft 1 → final 2\n") and "no match" not in text
    run("carry-over", "2", code=5)  # the public
    run("carry-over", "9", "--user", "boss", code=3)


def test_a_final_imported_without_the_link_is_linked_afterwards(
    run: Run, wuwei_path: Path, tmp_path: Path
) -> None:
    run("db", "upgrade")
    run("user", "add", "boss", "--role", "admin")
    run("gov", "add", "武威市", "--user", "boss")
    draft = tmp_path / "征求意见稿.txt"
    draft.write_text(wuwei_path.read_text(encoding="utf-8") + "\n征求意见稿\n", encoding="utf-8")
    run("import", str(draft), "--government", "武威市", "--edition", "draft", "--user", "boss")
    run("import", str(wuwei_path), "--government", "武威市", "--user", "boss")
    run("carry-over", "2", "--user", "boss", code=2)  # no link yet: says how to make one
    run("supersede", "2", "1", "--user", "boss", code=2)  # no --version
    linked = run("supersede", "2", "1", "--version", "1", "--user", "boss").output
    assert "report 2 supersedes draft 1" in linked
    assert run("carry-over", "2", "--user", "boss").output.startswith("draft 1 → final 2")
    again = run("supersede", "2", "1", "--version", "2", "--user", "boss").output  # idempotent
    assert "supersedes draft 1" in again
    backwards = run("supersede", "1", "2", "--version", "1", "--user", "boss", code=2)
    assert "only a final report supersedes a draft" in backwards.output
