"""The first job ranked in a process of its own while the window is being built (Linux).

A start is CPU-bound under one interpreter lock: the domain core, Qt, the window, then
the first ranking (~0.3 s at 10,000 people with synonyms) come one after another.
Forked after the core is imported and before Qt is loaded, a child process ranks the job
the window is going to open, on another core, and hands the ranking over a pipe; the
window takes it as its background ranking's answer (app.controllers.job_view). The child
reads on a connection of its own and writes nothing.

When anything differs the window ranks as usual: another job opened first, criteria edited
meanwhile, a database that needs an update or does not exist yet, a failed child, or a
platform where forking a process is not how it is done.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class HeadStart:
    job: object  # review.jobs.Job: the job ranked, as it was when the child started
    conn: object  # multiprocessing.connection.Connection: the ranking arrives here
    pid: int
    taken: bool = False
    delivered: bool = False  # the window was given the child's ranking (tests read it)

    def answers(self, job, previous) -> bool:
        """Whether this ranking is the one the window is about to ask for."""
        return (
            not self.taken
            and previous is None
            and job.id == self.job.id
            and job.spec == self.job.spec
            and job.title == self.job.title
        )

    def receive(self, report, cancelled, db_path: str, job, previous, asked: int):
        """A Task's function, with the same answer as job_view's ranking: the child's ranking,
        or (the child failed) one made here."""
        from parsing.taxonomy import load_taxonomy
        from review.ranking import rank_job

        self.taken = True
        taxonomy = load_taxonomy()  # here while the child ranks: the window needs it too
        ranking = None
        try:
            ranking = self.conn.recv()
        except (EOFError, OSError):
            pass  # the child failed: rank here
        finally:
            self.close()
        if ranking is None:
            ranking = rank_job(db_path, job, previous=previous, taxonomy=taxonomy)
        else:
            self.delivered = True
        return asked, taxonomy, ranking

    def close(self) -> None:
        """Stop the child if it still runs, and reap it (once: its number may be reused)."""
        self.taken = True
        try:
            self.conn.close()
        except OSError:
            pass
        pid, self.pid = self.pid, 0
        if not pid:
            return
        try:
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def fork_first_ranking(db_path: Path) -> HeadStart | None:
    """Start ranking the job the window will open (the first of ``list_jobs``), or None."""
    if not sys.platform.startswith("linux") or "PySide6.QtCore" in sys.modules:
        return None  # forking a process that has loaded Qt is never safe
    if not Path(db_path).is_file():
        return None  # a first start: the database is made (and the demo offered) later
    import multiprocessing

    from review.db import Store
    from review.jobs import list_jobs, resolve_job

    try:
        with Store(db_path, migrate=False) as store:
            if store.pending_migrations():
                return None
            jobs = list_jobs(store)
            if not jobs:
                return None
            job = resolve_job(store, jobs[0].id)
    except Exception:  # a damaged file, say: the window says what is wrong, not this
        return None
    receive, send = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: rank, send, leave without running the parent's exit handlers
        code = 1
        try:
            receive.close()
            from review.ranking import rank_job

            send.send(rank_job(str(db_path), job))
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    send.close()
    return HeadStart(job, receive, pid)
