"""The sentences of a resume: bullets and decoys, filled from a person's skills.

A template's slots are filled in sorted order and its numbers drawn in the order
the template uses them, so the same person always reads the same.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from app.samples.data import PROSE_BY_LANGUAGE, City, Country, FamilyText
from app.samples.helpers import thousands
from app.samples.skills import CREDENTIALS, PRACTICE_PHRASE, PRACTICES, STANDARDS, TOOL_KINDS

NUMBER_KEYS = frozenset(
    {"po", "inc", "ref", "deal", "cid", "cons", "job", "ver", "units", "sqm", "year"}
)


class _LazySlots(dict):  # type: ignore[type-arg]
    """Template values: the given slots, and numbers drawn only for the fields a
    template actually uses, in the order it uses them."""

    def __init__(self, slots: dict[str, str], filler: Filler) -> None:
        super().__init__()
        self.slots, self.filler = slots, filler

    def __missing__(self, key: str) -> str:
        value = self.slots[key] if key in self.slots else self.filler.number(key)
        self[key] = value
        return value


_ARTICLE = re.compile(r"\b([Aa]) (?=8|1[18](?!\d))")


class Filler:
    """Fills sentence templates with the person's skills and plausible numbers."""

    def __init__(self, rng: random.Random, lang: str, years: tuple[int, int]) -> None:
        self.rng, self.lang, self.years = rng, lang, years
        self.produced: dict[str, str] = {}

    def number(self, key: str) -> str:
        r = self.rng
        gen: dict[str, Any] = {
            "n": lambda: r.randint(3, 30),
            "few": lambda: r.randint(2, 6),
            "pct": lambda: r.randint(10, 45),
            "lo": lambda: r.randint(55, 80),
            "hi": lambda: r.randint(84, 97),
            "a": lambda: r.randint(6, 12),
            "b": lambda: r.randint(2, 5),
            "ms_a": lambda: r.randint(300, 900),
            "ms_b": lambda: r.randint(60, 250),
            "k": lambda: r.randint(40, 900),
            "m": lambda: r.randint(2, 90),
            "beds": lambda: r.randint(18, 40),
            "rooms": lambda: r.randint(60, 350),
            "seats": lambda: r.randint(40, 160),
            "covers": lambda: r.randint(80, 400),
            "sec_a": lambda: f"{r.randint(35, 60) / 10:.1f}",
            "sec_b": lambda: f"{r.randint(12, 30) / 10:.1f}",
            "sc_a": lambda: f"{r.randint(36, 41) / 10:.1f}",
            "sc_b": lambda: f"{r.randint(43, 49) / 10:.1f}",
            "units": lambda: thousands(r.randint(12, 480) * 100, self.lang),
            "sqm": lambda: thousands(r.randint(5, 60) * 1000, self.lang),
            "ver": lambda: f"{r.randint(1, 9)}.{r.randint(0, 24)}.{r.randint(0, 9)}",
            "inc": lambda: f"INC{r.randint(100000, 9999999):07d}",
            "po": lambda: f"45{r.randint(0, 99999999):08d}",
            "ref": lambda: r.choice(
                (f"{r.randint(2015, 2026)}/{r.randint(1, 9999):04d}", f"FC-{r.randint(1000, 9999)}")
            ),
            "deal": lambda: f"#{r.randint(10000, 99999)}",
            "cid": lambda: f"CMP-{r.randint(100, 999)}-{r.randint(10, 99)}",
            "cons": lambda: f"{r.choice(('MSKU', 'TGHU', 'CMAU'))}{r.randint(1000000, 9999999)}",
            "job": lambda: f"{r.randint(1000, 9999)}-{r.randint(1, 9999):04d}",
            "year": lambda: r.randint(*self.years),
        }
        value = str(gen[key]())
        self.produced[key] = value
        return value

    def fill(self, template: str, slots: dict[str, str]) -> str:
        self.produced = {}
        text = template.format_map(_LazySlots(slots, self))
        if self.lang == "en":  # "an 18-bed ward", "an 8% rise", "an 11,000 m² site"
            text = _ARTICLE.sub(r"\1n ", text)
        return text


