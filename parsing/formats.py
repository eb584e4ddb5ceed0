"""Recognise a file by its content and pull out its text.

Files arrive misnamed (a DOCX saved as ``.pdf``, a text file without an
extension), so the extension is only used to say what a file *claimed* to be.
Everything here is pure: bytes in, text out, or a :class:`ParseProblem`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import charset_normalizer
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from parsing.errors import ParseProblem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Formats we read.
PDF, DOCX, ODT, RTF, TEXT, ZIP = "pdf", "docx", "odt", "rtf", "text", "zip"
DOC, IMAGE, HTML, MHTML, JSON_RESUME = "doc", "image", "html", "mhtml", "jsonresume"
READABLE = {PDF, DOCX, ODT, RTF, TEXT, DOC, IMAGE, HTML, MHTML, JSON_RESUME}
# Mail: containers whose documents (attachments, or the body) are read one by one.
EML, MSG, MBOX = "eml", "msg", "mbox"
MAIL = {EML, MSG, MBOX}

# Limits on office documents, which are ZIPs of XML: a DOCX is a few hundred KB
# of XML even for a long resume.
MAX_XML_BYTES = 30 * 1024 * 1024
MAX_XML_RATIO = 200


@dataclass(frozen=True)
class Sniffed:
    kind: str  # one of the format constants, or "unsupported"
    description: str  # what the bytes are, for messages ("PNG image")


# Pictures are read by OCR (a scan or a photo of a resume).
_IMAGES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
]

_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\x7fELF", 0, "program (ELF executable)"),
    (b"MZ", 0, "Windows program"),
    (b"OggS", 0, "audio (Ogg)"),
    (b"ID3", 0, "audio (MP3)"),
    (b"%!PS", 0, "PostScript document"),
]


def sniff(data: bytes) -> Sniffed:
    """What these bytes are, by content alone."""
    if not data:
        return Sniffed("empty", "empty file")
    head = data[:1024]
    if b"%PDF-" in head:
        return Sniffed(PDF, "PDF document")
    if b"PDF-1." in head[:64] or re.search(rb"\d+ \d+ obj\s*<<", data[:4096]):
        # A damaged header, but PDF objects follow: let the PDF reader try.
        return Sniffed(PDF, "PDF document (damaged header)")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return Sniffed(RTF, "RTF document")
    if head[4:8] == b"ftyp":
        if head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"):
            return Sniffed(IMAGE, "HEIC image")
        return Sniffed("unsupported", "MP4/QuickTime media file")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed(IMAGE, "WebP image")
    for magic, description in _IMAGES:
        if head.startswith(magic):
            return Sniffed(IMAGE, description)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(data)
    for magic, offset, description in _MAGIC:
        if head[offset:].startswith(magic):
            return Sniffed("unsupported", description)
    from parsing import mail, web  # light: standard library only

    found = web.sniff_markup(data) or mail.sniff_mail(data)
    if found is not None:
        return Sniffed(*found)
    if _looks_like_text(data):
        if looks_like_json_resume(data):
            return Sniffed(JSON_RESUME, "JSON Resume (resume.json)")
        return Sniffed(TEXT, "plain text")
    return Sniffed("unsupported", "binary data of an unknown type")


def _sniff_ole(data: bytes) -> Sniffed:
    from parsing import ole

    found = ole.identify(data)
    kind = {ole.WORD: DOC, ole.OUTLOOK: MSG, ole.ENCRYPTED_OOXML: "encrypted", ole.BROKEN: "broken-ole"}
    return Sniffed(kind.get(found.kind, "unsupported"), found.description)


def looks_like_json_resume(data: bytes) -> bool:
    """A JSON object with the ``basics`` section of jsonresume.org's schema."""
    start = data[:64].lstrip(b"\xef\xbb\xbf \r\n\t")
    return start.startswith(b"{") and b'"basics"' in data[:2_000_000]


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) * 0.01


def _sniff_zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _zip_identity(archive)
    except zipfile.BadZipFile as exc:
        return Sniffed("broken-zip", f"damaged ZIP archive ({exc})")


def sniff_zip_stream(fh) -> str:
    """The kind of a ZIP-based file (docx, odt, zip or unsupported) from an open binary file."""
    try:
        with zipfile.ZipFile(fh) as archive:
            return _zip_identity(archive).kind
    except zipfile.BadZipFile:
        return "broken-zip"


def _zip_identity(archive: zipfile.ZipFile) -> Sniffed:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return Sniffed(DOCX, "Word document (DOCX)")
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype == "application/vnd.oasis.opendocument.text":
            return Sniffed(ODT, "OpenDocument text (ODT)")
        return Sniffed("unsupported", f"OpenDocument file of type {mimetype!r}")
    if "xl/workbook.xml" in names:
        return Sniffed("unsupported", "Excel workbook (XLSX)")
    if any(n.startswith("ppt/") for n in names):
        return Sniffed("unsupported", "PowerPoint presentation (PPTX)")
    return Sniffed(ZIP, "ZIP archive")


# --- DOCX -------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class OfficeText:
    text: str
    link_targets: list[str] = field(default_factory=list)


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise ParseProblem("too_complex", f"{name} inside the document is {info.file_size:,} bytes")
    if info.compress_size and info.file_size / info.compress_size > MAX_XML_RATIO:
        raise ParseProblem(
            "malformed", f"{name} inside the document is compressed suspiciously well (a ZIP bomb?)"
        )
    return archive.read(name)


def _parse_xml(raw: bytes, what: str) -> Element:
    try:
        return safe_fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseProblem(
            "malformed", f"{what} declares XML entities or a DTD, which we refuse for safety ({exc})"
        ) from None
    except Exception as exc:  # ParseError and friends
        raise ParseProblem("malformed", f"{what} is not well-formed XML ({exc})") from None


