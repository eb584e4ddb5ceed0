"""Delivering disposition messages: a transactional outbox.

A message is queued in the same transaction that puts its applications into
``letting_go`` (see :mod:`review.gate`). Delivery is:

1. mark the message ``sending`` (committed), so a crash now leaves a trace;
2. hand it to the transport: SMTP (accepted = 250 after DATA) or the outbox
   folder (accepted = the ``.eml`` file written and fsynced);
3. on acceptance, one transaction marks it ``delivered`` and its applications
   ``let_go``.

Transient failures (421, 45x, timeouts and refused connections before the data
is sent) go back to ``queued`` with a backoff; permanent ones (55x, bad
credentials) become ``failed`` with the reason, and the person stays on the
list. A timeout after the data was sent is ``in_doubt``: the reviewer decides
whether to send again, with the same Message-ID, so a mail system can tell the
copies apart. A crash during step 2 is found at the next start: an outbox
file that exists means delivered; an SMTP send means in doubt.
"""

from __future__ import annotations

import json
import os
import re
import smtplib
import sqlite3
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any, Protocol

from review import audit
from review.answers import unsubscribe_header
from review.db import Store, now_iso
from review.settings import Settings
from review.status import LET_GO, LETTING_GO, UNDELIVERED, MessageState

QUEUED, SENDING, DELIVERED = MessageState.QUEUED, MessageState.SENDING, MessageState.DELIVERED
FAILED, IN_DOUBT = MessageState.FAILED, MessageState.IN_DOUBT
CALL_PENDING, KEPT = MessageState.CALL_PENDING, MessageState.KEPT
# A message is born in the state its person's channel calls for.
_FIRST_STATE = {"email": QUEUED, "phone": CALL_PENDING, "none": KEPT}
MAX_BACKOFF = timedelta(hours=1)
_IN_FLIGHT: set[int] = set()  # messages a thread of this process is sending right now
# Messages that carry a decision: the gate keeps them on record for someone who asked not to be
# contacted (``kept``). Any other message to such a person is not sent.
DECISION_KINDS = ("let_go", "withdrawn")
OPTED_OUT = "not sent: they asked not to be contacted after this message was written"


def new_message_id(sender_email: str | None) -> str:
    domain = (
        sender_email.split("@", 1)[1] if sender_email and "@" in sender_email else "shortlist.local"
    )
    return make_msgid(idstring=uuid.uuid4().hex[:12], domain=domain)


def queue(
    conn: sqlite3.Connection,
    person_id: int,
    kind: str,
    channel: str,
    recipients: list[str],
    subject: str,
    body: str,
    settings: Settings,
    author: str,
    stamp: str,
    *,
    job_id: int | None = None,
    attachments: list[Attachment] = (),  # type: ignore[assignment]
) -> int:
    """A message born by the person's channel, inside the caller's transaction: queued
    (email), a call to make (phone), or kept unsent on record (they asked not to be
    contacted). Returns its row id; :func:`deliver` sends a queued one.

    ``job_id`` names the job a message is about when no application carries it (an
    interview invitation, a role offered to someone in the talent pool)."""
    state = _FIRST_STATE[channel]
    kept = state == KEPT
    cur = conn.execute(
        "INSERT INTO messages (message_id, person_id, kind, channel, recipients, subject, body, "
        "sender_name, sender_email, reply_to, state, author, created_at, delivered_at, transport, "
        "job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_message_id(settings.get("sender.email")),
            person_id,
            kind,
            channel,
            json.dumps(recipients if channel != "none" else []),
            subject,
            body,
            settings.get("sender.name") or author,
            settings.get("sender.email"),
            settings.get("reply_to"),
            state,
            author,
            stamp,
            stamp if kept else None,
            "kept on record" if kept else None,
            job_id,
        ),
    )
    row = cur.lastrowid or 0
    for item in attachments:
        conn.execute(
            "INSERT INTO message_attachments (message_id, filename, content_type, data) "
            "VALUES (?, ?, ?, ?)",
            (row, item.filename, item.content_type, item.data),
        )
    return row


