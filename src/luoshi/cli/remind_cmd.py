"""``luoshi remind``: what a scheduler (cron) runs to send the due reminders (催办), escalate the
ignored ones and retry notification mails that failed. Running it twice sends nothing twice."""

from __future__ import annotations

import datetime as dt

from luoshi.cli import app
from luoshi.cli.ledger_cmd import as_of_option, user_option
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import LedgerError
from luoshi.ledger.db import is_current, make_engine, session_factory, unit_of_work
from luoshi.ledger.services import mail, supervision
from luoshi.ledger.services.policy import actor_for
from luoshi.ledger.services.tracking import tolerance_from


@app.command("remind")
@as_of_option
@user_option
def remind(as_of: dt.datetime | None, user: str | None) -> None:
    """Send due reminders and escalations, then retry failed notification mails.

    Acts as an office user (--user or LUOSHI_USER): reminders are journaled under their name.
    """
    settings = get_settings()
    today = as_of.date() if as_of else settings.status_date or dt.date.today()
    rules = supervision.Rules(
        tolerance_from(settings), settings.stale_report_days, settings.escalate_after_days
    )
    engine = make_engine(settings.database_url)
    try:
        if not is_current(engine):
            raise LedgerError("the ledger has no tables yet: run `luoshi db upgrade` first")
        factory = session_factory(engine)
        mail.Mailer(factory, settings, background=False).watch()  # mails after the commit
        with unit_of_work(factory) as session:
            actor = actor_for(session, user or settings.user)
            sent = supervision.run_due(session, actor, rules, today)
        retried = mail.send(factory, settings)
    finally:
        engine.dispose()
    echo(f"reminders sent: {len(sent.reminded)}, escalated: {len(sent.escalated)}")
    if settings.smtp_host:
        echo(f"earlier mails retried: {retried.sent} sent, {retried.failed} failed")
    else:
        echo("mail is off (LUOSHI_SMTP_HOST unset): notifications are in the app only")
