"""The portal's pages as a reader gets them: rendered HTML parsed, and each page's JSON twin."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html
from openpyxl import load_workbook

from luoshi.ledger.status import STATUSES

from .conftest import DemoLedger


def page(client: TestClient, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def text(node: Any) -> str:
    return " ".join(node.text_content().split())


def first_target(client: TestClient, indicator: str) -> dict[str, Any]:
    report = client.get("/reports/1.json").json()
    marks = [p["mark"] for para in report["paragraphs"] for p in para["pieces"] if p["mark"]]
    return next(m for m in marks if m["kind"] == "target" and m["indicator"] == indicator)


def test_home_lists_the_government_its_report_and_counts_by_status(client: TestClient) -> None:
    root = page(client, "/")
    assert "武威市" in text(root)
    links = root.xpath("//a[@href='/reports/1']")
    assert links and "2022" in text(links[0])
    badges = [text(b) for b in root.xpath("//*[contains(@class, 'badge')]")]
    assert badges and all(b in STATUSES for b in badges)
    assert "演示数据" in text(root)  # the demo says so on every page


def test_report_page_has_the_disclosure_block_outline_and_marked_figures(
    client: TestClient,
) -> None:
    root = page(client, "/reports/1")
    meta = {text(th): text(th.getnext()) for th in root.xpath("//table[@class='meta']//th")}
    assert meta["索引号"] == "11622300013930944B/2021-06808"
    assert meta["发布机构"] == "市政府办"
    assert meta["成文日期"] == "2021-12-07"
    assert int(meta["浏览次数"]) >= 0
    toc = root.xpath("//nav[@class='toc']//a")
    assert toc and all(root.xpath(f"//*[@id='{a.get('href')[1:]}']") for a in toc)
    kinds = {span.get("class").split()[1] for span in root.xpath("//*[contains(@class,'fig ')]")}
    assert {"fig-target", "fig-actual", "fig-estimate"} <= kinds
    # Told apart by more than colour: each figure carries its kind in words.
    job = first_target(client, "城镇新增就业")
    link = root.xpath(f"//a[@data-figure='{job['id']}']")[0]
    assert link.get("href") == f"/commitments/{job['commitment_id']}"
    assert "目标" in text(link) and "城镇新增就业" in link.get("title")
    assert root.xpath("//img[@id='qr']")[0].get("src").startswith("data:image/svg+xml")


def test_every_figure_in_the_json_twin_quotes_the_text_at_its_span(client: TestClient) -> None:
    report = client.get("/reports/1.json").json()
    pieces = [p for para in report["paragraphs"] for p in para["pieces"]]
    marks = [p for p in pieces if p["mark"]]
    assert len(marks) == sum(report["figure_counts"].values())
    for paragraph in report["paragraphs"]:
        offset = paragraph["start"]
        for piece in paragraph["pieces"]:
            if piece["mark"]:
                assert piece["mark"]["start"] == offset
            offset += len(piece["text"])


def test_a_reader_is_counted_once_and_a_bot_not_at_all(demo_ledger: DemoLedger) -> None:
    from luoshi.web import create_app

    with TestClient(create_app(demo_ledger.settings())) as fresh:

        def views() -> int:
            return int(text(page(fresh, "/reports/1?print=1").xpath("//*[@id='views']")[0]))

        before = views()
        browser = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
        fresh.get("/reports/1", headers=browser)
        fresh.get("/reports/1", headers=browser)
        fresh.get("/reports/1", headers={"user-agent": "Baiduspider/2.0"})
        fresh.get("/reports/1", headers={"user-agent": "Mozilla/5.0 (Windows NT 10.0) Edge/120"})
        assert views() == before + 2


def test_ledger_filters_are_links_and_narrow_the_rows(client: TestClient) -> None:
    everything = client.get("/reports/1/ledger.json").json()
    assert len(everything["rows"]) == everything["report"]["commitments"] > 20
    code = everything["counts"][-1]["code"]
    root = page(client, f"/reports/1/ledger?status={code}")
    rows = root.xpath("//table[contains(@class,'ledger')]/tbody/tr")
    assert len(rows) == everything["counts"][-1]["count"]
    assert all(text(row.xpath("td")[4]) == code for row in rows)
    quick = root.xpath("//nav[@class='quick-filters']//a[@aria-current='true']")
    assert quick and text(quick[0]) == code
    department = everything["rows"][0]["lead"]
    narrowed = client.get("/reports/1/ledger.json", params={"department": department}).json()
    assert narrowed["filtered"] and {r["lead"] for r in narrowed["rows"]} == {department}
    assert 0 < len(narrowed["rows"]) < len(everything["rows"])


def test_an_unknown_filter_value_is_a_clear_422_page(client: TestClient) -> None:
    root = page(client, "/reports/1/ledger?status=很好", status=422)
    assert "status must be one of" in text(root)
    assert client.get("/reports/1/ledger.json?status=很好").json()["detail"]


@pytest.mark.parametrize(
    "query", ["type=%F2%95%B4%AB", "status=很好", "department=&type=定性", "against=0"]
)
def test_an_api_error_is_the_problem_the_schema_publishes(client: TestClient, query: str) -> None:
    # the service's refusals and FastAPI's own validation errors answer alike: {"detail": "…"}
    path = "/reports/1/diff.json" if query.startswith("against") else "/reports/1/ledger.json"
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 422
    assert set(answer.json()) == {"detail"} and isinstance(answer.json()["detail"], str)
    schema = client.get("/openapi.json").json()
    responses = schema["paths"][path.replace("/1/", "/{report_id}/")]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
    assert schema["components"]["schemas"]["Problem"]["properties"]["detail"]["type"] == "string"


def test_commitment_page_quotes_its_source_and_explains_its_status(client: TestClient) -> None:
    job = first_target(client, "城镇新增就业")
    root = page(client, f"/commitments/{job['commitment_id']}")
    data = client.get(f"/commitments/{job['commitment_id']}.json").json()
    assert "城镇新增就业" in text(root.xpath("//blockquote[@class='source']")[0])
    source_link = root.xpath("//a[text()='在报告全文中查看']")[0].get("href")
    assert source_link == f"/reports/1#{data['paragraph_anchor']}"
    assert data["status"] in STATUSES and data["explanation"] in text(root)
    assert data["progress"] and "演示数据" in data["progress"][0]["done"]
    assert [h["action"] for h in data["history"]][:2] == ["从报告中提取", "审核确认"]
    evidence = [e for entry in data["progress"] for e in entry["evidence"]]
    assert evidence
    download = client.get(f"/evidence/{evidence[0]['id']}")
    assert download.status_code == 200 and "演示数据" in download.content.decode()


def test_department_page_lists_its_commitments(client: TestClient) -> None:
    ledger = client.get("/reports/1/ledger.json").json()
    row = ledger["rows"][0]
    data = client.get(f"/departments/{row['lead_id']}.json").json()
    assert data["name"] == row["lead"]
    assert {r["lead"] for r in data["rows"]} == {row["lead"]}
    root = page(client, f"/departments/{row['lead_id']}")
    assert row["title"] in text(root)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("高标准农田", "高标准农田"), ("农田", "农田"), ("城镇新增就业", "城镇新增就业")],
)
def test_search_finds_commitments_and_sentences_highlighted(
    client: TestClient, query: str, expected: str
) -> None:
    root = page(client, f"/search?q={query}")
    marks = root.xpath("//ol[@class='hits']//mark")
    assert marks and all(text(m) == expected for m in marks)
    hits = client.get("/search.json", params={"q": query}).json()["hits"]
    assert any(h["commitment_id"] for h in hits) and any(h["commitment_id"] is None for h in hits)


def test_search_of_nothing_found_and_of_an_empty_query(client: TestClient) -> None:
    assert client.get("/search.json", params={"q": "量子纠缠"}).json()["hits"] == []
    assert "请输入" in text(page(client, "/search"))
    assert client.get("/search.json", params={"q": "字" * 101}).status_code == 422


def test_illustration_is_drawn_from_the_figures(client: TestClient) -> None:
    data = client.get("/reports/1/illustration.json").json()
    main = {(m["indicator"], m["value"]) for m in data["main_targets"]}
    assert ("地区生产总值", "7") in main or ("地区生产总值", 7) in main
    pair = next(p for p in data["pairs"] if p["indicator"] == "生产总值")
    assert (pair["before"], pair["after"]) in (("423.3", "526.4"), (423.3, 526.4))
    svg = client.get("/reports/1/illustration.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = html.fromstring(svg.content)
    assert "526.4" in root.text_content() and "423.3" in root.text_content()


def test_figure_exports_agree_with_each_other(client: TestClient) -> None:
    as_json = client.get("/reports/1/figures.json").json()
    as_csv = list(
        csv.DictReader(io.StringIO(client.get("/reports/1/figures.csv").text.lstrip("\ufeff")))
    )
    workbook = load_workbook(io.BytesIO(client.get("/reports/1/figures.xlsx").content))
    sheet = workbook["数字"]
    header, *rows = ([c.value for c in row] for row in sheet.iter_rows())
    assert len(as_json) == len(as_csv) == len(rows) > 200
    assert [r["figure_id"] for r in as_csv] == [str(r["figure_id"]) for r in as_json]
    assert header[0] == "figure_id" and "说明" in workbook.sheetnames
    targets = [r for r in as_csv if r["kind"] == "target"]
    assert targets and all(r["commitment_id"] for r in targets)


def test_ledger_exports_carry_every_row(client: TestClient) -> None:
    ledger = client.get("/reports/1/ledger.json").json()
    rows = list(
        csv.DictReader(io.StringIO(client.get("/reports/1/ledger.csv").text.lstrip("\ufeff")))
    )
    assert [int(r["commitment_id"]) for r in rows] == [r["id"] for r in ledger["rows"]]
    assert {r["status"] for r in rows} <= set(STATUSES)


def test_openapi_describes_every_json_twin_and_docs_load_locally(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for twin in (
        "/index.json",
        "/reports/{report_id}.json",
        "/reports/{report_id}/ledger.json",
        "/commitments/{commitment_id}.json",
        "/search.json",
    ):
        assert twin in paths
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_errors_are_pages_in_the_portal_style_never_tracebacks(client: TestClient) -> None:
    for path, status in (
        ("/reports/999", 404),
        ("/reports/abc", 422),
        ("/nowhere", 404),
        ("/commitments/999999", 404),
        ("/departments/999", 404),
    ):
        root = page(client, path, status)
        assert root.xpath("//header[@class='site']") and "Traceback" not in text(root)
    assert client.get("/reports/999.json").json() == {"detail": "no published report with id 999"}


def test_static_assets_are_served_with_a_content_hash_and_no_cdn(client: TestClient) -> None:
    root = page(client, "/reports/1/ledger")
    sources = [s.get("src") for s in root.xpath("//script[@src]")]
    assert any("echarts.min.js?v=" in s for s in sources)
    assert all(s.startswith("/static/") for s in sources)
    for source in sources:
        assert client.get(source).status_code == 200
    data = json.loads(root.xpath("//script[@id='chart-data']")[0].text)
    assert data["type"] == "ledger" and data["status"]


def test_font_size_choice_is_remembered(client: TestClient) -> None:
    response = client.get("/?font=l")
    assert "font=l" in response.headers["set-cookie"]
    assert "font-l" in html.fromstring(response.text).xpath("//body")[0].get("class")


def test_scorecard_judges_the_state_councils_2022_targets_by_its_2023_review(
    client: TestClient,
) -> None:
    home = client.get("/index.json").json()
    council = next(g for g in home["governments"] if g["name"] == "国务院")
    first = min(council["reports"], key=lambda r: r["plan_year"])
    card = client.get(f"/reports/{first['id']}/scorecard.json").json()
    assert card["year"] == 2022 and card["later"]["plan_year"] == 2023
    jobs = next(r for r in card["rows"] if r["indicator"] == "城镇新增就业")
    assert jobs["verdict"] == "met" and jobs["outcome"] == "1206万人"
    assert jobs["commitment_id"] is not None
    root = page(client, f"/reports/{first['id']}/scorecard")
    assert "1206万人 against 1100万人以上: met" in text(root)
    assert sum(card["counts"].values()) == len(card["rows"])
    # A report whose year is not yet reviewed says so, and judges nothing.
    wuwei = client.get("/reports/1/scorecard.json").json()
    assert wuwei["later"] is None and wuwei["rows"] == []
    assert "下一年的报告公开后" in text(page(client, "/reports/1/scorecard"))
