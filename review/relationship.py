"""The relationship after a decision: contact preferences, follow-ups, the talent pool.

Preferences are the person's say over how we stay in touch, and every message
and reminder follows them: ``channel`` (email, phone, none) and ``frequency``
(never, only matching roles, monthly, quarterly), with consent recorded (date
and source). Follow-ups: check-ins 1, 4 and 12 weeks after a hire, and
keep-in-touch reminders for people in the talent pool at the frequency they
chose. The talent pool: people let go who agreed to hear from us; a new job
suggests the ones who fit it, with what was noted about them before.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from review import audit
from review.db import Store, now_iso
from review.jobs import Job
from review.ranking import Ranker
from review.status import ACTIVE, GONE, NEW

CHANNELS = ("email", "phone", "none")
FREQUENCIES = ("never", "matching_roles", "monthly", "quarterly")
FREQUENCY_LABELS = {
    "never": "never",
    "matching_roles": "only roles that match them",
    "monthly": "monthly",
    "quarterly": "quarterly",
}
CHECK_IN_WEEKS = (1, 4, 12)
KEEP_IN_TOUCH_DAYS = {"monthly": 30, "quarterly": 91}


def contact_preference(store: Store, person_id: int) -> dict:
    """How they want to hear from us; email at matching roles, without consent, until they say."""
    row = store.one("SELECT * FROM contact_preferences WHERE person_id = ?", (person_id,))
    if row is None:
        return {
            "person_id": person_id,
            "channel": "email",
            "frequency": "matching_roles",
            "topics": [],
            "consent": 0,
            "consent_date": None,
            "consent_source": None,
        }
    row["topics"] = json.loads(row["topics"] or "[]")
    return row


def set_preferences(
    store: Store,
    person_id: int,
    actor: str,
    *,
    channel: str | None = None,
    frequency: str | None = None,
    topics: list[str] | None = None,
    consent: bool | None = None,
    consent_source: str | None = None,
) -> dict:
    """Record what the person told us; only the given fields change. Consent gets its date and
    source."""
    current = contact_preference(store, person_id)
    if channel is not None and channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)}, not {channel!r}")
    if frequency is not None and frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {', '.join(FREQUENCIES)}, not {frequency!r}")
    new = dict(current)
    if channel is not None:
        new["channel"] = channel
    if frequency is not None:
        new["frequency"] = frequency
    if topics is not None:
        new["topics"] = [t.strip() for t in topics if t.strip()]
    if consent is not None and bool(consent) != bool(current["consent"]):
        new["consent"] = int(bool(consent))
        new["consent_date"] = now_iso() if consent else None
        new["consent_source"] = (consent_source or "recorded by the recruiter") if consent else None
    stamp = now_iso()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contact_preferences (person_id, channel, frequency, topics, consent, "
            "consent_date, "
            "consent_source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(person_id) DO "
            "UPDATE SET "
            "channel = excluded.channel, frequency = excluded.frequency, topics = excluded.topics, "
            "consent = excluded.consent, consent_date = excluded.consent_date, "
            "consent_source = excluded.consent_source, updated_at = excluded.updated_at",
            (
                person_id,
                new["channel"],
                new["frequency"],
                json.dumps(new["topics"], ensure_ascii=False),
                new["consent"],
                new["consent_date"],
                new["consent_source"],
                stamp,
            ),
        )
        changed = {
            k: new[k]
            for k in ("channel", "frequency", "topics", "consent")
            if new[k] != current.get(k)
        }
        audit.record(conn, actor, "contact_preferences", person_id=person_id, **changed)
        if new["channel"] == "none" or new["frequency"] == "never":
            # Their wish, at once: no keep-in-touch reminders wait for them.
            conn.execute(
                "UPDATE followups SET done_at = ?, done_by = ? WHERE person_id = ? AND kind = "
                "'keep_in_touch' AND done_at IS NULL",
                (stamp, "their preference", person_id),
            )
    return new


# --- follow-ups ---------------------------------------------------------------------------


def schedule_check_ins(conn, person_id: int, job_id: int, when: datetime | None = None) -> None:
    """A hire: check in after 1, 4 and 12 weeks."""
    start = when or datetime.now(UTC)
    title = conn.execute("SELECT title FROM jobs WHERE id = ?", (job_id,)).fetchone()
    job_title = title[0] if title else "their new job"
    for weeks in CHECK_IN_WEEKS:
        due = (start + timedelta(weeks=weeks)).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO followups (person_id, job_id, kind, title, due_at, created_at) VALUES (?, "
            "?, 'check_in', ?, ?, ?)",
            (
                person_id,
                job_id,
                f"Check in: {weeks} week{'s' if weeks > 1 else ''} in {job_title}",
                due,
                now_iso(),
            ),
        )


def cancel_check_ins(conn: sqlite3.Connection, person_id: int, job_id: int) -> None:
    """A hire undone: the check-ins not done yet go too."""
    conn.execute(
        "DELETE FROM followups WHERE person_id = ? AND job_id = ? AND kind = 'check_in' "
        "AND done_at IS NULL",
        (person_id, job_id),
    )


def _marks(values: tuple) -> str:
    return ",".join("?" * len(values))


def in_pool(store: Store) -> list[int]:
    """People let go (or who withdrew) who agreed to hear from us, by a channel and at a
    frequency they chose, and whom the firm is not working with now."""
    rows = store.conn.execute(
        "SELECT DISTINCT a.person_id FROM applications a "
        "JOIN contact_preferences c ON c.person_id = a.person_id "
        f"WHERE a.status IN ({_marks(GONE)}) AND c.consent = 1 AND c.channel <> 'none' "
        "AND c.frequency <> 'never' AND a.person_id NOT IN "
        f"(SELECT person_id FROM applications WHERE status IN ({_marks(ACTIVE)}))",
        (*GONE, *ACTIVE),
    )
    return [row[0] for row in rows]


def refresh_keep_in_touch(store: Store, now: datetime | None = None) -> int:
    """A keep-in-touch reminder for each pool member with a monthly or quarterly wish and none
    open."""
    now = now or datetime.now(UTC)
    made = 0
    with store.transaction() as conn:
        for person_id in in_pool(store):
            freq = conn.execute(
                "SELECT frequency FROM contact_preferences WHERE person_id = ?", (person_id,)
            ).fetchone()[0]
            if freq not in KEEP_IN_TOUCH_DAYS:
                continue
            if conn.execute(
                "SELECT 1 FROM followups WHERE person_id = ? AND kind = 'keep_in_touch' AND "
                "done_at IS NULL",
                (person_id,),
            ).fetchone():
                continue
            last = conn.execute(
                "SELECT max(at) FROM (SELECT max(delivered_at) AS at FROM messages WHERE person_id "
                "= ? UNION ALL SELECT max(done_at) FROM followups WHERE person_id = ? AND kind = "
                "'keep_in_touch')",
                (person_id, person_id),
            ).fetchone()[0]
            base = datetime.fromisoformat(last) if last else now
            due = (base + timedelta(days=KEEP_IN_TOUCH_DAYS[freq])).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO followups (person_id, kind, title, due_at, created_at) VALUES (?, "
                "'keep_in_touch', ?, ?, ?)",
                (
                    person_id,
                    f"Keep in touch ({FREQUENCY_LABELS[freq]}, as they asked)",
                    due,
                    now_iso(),
                ),
            )
            made += 1
    return made


@dataclass
class Due:
    id: int
    person_id: int
    name: str | None
    kind: str
    title: str
    due_at: str
    channel: str


def due_followups(
    store: Store, now: datetime | None = None, include_future: bool = False, *, refresh: bool = True
) -> list[Due]:
    """Open follow-ups due now (all of them with ``include_future``), soonest first.

    ``refresh`` first writes the keep-in-touch reminders that are missing; a window reads
    with ``refresh=False`` after its writer has done that (:func:`refresh_keep_in_touch`)."""
    now_text = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    if refresh:
        refresh_keep_in_touch(store, now)
    rows = store.query(
        "SELECT f.id, f.person_id, p.name, f.kind, f.title, f.due_at, coalesce(c.channel, 'email') "
        "AS channel "
        "FROM followups f JOIN people p ON p.id = f.person_id LEFT JOIN contact_preferences c ON "
        "c.person_id = f.person_id "
        "WHERE f.done_at IS NULL AND (? OR (f.due_at <= ? AND (f.snoozed_until IS NULL OR "
        "f.snoozed_until <= ?))) ORDER BY f.due_at",
        (int(include_future), now_text, now_text),
    )
    # Their wish wins over our schedule: nobody who asked not to be contacted is reminded about.
    return [Due(**r) for r in rows if not (r["kind"] == "keep_in_touch" and r["channel"] == "none")]


# ``shortlist followups --json``: one record per line. Keys and states are a contract (issue
# 14): ``id``, ``person`` (the person's id), ``name``, ``job`` (the job's id; null for
# keep-in-touch), ``kind`` (``check_in`` or ``keep_in_touch``), ``due`` (ISO date) and
# ``state`` (due now, upcoming, snoozed until later, or done).
FOLLOWUP_KEYS = ("id", "person", "name", "job", "kind", "due", "state")
FOLLOWUP_STATES = ("due", "upcoming", "snoozed", "done")


def followup_state(
    due_at: str, snoozed_until: str | None, done_at: str | None, now: datetime
) -> str:
    """Where a follow-up stands at ``now``."""
    stamp = now.isoformat(timespec="seconds")
    if done_at:
        return "done"
    if snoozed_until and snoozed_until > stamp:
        return "snoozed"
    return "due" if due_at <= stamp else "upcoming"


def followup_records(
    store: Store, now: datetime | None = None, include_all: bool = False, *, refresh: bool = True
) -> list[dict]:
    """The follow-ups, soonest first, as ``shortlist followups --json`` prints them: only the
    due ones, or every one with ``include_all``. People who asked not to be contacted are never
    listed for keeping in touch. ``refresh`` first writes the keep-in-touch reminders missing."""
    now = now or datetime.now(UTC)
    if refresh:
        refresh_keep_in_touch(store, now)
    rows = store.query(
        "SELECT f.id, f.person_id, p.name, f.job_id, f.kind, f.title, f.due_at, f.snoozed_until, "
        "f.done_at, coalesce(c.channel, 'email') AS channel FROM followups f "
        "JOIN people p ON p.id = f.person_id "
        "LEFT JOIN contact_preferences c ON c.person_id = f.person_id ORDER BY f.due_at, f.id"
    )
    out = []
    for r in rows:
        if r["kind"] == "keep_in_touch" and r["channel"] == "none":
            continue  # their wish wins over our schedule
        state = followup_state(r["due_at"], r["snoozed_until"], r["done_at"], now)
        if include_all or state == "due":
            out.append(
                {
                    "id": r["id"],
                    "person": r["person_id"],
                    "name": r["name"],
                    "job": r["job_id"],
                    "kind": r["kind"],
                    "due": r["due_at"][:10],
                    "state": state,
                }
            )
    return out


def followups_of(store: Store, person_id: int) -> list[dict]:
    """One person's follow-ups, open ones first then done, soonest first (the person pane)."""
    return store.query(
        "SELECT f.id, f.job_id, f.kind, f.title, f.due_at, f.snoozed_until, f.done_at, "
        "j.title AS job "
        "FROM followups f LEFT JOIN jobs j ON j.id = f.job_id WHERE f.person_id = ? "
        "ORDER BY f.done_at IS NOT NULL, f.due_at",
        (person_id,),
    )


