"""The main window: a job, its people ranked with reasons, and one person at a time."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDockWidget, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QMainWindow, QMessageBox, QSizePolicy, QSplitter, QStackedWidget, QTabBar, QTableView, QToolBar,
    QVBoxLayout, QWidget,
)  # fmt: skip

from app.dialogs import CheatSheet, SettingsDialog, Welcome
from app.errors import warn
from app.icons import icon
from app.import_panel import ImportPanel, ImportReportDialog, describe_paths, run_import
from app.job_editor import JobEditor
from app.people_model import COL_NAME, COL_RANK, COL_SCORE, COL_TOP, PeopleModel, ScoreDelegate
from app.person_pane import PersonPane
from app.tasks import Task
from review import workflow as W
from review.status import HIRED, LABELS, LETTING_GO, ON_THE_LIST, VIEWS, WITHDRAWN
from review.db import Store
from review.importer import ImportOptions
from review.jobs import list_jobs, resolve_job, set_blind, update_spec
from review.ranking import Ranker
from review.search import search_people
from review.outbox import transport_from_settings
from review.settings import Settings

PANE_AFTER_TYPING_MS = 150  # how long typing must pause before the person pane follows the search



def _rank_in_background(report, cancelled, db_path: str, job: dict):
    """Rank a job on a fresh connection: the matches come back to the window's ranker."""
    with Store(db_path) as store:
        ranker = Ranker(store, job)
        ranked = ranker.rank()
        people, dense = ranker.matches()
        return ranked, people, dense


