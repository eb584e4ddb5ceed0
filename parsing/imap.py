"""Read new messages from a mailbox over IMAP, changing nothing on the server.

``imap://USER@HOST[:PORT]/FOLDER``: TLS by default — implicit TLS on port
993 (the default), STARTTLS on 143 — and plain text only when the address
says ``?security=none`` (a local test server). The folder is opened with
EXAMINE (read-only) and bodies are fetched with ``BODY.PEEK[]``, so no
message is marked read, flagged, moved or deleted.

Messages are found with ``UID SEARCH [SINCE date]``; their Message-ID,
size and arrival date come first (``BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]``),
so messages already imported are skipped without downloading them, and a
message over the size limit is reported without being fetched.

Pure I/O with the mail server: no database. The caller says which
Message-IDs it already has (``known``) and where the password comes from.
"""

from __future__ import annotations

import imaplib
import re
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qs, unquote, urlsplit

from parsing.mail import MAX_MESSAGE_BYTES

DEFAULT_TLS_PORT = 993
DEFAULT_STARTTLS_PORT = 143
BATCH = 200  # UIDs per FETCH of headers
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class MailboxError(Exception):
    """The mailbox cannot be read; the message says why, in words for a recruiter."""


@dataclass(frozen=True)
class MailboxAddress:
    user: str
    host: str
    port: int
    folder: str = "INBOX"
    security: str = "tls"  # "tls" (implicit), "starttls" or "none"

    @classmethod
    def parse(cls, url: str) -> MailboxAddress:
        """``imap://USER@HOST[:PORT]/FOLDER[?security=tls|starttls|none]`` (``imaps://`` too)."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("imap", "imaps"):
            raise MailboxError(f"{url!r} is not a mailbox address (imap://USER@HOST[:PORT]/FOLDER)")
        netloc = parts.netloc
        if "@" not in netloc:
            raise MailboxError(f"{url!r} names no user (imap://USER@HOST/FOLDER)")
        user, _, hostport = netloc.rpartition("@")
        user = unquote(user)
        host, _, port_text = hostport.partition(":")
        if host.startswith("["):  # an IPv6 literal
            host, _, rest = hostport[1:].partition("]")
            port_text = rest.lstrip(":")
        if not host or not user:
            raise MailboxError(f"{url!r} needs both a user and a host")
        query = parse_qs(parts.query)
        security = (query.get("security") or [""])[0].lower()
        try:
            port = int(port_text) if port_text else None
        except ValueError:
            raise MailboxError(f"{port_text!r} is not a port number") from None
        if not security:
            security = "starttls" if port == DEFAULT_STARTTLS_PORT else "tls"
        if security not in ("tls", "starttls", "none"):
            raise MailboxError(f"unknown security {security!r} (tls, starttls or none)")
        if port is None:
            port = DEFAULT_TLS_PORT if security == "tls" else DEFAULT_STARTTLS_PORT
        folder = unquote(parts.path.lstrip("/")) or "INBOX"
        return cls(user, host, port, folder, security)

    def __str__(self) -> str:
        return f"imap://{self.user}@{self.host}:{self.port}/{self.folder}"


@dataclass
class FetchedMessage:
    uid: int
    message_id: str | None
    size: int
    arrived: str | None  # INTERNALDATE as ISO 8601
    data: bytes | None = None  # None when not fetched (see problem)
    problem: str | None = None  # why the body was not fetched (over the size limit)

    def label(self, address: MailboxAddress) -> str:
        """How the recruiter sees this message in a batch: ``imap://user@host/FOLDER/UID.eml``."""
        return f"imap://{address.user}@{address.host}/{address.folder}/{self.uid}.eml"


@dataclass
class FetchSummary:
    found: int = 0  # messages matching the search
    skipped_known: int = 0  # already imported (by Message-ID)
    fetched: int = 0
    too_large: int = 0


