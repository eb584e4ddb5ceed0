"""Delivering disposition messages: a transactional outbox.

A message is queued in the same transaction that puts its applications into
``letting_go`` (see :mod:`review.gate`). Delivery is:

1. mark the message ``sending`` (committed), so a crash now leaves a trace;
2. hand it to the transport: SMTP (accepted = 250 after DATA) or the outbox
   folder (accepted = the ``.eml`` file written and fsynced: written there for
   the reviewer's mail client to send, which is all Shortlist can know). Just
   before the message data leaves (after SMTP's 354, before the file is
   written) ``data_started_at`` is committed;
3. on acceptance, one transaction marks it ``delivered`` with the transport's
   answer and its applications ``let_go``.

Transient failures (421, 45x, timeouts and refused connections before the data
is sent) go back to ``queued`` with a backoff; permanent ones (55x, bad
credentials) become ``failed`` with the reason, and the person stays on the
list. A timeout after the data was sent is ``in_doubt``: the reviewer decides
whether to send again, with the same Message-ID, so a mail system can tell the
copies apart. A crash during step 2 is found at the next start: a message
whose data never started to leave goes back to the queue (it cannot have
arrived); an outbox file that exists means delivered; an SMTP send that had
started its data is in doubt.

Whatever a transport raises, :func:`deliver` catches and classifies: nothing
escapes it, and no message is left ``sending`` by an error.
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


@dataclass
class Sent:
    """A transport's acceptance: its answer (kept with the message) and any refused recipients."""

    answer: str
    refused: list[str]


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

    @property
    def international(self) -> bool:
        """Whether an address needs SMTPUTF8 (a character outside ASCII, like Word's ’)."""
        return not all(a.isascii() for a in [self.sender_email, *self.recipients])

    def as_bytes(self) -> bytes:
        """The RFC 5322 bytes; addresses outside ASCII are written as UTF-8 (RFC 6532)."""
        msg = self.email()
        return msg.as_bytes(policy=msg.policy.clone(utf8=self.international))

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

    def send(self, out: Outgoing, on_data: Callable[[], None] | None = None) -> Sent:
        """Deliver; returns the transport's answer and any refused recipients (when others
        accepted); raises DeliveryError. ``on_data()`` is called just before the message data
        leaves, so a crash after it is in doubt and a crash before it is not. (A transport that
        takes no ``on_data``, or returns only the refused recipients, is accepted too.)"""
        ...

    # Optional: ``accepted()`` says what a delivery means in the reviewer's words, and
    # ``confirms`` whether already_delivered() is a sure answer.


class OutboxFolder:
    """RFC 5322 ``.eml`` files that a mail client sends. Accepted once the file is on disk."""

    name = "outbox"
    # Whether already_delivered() is a sure answer: a file is there or it is not.
    confirms = True

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def describe(self) -> str:
        return f"the outbox folder {self.folder}, for your mail client to send"

    def accepted(self) -> str:
        """What a delivery by this transport means, in the reviewer's words."""
        return f"written to the outbox folder {self.folder} for your mail client to send"

    def path_for(self, message_id: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in message_id.strip("<>"))
        return self.folder / f"{safe}.eml"

    def already_delivered(self, message_id: str) -> bool:
        return self.path_for(message_id).exists()

    def send(self, out: Outgoing, on_data=None) -> Sent:
        data = out.as_bytes()
        target = self.path_for(out.message_id)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name("." + target.name + ".tmp")
            if on_data is not None:
                on_data()
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
        return Sent(f"written to {target}", [])


