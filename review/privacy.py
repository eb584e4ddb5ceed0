"""Their data, their say: export everything held about one person, erase them, bound retention.

**Export** (:func:`export_person`) writes ``<out_dir>/person-<id>/`` with
``person.json`` (every row held about them, JSON fields parsed), their
original file under its own name, and ``messages/`` with one ``.txt`` per
message. What is told to the person is theirs; what would expose *another*
person (the other name in a "very similar name" duplicate suggestion) is
left out.

**Erasure** (:func:`erase_person`) removes every row about the person (one
transaction; children before parents, as foreign keys are on), then their
original file and the ``.eml`` copies of their messages in the outbox folder.
The audit log keeps *that* something happened (who, what, when: those rows are
the firm's record of its own actions) but loses every detail, and gains one
tombstone row (``action='erased'``) with counts only. Deleting rows is not
enough to make a name disappear from a SQLite file; each of these was needed,
as measured by searching the raw bytes of the files (tests/test_privacy.py):

* ``PRAGMA secure_delete=ON`` for the deletes, so freed cells and pages are
  zeroed instead of lingering as free space (Debian's SQLite defaults to on,
  python.org and macOS builds to off);
* then (:func:`compact`) an FTS5 ``optimize``: deleting from
  FTS5 only appends a delete marker, and the old segment with the person's
  words stays live in ``people_fts_data`` — VACUUM copies it faithfully;
* ``VACUUM`` (rewrites every page; covers a build without secure_delete) and
  ``PRAGMA wal_checkpoint(TRUNCATE)``: the ``-wal`` file keeps the page images
  written before the erasure, name included, until it is reset — and before
  the checkpoint, the main file still holds the old pages too;
* the import's list of sources loses the paths of their files: a resume is
  often named after its person.

After the deletes it scans every text column for the name, emails and phone
numbers; matches in audit details are blanked, matches elsewhere (another
person's resume that names them, say) are reported as warnings, never
silently deleted, because they are someone else's record. Backups made before
the erasure (:mod:`review.backup`) still hold the person: the report says so.

**Retention** (:func:`retention_candidates`, :func:`purge`). The rule:

    A person may be erased for retention when all three hold:

    1. their last activity is more than ``months`` (default 12) before now.
       Activity is the latest of: their document's import, their applications'
       creation and updates, their messages being created or delivered, their
       relationship and person-first (disposition) notes, follow-ups about them
       being done, and any audit row about them;
    2. they have not consented to stay longer: ``contact_preferences.consent = 1``
       with a ``consent_date`` within the last 24 months keeps them (a consent
       older than that has lapsed and no longer counts; no date, no consent);
    3. they are on no list: an application with status new, shortlisted,
       interviewing, offered or letting_go protects them, whatever the job's
       status (someone mid-process, or waiting for the message that tells them
       where they stand, is never erased by a timer).

:func:`purge` erases exactly the candidates, compacting the file once at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from parsing.text import fold
from review import audit, term_index, written
from review.db import Store, StoreError, now_iso
from review.identity import corrections_of
from review.settings import Settings
from review.status import PROTECTED, MessageState

CONSENT_MONTHS = 24
# JSON text columns of the tables we export, decoded so the person reads lists, not strings.
_JSON_COLUMNS = {
    "confidence",
    "doubts",
    "emails",
    "phones",
    "links",
    "skills",
    "education",
    "fields",
    "topics",
    "recipients",
    "refused",
    "detail",
    "proposal",
    "applied",
}


class ErasureRefused(Exception):
    """The erasure cannot happen now; the message says why. Nothing was changed."""


# --- export ---------------------------------------------------------------------------------


def export_person(store: Store, person_id: int, out_dir: str | Path) -> Path:
    """Write everything held about one person into ``out_dir/person-<id>/`` and return that folder.

    The folder is built under a temporary name and renamed at the end, so a
    failed export never leaves half a folder that looks complete. An existing
    ``person-<id>`` folder is not overwritten (like :func:`review.backup.backup`).
    """
    out_dir = Path(out_dir)
    target = out_dir / f"person-{person_id}"
    if target.exists():
        raise FileExistsError(
            f"{target} already exists: choose another folder or move the earlier export"
        )
    data = _person_data(store, person_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".person-{person_id}-", dir=out_dir))
    try:
        data["original_file"] = _copy_original(store, data["document"], work)
        messages_dir = work / "messages"
        messages_dir.mkdir()
        for message in data["messages"]:
            name = f"message-{message['id']}.txt"
            (messages_dir / name).write_text(_message_text(message), encoding="utf-8")
            message["file"] = f"messages/{name}"
        (work / "person.json").write_text(
            json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    written.record(store, "person", target, [person_id])
    return target


def _messages_of(store: Store, person_id: int) -> list[dict]:
    """Their messages, each with the applications it carried a decision for."""
    messages = store.query("SELECT * FROM messages WHERE person_id = ? ORDER BY id", (person_id,))
    for message in messages:
        message["application_ids"] = [
            r[0]
            for r in store.conn.execute(
                "SELECT application_id FROM message_applications WHERE message_id = ? "
                "ORDER BY application_id",
                (message["id"],),
            )
        ]
    return messages


def _duplicates_of(store: Store, person_id: int, name: str | None) -> list[dict]:
    """Possible duplicates. The other side is another person: their id, never their name."""
    duplicates = []
    for row in store.query(
        "SELECT s.*, o.name AS other_name FROM duplicate_suggestions s JOIN people o "
        "ON o.id = CASE WHEN s.person_id = ? THEN s.other_id ELSE s.person_id END "
        "WHERE s.person_id = ? OR s.other_id = ? ORDER BY s.id",
        (person_id, person_id, person_id),
    ):
        other_name = row.pop("other_name")
        reason = row["reason"]
        if other_name and other_name != name:
            reason = reason.replace(other_name, "another record")
        other = row["other_id"] if row["person_id"] == person_id else row["person_id"]
        duplicates.append(
            {
                "id": row["id"],
                "other_person_id": other,
                "reason": reason,
                "status": row["status"],
                "created_at": row["created_at"],
                "decided_at": row["decided_at"],
                "decided_by": row["decided_by"],
            }
        )
    return duplicates


def _person_data(store: Store, person_id: int) -> dict:
    person = store.one("SELECT * FROM people WHERE id = ?", (person_id,))
    if person is None:
        raise LookupError(f"no person with id {person_id}")
    document = store.one("SELECT * FROM documents WHERE id = ?", (person["document_id"],)) or {}
    applications = store.query(
        "SELECT a.*, j.title AS job_title, j.status AS job_status FROM applications a "
        "JOIN jobs j ON j.id = a.job_id WHERE a.person_id = ? ORDER BY a.id",
        (person_id,),
    )
    app_ids = [a["id"] for a in applications]
    messages = _messages_of(store, person_id)
    duplicates = _duplicates_of(store, person_id, person["name"])
    audit = store.query(
        f"SELECT * FROM audit_log WHERE person_id = ? OR application_id IN ({_marks(app_ids)}) "
        "ORDER BY id",
        (person_id, *app_ids),
    )
    data = {
        "exported_at": now_iso(),
        "person_id": person_id,
        "person": person,
        "document": document,
        "contact_points": store.query(
            "SELECT kind, value FROM contact_points WHERE person_id = ? ORDER BY kind, value",
            (person_id,),
        ),
        # The recruiter's corrections of their fields, with what the resume had said.
        "corrections": corrections_of(store.conn, person_id),
        "skills_found": store.query(
            "SELECT skill, text, start, end, section, year, flag, similarity FROM skill_hits WHERE "
            "person_id = ? ORDER BY start",
            (person_id,),
        ),
        "applications": applications,
        "contact_preferences": store.one(
            "SELECT * FROM contact_preferences WHERE person_id = ?", (person_id,)
        ),
        "relationship_notes": store.query(
            "SELECT * FROM relationship_notes WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "disposition_notes": store.query(
            "SELECT n.*, j.title AS job_title FROM disposition_notes n JOIN jobs j ON j.id = "
            "n.job_id WHERE n.person_id = ? ORDER BY n.id",
            (person_id,),
        ),
        "messages": messages,
        "followups": store.query(
            "SELECT * FROM followups WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "duplicate_suggestions": duplicates,
        # The messages their resumes came in: sender, date, subject, body.
        "cover_letters": store.query(
            "SELECT * FROM cover_letters WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "replies": store.query(
            "SELECT * FROM replies WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "interviews": store.query(
            "SELECT * FROM interviews WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "role_offers": store.query(
            "SELECT * FROM role_offers WHERE person_id = ? ORDER BY id", (person_id,)
        ),
        "import_files": store.query(
            "SELECT f.*, r.started_at AS run_started_at FROM import_files f JOIN import_runs r ON "
            "r.id = f.run_id WHERE f.person_id = ? OR f.document_id = ? ORDER BY f.id",
            (person_id, person["document_id"]),
        ),
        "audit_log": audit,
    }
    return _decode_json(data)


def _decode_json(value):
    """Parse the JSON text columns in place, so the export reads as data, not strings of data."""
    if isinstance(value, list):
        return [_decode_json(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _JSON_COLUMNS and isinstance(item, str):
                try:
                    item = json.loads(item)
                except ValueError:
                    pass  # kept as written: an export never fails over one odd value
            out[key] = _decode_json(item)
        return out
    return value


def _copy_original(store: Store, document: dict, work: Path) -> dict:
    """Copy the original file under its own name; name it in the JSON when it cannot be found."""
    original = document.get("original_name") or "original"
    # Only the last part of the name: a ZIP member's name must not write outside the folder.
    name = Path(original.replace("\\", "/")).name.replace("\x00", "") or "original"
    if name in ("person.json", "messages") or name.startswith("."):
        name = "original-" + name.lstrip(".")
    info = {
        "name": original,
        "sha256": document.get("sha256"),
        "file": None,
        "missing": False,
        "reason": None,
    }
    stored = document.get("stored_path")
    if not stored:
        info.update(
            missing=True,
            reason="the original was never kept (its format is not one Shortlist reads)",
        )
        return info
    source = store.files_dir / stored
    try:
        shutil.copyfile(source, work / name)
    except FileNotFoundError:
        info.update(missing=True, reason=f"the original is no longer in the data folder ({stored})")
    except OSError as exc:
        info.update(missing=True, reason=f"the original could not be read: {exc.strerror}")
    else:
        info["file"] = name
    return info


def _message_text(message: dict) -> str:
    recipients = message.get("recipients") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    head = [
        f"Subject: {message['subject']}",
        f"From: {message['sender_name']} <{message['sender_email']}>",
        f"Reply-To: {message['reply_to']}",
        f"To: {', '.join(recipients) or '-'}",
        f"Channel: {message['channel']}",
        f"State: {message['state']}",
        f"Written: {message['created_at']} by {message['author']}",
        f"Delivered: {message['delivered_at'] or '-'}"
        + (f" ({message['transport']})" if message.get("transport") else ""),
        f"Message-ID: {message['message_id']}",
    ]
    return "\n".join(head) + "\n\n" + message["body"].rstrip("\n") + "\n"


# --- erasure --------------------------------------------------------------------------------


@dataclass
class ErasureReport:
    """What an erasure did. It holds no personal data (ids, counts, hash- and id-named files),
    so it can be shown, logged or kept."""

    person_id: int
    actor: str
    erased_at: str
    rows: dict[str, int] = field(default_factory=dict)  # rows deleted, per table
    audit_rows_blanked: int = 0
    tombstone_id: int | None = None
    files_removed: list[str] = field(default_factory=list)  # originals, relative to the file store
    outbox_files_removed: list[str] = field(default_factory=list)
    index_rebuilt: bool = False
    vacuumed: bool = False
    wal_truncated: bool = False
    seconds: float = 0.0  # for a purge: the whole purge
    warnings: list[str] = field(default_factory=list)
    exports_removed: list[str] = field(
        default_factory=list
    )  # exports Shortlist wrote, deleted as asked
    exports_kept: list[str] = field(default_factory=list)  # exports that still hold them
    backups: list[str] = field(default_factory=list)  # backups made since they arrived
    on_record: list[dict] = field(
        default_factory=list, repr=False
    )  # exports_written rows, as found

    def summary(self) -> str:
        total = sum(self.rows.values())
        files = len(self.files_removed) + len(self.outbox_files_removed) + len(self.exports_removed)
        exports = f" ({len(self.exports_removed)} exports)" if self.exports_removed else ""
        parts = [
            f"person #{self.person_id} erased by {self.actor}: {total} rows",
            f"{files} files{exports}",
            f"{self.audit_rows_blanked} audit details blanked",
        ]
        if not (self.index_rebuilt and self.vacuumed and self.wal_truncated):
            parts.append("the file could not be fully compacted yet (see warnings)")
        return "; ".join(parts) + "".join(f"\n  ! {w}" for w in self.warnings)


@dataclass
class _Target:
    """Everything the deletes need to know about one person, read before anything changes."""

    person_id: int
    document_id: int
    stored_path: str | None
    needles: list[str]  # name, emails, phones: what must not survive anywhere
    application_ids: list[int]
    messages: list[dict]
    import_sources: list[str]
    name: str = ""
    emails: list[str] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # exports and backups on record that hold them


def erase_person(
    store: Store,
    person_id: int,
    actor: str,
    *,
    why: str = "on request",
    settings: Settings | None = None,
    delete_exports: bool = False,
) -> ErasureReport:
    """Remove everything about one person, their files, and every trace in the database file.

    ``settings`` (a :class:`review.settings.Settings`) tells where the outbox
    folder is; by default the user's settings are read. ``delete_exports``: also
    delete the shortlist exports and person exports Shortlist wrote that hold them
    (:func:`files_holding`); otherwise the report lists them.
    """
    started = time.monotonic()
    report = _erase(store, person_id, actor, why, _outbox_folder(store, settings))
    _exports_after(store, person_id, report, delete_exports)
    _compact(store, [report])
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _outbox_folder(store: Store, settings: Settings | None) -> Path:
    """Where outbox ``.eml`` files are: the ``outbox.dir`` setting, else ``<db stem>-outbox``
    beside the db."""
    folder = ""
    if settings is None:
        try:
            settings = Settings()
        except ValueError:
            settings = None  # an unreadable settings file: the default folder is still searched
    if settings is not None:
        folder = settings.get("outbox.dir") or ""
    return Path(folder) if folder else store.path.with_name(store.path.stem + "-outbox")


def _erase(
    store: Store, person_id: int, actor: str, why: str, outbox: Path, *, scan_residue: bool = True
) -> ErasureReport:
    """The deletes in one transaction, then the files. The index and the file are left to
    :func:`compact`.

    ``scan_residue`` reads every text column once (0.2 s per 2,000 people):
    worth it for one erasure on request, skipped by a purge of hundreds.
    """
    target = _target(store, person_id)
    sending = [m["id"] for m in target.messages if m["state"] == MessageState.SENDING]
    if sending:
        raise ErasureRefused(
            f"a message to person #{person_id} is being sent right now (message "
            f"{', '.join(map(str, sending))}): erase them when it has finished"
        )
    report = ErasureReport(person_id, actor, now_iso())
    conn = store.conn
    previous_secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    # Zero freed cells and pages as we delete: without it the name stays in free space.
    conn.execute("PRAGMA secure_delete=ON")
    try:
        with store.transaction() as conn:
            _delete_rows(conn, target, report)
            _scrub_import_runs(conn, target, report)
            _scrub_paths(conn, target, report)
            report.audit_rows_blanked = _blank_audit(conn, target)
            if scan_residue:
                _check_residue(conn, target, report)
            report.tombstone_id = _tombstone(conn, target, report, why)
    except sqlite3.Error as exc:
        raise StoreError(
            f"could not erase person #{person_id}: {exc}. Nothing was erased."
        ) from None
    finally:
        conn.execute(f"PRAGMA secure_delete={int(previous_secure)}")
    # Files only after the rows are gone for good: a failed transaction leaves a whole record.
    _remove_files(store, target, outbox, report)
    report.on_record = target.files
    report.backups = [f["path"] for f in target.files if f["kind"] == "backup"]
    report.exports_kept = [f["path"] for f in target.files if f["kind"] != "backup"]
    if report.backups:
        report.warnings.append(
            "these backups, made since they arrived, still hold this person: "
            + ", ".join(report.backups)
            + " — erase them there too, or delete them"
        )
    else:
        report.warnings.append(
            "backups made before now still hold this person: erase them there too, or delete "
            "those backups"
        )
    return report


def _target(store: Store, person_id: int) -> _Target:
    person = store.one(
        "SELECT p.id, p.document_id, p.name, p.emails, p.phones, d.stored_path FROM people p "
        "LEFT JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (person_id,),
    )
    if person is None:
        raise LookupError(f"no person with id {person_id}")
    needles = []
    if person["name"] and len(person["name"].strip()) >= 4:
        needles.append(person["name"].strip())
    for key in ("emails", "phones"):
        try:
            needles += [str(v) for v in json.loads(person[key] or "[]") if len(str(v)) >= 6]
        except ValueError:
            pass
    needles += [
        v
        for (v,) in store.conn.execute(
            "SELECT value FROM contact_points WHERE person_id = ? AND length(value) >= 6",
            (person_id,),
        )
    ]
    app_ids = [
        r[0]
        for r in store.conn.execute("SELECT id FROM applications WHERE person_id = ?", (person_id,))
    ]
    messages = store.query(
        "SELECT id, message_id, state, transport FROM messages WHERE person_id = ?", (person_id,)
    )
    sources = [
        r[0]
        for r in store.conn.execute(
            "SELECT source FROM import_files WHERE person_id = ? OR document_id = ?",
            (person_id, person["document_id"]),
        )
    ]
    # lower(), not casefold(): the SQL side compares with SQLite's lower().
    unique = list(dict.fromkeys(n.lower() for n in needles))
    try:
        emails = [str(e) for e in json.loads(person["emails"] or "[]")]
    except ValueError:
        emails = []
    since = store.scalar("SELECT created_at FROM people WHERE id = ?", (person_id,))
    return _Target(
        person_id,
        person["document_id"],
        person["stored_path"],
        unique,
        app_ids,
        messages,
        sources,
        person["name"] or "",
        emails,
        written.holding(store.conn, person_id, since),
    )


def files_holding(store: Store, person_id: int) -> list[dict]:
    """Exports, person exports and backups Shortlist wrote that hold this person, still on disk
    (``kind``, ``path``, ``written_at``): what an erasure lists, and offers to delete."""
    since = store.scalar("SELECT created_at FROM people WHERE id = ?", (person_id,))
    return written.holding(store.conn, person_id, since)


def _marks(values: list) -> str:
    """Placeholders for an IN list; ``NULL`` for an empty one, which matches nothing."""
    return ",".join("?" * len(values)) if values else "NULL"


def _delete(
    conn: sqlite3.Connection, report: ErasureReport, table: str, where: str, params: list
) -> None:
    count = conn.execute(f'DELETE FROM "{table}" WHERE {where}', params).rowcount
    if count:
        report.rows[table] = report.rows.get(table, 0) + count


# Tables erased explicitly, children before parents (foreign keys are ON).
_KNOWN = {
    "message_applications",
    "messages",
    "disposition_notes",
    "followups",
    "relationship_notes",
    "contact_preferences",
    "contact_points",
    "skill_hits",
    "duplicate_suggestions",
    "applications",
    "import_files",
    "people",
    "documents",
    "audit_log",
    "import_runs",
    "jobs",
    "schema_version",
    "exports_written",
}


def _delete_rows(conn: sqlite3.Connection, t: _Target, report: ErasureReport) -> None:
    pid, apps, msgs = t.person_id, t.application_ids, [m["id"] for m in t.messages]
    _delete(
        conn,
        report,
        "message_applications",
        f"message_id IN ({_marks(msgs)}) OR application_id IN ({_marks(apps)})",
        [*msgs, *apps],
    )
    _delete(conn, report, "messages", "person_id = ?", [pid])
    _delete(
        conn,
        report,
        "disposition_notes",
        f"person_id = ? OR application_id IN ({_marks(apps)})",
        [pid, *apps],
    )
    for table in (
        "followups",
        "relationship_notes",
        "contact_preferences",
        "contact_points",
        "skill_hits",
    ):
        _delete(conn, report, table, "person_id = ?", [pid])
    _delete(conn, report, "duplicate_suggestions", "person_id = ? OR other_id = ?", [pid, pid])
    _delete_from_newer_tables(conn, t, report)
    _delete(conn, report, "applications", "person_id = ?", [pid])
    _delete(conn, report, "import_files", "person_id = ? OR document_id = ?", [pid, t.document_id])
    _delete(conn, report, "people_fts", "rowid = ?", [pid])
    if changed := term_index.forget(
        conn, pid
    ):  # their words, found from their text: before it goes
        report.rows["term_postings"] = changed
    _delete(conn, report, "people", "id = ?", [pid])
    if not conn.execute("SELECT 1 FROM people WHERE document_id = ?", (t.document_id,)).fetchone():
        _delete(conn, report, "documents", "id = ?", [t.document_id])


def _delete_from_newer_tables(conn: sqlite3.Connection, t: _Target, report: ErasureReport) -> None:
    """Rows in tables added after this module was written that point at the person.

    A later migration may add a table about people; an erasure that silently
    skipped it would leave the person behind. Any table with a foreign key to
    people, applications, messages or documents, or a ``person_id`` column,
    loses the rows that point at this person.
    """
    keys = {
        "people": [t.person_id],
        "applications": t.application_ids,
        "messages": [m["id"] for m in t.messages],
        "documents": [t.document_id],
    }
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_fts%'"
    ).fetchall():
        if table in _KNOWN:
            continue
        clauses, params = [], []
        for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            parent, column = fk[2], fk[3]
            if keys.get(parent):
                clauses.append(f'"{column}" IN ({_marks(keys[parent])})')
                params += keys[parent]
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
        if "person_id" in columns:
            clauses.append('"person_id" = ?')
            params.append(t.person_id)
        if clauses:
            _delete(conn, report, table, " OR ".join(clauses), params)


def _scrub_import_runs(conn: sqlite3.Connection, t: _Target, report: ErasureReport) -> None:
    """An import of single files lists their paths, and a file is often named after its person."""
    gone = set(t.import_sources) | {str(Path(s)) for s in t.import_sources}
    if not gone:
        return
    for run_id, sources in conn.execute("SELECT id, sources FROM import_runs").fetchall():
        try:
            listed = json.loads(sources or "[]")
        except ValueError:
            continue
        kept = [s for s in listed if s not in gone and str(Path(s)) not in gone]
        if len(kept) != len(listed):
            conn.execute(
                "UPDATE import_runs SET sources = ? WHERE id = ?",
                (json.dumps(kept, ensure_ascii=False), run_id),
            )
            report.rows["import_runs.sources (paths removed)"] = (
                report.rows.get("import_runs.sources (paths removed)", 0) + len(listed) - len(kept)
            )


def _path_pattern(t: _Target) -> re.Pattern | None:
    """Their name (either order) or an email of theirs, as words of a folder or file name:
    "Jane Doe/", "Jane_Doe_applications.zip", "doe-jane.pdf", "jane.doe@example.org.pdf"."""
    words = [fold(w) for w in re.findall(r"[^\W_]+", t.name) if len(w) >= 2]
    alternatives = []
    if len(words) >= 2:
        alternatives += [
            " ".join(words),
            " ".join(reversed(words)),
            " ".join([words[0], words[-1]]),
            " ".join([words[-1], words[0]]),
        ]
    elif words and len(words[0]) >= 4:
        alternatives.append(words[0])
    for email in t.emails:
        local = " ".join(fold(w) for w in re.findall(r"[^\W_]+", email.split("@")[0]))
        if len(local) >= 4:
            alternatives.append(" ".join(fold(w) for w in re.findall(r"[^\W_]+", email)))
            alternatives.append(local)
    if not alternatives:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in dict.fromkeys(alternatives)) + r")(?!\w)"
    )


def scrub_path(path: str, pattern: re.Pattern | None) -> str:
    """``path`` with every folder or file name that names the person replaced by ``[erased]``."""
    if not path or pattern is None:
        return path
    parts = re.split(r"([/\\])", path)
    for i, part in enumerate(parts):
        if part in ("/", "\\") or not part:
            continue
        words = " ".join(re.findall(r"[^\W_]+", fold(part)))
        if pattern.search(words):
            parts[i] = "[erased]"
    return "".join(parts)


def _scrub_paths(conn: sqlite3.Connection, t: _Target, report: ErasureReport) -> None:
    """A folder or ZIP named after them names them in every path under it — other files' sources,
    the runs that imported them, exports on record: each such name becomes ``[erased]``."""
    pattern = _path_pattern(t)
    if pattern is None:
        return
    scrubbed = 0
    for run_id, sources in conn.execute("SELECT id, sources FROM import_runs").fetchall():
        try:
            listed = json.loads(sources or "[]")
        except ValueError:
            continue
        cleaned = [scrub_path(str(s), pattern) for s in listed]
        if cleaned != listed:
            conn.execute(
                "UPDATE import_runs SET sources = ? WHERE id = ?",
                (json.dumps(cleaned, ensure_ascii=False), run_id),
            )
            scrubbed += sum(a != b for a, b in zip(cleaned, listed, strict=True))
    for table, key, columns in (
        ("import_files", "id", ("source", "name")),
        ("documents", "id", ("original_name",)),
        ("exports_written", "id", ("path",)),
    ):
        for row in conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
            cleaned = [scrub_path(value, pattern) if value else value for value in row[1:]]
            if cleaned != list(row[1:]):
                sets = ", ".join(f"{c} = ?" for c in columns)
                conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", (*cleaned, row[0]))
                scrubbed += 1
    if scrubbed:
        report.rows["paths naming them (scrubbed)"] = scrubbed


def _exports_after(store: Store, person_id: int, report: ErasureReport, delete: bool) -> None:
    """The exports on record that hold the person: deleted when asked, else listed in the report.
    Either way the record no longer says it holds them (they are gone from the database)."""
    with store.transaction() as conn:
        for row_id, people in conn.execute(
            "SELECT id, people FROM exports_written WHERE kind <> 'backup'"
        ).fetchall():
            try:
                ids = json.loads(people or "[]")
            except ValueError:
                continue
            if person_id not in ids:
                continue
            conn.execute(
                "UPDATE exports_written SET people = ? WHERE id = ?",
                (json.dumps([i for i in ids if i != person_id]), row_id),
            )
    if not delete:
        if report.exports_kept:
            report.warnings.append(
                "these exports Shortlist wrote still hold this person: "
                + ", ".join(report.exports_kept)
                + " — delete them (or erase with --delete-exports)"
            )
        return
    kept, removed_ids = [], []
    for row in report.on_record:
        if row["kind"] == "backup":
            continue
        path = row["path"]
        target = Path(path)
        try:
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            kept.append(path)
            report.warnings.append(f"could not delete {path}: {exc.strerror}; delete it by hand")
            continue
        report.exports_removed.append(path)
        removed_ids.append(row["id"])
    report.exports_kept = kept
    with store.transaction() as conn:
        conn.executemany("DELETE FROM exports_written WHERE id = ?", [(i,) for i in removed_ids])


def _blank_audit(conn: sqlite3.Connection, t: _Target) -> int:
    """Keep who did what when; drop every detail about the person (and any detail naming them)."""
    apps = t.application_ids
    where = ["person_id = ?", f"application_id IN ({_marks(apps)})"]
    params: list = [t.person_id, *apps]
    for needle in t.needles:
        where.append("instr(lower(detail), ?) > 0")
        params.append(needle)
    cur = conn.execute(
        f"UPDATE audit_log SET detail = '{{}}' WHERE detail <> '{{}}' AND ({' OR '.join(where)})",
        params,
    )
    return cur.rowcount


def _check_residue(conn: sqlite3.Connection, t: _Target, report: ErasureReport) -> None:
    """Look for the name, emails and phones in every text column left; report, never delete.

    What is left belongs to someone else (another person's resume that names
    them as a referee, a note about another person): a human decides.
    """
    if not t.needles:
        return
    # Virtual tables and their shadow tables are derived from the tables scanned here.
    virtual = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall():
        if any(table.startswith(v + "_") for v in virtual):
            continue
        for column in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
            name, declared = column[1], (column[2] or "").upper()
            if declared and "TEXT" not in declared and "CHAR" not in declared:
                continue
            test = " OR ".join(f'instr(lower("{name}"), ?) > 0' for _ in t.needles)
            count = conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE {test}', t.needles
            ).fetchone()[0]
            if count:
                report.warnings.append(
                    f"their name or contact details still appear in {table}.{name} ({count} "
                    "row(s)) that belong to someone else's record: review those by hand"
                )


def _tombstone(conn: sqlite3.Connection, t: _Target, report: ErasureReport, why: str) -> int:
    return audit.record(
        conn,
        report.actor,
        "erased",
        person_id=t.person_id,
        at=report.erased_at,
        erased_at=report.erased_at,
        by=report.actor,
        why=why,
        rows=dict(report.rows),
        audit_rows_blanked=report.audit_rows_blanked,
    )


def _remove_files(store: Store, t: _Target, outbox: Path, report: ErasureReport) -> None:
    from review.outbox import OutboxFolder

    if (
        t.stored_path
        and not store.conn.execute(
            "SELECT 1 FROM documents WHERE stored_path = ?", (t.stored_path,)
        ).fetchone()
    ):
        path = store.files_dir / t.stored_path
        # Leftovers of an interrupted copy of the same file hold the same bytes.
        for candidate in [path, *path.parent.glob(f".{path.name}.*.tmp")]:
            if _unlink(candidate, report):
                report.files_removed.append(str(candidate.relative_to(store.files_dir)))
        _remove_empty(path.parent, store.files_dir)
    folder = OutboxFolder(outbox)
    for message in t.messages:
        eml = folder.path_for(message["message_id"])
        found = False
        for candidate in (eml, eml.with_name("." + eml.name + ".tmp")):
            if _unlink(candidate, report):
                report.outbox_files_removed.append(str(candidate))
                found = True
        if (
            not found
            and message["state"] == MessageState.DELIVERED
            and message["transport"] == OutboxFolder.name
        ):
            report.warnings.append(
                f"message {message['id']} is no longer in the outbox folder {outbox}: "
                "your mail client has it (and may have sent it); delete it there too"
            )


def _unlink(path: Path, report: ErasureReport) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        report.warnings.append(f"could not delete {path}: {exc.strerror}; delete it by hand")
        return False
    return True


def _remove_empty(folder: Path, root: Path) -> None:
    """The hash-prefix folder, if the file was its last: nothing personal, just tidy."""
    if folder != root and folder.is_dir():
        try:
            folder.rmdir()
        except OSError:
            pass  # other files live there


@dataclass
class Compaction:
    """What :func:`compact` managed; ``problems`` in words a recruiter can act on."""

    index_rebuilt: bool = False
    vacuumed: bool = False
    wal_truncated: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.index_rebuilt and self.vacuumed and self.wal_truncated


def compact(store: Store) -> Compaction:
    """Rebuild the search index, VACUUM and empty the WAL: no old copy of erased data is left.

    Erasure and purge call it once at their end (merging the index costs
    O(everyone): ~0.7 s per 10,000 people). Call it again after a reader that
    blocked it has closed, or after a crash between an erasure and its end.
    """
    conn = store.conn
    done = Compaction()
    previous_secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete=ON")
    try:
        # Deleting from FTS5 only appends a delete marker: the segment that holds the erased
        # words stays in people_fts_data until segments merge. 'optimize' merges every
        # segment into one, dropping the deleted entries (0.7 s at 10,000 people, where a
        # 'rebuild' takes 5 s and holds the write lock all along).
        with store.transaction() as tx:
            tx.execute("INSERT INTO people_fts(people_fts) VALUES ('optimize')")
        done.index_rebuilt = True
    except (sqlite3.Error, StoreError) as exc:
        done.problems.append(
            f"the search index could not be rebuilt now ({exc}): compact the database again"
        )
    finally:
        conn.execute(f"PRAGMA secure_delete={int(previous_secure)}")
    try:
        # VACUUM rewrites every page: free space and half-empty pages from before are gone.
        conn.execute("VACUUM")
        done.vacuumed = True
    except sqlite3.Error as exc:
        done.problems.append(
            f"the database could not be compacted now ({exc}): compact it again when "
            "Shortlist is idle"
        )
    try:
        # The -wal file keeps the page images written before (with the erased data) until it is
        # reset.
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        done.wal_truncated = busy == 0
        if busy:
            done.problems.append(
                "another window or program is reading the database, so older copies of its "
                "pages stay in the -wal file: close it, then compact the database again"
            )
    except sqlite3.Error as exc:
        done.problems.append(f"the database's -wal file could not be emptied ({exc})")
    return done


def _compact(store: Store, reports: list[ErasureReport]) -> None:
    done = compact(store)
    for report in reports:
        report.index_rebuilt, report.vacuumed, report.wal_truncated = (
            done.index_rebuilt,
            done.vacuumed,
            done.wal_truncated,
        )
        report.warnings += done.problems


# --- retention ------------------------------------------------------------------------------


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _parse(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return _as_utc(datetime.fromisoformat(str(text).strip()))
    except ValueError:
        return None


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


# Each source of activity, as (person_id, latest time). Grouped per source in SQL, compared in
# Python after parsing: times from different code paths need not share one text format.
_ACTIVITY = (
    (
        "imported",
        "SELECT p.id, max(d.imported_at) FROM people p JOIN documents d ON d.id = p.document_id "
        "GROUP BY p.id",
    ),
    ("added", "SELECT id, created_at FROM people"),
    (
        "application",
        "SELECT person_id, max(max(updated_at), max(created_at)) FROM applications GROUP BY "
        "person_id",
    ),
    (
        "message",
        "SELECT person_id, max(max(created_at), max(coalesce(delivered_at, ''))) FROM messages "
        "GROUP BY person_id",
    ),
    (
        "relationship note",
        "SELECT person_id, max(created_at) FROM relationship_notes GROUP BY person_id",
    ),
    (
        "person-first note",
        "SELECT person_id, max(created_at) FROM disposition_notes GROUP BY person_id",
    ),
    (
        "follow-up",
        "SELECT person_id, max(done_at) FROM followups WHERE done_at IS NOT NULL GROUP BY "
        "person_id",
    ),
    (
        "audit",
        (
            "SELECT person_id, max(at) FROM audit_log WHERE person_id IS NOT NULL AND action <> "
            "'erased' GROUP BY person_id"
        ),
    ),
)


def last_activity(store: Store) -> dict[int, datetime]:
    """Every person's latest activity (see the module's rule)."""
    latest: dict[int, datetime] = {}
    for _, sql in _ACTIVITY:
        for person_id, stamp in store.conn.execute(sql):
            moment = _parse(stamp)
            if moment is not None and (person_id not in latest or moment > latest[person_id]):
                latest[person_id] = moment
    return latest


def retention_candidates(store: Store, months: int = 12, now: datetime | None = None) -> list[dict]:
    """People to erase under the retention rule, oldest activity first, each with the reason."""
    now = _as_utc(now) if now else datetime.now(UTC)
    cutoff = months_before(now, months)
    consent_cutoff = months_before(now, CONSENT_MONTHS)
    activity = last_activity(store)
    protected = {
        pid
        for (pid,) in store.conn.execute(
            "SELECT DISTINCT person_id FROM applications WHERE status IN "
            f"({_marks(list(PROTECTED))})",
            PROTECTED,
        )
    }
    consent = {
        pid: _parse(date)
        for pid, date in store.conn.execute(
            "SELECT person_id, consent_date FROM contact_preferences WHERE consent = 1"
        )
    }
    out = []
    for person_id, name in store.conn.execute("SELECT id, name FROM people ORDER BY id").fetchall():
        last = activity.get(person_id)
        if person_id in protected or last is None or last >= cutoff:
            continue
        if person_id in consent:
            given = consent[person_id]
            if given is not None and given >= consent_cutoff:
                continue
            lapsed = (
                f"; their consent of {given.date().isoformat()} is older than {CONSENT_MONTHS} "
                "months"
                if given
                else "; their consent has no date, so it does not count"
            )
        else:
            lapsed = "; no consent to keep their data longer"
        reason = (
            f"no activity since {last.date().isoformat()} (more than {months} months)"
            f"{lapsed}; on no open list"
        )
        out.append(
            {
                "person_id": person_id,
                "name": name,
                "last_activity": last.isoformat(timespec="seconds"),
                "reason": reason,
            }
        )
    out.sort(key=lambda row: (row["last_activity"], row["person_id"]))
    return out


def purge(
    store: Store,
    actor: str,
    months: int = 12,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> list[ErasureReport]:
    """Erase every retention candidate; the database file is compacted once, at the end."""
    started = time.monotonic()
    outbox = _outbox_folder(store, settings)
    reports = []
    for row in retention_candidates(store, months, now):
        try:
            reports.append(
                _erase(
                    store,
                    row["person_id"],
                    actor,
                    f"retention: no activity for {months} months",
                    outbox,
                    scan_residue=False,
                )
            )
            _exports_after(store, row["person_id"], reports[-1], delete=False)
        except ErasureRefused:
            continue  # a send under way: the next purge takes them
    if reports:
        _compact(store, reports)
    seconds = round(time.monotonic() - started, 3)
    for report in reports:
        report.seconds = seconds
    return reports
