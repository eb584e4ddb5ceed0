"""The one writer: a thread that owns the window's only write connection.

Every change the window makes — a status, a note, a message queued, an imported
file stored, a delivery recorded — is an operation ``fn(store, *args)`` run here,
one at a time, in the order submitted (Anki's ``CollectionOp``: an operation with
success and failure callbacks). The UI thread reads on its own connection (WAL
lets it read while a write is under way) and never waits for a write: it submits
with :meth:`Writer.run` and hears back on the UI thread. Background work (an
import, a delivery) that must store something as it goes calls :meth:`Writer.call`
and waits on its own thread, so its writes take turns with the reviewer's.
"""

from __future__ import annotations

import queue
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from review.db import Store

# fn(exception, traceback text) on the UI thread
Failure = Callable[[BaseException, str], None]


class _WriterThread(QThread):
    def __init__(self, path: Path, jobs: queue.SimpleQueue, shared: Store | None) -> None:
        super().__init__()
        self.setObjectName("shortlist-writer")
        self._path, self._jobs, self._shared = path, jobs, shared

    def run(self) -> None:
        # An in-memory database cannot be opened twice: tests share the window's one.
        store = self._shared or Store(self._path, migrate=False)
        store.use_small_cache()
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                fn, args, kwargs, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(store, *args, **kwargs))
                except BaseException as exc:  # every failure goes back to whoever asked
                    future.set_exception(exc)
        finally:
            if self._shared is None:
                store.close()


class Writer(QObject):
    """Runs write operations on one thread, in order; see the module docs."""

    _settled = Signal(object, object, object)  # future, success, failure: to the UI thread

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        shared = store if str(store.path) == ":memory:" else None
        self._thread = _WriterThread(store.path, self._jobs, shared)
        self._settled.connect(self._on_settled)
        self.pending = 0  # operations submitted by the UI whose callbacks have not run yet
        self.default_failure: Failure | None = None
        self._stopped = False

    def start(self) -> Writer:
        self._thread.start()
        return self

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Queue ``fn(store, *args, **kwargs)``; any thread may call this."""
        if self._stopped:
            raise RuntimeError("the writer has stopped")
        future: Future = Future()
        self._jobs.put((fn, args, kwargs, future))
        return future

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run an operation and wait for its result, from a background thread only."""
        if QThread.currentThread() is self.thread():
            raise RuntimeError("the UI thread never waits for the writer: use Writer.run")
        return self.submit(fn, *args, **kwargs).result()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        success: Callable[[Any], None] | None = None,
        failure: Failure | None = None,
        **kwargs: Any,
    ) -> Future:
        """Queue an operation; exactly one of ``success(result)`` or ``failure(exc, text)``
        then runs on the UI thread (without ``failure``, :attr:`default_failure`)."""
        future = self.submit(fn, *args, **kwargs)
        self.pending += 1
        future.add_done_callback(lambda f: self._settled.emit(f, success, failure))
        return future

    @Slot(object, object, object)
    def _on_settled(self, future: Future, success, failure) -> None:
        self.pending -= 1
        exc = future.exception()
        if exc is None:
            if success is not None:
                success(future.result())
            return
        text = "".join(traceback.format_exception(exc))
        handler = failure or self.default_failure
        if handler is None:
            raise exc
        handler(exc, text)

    def idle(self) -> bool:
        """Nothing queued or running, and every callback delivered."""
        return self.pending == 0 and self._jobs.empty()

    def stop(self, wait_ms: int = 60_000) -> bool:
        """Finish what was queued, close the connection and end the thread."""
        if self._stopped:
            return True
        self._stopped = True
        self._jobs.put(None)
        return self._thread.wait(wait_ms)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()
