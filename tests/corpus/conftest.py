"""Corpus-run fixtures: a small corpus of real reports, a duplicate and broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, WUWEI

NATIONAL_2022 = CORPUS / "national" / "national-2022-work-report.txt"
QINGHAI_DOCX = CORPUS / "provinces-2025" / "qinghai-2025-work-report.docx"
QINGHAI_TXT = CORPUS / "provinces-2025" / "qinghai-2025-work-report.txt"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Three reports, the same text again as .txt, an empty file and a PDF that is not one."""
    folder = tmp_path / "corpus"
    (folder / "gansu").mkdir(parents=True)
    shutil.copy(WUWEI, folder / "gansu" / "wuwei-2022.txt")
    shutil.copy(NATIONAL_2022, folder / "national-2022.txt")
    shutil.copy(QINGHAI_DOCX, folder / "qinghai-2025.docx")
    shutil.copy(QINGHAI_TXT, folder / "qinghai-2025.txt")  # the docx's text: a duplicate
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (folder / "notes.md").write_text("not a report", "utf-8")  # not a report suffix: skipped
    return folder
