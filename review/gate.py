"""The humane gate: nobody leaves the list without a person-first note and a message they receive.

A reviewer lets a person go from one or more of their applications with:

1. a **person-first note** — *what this person brings* (about them) and *why
   not this role, now* (about the fit) — checked for substance, for something
   specific to this person, for originality and against bare labels;
2. a **disposition message** drafted from a template and the note, linted,
   edited by the reviewer, and delivered by the channel the person chose.

:func:`let_go` puts the applications into ``letting_go`` and queues the
message in one transaction; :mod:`review.outbox` delivers it and only then
moves them to ``let_go``. The database refuses ``let_go`` without both
(triggers in the schema), whatever path tries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from parsing.text import fold
from review.db import Store, now_iso
from review.settings import Settings, config_path
from review.workflow import HIRED, LET_GO, LETTING_GO, OFFERED, ON_THE_LIST, WITHDRAWN, audit

MIN_BRINGS_WORDS = 12
MIN_WHY_NOT_WORDS = 6
COPY_SIMILARITY = 85
TEMPLATES = Path(__file__).resolve().parent.parent / "resources" / "templates"
TONES = ("warm", "brief", "formal")


class GateRefused(Exception):
    """The gate said no; ``reasons`` say why, kindly. Nothing was changed."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


# --- the person-first note ------------------------------------------------------------

