"""A real SMTP server for delivery tests: aiosmtpd on 127.0.0.1, scripted per test.

The handler records every message that reaches DATA (a real server holds the
bytes from that moment, whether or not its 250 reaches the client) and answers
MAIL, RCPT and DATA as a test tells it to: a code, a delay longer than the
client's timeout, or a wait until the test releases it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    mail_options: list[str] = field(default_factory=list)

    @property
    def message(self) -> EmailMessage:
        """The message as a mail program reads it (SMTP's CRLF line ends made local)."""
        return BytesParser(policy=policy.default).parsebytes(self.content.replace(b"\r\n", b"\n"))

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class Script:
    """How the server answers. ``None`` means the ordinary 250."""

    mail: str | None = None
    rcpt: dict[str, str] = field(default_factory=dict)  # address -> answer; others get 250
    data: str | None = None
    data_delay: float = 0.0  # seconds before answering DATA (asyncio.sleep)
    hold: threading.Event | None = None  # answer DATA only once this is set (or the client is gone)
    quit: str | None = (
        None  # the answer to QUIT (a server shutting down may say 421 to any command)
    )


class RecordingHandler:
    def __init__(self):
        self.script = Script()
        self.received: list[Received] = []
        self.answered: list[str] = []  # the final DATA answers actually pushed
        self.data_arrived = threading.Event()
        self.logins: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.script.mail:
            return self.script.mail
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.script.rcpt.get(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        with self._lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    bytes(content),
                    list(envelope.mail_options),
                )
            )
        self.data_arrived.set()
        if self.script.hold is not None:
            while not self.script.hold.is_set():
                await asyncio.sleep(0.02)
        if self.script.data_delay:
            await asyncio.sleep(self.script.data_delay)
        answer = self.script.data or "250 Message accepted for delivery"
        self.answered.append(answer)
        return answer

    async def handle_QUIT(self, server, session, envelope):
        return self.script.quit or "221 Bye"

    # --- what the tests look at -------------------------------------------------------

    def by_message_id(self) -> Counter:
        with self._lock:
            return Counter(r.message_id for r in self.received)

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.answered.clear()
        self.data_arrived.clear()
        self.script = Script()


class Authenticator:
    """aiosmtpd's ``authenticator(server, session, envelope, mechanism, auth_data)``: one good
    login."""

    def __init__(self, user: str, password: str, handler: RecordingHandler):
        self.user, self.password, self.handler = user, password, handler

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.handler.logins.append((login, password))
        ok = login == self.user and password == self.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


@contextmanager
def smtp_server(*, auth: tuple[str, str] | None = None, utf8: bool = False):
    """Yields ``(handler, port)``: a server on 127.0.0.1 at a free port, stopped afterwards.

    ``utf8``: the server offers SMTPUTF8 (international addresses, RFC 6531).
    """
    handler = RecordingHandler()
    kwargs: dict = {"enable_SMTPUTF8": utf8}
    if auth is not None:
        kwargs |= {
            "authenticator": Authenticator(auth[0], auth[1], handler),
            "auth_required": True,
            "auth_require_tls": False,
        }
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield handler, port
    finally:
        if handler.script.hold is not None:
            handler.script.hold.set()
        controller.stop()
