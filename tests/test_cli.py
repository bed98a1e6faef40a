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
