"""Parse many files in worker processes, each file under a time limit and a memory cap.

One pipe per worker, one file in flight per worker. The parent waits on all
pipes with a deadline: a worker that overruns its file's time limit is killed
and replaced, and the file gets ``timeout``; a worker that dies (a crash in a
C extension, the kernel's OOM killer) costs only its file. Workers cap their
own address space, so a decompression bomb ends in MemoryError →
``too_complex`` instead of taking the machine down.

Workers are started with ``spawn`` and import only this module's parsing
dependencies — never Qt — so they start fast and are safe to start from the
desktop app (forking a Qt process is not).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from multiprocessing.connection import Connection, wait

from parsing.errors import Outcome

DEFAULT_TIME_LIMIT = 30.0
DEFAULT_MEMORY_LIMIT = 1024**3
# OCR (scans, photos) loads ~0.5 GB of models and takes seconds per page: a file
# that needs it gets these limits instead, from the moment OCR starts.
DEFAULT_OCR_TIME_LIMIT = 180.0
DEFAULT_OCR_MEMORY_LIMIT = 3 * 1024**3
DEFAULT_OCR_MAX_PAGES = 5
# Tests can make a worker hang on purpose on a file that carries this marker:
# the stand-in for a PDF that keeps pdfminer busy forever. Only honoured when
# the SHORTLIST_TEST_HOOKS environment variable is set.
HANG_MARKER = b"%%SHORTLIST-TEST-HANG%%"


@dataclass(frozen=True)
class WorkerLimits:
    time_limit: float = DEFAULT_TIME_LIMIT
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    max_bytes: int = 20 * 1024 * 1024
    today: str | None = None  # ISO date, for "present" in date ranges (tests pin it)
    # Read from SHORTLIST_TEST_HOOKS in the parent when the pool starts: workers
    # fork from a long-lived server whose environment is fixed at its start.
    test_hooks: bool = False
    # Cut each resume into the term index's atoms (parsing.terms) while the file is here.
    index_terms: bool = True
    ocr: bool = True  # read scans and photos (False: they get no_text)
    ocr_time_limit: float = DEFAULT_OCR_TIME_LIMIT
    ocr_memory_limit: int = DEFAULT_OCR_MEMORY_LIMIT
    ocr_max_pages: int = DEFAULT_OCR_MAX_PAGES
    # Workers run this much nicer than the process that starts them (POSIX nice; 0: the
    # same). The window's imports set it: parsing takes every core, and the window's thread
    # must still get one at once to paint and answer. On an otherwise idle machine the import
    # is as fast; the workers only give way when something else wants a core.
    niceness: int = 0


@dataclass
class ParseJob:
    key: object  # the caller's handle for the result
    name: str
    data: bytes


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# --- worker side ------------------------------------------------------------


def _watch_lifeline(lifeline: Connection) -> None:
    """End this worker when its parent is gone (killed mid-file): nobody would read its result."""
    try:
        lifeline.recv()
    except (EOFError, OSError):
        pass
    os._exit(0)


def _worker_main(conn: Connection, lifeline: Connection, settings: WorkerLimits) -> None:
    # Ctrl-C belongs to the parent, which stops the batch cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import threading

    threading.Thread(target=_watch_lifeline, args=(lifeline,), daemon=True, name="lifeline").start()
    if settings.memory_limit:
        try:
            import resource

            # The hard cap leaves room for OCR; the soft cap is what a file gets
            # until it needs OCR (see _ocr_starts).
            hard = max(settings.memory_limit, settings.ocr_memory_limit if settings.ocr else 0)
            resource.setrlimit(resource.RLIMIT_AS, (settings.memory_limit, hard))
        except (ImportError, ValueError, OSError):
            pass  # not on this platform: the time limit still bounds the work
    if settings.niceness > 0 and hasattr(os, "nice"):
        try:
            os.nice(settings.niceness)
        except OSError:
            pass  # not allowed here: the workers keep the app's priority
    from parsing.atoms import payload
    from parsing.readers import OcrOptions
    from parsing.resume import parse_bytes
    from parsing.taxonomy import load_taxonomy

    def ocr_starts() -> None:
        _ocr_starts(conn, settings)

    ocr = OcrOptions(settings.ocr, settings.ocr_max_pages, ocr_starts)

    taxonomy = load_taxonomy()
    today = date.fromisoformat(settings.today) if settings.today else None
    hooks = settings.test_hooks
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        key, name, data = message
        if hooks and HANG_MARKER in data[:4096]:
            while True:
                time.sleep(3600)
        try:
            result = parse_bytes(
                data, name, max_bytes=settings.max_bytes, taxonomy=taxonomy, today=today, ocr=ocr
            )
            # The resume's words for the term index, cut here so the importing process does not.
            terms = payload(result.text, result.section_spans) if settings.index_terms else None
            conn.send(("done", (key, {**asdict(result), "terms": terms})))
        except MemoryError:
            data = None  # free what we can before reporting
            conn.send(("memory", (key, None)))
            return  # the heap may be in a bad state: let the parent start a fresh worker
        except Exception as exc:  # a bug in our parser: report it against the file, keep going
            conn.send(("error", (key, f"{type(exc).__name__}: {exc}")))


def _ocr_starts(conn: Connection, settings: WorkerLimits) -> None:
    """This file needs OCR: tell the parent (which extends its deadline) and widen the memory cap.

    The worker keeps the wider cap afterwards: the OCR models stay loaded for
    the next scan, and its memory does not shrink back under the ordinary cap.
    """
    conn.send(("ocr", None))
    if settings.memory_limit:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = max(settings.memory_limit, settings.ocr_memory_limit)
            if (
                soft != resource.RLIM_INFINITY
                and soft < wanted
                and (hard == resource.RLIM_INFINITY or wanted <= hard)
            ):
                resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        except (ImportError, ValueError, OSError):
            pass


# --- parent side ------------------------------------------------------------


class _Worker:
    def __init__(self, ctx, settings: WorkerLimits):
        parent_end, child_end = ctx.Pipe(duplex=True)
        # The lifeline's write end stays in this process only: when it dies,
        # the worker reads end-of-file and stops, even in the middle of a file.
        life_read, self._life_write = ctx.Pipe(duplex=False)
        self.conn = parent_end
        self.process = ctx.Process(
            target=_worker_main, args=(child_end, life_read, settings), daemon=True
        )
        self.process.start()
        child_end.close()
        life_read.close()
        self.ready = False
        self.job: ParseJob | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.ocr = False  # the file in hand is being read by OCR

    def assign(self, job: ParseJob, time_limit: float) -> None:
        self.job = job
        self.ocr = False
        self.started = time.monotonic()
        self.deadline = self.started + time_limit
        self.conn.send((job.key, job.name, job.data))

    def kill(self) -> None:
        try:
            self.process.kill()
        except Exception:  # already gone
            pass
        self.process.join(timeout=5)
        self.conn.close()
        self._life_write.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()
            self._life_write.close()


def problem_result(
    name: str, outcome: Outcome | str, message: str, data: bytes | None = None
) -> dict:
    """A result for a file that never got parsed (or whose worker died).

    With the file's bytes, the result says what kind of document it is: a
    PDF that timed out is still someone's resume, and still a person.
    """
    from parsing.formats import READABLE, sniff
    from parsing.resume import ParsedResume  # light: no pdfminer

    result = ParsedResume(file=name, outcome=Outcome(outcome).value, error=message)
    if data:
        kind = sniff(data).kind
        result.kind = kind if kind in READABLE else None
    return asdict(result)


class ReadersCannotStart(RuntimeError):
    """Worker processes die before they are ready: nothing can be parsed (the message says why)."""


class Pool:
    """Worker processes that parse files; use as a context manager."""

    def __init__(self, workers: int | None = None, settings: WorkerLimits | None = None):
        self.size = max(1, workers or default_workers())
        self.settings = settings or WorkerLimits()
        # forkserver forks workers from a clean server process (no Qt, no
        # threads) that has already imported the parsers and loaded the
        # taxonomy, so a worker starts in milliseconds; spawn is the portable
        # fallback. Plain fork from the caller (maybe a Qt app) is never used.
        if "forkserver" in mp.get_all_start_methods():
            self._ctx = mp.get_context("forkserver")
            self._ctx.set_forkserver_preload(["parsing.preload"])
        else:
            self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []
        self.restarts = 0
        self._failed_starts = 0  # workers in a row that died before they were ready
        if not self.settings.test_hooks and os.environ.get("SHORTLIST_TEST_HOOKS"):
            self.settings = replace(self.settings, test_hooks=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.settings)
        self._workers.append(worker)
        return worker

    def close(self) -> None:
        for worker in self._workers:
            if worker.job is not None:
                worker.kill()
            else:
                worker.stop()
        self._workers.clear()

    def run(
        self, jobs: Iterable[ParseJob], cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[tuple[object, dict, float]]:
        """Yield ``(key, result dict, seconds)`` per job as each finishes, in finishing order.

        Stops handing out work once ``cancelled()`` is true; files in flight
        are abandoned (their workers killed) and not yielded.
        """
        pending = iter(jobs)
        exhausted = False

        def feed(worker: _Worker) -> None:
            nonlocal exhausted
            if not worker.ready or worker.job is not None or exhausted or cancelled():
                return
            job = next(pending, None)
            if job is None:
                exhausted = True
                return
            try:
                worker.assign(job, self.settings.time_limit)
            except (OSError, BrokenPipeError):
                worker.job = job
                worker.deadline = 0  # handled as a dead worker below

        while len(self._workers) < self.size:
            self._spawn()
        while True:
            if cancelled():
                for worker in self._workers:
                    if worker.job is not None:
                        worker.kill()
                self._workers = [w for w in self._workers if w.job is None]
                return
            # Hand a job to every idle, ready worker.
            for worker in list(self._workers):
                feed(worker)
            busy = [w for w in self._workers if w.job is not None]
            starting = [w for w in self._workers if not w.ready]
            if exhausted and not busy:
                return
            now = time.monotonic()
            timeout = min((w.deadline - now for w in busy), default=1.0)
            ready = wait([w.conn for w in busy + starting], timeout=max(0.0, min(timeout, 1.0)))
            for conn in ready:
                worker = next(w for w in self._workers if w.conn is conn)
                try:
                    kind, payload = conn.recv()
                except (EOFError, OSError):
                    yield from self._replace_dead(worker)
                    continue
                if kind == "ready":
                    worker.ready = True
                    self._failed_starts = 0
                    continue
                if kind == "ocr":  # the file is a scan: OCR gets its own, longer time limit
                    if worker.job is not None:
                        worker.deadline = max(
                            worker.deadline, worker.started + self.settings.ocr_time_limit
                        )
                        worker.ocr = True
                    continue
                job, elapsed = worker.job, time.monotonic() - worker.started
                worker.job = None
                if job is None:
                    continue
                if kind == "done":
                    # The worker gets its next file before the caller stores this
                    # result: storing (a transaction, an fsync) must not idle a core.
                    feed(worker)
                    yield job.key, payload[1], elapsed
                elif kind == "memory":
                    cap = (
                        self.settings.ocr_memory_limit if worker.ocr else self.settings.memory_limit
                    )
                    yield (
                        job.key,
                        problem_result(
                            job.name,
                            Outcome.TOO_COMPLEX,
                            f"needed more than the {cap / 1024**2:,.0f} MB memory cap",
                            job.data,
                        ),
                        elapsed,
                    )
                    self._retire(worker)
                else:
                    yield (
                        job.key,
                        problem_result(
                            job.name,
                            Outcome.MALFORMED,
                            f"could not be read: {payload[1]}",
                            job.data,
                        ),
                        elapsed,
                    )
            now = time.monotonic()
            for worker in list(self._workers):
                if worker.job is not None and now >= worker.deadline:
                    job = worker.job
                    self._retire(worker, kill=True)
                    limit = self.settings.ocr_time_limit if worker.ocr else self.settings.time_limit
                    what = "reading it with OCR" if worker.ocr else "reading"
                    yield (
                        job.key,
                        problem_result(
                            job.name,
                            Outcome.TIMEOUT,
                            f"{what} took longer than the {limit:g} s limit",
                            job.data,
                        ),
                        now - worker.started,
                    )

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if kill:
            worker.kill()
        else:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.kill()
        worker.job = None
        if worker in self._workers:
            self._workers.remove(worker)
        self.restarts += 1
        self._spawn()

    def _replace_dead(self, worker: _Worker) -> Iterator[tuple[object, dict, float]]:
        job = worker.job
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= 3:
                worker.kill()
                self._workers.remove(worker)
                raise ReadersCannotStart(
                    f"the reader processes stop as soon as they start (exit code {code}); "
                    "nothing could be read — see the log for the cause"
                )
        self._retire(worker)
        if job is None:
            return
        if code is not None and code < 0 and -code == signal.SIGKILL:
            message = "the reader was killed while reading it (out of memory?)"
            outcome = Outcome.TOO_COMPLEX
        else:
            message = f"the reader crashed on this file (exit code {code})"
            outcome = Outcome.MALFORMED
        yield (
            job.key,
            problem_result(job.name, outcome, message, job.data),
            time.monotonic() - worker.started,
        )
