"""PDFs in the designs of :mod:`app.samples.designs`, drawn with reportlab's canvas.

A canvas (not platypus) keeps positions, fonts, letter-spacing and link areas
under control: a sidebar is painted first and read first, long addresses are
broken where a narrow column ends (after a dot, a dash, a slash or the @, as
word processors and browsers do), icon glyphs stand before contact details
(ZapfDingbats: they extract as stray punctuation, like icon fonts), and each
piece of a wrapped link gets its own link area.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.samples.designs import TWO_COLUMN, Design, design_for
from app.samples.layout import ContactLine, Items, Section, compose
from app.samples.model import Education, Position, SamplePerson
from app.samples.render import cp1252
from app.samples.render.reportlab import _fonts

_TITLES = {
    "en": "CURRICULUM VITAE",
    "de": "Lebenslauf",
    "fr": "Curriculum Vitae",
    "es": "Currículum Vitae",
    "pt": "Currículo",
    "pl": "Życiorys",
    "it": "Curriculum Vitae",
    "nl": "Curriculum Vitae",
}
_PERSONAL = {
    "en": "PERSONAL INFORMATION",
    "de": "PERSÖNLICHE DATEN",
    "fr": "INFORMATIONS PERSONNELLES",
    "es": "INFORMACIÓN PERSONAL",
    "pt": "INFORMAÇÕES PESSOAIS",
    "pl": "DANE OSOBOWE",
    "it": "INFORMAZIONI PERSONALI",
    "nl": "PERSOONLIJKE GEGEVENS",
}
_ICONS = {"email": ")", "phone": "(", "location": "H", "link": "+"}
_DARK = colors.HexColor("#222222")
_WHITE = colors.white


class _Pen:
    """A canvas with fonts, wrapped text, link areas and page breaks."""

    def __init__(self, p: SamplePerson) -> None:
        self.p = p
        self.buf = io.BytesIO()
        self.size = A4 if p.style.page == "A4" else letter
        self.c = canvas.Canvas(self.buf, pagesize=self.size, invariant=1)  # same person, same bytes
        text = compose(p, True).all_text()
        kind = p.style.font if p.style.font != "core" or cp1252(text) else "sans"
        self.regular, self.bold, self.italic = _fonts(kind)
        self.base = max(8.0, min(p.style.base_size, 10.0))
        self.pages = 1
        self.on_new_page: list[Any] = []
        self.browser = False  # break long words anywhere, no mailto: link areas (Design.browser)

    def width(self, text: str, font: str, size: float, spacing: float = 0.0) -> float:
        return stringWidth(text, font, size) + spacing * max(len(text) - 1, 0)

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Lines that fit ``width``; a word longer than a line is broken where it must be."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if self.width(trial, font, size) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while self.width(word, font, size) > width and len(word) > 1:
                cut = self._cut(word, font, size, width)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        if current:
            lines.append(current)
        return lines

    def _cut(self, word: str, font: str, size: float, width: float) -> int:
        fit = 1
        while fit < len(word) and self.width(word[: fit + 1], font, size) <= width:
            fit += 1
        if self.browser:
            return fit  # CSS overflow-wrap: at the letter that reaches the edge
        # Break after a natural joint when one is near: a dot, a dash, a slash, the @.
        for n in range(fit, max(fit - 8, 1), -1):
            if word[n - 1] in "-./@_":
                return n
        return fit

    def text(
        self, x: float, y: float, text: str, font: str, size: float, color=None, **kw
    ) -> float:
        spacing, href = kw.get("spacing", 0.0), kw.get("href")
        if color is not None:
            self.c.setFillColor(color)
        t = self.c.beginText(x, y)
        t.setFont(font, size)
        t.setCharSpace(spacing)  # the text state outlives the text object: always set it
        t.textOut(text)
        self.c.drawText(t)
        w = self.width(text, font, size, spacing)
        if href and not (self.browser and href.startswith("mailto:")):
            self.c.linkURL(href, (x, y - 2, x + w, y + size), relative=0)
        return w

    def new_page(self) -> None:
        self.c.showPage()
        self.pages += 1
        for hook in self.on_new_page:
            hook()

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


class _Column:
    """A column that flows lines downwards and continues on the next page."""

    def __init__(self, pen: _Pen, x: float, width: float, top: float, color=_DARK) -> None:
        self.pen, self.x, self.w, self.y, self.color = pen, x, width, top, color
        self.page = 1

    def need(self, height: float) -> None:
        if self.y - height < 50:
            if self.pen.pages == self.page:
                self.pen.new_page()
            self.page = self.pen.pages
            self.y = self.pen.size[1] - 50

    def line(self, text: str, font: str, size: float, gap: float = 1.25, **kw) -> None:
        self.need(size * gap)
        self.y -= size * gap
        color = kw.pop("color", None) or self.color
        self.pen.text(self.x + kw.pop("indent", 0.0), self.y, text, font, size, color, **kw)

    def para(self, text: str, font: str, size: float, gap: float = 1.3, **kw) -> None:
        indent = kw.get("indent", 0.0)
        for piece in self.pen.wrap(text, font, size, self.w - indent):
            self.line(piece, font, size, gap, **kw)

    def space(self, h: float) -> None:
        self.y -= h


def _heading(col: _Column, text: str, d: Design, color) -> None:
    pen = col.pen
    col.space(pen.base * 0.9)
    size = pen.base + 2.5
    if d.heading_style == "spaced":
        spacing = (
            size * 0.28 if pen.width(text.upper(), pen.bold, size, size * 0.28) <= col.w else 0
        )
        col.line(text.upper(), pen.bold, size, color=color, spacing=spacing)
        col.space(3)
        return
    col.para(text.upper() if d.heading_style == "caps" else text, pen.bold, size, color=color)
    pen.c.setStrokeColor(color)
    pen.c.setLineWidth(0.6)
    pen.c.line(col.x, col.y - 3, col.x + col.w, col.y - 3)
    col.space(3)


def _contact(col: _Column, item: ContactLine, d: Design) -> None:
    pen, size = col.pen, col.pen.base - 0.5
    indent = 0.0
    if d.icons:
        col.need(size * 1.45)
        glyph = _ICONS.get(item.kind, "l")
        pen.text(col.x, col.y - size * 1.45, glyph, "ZapfDingbats", size - 1, col.color)
        indent = size + 3
    href = item.href if item.kind in ("link", "email") else None
    for n, piece in enumerate(pen.wrap(item.line(), pen.regular, size, col.w - indent)):
        col.line(piece, pen.regular, size, 1.45 if n == 0 else 1.2, indent=indent, href=href)


def _block(col: _Column, block: Any) -> None:
    pen, st = col.pen, col.pen.p.style
    if isinstance(block, str):
        col.para(block, pen.regular, pen.base)
        col.space(2)
    elif isinstance(block, Position):
        col.space(4)
        col.para(block.title, pen.bold, pen.base + 0.5)
        col.para(f"{block.employer}, {block.city} | {block.dates}", pen.italic, pen.base - 0.5)
        for bullet in block.bullets:
            text = f"{st.bullet} {bullet}" if st.bullet.strip() else bullet
            col.para(text, pen.regular, pen.base, indent=4)
    elif isinstance(block, Education):
        col.space(3)
        col.para(block.degree, pen.bold, pen.base)
        col.para(f"{block.institution}, {block.years}", pen.regular, pen.base - 0.5)
    elif isinstance(block, Items):
        for item in block.items:
            col.para(item, pen.regular, pen.base - 0.5, 1.35)
    elif isinstance(block, ContactLine):
        href = block.href if block.kind in ("link", "email") else None
        col.para(block.text, pen.regular, pen.base, 1.4, href=href)


def _sections(col: _Column, sections: list[Section], d: Design, accent) -> None:
    for sec in sections:
        if sec.heading:
            _heading(col, sec.heading, d, accent)
        for block in sec.blocks:
            if isinstance(block, ContactLine):
                _contact(col, block, d)
            else:
                _block(col, block)


def _name(col: _Column, d: Design, size: float, color, center: float | None = None) -> None:
    pen = col.pen

    def spacing(s: float) -> float:
        return s * 0.35 if d.spaced_name else 0.0

    # A designer shrinks the name until it fits its column.
    while size > 12 and any(
        pen.width(t, pen.bold, size, spacing(size)) > col.w for t in d.name_lines
    ):
        size -= 1
    for text in d.name_lines:
        col.need(size * 1.2)
        col.y -= size * 1.15
        x = col.x if center is None else center - pen.width(text, pen.bold, size, spacing(size)) / 2
        pen.text(x, col.y, text, pen.bold, size, color, spacing=spacing(size))


def _sidebar(pen: _Pen, d: Design, accent) -> None:
    p, (width, height) = pen.p, pen.size
    doc = compose(p, True)
    side_w = d.sidebar_share * width
    side_x = width - side_w if d.name == "sidebar_right" else 0
    side_color = _WHITE if d.filled else _DARK

    def paint() -> None:
        if d.filled:
            pen.c.setFillColor(accent)
            pen.c.rect(side_x, 0, side_w, height, stroke=0, fill=1)

    paint()
    pen.on_new_page.append(paint)
    side = _Column(pen, side_x + 18, side_w - 34, height - 40, side_color)
    main_x = 36 if d.name == "sidebar_right" else side_w + 24
    main = _Column(pen, main_x, width - side_w - 60, height - 40)
    if d.photo:
        pen.c.setFillColor(colors.HexColor("#dddddd"))
        pen.c.circle(side_x + side_w / 2, height - 90, 45, stroke=0, fill=1)
        side.y = height - 150
    if d.name == "sidebar_name":
        _name(side, d, 20, side_color)
        side.para(p.title, pen.regular, pen.base + 1, 1.4)
    else:
        _name(main, d, 28, accent)
        main.para(p.title, pen.regular, pen.base + 3, 1.4)
    _sections(side, doc.sidebar, d, side_color)
    _sections(main, doc.main, d, accent)


def _banner(pen: _Pen, d: Design, accent) -> None:
    p, (width, height) = pen.p, pen.size
    doc = compose(p, True)
    band = 120
    pen.c.setFillColor(accent)
    pen.c.rect(0, height - band, width, band, stroke=0, fill=1)
    top = _Column(pen, 40, width - 80, height - 30, _WHITE)
    _name(top, d, 26, _WHITE, center=width / 2)
    title = p.title.upper()
    top.y -= pen.base + 8
    tw = pen.width(title, pen.regular, pen.base + 1, 2)
    pen.text(width / 2 - tw / 2, top.y, title, pen.regular, pen.base + 1, _WHITE, spacing=2)
    x, y = 40.0, height - band + 14
    for item in doc.contact:  # a row of items with icons
        w = pen.width(item.text, pen.regular, pen.base - 1) + 16
        if x + w > width - 40:
            x, y = 40.0, y - 13
        pen.text(x, y, _ICONS.get(item.kind, "l"), "ZapfDingbats", pen.base - 2, _WHITE)
        href = item.href if item.kind in ("link", "email") else None
        pen.text(x + 11, y, item.text, pen.regular, pen.base - 1, _WHITE, href=href)
        x += w + 10
    left = _Column(pen, 40, 0.3 * width, height - band - 20)
    right = _Column(pen, 0.3 * width + 70, 0.7 * width - 110, height - band - 20)
    _sections(left, doc.sidebar[1:], d, accent)
    _sections(right, doc.main, d, accent)


def _label_column(pen: _Pen, d: Design, accent) -> None:
    p, (width, height) = pen.p, pen.size
    doc = compose(p, True)
    label_w = 0.27 * width
    labels = _Column(pen, 36, label_w - 20, height - 50, accent)
    body = _Column(pen, 36 + label_w, width - label_w - 76, height - 50)
    # The label and the name on one row, as the Europass form prints them.
    row = body.y - 18
    pen.text(
        36, row, _PERSONAL.get(p.language, _PERSONAL["en"]), pen.regular, pen.base - 0.5, accent
    )
    pen.text(body.x, row, " ".join(d.name_lines), pen.regular, pen.base + 6, _DARK)
    body.y = row - 6
    for block in doc.contact:
        _block(body, block)
    for sec in [*doc.main, *doc.sidebar[1:]]:
        body.space(12)
        labels.y, labels.page = body.y, body.page
        if sec.heading:
            labels.para(sec.heading.upper(), pen.regular, pen.base - 0.5)
        for block in sec.blocks:
            _block(body, block)


def _titled(pen: _Pen, d: Design, accent) -> None:
    p, (width, height) = pen.p, pen.size
    doc = compose(p, False)
    col = _Column(pen, 50, width - 100, height - 70)
    title = _TITLES.get(p.language, _TITLES["en"])
    pen.text(width / 2 - pen.width(title, pen.bold, 26) / 2, col.y, title, pen.bold, 26, accent)
    col.space(10)
    _name(col, d, 16, _DARK)
    for item in doc.contact:
        href = item.href if item.kind in ("link", "email") else None
        col.para(item.line(), pen.regular, pen.base, 1.35, href=href)
    _sections(col, doc.main, d, accent)


_DRAW = {
    "sidebar_left": _sidebar,
    "sidebar_right": _sidebar,
    "sidebar_name": _sidebar,
    "banner": _banner,
    "label_column": _label_column,
    "titled": _titled,
}


def render_design(p: SamplePerson, design: str) -> tuple[bytes, int]:
    """(PDF bytes, pages) of one person in one design."""
    d = design_for(p, design)
    pen = _Pen(p)
    pen.browser = d.browser
    _DRAW[design](pen, d, colors.HexColor(p.style.accent))
    return pen.finish(), pen.pages


def is_two_column(design: str) -> bool:
    return design in TWO_COLUMN
