"""The suggested 牵头单位 of a commitment, with its reason, and the office's keyword table.

Two sources, ranked together over the departments the commitment's government has:

- **过往分工** — the government's past assignments: the same indicator went to a department
  before (strongest), or a similar commitment did (shared two-character words of the indicator,
  title and section heading).
- **关键词** — the office's keyword table (高标准农田 → 市农业农村局), edited in the workspace and
  kept in the ledger; a government without one uses the built-in table shipped in
  ``ledger/data/lead_keywords.toml``, whose department names are matched to the government's
  departments (农业农村 → 市农业农村局).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import Conflict, InputError, ValidationFailed
from luoshi.ledger.models import Assignment, Commitment, Department, Government, LeadKeyword
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.organisation import department_named
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch

BUILTIN = "lead_keywords.toml"
SEED_KEYS = frozenset({"department", "words"})
# Evidence weights: a past assignment of the very same indicator beats a keyword, which beats a
# merely similar past commitment (its weight is the similarity, 0–1, times SIMILAR).
SAME_INDICATOR = 3.0
KEYWORD = 2.0
SIMILAR = 1.8
MIN_SIMILARITY = 0.2
MAX_KEYWORD_CHARS = 100


@dataclass(frozen=True, slots=True)
class Seed:
    """A row of the built-in table: a part of a department's name, and its words."""

    department: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A department suggested as 牵头单位, and why (shown next to the form)."""

    department: str
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class Past:
    """A past assignment as evidence: the commitment's indicator and words, its lead."""

    commitment_id: int
    indicator: str
    title: str
    words: frozenset[str]
    lead_id: int


@lru_cache(maxsize=1)
def builtin() -> tuple[Seed, ...]:
    """The built-in keyword table, checked: each ``[[lead]]`` has exactly its two keys."""
    text = resources.files("luoshi.ledger").joinpath("data", BUILTIN).read_text(encoding="utf-8")
    return parse_seeds(tomllib.loads(text), BUILTIN)


def parse_seeds(data: dict[str, Any], source: str) -> tuple[Seed, ...]:
    """The seeds of a parsed keyword table; InputError naming the entry and key when wrong."""
    unknown = set(data) - {"lead"}
    if unknown:
        raise InputError(source, f"unknown table(s) {sorted(unknown)}; only [[lead]]")
    seeds = []
    for number, entry in enumerate(data.get("lead", []), start=1):
        keys = set(entry)
        if keys != SEED_KEYS:
            raise InputError(
                source,
                f"[[lead]] #{number}: missing {sorted(SEED_KEYS - keys)}, "
                f"unknown {sorted(keys - SEED_KEYS)}",
            )
        department, words = entry["department"], entry["words"]
        if not isinstance(department, str) or not department.strip():
            raise InputError(source, f"[[lead]] #{number}: department must be a name")
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise InputError(source, f"[[lead]] #{number}: words must be a list of words")
        seeds.append(Seed(department.strip(), tuple(w.strip() for w in words)))
    if not seeds:
        raise InputError(source, "no [[lead]] entry")
    return tuple(seeds)


def words_of(*texts: str) -> frozenset[str]:
    """The two-character pieces of Chinese texts: a commitment's words without a dictionary."""
    return frozenset(t[i : i + 2] for t in texts for i in range(len(t) - 1) if t[i : i + 2].strip())


def _heading(commitment: Commitment) -> str:
    return (commitment.section or [""])[-1]