class SMTPTransport:
    """SMTP with STARTTLS, SSL or none (a local relay). The password comes from the keyring."""

    name = "smtp"
    confirms = False  # a server cannot be asked whether it holds a message

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

    def accepted(self) -> str:
        return f"delivered to the mail server {self.host}:{self.port}"

    def already_delivered(self, message_id: str) -> bool:
        return False  # a server cannot be asked: an interrupted send is in doubt

    def send(self, out: Outgoing, on_data=None) -> Sent:
        """Deliver; returns the server's answer and refused recipients (when others accepted).

        Raises DeliveryError, and only DeliveryError: in doubt only once the data began to leave.
        """
        attempt = _Attempt(on_data)
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
        except Exception as exc:  # anything else (a bug, an odd server): classified, never raised
            if attempt.data_started:
                reason = (
                    f"sending stopped after the message data began to leave "
                    f"({type(exc).__name__}: {exc}): it may have arrived"
                )
                raise DeliveryError(IN_DOUBT, reason) from None
            reason = f"the message could not be sent ({type(exc).__name__}: {exc})"
            raise DeliveryError("permanent", reason) from None

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

    def _transmit(self, client: smtplib.SMTP, out: Outgoing, attempt: _Attempt) -> Sent:
        """MAIL, RCPT and DATA; returns the server's answer and the recipients refused while
        others accepted. An address outside ASCII (Word's ’) goes with SMTPUTF8 where the server
        offers it, and is a permanent failure, said plainly, where it does not."""
        options = []
        if out.international:
            if not client.has_extn("smtputf8"):
                raise DeliveryError("permanent", _not_ascii(out, self.host))
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        code, reply = client.mail(out.sender_email, options)
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
        payload = _smtp_data(out.as_bytes())
        client.putcmd("data")
        code, reply = client.getreply()
        if code != 354:
            raise smtplib.SMTPResponseException(code, reply)
        attempt.start_data()
        client.send(payload)
        attempt.data_sent = True
        code, reply = client.getreply()
        if code != 250:
            raise smtplib.SMTPResponseException(code, reply)
        answer = f"{code} {_text(reply)}"
        return Sent(answer, [f"{rcpt} ({c} {_text(r)})" for rcpt, c, r in refused])

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
    data_started = False

    def __init__(self, on_data=None):
        self._on_data = on_data

    def start_data(self) -> None:
        """The message data is about to leave (after 354): the caller commits that first."""
        if self._on_data is not None:
            self._on_data()
        self.data_started = True


def _not_ascii(out: Outgoing, host: str) -> str:
    """Why a message to an address outside ASCII cannot go through a server without SMTPUTF8."""
    odd = [a for a in [*out.recipients, out.sender_email] if not a.isascii()]
    chars = "".join(dict.fromkeys(ch for a in odd for ch in a if not ch.isascii()))
    typographic = any(ch in "’‘“”" for ch in chars)
    hint = (
        " A word processor often turns ' into ’ as you type: check the address with them and "
        "correct it."
        if typographic
        else " Check the address, or send through a server that accepts international "
        "addresses (SMTPUTF8)."
    )
    return (
        f"the address {', '.join(odd)} contains {chars}, which the mail server {host} cannot "
        f"carry (it does not accept international addresses).{hint}"
    )


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


KEYRING_SERVICE = "shortlist-smtp"


class NoSecureKeyring(Exception):
    """There is no secure keyring here: the password is asked once per session instead."""


def keyring_backend() -> tuple[str, bool]:
    """(the keyring backend's name, whether it keeps secrets safely). A plain-text file, the
    null and the failing backends do not: priority below 1 is keyring's own word for it."""
    try:
        import keyring
    except ImportError:
        return "no keyring library", False
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return f"no usable keyring ({exc})", False
    name = str(getattr(backend, "name", type(backend).__name__))
    try:
        priority = float(backend.priority)
    except Exception:
        priority = 0.0
    plain = type(backend).__module__.startswith(("keyrings.alt.file", "keyring.backends.null"))
    return name, priority >= 1 and not plain


def store_password(user: str, password: str, service: str = KEYRING_SERVICE) -> str:
    """Keep the SMTP password (or another ``service``'s) in the system keyring; returns the
    backend's name.

    Raises :class:`NoSecureKeyring` (nothing stored) when the only backend would keep it
    unsafely, or none works."""
    name, secure = keyring_backend()
    if not secure:
        what = "SMTP password" if service == KEYRING_SERVICE else "password"
        raise NoSecureKeyring(
            f"there is no secure keyring on this system ({name}), so the {what} is not "
            "stored: Shortlist asks for it once per session when it needs it"
        )
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(service, user, password)
    except KeyringError as exc:
        raise NoSecureKeyring(f"the keyring ({name}) did not store the password: {exc}") from None
    return name


def keyring_password(user: str, ask=None, service: str = KEYRING_SERVICE):
    """The SMTP password (or another ``service``'s) from the OS keyring; without a keyring
    backend, ``ask`` once per session."""
    try:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError

        try:
            found = keyring.get_password(service, user)
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


def _finish(store: Store, row: dict, transport_name: str, sent: Sent, author: str) -> list[str]:
    """The message delivered, with the transport's answer, and its applications let go, in one
    transaction. Returns the reasons the database refused to let an application go, if any.

    A refusal (their record changed since the message was queued, say) never undoes the
    delivery: the message is recorded delivered, that application stays waiting, and the
    audit log says why — so recovery does not stumble over it at every start.
    """
    stamp = now_iso()
    with store.transaction() as conn:
        conn.execute(
            "UPDATE messages SET state = ?, delivered_at = ?, transport = ?, answer = ?, "
            "refused = ?, "
            "last_error = NULL WHERE id = ?",
            (DELIVERED, stamp, transport_name, sent.answer, json.dumps(sent.refused), row["id"]),
        )
        refusals = _let_go_carried(store, row["id"], author, stamp, delivered_by=transport_name)
    return refusals


