"""Rank a job's people, fast, and explain any one of them in full.

Nothing here re-reads resume texts to rank. Per criterion:

* a taxonomy skill was found in each resume at import (``skill_aggs``: one
  indexed read);
* a synonym the taxonomy knows ("k8s", "golang", "excel") counts as that
  skill's stored hits, with the taxonomy's case and context rules for short
  names; a synonym of the criterion's own skill adds nothing it did not have;
* other words (phrase criteria, synonyms the taxonomy does not know, and
  their spelling variants) are matched in the term index built at import
  (:mod:`review.term_index`), once for everyone.

Explaining one person reads only that person: their skill hits, and their
text cut into atoms by the same function as the index (or, after a ranking,
the phrase matches it already holds for them). Matches are cached per
criterion (not per weight): a weight change only re-adds the sums; a new
criterion or synonym matches that one criterion.

A Ranker holds its own connection's reads and plain arrays: :func:`rank_job`
runs one on a fresh connection off the UI thread, and :meth:`Ranker.install`
takes its matches into the window's Ranker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from parsing.matching import (
    BREADTH_BONUS,
    Criterion,
    Dense,
    Evidence,
    JobSpec,
    PersonFacts,
    Ranked,
    Score,
    aggregate,
    find_phrases,
    fuzzy_variants,
    rank_dense,
    score_person,
    section_factor,
)
from parsing.taxonomy import Taxonomy, key_of, load_taxonomy, tokens
from parsing.terms import (
    ATOM_RE,
    NEGATED,
    SECTION_NAMES,
    Matches,
    compile_phrase,
    find_phrase,
    fuzzy_key,
    index_resume,
    inexact_variants,
    match_variants,
    one_person_lookup,
    section_finder,
)
from review.db import Store
from review.jobs import Job
from review.search import texts_of
from review.term_index import TermIndex

# Section factor and breadth bit of each section code of the term index.
_CODE_FACTOR = np.array([section_factor(name) for name in SECTION_NAMES])
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


@dataclass(frozen=True)
class Plan:
    """How one criterion is matched."""

    skills: tuple[str, ...]  # taxonomy skills whose stored hits count
    phrases: tuple[str, ...]  # words matched in the term index (similarity 100)
    fuzzy: tuple[str, ...]  # those of the phrases whose spelling variants count too

    @property
    def plain(self) -> bool:
        return len(self.skills) == 1 and not self.phrases


def _popcount(mask: np.ndarray) -> np.ndarray:
    """Set bits per element (the sections a criterion was found in)."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2
        return np.bitwise_count(mask).astype(np.int64)
    return _POPCOUNT[mask.view(np.uint8).reshape(len(mask), 8)].sum(axis=1)


