"""Pieces of the person pane: a score part's row, and the record tabs (contact and notes,
possible duplicates, history).

What the reviewer changes here (preferences, "what they bring", a note about them,
a duplicate decided) is written by the window's writer; ``changed`` tells the pane
to show the result.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.loop_pane import history_text
from app.person_fields import CorrectionDialog, FieldsBox
from review import identity
from review import people as P
from review import workflow as W
from review.relationship import (
    CHANNELS,
    FREQUENCIES,
    FREQUENCY_LABELS,
    contact_preference,
    followups_of,
    set_preferences,
)
from review.status import LABELS, LET_GO

# The person's choices in a recruiter's words (the stored values are a contract, not for reading).
CHANNEL_LABELS = {"email": "by email", "phone": "by phone", "none": "not at all"}


def headline(row: dict, status: str, blind_hidden: bool) -> str:
    """Under the name: title, years, the town (never the street), status, a file's problem."""
    from app.score_delegate import outcome_label
    from review.excerpts import place_for_headline

    bits = [html.escape(row["title"])] if row.get("title") else []
    if row.get("years_experience") is not None:
        bits.append(f"{row['years_experience']:g} years")
    place = place_for_headline(row.get("location")) if not blind_hidden else None
    if place and len(place) <= 40 and "@" not in place:
        bits.append(html.escape(place))  # the full address is in the Contact tab
    bits.append(LABELS.get(status, status))
    if row["outcome"] != "ok":
        bits.append(
            f"<span style='color:#d32f2f'>The file could not be read: "
            f"{html.escape(outcome_label(row['outcome']))} — "
            f"{html.escape(row['error'] or '')}</span>"
        )
    return " · ".join(bits)


def decision_buttons(row, moves, let_go):
    """Shortlist, a Move to menu and Let go, bound to the window's actions; the Move to button."""
    from PySide6.QtWidgets import QMenu, QToolButton

    clear_layout(row)
    shortlist = QToolButton()
    shortlist.setDefaultAction(moves[0])
    shortlist.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    move = QToolButton()
    move.setText("Move to")
    move.setPopupMode(QToolButton.InstantPopup)
    move.setAccessibleName("Move to")
    menu = QMenu(move)
    for action in moves[1:]:
        menu.addAction(action)
    move.setMenu(menu)
    letgo = QToolButton()
    letgo.setDefaultAction(let_go)
    letgo.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    for button in (shortlist, move, letgo):
        row.addWidget(button)
    row.addStretch(1)
    return move


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # gone now, not at the next turn of the event loop
            widget.setParent(None)
            widget.deleteLater()


