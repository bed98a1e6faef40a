"""The demo ledger ``make run`` serves: the 武威 2022 report, reviewed, published and assigned,
with months of progress reports and evidence — every page shows something real.

The report, its figures and the status engine are real; the departments' assignments follow a
keyword table, and the progress reports are made up (演示数据: the portal says so on every
page), drawn from a seeded generator so the demo is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Commitment, Government
from luoshi.ledger.services import (
    accounts,
    assignment,
    imports,
    organisation,
    portal,
    progress,
    review,
)
from luoshi.ledger.services.policy import Actor, actor_for
from luoshi.ledger.status import Tolerance

GOVERNMENT = "武威市"
ADMIN = "demo-admin"
# The date the demo's statuses are computed for: the report's plan year, two thirds through.
AS_OF = dt.date(2022, 9, 30)
# Lead department by the first word found in a commitment's indicator, then its section.
# Columns: keyword, 牵头单位. The last row is the default.
LEADS: tuple[tuple[str, str], ...] = (
    ("农田", "市农业农村局"),
    ("粮食", "市农业农村局"),
    ("农", "市农业农村局"),
    ("畜", "市农业农村局"),
    ("就业", "市人社局"),
    ("收入", "市人社局"),
    ("社保", "市人社局"),
    ("养老", "市民政局"),
    ("工业", "市工信局"),
    ("企业", "市工信局"),
    ("投资", "市发改委"),
    ("项目", "市发改委"),
    ("生产总值", "市发改委"),
    ("消费", "市商务局"),
    ("外贸", "市商务局"),
    ("旅游", "市文旅局"),
    ("住房", "市住建局"),
    ("小区", "市住建局"),
    ("城", "市住建局"),
    ("公路", "市交通运输局"),
    ("铁路", "市交通运输局"),
    ("交通", "市交通运输局"),
    ("水", "市水务局"),
    ("林", "市林草局"),
    ("草", "市林草局"),
    ("生态", "市生态环境局"),
    ("空气", "市生态环境局"),
    ("排放", "市生态环境局"),
    ("学", "市教育局"),
    ("教育", "市教育局"),
    ("医", "市卫健委"),
    ("卫生", "市卫健委"),
    ("财政", "市财政局"),
    ("", "市发改委"),
)
PARTNER = "市统计局"
NARRATIVES = (
    "按月调度推进，各县区任务已分解到位。",
    "召开专题推进会，协调解决用地、资金等问题。",
    "重点项目加快建设，完成年度计划的阶段任务。",
)


# One account per role for the workspace. Columns: name, role, department. Their passwords are
# drawn at build time and printed by `luoshi serve --demo`, never written here.
ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    (ADMIN, "admin", None),
    ("demo-reviewer", "reviewer", None),
    ("demo-lead", "reporter", "市农业农村局"),
    ("demo-partner", "reporter", PARTNER),
)


@dataclass(frozen=True, slots=True)
class Demo:
    """What the demo holds, and its accounts' passwords (name → password)."""

    report_id: int
    commitments: int
    progress_reports: int
    passwords: dict[str, str] = field(default_factory=dict)


def lead_for(commitment: Commitment) -> str:
    """The demo's lead department of a commitment, from ``LEADS``."""
    text = commitment.indicator + " ".join(commitment.section or [])
    return next(department for keyword, department in LEADS if keyword in text)


def build(
    factory: sessionmaker[Session],
    report: Path,
    evidence_dir: Path,
    as_of: dt.date = AS_OF,
    extra: Sequence[tuple[str, Path]] = (),
) -> Demo:
    """Fill an empty, migrated ledger with the demo; returns what it holds.

    ``extra``: (government, report) pairs imported, confirmed and published as they are — no
    assignments, no progress — so that a government with two years shows its 成绩单.
    """
    with unit_of_work(factory) as session:
        organisation.add_user(session, Actor("system", "admin"), ADMIN, "admin")
    with unit_of_work(factory) as session:
        admin = actor_for(session, ADMIN)
        organisation.add_government(session, admin, GOVERNMENT, level="市", region_code="620600")
        for department in sorted({name for _, name in LEADS} | {PARTNER}):
            organisation.add_department(session, admin, GOVERNMENT, department)
        imported = imports.import_file(session, admin, report, GOVERNMENT)
        report_id = imported.id
    with unit_of_work(factory) as session:
        proposed = session.scalars(
            select(Commitment).where(Commitment.report_id == report_id).order_by(Commitment.id)
        ).all()
        for commitment in proposed:
            review.decide(session, admin, commitment.id, "confirmed")
        imports.publish_report(session, admin, report_id)
        plan_year = imported.plan_year or as_of.year
        for commitment in proposed:
            assignment.assign(
                session,
                admin,
                commitment.id,
                lead_for(commitment),
                partners=[PARTNER],
                due=dt.date(plan_year, 12, 31),
                cycle="quarterly",
                starts=dt.date(plan_year, 1, 1),
            )
    for government, path in extra:
        _publish_as_is(factory, admin, government, path)
    filed = _progress(factory, admin, report_id, evidence_dir, as_of)
    with unit_of_work(factory) as session:
        portal.refresh(session, admin, Tolerance(), as_of)
    return Demo(report_id, len(proposed), filed, _accounts(factory))


