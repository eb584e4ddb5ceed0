"""Who a generated person is: name, culture, country, city, resume language, role."""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.samples.data import (
    COUNTRIES,
    CULTURES,
    FAMILY_TEXT,
    FAMILY_WEIGHTS,
    City,
    Country,
    Culture,
    FamilyText,
)
from app.samples.helpers import weighted
from app.samples.model import Style
from app.samples.style import make_style

_LOCAL_LANGUAGE_SHARE = 0.45  # of people in DE/AT/CH/FR/ES/MX/PT/BR: ~15 % of everyone


@dataclass
class Identity:
    """Who the person is and where they live: everything drawn before their career."""

    culture_key: str
    culture: Culture
    gender: str
    given: str
    family_name: str
    name: str
    country: Country
    city: City
    lang: str
    role: str
    text: FamilyText
    style: Style
    city_shown: str
    country_shown: str


def _family_name(rng: random.Random, culture: Culture, gender: str) -> str:
    def one() -> str:
        raw = rng.choice(culture.family)
        if "/" in raw:  # Polish: Kowalski / Kowalska
            masc, fem = raw.split("/")
            return fem if gender == "f" else masc
        if raw.endswith("*"):  # Icelandic patronymic / matronymic
            return raw[:-1] + ("dóttir" if gender == "f" else "son")
        return raw

    first = one()
    if rng.random() < culture.double_family:
        second = one()
        if second != first:
            return f"{first}{rng.choice((culture.double_joiner,) * 5 + ('-',))}{second}"
    return first


def city_name(rng: random.Random, city: City, lang: str) -> str:
    return city.en if lang == "en" and city.en and rng.random() < 0.7 else city.name


def draw_identity(rng: random.Random) -> Identity:
    culture_key = weighted(rng, {k: w for k, (w, _) in CULTURES.items()})
    culture = CULTURES[culture_key][1]
    gender = rng.choice("fm")
    given = rng.choice(culture.female if gender == "f" else culture.male)
    family_name = _family_name(rng, culture, gender)
    country = COUNTRIES[weighted(rng, culture.countries)]
    city = rng.choice(country.cities)
    lang = country.lang if country.lang and rng.random() < _LOCAL_LANGUAGE_SHARE else "en"
    family_first = country.iso == "VN" and rng.random() < 0.5
    name = f"{family_name} {given}" if family_first else f"{given} {family_name}"
    role = weighted(rng, FAMILY_WEIGHTS)
    style = make_style(rng, lang, role, country)
    city_shown = city_name(rng, city, lang)
    country_shown = country.name_en if lang == "en" else country.name_local
    return Identity(
        culture_key=culture_key,
        culture=culture,
        gender=gender,
        given=given,
        family_name=family_name,
        name=name,
        country=country,
        city=city,
        lang=lang,
        role=role,
        text=FAMILY_TEXT[role],
        style=style,
        city_shown=city_shown,
        country_shown=country_shown,
    )
