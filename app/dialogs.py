"""Small dialogs: the keyboard cheat sheet, settings, and the welcome panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from review.outbox import NoSecureKeyring, keyring_backend, store_password
from review.settings import BY_KEY, SETTINGS, Settings


class CheatSheet(QDialog):
    """Every keyboard shortcut of the window, from its actions (so it is never out of date)."""

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Everything can be done from the keyboard. Press <b>?</b> any time to see this."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        column = 0
        for title, items in groups:
            row = 0
            head = QLabel(f"<b>{title}</b>")
            grid.addWidget(head, row, column, 1, 2)
            for key, what in items:
                row += 1
                keycap = QLabel(key)
                keycap.setObjectName("keycap")
                keycap.setAlignment(Qt.AlignCenter)
                keycap.setMinimumWidth(64)
                keycap.setFrameShape(QFrame.StyledPanel)
                grid.addWidget(keycap, row, column)
                grid.addWidget(QLabel(what), row, column + 1)
            column += 2
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SettingsDialog(QDialog):
    """One field per declared setting, titled as declared."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        # Values the file holds that a setting cannot take: shown as the default, named below.
        self.invalid = {s.key: p for s in SETTINGS if (p := settings.problem(s.key))}
        for setting in SETTINGS:
            value = setting.default if setting.key in self.invalid else settings.get(setting.key)
            if setting.choices:
                field = QComboBox()
                field.addItems([str(c) for c in setting.choices])
                field.setCurrentText(str(value))
            elif setting.type is bool:
                field = QCheckBox()
                field.setChecked(bool(value))
            elif setting.type is int:
                field = QSpinBox()
                field.setRange(0, 1_000_000)
                field.setValue(int(value))
            elif setting.type is float:
                field = QDoubleSpinBox()
                field.setRange(0, 100_000)
                field.setValue(float(value))
            else:
                field = QLineEdit(str(value))
            field.setAccessibleName(setting.title)
            if setting.help:
                field.setToolTip(setting.help)
            self.fields[setting.key] = field
            form.addRow(setting.title, field)
        # The SMTP password: never a setting (never in the file), kept in the system keyring.
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("SMTP password")
        self.password.setPlaceholderText("unchanged if empty")
        after_user = [s.key for s in SETTINGS].index("smtp.user") + 1
        form.insertRow(after_user, "SMTP password", self.password)
        self.session_password: str | None = None  # when no secure keyring: for this session only
        layout.addLayout(form)
        backend, self.keyring_secure = keyring_backend()
        self.keyring_note = QLabel(
            "The SMTP password is never stored in the settings file: it is kept in your "
            f"system's keyring ({backend})."
            if self.keyring_secure
            else f"There is no secure keyring on this system ({backend}): the SMTP password is "
            "not stored; Shortlist asks for it once per session when it sends."
        )
        self.keyring_note.setTextFormat(Qt.PlainText)
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setTextFormat(Qt.PlainText)  # it quotes what was typed
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d32f2f; font-weight: 600")
        layout.insertWidget(layout.count() - 1, self.error)
        if self.invalid:
            self.error.setText("\n".join(self.invalid.values()))

    def values(self) -> dict[str, str]:
        out = {}
        for setting in SETTINGS:
            field = self.fields[setting.key]
            if isinstance(field, QComboBox):
                out[setting.key] = field.currentText()
            elif isinstance(field, QCheckBox):
                out[setting.key] = "true" if field.isChecked() else "false"
            elif isinstance(field, QSpinBox | QDoubleSpinBox):
                out[setting.key] = str(field.value())
            else:
                out[setting.key] = field.text()
        return out

    def save(self) -> None:
        """Every field is checked before anything is saved; a refused one is named and focused."""
        changed = {
            k: v
            for k, v in self.values().items()
            if k in self.invalid or str(self.settings.get(k)) != v
        }
        for key, value in changed.items():
            try:
                BY_KEY[key].parse(value)
            except ValueError as exc:
                self.error.setText(str(exc))
                self.fields[key].setFocus()
                return
        try:
            self.settings.update(changed)
        except (ValueError, OSError) as exc:
            self.error.setText(str(exc))
            return
        if not self._keep_password():
            return
        self.accept()

    def _keep_password(self) -> bool:
        """The password typed, into the keyring (or for this session when there is none)."""
        secret = self.password.text()
        if not secret:
            return True
        user = self.settings.get("smtp.user")
        if not user:
            self.error.setText("Set the SMTP user name first: the password is kept under it.")
            return False
        try:
            store_password(user, secret)
        except NoSecureKeyring:
            self.session_password = secret  # asked once per session, as without the field
        self.password.clear()
        return True


class Welcome(QFrame):
    """What a newcomer sees on an empty database: a demo, or their own resumes."""

    demo_requested = Signal()
    import_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("Welcome to Shortlist")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignCenter)
        text = QLabel(
            "Rank every resume against a job, with reasons you can check, and shortlist by "
            "keyboard.<br>"
            "Nobody leaves the list without a note about them and a kind message they receive."
        )
        text.setAlignment(Qt.AlignCenter)
        text.setWordWrap(True)
        demo = QPushButton("Try the demo — a job and 200 sample resumes")
        demo.setDefault(True)
        demo.setAccessibleName("Load the demo")
        demo.setMinimumHeight(40)
        own = QPushButton("Import your own resumes…")
        own.setMinimumHeight(36)
        demo.clicked.connect(self.demo_requested)
        own.clicked.connect(self.import_requested)
        hint = QLabel("Or drop files, folders or ZIPs anywhere on this window.")
        hint.setAlignment(Qt.AlignCenter)
        hint.setEnabled(False)
        # Say what "sent" will mean before anyone is let go: a file, until a mail client sends it.
        sending = QLabel(
            "Messages to candidates are written to the outbox folder for your mail client to "
            "send. <a href='settings'>Send them by SMTP instead…</a>"
        )
        sending.setObjectName("welcome_sending")
        sending.setAlignment(Qt.AlignCenter)
        sending.setWordWrap(True)
        sending.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        sending.linkActivated.connect(lambda _link: self.settings_requested.emit())
        self.sending = sending
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text)
        layout.addSpacing(18)
        for button in (demo, own):
            layout.addWidget(button, 0, Qt.AlignCenter)
        layout.addSpacing(6)
        layout.addWidget(hint)
        layout.addSpacing(14)
        layout.addWidget(sending)
        layout.addStretch(2)
        self.demo_button = demo
        self.import_button = own
