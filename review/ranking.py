"""Rank a job's people, fast, and explain any one of them in full.

Taxonomy skills were found in each resume at import (``skill_hits``), so a
job's skill criteria are one aggregate query, never a re-read of the text.
Custom phrases and synonyms go through the full-text index, then only the
resumes that contain them are searched for positions. Matches are cached per
criterion (not per weight): changing a weight only re-adds the sums; adding a
criterion matches that one criterion.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
from dataclasses import replace
from datetime import date

from parsing.matching import (
    Agg, Criterion, Dense, Evidence, JobSpec, PersonFacts, Ranked, Score, aggregate, find_phrases,
    fuzzy_variants, rank_dense, score_person,
)  # fmt: skip
from parsing.taxonomy import Taxonomy, load_taxonomy
from parsing.text import fold
from review.db import Store
from review.jobs import Job
from review.search import people_with_phrase, sync_search_index, texts_of, vocabulary

def _section_of(spans: list[dict]):
    def section(offset: int) -> str | None:
        for span in spans:
            if span["start"] <= offset < span["end"]:
                return span["kind"]
        return "header" if not spans or offset < spans[0]["start"] else None

    return section


class Ranker:
    """A job's ranking over a set of people; keeps per-criterion matches between calls."""

    def __init__(
        self,
        store: Store,
        job: Job,
        *,
        scope: str = "applicants",
        taxonomy: Taxonomy | None = None,
        today: date | None = None,
    ):
        self.store = store
        self.taxonomy = taxonomy or load_taxonomy()
        self.today = today or date.today()
        self.job_row = job
        self.global_synonyms = global_synonyms(store)
        self.job = self._spec(job.spec)
        self.scope = scope
        self._dense_cache: dict[tuple, Dense] = {}
        self._rank_cache: dict = {}  # stacked matrices for rank_dense, reused while only weights change
        self._dense_for: list[PersonFacts] | None = None
        self._index: dict[int, int] = {}
        self._vocabulary: dict[str, list[str]] = {}  # first letter -> indexed words
        self._index_checked = False
        self.people = self._load_people()

    # --- people -------------------------------------------------------------

    def _load_people(self) -> list[PersonFacts]:
        if self.scope == "all":
            rows = self.store.conn.execute("SELECT id, years_experience, location FROM people ORDER BY id")
        else:
            rows = self.store.conn.execute(
                "SELECT p.id, p.years_experience, p.location FROM people p "
                "JOIN applications a ON a.person_id = p.id WHERE a.job_id = ? ORDER BY p.id",
                (self.job_row.id,),
            )
        return [PersonFacts(pid, years, location) for pid, years, location in rows]

    def set_spec(self, spec: dict) -> None:
        """A changed job (weights, criteria): matches already known are reused."""
        self.job_row = replace(self.job_row, spec=spec)
        self.job = self._spec(spec)

    def _spec(self, spec: dict) -> JobSpec:
        """The job, with the recruiter's global synonyms added to the skills they belong to."""
        job = JobSpec.from_spec(self.job_row.title, spec, self.taxonomy)
        if self.global_synonyms:
            job.criteria = [
                replace(c, synonyms=tuple(dict.fromkeys(c.synonyms + tuple(self.global_synonyms.get(c.skill, ())))))
                if c.skill in self.global_synonyms else c
                for c in job.criteria
            ]
        return job

    # --- matches ------------------------------------------------------------

    def _criteria(self) -> list[Criterion]:
        return self.job.criteria + self.job.language_criteria()

    def _dense(self) -> dict[Criterion, Dense]:
        """Each criterion's matches as arrays over ``self.people`` (cached per criterion, not per weight).

        A taxonomy skill is one indexed read of ``skill_aggs`` (its quality was
        summed up at import). A criterion with phrases (custom words, synonyms)
        also searches the text, and its mentions are merged with the skill's
        exactly as :func:`parsing.matching.aggregate` would.
        """
        if self._dense_for is not self.people:
            self._dense_cache.clear()
            self._dense_for = self.people
            self._index = {p.person: i for i, p in enumerate(self.people)}
        n = len(self.people)
        todo = [c for c in self._criteria() if c.key not in self._dense_cache]
        plain = sorted({c.skill for c in todo if c.skill and not c.phrases})
        if plain:
            marks = ",".join("?" * len(plain))
            found: dict[str, tuple[list, list, list]] = {skill: ([], [], []) for skill in plain}
            index = self._index
            for skill, pid, quality, year in self.store.conn.execute(
                f"SELECT skill, person_id, quality, last_year FROM skill_aggs WHERE skill IN ({marks}) AND quality > 0",
                plain,
            ):
                i = index.get(pid)
                if i is not None:
                    rows = found[skill]
                    rows[0].append(i)
                    rows[1].append(quality)
                    rows[2].append(year or 0)
            for criterion in todo:
                if criterion.skill in found and not criterion.phrases:
                    idx, quality, years = found[criterion.skill]
                    dense = Dense(np.zeros(n), np.zeros(n, dtype=np.int32))
                    dense.quality[idx] = quality
                    dense.last_year[idx] = years
                    self._dense_cache[criterion.key] = dense
        for criterion in todo:
            if criterion.key in self._dense_cache:
                continue
            aggs = self._skill_aggregates([criterion.skill]).get(criterion.skill, {}) if criterion.skill else {}
            for pid, evidence in self._phrase_evidence(criterion).items():
                agg = aggregate(evidence)
                aggs[pid] = aggs[pid].merge(agg) if pid in aggs else agg
            self._dense_cache[criterion.key] = Dense.from_aggs(aggs, self._index, n)
        return {c: self._dense_cache[c.key] for c in self._criteria()}

    def restrict(self, person_ids: set[int]) -> None:
        """Rank only some of the people (the talent pool, say)."""
        self.people = [p for p in self.people if p.person in person_ids]

    def matches(self) -> tuple[list[PersonFacts], dict[tuple, Dense]]:
        """What was matched, to hand to another Ranker of the same job (see :meth:`install`)."""
        self._dense()
        return self.people, dict(self._dense_cache)

    def install(self, people: list[PersonFacts], dense: dict[tuple, Dense]) -> None:
        """Matches computed elsewhere (a background thread) for the same job and people."""
        self.people = people
        self._dense_for = people
        self._index = {p.person: i for i, p in enumerate(people)}
        self._dense_cache = dict(dense)
        self._rank_cache = {}

    def _skill_aggregates(self, skills: list[str]) -> dict[str, dict[int, Agg]]:
        marks = ",".join("?" * len(skills))
        out: dict[str, dict[int, Agg]] = {s: {} for s in skills}
        for skill, pid, best, sections, year, counted, ordinary, negated in self.store.conn.execute(
            f"SELECT skill, person_id, best, sections, last_year, counted, ordinary, negated FROM skill_aggs "
            f"WHERE skill IN ({marks})",
            skills,
        ):
            out[skill][pid] = Agg(best, frozenset(sections.split(",")) if counted else frozenset(),
                                  year, counted, ordinary, negated)  # fmt: skip
        return out

    def _phrase_variants(self, criterion: Criterion) -> dict[str, int]:
        variants = {p: 100 for p in criterion.phrases}
        for phrase in criterion.phrases:
            first = fold(phrase)[:1]
            if not first:
                continue
            if first not in self._vocabulary:
                self._vocabulary[first] = vocabulary(self.store, first)
            for word, similarity in fuzzy_variants(phrase, self._vocabulary[first]):
                variants.setdefault(word, similarity)
        return variants

    def _phrase_evidence(self, criterion: Criterion, only: Iterable[int] | None = None) -> dict[int, list[Evidence]]:
        if not self._index_checked:
            sync_search_index(self.store)
            self._index_checked = True
        variants = self._phrase_variants(criterion)
        candidates: set[int] = set()
        for phrase in variants:
            candidates.update(people_with_phrase(self.store, phrase))
        if only is not None:
            candidates &= set(only)
        out: dict[int, list[Evidence]] = {}
        for pid, (text, spans) in texts_of(self.store, sorted(candidates)).items():
            found = find_phrases(text, variants, _section_of(spans))
            if found:
                out[pid] = found
        return out

    # --- ranking and explaining ----------------------------------------------

    def rank(self) -> list[Ranked]:
        return rank_dense(self.job, self.people, self._dense(), self.today.year, self._rank_cache)

    def score(self, person_id: int) -> Score:
        """One person in full: every part with its evidence."""
        row = self.store.one("SELECT id, years_experience, location FROM people WHERE id = ?", (person_id,))
        if row is None:
            raise LookupError(f"no person with id {person_id}")
        facts = PersonFacts(row["id"], row["years_experience"], row["location"])
        criteria = self._criteria()
        skills = sorted({c.skill for c in criteria if c.skill})
        hits: dict[str, list[Evidence]] = {}
        if skills:
            marks = ",".join("?" * len(skills))
            for skill, start, end, text, similarity, flag, section, year in self.store.conn.execute(
                f"SELECT skill, start, end, text, similarity, flag, section, year FROM skill_hits "
                f"WHERE person_id = ? AND skill IN ({marks}) ORDER BY start",
                [person_id, *skills],
            ):
                hits.setdefault(skill, []).append(Evidence(text, start, end, section, similarity, year, flag))
        evidence: dict[Criterion, list[Evidence]] = {}
        for criterion in criteria:
            found = list(hits.get(criterion.skill, [])) if criterion.skill else []
            if criterion.phrases:
                found += self._phrase_evidence(criterion, only=[person_id]).get(person_id, [])
            evidence[criterion] = found
        return score_person(self.job, facts, evidence, self.today.year)


def global_synonyms(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for skill, alias in store.conn.execute("SELECT skill, alias FROM skill_synonyms ORDER BY created_at"):
        out.setdefault(skill, []).append(alias)
    return out


def add_global_synonym(store: Store, skill: str, alias: str, actor: str, taxonomy: Taxonomy | None = None) -> str:
    """A synonym for a taxonomy skill in every job; returns the skill's canonical name."""
    from review.db import now_iso

    taxonomy = taxonomy or load_taxonomy()
    known = taxonomy.lookup(skill)
    if known is None:
        raise LookupError(f"{skill!r} is not a skill in the taxonomy; add it to a job as a phrase criterion instead")
    alias = " ".join(alias.split())
    if not alias:
        raise ValueError("the synonym is empty")
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO skill_synonyms (skill, alias, added_by, created_at) VALUES (?, ?, ?, ?)",
                     (known.name, alias, actor, now_iso()))  # fmt: skip
    return known.name


def person_text(store: Store, person_id: int) -> tuple[str, list[dict]]:
    row = store.one(
        "SELECT d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (person_id,),
    )
    if row is None:
        raise LookupError(f"no person with id {person_id}")
    return row["text"] or "", json.loads(row["fields"] or "{}").get("section_spans") or []
