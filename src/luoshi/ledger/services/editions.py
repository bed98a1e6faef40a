"""A final report and the draft (征求意见稿) it supersedes.

A final report names its draft when it is imported; ``matches`` then pairs each
figure commitment of the draft with the final's commitments of the same
indicator and period (their targets may differ), so reviewers can carry the
reviews they confirmed on the draft over to the final.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import Conflict, ValidationFailed
from luoshi.ledger.models import Commitment, Report
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize
from luoshi.ledger.services.records import expect_version, fetch


def supersede(
    session: Session,
    actor: Actor,
    final: Report,
    draft_id: int,
    expected_version: int | None = None,
) -> Report:
    """Record that ``final`` supersedes the draft ``draft_id`` of the same government."""
    authorize(actor, "import_report")
    expect_version(final, expected_version)
    draft = fetch(session, Report, draft_id)
    if draft.id == final.id:
        raise ValidationFailed(f"report {draft_id} cannot supersede itself")
    if final.edition != "final":
        raise ValidationFailed("only a final report supersedes a draft: import it --edition final")
    if draft.edition != "draft":
        raise ValidationFailed(f"report {draft_id} is a final report, not a draft (征求意见稿)")
    if draft.government_id != final.government_id:
        raise ValidationFailed(f"report {draft_id} is another government's draft")
    other = session.scalars(
        select(Report).where(Report.supersedes_id == draft_id, Report.id != final.id)
    ).first()
    if other is not None:
        raise Conflict(f"draft {draft_id} is superseded by report {other.id} already")
    before = row(final)
    final.supersedes_id = draft_id
    record(session, actor, "supersede", final, before)
    return final


@dataclass(frozen=True, slots=True)
class Match:
    """A figure commitment of the draft and the final's commitments of its indicator and period."""

    draft: Commitment
    finals: list[Commitment]

    @property
    def target_changed(self) -> bool:
        """Whether a matching final commitment promises another target than the draft."""
        wanted = (self.draft.comparator, self.draft.target, self.draft.target_max, self.draft.unit)
        return any((c.comparator, c.target, c.target_max, c.unit) != wanted for c in self.finals)


@dataclass(frozen=True, slots=True)
class Editions:
    draft: Report
    final: Report
    matches: list[Match]


def matches(session: Session, actor: Actor, report_id: int) -> Editions:
    """The draft's figure commitments, each with its matches in the final.

    ``report_id``: the final report, or the draft a final supersedes.
    """
    authorize(actor, "compare_editions")
    report = fetch(session, Report, report_id)
    if report.supersedes_id is not None:
        draft, final = fetch(session, Report, report.supersedes_id), report
    else:
        found = session.scalars(select(Report).where(Report.supersedes_id == report_id)).first()
        if found is None:
            raise ValidationFailed(
                f"report {report_id} neither supersedes a draft nor is superseded; import the "
                "final report with --supersedes DRAFT_ID"
            )
        draft, final = report, found
    finals: dict[tuple[str, str], list[Commitment]] = {}
    for commitment in _figures(session, final.id):
        finals.setdefault((commitment.indicator, commitment.period), []).append(commitment)
    return Editions(
        draft,
        final,
        [Match(c, finals.get((c.indicator, c.period), [])) for c in _figures(session, draft.id)],
    )


def _figures(session: Session, report_id: int) -> list[Commitment]:
    """A report's commitments that come from a figure (qualitative tasks have no indicator)."""
    query = select(Commitment).where(
        Commitment.report_id == report_id,
        Commitment.parent_id.is_(None),
        Commitment.indicator != "",
    )
    return list(session.scalars(query.order_by(Commitment.id)))
