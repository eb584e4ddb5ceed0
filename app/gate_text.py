"""The gate dialog's words and marks: how a message goes out, what each passed check says,
colours that keep their contrast, and the unsent words kept per person."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel

OK_MARK, NO_MARK, WARN_MARK = "✓", "✗", "⚠"
# How the message goes out, by the person's channel (given their addresses).
HOW = {
    "email": lambda emails: "by email to " + (", ".join(emails[:1]) or "— no address —"),
    "phone": lambda _emails: "as a phone call (their choice): the message is your script",
    "none": lambda _emails: "not sent: they asked not to be contacted; it is kept on record",
}


def mark_colors(dialog: QDialog) -> dict[str, QColor]:
    """Ticks, crosses and warnings that keep their contrast on a light or a dark palette."""
    from app.score_delegate import is_dark

    if is_dark(dialog.palette()):
        return {"ok": QColor("#81c784"), "block": QColor("#ef9a9a"), "warn": QColor("#ffcc80")}
    return {"ok": QColor("#1b5e20"), "block": QColor("#b71c1c"), "warn": QColor("#8a5a00")}


def kept_words(dialog) -> dict:
    """What was typed and not sent, to bring back if this person's gate opens again."""
    words = {
        "brings": dialog.brings.toPlainText(),
        "why_not": dialog.why_not.toPlainText(),
        "feedback": dialog.feedback.text(),
        "tone": dialog.tone.currentText(),
    }
    if dialog._user_edited_message:
        words.update(subject=dialog.subject.text(), body=dialog.body.toPlainText())
    if dialog.first_use is not None and dialog.message_side.currentWidget() is dialog.first_use:
        words["setup"] = dialog.first_use.typed()
    typed = any(words.get(k, "").strip() for k in ("brings", "why_not", "feedback", "body"))
    return words if typed or "setup" in words else {}


def restore_words(dialog, words: dict) -> None:
    dialog.tone.setCurrentText(words.get("tone", dialog.tone.currentText()))
    dialog.feedback.setText(words.get("feedback", ""))
    dialog.brings.setPlainText(words.get("brings", ""))
    dialog.why_not.setPlainText(words.get("why_not", ""))
    dialog.redraft()
    if "body" in words:
        dialog.subject.setText(words.get("subject", ""))
        dialog.body.setPlainText(words["body"])
        dialog._user_edited_message = True
    if words.get("setup") and dialog.first_use is not None:
        dialog.first_use.restore(words["setup"])
    dialog.summary.setText("Your words from before are back.")


def size_to(dialog, parent) -> None:
    """As large as the window it belongs to (a laptop screen), never larger than the screen."""
    screen = (parent.screen() if parent is not None else dialog.screen()).availableGeometry()
    width = min(1400, screen.width() - 40, max(1100, parent.width() if parent else 1100))
    height = min(820, screen.height() - 60)
    dialog.resize(width, height)


def wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def ok_text(code: str) -> str:
    return {
        "brings_label": "Sentences about them, not a label",
        "why_not_label": "A reason, not a label",
        "brings_length": "Enough about what they bring",
        "why_not_length": "Enough about why not this role",
        "specific": "Something specific to this person",
        "original": "Your own words (not a copy of an earlier note)",
        "not_the_suggestion": "Not just Shortlist's suggestion",
    }.get(code, code)
