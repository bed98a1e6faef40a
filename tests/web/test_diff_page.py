"""The portal's version diff (two published reports, target by target) and the 成绩单's links."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from lxml import html

from .test_pages import page, text


def _council(client: TestClient) -> tuple[int, int]:
    home = client.get("/index.json").json()
    council = next(g for g in home["governments"] if g["name"] == "国务院")
    first, second = sorted(council["reports"], key=lambda r: r["plan_year"])
    return first["id"], second["id"]


def test_diff_pairs_the_state_councils_2022_and_2023_targets(client: TestClient) -> None:
    earlier, later = _council(client)
    diff = client.get(f"/reports/{later}/diff.json").json()
    assert diff["against"]["id"] == earlier  # the year before, by default
    assert diff == client.get(f"/reports/{later}/diff.json?against={earlier}").json()
    jobs = next(r for r in diff["rows"] if r["indicator"] == "城镇新增就业")
    assert jobs["change"] == "changed" and {"value", "comparator"} <= set(jobs["what"])
    assert (
        jobs["before"]["written"] == "1100万人以上" and jobs["after"]["written"] == "1200万人左右"
    )
    assert jobs["reason"] == "城镇新增就业 1100万人以上 → 1200万人左右"
    assert sum(diff["counts"].values()) == len(diff["rows"])
    assert diff["counts"]["added"] == sum(r["before"] is None for r in diff["rows"])
    changes = [r["change"] for r in diff["rows"]]
    assert changes == sorted(changes, key=["changed", "added", "removed", "unchanged"].index)


def test_diff_page_quotes_both_sentences_with_links_to_their_paragraphs(client: TestClient) -> None:
    earlier, later = _council(client)
    root = page(client, f"/reports/{later}/diff")
    assert "城镇新增就业 1100万人以上 → 1200万人左右" in text(root)
    links = root.xpath("//table//a/@href")
    assert any(h.startswith(f"/reports/{earlier}#p") for h in links)
    assert any(h.startswith(f"/reports/{later}#p") for h in links)
    for href in links[:6]:  # every link lands on a paragraph the report page has
        path, fragment = href.split("#")
        assert html.fromstring(client.get(path).text).xpath(f"//*[@id='{fragment}']"), href


def test_a_report_with_nothing_before_it_says_so(client: TestClient) -> None:
    earlier, _ = _council(client)
    diff = client.get(f"/reports/{earlier}/diff.json").json()
    assert diff["against"] is None and diff["rows"] == []
    assert "尚无上一年公开的政府工作报告" in text(page(client, f"/reports/{earlier}/diff"))


def test_diff_against_another_governments_report_or_an_unknown_one_is_404(
    client: TestClient,
) -> None:
    _, later = _council(client)
    assert client.get(f"/reports/{later}/diff.json?against=1").status_code == 404  # 武威市
    assert client.get(f"/reports/{later}/diff.json?against={later}").status_code == 404
    assert client.get(f"/reports/{later}/diff.json?against=999").status_code == 404
    assert client.get(f"/reports/{later}/diff.json?against=0").status_code == 422


def test_scorecard_links_both_reports_counts_and_charts(client: TestClient) -> None:
    earlier, later = _council(client)
    card = client.get(f"/reports/{earlier}/scorecard.json").json()
    root = page(client, f"/reports/{earlier}/scorecard")
    links = root.xpath("//table//a/@href")
    assert any(h.startswith(f"/reports/{earlier}#p") for h in links)
    assert any(h.startswith(f"/reports/{later}#p") for h in links)
    for href in [h for h in links if "#" in h][:6]:
        path, fragment = href.split("#")
        assert html.fromstring(client.get(path).text).xpath(f"//*[@id='{fragment}']"), href
    chart: dict[str, Any] = json.loads(root.xpath("//script[@id='chart-data']")[0].text)
    bars = {item["code"]: item["count"] for item in chart["items"]}
    assert bars == {
        "完成": card["counts"]["met"],
        "未完成": card["counts"]["missed"],
        "存疑": card["counts"]["ambiguous"],
        "未报告": card["counts"]["not reported"],
    }
    assert root.xpath(f"//a[@href='/reports/{later}/diff?against={earlier}']")
