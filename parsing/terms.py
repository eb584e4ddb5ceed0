"""Every word of a resume, indexed once: phrases and synonyms found without re-reading texts.

A job's taxonomy skills were found at import (``skill_hits``). Everything else a
recruiter types — a phrase criterion ("incident response"), a synonym the
taxonomy does not know ("spreadsheets") — is matched against this index, built
by the parse workers from the same text and section spans that are stored:

* the text is cut into *atoms*: maximal runs of ``[\\w+#]`` — exactly the
  characters the phrase rule treats as part of a word, so a whole-word match is
  a run of whole atoms (``C++``, ``C#`` and ``k8s`` are atoms; ``Node.js`` is
  ``node`` ``.`` ``js``);
* each atom keeps its position, the section it sits in, whether a negation
  ("no experience with …") governs it, and what separates it from the atom
  before: spaces, hyphens and slashes (which a phrase may cross: "front end"
  matches "front-end" and a line wrap), a single dot or apostrophe (inside
  ``node.js``, ``don't``), or anything else (a comma, a full stop and a space:
  a phrase never crosses those).

Atoms are compared in lower case (``casefold``), accents kept, as the regular
expression did: "r" is not "ŕ". A phrase is then a sequence of atoms with the
separators it needs; its matches in one person or in ten thousand are found
with the same array code (:func:`match_variants`), so a ranking and the
explanation of one person always agree. Phrases the atoms cannot express exactly ("R&D", ".NET") fall
back to the regular expression on the texts that contain their atoms.

Pure functions; the review layer stores and reads the arrays.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from parsing.taxonomy import _negated

ATOM_RE = re.compile(r"[\w+#]+")
_ATOM_SPLIT_RE = re.compile(r"([\w+#]+)")
_FLEX_RE = re.compile(r"[\s\-/]+")
# The separator before an atom (two bits of its info byte).
FLEX, DOT, APOSTROPHE, OTHER_GAP = 0, 1, 2, 3
# The info byte of an atom: bits 0-1 the separator before it, bit 2 negated, bits 3-7 its section code.
# A negation can only govern an atom within 60 characters after one of these words
# (see parsing.taxonomy._negated, which decides); most atoms are never checked.
_NEGATION_CUES = frozenset(
    "no not never without lack lacking zero keine ohne sans aucune sin ninguna sem nenhuma".split()
)
_NEGATION_REACH = 60

# Section kinds, by a code stored in the index. Append only: codes are on disk.
# tests/test_terms.py checks that every kind parsing.sections knows has a code.
SECTION_NAMES: tuple[str | None, ...] = (
    None, "header", "summary", "experience", "education", "skills", "languages", "projects", "certifications",
    "awards", "publications", "references", "interests", "contact", "personal", "other",
)  # fmt: skip
SECTION_CODE = {name: code for code, name in enumerate(SECTION_NAMES)}
UNKNOWN_SECTION = SECTION_CODE["other"]
NEGATED = 0x04
# Bump it whenever atoms, codes or the payload change, with a migration that calls
# review.term_index.rebuild (payloads of another version waiting at import are read again from text).
INDEX_VERSION = 1


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


# --- one resume -------------------------------------------------------------------


@dataclass
class ResumeTerms:
    """One resume's atoms: ``terms[ids[i]]`` is atom i (folded), ``info[i]`` its gap, negation and section."""

    terms: list[str]
    ids: np.ndarray  # uint32, one per atom, in text order: the position is the index
    info: np.ndarray  # uint8
    starts: np.ndarray | None = None  # character offsets (only when asked for: explaining one person)
    ends: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    # The payload a worker sends and the store keeps until the index takes it in.
    _HEAD = struct.Struct("<BBxxII")

    def pack(self) -> bytes:
        wide = len(self.terms) > 0xFFFF
        words = "\n".join(self.terms).encode("utf-8")
        ids = self.ids.astype(np.uint32 if wide else np.uint16)
        return b"".join((self._HEAD.pack(INDEX_VERSION, 4 if wide else 2, len(self.terms), len(self.ids)),
                         struct.pack("<I", len(words)), words, ids.tobytes(), self.info.tobytes()))  # fmt: skip

    @classmethod
    def unpack(cls, data: bytes) -> ResumeTerms:
        version, width, n_terms, n_atoms = cls._HEAD.unpack_from(data, 0)
        if version != INDEX_VERSION:
            raise ValueError(f"term index payload of version {version}, expected {INDEX_VERSION}")
        at = cls._HEAD.size
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
                for a, b in zip([0, *cuts], [*cuts, len(ids)]):
                    found[self.terms[int(ids[a])]] = (pos[a:b], info[a:b])
        return found


def section_finder(spans: Sequence[dict]) -> Callable[[int], str | None]:
    """The section kind at an offset: header before the first section (or with none), None between sections."""

    def section(offset: int) -> str | None:
        for span in spans:
            if span["start"] <= offset < span["end"]:
                return span["kind"]
        return "header" if not spans or offset < spans[0]["start"] else None

    return section