class Ranker:
    """A job's ranking over a set of people; keeps per-criterion matches between calls.

    People are loaded when first needed: explaining one person (``score``)
    never reads everyone.
    """

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
        # Stacked matrices for rank_dense, reused while only weights change.
        self._rank_cache: dict = {}
        self._dense_for: list[PersonFacts] | None = None
        self._index: dict[int, int] = {}
        # person id -> position in people, -1 if absent
        self._position: np.ndarray = np.zeros(0, np.int64)
        self._people: list[PersonFacts] | None = None
        self._plans: dict[tuple, Plan] = {}
        # skill -> positions in people, best, section bits, last year (of its stored aggregates)
        self._skill_arrays: dict[str, tuple] = {}
        self._terms: TermIndex | None = None
        self._section_bits: dict[str, int] = {
            name or "": code for code, name in enumerate(SECTION_NAMES)
        }

    # --- people -------------------------------------------------------------

    @property
    def people(self) -> list[PersonFacts]:
        if self._people is None:
            self._people = self._load_people()
        return self._people

    @people.setter
    def people(self, people: list[PersonFacts]) -> None:
        self._people = people

    def _load_people(self) -> list[PersonFacts]:
        if self.scope == "all":
            rows = self.store.conn.execute(
                "SELECT id, years_experience, location FROM people ORDER BY id"
            )
        else:
            rows = self.store.conn.execute(
                "SELECT p.id, p.years_experience, p.location FROM people p "
                "JOIN applications a ON a.person_id = p.id WHERE a.job_id = ? ORDER BY p.id",
                (self.job_row.id,),
            )
        return [PersonFacts(pid, years, location) for pid, years, location in rows]

    def restrict(self, person_ids: set[int]) -> None:
        """Rank only some of the people (the talent pool, say)."""
        self.people = [p for p in self.people if p.person in person_ids]

    def set_spec(self, spec: dict) -> None:
        """A changed job (weights, criteria): matches already known are reused."""
        self.job_row = replace(self.job_row, spec=spec)
        self.job = self._spec(spec)

    def _spec(self, spec: dict) -> JobSpec:
        """The job, with the recruiter's global synonyms added to the skills they belong to."""
        job = JobSpec.from_spec(self.job_row.title, spec, self.taxonomy)
        if self.global_synonyms:
            job.criteria = [
                replace(
                    c,
                    synonyms=tuple(
                        dict.fromkeys(c.synonyms + tuple(self.global_synonyms.get(c.skill, ())))
                    ),
                )
                if c.skill in self.global_synonyms
                else c
                for c in job.criteria
            ]
        return job

    def _criteria(self) -> list[Criterion]:
        return self.job.criteria + self.job.language_criteria()

    # --- how a criterion is matched --------------------------------------------

    def plan(self, criterion: Criterion) -> Plan:
        """Which stored skills and which index words answer a criterion.

        The words of a skill criterion (its name when the taxonomy does not
        know it, and its synonyms) that name a taxonomy skill count as that
        skill's stored hits: "k8s" as Kubernetes, "go" only where Go is the
        language. Phrase criteria keep their words as typed.
        """
        plan = self._plans.get(criterion.key)
        if plan is not None:
            return plan
        skills = [criterion.skill] if criterion.skill else []
        phrases: list[str] = []
        for phrase in criterion.phrases:
            if not phrase.strip():
                continue
            known = self._taxonomy_skill(phrase) if criterion.kind == "skill" else None
            if known is not None:
                if known not in skills:
                    skills.append(known)
                continue
            if compile_phrase(phrase) is not None and phrase not in phrases:
                phrases.append(phrase)
        fuzzy = tuple(p for p in phrases if fuzzy_key(p))
        plan = self._plans[criterion.key] = Plan(tuple(skills), tuple(phrases), fuzzy)
        return plan

    def _taxonomy_skill(self, phrase: str) -> str | None:
        known = self.taxonomy.lookup(phrase)
        if known is not None:
            return known.name
        words = [t.text for t in tokens(phrase)]
        sid = self.taxonomy.case_folded.get(key_of(words)) if words else None
        return self.taxonomy.skills[sid].name if sid is not None else None

    def _variants(self, plan: Plan, vocabulary) -> dict[str, int]:
        """The plan's phrases (100) and their spelling variants in ``vocabulary(first letter)``."""
        variants = dict.fromkeys(plan.phrases, 100)
        for phrase in plan.fuzzy:
            for word, similarity in fuzzy_variants(phrase, vocabulary(fuzzy_key(phrase)[:1])):
                variants.setdefault(word, similarity)
        return variants

    @property
    def terms(self) -> TermIndex:
        if self._terms is None:
            self._terms = TermIndex(self.store.conn)
        return self._terms

    # --- matches over everyone ------------------------------------------------

    def _dense(self) -> dict[Criterion, Dense]:
        """Each criterion's matches as arrays over ``self.people`` (cached per criterion, not
        per weight)."""
        people = self.people
        if self._dense_for is not people:
            self._dense_cache.clear()
            self._reindex(people)
        n = len(people)
        todo = [c for c in self._criteria() if c.key not in self._dense_cache]
        plain = sorted({c.skill for c in todo if self.plan(c).plain})
        if plain:
            found = self._skill_quality(plain)
            for criterion in todo:
                if self.plan(criterion).plain:
                    idx, quality, years = found[criterion.skill]
                    dense = Dense(np.zeros(n), np.zeros(n, dtype=np.int32))
                    dense.quality[idx] = quality
                    dense.last_year[idx] = years
                    self._dense_cache[criterion.key] = dense
        rest = [c for c in todo if c.key not in self._dense_cache]
        if rest:
            self._skill_rows(s for c in rest for s in self.plan(c).skills)
            self.terms.prefetch(
                w for c in rest for p in self.plan(c).phrases for w in compile_phrase(p).atoms
            )
        for criterion in rest:
            if criterion.key not in self._dense_cache:
                self._dense_cache[criterion.key] = self._combined(self.plan(criterion))
        return {c: self._dense_cache[c.key] for c in self._criteria()}

    def _reindex(self, people: list[PersonFacts]) -> None:
        self._dense_for = people
        self._skill_arrays = {}
        self._index = {p.person: i for i, p in enumerate(people)}
        ids = np.fromiter((p.person for p in people), np.int64, len(people))
        self._position = np.full(int(ids.max(initial=-1)) + 1, -1, np.int64)
        self._position[ids] = np.arange(len(people))

    def _positions(self, person_ids: np.ndarray) -> np.ndarray:
        """Positions in ``people`` of these ids (-1 for people not ranked here)."""
        inside = person_ids < len(self._position)
        out = np.full(len(person_ids), -1, np.int64)
        out[inside] = self._position[person_ids[inside]]
        return out

    def _skill_quality(self, skills: list[str]) -> dict[str, tuple[list, list, list]]:
        """A taxonomy skill alone: its quality, summed up at import, per person."""
        marks = ",".join("?" * len(skills))
        found: dict[str, tuple[list, list, list]] = {skill: ([], [], []) for skill in skills}
        index = self._index
        for skill, pid, quality, year in self.store.conn.execute(
            f"SELECT skill, person_id, quality, last_year FROM skill_aggs "
            f"WHERE skill IN ({marks}) AND quality > 0",
            skills,
        ):
            i = index.get(pid)
            if i is not None:
                rows = found[skill]
                rows[0].append(i)
                rows[1].append(quality)
                rows[2].append(year or 0)
        return found

    def _bits(self, sections: str) -> int:
        mask = 0
        for name in sections.split(","):
            bit = self._section_bits.get(name)
            if bit is None:
                bit = self._section_bits[name] = len(self._section_bits)
            mask |= 1 << bit
        return mask

    def _skill_rows(self, skills) -> None:
        """Stored aggregates of these skills over ``people``, as arrays (read once per skill)."""
        for skill in sorted({s for s in skills if s not in self._skill_arrays}):
            rows = self.store.conn.execute(
                "SELECT person_id, best, sections, coalesce(last_year, 0) FROM skill_aggs "
                "WHERE skill = ? AND counted > 0",
                (skill,),
            ).fetchall()
            if not rows:
                self._skill_arrays[skill] = (
                    np.zeros(0, np.int64),
                    np.zeros(0),
                    np.zeros(0, np.uint64),
                    np.zeros(0, np.int32),
                )
                continue
            pid, best, sections, year = zip(*rows, strict=True)
            at = self._positions(np.array(pid, np.int64))
            bits = {s: self._bits(s) for s in set(sections)}
            mask = np.array([bits[s] for s in sections], np.uint64)
            keep = at >= 0
            self._skill_arrays[skill] = (
                at[keep],
                np.array(best)[keep],
                mask[keep],
                np.array(year, np.int32)[keep],
            )

    def _combined(self, plan: Plan) -> Dense:
        """Skills' stored aggregates and phrase matches merged per person, as aggregate() would."""
        n = len(self.people)
        best = np.zeros(n)
        mask = np.zeros(n, np.uint64)
        year = np.zeros(n, np.int32)
        self._skill_rows(plan.skills)
        for skill in plan.skills:
            # One row per person and skill: plain fancy indexing, no ufunc.at.
            at, b, m, y = self._skill_arrays[skill]
            best[at] = np.maximum(best[at], b)
            mask[at] |= m
            year[at] = np.maximum(year[at], y)
        phrases, verified = None, None
        if plan.phrases:
            variants = self._variants(plan, self.terms.vocabulary)
            phrases = match_variants(variants, self.terms.postings)
            counted = ~phrases.negated
            at = self._positions(phrases.person[counted])
            ok = at >= 0
            codes = phrases.section[counted][ok].astype(np.int64)
            values = phrases.similarity[counted][ok] / 100 * _CODE_FACTOR[codes]
            np.maximum.at(best, at[ok], values)
            np.bitwise_or.at(mask, at[ok], np.left_shift(np.uint64(1), codes.astype(np.uint64)))
            verified = self._verified(variants)
            for pid, evidence in verified.items():
                i = self._index.get(pid)
                agg = aggregate(evidence)
                if i is None or agg.best <= 0:
                    continue
                best[i] = max(best[i], agg.best)
                mask[i] |= np.uint64(self._bits(",".join(s or "" for s in agg.sections)))
        quality = np.where(
            best > 0,
            np.minimum(
                1.0, best + BREADTH_BONUS * np.minimum(np.maximum(_popcount(mask) - 1, 0), 2)
            ),
            0.0,
        )
        return Dense(quality, year, phrases, verified)

    def _verified(self, variants: dict[str, int]) -> dict[int, list[Evidence]]:
        """Phrases the atoms cannot express exactly ("R&D"): their atoms find candidates, the
        text decides."""
        hard = inexact_variants(variants)
        if not hard:
            return {}
        candidates: set[int] = set()
        for text in hard:
            found = find_phrase(compile_phrase(text), self.terms.postings, exact_only=False)
            candidates.update(found.person.tolist())
        out: dict[int, list[Evidence]] = {}
        for pid, (text, spans) in texts_of(self.store, sorted(candidates)).items():
            found = find_phrases(text, hard, section_finder(spans))
            if found:
                out[pid] = found
        return out

    def matches(self) -> tuple[list[PersonFacts], dict[tuple, Dense]]:
        """What was matched, to hand to another Ranker of the same job (see :meth:`install`)."""
        self._dense()
        return self.people, dict(self._dense_cache)

    def install(self, people: list[PersonFacts], dense: dict[tuple, Dense]) -> None:
        """Matches computed elsewhere (a background thread) for the same job and people."""
        self.people = people
        self._reindex(people)
        self._dense_cache = dict(dense)
        self._rank_cache = {}

    # --- ranking and explaining ----------------------------------------------

    def rank(self) -> list[Ranked]:
        return rank_dense(self.job, self.people, self._dense(), self.today.year, self._rank_cache)

    def score(self, person_id: int) -> Score:
        """One person in full: every part with its evidence, from that person's stored data only."""
        row = self.store.conn.execute(
            "SELECT p.id, p.years_experience, p.location, d.text, d.fields FROM people p "
            "JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
            (person_id,),
        ).fetchone()
        if row is None:
            raise LookupError(f"no person with id {person_id}")
        facts = PersonFacts(row[0], row[1], row[2])
        criteria = self._criteria()
        skills = sorted({s for c in criteria for s in self.plan(c).skills})
        hits: dict[str, list[Evidence]] = {}
        if skills:
            marks = ",".join("?" * len(skills))
            for skill, start, end, text, similarity, flag, section, year in self.store.conn.execute(
                f"SELECT skill, start, end, text, similarity, flag, section, year FROM skill_hits "
                f"WHERE person_id = ? AND skill IN ({marks}) ORDER BY start",
                [person_id, *skills],
            ):
                hits.setdefault(skill, []).append(
                    Evidence(text, start, end, section, similarity, year, flag)
                )
        mentions = _PersonText(person_id, row[3] or "", row[4])
        evidence: dict[Criterion, list[Evidence]] = {}
        for criterion in criteria:
            plan = self.plan(criterion)
            found = [e for skill in plan.skills for e in hits.get(skill, [])]
            if plan.phrases:
                found += self._phrase_evidence(criterion, plan, mentions)
            evidence[criterion] = found
        return score_person(self.job, facts, evidence, self.today.year)

    def _phrase_evidence(
        self, criterion: Criterion, plan: Plan, person: _PersonText
    ) -> list[Evidence]:
        dense = self._dense_cache.get(criterion.key)
        if dense is not None and dense.phrases is not None:
            # Ranked already: this person's rows of the matches everyone got.
            matches: Matches = dense.phrases
            lo, hi = np.searchsorted(matches.person, [person.id, person.id + 1]).tolist()
            out = _evidence(person.text, matches, lo, hi, *person.atom_spans()) if hi > lo else []
            return out + list((dense.verified or {}).get(person.id, []))
        terms = person.terms()
        variants = self._variants(plan, person.vocabulary)
        matches = match_variants(variants, person.lookup())
        out = _evidence(person.text, matches, 0, len(matches), terms.starts, terms.ends)
        hard = inexact_variants(variants)
        if hard:
            out += find_phrases(person.text, hard, section_finder(person.spans))
        return out


