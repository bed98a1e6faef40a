"""Inputs of a run: files, folders, globs and manifests, each file once, in path order."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.corpus.inputs import Source, resolve_inputs
from luoshi.errors import BatchError


def test_a_folder_gives_its_report_files_recursively_in_path_order(small_corpus: Path):
    paths = [Path(source.path).name for source in resolve_inputs([str(small_corpus)])]
    assert paths == [
        "broken.pdf", "empty.txt", "wuwei-2022.txt", "national-2022.txt",
        "qinghai-2025.docx", "qinghai-2025.txt",
    ]  # fmt: skip
    # sorted by the whole path: corpus/broken.pdf < corpus/empty.txt < corpus/gansu/… < corpus/n…


def test_globs_and_files_name_each_file_once(small_corpus: Path):
    sources = resolve_inputs(
        [str(small_corpus / "*.txt"), str(small_corpus / "empty.txt"), str(small_corpus / "**")]
    )
    paths = [source.path for source in sources]
    assert len(paths) == len(set(paths)) == 6


def test_a_manifest_gives_paths_from_its_folder_with_government_and_year(small_corpus: Path):
    manifest = small_corpus / "manifest.csv"
    manifest.write_text(
        "path,government,year\ngansu/wuwei-2022.txt,武威市,2022\nnational-2022.txt,,\n", "utf-8"
    )
    assert resolve_inputs([str(manifest)]) == [
        Source(str(small_corpus / "gansu" / "wuwei-2022.txt"), "武威市", 2022),
        Source(str(small_corpus / "national-2022.txt"), None, None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,year\na.txt,2022\n", "needs a header with a 'path' column"),
        ("path,year\na.txt,二〇二二\n", "line 2: year '二〇二二' is not a year like 2025"),
        ('path\n\n" "\n', "line 3: the path is empty"),
        ("", "needs a header with a 'path' column"),
    ],
    ids=["no path column", "bad year", "empty path", "empty file"],
)
def test_a_bad_manifest_is_refused_with_what_is_wrong(tmp_path: Path, content: str, message: str):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(content, "utf-8")
    with pytest.raises(BatchError, match=message):
        resolve_inputs([str(manifest)])


def test_a_missing_input_or_an_empty_glob_is_refused(tmp_path: Path):
    with pytest.raises(BatchError, match="no such file, folder or pattern"):
        resolve_inputs([str(tmp_path / "nowhere.txt")])
    with pytest.raises(BatchError, match="the pattern matches no file"):
        resolve_inputs([str(tmp_path / "*.docx")])
