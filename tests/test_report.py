"""The report's figures against a scripted afternoon: who applied when, who heard back how,
whose message failed or is in doubt, the check-ins of a hire, and the replies that came back.

The clock is scripted (``review.db``'s, the relationship's and the report's ``datetime``), so
every stored time is known and every figure can be worked out by hand.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.cli import main
from review import db as review_db
from review import gate, outbox, relationship, replies, report, workflow
from review.outbox import SMTPTransport
from review.relationship import due_followups, mark_done, set_preferences
from tests.smtp_server import Script, smtp_server
from tests.test_replies import answer, save
from tests.worlds import AUTHOR, build_template, open_world


class Clock:
    """The time every module of the scripted afternoon reads."""

    def __init__(self, monkeypatch):
        clock = self

        class Scripted(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.at if tz is None else clock.at.astimezone(tz)

        self.at = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
        for module in (review_db, relationship, report):
            monkeypatch.setattr(module, "datetime", Scripted)

    def set(self, text: str) -> None:
        self.at = datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("report-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


def applied(world, name: str, job: str, when: str) -> None:
    with world.store.transaction() as conn:
        conn.execute(
            "UPDATE applications SET created_at = ? WHERE id = ?",
            (when + "+00:00", world.apps[(name, job)]),
        )


def let_go(world, name: str, transport, job: str = "backend") -> outbox.Result:
    message = gate.let_go(world.store, world.disposition(name, jobs=(job,)), AUTHOR, world.settings)
    return outbox.deliver(world.store, message, transport, AUTHOR)


@pytest.fixture
def afternoon(world, monkeypatch, tmp_path):
    """Monday 2 November 2026, and what follows it, until Tuesday 1 December at 10:00."""
    clock = Clock(monkeypatch)
    applied(world, "ana", "backend", "2026-10-30T09:00:00")
    applied(world, "bo", "backend", "2026-10-31T15:00:00")
    applied(world, "cy", "backend", "2026-10-26T16:00:00")
    applied(world, "eli", "backend", "2026-10-28T09:00:00")
    applied(world, "ana", "data", "2026-11-01T09:00:00")
    applied(world, "dee", "solo", "2026-11-20T12:00:00")
    folder = outbox.OutboxFolder(world.outbox_dir)

    clock.set("2026-11-02T13:00:00")  # Ana hears back: 3 days 4 hours after applying
    assert let_go(world, "ana", folder).state == "delivered"
    with smtp_server() as (handler, port):
        clock.set("2026-11-02T14:30:00")  # Eli's message is refused for good: he is waiting
        handler.script = Script(data="550 5.1.1 mailbox unavailable")
        smtp = SMTPTransport("127.0.0.1", port, security="none", timeout=5)
        assert let_go(world, "eli", smtp).state == "failed"
        clock.set("2026-11-02T15:00:00")  # Bo asked not to be contacted: honoured, 2 days
        set_preferences(world.store, world.people["bo"], AUTHOR, channel="none")
        assert let_go(world, "bo", folder).state == "kept"
        clock.set("2026-11-02T16:00:00")  # Cy is hired: 7 days; check-ins at 1, 4, 12 weeks
        workflow.set_status(world.store, world.apps[("cy", "backend")], "hired", AUTHOR)
        clock.set("2026-11-25T12:00:00")  # Dee's message: sent, and no answer came back
        handler.script = Script(data_delay=2.0)
        slow = SMTPTransport("127.0.0.1", port, security="none", timeout=0.5)
        assert let_go(world, "dee", slow, job="solo").state == "in_doubt"

    clock.set("2026-11-03T09:30:00")
    ana_row = world.store.one("SELECT * FROM messages WHERE person_id = ?", (world.people["ana"],))
    replies.store_reply(
        world.store,
        _mail(
            tmp_path,
            "a.eml",
            answer(ana_row, "ana.lima@example.org", "Monthly is fine, thank you."),
        ),
        AUTHOR,
    )
    replies.store_reply(
        world.store,
        _mail(tmp_path, "b.eml", answer(None, "stranger@elsewhere.example", "STOP")),
        AUTHOR,
    )
    [proposal] = replies.waiting(world.store)["proposals"]
    replies.confirm_proposal(world.store, proposal.id, AUTHOR)

    clock.set("2026-11-10T09:00:00")  # the 1-week check-in, a day late: on time
    first = due_followups(world.store, refresh=False)
    [check_in] = [f for f in first if f.kind == "check_in"]
    mark_done(world.store, check_in.id, AUTHOR)
    clock.set("2026-12-01T10:00:00")  # the 4-week one is due since yesterday, not done
    return clock


def _mail(tmp_path, name, message):
    from parsing.inbox import read_paths

    [mail] = read_paths([str(save(tmp_path / "in", name, message))])
    return mail


def test_the_afternoon_for_one_job(world, afternoon):
    figures = report.build_report(world.store, world.jobs["backend"], stale_days=7)
    assert figures.as_json() == {
        "job": {"id": world.jobs["backend"], "title": "Backend Engineer"},
        "people": 4,
        "heard_back": 3,  # Ana (message), Bo (kept: his wish honoured), Cy (hired)
        "heard_back_rate": 0.75,
        "waiting": 1,
        "waiting_over_stale_days": [
            {
                "person": world.people["eli"],
                "name": "Eli Okafor",
                "job": "Backend Engineer",
                "days": 34,
            }  # 28 Oct 09:00 to 1 Dec 10:00
        ],
        "median_days_to_hear_back": 3.2,  # 2.0, 3.17, 7.0
        "p90_days_to_hear_back": 7.0,  # nearest rank: the 3rd of 3
        "messages_failed": 1,
        "messages_in_doubt": 0,
        "checkins_done_on_time": 1,
        "checkins_due": 2,
        "replies": 1,
        "preferences_updated": 1,
    }
    assert list(figures.as_json()) == list(report.JSON_KEYS)
    assert [t.isoformat() for t in figures.heard_at["Backend Engineer"]] == [
        "2026-11-02T13:00:00+00:00",
        "2026-11-02T15:00:00+00:00",
        "2026-11-02T16:00:00+00:00",
    ]


def test_the_afternoon_for_every_job_through_the_command_line(world, afternoon, capsys):
    code = main(["report", "--json", "--db", str(world.store.path)])
    assert code == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["job"] is None
    # Five people (Ana applied twice). Ana heard back on Backend Engineer, not yet on Data
    # Platform Engineer: she has not heard back everywhere, so she is waiting, once.
    assert (figures["people"], figures["heard_back"], figures["heard_back_rate"]) == (5, 2, 0.4)
    assert [(w["name"], w["job"], w["days"]) for w in figures["waiting_over_stale_days"]] == [
        ("Eli Okafor", "Backend Engineer", 34),
        ("Ana Lima", "Data Platform Engineer", 30),
        ("Dee Nakamura", "Support Lead", 10),  # 20 Nov 12:00: 10 days 22 hours
    ]
    assert figures["waiting"] == 3
    assert (figures["median_days_to_hear_back"], figures["p90_days_to_hear_back"]) == (4.5, 7.0)
    assert (figures["messages_failed"], figures["messages_in_doubt"]) == (1, 1)
    assert (figures["replies"], figures["preferences_updated"]) == (2, 1)

    code = main(["report", "--job", "Backend Engineer", "--db", str(world.store.path)])
    text = capsys.readouterr().out
    assert code == 0
    assert "Backend Engineer: 4 people applied" in text
    assert "3 (75%) · median 3.2 days · 90th percentile 7 days" in text
    assert "Eli Okafor — Backend Engineer, 34 days" in text
    assert "1 of 2 due, done on time" in text


def test_someone_who_applied_to_two_jobs_is_one_person_who_heard_back_after_the_longer(
    world, afternoon, capsys
):
    """Ana applied to two jobs. Once she hears back on the second too (1 December, 30 days
    after applying to it), every job's report counts her once, heard back, after 30 days;
    each job's own report counts her application there, as before."""
    assert let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir), job="data").state == (
        "delivered"
    )
    code = main(["report", "--json", "--db", str(world.store.path)])
    assert code == 0
    every = json.loads(capsys.readouterr().out)
    assert list(every) == list(report.JSON_KEYS)
    assert (every["people"], every["heard_back"], every["heard_back_rate"]) == (5, 3, 0.6)
    assert every["waiting"] == 2  # Eli, Dee
    assert [w["name"] for w in every["waiting_over_stale_days"]] == ["Eli Okafor", "Dee Nakamura"]
    # Ana 30.04 days (the longer of 3.17 and 30.04), Bo 2.0, Cy 7.0.
    assert (every["median_days_to_hear_back"], every["p90_days_to_hear_back"]) == (7.0, 30.0)
    # One job at a time: applications, the same as before.
    backend = report.build_report(world.store, world.jobs["backend"], stale_days=7)
    assert (backend.people, backend.heard_back, backend.median_days) == (4, 3, 3.2)
    data = report.build_report(world.store, world.jobs["data"], stale_days=7)
    assert (data.people, data.heard_back, data.median_days, data.waiting) == (1, 1, 30.0, 0)
    # The timeline keeps each job's own moments.
    full = report.build_report(world.store, None, stale_days=7)
    assert len(full.heard_at["Data Platform Engineer"]) == 1
    assert len(full.heard_at["Backend Engineer"]) == 3