@dataclass(frozen=True)
class Attachment:
    """A file a message carries (an interview's ``.ics``): ``content_type`` with its parameters,
    e.g. ``text/calendar; method=REQUEST``."""

    filename: str
    content_type: str
    data: bytes


def attachments_of(store: Store, message: int) -> list[Attachment]:
    return [
        Attachment(name, ctype, bytes(data))
        for name, ctype, data in store.conn.execute(
            "SELECT filename, content_type, data FROM message_attachments WHERE message_id = ? "
            "ORDER BY id",
            (message,),
        )
    ]


class DeliveryError(Exception):
    """A failed delivery: ``kind`` is transient, permanent or in_doubt."""

    def __init__(self, kind: str, message: str, refused: list[str] = ()):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.refused = list(refused)


@dataclass
class Outgoing:
    message_id: str
    sender_name: str
    sender_email: str
    reply_to: str
    recipients: list[str]
    subject: str
    body: str
    created_at: str
    attachments: list[Attachment] = field(default_factory=list)

    def email(self) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = formataddr((self.sender_name, self.sender_email))
        msg["To"] = ", ".join(self.recipients)
        msg["Reply-To"] = self.reply_to
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(datetime.fromisoformat(self.created_at))
        msg["Message-ID"] = self.message_id
        msg["Auto-Submitted"] = "no"  # a person wrote it; autoresponders may answer
        # Every message says how to hear no more: a mailto link to a person, whose subject
        # Shortlist recognises when the answer comes back (review.answers).
        unsubscribe = unsubscribe_header(self.reply_to)
        if unsubscribe:
            msg["List-Unsubscribe"] = unsubscribe
        msg.set_content(self.body)
        for item in self.attachments:
            ctype, _, params = item.content_type.partition(";")
            maintype, _, subtype = ctype.strip().partition("/")
            extra = {
                k.strip(): v.strip().strip('"')
                for k, _, v in (p.partition("=") for p in params.split(";") if "=" in p)
            }
            msg.add_attachment(
                item.data, maintype=maintype, subtype=subtype, filename=item.filename, params=extra
            )
        return msg


# --- transports -------------------------------------------------------------------------


class Transport(Protocol):
    """How a message leaves: the outbox folder or SMTP (a test may bring its own)."""

    name: str  # stored with the message: recovery asks the same transport about it

    def describe(self) -> str:
        """Where messages go, in words a recruiter reads ("SMTP mail.example.com:587")."""
        ...

    def already_delivered(self, message_id: str) -> bool:
        """Whether a send that a crash interrupted is known to have arrived."""
        ...

    def send(self, out: Outgoing) -> list[str]:
        """Deliver; returns refused recipients (when others accepted); raises DeliveryError."""
        ...


class OutboxFolder:
    """RFC 5322 ``.eml`` files that a mail client sends. Accepted once the file is on disk."""

    name = "outbox"

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"outbox folder {self.folder}"

    def path_for(self, message_id: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in message_id.strip("<>"))
        return self.folder / f"{safe}.eml"

    def already_delivered(self, message_id: str) -> bool:
        return self.path_for(message_id).exists()

    def send(self, out: Outgoing) -> list[str]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.path_for(out.message_id)
            tmp = target.with_name("." + target.name + ".tmp")
            data = out.email().as_bytes()
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as exc:
            raise DeliveryError(
                "transient", f"could not write to the outbox folder {self.folder}: {exc.strerror}"
            ) from None
        return []


