"""The humane gate: nobody leaves the list without a person-first note and a message they receive.

A reviewer lets a person go from one or more of their applications with:

1. a **person-first note** — *what this person brings* (about them) and *why
   not this role, now* (about the fit) — checked for substance, for something
   specific to this person, for originality and against bare labels;
2. a **disposition message** drafted from a template and the note
   (:mod:`review.messages`), linted, edited by the reviewer, and delivered by the
   channel the person chose.

:func:`prepare` gathers, once, everything the checks and the draft need (a
:class:`GateContext`); the window's dialog and ``shortlist drop`` both start
from it. :func:`let_go` prepares again for itself: it trusts nothing a caller
computed. It puts the applications into ``letting_go`` and queues the message
in one transaction; :mod:`review.outbox` delivers it and only then moves them
to ``let_go``. The database refuses ``let_go`` without both (triggers in the
schema), whatever path tries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from review import audit, outbox
from review.db import Store, now_iso
from review.jobs import resolve_job
from review.messages import (
    Draft,
    Lint,
    UnknownTemplate,
    blocking,
    draft_message,
    lint_message,
    words,
)
from review.notes import (
    Check,
    PersonContext,
    check_note,
    own_earlier_notes,
    person_context,
    suggestion_for,
)
from review.people import load_person
from review.ranking import Ranker
from review.relationship import contact_preference
from review.settings import Settings
from review.status import (
    COMMITTED,
    GONE,
    LET_GO,
    LETTING_GO,
    MAY_LET_GO,
    NEW,
    ON_THE_LIST,
    SETTLED,
    WITHDRAWN,
    JobStatus,
)
from review.wording import to_second_person

MIN_WITHDRAWN_NOTE_WORDS = 3


class GateRefused(Exception):
    """The gate said no; ``reasons`` say why, kindly. Nothing was changed."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


# --- what the gate knows about one person ---------------------------------------------


@dataclass(frozen=True)
class Application:
    """One of the person's applications, as the gate sees it."""

    id: int
    job_id: int
    job_title: str
    status: str


@dataclass
class GateContext:
    """Everything the note checks and the message draft need, gathered once (:func:`prepare`)."""

    person: PersonContext
    name: str | None
    emails: list[str]
    phones: list[str]
    preference: dict  # review.relationship.contact_preference
    applications: dict[int, Application]  # all of theirs, by id
    earlier: list[tuple[str, str]]  # the reviewer's notes about others: no copies
    strengths: list[str]  # criteria of the job that they matched
    suggestion: str  # the sentence from those strengths a note must not just repeat
    fitting_roles: list[tuple[int, str]] = field(default_factory=list)  # (job id, title)
    touches: list[str] = field(default_factory=list)  # recent relationship notes

    @property
    def channel(self) -> str:
        return self.preference["channel"]

    def open_applications(self, besides: int) -> list[Application]:
        """Their other applications still on a list: one message may cover them too."""
        return [
            a for a in self.applications.values() if a.id != besides and a.status in ON_THE_LIST
        ]

    def job_titles(self, application_ids: list[int]) -> list[str]:
        return [
            self.applications[i].job_title
            for i in sorted(application_ids)
            if i in self.applications
        ]

    def conflicts(self, application_ids: list[int]) -> list[str]:
        """Other jobs where they hold an offer or were hired: no rejection without confirmation."""
        return [
            f"{a.job_title} ({a.status})"
            for a in self.applications.values()
            if a.status in COMMITTED and a.id not in application_ids
        ]

    def recipients(self, chosen: list[str] | None = None) -> list[str]:
        """Who an email goes to: the chosen addresses, else their first one."""
        return list(chosen) if chosen else self.emails[:1]

    def roles_besides(self, application_ids: list[int]) -> list[str]:
        taken = {self.applications[i].job_id for i in application_ids if i in self.applications}
        return [title for job_id, title in self.fitting_roles if job_id not in taken]


def _applications(store: Store, person_id: int) -> dict[int, Application]:
    rows = store.conn.execute(
        "SELECT a.id, a.job_id, j.title, a.status FROM applications a "
        "JOIN jobs j ON j.id = a.job_id WHERE a.person_id = ? ORDER BY a.id",
        (person_id,),
    )
    return {app_id: Application(app_id, job, title, status) for app_id, job, title, status in rows}


def strengths_for(store: Store, person_id: int, job_id: int) -> list[str]:
    """The job's criteria this person matched, as the ranking explains them."""
    score = Ranker(store, resolve_job(store, job_id), scope="all").score(person_id)
    return [p.criterion for p in score.parts if p.kind == "criterion" and p.points > 0]