class MainWindow(QMainWindow):
    import_finished = Signal(object)  # the ImportReport
    ranked = Signal()
    message_delivered = Signal(object)  # review.outbox.Result

    def __init__(self, store: Store, settings: Settings | None = None, errors=None):
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.errors = errors
        self.actor = self.settings.reviewer()
        self.job: dict | None = None
        self.ranker: Ranker | None = None
        self.undo_stack: list[W.Change] = []
        self.import_task: Task | None = None
        self.rank_task: Task | None = None
        self.last_import_report = None
        self.report_dialog: ImportReportDialog | None = None
        self.setWindowTitle("Shortlist")
        self.setWindowIcon(icon("shortlist"))
        self.setAcceptDrops(True)
        self.resize(1360, 840)

        self.model = PeopleModel(store, self)
        self.model.stale_days = int(self.settings.get("review.stale_days"))
        self._build_ui()
        self._build_actions()
        self.load_jobs()
        self._update_state()

    # --- building ---------------------------------------------------------------

    def _build_ui(self) -> None:
        bar = QToolBar("Job")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        self.toolbar = bar
        job_label = QLabel(" Job ")
        bar.addWidget(job_label)
        self.job_picker = QComboBox()
        self.job_picker.setMinimumWidth(260)
        self.job_picker.setAccessibleName("Job")
        job_label.setBuddy(self.job_picker)
        self.job_picker.currentIndexChanged.connect(self._job_picked)
        bar.addWidget(self.job_picker)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, titles, skills, resume text   ( / )")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setMaximumWidth(420)
        self.search.textChanged.connect(self._search_changed)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.splitter = QSplitter(Qt.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 8, 4, 8)
        left_layout.setSpacing(6)

        self.waiting = QLabel()
        self.waiting.setObjectName("waitingBanner")
        self.waiting.setWordWrap(True)
        self.waiting.setTextFormat(Qt.RichText)
        left_layout.addWidget(self.waiting)
        self.import_panel = ImportPanel()
        self.import_panel.cancel_requested.connect(self.cancel_import)
        left_layout.addWidget(self.import_panel)

        row = QHBoxLayout()
        self.views = QTabBar()
        self.views.setAccessibleName("Views")
        self.views.setDrawBase(False)
        self.views.setExpanding(False)
        for title, _ in VIEWS:
            self.views.addTab(title)
        self.views.currentChanged.connect(self._view_changed)
        row.addWidget(self.views)
        row.addStretch(1)
        left_layout.addLayout(row)

        self.stack = QStackedWidget()
        self.welcome = Welcome()
        self.welcome.demo_requested.connect(self.load_demo)
        self.welcome.import_requested.connect(self.import_files)
        self.welcome.settings_requested.connect(self.open_settings)
        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setAccessibleName("People")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_RANK, Qt.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setItemDelegateForColumn(COL_SCORE, ScoreDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        # Fixed widths: resizeColumnsToContents costs 0.7 s at 50k rows (design.md).
        for col, width in enumerate((44, 190, 120, 80, 230, 190, 54, 150, 80)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_TOP, QHeaderView.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # While the recruiter types a search, the pane follows the current row once
        # typing pauses: the table answers each keystroke, the pane is not redrawn for each.
        self._typing = False
        self.pane_timer = QTimer(self)
        self.pane_timer.setSingleShot(True)
        self.pane_timer.setInterval(PANE_AFTER_TYPING_MS)
        self.pane_timer.timeout.connect(self._current_settled)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.table)
        left_layout.addWidget(self.stack, 1)

        self.pane = PersonPane(self.store, self.actor)
        self.pane.message_action.connect(self._message_action)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 560])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.editor = JobEditor()
        self.editor.changed.connect(self.spec_changed)
        self.editor_dock = QDockWidget("Job criteria", self)
        self.editor_dock.setObjectName("jobEditor")
        self.editor_dock.setWidget(self.editor)
        self.editor_dock.setAllowedAreas(Qt.LeftDockWidgetArea | Qt.RightDockWidgetArea | Qt.BottomDockWidgetArea)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.editor_dock)
        self.editor_dock.hide()

        self.transport_label = QLabel()
        self.statusBar().addPermanentWidget(self.transport_label)
        self._update_transport()

    def _action(self, text: str, shortcut: str | QKeySequence | None, slot, menu, icon_name: str | None = None,
                tip: str | None = None) -> QAction:  # fmt: skip
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.NativeText)})" if shortcut else tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        self.act_import = self._action("Import files…", "Ctrl+I", self.import_files, file, "import",
                                       "Import resumes: PDF, DOCX, ODT, RTF, TXT or ZIPs")  # fmt: skip
        self._action("Import a folder…", "Ctrl+Shift+I", self.import_folder, file, "folder")
        self.act_report = self._action("Last import report", None, self.show_import_report, file)
        file.addSeparator()
        self.act_export = self._action("Export the shortlist…", "Ctrl+Shift+E", self.export_shortlist, file, "export",
                                       "PDF, HTML or CSV for a hiring manager")  # fmt: skip
        self._action("Import the manager's answers…", None, self.import_manager_answers, file)
        file.addSeparator()
        self._action("Settings…", "Ctrl+,", self.open_settings, file, "settings")
        file.addSeparator()
        self._action("Quit", QKeySequence.Quit, self.close, file)

        review = menu.addMenu("&Review")
        self.act_next = self._action("Next person", "J", self.next_person, review, None, "Next person")
        self.act_prev = self._action("Previous person", "K", self.previous_person, review, None, "Previous person")
        review.addSeparator()
        self.act_shortlist = self._action("Shortlist", "S", self.shortlist_current, review, "star",
                                          "Shortlist this person")  # fmt: skip
        self.act_undo = self._action("Undo", "U", self.undo_last, review, "undo",
                                     "Undo the last status change")  # fmt: skip
        self.act_letgo = self._action("Let go…", "D", self.let_go_current, review, "letgo",
                                      "Let this person go, with a note and a message")  # fmt: skip
        self.act_note = self._action("Add a note about them", "N", self.pane.focus_note, review, "note",
                                     "Write down something you learned about this person")  # fmt: skip
        self._action("They withdrew…", None, self.withdraw_current, review, None,
                     "Record that this person withdrew, with a short note and a thank-you")  # fmt: skip
        self.act_restore = self._action("Restore to the list", None, self.restore_current, review, "undo",
                                        "Bring someone who was let go back onto the list (logged)")  # fmt: skip
        review.addSeparator()
        self.act_search = self._action("Search", "/", self.focus_search, review, "search")
        job_menu = menu.addMenu("&Job")
        self._action("New job…", "Ctrl+N", self.new_job, job_menu, None, "A new job, with criteria proposed from its ad")
        self._action("People you already know…", None, self.show_pool, job_menu, None,
                     "Talent pool members who fit this job")  # fmt: skip
        self._action("Close job…", None, self.close_job, job_menu, None,
                     "Close the job: everyone still on it goes through the let-go queue first")  # fmt: skip

        view = menu.addMenu("&View")
        self.view_actions = []
        for number, (title, _) in enumerate(VIEWS, start=1):
            act = self._action(title, str(number), lambda _=False, n=number - 1: self.views.setCurrentIndex(n), view)
            self.view_actions.append(act)
        view.addSeparator()
        self._action("Follow-ups due…", "Ctrl+Shift+F", self.show_followups, view, None,
                     "Check-ins after a hire, keep-in-touch for the talent pool")  # fmt: skip
        self.act_blind = self._action("Blind review", "Ctrl+B", self.toggle_blind, view, "blind",
                                      "Hide names, contact details and locations until shortlisted")  # fmt: skip
        self.act_blind.setCheckable(True)
        self.act_edit_job = self.editor_dock.toggleViewAction()
        self.act_edit_job.setText("Edit job criteria")
        self.act_edit_job.setShortcut(QKeySequence("Ctrl+E"))
        self.act_edit_job.setIcon(icon("edit"))
        view.addAction(self.act_edit_job)

        help_menu = menu.addMenu("&Help")
        self.act_cheats = self._action("Shortcuts", "?", self.show_cheat_sheet, help_menu, "keyboard")
        self._action("About Shortlist", None, self.about, help_menu)

        self.toolbar.addSeparator()
        for act in (self.act_import, self.act_edit_job, self.act_blind):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for act in (self.act_shortlist, self.act_letgo, self.act_undo):
            self.toolbar.addAction(act)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.search)
        self.toolbar.addAction(self.act_cheats)

    # --- jobs ----------------------------------------------------------------------

    def load_jobs(self, select: int | None = None) -> None:
        jobs = list_jobs(self.store)
        current = select or (self.job["id"] if self.job else None)
        self.job_picker.blockSignals(True)
        self.job_picker.clear()
        for job in jobs:
            self.job_picker.addItem(f"{job['title']}  ({job['people']})", job["id"])
        self.job_picker.blockSignals(False)
        if jobs:
            index = next((i for i, j in enumerate(jobs) if j["id"] == current), 0)
            self.job_picker.setCurrentIndex(index)
            self.set_job(jobs[index]["id"])
        else:
            self.set_job(None)

    def _job_picked(self, index: int) -> None:
        if index >= 0:
            self.set_job(self.job_picker.itemData(index))

    def set_job(self, job_id: int | None) -> None:
        self.undo_stack.clear()
        if job_id is None:
            self.job, self.ranker = None, None
            self.model.load(None)
            self.pane.clear()
            self._update_state()
            return
        self.job = resolve_job(self.store, job_id)
        self.ranker = Ranker(self.store, self.job)
        self.model.load(job_id)
        self.model.set_blind(bool(self.job.get("blind")))
        self.act_blind.setChecked(bool(self.job.get("blind")))
        self.editor.load(self.job["title"], self.job["spec"])
        self.editor_dock.setWindowTitle(f"Criteria — {self.job['title']}")
        self.rerank()
        self._update_state()
        if self.model.rowCount():
            self.select_row(0)

    def rerank(self) -> None:
        if self.ranker is None:
            return
        self.model.apply_ranking(self.ranker.rank())
        self.ranked.emit()

    def spec_changed(self, spec: dict) -> None:
        """Live: every edit of the criteria re-ranks at once (matches are cached per criterion)."""
        if self.job is None:
            return
        update_spec(self.store, self.job["id"], spec, self.actor)
        self.job["spec"] = spec
        self.ranker.set_spec(spec)
        self.rerank()
        self._show_current()

    # --- views, search, selection ------------------------------------------------------

    def _view_changed(self, index: int) -> None:
        self.model.set_filter(VIEWS[index][1], keep_search=True)
        self._ensure_selection()
        self._update_state()

    def _search_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            ids = None
        elif len(query) == 1:
            # One letter matches nearly every resume's text: it means a name's initial.
            ids = self.model.people_with_initial(query)
        else:
            ids = set(search_people(self.store, query))
        self._typing = True
        try:
            self.model.set_filter(search_ids=ids, keep_statuses=True)
            self._ensure_selection()
        finally:
            self._typing = False

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, COL_NAME)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            )
            self.table.scrollTo(index)

    def _ensure_selection(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.select_row(0)
        elif not self.model.rowCount():
            self.pane.clear()

    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._typing:
            self.pane_timer.start()
            return
        self._current_settled()

    def _current_settled(self) -> None:
        self.pane_timer.stop()
        self._show_current()
        self._refresh_message_state()

    def _show_current(self) -> None:
        row = self.current_row()
        if row is None or self.ranker is None:
            self.pane.clear()
            return
        self.pane.show_person(row.person, self.ranker, self.job["id"], self.model.blind, row.status, row.application)

    def next_person(self) -> None:
        row = self.table.currentIndex().row()
        self.select_row(min(row + 1, self.model.rowCount() - 1) if row >= 0 else 0)

    def previous_person(self) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(row - 1, 0))

    # --- decisions -----------------------------------------------------------------------

    def _change(self, fn) -> W.Change | None:
        try:
            change = fn()
        except W.WorkflowError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return None
        if change.before != change.after:
            self.undo_stack.append(change)
        self.model.set_status(change.person_id, change.after)
        return change

    def shortlist_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        position = self.table.currentIndex().row()
        change = self._change(lambda: W.shortlist(self.store, row.application, self.actor))
        if change and change.before != change.after:
            name = self.model.display_name(row)
            self.statusBar().showMessage(f"Shortlisted {name}. U to undo.", 6000)
            self._after_status_change(position)

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.statusBar().showMessage("Nothing to undo.", 4000)
            return
        change = self.undo_stack.pop()
        try:
            back = W.undo(self.store, change, self.actor)
        except W.WorkflowError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.model.set_status(back.person_id, back.after)
        self.model.set_filter(keep_statuses=True, keep_search=True)
        row = self.model.row_of_person(back.person_id)
        if row is not None:
            self.select_row(row)
        self.statusBar().showMessage(f"Undone: back to {LABELS[back.after].lower()}.", 5000)
        self._update_state()

    def _after_status_change(self, position: int) -> None:
        # The person may leave the current view: keep the cursor where the next person now is.
        self.model.set_filter(keep_statuses=True, keep_search=True)
        self.select_row(min(position, self.model.rowCount() - 1))
        self._show_current()
        self._update_state()

    def let_go_current(self) -> None:
        """D: the gate for the current person, or a queue for the selected ones — never a bulk drop."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        people = [self.model.row_at(r) for r in rows] or ([self.current_row()] if self.current_row() else [])
        people = [p for p in people if p.status in (*ON_THE_LIST, HIRED)]
        if not people:
            self.statusBar().showMessage("Choose someone who is still on the list.", 5000)
            return
        self.open_gate_queue(people)

    def open_gate_queue(self, people) -> None:
        self.gate_queue = list(people)
        self.gate_total = len(people)
        self._next_in_gate_queue()

    def _next_in_gate_queue(self) -> None:
        if not getattr(self, "gate_queue", None):
            self.gate_dialog = None
            return
        row = self.gate_queue.pop(0)
        position = (self.gate_total - len(self.gate_queue), self.gate_total)
        transport = transport_from_settings(self.store, self.settings)
        from app.gate_dialog import GateDialog

        dialog = GateDialog(self.store, self.settings, row.person, row.application, self.actor,
                            transport.describe(), position, self)  # fmt: skip
        dialog.sent.connect(self._gate_sent)
        dialog.finished.connect(lambda _r: self._next_in_gate_queue())
        self.gate_dialog = dialog
        dialog.open()

    def _gate_sent(self, message: int) -> None:
        for app_id, person_id, status in self.store.conn.execute(
            "SELECT a.id, a.person_id, a.status FROM message_applications ma JOIN applications a "
            "ON a.id = ma.application_id WHERE ma.message_id = ?", (message,)
        ).fetchall():
            self.model.set_status(person_id, status)
        self.deliver_in_background(message)
        self._after_status_change(max(self.table.currentIndex().row(), 0))

    def deliver_in_background(self, message: int, resend: bool = False) -> None:
        state = self.store.scalar("SELECT state FROM messages WHERE id = ?", (message,))
        if state not in ("queued", "failed", "in_doubt"):
            self._refresh_message_state()
            return
        password = self._smtp_password()
        if password is False:
            self.statusBar().showMessage("Not sent: the SMTP password is needed. The message waits in the outbox.", 8000)
            self._refresh_message_state()
            return
        task = Task(_deliver, str(self.store.path), message, self.actor, resend, password, name="deliver", parent=self)
        task.done.connect(self._delivered)
        task.failed.connect(lambda exc, text: self._task_failed(exc, text, "Sending the message"))
        self.deliver_tasks = [t for t in getattr(self, "deliver_tasks", []) if t.running] + [task.start()]

    def _smtp_password(self):
        """The SMTP password: the keyring's, else asked once per session (never stored). False if refused."""
        if self.settings.get("transport") != "smtp" or not self.settings.get("smtp.user"):
            return None
        if getattr(self, "_session_password", None):
            return self._session_password
        from review.outbox import keyring_password

        found = keyring_password(self.settings.get("smtp.user"))
        if found:
            return None  # the worker reads the keyring itself
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, "SMTP password",
                                        f"Password for {self.settings.get('smtp.user')} at "
                                        f"{self.settings.get('smtp.host')} (kept for this session only):",
                                        QLineEdit.Password)  # fmt: skip
        if not ok or not text:
            return False
        self._session_password = text
        return text

    def _delivered(self, result) -> None:
        for person_id, status in self.store.conn.execute(
            "SELECT a.person_id, a.status FROM message_applications ma JOIN applications a "
            "ON a.id = ma.application_id WHERE ma.message_id = ?", (result.message,)
        ).fetchall():
            self.model.set_status(person_id, status)
        self.model.set_filter(keep_statuses=True, keep_search=True)
        if result.state == "delivered":
            self.statusBar().showMessage(f"Message {result.detail}.", 8000)  # says what happened (transport)
        else:
            self.statusBar().showMessage(f"Message not delivered yet — {result.state}: {result.detail}", 12000)
        self._ensure_selection()
        self._refresh_message_state()
        self._update_state()
        self.message_delivered.emit(result)

    def _message_action(self, action: str, message: int) -> None:
        if action == "confirm_call":
            from review.outbox import confirm_call

            self._delivered(confirm_call(self.store, message, self.actor))
        else:
            self.deliver_in_background(message, resend=action == "resend")

    def _refresh_message_state(self) -> None:
        row = self.current_row()
        if row is None or row.status != LETTING_GO:
            self.pane.show_message_state(None)
            return
        message = self.store.one(
            "SELECT m.id, m.state, m.last_error FROM messages m JOIN message_applications ma ON ma.message_id = m.id "
            "WHERE ma.application_id = ? ORDER BY m.id DESC LIMIT 1", (row.application,)
        )
        self.pane.show_message_state(message)

    def withdraw_current(self) -> None:
        row = self.current_row()
        if row is None or row.status not in ON_THE_LIST:
            self.statusBar().showMessage("Choose someone who is still on the list.", 5000)
            return
        from app.gate_dialog import WithdrawDialog

        dialog = WithdrawDialog(self.store, self.settings, row.person, row.application, self.actor, self)
        if dialog.exec() and dialog.message_row:
            self.model.set_status(row.person, WITHDRAWN)
            self.deliver_in_background(dialog.message_row)
            self._after_status_change(max(self.table.currentIndex().row(), 0))

    def recover_outbox(self) -> None:
        """At start: messages a crash left half-sent are found delivered or in doubt; due retries go out."""
        task = Task(_recover_outbox, str(self.store.path), self.actor, name="outbox", parent=self)
        task.failed.connect(lambda exc, text: self._task_failed(exc, text, "Checking the outbox"))
        self.deliver_tasks = [t for t in getattr(self, "deliver_tasks", []) if t.running] + [task.start()]

    def restore_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from review.gate import GateRefused, restore

        try:
            status = restore(self.store, row.application, self.actor)
        except GateRefused as exc:
            self.statusBar().showMessage("; ".join(exc.reasons), 6000)
            return
        self.model.set_status(row.person, status)
        self._after_status_change(max(self.table.currentIndex().row(), 0))
        self.statusBar().showMessage(f"{self.model.display_name(row)} is back on the list.", 6000)

    def export_shortlist(self) -> None:
        if self.job is None:
            return
        from app.exporting import export_shortlist
        from app.relationship_dialogs import ExportDialog

        dialog = ExportDialog(self.job["title"], bool(self.job.get("blind")), self)
        if not dialog.exec():
            return
        choice = dialog.choice()
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.job["title"]).strip("-").lower()
        suggested = str(Path.home() / f"shortlist-{safe}{'-blind' if choice['blind'] else ''}.{choice['fmt']}")
        path, _ = QFileDialog.getSaveFileName(self, "Export the shortlist", suggested)
        if not path:
            return
        try:
            out, count = export_shortlist(self.store, self.job, choice["fmt"], path, blind=choice["blind"],
                                          include=choice["include"], reviewer=self.actor, page=choice["page"])  # fmt: skip
        except OSError as exc:  # review.written.WriteFailed: the file and why; nothing was left behind
            self.export_problem = warn(self, "Export the shortlist", str(exc))
            return
        self.statusBar().showMessage(f"Exported {count} people to {out}.", 10000)
        self.last_export = out

    def import_manager_answers(self) -> None:
        if self.job is None:
            return
        from review.exports import import_decisions

        path, _ = QFileDialog.getOpenFileName(self, "The manager's answers (CSV)", str(Path.home()), "CSV (*.csv)")
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self, "Import the manager's answers", f"{path}: {exc}")
            return
        result = import_decisions(self.store, self.job, text, self.actor, Path(path).name)
        message = f"Read {len(result.applied)} answer(s) from the manager."
        if any(d == "no" for _, d in result.applied):
            message += " A 'no' is a suggestion: letting someone go still takes a note and a message."
        if result.problems:
            QMessageBox.warning(self, "Import the manager's answers", message + "\n\n" + "\n".join(result.problems[:12]))
        else:
            self.statusBar().showMessage(message, 10000)
        self._show_current()

    def new_job(self) -> None:
        from app.relationship_dialogs import NewJobDialog
        from review.jobs import create_job

        dialog = NewJobDialog(self)
        if not dialog.exec():
            return
        title, description, spec = dialog.spec(self.ranker.taxonomy if self.ranker else _taxonomy())
        job_id = create_job(self.store, title, description, spec, self.actor)
        self.load_jobs(select=job_id)
        self.editor_dock.show()
        self.show_pool(quiet=True)

    def show_pool(self, quiet: bool = False) -> None:
        if self.job is None:
            return
        from app.relationship_dialogs import PoolDialog
        from review.relationship import add_to_job, pool_suggestions

        suggestions = pool_suggestions(self.store, self.job)
        if not suggestions:
            if not quiet:
                self.statusBar().showMessage("Nobody in your talent pool fits this job well yet.", 6000)
            return
        dialog = PoolDialog(self.job["title"], suggestions, self)
        if dialog.exec():
            added = add_to_job(self.store, dialog.chosen(), self.job["id"], self.actor)
            self.set_job(self.job["id"])
            self.statusBar().showMessage(f"Added {added} people you already know.", 6000)

    def show_followups(self) -> None:
        from app.relationship_dialogs import FollowupsDialog

        self.followups_dialog = FollowupsDialog(self.store, self.actor, self)
        self.followups_dialog.open()

    def close_job(self) -> None:
        if self.job is None:
            return
        from review.gate import GateRefused, close_job

        try:
            close_job(self.store, self.job["id"], self.actor)
        except GateRefused as exc:
            remaining = [r for r in self.model.rows if r.status in ON_THE_LIST]
            answer = QMessageBox.question(
                self, "Close this job", exc.reasons[0] + "\n\nOpen the let-go queue for the people still on "
                "the list now? Each gets their own note and message.",
            )  # fmt: skip
            if answer == QMessageBox.Yes and remaining:
                self.open_gate_queue(remaining)
            return
        self.statusBar().showMessage(f"{self.job['title']} is closed.", 6000)
        self.load_jobs()

    def toggle_blind(self, checked: bool) -> None:
        if self.job is None:
            return
        set_blind(self.store, self.job["id"], checked, self.actor)
        self.job["blind"] = int(checked)
        self.model.set_blind(checked)
        self._show_current()

    # --- import -----------------------------------------------------------------------

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import resumes", str(Path.home()),
            "Resumes (*.pdf *.docx *.odt *.rtf *.txt *.md *.zip);;All files (*)",
        )  # fmt: skip
        if files:
            self.start_import(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of resumes", str(Path.home()))
        if folder:
            self.start_import([folder])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def start_import(self, paths: list[str], job_id: int | None = None) -> Task | None:
        if self.import_task is not None and self.import_task.running:
            self.statusBar().showMessage("An import is already running: it must finish first.", 6000)
            return None
        if job_id is None:
            job_id = self.job["id"] if self.job else self._ensure_job()
        options = ImportOptions(
            workers=int(self.settings.get("import.workers")),
            time_limit=float(self.settings.get("import.time_limit")),
            memory_limit=int(self.settings.get("import.memory_mb")) * 1024 * 1024,
            max_bytes=int(self.settings.get("import.max_mb")) * 1024 * 1024,
            job_id=job_id,
        )
        task = Task(run_import, str(self.store.path), list(paths), options, name="import", parent=self)
        task.progress.connect(self._import_progress)
        task.done.connect(self._import_done)
        task.failed.connect(lambda exc, text: self._task_failed(exc, text, "The import"))
        self.import_task = task
        self.import_panel.start(describe_paths(paths))
        if self.stack.currentWidget() is self.welcome:
            self.stack.setCurrentWidget(self.table)
        task.start()
        return task

    def _ensure_job(self) -> int:
        """Resumes imported before any job exists go to a job named for them, to edit later."""
        from review.jobs import create_job

        job_id = create_job(self.store, "New job", "", {"criteria": [], "languages": [], "remote": False,
                                                        "min_years": None, "location": None}, self.actor)  # fmt: skip
        self.load_jobs(select=job_id)
        return job_id

    def _import_progress(self, progress) -> None:
        self.import_panel.update_progress(progress)
        if progress.new_people:
            self.model.add_people(progress.new_people)
            if not self.table.currentIndex().isValid():
                self.select_row(0)
            # Counts and the waiting banner: twice a second is enough while rows pour in.
            now = time.monotonic()
            if now - getattr(self, "_state_updated", 0.0) > 0.5:
                self._state_updated = now
                self._update_state()

    def _import_done(self, report) -> None:
        self.import_panel.hide()
        self.last_import_report = report
        # Progress comes in batches; whatever the last batch missed (a cancel) arrives here.
        self.model.add_people(sorted(report.people))
        self.load_jobs_counts()
        self.rerank_in_background()
        self._update_state()
        if report.problems or report.status == "cancelled":
            self.show_import_report()
        else:
            self.statusBar().showMessage(f"Imported {len(report.files)} files, all read cleanly.", 8000)
        self.import_finished.emit(report)

    def cancel_import(self) -> None:
        if self.import_task is not None:
            self.import_task.cancel()

    def show_import_report(self) -> None:
        if self.last_import_report is None:
            self.statusBar().showMessage("No import yet in this session.", 4000)
            return
        self.report_dialog = ImportReportDialog(self.last_import_report, self)
        self.report_dialog.open()

    def rerank_in_background(self) -> None:
        if self.job is None:
            return
        task = Task(_rank_in_background, str(self.store.path), self.job, name="rank", parent=self)
        task.done.connect(self._ranked_in_background)
        task.failed.connect(lambda exc, text: self._task_failed(exc, text, "Ranking"))
        self.rank_task = task.start()

    def _ranked_in_background(self, result) -> None:
        ranked, people, aggs = result
        if self.ranker is None:
            return
        self.ranker.install(people, aggs)
        self.model.apply_ranking(ranked)
        self._ensure_selection()
        self._update_state()
        self.ranked.emit()

    def load_jobs_counts(self) -> None:
        for job in list_jobs(self.store):
            index = self.job_picker.findData(job["id"])
            if index >= 0:
                self.job_picker.setItemText(index, f"{job['title']}  ({job['people']})")

    def _task_failed(self, exc, text: str, where: str) -> None:
        self.import_panel.hide()
        if self.errors is not None:
            self.errors.report_failure(exc, text, where)
        else:
            QMessageBox.critical(self, "Something went wrong", f"{where} failed: {exc}")

    # --- demo ---------------------------------------------------------------------------

    def load_demo(self) -> None:
        from app.demo import demo_dir, ensure_demo_job

        job_id = ensure_demo_job(self.store)
        self.load_jobs(select=job_id)
        self.import_panel.start("the demo")
        self.import_panel.detail.setText("writing 200 sample resumes…")
        task = Task(_make_demo, str(demo_dir(self.store)), name="demo", parent=self)
        task.done.connect(lambda folder: self.start_import([folder], job_id))
        task.failed.connect(lambda exc, text: self._task_failed(exc, text, "Preparing the demo"))
        self.demo_task = task.start()
        self.stack.setCurrentWidget(self.table)

    # --- the rest ---------------------------------------------------------------------------

    def _update_state(self) -> None:
        has_people = self.store.scalar("SELECT count(*) FROM people") or 0
        importing = self.import_task is not None and self.import_task.running
        welcome = not (has_people or importing or self.job)
        self.stack.setCurrentWidget(self.welcome if welcome else self.table)
        self.pane.setVisible(not welcome)
        counts = self.model.count_by_status()
        for index, (title, statuses) in enumerate(VIEWS):
            n = sum(counts.values()) if statuses is None else sum(counts.get(s, 0) for s in statuses)
            self.views.setTabText(index, f"{title} ({n})")
        if self.job is None:
            self.waiting.setText("")
            self.waiting.hide()
            return
        self.waiting.show()
        waiting, longest_days, stale = self.model.waiting_summary()
        if not waiting:
            self.waiting.setText("Nobody is waiting to hear from you for this job.")
            return
        longest = ("all arrived today" if longest_days < 1 else
                   f"the longest for {longest_days:.0f} day{'s' if round(longest_days) != 1 else ''}")  # fmt: skip
        text = (f"<b>{waiting} {'person is' if waiting == 1 else 'people are'} waiting to hear from you</b>"
                f" · {longest}")  # fmt: skip
        if stale:
            text += (f" · <span style='color:#c25e00'><b>{stale} for more than {self.model.stale_days} days</b></span>")
        self.waiting.setText(text)

    def _update_transport(self) -> None:
        transport = self.settings.get("transport")
        if transport == "smtp":
            where = f"SMTP {self.settings.get('smtp.host') or '(no server set)'}"
        else:
            folder = self.settings.get("outbox.dir") or str(self.store.path.with_name(self.store.path.stem + "-outbox"))
            self.transport_label.setText(f"Messages are written to the outbox folder {folder} for your mail "
                                         "client to send (Settings: send by SMTP instead)")  # fmt: skip
            return
        self.transport_label.setText(f"Messages go out by: {where}")

    def show_cheat_sheet(self) -> None:
        def key(action: QAction) -> str:
            return action.shortcut().toString(QKeySequence.NativeText)

        groups = [
            ("Move", [(key(self.act_next), "next person"), (key(self.act_prev), "previous person"),
                      (key(self.act_search), "search"), ("1 – 5", "views: to review … all")]),
            ("Decide", [(key(self.act_shortlist), "shortlist"), (key(self.act_undo), "undo the last change"),
                        (key(self.act_letgo), "let go — with a note and a message"),
                        (key(self.act_note), "note about them as a person")]),
            ("Window", [(key(self.act_import), "import resumes"), (key(self.act_edit_job), "edit job criteria"),
                        (key(self.act_blind), "blind review"), ("?", "this sheet")]),
        ]  # fmt: skip
        self.cheat_sheet = CheatSheet(groups, self)
        self.cheat_sheet.open()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.model.stale_days = int(self.settings.get("review.stale_days"))
            self._update_transport()
            self._update_state()

    def about(self) -> None:
        QMessageBox.about(self, "About Shortlist",
                          "<b>Shortlist</b><br>Screen resumes fast, rank them with reasons, and let nobody "
                          "go without a human word.<br><br>Data: " + str(self.store.path))  # fmt: skip

    def closeEvent(self, event) -> None:
        self.pane_timer.stop()
        for task in (self.import_task, self.rank_task, getattr(self, "demo_task", None),
                     *getattr(self, "deliver_tasks", [])):  # fmt: skip
            if task is not None and task.running:
                task.cancel()
                task.wait(60000)
        super().closeEvent(event)


def _taxonomy():
    from parsing.taxonomy import load_taxonomy

    return load_taxonomy()


def _recover_outbox(report, cancelled, db_path: str, author: str):
    from review.outbox import retry_due

    with Store(db_path) as store:
        return retry_due(store, transport_from_settings(store, Settings()), author)


def _deliver(report, cancelled, db_path: str, message: int, author: str, resend: bool, password: str | None = None):
    """Deliver one message on a worker thread (SMTP can take seconds), with its own connection."""
    from review.outbox import deliver

    ask = (lambda _user: password) if password else None
    with Store(db_path) as store:
        return deliver(store, message, transport_from_settings(store, Settings(), ask), author, resend=resend)


def _make_demo(report, cancelled, folder: str) -> str:
    from app.demo import write_demo

    return str(write_demo(Path(folder)))
