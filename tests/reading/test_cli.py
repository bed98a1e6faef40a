"""``luoshi read`` as a user sees it: a metadata table and an outline tree, or JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from luoshi.cli import app
from tests.conftest import WUWEI
from tests.reading.conftest import FIXTURES


def test_read_shows_metadata_and_the_outline_with_offsets() -> None:
    result = CliRunner().invoke(app, ["read", str(WUWEI)])
    assert result.exit_code == 0
    assert f"{WUWEI}: txt (utf-8), 17596 characters" in result.output
    for shown in ("索引号", "11622300013930944B/2021-06808", "武威市代市长", "计划年度", "2022"):
        assert shown in result.output
    assert "过去五年和2021年工作回顾  part 319–7713" in result.output
    assert "│   ├── ——综合经济实力大幅提升  section 659–955" in result.output


def test_read_json_is_the_whole_document() -> None:
    result = CliRunner().invoke(app, ["read", "--json", str(FIXTURES / "hanweb-table.html")])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["format"] == "html"
    assert data["metadata"]["issued"] == "2023-01-20"
    assert data["metadata"]["credit_code_valid"] is True
    assert [node["title"] for node in data["outline"]] == [
        "一、2022年工作回顾",
        "二、2023年重点工作",
    ]
    assert data["text"].startswith("2023年古浪县政府工作报告\n")
