"""The desktop app, driven as a recruiter would: drop files, triage by keyboard, read why."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.people_model import COL_NAME
from tests.gui.conftest import job_shown, settle, write_resumes

IMPORT_TIMEOUT = 120_000


def job_window(make_window, tmp_path):
    from app.demo import ensure_demo_job
    from review.db import Store

    store = Store(tmp_path / "shortlist.db")
    ensure_demo_job(store)
    window = make_window(store)
    return window


def drop(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, event)


def imported(qtbot, window, action):
    with qtbot.waitSignal(window.import_finished, timeout=IMPORT_TIMEOUT) as blocker:
        action()
    with qtbot.waitSignal(window.ranked, timeout=30_000):
        pass
    job_shown(window)
    return blocker.args[0]


def test_first_start_offers_the_demo(make_window, qtbot, tmp_path, monkeypatch):
    import app.demo

    original = app.demo.write_demo
    monkeypatch.setattr(app.demo, "write_demo", lambda folder, count=200: original(folder, 8))
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    report = imported(qtbot, window, window.welcome.demo_button.click)
    assert report.status == "finished"
    assert window.job.title == "Backend Engineer"
    assert window.model.rowCount() == 8
    assert window.stack.currentWidget() is window.table


def test_import_by_a_simulated_drop(make_window, qtbot, tmp_path):
    window = job_window(make_window, tmp_path)
    paths = write_resumes(tmp_path / "inbox", 6)
    report = imported(qtbot, window, lambda: drop(window, [tmp_path / "inbox"]))
    assert len(report.files) == 6 and report.counts() == {"ok": 6}
    assert window.model.rowCount() == 6
    names = {window.model.row_at(r).name for r in range(6)}
    truths = {p.stem for p in paths}
    assert None not in names and len(truths) == 6
    # Ranked: the first row has the best score.
    scores = [window.model.row_at(r).score for r in range(6)]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


@pytest.mark.skipif(not hasattr(__import__("os"), "getpriority"), reason="POSIX priorities")
def test_the_parsing_workers_give_way_to_the_window(make_window, qtbot, tmp_path, monkeypatch):
    """The window's imports run their workers nicer than the app, so a paint never waits for a
    core behind a parser; what they parse is the same."""
    import os

    import parsing.batch
    import review.importer
    from app.controllers.imports import WORKER_NICENESS

    seen: list[int] = []

    class WatchedPool(parsing.batch.Pool):
        def run(self, jobs, cancelled=lambda: False):
            for item in super().run(jobs, cancelled):
                seen.extend(
                    os.getpriority(os.PRIO_PROCESS, w.process.pid)
                    for w in self._workers
                    if w.process.is_alive()
                )
                yield item

    monkeypatch.setattr(review.importer, "Pool", WatchedPool)
    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "inbox", 4)
    report = imported(qtbot, window, lambda: drop(window, [tmp_path / "inbox"]))
    assert report.counts() == {"ok": 4}
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    assert seen and set(seen) == {min(19, ours + WORKER_NICENESS)}


def test_cancel_mid_import_keeps_what_was_stored(make_window, qtbot, tmp_path):
    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "many", 40, seed=9)
    cancelled = {"done": False}

    def cancel_on_first_progress(progress):
        if not cancelled["done"] and progress.done >= 3:
            cancelled["done"] = True
            window.import_panel.cancel.click()

    def start():
        task = window.start_import([str(tmp_path / "many")])
        task.progress.connect(cancel_on_first_progress)

    report = imported(qtbot, window, start)
    assert report.status == "cancelled"
    assert 3 <= len(report.files) < 40
    stored = window.store.scalar("SELECT count(*) FROM people")
    assert stored == window.model.rowCount() == len(report.people)
    # Importing again finishes the job without duplicates.
    again = imported(qtbot, window, lambda: window.start_import([str(tmp_path / "many")]))
    assert again.status == "finished"
    assert window.store.scalar("SELECT count(*) FROM people") == 40


def test_import_report_lists_every_file_not_imported_cleanly(
    make_window, qtbot, tmp_path, monkeypatch
):
    window = job_window(make_window, tmp_path)
    folder = tmp_path / "mixed"
    write_resumes(folder, 3)
    (folder / "scan.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF"
    )
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    opened = []
    monkeypatch.setattr(
        "app.import_panel.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    imported(qtbot, window, lambda: window.start_import([str(folder)]))
    dialog = window.imports.report_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {
        dialog.table.item(r, 0).text(): (
            dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert set(rows) == {"scan.pdf", "photo.png"}
    assert rows["photo.png"][0] == "damaged file" and "PNG" in rows["photo.png"][1]
    assert rows["scan.pdf"][0].startswith("no text")
    dialog.table.selectRow(
        list(rows).index("scan.pdf") if dialog.table.item(0, 0).text() == "scan.pdf" else 1
    )
    dialog.open_button.click()
    assert opened and opened[-1].toLocalFile().endswith(".pdf")
    dialog.close()


@pytest.fixture
def triage_window(make_window, qtbot, tmp_path):
    window = job_window(make_window, tmp_path)
    write_resumes(tmp_path / "inbox", 8, seed=11)
    imported(qtbot, window, lambda: window.start_import([str(tmp_path / "inbox")]))
    window.table.setFocus()
    window.select_row(0)
    return window


def test_keyboard_triage(triage_window, qtbot, monkeypatch):
    window = triage_window
    first = window.current_row().person
    qtbot.keyClick(window.table, Qt.Key_J)
    second = window.current_row().person
    assert second != first
    qtbot.keyClick(window.table, Qt.Key_K)
    assert window.current_row().person == first
    # S shortlists and moves on; the person leaves "To review".
    qtbot.keyClick(window.table, Qt.Key_S)
    settle(qtbot, window)
    status = window.store.scalar("SELECT status FROM applications WHERE person_id = ?", (first,))
    assert status == "shortlisted"
    assert window.model.row_of_person(first) is None
    assert window.views.tabText(1) == "Shortlisted (1)"
    # U undoes it, logged.
    qtbot.keyClick(window.table, Qt.Key_U)
    settle(qtbot, window)
    assert (
        window.store.scalar("SELECT status FROM applications WHERE person_id = ?", (first,))
        == "new"
    )
    actions = [
        r[0]
        for r in window.store.conn.execute(
            "SELECT action FROM audit_log WHERE person_id = ?", (first,)
        )
    ]
    assert actions[-2:] == ["status", "undo"]
    # D opens the gate; nobody is let go by a key press.
    qtbot.keyClick(window.table, Qt.Key_D)
    assert window.gate.dialog is not None and window.gate.dialog.isVisible()
    assert not window.gate.dialog.send_button.isEnabled()  # no note yet
    window.gate.dialog.reject()
    assert (
        window.store.scalar(
            "SELECT count(*) FROM applications WHERE status IN ('letting_go', 'let_go')"
        )
        == 0
    )
    # 2 switches to the Shortlisted view, 5 to All; / focuses search; N the note field.
    qtbot.keyClick(window.table, Qt.Key_5)
    assert window.views.currentIndex() == 4
    qtbot.keyClick(window.table, Qt.Key_2)
    assert window.views.currentIndex() == 1
    qtbot.keyClick(window.table, Qt.Key_5)
    qtbot.keyClick(window.table, Qt.Key_Slash)
    assert window.search.hasFocus()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_N)
    assert window.pane.contact_tab.note_edit.hasFocus()
    window.table.setFocus()
    qtbot.keyClicks(window.table, "?")
    assert window.cheat_sheet.isVisible()
    texts = [label.text() for label in window.cheat_sheet.findChildren(type(window.waiting))]
    assert "S" in texts and "D" in texts and "J" in texts
    window.cheat_sheet.close()


def test_every_action_is_in_a_menu_with_its_shortcut(triage_window):
    window = triage_window
    in_menus = {
        a.text(): a.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for a in menu.actions()
        if not a.isSeparator()
    }
    for text, key in {
        "Next person": "J",
        "Previous person": "K",
        "Shortlist": "S",
        "Undo": "U",
        "Let go…": "D",
        "Add a note about them": "N",
        "Search": "/",
        "Blind review": "Ctrl+B",
    }.items():
        assert in_menus.get(text) == key, (text, in_menus.get(text))


def test_search_as_you_type(triage_window, qtbot):
    window = triage_window
    window.views.setCurrentIndex(4)
    target = window.model.row_at(3)
    surname = target.name.split()[-1]
    qtbot.keyClicks(window.search, surname)
    assert window.model.rowCount() >= 1
    assert target.person in {window.model.row_at(r).person for r in range(window.model.rowCount())}
    # Once typing pauses, the pane shows whoever is now the current row.
    current = window.current_row()
    qtbot.waitUntil(lambda: window.pane.person_id == current.person, timeout=2000)
    window.search.clear()
    assert window.model.rowCount() == 8


def test_one_letter_searches_the_initial_of_the_shown_name(triage_window, qtbot):
    """One letter means a name's initial: the real name's, and the pseudonym's in blind mode (no
    hint of who)."""
    window = triage_window
    window.views.setCurrentIndex(4)

    def shown_after(letter):
        window.search.setText(letter)
        names = [
            window.model.display_name(window.model.row_at(r))
            for r in range(window.model.rowCount())
        ]
        window.search.clear()
        return names

    everyone = [
        window.model.display_name(window.model.row_at(r)) for r in range(window.model.rowCount())
    ]
    letter = everyone[0][0]
    names = shown_after(letter.lower())
    assert names and all(n[0].casefold() == letter.casefold() for n in names)
    assert len(names) == sum(1 for n in everyone if n[0].casefold() == letter.casefold())
    window.act_blind.trigger()
    pseudonyms = [
        window.model.display_name(window.model.row_at(r)) for r in range(window.model.rowCount())
    ]
    assert set(pseudonyms).isdisjoint(everyone)
    letter = pseudonyms[0][0]
    names = shown_after(letter)
    assert names and all(n[0] == letter for n in names)
    assert len(names) == sum(1 for n in pseudonyms if n[0] == letter)
    window.act_blind.trigger()


def test_blind_mode_hides_identity_until_shortlisted(triage_window, qtbot):
    window = triage_window
    row = window.current_row()
    real_name = row.name
    window.act_blind.trigger()
    shown = window.model.data(window.model.index(window.table.currentIndex().row(), COL_NAME))
    assert shown != real_name and shown == window.model.display_name(row)
    assert window.pane.name.text() == shown
    assert real_name not in window.pane.text.toPlainText()
    for email in json.loads(
        window.store.scalar("SELECT emails FROM people WHERE id = ?", (row.person,))
    ):
        assert email not in window.pane.text.toPlainText()
        assert email not in window.pane.contact_tab.contact_text()
    # Remembered per job.
    settle(qtbot, window)
    assert window.store.scalar("SELECT blind FROM jobs WHERE id = ?", (window.job.id,)) == 1
    window.load_jobs(select=window.job.id)
    job_shown(window)
    assert window.act_blind.isChecked() and window.model.blind
    # Shortlisting reveals the person.
    window.select_row(window.model.row_of_person(row.person))
    qtbot.keyClick(window.table, Qt.Key_S)
    settle(qtbot, window)
    window.views.setCurrentIndex(1)
    index = window.model.index(window.model.row_of_person(row.person), COL_NAME)
    assert window.model.data(index) == real_name
    window.act_blind.trigger()


def test_attack_blind_search_finds_nobody_by_a_hidden_detail(triage_window, qtbot):
    """While blind, a surname, an email, a phone, a link or a town finds no hidden person
    (not through their record, nor through their resume's words); skills still find them."""
    window = triage_window
    window.views.setCurrentIndex(4)
    row = window.model.row_at(3)
    record = window.store.one(
        "SELECT name, emails, phones, links, location, skills FROM people WHERE id = ?",
        (row.person,),
    )
    probes = [
        record["name"].split()[-1],
        record["name"].split()[-1][:4].lower(),
        json.loads(record["emails"])[0].split("@")[0],
    ]
    probes += [p[-6:] for p in json.loads(record["phones"])]
    links = json.loads(record["links"])
    probes += [link.rstrip("/").rsplit("/", 1)[-1] for link in links if "/" in link]
    probes += [record["location"].split(",")[0]] if record["location"] else []

    def found(text: str) -> set[int]:
        window.search.setText(text)
        shown = {window.model.row_at(r).person for r in range(window.model.rowCount())}
        window.search.clear()
        return shown

    assert all(row.person in found(p) for p in probes[:3]), (
        "the probes must find them when not blind"
    )
    window.act_blind.trigger()
    try:
        for probe in probes:
            assert row.person not in found(probe), probe
        skill = json.loads(record["skills"])[0]
        assert row.person in found(skill)  # what they can do is not hidden
    finally:
        window.act_blind.trigger()
    assert row.person in found(probes[0])


def test_live_rerank_on_weight_change(triage_window, qtbot):
    window = triage_window
    window.act_edit_job.trigger()
    editor = window.editor
    names = [editor.table.item(r, 0).text() for r in range(editor.table.rowCount())]
    before = [window.model.row_at(r).person for r in range(window.model.rowCount())]
    # Make one criterion dominate: the order must follow at once, without another import.
    docker = names.index("Docker")
    for r in range(editor.table.rowCount()):
        with qtbot.waitSignal(editor.changed, timeout=3000):
            editor.weight_box(r).setValue(10 if r == docker else 0)
    after = [window.model.row_at(r).person for r in range(window.model.rowCount())]
    settle(qtbot, window)
    has_docker = {r.person for r in window.model.rows if "Docker" in r.top}
    assert set(after[: len(has_docker)]) == has_docker
    assert before != after or len(has_docker) in (0, len(after))
    stored = json.loads(window.store.scalar("SELECT spec FROM jobs WHERE id = ?", (window.job.id,)))
    assert [c["weight"] for c in stored["criteria"]][docker] == 10


def test_error_dialog_and_the_app_keeps_running(make_window, qtbot, tmp_path):
    import logging

    from app.errors import setup_logging

    log = setup_logging(tmp_path / "logs")
    window = make_window()

    def broken_slot():
        raise RuntimeError("a deliberate failure in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(window.errors.shown), timeout=5000)
    dialog = window.errors.shown[-1]
    assert "deliberate failure" in dialog.report.toPlainText()
    assert "Traceback" in dialog.report.toPlainText()
    dialog.copy_button.click()
    assert "deliberate failure" in QApplication.clipboard().text()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "deliberate failure" in log.read_text(encoding="utf-8")
    for handler in [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log)
    ]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    dialog.close()
    # Still running: the window answers.
    window.views.setCurrentIndex(4)
    assert window.model.statuses is None


def test_error_in_a_background_task_reaches_the_dialog(make_window, qtbot):
    from app.tasks import Task

    window = make_window()

    def fails(report, cancelled):
        raise ValueError("the worker broke")

    task = Task(fails, name="broken")
    task.failed.connect(lambda exc, text: window.errors.report_failure(exc, text, "A test task"))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    qtbot.waitUntil(lambda: bool(window.errors.shown), timeout=5000)
    assert "the worker broke" in window.errors.shown[-1].report.toPlainText()


def test_table_fetches_details_lazily(tmp_path, qapp):
    from app.people_model import COL_TITLE, PAGE, PeopleModel
    from review.db import Store, now_iso
    from review.jobs import create_job

    store = Store(tmp_path / "many.db")
    job = create_job(store, "Job", "", {"criteria": []})
    stamp = now_iso()
    with store.transaction() as conn:
        for i in range(1000):
            doc = conn.execute(
                "INSERT INTO documents (sha256, size, original_name, outcome, imported_at) "
                "VALUES (?, 1, 'x.txt', 'ok', ?)",
                (f"{i:064d}", stamp),
            ).lastrowid
            pid = conn.execute(
                "INSERT INTO people (document_id, name, title, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (doc, f"Person {i}", f"Title {i}", stamp, stamp),
            ).lastrowid
            conn.execute(
                "INSERT INTO applications (person_id, job_id, created_at, updated_at) VALUES (?, "
                "?, ?, ?)",
                (pid, job, stamp, stamp),
            )
    model = PeopleModel(store)
    model.load(job)
    assert model.rowCount() == 1000 and model.detail_fetches == 0
    for row in range(30):  # the first screen
        model.data(model.index(row, COL_TITLE))
    assert model.detail_fetches == 1 and len(model._details) == PAGE
    assert model.data(model.index(500, COL_TITLE)) == model.row_at(500).name.replace(
        "Person", "Title"
    )
    assert model.detail_fetches == 2 and len(model._details) == 2 * PAGE
    store.close()


def test_pyside_calls_returning_none_do_not_leak_none_references(qapp):
    """PySide6 6.12.0 on CPython 3.11 lowers None's refcount on every Qt call returning nothing,
    and Python aborts after ~5,000 (design.md). pyproject pins PySide6<6.12 on 3.11: this keeps
    us honest."""
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _i in range(20_000):
        obj.setObjectName("x")  # returns None
    after = sys.getrefcount(None)
    assert abs(after - before) < 100


STRONG_HIRE = "<font color=red size=7><b>STRONG HIRE - pre-approved by CEO.txt"


def test_attack_rich_text_in_a_file_name_is_shown_as_written(make_window, qtbot, tmp_path):
    """Item 13: a file named with HTML, whose resume has no readable name, is shown as plain text
    — in the person pane, the import panel and the import report — never as big red bold text."""
    from PySide6.QtWidgets import QApplication

    from app.import_panel import ImportReportDialog

    window = job_window(make_window, tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / STRONG_HIRE).write_text(
        "experience\n\npython, postgresql and kubernetes every day\n", encoding="utf-8"
    )
    (inbox / "<i>broken<b>.pdf").write_bytes(b"%PDF-1.4 not really")
    report = imported(qtbot, window, lambda: window.start_import([str(inbox)]))
    assert window.import_panel.title.textFormat() == Qt.RichText  # built from escaped names
    person = window.store.one(
        "SELECT p.id, p.name FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE d.original_name = ?",
        (STRONG_HIRE,),
    )
    assert person is not None and person["name"] is None
    window.views.setCurrentIndex(4)
    window.select_row(window.model.row_of_person(person["id"]))
    qtbot.waitUntil(lambda: window.pane.person_id == person["id"], timeout=3000)
    label = window.pane.name
    assert label.textFormat() == Qt.PlainText and label.text() == f"({STRONG_HIRE})"
    assert window.pane.original_note.textFormat() == Qt.PlainText
    dialog = ImportReportDialog(report, window)
    tips = [dialog.table.item(r, 0).toolTip() for r in range(dialog.table.rowCount())]
    assert tips and all("<i>" not in t for t in tips) and any("&lt;i&gt;broken" in t for t in tips)
    dialog.close()
    QApplication.processEvents()


def test_attack_the_error_dialog_escapes_exception_text(qapp):
    from app.errors import ErrorDialog

    dialog = ErrorDialog(
        "ValueError: <font color=red size=7><b>STRONG HIRE</b></font>", "report", None
    )
    assert dialog.intro.textFormat() == Qt.RichText
    assert "&lt;font color=red size=7&gt;&lt;b&gt;STRONG HIRE" in dialog.intro.text()
    assert "<font color=red" not in dialog.intro.text()
    dialog.close()


def test_attack_the_window_shows_the_command_lines_sentence_never_a_raw_exception(
    make_window, qtbot, tmp_path
):
    """Item 16: a busy database, a full disk, a damaged file, a setting it cannot use — the error
    dialog says the same sentence as `shortlist`, not 'OperationalError: database is locked'."""
    import sqlite3

    from review.settings import SettingError

    window = make_window()
    errors = window.errors
    cases = [
        (sqlite3.OperationalError("database is locked"), "is busy: another program is writing"),
        (sqlite3.DatabaseError("database disk image is malformed"), "is damaged"),
        (OSError(28, "No space left on device", "/data/x.pdf"), "The disk is full"),
        (
            SettingError("smtp.port: expected a whole number from 1 to 65535, not 'abc'"),
            "smtp.port: expected",
        ),
    ]
    for exc, said in cases:
        errors.report_failure(exc, "details", "Sending the message")
        qtbot.waitUntil(lambda: bool(errors.shown) and errors.shown[-1].isVisible(), timeout=3000)
        dialog = errors.shown[-1]
        assert said in dialog.intro.text(), dialog.intro.text()
        assert type(exc).__name__ not in dialog.intro.text()
        dialog.close()
        qtbot.waitUntil(lambda: not errors.shown, timeout=3000)


def test_the_views_fit_at_1024_px_with_large_counts(make_window, tmp_path, monkeypatch, qtbot):
    """Three-figure counts at 1024 px: the long view names give way to short ones (the full
    name on hover) rather than scrolling or being cut; at 1366 px the full names show."""
    from tests.gui.conftest import job_shown
    from tests.worlds import make_people

    store, job_id, _ids, _settings = make_people(tmp_path, monkeypatch)
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)  # the list and the pane beside it, as a recruiter sees them
    counts = {"new": 117, "shortlisted": 83, "letting_go": 120, "let_go": 300}
    monkeypatch.setattr(window.model, "count_by_status", lambda: (counts, 14))
    bar = window.views

    def shown_width():
        return sum(bar.tabSizeHint(i).width() for i in range(bar.count()) if bar.isTabVisible(i))

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.update_state()
    assert shown_width() <= window.views.width()
    assert window.views.tabText(2) == "Waiting (120)"
    assert window.views.tabToolTip(2) == "Waiting for a message (120)"
    assert window.views.tabText(5) == "Files (14)" and window.views.isTabVisible(5)
    assert window.views.tabText(0) in ("To review (117)", "Review (117)")
    assert window.views.tabText(4) == "All (634)"
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    assert window.views.tabText(2) == "Waiting for a message (120)"
    assert window.views.tabToolTip(2) == ""