_BARE_LABELS = {
    "not a fit", "no fit", "bad fit", "poor fit", "not a good fit", "not suitable", "unsuitable",
    "unqualified", "not qualified", "underqualified", "overqualified", "n/a", "na", "none", "no",
    "reject", "rejected", "decline", "declined", "pass", "no thanks", "not good", "not good enough",
    "weak", "meh", "nope", "not interested", "-", "...", "x", "?", "tbd",
}  # fmt: skip
# Words that say nothing specific about anyone.
_GENERIC = {
    "good", "great", "nice", "strong", "solid", "excellent", "impressive", "talented", "smart",
    "motivated", "hardworking", "hard-working", "passionate", "dedicated", "experienced", "skilled",
    "qualified", "candidate", "person", "profile", "background", "experience", "skills", "resume",
    "cv", "application", "team", "player", "work", "working", "very", "really", "quite", "lots",
    "some", "many", "brings", "bring", "has", "have", "had", "with", "and", "the", "a", "an", "of",
    "in", "on", "for", "to", "is", "are", "was", "were", "be", "they", "their", "them", "she", "he",
    "her", "his", "this", "that", "who", "which", "clearly", "obviously", "overall", "general",
    "attitude", "energy", "communicator", "communication", "fit", "role", "job", "company",
    "would", "could", "will", "well", "also", "much", "more", "most", "from", "about", "into",
    "at", "as", "by", "it", "its", "our", "we", "us", "i", "me", "my", "not", "but", "or",
    "years", "year", "professional", "person's", "great", "amazing", "wonderful", "lovely",
}  # fmt: skip
_WORD = re.compile(r"[^\W_][\w'’+#.-]*[\w+#]|[^\W_]", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def normalise(text: str) -> str:
    return " ".join(fold(text or "").split())


@dataclass
class Check:
    code: str
    ok: bool
    message: str
    part: str = "note"  # brings, why_not, note


@dataclass
class PersonContext:
    """What the checks know about the person, to tell a specific note from a generic one."""

    person_id: int
    first_name: str
    skills: list[str] = field(default_factory=list)
    text: str = ""
    details: list[str] = field(default_factory=list)  # employers, titles, relationship notes…


def person_context(store: Store, person_id: int) -> PersonContext:
    row = store.one(
        "SELECT p.name, p.title, p.skills, p.education, d.text FROM people p "
        "JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
        (person_id,),
    )
    if row is None:
        raise LookupError(f"no person with id {person_id}")
    notes = [r[0] for r in store.conn.execute("SELECT text FROM relationship_notes WHERE person_id = ?", (person_id,))]
    details = [row["title"] or ""] + [e.get("institution") or "" for e in json.loads(row["education"] or "[]")]
    return PersonContext(person_id, first_name(row["name"]), json.loads(row["skills"] or "[]"),
                         row["text"] or "", [d for d in details + notes if d])  # fmt: skip


def first_name(name: str | None) -> str:
    if not name:
        return ""
    parts = name.split()
    return parts[0] if parts else ""


def _specific_words(text: str, context: PersonContext) -> list[str]:
    """Words of the note that come from this person: their skills, resume, details."""
    resume = fold(context.text)
    details = fold(" ".join(context.details))
    skills = {fold(s) for s in context.skills}
    found = []
    for word in words(text):
        key = fold(word).strip(".")
        if len(key) < 3 or key in _GENERIC:
            continue
        if key in skills or any(key in s.split() for s in skills):
            found.append(word)
        elif len(key) >= 4 and (re.search(rf"(?<!\w){re.escape(key)}(?!\w)", resume) or key in details):
            found.append(word)
    return found


def check_note(
    brings: str,
    why_not: str,
    context: PersonContext,
    earlier: list[tuple[str, str]] = (),
    suggestion: str | None = None,
) -> list[Check]:
    """Every check of the note, passed or not, with a clear and kind message."""
    checks: list[Check] = []
    b_words, w_words = words(brings), words(why_not)
    label_b, label_w = normalise(brings).strip(" .!"), normalise(why_not).strip(" .!")
    checks.append(Check(
        "brings_label", label_b not in _BARE_LABELS,
        "“What this person brings” needs sentences about them, not a label.", "brings"))  # fmt: skip
    checks.append(Check(
        "why_not_label", label_w not in _BARE_LABELS,
        f"“{why_not.strip()}” is a label, not a reason: say what about this role, now, does not fit.",
        "why_not"))  # fmt: skip
    checks.append(Check(
        "brings_length", len(b_words) >= MIN_BRINGS_WORDS,
        f"Say a little more about what they bring: {len(b_words)} of at least {MIN_BRINGS_WORDS} words.",
        "brings"))  # fmt: skip
    checks.append(Check(
        "why_not_length", len(w_words) >= MIN_WHY_NOT_WORDS,
        f"Why not this role, now? {len(w_words)} of at least {MIN_WHY_NOT_WORDS} words.", "why_not"))  # fmt: skip
    specific = _specific_words(brings, context)
    checks.append(Check(
        "specific", bool(specific),
        "Name something specific to this person — a skill, an experience, a phrase from their resume, "
        "or something you learned about them — not only general praise.", "brings"))  # fmt: skip
    mine = normalise(brings + " " + why_not)
    copied = None
    for old_brings, old_why in earlier:
        theirs = normalise(old_brings + " " + old_why)
        similarity = max(fuzz.ratio(mine, theirs), fuzz.ratio(normalise(brings), normalise(old_brings)))
        if similarity >= COPY_SIMILARITY:
            copied = similarity
            break
    checks.append(Check(
        "original", copied is None,
        f"This note is {copied:.0f}% like one you wrote before: each person deserves their own words."
        if copied else "Your own words.", "note"))  # fmt: skip
    if suggestion:
        similarity = fuzz.ratio(normalise(brings), normalise(suggestion))
        checks.append(Check(
            "not_the_suggestion", similarity < COPY_SIMILARITY,
            "The note repeats Shortlist's suggestion: use it as a start and make it yours.", "brings"))  # fmt: skip
    return checks


def earlier_notes(store: Store, author: str, exclude_person: int | None = None) -> list[tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT brings, why_not FROM disposition_notes WHERE author = ? AND person_id IS NOT ? ORDER BY id DESC LIMIT 500",
        (author, exclude_person),
    )
    return [(b, w) for b, w in rows]


def suggestion_for(context: PersonContext, strengths: list[str]) -> str:
    """The dialog's starting point: the matched strengths, in a sentence the reviewer must rewrite."""
    if not strengths:
        return ""
    listed = ", ".join(strengths[:-1]) + (" and " if len(strengths) > 1 else "") + strengths[-1]
    return f"{context.first_name or 'They'} brings experience with {listed}."


# --- the message ------------------------------------------------------------------------


@dataclass
class Draft:
    subject: str
    body: str
    tone: str


def template_text(tone: str) -> str:
    """A template: the user's copy beside their settings wins over the built-in one."""
    user = config_path().parent / "templates" / f"{tone}.txt"
    path = user if user.exists() else TEMPLATES / f"{tone}.txt"
    if not path.exists():
        raise GateRefused([f"no message template called {tone!r} (choose {', '.join(TONES)})"])
    return path.read_text(encoding="utf-8")


PREFERENCES_INVITATION = (
    "Would you like to hear from us about future roles? Just reply and tell us whether, how (email or "
    "phone) and how often (only roles that match you, monthly, or quarterly) — or that you'd rather not. "
    "We will do exactly what you say."
)


def draft_message(
    tone: str, *, first: str, job_titles: list[str], strength: str, reviewer: str, signature: str = "",
    feedback: str = "", other_roles: list[str] = (),
) -> Draft:  # fmt: skip
    raw = template_text(tone)
    subject_line, _, body = raw.partition("\n")
    subject = subject_line.removeprefix("Subject:").strip()
    values = {
        "first_name": first or "there",
        "job_title": " and ".join(job_titles) if len(job_titles) <= 2 else ", ".join(job_titles[:-1]) + " and " + job_titles[-1],
        "strength": strength.strip(),
        "feedback": f"\n\nSome honest feedback, since you may find it useful: {feedback.strip()}" if feedback.strip() else "",
        "other_roles": ("\n\nYou may also like these open roles, which fit what you do well: "
                        + "; ".join(other_roles) + ". Reply if you would like us to consider you.") if other_roles else "",
        "preferences": PREFERENCES_INVITATION,
        "reviewer_name": reviewer or "",
        "signature": signature or "",
    }  # fmt: skip
    return Draft(subject.format(**values), body.format(**values).strip() + "\n", tone)


@dataclass
class Lint:
    level: str  # block or warn
    code: str
    message: str
    suggestion: str | None = None


_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[^{}\n]{0,40}\}|\[(?:name|first name|job|title|company|x+)\]|<(?:name|first name|job)>|\bXXX+\b|\bTODO\b|\{\{|\}\}", re.IGNORECASE)
_GREETING = re.compile(r"^\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|sehr geehrte[rs]?|bonjour|chère|cher|hola|estimad[oa]|querid[oa]|olá|ola|prezad[oa])\b[^\n]*", re.IGNORECASE)
COLD_PHRASES = {
    "we regret to inform you": "Thank you for applying — I want to tell you where things stand.",
    "unfortunately your application": "This time we are not moving forward with your application.",
    "unfortunately, your application": "This time we are not moving forward with your application.",
    "more qualified candidates": "we chose someone whose experience matches this particular role more closely",
    "other candidates whose qualifications": "someone whose experience matches this particular role more closely",
    "does not meet our requirements": "this role needs something different right now",
    "do not meet our requirements": "this role needs something different right now",
    "after careful consideration": "(say what you considered, or leave it out)",
    "we will keep your resume on file": "(only promise what you will do: invite them to tell you how to stay in touch)",
    "we will keep your cv on file": "(only promise what you will do: invite them to tell you how to stay in touch)",
    "due to the high volume of applications": "(they wrote to you; answer them as a person)",
    "we wish you success in your future endeavors": "I hope the next step is a great one for you.",
    "we wish you the best in your future endeavors": "I hope the next step is a great one for you.",
}
MIN_MESSAGE_WORDS = 60
MAX_MESSAGE_WORDS = 350


