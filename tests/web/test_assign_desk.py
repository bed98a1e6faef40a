"""The 分工 pages, the Excel round trip from the browser, the keyword table and administration;
CSRF on each of their POSTs, escaping, upload limits, session fixation and lockout."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from luoshi.config import get_settings
from luoshi.errors import InputError
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import AuditEvent, Commitment, Government, User
from luoshi.ledger.services import accounts, assignment, suggestion
from luoshi.ledger.services.policy import actor_for
from luoshi.web import admin as admin_part
from luoshi.web import assign_desk, create_app

from .conftest import DemoLedger
from .test_workspace import FORMS, PATH_VALUES, Staff, staff, zipped

REPORT_ID = 1


@pytest.fixture
def copy_app(ledger_copy: Path, demo_ledger: DemoLedger) -> Iterator[tuple[TestClient, Path]]:
    with TestClient(
        create_app(demo_ledger.settings(ledger_copy)), base_url="https://testserver"
    ) as client:
        yield client, ledger_copy


@pytest.fixture
def db(copy_app: tuple[TestClient, Path]) -> Iterator[Any]:
    """Opens a transaction on the test's copy of the ledger (``with db() as session:``)."""
    engine = make_engine(f"sqlite:///{copy_app[1]}")
    factory = session_factory(engine)
    yield lambda: unit_of_work(factory)
    engine.dispose()


def commitment_titled(session: Session, title: str) -> Commitment:
    return session.scalars(
        select(Commitment).where(Commitment.report_id == REPORT_ID, Commitment.title == title)
    ).one()


def withdrawn(db: Any, title: str) -> int:
    """Withdraw a demo commitment's assignment; its id."""
    with db() as session:
        found = commitment_titled(session, title)
        assignment.withdraw(session, actor_for(session, demo.ADMIN), found.id, "重新分工")
        return found.id


def lead_of(db: Any, commitment_id: int) -> str | None:
    with db() as session:
        found = session.get(Commitment, commitment_id)
        assert found is not None
        return found.assignment.lead.name if found.assignment else None


def journal_size(db: Any) -> int:
    with db() as session:
        return int(session.scalar(select(func.count(AuditEvent.id))) or 0)


def picked(client: TestClient, count: int) -> tuple[list[str], list[int]]:
    """The first ``count`` checkboxes' values on the 分工 page (id:version), and their ids."""
    picks = desk(client).xpath("//input[@name='pick']/@value")[:count]
    return picks, [int(p.split(":")[0]) for p in picks]


def desk(client: TestClient) -> Any:
    response = client.get(f"/work/reports/{REPORT_ID}/assignments")
    assert response.status_code == 200, response.text[:300]
    return html.fromstring(response.text)


# The assignment page and its suggestions


