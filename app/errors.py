"""Unhandled errors: shown in a dialog with a copyable report, logged, and the app keeps running."""

from __future__ import annotations

import html
import logging
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("shortlist")


def log_file(data_dir: Path) -> Path:
    return data_dir / "shortlist.log"


def setup_logging(data_dir: Path) -> Path:
    path = log_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(
        isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in root.handlers
    ):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return path


def report_text(exc_type, exc, tb, where: str = "") -> str:
    from PySide6 import __version__ as pyside_version

    lines = [
        f"Shortlist error report — {datetime.now().isoformat(timespec='seconds')}",
        f"Where: {where or 'the app'}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written (Qt reads one that starts with a tag as rich "
    "text)."""
    return "<span>" + html.escape(text) + "</span>" if text else ""


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question in plain text (it may quote names or file names); True for yes."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.setTextFormat(Qt.PlainText)
    return box.exec() == QMessageBox.Yes


def warn(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A problem the user can act on, in one plain sentence (never read as rich text: it may
    quote a file name or a person's data). Returns the box, shown without blocking."""
    box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


class ErrorDialog(QDialog):
    def __init__(
        self, summary: str, report: str, log_path: Path | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setAccessibleName("Error report")
        layout = QVBoxLayout(self)
        # The summary quotes an exception, which may quote a file name or a person's data:
        # escaped, never read as markup.
        where = html.escape(str(log_path)) if log_path else ""
        intro = QLabel(
            f"<b>{html.escape(summary)}</b><br>Shortlist is still running and nothing you saved is "
            "lost. If this keeps happening, copy the report below and send it to us."
            + (f"<br><small>Also written to {where}</small>" if log_path else "")
        )
        intro.setTextFormat(Qt.RichText)
        intro.setWordWrap(True)
        self.intro = intro
        intro.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(intro)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Error details")
        self.report.setMinimumSize(560, 220)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = QPushButton("Copy report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText("Copied")


class ErrorHandler(QObject):
    """Receives exceptions from any thread and shows them on the UI thread, one dialog at a time."""

    raised = Signal(str, str)

    def __init__(self, log_path: Path | None = None, database: Path | None = None):
        super().__init__()
        self.log_path = log_path
        self.database = database  # named in the sentence about a busy or damaged database
        self.raised.connect(self._show, Qt.QueuedConnection)
        self.shown: list[ErrorDialog] = []
        self._previous_hook = None
        self._previous_thread_hook = None

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type,
            args.exc_value,
            args.exc_traceback,
            f"thread {args.thread.name if args.thread else '?'}",
        )

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            threading.excepthook = self._previous_thread_hook

    def handle(self, exc_type, exc, tb, where: str = "") -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        text = report_text(exc_type, exc, tb, where)
        log.error("unhandled error\n%s", text)
        self.raised.emit(self.summary(exc)[:400], text)

    def report_failure(self, exc: BaseException, text: str, where: str) -> None:
        """For background tasks, which catch their own exceptions."""
        log.error("%s failed\n%s", where, text)
        self.raised.emit(f"{where}: {self.summary(exc)}"[:400], text)

    def summary(self, exc: BaseException) -> str:
        """The sentence the command line prints for the same failure (review.problems); only an
        error Shortlist does not expect shows its type, with the report below it."""
        from review.problems import explain

        said = explain(exc, self.database)
        if said:  # a sentence starts with a capital, unless it starts with a name (smtp.port)
            return said[:1].upper() + said[1:] if said.split(" ", 1)[0].isalpha() else said
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__

    @Slot(str, str)
    def _show(self, summary: str, text: str) -> None:
        if self.shown and self.shown[-1].isVisible():
            self.shown[-1].report.appendPlainText("\n\n" + text)
            return
        dialog = ErrorDialog(summary, text, self.log_path, QApplication.activeWindow())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.shown.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self.shown.remove(d) if d in self.shown else None
        )
        dialog.open()
