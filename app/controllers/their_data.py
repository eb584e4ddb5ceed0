"""Their data, their say, from the window: Review → Export their data… and Erase them
everywhere…, for the person the pane shows (the same as ``shortlist person export`` and
``shortlist person erase``).

Both write (the export is recorded, so an erasure can find it later) and both run on the
window's one writer. Erasing asks first, in words that say it cannot be undone, and lists
the exports Shortlist wrote that still hold them, with a box to delete those too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox

from app.errors import warn
from review.privacy import ErasureRefused, erase_person, export_person, files_holding


class TheirData(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QMessageBox | None = None  # the open "Erase …?" question
        self.problem: QMessageBox | None = None  # the last warning shown

    def _who(self, row) -> str:
        # While blind, the pseudonym: the recruiter still knows whom they chose.
        return f"{self.window.model.display_name(row)} (#{row.person})"

    def export_current(self) -> None:
        w = self.window
        row = w.acting_row()
        if row is None:
            w.statusBar().showMessage("Choose the person whose data to export.", 5000)
            return
        folder = QFileDialog.getExistingDirectory(
            w, f"Export everything held about {self._who(row)} into…"
        )
        if not folder:
            return

        def written(path) -> None:
            w.statusBar().showMessage(f"Everything held about {self._who(row)} is in {path}", 10000)

        def failed(exc: BaseException, text: str) -> None:
            if isinstance(exc, OSError):
                self.problem = warn(w, "Export their data", f"{folder}: {exc.strerror or exc}")
            else:
                w.report_failure(exc, text, "Exporting their data")

        w.writer.run(export_person, row.person, folder, success=written, failure=failed)

    def erase_current(self) -> None:
        w = self.window
        row = w.acting_row()
        if row is None:
            w.statusBar().showMessage("Choose the person to erase.", 5000)
            return
        exports = [f for f in files_holding(w.store, row.person) if f["kind"] != "backup"]
        box = QMessageBox(
            QMessageBox.Warning,
            "Erase them everywhere",
            f"Erase {self._who(row)} everywhere: their rows, resume text, files and messages, "
            "on every job? This cannot be undone.",
            QMessageBox.Cancel,
            w,
        )
        box.setTextFormat(Qt.PlainText)
        erase = box.addButton("Erase", QMessageBox.DestructiveRole)
        box.setDefaultButton(QMessageBox.Cancel)
        if exports:
            listed = "\n".join(
                f"{f['path']} ({f['kind']}, {f['written_at'][:10]})" for f in exports
            )
            box.setInformativeText(f"Exports Shortlist wrote that hold them:\n{listed}")
            # Parented to the box: Python must not collect it while the box shows it.
            box.setCheckBox(QCheckBox(f"Also delete these {len(exports)} export(s)", box))
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._answered(box, box.clickedButton() is erase, row))
        self.dialog = box
        box.open()

    def _answered(self, box: QMessageBox, erase: bool, row) -> None:
        w = self.window
        self.dialog = None
        if not erase:
            w.statusBar().showMessage("Nothing erased.", 5000)
            w.focus_table()
            return
        delete = box.checkBox() is not None and box.checkBox().isChecked()
        who = self._who(row)

        def erased(report) -> None:
            # Their name goes with them: the summary says "person #N".
            w.statusBar().showMessage(report.summary().replace("\n", " "), 15000)
            w.load_jobs(select=w.job.id if w.job else None)  # they are gone from every list

        def refused(exc: BaseException, text: str) -> None:
            if isinstance(exc, (ErasureRefused, LookupError)):
                self.problem = warn(w, "Erase them everywhere", f"{who} was not erased: {exc}")
            else:
                w.report_failure(exc, text, "Erasing them")

        w.writer.run(
            erase_person,
            row.person,
            w.actor,
            settings=w.settings,
            delete_exports=delete,
            success=erased,
            failure=refused,
        )
        w.focus_table()
