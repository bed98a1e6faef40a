"""The 成绩单 of a published report: its targets judged against what the next report says.

The next report is the same government's published report whose plan year follows; the reconciler
(``luoshi.reconcile``) reads both texts as stored and gives each target a verdict with its reason.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

import luoshi
from luoshi.ledger.models import Commitment, Report
from luoshi.ledger.services.closing import document_of
from luoshi.ledger.services.public import anchor_at, public_report, report_link
from luoshi.ledger.services.public_views import ReportLink

VERDICT_LABELS = {"met": "完成", "missed": "未完成", "not reported": "未报告", "ambiguous": "存疑"}


class ScoreRow(BaseModel):
    indicator: str
    verdict: str = Field(description="met / missed / not reported / ambiguous")
    verdict_label: str
    reason: str
    target: str = Field(description="The target as written")
    target_start: int
    target_anchor: str = Field(description="Its paragraph's fragment on the report's page")
    target_sentence: str
    commitment_id: int | None
    outcome: str | None = Field(description="The outcome as written in the later report")
    outcome_start: int | None
    outcome_anchor: str | None = Field(description="Its paragraph's fragment on the later page")
    outcome_sentence: str | None


class Scorecard(BaseModel):
    report: ReportLink
    later: ReportLink | None = Field(description="The report that reviews the year, if published")
    year: int | None
    counts: dict[str, int]
    rows: list[ScoreRow]
    summary: list[str] = Field(
        description="The later report's own summary: evidence, not a verdict"
    )


def scorecard(session: Session, report_id: int) -> Scorecard:
    """The 成绩单 of a published report, or an empty one while no later report is published."""
    report = public_report(session, report_id)
    later = (
        session.scalars(
            select(Report)
            .where(
                Report.government_id == report.government_id,
                Report.state == "published",
                Report.plan_year == report.plan_year + 1,
            )
            .order_by(Report.id.desc())
        ).first()
        if report.plan_year is not None
        else None
    )
    link = report_link(session, report)
    if later is None:
        return Scorecard(
            report=link, later=None, year=report.plan_year, counts={}, rows=[], summary=[]
        )
    card = luoshi.reconcile(document_of(report), document_of(later)).to_record()
    commitments = {
        (c.start, c.end): c.id
        for c in session.scalars(
            select(Commitment).where(
                Commitment.report_id == report.id, Commitment.review_state == "confirmed"
            )
        )
    }
    rows = []
    for result in card["results"]:
        target, outcome = result["target"], result["outcome"]
        rows.append(
            ScoreRow(
                indicator=target["indicator"],
                verdict=result["verdict"],
                verdict_label=VERDICT_LABELS.get(result["verdict"], result["verdict"]),
                reason=result["reason"],
                target=target.get("written") or target["quote"],
                target_start=target["start"],
                target_anchor=anchor_at(report.text, target["start"]),
                target_sentence=target.get("sentence") or target["quote"],
                commitment_id=commitments.get((target["start"], target["end"])),
                outcome=(outcome.get("written") or outcome["quote"]) if outcome else None,
                outcome_start=outcome["start"] if outcome else None,
                outcome_anchor=anchor_at(later.text, outcome["start"]) if outcome else None,
                outcome_sentence=(outcome.get("sentence") or outcome["quote"]) if outcome else None,
            )
        )
    return Scorecard(
        report=link,
        later=report_link(session, later),
        year=card["year"],
        counts=card["counts"],
        rows=rows,
        summary=[item["sentence"] for item in card["summary"]],
    )