class SMTPTransport:
    """SMTP with STARTTLS, SSL or none (a local relay). The password comes from the keyring."""

    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        security: str = "starttls",
        user: str = "",
        password_provider=None,
        timeout: float = 30.0,
    ):
        self.host, self.port, self.security, self.user = host, int(port), security, user
        self.password_provider = password_provider
        self.timeout = timeout

    def describe(self) -> str:
        return f"SMTP {self.host}:{self.port} ({self.security})"

    def already_delivered(self, message_id: str) -> bool:
        return False  # a server cannot be asked: an interrupted send is in doubt

    def send(self, out: Outgoing) -> list[str]:
        """Deliver; returns refused recipients (when others accepted). Raises DeliveryError."""
        attempt = _Attempt()
        try:
            client = self._connect()
            try:
                accepted = self._transmit(client, out, attempt)
            except BaseException:
                client.close()
                raise
            # Accepted: whatever QUIT brings (a 421 from a server shutting down,
            # a dropped line) cannot undo a delivery.
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
            return accepted
        except DeliveryError:
            raise
        except OSError as exc:  # smtplib's errors, timeouts, refused connections, TLS
            raise self._failure(exc, attempt.data_sent) from None

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            context = ssl.create_default_context()
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            client.ehlo()
            if self.security == "starttls":
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if self.user:
                self._login(client)
        except BaseException:
            client.close()
            raise
        return client

    def _login(self, client: smtplib.SMTP) -> None:
        password = self.password_provider(self.user) if self.password_provider else None
        if password is None:
            raise DeliveryError(
                "permanent", f"no SMTP password for {self.user}: enter it when asked"
            )
        client.login(self.user, password)

    def _transmit(self, client: smtplib.SMTP, out: Outgoing, attempt: _Attempt) -> list[str]:
        """MAIL, RCPT and DATA; returns the recipients refused while others accepted."""
        code, reply = client.mail(out.sender_email)
        if code != 250:
            raise smtplib.SMTPResponseException(code, reply)
        refused = []
        for rcpt in out.recipients:
            code, reply = client.rcpt(rcpt)
            if code not in (250, 251):
                refused.append((rcpt, code, reply))
        if len(refused) == len(out.recipients):
            rcpt, code, reply = refused[0]
            raise smtplib.SMTPResponseException(code, reply)
        # DATA by hand, so a timeout after the message went out is told apart.
        client.putcmd("data")
        code, reply = client.getreply()
        if code != 354:
            raise smtplib.SMTPResponseException(code, reply)
        client.send(_smtp_data(out.email().as_bytes()))
        attempt.data_sent = True
        code, reply = client.getreply()
        if code != 250:
            raise smtplib.SMTPResponseException(code, reply)
        return [f"{rcpt} ({code} {_text(reply)})" for rcpt, code, reply in refused]

    def _failure(self, exc: OSError, data_sent: bool) -> DeliveryError:
        """What a failed send means: worth trying again, permanent, or in doubt."""
        where = f"{self.host}:{self.port}"
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            answer = f"{exc.smtp_code} {_text(exc.smtp_error)}"
            return DeliveryError("permanent", f"the SMTP server refused the login ({answer})")
        if isinstance(exc, smtplib.SMTPResponseException):
            kind = "transient" if 400 <= exc.smtp_code < 500 else "permanent"
            answer = f"{exc.smtp_code} {_text(exc.smtp_error)}"
            return DeliveryError(kind, f"the server answered {answer}")
        timed_out = isinstance(exc, TimeoutError) or (
            isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" in str(exc)
        )
        if data_sent and timed_out:
            return DeliveryError(IN_DOUBT, _NO_CONFIRMATION)
        if isinstance(exc, TimeoutError):
            return DeliveryError("transient", f"the SMTP server did not answer in time ({exc})")
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            if data_sent:
                return DeliveryError(
                    IN_DOUBT, f"the connection dropped after the message was sent ({exc})"
                )
            return DeliveryError("transient", f"the SMTP server closed the connection ({exc})")
        if isinstance(exc, (ConnectionRefusedError, ConnectionResetError)):
            return DeliveryError("transient", f"cannot connect to {where} ({exc.strerror})")
        if isinstance(exc, ssl.SSLError):
            return DeliveryError("permanent", f"TLS with {self.host} failed ({exc.reason})")
        if data_sent:
            return DeliveryError(
                IN_DOUBT, f"the connection failed after the message was sent ({exc})"
            )
        return DeliveryError("transient", f"cannot reach {where} ({exc})")


_NO_CONFIRMATION = (
    "the server did not confirm in time after the message was sent: it may or may not have arrived"
)


class _Attempt:
    """How far one send got: after the data went out, a failure leaves it in doubt."""

    data_sent = False


