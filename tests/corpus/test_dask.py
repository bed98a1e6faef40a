"""The same run on local Dask workers and on an existing cluster gives the same rows."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from luoshi.cli import app
from luoshi.corpus import run_batch
from tests.corpus.test_batch import part_bytes


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as started:
        yield started


def test_local_workers_and_a_cluster_give_the_rows_of_a_run_in_process(
    small_corpus: Path, tmp_path: Path, cluster: LocalCluster
):
    run_batch([str(small_corpus)], tmp_path / "here", workers=0, chunk_size=2)
    runner = CliRunner()
    local = runner.invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "local"), "--workers", "2",
              "--chunk-size", "2"],
    )  # fmt: skip
    assert local.exit_code == 0, local.output
    remote = runner.invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "remote"),
              "--scheduler", cluster.scheduler_address, "--chunk-size", "2"],
    )  # fmt: skip
    assert remote.exit_code == 0, remote.output
    assert "3 ok, 2 failed, 1 duplicate" in remote.output
    expected = part_bytes(tmp_path / "here")
    assert len(expected) == 6
    assert part_bytes(tmp_path / "local") == expected
    assert part_bytes(tmp_path / "remote") == expected


def test_an_unreachable_scheduler_is_one_line_and_exit_2(small_corpus: Path, tmp_path: Path):
    result = CliRunner().invoke(
        app, ["batch", str(small_corpus), "--out", str(tmp_path / "run"),
              "--scheduler", "tcp://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
