"""Asking someone kindly for another copy of a file we could not read.

A resume that could not be read (damaged, a scan with no text, password-protected…)
still came from a person. When we know how to reach them — an address in what we did
read, or the sender of the e-mail it came in (``cover_letters``) — and they did not ask
to be left alone, the recruiter may send them a short, kind message: which file, what
went wrong in plain words, and a request to send it again as PDF or Word. It goes
through the outbox like every other message (kind :data:`KIND`), is audited, and
changes nothing else: no status moves, and nobody is let go because of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from review import audit, outbox
from review.db import Store, now_iso
from review.messages import blocking, lint_message, sign_off
from review.people import person as person_row
from review.relationship import contact_preference
from review.settings import Settings

KIND = "file_request"
WAITING = ("queued", "sending")

# What went wrong, in words for the person who sent the file (the stored outcome codes are
# a contract, never shown to them).
_WHAT_WENT_WRONG = {
    "no_text": "it seems to be a scan or a picture, and our system found no text in it",
    "unreadable_text": "the text in it came out as unreadable characters (this happens with "
    "some fonts)",
    "encrypted": "it is protected with a password, so it would not open",
    "malformed": "the file seems to have been damaged on its way to us, and it would not open",
    "too_large": "it was too large for our system to open",
    "timeout": "our system took too long trying to open it",
    "too_complex": "it was too complex for our system to open",
    "unsupported": "it is in a format our system cannot read",
}
_SOMETHING_WRONG = "our system could not read it"


class RequestRefused(Exception):
    """Not asked: each reason says why, in words a recruiter can act on."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class Draft:
    subject: str
    body: str
    recipient: str | None  # where it goes: an e-mail address, a phone number, or None


@dataclass
class Sender:
    """How we can reach the person who sent a file: their address and the name they gave."""

    address: str | None
    name: str | None
    from_message: bool  # the address is the sender's of the message the file came in
    sent_at: str | None


def what_went_wrong(outcome: str | None) -> str:
    return _WHAT_WENT_WRONG.get(outcome or "", _SOMETHING_WRONG)


def sender_of(store: Store, person_id: int) -> Sender:
    """Their address: one read from the file (or corrected), else the newest message's sender."""
    row = person_row(store, person_id)
    letter = store.one(
        "SELECT sender, sender_name, sent_at FROM cover_letters WHERE person_id = ? AND "
        "coalesce(sender, '') <> '' ORDER BY coalesce(sent_at, created_at) DESC, id DESC LIMIT 1",
        (person_id,),
    )
    name = row["name"] or (letter or {}).get("sender_name") or None
    sent_at = (letter or {}).get("sent_at")
    if row["emails"]:
        chosen = row["emails"][0]
        mailed = "emails" in row["from_message"] or bool(letter and letter["sender"] == chosen)
        return Sender(chosen, name, mailed, sent_at)
    if letter:
        return Sender(letter["sender"], name, True, sent_at)
    return Sender(None, name, False, sent_at)


def waiting_request(store: Store, person_id: int) -> dict | None:
    """A request for another copy not yet sent (queued or being sent), if there is one."""
    marks = ",".join("?" * len(WAITING))
    return store.one(
        f"SELECT id, state, created_at FROM messages WHERE person_id = ? AND kind = ? AND state "
        f"IN ({marks}) ORDER BY id DESC LIMIT 1",
        (person_id, KIND, *WAITING),
    )


def last_request(store: Store, person_id: int) -> dict | None:
    """Their newest request for another copy (id, state, created_at, delivered_at)."""
    return store.one(
        "SELECT id, state, created_at, delivered_at, recipients FROM messages WHERE person_id = ? "
        "AND kind = ? ORDER BY id DESC LIMIT 1",
        (person_id, KIND),
    )


