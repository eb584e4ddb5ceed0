"""Before your first message: who signs it, where answers go, how it goes out.

Shown inside the gate, on the message's side, the first time someone is let go and no
sender or reply-to address is set. The note beside it stays as typed; the message is drafted
once this is saved. Every value is checked as the settings check it (no-reply and malformed
addresses, bad ports, folders that cannot be written are refused, with the reason).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from review.settings import BY_KEY, Settings

OUTBOX_HONESTY = (
    "Shortlist writes each message as an email file (.eml) in this folder. <b>Nothing is sent "
    "until you send it</b>: open the folder and drag the files into your mail program, or let a "
    "mail client pick them up. The person counts as told once the file is written, so send the "
    "files the same day."
)


def needs_first_use(settings: Settings) -> bool:
    """No sender or no reply-to address yet: the gate asks before the first message."""
    return not settings.get("sender.email") or not settings.get("reply_to")


def _send_test(
    report,
    cancelled,
    host: str,
    port: int,
    security: str,
    user: str,
    password: str | None,
    address: str,
    name: str,
) -> str:
    """A short test message to the sender's own address, over the SMTP settings being entered."""
    from review.outbox import Outgoing, SMTPTransport

    transport = SMTPTransport(
        host, port, security, user, (lambda _u: password) if user else None, timeout=15
    )
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    out = Outgoing(
        f"<shortlist-test-{stamp}@{address.split('@')[-1]}>",
        name,
        address,
        address,
        [address],
        "Shortlist: test message",
        "This is a test from Shortlist: your messages to candidates can go out this way.\n",
        stamp,
    )
    transport.send(out)
    return f"Sent to {address} through {host}:{port}. Check that it arrived."