def index_resume(text: str, spans: Sequence[dict], *, offsets: bool = False) -> ResumeTerms:
    """Cut one resume into atoms with their section, negation and separator (see the module's notes)."""
    parts = _ATOM_SPLIT_RE.split(text)  # gap, atom, gap, atom, ..., gap
    words = parts[1::2]
    n = len(words)
    if not n:
        z = np.zeros(0, np.int64)
        return ResumeTerms([], np.zeros(0, np.uint32), np.zeros(0, np.uint8), z if offsets else None,
                           z if offsets else None)  # fmt: skip
    gaps = parts[0::2]  # gaps[i] comes before words[i]; gaps[n] after the last
    # Lower-case each distinct spelling once; the per-atom work stays in C (map, dict lookups).
    vocab: dict[str, int] = {}
    spelling: dict[str, int] = {}
    for word in dict.fromkeys(words):
        folded = word.casefold()
        spelling[word] = vocab.setdefault(folded, len(vocab))
    ids = np.fromiter(map(spelling.__getitem__, words), dtype=np.uint32, count=n)
    classes = list(map(_GAP_CLASSES.get, gaps[:n]))
    if None in classes:
        for i, c in enumerate(classes):
            if c is None:
                classes[i] = gap_class(gaps[i])
                if len(_GAP_CLASSES) < 10_000:  # separators repeat across resumes: learn them (bounded)
                    _GAP_CLASSES[gaps[i]] = classes[i]
    classes[0] = FLEX
    word_lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    ends = np.cumsum(np.fromiter(map(len, gaps[:n]), dtype=np.int64, count=n) + word_lengths)
    starts = ends - word_lengths
    sections = _section_codes(starts, spans)
    info = np.fromiter(classes, dtype=np.uint8, count=n) | (sections << 3).astype(np.uint8)
    cue_ids = [tid for word, tid in vocab.items() if word in _NEGATION_CUES]
    if cue_ids:
        # Only atoms shortly after a negation word can be negated: ask _negated about those.
        at = starts.tolist()
        negated = set()
        for cue in np.flatnonzero(np.isin(ids, cue_ids)).tolist():
            reach = at[cue] + len(words[cue]) + _NEGATION_REACH
            i = cue + 1
            while i < n and at[i] < reach:
                if i not in negated and _negated(text, at[i]):
                    negated.add(i)
                i += 1
        if negated:
            info[list(negated)] |= NEGATED
    return ResumeTerms(list(vocab), ids, info, starts if offsets else None, ends if offsets else None)


# Separators seen again and again, classified once.
_GAP_CLASSES = {g: gap_class(g) for g in (" ", "\n", ", ", ". ", ".\n", ",\n", " - ", "-", "/", " / ", ".", "'", "’",
                                           ": ", ":\n", "; ", " (", ") ", "), ", " | ", " · ", "\n\n", " & ")}


def _section_codes(starts: np.ndarray, spans: Sequence[dict]) -> np.ndarray:
    """The section code at each offset: header before the first section (or with none), none between sections."""
    n = len(starts)
    if not spans:
        return np.full(n, SECTION_CODE["header"], np.int64)
    ordered = sorted(spans, key=lambda s: s["start"])
    span_starts = np.array([s["start"] for s in ordered], np.int64)
    span_ends = np.array([s["end"] for s in ordered], np.int64)
    codes = np.array([section_code(s["kind"]) for s in ordered], np.int64)
    k = np.searchsorted(span_starts, starts, side="right") - 1  # the last section starting at or before
    inside = (k >= 0) & (starts < span_ends[np.maximum(k, 0)])
    out = np.where(inside, codes[np.maximum(k, 0)], SECTION_CODE[None])
    out[starts < span_starts[0]] = SECTION_CODE["header"]
    return out


# --- phrases ----------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A phrase as atoms: ``gaps[j]`` is the separator atom j needs before it (``gaps[0]`` unused)."""

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
    """The one folded atom a phrase is, when typos of it should count (single words over four letters)."""
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
        if all(a.person[-1] < b.person[0] for a, b in zip(parts, parts[1:])):
            # Blocks of person ids, in order: already sorted.
            return cls(np.concatenate([p.person for p in parts]), np.concatenate([p.pos for p in parts]),
                       np.concatenate([p.info for p in parts]))  # fmt: skip
        out = cls(np.concatenate([p.person for p in parts]), np.concatenate([p.pos for p in parts]),
                  np.concatenate([p.info for p in parts]))  # fmt: skip
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


def find_phrase(phrase: Phrase, lookup: Callable[[str], Postings], exact_only: bool = True) -> Matches:
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
        following = _key(nxt.person[keep], nxt.pos[keep] - j)  # distinct already: one atom per position
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
            overlaps = (idx >= 0) & (taken.person[safe] == found.person) & (taken.end[safe] > found.start)
            if overlaps.any():
                keep = ~overlaps
                found = Matches(found.person[keep], found.start[keep], found.end[keep], found.info[keep],
                                found.similarity[keep])  # fmt: skip
            merged = Matches(*(np.concatenate((a, b)) for a, b in (
                (taken.person, found.person), (taken.start, found.start), (taken.end, found.end),
                (taken.info, found.info), (taken.similarity, found.similarity))))  # fmt: skip
            order = np.lexsort((merged.start, merged.person))
            taken = Matches(merged.person[order], merged.start[order], merged.end[order], merged.info[order],
                            merged.similarity[order])  # fmt: skip
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


def payload(text: str | None, spans: Sequence[dict]) -> bytes:
    """What a parse worker sends for the index: the packed atoms of the text (none for a scan)."""
    return index_resume(text or "", spans).pack()
