"""Interview invitations over a real SMTP server, their calendar files read back with
icalendar: the invitation, a new time (same UID, SEQUENCE + 1) and the cancel."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from app.cli import main
from review import invitations as I
from review import workflow
from review.relationship import set_preferences
from tests.smtp_server import smtp_server
from tests.worlds import AUTHOR, build_template, open_world


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("invite-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


@pytest.fixture
def smtp(world):
    """The world's messages go to a real SMTP server on 127.0.0.1."""
    with smtp_server() as (handler, port):
        for key, value in {
            "transport": "smtp",
            "smtp.host": "127.0.0.1",
            "smtp.port": str(port),
            "smtp.security": "none",
        }.items():
            world.settings.set(key, value)
        yield handler


def invite(world, capsys, *args) -> tuple[int, str, str]:
    code = main(["invite", *args, "--db", str(world.store.path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def calendar_of(received) -> tuple[Calendar, str]:
    """The .ics of a received message, parsed back; and its part's Content-Type."""
    [part] = [p for p in received.message.iter_attachments() if p.get_filename() == "invite.ics"]
    return Calendar.from_ical(
        part.get_content().encode() if isinstance(part.get_content(), str) else part.get_content()
    ), part["Content-Type"]


def event_of(calendar: Calendar):
    [event] = [c for c in calendar.walk() if c.name == "VEVENT"]
    return event


def test_an_invitation_a_new_time_and_a_cancel_read_back(world, smtp, capsys):
    ana = world.apps[("ana", "backend")]
    workflow.set_status(world.store, ana, "interviewing", AUTHOR)
    code, out, err = invite(
        world,
        capsys,
        "Ana Lima",
        "--job",
        "Backend Engineer",
        "--at",
        "2030-03-05 14:00",
        "--duration",
        "45",
        "--where",
        "Video call: https://meet.example.com/ana-backend",
        "--tz",
        "Europe/Berlin",
    )
    assert code == 0, err
    assert "Sent: the invitation, Tuesday 5 March 2030, 14:00–14:45 (Europe/Berlin)" in out
    [received] = smtp.received
    sent = received.message
    assert sent["To"] == "ana.lima@example.org"
    assert (
        sent["Subject"]
        == "Interview for Backend Engineer: Tuesday 5 March 2030, 14:00–14:45 (Europe/Berlin)"
    )
    assert sent["List-Unsubscribe"].startswith("<mailto:robin@example.com?subject=Unsubscribe")
    body = sent.get_body(("plain",)).get_content()
    assert body.startswith("Hi Ana,") and "https://meet.example.com/ana-backend" in body
    calendar, ctype = calendar_of(received)
    assert "text/calendar" in ctype and "method=REQUEST" in ctype.replace('"', "")
    assert calendar["METHOD"] == "REQUEST"
    event = event_of(calendar)
    berlin = ZoneInfo("Europe/Berlin")
    assert event.decoded("DTSTART") == datetime(2030, 3, 5, 14, 0, tzinfo=berlin)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["ORGANIZER"]) == "mailto:robin@example.com"
    assert event["ORGANIZER"].params["CN"] == AUTHOR
    assert str(event["ATTENDEE"]) == "mailto:ana.lima@example.org"
    assert event["ATTENDEE"].params["CN"] == "Ana Lima"
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"
    assert str(event["LOCATION"]) == "Video call: https://meet.example.com/ana-backend"
    assert str(event["URL"]) == "https://meet.example.com/ana-backend"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    uid = str(event["UID"])
    assert world.status("ana") == "interviewing"  # a message, never a status change

    # A new time: the same event, SEQUENCE 1, the place kept.
    code, out, err = invite(
        world,
        capsys,
        "Ana Lima",
        "--job",
        "Backend Engineer",
        "--reschedule",
        "--at",
        "2030-03-06 10:30",
        "--duration",
        "1h",
    )
    assert code == 0, err
    calendar, _ = calendar_of(smtp.received[1])
    moved = event_of(calendar)
    assert calendar["METHOD"] == "REQUEST" and str(moved["UID"]) == uid
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == datetime(2030, 3, 6, 10, 30, tzinfo=berlin)
    assert moved.decoded("DTEND") == datetime(2030, 3, 6, 11, 30, tzinfo=berlin)
    assert str(moved["LOCATION"]) == "Video call: https://meet.example.com/ana-backend"
    assert (
        "instead of Tuesday 5 March 2030"
        in smtp.received[1].message.get_body(("plain",)).get_content()
    )

    # Cancelled: METHOD:CANCEL, SEQUENCE 2, the same UID.
    code, out, err = invite(world, capsys, "Ana Lima", "--job", "Backend Engineer", "--cancel")
    assert code == 0, err
    calendar, ctype = calendar_of(smtp.received[2])
    gone = event_of(calendar)
    assert calendar["METHOD"] == "CANCEL" and "method=CANCEL" in ctype.replace('"', "")
    assert str(gone["UID"]) == uid and gone["SEQUENCE"] == 2 and gone["STATUS"] == "CANCELLED"
    assert smtp.received[2].message["Subject"].startswith("Cancelled: interview for Backend")
    assert I.current(world.store, ana) is None
    assert world.status("ana") == "interviewing"
    history = [
        h["action"]
        for h in world.store.query(
            "SELECT action FROM audit_log WHERE application_id = ? ORDER BY id", (ana,)
        )
    ]
    assert history[-3:] == ["interview_invited", "interview_rescheduled", "interview_cancelled"]
    kinds = [
        r["kind"]
        for r in world.store.query(
            "SELECT kind FROM messages WHERE person_id = ? ORDER BY id", (world.people["ana"],)
        )
    ]
    assert kinds == ["invitation", "invitation", "invitation_cancel"]


def test_preview_sends_nothing_and_refusals_say_why(world, smtp, capsys):
    code, out, _ = invite(
        world,
        capsys,
        "Eli Okafor",
        "--job",
        "Backend Engineer",
        "--at",
        "2030-03-05 09:00",
        "--where",
        "Room 4, Hauptstraße 1, Berlin",
        "--tz",
        "Europe/Berlin",
        "--preview",
    )
    assert code == 0 and out.startswith("Subject: Interview for Backend Engineer")
    assert "Where: Room 4, Hauptstraße 1, Berlin" in out and not smtp.received
    code, _, err = invite(
        world,
        capsys,
        "Eli Okafor",
        "--job",
        "Backend Engineer",
        "--at",
        "2020-01-01 09:00",
        "--where",
        "Room 4",
    )
    assert code == 3 and "has already passed" in err
    set_preferences(world.store, world.people["cy"], AUTHOR, channel="none")
    code, _, err = invite(
        world,
        capsys,
        "Cy Moreau",
        "--job",
        "Backend Engineer",
        "--at",
        "2030-03-05 09:00",
        "--where",
        "Room 4",
    )
    assert code == 3 and "they asked not to be contacted" in err
    code, _, err = invite(world, capsys, "Bo Berg", "--job", "Backend Engineer", "--cancel")
    assert code == 1 and "no interview is scheduled" in err
    code, _, err = invite(
        world,
        capsys,
        "Bo Berg",
        "--job",
        "Backend Engineer",
        "--at",
        "2030-03-05 09:00",
        "--where",
        "Room 4",
        "--tz",
        "Mars/Olympus",
    )
    assert code == 3 and "not a time zone name" in err
    assert not smtp.received


@pytest.mark.parametrize(
    ("text", "minutes"), [("45", 45), ("45m", 45), ("1h", 60), ("1h30", 90), ("90 min", 90)]
)
def test_durations(text, minutes):
    assert I.parse_minutes(text) == minutes


def test_an_opt_out_before_delivery_stops_a_queued_invitation(world):
    """Their wish wins over our queue: an invitation written before they said stop is not sent."""
    from review import outbox

    app = world.apps[("eli", "backend")]
    meeting = I.Meeting(datetime(2030, 3, 5, 9, 0), 30, "UTC", "Room 2")
    _, message = I.invite(
        world.store,
        app,
        meeting,
        I.draft(world.store, app, meeting, world.settings),
        world.settings,
        AUTHOR,
    )
    set_preferences(world.store, world.people["eli"], AUTHOR, channel="none")
    result = outbox.deliver(world.store, message, outbox.OutboxFolder(world.outbox_dir), AUTHOR)
    # Kept on record, unsent, as the gate keeps a message to someone who asked: not a failure
    # for the recruiter to retry.
    assert result.state == "kept" and "at their request" in result.detail
    assert not list(world.outbox_dir.glob("*.eml"))
    assert world.store.scalar(
        "SELECT json_extract(detail, '$.reason') FROM audit_log WHERE action = 'message_kept'"
    ) == ("they asked us not to contact them")


def test_a_move_to_interviewing_on_the_command_line_points_to_the_invitation(world, capsys):
    code = main(
        [
            "status",
            "Ana Lima",
            "--job",
            "Backend Engineer",
            "interviewing",
            "--db",
            str(world.store.path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "To review → Interviewing" in out
    assert f"shortlist invite 'Ana Lima' --job {world.jobs['backend']} --at" in out
    assert not world.store.scalar("SELECT count(*) FROM messages")  # offered, not sent


def test_someone_whose_name_is_printed_surname_first_is_greeted_by_their_given_name(
    world, capsys, tmp_path
):
    # Imported through the command line as a recruiter would; the name stays as printed.
    resume = tmp_path / "nowak.txt"
    resume.write_text(
        "Nazwisko i imię: NOWAK Anna\nanna.nowak@example.pl\n+48 601 234 567\n\n"
        "Doświadczenie zawodowe\n2019 – 2024 Backend developer, Kafka and Python at Allegro\n",
        encoding="utf-8",
    )
    db = str(world.store.path)
    assert main(["import", str(resume), "--job", "Backend Engineer", "--db", db]) == 0
    capsys.readouterr()
    when = ("--job", "Backend Engineer", "--at", "2030-03-05 09:00", "--where", "Room 4")
    code, out, err = invite(world, capsys, "Nowak Anna", *when, "--preview")
    assert code == 0, err
    assert "\nHi Anna," in out and "Hi Nowak" not in out
    # A recruiter who corrects the name keeps the greeting right; one who renames them
    # entirely is greeted by the new name's first word.
    assert main(["person", "set", "Nowak Anna", "name", "Ania Nowak", "--db", db]) == 0
    capsys.readouterr()
    code, out, err = invite(world, capsys, "Ania Nowak", *when, "--preview")
    assert code == 0, err
    assert "\nHi Ania," in out
