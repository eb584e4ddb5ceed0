"""Turn what the user dropped (files, folders, ZIPs) into a list of candidate files.

ZIP members are read into memory one at a time when their turn comes, never
extracted to disk, so a member named ``../../.bashrc`` cannot write anywhere
(zip slip); the name only labels the result. Archives are bounded: the number
of entries, each entry's size, the total uncompressed size and the
compression ratio (zip bombs), and nesting (one ZIP inside a ZIP is opened,
deeper ones are not).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from parsing import formats
from parsing.errors import Outcome, size_text, too_large_message
from parsing.mail import MessageInfo

MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 100  # uncompressed / compressed, per entry
MAX_NESTING = 1  # a ZIP inside a ZIP is opened; a third level is not
# Enough of a file to tell a saved e-mail or an mbox by its headers.
MAIL_HEAD_BYTES = 16384

# Files that operating systems and office suites leave next to documents.
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".localized"}


def is_junk(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/")).name
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return (
        base.lower() in _JUNK_NAMES
        or base.startswith(("~$", "._", ".~lock"))
        or "__MACOSX" in parts
        or base == ""
    )


@dataclass
class SourceFile:
    """One file to import: where it came from, how big it is, how to read it."""

    source: str  # what the recruiter recognises: a path, or "batch.zip/cv/ana.pdf"
    name: str  # the file's own name
    size: int
    read: Callable[[], bytes]
    problem: tuple[Outcome, str] | None = None  # known before reading (a bomb, a bad path)
    # For a document found in an e-mail: the message (sender, date, subject, body).
    message: MessageInfo | None = None


@dataclass
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_entries: int = MAX_ENTRIES
    max_total: int = MAX_TOTAL_UNCOMPRESSED
    max_ratio: int = MAX_RATIO


def collect(paths: list[str | Path], limits: Limits | None = None) -> tuple[list[SourceFile], int]:
    """Every candidate file under ``paths``, largest first, and how many junk files were skipped.

    Sizes are known without reading, so the big files go to the workers first
    and the batch does not end waiting on one slow giant.
    """
    limits = limits or Limits()
    out: list[SourceFile] = []
    skipped = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
                for fname in sorted(files):
                    if is_junk(fname) or fname.startswith("."):
                        skipped += 1
                        continue
                    skipped += _add_file(Path(root) / fname, out, limits)
        elif path.is_file():
            skipped += _add_file(path, out, limits)
        else:
            reason = "no such file or folder" if not path.exists() else "not a regular file"
            out.append(SourceFile(str(path), path.name, 0, _nothing, (Outcome.MALFORMED, reason)))
    out.sort(key=lambda c: -c.size)
    return out, skipped


def _nothing() -> bytes:
    return b""


def _add_file(path: Path, out: list[SourceFile], limits: Limits) -> int:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(MAIL_HEAD_BYTES)
    except OSError as exc:
        out.append(
            SourceFile(
                str(path),
                path.name,
                0,
                _nothing,
                (Outcome.MALFORMED, f"cannot read: {exc.strerror}"),
            )
        )
        return 0
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and size <= limits.max_total:
        kind = _zip_kind(path)
        if kind == formats.ZIP:
            return _add_archive(str(path), lambda p=path: p.open("rb"), out, limits, depth=1)
    mail_kind = _mail_kind(head, lambda p=path: p.open("rb"))
    if mail_kind is not None:
        from parsing import mailcollect

        return mailcollect.add_mail(
            str(path), mail_kind, lambda p=path: p.open("rb"), size, out, limits, depth=1
        )
    out.append(SourceFile(str(path), path.name, size, path.read_bytes))
    return 0


def _mail_kind(head: bytes, opener) -> str | None:
    """ "eml", "msg" or "mbox" when the file is mail (a container of documents), else None."""
    if head.startswith(formats.OLE_MAGIC):
        from parsing import ole

        try:
            with opener() as fh:
                return formats.MSG if ole.identify(fh).kind == ole.OUTLOOK else None
        except OSError:
            return None
    from parsing.mail import sniff_mail

    found = sniff_mail(head)
    return found[0] if found and found[0] in (formats.EML, formats.MBOX) else None


def _zip_kind(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return formats.sniff_zip_stream(fh)
    except OSError:
        return "unreadable"


def _add_archive(source: str, opener, out: list[SourceFile], limits: Limits, depth: int) -> int:
    """Add the members of one archive. Returns the number of junk entries skipped."""
    try:
        with opener() as fh:
            archive = zipfile.ZipFile(fh)
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        out.append(
            SourceFile(
                source,
                PurePosixPath(source).name,
                0,
                _nothing,
                (Outcome.MALFORMED, f"damaged ZIP archive ({exc})"),
            )
        )
        return 0
    files = [i for i in infos if not i.is_dir()]
    skipped = 0
    if len(files) > limits.max_entries:
        out.append(
            SourceFile(
                source,
                PurePosixPath(source).name,
                0,
                _nothing,
                (
                    Outcome.TOO_COMPLEX,
                    f"the archive holds {len(files):,} files, "
                    f"more than the limit of {limits.max_entries:,}",
                ),
            )
        )
        return 0
    budget = _Budget(limits.max_total)
    for info in files:
        member = info.filename
        label = f"{source}/{member}"
        name = PurePosixPath(member.replace("\\", "/")).name or member
        if is_junk(member):
            skipped += 1
            continue
        problem = _member_problem(info, limits)
        if problem is not None:
            out.append(SourceFile(label, name, info.file_size, _nothing, problem))
            continue
        if budget.declared(info.file_size):
            out.append(
                SourceFile(
                    label,
                    name,
                    info.file_size,
                    _nothing,
                    (
                        Outcome.TOO_LARGE,
                        "the archive would unpack to more than "
                        f"{limits.max_total / 1024**3:.0f} GiB in all",
                    ),
                )
            )
            continue
        reader = _member_reader(opener, info, limits, budget)
        head = _member_head(opener, info)
        mail_kind = _member_mail_kind(head, opener, info)
        if mail_kind is not None:
            if depth >= MAX_NESTING + 1:
                why = "an e-mail inside a container inside another: not opened (nested too deep)"
                out.append(
                    SourceFile(label, name, info.file_size, _nothing, (Outcome.UNSUPPORTED, why))
                )
                continue
            from parsing import mailcollect

            skipped += mailcollect.add_mail(
                label, mail_kind, _bytes_opener(reader), info.file_size, out, limits, depth + 1
            )
            continue
        if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            kind = _member_zip_kind(reader)
            if kind == formats.ZIP:
                if depth >= MAX_NESTING + 1:
                    why = (
                        "a ZIP inside a ZIP inside a ZIP: archives nested this deep are not opened"
                    )
                    out.append(
                        SourceFile(
                            label, name, info.file_size, _nothing, (Outcome.UNSUPPORTED, why)
                        )
                    )
                    continue
                data_opener = _bytes_opener(reader)
                skipped += _add_archive(label, data_opener, out, limits, depth + 1)
                continue
        out.append(SourceFile(label, name, info.file_size, reader))
    return skipped


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> tuple[Outcome, str] | None:
    member = info.filename.replace("\\", "/")
    parts = PurePosixPath(member).parts
    if member.startswith("/") or ".." in parts or (len(member) > 1 and member[1] == ":"):
        # Never extracted, so harmless to us, but a sign of a hostile archive.
        return (Outcome.MALFORMED, f"unsafe path inside the archive ({info.filename!r}); not read")
    if info.flag_bits & 0x1:
        return (Outcome.ENCRYPTED, "the file is password-protected inside the ZIP")
    if info.file_size > limits.max_bytes:
        return (Outcome.TOO_LARGE, too_large_message(info.file_size, limits.max_bytes))
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        return (
            Outcome.MALFORMED,
            f"compressed {info.file_size // max(info.compress_size, 1):,} to 1, "
            "far beyond any document (a ZIP bomb?); not unpacked",
        )
    return None


class _Budget:
    """Total bytes an archive may unpack to, by declaration and by what was really read."""

    def __init__(self, limit: int):
        self.limit = limit
        self.declared_total = 0
        self.read_total = 0

    def declared(self, size: int) -> bool:
        self.declared_total += size
        return self.declared_total > self.limit


class TooBig(Exception):
    pass


def _member_reader(
    opener, info: zipfile.ZipInfo, limits: Limits, budget: _Budget
) -> Callable[[], bytes]:
    def read() -> bytes:
        # Declared sizes can lie: read at most one byte past the limit.
        with opener() as fh, zipfile.ZipFile(fh) as archive, archive.open(info) as member:
            data = member.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise TooBig(
                f"unpacks to more than {size_text(limits.max_bytes)} (its header said "
                f"{info.file_size:,} bytes)"
            )
        budget.read_total += len(data)
        if budget.read_total > budget.limit:
            raise TooBig("the archive unpacks to more than its total limit")
        if info.compress_size and len(data) / info.compress_size > limits.max_ratio:
            raise TooBig("compressed far beyond any document (a ZIP bomb?)")
        return data

    return read


def _member_head(opener, info: zipfile.ZipInfo) -> bytes:
    """The first bytes of a member: enough to tell a ZIP or an e-mail (one read for both)."""
    try:
        with opener() as fh, zipfile.ZipFile(fh) as archive, archive.open(info) as member:
            return member.read(MAIL_HEAD_BYTES)
    except Exception:  # a broken member is reported when it is read
        return b""


def _member_mail_kind(head: bytes, opener, info: zipfile.ZipInfo) -> str | None:
    if head.startswith(formats.OLE_MAGIC):
        if info.file_size > 64 * 1024 * 1024:
            return None
        return _mail_kind(head, lambda: io.BytesIO(_read_member_whole(opener, info)))
    return _mail_kind(head, lambda: io.BytesIO(head))


def _read_member_whole(opener, info: zipfile.ZipInfo) -> bytes:
    with opener() as fh, zipfile.ZipFile(fh) as archive, archive.open(info) as member:
        return member.read(64 * 1024 * 1024)


def _member_zip_kind(reader: Callable[[], bytes]) -> str:
    try:
        return formats.sniff_zip_stream(io.BytesIO(reader()))
    except Exception:
        return "unreadable"


def _bytes_opener(reader: Callable[[], bytes]):
    def opener():
        return io.BytesIO(reader())

    return opener
