"""The indicators reports set targets on and review, grouped as the reconciler reads their names.

    .venv/bin/python scripts/indicator_survey.py [--min-reports N] [--unknown]

Extracts the figures of the 22 provinces' 2025 reports and both State Council reports in
``shared/corpus/``, brings each figure's indicator to the reconciler's comparable form
(``luoshi.reconcile.matching.name_of``: scopes and notes dropped, synonyms replaced) and prints one
group per form: in how many reports it occurs, whether the vocabulary (``rules/indicators.toml``)
knows it (``known``: a canonical indicator; ``part``: a narrower one; ``-``: neither), and its
names as written with the kind (t target, a actual, e estimate) and measure of each. The last
lines give the share of target and actual figures whose indicator the vocabulary knows.

The survey is the source the vocabulary is written from: every group a government could review
next year should be known. It reads no gold file. Not part of the test suite.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

import luoshi
from luoshi.extraction.figure import Figure
from luoshi.reconcile.matching import name_of
from luoshi.reconcile.vocabulary import rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORTS = [*sorted(CORPUS.glob("provinces-2025/*.txt")), *sorted(CORPUS.glob("national/*.txt"))]


def known(canonical: str) -> str:
    """``known`` for a canonical indicator of the data, ``part`` for a narrower one, else ``-``."""
    data = rules()
    if canonical in data.canonical.values():
        return "known"
    return "part" if canonical in data.narrower else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-reports", type=int, default=2, help="groups in at least N reports")
    parser.add_argument("--unknown", action="store_true", help="only groups the data does not know")
    options = parser.parse_args()
    figures: list[tuple[str, Figure]] = [
        (path.stem, figure) for path in REPORTS for figure in luoshi.extract(luoshi.read(path))
    ]
    reports: dict[str, set[str]] = defaultdict(set)
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for report, figure in figures:
        canonical = name_of(figure.indicator).canonical
        reports[canonical].add(report)
        written[canonical][f"{figure.kind[0]}:{figure.indicator}:{figure.measure}"] += 1
    for canonical in sorted(reports, key=lambda c: (-len(reports[c]), c)):
        status = known(canonical)
        if len(reports[canonical]) < options.min_reports or (options.unknown and status != "-"):
            continue
        names = "; ".join(f"{name}×{n}" for name, n in written[canonical].most_common())
        print(f"{len(reports[canonical]):3} {status:5} {canonical} | {names}")
    for kind in ("target", "actual"):
        of_kind = [f for _, f in figures if f.kind == kind]
        covered = sum(known(name_of(f.indicator).canonical) != "-" for f in of_kind)
        print(f"{kind}s whose indicator the vocabulary knows: {covered}/{len(of_kind)}")


if __name__ == "__main__":
    main()
