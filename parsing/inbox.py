"""Messages people send back: saved ``.eml`` files, Outlook ``.msg``, mbox files and Maildir
folders, read into :class:`IncomingMail` records — who wrote, which of our messages they
answer (``In-Reply-To``, ``References``), what they wrote.

Pure reading, no database: the caller says which Message-IDs it has read before
(``known``), and those are skipped before their bodies are looked at. A file that is
not a message, or a message that cannot be read, becomes a record with a
``problem`` that names the cause; it never stops the others. An mbox is read one
message at a time, so its size does not matter, only each message's.
"""

from __future__ import annotations

import hashlib
import html
import mailbox
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

# A reply is a few kilobytes; a saved message over this is not read (mail systems stop at 25-50 MB).
MAX_MESSAGE_BYTES = 60 * 1024 * 1024
MAX_BODY_CHARS = 100_000
HEADER_BYTES = 64 * 1024  # enough of a file to read its headers when sorting a drop
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg (an OLE2 compound file)
_MSGID = re.compile(r"<[^<>\s]+>")
_MBOX_FROM = re.compile(rb"^From \S*.*\d\d:\d\d")
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,80}:")


@dataclass
class IncomingMail:
    """One message read from a file or mailbox (``problem`` says why it could not be)."""

    source: str  # the file, or "mailbox.mbox#12", "Maildir/new/<key>"
    message_id: str | None = None  # "<…>"; a digest stands in when the message has none
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    sender: str | None = None  # the address, lower case
    sender_name: str | None = None
    subject: str = ""
    date: str | None = None  # ISO 8601
    body: str = ""  # plain text, as written (quotes included: review.answers cuts them)
    # "auto_reply" (out of office), "bounce" (a delivery failure), "bulk" (a mailing list)
    automatic: str | None = None
    problem: str | None = None
    known: bool = False  # read before (by Message-ID): skipped, only its id and source are set

    @property
    def answers(self) -> list[str]:
        """The Message-IDs it says it answers: In-Reply-To first, then References newest first."""
        seen, out = set(), []
        for mid in [*self.in_reply_to, *reversed(self.references)]:
            if mid not in seen:
                seen.add(mid)
                out.append(mid)
        return out


def message_ids(value: str | None) -> list[str]:
    """The ``<id>`` tokens of a Message-ID, In-Reply-To or References header."""
    return _MSGID.findall(str(value or ""))


def digest_id(data: bytes) -> str:
    """A stand-in Message-ID for a message without one: the same bytes, the same id."""
    return f"<sha256-{hashlib.sha256(data).hexdigest()[:32]}@no-message-id.shortlist>"


# --- one message ---------------------------------------------------------------------------


def read_message(data: bytes, source: str) -> IncomingMail:
    """A message's bytes into an :class:`IncomingMail` (with ``problem`` when it is not one)."""
    if len(data) > MAX_MESSAGE_BYTES:
        mb = len(data) / 1024**2
        return IncomingMail(source, problem=f"the message is {mb:,.0f} MB: too large to be a reply")
    if data.startswith(OLE_MAGIC):
        return _read_outlook(data, source)
    if not _looks_like_mail(data):
        return IncomingMail(source, problem="not an e-mail message (no mail headers at its start)")
    try:
        parsed = BytesParser(policy=policy.compat32).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything it still refuses is malformed
        return IncomingMail(source, problem=f"the message cannot be read ({type(exc).__name__})")
    mail = _from_headers(parsed, source)
    if mail.sender is None and not mail.in_reply_to and not mail.references:
        mail.problem = "the message has no sender address and answers no message: nothing to tie"
        return mail
    mail.message_id = mail.message_id or digest_id(data)
    try:
        mail.body = _body_text(parsed)[:MAX_BODY_CHARS]
    except Exception as exc:
        mail.problem = f"the message's text cannot be read ({type(exc).__name__})"
    mail.automatic = _automatic(parsed)
    return mail


def _looks_like_mail(data: bytes) -> bool:
    head = data[:HEADER_BYTES].lstrip(b"\xef\xbb\xbf")
    lines = head.split(b"\n", 40)
    names = set()
    for line in lines[:40]:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    return bool(
        names
        & {
            b"from",
            b"message-id",
            b"in-reply-to",
            b"references",
            b"subject",
            b"mime-version",
            b"date",
            b"received",
            b"return-path",
        }
    )


def _decode(value) -> str:
    if value is None:
        return ""
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(str(value))))
    except Exception:
        return str(value)


