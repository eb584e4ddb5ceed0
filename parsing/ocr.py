"""OCR for scans and photos of resumes: image-only PDFs, PDFs whose text is unreadable, pictures.

The engine is RapidOCR (PP-OCRv6 small detection and recognition models inside
its wheel, run by onnxruntime), so OCR works after ``pip install`` on any
machine. Tesseract is used instead only when the OS has it, with the
document's language installed, and only for the languages where it measured
better (:data:`TESSERACT_BETTER`, from ``python -m tests.accuracy_formats``).

A page goes through: EXIF orientation (phone photos) → text detection →
quarter-turn check (text lines standing upright mean the page lies on its
side) → upside-down check (the direction classifier's vote over the widest
lines) → deskew (the median slope of the detected lines) → recognition →
lines ordered like a PDF page's, columns included (:func:`parsing.pdf.order_page`).

Everything here runs in a batch worker, never in the app: the models take
~0.5 GB, and a page takes seconds (see README, "Speed").
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field

from parsing.errors import ParseProblem

# A photographed page is 12-50 megapixels; beyond this an image is a bomb, not a page.
MAX_PIXELS = 80_000_000
# Pictures are scaled down to this longer side before OCR (text stays ~25+ px high).
WORK_SIDE = 2400
RENDER_DPI = 200
# Pixels of one rendered PDF page at most (a huge MediaBox is rendered smaller).
MAX_RENDER_PIXELS = 12_000_000
DEFAULT_MAX_PAGES = 5
# Shares of dark pixels: below the first, a page is blank; unless one page reaches the second,
# the document holds too little to read (one word: 0.08 %; two short lines: 0.08 %; a page of
# a resume: 1-15 %).
MIN_PAGE_INK = 0.0001
MIN_DOCUMENT_INK = 0.003
# Share of detected text boxes the recogniser could not read above which the page's
# script is probably one it lacks (Cyrillic pages: 20-26 %; Latin and Chinese: 0-6 %).
UNREAD_SHARE = 0.15
# Recognised lines below this confidence are dropped as noise.
MIN_LINE_SCORE = 0.5
# Languages (ISO 639-1) that Tesseract 5 read better than RapidOCR's PP-OCRv6
# small model on the corpus rendered at 200 dpi (word F1; README "Measured"):
# Russian clearly. Turkish won on its one page but lost the email of the
# corpus's image-only Turkish resume, so it stays with RapidOCR.
TESSERACT_BETTER: dict[str, str] = {"ru": "rus"}


@dataclass
class OcrLine:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float


@dataclass
class OcrPage:
    lines: list[OcrLine]
    width: int
    height: int
    rotation: int = 0  # quarter turns applied, in degrees
    skew: float = 0.0  # degrees straightened
    detected: int = 0  # text boxes found on the page (some may be unreadable to the recogniser)

    @property
    def unread_share(self) -> float:
        """Boxes found but not read: RapidOCR's model drops scripts it does not know (Cyrillic)."""
        return 1 - len(self.lines) / self.detected if self.detected else 0.0


@dataclass
class OcrText:
    raw: str
    pages: int  # pages (or frames) in the file
    read_pages: int
    engine: str  # "rapidocr" or "tesseract"
    language: str | None = None  # as guessed from the text (ISO 639-1)
    lines: list = field(default_factory=list)  # parsing.layout.Line, in reading order
    body_size: float = 0.0  # the commonest text size of the lines


# --- engines --------------------------------------------------------------------------------

_lock = threading.Lock()
_rapid = None


def _rapid_engine():
    """One RapidOCR per process, loaded on first use (~1 s, ~0.5 GB)."""
    global _rapid
    with _lock:
        if _rapid is None:
            import logging

            import cv2
            from rapidocr import RapidOCR

            # The batch runs one worker per core: OpenCV's own thread pool would only
            # oversubscribe the cores and reserve memory under the worker's cap.
            cv2.setNumThreads(1)

            threads = int(os.environ.get("SHORTLIST_OCR_THREADS", "1"))
            _rapid = RapidOCR(
                params={
                    "Global.log_level": "error",
                    "Global.use_cls": False,  # decided per page, see _orient
                    "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                    # Detection on the page scaled to 1280 px: as accurate, 3x faster and
                    # ~300 MB smaller than the default on a 200 dpi page (measured).
                    "Det.limit_type": "max",
                    "Det.limit_side_len": 1280,
                    "Rec.rec_batch_num": 1,
                }
            )
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return _rapid


