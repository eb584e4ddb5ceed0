"""Screenshots of closing the loop (called by tests/screenshots.py on the demo it loaded):
View → Report with its pictures, Replies to check, a reply's wish in the pane, an invitation.

Five weeks of a recruiter's work are scripted on the demo data with a scripted clock, so the
pictures show a realistic spread: people applied over five weeks, heard back after a few
days (an invitation, an offer, a hire), some wrote back.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from review import db as review_db
from review import invitations, outbox, replies, workflow
from review.jobs import create_job, spec_from_toml

NOW = datetime.now(UTC).replace(microsecond=0)


class _Clock:
    """review.db's clock, moved by the script (every stored time comes from it)."""

    def __init__(self):
        self.at = NOW
        clock = self

        class Scripted(datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.at if tz is None else clock.at.astimezone(tz)

        self.original = review_db.datetime
        review_db.datetime = Scripted

    def close(self) -> None:
        review_db.datetime = self.original


def _spread_applications(store, job_id: int, rng: random.Random, days: int) -> list[tuple]:
    rows = store.conn.execute(
        "SELECT id, person_id FROM applications WHERE job_id = ? AND status = 'new'", (job_id,)
    ).fetchall()
    out = []
    with store.transaction() as conn:
        for app_id, person_id in rows:
            applied = NOW - timedelta(days=rng.uniform(0.5, days), hours=rng.uniform(0, 8))
            conn.execute(
                "UPDATE applications SET created_at = ? WHERE id = ?",
                (applied.isoformat(timespec="seconds"), app_id),
            )
            out.append((app_id, person_id, applied))
    return out


def _hear_back(store, settings, clock, apps, rng, share: float, transport) -> list[int]:
    """A share of the applications hear back a few days after applying: an invitation."""
    messages = []
    for app_id, _person, applied in rng.sample(apps, int(len(apps) * share)):
        when = applied + timedelta(days=rng.expovariate(1 / 3.5))
        if when >= NOW - timedelta(hours=2):
            continue
        clock.at = when
        workflow.set_status(store, app_id, "interviewing", "Robin Reviewer")
        meeting = invitations.Meeting(
            (NOW + timedelta(days=rng.randint(2, 12))).replace(
                hour=rng.choice((9, 10, 14, 16)), minute=0, second=0, tzinfo=None
            ),
            45,
            "Europe/Berlin",
            "Video call: https://meet.example.com/" + str(app_id),
        )
        draft = invitations.draft(store, app_id, meeting, settings)
        try:
            _, message = invitations.invite(
                store, app_id, meeting, draft, settings, "Robin Reviewer"
            )
        except invitations.InvitationRefused:
            continue
        outbox.deliver(store, message, transport, "Robin Reviewer")
        messages.append(message)
        if rng.random() < 0.15:
            clock.at = when + timedelta(days=rng.uniform(1, 4))
            if clock.at < NOW:
                workflow.set_status(store, app_id, "offered", "Robin Reviewer")
    return messages


ANSWERS = (
    "Thank you! Monthly is fine for future roles.",
    "Could you call me instead? I rarely read email.",
    "Thanks for the invitation, see you then. Quarterly updates would be great afterwards.",
    "Please stop contacting me, I have accepted another offer.",
    "Only roles in data engineering, please.",
)


def _replies(store, clock, message_rows: list[int], rng: random.Random, folder) -> None:
    from email.message import EmailMessage
    from email.utils import make_msgid

    from parsing.inbox import read_paths

    folder.mkdir(parents=True, exist_ok=True)
    for number, message in enumerate(rng.sample(message_rows, min(5, len(message_rows)))):
        row = store.one("SELECT * FROM messages WHERE id = ?", (message,))
        reply = EmailMessage()
        reply["From"] = row["recipients"].strip('[]"').split('"')[0]
        reply["Subject"] = "Re: " + row["subject"]
        reply["In-Reply-To"] = row["message_id"]
        reply["Message-ID"] = make_msgid()
        reply.set_content(ANSWERS[number % len(ANSWERS)])
        (folder / f"{number}.eml").write_bytes(reply.as_bytes())
    stranger = EmailMessage()
    stranger["From"] = "Kim Sato <kim.sato@mailbox.example>"
    stranger["Subject"] = "Re: Your application"
    stranger["Message-ID"] = make_msgid()
    stranger.set_content("Hello, is the backend role still open? Monthly news would be lovely.")
    (folder / "stranger.eml").write_bytes(stranger.as_bytes())
    clock.at = NOW - timedelta(hours=3)
    replies.read_all(store, read_paths([str(folder)]), "Robin Reviewer")


def loop_shots(window, store, settings, work, shot, settle) -> None:
    """Script five weeks, then take the pictures."""
    rng = random.Random(16)
    clock = _Clock()
    transport = outbox.OutboxFolder(work / "outbox-loop")
    try:
        demo = window.job.id
        apps = _spread_applications(store, demo, rng, 35)
        sent = _hear_back(store, settings, clock, apps, rng, 0.45, transport)
        spec = {
            "title": "Data Analyst",
            "criteria": [{"name": "SQL", "must": True}, {"name": "Python"}],
        }
        clock.at = NOW - timedelta(days=21)
        second = create_job(store, spec["title"], "", spec_from_toml(dict(spec), "job"))
        others = [
            p for (p,) in store.conn.execute("SELECT id FROM people ORDER BY id DESC LIMIT 70")
        ]
        with store.transaction() as conn:
            for person in others:
                conn.execute(
                    "INSERT OR IGNORE INTO applications (person_id, job_id, status, created_at, "
                    "updated_at) VALUES (?, ?, 'new', ?, ?)",
                    (person, second, NOW.isoformat(), NOW.isoformat()),
                )
        apps2 = _spread_applications(store, second, rng, 20)
        sent += _hear_back(store, settings, clock, apps2, rng, 0.35, transport)
        _replies(store, clock, sent, rng, work / "replies")
    finally:
        clock.close()
    window.load_jobs(select=demo)
    settle(800)

    window.loop.show_report()
    report = window.loop.report_window
    report.resize(1340, 760)
    report.scope.setCurrentIndex(0)  # every job: a line per job over time
    while report.report is None or report.report.job is not None:
        settle(200)
    settle(500)
    shot("13-report", report)
    report.resize(1010, 680)  # a 1024 px laptop
    settle(400)
    shot("13b-report-1024", report)
    report.resize(1340, 760)
    report.scope.setCurrentIndex(report.scope.findData(demo))
    while report.report is None or report.report.job is None:
        settle(200)
    settle(500)
    shot("14-report-one-job", report)
    report.close()

    window.loop.show_waiting()
    dialog = window.loop.dialog
    dialog.tabs.setCurrentIndex(1)
    settle(300)
    shot("15-replies-to-check", dialog)
    dialog.close()

    proposed = replies.waiting(store)["proposals"]
    if proposed:
        person = proposed[0].person_id
        job = store.scalar("SELECT job_id FROM applications WHERE person_id = ? LIMIT 1", (person,))
        window.load_jobs(select=job)
        window.views.setCurrentIndex(4)
        window.select_row(window.model.row_of_person(person))
        window.pane.tabs.setCurrentIndex(4)  # History
        settle(500)
        shot("16-reply-in-pane")
    window.load_jobs(select=demo)
    window.views.setCurrentIndex(1)
    window.select_row(0)
    window.loop.invite_current()
    invite = window.loop.dialog
    invite.where.setText("Room 4, Friedrichstraße 68, Berlin")
    settle(400)
    shot("17-invitation", invite)
    invite.reject()
