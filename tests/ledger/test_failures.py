"""A bad setting, database, output path or value is one line and exit 2, never a traceback,
and the ledger lives in one data directory whatever the working directory (issue 13)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from luoshi.cli import app
from luoshi.config import get_settings

from .conftest import POSTGRES_URL, Run
from .test_cli import setup_ledger


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No LUOSHI_* setting but a data directory of the test's own."""
    for name in list(os.environ):
        if name.startswith("LUOSHI_") and name != "LUOSHI_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def one_line_error(result: Result, words: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.output.startswith("luoshi: error: ") and result.output.count("\n") == 1
    assert words in result.output, result.output
    assert "Traceback" not in result.output


def invoke(monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> Result:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return CliRunner().invoke(app, list(args))


@pytest.mark.usefixtures("bare")
@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"LUOSHI_DATABASE_URL": "nonsense://x"}, "cannot be used"),
        ({"LUOSHI_DATABASE_URL": "sqlite:////nowhere/at/all/l.db"}, "does not exist"),
        ({"LUOSHI_DATABASE_URL": "postgresql+psycopg://u:secret@127.0.0.1:1/x"}, "cannot open"),
        ({"LUOSHI_STATUS_TOLERANCE": "abc"}, "LUOSHI_STATUS_TOLERANCE"),
        ({"LUOSHI_MAX_INPUT_BYTES": "-5"}, "LUOSHI_MAX_INPUT_BYTES"),
        ({"LUOSHI_LOG_LEVEL": "LOUD"}, "LUOSHI_LOG_LEVEL"),
    ],
    ids=["bad-url", "no-folder", "server-down", "tolerance", "max-bytes", "log-level"],
)
def test_bad_settings_and_databases(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], words: str
) -> None:
    result = invoke(monkeypatch, "ledger", **env)
    one_line_error(result, words)
    assert "secret" not in result.output


@pytest.mark.skipif(not POSTGRES_URL, reason="LUOSHI_TEST_POSTGRES_URL is unset")
@pytest.mark.usefixtures("bare")
def test_a_missing_postgres_database(monkeypatch: pytest.MonkeyPatch) -> None:
    assert POSTGRES_URL
    missing = POSTGRES_URL.rsplit("/", 1)[0] + "/luoshi_no_such_database"
    one_line_error(
        invoke(monkeypatch, "db", "upgrade", LUOSHI_DATABASE_URL=missing), "does not exist"
    )


@pytest.mark.usefixtures("bare")
def test_one_data_directory_whatever_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert invoke(monkeypatch, "db", "upgrade").exit_code == 0
    assert invoke(monkeypatch, "user", "add", "boss", "--role", "admin").exit_code == 0
    monkeypatch.chdir(tmp_path)
    # Run from another folder: the same ledger, and nothing lands in the working directory.
    assert "boss" in invoke(monkeypatch, "user", "list", "--user", "boss").output
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "luoshi.db").exists()
    info = invoke(monkeypatch, "info").output
    data = tmp_path / "data"
    assert f"data directory: {data}" in info and f"evidence:       {data / 'evidence'}" in info
    assert f"sqlite:///{data / 'luoshi.db'}" in info and "ready" in info
    # A relative database file or evidence folder is read from the data directory too.
    settings = invoke(monkeypatch, "info", LUOSHI_DATABASE_URL="sqlite:///other.db").output
    assert f"sqlite:///{data / 'other.db'}" in settings


def test_output_and_values_that_do_not_fit(run: Run, wuwei_path: Path, tmp_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    missing = tmp_path / "no" / "such" / "folder"
    for args in (
        ("excel", "export", "1", str(missing / "分工表.xlsx"), "--user", "boss"),
        ("excel", "export", "1", str(tmp_path), "--user", "boss"),
        ("backup", str(missing / "ledger.jsonl"), "--user", "boss"),
    ):
        one_line_error(run(*args, code=2), str(tmp_path))
    long_name = "局" * 150
    one_line_error(
        run("user", "add", long_name, "--role", "admin", "--user", "boss", code=2), "at most 100"
    )
    one_line_error(
        run("gov", "dept", "武威市", "局" * 201, "--user", "boss", code=2), "at most 200"
    )


def test_a_pipe_or_device_is_refused_not_waited_on(tmp_path: Path) -> None:
    import luoshi
    from luoshi.errors import ReadError

    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(ReadError, match="not a regular file"):
            luoshi.read(path)


def test_evidence_over_the_limit_or_not_a_file(
    run: Run, wuwei_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_ledger(run, wuwei_path)
    run("review", "1", "--confirm", "--version", "1", "--user", "boss")
    run("assign", "1", "--lead", "市人社局", "--starts", "2022-01-01", "--user", "boss")
    monkeypatch.setenv("LUOSHI_MAX_EVIDENCE_BYTES", "10")
    get_settings.cache_clear()
    big = tmp_path / "台账.pdf"
    big.write_bytes(b"%PDF-1.4 " + b"x" * 20)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for evidence, words in ((big, "over the limit"), (fifo, "not a regular file")):
        filed = run("report", "file", "1", "--as-of", "2022-01-31", "--evidence", str(evidence),
                    "--user", "hr", code=2)  # fmt: skip
        one_line_error(filed, words)
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").rglob("*"))
