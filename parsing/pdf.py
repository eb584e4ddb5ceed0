"""PDF text with a reading order a person would use, plus hidden link targets.

pdfminer.six gives positioned text lines; its own box ordering splices a
two-column resume's sidebar into the job entries. We take the lines and order
them ourselves: find a vertical gutter that few lines cross, cut the page into
horizontal bands at the lines that do cross it (a full-width header, a
full-width section), and read each band's left column, then its right column.
Fragments on one baseline within a column become one line.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from parsing.errors import ParseProblem

# pdfminer logs a warning for every font quirk of every file; the outcome of
# a file is reported through ParseProblem, so these are noise for recruiters.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# boxes_flow=None: pdfminer skips its hierarchical box ordering, which we
# replace anyway (measured: 3-10 % faster). The line grouping stays.
_LAPARAMS = LAParams(boxes_flow=None, all_texts=True)


@dataclass(slots=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


@dataclass
class PdfText:
    raw: str  # page texts in reading order, before clean-up
    pages: int
    link_targets: list[str] = field(default_factory=list)
    two_column_pages: int = 0
    has_images: bool = False


def _collect_lines(container, out: list[Line], images: list[bool]) -> None:
    for obj in container:
        if isinstance(obj, LTTextLine):
            text = obj.get_text().rstrip("\n")
            if text.strip():
                out.append(Line(obj.x0, obj.y0, obj.x1, obj.y1, text))
        elif isinstance(obj, (LTTextBox, LTFigure)):
            if isinstance(obj, LTFigure):
                images[0] = True
            _collect_lines(obj, out, images)
        elif type(obj).__name__ == "LTImage":
            images[0] = True


def _rows(lines: list[Line]) -> list[str]:
    """Group lines on one baseline (vertical overlap) into rows, top to bottom."""
    ordered = sorted(lines, key=lambda ln: (-(ln.y0 + ln.y1) / 2, ln.x0))
    rows: list[list[Line]] = []
    for ln in ordered:
        if rows:
            last = rows[-1][0]
            overlap = min(last.y1, ln.y1) - max(last.y0, ln.y0)
            if overlap > 0.5 * min(last.height, ln.height):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return [" ".join(part.text.strip() for part in sorted(row, key=lambda ln: ln.x0)) for row in rows]


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a column gutter that few lines cross, or None for a one-column page."""
    if len(lines) < 8 or width <= 0:
        return None
    lo, hi = int(width * 0.18), int(width * 0.82)
    best_x, best_cross, best_run, run_start, prev_cross = None, None, 0, None, None
    for x in range(lo, hi, 2):
        cross = sum(1 for ln in lines if ln.x0 < x - 1 and ln.x1 > x + 1)
        if best_cross is None or cross < best_cross:
            best_cross, best_x, best_run, run_start = cross, x, 1, x
        elif cross == best_cross:
            if prev_cross == cross and run_start is not None:
                run = (x - run_start) // 2 + 1
                if run > best_run:
                    best_run, best_x = run, (run_start + x) // 2
            else:
                run_start = x
        prev_cross = cross
    if best_x is None or best_cross is None:
        return None
    if best_cross > 0.25 * len(lines):
        return None
    left = [ln for ln in lines if ln.x1 <= best_x + 1]
    right = [ln for ln in lines if ln.x0 >= best_x - 1]
    if len(left) < 4 or len(right) < 4:
        return None
    # Both sides must hold real text, side by side: not a column of dates or
    # page numbers next to a one-column body.
    left_chars = sum(len(ln.text) for ln in left)
    right_chars = sum(len(ln.text) for ln in right)
    total = left_chars + right_chars
    if min(left_chars, right_chars) < 0.04 * total:
        return None
    top = min(max(ln.y1 for ln in left), max(ln.y1 for ln in right))
    bottom = max(min(ln.y0 for ln in left), min(ln.y0 for ln in right))
    left_span = max(ln.y1 for ln in left) - min(ln.y0 for ln in left)
    right_span = max(ln.y1 for ln in right) - min(ln.y0 for ln in right)
    if top - bottom < 0.3 * min(left_span, right_span):
        return None
    # Right-aligned dates and places beside entry titles (a one-column page)
    # look like a narrow column, but every fragment sits on the baseline of a
    # line across the gap. Real columns keep their own rhythm. Measured on the
    # corpus: date columns pair 100 % with a median of 7-20 characters; real
    # sidebars pair 42-85 %, or hold longer text.
    minor, major = (left, right) if left_chars < right_chars else (right, left)
    paired = sum(1 for ln in minor if _has_row_partner(ln, major)) / len(minor)
    lengths = sorted(len(ln.text.strip()) for ln in minor)
    if paired >= 0.9 and lengths[len(lengths) // 2] <= 24:
        return None
    return float(best_x)


def _has_row_partner(line: Line, others: list[Line]) -> bool:
    return any(
        min(line.y1, o.y1) - max(line.y0, o.y0) > 0.5 * min(line.height, o.height) for o in others
    )


def order_page(lines: list[Line], width: float) -> tuple[list[str], bool]:
    """Lines of one page in reading order, and whether it was read as two columns."""
    gutter = find_gutter(lines, width)
    if gutter is None:
        return _rows(lines), False
    spanning = sorted(
        (ln for ln in lines if ln.x0 < gutter - 1 and ln.x1 > gutter + 1), key=lambda ln: -ln.y1
    )
    columns = [ln for ln in lines if not (ln.x0 < gutter - 1 and ln.x1 > gutter + 1)]
    # Band edges: each spanning line closes the band above it.
    out: list[str] = []
    remaining = columns
    for span in spanning:
        above = [ln for ln in remaining if (ln.y0 + ln.y1) / 2 > (span.y0 + span.y1) / 2]
        remaining = [ln for ln in remaining if (ln.y0 + ln.y1) / 2 <= (span.y0 + span.y1) / 2]
        out.extend(_band(above, gutter))
        out.extend(_rows([span]))
    out.extend(_band(remaining, gutter))
    return out, True


def _band(lines: list[Line], gutter: float) -> list[str]:
    left = [ln for ln in lines if (ln.x0 + ln.x1) / 2 < gutter]
    right = [ln for ln in lines if (ln.x0 + ln.x1) / 2 >= gutter]
    if not (left and right):
        return _rows(left or right)
    # Lines of one column above the other column's first line have nothing
    # beside them: they are the page header (a name set in the main column
    # above a sidebar that starts lower), so they are read first.
    top_left, top_right = max(ln.y1 for ln in left), max(ln.y1 for ln in right)
    if top_right > top_left:
        header = [ln for ln in right if ln.y0 >= top_left]
        right = [ln for ln in right if ln.y0 < top_left]
    else:
        header = [ln for ln in left if ln.y0 >= top_right]
        left = [ln for ln in left if ln.y0 < top_right]
    out = _rows(header)
    out.extend(_rows(left))
    out.append("")  # a column break reads like a paragraph break
    out.extend(_rows(right))
    return out


def _link_targets(page: PDFPage) -> list[str]:
    targets: list[str] = []
    annots = resolve1(page.annots) if page.annots else None
    if not isinstance(annots, list):
        return targets
    for ref in annots:
        annot = resolve1(ref)
        if not isinstance(annot, dict):
            continue
        action = resolve1(annot.get("A"))
        if not isinstance(action, dict):
            continue
        uri = resolve1(action.get("URI"))
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", "replace")
        if isinstance(uri, str) and uri.strip():
            targets.append(uri.strip())
    return targets


def extract_pdf(data: bytes, max_pages: int = 50) -> PdfText:
    """Text of a PDF in reading order with its link targets.

    Raises :class:`ParseProblem` with outcome ``encrypted`` or ``malformed``.
    ``max_pages`` bounds the work on a document no resume needs (a 400-page
    manual sent by mistake): later pages are not read.
    """
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except PDFPasswordIncorrect:
        raise ParseProblem("encrypted", "the PDF is protected by a password") from None
    except PDFEncryptionError as exc:
        raise ParseProblem("encrypted", f"the PDF uses encryption we cannot open ({exc})") from None
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise ParseProblem("malformed", f"not a readable PDF: {_describe(exc)}") from None

    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=_LAPARAMS)
    interpreter = PDFPageInterpreter(manager, device)
    page_texts: list[str] = []
    targets: list[str] = []
    two_col = 0
    images = [False]
    pages = 0
    try:
        for page in PDFPage.create_pages(document):
            pages += 1
            if pages > max_pages:
                continue  # count the pages, read only the first ones
            interpreter.process_page(page)
            layout = device.get_result()
            lines: list[Line] = []
            _collect_lines(layout, lines, images)
            ordered, is_two = order_page(lines, layout.width)
            two_col += is_two
            page_texts.append("\n".join(ordered))
            try:
                targets.extend(_link_targets(page))
            except Exception as exc:  # a broken annotation must not lose the page's text
                logging.getLogger(__name__).debug("link annotations unreadable: %s", exc)
    except PDFPasswordIncorrect:
        raise ParseProblem("encrypted", "the PDF is protected by a password") from None
    except PDFEncryptionError as exc:
        raise ParseProblem("encrypted", f"the PDF uses encryption we cannot open ({exc})") from None
    except MemoryError:
        raise
    except Exception as exc:
        if not page_texts:
            raise ParseProblem("malformed", f"broken PDF: {_describe(exc)}") from None
        # Keep the pages read so far: a broken last page should not cost the resume.
        logging.getLogger(__name__).info("PDF broken after page %d: %s", len(page_texts), exc)
    if pages == 0:
        raise ParseProblem("malformed", "the PDF has no pages")
    return PdfText("\n\n".join(page_texts), pages, _dedupe(targets), two_col, images[0])


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, (IndexError, KeyError, TypeError, AttributeError, AssertionError, RecursionError)):
        # An error inside the PDF reader, not a message meant for people.
        text = f"its internal structure is damaged (the reader stopped at: {text})"
    if len(text) > 160:
        text = text[:157] + "..."
    return text