def _let_go_carried(store: Store, message: int, author: str, stamp: str, **detail) -> list[str]:
    """The applications waiting for this message (now delivered, or kept at their request) are
    let go, inside the caller's transaction; ``detail`` goes into each audit record. Returns the
    reasons the database refused one, if any (each refusal undoes only its application)."""
    conn = store.conn
    refusals = []
    for app_id, person_id, job_id in conn.execute(
        "SELECT a.id, a.person_id, a.job_id FROM message_applications ma JOIN applications a "
        "ON a.id = ma.application_id WHERE ma.message_id = ? AND a.status = ?",
        (message, LETTING_GO),
    ).fetchall():
        try:
            with store.transaction():  # a savepoint: a refusal undoes only this application
                conn.execute(
                    "UPDATE applications SET status = ?, updated_at = ? WHERE id = ?",
                    (LET_GO, stamp, app_id),
                )
        except sqlite3.IntegrityError as exc:
            refusals.append(str(exc))
            audit.record(
                conn,
                author,
                "let_go_refused",
                person_id=person_id,
                job_id=job_id,
                application_id=app_id,
                message=message,
                reason=str(exc),
            )
            continue
        audit.record(
            conn,
            author,
            LET_GO,
            person_id=person_id,
            job_id=job_id,
            application_id=app_id,
            before=LETTING_GO,
            after=LET_GO,
            message=message,
            **detail,
        )
    return refusals


# --- their wish over our queue -------------------------------------------------------------

# What still waits to go out, and so can be stopped: not one in flight, delivered or in doubt.
STOPPABLE = (QUEUED, FAILED, CALL_PENDING)
NOT_CONTACTED = "they asked us not to contact them"


def _opted_out(store: Store, person_id: int) -> bool:
    return (
        store.scalar("SELECT channel FROM contact_preferences WHERE person_id = ?", (person_id,))
        == "none"
    )


def _keep(store: Store, row: dict, author: str, reason: str) -> list[str]:
    """One waiting message kept on record, unsent, in the caller's transaction; a decision it
    carries completes as the gate's does for someone whose channel was none (let go, audited
    with the reason). Returns the database's refusals, if any."""
    stamp = now_iso()
    conn = store.conn
    conn.execute(
        "UPDATE messages SET state = ?, delivered_at = ?, transport = ?, answer = ?, "
        "last_error = NULL, next_attempt_at = NULL WHERE id = ?",
        (KEPT, stamp, "kept on record", f"not sent: {reason}", row["id"]),
    )
    audit.record(
        conn,
        author,
        "message_kept",
        person_id=row["person_id"],
        job_id=row.get("job_id"),
        message=row["id"],
        kind=row["kind"],
        before=row["state"],
        after=KEPT,
        reason=reason,
    )
    honoured = f"{reason}: the message is kept on record, not sent"
    return _let_go_carried(store, row["id"], author, stamp, honoured=honoured)


