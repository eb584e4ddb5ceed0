"""Follow-ups as records for ``shortlist followups --json``: one object per line.

Keys (a contract, issue 14): ``id``, ``person`` (the person's id), ``name``, ``job`` (the job's
id; null for keep-in-touch), ``kind`` (``check_in`` or ``keep_in_touch``), ``due`` (ISO date)
and ``state``: ``due`` (due now), ``upcoming`` (not yet), ``snoozed`` (put off until later) or
``done``. Without ``include_all`` only the due ones; with it, every follow-up. People who asked
not to be contacted are never listed for keeping in touch.
"""

from __future__ import annotations

from datetime import UTC, datetime

from review.db import Store

STATES = ("due", "upcoming", "snoozed", "done")
KEYS = ("id", "person", "name", "job", "kind", "due", "state")


def state_of(due_at: str, snoozed_until: str | None, done_at: str | None, now: datetime) -> str:
    """Where a follow-up stands at ``now``."""
    stamp = now.isoformat(timespec="seconds")
    if done_at:
        return "done"
    if snoozed_until and snoozed_until > stamp:
        return "snoozed"
    return "due" if due_at <= stamp else "upcoming"


def followup_records(
    store: Store, now: datetime | None = None, include_all: bool = False
) -> list[dict]:
    """The follow-ups, due first, as the dicts ``shortlist followups --json`` prints."""
    from review.relationship import refresh_keep_in_touch

    now = now or datetime.now(UTC)
    refresh_keep_in_touch(store, now)
    rows = store.query(
        "SELECT f.id, f.person_id, p.name, f.job_id, f.kind, f.due_at, f.snoozed_until, f.done_at, "
        "coalesce(c.channel, 'email') AS channel FROM followups f JOIN people p ON p.id = "
        "f.person_id "
        "LEFT JOIN contact_preferences c ON c.person_id = f.person_id ORDER BY f.due_at, f.id"
    )
    out = []
    for r in rows:
        if r["kind"] == "keep_in_touch" and r["channel"] == "none":
            continue  # their wish wins over our schedule
        state = state_of(r["due_at"], r["snoozed_until"], r["done_at"], now)
        if not include_all and state != "due":
            continue
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
