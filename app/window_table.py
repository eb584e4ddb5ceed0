"""The window's list: which person an action is for, keys in the search and the pane's
fields, the row's and the header's menus, the remembered layout, the waiting banner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

from app.icons import icon
from app.people_model import COL_NAME, COL_STATUS, COL_TOP, COL_WAIT, COL_YEARS
from review.settings import config_path
from review.status import VIEWS


def window_state() -> QSettings:
    """The window's own layout (columns, splitter): beside the settings file, never in it."""
    return QSettings(str(config_path().with_name("window.ini")), QSettings.IniFormat)


def add_action(w, text, shortcut, slot, menu, icon_name=None, tip=None) -> QAction:
    action = QAction(text, w)
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
    bind_keys(w, action)
    return action


def bind_keys(w, action: QAction) -> None:
    """A single-key shortcut (S, D, J, /…) works only while the table, the person pane or
    the views have the focus: never in a text field, never through a widget hidden in an
    overflow menu. Shortcuts with Ctrl work in the whole window."""
    keys = action.shortcut()
    single = (
        not keys.isEmpty()
        and keys.count() == 1
        and not keys[0].keyboardModifiers()
        & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
    )
    if not single:
        w.addAction(action)
        return
    action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    for widget in w.key_widgets:
        widget.addAction(action)


def acting_row(w):
    """The person an action (S, D, N, I, O, H…) is for: the one the pane shows.

    A search being typed lets the pane wait for a pause; an action first brings the pane
    up to date, so what it shows and what is acted on are always the same person."""
    if w.pane_timer.isActive():
        w._current_settled()
    if w.pane.person_id is None:
        return None
    return w.model.row_for_person(w.pane.person_id)


def acting_rows(w) -> list:
    """The selected people when the pane's person is one of them, else the pane's person."""
    row = w.acting_row()
    if row is None:
        return []
    selected = [w.model.row_at(i.row()) for i in w.table.selectionModel().selectedRows()]
    if len(selected) > 1 and any(r.person == row.person for r in selected):
        return sorted(selected, key=lambda r: r.person != row.person)
    return [row]


def key_filter(w, watched, event) -> bool:
    if (
        event.type() == QEvent.KeyPress
        and event.key() == Qt.Key_Escape
        and watched in getattr(w, "escape_fields", ())
    ):
        w.focus_table()
        return True
    if watched is w.search and event.type() == QEvent.KeyPress:
        key = event.key()
        if key == Qt.Key_Escape:
            if w.search.text():
                w.search.clear()
            w.focus_table()
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Down):
            w._current_settled()
            if w.model.rowCount():
                w.select_row(0)
            w.focus_table()
            return True
    return False


def row_menu(w, pos) -> None:
    index = w.table.indexAt(pos)
    if not index.isValid():
        return
    if not w.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
        w.select_row(index.row())
    w._current_settled()
    menu = QMenu(w)
    menu.addAction(w.act_shortlist)
    move = menu.addMenu("Move to")
    for action in w.move_actions:
        move.addAction(action)
    menu.addAction(w.act_letgo)
    menu.addAction(w.act_withdrew)
    menu.addAction(w.act_restore)
    menu.addSeparator()
    menu.addAction(w.act_note)
    row = w.current_row()
    if row is not None and row.outcome != "ok":  # a file we could not read
        menu.addAction(w.act_ask_again)
    menu.popup(w.table.viewport().mapToGlobal(pos))
    w.row_menu = menu


def header_menu(w, pos) -> None:
    """Show or hide columns (remembered with their widths and order). A column the window
    put away for lack of room says so; choosing it here keeps it, whatever the width."""
    from app.people_model import COLUMNS

    menu = QMenu(w)
    for col, title in enumerate(COLUMNS):
        if col == COL_NAME:
            continue
        squeezed = col in w.squeezed_columns
        action = menu.addAction((title or "#") + (" (put away: no room)" if squeezed else ""))
        action.setCheckable(True)
        action.setChecked(not w.table.isColumnHidden(col))
        action.toggled.connect(lambda on, c=col: _chosen(w, c, on))
    menu.popup(w.table.horizontalHeader().mapToGlobal(pos))
    w.header_menu = menu


