"""A 分工表 uploaded from the browser: its limits checked, then ``excel``'s dry run or apply.

The upload is refused, with a message saying why, when its name has a folder in it (``../``),
is not ``.xlsx``, is over ``MAX_SHEET_BYTES``, is not a zip archive, or unpacks to more than the
unpacked limit (a zip bomb). Nothing of it is kept: it is read from a temporary file that is
gone when the call returns. The dry-run page carries the sheet back for apply, which checks it
all again — applying is all rows or none.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from luoshi.errors import InputError, ValidationFailed
from luoshi.ledger import excel
from luoshi.ledger.services.policy import Actor, authorize

# A 分工表 of a few hundred rows is some tens of KB; its base64 round trip through the dry-run
# page stays under the form parser's 1 MB per field.
MAX_SHEET_BYTES = 512 * 1024
ZIP_MAGIC = b"PK\x03\x04"
T = TypeVar("T")
FORBIDDEN_IN_NAMES = ("/", "\\", "..")


@dataclass(frozen=True, slots=True)
class Preview:
    """The dry run of an uploaded sheet, and the sheet itself (base64) for the apply form."""

    name: str
    sha256: str
    plan: excel.Plan
    payload: str


def check(name: str, data: bytes) -> None:
    """Refuse an upload that cannot be a 分工表, saying what is wrong; nothing is written."""
    shown = "".join(c for c in name if c.isprintable())[:200] or "upload"
    if not name.strip():
        raise InputError("upload", "没有选择文件")
    if any(part in name for part in FORBIDDEN_IN_NAMES) or shown != name:
        raise InputError(shown, "文件名不能包含路径或控制字符（如 ../），请只上传文件本身")
    if not name.lower().endswith(".xlsx"):
        raise InputError(shown, "只接受 Excel .xlsx 文件（分工表模板）")
    if len(data) > MAX_SHEET_BYTES:
        raise InputError(shown, f"文件过大：分工表上限 {MAX_SHEET_BYTES // 1024} KB")
    if not data.startswith(ZIP_MAGIC):
        raise InputError(shown, "不是 Excel .xlsx 文件（内容不是 xlsx 的 zip 格式）")


def preview(session: Session, actor: Actor, report_id: int, name: str, data: bytes) -> Preview:
    """The dry run: what the sheet would change and every wrong row; nothing is changed."""
    authorize(actor, "excel_import")
    check(name, data)
    plan = _with_file(data, lambda path: excel.plan(session, actor, report_id, path))
    payload = base64.b64encode(data).decode("ascii")
    return Preview(name, hashlib.sha256(data).hexdigest(), plan, payload)


def apply(
    session: Session, actor: Actor, report_id: int, name: str, payload: str, sha256: str
) -> excel.Plan:
    """Apply a sheet the dry run showed (all rows or none; a stale row refuses the whole)."""
    authorize(actor, "excel_import")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise InputError(name, "表格内容已损坏，请重新上传") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise InputError(name, "表格与预览时不一致，请重新上传")
    check(name, data)
    return _with_file(data, lambda path: excel.apply(session, actor, report_id, path))


def _with_file(data: bytes, use: Callable[[Path], T]) -> T:
    with tempfile.TemporaryDirectory(prefix="luoshi-sheet-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        try:
            return use(path)
        except InputError as error:
            # The temporary path means nothing to the user: name the problem only.
            raise InputError("分工表", error.problem) from None
        except ValidationFailed as error:
            raise ValidationFailed(str(error).replace(str(path), "分工表")) from None
