"""Replies: what people write back, tied to them, kept with them, and their wishes kept.

A reply read from a file or a mailbox (:mod:`parsing.inbox`) is tied to a person:

1. by ``In-Reply-To``, then ``References``, against the Message-IDs Shortlist made;
2. else by the sender's address, against the emails people gave us;
3. else it waits, unmatched, for the recruiter to assign.

A reply claiming to answer one person's message but sent from another known
person's address is tied to its sender, and flagged: nothing is changed for the
person it names. The same Message-ID is never read twice.

What a reply asks (:mod:`review.answers`): an opt-out is honoured at once
(channel ``none``, consent withdrawn, keep-in-touch reminders closed, messages still waiting
to go to them kept on record unsent (:func:`review.outbox.keep_unsent`), audited);
any other wish is a *proposal* the recruiter confirms or dismisses in one step.
Nothing a reply says ever moves anyone on a list: only the gate lets people go.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from parsing.inbox import IncomingMail, read_message
from review import audit, outbox
from review.answers import Answer, describe, own_words, read_answer
from review.db import Store, now_iso
from review.relationship import contact_preference, set_preferences

DO_NOT_CONTACT = "do_not_contact"
EXCERPT_CHARS = 280
PREFERENCE_FIELDS = ("channel", "frequency", "topics", "consent")


@dataclass
class Tie:
    """Who a reply belongs to, and how we know."""

    person: int | None = None
    matched_by: str | None = None  # in_reply_to, references, sender (assigned: by the recruiter)
    answers: int | None = None  # our message's row
    job: int | None = None
    application: int | None = None
    flag: str | None = None


@dataclass
class ReplyOutcome:
    """What became of one message read. :meth:`as_json` is the ``--json`` contract."""

    file: str
    message_id: str | None
    person: int | None = None
    matched_by: str | None = None
    proposed: dict | None = None
    applied: list[str] = field(default_factory=list)
    # Beyond the contract: for the faces' words.
    outcome: str = "read"  # read, already_read, not_a_reply, unreadable
    reply: int | None = None
    name: str | None = None
    job_title: str | None = None
    problem: str | None = None
    flag: str | None = None
    sender: str | None = None
    opt_out: str | None = None
    kept: list[int] = field(default_factory=list)  # our messages to them kept unsent (opt-out)
    kept_text: str | None = None  # what that did, in the faces' words

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "message_id": self.message_id,
            "person": self.person,
            "matched_by": self.matched_by,
            "proposed": self.proposed,
            "applied": list(self.applied),
        }


# --- tying a reply to a person ---------------------------------------------------------------


class AddressBook:
    """Every known email address → the people who gave it (read once per batch of replies)."""

    def __init__(self, store: Store):
        self.people: dict[str, set[int]] = {}
        for person_id, value in store.conn.execute(
            "SELECT person_id, lower(value) FROM contact_points WHERE kind = 'email'"
        ):
            self.people.setdefault(value, set()).add(person_id)

    def owners(self, address: str | None) -> set[int]:
        return set(self.people.get((address or "").lower(), ()))


def _name(conn, person_id: int | None) -> str:
    if person_id is None:
        return "nobody"
    row = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    return (row[0] if row and row[0] else None) or f"person #{person_id}"


def _about(conn, message_row: int, person_id: int) -> tuple[int | None, int | None]:
    """(job, application) a message of ours is about: its application, else its job."""
    found = conn.execute(
        "SELECT a.job_id, a.id FROM message_applications ma JOIN applications a "
        "ON a.id = ma.application_id WHERE ma.message_id = ? ORDER BY a.id LIMIT 1",
        (message_row,),
    ).fetchone()
    if found:
        return found[0], found[1]
    job = conn.execute("SELECT job_id FROM messages WHERE id = ?", (message_row,)).fetchone()
    if not job or job[0] is None:
        return None, None
    application = conn.execute(
        "SELECT id FROM applications WHERE person_id = ? AND job_id = ?", (person_id, job[0])
    ).fetchone()
    return job[0], application[0] if application else None


def _ours(conn, ids: list[str]) -> tuple[int, int] | None:
    """(message row, person) of the first of these Message-IDs that is one of ours."""
    for mid in ids:
        row = conn.execute("SELECT id, person_id FROM messages WHERE message_id = ?", (mid,))
        found = row.fetchone()
        if found:
            return found[0], found[1]
    return None


def _by_sender(conn, book: AddressBook, sender: str | None) -> tuple[int | None, str | None]:
    """The person an address belongs to; several (the same person imported twice): the one we
    last wrote to at that address, else none, with why."""
    owners = book.owners(sender)
    if len(owners) <= 1:
        return (next(iter(owners)) if owners else None), None
    marks = ",".join("?" * len(owners))
    row = conn.execute(
        f"SELECT m.person_id FROM messages m, json_each(m.recipients) r WHERE m.person_id IN "
        f"({marks}) AND lower(r.value) = ? ORDER BY m.id DESC LIMIT 1",
        (*owners, (sender or "").lower()),
    ).fetchone()
    if row:
        return row[0], None
    names = ", ".join(sorted(_name(conn, p) for p in owners))
    return None, f"{sender} belongs to {len(owners)} people ({names}): assign it to the right one"


def tie(conn, book: AddressBook, mail: IncomingMail) -> Tie:
    """Who a reply belongs to (see the module's docs)."""
    sender_person, ambiguous = _by_sender(conn, book, mail.sender)
    for ids, how in ((mail.in_reply_to, "in_reply_to"), (mail.references, "references")):
        found = _ours(conn, list(reversed(ids)) if how == "references" else ids)
        if found is None:
            continue
        message_row, person = found
        owners = book.owners(mail.sender)
        if mail.sender and owners and person not in owners:
            # It names one person's message but comes from another known person's address.
            other = sender_person
            flag = (
                f"claims to answer our message to {_name(conn, person)} (#{person}) but comes from "
                f"{mail.sender}, the address of {_name(conn, other) if other else 'someone else'}: "
                "tied to its sender; nothing was changed for them"
            )
            return Tie(other, "sender" if other else None, flag=flag)
        job, application = _about(conn, message_row, person)
        flag = None
        if mail.sender and not owners:
            flag = f"sent from {mail.sender}, an address not on their record"
        return Tie(person, how, message_row, job, application, flag)
    if sender_person is not None:
        return Tie(sender_person, "sender")
    return Tie(flag=ambiguous)


# --- storing and honouring a reply -----------------------------------------------------------


def _proposal(store: Store, person: int | None, answer: Answer) -> dict | None:
    """The fields of their preferences the answer would change (None when nothing would)."""
    if not answer.proposal:
        return None
    if person is None:
        return dict(answer.proposal)
    current = contact_preference(store, person)
    wanted = dict(answer.proposal)
    if wanted.get("consent") and current["channel"] == "none" and "channel" not in wanted:
        wanted["channel"] = "email"  # they ask to hear from us again: by the way they wrote
    changed = {}
    for key, value in wanted.items():
        now = bool(current["consent"]) if key == "consent" else current.get(key)
        if value != now:
            changed[key] = value
    return changed or None


def _honour_opt_out(store: Store, person: int, reply: int, phrase: str, actor: str) -> list[int]:
    """Their wish, at once: no channel, no consent, no keep-in-touch reminders, and nothing
    still waiting in the outbox goes to them (kept on record, unsent: a let-go it carries
    completes as the gate's does for someone whose channel was none); audited. Returns the
    messages kept."""
    set_preferences(store, person, actor, channel="none", consent=False)
    kept = outbox.keep_unsent(store, person, actor, outbox.NOT_CONTACTED)
    honoured = "contact channel none; keep-in-touch reminders closed"
    if kept:
        honoured += (
            f"; {len(kept)} message{'s' if len(kept) != 1 else ''} waiting to go kept unsent"
        )
    audit.record(
        store.conn,
        actor,
        "opt_out_honoured",
        person_id=person,
        reply=reply,
        said=phrase,
        honoured=honoured,
        kept=kept,
    )
    return kept


_AUTOMATIC_FLAGS = {
    "bounce": "a delivery failure notice: our message may not have reached them",
    "auto_reply": "an automatic answer (out of office?): nothing in it was read as their wishes",
}


def _skip_reason(conn, mail: IncomingMail, found: Tie | None) -> tuple[str, str | None] | None:
    """(outcome, why) when a message is not stored as a reply; None when it is."""
    if found is None:
        if conn.execute(
            "SELECT 1 FROM replies WHERE message_id = ?", (mail.message_id,)
        ).fetchone():
            return "already_read", None
        if _ours(conn, [mail.message_id]) is not None:
            return "not_a_reply", "one of our own messages (a copy of it)"
        return None
    if mail.automatic == "bulk" and found.answers is None:
        return "not_a_reply", "mailing-list mail, not a reply"
    return None


def _insert(conn, mail: IncomingMail, found: Tie, answer: Answer, proposal, applied, actor) -> int:
    cur = conn.execute(
        "INSERT INTO replies (message_id, person_id, answers, job_id, application_id, "
        "matched_by, sender, sender_name, subject, body, sent_at, source, read_at, read_by, "
        "opt_out, proposal, proposal_state, applied, flag) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            mail.message_id,
            found.person,
            found.answers,
            found.job,
            found.application,
            found.matched_by,
            mail.sender,
            mail.sender_name,
            mail.subject,
            mail.body,
            mail.date,
            mail.source,
            now_iso(),
            actor,
            int(bool(answer.opt_out)),
            json.dumps(proposal) if proposal else None,
            "proposed" if proposal else None,
            json.dumps(applied),
            found.flag,
        ),
    )
    reply = cur.lastrowid or 0
    if found.person is not None:
        audit.record(
            conn,
            actor,
            "reply_received",
            person_id=found.person,
            job_id=found.job,
            application_id=found.application,
            reply=reply,
            subject=mail.subject,
            excerpt=excerpt(mail.body),
            matched_by=found.matched_by,
            flag=found.flag,
        )
    return reply


