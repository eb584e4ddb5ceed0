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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from parsing.taxonomy import TOKEN_RE, Taxonomy, _negated
from parsing.text import fold

# How much a mention counts, by the section it is in: a skill listed under
# Skills or used in a job counts fully; one named only under Interests less.
SECTION_FACTOR = {
    "skills": 1.0, "experience": 1.0, "projects": 0.95, "certifications": 0.95, "summary": 0.9,
    "header": 0.9, "languages": 1.0, "education": 0.8, "awards": 0.85, "publications": 0.85,
    "personal": 0.8, "contact": 0.6, "interests": 0.5, "references": 0.3,
}  # fmt: skip
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

    @property
    def key(self) -> tuple:
        """What the hits depend on (not the weight): the cache key of its matches."""
        return (self.skill, tuple(sorted(p.casefold() for p in self.phrases)))

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
        return Agg(max(self.best, other.best), self.sections | other.sections, max(years) if years else None,
                   self.counted + other.counted, self.ordinary + other.ordinary, self.negated + other.negated)  # fmt: skip


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
            criteria.append(Criterion(raw["name"], raw.get("kind", "skill"), bool(raw.get("must")),
                                      float(raw.get("weight", 1)), tuple(raw.get("synonyms", ())), skill))  # fmt: skip
        languages = []
        for name in spec.get("languages", []):
            known = taxonomy.lookup(name)
            languages.append(known.name if known else name)
        return cls(title, criteria, spec.get("min_years"), spec.get("location"), bool(spec.get("remote")), languages)

    def language_criteria(self) -> list[Criterion]:
        return [Criterion(lang, "skill", False, LANGUAGE_WEIGHT, (), lang) for lang in self.languages]


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


def recency_factor(last_year: int | None, this_year: int) -> float | None:
    """1.0 for use in the last two years, falling to 0.5 after twelve; None when undated."""
    if last_year is None:
        return None
    age = max(0, this_year - last_year)
    return 1.0 if age <= 2 else max(0.5, 1.0 - 0.05 * (age - 2))


# --- the score ------------------------------------------------------------------


@dataclass
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
    note = None if years >= job.min_years else f"{years:g} years; the job asks for {job.min_years:g}"
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


def recency_points(job: JobSpec, aggs: list[tuple[Criterion, Agg | None]], this_year: int) -> tuple[float, str | None]:
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
    if missing:
        level = POSSIBLE if total >= 55 else UNLIKELY
    elif total >= 65:
        level = STRONG
    elif total >= 35:
        level = POSSIBLE
    else:
        level = UNLIKELY
    return level, reasons + notes


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
    languages = job.language_criteria()
    for criterion in job.criteria + languages:
        found = evidence.get(criterion, [])
        agg = aggregate(found) if found else None
        aggs.append((criterion, agg))
        q = agg.quality if agg else 0.0
        note = _criterion_note(criterion, agg, found)
        kind = "language" if criterion in languages else "criterion"
        label = f"Language: {criterion.name}" if kind == "language" else criterion.name
        ordered = sorted(found, key=lambda e: (e.flag is not None, -section_factor(e.section), e.start))
        parts.append(Part(label, kind, criterion.weight, criterion.weight * q, ordered, criterion.must, note))
        if criterion.must and q <= 0:
            missing.append(criterion.name)
        if note and (criterion.must or criterion.weight >= 1) and (q <= 0 or "alike" in note):
            notes.append(note)
    points, note = years_points(job, facts.years)
    if job.min_years:
        parts.append(Part("Years of experience", "years", YEARS_WEIGHT, points, note=note))
        if note:
            notes.append(note)
    points, note = recency_points(job, [(c, a) for c, a in aggs if c in job.criteria], this_year)
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


@dataclass
class Ranked:
    """One row of a ranking (the fast path): enough to sort, colour and filter."""

    person: int
    total: float
    recommendation: str
    missing_must_haves: list[str]
    top: list[str]  # the criteria that earned the most, best first


def rank_fast(
    job: JobSpec, people: list[PersonFacts], aggs: dict[Criterion, dict[int, Agg]], this_year: int
) -> list[Ranked]:
    """Totals for many people from per-criterion aggregates; the same arithmetic as score_person."""
    maximum = max_points(job)
    all_criteria = job.criteria + job.language_criteria()
    points = {p.person: 0.0 for p in people}
    best: dict[int, list[tuple[float, str]]] = {p.person: [] for p in people}
    for criterion in all_criteria:
        if criterion.weight <= 0:
            continue
        for person, agg in aggs.get(criterion, {}).items():
            if person in points and agg.quality > 0:
                gained = criterion.weight * agg.quality
                points[person] += gained
                best[person].append((gained, criterion.name))
    out: list[Ranked] = []
    for facts in people:
        pid = facts.person
        total_points = points[pid]
        total_points += years_points(job, facts.years)[0]
        total_points += location_points(job, facts.location)[0]
        if any(c.weight for c in job.criteria):
            pairs = [(c, aggs.get(c, {}).get(pid)) for c in job.criteria]
            total_points += recency_points(job, pairs, this_year)[0]
        missing = [c.name for c in job.criteria if c.must and
                   (aggs.get(c, {}).get(pid) is None or aggs[c][pid].quality <= 0)]  # fmt: skip
        total = _scale(total_points, maximum)
        level, _ = recommend(total, missing, [])
        top = [name for _, name in sorted(best[pid], key=lambda x: -x[0])[:3]]
        out.append(Ranked(pid, total, level, missing, top))
    out.sort(key=lambda r: (-r.total, r.person))
    return out


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
            out.append(Evidence(m.group(), m.start(), m.end(), section_of(m.start()), phrases[phrase], None, flag))
    out.sort(key=lambda e: e.start)
    return out


def fuzzy_variants(phrase: str, vocabulary: list[str], cutoff: int = 88) -> list[tuple[str, int]]:
    """Spellings in ``vocabulary`` (single words) close to a one-word phrase: typos and variants.

    Only for words longer than four letters, and only those that start with the
    same letter, as for skills (see parsing.taxonomy).
    """
    words = TOKEN_RE.findall(phrase)
    if len(words) != 1 or len(phrase) <= 4:
        return []
    key = fold(phrase)
    cutoff = cutoff if len(key) >= 8 else max(cutoff, 92)
    candidates = [w for w in vocabulary if w[:1] == key[:1] and abs(len(w) - len(key)) <= 2 and w != key]
    found = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20)
    return [(word, int(score)) for word, score, _ in found]