class ContactTab(QWidget):
    """Contact details, how they want to hear from us, what they bring, notes about them."""

    changed = Signal()  # something was written: the pane refreshes this tab and the history
    corrected = Signal(str)  # a field was corrected (its name): the pane reads the person again

    def __init__(self, store, writer, actor: str, parent=None) -> None:
        super().__init__(parent)
        self.store, self.writer, self.actor = store, writer, actor
        self.person_id: int | None = None
        self.application_id: int | None = None
        self.row: dict | None = None
        self.dialog: CorrectionDialog | None = None
        self._loading = False  # filling the widgets: not a change to save
        layout = QVBoxLayout(self)
        # Their fields, each with "check this" where the parser was not sure, and Correct.
        self.fields = FieldsBox()
        self.fields.correct_requested.connect(self.correct)
        layout.addWidget(self.fields)
        layout.addLayout(self._brings_row())
        layout.addLayout(self._preferences_row())
        self.followups = QLabel()
        self.followups.setObjectName("personFollowups")
        self.followups.setWordWrap(True)
        self.followups.setTextFormat(Qt.RichText)
        layout.addWidget(self.followups)
        self.pref_note = QLabel()
        self.pref_note.setWordWrap(True)
        self.pref_note.setForegroundRole(QPalette.PlaceholderText)
        layout.addWidget(self.pref_note)
        title = QLabel(
            "<b>About them as a person</b> — interests, what matters to them; kept across jobs"
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Relationship notes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes, 1)
        layout.addLayout(self._note_row())

    def _brings_row(self) -> QVBoxLayout:
        row = QVBoxLayout()
        row.setSpacing(2)
        row.addWidget(QLabel("What they bring (shown to hiring managers):"))
        self.brings_edit = QLineEdit()
        self.brings_edit.setAccessibleName("What this person brings, for exports")
        self.brings_edit.setPlaceholderText(
            "Your words about this person, for the exported shortlist"
        )
        self.brings_edit.editingFinished.connect(self._save_brings)
        row.addWidget(self.brings_edit, 1)
        return row

    def _preferences_row(self) -> QGridLayout:
        """How they want to hear from us, on two lines so nothing is cut at 1024 px."""
        row = QGridLayout()
        row.setHorizontalSpacing(6)
        self.pref_channel = QComboBox()
        for value in CHANNELS:
            self.pref_channel.addItem(CHANNEL_LABELS[value], value)
        self.pref_channel.setAccessibleName("Contact channel")
        self.pref_frequency = QComboBox()
        for value in FREQUENCIES:
            self.pref_frequency.addItem(FREQUENCY_LABELS[value], value)
        self.pref_frequency.setAccessibleName("Contact frequency")
        self.pref_topics = QLineEdit()
        self.pref_topics.setPlaceholderText("topics they want to hear about")
        self.pref_topics.setAccessibleName("Topics they want to hear about")
        self.pref_consent = QCheckBox("agreed to hear from us")
        row.addWidget(QLabel("Stay in touch:"), 0, 0)
        row.addWidget(self.pref_channel, 0, 1)
        row.addWidget(self.pref_frequency, 0, 2)
        row.addWidget(self.pref_topics, 1, 1, 1, 2)
        row.addWidget(self.pref_consent, 2, 1, 1, 2)
        row.setColumnStretch(2, 1)
        self.pref_channel.currentIndexChanged.connect(self._save_preferences)
        self.pref_frequency.currentIndexChanged.connect(self._save_preferences)
        self.pref_topics.editingFinished.connect(self._save_preferences)
        self.pref_consent.toggled.connect(self._save_preferences)
        return row

    def _note_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Add something you learned about them (N)")
        self.note_edit.setAccessibleName("New relationship note")
        self.note_edit.returnPressed.connect(self._add_note)
        add_button = QPushButton("Add note")
        add_button.clicked.connect(self._add_note)
        row.addWidget(self.note_edit, 1)
        row.addWidget(add_button)
        return row

    def show_application(self, application_id: int | None, brings: str | None) -> None:
        self.application_id = application_id
        self.brings_edit.blockSignals(True)
        self.brings_edit.setText(brings or "")
        self.brings_edit.blockSignals(False)

    def contact_text(self) -> str:
        """Everything the fields area shows, as text (what a screen reader or a test reads)."""
        return self.fields.text()

    def correct(self, field: str) -> None:
        """Open the correction dialog for one field; the writer stores what is saved."""
        if self.row is None or not self.fields.states:
            return  # nobody shown, or blind review hides their details
        self.dialog = CorrectionDialog(self.row, field, self)
        self.dialog.finished.connect(self._corrected)
        self.dialog.open()

    def correct_first(self) -> bool:
        """The dialog for the first field to check (else the name); False when blind review hides
        their details (the status bar says so)."""
        if self.row is not None and not self.fields.states:
            self.window().statusBar().showMessage(
                "Blind review hides their details: shortlist them to see and correct them.", 6000
            )
            return False
        self.correct((self.fields.to_check() or ["name"])[0])
        return self.row is not None

    def _corrected(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or result != QDialog.Accepted or self.person_id is None:
            return
        self.writer.run(
            identity.correct,
            self.person_id,
            dialog.field,
            dialog.values,
            self.actor,
            success=lambda _value, field=dialog.field: self.corrected.emit(field),
        )

    def _fill_followups(self, person_id: int) -> None:
        """Check-ins after a hire (and keep-in-touch), with when they are due."""
        rows = followups_of(self.store, person_id)
        if not rows:
            self.followups.hide()
            return
        lines = []
        for f in rows:
            state = "done" if f["done_at"] else f"due {f['due_at'][:10]}"
            lines.append(f"{html.escape(f['title'])} — {state}")
        self.followups.setText("<b>Follow-ups</b> (View → Follow-ups):<br>" + "<br>".join(lines))
        self.followups.show()

    def fill(self, row: dict, blind_hidden: bool) -> None:
        self.person_id = row["id"]
        self.row = row
        self.fields.fill(row, blind_hidden)
        self._fill_followups(row["id"])
        pref = contact_preference(self.store, row["id"])
        self._loading = True
        self.pref_channel.setCurrentIndex(max(0, self.pref_channel.findData(pref["channel"])))
        self.pref_frequency.setCurrentIndex(max(0, self.pref_frequency.findData(pref["frequency"])))
        self.pref_topics.setText(", ".join(pref["topics"]))
        self.pref_consent.setChecked(bool(pref["consent"]))
        self._loading = False
        if pref["consent"] and pref["consent_date"]:
            source = pref["consent_source"]
            self.pref_note.setText(f"Consent recorded {pref['consent_date'][:10]} ({source}).")
        else:
            self.pref_note.setText("Every message and reminder follows these choices.")
        self._fill_notes(row["id"])

    def _fill_notes(self, person_id: int) -> None:
        self.notes.clear()
        for note in P.earlier_notes_about(self.store, person_id):
            what = "let go" if note["kind"] == LET_GO else "withdrew"
            text = note["brings"] or note["why_not"]
            when = note["created_at"][:10]
            item = QListWidgetItem(
                f"Earlier application ({note['job']}, {what} {when}): {text}\n— {note['author']}"
            )
            item.setForeground(QPalette().color(QPalette.PlaceholderText))
            self.notes.addItem(item)
        for note in P.relationship_notes(self.store, person_id):
            when = note["created_at"][:10]
            self.notes.addItem(QListWidgetItem(f"{note['text']}\n— {note['author']}, {when}"))

    def _written(self, _result) -> None:
        self.changed.emit()

    def _save_preferences(self, *_args) -> None:
        if self._loading or self.person_id is None:
            return
        self.writer.run(
            set_preferences,
            self.person_id,
            self.actor,
            channel=self.pref_channel.currentData(),
            frequency=self.pref_frequency.currentData(),
            topics=self.pref_topics.text().split(","),
            consent=self.pref_consent.isChecked(),
            success=self._written,
        )

    def _save_brings(self) -> None:
        if self.application_id is None:
            return
        self.writer.run(W.set_brings, self.application_id, self.brings_edit.text(), self.actor)

    def _add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.person_id is None:
            return
        self.writer.run(
            P.add_relationship_note, self.person_id, text, self.actor, success=self._written
        )
        self.note_edit.clear()


class DuplicatesTab(QWidget):
    """People who may be this person, to decide one by one."""

    changed = Signal()

    def __init__(self, store, writer, actor: str, parent=None) -> None:
        super().__init__(parent)
        self.store, self.writer, self.actor = store, writer, actor
        self.layout_ = QVBoxLayout(self)
        self.layout_.setAlignment(Qt.AlignTop)

    def fill(self, person_id: int, blind_hidden: bool) -> int:
        """Show the suggestions; returns how many are still undecided."""
        clear_layout(self.layout_)
        found = P.duplicates(self.store, person_id)
        if not found:
            self.layout_.addWidget(QLabel("No possible duplicates."))
            return 0
        for dup in found:
            self.layout_.addWidget(self._suggestion(dup, blind_hidden))
        return sum(1 for d in found if d["status"] == "suggested")

    def _suggestion(self, dup: dict, blind_hidden: bool) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.StyledPanel)
        lay = QVBoxLayout(box)
        other = dup["other"]
        who = f"person #{other}" if blind_hidden else dup["other_name"] or f"person #{other}"
        lay.addWidget(
            QLabel(
                f"<b>Maybe the same person as {html.escape(who)}</b> (#{other})<br>"
                f"{html.escape(dup['reason'])}"
            )
        )
        if dup["status"] != "suggested":
            same = dup["status"] == "same_person"
            lay.addWidget(QLabel("Decided: " + ("the same person" if same else "different people")))
            return box
        buttons = QHBoxLayout()
        same_button = QPushButton("Same person")
        apart = QPushButton("Different people")
        same_button.clicked.connect(lambda _=False, i=dup["id"]: self._decide(i, True))
        apart.clicked.connect(lambda _=False, i=dup["id"]: self._decide(i, False))
        buttons.addWidget(same_button)
        buttons.addWidget(apart)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        return box

    def _decide(self, suggestion_id: int, same: bool) -> None:
        self.writer.run(
            P.decide_duplicate,
            suggestion_id,
            same,
            self.actor,
            success=lambda _none: self.changed.emit(),
        )


