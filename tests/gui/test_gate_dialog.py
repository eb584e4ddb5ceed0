"""The gate dialog end to end: a note typed, the lint seen, a real SMTP server, the person let
go."""

from __future__ import annotations

import json
import socket

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import Qt

from tests.gui.conftest import write_resumes
from tests.gui.test_window import imported, job_window


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def specific_note(store, person_id: int, skills: list[str]) -> str:
    """Two of their skills in a sentence about what they did: the first pair that counts."""
    from review.wording import known_about, note_specificity

    known = known_about(store, person_id)
    for a in skills:
        for b in skills:
            note = (
                f"They built and maintained tools in {a} and {b} that colleagues relied on, "
                "and wrote about it with real care."
            )
            if a != b and note_specificity(note, known).specific:
                return note
    raise AssertionError(f"no two skills of {skills} make a specific note")


def test_let_go_through_the_dialog_to_a_real_smtp_server(
    make_window, qtbot, tmp_path, settings, smtp_server
):
    inbox, port = smtp_server
    for key, value in {
        "transport": "smtp",
        "smtp.host": "127.0.0.1",
        "smtp.port": str(port),
        "smtp.security": "none",
        "sender.name": "Robin Reviewer",
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
    }.items():
        settings.set(key, value)
    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "inbox", 4, seed=21)
    imported(qtbot, window, lambda: window.start_import([str(tmp_path / "inbox")]))
    window.table.setFocus()
    window.select_row(0)
    row = window.current_row()
    person = window.store.one("SELECT name, emails, skills FROM people WHERE id = ?", (row.person,))
    skills = [
        s for s in json.loads(person["skills"]) if s not in ("English", "Communication", "Teamwork")
    ]
    skill = skills[0]
    assert "127.0.0.1" in window.transport_label.text()

    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    assert dialog.isVisible() and "SMTP 127.0.0.1" in dialog.transport_label.text()
    # A label and generic praise are refused, kindly, and sending stays off.
    qtbot.keyClicks(dialog.brings, "Great candidate, very strong.")
    qtbot.keyClicks(dialog.why_not, "not a fit")
    qtbot.waitUntil(
        lambda: any("label" in dialog.checks.item(i).text() for i in range(dialog.checks.count()))
    )
    assert not dialog.send_button.isEnabled()
    # Generic praise and one skill word is not about this person either.
    dialog.brings.clear()
    dialog.why_not.clear()
    qtbot.keyClicks(
        dialog.brings,
        f"Great candidate with {skill}, very motivated and a strong communicator, "
        "would be an asset to any team.",
    )
    qtbot.keyClicks(
        dialog.why_not, "The team needs someone who can start on site in Berlin next month."
    )
    qtbot.waitUntil(
        lambda: any("praise" in dialog.checks.item(i).text() for i in range(dialog.checks.count()))
    )
    assert not dialog.send_button.isEnabled()
    # The reviewer's own words about this person: what they did with their skills.
    dialog.brings.clear()
    dialog.why_not.clear()
    qtbot.keyClicks(dialog.brings, specific_note(window.store, row.person, skills))
    qtbot.keyClicks(
        dialog.why_not, "The team needs someone who can start on site in Berlin next month."
    )
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=3000)
    # The draft follows the note and greets them by name; the lint shows no blocks.
    first = person["name"].split()[0]
    assert dialog.body.toPlainText().splitlines()[0].startswith(("Hi", "Hello", "Dear"))
    assert first in dialog.body.toPlainText().splitlines()[0]
    assert (
        "You built and maintained tools in" in dialog.body.toPlainText()
    )  # to them, not about them
    assert not any(entry.level == "block" for entry in dialog.message_lints)
    # A cold phrase typed into the message is flagged with a kinder alternative, but does not block.
    dialog.body.appendPlainText("We regret to inform you that this is final.")
    qtbot.waitUntil(
        lambda: any(
            "reads like a form letter" in dialog.lint.item(i).text()
            for i in range(dialog.lint.count())
        )
    )
    assert dialog.send_button.isEnabled()
    with qtbot.waitSignal(window.message_delivered, timeout=20000) as delivered:
        qtbot.keyClick(dialog.body, Qt.Key_Return, Qt.ControlModifier)
    assert delivered.args[0].state == "delivered"
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == json.loads(person["emails"])[:1]
    content = envelope.content.decode("utf-8", "replace")
    stored = window.store.one(
        "SELECT message_id, subject FROM messages WHERE person_id = ?", (row.person,)
    )
    assert stored["message_id"] in content and "Reply-To: robin@example.com" in content
    assert (
        window.store.scalar("SELECT status FROM applications WHERE id = ?", (row.application,))
        == "let_go"
    )
    # They moved to the Let go view.
    assert window.model.row_of_person(row.person) is None
    window.views.setCurrentIndex(3)
    assert window.model.row_of_person(row.person) is not None


