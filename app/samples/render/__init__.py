"""Renderers: one person's document as plain text, Markdown, DOCX or PDF.

Each renderer prints the same layout (:func:`app.samples.layout.compose`) and
draws no random numbers. Qt is imported only by :mod:`app.samples.render.qt`.
"""

from __future__ import annotations

from collections.abc import Callable

from app.samples.model import SamplePerson

MAX_PAGES = 3

# render(person, two_column, scale) -> (PDF bytes, pages)
PdfRenderer = Callable[[SamplePerson, bool, float], tuple[bytes, int]]


def fit_pages(render: PdfRenderer, p: SamplePerson, two_column: bool) -> tuple[bytes, int]:
    """Render, shrinking type a little if the content ran past three pages."""
    for scale in (1.0, 0.92, 0.85, 0.78):
        data, pages = render(p, two_column, scale)
        if pages <= MAX_PAGES:
            break
    return data, pages


def cp1252(text: str) -> bool:
    """Whether ``text`` fits the cp1252 code page (and so the PDF base-14 fonts)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
