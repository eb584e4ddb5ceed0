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


def _shown(window, person: int, settle) -> None:
    """Select someone once the job's list (read in the background) holds them."""
    window.views.setCurrentIndex(4)  # All
    for _ in range(100):
        row = window.model.row_of_person(person)
        if row is not None:
            window.select_row(row)
            settle(500)
            return
        settle(100)


def _at_both_widths(window, number: str, name: str, shot, settle) -> None:
    """The window as it is, on a 1366 px laptop and on a 1024 px one."""
    shot(f"{number}-{name}")
    window.resize(1024, 700)
    settle(500)
    shot(f"{number}b-{name}-1024")
    window.resize(1366, 768)


def _pool(store, settings, demo: int, count: int) -> dict:
    """A few people who withdrew from the demo job and asked to hear about matching roles: the
    talent pool a new job offers to the recruiter. Returns the new job's spec."""
    from review import gate
    from review.jobs import resolve_job
    from review.ranking import Ranker
    from review.relationship import set_preferences

    job = resolve_job(store, demo)
    ranker = Ranker(store, job, scope="all")
    rows = store.conn.execute(
        "SELECT a.id, a.person_id FROM applications a WHERE a.job_id = ? AND a.status = 'new' "
        "AND NOT EXISTS (SELECT 1 FROM applications b WHERE b.person_id = a.person_id "
        "AND b.job_id <> a.job_id)",
        (demo,),
    ).fetchall()
    best = sorted(rows, key=lambda r: -ranker.score(r[1]).total)[:count]
    for app_id, person in best:
        draft = gate.draft_withdrawn(store, person, app_id, settings)
        gate.withdraw(
            store,
            person,
            app_id,
            "They took a role closer to home.",
            draft.subject,
            draft.body,
            "Robin Reviewer",
            settings,
        )
        set_preferences(store, person, "Robin Reviewer", frequency="monthly", consent=True)
    return {"title": "Platform Engineer", "criteria": job.spec["criteria"]}


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

    # File → Read replies… on a folder of saved answers (one of them a "stop").
    folder = work / "replies-window"
    folder.mkdir(parents=True, exist_ok=True)
    answered = store.query(
        "SELECT * FROM messages WHERE kind = 'invitation' AND state = 'delivered' "
        "ORDER BY id DESC LIMIT 3"
    )
    words = ("STOP", "Monthly is fine, thank you!", "Thanks! Could you call me instead?")
    from email.message import EmailMessage
    from email.utils import make_msgid

    for number, (row, text) in enumerate(zip(answered, words, strict=False)):
        reply = EmailMessage()
        reply["From"] = row["recipients"].strip('[]"').split('"')[0]
        reply["Subject"] = "Re: " + row["subject"]
        reply["In-Reply-To"] = row["message_id"]
        reply["Message-ID"] = make_msgid()
        reply.set_content(text)
        (folder / f"answer-{number}.eml").write_bytes(reply.as_bytes())
    (folder / "notes.txt").write_text("call back on Monday\n", encoding="utf-8")
    window.loop.read([str(folder)])
    while window.loop.dialog is None or not window.loop.dialog.isVisible():
        settle(200)
    settle(400)
    shot("15a-replies-read", window.loop.dialog)
    window.loop.dialog.close()

    proposed = replies.waiting(store)["proposals"]
    if proposed:
        person = proposed[0].person_id
        job = store.scalar("SELECT job_id FROM applications WHERE person_id = ? LIMIT 1", (person,))
        window.load_jobs(select=job)
        _shown(window, person, settle)
        window.pane.tabs.setCurrentIndex(4)  # History
        settle(500)
        _at_both_widths(window, "16", "reply-in-pane", shot, settle)

    interviewing = store.scalar(
        "SELECT person_id FROM interviews WHERE job_id = ? ORDER BY id LIMIT 1", (demo,)
    )
    window.load_jobs(select=demo)
    if interviewing:
        _shown(window, interviewing, settle)
        _at_both_widths(window, "18", "interview-strip", shot, settle)
    window.load_jobs(select=demo)
    settle(800)
    window.views.setCurrentIndex(1)
    window.select_row(0)
    window.loop.invite_current()
    invite = window.loop.dialog
    invite.where.setText("Room 4, Friedrichstraße 68, Berlin")
    settle(400)
    shot("17-invitation", invite)
    invite.reject()

    # A new job: the people in the pool who asked to hear about roles like it.
    spec = _pool(store, settings, demo, 4)
    platform = create_job(store, spec["title"], "", spec_from_toml(dict(spec), "job"))
    window.load_jobs(select=platform)
    for _ in range(150):
        if window.loop.bar is not None and window.loop.bar.isVisible():
            break
        settle(200)
    settle(500)
    _at_both_widths(window, "19", "offers-bar", shot, settle)
    if window.loop.offers:
        window.loop.show_offers()
        settle(600)
        shot("20-offers-dialog", window.loop.dialog)
        window.loop.dialog.close()