def other_fitting_roles(
    store: Store,
    person_id: int,
    exclude_jobs: list[int] = (),
    minimum: float = 50.0,  # type: ignore[assignment]
) -> list[tuple[int, str]]:
    """Open jobs (besides these) where the matching core thinks this person fits well."""
    out = []
    for (job_id,) in store.conn.execute(
        "SELECT id FROM jobs WHERE status = ? ORDER BY id", (JobStatus.OPEN,)
    ).fetchall():
        if job_id in exclude_jobs:
            continue
        job = resolve_job(store, job_id)
        if not job.spec.get("criteria"):
            continue
        score = Ranker(store, job, scope="all").score(person_id)
        if score.total >= minimum and not score.missing_must_haves:
            out.append((job_id, job.title))
    return out


def prepare(
    store: Store, person_id: int, application_ids: list[int], author: str, *, roles: bool = True
) -> GateContext:
    """What the gate knows about a person before a note is written, for these applications.

    ``roles=False`` skips the other open roles that fit them (only a draft needs them,
    and scoring every open job is the slow part).
    """
    person = load_person(store, person_id)
    if person is None:
        raise GateRefused([f"no person with id {person_id}"])
    context = person_context(store, person_id)
    applications = _applications(store, person_id)
    first = applications.get(application_ids[0]) if application_ids else None
    strengths = strengths_for(store, person_id, first.job_id) if first else []
    touches = [
        text
        for (text,) in store.conn.execute(
            "SELECT text FROM relationship_notes WHERE person_id = ? ORDER BY id DESC LIMIT 3",
            (person_id,),
        )
    ]
    return GateContext(
        person=context,
        name=person.name,
        emails=person.emails,
        phones=person.phones,
        preference=contact_preference(store, person_id),
        applications=applications,
        earlier=own_earlier_notes(store, author, person_id),
        strengths=strengths,
        suggestion=suggestion_for(context, strengths),
        fitting_roles=other_fitting_roles(store, person_id) if roles else [],
        touches=touches,
    )


# --- the message ------------------------------------------------------------------------


def draft(
    ctx: GateContext,
    application_ids: list[int],
    brings: str,
    tone: str,
    settings: Settings,
    feedback: str = "",
) -> Draft:
    """The message a reviewer starts from: template, their note, and other roles that fit.

    The note is about them ("Owen has owned…"); the message speaks to them, so their strengths
    are drafted in the second person ("You have owned…", :func:`review.wording.to_second_person`)
    for the reviewer to edit."""
    try:
        return draft_message(
            tone,
            first=ctx.person.first_name,
            job_titles=ctx.job_titles(application_ids),
            strength=to_second_person(brings, ctx.person.first_name, ctx.name or ""),
            reviewer=settings.get("reviewer.name") or settings.get("sender.name"),
            signature=settings.get("reviewer.signature"),
            feedback=feedback,
            other_roles=ctx.roles_besides(application_ids),
        )
    except UnknownTemplate as exc:
        raise GateRefused([str(exc)]) from None


def draft_for(
    store: Store,
    person_id: int,
    application_ids: list[int],
    brings: str,
    tone: str,
    settings: Settings,
    feedback: str = "",
) -> Draft:
    """:func:`draft` for one call (the command line): prepares the context first."""
    ctx = prepare(store, person_id, application_ids, settings.reviewer())
    return draft(ctx, application_ids, brings, tone, settings, feedback)


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


def checks(ctx: GateContext, d: Disposition, settings: Settings) -> tuple[list[Check], list[Lint]]:
    """Every check of the note and lint of the message, without changing anything."""
    note = check_note(d.brings, d.why_not, ctx.person, ctx.earlier, ctx.suggestion or None)
    lints = lint_message(
        d.subject,
        d.body,
        first=ctx.person.first_name,
        why_not=[d.why_not],
        sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to"),
        full_name=ctx.name or "",
    )
    return note, lints


def _refusals(ctx: GateContext, d: Disposition, settings: Settings) -> list[str]:
    note, lints = checks(ctx, d, settings)
    reasons = [c.message for c in note if not c.ok] + [item.message for item in blocking(lints)]
    conflicts = ctx.conflicts(d.application_ids)
    if conflicts and not d.confirm_offer_conflict:
        reasons.append(
            "they hold an offer or were hired for "
            + ", ".join(conflicts)
            + ": confirm explicitly before sending them a rejection"
        )
    recipients = ctx.recipients(d.recipients)
    theirs = {e.lower() for e in ctx.emails}
    strangers = [r for r in recipients if r.lower() not in theirs]
    if strangers:
        reasons.append(
            f"{', '.join(strangers)} is not one of their addresses: messages go only to them"
        )
    if ctx.channel == "email" and not recipients:
        reasons.append(
            "there is no email address for them: add one, or record that they prefer a phone call"
        )
    if ctx.channel == "phone" and not ctx.phones:
        reasons.append("they prefer a phone call, but there is no phone number for them")
    return reasons


