"""Ranking stored people: taxonomy skills from stored hits, phrases from the index, both
explained."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from review.jobs import resolve_job, update_spec
from review.ranking import Ranker, add_global_synonym
from tests.worlds import make_people


@pytest.fixture
def ranked(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    yield store, resolve_job(store, job_id), ids
    store.close()


def test_rank_orders_by_score_and_never_hides_anyone(ranked):
    store, job, ids = ranked
    rows = Ranker(store, job).rank()
    assert next(r.person for r in rows) == ids["ana.txt"]  # Python, PostgreSQL, Kubernetes, 7 years
    assert {r.person for r in rows} == set(ids.values())
    assert [r.total for r in rows] == sorted((r.total for r in rows), reverse=True)
    bo = next(r for r in rows if r.person == ids["bo.txt"])
    assert list(bo.missing_must_haves) == [] and "PostgreSQL" not in bo.top


def test_explain_has_evidence_with_positions_in_the_text(ranked):
    store, job, ids = ranked
    score = Ranker(store, job).score(ids["ana.txt"])
    text = store.scalar(
        "SELECT d.text FROM documents d JOIN people p ON p.document_id = d.id WHERE p.id = ?",
        (ids["ana.txt"],),
    )
    python = next(p for p in score.parts if p.criterion == "Python")
    assert python.points == python.weight and python.must
    for ev in python.evidence:
        assert text[ev.start : ev.end] == ev.text and ev.section in (
            "summary",
            "experience",
            "skills",
        )
    assert {e.section for e in python.evidence} >= {"skills", "experience"}
    years = next(p for p in score.parts if p.kind == "years")
    assert years.points == years.weight


def test_weight_change_and_new_criteria_reuse_cached_matches(ranked):
    store, job, ids = ranked
    ranker = Ranker(store, job)
    ranker.rank()
    cached = dict(ranker._dense_cache)
    spec = json.loads(json.dumps(job.spec))
    spec["criteria"][2]["weight"] = 10  # Kubernetes
    ranker.set_spec(spec)
    top = ranker.rank()
    assert ranker._dense_cache.keys() == cached.keys()  # no new matching for a weight change
    assert top[0].person in (ids["ana.txt"], ids["cy.txt"])
    spec["criteria"].append(
        {"name": "incident response", "kind": "phrase", "must": False, "weight": 5, "synonyms": []}
    )
    ranker.set_spec(spec)
    rows = ranker.rank()
    assert rows[0].person == ids["cy.txt"]  # "Python tooling for incident response"
    part = next(p for p in ranker.score(ids["cy.txt"]).parts if p.criterion == "incident response")
    assert part.points > 0 and part.evidence[0].text.lower() == "incident response"


def test_global_synonym_counts_in_every_job(ranked):
    store, job, ids = ranked
    spec = {
        "criteria": [
            {"name": "Microsoft Excel", "kind": "skill", "must": False, "weight": 1, "synonyms": []}
        ]
    }
    update_spec(store, job.id, spec)
    job = resolve_job(store, job.id)
    before = {r.person: r.total for r in Ranker(store, job).rank()}
    with pytest.raises(LookupError):
        add_global_synonym(store, "No Such Skill", "x", "robin")
    add_global_synonym(store, "Excel", "tidy spreadsheets", "robin")
    after = {r.person: r.total for r in Ranker(store, job).rank()}
    assert after[ids["bo.txt"]] >= before[ids["bo.txt"]]
    part = next(
        p for p in Ranker(store, job).score(ids["bo.txt"]).parts if p.criterion == "Microsoft Excel"
    )
    assert any(e.text == "tidy spreadsheets" for e in part.evidence)


def test_cli_rank_json_keys(ranked):
    store, job, ids = ranked
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "rank",
            "--job",
            job.title,
            "--json",
            "--top",
            "2",
            "--db",
            str(store.path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert set(first) == {
        "person",
        "name",
        "score",
        "recommendation",
        "parts",
        "missing_must_haves",
    }
    assert first["person"] == ids["ana.txt"] and first["recommendation"] in (
        "strong",
        "possible",
        "unlikely",
    )
    part = first["parts"][0]
    assert set(part) == {"criterion", "weight", "points", "evidence"}
    assert set(part["evidence"][0]) == {"text", "section", "start", "end"}


def test_cli_job_add_from_ad_and_list(ranked, tmp_path):
    store, _job, _ids = ranked
    ad = tmp_path / "ad.txt"
    ad.write_text(
        "Site Reliability Engineer\nLocation: Lyon\n\nRequirements\n- 4+ years running Kubernetes\n"
        "- Terraform\n\nNice to have\n- Grafana\n",
        encoding="utf-8",
    )
    cli = [sys.executable, "-m", "app.cli"]
    proposed = subprocess.run(
        [*cli, "job", "from-ad", str(ad)], capture_output=True, text=True, timeout=60
    )
    assert proposed.returncode == 0, proposed.stderr
    toml = tmp_path / "job.toml"
    toml.write_text(proposed.stdout, encoding="utf-8")
    assert (
        'name = "Kubernetes"\nmust = true' in proposed.stdout and "min_years = 4" in proposed.stdout
    )
    assert 'name = "Grafana"\nweight = 1' in proposed.stdout
    added = subprocess.run(
        [*cli, "job", "add", str(toml), "--db", str(store.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert added.returncode == 0 and added.stdout.strip().isdigit()
    listed = subprocess.run(
        [*cli, "job", "list", "--json", "--db", str(store.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    titles = [json.loads(line)["title"] for line in listed.stdout.splitlines()]
    assert titles == ["Backend Engineer", "Site Reliability Engineer"]
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "X"\n[[criteria]]\nname = "Go"\nweight = "high"\n', encoding="utf-8")
    refused = subprocess.run(
        [*cli, "job", "add", str(bad), "--db", str(store.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        refused.returncode != 0
        and "criteria #1.weight" in refused.stderr
        and "bad.toml" in refused.stderr
    )
