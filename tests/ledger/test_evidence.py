"""Evidence files are written only when the progress report's transaction commits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.errors import Conflict, InputError
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Evidence, ProgressReport, User
from luoshi.ledger.services import progress

from .conftest import World
from .test_flow import confirm_and_assign

DAY = dt.date(2022, 1, 31)


def _photo(tmp_path: Path, content: bytes = b"\xff\xd8 site photo") -> Path:
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(content)
    return photo


def _file(
    session: Session,
    world: World,
    cid: int,
    files: list[Path],
    evidence_dir: Path,
    day: dt.date = DAY,
) -> ProgressReport:
    """The 市人社局 liaison officer files a draft report with ``files`` as evidence."""
    return progress.file_progress(
        session, world.actor("hr"), cid, day, evidence=files, evidence_dir=evidence_dir
    )


def _files(evidence_dir: Path) -> list[Path]:
    return sorted(p for p in evidence_dir.rglob("*") if p.is_file())


def _rows(world: World) -> tuple[int, int]:
    with unit_of_work(world.factory) as session:
        reports = session.scalar(select(func.count(ProgressReport.id)))
        evidence = session.scalar(select(func.count(Evidence.id)))
        return reports or 0, evidence or 0


def test_a_committed_report_keeps_its_file_under_its_sha256(world: World, tmp_path: Path) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    with unit_of_work(world.factory) as session:
        report = _file(session, world, cid, [_photo(tmp_path)], evidence_dir)
        sha = report.evidence[0].sha256 if report.evidence else None
        assert _files(evidence_dir)[0].name.endswith(".part")  # staged until the commit
    assert sha is not None
    assert _files(evidence_dir) == [evidence_dir / sha[:2] / sha]
    assert (evidence_dir / sha[:2] / sha).read_bytes() == b"\xff\xd8 site photo"


def test_a_save_that_fails_at_commit_leaves_neither_row_nor_file(
    world: World, tmp_path: Path
) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    before = _rows(world)
    with pytest.raises(Conflict), unit_of_work(world.factory) as session:
        _file(session, world, cid, [_photo(tmp_path)], evidence_dir)
        # Something else in the same transaction breaks a uniqueness rule at the commit.
        session.add(User(name="hr", role="reviewer"))
    assert _rows(world) == before
    assert _files(evidence_dir) == []


def test_an_error_inside_the_save_leaves_neither_row_nor_file(world: World, tmp_path: Path) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    before = _rows(world)
    with (
        pytest.raises(InputError, match="no such evidence file"),
        unit_of_work(world.factory) as session,
    ):
        _file(session, world, cid, [_photo(tmp_path), tmp_path / "missing.pdf"], evidence_dir)
    assert _rows(world) == before
    assert _files(evidence_dir) == []


def test_a_failed_save_never_removes_a_file_stored_before(world: World, tmp_path: Path) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    photo = _photo(tmp_path)
    with unit_of_work(world.factory) as session:
        _file(session, world, cid, [photo], evidence_dir)
    stored = _files(evidence_dir)
    with pytest.raises(RuntimeError), unit_of_work(world.factory) as session:
        _file(session, world, cid, [photo], evidence_dir, DAY + dt.timedelta(days=1))
        raise RuntimeError("interrupted")
    assert _files(evidence_dir) == stored and len(stored) == 1
    assert _rows(world)[1] == 1


def test_one_session_commits_twice(world: World, tmp_path: Path) -> None:
    """A session's second transaction stages, and keeps, its own file too."""
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    session = world.factory()
    try:
        for n, content in enumerate((b"first", b"second")):
            day = DAY + dt.timedelta(days=n)
            _file(session, world, cid, [_photo(tmp_path, content)], evidence_dir, day)
            session.commit()
    finally:
        session.close()
    names = [p.name for p in _files(evidence_dir)]
    assert len(names) == 2 and not [name for name in names if name.endswith(".part")]


def test_a_file_that_cannot_be_moved_after_the_commit_is_logged_and_kept(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"

    def refuse(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    with unit_of_work(world.factory) as session:
        _file(session, world, cid, [_photo(tmp_path)], evidence_dir)
    assert _rows(world)[1] == 1  # the commit happened
    kept = _files(evidence_dir)
    assert [p.suffix for p in kept] == [".part"]  # the copy is kept for the operator
    assert "No space left on device" in caplog.text and f"move {kept[0]} to" in caplog.text


def test_a_copy_left_by_a_killed_process_is_swept(world: World, tmp_path: Path) -> None:
    import hashlib
    import os
    import time

    cid = confirm_and_assign(world, "城镇新增就业", "市人社局")
    evidence_dir = tmp_path / "evidence"
    photo = _photo(tmp_path)
    folder = evidence_dir / hashlib.sha256(photo.read_bytes()).hexdigest()[:2]
    folder.mkdir(parents=True)
    orphan, running = folder / "ab.dead.part", folder / "ab.live.part"
    for part in (orphan, running):
        part.write_bytes(b"half a copy")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(orphan, (two_days_ago, two_days_ago))
    with unit_of_work(world.factory) as session:
        _file(session, world, cid, [photo], evidence_dir)
    assert not orphan.exists() and running.exists()  # a running transaction's copy stays
