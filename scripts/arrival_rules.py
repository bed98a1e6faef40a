"""The rules' figures on each development-gold stretch as the extractor stood when its gold came in.

    .venv/bin/python scripts/arrival_rules.py   # → scripts/indicator_model_data/arrival-rules.jsonl

A stretch's gold was scored "on arrival" by the extractor as it stood before any rule was written
on it (tests/extraction/devgold/README.md); the commits below reproduce those scores. Each commit's
``src/`` is taken with ``git archive`` into a temporary folder and run with this checkout's
Python; the figures inside the stretch's ranges are written one per line, with the stretch's
name and the commit. The learned indicator is compared with these (scripts/indicator_model.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "scripts" / "indicator_model_data" / "arrival-rules.jsonl"
# stretch → the last commit before the first rule written on it (its gold was committed after
# those rules); each reproduces the on-arrival score the development gold's README records
ARRIVALS = {
    "shandong-2025-plan": "3f9cd1b",  # 0.85 exact-target
    "beijing-2025-review": "3f9cd1b",  # 0.83 exact-all
    "national-2023-review": "3f9cd1b",  # 0.63 exact-all
    "jiangsu-2025-review": "ec1267b",  # 0.82 exact-all
    "xinjiang-2025-plan": "2aa94cd",  # 0.89 exact-target
    "chongqing-2025-plan": "adedb36",  # 0.82 exact-target
    "guangxi-2025-review": "506c436",  # 0.84 exact-all
    "shaanxi-2025-plan": "506c436",  # 0.87 exact-target
}
EXTRACT = """
import json, sys
import luoshi
path, ranges = sys.argv[1], json.loads(sys.argv[2])
for figure in luoshi.extract(luoshi.read(path)):
    record = figure.to_record()
    if any(a <= record["start"] < b for a, b in ranges):
        print(json.dumps(record, ensure_ascii=False, default=str))
"""


def main() -> None:
    files = json.loads((REPO / "tests/extraction/devgold/ranges.json").read_text("utf-8"))["files"]
    lines = []
    for name, commit in ARRIVALS.items():
        archive = subprocess.run(
            ["git", "archive", commit, "src"], cwd=REPO, capture_output=True, check=True
        ).stdout
        with tempfile.TemporaryDirectory() as tmp:
            with tarfile.open(fileobj=BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            source = files[name]
            run = subprocess.run(
                [sys.executable, "-c", EXTRACT, str(SHARED / "corpus" / source["text"]),
                 json.dumps(source["ranges"])],
                env={"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin"},
                capture_output=True, text=True, check=True,
            )  # fmt: skip
        for line in run.stdout.splitlines():
            lines.append(json.dumps({"report": name, "commit": commit, **json.loads(line)},
                                    ensure_ascii=False))  # fmt: skip
        print(f"{name}: {len(run.stdout.splitlines())} figures at {commit}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
