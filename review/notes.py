"""The person-first note: *what this person brings* and *why not this role, now*.

Checked for substance, for something specific to this person (something only their
resume or the reviewer's notes could give: :func:`review.wording.note_specificity`),
for originality (not a copy of the reviewer's earlier notes) and against bare labels
("not a fit").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from review.db import Store
from review.messages import normalise, words
from review.people import load_person, relationship_notes
from review.ranking import person_text
from review.wording import Known, known_about, note_specificity

MIN_BRINGS_WORDS = 12
MIN_WHY_NOT_WORDS = 6
COPY_SIMILARITY = 85


# Kept as text, one string each: these are word lists, not code.
_BARE_LABELS = frozenset(
    "not a fit|no fit|bad fit|poor fit|not a good fit|not suitable|unsuitable|unqualified|"
    "not qualified|underqualified|overqualified|n/a|na|none|no|reject|rejected|decline|declined|"
    "pass|no thanks|not good|not good enough|weak|meh|nope|not interested|-|...|x|?|tbd".split("|")
)


@dataclass
class Check:
    code: str
    ok: bool
    message: str
    part: str = "note"  # brings, why_not, note


@dataclass
class PersonContext:
    """What the checks know about the person, to tell a specific note from a generic one."""

    person_id: int
    first_name: str
    skills: list[str] = field(default_factory=list)
    text: str = ""
    details: list[str] = field(default_factory=list)  # employers, titles, relationship notes…
    known: Known | None = None  # what note_specificity reads: resume with sections, notes


def person_context(store: Store, person_id: int) -> PersonContext:
    person = load_person(store, person_id)
    if person is None:
        raise LookupError(f"no person with id {person_id}")
    text, _spans = person_text(store, person_id)
    notes = [note["text"] for note in relationship_notes(store, person_id)]
    details = [person.title or ""] + [e.get("institution") or "" for e in person.education]
    return PersonContext(
        person_id,
        person.first_name,
        person.skills,
        text,
        [d for d in details + notes if d],
        known_about(store, person_id),
    )


def _known(context: PersonContext) -> Known:
    """What the specificity check reads, for a context made without a store (tests, tools)."""
    if context.known is not None:
        return context.known
    return Known(
        first_name=context.first_name,
        resume=context.text,
        skills=list(context.skills),
        titles=context.details[:1],
        notes=context.details[1:],
    )


def _copied_from(brings: str, why_not: str, earlier: list[tuple[str, str]]) -> float | None:
    """How alike the note is to the first earlier note it nearly copies, if any."""
    mine = normalise(brings + " " + why_not)
    for old_brings, old_why in earlier:
        theirs = normalise(old_brings + " " + old_why)
        similarity = max(
            fuzz.ratio(mine, theirs), fuzz.ratio(normalise(brings), normalise(old_brings))
        )
        if similarity >= COPY_SIMILARITY:
            return similarity
    return None


def check_note(
    brings: str,
    why_not: str,
    context: PersonContext,
    earlier: list[tuple[str, str]] = (),  # type: ignore[assignment]
    suggestion: str | None = None,
) -> list[Check]:
    """Every check of the note, passed or not, with a clear and kind message."""
    b_words, w_words = words(brings), words(why_not)
    label_b, label_w = normalise(brings).strip(" .!"), normalise(why_not).strip(" .!")
    copied = _copied_from(brings, why_not, earlier)
    specific = note_specificity(brings, _known(context))
    checks = [
        Check(
            "brings_label",
            label_b not in _BARE_LABELS,
            "“What this person brings” needs sentences about them, not a label.",
            "brings",
        ),
        Check(
            "why_not_label",
            label_w not in _BARE_LABELS,
            f"“{why_not.strip()}” is a label, not a reason: say what about this role, now, "
            "does not fit.",
            "why_not",
        ),
        Check(
            "brings_length",
            len(b_words) >= MIN_BRINGS_WORDS,
            f"Say a little more about what they bring: {len(b_words)} of at least "
            f"{MIN_BRINGS_WORDS} words.",
            "brings",
        ),
        Check(
            "why_not_length",
            len(w_words) >= MIN_WHY_NOT_WORDS,
            f"Why not this role, now? {len(w_words)} of at least {MIN_WHY_NOT_WORDS} words.",
            "why_not",
        ),
        Check("specific", specific.specific, specific.reason, "brings"),
        Check(
            "original",
            copied is None,
            f"This note is {copied:.0f}% like one you wrote before: each person deserves their "
            "own words."
            if copied
            else "Your own words.",
            "note",
        ),
    ]
    if suggestion:
        similarity = fuzz.ratio(normalise(brings), normalise(suggestion))
        checks.append(
            Check(
                "not_the_suggestion",
                similarity < COPY_SIMILARITY,
                "The note repeats Shortlist's suggestion: use it as a start and make it yours.",
                "brings",
            )
        )
    return checks


def own_earlier_notes(
    store: Store, author: str, exclude_person: int | None = None
) -> list[tuple[str, str]]:
    """This reviewer's recent notes about other people: a new note must not copy one."""
    rows = store.conn.execute(
        "SELECT brings, why_not FROM disposition_notes WHERE author = ? AND person_id IS NOT ? "
        "ORDER BY id DESC LIMIT 500",
        (author, exclude_person),
    )
    return [(b, w) for b, w in rows]


def suggestion_for(context: PersonContext, strengths: list[str]) -> str:
    """The dialog's starting point: the matched strengths, in a sentence to rewrite."""
    if not strengths:
        return ""
    listed = ", ".join(strengths[:-1]) + (" and " if len(strengths) > 1 else "") + strengths[-1]
    return f"{context.first_name or 'They'} brings experience with {listed}."
