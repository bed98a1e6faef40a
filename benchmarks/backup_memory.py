"""Peak memory of `backup` and `restore` against the size of the evidence they carry.

    .venv/bin/python benchmarks/backup_memory.py [--megabytes 200]

Builds a SQLite ledger whose progress report carries one evidence file of MEGABYTES
(random bytes), then runs backup and restore, each in a fresh process, and prints
each one's peak resident memory beside the baseline: the same process backing up and
restoring the same ledger without the evidence. Streaming keeps the difference flat (a few
MB); reading each file whole cost about 4-5 times its size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import resource, sys
from pathlib import Path
from luoshi.ledger.backup import backup, restore
from luoshi.ledger.db import make_engine, upgrade
step, folder, evidence = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "yes"
file = folder / ("ledger.jsonl" if evidence else "bare.jsonl")
if step == "backup":
    source = make_engine(f"sqlite:///{folder / 'ledger.db'}")
    backup(source, file, folder / "evidence" if evidence else None)
else:
    restored = folder / ("restored.db" if evidence else "restored-bare.db")
    target = make_engine(f"sqlite:///{restored}")
    upgrade(target)
    restore(target, file, folder / "restored")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

SETUP = """
import datetime as dt, os, sys
from pathlib import Path
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.services import assignment, imports, organisation, progress, review
from luoshi.reading.document import Document, Metadata
folder, megabytes = Path(sys.argv[1]), int(sys.argv[2])
engine = make_engine(f"sqlite:///{folder / 'ledger.db'}")
upgrade(engine)
system = organisation.SYSTEM
big = folder / "evidence.bin"
with big.open("wb") as handle:
    for _ in range(megabytes):
        handle.write(os.urandom(1 << 20))
with unit_of_work(session_factory(engine)) as session:
    organisation.add_user(session, system, "admin", "admin")
    organisation.add_government(session, system, "武威市")
    organisation.add_department(session, system, "武威市", "市人社局")
    text = "2022年政府工作报告\\n建成武威市全民健身中心。"
    document = Document(text=text, format="txt", source="m.txt", metadata=Metadata(plan_year=2022))
    report = imports.import_document(session, system, document, [], "武威市")
    task = imports.add_task(session, system, report.id, 11, len(text) - 1)
    review.decide(session, system, task.id, "confirmed")
    assignment.assign(session, system, task.id, "市人社局", (), None, "monthly")
    progress.file_progress(session, system, task.id, dt.date(2022, 1, 31), evidence=[big],
                           evidence_dir=folder / "evidence")
"""


def peak(step: str, folder: Path, evidence: bool) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(folder), "yes" if evidence else "no"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        subprocess.run([sys.executable, "-c", SETUP, name, str(args.megabytes)], check=True)
        for step in ("backup", "restore"):
            base = peak(step, folder, evidence=False)
            with_files = peak(step, folder, evidence=True)
            print(
                f"{step}: {with_files} MB peak with {args.megabytes} MB of evidence, "
                f"{base} MB without (baseline); difference {with_files - base} MB"
            )


if __name__ == "__main__":
    main()
