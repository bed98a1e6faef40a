"""``luoshi batch --import``: a run into the ledger, each report under its government."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from luoshi.cli import app
from luoshi.corpus import load_documents
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Commitment, Government, Report
from luoshi.ledger.services.organisation import add_user
from luoshi.ledger.services.policy import Actor


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(session_factory(engine)) as session:
        add_user(session, Actor("nobody", "public"), "boss", "admin")  # the first user
        add_user(session, Actor("boss", "admin"), "reader", "reviewer")
    engine.dispose()
    return url


def batch(corpus: Path, out: Path, url: str, user: str = "boss") -> str:
    result = CliRunner().invoke(
        app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--import", url,
              "--user", user],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def counts(url: str) -> tuple[int, int, list[str]]:
    engine = make_engine(url)
    with session_factory(engine)() as session:
        reports = session.scalar(select(func.count(Report.id))) or 0
        commitments = session.scalar(select(func.count(Commitment.id))) or 0
        governments = sorted(session.scalars(select(Government.name)))
    engine.dispose()
    return reports, commitments, governments


def test_each_ok_report_is_imported_under_its_government_once(
    small_corpus: Path, tmp_path: Path, ledger_url: str
):
    (small_corpus / "nameless.txt").write_text("2022年新增就业1.5万人。", "utf-8")
    output = batch(small_corpus, tmp_path / "run", ledger_url)
    documents = [row for row in load_documents(tmp_path / "run").to_pylist() if row["id"]]
    targets = sum(
        row["targets"] for row in documents if row["status"] == "ok" and row["government"]
    )
    assert "ledger: 3 reports imported with" in output
    assert f"with {targets} proposed commitments" in output
    assert "governments added: 武威市、国务院、青海省" in output
    assert "nameless.txt: no government: give it in a manifest's government column" in output
    assert counts(ledger_url) == (3, targets, ["国务院", "武威市", "青海省"])

    again = batch(small_corpus, tmp_path / "run", ledger_url)
    assert "0 reports imported with 0 proposed commitments; 3 imported before" in again
    assert counts(ledger_url) == (3, targets, ["国务院", "武威市", "青海省"])


def test_a_file_changed_since_the_run_is_not_imported(
    small_corpus: Path, tmp_path: Path, ledger_url: str
):
    CliRunner().invoke(app, ["batch", str(small_corpus), "--out", str(tmp_path / "run"),
                             "--workers", "0"])  # fmt: skip
    wuwei = small_corpus / "gansu" / "wuwei-2022.txt"
    wuwei.write_text(wuwei.read_text("utf-8") + "\n补记。", "utf-8")
    output = batch(small_corpus, tmp_path / "run", ledger_url)
    assert "the file changed since the run read it" in output
    assert counts(ledger_url)[0] == 2


def test_a_user_who_may_not_import_stops_it_with_one_line(
    small_corpus: Path, tmp_path: Path, ledger_url: str
):
    result = CliRunner().invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "run"), "--workers", "0",
              "--import", ledger_url, "--user", "reader"],
    )  # fmt: skip
    assert result.exit_code == 5
    assert "reader (reviewer) may not import report" in result.output
    assert "Traceback" not in result.output
    assert counts(ledger_url)[0] == 0
