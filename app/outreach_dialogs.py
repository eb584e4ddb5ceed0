"""Dialogs for reaching out: an interview invitation (with its calendar file), and the roles
people in the talent pool asked to hear about — read and sent one person at a time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import available_timezones

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from review import invitations as I
from review import offers as O


def _message_editor(layout) -> tuple[QLineEdit, QPlainTextEdit]:
    subject = QLineEdit()
    subject.setAccessibleName("Subject")
    body = QPlainTextEdit()
    body.setAccessibleName("Message")
    layout.addRow("Subject", subject)
    layout.addRow(body)
    return subject, body


def _refusal_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020")
    label.hide()
    return label


def _next_working_day(days: int = 2) -> datetime:
    """10:00 on the working day at least ``days`` from now: a first suggestion to change."""
    when = datetime.now() + timedelta(days=days)
    when = when.replace(hour=10, minute=0, second=0, microsecond=0)
    while when.weekday() >= 5:
        when += timedelta(days=1)
    return when


class InviteDialog(QDialog):
    """Invite to an interview, or give the scheduled one a new time, or cancel it. The message
    is drafted from the time and place, and is the recruiter's to edit; it goes through the
    outbox with its calendar file."""

    send_requested = Signal(object)  # {"kind", "application", "interview", "meeting", ...}

    def __init__(
        self, store, application_id: int, name: str, settings, parent=None, offered: bool = False
    ):
        super().__init__(parent)
        self.store, self.settings, self.application_id = store, settings, application_id
        self.scheduled = I.current(store, application_id)
        self._drafting = False
        self._edited = False
        self.setWindowTitle(f"Interview — {name}")
        self.setAccessibleName("Interview invitation")
        self.resize(720, 640)
        form = QFormLayout(self)
        if offered:
            lead = QLabel(f"{name} is interviewing now. Send an invitation with a calendar file?")
            lead.setTextFormat(Qt.PlainText)
            lead.setWordWrap(True)
            form.addRow(lead)
        self.kind = QComboBox()
        self.kind.setAccessibleName("What to send")
        if self.scheduled is None:
            self.kind.addItem("An invitation", "invite")
        else:
            self.kind.addItem("A new time or place", "reschedule")
            self.kind.addItem("Cancel the interview", "cancel")
            form.addRow("Scheduled", QLabel(self.scheduled.meeting.when_text()))
        form.addRow("Send", self.kind)
        self._build_meeting(form)
        self.subject, self.body = _message_editor(form)
        self.body.textChanged.connect(self._body_edited)
        self.problems = _refusal_label()
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.send_button = buttons.button(QDialogButtonBox.Ok)
        self.send_button.setText("Send")
        buttons.button(QDialogButtonBox.Cancel).setText("Later" if offered else "Cancel")
        buttons.accepted.connect(self._send)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._redraft)
        self._redraft()

    def _build_meeting(self, form: QFormLayout) -> None:
        meeting = self.scheduled.meeting if self.scheduled else None
        start = meeting.starts if meeting else _next_working_day()
        self.when = QDateTimeEdit(QDateTime(start))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when.setAccessibleName("When")
        self.minutes = QSpinBox()
        self.minutes.setRange(I.MIN_MINUTES, I.MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(meeting.minutes if meeting else 45)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setAccessibleName("Time zone")
        self.zone.addItems(["UTC", *sorted(z for z in available_timezones() if "/" in z)])
        self.zone.setCurrentText(meeting.timezone if meeting else I.timezone_from(self.settings))
        self.where = QLineEdit(meeting.place if meeting else "")
        self.where.setPlaceholderText("A room and address, or a video link")
        self.where.setAccessibleName("Where")
        row = QHBoxLayout()
        row.addWidget(self.when, 1)
        row.addWidget(self.minutes)
        form.addRow("When", row)
        form.addRow("Time zone", self.zone)
        form.addRow("Where", self.where)
        for signal in (
            self.when.dateTimeChanged,
            self.minutes.valueChanged,
            self.zone.currentTextChanged,
            self.where.textChanged,
        ):
            signal.connect(self._redraft)

    def meeting(self) -> I.Meeting:
        starts = self.when.dateTime().toPython().replace(second=0, microsecond=0, tzinfo=None)
        return I.Meeting(
            starts, self.minutes.value(), self.zone.currentText().strip(), self.where.text().strip()
        )

    def _body_edited(self) -> None:
        if not self._drafting:
            self._edited = True

    def _redraft(self, *_args) -> None:
        """The draft follows the time and place until the recruiter edits it."""
        kind = self.kind.currentData()
        for widget in (self.when, self.minutes, self.zone, self.where):
            widget.setEnabled(kind != "cancel")
        if self._edited:
            return
        try:
            meeting = self.meeting()
            meeting.zone  # noqa: B018 - a name that is not a zone fails here, not in the draft
        except Exception:
            return
        before = self.scheduled.meeting if self.scheduled else None
        draft = I.draft(
            self.store,
            self.application_id,
            before if kind == "cancel" else meeting,
            self.settings,
            kind=kind,
            before=before,
        )
        self._drafting = True
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self._drafting = False

    def _send(self) -> None:
        kind = self.kind.currentData()
        try:
            meeting = self.meeting() if kind != "cancel" else self.scheduled.meeting
            meeting.zone  # noqa: B018
        except Exception:
            self.refused([f"{self.zone.currentText()!r} is not a time zone name"])
            return
        self.problems.hide()
        self.send_requested.emit(
            {
                "kind": kind,
                "application": self.application_id,
                "interview": self.scheduled.id if self.scheduled else None,
                "meeting": meeting,
                "subject": self.subject.text(),
                "body": self.body.toPlainText(),
            }
        )

    def refused(self, reasons: list[str]) -> None:
        self.problems.setText("Not sent: " + "; ".join(reasons))
        self.problems.show()


class OffersDialog(QDialog):
    """People who asked to hear about roles like this one: each message read, edited and sent
    on its own. There is no button that sends to all of them."""

    send_requested = Signal(int, str, str)  # person, subject, body
    skip_requested = Signal(int)

    def __init__(self, store, job, offers: list[O.Offer], settings, parent=None):
        super().__init__(parent)
        self.store, self.job, self.settings = store, job, settings
        self.offers = {o.person_id: o for o in offers}
        self.setWindowTitle(f"Tell them about {job.title}")
        self.setAccessibleName("Roles they asked to hear about")
        self.resize(980, 640)
        outer = QHBoxLayout(self)
        self.people = QListWidget()
        self.people.setAccessibleName("People who asked to hear about roles like this")
        self.people.setMaximumWidth(300)
        for o in offers:
            item = QListWidgetItem(f"{o.name or '#' + str(o.person_id)} — {o.score:.0f}")
            item.setData(Qt.UserRole, o.person_id)
            self.people.addItem(item)
        outer.addWidget(self.people)
        right = QWidget()
        form = QFormLayout(right)
        self.why = QLabel()
        self.why.setTextFormat(Qt.PlainText)
        self.why.setWordWrap(True)
        form.addRow("Why them", self.why)
        self.subject, self.body = _message_editor(form)
        self.problems = _refusal_label()
        form.addRow(self.problems)
        row = QHBoxLayout()
        self.send_button = QPushButton("Send")
        self.skip_button = QPushButton("Not this time")
        self.send_button.clicked.connect(self._send)
        self.skip_button.clicked.connect(self._skip)
        row.addWidget(self.send_button)
        row.addWidget(self.skip_button)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addWidget(close)
        form.addRow(row)
        outer.addWidget(right, 1)
        self.people.currentItemChanged.connect(self._show)
        self.decided_people: dict[int, str] = {}
        if offers:
            self.people.setCurrentRow(0)

    def current(self) -> int | None:
        item = self.people.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _show(self, *_args) -> None:
        person = self.current()
        offer = self.offers.get(person)
        self.problems.hide()
        done = person in self.decided_people
        for widget in (self.send_button, self.skip_button, self.subject, self.body):
            widget.setEnabled(offer is not None and not done)
        if offer is None:
            return
        how = {"matching_roles": "each role that fits them"}.get(offer.frequency, offer.frequency)
        lines = [f"They asked to hear about {how}; score {offer.score:.0f}."]
        if offer.strengths:
            lines.append("Matched: " + ", ".join(offer.strengths[:5]) + ".")
        lines += [f"Their resume: “{q}”" for q in offer.quotes]
        lines += [f"Your note: {n}" for n in offer.notes[:1]]
        self.why.setText("\n".join(lines))
        draft = O.draft(self.store, self.job, offer, self.settings)
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        name = offer.name.split()[0] if offer.name else "them"
        self.send_button.setText(f"Send to {name}")

    def _send(self) -> None:
        person = self.current()
        if person is not None:
            self.send_requested.emit(person, self.subject.text(), self.body.toPlainText())

    def _skip(self) -> None:
        person = self.current()
        if person is not None:
            self.skip_requested.emit(person)

    def decided(self, person_id: int, what: str) -> None:
        """Sent or not this time: marked, and the next one shown."""
        self.decided_people[person_id] = what
        for index in range(self.people.count()):
            item = self.people.item(index)
            if item.data(Qt.UserRole) == person_id:
                item.setText(f"{item.text().split(' — ')[0]} — {what}")
        for index in range(self.people.count()):
            if self.people.item(index).data(Qt.UserRole) not in self.decided_people:
                self.people.setCurrentRow(index)
                return
        self._show()

    def refused(self, reasons: list[str]) -> None:
        self.problems.setText("Not sent: " + "; ".join(reasons))
        self.problems.show()
