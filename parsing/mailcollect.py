"""Saved e-mail and mbox files into candidate documents (the mail half of :mod:`parsing.collect`).

A message's documents are listed once, when the batch is collected; each
document's bytes are read again only when its turn comes (the message is
parsed again then), so a folder of thousands of messages never holds their
attachments in memory. An mbox is split by streaming it; each message is
read on its own, so its size does not matter, only each message's.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import PurePosixPath

from parsing import formats, mail
from parsing.collect import MAX_NESTING, Limits, SourceFile, _add_archive, _nothing
from parsing.errors import Outcome, ParseProblem

# A body shorter than this ("CV attached, thanks") is not a resume.
MIN_BODY_CHARS = 150


def add_mail(
    source: str,
    kind: str,
    opener: Callable[[], io.BufferedIOBase],
    size: int,
    out: list[SourceFile],
    limits: Limits,
    depth: int,
) -> int:
    """Add the documents of a saved message (eml, msg) or of every message of an mbox."""
    if kind == formats.MBOX:
        return _add_mbox(source, opener, out, limits)
    return _add_message(source, kind, _reader(opener), size, out, limits, depth)


def _reader(opener) -> Callable[[], bytes]:
    def read() -> bytes:
        with opener() as fh:
            return fh.read(mail.MAX_MESSAGE_BYTES + 1)

    return read


def _add_message(
    source: str,
    kind: str,
    read: Callable[[], bytes],
    size: int,
    out: list[SourceFile],
    limits: Limits,
    depth: int,
) -> int:
    name = PurePosixPath(source).name
    if size > mail.MAX_MESSAGE_BYTES:
        out.append(
            SourceFile(
                source,
                name,
                size,
                _nothing,
                (
                    Outcome.TOO_LARGE,
                    f"the message is {size / 1024**2:,.0f} MB, over "
                    f"the {mail.MAX_MESSAGE_BYTES / 1024**2:.0f} MB "
                    "limit for one message; its attachments were not read",
                ),
            )
        )
        return 0
    nested_ok = depth < MAX_NESTING + 1
    try:
        _, documents = mail.message_documents(read(), kind, nested_ok=nested_ok)
    except ParseProblem as problem:
        out.append(SourceFile(source, name, size, _nothing, (problem.outcome, problem.message)))
        return 0
    except (OSError, ValueError) as exc:
        out.append(
            SourceFile(
                source, name, size, _nothing, (Outcome.MALFORMED, f"cannot read the message: {exc}")
            )
        )
        return 0
    reread = _Reread(read, kind, nested_ok)
    for doc in documents:
        label = source if doc.is_body else f"{source}/{doc.name}"
        leaf = PurePosixPath(doc.name).name
        if doc.is_body and len(_visible(doc.data)) < MIN_BODY_CHARS:
            out.append(
                SourceFile(
                    label,
                    leaf,
                    0,
                    _nothing,
                    (
                        Outcome.NO_TEXT,
                        "no resume is attached, and the message's own text is too short to be one",
                    ),
                    message=doc.info,
                )
            )
            continue
        if doc.problem is not None:
            out.append(SourceFile(label, leaf, 0, _nothing, doc.problem, message=doc.info))
            continue
        doc_size = len(doc.data or b"")
        if doc_size > limits.max_bytes:
            out.append(
                SourceFile(
                    label,
                    leaf,
                    doc_size,
                    _nothing,
                    (
                        Outcome.TOO_LARGE,
                        f"the attachment is {doc_size / 1024**2:,.1f} MB, "
                        f"over the {limits.max_bytes / 1024**2:.0f} MB limit",
                    ),
                    message=doc.info,
                )
            )
            continue
        reader = reread.document(doc.name)
        if doc.container == formats.ZIP:
            _add_archive(label, lambda r=reader: io.BytesIO(r()), out, limits, depth + 1)
            continue
        if doc.container in (formats.EML, formats.MSG):
            _add_message(label, doc.container, reader, doc_size, out, limits, depth + 1)
            continue
        out.append(SourceFile(label, leaf, doc_size, reader, message=doc.info))
    return 0


def _visible(data: bytes | None) -> bytes:
    return re.sub(rb"<[^>]*>|\s+", b"", data or b"")


class _Reread:
    """Reads one document of a message again, when its turn comes (one parsed message cached)."""

    _cache: tuple[object, dict[str, bytes]] | None = None

    def __init__(self, read: Callable[[], bytes], kind: str, nested_ok: bool):
        self.read, self.kind, self.nested_ok = read, kind, nested_ok

    def document(self, name: str) -> Callable[[], bytes]:
        def read() -> bytes:
            cached = _Reread._cache
            if cached is None or cached[0] is not self:
                _, documents = mail.message_documents(
                    self.read(), self.kind, nested_ok=self.nested_ok
                )
                cached = (self, {d.name: d.data for d in documents if d.data is not None})
                _Reread._cache = cached
            data = cached[1].get(name)
            if data is None:
                raise OSError("the attachment is no longer in the message (was the file changed?)")
            return data

        return read


def _add_mbox(source: str, opener, out: list[SourceFile], limits: Limits) -> int:
    count = 0
    for offset, length in mail.mbox_messages(opener):
        count += 1
        label = f"{source}/{count}.eml"
        read = _mbox_reader(opener, offset, length)
        _add_message(label, formats.EML, read, length, out, limits, depth=1)
    if count == 0:
        out.append(
            SourceFile(
                source,
                PurePosixPath(source).name,
                0,
                _nothing,
                (Outcome.NO_TEXT, "the mailbox (mbox) holds no messages"),
            )
        )
    return 0


def _mbox_reader(opener, offset: int, length: int) -> Callable[[], bytes]:
    def read() -> bytes:
        with opener() as fh:
            fh.seek(offset)
            return mail.unescape_mbox(fh.read(min(length, mail.MAX_MESSAGE_BYTES + 1)))

    return read
