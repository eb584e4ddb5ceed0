"""The term index in the database: built at import, read by rankings, emptied on erasure."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from parsing.terms import ResumeTerms
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


INDEX_TABLES = ("term_postings", "term_vocab", "term_blocks", "term_people", "term_pending")


def index_tables(store) -> dict[str, list[tuple]]:
    return {t: sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall()) for t in INDEX_TABLES}


def fourteen_people() -> dict[str, str]:
    """The five resumes and nine more people who share most of their words (long rows)."""
    more = {
        f"p{i}.txt": f"Person Number{i}\nperson{i}@example.org\n\n"
        + "\n".join(list(RESUMES.values())[i % 3].splitlines()[2:][i % 4 :])
        for i in range(9)
    }
    return {**RESUMES, **MORE, **more}


@pytest.mark.parametrize("block", [4096, 4])
def test_a_merge_in_slices_writes_the_rows_one_merge_writes(tmp_path, monkeypatch, block):
    """Slices of 1, 2 and 3 people (and blocks of 4, so slices meet block ends) give the same
    rows, byte for byte, as everyone merged at once; so do a rebuild and a sync of more people,
    and the waiting people read before any of it are the same postings."""
    sync = term_index.sync
    monkeypatch.setattr(term_index, "BLOCK", block)
    monkeypatch.setattr(term_index, "sync", lambda store, slice_size=None: 0)  # all left pending
    store, job_id, ids, _ = make_people(tmp_path, monkeypatch, fourteen_people(), SYNONYM_JOB)
    pending = store.conn.execute("SELECT person_id, data FROM term_pending").fetchall()
    assert len(pending) == len(ids) == 14

    def merged(slice_size: int) -> dict[str, list[tuple]]:
        with store.transaction() as conn:
            for table in INDEX_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.executemany("INSERT INTO term_pending (person_id, data) VALUES (?, ?)", pending)
        assert sync(store, slice_size=slice_size) == 14
        return index_tables(store)

    monkeypatch.setattr(term_index, "SLICE", 3)  # readers cut the waiting people in slices too
    waiting = term_index.TermIndex(store.conn)
    read_pending = {w: waiting.postings(w) for w in sorted(waiting._load_pending())}
    at_once = merged(10**6)
    synced = term_index.TermIndex(store.conn)
    assert {t for t, _ in at_once["term_vocab"]} == set(read_pending)
    for word, p in read_pending.items():
        q = synced.postings(word)
        assert (p.person.tolist(), p.pos.tolist(), p.info.tolist()) == (
            q.person.tolist(),
            q.pos.tolist(),
            q.info.tolist(),
        ), word
    assert len(at_once["term_postings"]) > 100 and not at_once["term_pending"]
    assert max(chunks for _, _, chunks, _ in at_once["term_postings"]) == 1
    for term, blk, _, data in at_once["term_postings"]:  # each row as encode() writes it
        p = term_index.decode(blk, data)
        assert term_index.encode(blk, *term_index._runs(p.person), p.pos, p.info) == data, term
    job = resolve_job(store, job_id)
    ranked = [(r.person, r.total) for r in Ranker(store, job).rank()]
    assert ranked[0][1] > 0
    for size in (1, 2, 3):
        assert merged(size) == at_once, size
        assert [(r.person, r.total) for r in Ranker(store, job).rank()] == ranked
    monkeypatch.setattr(term_index, "SLICE", 2)
    assert term_index.rebuild(store) == 14
    assert index_tables(store) == at_once

    # An import into a block that already has rows: its one new piece per row, slices or not.
    later = tmp_path / "later"
    later.mkdir()
    for i in range(5):
        (later / f"q{i}.txt").write_text(f"Quinn Later{i}\n" + RESUMES["ana.txt"], "utf-8")
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([later])
    before = index_tables(store)
    assert len(before["term_pending"]) == 5

    def synced(slice_size: int) -> dict[str, list[tuple]]:
        with store.transaction() as conn:
            for table, rows in before.items():
                conn.execute(f"DELETE FROM {table}")
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        assert sync(store, slice_size=slice_size) == 5
        return index_tables(store)

    appended = synced(10**6)
    assert max(chunks for _, _, chunks, _ in appended["term_postings"]) == 2
    assert synced(2) == appended
    store.close()


def test_joined_pieces_are_the_piece_one_encode_writes_even_where_widths_differ():
    """Two-byte and four-byte positions and counts in one row: joined as encode() writes them."""
    block = 2
    base = block * term_index.BLOCK
    wide = np.arange(70_000, dtype=np.int64)  # one person, 70,000 positions: 4-byte both
    pieces = [
        (np.array([base + 1, base + 3]), np.array([2, 1]), np.array([5, 9, 4])),
        (np.array([base + 4]), np.array([len(wide)]), wide),
        (np.array([base + 7, base + 8]), np.array([1, 1]), np.array([0, 65_535])),
    ]
    rng = np.random.default_rng(7)
    infos = [rng.integers(0, 256, len(pos)).astype(np.uint8) for _, _, pos in pieces]
    encoded = [
        term_index.encode(block, person, counts, pos, info)
        for (person, counts, pos), info in zip(pieces, infos, strict=True)
    ]
    for chosen in ([0, 2], [0, 1], [1, 2], [0, 1, 2]):
        whole = term_index.encode(
            block,
            np.concatenate([pieces[k][0] for k in chosen]),
            np.concatenate([pieces[k][1] for k in chosen]),
            np.concatenate([pieces[k][2] for k in chosen]),
            np.concatenate([infos[k] for k in chosen]),
        )
        assert term_index.join_pieces([encoded[k] for k in chosen]) == whole, chosen
    assert term_index.join_pieces([encoded[1]]) == encoded[1]
    # Rows cut from a slice of people, wide and narrow, are what encode() writes for each word.
    long = ResumeTerms(["x", "y"], np.r_[np.zeros(69_999), [1]].astype(np.uint32), infos[1])
    short = ResumeTerms(["y", "z"], np.array([0, 1, 0], np.uint32), infos[0])
    rows = term_index._rows(block, [(base + 1, short), (base + 4, long)])
    assert [(t, n) for t, _, n in rows] == [("y", 2), ("z", 1), ("x", 1)]
    expected = {
        "x": term_index.encode(
            block, np.array([base + 4]), np.array([69_999]), wide[:-1], infos[1][:-1]
        ),
        "y": term_index.encode(
            block,
            np.array([base + 1, base + 4]),
            np.array([2, 1]),
            np.array([0, 2, 69_999]),
            np.r_[infos[0][[0, 2]], infos[1][-1:]],
        ),
        "z": term_index.encode(
            block, np.array([base + 1]), np.array([1]), np.array([1]), infos[0][1:2]
        ),
    }
    assert {t: data for t, data, _ in rows} == expected
    with pytest.raises(ValueError):
        term_index.join_pieces([encoded[0] + encoded[2], encoded[1]])


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
