"""What luoshi reads and extracts from every corpus text file, written down or compared.

    .venv/bin/python benchmarks/corpus_snapshot.py --write DIR      # one .jsonl per report
    .venv/bin/python benchmarks/corpus_snapshot.py --compare DIR    # the same now? exit 1 if not

For a change that must leave the output identical (a speed-up, a rewrite of a hot loop): write
a snapshot with the code before (``git archive BASE src | tar -x -C /tmp/base`` and run with
``PYTHONPATH=/tmp/base/src``), then compare with the code after. Each file holds the document's
metadata and outline, then every figure's full record. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import luoshi

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def reports() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt"))


def snapshot(path: Path) -> list[str]:
    """The lines of one report's snapshot: metadata, outline, then one line per figure."""
    document = luoshi.read(path)
    data = document.to_dict()
    lines = [
        json.dumps({"metadata": data["metadata"]}, ensure_ascii=False, sort_keys=True),
        json.dumps({"outline": data["outline"]}, ensure_ascii=False, sort_keys=True),
    ]
    for figure in luoshi.extract(document):
        record = figure.to_full_record()
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str))
    return lines


def changed_fields(before: str, after: str) -> list[str]:
    """Metadata fields whose value changed (a field added since, and empty, is no change)."""
    old, new = json.loads(before)["metadata"], json.loads(after)["metadata"]
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))


def name_of(path: Path) -> str:
    return str(path.relative_to(CORPUS)).replace("/", "__") + ".jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="DIR")
    group.add_argument("--compare", type=Path, metavar="DIR")
    args = parser.parse_args()
    print(f"luoshi from {Path(luoshi.__file__).parent}", file=sys.stderr)
    differing = 0
    figures = 0
    for path in reports():
        lines = snapshot(path)
        figures += len(lines) - 2
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / name_of(path)).write_text("\n".join(lines) + "\n", encoding="utf-8")
            continue
        before = (args.compare / name_of(path)).read_text(encoding="utf-8").splitlines()
        changed = [f"metadata {key}" for key in changed_fields(before[0], lines[0])]
        if before[1:2] != lines[1:2]:
            changed.append("outline")
        if before[2:] != lines[2:]:
            changed.append(f"figures ({len(before) - 2} → {len(lines) - 2})")
        if changed:
            differing += 1
            print(f"DIFFERS {path.relative_to(CORPUS)}: {', '.join(changed)}")
    print(f"{len(reports())} reports, {figures} figures; {differing} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
