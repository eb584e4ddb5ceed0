"""GUI fixtures: offscreen, one QApplication (pytest-qt's), and no test may leave work running."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread, QTimer


class _Leftovers:
    """Timers, single-shot timers and QThreads started during a test."""

    def __init__(self, monkeypatch) -> None:
        self.timers: list[QTimer] = []
        self.threads: list[QThread] = []
        self.single_shots = 0  # scheduled and not fired yet
        original_start, original_single, original_thread_start = (
            QTimer.start,
            QTimer.singleShot,
            QThread.start,
        )

        def tracking_start(timer, *args):
            self.timers.append(timer)
            return original_start(timer, *args)

        def tracking_single_shot(msec, *args):
            # Only the (msec, callable) form is tracked; a slot on a receiver dies with it.
            if len(args) == 1 and callable(args[0]):
                target = args[0]
                self.single_shots += 1

                def fired():
                    self.single_shots -= 1
                    target()

                return original_single(msec, fired)
            return original_single(msec, *args)

        def tracking_thread_start(thread, *args):
            self.threads.append(thread)
            return original_thread_start(thread, *args)

        monkeypatch.setattr(QTimer, "start", tracking_start)
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(tracking_single_shot))
        monkeypatch.setattr(QThread, "start", tracking_thread_start)

    def live_timers(self) -> list[QTimer]:
        live = []
        for timer in self.timers:
            try:
                if timer.isActive():
                    live.append(timer)
                    timer.stop()
            except RuntimeError:
                pass  # the C++ timer is gone: it cannot fire
        return live

    def running_threads(self) -> list[str]:
        running = []
        for thread in self.threads:
            try:
                if thread.isRunning():
                    running.append(thread.objectName() or type(thread).__name__)
            except RuntimeError:
                pass  # deleted: it cannot be running
        return running


@pytest.fixture(autouse=True)
def no_leftover_threads_or_timers(qapp, monkeypatch):
    """Fail a test that leaves a background task, a thread (Python's or a raw QThread), an
    active timer or a pending single-shot timer behind."""
    from app.tasks import running_tasks

    seen = _Leftovers(monkeypatch)
    threads_before = {t.ident for t in threading.enumerate()}
    yield
    leftovers = running_tasks()
    for task in leftovers:
        task.cancel()
        task.wait(30000)
    live_timers = seen.live_timers()
    new_threads = [
        t
        for t in threading.enumerate()
        if t.ident not in threads_before and t.is_alive() and not t.daemon
    ]
    assert not leftovers, (
        f"background tasks still running after the test: {[t.name for t in leftovers]}"
    )
    assert not live_timers, f"{len(live_timers)} timer(s) still active after the test"
    assert not seen.single_shots, f"{seen.single_shots} single-shot timer(s) still pending"
    assert not seen.running_threads(), f"QThreads still running: {seen.running_threads()}"
    assert not new_threads, f"threads left running: {[t.name for t in new_threads]}"


@pytest.fixture
def settings(tmp_path, monkeypatch):
    from review.settings import Settings

    path = tmp_path / "settings.json"
    monkeypatch.setenv("SHORTLIST_CONFIG", str(path))
    s = Settings(path)
    s.set("reviewer.name", "Robin Reviewer")
    s.set("import.workers", "2")
    return s


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """The system keyring, for the test: a JSON file (tests.keyring_backend); its path."""
    import keyring

    from tests.keyring_backend import FileKeyring

    monkeypatch.setenv("SHORTLIST_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


@pytest.fixture
def make_window(qtbot, tmp_path, settings):
    from app.errors import ErrorHandler
    from app.main_window import MainWindow
    from review.db import Store

    made = []

    def make(store=None):
        store = store or Store(tmp_path / "shortlist.db")
        errors = ErrorHandler(tmp_path / "shortlist.log")
        errors.install()
        window = MainWindow(store, settings, errors)
        qtbot.addWidget(window)
        window.resize(1300, 820)
        window.show()
        made.append((window, errors, store))
        job_shown(window)
        return window

    yield make
    for window, errors, store in made:
        for dialog in list(errors.shown):
            dialog.close()
        window.close()
        errors.uninstall()
        store.close()


def settle(qtbot, window, timeout: int = 10_000) -> None:
    """Wait until every change the window submitted is written and its callback has run
    (the window never waits for its writer; a test reading the database must)."""
    qtbot.waitUntil(window.writer.idle, timeout=timeout)


def job_shown(window, timeout: int = 30_000) -> None:
    """Wait until the job on screen has its people read and ranked (both happen in the
    background: the window never waits for them)."""
    from pytestqt.qtbot import QtBot

    QtBot(None).waitUntil(window.job_view.idle, timeout=timeout)


def write_resumes(folder, n: int, seed: int = 5):
    """n quick resumes (text and DOCX: no PDF rendering, so tests stay fast)."""
    from app.samples import write_batch

    folder.mkdir(parents=True, exist_ok=True)
    paths = write_batch(folder, n, seed=seed, formats={"txt": 0.6, "docx": 0.4})
    for truth in folder.glob("*.truth.json"):
        truth.unlink()
    return paths
