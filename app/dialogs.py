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
        for setting in SETTINGS:
            value = settings.get(setting.key)
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
        layout.addLayout(form)
        note = QLabel(
            "The SMTP password is never stored here: Shortlist asks for it and keeps it in your "
            "system's keyring."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d32f2f; font-weight: 600")
        layout.insertWidget(layout.count() - 1, self.error)

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
        changed = {k: v for k, v in self.values().items() if str(self.settings.get(k)) != v}
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
        self.accept()


class Welcome(QFrame):
    """What a newcomer sees on an empty database: a demo, or their own resumes."""

    demo_requested = Signal()
    import_requested = Signal()

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
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text)
        layout.addSpacing(18)
        for button in (demo, own):
            layout.addWidget(button, 0, Qt.AlignCenter)
        layout.addSpacing(6)
        layout.addWidget(hint)
        layout.addStretch(2)
        self.demo_button = demo
        self.import_button = own
