"""The job on screen: choosing it, reading its people, ranking them, editing its criteria,
blind review.

The UI thread never waits here on the matching core, nor on a read longer than a frame.
Opening a job reads its people on a connection of their own (``read_task``) and ranks them
in the background (``review.ranking.rank_job``). Until the ranking arrives the table shows
the job's last order of this session, or its people as they arrived; the new order is then
swapped in without moving the person the recruiter is looking at. A ranking overtaken by a
newer request (another job, another edit of the criteria, the end of an import) is dropped,
never shown; its matches still serve the next ranking of the same job (``previous=``).
One ranking runs at a time: requests made meanwhile become one ranking after it.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QObject

from app import window_table
from app.people_rows import fetch_rows
from app.tasks import Task, read_task
from review.jobs import list_jobs, resolve_job, set_blind, update_spec
from review.people import found_by_hidden
from review.ranking import Ranker, Ranking, rank_job
from review.search import search_people

KEPT_RANKINGS = 4  # jobs whose last ranking is kept, to show at once and to rank from


def _rank(report, cancelled, db_path: str, job, previous: Ranking | None, asked: int):
    """A ranking on a connection of its own, and the request it answers."""
    from parsing.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()  # built or read once per process: here, not on the UI thread
    return asked, taxonomy, rank_job(db_path, job, previous=previous, taxonomy=taxonomy)


class JobView(QObject):
    """Sets the window's ``job`` and ``ranker`` and keeps the table ranked."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.rows_task: Task | None = None
        self.rank_task: Task | None = None
        self.opened = 0  # jobs opened: rows read for an earlier one are dropped
        self.asked = 0  # rankings asked for: an answer to an earlier request is dropped
        self.again = False  # asked while a ranking ran: rank again when it ends
        self.rankings: OrderedDict[int, Ranking] = OrderedDict()  # job id -> its last ranking
        self.waiting: Ranking | None = None  # the answer, arrived before the job's rows
        self.taxonomy = None  # known once the first ranking has loaded it
        self.dropped = 0  # rankings overtaken by a newer request (tests and the bench read it)
        self.editor_for: int | None = None  # the job the criteria panel holds
        # The first ranking, begun before the window was built (app.head_start), if any.
        self.head_start = None

    # --- the picker ---------------------------------------------------------------------

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

    # --- opening a job ------------------------------------------------------------------

    def set_job(self, job_id: int | None) -> None:
        """Show a job: its settings at once, its people when read, their order when ranked."""
        w = self.window
        self.opened += 1
        self.waiting = None
        w.pane.clear()
        if job_id is None:
            w.job, w.ranker = None, None
            w.model.load(None, [])
            w.update_state()
            w.loop.job_opened()
            return
        w.model.clear(job_id)
        w.job = resolve_job(w.store, job_id)
        w.ranker = self._ranker()
        w.model.set_blind(w.job.blind)
        w.act_blind.setChecked(w.job.blind)
        self.editor_for = None
        self.editor_shown(w.editor_dock.isVisible())
        w.editor_dock.setWindowTitle(f"Criteria — {w.job.title}")
        w.act_edit_job.setText("Edit job criteria")  # the dock's title must not rename the action
        task = read_task(w.store.path, fetch_rows, job_id, name="rows", parent=self)
        task.done.connect(lambda rows, opened=self.opened: self._rows_read(opened, job_id, rows))
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Opening the job"))
        self.rows_task = task.start()
        self.request_rank()
        self.load_counts()
        w.update_state()
        w.loop.job_opened()  # people who asked to hear about roles like it, found in the background

    def editor_shown(self, visible: bool) -> None:
        """The criteria panel holds the job on screen, filled when it is shown (a row of
        widgets per criterion: 25 ms for 45 criteria, not to be paid on every job switch)."""
        w = self.window
        if visible and w.job is not None and self.editor_for != w.job.id:
            w.editor.load(w.job.title, w.job.spec)
            self.editor_for = w.job.id

    def _ranker(self) -> Ranker | None:
        """The UI thread's Ranker (explaining one person), once the taxonomy is loaded."""
        w = self.window
        if self.taxonomy is None or w.job is None:
            return None
        return Ranker(w.store, w.job, taxonomy=self.taxonomy)

    def _rows_read(self, opened: int, job_id: int, rows) -> None:
        w = self.window
        if opened != self.opened:
            return  # another job was opened meanwhile
        w.model.load(job_id, rows)
        w.update_state()  # the views' counts, the waiting banner
        ranking, self.waiting = self.waiting, None
        if ranking is not None:
            self._show(ranking)
            return
        last = self.rankings.get(job_id)
        if last is not None:
            w.model.apply_ranking(last.ranked)  # this session's last order, until the new one
        if w.model.rowCount():
            w.select_row(0, automatic=True, pane_later=True)
        else:
            w.pane.clear()

    # --- ranking ------------------------------------------------------------------------

    def request_rank(self) -> None:
        """Rank the job on screen again, in the background; earlier requests are dropped."""
        if self.window.job is None:
            return
        self.asked += 1
        if self.rank_task is not None:
            self.again = True
            return
        self._start_rank()

    def _start_rank(self) -> None:
        w = self.window
        job = replace(w.job)  # the task keeps this one: later edits make new Job objects
        previous = self.rankings.get(job.id)
        head, self.head_start = self.head_start, None
        rank = _rank
        if head is not None:
            if head.answers(job, previous):
                rank = head.receive  # the same ranking, well on its way in another process
            else:
                head.close()
        task = Task(rank, str(w.store.path), job, previous, self.asked, name="rank", parent=self)
        task.done.connect(self._ranked)
        task.failed.connect(lambda exc, text: w.report_failure(exc, text, "Ranking"))
        task.finished.connect(self._rank_ended)
        self.rank_task = task.start()

    def _rank_ended(self) -> None:
        self.rank_task = None
        if self.again and self.window.job is not None:
            self.again = False
            self._start_rank()

    def _ranked(self, result) -> None:
        w = self.window
        asked, taxonomy, ranking = result
        self.taxonomy = taxonomy
        self.rankings[ranking.job.id] = ranking
        self.rankings.move_to_end(ranking.job.id)
        while len(self.rankings) > KEPT_RANKINGS:
            self.rankings.popitem(last=False)
        if asked != self.asked or w.job is None or ranking.job.id != w.job.id:
            self.dropped += 1  # overtaken: a newer request is on its way
            return
        if w.model.loading:
            self.waiting = ranking  # shown when the job's rows arrive
            return
        self._show(ranking)

    def _show(self, ranking: Ranking) -> None:
        w = self.window
        if w.ranker is None:
            w.ranker = self._ranker()
        w.ranker.install(ranking.people, ranking.dense)
        window_table.keep_in_view(w, lambda: w.model.apply_ranking(ranking.ranked))
        looked_at = w.current_row()
        if w.selection_automatic and w.model.rowCount():
            # Nobody chose the person on screen: after ranking, the best match is first.
            w.select_row(0, automatic=True, pane_later=True)
        w.ensure_selection()
        if w.current_row() is looked_at:
            w.pane_timer.start()  # the same person, scored anew, in a turn of its own
        w.ranked.emit()  # (the views' counts and the waiting banner do not change with a ranking)

    def rerank_in_background(self) -> None:
        """After an import: the new people ranked with the others."""
        self.request_rank()

    def idle(self) -> bool:
        """Nothing being read or ranked for the job on screen, and the pane up to date."""
        rows = self.rows_task is not None and self.rows_task.running
        pane = self.window.pane_timer.isActive()
        return not rows and not pane and self.rank_task is None and self.waiting is None

    # --- the criteria, blind review -----------------------------------------------------

    def spec_changed(self, spec: dict) -> None:
        """Every edit of the criteria: stored by the writer, ranked in the background (matches
        are kept per criterion, so only a new or changed criterion is matched again)."""
        w = self.window
        if w.job is None:
            return
        w.writer.run(update_spec, w.job.id, spec, w.actor)
        w.job = replace(w.job, spec=spec)
        if w.ranker is not None:
            w.ranker.set_spec(spec)
        self.request_rank()

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
        w.job = replace(w.job, blind=checked)
        w.model.set_blind(checked)
        w.show_current()

    def tasks(self) -> list[Task]:
        return [t for t in (self.rows_task, self.rank_task) if t is not None]