def _claim(conn, d: Disposition) -> list[tuple[int, int, str]]:
    """(application, job, status) of each application let go from, checked under the lock."""
    rows = []
    for app_id in d.application_ids:
        row = conn.execute(
            "SELECT person_id, job_id, status FROM applications WHERE id = ?", (app_id,)
        ).fetchone()
        if row is None or row[0] != d.person_id:
            raise GateRefused([f"application {app_id} is not this person's"])
        if row[2] not in MAY_LET_GO:
            raise GateRefused([f"application {app_id} is already {row[2].replace('_', ' ')}"])
        rows.append((app_id, row[1], row[2]))
    return rows


def _honour_no_contact(conn, d: Disposition, rows, message_row: int, author: str, stamp: str):
    """They asked not to be contacted: the message is kept on record, not sent, and they go."""
    for app_id, job_id, _ in rows:
        conn.execute(
            "UPDATE applications SET status = ?, updated_at = ? WHERE id = ?",
            (LET_GO, stamp, app_id),
        )
        audit.record(
            conn,
            author,
            LET_GO,
            person_id=d.person_id,
            job_id=job_id,
            application_id=app_id,
            before=LETTING_GO,
            after=LET_GO,
            message=message_row,
            honoured="they asked not to be contacted: the message is kept on record, not sent",
        )


def _note(
    conn,
    app_id: int,
    person_id: int,
    job_id: int,
    kind: str,
    brings: str,
    why_not: str,
    author: str,
    stamp: str,
    message_row: int,
) -> None:
    """The person-first note, linked to the message that carries the decision.

    Stored with its word counts, by the one definition of a word the checks used
    (:func:`words`): the database's triggers check those columns, so a note the
    gate accepted is never refused at delivery.
    """
    brings, why_not = " ".join(brings.split()), " ".join(why_not.split())
    conn.execute(
        "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, why_not, "
        "brings_words, why_not_words, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            app_id,
            person_id,
            job_id,
            kind,
            brings,
            why_not,
            len(words(brings)),
            len(words(why_not)),
            author,
            stamp,
        ),
    )
    conn.execute(
        "INSERT INTO message_applications (message_id, application_id) VALUES (?, ?)",
        (message_row, app_id),
    )


def let_go(store: Store, d: Disposition, author: str, settings: Settings) -> int:
    """Write the notes, queue the message and move the applications to ``letting_go``, atomically.

    Returns the message's row id; :func:`review.outbox.deliver` delivers it.
    Raises :class:`GateRefused` with every reason when a check fails.
    """
    if not d.application_ids:
        raise GateRefused(["choose the application(s) to let go from"])
    ctx = prepare(store, d.person_id, d.application_ids, author, roles=False)
    reasons = _refusals(ctx, d, settings)
    if reasons:
        raise GateRefused(reasons)
    stamp = now_iso()
    channel = ctx.channel
    to = ctx.recipients(d.recipients) if channel == "email" else ctx.phones[:1]
    with store.transaction() as conn:
        rows = _claim(conn, d)
        message_row = outbox.queue(
            conn, d.person_id, LET_GO, channel, to, d.subject, d.body, settings, author, stamp
        )
        for app_id, job_id, status in rows:
            _note(
                conn,
                app_id,
                d.person_id,
                job_id,
                LET_GO,
                d.brings,
                d.why_not,
                author,
                stamp,
                message_row,
            )
            conn.execute(
                "UPDATE applications SET previous_status = status, status = ?, updated_at = ? "
                "WHERE id = ?",
                (LETTING_GO, stamp, app_id),
            )
            audit.record(
                conn,
                author,
                LETTING_GO,
                person_id=d.person_id,
                job_id=job_id,
                application_id=app_id,
                before=status,
                after=LETTING_GO,
                message=message_row,
            )
        if channel == "none":
            _honour_no_contact(conn, d, rows, message_row, author, stamp)
    return message_row


