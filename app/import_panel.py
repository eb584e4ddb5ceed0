"""Import in the background: the progress panel, and the report at the end."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.errors import tooltip
from parsing.errors import Outcome


@dataclass
class ImportProgress:
    done: int
    total: int
    rate: float
    eta: float | None
    new_people: list[int] = field(default_factory=list)
    current: str = ""


def _fmt_eta(seconds: float | None) -> str:
    if seconds is None:
        return "estimating…"
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d} left"


class ImportPanel(QFrame):
    """A slim panel above the table while an import runs: done/total, files/s, ETA, Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("importPanel")
        self.setFrameShape(QFrame.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel("Importing…")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Import progress")
        self.bar.setMinimumWidth(220)
        self.detail = QLabel()
        self.detail.setMinimumWidth(260)
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel the import")
        self.cancel.clicked.connect(self._cancel)
        layout.addWidget(self.title)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, what: str) -> None:
        self.title.setTextFormat(Qt.RichText)  # ``what`` is escaped (describe_paths)
        self.title.setText(f"Importing {what}")
        self.bar.setRange(0, 0)
        self.detail.setText("looking at the files…")
        self.cancel.setEnabled(True)
        self.cancel.setText("Cancel")
        self.show()

    def update_progress(self, p: ImportProgress) -> None:
        self.bar.setRange(0, max(p.total, 1))
        self.bar.setValue(p.done)
        self.detail.setText(f"{p.done} of {p.total} · {p.rate:.1f} files/s · {_fmt_eta(p.eta)}")

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText("Stopping…")
        self.detail.setText("stopping after the files being read; everything stored is kept")
        self.cancel_requested.emit()


class ImportReportDialog(QDialog):
    """Every file that was not imported cleanly, with its reason and a way to open it."""

    def __init__(self, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.setAccessibleName("Import report")
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        counts = report.counts()
        ok = counts.get("ok", 0)
        problems = report.problems
        known = sum(1 for f in report.files if f.known)
        status = "stopped early" if report.status == "cancelled" else "finished"
        headline = (
            f"<h3>Import {status}: {len(report.files)} "
            f"file{'s' if len(report.files) != 1 else ''}, {ok} read cleanly</h3>"
        )
        lines = [headline]
        if known:
            lines.append(f"{known} were already in Shortlist and were not read again.")
        if problems:
            lines.append(
                f"<b>{len(problems)} need a look.</b> A resume that could not be read waits in "
                "the <b>Files to check</b> view (6), not among the people to review: open it, "
                "or ask the sender for another copy. Nobody is forgotten."
            )
        else:
            lines.append("Every file was read cleanly.")
        summary = QLabel("<br>".join(lines))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(problems), 3)
        self.table.setAccessibleName("Files not imported cleanly")
        self.table.setHorizontalHeaderLabels(["File", "What happened", "Why"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setWordWrap(True)
        for row, f in enumerate(sorted(problems, key=lambda f: f.source)):
            item = QTableWidgetItem(Path(f.source).name if "/" in f.source else f.source)
            item.setToolTip(tooltip(f.source))
            item.setData(Qt.UserRole, f.source)
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(Outcome(f.outcome).label))
            why = QTableWidgetItem(f.error or "")
            why.setToolTip(tooltip(f.error or ""))
            self.table.setItem(row, 2, why)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 240)
        self.table.setVisible(bool(problems))
        self.table.doubleClicked.connect(lambda index: self.open_file(index.row()))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.open_button = QPushButton("Open file")
        self.open_button.setEnabled(bool(problems))
        self.open_button.clicked.connect(lambda: self.open_file(self.table.currentRow()))
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setEnabled(bool(problems))
        self.folder_button.clicked.connect(
            lambda: self.open_file(self.table.currentRow(), folder=True)
        )
        buttons.addButton(self.open_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        if problems:
            self.table.selectRow(0)

    def source_path(self, row: int) -> Path | None:
        item = self.table.item(max(row, 0), 0)
        if item is None:
            return None
        source = item.data(Qt.UserRole)
        path = Path(source)
        # A member of a ZIP: open the archive itself.
        while not path.exists() and path.parent != path:
            path = path.parent
        return path if path.exists() else None

    def open_file(self, row: int, folder: bool = False) -> bool:
        path = self.source_path(row)
        if path is None:
            return False
        target = path.parent if folder and path.is_file() else path
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def describe_paths(paths: list[str]) -> str:
    if len(paths) == 1:
        return html.escape(Path(paths[0]).name or paths[0])
    return f"{len(paths)} items"
