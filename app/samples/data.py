"""The generator's words, names and places, read once from ``resources/samples/``.

The files are plain JSON so that a word list can grow without touching code
(``resources/samples/README.md`` says what each holds). Lists become tuples here:
the tables are shared by every person drawn and must not change while drawing.
Order matters everywhere: person *i* of seed *s* is drawn by position in these lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def load(name: str) -> Any:
    """One data file, with every JSON list as a tuple."""
    return _frozen(json.loads((DATA_DIR / name).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class FamilyText:
    """What one kind of worker writes. Placeholders: {t}/{t2} a tool the person claims,
    {p} an activity they claim, other tool kinds by name ({lang}, {store} ...); numbers
    ({n}, {pct}, {lo}<{hi}, {a}>{b} ...) are drawn per sentence. The wording avoids
    every skill name the person does not claim."""

    titles: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # senior, mid, junior
    summary: tuple[str, ...]
    closing: tuple[str, ...]
    domain: str  # "N+ years of experience in <domain>"
    tool: tuple[str, ...]
    practice: tuple[str, ...]
    plain: tuple[str, ...]
    decoy: tuple[str, ...]  # sentences carrying numbers that are not phone numbers
    degrees: tuple[str, ...]
    employer: str  # which kind of employer name fits


@dataclass(frozen=True)
class Culture:
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]  # "Masc/Fem" where the family name has a gender, "Stem*" patronyms
    countries: dict[str, float]
    native: str | None  # a spoken-language skill, or None if the pool has none
    double_family: float = 0.0  # Spanish/Portuguese style two family names
    double_joiner: str = " "


@dataclass(frozen=True)
class City:
    name: str  # as locals write it
    en: str | None  # English exonym, if English resumes often use one
    region: str | None  # US state / Canadian province / Australian state
    landline: tuple[str, ...]  # phone patterns (national significant number)
    postcode: str  # postcode pattern, see helpers.expand()


@dataclass(frozen=True)
class Country:
    iso: str
    name_en: str
    name_local: str
    lang: str | None  # resume language when not English (de/fr/es/pt/pl/it/nl), else None
    cities: tuple[City, ...]
    mobile: tuple[str, ...]
    legal: tuple[str, ...]  # company suffixes
    institutions: tuple[str, ...]
    address: str | None  # "{street} {num}, {postcode} {city}" style template, None = none
    streets: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrapTemplate:
    """A phrase that reads like a skill but is not one ("react quickly"), for variants mode."""

    phrase: str
    imitates: tuple[str, ...]  # the skills it looks like
    families: tuple[str, ...] | None  # role families it fits; None: any
    place: str  # summary | bullet
    sentence: str  # the sentence around it; {year} is filled the same in both


def _family_text(raw: dict[str, Any]) -> FamilyText:
    titles = raw["titles"]
    texts = ("summary", "closing", "domain", "tool", "practice", "plain", "decoy", "degrees")
    return FamilyText(
        titles=(titles["senior"], titles["mid"], titles["junior"]),
        employer=raw["employer"],
        **{k: raw[k] for k in texts},
    )


def _country(iso: str, raw: dict[str, Any]) -> Country:
    cities = tuple(City(**c) for c in raw["cities"])
    return Country(iso=iso, **{**raw, "cities": cities})


_families = load("families.json")
FAMILY_TEXT: dict[str, FamilyText] = {k: _family_text(v) for k, v in _families.items()}
FAMILY_WEIGHTS: dict[str, float] = {k: v["weight"] for k, v in _families.items()}
FAMILY_SKILLS: dict[str, tuple[str, ...]] = {k: v["skills"] for k, v in _families.items()}
# Most resumes of a family name at least one of these; pure random picks gave
# software engineers without a programming language.
CORE_SKILLS: dict[str, tuple[str, ...]] = {k: v["core_skills"] for k, v in _families.items()}
# What kind of tool a skill is, per family, so a template asks for the right one
# ("an event pipeline on {queue}" gets Kafka, never Jenkins).
TOOL_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    k: v["tool_kinds"] for k, v in _families.items()
}

SKILLS: dict[str, Any] = load("skills.json")

_prose = load("prose.json")
# Bullets and summaries for resumes written in another language: generic enough to
# fit every family (the person's skills fill the slots).
PROSE_BY_LANGUAGE: dict[str, dict[str, tuple[str, ...]]] = _prose["by_language"]
GENDERED: dict[str, dict[str, tuple[str, str]]] = _prose["gendered"]  # word: (female, male)

# Names from many cultures (diacritics, apostrophes, particles, double and hyphenated
# names) and where they tend to live. No name is also a skill or a technology.
CULTURES: dict[str, tuple[float, Culture]] = {
    k: (v["weight"], Culture(**{f: x for f, x in v.items() if f != "weight"}))
    for k, v in load("names.json").items()
}
# Phone patterns: digits literal, x = 0-9, N = 2-9, M = 1-9, [..] = one of a set.
# UK, FR and AU numbers come from ranges their regulators reserve for drama.
COUNTRIES: dict[str, Country] = {k: _country(k, v) for k, v in load("places.json").items()}

LOCALE: dict[str, Any] = load("locale.json")
TRAPS: tuple[TrapTemplate, ...] = tuple(TrapTemplate(**t) for t in load("traps.json"))
EMPLOYERS: dict[str, Any] = load("employers.json")
