"""The ledger: commitments, departments, progress reports and their computed status.

The data's way, module by module:

- ``models``: the tables (SQLAlchemy 2), each mutable one with a version column.
- ``db``: the engine from ``database_url`` (SQLite in WAL mode by default,
  ``postgresql+psycopg://…`` for many users), the packaged Alembic
  ``migrations`` and ``unit_of_work``, the one transaction boundary.
- ``services``: every operation, each taking the acting user: ``policy`` (who
  may do what, one table), ``organisation`` (governments, departments, users),
  ``imports`` (read + extract → proposed commitments; qualitative tasks;
  publishing), ``editions`` (a final report and the draft it supersedes: which
  figures carry over), ``review``, ``assignment``, ``progress``, ``evidence`` (files
  written when the transaction commits), ``tracking`` (status on read,
  explanations, manual judgements), ``snapshots``, ``portal`` (the status
  cache and the portal's queries), ``audit`` (the journal).
- ``status``: the pure status engine and its vocabulary.
- ``excel``: the 分工表; ``backup``: JSON-lines backup and restore.

From the command line (``luoshi --help`` for every option)::

    luoshi db upgrade
    luoshi user add boss --role admin            # the first user needs no --user
    luoshi gov add 武威市 --level 市 --region-code 620600 --user boss
    luoshi gov dept 武威市 市人社局 市发改委 --user boss
    luoshi import report.txt --government 武威市 --user boss
    luoshi import final.txt --government 武威市 --supersedes 1 --user boss
    luoshi carry-over 2 --user boss              # the draft's figures found in the final
    luoshi ledger --review-state proposed --user boss
    luoshi review 5 --confirm --user boss
    luoshi assign 5 --lead 市人社局 --partner 市发改委 --due 2022-12-31 --cycle monthly --user boss
    luoshi report file 5 --as-of 2022-01-31 --value 0.12 --done "…" --submit --user hr
    luoshi report approve 1 --user boss
    luoshi status --explain 5 --user boss
"""
