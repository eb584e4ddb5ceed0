"""The gate queue: letting people go one at a time, withdrawals, bringing people back.

D on several selected people opens the gate for each in turn — never a bulk drop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from review.gate import GateRefused, restore
from review.outbox import applications_of
from review.status import MAY_LET_GO, ON_THE_LIST, WITHDRAWN


class GateQueue(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.queue: list = []  # the people still to come, as table rows
        self.total = 0
        self.dialog = None  # the open GateDialog, if any

    def let_go_current(self) -> None:
        """D: the gate for the current person, or a queue for the selected ones."""
        w = self.window
        rows = sorted({i.row() for i in w.table.selectionModel().selectedRows()})
        current = w.current_row()
        people = [w.model.row_at(r) for r in rows] or ([current] if current else [])
        people = [p for p in people if p.status in MAY_LET_GO]
        if not people:
            w.statusBar().showMessage("Choose someone who is still on the list.", 5000)
            return
        self.open(people)

    def open(self, people) -> None:
        self.queue = list(people)
        self.total = len(people)
        self._next()

    def _next(self) -> None:
        from app.gate_dialog import GateDialog

        if not self.queue:
            self.dialog = None
            return
        w = self.window
        row = self.queue.pop(0)
        position = (self.total - len(self.queue), self.total)
        transport = w.delivery.transport().describe()
        dialog = GateDialog(
            w.store,
            w.writer,
            w.settings,
            row.person,
            row.application,
            w.actor,
            transport,
            position,
            w,
        )
        dialog.sent.connect(self._sent)
        dialog.finished.connect(lambda _r: self._next())
        self.dialog = dialog
        dialog.open()

    def _sent(self, message: int) -> None:
        w = self.window
        for _app, person_id, status in applications_of(w.store, message):
            w.model.set_status(person_id, status)
        w.delivery.send(message)
        w.decisions.after_status_change(max(w.table.currentIndex().row(), 0))

    def withdraw_current(self) -> None:
        from app.gate_dialog import WithdrawDialog

        w = self.window
        row = w.current_row()
        if row is None or row.status not in ON_THE_LIST:
            w.statusBar().showMessage("Choose someone who is still on the list.", 5000)
            return
        dialog = WithdrawDialog(
            w.store, w.writer, w.settings, row.person, row.application, w.actor, w
        )
        if dialog.exec() and dialog.message_row:
            w.model.set_status(row.person, WITHDRAWN)
            w.delivery.send(dialog.message_row)
            w.decisions.after_status_change(max(w.table.currentIndex().row(), 0))

    def restore_current(self) -> None:
        w = self.window
        row = w.current_row()
        if row is None:
            return

        def restored(status: str) -> None:
            w.model.set_status(row.person, status)
            w.decisions.after_status_change(max(w.table.currentIndex().row(), 0))
            w.statusBar().showMessage(f"{w.model.display_name(row)} is back on the list.", 6000)

        w.writer.run(restore, row.application, w.actor, success=restored, failure=self._refused)

    def _refused(self, exc: BaseException, text: str) -> None:
        if isinstance(exc, GateRefused):
            self.window.statusBar().showMessage("; ".join(exc.reasons), 6000)
        else:
            self.window.report_failure(exc, text, "Restoring them to the list")
