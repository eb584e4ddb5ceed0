"""GUI fixtures: offscreen, one QApplication (pytest-qt's), and no test may leave work running."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer


@pytest.fixture(autouse=True)
def no_leftover_threads_or_timers(qapp, monkeypatch):
    """Fail a test that leaves a background task, a thread or an active timer behind."""
    from app.tasks import running_tasks

    timers: list[QTimer] = []
    original_start = QTimer.start

    def tracking_start(self, *args):
        timers.append(self)
        return original_start(self, *args)

    monkeypatch.setattr(QTimer, "start", tracking_start)
    threads_before = {t.ident for t in threading.enumerate()}
    yield
    leftovers = running_tasks()
    for task in leftovers:
        task.cancel()
        task.wait(30000)
    live_timers = []
    for timer in timers:
        try:
            if timer.isActive():
                live_timers.append(timer)
                timer.stop()
        except RuntimeError:
            pass  # the C++ timer is gone: it cannot fire
    new_threads = [t for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()
                   and not t.daemon]  # fmt: skip
    assert not leftovers, f"background tasks still running after the test: {[t.name for t in leftovers]}"
    assert not live_timers, f"{len(live_timers)} timer(s) still active after the test"
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
        return window

    yield make
    for window, errors, store in made:
        for dialog in list(errors.shown):
            dialog.close()
        window.close()
        errors.uninstall()
        store.close()


def write_resumes(folder, n: int, seed: int = 5):
    """n quick resumes (text and DOCX: no PDF rendering, so tests stay fast)."""
    from app.samples import write_batch

    folder.mkdir(parents=True, exist_ok=True)
    paths = write_batch(folder, n, seed=seed, formats={"txt": 0.6, "docx": 0.4})
    for truth in folder.glob("*.truth.json"):
        truth.unlink()
    return paths
