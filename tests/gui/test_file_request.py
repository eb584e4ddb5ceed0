"""Asking for another copy of a file we could not read, through the window (issue 14, section
5): an .eml whose PDF is damaged was imported, so only the sender's address is known. View →
Files to check, the pane's button, the dialog's editable draft, Send through the writer and
the outbox folder, and the pane saying it was asked; the row's menu and the Review menu offer
the same, and a file from nobody we can reach says why it cannot be asked."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

from app import window_table
from tests.gui.conftest import job_shown
from tests.worlds import make_unreadable

FILES_TO_CHECK = 5


def window_with_unread_files(make_window, settings, tmp_path, monkeypatch):
    store, job_id, ids, world_settings = make_unreadable(tmp_path, monkeypatch)
    for key in ("sender.name", "sender.email", "reply_to", "outbox.dir"):
        settings.set(key, world_settings.get(key))
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    window.views.setCurrentIndex(FILES_TO_CHECK)
    return window, ids


def select(qtbot, window, person_id: int) -> None:
    window.select_row(window.model.row_of_person(person_id))
    qtbot.waitUntil(lambda: window.pane.person_id == person_id)


def test_ask_the_sender_for_another_copy_from_the_pane(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    window, ids = window_with_unread_files(make_window, settings, tmp_path, monkeypatch)
    priya = ids["Priya CV.pdf"]
    assert window.model.rowCount() == 2  # the two unread files, not the people
    before = window.store.query("SELECT id, status FROM applications ORDER BY id")
    select(qtbot, window, priya)
    strip = window.pane.file_request
    assert strip.isVisible() and strip.button.isEnabled()
    assert strip.button.text() == "Ask them for another copy…"
    assert "priya.raman@example.com" in strip.text.text()

    strip.button.click()
    dialog = window.file_requests.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.recipient.text() == "priya.raman@example.com"
    assert dialog.subject.text() == "Your resume: could you send it again?"
    draft = dialog.body.toPlainText()
    assert draft.startswith("Hi Priya,") and "“Priya CV.pdf”" in draft
    dialog.body.setPlainText(draft.replace("Thank you, and", "Thank you so much, and"))
    with qtbot.waitSignal(window.message_delivered, timeout=20000):
        dialog.send_button.click()
    assert not dialog.isVisible()

    [written] = list((tmp_path / "outbox").glob("*.eml"))
    mail = BytesParser(policy=policy.default).parsebytes(written.read_bytes())
    assert mail["To"] == "priya.raman@example.com"
    assert "Thank you so much, and" in mail.get_body(("plain",)).get_content()
    kind = window.store.scalar("SELECT kind FROM messages WHERE person_id = ?", (priya,))
    assert kind == "file_request"
    qtbot.waitUntil(lambda: "(delivered)" in strip.text.text())
    assert strip.text.text().startswith("Asked for another copy on ")
    assert window.store.query("SELECT id, status FROM applications ORDER BY id") == before
    history = [window.pane.history.item(i).text() for i in range(window.pane.history.count())]
    assert any("asked for another copy of Priya CV.pdf" in line for line in history), history


def test_the_row_menu_and_the_review_menu_offer_it_and_nobody_to_reach_says_why(
    make_window, settings, tmp_path, monkeypatch, qtbot
):
    window, ids = window_with_unread_files(make_window, settings, tmp_path, monkeypatch)
    broken, priya = ids["broken.pdf"], ids["Priya CV.pdf"]
    select(qtbot, window, priya)
    index = window.model.index(window.model.row_of_person(priya), 0)
    window_table.row_menu(window, window.table.visualRect(index).center())
    assert window.act_ask_again in window.row_menu.actions()
    window.row_menu.close()
    window.act_ask_again.trigger()
    assert window.file_requests.dialog.isVisible()
    window.file_requests.dialog.reject()

    # Blind review hides where the file came from: nothing to ask with until it is off.
    window.act_blind.trigger()
    qtbot.waitUntil(lambda: window.pane.blind_hidden)
    assert not window.pane.file_request.isVisible()
    window.file_requests.dialog = None
    window.act_ask_again.trigger()
    assert window.file_requests.dialog is None
    assert "Blind review" in window.statusBar().currentMessage()
    window.act_blind.trigger()
    qtbot.waitUntil(lambda: not window.pane.blind_hidden)

    select(qtbot, window, broken)
    strip = window.pane.file_request
    assert strip.isVisible() and not strip.button.isEnabled()
    assert "no e-mail address" in strip.text.text()
    window.file_requests.dialog = None
    window.act_ask_again.trigger()
    assert window.file_requests.dialog is None
    assert "no e-mail address" in window.statusBar().currentMessage()

    # A person whose file was read has no such strip, and no such entry in the row's menu.
    window.views.setCurrentIndex(4)  # All
    ana = ids["ana.txt"]
    select(qtbot, window, ana)
    assert not window.pane.file_request.isVisible()
    index = window.model.index(window.model.row_of_person(ana), 0)
    window_table.row_menu(window, window.table.visualRect(index).center())
    assert window.act_ask_again not in window.row_menu.actions()
    window.row_menu.close()
