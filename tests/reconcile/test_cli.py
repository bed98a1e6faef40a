"""``luoshi reconcile`` and ``luoshi diff`` through the CLI runner, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import app
from tests.reconcile._gold import PAIRS

TARGETS = (
    "二、2024年主要目标任务\n"
    "2024年主要预期目标是：地区生产总值增长6%左右；城镇新增就业70万人以上；新增高新技术企业2000家。\n"
)
REVIEW = (
    "一、2024年工作回顾\n"
    "过去一年，地区生产总值增长4.8%，城镇新增就业79.8万人，全年主要目标任务基本完成。\n"
    "二、2025年主要目标任务\n"
    "2025年主要预期目标是：地区生产总值增长5%左右；城镇新增就业75万人以上；新增高新技术企业2500家。\n"
)


def _files(tmp_path: Path) -> tuple[str, str]:
    targets, review = tmp_path / "2024.txt", tmp_path / "2025.txt"
    targets.write_text(TARGETS, "utf-8")
    review.write_text(REVIEW, "utf-8")
    return str(targets), str(review)


def test_reconcile_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reconcile", *_files(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2024年成绩单" in result.output
    assert "完成1，未完成1，未报告1，存疑0" in result.output
    assert "79.8万人 against 70万人以上: met" in result.output
    assert "报告自述" in result.output and "全年主要目标任务基本完成" in result.output


def test_reconcile_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reconcile", *_files(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["kind"] for r in rows] == ["target", "target", "target", "summary"]
    assert [r.get("verdict") for r in rows[:3]] == ["missed", "met", "not reported"]
    assert rows[0]["outcome"]["quote"] == "地区生产总值增长4.8%"
    assert rows[2]["outcome"] is None


def test_reconcile_csv(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reconcile", *_files(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[1]["indicator"] == "城镇新增就业"
    assert rows[1]["target"] == "70万人以上" and rows[1]["outcome"] == "79.8万人"
    assert rows[1]["verdict"] == "met"


def test_reconcile_national_pair() -> None:
    targets, outcomes, _ = PAIRS["national-2022-2023"]
    result = CliRunner().invoke(
        app, ["reconcile", str(targets), str(outcomes), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    by_indicator = {r["target"]["indicator"]: r for r in rows if r["kind"] == "target"}
    assert by_indicator["国内生产总值"]["verdict"] == "missed"
    assert by_indicator["城镇新增就业"]["reason"] == "1206万人 against 1100万人以上: met"
    assert by_indicator["赤字率"]["outcome"]["indicator"] == "财政赤字率"


def test_reconcile_wrong_order_is_one_line_and_exit_2(tmp_path: Path) -> None:
    targets, review = _files(tmp_path)
    result = CliRunner().invoke(app, ["reconcile", review, targets])
    assert result.exit_code == 2
    assert result.output.startswith("luoshi: error: ")
    assert "cannot tell which year this report reviews" in result.output
    assert "Traceback" not in result.output


def test_reconcile_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["reconcile", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    )
    assert result.exit_code == 2
    assert result.output.strip() == f"luoshi: error: {tmp_path / 'a.txt'}: no such file"


def test_diff_jsonl(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    later = tmp_path / "2025-final.txt"
    later.write_text(REVIEW.replace("城镇新增就业75万人以上", "城镇新增就业80万人以上"), "utf-8")
    result = CliRunner().invoke(app, ["diff", after, str(later), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["change"] for r in rows] == ["unchanged", "changed", "unchanged"]
    assert rows[1]["reason"] == "城镇新增就业 75万人以上 → 80万人以上"
    assert rows[1]["what"] == ["value"]
    del before


def test_diff_table(tmp_path: Path) -> None:
    before, after = _files(tmp_path)
    result = CliRunner().invoke(app, ["diff", before, after])
    assert result.exit_code == 0, result.output
    assert "调整" in result.output and "6%左右" in result.output and "5%左右" in result.output


def test_reconcile_table_shows_running_term_targets(tmp_path: Path) -> None:
    from tests.reconcile.test_trajectory import TERM_REPORT

    targets, review = tmp_path / "2023.txt", tmp_path / "2024.txt"
    targets.write_text(TERM_REPORT, "utf-8")
    review.write_text(
        "一、2023年工作回顾\n过去一年，地区生产总值增长6.5%，城镇新增就业72万人。\n"
        "二、2024年主要目标任务\n2024年主要预期目标是：城镇新增就业70万人以上。\n",
        "utf-8",
    )
    result = CliRunner().invoke(app, ["reconcile", str(targets), str(review)])
    assert result.exit_code == 0, result.output
    assert "进行中" in result.output
    assert "6%左右（2023-2027）" in result.output
    jsonl = CliRunner().invoke(app, ["reconcile", str(targets), str(review), "--format", "jsonl"])
    kinds = [json.loads(line)["kind"] for line in jsonl.output.splitlines()]
    assert kinds.count("term") == 4


def test_follow_table_and_jsonl(tmp_path: Path) -> None:
    from tests.reconcile.test_trajectory import TERM_REPORT

    term = tmp_path / "2023.txt"
    term.write_text(TERM_REPORT, "utf-8")
    later = []
    for year, figure in ((2023, "2.6%"), (2024, "2.8%"), (2025, "3.1%")):
        path = tmp_path / f"{year + 1}.txt"
        path.write_text(
            f"一、{year}年工作回顾\n过去一年，全社会研发投入强度达到{figure}。\n"
            f"二、{year + 1}年主要目标任务\n{year + 1}年主要预期目标是：城镇新增就业70万人以上。\n",
            "utf-8",
        )
        later.append(str(path))
    table = CliRunner().invoke(app, ["follow", str(term), *later])
    assert table.exit_code == 0, table.output
    assert "2.8% in 2024 (year 2 of 2023-2025), toward 3% by 2025" in table.output
    jsonl = CliRunner().invoke(app, ["follow", str(term), *later, "--format", "jsonl"])
    rows = {r["target"]["indicator"]: r for r in map(json.loads, jsonl.output.splitlines())}
    assert rows["全社会研发投入强度"]["verdict"] == "met"
    assert [p["year"] for p in rows["全社会研发投入强度"]["points"]] == [2023, 2024, 2025]
    assert rows["地区生产总值"]["verdict"] is None


def test_follow_needs_a_later_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["follow", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "Missing argument 'LATER_REPORTS...'" in result.output


def test_reconcile_a_year_without_targets_says_which_years_there_are(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["reconcile", *_files(tmp_path), "--year", "2030"])
    assert result.exit_code == 2
    assert "has no target for 2030" in result.output
    assert "its targets are for 2024" in result.output
