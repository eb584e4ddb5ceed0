"""Dialogs for replies: what a reading found, and what waits for the recruiter — unmatched
replies to assign, wishes to confirm in one step, replies to check.

Everything quoted from a message (names, subjects, their words) is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from review import people as P
from review import replies as R
from review.answers import describe

_HOW = {
    "in_reply_to": "answers our message",
    "references": "answers our message",
    "sender": "from their address",
    "assigned": "assigned by you",
}


def outcome_text(o: R.ReplyOutcome) -> str:
    """One message read, in a line a recruiter reads."""
    where = o.file.rsplit("/", 1)[-1]
    if o.outcome == "unreadable":
        return f"{where}: not read — {o.problem}"
    if o.outcome == "already_read":
        return f"{where}: read before (same Message-ID), skipped"
    if o.outcome == "not_a_reply":
        return f"{where}: skipped — {o.problem}"
    who = o.name or "Unmatched"
    parts = [f"{who} ({_HOW.get(o.matched_by or '', 'nobody known')})"]
    if o.job_title:
        parts.append(f"about {o.job_title}")
    if o.applied:
        parts.append("asked not to be contacted: done, at once")
        if o.kept_text:
            parts.append(o.kept_text)
    if o.proposed:
        parts.append(f"asks to {describe(o.proposed)}: confirm it")
    if o.flag:
        parts.append(f"check: {o.flag}")
    return f"{where}: " + " · ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class ReadRepliesDialog(QDialog):
    """What became of each message read."""

    waiting_requested = Signal()

    def __init__(self, outcomes: list[R.ReplyOutcome], dropped: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Replies read")
        self.setAccessibleName("Replies read")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        read = [o for o in outcomes if o.outcome == "read"]
        lead = (
            "These dropped messages answer messages you sent, so they were read as replies, "
            "not imported as resumes.\n"
            if dropped
            else ""
        )
        waiting = sum(o.person is None or bool(o.proposed) or bool(o.flag) for o in read)
        self.summary = QLabel(
            f"{lead}{len(read)} repl{'y' if len(read) == 1 else 'ies'} read, "
            f"{_count(sum(bool(o.applied) for o in read), 'opt-out')} honoured at once, "
            f"{waiting} waiting for you."
        )
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAccessibleName("What became of each message")
        self.list.setWordWrap(True)
        for o in outcomes:
            self.list.addItem(QListWidgetItem(outcome_text(o)))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.to_check = buttons.addButton("Replies to check…", QDialogButtonBox.ActionRole)
        self.to_check.setEnabled(waiting > 0)
        self.to_check.clicked.connect(self._open_waiting)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _open_waiting(self) -> None:
        self.accept()
        self.waiting_requested.emit()


class AssignDialog(QDialog):
    """Whose reply is this? Type to find them by name or address."""

    def __init__(self, store, reply: R.StoredReply, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Whose reply is this?")
        self.setAccessibleName("Assign a reply")
        self.resize(560, 420)
        self.people = P.list_people(store)
        layout = QVBoxLayout(self)
        about = QLabel(f"From {reply.sender or 'an unknown sender'}: “{reply.excerpt[:160]}”")
        about.setTextFormat(Qt.PlainText)
        about.setWordWrap(True)
        layout.addWidget(about)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or an email address")
        self.search.setAccessibleName("Find the person")
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName("People")
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Assign")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setText((reply.sender or "").split("@")[0].replace(".", " ").split(" ")[0])

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        self.list.clear()
        for person in self.people:
            haystack = " ".join([person["name"] or "", *person["emails"]]).lower()
            if all(w in haystack for w in words):
                label = f"{person['name'] or '(no name)'} — {', '.join(person['emails'][:2])}"
                item = QListWidgetItem(label)
                item.setData(Qt.UserRole, person["id"])
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None


_NOTHING_HERE = {
    "unmatched": "No unmatched replies: every reply read is tied to a person.\n\nA reply whose "
    "sender Shortlist cannot tie to anyone waits here for you to assign it.",
    "proposals": "No wishes to confirm.\n\nWhen someone asks in a reply to hear from you more "
    "or less often, about other roles, or by phone, it waits here for you to confirm or "
    "dismiss in one step. An opt-out needs no confirming: it is honoured at once.",
    "flagged": "Nothing to check.\n\nA reply waits here when something about it looks odd: it "
    "came from an address not on their record, claims to answer someone else's message, or is "
    "an automatic answer or a bounce.",
}


class RepliesDialog(QDialog):
    """View → Replies to check: unmatched replies (Assign), wishes to confirm in one step,
    replies flagged for a look."""

    changed = Signal()
    messages_kept = Signal(list)  # an assigned opt-out kept their waiting messages unsent

    def __init__(self, store, writer, actor: str, parent=None):
        super().__init__(parent)
        self.store, self.writer, self.actor = store, writer, actor
        self.setWindowTitle("Replies to check")
        self.setAccessibleName("Replies to check")
        self.resize(860, 560)
        self.assign_dialog: AssignDialog | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.lists: dict[str, QListWidget] = {}
        self.buttons: dict[str, QPushButton] = {}
        actions = {
            "unmatched": [("Assign to…", self._assign)],
            "proposals": [
                ("Confirm", lambda: self._on_current(R.confirm_proposal)),
                ("Not this", lambda: self._on_current(R.dismiss_proposal)),
            ],
            "flagged": [("Seen", lambda: self._on_current(R.mark_seen))],
        }
        for key in ("unmatched", "proposals", "flagged"):
            self.tabs.addTab(self._tab(key, actions[key]), "")
        layout.addWidget(self.tabs, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("The reply")
        layout.addWidget(self.detail, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tabs.currentChanged.connect(lambda _i: self._show_current())
        self.reload()

    def _tab(self, key: str, actions) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        listing = QListWidget()
        listing.setAccessibleName(
            {
                "unmatched": "Unmatched replies",
                "proposals": "Wishes to confirm",
                "flagged": "Replies to check",
            }[key]
        )
        listing.currentItemChanged.connect(lambda *_: self._show_current())
        self.lists[key] = listing
        box.addWidget(listing, 1)
        row = QHBoxLayout()
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[text] = button
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return page

    def reload(self, *_args) -> None:
        waiting = R.waiting(self.store)
        titles = {"unmatched": "Unmatched", "proposals": "To confirm", "flagged": "To check"}
        for index, key in enumerate(("unmatched", "proposals", "flagged")):
            listing = self.lists[key]
            listing.clear()
            for reply in waiting[key]:
                who = reply.name or reply.sender or "unknown sender"
                extra = {
                    "unmatched": "",
                    "proposals": f" — asks to {reply.proposal_text}",
                    "flagged": f" — {reply.flag}",
                }[key]
                item = QListWidgetItem(f"{who}: “{reply.excerpt[:100]}”{extra}")
                item.setData(Qt.UserRole, reply.id)
                listing.addItem(item)
            if listing.count():
                listing.setCurrentRow(0)
            self.tabs.setTabText(index, f"{titles[key]} ({len(waiting[key])})")
        self._show_current()

    def current_key(self) -> str:
        return ("unmatched", "proposals", "flagged")[self.tabs.currentIndex()]

    def _current(self) -> int | None:
        item = self.lists[self.current_key()].currentItem()
        return item.data(Qt.UserRole) if item else None

    def _show_current(self) -> None:
        reply_id = self._current()
        key = self.current_key()
        for button in self.buttons.values():
            button.setEnabled(reply_id is not None)
        if reply_id is None:  # an empty tab says what would be here, and that all is done
            self.detail.setPlainText(_NOTHING_HERE[key])
            return
        r = R.reply(self.store, reply_id)
        sender = f"{r.sender_name} <{r.sender}>" if r.sender_name else (r.sender or "?")
        when = (r.sent_at or r.read_at)[:16].replace("T", " ")
        head = [f"From: {sender}", f"Subject: {r.subject}", f"Date: {when}"]
        if r.job_title:
            head.append(f"About: {r.job_title}")
        self.detail.setPlainText("\n".join(head) + "\n\n" + r.body)

    def _done(self, result=None) -> None:
        self.reload()
        if getattr(result, "kept", None):
            self.messages_kept.emit(result.kept)
        self.changed.emit()

    def _assign(self) -> None:
        reply_id = self._current()
        if reply_id is None:
            return
        self.assign_dialog = AssignDialog(self.store, R.reply(self.store, reply_id), self)

        def chosen(result: int) -> None:
            person = self.assign_dialog.chosen() if result else None
            if person is not None:
                self.writer.run(R.assign, reply_id, person, self.actor, success=self._done)

        self.assign_dialog.finished.connect(chosen)
        self.assign_dialog.open()

    def _on_current(self, operation) -> None:
        """Confirm, dismiss or mark seen the reply selected, through the writer."""
        reply_id = self._current()
        if reply_id is not None:
            self.writer.run(operation, reply_id, self.actor, success=self._done)