def keep_unsent(
    store: Store, person_id: int, author: str, reason: str = NOT_CONTACTED
) -> list[int]:
    """They asked not to be contacted (their channel is ``none`` now): every message to them
    still waiting to go out is kept on record instead, audited with ``reason``. Returns the
    rows kept. Runs in the caller's transaction when there is one."""
    kept = []
    marks = ",".join("?" * len(STOPPABLE))
    with store.transaction():
        for row in store.query(
            f"SELECT * FROM messages WHERE person_id = ? AND state IN ({marks}) ORDER BY id",
            (person_id, *STOPPABLE),
        ):
            _keep(store, row, author, reason)
            kept.append(row["id"])
    return kept


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
    allowed = (QUEUED, FAILED) + ((IN_DOUBT,) if resend else ())
    with store.transaction() as conn:
        # They asked not to be contacted after it was written (and nothing kept it yet, a send
        # under way when they asked, say): their wish wins over our queue.
        row["state"] = state_of(store, message)
        if row["state"] in STOPPABLE and _opted_out(store, row["person_id"]):
            _keep(store, row, author, NOT_CONTACTED)
            return row, KEPT
        # Claim the message: only one sender moves it to 'sending', even when
        # the app and the command line retry at the same moment.
        marks = ",".join("?" * len(allowed))
        claimed = conn.execute(
            "UPDATE messages SET state = ?, attempts = attempts + 1, transport = ?, "
            "sending_pid = ?, sending_at = ?, data_started_at = NULL "
            f"WHERE id = ? AND state IN ({marks})",
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
    _IN_FLIGHT.add(message)
    try:
        started = []

        def on_data() -> None:
            # Committed before the data leaves: after a crash, recovery knows it may have arrived.
            started.append(True)
            write(lambda s: _mark_data_started(s, message))

        try:
            sent = _send(transport, _outgoing(row), on_data)
        except DeliveryError as exc:
            return write(lambda s, exc=exc: _failed(s, row, exc, author))
        except (
            Exception
        ) as exc:  # a transport that raised something else: classified, never escapes
            kind = IN_DOUBT if started else "permanent"
            where = (
                "after the message data began to leave: it may have arrived"
                if started
                else "before it was sent"
            )
            reason = f"{_describe(transport)} failed {where} ({type(exc).__name__}: {exc})"
            return write(
                lambda s, reason=reason, kind=kind: _failed(
                    s, row, DeliveryError(kind, reason), author
                )
            )
        refusals = write(lambda s: _finish(s, row, transport.name, sent, author))
    finally:
        _IN_FLIGHT.discard(message)
    detail = _accepted(transport) + (
        f"; refused: {', '.join(sent.refused)}" if sent.refused else ""
    )
    if refusals:
        detail += "; but the database kept them waiting: " + "; ".join(refusals)
    return Result(message, DELIVERED, detail)


def _mark_data_started(store: Store, message: int) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE messages SET data_started_at = ? WHERE id = ?", (now_iso(), message))


def _send(transport, out: Outgoing, on_data) -> Sent:
    """``transport.send`` with the data hook when it takes one; a plain list of refused
    recipients (an older or simpler transport) is accepted as well."""
    import inspect

    try:
        params = inspect.signature(transport.send).parameters
        takes_hook = "on_data" in params or any(p.kind == p.VAR_KEYWORD for p in params.values())
    except (TypeError, ValueError):
        takes_hook = False
    answer = transport.send(out, on_data=on_data) if takes_hook else transport.send(out)
    if isinstance(answer, Sent):
        return answer
    return Sent(f"accepted by {_describe(transport)}", list(answer or []))


def _describe(transport) -> str:
    try:
        return transport.describe()
    except Exception:
        return getattr(transport, "name", "the transport")


def _accepted(transport) -> str:
    accepted = getattr(transport, "accepted", None)
    return accepted() if accepted else f"delivered by {_describe(transport)}"


def _failed(
    store: Store, row: dict, exc: DeliveryError, author: str, *, wait: bool = True
) -> Result:
    attempts = row["attempts"] + 1
    if exc.kind == "transient":
        state = QUEUED
        backoff = (
            min(timedelta(seconds=30 * 2 ** (attempts - 1)), MAX_BACKOFF) if wait else timedelta(0)
        )
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
    with store.transaction() as conn:
        row = store.one("SELECT * FROM messages WHERE id = ?", (message,))
        if row is None or row["state"] != CALL_PENDING:
            raise LookupError(f"message {message} is not a call waiting for confirmation")
        # Like every message, through sending: the state machine has one road to delivered.
        conn.execute(
            "UPDATE messages SET state = ?, sending_pid = ?, sending_at = ? WHERE id = ?",
            (SENDING, os.getpid(), now_iso(), message),
        )
        refusals = _finish(
            store, row, "phone call", Sent(f"call confirmed by {author}", []), author
        )
    return Result(message, DELIVERED, "call confirmed" + "".join(f"; {r}" for r in refusals))


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
            sent = Sent(f"found {_accepted(transport)} after an interruption", [])
            write(lambda s, row=row, sent=sent: _finish(s, row, transport.name, sent, author))
            out.append(Result(row["id"], DELIVERED, "found delivered after an interruption"))
            continue
        same = row["transport"] == getattr(transport, "name", None)
        if row.get("data_started_at") and not (same and getattr(transport, "confirms", False)):
            exc = DeliveryError(
                IN_DOUBT, "the app stopped while this message was being sent: it may have arrived"
            )
        else:
            # Its data never started to leave (or the outbox folder says it is not there):
            # it cannot have arrived, so it simply goes again.
            exc = DeliveryError(
                "transient", "the app stopped before this message was sent: it will be sent again"
            )
        earlier = {**row, "attempts": row["attempts"] - 1}
        out.append(
            write(lambda s, earlier=earlier, exc=exc: _failed(s, earlier, exc, author, wait=False))
        )
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
