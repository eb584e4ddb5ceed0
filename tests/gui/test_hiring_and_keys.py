"""Issue 14 through the window: hiring by keyboard, focus after each action, keys that act on
the person the pane shows and never fire into a text field, settings checked at entry, and the
first-use step inside the gate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import job_shown, settle
from tests.worlds import make_people


def window_for(make_window, tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    # Shortcuts and focus belong to the active window, as on a desktop.
    window.activateWindow()
    qtbot_wait_active(window)
    window.table.setFocus()
    return window, ids


def qtbot_wait_active(window) -> None:
    from pytestqt.qtbot import QtBot

    QtBot(window).waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def select_person(window, person_id: int) -> None:
    window.views.setCurrentIndex(4)  # All
    window.select_row(window.model.row_of_person(person_id))
    window.table.setFocus()


def status_of(window, person_id: int) -> str:
    return window.store.scalar(
        "SELECT status FROM applications WHERE person_id = ? AND job_id = ?",
        (person_id, window.job.id),
    )


def test_hire_by_keyboard_shows_three_check_ins_in_view_follow_ups(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, ids = window_for(make_window, tmp_path, monkeypatch)
    ana = ids["ana.txt"]
    select_person(window, ana)
    for key, status in ((Qt.Key_I, "interviewing"), (Qt.Key_O, "offered"), (Qt.Key_H, "hired")):
        select_person(window, ana)
        qtbot.keyClick(window.table, key)
        settle(qtbot, window)
        assert status_of(window, ana) == status
    # Hiring asks whether the others on the job hear now or later; "Later" changes nobody.
    box = window.decisions.hire_box
    assert box is not None and box.isVisible() and "2 other people" in box.informativeText()
    box.later.click()
    assert {status_of(window, ids["bo.txt"]), status_of(window, ids["cy.txt"])} == {"new"}
    qtbot.waitUntil(window.table.hasFocus, timeout=3000)
    # The check-ins are on the person, and in View → Follow-ups (with what is known about them).
    select_person(window, ana)
    assert "Check in: 1 week" in window.pane.contact_tab.followups.text()
    assert "12 weeks" in window.pane.contact_tab.followups.text()
    window.act_followups.trigger()
    dialog = window.job_actions.followups_dialog
    settle(qtbot, window)
    dialog.show_all.setChecked(True)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(texts) == 3 and all("Ana Quintero Bravo" in t for t in texts)
    assert ["1 week" in texts[0], "4 weeks" in texts[1], "12 weeks" in texts[2]] == [True] * 3
    assert "What you know about them" in dialog.about.text()
    dialog.close()
    qtbot.waitUntil(window.table.hasFocus, timeout=3000)  # focus back on the list after the dialog
    # U undoes the hire; its check-ins go with it.
    select_person(window, ana)
    qtbot.keyClick(window.table, Qt.Key_U)
    settle(qtbot, window)
    assert status_of(window, ana) == "offered"
    assert window.store.scalar("SELECT count(*) FROM followups WHERE person_id = ?", (ana,)) == 0


def test_hire_then_let_the_others_know_now_opens_the_gate_one_by_one(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, ids = window_for(make_window, tmp_path, monkeypatch)
    select_person(window, ids["cy.txt"])
    window.act_hired.trigger()
    settle(qtbot, window)
    window.decisions.hire_box.now.click()
    dialog = window.gate.dialog
    assert dialog is not None and dialog.isVisible() and window.gate.total == 2
    assert dialog.person_id in (ids["ana.txt"], ids["bo.txt"])
    assert not dialog.send_button.isEnabled()  # each needs their own note: nothing was sent
    dialog.reject()
    window.gate.dialog.reject()
    assert (
        window.store.scalar(
            "SELECT count(*) FROM applications WHERE status IN ('letting_go', 'let_go')"
        )
        == 0
    )


def test_a_change_from_the_command_line_is_undone_with_u(make_window, tmp_path, monkeypatch, qtbot):
    from review.workflow import application_for, set_status

    window, ids = window_for(make_window, tmp_path, monkeypatch)
    bo = ids["bo.txt"]
    set_status(
        window.store, application_for(window.store, bo, window.job.id)["id"], "interviewing", "cli"
    )
    qtbot.keyClick(window.table, Qt.Key_U)
    settle(qtbot, window)
    assert status_of(window, bo) == "new"


def test_keys_act_on_the_person_the_pane_shows(make_window, tmp_path, monkeypatch, qtbot):
    window, _ids = window_for(make_window, tmp_path, monkeypatch)
    window.views.setCurrentIndex(4)
    qtbot.mouseClick(
        window.table.viewport(),
        Qt.LeftButton,
        pos=window.table.visualRect(window.model.index(0, 1)).center(),
    )
    clicked = window.current_row().person
    # Ctrl+End moves the current row without moving the selection: the pane follows the current row.
    qtbot.keyClick(window.table, Qt.Key_End, Qt.ControlModifier)
    shown = window.pane.person_id
    assert shown != clicked and shown == window.current_row().person
    qtbot.keyClick(window.table, Qt.Key_D)
    assert window.gate.dialog.person_id == shown  # not the row still selected
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.gate.dialog, timeout=3000)
    window.gate.dialog.reject()
    qtbot.waitUntil(window.table.hasFocus, timeout=3000)
    qtbot.keyClick(window.table, Qt.Key_S)
    settle(qtbot, window)
    assert status_of(window, shown) == "shortlisted" and status_of(window, clicked) == "new"
    # N opens the note field for the pane's person.
    qtbot.keyClick(window.table, Qt.Key_N)
    qtbot.waitUntil(window.pane.contact_tab.note_edit.hasFocus, timeout=3000)
    assert window.pane.contact_tab.person_id == window.pane.person_id


def test_no_single_key_fires_into_a_text_field_and_escape_returns_to_the_list(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, ids = window_for(make_window, tmp_path, monkeypatch)
    window.resize(1024, 700)
    qtbot.wait(50)
    window.views.setCurrentIndex(4)
    window.select_row(0)
    window.table.setFocus()
    # At 1024 px the search box is on screen (not in an overflow menu) and "/" reaches it.
    qtbot.keyClick(window.table, Qt.Key_Slash)
    assert window.search.isVisible() and window.search.hasFocus()
    qtbot.keyClicks(window.search, "sdnhio")  # every letter a shortcut elsewhere
    settle(qtbot, window)
    assert window.search.text() == "sdnhio"
    assert window.store.scalar("SELECT count(*) FROM applications WHERE status <> 'new'") == 0
    assert window.gate.dialog is None
    qtbot.keyClick(window.search, Qt.Key_Escape)
    assert window.table.hasFocus() and window.search.text() == ""
    # Enter (or Down) in the search goes to the first result.
    qtbot.keyClick(window.table, Qt.Key_Slash)
    qtbot.keyClicks(window.search, "Lindqvist")
    qtbot.keyClick(window.search, Qt.Key_Return)
    assert window.table.hasFocus() and window.current_row().person == ids["bo.txt"]
    assert window.pane.person_id == ids["bo.txt"]
    # The note field takes letters as text; Escape leaves it for the list.
    qtbot.keyClick(window.table, Qt.Key_N)
    note = window.pane.contact_tab.note_edit
    qtbot.keyClicks(note, "she ships")
    assert note.text() == "she ships" and status_of(window, ids["bo.txt"]) == "new"
    qtbot.keyClick(note, Qt.Key_Escape)
    assert window.table.hasFocus()
    # The views' tabs keep their full titles at 1024 px.
    assert all(not window.views.tabText(i).endswith("…") for i in range(window.views.count()))
    # After the criteria panel closes, focus is on the list.
    window.act_edit_job.trigger()
    window.editor.setFocus()
    window.act_edit_job.trigger()
    assert window.table.hasFocus()


def test_the_gate_keeps_unsent_words_and_tab_moves_between_fields(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, ids = window_for(make_window, tmp_path, monkeypatch)
    select_person(window, ids["ana.txt"])
    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    assert (
        dialog.person_view.person_id == ids["ana.txt"]
    )  # the person stays in view beside the note
    assert "Pagora" in dialog.person_view.text.toPlainText()
    qtbot.waitUntil(dialog.brings.hasFocus, timeout=3000)
    qtbot.keyClicks(dialog.brings, "Ana built the settlement service at Pagora")
    qtbot.keyClick(dialog.brings, Qt.Key_Tab)
    assert dialog.why_not.hasFocus() and "\t" not in dialog.brings.toPlainText()
    qtbot.keyClicks(dialog.why_not, "The role needs Paris")
    qtbot.keyClick(dialog.why_not, Qt.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(window.table.hasFocus, timeout=3000)
    # Reopening their gate brings the words back.
    select_person(window, ids["ana.txt"])
    qtbot.keyClick(window.table, Qt.Key_D)
    again = window.gate.dialog
    assert again.brings.toPlainText() == "Ana built the settlement service at Pagora"
    assert again.why_not.toPlainText() == "The role needs Paris"
    again.reject()


def test_settings_are_checked_at_entry(make_window, tmp_path, monkeypatch, qtbot):
    from app.dialogs import SettingsDialog

    window, ids = window_for(make_window, tmp_path, monkeypatch)
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    cases = {
        "sender.email": ("noreply@example.com", "no-reply"),
        "reply_to": ("robin at example", "not an email address"),
        "outbox.dir": (str(a_file / "outbox"), "not a folder"),
        "smtp.host": ("smtp example com", "not a server name"),
    }
    for key, (value, reason) in cases.items():
        dialog = SettingsDialog(window.settings, window)
        dialog.fields[key].setText(value)
        dialog.save()
        assert reason in dialog.error.text() and dialog.result() == 0, key
        assert window.settings.get(key) != value
        dialog.close()
    dialog = SettingsDialog(window.settings, window)
    dialog.fields["smtp.port"].setValue(0)
    dialog.save()
    assert "not a port" in dialog.error.text()
    dialog.close()
    # A good name is used at once: the audit log, notes and exports carry it without a restart.
    dialog = SettingsDialog(window.settings, window)
    dialog.fields["reviewer.name"].setText("Sam Okafor")
    dialog.save()
    assert dialog.result() == 1
    window.reviewer_changed()
    assert window.actor == "Sam Okafor" and window.pane.contact_tab.actor == "Sam Okafor"
    select_person(window, ids["bo.txt"])
    qtbot.keyClick(window.table, Qt.Key_S)
    settle(qtbot, window)
    assert (
        window.store.scalar("SELECT actor FROM audit_log WHERE action = 'status'") == "Sam Okafor"
    )


def test_first_message_asks_for_the_sender_inside_the_gate_and_loses_nothing(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, ids = window_for(make_window, tmp_path, monkeypatch)
    for key in ("sender.email", "reply_to"):
        window.settings.set(key, "")
    select_person(window, ids["ana.txt"])
    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    step = dialog.first_use
    assert step is not None and dialog.message_side.currentWidget() is step
    brings = (
        "Ana built the settlement service at Pagora in Python on PostgreSQL and mentored four "
        "junior engineers there."
    )
    why_not = "This role needs someone on site in Paris from January."
    qtbot.keyClicks(dialog.brings, brings)
    qtbot.keyClicks(dialog.why_not, why_not)
    qtbot.waitUntil(lambda: "First:" in dialog.summary.text())
    assert not dialog.send_button.isEnabled()  # nothing goes out before a sender is known
    # A no-reply address is refused, with the reason; nothing typed is lost.
    step.fields["sender.email"].setText("no-reply@example.com")
    step.fields["reply_to"].setText("no-reply@example.com")
    assert not step.save() and "no-reply" in step.error.text()
    assert dialog.message_side.currentWidget() is step
    step.fields["sender.email"].setText("robin@example.com")
    step.fields["reply_to"].setText("robin@example.com")
    step.use_outbox.setChecked(True)
    step.outbox.setText(str(tmp_path / "outbox"))
    step.save_button.click()
    assert dialog.message_side.currentWidget() is dialog.message_box
    assert window.settings.get("sender.email") == "robin@example.com"
    assert dialog.brings.toPlainText() == brings and dialog.why_not.toPlainText() == why_not
    # The message was drafted from the note, to her, and can now be sent through the gate.
    assert "You built the settlement service at Pagora" in dialog.body.toPlainText()
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=3000)
    with qtbot.waitSignal(window.message_delivered, timeout=20000):
        dialog.send_button.click()
    assert status_of(window, ids["ana.txt"]) == "let_go"
    assert list((tmp_path / "outbox").glob("*.eml"))


def test_files_that_could_not_be_read_wait_in_files_to_check(
    make_window, tmp_path, monkeypatch, qtbot
):
    from review.importer import Importer, ImportOptions

    window, _ids = window_for(make_window, tmp_path, monkeypatch)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "scan.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF"
    )
    Importer(window.store, ImportOptions(workers=1, job_id=window.job.id)).run([inbox])
    window.load_jobs(select=window.job.id)
    job_shown(window)
    window.views.setCurrentIndex(0)
    shown = {window.model.row_at(r).file for r in range(window.model.rowCount())}
    assert "scan.pdf" not in shown and window.views.tabText(0) == "To review (3)"
    assert window.views.tabText(5) == "Files to check (1)" and window.views.isTabVisible(5)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_6)
    assert window.views.currentIndex() == 5 and window.model.rowCount() == 1
    assert window.model.row_at(0).file == "scan.pdf"
    window.select_row(0)
    assert (
        window.pane.score is None
        and "No text could be read from scan.pdf" in window.pane.text.toPlainText()
    )
    assert "no_text" not in window.pane.subtitle.text()  # words, not codes
    assert QApplication.focusWidget() is window.table


def test_during_an_import_unranked_rows_show_no_score_and_the_top_is_chosen_after_ranking(
    make_window, qtbot, tmp_path
):
    from tests.gui.conftest import write_resumes
    from tests.gui.test_window import imported, job_window

    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "inbox", 6, seed=3)
    shown_while_importing = []

    def start():
        task = window.start_import([str(tmp_path / "inbox")])

        def seen(_progress):
            for r in range(window.model.rowCount()):
                row = window.model.row_at(r)
                if row.score is None:
                    shown_while_importing.append(window.model.index(r, 2).data())

        task.progress.connect(seen)

    imported(qtbot, window, start)
    assert shown_while_importing and set(shown_while_importing) == {"…"}  # never a 0
    # Nobody chose the first arrival: once ranked, the best match is the one selected.
    assert window.table.currentIndex().row() == 0 and window.current_row().rank == 1
    assert window.pane.person_id == window.current_row().person
