"""File → Import from mailbox…: a mailbox's new messages and their attachments, imported
in the background like files (review.mailbox). The dialog asks where (host, port, user,
folder), from when, whether over TLS (on by default), and the password only when the
system keyring does not hold it, with the choice to keep it there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)


@dataclass
class MailboxRequest:
    """What the dialog asks for: the mailbox's address and how to reach it."""

    url: str
    since: date | None
    password: str | None  # None: the keyring's
    remember: bool


def mailbox_url(host: str, port: int, user: str, folder: str, tls: bool) -> str:
    """``imap://USER@HOST:PORT/FOLDER`` (``?security=none`` when TLS is turned off)."""
    address = f"imap://{quote(user, safe='@')}@{host}:{port}/{quote(folder or 'INBOX', safe='/')}"
    return address if tls else address + "?security=none"


def run_mailbox_import(report, cancelled, writer, request: MailboxRequest, settings, job_id):
    """On a background thread: the mailbox's new messages imported into the job; the
    password kept in the keyring afterwards when asked (and only once it worked)."""
    from app.controllers.imports import progress_reporter
    from review.importer import ImportOptions
    from review.mailbox import import_mailbox, remember_password
    from review.outbox import NoSecureKeyring

    options = ImportOptions.from_settings(settings, job_id=job_id)
    ask = (lambda _user: request.password) if request.password else None
    done = import_mailbox(
        request.url,
        writer.call,
        options,
        since=request.since,
        ask=ask,
        progress=progress_reporter(report),
        cancelled=cancelled,
    )
    kept = ""
    if request.remember and request.password:
        try:
            backend = remember_password(done.address, request.password)
            kept = f"The password is kept in the system keyring ({backend})."
        except NoSecureKeyring as exc:
            kept = str(exc)[:1].upper() + str(exc)[1:] + "."
    return done, kept


class MailboxDialog(QDialog):
    """Where to read from. After ``exec()``/``accepted``: :attr:`request`."""

    def __init__(self, parent=None, *, user: str = "", host: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from mailbox")
        self.setMinimumWidth(440)
        self.request: MailboxRequest | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "New messages and their attachments are imported like files. Nothing on the "
            "server is deleted, moved or marked as read; messages imported before are skipped."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit(host)
        self.host.setPlaceholderText("imap.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.user = QLineEdit(user)
        self.user.setPlaceholderText("jobs@example.com")
        self.folder = QLineEdit("INBOX")
        self.use_since = QCheckBox("Only messages since")
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.tls = QCheckBox("Secure connection (TLS)")
        self.tls.setChecked(True)
        self.tls.toggled.connect(self._tls_changed)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText("from the system keyring, if kept there")
        self.remember = QCheckBox("Keep the password in the system keyring")
        for label, widget in (
            ("Server", self.host),
            ("Port", self.port),
            ("User", self.user),
            ("Folder", self.folder),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.use_since, self.since)
        form.addRow("", self.tls)
        self.password.setAccessibleName("Password")
        form.addRow("Password", self.password)
        form.addRow("", self.remember)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _tls_changed(self, on: bool) -> None:
        if not on and self.port.value() == 993:
            self.port.setValue(143)
        self.problem.setText(
            "" if on else "Without TLS the password and the messages travel unencrypted."
        )

    def accept(self) -> None:
        from parsing.imap import MailboxAddress, MailboxError
        from review.mailbox import mailbox_password

        host, user = self.host.text().strip(), self.user.text().strip()
        if not host or not user:
            self.problem.setText("Give the server and the user name.")
            return
        url = mailbox_url(
            host, self.port.value(), user, self.folder.text().strip(), self.tls.isChecked()
        )
        try:
            address = MailboxAddress.parse(url)
        except MailboxError as exc:
            self.problem.setText(str(exc))
            return
        typed = self.password.text() or None
        if typed is None and mailbox_password(address) is None:
            self.problem.setText(
                f"The system keyring holds no password for {user} at {host}: type it above."
            )
            self.password.setFocus()
            return
        since = self.since.date().toPython() if self.use_since.isChecked() else None
        self.request = MailboxRequest(url, since, typed, self.remember.isChecked())
        super().accept()
