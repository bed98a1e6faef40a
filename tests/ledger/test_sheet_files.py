"""A broken or hostile .xlsx given to `excel import` is one clear error, within a memory
bound: a flipped bit, broken XML, entities that expand without end, a zip bomb (issue 13)."""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from luoshi.config import get_settings
from luoshi.errors import InputError
from luoshi.ledger import excel
from luoshi.ledger.db import unit_of_work

from .conftest import World
from .test_sheet_trust import hostile  # noqa: F401 - the fixture: an exported sheet

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def rewritten(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))
        if part not in old.namelist():
            new.writestr(part, data)
    return target


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LUOSHI_MAX_DOCX_UNPACKED_BYTES", str(5 * 1024 * 1024))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def flipped(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF
    data[middle + 1] ^= 0x55
    target.write_bytes(bytes(data))
    return target


CASES = {
    "bit-flip": lambda s, t: flipped(s, t),
    "broken-xml": lambda s, t: rewritten(
        s, t, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>"
    ),
    "billion-laughs": lambda s, t: rewritten(s, t, "xl/worksheets/sheet1.xml", LAUGHS.encode()),
    "zip-bomb": lambda s, t: rewritten(s, t, "xl/media/bomb.bin", bytes(64 * 1024 * 1024)),
}


@pytest.mark.usefixtures("small_limit")
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_workbooks(world: World, hostile: Path, tmp_path: Path, case: str) -> None:  # noqa: F811
    crafted = CASES[case](hostile, tmp_path / f"{case}.xlsx")
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as raised, unit_of_work(world.factory) as session:
            excel.plan(session, world.actor("admin"), world.report_id, crafted)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(crafted) in str(raised.value) and "\n" not in str(raised.value)
    assert peak < 20 * 1024 * 1024, f"{case}: {peak / 1e6:.0f} MB"
