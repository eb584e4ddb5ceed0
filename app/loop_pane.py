"""The loop with people, in the person pane: a banner with what they asked in a reply (confirm
it in one step) or their latest reply on this application; their interview (invite, or where the
invitation is); and the words History shows for replies, opt-outs, invitations and roles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from review import invitations as I
from review import outbox
from review import replies as R
from review.status import INTERVIEWING, ON_THE_LIST


def _quote(text: str | None, limit: int = 140) -> str:
    text = " ".join((text or "").split())
    return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"


_KINDS = {
    "let_go": "their let-go message",
    "withdrawn": "the thank-you for withdrawing",
    "invitation": "an interview invitation",
    "invitation_cancel": "an interview cancellation",
    "role": "a message about a role",
    "file_request": "a request for another copy of their file",
}


def history_text(action: str, detail: dict) -> str | None:
    """History's words for what closing the loop records; None: the usual words."""
    if action in ("reply_received", "reply_assigned"):
        flag = f" — check: {detail['flag']}" if detail.get("flag") else ""
        return f"they replied: {_quote(detail.get('excerpt'))}{flag}"
    if action == "opt_out_honoured":
        kept = len(detail.get("kept") or [])
        held = f"; {kept} waiting message{'s' if kept != 1 else ''} kept unsent" if kept else ""
        return (
            f"asked not to be contacted ({_quote(detail.get('said'), 40)}): honoured at once{held}"
        )
    if action == "message_kept":
        what = _KINDS.get(detail.get("kind"), "a message")
        return f"{what} kept on record, not sent: {detail.get('reason', '')}"
    if action == "let_go" and detail.get("honoured"):
        return f"let go ({detail['honoured']})"
    if action == "reply_preferences_confirmed":
        return f"their reply's wish confirmed: {detail.get('changed', '')}"
    if action == "reply_proposal_dismissed":
        return "their reply's proposed change dismissed"
    if action in ("interview_invited", "interview_rescheduled", "interview_cancelled"):
        verb = {
            "interview_invited": "invited to an interview",
            "interview_rescheduled": "interview moved to",
            "interview_cancelled": "interview cancelled",
        }[action]
        return f"{verb}: {detail.get('when', '')}, {detail.get('place', '')}"
    if action == "role_offered":
        return "told about this role (they asked to hear about roles like it)"
    if action == "file_requested":
        return f"asked for another copy of {detail.get('file') or 'their file'}"
    if action == "role_not_offered":
        return "not told about this role this time"
    return None


class ReplyBanner(QFrame):
    """What they wrote back: a wish to confirm (Confirm / Not this), or their latest reply on
    the application shown."""

    changed = Signal()  # a proposal was confirmed or dismissed

    def __init__(self, store, writer, actor: str, parent=None) -> None:
        super().__init__(parent)
        self.store, self.writer, self.actor = store, writer, actor
        self.reply_id: int | None = None
        self.setObjectName("replyBanner")
        self.setFrameShape(QFrame.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel()
        self.text.setTextFormat(Qt.PlainText)  # their words are never markup
        self.text.setWordWrap(True)
        self.confirm = QPushButton("Confirm")
        self.confirm.setToolTip("Change their contact preferences as they asked")
        self.dismiss = QPushButton("Not this")
        self.confirm.clicked.connect(self._confirm)
        self.dismiss.clicked.connect(self._dismiss)
        row.addWidget(self.text, 1)
        row.addWidget(self.confirm)
        row.addWidget(self.dismiss)
        self.hide()

    def show_for(self, person_id: int, application_id: int | None, hidden: bool) -> None:
        self.reply_id = None
        replies = [] if hidden else R.replies_of(self.store, person_id)
        waiting = [r for r in replies if r.proposal_state == "proposed"]
        here = [r for r in replies if application_id and r.application_id == application_id]
        if waiting:
            r = waiting[0]
            self.reply_id = r.id
            self.text.setText(
                f"They replied ({(r.sent_at or r.read_at)[:10]}): {_quote(r.excerpt)} — they ask "
                f"to {r.proposal_text}. Confirm, and their contact preferences change."
            )
        elif here:
            r = here[0]
            honoured = " They asked not to be contacted: honoured." if r.opt_out else ""
            self.text.setText(
                f"Their reply ({(r.sent_at or r.read_at)[:10]}): {_quote(r.excerpt)}{honoured}"
            )
        else:
            self.hide()
            return
        self.confirm.setVisible(bool(waiting))
        self.dismiss.setVisible(bool(waiting))
        self.show()

    def _done(self, _result=None) -> None:
        self.changed.emit()

    def _confirm(self) -> None:
        if self.reply_id is not None:
            self.writer.run(R.confirm_proposal, self.reply_id, self.actor, success=self._done)

    def _dismiss(self) -> None:
        if self.reply_id is not None:
            self.writer.run(R.dismiss_proposal, self.reply_id, self.actor, success=self._done)


_MESSAGE_WORDS = {
    "queued": "queued to send",
    "sending": "being sent",
    "delivered": "delivered",
    "failed": "NOT delivered",
    "in_doubt": "delivery in doubt",
    "call_pending": "a call to make",
    "kept": "not sent: they asked not to be contacted",
}


class InterviewStrip(QFrame):
    """For someone on the list: their interview and its invitation, or the offer to invite them
    (shown after a move to interviewing). The button asks the window (``requested``)."""

    requested = Signal()

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.allowed = True  # not in the gate's compact pane: nothing there to act with
        self.setObjectName("interviewStrip")
        self.setFrameShape(QFrame.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = QLabel()
        self.text.setTextFormat(Qt.PlainText)
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.requested)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_for(self, application_id: int | None, hidden: bool) -> None:
        status = (
            self.store.scalar("SELECT status FROM applications WHERE id = ?", (application_id,))
            if application_id
            else None
        )
        interview = I.current(self.store, application_id) if application_id else None
        if not self.allowed or (interview is None and (status != INTERVIEWING or hidden)):
            self.hide()
            return
        if interview is None:
            self.text.setText("Interviewing — no invitation sent yet.")
            self.button.setText("Invite to an interview…")
        else:
            state = (
                outbox.state_of(self.store, interview.message_id) if interview.message_id else None
            )
            where = f"{interview.meeting.when_text()}, {interview.meeting.place}"
            self.text.setText(
                f"Interview: {where} — invitation {_MESSAGE_WORDS.get(state, state)}."
            )
            self.button.setText("Change…")
        self.button.setEnabled(status in ON_THE_LIST)
        self.show()
