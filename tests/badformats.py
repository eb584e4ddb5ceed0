"""Hostile files of the formats of issue 11, generated into a folder the caller gives.

Like :mod:`tests.badfiles`: nothing hostile is checked in, and the big ones
are streamed to disk, never held in memory — the 1 GB base64 MIME part is
written chunk by chunk (one chunk of random bytes encoded once, then the
same base64 lines repeated), so building it costs a few MB of RAM.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from tests import badfiles as B
from tests import formatfiles as FF

GiB = 1024**3

# --- legacy Word and OLE ---------------------------------------------------------------------

_DIRECTORY = 1024  # where word97()'s OLE directory starts (sector 1, 512-byte sectors)
_FAT = 512  # its FAT (sector 0)


def _patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, value)
    return bytes(out)


def ole_bombs() -> dict[str, bytes]:
    """Word documents whose OLE container lies: a 4 GB stream, a sector chain that loops, a
    directory entry that is its own sibling."""
    base = FF.word97(
        "Ana Silva\rana@example.org\rExperience\rNurse at City Hospital 2015 – 2020\r" * 20
    )
    word_entry = _DIRECTORY + 128  # entry 1: WordDocument
    return {
        "claims-4GB.doc": _patched(base, word_entry + 120, "<I", 0xFFFFFF00),
        "loop-and-60MB.doc": _patched(
            _patched(base, _FAT + 4 * 9, "<I", 2), word_entry + 120, "<I", 60 * 1024**2
        ),
        "chain-loop.doc": _patched(base, _FAT + 4 * 5, "<I", 2),
        "directory-loop.doc": _patched(base, word_entry + 68, "<I", 1),
    }


def broken_piece_tables() -> dict[str, bytes]:
    text = "Ana Silva\rana@example.org\rExperience\rNurse at City Hospital 2015 – 2020\r"
    return {
        f"pieces-{how}.doc": FF.word97(text, pieces=3, break_pieces=how)
        for how in ("backwards", "gap", "outside", "huge")
    }


# --- mail ------------------------------------------------------------------------------------


def eml_with_attachments(count: int) -> bytes:
    attachments = [
        (f"cv-{i:03d}.txt", B.resume_text(i).encode(), "text/plain") for i in range(count)
    ]
    return FF.eml(attachments=attachments)


def msg_with_attachments(count: int) -> bytes:
    return FF.outlook_msg(
        attachments=[(f"cv-{i:03d}.txt", B.resume_text(i).encode()) for i in range(count)]
    )


def deep_multipart(depth: int) -> bytes:
    """A message whose multiparts nest ``depth`` deep around one small text part."""
    out = io.BytesIO()
    out.write(b"From: a@example.org\r\nTo: b@example.org\r\nSubject: deep\r\nMIME-Version: 1.0\r\n")
    for level in range(depth):
        out.write(
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        )
    out.write(b"Content-Type: text/plain\r\n\r\n" + B.resume_text(1).encode() + b"\r\n")
    for level in reversed(range(depth)):
        out.write(b"--b%d--\r\n" % level)
    return out.getvalue()


def many_parts(count: int) -> bytes:
    parts = b"".join(b"--p\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(count))
    return (
        b"From: a@example.org\r\nTo: b@example.org\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="p"\r\n\r\n' + parts + b"--p--\r\n"
    )


def nested_messages(depth: int) -> bytes:
    """A message attached to a message attached to … ``depth`` times (a forwarding chain)."""
    message = FF.eml(attachments=[("cv.txt", B.resume_text(2).encode(), "text/plain")])
    for level in range(depth):
        message = FF.eml(
            subject=f"Fwd {level}", attachments=[(f"fwd-{level}.eml", message, "message/rfc822")]
        )
    return message


def write_big_base64_message(path: Path, size: int = GiB, chunk: int = 3 * 1024 * 1024) -> Path:
    """A message with one base64 attachment of ``size`` bytes, streamed to ``path``."""
    import base64
    import os

    block = base64.encodebytes(
        os.urandom(chunk)
    )  # 76-character lines; chunk is a multiple of 3 * 19
    with path.open("wb") as fh:
        fh.write(
            b"From: Big Sender <big@example.org>\r\nTo: jobs@acme.test\r\nSubject: huge\r\n"
            b"Message-ID: <big@example.org>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n'
            b"--x\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            b"--x\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            b'Content-Disposition: attachment; filename="huge.pdf"\r\n\r\n'
        )
        written = 0
        while written < size:
            fh.write(block)
            written += chunk
        fh.write(b"\r\n--x--\r\n")
    return path


def write_mbox_with_a_giant(path: Path, giant: Path, good: list[bytes]) -> Path:
    """An mbox: a good message, the giant (copied in chunks), the other good messages."""
    with path.open("wb") as fh:
        for message in [good[0], None, *good[1:]]:
            fh.write(b"From sender@example.org Tue Mar  3 09:30:00 2026\n")
            if message is None:
                with giant.open("rb") as src:
                    while block := src.read(8 * 1024 * 1024):
                        fh.write(block)
            else:
                fh.write(message.replace(b"\nFrom ", b"\n>From "))
            fh.write(b"\n")
    return path


# --- pictures --------------------------------------------------------------------------------


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A valid PNG of width x height grey pixels: ~1.6 gigapixels in a few MB."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" + b"\x80" * width
    compressor = zlib.compressobj(9)
    rows = b"".join(compressor.compress(row) for _ in range(64))
    # Repeat a block of rows compressed once: the stream stays valid because each block
    # ends with a full flush (the compressor's history is reset).
    block = rows + compressor.flush(zlib.Z_FULL_FLUSH)
    body = block * (height // 64) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def jpeg_claiming(width: int = 60_000, height: int = 60_000) -> bytes:
    """A JPEG whose frame header claims width x height (the data is a tiny real image's)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, format="JPEG")
    data = bytearray(out.getvalue())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


# --- web pages -------------------------------------------------------------------------------


def html_with_script(megabytes: int = 12, closed: bool = True) -> bytes:
    script = (
        "var data = ["
        + ",".join(f'"{i:08d}<p>not text</p>"' for i in range(megabytes * 1024 * 1024 // 24))
        + "];"
    )
    body = "".join(f"<p>{line}</p>" for line in B.resume_text(3).splitlines())
    end = "</script>" if closed else ""
    page = f"<!DOCTYPE html><html><head><script>{script}{end}</head><body>{body}</body></html>"
    return page.encode()
