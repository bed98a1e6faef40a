"""The staff workspace: signing in, sessions, CSRF, uploads, and an office's way from a new
report to a published, assigned ledger — and an authorization matrix read from the route table."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import (
    Commitment,
    Evidence,
    ProgressReport,
    Report,
    WebSession,
    utcnow,
)
from luoshi.ledger.services import accounts, organisation
from luoshi.ledger.services.policy import POLICY, actor_for
from luoshi.web import create_app, public
from luoshi.web import staff as staff_parts

from .conftest import DemoLedger

REPORT = (
    "2023年政府工作报告\n"
    "今年主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1.6万人。\n"
    "新建高标准农田35万亩。\n"
)


class Staff:
    """A browser of one staff member: signs in, reads pages, posts forms with their CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    def sign_in(self, name: str, password: str) -> Any:
        form = html.fromstring(self.client.get("/login").text)
        token = form.xpath("//input[@name='csrf']/@value")[0]
        response = self.client.post(
            "/login",
            data={"name": name, "password": password, "csrf": token},
            follow_redirects=False,
        )
        if response.status_code == 303:
            page = html.fromstring(self.client.get("/work").text)
            self.csrf = (page.xpath("//input[@name='csrf']/@value") or [""])[0]
        return response

    def post(self, path: str, **data: Any) -> Any:
        files = data.pop("files", None)
        return self.client.post(
            path, data={"csrf": self.csrf, **data}, files=files, follow_redirects=False
        )


@pytest.fixture
def copy_app(ledger_copy: Path, demo_ledger: DemoLedger) -> Iterator[tuple[TestClient, Path]]:
    settings = demo_ledger.settings(ledger_copy)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client, ledger_copy


def staff(copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, name: str) -> Staff:
    browser = Staff(copy_app[0])
    assert browser.sign_in(name, demo_ledger.built.passwords[name]).status_code == 303
    return browser