def _from_headers(parsed: Message, source: str) -> IncomingMail:
    mail = IncomingMail(source)
    ids = message_ids(parsed.get("Message-ID"))
    mail.message_id = ids[0] if ids else None
    mail.in_reply_to = message_ids(parsed.get("In-Reply-To"))
    mail.references = message_ids(" ".join(str(v) for v in parsed.get_all("References") or []))
    addresses = getaddresses([_decode(v) for v in parsed.get_all("From") or []])
    for name, address in addresses:
        if "@" in address:
            mail.sender, mail.sender_name = address.strip().lower(), name.strip() or None
            break
    mail.subject = " ".join(_decode(parsed.get("Subject")).split())
    try:
        when = parsedate_to_datetime(str(parsed.get("Date")))
        mail.date = when.isoformat(timespec="seconds") if when else None
    except (TypeError, ValueError, IndexError):
        mail.date = None
    return mail


def _automatic(parsed: Message) -> str | None:
    """Mail no person wrote to us: a mailing list, an out-of-office answer, a bounce."""
    ctype = parsed.get_content_type()
    report = str(parsed.get_param("report-type", "") or "").lower()
    if ctype == "multipart/report" and report == "delivery-status":
        return "bounce"
    precedence = str(parsed.get("Precedence", "")).strip().lower()
    if parsed.get("List-Id") or precedence in ("bulk", "list", "junk"):
        return "bulk"
    auto = str(parsed.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        return "auto_reply"
    if parsed.get("X-Autoreply") or parsed.get("X-Autorespond"):
        return "auto_reply"
    return None


def _body_text(parsed: Message) -> str:
    plain, markup = None, None
    for part in parsed.walk():
        if part.is_multipart():
            continue
        disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
        if disposition == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part)
        elif ctype == "text/html" and markup is None:
            markup = _part_text(part)
    if plain and plain.strip():
        return plain
    return _html_text(markup or "")


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        return payload.decode("utf-8", errors="replace")


