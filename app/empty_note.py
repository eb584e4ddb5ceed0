"""What an empty list means, written across it: nobody applied yet (and how to add people),
nobody in this view yet, or nobody matching the search. A blank table says nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

from review.status import VIEWS


class EmptyNote(QLabel):
    def __init__(self, window) -> None:
        super().__init__(window.table.viewport())
        self.window = window
        self.setObjectName("emptyNote")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)  # a job's title or a search is the recruiter's text
        self.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.hide()
        model = window.model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        model.layoutChanged.connect(self.refresh)
        window.views.currentChanged.connect(self.refresh)
        window.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def text_for(self) -> str | None:
        """The words for an empty list, or None when it has rows (or there is no job)."""
        w = self.window
        if getattr(w, "job", None) is None or w.model.rowCount():
            return None
        query = w.search.text().strip()
        if query:
            return f"Nobody here matches “{query}”. Escape clears the search."
        counts = getattr(w, "view_counts", None)
        everyone = counts[len(VIEWS) - 1] if counts else 0  # the All view
        if not everyone:
            return (
                f"Nobody has applied to {w.job.title} yet.\n\nDrop resumes, a folder or a ZIP "
                "here, or choose File → Import files… (Ctrl+I)."
            )
        index = w.views.currentIndex()
        view = VIEWS[index][0] if index < len(VIEWS) else "Files to check"
        return f"Nobody is in {view} yet. All ({everyone}) shows everyone on this job."

    def refresh(self, *_args) -> None:
        text = self.text_for()
        if text is None:
            self.hide()
            return
        self.setText(text)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
