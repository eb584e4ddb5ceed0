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
from parsing.layout import Line

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
    kind = {
        ole.WORD: DOC,
        ole.OUTLOOK: MSG,
        ole.ENCRYPTED_OOXML: "encrypted",
        ole.BROKEN: "broken-ole",
    }
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
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A hyperlink written as a field code (WPS, older Word): HYPERLINK "https://…"
_FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')


@dataclass
class OfficeText:
    text: str
    link_targets: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # paragraphs with their style, size and links
    body_size: float = 0.0


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
            "malformed",
            f"{what} declares XML entities or a DTD, which we refuse for safety ({exc})",
        ) from None
    except Exception as exc:  # ParseError and friends
        raise ParseProblem("malformed", f"{what} is not well-formed XML ({exc})") from None


def _is_on(prop: Element | None) -> bool | None:
    """A Word toggle property (<w:b/>, <w:b w:val="0"/>): True, False, or None when absent."""
    if prop is None:
        return None
    return prop.get(f"{_W}val", "true").lower() not in ("0", "false", "off", "none")


def _run_props(rpr: Element | None) -> tuple[float | None, bool | None]:
    if rpr is None:
        return None, None
    size = None
    sz = rpr.find(f"{_W}sz")
    if sz is not None:
        try:
            size = int(sz.get(f"{_W}val", "")) / 2  # half-points
        except ValueError:
            size = None
    return size, _is_on(rpr.find(f"{_W}b"))


@dataclass
class _WordStyles:
    """Paragraph and character styles of a DOCX, resolved along basedOn: name, size, bold."""

    default_size: float = 11.0
    styles: dict[str, tuple[str, float | None, bool | None, str | None]] = field(
        default_factory=dict
    )

    @classmethod
    def read(cls, root: Element | None) -> _WordStyles:
        out = cls()
        if root is None:
            return out
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        size, _ = _run_props(defaults)
        if size:
            out.default_size = size
        for style in root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if not sid:
                continue
            name_el = style.find(f"{_W}name")
            name = (name_el.get(f"{_W}val", sid) if name_el is not None else sid).lower()
            based = style.find(f"{_W}basedOn")
            size, bold = _run_props(style.find(f"{_W}rPr"))
            out.styles[sid] = (
                name,
                size,
                bold,
                based.get(f"{_W}val") if based is not None else None,
            )
        return out

    def resolve(self, sid: str | None) -> tuple[str, float | None, bool | None]:
        """(name, size, bold) of a style with what it inherits."""
        name, size, bold, seen = "", None, None, set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            own_name, own_size, own_bold, based = self.styles[sid]
            name = name or own_name
            size = own_size if size is None else size
            bold = own_bold if bold is None else bold
            sid = based
        return name, size, bold


def _docx_lines(root: Element, styles: _WordStyles, rels: dict[str, str]) -> list[Line]:
    lines: list[Line] = []

    def walk(node: Element, out: list[Line]) -> None:
        for child in node:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue  # the same content again, for old readers
            if tag == f"{_W}p":
                _DocxParagraph(child, styles, rels, out).read()
            elif tag == f"{_W}tr":
                cells: list[list[Line]] = []
                for cell in child.iter(f"{_W}tc"):
                    cells.append([])
                    walk(cell, cells[-1])
                out.extend(_table_row(cells))
            else:
                walk(child, out)

    walk(root, lines)
    return lines


def _table_row(cells: list[list[Line]]) -> list[Line]:
    """The lines of one table row. A form's row ("Imię:" | "Michał Jan", "Telefon" | "600 …")
    holds a line or none in each cell: it is one line with its cells, as a PDF's row is
    read, so the label and its value stay together. A row of longer cells (a layout table's
    sidebar beside the main text) keeps its lines, cell after cell, each cell a column."""
    filled = [[ln for ln in cell if ln.text.strip()] for cell in cells]
    parts = [cell[0] for cell in filled if cell]
    if len(parts) < 2:
        return [ln for cell in cells for ln in cell]
    if any(len(cell) > 1 for cell in filled) or any("\n" in ln.text for ln in parts):
        # A layout table: its first cell with text is the left column, the rest the right
        # one, so a sidebar's section ends where its cell does.
        first = next(k for k, cell in enumerate(filled) if cell)
        for k, cell in enumerate(cells):
            for ln in cell:
                ln.column = 1 if k == first else 2
        return [ln for cell in cells for ln in cell]
    texts = tuple(ln.text.strip() for ln in parts)
    main = max(parts, key=lambda ln: len(ln.text.strip()))
    return [
        Line(
            " ".join(texts),
            style=main.style,
            size=max(ln.size for ln in parts),
            bold=all(ln.bold for ln in parts) or main.bold,
            links=tuple(dict.fromkeys(t for ln in parts for t in ln.links)),
            cells=texts,
        )
    ]


