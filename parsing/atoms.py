"""A resume cut into atoms, in the parse workers: plain Python, no numpy.

An *atom* is a maximal run of ``[\\w+#]``: exactly the characters the phrase
rule treats as part of a word, so a whole-word match is a run of whole atoms
(``C++``, ``C#`` and ``k8s`` are atoms; ``Node.js`` is ``node`` ``.`` ``js``).
Each atom keeps, in one *info byte*, what separates it from the atom before
(spaces, hyphens and slashes, which a phrase may cross; a single dot or
apostrophe, inside ``node.js`` or ``don't``; anything else, which a phrase
never crosses), whether a negation ("no experience with …") governs it, and
the section it sits in. Atoms are compared in lower case (``casefold``),
accents kept, as the regular expression of :mod:`parsing.matching` does.

:func:`payload` is what a worker sends for each resume; :mod:`parsing.terms`
reads it back as arrays and matches phrases over it. Workers import only this
module: numpy would cost each of them ~120 MB of address space (under their
memory cap) and a thread.
"""

from __future__ import annotations

import re
import struct
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from parsing.taxonomy import _negated

ATOM_RE = re.compile(r"[\w+#]+")
_ATOM_SPLIT_RE = re.compile(r"([\w+#]+)")
_FLEX_RE = re.compile(r"[\s\-/]+")
# The info byte of an atom: bits 0-1 the separator before it, bit 2 negated,
# bits 3-7 its section code.
FLEX, DOT, APOSTROPHE, OTHER_GAP = 0, 1, 2, 3
NEGATED = 0x04
# A negation can only govern an atom within 60 characters after one of these words
# (see parsing.taxonomy._negated, which decides); most atoms are never checked.
_NEGATION_CUES = frozenset(
    "no not never without lack lacking zero keine ohne sans aucune sin ninguna sem nenhuma "
    "brak bez senza nessuna geen zonder".split()
)
_NEGATION_REACH = 60

# Section kinds, by a code stored in the index. Append only: codes are on disk.
# tests/test_terms.py checks that every kind parsing.sections knows has a code.
SECTION_NAMES: tuple[str | None, ...] = (
    None,
    "header",
    "summary",
    "experience",
    "education",
    "skills",
    "languages",
    "projects",
    "certifications",
    "awards",
    "publications",
    "references",
    "interests",
    "contact",
    "personal",
    "other",
)
SECTION_CODE = {name: code for code, name in enumerate(SECTION_NAMES)}
UNKNOWN_SECTION = SECTION_CODE["other"]
# Bump it whenever atoms, codes or the payload change, with a migration that calls
# review.term_index.rebuild (payloads of another version waiting at import are read again
# from text).
INDEX_VERSION = 1
# The payload: version, id width, terms, atoms; then the terms' UTF-8 size, the terms
# ("\n"-joined), the term number of each atom (2 or 4 bytes) and the info bytes.
HEAD = struct.Struct("<BBxxII")


def section_code(kind: str | None) -> int:
    return SECTION_CODE.get(kind, UNKNOWN_SECTION)


def gap_class(gap: str) -> int:
    if gap == " " or _FLEX_RE.fullmatch(gap):
        return FLEX
    if gap == ".":
        return DOT
    if gap in ("'", "’"):
        return APOSTROPHE
    return OTHER_GAP


# Separators seen again and again, classified once (and learnt, up to a bound).
_GAP_CLASSES = {
    g: gap_class(g)
    for g in (
        " ",
        "\n",
        ", ",
        ". ",
        ".\n",
        ",\n",
        " - ",
        "-",
        "/",
        " / ",
        ".",
        "'",
        "’",
        ": ",
        ":\n",
        "; ",
        " (",
        ") ",
        "), ",
        " | ",
        " · ",
        "\n\n",
        " & ",
    )
}


def section_finder(spans: Sequence[dict]) -> Callable[[int], str | None]:
    """The section kind at an offset: header before the first section (or with none), None
    between sections."""

    def section(offset: int) -> str | None:
        for span in spans:
            if span["start"] <= offset < span["end"]:
                return span["kind"]
        return "header" if not spans or offset < spans[0]["start"] else None

    return section


