"""One file's bytes in, one parsed resume (or an honest problem outcome) out."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import PurePath
from types import SimpleNamespace

from parsing import contacts as C
from parsing import fields as F
from parsing import formats, readers
from parsing.contacts import clean_target, rejoin_wrapped
from parsing.errors import Outcome, ParseProblem, too_large_message
from parsing.layout import Layout, Line, assemble, close_spaced_lines, from_text
from parsing.listed import inline_skill_spans, listed_items, unlisted_skills
from parsing.names import find_name
from parsing.sections import (
    CONTACT,
    LANGUAGES,
    PERSONAL,
    SKILLS,
    Section,
    find_sections,
    section_at,
)
from parsing.taxonomy import Hit, Taxonomy, load_taxonomy
from parsing.text import CID_RE, cid_ratio, clean_text, fold

# Defaults of the design; the batch layer passes the user's settings.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_DOCUMENT_SUFFIXES = {"pdf", "docx", "doc", "odt", "rtf", "txt", "md"}
# Text files that are data or code, not resumes: named by what they are.
_NOT_RESUME_TEXT = {
    "json": "a JSON data file",
    "csv": "a CSV table",
    "tsv": "a table",
    "xml": "an XML data file",
    "yaml": "a YAML file",
    "yml": "a YAML file",
    "log": "a log file",
    "ini": "a settings file",
    "cfg": "a settings file",
    "toml": "a settings file",
    "py": "program code",
    "js": "program code",
    "sql": "SQL code",
    "sh": "a shell script",
    "bat": "a script",
    "css": "a style sheet",
    "ics": "a calendar file",
    "vcf": "a contact card",
    "svg": "an SVG image",
}
# A resume with less text than this has no real text layer (a scan with a
# page number, say).
MIN_TEXT_CHARS = 40
# Below this confidence a field is marked "check this" (with its reason, in ``doubts``).
CHECK_BELOW = 0.7
# What a field read from pictures (OCR) is worth at most: below CHECK_BELOW, so "check this".
OCR_CONFIDENCE = 0.6
# A wide or large picture at the top of page one (parsing.pdf._head_picture) of at least this
# share of the page may print the name: when the text layer gives none, the top is read by OCR.
HEAD_PICTURE = 0.015
# Or when this share of the top of page one is ink that no text line or picture covers: a name
# drawn as outlines or as a pattern, no object for pdfminer to see (a 30-point name covers
# about 1 % of the top; a plain page's rules and bullets 0-1 %, a design's colour blocks more:
# those only cost the OCR of a page whose text gave no name).
UNTEXTED_INK = 0.005
# Share of (cid:N) placeholders above which the text is not worth reading.
MAX_CID_RATIO = 0.25
# Share of replacement characters or private-use glyphs that makes text garbage.
MAX_GARBAGE_RATIO = 0.3


@dataclass
class ParsedResume:
    file: str
    outcome: str = Outcome.OK.value
    error: str | None = None
    kind: str | None = None  # pdf, docx, odt, rtf, text
    text: str = ""
    name: str | None = None  # as printed: "Nowak Anna" stays so
    # Of a name printed surname first, its given names ("Anna"), for greeting them; "" when
    # the name starts with them or nothing says. Not in the CLI's JSON.
    given_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    location: str | None = None
    skills: list[str] = field(default_factory=list)
    skills_not_in_taxonomy: list[str] = field(
        default_factory=list
    )  # the items of `skills` the taxonomy lacks
    sections: list[str] = field(default_factory=list)
    years_experience: float | None = None
    education: list[dict] = field(default_factory=list)
    title: str | None = None
    pages: int | None = None
    text_chars: int = 0
    # How sure the parser is of each field, 0..1 (0 when the field is empty).
    confidence: dict[str, float] = field(default_factory=dict)
    # The text was read from pictures (OCR): its fields deserve a second look.
    ocr: bool = False
    # Why a field is not surer, in a recruiter's words ("wrapped over two lines"): for the
    # person pane's "check this", not for the CLI's JSON.
    doubts: dict[str, str] = field(default_factory=dict)
    # For the store and the matcher, not for the CLI's JSON.
    section_spans: list[dict] = field(default_factory=list)
    skill_hits: list[dict] = field(default_factory=list)
    parse_ms: float = 0.0

    # The JSON contract of `shortlist parse --json`.
    PUBLIC_KEYS = (
        "file",
        "outcome",
        "error",
        "name",
        "emails",
        "phones",
        "links",
        "location",
        "skills",
        "sections",
        "years_experience",
        "education",
        "title",
        "pages",
        "text_chars",
        "skills_not_in_taxonomy",
        "confidence",
        "ocr",
    )

    def public(self) -> dict:
        data = asdict(self)
        return {key: data[key] for key in self.PUBLIC_KEYS}

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.OK.value


def parse_bytes(
    data: bytes,
    file: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    taxonomy: Taxonomy | None = None,
    today: date | None = None,
    ocr: readers.OcrOptions | None = None,
) -> ParsedResume:
    """Parse one file's bytes. Never raises for a bad file: problems become outcomes."""
    started = time.perf_counter()
    result = ParsedResume(file=file)
    try:
        _parse_into(result, data, max_bytes, taxonomy, today, ocr or readers.OcrOptions())
    except ParseProblem as problem:
        _clear_fields(result)
        result.outcome = problem.outcome.value
        result.error = problem.message
    except RecursionError:
        _clear_fields(result)
        result.outcome = Outcome.TOO_COMPLEX.value
        result.error = "the document is nested too deeply to read"
    result.parse_ms = round((time.perf_counter() - started) * 1000, 1)
    return result