def lint_message(
    subject: str, body: str, *, first: str, why_not: list[str], sender_email: str, reply_to: str
) -> list[Lint]:
    """Problems in a message: blocks stop sending, warnings are advice."""
    out: list[Lint] = []
    first_line = next((line for line in body.splitlines() if line.strip()), "")
    greeting = _GREETING.match(first_line)
    if not greeting or (first and fold(first) not in fold(first_line)):
        out.append(Lint("block", "greeting", f"Greet them by name on the first line (e.g. “Hi {first or 'Ana'},”)."))
    for label, address in (("sender", sender_email), ("reply-to", reply_to)):
        if not address or "@" not in address:
            out.append(Lint("block", f"no_{label}", f"Set a real {label} address in Settings: replies must reach a person."))
        elif _NO_REPLY.search(address):
            out.append(Lint("block", "no_reply", f"The {label} address {address} is a no-reply address: "
                                                  "use one that reaches a person."))  # fmt: skip
    for text, where in ((subject, "subject"), (body, "message")):
        found = _PLACEHOLDER.search(text)
        if found:
            out.append(Lint("block", "placeholder", f"Fill in “{found.group()}” in the {where}."))
    folded = fold(body)
    for internal in why_not:
        internal = internal.strip()
        if len(words(internal)) >= 4 and (
            fold(internal) in folded or fuzz.partial_ratio(fold(internal), folded) >= 92
        ):
            out.append(Lint("warn", "internal_note", "Your internal “why not” note is copied into the message: "
                                                     "say it for them, in words meant for them."))  # fmt: skip
            break
    for phrase, kinder in COLD_PHRASES.items():
        if phrase in folded:
            out.append(Lint("warn", "cold_phrase", f"“{phrase}” reads cold.", kinder))
    count = len(words(body))
    if count < MIN_MESSAGE_WORDS:
        out.append(Lint("warn", "too_short", f"Only {count} words: a little more will feel like a person wrote it."))
    elif count > MAX_MESSAGE_WORDS:
        out.append(Lint("warn", "too_long", f"{count} words: shorter will be kinder to read."))
    return out


