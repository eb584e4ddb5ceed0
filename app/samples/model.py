"""What is true about one generated person, decided before any file is made.

Renderers print these records; :mod:`app.samples.truth` writes them out. A renderer
never draws a random number: everything random lives here, in :class:`Style` too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: "Present" in every date range means this day; a parameter everywhere, this is its default.
REFERENCE_DATE = date(2026, 11, 1)


@dataclass
class Position:
    """One experience entry, newest first in :attr:`SamplePerson.experience`."""

    title: str
    employer: str
    city: str
    start: tuple[int, int]  # (year, month); month is 1 when printed as a year only
    end: tuple[int, int] | None  # None: "present" (the reference date)
    precision: str  # "month" or "year": what the printed dates can tell a parser
    dates: str  # the date range exactly as printed
    bullets: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, Any]:
        def fmt(ym: tuple[int, int]) -> str:
            return f"{ym[0]:04d}" if self.precision == "year" else f"{ym[0]:04d}-{ym[1]:02d}"

        return {
            "title": self.title,
            "employer": self.employer,
            "city": self.city,
            "start": fmt(self.start),
            "end": "present" if self.end is None else fmt(self.end),
            "dates": self.dates,
        }


@dataclass
class Education:
    degree: str
    institution: str
    years: str  # as printed: "2008 – 2012" or "2012"


@dataclass
class Trap:
    """A phrase that looks like a skill the person does not claim."""

    phrase: str
    imitates: str


@dataclass
class Style:
    """How one person's resume is dressed, whatever the file format.

    Kept per person (not per file) so the same person looks like the same author
    in every format, and so a renderer never has to draw random numbers.
    """

    language: str  # en, de, fr, es, pt, pl, it, nl
    headings: dict[str, str]  # section kind -> heading exactly as printed
    order: tuple[str, ...]  # one-column order of sections after the header
    summary_heading: bool  # False: the summary sits under the header without a heading
    contact_order: tuple[str, ...]
    contact_separator: str  # between contact items on one line
    contact_labels: bool  # "Email:", "Tel.", "Mobil:" ...
    contact_multiline: bool
    date_style: str
    range_separator: str
    present: str
    since: str | None  # "since 2020" / "seit 03/2019" for the current job, else a range
    bullet: str
    job_header: str  # title_first | employer_first | dates_first | one_line
    dates_right: bool  # PDFs: dates right-aligned beside the title
    skills_separator: str | None  # None: one skill per line
    languages_separator: str | None
    font: str  # sans | serif | core (reportlab's built-in Helvetica/Times, if encodable)
    accent: str
    page: str  # A4 | Letter
    base_size: float
    line_height: int  # percent of the font size
    verbosity: float  # scales bullets per job: terse one-pagers to three-page CVs
    qt_lists: bool  # Qt: HTML lists (bullets drawn as shapes, not text)
    rl_core_bullets: bool  # reportlab: bullet glyph from Helvetica (extracts as "(cid:127)")
    docx_heading_styles: bool  # DOCX: Heading1 styles, else bold paragraphs
    docx_tabs: bool  # DOCX: dates after a right-aligned tab on the title line
    labels: dict[str, str]  # contact labels: email, phone, mobile, address
    txt_underline: str | None  # "=" or "-" under plain-text headings
    txt_wrap: int | None  # hard-wrap plain-text paragraphs at this width
    txt_crlf: bool
    txt_encoding: str  # utf-8 | utf-8-sig | cp1252


@dataclass
class SamplePerson:
    """Everything true about one synthetic candidate, before any file is made."""

    index: int
    seed: int
    reference: date
    name: str
    given_name: str
    family_name: str
    gender: str  # "f" | "m": only to agree French/Spanish/Portuguese adjectives
    culture: str
    country: str  # ISO 3166 alpha-2: the region for parsing national phone formats
    city: str
    location: str  # "City, Country" or "City, ST", as printed
    address: str | None  # full address line when printed (it then replaces location)
    role_family: str
    title: str  # current title = title of experience[0]
    emails: list[str]
    phones: list[str]  # E.164
    phones_printed: list[str]
    phone_kinds: list[str]  # "mobile" | "phone"
    links: list[str]  # canonical full https URLs
    links_printed: list[str]  # as the person writes them (two-column sidebars shorten them)
    family_skills: list[str]  # canonical, printed order
    languages: list[str]  # canonical spoken languages
    languages_printed: list[str]  # "German (native)"
    printed: dict[str, str]  # canonical -> as printed (differs only in variants mode)
    variant_spellings: dict[str, str]  # printed -> canonical
    summary: str
    credentials_line: str | None
    years_statement: str | None  # "8+ years", "8+ Jahre" ... or None
    years_stated: int | None
    years_from_dates: float
    experience: list[Position]
    education: list[Education]
    traps: list[Trap]
    references_line: str | None
    number_decoys: list[str]
    style: Style

    @property
    def skills(self) -> list[str]:
        return [*self.family_skills, *self.languages]

    @property
    def language(self) -> str:
        return self.style.language

    @property
    def years_experience(self) -> float:
        return float(self.years_stated) if self.years_stated is not None else self.years_from_dates


def month_index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def years_of_experience(
    ranges: Iterable[tuple[tuple[int, int], tuple[int, int] | None]],
    reference: date = REFERENCE_DATE,
) -> float:
    """Total years covered by (start, end) month ranges, overlaps counted once.

    Conventions (the parser's comparison should use the same): a range runs from
    the first day of its start month to the first day of its end month, so
    "Jan 2019 – Mar 2019" is 2 months and "2012 – 2016" is 4 years; a year printed
    alone means January; an open end (None, "present") means the reference date's
    month. The result is rounded to one decimal.
    """
    now = reference.year * 12 + reference.month - 1
    spans = sorted((month_index(s), now if e is None else month_index(e)) for s, e in ranges)
    total, cur_start, cur_end = 0, None, None
    for s, e in spans:
        if e <= s:
            continue
        if cur_end is None or s > cur_end:
            if cur_end is not None:
                total += cur_end - cur_start
            cur_start, cur_end = s, e
        else:
            cur_end = max(cur_end, e)
    if cur_end is not None:
        total += cur_end - cur_start
    return round(total / 12, 1)