def tesseract_languages() -> set[str]:
    """Tesseract's installed languages, or an empty set when the OS has no Tesseract."""
    exe = shutil.which("tesseract")
    if not exe:
        return set()
    try:
        done = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in done.stdout.splitlines()[1:] if line.strip()}


def _rapid_detect(image) -> list[list[tuple[float, float]]]:
    import numpy as np

    result = _rapid_engine()(np.asarray(image), use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    return [] if boxes is None else [[(float(x), float(y)) for x, y in quad] for quad in boxes]


def _rapid_lines(image) -> list[OcrLine]:
    import numpy as np

    result = _rapid_engine()(
        np.asarray(image), use_det=True, use_cls=False, use_rec=True, return_word_box=True
    )
    if getattr(result, "txts", None) is None:
        return []
    words = getattr(result, "word_results", None) or [()] * len(result.txts)
    lines = []
    for quad, text, score, parts in zip(
        result.boxes, result.txts, result.scores, words, strict=False
    ):
        if score < MIN_LINE_SCORE or not text.strip():
            continue
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        text = _spaced(text, parts, max(ys) - min(ys))
        lines.append(OcrLine(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return lines


def _spaced(text: str, words, height: float) -> str:
    """The line's text with a space where the recogniser left none across a wide gap: an icon
    between "ana@example.com" and "www.ana.dev" is not read, and the two would run together."""
    pieces: list[str] = []
    position, previous_right = 0, None
    try:
        for word, _score, box in words:
            found = text.find(word, position)
            if found < 0:
                return text
            between = text[position:found]
            left, right = float(box[0][0]), float(box[1][0])
            if (
                not between
                and pieces
                and previous_right is not None
                and left - previous_right > 0.5 * height
            ):
                between = " "
            pieces.append(between + word)
            position, previous_right = found + len(word), right
    except (TypeError, ValueError, IndexError):
        return text
    return "".join(pieces) + text[position:]


def _rapid_upside_down_votes(image, quads) -> tuple[int, int]:
    """(upright, upside-down) votes over the widest lines: each line is recognised as it is
    and turned half round, and the reading with the clearly higher confidence votes.

    (The direction classifier shipped with RapidOCR was measured first: on upright,
    slightly crooked pages it voted "upside down" for most lines.)
    """
    import numpy as np

    engine = _rapid_engine()
    array = np.asarray(image)
    wide = sorted(quads, key=lambda q: -(_width(q)))[:8]
    upright = flipped = 0
    for quad in wide:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        crop = array[
            int(max(min(ys), 0)) : int(max(ys)) + 1, int(max(min(xs), 0)) : int(max(xs)) + 1
        ]
        if crop.size == 0 or crop.shape[0] < 8 or crop.shape[1] < 16:
            continue
        scores = []
        for candidate in (crop, np.ascontiguousarray(crop[::-1, ::-1])):
            out = engine(candidate, use_det=False, use_cls=False, use_rec=True)
            found = getattr(out, "scores", None)
            scores.append(float(found[0]) if found else 0.0)
        if scores[0] >= scores[1] + 0.1:
            upright += 1
        elif scores[1] >= scores[0] + 0.1:
            flipped += 1
    return upright, flipped


def _tesseract_lines(image, language: str) -> list[OcrLine]:
    exe = shutil.which("tesseract")
    if not exe:
        return []
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", language, "--psm", "3", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=120,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    rows: dict[tuple[str, ...], list[tuple[int, int, int, int, float, str]]] = {}
    for line in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        rows.setdefault(tuple(cols[1:5]), []).append(
            (left, top, width, height, float(cols[10]), cols[11])
        )
    lines = []
    for words in rows.values():
        score = sum(w[4] for w in words) / len(words) / 100
        if score < MIN_LINE_SCORE:
            continue
        text = " ".join(w[5] for w in words)
        lines.append(
            OcrLine(
                min(w[0] for w in words),
                min(w[1] for w in words),
                max(w[0] + w[2] for w in words),
                max(w[1] + w[3] for w in words),
                text,
                score,
            )
        )
    return lines


# --- geometry -------------------------------------------------------------------------------


def _width(quad) -> float:
    return math.dist(quad[0], quad[1])


def _height(quad) -> float:
    return math.dist(quad[1], quad[2])


def _slope(quad) -> float:
    (x0, y0), (x1, y1) = quad[0], quad[1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _rotate(image, degrees: float):
    """The image turned counter-clockwise by ``degrees``, corners filled white."""
    from PIL import Image

    if degrees % 90 == 0:
        turns = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }
        return image.transpose(turns[int(degrees) % 360]) if int(degrees) % 360 else image
    return image.rotate(
        degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
    )


def _orient(image) -> tuple[object, int, float, int]:
    """The page upright and straight: (image, quarter-turn degrees applied, skew degrees
    straightened,
    text boxes found).

    Straightened before the upside-down vote: the vote reads line crops, and the
    crop of a crooked line holds pieces of its neighbours.
    """
    quads = _rapid_detect(image)
    if len(quads) < 2:
        return image, 0, 0.0, len(quads)
    turned = 0
    sized = [q for q in quads if max(_width(q), _height(q)) > 20]
    tall = [q for q in sized if _height(q) > 1.5 * _width(q)]
    if sized and len(tall) >= 3 and len(tall) > 0.6 * len(sized):
        # Text lines stand upright: the page lies on its side.
        image, turned = _rotate(image, 90), 90
        quads = _rapid_detect(image)
    wide = [q for q in quads if _width(q) > 3 * max(_height(q), 1)]
    skew = _median([_slope(q) for q in wide]) if len(wide) >= 3 else 0.0
    if 0.7 <= abs(skew) <= 45:
        image = _rotate(image, skew)
        quads = _rapid_detect(image)
    else:
        skew = 0.0
    upright, flipped = _rapid_upside_down_votes(image, quads)
    if flipped > upright and flipped >= 2:
        image, turned = _rotate(image, 180), (turned + 180) % 360
    return image, turned, skew, len(quads)


# --- pages ----------------------------------------------------------------------------------


def _prepare(image):
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        from PIL import Image

        # Transparent parts of a picture are paper, not black.
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.split()[-1])
    elif image.mode != "RGB":
        image = image.convert("RGB")
    longest = max(image.size)
    if longest > WORK_SIDE:
        scale = WORK_SIDE / longest
        image = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        )
    return image


def read_page(image, engine: str = "rapidocr", tesseract_language: str | None = None) -> OcrPage:
    image = _prepare(image)
    image, turned, skew, detected = _orient(image)
    if engine == "tesseract" and tesseract_language:
        lines = _tesseract_lines(image, tesseract_language)
    else:
        lines = _rapid_lines(image)
    return OcrPage(lines, image.width, image.height, turned, skew, detected)


# A box's height in pixels as a font size in points, for a page rendered or photographed at
# about 200 dpi (only the ratio to the page's commonest size matters to the field finder).
_PX_TO_PT = 72 / RENDER_DPI


def page_text(page: OcrPage) -> str:
    """The page's lines in reading order (see :func:`page_rows`), as text."""
    return "\n".join(_row_text(row) if row else "" for row, _ in page_rows(page))


def page_lines(page: OcrPage, index: int):
    """The page's lines in reading order with what the picture tells of them (position, size,
    column) for :mod:`parsing.layout`: a name is the largest text near the top of a scan too."""
    from parsing.layout import Line

    out = []
    for row, column in page_rows(page):
        if not row:
            out.append(Line("", page=index))
            continue
        height = _median([max(b.y1 - b.y0, 1.0) for b in row])
        out.append(
            Line(
                mend(_row_text(row)),
                page=index,
                top=min(b.y0 for b in row) / page.height,
                left=min(b.x0 for b in row) / page.width,
                right=max(b.x1 for b in row) / page.width,
                column=column,
                size=round(height * _PX_TO_PT, 1),
            )
        )
    return out


def page_rows(page: OcrPage) -> list[tuple[list[OcrLine], int]]:
    """Rows of boxes in reading order, each with its column (0: across the page or one column,
    1: left, 2: right); an empty row is a break between columns. Boxes of one text size side by
    side make a row; two columns are read one after the other where a gutter divides the page
    (found as for a PDF page)."""
    from parsing.pdf import Line, find_gutter

    boxes = page.lines
    gutter = find_gutter(
        [Line(b.x0, page.height - b.y1, b.x1, page.height - b.y0, b.text) for b in boxes],
        float(page.width),
    )
    if gutter is None:
        return [(row, 0) for row in _rows(boxes)]
    out: list[tuple[list[OcrLine], int]] = []
    pending: list[OcrLine] = []
    # A box across the gutter (a full-width heading) closes the band of columns above it.
    for box in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        if box.x0 < gutter - 1 and box.x1 > gutter + 1:
            out += _columns(pending, gutter)
            out += [(row, 0) for row in _rows([box])]
            pending = []
        else:
            pending.append(box)
    out += _columns(pending, gutter)
    return out


def _columns(boxes: list[OcrLine], gutter: float) -> list[tuple[list[OcrLine], int]]:
    left = [b for b in boxes if (b.x0 + b.x1) / 2 < gutter]
    right = [b for b in boxes if (b.x0 + b.x1) / 2 >= gutter]
    if not left or not right:
        return [(row, 1 if left else 2) for row in _rows(left or right)]
    # What stands above the other column's first line (a name over a sidebar) comes first.
    first_left, first_right = min(b.y0 for b in left), min(b.y0 for b in right)
    top = [
        b
        for b in (right if first_right < first_left else left)
        if b.y1 <= max(first_left, first_right)
    ]
    rest_left = [b for b in left if b not in top]
    rest_right = [b for b in right if b not in top]
    return (
        [(row, 0) for row in _rows(top)]
        + [(row, 1) for row in _rows(rest_left)]
        + [([], 0)]
        + [(row, 2) for row in _rows(rest_right)]
    )


def _row_text(row: list[OcrLine]) -> str:
    return " ".join(b.text for b in sorted(row, key=lambda b: b.x0))


def _rows(boxes: list[OcrLine]) -> list[list[OcrLine]]:
    """Boxes side by side become one row, left to right; text of a clearly different size on
    the same height (a name beside a town) stays a row of its own."""
    rows: list[list[OcrLine]] = []
    for box in sorted(boxes, key=lambda b: ((b.y0 + b.y1) / 2, b.x0)):
        height = max(box.y1 - box.y0, 1.0)
        for row in rows[-3:]:
            row_height = max(_median([max(b.y1 - b.y0, 1.0) for b in row]), 1.0)
            top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
            overlap = min(bottom, box.y1) - max(top, box.y0)
            if overlap > 0.5 * min(height, row_height) and max(height, row_height) <= 1.5 * min(
                height, row_height
            ):
                row.append(box)
                break
        else:
            rows.append([box])
    rows.sort(key=lambda row: (min(b.y0 for b in row), min(b.x0 for b in row)))
    return rows


# What OCR does to contact data and dashes, undone: "ana @example.com", "ana@example .com",
# and "2019 ? present" (the recogniser has no en dash; it answers "?").
_SPACED_AT_RE = re.compile(r"(?<=[\w.+\-])[ \t]*@[ \t]*(?=[\w\-]+(?:[ \t]*\.[ \t]*[\w\-]+)+)")
_SPACED_DOT_RE = re.compile(r"(?<=@)([\w\-]+(?:\.[\w\-]+)*)[ \t]+\.[ \t]*(?=[A-Za-z]{2,})")
_LONE_QUESTION_RE = re.compile(r"(?<=\w) \? (?=\w)")
# A "|" between a phone number and an email, read as a letter: "555 0142Ijohn@example.com".
_BAR_BEFORE_EMAIL_RE = re.compile(r"(?<=\d)[Il|](?=[a-z][\w.+\-]*@[\w\-]+\.)")


_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def mend(text: str) -> str:
    text = _BAR_BEFORE_EMAIL_RE.sub(" | ", text)
    text = _SPACED_AT_RE.sub("@", text)
    text = _SPACED_DOT_RE.sub(lambda m: m.group(1) + ".", text)
    return _LONE_QUESTION_RE.sub(" – ", text)


def inked(image) -> float:
    """Share of the picture's pixels that are ink (dark), from its grey histogram."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:160]) / max(sum(histogram), 1)


def _read_all(images: list, pages: int) -> OcrText:
    # Pages with almost no ink (blank, a page number, one word) are not read, and a document
    # whose pages all look like that does not even load the models.
    ink = [inked(image) for image in images]
    if max(ink, default=0.0) < MIN_DOCUMENT_INK:
        return OcrText("", pages, 0, "none")
    images = [image for image, share in zip(images, ink, strict=True) if share >= MIN_PAGE_INK]
    read = [read_page(image) for image in images]
    text = "\n\n".join(page_text(p) for p in read)
    language = guess_language(text)
    engine = "rapidocr"
    installed = tesseract_languages()
    code = TESSERACT_BETTER.get(language or "")
    if code is None and max(p.unread_share for p in read) > UNREAD_SHARE:
        # Many boxes found but not read: a script the model lacks; try Tesseract's languages
        # of that kind, and keep whichever reads more letters.
        code = "+".join(c for c in TESSERACT_BETTER.values() if c in installed) or None
    missed: list[str] = []
    if code and all(part in installed for part in code.split("+")):
        better = [read_page(image, "tesseract", f"{code}+eng") for image in images]
        better_text = "\n\n".join(page_text(p) for p in better)
        if _letters(better_text) > _letters(text):
            # RapidOCR reads Latin contact lines better: keep those Tesseract missed.
            missed = [
                line
                for line in text.split("\n")
                if any(email not in better_text for email in _EMAIL_RE.findall(line))
            ]
            read, engine = better, "tesseract"
            text = "\n".join([better_text, *missed])
            language = guess_language(text) or language
    lines = []
    for index, page in enumerate(read):
        if index:
            lines.append(_blank_line(index))
        lines += page_lines(page, index)
    for extra in missed:
        lines.append(_plain_line(extra))
    sizes = sorted(line.size for line in lines if line.size)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    return OcrText(mend(text), pages, len(images), engine, language, lines, body)


def _blank_line(page: int):
    from parsing.layout import Line

    return Line("", page=page)


def _plain_line(text: str):
    from parsing.layout import Line

    return Line(mend(text))


# --- inputs ---------------------------------------------------------------------------------


def _open_image(data: bytes):
    from PIL import Image

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:
        pass
    # Opening reads the header only; the size is checked here, before any pixel is decoded,
    # and Pillow's own bomb check stays on for the decoding (frames of a TIFF, say).
    Image.MAX_IMAGE_PIXELS = None
    try:
        image = Image.open(io.BytesIO(data))
    except Exception as exc:
        raise ParseProblem("malformed", f"the picture cannot be read ({_short(exc)})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ParseProblem(
            "too_complex",
            f"the picture is {width:,} × {height:,} pixels "
            f"({width * height / 1e6:,.0f} megapixels), "
            "far beyond a photographed page (the limit is "
            f"{MAX_PIXELS / 1e6:.0f} megapixels); not decoded",
        )
    return image


def ocr_image(data: bytes, max_pages: int = DEFAULT_MAX_PAGES) -> OcrText:
    """Text of a picture (JPEG, PNG, TIFF with its pages, HEIC, WebP …)."""
    from PIL import Image, ImageSequence

    image = _open_image(data)
    frames = []
    total = getattr(image, "n_frames", 1) or 1
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= max_pages:
                break
            width, height = frame.size
            if width * height > MAX_PIXELS:
                raise ParseProblem(
                    "too_complex",
                    f"page {index + 1} of the picture is {width:,} × {height:,} pixels",
                )
            frame.load()
            frames.append(frame.copy())
    except ParseProblem:
        raise
    except (Image.DecompressionBombError, MemoryError):
        raise ParseProblem("too_complex", "the picture is too large to decode") from None
    except Exception as exc:
        if not frames:
            raise ParseProblem(
                "malformed", f"the picture cannot be decoded ({_short(exc)})"
            ) from None
    if not frames:
        raise ParseProblem("malformed", "the picture has no frames")
    return _read_all(frames, total)


def render_pdf(
    data: bytes, max_pages: int = DEFAULT_MAX_PAGES, dpi: int = RENDER_DPI
) -> tuple[list, int]:
    """The first pages of a PDF as pictures, and its page count (pdfium renders)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseProblem("encrypted", "the PDF is protected by a password") from None
        raise ParseProblem(
            "malformed", f"the PDF cannot be rendered for OCR ({_short(exc)})"
        ) from None
    try:
        total = len(document)
        images = []
        for index in range(min(total, max_pages)):
            page = document[index]
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > MAX_RENDER_PIXELS:
                scale = math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1))
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images, total
    finally:
        document.close()


