"""The people table: a model over a job's applications, fast at 10,000 rows.

The model holds one compact row per application (ids, score, status, the
name for sorting) and fetches the rest of a row (title, location) lazily, a
page at a time, only when the row is painted. Sorting and filtering happen
on Python lists inside the model — a QSortFilterProxyModel over 10,000 rows
costs seconds per sort (design.md) — and every change is a layout change,
never a reset, so the selection stays put.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication

from app.people_rows import Row, fetch_rows, timestamp
from app.score_delegate import ADVICE_BRUSHES, ADVICE_BRUSHES_DARK, is_dark, outcome_label
from review.people import pseudonym, titles_and_locations
from review.status import LABELS, NEW, PAST_SCREENING

COLUMNS = (
    "#",
    "Name",
    "Score",
    "Advice",
    "Top matches",
    "Current title",
    "Years",
    "Status",
    "Waiting",
)
COL_RANK, COL_NAME, COL_SCORE, COL_ADVICE, COL_TOP, COL_TITLE, COL_YEARS, COL_STATUS, COL_WAIT = (
    range(9)
)
PAGE = 100
REVEALED = frozenset(PAST_SCREENING)


class PeopleModel(QAbstractTableModel):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.job_id: int | None = None
        self.rows: list[Row] = []
        self.visible: list[int] = []  # indexes into self.rows, in display order
        self._by_person: dict[int, int] = {}
        self._details: dict[int, tuple] = {}  # person -> (title, location), fetched lazily
        self.statuses: set[str] | None = {NEW}
        # Files that could not be read: None shows them with everyone, True only them (the
        # "Files to check" view), False never (the status views: they are not people to triage).
        self.files: bool | None = False
        self.search_ids: set[int] | None = None
        self.blind = False
        self.stale_days = 7
        self.sort_column = COL_RANK
        self.sort_order = Qt.AscendingOrder
        self.now = datetime.now(UTC)
        self.detail_fetches = 0  # pages fetched (tests check the laziness)
        self._rank_keys: list[int] | None = None  # rows' sort keys by rank, kept until ranks change
        self._initials: dict[bool, list[str]] = {}  # blind? -> each row's displayed initial, folded
        self.loading = False  # cleared for a job whose rows are being read (load follows)

    # --- loading --------------------------------------------------------------

    def load(self, job_id: int | None, rows: list[Row] | None = None) -> None:
        """All applications of a job, compactly (no text, no details): ``rows`` read off the UI
        thread (:func:`fetch_rows`), or read here. After :meth:`clear` for the same job, people
        who arrived in between (an import under way) keep their rows."""
        if rows is None:
            rows = fetch_rows(self.store, job_id)
        if self.loading and job_id == self.job_id:
            known = {r.person for r in rows}
            rows = rows + [r for r in self.rows if r.person not in known]
        self.loading = False
        self.job_id = job_id
        self.beginResetModel()
        self.rows = rows
        self._by_person = {r.person: i for i, r in enumerate(rows)}
        self._details.clear()
        self._rows_changed()
        self.now = datetime.now(UTC)
        self._refilter()
        self.endResetModel()

    def clear(self, job_id: int | None) -> None:
        """No rows while a job's rows are read elsewhere (:meth:`load` follows)."""
        self.load(job_id, [])
        self.loading = True

    def add_people(self, person_ids: list[int]) -> None:
        """Rows for people who just arrived (an import in progress), appended without a reset."""
        new = [pid for pid in person_ids if pid not in self._by_person]
        if not new or self.job_id is None:
            return
        fresh = fetch_rows(self.store, self.job_id, new)
        if not fresh:
            return
        if self.sort_column == COL_RANK and self.sort_order == Qt.AscendingOrder:
            # In rank order, newcomers (not ranked yet) go at the end: an insert, not a re-sort.
            shown = [
                row
                for row in fresh
                if (self.statuses is None or row.status in self.statuses)
                and (self.search_ids is None or row.person in self.search_ids)
            ]
            for row in fresh:
                self._by_person[row.person] = len(self.rows)
                row.rank = len(self.rows) + 1
                self.rows.append(row)
            self._rows_changed()
            if shown:
                first = len(self.visible)
                self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
                self.visible.extend(self._by_person[row.person] for row in shown)
                self.endInsertRows()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self._remember()
        for row in fresh:
            self._by_person[row.person] = len(self.rows)
            row.rank = len(self.rows) + 1
            self.rows.append(row)
        self._rows_changed()
        self._refilter()
        self._restore(persistent)
        self.layoutChanged.emit()

    def apply_ranking(self, ranked) -> None:
        """Scores from the matching core (``Ranked`` rows), best first."""
        self.layoutAboutToBeChanged.emit()
        persistent = self._remember()
        for position, r in enumerate(ranked, start=1):
            i = self._by_person.get(r.person)
            if i is None:
                continue
            row = self.rows[i]
            row.score, row.advice, row.top = r.total, r.recommendation, r.top
            row.missing, row.rank = r.missing_must_haves, position
        self._rows_changed()
        self._refilter()
        self._restore(persistent)
        self.layoutChanged.emit()

    def _remember(self):
        """The persistent indexes (the selection, the current row) and whose rows they point at."""
        old = self.persistentIndexList()
        people = [
            self.rows[self.visible[i.row()]].person
            if i.isValid() and i.row() < len(self.visible)
            else None
            for i in old
        ]
        return old, people

    def _restore(self, remembered) -> None:
        old, people = remembered
        if not old:
            return
        if len(old) <= 64:
            # Usually the current row and a small selection: a few scans beat a dict of every row.
            position = {}
            for pid in set(people) - {None}:
                try:
                    position[pid] = self.visible.index(self._by_person[pid])
                except ValueError:
                    pass  # filtered out: its indexes become invalid
        else:
            position = {self.rows[v].person: n for n, v in enumerate(self.visible)}
        new = [
            self.index(position[pid], index.column()) if pid in position else QModelIndex()
            for index, pid in zip(old, people, strict=True)
        ]
        self.changePersistentIndexList(old, new)

    def _rows_changed(self) -> None:
        """Rows were added or re-ranked: drop what was derived from them."""
        self._rank_keys = None
        self._initials.clear()

    # --- filtering and sorting -----------------------------------------------

    def _refilter(self) -> None:
        statuses, ids, rows, files = self.statuses, self.search_ids, self.rows, self.files
        if ids is not None:
            # A search: walk the hits, not every row (order comes from the sort).
            found = (self._by_person.get(pid) for pid in ids)
            self.visible = [
                i
                for i in found
                if i is not None and (statuses is None or rows[i].status in statuses)
            ]
            self.visible.sort()  # row order first, so ties keep the same order as without a search
        elif statuses is None:
            self.visible = list(range(len(rows)))
        else:
            self.visible = [i for i, r in enumerate(rows) if r.status in statuses]
        if files is not None:
            self.visible = [i for i in self.visible if (rows[i].outcome != "ok") == files]
        self._sort()

    def people_with_initial(self, letter: str) -> set[int]:
        """People whose shown name (their pseudonym in blind mode) starts with a letter,
        case-folded."""
        initials = self._initials.get(self.blind)
        if initials is None:
            initials = [self.display_name(r)[:1].casefold() for r in self.rows]
            self._initials[self.blind] = initials
        letter = letter.casefold()
        return {self.rows[i].person for i, first in enumerate(initials) if first == letter}

    def _sort(self) -> None:
        reverse = self.sort_order == Qt.DescendingOrder
        if self.sort_column == COL_RANK:
            if self._rank_keys is None:
                self._rank_keys = [r.rank or 10**9 for r in self.rows]
            self.visible.sort(key=self._rank_keys.__getitem__, reverse=reverse)
            return
        key = {
            COL_SCORE: lambda i: -(self.rows[i].score or 0.0),
            COL_NAME: lambda i: (self.display_name(self.rows[i]) or "").casefold(),
            COL_ADVICE: lambda i: (
                ("strong", "possible", "unlikely").index(self.rows[i].advice)
                if self.rows[i].advice in ("strong", "possible", "unlikely")
                else 3
            ),
            COL_YEARS: lambda i: -(self.rows[i].years or -1),
            COL_STATUS: lambda i: self.rows[i].status,
            COL_WAIT: lambda i: self.rows[i].created_at,
            COL_TOP: lambda i: ", ".join(self.rows[i].top),
            COL_TITLE: lambda i: self.rows[i].rank,  # titles are fetched lazily: sort by rank
        }[self.sort_column]
        self.visible.sort(key=key, reverse=reverse)

    def set_filter(
        self,
        statuses: set[str] | None = None,
        search_ids: set[int] | None = None,
        *,
        keep_statuses: bool = False,
        keep_search: bool = False,
        files: bool | str | None = "keep",
    ) -> None:
        self.layoutAboutToBeChanged.emit()
        remembered = self._remember()
        if files != "keep":
            self.files = files
        if not keep_statuses:
            self.statuses = statuses
        if not keep_search:
            self.search_ids = search_ids
        self._refilter()
        self._restore(remembered)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        remembered = self._remember()
        self.sort_column, self.sort_order = column, order
        self._sort()
        self._restore(remembered)
        self.layoutChanged.emit()

    def set_blind(self, blind: bool) -> None:
        self.blind = blind
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, COL_NAME), self.index(self.rowCount() - 1, COL_TITLE)
            )

    # --- access ------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self.rows[self.visible[row]]

    def row_for_person(self, person_id: int) -> Row | None:
        """A person's row, shown or filtered out."""
        i = self._by_person.get(person_id)
        return None if i is None else self.rows[i]

    def row_of_person(self, person_id: int) -> int | None:
        i = self._by_person.get(person_id)
        if i is None:
            return None
        try:
            return self.visible.index(i)
        except ValueError:
            return None

    def set_status(self, person_id: int, status: str) -> None:
        i = self._by_person.get(person_id)
        if i is not None:
            self.rows[i].status = status
            self._changed(person_id)

    def refresh_person(self, person_id: int) -> None:
        """Their fields were corrected: the name and the title shown again from the store."""
        i = self._by_person.get(person_id)
        fresh = fetch_rows(self.store, self.job_id, [person_id]) if i is not None else []
        if fresh:
            self.rows[i].name = fresh[0].name
            self._details.pop(person_id, None)
            self._changed(person_id)

    def _changed(self, person_id: int) -> None:
        self._initials.clear()  # a status may reveal them (blind review), a correction rename
        row = self.row_of_person(person_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def count_by_status(self) -> tuple[dict[str, int], int]:
        """People by status, and the files that could not be read (counted apart)."""
        counts: dict[str, int] = {}
        files = 0
        for r in self.rows:
            if r.outcome != "ok":
                files += 1
                continue
            counts[r.status] = counts.get(r.status, 0) + 1
        return counts, files

    def is_hidden_identity(self, row: Row) -> bool:
        return self.blind and row.status not in REVEALED

    def display_name(self, row: Row) -> str:
        if self.is_hidden_identity(row):
            return pseudonym(row.person, self.job_id or 0)
        return row.name or f"({row.file})"

    def waited(self, row: Row) -> float | None:
        if row.status != NEW:
            return None
        return max(0.0, (self._now_ts - timestamp(row)) / 86400)

    def waiting_summary(self) -> tuple[int, float, int]:
        """(people waiting for a first decision, the longest wait in days, how many past the stale
        limit)."""
        cutoff = self._now_ts - self.stale_days * 86400
        stamps = [timestamp(r) for r in self.rows if r.status == NEW and r.outcome == "ok"]
        if not stamps:
            return 0, 0.0, 0
        return (
            len(stamps),
            max(0.0, (self._now_ts - min(stamps)) / 86400),
            sum(1 for t in stamps if t < cutoff),
        )

    @property
    def _now_ts(self) -> float:
        return self.now.timestamp()

    def _detail(self, row_number: int) -> tuple:
        row = self.row_at(row_number)
        found = self._details.get(row.person)
        if found is not None:
            return found
        # Fetch the page of visible rows around this one in one query.
        start = (row_number // PAGE) * PAGE
        page = [self.row_at(n).person for n in range(start, min(start + PAGE, len(self.visible)))]
        for pid, title, location in titles_and_locations(self.store, page):
            self._details[pid] = (title, location)
        self.detail_fetches += 1
        return self._details.get(row.person, (None, None))

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.visible)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return {
                COL_SCORE: "How well the resume meets the job's criteria (0-100). Advice only: "
                "nobody is dropped by a score.",
                COL_ADVICE: "The matching core's advice, with its reasons in the person pane.",
                COL_WAIT: "How long a person has waited for a first decision.",
            }.get(section)
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        # Called about a thousand times per paint: roles are compared as plain
        # ints (comparing PySide enums costs a microsecond each) and every role
        # this model does not answer returns at once.
        role = role if isinstance(role, int) else role.value
        if role not in _ANSWERED or not index.isValid() or index.row() >= len(self.visible):
            return None
        row = self.rows[self.visible[index.row()]]
        col = index.column()
        if role == _DISPLAY:
            return self._display(row, col, index.row())
        if role == _USER:
            if col == COL_SCORE:
                return None if row.outcome != "ok" else row.score
            return row.person
        if role == _ADVICE_ROLE:
            return row.advice
        if col == COL_WAIT:
            days = self.waited(row)
            stale = days is not None and days > self.stale_days
            if role == _FONT:
                return _BOLD if stale else None
            if role == _BACKGROUND:
                return _STALE_BRUSH if stale else None
            if role == _TOOLTIP and days is not None:
                tail = (
                    " — longer than your limit; they are waiting to hear from you" if stale else ""
                )
                return f"Waiting {days:.1f} days for a first decision{tail}"
            return None
        if role == _FOREGROUND:
            if col != COL_ADVICE:
                return None
            dark = is_dark(QApplication.palette())
            return (ADVICE_BRUSHES_DARK if dark else ADVICE_BRUSHES).get(row.advice)
        if role == _ALIGN:
            return _RIGHT if col in (COL_RANK, COL_SCORE, COL_YEARS) else None
        if role == _TOOLTIP:
            if col == COL_ADVICE and row.missing:
                return "Missing must-have: " + ", ".join(row.missing)
            if col == COL_STATUS and row.outcome != "ok":
                what = outcome_label(row.outcome)
                return f"The file could not be read cleanly ({what}): open the original"
            if col == COL_SCORE and row.score is None:
                return "Being ranked: the score appears in a moment"
            return None
        if role == _ACCESSIBLE and col == COL_SCORE:
            return "being ranked" if row.score is None else f"score {row.score:.0f} of 100"
        return None

    def _display(self, row: Row, col: int, number: int):
        if col == COL_RANK:
            return row.rank or ""
        if col == COL_NAME:
            return self.display_name(row)
        if col == COL_SCORE:
            if row.outcome != "ok":
                return "—"
            return "…" if row.score is None else f"{row.score:.0f}"
        if col == COL_ADVICE:
            return "—" if row.outcome != "ok" else row.advice or "…"
        if col == COL_TOP:
            return ", ".join(row.top) if row.top else "—"
        if col == COL_TITLE:
            return self._detail(number)[0] or "—"
        if col == COL_YEARS:
            return f"{row.years:g}" if row.years is not None else "—"
        if col == COL_STATUS:
            label = LABELS.get(row.status, row.status)
            return outcome_label(row.outcome) if row.outcome != "ok" else label
        if col == COL_WAIT:
            days = self.waited(row)
            if days is None:
                return ""
            return "today" if days < 1 else f"{days:.0f} day{'s' if days >= 1.5 else ''}"
        return None


_DISPLAY, _USER = Qt.DisplayRole.value, Qt.UserRole.value
_FONT, _BACKGROUND, _FOREGROUND = (
    Qt.FontRole.value,
    Qt.BackgroundRole.value,
    Qt.ForegroundRole.value,
)
_TOOLTIP, _ALIGN, _ACCESSIBLE = (
    Qt.ToolTipRole.value,
    Qt.TextAlignmentRole.value,
    Qt.AccessibleTextRole.value,
)
ADVICE_ROLE = _ADVICE_ROLE = Qt.UserRole.value + 1
_ANSWERED = {_DISPLAY, _USER, _FONT, _BACKGROUND, _FOREGROUND, _TOOLTIP, _ALIGN, _ACCESSIBLE}
_ANSWERED.add(_ADVICE_ROLE)
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_BOLD = QFont()
_BOLD.setBold(True)
_STALE_BRUSH = QBrush(QColor(230, 120, 20, 60))
