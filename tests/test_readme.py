"""The README's examples run as written: its Python block, and every command it names exists."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex

import pytest
from click.testing import CliRunner

from luoshi.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def test_python_example_runs_and_prints_what_its_comments_say():
    block, *others = re.findall(r"```python\n(.*?)```", README, re.S)
    output = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)  # the example's path is relative to the repository
    try:
        with contextlib.redirect_stdout(output):
            exec(compile(block, "README.md", "exec"), {})
        for other in others:  # the later examples (the 成绩单 …) run too, printing nothing
            exec(compile(other, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    first, second, *_ = output.getvalue().splitlines()
    assert first == "1.5 万人 15000.0 2022"
    assert second.startswith("number; indicator:")


COMMANDS = sorted(
    {
        tuple(
            word
            for word in shlex.split(line.split("#")[0])[1:3]
            if not word.startswith("-") and not word.isupper() and word.isascii()
        )
        for line in re.findall(r"^\.venv/bin/luoshi .*$", README, re.M)
    }
)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_in_the_readme_exists(command):
    words = [w for w in command if not w.isdigit() and "." not in w]
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output