class _DocxParagraph:
    """One paragraph's text, with its style's name and the size and weight of most of its letters.

    A text box anchored in the paragraph holds paragraphs of its own: they
    become lines of their own, not letters glued to this one.
    """

    def __init__(
        self, paragraph: Element, styles: _WordStyles, rels: dict[str, str], out: list[Line]
    ):
        self.paragraph, self.styles, self.rels, self.out = paragraph, styles, rels, out
        ppr = paragraph.find(f"{_W}pPr")
        pstyle = ppr.find(f"{_W}pStyle") if ppr is not None else None
        self.style_name, self.style_size, self.style_bold = styles.resolve(
            pstyle.get(f"{_W}val") if pstyle is not None else None
        )
        self._reset()

    def _reset(self) -> None:
        self.parts: list[str] = []
        self.sizes: dict[float, int] = {}
        self.bold_chars = self.chars = 0
        self.links: list[str] = []
        self.fields: list[str] = []  # field codes; a HYPERLINK code may be split over several runs

    def read(self) -> None:
        self._visit(self.paragraph)
        self._flush(final=True)

    def _flush(self, final: bool = False) -> None:
        if not final and not "".join(self.parts).strip():
            return
        self.links.extend(_FIELD_LINK.findall("".join(self.fields)))
        size = (
            max(self.sizes, key=self.sizes.get)
            if self.sizes
            else (self.style_size or self.styles.default_size)
        )
        self.out.append(
            Line(
                "".join(self.parts),
                style=self.style_name,
                size=size,
                bold=self.chars > 0 and self.bold_chars * 2 > self.chars,
                links=tuple(dict.fromkeys(self.links)),
            )
        )
        self._reset()

    def _visit(self, node: Element) -> None:
        for child in node:
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag == f"{_W}p":
                self._flush()
                _DocxParagraph(child, self.styles, self.rels, self.out).read()
            elif tag == f"{_W}r":
                self._run(child)
            elif tag == f"{_W}hyperlink":
                target = self.rels.get(child.get(f"{_R}id", ""))
                if target:
                    self.links.append(target)
                self._visit(child)
            elif tag == f"{_W}fldSimple":
                self.fields.append(" " + child.get(f"{_W}instr", "") + " ")
                self._visit(child)
            else:
                self._visit(child)

    def _run(self, run: Element) -> None:
        rpr = run.find(f"{_W}rPr")
        size, bold = _run_props(rpr)
        rstyle = rpr.find(f"{_W}rStyle") if rpr is not None else None
        if rstyle is not None:
            _, char_size, char_bold = self.styles.resolve(rstyle.get(f"{_W}val"))
            size = size if size is not None else char_size
            bold = bold if bold is not None else char_bold
        size = size if size is not None else (self.style_size or self.styles.default_size)
        bold = bold if bold is not None else bool(self.style_bold)
        for node in run:
            tag = node.tag
            if tag == f"{_W}t" and node.text:
                self.parts.append(node.text)
                n = len(node.text) - node.text.count(" ")
                self.sizes[size] = self.sizes.get(size, 0) + n
                self.chars += n
                self.bold_chars += n if bold else 0
            elif tag == f"{_W}tab":
                self.parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                self.parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                self.parts.append("-")
            elif tag == f"{_W}instrText":
                self.fields.append(node.text or "")
            elif tag != f"{_W}rPr":
                self._visit(node)  # drawings with text boxes, alternate content