def blocking(lints: list[Lint]) -> list[Lint]:
    return [item for item in lints if item.level == "block"]


# --- letting go --------------------------------------------------------------------------


@dataclass
class Disposition:
    """What the reviewer decided and wrote, for one person and one or more of their applications."""

    person_id: int
    application_ids: list[int]
    brings: str
    why_not: str
    subject: str
    body: str
    recipients: list[str] | None = None  # default: the person's first email
    confirm_offer_conflict: bool = False
    suggestion: str | None = None


def contact_preference(store: Store, person_id: int) -> dict:
    row = store.one("SELECT * FROM contact_preferences WHERE person_id = ?", (person_id,))
    if row is None:
        return {"person_id": person_id, "channel": "email", "frequency": "matching_roles", "topics": [],
                "consent": 0, "consent_date": None, "consent_source": None}  # fmt: skip
    row["topics"] = json.loads(row["topics"] or "[]")
    return row


def offer_conflicts(store: Store, person_id: int, application_ids: list[int]) -> list[str]:
    """Other jobs where this person holds an offer or was hired: no rejection without confirmation."""
    marks = ",".join("?" * len(application_ids))
    rows = store.conn.execute(
        f"SELECT j.title, a.status FROM applications a JOIN jobs j ON j.id = a.job_id "
        f"WHERE a.person_id = ? AND a.status IN (?, ?) AND a.id NOT IN ({marks})",
        [person_id, OFFERED, HIRED, *application_ids],
    )
    return [f"{title} ({status})" for title, status in rows]


def validate(store: Store, d: Disposition, author: str, settings: Settings) -> tuple[list[Check], list[Lint]]:
    """Every check and lint of a disposition, without changing anything."""
    context = person_context(store, d.person_id)
    checks = check_note(d.brings, d.why_not, context, earlier_notes(store, author, d.person_id), d.suggestion)
    lints = lint_message(
        d.subject, d.body, first=context.first_name, why_not=[d.why_not],
        sender_email=settings.get("sender.email"), reply_to=settings.get("reply_to"),
    )  # fmt: skip
    return checks, lints


