"""The Excel 分工表: export the assignments, edit them in Excel, re-import with a diff first.

Re-import checks every row first and reports each wrong row by its number; if
any row is wrong nothing is applied. The 版本 column carries each assignment's
version so an edit made on a stale sheet is refused, not silently applied.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.config import get_settings
from luoshi.errors import InputError, ValidationFailed, writable_target
from luoshi.ledger.models import Commitment, Department, Report
from luoshi.ledger.services.assignment import assign
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import fetch
from luoshi.ledger.services.review import edit

# Columns of the sheet: header, what it holds. Order is the sheet's order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "commitment id (do not change)"),
    ("重点工作", "the commitment's title (editable)"),
    ("量化指标", "the target as confirmed in review (read-only here)"),
    ("牵头单位", "one department of the government"),
    ("配合单位", "departments separated by 、"),
    ("完成时限", "a date: 2022-12-31 or 2022年12月31日"),
    ("报送周期", "月报 or 季报"),
    ("版本", "assignment version the sheet was exported at (do not change)"),
)
HEADERS = tuple(name for name, _ in COLUMNS)
CYCLE_WORDS = {
    "月报": "monthly",
    "季报": "quarterly",
    "monthly": "monthly",
    "quarterly": "quarterly",
}
CYCLE_LABELS = {"monthly": "月报", "quarterly": "季报"}
PARTNER_SEPARATORS = re.compile(r"[、,，;；\s]+")
# A date typed by hand: 2022-12-31, 2022/12/31, 2022.12.31, 2022年12月31日 (a time after it
# ignored).
TYPED_DATE = re.compile(
    r"""^(\d{4}) \s* [-/.年] \s*    # year
        (\d{1,2}) \s* [-/.月] \s*   # month
        (\d{1,2}) \s* 日?           # day
        (?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$  # 00:00:00 as a spreadsheet may add
    """,
    re.VERBOSE,
)
EXCEL_SERIALS = range(1, 2958466)  # Excel's day numbers, 1900-01-01 to 9999-12-31
COMPARATOR_WORDS = {"=": "", ">=": "≥", "<=": "≤", "~": "约"}
# A cell text starting so would be read as a formula by a spreadsheet (formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def target_text(commitment: Commitment) -> str:
    """The 量化指标 cell: ``≥1.5万人``; a task's completion criterion in words."""
    if commitment.target is None:
        return {"started": "开工", "completed": "完成"}.get(commitment.criterion or "", "")
    value = f"{commitment.target.normalize():f}"
    if commitment.target_max is not None:
        value += f"–{commitment.target_max.normalize():f}"
    return f"{COMPARATOR_WORDS.get(commitment.comparator or '=', '')}{value}{commitment.unit}"


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: without the control characters .xlsx forbids."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _confirmed(session: Session, report_id: int) -> list[Commitment]:
    return list(
        session.scalars(
            select(Commitment)
            .where(Commitment.report_id == report_id, Commitment.review_state == "confirmed")
            .order_by(Commitment.id)
        )
    )


def export(session: Session, actor: Actor, report_id: int, target: Path) -> int:
    """Write the 分工表 of a report's confirmed commitments; return the number of rows."""
    authorize(actor, "excel_export")
    report = fetch(session, Report, report_id)
    writable_target(target)
    names = _department_names(session, report.government_id)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工表"
    sheet.append(list(HEADERS))
    commitments = _confirmed(session, report_id)
    for commitment in commitments:
        assignment = commitment.assignment
        sheet.append(
            [
                commitment.id,
                cell_text(commitment.title),
                target_text(commitment),
                names[assignment.lead_id] if assignment else "",
                "、".join(names[p.department_id] for p in assignment.partners)
                if assignment
                else "",
                assignment.due if assignment and assignment.due else None,
                CYCLE_LABELS[assignment.cycle] if assignment else "季报",
                assignment.version if assignment else 0,
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                # Text, never a formula, also when Excel saves the sheet again.
                cell.data_type = "s"
                cell.quotePrefix = True
    for letter, width in zip("ABCDEFGH", (8, 40, 16, 16, 30, 14, 10, 6), strict=True):
        sheet.column_dimensions[letter].width = width
    try:
        book.save(target)
    except OSError as error:
        raise InputError(target, f"cannot be written: {error.strerror}") from None
    return len(commitments)


def _department_names(session: Session, government_id: int) -> dict[int, str]:
    return {
        d.id: d.name
        for d in session.scalars(
            select(Department).where(Department.government_id == government_id)
        )
    }


@dataclass(slots=True)
class RowChange:
    """What re-importing one row would change: field → (now, in the sheet)."""

    row: int
    commitment_id: int
    fields: dict[str, tuple[Any, Any]]


@dataclass(slots=True)
class Plan:
    changes: list[RowChange] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def plan(session: Session, actor: Actor, report_id: int, source: Path) -> Plan:
    """Read a 分工表 and compare it with the ledger (the dry run): nothing is changed."""
    authorize(actor, "excel_import")
    report = fetch(session, Report, report_id)
    rows = _read(source)
    by_id = {c.id: c for c in _confirmed(session, report_id)}
    names = {name: i for i, name in _department_names(session, report.government_id).items()}
    result = Plan()
    seen: set[int] = set()
    for number, cells in rows:
        errors: list[str] = []
        change = _row(number, cells, by_id, names, seen, errors)
        result.errors.extend(f"row {number}: {problem}" for problem in errors)
        if change is not None and change.fields and not errors:
            result.changes.append(change)
    return result


def _row(
    number: int,
    cells: dict[str, Any],
    by_id: dict[int, Commitment],
    departments: dict[str, int],
    seen: set[int],
    errors: list[str],
) -> RowChange | None:
    raw_id = cells["序号"]
    if not isinstance(raw_id, int | float | str) or not str(raw_id).strip().isdigit():
        errors.append(f"序号 {raw_id!r} is not a commitment id")
        return None
    commitment_id = int(str(raw_id).strip().removesuffix(".0"))
    commitment = by_id.get(commitment_id)
    if commitment is None:
        errors.append(f"序号 {commitment_id} is not a confirmed commitment of this report")
        return None
    if commitment_id in seen:
        errors.append(f"序号 {commitment_id} appears twice")
    seen.add(commitment_id)

    def text(name: str) -> str:
        return "" if cells[name] is None else str(cells[name]).strip()

    title = text("重点工作")
    if not title:
        errors.append("重点工作 is empty")
    elif title == cell_text(commitment.title).strip():
        title = commitment.title  # as exported: the characters a cell cannot hold stay
    if text("量化指标") != target_text(commitment):
        errors.append(
            f"量化指标 changed from {target_text(commitment)!r} to {text('量化指标')!r}; "
            "targets are corrected in review (`luoshi review --set`), not in the sheet"
        )
    lead = text("牵头单位")
    due = _date(cells["完成时限"], errors)
    assignment = commitment.assignment
    if not lead and assignment is None:
        # Not assigned yet and still not: only the title can change.
        if text("配合单位") or due is not None:
            errors.append("配合单位 and 完成时限 need a 牵头单位")
        retitled: dict[str, tuple[Any, Any]] = {"重点工作": (commitment.title, title)}
        return RowChange(number, commitment_id, retitled if title != commitment.title else {})
    if lead not in departments:
        errors.append(
            f"牵头单位 {lead!r} is not a department of this government"
            if lead
            else "牵头单位 is empty; an assignment is withdrawn in the ledger, not in the sheet"
        )
    partners = split_partners(text("配合单位"), departments)
    for partner in partners:
        if partner not in departments:
            errors.append(f"配合单位 {partner!r} is not a department of this government")
        elif partner == lead:
            errors.append(f"{partner} is both 牵头单位 and 配合单位")
    cycle = CYCLE_WORDS.get(text("报送周期"))
    if cycle is None:
        errors.append(f"报送周期 {text('报送周期')!r} must be 月报 or 季报")
    version = assignment.version if assignment else 0
    if text("版本") != str(version):
        errors.append(
            f"版本 {text('版本')!r} but the assignment is at version {version}: someone changed "
            "it since the sheet was exported; export again and redo this row"
        )
    now = {
        "重点工作": commitment.title,
        "牵头单位": assignment.lead.name if assignment else "",
        "配合单位": tuple(sorted(p.department.name for p in assignment.partners))
        if assignment
        else (),
        "完成时限": assignment.due if assignment else None,
        "报送周期": assignment.cycle if assignment else None,
    }
    sheet = {
        "重点工作": title,
        "牵头单位": lead,
        "配合单位": tuple(sorted(partners)),
        "完成时限": due,
        "报送周期": cycle,
    }
    diff = {key: (now[key], sheet[key]) for key in now if now[key] != sheet[key]}
    return RowChange(number, commitment_id, diff)


def _date(value: Any, errors: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    serial = text.removesuffix(".0")
    try:
        if isinstance(value, int | float) or serial.isdigit():
            if int(float(serial)) in EXCEL_SERIALS:
                found = from_excel(int(float(serial)))
                assert isinstance(found, dt.datetime)
                return found.date()
        elif match := TYPED_DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except (ValueError, OverflowError):
        pass
    errors.append(f"完成时限 {text!r} is not a date like 2022-12-31 (or 2022/12/31, 2022.12.31)")
    return None


def split_partners(text: str, departments: Collection[str]) -> list[str]:
    """The 配合单位 in a cell: known department names first, so a name holding 、 or a space
    stays whole; anything else is cut at 、 , ; or spaces."""
    found: list[str] = []
    longest_first = sorted(departments, key=len, reverse=True)
    rest = text.strip()
    while rest:
        separator = PARTNER_SEPARATORS.match(rest)
        if separator:
            rest = rest[separator.end() :]
            continue
        name = next(
            (
                n
                for n in longest_first
                if rest.startswith(n)
                and (len(rest) == len(n) or PARTNER_SEPARATORS.match(rest[len(n)]))
            ),
            None,
        )
        if name is None:
            name = PARTNER_SEPARATORS.split(rest, maxsplit=1)[0]
        found.append(name)
        rest = rest[len(name) :]
    return found


def _read(source: Path) -> list[tuple[int, dict[str, Any]]]:
    if not source.exists():
        raise InputError(source, "no such file")
    if not source.is_file():
        raise InputError(source, "is not a regular file (a folder, pipe or device)")
    _check_unpacked(source, get_settings().max_docx_unpacked_bytes)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
        return _rows(source, book)
    except (
        InvalidFileException,
        BadZipFile,
        OSError,
        KeyError,
        ValueError,
        SyntaxError,  # xml.etree's ParseError: broken XML, or entities expanding without end
        zlib.error,  # a bit flipped in a compressed part
        EOFError,
        IndexError,  # no sheet at all
    ) as error:
        said = " ".join(str(error).split()) or type(error).__name__  # one line
        raise InputError(source, f"not a readable Excel .xlsx workbook: {said}") from None


def _check_unpacked(source: Path, limit: int) -> None:
    """Refuse a workbook whose parts would unpack to more than ``limit`` bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (BadZipFile, OSError) as error:
        raise InputError(source, f"not an Excel .xlsx workbook: {error}") from None
    if unpacked > limit:
        raise InputError(
            source,
            f"unpacks to {unpacked / 1e6:.0f} MB, over the limit of {limit / 1e6:.0f} MB "
            "(LUOSHI_MAX_DOCX_UNPACKED_BYTES): not a 分工表",
        )


def _rows(source: Path, book: Any) -> list[tuple[int, dict[str, Any]]]:
    try:
        return _sheet_rows(source, book.worksheets[0])
    finally:
        book.close()


def _sheet_rows(source: Path, sheet: Any) -> list[tuple[int, dict[str, Any]]]:
    lines = sheet.iter_rows(values_only=True)
    header = tuple(str(h).strip() if h is not None else "" for h in next(lines, ()))
    missing = [name for name in HEADERS if name not in header]
    if missing:
        raise InputError(source, f"the first row lacks the columns {'、'.join(missing)}")
    where = {name: header.index(name) for name in HEADERS}
    rows = []
    for number, values in enumerate(lines, start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        padded = list(values) + [None] * len(header)
        rows.append((number, {name: padded[i] for name, i in where.items()}))
    return rows


def apply(session: Session, actor: Actor, report_id: int, source: Path) -> Plan:
    """Re-import a 分工表: all rows or none (any wrong row raises, listing every wrong row)."""
    result = plan(session, actor, report_id, source)
    if result.errors:
        raise ValidationFailed(
            f"{source}: {len(result.errors)} wrong row(s), nothing applied:\n"
            + "\n".join(result.errors)
        )
    for change in result.changes:
        commitment = fetch(session, Commitment, change.commitment_id)
        if "重点工作" in change.fields:
            edit(session, actor, commitment.id, {"title": change.fields["重点工作"][1]}, "分工表")
        assignment = commitment.assignment
        current = {
            "牵头单位": assignment.lead.name if assignment else "",
            "配合单位": [p.department.name for p in assignment.partners] if assignment else [],
            "完成时限": assignment.due if assignment else None,
            "报送周期": assignment.cycle if assignment else "quarterly",
        }
        new = current | {key: after for key, (_, after) in change.fields.items()}
        if set(change.fields) - {"重点工作"}:
            assign(
                session,
                actor,
                commitment.id,
                str(new["牵头单位"]),
                list(new["配合单位"]),
                new["完成时限"],
                str(new["报送周期"]),
                starts=assignment.starts if assignment else None,
                reason=f"分工表 row {change.row}",
            )
    return result


def describe(value: Any) -> str:
    """A diff value as the sheet shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, tuple | list):
        return "、".join(value) or "—"
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return CYCLE_LABELS.get(str(value), str(value))
