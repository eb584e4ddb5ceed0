"""Screenshots of the app for the README and for looking at it (``make screenshots``).

Writes PNGs to ``screenshots/`` (ignored by git): first start, the demo
loaded at 1366 × 768 and at 1024 × 700, the person pane with highlights, an
import in progress, the import report and the Files to check view, blind mode,
the cheat sheet, the first-use step inside the gate, the gate with the person
beside the note, a hire and the follow-ups it schedules, and closing the loop
(the report's pictures, replies to check, a reply in the pane, an invitation:
tests/screenshots_loop.py). Offscreen; a fresh database each run.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OUT = REPO / "screenshots"


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    work = Path(tempfile.mkdtemp(prefix="shortlist-shots-"))
    os.environ["SHORTLIST_CONFIG"] = str(work / "settings.json")
    _app = QApplication(sys.argv[:1])  # kept alive while the shots are taken
    from app.errors import ErrorHandler
    from app.main_window import MainWindow
    from review.db import Store
    from review.settings import Settings

    settings = Settings()
    settings.set("reviewer.name", "Robin Reviewer")
    OUT.mkdir(exist_ok=True)
    store = Store(work / "shortlist.db")
    errors = ErrorHandler()
    errors.install()
    window = MainWindow(store, settings, errors)
    window.resize(1366, 768)
    window.show()

    def settle(ms: int = 300) -> None:
        loop_end = QTimer()
        loop_end.setSingleShot(True)
        loop = QEventLoop()
        loop_end.timeout.connect(loop.quit)
        loop_end.start(ms)
        loop.exec()

    def shot(name: str, widget=None) -> None:
        settle()
        (widget or window).grab().save(str(OUT / f"{name}.png"))
        print(f"  {OUT / name}.png")

    shot("01-first-start")
    finished = []
    window.import_finished.connect(finished.append)
    progress_shot = []

    def on_progress(p):
        if not progress_shot and p.done >= 60:
            progress_shot.append(True)
            window.grab().save(str(OUT / "04-import-in-progress.png"))
            print(f"  {OUT / '04-import-in-progress'}.png")

    window.welcome.demo_button.click()
    while window.imports.task is None:
        settle(100)
    window.imports.task.progress.connect(on_progress)
    while not finished:
        settle(200)
    settle(1500)  # the background re-rank
    if window.imports.report_dialog:
        window.imports.report_dialog.close()
    window.views.setCurrentIndex(0)
    window.select_row(0)
    shot("02-demo-loaded")
    window.resize(1024, 700)
    shot("02b-demo-loaded-1024")
    window.pane.tabs.setCurrentIndex(2)
    shot("02c-contact-1024")
    window.pane.tabs.setCurrentIndex(0)
    window.resize(1366, 768)
    window.pane.select_part(0)
    window.pane.tabs.setCurrentIndex(0)
    shot("03-person-pane-highlights")

    # An import with problems, for the report.
    bad = work / "inbox"
    bad.mkdir()
    (bad / "scan-of-cv.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 "
        b"R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 "
        b"R>>\n%%EOF"
    )
    (bad / "holiday-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (bad / "cv-final-FINAL.pdf").write_bytes(os.urandom(2048))
    shutil.copy(
        REPO.parent / "shared" / "corpus" / "resumes" / "zh_haoyua_jianli.pdf", bad / "jianli.pdf"
    )
    finished.clear()
    window.start_import([str(bad)])
    while not finished:
        settle(200)
    settle(800)
    if window.imports.report_dialog:
        shot("05-import-report", window.imports.report_dialog)
        window.imports.report_dialog.close()
    from app.main_window import FILES_VIEW
    from app.window_table import show_view

    show_view(window, FILES_VIEW)
    window.select_row(0)
    shot("05b-files-to-check")
    window.views.setCurrentIndex(0)

    window.act_blind.trigger()
    window.select_row(1)
    shot("06-blind-mode")
    window.act_blind.trigger()
    window.show_cheat_sheet()
    shot("07-cheat-sheet", window.cheat_sheet)
    window.cheat_sheet.close()
    window.act_edit_job.trigger()
    shot("08-job-editor")
    window.act_edit_job.trigger()

    # The gate, the first time: "Before your first message" stands where the message will be.
    window.views.setCurrentIndex(0)
    window.select_row(2)
    row = window.current_row()
    skills = store.one("SELECT skills, name FROM people WHERE id = ?", (row.person,))
    import json

    from review.wording import known_about, note_specificity

    first = (skills["name"] or "They").split()[0]
    known = known_about(store, row.person)
    theirs = json.loads(skills["skills"])
    notes = (
        f"{first} built and ran tools in {a} and {b} for their team, and writes about it with real "
        "care for the people who use what they build."
        for a in theirs
        for b in theirs
        if a != b
    )
    note = next((n for n in notes if note_specificity(n, known).specific), "")
    window.gate.let_go_current()
    dialog = window.gate.dialog
    dialog.resize(1340, 740)  # as on a 1366 × 768 laptop (the offscreen screen is smaller)
    dialog._split_sized = False
    dialog.hide()
    dialog.show()
    dialog.brings.setPlainText(note)
    dialog.why_not.setPlainText(
        "This role needs someone on site in Berlin four days a week from January."
    )
    settle(400)
    shot("10-first-use-step", dialog)
    step = dialog.first_use
    step.fields["reviewer.name"].setText("Robin Reviewer")
    step.fields["reviewer.signature"].setText("Talent team, Example GmbH")
    step.fields["sender.email"].setText("robin@example.com")
    step.fields["reply_to"].setText("robin@example.com")
    step.save()
    settle(600)
    shot("09-gate-dialog", dialog)
    dialog.reject()
    settle(300)

    # A hire: the check-ins follow, and the others hear now or later.
    window.views.setCurrentIndex(0)
    window.select_row(0)
    hired = window.current_row()
    from review.people import add_relationship_note

    window.writer.run(
        add_relationship_note,
        hired.person,
        "Training for a half marathon in the spring; asked about mentoring the juniors.",
        "Robin Reviewer",
    )
    while not window.writer.idle():
        settle(100)
    window.act_hired.trigger()
    while window.decisions.hire_box is None:
        settle(100)
    shot("11-hired", window.decisions.hire_box)
    window.decisions.hire_box.later.click()
    settle(300)
    window.job_actions.show_followups()
    settle(600)
    followups = window.job_actions.followups_dialog
    followups.show_all.setChecked(True)
    settle(300)
    shot("12-follow-ups", followups)
    followups.close()

    from tests.screenshots_loop import loop_shots

    loop_shots(window, store, settings, work, shot, settle)
    window.close()
    errors.uninstall()
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
