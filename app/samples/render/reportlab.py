"""PDF resumes made by reportlab's platypus (embedded TrueType subsets or base-14 fonts)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from app.samples.layout import ContactLine, Document, Items, Section, compose, edu_lines, job_head
from app.samples.model import Education, Position, SamplePerson, Style
from app.samples.render import cp1252, fit_pages

_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts",
    str(Path.home() / ".fonts"),
    str(Path.home() / ".local/share/fonts"),
)
_FONT_FILES = {  # regular, bold, italic; first complete set found wins
    "sans": (
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
        ("arial.ttf", "arialbd.ttf", "ariali.ttf"),
        ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf"),
    ),
    "serif": (
        ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
        ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
        ("times.ttf", "timesbd.ttf", "timesi.ttf"),
        ("Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf"),
    ),
}
_registered: dict[str, tuple[str, str, str]] = {}


def _fonts(kind: str) -> tuple[str, str, str]:
    """Register (once) a Unicode TrueType family for reportlab and return its names.

    The PDF base-14 fonts only cover cp1252, and names like Nguyễn or Łukasz need
    more; DejaVu (Linux), Liberation or Arial/Times (macOS, Windows) do. Without any
    of them, reportlab's bundled Vera is used, which lacks some Latin Extended letters.
    """
    if kind == "core":
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    if kind in _registered:
        return _registered[kind]
    files: tuple[str, ...] | None = None
    for triple in _FONT_FILES[kind]:
        for folder in _FONT_DIRS:
            paths = tuple(os.path.join(folder, f) for f in triple)
            if all(os.path.exists(x) for x in paths):
                files = paths
                break
        if files:
            break
    if files is None:
        vera = os.path.join(os.path.dirname(rl_config.__file__), "fonts")
        files = tuple(os.path.join(vera, f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf"))
    names = (f"SL{kind}", f"SL{kind}-Bold", f"SL{kind}-Italic")
    for font_name, path in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(font_name, path))
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[2])
    addMapping(names[0], 1, 1, names[1])
    _registered[kind] = names
    return names


class _Story:
    """Paragraph styles for one resume and the flowables that print its blocks."""

    def __init__(self, st: Style, fonts: tuple[str, str, str], scale: float) -> None:
        self.st = st
        self.regular, bold, italic = fonts
        self.base = base = st.base_size * scale
        accent = colors.HexColor(st.accent)
        grey = colors.HexColor("#555555")
        core_bullet = st.rl_core_bullets and st.bullet in "•-–*"
        leading = st.line_height / 100
        style = self.style
        self.body = style("body", leading=base * leading)
        self.small = style("small", fontSize=base - 1)
        self.name = style("name", fontName=bold, fontSize=base + 11, leading=(base + 11) * 1.15)
        self.headline = style("headline", fontSize=base + 2, textColor=accent, spaceAfter=4)
        self.heading = style(
            "heading",
            fontName=bold,
            fontSize=base + 1.5,
            textColor=accent,
            spaceBefore=base * 0.9,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.job = style("job", fontName=bold, spaceBefore=base * 0.6, keepWithNext=1)
        self.sub = style(
            "sub", fontName=italic, fontSize=base - 0.5, textColor=grey, keepWithNext=1
        )
        self.right = style("right", fontSize=base - 0.5, alignment=TA_RIGHT, textColor=grey)
        self.bullet = style(
            "bullet",
            leftIndent=12,
            bulletIndent=2,
            leading=base * leading,
            bulletFontName="Helvetica" if core_bullet else self.regular,
            bulletFontSize=base,
        )

    def style(self, name: str, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", self.regular)
        kw.setdefault("fontSize", self.base)
        kw.setdefault("leading", kw["fontSize"] * 1.28)
        return ParagraphStyle(name, **kw)

    def para(self, text: str, s: ParagraphStyle, href: str | None = None, **kw: Any) -> Paragraph:
        body = xml_escape(text)
        if href:
            body = f'<a href="{xml_escape(href)}">{body}</a>'
        return Paragraph(body, s, **kw)

    def fitted(self, text: str, width: float, href: str | None = None) -> Paragraph:
        # Sidebar lines must not wrap (an e-mail split over two lines is no e-mail):
        # shrink the font until the line fits.
        size = self.base - 1
        w = stringWidth(text, self.regular, size)
        if w > width:
            size = max(4.5, size * width / w * 0.98)
        return self.para(text, self.style("fit", fontSize=size, splitLongWords=0), href)

    def position(self, job: Position, width: float) -> list[Any]:
        first, right, second = job_head(job, self.st, dates_right=True)
        head: list[Any]
        if right:
            cells = [[self.para(first, self.job), self.para(right, self.right)]]
            table = Table(cells, colWidths=[width * 0.66, width * 0.34])
            table.setStyle(
                TableStyle(
                    [
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), self.base * 0.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ]
                )
            )
            head = [table]
        else:
            head = [self.para(first, self.job)]
        if second:
            head.append(self.para(second, self.sub))
        bullets = [self.para(b, self.bullet, bulletText=self.st.bullet) for b in job.bullets]
        return [KeepTogether(head + bullets[:1]), *bullets[1:]]  # never orphan a job title

    def items(self, block: Items, width: float, sidebar: bool) -> list[Any]:
        if block.separator:
            return [self.para(block.separator.join(block.items), self.body)]
        if sidebar:
            return [self.fitted(item, width) for item in block.items]
        return [self.para(item, self.bullet, bulletText=self.st.bullet) for item in block.items]

    def section(self, sec: Section, width: float, two_column: bool) -> list[Any]:
        out: list[Any] = [self.para(sec.heading, self.heading)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(self.para(block, self.body))
            elif isinstance(block, ContactLine):
                href = block.href if block.kind != "phone" else None
                out.append(self.fitted(block.line(), width, href))
            elif isinstance(block, Position):
                out += self.position(block, width)
            elif isinstance(block, Education):
                first, second = edu_lines(block, self.st)
                out.append(self.para(first, self.job))
                if second:
                    out.append(self.para(second, self.body))
            elif isinstance(block, Items):
                out += self.items(block, width, two_column)
        return out


def _two_columns(
    doc: BaseDocTemplate, s: _Story, model: Document, header: list[Any], text_w: float
) -> list[Any]:
    """Page templates for a header band, a tinted sidebar and a main column; the story."""
    _page_w, page_h = doc.pagesize
    margin = doc.leftMargin
    side_w = text_w * 0.31
    gap = 7 * mm
    main_w = text_w - side_w - gap
    header_h = sum(f.wrap(text_w, page_h)[1] for f in header) + 12
    tint = colors.HexColor("#eef1f4")

    def sidebar_band(canvas: Any, doc_: Any) -> None:
        top = page_h - margin - header_h + 2 * mm if doc_.page == 1 else page_h
        canvas.saveState()
        canvas.setFillColor(tint)
        canvas.rect(margin - 4 * mm, 0, side_w + 8 * mm, top, stroke=0, fill=1)
        canvas.restoreState()

    body_h = page_h - 2 * margin - header_h
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = [
        Frame(margin, page_h - margin - header_h, text_w, header_h, id="head", **pad),
        Frame(margin, margin, side_w, body_h, id="side", **pad),
        Frame(margin + side_w + gap, margin, main_w, body_h, id="main", **pad),
    ]
    later = [Frame(margin + side_w + gap, margin, main_w, page_h - 2 * margin, id="later", **pad)]
    doc.addPageTemplates(
        [
            PageTemplate("first", first, onPage=sidebar_band),
            PageTemplate("later", later, onPage=sidebar_band),
        ]
    )
    story: list[Any] = [NextPageTemplate("later"), *header, FrameBreak()]
    for sec in model.sidebar:
        story += s.section(sec, side_w, True)
    story.append(FrameBreak())
    for sec in model.main:
        story += s.section(sec, main_w, True)
    return story


def _one_column(
    doc: BaseDocTemplate, s: _Story, model: Document, header: list[Any], text_w: float
) -> list[Any]:
    page_h = doc.pagesize[1]
    margin = doc.leftMargin
    frame = Frame(margin, margin, text_w, page_h - 2 * margin, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    story = list(header)
    st = model.person.style
    if st.contact_multiline:
        story += [
            s.para(c.line(), s.small, c.href if c.kind == "link" else None) for c in model.contact
        ]
    else:
        line = xml_escape(st.contact_separator).join(xml_escape(c.line()) for c in model.contact)
        story.append(Paragraph(line, s.small))
    for sec in model.main:
        story += s.section(sec, text_w, False)
    return story


def render_scaled(p: SamplePerson, two_column: bool, scale: float = 1.0) -> tuple[bytes, int]:
    """(PDF bytes, pages) at ``scale`` times the person's type size."""
    model = compose(p, two_column)
    st = p.style
    kind = st.font if st.font != "core" or cp1252(model.all_text()) else "sans"
    s = _Story(st, _fonts(kind), scale)
    page_w, page_h = letter if st.page == "Letter" else A4
    margin = 18 * mm
    text_w = page_w - 2 * margin
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(page_w, page_h),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{p.name} – CV",
        author=p.name,
        creator="Shortlist samples",
        invariant=1,
    )
    header = [s.para(p.name, s.name), s.para(p.title, s.headline)]
    layout = _two_columns if two_column else _one_column
    doc.build(layout(doc, s, model, header, text_w))
    return buf.getvalue(), doc.page


def render_pdf_reportlab(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by reportlab's platypus (embedded TrueType subset or base-14 fonts)."""
    return fit_pages(render_scaled, p, two_column)[0]
