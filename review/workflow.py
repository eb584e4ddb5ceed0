"""The shortlist workflow: the changes a reviewer makes to an application, logged.

Statuses are in :mod:`review.status`. ``letting_go`` and ``let_go`` are reached
only through the humane gate (:mod:`review.gate`), never through :func:`set_status`.
"""

from __future__ import annotations

from dataclasses import dataclass

from review import audit
from review.db import Store, now_iso
from review.relationship import cancel_check_ins, schedule_check_ins
from review.status import GONE, HIRED, LABELS, LET_GO, LETTING_GO, MANUAL, SHORTLISTED


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
    row = store.one(
        "SELECT * FROM applications WHERE person_id = ? AND job_id = ?", (person_id, job_id)
    )
    if row is None:
        raise WorkflowError(f"person #{person_id} has not applied to job #{job_id}")
    return row


def set_status(
    store: Store, application_id: int, status: str, actor: str, *, action: str = "status"
) -> Change:
    """Move an application to a reviewer-set status, logged. The gate's statuses are refused."""
    if status not in MANUAL:
        if status in (LETTING_GO, LET_GO):
            raise WorkflowError(
                "letting someone go needs a person-first note and a message they receive: "
                "use the Let go dialog"
            )
        raise WorkflowError(f"unknown status {status!r}")
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, job_id, status FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if row is None:
            raise WorkflowError(f"no application with id {application_id}")
        person_id, job_id, before = row
        if before in (LETTING_GO, *GONE):
            raise WorkflowError(
                f"this person is {LABELS[before].lower()}: restore them to the list first"
            )
        if before == status:
            return Change(application_id, person_id, job_id, before, status)
        conn.execute(
            "UPDATE applications SET status = ?, updated_at = ? WHERE id = ?",
            (status, now_iso(), application_id),
        )
        audit.record(
            conn,
            actor,
            action,
            person_id=person_id,
            job_id=job_id,
            application_id=application_id,
            before=before,
            after=status,
        )
        if status == HIRED:
            schedule_check_ins(conn, person_id, job_id)
        elif before == HIRED:
            cancel_check_ins(conn, person_id, job_id)  # undoing a hire: its check-ins go too
    return Change(application_id, person_id, job_id, before, status)


def shortlist(store: Store, application_id: int, actor: str) -> Change:
    return set_status(store, application_id, SHORTLISTED, actor)


def undo(store: Store, change: Change, actor: str) -> Change:
    """Put an application back where a change found it (only if nothing changed it since)."""
    current = application(store, change.application_id)["status"]
    if current != change.after:
        now = LABELS.get(current, current).lower()
        raise WorkflowError(
            f"cannot undo: the status is now {now}, not {LABELS[change.after].lower()}"
        )
    return set_status(store, change.application_id, change.before, actor, action="undo")


def last_change(store: Store, job_id: int) -> Change | None:
    """The newest status change on a job's list not undone yet, from any face (the window or
    ``shortlist status``), for U in the window. Read from the audit log: each ``undo`` there
    cancels the newest ``status`` change before it that no other undo cancelled."""
    import json

    rows = store.conn.execute(
        "SELECT action, person_id, application_id, detail FROM audit_log "
        "WHERE job_id = ? AND action IN ('status', 'undo') ORDER BY id DESC",
        (job_id,),
    )
    undone = 0
    for action, person_id, application_id, detail in rows:
        if action == "undo":
            undone += 1
        elif undone:
            undone -= 1
        else:
            d = json.loads(detail or "{}")
            return Change(application_id, person_id, job_id, d["before"], d["after"])
    return None


def set_brings(store: Store, application_id: int, text: str | None, actor: str) -> None:
    """The reviewer's short line on what this person brings to this job (shown to managers)."""
    text = (text or "").strip() or None
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, job_id, brings FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if row is None:
            raise WorkflowError(f"no application with id {application_id}")
        person_id, job_id, before = row
        if before == text:
            return
        conn.execute(
            "UPDATE applications SET brings = ?, updated_at = ? WHERE id = ?",
            (text, now_iso(), application_id),
        )
        audit.record(
            conn,
            actor,
            "brings",
            person_id=person_id,
            job_id=job_id,
            application_id=application_id,
            text=text,
        )
