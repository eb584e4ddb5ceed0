"""The first job's ranking, begun in a forked process before Qt loads (app.head_start): the
window shows exactly the ranking it would have made itself, takes it only when it answers
the job on screen as it is, and ranks on its own when the child fails.

Each start runs in a fresh process (a process that has loaded Qt never forks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")

FIRST = ("Ana", "Bruno", "Chiara", "Dmitri", "Esther", "Farid")
SKILLS = ("Python", "Docker", "Terraform", "PostgreSQL", "Kubernetes", "Go")

START = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path

    from app.gui import load_core

    load_core()
    from app.head_start import fork_first_ranking

    db, mode = Path(sys.argv[1]), sys.argv[2]
    head = fork_first_ranking(db)
    child = head.pid if head else None
    from review.db import Store
    from review.jobs import list_jobs, resolve_job, update_spec

    if mode == "edited":  # the criteria change after the child started ranking
        with Store(db, migrate=False) as store:
            job = resolve_job(store, list_jobs(store)[0].id)
            update_spec(store, job.id, {**job.spec, "criteria": job.spec["criteria"][:2]})
    if mode == "killed":  # the child dies before it answers
        os.kill(child, 9)
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.main_window import MainWindow

    store = Store(db, migrate=False)
    window = MainWindow(store, head_start=head)
    ranked = []
    window.ranked.connect(lambda: ranked.append(1))
    deadline = time.monotonic() + 60
    while not (ranked and window.job_view.idle()) and time.monotonic() < deadline:
        app.processEvents(QEventLoop.AllEvents, 20)
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    reaped = True  # the window (or its closing) waited for the child: it is ours no more
    if child:
        try:
            os.waitpid(child, os.WNOHANG)
            reaped = False
        except ChildProcessError:
            pass
    print(json.dumps({
        "head": head is not None,
        "delivered": bool(head and head.delivered),
        "reaped": reaped,
        "order": [[row.person, round(row.score, 6)] for row in rows],
    }))
    window.close()
    store.close()
""")


@pytest.fixture
def database(tmp_path):
    from review.db import Store
    from review.importer import Importer, ImportOptions
    from review.jobs import create_job

    folder = tmp_path / "resumes"
    folder.mkdir()
    for i in range(24):
        skills = ", ".join(SKILLS[j] for j in range(len(SKILLS)) if (i >> j) % 2 or j == i % 6)
        (folder / f"p{i:02d}.txt").write_text(
            f"{FIRST[i % 6]} Example{i}\nperson{i}@example.org\n\n"
            f"Experience\nEngineer, Company {i} 2018 - Present\n- Built services with {skills}\n\n"
            f"Skills\n{skills}\n",
            encoding="utf-8",
        )
    criteria = [{"name": s, "kind": "skill", "weight": 1 + k} for k, s in enumerate(SKILLS)]
    criteria[0]["synonyms"] = ["py3"]
    with Store(tmp_path / "shortlist.db") as store:
        job = create_job(store, "Platform Engineer", "", {"criteria": criteria})
        Importer(store, ImportOptions(workers=1, job_id=job)).run([folder])
    return tmp_path / "shortlist.db"


def start(db, mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", START, str(db), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def scores(order: list[list]) -> dict[int, float]:
    return dict(order)


def expected(db) -> list[list]:
    """The window's own ranking of the first job, made here."""
    from review.db import Store
    from review.jobs import list_jobs, resolve_job
    from review.ranking import rank_job

    with Store(db, migrate=False) as store:
        job = resolve_job(store, list_jobs(store)[0].id)
    ranking = rank_job(str(db), job)
    return [[r.person, round(r.total, 6)] for r in ranking.ranked]


def test_the_window_shows_the_childs_ranking_as_its_own(database):
    seen = start(database, "plain")
    assert seen["head"] and seen["delivered"] and seen["reaped"]
    assert scores(seen["order"]) == scores(expected(database))
    shown = [score for _, score in seen["order"]]
    assert len(shown) == 24 and shown == sorted(shown, reverse=True) and shown[0] > shown[-1]


def test_criteria_changed_meanwhile_are_ranked_as_they_are_now(database):
    seen = start(database, "edited")
    assert seen["head"] and not seen["delivered"] and seen["reaped"]
    assert scores(seen["order"]) == scores(expected(database))  # two criteria left, not six


def test_a_child_that_dies_leaves_the_ranking_to_the_window(database):
    seen = start(database, "killed")
    assert seen["head"] and not seen["delivered"] and seen["reaped"]
    assert scores(seen["order"]) == scores(expected(database))


def test_no_head_start_without_a_database_or_with_qt_loaded(tmp_path):
    from app.head_start import fork_first_ranking

    assert fork_first_ranking(tmp_path / "none.db") is None
    assert not (tmp_path / "none.db").exists()  # the first start makes it, not this
    import PySide6.QtCore  # noqa: F401  (loaded in this test process: forking is unsafe)

    assert fork_first_ranking(tmp_path / "none.db") is None


RUN_GUI = textwrap.dedent("""
    import json, sys

    import app.gui as gui

    seen = {}
    real_open = gui._open_window


    def open_window(argv, settings, path, problem, head):
        # After run_gui has forked: Qt may load now. Close the window once it has ranked.
        from PySide6.QtCore import QTimer

        from app.main_window import MainWindow

        real_show = MainWindow.show

        def show(window):
            real_show(window)

            def poll():
                view = window.job_view
                if window.model.rowCount() and view.idle() and view.rankings:
                    seen["rows"] = window.model.rowCount()
                    seen["delivered"] = bool(head and head.delivered)
                    window.close()
                else:
                    QTimer.singleShot(50, poll)

            QTimer.singleShot(50, poll)

        MainWindow.show = show
        seen["head"] = head is not None
        return real_open(argv, settings, path, problem, head)


    gui._open_window = open_window
    code = gui.run_gui(sys.argv[1])
    print(json.dumps({**seen, "code": code}))
""")


def test_make_runs_start_opens_ranks_and_closes_cleanly(database, tmp_path):
    """What `make run` does (run_gui): the window opens on the database, takes the ranking
    begun before Qt loaded, and closes with exit code 0, no error report."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SHORTLIST_CONFIG": str(tmp_path / "settings.json"),
    }
    out = subprocess.run(
        [sys.executable, "-c", RUN_GUI, str(database)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"head": True, "rows": 24, "delivered": True, "code": 0}
