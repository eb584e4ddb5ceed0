"""Did everyone hear back? The figures of ``shortlist report`` and View → Report.

The figures count people. An application has *heard back* at the first of:

- the delivery of a message that carries its decision (a let-go or a withdrawal
  acknowledgment; a message kept on record because they asked not to be contacted
  counts: their wish was honoured), or of a message about its job sent to them (an
  interview invitation);
- its move to *offered* or *hired* (nobody is offered a job or hired in silence).

Days to hear back run from the application (when their resume arrived) to that
moment. A person has heard back when every application of theirs in scope has; their
days to hear back are the longest of their applications' (the wait they lived through
before knowing where they stand everywhere they applied). For one job each person has
one application, so the figures are the application's. The 90th percentile is the
nearest-rank one: the smallest value with at least 90 % of the values at or below it.
Someone is *waiting* while one of their applications is on the list (or its message is
not delivered yet) and has not heard back; they are listed once, by their longest wait,
and the stale setting (``review.stale_days``) names those waiting longer. A check-in is
done on time when it is marked done no later than :data:`CHECK_IN_GRACE_DAYS` after it
was due. Messages, check-ins and replies are counted as themselves.

Reads only; the window runs it off the UI thread on its own connection.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from review.db import Store
from review.status import HIRED, LETTING_GO, OFFERED, ON_THE_LIST, MessageState

CHECK_IN_GRACE_DAYS = 3
JSON_KEYS = (
    "job",
    "people",
    "heard_back",
    "heard_back_rate",
    "waiting",
    "waiting_over_stale_days",
    "median_days_to_hear_back",
    "p90_days_to_hear_back",
    "messages_failed",
    "messages_in_doubt",
    "checkins_done_on_time",
    "checkins_due",
    "replies",
    "preferences_updated",
)
_HEARD = (MessageState.DELIVERED, MessageState.KEPT)
_STILL_WAITING = (*ON_THE_LIST, LETTING_GO)


@dataclass
class Waiting:
    person: int
    name: str | None
    job: str
    days: float
    status: str

    def as_json(self) -> dict:
        return {"person": self.person, "name": self.name, "job": self.job, "days": int(self.days)}


@dataclass
class Report:
    job: dict | None  # {"id", "title"}; None: every job
    people: int
    heard_back: int
    waiting: int
    waiting_over_stale_days: list[Waiting]
    days: list[float]  # days to hear back, one per person who heard back (their longest)
    messages_failed: int
    messages_in_doubt: int
    checkins_done_on_time: int
    checkins_due: int
    replies: int
    preferences_updated: int
    stale_days: int
    # For the pictures: the waiting list (longest first) and, per job, when people heard back.
    waiting_list: list[Waiting] = field(default_factory=list)
    heard_at: dict[str, list[datetime]] = field(default_factory=dict)

    @property
    def heard_back_rate(self) -> float | None:
        return round(self.heard_back / self.people, 3) if self.people else None

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None

    @property
    def p90_days(self) -> float | None:
        if not self.days:
            return None
        ordered = sorted(self.days)
        return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)

    def as_json(self) -> dict:
        return {
            "job": self.job,
            "people": self.people,
            "heard_back": self.heard_back,
            "heard_back_rate": self.heard_back_rate,
            "waiting": self.waiting,
            "waiting_over_stale_days": [w.as_json() for w in self.waiting_over_stale_days],
            "median_days_to_hear_back": self.median_days,
            "p90_days_to_hear_back": self.p90_days,
            "messages_failed": self.messages_failed,
            "messages_in_doubt": self.messages_in_doubt,
            "checkins_done_on_time": self.checkins_done_on_time,
            "checkins_due": self.checkins_due,
            "replies": self.replies,
            "preferences_updated": self.preferences_updated,
        }


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _marks(values) -> str:
    return ",".join("?" * len(values))


# One row per application: who, which job, where they stand, when they applied, and the
# first moment they heard back by each road (a decision's message, a message about the job,
# an offer or a hire). Each road is one grouped pass, joined: no query per application.
_APPLICATIONS = f"""
WITH decided AS (
  SELECT ma.application_id AS app, min(m.delivered_at) AS at
  FROM message_applications ma JOIN messages m ON m.id = ma.message_id
  WHERE m.state IN ({_marks(_HEARD)}) GROUP BY ma.application_id
), about AS (
  SELECT person_id, job_id, min(delivered_at) AS at FROM messages
  WHERE job_id IS NOT NULL AND state IN ({_marks(_HEARD)}) GROUP BY person_id, job_id
), moved AS (
  SELECT application_id AS app, min(at) AS at FROM audit_log
  WHERE action IN ('status', 'undo') AND application_id IS NOT NULL
    AND json_extract(detail, '$.after') IN ('{OFFERED}', '{HIRED}')
  GROUP BY application_id
)
SELECT a.id, a.person_id, p.name, j.title, a.status, a.created_at, d.at, b.at, v.at
FROM applications a JOIN people p ON p.id = a.person_id JOIN jobs j ON j.id = a.job_id
LEFT JOIN decided d ON d.app = a.id
LEFT JOIN about b ON b.person_id = a.person_id AND b.job_id = a.job_id
LEFT JOIN moved v ON v.app = a.id
"""


def build_report(
    store: Store, job_id: int | None = None, *, stale_days: int = 7, now: datetime | None = None
) -> Report:
    """The figures for one job, or every job when ``job_id`` is None (see the module's docs)."""
    now = now or datetime.now(UTC)
    where, params = ("WHERE a.job_id = ?", [job_id]) if job_id is not None else ("", [])
    rows = store.conn.execute(
        _APPLICATIONS + where + " ORDER BY a.id", [*_HEARD, *_HEARD, *params]
    ).fetchall()
    heard_at: dict[str, list[datetime]] = {}
    # Per person, each application: days to hear back (None: not yet), and a Waiting if waiting.
    by_person: dict[int, list[tuple[float | None, Waiting | None]]] = {}
    for _app, person, name, title, status, created, *roads in rows:
        firsts = [w for w in (_when(r) for r in roads) if w is not None]
        applied = _when(created) or now
        took, waits = None, None
        if firsts:
            heard = min(firsts)
            took = max((heard - applied).total_seconds(), 0) / 86400
            heard_at.setdefault(title, []).append(heard)
        elif status in _STILL_WAITING:
            waited = max((now - applied).total_seconds(), 0) / 86400
            waits = Waiting(person, name, title, waited, status)
        by_person.setdefault(person, []).append((took, waits))
    # People, not applications: someone has heard back once they heard back on every one of
    # their applications in scope, after the longest of them; they wait while any one waits,
    # listed once, by their longest wait. (One job: one application each, the same figures.)
    days: list[float] = []
    waiting: list[Waiting] = []
    for apps in by_person.values():
        took = [t for t, _ in apps]
        if all(t is not None for t in took):
            days.append(max(took))
        waits = [w for _, w in apps if w is not None]
        if waits:
            waiting.append(max(waits, key=lambda w: w.days))
    waiting.sort(key=lambda w: -w.days)
    job = None
    if job_id is not None:
        title = store.scalar("SELECT title FROM jobs WHERE id = ?", (job_id,))
        job = {"id": job_id, "title": title}
    failed, in_doubt = _message_problems(store, job_id)
    done_on_time, due = _check_ins(store, job_id, now)
    replies, updated = _replies(store, job_id)
    return Report(
        job=job,
        people=len(by_person),
        heard_back=len(days),
        waiting=len(waiting),
        waiting_over_stale_days=[w for w in waiting if w.days > stale_days],
        days=days,
        messages_failed=failed,
        messages_in_doubt=in_doubt,
        checkins_done_on_time=done_on_time,
        checkins_due=due,
        replies=replies,
        preferences_updated=updated,
        stale_days=stale_days,
        waiting_list=waiting,
        heard_at={title: sorted(times) for title, times in heard_at.items()},
    )


def _message_problems(store: Store, job_id: int | None) -> tuple[int, int]:
    """Messages failed and in doubt (about this job: its applications' or naming it)."""
    scope, params = "", []
    if job_id is not None:
        scope = (
            "AND (m.job_id = ? OR m.id IN (SELECT ma.message_id FROM message_applications ma "
            "JOIN applications a ON a.id = ma.application_id WHERE a.job_id = ?))"
        )
        params = [job_id, job_id]
    counts = dict(
        store.conn.execute(
            f"SELECT m.state, count(*) FROM messages m WHERE m.state IN (?, ?) {scope} "
            "GROUP BY m.state",
            [MessageState.FAILED, MessageState.IN_DOUBT, *params],
        ).fetchall()
    )
    return counts.get(MessageState.FAILED, 0), counts.get(MessageState.IN_DOUBT, 0)


def _check_ins(store: Store, job_id: int | None, now: datetime) -> tuple[int, int]:
    """(done on time, due): check-ins whose day has come, or that are done already."""
    scope, params = ("AND job_id = ?", [job_id]) if job_id is not None else ("", [])
    on_time = due = 0
    for due_at, done_at in store.conn.execute(
        f"SELECT due_at, done_at FROM followups WHERE kind = 'check_in' {scope}", params
    ):
        due_when, done_when = _when(due_at), _when(done_at)
        if done_when is None and due_when > now:
            continue
        due += 1
        if done_when is not None and done_when <= due_when + timedelta(days=CHECK_IN_GRACE_DAYS):
            on_time += 1
    return on_time, due


def _replies(store: Store, job_id: int | None) -> tuple[int, int]:
    """(replies received, replies whose preference change was applied or confirmed)."""
    scope, params = ("WHERE job_id = ?", [job_id]) if job_id is not None else ("", [])
    row = store.conn.execute(
        "SELECT count(*), coalesce(sum(applied <> '[]' OR proposal_state = 'confirmed'), 0) "
        f"FROM replies {scope}",
        params,
    ).fetchone()
    return row[0], row[1]


def days_text(days: float | None) -> str:
    """ "3.5 days", "1 day", "5 hours" — for the faces."""
    if days is None:
        return "—"
    if days < 1 / 24:
        return "under an hour"
    if days < 1:
        hours = round(days * 24)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    shown = f"{days:.1f}".removesuffix(".0")
    return f"{shown} day{'s' if shown != '1' else ''}"