def store_reply(
    store: Store, mail: IncomingMail, actor: str, book: AddressBook | None = None
) -> ReplyOutcome:
    """Tie, store and act on one message read (see the module's docs), in one transaction."""
    out = ReplyOutcome(mail.source, mail.message_id, sender=mail.sender)
    if mail.problem:
        out.outcome, out.problem = "unreadable", mail.problem
        return out
    book = book or AddressBook(store)
    with store.transaction() as conn:
        skipped = _skip_reason(conn, mail, None)
        found = tie(conn, book, mail) if skipped is None else None
        skipped = skipped or _skip_reason(conn, mail, found)
        if skipped is not None:
            out.outcome, out.problem = skipped
            return out
        answer = Answer() if mail.automatic else read_answer(mail.body, mail.subject)
        proposal = _proposal(store, found.person, answer)
        found.flag = _AUTOMATIC_FLAGS.get(mail.automatic or "", found.flag)
        applied = [DO_NOT_CONTACT] if answer.opt_out and found.person is not None else []
        reply = _insert(conn, mail, found, answer, proposal, applied, actor)
        if applied:
            out.kept = _honour_opt_out(store, found.person, reply, answer.opt_out, actor)
            out.kept_text = kept_words(store, out.kept)
        if found.job is not None:
            out.job_title = store.scalar("SELECT title FROM jobs WHERE id = ?", (found.job,))
    out.person, out.matched_by, out.proposed, out.applied = (
        found.person,
        found.matched_by,
        proposal,
        applied,
    )
    out.reply, out.flag, out.opt_out = reply, found.flag, answer.opt_out
    out.name = _name(store.conn, found.person) if found.person is not None else None
    return out


