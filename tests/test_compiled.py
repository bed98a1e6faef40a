"""The start-up cache (luoshi.compiled): the same patterns and tables, built once an install."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from luoshi import compiled
from tests.conftest import WUWEI

PATTERNS = [
    (r"(?P<value>[0-9]+(?:\.[0-9]+)?)(?P<unit>万?亿?元)", 0),
    (r"[一-龥]{2,8}(?:增长|下降)", 0),
    (r"^\s*(?P<number>[一二三四五六七八九十]+)、", re.MULTILINE),
    (r"""(?<![较比]) (到|至)? ([0-9０-９]{4}) 年  # a year""", re.VERBOSE),
    (r"[^，,；;]{0,6}$", 0),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> compiled._Cache:
    fresh = compiled._Cache(tmp_path / "cache.marshal")
    monkeypatch.setattr(compiled, "_cache", fresh)
    return fresh


@pytest.mark.parametrize(("text", "flags"), PATTERNS)
def test_a_cached_pattern_is_the_one_re_compiles(
    cache: compiled._Cache, text: str, flags: int
) -> None:
    first = compiled.pattern(text, flags)
    cache.save(always=True)
    reloaded = compiled._Cache(cache.path)
    reloaded.load()
    assert (text, flags) in reloaded.programs
    again = compiled._build(text, reloaded.programs[(text, flags)])
    # Pattern equality compares the text, the flags and the engine's program.
    assert first == again == re.compile(text, flags)
    assert again.groupindex == re.compile(text, flags).groupindex


def test_every_rule_of_the_reader_and_extractor_compiles_as_re_does() -> None:
    compiled.write_cache()
    compiled._cache.load()
    assert len(compiled._cache.programs) > 100
    for (text, flags), program in compiled._cache.programs.items():
        assert compiled._build(text, program) == re.compile(text, flags), text


def test_a_bad_pattern_raises_what_re_raises(cache: compiled._Cache) -> None:
    with pytest.raises(re.error, match="missing \\)"):
        compiled.pattern("(unclosed")
    assert not cache.programs


def test_a_damaged_cache_file_is_ignored(cache: compiled._Cache) -> None:
    assert cache.path is not None
    cache.path.write_bytes(b"\x00not marshal at all")
    assert compiled.pattern("增长[0-9]+%").search("增长5%")
    assert cache.changed


def test_a_program_the_engine_refuses_is_compiled_afresh(cache: compiled._Cache) -> None:
    text = "新增就业([0-9.]+)万人"
    cache.load()
    cache.programs[(text, 0)] = (32, [99999, 1, 2], 0, {}, (None,))  # not an SRE program
    pattern = compiled.pattern(text)
    assert pattern == re.compile(text)
    assert pattern.search("新增就业1.5万人")
    assert cache.programs[(text, 0)][1] != [99999, 1, 2]


def test_toml_tables_are_tomllibs_and_each_caller_gets_its_own_copy(
    cache: compiled._Cache,
) -> None:
    text = 'magnitudes = { "万" = "10000" }\n[[unit]]\nunit = "亿元"\nfactor = "1e8"\n'
    first = compiled.toml(text)
    assert first == tomllib.loads(text)
    first["unit"].clear()
    assert compiled.toml(text) == tomllib.loads(text)
    cache.save(always=True)
    assert cache.path is not None
    assert marshal.loads(cache.path.read_bytes())["tables"][text] == tomllib.loads(text)


def test_toml_with_dates_is_parsed_each_time(cache: compiled._Cache) -> None:
    text = "published = 2025-01-20\n"
    assert compiled.toml(text) == tomllib.loads(text)
    assert not cache.tables


def test_nothing_is_written_when_bytecode_is_not(
    cache: compiled._Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compiled.pattern("到(20[0-9]{2})年")
    cache.save()
    assert cache.path is not None
    assert not cache.path.exists()
    cache.save(always=True)  # python -m luoshi.compiled, like compileall
    assert cache.path.exists()


def test_an_unwritable_folder_leaves_luoshi_working(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    cache = compiled._Cache(blocked / "cache.marshal")
    cache.changed = True
    cache.save(always=True)  # no exception
    assert cache.changed


def test_with_the_cache_written_reading_and_extracting_compile_no_rule(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "luoshi.compiled"], check=True, capture_output=True)
    probe = (
        "import luoshi.compiled as c\n"
        "built = []\n"
        "program = c._program\n"
        "c._program = lambda text, flags: built.append(text) or program(text, flags)\n"
        "import luoshi\n"
        f"figures = luoshi.extract(luoshi.read({str(WUWEI)!r}))\n"
        "assert len(figures) > 100, len(figures)\n"
        "assert c._cache.programs and c._cache.tables\n"
        "assert not built and not c._cache.changed, built\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("LUOSHI_")}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
