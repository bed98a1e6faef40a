"""Start-up: reading and extracting a report load neither the ledger's stack nor pydantic-settings.

Each check runs in a fresh interpreter (this test process has imported everything) and lists
``sys.modules`` at exit. Settings are still validated whenever one is given.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import luoshi
from luoshi.cli import COMMAND_MODULES, app
from luoshi.config import Settings, get_settings
from luoshi.errors import ReadError, SettingsError
from luoshi.startup import DEFAULTS, StartSettings, start_settings
from tests.conftest import WUWEI

# What the ledger needs and reading a report does not (pydantic-settings: the settings machinery).
LEDGER_STACK = ("sqlalchemy", "alembic", "openpyxl", "pydantic_settings", "pydantic", "psycopg")

REPORT = str(WUWEI)


def modules_after(code: str, cwd: Path) -> set[str]:
    """The top-level packages imported by ``code`` in a fresh interpreter, no setting given."""
    return {name.split(".")[0] for name in all_modules_after(code, cwd)}


def all_modules_after(code: str, cwd: Path) -> set[str]:
    """Every module imported by ``code`` in a fresh interpreter, no setting given."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("LUOSHI_")}
    probe = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        "'\\nMODULES ' + json.dumps(sorted(sys.modules))))\n" + code
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True
    )
    tail = result.stderr.rpartition("\nMODULES ")[2]
    assert result.stderr.count("\nMODULES ") == 1, result.stderr
    return set(json.loads(tail))


def cli(*argv: str) -> str:
    return (
        f"import sys\nfrom luoshi.cli import main\nsys.argv = ['luoshi', *{list(argv)!r}]\nmain()\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("import luoshi", id="import luoshi"),
        pytest.param(f"import luoshi\nluoshi.extract(luoshi.read({REPORT!r}))", id="library"),
        pytest.param(cli("--version"), id="luoshi --version"),
        pytest.param(cli("read", REPORT), id="luoshi read"),
        pytest.param(cli("read", REPORT, "--json"), id="luoshi read --json"),
        pytest.param(cli("extract", REPORT, "--format", "jsonl"), id="luoshi extract jsonl"),
        pytest.param(cli("extract", REPORT), id="luoshi extract table"),
    ],
)
def test_reading_and_extracting_leave_the_ledger_stack_unloaded(code: str, tmp_path: Path) -> None:
    loaded = modules_after(code, tmp_path)
    assert "luoshi" in loaded
    assert loaded.isdisjoint(LEDGER_STACK), sorted(loaded & set(LEDGER_STACK))


# What a command for a plain-text report does not need: the extractor's rules for ``read``, the
# other formats' readers, rich's tables for a listing of figures, the parsers the start-up cache
# (luoshi.compiled) stands in for.
NOT_NEEDED = {
    "luoshi read": (
        cli("read", REPORT),
        {"luoshi.extraction.extractor", "lxml", "docx", "pypdf", "zipfile", "tomllib"},
    ),
    "luoshi read --json": (
        cli("read", REPORT, "--json"),
        {"luoshi.extraction.extractor", "lxml", "docx", "pypdf", "zipfile", "rich", "tomllib"},
    ),
    "luoshi extract": (
        cli("extract", REPORT),
        {"lxml", "docx", "pypdf", "zipfile", "rich", "tomllib", "tempfile"},
    ),
    "luoshi extract jsonl": (
        cli("extract", REPORT, "--format", "jsonl"),
        {"lxml", "docx", "pypdf", "zipfile", "rich", "tomllib", "tempfile"},
    ),
}


@pytest.mark.parametrize("command", NOT_NEEDED)
def test_a_text_report_loads_only_what_the_command_needs(command: str, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "luoshi.compiled"], check=True, capture_output=True)
    code, unneeded = NOT_NEEDED[command]
    loaded = all_modules_after(code, tmp_path)
    assert "luoshi.reading.reader" in loaded
    assert not loaded & unneeded, sorted(loaded & unneeded)


def test_the_probe_sees_the_ledger_stack_when_it_is_loaded(tmp_path: Path) -> None:
    loaded = modules_after(cli("excel", "--help"), tmp_path)  # the 分工表 needs all three
    assert {"sqlalchemy", "alembic", "openpyxl"} <= loaded


def test_import_luoshi_loads_neither_reader_nor_extractor(tmp_path: Path) -> None:
    code = "import sys, luoshi\nassert 'luoshi.extraction' not in sys.modules\n"
    code += "assert 'luoshi.reading' not in sys.modules\nluoshi.read\n"
    code += "assert 'luoshi.reading' in sys.modules, 'luoshi.read is loaded on use'\n"
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("LUOSHI_")}
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True)


def test_lazy_names_are_the_real_ones() -> None:
    from luoshi.extraction import extract
    from luoshi.extraction.figure import Figure
    from luoshi.reading import read
    from luoshi.reading.document import Document

    assert (luoshi.read, luoshi.extract, luoshi.Figure, luoshi.Document) == (
        read,
        extract,
        Figure,
        Document,
    )
    assert set(luoshi.__all__) <= set(dir(luoshi))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        luoshi.nope  # noqa: B018


def test_every_command_is_loaded_from_the_module_the_table_names() -> None:
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(module)
    assert set(app.commands) == set(COMMAND_MODULES)
    for name, command in app.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == COMMAND_MODULES[name], name


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line}
    assert listed == set(COMMAND_MODULES)


def test_version_is_the_installed_distribution() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.output == f"luoshi, version {importlib.metadata.version('luoshi')}\n"
    assert luoshi.__version__ == importlib.metadata.version("luoshi")


# Settings: the start-up defaults are the declared ones, and a given setting is validated.


@pytest.fixture
def no_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    for name in list(os.environ):
        if name.upper().startswith("LUOSHI_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_start_defaults_are_the_declared_defaults(no_settings: Path) -> None:
    declared = Settings()
    for name in StartSettings.__dataclass_fields__:
        assert getattr(DEFAULTS, name) == getattr(declared, name), name
        assert Settings.model_fields[name].default == getattr(DEFAULTS, name), name
    assert start_settings() is DEFAULTS


def test_a_given_setting_is_read(no_settings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("luoshi_log_level", "DEBUG")  # any case, as pydantic-settings reads it
    assert start_settings().log_level == "DEBUG"


def test_a_given_setting_is_validated(no_settings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_INPUT_BYTES", "0")
    with pytest.raises(SettingsError, match="LUOSHI_MAX_INPUT_BYTES"):
        luoshi.read("2022年新增就业1.5万人。".encode())


def test_a_dotenv_file_is_read_and_validated(no_settings: Path) -> None:
    (no_settings / ".env").write_text("LUOSHI_MAX_INPUT_BYTES=10\n", encoding="utf-8")
    with pytest.raises(ReadError, match="over the limit of 10 bytes"):
        luoshi.read("2022年新增就业1.5万人。".encode())
    get_settings.cache_clear()
    (no_settings / ".env").write_text("LUOSHI_MAX_DOCX_UNPACKED_BYTES=-1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="LUOSHI_MAX_DOCX_UNPACKED_BYTES"):
        start_settings()


def test_command_modules_are_small_and_by_subject() -> None:
    """The ledger's commands are split by subject (ledger_cmd.py held 670 lines)."""
    folder = Path(luoshi.__file__).parent / "cli"
    sizes = {path.name: len(path.read_text().splitlines()) for path in folder.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
    assert len({module for module in COMMAND_MODULES.values() if "ledger" in module}) == 1
