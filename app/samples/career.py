"""Where a generated person worked and studied: positions newest first, then degrees."""

from __future__ import annotations

import random
from datetime import date

from app.samples.data import EMPLOYERS, Country
from app.samples.identity import Identity, city_name
from app.samples.model import Education, Position
from app.samples.style import format_range

_VOCATIONAL = ("Certificate", "Diploma", "Vocational", "Level", "Associate")


def _employer(rng: random.Random, kind: str, country: Country, lang: str, city: str) -> str:
    names = EMPLOYERS
    prefix = rng.choice(names["prefixes"])
    surname = rng.choice(names["surnames"])
    legal = f" {rng.choice(country.legal)}" if rng.random() < 0.5 else ""
    if kind in ("tech", "business"):
        return f"{prefix} {rng.choice(names[kind])}{legal}"
    if kind == "finance":
        partner = rng.choice(names["partners"])
        template = rng.choice(names["finance"])
        return template.format(prefix=prefix, surname=surname, partner=partner) + legal
    if kind == "health":
        template = rng.choice(names["health"].get(lang, names["health"]["en"]))
        return template.format(prefix=prefix, city=city)
    if kind == "hospitality":
        return rng.choice(names["hospitality"]).format(prefix=prefix)
    if kind == "logistics":
        return f"{prefix} " + rng.choice(names["logistics"]) + legal
    return rng.choice(names["trades"]).format(prefix=prefix, surname=surname)


def _career(rng: random.Random, n_jobs: int, ref: date) -> list[tuple[int, int | None]]:
    """Month-index spans, newest first: mostly back-to-back, some gaps, some overlaps."""
    now = ref.year * 12 + ref.month - 1
    current = rng.random() < 0.85
    cursor = now if current else now - rng.randint(1, 10)
    spans: list[tuple[int, int | None]] = []
    for i in range(n_jobs):
        duration = rng.randint(10, 84) if i == 0 else rng.randint(8, 60)
        start = cursor - duration
        if start < 1988 * 12:
            break
        spans.append((start, None if (i == 0 and current) else cursor))
        r = rng.random()
        if r < 0.6:
            gap = rng.randint(0, 2)
        elif r < 0.88:
            gap = rng.randint(3, 9)
        else:
            gap = -rng.randint(1, 6)  # overlap: a new job began before the old one ended
        cursor = start - gap
    return spans or [(now - 24, None)]


def draw_positions(rng: random.Random, who: Identity, reference: date) -> list[Position]:
    """The career, newest first: titles follow seniority, dates the person's style."""
    style, text = who.style, who.text
    # Long CVs come from long careers: verbose authors get more entries.
    if style.verbosity < 2:
        weights: tuple[int, ...] = (10, 20, 25, 20, 15, 10)
    else:
        weights = (0, 5, 15, 25, 30, 25) if style.verbosity < 4 else (0, 0, 0, 20, 40, 40)
    spans = _career(rng, rng.choices(range(1, 7), weights)[0], reference)
    career_start = spans[-1][0]
    now = reference.year * 12 + reference.month - 1
    jobs: list[Position] = []
    for s, e in spans:
        if style.date_style == "year":
            sy, ey = s // 12, (None if e is None else e // 12)
            if ey is not None and ey <= sy:
                sy = ey - 1
            start, end = (sy, 1), (None if ey is None else (ey, 1))
        else:
            start, end = (s // 12, s % 12 + 1), (None if e is None else (e // 12, e % 12 + 1))
        # Seniority from experience halfway through the job, so a long first job is
        # not an "Apprentice" for seven years.
        months_in = ((e if e is not None else now) + s) // 2 - career_start
        level = 2 if months_in < 20 else 1 if months_in < 84 else 0
        title = rng.choice(text.titles[level])
        job_city = who.city if rng.random() < 0.75 else rng.choice(who.country.cities)
        shown = who.city_shown if job_city is who.city else city_name(rng, job_city, who.lang)
        employer = _employer(rng, text.employer, who.country, who.lang, shown)
        while jobs and (title, employer) == (jobs[-1].title, jobs[-1].employer):
            employer = _employer(rng, text.employer, who.country, who.lang, shown)
        precision = "year" if style.date_style == "year" else "month"
        dates = format_range(style, start, end)
        jobs.append(Position(title, employer, shown, start, end, precision, dates))
    return jobs


def draw_education(rng: random.Random, who: Identity, jobs: list[Position]) -> list[Education]:
    """One or two degrees, ending where the career starts."""
    text, country, city, style = who.text, who.country, who.city, who.style
    end_year = jobs[-1].start[0] - rng.choice((0, 0, 1))
    masters = [g for g in text.degrees if g.startswith(("M", "Master"))]
    firsts = [g for g in text.degrees if g not in masters]
    institution = rng.choice(country.institutions)
    schools = EMPLOYERS["vocational_schools"]
    if country.lang in schools:
        vocational = [t.format(city=city.name) for t in schools[country.lang]]
    else:
        vocational = [t.format(city=who.city_shown) for t in schools["other"]]
    plan: list[tuple[str, int, int]]
    if masters and firsts and rng.random() < 0.3:
        ms = end_year - rng.randint(1, 2)
        be = ms - rng.choice((0, 0, 1))
        plan = [
            (rng.choice(masters), ms, end_year),
            (rng.choice(firsts), be - rng.randint(3, 4), be),
        ]
    else:
        degree = rng.choice(text.degrees)
        length = rng.randint(1, 2) if degree in masters else rng.randint(2, 4)
        plan = [(degree, end_year - length, end_year)]
    only_end = rng.random() < 0.3
    education = []
    for i, (degree, start, end) in enumerate(plan):
        if degree.startswith(_VOCATIONAL):
            school = rng.choice(vocational)
        elif i == 0 or rng.random() < 0.5:
            school = institution
        else:
            school = rng.choice(country.institutions)
        years = str(end) if only_end else f"{start}{style.range_separator}{end}"
        education.append(Education(degree, school, years))
    return education
