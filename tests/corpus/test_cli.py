"""``luoshi batch`` through its runner, and what the other commands do not pay for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from luoshi.cli import app
from luoshi.corpus.runner import DEFAULT_CHUNK_SIZE
from tests.conftest import REPO, WUWEI


def test_batch_prints_a_summary_with_each_failure(small_corpus: Path, tmp_path: Path):
    result = CliRunner().invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "run"), "--workers", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "6 reports in" in result.output and "reports/s" in result.output
    assert "3 ok, 2 failed, 1 duplicate" in result.output
    assert f"failed: {small_corpus / 'empty.txt'}: file is empty" in result.output
    again = CliRunner().invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "run"), "--workers", "0"]
    )
    assert "0 reports in" in again.output and "6 done before" in again.output


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "run")]
    )
    assert result.exit_code == 2
    assert result.output.strip().endswith("missing: no such file, folder or pattern")
    assert not (tmp_path / "run").exists()


LOADED = (
    "import sys; from click.testing import CliRunner; from luoshi.cli import app; "
    "result = CliRunner().invoke(app, sys.argv[1:]); assert result.exit_code == 0, result.output; "
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyarrow', 'dask', 'distributed'}))"
)


def test_reading_and_extracting_do_not_import_pyarrow_or_dask():
    for command in (["read", str(WUWEI)], ["extract", str(WUWEI), "--format", "jsonl"]):
        loaded = subprocess.run(
            [sys.executable, "-c", LOADED, *command],
            capture_output=True, text=True, check=True, cwd=REPO,
        ).stdout  # fmt: skip
        assert loaded.strip() == "[]", command


def test_the_commands_chunk_size_is_the_runners():
    batch = app.get_command(click.Context(app), "batch")  # commands load on use
    assert batch is not None
    option = next(p for p in batch.params if p.name == "chunk_size")
    assert option.default == DEFAULT_CHUNK_SIZE
