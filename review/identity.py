"""Who someone is: the fields that identify them, as read from their resume and as corrected.

The parser reads a name, e-mail addresses, phone numbers, links, a location and
a title, each with a confidence (``people.confidence``) and, where it is not
sure, a reason (``people.doubts``: "wrapped over two lines", "read by OCR").
A recruiter's correction is the last word: it is kept in ``corrections`` (one
row per person and field, with what the parser had read) and written into the
``people`` row, so everything that reads a person — messages (greeting and
recipient), exports, the table, search, blind review's hidden words — reads
the corrected value without knowing corrections exist. Contact points, the
name key and the search index follow in the same transaction, and undecided
duplicate suggestions are worked out again from the corrected values.

A correction wins over a later file: the same bytes are never parsed again
(the importer knows them by their hash), and a newer file of the same person
(one that shares a corrected person's e-mail address or phone number, as
corrected or as first read) gets their corrections at import
(:func:`carry_corrections`), audited.

Possible duplicates (a shared e-mail or phone, or a very close name with one
more matching detail) are found here too, from whatever the fields are now.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from types import SimpleNamespace

from rapidfuzz import fuzz

from parsing.contacts import EMAIL_RE, normalise_url
from parsing.fields import region_of
from parsing.text import fold
from review import audit
from review.db import Store, now_iso

# The fields a recruiter can correct, in the order the pane shows them.
FIELDS = ("name", "title", "location", "emails", "phones", "links")
LISTS = ("emails", "phones", "links")
# What each field is called where a recruiter reads it.
LABELS = {
    "name": "Name",
    "title": "Current title",
    "location": "Location",
    "emails": "E-mail",
    "phones": "Phone",
    "links": "Links",
}
# Below this confidence the pane says "check this" (parsing.resume.CHECK_BELOW).
CHECK_BELOW = 0.7
_MAX_TEXT = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# A scheme a link may have: the pane opens only web links, and nothing else is stored.
_WEB = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.IGNORECASE)


class CorrectionError(ValueError):
    """A value that cannot be stored for a field; the message names the field and why."""


def field_named(text: str) -> str:
    """A field from what someone typed ("email", "Phones", "title"); raises CorrectionError."""
    key = text.strip().lower().replace("-", "").replace("_", "")
    aliases = {"email": "emails", "mail": "emails", "phone": "phones", "link": "links"}
    key = aliases.get(key, key)
    if key not in FIELDS:
        raise CorrectionError(f"{text!r} is not a field that can be corrected: {', '.join(FIELDS)}")
    return key


def normalise(name: str, values: list[str], *, location: str | None = None) -> object:
    """The value to store for a field from what a recruiter typed: a list for e-mail, phone and
    links (empty: they have none), else text or None. Raises CorrectionError saying why not."""
    label = LABELS[name].lower()
    typed = [" ".join(v.split()) for v in values]
    for value in typed:
        if _CONTROL.search(value):
            raise CorrectionError(f"{label}: control characters are not allowed")
        if len(value) > _MAX_TEXT:
            raise CorrectionError(f"{label}: at most {_MAX_TEXT} characters")
    typed = [v for v in typed if v]
    if name not in LISTS:
        if len(typed) > 1:
            raise CorrectionError(f"{label}: one value (put it in quotes if it has spaces)")
        return typed[0] if typed else None
    out: list[str] = []
    for value in typed:
        if name == "emails":
            value = value.removeprefix("mailto:")
            if not EMAIL_RE.fullmatch(value):
                raise CorrectionError(f"e-mail: {value!r} is not an e-mail address")
            local, domain = value.rsplit("@", 1)
            value = f"{local}@{domain.lower()}"
        elif name == "phones":
            value = _phone(value, region_of(location, []))
        elif not _WEB.match(value):
            raise CorrectionError(f"links: {value!r} is not a web address")
        else:
            value = normalise_url(value)
        if value.lower() not in {v.lower() for v in out}:
            out.append(value)
    return out


def _phone(typed: str, region: str | None) -> str:
    """A phone number in E.164 where its country can be told, else as typed."""
    import phonenumbers

    digits = re.sub(r"\D", "", typed)
    if not 6 <= len(digits) <= 15 or re.search(r"[^\d\s()+\-./]", typed):
        raise CorrectionError(f"phone: {typed!r} is not a phone number")
    candidate = re.sub(r"^00(?=[1-9])", "+", typed.strip())
    try:
        number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return typed.strip()
    if not phonenumbers.is_possible_number(number):
        return typed.strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- reading ----------------------------------------------------------------------------

# Empty fields worth a word: without a name the message greets nobody, without an address
# it cannot reach them. (Many people print no links or title: no marker for those.)
_NONE_FOUND = {"name": "no name was found", "emails": "no e-mail address was found"}


@dataclass(frozen=True)
class FieldState:
    """One field as the pane and ``shortlist person show`` present it."""

    name: str
    value: object
    correction: dict | None  # the recruiter's word, when it stands
    confidence: float | None  # the parser's, 0..1; None when not known (imported before)
    why: str  # what to check
    # Where the value came from when not the resume: "from the message" (the sender's address
    # of the e-mail the resume came in, when the resume gives none).
    origin: str = ""

    @property
    def check(self) -> bool:
        """Whether to say "check this": not corrected, and the parser was not sure."""
        if self.correction is not None or self.confidence is None:
            return False
        return self.confidence < CHECK_BELOW and (bool(self.value) or self.name in _NONE_FOUND)

    @property
    def note(self) -> str:
        """ "corrected by Ana, 2026-03-02", "check this: wrapped over two lines", or nothing."""
        if self.correction is not None:
            when = str(self.correction["corrected_at"])[:10]
            carried = " (on an earlier file)" if self.correction.get("carried_from") else ""
            return f"corrected by {self.correction['actor']}, {when}{carried}"
        notes = [self.origin] if self.origin else []
        if self.check:
            notes.insert(0, "check this" + (f": {self.doubt}" if self.doubt else ""))
        return "; ".join(notes)

    @property
    def doubt(self) -> str:
        """What to check ("wrapped over two lines") when the pane says "check this"; else ""."""
        if not self.check:
            return ""
        return self.why or (_NONE_FOUND.get(self.name, "") if not self.value else "")


def field_states(row: dict, corrections: dict[str, dict]) -> list[FieldState]:
    """Every correctable field of a person (a decoded people row), in the pane's order."""
    confidence = row.get("confidence") or {}
    doubts = row.get("doubts") or {}
    from_message = row.get("from_message") or ()  # fields the e-mail gave, not the resume
    return [
        FieldState(
            name,
            row.get(name),
            corrections.get(name),
            confidence.get(name) if confidence else None,
            doubts.get(name, ""),
            "from the message" if name in from_message and name not in corrections else "",
        )
        for name in FIELDS
    ]


