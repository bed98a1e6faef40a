"""Notification mails over SMTP: sent after the transaction commits, failures kept and retried.

``Mailer.watch`` hooks a session factory: when a transaction that made notifications commits,
their ids go to ``send``, which runs in its own transaction — on a worker thread in the web
app, at once in the CLI. A mail that fails stays ``failed`` with its error and is tried again
(``send`` with no ids, as ``luoshi remind`` does) up to ``email_max_attempts`` times; the
notification in the app is there whatever happens to the mail. Delivery is at least once: a
crash between sending and recording may send a mail twice, never lose one.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from luoshi.config import Settings
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Notification, utcnow
from luoshi.ledger.services.notifications import LABELS, TO_MAIL

log = logging.getLogger(__name__)
SMTP_TIMEOUT = 20  # seconds


@dataclass(frozen=True, slots=True)
class Sent:
    sent: int
    failed: int


def compose(settings: Settings, notification: Notification) -> EmailMessage:
    """The mail of a notification: its title as subject, its text and a link to the workspace."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = notification.user.email or ""
    message["Subject"] = f"【落实·{LABELS[notification.kind]}】{notification.title}"
    link = (
        f"\n\n查看：{settings.base_url.rstrip('/')}{notification.link}" if notification.link else ""
    )
    message.set_content(
        f"{notification.user.name}，您好：\n\n{notification.title}\n\n{notification.body}{link}\n\n"
        "——落实 政府工作报告台账（本邮件由系统发送，请勿回复）\n"
    )
    return message


def send(
    factory: sessionmaker[Session], settings: Settings, ids: Sequence[int] | None = None
) -> Sent:
    """Mail the pending (and earlier failed) notifications, or only those of ``ids``."""
    if not settings.smtp_host:
        return Sent(0, 0)
    with unit_of_work(factory) as session:
        query = (
            select(Notification)
            .where(
                Notification.email_state.in_(("pending", "failed")),
                Notification.email_attempts < settings.email_max_attempts,
            )
            .options(selectinload(Notification.user))
            .order_by(Notification.id)
        )
        if ids is not None:
            query = query.where(Notification.id.in_(ids))
        due = list(session.scalars(query))
        if not due:
            return Sent(0, 0)
        try:
            connection = _connect(settings)
        except (OSError, smtplib.SMTPException) as error:
            log.warning("cannot reach the mail server %s: %s", settings.smtp_host, error)
            for notification in due:
                _failed(notification, f"mail server unreachable: {error}")
            return Sent(0, len(due))
        sent = failed = 0
        with connection:
            for notification in due:
                notification.email_attempts += 1
                try:
                    connection.send_message(compose(settings, notification))
                except (OSError, smtplib.SMTPException) as error:
                    log.warning("mail of notification %s failed: %s", notification.id, error)
                    _failed(notification, str(error), counted=True)
                    failed += 1
                else:
                    notification.email_state = "sent"
                    notification.email_error = ""
                    notification.emailed_at = utcnow()
                    sent += 1
        return Sent(sent, failed)


def _connect(settings: Settings) -> smtplib.SMTP:
    connection = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT)
    try:
        if settings.smtp_starttls:
            connection.starttls()
        if settings.smtp_user:
            connection.login(settings.smtp_user, settings.smtp_password.get_secret_value())
    except BaseException:
        connection.close()
        raise
    return connection


def _failed(notification: Notification, error: str, *, counted: bool = False) -> None:
    if not counted:
        notification.email_attempts += 1
    notification.email_state = "failed"
    notification.email_error = error[:2000]


class Mailer:
    """Sends the notifications of each committed transaction of a session factory.

    ``background``: on one worker thread (the web app: a request does not wait for the mail
    server); otherwise at once, after the commit (the CLI). ``flush`` waits for the thread.
    """

    def __init__(
        self, factory: sessionmaker[Session], settings: Settings, *, background: bool
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.executor = ThreadPoolExecutor(1, "luoshi-mail") if background else None
        self.futures: list[Future[Sent]] = []

    def watch(self) -> Mailer:
        event.listen(self.factory, "after_commit", self._committed)
        event.listen(self.factory, "after_rollback", self._rolled_back)
        return self

    def _committed(self, session: Session) -> None:
        ids = session.info.pop(TO_MAIL, [])
        if ids and self.settings.smtp_host:
            self.submit(ids)

    def _rolled_back(self, session: Session) -> None:
        session.info.pop(TO_MAIL, None)  # nothing of a rolled-back transaction is mailed

    def submit(self, ids: Sequence[int] | None = None) -> None:
        if self.executor is None:
            self._safe_send(ids)
            return
        self.futures = [f for f in self.futures if not f.done()]
        self.futures.append(self.executor.submit(self._safe_send, ids))

    def _safe_send(self, ids: Sequence[int] | None) -> Sent:
        try:
            return send(self.factory, self.settings, ids)
        except Exception:  # a worker must not die: the mails stay pending for the next try
            log.exception("sending notification mails failed; they will be tried again")
            return Sent(0, 0)

    def flush(self, timeout: float = 30) -> None:
        for future in list(self.futures):
            future.result(timeout)

    def close(self, *_: Any) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
