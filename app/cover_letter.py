"""The person pane's "Cover letter" tab: the messages their resumes came in (sender, date,
subject, body), read-only, as plain text. Hidden when there is none; in blind review it
says it is hidden (a sender's name and address are who they are)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from review import people as P


def letter_html(letter: dict) -> str:
    """One message as the tab shows it: every value escaped, the body as plain text."""
    sender = letter.get("sender") or ""
    who = letter.get("sender_name") or ""
    sender_text = f"{who} <{sender}>" if who and sender else (who or sender or "unknown sender")
    rows = [
        ("From", sender_text),
        ("Date", (letter.get("sent_at") or "").replace("T", " ")[:16] or "not dated"),
        ("Subject", letter.get("subject") or "(no subject)"),
    ]
    if letter.get("job_title"):
        rows.append(("With the application for", letter["job_title"]))
    head = "".join(
        f"<tr><td style='color:gray; padding-right:8px'>{html.escape(k)}</td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    body = (letter.get("body") or "").strip() or "(the message has no text)"
    return (
        f"<table>{head}</table>"
        f"<pre style='white-space:pre-wrap; font-family:sans-serif'>{html.escape(body)}</pre>"
    )


class CoverLetterTab(QWidget):
    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.view = QTextBrowser()
        self.view.setReadOnly(True)
        self.view.setOpenLinks(False)  # plain text: nothing in it is a link to follow
        self.view.setAccessibleName("Cover letter")
        layout.addWidget(self.view)
        self.letters: list[dict] = []

    def fill(self, person_id: int, blind_hidden: bool) -> int:
        """Show their cover letters; returns how many there are."""
        self.letters = P.cover_letters(self.store, person_id)
        if blind_hidden:
            self.view.setHtml("<i>The cover letter is hidden in blind review.</i>")
        else:
            self.view.setHtml("<hr>".join(letter_html(c) for c in self.letters))
        return len(self.letters)

    def text(self) -> str:
        return self.view.toPlainText()
