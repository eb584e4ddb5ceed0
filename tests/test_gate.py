"""The humane gate: nobody is let go without a person-first note and a message they receive.

Every way around it — raw SQL, the workflow API, the command line, a note
that is empty, copied or generic, a message that is cold or unsendable — is
refused and changes nothing. The ways through it (outbox folder, a wish not to
be contacted, a phone call, several jobs at once) end with the person let go,
audited, and the message on record.

The world it runs in is built in ``tests/worlds.py``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from review import gate, outbox
from review.db import Store, now_iso
from review.gate import Disposition, GateRefused
from review.messages import blocking, lint_message, words
from review.settings import Settings
from review.workflow import WorkflowError, set_status
from tests.worlds import AUTHOR, BRINGS, WHY_NOT, World, body_for, build_template, open_world

SHORTLIST = Path(sys.executable).with_name("shortlist")


def snapshot(store: Store) -> dict:
    """Everything the gate could change."""
    tables = (
        "applications",
        "messages",
        "message_applications",
        "disposition_notes",
        "audit_log",
        "jobs",
        "contact_preferences",
    )
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("gate-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


def let_go_and_deliver(w: World, d: Disposition) -> tuple[int, outbox.Result]:
    message = gate.let_go(w.store, d, AUTHOR, w.settings)
    return message, outbox.deliver(w.store, message, outbox.OutboxFolder(w.outbox_dir), AUTHOR)


# --- bypass attempts: raw SQL ----------------------------------------------------------------


def test_raw_update_to_let_go_is_refused_by_the_database(world):
    before = snapshot(world.store)
    with pytest.raises(sqlite3.IntegrityError, match="let_go needs"):
        world.store.conn.execute(
            "UPDATE applications SET status = 'let_go' WHERE id = ?",
            (world.apps[("ana", "backend")],),
        )
    with pytest.raises(sqlite3.IntegrityError, match="person-first note"):
        world.store.conn.execute("UPDATE applications SET status = 'letting_go'")
    assert snapshot(world.store) == before
    assert world.status("ana") == "new"


def test_raw_insert_of_an_application_already_let_go_is_refused(world):
    before = snapshot(world.store)
    stamp = now_iso()
    for status in ("let_go", "letting_go"):
        with pytest.raises(sqlite3.IntegrityError, match="use the gate"):
            world.store.conn.execute(
                "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (world.people["bo"], world.jobs["data"], status, stamp, stamp),
            )
    assert snapshot(world.store) == before


def _raw_message(conn, person_id: int, state: str = "queued", **extra) -> int:
    stamp = now_iso()
    theirs = json.loads(
        conn.execute("SELECT emails FROM people WHERE id = ?", (person_id,)).fetchone()[0]
    )[:1]
    values = {
        "message_id": f"<raw-{state}-{person_id}@example.com>",
        "person_id": person_id,
        "channel": "email",
        "recipients": json.dumps(theirs),
        "subject": "Your application",
        "body": "Hi",
        "sender_name": AUTHOR,
        "sender_email": "robin@example.com",
        "reply_to": "robin@example.com",
        "state": state,
        "author": AUTHOR,
        "created_at": stamp,
        **extra,
    }
    cur = conn.execute(
        f"INSERT INTO messages ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )
    return cur.lastrowid


def _raw_note(conn, w: World, name: str, job: str = "backend") -> None:
    conn.execute(
        "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, why_not, "
        "brings_words, why_not_words, author, created_at) "
        "VALUES (?, ?, ?, 'let_go', ?, ?, ?, ?, ?, ?)",
        (
            w.apps[(name, job)],
            w.people[name],
            w.jobs[job],
            BRINGS[name],
            WHY_NOT[name],
            len(words(BRINGS[name])),
            len(words(WHY_NOT[name])),
            AUTHOR,
            now_iso(),
        ),
    )


def test_raw_insert_of_a_delivered_message_is_refused(world):
    before = snapshot(world.store)
    stamp = now_iso()
    with pytest.raises(sqlite3.IntegrityError, match="starts queued"):
        _raw_message(
            world.store.conn,
            world.people["ana"],
            "delivered",
            delivered_at=stamp,
            transport="outbox",
        )
    with pytest.raises(sqlite3.IntegrityError, match="starts queued"):
        _raw_message(world.store.conn, world.people["ana"], "sending")
    # 'kept' is only for someone who asked not to be contacted; Ana did not.
    with pytest.raises(sqlite3.IntegrityError, match="asked not to be contacted"):
        _raw_message(
            world.store.conn,
            world.people["ana"],
            "kept",
            delivered_at=stamp,
            transport="kept on record",
        )
    assert snapshot(world.store) == before


def test_raw_note_and_queued_message_still_do_not_let_anyone_go(world):
    """A note and a queued message are enough for letting_go, never for let_go: it was not
    delivered."""
    before = snapshot(world.store)
    conn = world.store.conn
    app = world.apps[("ana", "backend")]
    conn.execute("BEGIN IMMEDIATE")
    try:
        _raw_note(conn, world, "ana")
        message = _raw_message(conn, world.people["ana"])
        conn.execute(
            "INSERT INTO message_applications (message_id, application_id) VALUES (?, ?)",
            (message, app),
        )
        conn.execute(
            "UPDATE applications SET status = 'letting_go' WHERE id = ?", (app,)
        )  # allowed: note + message
        with pytest.raises(sqlite3.IntegrityError, match="delivered message"):
            conn.execute("UPDATE applications SET status = 'let_go' WHERE id = ?", (app,))
        assert (
            conn.execute("SELECT status FROM applications WHERE id = ?", (app,)).fetchone()[0]
            == "letting_go"
        )
    finally:
        conn.execute("ROLLBACK")
    assert snapshot(world.store) == before


def test_raw_update_of_a_message_to_delivered_needs_a_time_and_a_transport(world):
    message = gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    before = snapshot(world.store)
    with pytest.raises(
        sqlite3.IntegrityError, match="only from sending, with the time, the transport"
    ):
        world.store.conn.execute("UPDATE messages SET state = 'delivered' WHERE id = ?", (message,))
    with pytest.raises(
        sqlite3.IntegrityError, match="only from sending, with the time, the transport"
    ):
        world.store.conn.execute(
            "UPDATE messages SET state = 'delivered', transport = 'smtp' WHERE id = ?", (message,)
        )
    with pytest.raises(sqlite3.IntegrityError, match="let_go needs"):
        world.store.conn.execute(
            "UPDATE applications SET status = 'let_go' WHERE id = ?",
            (world.apps[("ana", "backend")],),
        )
    assert snapshot(world.store) == before
    assert world.message(message)["state"] == "queued" and world.status("ana") == "letting_go"


def test_raw_update_of_a_message_to_kept_does_not_skip_delivery(world):
    """'kept' (not sent) is for someone who asked not to be contacted — on UPDATE as on INSERT.

    Ana never asked for that: turning her queued message into 'kept' by raw SQL
    would let her go without her ever hearing from us.
    """
    message = gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    before = snapshot(world.store)
    conn = world.store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "UPDATE messages SET state = 'kept', delivered_at = ?, transport = 'kept on "
                "record' WHERE id = ?",
                (now_iso(), message),
            )
            conn.execute(
                "UPDATE applications SET status = 'let_go' WHERE id = ?",
                (world.apps[("ana", "backend")],),
            )
    finally:
        conn.execute("ROLLBACK")
    assert snapshot(world.store) == before


def test_a_restored_person_cannot_be_let_go_again_on_the_old_note_and_message(world):
    """After a restore, the old note and the old delivered message belong to the old decision.

    A second drop needs a new note and a new message they receive; raw SQL must
    not reuse the first ones to let them go silently.
    """
    _, result = let_go_and_deliver(world, world.disposition("ana"))
    assert result.state == "delivered"
    gate.restore(world.store, world.apps[("ana", "backend")], AUTHOR)
    assert world.status("ana") == "new"
    before = snapshot(world.store)
    with pytest.raises(sqlite3.IntegrityError):
        world.store.conn.execute(
            "UPDATE applications SET status = 'let_go' WHERE id = ?",
            (world.apps[("ana", "backend")],),
        )
    assert snapshot(world.store) == before
    assert world.status("ana") == "new"


# --- bypass attempts: the domain, the workflow and the command line ---------------------------


def _validate(store: Store, d: Disposition, author: str, settings: Settings):
    """The gate's checks of one disposition, on the context it prepares for itself."""
    ctx = gate.prepare(store, d.person_id, d.application_ids, author, roles=False)
    return gate.checks(ctx, d, settings)


