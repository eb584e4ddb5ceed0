"""Scores that explain themselves: a job's criteria against what a resume says.

A score is a sum of named parts — one per criterion, plus years of
experience, recency, spoken languages and location — each worth up to its
weight, each with the words in the resume that earned it. The total is
scaled to 0–100. A recommendation (strong / possible / unlikely) comes with
its reasons. It is advice to a person: nobody is dropped or hidden by it.

Pure functions only: the review layer loads hits from the database and calls
these; the same functions score one person in full (with evidence) and
thousands in the fast path (aggregates), so both always agree.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from parsing.taxonomy import Taxonomy, _negated
from parsing.text import fold

# How much a mention counts, by the section it is in: a skill listed under
# Skills or used in a job counts fully; one named only under Interests less.
SECTION_FACTOR = {
    "skills": 1.0,
    "experience": 1.0,
    "projects": 0.95,
    "certifications": 0.95,
    "summary": 0.9,
    "header": 0.9,
    "languages": 1.0,
    "education": 0.8,
    "awards": 0.85,
    "publications": 0.85,
    "personal": 0.8,
    "contact": 0.6,
    "interests": 0.5,
    "references": 0.3,
}
OTHER_SECTION = 0.85
BREADTH_BONUS = 0.05  # per further section that also mentions it, up to two
YEARS_WEIGHT = 2.0
RECENCY_WEIGHT = 1.0
LOCATION_WEIGHT = 1.0
LANGUAGE_WEIGHT = 1.0
STRONG, POSSIBLE, UNLIKELY = "strong", "possible", "unlikely"


@dataclass(frozen=True)
class Criterion:
    name: str
    kind: str = "skill"  # skill or phrase
    must: bool = False
    weight: float = 1.0
    synonyms: tuple[str, ...] = ()
    skill: str | None = None  # canonical taxonomy name when the name is a known skill

    @cached_property
    def key(self) -> tuple:
        """What the hits depend on (not the weight): the cache key of its matches.

        The kind counts: the words of a skill criterion may name taxonomy skills,
        a phrase criterion's words are taken as typed.
        """
        return (self.skill, self.kind, tuple(sorted(p.casefold() for p in self.phrases)))

    @property
    def phrases(self) -> list[str]:
        """Words searched in the text itself (the taxonomy's own aliases are found at import)."""
        own = [] if self.skill else [self.name]
        return own + list(self.synonyms)


@dataclass
class Evidence:
    text: str
    start: int
    end: int
    section: str | None
    similarity: int = 100
    year: int | None = None
    flag: str | None = None  # None, "negated", "ordinary_word"

    def public(self) -> dict:
        return {"text": self.text, "section": self.section, "start": self.start, "end": self.end}


@dataclass
class Agg:
    """What the fast path needs of one person's mentions of one criterion."""

    best: float = 0.0  # best mention: similarity x section factor
    sections: frozenset = frozenset()  # sections with a counted mention
    last_year: int | None = None
    counted: int = 0
    ordinary: int = 0
    negated: int = 0

    @property
    def quality(self) -> float:
        return quality(self.best, len(self.sections))

    def merge(self, other: Agg) -> Agg:
        years = [y for y in (self.last_year, other.last_year) if y]
        return Agg(
            max(self.best, other.best),
            self.sections | other.sections,
            max(years) if years else None,
            self.counted + other.counted,
            self.ordinary + other.ordinary,
            self.negated + other.negated,
        )


@dataclass
class Part:
    criterion: str
    kind: str  # criterion, years, recency, language, location
    weight: float
    points: float
    evidence: list[Evidence] = field(default_factory=list)
    must: bool = False
    note: str | None = None

    def public(self) -> dict:
        return {
            "criterion": self.criterion,
            "weight": round(self.weight, 2),
            "points": round(self.points, 2),
            "evidence": [e.public() for e in self.evidence if e.flag is None],
        }


@dataclass
class Score:
    person: int
    total: float
    parts: list[Part]
    missing_must_haves: list[str]
    recommendation: str
    reasons: list[str]


@dataclass
class JobSpec:
    title: str
    criteria: list[Criterion]
    min_years: float | None = None
    location: str | None = None
    remote: bool = False
    languages: list[str] = field(default_factory=list)

    @classmethod
    def from_spec(cls, title: str, spec: dict, taxonomy: Taxonomy) -> JobSpec:
        criteria = []
        for raw in spec.get("criteria", []):
            skill = None
            if raw.get("kind", "skill") == "skill":
                known = taxonomy.lookup(raw["name"])
                skill = known.name if known else None
            criteria.append(
                Criterion(
                    raw["name"],
                    raw.get("kind", "skill"),
                    bool(raw.get("must")),
                    float(raw.get("weight", 1)),
                    tuple(raw.get("synonyms", ())),
                    skill,
                )
            )
        languages = []
        for name in spec.get("languages", []):
            known = taxonomy.lookup(name)
            languages.append(known.name if known else name)
        return cls(
            title,
            criteria,
            spec.get("min_years"),
            spec.get("location"),
            bool(spec.get("remote")),
            languages,
        )

    def language_criteria(self) -> list[Criterion]:
        return [
            Criterion(lang, "skill", False, LANGUAGE_WEIGHT, (), lang) for lang in self.languages
        ]


# --- quality of one criterion ---------------------------------------------------


def section_factor(section: str | None) -> float:
    return SECTION_FACTOR.get(section or "", OTHER_SECTION)


def quality(best: float, sections: int) -> float:
    """How well a criterion is met: its best mention, plus a little for breadth."""
    if best <= 0:
        return 0.0
    return min(1.0, best + BREADTH_BONUS * min(max(sections - 1, 0), 2))


def aggregate(evidence: Iterable[Evidence]) -> Agg:
    agg = Agg()
    sections: set[str | None] = set()
    for ev in evidence:
        if ev.flag == "negated":
            agg.negated += 1
            continue
        if ev.flag == "ordinary_word":
            agg.ordinary += 1
            continue
        agg.counted += 1
        agg.best = max(agg.best, ev.similarity / 100 * section_factor(ev.section))
        sections.add(ev.section or "")
        if ev.year and (agg.last_year is None or ev.year > agg.last_year):
            agg.last_year = ev.year
    agg.sections = frozenset(sections)
    return agg


def skill_aggregates(hits: list[dict]) -> dict[str, Agg]:
    """Per skill, the aggregate of one resume's hits (stored at import for fast ranking)."""
    by_skill: dict[str, list[Evidence]] = {}
    for h in hits:
        by_skill.setdefault(h["skill"], []).append(
            Evidence(
                h["text"],
                h["start"],
                h["end"],
                h["section"],
                h["similarity"],
                h.get("year"),
                h.get("flag"),
            )
        )
    return {skill: aggregate(evidence) for skill, evidence in by_skill.items()}


def recency_factor(last_year: int | None, this_year: int) -> float | None:
    """1.0 for use in the last two years, falling to 0.5 after twelve; None when undated."""
    if last_year is None:
        return None
    age = max(0, this_year - last_year)
    return 1.0 if age <= 2 else max(0.5, 1.0 - 0.05 * (age - 2))


# --- the score ------------------------------------------------------------------


@dataclass(slots=True)
class PersonFacts:
    person: int
    years: float | None = None
    location: str | None = None


def years_points(job: JobSpec, years: float | None) -> tuple[float, str | None]:
    if not job.min_years:
        return 0.0, None
    if years is None:
        return 0.0, "years of experience not stated"
    ratio = min(1.0, years / job.min_years)
    note = (
        None if years >= job.min_years else f"{years:g} years; the job asks for {job.min_years:g}"
    )
    return YEARS_WEIGHT * ratio, note


def location_points(job: JobSpec, location: str | None) -> tuple[float, str | None]:
    if not job.location:
        return 0.0, None
    if location and fold(job.location) in fold(location):
        return LOCATION_WEIGHT, f"based in {location}"
    if job.remote:
        return LOCATION_WEIGHT, "remote work is possible"
    return 0.0, f"based in {location}" if location else "location not stated"


def max_points(job: JobSpec) -> float:
    total = sum(c.weight for c in job.criteria) + LANGUAGE_WEIGHT * len(job.languages)
    if job.min_years:
        total += YEARS_WEIGHT
    if job.location:
        total += LOCATION_WEIGHT
    if any(c.weight for c in job.criteria):
        total += RECENCY_WEIGHT
    return total


def recency_points(
    job: JobSpec, aggs: list[tuple[Criterion, Agg | None]], this_year: int
) -> tuple[float, str | None]:
    if not any(c.weight for c in job.criteria):
        return 0.0, None
    weighted, weights, newest = 0.0, 0.0, None
    for criterion, agg in aggs:
        if agg is None or agg.quality <= 0 or criterion.weight <= 0:
            continue
        factor = recency_factor(agg.last_year, this_year)
        if factor is None:
            continue
        weighted += factor * criterion.weight
        weights += criterion.weight
        newest = agg.last_year if newest is None else max(newest, agg.last_year)
    if weights == 0:
        if not any(agg is not None and agg.quality > 0 for _, agg in aggs):
            return 0.0, None  # nothing matched: nothing to be recent about
        return RECENCY_WEIGHT * 0.5, "no dated use of the criteria"
    note = f"used as recently as {newest}" if newest else None
    return RECENCY_WEIGHT * weighted / weights, note


def recommend(total: float, missing: list[str], notes: list[str]) -> tuple[str, list[str]]:
    reasons = [f"missing must-have: {name}" for name in missing]
    return _level(total, bool(missing)), reasons + notes


def _criterion_note(criterion: Criterion, agg: Agg | None, evidence: list[Evidence]) -> str | None:
    if agg is None:
        return None
    if agg.counted == 0 and agg.ordinary:
        word = next((e.text for e in evidence if e.flag == "ordinary_word"), criterion.name)
        return f"'{word}' found only as an ordinary word"
    if agg.counted == 0 and agg.negated:
        return f"'{criterion.name}' mentioned only as something not done yet"
    fuzzy = [e for e in evidence if e.flag is None and e.similarity < 100]
    if agg.counted and fuzzy and len(fuzzy) == agg.counted:
        return f"'{criterion.name}' found as '{fuzzy[0].text}' ({fuzzy[0].similarity}% alike)"
    return None


def score_person(
    job: JobSpec, facts: PersonFacts, evidence: dict[Criterion, list[Evidence]], this_year: int
) -> Score:
    """The full score of one person, with every part's evidence."""
    parts: list[Part] = []
    aggs: list[tuple[Criterion, Agg | None]] = []
    missing: list[str] = []
    notes: list[str] = []
    own = len(job.criteria)
    for k, criterion in enumerate(job.criteria + job.language_criteria()):
        found = evidence.get(criterion, [])
        agg = aggregate(found) if found else None
        aggs.append((criterion, agg))
        q = agg.quality if agg else 0.0
        note = _criterion_note(criterion, agg, found)
        kind = "language" if k >= own else "criterion"
        label = f"Language: {criterion.name}" if kind == "language" else criterion.name
        ordered = sorted(
            found, key=lambda e: (e.flag is not None, -section_factor(e.section), e.start)
        )
        parts.append(
            Part(label, kind, criterion.weight, criterion.weight * q, ordered, criterion.must, note)
        )
        if criterion.must and q <= 0:
            missing.append(criterion.name)
        if note and (criterion.must or criterion.weight >= 1) and (q <= 0 or "alike" in note):
            notes.append(note)
    points, note = years_points(job, facts.years)
    if job.min_years:
        parts.append(Part("Years of experience", "years", YEARS_WEIGHT, points, note=note))
        if note:
            notes.append(note)
    points, note = recency_points(job, aggs[:own], this_year)
    if any(c.weight for c in job.criteria):
        parts.append(Part("Recency", "recency", RECENCY_WEIGHT, points, note=note))
    points, note = location_points(job, facts.location)
    if job.location:
        parts.append(Part("Location", "location", LOCATION_WEIGHT, points, note=note))
    total = _scale(sum(p.points for p in parts), max_points(job))
    parts.sort(key=lambda p: (-p.points, -p.weight, p.criterion))
    level, reasons = recommend(total, missing, notes)
    return Score(facts.person, total, parts, missing, level, reasons)


def _scale(points: float, maximum: float) -> float:
    return round(100.0 * points / maximum, 1) if maximum > 0 else 0.0


@dataclass(slots=True)
class Ranked:
    """One row of a ranking (the fast path): enough to sort, colour and filter."""

    person: int
    total: float
    recommendation: str
    missing_must_haves: Sequence[str]  # shared, read-only tuples in the fast path
    top: list[str]  # the criteria that earned the most, best first


@dataclass
class Dense:
    """One criterion's matches over a fixed list of people, as arrays (index: place in the list)."""

    quality: np.ndarray  # float64, 0 where not matched
    last_year: np.ndarray  # int32, 0 where undated or not matched
    # Where its phrases were found (everyone in the index, not only these people), kept
    # so that explaining one person slices them instead of matching again.
    phrases: object | None = None  # parsing.terms.Matches
    verified: dict[int, list[Evidence]] | None = None  # phrases only the regular expression decides

    @classmethod
    def from_aggs(cls, aggs: dict[int, Agg], index: dict[int, int], n: int) -> Dense:
        quality = np.zeros(n)
        last_year = np.zeros(n, dtype=np.int32)
        for pid, agg in aggs.items():
            i = index.get(pid)
            if i is not None:
                quality[i] = agg.quality
                last_year[i] = agg.last_year or 0
        return cls(quality, last_year)


def rank_dense(
    job: JobSpec,
    people: list[PersonFacts],
    dense: dict[Criterion, Dense],
    this_year: int,
    cache: dict | None = None,
) -> list[Ranked]:
    """The ranking as array arithmetic: a weight change over 10,000 people costs milliseconds.

    Every figure is the one :func:`score_person` computes for the same person
    (tests hold both to it): criterion points, years, recency, location,
    scaled to 0-100 and rounded the same way. ``cache`` (kept by the caller
    between calls) holds what does not depend on weights: the stacked
    matrices and the years and location of each person.
    """
    n = len(people)
    if n == 0:
        return []
    cache = cache if cache is not None else {}
    criteria = job.criteria + job.language_criteria()
    k = len(job.criteria)
    keys = tuple(c.key for c in criteria)
    if cache.get("keys") != keys or cache.get("people") is not people:
        zeros, no_years = np.zeros(n), np.zeros(n, dtype=np.int32)
        cache.clear()
        cache.update(keys=keys, people=people)
        cache["quality"] = (
            np.column_stack([dense[c].quality if c in dense else zeros for c in criteria])
            if criteria
            else np.zeros((n, 0))
        )
        cache["years_used"] = (
            np.column_stack([dense[c].last_year if c in dense else no_years for c in job.criteria])
            if k
            else np.zeros((n, 0), dtype=np.int32)
        )
        cache["years"] = np.array([p.years if p.years is not None else np.nan for p in people])
        cache["ids"] = np.array([p.person for p in people])
    if "location_points" not in cache or cache["location"] != job.location:
        cache["location"] = job.location
        cache["location_points"] = (
            np.array([location_points(job, p.location)[0] for p in people])
            if job.location
            else np.zeros(n)
        )
    quality = cache["quality"]
    weights = np.array([c.weight for c in criteria], dtype=np.float64)
    gains = quality * weights
    points = gains.sum(axis=1) + cache["location_points"]
    if job.min_years:
        points += YEARS_WEIGHT * np.nan_to_num(
            np.minimum(1.0, cache["years"] / job.min_years), nan=0.0
        )
    # Recency: over the job's own criteria (not languages) that matched with a date.
    if any(c.weight for c in job.criteria):
        if cache.get("recency_year") != this_year:
            # What does not depend on weights: the criteria matched, which with a date, how recent.
            q, used = quality[:, :k], cache["years_used"]
            found = q > 0
            dated = found & (used > 0)
            age = np.maximum(0, this_year - used)
            factor = np.where(age <= 2, 1.0, np.maximum(0.5, 1.0 - 0.05 * (age - 2)))
            cache.update(
                recency_year=this_year,
                found=found,
                dated=dated,
                dated_factor=np.where(dated, factor, 0.0),
            )
        w = weights[:k]
        counts = w > 0
        num = (np.where(counts, cache["dated_factor"], 0.0) * w).sum(axis=1)
        den = ((cache["dated"] & counts) * w).sum(axis=1)
        matched = (cache["found"] & counts).any(axis=1)
        recency = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.where(matched, 0.5, 0.0))
        points += RECENCY_WEIGHT * recency
    maximum = max_points(job)
    totals = np.round(100.0 * points / maximum, 1) if maximum > 0 else np.zeros(n)
    # Missing must-haves: each person's set of missing ones as a bit code, and one
    # shared tuple of names per code (a handful of must-haves, so a handful of codes).
    must_columns = [j for j, c in enumerate(job.criteria) if c.must]
    codes = np.zeros(n, dtype=np.int64)
    for bit, j in enumerate(must_columns):
        codes |= (quality[:, j] <= 0).astype(np.int64) << bit
    names_for_code = {
        code: tuple(job.criteria[j].name for bit, j in enumerate(must_columns) if code >> bit & 1)
        for code in set(
            codes.tolist()
        )  # (np.unique would import numpy.ma: 10-30 ms of a command's start)
    }
    has_missing = codes > 0
    level = np.where(
        has_missing,
        np.where(totals >= 55, 1, 0),
        np.where(totals >= 65, 2, np.where(totals >= 35, 1, 0)),
    )
    # Best first, ties by id; every column put in that order before it becomes Python objects.
    ranked = np.lexsort((cache["ids"], -totals))
    # The three criteria that earned the most, per person: sorted by gain, so
    # the ones that earned something come first and a prefix is the answer.
    positive = np.where(weights > 0, gains, 0.0)[ranked]
    if criteria:
        order = _top_columns(positive, 3)
        earned = (np.take_along_axis(positive, order, axis=1) > 0).sum(axis=1).tolist()
        tops = np.array([c.name for c in criteria], dtype=object)[order].tolist()
    else:
        earned = [0] * n
        tops = [[] for _ in range(n)]
    columns = (
        cache["ids"][ranked].tolist(),
        totals[ranked].tolist(),
        level[ranked].tolist(),
        codes[ranked].tolist(),
        tops,
        earned,
    )
    # Ten thousand small objects and no cycles among them: the cyclic garbage
    # collector would only walk them again and again while they are made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        out = [
            Ranked(person, total, _LEVELS[lv], names_for_code[code], top[:e])
            for person, total, lv, code, top, e in zip(*columns, strict=True)
        ]
    finally:
        if collecting:
            gc.enable()
    return out