def mark_done(store: Store, followup_id: int, actor: str) -> None:
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, kind FROM followups WHERE id = ? AND done_at IS NULL", (followup_id,)
        ).fetchone()
        if row is None:
            raise LookupError(f"no open follow-up {followup_id}")
        conn.execute(
            "UPDATE followups SET done_at = ?, done_by = ? WHERE id = ?",
            (now_iso(), actor, followup_id),
        )
        audit.record(
            conn, actor, "followup_done", person_id=row[0], followup=followup_id, kind=row[1]
        )


def snooze(store: Store, followup_id: int, days: int, actor: str) -> str:
    until = (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="seconds")
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id FROM followups WHERE id = ? AND done_at IS NULL", (followup_id,)
        ).fetchone()
        if row is None:
            raise LookupError(f"no open follow-up {followup_id}")
        conn.execute("UPDATE followups SET snoozed_until = ? WHERE id = ?", (until, followup_id))
        audit.record(
            conn, actor, "followup_snoozed", person_id=row[0], followup=followup_id, until=until
        )
    return until


# --- the talent pool for a new job ----------------------------------------------------------


@dataclass
class PoolSuggestion:
    person_id: int
    name: str | None
    score: float
    recommendation: str
    top: list[str]
    notes: list[
        str
    ]  # what was written about them before: person-first notes and relationship notes


