"""Contact preferences, follow-ups and the talent pool, honoured everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from review import relationship as R
from review.jobs import create_job, resolve_job, spec_from_toml
from review.workflow import application_for, set_status, undo
from tests.worlds import let_go, make_people

BRINGS = (
    "Ana built the settlement service at Pagora in Python and mentored four junior engineers there."
)
WHY_NOT = "This role needs someone in Berlin on site from January."


@pytest.fixture
def people(tmp_path, monkeypatch):
    store, job_id, ids, settings = make_people(tmp_path, monkeypatch)
    yield store, job_id, ids, settings
    store.close()


def test_preferences_are_recorded_with_consent_date_and_source(people):
    store, _, ids, _ = people
    with pytest.raises(ValueError, match="channel"):
        R.set_preferences(store, ids["ana.txt"], "robin", channel="pigeon")
    pref = R.set_preferences(
        store,
        ids["ana.txt"],
        "robin",
        channel="phone",
        frequency="quarterly",
        topics=["backend", " payments "],
        consent=True,
        consent_source="reply to our message",
    )
    assert pref["channel"] == "phone" and pref["topics"] == ["backend", "payments"]
    assert (
        pref["consent"] == 1
        and pref["consent_source"] == "reply to our message"
        and pref["consent_date"]
    )
    actions = [
        r[0]
        for r in store.conn.execute(
            "SELECT action FROM audit_log WHERE person_id = ?", (ids["ana.txt"],)
        )
    ]
    assert "contact_preferences" in actions


def test_a_hire_schedules_check_ins_and_undo_removes_them(people):
    store, job_id, ids, _ = people
    app = application_for(store, ids["cy.txt"], job_id)["id"]
    change = set_status(store, app, "hired", "robin")
    due = store.query(
        "SELECT title, due_at FROM followups WHERE person_id = ? ORDER BY due_at", (ids["cy.txt"],)
    )
    assert [d["title"].split(":")[1].strip().split(" in ")[0] for d in due] == [
        "1 week",
        "4 weeks",
        "12 weeks",
    ]
    gaps = [(datetime.fromisoformat(d["due_at"]) - datetime.now(UTC)).days for d in due]
    assert [round(g / 7) for g in gaps] == [1, 4, 12]
    undo(store, change, "robin")
    assert store.scalar("SELECT count(*) FROM followups WHERE person_id = ?", (ids["cy.txt"],)) == 0


def test_keep_in_touch_follows_their_frequency_and_wishes(people):
    store, job_id, ids, settings = people
    ana = ids["ana.txt"]
    R.set_preferences(store, ana, "robin", frequency="monthly", consent=True)
    let_go(store, settings, ana, job_id, BRINGS, WHY_NOT)
    assert R.in_pool(store) == [ana]
    now = datetime.now(UTC)
    assert R.refresh_keep_in_touch(store, now) == 1
    assert R.due_followups(store, now) == []  # due in a month, not today
    later = now + timedelta(days=31)
    due = R.due_followups(store, later)
    assert len(due) == 1 and due[0].person_id == ana and "monthly" in due[0].title
    R.snooze(store, due[0].id, 60, "robin")  # from today: still asleep a month from now
    assert R.due_followups(store, later) == []
    R.mark_done(store, due[0].id, "robin")
    R.refresh_keep_in_touch(store, later)
    assert (
        store.scalar(
            "SELECT count(*) FROM followups WHERE person_id = ? AND done_at IS NULL", (ana,)
        )
        == 1
    )
    # They ask not to be contacted: the open reminder is closed, and no new one comes.
    R.set_preferences(store, ana, "robin", channel="none")
    assert (
        store.scalar(
            "SELECT count(*) FROM followups WHERE person_id = ? AND done_at IS NULL", (ana,)
        )
        == 0
    )
    assert R.refresh_keep_in_touch(store, later) == 0 and R.in_pool(store) == []


def test_talent_pool_suggests_people_you_know_for_a_new_job_with_their_notes(people):
    store, job_id, ids, settings = people
    ana, cy = ids["ana.txt"], ids["cy.txt"]
    R.set_preferences(store, ana, "robin", frequency="matching_roles", consent=True)
    let_go(store, settings, ana, job_id, BRINGS, WHY_NOT)
    # Cy was let go too, but did not agree to hear from us.
    let_go(
        store,
        settings,
        cy,
        job_id,
        "Cyrille ran the Kubernetes clusters at Viaduc and wrote careful Terraform "
        "modules and runbooks for the on-call team.",
        WHY_NOT,
    )
    new = create_job(
        store,
        "Payments Engineer",
        "",
        spec_from_toml(
            {
                "title": "Payments Engineer",
                "criteria": [
                    {"name": "Python", "must": True, "weight": 2},
                    {"name": "PostgreSQL", "weight": 1},
                ],
            },
            "job",
        ),
    )
    suggestions = R.pool_suggestions(store, resolve_job(store, new))
    assert [s.person_id for s in suggestions] == [ana]
    assert any("settlement service" in note for note in suggestions[0].notes)
    assert R.add_to_job(store, [ana], new, "robin") == 1
    assert application_for(store, ana, new)["status"] == "new"
    assert R.pool_suggestions(store, resolve_job(store, new)) == []  # already on the list


def test_withdrawn_is_acknowledged_with_a_message_and_a_note(people):
    from review.gate import GateRefused, draft_withdrawn, withdraw
    from review.outbox import deliver, transport_from_settings

    store, job_id, ids, settings = people
    bo = ids["bo.txt"]
    app = application_for(store, bo, job_id)["id"]
    draft = draft_withdrawn(store, bo, app, settings)
    with pytest.raises(GateRefused, match="short note"):
        withdraw(store, bo, app, "left", draft.subject, draft.body, "robin", settings)
    message = withdraw(
        store,
        bo,
        app,
        "Accepted an offer closer to home",
        draft.subject,
        draft.body,
        "robin",
        settings,
    )
    assert application_for(store, bo, job_id)["status"] == "withdrawn"
    assert (
        deliver(store, message, transport_from_settings(store, settings), "robin").state
        == "delivered"
    )
    assert draft.body.startswith("Hi Bo,")
    assert (
        store.scalar("SELECT why_not FROM disposition_notes WHERE kind = 'withdrawn'")
        == "Accepted an offer closer to home"
    )
