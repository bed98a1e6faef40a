"""A corpus run in this process: its tables, failures, duplicates, determinism and resuming."""

from __future__ import annotations

import gc
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import luoshi
from luoshi.corpus import load_documents, load_figures, run_batch, work
from luoshi.corpus.inputs import Source
from luoshi.corpus.schema import DOCUMENTS, FIGURES
from luoshi.corpus.work import Processed
from luoshi.errors import BatchError
from tests.conftest import WUWEI


def part_bytes(run: Path) -> dict[str, bytes]:
    return {str(part.relative_to(run)): part.read_bytes() for part in sorted(run.glob("*/part-*"))}


def test_every_file_gets_a_row_and_every_figure_of_an_ok_report_a_figure_row(
    small_corpus: Path, tmp_path: Path
):
    summary = run_batch([str(small_corpus)], tmp_path / "run", workers=0)
    documents = load_documents(tmp_path / "run").to_pylist()
    by_name = {Path(row["path"]).name: row for row in documents}
    assert {name: row["status"] for name, row in by_name.items()} == {
        "broken.pdf": "failed",
        "empty.txt": "failed",
        "wuwei-2022.txt": "ok",
        "national-2022.txt": "ok",
        "qinghai-2025.docx": "ok",
        "qinghai-2025.txt": "duplicate",
    }
    assert (summary.ok, summary.failed, summary.duplicate) == (3, 2, 1)
    wuwei = by_name["wuwei-2022.txt"]
    assert (wuwei["government"], wuwei["government_from"], wuwei["plan_year"]) == (
        "武威市", "report", 2022,
    )  # fmt: skip
    assert wuwei["publisher"] == "市政府办" and wuwei["breadcrumb"][0] == "首页"
    assert str(wuwei["published"]) == "2022-01-30"
    assert by_name["national-2022.txt"]["government"] == "国务院"
    assert by_name["qinghai-2025.docx"]["government"] == "青海省"
    assert by_name["qinghai-2025.txt"]["duplicate_of"] == by_name["qinghai-2025.docx"]["path"]
    assert by_name["empty.txt"]["error"] == "file is empty" and by_name["empty.txt"]["id"] is None

    figures = load_figures(tmp_path / "run")
    assert figures.schema.equals(FIGURES) and figures.schema.field("value").type == pa.decimal128(
        38, 10
    )
    expected = luoshi.extract(luoshi.read(WUWEI))
    rows = [row for row in figures.to_pylist() if row["document_id"] == wuwei["id"]]
    assert wuwei["figures"] == len(rows) == len(expected)
    assert [(r["start"], r["end"], r["value"], r["indicator"]) for r in rows] == [
        (f.start, f.end, f.value, f.indicator) for f in expected
    ]
    jobs = next(r for r in rows if r["indicator"] == "城镇新增就业" and r["kind"] == "target")
    assert (jobs["value"], jobs["unit"], jobs["base_value"]) == (Decimal("1.5"), "万人", 15000)
    assert jobs["rules"][0] == "number"
    # the duplicate's text is not written twice
    assert len(set(figures["document_id"].to_pylist())) == summary.ok == 3
    assert summary.figures == figures.num_rows


def test_the_same_input_gives_byte_identical_parquet(small_corpus: Path, tmp_path: Path):
    run_batch([str(small_corpus)], tmp_path / "a", workers=0, chunk_size=2)
    run_batch([str(small_corpus)], tmp_path / "b", workers=0, chunk_size=2)
    first = part_bytes(tmp_path / "a")
    assert len(first) == 6  # 3 chunks, a documents and a figures part each
    assert first == part_bytes(tmp_path / "b")


class StopAfter:
    """A progress listener that interrupts the run after some chunks, like Ctrl-C would."""

    def __init__(self, chunks: int) -> None:
        self.chunks = chunks

    def start(self, total: int, already_done: int) -> None:
        pass

    def advance(self, reports: int, size: int) -> None:
        self.chunks -= 1
        if self.chunks == 0:
            raise KeyboardInterrupt


def test_an_interrupted_run_resumes_without_writing_a_report_twice(
    small_corpus: Path, tmp_path: Path
):
    run = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(small_corpus)], run, workers=0, chunk_size=2, progress=StopAfter(2))
    assert json.loads((run / "run.json").read_text())["status"] == "interrupted"
    assert load_documents(run).num_rows == 4
    # a crash while writing the third chunk: its figures part and a half-written part remain
    (run / "figures" / "part-00002.parquet").write_bytes(b"half")
    (run / "documents" / ".part-00002.parquet.tmp").write_bytes(b"half")

    summary = run_batch([str(small_corpus)], run, workers=0, chunk_size=2)
    assert (summary.skipped, summary.processed) == (4, 2)
    assert summary.duplicate == 1  # the docx's text was written before the interruption
    paths = load_documents(run)["path"].to_pylist()
    assert len(paths) == len(set(paths)) == 6
    assert not list(run.glob("*/.*.tmp"))

    run_batch([str(small_corpus)], tmp_path / "whole", workers=0, chunk_size=2)
    assert part_bytes(run) == part_bytes(tmp_path / "whole")
    again = run_batch([str(small_corpus)], run, workers=0, chunk_size=2)
    assert (again.skipped, again.processed) == (6, 0)


