"""Opening the database, with any update of its schema run in the background.

A new version of Shortlist may need to update the database: a new table, or an index
built from every stored resume (the term index: 8–13 s at 10,000 people). The update runs
on a connection of its own in a background task, while a progress dialog says how far it
is and the event loop keeps turning; the window opens when it is done. A backup copy is
offered first. Each step is one transaction: an update cut short (the app closed, the
machine off) is rolled back whole and runs again at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.tasks import Task
from review.db import Store, StoreError

SHOW_AFTER_MS = 400  # a quick update (a new database) passes without a dialog


def open_database(path: Path, parent: QWidget | None = None) -> Store | None:
    """The database at ``path``, up to date; None if the recruiter chose not to update it.

    Raises StoreError when it cannot be opened or updated (the message says why)."""
    store = Store(path, migrate=False)
    try:
        pending = store.pending_migrations()
        if not pending:
            return store
        backup_to = None
        if store.schema_version > 0:
            box = QMessageBox(
                QMessageBox.Question,
                "Update the database",
                f"This version of Shortlist needs to update {path.name} (schema "
                f"{store.schema_version} → {pending[-1]}). Make a backup copy first?",
                QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel,
                parent,
            )
            box.setTextFormat(Qt.PlainText)  # it names a file: never read as markup
            answer = box.exec()
            if answer == QMessageBox.Cancel:
                store.close()
                return None
            if answer == QMessageBox.Yes:
                backup_to = _free_name(path.with_name(f"{path.stem}-before-v{pending[-1]}.db"))
        migrate_in_background(store, backup_to, parent)
    except BaseException:
        store.close()
        raise
    return store


def _free_name(path: Path) -> Path:
    """``path``, or ``name-2.db``, ``name-3.db``… when a backup of that name exists already."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _migrate(report, cancelled, db_path: str, backup_to: str | None) -> list[int]:
    """The update, on its own connection (never the UI thread's)."""
    from review.backup import backup

    with Store(db_path, migrate=False) as store:
        if backup_to:
            report(("Making a backup copy…", 0.0))
            backup(store, backup_to)
        return store.migrate(progress=lambda done: report(("Updating the database…", done)))


def migrate_in_background(
    store: Store, backup_to: Path | None = None, parent: QWidget | None = None
) -> list[int]:
    """Run ``store``'s pending migrations in a background task and wait for them with the
    event loop turning (a progress dialog shows after a moment). Returns the versions
    applied; raises StoreError if the update failed."""
    if str(store.path) == ":memory:":
        return store.migrate()  # a second connection would see another, empty database
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle("Shortlist")
    dialog.setLabelText("Updating the database…")
    dialog.setCancelButton(None)  # each step is one transaction: nothing to cancel half-way
    dialog.setRange(0, 1000)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setWindowModality(Qt.ApplicationModal)
    dialog.setAutoClose(False)
    outcome: dict = {}
    task = Task(_migrate, str(store.path), str(backup_to) if backup_to else None, name="migrate")

    def progress(state) -> None:
        text, done = state
        dialog.setLabelText(
            f"{text}\nShortlist opens as soon as this is done.\n"
            "If it is interrupted, it starts again next time: nothing is lost."
        )
        dialog.setValue(int(done * 999))

    task.progress.connect(progress)
    task.done.connect(lambda applied: outcome.setdefault("applied", applied))
    task.failed.connect(lambda exc, text: outcome.setdefault("failed", exc))
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    dialog.setValue(0)  # starts the dialog's clock: shown only if the update takes a while
    task.start()
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    failure = outcome.get("failed")
    if failure is not None:
        if isinstance(failure, StoreError):
            raise failure
        raise StoreError(f"could not update the database {store.path}: {failure}") from failure
    return outcome.get("applied", [])