def _publish_as_is(
    factory: sessionmaker[Session], admin: Actor, government: str, path: Path
) -> None:
    with unit_of_work(factory) as session:
        if session.scalars(select(Government).where(Government.name == government)).first() is None:
            organisation.add_government(session, admin, government)
        imported = imports.import_file(session, admin, path, government)
        for commitment_id in session.scalars(
            select(Commitment.id).where(Commitment.report_id == imported.id)
        ):
            review.decide(session, admin, commitment_id, "confirmed")
        imports.publish_report(session, admin, imported.id)


def _accounts(factory: sessionmaker[Session]) -> dict[str, str]:
    """The demo's accounts, each with a random password it set itself (no forced change)."""
    passwords = {}
    with unit_of_work(factory) as session:
        admin = actor_for(session, ADMIN)
        for name, role, department in ACCOUNTS:
            if name != ADMIN:
                department_id = (
                    organisation.find_department(session, department, GOVERNMENT)
                    if department
                    else None
                )
                organisation.add_user(session, admin, name, role, department_id)
            passwords[name] = f"Demo-{secrets.token_urlsafe(9)}"
            accounts.set_password(session, actor_for(session, name), name, passwords[name])
    return passwords


def _progress(
    factory: sessionmaker[Session],
    admin: Actor,
    report_id: int,
    evidence_dir: Path,
    as_of: dt.date,
) -> int:
    """Quarterly reports up to ``as_of``: each commitment on its own seeded trajectory."""
    chance = random.Random(2022)
    quarters = [
        dt.date(as_of.year, month, 31 if month in (3, 12) else 30)
        for month in (3, 6, 9, 12)
        if dt.date(as_of.year, month, 28) <= as_of
    ]
    evidence_dir.mkdir(parents=True, exist_ok=True)
    sample = evidence_dir.parent / "演示佐证材料.txt"
    sample.write_text("演示数据：一份佐证材料的样例。\n", encoding="utf-8")
    filed = 0
    with unit_of_work(factory) as session:
        commitments = session.scalars(
            select(Commitment).where(Commitment.report_id == report_id).order_by(Commitment.id)
        ).all()
        for commitment in commitments:
            pace = Decimal(str(round(chance.uniform(0.55, 1.35), 2)))
            skip_last = chance.random() < 0.08  # a few departments fall behind with reporting
            for number, quarter in enumerate(quarters, start=1):
                if skip_last and number == len(quarters):
                    break
                value = _value(commitment, pace, Decimal(number) / 4)
                draft = progress.file_progress(
                    session,
                    admin,
                    commitment.id,
                    quarter,
                    value=value,
                    milestone="started" if value is None else "none",
                    narrative={"done": f"演示数据：{chance.choice(NARRATIVES)}"},
                    evidence=[sample] if number == len(quarters) else [],
                    evidence_dir=evidence_dir,
                )
                progress.submit(session, admin, draft.id)
                progress.decide(session, admin, draft.id, "approved")
                filed += 1
    return filed


def _value(commitment: Commitment, pace: Decimal, elapsed: Decimal) -> Decimal | None:
    """A made-up reported value: an accumulating level grows with time, a rate hovers."""
    target = commitment.target
    if target is None:
        return None
    if commitment.measure == "level" and commitment.cumulative:
        return (target * pace * elapsed).quantize(Decimal("0.01"))
    return (target * (pace + 1) / 2).quantize(Decimal("0.01"))
