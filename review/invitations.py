"""Interview invitations: a message with a calendar event, through the outbox like every message.

An invitation carries an ``.ics`` file (RFC 5545, written with ``icalendar``): a
``METHOD:REQUEST`` event with its organiser (the reply address, a person), the
person as attendee, the time in its time zone (with a ``VTIMEZONE``), and the place
or the video link. Rescheduling sends the same event (same ``UID``) with a higher
``SEQUENCE``; cancelling sends ``METHOD:CANCEL``. Calendar programs apply each one to
the event they already hold.

An invitation is a message, never a status change: moving someone to *interviewing*
is the recruiter's act (the window offers an invitation after it), and nothing here
moves anyone on a list.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from review import audit, outbox
from review.db import Store, now_iso
from review.messages import blocking, lint_message, sign_off
from review.people import load_person
from review.relationship import contact_preference
from review.settings import Settings
from review.status import LABELS, ON_THE_LIST
from review.wording import first_name_of

ICS_NAME = "invite.ics"
MIN_MINUTES, MAX_MINUTES = 5, 8 * 60
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_LINK = re.compile(r"https?://\S+", re.IGNORECASE)


class InvitationRefused(Exception):
    """An invitation that cannot be sent, with every reason; nothing was changed."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Meeting:
    """When and where: a wall-clock time in a time zone, how long, and the place or link."""

    starts: datetime  # naive: wall-clock time in ``timezone``
    minutes: int
    timezone: str
    place: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def start(self) -> datetime:
        return self.starts.replace(tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def link(self) -> str | None:
        found = _LINK.search(self.place)
        return found.group(0) if found else None

    def when_text(self) -> str:
        """ "Thursday 3 December 2026, 14:00–14:45 (Europe/Berlin)"."""
        start, end = self.start, self.end
        day = f"{_DAYS[start.weekday()]} {start.day} {_MONTHS[start.month - 1]} {start.year}"
        return f"{day}, {start:%H:%M}–{end:%H:%M} ({self.timezone})"

    def problems(self, now: datetime | None = None) -> list[str]:
        out = []
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            out.append(f"an interview lasts {MIN_MINUTES} to {MAX_MINUTES} minutes")
        if not self.place.strip():
            out.append("say where: a room and address, or a video link")
        if self.start <= (now or datetime.now(UTC)):
            out.append(f"{self.when_text()} has already passed")
        return out


def local_timezone() -> str:
    """This computer's time zone name (IANA), else UTC."""
    import os

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name in ("Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "GMT", "Universal"):
            return "UTC"
        if (name and "/" in name) or name == "UTC":
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return "UTC"


def timezone_from(settings: Settings, given: str | None = None) -> str:
    name = (given or settings.get("interview.timezone") or "").strip() or local_timezone()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvitationRefused(
            [f"{name!r} is not a time zone name (like Europe/Berlin)"]
        ) from None
    return name


# --- the calendar file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    uid: str
    sequence: int
    meeting: Meeting
    summary: str
    description: str
    organizer: tuple[str, str]  # (name, email)
    attendee: tuple[str, str]


def calendar_file(event: Event, method: str = "REQUEST", stamp: datetime | None = None) -> bytes:
    """The ``.ics`` bytes of one event: REQUEST (invite, reschedule) or CANCEL."""
    from icalendar import Calendar, vCalAddress, vText
    from icalendar import Event as CalendarEvent

    cal = Calendar()
    cal.add("prodid", "-//Shortlist//Interview invitations//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    item = CalendarEvent()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("dtstamp", stamp or datetime.now(UTC))
    item.add("dtstart", event.meeting.start)
    item.add("dtend", event.meeting.end)
    item.add("summary", event.summary)
    item.add("description", event.description)
    item.add("location", event.meeting.place)
    if event.meeting.link:
        item.add("url", event.meeting.link)
    organizer = vCalAddress(f"mailto:{event.organizer[1]}")
    organizer.params["cn"] = vText(event.organizer[0])
    item.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{event.attendee[1]}")
    attendee.params.update(
        {
            "cn": vText(event.attendee[0]),
            "role": "REQ-PARTICIPANT",
            "partstat": "NEEDS-ACTION",
            "rsvp": "TRUE",
        }
    )
    item.add("attendee", attendee)
    item.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    item.add("transp", "OPAQUE")
    cal.add_component(item)
    # The time zone's rules around the event (not the library's default 1970-2038).
    year = event.meeting.start.year
    cal.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return cal.to_ical()


# --- drafts ---------------------------------------------------------------------------------


@dataclass
class Draft:
    subject: str
    body: str


@dataclass
class Interview:
    id: int
    uid: str
    application_id: int
    person_id: int
    job_id: int
    meeting: Meeting
    sequence: int
    state: str
    message_id: int | None


def _interview(row: dict) -> Interview:
    meeting = Meeting(
        datetime.fromisoformat(row["starts_at"]), row["minutes"], row["timezone"], row["place"]
    )
    return Interview(
        row["id"],
        row["uid"],
        row["application_id"],
        row["person_id"],
        row["job_id"],
        meeting,
        row["sequence"],
        row["state"],
        row["message_id"],
    )


def current(store: Store, application_id: int) -> Interview | None:
    """The interview scheduled for an application (the newest one not cancelled)."""
    row = store.one(
        "SELECT * FROM interviews WHERE application_id = ? AND state = 'scheduled' "
        "ORDER BY id DESC LIMIT 1",
        (application_id,),
    )
    return _interview(row) if row else None


def _facts(store: Store, application_id: int) -> tuple[str, str]:
    row = store.one(
        "SELECT p.name, p.given_name, j.title FROM applications a "
        "JOIN people p ON p.id = a.person_id JOIN jobs j ON j.id = a.job_id WHERE a.id = ?",
        (application_id,),
    )
    if row is None:
        raise InvitationRefused([f"no application {application_id}"])
    return first_name_of(row["name"], row["given_name"]) or "there", row["title"]


def draft(
    store: Store,
    application_id: int,
    meeting: Meeting,
    settings: Settings,
    *,
    kind: str = "invite",
    before: Meeting | None = None,
) -> Draft:
    """The message a recruiter starts from: ``invite``, ``reschedule`` or ``cancel``."""
    first, title = _facts(store, application_id)
    where = f"Where: {meeting.place}"
    if kind == "cancel":
        subject = f"Cancelled: interview for {title}, {meeting.when_text()}"
        lines = [
            f"Hi {first},",
            f"I am sorry: I have to cancel our interview for {title} on {meeting.when_text()}. "
            "The attached calendar update takes it out of your calendar.",
            "I will be in touch about what happens next, and you can reply to this message "
            "at any time: it reaches me.",
        ]
    elif kind == "reschedule":
        was = f" (instead of {before.when_text()})" if before else ""
        subject = f"New time: interview for {title}, {meeting.when_text()}"
        lines = [
            f"Hi {first},",
            f"Our interview for {title} has a new time{was}:",
            f"When: {meeting.when_text()}\n{where}",
            "The attached calendar update moves it in your calendar. If the new time does not "
            "work for you, simply reply and we will find another.",
        ]
    else:
        subject = f"Interview for {title}: {meeting.when_text()}"
        lines = [
            f"Hi {first},",
            f"Thank you for your time so far. I would like to invite you to an interview for "
            f"{title}.",
            f"When: {meeting.when_text()}\n{where}",
            f"The invitation is attached ({ICS_NAME}): opening it adds the interview to your "
            "calendar. If the time does not work for you, simply reply and we will find another.",
        ]
    return Draft(subject, "\n\n".join([*lines, sign_off(settings)]) + "\n")


# --- sending ----------------------------------------------------------------------------------


def _target(store: Store, application_id: int) -> tuple[int, int, str]:
    row = store.one(
        "SELECT person_id, job_id, status FROM applications WHERE id = ?", (application_id,)
    )
    if row is None:
        raise InvitationRefused([f"no application {application_id}"])
    return row["person_id"], row["job_id"], row["status"]


def _checks(store: Store, person_id: int, d: Draft, settings: Settings) -> tuple[list[str], dict]:
    person = load_person(store, person_id)
    preference = contact_preference(store, person_id)
    reasons = []
    if preference["channel"] == "none":
        reasons.append("they asked not to be contacted: talk to them only if they get in touch")
    elif preference["channel"] == "email" and not person.emails:
        reasons.append("there is no email address for them: add one, or call them")
    lints = lint_message(
        d.subject,
        d.body,
        first=person.first_name,
        why_not=[],
        sender_email=settings.get("sender.email"),
        reply_to=settings.get("reply_to"),
    )
    reasons += [item.message for item in blocking(lints)]
    return reasons, {"person": person, "preference": preference}


def _queue(
    conn, found: dict, job_id: int, d: Draft, event: Event, method: str, settings, author: str
) -> int:
    """The message and its calendar file, born by the person's channel (see outbox.queue)."""
    person, channel = found["person"], found["preference"]["channel"]
    recipients = person.emails[:1] if channel == "email" else person.phones[:1]
    ics = calendar_file(event, method)
    kind = "invitation_cancel" if method == "CANCEL" else "invitation"
    return outbox.queue(
        conn,
        person.id,
        kind,
        channel,
        recipients,
        d.subject,
        d.body,
        settings,
        author,
        now_iso(),
        job_id=job_id,
        attachments=[outbox.Attachment(ICS_NAME, f"text/calendar; method={method}", ics)],
    )


def _event(store: Store, uid: str, sequence: int, meeting: Meeting, job_id: int, person, settings):
    title = store.scalar("SELECT title FROM jobs WHERE id = ?", (job_id,))
    organizer = (
        settings.get("reviewer.name") or settings.get("sender.name") or "Recruiter",
        settings.get("reply_to") or settings.get("sender.email"),
    )
    attendee = (person.name or person.emails[0], person.emails[0] if person.emails else "")
    return Event(
        uid,
        sequence,
        meeting,
        f"Interview: {title}",
        f"Interview for {title} with {organizer[0]}. Reply to the invitation email to change it.",
        organizer,
        attendee,
    )


def invite(
    store: Store, application_id: int, meeting: Meeting, d: Draft, settings: Settings, author: str
) -> tuple[int, int]:
    """Queue an invitation (the message and its event); returns (interview, message row).
    :func:`review.outbox.deliver` sends it."""
    person_id, job_id, status = _target(store, application_id)
    reasons = meeting.problems()
    if status not in ON_THE_LIST:
        reasons.append(f"they are {LABELS.get(status, status).lower()}: not on this job's list")
    more, found = _checks(store, person_id, d, settings)
    reasons += more
    if current(store, application_id) is not None:
        reasons.append("an interview is already scheduled: reschedule or cancel it")
    if reasons:
        raise InvitationRefused(reasons)
    uid = f"{uuid.uuid4()}@shortlist"
    event = _event(store, uid, 0, meeting, job_id, found["person"], settings)
    stamp = now_iso()
    with store.transaction() as conn:
        message = _queue(
            conn,
            found,
            job_id,
            d,
            event,
            "REQUEST",
            settings,
            author,
        )
        cur = conn.execute(
            "INSERT INTO interviews (uid, application_id, person_id, job_id, starts_at, minutes, "
            "timezone, place, sequence, state, message_id, created_by, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'scheduled', ?, ?, ?, ?)",
            (
                uid,
                application_id,
                person_id,
                job_id,
                meeting.starts.isoformat(timespec="minutes"),
                meeting.minutes,
                meeting.timezone,
                meeting.place,
                message,
                author,
                stamp,
                stamp,
            ),
        )
        interview = cur.lastrowid or 0
        audit.record(
            conn,
            author,
            "interview_invited",
            person_id=person_id,
            job_id=job_id,
            application_id=application_id,
            interview=interview,
            message=message,
            when=meeting.when_text(),
            place=meeting.place,
        )
    return interview, message


def _change(store, interview_id: int, meeting: Meeting, d: Draft, settings, author, method: str):
    row = store.one("SELECT * FROM interviews WHERE id = ?", (interview_id,))
    if row is None or row["state"] != "scheduled":
        raise InvitationRefused([f"no scheduled interview {interview_id}"])
    reasons = meeting.problems() if method == "REQUEST" else []
    more, found = _checks(store, row["person_id"], d, settings)
    reasons += more
    if reasons:
        raise InvitationRefused(reasons)
    sequence = row["sequence"] + 1
    event = _event(store, row["uid"], sequence, meeting, row["job_id"], found["person"], settings)
    with store.transaction() as conn:
        message = _queue(
            conn,
            found,
            row["job_id"],
            d,
            event,
            method,
            settings,
            author,
        )
        conn.execute(
            "UPDATE interviews SET starts_at = ?, minutes = ?, timezone = ?, place = ?, "
            "sequence = ?, state = ?, message_id = ?, updated_at = ? WHERE id = ?",
            (
                meeting.starts.isoformat(timespec="minutes"),
                meeting.minutes,
                meeting.timezone,
                meeting.place,
                sequence,
                "cancelled" if method == "CANCEL" else "scheduled",
                message,
                now_iso(),
                interview_id,
            ),
        )
        action = "interview_cancelled" if method == "CANCEL" else "interview_rescheduled"
        audit.record(
            conn,
            author,
            action,
            person_id=row["person_id"],
            job_id=row["job_id"],
            application_id=row["application_id"],
            interview=interview_id,
            message=message,
            when=meeting.when_text(),
            place=meeting.place,
        )
    return message


def reschedule(store, interview_id: int, meeting: Meeting, d: Draft, settings, author) -> int:
    """A new time or place for the same event (SEQUENCE + 1); returns the message row."""
    return _change(store, interview_id, meeting, d, settings, author, "REQUEST")


def cancel(store, interview_id: int, d: Draft, settings, author) -> int:
    """The event cancelled (METHOD:CANCEL, SEQUENCE + 1); returns the message row."""
    row = store.one("SELECT * FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise InvitationRefused([f"no interview {interview_id}"])
    return _change(store, interview_id, _interview(row).meeting, d, settings, author, "CANCEL")


def parse_when(text: str) -> datetime:
    """ "2026-12-03 14:00" or "2026-12-03T14:00" as a naive wall-clock time."""
    try:
        return datetime.fromisoformat(text.strip().replace(" ", "T", 1)).replace(tzinfo=None)
    except ValueError:
        raise InvitationRefused([f"{text!r} is not a time like 2026-12-03 14:00"]) from None


def parse_minutes(text: str) -> int:
    """ "45", "45m", "1h", "1h30", "90min" as minutes."""
    found = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*(?:m|min|mins|minutes)?)?\s*", text or "")
    if not found or not (found.group(1) or found.group(2)):
        raise InvitationRefused([f"{text!r} is not a duration like 45, 45m or 1h30"])
    return int(found.group(1) or 0) * 60 + int(found.group(2) or 0)