def _clear_fields(result: ParsedResume) -> None:
    keep = {"file", "kind", "pages"}
    fresh = ParsedResume(file=result.file)
    for key, value in asdict(fresh).items():
        if key not in keep:
            setattr(result, key, value)


def _parse_into(result: ParsedResume, data: bytes, max_bytes: int, taxonomy, today, ocr) -> None:
    if len(data) > max_bytes:
        raise ParseProblem("too_large", too_large_message(len(data), max_bytes))
    sniffed = formats.sniff(data)
    claimed = PurePath(result.file).suffix.lower().lstrip(".")
    if sniffed.kind == "empty":
        raise ParseProblem("malformed", "the file is empty (0 bytes)")
    if sniffed.kind in ("broken-zip", "broken-ole"):
        raise ParseProblem("malformed", sniffed.description)
    if sniffed.kind == "encrypted":
        raise ParseProblem(
            "encrypted", f"{sniffed.description}: save a copy without the password to import it"
        )
    if sniffed.kind in formats.MAIL:
        raise readers.refuse_container(sniffed.kind)
    if sniffed.kind == formats.TEXT and claimed in _NOT_RESUME_TEXT:
        raise ParseProblem(
            "unsupported",
            f"{_NOT_RESUME_TEXT[claimed]} (.{claimed}) is not a resume format we read",
        )
    if sniffed.kind not in formats.READABLE:
        if sniffed.description.startswith("binary data") and claimed in _DOCUMENT_SUFFIXES:
            raise ParseProblem(
                "malformed",
                f"named .{claimed}, but the content is not a {claimed.upper()} (damaged?)",
            )
        named = f" (named .{claimed})" if claimed else ""
        raise ParseProblem(
            "unsupported", f"{sniffed.description}{named} is not a resume format we read"
        )
    result.kind = sniffed.kind
    targets: list[str] = []
    exact: dict = {}
    lines: list[Line] | None = None  # with layout facts, from readers that know them
    body_size, geometry = 0.0, False
    head_picture, pictures, column_pictures = 0.0, [], []
    if sniffed.kind == formats.PDF:
        from parsing.pdf import extract_pdf  # pdfminer is only loaded when a PDF comes

        pdf = extract_pdf(data)
        raw, targets, result.pages = pdf.raw, pdf.link_targets, pdf.pages
        head_picture, pictures = pdf.head_picture, pdf.pictures
        column_pictures = pdf.column_pictures
        lines, body_size, geometry = pdf.lines, pdf.body_size, True
    elif sniffed.kind == formats.DOCX:
        office = formats.extract_docx(data)
        raw, targets, lines, body_size = (
            office.text,
            office.link_targets,
            office.lines,
            office.body_size,
        )
    elif sniffed.kind == formats.ODT:
        office = formats.extract_odt(data)
        raw, targets, lines, body_size = (
            office.text,
            office.link_targets,
            office.lines,
            office.body_size,
        )
    elif sniffed.kind == formats.RTF:
        office = formats.extract_rtf_office(data)  # lines tied to their HYPERLINK fields' targets
        raw, targets, lines = office.text, office.link_targets, office.lines or None
    elif sniffed.kind == formats.TEXT:
        raw = formats.decode_text(data)
        raw = _unflatten(raw)
    else:
        extracted = readers.extract(sniffed.kind, data, ocr, sniffed.description, claimed)
        raw, targets, exact, result.ocr = (
            extracted.raw,
            extracted.targets,
            extracted.exact,
            extracted.ocr,
        )
        result.pages = extracted.pages or result.pages
        lines, body_size, geometry = extracted.lines, extracted.body_size, extracted.geometry
    try:
        _check_readable(raw, result.pages, sniffed.kind)
    except (
        ParseProblem
    ) as problem:  # a scan, or glyphs without characters: read the pages' pictures
        extracted = readers.ocr_instead(sniffed.kind, data, problem, ocr)
        raw, result.ocr = extracted.raw, True
        lines, body_size, geometry = extracted.lines, extracted.body_size, extracted.geometry
    if sniffed.kind == formats.PDF:
        exact = readers.pdf_exact(data, today)
    pictured, typed = "", ""  # what pictures standing for columns printed, read by OCR
    if column_pictures and lines is not None and not result.ocr and ocr.enabled:
        typed = "\n".join(line.text for line in lines)
        lines, pictured = _with_picture_columns(data, lines, column_pictures, ocr)
    if lines is not None:
        text, layout = assemble(lines, body_size, geometry)
    else:
        layout = from_text(clean_text(close_spaced_lines(raw)))
    layout = rejoin_wrapped(layout)
    text = "\n".join(line.text for line in layout.lines)
    result.text = text
    result.text_chars = len(text)
    fill_fields(result, text, targets, taxonomy or load_taxonomy(), today, layout)
    readers.apply_exact(result, exact)
    if pictured:
        _doubt_pictured(result, pictured, typed)
    if (
        result.name is None
        and not result.ocr
        and ocr.enabled
        and sniffed.kind == formats.PDF
        and (head_picture >= HEAD_PICTURE or _untexted_ink(data, layout, pictures) >= UNTEXTED_INK)
    ):
        _name_from_picture(result, data, taxonomy or load_taxonomy(), ocr)