def refusals(store: Store, person_id: int) -> list[str]:
    """Why we may not ask them now (empty: we may). Raises LookupError for no such person."""
    row = person_row(store, person_id)
    reasons = []
    if row["outcome"] == "ok":
        reasons.append("their file was read after all: there is nothing to ask them for")
    channel = contact_preference(store, person_id)["channel"]
    if channel == "none":
        reasons.append("they asked not to be contacted")
    elif channel == "phone" and not row["phones"]:
        reasons.append("they asked to be contacted by phone, and we have no number for them")
    elif channel == "email" and sender_of(store, person_id).address is None:
        reasons.append(
            "we have no e-mail address for them: neither the file nor a message it came in gave one"
        )
    waiting = waiting_request(store, person_id)
    if waiting is not None:
        reasons.append(
            f"a request for another copy is already waiting to be sent (message {waiting['id']}, "
            f"{waiting['created_at'][:10]}): see the outbox"
        )
    return reasons


def _job_title(store: Store, person_id: int) -> str | None:
    titles = [
        t
        for (t,) in store.conn.execute(
            "SELECT j.title FROM applications a JOIN jobs j ON j.id = a.job_id "
            "WHERE a.person_id = ? ORDER BY a.id",
            (person_id,),
        )
    ]
    return titles[0] if len(titles) == 1 else None


def draft_request(store: Store, person_id: int, settings: Settings) -> Draft:
    """A short, kind message asking for the file again, for the recruiter to read and edit."""
    row = person_row(store, person_id)
    sender = sender_of(store, person_id)
    first = (sender.name or "").split()[0] if (sender.name or "").split() else ""
    file_name = row["original_name"] or "your resume"
    role = _job_title(store, person_id)
    applied = f"for {role} " if role else ""
    paragraphs = [
        f"Hi {first}," if first else "Hello,",
        f"Thank you for sending us your resume {applied}— I am glad you did. I wanted to read "
        f"“{file_name}”, but {what_went_wrong(row['outcome'])}. I am sorry about that.",
        "Could you send your resume again, as a PDF or a Word document? Simply reply to this "
        "message with the file attached. Your application stays with us in the meantime: I "
        "would just like to read it properly.",
        "This is a person writing, not an automatic system, so if anything is unclear, just "
        "reply and I will help.",
        "Thank you, and I look forward to reading it.",
        sign_off(settings),
    ]
    channel = contact_preference(store, person_id)["channel"]
    recipient = row["phones"][0] if channel == "phone" and row["phones"] else sender.address
    if channel == "none":
        recipient = None
    subject = "Your resume: could you send it again?"
    return Draft(subject, "\n\n".join(paragraphs) + "\n", recipient)


def ask_for_file(
    store: Store, person_id: int, subject: str, body: str, settings: Settings, author: str
) -> int:
    """Queue the request through the outbox (kind ``file_request``) and audit it; returns the
    message row for delivery. Refuses (:class:`RequestRefused`) when there is no way to reach
    them, they asked not to be contacted, the file was read after all, a request is already
    waiting, or the message is not fit to send. Changes no status."""
    reasons = refusals(store, person_id)
    sender = sender_of(store, person_id)
    first = (sender.name or "").split()[0] if (sender.name or "").split() else ""
    if not subject.strip():
        reasons.append("the message needs a subject")
    lints = lint_message(
        subject,
        body,
        first=first,
        why_not=[],
        sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to"),
    )
    reasons += [item.message for item in blocking(lints)]
    if reasons:
        raise RequestRefused(reasons)
    row = person_row(store, person_id)
    channel = contact_preference(store, person_id)["channel"]
    recipients = row["phones"][:1] if channel == "phone" else [sender.address]
    with store.transaction() as conn:
        message = outbox.queue(
            conn, person_id, KIND, channel, recipients, subject, body, settings, author, now_iso()
        )
        audit.record(
            conn,
            author,
            "file_requested",
            person_id=person_id,
            message=message,
            file=row["original_name"],
            outcome=row["outcome"],
            to=recipients[0],
        )
    return message
