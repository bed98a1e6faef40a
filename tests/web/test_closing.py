"""The workspace's year closing (verdicts beside status, carry-over) and its public links."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Commitment, YearVerdict
from luoshi.ledger.services import review
from luoshi.ledger.services.policy import actor_for

from .conftest import DemoLedger
from .test_workspace import copy_app, staff

__all__ = ["copy_app"]  # the fixture, shared with the workspace tests

NATIONAL_2022, NATIONAL_2023 = 2, 3  # the demo's extra reports (国务院)


def _rows(database: Path) -> list[tuple[int, str, int | None]]:
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        return [
            (v.commitment_id, v.verdict, v.carried_to_id)
            for v in session.scalars(select(YearVerdict).order_by(YearVerdict.commitment_id))
        ]


def test_the_office_closes_a_year_and_carries_an_unmet_target_over(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    client, database = copy_app
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    page = client.get("/work/closing").text
    assert f'action="/work/reports/{NATIONAL_2023}/close-year"' in page
    response = admin.post(f"/work/reports/{NATIONAL_2023}/close-year")
    assert response.status_code == 303 and response.headers["location"].startswith("/work/closing")
    rows = _rows(database)
    assert rows and {v for _, v, _ in rows} >= {"met"}
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        judged = select(Commitment.report_id).where(Commitment.id.in_([r[0] for r in rows]))
        assert set(session.scalars(judged)) == {NATIONAL_2022}
    page = client.get("/work/closing").text
    assert "逐项判定" in page and "重新对照" in page
    # Closing again stores nothing new.
    again = admin.post(f"/work/reports/{NATIONAL_2023}/close-year")
    assert "0 项有变化" in client.get(again.headers["location"]).text
    assert _rows(database) == rows

    unmet = next(cid for cid, verdict, _ in rows if verdict != "met")
    public = client.get(f"/commitments/{unmet}.json").json()
    assert public["closing"]["verdict"] != "met" and public["closing"]["carried_to"] is None
    assert admin.post(f"/work/commitments/{unmet}/carry-over").status_code == 303
    carried = next(to for cid, _, to in _rows(database) if cid == unmet)
    assert carried is not None
    # Proposed, so not public: the origin's page does not link to it yet.
    assert client.get(f"/commitments/{unmet}.json").json()["closing"]["carried_to"] is None
    assert client.get(f"/commitments/{carried}.json").status_code == 404
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        review.decide(session, actor_for(session, demo.ADMIN), carried, "confirmed")
    assert client.get(f"/commitments/{unmet}.json").json()["closing"]["carried_to"] == carried
    new_page = client.get(f"/commitments/{carried}.json").json()
    assert new_page["closing"]["carried_from"] == unmet
    assert new_page["report"]["id"] == NATIONAL_2023
    html = client.get(f"/commitments/{carried}").text
    assert f'href="/commitments/{unmet}"' in html
    html = client.get(f"/commitments/{unmet}").text
    assert f'href="/commitments/{carried}"' in html and "年度成绩单" in html


def test_a_met_target_is_not_carried_over(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    database = copy_app[1]
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    admin.post(f"/work/reports/{NATIONAL_2023}/close-year")
    met = next(cid for cid, verdict, _ in _rows(database) if verdict == "met")
    response = admin.post(f"/work/commitments/{met}/carry-over")
    assert response.status_code in (400, 422) and "met" in response.text
    assert next(to for cid, _, to in _rows(database) if cid == met) is None


def test_a_report_with_no_year_to_close_is_refused_with_a_message(
    copy_app: tuple[TestClient, Path], demo_ledger: DemoLedger
) -> None:
    admin = staff(copy_app, demo_ledger, demo.ADMIN)
    response = admin.post(f"/work/reports/{NATIONAL_2022}/close-year")
    assert response.status_code in (400, 422) and "no report of" in response.text