def ocr_pdf(data: bytes, max_pages: int = DEFAULT_MAX_PAGES) -> OcrText:
    """Text of a scanned PDF: its first ``max_pages`` pages rendered at 200 dpi and read."""
    images, total = render_pdf(data, max_pages)
    if not images:
        raise ParseProblem("malformed", "the PDF has no pages")
    return _read_all(images, total)


def untexted_ink(data: bytes, boxes: list[tuple[float, float, float, float]], share: float = 0.4):
    """How much of the top ``share`` of a PDF's first page is ink that no box covers, as a
    share of that area: a name drawn as outlines or as a pattern leaves ink the text layer
    does not explain. ``boxes`` are the text lines and pictures of page one as (left, top,
    right, bottom) shares of the page. The page is drawn small (40 dpi): about 0.01 s."""
    from PIL import ImageDraw

    images, _ = render_pdf(data, 1, dpi=40)
    if not images:
        return 0.0
    page = images[0].convert("L")
    width, height = page.size
    head = page.crop((0, 0, width, max(1, int(height * share))))
    draw = ImageDraw.Draw(head)
    for left, top, right, bottom in boxes:  # what the boxes explain is painted out
        x0, x1 = sorted((int(left * width) - 1, int(right * width) + 1))
        y0, y1 = sorted((int(top * height) - 1, int(bottom * height) + 1))
        draw.rectangle((x0, y0, x1, y1), fill=255)
    histogram = head.histogram()
    return sum(histogram[:128]) / max(sum(histogram), 1)


