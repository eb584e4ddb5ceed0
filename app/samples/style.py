"""How a person dresses their resume: headings, dates, separators, fonts.

Drawn once per person (not per file), so the same person looks like the same
author in every format, and a renderer never has to draw a random number.
"""

from __future__ import annotations

import random

from app.samples.data import LOCALE, Country
from app.samples.helpers import weighted
from app.samples.model import Style

_TECH = frozenset({"software", "frontend", "data", "design"})
_ACCENTS = ("#1f4e79", "#2e6b4f", "#7a2e39", "#444444", "#5b3f8c", "#0f6e76", "#8a5a00")
# Shares of date styles per resume language ("Mar 2019", "03/2019", "2019" ...).
_DATE_STYLES = {
    "en": {"mon": 30, "full": 12, "dotted": 12, "slash": 20, "iso": 6, "year": 20},
    "de": {"slash": 35, "dot": 15, "mon": 15, "full": 15, "year": 20},
}
_OTHER_DATE_STYLES = {"slash": 35, "mon": 25, "full": 20, "year": 20}
_SECTION_ORDERS = (
    ("summary", "experience", "education", "skills", "languages"),
    ("summary", "skills", "experience", "education", "languages"),
    ("summary", "experience", "skills", "education", "languages"),
    ("summary", "experience", "education", "languages", "skills"),
)
_CONTACT_ORDERS = (
    ("location", "email", "phone", "links"),
    ("email", "phone", "location", "links"),
    ("phone", "email", "links", "location"),
)
_HEADED = ("summary", "experience", "education", "skills", "languages", "contact", "references")


def _headings(rng: random.Random, lang: str, role: str) -> dict[str, str]:
    table = LOCALE["headings"][lang]
    headings = {
        kind: rng.choice(table["skills_tech" if kind == "skills" and role in _TECH else kind])
        for kind in _HEADED
    }
    if rng.random() < 0.25:  # "WORK EXPERIENCE": the truth records headings as printed
        headings = {k: v.upper() for k, v in headings.items()}
    return headings


def make_style(rng: random.Random, lang: str, role: str, country: Country) -> Style:
    headings = _headings(rng, lang, role)
    date_style = weighted(rng, _DATE_STYLES.get(lang, _OTHER_DATE_STYLES))
    separators = (" – ", " - ", " — ", "–", LOCALE["range_word"][lang])
    separator = rng.choices(separators, (40, 30, 8, 10, 12))[0]
    if date_style == "iso" and separator == " - ":
        separator = " – "
    verbosity = rng.choices((0.8, 1.3, 2.0, 3.0, 4.0), (28, 32, 20, 12, 8))[0]
    skills_separator = rng.choice((", ", " · ", " | ", " • ", None))
    if verbosity >= 2 and rng.random() < 0.6:
        skills_separator = None  # long CVs list skills one per line
    return Style(
        language=lang,
        headings=headings,
        order=rng.choice(_SECTION_ORDERS),
        summary_heading=rng.random() < 0.8,
        contact_order=rng.choice(_CONTACT_ORDERS),
        contact_separator=rng.choice((" | ", " · ", " • ", "  |  ", " – ")),
        contact_labels=rng.random() < 0.35,
        contact_multiline=rng.random() < 0.3,
        date_style=date_style,
        range_separator=separator,
        present=rng.choice(LOCALE["present"][lang]),
        since=rng.choice(LOCALE["since"][lang]) if rng.random() < 0.25 else None,
        bullet=rng.choice(("•", "•", "-", "–", "▪", "*")),
        job_header=rng.choice(
            ("title_first", "title_first", "employer_first", "dates_first", "one_line")
        ),
        dates_right=rng.random() < 0.4,
        skills_separator=skills_separator,
        languages_separator=rng.choice((", ", " · ", None)),
        font=rng.choices(("sans", "serif", "core"), (45, 20, 35))[0],
        accent=rng.choice(_ACCENTS),
        page="Letter" if country.iso in ("US", "CA") else "A4",
        # The longest CVs (three pages) also tend to be set loosely.
        base_size=rng.choice((9.5, 10.0, 10.0, 10.5, 11.0) if verbosity < 4 else (10.5, 11.0)),
        line_height=rng.choice((118, 125, 130, 140) if verbosity < 4 else (130, 140)),
        verbosity=verbosity,
        qt_lists=rng.random() < 0.5,
        rl_core_bullets=rng.random() < 0.4,
        docx_heading_styles=rng.random() < 0.5,
        docx_tabs=rng.random() < 0.5,
        labels={k: rng.choice(v) for k, v in LOCALE["labels"][lang].items()},
        txt_underline=rng.choice(("=", "-", None, None)),
        txt_wrap=rng.choice((None, None, 80, 100)),
        txt_crlf=rng.random() < 0.25,
        txt_encoding=rng.choices(("utf-8", "utf-8-sig", "cp1252"), (80, 10, 10))[0],
    )


def format_month(style: str, lang: str, y: int, m: int) -> str:
    months = LOCALE["months"][lang]
    if style == "mon":
        return f"{months['short'][m - 1]} {y}"
    if style == "full":
        return f"{months['full'][m - 1]} {y}"
    if style == "dotted":  # English "Mar." style: May, June and July are not abbreviated
        return f"{LOCALE['en_dotted'][m - 1]} {y}"
    if style == "slash":
        return f"{m:02d}/{y}"
    if style == "dot":
        return f"{m:02d}.{y}"
    if style == "iso":
        return f"{y}-{m:02d}"
    return str(y)


def format_range(st: Style, start: tuple[int, int], end: tuple[int, int] | None) -> str:
    a = format_month(st.date_style, st.language, *start)
    if end is None and st.since:
        return f"{st.since} {a}"
    b = st.present if end is None else format_month(st.date_style, st.language, *end)
    return f"{a}{st.range_separator}{b}"