def extract_docx(data: bytes) -> OfficeText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseProblem("malformed", f"damaged DOCX ({exc})") from None
    with archive:
        names = archive.namelist()
        styles = _WordStyles.read(
            _parse_xml(_read_member(archive, "word/styles.xml"), "word/styles.xml")
            if "word/styles.xml" in names
            else None
        )
        # Hyperlink targets by relationship id, per part.
        rels_of: dict[str, dict[str, str]] = {}
        targets: list[str] = []
        for rels in (n for n in names if n.startswith("word/_rels/") and n.endswith(".rels")):
            root = _parse_xml(_read_member(archive, rels), rels)
            part = "word/" + rels[len("word/_rels/") : -len(".rels")]
            mapping = rels_of.setdefault(part, {})
            for rel in root.iter(f"{_REL_NS}Relationship"):
                if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith(
                    "/hyperlink"
                ):
                    mapping[rel.get("Id", "")] = rel.get("Target", "")
                    targets.append(rel.get("Target", ""))
        # Contact details often live in the page header: read it first.
        parts = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
        parts.append("word/document.xml")
        parts += sorted(n for n in names if re.fullmatch(r"word/(footer\d*|footnotes)\.xml", n))
        lines: list[Line] = []
        for part in parts:
            root = _parse_xml(_read_member(archive, part), part)
            lines.extend(_docx_lines(root, styles, rels_of.get(part, {})))
    for line in lines:
        targets.extend(line.links)  # field-code links (WPS) have no relationship
    body = _body_size(lines)
    return OfficeText(
        "\n".join(line.text for line in lines),
        [t for t in dict.fromkeys(targets) if t],
        lines,
        body,
    )


def _body_size(lines: list[Line]) -> float:
    """The size most letters are set in."""
    counts: dict[float, int] = {}
    for line in lines:
        if line.size:
            counts[line.size] = counts.get(line.size, 0) + len(line.text)
    return max(counts, key=counts.get) if counts else 0.0


# --- ODT --------------------------------------------------------------------

_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO_NS = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@dataclass
class _OdtStyles:
    """Named and automatic styles of an ODT: display name, font size and weight, along parents."""

    styles: dict[str, tuple[str, str | None, float | None, float | None, bool | None]] = field(
        default_factory=dict
    )
    default_size: float = 12.0

    def read(self, root: Element | None, automatic: bool) -> None:
        if root is None:
            return
        for node in root.iter():
            if (
                node.tag == f"{_STYLE_NS}default-style"
                and node.get(f"{_STYLE_NS}family") == "paragraph"
            ):
                size, _, _ = self._props(node)
                if size:
                    self.default_size = size
            if node.tag != f"{_STYLE_NS}style":
                continue
            name = node.get(f"{_STYLE_NS}name")
            if not name:
                continue
            shown = (
                ""
                if automatic
                else (node.get(f"{_STYLE_NS}display-name") or name.replace("_20_", " "))
            )
            size, scale, bold = self._props(node)
            self.styles[name] = (
                shown.lower(),
                node.get(f"{_STYLE_NS}parent-style-name"),
                size,
                scale,
                bold,
            )

    @staticmethod
    def _props(node: Element) -> tuple[float | None, float | None, bool | None]:
        props = node.find(f"{_STYLE_NS}text-properties")
        if props is None:
            return None, None, None
        raw = props.get(f"{_FO_NS}font-size", "")
        size = scale = None
        m = re.fullmatch(r"([\d.]+)(pt|%)", raw)
        if m:
            value = float(m.group(1))
            size, scale = (value, None) if m.group(2) == "pt" else (None, value / 100)
        weight = props.get(f"{_FO_NS}font-weight")
        bold = None if weight is None else weight in ("bold", "600", "700", "800", "900")
        return size, scale, bold

    def resolve(self, name: str | None) -> tuple[str, float | None, bool | None]:
        shown, size, bold, factor, seen = "", None, None, 1.0, set()
        while name and name in self.styles and name not in seen:
            seen.add(name)
            own_shown, parent, own_size, scale, own_bold = self.styles[name]
            shown = shown or own_shown
            if size is None:
                if own_size is not None:
                    size = own_size * factor
                elif scale is not None:
                    factor *= scale
            bold = own_bold if bold is None else bold
            name = parent
        return shown, size if size is not None else self.default_size * factor, bold


