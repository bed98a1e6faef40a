"""An SMTP server on loopback that keeps every mail it is given (aiosmtpd), for mail tests."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, cast

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Sink:
    """The mails received: envelope recipients and the parsed message."""

    host: str = "127.0.0.1"
    port: int = 0
    mails: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(
            (
                list(envelope.rcpt_tos),
                cast(
                    EmailMessage,
                    email.message_from_bytes(envelope.content, policy=email.policy.default),
                ),
            )
        )
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for recipients, message in self.mails if address in recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_sink() -> Iterator[Sink]:
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