def let_go(store: Store, d: Disposition, author: str, settings: Settings) -> int:
    """Write the notes, queue the message and move the applications to ``letting_go``, atomically.

    Returns the message's row id; :func:`review.outbox.deliver` delivers it.
    Raises :class:`GateRefused` with every reason when a check fails.
    """
    if not d.application_ids:
        raise GateRefused(["choose the application(s) to let go from"])
    checks, lints = validate(store, d, author, settings)
    reasons = [c.message for c in checks if not c.ok] + [item.message for item in blocking(lints)]
    conflicts = offer_conflicts(store, d.person_id, d.application_ids)
    if conflicts and not d.confirm_offer_conflict:
        reasons.append("they hold an offer or were hired for " + ", ".join(conflicts)
                       + ": confirm explicitly before sending them a rejection")  # fmt: skip
    preference = contact_preference(store, d.person_id)
    person = store.one("SELECT emails, phones, name FROM people WHERE id = ?", (d.person_id,))
    emails, phones = json.loads(person["emails"] or "[]"), json.loads(person["phones"] or "[]")
    channel = preference["channel"]
    recipients = list(d.recipients) if d.recipients else emails[:1]
    strangers = [r for r in recipients if r.lower() not in {e.lower() for e in emails}]
    if strangers:
        reasons.append(f"{', '.join(strangers)} is not one of their addresses: messages go only to them")
    if channel == "email" and not recipients:
        reasons.append("there is no email address for them: add one, or record that they prefer a phone call")
    if channel == "phone" and not phones:
        reasons.append("they prefer a phone call, but there is no phone number for them")
    if reasons:
        raise GateRefused(reasons)
    stamp = now_iso()
    with store.transaction() as conn:
        rows = []
        for app_id in d.application_ids:
            row = conn.execute("SELECT person_id, job_id, status FROM applications WHERE id = ?", (app_id,)).fetchone()
            if row is None or row[0] != d.person_id:
                raise GateRefused([f"application {app_id} is not this person's"])
            if row[2] not in ON_THE_LIST + (HIRED,):
                raise GateRefused([f"application {app_id} is already {row[2].replace('_', ' ')}"])
            rows.append((app_id, row[1], row[2]))
        message_row = _queue_message(conn, d.person_id, "let_go", channel,
                                     recipients if channel == "email" else phones[:1],
                                     d.subject, d.body, settings, author, stamp)  # fmt: skip
        for app_id, job_id, status in rows:
            conn.execute(
                "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, why_not, author, "
                "created_at) VALUES (?, ?, ?, 'let_go', ?, ?, ?, ?)",
                (app_id, d.person_id, job_id, " ".join(d.brings.split()), " ".join(d.why_not.split()), author, stamp),
            )
            conn.execute("INSERT INTO message_applications (message_id, application_id) VALUES (?, ?)",
                         (message_row, app_id))  # fmt: skip
            conn.execute(
                "UPDATE applications SET previous_status = status, status = ?, updated_at = ? WHERE id = ?",
                (LETTING_GO, stamp, app_id),
            )
            audit(conn, author, "letting_go", person_id=d.person_id, job_id=job_id, application_id=app_id,
                  before=status, after=LETTING_GO, message=message_row)  # fmt: skip
        if channel == "none":
            # Their wish is honoured: the message is kept on record, not sent, and they are let go.
            for app_id, job_id, _ in rows:
                conn.execute("UPDATE applications SET status = ?, updated_at = ? WHERE id = ?", (LET_GO, stamp, app_id))
                audit(conn, author, "let_go", person_id=d.person_id, job_id=job_id, application_id=app_id,
                      before=LETTING_GO, after=LET_GO, message=message_row,
                      honoured="they asked not to be contacted: the message is kept on record, not sent")  # fmt: skip
    return message_row


