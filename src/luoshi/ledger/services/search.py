"""Public search across published reports and their commitments, for Chinese without a segmenter.

A report's paragraphs and its commitments' titles and quotes are written to ``search_entries``
when it is published. SQLite finds them through an FTS5 trigram index (any substring of three
characters or more); PostgreSQL through a pg_trgm index that serves ``ILIKE``; a query of one or
two characters, which trigrams cannot index, is a plain ``LIKE``. Every query checks the report's
and the commitment's current state, so nothing unpublished is ever returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, literal_column, select, table, text
from sqlalchemy.orm import Session

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import Commitment, Government, Report, SearchEntry

MAX_QUERY_CHARS = 100
TRIGRAM = 3
# Characters of context shown on each side of the first match.
CONTEXT = 60


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a query was found: a paragraph of a report, or a commitment."""

    report_id: int
    report_title: str
    government: str
    commitment_id: int | None
    start: int  # offset in the report's text of the paragraph or quote
    before: str
    match: str
    after: str


def index_report(session: Session, report: Report) -> int:
    """(Re)write the search entries of ``report``: its paragraphs and its commitments."""
    session.execute(delete(SearchEntry).where(SearchEntry.report_id == report.id))
    entries = [
        SearchEntry(report_id=report.id, start=start, text=paragraph)
        for start, paragraph in paragraphs(report.text)
    ]
    for commitment in session.scalars(select(Commitment).where(Commitment.report_id == report.id)):
        entries.append(
            SearchEntry(
                report_id=report.id,
                commitment_id=commitment.id,
                start=commitment.start,
                text=f"{commitment.title}\n{commitment.quote}",
            )
        )
    session.add_all(entries)
    session.flush()
    return len(entries)


def paragraphs(report_text: str) -> list[tuple[int, str]]:
    """The report's non-blank lines with their start offsets."""
    found: list[tuple[int, str]] = []
    start = 0
    for line in report_text.split("\n"):
        if line.strip():
            found.append((start, line))
        start += len(line) + 1
    return found


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Published paragraphs and confirmed commitments holding ``query``, commitments first."""
    needle = " ".join(query.split())
    if not needle:
        return []
    if len(needle) > MAX_QUERY_CHARS:
        raise ValidationFailed(f"a search is at most {MAX_QUERY_CHARS} characters")
    rows = (
        select(SearchEntry, Report.title, Government.name)
        .join(Report, Report.id == SearchEntry.report_id)
        .join(Government, Government.id == Report.government_id)
        .outerjoin(Commitment, Commitment.id == SearchEntry.commitment_id)
        .where(
            Report.state == "published",
            (SearchEntry.commitment_id.is_(None)) | (Commitment.review_state == "confirmed"),
        )
    )
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and len(needle) >= TRIGRAM:
        phrase = '"' + needle.replace('"', '""') + '"'
        matching: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(table("search_fts"))
            .where(text("search_fts MATCH :phrase").bindparams(phrase=phrase))
        )
        rows = rows.where(SearchEntry.id.in_(matching))
    else:
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = rows.where(SearchEntry.text.ilike(pattern, escape="\\"))
    rows = rows.order_by(
        SearchEntry.commitment_id.is_(None), SearchEntry.report_id.desc(), SearchEntry.start
    ).limit(limit)
    hits = []
    for entry, title, government in session.execute(rows):
        at = entry.text.lower().find(needle.lower())
        if at < 0:  # FTS matched across case folding we do not reproduce: show the start
            at, length = 0, 0
        else:
            length = len(needle)
        hits.append(
            Hit(
                report_id=entry.report_id,
                report_title=title,
                government=government,
                commitment_id=entry.commitment_id,
                start=entry.start,
                before=entry.text[max(0, at - CONTEXT) : at],
                match=entry.text[at : at + length],
                after=entry.text[at + length : at + length + CONTEXT],
            )
        )
    return hits
