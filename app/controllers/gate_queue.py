"""The gate queue: letting people go one at a time, withdrawals, bringing people back.

D on several selected people opens the gate for each in turn — never a bulk drop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.tasks import read_task
from review.gate import GateRefused, other_fitting_roles, restore
from review.outbox import applications_of
from review.status import MAY_LET_GO, ON_THE_LIST, WITHDRAWN


class GateQueue(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.queue: list = []  # the people still to come, as table rows
        self.total = 0
        self.dialog = None  # the open GateDialog, if any
        # Words typed in the gate and not sent (Escape, Skip): back when their gate reopens.
        self.drafts: dict[int, dict] = {}
        self.roles_tasks: list = []  # finding other open roles that fit someone

    def let_go_current(self) -> None:
        """D: the gate for the person the pane shows (and the others selected with them),
        one at a time."""
        w = self.window
        people = [p for p in w.acting_rows() if p.status in MAY_LET_GO]
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
            draft=self.drafts.get(row.application),
            ranker=w.ranker,
            blind=w.model.blind,
        )
        dialog.sent.connect(self._sent)
        dialog.settings_saved.connect(w.reviewer_changed)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        self._find_roles(dialog)

    def _find_roles(self, dialog) -> None:
        """Other open roles that fit them (a score per open job), off the UI thread: the draft
        takes them in when they arrive."""
        w = self.window
        task = read_task(w.store.path, other_fitting_roles, dialog.person_id, name="roles")
        task.done.connect(lambda roles: dialog.roles_found(roles) if dialog.isVisible() else None)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Finding other roles"))
        self.roles_tasks = [t for t in self.roles_tasks if t.running] + [task.start()]

    def tasks(self) -> list:
        return list(self.roles_tasks)

    def _closed(self, dialog) -> None:
        if dialog.message_row is None:
            words = dialog.unsent_words()
            if words:
                self.drafts[dialog.application_id] = words
                self.window.statusBar().showMessage(
                    "Your words are kept: D on them again brings them back.", 6000
                )
        else:
            self.drafts.pop(dialog.application_id, None)
        if not self.queue:
            self.window.focus_table()
        self._next()

    def _sent(self, message: int) -> None:
        w = self.window
        for _app, person_id, status in applications_of(w.store, message):
            w.model.set_status(person_id, status)
        w.delivery.send(message)
        w.decisions.after_status_change(max(w.table.currentIndex().row(), 0))

    def withdraw_current(self) -> None:
        from app.withdraw_dialog import WithdrawDialog

        w = self.window
        row = w.acting_row()
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
        w.focus_table()

    def restore_current(self) -> None:
        w = self.window
        row = w.acting_row()
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
