"""The hiring path on the command line: `shortlist status`, its refusals, and the check-ins a
hire schedules as `shortlist followups --json` lists them."""

from __future__ import annotations

import json

from tests.test_cli import run
from tests.worlds import make_people


def test_hire_from_the_command_line_and_list_the_check_ins(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    db = str(store.path)
    store.close()
    ana = "Ana Quintero Bravo"
    for status in ("shortlisted", "interviewing", "offered", "hired"):
        done = run(tmp_path, "status", ana, "--job", "Backend Engineer", status, "--db", db)
        assert done.returncode == 0, done.stderr
    assert "Offered → Hired" in done.stdout and "Check-ins after 1, 4 and 12 weeks" in done.stdout
    assert "2 other people are still on this job's list" in done.stdout
    # Nothing is due today; --all lists the three check-ins, one JSON object per line.
    listed = run(tmp_path, "followups", "--json", "--db", db)
    assert listed.returncode == 0 and listed.stdout == ""
    listed = run(tmp_path, "followups", "--json", "--all", "--db", db)
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        assert list(record) == ["id", "person", "name", "job", "kind", "due", "state"]
        assert (
            record["person"] == ids["ana.txt"] and record["name"] == ana and record["job"] == job_id
        )
        assert (
            record["kind"] == "check_in"
            and record["state"] == "upcoming"
            and len(record["due"]) == 10
        )
    # Every change is audited, by the reviewer named in the settings.
    from review.db import Store

    with Store(db) as again:
        rows = again.query(
            "SELECT actor, detail FROM audit_log WHERE action = 'status' AND person_id = ?",
            (ids["ana.txt"],),
        )
        assert [json.loads(r["detail"])["after"] for r in rows] == [
            "shortlisted",
            "interviewing",
            "offered",
            "hired",
        ]
        assert {r["actor"] for r in rows} == {"Robin Reviewer"}


def test_status_refuses_the_gates_statuses_with_a_pointer(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    db = str(store.path)
    store.close()
    refused = run(
        tmp_path, "status", str(ids["bo.txt"]), "--job", str(job_id), "let_go", "--db", db
    )
    assert refused.returncode == 2 and "shortlist drop" in refused.stderr
    refused = run(
        tmp_path, "status", str(ids["bo.txt"]), "--job", str(job_id), "withdrawn", "--db", db
    )
    assert refused.returncode == 2 and "shortlist withdraw" in refused.stderr
    refused = run(
        tmp_path, "status", str(ids["bo.txt"]), "--job", str(job_id), "famous", "--db", db
    )
    assert (
        refused.returncode == 2
        and "new, shortlisted, interviewing, offered, hired" in refused.stderr
    )
    from review.db import Store

    with Store(db) as again:
        assert again.scalar("SELECT count(*) FROM audit_log WHERE action = 'status'") == 0
        assert (
            again.scalar("SELECT status FROM applications WHERE person_id = ?", (ids["bo.txt"],))
            == "new"
        )


def test_a_change_from_the_command_line_is_the_last_change_to_undo(tmp_path, monkeypatch):
    from review.workflow import application_for, last_change, set_status, undo

    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    ana, bo = (application_for(store, ids[f], job_id)["id"] for f in ("ana.txt", "bo.txt"))
    set_status(store, ana, "shortlisted", "Robin")
    set_status(store, bo, "interviewing", "Robin")
    first = last_change(store, job_id)
    assert (first.application_id, first.before, first.after) == (bo, "new", "interviewing")
    undo(store, first, "Robin")
    second = last_change(store, job_id)
    assert (second.application_id, second.after) == (ana, "shortlisted")
    undo(store, second, "Robin")
    assert last_change(store, job_id) is None
    store.close()