def corrections_of(conn: sqlite3.Connection, person_id: int) -> dict[str, dict]:
    """A person's corrections by field: value, parsed (what was read), actor, when, carried_from."""
    rows = conn.execute(
        "SELECT field, value, parsed, actor, corrected_at, carried_from FROM corrections "
        "WHERE person_id = ?",
        (person_id,),
    ).fetchall()
    return {
        f: {
            "value": json.loads(v),
            "parsed": json.loads(p),
            "actor": a,
            "corrected_at": at,
            "carried_from": c,
        }
        for f, v, p, a, at, c in rows
    }


def parsed_value(conn: sqlite3.Connection, person_id: int, name: str) -> object:
    """What the parser read for a field of this person's resume (from the document's fields)."""
    row = conn.execute(
        "SELECT d.fields FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (person_id,),
    ).fetchone()
    fields = json.loads(row[0] or "{}") if row else {}
    value = fields.get(name)
    return (value or []) if name in LISTS else value


# --- writing ----------------------------------------------------------------------------


def correct(
    store: Store, person_id: int, name: str, values: list[str] | None, actor: str
) -> object:
    """The recruiter's word for one field of one person; ``values`` None goes back to what the
    resume says. Audited. Returns the value now stored. Raises CorrectionError, LookupError."""
    with store.transaction() as conn:
        row = conn.execute("SELECT location FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise LookupError(f"no person with id {person_id}")
        parsed = parsed_value(conn, person_id, name)
        if values is None:
            conn.execute(
                "DELETE FROM corrections WHERE person_id = ? AND field = ?", (person_id, name)
            )
            write_field(conn, person_id, name, parsed)
            audit.record(conn, actor, "correction_withdrawn", person_id=person_id, field=name)
            refresh_duplicates(conn, person_id)
            return parsed
        value = normalise(name, values, location=row[0])
        _store_correction(conn, person_id, name, value, parsed, actor)
        refresh_duplicates(conn, person_id)
        return value


def _store_correction(
    conn, person_id: int, name: str, value, parsed, actor: str, carried_from: int | None = None
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO corrections (person_id, field, value, parsed, actor, "
        "corrected_at, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            person_id,
            name,
            json.dumps(value, ensure_ascii=False),
            json.dumps(parsed, ensure_ascii=False),
            actor,
            now_iso(),
            carried_from,
        ),
    )
    write_field(conn, person_id, name, value)
    detail: dict = {"field": name, "value": value, "was": parsed}
    if carried_from is not None:
        detail["carried_from"] = carried_from
    audit.record(conn, actor, "field_corrected", person_id=person_id, **detail)


def write_field(conn: sqlite3.Connection, person_id: int, name: str, value) -> None:
    """One field of the people row, and what follows it: contact points, the name key, the
    search index's name and title."""
    stored = json.dumps(value or [], ensure_ascii=False) if name in LISTS else value
    conn.execute(
        f"UPDATE people SET {name} = ?, updated_at = ? WHERE id = ?",  # name is one of FIELDS
        (stored, now_iso(), person_id),
    )
    if name == "name":
        conn.execute(
            "UPDATE people SET name_key = ? WHERE id = ?",
            (name_key(value, _given_name(conn, person_id)), person_id),
        )
    if name in ("emails", "phones"):
        kind = name[:-1]
        keys = [v.lower() for v in value or []] if kind == "email" else phone_keys(value or [])
        conn.execute(
            "DELETE FROM contact_points WHERE person_id = ? AND kind = ?", (person_id, kind)
        )
        conn.executemany(
            "INSERT OR IGNORE INTO contact_points (person_id, kind, value) VALUES (?, ?, ?)",
            [(person_id, kind, key) for key in keys],
        )
    if (
        name in ("name", "title")
        and conn.execute("SELECT 1 FROM people_fts WHERE rowid = ?", (person_id,)).fetchone()
    ):
        conn.execute(f"UPDATE people_fts SET {name} = ? WHERE rowid = ?", (value or "", person_id))


def _given_name(conn: sqlite3.Connection, person_id: int) -> str | None:
    row = conn.execute("SELECT given_name FROM people WHERE id = ?", (person_id,)).fetchone()
    return row[0] if row else None


def carry_corrections(conn: sqlite3.Connection, person_id: int, identity) -> list[str]:
    """A newly imported person who shares an e-mail address or phone number with a corrected
    person (as corrected, or as their resume first had it) is the same person with a newer
    file: their corrections win over this parse too. ``identity``: what was read (anything
    with the attributes of :data:`FIELDS`, a ``ParsedResume``). Returns the fields carried."""
    emails = {e.lower() for e in identity.emails}
    phones = {p for p in phone_keys(identity.phones) if len(p) >= 7}
    if not (emails or phones):
        return []
    sources: dict[int, None] = {}
    for other, kind, value in conn.execute(
        "SELECT c.person_id, cp.kind, cp.value FROM contact_points cp "
        "JOIN (SELECT DISTINCT person_id FROM corrections) c ON c.person_id = cp.person_id "
        "WHERE c.person_id <> ?",
        (person_id,),
    ):
        if (kind == "email" and value in emails) or (kind == "phone" and value in phones):
            sources.setdefault(other)
    for other, name, parsed in conn.execute(
        "SELECT person_id, field, parsed FROM corrections WHERE field IN ('emails', 'phones') "
        "AND person_id <> ?",
        (person_id,),
    ):
        read = json.loads(parsed) or []
        keys = {v.lower() for v in read} if name == "emails" else set(phone_keys(read))
        if keys & (emails if name == "emails" else phones):
            sources.setdefault(other)
    carried: dict[str, dict] = {}
    for other in sources:
        if not _same_name(conn, other, identity.name):
            continue  # two people who share an address (a family's): a suggestion, nothing more
        for name, corr in corrections_of(conn, other).items():  # the latest correction wins
            if name not in carried or corr["corrected_at"] > carried[name]["corrected_at"]:
                carried[name] = corr | {"from": other}
    for name, corr in carried.items():
        parsed = getattr(identity, name)
        _store_correction(
            conn, person_id, name, corr["value"], parsed, corr["actor"], carried_from=corr["from"]
        )
    return list(carried)


def _same_name(conn: sqlite3.Connection, other: int, read: str | None) -> bool:
    """Whether a name read from a new file can be ``other``'s: none was read, or it is close to
    their name as corrected or as their own file had it."""
    if not read:
        return True
    now = conn.execute("SELECT name FROM people WHERE id = ?", (other,)).fetchone()[0]
    names = [n for n in (now, parsed_value(conn, other, "name")) if n]
    return not names or any(fuzz.ratio(fold(read), fold(n)) >= 85 for n in names)


def identity_of(conn: sqlite3.Connection, person_id: int) -> SimpleNamespace:
    """A person's identifying fields as they are now (the attributes of :data:`FIELDS`)."""
    values = conn.execute(
        f"SELECT {', '.join(FIELDS)} FROM people WHERE id = ?", (person_id,)
    ).fetchone()
    return SimpleNamespace(
        **{k: json.loads(v) if k in LISTS else v for k, v in zip(FIELDS, values, strict=True)}
    )


# --- the same person twice ------------------------------------------------------------


def name_key(name: str | None, given: str | None = None) -> str | None:
    """The folded surname's last word, what a name is looked up by for duplicates: "Anna Nowak"
    and "Nowak Anna" (given "Anna") both give "nowak"."""
    if not name:
        return None
    parts = fold(name).replace("-", " ").split()
    others = set(fold(given or "").replace("-", " ").split())
    surname = [p for p in parts if p not in others]
    return (surname or parts)[-1] if parts else None


def phone_key(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 9 else digits


def phone_keys(phones: list[str]) -> list[str]:
    return [phone_key(p) for p in phones]


def refresh_duplicates(conn: sqlite3.Connection, person_id: int) -> None:
    """Undecided suggestions about this person, worked out again from their fields as they are
    now (a corrected address may link them to someone, or no longer). Decisions stay."""
    conn.execute(
        "DELETE FROM duplicate_suggestions WHERE status = 'suggested' "
        "AND (person_id = ? OR other_id = ?)",
        (person_id, person_id),
    )
    decided = {
        row[0]
        for row in conn.execute(
            "SELECT CASE WHEN person_id = ? THEN other_id ELSE person_id END "
            "FROM duplicate_suggestions WHERE person_id = ? OR other_id = ?",
            (person_id, person_id, person_id),
        )
    }
    stamp = now_iso()
    for other_id, reason in find_possible_duplicates(conn, person_id, identity_of(conn, person_id)):
        if other_id not in decided:
            conn.execute(
                "INSERT OR IGNORE INTO duplicate_suggestions (person_id, other_id, reason, "
                "created_at) VALUES (?, ?, ?, ?)",
                (person_id, other_id, reason, stamp),
            )


def find_possible_duplicates(conn, person_id: int, person) -> list[tuple[int, str]]:
    """Other people who may be this person (``person``: anything with the attributes of
    :data:`FIELDS`): a shared email or phone, or a very close name together with one more
    matching detail. Suggestions only."""
    found: dict[int, str] = {}
    for email in {e.lower() for e in person.emails or []}:
        for (other,) in conn.execute(
            "SELECT person_id FROM contact_points WHERE kind = 'email' AND value = ? AND person_id "
            "<> ?",
            (email, person_id),
        ):
            found.setdefault(other, f"same email {email}")
    for phone in person.phones or []:
        key = phone_key(phone)
        if len(key) < 7:
            continue
        for (other,) in conn.execute(
            "SELECT person_id FROM contact_points WHERE kind = 'phone' AND value = ? AND person_id "
            "<> ?",
            (key, person_id),
        ):
            found.setdefault(other, f"same phone {phone}")
    name = person.name
    key = name_key(name, getattr(person, "given_name", None))
    if key:
        rows = conn.execute(
            "SELECT id, name, location, title, links FROM people WHERE name_key = ? AND id <> ?",
            (key, person_id),
        ).fetchall()
        for other, other_name, location, title, links in rows:
            if other in found or not other_name:
                continue
            # in either order: "Nowak Anna" printed surname first is "Anna Nowak"
            similarity = fuzz.token_sort_ratio(fold(name), fold(other_name))
            if similarity < 90:
                continue
            also = _another_matching_field(person, location, title, links)
            if also:
                found[other] = f"very similar name ({other_name}) and {also}"
    return list(found.items())


def _another_matching_field(person, location, title, links_json) -> str | None:
    if person.location and location and fold(person.location) == fold(location):
        return f"same location ({location})"
    ours = {link.lower().rstrip("/") for link in person.links or []}
    theirs = {link.lower().rstrip("/") for link in json.loads(links_json or "[]")}
    shared = ours & theirs
    if shared:
        return f"same link ({sorted(shared)[0]})"
    if person.title and title and fold(person.title) == fold(title):
        return f"same title ({title})"
    return None
