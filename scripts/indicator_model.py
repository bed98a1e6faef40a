"""Train the indicator tagger on the gold records and compare it with the rules.

    .venv/bin/python scripts/indicator_model.py data    # how many gold indicators lay onto text
    .venv/bin/python scripts/indicator_model.py cv      # cross-validation by report, a table
    .venv/bin/python scripts/indicator_model.py train   # write src/.../learned/indicator.crfsuite

The gold: the shared 武威 2022 records (``../shared/gold``) and the development gold
(``tests/extraction/devgold``, its texts named in ``ranges.json``). Every run is deterministic:
the records are read in a fixed order and L-BFGS training has no random start.

Cross-validation holds out one report at a time: the model is trained on the others and run
on the held-out report twice, on the gold records' own numbers (the indicator alone) and on
the rules' figures (whole records, scored by ``shared/eval/score.py`` beside the rules' own).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pycrfsuite

import luoshi
from luoshi.extraction.indicator import trim
from luoshi.extraction.learned.features import char_features
from luoshi.extraction.learned.tagger import IndicatorTagger, model_path
from luoshi.extraction.learned.window import INSIDE, Window, spelled, tags_for, window

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEVGOLD = REPO / "tests" / "extraction" / "devgold"
# L-BFGS with elastic net, one setting (not tuned: the cross-validation is the only test set)
TRAINING = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
DATA = REPO / "scripts" / "indicator_model_data"
ARRIVAL = DATA / "arrival-rules.jsonl"
CV_RESULTS = DATA / "cv-results.md"
STACKED = True  # the shipped model reads the rules' indicator too


@dataclass
class Report:
    name: str
    text: str
    gold: list[dict[str, Any]]
    ranges: list[list[int]] | None  # None: the whole text is annotated
    rules: list[dict[str, Any]] = field(default_factory=list)

    def inside(self, start: int) -> bool:
        return self.ranges is None or any(a <= start < b for a, b in self.ranges)


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reports() -> list[Report]:
    """Every annotated report, with the rules' figures inside its annotated ranges."""
    score = scorer()
    found = [
        Report(
            "wuwei-2022",
            (SHARED / "corpus" / "wuwei-2022-work-report.txt").read_text(encoding="utf-8"),
            score.load(str(SHARED / "gold" / "wuwei-2022.figures.jsonl")),
            None,
        )
    ]
    files = json.loads((DEVGOLD / "ranges.json").read_text(encoding="utf-8"))["files"]
    for name in sorted(files):
        source = files[name]
        text = (SHARED / "corpus" / source["text"]).read_text(encoding="utf-8")
        found.append(
            Report(name, text, score.load(str(DEVGOLD / source["gold"])), source["ranges"])
        )
    for report in found:
        figures = luoshi.extract(luoshi.read(report.text.encode("utf-8"), name=report.name))
        report.rules = [f.to_record() for f in figures if report.inside(f.start)]
    return found


@dataclass
class Example:
    report: str
    window: Window
    gold: str
    tags: list[str] | None
    rule: str | None  # the rules' indicator of the figure on the same number, "" for none


def examples(found: list[Report], arrival: dict[str, list[dict[str, Any]]]) -> list[Example]:
    """One example per gold record with the current rules' reading, and one more with the
    on-arrival rules' reading where the report has one (so the second opinion learns from
    rules that had not seen the text too)."""
    score = scorer()
    out = []
    for report in found:
        rule_sets = [report.rules] + ([arrival[report.name]] if report.name in arrival else [])
        for rules in rule_sets:
            pairs = dict(score.match(report.gold, rules))
            for gi, record in enumerate(report.gold):
                win = window(report.text, record["start"], record["end"])
                rule = rules[pairs[gi]]["indicator"] if gi in pairs else ""
                gold = record["indicator"]
                out.append(Example(report.name, win, gold, tags_for(win, gold), rule))
    return out


def load_arrival() -> dict[str, list[dict[str, Any]]]:
    """The on-arrival rules' figures by stretch (scripts/arrival_rules.py)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for line in ARRIVAL.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found.setdefault(record.pop("report"), []).append(record)
    return found


_FEATURES: dict[tuple[str, int, int, str | None], list[list[str]]] = {}


def features(win: Window, rule: str | None) -> list[list[str]]:
    key = (win.text, win.number_start, win.number_end, rule)
    if key not in _FEATURES:
        _FEATURES[key] = char_features(win, rule)
    return _FEATURES[key]


def train(training: list[Example], path: Path, *, stacked: bool) -> None:
    """Train on the laid examples; ``stacked``: with the rules' reading as features."""
    trainer = pycrfsuite.Trainer(verbose=False)
    seen = set()
    for example in training:
        if example.tags is None:
            continue
        rule = example.rule if stacked else None
        key = (example.window.text, example.window.number_start, rule)
        if key in seen:  # the current and the arrival rules read it alike
            continue
        seen.add(key)
        trainer.append(features(example.window, rule), example.tags)
    trainer.set_params(TRAINING)
    trainer.train(str(path))


