"""The person pane: who this is, why they scored what they scored, and their own words.

The score breakdown lists every part, largest first; clicking a part
highlights its evidence in the resume and jumps to the first mention.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.cover_letter import CoverLetterTab
from app.file_request import FileRequestStrip
from app.loop_pane import InterviewStrip, ReplyBanner
from app.message_banner import MessageBanner
from app.person_fields import check_label, name_doubt
from app.person_tabs import (
    ContactTab,
    DuplicatesTab,
    HistoryList,
    PartRow,
    clear_layout,
    decision_buttons,
    headline,
)
from review import people as P
from review import workflow as W
from review.people import pseudonym
from review.status import PAST_SCREENING

ADVICE_TEXT = {"strong": "Strong match", "possible": "Possible match", "unlikely": "Unlikely match"}
BLIND_NAME = "Blind review: the name and contact details are hidden until you shortlist."
ADVICE_COLOR = {"strong": "#2e7d32", "possible": "#b26a00", "unlikely": "#6b6b6b"}


class PersonPane(QWidget):
    note_requested = Signal()
    message_action = Signal(str, int)  # ("retry" | "resend" | "confirm_call", message row id)
    fields_corrected = Signal(int, str)  # (person, field) corrected: the table shows it too

    def __init__(self, store, writer, actor: str = "reviewer", parent=None):
        super().__init__(parent)
        self.store = store
        self.writer = writer  # app.writer.Writer: every change goes through it
        self.actor = actor
        self._original_path: Path | None = None
        self.application_id: int | None = None
        self.person_id: int | None = None
        self.score = None
        self.row: dict | None = None
        self.blind_hidden = False
        self.selected_part: int | None = None
        self.setMinimumWidth(380)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.empty = QLabel(
            "Select a person to see their resume and why they scored what they scored."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setForegroundRole(QPalette.PlaceholderText)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        self._build_header(body)
        self.message_banner = MessageBanner()
        self.message_banner.action.connect(self.message_action)
        body.addWidget(self.message_banner)
        self.reply_banner = ReplyBanner(store, writer, actor)
        self.reply_banner.changed.connect(self._record_changed)
        self.interview = InterviewStrip(store)
        self.interview.requested.connect(lambda: self.message_action.emit("invite", 0))
        self.file_request = FileRequestStrip(store)  # a file we could not read: ask again
        body.addWidget(self.reply_banner)
        body.addWidget(self.interview)
        body.addWidget(self.file_request)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Short labels, never cut ("Duplica…"): scroll buttons before eliding, at 1024 px too.
        self.tabs.setElideMode(Qt.ElideNone)
        self.tabs.setUsesScrollButtons(True)
        body.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_resume_tab(), "Resume")
        self.tabs.addTab(self._build_original_tab(), "Original")
        self.contact_tab = ContactTab(store, writer, actor)
        self.contact_tab.changed.connect(self._record_changed)
        self.contact_tab.corrected.connect(self._corrected)
        self.tabs.addTab(self.contact_tab, "Contact")
        self.duplicates = DuplicatesTab(store, writer, actor)
        self.duplicates.changed.connect(self._record_changed)
        self.tabs.addTab(self.duplicates, "Duplicates")
        self.history = HistoryList(store)
        self.tabs.addTab(self.history, "History")
        self.compacted = False  # the gate dialog's pane: no record tabs
        self.cover_letter = CoverLetterTab(store)
        self.tabs.addTab(self.cover_letter, "Cover letter")  # shown when there is one
        outer.addWidget(self.empty, 1)
        outer.addWidget(self.body, 1)
        self.body.hide()

    def _build_header(self, body: QVBoxLayout) -> None:
        self.name = QLabel()
        self.name.setObjectName("personName")
        # Their name, or the file's name when none was read: shown as written, never as markup.
        self.name.setTextFormat(Qt.PlainText)
        big = self.name.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.name.setFont(big)
        self.name.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.name_check = check_label()  # "check this: …" under a name we are not sure of
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.RichText)  # built from escaped parts
        self.subtitle.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.RichText)
        body.addWidget(self.name)
        body.addWidget(self.name_check)
        body.addWidget(self.subtitle)
        body.addWidget(self.advice)
        # Buttons for what can be decided about them (the window's actions, with their keys).
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(4)
        body.addLayout(self.action_row)

    def _build_resume_tab(self) -> QWidget:
        """Score parts above the resume text, its evidence highlighted."""
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
        # A taller window gives its height to the resume, not to the list of parts.
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([190, 500])
        resume.addWidget(split, 1)
        return resume_tab

    def _build_original_tab(self) -> QStackedWidget:
        self.original = QStackedWidget()
        self.original_note = QLabel()
        self.original_note.setTextFormat(Qt.PlainText)  # quotes the file's own name
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
        return self.original

    # --- showing a person -----------------------------------------------------

    def clear(self) -> None:
        self.person_id = None
        self.body.hide()
        self.empty.show()

    def show_person(
        self,
        person_id: int,
        ranker,
        job_id: int | None,
        blind: bool,
        status: str,
        application_id: int | None = None,
    ) -> None:
        self.person_id = person_id
        self.application_id = application_id
        self.row = P.person(self.store, person_id)
        unread = self.row is not None and self.row["outcome"] != "ok"
        # A file that could not be read has no score worth showing: only what it needs.
        self.score = ranker.score(person_id) if ranker is not None and not unread else None
        self.blind_hidden = blind and status not in PAST_SCREENING
        self.status, self.job_id = status, job_id
        self.empty.hide()
        self.body.show()
        self._fill_header()
        manager, app = "", None
        if application_id is not None:
            try:
                app = W.application(self.store, application_id)
            except W.WorkflowError:
                app = None
            if app and app["manager_decision"]:
                manager = (
                    f"<br><b>Hiring manager:</b> {html.escape(app['manager_decision'])}"
                    + (
                        f" — “{html.escape(app['manager_comment'])}”"
                        if app["manager_comment"]
                        else ""
                    )
                    + (
                        " <span style='color:gray'>(a suggestion: letting go still takes a note "
                        "and a message)</span>"
                        if app["manager_decision"] == "no"
                        else ""
                    )
                )
        self.contact_tab.show_application(application_id, (app or {}).get("brings"))
        if self.score is not None:
            color = ADVICE_COLOR.get(self.score.recommendation, "#6b6b6b")
            reasons = "".join(f"<br>· {html.escape(r)}" for r in self.score.reasons[:4])
            self.advice.setText(
                f"<span style='color:{color}; "
                f"font-weight:600'>{ADVICE_TEXT.get(self.score.recommendation, '')}"
                f" — {self.score.total:.0f} / 100</span>"
                f"<span style='color:gray'> · advice only; you decide</span>{reasons}{manager}"
            )
        else:
            self.advice.setText("")
        self._fill_parts()
        self.selected_part = None
        self._render_text()
        self._fill_original()
        self._fill_record()

    def _fill_header(self) -> None:
        """Their name (or a pseudonym), what to check about it, and the headline."""
        row, hidden = self.row, self.blind_hidden
        named = row["name"] or f"({row['original_name']})"
        self.name.setText(pseudonym(self.person_id, self.job_id or 0) if hidden else named)
        self.name.setToolTip(BLIND_NAME if hidden else "")
        self.name_check.setText("" if hidden else name_doubt(row))
        self.name_check.setVisible(bool(self.name_check.text()))
        self.subtitle.setText(headline(row, self.status, hidden))

    def correct_fields(self) -> None:
        """F2: the correction dialog for the first field to check (else the name)."""
        if self.person_id is not None and self.contact_tab.correct_first():
            self.tabs.setCurrentIndex(2)

    def _corrected(self, field: str) -> None:
        """A field was corrected: read the person again, everywhere the pane shows them."""
        if self.person_id is not None:
            self.row = P.person(self.store, self.person_id)
            self._fill_header()
            self._fill_record()
            self.fields_corrected.emit(self.person_id, field)

    def show_message_state(self, message: dict | None) -> None:
        """For someone waiting for a message: where it is, why, and what can be done."""
        self.message_banner.show_state(message)

    def _fill_parts(self) -> None:
        clear_layout(self.parts_layout)
        self.parts_scroll.setVisible(self.score is not None)  # no empty box for an unread file
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
                widget.setFrameShape(
                    QFrame.StyledPanel if widget.number == number else QFrame.NoFrame
                )
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
            from app.score_delegate import outcome_label

            name = html.escape(row["original_name"] or "this file")
            self.text.setHtml(
                f"<p><b>No text could be read from {name}</b> "
                f"({html.escape(outcome_label(row['outcome']))}).</p>"
                f"<p>{html.escape(row['error'] or '')}</p>"
                "<p>Open the original (the Original tab) to read it yourself, or ask the sender "
                "for another copy. Nobody is ranked on a file we could not read.</p>"
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
            (
                span["start"],
                text.find("\n", span["start"])
                if text.find("\n", span["start"]) >= 0
                else len(text),
            )
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
            out.append(
                f"<a name='part{number}-{n}'></a><span title='{label}' "
                f"style='background:{color}; color:#1a1a1a; "
                f"{weight}'>{html.escape(text[start:end])}</span>"
            )
            pos = end
        out.append(html.escape(text[pos:]))
        body = "".join(out)
        # Section headings in bold, so the resume reads like one (offsets are in the raw text).
        for start, end in sorted(heading_lines, reverse=True):
            heading = html.escape(text[start:end])
            if heading and heading in body:
                body = body.replace(
                    heading + "\n", f"<b style='font-size:11.5pt'>{heading}</b>\n", 1
                )
        body = body.replace("\n", "<br>")
        self.text.setHtml(f"<div style='font-size:10.5pt; line-height:135%'>{body}</div>")

    def _fill_original(self) -> None:
        row = self.row
        path = P.original_path(self.store, row)
        self._original_path = path
        if self.blind_hidden:
            self.original_note.setText(
                "Hidden in blind review: the original shows the name and contact details.\n"
                "Shortlist this person to reveal it."
            )
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
        if self._original_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._original_path)))

    def focus_note(self) -> None:
        if self.person_id is None:
            return
        self.tabs.setCurrentIndex(2)
        self.contact_tab.note_edit.setFocus(Qt.ShortcutFocusReason)

    def set_actions(self, moves, let_go) -> None:
        """Buttons for the window's decisions on this person (each shows its key on hover)."""
        self.move_button = decision_buttons(self.action_row, moves, let_go)

    def compact(self) -> None:
        """For the gate dialog: the resume and its evidence, without the record tabs."""
        for index in (5, 4, 3, 2):
            self.tabs.setTabVisible(index, False)
        self.interview.allowed = False
        self.compacted = True
        self.setMinimumWidth(280)

    def refresh_record(self) -> None:
        """After a change elsewhere (a hire's check-ins): the record tabs again."""
        if self.row is not None:
            self._fill_record()

    def _fill_record(self) -> None:
        """The record tabs: contact and notes, duplicates, history."""
        row = self.row
        self.contact_tab.fill(row, self.blind_hidden)
        undecided = self.duplicates.fill(row["id"], self.blind_hidden)
        self.tabs.setTabText(3, f"Duplicates ({undecided})" if undecided else "Duplicates")
        self.history.fill(row["id"])
        letters = self.cover_letter.fill(row["id"], self.blind_hidden)
        self.tabs.setTabVisible(5, bool(letters) and not self.compacted)
        self.reply_banner.show_for(row["id"], self.application_id, self.blind_hidden)
        self.interview.show_for(self.application_id, self.blind_hidden)
        self.file_request.show_for(None if self.compacted else row, self.blind_hidden)

    def _record_changed(self) -> None:
        if self.row is not None and self.person_id == self.row["id"]:
            self._fill_record()
