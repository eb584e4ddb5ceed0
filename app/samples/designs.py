"""Designs that imitate what office tools and design sites make, decided per person.

The generator's own layouts print the name across the top. Real resumes often
do not: Word and Canva templates put the contact details in a narrow sidebar
that is read first, wrap long addresses inside it, set the name in capitals,
letter-spaced, on two lines, or the surname first; Europass puts a label
column beside the name. These designs (drawn by :mod:`app.samples.render.designs`):

* ``sidebar_left`` / ``sidebar_right``: a narrow sidebar (coloured or not) with
  icons before the contact details, skills and languages; the name large at the
  top of the main column;
* ``sidebar_name``: the name at the top of the sidebar, on two lines when it fits;
* ``banner``: a Canva-style banner, the name centred (often letter-spaced), a row
  of contact items with icons, two columns below;
* ``label_column``: Europass / Word-table style, headings in a left label column,
  "PERSONAL INFORMATION" on the row of the name;
* ``titled``: "CURRICULUM VITAE" / "Lebenslauf" set large above the name.

About a third of them are printed as a browser prints HTML: a long address is broken at
any letter where the column ends ("maximilian.musterm" / "ann@gmail.com"), and the
address carries no mailto: link that would tell how the pieces belong together.

Everything random about a design is decided here, from the person's own stream,
so the renderer draws no random number and the truth knows what was printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.samples.model import SamplePerson

DESIGNS = ("sidebar_left", "sidebar_right", "sidebar_name", "banner", "label_column", "titled")
TWO_COLUMN = {"sidebar_left", "sidebar_right", "sidebar_name", "banner"}
# How a name is printed: as written, in capitals, surname in capitals, surname first (in
# capitals), given name and surname on two lines, letter-spaced capitals.
NAME_FORMS = ("natural", "caps", "surname_caps", "surname_first", "two_line", "spaced")
_FORMS_FOR = {
    "sidebar_name": ("two_line", "caps", "spaced"),
    "banner": ("spaced", "spaced", "caps", "surname_caps"),
    "titled": ("surname_caps", "surname_first", "natural"),
}


@dataclass(frozen=True)
class Design:
    name: str  # one of DESIGNS
    name_form: str  # one of NAME_FORMS
    name_lines: tuple[str, ...]  # the name as drawn, a string per line
    name_read: str  # the name as a reader writes it from the page, in printed order
    heading_style: str  # plain | caps | spaced
    icons: bool  # icon glyphs before contact details
    filled: bool  # a coloured sidebar (white type) or a plain one
    sidebar_share: float  # the sidebar's share of the page width
    photo: bool  # a photo placeholder at the top of the sidebar
    # Printed as a browser prints HTML: a word too long for a line is broken at whatever
    # letter reaches the edge (CSS overflow-wrap), and e-mail addresses are plain text, not links.
    browser: bool = False

    @property
    def spaced_name(self) -> bool:
        return self.name_form == "spaced"


def design_for(p: SamplePerson, design: str) -> Design:
    """The design ``design`` as it comes out for this person (deterministic)."""
    if design not in DESIGNS:
        raise ValueError(f"unknown design {design!r}; use one of {DESIGNS}")
    rng = random.Random(f"shortlist-samples:{p.seed}:{p.index}:design:{design}")
    form = rng.choice(_FORMS_FOR.get(design, NAME_FORMS))
    lines, read = printed_name(p, form)
    return Design(
        name=design,
        name_form=form,
        name_lines=lines,
        name_read=read,
        heading_style=rng.choice(("plain", "caps", "spaced")),
        icons=rng.random() < 0.7,
        filled=rng.random() < 0.7,
        sidebar_share=rng.uniform(0.27, 0.33),
        photo=rng.random() < 0.5,
        browser=rng.random() < 0.3,  # drawn last: the choices above stay as they were
    )


def design_of(p: SamplePerson) -> str:
    """The design a batch gives this person: each in turn."""
    return DESIGNS[p.index % len(DESIGNS)]


def printed_name(p: SamplePerson, form: str) -> tuple[tuple[str, ...], str]:
    """(lines as drawn, the name as read from them)."""
    given, family = p.given_name, p.family_name
    natural = f"{given} {family}"
    if form == "caps" or form == "spaced":
        return (natural.upper(),), as_read(natural.upper())
    if form == "surname_caps":
        return (f"{given} {family.upper()}",), f"{given} {as_read(family.upper())}"
    if form == "surname_first":
        return (f"{family.upper()} {given}",), f"{as_read(family.upper())} {given}"
    if form == "two_line":
        return (given.upper(), family.upper()), as_read(natural.upper())
    return (natural,), natural


def as_read(caps: str) -> str:
    """A name printed in capitals, as a reader writes it: "O'BRIEN" -> "O'Brien".

    What a page in capitals cannot tell (Weiß printed WEISS, Yılmaz printed
    YILMAZ) is not in the truth either.
    """
    words = []
    for word in caps.split():
        parts = []
        for part in word.split("-"):
            pieces = part.lower().split("'")
            parts.append("'".join(piece[:1].upper() + piece[1:] for piece in pieces))
        words.append("-".join(parts))
    return " ".join(words)
