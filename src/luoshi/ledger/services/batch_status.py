"""Statuses of many commitments at once, for the status cache and the month-end snapshots.

``tracking.ledger`` loads each commitment and every report as objects: right for a page of
the workspace, too slow and too big for a national ledger. Here the engine's inputs are
gathered in SQL for a batch of commitments — the commitment's own columns, its assignment,
and its reports folded into the few figures the engine reads (latest approved value, best
milestone, last dates) — and the same engine runs on them, with the same results as
``tracking.compute`` and ``tracking.ledger``'s roll-up (tests/ledger/test_refresh.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    any_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from luoshi.ledger import status as engine
from luoshi.ledger.models import Assignment, Commitment, ProgressReport

# Commitments per query: a few thousand ids in an IN list suit both SQLite and PostgreSQL.
BATCH = 2_000

_QUALITATIVE = and_(
    or_(Commitment.figure.is_(None), cast(Commitment.figure, String) == "null"),
    Commitment.target.is_(None),
)
_COLUMNS = (
    Commitment.id,
    Commitment.parent_id,
    Commitment.government_id,
    Commitment.weight,
    Commitment.period,
    _QUALITATIVE.label("qualitative"),
    Commitment.measure,
    Commitment.cumulative,
    Commitment.comparator,
    Commitment.target,
    Commitment.target_max,
    Commitment.baseline,
    Commitment.direction,
    Commitment.indicator,
    Commitment.quote,
    Commitment.criterion,
)
_MILESTONE_RANK = case(
    *((ProgressReport.milestone == name, rank) for name, rank in engine.MILESTONE_ORDER.items()),
    else_=0,
)


@dataclass(frozen=True, slots=True)
class Computed:
    """A top-level commitment's status and the last day it holds with unchanged inputs."""

    commitment_id: int
    government_id: int
    status: engine.Status
    until: dt.date | None  # None: for good


@dataclass(slots=True)
class _Member:
    row: _Row
    status: engine.Status
    until: dt.date | None
    children: list[_Member] = field(default_factory=list)

    @property
    def parent_id(self) -> int | None:
        return self.row.parent_id

    @property
    def weight(self) -> Decimal:
        return self.row.weight


class Nested(Protocol):
    """A ledger line that can hold its sub-tasks' lines and take their rolled-up status."""

    status: engine.Status
    children: list[Any]

    @property
    def parent_id(self) -> int | None: ...

    @property
    def weight(self) -> Decimal: ...


def roll_up_families(lines: Mapping[int, Nested]) -> None:
    """Put each line (keyed by commitment id, in id order) under its parent's, then give each
    parent the roll-up of its sub-tasks, in id order (as the ledger always has)."""
    for line in lines.values():
        parent = lines.get(line.parent_id or -1)
        if parent is not None:
            parent.children.append(line)
    for line in lines.values():
        if line.children:
            line.status = engine.roll_up([(child.weight, child.status) for child in line.children])


@dataclass(frozen=True, slots=True)
class _Filed:
    """A commitment's submitted and approved lead reports, folded as the engine reads them."""

    last_filed: dt.date | None = None
    reported_as_of: dt.date | None = None
    milestone: str = "none"
    value: Decimal | None = None
    next_day: dt.date | None = None  # the as-of date of the next report dated after today


def among(session: Session, column: Any, ids: Sequence[int]) -> Any:
    """``column IN ids``; on PostgreSQL as one array parameter, far quicker to send than
    thousands of parameters."""
    if session.get_bind().dialect.name == "postgresql":
        # As the array's text ({1,2,3}): the driver's own dumping of a list checks each id's type.
        array = "{" + ",".join(map(str, map(int, ids))) + "}"
        return column == any_(cast(literal(array, String), postgresql.ARRAY(Integer)))
    return column.in_(ids)


