"""Every word of a resume, indexed once: phrases and synonyms found without re-reading texts.

A job's taxonomy skills were found at import (``skill_hits``). Everything else a
recruiter types — a phrase criterion ("incident response"), a synonym the
taxonomy does not know ("spreadsheets") — is matched against the atoms the
parse workers cut each resume into (:mod:`parsing.atoms`: words with their
position, separator, section and negation).

A phrase is a sequence of atoms with the separators it needs; its matches in
one person or in ten thousand are found with the same array code
(:func:`match_variants`), so a ranking and the explanation of one person
always agree. Phrases the atoms cannot express exactly ("R&D", ".NET") fall
back to the regular expression on the texts that contain their atoms.

Pure functions; the review layer stores and reads the arrays.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from parsing.atoms import (  # noqa: F401  (re-exported: the names phrase matching speaks in)
    APOSTROPHE,
    ATOM_RE,
    DOT,
    FLEX,
    HEAD,
    INDEX_VERSION,
    NEGATED,
    OTHER_GAP,
    SECTION_CODE,
    SECTION_NAMES,
    Atoms,
    cut,
    gap_class,
    pack,
    payload,
    section_finder,
)

# --- one resume -------------------------------------------------------------------


@dataclass
class ResumeTerms:
    """One resume's atoms: ``terms[ids[i]]`` is atom i (folded), ``info[i]`` its gap, negation and
    section."""

    terms: list[str]
    ids: np.ndarray  # uint32, one per atom, in text order: the position is the index
    info: np.ndarray  # uint8
    starts: np.ndarray | None = (
        None  # character offsets (only when asked for: explaining one person)
    )
    ends: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_atoms(cls, atoms: Atoms, offsets: bool = False) -> ResumeTerms:
        ids = np.frombuffer(
            atoms.ids, dtype=np.uint32 if atoms.ids.itemsize == 4 else np.uint16
        ).astype(np.uint32)
        info = np.frombuffer(bytes(atoms.info), dtype=np.uint8)
        if not offsets:
            return cls(atoms.terms, ids, info)
        return cls(
            atoms.terms, ids, info, np.array(atoms.starts, np.int64), np.array(atoms.ends, np.int64)
        )

    def pack(self) -> bytes:
        """The payload a worker sends and the store keeps until the index takes it in."""
        return pack(self.terms, self.ids.tolist(), self.info.tobytes())

    @classmethod
    def unpack(cls, data: bytes) -> ResumeTerms:
        version, width, n_terms, n_atoms = HEAD.unpack_from(data, 0)
        if version != INDEX_VERSION:
            raise ValueError(f"term index payload of version {version}, expected {INDEX_VERSION}")
        at = HEAD.size
        (size,) = struct.unpack_from("<I", data, at)
        at += 4
        terms = data[at : at + size].decode("utf-8").split("\n") if n_terms else []
        at += size
        dtype = np.uint32 if width == 4 else np.uint16
        ids = np.frombuffer(data, dtype=dtype, count=n_atoms, offset=at).astype(np.uint32)
        at += n_atoms * width
        info = np.frombuffer(data, dtype=np.uint8, count=n_atoms, offset=at)
        return cls(terms, ids, info)

    def postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """term -> (positions, info bytes) of its atoms (computed once)."""
        found = self.__dict__.get("_postings")
        if found is None:
            found = self.__dict__["_postings"] = {}
            if len(self.ids):
                order = np.argsort(self.ids, kind="stable")
                ids = self.ids[order]
                cuts = (np.flatnonzero(np.diff(ids)) + 1).tolist()
                info = self.info[order]
                pos = order.astype(np.int64)
                for a, b in pairwise([0, *cuts, len(ids)]):
                    found[self.terms[int(ids[a])]] = (pos[a:b], info[a:b])
        return found


def index_resume(text: str, spans: Sequence[dict], *, offsets: bool = False) -> ResumeTerms:
    """One resume's atoms as arrays (with their character offsets when asked: to explain one
    person)."""
    return ResumeTerms.from_atoms(cut(text, spans), offsets)


# --- phrases ----------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A phrase as atoms: ``gaps[j]`` is the separator atom j needs before it (``gaps[0]``
    unused)."""

    text: str
    atoms: tuple[str, ...]
    gaps: tuple[int, ...]
    exact: bool  # False: the atoms only find candidates; the regular expression decides

    def __len__(self) -> int:
        return len(self.atoms)