def _refused(w: World, d: Disposition, settings: Settings | None = None) -> list[str]:
    before, files = (
        snapshot(w.store),
        sorted(w.outbox_dir.glob("*")) if w.outbox_dir.exists() else [],
    )
    with pytest.raises(GateRefused) as info:
        gate.let_go(w.store, d, AUTHOR, settings or w.settings)
    assert snapshot(w.store) == before, "a refused let-go changed the database"
    assert (sorted(w.outbox_dir.glob("*")) if w.outbox_dir.exists() else []) == files
    return info.value.reasons


def test_no_note_is_refused(world):
    reasons = _refused(world, world.disposition("ana", brings=""))
    assert any(
        "Say a little more about what they bring: 0 of at least 12 words" in r for r in reasons
    )
    assert any(
        "Name something only their resume or your conversation could give" in r for r in reasons
    )
    reasons = _refused(world, world.disposition("ana", why_not=""))
    assert any("Why not this role, now? 0 of at least 6 words" in r for r in reasons)
    assert world.status("ana") == "new"


def test_a_note_copied_from_an_earlier_one_is_refused(world):
    let_go_and_deliver(world, world.disposition("ana"))
    copied = BRINGS["ana"].replace("Ana", "Eli")
    checks, _ = _validate(
        world.store,
        world.disposition("eli", brings=copied, why_not=WHY_NOT["ana"]),
        AUTHOR,
        world.settings,
    )
    assert [c.code for c in checks if not c.ok] == ["original"]  # specific to Eli too, only a copy
    reasons = _refused(world, world.disposition("eli", brings=copied, why_not=WHY_NOT["ana"]))
    assert len(reasons) == 1 and "like one you wrote before" in reasons[0]
    # Another reviewer's note is not "your" earlier note; and Eli's own words pass.
    checks, _ = _validate(
        world.store,
        world.disposition("eli", brings=copied, why_not=WHY_NOT["ana"]),
        "Sam Other",
        world.settings,
    )
    assert all(c.ok for c in checks)
    _, result = let_go_and_deliver(world, world.disposition("eli"))
    assert result.state == "delivered"


