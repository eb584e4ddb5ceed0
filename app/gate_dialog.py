"""The gate dialog: a person-first note and a message they receive, before anyone leaves the list.

Left: the person — their resume with the evidence of their score — so a note about
something specific is written with them in view. Middle: the note, in two parts, with
its checks live as the reviewer types. Right: the message, drafted from a template and
the note, linted live, with a preview of exactly what will be sent and by which
transport; the first time, "Before your first message" (:mod:`app.first_use`) stands
there until a sender and a reply-to address are set. "Send and let go" (Ctrl+Enter) is
enabled only when every check passes and nothing blocks.

Tab moves between the fields. Closing with words typed keeps them for this person:
opening their gate again brings them back.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from app.gate_text import HOW as _HOW
from app.gate_text import (
    NO_MARK,
    OK_MARK,
    WARN_MARK,
    kept_words,
    mark_colors,
    ok_text,
    restore_words,
    size_to,
    wrapped,
)
from review import gate as G
from review.messages import TONES, blocking
from review.settings import Settings


class GateDialog(QDialog):
    """Let one person go from one or more of their applications."""

    sent = Signal(int)  # the message row id, queued (delivery follows)
    settings_saved = Signal()  # the first-use step stored the sender and reply-to

    def __init__(
        self,
        store,
        writer,
        settings: Settings,
        person_id: int,
        application_id: int,
        author: str,
        transport_text: str,
        position: tuple[int, int] | None = None,
        parent=None,
        *,
        draft: dict | None = None,
        ranker=None,
        blind: bool = False,
    ):
        super().__init__(parent)
        self.store, self.settings, self.person_id, self.author = store, settings, person_id, author
        self.writer = writer  # app.writer.Writer: the let-go is written there
        self.application_id = application_id
        # What the checks and the draft need, once: the person, their earlier notes, the
        # suggestion from the match, how they want to hear from us. Other open roles that fit
        # them take a score per open job: found in the background (see roles_found).
        self.ctx = G.prepare(store, person_id, [application_id], author, roles=False)
        self.context = self.ctx.person
        self.message_row: int | None = None
        self._user_edited_message = False
        self._redraft_later = False
        self.name = self.ctx.name or "this person"
        self.emails = self.ctx.emails
        self.job_title = self.ctx.applications[application_id].job_title
        self.preference = self.ctx.preference
        self.setWindowTitle(f"Let go — {self.name}")
        self.setAccessibleName("Let go dialog")
        self._colors = mark_colors(self)
        size_to(self, parent)
        layout = QVBoxLayout(self)
        self._build_title(layout, position)
        self.also: list[tuple[QCheckBox, int]] = []
        self._build_also(layout)
        self.split = split = QSplitter(Qt.Horizontal)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        split.addWidget(self._build_person(ranker, blind))
        split.addWidget(self._build_note())
        self._build_message_side(transport_text)
        split.addWidget(self.message_side)
        # The person gets room: the note is written about what is on their resume.
        for index, stretch in enumerate((5, 4, 5)):
            split.setStretchFactor(index, stretch)
        self._split_sized = False
        self.conflict: QCheckBox | None = None
        conflicts = self.ctx.conflicts([application_id])
        if conflicts:
            self.conflict = QCheckBox(
                f"They hold an offer or were hired for {', '.join(conflicts)}. "
                "I confirm I want to send this message anyway."
            )
            self.conflict.setStyleSheet("color: #b00020")
            self.conflict.toggled.connect(self.refresh)
            layout.addWidget(self.conflict)
        layout.addLayout(self._build_buttons())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.brings.textChanged.connect(self._typed_note)
        self.why_not.textChanged.connect(self._schedule)
        self.subject.textEdited.connect(self._message_edited)
        self.body.textChanged.connect(self._body_changed)
        self.finished.connect(lambda _r: self._timer.stop())
        self._drafting = False
        self.redraft()
        if draft:
            restore_words(self, draft)
        self.refresh()
        self.brings.setFocus()

    # --- building ------------------------------------------------------------------------

    def _build_message_side(self, transport_text: str) -> None:
        """The message, or — the first time — the step that sets up who sends it."""
        self.message_side = QStackedWidget()
        self.message_box = self._build_message(transport_text)
        self.message_side.addWidget(self.message_box)
        self.first_use = None
        from app.first_use import FirstUseStep, needs_first_use

        if needs_first_use(self.settings):
            default_outbox = str(self.store.path.with_name(self.store.path.stem + "-outbox"))
            self.first_use = FirstUseStep(self.settings, default_outbox)
            self.first_use.saved.connect(self._first_use_saved)
            self.message_side.addWidget(self.first_use)
            self.message_side.setCurrentWidget(self.first_use)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._split_sized:
            self._split_sized = True
            width = max(self.split.width(), self.width() - 30)
            self.split.setSizes([width * 5 // 14, width * 4 // 14, width * 5 // 14])

    def _build_person(self, ranker, blind: bool):
        """The person, beside the note: their score's evidence and their resume (the pane)."""
        from app.person_pane import PersonPane

        self.person_view = PersonPane(self.store, self.writer, self.author)
        self.person_view.setObjectName("gatePerson")
        self.person_view.setMinimumWidth(300)
        self.person_view.compact()
        app = self.ctx.applications[self.application_id]
        self.person_view.show_person(
            self.person_id, ranker, app.job_id, blind, app.status, self.application_id
        )
        return self.person_view

    def _build_title(self, layout: QVBoxLayout, position: tuple[int, int] | None) -> None:
        name, job = html.escape(self.name), html.escape(self.job_title)
        queue = ""
        if position and position[1] > 1:
            where = f"Person {position[0]} of {position[1]} in this queue"
            queue = f"<span style='color:gray'>{where}</span>"
        layout.addWidget(QLabel(f"<h2 style='margin:0'>Letting {name} go from {job}</h2>{queue}"))
        intro = "Nobody leaves the list without a few words about who they are and a message "
        layout.addWidget(
            wrapped(intro + "that gives them something back. Your words, not a form letter.")
        )

    def _build_also(self, layout: QVBoxLayout) -> None:
        """Their other applications still on a list: one message may cover them too."""
        others = self.ctx.open_applications(besides=self.application_id)
        if not others:
            return
        row = QHBoxLayout()
        row.addWidget(QLabel("Also on your list for:"))
        for other in others:
            box = QCheckBox(f"{other.job_title} (one message covers both)")
            box.toggled.connect(self._redraft_if_untouched)
            row.addWidget(box)
            self.also.append((box, other.id))
        row.addStretch(1)
        layout.addLayout(row)

    def _build_note(self) -> QGroupBox:
        """Left: the person-first note, with its checks live as the reviewer types."""
        box = QGroupBox("1 · The person-first note")
        box.setToolTip("Kept with them, and shown if they apply again")
        note = QVBoxLayout(box)
        note.addWidget(
            wrapped(
                "<b>What this person brings</b> — about them: what they did, where, what stood out"
            )
        )
        self.brings = QPlainTextEdit()
        self.brings.setTabChangesFocus(True)
        self.brings.setAccessibleName("What this person brings")
        self.brings.setPlaceholderText(
            "e.g. Five years running Kafka pipelines at a payments company; the on-call "
            "runbook they wrote shows real care for colleagues…"
        )
        note.addWidget(self.brings, 2)
        strengths = self.ctx.strengths
        if strengths:
            hint = QLabel(
                "From the match: "
                + ", ".join(html.escape(s) for s in strengths[:8])
                + " — use what you saw, in your own words."
            )
            hint.setWordWrap(True)
            hint.setForegroundRole(QPalette.PlaceholderText)
            note.addWidget(hint)
        why = "<b>Why not this role, now</b> — about the fit, not their worth (internal)"
        note.addWidget(wrapped(why))
        self.why_not = QPlainTextEdit()
        self.why_not.setTabChangesFocus(True)
        self.why_not.setAccessibleName("Why not this role, now")
        self.why_not.setPlaceholderText(
            "e.g. The role needs on-site work in Berlin four days a week from January."
        )
        note.addWidget(self.why_not, 1)
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setAccessibleName("Note checks")
        note.addWidget(self.checks, 1)
        return box

    def _build_message(self, transport_text: str) -> QGroupBox:
        """Right: the message, drafted from a template and the note, linted live."""
        box = QGroupBox("2 · The message they receive")
        box.setMinimumWidth(320)
        message = QVBoxLayout(box)
        message.addLayout(self._build_message_options(transport_text))
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        message.addWidget(self.subject)
        self.tabs = QTabWidget()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName("Message text")
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Message preview")
        self.tabs.addTab(self.body, "Edit")
        self.tabs.addTab(self.preview, "Preview")
        message.addWidget(self.tabs, 3)
        self.lint = QListWidget()
        self.lint.setWordWrap(True)
        self.lint.setAccessibleName("Message checks")
        message.addWidget(self.lint, 1)
        return box

    def _build_message_options(self, transport_text: str) -> QGridLayout:
        grid = QGridLayout()
        self.tone = QComboBox()
        self.tone.addItems(list(TONES))
        self.tone.setAccessibleName("Tone of the message")
        self.tone.currentTextChanged.connect(lambda _t: self.redraft())
        self.feedback = QLineEdit()
        self.feedback.setPlaceholderText(
            "Honest feedback for them (optional; only if it helps them)"
        )
        self.feedback.setAccessibleName("Feedback for them")
        self.feedback.editingFinished.connect(self._redraft_if_untouched)
        redraft = QPushButton("Redraft from template")
        redraft.clicked.connect(self.redraft)
        grid.addWidget(QLabel("Tone"), 0, 0)
        grid.addWidget(self.tone, 0, 1)
        grid.addWidget(redraft, 0, 2)
        grid.addWidget(self.feedback, 1, 0, 1, 3)
        self.recipients: list[QCheckBox] = []
        if self.ctx.channel == "email" and len(self.emails) > 1:
            grid.addLayout(self._build_recipients(), 2, 0, 1, 3)
        how = html.escape(_HOW[self.ctx.channel](self.emails))
        self.transport_label = QLabel(f"Goes out {how} · via {html.escape(transport_text)}")
        self.transport_label.setWordWrap(True)
        grid.addWidget(self.transport_label, 3, 0, 1, 3)
        if self.ctx.touches:
            touches = " · ".join(html.escape(t) for t in self.ctx.touches)
            personal = QLabel(f"<b>Personal touches you noted:</b> {touches}")
            personal.setWordWrap(True)
            personal.setAccessibleName("Relationship notes")
            grid.addWidget(personal, 4, 0, 1, 3)
        return grid

    def _build_recipients(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Send to:"))
        for n, email in enumerate(self.emails):
            box = QCheckBox(email)
            box.setChecked(n == 0)
            row.addWidget(box)
            self.recipients.append(box)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.summary = QLabel(textFormat=Qt.PlainText)  # the reasons quote names and addresses
        self.summary.setWordWrap(True)
        buttons.addWidget(self.summary, 1)
        self.skip_button = QPushButton("Skip for now")
        self.skip_button.clicked.connect(self.reject)
        self.send_button = QPushButton("Send and let go  (Ctrl+Enter)")
        self.send_button.setDefault(False)
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.send_button)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.send)
        return buttons

    # --- drafting ------------------------------------------------------------------------

    def application_ids(self) -> list[int]:
        return [self.application_id] + [app_id for box, app_id in self.also if box.isChecked()]

    def redraft(self) -> None:
        draft = G.draft(
            self.ctx,
            self.application_ids(),
            self.brings.toPlainText().strip() or "…",
            self.tone.currentText(),
            self.settings,
            self.feedback.text(),
        )
        self._drafting = True
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self._drafting = False
        self._user_edited_message = False
        self._schedule()

    def roles_found(self, roles: list[tuple[int, str]]) -> None:
        """Other open roles that fit them: in the draft, unless the message was edited."""
        self.ctx.fitting_roles = roles
        self._redraft_if_untouched()

    def _redraft_if_untouched(self, *_args) -> None:
        if not self._user_edited_message:
            self.redraft()

    def _typed_note(self) -> None:
        # Until the reviewer edits the message, it follows the note they are writing.
        if not self._user_edited_message:
            self._redraft_later = True
        self._schedule()

    def _message_edited(self, *_args) -> None:
        self._user_edited_message = True
        self._schedule()

    def _body_changed(self) -> None:
        if not self._drafting:
            self._user_edited_message = True
        self._schedule()

    def _schedule(self) -> None:
        self._timer.start()

    # --- checks --------------------------------------------------------------------------

    def disposition(self) -> G.Disposition:
        recipients = [box.text() for box in self.recipients if box.isChecked()] or None
        return G.Disposition(
            self.person_id,
            self.application_ids(),
            self.brings.toPlainText(),
            self.why_not.toPlainText(),
            self.subject.text(),
            self.body.toPlainText(),
            recipients,
            bool(self.conflict and self.conflict.isChecked()),
        )

    def refresh(self) -> None:
        if self._redraft_later and not self._user_edited_message:
            self._redraft_later = False
            self.redraft()
            return
        d = self.disposition()
        self.note_checks, self.message_lints = G.checks(self.ctx, d, self.settings)
        self.checks.clear()
        for check in self.note_checks:
            said = check.message if check.code == "specific" else ok_text(check.code)
            text = f"{OK_MARK}  {said}" if check.ok else f"{NO_MARK}  {check.message}"
            item = QListWidgetItem(text)
            item.setForeground(self._colors["ok" if check.ok else "block"])
            item.setToolTip(check.message if not check.ok else "")
            self.checks.addItem(item)
        self.lint.clear()
        if not self.message_lints:
            item = QListWidgetItem(
                f"{OK_MARK}  Greets them by name, a real reply address, nothing left to fill in"
            )
            item.setForeground(self._colors["ok"])
            self.lint.addItem(item)
        for entry in self.message_lints:
            mark = NO_MARK if entry.level == "block" else WARN_MARK
            tip = f"  Kinder: {entry.suggestion}" if entry.suggestion else ""
            item = QListWidgetItem(f"{mark}  {entry.message}{tip}")
            item.setForeground(self._colors["block" if entry.level == "block" else "warn"])
            self.lint.addItem(item)
        problems = [c for c in self.note_checks if not c.ok] + blocking(self.message_lints)
        conflict_open = self.conflict is not None and not self.conflict.isChecked()
        setting_up = self.message_side.currentWidget() is not self.message_box
        self.send_button.setEnabled(not problems and not conflict_open and not setting_up)
        if setting_up:
            self.summary.setText("First: who signs the message and where answers go (right).")
        elif problems or conflict_open:
            self.summary.setText(f"{len(problems) + conflict_open} thing(s) to do before sending.")
        else:
            warnings = len(self.message_lints)
            self.summary.setText(
                "Ready to send." + (f" {warnings} suggestion(s) to consider." if warnings else "")
            )
        self._render_preview(d)

    def _render_preview(self, d: G.Disposition) -> None:
        to = ", ".join(d.recipients or self.emails[:1]) or "(no address)"
        name = self.settings.get("sender.name") or self.author
        sender = f"{name} &lt;{html.escape(self.settings.get('sender.email') or '?')}&gt;"
        self.preview.setHtml(
            f"<p style='color:gray'>From: {sender}<br>To: {html.escape(to)}<br>"
            f"Reply-To: {html.escape(self.settings.get('reply_to') or '?')}<br>"
            f"Subject: <b>{html.escape(d.subject)}</b></p><hr>"
            f"<div style='white-space:pre-wrap'>{html.escape(d.body)}</div>"
        )

    # --- the first message, and words kept --------------------------------------------------

    def _first_use_saved(self) -> None:
        """The sender is known now: the message side shows the message, drafted with their name."""
        from review.outbox import transport_from_settings

        self.message_side.setCurrentWidget(self.message_box)
        transport = transport_from_settings(self.store, self.settings).describe()
        how = html.escape(_HOW[self.ctx.channel](self.emails))
        self.transport_label.setText(f"Goes out {how} · via {html.escape(transport)}")
        self.author = self.settings.reviewer()
        self._redraft_if_untouched()
        self.settings_saved.emit()
        self.refresh()

    def unsent_words(self) -> dict:
        """What was typed and not sent, to bring back if this person's gate opens again."""
        return kept_words(self)

    # --- sending -------------------------------------------------------------------------

    def send(self) -> None:
        if not self.send_button.isEnabled():
            self.refresh()
            if not self.send_button.isEnabled():
                return
        # The gate checks everything again where it writes; the button waits for its answer.
        self.send_button.setEnabled(False)
        self.summary.setText("Sending…")
        self.writer.run(
            G.let_go,
            self.disposition(),
            self.author,
            self.settings,
            success=self._let_go,
            failure=self._refused,
        )

    def _let_go(self, message_row: int) -> None:
        self.message_row = message_row
        self.sent.emit(message_row)
        self.accept()

    def _refused(self, exc: BaseException, text: str) -> None:
        if not isinstance(exc, G.GateRefused):
            raise exc
        self.summary.setText("Not sent: " + "; ".join(exc.reasons))
        self.send_button.setEnabled(True)
