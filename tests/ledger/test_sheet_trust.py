"""The 分工表 and the terminal trust no text: formulas stay text, control characters do not
crash, escape codes never reach the terminal, and what an office types is read (issue 13)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from luoshi.ledger import excel
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.services import assignment, organisation, review

from .conftest import Run, World
from .test_cli import setup_ledger
from .test_excel import edit

HOSTILE_TITLES = ['=HYPERLINK("http://x","y")', "+1+1\x01", "-2+3", "@SUM(A1)\x1b[31m"]
EXPORTED = {'=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)[31m"}


@pytest.fixture
def hostile(world: World, tmp_path: Path) -> Path:
    admin = world.actor("admin")
    ids = list(world.commitments.values())[: len(HOSTILE_TITLES)]
    with unit_of_work(world.factory) as session:
        organisation.add_department(session, admin, "武威市", "财政、税务联合办")
        organisation.add_department(session, admin, "武威市", "市 统计中心")
        for cid, title in zip(ids, HOSTILE_TITLES, strict=True):
            review.edit(session, admin, cid, {"title": title})
            review.decide(session, admin, cid, "confirmed")
        assignment.assign(
            session, admin, ids[0], "市人社局", ["财政、税务联合办", "市 统计中心"],
            dt.date(2022, 12, 31), "monthly", dt.date(2022, 1, 1),
        )  # fmt: skip
    path = tmp_path / "分工表.xlsx"
    with unit_of_work(world.factory) as session:
        assert excel.export(session, admin, world.report_id, path) == len(HOSTILE_TITLES)
    return path


def test_no_formula_and_no_crash(hostile: Path) -> None:
    with zipfile.ZipFile(hostile) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no cell is a formula
    book = load_workbook(hostile)
    sheet = book.active
    assert sheet is not None
    titles = [sheet.cell(row=n, column=2) for n in range(2, 2 + len(HOSTILE_TITLES))]
    assert {c.value for c in titles} == EXPORTED
    assert all(c.data_type == "s" for c in titles)
    assert all(c.quotePrefix for c in titles if str(c.value)[0] in "=+-@")


def test_an_unchanged_export_imports_as_no_change(world: World, hostile: Path) -> None:
    with unit_of_work(world.factory) as session:
        plan = excel.plan(session, world.actor("admin"), world.report_id, hostile)
    assert plan.errors == [] and plan.changes == []


@pytest.mark.parametrize(
    "typed", ["2022/11/30", "2022.11.30", "2022年11月30日", 44895, "44895", "2022-11-30 00:00:00"]
)
def test_dates_as_offices_type_them(world: World, hostile: Path, typed: object) -> None:
    edit(hostile, {(2, "完成时限"): typed})
    with unit_of_work(world.factory) as session:
        plan = excel.plan(session, world.actor("admin"), world.report_id, hostile)
    assert plan.errors == []
    (change,) = plan.changes
    assert change.fields == {"完成时限": (dt.date(2022, 12, 31), dt.date(2022, 11, 30))}


def test_a_bad_date_is_named(world: World, hostile: Path) -> None:
    edit(hostile, {(2, "完成时限"): "2022/13/40"})
    with unit_of_work(world.factory) as session:
        plan = excel.plan(session, world.actor("admin"), world.report_id, hostile)
    assert plan.errors == ["row 2: 完成时限 '2022/13/40' is not a date like 2022-12-31 "
                           "(or 2022/12/31, 2022.12.31)"]  # fmt: skip


def test_escape_codes_never_reach_the_terminal(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    hostile = "就业\x1b]0;owned\x07\x1b[2J\x9b31m完成"
    run("review", "1", "--set", f"title={hostile}", "--version", "1", "--user", "boss")
    for output in (
        run("ledger", "--user", "boss").output,
        run("status", "--explain", "1", "--user", "boss").output,
        run("user", "add", "x\x1b[31m", "--role", "reviewer", "--user", "boss").output,
        run("user", "list", "--user", "boss").output,
    ):
        assert not any(c in output for c in "\x1b\x07\x9b"), output
    assert "就业完成" in run("ledger", "--user", "boss").output
    raw = run("ledger", "--json", "--user", "boss").output
    assert "\x1b" not in raw and "\x9b" not in raw
