"""One way to run work off the UI thread.

``Task(fn, *args)`` runs ``fn(report, cancelled, *args)`` in a QThread. The
function never touches widgets: it calls ``report(value)`` to send progress
and polls ``cancelled()`` between units of work. Exactly one of ``done(result)``
or ``failed(exc, traceback_text)`` is emitted on the UI thread, then
``finished``. A cancel is quiet: the function returns early, ``done`` carries
what it returned.

``read_task(db_path, fn, *args)`` is the same for a read of the database that may
take longer than a frame (a job's rows, a ranking, the talent pool, other open
roles that fit someone): ``fn(store, *args)`` runs on a connection of its own that
cannot write (``PRAGMA query_only``). Writes go through the one writer (app.writer).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

_RUNNING: set[Task] = set()  # keeps tasks alive until their thread ends

# A busy Python thread keeps the GIL until another thread has waited this long for it.
# A paint of the table calls into Python about a thousand times (data() per cell and role),
# and each call may wait behind a background ranking or read. Measured on the 10,000-person
# table beside a busy Python thread (offscreen, loaded 2-core VM): a repaint took 8-12 ms
# alone, 49-53 ms at CPython's default of 5 ms, 25-29 ms at 0.1-0.2 ms. The background
# work pays a little in switches, and only while the UI thread wants the lock.
UI_SWITCH_INTERVAL = 0.0002


def _favour_the_ui_thread() -> None:
    if sys.getswitchinterval() > UI_SWITCH_INTERVAL:
        sys.setswitchinterval(UI_SWITCH_INTERVAL)


class _Worker(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object, str)

    def __init__(self, fn: Callable, args: tuple, cancel: threading.Event):
        super().__init__()
        self._fn = fn
        self._args = args
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress.emit, self._cancel.is_set, *self._args)
        except BaseException as exc:  # every failure must reach the UI, never a silent stop
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.done.emit(result)


class Task(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object, str)
    finished = Signal()

    def __init__(self, fn: Callable, *args, name: str = "task", parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName(f"shortlist-{name}")
        self._worker = _Worker(fn, args, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._running = False

    def start(self) -> Task:
        _favour_the_ui_thread()
        _RUNNING.add(self)
        self._running = True
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._running

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    @Slot(object)
    def _on_done(self, result) -> None:
        self._finish_then(lambda: self.done.emit(result))

    @Slot(object, str)
    def _on_failed(self, exc, text) -> None:
        self._finish_then(lambda: self.failed.emit(exc, text))

    def _finish_then(self, emit) -> None:
        self._thread.quit()
        self._thread.wait()
        self._running = False
        _RUNNING.discard(self)
        emit()
        self.finished.emit()


def _read(report, cancelled, db_path: str, fn: Callable, args: tuple):
    from review.db import Store

    with Store(db_path, migrate=False) as store:
        store.conn.execute("PRAGMA query_only = ON")
        return fn(store, *args)


def read_task(
    db_path, fn: Callable, *args, name: str = "read", parent: QObject | None = None
) -> Task:
    """A Task running ``fn(store, *args)`` on its own read-only connection (not started)."""
    return Task(_read, str(db_path), fn, args, name=name, parent=parent)


def running_tasks() -> set[Task]:
    return set(_RUNNING)