class Model:
    """A trained model file, tagging windows through the shipped tagger's code."""

    def __init__(self, path: Path, *, stacked: bool) -> None:
        self.tagger = IndicatorTagger(path)
        self.stacked = stacked

    def read(self, win: Window, rule: str) -> tuple[str, float]:
        """(indicator, sequence probability)."""
        tags, probability = self.tagger.tags_of(features(win, rule if self.stacked else None))
        raw = spelled(win, tags) if INSIDE in tags else ""
        return trim(raw) or raw, probability


def command_data(found: list[Report]) -> None:
    seen = set()
    rows = []
    for e in examples(found, {}):
        rows.append(e)
        seen.add(e.report)
    print(f"{'report':<22} {'records':>7} {'laid':>5} {'not laid':>8}")
    for report in found:
        mine = [e for e in rows if e.report == report.name]
        laid = sum(e.tags is not None for e in mine)
        print(f"{report.name:<22} {len(mine):>7} {laid:>5} {len(mine) - laid:>8}")
    laid = sum(e.tags is not None for e in rows)
    print(f"{'all':<22} {len(rows):>7} {laid:>5} {len(rows) - laid:>8}")
    for e in rows:
        if e.tags is None:
            print(f"  not laid: {e.report}: {e.gold!r} in {e.window.text!r}")


Chooser = Callable[[str, tuple[str, float], tuple[str, float]], str]
CHOOSERS: dict[str, Chooser] = {
    "rules": lambda rule, alone, second: rule,
    "model": lambda rule, alone, second: alone[0],
    "model if p>=0.9": lambda rule, alone, second: alone[0] if alone[1] >= 0.9 else rule,
    "second opinion": lambda rule, alone, second: second[0],
    "second if p>=0.9": lambda rule, alone, second: second[0] if second[1] >= 0.9 else rule,
}
METRICS = {
    "indicator accuracy": lambda r: r["field_accuracy"]["indicator"],
    "exact-record F1 (all)": lambda r: r["exact_all"]["f1"],
    "exact-record F1 (targets)": lambda r: (
        r["exact_target_f1"] if r["exact_targets"]["gold"] else None
    ),
}