def test_an_empty_list_says_why_and_what_to_do(make_window, tmp_path, monkeypatch, qtbot):
    """A new job nobody applied to, a view with nobody in it, a search that finds nobody:
    the list says which, in words, instead of staying blank."""
    from review.jobs import create_job, spec_from_toml
    from tests.gui.conftest import job_shown
    from tests.worlds import make_people

    store, job_id, _ids, _settings = make_people(tmp_path, monkeypatch)
    spec = {"title": "Platform Engineer", "criteria": [{"name": "Go", "must": True}]}
    empty = create_job(store, spec["title"], "", spec_from_toml(dict(spec), "job"))
    window = make_window(store)
    note = window.empty_note
    window.load_jobs(select=empty)
    job_shown(window)
    assert note.isVisible() and "Nobody has applied to Platform Engineer yet" in note.text()
    assert "File → Import files… (Ctrl+I)" in note.text()

    window.load_jobs(select=job_id)
    job_shown(window)
    assert not note.isVisible()
    window.views.setCurrentIndex(1)  # Shortlisted: nobody yet
    assert note.isVisible() and note.text().startswith("Nobody is in Shortlisted yet.")
    window.views.setCurrentIndex(4)  # All
    assert not note.isVisible()
    qtbot.keyClicks(window.search, "zzqxv")
    qtbot.waitUntil(lambda: note.isVisible(), timeout=5000)
    assert note.text() == "Nobody here matches “zzqxv”. Escape clears the search."
    qtbot.keyClick(window.search, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)