# Column pictures are read on the first pages only: each costs a page drawn and an OCR pass
# of a few seconds (a long file's appendix of scans is not its main column).
COLUMN_PICTURE_PAGES = 3
PICTURED = "read by OCR from a picture on the page"


def _with_picture_columns(
    data: bytes, lines: list[Line], regions: list, ocr
) -> tuple[list[Line], str]:
    """The PDF's lines with the text of pictures that stand where a column would (a CV whose
    main column was exported as an image), each read by OCR and put in the page's reading
    order as a column of its own: after the page's typed text when it stands to the right,
    before it when to the left. The typed lines beside it become the other column, so that a
    sidebar's section ends where the picture begins. Anything going wrong leaves the lines as
    they were: the pictures only add."""
    from parsing import ocr as engine

    regions = [r for r in regions if r[0] < COLUMN_PICTURE_PAGES][:COLUMN_PICTURE_PAGES]
    if not regions:
        return lines, ""

    def read() -> SimpleNamespace:  # what run_ocr measures: the text read, as .raw
        regions_read = engine.ocr_pdf_regions(data, regions)
        return SimpleNamespace(raw="\n".join(t.raw for _, t in regions_read), each=regions_read)

    try:
        found = readers.run_ocr(read, ocr)[0].each
    except (Exception, MemoryError):  # a page pdfium cannot draw, an engine that cannot load
        return lines, ""
    out = list(lines)
    texts: list[str] = []
    for (page, left, top, right, _bottom), text in found:
        pictured = [line for line in text.lines if line.text.strip()]
        if not pictured:
            continue
        first = left < 1 - right  # the picture is the page's left column
        mine, other = (1, 2) if first else (2, 1)
        at = [i for i, line in enumerate(out) if line.page == page and line.text.strip()]
        for i in at:
            line = out[i]
            beside = line.left >= right - 0.02 if first else line.right <= left + 0.02
            if line.column == 0 and line.top >= 0 and beside:
                out[i] = replace(line, column=other)
        block = [replace(line, column=mine) for line in text.lines]
        if first:
            # before the column's first typed line beside it: a header across the page above
            # the picture ("Marta Kowalczyk / Graphic Designer") stays first
            below = [i for i in at if out[i].top >= top - 0.01]
            where = below[0] if below else (at[-1] + 1 if at else len(out))
            out[where:where] = [*block, Line("", page=page)]
        else:
            where = at[-1] + 1 if at else len(out)
            out[where:where] = [Line("", page=page), *block]
        texts.append("\n".join(line.text for line in pictured))
    return out, "\n".join(texts)