class HistoryList(QListWidget):
    """Everything that happened to this person, newest first, from the audit log."""

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setAccessibleName("History of this person")
        self.setWordWrap(True)

    def fill(self, person_id: int) -> None:
        self.clear()
        for entry in P.history(self.store, person_id):
            detail = json.loads(entry["detail"] or "{}")
            what = history_text(entry["action"], detail) or entry["action"].replace("_", " ")
            if "before" in detail and "after" in detail:
                before = LABELS.get(detail["before"], detail["before"])
                after = LABELS.get(detail["after"], detail["after"])
                what += f": {before} → {after}"
            if detail.get("field") in identity.LABELS:  # a correction, or one withdrawn
                value = detail.get("value")
                shown = ", ".join(value) if isinstance(value, list) else value
                what += f": {identity.LABELS[detail['field']].lower()}"
                what += f" → {shown or 'none'}" if "value" in detail else ""
            job = f" ({entry['job']})" if entry["job"] else ""
            self.addItem(f"{entry['at'][:16].replace('T', ' ')}  {entry['actor']}: {what}{job}")


class PartRow(QFrame):
    """One part of the score: name, bar, points; click to see its evidence."""

    clicked = Signal(int)

    def __init__(self, number: int, part, parent=None):
        super().__init__(parent)
        self.number = number
        self.setObjectName("partRow")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        counted = [e for e in part.evidence if e.flag is None]
        self.setAccessibleName(f"{part.criterion}: {part.points:.1f} of {part.weight:g} points")
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(1)
        name = QLabel(part.criterion + (" · must-have" if part.must else ""))
        name.setTextFormat(Qt.PlainText)
        font = name.font()
        font.setBold(part.points > 0)
        name.setFont(font)
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(int(100 * part.points / part.weight) if part.weight else 0)
        bar.setTextVisible(False)
        bar.setFixedHeight(8)
        bar.setFixedWidth(90)
        points = QLabel(f"{part.points:.1f} / {part.weight:g}")
        points.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        points.setMinimumWidth(62)
        layout.addWidget(name, 0, 0)
        layout.addWidget(bar, 0, 1)
        layout.addWidget(points, 0, 2)
        detail = part.note or ""
        if counted and not part.note:
            where = sorted({e.section or "text" for e in counted})
            detail = f"{len(counted)} mention{'s' if len(counted) > 1 else ''} · " + ", ".join(
                where
            )
        if part.must and part.points <= 0:
            detail = "missing must-have" + (f" — {part.note}" if part.note else "")
        if detail:
            sub = QLabel(detail)
            sub.setTextFormat(Qt.PlainText)
            sub.setForegroundRole(QPalette.PlaceholderText)
            small = sub.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            sub.setFont(small)
            sub.setWordWrap(True)
            layout.addWidget(sub, 1, 0, 1, 3)
        layout.setColumnStretch(0, 1)

    def mousePressEvent(self, event) -> None:
        self.clicked.emit(self.number)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit(self.number)
            return
        super().keyPressEvent(event)
