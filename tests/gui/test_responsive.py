"""A window that never blocks: ranking, other fitting roles and database updates run off the
UI thread; a new order arrives without moving the person the recruiter is looking at; a
ranking overtaken by a newer edit is dropped.

Rankings are made slow on purpose (a monkeypatched ``rank_job`` that waits), and the tests
assert on what the window did meanwhile, never on how long anything took.
"""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

import app.controllers.job_view as job_view
from tests.gui.conftest import job_shown, settle

FIRST = ("Ana", "Bruno", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hugo", "Ines", "Jonas")
LAST = ("Quintero", "Lindqvist", "Ombeni", "Petrova", "Okafor", "Haddad", "Kovac", "Sato")
JOB = {
    "title": "Platform Engineer",
    "criteria": [
        {"name": "Python", "must": True, "weight": 3},
        {"name": "PostgreSQL", "weight": 2},
        {"name": "Docker", "weight": 1},
        {"name": "Terraform", "weight": 1},
    ],
}
PEOPLE = 60  # more than a screen of rows: the list scrolls


def _resume(i: int) -> str:
    first, last = FIRST[i % len(FIRST)], LAST[i // len(FIRST)]
    skills = ["Python", "Docker" if i % 2 else "Terraform"] + (["PostgreSQL"] if i % 3 == 0 else [])
    listed = ", ".join(skills)
    return (
        f"{first} {last}\n{first.lower()}.{last.lower()}@example.org | Valencia, Spain\n\n"
        f"Summary\nEngineer with {2 + i % 9} years of experience.\n\n"
        f"Experience\nEngineer, Company {i} 2016 - Present\n- Built services with {listed}\n\n"
        f"Skills\n{listed}\n"
    )


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    """A database of 60 imported people applied to one job (built once for the module)."""
    from review.db import Store
    from review.importer import Importer, ImportOptions
    from review.jobs import create_job, spec_from_toml

    folder = tmp_path_factory.mktemp("sixty")
    resumes = folder / "resumes"
    resumes.mkdir()
    for i in range(PEOPLE):
        (resumes / f"p{i:02d}.txt").write_text(_resume(i), encoding="utf-8")
    with Store(folder / "shortlist.db") as store:
        job_id = create_job(store, JOB["title"], "", spec_from_toml(dict(JOB), "job"))
        Importer(store, ImportOptions(workers=1, job_id=job_id)).run([resumes])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "shortlist.db"


@pytest.fixture
def window(sixty, tmp_path, make_window):
    from review.db import Store

    shutil.copy(sixty, tmp_path / "shortlist.db")
    w = make_window(Store(tmp_path / "shortlist.db"))
    assert w.model.rowCount() == PEOPLE
    w.activateWindow()
    w.table.setFocus()
    return w


def _weights(window, **weights) -> None:
    """Change weights in the criteria panel, as the recruiter does (its edits settle first)."""
    window.act_edit_job.trigger()
    editor = window.editor
    names = [editor.table.item(r, 0).text() for r in range(editor.table.rowCount())]
    for name, weight in weights.items():
        editor.weight_box(names.index(name)).setValue(weight)


def _slow_ranking(monkeypatch, hold):
    """rank_job, made slow: each call waits for ``hold(call number)`` before ranking."""
    calls: list[dict] = []
    real = job_view.rank_job

    def slow(db_path, job, **kwargs):
        calls.append(
            {
                "spec": job.spec,
                "on_ui_thread": threading.current_thread() is threading.main_thread(),
            }
        )
        hold(len(calls))
        return real(db_path, job, **kwargs)

    monkeypatch.setattr(job_view, "rank_job", slow)
    return calls


def test_the_window_answers_keys_while_a_slow_ranking_runs(window, qtbot, monkeypatch):
    started, key_handled, release = threading.Event(), threading.Event(), threading.Event()
    during = {}

    def hold(_call) -> None:
        started.set()
        during["key handled while ranking"] = key_handled.wait(20)
        release.wait(20)

    calls = _slow_ranking(monkeypatch, hold)
    beats = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(started.is_set() and not window.job_view.idle()))
    heartbeat.start()
    first = window.current_row().person
    _weights(window, Docker=10)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    # The ranking is under way, waiting for this key press to be handled first.
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_J)
    assert window.current_row().person != first
    key_handled.set()
    # The event loop keeps turning while the ranking runs.
    qtbot.waitUntil(lambda: sum(beats) >= 3, timeout=10_000)
    assert not window.job_view.idle()
    with qtbot.waitSignal(window.ranked, timeout=30_000):
        release.set()
    heartbeat.stop()
    assert during == {"key handled while ranking": True}
    assert calls[0]["on_ui_thread"] is False
    settle(qtbot, window)
    job_shown(window)
    # The new order is in: everyone with Docker comes first now.
    docker = [window.model.row_at(r).top for r in range(window.model.rowCount())]
    with_docker = sum("Docker" in top for top in docker)
    assert with_docker and all("Docker" in top for top in docker[:with_docker])


