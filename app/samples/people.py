"""Drawing people: who they are, where they worked, what they can do, what they wrote.

Person *i* of seed *s* is drawn from its own random stream (``"s:i"``), so
``make_people(200)`` is a prefix of ``make_people(5000)`` and a benchmark can grow
without changing the first files. Variant spellings and traps draw from a second
stream, so the same seed gives the same people with or without variants. The steps
below run in a fixed order: moving a draw from one step to another changes everyone.

Prose is written so that no skill word appears unless the person claims it, except
in deliberate, recorded traps (``variants=True``); ``tests/test_samples.py`` checks
this over many people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from app.samples.career import draw_education, draw_positions
from app.samples.contact import draw_address, draw_contact
from app.samples.data import GENDERED, LOCALE, PROSE_BY_LANGUAGE
from app.samples.identity import Identity, draw_identity
from app.samples.model import REFERENCE_DATE, Position, SamplePerson, Style, years_of_experience
from app.samples.prose import Draft, Filler, decoy, sentence
from app.samples.skills import (
    ALIASES,
    ALL_CANONICAL,
    CORE_SKILLS,
    CREDENTIALS,
    FAMILY_SKILLS,
    LANGUAGE_NAMES,
    LANGUAGE_SKILLS,
    STANDARDS,
    TYPOS,
    implied_by_title,
)
from app.samples.traps import add_traps

_LANGUAGE_OF = {
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "pl": "Polish",
    "it": "Italian",
    "nl": "Dutch",
}
_ENGLISH_COUNTRIES = frozenset({"US", "GB", "IE", "AU", "CA", "NG", "IN"})


def _skills(rng: random.Random, role: str, jobs: list[Position]) -> list[str]:
    """Skills forced by titles, one or two core ones, then the rest at random."""
    pool = list(FAMILY_SKILLS[role])
    chosen = sorted(set().union(*(implied_by_title(j.title) for j in jobs)) & set(pool))
    cores = [c for c in CORE_SKILLS[role] if c in pool and c not in chosen]
    rng.shuffle(cores)
    chosen += cores[: rng.randint(1, 2)]
    rest = [s for s in pool if s not in chosen]
    rng.shuffle(rest)
    chosen += rest[: max(0, min(len(pool), rng.randint(6, 14)) - len(chosen))]
    rng.shuffle(chosen)
    return chosen


def _languages(rng: random.Random, who: Identity) -> tuple[list[str], list[str]]:
    """(spoken languages, their levels as printed): up to three."""
    lang, native = who.lang, who.culture.native
    langs: list[str] = []
    english = "English" if lang == "en" or rng.random() < 0.85 else None
    for candidate in (_LANGUAGE_OF.get(lang), native, english):
        if candidate and candidate not in langs:
            langs.append(candidate)
    target = rng.choices((1, 2, 3), (25, 50, 25))[0]
    while len(langs) < target:
        extra = rng.choice(LANGUAGE_SKILLS)
        if extra not in langs:
            langs.append(extra)
    langs = langs[:3]
    levels = LOCALE["levels"][lang]
    native_english = who.country.iso in _ENGLISH_COUNTRIES - {"IN"} and native in (None, "English")
    printed_levels = []
    for spoken in langs:
        if spoken == native or (spoken == "English" and native_english):
            printed_levels.append(rng.choice(levels["native"]))
        elif spoken in ("English", _LANGUAGE_OF.get(lang)):
            printed_levels.append(rng.choice(levels["fluent"] + levels["good"]))
        else:
            printed_levels.append(rng.choice(levels["good"] + levels["basic"]))
    return langs, printed_levels


def _printed_forms(
    vrng: random.Random, chosen: list[str], langs: list[str], lang: str, variants: bool
) -> tuple[dict[str, str], dict[str, str]]:
    """(canonical -> as printed, printed variant -> canonical): aliases, typos and
    translated language names in variants mode; everything canonical otherwise."""
    printed = {s: s for s in [*chosen, *langs]}
    variant_spellings: dict[str, str] = {}
    if not variants:
        return printed, variant_spellings
    for s in chosen:
        if vrng.random() >= 0.3:
            continue
        aliases = list(ALIASES.get(s, ()))
        typos = list(TYPOS.get(s, ())) if len(s) >= 8 else []
        if not aliases and not typos:
            continue
        use_alias = bool(aliases) and (not typos or vrng.random() < 0.7)
        pick = vrng.choice(aliases if use_alias else typos)
        if pick in ALL_CANONICAL or pick in variant_spellings:
            continue
        printed[s] = pick
        variant_spellings[pick] = s
    for s in langs:
        if lang != "en":
            pick = LANGUAGE_NAMES[lang][s]
        else:
            pick = ALIASES[s][0] if s in ALIASES and vrng.random() < 0.3 else s
        if pick != s:
            printed[s] = pick
            variant_spellings[pick] = s
    return printed, variant_spellings


def _bullets(d: Draft, jobs: list[Position], style: Style, reference: date) -> list[str]:
    """Bullets for every job, then a sentence or two whose numbers must not pass for
    phone numbers; returns those numbers."""
    rng = d.rng
    for i, job in enumerate(jobs):
        years = (job.start[0], (job.end or (reference.year, reference.month))[0])
        filler = Filler(rng, d.lang, years)
        if i < 3:
            per_job = (rng.randint(3, 6), rng.randint(2, 5), rng.randint(2, 4))[i]
        else:
            per_job = rng.randint(1, 3)
        job_used: set[str] = set()
        for _ in range(round(style.verbosity * per_job)):
            kind = rng.choices(("tool", "practice", "plain"), (45, 35, 20))[0]
            text = sentence(d, kind, filler, job_used) or sentence(d, "plain", filler, job_used)
            if text:
                job.bullets.append(text)
    decoys: list[str] = []
    for job in rng.sample(jobs[:3], min(len(jobs[:3]), rng.randint(1, 2))):
        years = (job.start[0], (job.end or (reference.year, reference.month))[0])
        text, numbers = decoy(d, Filler(rng, d.lang, years))
        job.bullets.insert(rng.randint(0, len(job.bullets)), text)
        decoys += numbers
    return decoys


@dataclass
class _Summary:
    sentences: list[str]
    years_statement: str | None
    years_stated: int | None
    credentials_line: str | None


def _summary(
    d: Draft, who: Identity, jobs: list[Position], years: float, reference: date
) -> _Summary:
    """Three skills in context, maybe an explicit "N+ years", a closing line or two."""
    rng, lang, text, printed, chosen = d.rng, who.lang, who.text, d.printed, d.skills
    gendered = {k: v[0 if who.gender == "f" else 1] for k, v in GENDERED.get(lang, {}).items()}
    candidates = [s for s in chosen if s not in CREDENTIALS and s not in STANDARDS]
    if len(candidates) < 3:
        candidates = list(chosen)
    s1, s2, s3 = rng.sample(candidates, 3)
    d.mentioned |= {s1, s2, s3}
    filler = Filler(rng, lang, (reference.year, reference.year))
    local = PROSE_BY_LANGUAGE.get(lang)
    slots = {"title": jobs[0].title, "s1": printed[s1], "s2": printed[s2], "s3": printed[s3]}
    opening = rng.choice(local["summary"] if local else text.summary)
    sentences = [filler.fill(opening, {**slots, **gendered})]
    years_statement, years_stated = None, None
    if rng.random() < 0.30 and years >= 2:
        years_stated = max(1, int(years) + rng.choices((0, -1, 1), (70, 15, 15))[0])
        statement = rng.choice(LOCALE["years_statement"][lang])
        sentences.append(statement.format(n=years_stated, domain=text.domain))
        years_statement = f"{years_stated}+ {LOCALE['years_word'][lang]}"
    closings = list(local["closing"] if local else text.closing)
    rng.shuffle(closings)
    count = 2 if who.style.verbosity >= 2 else 1
    sentences += [filler.fill(c, gendered) for c in closings[:count]]
    creds = [printed[s] for s in chosen if s in CREDENTIALS]
    label = LOCALE["credentials_label"][lang]
    credentials = f"{label} {', '.join(creds)}." if creds else None
    return _Summary(sentences, years_statement, years_stated, credentials)


def _make_person(seed: int, index: int, variants: bool, reference: date) -> SamplePerson:
    rng = random.Random(f"shortlist-samples:{seed}:{index}")
    vrng = random.Random(f"shortlist-samples:{seed}:{index}:variants")
    who = draw_identity(rng)
    d = Draft(rng, who.lang, who.gender, who.country, who.city, who.role, who.text)
    # Career first: titles depend on seniority, skills on titles.
    jobs = draw_positions(rng, who, reference)
    chosen = _skills(rng, who.role, jobs)
    langs, levels = _languages(rng, who)
    printed, variant_spellings = _printed_forms(vrng, chosen, langs, who.lang, variants)
    d.skills, d.printed = chosen, printed
    lang_sep = rng.choice((" ({})", " – {}", ": {}"))
    languages_printed = [
        printed[s] + lang_sep.format(lv) for s, lv in zip(langs, levels, strict=True)
    ]
    decoys = _bullets(d, jobs, who.style, reference)
    years_from_dates = years_of_experience([(j.start, j.end) for j in jobs], reference)
    summary = _summary(d, who, jobs, years_from_dates, reference)
    education = draw_education(rng, who, jobs)
    contact = draw_contact(rng, who.given, who.family_name, who.country, who.city, who.role)
    if who.country.iso == "US":
        location = f"{who.city_shown}, {who.city.region}"
    else:
        location = f"{who.city_shown}, {who.country_shown}"
    address = draw_address(rng, who.country, who.city, who.city_shown, who.country_shown)
    if address:
        decoys.append(address[1])
    traps, references_line = [], None
    if variants:
        claimed = set(chosen) | set(langs)
        traps, references_line = add_traps(
            vrng, who.lang, who.role, claimed, summary.sentences, jobs, reference
        )
    return SamplePerson(
        index=index,
        seed=seed,
        reference=reference,
        name=who.name,
        given_name=who.given,
        family_name=who.family_name,
        gender=who.gender,
        culture=who.culture_key,
        country=who.country.iso,
        city=who.city_shown,
        location=location,
        address=address[0] if address else None,
        role_family=who.role,
        title=jobs[0].title,
        emails=contact.emails,
        phones=contact.phones,
        phones_printed=contact.phones_printed,
        phone_kinds=contact.phone_kinds,
        links=contact.links,
        links_printed=contact.links_printed,
        family_skills=chosen,
        languages=langs,
        languages_printed=languages_printed,
        printed=printed,
        variant_spellings=variant_spellings,
        summary=" ".join(summary.sentences),
        credentials_line=summary.credentials_line,
        years_statement=summary.years_statement,
        years_stated=summary.years_stated,
        years_from_dates=years_from_dates,
        experience=jobs,
        education=education,
        traps=traps,
        references_line=references_line,
        number_decoys=decoys,
        style=who.style,
    )


def make_people(
    n: int, seed: int = 0, variants: bool = False, reference: date = REFERENCE_DATE
) -> list[SamplePerson]:
    """``n`` synthetic people; person *i* depends only on (seed, i, variants, reference).

    ``variants=True`` prints ~30 % of skills as aliases or typos and adds trap
    phrases, for evaluating the matcher; the people themselves stay the same.
    """
    people: list[SamplePerson] = []
    seen: set[str] = set()
    for i in range(n):
        person = _make_person(seed, i, variants, reference)
        # The app links resumes that share an e-mail address as one person, so two
        # different demo people must never share one.
        for j, email in enumerate(person.emails):
            if email in seen:
                local_part, domain = email.split("@")
                person.emails[j] = email = f"{local_part}{i}@{domain}"
            seen.add(email)
        people.append(person)
    return people
