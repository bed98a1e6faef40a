"""Evidence files, stored once under their sha256, written only when the transaction commits.

A file is copied to a staging name beside its final place while the
transaction runs and renamed into place after the commit (should the rename
fail, the copy stays and an error is logged); a rollback (a failed save, a
conflict, any error) removes the staged copy. So a failed save leaves
neither a row nor a file, and a file already stored by another transaction is
never touched by this one.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import time
import uuid
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from luoshi.errors import InputError

log = logging.getLogger(__name__)
STAGED = "luoshi_staged_evidence"  # Session.info key: [(staged path, final path), …]
STALE_SECONDS = 24 * 3600  # a staged copy this old belongs to no running transaction


SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def evidence_path(evidence_dir: Path, sha: str) -> Path:
    """Where the file with ``sha`` lives in ``evidence_dir``."""
    return evidence_dir / sha[:2] / sha


def stored_path(evidence_dir: Path, sha: str) -> Path:
    """Where the stored file ``sha`` is: a hash that is no sha256 in hex, or a file that is
    missing, is refused, so the path never leaves the evidence store."""
    if not SHA256_HEX.match(sha):
        raise InputError(None, f"evidence hash {sha[:80]!r} is not a sha256 in hex")
    path = evidence_path(evidence_dir, sha)
    if not path.is_file():
        raise InputError(path, "the evidence file is listed but missing from the evidence folder")
    return path


def stage(
    session: Session, evidence_dir: Path, source: Path, max_bytes: int | None = None
) -> tuple[str, int]:
    """Copy ``source`` beside its place under its sha256, kept only if ``session`` commits.

    Returns (sha256, size). A pipe or device is refused (not waited on), and a file over
    ``max_bytes``.
    """
    if not source.exists():
        raise InputError(source, "no such evidence file")
    if not source.is_file():
        raise InputError(source, "is not a regular file (a folder, pipe or device)")
    size = source.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            source,
            f"evidence file of {size / 1e6:.1f} MB is over the limit of {max_bytes / 1e6:.1f} MB "
            "(setting LUOSHI_MAX_EVIDENCE_BYTES)",
        )
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = evidence_path(evidence_dir, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
        staged = target.with_name(f"{sha}.{uuid.uuid4().hex}.part")
        shutil.copyfile(source, staged)
        _watch(session).append((staged, target))
    return sha, source.stat().st_size


def _sweep(folder: Path) -> None:
    """Remove staged copies a killed process left behind (older than any transaction runs)."""
    stale = time.time() - STALE_SECONDS
    for part in folder.glob("*.part"):
        try:
            if part.stat().st_mtime < stale:
                part.unlink()
        except FileNotFoundError:  # another process swept it first
            pass


def _watch(session: Session) -> list[tuple[Path, Path]]:
    """The session's staged files; the first call hooks the session's commit and its end."""
    if STAGED not in session.info:
        session.info[STAGED] = []
        event.listen(session, "after_commit", _move_into_place)
        event.listen(session, "after_transaction_end", _discard)
    staged: list[tuple[Path, Path]] = session.info[STAGED]
    return staged


def _move_into_place(session: Session) -> None:
    staged: list[tuple[Path, Path]] = session.info[STAGED]
    for path, target in staged:
        # The same content may have been stored meanwhile: the rename keeps one copy.
        try:
            path.replace(target)
        except OSError as error:
            # The commit is done and cannot be undone here: keep the copy and say where.
            log.error(
                "the progress report was saved, but its evidence file could not be moved "
                "into place (%s); move %s to %s by hand",
                error.strerror,
                path,
                target,
            )
    staged.clear()


def _discard(session: Session, transaction: SessionTransaction) -> None:
    """After a rollback (the commit has emptied the list first): remove the staged copies."""
    if transaction.parent is not None:  # a savepoint: the outer transaction decides
        return
    staged: list[tuple[Path, Path]] = session.info[STAGED]
    while staged:
        path, _target = staged.pop()
        path.unlink(missing_ok=True)