class _OdtReader:
    """ODT paragraphs as lines, with their style, size and weight, and the links inside them."""

    def __init__(self, styles: _OdtStyles) -> None:
        self.styles = styles
        self.lines: list[Line] = []

    def paragraph(self, node: Element) -> None:
        style, size, bold = self.styles.resolve(node.get(f"{_TEXT_NS}style-name"))
        if node.tag == f"{_TEXT_NS}h" and not style:
            style = f"heading {node.get(f'{_TEXT_NS}outline-level', '1')}"
        state = {"parts": [], "sizes": {}, "bold": 0, "chars": 0, "links": []}
        self._inline(node, state, size or self.styles.default_size, bool(bold), style)
        self._flush(state, style)

    def _flush(self, state: dict, style: str) -> None:
        sizes = state["sizes"]
        self.lines.append(
            Line(
                "".join(state["parts"]),
                style=style,
                size=max(sizes, key=sizes.get) if sizes else 0.0,
                bold=state["chars"] > 0 and state["bold"] * 2 > state["chars"],
                links=tuple(dict.fromkeys(state["links"])),
            )
        )
        state.update(parts=[], sizes={}, bold=0, chars=0, links=[])

    def _count(self, text: str | None, state: dict, size: float, bold: bool) -> None:
        if not text:
            return
        state["parts"].append(text)
        n = len(text) - text.count(" ")
        if n:
            state["sizes"][size] = state["sizes"].get(size, 0) + n
            state["chars"] += n
            state["bold"] += n if bold else 0

    def _inline(self, node: Element, state: dict, size: float, bold: bool, style: str) -> None:
        self._count(node.text, state, size, bold)
        for child in node:
            tag = child.tag
            if tag == f"{_TEXT_NS}s":
                state["parts"].append(" " * int(child.get(f"{_TEXT_NS}c", "1") or 1))
            elif tag == f"{_TEXT_NS}tab":
                state["parts"].append("\t")
            elif tag == f"{_TEXT_NS}line-break":
                state["parts"].append("\n")
            elif tag in (f"{_TEXT_NS}p", f"{_TEXT_NS}h"):
                self._flush(state, style)  # a paragraph inside a frame or note: a line of its own
                self.paragraph(child)
            else:
                if tag == f"{_TEXT_NS}a" and child.get(_XLINK_HREF):
                    state["links"].append(child.get(_XLINK_HREF))
                child_size, child_bold = size, bold
                if tag == f"{_TEXT_NS}span":
                    name = child.get(f"{_TEXT_NS}style-name")
                    if name in self.styles.styles:
                        own = self.styles.styles[name]
                        child_size = own[2] if own[2] is not None else child_size
                        child_bold = own[4] if own[4] is not None else child_bold
                self._inline(child, state, child_size, child_bold, style)
            self._count(child.tail, state, size, bold)

    def walk(self, node: Element) -> None:
        for child in node:
            if child.tag in (f"{_TEXT_NS}p", f"{_TEXT_NS}h"):
                self.paragraph(child)
            else:
                self.walk(child)


def extract_odt(data: bytes) -> OfficeText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseProblem("malformed", f"damaged ODT ({exc})") from None
    with archive:
        names = archive.namelist()
        if "content.xml" not in names:
            raise ParseProblem("malformed", "the ODT has no content.xml")
        root = _parse_xml(_read_member(archive, "content.xml"), "content.xml")
        styles = _OdtStyles()
        if "styles.xml" in names:
            styles.read(
                _parse_xml(_read_member(archive, "styles.xml"), "styles.xml"), automatic=False
            )
    styles.read(
        root.find("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}automatic-styles"),
        automatic=True,
    )
    reader = _OdtReader(styles)
    reader.walk(root)
    targets = [a.get(_XLINK_HREF, "") for a in root.iter(f"{_TEXT_NS}a")]
    return OfficeText(
        "\n".join(line.text for line in reader.lines),
        [t for t in dict.fromkeys(targets) if t],
        reader.lines,
        _body_size(reader.lines),
    )


# --- RTF --------------------------------------------------------------------

_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]"
)
_RTF_SKIP = {
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"info",
    b"pict",
    b"object",
    b"header",
    b"footer",
    b"listtable",
    b"listoverridetable",
    b"rsidtbl",
    b"generator",
    b"themedata",
    b"datastore",
    b"latentstyles",
    b"xmlnstbl",
    b"colorschememapping",
    b"fldinst",
}
_RTF_BREAKS = {
    b"par": "\n",
    b"line": "\n",
    b"sect": "\n",
    b"page": "\n",
    b"row": "\n",
    b"cell": " ",
    b"tab": "\t",
}
_RTF_CHARS = {
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"~": "\u00a0",
}
# A field's instruction that links: HYPERLINK "https://…" (switches such as \l name a bookmark
# inside the document, \o a tooltip).
_RTF_HYPERLINK = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.IGNORECASE)


@dataclass
class _Group:
    """What an RTF group inherits and may change: whether its text is shown, the \\uc count,
    the field it is part of, and the link its text sits under."""

    skipping: bool = False
    uc: int = 1
    field: list | None = None  # the enclosing \field's instruction text, as it is read
    instruction: bool = False  # this group is a field's instruction (\fldinst)
    link: str | None = None  # the target of the field result (\fldrslt) this text belongs to