def fetch_messages(
    address: MailboxAddress,
    password: str,
    *,
    since: date | None = None,
    known: Callable[[str], bool] = lambda message_id: False,
    max_bytes: int = MAX_MESSAGE_BYTES,
    timeout: float = 60.0,
    ssl_context: ssl.SSLContext | None = None,
    summary: FetchSummary | None = None,
) -> Iterator[FetchedMessage]:
    """New messages of the folder, oldest first, one at a time (memory: one message).

    Raises :class:`MailboxError` when the server cannot be reached, refuses
    the login, or has no such folder.
    """
    summary = summary if summary is not None else FetchSummary()
    client = _connect(address, timeout, ssl_context)
    try:
        _check(
            lambda: client.login(address.user, password),
            f"the server refused the login of {address.user}",
        )
        status, data = _call(lambda: client.select(_mailbox_name(address.folder), readonly=True))
        if status != "OK":
            raise MailboxError(
                f"there is no folder {address.folder!r} on {address.host} ({_said(data)})"
            )
        criteria = (
            ["SINCE", f"{since.day:02d}-{_MONTHS[since.month - 1]}-{since.year}"]
            if since
            else ["ALL"]
        )
        status, data = _call(lambda: client.uid("SEARCH", *criteria))
        if status != "OK":
            raise MailboxError(f"the server could not search {address.folder!r} ({_said(data)})")
        uids = [int(u) for u in (data[0] or b"").split() if u.isdigit()]
        summary.found = len(uids)
        for start in range(0, len(uids), BATCH):
            chunk = uids[start : start + BATCH]
            for uid, message_id, size, arrived in _headers(client, chunk):
                if message_id and known(message_id):
                    summary.skipped_known += 1
                    continue
                if size > max_bytes:
                    summary.too_large += 1
                    yield FetchedMessage(
                        uid,
                        message_id,
                        size,
                        arrived,
                        problem=(
                            f"the message is {size / 1024**2:,.0f} MB, "
                            f"over the {max_bytes / 1024**2:.0f} MB limit "
                            "for one message; not downloaded"
                        ),
                    )
                    continue
                body = _body(client, uid, max_bytes)
                if body is None:
                    continue  # deleted on the server meanwhile
                summary.fetched += 1
                yield FetchedMessage(uid, message_id, size, arrived, body)
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _connect(
    address: MailboxAddress, timeout: float, ssl_context: ssl.SSLContext | None
) -> imaplib.IMAP4:
    context = ssl_context or ssl.create_default_context()
    try:
        if address.security == "tls":
            return imaplib.IMAP4_SSL(
                address.host, address.port, ssl_context=context, timeout=timeout
            )
        client = imaplib.IMAP4(address.host, address.port, timeout=timeout)
        if address.security == "starttls":
            if "STARTTLS" not in client.capabilities:
                client.shutdown()
                raise MailboxError(
                    f"{address.host} does not offer STARTTLS; the password is not sent in the clear"
                )
            client.starttls(ssl_context=context)
        return client
    except ssl.SSLCertVerificationError as exc:
        raise MailboxError(
            f"the certificate of {address.host} is not trusted ({exc.verify_message})"
        ) from None
    except ssl.SSLError as exc:
        raise MailboxError(
            f"a secure connection to {address.host}:{address.port} failed ({exc.reason})"
        ) from None
    except TimeoutError:
        raise MailboxError(
            f"{address.host}:{address.port} did not answer in {timeout:g} s"
        ) from None
    except OSError as exc:
        raise MailboxError(
            f"cannot connect to {address.host}:{address.port} ({exc.strerror or exc})"
        ) from None
    except imaplib.IMAP4.error as exc:
        raise MailboxError(f"{address.host} does not speak IMAP as expected ({exc})") from None


def _call(action):
    try:
        return action()
    except imaplib.IMAP4.error as exc:
        return "NO", [str(exc).encode()]
    except (OSError, EOFError) as exc:
        raise MailboxError(f"the connection to the mail server broke ({exc})") from None


def _check(action, message: str) -> None:
    status, data = _call(action)
    if status != "OK":
        raise MailboxError(f"{message} ({_said(data)})")


def _said(data) -> str:
    if data and isinstance(data, list) and data[0]:
        first = data[0]
        return (first.decode("utf-8", "replace") if isinstance(first, bytes) else str(first))[:200]
    return "no reason given"


_FETCH_RE = re.compile(rb"UID (\d+)|RFC822\.SIZE (\d+)|INTERNALDATE \"([^\"]+)\"")


def _headers(
    client: imaplib.IMAP4, uids: list[int]
) -> Iterator[tuple[int, str | None, int, str | None]]:
    spec = ",".join(str(u) for u in uids)
    status, data = _call(
        lambda: client.uid(
            "FETCH", spec, "(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
        )
    )
    if status != "OK":
        raise MailboxError(f"the server would not list the messages ({_said(data)})")
    found = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, header = item[0], item[1] or b""
        uid = size = None
        arrived = None
        for m in _FETCH_RE.finditer(meta):
            if m.group(1):
                uid = int(m.group(1))
            elif m.group(2):
                size = int(m.group(2))
            elif m.group(3):
                arrived = _internaldate(m.group(3).decode("ascii", "replace"))
        if uid is None:
            continue
        match = re.search(rb"(?im)^message-id:\s*(<[^>\r\n]*>|\S+)", header)
        message_id = match.group(1).decode("utf-8", "replace").strip() if match else None
        found.append((uid, message_id, size or 0, arrived))
    found.sort()
    yield from found


def _body(client: imaplib.IMAP4, uid: int, max_bytes: int) -> bytes | None:
    status, data = _call(lambda: client.uid("FETCH", str(uid), "(BODY.PEEK[])"))
    if status != "OK":
        raise MailboxError(f"the server would not send message {uid} ({_said(data)})")
    for item in data:
        if isinstance(item, tuple) and item[1] is not None:
            return item[1][: max_bytes + 1]
    return None


def _internaldate(value: str) -> str | None:
    try:
        return datetime.strptime(value, "%d-%b-%Y %H:%M:%S %z").isoformat()
    except ValueError:
        return None


def _mailbox_name(folder: str) -> str:
    """The folder as IMAP names it: modified UTF-7 for non-ASCII names, quoted when needed."""
    if any(ord(ch) > 126 or ch == "&" for ch in folder):
        out, run = [], []

        def flush() -> None:
            if run:
                import base64

                encoded = (
                    base64.b64encode("".join(run).encode("utf-16-be"))
                    .decode()
                    .rstrip("=")
                    .replace("/", ",")
                )
                out.append(f"&{encoded}-")
                run.clear()

        for ch in folder:
            if ch == "&":
                flush()
                out.append("&-")
            elif 0x20 <= ord(ch) <= 0x7E:
                flush()
                out.append(ch)
            else:
                run.append(ch)
        flush()
        folder = "".join(out)
    if re.search(r'[\s"(){}%*\\]', folder):
        folder = '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return folder
