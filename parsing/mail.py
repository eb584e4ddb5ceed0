"""E-mail as recruiters receive it: saved messages (.eml, Outlook .msg) and mbox files.

A message is a container. Each attachment that is a resume becomes a document
of its own, read like a file with the same outcomes; an attached message or
ZIP is opened one level deep; a message without a resume attachment is its
own resume (the body). The message itself — sender, date, subject, body — is
kept beside each of its documents (:class:`MessageInfo`): the cover letter of
the application, and the sender's address when the resume has none.

Limits keep hostile mail cheap: a message over :data:`MAX_MESSAGE_BYTES` is
not parsed at all, multiparts nested deeper than :data:`MAX_DEPTH` or holding
more than :data:`MAX_PARTS` parts are refused, and at most
:data:`MAX_DOCUMENTS` attachments of one message are read. An mbox is split
by streaming its lines, so a mailbox of any size costs one message of memory.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath

from parsing.errors import Outcome, ParseProblem

# Mail systems refuse messages over 25-50 MB; a saved one bigger than this is not
# an application.
MAX_MESSAGE_BYTES = 60 * 1024 * 1024
MAX_DEPTH = 20  # multipart nesting
MAX_PARTS = 500  # MIME parts of one message
MAX_DOCUMENTS = 50  # attachments of one message read as documents
MAX_BODY_CHARS = 100_000  # of the body kept as the cover letter

# What a saved message's first lines can be.
_HEADER_LINE_RE = re.compile(rb"^[!-9;-~]{1,80}:[^\r\n]*$")
_KEY_HEADERS = {
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"mime-version",
    b"received",
    b"return-path",
    b"delivered-to",
    b"reply-to",
    b"content-type",
    b"x-mailer",
    b"cc",
    b"content-transfer-encoding",
    b"user-agent",
    b"thread-topic",
    b"sender",
}
_MBOX_FROM_RE = re.compile(rb"^From \S+ +.*\d\d:\d\d")
# Attachments that are never resumes.
_NOT_DOCUMENT_TYPES = {
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "text/calendar",
    "text/vcard",
    "text/x-vcard",
    "application/ms-tnef",
    "message/delivery-status",
    "text/rfc822-headers",
    "message/disposition-notification",
}
_NOT_DOCUMENT_SUFFIXES = {"ics", "vcf", "p7s", "asc", "sig", "dat"}
# Pictures this small are signature logos and icons, not scans of a page.
MIN_IMAGE_BYTES = 12 * 1024


@dataclass
class MessageInfo:
    """What the message says, kept with each document found in it (the cover letter)."""

    sender: str | None = None  # address
    sender_name: str | None = None
    date: str | None = None  # ISO 8601
    subject: str | None = None
    message_id: str | None = None
    body: str = ""

    def public(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """One document found in a message: its name and bytes, or why it was not read."""

    name: str
    data: bytes | None = None
    problem: tuple[Outcome, str] | None = None
    info: MessageInfo | None = None
    is_body: bool = False
    # A nested container found among the attachments (ZIP, message): kind and bytes.
    container: str | None = None
    # In a format a resume comes in (a spreadsheet or a program is reported, but
    # does not stop the message's body from being read as the resume).
    resume_like: bool = True


@dataclass
class _Attachment:
    name: str
    data: bytes | None
    content_type: str
    inline: bool = False
    problem: tuple[Outcome, str] | None = None
    message: object | None = None  # a parsed nested message (stdlib or extract-msg)


@dataclass
class _Message:
    info: MessageInfo
    attachments: list[_Attachment] = field(default_factory=list)
    body_bytes: bytes = b""
    body_name: str = "body.txt"
    notes: list[str] = field(default_factory=list)


# --- recognising mail --------------------------------------------------------------------


def sniff_mail(data: bytes) -> tuple[str, str] | None:
    """("eml" | "mhtml" | "mbox", description) for a saved message, web archive or mbox."""
    head = data[:16384]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    first, _, rest = head.partition(b"\n")
    if first.startswith(b"From ") and _MBOX_FROM_RE.match(first.rstrip(b"\r")):
        names = _header_names(rest)
        if names is not None and len(names & _KEY_HEADERS) >= 2:
            return "mbox", "mailbox (mbox)"
        return None
    names = _header_names(head)
    if names is None or len(names & _KEY_HEADERS) < 2:
        return None
    if not names & {
        b"from",
        b"mime-version",
        b"received",
        b"message-id",
        b"return-path",
        b"delivered-to",
    }:
        return None
    if _is_web_archive(head, names):
        return "mhtml", "web page archive (MHTML)"
    return "eml", "e-mail message"


def _header_names(block: bytes) -> set[bytes] | None:
    """Lower-cased header names of a header block at the start of ``block``, or None."""
    names: set[bytes] = set()
    lines = block.split(b"\n")
    complete = False
    for index, line in enumerate(lines):
        line = line.rstrip(b"\r")
        if not line:
            complete = index > 0
            break
        if line[:1] in (b" ", b"\t"):
            if index == 0:
                return None
            continue  # a folded header continues
        if not _HEADER_LINE_RE.match(line):
            return None
        names.add(line.split(b":", 1)[0].strip().lower())
    if not complete and len(block) < 16384:
        return None  # a file that is all headers is not a message
    return names


def _is_web_archive(head: bytes, names: set[bytes]) -> bool:
    lowered = head.lower()
    if b"snapshot-content-location" in names or b"from: <saved by" in lowered:
        return True
    related = re.search(rb"content-type:\s*multipart/related", lowered) is not None
    return related and not names & {b"to", b"received", b"delivered-to", b"return-path"}


# --- reading one message -----------------------------------------------------------------


def read_eml(data: bytes) -> _Message:
    if len(data) > MAX_MESSAGE_BYTES:
        raise ParseProblem(
            "too_large",
            f"the message is {len(data) / 1024**2:,.0f} MB, over the "
            f"{MAX_MESSAGE_BYTES / 1024**2:.0f} MB limit for one message",
        )
    _check_nesting(data)
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.compat32).parsebytes(data)
    except RecursionError:
        raise ParseProblem("too_complex", "the message is nested too deeply to read") from None
    except Exception as exc:
        raise ParseProblem("malformed", f"the message cannot be read ({_short(exc)})") from None
    return _from_stdlib(message)


def _check_nesting(data: bytes) -> None:
    """Refuse a MIME bomb of many parts before the parser builds an object for each."""
    declared = len(re.findall(rb"(?im)^content-type:", data))
    if declared > MAX_PARTS * 2:
        raise ParseProblem(
            "too_complex",
            f"the message declares {declared:,} parts (more than {MAX_PARTS} "
            "are not read: a MIME bomb?)",
        )


def _from_stdlib(message) -> _Message:
    from email.message import Message

    info = _info_from_headers(message)
    out = _Message(info)
    body_plain: str | None = None
    body_html: bytes | None = None
    count = 0

    def walk(part: Message, depth: int) -> None:
        nonlocal count, body_plain, body_html
        count += 1
        if count > MAX_PARTS:
            raise ParseProblem(
                "too_complex", f"the message holds more than {MAX_PARTS} parts (a MIME bomb?)"
            )
        if depth > MAX_DEPTH:
            raise ParseProblem(
                "too_complex",
                f"the message's parts are nested more than {MAX_DEPTH} deep (a MIME bomb?)",
            )
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else None
            encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
            if isinstance(inner, Message) and encoding in ("base64", "quoted-printable"):
                # Some mailers encode an attached message: the parser read the encoded
                # text as a message; decode it and open it as an attached .eml file.
                data = _decoded_message(inner, encoding)
                name = _safe_name(_decode(part.get_filename() or "") or "message.eml", "eml")
                out.attachments.append(_Attachment(name, data, "application/octet-stream"))
                return
            if isinstance(inner, Message):
                name = (
                    _decode(part.get_filename() or "")
                    or _decode(inner.get("Subject", ""))
                    or "message"
                )
                out.attachments.append(
                    _Attachment(_safe_name(name, "eml"), None, ctype, message=inner)
                )
            return
        if part.is_multipart():
            for child in part.get_payload() or []:
                if isinstance(child, Message):
                    walk(child, depth + 1)
            return
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        filename = _decode(
            part.get_filename() or part.get_param("name", header="content-type") or ""
        )
        if isinstance(filename, tuple):  # an RFC 2231 value the library left encoded
            filename = str(filename[2])
        is_attachment = disposition == "attachment" or bool(filename)
        if not is_attachment and ctype == "text/plain" and body_plain is None:
            body_plain = _part_text(part)
            return
        if not is_attachment and ctype == "text/html" and body_html is None:
            body_html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                body_html = _recode(body_html, charset)
            return
        if not is_attachment and not ctype.startswith(("image/", "application/")):
            return
        data = part.get_payload(decode=True)
        inline = disposition == "inline" or (
            bool(part.get("Content-ID")) and disposition != "attachment"
        )
        name = _safe_name(filename or f"attachment.{ctype.split('/')[-1]}", ctype.split("/")[-1])
        out.attachments.append(_Attachment(name, data or b"", ctype, inline=inline))

    walk(message, 0)
    if body_plain is not None and body_plain.strip():
        out.body_bytes, out.body_name = body_plain.encode("utf-8"), "body.txt"
        info.body = body_plain[:MAX_BODY_CHARS]
    elif body_html is not None:
        from parsing.web import extract_html

        out.body_bytes, out.body_name = body_html, "body.html"
        try:
            info.body = extract_html(body_html)[0][:MAX_BODY_CHARS]
        except ParseProblem:
            info.body = ""
    return out


def _decoded_message(inner, encoding: str) -> bytes:
    import base64
    import quopri

    text = inner.get_payload()
    raw = text.encode("ascii", "replace") if isinstance(text, str) else b""
    try:
        return base64.b64decode(raw) if encoding == "base64" else quopri.decodestring(raw)
    except ValueError:
        return b""


def _info_from_headers(message) -> MessageInfo:
    from email.utils import getaddresses, parsedate_to_datetime

    info = MessageInfo()
    sender = _decode(message.get("From", ""))
    pairs = getaddresses([sender]) if sender else []
    if pairs and "@" in pairs[0][1]:
        info.sender_name = pairs[0][0].strip() or None
        info.sender = pairs[0][1].strip()
    info.subject = _decode(message.get("Subject", "")).strip() or None
    raw_date = message.get("Date")
    if raw_date:
        try:
            info.date = parsedate_to_datetime(str(raw_date)).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            info.date = None
    message_id = str(message.get("Message-ID", "") or "").strip()
    info.message_id = message_id or None
    return info


def _decode(value) -> str:
    """A header value with its encoded words (=?utf-8?…?=) decoded; never raises."""
    if value is None:
        return ""
    if isinstance(value, tuple):  # RFC 2231 (charset, language, value)
        charset, _, raw = value
        try:
            return raw.encode("latin-1", "replace").decode(charset or "utf-8", "replace")
        except LookupError:
            return str(raw)
    from email.header import decode_header, make_header

    text = str(value)
    if "=?" not in text:
        return " ".join(text.split())
    try:
        return " ".join(str(make_header(decode_header(text))).split())
    except Exception:
        return " ".join(text.split())


def _part_text(part) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def _recode(payload: bytes, charset: str) -> bytes:
    """HTML bytes re-encoded as UTF-8 with a BOM, so the HTML reader need not guess."""
    try:
        return b"\xef\xbb\xbf" + payload.decode(charset, "replace").encode("utf-8")
    except LookupError:
        return payload


def _safe_name(name: str, fallback_suffix: str) -> str:
    """The attachment's own file name, without folders (it only labels the result)."""
    base = PurePosixPath(name.replace("\\", "/")).name.strip().strip(".")
    base = re.sub(r"[\x00-\x1f]", "", base)[:120]
    return base or f"attachment.{fallback_suffix}"