class Suggester:
    """Suggestions for one government's commitments (built once for a page or a measurement)."""

    def __init__(
        self,
        departments: dict[int, str],
        past: list[Past],
        keywords: list[tuple[str, int]],
        keyword_source: str,
    ) -> None:
        self.departments = departments
        self.past = past
        # Longest first: 高标准农田 is the reason rather than 农田.
        self.keywords = sorted(keywords, key=lambda k: len(k[0]), reverse=True)
        self.keyword_source = keyword_source

    def suggest(self, commitment: Commitment, *, limit: int = 3) -> list[Suggestion]:
        """The departments best suited to lead ``commitment``, best first, each with a reason."""
        best: dict[int, tuple[float, str]] = {}
        votes: dict[int, int] = {}

        def offer(department_id: int, score: float, reason: str) -> None:
            if department_id not in self.departments:
                return
            votes[department_id] = votes.get(department_id, 0) + 1
            if score > best.get(department_id, (0.0, ""))[0]:
                best[department_id] = (score, reason)

        words = words_of(commitment.indicator, commitment.title, _heading(commitment))
        for past in self.past:
            if past.commitment_id == commitment.id:
                continue  # its own assignment is no evidence for itself
            if commitment.indicator and past.indicator == commitment.indicator:
                offer(past.lead_id, SAME_INDICATOR, f"过往分工：同一指标“{past.indicator}”")
                continue
            similarity = len(words & past.words) / (len(words | past.words) or 1)
            if similarity >= MIN_SIMILARITY:
                offer(past.lead_id, SIMILAR * similarity, f"过往分工：相近事项“{past.title}”")
        text = " ".join((commitment.indicator, commitment.title, _heading(commitment)))
        for keyword, department_id in self.keywords:
            if keyword in text:
                offer(department_id, KEYWORD, f"{self.keyword_source}“{keyword}”")
        ranked = sorted(
            best.items(), key=lambda item: (-item[1][0], -votes[item[0]], self.departments[item[0]])
        )
        return [
            Suggestion(self.departments[i], reason, round(score, 3))
            for i, (score, reason) in ranked[:limit]
        ]


def suggester(
    session: Session, government_id: int, *, past: bool = True, keywords: bool = True
) -> Suggester:
    """The suggester of a government: its departments, past assignments and keyword table
    (``past`` or ``keywords`` off: the other source alone, to measure each)."""
    departments = {
        d.id: d.name
        for d in session.scalars(
            select(Department).where(Department.government_id == government_id)
        )
    }
    assigned = session.scalars(
        select(Commitment)
        .join(Assignment, Assignment.commitment_id == Commitment.id)
        .where(Commitment.government_id == government_id)
        .options(selectinload(Commitment.assignment))
    )
    evidence = [
        Past(
            c.id,
            c.indicator,
            c.title,
            words_of(c.indicator, c.title, _heading(c)),
            c.assignment.lead_id,
        )
        for c in assigned
        if c.assignment is not None and past
    ]
    stored = [(k.keyword, k.department_id) for k in _stored(session, government_id)]
    if not keywords:
        return Suggester(departments, evidence, [], "")
    if stored:
        return Suggester(departments, evidence, stored, "关键词")
    return Suggester(departments, evidence, builtin_keywords(departments), "内置关键词")


def first_choice_hits(
    session: Session, government_id: int, *, past: bool = True, keywords: bool = True
) -> tuple[int, int]:
    """How often the first suggestion is the lead actually assigned: (hits, assigned
    commitments), each commitment's own assignment left out of its evidence (leave one out)."""
    suggest = suggester(session, government_id, past=past, keywords=keywords)
    hits = total = 0
    for commitment, lead_id in session.execute(
        select(Commitment, Assignment.lead_id)
        .join(Assignment, Assignment.commitment_id == Commitment.id)
        .where(Commitment.government_id == government_id)
    ).all():
        total += 1
        first = suggest.suggest(commitment, limit=1)
        hits += bool(first) and first[0].department == suggest.departments[lead_id]
    return hits, total


def builtin_keywords(departments: dict[int, str]) -> list[tuple[str, int]]:
    """The built-in table's words for the departments a government has (first match wins)."""
    found: list[tuple[str, int]] = []
    for seed in builtin():
        department_id = next(
            (i for i, name in sorted(departments.items()) if seed.department in name), None
        )
        if department_id is not None:
            found.extend((word, department_id) for word in seed.words)
    return found