def kept_words(store: Store, kept: list[int]) -> str | None:
    """What keeping their waiting messages did, in a recruiter's words (None: nothing waited)."""
    if not kept:
        return None
    marks = ",".join("?" * len(kept))
    titles = [
        title
        for (title,) in store.conn.execute(
            "SELECT DISTINCT j.title FROM message_applications ma JOIN applications a ON "
            "a.id = ma.application_id JOIN jobs j ON j.id = a.job_id "
            f"WHERE ma.message_id IN ({marks}) AND a.status = 'let_go' ORDER BY j.title",
            kept,
        )
    ]
    if len(kept) == 1:
        text = "the message waiting to go to them is kept on record, not sent"
    else:
        text = f"the {len(kept)} messages waiting to go to them are kept on record, not sent"
    if titles:
        text += f"; they are let go from {', '.join(titles)} without it, as they asked"
    return text


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """Their own words, short, on one line."""
    text = " ".join(own_words(body).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def is_read(store: Store, message_id: str) -> bool:
    return (
        store.conn.execute("SELECT 1 FROM replies WHERE message_id = ?", (message_id,)).fetchone()
        is not None
    )


def answers_ours(store: Store, ids: list[str]) -> bool:
    """Whether any of these Message-IDs is one Shortlist generated (a drop goes to replies)."""
    return _ours(store.conn, ids) is not None


# write(fn) runs fn(store) where the database is written: at once (the command line), or on
# the window's one writer (app/writer.py), like review.outbox.
Write = Callable[[Callable[[Store], Any]], Any]


def read_all(
    store: Store,
    messages: Iterable[IncomingMail],
    actor: str,
    *,
    write: Write | None = None,
    progress: Callable[[ReplyOutcome], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[ReplyOutcome]:
    """Store every message read (``messages`` from :func:`parsing.inbox.read_paths`), in order.

    ``store`` is for reading (the address book); writes go through ``write``.
    A message read before (by Message-ID) is an ``already_read`` outcome."""
    write = write or (lambda fn: fn(store))
    book = AddressBook(store)
    out = []
    for mail in messages:
        if cancelled():
            break
        if mail.known:
            result = ReplyOutcome(mail.source, mail.message_id, outcome="already_read")
        else:
            result = write(lambda s, mail=mail: store_reply(s, mail, actor, book))
        out.append(result)
        if progress is not None:
            progress(result)
    return out


def mailbox_messages(
    url: str,
    known: Callable[[str], bool],
    ask: Callable[[str], str | None] | None = None,
    *,
    ssl_context=None,
    timeout: float = 60.0,
) -> Iterator[IncomingMail]:
    """The replies in an IMAP folder (``imap://USER@HOST[:PORT]/FOLDER``), read with the
    mailbox reader (:mod:`parsing.imap`: read-only, nothing marked or moved; messages whose
    Message-ID ``known`` recognises are not downloaded). The password comes from the keyring
    (:mod:`review.mailbox`), else ``ask``. Raises :class:`parsing.imap.MailboxError` when the
    mailbox cannot be read."""
    from parsing.imap import MailboxAddress, MailboxError, fetch_messages
    from review.mailbox import KEYRING_SERVICE, keyring_user, mailbox_password

    address = MailboxAddress.parse(url)
    password = mailbox_password(address, ask)
    if password is None:
        raise MailboxError(
            f"no password for {keyring_user(address)}: store it in the system keyring (service "
            f"{KEYRING_SERVICE!r}) or enter it when asked"
        )
    for fetched in fetch_messages(
        address, password, known=known, ssl_context=ssl_context, timeout=timeout
    ):
        source = fetched.label(address)
        if fetched.data is None:
            problem = fetched.problem or "not downloaded"
            yield IncomingMail(source, message_id=fetched.message_id, problem=problem)
        else:
            yield read_message(fetched.data, source)


# --- the recruiter's side: confirm, dismiss, assign --------------------------------------------


class ReplyError(LookupError):
    """No such reply, or not in a state for this."""


def _reply(conn, reply: int) -> dict:
    cur = conn.execute("SELECT * FROM replies WHERE id = ?", (reply,))
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    if row is None:
        raise ReplyError(f"no reply {reply} (see: shortlist replies --pending)")
    return dict(zip(names, row, strict=True))


def confirm_proposal(store: Store, reply: int, actor: str, changes: dict | None = None) -> dict:
    """The recruiter confirms what a reply asked (``changes`` when they adjusted it): their
    preferences change, with the reply as the consent's source. Returns the new preferences."""
    with store.transaction() as conn:
        row = _reply(conn, reply)
        if row["proposal_state"] != "proposed":
            raise ReplyError(f"reply {reply} has no proposal waiting")
        if row["person_id"] is None:
            raise ReplyError(f"reply {reply} is not tied to anyone yet: assign it first")
        proposal = changes if changes is not None else json.loads(row["proposal"])
        fields = {k: v for k, v in proposal.items() if k in PREFERENCE_FIELDS}
        when = (row["sent_at"] or row["read_at"])[:10]
        new = set_preferences(
            store, row["person_id"], actor, consent_source=f"their reply of {when}", **fields
        )
        conn.execute(
            "UPDATE replies SET proposal_state = 'confirmed', proposal = ?, decided_by = ?, "
            "decided_at = ? WHERE id = ?",
            (json.dumps(fields), actor, now_iso(), reply),
        )
        audit.record(
            conn,
            actor,
            "reply_preferences_confirmed",
            person_id=row["person_id"],
            job_id=row["job_id"],
            reply=reply,
            changed=describe(fields),
        )
    return new


def dismiss_proposal(store: Store, reply: int, actor: str) -> None:
    """The recruiter read it differently: their preferences stay as they were."""
    with store.transaction() as conn:
        row = _reply(conn, reply)
        if row["proposal_state"] != "proposed":
            raise ReplyError(f"reply {reply} has no proposal waiting")
        conn.execute(
            "UPDATE replies SET proposal_state = 'dismissed', decided_by = ?, decided_at = ? "
            "WHERE id = ?",
            (actor, now_iso(), reply),
        )
        audit.record(
            conn,
            actor,
            "reply_proposal_dismissed",
            person_id=row["person_id"],
            reply=reply,
            proposal=json.loads(row["proposal"] or "{}"),
        )


def assign(store: Store, reply: int, person_id: int, actor: str) -> ReplyOutcome:
    """The recruiter says whose reply this is. An opt-out in it is honoured now, at once."""
    with store.transaction() as conn:
        row = _reply(conn, reply)
        if row["person_id"] is not None and row["matched_by"] != "sender":
            raise ReplyError(f"reply {reply} is already tied to {_name(conn, row['person_id'])}")
        if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
            raise ReplyError(f"no person with id {person_id}")
        answer = read_answer(row["body"], row["subject"] or "")
        applied = [DO_NOT_CONTACT] if row["opt_out"] else []
        proposal = (
            _proposal(store, person_id, answer)
            if row["proposal_state"] in (None, "proposed")
            else None
        )
        conn.execute(
            "UPDATE replies SET person_id = ?, matched_by = 'assigned', applied = ?, proposal = ?, "
            "proposal_state = ?, decided_by = ?, decided_at = ? WHERE id = ?",
            (
                person_id,
                json.dumps(applied),
                json.dumps(proposal) if proposal else None,
                "proposed" if proposal else None,
                actor,
                now_iso(),
                reply,
            ),
        )
        audit.record(
            conn,
            actor,
            "reply_assigned",
            person_id=person_id,
            reply=reply,
            subject=row["subject"],
            excerpt=excerpt(row["body"]),
        )
        kept = (
            _honour_opt_out(store, person_id, reply, answer.opt_out or "opt-out", actor)
            if (applied)
            else []
        )
    return ReplyOutcome(
        row["source"],
        row["message_id"],
        person_id,
        None,
        proposal,
        applied,
        reply=reply,
        name=_name(store.conn, person_id),
        kept=kept,
        kept_text=kept_words(store, kept),
    )


# --- what the faces show ----------------------------------------------------------------------


@dataclass
class StoredReply:
    id: int
    person_id: int | None
    name: str | None
    sender: str | None
    sender_name: str | None
    subject: str
    excerpt: str
    body: str
    sent_at: str | None
    read_at: str
    matched_by: str | None
    job_id: int | None
    job_title: str | None
    application_id: int | None
    opt_out: bool
    proposal: dict | None
    proposal_state: str | None
    flag: str | None
    source: str

    @property
    def proposal_text(self) -> str:
        return describe(self.proposal)


_SELECT = (
    "SELECT r.*, p.name, j.title AS job_title FROM replies r LEFT JOIN people p ON "
    "p.id = r.person_id LEFT JOIN jobs j ON j.id = r.job_id "
)


def _stored(row: dict) -> StoredReply:
    return StoredReply(
        row["id"],
        row["person_id"],
        row["name"],
        row["sender"],
        row["sender_name"],
        row["subject"] or "",
        excerpt(row["body"]),
        row["body"],
        row["sent_at"],
        row["read_at"],
        row["matched_by"],
        row["job_id"],
        row["job_title"],
        row["application_id"],
        bool(row["opt_out"]),
        json.loads(row["proposal"]) if row["proposal"] else None,
        row["proposal_state"],
        row["flag"],
        row["source"],
    )


def replies_of(store: Store, person_id: int) -> list[StoredReply]:
    """A person's replies, newest first."""
    rows = store.query(_SELECT + "WHERE r.person_id = ? ORDER BY r.id DESC", (person_id,))
    return [_stored(r) for r in rows]


def waiting(store: Store) -> dict[str, list[StoredReply]]:
    """What waits for the recruiter: unmatched replies, proposals to confirm, flagged ones."""
    unmatched = store.query(_SELECT + "WHERE r.person_id IS NULL ORDER BY r.id")
    proposals = store.query(
        _SELECT + "WHERE r.proposal_state = 'proposed' AND r.person_id IS NOT NULL ORDER BY r.id"
    )
    flagged = store.query(
        _SELECT + "WHERE r.flag IS NOT NULL AND r.person_id IS NOT NULL "
        "AND r.decided_at IS NULL ORDER BY r.id"
    )
    return {
        "unmatched": [_stored(r) for r in unmatched],
        "proposals": [_stored(r) for r in proposals],
        "flagged": [_stored(r) for r in flagged],
    }


def reply(store: Store, reply_id: int) -> StoredReply:
    row = store.one(_SELECT + "WHERE r.id = ?", (reply_id,))
    if row is None:
        raise ReplyError(f"no reply {reply_id}")
    return _stored(row)


def mark_seen(store: Store, reply_id: int, actor: str) -> None:
    """A flagged reply the recruiter has looked at: it leaves the list of replies to check."""
    with store.transaction() as conn:
        row = _reply(conn, reply_id)
        conn.execute(
            "UPDATE replies SET decided_by = ?, decided_at = ? WHERE id = ? AND decided_at IS NULL",
            (actor, now_iso(), reply_id),
        )
        audit.record(conn, actor, "reply_checked", person_id=row["person_id"], reply=reply_id)
