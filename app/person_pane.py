"""The person pane: who this is, why they scored what they scored, and their own words.

The score breakdown lists every part, largest first; clicking a part
highlights its evidence in the resume and jumps to the first mention.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QProgressBar,
    QPushButton, QScrollArea, QSplitter, QStackedWidget, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)  # fmt: skip

from review import people as P
from review.people import pseudonym
from review.status import LABELS, PAST_SCREENING

ADVICE_TEXT = {"strong": "Strong match", "possible": "Possible match", "unlikely": "Unlikely match"}
ADVICE_COLOR = {"strong": "#2e7d32", "possible": "#b26a00", "unlikely": "#6b6b6b"}


def _clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # gone now, not at the next turn of the event loop
            widget.setParent(None)
            widget.deleteLater()


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
            detail = f"{len(counted)} mention{'s' if len(counted) > 1 else ''} · " + ", ".join(where)
        if part.must and part.points <= 0:
            detail = "missing must-have" + (f" — {part.note}" if part.note else "")
        if detail:
            sub = QLabel(detail)
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


class PersonPane(QWidget):
    note_requested = Signal()
    message_action = Signal(str, int)  # ("retry" | "resend" | "confirm_call", message row id)

    def __init__(self, store, actor: str = "reviewer", parent=None):
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.person_id: int | None = None
        self.score = None
        self.row: dict | None = None
        self.blind_hidden = False
        self.selected_part: int | None = None
        self.setMinimumWidth(420)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.empty = QLabel("Select a person to see their resume and why they scored what they scored.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setForegroundRole(QPalette.PlaceholderText)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        self.name = QLabel()
        self.name.setObjectName("personName")
        big = self.name.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.name.setFont(big)
        self.name.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.RichText)
        body.addWidget(self.name)
        body.addWidget(self.subtitle)
        body.addWidget(self.advice)
        self.message_banner = QFrame()
        self.message_banner.setObjectName("messageBanner")
        self.message_banner.setFrameShape(QFrame.StyledPanel)
        banner = QHBoxLayout(self.message_banner)
        banner.setContentsMargins(8, 6, 8, 6)
        self.message_text = QLabel()
        self.message_text.setWordWrap(True)
        self.message_text.setTextFormat(Qt.RichText)
        self.message_button = QPushButton()
        self.message_button.clicked.connect(self._message_clicked)
        banner.addWidget(self.message_text, 1)
        banner.addWidget(self.message_button)
        self.message_banner.hide()
        self._message_action: tuple[str, int] | None = None
        body.addWidget(self.message_banner)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        body.addWidget(self.tabs, 1)

        # Resume tab: score parts above the highlighted text.
        resume_tab = QWidget()
        resume = QVBoxLayout(resume_tab)
        resume.setContentsMargins(0, 6, 0, 0)
        self.parts_box = QWidget()
        self.parts_layout = QVBoxLayout(self.parts_box)
        self.parts_layout.setContentsMargins(0, 0, 0, 0)
        self.parts_layout.setSpacing(2)
        parts_scroll = QScrollArea()
        parts_scroll.setWidgetResizable(True)
        parts_scroll.setFrameShape(QFrame.NoFrame)
        parts_scroll.setWidget(self.parts_box)
        parts_scroll.setMinimumHeight(120)
        self.parts_scroll = parts_scroll
        self.text = QTextBrowser()
        self.text.setAccessibleName("Resume text with highlighted evidence")
        self.text.setOpenLinks(False)
        split = QSplitter(Qt.Vertical)
        split.addWidget(parts_scroll)
        split.addWidget(self.text)
        split.setChildrenCollapsible(False)
        split.setSizes([250, 400])
        resume.addWidget(split, 1)
        self.tabs.addTab(resume_tab, "Resume && score")

        # Original document.
        self.original = QStackedWidget()
        self.original_note = QLabel()
        self.original_note.setWordWrap(True)
        self.original_note.setAlignment(Qt.AlignCenter)
        note_box = QWidget()
        nb = QVBoxLayout(note_box)
        nb.addStretch(1)
        nb.addWidget(self.original_note)
        self.open_original = QPushButton("Open the original file")
        self.open_original.clicked.connect(self._open_original)
        nb.addWidget(self.open_original, 0, Qt.AlignCenter)
        nb.addStretch(1)
        self.original.addWidget(note_box)
        self.pdf_view = None
        self.pdf_document = None
        self.tabs.addTab(self.original, "Original")

        # Contact, preferences and relationship notes.
        contact_tab = QWidget()
        contact = QVBoxLayout(contact_tab)
        self.contact = QLabel()
        self.contact.setTextFormat(Qt.RichText)
        self.contact.setWordWrap(True)
        self.contact.setOpenExternalLinks(True)
        self.contact.setTextInteractionFlags(Qt.TextBrowserInteraction)
        contact.addWidget(self.contact)
        brings_row = QHBoxLayout()
        brings_row.addWidget(QLabel("What they bring (shown to hiring managers):"))
        self.brings_edit = QLineEdit()
        self.brings_edit.setAccessibleName("What this person brings, for exports")
        self.brings_edit.setPlaceholderText("Your words about this person, for the exported shortlist")
        self.brings_edit.editingFinished.connect(self._save_brings)
        brings_row.addWidget(self.brings_edit, 1)
        contact.addLayout(brings_row)
        prefs = QHBoxLayout()
        prefs.addWidget(QLabel("Stay in touch by"))
        self.pref_channel = QComboBox()
        self.pref_channel.addItems(["email", "phone", "none"])
        self.pref_channel.setAccessibleName("Contact channel")
        self.pref_frequency = QComboBox()
        self.pref_frequency.addItems(["never", "matching_roles", "monthly", "quarterly"])
        self.pref_frequency.setAccessibleName("Contact frequency")
        self.pref_topics = QLineEdit()
        self.pref_topics.setPlaceholderText("topics")
        self.pref_topics.setAccessibleName("Topics they want to hear about")
        self.pref_consent = QCheckBox("agreed to hear from us")
        for widget in (self.pref_channel, self.pref_frequency, self.pref_topics, self.pref_consent):
            prefs.addWidget(widget)
        self.pref_channel.currentTextChanged.connect(self._save_preferences)
        self.pref_frequency.currentTextChanged.connect(self._save_preferences)
        self.pref_topics.editingFinished.connect(self._save_preferences)
        self.pref_consent.toggled.connect(self._save_preferences)
        contact.addLayout(prefs)
        self.pref_note = QLabel()
        self.pref_note.setWordWrap(True)
        self.pref_note.setForegroundRole(QPalette.PlaceholderText)
        contact.addWidget(self.pref_note)
        notes_title = QLabel("<b>About them as a person</b> — interests, what matters to them; kept across jobs")
        notes_title.setWordWrap(True)
        contact.addWidget(notes_title)
        self.notes = QListWidget()
        self.notes.setAccessibleName("Relationship notes")
        self.notes.setWordWrap(True)
        contact.addWidget(self.notes, 1)
        add_row = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Add something you learned about them (N)")
        self.note_edit.setAccessibleName("New relationship note")
        self.note_edit.returnPressed.connect(self._add_note)
        add_button = QPushButton("Add note")
        add_button.clicked.connect(self._add_note)
        add_row.addWidget(self.note_edit, 1)
        add_row.addWidget(add_button)
        contact.addLayout(add_row)
        self.tabs.addTab(contact_tab, "Contact && notes")

        # Possible duplicates.
        dup_tab = QWidget()
        self.dup_layout = QVBoxLayout(dup_tab)
        self.dup_layout.setAlignment(Qt.AlignTop)
        self.tabs.addTab(dup_tab, "Duplicates")

        # History.
        self.history = QListWidget()
        self.history.setAccessibleName("History of this person")
        self.tabs.addTab(self.history, "History")

        outer.addWidget(self.empty, 1)
        outer.addWidget(self.body, 1)
        self.body.hide()

    # --- showing a person -----------------------------------------------------

    def clear(self) -> None:
        self.person_id = None
        self.body.hide()
        self.empty.show()

    def show_person(self, person_id: int, ranker, job_id: int | None, blind: bool, status: str,
                    application_id: int | None = None) -> None:  # fmt: skip
        self.person_id = person_id
        self.application_id = application_id
        self.row = P.person(self.store, person_id)
        self.score = ranker.score(person_id) if ranker is not None else None
        self.blind_hidden = blind and status not in PAST_SCREENING
        row = self.row
        self.empty.hide()
        self.body.show()
        if self.blind_hidden:
            self.name.setText(pseudonym(person_id, job_id or 0))
            self.name.setToolTip("Blind review: the name and contact details are hidden until you shortlist.")
        else:
            self.name.setText(row["name"] or f"({row['original_name']})")
            self.name.setToolTip("")
        bits = []
        if row.get("title"):
            bits.append(html.escape(row["title"]))
        if row.get("years_experience") is not None:
            bits.append(f"{row['years_experience']:g} years")
        if row.get("location") and not self.blind_hidden:
            bits.append(html.escape(row["location"]))
        bits.append(LABELS.get(status, status))
        if row["outcome"] != "ok":
            bits.append(f"<span style='color:#b00020'>file: {html.escape(row['outcome'])} — {html.escape(row['error'] or '')}</span>")
        self.subtitle.setText(" · ".join(bits))
        manager = ""
        if application_id is not None:
            app = self.store.one("SELECT brings, manager_decision, manager_comment FROM applications WHERE id = ?",
                                 (application_id,))  # fmt: skip
            if app and app["manager_decision"]:
                manager = (f"<br><b>Hiring manager:</b> {html.escape(app['manager_decision'])}"
                           + (f" — “{html.escape(app['manager_comment'])}”" if app["manager_comment"] else "")
                           + (" <span style='color:gray'>(a suggestion: letting go still takes a note and a message)</span>"
                              if app["manager_decision"] == "no" else ""))  # fmt: skip
            self.brings_edit.blockSignals(True)
            self.brings_edit.setText((app or {}).get("brings") or "")
            self.brings_edit.blockSignals(False)
        if self.score is not None:
            color = ADVICE_COLOR.get(self.score.recommendation, "#6b6b6b")
            reasons = "".join(f"<br>· {html.escape(r)}" for r in self.score.reasons[:4])
            self.advice.setText(
                f"<span style='color:{color}; font-weight:600'>{ADVICE_TEXT.get(self.score.recommendation, '')}"
                f" — {self.score.total:.0f} / 100</span>"
                f"<span style='color:gray'> · advice only; you decide</span>{reasons}{manager}"
            )
        else:
            self.advice.setText("")
        self._fill_parts()
        self.selected_part = None
        self._render_text()
        self._fill_original()
        self._fill_contact()
        self._fill_duplicates()
        self._fill_history()

    def show_message_state(self, message: dict | None) -> None:
        """For someone waiting for a message: where it is, why, and what can be done."""
        self._message_action = None
        if message is None:
            self.message_banner.hide()
            return
        state = message["state"]
        reason = html.escape(message.get("last_error") or "")
        texts = {
            "queued": ("Their message is queued" + (f" — last try: {reason}" if reason else "") +
                       ". They stay on the list until it is delivered.", "Retry now", "retry"),
            "sending": ("Their message is being sent…", None, None),
            "failed": (f"<b style='color:#b00020'>Message failed:</b> {reason}. They stay on the list.",
                       "Retry", "retry"),
            "in_doubt": (f"<b style='color:#c25e00'>Delivery in doubt:</b> {reason}. Send again only if you "
                         "are sure it did not arrive (same Message-ID).", "Send again", "resend"),
            "call_pending": ("They prefer a phone call: call them with the message as your script, then confirm.",
                             "I made the call", "confirm_call"),
        }  # fmt: skip
        text, button, action = texts.get(state, (f"Message: {state}", None, None))
        self.message_text.setText(text)
        self.message_button.setVisible(button is not None)
        if button:
            self.message_button.setText(button)
            self._message_action = (action, message["id"])
        self.message_banner.show()

    def _message_clicked(self) -> None:
        if self._message_action:
            self.message_action.emit(*self._message_action)

    def _fill_parts(self) -> None:
        _clear_layout(self.parts_layout)
        if self.score is None:
            return
        for number, part in enumerate(self.score.parts):
            row = PartRow(number, part)
            row.clicked.connect(self.select_part)
            self.parts_layout.addWidget(row)
        self.parts_layout.addStretch(1)

    def select_part(self, number: int) -> None:
        """Highlight one part's evidence and jump to its first mention."""
        self.selected_part = number
        for i in range(self.parts_layout.count()):
            widget = self.parts_layout.itemAt(i).widget()
            if isinstance(widget, PartRow):
                widget.setProperty("selected", widget.number == number)
                widget.setFrameShape(QFrame.StyledPanel if widget.number == number else QFrame.NoFrame)
        self._render_text()
        part = self.score.parts[number]
        counted = [e for e in part.evidence if e.flag is None]
        if counted:
            self.text.scrollToAnchor(f"part{number}-0")

    def _render_text(self) -> None:
        row = self.row
        text = row["text"] or ""
        if self.blind_hidden:
            text = P.redact(text, row)
        if not text:
            self.text.setHtml(
                f"<p style='color:gray'>No text could be read from this file ({html.escape(row['outcome'])}: "
                f"{html.escape(row['error'] or '')}). Open the original to read it.</p>"
            )
            return
        marks: list[tuple[int, int, int, bool]] = []  # start, end, part, selected
        if self.score is not None:
            for number, part in enumerate(self.score.parts):
                for ev in part.evidence:
                    if ev.flag is None and 0 <= ev.start < ev.end <= len(text):
                        marks.append((ev.start, ev.end, number, number == self.selected_part))
        marks.sort()
        heading_lines = {
            (span["start"], text.find("\n", span["start"]) if text.find("\n", span["start"]) >= 0 else len(text))
            for span in row.get("sections") or []
        }
        out: list[str] = []
        pos = 0
        counters: dict[int, int] = {}
        for start, end, number, selected in marks:
            if start < pos:
                continue
            out.append(html.escape(text[pos:start]))
            n = counters.get(number, 0)
            counters[number] = n + 1
            color = "#ffd54f" if selected else "#fff3b0"
            weight = "font-weight:600;" if selected else ""
            label = html.escape(self.score.parts[number].criterion)
            out.append(f"<a name='part{number}-{n}'></a><span title='{label}' "
                       f"style='background:{color}; color:#1a1a1a; {weight}'>{html.escape(text[start:end])}</span>")  # fmt: skip
            pos = end
        out.append(html.escape(text[pos:]))
        body = "".join(out)
        # Section headings in bold, so the resume reads like one (offsets are in the raw text).
        for start, end in sorted(heading_lines, reverse=True):
            heading = html.escape(text[start:end])
            if heading and heading in body:
                body = body.replace(heading + "\n", f"<b style='font-size:11.5pt'>{heading}</b>\n", 1)
        body = body.replace("\n", "<br>")
        self.text.setHtml(f"<div style='font-size:10.5pt; line-height:135%'>{body}</div>")

    def _fill_original(self) -> None:
        row = self.row
        path = P.original_path(self.store, row)
        self._original_path = path
        if self.blind_hidden:
            self.original_note.setText("Hidden in blind review: the original shows the name and contact details.\n"
                                       "Shortlist this person to reveal it.")  # fmt: skip
            self.open_original.setVisible(False)
            self.original.setCurrentIndex(0)
            return
        self.open_original.setVisible(path is not None)
        if path is not None and row.get("kind") == "pdf":
            if self._show_pdf(path):
                return
        if path is None:
            self.original_note.setText("The original file is not in the data folder.")
        else:
            self.original_note.setText(f"{row['original_name']} ({row.get('kind') or 'file'})")
        self.original.setCurrentIndex(0)

    def _show_pdf(self, path: Path) -> bool:
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView
        except ImportError:
            return False
        if self.pdf_view is None:
            self.pdf_document = QPdfDocument(self)
            self.pdf_view = QPdfView()
            self.pdf_view.setDocument(self.pdf_document)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pdf_view.setAccessibleName("Original PDF")
            self.original.addWidget(self.pdf_view)
        self.pdf_document.load(str(path))
        if self.pdf_document.status() != QPdfDocument.Status.Ready:
            return False
        self.original.setCurrentWidget(self.pdf_view)
        return True

    def _open_original(self) -> None:
        if getattr(self, "_original_path", None):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._original_path)))

    def _fill_contact(self) -> None:
        row = self.row
        if self.blind_hidden:
            self.contact.setText("<i>Contact details are hidden in blind review.</i>")
        else:
            lines = []
            for email in row["emails"]:
                lines.append(f"✉ <a href='mailto:{html.escape(email)}'>{html.escape(email)}</a>")
            for phone in row["phones"]:
                lines.append(f"☎ {html.escape(phone)}")
            for link in row["links"]:
                lines.append(f"🔗 <a href='{html.escape(link)}'>{html.escape(link)}</a>")
            if row.get("location"):
                lines.append(f"⌂ {html.escape(row['location'])}")
            self.contact.setText("<br>".join(lines) or "<i>No contact details were found in the resume.</i>")
        from review.relationship import contact_preference

        pref = contact_preference(self.store, row["id"])
        self._loading_prefs = True
        self.pref_channel.setCurrentText(pref["channel"])
        self.pref_frequency.setCurrentText(pref["frequency"])
        self.pref_topics.setText(", ".join(pref["topics"]))
        self.pref_consent.setChecked(bool(pref["consent"]))
        self._loading_prefs = False
        self.pref_note.setText(f"Consent recorded {pref['consent_date'][:10]} ({pref['consent_source']})."
                               if pref["consent"] and pref["consent_date"] else
                               "Every message and reminder follows these choices.")  # fmt: skip
        self.notes.clear()
        for note in P.earlier_notes_about(self.store, row["id"]):
            what = "let go" if note["kind"] == "let_go" else "withdrew"
            text = note["brings"] or note["why_not"]
            item = QListWidgetItem(f"Earlier application ({note['job']}, {what} {note['created_at'][:10]}): {text}"
                                   f"\n— {note['author']}")  # fmt: skip
            item.setForeground(QPalette().color(QPalette.PlaceholderText))
            self.notes.addItem(item)
        for note in P.relationship_notes(self.store, row["id"]):
            item = QListWidgetItem(f"{note['text']}\n— {note['author']}, {note['created_at'][:10]}")
            self.notes.addItem(item)

    def _save_preferences(self, *_args) -> None:
        if getattr(self, "_loading_prefs", False) or self.person_id is None:
            return
        from review.relationship import set_preferences

        set_preferences(self.store, self.person_id, self.actor, channel=self.pref_channel.currentText(),
                        frequency=self.pref_frequency.currentText(),
                        topics=self.pref_topics.text().split(","), consent=self.pref_consent.isChecked())  # fmt: skip
        self._fill_contact()
        self._fill_history()

    def _save_brings(self) -> None:
        if self.application_id is None:
            return
        from review.workflow import set_brings

        set_brings(self.store, self.application_id, self.brings_edit.text(), self.actor)

    def focus_note(self) -> None:
        self.tabs.setCurrentIndex(2)
        self.note_edit.setFocus()

    def _add_note(self) -> None:
        text = self.note_edit.text().strip()
        if not text or self.person_id is None:
            return
        P.add_relationship_note(self.store, self.person_id, text, self.actor)
        self.note_edit.clear()
        self._fill_contact()
        self._fill_history()

    def _fill_duplicates(self) -> None:
        _clear_layout(self.dup_layout)
        found = P.duplicates(self.store, self.row["id"])
        self.tabs.setTabText(3, f"Duplicates ({sum(1 for d in found if d['status'] == 'suggested')})" if found else "Duplicates")
        if not found:
            self.dup_layout.addWidget(QLabel("No possible duplicates."))
            return
        for dup in found:
            box = QFrame()
            box.setFrameShape(QFrame.StyledPanel)
            lay = QVBoxLayout(box)
            who = dup["other_name"] or f"person #{dup['other']}"
            if self.blind_hidden:
                who = f"person #{dup['other']}"
            lay.addWidget(QLabel(f"<b>Maybe the same person as {html.escape(who)}</b> (#{dup['other']})<br>"
                                 f"{html.escape(dup['reason'])}"))  # fmt: skip
            if dup["status"] == "suggested":
                buttons = QHBoxLayout()
                same = QPushButton("Same person")
                apart = QPushButton("Different people")
                same.clicked.connect(lambda _=False, i=dup["id"]: self._decide(i, True))
                apart.clicked.connect(lambda _=False, i=dup["id"]: self._decide(i, False))
                buttons.addWidget(same)
                buttons.addWidget(apart)
                buttons.addStretch(1)
                lay.addLayout(buttons)
            else:
                lay.addWidget(QLabel("Decided: " + ("the same person" if dup["status"] == "same_person" else "different people")))
            self.dup_layout.addWidget(box)

    def _decide(self, suggestion_id: int, same: bool) -> None:
        P.decide_duplicate(self.store, suggestion_id, same, self.actor)
        self._fill_duplicates()
        self._fill_history()

    def _fill_history(self) -> None:
        self.history.clear()
        for entry in P.history(self.store, self.row["id"]):
            detail = json.loads(entry["detail"] or "{}")
            what = entry["action"].replace("_", " ")
            if "before" in detail and "after" in detail:
                what += f": {LABELS.get(detail['before'], detail['before'])} → {LABELS.get(detail['after'], detail['after'])}"
            job = f" ({entry['job']})" if entry["job"] else ""
            self.history.addItem(f"{entry['at'][:16].replace('T', ' ')}  {entry['actor']}: {what}{job}")
