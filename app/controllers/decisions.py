"""The reviewer's own decisions on the list: shortlist, undo — each written by the writer."""

from __future__ import annotations

from PySide6.QtCore import QObject

from review import workflow as W
from review.status import LABELS


class Decisions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.undo_stack: list[W.Change] = []

    def _refused(self, exc: BaseException, text: str) -> None:
        if isinstance(exc, W.WorkflowError):
            self.window.statusBar().showMessage(str(exc), 8000)
        else:
            self.window.report_failure(exc, text, "Changing the status")

    def shortlist_current(self) -> None:
        w = self.window
        row = w.current_row()
        if row is None:
            return
        position = w.table.currentIndex().row()

        def shortlisted(change: W.Change) -> None:
            w.model.set_status(change.person_id, change.after)
            if change.before != change.after:
                self.undo_stack.append(change)
                name = w.model.display_name(row)
                w.statusBar().showMessage(f"Shortlisted {name}. U to undo.", 6000)
                self.after_status_change(position)

        w.writer.run(
            W.shortlist, row.application, w.actor, success=shortlisted, failure=self._refused
        )

    def undo_last(self) -> None:
        w = self.window
        if not self.undo_stack:
            w.statusBar().showMessage("Nothing to undo.", 4000)
            return

        def undone(back: W.Change) -> None:
            w.model.set_status(back.person_id, back.after)
            w.model.set_filter(keep_statuses=True, keep_search=True)
            row = w.model.row_of_person(back.person_id)
            if row is not None:
                w.select_row(row)
            w.statusBar().showMessage(f"Undone: back to {LABELS[back.after].lower()}.", 5000)
            w.update_state()

        change = self.undo_stack.pop()
        w.writer.run(W.undo, change, w.actor, success=undone, failure=self._refused)

    def after_status_change(self, position: int) -> None:
        """The person may leave the current view: keep the cursor where the next person now is."""
        w = self.window
        w.model.set_filter(keep_statuses=True, keep_search=True)
        w.select_row(min(position, w.model.rowCount() - 1))
        w.show_current()
        w.update_state()