def test_a_manifest_government_and_year_win_over_what_is_read(small_corpus: Path, tmp_path: Path):
    manifest = small_corpus / "manifest.csv"
    manifest.write_text("path,government,year\ngansu/wuwei-2022.txt,甘肃省武威市,2021\n", "utf-8")
    run_batch([str(manifest)], tmp_path / "run", workers=0)
    (row,) = load_documents(tmp_path / "run").to_pylist()
    assert (row["government"], row["government_from"]) == ("甘肃省武威市", "manifest")
    assert (row["plan_year"], row["plan_year_from"]) == (2021, "manifest")


def test_csv_output_holds_the_same_rows_with_exact_decimals(small_corpus: Path, tmp_path: Path):
    run_batch([str(small_corpus)], tmp_path / "pq", workers=0)
    run_batch([str(small_corpus)], tmp_path / "csv", output_format="csv", workers=0)
    import pyarrow.csv as pacsv

    options = pacsv.ConvertOptions(column_types={"value": pa.string(), "base_value": pa.string()})
    figures = pacsv.read_csv(
        tmp_path / "csv" / "figures" / "part-00000.csv", convert_options=options
    )
    expected = load_figures(tmp_path / "pq")
    assert figures.num_rows == expected.num_rows
    assert figures["value"].to_pylist() == [
        format(value.normalize(), "f") for value in expected["value"].to_pylist()
    ]
    assert json.loads(figures["section"][0].as_py()) == expected["section"][0].as_py()


def test_sqlite_output_resumes_and_holds_the_same_rows(small_corpus: Path, tmp_path: Path):
    database = tmp_path / "run.sqlite"
    with pytest.raises(KeyboardInterrupt):
        run_batch(
            [str(small_corpus)], database, output_format="sqlite", workers=0, chunk_size=2,
            progress=StopAfter(1),
        )  # fmt: skip
    run_batch([str(small_corpus)], database, output_format="sqlite", workers=0, chunk_size=2)
    run_batch([str(small_corpus)], tmp_path / "pq", workers=0)
    with sqlite3.connect(database) as connection:
        paths = [row[0] for row in connection.execute("SELECT path FROM documents")]
        values = connection.execute(
            "SELECT value FROM figures ORDER BY document_id, seq"
        ).fetchall()
        status = json.loads(
            connection.execute("SELECT value FROM run WHERE key = 'status'").fetchone()[0]
        )
    assert len(paths) == len(set(paths)) == 6
    expected = load_figures(tmp_path / "pq").sort_by(
        [("document_id", "ascending"), ("seq", "ascending")]
    )
    assert [Decimal(value) for (value,) in values] == expected["value"].to_pylist()
    assert status == "finished"


def test_an_output_that_is_not_a_run_is_refused(small_corpus: Path, tmp_path: Path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.tex").write_text("…")
    with pytest.raises(BatchError, match="is not empty and holds no luoshi run"):
        run_batch([str(small_corpus)], tmp_path / "other", workers=0)
    run_batch([str(small_corpus)], tmp_path / "run", output_format="csv", workers=0)
    with pytest.raises(BatchError, match="holds a csv run"):
        run_batch([str(small_corpus)], tmp_path / "run", workers=0)
    with pytest.raises(BatchError, match="holds no luoshi run"):
        load_figures(tmp_path / "other")


def test_the_documents_schema_is_what_the_parts_hold(small_corpus: Path, tmp_path: Path):
    run_batch([str(small_corpus)], tmp_path / "run", workers=0)
    schema = pq.read_schema(tmp_path / "run" / "documents" / "part-00000.parquet")
    assert schema.equals(DOCUMENTS)  # Parquet names list items and map entries its own way
    assert schema.metadata[b"luoshi.schema"] == b"1"


class LostFuture:
    def result(self) -> None:
        raise RuntimeError("worker tcp://127.0.0.1:40000 died")

    def cancel(self) -> None:
        pass


class LostCluster:
    """A Dask client whose every task is lost, as when its workers are killed."""

    def scheduler_info(self) -> dict[str, dict[str, object]]:
        return {"workers": {"tcp://127.0.0.1:40000": {}}}

    def submit(self, *args: object, **kwargs: object) -> LostFuture:
        return LostFuture()


def test_a_lost_cluster_stops_the_run_with_what_to_do_and_keeps_what_is_written(
    small_corpus: Path, tmp_path: Path
):
    run = tmp_path / "run"
    with pytest.raises(BatchError, match=r"lost a chunk .*run the same command again to resume"):
        run_batch([str(small_corpus)], run, client=LostCluster())  # type: ignore[arg-type]
    assert json.loads((run / "run.json").read_text())["status"] == "interrupted"
    assert run_batch([str(small_corpus)], run, workers=0).processed == 6


def test_reports_are_read_with_a_higher_collector_threshold_and_it_is_restored_after(
    small_corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    """``fewer_collections`` holds for the chunk only, also when a report raises."""
    seen: list[int] = []

    def spy(source: Source) -> Processed:
        seen.append(gc.get_threshold()[0])
        if source.path.endswith("boom"):
            raise RuntimeError("boom")
        return real(source)

    real = work.process
    monkeypatch.setattr(work, "process", spy)
    before = gc.get_threshold()
    sources = [Source(str(small_corpus / name)) for name in ("national-2022.txt", "empty.txt")]
    assert [item.row["status"] for item in work.process_chunk(sources)] == ["ok", "failed"]
    assert seen == [10_000, 10_000] and gc.get_threshold() == before
    with pytest.raises(RuntimeError, match="boom"):
        work.process_chunk([Source("boom")])
    assert gc.get_threshold() == before
