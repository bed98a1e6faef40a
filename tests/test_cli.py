from __future__ import annotations

from click.testing import CliRunner

from luoshi.cli import app


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["read", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.output.strip() == f"luoshi: error: {tmp_path / 'nope.txt'}: no such file"


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def test_text_table_aligns_chinese_by_display_width_and_keeps_rows_on_one_line():
    from luoshi.cli.output import cell_width, text_table

    lines = text_table(
        ("#", "指标", "单位"),
        [("1", "生产总值", "亿元"), ("2", "GDP\x1b[31m\nper", "%")],
    )
    assert lines[0].startswith("#  指标")
    assert set(lines[1]) == {"─", " "}
    assert len(lines) == 4  # header, rule, one line per row
    assert "\x1b" not in lines[3] and "GDP per" in lines[3]
    # the unit column starts at the same terminal column on every line
    columns = {
        cell_width(line[: line.index(unit)])
        for line, unit in zip(lines[2:], ("亿元", "%"), strict=True)
    }
    assert len(columns) == 1
    assert cell_width("生产总值") == 8 and cell_width("GDP") == 3