@lru_cache(maxsize=4096)
def compile_phrase(phrase: str) -> Phrase | None:
    """The atoms of a phrase, or None when it has no word at all.

    Matches what :func:`parsing.matching.phrase_pattern` matches: whole words,
    any case, any run of spaces, hyphens and slashes between the words.
    """
    atoms: list[str] = []
    gaps: list[int] = []
    exact = True
    for word in (w for w in re.split(r"[\s\-/]+", phrase.strip()) if w):
        found = list(ATOM_RE.finditer(word))
        if not found:
            exact = False  # a "word" of punctuation only: the expression decides
            continue
        if found[0].start() > 0 or found[-1].end() < len(word):
            exact = False  # ".NET", "(AI)": characters before or after the word's atoms
        for k, m in enumerate(found):
            if k == 0:
                gaps.append(FLEX)
            else:
                gap = gap_class(word[found[k - 1].end() : m.start()])
                if gap in (FLEX, OTHER_GAP):
                    exact = False  # "R&D": only the expression knows which character it was
                gaps.append(gap)
            atoms.append(m.group().casefold())
    if not atoms:
        return None
    return Phrase(phrase, tuple(atoms), tuple(gaps), exact)


def fuzzy_key(phrase: str) -> str | None:
    """The one folded atom a phrase is, when typos of it should count (single words over four
    letters)."""
    found = ATOM_RE.findall(phrase.strip())
    if len(found) != 1 or found[0] != phrase.strip() or len(phrase.strip()) <= 4:
        return None
    return found[0].casefold()


# --- matching, over one person or many ----------------------------------------------


@dataclass
class Postings:
    """Where one term occurs: parallel arrays, sorted by (person, position)."""

    person: np.ndarray  # int64
    pos: np.ndarray  # int64
    info: np.ndarray  # uint8

    @classmethod
    def empty(cls) -> Postings:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint8))

    @classmethod
    def concat(cls, parts: Sequence[Postings]) -> Postings:
        parts = [p for p in parts if len(p.person)]
        if not parts:
            return cls.empty()
        if len(parts) == 1:
            return parts[0]
        if all(a.person[-1] < b.person[0] for a, b in pairwise(parts)):
            # Blocks of person ids, in order: already sorted.
            return cls(
                np.concatenate([p.person for p in parts]),
                np.concatenate([p.pos for p in parts]),
                np.concatenate([p.info for p in parts]),
            )
        out = cls(
            np.concatenate([p.person for p in parts]),
            np.concatenate([p.pos for p in parts]),
            np.concatenate([p.info for p in parts]),
        )
        order = np.lexsort((out.pos, out.person))
        return cls(out.person[order], out.pos[order], out.info[order])


@dataclass
class Matches:
    """Matches of a criterion's phrases: one row per mention, sorted by (person, start)."""

    person: np.ndarray  # int64
    start: np.ndarray  # atom position of the first atom
    end: np.ndarray  # one past the last atom
    info: np.ndarray  # uint8 of the first atom: section and negation
    similarity: np.ndarray  # int64, 100 for the phrase itself

    @classmethod
    def empty(cls) -> Matches:
        z = np.zeros(0, np.int64)
        return cls(z, z, z, np.zeros(0, np.uint8), z)

    def __len__(self) -> int:
        return len(self.person)

    @property
    def negated(self) -> np.ndarray:
        return (self.info & NEGATED) != 0

    @property
    def section(self) -> np.ndarray:
        return self.info >> 3


def _key(person: np.ndarray, pos: np.ndarray) -> np.ndarray:
    return (person << 32) | pos


