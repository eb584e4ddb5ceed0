"""The shortlist as a PDF, laid out by Qt: A4 or Letter, page numbers, nothing cut at the edges.

The HTML of review.exports is laid out by QTextDocument at the page's width
(so every line wraps inside the margins), then painted page by page with a
footer: the job, the date, "page n of N".
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from review.exports import Shortlist, to_html

# Qt's rich text supports a subset of CSS: the parts of the export style it understands.
_QT_CSS = """
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; color: #1d1d1d; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 14px; margin-bottom: 4px; color: #1b5e20; }
h3 { font-size: 11.5pt; margin-bottom: 2px; }
.meta { color: #555555; }
.headline { color: #444444; }
.score { font-weight: bold; color: #2e7d32; }
.quote { color: #444444; font-style: italic; }
.brings { background-color: #f1f5ee; }
.contact { color: #333333; font-size: 8.5pt; }
.footer { color: #777777; font-size: 8pt; }
table.summary th { background-color: #e8efe8; }
.decision { background-color: #f7f7f7; }
"""


def _ensure_app() -> None:
    # PDF rendering needs fonts, hence a Qt application (offscreen is fine).
    if QApplication.instance() is None:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])


def pdf_bytes(shortlist: Shortlist, page: str = "A4") -> bytes:
    """The PDF, laid out in memory: Qt never touches the file, so a disk error is ours to report
    (a QPdfWriter on a file fails silently and leaves 0 bytes)."""
    _ensure_app()
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Shortlist — {shortlist.job_title}")
    writer.setCreator("Shortlist")
    writer.setResolution(300)
    size = QPageSize(QPageSize.Letter if page.lower() == "letter" else QPageSize.A4)
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Portrait, QMarginsF(15, 15, 15, 18), QPageLayout.Millimeter)
    )
    doc = QTextDocument()
    doc.setDefaultStyleSheet(_QT_CSS)
    doc.setDefaultFont(QFont("DejaVu Sans", 9))
    doc.setHtml(_qt_html(shortlist))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start a PDF page")
    try:
        full = writer.pageLayout().paintRectPixels(writer.resolution())
        footer_height = int(writer.resolution() * 0.35)  # ~9 mm
        body = QRectF(0, 0, full.width(), full.height() - footer_height)
        # Lay the document out in device pixels, at the width of the printable area.
        doc.documentLayout().setPaintDevice(writer)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        pages = doc.pageCount()
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * body.height())
            doc.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setFont(QFont("DejaVu Sans", 7))
            painter.setPen(Qt.gray)
            footer = QRectF(
                0, full.height() - footer_height * 0.7, full.width(), footer_height * 0.7
            )
            painter.drawText(
                footer,
                Qt.AlignLeft | Qt.AlignVCenter,
                f"{shortlist.job_title} · shortlist of {shortlist.date}",
            )
            painter.drawText(
                footer, Qt.AlignRight | Qt.AlignVCenter, f"page {number + 1} of {pages}"
            )
    finally:
        painter.end()
    data = bytes(buffer.data())
    if not data.startswith(b"%PDF"):
        raise OSError("Qt produced no PDF")
    return data


def _qt_html(shortlist: Shortlist) -> str:
    """The export's HTML for Qt's layout: decision boxes and tables in forms Qt lays out well."""
    text = to_html(shortlist, for_qt=True)
    # Qt draws table borders from the border attribute, not from CSS.
    text = text.replace(
        "<table class='summary'>",
        "<table class='summary' width='100%' cellspacing='0' cellpadding='3' border='0'>",
    )
    text = text.replace(
        "<table class='parts'>",
        "<table class='parts' width='100%' cellspacing='0' cellpadding='2'>",
    )
    # Each person starts a page: Qt does not keep a block together, and a manager
    # writes on these pages, so a section never runs across a page break.
    text = text.replace("<h2>The people</h2>", "")
    text = text.replace(
        "<div class='person'>", "<div class='person' style='page-break-before: always'>"
    )
    text = text.replace(
        "<div class='decision'>",
        "<table width='100%' border='1' cellspacing='0' cellpadding='6'><tr><td>",
    )
    text = text.replace(
        "<div class='line'></div><div class='line'></div></div>",
        "<br>______________________________________________________________<br><br>"
        "______________________________________________________________</td></tr></table>",
    )
    return text
