"""Keeping our word: roles people in the talent pool asked to hear about.

When a job is created or opened, the people in the pool who agreed to hear from us,
whose topics (if they named any) fit the job, and who fit it well (the matching
core: a good score, no missing must-have) are offered to the recruiter. Each
becomes a short personal message — the role, why it fits them (the criteria they
matched, in their resume's words, and what the recruiter noted about them), and
how to say no more — which the recruiter reads, edits and sends one at a time,
through the outbox. There is no sending to all of them at once.

Their frequency is kept: someone who chose *quarterly* hears about a role at most
once in :data:`FREQUENCY_DAYS` ``["quarterly"]`` days (*monthly* likewise), and is
shown as held back until then; *matching roles* means each role that fits.
Telling someone about a role never puts them on its list: that stays the
recruiter's act (Job → People you already know…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from parsing.text import fold
from review import audit, outbox
from review.db import Store, now_iso
from review.excerpts import excerpt
from review.jobs import Job
from review.messages import blocking, lint_message, sign_off
from review.people import load_person
from review.ranking import Ranker
from review.relationship import contact_preference, in_pool, pool_suggestions
from review.settings import Settings
from review.wording import to_second_person

KIND = "role"
FREQUENCY_DAYS = {"monthly": 30, "quarterly": 91}
MINIMUM_SCORE = 45.0
_COUNTED = ("queued", "sending", "delivered", "in_doubt", "call_pending")


class OfferRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class Offer:
    """Someone who asked to hear about roles like this one, and why it fits them."""

    person_id: int
    name: str | None
    score: float
    strengths: list[str]  # the job's criteria they matched, best first
    quotes: list[str]  # their resume's words for them
    notes: list[str]  # what the recruiter noted about them, newest first
    frequency: str
    topics: list[str] = field(default_factory=list)


@dataclass
class Held:
    """Someone who fits but heard from us too recently for the frequency they chose."""

    person_id: int
    name: str | None
    frequency: str
    last_told: str
    next_from: str


@dataclass
class Draft:
    subject: str
    body: str


# --- who ---------------------------------------------------------------------------------------


def _topics_fit(topics: list[str], job: Job) -> bool:
    """No topics: any role. Topics: one of them is in the job's title, description or criteria."""
    if not topics:
        return True
    criteria = " ".join(c.get("name", "") for c in job.spec.get("criteria") or [])
    text = " ".join(fold(f"{job.title} {job.description} {criteria}").split())
    for topic in topics:
        words = [w for w in re.findall(r"\w+", fold(topic)) if len(w) > 2]
        if words and all(re.search(rf"\b{re.escape(w)}", text) for w in words):
            return True
    return False


def last_told(store: Store, person_id: int) -> str | None:
    """When we last told them about a role (a role message not failed)."""
    marks = ",".join("?" * len(_COUNTED))
    return store.scalar(
        f"SELECT max(coalesce(delivered_at, created_at)) FROM messages WHERE person_id = ? "
        f"AND kind = ? AND state IN ({marks})",
        (person_id, KIND, *_COUNTED),
    )


def _next_from(frequency: str, told: str | None) -> datetime | None:
    days = FREQUENCY_DAYS.get(frequency)
    if not days or not told:
        return None
    return datetime.fromisoformat(told) + timedelta(days=days)


def _decided(store: Store, job_id: int) -> set[int]:
    taken = store.conn.execute(
        "SELECT person_id FROM role_offers WHERE job_id = ? UNION "
        "SELECT person_id FROM applications WHERE job_id = ?",
        (job_id, job_id),
    )
    return {row[0] for row in taken}


def offers_for(
    store: Store, job: Job, now: datetime | None = None, minimum: float = MINIMUM_SCORE
) -> tuple[list[Offer], list[Held]]:
    """(who should hear about this job now, who fits but is held back by their frequency)."""
    now = now or datetime.now(UTC)
    if not job.spec.get("criteria") or job.status != "open":
        return [], []
    decided = _decided(store, job.id)
    candidates = set(in_pool(store)) - decided
    if not candidates:
        return [], []
    ready, held = [], []
    ranker = None
    for s in pool_suggestions(store, job, minimum=minimum, limit=10_000):
        if s.person_id not in candidates:
            continue
        pref = contact_preference(store, s.person_id)
        if not _topics_fit(pref["topics"], job):
            continue
        told = last_told(store, s.person_id)
        due = _next_from(pref["frequency"], told)
        if due is not None and due > now:
            held.append(Held(s.person_id, s.name, pref["frequency"], told, due.isoformat()))
            continue
        ranker = ranker or Ranker(store, job, scope="all")
        strengths, quotes = _why(store, ranker, s.person_id)
        notes = [
            n
            for (n,) in store.conn.execute(
                "SELECT text FROM relationship_notes WHERE person_id = ? ORDER BY id DESC LIMIT 3",
                (s.person_id,),
            )
        ]
        ready.append(
            Offer(
                s.person_id,
                s.name,
                s.score,
                strengths,
                quotes,
                notes,
                pref["frequency"],
                pref["topics"],
            )
        )
    return ready, held


