"""A second quality gate: the extractor against the development gold in ``devgold/``.

The shared gold covers one city report (Wuwei 2022), so an extractor tuned to it may
still fail on the reports it is really scored on. ``devgold/`` holds hand-made records,
by the same conventions, for stretches of plan parts (Zhejiang, Guizhou and Shandong 2025,
the State Council 2022) and review parts (Hunan and Beijing 2025, the State Council 2023's
year and term); ``devgold/README.md`` says what was covered and every judgement call.
Each source text is extracted, predictions are kept where their span starts inside the
checked stretches (``devgold/ranges.json``), and the shared scorer's numbers must stay at or
above the floors in ``devgold/floors.json``.

A stretch is checked by its ``ranges``, or whole: ``"whole": true`` scores every prediction
of the report, so a false target in a glossary or an appendix counts like any other. Ranges
may cover appendices and glossaries too; whatever is checked is scored whole.

    .venv/bin/python -m tests.extraction.test_devgold_gate   # every stretch's scores
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import luoshi
from tests.extraction._shared import CORPUS, scorer

DEVGOLD = Path(__file__).with_name("devgold")
HEADROOM = 0.03  # a score this far above its floor asks for the floor to be raised


def load_json(name: str) -> dict[str, Any]:
    return json.loads((DEVGOLD / name).read_text(encoding="utf-8"))


def sources() -> dict[str, dict[str, Any]]:
    """Devgold name → its source (path under shared/corpus), gold file and covered ranges."""
    return load_json("ranges.json")["files"]


def inside(start: int, ranges: list[list[int]]) -> bool:
    return any(a <= start < b for a, b in ranges)


def checked(source: dict[str, Any], text: str) -> list[list[int]]:
    """The stretches of ``text`` whose every figure the gold records: the whole text when the
    entry says ``"whole": true``, else its ``ranges`` (which may cover glossaries too)."""
    unknown = source.keys() - {"text", "gold", "ranges", "whole", "note"}
    if unknown:
        raise ValueError(f"ranges.json: unknown keys {sorted(unknown)}")
    if source.get("whole", False):
        if "ranges" in source:
            raise ValueError(f"ranges.json {source['gold']}: whole and ranges both given")
        return [[0, len(text)]]
    ranges: list[list[int]] = source["ranges"]
    for (a, b), following in zip(ranges, [*ranges[1:], None], strict=True):
        if not 0 <= a < b <= len(text) or (following is not None and following[0] < b):
            raise ValueError(f"ranges.json {source['gold']}: [{a}, {b}] out of order or text")
    return ranges


def scored(records: list[dict[str, Any]], ranges: list[list[int]]) -> list[dict[str, Any]]:
    """The predictions the gate scores: those whose span starts in a checked stretch."""
    return [record for record in records if inside(record["start"], ranges)]


def metric(result: dict[str, Any], name: str) -> float:
    """A floor's name (``quantity_f1``, ``exact_all_f1``, ``field_accuracy.unit``) → the score."""
    if name.startswith("field_accuracy."):
        return float(result["field_accuracy"][name.split(".", 1)[1]])
    if name in ("quantity_f1", "detection_f1", "exact_all_f1"):
        return float(result[name.removesuffix("_f1")]["f1"])
    return float(result[name])


def floors() -> dict[tuple[str, str], float]:
    """(devgold name, metric name) → floor; a null floor (no targets in the stretch) is skipped."""
    flat: dict[tuple[str, str], float] = {}
    for name, raw in load_json("floors.json")["files"].items():
        for key, value in raw.items():
            if key == "field_accuracy":
                flat.update({(name, f"field_accuracy.{k}"): float(v) for k, v in value.items()})
            elif value is not None:
                flat[(name, key)] = float(value)
    return flat


