"""One person: details, possible duplicates, relationship notes, history, and blind redaction."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from review import audit
from review.db import Store, now_iso
from review.hidden import Hidden, Redactor
from review.identity import corrections_of
from review.wording import first_name_of

# The people columns that hold JSON, decoded in one place (:func:`decoded`): lists, and
# objects (field -> the parser's confidence, field -> why it was not surer).
JSON_LISTS = ("emails", "phones", "links", "skills", "education")
JSON_OBJECTS = ("confidence", "doubts")


def decoded(row: dict) -> dict:
    """A people row with its JSON columns as lists and dicts (those the row has)."""
    for key in JSON_LISTS:
        if key in row:
            row[key] = json.loads(row[key] or "[]")
    for key in JSON_OBJECTS:
        if key in row:
            row[key] = json.loads(row[key] or "{}")
    return row


@dataclass
class Person:
    """Who someone is, as parsed from their resume and kept in ``people``."""

    id: int
    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    location: str | None = None
    title: str | None = None
    years_experience: float | None = None
    skills: list[str] = field(default_factory=list)
    education: list[dict] = field(default_factory=list)
    given_name: str | None = None  # of a name printed surname first ("Nowak Anna": "Anna")

    @property
    def first_name(self) -> str:
        """What a message greets them by: the first given name."""
        return first_name_of(self.name, self.given_name)

    @classmethod
    def from_row(cls, row: dict) -> Person:
        """From a ``people`` row (or a query with the same column names; missing ones empty)."""
        values = decoded({k: row[k] for k in row if k in _PERSON_FIELDS})
        return cls(**values)


_PERSON_FIELDS = frozenset(Person.__dataclass_fields__)


def load_person(store: Store, person_id: int) -> Person | None:
    row = store.one("SELECT * FROM people WHERE id = ?", (person_id,))
    return Person.from_row(row) if row else None


class PersonNotFound(LookupError):
    pass


def resolve_person(store: Store, ref: str | int) -> int:
    """A person's id from their id or exact name (any case). Raises PersonNotFound saying why."""
    text = str(ref).strip()
    if text.isdigit() and store.one("SELECT id FROM people WHERE id = ?", (int(text),)):
        return int(text)
    rows = store.query("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (text,))
    if len(rows) == 1:
        return rows[0]["id"]
    if len(rows) > 1:
        ids = ", ".join(str(r["id"]) for r in rows)
        raise PersonNotFound(f"{len(rows)} people are called {text!r} (ids {ids}): give the id")
    raise PersonNotFound(f"no person with id or name {text!r} (see: shortlist people)")


def person(store: Store, person_id: int) -> dict:
    row = store.one(
        "SELECT p.*, d.text, d.fields, d.outcome, d.error, d.kind, d.original_name, d.stored_path, "
        "d.pages FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (person_id,),
    )
    if row is None:
        raise LookupError(f"no person with id {person_id}")
    decoded(row)
    row["fields"] = json.loads(row["fields"] or "{}")
    row["sections"] = row["fields"].get("section_spans") or []
    row["from_message"] = row["fields"].get("from_message") or []
    row["corrections"] = corrections_of(store.conn, person_id)
    return row


def cover_letters(store: Store, person_id: int) -> list[dict]:
    """The messages their resumes came in (sender, date, subject, body), oldest first, each
    with the job of the application it came with (``job_title``, or None)."""
    return store.query(
        "SELECT c.*, j.title AS job_title FROM cover_letters c LEFT JOIN applications a ON "
        "a.id = c.application_id LEFT JOIN jobs j ON j.id = a.job_id WHERE c.person_id = ? "
        "ORDER BY coalesce(c.sent_at, c.created_at), c.id",
        (person_id,),
    )


def list_people(store: Store) -> list[dict]:
    """Everyone stored, by id: name, emails (a list), title, and their file's outcome."""
    rows = store.query(
        "SELECT p.id, p.name, p.emails, p.title, d.outcome, d.original_name, d.error FROM people p "
        "JOIN documents d ON d.id = p.document_id ORDER BY p.id"
    )
    return [decoded(row) for row in rows]


def count(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM people") or 0


# One compact row per application of a job, for the window's table (no text, no details):
# (person, application, name, status, created_at, years, original file name, outcome).
_APPLICATION_ROWS = (
    "SELECT p.id, a.id, p.name, a.status, a.created_at, p.years_experience, d.original_name, "
    "d.outcome FROM applications a JOIN people p ON p.id = a.person_id "
    "JOIN documents d ON d.id = p.document_id WHERE a.job_id = ?"
)


def application_rows(store: Store, job_id: int, person_ids: list[int] | None = None) -> list[tuple]:
    """A job's applications as compact tuples (see ``_APPLICATION_ROWS``), all or some people's."""
    if person_ids is None:
        return store.conn.execute(_APPLICATION_ROWS, (job_id,)).fetchall()
    marks = ",".join("?" * len(person_ids))
    sql = f"{_APPLICATION_ROWS} AND p.id IN ({marks})"
    return store.conn.execute(sql, [job_id, *person_ids]).fetchall()


def titles_and_locations(store: Store, person_ids: list[int]) -> list[tuple[int, str, str]]:
    """(person, title, location) for a page of people, fetched as rows are painted."""
    marks = ",".join("?" * len(person_ids))
    sql = f"SELECT id, title, location FROM people WHERE id IN ({marks})"
    return store.conn.execute(sql, person_ids).fetchall()


def name_of(store: Store, person_id: int) -> str | None:
    return store.scalar("SELECT name FROM people WHERE id = ?", (person_id,))


def names(store: Store) -> dict[int, str | None]:
    """Every person's name by id (for listing many at once)."""
    return dict(store.conn.execute("SELECT id, name FROM people"))


def original_path(store: Store, row: dict):
    if not row.get("stored_path"):
        return None
    path = store.files_dir / row["stored_path"]
    return path if path.exists() else None


def duplicates(store: Store, person_id: int) -> list[dict]:
    return store.query(
        "SELECT s.id, s.reason, s.status, s.created_at, "
        "  CASE WHEN s.person_id = ? THEN s.other_id ELSE s.person_id END AS other, "
        "  o.name AS other_name FROM duplicate_suggestions s "
        "JOIN people o ON o.id = CASE WHEN s.person_id = ? THEN s.other_id ELSE s.person_id END "
        "WHERE s.person_id = ? OR s.other_id = ? ORDER BY s.id",
        (person_id, person_id, person_id, person_id),
    )


def decide_duplicate(store: Store, suggestion_id: int, same_person: bool, actor: str) -> None:
    status = "same_person" if same_person else "different_people"
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, other_id FROM duplicate_suggestions WHERE id = ?", (suggestion_id,)
        ).fetchone()
        if row is None:
            raise LookupError(f"no duplicate suggestion {suggestion_id}")
        conn.execute(
            "UPDATE duplicate_suggestions SET status = ?, decided_at = ?, decided_by = ? WHERE id "
            "= ?",
            (status, now_iso(), actor, suggestion_id),
        )
        audit.record(conn, actor, "duplicate_" + status, person_id=row[0], other=row[1])


def relationship_notes(store: Store, person_id: int) -> list[dict]:
    return store.query(
        "SELECT id, text, author, created_at FROM relationship_notes WHERE person_id = ? ORDER BY "
        "id DESC",
        (person_id,),
    )


def add_relationship_note(store: Store, person_id: int, text: str, author: str) -> int:
    text = text.strip()
    if not text:
        raise ValueError("a note needs some words")
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO relationship_notes (person_id, text, author, created_at) VALUES (?, ?, ?, "
            "?)",
            (person_id, text, author, now_iso()),
        )
        audit.record(conn, author, "relationship_note", person_id=person_id, note_id=cur.lastrowid)
        return cur.lastrowid


def earlier_notes_about(store: Store, person_id: int) -> list[dict]:
    """Person-first notes from earlier applications: theirs, and those of anyone they may be
    (possible duplicates).

    A note stays with the person: when they apply again, the reviewer sees what
    was written about them last time.
    """
    others = [
        row[0]
        for row in store.conn.execute(
            "SELECT CASE WHEN person_id = ? THEN other_id ELSE person_id END FROM "
            "duplicate_suggestions "
            "WHERE (person_id = ? OR other_id = ?) AND status <> 'different_people'",
            (person_id, person_id, person_id),
        )
    ]
    ids = [person_id, *others]
    marks = ",".join("?" * len(ids))
    return store.query(
        f"SELECT n.person_id, n.kind, n.brings, n.why_not, n.author, n.created_at, j.title AS job "
        f"FROM disposition_notes n JOIN jobs j ON j.id = n.job_id WHERE n.person_id IN ({marks}) "
        "ORDER BY n.id DESC",
        ids,
    )


def history(store: Store, person_id: int) -> list[dict]:
    return store.query(
        "SELECT a.at, a.actor, a.action, a.detail, j.title AS job FROM audit_log a "
        "LEFT JOIN jobs j ON j.id = a.job_id WHERE a.person_id = ? ORDER BY a.id DESC",
        (person_id,),
    )


_EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|me|de)/\S*", re.IGNORECASE
)
_PHONE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")


