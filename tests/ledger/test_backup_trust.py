"""A backup is trusted no further than it can be checked (issue 13): hashes must be
hashes, evidence paths never leave the evidence store, and a truncated or changed
backup is refused whole."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from luoshi.errors import InputError
from luoshi.ledger.backup import backup, restore
from luoshi.ledger.db import make_engine, upgrade
from luoshi.ledger.models import Evidence

from .conftest import World
from .test_backup import _drop, _fresh_url, busy_ledger, everything


@pytest.fixture
def fresh(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = _fresh_url(database_url, tmp_path)
    target = make_engine(url)
    upgrade(target)
    yield target
    target.dispose()
    _drop(url, database_url)


def lines_of(file: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in file.read_text().splitlines()]


def write(file: Path, items: list[dict[str, object]], *, manifest: bool = True) -> None:
    """Items as a backup with a manifest that matches them (a crafted, consistent backup)."""
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    if manifest:
        rows = sum("row" in item for item in items)
        files = len({item["file"] for item in items if "file" in item})
        digest = hashlib.sha256(text.encode()).hexdigest()
        text += json.dumps({"end": True, "rows": rows, "files": files, "sha256": digest}) + "\n"
    file.write_text(text)


def test_a_hash_that_is_a_path_is_never_read(world: World, engine: Engine, tmp_path: Path) -> None:
    busy_ledger(world, tmp_path / "evidence")
    with engine.begin() as connection:
        connection.execute(
            update(Evidence).where(Evidence.sha256.is_not(None)).values(sha256="/etc/passwd")
        )
    with pytest.raises(InputError, match="is not a sha256"):
        backup(engine, tmp_path / "ledger.jsonl", tmp_path / "evidence")
    assert not (tmp_path / "ledger.jsonl").exists()


def test_crafted_evidence_names_are_refused(
    world: World, engine: Engine, fresh: Engine, tmp_path: Path
) -> None:
    busy_ledger(world, tmp_path / "evidence")
    file = tmp_path / "ledger.jsonl"
    backup(engine, file, tmp_path / "evidence")
    items = lines_of(file)[:-1]
    data = base64.b64encode(b"root:x:0:0").decode()
    for crafted in ("../../outside", "/etc/shadow", "ab" * 40):
        write(file, [*items, {"file": crafted, "data": data}])
        with pytest.raises(InputError, match="is not a sha256"):
            restore(fresh, file, tmp_path / "restored")
        assert not any(everything(fresh).values())
    # An evidence row whose hash is a path, in a backup otherwise consistent.
    rows = [dict(i) for i in items]
    for item in rows:
        if item.get("table") == "evidence" and item["row"]["sha256"]:  # type: ignore[index]
            item["row"] = item["row"] | {"sha256": "../../../etc/shadow"}  # type: ignore[operator]
    write(file, rows)
    with pytest.raises(InputError, match="is not a sha256"):
        restore(fresh, file, tmp_path / "restored")
    assert not (tmp_path / "outside").exists() and not any(everything(fresh).values())
    assert not [p for p in (tmp_path / "restored").rglob("*") if p.is_file()]


@pytest.mark.parametrize("cut", [1, 2, 5])
def test_a_truncated_backup_is_refused_whole(
    world: World, engine: Engine, fresh: Engine, tmp_path: Path, cut: int
) -> None:
    busy_ledger(world, tmp_path / "evidence")
    file = tmp_path / "ledger.jsonl"
    backup(engine, file, tmp_path / "evidence")
    lines = file.read_text().splitlines(keepends=True)
    file.write_text("".join(lines[:-cut]))
    with pytest.raises(InputError, match="cut short"):
        restore(fresh, file, tmp_path / "restored")
    assert not any(everything(fresh).values())
    assert not [p for p in (tmp_path / "restored").rglob("*") if p.is_file()]


def test_a_changed_row_is_refused(
    world: World, engine: Engine, fresh: Engine, tmp_path: Path
) -> None:
    file = tmp_path / "ledger.jsonl"
    backup(engine, file)
    file.write_text(file.read_text().replace('"admin"', '"reviewer"', 1))
    with pytest.raises(InputError, match="manifest"):
        restore(fresh, file)
    assert not any(everything(fresh).values())


def test_evidence_streams_in_pieces(
    world: World, engine: Engine, fresh: Engine, tmp_path: Path
) -> None:
    busy_ledger(world, tmp_path / "evidence")
    big = next(p for p in (tmp_path / "evidence").rglob("*") if p.is_file())
    payload = bytes(range(256)) * (3 * 4096 + 7)  # 3 MB and a bit: four pieces
    digest = hashlib.sha256(payload).hexdigest()
    with engine.begin() as connection:
        connection.execute(
            update(Evidence).where(Evidence.sha256 == big.name).values(sha256=digest)
        )
    (tmp_path / "evidence" / digest[:2]).mkdir(exist_ok=True)
    (tmp_path / "evidence" / digest[:2] / digest).write_bytes(payload)
    file = tmp_path / "ledger.jsonl"
    backup(engine, file, tmp_path / "evidence")
    pieces = [i for i in lines_of(file) if i.get("file") == digest]
    assert len(pieces) == 4
    restore(fresh, file, tmp_path / "restored")
    assert (tmp_path / "restored" / digest[:2] / digest).read_bytes() == payload