def pool_suggestions(
    store: Store, job: Job, minimum: float = 45.0, limit: int = 20
) -> list[PoolSuggestion]:
    """People you already know who match a new job well, best first, with their earlier notes."""
    pool = set(in_pool(store))
    applied = {
        r[0]
        for r in store.conn.execute(
            "SELECT person_id FROM applications WHERE job_id = ?", (job.id,)
        )
    }
    candidates = pool - applied
    if not candidates:
        return []
    ranker = Ranker(store, job, scope="all")
    ranker.restrict(candidates)
    out = []
    for row in ranker.rank():
        if row.total < minimum or row.missing_must_haves:
            continue
        name = store.scalar("SELECT name FROM people WHERE id = ?", (row.person,))
        notes = [
            f"{brings} ({author}, {at[:10]})"
            for brings, author, at in store.conn.execute(
                "SELECT brings, author, created_at FROM disposition_notes WHERE person_id = ? "
                "ORDER BY id DESC",
                (row.person,),
            )
        ]
        notes += [
            f"{text} ({author}, {at[:10]})"
            for text, author, at in store.conn.execute(
                "SELECT text, author, created_at FROM relationship_notes WHERE person_id = ? ORDER "
                "BY id DESC",
                (row.person,),
            )
        ]
        out.append(PoolSuggestion(row.person, name, row.total, row.recommendation, row.top, notes))
        if len(out) >= limit:
            break
    return out


def add_to_job(store: Store, person_ids: list[int], job_id: int, actor: str) -> int:
    stamp = now_iso()
    added = 0
    with store.transaction() as conn:
        for pid in person_ids:
            cur = conn.execute(
                "INSERT OR IGNORE INTO applications (person_id, job_id, status, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?)",
                (pid, job_id, NEW, stamp, stamp),
            )
            if cur.rowcount:
                added += 1
                audit.record(conn, actor, "added_from_talent_pool", person_id=pid, job=job_id)
    return added
