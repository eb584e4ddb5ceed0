"""The audit log: every decision and change, who made it and when, in one place.

Rows are written inside the caller's transaction, so a change and its record
commit together or not at all.
"""

from __future__ import annotations

import json
import sqlite3

from review.db import now_iso


def record(
    conn: sqlite3.Connection,
    actor: str,
    action: str,
    *,
    person_id: int | None = None,
    job_id: int | None = None,
    application_id: int | None = None,
    at: str | None = None,
    **detail: object,
) -> int:
    """One audit row; ``detail`` is kept as JSON. Returns the row id."""
    cur = conn.execute(
        "INSERT INTO audit_log (at, actor, action, person_id, job_id, application_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            at or now_iso(),
            actor,
            action,
            person_id,
            job_id,
            application_id,
            json.dumps(detail, ensure_ascii=False),
        ),
    )
    return cur.lastrowid or 0
