"""File → Export, the manager's answers, contact preferences and follow-ups, through the window."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QFileDialog

from tests.gui.conftest import job_shown, settle
from tests.worlds import make_people


def window_for(make_window, tmp_path, monkeypatch):
    store, job_id, ids, settings = make_people(tmp_path, monkeypatch)
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    return window, ids, settings


def test_export_from_the_window_and_answers_back(make_window, tmp_path, monkeypatch, qtbot):
    from app.relationship_dialogs import ExportDialog

    window, _ids, _settings = window_for(make_window, tmp_path, monkeypatch)
    window.views.setCurrentIndex(4)
    out = tmp_path / "shortlist.csv"
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.Accepted)
    monkeypatch.setattr(
        ExportDialog,
        "choice",
        lambda self: {"fmt": "csv", "page": "A4", "include": "all", "blind": False},
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV"))
    window.job_actions.export_shortlist()
    # Ranked and gathered in the background, then written.
    qtbot.waitUntil(lambda: window.job_actions.last_export == out, timeout=20_000)
    text = out.read_text(encoding="utf-8-sig")
    assert "Ana Quintero Bravo" in text and "manager_decision" in text
    answers = text.replace(",new,,\n", ",new,no,Not this time\n", 1)
    back = tmp_path / "answers.csv"
    back.write_text(answers, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(back), "CSV"))
    window.job_actions.import_manager_answers()
    settle(qtbot, window)
    assert (
        window.store.scalar("SELECT count(*) FROM applications WHERE manager_decision = 'no'") == 1
    )
    assert window.store.scalar("SELECT count(*) FROM applications WHERE status <> 'new'") == 0
    # The pane shows the manager's answer as a suggestion.
    person = window.store.scalar("SELECT person_id FROM applications WHERE manager_decision = 'no'")
    window.select_row(window.model.row_of_person(person))
    assert (
        "Hiring manager" in window.pane.advice.text()
        and "a suggestion" in window.pane.advice.text()
    )


def test_contact_preferences_edited_in_the_pane(make_window, tmp_path, monkeypatch, qtbot):
    window, ids, _settings = window_for(make_window, tmp_path, monkeypatch)
    window.views.setCurrentIndex(4)
    window.select_row(window.model.row_of_person(ids["bo.txt"]))
    pane = window.pane.contact_tab
    pane.pref_channel.setCurrentIndex(pane.pref_channel.findData("phone"))
    pane.pref_frequency.setCurrentIndex(pane.pref_frequency.findData("quarterly"))
    # What a person reads is words, never the stored values ("matching_roles").
    shown = [pane.pref_frequency.itemText(i) for i in range(pane.pref_frequency.count())]
    assert "only roles that match them" in shown and not any("_" in text for text in shown)
    pane.pref_consent.setChecked(True)
    settle(qtbot, window)
    row = window.store.one(
        "SELECT channel, frequency, consent, consent_date FROM contact_preferences WHERE person_id "
        "= ?",
        (ids["bo.txt"],),
    )
    assert (
        row["channel"] == "phone"
        and row["frequency"] == "quarterly"
        and row["consent"] == 1
        and row["consent_date"]
    )
    assert "Consent recorded" in pane.pref_note.text()


def test_hire_makes_check_ins_that_the_followups_dialog_shows(
    make_window, tmp_path, monkeypatch, qtbot
):
    from datetime import UTC, datetime, timedelta

    from review.workflow import application_for, set_status

    window, ids, _settings = window_for(make_window, tmp_path, monkeypatch)
    app = application_for(window.store, ids["cy.txt"], window.job.id)["id"]
    set_status(window.store, app, "hired", "robin")
    with window.store.transaction() as conn:  # a week has passed
        conn.execute(
            "UPDATE followups SET due_at = ? WHERE person_id = ? AND title LIKE '%1 week%'",
            ((datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds"), ids["cy.txt"]),
        )
    window.job_actions.show_followups()
    dialog = window.job_actions.followups_dialog
    settle(qtbot, window)
    assert dialog.list.count() == 1 and "1 week" in dialog.list.item(0).text()
    dialog.done_button.click()
    settle(qtbot, window)
    assert dialog.list.count() == 0
    dialog.show_all.setChecked(True)
    assert dialog.list.count() == 2  # 4 and 12 weeks, coming up
    dialog.close()


def test_new_job_from_an_ad_suggests_people_you_already_know(
    make_window, tmp_path, monkeypatch, qtbot
):
    from app.relationship_dialogs import NewJobDialog, PoolDialog
    from review.relationship import set_preferences
    from tests.worlds import let_go

    window, ids, settings = window_for(make_window, tmp_path, monkeypatch)
    set_preferences(window.store, ids["ana.txt"], "robin", frequency="matching_roles", consent=True)
    let_go(
        window.store,
        settings,
        ids["ana.txt"],
        window.job.id,
        "Ana built the settlement service at Pagora in Python and mentored four junior engineers "
        "there.",
        "This role needs someone in Berlin on site from January.",
    )

    def fill(self):
        self.title.setText("Payments Engineer")
        self.ad.setPlainText(
            "Payments Engineer\n\nRequirements\n- 5+ years with Python and PostgreSQL\n"
        )
        return QDialog.Accepted

    chosen = {}

    def accept_pool(self):
        chosen["ids"] = self.chosen()
        return QDialog.Accepted

    monkeypatch.setattr(NewJobDialog, "exec", fill)
    monkeypatch.setattr(PoolDialog, "exec", accept_pool)
    window.job_actions.new_job()
    # The pool is ranked in the background, then offered; the people chosen are added.
    qtbot.waitUntil(lambda: "ids" in chosen, timeout=30_000)
    settle(qtbot, window)
    job_shown(window)
    assert window.job.title == "Payments Engineer"
    names = [c["name"] for c in window.job.spec["criteria"]]
    assert {"Python", "PostgreSQL"} <= set(names) and window.job.spec["min_years"] == 5
    assert chosen["ids"] == [ids["ana.txt"]]
    assert window.model.row_of_person(ids["ana.txt"]) is not None
    assert json.loads(
        window.store.scalar("SELECT detail FROM audit_log WHERE action = 'added_from_talent_pool'")
    )


def test_attack_an_export_the_disk_refuses_is_one_plain_sentence_in_the_window(
    make_window, tmp_path, monkeypatch, qtbot
):
    from PySide6.QtCore import Qt

    from app.relationship_dialogs import ExportDialog

    window, _ids, _settings = window_for(make_window, tmp_path, monkeypatch)
    choice = {"fmt": "pdf", "page": "A4", "include": "all", "blind": False}
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.Accepted)
    monkeypatch.setattr(ExportDialog, "choice", lambda self: choice)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("/proc/version", "PDF"))
    window.job_actions.export_shortlist()  # no exception reaches the error handler
    # The shortlist is gathered in the background; writing it is refused.
    qtbot.waitUntil(lambda: window.job_actions.export_problem is not None, timeout=20_000)
    box = window.job_actions.export_problem
    assert box.isVisible() and box.textFormat() == Qt.PlainText
    assert box.text().startswith("could not write /proc/version: ")
    assert window.job_actions.last_export is None
    box.close()


def test_their_data_exported_and_erased_from_the_window(make_window, tmp_path, monkeypatch, qtbot):
    """Review → Export their data…, then Erase them everywhere…: asked first, the exports
    that hold them listed and deleted when the box is ticked, gone from every list after."""
    from app.relationship_dialogs import ExportDialog

    window, ids, _settings = window_for(make_window, tmp_path, monkeypatch)
    window.views.setCurrentIndex(4)  # All
    ana = ids["ana.txt"]
    window.select_row(window.model.row_of_person(ana))
    out = tmp_path / "theirs"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    window.act_export_person.trigger()
    settle(qtbot, window)
    held = json.loads((out / f"person-{ana}" / "person.json").read_text(encoding="utf-8"))
    assert "Ana Quintero Bravo" in json.dumps(held)
    assert f"is in {out / f'person-{ana}'}" in window.statusBar().currentMessage()

    # A shortlist export that holds her: the erasure lists it and offers to delete it.
    csv = tmp_path / "shortlist.csv"
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.Accepted)
    monkeypatch.setattr(
        ExportDialog,
        "choice",
        lambda self: {"fmt": "csv", "page": "A4", "include": "all", "blind": False},
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(csv), "CSV"))
    window.job_actions.export_shortlist()
    qtbot.waitUntil(lambda: window.job_actions.last_export == csv, timeout=20_000)
    settle(qtbot, window)

    # Cancel first: nothing happens.
    window.select_row(window.model.row_of_person(ana))
    window.act_erase_person.trigger()
    box = window.their_data.dialog
    assert "cannot be undone" in box.text() and "Ana Quintero Bravo" in box.text()
    assert str(csv) in box.informativeText()
    box.button(box.StandardButton.Cancel).click()
    settle(qtbot, window)
    assert window.store.scalar("SELECT count(*) FROM people WHERE id = ?", (ana,)) == 1
    assert csv.exists()

    window.act_erase_person.trigger()
    box = window.their_data.dialog
    box.checkBox().setChecked(True)
    [erase] = [b for b in box.buttons() if b.text() == "Erase"]
    erase.click()
    settle(qtbot, window)
    job_shown(window)
    assert window.store.scalar("SELECT count(*) FROM people WHERE id = ?", (ana,)) == 0
    assert not csv.exists()  # the export that held her, deleted as asked
    assert window.model.row_of_person(ana) is None
    assert "Ana Quintero Bravo" not in window.statusBar().currentMessage()  # #id, not her name
