"""Delivery: messages sent in the background, recovery at start, the SMTP password.

A send can take seconds (an SMTP server far away), so it runs on its own thread;
the message's states are stored by the writer as it goes (claimed, delivered or
failed), and the window follows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit

from app.tasks import Task
from app.writer import Writer
from review import outbox
from review.status import LETTING_GO, SENDABLE, MessageState


def _deliver(report, cancelled, writer: Writer, transport, message: int, author: str, resend: bool):
    """Deliver one message on a worker thread; its database steps go through the writer."""
    return outbox.deliver(None, message, transport, author, resend=resend, write=writer.call)


def _recover(report, cancelled, writer: Writer, transport, author: str):
    return outbox.retry_due(None, transport, author, write=writer.call)


# A message's state in a recruiter's words (the stored values are a contract, not for reading).
STATE_WORDS = {
    MessageState.QUEUED: "queued, to be tried again",
    MessageState.SENDING: "being sent",
    MessageState.FAILED: "failed",
    MessageState.IN_DOUBT: "delivery in doubt",
    MessageState.CALL_PENDING: "waiting for your call",
    MessageState.KEPT: "kept on record, as they asked",
}


class Delivery(QObject):
    """Sends what the gate queued and keeps the window's view of each message current."""

    delivered = Signal(object)  # review.outbox.Result

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.tasks: list[Task] = []
        self._session_password: str | None = None  # asked once, never stored

    def _start(self, task: Task) -> Task:
        self.tasks = [t for t in self.tasks if t.running] + [task.start()]
        return task

    def transport(self, password: str | None = None):
        w = self.window
        ask = (lambda _user: password) if password else None
        return outbox.transport_from_settings(w.store, w.settings, ask)

    def send(self, message: int, resend: bool = False) -> None:
        """Deliver a queued (or failed, or in-doubt: ``resend``) message in the background."""
        w = self.window
        if outbox.state_of(w.store, message) not in SENDABLE:
            self.refresh_message_state()
            return
        password = self._smtp_password()
        if password is False:
            w.statusBar().showMessage(
                "Not sent: the SMTP password is needed. The message waits in the outbox.", 8000
            )
            self.refresh_message_state()
            return
        task = Task(
            _deliver,
            w.writer,
            self.transport(password),
            message,
            w.actor,
            resend,
            name="deliver",
            parent=self,
        )
        task.done.connect(self.show_result)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Sending the message"))
        self._start(task)

    def recover(self) -> None:
        """At start: messages a crash left half-sent are found delivered or in doubt; due
        retries go out."""
        w = self.window
        task = Task(_recover, w.writer, self.transport(), w.actor, name="outbox", parent=self)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Checking the outbox"))
        self._start(task)

    def remember_password(self, password: str | None) -> None:
        """The SMTP password for this session only, when there is no secure keyring to keep it
        (None: nothing to remember)."""
        if password:
            self._session_password = password

    def _smtp_password(self):
        """The SMTP password: the keyring's, else asked once per session (never stored).
        None when none is needed here, False if the reviewer declined."""
        settings = self.window.settings
        if settings.get("transport") != "smtp" or not settings.get("smtp.user"):
            return None
        if self._session_password:
            return self._session_password
        if outbox.keyring_password(settings.get("smtp.user")):
            return None  # the worker reads the keyring itself
        prompt = (
            f"Password for {settings.get('smtp.user')} at {settings.get('smtp.host')} "
            "(kept for this session only):"
        )
        text, ok = QInputDialog.getText(
            self.window, "SMTP password", prompt, QLineEdit.EchoMode.Password
        )
        if not ok or not text:
            return False
        self._session_password = text
        return text

    def show_result(self, result) -> None:
        """A delivery ended (or a call was confirmed): the people it concerns, where they are."""
        w = self.window
        if result.state == MessageState.DELIVERED:
            # The transport's own words: delivered to a server, or written for a mail client.
            w.statusBar().showMessage(f"Message {result.detail}.", 8000)
        else:
            w.statusBar().showMessage(
                f"Message not delivered yet — {STATE_WORDS.get(result.state, 'waiting')}: "
                f"{result.detail}",
                12000,
            )
        self.follow([result.message])
        self.delivered.emit(result)

    def follow(self, messages: list[int]) -> None:
        """Messages delivered or kept: the people whose decisions they carry, where they are now
        (a let-go completes), in the list, its views' counts and the pane's banner."""
        w = self.window
        for message in messages:
            for _app, person_id, status in outbox.applications_of(w.store, message):
                w.model.set_status(person_id, status)
        w.model.set_filter(keep_statuses=True, keep_search=True)
        w.ensure_selection()
        self.refresh_message_state()
        w.update_state()

    def message_action(self, action: str, message: int) -> None:
        """The person pane's buttons: retry, resend (in doubt), or the call was made."""
        w = self.window
        if action == "invite":  # the pane's interview strip
            w.loop.invite_current()
            return
        if action == "confirm_call":
            w.writer.run(outbox.confirm_call, message, w.actor, success=self.show_result)
        else:
            self.send(message, resend=action == "resend")
        w.focus_table()

    def refresh_message_state(self) -> None:
        """The current person's message, when they are waiting for one."""
        w = self.window
        row = w.current_row()
        if row is None or row.status != LETTING_GO:
            w.pane.show_message_state(None)
            return
        w.pane.show_message_state(outbox.latest_for_application(w.store, row.application))