def ocr_pdf_head(data: bytes, share: float = 0.4) -> OcrText:
    """The top ``share`` of a PDF's first page, rendered and read: for a page whose text layer
    lacks what a picture there prints (a name set as an image). Lines keep their place on the
    whole page (``top`` as a share of its height)."""
    found = _read_regions(data, [(0, 0.0, 0.0, 1.0, share)])
    if not found:
        raise ParseProblem("malformed", "the PDF has no pages")
    return found[0][1]


def ocr_pdf_regions(
    data: bytes, regions: list[tuple[int, float, float, float, float]]
) -> list[tuple[tuple[int, float, float, float, float], OcrText]]:
    """Pictures that stand where a column of text would (``regions``: page, left, top, right,
    bottom as shares of the page), rendered and read. Lines keep their place on the whole page,
    so they fall into the page's reading order where they stand."""
    return _read_regions(data, regions)


def _read_regions(
    data: bytes, regions: list[tuple[int, float, float, float, float]]
) -> list[tuple[tuple[int, float, float, float, float], OcrText]]:
    """Parts of a PDF's pages, rendered (only the pages needed) and read, each line placed on
    its whole page: a picture's column, or the top of page one (:func:`ocr_pdf_head`)."""
    if not regions:
        return []
    images, total = render_pdf(data, max(page for page, *_ in regions) + 1)
    out = []
    for page, left, top, right, bottom in regions:
        if page >= len(images):
            continue
        image = images[page]
        box = (
            int(image.width * left),
            int(image.height * top),
            max(int(image.width * right), int(image.width * left) + 1),
            max(int(image.height * bottom), int(image.height * top) + 1),
        )
        found = _read_all([image.crop(box)], total)
        for line in found.lines:
            line.page = page
            if line.top >= 0:
                line.top = round(top + line.top * (bottom - top), 4)
                line.left = round(left + line.left * (right - left), 4)
                line.right = round(left + line.right * (right - left), 4)
        out.append(((page, left, top, right, bottom), found))
    return out


# --- language -------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the and of to in for with on at is as from by experience education skills",
    "de": "und der die das mit für von zu im bei den ist erfahrung ausbildung kenntnisse",
    "fr": "et de la le les des en du pour avec au expérience formation compétences",
    "pt": "e de da do em para com dos das na no experiência formação habilidades",
    "es": "y de la el en para con los las del experiencia formación habilidades",
    "it": "e di il la per con del della nel esperienza formazione competenze",
    "nl": "en de het van een voor met op ervaring opleiding vaardigheden",
    "pl": "i w z na do oraz dla doświadczenie wykształcenie umiejętności",
    "tr": "ve bir ile için olarak deneyim eğitim beceriler üniversitesi",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """The text's language (ISO 639-1) from its script and common words; None when unsure."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return None
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    if cyrillic > 0.3 * len(letters):
        return "ru"
    if cjk > 0.2 * len(letters):
        return "zh"
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 3 else None


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