def test_attack_an_unknown_placeholder_in_a_users_template_blocks_sending_in_the_dialog(
    make_window, qtbot, tmp_path, settings
):
    """A recruiter's own template asks for {company}: the dialog names it; sending stays off."""
    for key, value in {
        "sender.name": "Robin Reviewer",
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
    }.items():
        settings.set(key, value)
    templates = settings.path.parent / "templates"
    templates.mkdir()
    (templates / "warm.txt").write_text(
        "Subject: {job_title} at {company}\nHi {first_name},\n\nThank you for "
        "applying to {company}.\n\n{strength}\n\n{reviewer_name}\n",
        encoding="utf-8",
    )
    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "inbox", 2, seed=5)
    imported(qtbot, window, lambda: window.start_import([str(tmp_path / "inbox")]))
    window.table.setFocus()
    window.select_row(0)
    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    assert dialog.isVisible()
    assert "{company}" in dialog.subject.text() and "{company}" in dialog.body.toPlainText()
    qtbot.waitUntil(
        lambda: any("{company}" in dialog.lint.item(i).text() for i in range(dialog.lint.count()))
    )
    named = [
        dialog.lint.item(i).text()
        for i in range(dialog.lint.count())
        if "{company}" in dialog.lint.item(i).text()
    ]
    assert any("is not a placeholder Shortlist fills" in text for text in named)
    assert not dialog.send_button.isEnabled()
    dialog.send()  # Ctrl+Enter does the same: nothing is sent
    assert dialog.message_row is None and window.store.scalar("SELECT count(*) FROM messages") == 0
    dialog.reject()


def test_the_outbox_folder_says_what_happens_first_run_dialog_and_status(
    make_window, qtbot, tmp_path, settings, monkeypatch
):
    """Item 7: nobody has received anything when an .eml is written — every face says so."""
    from app.dialogs import SettingsDialog

    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self) or 0)
    for key, value in {
        "sender.name": "Robin Reviewer",
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
        "outbox.dir": str(tmp_path / "outbox"),
    }.items():
        settings.set(key, value)
    said = "for your mail client to send"
    first = make_window()
    assert first.stack.currentWidget() is first.welcome
    assert (
        "written to the outbox folder" in first.welcome.sending.text()
        and said in first.welcome.sending.text()
    )
    first.welcome.sending.linkActivated.emit("settings")  # "Send them by SMTP instead…"
    assert len(opened) == 1 and "transport" in opened[0].fields
    first.close()

    window = job_window(make_window, tmp_path / "job")
    # The folder may be elided in the middle at this width: the whole of it on hover.
    shown = window.transport_label.text() + window.transport_label.toolTip()
    assert said in window.transport_label.text() and str(tmp_path / "outbox") in shown
    write_resumes(tmp_path / "inbox", 2, seed=9)
    imported(qtbot, window, lambda: window.start_import([str(tmp_path / "inbox")]))
    window.table.setFocus()
    window.select_row(0)
    row = window.current_row()
    skills = [
        s
        for s in json.loads(
            window.store.scalar("SELECT skills FROM people WHERE id = ?", (row.person,))
        )
        if s not in ("English", "Communication", "Teamwork")
    ]
    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    assert said in dialog.transport_label.text()
    qtbot.keyClicks(dialog.brings, specific_note(window.store, row.person, skills))
    qtbot.keyClicks(
        dialog.why_not, "The team needs someone who can start on site in Berlin next month."
    )
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=3000)
    with qtbot.waitSignal(window.message_delivered, timeout=20000) as delivered:
        qtbot.keyClick(dialog.body, Qt.Key_Return, Qt.ControlModifier)
    assert delivered.args[0].state == "delivered"
    status = window.statusBar().currentMessage()
    assert status.startswith("Message written to the outbox folder") and said in status
    assert "delivered" not in status.lower()