def _why(store: Store, ranker: Ranker, person_id: int) -> tuple[list[str], list[str]]:
    """The criteria they matched, best first, and a line of their resume for the best two."""
    score = ranker.score(person_id)
    parts = sorted(
        (p for p in score.parts if p.kind == "criterion" and p.points > 0),
        key=lambda p: -p.points,
    )
    text = (
        store.scalar(
            "SELECT d.text FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
            (person_id,),
        )
        or ""
    )
    quotes = []
    for part in parts[:2]:
        counted = [e for e in part.evidence if e.flag is None and e.end <= len(text)]
        if counted:
            line = excerpt(text, counted[0].start, counted[0].end, width=110)
            if line and line not in quotes:
                quotes.append(line)
    return [p.criterion for p in parts], quotes


# --- the message --------------------------------------------------------------------------------


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def draft(store: Store, job: Job, offer: Offer, settings: Settings) -> Draft:
    """A short personal message about one role, for the recruiter to read and edit."""
    person = load_person(store, offer.person_id)
    first = person.first_name if person else ""
    why = "it asks for what you do well"
    if offer.strengths:
        why = f"it asks for {_and(offer.strengths[:3])}"
    lines = [
        f"Hi {first or 'there'},",
        "You told us you would like to hear about roles that fit you, so here is one: "
        f"we have just opened {job.title}.",
        f"I thought of you because {why}"
        + (f", and your resume says: “{offer.quotes[0]}”." if offer.quotes else "."),
    ]
    if offer.notes:
        remembered = to_second_person(offer.notes[0], first, person.name or "" if person else "")
        if remembered.startswith(("You ", "Your ")):
            remembered = remembered[0].lower() + remembered[1:]
        lines.append(f"I also remember what I noted when we last spoke: {remembered.rstrip('.')}.")
    lines += [
        "If it interests you, simply reply and I will tell you more: this message reaches me, "
        "not a robot.",
        "Not for you, or not now? Reply MONTHLY, QUARTERLY or MATCHING to tell us how often to "
        "write, or NEVER if you would rather not hear from us again. We will do exactly what you "
        "say.",
    ]
    signature = sign_off(settings)
    return Draft(f"A role you might like: {job.title}", "\n\n".join([*lines, signature]) + "\n")


# --- sending, one at a time ---------------------------------------------------------------------


def send(store: Store, job: Job, person_id: int, d: Draft, settings: Settings, author: str) -> int:
    """Queue one role message (checked again here: still in the pool, not told about this job,
    their frequency kept, a message fit to send). Returns its row; the outbox delivers it."""
    reasons = []
    if person_id not in in_pool(store):
        reasons.append("they are no longer in the talent pool (or asked not to be contacted)")
    if person_id in _decided(store, job.id):
        reasons.append(f"they were already told about {job.title}, or are on its list")
    pref = contact_preference(store, person_id)
    due = _next_from(pref["frequency"], last_told(store, person_id))
    if due is not None and due > datetime.now(UTC):
        reasons.append(f"they asked to hear {pref['frequency']}: not before {due:%d %b %Y}")
    person = load_person(store, person_id)
    lints = lint_message(
        d.subject,
        d.body,
        first=person.first_name if person else "",
        why_not=[],
        sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to"),
    )
    reasons += [item.message for item in blocking(lints)]
    if pref["channel"] == "email" and person is not None and not person.emails:
        reasons.append("there is no email address for them")
    if reasons:
        raise OfferRefused(reasons)
    recipients = person.emails[:1] if pref["channel"] == "email" else person.phones[:1]
    stamp = now_iso()
    with store.transaction() as conn:
        message = outbox.queue(
            conn,
            person_id,
            KIND,
            pref["channel"],
            recipients,
            d.subject,
            d.body,
            settings,
            author,
            stamp,
            job_id=job.id,
        )
        conn.execute(
            "INSERT INTO role_offers (person_id, job_id, state, message_id, decided_by, "
            "decided_at) VALUES (?, ?, 'sent', ?, ?, ?)",
            (person_id, job.id, message, author, stamp),
        )
        audit.record(
            conn,
            author,
            "role_offered",
            person_id=person_id,
            job_id=job.id,
            message=message,
            frequency=pref["frequency"],
        )
    return message


def skip(store: Store, job: Job, person_id: int, author: str) -> None:
    """Not this time: they are not offered this job again."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO role_offers (person_id, job_id, state, decided_by, decided_at) "
            "VALUES (?, ?, 'skipped', ?, ?)",
            (person_id, job.id, author, now_iso()),
        )
        audit.record(conn, author, "role_not_offered", person_id=person_id, job_id=job.id)
