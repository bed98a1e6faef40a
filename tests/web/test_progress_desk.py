"""The progress desk through the web app: a department files, is returned and refiles, partners
contribute, the office approves — with versions, evidence limits, CSRF, escaping, and nothing
unapproved on the public side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import func, select

from luoshi.config import Settings
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Commitment, Evidence, ProgressReport
from luoshi.ledger.services import accounts, organisation
from luoshi.ledger.services.policy import actor_for
from luoshi.web import create_app

from .conftest import DemoLedger
from .test_workspace import Staff, copy_app, staff

__all__ = ["copy_app"]  # the fixture, used by name

LEAD = "市农业农村局"
AS_OF = "2022-09-30"
XSS = "<script>alert('进展')</script>已完成"


def database_of(app: tuple[TestClient, Path]) -> Any:
    return session_factory(make_engine(f"sqlite:///{app[1]}"))


def lead_commitment(app: tuple[TestClient, Path]) -> int:
    """A commitment 市农业农村局 leads (demo-lead) and 市统计局 partners (demo-partner)."""
    with unit_of_work(database_of(app)) as session:
        lead = organisation.find_department(session, LEAD, demo.GOVERNMENT)
        found = next(
            c.id
            for c in session.scalars(select(Commitment).order_by(Commitment.id))
            if c.assignment is not None and c.assignment.lead_id == lead and c.target is not None
        )
    return found


def form_of(page: str, action_ends: str) -> dict[str, str]:
    """The hidden fields and values of the page's form whose action ends with ``action_ends``."""
    tree = html.fromstring(page)
    form = next(f for f in tree.xpath("//form") if f.get("action", "").endswith(action_ends))
    return {i.get("name"): i.get("value") or "" for i in form.xpath(".//input[@type='hidden']")}


def file_draft(desk: Staff, commitment_id: int, **fields: Any) -> Any:
    data = {"as_of": AS_OF, "value": "12", "done": "进展", **fields}
    return desk.post(f"/work/commitments/{commitment_id}/progress", **data)


def reports_in(app: tuple[TestClient, Path]) -> int:
    with unit_of_work(database_of(app)) as session:
        return session.scalar(select(func.count()).select_from(ProgressReport)) or 0


def report_id_of(response: Any) -> int:
    assert response.status_code == 303, response.text[:400]
    return int(response.headers["location"].split("?")[0].rsplit("/", 1)[1])


def another_department(app: tuple[TestClient, Path]) -> Staff:
    """A reporter of 市人社局, a department that has nothing to do with 农业农村局's work."""
    with unit_of_work(database_of(app)) as session:
        admin = actor_for(session, demo.ADMIN)
        department = organisation.find_department(session, "市人社局", demo.GOVERNMENT)
        organisation.add_user(session, admin, "hr-officer", "reporter", department)
        accounts.set_password(
            session, actor_for(session, "hr-officer"), "hr-officer", "Other-dept-123"
        )
    browser = Staff(TestClient(app[0].app, base_url="https://testserver"))
    assert browser.sign_in("hr-officer", "Other-dept-123").status_code == 303
    return browser


