"""Screenshots of the app for the README and for looking at it (``make screenshots``).

Writes PNGs to ``screenshots/`` (ignored by git): first start, the demo
loaded, the person pane with highlights, an import in progress, the import
report, blind mode, the cheat sheet. Offscreen; a fresh database each run.
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
    window.resize(1440, 880)
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

    # The gate: a note being written, the message drafted and linted.
    settings.set("sender.name", "Robin Reviewer")
    settings.set("sender.email", "robin@example.com")
    settings.set("reply_to", "robin@example.com")
    window.views.setCurrentIndex(0)
    window.select_row(2)
    row = window.current_row()
    skills = store.one("SELECT skills, name FROM people WHERE id = ?", (row.person,))
    import json

    skill = (json.loads(skills["skills"]) or ["their work"])[0]
    first = (skills["name"] or "They").split()[0]
    window.gate.let_go_current()
    dialog = window.gate.dialog
    dialog.brings.setPlainText(
        f"{first} has years of hands-on {skill} work and writes about it with real care "
        "for the people who use what they build."
    )
    dialog.why_not.setPlainText(
        "This role needs someone on site in Berlin four days a week from January."
    )
    settle(600)
    dialog.resize(1240, 780)
    shot("09-gate-dialog", dialog)
    dialog.reject()
    window.close()
    errors.uninstall()
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
