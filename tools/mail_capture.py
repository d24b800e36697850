"""A local SMTP server that keeps what it receives, for the browser journeys (tests/e2e) and the fault checks.

    with MailCapture() as mail:          # listens on 127.0.0.1:<free port>
        env["EMAIL_HOST"], env["EMAIL_PORT"] = "127.0.0.1", str(mail.port)
        ...
        message = mail.wait_for(lambda m: "moderator@" in m["To"])

Plain SMTP without TLS or authentication (aiosmtpd), on the loopback only: nothing leaves the machine. Messages
are parsed with the standard library (`email.message.EmailMessage`), so tests read headers and decoded bodies
as a mail client would.
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from collections.abc import Callable
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, capture: MailCapture):
        self.capture = capture

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls its hooks by this name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.capture.lock:
            self.capture.messages.append(message)
        return "250 Message accepted for delivery"


class MailCapture:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []
        self.controller = Controller(_Handler(self), hostname=host, port=port or _free_port(host))

    @property
    def port(self) -> int:
        return self.controller.port

    def __enter__(self) -> MailCapture:
        self.controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.controller.stop()

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def all(self) -> list[EmailMessage]:
        with self.lock:
            return list(self.messages)

    def wait_for(
        self, predicate: Callable[[EmailMessage], bool] = lambda m: True, *, timeout: float = 15.0
    ) -> EmailMessage:
        """The first message received that matches, waiting up to `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.all():
                if predicate(message):
                    return message
            if time.monotonic() > deadline:
                received = [(m["To"], m["Subject"]) for m in self.all()]
                raise AssertionError(f"no matching e-mail within {timeout:.0f} s; received: {received}")
            time.sleep(0.2)


def body_text(message: EmailMessage) -> str:
    """The plain-text body (or the HTML one when there is no plain part)."""
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