@cache
def gold(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(scorer().load(str(DEVGOLD / sources()[name]["gold"])))


@cache
def devgold_score(name: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    source = sources()[name]
    path = CORPUS / source["text"]
    text = path.read_text(encoding="utf-8")
    records = [f.to_record() for f in luoshi.extract(luoshi.read(path))]
    predicted = scored(records, checked(source, text))
    bad_spans = scorer().check_spans(predicted, text, "pred")
    assert not bad_spans, "\n".join(bad_spans[:10])
    result, errors = scorer().score(list(gold(name)), predicted)
    return result, tuple(errors)


@pytest.mark.parametrize("name", sorted(sources()))
def test_devgold_file_is_well_formed(name: str) -> None:
    """Spans are the numbers as written, in order, inside the covered ranges; self-score is 1."""
    source = sources()[name]
    text = (CORPUS / source["text"]).read_text(encoding="utf-8")
    records = list(gold(name))
    assert records, name
    assert not scorer().check_spans(records, text, name)
    previous_end = -1
    for record in records:
        start, end = record["start"], record["end"]
        assert start >= previous_end, f"{name}: {record['quote']} overlaps or is out of order"
        assert inside(start, checked(source, text)), f"{name}: {record['quote']} outside"
        assert text[start:end] in record["quote"], record
        assert record["quote"] in text, record
        previous_end = end
    result, errors = scorer().score(records, records)
    assert errors == []
    assert result["exact_all"]["f1"] == 1.0


def test_floors_name_the_scorers_metrics() -> None:
    """Every devgold file has floors, every floor reads a real metric, all in [0, 1]."""
    empty = scorer().score([], [])[0]
    names = floors()
    assert {name for name, _ in names} == set(sources())
    for (_, metric_name), floor in names.items():
        metric(empty, metric_name)  # raises KeyError for a name the scorer does not produce
        assert 0.0 <= floor <= 1.0, metric_name
    for name in sources():
        fields = {m.split(".", 1)[1] for n, m in names if n == name and "." in m}
        assert fields == set(scorer().FIELDS), name


@pytest.mark.parametrize(("name", "metric_name"), sorted(floors()), ids="{0[0]}:{0[1]}".format)
def test_devgold_score_is_not_under_its_floor(name: str, metric_name: str) -> None:
    result, errors = devgold_score(name)
    score, floor = metric(result, metric_name), floors()[(name, metric_name)]
    if score > floor + HEADROOM:
        warnings.warn(
            f"{name} {metric_name} is {score:.4f}, its floor {floor:.4f}: raise it in floors.json",
            stacklevel=1,
        )
    assert score >= floor, (
        f"{name}: {metric_name} fell to {score:.4f}, under its floor {floor:.4f}; "
        "first errors:\n" + "\n".join(errors[:15])
    )


def test_a_whole_entry_scores_every_prediction() -> None:
    """With ``whole``, a false target in a glossary after the plan is scored; with ranges over
    the plan alone it is not seen."""
    text = "二、2025年工作安排\n新建学校5所。\n名词解释\n1.“百村工程”：建设100个村。\n"
    school, village = text.index("5所"), text.index("100")
    records = [{"start": school, "end": school + 1}, {"start": village, "end": village + 3}]
    whole = checked({"gold": "g", "text": "t", "whole": True}, text)
    plan_only = checked({"gold": "g", "text": "t", "ranges": [[0, text.index("名词")]]}, text)
    assert scored(records, whole) == records
    assert scored(records, plan_only) == records[:1]


@pytest.mark.parametrize(
    "entry",
    [
        {"gold": "g", "text": "t", "whole": True, "ranges": [[0, 1]]},
        {"gold": "g", "text": "t", "ranges": [[5, 2]]},
        {"gold": "g", "text": "t", "ranges": [[0, 4], [3, 6]]},
        {"gold": "g", "text": "t", "ranges": [[0, 99]]},
        {"gold": "g", "text": "t", "checked": "all", "ranges": [[0, 1]]},
    ],
    ids=["whole-and-ranges", "backwards", "overlapping", "past-the-end", "unknown-key"],
)
def test_a_bad_ranges_entry_is_refused(entry: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"ranges\.json"):
        checked(entry, "0123456789")


def print_scores() -> None:
    """Every stretch's headline scores and how much of its text is checked."""
    print(f"{'stretch':24} {'checked':>8} {'exact-target':>12} {'exact-all':>9} {'quantity':>8}")
    for name, source in sorted(sources().items()):
        text = (CORPUS / source["text"]).read_text(encoding="utf-8")
        size = sum(b - a for a, b in checked(source, text))
        result, _ = devgold_score(name)
        has_targets = any(record["kind"] == "target" for record in gold(name))
        target = f"{result['exact_target_f1']:.4f}" if has_targets else "-"
        print(
            f"{name:24} {size / len(text):8.0%} {target:>12} "
            f"{result['exact_all']['f1']:9.4f} {result['quantity']['f1']:8.4f}"
        )


if __name__ == "__main__":
    print_scores()