class _PersonText:
    """One person's text, cut into atoms only when a phrase needs it."""

    def __init__(self, person_id: int, text: str, fields: str | None):
        self.id = person_id
        self.text = text
        self._fields = fields
        self._terms = None
        self._lookup = None
        self._spans: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def spans(self) -> list[dict]:
        return json.loads(self._fields or "{}").get("section_spans") or []

    def terms(self):
        if self._terms is None:
            self._terms = index_resume(self.text, self.spans, offsets=True)
        return self._terms

    def lookup(self):
        if self._lookup is None:
            self._lookup = one_person_lookup(self.terms(), self.id)
        return self._lookup

    def vocabulary(self, first_letter: str) -> list[str]:
        return [w for w in self.terms().terms if w.startswith(first_letter)]

    def atom_spans(self) -> tuple[np.ndarray, np.ndarray]:
        if self._spans is None:
            found = [m.span() for m in ATOM_RE.finditer(self.text)]
            arr = np.array(found, np.int64).reshape(len(found), 2)
            self._spans = (arr[:, 0], arr[:, 1])
        return self._spans


def _evidence(
    text: str, m: Matches, lo: int, hi: int, starts: np.ndarray, ends: np.ndarray
) -> list[Evidence]:
    """Mentions ``lo:hi`` of ``m`` as evidence: the words in the text, their section, negation."""
    out = []
    for k in range(int(lo), int(hi)):
        a, b = int(starts[m.start[k]]), int(ends[m.end[k] - 1])
        section = SECTION_NAMES[int(m.info[k]) >> 3]
        flag = "negated" if m.info[k] & NEGATED else None
        out.append(Evidence(text[a:b], a, b, section, int(m.similarity[k]), None, flag))
    return out


