"""The readers of issue 11, behind one call each for :mod:`parsing.resume`.

Legacy Word, pictures (OCR), web pages, MHTML and JSON Resume files give text
(and sometimes exact fields); PDFs without a readable text layer get OCR;
Europass PDFs give their embedded XML's fields. Each reader is imported only
when a file needs it, so a batch of ordinary PDFs loads none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from parsing import formats
from parsing.errors import Outcome, ParseProblem

# A picture with less text than this is not a document (a photo, a logo).
MIN_PICTURE_CHARS = 40


@dataclass(frozen=True)
class OcrOptions:
    """When and how much to OCR. ``before`` runs just before OCR starts (a worker widens its
    limits)."""

    enabled: bool = True
    max_pages: int = 5
    before: Callable[[], None] | None = None


@dataclass
class Extracted:
    raw: str
    targets: list[str] = field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    exact: dict = field(default_factory=dict)  # fields taken as they are
    # Lines with what the page tells of them (parsing.layout.Line), when the reader knows it.
    lines: list | None = None
    body_size: float = 0.0
    geometry: bool = False


_PICTURE_SUFFIXES = {
    "jpg",
    "jpeg",
    "jpe",
    "png",
    "tif",
    "tiff",
    "heic",
    "heif",
    "webp",
    "bmp",
    "gif",
}


def extract(
    kind: str, data: bytes, ocr: OcrOptions, what: str = "", claimed: str = ""
) -> Extracted:
    """Text of a file of one of the new kinds (doc, image, html, mhtml, jsonresume).

    ``what`` is what the content is ("PNG image"), ``claimed`` the name's suffix: a
    problem with a picture says both ("PNG image (named .pdf) without the text…").
    """
    if kind == formats.DOC:
        from parsing.doc import extract_doc

        office = extract_doc(data)
        return Extracted(office.text, office.link_targets)
    if kind == formats.IMAGE:
        named = f" (named .{claimed})" if claimed and claimed not in _PICTURE_SUFFIXES else ""
        return _ocr_picture(data, ocr, f"{what or 'a picture'}{named}")
    if kind == formats.HTML:
        from parsing.web import extract_html

        text, links = extract_html(data)
        return Extracted(text, links)
    if kind == formats.MHTML:
        from parsing.web import extract_mhtml

        text, links = extract_mhtml(data)
        return Extracted(text, links)
    if kind == formats.JSON_RESUME:
        from parsing.jsonresume import read_json_resume

        found = read_json_resume(data)
        return Extracted(found.text, found.links, exact=found.exact)
    raise ParseProblem("unsupported", f"no reader for {kind} files")


def refuse_container(kind: str) -> ParseProblem:
    """Mail reaching the parser as one file: it is only opened as a container (nested too deep
    here)."""
    what = {
        formats.EML: "an e-mail message",
        formats.MSG: "an Outlook message",
        formats.MBOX: "a mailbox (mbox)",
    }
    return ParseProblem(
        Outcome.UNSUPPORTED,
        f"{what.get(kind, kind)} nested inside other containers is not opened (nested too deep)",
    )


def run_ocr(read: Callable[[], object], ocr: OcrOptions):
    """Tell the worker OCR starts (its limits widen), then read; the OCR text and its size."""
    if ocr.before:
        ocr.before()
    with _ocr_guard():
        found = read()
    return found, len(re.sub(r"\s", "", found.raw))


def _ocr_picture(data: bytes, ocr: OcrOptions, what: str) -> Extracted:
    if not ocr.enabled:
        raise ParseProblem("no_text", f"{what}, and reading text from pictures (OCR) is turned off")
    from parsing import ocr as engine

    try:
        found, visible = run_ocr(lambda: engine.ocr_image(data, ocr.max_pages), ocr)
    except ParseProblem as problem:
        if problem.outcome == Outcome.MALFORMED:
            raise ParseProblem("malformed", f"{what}, but {problem.message}") from None
        raise
    if visible < MIN_PICTURE_CHARS:
        raise ParseProblem(
            "no_text",
            f"{what} without the text of a document (a photo or a logo?)"
            + (f": only {visible} characters were read" if visible else ""),
        )
    return _from_ocr(found)


def ocr_instead(kind: str, data: bytes, problem: ParseProblem, ocr: OcrOptions) -> Extracted:
    """OCR for a PDF whose text layer is missing or unreadable; re-raises ``problem`` otherwise."""
    if (
        kind != formats.PDF
        or problem.outcome not in (Outcome.NO_TEXT, Outcome.UNREADABLE_TEXT)
        or not ocr.enabled
    ):
        raise problem
    from parsing import ocr as engine

    try:
        found, visible = run_ocr(lambda: engine.ocr_pdf(data, ocr.max_pages), ocr)
    except ParseProblem as failed:
        if failed.outcome == Outcome.MALFORMED:
            raise problem from None  # pdfium cannot draw what pdfminer could open: say what we know
        raise
    if visible < MIN_PICTURE_CHARS:
        raise ParseProblem(problem.outcome, f"{problem.message}; OCR found no text either")
    return _from_ocr(found)


_EXHAUSTED = (
    "failed to map segment",
    "cannot allocate memory",
    "bad_alloc",
    "bad allocation",
    "failed to allocate",
    "out of memory",
    "can't spawn new thread",
)


@contextmanager
def _ocr_guard():
    """Out of memory inside the OCR libraries (which report it in their own words) is MemoryError;
    an OCR engine that cannot load at all is a clear outcome, not a crash."""
    try:
        yield
    except (ParseProblem, MemoryError):
        raise
    except Exception as exc:
        text = str(exc).lower()
        if any(words in text for words in _EXHAUSTED):
            raise MemoryError(str(exc)) from None
        if isinstance(exc, ImportError):
            raise ParseProblem(
                "no_text",
                f"pictures cannot be read on this computer: the OCR engine did not load ({exc})",
            ) from None
        raise


def pdf_exact(data: bytes, today: date | None) -> dict:
    """Exact fields of a Europass PDF's embedded XML ({} for other PDFs, at the cost of a byte
    search)."""
    from parsing.europass import europass_fields

    return europass_fields(data, today)


def _from_ocr(found) -> Extracted:
    return Extracted(
        found.raw,
        pages=found.pages,
        ocr=True,
        lines=found.lines or None,
        body_size=found.body_size,
        geometry=bool(found.lines),
    )


def apply_exact(result, exact: dict) -> None:
    """Fields the document states exactly replace what the text suggested, with full confidence."""
    for key, value in exact.items():
        if value not in (None, [], ""):
            setattr(result, key, value)
            if key in result.confidence:
                result.confidence[key] = 1.0
                result.doubts.pop(key, None)