def test_a_message_without_a_greeting_is_refused(world):
    body = body_for("Ana").replace("Hi Ana,\n\n", "")
    reasons = _refused(world, world.disposition("ana", body=body))
    assert reasons == ["Greet them by name on the first line (e.g. “Hi Ana,”)."]
    reasons = _refused(world, world.disposition("ana", body=body_for("Eli")))  # someone else's name
    assert any("Greet them by name" in r for r in reasons)


@pytest.mark.parametrize(
    "key, address",
    [
        ("sender.email", "no-reply@example.com"),
        ("reply_to", "donotreply@example.com"),
        ("reply_to", ""),
    ],
)
def test_a_no_reply_sender_or_reply_to_is_refused(world, key, address):
    if address:
        # Settings refuse it at entry...
        with pytest.raises(ValueError, match="no-reply address"):
            world.settings.set(key, address)
        # ...and the gate refuses it again, for a settings file edited by hand.
        world.settings._values[key] = address
    else:
        world.settings.set(key, address)
    reasons = _refused(world, world.disposition("ana"))
    assert len(reasons) == 1
    assert (
        ("no-reply address" in reasons[0])
        if address
        else ("Set a real reply-to address" in reasons[0])
    )


@pytest.mark.parametrize("placeholder", ["{first_name}", "[NAME]"])
def test_an_unfilled_placeholder_is_refused(world, placeholder):
    body = body_for("Ana", extra=f" Good luck, {placeholder}.")
    reasons = _refused(world, world.disposition("ana", body=body))
    assert reasons == [f"Fill in “{placeholder}” in the message."]
    reasons = _refused(world, world.disposition("ana", subject=f"Your application, {placeholder}"))
    assert reasons == [f"Fill in “{placeholder}” in the subject."]


