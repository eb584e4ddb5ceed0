"""Replies come back: a disposition sent over a real SMTP server (aiosmtpd on 127.0.0.1), the
person's answer built with the standard library and read from a file, an mbox and a Maildir
through ``shortlist replies`` — tied, stored, shown in History, and their wishes kept."""

from __future__ import annotations

import json
import mailbox
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from app.cli import main
from review import gate, outbox
from review import people as P
from review import replies as R
from review.outbox import SMTPTransport
from review.relationship import contact_preference, due_followups, set_preferences
from tests.smtp_server import Script, free_port, smtp_server
from tests.worlds import AUTHOR, BRINGS, build_template, open_world


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("replies-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


def let_go(world, name: str, transport, expect: str = "delivered") -> dict:
    """Through the real gate with the warm template's draft, given to ``transport`` (None: left
    queued, the outbox not flushed yet); the stored message row, in the state expected."""
    app = world.apps[(name, "backend")]
    draft = gate.draft_for(
        world.store, world.people[name], [app], BRINGS[name], "warm", world.settings
    )
    disposition = world.disposition(name, subject=draft.subject, body=draft.body)
    message = gate.let_go(world.store, disposition, AUTHOR, world.settings)
    if transport is not None:
        result = outbox.deliver(world.store, message, transport, AUTHOR)
        assert result.state == expect, result.detail
    return world.message(message)


def smtp_at(port: int, timeout: float = 5) -> SMTPTransport:
    return SMTPTransport("127.0.0.1", port, security="none", timeout=timeout)


def answer(
    to: dict | None,
    sender: str,
    body: str,
    *,
    subject: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    message_id: str | None = None,
    html: str | None = None,
    headers: dict | None = None,
) -> EmailMessage:
    """A reply as a mail program writes it (standard library), answering ``to`` (a message row)."""
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = "robin@example.com"
    reply["Subject"] = subject if subject is not None else f"Re: {(to or {}).get('subject', 'Hi')}"
    reply["Date"] = format_datetime(datetime(2026, 11, 3, 9, 30, tzinfo=UTC))
    reply["Message-ID"] = message_id or make_msgid(domain="mail.example.org")
    if to is not None and in_reply_to is None:
        in_reply_to = to["message_id"]
    if in_reply_to:
        reply["In-Reply-To"] = in_reply_to
        reply["References"] = references or in_reply_to
    elif references:
        reply["References"] = references
    for key, value in (headers or {}).items():
        reply[key] = value
    reply.set_content(body)
    if html is not None:
        reply.add_alternative(html, subtype="html")
    return reply


def save(folder: Path, name: str, message: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(message.as_bytes())
    return path


def run_cli(world, capsys, *args) -> tuple[int, str, str]:
    code = main(["replies", *map(str, args), "--db", str(world.store.path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


QUOTED = (
    "\n\nOn Mon, 2 Nov 2026 at 10:00, Robin Reviewer <robin@example.com> wrote:\n"
    "> Would you like to hear from us about future roles? Reply MONTHLY, QUARTERLY,\n"
    "> MATCHING (only roles that match you) or NEVER\n"
)


# --- end to end: SMTP out, a file back ------------------------------------------------------


def test_a_disposition_over_smtp_offers_short_answers_and_an_unsubscribe_link(world):
    with smtp_server() as (handler, port):
        row = let_go(world, "ana", SMTPTransport("127.0.0.1", port, security="none", timeout=5))
    [received] = handler.received
    sent = received.message
    assert sent["Message-ID"] == row["message_id"]
    assert sent["List-Unsubscribe"] == (
        "<mailto:robin@example.com?subject=Unsubscribe&body=Please%20do%20not%20contact%20me"
        "%20again.>"
    )
    text = sent.get_body(("plain",)).get_content()
    assert "Reply MONTHLY, QUARTERLY, MATCHING (only roles that match you) or NEVER" in text
    assert "in your own words" in text


def test_a_reply_to_that_message_is_tied_shown_and_its_wish_proposed(world, tmp_path, capsys):
    with smtp_server() as (handler, port):
        row = let_go(world, "ana", SMTPTransport("127.0.0.1", port, security="none", timeout=5))
    sent = handler.received[0].message
    ana = world.people["ana"]
    reply = answer(
        row,
        "Ana Lima <ana.lima@example.org>",
        "Thank you, Robin. Monthly is fine!" + QUOTED,
        subject=f"Re: {sent['Subject']}",
    )
    path = save(tmp_path / "in", "reply.eml", reply)

    code, out, err = run_cli(world, capsys, path, "--json")
    assert code == 0, err
    [record] = json_lines(out)
    assert list(record) == ["file", "message_id", "person", "matched_by", "proposed", "applied"]
    assert record == {
        "file": str(path),
        "message_id": reply["Message-ID"],
        "person": ana,
        "matched_by": "in_reply_to",
        "proposed": {"frequency": "monthly", "consent": True},
        "applied": [],
    }
    # Stored with her, shown in History on the application the message was about.
    [stored] = R.replies_of(world.store, ana)
    assert stored.job_title == "Backend Engineer"
    assert stored.application_id == world.apps[("ana", "backend")]
    assert "Monthly is fine" in stored.excerpt and "NEVER" not in stored.excerpt
    [entry] = [h for h in P.history(world.store, ana) if h["action"] == "reply_received"]
    assert entry["job"] == "Backend Engineer"
    assert "Monthly is fine" in json.loads(entry["detail"])["excerpt"]
    # Proposed, not applied: her preferences wait for the recruiter.
    assert contact_preference(world.store, ana)["frequency"] == "matching_roles"
    assert not contact_preference(world.store, ana)["consent"]
    code, out, _ = run_cli(world, capsys, "--pending")
    assert "hear monthly" in out and "Ana Lima" in out
    # One step: confirmed.
    code, out, _ = run_cli(world, capsys, "--confirm", stored.id)
    assert code == 0
    pref = contact_preference(world.store, ana)
    assert pref["frequency"] == "monthly" and pref["consent"] == 1
    assert pref["consent_source"] == "their reply of 2026-11-03"
    assert world.status("ana") == "let_go"  # a reply never moves anyone on a list


def test_the_same_message_is_never_read_twice(world, tmp_path, capsys):
    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    path = save(tmp_path / "in", "a.eml", answer(row, "ana.lima@example.org", "Quarterly please."))
    copy = save(
        tmp_path / "in2",
        "same-again.eml",
        BytesParser(policy=policy.default).parsebytes(path.read_bytes()),
    )
    code, out, _ = run_cli(world, capsys, path, "--json")
    assert len(json_lines(out)) == 1
    code, out, err = run_cli(world, capsys, path, copy, "--json")
    assert code == 0 and out == ""
    assert err.count("already read before") == 2
    assert world.store.scalar("SELECT count(*) FROM replies") == 1


def test_stop_is_honoured_at_once_and_audited(world, tmp_path, capsys):
    bo = world.people["bo"]
    set_preferences(world.store, bo, AUTHOR, frequency="monthly", consent=True)
    row = let_go(world, "bo", outbox.OutboxFolder(world.outbox_dir))
    assert [
        d.kind for d in due_followups(world.store, include_future=True) if d.person_id == bo
    ] == ["keep_in_touch"]
    # No In-Reply-To: from his second address, known to us; tied by the sender.
    path = save(
        tmp_path / "in",
        "stop.eml",
        answer(
            None,
            "bo.private@example.com",
            "Please don't contact me again.",
            subject="Re: Your application",
        ),
    )
    _, out, _ = run_cli(world, capsys, path, "--json")
    [record] = json_lines(out)
    assert record["person"] == bo and record["matched_by"] == "sender"
    assert record["applied"] == ["do_not_contact"] and record["proposed"] is None
    pref = contact_preference(world.store, bo)
    assert pref["channel"] == "none" and not pref["consent"]
    assert not [d for d in due_followups(world.store, include_future=True) if d.person_id == bo]
    actions = [h["action"] for h in P.history(world.store, bo)]
    assert "opt_out_honoured" in actions and "reply_received" in actions
    assert row["state"] == "delivered"


@pytest.mark.parametrize(
    "words",
    [
        "Bitte kontaktieren Sie mich nicht mehr.",
        "Merci, mais ne me contactez plus.",
        "Gracias. Por favor, no me contacten más.",
        "Obrigada, mas não me contatem mais.",
        "STOP",
        "NEVER",
        "Unsubscribe",
    ],
)
def test_opt_outs_in_five_languages_and_short_answers(world, tmp_path, capsys, words):
    row = let_go(world, "cy", outbox.OutboxFolder(world.outbox_dir))
    path = save(tmp_path / "in", "r.eml", answer(row, "cy.moreau@example.fr", words + QUOTED))
    _, out, _ = run_cli(world, capsys, path, "--json")
    assert json_lines(out)[0]["applied"] == ["do_not_contact"]
    assert contact_preference(world.store, world.people["cy"])["channel"] == "none"


def test_the_list_unsubscribe_link_is_recognised(world, tmp_path, capsys):
    """A mail program following List-Unsubscribe writes to the reply address with our subject."""
    let_go(world, "cy", outbox.OutboxFolder(world.outbox_dir))
    sent = BytesParser(policy=policy.default).parsebytes(
        next(world.outbox_dir.glob("*.eml")).read_bytes()
    )
    assert "subject=Unsubscribe" in sent["List-Unsubscribe"]
    path = save(
        tmp_path / "in",
        "u.eml",
        answer(
            None, "cy.moreau@example.fr", "Please do not contact me again.", subject="Unsubscribe"
        ),
    )
    _, out, _ = run_cli(world, capsys, path, "--json")
    [record] = json_lines(out)
    assert record["matched_by"] == "sender" and record["applied"] == ["do_not_contact"]


@pytest.mark.parametrize(
    ("words", "proposed"),
    [
        ("only roles in data engineering", {"consent": True, "topics": ["data engineering"]}),
        ("Thanks! Could you call me instead? Email gets lost.", {"channel": "phone"}),
        ("No more emails but keep me in mind.", {"frequency": "matching_roles"}),
        ("QUARTERLY", {"frequency": "quarterly"}),
    ],
)
def test_other_answers_are_proposed_never_applied(world, tmp_path, capsys, words, proposed):
    """Proposed as the change to what they have now (Eli hears monthly, and agreed to)."""
    eli = world.people["eli"]
    row = let_go(world, "eli", outbox.OutboxFolder(world.outbox_dir))
    if "topics" not in proposed:
        set_preferences(world.store, eli, AUTHOR, frequency="monthly", consent=True)
    before = contact_preference(world.store, eli)
    path = save(tmp_path / "in", "r.eml", answer(row, "eli.okafor@example.com", words + QUOTED))
    _, out, _ = run_cli(world, capsys, path, "--json")
    [record] = json_lines(out)
    assert record["proposed"] == proposed and record["applied"] == []
    assert contact_preference(world.store, eli) == before


def test_an_unknown_sender_waits_to_be_assigned(world, tmp_path, capsys):
    path = save(
        tmp_path / "in",
        "who.eml",
        answer(
            None,
            "someone@elsewhere.example",
            "Is the role still open? Monthly updates would be nice.",
        ),
    )
    code, out, _ = run_cli(world, capsys, path, "--json")
    [record] = json_lines(out)
    assert record["person"] is None and record["matched_by"] is None
    assert record["proposed"] == {"frequency": "monthly", "consent": True}
    _, out, _ = run_cli(world, capsys, "--pending")
    assert "Unmatched" in out and "someone@elsewhere.example" in out
    reply_id = R.waiting(world.store)["unmatched"][0].id
    code, out, _ = run_cli(world, capsys, "--assign", reply_id, "--person", "Dee Nakamura")
    assert code == 0 and "Dee Nakamura" in out
    [stored] = R.replies_of(world.store, world.people["dee"])
    assert stored.matched_by == "assigned" and stored.proposal_state == "proposed"
    assert not R.waiting(world.store)["unmatched"]


def test_a_forged_in_reply_to_is_tied_to_its_sender_and_flagged(world, tmp_path, capsys):
    ana_message = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    # Cy writes "stop", claiming to answer the message sent to Ana.
    path = save(tmp_path / "in", "forged.eml", answer(ana_message, "cy.moreau@example.fr", "STOP"))
    code, out, _ = run_cli(world, capsys, path)
    assert code == 0
    assert "claims to answer our message to Ana Lima" in out
    ana, cy = world.people["ana"], world.people["cy"]
    [stored] = R.replies_of(world.store, cy)
    assert stored.matched_by == "sender" and "Ana Lima" in stored.flag
    assert contact_preference(world.store, ana)["channel"] == "email"  # nothing changed for Ana
    assert not R.replies_of(world.store, ana)
    assert R.waiting(world.store)["flagged"][0].id == stored.id


def test_malformed_files_get_a_clear_outcome_and_the_rest_are_read(world, tmp_path, capsys):
    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    folder = tmp_path / "in"
    good = save(folder, "good.eml", answer(row, "ana.lima@example.org", "Monthly, please."))
    (folder / "notes.txt").write_text("Call Ana back on Monday.\n", encoding="utf-8")
    (folder / "garbage.eml").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.eml").write_bytes(b"")
    headless = EmailMessage()
    headless["Subject"] = "no sender, answers nothing"
    headless.set_content("hello")
    save(folder, "nobody.eml", headless)
    code, out, err = run_cli(world, capsys, folder, "--json")
    assert code == 1  # something could not be read: said, and everything else was
    assert [r["file"] for r in json_lines(out)] == [str(good)]
    assert f"{folder / 'notes.txt'}: not read: not an e-mail message" in err
    assert f"{folder / 'garbage.eml'}: not read: not an e-mail message" in err
    assert f"{folder / 'empty.eml'}: not read: not an e-mail message" in err
    assert "nothing to tie" in err
    code, _, err = run_cli(world, capsys, tmp_path / "missing.eml")
    assert code == 1 and "no such file or folder" in err


def test_html_replies_automatic_answers_and_bounces(world, tmp_path, capsys):
    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    folder = tmp_path / "in"
    html_only = EmailMessage()
    html_only["From"] = "ana.lima@example.org"
    html_only["In-Reply-To"] = row["message_id"]
    html_only["Message-ID"] = make_msgid()
    html_only["Subject"] = "Re: Your application"
    html_only.set_content(
        "<p>Quarterly would be lovely.</p><blockquote>Reply MONTHLY ... or NEVER</blockquote>",
        subtype="html",
    )
    save(folder, "1-html.eml", html_only)
    away = answer(
        row,
        "ana.lima@example.org",
        "I am out of office. Please stop by next week.",
        headers={"Auto-Submitted": "auto-replied"},
    )
    save(folder, "2-away.eml", away)
    _, out, _ = run_cli(world, capsys, folder, "--json")
    first, second = json_lines(out)
    assert first["proposed"] == {"frequency": "quarterly", "consent": True}
    assert second["person"] == world.people["ana"] and second["applied"] == []
    assert second["proposed"] is None
    flags = [r.flag for r in R.replies_of(world.store, world.people["ana"])]
    assert any(f and "automatic answer" in f for f in flags)


def test_an_mbox_of_50_mb_and_a_maildir(world, tmp_path, capsys):
    """A mailbox export with the replies among 50 MB of other mail: read one message at a
    time; list mail is skipped, said so, and never stored."""
    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    box_path = tmp_path / "export.mbox"
    box = mailbox.mbox(str(box_path))
    filler = ("x" * 76 + "\n") * 1400  # ~105 KB each
    for n in range(500):
        note = answer(
            None,
            f"digest{n}@lists.example",
            f"Issue {n}\n" + filler,
            subject=f"Weekly digest {n}",
            headers={"List-Id": "<jobs.lists.example>"},
        )
        box.add(note)
        if n == 250:
            box.add(answer(row, "ana.lima@example.org", "From now on, monthly is fine." + QUOTED))
        if n % 100 == 0:
            box.add(answer(None, f"friend{n}@elsewhere.example", "Are you hiring designers?"))
    box.flush()
    box.close()
    assert box_path.stat().st_size > 50 * 1024 * 1024
    code, out, err = run_cli(world, capsys, box_path, "--json")
    assert code == 0, err
    records = json_lines(out)
    assert len(records) == 6 and err.count("skipped: mailing-list mail, not a reply") == 500
    tied = [r for r in records if r["person"] is not None]
    assert [r["person"] for r in tied] == [world.people["ana"]]
    assert tied[0]["file"] == f"{box_path}#255"  # 251 digests and 4 friends came before
    assert tied[0]["proposed"] == {"frequency": "monthly", "consent": True}
    assert len(R.waiting(world.store)["unmatched"]) == 5
    # Read again: nothing new.
    code, out, err = run_cli(world, capsys, box_path, "--json")
    assert out == "" and err.count("already read") == 6

    maildir = mailbox.Maildir(str(tmp_path / "Maildir"))
    maildir.add(answer(row, "ana.lima@example.org", "Actually: please call me instead."))
    maildir.add(answer(None, "eli.okafor@example.com", "Unsubscribe me, please."))
    code, out, err = run_cli(world, capsys, tmp_path / "Maildir", "--json")
    records = json_lines(out)
    assert {r["person"] for r in records} == {world.people["ana"], world.people["eli"]}
    by_person = {r["person"]: r for r in records}
    assert by_person[world.people["ana"]]["proposed"] == {"channel": "phone"}
    assert by_person[world.people["eli"]]["applied"] == ["do_not_contact"]


def test_their_replies_go_with_their_data(world, tmp_path, capsys):
    """A person's export holds their replies; an erasure leaves none of them behind."""
    from review import invitations as I
    from review.privacy import erase_person, export_person

    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    path = save(tmp_path / "in", "r.eml", answer(row, "ana.lima@example.org", "Monthly is fine."))
    run_cli(world, capsys, path)
    app = world.apps[("ana", "data")]
    meeting = I.Meeting(datetime(2030, 3, 5, 10, 0), 30, "UTC", "Room 1")
    draft = I.draft(world.store, app, meeting, world.settings)
    I.invite(world.store, app, meeting, draft, world.settings, AUTHOR)
    folder = export_person(world.store, world.people["ana"], tmp_path / "export")
    data = json.loads(next(Path(folder).rglob("*.json")).read_text(encoding="utf-8"))
    assert data["replies"][0]["proposal"] == {"frequency": "monthly", "consent": True}
    assert data["interviews"][0]["place"] == "Room 1"
    erase_person(world.store, world.people["ana"], AUTHOR, settings=world.settings)
    for table in ("replies", "interviews", "message_attachments", "messages"):
        assert world.store.scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_someone_who_said_stop_and_asks_again_is_proposed_email_again(world, tmp_path, capsys):
    row = let_go(world, "cy", outbox.OutboxFolder(world.outbox_dir))
    first = save(tmp_path / "in", "1.eml", answer(row, "cy.moreau@example.fr", "STOP"))
    later = save(
        tmp_path / "in",
        "2.eml",
        answer(row, "cy.moreau@example.fr", "Sorry, changed my mind: monthly is fine."),
    )
    _, out, _ = run_cli(world, capsys, first, later, "--json")
    stop, again = json_lines(out)
    assert stop["applied"] == ["do_not_contact"]
    assert again["proposed"] == {"frequency": "monthly", "consent": True, "channel": "email"}
    assert (
        contact_preference(world.store, world.people["cy"])["channel"] == "none"
    )  # until confirmed


def test_an_outlook_reply_saved_as_msg(world, tmp_path, capsys):
    """Outlook keeps what a message answers in its own properties (PidTagInReplyToId)."""
    from tests.formatfiles import outlook_msg

    row = let_go(world, "ana", outbox.OutboxFolder(world.outbox_dir))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "RE Your application.msg").write_bytes(
        outlook_msg(
            sender="ana.lima@example.org",
            sender_name="Ana Lima",
            subject="RE: Your application",
            body="Thank you. Quarterly is fine.",
            message_id="<outlook-1@example.org>",
            in_reply_to=row["message_id"],
        )
    )
    (folder / "broken.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, out, err = run_cli(world, capsys, folder, "--json")
    [record] = json_lines(out)
    assert record["person"] == world.people["ana"] and record["matched_by"] == "in_reply_to"
    assert record["message_id"] == "<outlook-1@example.org>"
    assert record["proposed"] == {"frequency": "quarterly", "consent": True}
    assert code == 1 and f"{folder / 'broken.msg'}: not read: " in err


# --- an opt-out stops what still waits in the outbox --------------------------------------------


def cli(world, capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args), "--db", str(world.store.path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def audited(world, action: str, person: int) -> list[dict]:
    return [
        json.loads(h["detail"]) for h in P.history(world.store, person) if h["action"] == action
    ]


def test_stop_keeps_their_queued_message_unsent_and_the_let_go_completes(world, tmp_path, capsys):
    """Cy's let-go could not go out (the SMTP server is down: queued for a retry) when she
    writes "stop": her message is kept on record, unsent, and her let-go completes as it does
    for someone whose channel was none when the note was written. The note is still the one
    the recruiter wrote through the gate."""
    cy = world.people["cy"]
    set_preferences(world.store, cy, AUTHOR, frequency="monthly", consent=True)
    row = let_go(world, "cy", smtp_at(free_port()), expect="queued")
    assert world.status("cy") == "letting_go" and row["next_attempt_at"]
    path = save(
        tmp_path / "in",
        "stop.eml",
        answer(None, "cy.moreau@example.fr", "Please stop contacting me.", subject="Hello"),
    )
    code, out, err = run_cli(world, capsys, path)
    assert code == 0, err
    assert "they asked not to be contacted (“stop contacting me”): done, at once\n" in out
    assert (
        "    The message waiting to go to them is kept on record, not sent; they are let go from "
        "Backend Engineer without it, as they asked\n" in out
    )
    kept = world.message(row["id"])
    assert kept["state"] == "kept" and kept["delivered_at"] and kept["next_attempt_at"] is None
    assert kept["answer"] == "not sent: they asked us not to contact them"
    assert world.status("cy") == "let_go"
    [stopped] = audited(world, "message_kept", cy)
    assert stopped["reason"] == "they asked us not to contact them"
    assert stopped["before"] == "queued" and stopped["message"] == row["id"]
    [honoured] = audited(world, "opt_out_honoured", cy)
    assert honoured["kept"] == [row["id"]]
    [gone] = audited(world, "let_go", cy)
    assert gone["honoured"].startswith("they asked us not to contact them")
    assert world.store.scalar(
        "SELECT count(*) FROM disposition_notes WHERE application_id = ? AND brings = ?",
        (world.apps[("cy", "backend")], BRINGS["cy"]),
    )
    # Nothing goes out later: not at the next retry, not when the recruiter retries by hand.
    with smtp_server() as (handler, port):
        assert outbox.retry_due(world.store, smtp_at(port), AUTHOR, include_failed=True) == []
        again = outbox.deliver(world.store, row["id"], smtp_at(port), AUTHOR)
    assert again.state == "kept" and not handler.received
    # The command line shows her as she is: nothing waiting, let go, no reminders.
    code, out, _ = cli(world, capsys, "outbox")
    assert "Nothing waiting" in out
    code, _, err = cli(world, capsys, "status", "Cy Moreau", "--job", "Backend Engineer", "new")
    assert code != 0 and "this person is let go: restore them to the list first" in err
    code, out, _ = cli(world, capsys, "followups", "--all", "--json")
    assert not [r for r in json_lines(out) if r["person"] == cy]
    from review.report import build_report

    report = build_report(world.store, world.jobs["backend"])
    assert report.heard_back == 1 and report.messages_failed == 0


@pytest.mark.parametrize(
    ("script", "before", "after"),
    [
        (Script(data="550 5.7.1 mailbox unavailable"), "failed", "kept"),
        (Script(data="451 4.3.0 try again later"), "queued", "kept"),
        (Script(data_delay=3), "in_doubt", "in_doubt"),
    ],
)
def test_stop_keeps_what_waits_and_leaves_what_may_have_arrived(
    world, tmp_path, capsys, script, before, after
):
    """Failed (waiting for Retry) and queued messages are kept; one in doubt may have reached
    them, so it stays for the recruiter to decide, and they stay waiting for it."""
    with smtp_server() as (handler, port):
        handler.script = script
        row = let_go(world, "ana", smtp_at(port, timeout=1), expect=before)
    path = save(tmp_path / "in", "r.eml", answer(row, "ana.lima@example.org", "Unsubscribe"))
    _, out, _ = run_cli(world, capsys, path, "--json")
    assert json_lines(out)[0]["applied"] == ["do_not_contact"]
    assert world.message(row["id"])["state"] == after
    assert world.status("ana") == ("let_go" if after == "kept" else "letting_go")


def test_stop_from_an_assigned_reply_keeps_an_unsent_invitation(world, tmp_path, capsys):
    """An unmatched "stop" assigned by the recruiter keeps what waits, whatever its kind; the
    raw way around (kept for someone who did not ask, or once in doubt) stays closed."""
    import sqlite3

    from review import invitations as I

    app = world.apps[("eli", "backend")]
    meeting = I.Meeting(datetime(2030, 3, 5, 9, 0), 30, "UTC", "Room 2")
    draft = I.draft(world.store, app, meeting, world.settings)
    _, invitation = I.invite(world.store, app, meeting, draft, world.settings, AUTHOR)
    with pytest.raises(sqlite3.IntegrityError, match="asked not to be contacted"):
        world.store.conn.execute(
            "UPDATE messages SET state = 'kept', delivered_at = '2030-01-01', transport = 'x' "
            "WHERE id = ?",
            (invitation,),
        )
    path = save(tmp_path / "in", "s.eml", answer(None, "eli@elsewhere.example", "STOP"))
    run_cli(world, capsys, path)
    reply_id = R.waiting(world.store)["unmatched"][0].id
    code, out, _ = run_cli(world, capsys, "--assign", reply_id, "--person", "Eli Okafor")
    assert code == 0
    assert (
        "They asked not to be contacted: done, at once (the message waiting to go to them is "
        "kept on record, not sent)." in out
    )
    assert outbox.state_of(world.store, invitation) == "kept"
    assert world.status("eli") == "new"  # an invitation moves nobody