def test_an_unassigned_commitment_has_the_suggestion_preselected_with_its_reason(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    target = withdrawn(db, "新建高标准农田")
    staff(copy_app, demo_ledger, "demo-reviewer")
    page = desk(client)
    row = page.xpath(f"//tr[@id='a{target}']")[0]
    assert row.xpath(".//select[@name='lead']/option[@selected]/text()") == ["市农业农村局"]
    hint = row.xpath("string(.//*[@class='suggestion'])")
    assert "市农业农村局" in hint and ("过往分工" in hint or "高标准农田" in hint)
    assert "未分配" in row.text_content()
    # Every confirmed commitment is a row.
    with db() as session:
        confirmed = session.scalar(
            select(func.count(Commitment.id)).where(
                Commitment.report_id == REPORT_ID, Commitment.review_state == "confirmed"
            )
        )
    assert len(page.xpath("//table[@class='assignments']/tbody/tr")) == confirmed
    # The review queue's per-item form shows the same suggestion.
    queue = html.fromstring(client.get(f"/work/reports/{REPORT_ID}?state=confirmed").text)
    item = queue.xpath(f"//li[@id='c{target}']")[0]
    assert item.xpath(".//select[@name='lead']/option[@selected]/text()") == ["市农业农村局"]
    assert "建议：市农业农村局" in item.text_content()


def test_the_offices_keyword_table_changes_the_suggestion_and_its_reason(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    target = withdrawn(db, "新建高标准农田")
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    added = office.post(
        "/work/keywords",
        government_id=1,
        government=demo.GOVERNMENT,
        keyword="高标准农田",
        department="市水务局",
    )
    assert added.status_code == 303
    table = html.fromstring(client.get(added.headers["location"]).text)
    assert ["高标准农田", "市水务局"] in [
        [c.text_content() for c in tr.xpath("td")][:2] for tr in table.xpath("//tbody/tr")
    ]
    row = desk(client).xpath(f"//tr[@id='a{target}']")[0]
    assert row.xpath(".//select[@name='lead']/option[@selected]/text()") == ["市水务局"]
    assert "关键词“高标准农田”" in row.xpath("string(.//*[@class='suggestion'])")
    again = office.post(
        "/work/keywords",
        government_id=1,
        government=demo.GOVERNMENT,
        keyword="高标准农田",
        department="市林草局",
    )
    assert again.status_code == 409 and "已在表中" in again.text
    keyword_id, version = (
        table.xpath("//form[contains(@action,'/delete')]/@action")[0].split("/")[3],
        table.xpath("//form[contains(@action,'/delete')]//input[@name='version']/@value")[0],
    )
    removed = office.post(
        f"/work/keywords/{keyword_id}/delete", version=version, government=demo.GOVERNMENT
    )
    assert removed.status_code == 303
    row = desk(client).xpath(f"//tr[@id='a{target}']")[0]  # back to the built-in table
    assert row.xpath(".//select[@name='lead']/option[@selected]/text()") == ["市农业农村局"]


def test_bulk_assignment_gives_every_picked_commitment_the_lead(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    picks, ids = picked(copy_app[0], 3)
    response = office.post(
        f"/work/reports/{REPORT_ID}/assignments", pick=picks, lead="市商务局", cycle="monthly"
    )
    assert response.status_code == 303, response.text[:300]
    assert [lead_of(db, i) for i in ids] == ["市商务局"] * 3
    with db() as session:
        cycles = {session.get(Commitment, i).assignment.cycle for i in ids}  # type: ignore[union-attr]
        partners = [
            [p.department.name for p in session.get(Commitment, i).assignment.partners]  # type: ignore[union-attr]
            for i in ids
        ]
        reasons = session.scalars(
            select(AuditEvent.reason)
            .where(AuditEvent.action == "assign")
            .order_by(AuditEvent.id.desc())
            .limit(3)
        ).all()
    assert cycles == {"monthly"} and partners == [[demo.PARTNER]] * 3  # partners left as they were
    assert reasons == ["批量分工"] * 3


def test_a_stale_pick_refuses_the_whole_bulk_assignment(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    picks, ids = picked(copy_app[0], 2)
    before = [lead_of(db, i) for i in ids]
    with db() as session:  # someone else changes the second one meanwhile
        assignment.change(
            session, actor_for(session, demo.ADMIN), ids[1], due=None, cycle="monthly"
        )
    response = office.post(f"/work/reports/{REPORT_ID}/assignments", pick=picks, lead="市商务局")
    assert response.status_code == 409 and "version" in response.text
    assert [lead_of(db, i) for i in ids] == before  # the first one was not changed either


def test_one_row_saves_and_a_stale_form_is_a_conflict(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    target = withdrawn(db, "新建高标准农田")
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    form = dict(lead="市农业农村局", partners="市水务局、市统计局", due="2022-12-31", report_id=1)
    saved = office.post(f"/work/assignments/{target}", version=0, cycle="monthly", **form)
    assert saved.status_code == 303 and lead_of(db, target) == "市农业农村局"
    stale = office.post(f"/work/assignments/{target}", version=0, **form | {"lead": "市财政局"})
    assert stale.status_code == 409 and "已由他人分配" in stale.text
    assert lead_of(db, target) == "市农业农村局"
    with db() as session:
        current = commitment_titled(session, "新建高标准农田").assignment
        assert current is not None
        assert sorted(p.department.name for p in current.partners) == ["市水务局", "市统计局"]
        version = current.version
    old = office.post(f"/work/assignments/{target}", version=version - 1, **form)
    assert old.status_code == 409


# The Excel 分工表 round trip


def exported(client: TestClient) -> bytes:
    response = client.get(f"/work/reports/{REPORT_ID}/assignments.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    return response.content


def edited(sheet: bytes, changes: dict[int, dict[str, Any]]) -> bytes:
    """The sheet with cells changed: {row number: {header: value}}."""
    book = load_workbook(io.BytesIO(sheet))
    page = book.active
    assert page is not None
    headers = [c.value for c in page[1]]
    for number, cells in changes.items():
        for header, value in cells.items():
            page.cell(row=number, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_sheet_round_trips_through_a_dry_run_then_applies(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    sheet = exported(client)
    first_id = load_workbook(io.BytesIO(sheet)).active["A2"].value  # type: ignore[index]
    changed = edited(sheet, {2: {"牵头单位": "市财政局", "报送周期": "月报"}})
    journal = journal_size(db)
    preview = office.post(
        f"/work/reports/{REPORT_ID}/assignments/sheet",
        files={"file": ("分工表.xlsx", changed, "application/octet-stream")},
    )
    assert preview.status_code == 200, preview.text[:300]
    page = html.fromstring(preview.text)
    diff = [
        [c.text_content() for c in tr.xpath("td")]
        for tr in page.xpath("//table[@class='sheet-diff']/tbody/tr")
    ]
    assert ["2", str(first_id), "牵头单位", lead_of(db, first_id), "市财政局"] in diff
    assert ["2", str(first_id), "报送周期", "季报", "月报"] in diff
    assert journal_size(db) == journal and lead_of(db, first_id) != "市财政局"  # a dry run
    form = {
        i.get("name"): i.get("value")
        for i in page.xpath("//form[contains(@action,'apply')]//input")
    }
    applied = office.post(
        f"/work/reports/{REPORT_ID}/assignments/sheet/apply",
        **{k: v for k, v in form.items() if k != "csrf"},
    )
    assert applied.status_code == 303, applied.text[:300]
    assert lead_of(db, first_id) == "市财政局"
    # The same sheet again is stale now: every row is refused by its version, nothing applied.
    again = office.post(
        f"/work/reports/{REPORT_ID}/assignments/sheet/apply",
        **{k: v for k, v in form.items() if k != "csrf"},
    )
    assert again.status_code == 422 and "row 2" in again.text and "版本" in again.text


def test_wrong_rows_are_listed_by_number_and_nothing_can_be_applied(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    sheet = edited(exported(client), {3: {"牵头单位": "市不存在局"}, 4: {"完成时限": "明年"}})
    preview = office.post(
        f"/work/reports/{REPORT_ID}/assignments/sheet",
        files={"file": ("分工表.xlsx", sheet, "application/octet-stream")},
    )
    assert preview.status_code == 200
    page = html.fromstring(preview.text)
    problems = page.xpath("//ul[@class='row-errors']/li/text()")
    assert any(p.startswith("row 3:") and "市不存在局" in p for p in problems)
    assert any(p.startswith("row 4:") and "明年" in p for p in problems)
    assert not page.xpath("//form[contains(@action,'apply')]")


@pytest.fixture
def small_unpacked_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LUOSHI_MAX_DOCX_UNPACKED_BYTES", str(4 * 1024 * 1024))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("small_unpacked_limit")
@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("../../分工表.xlsx", b"PK\x03\x04", "../"),
        ("big.xlsx", b"PK\x03\x04" + bytes(600 * 1024), "文件过大"),
        ("分工表.csv", b"a,b\n", ".xlsx"),
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100), "不是 Excel"),
        (
            "bomb.xlsx",
            zipped({"xl/worksheets/sheet1.xml": bytes(8 * 1024 * 1024)}),
            "over the limit",
        ),
    ],
    ids=["dotdot-name", "oversized", "wrong-type", "png-as-xlsx", "zip-bomb"],
)
def test_a_bad_sheet_upload_is_refused_clearly_and_nothing_is_kept(
    copy_app: tuple[TestClient, Path],
    demo_ledger: DemoLedger,
    db: Any,
    name: str,
    content: bytes,
    problem: str,
) -> None:
    office = staff(copy_app, demo_ledger, "demo-reviewer")
    journal = journal_size(db)
    leftovers = set(Path(tempfile.gettempdir()).glob("luoshi-sheet-*"))
    response = office.post(
        f"/work/reports/{REPORT_ID}/assignments/sheet",
        files={"file": (name, content, "application/octet-stream")},
    )
    assert response.status_code == 422, response.text[:300]
    assert problem in html.fromstring(response.text).text_content()
    assert journal_size(db) == journal
    assert set(Path(tempfile.gettempdir()).glob("luoshi-sheet-*")) == leftovers


# Administration


def test_the_admin_creates_a_department_and_a_user_who_must_change_the_password(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    added = admin.post("/work/admin/departments", government=demo.GOVERNMENT, name="市审计局")
    assert added.status_code == 303
    page = html.fromstring(client.get("/work/admin").text)
    option = next(
        o for o in page.xpath("//select[@name='department']/option") if o.text == "武威市 市审计局"
    )
    created = admin.post(
        "/work/admin/users", name="audit-liaison", role="reporter", department=option.get("value")
    )
    assert created.status_code == 200
    shown = html.fromstring(created.text).xpath(
        "//*[contains(@class,'first-password')]//code/text()"
    )
    assert len(shown) == 1 and len(shown[0]) >= accounts.MIN_PASSWORD_CHARS
    with db() as session:
        user = session.scalars(select(User).where(User.name == "audit-liaison")).one()
        assert user.must_change_password and user.password_hash != shown[0]
        assert user.department_id == int(option.get("value"))
    newcomer = Staff(TestClient(client.app, base_url="https://testserver"))
    signed = newcomer.sign_in("audit-liaison", shown[0])
    assert signed.headers["location"] == "/work/password"
    # A reset gives another first password; the old one no longer works, sessions ended.
    reset = admin.post(f"/work/admin/users/{user.id}/password")
    new_password = html.fromstring(reset.text).xpath(
        "//*[contains(@class,'first-password')]//code/text()"
    )[0]
    assert (
        newcomer.client.get("/work", follow_redirects=False)
        .headers["location"]
        .startswith("/login")
    )
    assert newcomer.sign_in("audit-liaison", shown[0]).status_code == 401
    assert newcomer.sign_in("audit-liaison", new_password).headers["location"] == "/work/password"


def test_a_deactivated_users_session_ends_when_the_admin_presses_stop(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    lead = Staff(TestClient(client.app, base_url="https://testserver"))
    assert lead.sign_in("demo-lead", demo_ledger.built.passwords["demo-lead"]).status_code == 303
    assert lead.client.get("/work").status_code == 200
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    with db() as session:
        lead_id = session.scalars(select(User.id).where(User.name == "demo-lead")).one()
    assert admin.post(f"/work/admin/users/{lead_id}/access", active="false").status_code == 303
    assert lead.client.get("/work", follow_redirects=False).status_code == 303
    assert lead.sign_in("demo-lead", demo_ledger.built.passwords["demo-lead"]).status_code == 401
    assert admin.post(f"/work/admin/users/{lead_id}/access", active="true").status_code == 303
    assert lead.sign_in("demo-lead", demo_ledger.built.passwords["demo-lead"]).status_code == 303


def test_the_admin_changes_a_role_and_cannot_take_their_own(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    with db() as session:
        ids = dict(session.execute(select(User.name, User.id)).all())
    assert (
        admin.post(f"/work/admin/users/{ids['demo-reviewer']}/role", role="admin").status_code
        == 303
    )
    own = admin.post(f"/work/admin/users/{ids[demo.ADMIN]}/role", role="reviewer")
    assert own.status_code == 422 and "admin" in own.text
    with db() as session:
        roles = dict(session.execute(select(User.name, User.role)).all())
    assert roles["demo-reviewer"] == "admin" and roles[demo.ADMIN] == "admin"


# CSRF and escaping on these pages

MY_POSTS = sorted(
    path for method, path in {**assign_desk.ACTIONS, **admin_part.ACTIONS} if method == "POST"
)


@pytest.mark.parametrize("path", MY_POSTS)
def test_every_post_here_without_the_csrf_token_is_refused_and_changes_nothing(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any, path: str
) -> None:
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    admin.csrf = "forged-on-another-site"
    journal = journal_size(db)
    url = path.format(**PATH_VALUES)
    response = admin.post(url, **dict(FORMS.get(path, {})))
    assert response.status_code == 403 and "CSRF" in response.text
    assert journal_size(db) == journal


def test_names_and_keywords_with_markup_render_as_text(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    markup = "<img src=x onerror=alert(1)>局"
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    admin.post("/work/admin/departments", government=demo.GOVERNMENT, name=markup)
    admin.post(
        "/work/keywords",
        government_id=1,
        government=demo.GOVERNMENT,
        keyword="<b>词</b>",
        department=markup,
    )
    for path in ("/work/admin", "/work/keywords", f"/work/reports/{REPORT_ID}/assignments"):
        body = client.get(path).text
        assert markup not in body and "&lt;img src=x onerror=alert(1)&gt;局" in body, path
    assert "&lt;b&gt;词&lt;/b&gt;" in client.get("/work/keywords").text


# Sign-in security and the report upload's limits


def test_a_planted_session_token_is_not_the_one_after_sign_in(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    attacker = Staff(TestClient(client.app, base_url="https://testserver"))
    attacker.sign_in("demo-lead", demo_ledger.built.passwords["demo-lead"])
    planted = attacker.client.cookies["luoshi_session"]
    client.cookies.set("luoshi_session", planted)  # fixed in the victim's browser beforehand
    victim = Staff(client)
    signed = victim.sign_in(demo.ADMIN, demo_ledger.built.passwords[demo.ADMIN])
    assert signed.status_code == 303
    issued = re.search(r"luoshi_session=([^;]+)", signed.headers["set-cookie"])
    assert issued is not None and issued[1] != planted
    fresh = TestClient(client.app, base_url="https://testserver")
    fresh.cookies.set("luoshi_session", issued[1])
    assert fresh.get("/work/admin").status_code == 200
    # The planted token is still only the attacker's own (a reporter's) session.
    assert attacker.client.get("/work/admin").status_code == 403


def test_the_lockout_holds_across_browsers_and_ends_after_its_time(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, db: Any
) -> None:
    client, _ = copy_app
    for _ in range(accounts.MAX_FAILED_LOGINS):  # each attempt from a fresh browser
        fresh = Staff(TestClient(client.app, base_url="https://testserver"))
        assert fresh.sign_in("demo-reviewer", "Wrong-password-1").status_code == 401
    another = Staff(TestClient(client.app, base_url="https://testserver"))
    right = demo_ledger.built.passwords["demo-reviewer"]
    refused = another.sign_in("demo-reviewer", right)
    assert refused.status_code == 401 and "锁定" in refused.text
    with db() as session:  # the lock's time passes
        user = session.scalars(select(User).where(User.name == "demo-reviewer")).one()
        assert user.locked_until is not None
        user.locked_until = user.locked_until.replace(year=2000)
    assert another.sign_in("demo-reviewer", right).status_code == 303


# The suggestion's quality and its data file


def test_the_first_suggestion_is_the_actual_lead_often_enough_leaving_each_one_out(
    demo_ledger: DemoLedger,
) -> None:
    """Leave-one-out over the demo's 64 assignments (benchmarks/lead_suggestions.py prints it):
    measured 43/64 from past assignments alone, 48/64 with the built-in keywords."""
    engine = make_engine(f"sqlite:///{demo_ledger.database}")
    with unit_of_work(session_factory(engine)) as session:
        government = session.scalars(
            select(Government).where(Government.name == demo.GOVERNMENT)
        ).one()
        past_hits, total = suggestion.first_choice_hits(session, government.id, keywords=False)
        both_hits, _ = suggestion.first_choice_hits(session, government.id)
    engine.dispose()
    assert total == demo_ledger.built.commitments
    assert past_hits / total >= 0.6 and both_hits / total >= 0.7


def test_the_built_in_keyword_table_loads_and_names_what_is_wrong_in_a_bad_one() -> None:
    seeds = suggestion.builtin()
    assert any("高标准农田" in s.words and s.department == "农业农村" for s in seeds)
    good = {"lead": [{"department": "农业农村", "words": ["高标准农田"]}]}
    assert suggestion.parse_seeds(good, "t.toml")[0].words == ("高标准农田",)
    for bad, problem in (
        ({"lead": [{"department": "农业农村"}]}, "missing ['words']"),
        ({"lead": [{"department": "x", "words": ["a"], "weight": 2}]}, "unknown ['weight']"),
        ({"lead": [{"department": "x", "words": []}]}, "words must be a list"),
        ({"lead": [{"department": " ", "words": ["a"]}]}, "department must be a name"),
        ({"leads": []}, "unknown table"),
        ({}, "no [[lead]]"),
    ):
        with pytest.raises(InputError, match=re.escape(problem)):
            suggestion.parse_seeds(bad, "t.toml")


def test_suggestions_rank_only_the_governments_departments() -> None:
    commitment = Commitment(id=99, indicator="新建高标准农田", title="新建高标准农田", section=[])
    suggester = suggestion.Suggester(
        {1: "县水务局"},
        [suggestion.Past(5, "新建高标准农田", "新建高标准农田", frozenset(), 7)],  # 7: not here
        suggestion.builtin_keywords({1: "县水务局"}),
        "内置关键词",
    )
    assert suggester.suggest(commitment) == []  # no 农业农村 department, no other evidence
    with_it = suggestion.Suggester(
        {1: "县水务局", 2: "县农业农村局"},
        [],
        suggestion.builtin_keywords({2: "县农业农村局"}),
        "内置关键词",
    )
    first = with_it.suggest(commitment)[0]
    assert first.department == "县农业农村局" and first.reason == "内置关键词“高标准农田”"
