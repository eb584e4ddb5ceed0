"""The reviewer's own decisions on the list: shortlist, move to interviewing, offered or hired,
back to review, undo — each written by the writer, each for the person the pane shows.

A hire schedules the check-ins (1, 4 and 12 weeks) and asks whether the others still on that
job's list hear now or later — through the gate, one person at a time, as always.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from review import workflow as W
from review.relationship import CHECK_IN_WEEKS
from review.status import HIRED, INTERVIEWING, LABELS, MANUAL, ON_THE_LIST, SHORTLISTED


class Decisions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.hire_box: QMessageBox | None = None  # "let the others know now or later?"

    def _refused(self, exc: BaseException, text: str) -> None:
        if isinstance(exc, W.WorkflowError):
            self.window.statusBar().showMessage(str(exc), 8000)
        else:
            self.window.report_failure(exc, text, "Changing the status")

    def shortlist_current(self) -> None:
        self.move_current(SHORTLISTED)

    def move_current(self, status: str) -> None:
        """Move the pane's person to a status a reviewer sets (the gate's are elsewhere)."""
        w = self.window
        row = w.acting_row()
        if row is None or status not in MANUAL:
            return
        position = w.table.currentIndex().row()

        def moved(change: W.Change) -> None:
            w.model.set_status(change.person_id, change.after)
            if change.before == change.after:
                w.statusBar().showMessage(
                    f"{w.model.display_name(row)} is already {LABELS[status].lower()}.", 4000
                )
                return
            name = w.model.display_name(row)
            w.statusBar().showMessage(
                f"{name}: {LABELS[change.before]} → {LABELS[change.after]}. U to undo.", 6000
            )
            self.after_status_change(position)
            if change.after == HIRED:
                self._hired(name, change)
            elif change.after == INTERVIEWING:
                w.loop.offer_invitation(change)  # offered, never sent unasked

        w.writer.run(
            W.set_status, row.application, status, w.actor, success=moved, failure=self._refused
        )

    def _hired(self, name: str, change: W.Change) -> None:
        """Check-ins are scheduled; the others on the job hear now or later, through the gate."""
        w = self.window
        others = [
            r
            for r in w.model.rows
            if r.status in ON_THE_LIST and r.person != change.person_id and r.outcome == "ok"
        ]
        weeks = ", ".join(str(n) for n in CHECK_IN_WEEKS[:-1]) + f" and {CHECK_IN_WEEKS[-1]}"
        text = (
            f"{name} is hired. Check-ins after {weeks} weeks are in View → Follow-ups, with "
            "what you noted about them."
        )
        w.pane.refresh_record()
        if not others:
            w.statusBar().showMessage(text, 10000)
            return
        box = QMessageBox(QMessageBox.Information, "Hired", text, QMessageBox.NoButton, w)
        who = "person is" if len(others) == 1 else "people are"
        box.setInformativeText(
            f"{len(others)} other {who} still on this job's list. Let them know where they stand "
            "now? Each gets their own note and message through the let-go step; nobody is let go "
            "in bulk."
        )
        box.now = box.addButton("Let them know now…", QMessageBox.AcceptRole)
        box.later = box.addButton("Later", QMessageBox.RejectRole)
        box.setDefaultButton(box.later)

        def answered(_result: int) -> None:
            if box.clickedButton() is box.now:
                w.gate.open(others)
            else:
                w.statusBar().showMessage(
                    f"When you are ready: the {len(others)} still on the list are in the "
                    "Shortlisted "
                    "and To review views; D lets each know.",
                    10000,
                )
                w.focus_table()
            self.hire_box = None

        box.finished.connect(answered)
        self.hire_box = box
        box.open()

    def undo_last(self) -> None:
        """U: the newest status change on this job, whether made here or by `shortlist status`."""
        w = self.window
        if w.job is None:
            return
        change = W.last_change(w.store, w.job.id)
        if change is None:
            w.statusBar().showMessage("Nothing to undo.", 4000)
            return

        def undone(back: W.Change) -> None:
            w.model.set_status(back.person_id, back.after)
            w.model.set_filter(keep_statuses=True, keep_search=True)
            row = w.model.row_of_person(back.person_id)
            if row is not None:
                w.select_row(row)
            w.statusBar().showMessage(f"Undone: back to {LABELS[back.after].lower()}.", 5000)
            w.show_current()
            w.update_state()

        w.writer.run(W.undo, change, w.actor, success=undone, failure=self._refused)

    def after_status_change(self, position: int) -> None:
        """The person may leave the current view: keep the cursor where the next person now is."""
        w = self.window
        w.model.set_filter(keep_statuses=True, keep_search=True)
        w.select_row(min(position, w.model.rowCount() - 1))
        w.show_current()
        w.update_state()