def read_msg(data: bytes) -> _Message:
    """An Outlook .msg, read with extract-msg."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise ParseProblem(
            "too_large", f"the message is over the {MAX_MESSAGE_BYTES / 1024**2:.0f} MB limit"
        )
    import logging

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    try:
        import extract_msg
    except ImportError:  # pragma: no cover - a declared dependency
        raise ParseProblem("unsupported", "Outlook messages need the extract-msg package") from None
    import olefile

    from parsing.ole import check_streams

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            check_streams(ole, len(data), "Outlook message")
            attached = sum(
                1
                for entry in ole.listdir(streams=False, storages=True)
                if len(entry) == 1 and entry[0].startswith("__attach_version1.0_")
            )
            if attached > MAX_PARTS:
                raise ParseProblem(
                    "too_complex", f"the message holds {attached:,} attachments (a bomb?)"
                )
    except ParseProblem:
        raise
    except Exception as exc:
        raise ParseProblem(
            "malformed", f"the Outlook message cannot be read ({_short(exc)})"
        ) from None
    try:
        msg = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    except Exception as exc:
        raise ParseProblem(
            "malformed", f"the Outlook message cannot be read ({_short(exc)})"
        ) from None
    try:
        return _from_outlook(msg)
    finally:
        try:
            msg.close()
        except Exception:
            pass


def _from_outlook(msg) -> _Message:
    from email.utils import parseaddr

    info = MessageInfo()
    sender = _safe_get(msg, "sender") or ""
    name, address = parseaddr(str(sender))
    if "@" not in address:
        # No transport headers: the SMTP address is a property of its own (an Exchange
        # sender's PidTagSenderEmailAddress is an X.500 name, not an address).
        for stream in (
            "__substg1.0_5D01",
            "__substg1.0_0C1F",
            "__substg1.0_0065",
            "__substg1.0_5D02",
        ):
            candidate = _safe_call(msg, "getStringStream", stream) or ""
            if "@" in candidate and not candidate.startswith("/"):
                address, name = candidate.strip(), name or str(sender).strip()
                break
    if "@" in address:
        info.sender, info.sender_name = address, (name or None)
    info.subject = (_safe_get(msg, "subject") or "").strip() or None
    date = _safe_get(msg, "date")
    info.date = date.isoformat() if hasattr(date, "isoformat") else None
    info.message_id = (_safe_get(msg, "messageId") or "").strip() or None
    body = _safe_get(msg, "body") or ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    info.body = body[:MAX_BODY_CHARS]
    out = _Message(info, body_bytes=body.encode("utf-8"), body_name="body.txt")
    try:
        attachments = list(msg.attachments or [])
    except Exception as exc:
        out.notes.append(f"the attachments cannot be read ({_short(exc)})")
        attachments = []
    if len(attachments) > MAX_PARTS:
        raise ParseProblem(
            "too_complex", f"the message holds {len(attachments):,} attachments (a bomb?)"
        )
    from extract_msg.enums import AttachmentType

    for att in attachments:
        filename = (
            _safe_get(att, "longFilename")
            or _safe_get(att, "shortFilename")
            or _safe_get(att, "displayName")
            or "attachment"
        )
        kind = _safe_get(att, "type")
        if kind in (AttachmentType.MSG, AttachmentType.SIGNED_EMBEDDED):
            inner = _safe_get(att, "data")
            if inner is not None:
                out.attachments.append(
                    _Attachment(
                        _safe_name(str(filename), "msg"),
                        None,
                        "application/vnd.ms-outlook",
                        message=inner,
                    )
                )
            continue
        data = _safe_get(att, "data")
        if not isinstance(data, bytes):
            out.attachments.append(
                _Attachment(
                    _safe_name(str(filename), "bin"),
                    None,
                    "application/octet-stream",
                    problem=(Outcome.MALFORMED, "this attachment cannot be read"),
                )
            )
            continue
        inline = bool(_safe_get(att, "contentId")) and bool(_safe_get(att, "hidden"))
        mimetype = _safe_get(att, "mimetype") or "application/octet-stream"
        out.attachments.append(
            _Attachment(_safe_name(str(filename), "bin"), data, str(mimetype), inline=inline)
        )
    return out


def _safe_call(obj, method: str, *args):
    try:
        return getattr(obj, method)(*args)
    except MemoryError:
        raise
    except Exception:
        return None


def _safe_get(obj, attr: str):
    try:
        return getattr(obj, attr)
    except MemoryError:
        raise
    except Exception:
        return None


# --- a message's documents ----------------------------------------------------------------


def message_documents(
    data: bytes, kind: str, *, nested_ok: bool = True
) -> tuple[MessageInfo | None, list[Document]]:
    """The documents of one saved message (``kind`` "eml" or "msg"), each with the message's info.

    A problem with the message itself raises :class:`ParseProblem`.
    ``nested_ok`` says whether an attached message or ZIP may still be opened
    (one level deep); the caller opens it.
    """
    parsed = read_msg(data) if kind == "msg" else read_eml(data)
    return parsed.info, _documents(parsed, nested_ok)


def _documents(parsed: _Message, nested_ok: bool) -> list[Document]:
    from parsing import formats

    info = parsed.info
    docs: list[Document] = []
    images: list[Document] = []
    seen_names: dict[str, int] = {}

    def unique(name: str) -> str:
        count = seen_names.get(name, 0)
        seen_names[name] = count + 1
        if count == 0:
            return name
        stem, dot, suffix = name.rpartition(".")
        return f"{stem} ({count + 1}).{suffix}" if dot else f"{name} ({count + 1})"

    for att in parsed.attachments:
        if att.message is not None:
            if not nested_ok:
                docs.append(
                    Document(
                        unique(att.name),
                        problem=(
                            Outcome.UNSUPPORTED,
                            "a message attached to a message inside another "
                            "container: not opened (nested too deep)",
                        ),
                        info=info,
                    )
                )
                continue
            inner = _inner_message(att.message)
            if isinstance(inner, ParseProblem):
                docs.append(
                    Document(unique(att.name), problem=(inner.outcome, inner.message), info=info)
                )
                continue
            for doc in _documents(inner, nested_ok=False):
                doc.name = f"{unique(att.name)}/{doc.name}"
                docs.append(doc)
            continue
        if att.problem is not None:
            docs.append(Document(unique(att.name), problem=att.problem, info=info))
            continue
        data = att.data or b""
        suffix = PurePosixPath(att.name).suffix.lower().lstrip(".")
        if att.content_type in _NOT_DOCUMENT_TYPES or suffix in _NOT_DOCUMENT_SUFFIXES:
            continue
        sniffed = formats.sniff(data)
        if sniffed.kind == "empty":
            continue
        if sniffed.kind == formats.IMAGE:
            if not att.inline and len(data) >= MIN_IMAGE_BYTES:
                images.append(Document(unique(att.name), data=data, info=info))
            continue
        if sniffed.kind in (formats.ZIP, formats.EML, formats.MSG) or (
            sniffed.kind == "mhtml" and suffix in ("eml", "msg")
        ):
            container = sniffed.kind if sniffed.kind != "mhtml" else formats.EML
            if not nested_ok:
                docs.append(
                    Document(
                        unique(att.name),
                        problem=(
                            Outcome.UNSUPPORTED,
                            f"{sniffed.description} inside a container "
                            "inside a message: not opened (nested too deep)",
                        ),
                        info=info,
                    )
                )
                continue
            docs.append(Document(unique(att.name), data=data, info=info, container=container))
            continue
        if sniffed.kind == formats.TEXT and suffix not in ("txt", "text", "md", ""):
            continue  # a CSV, a calendar, code: not a resume
        if sniffed.kind == formats.HTML and att.inline:
            continue
        docs.append(
            Document(
                unique(att.name), data=data, info=info, resume_like=sniffed.kind in formats.READABLE
            )
        )
    readable = [d for d in docs if d.problem is None and d.resume_like]
    if not readable:
        # Pictures count only when there is no document: a scan sent by phone,
        # not the photo beside a CV.
        docs.extend(images)
    if len(docs) > MAX_DOCUMENTS:
        extra = len(docs) - MAX_DOCUMENTS
        docs = docs[:MAX_DOCUMENTS]
        docs.append(
            Document(
                f"(+{extra} more attachments)",
                problem=(
                    Outcome.TOO_COMPLEX,
                    f"the message holds {extra + MAX_DOCUMENTS} "
                    f"attachments; the first {MAX_DOCUMENTS} were read",
                ),
                info=info,
            )
        )
    if not any(d.problem is None and d.resume_like for d in docs):
        # No resume attached: the message itself is the resume.
        docs.append(Document(parsed.body_name, data=parsed.body_bytes, info=info, is_body=True))
    return docs


def _inner_message(message) -> _Message | ParseProblem:
    try:
        if hasattr(message, "get_content_type"):
            return _from_stdlib(message)
        return _from_outlook(message)
    except ParseProblem as problem:
        return problem
    except RecursionError:
        return ParseProblem("too_complex", "the attached message is nested too deeply to read")


# --- mbox ------------------------------------------------------------------------------------


def mbox_messages(
    open_file: Callable[[], io.BufferedIOBase], block: int = 8 * 1024 * 1024
) -> Iterator[tuple[int, int]]:
    """(offset, length) of each message of an mbox: a "From " line after a blank line (or at
    the start) begins one. Read in blocks and searched with ``bytes.find``, so a mailbox of
    gigabytes is split at disk speed, in constant memory."""
    starts: list[tuple[int, int]] = []  # (separator line start, message start)
    with open_file() as fh:
        offset = 0  # file offset of buffer[0]
        buffer = b"\n\n"  # as if a blank line came before the file
        lead = 2
        while True:
            data = fh.read(block)
            buffer += data
            pos = 0
            while True:
                hit = buffer.find(b"\n\nFrom ", pos)
                if hit < 0:
                    break
                line_start = hit + 2
                line_end = buffer.find(b"\n", line_start)
                if line_end < 0 and data:
                    break  # the line goes on in the next block
                line = buffer[line_start : line_end if line_end >= 0 else len(buffer)]
                if _MBOX_FROM_RE.match(line):
                    absolute = offset + line_start - lead
                    starts.append((absolute, absolute + len(line) + 1))
                    while len(starts) > 1:
                        (_, first), (second, _) = starts[0], starts[1]
                        yield first, second - first
                        starts.pop(0)
                pos = line_start
            if not data:
                end = offset + len(buffer) - lead
                break
            # Keep the tail that may hold the start of a separator split by the block edge.
            keep = max(pos, len(buffer) - 4096)
            offset += keep
            buffer = buffer[keep:]
    if starts:
        first = starts[0][1]
        if end > first:
            yield first, end - first


def unescape_mbox(data: bytes) -> bytes:
    """mboxrd/mboxo quote lines that start with "From " as ">From ": undo one level."""
    if b"\n>" not in data and not data.startswith(b">"):
        return data
    return re.sub(rb"(?m)^>(>*From )", rb"\1", data)


# --- the sender as a contact ------------------------------------------------------------------


# How sure the sender's address is as their contact (parsing.resume.CHECK_BELOW is 0.7).
SENDER_CONFIDENCE = 0.8


def apply_message(result: dict, info: MessageInfo | None) -> dict:
    """Keep the message with a document's parse result; the sender's address fills a missing email.

    ``result["message"]`` holds sender, date, subject and body (the cover
    letter); ``result["from_message"]`` lists the fields taken from the
    message rather than the resume (today: ``["emails"]``).
    """
    if info is None:
        return result
    result["message"] = info.public()
    from_message: list[str] = []
    if result.get("outcome") == Outcome.OK.value and not result.get("emails") and info.sender:
        result["emails"] = [info.sender]
        from_message.append("emails")
        # An address mail was delivered from is a real one; what the pane says is where it came
        # from ("from the message"), not a doubt about it.
        if isinstance(result.get("confidence"), dict):
            result["confidence"]["emails"] = SENDER_CONFIDENCE
    result["from_message"] = from_message
    return result


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
