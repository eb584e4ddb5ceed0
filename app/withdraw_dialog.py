"""They withdrew: a few words why, and an acknowledgment that thanks them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from review import gate as G
from review.people import name_of
from review.settings import Settings


class WithdrawDialog(QDialog):
    """They withdrew: a few words why, and an acknowledgment that thanks them."""

    def __init__(
        self,
        store,
        writer,
        settings: Settings,
        person_id: int,
        application_id: int,
        author: str,
        parent=None,
    ):
        super().__init__(parent)
        self.store, self.settings, self.person_id, self.application_id, self.author = (
            store,
            settings,
            person_id,
            application_id,
            author,
        )
        self.writer = writer
        self.message_row: int | None = None
        name = name_of(store, person_id) or "this person"
        self.setWindowTitle(f"{name} withdrew")
        self.setAccessibleName("Withdrawal dialog")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"<b>Why did {html.escape(name)} withdraw?</b> (a few words, for your records)")
        )
        self.note = QLineEdit()
        self.note.setAccessibleName("Why they withdrew")
        layout.addWidget(self.note)
        layout.addWidget(QLabel("<b>Thank them</b> — edit as you like:"))
        draft = G.draft_withdrawn(store, person_id, application_id, settings)
        self.subject = QLineEdit(draft.subject)
        self.body = QPlainTextEdit(draft.body)
        self.body.setAccessibleName("Acknowledgment message")
        layout.addWidget(self.subject)
        layout.addWidget(self.body, 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)  # the reasons quote names and addresses
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        self.send_button = QPushButton("Record and send")
        self.send_button.clicked.connect(self.send)
        row.addWidget(cancel)
        row.addWidget(self.send_button)
        layout.addLayout(row)

    def send(self) -> None:
        self.send_button.setEnabled(False)
        self.writer.run(
            G.withdraw,
            self.person_id,
            self.application_id,
            self.note.text(),
            self.subject.text(),
            self.body.toPlainText(),
            self.author,
            self.settings,
            success=self._recorded,
            failure=self._refused,
        )

    def _recorded(self, message_row: int) -> None:
        self.message_row = message_row
        self.accept()

    def _refused(self, exc: BaseException, text: str) -> None:
        if not isinstance(exc, G.GateRefused):
            raise exc
        self.status.setText("Not recorded: " + "; ".join(exc.reasons))
        self.send_button.setEnabled(True)