def _doubt_pictured(result: ParsedResume, pictured: str, typed: str) -> None:
    """Fields read from a picture's text, not from the typed text, deserve a second look."""
    ours, typed = fold(pictured), fold(typed)
    for key in ("name", "title", "location", "emails", "phones", "links"):
        value = getattr(result, key)
        values = value if isinstance(value, list) else [value] if value else []
        if any(fold(v) in ours and fold(v) not in typed for v in values):
            result.confidence[key] = min(result.confidence.get(key, 0.0), OCR_CONFIDENCE)
            result.doubts[key] = PICTURED
    for key in ("skills", "years_experience", "education"):
        if result.confidence.get(key):
            result.confidence[key] = min(result.confidence[key], OCR_CONFIDENCE)
            result.doubts.setdefault(key, "partly " + PICTURED)


def _untexted_ink(data: bytes, layout: Layout, pictures: list) -> float:
    """Ink at the top of page one that neither its text lines nor its pictures explain (see
    :func:`parsing.ocr.untexted_ink`; a picture is judged by its shape, a headshot is not
    text); 0.0 when the page cannot be drawn."""
    from parsing import ocr as engine

    boxes = [
        (line.left, line.top, line.right, line.top + line.size * 1.3 / 842)
        for line in layout.lines
        if line.page == 0 and line.top >= 0 and line.text.strip()
    ] + list(pictures)
    try:
        return engine.untexted_ink(data, boxes)
    except (Exception, MemoryError):  # a page pdfium cannot draw: nothing to say about it
        return 0.0


def _name_from_picture(result: ParsedResume, data: bytes, taxonomy: Taxonomy, ocr) -> None:
    """A name printed inside a picture at the top of page one (a designed header exported as
    an image, the main column as one picture): the top of the page is read by OCR, and a name
    found there that the text layer does not hold is taken, marked for a look. Anything going
    wrong leaves the result as it was: the picture only adds."""
    from parsing import ocr as engine

    try:
        found, _ = readers.run_ocr(lambda: engine.ocr_pdf_head(data), ocr)
    except (Exception, MemoryError):  # a page pdfium cannot draw, an engine that cannot load
        return  # or runs out of memory: the text layer's reading stands
    if not found.lines:
        return
    layout = assemble(found.lines, found.body_size, True)[1]
    name = find_name(layout, result.emails, None, taxonomy)
    if name is None:
        return
    printed = set(fold(result.text).split())
    if any(fold(word) in printed for word in name.value.split() if len(word) > 2):
        return  # the text layer has it, and did not take it: the picture adds nothing
    # Letters spaced out in the picture come back in pieces ("C O N T A C T" read as "Con
    # T Ac T"): a typed line with the same letters is the same thing.
    letters = "".join(fold(name.value).split())
    if any("".join(line.split()) == letters for line in fold(result.text).split("\n")):
        return
    result.name, result.given_name = name.value, name.given
    result.confidence["name"] = min(name.confidence, OCR_CONFIDENCE)
    result.doubts["name"] = "drawn at the top of page 1, read by OCR"


def _unflatten(text: str) -> str:
    """Text exported without line breaks (fields run on, separated by spaces) gets its lines back.

    Only for text files whose lines average several hundred characters: wide
    gaps of two or more spaces are where the lines were.
    """
    lines = text.split("\n")
    if len(text) / max(len(lines), 1) < 300:
        return text
    return re.sub(r" {2,}", "\n", text)


def _check_readable(raw: str, pages: int | None, kind: str) -> None:
    ratio = cid_ratio(raw)
    if ratio > MAX_CID_RATIO:
        raise ParseProblem(
            "unreadable_text",
            f"{ratio:.0%} of the text is glyphs without a character mapping ((cid:N)); "
            "open the original to read it",
        )
    visible = "".join(raw.split())  # split() cuts at exactly the characters isspace() names
    readable = len(CID_RE.sub("", visible))
    if readable < MIN_TEXT_CHARS:
        if kind != formats.PDF:
            raise ParseProblem("no_text", f"the document holds only {readable} characters of text")
        where = f"{pages} page(s)" if pages else "the file"
        if readable == 0:
            raise ParseProblem(
                "no_text",
                f"no text layer in {where}: a scanned image? Open the original to read it",
            )
        raise ParseProblem(
            "no_text",
            f"only {readable} characters of text in {where}: a scanned image or an empty page?",
        )
    # Only non-ASCII characters can be unmapped; each distinct one is looked up once.
    garbage = (
        0
        if visible.isascii()
        else sum(
            n
            for ch, n in Counter(visible).items()
            if ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs")
        )
    )
    if garbage / len(visible) > MAX_GARBAGE_RATIO:
        raise ParseProblem(
            "unreadable_text", f"{garbage / len(visible):.0%} of the characters are unmapped glyphs"
        )


