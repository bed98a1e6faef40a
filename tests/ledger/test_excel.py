"""The 分工表 round trip: export, edit in Excel, dry-run diff, apply all rows or none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from luoshi.errors import InputError, ValidationFailed
from luoshi.ledger import excel
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Assignment, AuditEvent
from luoshi.ledger.services import assignment, review
from luoshi.ledger.services.audit import row

from .conftest import World


@pytest.fixture
def sheet(world: World, tmp_path: Path) -> Path:
    reviewer = world.actor("reviewer")
    with unit_of_work(world.factory) as session:
        for indicator in ("城镇新增就业", "地区生产总值", "城镇调查失业率"):
            review.decide(session, reviewer, world.commitments[indicator], "confirmed")
        assignment.assign(
            session,
            reviewer,
            world.commitments["城镇新增就业"],
            "市人社局",
            ["市发改委"],
            dt.date(2022, 12, 31),
            "monthly",
            dt.date(2022, 1, 1),
        )
    path = tmp_path / "分工表.xlsx"
    with unit_of_work(world.factory) as session:
        assert excel.export(session, reviewer, world.report_id, path) == 3
    return path


def edit(path: Path, changes: dict[tuple[int, str], Any]) -> None:
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    for (line, column), value in changes.items():
        sheet.cell(row=line, column=header.index(column) + 1, value=value)
    book.save(path)


def assignments(world: World) -> list[dict[str, Any]]:
    with unit_of_work(world.factory) as session:
        return [
            row(a) | {"partners": sorted(p.department_id for p in a.partners)}
            for a in session.scalars(select(Assignment).order_by(Assignment.id))
        ]


def test_export_shows_the_assignment(world: World, sheet: Path) -> None:
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == excel.HEADERS
    employment = next(r for r in rows if r[0] == world.commitments["城镇新增就业"])
    assert employment[2:5] == ("≥1.5万人", "市人社局", "市发改委")
    assert employment[6] == "月报" and employment[7] == 1


def test_unchanged_sheet_changes_nothing(world: World, sheet: Path) -> None:
    with unit_of_work(world.factory) as session:
        result = excel.plan(session, world.actor("reviewer"), world.report_id, sheet)
    assert result.changes == [] and result.errors == []


def test_dry_run_shows_the_diff_and_changes_nothing(world: World, sheet: Path) -> None:
    edit(
        sheet,
        {(2, "牵头单位"): "市统计局", (2, "完成时限"): "2022年6月30日", (2, "报送周期"): "季报"},
    )
    before = assignments(world)
    with unit_of_work(world.factory) as session:
        result = excel.plan(session, world.actor("reviewer"), world.report_id, sheet)
    assert [c.row for c in result.changes] == [2]
    fields = result.changes[0].fields
    assert fields["牵头单位"] == ("", "市统计局")
    assert fields["完成时限"] == (None, dt.date(2022, 6, 30))
    assert assignments(world) == before


def test_apply_assigns_and_journals(world: World, sheet: Path) -> None:
    edit(
        sheet,
        {
            (2, "牵头单位"): "市统计局",
            (2, "配合单位"): "市人社局、市发改委",
            (3, "重点工作"): "新增就业",
        },
    )
    with unit_of_work(world.factory) as session:
        excel.apply(session, world.actor("reviewer"), world.report_id, sheet)
    after = assignments(world)
    assert len(after) == 2
    stats = after[1]
    assert stats["lead_id"] == world.departments["市统计局"]
    assert stats["partners"] == sorted(
        [world.departments["市人社局"], world.departments["市发改委"]]
    )
    with unit_of_work(world.factory) as session:
        reasons = [
            e.reason
            for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "assign"))
        ]
    assert reasons[-1] == "分工表 row 2"


def test_any_wrong_row_applies_nothing_and_names_every_wrong_row(world: World, sheet: Path) -> None:
    edit(
        sheet,
        {
            (2, "牵头单位"): "市统计局",  # a good change that must not be applied either
            (3, "牵头单位"): "市不存在局",
            (4, "完成时限"): "年底前",
            (4, "量化指标"): "5%",
        },
    )
    before = assignments(world)
    with pytest.raises(ValidationFailed) as caught, unit_of_work(world.factory) as session:
        excel.apply(session, world.actor("reviewer"), world.report_id, sheet)
    message = str(caught.value)
    assert "row 3: 牵头单位 '市不存在局'" in message
    assert "row 4: 完成时限 '年底前'" in message and "row 4: 量化指标 changed" in message
    assert "row 2" not in message
    assert assignments(world) == before


def test_stale_sheet_is_refused(world: World, sheet: Path) -> None:
    with unit_of_work(world.factory) as session:
        assignment.assign(
            session, world.actor("admin"), world.commitments["城镇新增就业"], "市发改委"
        )
    edit(sheet, {(3, "完成时限"): "2022-11-30"})
    with pytest.raises(ValidationFailed, match="版本"), unit_of_work(world.factory) as session:
        excel.apply(session, world.actor("reviewer"), world.report_id, sheet)


def test_duplicate_and_unknown_ids(world: World, sheet: Path) -> None:
    edit(sheet, {(2, "序号"): world.commitments["城镇新增就业"], (4, "序号"): 9999})
    with unit_of_work(world.factory) as session:
        result = excel.plan(session, world.actor("reviewer"), world.report_id, sheet)
    assert any("appears twice" in e for e in result.errors)
    assert any("9999 is not a confirmed commitment" in e for e in result.errors)


def test_not_a_workbook(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("序号,重点工作")
    with pytest.raises(InputError, match="not an Excel"), unit_of_work(world.factory) as session:
        excel.plan(session, world.actor("reviewer"), world.report_id, bad)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(alphabet="就业民生工程建设abc123 ", min_size=1, max_size=30).filter(str.strip))
def test_export_then_import_changes_only_what_was_edited(
    world: World, sheet: Path, title: str
) -> None:
    edit(sheet, {(3, "重点工作"): title})
    with unit_of_work(world.factory) as session:
        result = excel.plan(session, world.actor("reviewer"), world.report_id, sheet)
        current = session.get(excel.Commitment, world.commitments["城镇新增就业"])
        assert current is not None
    assert result.errors == []
    expected = (
        [] if title.strip() == current.title else [{"重点工作": (current.title, title.strip())}]
    )
    assert [c.fields for c in result.changes] == expected