def test_the_person_looked_at_stays_in_place_when_the_new_order_arrives(window, qtbot):
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    # The recruiter walks down to someone with Docker low in the list, at the top of the view.
    row = next(r for r in range(35, PEOPLE) if "Docker" in rows[r].top)
    person = rows[row].person
    window.select_row(row)
    window.table.scrollTo(window.model.index(row, 1), QAbstractItemView.PositionAtTop)
    y = window.table.rowViewportPosition(row)
    assert window.pane.person_id == person
    with qtbot.waitSignal(window.ranked, timeout=30_000):
        _weights(window, Docker=10)
    job_shown(window)
    now = window.table.currentIndex().row()
    assert now < row  # Docker counts more: they moved up the list…
    assert window.current_row().person == person  # …and are still the one selected,
    assert window.table.rowViewportPosition(now) == y  # at the same height on screen,
    assert window.pane.person_id == person  # their pane still open.
    assert [i.row() for i in window.table.selectionModel().selectedRows()] == [now]


def test_a_ranking_overtaken_by_a_newer_edit_is_dropped(window, qtbot, monkeypatch):
    from review.ranking import Ranker

    release = threading.Event()
    calls = _slow_ranking(monkeypatch, lambda n: release.wait(20) if n == 1 else None)
    applied = []
    original = window.model.apply_ranking

    def spy(ranked) -> None:
        applied.append([r.person for r in ranked])
        original(ranked)

    window.model.apply_ranking = spy
    _weights(window, Docker=10)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10_000)
    # A second edit while the first ranking still runs.
    _weights(window, Docker=0, Terraform=10)
    qtbot.waitUntil(lambda: window.job_view.asked == 3, timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=30_000)
    job_shown(window)
    assert window.job_view.dropped == 1
    assert [c["spec"]["criteria"][2]["weight"] for c in calls] == [10, 0]
    # Only the second edit's order was ever shown, and it is the order of that job.
    expected = [r.person for r in Ranker(window.store, window.job).rank()]
    assert applied == [expected]
    assert [window.model.row_at(r).person for r in range(window.model.rowCount())] == expected


def test_a_ranking_that_arrives_before_the_people_waits_for_them(window, qtbot, monkeypatch):
    from review.ranking import Ranker

    release = threading.Event()
    real = job_view.fetch_rows

    def slow_rows(store, job_id):
        release.wait(20)
        return real(store, job_id)

    monkeypatch.setattr(job_view, "fetch_rows", slow_rows)
    window.job_view.set_job(window.job.id)  # the job opened again: its people read anew
    qtbot.waitUntil(lambda: window.job_view.waiting is not None, timeout=20_000)
    assert window.model.rowCount() == 0  # nobody shown from a ranking alone
    release.set()
    job_shown(window)
    expected = [r.person for r in Ranker(window.store, window.job).rank()]
    assert [window.model.row_at(r).person for r in range(PEOPLE)] == expected
    assert window.views.tabText(0).endswith(f"({PEOPLE})")
    assert window.current_row().person == expected[0] == window.pane.person_id


