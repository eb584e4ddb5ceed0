"""Files of the formats of issue 11, written from scratch for tests and benchmarks.

- :func:`word97`: a Word 97-2003 ``.doc`` (an OLE2 file written by
  extract-msg's ``OleWriter``; the FIB and piece table laid out as [MS-DOC]
  says), with page header, text boxes, hyperlink fields, 8-bit or UTF-16
  pieces, and switches to break it (encryption flag, Word 95 version, a
  damaged piece table).
- :func:`outlook_msg`: an Outlook ``.msg`` ([MS-OXMSG]: property streams,
  attachments, embedded messages), also through ``OleWriter``.
- :func:`eml`: a message with attachments, with the standard library.
- :func:`scan`: a picture of a page — a PDF rendered by pdfium at a given
  dpi, turned, JPEG-compressed — as a phone or a scanner would make it.

Nothing here reads the shared corpus; callers pass what they render.
"""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

# --- Word 97-2003 ---------------------------------------------------------------------------

_TEXT_OFFSET = 0x800


def word97(
    main: str,
    *,
    headers: str = "",
    boxes: str = "",
    footnotes: str = "",
    unicode: bool = False,
    encrypted: bool = False,
    nfib: int = 0xC1,
    pieces: int = 1,
    break_pieces: str | None = None,
    table_name: str = "1Table",
    extra_streams: dict[str, bytes] | None = None,
) -> bytes:
    """A Word 97 document. Paragraphs end with "\\r"; a field is "\\x13code\\x14result\\x15".

    ``break_pieces``: "backwards" (CPs run backwards), "outside" (a piece
    past the stream's end), "huge" (a piece table claiming millions of pieces),
    "gap" (a hole between pieces).
    """
    from extract_msg.ole_writer import OleWriter

    stories = [main, footnotes, headers, "", "", "", boxes, ""]
    if any(stories[1:]):
        stories = [s if s.endswith("\r") or not s else s + "\r" for s in stories]
    text = "".join(stories) + ("\r" if any(stories[1:]) else "")
    ccps = [len(s) for s in stories]
    # Split the text into pieces, alternating 8-bit and UTF-16 when asked.
    bounds = [round(len(text) * i / pieces) for i in range(pieces + 1)]
    body = bytearray()
    pcds = []
    for i in range(pieces):
        chunk = text[bounds[i] : bounds[i + 1]]
        offset = _TEXT_OFFSET + len(body)
        wide = unicode or any(ord(ch) > 255 for ch in chunk)
        if wide:
            body += chunk.encode("utf-16-le")
            pcds.append(offset)
        else:
            body += chunk.encode("cp1252")
            pcds.append((offset * 2) | 0x40000000)
        if len(body) % 2:
            body += b"\0"
    cps = list(bounds)
    count = pieces
    if break_pieces == "backwards":
        cps[1], cps[0] = cps[0] + 5, cps[1]
    elif break_pieces == "gap":
        cps[0] = 3
    elif break_pieces == "outside":
        pcds[-1] = ((1 << 29) * 2 - 2) | 0x40000000
    plc = struct.pack(f"<{count + 1}I", *cps) + b"".join(
        struct.pack("<HIH", 0, fc, 0) for fc in pcds
    )
    if break_pieces == "huge":
        plc = struct.pack("<I", 0) * 2_000_001 + plc
    clx = b"\x01" + struct.pack("<h", 2) + b"\0\0" + b"\x02" + struct.pack("<I", len(plc)) + plc
    table = clx + b"\0" * max(0, 4096 - len(clx))

    flags = 0x0200 if table_name == "1Table" else 0
    if encrypted:
        flags |= 0x0100
    base = struct.pack("<HHHHHH", 0xA5EC, nfib, 0, 0x0409, 0, flags) + b"\0" * (32 - 12)
    rgw = struct.pack("<H", 14) + b"\0" * 28
    lw = [0] * 22
    lw[3:11] = ccps
    rglw = struct.pack("<H", 22) + struct.pack("<22i", *lw)
    fclcb = [0] * (93 * 2)
    fclcb[33 * 2] = 0
    fclcb[33 * 2 + 1] = len(clx)
    rgfclcb = struct.pack("<H", 93) + struct.pack(f"<{93 * 2}I", *fclcb)
    fib = base + rgw + rglw + rgfclcb + struct.pack("<H", 0)
    word = fib + b"\0" * (_TEXT_OFFSET - len(fib)) + bytes(body)
    word += b"\0" * max(0, 4096 - len(word))

    writer = OleWriter()
    writer.addEntry("WordDocument", word)
    writer.addEntry(table_name, table)
    for name, data in (extra_streams or {}).items():
        writer.addEntry(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ole_file(streams: dict[str, bytes | None]) -> bytes:
    """Any OLE2 file: ``None`` values are storages."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    for name, data in streams.items():
        writer.addEntry(name, data, storage=data is None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Outlook .msg ---------------------------------------------------------------------------


def _filetime(when: datetime) -> int:
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def _props(
    fixed: dict[int, tuple[int, bytes]], variable: dict[int, tuple[int, int]], header: bytes
) -> bytes:
    """A __properties_version1.0 stream: fixed values inline, variable ones by size."""
    out = bytearray(header)
    for prop_id, (ptype, value) in fixed.items():
        out += struct.pack("<II", (prop_id << 16) | ptype, 6) + value.ljust(8, b"\0")[:8]
    for prop_id, (ptype, size) in variable.items():
        out += struct.pack("<IIII", (prop_id << 16) | ptype, 6, size, 0)
    return bytes(out)


def _message_entries(
    prefix: str,
    *,
    sender: str,
    sender_name: str,
    subject: str,
    body: str,
    when: datetime,
    message_id: str,
    attachments: list[tuple[str, bytes]],
    embedded: list[dict],
    top: bool,
    in_reply_to: str = "",
) -> dict[str, bytes | None]:
    entries: dict[str, bytes | None] = {}
    strings = {
        0x001A: "IPM.Note",
        0x0037: subject,
        0x1000: body,
        0x0C1F: sender,
        0x0C1A: sender_name,
        0x1035: message_id,
        0x0065: sender,
        0x0042: sender_name,
    }
    if in_reply_to:
        strings[0x1042] = in_reply_to  # PidTagInReplyToId: the message it answers
    variable = {}
    for prop_id, value in strings.items():
        data = value.encode("utf-16-le")
        entries[f"{prefix}__substg1.0_{prop_id:04X}001F"] = data
        variable[prop_id] = (0x001F, len(data) + 2)
    time_value = struct.pack("<Q", _filetime(when))
    fixed = {
        0x0039: (0x0040, time_value),
        0x0E06: (0x0040, time_value),
        0x0E07: (0x0003, struct.pack("<I", 1)),
    }
    count = len(attachments) + len(embedded)
    if top:
        header = b"\0" * 8 + struct.pack("<IIII", 0, count, 0, count) + b"\0" * 8
    else:
        header = b"\0" * 8 + struct.pack("<IIII", 0, count, 0, count)
    entries[f"{prefix}__properties_version1.0"] = _props(fixed, variable, header)
    index = 0
    for name, data in attachments:
        att = f"{prefix}__attach_version1.0_#{index:08X}/"
        entries[att[:-1]] = None
        names = {0x3707: name, 0x3704: name[:12], 0x3001: name, 0x370E: "application/octet-stream"}
        att_var = {}
        for prop_id, value in names.items():
            encoded = value.encode("utf-16-le")
            entries[f"{att}__substg1.0_{prop_id:04X}001F"] = encoded
            att_var[prop_id] = (0x001F, len(encoded) + 2)
        entries[f"{att}__substg1.0_37010102"] = data
        att_var[0x3701] = (0x0102, len(data))
        fixed_att = {
            0x3705: (0x0003, struct.pack("<I", 1)),
            0x0E21: (0x0003, struct.pack("<I", index)),
        }
        entries[f"{att}__properties_version1.0"] = _props(fixed_att, att_var, b"\0" * 8)
        index += 1
    for inner in embedded:
        att = f"{prefix}__attach_version1.0_#{index:08X}/"
        entries[att[:-1]] = None
        name = inner.get("subject", "message") + ".msg"
        encoded = name.encode("utf-16-le")
        entries[f"{att}__substg1.0_3707001F"] = encoded
        entries[f"{att}__substg1.0_3001001F"] = encoded
        fixed_att = {
            0x3705: (0x0003, struct.pack("<I", 5)),
            0x0E21: (0x0003, struct.pack("<I", index)),
        }
        entries[f"{att}__properties_version1.0"] = _props(
            fixed_att, {0x3707: (0x001F, len(encoded) + 2)}, b"\0" * 8
        )
        inner_prefix = f"{att}__substg1.0_3701000D/"
        entries[inner_prefix[:-1]] = None
        entries.update(
            _message_entries(
                inner_prefix,
                top=False,
                **{
                    "sender": "",
                    "sender_name": "",
                    "subject": "",
                    "body": "",
                    "message_id": "",
                    "when": when,
                    "attachments": [],
                    "embedded": [],
                    **inner,
                },
            )
        )
        index += 1
    return entries


def outlook_msg(
    *,
    sender: str = "ana.silva@example.org",
    sender_name: str = "Ana Silva",
    subject: str = "Application",
    body: str = "Please find my CV attached.",
    when: datetime | None = None,
    message_id: str = "<msg-1@example.org>",
    attachments: list[tuple[str, bytes]] = (),
    embedded: list[dict] = (),
    in_reply_to: str = "",
) -> bytes:
    """An Outlook message with attachments ``(name, bytes)``, and embedded messages (each a dict
    of these arguments); ``in_reply_to``: the Message-ID it answers."""
    when = when or datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    entries = _message_entries(
        "",
        sender=sender,
        sender_name=sender_name,
        subject=subject,
        body=body,
        when=when,
        message_id=message_id,
        attachments=list(attachments),
        embedded=list(embedded),
        top=True,
        in_reply_to=in_reply_to,
    )
    entries["__nameid_version1.0"] = None
    for stream in ("00020102", "00030102", "00040102"):
        entries[f"__nameid_version1.0/__substg1.0_{stream}"] = b""
    return ole_file(entries)


# --- .eml -----------------------------------------------------------------------------------


def eml(
    *,
    sender: str = "Ana Silva <ana.silva@example.org>",
    subject: str = "Application: Data Engineer",
    body: str = "Dear team,\nplease find my CV attached.\nKind regards,\nAna",
    attachments: list[tuple[str, bytes, str]] = (),
    html: str | None = None,
    message_id: str = "<app-1@example.org>",
    when: datetime | None = None,
) -> bytes:
    """A message; attachments are ``(file name, bytes, MIME type)``."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "jobs@acme.test"
    message["Subject"] = subject
    message["Date"] = format_datetime(when or datetime(2026, 3, 3, 9, 30, tzinfo=UTC))
    message["Message-ID"] = message_id
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(message)


# --- scans and photos -----------------------------------------------------------------------


def render(pdf: bytes, dpi: int = 200, page: int = 0):
    """One page of a PDF as a PIL image (pdfium)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def scan(
    pdf: bytes,
    *,
    dpi: int = 200,
    angle: float = 0.0,
    quality: int = 75,
    fmt: str = "JPEG",
    page: int = 0,
) -> bytes:
    """A picture of a PDF page: rendered at ``dpi``, turned ``angle`` degrees counter-clockwise
    (white corners), saved as JPEG at ``quality`` (or PNG/TIFF)."""
    image = render(pdf, dpi, page)
    if angle:
        from PIL import Image

        image = image.rotate(
            angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
        )
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, format="JPEG", quality=quality)
    elif fmt == "TIFF":
        image.save(out, format="TIFF", compression="tiff_deflate")
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def image_only_pdf(picture: bytes) -> bytes:
    """A PDF whose only page is a picture (what a scanner's "scan to PDF" writes)."""
    from PIL import Image

    image = Image.open(io.BytesIO(picture)).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200.0)
    return out.getvalue()
