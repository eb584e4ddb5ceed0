"""The shortlist workflow: an application's status, the changes a reviewer makes, and their log.

Statuses (the values of ``applications.status`` are a contract):

    new → shortlisted → interviewing → offered → hired
    any of them → letting_go (note written, message queued) → let_go (message delivered)
    withdrawn: the person withdrew

``letting_go`` and ``let_go`` are reached only through the humane gate
(:mod:`review.gate`), never through :func:`set_status`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from review.db import Store, now_iso

NEW, SHORTLISTED, INTERVIEWING, OFFERED, HIRED = "new", "shortlisted", "interviewing", "offered", "hired"
LETTING_GO, LET_GO, WITHDRAWN = "letting_go", "let_go", "withdrawn"
STATUSES = (NEW, SHORTLISTED, INTERVIEWING, OFFERED, HIRED, LETTING_GO, LET_GO, WITHDRAWN)
ON_THE_LIST = (NEW, SHORTLISTED, INTERVIEWING, OFFERED)
# Statuses a reviewer sets directly; the others belong to the gate.
MANUAL = (NEW, SHORTLISTED, INTERVIEWING, OFFERED, HIRED)

LABELS = {
    NEW: "To review", SHORTLISTED: "Shortlisted", INTERVIEWING: "Interviewing", OFFERED: "Offered",
    HIRED: "Hired", LETTING_GO: "Waiting for a message", LET_GO: "Let go", WITHDRAWN: "Withdrawn",
}  # fmt: skip


class WorkflowError(Exception):
    """A change the workflow does not allow, with the reason."""


@dataclass(frozen=True)
class Change:
    application_id: int
    person_id: int
    job_id: int
    before: str
    after: str


def application(store: Store, application_id: int) -> dict:
    row = store.one("SELECT * FROM applications WHERE id = ?", (application_id,))
    if row is None:
        raise WorkflowError(f"no application with id {application_id}")
    return row


def application_for(store: Store, person_id: int, job_id: int) -> dict:
    row = store.one("SELECT * FROM applications WHERE person_id = ? AND job_id = ?", (person_id, job_id))
    if row is None:
        raise WorkflowError(f"person #{person_id} has not applied to job #{job_id}")
    return row


def audit(conn, actor: str, action: str, *, person_id=None, job_id=None, application_id=None, **detail) -> None:
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, person_id, job_id, application_id, detail) VALUES (?,?,?,?,?,?,?)",
        (now_iso(), actor, action, person_id, job_id, application_id, json.dumps(detail, ensure_ascii=False)),
    )


def set_status(store: Store, application_id: int, status: str, actor: str, *, action: str = "status") -> Change:
    """Move an application to a reviewer-set status, logged. The gate's statuses are refused."""
    if status not in MANUAL:
        if status in (LETTING_GO, LET_GO):
            raise WorkflowError(
                "letting someone go needs a person-first note and a message they receive: use the Let go dialog"
            )
        raise WorkflowError(f"unknown status {status!r}")
    with store.transaction() as conn:
        row = conn.execute("SELECT person_id, job_id, status FROM applications WHERE id = ?", (application_id,)).fetchone()
        if row is None:
            raise WorkflowError(f"no application with id {application_id}")
        person_id, job_id, before = row
        if before in (LETTING_GO, LET_GO, WITHDRAWN):
            raise WorkflowError(
                f"this person is {LABELS[before].lower()}: restore them to the list first"
            )
        if before == status:
            return Change(application_id, person_id, job_id, before, status)
        conn.execute(
            "UPDATE applications SET status = ?, updated_at = ? WHERE id = ?", (status, now_iso(), application_id)
        )
        audit(conn, actor, action, person_id=person_id, job_id=job_id, application_id=application_id,
              before=before, after=status)  # fmt: skip
        if status == HIRED:
            from review.relationship import schedule_check_ins

            schedule_check_ins(conn, person_id, job_id)
        elif before == HIRED:
            # Undoing a hire: its check-ins go too.
            conn.execute("DELETE FROM followups WHERE person_id = ? AND job_id = ? AND kind = 'check_in' "
                         "AND done_at IS NULL", (person_id, job_id))  # fmt: skip
    return Change(application_id, person_id, job_id, before, status)


def shortlist(store: Store, application_id: int, actor: str) -> Change:
    return set_status(store, application_id, SHORTLISTED, actor)


def undo(store: Store, change: Change, actor: str) -> Change:
    """Put an application back where a change found it (only if nothing changed it since)."""
    current = application(store, change.application_id)["status"]
    if current != change.after:
        raise WorkflowError(
            f"cannot undo: the status is now {LABELS.get(current, current).lower()}, not {LABELS[change.after].lower()}"
        )
    return set_status(store, change.application_id, change.before, actor, action="undo")


def waited_days(created_at: str, now: datetime | None = None) -> float:
    now = now or datetime.now(UTC)
    try:
        then = datetime.fromisoformat(created_at)
    except ValueError:
        return 0.0
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return max(0.0, (now - then).total_seconds() / 86400)


_ADJECTIVES = (
    "Amber", "Azure", "Bright", "Calm", "Cedar", "Coral", "Crisp", "Dawn", "Ember", "Fern", "Golden",
    "Hazel", "Indigo", "Ivory", "Jade", "Juniper", "Linen", "Maple", "Meadow", "Misty", "Olive", "Opal",
    "Pebble", "Quartz", "River", "Rowan", "Sage", "Silver", "Slate", "Sunny", "Teal", "Willow",
)  # fmt: skip
_NOUNS = (
    "Badger", "Crane", "Dolphin", "Falcon", "Finch", "Fox", "Heron", "Ibis", "Jay", "Kestrel", "Koala",
    "Lark", "Lynx", "Marten", "Newt", "Orca", "Otter", "Owl", "Panda", "Puffin", "Quail", "Raven",
    "Robin", "Seal", "Sparrow", "Swift", "Tern", "Wren", "Yak", "Zebra", "Bison", "Hare",
)  # fmt: skip


def pseudonym(person_id: int, job_id: int) -> str:
    """A stable, friendly name for blind review ("Amber Heron 42"), the same every time."""
    digest = hashlib.sha256(f"shortlist:{job_id}:{person_id}".encode()).digest()
    return f"{_ADJECTIVES[digest[0] % len(_ADJECTIVES)]} {_NOUNS[digest[1] % len(_NOUNS)]} {digest[2] % 90 + 10}"
