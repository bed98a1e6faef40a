"""``luoshi serve``: the public portal over the ledger (``--demo REPORT``: over a demo ledger)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from luoshi.cli import app
from luoshi.config import get_settings

DEMO_DIR = Path.home() / ".local" / "share" / "luoshi" / "demo"
# How long uvicorn waits for a worker to answer its health check. Its default (5 s) is shorter
# than a worker's start (imports) on a busy 2-core machine: it killed and respawned the workers
# of `--workers 2` forever, and the portal never answered.
WORKER_HEALTHCHECK_SECONDS = 60


@app.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--demo",
    "demo_report",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Serve a demo ledger built from this report (演示数据), not LUOSHI_DATABASE_URL.",
)
@click.option(
    "--demo-extra",
    multiple=True,
    metavar="GOVERNMENT=REPORT",
    help="Another report for the demo, published as it is (give two years for a 成绩单).",
)
@click.option(
    "--demo-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEMO_DIR,
    show_default=True,
    help="Where the demo ledger is kept (built once, reused).",
)
def serve(
    host: str,
    port: int,
    workers: int,
    demo_report: Path | None,
    demo_extra: tuple[str, ...],
    demo_dir: Path,
) -> None:
    """Serve the public portal: reports, ledgers, 图解, search and open data."""
    import uvicorn

    if demo_report is not None:
        _demo_environment(demo_report, demo_dir, [_government_report(e) for e in demo_extra])
    get_settings.cache_clear()
    click.echo(f"luoshi portal: open http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(
        "luoshi.web.serve:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level="warning",
    )


def _government_report(option: str) -> tuple[str, Path]:
    government, _, path = option.partition("=")
    if not government or not path or not Path(path).is_file():
        raise click.BadParameter(f"{option!r} is not GOVERNMENT=REPORT with a file that exists")
    return government, Path(path)


def _demo_environment(report: Path, directory: Path, extra: list[tuple[str, Path]]) -> None:
    """Build the demo ledger once in ``directory``; point this process's settings at it."""
    from luoshi.ledger import demo
    from luoshi.ledger.db import is_current, make_engine, session_factory, upgrade

    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "demo.db"
    ready = directory / "demo.ready"
    os.environ["LUOSHI_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["LUOSHI_EVIDENCE_DIR"] = str(directory / "evidence")
    os.environ["LUOSHI_STATUS_DATE"] = demo.AS_OF.isoformat()
    os.environ["LUOSHI_PORTAL_DEMO"] = "true"
    engine = make_engine(f"sqlite:///{database}")
    if ready.exists() and is_current(engine):
        upgrade(engine)
        engine.dispose()
        _print_accounts(directory)
        return
    click.echo(f"building the demo ledger in {directory} (once; about 20 s) …")
    engine.dispose()
    database.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    built = demo.build(session_factory(engine), report, directory / "evidence", extra=extra)
    engine.dispose()
    passwords = directory / "accounts.txt"
    passwords.touch(mode=0o600)
    passwords.write_text(
        "".join(f"{name} {password}\n" for name, password in built.passwords.items()),
        encoding="utf-8",
    )
    ready.write_text(f"report {built.report_id}\n", encoding="utf-8")
    click.echo(
        f"demo: {built.commitments} commitments, {built.progress_reports} progress reports "
        "(演示数据)"
    )
    _print_accounts(directory)


def _print_accounts(directory: Path) -> None:
    accounts = directory / "accounts.txt"
    if not accounts.exists():
        return
    click.echo("workspace accounts (sign in at /login): name password")
    for line in accounts.read_text(encoding="utf-8").splitlines():
        click.echo(f"  {line}")
