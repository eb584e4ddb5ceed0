"""The job on screen: choosing it, ranking its people (live, and in the background after
an import), editing its criteria, blind review."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.tasks import Task
from review.db import Store
from review.jobs import Job, list_jobs, resolve_job, set_blind, update_spec
from review.people import found_by_hidden
from review.ranking import Ranker
from review.search import search_people


def _rank_in_background(report, cancelled, db_path: str, job: Job):
    """Rank a job on a fresh (reading) connection: the matches come back to the window's ranker."""
    with Store(db_path) as store:
        ranker = Ranker(store, job)
        ranked = ranker.rank()
        people, dense = ranker.matches()
        return ranked, people, dense


class JobView(QObject):
    """Sets the window's ``job`` and ``ranker`` and keeps the table ranked."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.rank_task: Task | None = None

    def load_jobs(self, select: int | None = None) -> None:
        w = self.window
        jobs = list_jobs(w.store)
        current = select or (w.job.id if w.job else None)
        w.job_picker.blockSignals(True)
        w.job_picker.clear()
        for job in jobs:
            w.job_picker.addItem(f"{job.title}  ({job.people})", job.id)
        w.job_picker.blockSignals(False)
        if jobs:
            index = next((i for i, j in enumerate(jobs) if j.id == current), 0)
            w.job_picker.setCurrentIndex(index)
            self.set_job(jobs[index].id)
        else:
            self.set_job(None)

    def load_counts(self) -> None:
        w = self.window
        for job in list_jobs(w.store):
            index = w.job_picker.findData(job.id)
            if index >= 0:
                w.job_picker.setItemText(index, f"{job.title}  ({job.people})")

    def picked(self, index: int) -> None:
        if index >= 0:
            self.set_job(self.window.job_picker.itemData(index))

    def set_job(self, job_id: int | None) -> None:
        w = self.window
        if job_id is None:
            w.job, w.ranker = None, None
            w.model.load(None)
            w.pane.clear()
            w.update_state()
            w.loop.job_opened()
            return
        w.job = resolve_job(w.store, job_id)
        w.ranker = Ranker(w.store, w.job)
        w.model.load(job_id)
        blind = w.job.blind
        w.model.set_blind(blind)
        w.act_blind.setChecked(blind)
        w.editor.load(w.job.title, w.job.spec)
        w.editor_dock.setWindowTitle(f"Criteria — {w.job.title}")
        w.act_edit_job.setText("Edit job criteria")  # the dock's title must not rename the action
        self.rerank()
        self.load_counts()
        w.update_state()
        if w.model.rowCount():
            w.select_row(0, automatic=True)
        else:
            w.pane.clear()
        w.show_current()
        w.loop.job_opened()  # people who asked to hear about roles like it

    def rerank(self) -> None:
        w = self.window
        if w.ranker is None:
            return
        w.model.apply_ranking(w.ranker.rank())
        w.ranked.emit()

    def rerank_in_background(self) -> None:
        w = self.window
        if w.job is None:
            return
        db = str(w.store.path)
        task = Task(_rank_in_background, db, w.job, name="rank", parent=self)
        task.done.connect(self._ranked_in_background)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Ranking"))
        self.rank_task = task.start()

    def _ranked_in_background(self, result) -> None:
        w = self.window
        ranked, people, aggs = result
        if w.ranker is None:
            return
        w.ranker.install(people, aggs)
        w.model.apply_ranking(ranked)
        if w.selection_automatic and w.model.rowCount():
            # Nobody chose the person on screen: after ranking, the best match is first.
            w.select_row(0, automatic=True)
        w.ensure_selection()
        w.show_current()
        w.update_state()
        w.ranked.emit()

    def spec_changed(self, spec: dict) -> None:
        """Live: every edit of the criteria re-ranks at once (matches are cached per criterion)."""
        w = self.window
        if w.job is None:
            return
        w.writer.run(update_spec, w.job.id, spec, w.actor)
        w.job.spec = spec
        w.ranker.set_spec(spec)
        self.rerank()
        w.show_current()

    def search(self, query: str) -> set[int]:
        """People whose words hold the query; while blind, none found only by what blind review
        hides of them (their name, contacts, links, location — in the record or the resume)."""
        model, store = self.window.model, self.window.store
        ids = set(search_people(store, query))
        if model.blind:
            hidden = {
                r.person for r in model.rows if r.person in ids and model.is_hidden_identity(r)
            }
            ids -= found_by_hidden(store, hidden, query)
        return ids

    def toggle_blind(self, checked: bool) -> None:
        w = self.window
        if w.job is None:
            return
        w.writer.run(set_blind, w.job.id, checked, w.actor)
        w.job.blind = checked
        w.model.set_blind(checked)
        w.show_current()

    def tasks(self) -> list[Task]:
        return [self.rank_task] if self.rank_task is not None else []
