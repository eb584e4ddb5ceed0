"""The person's fields in the pane, and the recruiter's corrections of them.

Each field (name, title, location, e-mail, phone, links) is one row: what we
hold, a marker under it — "check this: wrapped over two lines" where the
parser was not sure, "corrected by Robin, 2026-03-02" where a recruiter's word
stands — and a button that opens :class:`CorrectionDialog` for it (Tab reaches
every button; F2 opens the dialog from anywhere in the window). The dialog
checks what is typed as it is typed (``review.identity.normalise``) and the
pane writes the correction through the window's writer.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.icons import icon
from review import identity
from review.identity import FIELDS, LABELS, LISTS, CorrectionError, FieldState

_CHECK_STYLE = "color:#b26a00"
_CORRECTED_STYLE = "color:#2e7d32"
_ORIGIN_STYLE = "color:#555555"  # "from the message": where a value came from, not a doubt
_MARKER_NAMES = {"check": "fieldCheck", "corrected": "fieldCorrected", "mail": "fieldOrigin"}


def _marker_style(state: FieldState) -> str:
    if state.check:
        return _CHECK_STYLE
    return _CORRECTED_STYLE if state.correction else _ORIGIN_STYLE


def _value_html(name: str, value) -> str:
    """A field's value as rich text: addresses and web links clickable, everything escaped."""
    if not value:
        return "<span style='color:gray'>none</span>"
    if name == "emails":
        return "<br>".join(f"<a href='mailto:{html.escape(e)}'>{html.escape(e)}</a>" for e in value)
    if name == "links":
        # Only web links are links: a resume's "file:" or "javascript:" target is never opened.
        return "<br>".join(
            f"<a href='{html.escape(link)}'>{html.escape(link)}</a>"
            if link.lower().startswith(("http://", "https://"))
            else html.escape(link)
            for link in value
        )
    if name == "phones":
        return "<br>".join(html.escape(p) for p in value)
    return html.escape(str(value))


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return value or "none"


