"""The term index in the database: built at import, read by rankings, emptied on erasure."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from review import term_index
from review.importer import Importer, ImportOptions
from review.jobs import resolve_job, update_spec
from review.ranking import Ranker, add_global_synonym, rank_job
from tests.worlds import PEOPLE_RESUMES as RESUMES
from tests.worlds import make_people

MORE = {
    "dee.txt": """Dee Okafor
dee.okafor@example.org | Lagos, Nigeria

Summary
Always ready to go the extra mile for the team. Ran Kubernetes at scale.

Experience
Platform Engineer, Ikeja Cloud 2019 - Present
- Owned the on-call rota and the incident-response runbooks
- R&D budget for the platform team

Skills
Kubernetes, Terraform, Python
""",
    "eli.txt": """Eli Moreau
eli.moreau@example.fr | Nantes, France

Summary
Backend developer writing Go services.

Experience
Backend Developer, Quai 2020 - Present
- Wrote Go services on k8s; no experience with incident response yet

Skills
Go, k8s, PostgreSQL
""",
}

SYNONYM_JOB = {
    "title": "Platform Engineer",
    "criteria": [
        {"name": "Golang", "must": True, "weight": 3, "synonyms": ["go"]},
        {"name": "Container platforms", "weight": 2, "synonyms": ["k8s"]},
        {"name": "incident response", "kind": "phrase", "weight": 2},
        {"name": "R&D", "kind": "phrase", "weight": 1},
        {"name": "Python", "weight": 1, "synonyms": ["py3", "tooling"]},
    ],
}


@pytest.fixture
def world(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(
        tmp_path, monkeypatch, {**RESUMES, **MORE}, SYNONYM_JOB
    )
    yield store, resolve_job(store, job_id), ids
    store.close()


def part(score, name):
    return next(p for p in score.parts if p.criterion == name)


def test_import_leaves_nothing_pending_and_every_word_indexed(world):
    store, _job, ids = world
    assert store.scalar("SELECT count(*) FROM term_pending") == 0
    index = term_index.TermIndex(store.conn)
    assert set(index.postings("runbooks").person.tolist()) == {ids["cy.txt"], ids["dee.txt"]}
    assert "kubernetes" in index.vocabulary("k")


def test_synonyms_the_taxonomy_knows_count_as_that_skill_with_its_rules(world):
    store, job, ids = world
    ranker = Ranker(store, job)
    plan = ranker.plan(ranker.job.criteria[1])
    assert plan.skills == ("Kubernetes",) and plan.phrases == ("Container platforms",)
    assert (
        ranker.plan(ranker.job.criteria[0]).skills == ("Go",)
        and not ranker.plan(ranker.job.criteria[0]).phrases
    )
    rows = {r.person: r for r in ranker.rank()}
    # "go the extra mile" is not Go; "Go services" is.
    assert (
        "Golang" in rows[ids["dee.txt"]].missing_must_haves
        and not rows[ids["eli.txt"]].missing_must_haves
    )
    containers = part(ranker.score(ids["eli.txt"]), "Container platforms")
    assert containers.points > 0 and {e.text for e in containers.evidence} == {"k8s"}
    assert (
        part(ranker.score(ids["dee.txt"]), "Container platforms").evidence[0].text == "Kubernetes"
    )


def test_phrases_keep_whole_words_negation_and_separators(world):
    store, job, ids = world
    ranker = Ranker(store, job)
    ranker.rank()
    dee, eli = ranker.score(ids["dee.txt"]), ranker.score(ids["eli.txt"])
    assert [e.text for e in part(dee, "incident response").evidence] == ["incident-response"]
    assert part(dee, "incident response").evidence[0].section == "experience"
    assert [e.flag for e in part(eli, "incident response").evidence] == ["negated"]
    assert part(eli, "incident response").points == 0
    assert [e.text for e in part(dee, "R&D").evidence] == [
        "R&D"
    ]  # decided by the text: "&" is no atom
    assert [
        e.text for e in part(ranker.score(ids["cy.txt"]), "Python").evidence if e.text == "tooling"
    ]


def test_ranking_and_explaining_agree_for_everyone(world):
    store, job, _ids = world
    ranked = {r.person: r for r in Ranker(store, job).rank()}
    warm, cold = Ranker(store, job), Ranker(store, job)
    warm.rank()
    for person, row in ranked.items():
        for ranker in (warm, cold):
            score = ranker.score(person)
            assert (score.total, score.recommendation) == (row.total, row.recommendation)
            assert list(score.missing_must_haves) == list(row.missing_must_haves)
    # The cold ranker explained without ranking: it never loaded everyone.
    assert cold._people is None


def test_people_still_pending_are_ranked_and_sync_keeps_the_result(tmp_path, monkeypatch):
    monkeypatch.setattr(term_index, "sync", lambda store: 0)  # an import killed before its end
    store, job_id, ids, _ = make_people(tmp_path, monkeypatch, {**RESUMES, **MORE}, SYNONYM_JOB)
    job = resolve_job(store, job_id)
    assert store.scalar("SELECT count(*) FROM term_pending") == len(ids)
    before = [(r.person, r.total) for r in Ranker(store, job).rank()]
    monkeypatch.undo()
    assert term_index.sync(store) == len(ids)
    assert store.scalar("SELECT count(*) FROM term_pending") == 0
    assert [(r.person, r.total) for r in Ranker(store, job).rank()] == before
    assert before[0][1] > 0


def postings_of(store) -> dict[tuple[str, int], bytes]:
    return {
        (t, b): d for t, b, d in store.conn.execute("SELECT term, block, data FROM term_postings")
    }


def decoded(store) -> dict[tuple[str, int], tuple]:
    out = {}
    for (term, block), data in postings_of(store).items():
        p = term_index.decode(block, data)
        out[(term, block)] = (p.person.tolist(), p.pos.tolist(), p.info.tolist())
    return out


def test_small_blocks_appended_import_by_import_equal_a_rebuild(tmp_path, monkeypatch):
    monkeypatch.setattr(
        term_index, "BLOCK", 3
    )  # ids 1-2 | 3 (first import), 4-5 (the later one) appended
    store, job_id, _ids, _ = make_people(tmp_path, monkeypatch, RESUMES, SYNONYM_JOB)
    later = tmp_path / "later"
    later.mkdir()
    for name, text in MORE.items():
        (later / name).write_text(text, encoding="utf-8")
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([later])
    assert store.scalar("SELECT count(DISTINCT block) FROM term_postings") == 2
    assert (
        store.scalar("SELECT max(chunks) FROM term_postings") == 2
    )  # the later import appended pieces
    incremental = decoded(store)
    job = resolve_job(store, job_id)
    before = [(r.person, r.total) for r in Ranker(store, job).rank()]
    assert term_index.rebuild(store) == 5
    assert store.scalar("SELECT max(chunks) FROM term_postings") == 1
    assert decoded(store) == incremental
    assert [(r.person, r.total) for r in Ranker(store, job).rank()] == before
    store.close()


def test_forget_removes_every_position_and_unique_word(world):
    store, _job, ids = world
    dee = ids["dee.txt"]
    with store.transaction() as conn:
        assert term_index.forget(conn, dee) > 0
    for (term, block), data in postings_of(store).items():
        assert dee not in term_index.decode(block, data).person.tolist(), term
    words = {t for (t,) in store.conn.execute("SELECT term FROM term_vocab")}
    assert "okafor" not in words and "ikeja" not in words and "python" in words


def test_new_synonym_matches_one_criterion_and_a_global_one_counts_everywhere(world):
    store, job, ids = world
    ranker = Ranker(store, job)
    ranker.rank()
    known = set(ranker._dense_cache)
    spec = json.loads(json.dumps(job.spec))
    spec["criteria"][2]["synonyms"] = ["runbooks"]
    ranker.set_spec(spec)
    ranker.rank()
    assert len(set(ranker._dense_cache) - known) == 1
    assert (
        part(ranker.score(ids["cy.txt"]), "incident response").points > 0
    )  # "careful with runbooks"
    add_global_synonym(store, "Terraform", "Terraform modules", "robin")
    update_spec(store, job.id, {"criteria": [{"name": "Terraform", "weight": 1}]})
    fresh = Ranker(store, resolve_job(store, job.id))
    assert fresh.plan(fresh.job.criteria[0]).phrases == ("Terraform modules",)
    assert "Terraform modules" in {
        e.text for e in part(fresh.score(ids["cy.txt"]), "Terraform").evidence
    }


def test_rank_job_on_its_own_connection_reuses_earlier_matches(world):
    store, job, ids = world
    first = rank_job(store.path, job)
    assert [r.person for r in first.ranked] == [r.person for r in Ranker(store, job).rank()]
    spec = json.loads(json.dumps(job.spec))
    spec["criteria"][4]["weight"] = 9
    second = rank_job(store.path, replace(job, spec=spec), previous=first)
    assert all(second.dense[k] is first.dense[k] for k in first.dense)  # nothing matched again
    assert (
        second.ranked[0].person == ids["cy.txt"] or second.ranked[0].total >= first.ranked[0].total
    )


def test_cli_explain_shows_phrase_and_synonym_evidence(world):
    store, job, ids = world
    args = ["explain", str(ids["dee.txt"]), "--job", str(job.id), "--db", str(store.path)]
    out = subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "»incident-response«" in out.stdout and "»Kubernetes«" in out.stdout


def test_people_stored_by_another_path_are_indexed_from_their_text(world):
    store, job, _ids = world
    with store.transaction() as conn:
        doc = conn.execute(
            "INSERT INTO documents (sha256, size, original_name, outcome, text, fields, "
            "imported_at) "
            "VALUES ('f', 1, 'fay.txt', 'ok', ?, '{}', 'now')",
            ("Fay Adeyemi\nLed incident response for the payments team",),
        ).lastrowid
        fay = conn.execute(
            "INSERT INTO people (document_id, name, created_at, updated_at) "
            "VALUES (?, 'Fay Adeyemi', 'now', 'now')",
            (doc,),
        ).lastrowid
    ranker = Ranker(store, job, scope="all")
    assert {r.person: r.total for r in ranker.rank()}[fay] == ranker.score(fay).total > 0
    assert term_index.sync(store) == 1
    assert store.scalar("SELECT count(*) FROM term_people WHERE person_id = ?", (fay,)) == 1
    assert fay in term_index.TermIndex(store.conn).postings("incident").person.tolist()


def test_a_word_as_a_skill_and_as_a_phrase_are_matched_apart(world):
    """A skill criterion "go" is the language, with its rules; a phrase "go" is any "go"."""
    store, job, ids = world
    spec = {
        "criteria": [{"name": "go", "weight": 1}, {"name": "go", "kind": "phrase", "weight": 1}]
    }
    ranker = Ranker(store, replace(job, spec=spec))
    skill, phrase = ranker.job.criteria
    assert skill.key != phrase.key
    assert ranker.plan(skill).skills == ("Go",) and ranker.plan(phrase).phrases == ("go",)
    parts = sorted(
        (p for p in ranker.score(ids["dee.txt"]).parts if p.criterion == "go"),
        key=lambda p: p.points,
    )
    assert (
        parts[0].points == 0 and parts[0].note == "'go' found only as an ordinary word"
    )  # "go the extra mile"
    assert parts[1].points > 0 and [e.text for e in parts[1].evidence] == ["go"]


def test_a_person_older_than_the_block_is_merged_into_its_rows(world):
    """Stored by another path with an id below the newest indexed one: merged row by row."""
    store, job, _ids = world
    with store.transaction() as conn:
        doc = conn.execute(
            "INSERT INTO documents (sha256, size, original_name, outcome, text, fields, "
            "imported_at) VALUES ('g', 1, 'gus.txt', 'ok', ?, '{}', 'now')",
            ("Gus Nakamura\nOwned the runbooks and the incident response rota",),
        ).lastrowid
        conn.execute(
            "INSERT INTO people (id, document_id, name, created_at, updated_at) "
            "VALUES (0, ?, 'Gus Nakamura', 'now', 'now')",
            (doc,),
        )
    before = term_index.TermIndex(store.conn).postings("runbooks").person.tolist()
    assert term_index.sync(store) == 1
    after = term_index.TermIndex(store.conn).postings("runbooks").person.tolist()
    assert 0 in before and after == before  # read from the text before, from the postings after
    assert store.scalar("SELECT max(chunks) FROM term_postings") == 1
    assert store.scalar("SELECT people FROM term_vocab WHERE term = 'runbooks'") == len(after)
    ranker = Ranker(store, job, scope="all")
    assert {r.person: r.total for r in ranker.rank()}[0] == ranker.score(0).total > 0