# --- off the UI thread ---------------------------------------------------------------


@dataclass
class Ranking:
    """A finished ranking, made on its own connection: plain data the window swaps in.

    Its arrays are read-only, so the thread that made it and the one that uses it
    share nothing mutable. On the UI thread: ``ranker.install(r.people, r.dense)``
    (explaining then slices these matches), and show ``r.ranked``.
    """

    job: dict
    people: list[PersonFacts]
    dense: dict[tuple, Dense]
    ranked: list[Ranked]


def rank_job(
    db_path,
    job: dict,
    *,
    scope: str = "applicants",
    previous: Ranking | None = None,
    taxonomy: Taxonomy | None = None,
    today: date | None = None,
) -> Ranking:
    """Rank a job on a fresh read connection (safe in a worker thread; writes nothing).

    ``previous`` (the same job's last ranking, for the same people) lends its
    per-criterion matches: after a weight change or one new synonym only what
    changed is matched.
    """
    with Store(db_path, migrate=False) as store:
        ranker = Ranker(store, job, scope=scope, taxonomy=taxonomy, today=today)
        if previous is not None and previous.job.id == job.id:
            people = ranker.people
            if [p.person for p in people] == [p.person for p in previous.people]:
                ranker.install(people, previous.dense)  # the same people in the same order
        ranked = ranker.rank()
        people, dense = ranker.matches()
        for matches in dense.values():
            _freeze(matches)
        return Ranking(job, people, dense, ranked)