def test_an_empty_database_reports_nothing_to_divide(tmp_path, capsys):
    db = tmp_path / "empty.db"
    assert main(["report", "--json", "--db", str(db)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["people"] == 0 and figures["heard_back_rate"] is None
    assert figures["median_days_to_hear_back"] is None and figures["waiting_over_stale_days"] == []
    assert main(["report", "--job", "Nope", "--db", str(db)]) == 1
    assert "no job with id or title 'Nope'" in capsys.readouterr().err


def test_the_managers_html_export_can_carry_the_summary(world, afternoon, capsys, tmp_path):
    out = tmp_path / "for-the-manager.html"
    code = main(
        [
            "export",
            "--job",
            "Backend Engineer",
            "--format",
            "html",
            "--out",
            str(out),
            "--include",
            "all",
            "--summary",
            "--db",
            str(world.store.path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    section = text.split("<h2>Did everyone hear back?</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<th>Heard back</th><td>3 (75%)</td>" in section
    assert "median 3.2 days, 90th percentile 7 days" in section
    assert "1, of whom 1 for more than 7 days" in section
    assert "Eli" not in section  # figures for a manager, nobody named
    plain = tmp_path / "plain.html"
    main(
        [
            "export",
            "--job",
            "Backend Engineer",
            "--format",
            "html",
            "--out",
            str(plain),
            "--db",
            str(world.store.path),
        ]
    )
    assert "Did everyone hear back?" not in plain.read_text(encoding="utf-8")