def redaction_spans(text: str, row: dict) -> list[tuple[int, int]]:
    """Where a blind reviewer must not look: name, contact details, links, location, the header."""
    spans: list[tuple[int, int]] = []
    sections = row.get("sections") or []
    header_end = sections[0]["start"] if sections else min(len(text), 300)
    spans.append((0, header_end))
    for pattern in (_EMAIL, _URL, _PHONE):
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    # Their name, contacts, links and address, whole-word, in any case or accent (review.hidden).
    spans += [(start, end) for start, end, _kind in Redactor(row).spans(text)]
    return spans


def found_by_hidden(store: Store, person_ids: set[int] | list[int], query: str) -> set[int]:
    """Of these people, those a search for ``query`` may have found through what blind review
    hides (their name, contacts, links or location, wherever the resume repeats them)."""
    ids = list(person_ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.query(
            f"SELECT id, name, emails, phones, links, location FROM people "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        found |= {row["id"] for row in rows if Hidden.of(row).matches(query)}
    return found


def redact(text: str, row: dict) -> str:
    """The text with every blind span blacked out, keeping its length (offsets stay valid)."""
    chars = list(text)
    for start, end in redaction_spans(text, row):
        for i in range(start, min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = "█"
    return "".join(chars)


_ADJECTIVES = """Amber Azure Bright Calm Cedar Coral Crisp Dawn Ember Fern Golden Hazel Indigo Ivory
Jade Juniper Linen Maple Meadow Misty Olive Opal Pebble Quartz River Rowan Sage Silver Slate Sunny
Teal Willow""".split()
_NOUNS = """Badger Crane Dolphin Falcon Finch Fox Heron Ibis Jay Kestrel Koala Lark Lynx Marten Newt
Orca Otter Owl Panda Puffin Quail Raven Robin Seal Sparrow Swift Tern Wren Yak Zebra Bison
Hare""".split()


def pseudonym(person_id: int, job_id: int) -> str:
    """A stable, friendly name for blind review ("Amber Heron 42"), the same every time."""
    digest = hashlib.sha256(f"shortlist:{job_id}:{person_id}".encode()).digest()
    adjective = _ADJECTIVES[digest[0] % len(_ADJECTIVES)]
    return f"{adjective} {_NOUNS[digest[1] % len(_NOUNS)]} {digest[2] % 90 + 10}"
