"""Keeping our word: people who asked to hear about matching roles are offered to the recruiter
when a job opens, each as a short personal message sent one at a time, at the frequency they
chose — through ``shortlist offers``."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from review import gate, offers, outbox
from review import people as P
from review import replies as R
from review.jobs import create_job, resolve_job, spec_from_toml
from review.relationship import set_preferences
from tests.test_replies import answer, save
from tests.worlds import AUTHOR, build_template, open_world

PAYMENTS = {
    "title": "Payments Platform Engineer",
    "criteria": [
        {"name": "Python", "must": True, "weight": 3},
        {"name": "Apache Kafka", "weight": 2},
        {"name": "PostgreSQL", "weight": 2},
    ],
}
STREAMING = {
    "title": "Streaming Engineer",
    "criteria": [
        {"name": "Apache Kafka", "must": True, "weight": 3},
        {"name": "Python", "weight": 1},
    ],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("offers-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    folder = outbox.OutboxFolder(w.outbox_dir)
    for name in ("ana", "eli", "bo", "cy"):
        jobs = ("backend", "data") if name == "ana" else ("backend",)
        message = gate.let_go(w.store, w.disposition(name, jobs=jobs), AUTHOR, w.settings)
        outbox.deliver(w.store, message, folder, AUTHOR)
    set_preferences(w.store, w.people["ana"], AUTHOR, frequency="matching_roles", consent=True)
    set_preferences(w.store, w.people["eli"], AUTHOR, frequency="quarterly", consent=True)
    set_preferences(w.store, w.people["bo"], AUTHOR, consent=True, topics=["data engineering"])
    set_preferences(w.store, w.people["cy"], AUTHOR, channel="none", consent=True)
    P.add_relationship_note(
        w.store, w.people["ana"], "Ana wants to mentor junior engineers again.", AUTHOR
    )
    yield w
    w.store.close()


def new_job(world, spec: dict) -> int:
    return create_job(world.store, spec["title"], "", spec_from_toml(dict(spec), "job"), AUTHOR)


def run(world, capsys, *args) -> tuple[int, str, str]:
    code = main(["offers", *map(str, args), "--db", str(world.store.path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_who_hears_about_a_new_role_and_the_message_they_get(world, capsys):
    job_id = new_job(world, PAYMENTS)
    ready, held = offers.offers_for(world.store, resolve_job(world.store, job_id))
    # Ana and Eli asked and fit; Bo wants data engineering only; Cy asked not to be contacted.
    assert sorted(o.name for o in ready) == ["Ana Lima", "Eli Okafor"] and held == []
    code, out, _ = run(world, capsys, "--job", PAYMENTS["title"], "--show", "Ana Lima")
    assert code == 0
    assert out.startswith("Subject: A role you might like: Payments Platform Engineer")
    assert "Hi Ana," in out and "we have just opened Payments Platform Engineer" in out
    assert "it asks for Python" in out and "your resume says: “" in out
    assert "when we last spoke: you want to mentor junior engineers again." in out
    assert "Reply MONTHLY, QUARTERLY or MATCHING" in out and "NEVER" in out

    code, out, err = run(world, capsys, "--job", PAYMENTS["title"], "--send", "Ana Lima")
    assert code == 0, err
    assert "Sent: Payments Platform Engineer, to Ana Lima" in out
    row = world.store.one("SELECT * FROM messages WHERE kind = 'role'")
    assert row["person_id"] == world.people["ana"] and row["job_id"] == job_id
    assert row["state"] == "delivered"
    # Told, not added: her place on a list is the recruiter's act.
    assert not world.store.scalar("SELECT count(*) FROM applications WHERE job_id = ?", (job_id,))
    code, _, err = run(world, capsys, "--job", PAYMENTS["title"], "--send", "Ana Lima")
    assert code == 1 and "not among the people to tell" in err
    # Her answer comes back to that job.
    sent = world.message(row["id"])
    reply = R.store_reply(
        world.store,
        _read(world, answer(sent, "ana.lima@example.org", "Yes, very interested! Happy to talk.")),
        AUTHOR,
    )
    assert reply.person == world.people["ana"] and reply.job_title == PAYMENTS["title"]


def _read(world, message):
    from parsing.inbox import read_paths

    [mail] = read_paths([str(save(world.folder / "in", "r.eml", message))])
    return mail


def test_quarterly_is_not_told_more_often_and_matching_roles_hears_each(world, capsys):
    first = new_job(world, PAYMENTS)
    for name in ("Eli Okafor", "Ana Lima"):
        assert run(world, capsys, "--job", first, "--send", name)[0] == 0
    second = new_job(world, STREAMING)
    ready, held = offers.offers_for(world.store, resolve_job(world.store, second))
    assert [o.name for o in ready] == ["Ana Lima"]  # each matching role
    [eli] = held
    assert eli.name == "Eli Okafor" and eli.frequency == "quarterly"
    code, out, _ = run(world, capsys, "--job", second)
    assert "Eli Okafor" in out and "held back: they hear quarterly" in out
    code, _, err = run(world, capsys, "--job", second, "--send", "Eli Okafor")
    assert code == 1 and "not among the people to tell" in err
    # The library refuses too, whoever calls it.
    job = resolve_job(world.store, second)
    with pytest.raises(offers.OfferRefused, match="they asked to hear quarterly"):
        offers.send(
            world.store,
            job,
            world.people["eli"],
            offers.Draft("Hi", "Hi Eli,\n\nx"),
            world.settings,
            AUTHOR,
        )


def test_not_this_time_and_no_bulk_send(world, capsys):
    job_id = new_job(world, PAYMENTS)
    code, out, _ = run(world, capsys, "--job", job_id, "--skip", "Eli Okafor")
    assert code == 0 and "Not this time" in out
    ready, _ = offers.offers_for(world.store, resolve_job(world.store, job_id))
    assert [o.name for o in ready] == ["Ana Lima"]
    with pytest.raises(SystemExit):
        main(["offers", "--job", str(job_id), "--send", "Ana Lima", "Eli Okafor"])
    capsys.readouterr()
    actions = [
        json.loads(r["detail"] or "{}")
        for r in P.history(world.store, world.people["eli"])
        if r["action"] == "role_not_offered"
    ]
    assert len(actions) == 1