@pytest.mark.parametrize("label", ["not a fit", "Not a fit.", "unqualified", "n/a"])
def test_a_bare_label_as_why_not_is_refused(world, label):
    reasons = _refused(world, world.disposition("ana", why_not=label))
    assert any("is a label, not a reason" in r for r in reasons)


def test_generic_praise_is_not_a_note(world):
    generic = (
        "Great candidate with strong skills and a very good attitude overall, really impressive "
        "person"
    )
    checks, lints = _validate(
        world.store, world.disposition("ana", brings=generic), AUTHOR, world.settings
    )
    assert [c.code for c in checks if not c.ok] == [
        "specific"
    ]  # long enough, original, but about nobody
    assert blocking(lints) == []
    reasons = _refused(world, world.disposition("ana", brings=generic))
    assert reasons == [next(c.message for c in checks if c.code == "specific")]


def test_the_gate_makes_its_own_suggestion_and_refuses_a_note_that_repeats_it(world):
    # The caller hands in no suggestion (the command line never did): the gate finds the
    # strengths the match saw and will not take its own sentence back as the note.
    ana, app = world.people["ana"], world.apps[("ana", "backend")]
    ctx = gate.prepare(world.store, ana, [app], AUTHOR, roles=False)
    assert ctx.strengths and ctx.suggestion.startswith("Ana brings experience with")
    reasons = _refused(world, world.disposition("ana", brings=ctx.suggestion))
    assert any("repeats Shortlist's suggestion" in r for r in reasons)
    assert world.status("ana") == "new"


def test_an_unknown_placeholder_in_a_template_is_named_and_blocks(world):
    # A recruiter's own template asks for something Shortlist does not fill: the draft
    # keeps it as written (no error), and the linter names it until the words are theirs.
    templates = world.folder / "templates"
    templates.mkdir()
    (templates / "warm.txt").write_text(
        "Subject: About {job_title}\nHi {first_name},\n\nThank you. {favourite_colour}\n\n"
        "{preferences}\n\n{reviewer_name}\n",
        encoding="utf-8",
    )
    ana, app = world.people["ana"], world.apps[("ana", "backend")]
    draft = gate.draft_for(world.store, ana, [app], BRINGS["ana"], "warm", world.settings)
    assert draft.subject == "About Backend Engineer" and "{favourite_colour}" in draft.body
    reasons = _refused(world, world.disposition("ana", subject=draft.subject, body=draft.body))
    assert any("“{favourite_colour}” in the message is not a placeholder" in r for r in reasons)
    assert world.status("ana") == "new"


def test_workflow_set_status_refuses_the_gate_statuses(world):
    before = snapshot(world.store)
    for status in ("let_go", "letting_go"):
        with pytest.raises(WorkflowError, match="use the Let go dialog"):
            set_status(world.store, world.apps[("ana", "backend")], status, AUTHOR)
    assert snapshot(world.store) == before


def test_workflow_cannot_move_someone_waiting_for_their_message(world):
    gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    with pytest.raises(WorkflowError, match="restore them to the list first"):
        set_status(world.store, world.apps[("ana", "backend")], "shortlisted", AUTHOR)
    assert world.status("ana") == "letting_go"