def _freeze(dense: Dense) -> None:
    arrays = [dense.quality, dense.last_year]
    if dense.phrases is not None:
        arrays += [
            getattr(dense.phrases, name)
            for name in ("person", "start", "end", "info", "similarity")
        ]
    for array in arrays:
        array.flags.writeable = False


# --- synonyms ------------------------------------------------------------------------


def global_synonyms(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for skill, alias in store.conn.execute(
        "SELECT skill, alias FROM skill_synonyms ORDER BY created_at"
    ):
        out.setdefault(skill, []).append(alias)
    return out


def add_global_synonym(
    store: Store, skill: str, alias: str, actor: str, taxonomy: Taxonomy | None = None
) -> str:
    """A synonym for a taxonomy skill in every job; returns the skill's canonical name."""
    from review.db import now_iso

    taxonomy = taxonomy or load_taxonomy()
    known = taxonomy.lookup(skill)
    if known is None:
        raise LookupError(
            f"{skill!r} is not a skill in the taxonomy; add it to a job as a phrase criterion "
            "instead"
        )
    alias = " ".join(alias.split())
    if not alias:
        raise ValueError("the synonym is empty")
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO skill_synonyms (skill, alias, added_by, created_at) "
            "VALUES (?, ?, ?, ?)",
            (known.name, alias, actor, now_iso()),
        )
    return known.name


def person_text(store: Store, person_id: int) -> tuple[str, list[dict]]:
    row = store.one(
        "SELECT d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id = ?",
        (person_id,),
    )
    if row is None:
        raise LookupError(f"no person with id {person_id}")
    return row["text"] or "", json.loads(row["fields"] or "{}").get("section_spans") or []
