"""The recruiter's word on a person's fields: stored with the parser's confidence, audited, kept
over later files, and used everywhere (messages, exports, duplicates, search, blind review).

Driven through the command line (``shortlist person set`` / ``person show``) and the review
layer; the person pane's side is in tests/gui/test_corrections.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from review import identity
from review.importer import Importer, ImportOptions
from tests.worlds import PEOPLE_RESUMES, make_people

SHORTLIST = Path(sys.executable).with_name("shortlist")

# Word turned the apostrophe of Dana's address into a typographic one: the parser repairs it
# and says "check this: repaired autocorrect". Her name is printed under a title word.
DANA = """Dana O'Rourke-Vance
dana’orourke@example.ie | +353 87 123 4567 | Cork, Ireland

Summary
Backend engineer: Python services and PostgreSQL for eight years.

Experience
Backend Engineer, Tidewater 2017 - Present
- Python services on PostgreSQL

Skills
Python, PostgreSQL
"""


@pytest.fixture
def world(tmp_path, monkeypatch):
    resumes = {**PEOPLE_RESUMES, "dana.txt": DANA}
    return make_people(tmp_path, monkeypatch, resumes)


def run(tmp_path: Path, db, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SHORTLIST_CONFIG": str(tmp_path / "settings.json")}
    return subprocess.run(
        [str(SHORTLIST), *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def person_row(store, person_id: int) -> dict:
    from review import people as P

    return P.person(store, person_id)


def test_confidence_and_doubts_are_stored_at_import(world):
    store, _job, ids, _settings = world
    row = person_row(store, ids["dana.txt"])
    assert row["emails"] == ["dana'orourke@example.ie"]
    assert row["confidence"]["emails"] == 0.6
    assert row["doubts"]["emails"] == "repaired autocorrect"
    states = {s.name: s for s in identity.field_states(row, row["corrections"])}
    assert states["emails"].check and states["emails"].note == "check this: repaired autocorrect"
    assert not states["location"].check and states["location"].value == "Cork, Ireland"


def test_the_command_line_corrects_shows_and_withdraws(world, tmp_path):
    store, _job, ids, _settings = world
    db = store.path
    dana = str(ids["dana.txt"])
    shown = run(tmp_path, db, "person", "show", dana)
    assert shown.returncode == 0, shown.stderr
    assert "check this: repaired autocorrect" in shown.stdout
    done = run(tmp_path, db, "person", "set", dana, "emails", "dana@orourke.ie", "d.ov@work.ie")
    assert done.returncode == 0, done.stderr
    assert (
        "dana@orourke.ie, d.ov@work.ie" in done.stdout and "dana'orourke@example.ie" in done.stdout
    )
    done = run(tmp_path, db, "person", "set", dana, "name", "Dana O'Rourke Vance")
    assert done.returncode == 0, done.stderr
    data = json.loads(run(tmp_path, db, "person", "show", dana, "--json").stdout)
    fields = data["fields"]
    assert fields["emails"]["value"] == ["dana@orourke.ie", "d.ov@work.ie"]
    assert fields["emails"]["parsed"] == ["dana'orourke@example.ie"]
    assert (
        fields["emails"]["check"] is None and fields["emails"]["corrected_by"] == "Robin Reviewer"
    )
    assert fields["name"]["value"] == "Dana O'Rourke Vance"
    # The person is found by the corrected name (an exact name is a PERSON too).
    by_name = run(tmp_path, db, "person", "show", "Dana O'Rourke Vance")
    assert by_name.returncode == 0 and "corrected by Robin Reviewer" in by_name.stdout
    # Audited, with what the parser had read.
    audit = store.query(
        "SELECT actor, detail FROM audit_log WHERE action = 'field_corrected' AND person_id = ?",
        (int(dana),),
    )
    details = [json.loads(a["detail"]) for a in audit]
    assert [d["field"] for d in details] == ["emails", "name"]
    assert details[0]["was"] == ["dana'orourke@example.ie"]
    assert {a["actor"] for a in audit} == {"Robin Reviewer"}
    # Imported again (the same folder, and a newer file of hers): the correction stands, and
    # the export says what the recruiter said.
    newer = tmp_path / "resumes" / "dana-2026.txt"
    newer.write_text(DANA.replace("eight years", "nine years"), "utf-8")
    done = run(tmp_path, db, "import", str(tmp_path / "resumes"), "--job", "Backend Engineer")
    assert done.returncode == 0, done.stderr
    people = run(tmp_path, db, "people", "--json").stdout
    assert people.count("Dana O'Rourke Vance") == 2 and "Dana O'Rourke-Vance" not in people
    out = tmp_path / "all.csv"
    args = ["export", "--job", "Backend Engineer", "--format", "csv", "--include", "all"]
    assert run(tmp_path, db, *args, "--out", str(out)).returncode == 0
    exported = out.read_text("utf-8")
    assert exported.count("Dana O'Rourke Vance") == 2 and "dana@orourke.ie" in exported
    # Withdrawn: back to what the resume says.
    done = run(tmp_path, db, "person", "set", dana, "emails", "--parsed")
    assert done.returncode == 0 and "dana'orourke@example.ie" in done.stdout
    assert person_row(store, int(dana))["emails"] == ["dana'orourke@example.ie"]


def test_the_command_line_refuses_bad_values_and_says_why(world, tmp_path):
    store, _job, ids, _settings = world
    db, ana = store.path, str(ids["ana.txt"])
    cases = [
        (["emails", "not-an-address"], "e-mail: 'not-an-address' is not an e-mail address", 1),
        (["phones", "call me"], "phone: 'call me' is not a phone number", 1),
        (["links", "javascript:alert(1)"], "links: 'javascript:alert(1)' is not a web address", 1),
        (["age", "40"], "'age' is not a field that can be corrected", 1),
        (["name", "A", "B"], "name: one value", 1),
        (["phones"], "needs the value(s), --none (they have none) or --parsed", 2),
    ]
    before = person_row(store, int(ana))
    for args, message, code in cases:
        done = run(tmp_path, db, "person", "set", ana, *args)
        assert done.returncode == code, (args, done.stderr)
        assert message in done.stderr and "Traceback" not in done.stderr
    after = person_row(store, int(ana))
    assert {k: after[k] for k in identity.FIELDS} == {k: before[k] for k in identity.FIELDS}
    # --none: they have no phone (the parser's reading was someone else's).
    done = run(tmp_path, db, "person", "set", ana, "phones", "--none")
    assert done.returncode == 0 and person_row(store, int(ana))["phones"] == []


def test_a_phone_is_written_in_e164_where_its_country_can_be_told(world):
    store, _job, ids, _settings = world
    ana = ids["ana.txt"]  # Valencia, Spain
    identity.correct(store, ana, "phones", ["612 999 888", "+49 176 31387734"], "Robin")
    assert person_row(store, ana)["phones"] == ["+34612999888", "+4917631387734"]
    keys = store.conn.execute(
        "SELECT value FROM contact_points WHERE kind = 'phone' AND person_id = ?", (ana,)
    ).fetchall()
    assert {k[0] for k in keys} == {"612999888", "631387734"}  # what duplicates compare


def test_a_correction_flows_into_messages_exports_search_and_blind_review(world, tmp_path):
    from review.exports import build_shortlist, to_csv
    from review.gate import draft_for
    from review.hidden import Hidden
    from review.jobs import resolve_job
    from review.search import search_people
    from review.workflow import application_for, set_status

    store, job_id, ids, settings = world
    dana = ids["dana.txt"]
    identity.correct(store, dana, "name", ["Daniela O'Rourke"], "Robin Reviewer")
    identity.correct(store, dana, "emails", ["daniela@orourke.ie"], "Robin Reviewer")
    identity.correct(store, dana, "title", ["Staff Engineer"], "Robin Reviewer")
    app_id = application_for(store, dana, job_id)["id"]
    # The message greets the corrected name and goes to the corrected address.
    draft = draft_for(store, dana, [app_id], "Dana built payment services.", "warm", settings)
    assert "Daniela" in draft.body.split("\n")[0]
    from review.gate import prepare

    assert prepare(store, dana, [app_id], "Robin Reviewer").recipients() == ["daniela@orourke.ie"]
    # The export shows them as corrected.
    set_status(store, app_id, "shortlisted", "Robin Reviewer")
    job = resolve_job(store, job_id)
    rows = list(csv.reader(io.StringIO(to_csv(build_shortlist(store, job)))))
    flat = " ".join(" ".join(r) for r in rows)
    assert "Daniela O'Rourke" in flat and "daniela@orourke.ie" in flat
    assert "dana'orourke@example.ie" not in flat
    # A blind export hides the corrected name and address, wherever the text repeats them.
    blind = to_csv(build_shortlist(store, job, blind=True))
    assert "Daniela" not in blind and "daniela@orourke.ie" not in blind
    hidden = Hidden.of(person_row(store, dana)).tokens()
    assert {"daniela", "orourke"} <= hidden
    # Search finds the corrected name and title.
    assert dana in search_people(store, "Daniela")
    assert dana in search_people(store, "Staff Engineer")


def test_duplicates_follow_a_corrected_address(world):
    from review import people as P

    store, _job, ids, _settings = world
    ana, bo = ids["ana.txt"], ids["bo.txt"]
    assert P.duplicates(store, ana) == []
    # The recruiter learns Bo writes from Ana's address: the same person, maybe.
    identity.correct(store, bo, "emails", ["ana.quintero@example.org"], "Robin")
    found = P.duplicates(store, bo)
    assert [d["other"] for d in found] == [ana] and "same email" in found[0]["reason"]
    # Taken back: the suggestion nobody decided goes with it.
    identity.correct(store, bo, "emails", None, "Robin")
    assert P.duplicates(store, bo) == []


def test_a_correction_wins_over_reimporting_the_same_file_and_a_newer_one(world, tmp_path):
    store, job_id, ids, _settings = world
    dana = ids["dana.txt"]
    identity.correct(store, dana, "name", ["Daniela O'Rourke"], "Robin Reviewer")
    identity.correct(store, dana, "location", ["Galway, Ireland"], "Robin Reviewer")
    # The same file again: known by its bytes, nothing is read again.
    folder = tmp_path / "resumes"
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([folder])
    assert person_row(store, dana)["name"] == "Daniela O'Rourke"
    # A newer resume of hers (another file, the same address as first read): her word wins.
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / "dana-2026.txt").write_text(DANA.replace("eight years", "nine years"), "utf-8")
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([newer])
    new_id = store.scalar(
        "SELECT p.id FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE d.original_name = 'dana-2026.txt'"
    )
    row = person_row(store, new_id)
    assert row["name"] == "Daniela O'Rourke" and row["location"] == "Galway, Ireland"
    assert row["corrections"]["name"]["carried_from"] == dana
    assert row["fields"]["name"] == "Dana O'Rourke-Vance"  # what the parser read is kept
    audit = store.query(
        "SELECT detail FROM audit_log WHERE action = 'field_corrected' AND person_id = ?",
        (new_id,),
    )
    assert {json.loads(a["detail"])["carried_from"] for a in audit} == {dana}
    # Still a suggestion for a human: the same person twice.
    from review import people as P

    assert [d["other"] for d in P.duplicates(store, new_id)] == [dana]


def test_someone_else_writing_from_the_same_address_keeps_their_own_name(world, tmp_path):
    from review import people as P

    store, job_id, ids, _settings = world
    dana = ids["dana.txt"]
    identity.correct(store, dana, "name", ["Daniela O'Rourke"], "Robin Reviewer")
    family = tmp_path / "family"
    family.mkdir()
    (family / "ciaran.txt").write_text(DANA.replace("Dana O'Rourke-Vance", "Ciarán Byrne"), "utf-8")
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([family])
    other = store.scalar("SELECT max(id) FROM people")
    assert person_row(store, other)["name"] == "Ciarán Byrne"
    assert store.scalar("SELECT count(*) FROM corrections WHERE person_id = ?", (other,)) == 0
    assert [d["other"] for d in P.duplicates(store, other)] == [dana]  # a human decides


def test_erasing_a_person_erases_their_corrections(world):
    from review.privacy import erase_person

    store, _job, ids, settings = world
    dana = ids["dana.txt"]
    identity.correct(store, dana, "name", ["Daniela O'Rourke"], "Robin Reviewer")
    erase_person(store, dana, "Robin Reviewer", settings=settings)
    assert store.scalar("SELECT count(*) FROM corrections") == 0


def test_a_name_printed_surname_first_is_still_a_possible_duplicate(world, tmp_path):
    """ "Nazwisko i imię: NOWAK Anna" keeps its printed order ("Nowak Anna"); her earlier
    resume, printed "Anna Nowak" with another address, is still suggested as her."""
    from review import people as P

    store, job_id, _ids, _settings = world
    folder = tmp_path / "nowak"
    folder.mkdir()
    body = "Backend Developer\n{contact}\n\nDoświadczenie zawodowe\n2019 – 2024 Allegro\n"
    (folder / "a.txt").write_text(
        "Anna Nowak\n" + body.format(contact="anna.nowak@example.pl"), "utf-8"
    )
    (folder / "b.txt").write_text(
        "Nazwisko i imię: NOWAK Anna\n" + body.format(contact="E-mail: ania.n@example.com"),
        "utf-8",
    )
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([folder / "a.txt"])
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([folder / "b.txt"])
    first, second = (
        store.one(
            "SELECT p.id, p.name, p.given_name FROM people p JOIN documents d "
            "ON d.id = p.document_id WHERE d.original_name = ?",
            (name,),
        )
        for name in ("a.txt", "b.txt")
    )
    assert (second["name"], second["given_name"]) == ("Nowak Anna", "Anna")
    assert [d["other"] for d in P.duplicates(store, second["id"])] == [first["id"]]