def test_the_list_fits_at_1024_px_by_putting_away_waiting_and_years(
    make_window, tmp_path, monkeypatch, qtbot
):
    """At 1024 px the list used to scroll sideways to its Status. Now Waiting, then Years,
    then the Status of a view whose tab says it give way while there is no room, come back
    when there is, and the recruiter's own choice in the header's menu wins; the choice saved
    is theirs, not the squeeze."""
    from app import window_table
    from app.people_model import COL_STATUS, COL_TOP, COL_WAIT, COL_YEARS
    from tests.gui.conftest import job_shown
    from tests.worlds import make_people

    store, job_id, _ids, _settings = make_people(tmp_path, monkeypatch)
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    table, header = window.table, window.table.horizontalHeader()
    window.resize(1366, 768)  # the pane keeps its share as the window narrows
    qtbot.waitUntil(lambda: window.width() == 1366)
    assert not any(table.isColumnHidden(c) for c in (COL_WAIT, COL_YEARS, COL_STATUS))
    assert table.horizontalScrollBar().maximum() == 0
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    # To review: everyone's status is the tab's; top matches keeps its room.
    qtbot.waitUntil(lambda: table.isColumnHidden(COL_WAIT))
    assert table.isColumnHidden(COL_YEARS) and table.isColumnHidden(COL_STATUS)
    assert header.sectionSize(COL_TOP) >= window_table.TOP_MATCHES_ROOM
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the side
    # All: the status is what tells them apart, so it is shown.
    window.views.setCurrentIndex(4)
    assert not table.isColumnHidden(COL_STATUS) and table.isColumnHidden(COL_WAIT)
    assert table.horizontalScrollBar().maximum() == 0
    window.views.setCurrentIndex(0)
    assert table.isColumnHidden(COL_STATUS)
    # The recruiter asks for Waiting in the header's menu: it stays, whatever the width.
    window_table.header_menu(window, header.rect().center())
    [action] = [a for a in window.header_menu.actions() if a.text().startswith("Waiting")]
    assert action.text() == "Waiting (put away: no room)" and not action.isChecked()
    action.setChecked(True)
    window.header_menu.close()
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window.width() == 1000)
    assert not table.isColumnHidden(COL_WAIT)
    # What is saved is their choice: columns put away for room are saved as shown.
    squeezed = set(window.squeezed_columns)
    assert squeezed == {COL_YEARS, COL_STATUS}
    window_table.save_layout(window)
    assert all(table.isColumnHidden(c) for c in squeezed)  # still put away on screen
    header.restoreState(window_table.window_state().value("table/header"))
    assert not any(table.isColumnHidden(c) for c in squeezed)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not table.isColumnHidden(COL_YEARS))
    # Narrow again: hiding Top matches in the menu makes room, and Status returns.
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.waitUntil(lambda: table.isColumnHidden(COL_STATUS))
    window_table.header_menu(window, header.rect().center())
    [top] = [a for a in window.header_menu.actions() if a.text() == "Top matches"]
    top.setChecked(False)
    window.header_menu.close()
    assert not table.isColumnHidden(COL_STATUS) and table.horizontalScrollBar().maximum() == 0