def pooled(pairs: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> dict[str, Any]:
    """The scorer over several reports at once, their offsets kept apart."""
    gold_all: list[dict[str, Any]] = []
    pred_all: list[dict[str, Any]] = []
    for k, (gold, pred) in enumerate(pairs):
        shift = k * 10_000_000
        gold_all += [dict(g, start=g["start"] + shift, end=g["end"] + shift) for g in gold]
        pred_all += [dict(p, start=p["start"] + shift, end=p["end"] + shift) for p in pred]
    result: dict[str, Any] = scorer().score(gold_all, pred_all)[0]
    return result


def table(title: str, rows: dict[str, dict[str, dict[str, Any]]], pool: dict[str, Any]) -> str:
    lines = [f"### {title}", ""]
    for metric, get in METRICS.items():
        lines += [f"{metric}:", "", "| report | " + " | ".join(CHOOSERS) + " |"]
        lines.append("| --- |" + " --- |" * len(CHOOSERS))
        for name, results in [*rows.items(), ("**pooled**", pool)]:
            cells = [get(results[c]) for c in CHOOSERS]
            if all(c is None for c in cells):
                continue
            lines.append(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def command_cv(found: list[Report]) -> None:
    """Hold out each report in turn; write the tables to ``CV_RESULTS`` and print them."""
    score = scorer()
    arrival = load_arrival()
    all_examples = examples(found, arrival)
    rule_sets = {"current": {r.name: r.rules for r in found}, "on arrival": arrival}
    rows: dict[str, dict[str, dict[str, dict[str, Any]]]] = {k: {} for k in rule_sets}
    pairs: dict[str, dict[str, list[Any]]] = {k: {c: [] for c in CHOOSERS} for k in rule_sets}
    gold_right = {"rules": 0, "model": 0, "second opinion": 0}
    # disagreement of a model with the rules as a hint to a reviewer: (flagged, flagged and the
    # rules wrong, rules wrong) over the rules' figures that meet a gold record
    flags: dict[tuple[str, str], list[int]] = {
        (kind, name): [0, 0, 0] for kind in rule_sets for name in ("model", "second opinion")
    }
    gold_total = 0
    for report in found:
        training = [e for e in all_examples if e.report != report.name]
        with tempfile.TemporaryDirectory() as tmp:
            train(training, Path(tmp) / "alone", stacked=False)
            train(training, Path(tmp) / "second", stacked=True)
            alone = Model(Path(tmp) / "alone", stacked=False)
            second = Model(Path(tmp) / "second", stacked=True)
            # the indicator alone, on the gold records' own numbers, beside the current rules
            held = [e for e in all_examples if e.report == report.name][: len(report.gold)]
            for example in held:
                gold_right["rules"] += (
                    score.char_f1(example.gold, example.rule) >= score.INDICATOR_OK
                )
                for name, model in (("model", alone), ("second opinion", second)):
                    got = model.read(example.window, example.rule)[0]
                    gold_right[name] += score.char_f1(example.gold, got) >= score.INDICATOR_OK
            gold_total += len(held)
            # whole records, on the rules' figures
            for kind, rules_by_report in rule_sets.items():
                if report.name not in rules_by_report:
                    continue
                rules = rules_by_report[report.name]
                readings = []
                for r in rules:
                    win = window(report.text, r["start"], r["end"])
                    readings.append(
                        (alone.read(win, r["indicator"]), second.read(win, r["indicator"]))
                    )
                matched = dict((pi, gi) for gi, pi in score.match(report.gold, rules))
                for pi, (r, (a, b)) in enumerate(zip(rules, readings, strict=True)):
                    if pi not in matched:
                        continue
                    gold = report.gold[matched[pi]]["indicator"]
                    wrong = score.char_f1(gold, r["indicator"]) < score.INDICATOR_OK
                    for name, reading in (("model", a), ("second opinion", b)):
                        tally = flags[(kind, name)]
                        flagged = score.char_f1(r["indicator"], reading[0]) < score.INDICATOR_OK
                        tally[0] += flagged
                        tally[1] += flagged and wrong
                        tally[2] += wrong
                rows[kind][report.name] = {}
                for name, choose in CHOOSERS.items():
                    predicted = [
                        dict(r, indicator=choose(r["indicator"], a, b))
                        for r, (a, b) in zip(rules, readings, strict=True)
                    ]
                    rows[kind][report.name][name] = score.score(report.gold, predicted)[0]
                    pairs[kind][name].append((report.gold, predicted))
        print(f"held out {report.name}", file=sys.stderr, flush=True)
    out = [
        "# The learned indicator against the rules, by report held out",
        "",
        "Written by `scripts/indicator_model.py cv`. Each report is held out in turn: the models",
        "are trained on the others' gold. `model`: the tagger alone; `second opinion`: the tagger",
        "given the rules' indicator as features; `… if p>=0.9`: the model's reading where it gives",
        "its tag sequence a probability of 0.9 or more, the rules' elsewhere. Scored by",
        "`shared/eval/score.py` (indicator right at character F1 >= 0.8).",
        "",
        "Indicator on the gold records' own numbers, beside the current rules' reading, pooled: "
        + ", ".join(f"{k} {v / gold_total:.3f} ({v}/{gold_total})" for k, v in gold_right.items()),
        "",
    ]
    out.append(table(
        "On the figures of the rules as they stood when each stretch arrived (8 stretches)",
        rows["on arrival"],
        {c: pooled(pairs["on arrival"][c]) for c in CHOOSERS},
    ))  # fmt: skip
    out.append(table(
        "On the figures of the current rules (written with all 13 reports in view)",
        rows["current"],
        {c: pooled(pairs["current"][c]) for c in CHOOSERS},
    ))  # fmt: skip
    out += [
        "### A model that disagrees with the rules, as a hint to a reviewer",
        "",
        "| rules | model | figures flagged | of them the rules wrong | rules wrong found |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (kind, name), (flagged, hits, wrong) in flags.items():
        precision = f"{hits / flagged:.2f}" if flagged else "-"
        out.append(f"| {kind} | {name} | {flagged} | {hits} ({precision}) | {hits}/{wrong} |")
    out.append("")
    text = "\n".join(out)
    CV_RESULTS.write_text(text, encoding="utf-8")
    print(text)


def command_train(found: list[Report]) -> None:
    path = model_path()
    train(examples(found, load_arrival()), path, stacked=STACKED)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("data", "cv", "train"))
    args = parser.parse_args()
    found = reports()
    {"data": command_data, "cv": command_cv, "train": command_train}[args.command](found)


if __name__ == "__main__":
    sys.exit(main())