def _header_end(text: str, sections: list[Section]) -> int:
    """Where the header (name, contact lines) ends: the first section, or ~12 lines in."""
    limit = 0
    for _ in range(12):
        nxt = text.find("\n", limit + 1)
        if nxt < 0:
            limit = len(text)  # a short resume: its first section still ends the header
            break
        limit = nxt
    if sections and sections[0].start > 0:
        return min(sections[0].start, limit)
    return limit


# A number with its country code: a person's contact line, not a date range or an amount.
_INTERNATIONAL = re.compile(r"\+\d[\d\s().\-]{7,}\d")


def _contact_lines(text: str, sections: list[Section], addresses: list[str]) -> list[str]:
    """Lines outside the header that hold one of their e-mail addresses, an international
    number or a street address with its postcode, except under headings of jobs, schools or
    referees."""
    out, offset = [], 0
    wanted = [a.lower() for a in addresses]
    for line in text.split("\n"):
        section = section_at(sections, offset)
        offset += len(line) + 1
        if section is not None and section.kind not in (SKILLS, LANGUAGES, CONTACT, PERSONAL):
            continue
        lower = line.lower()
        if any(a in lower for a in wanted) or _INTERNATIONAL.search(line) or F.postal_address(line):
            out.append(line)
    return out


def fill_fields(
    result: ParsedResume,
    text: str,
    targets: list[str],
    taxonomy: Taxonomy,
    today: date | None,
    layout: Layout | None = None,
) -> None:
    if layout is None or len(layout.lines) != text.count("\n") + 1:
        layout = from_text(text)
    sections = find_sections(text, layout)
    header_end = _header_end(text, sections)
    header_lines = text[:header_end].split("\n")
    targets = [clean_target(t) for t in targets]
    mailto = [t for t in targets if t.lower().startswith("mailto:")]
    tel = [t for t in targets if t.lower().startswith(("tel:", "callto:"))]
    result.sections = [s.heading for s in sections]
    result.section_spans = [
        {"heading": s.heading, "kind": s.kind, "start": s.start, "end": s.end} for s in sections
    ]
    found_emails = C.find_emails(text, sections, mailto, layout, header_end)
    # Where they live is in the header, or under a Contact or Personal details heading (a
    # sidebar's "CONTACT DETAILS" / "Address: …", Europass's personal information).
    place_lines = header_lines + [
        line
        for s in sections
        if s.kind in (CONTACT, PERSONAL)
        for line in text[s.body_start : s.end].split("\n")[:12]
    ]
    result.location, location_confidence = F.locate(place_lines)
    addresses = [e.value for e in found_emails]
    if result.location is None:
        # A banner's or a sidebar's contact row read after other sections ("✆ +48 71 … ✉
        # Wrocław, Polska" under the languages): the lines that hold their address or number.
        result.location, location_confidence = F.locate(_contact_lines(text, sections, addresses))
    place = result.location if location_confidence >= CHECK_BELOW else None  # never a name
    name = find_name(layout, addresses, sections, taxonomy, text, place)
    result.name = name.value if name else None
    result.given_name = name.given if name else ""
    emails = C.person_emails(found_emails, result.name)
    result.emails = [e.value for e in emails]
    region = F.region_of(result.location, result.emails)
    # A number printed with a country code tells the country of the others.
    if region is None:
        region = _region_from_plus(text[:header_end])
    phones = C.find_phones(text, sections, region, tel, header_end, layout)
    result.phones = [p.value for p in phones]
    links = C.find_links(text, targets, header_end, sections, layout)
    result.links = [link.value for link in links]
    # Date ranges of the experience sections, read once: for years and for recency.
    periods_by_section = {
        s.start: F.find_periods(text[s.body_start : s.end], today)
        for s in sections
        if s.kind == "experience"
    }
    all_periods = [p for found in periods_by_section.values() for p in found]
    explicit = F.explicit_years(text)
    if explicit:
        result.years_experience = explicit[0]
    else:
        result.years_experience = F.merged_years(all_periods) if all_periods else None
    result.education = F.find_education(text, sections)
    result.title, title_confidence, title_doubt = F.title_of(
        text.split("\n"), result.name, text, sections
    )
    inline = inline_skill_spans(text)  # skills listed after a label: read once, used twice
    hits = find_skills(text, sections, taxonomy, inline)
    _date_hits(hits, sections, periods_by_section)
    result.skill_hits = [
        {
            "skill": h.skill,
            "start": h.start,
            "end": h.end,
            "text": h.text,
            "similarity": h.similarity,
            "flag": h.flag,
            "section": h.section,
            "year": h.year,
        }
        for h in hits
    ]
    known = list(dict.fromkeys(h.skill for h in hits if h.counts))
    listed = listed_items(text, sections, taxonomy, inline, [ln.cells for ln in layout.lines])
    unlisted = unlisted_skills(listed, known, taxonomy)
    result.skills = known + unlisted
    result.skills_not_in_taxonomy = unlisted
    in_sections = any(s.kind == SKILLS for s in sections)
    found = {
        "name": [name] if name else [],
        "emails": emails,
        "phones": phones,
        "links": links,
        "location": [C.Found(result.location, location_confidence, _PLACE_DOUBT)]
        if result.location
        else [],
        "title": [C.Found(result.title, title_confidence, title_doubt)] if result.title else [],
    }
    result.confidence, result.doubts = {}, {}
    for key, items in found.items():
        # A list is as sure as its least sure item, and that item says what to check.
        least = min(items, key=lambda item: item.confidence, default=None)
        result.confidence[key] = least.confidence if least else 0.0
        if least is not None and least.why and least.confidence < CHECK_BELOW:
            result.doubts[key] = least.why
    result.confidence |= {
        "skills": (0.9 if in_sections else 0.7) if result.skills else 0.0,
        "years_experience": (0.9 if explicit else 0.7)
        if result.years_experience is not None
        else 0.0,
        "education": 0.7 if result.education else 0.0,
    }
    if result.ocr:  # read from pictures: every field deserves a second look (the one place)
        for key, value in result.confidence.items():
            if value:
                result.confidence[key] = min(value, OCR_CONFIDENCE)
                result.doubts[key] = "read by OCR"