def test_the_inbox_shows_the_commitments_and_the_report_due(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    staff(copy_app, demo_ledger, "demo-lead")
    page = html.fromstring(client.get("/work/progress").text)
    tasks = page.xpath("//li[contains(@class,'task')]")
    assert tasks, "the lead department has no commitments in its inbox"
    text = " ".join(t.text_content() for t in tasks)
    assert "牵头" in text
    # Quarterly from January, 15 grace days: on 2022-09-30 the report due is the one as of
    # 06-30, which the demo filed for every commitment.
    assert "本期（截至 2022-06-30）已报送" in text and "本期应报" not in text
    assert "进展情况" in text and "下步打算" in text and "存在问题" in text


def test_a_department_files_is_returned_refiles_and_the_approved_value_goes_public(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    commitment = lead_commitment(copy_app)
    public_before = client.get(f"/commitments/{commitment}").text
    lead = staff(copy_app, demo_ledger, "demo-lead")
    draft = report_id_of(file_draft(lead, commitment, value="987654", done=XSS))
    page = client.get(f"/work/progress/{draft}").text
    assert XSS not in page and "&lt;script&gt;" in page  # markup shown as text
    assert "本报告审核通过后" in page  # the engine's preview
    assert "987654" not in client.get(f"/commitments/{commitment}").text  # a draft stays private

    submitted = lead.post(
        f"/work/progress/{draft}/submit", **form_of(page, f"/work/progress/{draft}/submit")
    )
    assert submitted.status_code == 303
    assert "987654" not in client.get(f"/commitments/{commitment}").text  # not approved yet

    reviewer = staff(copy_app, demo_ledger, "demo-reviewer")
    queue = client.get("/work/progress").text
    assert f"/work/progress/{draft}" in queue
    shown = client.get(f"/work/progress/{draft}").text
    returned = reviewer.post(
        f"/work/progress/{draft}/decide",
        **form_of(shown, "/decide"),
        decision="returned",
        reason="请补充<b>佐证</b>材料",
    )
    assert returned.status_code == 303

    lead = staff(copy_app, demo_ledger, "demo-lead")
    inbox = client.get("/work/progress").text
    assert "请补充&lt;b&gt;佐证&lt;/b&gt;材料" in inbox  # the office's comment, as text
    page = client.get(f"/work/progress/{draft}").text
    saved = lead.post(
        f"/work/progress/{draft}",
        **form_of(page, f"/work/progress/{draft}"),
        as_of=AS_OF,
        value="1234567",
        done="已补充材料",
    )
    assert saved.status_code == 303
    page = client.get(f"/work/progress/{draft}").text
    assert (
        lead.post(f"/work/progress/{draft}/submit", **form_of(page, "/submit")).status_code == 303
    )

    reviewer = staff(copy_app, demo_ledger, "demo-reviewer")
    shown = client.get(f"/work/progress/{draft}").text
    approved = reviewer.post(
        f"/work/progress/{draft}/decide", **form_of(shown, "/decide"), decision="approved"
    )
    assert approved.status_code == 303
    public_after = client.get(f"/commitments/{commitment}").text
    assert "1234567" in public_after and "1234567" not in public_before
    assert "已补充材料" in public_after


def test_a_stale_edit_is_a_conflict_and_changes_nothing(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    commitment = lead_commitment(copy_app)
    lead = staff(copy_app, demo_ledger, "demo-lead")
    draft = report_id_of(file_draft(lead, commitment))
    seen = form_of(client.get(f"/work/progress/{draft}").text, f"/work/progress/{draft}")
    first = lead.post(f"/work/progress/{draft}", **seen, as_of=AS_OF, value="1", done="第一")
    assert first.status_code == 303
    second = lead.post(f"/work/progress/{draft}", **seen, as_of=AS_OF, value="2", done="第二")
    assert second.status_code == 409 and "version" in second.text
    stale_submit = lead.post(f"/work/progress/{draft}/submit", version=seen["version"])
    assert stale_submit.status_code == 409
    with unit_of_work(database_of(copy_app)) as session:
        report = session.get(ProgressReport, draft)
        assert report is not None and report.done == "第一" and report.state == "draft"


def test_a_forged_form_changes_nothing(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    commitment = lead_commitment(copy_app)
    lead = staff(copy_app, demo_ledger, "demo-lead")
    before = reports_in(copy_app)
    lead.csrf = "forged"
    response = file_draft(lead, commitment)
    assert response.status_code == 403 and "CSRF" in response.text
    assert reports_in(copy_app) == before


def test_another_department_can_neither_read_nor_touch_a_draft_or_its_evidence(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    commitment = lead_commitment(copy_app)
    lead = staff(copy_app, demo_ledger, "demo-lead")
    draft = report_id_of(
        file_draft(
            lead, commitment, files={"file": ("证明.txt", "机密草稿材料".encode(), "text/plain")}
        )
    )
    page = client.get(f"/work/progress/{draft}").text
    link = html.fromstring(page).xpath("//ul[@class='evidence']//a/@href")[0]
    assert client.get(link).content == "机密草稿材料".encode()
    version = form_of(page, f"/work/progress/{draft}")["version"]

    other = another_department(copy_app)
    assert other.client.get(f"/work/progress/{draft}").status_code == 403
    assert other.client.get(link).status_code == 403
    edit = other.post(f"/work/progress/{draft}", version=version, as_of=AS_OF, done="改掉")
    assert edit.status_code == 403
    assert other.post(f"/work/progress/{draft}/submit", version=version).status_code == 403
    attach = other.post(
        f"/work/progress/{draft}/evidence",
        version=version,
        files={"file": ("x.txt", b"x", "text/plain")},
    )
    assert attach.status_code == 403
    assert file_draft(other, commitment).status_code == 403  # not its commitment
    assert "机密" not in other.client.get("/work/progress").text
    # A partner of the commitment does not see the lead's draft either.
    partner = Staff(TestClient(client.app, base_url="https://testserver"))
    partner.sign_in("demo-partner", demo_ledger.built.passwords["demo-partner"])
    assert partner.client.get(f"/work/progress/{draft}").status_code == 403
    # The office does not read a department's draft before it is submitted.
    reviewer = Staff(TestClient(client.app, base_url="https://testserver"))
    reviewer.sign_in("demo-reviewer", demo_ledger.built.passwords["demo-reviewer"])
    assert reviewer.client.get(f"/work/progress/{draft}").status_code == 403
    with unit_of_work(database_of(copy_app)) as session:
        report = session.get(ProgressReport, draft)
        assert report is not None and report.done == "进展" and report.state == "draft"
        assert len(report.evidence) == 1


@pytest.mark.parametrize(
    ("name", "size", "problem"),
    [
        ("大文件.pdf", 2048 + 1, "过大"),
        ("../../etc/passwd", 10, "路径"),
        ("..\\secret.txt", 10, "路径"),
    ],
)
def test_a_bad_evidence_file_is_refused_with_a_message_and_nothing_stored(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, name: str, size: int, problem: str
) -> None:
    _, database = copy_app
    settings = Settings(
        database_url=f"sqlite:///{database}",
        evidence_dir=database.parent / "evidence",
        status_date=demo.AS_OF,
        max_evidence_bytes=2048,
    )
    app = TestClient(create_app(settings), base_url="https://testserver")
    commitment = lead_commitment(copy_app)
    lead = Staff(app)
    assert lead.sign_in("demo-lead", demo_ledger.built.passwords["demo-lead"]).status_code == 303
    draft = report_id_of(file_draft(lead, commitment))
    files_before = sorted(settings.evidence_dir.rglob("*"))
    version = form_of(app.get(f"/work/progress/{draft}").text, "/evidence")["version"]
    response = lead.post(
        f"/work/progress/{draft}/evidence",
        version=version,
        files={"file": (name, b"e" * size, "application/octet-stream")},
    )
    assert response.status_code == 422, response.text[:300]
    assert problem in response.text and "<script" not in response.text
    assert sorted(settings.evidence_dir.rglob("*")) == files_before
    with unit_of_work(database_of(copy_app)) as session:
        assert (
            session.scalars(select(Evidence).where(Evidence.progress_report_id == draft)).all()
            == []
        )
    # A new report refused for its file is not kept either.
    before = reports_in(copy_app)
    refused = file_draft(lead, commitment, files={"file": (name, b"e" * size, "text/plain")})
    assert refused.status_code == 422
    assert reports_in(copy_app) == before


def test_partners_contribute_and_the_lead_consolidates(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    commitment = lead_commitment(copy_app)
    partner = Staff(TestClient(client.app, base_url="https://testserver"))
    partner.sign_in("demo-partner", demo_ledger.built.passwords["demo-partner"])
    partner.csrf = html.fromstring(partner.client.get("/work/progress").text).xpath(
        "//input[@name='csrf']/@value"
    )[0]
    contribution = report_id_of(file_draft(partner, commitment, done="统计数据已核实"))
    page = partner.client.get(f"/work/progress/{contribution}").text
    assert (
        partner.post(
            f"/work/progress/{contribution}/submit", **form_of(page, "/submit")
        ).status_code
        == 303
    )

    lead = staff(copy_app, demo_ledger, "demo-lead")
    assert client.get(f"/work/progress/{contribution}").status_code == 200  # the lead reads it
    draft = report_id_of(file_draft(lead, commitment))
    page = client.get(f"/work/progress/{draft}").text
    assert f"/work/progress/{contribution}" in page and "市统计局" in page
    assert (
        lead.post(f"/work/progress/{draft}/submit", **form_of(page, "/submit")).status_code == 303
    )
    with unit_of_work(database_of(copy_app)) as session:
        taken = session.get(ProgressReport, contribution)
        assert taken is not None and taken.contribution and taken.consolidated_into_id == draft
    # The office decides the lead's report, not the contribution.
    reviewer = staff(copy_app, demo_ledger, "demo-reviewer")
    shown = client.get(f"/work/progress/{contribution}").text
    assert "审核通过并公开" not in shown
    refused = reviewer.post(f"/work/progress/{contribution}/decide", version=1, decision="approved")
    assert refused.status_code in (409, 422)
