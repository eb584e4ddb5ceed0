"""Imports: files dropped or chosen, progress as people arrive, the report, the demo."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.import_panel import ImportProgress, ImportReportDialog, describe_paths
from app.tasks import Task
from app.writer import Writer
from review.jobs import create_job

RESUME_FILTER = "Resumes (*.pdf *.docx *.odt *.rtf *.txt *.md *.zip);;All files (*)"
NEW_JOB_SPEC = {
    "criteria": [],
    "languages": [],
    "remote": False,
    "min_years": None,
    "location": None,
}


WORKER_NICENESS = 5


def run_import(report, cancelled, writer: Writer, paths: list[str], settings, job_id: int):
    """The import, on a background thread; each file is stored by the window's writer.

    Progress goes out at most every 150 ms, with the people stored since the
    last report, so the window adds rows in small batches. The importer and the parsing
    it brings are imported here, at the first import, not at start nor on the UI thread.
    """
    from review.importer import Importer, ImportOptions

    options = ImportOptions.from_settings(settings, job_id=job_id)
    # The workers give way to the window: without it a paint shared its core with a parser
    # and took three times as long while files poured in (bench/gui_bench.py, step 6).
    options.niceness = WORKER_NICENESS
    importer = Importer(None, options, write=writer.call)
    return importer.run(paths, progress=progress_reporter(report), cancelled=cancelled)


def progress_reporter(report):
    """The importer's progress as the window's: batches of new people, every 150 ms at most."""
    pending: list[int] = []
    last = [0.0]

    def progress(state) -> None:
        if state.last is not None and state.last.person_id is not None and not state.last.known:
            pending.append(state.last.person_id)
        now = time.monotonic()
        if now - last[0] >= 0.15 or state.done == state.total:
            last[0] = now
            source = state.last.source if state.last else ""
            report(
                ImportProgress(
                    state.done, state.total, state.rate, state.eta, list(pending), source
                )
            )
            pending.clear()

    return progress


def _make_demo(report, cancelled, folder: str) -> str:
    from app.demo import write_demo

    return str(write_demo(Path(folder)))


class Imports(QObject):
    """Starts imports and follows them; the window shows what arrives."""

    finished = Signal(object)  # the ImportReport

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.demo_task: Task | None = None
        self.last_report = None
        self.report_dialog: ImportReportDialog | None = None
        self._state_updated = 0.0  # when counts were last refreshed during an import
        self.mailbox_dialog = None  # File → Import from mailbox…, while open
        self.mailbox_problem: QMessageBox | None = None  # why a mailbox could not be read

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    # --- starting -----------------------------------------------------------------------

    def choose_files(self) -> None:
        w = self.window
        files, _ = QFileDialog.getOpenFileNames(
            w, "Import resumes", str(Path.home()), RESUME_FILTER
        )
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        w = self.window
        folder = QFileDialog.getExistingDirectory(w, "Import a folder of resumes", str(Path.home()))
        if folder:
            self.start([folder])

    def accepts(self, event) -> bool:
        """Whether a drag carries local files (folders, ZIPs, resumes)."""
        mime = event.mimeData()
        return mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())

    def dropped(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.drop(paths)

    def drop(self, paths: list[str]) -> None:
        """Saved messages that answer ours are replies (read as such, and said so); the rest is
        imported as resumes."""
        from parsing.inbox import split_drop
        from review.replies import answers_ours

        w = self.window
        replies, rest = split_drop(paths, lambda ids: answers_ours(w.store, ids))
        if replies:
            w.loop.read(replies, dropped=True)
        if rest:
            self.start(rest)

    def start(self, paths: list[str], job_id: int | None = None) -> Task | None:
        """Import in the background into a job (the current one by default); the task, or
        None when none could start now (another import runs, or a job is being made)."""
        w = self.window
        if self.running:
            w.statusBar().showMessage("An import is already running: it must finish first.", 6000)
            return None
        if job_id is None and w.job is not None:
            job_id = w.job.id
        if job_id is None:
            # Resumes imported before any job exists go to a job named for them, to edit later.
            w.writer.run(
                create_job,
                "New job",
                "",
                NEW_JOB_SPEC,
                w.actor,
                success=lambda new_id: self._start_in_new_job(paths, new_id),
            )
            return None
        task = Task(
            run_import, w.writer, list(paths), w.settings, job_id, name="import", parent=self
        )
        task.progress.connect(self._progress)
        task.done.connect(self._done)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "The import"))
        self.task = task
        w.import_panel.start(describe_paths(paths))
        if w.stack.currentWidget() is w.welcome:
            w.stack.setCurrentWidget(w.table)
        return task.start()

    def choose_mailbox(self) -> None:
        """File → Import from mailbox…: the dialog, then the import in the background."""
        from app.mailbox_dialog import MailboxDialog

        self.mailbox_dialog = MailboxDialog(self.window)
        self.mailbox_dialog.accepted.connect(
            lambda: self.start_mailbox(self.mailbox_dialog.request)
        )
        self.mailbox_dialog.open()

    def start_mailbox(self, request, job_id: int | None = None) -> Task | None:
        """A mailbox's new messages into a job (the current one, else a new one)."""
        from app.mailbox_dialog import run_mailbox_import

        w = self.window
        if self.running:
            w.statusBar().showMessage("An import is already running: it must finish first.", 6000)
            return None
        job_id = job_id if job_id is not None else (w.job.id if w.job is not None else None)
        if job_id is None:
            done = lambda new: self._mailbox_in_new_job(request, new)  # noqa: E731
            w.writer.run(create_job, "New job", "", NEW_JOB_SPEC, w.actor, success=done)
            return None
        task = Task(
            run_mailbox_import, w.writer, request, w.settings, job_id, name="import", parent=self
        )
        task.progress.connect(self._progress)
        task.done.connect(self._mailbox_done)
        task.failed.connect(self._mailbox_failed)
        self.task = task
        w.import_panel.start(request.url.split("?")[0])
        w.import_panel.detail.setText("reading the mailbox…")
        if w.stack.currentWidget() is w.welcome:
            w.stack.setCurrentWidget(w.table)
        return task.start()

    def _mailbox_in_new_job(self, request, job_id: int) -> None:
        self.window.load_jobs(select=job_id)
        self.start_mailbox(request, job_id)

    def _mailbox_done(self, result) -> None:
        done, kept = result
        self._done(done.report)
        s = done.summary
        said = (
            f"{done.address}: {s.found} message(s), {s.skipped_known} imported before, "
            f"{s.fetched + s.too_large} read; {len(done.report.people)} people. {kept}"
        )
        self.window.statusBar().showMessage(said.strip(), 15000)

    def _mailbox_failed(self, exc, text: str) -> None:
        from parsing.imap import MailboxError

        w = self.window
        if not isinstance(exc, MailboxError):
            w.report_failure(exc, text, "The import from the mailbox")
            return
        w.import_panel.hide()
        self.mailbox_problem = QMessageBox(
            QMessageBox.Warning, "Import from mailbox", f"Nothing was imported: {exc}.", parent=w
        )
        self.mailbox_problem.open()

    def _start_in_new_job(self, paths: list[str], job_id: int) -> None:
        self.window.load_jobs(select=job_id)
        self.start(paths, job_id)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # --- following ---------------------------------------------------------------------

    def _progress(self, progress: ImportProgress) -> None:
        w = self.window
        w.import_panel.update_progress(progress)
        if progress.new_people:
            w.model.add_people(progress.new_people)
            if not w.table.currentIndex().isValid():
                w.select_row(0, automatic=True)
            # Counts and the waiting banner: twice a second is enough while rows pour in.
            now = time.monotonic()
            if now - self._state_updated > 0.5:
                self._state_updated = now
                w.update_state()

    def _done(self, report) -> None:
        w = self.window
        w.import_panel.hide()
        self.last_report = report
        # Progress comes in batches; whatever the last batch missed (a cancel) arrives here.
        w.model.add_people(sorted(report.people))
        w.job_view.load_counts()
        w.job_view.rerank_in_background()
        w.update_state()
        if report.problems or report.status == "cancelled":
            self.show_report()
        else:
            w.statusBar().showMessage(
                f"Imported {len(report.files)} files, all read cleanly.", 8000
            )
        self.finished.emit(report)

    def show_report(self) -> None:
        w = self.window
        if self.last_report is None:
            w.statusBar().showMessage("No import yet in this session.", 4000)
            return
        self.report_dialog = ImportReportDialog(self.last_report, w)
        self.report_dialog.open()

    # --- the demo ----------------------------------------------------------------------

    def load_demo(self) -> None:
        """The demo job, then 200 generated resumes written in the background and imported."""
        from app.demo import ensure_demo_job

        self.window.writer.run(ensure_demo_job, success=self._demo_job_ready)

    def _demo_job_ready(self, job_id: int) -> None:
        from app.demo import demo_dir

        w = self.window
        w.load_jobs(select=job_id)
        w.import_panel.start("the demo")
        w.import_panel.detail.setText("writing 200 sample resumes…")
        task = Task(_make_demo, str(demo_dir(w.store)), name="demo", parent=self)
        task.done.connect(lambda folder: self.start([folder], job_id))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Preparing the demo"))
        self.demo_task = task.start()
        w.stack.setCurrentWidget(w.table)

    def tasks(self) -> list[Task]:
        return [t for t in (self.task, self.demo_task) if t is not None]
