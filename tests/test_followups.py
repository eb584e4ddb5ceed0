"""The records behind `shortlist followups --json` (review/relationship.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from review.relationship import FOLLOWUP_KEYS as KEYS
from review.relationship import followup_records, mark_done, snooze
from review.relationship import followup_state as state_of
from review.workflow import application_for, set_status
from tests.worlds import make_people


def test_a_hire_gives_three_check_ins_due_upcoming_snoozed_and_done(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    ana = ids["ana.txt"]
    set_status(store, application_for(store, ana, job_id)["id"], "hired", "Robin")
    later = datetime.now(UTC) + timedelta(days=8)
    due = followup_records(store, now=later)
    assert [r["state"] for r in due] == ["due"] and set(due[0]) == set(KEYS)
    assert (
        due[0]["person"] == ana
        and due[0]["name"] == "Ana Quintero Bravo"
        and due[0]["job"] == job_id
    )
    assert (
        due[0]["kind"] == "check_in"
        and datetime.fromisoformat(due[0]["due"]).date() <= later.date()
    )
    everything = followup_records(store, now=later, include_all=True)
    assert [r["state"] for r in everything] == ["due", "upcoming", "upcoming"]
    json.dumps(everything)  # one JSON object per line
    snooze(store, everything[1]["id"], 60, "Robin")
    mark_done(store, everything[0]["id"], "Robin")
    states = [r["state"] for r in followup_records(store, now=later, include_all=True)]
    assert states == ["done", "snoozed", "upcoming"]
    assert followup_records(store, now=later) == []
    store.close()


def test_state_of():
    now = datetime(2026, 5, 1, tzinfo=UTC)
    assert state_of("2026-04-30T10:00:00+00:00", None, None, now) == "due"
    assert state_of("2026-05-02T10:00:00+00:00", None, None, now) == "upcoming"
    assert (
        state_of("2026-04-30T10:00:00+00:00", "2026-05-03T00:00:00+00:00", None, now) == "snoozed"
    )
    assert state_of("2026-04-30T10:00:00+00:00", "2026-04-30T12:00:00+00:00", None, now) == "due"
    assert state_of("2026-04-30T10:00:00+00:00", None, "2026-04-30T11:00:00+00:00", now) == "done"
