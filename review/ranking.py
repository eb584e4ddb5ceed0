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
from dataclasses import replace
from datetime import date

from parsing.matching import (
    SECTION_FACTOR, OTHER_SECTION, Agg, Criterion, Evidence, JobSpec, PersonFacts, Ranked, Score,
    aggregate, find_phrases, fuzzy_variants, rank_fast, score_person,
)  # fmt: skip
from parsing.taxonomy import Taxonomy, load_taxonomy
from review.db import Store
from review.search import people_with_phrase, sync_search_index, texts_of, vocabulary

_FACTOR_SQL = "CASE coalesce(section, '') " + " ".join(
    f"WHEN '{name}' THEN {factor}" for name, factor in SECTION_FACTOR.items()
) + f" ELSE {OTHER_SECTION} END"


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
        job: dict,
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
        self.job = self._spec(job["spec"])
        self.scope = scope
        self._aggs: dict[tuple, dict[int, Agg]] = {}
        self._vocabulary: list[str] | None = None
        self.people = self._load_people()

    # --- people -------------------------------------------------------------

    def _load_people(self) -> list[PersonFacts]:
        if self.scope == "all":
            rows = self.store.conn.execute("SELECT id, years_experience, location FROM people ORDER BY id")
        else:
            rows = self.store.conn.execute(
                "SELECT p.id, p.years_experience, p.location FROM people p "
                "JOIN applications a ON a.person_id = p.id WHERE a.job_id = ? ORDER BY p.id",
                (self.job_row["id"],),
            )
        return [PersonFacts(pid, years, location) for pid, years, location in rows]

    def set_spec(self, spec: dict) -> None:
        """A changed job (weights, criteria): matches already known are reused."""
        self.job_row = {**self.job_row, "spec": spec}
        self.job = self._spec(spec)

    def _spec(self, spec: dict) -> JobSpec:
        """The job, with the recruiter's global synonyms added to the skills they belong to."""
        job = JobSpec.from_spec(self.job_row["title"], spec, self.taxonomy)
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

    def aggregates(self) -> dict[Criterion, dict[int, Agg]]:
        todo = [c for c in self._criteria() if c.key not in self._aggs]
        skills = sorted({c.skill for c in todo if c.skill})
        by_skill = self._skill_aggregates(skills) if skills else {}
        for criterion in todo:
            aggs = dict(by_skill.get(criterion.skill, {})) if criterion.skill else {}
            if criterion.phrases:
                for pid, evidence in self._phrase_evidence(criterion).items():
                    agg = aggregate(evidence)
                    aggs[pid] = aggs[pid].merge(agg) if pid in aggs else agg
            self._aggs[criterion.key] = aggs
        return {c: self._aggs[c.key] for c in self._criteria()}

    def _skill_aggregates(self, skills: list[str]) -> dict[str, dict[int, Agg]]:
        marks = ",".join("?" * len(skills))
        sql = (
            f"SELECT skill, person_id, "
            f"  max(CASE WHEN flag IS NULL THEN similarity * ({_FACTOR_SQL}) END) / 100.0, "
            f"  group_concat(DISTINCT CASE WHEN flag IS NULL THEN coalesce(section, '') END), "
            f"  max(CASE WHEN flag IS NULL THEN year END), "
            f"  count(CASE WHEN flag IS NULL THEN 1 END), count(CASE WHEN flag = 'ordinary_word' THEN 1 END), "
            f"  count(CASE WHEN flag = 'negated' THEN 1 END) "
            f"FROM skill_hits WHERE skill IN ({marks}) GROUP BY skill, person_id"
        )
        out: dict[str, dict[int, Agg]] = {s: {} for s in skills}
        for skill, pid, best, sections, year, counted, ordinary, negated in self.store.conn.execute(sql, skills):
            out[skill][pid] = Agg(best or 0.0, frozenset(sections.split(",")) if sections else frozenset(),
                                  year, counted, ordinary, negated)  # fmt: skip
        return out

    def _phrase_variants(self, criterion: Criterion) -> dict[str, int]:
        variants = {p: 100 for p in criterion.phrases}
        for phrase in criterion.phrases:
            if self._vocabulary is None:
                self._vocabulary = vocabulary(self.store)
            for word, similarity in fuzzy_variants(phrase, self._vocabulary):
                variants.setdefault(word, similarity)
        return variants

    def _phrase_evidence(self, criterion: Criterion, only: Iterable[int] | None = None) -> dict[int, list[Evidence]]:
        sync_search_index(self.store)
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
        return rank_fast(self.job, self.people, self.aggregates(), self.today.year)

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
