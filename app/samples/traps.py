"""Traps for variants mode: phrases that look like skills the person does not have.

"react quickly", "no experience with Kubernetes yet", "R. Novak as reference": a
matcher that finds a skill in them is wrong, and the truth records each trap with
the skills it imitates. Traps draw only from the variants stream.
"""

from __future__ import annotations

import random
from datetime import date

from app.samples.data import EMPLOYERS, LOCALE, TRAPS
from app.samples.model import Position, Trap
from app.samples.skills import FAMILY_SKILLS

# (phrase, skills it imitates, where it goes, the sentence around it)
_Pick = tuple[str, tuple[str, ...], str, str]


def _picks(vrng: random.Random, lang: str, role: str, claimed: set[str]) -> list[_Pick]:
    picks: list[_Pick] = []
    if lang == "en":
        fitting = [
            t
            for t in TRAPS
            if (t.families is None or role in t.families) and not set(t.imitates) & claimed
        ]
        count = min(len(fitting), vrng.randint(1, 3))
        picks += [(t.phrase, t.imitates, t.place, t.sentence) for t in vrng.sample(fitting, count)]
    unclaimed = [s for s in FAMILY_SKILLS[role] if s not in claimed and len(s) > 3]
    if unclaimed and vrng.random() < 0.4:
        skill = vrng.choice(unclaimed)
        negation = LOCALE["negation"][lang]
        phrase = negation["phrase"].replace("{skill}", skill)
        picks.append((phrase, (skill,), "summary", negation["sentence"].replace("{skill}", skill)))
    if "R" not in claimed and (lang != "en" or vrng.random() < 0.3) and vrng.random() < 0.5:
        reference = LOCALE["reference"][lang]
        picks.append((reference["phrase"], ("R",), "references", reference["sentence"]))
    return picks


def add_traps(
    vrng: random.Random,
    lang: str,
    role: str,
    claimed: set[str],
    summary: list[str],
    jobs: list[Position],
    reference: date,
) -> tuple[list[Trap], str | None]:
    """Place traps in the summary sentences and job bullets (both changed in place);
    returns the traps and the references line, if one was drawn."""
    slots = {"ref_name": vrng.choice(EMPLOYERS["referees"])}
    traps: list[Trap] = []
    references_line = None
    for phrase, imitates, place, sentence in _picks(vrng, lang, role, claimed):
        job = jobs[vrng.randrange(min(3, len(jobs)))]
        if place == "bullet":  # "in spring 2021" falls within that job
            last = min((job.end or (reference.year, 1))[0], reference.year - 1)
            slots["year"] = str(vrng.randint(min(job.start[0], last), last))
        phrase, sentence = phrase.format(**slots), sentence.format(**slots)
        if place == "summary":
            summary.insert(-1, sentence)
        elif place == "references":
            references_line = sentence
        else:
            job.bullets.insert(vrng.randint(0, len(job.bullets)), sentence)
        traps += [Trap(phrase, skill) for skill in imitates]
    return traps, references_line
