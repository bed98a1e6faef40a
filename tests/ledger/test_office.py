"""What an office does on the command line, hardened (issue 13): one report a date, evidence
opened only by those who may read it, a figure split, a section reviewed at once, and every
editing command carrying the version its editor read."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from luoshi.config import get_settings
from luoshi.errors import Conflict, InputError, PermissionDenied, ValidationFailed
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Commitment, Evidence
from luoshi.ledger.services import audit, progress, review

from .conftest import Run, World
from .test_cli import ledger_lines, setup_ledger
from .test_failures import one_line_error
from .test_flow import confirm_and_assign, explain

DAY = dt.date(2022, 1, 31)


def _file(world: World, cid: int, who: str = "hr", **options: object) -> int:
    with unit_of_work(world.factory) as session:
        return progress.file_progress(session, world.actor(who), cid, DAY, **options).id  # type: ignore[arg-type]


def _refused(world: World, cid: int, words: str, who: str = "hr", **options: object) -> None:
    with pytest.raises(ValidationFailed, match=words):
        _file(world, cid, who, **options)


def test_one_report_a_department_and_date_unless_it_supersedes(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局", ("市发改委",))
    first = _file(world, cid)
    _refused(world, cid, rf"already has progress report {first} \(draft\).*report edit {first}")
    _file(world, cid, "ndrc")  # a partner's contribution of the same date is another unit's
    with unit_of_work(world.factory) as session:
        progress.submit(session, world.actor("hr"), first)
    _refused(world, cid, "submitted.*wait for its approval or return")
    with unit_of_work(world.factory) as session:
        progress.decide(session, world.actor("reviewer"), first, "approved")
    _refused(world, cid, f"approved progress report {first}.*--supersedes {first}")
    _refused(world, cid, f"--supersedes {first}", supersedes=first + 100)
    correction = _file(world, cid, supersedes=first)
    _refused(world, cid, rf"progress report {correction} \(draft\)", supersedes=first)
    with unit_of_work(world.factory) as session:
        journal = audit.journal(session, world.actor("admin"), "progress_reports", correction)
        assert journal[0].reason == f"supersedes progress report {first}"
        # A report of another date cannot be moved onto a date already reported.
        later = progress.file_progress(session, world.actor("hr"), cid, DAY.replace(day=28))
    with pytest.raises(ValidationFailed, match="already has"), unit_of_work(world.factory) as s:
        progress.edit_progress(s, world.actor("hr"), later.id, {"as_of": DAY})
    nothing = pytest.raises(ValidationFailed, match="nothing to supersede")
    with nothing, unit_of_work(world.factory) as session:  # no report of that date
        progress.file_progress(
            session, world.actor("hr"), cid, DAY.replace(month=3), supersedes=first
        )


def test_a_duplicate_date_through_the_cli(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    run("report", "file", "1", "--as-of", "2022-01-31", "--value", "1", "--submit", "--user", "hr")
    again = run("report", "file", "1", "--as-of", "2022-01-31", "--value", "2", "--user", "hr",
                code=2)  # fmt: skip
    one_line_error(again, "already has progress report 1 (submitted)")
    run("report", "approve", "1", "--user", "boss", code=2)  # no --version
    run("report", "approve", "1", "--version", "1", "--user", "boss", code=4)  # stale
    run("report", "approve", "1", "--version", "2", "--user", "boss")
    fixed = run("report", "file", "1", "--as-of", "2022-01-31", "--value", "2",
                "--supersedes", "1", "--user", "hr").output  # fmt: skip
    assert fixed.startswith("progress report ") and fixed.endswith(" draft\n")  # PostgreSQL: 3


def test_evidence_opens_for_those_who_may_read_its_report(
    run: Run, wuwei_path: Path, tmp_path: Path
) -> None:
    setup_ledger(run, wuwei_path)
    run("user", "add", "ndrc", "--role", "reporter", "--department", "2", "--user", "boss")
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    run("report", "file", "1", "--as-of", "2022-01-31", "--evidence", str(photo),
        "--link", "https://example.gov.cn/a", "--user", "hr")  # fmt: skip
    store = get_settings().evidence_dir
    shown = run("evidence", "open", "1", "--user", "hr").output
    stored = Path(shown.rpartition(" at ")[2].strip())
    assert stored.is_relative_to(store) and stored.read_bytes() == photo.read_bytes()
    assert run("evidence", "open", "2", "--user", "boss").output.endswith(
        "https://example.gov.cn/a\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    run("evidence", "open", "1", "--to", str(out), "--user", "reviewer")
    assert (out / "现场照片.jpg").read_bytes() == photo.read_bytes()
    exists = run("evidence", "open", "1", "--to", str(out / "现场照片.jpg"), "--user", "boss",
                 code=2)  # fmt: skip
    one_line_error(exists, "exists already")
    run("evidence", "open", "1", "--user", "ndrc", code=5)  # another department's report
    run("evidence", "open", "1", code=5)  # the public
    run("evidence", "open", "99", "--user", "boss", code=3)


def test_a_forged_evidence_hash_never_leaves_the_store(world: World, tmp_path: Path) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"photo")
    store = tmp_path / "evidence"
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(
            session, world.actor("hr"), cid, DAY, evidence=[photo], evidence_dir=store
        )
        evidence_id = report.evidence[0].id
    with unit_of_work(world.factory) as session:
        _, path = progress.evidence_of(session, world.actor("hr"), evidence_id, store)
        assert path is not None and path.parent.parent == store
        session.execute(update(Evidence).values(sha256="../../../../etc/passwd"))
    with unit_of_work(world.factory) as session:
        with pytest.raises(InputError, match="not a sha256"):
            progress.evidence_of(session, world.actor("admin"), evidence_id, store)
        with pytest.raises(PermissionDenied):
            progress.evidence_of(session, world.actor("ndrc"), evidence_id, store)


def test_a_figure_is_split_from_the_cli(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    parts = ("--part", "城区=0.6", "--part", "农村=0.4")
    run("split", "1", *parts, "--user", "boss", code=2)  # no --version
    run("split", "1", *parts, "--version", "1", "--user", "hr", code=5)
    one_line_error(run("split", "1", "--part", "城区", "--part", "农村=1", "--version", "2",
                       "--user", "boss", code=2), "TITLE=WEIGHT")  # fmt: skip
    one_line_error(run("split", "1", "--part", "城区=0.5", "--part", "农村=0.6", "--version", "2",
                       "--user", "boss", code=2), "add up to 1")  # fmt: skip
    out = run("split", "1", *parts, "--version", "2", "--reason", "分城乡", "--user", "boss").output
    assert "城区 (0.6)" in out and "农村 (0.4)" in out
    explained = run("status", "--explain", "1", "--user", "boss").output
    assert "城区 (权重 0.6)" in explained and "农村 (权重 0.4)" in explained
    one_line_error(run("split", "1", *parts, "--version", "2", "--user", "boss", code=2),
                   "split already")  # fmt: skip


def _headings(run: Run) -> dict[str, list[int]]:
    """Proposed commitments of the ledger by their innermost heading."""
    engine = make_engine(get_settings().database_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            by_heading: dict[str, list[int]] = {}
            for c in session.scalars(select(Commitment).order_by(Commitment.start)):
                if c.section and c.review_state == "proposed":
                    by_heading.setdefault(c.section[-1], []).append(c.id)
            return by_heading
    finally:
        engine.dispose()


def test_a_section_is_reviewed_at_once_all_or_none(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    heading, ids = max(_headings(run).items(), key=lambda item: len(item[1]))
    assert len(ids) > 1
    run("review", "--confirm", "--user", "boss", code=2)  # neither ids nor a section
    run("review", "1", "--section", heading, "--confirm", "--user", "boss", code=2)
    run("review", "--section", heading, "--confirm", "--user", "hr", code=5)
    missing = run("review", "--section", "没有这一节", "--confirm", "--user", "boss", code=2)
    one_line_error(missing, "no proposed commitment")
    # One of them rejected first: the section now means the rest, all confirmed.
    run("review", str(ids[0]), "--reject", "--reason", "重复", "--version", "1", "--user", "boss")
    out = run("review", "--section", heading, "--confirm", "--user", "reviewer").output
    assert out.startswith(f"{len(ids) - 1} commitment(s) under")
    states = {c["id"]: c["review"] for c in ledger_lines(run, "--user", "boss")}
    assert states[ids[0]] == "rejected"
    assert all(states[i] == "confirmed" for i in ids[1:])


def test_a_section_decided_meanwhile_is_refused_whole(world: World) -> None:
    reviewer = world.actor("reviewer")
    session = world.factory()
    try:
        ids = review.in_section(session, reviewer, "工作安排")
        assert sorted(ids) == sorted(world.commitments.values())
        with unit_of_work(world.factory) as other:  # another reviewer, meanwhile
            review.decide(other, reviewer, ids[-1], "rejected", "重复")
        with pytest.raises(ValidationFailed, match="not proposed any more; nothing decided"):
            review.decide_many(session, reviewer, ids, "confirmed")
        session.rollback()
    finally:
        session.close()
    with unit_of_work(world.factory) as session:
        states = [session.get(Commitment, i).review_state for i in ids]  # type: ignore[union-attr]
        assert states == ["proposed"] * (len(ids) - 1) + ["rejected"]
        decided = review.decide_many(session, reviewer, ids[:-1], "confirmed")
        assert {c.review_state for c in decided} == {"confirmed"}
    none_left = pytest.raises(ValidationFailed, match="no proposed commitment")
    with none_left, unit_of_work(world.factory) as session:
        review.in_section(session, world.actor("reviewer"), "工作安排")


def test_every_editing_command_needs_the_version_read(run: Run, wuwei_path: Path) -> None:
    """Each editing command without --version is refused, naming the version to give."""
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    run("report", "file", "1", "--as-of", "2022-01-31", "--user", "hr")
    refusals = {
        ("report", "submit", "1", "--user", "hr"): "--version 1",
        ("report", "edit", "1", "--value", "1", "--user", "hr"): "--version 1",
        ("user", "set", "hr", "--inactive", "--user", "boss"): "--version 1",
        ("publish", "1", "--user", "boss"): "--version 1",
        ("split", "1", "--part", "a=0.5", "--part", "b=0.5", "--user", "boss"): "--version 2",
        ("assign", "1", "--lead", "市发改委", "--user", "boss"): "--version 1",
        ("review", "1", "--set", "period=2022", "--user", "boss"): "--version 2",
    }
    for args, words in refusals.items():
        one_line_error(run(*args, code=2), words)
    run("report", "submit", "1", "--version", "1", "--user", "hr")
    for verb in ("approve", "return"):
        refused = run("report", verb, "1", "--reason", "核实", "--user", "boss", code=2)
        one_line_error(refused, "--version 2")
    lines = run("user", "list", "--user", "boss").output.splitlines()
    assert "hr  v1  reporter  市人社局" in lines
    journal = [json.loads(line) for line in run("audit", "--user", "boss").output.splitlines()]
    assert not [e for e in journal if e["action"] in ("approve", "return", "publish", "split")]


def test_a_split_checks_the_version_read(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    with unit_of_work(world.factory) as session:
        thirds = [("甲", Decimal("0.25")), ("乙", Decimal("0.25")), ("丙", Decimal("0.5"))]
        children = review.split(session, world.actor("reviewer"), cid, thirds, expected_version=2)
        assert [c.weight for c in children] == [Decimal("0.25"), Decimal("0.25"), Decimal("0.5")]
    with pytest.raises(Conflict), unit_of_work(world.factory) as session:
        review.split(session, world.actor("reviewer"), cid, thirds, expected_version=1)


def test_departments_are_listed_with_the_ids_commands_take(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    lines = run("gov", "depts", "武威市", "--user", "hr").output.splitlines()
    assert sorted(line.split() for line in lines) == [
        ["1", "武威市", "市人社局"],
        ["2", "武威市", "市发改委"],
        ["3", "武威市", "市交通局"],
    ]
    run("gov", "depts", "没有这个政府", "--user", "boss", code=3)


def test_an_approved_correction_counts_instead_of_the_report_it_supersedes(world: World) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    replaced = None
    for value in (Decimal("0.1"), Decimal("0.2")):
        with unit_of_work(world.factory) as session:
            filed = progress.file_progress(
                session, world.actor("hr"), cid, DAY, value=value, supersedes=replaced
            )
            progress.submit(session, world.actor("hr"), filed.id)
            progress.decide(session, world.actor("reviewer"), filed.id, "approved")
            replaced = filed.id
    entry = explain(world, cid, dt.date(2022, 2, 10))
    assert "报送值 0.2" in entry.status.explanation, entry.status.explanation