def _docx_paragraphs(root: Element) -> list[str]:
    lines: list[str] = []

    def walk(node: Element) -> None:
        for child in node:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue  # the same content again, for old readers
            if tag == f"{_W}p":
                lines.append(_docx_paragraph_text(child))
            else:
                walk(child)

    walk(root)
    return lines


def _docx_paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def extract_docx(data: bytes) -> OfficeText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseProblem("malformed", f"damaged DOCX ({exc})") from None
    with archive:
        names = archive.namelist()
        # Contact details often live in the page header: read it first.
        parts = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
        parts.append("word/document.xml")
        parts += sorted(n for n in names if re.fullmatch(r"word/(footer\d*|footnotes)\.xml", n))
        lines: list[str] = []
        for part in parts:
            root = _parse_xml(_read_member(archive, part), part)
            lines.extend(_docx_paragraphs(root))
        targets: list[str] = []
        for rels in (n for n in names if n.startswith("word/_rels/") and n.endswith(".rels")):
            root = _parse_xml(_read_member(archive, rels), rels)
            for rel in root.iter(f"{_REL_NS}Relationship"):
                if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith("/hyperlink"):
                    targets.append(rel.get("Target", ""))
    return OfficeText("\n".join(lines), [t for t in dict.fromkeys(targets) if t])


# --- ODT --------------------------------------------------------------------

_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _odt_text(node: Element, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        tag = child.tag
        if tag == f"{_TEXT_NS}s":
            parts.append(" " * int(child.get(f"{_TEXT_NS}c", "1") or 1))
        elif tag == f"{_TEXT_NS}tab":
            parts.append("\t")
        elif tag == f"{_TEXT_NS}line-break":
            parts.append("\n")
        elif tag in (f"{_TEXT_NS}p", f"{_TEXT_NS}h"):
            parts.append("\n")
            _odt_text(child, parts)
            parts.append("\n")
        else:
            _odt_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def extract_odt(data: bytes) -> OfficeText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseProblem("malformed", f"damaged ODT ({exc})") from None
    with archive:
        if "content.xml" not in archive.namelist():
            raise ParseProblem("malformed", "the ODT has no content.xml")
        root = _parse_xml(_read_member(archive, "content.xml"), "content.xml")
    parts: list[str] = []
    _odt_text(root, parts)
    targets = [a.get(_XLINK_HREF, "") for a in root.iter(f"{_TEXT_NS}a")]
    return OfficeText("".join(parts), [t for t in dict.fromkeys(targets) if t])


# --- RTF --------------------------------------------------------------------

_RTF_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]")
# Groups whose content is not document text.
_RTF_SKIP = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"footer",
    b"listtable", b"listoverridetable", b"rsidtbl", b"generator", b"themedata", b"datastore",
    b"latentstyles", b"xmlnstbl", b"colorschememapping", b"fldinst",
}  # fmt: skip
_RTF_BREAKS = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n", b"cell": " ", b"tab": "\t"}
_RTF_CHARS = {b"emdash": "\u2014", b"endash": "\u2013", b"bullet": "\u2022", b"lquote": "\u2018",
              b"rquote": "\u2019", b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"~": "\u00a0"}  # fmt: skip


def extract_rtf(data: bytes) -> str:
    """Plain text of an RTF document: enough of the format for resumes, not a renderer."""
    codepage = "cp1252"
    match = re.search(rb"\\ansicpg(\d+)", data[:4096])
    if match:
        codepage = f"cp{int(match.group(1))}"
    try:
        "".encode(codepage)
    except LookupError:
        codepage = "cp1252"
    out: list[str] = []
    stack: list[tuple[bool, int]] = []  # (skipping, unicode skip count) per group
    skipping, uc = False, 1
    pending_skip = 0  # fallback characters to drop after a \u
    for m in _RTF_TOKEN.finditer(data):
        word, arg, hexbyte, symbol, brace, literal = m.groups()
        if brace == b"{":
            stack.append((skipping, uc))
            continue
        if brace == b"}":
            skipping, uc = stack.pop() if stack else (False, 1)
            continue
        if word is not None:
            if word in _RTF_SKIP:
                skipping = True
            elif word == b"uc" and arg:
                uc = int(arg)
            elif word == b"u" and arg and not skipping:
                code = int(arg)
                out.append(chr(code + 65536 if code < 0 else code))
                pending_skip = uc
                continue
            elif not skipping:
                if word in _RTF_BREAKS:
                    out.append(_RTF_BREAKS[word])
                elif word in _RTF_CHARS:
                    out.append(_RTF_CHARS[word])
            pending_skip = 0
            continue
        if symbol is not None:
            if symbol == b"*":
                skipping = True  # an ignorable destination
            elif not skipping and symbol in (b"\\", b"{", b"}"):
                out.append(symbol.decode())
            elif not skipping and symbol == b"~":
                out.append("\u00a0")
            continue
        if skipping:
            continue
        if hexbyte is not None:
            if pending_skip:
                pending_skip -= 1
                continue
            out.append(bytes([int(hexbyte, 16)]).decode(codepage, "replace"))
        elif literal is not None:
            text = literal.decode(codepage, "replace")
            if pending_skip:
                drop = min(pending_skip, len(text))
                text, pending_skip = text[drop:], pending_skip - drop
            out.append(text)
    return "".join(out)


# --- Plain text -------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a plain-text or Markdown file, whatever its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise ParseProblem("unreadable_text", "the text's character encoding could not be recognised")
    return data.decode(best.encoding, "replace")
