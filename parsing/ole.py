"""What an OLE2 compound file (the container of legacy Office files) holds.

Word 97-2003 documents, Outlook messages, old Excel and PowerPoint files and
password-protected DOCX/XLSX all start with the same eight bytes; the streams
inside tell them apart. Only the directory is read here, never a stream, so a
hostile container costs little (olefile checks sector indexes and chains).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Kinds an OLE file can be, as the sniffer names them.
WORD = "word"
OUTLOOK = "outlook"
ENCRYPTED_OOXML = "encrypted-ooxml"
OTHER = "other"
BROKEN = "broken"


@dataclass(frozen=True)
class OleIdentity:
    kind: str
    description: str


def identify(data) -> OleIdentity:
    """Which kind of OLE file these bytes (or this open binary file) are, from its directory
    entries."""
    try:
        import olefile
    except ImportError:  # pragma: no cover - a declared dependency
        return OleIdentity(OTHER, "legacy Microsoft Office file (.doc/.xls/.ppt)")
    try:
        source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
        with olefile.OleFileIO(source) as ole:
            top = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
    except Exception as exc:  # olefile raises OSError, ValueError, struct errors … on damage
        return OleIdentity(
            BROKEN, f"damaged Office file (its OLE directory cannot be read: {_short(exc)})"
        )
    lowered = {name.lower() for name in top}
    if "encryptedpackage" in lowered or "encryptioninfo" in lowered:
        return OleIdentity(ENCRYPTED_OOXML, "password-protected Office document (DOCX/XLSX/PPTX)")
    if "worddocument" in lowered:
        return OleIdentity(WORD, "Word 97-2003 document (.doc)")
    if "__properties_version1.0" in lowered or any(n.startswith("__substg1.0_") for n in lowered):
        return OleIdentity(OUTLOOK, "Outlook message (.msg)")
    if "workbook" in lowered or "book" in lowered:
        return OleIdentity(OTHER, "Excel 97-2003 workbook (.xls)")
    if "powerpoint document" in lowered:
        return OleIdentity(OTHER, "PowerPoint 97-2003 presentation (.ppt)")
    return OleIdentity(OTHER, "legacy Microsoft Office file of an unknown kind")


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def check_streams(ole, file_size: int, what: str) -> None:
    """Refuse an OLE bomb before any stream is read: streams that claim more bytes than the file
    holds, sectors shared between streams (read over and over), chains that loop.

    ``ole`` is an open ``olefile.OleFileIO``; raises :class:`ParseProblem` (``malformed``).
    """
    from parsing.errors import ParseProblem

    total = 0
    owner: dict[int, int] = {}
    for sid, entry in enumerate(ole.direntries):
        if entry is None or entry.entry_type != 2:  # streams only (STGTY_STREAM)
            continue
        size = entry.size
        total += size
        if size > file_size or total > 2 * file_size:
            raise ParseProblem(
                "malformed",
                f"damaged {what} (its streams claim more bytes than the file's "
                f"{file_size:,}: an OLE bomb?)",
            )
        if size < ole.minisectorcutoff:
            continue  # in the mini stream, at most 4 KB each
        sector = entry.isectStart
        needed = (size + ole.sectorsize - 1) // ole.sectorsize
        for _ in range(needed):
            if not 0 <= sector < len(ole.fat):
                break  # a broken chain: olefile reports it when the stream is read
            if sector in owner:
                raise ParseProblem(
                    "malformed", f"damaged {what} (its sectors are used twice: an OLE bomb?)"
                )
            owner[sector] = sid
            sector = ole.fat[sector]
