"""The person pane marks what the parser was not sure of, and the recruiter corrects it there:
by the keyboard (F2, Tab to a field's Correct button), through the writer, shown at once in the
pane, the table and the history."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.gui.conftest import job_shown, settle
from tests.test_corrections import DANA
from tests.worlds import PEOPLE_RESUMES, make_people


def window_on_dana(make_window, tmp_path, monkeypatch, qtbot):
    store, job_id, ids, _settings = make_people(
        tmp_path, monkeypatch, {**PEOPLE_RESUMES, "dana.txt": DANA}
    )
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    # Shortcuts belong to the active window, as on a desktop.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.select_row(window.model.row_of_person(ids["dana.txt"]))
    window.table.setFocus()
    settle(qtbot, window)
    return window, ids["dana.txt"]


def test_the_pane_marks_a_doubtful_field_and_f2_corrects_it(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, dana = window_on_dana(make_window, tmp_path, monkeypatch, qtbot)
    pane, contact = window.pane, window.pane.contact_tab
    assert pane.person_id == dana
    assert "check this: repaired autocorrect" in contact.contact_text()
    assert contact.fields.to_check() == ["emails"]
    # F2 from the list opens the dialog on the field to check.
    qtbot.keyClick(window.table, Qt.Key_F2)
    dialog = contact.dialog
    assert dialog is not None and dialog.isVisible() and dialog.field == "emails"
    assert pane.tabs.currentIndex() == 2
    assert "dana'orourke@example.ie" in html.unescape(dialog.said.text())
    save = dialog.buttons.button(QDialogButtonBox.Save)
    dialog.lines.setPlainText("dana at orourke")
    assert not save.isEnabled() and "is not an e-mail address" in dialog.problem.text()
    dialog.lines.setPlainText("dana@orourke.ie\nd.ov@work.ie")
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.LeftButton)
    settle(qtbot, window)
    emails = json.loads(window.store.scalar("SELECT emails FROM people WHERE id = ?", (dana,)))
    assert emails == ["dana@orourke.ie", "d.ov@work.ie"]
    shown = contact.contact_text()
    assert "dana@orourke.ie" in shown and "corrected by Robin Reviewer" in shown
    assert "check this" not in shown
    assert any(
        "field corrected: e-mail" in pane.history.item(i).text()
        for i in range(pane.history.count())
    )


def test_a_fields_correct_button_is_reached_by_keyboard_and_the_table_follows(
    make_window, tmp_path, monkeypatch, qtbot
):
    window, dana = window_on_dana(make_window, tmp_path, monkeypatch, qtbot)
    contact = window.pane.contact_tab
    window.pane.tabs.setCurrentIndex(2)
    button = contact.fields.buttons["name"]
    assert button.focusPolicy() & Qt.TabFocus and button.accessibleName() == "Correct name"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)
    dialog = contact.dialog
    assert dialog.field == "name"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.line)  # type at once
    dialog.line.setText("Daniela O'Rourke")
    qtbot.keyClick(dialog.line, Qt.Key_Return, Qt.ControlModifier)
    settle(qtbot, window)
    assert (
        window.store.scalar("SELECT name FROM people WHERE id = ?", (dana,)) == "Daniela O'Rourke"
    )
    assert window.pane.name.text() == "Daniela O'Rourke"
    row = window.model.row_of_person(dana)
    assert window.model.data(window.model.index(row, 1)) == "Daniela O'Rourke"
    assert "Daniela O'Rourke: name corrected" in window.statusBar().currentMessage()
    # A corrected location ranks again (a job's place counts in the score).
    contact.correct("location")
    contact.dialog.line.setText("Galway, Ireland")
    with qtbot.waitSignal(window.ranked, timeout=30_000):
        qtbot.mouseClick(contact.dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert window.pane.row["location"] == "Galway, Ireland"
    # Back to what the resume says, from the same dialog.
    contact.correct("name")
    assert contact.dialog.revert.isEnabled()
    qtbot.mouseClick(contact.dialog.revert, Qt.LeftButton)
    settle(qtbot, window)
    assert window.pane.name.text() == "Dana O'Rourke-Vance"


def test_blind_review_offers_no_correction(make_window, tmp_path, monkeypatch, qtbot):
    window, _dana = window_on_dana(make_window, tmp_path, monkeypatch, qtbot)
    window.act_blind.trigger()
    settle(qtbot, window)
    window.show_current()
    qtbot.keyClick(window.table, Qt.Key_F2)
    assert window.pane.contact_tab.dialog is None
    assert "Blind review hides their details" in window.statusBar().currentMessage()
    assert "@" not in window.pane.contact_tab.contact_text()
    window.act_blind.trigger()
    settle(qtbot, window)


def test_a_name_read_from_a_drawing_is_marked_in_the_pane(
    make_window, tmp_path, monkeypatch, qtbot
):
    # Imported through the worker pool like any file: the name drawn at the top of page one is
    # read by OCR, and the pane says to check it, with why.
    from tests.test_ocr import _pdf_with_pictured_name

    drawn = _pdf_with_pictured_name((190, 190, 380, 560), "Marta Kowalczyk")
    store, job_id, ids, _settings = make_people(
        tmp_path, monkeypatch, {**PEOPLE_RESUMES, "marta.pdf": drawn}
    )
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    window.select_row(window.model.row_of_person(ids["marta.pdf"]))
    settle(qtbot, window)
    contact = window.pane.contact_tab
    assert window.pane.person_id == ids["marta.pdf"]
    assert "Marta Kowalczyk" in contact.contact_text()
    assert "check this: drawn at the top of page 1, read by OCR" in contact.contact_text()
    assert "name" in contact.fields.to_check()