# Said of a location found with little to go on (a number and a word: a postcode and a town?).
_PLACE_DOUBT = "may not be a place: a number and a word"


def _date_hits(
    hits: list[Hit], sections: list[Section], periods_by_section: dict[int, list]
) -> None:
    """Give each hit in a dated experience entry the entry's last year (for recency)."""
    for section in sections:
        if section.kind != "experience":
            continue
        inside = [h for h in hits if section.start <= h.start < section.end]
        if not inside:
            continue
        periods = periods_by_section.get(section.start, [])
        if not periods:
            continue
        starts = [section.body_start + p.offset for p in periods]
        for hit in inside:
            # The entry's dates are printed above its bullets (or on its title line).
            before = [k for k, s in enumerate(starts) if s <= hit.start]
            index = before[-1] if before else 0
            hit.year = periods[index].end[0]


def _region_from_plus(header: str) -> str | None:
    import phonenumbers

    m = re.search(r"\(?\+(\d{1,3})\)?[\s\-.]?\d", header)
    if not m:
        return None
    region = phonenumbers.region_code_for_country_code(int(m.group(1)))
    return None if region in ("ZZ", "001") else region


_ADDRESS_RE = re.compile(
    r"\b(?:https?://|www\.)\S+|[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+|"
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)/\S*",
    re.IGNORECASE,
)


def find_skills(
    text: str,
    sections: list[Section],
    taxonomy: Taxonomy,
    inline: list[tuple[int, int]] | None = None,
) -> list[Hit]:
    if inline is None:
        inline = inline_skill_spans(text)

    def in_skills_section(offset: int) -> bool:
        section = section_at(sections, offset)
        if section is not None and section.kind in (SKILLS, LANGUAGES):
            return True
        return any(a <= offset < b for a, b in inline)

    # Web and e-mail addresses are not prose: "https" is not HTTP, a handle is not a skill.
    masked = _ADDRESS_RE.sub(lambda m: " " * len(m.group()), text)
    hits = taxonomy.find(masked, in_skills_section)
    for hit in hits:
        hit.text = text[hit.start : hit.end]
    for hit in hits:
        section = section_at(sections, hit.start)
        hit.section = section.kind if section else "header"
    return hits