def _smtp_data(message: bytes) -> bytes:
    """The DATA payload (RFC 5321 4.5.2): CRLF line ends, a dot doubled at a line start, then
    CRLF.CRLF."""
    lines = re.split(rb"\r\n|\r|\n", message)
    if lines and lines[-1] == b"":
        lines.pop()
    stuffed = [b"." + line if line.startswith(b".") else line for line in lines]
    return b"\r\n".join(stuffed) + b"\r\n.\r\n"


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def keyring_password(user: str, ask=None):
    """The SMTP password from the OS keyring; without a keyring backend, ``ask`` once per
    session."""
    try:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError

        try:
            found = keyring.get_password("shortlist-smtp", user)
            if found:
                return found
        except (NoKeyringError, KeyringError):
            pass
    except ImportError:
        pass
    if ask is not None:
        return ask(user)
    return None


def transport_from_settings(store: Store, settings: Settings, ask_password=None) -> Transport:
    """The transport the settings choose; SMTP asks for a password through ask_password."""
    if settings.get("transport") == "smtp":
        cache: dict[str, str] = {}

        def provider(user: str):
            if user not in cache:
                value = keyring_password(user, ask_password)
                if value is not None:
                    cache[user] = value
            return cache.get(user)

        return SMTPTransport(
            settings.get("smtp.host"),
            settings.get("smtp.port"),
            settings.get("smtp.security"),
            settings.get("smtp.user"),
            provider,
        )
    folder = settings.get("outbox.dir") or str(store.path.with_name(store.path.stem + "-outbox"))
    return OutboxFolder(Path(folder))


# --- delivery ------------------------------------------------------------------------------


@dataclass
class Result:
    message: int
    state: str
    detail: str = ""


def _outgoing(row: dict) -> Outgoing:
    return Outgoing(
        row["message_id"],
        row["sender_name"],
        row["sender_email"],
        row["reply_to"],
        json.loads(row["recipients"] or "[]"),
        row["subject"],
        row["body"],
        row["created_at"],
        row.get("attachments") or [],
    )


def _finish(store: Store, row: dict, transport_name: str, refused: list[str], author: str) -> None:
    stamp = now_iso()
    with store.transaction() as conn:
        conn.execute(
            "UPDATE messages SET state = ?, delivered_at = ?, transport = ?, refused = ?, "
            "last_error = NULL WHERE id = ?",
            (DELIVERED, stamp, transport_name, json.dumps(refused), row["id"]),
        )
        for app_id, person_id, job_id in conn.execute(
            "SELECT a.id, a.person_id, a.job_id FROM message_applications ma JOIN applications a "
            "ON a.id = ma.application_id WHERE ma.message_id = ? AND a.status = ?",
            (row["id"], LETTING_GO),
        ).fetchall():
            conn.execute(
                "UPDATE applications SET status = ?, updated_at = ? WHERE id = ?",
                (LET_GO, stamp, app_id),
            )
            audit.record(
                conn,
                author,
                LET_GO,
                person_id=person_id,
                job_id=job_id,
                application_id=app_id,
                before=LETTING_GO,
                after=LET_GO,
                message=row["id"],
                delivered_by=transport_name,
            )


# write(fn) runs fn(store) where the database is written and returns its result: at
# once (the command line), or on the window's one writer thread (app/writer.py). The
# send itself never runs there: a slow SMTP server must not hold up every write.
Write = Callable[[Callable[[Store], Any]], Any]


def _writer(store: Store | None, write: Write | None) -> Write:
    if write is not None:
        return write
    if store is None:
        raise ValueError("delivery needs a store or a writer")
    return lambda fn: fn(store)


_NOT_SENT = {
    DELIVERED: "already delivered",
    IN_DOUBT: "in doubt — resend only by choice",
    CALL_PENDING: "a phone call to confirm",
    KEPT: "kept on record at their request",
    SENDING: "a send is in progress",
}