def _queue_message(conn, person_id: int, kind: str, channel: str, recipients: list[str], subject: str,
                   body: str, settings: Settings, author: str, stamp: str) -> int:  # fmt: skip
    """A message born by the person's channel: queued (email), a call to make (phone), or kept
    unsent on record (they asked not to be contacted)."""
    from review.outbox import new_message_id

    state = {"email": "queued", "phone": "call_pending", "none": "kept"}[channel]
    cur = conn.execute(
        "INSERT INTO messages (message_id, person_id, kind, channel, recipients, subject, body, sender_name, "
        "sender_email, reply_to, state, author, created_at, delivered_at, transport) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new_message_id(settings.get("sender.email")), person_id, kind, channel,
         json.dumps(recipients if channel != "none" else []), subject, body,
         settings.get("sender.name") or author, settings.get("sender.email"), settings.get("reply_to"), state,
         author, stamp, stamp if state == "kept" else None, "kept on record" if state == "kept" else None),  # fmt: skip
    )
    return cur.lastrowid


def restore(store: Store, application_id: int, author: str) -> str:
    """Bring someone who was let go (or withdrew) back onto the list, audited. Returns the new status."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, job_id, status, previous_status FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if row is None:
            raise GateRefused([f"no application {application_id}"])
        person_id, job_id, status, previous = row
        if status not in (LET_GO, WITHDRAWN):
            raise GateRefused([f"they are not let go (status: {status.replace('_', ' ')})"])
        target = previous if previous in ON_THE_LIST else "new"
        # The old note and message belong to the old decision: a new one needs new ones.
        conn.execute("UPDATE disposition_notes SET superseded = 1 WHERE application_id = ?", (application_id,))
        conn.execute("UPDATE message_applications SET superseded = 1 WHERE application_id = ?", (application_id,))
        conn.execute("UPDATE applications SET status = ?, previous_status = ?, updated_at = ? WHERE id = ?",
                     (target, status, now_iso(), application_id))  # fmt: skip
        audit(conn, author, "restore", person_id=person_id, job_id=job_id, application_id=application_id,
              before=status, after=target)  # fmt: skip
    return target


def close_job(store: Store, job_id: int, author: str) -> None:
    """Close a job: only when everyone on it has been let go (through the gate), hired, or withdrew."""
    remaining = store.query(
        "SELECT a.id, p.name, a.status FROM applications a JOIN people p ON p.id = a.person_id "
        "WHERE a.job_id = ? AND a.status NOT IN (?, ?, ?)",
        (job_id, LET_GO, HIRED, WITHDRAWN),
    )
    if remaining:
        names = ", ".join((r["name"] or f"#{r['id']}") for r in remaining[:5])
        more = f" and {len(remaining) - 5} more" if len(remaining) > 5 else ""
        raise GateRefused([f"{len(remaining)} people are still on this job ({names}{more}): each goes through "
                           "the let-go queue, or is hired or withdrawn, before the job closes"])  # fmt: skip
    with store.transaction() as conn:
        conn.execute("UPDATE jobs SET status = 'closed', updated_at = ? WHERE id = ?", (now_iso(), job_id))
        audit(conn, author, "job_closed", job_id=job_id)


def other_fitting_roles(store: Store, person_id: int, exclude_jobs: list[int], minimum: float = 50.0) -> list[str]:
    """Open jobs (besides these) where the matching core thinks this person fits well."""
    from review.jobs import resolve_job
    from review.ranking import Ranker

    out = []
    for (job_id,) in store.conn.execute("SELECT id FROM jobs WHERE status = 'open' ORDER BY id").fetchall():
        if job_id in exclude_jobs:
            continue
        job = resolve_job(store, job_id)
        if not job["spec"].get("criteria"):
            continue
        score = Ranker(store, job, scope="all").score(person_id)
        if score.total >= minimum and not score.missing_must_haves:
            out.append(job["title"])
    return out


def draft_for(store: Store, person_id: int, application_ids: list[int], brings: str, tone: str,
              settings: Settings, feedback: str = "") -> Draft:  # fmt: skip
    """The message a reviewer starts from: template, their note, and other roles that fit."""
    marks = ",".join("?" * len(application_ids))
    jobs = store.conn.execute(
        f"SELECT j.id, j.title FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.id IN ({marks})",
        application_ids,
    ).fetchall()
    context = person_context(store, person_id)
    return draft_message(
        tone, first=context.first_name, job_titles=[t for _, t in jobs], strength=brings,
        reviewer=settings.get("reviewer.name") or settings.get("sender.name"),
        signature=settings.get("reviewer.signature"), feedback=feedback,
        other_roles=other_fitting_roles(store, person_id, [j for j, _ in jobs]),
    )  # fmt: skip


MIN_WITHDRAWN_NOTE_WORDS = 3


def withdraw(store: Store, person_id: int, application_id: int, note: str, subject: str, body: str,
             author: str, settings: Settings) -> int:  # fmt: skip
    """The person withdrew: a short note, an acknowledgment queued by their channel, status ``withdrawn``.

    Returns the message row; :func:`review.outbox.deliver` delivers it (the
    status does not wait for delivery: they told us, we are not telling them).
    """
    reasons = []
    if len(words(note)) < MIN_WITHDRAWN_NOTE_WORDS:
        reasons.append(f"a short note, please: why they withdrew, in at least {MIN_WITHDRAWN_NOTE_WORDS} words")
    context = person_context(store, person_id)
    reasons += [item.message for item in blocking(lint_message(
        subject, body, first=context.first_name, why_not=[], sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to")))]  # fmt: skip
    preference = contact_preference(store, person_id)
    person = store.one("SELECT emails, phones FROM people WHERE id = ?", (person_id,))
    emails, phones = json.loads(person["emails"] or "[]"), json.loads(person["phones"] or "[]")
    channel = preference["channel"]
    if channel == "email" and not emails:
        reasons.append("there is no email address for them")
    if reasons:
        raise GateRefused(reasons)
    stamp = now_iso()
    with store.transaction() as conn:
        row = conn.execute("SELECT person_id, job_id, status FROM applications WHERE id = ?", (application_id,)).fetchone()
        if row is None or row[0] != person_id:
            raise GateRefused([f"application {application_id} is not this person's"])
        if row[2] not in ON_THE_LIST:
            raise GateRefused([f"they are {row[2].replace('_', ' ')}, not on the list"])
        message_row = _queue_message(conn, person_id, "withdrawn", channel,
                                     emails[:1] if channel == "email" else phones[:1],
                                     subject, body, settings, author, stamp)  # fmt: skip
        conn.execute(
            "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, why_not, author, created_at) "
            "VALUES (?, ?, ?, 'withdrawn', ?, ?, ?, ?)",
            (application_id, person_id, row[1], "", " ".join(note.split()), author, stamp),
        )
        conn.execute("INSERT INTO message_applications (message_id, application_id) VALUES (?, ?)",
                     (message_row, application_id))  # fmt: skip
        conn.execute("UPDATE applications SET previous_status = status, status = ?, updated_at = ? WHERE id = ?",
                     (WITHDRAWN, stamp, application_id))  # fmt: skip
        audit(conn, author, "withdrawn", person_id=person_id, job_id=row[1], application_id=application_id,
              before=row[2], after=WITHDRAWN, message=message_row)  # fmt: skip
        return message_row


def draft_withdrawn(store: Store, person_id: int, application_id: int, settings: Settings) -> Draft:
    title = store.scalar("SELECT j.title FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.id = ?",
                         (application_id,))  # fmt: skip
    context = person_context(store, person_id)
    skills = ", ".join(context.skills[:3]) or "your experience"
    return draft_message("withdrawn", first=context.first_name, job_titles=[title],
                         strength=f"your work with {skills}", reviewer=settings.get("reviewer.name"),
                         signature=settings.get("reviewer.signature"))  # fmt: skip
