"""Asking for another copy of a file we could not read (issue 14, section 5): `shortlist
ask-again PERSON [--show] [--yes]` through its entry point, and the domain's refusals — no
address, they asked not to be contacted, a request already waiting, a file read after all.
The message lands in the outbox folder, to the sender's address, as kind ``file_request``;
nobody's status changes."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser

import pytest

from review import file_requests as F
from review.relationship import set_preferences
from tests.test_cli_attacks import cli
from tests.worlds import make_unreadable


@pytest.fixture
def world(tmp_path, monkeypatch):
    store, job_id, ids, settings = make_unreadable(tmp_path, monkeypatch)
    return store, job_id, ids, settings, tmp_path


def statuses(store) -> list[tuple]:
    return store.conn.execute("SELECT id, status FROM applications ORDER BY id").fetchall()


def test_the_draft_greets_them_names_the_file_and_says_what_went_wrong(world):
    store, _job, ids, settings, _tmp = world
    settings.set("reviewer.signature", "Talent team, Acme")
    priya = ids["Priya CV.pdf"]
    assert store.scalar("SELECT emails FROM people WHERE id = ?", (priya,)) == "[]"
    draft = F.draft_request(store, priya, settings)
    assert draft.recipient == "priya.raman@example.com"  # the sender's, from the message
    body = draft.body
    assert body.startswith("Hi Priya,\n")
    assert "“Priya CV.pdf”" in body and "damaged" in body and "malformed" not in body
    assert "Backend Engineer" in body and "PDF or a Word document" in body
    assert "person writing" in body and "Thank you" in body
    assert body.rstrip().endswith("Robin Reviewer\nTalent team, Acme")
    # Someone whose name we never learned is greeted without one.
    store.conn.execute("UPDATE cover_letters SET sender_name = NULL")
    assert F.draft_request(store, priya, settings).body.startswith("Hello,\n")


def test_asking_queues_one_request_audited_and_changes_no_status(world):
    store, _job, ids, settings, _tmp = world
    priya = ids["Priya CV.pdf"]
    before = statuses(store)
    draft = F.draft_request(store, priya, settings)
    message = F.ask_for_file(store, priya, draft.subject, draft.body, settings, "Robin Reviewer")
    row = store.one("SELECT * FROM messages WHERE id = ?", (message,))
    assert row["kind"] == "file_request" and row["state"] == "queued"
    assert json.loads(row["recipients"]) == ["priya.raman@example.com"]
    audit = store.one("SELECT * FROM audit_log WHERE action = 'file_requested'")
    assert audit["person_id"] == priya
    assert json.loads(audit["detail"])["message"] == message
    assert statuses(store) == before
    # A second request while the first waits is refused, and names the first.
    with pytest.raises(F.RequestRefused) as refused:
        F.ask_for_file(store, priya, draft.subject, draft.body, settings, "Robin Reviewer")
    assert any("already waiting" in r and str(message) in r for r in refused.value.reasons)


def test_refusals_no_address_channel_none_read_after_all_and_an_unfit_message(world):
    store, _job, ids, settings, _tmp = world
    broken, priya, ana = ids["broken.pdf"], ids["Priya CV.pdf"], ids["ana.txt"]
    draft = F.draft_request(store, priya, settings)

    def reasons(person_id, subject=draft.subject, body=draft.body) -> str:
        with pytest.raises(F.RequestRefused) as refused:
            F.ask_for_file(store, person_id, subject, body, settings, "Robin Reviewer")
        return " | ".join(refused.value.reasons)

    assert "no e-mail address" in reasons(broken)
    assert "read after all" in reasons(ana)
    assert "Fill in" in reasons(priya, body=draft.body.replace("Thank you,", "Thank you [name],"))
    set_preferences(store, priya, "Robin Reviewer", channel="none")
    assert "asked not to be contacted" in reasons(priya)
    assert store.scalar("SELECT count(*) FROM messages") == 0


def test_cli_ask_again_show_confirm_and_send_to_the_outbox_folder(world):
    store, _job, ids, _settings, tmp = world
    priya, broken = ids["Priya CV.pdf"], ids["broken.pdf"]
    db = str(tmp / "shortlist.db")
    store.close()
    shown = cli(tmp, "ask-again", str(priya), "--show", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("To: priya.raman@example.com\nSubject: Your resume")
    assert "Hi Priya," in shown.stdout
    # Without --yes, and nobody at a terminal to say yes: nothing is sent.
    unasked = cli(tmp, "ask-again", str(priya), "--db", db)
    assert unasked.returncode == 3 and "Nothing sent" in unasked.stderr
    assert not (tmp / "outbox").exists() or not list((tmp / "outbox").glob("*.eml"))
    sent = cli(tmp, "ask-again", str(priya), "--yes", "--db", db)
    assert sent.returncode == 0, sent.stderr
    assert "Sent: a request for another copy, to priya.raman@example.com" in sent.stdout
    [written] = list((tmp / "outbox").glob("*.eml"))
    mail = BytesParser(policy=policy.default).parsebytes(written.read_bytes())
    assert mail["To"] == "priya.raman@example.com"
    assert "Priya CV.pdf" in mail.get_body(("plain",)).get_content()
    again = cli(tmp, "ask-again", str(priya), "--yes", "--db", db)
    assert again.returncode == 0  # delivered, not waiting: asking again is allowed
    nobody = cli(tmp, "ask-again", str(broken), "--yes", "--db", db)
    assert nobody.returncode == 3 and "no e-mail address" in nobody.stderr
    assert "Traceback" not in nobody.stderr
    missing = cli(tmp, "ask-again", "9999", "--db", db)
    assert missing.returncode == 1 and missing.stderr.startswith("shortlist: no person")
