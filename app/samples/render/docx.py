"""DOCX resumes, written by hand: the smallest WordprocessingML that Word and
LibreOffice open (content types, package rels, document, styles, document rels,
core properties), with fixed timestamps so the bytes are the same for the same person."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from app.samples.layout import ContactLine, Document, Items, Section, compose, edu_lines, job_head
from app.samples.model import Education, Position, SamplePerson, Style

_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

_W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_DOCX_FONTS = {"sans": "Calibri", "serif": "Cambria", "core": "Arial"}


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


@dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    color: str | None = None
    size: float | None = None  # points
    href_id: str | None = None


def _w_run(run: _Run) -> str:
    props = ""
    if run.href_id:
        props += '<w:rStyle w:val="Hyperlink"/>'
    if run.bold:
        props += "<w:b/>"
    if run.italic:
        props += "<w:i/>"
    if run.color:
        props += f'<w:color w:val="{run.color.lstrip("#")}"/>'
    if run.size:
        props += f'<w:sz w:val="{round(run.size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = []
    for i, chunk in enumerate(run.text.split("\t")):
        if i:
            pieces.append("<w:tab/>")
        if chunk:
            pieces.append(f'<w:t xml:space="preserve">{_x(chunk)}</w:t>')
    xml = f"<w:r>{rpr}{''.join(pieces)}</w:r>"
    return f'<w:hyperlink r:id="{run.href_id}">{xml}</w:hyperlink>' if run.href_id else xml


def _w_p(
    runs: Sequence[_Run],
    style: str | None = None,
    space_before: int = 0,
    indent: int = 0,
    hanging: int = 0,
    right_tab: int | None = None,
    keep_next: bool | None = None,
) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if keep_next is not None:  # False overrides a style's keepNext
        ppr += "<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>'

    if right_tab:
        ppr += f'<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>'
    if space_before:
        ppr += f'<w:spacing w:before="{space_before}" w:after="40"/>'
    if indent or hanging:
        ppr += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(_w_run(r) for r in runs)}</w:p>"


def _styles_xml(st: Style) -> str:
    font = _DOCX_FONTS[st.font]
    half = round(st.base_size * 2)
    return (
        _XML_HEAD + f"<w:styles {_W_NS}><w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="en-GB"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="40" w:line="264" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/>'
        f'<w:sz w:val="{half + 24}"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
        '<w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/>'
        f'<w:color w:val="{st.accent.lstrip("#")}"/><w:sz w:val="{half + 4}"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
        "</w:styles>"
    )


def _document_rels(rels: list[tuple[str, str]]) -> str:
    links = "".join(
        f'<Relationship Id="{rid}" Type="{_OFFICE}/hyperlink" Target="{_x(url)}" '
        'TargetMode="External"/>'
        for rid, url in rels
    )
    return (
        f'{_XML_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
        f'<Relationship Id="rIdStyles" Type="{_OFFICE}/styles" Target="styles.xml"/>'
        f"{links}</Relationships>"
    )


_CONTENT_TYPES = (
    f'{_XML_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_MAIN}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/></Types>'
)
_PACKAGE_RELS = (
    f'{_XML_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PACKAGE}/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)


def _core_xml(p: SamplePerson) -> str:
    return (
        _XML_HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(p.name)} – CV</dc:title><dc:creator>{_x(p.name)}</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">'
        f"{p.reference.isoformat()}T09:00:00Z</dcterms:created></cp:coreProperties>"
    )


class _Body:
    """The document body's paragraphs, and the hyperlinks they point at."""

    def __init__(self, style: Style) -> None:
        self.st = style
        self.rels: list[tuple[str, str]] = []  # (id, target) of external hyperlinks

    def link_id(self, url: str) -> str:
        rid = f"rIdL{len(self.rels) + 1}"
        self.rels.append((rid, url))
        return rid

    def href(self, c: ContactLine) -> str | None:
        return self.link_id(c.href) if c.kind == "link" and c.href else None

    # "Keep with next" inside a table makes LibreOffice keep the whole table with the
    # paragraph after it, pushing a multi-page table off the first page: cells never keep.
    def heading(self, text: str, keep: bool) -> str:
        st = self.st
        if st.docx_heading_styles:
            return _w_p([_Run(text)], style="Heading1", keep_next=keep)
        run = _Run(text, bold=True, color=st.accent, size=st.base_size + 2)
        return _w_p([run], space_before=220, keep_next=keep)

    def contact_para(self, c: ContactLine, width: int | None = None) -> str:
        size = None
        if width:  # a narrow cell: shrink long lines rather than break an e-mail address
            fits = width / 20 / (0.62 * len(c.line()))
            size = round(min(self.st.base_size - 1, max(6.0, fits)) * 2) / 2
        runs = [_Run(c.label + " ", size=size)] if c.label else []
        runs.append(_Run(c.text, size=size, href_id=self.href(c)))
        return _w_p(runs)

    def contact_line(self, contact: list[ContactLine]) -> str:
        runs: list[_Run] = []
        for i, c in enumerate(contact):
            if i:
                runs.append(_Run(self.st.contact_separator))
            if c.label:
                runs.append(_Run(c.label + " "))
            runs.append(_Run(c.text, href_id=self.href(c)))
        return _w_p(runs)

    def position(self, job: Position, width: int, keep: bool) -> list[str]:
        st = self.st
        first, right, second = job_head(job, st, dates_right=st.docx_tabs)
        runs = [_Run(first, bold=True)]
        if right:
            runs.append(_Run("\t" + right))
        tab = width if right else None
        out = [_w_p(runs, space_before=120, right_tab=tab, keep_next=keep)]
        if second:
            out.append(_w_p([_Run(second, italic=True)], keep_next=keep))
        out += [_w_p([_Run(f"{st.bullet}\t{b}")], indent=360, hanging=360) for b in job.bullets]
        return out

    def section(self, sec: Section, width: int, in_table: bool = False) -> list[str]:
        keep = not in_table
        out = [self.heading(sec.heading, keep)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(_w_p([_Run(block)]))
            elif isinstance(block, ContactLine):
                out.append(self.contact_para(block, width if in_table else None))
            elif isinstance(block, Position):
                out += self.position(block, width, keep)
            elif isinstance(block, Education):
                first, second = edu_lines(block, self.st)
                out.append(_w_p([_Run(first, bold=True)], space_before=80))
                if second:
                    out.append(_w_p([_Run(second)]))
            elif isinstance(block, Items):
                if block.separator:
                    out.append(_w_p([_Run(block.separator.join(block.items))]))
                else:
                    out += [_w_p([_Run(item)]) for item in block.items]
        return out

    def two_columns(self, doc: Document, text_w: int) -> str:
        """The sidebar and the main column as a borderless table."""
        side_w = int(text_w * 0.32)
        side = "".join(x for sec in doc.sidebar for x in self.section(sec, side_w - 240, True))
        main_w = text_w - side_w
        main = "".join(x for sec in doc.main for x in self.section(sec, main_w - 240, True))
        borders = ("top", "left", "bottom", "right", "insideH", "insideV")
        shade = '<w:shd w:val="clear" w:color="auto" w:fill="EEF1F4"/>'
        return (
            '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>'
            + "".join(f'<w:{b} w:val="nil"/>' for b in borders)
            + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{side_w}"/><w:gridCol w:w="{main_w}"/></w:tblGrid><w:tr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{side_w}" w:type="dxa"/>{shade}</w:tcPr>{side}</w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="{main_w}" w:type="dxa"/></w:tcPr>{main}</w:tc>'
            "</w:tr></w:tbl>"
        )


def _zip(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            # Fixed timestamps keep the bytes identical for the same person.
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


def render_docx(p: SamplePerson, two_column: bool = False) -> bytes:
    """A .docx built with zipfile; ``two_column`` puts the sidebar in a borderless table."""
    doc = compose(p, two_column)
    st = p.style
    letter = st.page == "Letter"
    page_w, page_h = (12240, 15840) if letter else (11906, 16838)  # twentieths of a point
    margin = 1080
    text_w = page_w - 2 * margin
    w = _Body(st)
    if st.docx_heading_styles:
        name = _w_p([_Run(p.name)], style="Title")
    else:
        name = _w_p([_Run(p.name, bold=True, size=st.base_size + 12)])
    body = [name, _w_p([_Run(p.title, color=st.accent, size=st.base_size + 2)])]
    if two_column:
        body.append(w.two_columns(doc, text_w))
        body.append(_w_p([]))  # a table must not be the body's last block
    else:
        if st.contact_multiline:
            body += [w.contact_para(c) for c in doc.contact]
        else:
            body.append(w.contact_line(doc.contact))
        for sec in doc.main:
            body += w.section(sec, text_w)
    body.append(
        f'<w:sectPr><w:pgSz w:w="{page_w}" w:h="{page_h}"/><w:pgMar w:top="{margin}" '
        f'w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr>'
    )
    document = f"{_XML_HEAD}<w:document {_W_NS}><w:body>{''.join(body)}</w:body></w:document>"
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _PACKAGE_RELS,
            "word/document.xml": document,
            "word/styles.xml": _styles_xml(st),
            "word/_rels/document.xml.rels": _document_rels(w.rels),
            "docProps/core.xml": _core_xml(p),
        }
    )
