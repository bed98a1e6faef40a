"""What start-up would rebuild in every process, built once per installation.

The reader's and the extractor's rules are some 150 regular expressions, many with classes of
Chinese characters (``[一-龥]``), and two TOML files of words. ``re`` builds each class's table
in Python and ``tomllib`` parses in Python: together over 100 ms of every ``luoshi read`` and
``luoshi extract``, for a result that only changes when the rules do.

``pattern`` does what ``re.compile`` does, and ``toml`` what ``tomllib.loads`` does, but each
keeps its result in a cache file beside luoshi's bytecode: for a pattern, the compiled program
(the list of SRE codes ``re`` hands to its C engine), from which the next process builds the
pattern object directly; for a TOML text, the parsed tables. Entries are keyed by the pattern's
text and flags, or by the whole TOML text, so an edited rule is built afresh.

The cache is a ``marshal`` file named after the interpreter and its regular-expression engine
(``compiled.cpython-311-sre20220615.marshal`` in ``luoshi/__pycache__``), so another Python
never reads it. The engine checks every program it is given; a cache that cannot be read, or an
entry it refuses, is ignored and the thing built as without the cache. Like bytecode, the file
is written at exit when something was added, the folder is writable and
``sys.dont_write_bytecode`` is not set (``PYTHONDONTWRITEBYTECODE``); ``python -m
luoshi.compiled`` writes it in any case, as ``compileall`` writes bytecode (``make bytecode``
runs both). Without it luoshi is as correct, only slower to start.
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

# re's compiler and its C engine: private modules, so used only through this file.
_sre: Any = importlib.import_module("_sre")
_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")

CACHE_FILE = f"compiled.{sys.implementation.cache_tag}-sre{_sre.MAGIC}.marshal"
# A cache that grew past this many entries (rules edited many times) is started afresh.
MAX_ENTRIES = 2000

# _sre.compile's arguments after the pattern: flags, code, groups, groupindex, indexgroup.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Cache:
    """The cache file's two tables, loaded on first use and written at exit if they grew."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.loaded = False
        self.programs: dict[tuple[str, int], Program] = {}
        self.tables: dict[str, dict[str, Any]] = {}
        self.changed = False

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        if self.path is None:
            return
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(data, dict):
            programs, tables = data.get("programs"), data.get("tables")
            self.programs = programs if isinstance(programs, dict) else {}
            self.tables = tables if isinstance(tables, dict) else {}

    def add(self) -> None:
        if len(self.programs) + len(self.tables) >= MAX_ENTRIES:
            self.programs.clear()
            self.tables.clear()
        self.changed = True

    def save(self, *, always: bool = False) -> None:
        if not self.changed or self.path is None or (sys.dont_write_bytecode and not always):
            return
        import tempfile  # only when writing: it loads shutil, random, bz2 and lzma

        data = {"programs": self.programs, "tables": self.tables}
        try:
            self.path.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    marshal.dump(data, stream)
                os.chmod(temporary, 0o644)  # readable by all, as bytecode is
                os.replace(temporary, self.path)  # atomic: a reader sees the old or the new file
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):  # a read-only installation: built in each process instead
            return
        self.changed = False


_cache = _Cache(Path(__file__).resolve().parent / "__pycache__" / CACHE_FILE)
atexit.register(lambda: _cache.save())


def pattern(text: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(text, flags)``, from the cached program when there is one."""
    _cache.load()
    key = (text, int(flags))
    program = _cache.programs.get(key)
    if program is not None:
        try:
            return _build(text, program)
        except (RuntimeError, TypeError, ValueError):  # refused by the engine: compile afresh
            pass
    try:
        program = _program(text, int(flags))
        compiled = _build(text, program)
    except Exception:
        return re.compile(text, flags)
    _cache.add()
    _cache.programs[key] = program
    return compiled


def toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the cached tables when there are some (a fresh copy)."""
    _cache.load()
    cached = _cache.tables.get(text)
    if isinstance(cached, dict):
        copy: dict[str, Any] = marshal.loads(marshal.dumps(cached))  # callers may change theirs
        return copy
    import tomllib  # only when the cache lacks the text

    tables = tomllib.loads(text)
    try:
        marshal.dumps(tables)
    except ValueError:  # dates and times: not marshallable, parsed each time
        return tables
    _cache.add()
    _cache.tables[text] = tables
    return marshal.loads(marshal.dumps(tables))  # type: ignore[no-any-return]


def _program(text: str, flags: int) -> Program:
    """What ``re._compiler.compile`` computes for ``text`` before handing it to the engine."""
    parsed = _parser.parse(text, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        [int(op) for op in code],  # named opcodes are ints to the engine
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _build(text: str, program: Program) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    compiled: re.Pattern[str] = _sre.compile(text, flags, code, groups, groupindex, indexgroup)
    return compiled


def write_cache() -> Path | None:
    """Build every pattern and table the reader and the extractor use, and write the cache.

    Every module of ``luoshi.reading`` and ``luoshi.extraction`` is imported (their patterns
    are built at import), and every table they build on first use (a cached function without
    parameters) is built.
    """
    import functools
    import inspect
    import pkgutil

    for package in ("luoshi.reading", "luoshi.extraction"):
        path = importlib.import_module(package).__path__
        for info in pkgutil.iter_modules(path, package + "."):
            if info.ispkg:
                continue  # luoshi.extraction.learned: the experimental model, not used by extract
            module = importlib.import_module(info.name)
            for value in list(vars(module).values()):
                wrapped = getattr(value, "__wrapped__", None)
                if (
                    isinstance(value, functools._lru_cache_wrapper)
                    and getattr(value, "__module__", None) == info.name
                    and wrapped is not None
                    and not inspect.signature(wrapped).parameters
                ):
                    value()
    _cache.load()
    _cache.changed = True
    _cache.save(always=True)
    return _cache.path if _cache.path is not None and _cache.path.exists() else None


if __name__ == "__main__":
    from luoshi.compiled import write_cache as write  # the module the rules use, not __main__

    written = write()
    print(f"start-up cache: {written}" if written else "start-up cache: folder not writable")