_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|blockquote)\b[^>]*>", re.IGNORECASE)
_QUOTE_BLOCK = re.compile(r"<blockquote\b.*?</blockquote>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SKIP = re.compile(r"<(script|style|head)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def _html_text(markup: str) -> str:
    """Text of an HTML-only reply; quoted blocks (our message) are left out."""
    text = _SKIP.sub("", markup)
    text = _QUOTE_BLOCK.sub("\n", text)
    text = _BLOCK.sub("\n", text)
    return html.unescape(_TAG.sub("", text))


def _read_outlook(data: bytes, source: str) -> IncomingMail:
    """An Outlook ``.msg``: read by the mail reader (:func:`parsing.mail.read_msg`, with its
    limits), and the ids it answers from its own properties or kept transport headers."""
    from parsing.errors import ParseProblem
    from parsing.mail import read_msg

    try:
        info = read_msg(data).info
    except ParseProblem as problem:
        return IncomingMail(source, problem=problem.message)
    ids = message_ids(info.message_id)
    mail = IncomingMail(
        source,
        message_id=ids[0] if ids else digest_id(data),
        sender=(info.sender or "").lower() or None,
        sender_name=info.sender_name,
        subject=" ".join((info.subject or "").split()),
        date=info.date,
        body=info.body or "",
    )
    mail.in_reply_to, mail.references = _outlook_answers(data)
    if mail.sender is None and not mail.answers:
        mail.problem = "the message has no sender address and answers no message: nothing to tie"
    return mail


# Outlook keeps what a message answers in PidTagInReplyToId (0x1042) and
# PidTagInternetReferences (0x1039), and often the whole transport header (0x007D).
_OUTLOOK_STREAMS = {"in_reply_to": "1042", "references": "1039", "headers": "007D"}


def _outlook_answers(data: bytes) -> tuple[list[str], list[str]]:
    """(In-Reply-To, References) of an Outlook message, as Message-IDs."""
    import io

    import olefile

    found: dict[str, str] = {}
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            for key, prop in _OUTLOOK_STREAMS.items():
                for kind, codec in (("001F", "utf-16-le"), ("001E", "latin-1")):
                    name = f"__substg1.0_{prop}{kind}"
                    if ole.exists(name):
                        found[key] = (
                            ole.openstream(name).read(HEADER_BYTES).decode(codec, "replace")
                        )
                        break
    except (OSError, ValueError):
        return [], []
    headers = found.get("headers", "").encode("utf-8", "replace")
    in_reply_to = message_ids(found.get("in_reply_to")) or message_ids(
        _header_value(headers, b"in-reply-to")
    )
    references = message_ids(found.get("references")) or message_ids(
        _header_value(headers, b"references")
    )
    return in_reply_to, references


# --- files, mboxes, Maildir folders ----------------------------------------------------------


Known = Callable[[str], bool]


def _never(_message_id: str) -> bool:
    return False


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def is_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            first = fh.readline(4096)
    except OSError:
        return False
    return bool(_MBOX_FROM.match(first.rstrip(b"\r\n")))


def read_paths(paths: list[str], known: Known = _never) -> Iterator[IncomingMail]:
    """Every message in these files and folders, one at a time. A message whose Message-ID
    ``known`` recognises is yielded with ``known`` set (and only its id and source), for the
    caller to count as read before."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield IncomingMail(str(raw), problem="no such file or folder")
        elif is_maildir(path):
            yield from read_maildir(path, known)
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield from read_paths([str(child)], known)
        elif is_mbox(path):
            yield from read_mbox(path, known)
        else:
            yield _read_file(path, known)


def _read_file(path: Path, known: Known) -> IncomingMail:
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            mb = size / 1024**2
            return IncomingMail(str(path), problem=f"{mb:,.0f} MB is too large to be a reply")
        data = path.read_bytes()
    except OSError as exc:
        return IncomingMail(str(path), problem=f"cannot read the file: {exc.strerror}")
    return _known_or_read(data, str(path), known)


def _known_or_read(data: bytes, source: str, known: Known) -> IncomingMail:
    ids = message_ids(_header_value(data[:HEADER_BYTES], b"message-id"))
    if ids and known(ids[0]):
        return IncomingMail(source, message_id=ids[0], known=True)
    mail = read_message(data, source)
    if mail.problem is None and mail.message_id and not ids and known(mail.message_id):
        return IncomingMail(source, message_id=mail.message_id, known=True)  # a digest read before
    return mail


def _header_value(head: bytes, name: bytes) -> str | None:
    """One header's value from a message's first bytes, unfolded (cheap: no full parse)."""
    value, found = [], False
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            break
        if found and line[:1] in (b" ", b"\t"):
            value.append(line.strip())
            continue
        if found:
            break
        key, sep, rest = line.partition(b":")
        if sep and key.strip().lower() == name:
            found = True
            value.append(rest.strip())
    return b" ".join(value).decode("latin-1") if found else None


def read_mbox(path: Path, known: Known = _never) -> Iterator[IncomingMail]:
    """The messages of an mbox file, one at a time (mailbox keeps only their offsets)."""
    try:
        box = mailbox.mbox(str(path), create=False)
        keys = list(box.iterkeys())
    except (OSError, mailbox.Error) as exc:
        yield IncomingMail(str(path), problem=f"cannot read the mailbox: {exc}")
        return
    if not keys:
        yield IncomingMail(str(path), problem="the mailbox (mbox) holds no messages")
        return
    try:
        for number, key in enumerate(keys, start=1):
            source = f"{path}#{number}"
            try:
                data = box.get_bytes(key)
            except (OSError, mailbox.Error) as exc:
                problem = f"cannot read this message of the mailbox: {exc}"
                yield IncomingMail(source, problem=problem)
                continue
            yield _known_or_read(_unescape_from(data), source, known)
    finally:
        box.close()


_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def _unescape_from(data: bytes) -> bytes:
    """An mbox writes a body line "From …" as ">From …" (mboxrd): the line as they wrote it."""
    return _ESCAPED_FROM.sub(rb"\1", data)


def read_maildir(path: Path, known: Known = _never) -> Iterator[IncomingMail]:
    """The messages of a Maildir folder (new and cur), oldest first."""
    box = mailbox.Maildir(str(path), factory=None, create=False)
    try:
        keys = sorted(box.iterkeys())  # a key starts with its delivery time
    except OSError as exc:
        yield IncomingMail(str(path), problem=f"cannot read the Maildir folder: {exc.strerror}")
        return
    if not keys:
        yield IncomingMail(str(path), problem="the Maildir folder holds no messages")
        return
    for key in keys:
        source = f"{path}/{key}"
        try:
            data = box.get_bytes(key)
        except (OSError, KeyError, mailbox.Error) as exc:
            yield IncomingMail(source, problem=f"cannot read this message of the folder: {exc}")
            continue
        yield _known_or_read(data, source, known)


# --- a drop on the window --------------------------------------------------------------------


def answered_ids(path: Path) -> list[str]:
    """The Message-IDs a saved single message answers (In-Reply-To, References), from its
    headers only; [] for anything that is not a saved message."""
    try:
        if not path.is_file() or is_mbox(path):
            return []
        with open(path, "rb") as fh:
            head = fh.read(HEADER_BYTES)
    except OSError:
        return []
    if head.startswith(OLE_MAGIC):
        mail = _read_file(path, _never)
        return mail.answers if mail.problem is None else []
    if not _looks_like_mail(head):
        return []
    in_reply_to = message_ids(_header_value(head, b"in-reply-to"))
    references = message_ids(_header_value(head, b"references"))
    return [*in_reply_to, *reversed(references)]


def split_drop(paths: list[str], ours: Callable[[list[str]], bool]) -> tuple[list[str], list[str]]:
    """(replies, the rest): saved messages that answer one of our messages go to replies,
    everything else (resumes, folders, ZIPs, other mail) to the import."""
    replies, rest = [], []
    for raw in paths:
        ids = answered_ids(Path(raw))
        (replies if ids and ours(ids) else rest).append(raw)
    return replies, rest