class FirstUseStep(QFrame):
    """The step's fields; ``saved`` once every value passed its check and was stored."""

    saved = Signal()

    def __init__(self, settings: Settings, default_outbox: str, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("firstUse")
        self.test_task = None
        layout = QVBoxLayout(self)
        title = QLabel("<h3 style='margin:0'>Before your first message</h3>")
        intro = QLabel(
            "Three things, once: who signs your messages, where their answers reach you, and how "
            "messages go out. Your note on the left stays as you typed it."
        )
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        for key, hint in (
            ("reviewer.name", "Robin Mensah"),
            ("reviewer.signature", "Talent team, Example GmbH · +49 30 1234567"),
            ("sender.email", "robin@example.com"),
            ("reply_to", "robin@example.com (a person, never no-reply)"),
        ):
            field = QLineEdit(str(settings.get(key) or ""))
            field.setPlaceholderText(hint)
            field.setAccessibleName(BY_KEY[key].title)
            self.fields[key] = field
            form.addRow(BY_KEY[key].title, field)
        if not self.fields["reviewer.name"].text():
            self.fields["reviewer.name"].setText(settings.get("sender.name") or "")
        self.fields["sender.email"].textEdited.connect(self._reply_follows_sender)
        layout.addLayout(form)
        layout.addWidget(self._build_transport(default_outbox))
        self.error = QLabel()
        self.error.setObjectName("firstUseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d32f2f; font-weight: 600")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton("Save and draft the message")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def _build_transport(self, default_outbox: str) -> QGroupBox:
        box = QGroupBox("How messages go out")
        lay = QVBoxLayout(box)
        self.use_smtp = QRadioButton("By email, through your mail server (SMTP)")
        self.use_outbox = QRadioButton(
            "As email files in a folder, which you send from your mail program"
        )
        group = QButtonGroup(box)
        group.addButton(self.use_smtp)
        group.addButton(self.use_outbox)
        smtp = self.settings.get("transport") == "smtp"
        (self.use_smtp if smtp else self.use_outbox).setChecked(True)
        lay.addWidget(self.use_smtp)
        self.smtp_box = QWidget()
        smtp_form = QFormLayout(self.smtp_box)
        smtp_form.setContentsMargins(22, 0, 0, 0)
        self.host = QLineEdit(self.settings.get("smtp.host") or "")
        self.host.setPlaceholderText("smtp.example.com")
        self.host.setAccessibleName("SMTP server")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setValue(int(self.settings.get("smtp.port")))
        self.port.setAccessibleName("SMTP port")
        self.security = QComboBox()
        self.security.addItems(list(BY_KEY["smtp.security"].choices))
        self.security.setCurrentText(self.settings.get("smtp.security"))
        self.user = QLineEdit(self.settings.get("smtp.user") or "")
        self.user.setAccessibleName("SMTP user name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText("only for the test; kept in your system's keyring later")
        self.password.setAccessibleName("SMTP password for the test")
        server = QHBoxLayout()
        server.addWidget(self.host, 1)
        server.addWidget(self.port)
        server.addWidget(self.security)
        smtp_form.addRow("Server", server)
        smtp_form.addRow("User name", self.user)
        smtp_form.addRow("Password", self.password)
        test_row = QHBoxLayout()
        self.test_button = QPushButton("Send test message")
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        smtp_form.addRow(test_row)
        lay.addWidget(self.smtp_box)
        lay.addWidget(self.use_outbox)
        self.outbox_box = QWidget()
        out = QVBoxLayout(self.outbox_box)
        out.setContentsMargins(22, 0, 0, 0)
        self.outbox = QLineEdit(self.settings.get("outbox.dir") or "")
        self.outbox.setPlaceholderText(default_outbox)
        self.outbox.setAccessibleName("Outbox folder")
        honest = QLabel(OUTBOX_HONESTY)
        honest.setWordWrap(True)
        honest.setTextFormat(Qt.RichText)
        out.addWidget(self.outbox)
        out.addWidget(honest)
        lay.addWidget(self.outbox_box)
        self.use_smtp.toggled.connect(self._transport_changed)
        self._transport_changed()
        return box

    def _transport_changed(self, *_args) -> None:
        self.smtp_box.setVisible(self.use_smtp.isChecked())
        self.outbox_box.setVisible(self.use_outbox.isChecked())

    def _reply_follows_sender(self, text: str) -> None:
        reply = self.fields["reply_to"]
        if not reply.isModified():
            reply.setText(text)

    def values(self) -> dict[str, str]:
        values = {key: field.text().strip() for key, field in self.fields.items()}
        values["sender.name"] = values["reviewer.name"]
        values["transport"] = "smtp" if self.use_smtp.isChecked() else "outbox"
        if self.use_smtp.isChecked():
            values.update(
                {
                    "smtp.host": self.host.text().strip(),
                    "smtp.port": str(self.port.value()),
                    "smtp.security": self.security.currentText(),
                    "smtp.user": self.user.text().strip(),
                }
            )
        else:
            values["outbox.dir"] = self.outbox.text().strip()
        return values

    def problems(self) -> list[str]:
        values = self.values()
        out = []
        for key in ("reviewer.name", "sender.email", "reply_to"):
            if not values[key]:
                out.append(f"{BY_KEY[key].title}: needed before the first message")
        if values["transport"] == "smtp" and not values["smtp.host"]:
            out.append("SMTP server: needed to send by email (or choose the folder)")
        for key, value in values.items():
            try:
                BY_KEY[key].parse(value)
            except ValueError as exc:
                out.append(str(exc))
        return out

    def save(self) -> bool:
        problems = self.problems()
        if problems:
            self.error.setText("<br>".join(html.escape(p) for p in problems))
            return False
        try:
            self.settings.update(self.values())
        except (ValueError, OSError) as exc:
            self.error.setText(html.escape(str(exc)))
            return False
        self.error.setText("")
        self.saved.emit()
        return True

    def send_test(self) -> None:
        from app.tasks import Task

        values = self.values()
        problems = [p for p in self.problems() if not p.startswith(("Your name", "Reply-to"))]
        if problems:
            self.test_result.setText(html.escape(problems[0]))
            return
        self.test_button.setEnabled(False)
        self.test_result.setText("Sending…")
        task = Task(
            _send_test,
            values["smtp.host"],
            int(values["smtp.port"]),
            values["smtp.security"],
            values["smtp.user"],
            self.password.text() or None,
            values["sender.email"],
            values["reviewer.name"],
            name="smtp-test",
            parent=self,
        )
        task.done.connect(self._tested)
        task.failed.connect(lambda exc, _text: self._tested(f"Not sent: {exc}"))
        self.test_task = task.start()

    def _tested(self, text: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(html.escape(text))

    def typed(self) -> dict:
        """What was typed here, to keep if the gate closes before it is saved."""
        return {"values": self.values(), "transport_smtp": self.use_smtp.isChecked()}

    def restore(self, typed: dict) -> None:
        values = typed.get("values", {})
        for key, field in self.fields.items():
            if values.get(key):
                field.setText(values[key])
        self.use_smtp.setChecked(bool(typed.get("transport_smtp")))
        self.use_outbox.setChecked(not typed.get("transport_smtp"))
        if values.get("smtp.host"):
            self.host.setText(values["smtp.host"])
        if values.get("outbox.dir"):
            self.outbox.setText(values["outbox.dir"])
