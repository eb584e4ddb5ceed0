"""The main window: a job, its people ranked with reasons, and one person at a time.

The window keeps the layout and the actions; what the actions do lives in
controllers (:mod:`app.controllers`): imports, delivery, the gate queue and the
job-wide actions. Every change to the database goes through the one writer
(:mod:`app.writer`); the window reads on its own connection.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.controllers.decisions import Decisions
from app.controllers.delivery import Delivery
from app.controllers.gate_queue import GateQueue
from app.controllers.imports import Imports
from app.controllers.job_actions import JobActions
from app.controllers.job_view import JobView
from app.dialogs import CheatSheet, SettingsDialog, Welcome
from app.icons import icon
from app.import_panel import ImportPanel
from app.job_editor import JobEditor
from app.people_model import COL_NAME, COL_RANK, COL_SCORE, COL_TOP, PeopleModel
from app.person_pane import PersonPane
from app.score_delegate import ScoreDelegate
from app.tasks import Task
from app.writer import Writer
from review import people as P
from review.db import Store
from review.jobs import Job
from review.ranking import Ranker
from review.search import search_people
from review.settings import Settings
from review.status import VIEWS

PANE_AFTER_TYPING_MS = 150  # how long typing must pause before the person pane follows the search
# Fixed widths: resizeColumnsToContents costs 0.7 s at 50k rows (design.md).
COLUMN_WIDTHS = (44, 190, 120, 80, 230, 190, 54, 150, 80)


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
        self.writer = Writer(store, self)  # started last: nothing may fail after it runs
        self.writer.default_failure = lambda exc, text: self.report_failure(
            exc, text, "Saving a change"
        )
        self.job: Job | None = None
        self.ranker: Ranker | None = None
        self.cheat_sheet: CheatSheet | None = None
        self._typing = False  # a search is being typed: the pane waits for a pause
        self.imports = Imports(self)
        self.imports.finished.connect(self.import_finished)
        self.delivery = Delivery(self)
        self.delivery.delivered.connect(self.message_delivered)
        self.gate = GateQueue(self)
        self.job_actions = JobActions(self)
        self.decisions = Decisions(self)
        self.job_view = JobView(self)
        self.setWindowTitle("Shortlist")
        self.setWindowIcon(icon("shortlist"))
        self.setAcceptDrops(True)
        self.resize(1360, 840)

        self.model = PeopleModel(store, self)
        self.model.stale_days = int(self.settings.get("review.stale_days"))
        self._build_ui()
        self._build_actions()
        self.load_jobs()
        self.update_state()
        self.writer.start()

    # --- building ---------------------------------------------------------------

    def _build_ui(self) -> None:
        self._build_toolbar()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.splitter = QSplitter(Qt.Horizontal)
        self.pane = PersonPane(self.store, self.writer, self.actor)
        self.pane.message_action.connect(self.delivery.message_action)
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 560])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.editor = JobEditor()
        self.editor.changed.connect(self.job_view.spec_changed)
        self.editor_dock = QDockWidget("Job criteria", self)
        self.editor_dock.setObjectName("jobEditor")
        self.editor_dock.setWidget(self.editor)
        areas = Qt.LeftDockWidgetArea | Qt.RightDockWidgetArea | Qt.BottomDockWidgetArea
        self.editor_dock.setAllowedAreas(areas)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.editor_dock)
        self.editor_dock.hide()

        self.transport_label = QLabel()
        self.statusBar().addPermanentWidget(self.transport_label)
        self._update_transport()

    def _build_toolbar(self) -> None:
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
        self.job_picker.currentIndexChanged.connect(self.job_view.picked)
        bar.addWidget(self.job_picker)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, titles, skills, resume text   ( / )")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setMaximumWidth(420)
        self.search.textChanged.connect(self._search_changed)

    def _build_list(self) -> QWidget:
        """The left side: who is waiting, the import's progress, the views and the table."""
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(10, 8, 4, 8)
        layout.setSpacing(6)
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingBanner")
        self.waiting.setWordWrap(True)
        self.waiting.setTextFormat(Qt.RichText)
        layout.addWidget(self.waiting)
        self.import_panel = ImportPanel()
        self.import_panel.cancel_requested.connect(self.imports.cancel)
        layout.addWidget(self.import_panel)
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
        layout.addLayout(row)
        self.stack = QStackedWidget()
        self.welcome = Welcome()
        self.welcome.demo_requested.connect(self.imports.load_demo)
        self.welcome.import_requested.connect(self.imports.choose_files)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._build_table())
        layout.addWidget(self.stack, 1)
        return left

    def _build_table(self) -> QTableView:
        self.table = table = QTableView()
        table.setObjectName("peopleTable")
        table.setAccessibleName("People")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_RANK, Qt.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        table.setItemDelegateForColumn(COL_SCORE, ScoreDelegate(table))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_TOP, QHeaderView.Stretch)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        # While the recruiter types a search, the pane follows the current row once
        # typing pauses: the table answers each keystroke, the pane is not redrawn for each.
        self.pane_timer = QTimer(self)
        self.pane_timer.setSingleShot(True)
        self.pane_timer.setInterval(PANE_AFTER_TYPING_MS)
        self.pane_timer.timeout.connect(self._current_settled)
        return table

    def add_action(self, text, shortcut, slot, menu, icon_name=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setStatusTip(tip)
            keys = action.shortcut().toString(QKeySequence.NativeText)
            action.setToolTip(f"{tip} ({keys})" if shortcut else tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        from app.window_menus import build_menus

        build_menus(self)
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

    # --- jobs ----------------------------------------------------------------------------

    def load_jobs(self, select: int | None = None) -> None:
        self.job_view.load_jobs(select)

    def start_import(self, paths: list[str], job_id: int | None = None) -> Task | None:
        return self.imports.start(paths, job_id)

    # --- views, search, selection ------------------------------------------------------

    def _view_changed(self, index: int) -> None:
        self.model.set_filter(VIEWS[index][1], keep_search=True)
        self.ensure_selection()
        self.update_state()

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
            self.ensure_selection()
        finally:
            self._typing = False

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, COL_NAME)
            flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def ensure_selection(self) -> None:
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
        self.show_current()
        self.delivery.refresh_message_state()

    def show_current(self) -> None:
        row = self.current_row()
        if row is None or self.ranker is None:
            self.pane.clear()
            return
        self.pane.show_person(
            row.person, self.ranker, self.job.id, self.model.blind, row.status, row.application
        )

    def next_person(self) -> None:
        row = self.table.currentIndex().row()
        self.select_row(min(row + 1, self.model.rowCount() - 1) if row >= 0 else 0)

    def previous_person(self) -> None:
        row = self.table.currentIndex().row()
        self.select_row(max(row - 1, 0))

    # --- the rest ---------------------------------------------------------------------------

    def report_failure(self, exc, text: str, where: str) -> None:
        self.import_panel.hide()
        if self.errors is not None:
            self.errors.report_failure(exc, text, where)
        else:
            QMessageBox.critical(self, "Something went wrong", f"{where} failed: {exc}")

    def update_state(self) -> None:
        importing = self.imports.running
        welcome = not (P.count(self.store) or importing or self.job)
        self.stack.setCurrentWidget(self.welcome if welcome else self.table)
        self.pane.setVisible(not welcome)
        counts = self.model.count_by_status()
        for index, (title, statuses) in enumerate(VIEWS):
            n = (
                sum(counts.values())
                if statuses is None
                else sum(counts.get(s, 0) for s in statuses)
            )
            self.views.setTabText(index, f"{title} ({n})")
        if self.job is None:
            self.waiting.setText("")
            self.waiting.hide()
            return
        self.waiting.show()
        self.waiting.setText(self._waiting_text())

    def _waiting_text(self) -> str:
        waiting, longest_days, stale = self.model.waiting_summary()
        if not waiting:
            return "Nobody is waiting to hear from you for this job."
        if longest_days < 1:
            longest = "all arrived today"
        else:
            days = "day" if round(longest_days) == 1 else "days"
            longest = f"the longest for {longest_days:.0f} {days}"
        who = "person is" if waiting == 1 else "people are"
        text = f"<b>{waiting} {who} waiting to hear from you</b> · {longest}"
        if stale:
            limit = self.model.stale_days
            text += (
                f" · <span style='color:#c25e00'><b>{stale} for more than {limit} days</b></span>"
            )
        return text

    def _update_transport(self) -> None:
        if self.settings.get("transport") == "smtp":
            where = f"SMTP {self.settings.get('smtp.host') or '(no server set)'}"
        else:
            default = str(self.store.path.with_name(self.store.path.stem + "-outbox"))
            where = f"outbox folder {self.settings.get('outbox.dir') or default}"
        self.transport_label.setText(f"Messages go out by: {where}")

    def show_cheat_sheet(self) -> None:
        from app.window_menus import cheat_sheet_groups

        self.cheat_sheet = CheatSheet(cheat_sheet_groups(self), self)
        self.cheat_sheet.open()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.model.stale_days = int(self.settings.get("review.stale_days"))
            self._update_transport()
            self.update_state()

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Shortlist",
            "<b>Shortlist</b><br>Screen resumes fast, rank them with reasons, and let nobody "
            f"go without a human word.<br><br>Data: {self.store.path}",
        )

    def dragEnterEvent(self, event) -> None:
        if self.imports.accepts(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.imports.dropped(event)

    def closeEvent(self, event) -> None:
        self.pane_timer.stop()
        for task in (*self.job_view.tasks(), *self.imports.tasks(), *self.delivery.tasks):
            if task is not None and task.running:
                task.cancel()
                task.wait(60000)
        # Last: the tasks above may still be storing through it.
        self.writer.stop()
        super().closeEvent(event)
