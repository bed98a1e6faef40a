"""The shared 武威 report through the CLI: import, review, assign, months of reports, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.config import get_settings

from .conftest import Run


def setup_ledger(run: Run, wuwei_path: Path) -> None:
    run("db", "upgrade")
    run("user", "add", "boss", "--role", "admin")
    run("gov", "add", "武威市", "--level", "市", "--region-code", "620600", "--user", "boss")
    run("gov", "dept", "武威市", "市人社局", "市发改委", "市交通局", "--user", "boss")
    run("user", "add", "reviewer", "--role", "reviewer", "--user", "boss")
    run("user", "add", "hr", "--role", "reporter", "--department", "1", "--user", "boss")
    run("import", str(wuwei_path), "--government", "武威市", "--user", "boss")


def ledger_lines(run: Run, *args: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in run("ledger", "--json", *args).output.splitlines()]


def test_without_upgrade_the_ledger_says_what_to_do(run: Run) -> None:
    result = run("ledger", code=1)
    assert "run `luoshi db upgrade` first" in result.output


def test_the_shared_report_end_to_end(run: Run, wuwei_path: Path, tmp_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    proposed = ledger_lines(run, "--user", "reviewer", "--review-state", "proposed")
    assert proposed, "the extractor found no target in the shared report"
    employment = next(
        (c for c in proposed if "就业" in str(c["title"]) and str(c["period"]) == "2022"),
        proposed[0],
    )
    cid = str(employment["id"])
    # The public sees nothing before review and publication.
    assert run("ledger").output == ""
    # A correction carries the version the reviewer read in `ledger`.
    run("review", cid, "--set", "period=2022", "--user", "reviewer", code=2)
    version = str(employment["version"])
    run(
        "review",
        cid,
        "--set",
        "period=2022",
        "--set",
        "target=1.5",
        "--version",
        version,
        "--user",
        "reviewer",
    )
    run("review", cid, "--confirm", "--user", "reviewer", code=2)  # no --version
    now = next(c for c in ledger_lines(run, "--user", "reviewer") if c["id"] == employment["id"])
    run("review", cid, "--confirm", "--version", str(now["version"]), "--user", "reviewer")
    last = str(proposed[-1]["id"])
    run("review", last, "--reject", "--version", "1", "--user", "reviewer", code=2)
    run("review", last, "--reject", "--reason", "重复", "--version", "1", "--user", "reviewer")
    run(
        "assign",
        cid,
        "--lead",
        "市人社局",
        "--partner",
        "市发改委",
        "--due",
        "2022-12-31",
        "--cycle",
        "monthly",
        "--starts",
        "2022-01-01",
        "--user",
        "reviewer",
    )
    evidence = tmp_path / "台账.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    for month, value in (("2022-01-31", "0.12"), ("2022-02-28", "0.25"), ("2022-03-31", "0.4")):
        out = run(
            "report",
            "file",
            cid,
            "--as-of",
            month,
            "--value",
            value,
            "--done",
            "新增就业",
            "--evidence",
            str(evidence),
            "--link",
            "https://example.gov.cn/x",
            "--submit",
            "--user",
            "hr",
        ).output
        report_id = out.split()[2]
        run("report", "approve", report_id, "--version", "2", "--user", "reviewer")
    explained = run("status", "--explain", cid, "--as-of", "2022-04-10", "--user", "reviewer")
    assert "达进度" in explained.output and "应有值" in explained.output
    # Stored once, under its sha256.
    assert len(list((tmp_path / "evidence").rglob("*"))) == 2
    # A reporter may not approve; the error is one line with the PermissionDenied exit code.
    denied = run("report", "approve", "1", "--user", "hr", code=5)
    assert denied.output.startswith("luoshi: error: hr (reporter) may not decide progress")
    # A report sent back is corrected and submitted again.
    out = run(
        "report", "file", cid, "--as-of", "2022-04-30", "--value", "9", "--submit", "--user", "hr"
    ).output
    back = out.split()[2]
    run("report", "return", back, "--reason", "数值有误", "--version", "2", "--user", "reviewer")
    run("report", "edit", back, "--user", "hr", code=2)
    run("report", "edit", back, "--value", "0.5", "--user", "hr", code=2)  # no --version
    edited = run("report", "edit", back, "--value", "0.5", "--version", "3", "--user", "hr")
    assert "draft" in edited.output
    run("report", "submit", back, "--user", "hr", code=2)  # no --version
    run("report", "submit", back, "--version", "4", "--user", "hr")
    run("report", "approve", back, "--version", "5", "--user", "reviewer")
    run("judge", cid, "达进度", "--reason", "统计口径", "--user", "reviewer")
    assert "人工判断: 达进度" in run("status", "--explain", cid, "--user", "reviewer").output
    run("publish", "1", "--user", "boss", code=2)  # no --version
    run("publish", "1", "--version", "1", "--user", "boss")
    refreshed = run("status", "--refresh", "--as-of", "2022-04-10", "--user", "reviewer").output
    assert refreshed.startswith("status cache: ")
    again = run("status", "--refresh", "--as-of", "2022-04-10", "--user", "reviewer").output
    assert "; 0 computed (only those that changed)" in again  # nothing changed since
    full = "--full", "--as-of", "2022-04-10", "--user", "reviewer"
    assert "computed (all)" in run("status", "--refresh", *full).output
    run("status", "--user", "reviewer", code=2)
    public = ledger_lines(run, "--as-of", "2022-04-10")
    assert [line["id"] for line in public] == [int(cid)]
    assert public[0]["status"] == "达进度"
    audit = run("audit", "--entity", "commitments", "--id", cid, "--user", "reviewer").output
    assert [json.loads(line)["action"] for line in audit.splitlines()] == [
        "propose",
        "edit",
        "confirm",
    ]


def test_bad_input_is_one_line_never_a_traceback(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    cases = [
        (
            ("import", str(wuwei_path), "--government", "兰州市", "--user", "boss"),
            3,
            "no government",
        ),
        (
            ("import", str(wuwei_path), "--government", "武威市", "--user", "boss"),
            4,
            "imported already",
        ),
        (("import", "/nope.txt", "--government", "武威市", "--user", "boss"), 2, "no such file"),
        (
            ("review", "99999", "--confirm", "--version", "1", "--user", "boss"),
            3,
            "no commitment with id 99999",
        ),
        (("review", "1", "--set", "target=abc", "--version", "1", "--user", "boss"), 2, "number"),
        (("review", "1", "--set", "period=明年", "--version", "1", "--user", "boss"), 2, "year"),
        (("assign", "1", "--lead", "市人社局", "--user", "boss"), 2, "only confirmed"),
        (("ledger", "--user", "nobody"), 3, "no user named 'nobody'"),
        (
            ("report", "file", "1", "--as-of", "2022-01-31", "--value", "x", "--user", "hr"),
            2,
            "--value must be a number",
        ),
        (
            ("snapshot", "compare", "武威市", "2022-01", "2022-02", "--user", "boss"),
            3,
            "no snapshot",
        ),
        (("restore", str(wuwei_path)), 2, "not a luoshi ledger backup"),
    ]
    for args, code, words in cases:
        result = run(*args, code=code)
        assert result.output.count("\n") == 1 and words in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_snapshots_compare_months(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    first = ledger_lines(run, "--user", "boss")[0]
    cid = str(first["id"])
    run("review", cid, "--set", "period=2022", "--confirm", "--version", "1", "--user", "boss")
    run(
        "assign",
        cid,
        "--lead",
        "市人社局",
        "--cycle",
        "monthly",
        "--starts",
        "2022-01-01",
        "--user",
        "boss",
    )
    run("snapshot", "take", "武威市", "2022-01", "--user", "boss")
    run("snapshot", "take", "武威市", "2022-03", "--user", "boss")
    run("snapshot", "take", "武威市", "2022-03", "--user", "boss", code=4)
    out = run("snapshot", "compare", "武威市", "2022-01", "2022-03", "--user", "boss").output
    assert f"{cid} " in out and "→ 逾期未报" in out


def test_two_editors_of_one_assignment(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--user", "boss")
    # Both editors loaded version 1; the first saves, the second is told, not overwritten.
    run("assign", "1", "--lead", "市发改委", "--version", "1", "--user", "reviewer")
    stale = run("assign", "1", "--lead", "市交通局", "--version", "1", "--user", "boss", code=4)
    assert "is at version 2, you edited version 1" in stale.output
    status = run("ledger", "--json", "--department", "市发改委", "--user", "boss").output
    assert [json.loads(line)["id"] for line in status.splitlines()] == [1]


def test_excel_and_backup_through_the_cli(
    run: Run, wuwei_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("review", "2", "--confirm", "--version", "1", "--user", "boss")
    sheet = tmp_path / "分工表.xlsx"
    assert run("excel", "export", "1", str(sheet), "--user", "boss").output.endswith("2 row(s)\n")
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    rows["D2"] = "市人社局"
    rows["E2"] = "市发改委、市交通局"
    rows["F2"] = "2022-12-31"
    rows["D3"] = "市不存在局"
    book.save(sheet)
    wrong = run("excel", "import", "1", str(sheet), "--apply", "--user", "boss", code=2)
    assert "row 3: 牵头单位 '市不存在局'" in wrong.output and "nothing applied" in wrong.output
    rows["D3"] = None
    book.save(sheet)
    dry = run("excel", "import", "1", str(sheet), "--user", "boss").output
    assert "row 2 序号 1 牵头单位: — → 市人社局" in dry and "dry run" in dry
    assert "市人社局" not in run("ledger", "--json", "--department", "1", "--user", "boss").output
    run("excel", "import", "1", str(sheet), "--apply", "--user", "boss")
    assigned = ledger_lines(run, "--department", "市人社局", "--user", "boss")
    assert [line["id"] for line in assigned] == [1]
    # Backup, then restore into a fresh ledger: the same lines come back.
    before = run("ledger", "--json", "--user", "boss", "--as-of", "2022-06-30").output
    backup = tmp_path / "ledger.jsonl"
    run("backup", str(backup), code=5)  # an admin's
    run("backup", str(backup), "--user", "boss")
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"
    monkeypatch.setenv("LUOSHI_DATABASE_URL", fresh)

    get_settings.cache_clear()
    run("restore", str(backup), code=1)  # not upgraded yet: says so
    run("db", "upgrade")
    run("restore", str(backup))
    assert run("ledger", "--json", "--user", "boss", "--as-of", "2022-06-30").output == before
    run("restore", str(backup), code=4)  # not empty any more


def test_a_liaison_officer_moves_department(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市发改委", "--user", "boss")
    run("report", "file", "1", "--as-of", "2022-01-31", "--user", "hr", code=5)
    run("user", "set", "hr", "--role", "reporter", "--department", "1", "--user", "hr", code=5)
    run(
        "user",
        "set",
        "hr",
        "--role",
        "reporter",
        "--department",
        "2",
        "--reason",
        "调岗",
        "--version",
        "1",
        "--user",
        "boss",
    )
    assert "draft" in run("report", "file", "1", "--as-of", "2022-01-31", "--user", "hr").output
    refused = run("user", "set", "boss", "--role", "reviewer", "--version", "1", "--user", "boss",
                  code=2)  # fmt: skip
    assert "cannot take away their own admin role" in refused.output
    journal = run("audit", "--entity", "users", "--user", "boss").output.splitlines()
    assert json.loads(journal[-1])["reason"] == "调岗"


def test_a_reporter_is_added_by_department_name_or_id(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)  # hr was added to department 1 by its id
    by_name = run("user", "add", "fgw", "--role", "reporter", "--department", "市发改委",
                  "--user", "boss")  # fmt: skip
    assert "user fgw (reporter) added" in by_name.output
    in_government = run("user", "add", "jt", "--role", "reporter", "--department", "市交通局",
                        "--government", "武威市", "--user", "boss")  # fmt: skip
    assert "user jt (reporter) added" in in_government.output
    missing = run("user", "add", "x", "--role", "reporter", "--department", "市教育局",
                  "--user", "boss", code=3)  # fmt: skip
    assert "no department named '市教育局'" in missing.output
