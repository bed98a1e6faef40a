"""docs/corpus.md's examples run on a run of the shared corpus and print what the page shows.

``LUOSHI_UPDATE_DOCS=1 pytest tests/corpus/test_docs.py`` writes the printed output into
the page instead (after a change of the extractor moves the numbers; read the diff).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from luoshi.corpus import run_batch
from tests.conftest import CORPUS, REPO

PAGE = REPO / "docs" / "corpus.md"
EXAMPLE = re.compile(r"```python\n(?P<code>.*?)```\n\n```text\n(?P<output>.*?)```", re.S)


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    run_batch([str(CORPUS)], folder / "run", workers=0)
    return folder


def test_the_examples_print_what_the_page_shows(run_folder: Path):
    page = PAGE.read_text("utf-8")
    examples = list(EXAMPLE.finditer(page))
    assert len(examples) == 6
    namespace: dict[str, object] = {}
    printed = []
    cwd = os.getcwd()
    os.chdir(run_folder)  # the examples read run/ from where they stand
    try:
        for example in examples:
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                exec(compile(example["code"], str(PAGE), "exec"), namespace)
            printed.append(output.getvalue())
    finally:
        os.chdir(cwd)
    if os.environ.get("LUOSHI_UPDATE_DOCS") == "1":
        for example, output in reversed(list(zip(examples, printed, strict=True))):
            page = page[: example.start("output")] + output + page[example.end("output") :]
        PAGE.write_text(page, "utf-8")
        return
    for example, output in zip(examples, printed, strict=True):
        assert output == example["output"], example["code"]