def _cli(w: World, *args: str) -> subprocess.CompletedProcess:
    env = {
        "SHORTLIST_CONFIG": str(w.settings.path),
        "PATH": "/usr/bin:/bin",
        "HOME": str(w.folder),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [str(SHORTLIST), *args, "--db", str(w.store.path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_cli_drop_without_brings_is_a_usage_error_and_changes_nothing(world):
    before = snapshot(world.store)
    done = _cli(
        world,
        "drop",
        str(world.people["ana"]),
        "--job",
        str(world.jobs["backend"]),
        "--why-not",
        WHY_NOT["ana"],
    )
    assert done.returncode == 2
    assert "the following arguments are required: --brings" in done.stderr
    assert snapshot(world.store) == before
    assert not world.outbox_dir.exists()


def test_cli_refusal_exits_3_with_the_reasons_and_changes_nothing(world):
    before = snapshot(world.store)
    done = _cli(
        world,
        "drop",
        "Ana Lima",
        "--job",
        "Backend Engineer",
        "--brings",
        "Nice person, good skills.",
        "--why-not",
        "not a fit",
    )
    assert done.returncode == 3, done.stderr
    assert "Not let go — nothing was changed" in done.stderr
    assert "Say a little more about what they bring: 4 of at least 12 words." in done.stderr
    assert "“not a fit” is a label, not a reason" in done.stderr
    assert "NO " in done.stdout  # the checks are listed, failed ones marked
    assert snapshot(world.store) == before
    assert not world.outbox_dir.exists()


# Ana, let go from the backend job by name and title, with her note.
_DROP_ANA = (
    "drop",
    "Ana Lima",
    "--job",
    "Backend Engineer",
    "--brings",
    BRINGS["ana"],
    "--why-not",
    WHY_NOT["ana"],
)


def test_cli_drop_with_an_unknown_template_is_refused_without_a_traceback(world):
    before = snapshot(world.store)
    done = _cli(world, *_DROP_ANA, "--template", "cheerful")
    assert done.returncode == 3, done.stderr
    assert "no message template called 'cheerful'" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(world.store) == before


def test_cli_drop_with_a_good_note_delivers_to_the_outbox(world):
    done = _cli(world, *_DROP_ANA)
    assert done.returncode == 0, done.stderr
    assert (
        "Written to the outbox folder" in done.stdout
        and "for your mail client to send. Let go." in done.stdout
    )
    assert world.status("ana") == "let_go"
    assert len(list(world.outbox_dir.glob("*.eml"))) == 1


# --- the ways through ---------------------------------------------------------------------------


def test_outbox_folder_delivery_writes_a_real_email_and_lets_go(world):
    set_status(world.store, world.apps[("ana", "backend")], "shortlisted", AUTHOR)
    draft = gate.draft_for(
        world.store,
        world.people["ana"],
        [world.apps[("ana", "backend")]],
        BRINGS["ana"],
        "warm",
        world.settings,
    )
    assert draft.body.startswith("Hi Ana,") and "Robin Reviewer" in draft.body
    # The note was about her; the message speaks to her.
    assert BRINGS["ana"].replace("Ana built", "You built", 1) in draft.body
    assert "Ana built" not in draft.body
    message, result = let_go_and_deliver(
        world, world.disposition("ana", subject=draft.subject, body=draft.body)
    )
    assert result.state == "delivered"
    row = world.message(message)
    files = list(world.outbox_dir.glob("*.eml"))
    assert len(files) == 1 and files[0] == outbox.OutboxFolder(world.outbox_dir).path_for(
        row["message_id"]
    )
    mail = BytesParser(policy=policy.default).parsebytes(files[0].read_bytes())
    assert mail["Message-ID"] == row["message_id"]
    assert mail["From"].addresses[0].addr_spec == "robin@example.com"
    assert mail["From"].addresses[0].display_name == AUTHOR
    assert mail["Reply-To"] == "robin@example.com"
    assert mail["To"] == "ana.lima@example.org"
    assert mail["Subject"] == "Your application for Backend Engineer"
    assert BRINGS["ana"].replace("Ana built", "You built", 1) in mail.get_content()
    assert row["state"] == "delivered" and row["delivered_at"] and row["transport"] == "outbox"
    assert world.status("ana") == "let_go"
    audit = world.store.query(
        "SELECT action, detail FROM audit_log WHERE application_id = ? AND action IN "
        "('letting_go', 'let_go') ORDER BY id",
        (world.apps[("ana", "backend")],),
    )
    assert [a["action"] for a in audit] == ["letting_go", "let_go"]
    assert json.loads(audit[0]["detail"])["before"] == "shortlisted"
    assert json.loads(audit[1]["detail"])["delivered_by"] == "outbox"
    note = world.store.one(
        "SELECT * FROM disposition_notes WHERE application_id = ?",
        (world.apps[("ana", "backend")],),
    )
    assert (
        note["brings"] == BRINGS["ana"]
        and note["why_not"] == WHY_NOT["ana"]
        and note["author"] == AUTHOR
    )


def test_a_wish_not_to_be_contacted_is_honoured(world):
    world.store.conn.execute(
        "INSERT INTO contact_preferences (person_id, channel, updated_at) VALUES (?, 'none', ?)",
        (world.people["bo"], now_iso()),
    )
    message = gate.let_go(world.store, world.disposition("bo"), AUTHOR, world.settings)
    row = world.message(message)
    assert row["state"] == "kept" and row["delivered_at"] and json.loads(row["recipients"]) == []
    assert world.status("bo") == "let_go"
    detail = json.loads(
        world.store.scalar(
            "SELECT detail FROM audit_log WHERE action = 'let_go' AND application_id = ?",
            (world.apps[("bo", "backend")],),
        )
    )
    assert "asked not to be contacted" in detail["honoured"]
    result = outbox.deliver(world.store, message, outbox.OutboxFolder(world.outbox_dir), AUTHOR)
    assert result.state == "kept" and "kept on record at their request" in result.detail
    assert not world.outbox_dir.exists() or not list(world.outbox_dir.glob("*.eml"))


def test_a_phone_preference_waits_for_the_call(world):
    world.store.conn.execute(
        "INSERT INTO contact_preferences (person_id, channel, updated_at) VALUES (?, 'phone', ?)",
        (world.people["cy"], now_iso()),
    )
    message = gate.let_go(world.store, world.disposition("cy"), AUTHOR, world.settings)
    row = world.message(message)
    assert row["state"] == "call_pending" and row["channel"] == "phone"
    assert json.loads(row["recipients"]) == ["+33612345678"]
    assert world.status("cy") == "letting_go"
    result = outbox.deliver(world.store, message, outbox.OutboxFolder(world.outbox_dir), AUTHOR)
    assert result.state == "call_pending" and world.status("cy") == "letting_go"
    assert not world.outbox_dir.exists()
    assert [r["id"] for r in outbox.pending(world.store)] == [message]
    outbox.confirm_call(world.store, message, AUTHOR)
    assert world.status("cy") == "let_go"
    assert world.message(message)["transport"] == "phone call"
    with pytest.raises(LookupError):
        outbox.confirm_call(world.store, message, AUTHOR)


def test_a_person_holding_an_offer_elsewhere_needs_explicit_confirmation(world):
    set_status(world.store, world.apps[("ana", "data")], "offered", AUTHOR)
    reasons = _refused(world, world.disposition("ana"))
    assert reasons == [
        (
            "they hold an offer or were hired for Data Platform Engineer (offered): confirm "
            "explicitly before sending them a rejection"
        )
    ]
    _, result = let_go_and_deliver(world, world.disposition("ana", confirm_offer_conflict=True))
    assert result.state == "delivered"
    assert world.status("ana") == "let_go" and world.status("ana", "data") == "offered"


def test_letting_go_from_two_jobs_sends_one_message(world):
    both = [world.apps[("ana", "backend")], world.apps[("ana", "data")]]
    draft = gate.draft_for(
        world.store, world.people["ana"], both, BRINGS["ana"], "warm", world.settings
    )
    assert draft.subject == "Your application for Backend Engineer and Data Platform Engineer"
    message = gate.let_go(
        world.store,
        world.disposition("ana", jobs=("backend", "data"), subject=draft.subject, body=draft.body),
        AUTHOR,
        world.settings,
    )
    assert world.store.scalar("SELECT count(*) FROM messages") == 1
    linked = [
        r[0]
        for r in world.store.conn.execute(
            "SELECT application_id FROM message_applications WHERE message_id = ? ORDER BY "
            "application_id",
            (message,),
        )
    ]
    assert linked == sorted(both)
    assert (
        world.store.scalar(
            "SELECT count(*) FROM disposition_notes WHERE person_id = ?", (world.people["ana"],)
        )
        == 2
    )
    assert world.status("ana") == world.status("ana", "data") == "letting_go"
    result = outbox.deliver(world.store, message, outbox.OutboxFolder(world.outbox_dir), AUTHOR)
    assert result.state == "delivered"
    assert world.status("ana") == world.status("ana", "data") == "let_go"
    assert len(list(world.outbox_dir.glob("*.eml"))) == 1


def test_restore_brings_them_back_to_where_they_were(world):
    set_status(world.store, world.apps[("ana", "backend")], "shortlisted", AUTHOR)
    let_go_and_deliver(world, world.disposition("ana"))
    assert world.status("ana") == "let_go"
    assert gate.restore(world.store, world.apps[("ana", "backend")], AUTHOR) == "shortlisted"
    assert world.status("ana") == "shortlisted"
    audit = world.store.one(
        "SELECT actor, detail FROM audit_log WHERE action = 'restore' AND application_id = ?",
        (world.apps[("ana", "backend")],),
    )
    assert audit["actor"] == AUTHOR and json.loads(audit["detail"]) == {
        "before": "let_go",
        "after": "shortlisted",
    }
    with pytest.raises(GateRefused, match="they are not let go"):
        gate.restore(world.store, world.apps[("ana", "backend")], AUTHOR)


def test_a_job_closes_only_when_nobody_is_left_on_its_list(world):
    before = snapshot(world.store)
    with pytest.raises(GateRefused, match="1 people are still on this job \\(Dee Nakamura\\)"):
        gate.close_job(world.store, world.jobs["solo"], AUTHOR)
    with pytest.raises(GateRefused, match="4 people are still on this job"):
        gate.close_job(world.store, world.jobs["backend"], AUTHOR)
    assert snapshot(world.store) == before
    message = gate.let_go(
        world.store, world.disposition("dee", jobs=("solo",)), AUTHOR, world.settings
    )
    with pytest.raises(
        GateRefused, match="still on this job"
    ):  # waiting for the message still counts
        gate.close_job(world.store, world.jobs["solo"], AUTHOR)
    outbox.deliver(world.store, message, outbox.OutboxFolder(world.outbox_dir), AUTHOR)
    gate.close_job(world.store, world.jobs["solo"], AUTHOR)
    assert (
        world.store.scalar("SELECT status FROM jobs WHERE id = ?", (world.jobs["solo"],))
        == "closed"
    )


def test_cold_phrases_and_a_copied_why_not_are_warnings_with_kinder_words(world):
    why_not = WHY_NOT["ana"]
    body = body_for(
        "Ana",
        extra=f" We regret to inform you that there were more qualified candidates. {why_not}",
    )
    lints = lint_message(
        "Your application",
        body,
        first="Ana",
        why_not=[why_not],
        sender_email="robin@example.com",
        reply_to="robin@example.com",
    )
    assert {item.level for item in lints} == {"warn"} and blocking(lints) == []
    by_code = {}
    for item in lints:
        by_code.setdefault(item.code, []).append(item)
    assert sorted(by_code) == ["cold_phrase", "internal_note", "short_answers"]
    cold = {item.message: item.suggestion for item in by_code["cold_phrase"]}
    assert cold == {
        "“We regret to inform you” reads like a form letter (“we regret to inform you”).": (
            "I want to tell you honestly where things stand."
        ),
        "“more qualified candidates” reads like a form letter (“more qualified candidates”).": (
            "someone whose experience matches this particular role more closely"
        ),
    }
    assert "copied into the message" in by_code["internal_note"][0].message
    # Warnings are advice: the gate lets the reviewer send it.
    _, result = let_go_and_deliver(world, world.disposition("ana", body=body))
    assert result.state == "delivered" and world.status("ana") == "let_go"
