"""Where a corpus report's CPU goes, stage by stage, and the .docx reader against python-docx.

    .venv/bin/python benchmarks/read_stages.py [MANIFEST] [--reports 300]

For the first REPORTS reports of MANIFEST (default: the corpus ``benchmarks/corpus.py``
built last, in its default folder) prints the CPU ms per report of each stage of
``luoshi.corpus.work.process``: the bytes to text (per format), the analysis (paragraphs,
sentences, outline, metadata), extraction, and the table rows. Then, on the same .docx
files and the shared corpus's, the text by luoshi's reader (zipfile + lxml) beside the
text by python-docx (the reader it replaced: the baseline of the same run), and checks
that the two are equal. Run it with ``.venv-compiled/bin/python`` for the compiled wheel.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import luoshi
from luoshi.corpus.inputs import resolve_inputs
from luoshi.corpus.work import document_id, document_row, figure_batch
from luoshi.reading.docx import docx_text
from luoshi.reading.reader import _canonical_text, analyse

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
BUILT = Path(tempfile.gettempdir()) / "luoshi-bench-corpus"


def stages(paths: list[str]) -> None:
    cost: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    luoshi.extract(luoshi.read(paths[0]))  # imports and caches out of the timing
    for path in paths:
        format_ = path.rsplit(".", 1)[-1]
        started = time.process_time()
        with open(path, "rb") as stream:
            data = stream.read()
        text, read_as, encoding, page = _canonical_text(data, path, path)
        texted = time.process_time()
        document = analyse(text, read_as, source=path, encoding=encoding, page=page)
        analysed = time.process_time()
        figures = luoshi.extract(document)
        extracted = time.process_time()
        figure_batch(document_id(document), figures)
        document_row(document, figures)
        done = time.process_time()
        for stage, seconds in (
            (f"{format_} to text", texted - started),
            ("analysis", analysed - texted),
            ("extraction", extracted - analysed),
            ("rows", done - extracted),
        ):
            cost[stage] += seconds
            count[stage] += 1
    print(f"CPU ms per report, {len(paths)} reports:")
    for stage, seconds in cost.items():
        print(f"  {stage:<18} {seconds / count[stage] * 1000:6.1f}   ({count[stage]} reports)")


def docx_against_python_docx(paths: list[Path]) -> None:
    sys.path.insert(0, str(REPO))  # the reference reader lives with the tests that use it
    from tests.reading.python_docx_reference import python_docx_text

    datas = [path.read_bytes() for path in paths]
    readers = [
        ("zipfile + lxml", lambda data: docx_text(data, "x")),
        ("python-docx (before)", python_docx_text),
    ]
    for label, read in readers:
        started = time.process_time()
        for data in datas:
            read(data)
        ms = (time.process_time() - started) / len(datas) * 1000
        print(f"  {label:<22} {ms:6.1f} ms per .docx")
    same = sum(docx_text(data, "x") == python_docx_text(data) for data in datas)
    print(f"  same text: {same} of {len(datas)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("manifest", nargs="?", type=Path)
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    manifest = args.manifest or max(BUILT.glob("corpus-*/manifest.csv"), default=None)
    if manifest is None:
        sys.exit("no corpus: run benchmarks/corpus.py first, or name a manifest")
    import luoshi.extraction.extractor as extractor

    compiled = (extractor.__file__ or "").endswith(".so")
    print(f"luoshi {'compiled (mypyc wheel)' if compiled else 'plain Python'}: {manifest}")
    paths = [source.path for source in resolve_inputs([str(manifest)])[: args.reports]]
    stages(paths)
    built = [Path(path) for path in paths if path.endswith(".docx")]
    shared = sorted(SHARED_CORPUS.rglob("*.docx"))
    for name, docx_files in (("built corpus", built), ("shared corpus", shared)):
        print(f".docx to text, {len(docx_files)} files of the {name}:")
        docx_against_python_docx(docx_files)


if __name__ == "__main__":
    main()
