"""Dialogs for the long relationship and for hiring managers: export, new job, follow-ups, the
pool."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
    QVBoxLayout,
)

from review import relationship as R


class ExportDialog(QDialog):
    """Choose how to export the shortlist for a hiring manager."""

    def __init__(self, job_title: str, blind: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Export the shortlist — {job_title}")
        self.setAccessibleName("Export shortlist")
        form = QFormLayout(self)
        self.format = QComboBox()
        self.format.addItems(["PDF", "HTML", "CSV"])
        self.format.setAccessibleName("Format")
        self.page = QComboBox()
        self.page.addItems(["A4", "Letter"])
        self.include = QComboBox()
        self.include.addItems(["Shortlisted people", "Everyone who applied"])
        self.blind = QCheckBox("Blind: pseudonyms, no names, contact details or locations")
        self.blind.setChecked(blind)
        self.summary = QCheckBox("Add whether everyone heard back (figures, no names)")
        form.addRow("Format", self.format)
        form.addRow("Page size", self.page)
        form.addRow("Who", self.include)
        form.addRow("", self.blind)
        form.addRow("", self.summary)
        note = QLabel(
            "The manager marks yes / maybe / no for each person; read their CSV back with "
            "File → Import the manager's answers."
        )
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentTextChanged.connect(lambda f: self.page.setEnabled(f == "PDF"))
        self.format.currentTextChanged.connect(lambda f: self.summary.setEnabled(f != "CSV"))

    def choice(self) -> dict:
        return {
            "fmt": self.format.currentText().lower(),
            "page": self.page.currentText(),
            "include": "shortlisted" if self.include.currentIndex() == 0 else "all",
            "blind": self.blind.isChecked(),
            "summary": self.summary.isChecked() and self.summary.isEnabled(),
        }


class NewJobDialog(QDialog):
    """A new job: a title, and optionally the ad's text to propose criteria from."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New job")
        self.setAccessibleName("New job")
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setAccessibleName("Job title")
        self.title.setPlaceholderText("e.g. Senior Data Engineer")
        form.addRow("Title", self.title)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                "Paste the job ad (optional): Shortlist proposes criteria from it for you to edit."
            )
        )
        self.ad = QPlainTextEdit()
        self.ad.setAccessibleName("Job ad text")
        layout.addWidget(self.ad, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Create job")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b00020")
        layout.addWidget(self.error)

    def _accept(self) -> None:
        if not self.title.text().strip() and not self.ad.toPlainText().strip():
            self.error.setText("Give the job a title, or paste its ad.")
            return
        self.accept()

    def spec(self, taxonomy) -> tuple[str, str, dict]:
        from parsing.jobad import propose_job
        from review.jobs import spec_from_toml

        ad = self.ad.toPlainText().strip()
        proposal = propose_job(ad, taxonomy) if ad else {"criteria": []}
        title = self.title.text().strip() or proposal.get("title") or "New job"
        proposal["title"] = title
        return title, proposal.get("description", ""), spec_from_toml(proposal, "job")


class PoolDialog(QDialog):
    """People you already know who fit a new job, with what was written about them."""

    def __init__(self, job_title: str, suggestions: list[R.PoolSuggestion], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"People you already know — {job_title}")
        self.setAccessibleName("Talent pool suggestions")
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{len(suggestions)} people from your talent pool fit {html.escape(job_title)}.</b> "
            "They agreed to hear from you. Add the ones you want to consider first."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Suggested people")
        self.list.setWordWrap(True)
        for s in suggestions:
            notes = "\n    earlier: ".join(s.notes[:2])
            item = QListWidgetItem(
                f"{s.name or '#' + str(s.person_id)} — {s.score:.0f}/100 · {', '.join(s.top)}"
                + (f"\n    earlier: {notes}" if notes else "")
            )
            item.setData(Qt.UserRole, s.person_id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Add to this job")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]


class FollowupsDialog(QDialog):
    """What is due: check-ins after a hire, keep-in-touch at the frequency people chose."""

    def __init__(self, store, writer, actor: str, parent=None):
        super().__init__(parent)
        self.store, self.writer, self.actor = store, writer, actor
        self.setWindowTitle("Follow-ups")
        self.setAccessibleName("Follow-ups")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAccessibleName("Follow-ups")
        layout.addWidget(self.list, 2)
        # What you know about the person, in front of you for the check-in.
        self.about = QLabel()
        self.about.setObjectName("followupNotes")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.RichText)
        self.about.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.about.setMinimumHeight(90)
        layout.addWidget(self.about, 1)
        self.list.currentItemChanged.connect(self._show_notes)
        row = QHBoxLayout()
        self.done_button = QPushButton("Done")
        self.snooze_days = QSpinBox()
        self.snooze_days.setRange(1, 90)
        self.snooze_days.setValue(7)
        self.snooze_days.setSuffix(" days")
        self.snooze = QPushButton("Snooze")
        self.show_all = QCheckBox("Show the ones coming up too")
        self.done_button.clicked.connect(self._done)
        self.snooze.clicked.connect(self._snooze)
        self.show_all.toggled.connect(self.reload)
        for widget in (self.done_button, self.snooze, self.snooze_days, self.show_all):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Keep-in-touch reminders that are due are written first (by the writer), then listed.
        self.writer.run(R.refresh_keep_in_touch, success=lambda _made: self.reload())

    def reload(self, *_args) -> None:
        self.list.clear()
        due = R.due_followups(self.store, include_future=self.show_all.isChecked(), refresh=False)
        for item in due:
            how = {
                "email": "by email",
                "phone": "by phone",
                "none": "they asked not to be contacted",
            }[item.channel]
            entry = QListWidgetItem(
                f"{item.due_at[:10]}  {item.name or '#' + str(item.person_id)} — {item.title} "
                f"({how})"
            )
            entry.setData(Qt.UserRole, item.id)
            entry.setData(Qt.UserRole + 1, item.person_id)
            self.list.addItem(entry)
        self.summary.setText(
            f"{len(due)} follow-up{'s' if len(due) != 1 else ''} "
            + ("in all" if self.show_all.isChecked() else "due now")
        )
        if due:
            self.list.setCurrentRow(0)
        else:
            self.about.setText("<i>Nothing due now: tick the box to see what is coming up.</i>")

    def _show_notes(self, item, _previous=None) -> None:
        """The person's relationship notes and the notes written about them, for the check-in."""
        from review import people as P

        if item is None:
            self.about.setText("")
            return
        person = item.data(Qt.UserRole + 1)
        notes = [
            f"{html.escape(n['text'])} <span style='color:gray'>— {html.escape(n['author'])}, "
            f"{n['created_at'][:10]}</span>"
            for n in P.relationship_notes(self.store, person)
        ]
        brings = self.store.query(
            "SELECT brings FROM applications WHERE person_id = ? AND brings IS NOT NULL", (person,)
        )
        notes += [f"What they bring: {html.escape(b['brings'])}" for b in brings]
        if notes:
            self.about.setText("<b>What you know about them</b><br>" + "<br>".join(notes[:6]))
        else:
            self.about.setText(
                "<b>What you know about them</b><br><i>No notes yet: the person "
                "pane's Contact tab (N) keeps what you learn.</i>"
            )

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _done(self) -> None:
        fid = self._current()
        if fid is not None:
            self.writer.run(R.mark_done, fid, self.actor, success=self.reload)

    def _snooze(self) -> None:
        fid = self._current()
        if fid is not None:
            days = self.snooze_days.value()
            self.writer.run(R.snooze, fid, days, self.actor, success=self.reload)