def test_sign_in_sets_a_safe_cookie_and_a_new_token_each_time(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    client.cookies.set("luoshi_session", "planted-by-an-attacker")
    browser = Staff(client)
    response = browser.sign_in(demo.ADMIN, demo_ledger.built.passwords[demo.ADMIN])
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    token = re.search(r"luoshi_session=([^;]+)", cookie)[1]  # type: ignore[index]
    assert token != "planted-by-an-attacker"
    again = Staff(TestClient(client.app, base_url="https://testserver"))
    again.sign_in(demo.ADMIN, demo_ledger.built.passwords[demo.ADMIN])
    assert again.client.cookies["luoshi_session"] != token


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(
    copy_app: tuple[TestClient, Path],
) -> None:
    browser = Staff(copy_app[0])
    wrong = browser.sign_in(demo.ADMIN, "not-the-password-1")
    unknown = browser.sign_in("nobody-at-all", "not-the-password-1")
    assert wrong.status_code == unknown.status_code == 401
    message = "用户名或密码不正确"
    assert message in wrong.text and message in unknown.text


def test_five_failures_lock_the_account_even_for_the_right_password(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    browser = Staff(copy_app[0])
    for _ in range(accounts.MAX_FAILED_LOGINS):
        assert browser.sign_in("demo-reviewer", "wrong-password-1").status_code == 401
    right = browser.sign_in("demo-reviewer", demo_ledger.built.passwords["demo-reviewer"])
    assert right.status_code == 401 and "锁定" in right.text


def test_a_login_form_from_another_site_is_refused(copy_app: tuple[TestClient, Path]) -> None:
    client, _ = copy_app
    forged = client.post(
        "/login",
        data={"name": demo.ADMIN, "password": "x", "csrf": "guessed"},
        follow_redirects=False,
    )
    assert forged.status_code == 403 and "过期" in forged.text


def test_a_post_without_the_csrf_token_changes_nothing(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    admin.csrf = "forged"
    response = admin.post("/work/reports/1/confirm-all")
    assert response.status_code == 403 and "CSRF" in response.text


def test_pages_need_a_session_and_sign_out_ends_it_on_the_server(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, _ = copy_app
    assert client.get("/work", follow_redirects=False).headers["location"] == "/login?next=/work"
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    token = client.cookies["luoshi_session"]
    assert admin.post("/logout").status_code == 303
    client.cookies.set("luoshi_session", token)  # a copy of the old cookie is worth nothing
    assert client.get("/work", follow_redirects=False).status_code == 303


def test_a_deactivated_users_session_ends_at_once(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    staff(copy_app, demo_ledger, "demo-reviewer")
    assert client.get("/work").status_code == 200
    factory = session_factory(make_engine(f"sqlite:///{database}"))
    with unit_of_work(factory) as session:
        organisation.set_active(session, actor_for(session, demo.ADMIN), "demo-reviewer", False)
    assert client.get("/work", follow_redirects=False).status_code == 303


def test_an_idle_or_old_session_expires(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    staff(copy_app, demo_ledger, "demo-reviewer")
    factory = session_factory(make_engine(f"sqlite:///{database}"))
    token = client.cookies["luoshi_session"]
    with unit_of_work(factory) as session:
        later = utcnow() + accounts.Timeouts().idle + dt.timedelta(seconds=1)
        assert accounts.session_of(session, token, later) is None
        assert session.scalars(select(WebSession)).all() == []


def test_a_first_password_must_be_changed_and_the_policy_holds(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    factory = session_factory(make_engine(f"sqlite:///{database}"))
    with unit_of_work(factory) as session:
        admin = actor_for(session, demo.ADMIN)
        organisation.add_user(session, admin, "new-officer", "reviewer")
        accounts.set_password(session, admin, "new-officer", "First-pass-123")
    browser = Staff(client)
    assert browser.sign_in("new-officer", "First-pass-123").headers["location"] == "/work/password"
    assert client.get("/work", follow_redirects=False).headers["location"] == "/work/password"
    browser.csrf = html.fromstring(client.get("/work/password").text).xpath(
        "//input[@name='csrf']/@value"
    )[0]
    weak = browser.post("/work/password", old="First-pass-123", new="short", again="short")
    assert weak.status_code == 422 and "至少" in weak.text
    ok = browser.post(
        "/work/password", old="First-pass-123", new="Mine-now-456", again="Mine-now-456"
    )
    assert ok.status_code == 303
    assert client.get("/work").status_code == 200


def test_the_office_takes_a_report_from_upload_to_a_published_assigned_ledger(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    uploaded = admin.post(
        "/work/reports",
        government=demo.GOVERNMENT,
        files={"file": ("2023年报告.txt", REPORT.encode(), "text/plain")},
    )
    assert uploaded.status_code == 303
    report_path = uploaded.headers["location"].split("?")[0]
    report_id = int(report_path.rsplit("/", 1)[1])
    queue = html.fromstring(client.get(report_path).text)
    items = queue.xpath("//li[contains(@class,'queue-item')]")
    assert len(items) >= 2 and all(i.xpath(".//mark") for i in items)
    first, second = (int(i.get("id")[1:]) for i in items[:2])
    version = lambda item: item.xpath(".//input[@name='version']/@value")[0]  # noqa: E731
    admin.post(
        f"/work/commitments/{first}/review",
        decision="confirmed",
        version=version(items[0]),
        report_id=report_id,
    )
    admin.post(
        f"/work/commitments/{second}/review",
        decision="rejected",
        reason="重复",
        version=version(items[1]),
        report_id=report_id,
    )
    assert admin.post(f"/work/reports/{report_id}/confirm-all").status_code == 303
    assert client.get(f"/reports/{report_id}").status_code == 404  # not public yet
    page = html.fromstring(client.get(report_path).text)
    report_version = page.xpath(
        "//form[contains(@action,'publish')]//input[@name='version']/@value"
    )[0]
    assert (
        admin.post(f"/work/reports/{report_id}/publish", version=report_version).status_code == 303
    )
    assigned = admin.post(
        f"/work/commitments/{first}/assign",
        lead="市农业农村局",
        partners="市统计局",
        due="2023-12-31",
        cycle="monthly",
        report_id=report_id,
    )
    assert assigned.status_code == 303
    public = client.get(f"/reports/{report_id}/ledger.json").json()
    rows = {row["id"]: row for row in public["rows"]}
    assert first in rows and second not in rows and rows[first]["lead"] == "市农业农村局"
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        report = session.get(Report, report_id)
        assert report is not None and report.source == "2023年报告.txt"
        rejected = session.get(Commitment, second)
        assert rejected is not None and rejected.review_reason == "重复"


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip archive of ``parts`` (deflated: zeros shrink a thousandfold)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"")
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("big.txt", b"x" * (20 * 1024 * 1024 + 1), "过大"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG"),
        ("empty.docx", b"PK\x03\x04" + b"\0" * 30, "docx"),
        ("bomb.docx", zipped({"word/document.xml": bytes(20 * 1024 * 1024)}), "zip bomb"),
        ("../../etc/2023年报告.txt", REPORT.encode(), "../"),
        ("..\\2023年报告.txt", REPORT.encode(), "../"),
    ],
    ids=["oversized", "png-as-txt", "empty-docx", "docx-zip-bomb", "dotdot-name", "backslash-name"],
)
def test_a_bad_upload_is_refused_with_a_clear_message_and_nothing_stored(
    copy_app: tuple[TestClient, Path],
    demo_ledger: DemoLedger,
    name: str,
    content: bytes,
    problem: str,
) -> None:
    _, database = copy_app
    factory = session_factory(make_engine(f"sqlite:///{database}"))
    with unit_of_work(factory) as session:
        before = len(session.scalars(select(Report)).all())
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    response = admin.post(
        "/work/reports",
        government=demo.GOVERNMENT,
        files={"file": (name, content, "application/octet-stream")},
    )
    assert response.status_code == 422, response.text[:300]
    assert problem.lower() in response.text.lower()
    with unit_of_work(factory) as session:
        assert len(session.scalars(select(Report)).all()) == before


def test_names_with_markup_are_shown_as_text(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        admin = actor_for(session, demo.ADMIN)
        organisation.add_department(session, admin, demo.GOVERNMENT, "<script>alert(1)</script>局")
    staff(copy_app, demo_ledger, demo.ADMIN)
    body = client.get("/work/reports/1?state=confirmed").text
    assert (
        "<script>alert(1)</script>局" not in body
        and "&lt;script&gt;alert(1)&lt;/script&gt;局" in body
    )


# The authorization matrix, generated from the route table.

ROLES = {
    "anonymous": None,
    "admin": demo.ADMIN,
    "reviewer": "demo-reviewer",
    "reporter": "demo-lead",
    "deactivated": "demo-partner",
}
FORMS: dict[str, dict[str, Any]] = {
    "/work/password": {"old": "x", "new": "Another-pass-1", "again": "Another-pass-1"},
    "/work/reports": {
        "government": demo.GOVERNMENT,
        "files": {"file": ("r.txt", REPORT.encode(), "text/plain")},
    },
    "/work/reports/{report_id}/publish": {"version": 1},
    "/work/commitments/{commitment_id}/review": {
        "decision": "rejected",
        "version": 1,
        "report_id": 1,
    },
    "/work/commitments/{commitment_id}/assign": {"lead": "市发改委", "report_id": 1},
    "/work/commitments/{commitment_id}/correct": {
        "version": 1,
        "report_id": 1,
        "start": 0,
        "end": 4,
        "period": "2022",
    },
    "/work/commitments/{commitment_id}/merge": {"version": 1, "other": "2:1", "report_id": 1},
    "/work/commitments/{commitment_id}/split-figure": {
        "version": 1,
        "report_id": 1,
        "start": 0,
        "end": 4,
    },
    "/work/reports/{report_id}/tasks": {"start": 0, "end": 10},
    "/work/reports/{report_id}/assignments": {"lead": "市发改委", "pick": "1:1"},
    "/work/assignments/{commitment_id}": {"lead": "市发改委", "version": 1, "report_id": 1},
    "/work/reports/{report_id}/assignments/sheet": {
        "files": {"file": ("s.xlsx", b"not a sheet", "application/octet-stream")}
    },
    "/work/reports/{report_id}/assignments/sheet/apply": {
        "name": "s.xlsx",
        "sheet": "bm90IGEgc2hlZXQ=",
        "sha256": "0" * 64,
    },
    "/work/keywords": {"government_id": 1, "keyword": "高标准农田", "department": "市农业农村局"},
    "/work/keywords/builtin": {"government_id": 1},
    "/work/keywords/{keyword_id}/delete": {"version": 1},
    "/work/admin/departments": {"government": demo.GOVERNMENT, "name": "市审计局"},
    "/work/admin/users": {"name": "new-officer", "role": "reviewer"},
    "/work/admin/users/{user_id}/role": {"role": "reviewer"},
    "/work/admin/users/{user_id}/access": {"active": "false"},
    "/work/commitments/{commitment_id}/progress": {"as_of": "2022-09-30", "done": "按计划推进"},
    "/work/progress/{progress_id}": {"version": 1, "as_of": "2022-09-30"},
    "/work/progress/{progress_id}/evidence": {
        "version": 1,
        "files": {"file": ("佐证.txt", "材料".encode(), "text/plain")},
    },
    "/work/progress/{progress_id}/submit": {"version": 1},
    "/work/progress/{progress_id}/decide": {"version": 1, "decision": "returned", "reason": "补充"},
    "/work/supervision/remind": {"department_id": 1, "message": "请尽快报送"},
}
# A value for each path parameter of the staff routes.
PATH_VALUES = {
    "report_id": "1",
    "commitment_id": "1",
    "user_id": "2",
    "keyword_id": "1",
    "notification_id": "1",
    "name": "demo-reviewer",
}


def path_values(database: Path) -> dict[str, int]:
    """A value per path parameter: records of the reporter's own department (市农业农村局),
    so that a route open to a reporter is tried on what that reporter may touch."""
    factory = session_factory(make_engine(f"sqlite:///{database}"))
    with unit_of_work(factory) as session:
        lead = organisation.find_department(session, "市农业农村局", demo.GOVERNMENT)
        evidence = session.execute(
            select(Evidence.id, ProgressReport.id, ProgressReport.commitment_id)
            .join(ProgressReport, ProgressReport.id == Evidence.progress_report_id)
            .where(ProgressReport.department_id == lead)
            .order_by(Evidence.id)
        ).first()
    assert evidence is not None, "the demo has no evidence of 市农业农村局"
    evidence_id, progress_id, commitment_id = evidence
    return {
        "report_id": 1,
        "commitment_id": commitment_id,
        "progress_id": progress_id,
        "evidence_id": evidence_id,
    }


# Routes open to everyone that are neither the portal's (tests/web/test_public_only.py) nor staff's.
OPEN_ROUTES = {("GET", "/login"), ("POST", "/login"), ("GET", "/docs"), ("GET", "/openapi.json")}


def staff_routes() -> list[tuple[str, str]]:
    """Every route of the app that is not the portal's: all must be in a staff ACTIONS table."""
    app = create_app(
        DemoLedger(Path(tempfile.gettempdir()) / "x.db", Path("x"), demo.Demo(0, 0, 0)).settings()
    )
    portal = {
        (m, r.path) for r in public.router.routes if isinstance(r, APIRoute) for m in r.methods
    }
    found = []
    for route in _api_routes(app.routes):
        for method in route.methods - {"HEAD"}:
            key = (method, route.path)
            if key not in portal and key not in OPEN_ROUTES:
                found.append(key)
    return sorted(found)


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """The API routes of a route table, through included routers (FastAPI ≥ 0.16x keeps an
    included router as one entry holding the original; no prefixes are used here)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(included.routes)


def test_every_staff_route_names_the_action_it_needs() -> None:
    assert set(staff_routes()) == set(staff_parts.actions())


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize(("method", "path"), staff_routes(), ids=lambda v: str(v))
def test_authorization_matrix(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger, role: str, method: str, path: str
) -> None:
    client, database = copy_app
    name = ROLES[role]
    browser = Staff(client)
    if name is not None:
        assert browser.sign_in(name, demo_ledger.built.passwords[name]).status_code == 303
    if role == "deactivated":
        with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
            organisation.set_active(session, actor_for(session, demo.ADMIN), name, False)
    values = {**PATH_VALUES, **{k: str(v) for k, v in path_values(database).items()}}
    url = re.sub(r"\{(\w+)\}", lambda m: values[m[1]], path)
    if method == "GET":
        response = client.get(url, follow_redirects=False)
    else:
        response = browser.post(url, **dict(FORMS.get(path, {})))
    action = staff_parts.actions()[(method, path)]
    if role in ("anonymous", "deactivated"):
        expected_refusal = {"GET": (303,), "POST": (401, 403)}[method]
        assert response.status_code in expected_refusal, response.text[:300]
        if method == "GET":
            assert response.headers["location"].startswith("/login")
        return
    allowed = action is None or role in POLICY[action]
    if allowed:
        assert response.status_code not in (401, 403, 500), response.text[:300]
    else:
        assert response.status_code == 403, response.text[:300]