def _chosen(w, col: int, shown: bool) -> None:
    w.squeezed_columns.pop(col, None)
    w.chosen_columns.add(col)  # the recruiter's choice wins over the room left
    w.table.setColumnHidden(col, not shown)
    fit_columns(w)  # hiding one may make room for those put away


# What gives way first when the list is too narrow for every column (a small laptop, the
# pane dragged wide): how long they have waited, then their years, then the status in a
# view whose tab already says it (To review, Waiting for a message). Name, score, advice
# and top matches stay; top matches keeps at least this much room.
SQUEEZE_ORDER = (COL_WAIT, COL_YEARS, COL_STATUS)
TOP_MATCHES_ROOM = 150


def _may_squeeze(w, col: int) -> bool:
    if col != COL_STATUS:
        return True
    index = w.views.currentIndex()
    statuses = VIEWS[index][1] if 0 <= index < len(VIEWS) else None
    return statuses is not None and len(statuses) == 1


def fit_columns(w) -> None:
    """Put away the least needed columns while the list has no room for them, and bring them
    back when it has: rather than a list that scrolls sideways to its status."""
    if not hasattr(w, "squeezed_columns"):
        return  # the window is still being built
    table = w.table
    header = table.horizontalHeader()
    room = table.viewport().width()
    if room <= 0:
        return

    def width(col: int) -> int:  # a hidden column's size reads 0: its own, as last shown
        return w.squeezed_columns.get(col) or header.sectionSize(col)

    shown = [
        c for c in range(header.count()) if not table.isColumnHidden(c) or c in w.squeezed_columns
    ]
    needed = sum(width(c) for c in shown if c != COL_TOP)
    needed += TOP_MATCHES_ROOM if COL_TOP in shown else 0
    away: dict[int, int] = {}
    for col in SQUEEZE_ORDER:
        if needed <= room:
            break
        if col in shown and col not in w.chosen_columns and _may_squeeze(w, col):
            away[col] = width(col)
            needed -= away[col]
    for col in w.squeezed_columns.keys() - away.keys():
        table.setColumnHidden(col, False)
    for col in away.keys() - w.squeezed_columns.keys():
        table.setColumnHidden(col, True)
    w.squeezed_columns = away


class ColumnFitter(QObject):
    """Fits the list's columns whenever the list changes width (window, splitter, pane)."""

    def __init__(self, w) -> None:
        super().__init__(w)
        self.w = w
        w.squeezed_columns = {}  # column -> its width, while put away for lack of room
        w.chosen_columns = set()
        # The viewport's own resize: the table's comes before its viewport is laid out.
        w.table.viewport().installEventFilter(self)
        # Another view may say the status in its tab, or not.
        w.views.currentChanged.connect(lambda _index: fit_columns(w))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize:
            fit_columns(self.w)
        return False


def restore_layout(w) -> None:
    state = window_state()
    header = state.value("table/header")
    if header is not None:
        w.table.horizontalHeader().restoreState(header)
    splitter = state.value("window/splitter")
    if splitter is not None:
        w.splitter.restoreState(splitter)
    w.column_fitter = ColumnFitter(w)  # the list's width decides, from now on


def save_layout(w) -> None:
    state = window_state()
    # Columns put away for lack of room are not the recruiter's choice: saved as shown.
    squeezed = list(getattr(w, "squeezed_columns", {}))
    for col in squeezed:
        w.table.setColumnHidden(col, False)
    state.setValue("table/header", w.table.horizontalHeader().saveState())
    for col in squeezed:
        w.table.setColumnHidden(col, True)
    state.setValue("window/splitter", w.splitter.saveState())
    state.sync()


def waiting_text(w) -> str:
    waiting, longest_days, stale = w.model.waiting_summary()
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
        limit = w.model.stale_days
        text += f" · <span style='color:#c25e00'><b>{stale} for more than {limit} days</b></span>"
    return text


