"""How often the first suggested 牵头单位 is the department actually assigned.

Builds the demo ledger (武威 2022, 64 assigned commitments) in a temporary SQLite file and, for
every assigned commitment, asks for a suggestion with its own assignment left out (leave one
out): from past assignments alone, from the built-in keyword table alone, and from both.
Prints hits / total per source. Run: ``.venv/bin/python benchmarks/lead_suggestions.py``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work, upgrade
from luoshi.ledger.models import Government
from luoshi.ledger.services.suggestion import first_choice_hits

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/demo.db")
        upgrade(engine)
        factory = session_factory(engine)
        demo.build(factory, CORPUS / "wuwei-2022-work-report.txt", Path(folder) / "evidence")
        with unit_of_work(factory) as session:
            government = session.scalars(
                select(Government).where(Government.name == demo.GOVERNMENT)
            ).one()
            for label, sources in (
                ("past assignments only", {"keywords": False}),
                ("built-in keywords only", {"past": False}),
                ("both", {}),
            ):
                hits, total = first_choice_hits(session, government.id, **sources)
                print(f"{label:24} {hits}/{total} = {hits / total:.0%} first suggestion right")
        engine.dispose()


if __name__ == "__main__":
    main()