def check_label() -> QLabel:
    """The label under a person's name that says what to check about it (hidden when nothing)."""
    label = QLabel()
    label.setObjectName("nameCheck")
    label.setTextFormat(Qt.PlainText)
    label.setStyleSheet(_CHECK_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def name_doubt(row: dict) -> str:
    """What to check about a person's name ("check this: could also be …"), or nothing."""
    name = identity.field_states(row, row.get("corrections") or {})[0]
    return f"{name.note} — F2 corrects it" if name.check else ""


class FieldsBox(QWidget):
    """One row per field, with its marker and its Correct button."""

    correct_requested = Signal(str)  # a field's name

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetails")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(1)
        self.grid.setColumnStretch(1, 1)
        self.states: list[FieldState] = []
        self.buttons: dict[str, QToolButton] = {}

    def _clear(self) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.buttons = {}

    def fill(self, row: dict, blind_hidden: bool) -> None:
        self._clear()
        if blind_hidden:
            self.states = []
            note = QLabel("<i>Contact details are hidden in blind review.</i>")
            self.grid.addWidget(note, 0, 0, 1, 3)
            return
        self.states = identity.field_states(row, row.get("corrections") or {})
        line = 0
        for state in self.states:
            label = QLabel(LABELS[state.name])
            label.setForegroundRole(QPalette.PlaceholderText)
            value = QLabel(_value_html(state.name, state.value))
            value.setTextFormat(Qt.RichText)
            value.setOpenExternalLinks(True)
            value.setTextInteractionFlags(Qt.TextBrowserInteraction)
            value.setWordWrap(True)
            button = QToolButton()
            button.setIcon(icon("note"))
            button.setText("Correct")
            button.setToolButtonStyle(Qt.ToolButtonIconOnly)
            button.setFocusPolicy(Qt.StrongFocus)
            button.setAccessibleName(f"Correct {LABELS[state.name].lower()}")
            button.setToolTip(f"Correct {LABELS[state.name].lower()} (F2)")
            button.clicked.connect(lambda _=False, n=state.name: self.correct_requested.emit(n))
            self.buttons[state.name] = button
            self.grid.addWidget(label, line, 0, Qt.AlignTop)
            self.grid.addWidget(value, line, 1)
            self.grid.addWidget(button, line, 2, Qt.AlignTop)
            line += 1
            if state.note:
                marker = QLabel(self._marker(state))
                kind = "check" if state.check else "corrected" if state.correction else "mail"
                marker.setObjectName(_MARKER_NAMES[kind])
                marker.setTextFormat(Qt.RichText)
                marker.setWordWrap(True)
                sign = QLabel()
                sign.setPixmap(icon(kind).pixmap(14, 14))
                self.grid.addWidget(sign, line, 0, Qt.AlignRight | Qt.AlignTop)
                self.grid.addWidget(marker, line, 1, 1, 2)
                line += 1

    @staticmethod
    def _marker(state: FieldState) -> str:
        style = _marker_style(state)
        return f"<span style='{style}; font-size:small'>{html.escape(state.note)}</span>"

    def to_check(self) -> list[str]:
        """The fields marked "check this", in the pane's order."""
        return [s.name for s in self.states if s.check]

    def text(self) -> str:
        """Everything the box shows, as text (what a screen reader or a test reads)."""
        return " ".join(label.text() for label in self.findChildren(QLabel))


class CorrectionDialog(QDialog):
    """Correct one field of one person; the choice of field can change inside the dialog.

    After ``exec()``: :attr:`field` and :attr:`values` (a list of what was typed; None means
    "back to what the resume says").
    """

    def __init__(self, row: dict, field: str, parent=None) -> None:
        super().__init__(parent)
        self.row = row
        self.states = {s.name: s for s in identity.field_states(row, row.get("corrections") or {})}
        self.field = field
        self.values: list[str] | None = []
        who = row.get("name") or row.get("original_name") or f"person #{row['id']}"
        self.setWindowTitle(f"Correct — {who}")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Field to correct")
        for name in FIELDS:
            self.choice.addItem(LABELS[name], name)
        layout.addWidget(self.choice)
        self.said = QLabel()
        self.said.setTextFormat(Qt.RichText)
        self.said.setWordWrap(True)
        layout.addWidget(self.said)
        self.line = QLineEdit()
        self.lines = QPlainTextEdit()
        self.lines.setTabChangesFocus(True)
        self.lines.setFixedHeight(90)
        layout.addWidget(self.line)
        layout.addWidget(self.lines)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        kept = QLabel(
            "Your correction is kept: reading this resume again, or a newer resume from them, "
            "does not change it. Messages, exports, search and duplicates use it."
        )
        kept.setWordWrap(True)
        kept.setForegroundRole(QPalette.PlaceholderText)
        layout.addWidget(kept)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.revert = QPushButton("Use what the resume says")
        self.buttons.addButton(self.revert, QDialogButtonBox.ResetRole)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.revert.clicked.connect(self._revert)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._save)
        self.line.textChanged.connect(self._check)
        self.lines.textChanged.connect(self._check)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.choice.setCurrentIndex(FIELDS.index(field))
        self._chosen()

    def _chosen(self, *_args) -> None:
        self.field = self.choice.currentData()
        state = self.states[self.field]
        listed = self.field in LISTS
        self.line.setVisible(not listed)
        self.lines.setVisible(listed)
        what = LABELS[self.field].lower()
        if listed:
            self.lines.setPlainText("\n".join(state.value or []))
            self.lines.setPlaceholderText(f"one {what} a line; empty: they have none")
            self.lines.setAccessibleName(f"{LABELS[self.field]}, one a line")
        else:
            self.line.setText(state.value or "")
            self.line.setPlaceholderText(f"empty: no {what}")
            self.line.setAccessibleName(LABELS[self.field])
        parsed = state.correction["parsed"] if state.correction else state.value
        said = f"The resume says: <b>{html.escape(_plain(parsed))}</b>"
        if state.note:
            style = _marker_style(state)
            said += f"<br><span style='{style}'>{html.escape(state.note)}</span>"
        self.said.setText(said)
        self.revert.setEnabled(state.correction is not None)
        (self.lines if listed else self.line).setFocus(Qt.OtherFocusReason)
        self._check()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Type at once: the field's editor has the focus, not the choice of field.
        (self.lines if self.field in LISTS else self.line).setFocus(Qt.OtherFocusReason)

    def typed(self) -> list[str]:
        if self.field in LISTS:
            return [v for v in self.lines.toPlainText().split("\n") if v.strip()]
        return [self.line.text()]

    def _check(self) -> bool:
        try:
            identity.normalise(self.field, self.typed(), location=self.row.get("location"))
        except CorrectionError as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.Save).setEnabled(False)
            return False
        self.problem.setText("")
        self.buttons.button(QDialogButtonBox.Save).setEnabled(True)
        return True

    def _save(self) -> None:
        if self._check():
            self.values = self.typed()
            self.accept()

    def _revert(self) -> None:
        self.values = None
        self.accept()