def show_view(w, index: int) -> None:
    w.views.setTabVisible(index, True)
    w.views.setCurrentIndex(index)


def fit_toolbar(w) -> None:
    """Below 1280 px the toolbar shows icons (their names on hover): nothing falls into its
    overflow menu at 1024 px."""
    style = Qt.ToolButtonTextBesideIcon if w.width() >= 1280 else Qt.ToolButtonIconOnly
    if w.toolbar.toolButtonStyle() != style:
        w.toolbar.setToolButtonStyle(style)


# Shorter names for the views, when the full ones would not fit beside each other (at
# 1024 px with three-figure counts): never cut off; the full name on hover. Scroll buttons
# are the last resort, for counts in the tens of thousands.
_SHORTER = (
    {"Waiting for a message": "Waiting", "Files to check": "Files"},
    {
        "Waiting for a message": "Waiting",
        "Files to check": "Files",
        "To review": "Review",
        "Shortlisted": "Shortlist",
    },
)


def fit_tabs(w) -> None:
    """The views' names with their counts; shorter names when the full ones would not fit."""
    counts = getattr(w, "view_counts", None)
    if counts is None:
        return
    titles = [title for title, _ in VIEWS] + ["Files to check"]
    bar = w.views
    for names in ({}, *_SHORTER):
        for index, (title, n) in enumerate(zip(titles, counts, strict=True)):
            shown = names.get(title, title)
            bar.setTabText(index, f"{shown} ({n:,})")
            if index < len(VIEWS):  # Files to check keeps its own tooltip: what the view holds
                bar.setTabToolTip(index, f"{title} ({n:,})" if shown != title else "")
        width = sum(bar.tabSizeHint(i).width() for i in range(bar.count()) if bar.isTabVisible(i))
        if width <= bar.width():
            return


def elide_transport(w) -> None:
    """Where messages go, on the status bar's right: at most 45 % of the window, a long
    folder by its own name (the whole on hover), so the status messages keep room."""
    text = getattr(w, "transport_text", "")
    room = max(200, w.width() * 45 // 100)
    metrics = w.transport_label.fontMetrics()
    if metrics.horizontalAdvance(text) > room:  # the folder's own name, then elided
        text_short = getattr(w, "transport_short", text)
        shown = metrics.elidedText(text_short, Qt.ElideMiddle, room)
    else:
        shown = text
    w.transport_label.setText(shown)
    w.transport_label.setToolTip(text if shown != text else "")


def keep_in_view(w, change) -> None:
    """Run ``change`` (the rows put in a new order) without moving the person the recruiter
    is looking at: they stay the current row, at the same height in the list."""
    table = w.table
    before = table.currentIndex()
    y = table.rowViewportPosition(before.row()) if before.isValid() else None
    change()
    after = table.currentIndex()
    if y is None or not after.isValid():
        return
    moved = table.rowViewportPosition(after.row()) - y
    if table.verticalScrollMode() == QAbstractItemView.ScrollPerItem:
        moved = round(moved / max(1, table.rowHeight(after.row())))
    bar = table.verticalScrollBar()
    bar.setValue(bar.value() + moved)


def update_state(w) -> None:
    """The welcome page or the list, the views' counts, the waiting banner."""
    from review import people as P

    importing = w.imports.running
    welcome = not (w.job or importing or P.count(w.store))
    w.stack.setCurrentWidget(w.welcome if welcome else w.table)
    w.pane.setVisible(not welcome)
    counts, files = w.model.count_by_status()
    w.view_counts = [
        sum(counts.values()) + files
        if statuses is None
        else sum(counts.get(s, 0) for s in statuses)
        for _title, statuses in VIEWS
    ] + [files]
    w.views.setTabVisible(len(VIEWS), bool(files) or w.views.currentIndex() == len(VIEWS))
    fit_tabs(w)
    w.empty_note.refresh()
    if w.job is None:
        w.waiting.setText("")
        w.waiting.hide()
        return
    w.waiting.show()
    w.waiting.setText(waiting_text(w))