def find_phrase(
    phrase: Phrase, lookup: Callable[[str], Postings], exact_only: bool = True
) -> Matches:
    """Every place the atoms of ``phrase`` follow each other with the separators it needs.

    With ``exact_only=False`` the separators are not checked (candidates for a
    phrase the atoms cannot express exactly).
    """
    first = lookup(phrase.atoms[0])
    person, pos, info = first.person, first.pos, first.info
    for j in range(1, len(phrase.atoms)):
        if not len(person):
            break
        nxt = lookup(phrase.atoms[j])
        keep = np.ones(len(nxt.person), dtype=bool)
        if exact_only:
            keep = (nxt.info & 0x03) == phrase.gaps[j]
        following = _key(
            nxt.person[keep], nxt.pos[keep] - j
        )  # distinct already: one atom per position
        hit = np.isin(_key(person, pos), following)
        person, pos, info = person[hit], pos[hit], info[hit]
    n = len(person)
    if n and len(set(phrase.atoms)) < len(phrase.atoms):
        # A phrase with a repeated word can match overlapping itself ("data data data"):
        # like a regular expression, take the leftmost and go on after it.
        keep = np.ones(n, dtype=bool)
        last_person, last_end = -1, -1
        for i in range(n):
            if person[i] == last_person and pos[i] < last_end:
                keep[i] = False
            else:
                last_person, last_end = int(person[i]), int(pos[i]) + len(phrase.atoms)
        person, pos, info = person[keep], pos[keep], info[keep]
    size = len(phrase.atoms)
    return Matches(person, pos, pos + size, info, np.zeros(len(person), np.int64))


def match_variants(variants: dict[str, int], lookup: Callable[[str], Postings]) -> Matches:
    """The mentions of a criterion's phrases (phrase -> similarity) that the atoms answer exactly.

    Phrases are taken best first (similarity, then length) and a mention that
    overlaps one already taken is skipped, as :func:`parsing.matching.find_phrases` does.
    """
    taken = Matches.empty()
    for text in sorted(variants, key=lambda p: (-variants[p], -len(p))):
        phrase = compile_phrase(text)
        if phrase is None or not phrase.exact:
            continue
        found = find_phrase(phrase, lookup)
        if not len(found):
            continue
        found.similarity = np.full(len(found), variants[text], np.int64)
        if len(taken):
            # Taken mentions never overlap each other, so per person they are sorted by
            # start and by end alike: the last one starting before this end decides.
            keys = _key(taken.person, taken.start)
            idx = np.searchsorted(keys, _key(found.person, found.end), side="left") - 1
            safe = np.maximum(idx, 0)
            overlaps = (
                (idx >= 0) & (taken.person[safe] == found.person) & (taken.end[safe] > found.start)
            )
            if overlaps.any():
                keep = ~overlaps
                found = Matches(
                    found.person[keep],
                    found.start[keep],
                    found.end[keep],
                    found.info[keep],
                    found.similarity[keep],
                )
            merged = Matches(
                *(
                    np.concatenate((a, b))
                    for a, b in (
                        (taken.person, found.person),
                        (taken.start, found.start),
                        (taken.end, found.end),
                        (taken.info, found.info),
                        (taken.similarity, found.similarity),
                    )
                )
            )
            order = np.lexsort((merged.start, merged.person))
            taken = Matches(
                merged.person[order],
                merged.start[order],
                merged.end[order],
                merged.info[order],
                merged.similarity[order],
            )
        else:
            taken = found
    return taken


def inexact_variants(variants: dict[str, int]) -> dict[str, int]:
    """The phrases only the regular expression can decide (their atoms find the candidates)."""
    out = {}
    for text, similarity in variants.items():
        phrase = compile_phrase(text)
        if phrase is not None and not phrase.exact:
            out[text] = similarity
    return out


def one_person_lookup(terms: ResumeTerms, person: int = 0) -> Callable[[str], Postings]:
    """A lookup over one resume's atoms (for explaining one person)."""
    table = terms.postings()
    empty = Postings.empty()

    def lookup(term: str) -> Postings:
        found = table.get(term)
        if found is None:
            return empty
        pos, info = found
        return Postings(np.full(len(pos), person, np.int64), pos, info)

    return lookup