def extract_rtf_office(data: bytes) -> OfficeText:
    """The text of an RTF document as lines, with the targets of its HYPERLINK fields: tied to
    the line whose text they sit under (a word like "LinkedIn", an address), as in DOCX."""
    codepage = "cp1252"
    match = re.search(rb"\\ansicpg(\d+)", data[:4096])
    if match:
        codepage = f"cp{int(match.group(1))}"
    try:
        "".encode(codepage)
    except LookupError:
        codepage = "cp1252"
    out: list[str] = []
    targets: list[str] = []
    lines: list[set[str]] = [set()]
    stack: list[_Group] = []
    g = _Group()
    pending_skip = 0

    def emit(text: str) -> None:
        out.append(text)
        if g.link is not None and text.strip():
            lines[-1].add(g.link)
        for _ in range(text.count("\n")):
            lines.append(set())

    for m in _RTF_TOKEN.finditer(data):
        word, arg, hexbyte, symbol, brace, literal = m.groups()
        if brace == b"{":
            stack.append(g)
            g = _Group(g.skipping, g.uc, g.field, g.instruction, g.link)
            continue
        if brace == b"}":
            g = stack.pop() if stack else _Group()
            continue
        if word is not None:
            if word == b"field":
                g.field = None if g.skipping else []  # a page number in a footer: not shown
            elif word == b"fldinst":
                g.skipping, g.instruction = True, g.field is not None
            elif word == b"fldrslt" and g.field is not None:
                target = _link_of("".join(g.field))
                if target:
                    g.link = target
                    if target not in targets:
                        targets.append(target)
            elif word in _RTF_SKIP:
                g.skipping = True
            elif word == b"uc" and arg:
                g.uc = int(arg)
            elif word == b"u" and arg and (not g.skipping or g.instruction):
                code = int(arg)
                char = chr(code + 65536 if code < 0 else code)
                if g.skipping:
                    g.field.append(char)
                else:
                    emit(char)
                pending_skip = g.uc
                continue
            elif not g.skipping:
                if word in _RTF_BREAKS:
                    emit(_RTF_BREAKS[word])
                elif word in _RTF_CHARS:
                    emit(_RTF_CHARS[word])
            pending_skip = 0
            continue
        if symbol is not None:
            if symbol == b"*":
                g.skipping = True  # an ignorable destination
                g.instruction = False
            elif g.instruction and symbol in (b"\\", b"{", b"}"):
                g.field.append(symbol.decode())
            elif not g.skipping and symbol in (b"\\", b"{", b"}"):
                emit(symbol.decode())
            elif not g.skipping and symbol == b"~":
                emit("\u00a0")
            continue
        if g.skipping and not g.instruction:
            continue
        if hexbyte is not None:
            if pending_skip:
                pending_skip -= 1
                continue
            char = bytes([int(hexbyte, 16)]).decode(codepage, "replace")
        elif literal is not None:
            char = literal.decode(codepage, "replace")
            if pending_skip:
                drop = min(pending_skip, len(char))
                char, pending_skip = char[drop:], pending_skip - drop
        else:
            continue
        if g.skipping:
            g.field.append(char)
        else:
            emit(char)
    text = "".join(out)
    rows = text.split("\n")
    if len(rows) != len(lines):  # a break the tally missed: the targets, untied
        return OfficeText(text, targets)
    tied = [Line(row, links=tuple(sorted(links))) for row, links in zip(rows, lines, strict=True)]
    return OfficeText(text, targets, tied)


def _link_of(instruction: str) -> str | None:
    m = _RTF_HYPERLINK.match(instruction)
    if not m or "\\l" in instruction.split('"')[0]:
        return None
    target = m.group(1).strip()
    return target if re.match(r"^(?:https?://|www\.|mailto:|tel:)", target, re.IGNORECASE) else None


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
        raise ParseProblem(
            "unreadable_text", "the text's character encoding could not be recognised"
        )
    text = data.decode(best.encoding, "replace")
    if best.encoding in _CENTRAL_EUROPEAN and not _CENTRAL_LETTERS.search(text):
        # Western text in Windows-1252 that the detector took for Central European (Icelandic
        # "Guðrún" read as "Guđrún"): without a letter only that alphabet has, it is Western.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return text


_CENTRAL_EUROPEAN = {"cp1250", "iso8859_2", "windows-1250", "iso-8859-2"}
# Letters of Polish, Czech, Slovak, Hungarian, Romanian and Croatian that Windows-1252 lacks.
_CENTRAL_LETTERS = re.compile("[ąęśźżłńćřčšžťďůőűľĺŕăşţșțěňĄĘŚŹŻŁŃĆŘČŠŽŤĎŮŐŰĽĹŔĂŞŢȘȚĚŇ]")
