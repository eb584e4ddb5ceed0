"""Asking the sender of a file we could not read for another copy, in the window.

Three faces reach it: the button in the person pane's strip for such a file, the row's
context menu, and Review → Ask them for another copy…. Each opens :class:`FileRequestDialog`
with the drafted message (editable) and where it goes; Send writes through the window's one
writer (:func:`review.file_requests.ask_for_file`) and hands the message to delivery.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from app.outreach_dialogs import _message_editor, _refusal_label
from review import file_requests as F

ASK = "Ask them for another copy…"
_STATE_WORDS = {
    "queued": "queued to send",
    "sending": "being sent",
    "delivered": "delivered",
    "failed": "NOT delivered: see the outbox",
    "in_doubt": "delivery in doubt: see the outbox",
    "call_pending": "a call to make",
    "kept": "kept on record, not sent",
}


def request_text(store, person_id: int) -> tuple[str, bool]:
    """What the pane says about asking them for another copy, and whether we may ask now."""
    last = F.last_request(store, person_id)
    reasons = F.refusals(store, person_id)
    if last is not None:
        state = _STATE_WORDS.get(last["state"], last["state"])
        when = datetime.fromisoformat(last["created_at"]).astimezone().strftime("%-d %b %Y")
        text = f"Asked for another copy on {when} ({state})."
    elif reasons:
        text = "We cannot ask them for another copy: " + reasons[0] + "."
    else:
        sender = F.sender_of(store, person_id)
        text = f"Ask them kindly to send it again: the message goes to {sender.address}."
    return text, not reasons


class FileRequestStrip(QFrame):
    """In the person pane, for a file that could not be read: the request's state, or the offer
    to ask (the button asks the window: ``requested``)."""

    requested = Signal()

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("fileRequestStrip")
        self.setFrameShape(QFrame.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = QLabel()
        self.text.setTextFormat(Qt.PlainText)  # an address from a message: never markup
        self.text.setWordWrap(True)
        self.button = QPushButton(ASK)
        self.button.clicked.connect(self.requested)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_for(self, row: dict | None, hidden: bool) -> None:
        if row is None or row["outcome"] == "ok" or hidden:
            self.hide()
            return
        text, allowed = request_text(self.store, row["id"])
        self.text.setText(text)
        self.button.setEnabled(allowed)
        self.show()


class FileRequestDialog(QDialog):
    """The drafted request: where it goes, its subject and words (the recruiter's to edit)."""

    send_requested = Signal(str, str)  # subject, body

    def __init__(self, draft: F.Draft, who: str, file_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Ask for another copy — {who}")
        self.setAccessibleName("Ask for another copy")
        self.resize(640, 520)
        form = QFormLayout(self)
        lead = QLabel(
            f"{file_name} could not be read. Ask them, kindly, to send it again: the message "
            "goes through the outbox and changes nothing else."
        )
        lead.setTextFormat(Qt.PlainText)
        lead.setWordWrap(True)
        form.addRow(lead)
        self.recipient = QLabel(draft.recipient or "")
        self.recipient.setTextFormat(Qt.PlainText)
        self.recipient.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow("To", self.recipient)
        self.subject, self.body = _message_editor(form)
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self.problems = _refusal_label()
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.send_button = buttons.button(QDialogButtonBox.Ok)
        self.send_button.setText("Send")
        buttons.accepted.connect(
            lambda: self.send_requested.emit(self.subject.text(), self.body.toPlainText())
        )
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def refused(self, reasons: list[str]) -> None:
        self.problems.setText("Not sent: " + "; ".join(reasons))
        self.problems.show()


class FileRequests(QObject):
    """The window's side: which row, the dialog, the writer, delivery."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: FileRequestDialog | None = None

    def ask_current(self) -> None:
        """The pane's button, the row's menu and Review → Ask them for another copy…."""
        w = self.window
        row = w.acting_row()
        if row is None or row.outcome == "ok":
            w.statusBar().showMessage(
                "Choose a file that could not be read (View → Files to check).", 6000
            )
            return
        if w.pane.person_id == row.person and w.pane.blind_hidden:
            w.statusBar().showMessage(
                "Blind review hides where their file came from: turn it off (Ctrl+B) to ask them "
                "for another copy.",
                8000,
            )
            return
        reasons = F.refusals(w.store, row.person)
        if reasons:
            w.statusBar().showMessage("Cannot ask for another copy: " + "; ".join(reasons), 10000)
            return
        draft = F.draft_request(w.store, row.person, w.settings)
        self.dialog = FileRequestDialog(draft, w.model.display_name(row), row.file, w)
        self.dialog.send_requested.connect(lambda s, b, p=row.person: self._send(p, s, b))
        self.dialog.finished.connect(lambda _r: w.focus_table())
        self.dialog.open()

    def _send(self, person_id: int, subject: str, body: str) -> None:
        w = self.window

        def queued(message: int) -> None:
            if self.dialog is not None:
                self.dialog.accept()
            w.delivery.send(message)
            w.show_current()
            w.statusBar().showMessage("Asked for another copy: the message is on its way.", 8000)

        def refused(exc: BaseException, text: str) -> None:
            if isinstance(exc, F.RequestRefused) and self.dialog is not None:
                self.dialog.refused(exc.reasons)
            else:
                w.report_failure(exc, text, "Asking for another copy")

        args = (F.ask_for_file, person_id, subject, body, w.settings, w.actor)
        w.writer.run(*args, success=queued, failure=refused)
