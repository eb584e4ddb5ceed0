"""The main window: a job, its people ranked with reasons, and one person at a time.

The window keeps the layout and the actions; what the actions do lives in
controllers (:mod:`app.controllers`): imports, delivery, the gate queue, the
job-wide actions, and the loop with people (replies, invitations, roles, the
report). Every change to the database goes through the one writer
(:mod:`app.writer`); the window reads on its own connection.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
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

from app import window_table
from app.controllers.decisions import Decisions
from app.controllers.delivery import Delivery
from app.controllers.gate_queue import GateQueue
from app.controllers.imports import Imports
from app.controllers.job_actions import JobActions
from app.controllers.job_view import JobView
from app.controllers.loop import Loop
from app.controllers.their_data import TheirData
from app.dialogs import CheatSheet, SettingsDialog, Welcome
from app.empty_note import EmptyNote
from app.icons import icon
from app.import_panel import ImportPanel
from app.job_editor import JobEditor
from app.people_model import COL_NAME, COL_RANK, COL_SCORE, COL_TITLE, COL_TOP, PeopleModel
from app.person_pane import PersonPane
from app.score_delegate import ScoreDelegate
from app.tasks import Task
from app.writer import Writer
from review.db import Store
from review.jobs import Job
from review.ranking import Ranker
from review.settings import Settings
from review.status import VIEWS

PANE_AFTER_TYPING_MS = 150  # how long typing must pause before the person pane follows the search
# Fixed widths: resizeColumnsToContents costs 0.7 s at 50k rows (design.md). At 1366 px the
# columns a recruiter decides by (name, score, advice, top matches, years, status, waiting) fit
# without scrolling sideways; the current title is hidden until asked for (header menu).
COLUMN_WIDTHS = (36, 170, 92, 70, 190, 170, 46, 110, 62)
HIDDEN_AT_FIRST = (COL_TITLE,)
# The view after the status views: files that could not be read, for a person to look at.
FILES_VIEW = len(VIEWS)


class MainWindow(QMainWindow):
    import_finished = Signal(object)  # the ImportReport
    ranked = Signal()
    message_delivered = Signal(object)  # review.outbox.Result

    def __init__(
        self, store: Store, settings: Settings | None = None, errors=None, head_start=None
    ):
        """``head_start``: the first job's ranking, begun in another process (app.head_start)."""
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.errors = errors
        self.writer = Writer(store, self)  # started last: nothing may fail after it runs
        self.writer.default_failure = lambda exc, text: self.report_failure(
            exc, text, "Saving a change"
        )
        self.job: Job | None = None
        self.ranker: Ranker | None = None
        self.cheat_sheet: CheatSheet | None = None
        self._typing = False  # a search is being typed: the pane waits for a pause
        self._selecting = False  # the window itself is moving the current row
        self._pane_later = False  # ... and the pane follows it after a pause (select_row)
        # The current row was chosen by the window (the first arrival of an import), not by the
        # recruiter: when ranking reorders the rows, the top one is chosen again.
        self.selection_automatic = True
        self.key_widgets: list[QWidget] = []  # where single-key shortcuts work
        self.imports = Imports(self)
        self.imports.finished.connect(self.import_finished)
        self.delivery = Delivery(self)
        self.delivery.delivered.connect(self.message_delivered)
        self.gate = GateQueue(self)
        self.job_actions = JobActions(self)
        self.decisions = Decisions(self)
        self.job_view = JobView(self)
        self.job_view.head_start = head_start
        self.loop = Loop(self)
        self.their_data = TheirData(self)
        self.setWindowTitle("Shortlist")
        self.setWindowIcon(icon("shortlist"))
        self.setAcceptDrops(True)
        self.resize(1366, 768)

        self.model = PeopleModel(store, self)
        self.model.stale_days = int(self.settings.get("review.stale_days"))
        self._build_ui()
        self._build_actions()
        window_table.restore_layout(self)  # and fits the columns from then on
        self.load_jobs()
        self.update_state()
        self.writer.start()

    @property
    def actor(self) -> str:
        """Who is acting, as the settings say now: a new name is used at once, everywhere."""
        return self.settings.reviewer()

    def reviewer_changed(self) -> None:
        """The settings changed (the dialog, or the gate's first-use step): follow them."""
        actor = self.actor
        for holder in (self.pane, self.pane.contact_tab, self.pane.duplicates):
            holder.actor = actor
        self.model.stale_days = int(self.settings.get("review.stale_days"))
        self._update_transport()
        self.update_state()

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
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([800, 560])
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
        self.editor_dock.visibilityChanged.connect(self._editor_shown)
        self.editor_dock.visibilityChanged.connect(self.job_view.editor_shown)

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
        self.job_picker.setMinimumWidth(200)
        self.job_picker.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.job_picker.setMinimumContentsLength(22)
        self.job_picker.setAccessibleName("Job")
        job_label.setBuddy(self.job_picker)
        self.job_picker.currentIndexChanged.connect(self.job_view.picked)
        bar.addWidget(self.job_picker)
        # The search lives above the table, never in the toolbar: a narrow window hides
        # toolbar widgets in its overflow menu, and a hidden search box cannot take "/".
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search names, titles, skills, resume text  ( / )")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)

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
        layout.addWidget(self.search)
        self.views = QTabBar()
        self.views.setAccessibleName("Views")
        self.views.setDrawBase(False)
        self.views.setExpanding(False)
        self.views.setElideMode(Qt.ElideNone)
        self.views.setUsesScrollButtons(True)
        for title, _ in VIEWS:
            self.views.addTab(title)
        self.views.addTab("Files to check")
        self.views.setTabToolTip(
            FILES_VIEW,
            "Files that could not be read: open them, or ask the sender for another copy",
        )
        self.views.currentChanged.connect(self._view_changed)
        layout.addWidget(self.views)
        self.stack = QStackedWidget()
        self.welcome = Welcome()
        self.welcome.demo_requested.connect(self.imports.load_demo)
        self.welcome.import_requested.connect(self.imports.choose_files)
        self.welcome.settings_requested.connect(self.open_settings)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._build_table())
        layout.addWidget(self.stack, 1)
        self.empty_note = EmptyNote(self)  # what an empty list means
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
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: window_table.header_menu(self, pos))
        for col in HIDDEN_AT_FIRST:
            table.setColumnHidden(col, True)
        table.setContextMenuPolicy(Qt.CustomContextMenu)
        table.customContextMenuRequested.connect(lambda pos: window_table.row_menu(self, pos))
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        # While the recruiter types a search, the pane follows the current row once
        # typing pauses: the table answers each keystroke, the pane is not redrawn for each.
        self.pane_timer = QTimer(self)
        self.pane_timer.setSingleShot(True)
        self.pane_timer.setInterval(PANE_AFTER_TYPING_MS)
        self.pane_timer.timeout.connect(self._current_settled)
        return table

    def add_action(self, text, shortcut, slot, menu, icon_name=None, tip=None) -> QAction:
        return window_table.add_action(self, text, shortcut, slot, menu, icon_name, tip)

    def _build_actions(self) -> None:
        from app.window_menus import build_menus

        self.key_widgets = [self.table, self.pane, self.views, self.welcome]
        # Escape in a field of the pane (a note, what they bring, topics) returns to the list.
        self.escape_fields = set(self.pane.findChildren(QLineEdit))
        for field in self.escape_fields:
            field.installEventFilter(self)
        build_menus(self)
        self.pane.set_actions(self.move_actions, self.act_letgo)
        self.toolbar.addSeparator()
        for act in (self.act_import, self.act_edit_job, self.act_blind):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for act in (self.act_shortlist, self.act_letgo, self.act_undo):
            self.toolbar.addAction(act)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.act_cheats)

    # --- jobs ----------------------------------------------------------------------------

    def load_jobs(self, select: int | None = None) -> None:
        self.job_view.load_jobs(select)

    def start_import(self, paths: list[str], job_id: int | None = None) -> Task | None:
        return self.imports.start(paths, job_id)

    # --- views, search, selection ------------------------------------------------------

    def _view_changed(self, index: int) -> None:
        if index == FILES_VIEW:
            self.model.set_filter(None, keep_search=True, files=True)
        else:
            statuses = VIEWS[index][1]
            self.model.set_filter(
                statuses, keep_search=True, files=None if statuses is None else False
            )
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
            ids = self.job_view.search(query)  # while blind, nobody by a hidden detail
        self._typing = True
        try:
            self.model.set_filter(search_ids=ids, keep_statuses=True)
            self.ensure_selection()
        finally:
            self._typing = False

    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        """Back to the list: after Escape, a dialog, the criteria panel, Retry."""
        from PySide6.QtWidgets import QApplication

        if self.stack.currentWidget() is not self.table:
            return
        if QApplication.activeModalWidget() is None and QApplication.activeWindow() is not self:
            self.activateWindow()  # a dialog just closed: the window takes the keys back
        self.table.setFocus(Qt.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:
        return window_table.key_filter(self, watched, event) or super().eventFilter(watched, event)

    def acting_row(self):
        return window_table.acting_row(self)

    def acting_rows(self) -> list:
        return window_table.acting_rows(self)

    def select_row(self, row: int, automatic: bool = False, pane_later: bool = False) -> None:
        """``pane_later``: people or a ranking arrived; the pane follows in a turn of its own."""
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, COL_NAME)
            flags = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
            self._selecting, self.selection_automatic = True, automatic
            self._pane_later = pane_later
            try:
                self.table.selectionModel().setCurrentIndex(index, flags)
            finally:
                self._selecting = self._pane_later = False
            self.table.scrollTo(index)

    def ensure_selection(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.select_row(0, automatic=True)
        elif not self.model.rowCount():
            self.pane.clear()

    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting:
            self.selection_automatic = False  # the recruiter moved: keep their choice
        if self._typing or self._pane_later:
            # Typing a search, or people or a ranking arriving: the pane follows after a pause,
            # not in the same turn of the event loop as the table.
            self.pane_timer.start()
            return
        self._current_settled()

    def _current_settled(self) -> None:
        self.pane_timer.stop()
        self.show_current()
        self.delivery.refresh_message_state()

    def show_current(self) -> None:
        row = self.current_row()
        if row is None or self.job is None:  # no ranker yet: the person, their score to follow
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

    # --- menus on the table ----------------------------------------------------------------

    def _editor_shown(self, visible: bool) -> None:
        if not visible:
            self.focus_table()

    # --- the rest ---------------------------------------------------------------------------

    def report_failure(self, exc, text: str, where: str) -> None:
        self.import_panel.hide()
        if self.errors is not None:
            self.errors.report_failure(exc, text, where)
        else:
            QMessageBox.critical(self, "Something went wrong", f"{where} failed: {exc}")

    def update_state(self) -> None:
        window_table.update_state(self)

    def _update_transport(self) -> None:
        short = None
        if self.settings.get("transport") == "smtp":
            where = f"SMTP {self.settings.get('smtp.host') or '(no server set)'}"
        else:
            transport = self.delivery.transport()
            where = transport.describe()  # "…, for your mail client to send"
            folder = getattr(transport, "folder", None)  # the outbox folder's own name
            short = where.replace(str(folder), f"…/{folder.name}") if folder else None
        self.transport_text = f"Messages go out by: {where}"
        self.transport_short = f"Messages: {short}" if short else self.transport_text
        window_table.elide_transport(self)

    def show_cheat_sheet(self) -> None:
        from app.window_menus import cheat_sheet_groups

        self.cheat_sheet = CheatSheet(cheat_sheet_groups(self), self)
        self.cheat_sheet.open()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.delivery.remember_password(dialog.session_password)  # None: in the keyring
            self.reviewer_changed()
        self.focus_table()

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Shortlist",
            "<b>Shortlist</b><br>Screen resumes fast, rank them with reasons, and let nobody "
            f"go without a human word.<br><br>Data: {self.store.path}",
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        window_table.fit_toolbar(self)
        window_table.fit_tabs(self)
        window_table.elide_transport(self)

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
        window_table.save_layout(self)
        if self.job_view.head_start is not None:  # closed before the first ranking was asked
            self.job_view.head_start.close()
            self.job_view.head_start = None
        owners = (self.job_view, self.imports, self.job_actions, self.gate, self.loop)
        for task in (*(t for owner in owners for t in owner.tasks()), *self.delivery.tasks):
            if task is not None and task.running:
                task.cancel()
                task.wait(60000)
        # Last: the tasks above may still be storing through it.
        self.writer.stop()
        super().closeEvent(event)