@dataclass
class Atoms:
    """One resume's atoms: ``terms[ids[i]]`` is atom i (lower case), ``info[i]`` its info byte."""

    terms: list[str]
    ids: array  # of unsigned ints, one per atom in text order: the position is the index
    info: bytearray
    starts: list[int]  # character offsets of each atom
    ends: list[int]

    def pack(self) -> bytes:
        return pack(self.terms, self.ids, bytes(self.info))


def pack(terms: list[str], ids, info: bytes) -> bytes:
    """The payload of :class:`Atoms` (``ids``: any sequence of ints)."""
    wide = len(terms) > 0xFFFF
    words = "\n".join(terms).encode("utf-8")
    numbers = (
        ids
        if isinstance(ids, array) and ids.itemsize == (4 if wide else 2)
        else array("I" if wide else "H", ids)
    )
    return b"".join(
        (
            HEAD.pack(INDEX_VERSION, 4 if wide else 2, len(terms), len(info)),
            struct.pack("<I", len(words)),
            words,
            numbers.tobytes(),
            info,
        )
    )


def cut(text: str, spans: Sequence[dict]) -> Atoms:
    """One resume as atoms with their separator, section and negation (see the module's notes)."""
    parts = _ATOM_SPLIT_RE.split(text)  # gap, atom, gap, atom, ..., gap
    words = parts[1::2]
    n = len(words)
    if not n:
        return Atoms([], array("H"), bytearray(), [], [])
    gaps = parts[0:-1:2]  # gaps[i] comes before words[i]
    # Lower-case each distinct spelling once; the per-atom work stays in C (map, dict lookups).
    vocab: dict[str, int] = {}
    spelling: dict[str, int] = {}
    for word in dict.fromkeys(words):
        spelling[word] = vocab.setdefault(word.casefold(), len(vocab))
    ids = array("I" if len(vocab) > 0xFFFF else "H", map(spelling.__getitem__, words))
    classes = list(map(_GAP_CLASSES.get, gaps))
    if None in classes:
        for i, c in enumerate(classes):
            if c is None:
                classes[i] = gap_class(gaps[i])
                if len(_GAP_CLASSES) < 10_000:
                    _GAP_CLASSES[gaps[i]] = classes[i]
    classes[0] = FLEX
    lengths = list(map(len, words))
    ends = list(accumulate(map(int.__add__, map(len, gaps), lengths)))
    starts = list(map(int.__sub__, ends, lengths))
    info = bytearray(map(int.__or__, classes, _section_bits(starts, spans)))
    cues = {tid for word, tid in vocab.items() if word in _NEGATION_CUES}
    if cues:
        # Only atoms shortly after a negation word can be negated: ask _negated about those.
        for cue in [i for i, tid in enumerate(ids) if tid in cues]:
            reach = ends[cue] + _NEGATION_REACH
            i = cue + 1
            while i < n and starts[i] < reach:
                if not info[i] & NEGATED and _negated(text, starts[i]):
                    info[i] |= NEGATED
                i += 1
    return Atoms(list(vocab), ids, info, starts, ends)


def _section_bits(starts: list[int], spans: Sequence[dict]) -> list[int]:
    """Each atom's section code, shifted into place: header before the first section (or with
    none), none between sections. Sections do not overlap, so their bounds cut the atoms in runs."""
    n = len(starts)
    header = SECTION_CODE["header"] << 3
    if not spans:
        return [header] * n
    out: list[int] = []
    at = 0
    code = header
    for span in sorted(spans, key=lambda s: s["start"]):
        for bound, after in (
            (span["start"], section_code(span["kind"]) << 3),
            (span["end"], SECTION_CODE[None] << 3),
        ):
            upto = _first_at_or_after(starts, bound, at)
            out.extend([code] * (upto - at))
            at, code = upto, after
    out.extend([code] * (n - at))
    return out


def _first_at_or_after(starts: list[int], offset: int, lo: int) -> int:
    from bisect import bisect_left

    return max(lo, bisect_left(starts, offset, lo))


def payload(text: str | None, spans: Sequence[dict]) -> bytes:
    """What a parse worker sends for the index: the packed atoms of the text (none for a scan)."""
    return cut(text or "", spans).pack()