@functools.cache
def template_fields(template: str) -> frozenset[str]:
    return frozenset(re.findall(r"\{(\w+)\}", template))


@dataclass
class Draft:
    """Working state while a person is drawn."""

    rng: random.Random
    lang: str
    gender: str
    country: Country
    city: City
    role: str  # the role family: software, healthcare ...
    text: FamilyText
    skills: list[str] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)
    used: dict[str, int] = field(default_factory=dict)  # template -> times used in this resume
    pools: dict[str, list[str]] = field(default_factory=dict)  # slot name -> fitting skills
    fits: dict[str, bool] = field(default_factory=dict)  # template -> can be filled


def _pick_skill(d: Draft, pool: list[str]) -> str | None:
    """Prefer skills no sentence has mentioned yet, so bullets spread across the list."""
    if not pool:
        return None
    fresh = [s for s in pool if s not in d.mentioned]
    skill = d.rng.choice(fresh or pool)
    d.mentioned.add(skill)
    return skill


def _least_used(d: Draft, templates: Sequence[str], avoid: Iterable[str] = ()) -> str | None:
    """A template this resume has used least, never one already used in this job."""
    avoid = set(avoid)
    usable = [t for t in templates if t not in avoid]
    if not usable:
        return None
    fewest = min(d.used.get(t, 0) for t in usable)
    template = d.rng.choice([t for t in usable if d.used.get(t, 0) == fewest])
    d.used[template] = d.used.get(template, 0) + 1
    return template


def sentence(d: Draft, kind: str, filler: Filler, job_used: set[str]) -> str | None:
    """One bullet of the given kind (tool|practice|plain), or None if it cannot be filled."""
    local = d.lang != "en"
    templates = PROSE_BY_LANGUAGE[d.lang][kind] if local else getattr(d.text, kind)
    if not d.pools:
        tools = [s for s in d.skills if s not in PRACTICES and s not in CREDENTIALS]
        standards = [s for s in d.skills if s in STANDARDS]
        d.pools = {
            "t": tools,
            "t2": tools,
            "std": standards,
            "p": [s for s in d.skills if s in PRACTICES and s not in standards],
            **{
                tag: [s for s in d.skills if s in members]
                for tag, members in TOOL_KINDS[d.role].items()
            },
        }
    pools = d.pools

    def fillable(template: str) -> bool:
        # Every slot needs a skill of its kind, and slots sharing a pool need distinct ones.
        if template not in d.fits:
            slots = [f for f in template_fields(template) if f in pools]
            d.fits[template] = all(
                pools[g] and len(pools[g]) >= sum(1 for f in slots if pools[f] is pools[g])
                for g in slots
            )
        return d.fits[template]

    template = _least_used(d, [t for t in templates if fillable(t)], job_used)
    if template is None:
        return None
    job_used.add(template)
    slots: dict[str, str] = {}
    taken: set[str] = set()
    for f in sorted(template_fields(template) & set(pools)):  # sorted: set order must not matter
        skill = _pick_skill(d, [s for s in pools[f] if s not in taken]) or ""
        taken.add(skill)
        text = d.printed[skill]
        phrase = PRACTICE_PHRASE.get(skill, "{}") if f == "p" and not local else "{}"
        slots[f] = phrase.format(text)
    return filler.fill(template, slots)


def decoy(d: Draft, filler: Filler) -> tuple[str, list[str]]:
    """A sentence with numbers that are not phone numbers, checked with phonenumbers."""
    templates = PROSE_BY_LANGUAGE[d.lang]["decoy"] if d.lang != "en" else d.text.decoy
    first = _least_used(d, templates) or templates[0]
    # In some regions (India, Mexico) any ten digits pass for a phone number: after a
    # few tries with one sentence, fall back to the others.
    for template in (first, *[t for t in templates if t != first]):
        for _ in range(12):
            text = filler.fill(template, {})
            if not any(True for _m in phonenumbers.PhoneNumberMatcher(text, d.country.iso)):
                return text, [v for k, v in filler.produced.items() if k in NUMBER_KEYS]
    raise RuntimeError("could not draw a decoy sentence that is not a phone number")