def restore(store: Store, application_id: int, author: str) -> str:
    """Bring someone who was let go (or withdrew) back onto the list, audited.

    Returns the status they are back in."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, job_id, status, previous_status FROM applications WHERE id = ?",
            (application_id,),
        ).fetchone()
        if row is None:
            raise GateRefused([f"no application {application_id}"])
        person_id, job_id, status, previous = row
        if status not in GONE:
            raise GateRefused([f"they are not let go (status: {status.replace('_', ' ')})"])
        target = previous if previous in ON_THE_LIST else NEW
        # The old note and message belong to the old decision: a new one needs new ones.
        conn.execute(
            "UPDATE disposition_notes SET superseded = 1 WHERE application_id = ?",
            (application_id,),
        )
        conn.execute(
            "UPDATE message_applications SET superseded = 1 WHERE application_id = ?",
            (application_id,),
        )
        conn.execute(
            "UPDATE applications SET status = ?, previous_status = ?, updated_at = ? WHERE id = ?",
            (target, status, now_iso(), application_id),
        )
        audit.record(
            conn,
            author,
            "restore",
            person_id=person_id,
            job_id=job_id,
            application_id=application_id,
            before=status,
            after=target,
        )
    return target


def close_job(store: Store, job_id: int, author: str) -> None:
    """Close a job: only when everyone on it was let go (through the gate), hired, or withdrew."""
    marks = ",".join("?" * len(SETTLED))
    remaining = store.query(
        "SELECT a.id, p.name, a.status FROM applications a JOIN people p ON p.id = a.person_id "
        f"WHERE a.job_id = ? AND a.status NOT IN ({marks})",
        (job_id, *SETTLED),
    )
    if remaining:
        names = ", ".join((r["name"] or f"#{r['id']}") for r in remaining[:5])
        more = f" and {len(remaining) - 5} more" if len(remaining) > 5 else ""
        raise GateRefused(
            [
                f"{len(remaining)} people are still on this job ({names}{more}): each goes "
                "through the let-go queue, or is hired or withdrawn, before the job closes"
            ]
        )
    with store.transaction() as conn:
        conn.execute(
            "UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?",
            (JobStatus.CLOSED, now_iso(), job_id),
        )
        audit.record(conn, author, "job_closed", job_id=job_id)


# --- they withdrew -------------------------------------------------------------------------


def withdraw(
    store: Store,
    person_id: int,
    application_id: int,
    note: str,
    subject: str,
    body: str,
    author: str,
    settings: Settings,
) -> int:
    """The person withdrew: a short note, an acknowledgment queued by their channel,
    status ``withdrawn``.

    Returns the message row; :func:`review.outbox.deliver` delivers it (the
    status does not wait for delivery: they told us, we are not telling them).
    """
    ctx = prepare(store, person_id, [application_id], author, roles=False)
    reasons = []
    if len(words(note)) < MIN_WITHDRAWN_NOTE_WORDS:
        reasons.append(
            f"a short note, please: why they withdrew, in at least {MIN_WITHDRAWN_NOTE_WORDS} words"
        )
    lints = lint_message(
        subject,
        body,
        first=ctx.person.first_name,
        why_not=[],
        sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to"),
        full_name=ctx.name or "",
    )
    reasons += [item.message for item in blocking(lints)]
    if ctx.channel == "email" and not ctx.emails:
        reasons.append("there is no email address for them")
    if reasons:
        raise GateRefused(reasons)
    stamp = now_iso()
    to = ctx.emails[:1] if ctx.channel == "email" else ctx.phones[:1]
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT person_id, job_id, status FROM applications WHERE id = ?", (application_id,)
        ).fetchone()
        if row is None or row[0] != person_id:
            raise GateRefused([f"application {application_id} is not this person's"])
        if row[2] not in ON_THE_LIST:
            raise GateRefused([f"they are {row[2].replace('_', ' ')}, not on the list"])
        message_row = outbox.queue(
            conn, person_id, WITHDRAWN, ctx.channel, to, subject, body, settings, author, stamp
        )
        _note(
            conn,
            application_id,
            person_id,
            row[1],
            WITHDRAWN,
            "",
            note,
            author,
            stamp,
            message_row,
        )
        conn.execute(
            "UPDATE applications SET previous_status = status, status = ?, updated_at = ? "
            "WHERE id = ?",
            (WITHDRAWN, stamp, application_id),
        )
        audit.record(
            conn,
            author,
            WITHDRAWN,
            person_id=person_id,
            job_id=row[1],
            application_id=application_id,
            before=row[2],
            after=WITHDRAWN,
            message=message_row,
        )
        return message_row


def draft_withdrawn(store: Store, person_id: int, application_id: int, settings: Settings) -> Draft:
    ctx = prepare(store, person_id, [application_id], settings.reviewer(), roles=False)
    skills = ", ".join(ctx.person.skills[:3]) or "your experience"
    return draft_message(
        WITHDRAWN,
        first=ctx.person.first_name,
        job_titles=ctx.job_titles([application_id]),
        strength=f"I especially noted your work with {skills}.",
        reviewer=settings.get("reviewer.name"),
        signature=settings.get("reviewer.signature"),
    )
