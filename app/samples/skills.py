"""The skills a generated person can claim, and how they may be printed.

Canonical names are the taxonomy's (``resources/skills``), letter for letter:
:func:`names_missing_from` lists any that the taxonomy does not know, and a test
keeps that list empty, so the generator can never claim a skill the parser
cannot name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable

from app.samples.data import CORE_SKILLS, FAMILY_SKILLS, SKILLS, TOOL_KINDS

__all__ = [
    "ALIASES",
    "ALL_CANONICAL",
    "CORE_SKILLS",
    "CREDENTIALS",
    "FAMILY_SKILLS",
    "LANGUAGE_NAMES",
    "LANGUAGE_SKILLS",
    "PRACTICES",
    "PRACTICE_PHRASE",
    "SHORT_TERMS",
    "SOFT_SKILLS",
    "STANDARDS",
    "TOOL_KINDS",
    "TYPOS",
    "implied_by_title",
    "names_missing_from",
    "word_re",
]

LANGUAGE_SKILLS: tuple[str, ...] = SKILLS["languages"]
# Nobody claims these (family skills + spoken languages only), so the prose must
# avoid them; they are listed so the self-checks know to look for them.
SOFT_SKILLS: tuple[str, ...] = SKILLS["soft_skills"]
ALL_CANONICAL: tuple[str, ...] = tuple(
    dict.fromkeys(
        [s for pool in FAMILY_SKILLS.values() for s in pool]
        + list(LANGUAGE_SKILLS)
        + list(SOFT_SKILLS)
    )
)
# Skills that read as activities ("responsible for Wound Care") rather than tools
# ("built services in Go"); credentials are only listed, never used in bullets.
PRACTICES = frozenset(SKILLS["practices"])
CREDENTIALS = frozenset(SKILLS["credentials"])
# Accounting standards are practised, not used: they fill their own slot ({std}).
STANDARDS = ("IFRS", "US GAAP")
# A few activities need a noun after them to read naturally in a sentence.
PRACTICE_PHRASE: dict[str, str] = SKILLS["practice_phrase"]
# Common real aliases, printed instead of the canonical name in variants mode.
ALIASES: dict[str, tuple[str, ...]] = SKILLS["aliases"]
# Realistic misspellings of long names (each within a fuzzy ratio of ~88+).
TYPOS: dict[str, tuple[str, ...]] = SKILLS["typos"]
# Language names as a German/French/Spanish/Portuguese resume prints them
# (variants mode only: otherwise the canonical English name is printed).
LANGUAGE_NAMES: dict[str, dict[str, str]] = SKILLS["language_names"]


def word_re(term: str) -> re.Pattern[str]:
    """Whole-word pattern for a skill name, tolerant of names ending in symbols (C#, .NET)."""
    return re.compile(r"(?<![\w.#+-])" + re.escape(term) + r"(?![\w#+]|\.\w|-\w)")


# Skills whose name (or an alias) appears in a job title: a person with that
# title claims the skill (an "HVAC Technician" has HVAC).
_TITLE_TERMS: list[tuple[str, re.Pattern[str]]] = [
    (canon, word_re(term)) for canon in ALL_CANONICAL for term in (canon, *ALIASES.get(canon, ()))
]
# Titles a fuzzy matcher would read as a skill ("Account Manager" is one letter-run
# away from "Account Management"); the person then claims it, so the truth is fair.
_TITLE_IMPLIES: dict[str, str] = SKILLS["title_implies"]

SHORT_TERMS = frozenset(
    term for canon in ALL_CANONICAL for term in (canon, *ALIASES.get(canon, ())) if len(term) <= 4
)


@functools.cache
def implied_by_title(title: str) -> frozenset[str]:
    found = {canon for canon, rx in _TITLE_TERMS if rx.search(title)}
    return frozenset(found | {skill for t, skill in _TITLE_IMPLIES.items() if t in title})


def names_missing_from(canonical: Container[str]) -> list[str]:
    """Every skill name the generator claims, prints as canonical or reads from a title
    that is not among ``canonical`` (a taxonomy's canonical names), sorted."""
    used: list[Iterable[str]] = [
        ALL_CANONICAL,
        PRACTICES,
        CREDENTIALS,
        ALIASES,
        TYPOS,
        PRACTICE_PHRASE,
        _TITLE_IMPLIES.values(),
        *CORE_SKILLS.values(),
        *(kinds for family in TOOL_KINDS.values() for kinds in family.values()),
    ]
    return sorted({name for group in used for name in group if name not in canonical})
