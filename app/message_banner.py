"""Where someone's message is, above their pane: queued, being sent, failed, in doubt, or a
call to make, with the one thing that can be done about it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from review.status import MessageState


def _texts(reason: str) -> dict:
    """(text, button, action) per message state; ``reason`` is escaped already."""
    return {
        MessageState.QUEUED: (
            "Their message is queued"
            + (f" — last try: {reason}" if reason else "")
            + ". They stay on the list until it is delivered.",
            "Retry now",
            "retry",
        ),
        MessageState.SENDING: ("Their message is being sent…", None, None),
        MessageState.FAILED: (
            f"<b style='color:#b00020'>Message failed:</b> {reason}. They stay on the list.",
            "Retry",
            "retry",
        ),
        MessageState.IN_DOUBT: (
            f"<b style='color:#c25e00'>Delivery in doubt:</b> {reason}. Send again only if you "
            "are sure it did not arrive (same Message-ID).",
            "Send again",
            "resend",
        ),
        MessageState.CALL_PENDING: (
            "They prefer a phone call: call them with the message as your script, then confirm.",
            "I made the call",
            "confirm_call",
        ),
    }


class MessageBanner(QFrame):
    """For someone waiting for a message; ``action`` is ("retry" | "resend" | "confirm_call",
    the message's row id) when its button is pressed."""

    action = Signal(str, int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("messageBanner")
        self.setFrameShape(QFrame.StyledPanel)
        banner = QHBoxLayout(self)
        banner.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        banner.addWidget(self.text, 1)
        banner.addWidget(self.button)
        self._action: tuple[str, int] | None = None
        self.hide()

    def show_state(self, message: dict | None) -> None:
        """Where the message is, why, and what can be done; hidden when there is none."""
        self._action = None
        if message is None:
            self.hide()
            return
        state = message["state"]
        reason = html.escape(message.get("last_error") or "")
        text, button, action = _texts(reason).get(state, (f"Message: {state}", None, None))
        self.text.setText(text)
        self.button.setVisible(button is not None)
        if button:
            self.button.setText(button)
            self._action = (action, message["id"])
        self.show()

    def _clicked(self) -> None:
        if self._action:
            self.action.emit(*self._action)