def test_other_fitting_roles_are_found_off_the_ui_thread_and_join_the_draft(
    make_window, tmp_path, monkeypatch, qtbot
):
    import app.controllers.gate_queue as gate_queue
    from review.jobs import create_job, spec_from_toml
    from tests.worlds import make_people

    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    sre = {"title": "Site Reliability Engineer", "criteria": [{"name": "Kubernetes", "must": True}]}
    create_job(store, sre["title"], "", spec_from_toml(dict(sre), "job"))
    threads = []
    real = gate_queue.other_fitting_roles

    def found(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(gate_queue, "other_fitting_roles", found)
    window = make_window(store)
    window.load_jobs(select=job_id)
    job_shown(window)
    window.views.setCurrentIndex(4)
    window.select_row(window.model.row_of_person(ids["cy.txt"]))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_D)
    dialog = window.gate.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: bool(dialog.ctx.fitting_roles), timeout=20_000)
    assert threads == [False]
    assert "Site Reliability Engineer" in dialog.body.toPlainText()
    dialog.reject()


def test_a_database_update_runs_off_the_ui_thread_while_keys_are_answered(
    qtbot, tmp_path, monkeypatch
):
    import review.db
    from app.open_database import open_database
    from review.db import Store

    path = tmp_path / "older.db"
    Store(path).close()
    typed = threading.Event()
    seen = {}

    def later_step(store) -> None:
        seen["on the UI thread"] = threading.current_thread() is threading.main_thread()
        store.step_progress(0.5)
        seen["key answered meanwhile"] = typed.wait(10)
        store.conn.execute("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)")

    version = max(v for v, _ in review.db.MIGRATIONS) + 1
    monkeypatch.setattr(review.db, "MIGRATIONS", [*review.db.MIGRATIONS, (version, later_step)])
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.No)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    dialogs = []

    def answered(_text) -> None:
        dialogs.extend(
            w.labelText()
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and hasattr(w, "labelText")
        )
        typed.set()

    field.textChanged.connect(answered)
    # Delivered by the event loop while the update runs: it waits until then.
    QTimer.singleShot(700, lambda: qtbot.keyClicks(field, "a"))
    store = open_database(path)
    try:
        assert seen == {"on the UI thread": False, "key answered meanwhile": True}
        assert len(asked) == 1 and "Make a backup copy first?" in asked[0]  # offered first
        assert dialogs and dialogs[0].startswith("Updating the database")
        assert store.schema_version == version
        assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'later_feature'")
    finally:
        store.close()


def test_a_failed_database_update_is_explained_and_changes_nothing(qtbot, tmp_path, monkeypatch):
    import review.db
    from app.open_database import open_database
    from review.db import Store, StoreError

    path = tmp_path / "older.db"
    Store(path).close()
    before = Store(path, migrate=False)
    current = before.schema_version
    before.close()

    def broken(store) -> None:
        store.conn.execute("CREATE TABLE half_done (id INTEGER)")
        store.conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(review.db, "MIGRATIONS", [*review.db.MIGRATIONS, (current + 1, broken)])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.No)
    with pytest.raises(
        StoreError, match=f"could not upgrade the database to version {current + 1}"
    ):
        open_database(path)
    with Store(path, migrate=False) as after:
        assert after.schema_version == current
        assert not after.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")


def test_background_tasks_hand_the_interpreter_back_to_the_window_quickly(window):
    """Once a Task runs beside it, the UI thread waits at most UI_SWITCH_INTERVAL for Python's
    lock at each call into Python a paint makes (CPython's default is 5 ms)."""
    import sys

    from app import tasks

    assert tasks.UI_SWITCH_INTERVAL < 0.005
    assert sys.getswitchinterval() <= tasks.UI_SWITCH_INTERVAL
