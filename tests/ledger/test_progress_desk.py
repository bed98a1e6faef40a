"""The progress desk's services: the inbox owes what the cycle asks, the preview is what the
engine computes once the report is approved, evidence keeps its limits, reading is guarded —
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from luoshi.errors import Conflict, InputError, PermissionDenied
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Evidence, ProgressReport
from luoshi.ledger.services import assignment, imports, progress, progress_desk, review
from luoshi.ledger.services.tracking import explain
from luoshi.ledger.status import Tolerance

from .conftest import World

EMPLOYMENT = "城镇新增就业"
TODAY = dt.date(2022, 10, 20)  # the third quarter ended 09-30; its report is due


@pytest.fixture
def assigned(world: World) -> World:
    """Everything confirmed and published; 城镇新增就业 led by 市人社局 with 市统计局."""
    admin = world.actor("admin")
    with unit_of_work(world.factory) as session:
        for commitment_id in world.commitments.values():
            review.decide(session, admin, commitment_id, "confirmed")
        imports.publish_report(session, admin, world.report_id)
        assignment.assign(
            session,
            admin,
            world.commitments[EMPLOYMENT],
            "市人社局",
            partners=["市统计局"],
            cycle="quarterly",
            starts=dt.date(2022, 1, 1),
        )
    return world


def test_the_inbox_owes_the_cycles_report_until_one_is_submitted(assigned: World) -> None:
    hr = assigned.actor("hr")
    commitment = assigned.commitments[EMPLOYMENT]
    with unit_of_work(assigned.factory) as session:
        inbox = progress_desk.inbox(session, hr, Tolerance(), TODAY)
        task = next(t for t in inbox.tasks if t.commitment_id == commitment)
        assert task.lead and task.due_as_of == dt.date(2022, 9, 30) and not task.filed_for_due
        draft = progress.file_progress(
            session, hr, commitment, dt.date(2022, 9, 30), value=Decimal("1.2"), today=TODAY
        )
    with unit_of_work(assigned.factory) as session:
        inbox = progress_desk.inbox(session, hr, Tolerance(), TODAY)
        task = next(t for t in inbox.tasks if t.commitment_id == commitment)
        assert not task.filed_for_due and task.open_report == draft.id  # a draft is not filed
        assert [line.id for line in inbox.drafts] == [draft.id]
        progress.submit(session, hr, draft.id)
    with unit_of_work(assigned.factory) as session:
        inbox = progress_desk.inbox(session, hr, Tolerance(), TODAY)
        task = next(t for t in inbox.tasks if t.commitment_id == commitment)
        assert task.filed_for_due and task.open_report is None
        office = progress_desk.inbox(session, assigned.actor("reviewer"), Tolerance(), TODAY)
        assert [line.id for line in office.submitted] == [draft.id]
        other = progress_desk.inbox(session, assigned.actor("transport"), Tolerance(), TODAY)
        assert other.tasks == [] and other.submitted == []


@pytest.mark.parametrize("value", [Decimal("0.3"), Decimal("1.2"), Decimal("2")])
def test_the_preview_is_the_status_the_report_gets_once_approved(
    assigned: World, value: Decimal
) -> None:
    hr, reviewer = assigned.actor("hr"), assigned.actor("reviewer")
    commitment = assigned.commitments[EMPLOYMENT]
    with unit_of_work(assigned.factory) as session:
        draft = progress.file_progress(
            session, hr, commitment, dt.date(2022, 9, 30), value=value, today=TODAY
        )
    with unit_of_work(assigned.factory) as session:
        shown = progress_desk.page(session, hr, draft.id, Tolerance(), TODAY)
        preview, current = shown.preview, shown.current
        progress.submit(session, hr, draft.id)
        progress.decide(session, reviewer, draft.id, "approved")
    with unit_of_work(assigned.factory) as session:
        after = explain(session, reviewer, commitment, Tolerance(), TODAY).status
    assert (preview.code, preview.explanation) == (after.code, after.explanation)
    assert current.code != preview.code or current.explanation != preview.explanation


def test_reading_is_for_the_department_its_lead_and_the_office_once_submitted(
    assigned: World,
) -> None:
    hr, ndrc = assigned.actor("hr"), assigned.actor("ndrc")
    reviewer = assigned.actor("reviewer")
    commitment = assigned.commitments[EMPLOYMENT]
    with unit_of_work(assigned.factory) as session:
        draft = progress.file_progress(session, hr, commitment, dt.date(2022, 9, 30), today=TODAY)
    with unit_of_work(assigned.factory) as session:
        assert progress_desk.readable(session, hr, draft.id).id == draft.id
        for outsider in (ndrc, reviewer):
            with pytest.raises(PermissionDenied):
                progress_desk.readable(session, outsider, draft.id)
        progress.submit(session, hr, draft.id)
    with unit_of_work(assigned.factory) as session:
        assert progress_desk.readable(session, reviewer, draft.id).state == "submitted"
        with pytest.raises(PermissionDenied):
            progress_desk.readable(session, ndrc, draft.id)


def test_evidence_is_attached_to_a_draft_within_its_limit(assigned: World, tmp_path: Path) -> None:
    hr = assigned.actor("hr")
    commitment = assigned.commitments[EMPLOYMENT]
    store = tmp_path / "evidence"
    small, big = tmp_path / "台账.txt", tmp_path / "大.pdf"
    small.write_bytes(b"ok")
    big.write_bytes(b"x" * 101)
    with unit_of_work(assigned.factory) as session:
        draft = progress.file_progress(session, hr, commitment, dt.date(2022, 9, 30), today=TODAY)
    with pytest.raises(InputError, match="over the limit"), unit_of_work(assigned.factory) as s:
        progress_desk.attach(s, hr, draft.id, big, store, 100, 1)
    with pytest.raises(Conflict), unit_of_work(assigned.factory) as session:
        progress_desk.attach(session, hr, draft.id, small, store, 100, 99)
    assert not store.exists() or not any(p.is_file() for p in store.rglob("*"))
    with unit_of_work(assigned.factory) as session:
        progress_desk.attach(session, hr, draft.id, small, store, 100, 1)
    with unit_of_work(assigned.factory) as session:
        report = session.get(ProgressReport, draft.id)
        assert report is not None and report.version == 2
        assert [e.filename for e in report.evidence] == ["台账.txt"]
        stored = session.get(Evidence, report.evidence[0].id)
        assert stored is not None and stored.sha256 is not None
        assert (store / stored.sha256[:2] / stored.sha256).read_bytes() == b"ok"


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/b.txt", "a\\b.txt", ".hidden", "x\x00.txt", "", "名" * 201]
)
def test_an_unsafe_file_name_is_refused(name: str) -> None:
    with pytest.raises(InputError):
        progress_desk.checked_name(name)


def test_a_plain_file_name_is_kept() -> None:
    assert progress_desk.checked_name(" 2022年三季度 台账.xlsx ") == "2022年三季度 台账.xlsx"