# The keyword table the office edits


@dataclass(frozen=True, slots=True)
class KeywordRow:
    id: int
    version: int
    keyword: str
    department: str


@dataclass(frozen=True, slots=True)
class KeywordTable:
    """A government's keyword table as the page shows it."""

    government: str
    government_id: int
    governments: list[str]
    rows: list[KeywordRow]
    departments: list[str]
    builtin_words: int


def _stored(session: Session, government_id: int) -> list[LeadKeyword]:
    return list(
        session.scalars(
            select(LeadKeyword)
            .where(LeadKeyword.government_id == government_id)
            .order_by(LeadKeyword.keyword)
            .options(selectinload(LeadKeyword.department))
        )
    )


def keyword_table(session: Session, actor: Actor, government: str | None) -> KeywordTable:
    """A government's keyword table (the first government when none is named)."""
    authorize(actor, "assign")
    governments = list(session.scalars(select(Government).order_by(Government.id)))
    if not governments:
        raise ValidationFailed("the ledger has no government yet")
    chosen = next((g for g in governments if g.name == government), governments[0])
    departments = {
        d.id: d.name
        for d in session.scalars(select(Department).where(Department.government_id == chosen.id))
    }
    rows = [
        KeywordRow(k.id, k.version, k.keyword, k.department.name)
        for k in _stored(session, chosen.id)
    ]
    return KeywordTable(
        chosen.name,
        chosen.id,
        [g.name for g in governments],
        rows,
        sorted(departments.values()),
        len(builtin_keywords(departments)),
    )


def add_keyword(
    session: Session, actor: Actor, government_id: int, keyword: str, department: str
) -> LeadKeyword:
    """Add a word to a government's table: commitments mentioning it suggest ``department``."""
    authorize(actor, "assign")
    fetch(session, Government, government_id)
    word = keyword.strip()
    if not word or len(word) > MAX_KEYWORD_CHARS:
        raise ValidationFailed(f"关键词须为 1 到 {MAX_KEYWORD_CHARS} 个字符")
    lead = department_named(session, government_id, department)
    assert lead is not None
    clash = session.scalars(
        select(LeadKeyword).where(
            LeadKeyword.government_id == government_id, LeadKeyword.keyword == word
        )
    ).first()
    if clash is not None:
        raise Conflict(f"关键词“{word}”已在表中（{clash.department.name}）")
    added = LeadKeyword(government_id=government_id, keyword=word, department_id=lead.id)
    session.add(added)
    record(session, actor, "add_keyword", added, None)
    return added


def remove_keyword(session: Session, actor: Actor, keyword_id: int, version: int) -> None:
    """Remove a word from the table (journaled, refused when someone changed it meanwhile)."""
    authorize(actor, "assign")
    found = fetch(session, LeadKeyword, keyword_id)
    expect_version(found, version)
    before = row(found)
    session.delete(found)
    session.flush()
    event = record(session, actor, "remove_keyword", found, before)
    event.after = None


def load_builtin(session: Session, actor: Actor, government_id: int) -> int:
    """Copy the built-in words for this government's departments into its table; the number
    added (words already there are kept as the office set them)."""
    authorize(actor, "assign")
    fetch(session, Government, government_id)
    departments = {
        d.id: d.name
        for d in session.scalars(
            select(Department).where(Department.government_id == government_id)
        )
    }
    have = {k.keyword for k in _stored(session, government_id)}
    added = 0
    for word, department_id in _first_each(builtin_keywords(departments)):
        if word not in have:
            added_row = LeadKeyword(
                government_id=government_id, keyword=word, department_id=department_id
            )
            session.add(added_row)
            record(session, actor, "add_keyword", added_row, None, "内置关键词表")
            added += 1
    return added


def _first_each(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for word, department_id in pairs:
        seen.setdefault(word, department_id)
    return list(seen.items())
