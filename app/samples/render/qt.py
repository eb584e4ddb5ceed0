"""PDF resumes made by Qt: HTML in a QTextDocument, painted page by page on a QPdfWriter.

The only module of the generator that imports Qt.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
)
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.samples.layout import ContactLine, Document, Items, Section, compose, edu_lines, job_head
from app.samples.model import Education, Position, SamplePerson, Style
from app.samples.render import fit_pages

_FAMILIES = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "core": "Arial"}
_qt_app: Any = None  # keeps the QGuiApplication we create alive


def ensure_qt() -> None:
    """Create a QGuiApplication if none exists (fonts and painting need one).

    Headless Linux has no display: use the offscreen platform unless the caller
    chose a platform. Done on first use, so importing this module creates no application.
    The application made is a QApplication (a QGuiApplication that also allows
    widgets) when QtWidgets is available, so a test run or the desktop app that
    later shows a window in the same process is not stuck with a widget-less app.
    Call it (or render_pdf_qt) first from the main thread.
    """
    global _qt_app
    app = QCoreApplication.instance()
    if app is None:
        if (
            not os.environ.get("QT_QPA_PLATFORM")
            and sys.platform.startswith("linux")
            and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app_class: type[QGuiApplication] = QGuiApplication
        try:
            from PySide6.QtWidgets import QApplication

            app_class = QApplication
        except ImportError:  # a Qt build without widgets
            pass
        _qt_app = app_class([sys.argv[0] if sys.argv and sys.argv[0] else "shortlist"])
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError(
            "render_pdf_qt needs a QGuiApplication, but a QCoreApplication "
            "already exists in this process"
        )


def _px(points: float) -> str:
    # Qt rich text takes margins in CSS pixels (1/96 in) and ignores "pt" there.
    return f"{points * 4 / 3:.1f}px"


class _Html:
    """The resume as the rich-text HTML subset QTextDocument understands."""

    def __init__(self, st: Style, writer: QPdfWriter, base: float) -> None:
        self.st, self.writer, self.base = st, writer, base
        self.family = _FAMILIES[st.font]
        dpi = writer.resolution()
        self.dpi = dpi
        self.side_pt = writer.width() * 72 / dpi * 0.31 - 20  # sidebar text width in points

    def fit_size(self, text: str) -> float:
        base = self.base
        font = QFont(self.family)
        font.setPointSizeF(base - 1)
        width = QFontMetricsF(font, self.writer).horizontalAdvance(text) * 72 / self.dpi
        if width <= self.side_pt:
            return base - 1
        return max(4.5, (base - 1) * self.side_pt / width * 0.97)

    def p(self, text: str, css: str = "") -> str:
        return (
            f'<p style="margin-top:0; margin-bottom:{_px(1.5)}; '
            f'line-height:{self.st.line_height}%; {css}">{text}</p>'
        )

    def heading(self, text: str) -> str:
        return (
            f'<p style="margin-top:{_px(self.base * 1.1)}; margin-bottom:{_px(3)}; '
            f'font-weight:bold; font-size:{self.base + 1.5:.1f}pt; color:{self.st.accent}">'
            f"{html.escape(text)}</p>"
        )

    def contact(self, c: ContactLine) -> str:
        esc = html.escape
        if c.kind == "link":
            link = f'<a href="{esc(c.href or "")}">{esc(c.text)}</a>'
        else:
            link = esc(c.text)
        return (esc(c.label) + " " if c.label else "") + link

    def bullets(self, items: Sequence[str]) -> str:
        esc = html.escape
        if self.st.qt_lists:  # Qt draws list bullets as shapes: they extract as nothing
            return (
                '<ul style="margin-top:0; margin-bottom:0; -qt-list-indent:1">'
                + "".join(f"<li>{esc(b)}</li>" for b in items)
                + "</ul>"
            )
        css = f"margin-left:{_px(12)}; text-indent:-{_px(9)}"
        return "".join(self.p(f"{esc(self.st.bullet)}&nbsp;{esc(b)}", css) for b in items)

    def position(self, job: Position) -> list[str]:
        esc = html.escape
        first, right, second = job_head(job, self.st, dates_right=True)
        top = f"margin-top:{_px(self.base * 0.6)}"
        if right:
            out = [
                '<table width="100%" cellspacing="0" cellpadding="0" '
                f'style="{top}"><tr><td><b>{esc(first)}</b></td>'
                f'<td align="right" style="color:#555555">{esc(right)}</td></tr></table>'
            ]
        else:
            out = [self.p(f"<b>{esc(first)}</b>", top)]
        if second:
            out.append(self.p(f"<i>{esc(second)}</i>", "color:#555555"))
        out.append(self.bullets(job.bullets))
        return out

    def items(self, block: Items, sidebar: bool) -> list[str]:
        esc = html.escape
        if block.separator:
            return [self.p(esc(block.separator.join(block.items)))]
        if sidebar:
            return [self.p(esc(i), f"font-size:{self.fit_size(i):.1f}pt") for i in block.items]
        return [self.bullets(block.items)]

    def section(self, sec: Section, sidebar: bool) -> str:
        esc = html.escape
        out = [self.heading(sec.heading)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(self.p(esc(block)))
            elif isinstance(block, ContactLine):  # Qt would break "kavya-deshpande" at the hyphen
                size = self.fit_size(block.line())
                out.append(
                    self.p(self.contact(block), f"font-size:{size:.1f}pt; white-space:nowrap")
                )
            elif isinstance(block, Position):
                out += self.position(block)
            elif isinstance(block, Education):
                first, second = edu_lines(block, self.st)
                out.append(self.p(f"<b>{esc(first)}</b>", f"margin-top:{_px(self.base * 0.5)}"))
                if second:
                    out.append(self.p(esc(second)))
            elif isinstance(block, Items):
                out += self.items(block, sidebar)
        return "".join(out)

    def one_column(self, model: Document) -> list[str]:
        # Qt may wrap after a hyphen, which would split an e-mail address or URL: a
        # contact line that would not fit goes one item per line instead.
        st, base, contact = self.st, self.base, model.contact
        small = QFont(self.family)
        small.setPointSizeF(base - 1)
        line = st.contact_separator.join(c.line() for c in contact)
        metrics = QFontMetricsF(small, self.writer)
        too_long = metrics.horizontalAdvance(line) > self.writer.width() * 0.97
        css = f"font-size:{base - 1:.1f}pt"
        if st.contact_multiline or too_long:
            parts = [self.p(self.contact(c), css) for c in contact]
        else:
            separator = html.escape(st.contact_separator)
            parts = [self.p(separator.join(self.contact(c) for c in contact), css)]
        return parts + [self.section(s, False) for s in model.main]

    def document(self, p: SamplePerson, model: Document, two_column: bool) -> str:
        esc, base, st = html.escape, self.base, self.st
        parts = [
            self.p(esc(p.name), f"font-size:{base + 11:.1f}pt; font-weight:bold"),
            self.p(
                esc(p.title),
                f"font-size:{base + 2:.1f}pt; color:{st.accent}; margin-bottom:{_px(6)}",
            ),
        ]
        if two_column:
            side = "".join(self.section(s, True) for s in model.sidebar)
            main = "".join(self.section(s, False) for s in model.main)
            parts.append(
                '<table width="100%" cellspacing="0" cellpadding="8"><tr>'
                f'<td width="31%" bgcolor="#eef1f4" valign="top">{side}</td>'
                f'<td width="69%" valign="top">{main}</td></tr></table>'
            )
        else:
            parts += self.one_column(model)
        return "<html><body>" + "".join(parts) + "</body></html>"


def _writer(buf: QBuffer, p: SamplePerson) -> QPdfWriter:
    writer = QPdfWriter(buf)
    writer.setResolution(300)
    letter = p.style.page == "Letter"
    page = QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(page))
    writer.setPageMargins(QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{p.name} – CV")
    writer.setCreator("Shortlist samples")
    return writer


def render_scaled(p: SamplePerson, two_column: bool, scale: float = 1.0) -> tuple[bytes, int]:
    """(PDF bytes, pages) at ``scale`` times the person's type size."""
    ensure_qt()
    model = compose(p, two_column)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buf, p)
    maker = _Html(p.style, writer, p.style.base_size * scale)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the printer's units
    font = QFont(maker.family)
    font.setPointSizeF(maker.base)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(maker.document(p, model, two_column))
    width, height = writer.width(), writer.height()
    doc.setPageSize(QSizeF(width, height))
    pages = doc.pageCount()
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * height)
        doc.drawContents(painter, QRectF(0, page * height, width, height))
        painter.restore()
    painter.end()
    buf.close()
    return bytes(data.data()), pages


def render_pdf_qt(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by Qt: HTML in a QTextDocument, painted on a QPdfWriter page by page."""
    return fit_pages(render_scaled, p, two_column)[0]