def _claim(
    store: Store, message: int, transport_name: str, author: str, resend: bool
) -> tuple[dict, str | None]:
    """Mark the message ``sending`` (committed), so a crash leaves a trace. Returns its row,
    and None when claimed, or the state it is in when it cannot be sent now."""
    row = store.one("SELECT * FROM messages WHERE id = ?", (message,))
    if row is None:
        raise LookupError(f"no message {message}")
    row["attachments"] = attachments_of(store, message)
    # A message that carries no decision (an invitation, a role) is not sent to someone who
    # asked not to be contacted after it was written: their wish wins over our queue.
    row["opted_out"] = row["kind"] not in DECISION_KINDS and (
        store.scalar(
            "SELECT channel FROM contact_preferences WHERE person_id = ?", (row["person_id"],)
        )
        == "none"
    )
    allowed = (QUEUED, FAILED) + ((IN_DOUBT,) if resend else ())
    with store.transaction() as conn:
        # Claim the message: only one sender moves it to 'sending', even when
        # the app and the command line retry at the same moment.
        marks = ",".join("?" * len(allowed))
        claimed = conn.execute(
            "UPDATE messages SET state = ?, attempts = attempts + 1, transport = ?, sending_pid = "
            "?, "
            f"sending_at = ? WHERE id = ? AND state IN ({marks})",
            (SENDING, transport_name, os.getpid(), now_iso(), message, *allowed),
        ).rowcount
        if not claimed:
            state = conn.execute("SELECT state FROM messages WHERE id = ?", (message,)).fetchone()
            return row, state[0]
        if resend:
            audit.record(
                conn,
                author,
                "message_resent",
                person_id=row["person_id"],
                message=message,
                message_id=row["message_id"],
            )
    return row, None


def deliver(
    store: Store | None,
    message: int,
    transport: Transport,
    author: str = "shortlist",
    *,
    resend: bool = False,
    write: Write | None = None,
) -> Result:
    """Try to deliver one message now. ``resend`` is the reviewer's choice for an in-doubt
    message."""
    write = _writer(store, write)
    row, busy = write(lambda s: _claim(s, message, transport.name, author, resend))
    if busy is not None:
        return Result(message, busy, "not sent: " + _NOT_SENT.get(busy, busy))
    if row.get("opted_out"):
        stop = DeliveryError("permanent", OPTED_OUT)
        return write(lambda s: _failed(s, row, stop, author))
    _IN_FLIGHT.add(message)
    try:
        try:
            refused = transport.send(_outgoing(row))
        except DeliveryError as exc:
            return write(lambda s, exc=exc: _failed(s, row, exc, author))
        write(lambda s: _finish(s, row, transport.name, refused, author))
    finally:
        _IN_FLIGHT.discard(message)
    detail = transport.describe() + (f"; refused: {', '.join(refused)}" if refused else "")
    return Result(message, DELIVERED, detail)


def _failed(store: Store, row: dict, exc: DeliveryError, author: str) -> Result:
    attempts = row["attempts"] + 1
    if exc.kind == "transient":
        state = QUEUED
        backoff = min(timedelta(seconds=30 * 2 ** (attempts - 1)), MAX_BACKOFF)
        next_at = (datetime.now(UTC) + backoff).isoformat(timespec="seconds")
    else:
        state = IN_DOUBT if exc.kind == IN_DOUBT else FAILED
        next_at = None
    with store.transaction() as conn:
        conn.execute(
            "UPDATE messages SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            (state, exc.message, next_at, row["id"]),
        )
        audit.record(
            conn,
            author,
            f"message_{state}",
            person_id=row["person_id"],
            message=row["id"],
            reason=exc.message,
        )
    retry = f"; next try {next_at}" if next_at else ""
    return Result(row["id"], state, exc.message + retry)


def state_of(store: Store, message: int) -> str | None:
    """Where one message is (a :class:`review.status.MessageState` value), None if no such
    message."""
    return store.scalar("SELECT state FROM messages WHERE id = ?", (message,))


def applications_of(store: Store, message: int) -> list[tuple[int, int, str]]:
    """(application, person, status) of each application a message carries the decision for."""
    return store.conn.execute(
        "SELECT a.id, a.person_id, a.status FROM message_applications ma JOIN applications a "
        "ON a.id = ma.application_id WHERE ma.message_id = ?",
        (message,),
    ).fetchall()


