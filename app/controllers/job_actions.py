"""What the recruiter does with a whole job: a new one, closing it, the hiring manager's
export and answers, the talent pool, follow-ups."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.errors import ask, warn
from app.tasks import Task, read_task
from review.gate import GateRefused, close_job
from review.jobs import create_job
from review.relationship import add_to_job, pool_suggestions
from review.status import ON_THE_LIST


class JobActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.followups_dialog = None
        self.last_export: Path | None = None
        self.export_problem = None  # the warning shown when an export could not be written
        self.answers_problem = None  # the warning about a manager's CSV
        self.pool_task: Task | None = None
        self.export_task: Task | None = None

    # --- a new job, a closed one ----------------------------------------------------------

    def new_job(self) -> None:
        from app.relationship_dialogs import NewJobDialog

        w = self.window
        dialog = NewJobDialog(w)
        accepted = dialog.exec()
        w.focus_table()
        if not accepted:
            return
        taxonomy = w.ranker.taxonomy if w.ranker else _taxonomy()
        title, description, spec = dialog.spec(taxonomy)
        w.writer.run(create_job, title, description, spec, w.actor, success=self._created)

    def _created(self, job_id: int) -> None:
        w = self.window
        w.load_jobs(select=job_id)
        w.editor_dock.show()
        self.show_pool(quiet=True)

    def close_job(self) -> None:
        w = self.window
        if w.job is None:
            return
        title = w.job.title

        def closed(_none) -> None:
            w.statusBar().showMessage(f"{title} is closed.", 6000)
            w.load_jobs()

        w.writer.run(close_job, w.job.id, w.actor, success=closed, failure=self._not_closed)

    def _not_closed(self, exc: BaseException, text: str) -> None:
        w = self.window
        if not isinstance(exc, GateRefused):
            w.report_failure(exc, text, "Closing the job")
            return
        remaining = [r for r in w.model.rows if r.status in ON_THE_LIST]
        answer = ask(  # plain text: the reason names people
            w,
            "Close this job",
            exc.reasons[0] + "\n\nOpen the let-go queue for the people still on the list now? "
            "Each gets their own note and message.",
        )
        if answer and remaining:
            w.gate.open(remaining)
        else:
            w.focus_table()

    # --- hiring managers --------------------------------------------------------------------

    def export_shortlist(self) -> None:
        from app.exporting import export_target
        from app.relationship_dialogs import ExportDialog
        from review.exports import build_shortlist

        w = self.window
        if w.job is None:
            return
        dialog = ExportDialog(w.job.title, w.job.blind, w)
        accepted = dialog.exec()
        w.focus_table()
        if not accepted:
            return
        choice = dialog.choice()
        safe = "".join(ch if ch.isalnum() else "-" for ch in w.job.title).strip("-").lower()
        blind = "-blind" if choice["blind"] else ""
        suggested = str(Path.home() / f"shortlist-{safe}{blind}.{choice['fmt']}")
        path, _ = QFileDialog.getSaveFileName(w, "Export the shortlist", suggested)
        if not path:
            return
        try:
            target = export_target(w.job, choice["fmt"], path, choice["blind"])
        except OSError as exc:  # review.written.WriteFailed: the file and why
            self.export_problem = warn(w, "Export the shortlist", str(exc))
            return
        # Ranked and gathered in the background (a ranking of the whole job), then written.
        build = partial(
            build_shortlist,
            include=choice["include"],
            blind=choice["blind"],
            reviewer=w.actor,
            summary=choice.get("summary", False),  # did everyone hear back: for the managers
        )
        w.statusBar().showMessage("Preparing the shortlist…")
        job = w.job
        task = read_task(w.store.path, build, job, name="export", parent=self)
        task.done.connect(lambda shortlist: self._write_export(shortlist, job, choice, target))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "The export"))
        self.export_task = task.start()

    def _write_export(self, shortlist, job, choice: dict, target: Path) -> None:
        from app.exporting import write_shortlist

        w = self.window
        try:
            out, count = write_shortlist(
                shortlist,
                job,
                choice["fmt"],
                target,
                page=choice["page"],
                write=w.writer.run,  # the record of the export, on the one writer
            )
        except OSError as exc:  # review.written.WriteFailed: the file and why; nothing left behind
            self.export_problem = warn(w, "Export the shortlist", str(exc))
            return
        w.statusBar().showMessage(f"Exported {count} people to {out}.", 10000)
        self.last_export = out

    def import_manager_answers(self) -> None:
        from review.exports import import_decisions

        w = self.window
        if w.job is None:
            return
        where = str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            w, "The manager's answers (CSV)", where, "CSV (*.csv)"
        )
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.answers_problem = warn(w, "Import the manager's answers", f"{path}: {exc}")
            return
        w.writer.run(
            import_decisions, w.job, text, w.actor, Path(path).name, success=self._answers_read
        )

    def _answers_read(self, result) -> None:
        w = self.window
        message = f"Read {len(result.applied)} answer(s) from the manager."
        if any(d == "no" for _, d in result.applied):
            message += (
                " A 'no' is a suggestion: letting someone go still takes a note and a message."
            )
        if result.problems:
            problems = "\n".join(result.problems[:12])
            # The problems quote the CSV's cells: plain text.
            self.answers_problem = warn(
                w, "Import the manager's answers", f"{message}\n\n{problems}"
            )
        else:
            w.statusBar().showMessage(message, 10000)
        w.show_current()

    # --- the relationship ------------------------------------------------------------------

    def show_pool(self, quiet: bool = False) -> None:
        """People you already know who fit this job: ranked over everyone in the background,
        then offered (Job → New job does this at once, quietly when nobody fits)."""
        w = self.window
        if w.job is None:
            return
        job = w.job
        if not quiet:
            w.statusBar().showMessage("Looking for people you already know who fit…")
        task = read_task(w.store.path, pool_suggestions, job, name="pool", parent=self)
        task.done.connect(lambda found: self._pool_found(job.id, job.title, found, quiet))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "The talent pool"))
        self.pool_task = task.start()

    def _pool_found(self, job_id: int, title: str, suggestions, quiet: bool) -> None:
        from app.relationship_dialogs import PoolDialog

        w = self.window
        w.statusBar().clearMessage()
        if w.job is None or w.job.id != job_id:
            return  # another job is on screen now: its own pool is asked for there
        if not suggestions:
            if not quiet:
                w.statusBar().showMessage(
                    "Nobody in your talent pool fits this job well yet.", 6000
                )
            return
        dialog = PoolDialog(title, suggestions, w)
        accepted = dialog.exec()
        w.focus_table()
        if accepted:

            def added(count: int) -> None:
                w.job_view.set_job(job_id)
                w.statusBar().showMessage(f"Added {count} people you already know.", 6000)

            w.writer.run(add_to_job, dialog.chosen(), job_id, w.actor, success=added)

    def tasks(self) -> list[Task]:
        return [t for t in (self.pool_task, self.export_task) if t is not None]

    def show_followups(self) -> None:
        from app.relationship_dialogs import FollowupsDialog

        w = self.window
        self.followups_dialog = FollowupsDialog(w.store, w.writer, w.actor, w)
        self.followups_dialog.finished.connect(lambda _r: w.focus_table())
        self.followups_dialog.open()


def _taxonomy():
    from parsing.taxonomy import load_taxonomy

    return load_taxonomy()