def chunks(ids: Sequence[int], size: int = BATCH) -> Iterable[Sequence[int]]:
    """``ids`` in slices of ``size``."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def compute(
    session: Session,
    ids: Sequence[int],
    tolerance: engine.Tolerance,
    today: dt.date,
    review_state: str | None = None,
) -> list[Computed]:
    """The status of each top-level commitment among ``ids``, sub-tasks rolled up, in id order.

    Ids of sub-tasks or of commitments that no longer exist are left out; with
    ``review_state``, only commitments (and sub-tasks) in that state count, as in ``ledger``.
    """
    session.flush()  # the queries below run on the connection (Core: no ORM work a row), unflushed
    rows = {
        row.id: row
        for row in _commitments(session, among(session, Commitment.id, ids), review_state)
    }
    roots = sorted(i for i, row in rows.items() if row.parent_id is None)
    frontier = list(roots)
    while frontier:  # sub-tasks, and theirs
        found = [
            row
            for part in chunks(frontier)
            for row in _commitments(
                session, among(session, Commitment.parent_id, part), review_state
            )
        ]
        frontier = [row.id for row in found if row.id not in rows]
        rows.update((row.id, row) for row in found)
    family = sorted(rows)
    cycles = _assignments(session, family)
    filed = _filed(session, family, today)
    members: dict[int, _Member] = {}
    for cid in family:
        row = rows[cid]
        assignment = cycles.get(cid) or (cycles.get(row.parent_id) if row.parent_id else None)
        inputs = _inputs(row, filed.get(cid, _Filed()), assignment, today)
        result = engine.compute(inputs, tolerance)
        until = engine.stable_until(inputs, result.code, tolerance)
        next_day = filed.get(cid, _Filed()).next_day
        if next_day is not None:
            until = _earlier(until, next_day - dt.timedelta(days=1))
        members[cid] = _Member(row, result, until)
    roll_up_families(members)
    return [
        Computed(cid, rows[cid].government_id, members[cid].status, _family_until(members[cid]))
        for cid in roots
    ]


def _family_until(member: _Member) -> dt.date | None:
    until = member.until
    for child in member.children:
        until = _earlier(until, _family_until(child))
    return until


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


class _Row(NamedTuple):
    """A commitment's columns the engine reads (a plain tuple: quicker to read than a Row)."""

    id: int
    parent_id: int | None
    government_id: int
    weight: Decimal
    period: str
    qualitative: bool
    measure: str | None
    cumulative: bool
    comparator: str | None
    target: Decimal | None
    target_max: Decimal | None
    baseline: Decimal | None
    direction: str | None
    indicator: str
    quote: str
    criterion: str | None


def _commitments(session: Session, where: Any, review_state: str | None) -> list[_Row]:
    query = select(*_COLUMNS).where(where)
    if review_state is not None:
        query = query.where(Commitment.review_state == review_state)
    return [_Row._make(row) for row in session.connection().execute(query)]


def _assignments(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, dt.date]]:
    return {
        cid: (cycle, starts)
        for part in chunks(ids)
        for cid, cycle, starts in session.connection().execute(
            select(Assignment.commitment_id, Assignment.cycle, Assignment.starts).where(
                among(session, Assignment.commitment_id, part)
            )
        )
    }


def _filed(session: Session, ids: Sequence[int], today: dt.date) -> dict[int, _Filed]:
    """Each commitment's lead reports, submitted or approved, as they stood on ``today``."""
    folded: dict[int, _Filed] = {}
    lead = (
        ProgressReport.contribution.is_(False),
        ProgressReport.state.in_(("submitted", "approved")),
    )
    seen = ProgressReport.as_of <= today
    approved = and_(seen, ProgressReport.state == "approved")
    for part in chunks(ids):
        values = _latest_values(session, part, today)
        summary = select(
            ProgressReport.commitment_id,
            type_coerce(func.max(case((seen, ProgressReport.as_of))), Date),
            type_coerce(func.max(case((approved, ProgressReport.as_of))), Date),
            type_coerce(func.max(case((approved, _MILESTONE_RANK))), Integer),
            type_coerce(func.min(case((~seen, ProgressReport.as_of))), Date),
        ).where(among(session, ProgressReport.commitment_id, part), *lead)
        for cid, last, reported, rank, next_day in session.connection().execute(
            summary.group_by(ProgressReport.commitment_id)
        ):
            folded[cid] = _Filed(last, reported, _MILESTONES[rank or 0], values.get(cid), next_day)
    return folded


_MILESTONES = {rank: name for name, rank in engine.MILESTONE_ORDER.items()}


def _latest_values(session: Session, ids: Sequence[int], today: dt.date) -> dict[int, Decimal]:
    """The value of each commitment's latest approved lead report that has one (by date, id)."""
    ranked = (
        select(
            ProgressReport.commitment_id,
            ProgressReport.value,
            func.row_number()
            .over(
                partition_by=ProgressReport.commitment_id,
                order_by=(ProgressReport.as_of.desc(), ProgressReport.id.desc()),
            )
            .label("rank"),
        )
        .where(
            among(session, ProgressReport.commitment_id, ids),
            ProgressReport.contribution.is_(False),
            ProgressReport.state == "approved",
            ProgressReport.as_of <= today,
            ProgressReport.value.is_not(None),
        )
        .subquery()
    )
    latest = select(ranked.c.commitment_id, ranked.c.value).where(ranked.c.rank == 1)
    return {cid: value for cid, value in session.connection().execute(latest)}


def _inputs(
    row: _Row, filed: _Filed, assignment: tuple[str, dt.date] | None, today: dt.date
) -> engine.Inputs:
    """The engine's inputs, as ``tracking.compute`` builds them from the objects."""
    return engine.Inputs(
        today=today,
        period=row.period,
        qualitative=bool(row.qualitative),
        measure=row.measure,
        cumulative=row.cumulative,
        comparator=row.comparator,
        target=row.target,
        target_max=row.target_max,
        baseline=row.baseline,
        direction=row.direction  # type: ignore[arg-type]
        or engine.direction_of(row.indicator, row.comparator, row.measure, row.quote),
        criterion=row.criterion,
        value=filed.value,
        milestone=filed.milestone,
        reported_as_of=filed.reported_as_of,
        last_filed=filed.last_filed,
        cycle=assignment[0] if assignment else None,
        reporting_starts=assignment[1] if assignment else None,
    )