_LEVELS = (UNLIKELY, POSSIBLE, STRONG)


def _top_columns(values: np.ndarray, count: int) -> np.ndarray:
    """Per row, the columns of the ``count`` largest values (ties: the leftmost first), as a stable
    argsort would give, by repeated argmax: ~10x faster than sorting 45 columns of 50,000 rows."""
    n, k = values.shape
    count = min(count, k)
    work = values.copy()
    rows = np.arange(n)
    out = np.empty((n, count), dtype=np.int64)
    for j in range(count):
        best = work.argmax(axis=1)
        out[:, j] = best
        work[rows, best] = -np.inf
    return out


def _level(total: float, missing: bool) -> str:
    if missing:
        return POSSIBLE if total >= 55 else UNLIKELY
    return STRONG if total >= 65 else POSSIBLE if total >= 35 else UNLIKELY


# --- phrases in text (criteria that are not taxonomy skills) ---------------------


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole words, any case, flexible spaces and hyphens between them."""
    words = [re.escape(w) for w in re.split(r"[\s\-/]+", phrase.strip()) if w]
    body = r"[\s\-/]+".join(words)
    return re.compile(rf"(?<![\w+#]){body}(?![\w+#])", re.IGNORECASE)


def find_phrases(text: str, phrases: dict[str, int], section_of) -> list[Evidence]:
    """Every whole-word mention of the phrases (phrase -> similarity, 100 for the phrase
    itself, less for a fuzzy variant), with its section and negation."""
    out: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    for phrase in sorted(phrases, key=lambda p: (-phrases[p], -len(p))):
        if not phrase.strip():
            continue
        for m in phrase_pattern(phrase).finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            flag = "negated" if _negated(text, m.start()) else None
            out.append(
                Evidence(
                    m.group(),
                    m.start(),
                    m.end(),
                    section_of(m.start()),
                    phrases[phrase],
                    None,
                    flag,
                )
            )
    out.sort(key=lambda e: e.start)
    return out


def fuzzy_variants(
    phrase: str, vocabulary: Iterable[str], cutoff: int = 88
) -> list[tuple[str, int]]:
    """Spellings in ``vocabulary`` (folded single words) close to a one-word phrase: typos and
    variants.

    Only for words longer than four letters, and only those that start with the
    same letter, as for skills (see parsing.taxonomy). Each word is judged on its
    own (no "best 20"), so the variants found in one person's words are exactly
    the variants found in everyone's words that this person uses: explaining
    one person and ranking everyone agree.
    """
    from parsing.terms import fuzzy_key

    key = fuzzy_key(phrase)
    if key is None:
        return []
    cutoff = cutoff if len(key) >= 8 else max(cutoff, 92)
    candidates = [
        w for w in vocabulary if w[:1] == key[:1] and abs(len(w) - len(key)) <= 2 and w != key
    ]
    if not candidates:
        return []
    found = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return [(word, int(score)) for word, score, _ in found]