def latest_for_application(store: Store, application_id: int) -> dict | None:
    """The newest message about an application: its id, state and last error."""
    return store.one(
        "SELECT m.id, m.state, m.last_error FROM messages m JOIN message_applications ma "
        "ON ma.message_id = m.id WHERE ma.application_id = ? ORDER BY m.id DESC LIMIT 1",
        (application_id,),
    )


def confirm_call(store: Store, message: int, author: str) -> Result:
    """The reviewer made the phone call the person asked for: the disposition is delivered."""
    row = store.one("SELECT * FROM messages WHERE id = ?", (message,))
    if row is None or row["state"] != CALL_PENDING:
        raise LookupError(f"message {message} is not a call waiting for confirmation")
    _finish(store, row, "phone call", [], author)
    return Result(message, DELIVERED, "call confirmed")


def recover(
    store: Store | None,
    transport: Transport,
    author: str = "shortlist",
    *,
    write: Write | None = None,
) -> list[Result]:
    """After a crash: sends that were under way are delivered (the file is there) or in doubt."""
    write = _writer(store, write)
    out = []
    for row in write(lambda s: s.query("SELECT * FROM messages WHERE state = ?", (SENDING,))):
        if _still_sending(row):
            continue  # another process is sending it right now
        if row["transport"] == getattr(transport, "name", None) and transport.already_delivered(
            row["message_id"]
        ):
            write(lambda s, row=row: _finish(s, row, transport.name, [], author))
            out.append(Result(row["id"], DELIVERED, "found delivered after an interruption"))
        else:
            exc = DeliveryError(
                IN_DOUBT, "the app stopped while this message was being sent: it may have arrived"
            )
            earlier = {**row, "attempts": row["attempts"] - 1}
            out.append(write(lambda s, earlier=earlier, exc=exc: _failed(s, earlier, exc, author)))
    return out


def _still_sending(row: dict, stale: timedelta = timedelta(minutes=10)) -> bool:
    """Whether a 'sending' message is in the hands of a live process (not one a crash stopped)."""
    pid = row.get("sending_pid")
    if pid == os.getpid():
        return row["id"] in _IN_FLIGHT  # this process: is a thread of ours sending it?
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    started = row.get("sending_at")
    if started and datetime.now(UTC) - datetime.fromisoformat(started) > stale:
        return False  # no send takes that long: the process is a stranger that reused the pid
    return True


def retry_due(
    store: Store | None,
    transport: Transport,
    author: str = "shortlist",
    now: datetime | None = None,
    include_failed: bool = False,
    *,
    write: Write | None = None,
) -> list[Result]:
    """Recover, then send every queued message whose retry time has come (and failed ones too,
    when asked)."""
    write = _writer(store, write)
    now = now or datetime.now(UTC)
    recover(store, transport, author, write=write)
    states = (QUEUED, FAILED) if include_failed else (QUEUED,)
    marks = ",".join("?" * len(states))
    sql = f"SELECT id, next_attempt_at FROM messages WHERE state IN ({marks}) ORDER BY id"
    results = []
    for row in write(lambda s: s.query(sql, states)):
        next_at = row["next_attempt_at"]
        if next_at is None or datetime.fromisoformat(next_at) <= now or include_failed:
            results.append(deliver(store, row["id"], transport, author, write=write))
    return results


def pending(store: Store) -> list[dict]:
    """Messages not delivered yet, with their people and jobs: the 'Waiting for a message' view."""
    rows = store.query(
        "SELECT m.id, m.state, m.channel, m.recipients, m.subject, m.last_error, m.attempts, "
        "m.next_attempt_at, m.created_at, m.message_id, p.id AS person_id, p.name, "
        "(SELECT group_concat(j.title, ', ') FROM message_applications ma JOIN applications a ON "
        "a.id = ma.application_id "
        " JOIN jobs j ON j.id = a.job_id WHERE ma.message_id = m.id) AS jobs "
        "FROM messages m JOIN people p ON p.id = m.person_id "
        f"WHERE m.state IN ({','.join('?' * len(UNDELIVERED))}) ORDER BY m.id",
        UNDELIVERED,
    )
    for row in rows:
        row["recipients"] = json.loads(row["recipients"] or "[]")
    return rows
