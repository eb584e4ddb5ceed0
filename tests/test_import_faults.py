"""Faults during an import: the importing process killed (SIGKILL) at any moment,
stopped with Ctrl-C, or one of its workers dying under it.

The promise (README, design.md "Nothing is lost"): what was stored stays and is
consistent, running the same import again finishes it without doubling
anyone, and a lost worker costs only its own file.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests import badfiles as B

SHORTLIST = Path(sys.executable).with_name("shortlist")
N_RESUMES = 60


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def resumes(tmp_path_factory) -> Path:
    """60 generated resumes (PDF from two producers, DOCX, TXT), without their truth files."""
    from app.samples import write_batch

    folder = tmp_path_factory.mktemp("resumes60") / "batch"
    write_batch(folder, N_RESUMES, seed=3)
    for truth in folder.glob("*.truth.json"):
        truth.unlink()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert len(files) == N_RESUMES
    return folder


@pytest.fixture
def test_hooks():
    """The hang hook on in the workers (see badfiles.hooks_in_workers)."""
    with B.hooks_in_workers():
        yield


def digests(folder: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int:
    """A read-only look from outside the importing process (0 until its schema exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return 0


class Run:
    """``shortlist import`` in the background, its output going to files: a pipe would be
    held open by any worker that outlives it, and reading it would wait for that worker."""

    def __init__(self, folder: Path, db: Path, *extra: str, env: dict | None = None):
        self.out_path = db.with_name(db.name + f".{time.monotonic_ns()}.out")
        self.err_path = self.out_path.with_suffix(".err")
        with open(self.out_path, "w") as out, open(self.err_path, "w") as err:
            # Its own session, like a program started from a terminal: Ctrl-C goes to its whole
            # group.
            self.proc = subprocess.Popen(
                [str(SHORTLIST), "import", str(folder), "--db", str(db), "--workers", "2", *extra],
                stdout=out,
                stderr=err,
                start_new_session=True,
                env=env or {k: v for k, v in os.environ.items() if k != "SHORTLIST_TEST_HOOKS"},
            )
        self.pid = self.proc.pid

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    def ensure_dead(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    @property
    def stdout(self) -> str:
        return self.out_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace")


def wait_for(predicate, timeout: float, what: str, run: Run | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if run is not None and run.proc.poll() is not None:
            raise AssertionError(
                f"the import ended (exit {run.proc.returncode}) before {what}:\n"
                f"{run.stdout}\n{run.stderr}"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def wait_gone(pids: list[int], timeout: float) -> list[int]:
    """The pids still alive after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        left = [pid for pid in pids if B.alive(pid)]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def kill_leftovers(pids: list[int]) -> None:
    """Clean up processes the import under test left behind (only those, by pid)."""
    for pid in pids:
        if B.alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def check_consistent(db: Path) -> dict[str, int]:
    """Nothing half-written: the checks that must hold after a crash at any moment."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

        def one(sql):
            return conn.execute(sql).fetchone()[0]

        assert (
            one(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM import_files f WHERE f.document_id = d.id)"
            )
            == 0
        ), "a document without its file row"
        assert (
            one(
                "SELECT count(*) FROM people p WHERE NOT EXISTS "
                "(SELECT 1 FROM documents d WHERE d.id = p.document_id)"
            )
            == 0
        ), "a person without a document"
        assert (
            one(
                "SELECT count(*) FROM documents d WHERE d.outcome = 'ok' AND NOT EXISTS "
                "(SELECT 1 FROM people p WHERE p.document_id = d.id)"
            )
            == 0
        ), "an ok document without its person"
        assert (
            one(
                "SELECT count(*) FROM import_files WHERE outcome = 'ok' AND "
                "(document_id IS NULL OR person_id IS NULL)"
            )
            == 0
        ), "an ok file row without document or person"
        assert (
            one(
                "SELECT count(*) FROM (SELECT document_id FROM people GROUP BY document_id "
                "HAVING count(*) > 1)"
            )
            == 0
        ), "two people for one document"
        assert (
            one(
                "SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING "
                "count(*) > 1)"
            )
            == 0
        )
        stored = conn.execute("SELECT sha256, stored_path FROM documents").fetchall()
        counts = {
            "documents": one("SELECT count(*) FROM documents"),
            "people": one("SELECT count(*) FROM people"),
            "import_files": one("SELECT count(*) FROM import_files"),
        }
    files_dir = db.with_name(db.stem + "-files")
    for digest, relative in stored:
        assert relative, f"document {digest[:12]} has no stored original"
        original = files_dir / relative
        assert original.is_file(), f"stored original missing: {original}"
        assert hashlib.sha256(original.read_bytes()).hexdigest() == digest, (
            f"stored original damaged: {original}"
        )
    return counts


# --- 4. SIGKILL at three points, then finish ----------------------------------------------------


def test_import_killed_three_times_then_finished(resumes, tmp_path):
    db = tmp_path / "shortlist.db"
    wanted = digests(resumes)
    assert len(wanted) == N_RESUMES
    killed_at = []
    for target in (2, 20, 40):  # documents stored when the import is killed
        run = Run(resumes, db)
        try:
            wait_for(
                lambda target=target: count(db) >= target, 90, f"{target} documents stored", run
            )
            tree = B.descendants(run.pid)
            os.kill(run.pid, signal.SIGKILL)
            code = run.wait(timeout=30)
        finally:
            run.ensure_dead()
        assert code == -signal.SIGKILL, "the import finished before it could be killed"
        counts = check_consistent(db)
        killed_at.append(counts["documents"])
        assert target <= counts["documents"] < N_RESUMES
        # Its workers notice and go (none was stuck on a file here).
        left = wait_gone(tree, 10)
        kill_leftovers(left)
        assert not left, f"processes of the killed import still running: {left}"

    command = [str(SHORTLIST), "import", str(resumes), "--db", str(db), "--workers", "2"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    assert f"Imported {N_RESUMES} file(s)" in done.stdout
    counts = check_consistent(db)
    assert counts["documents"] == counts["people"] == N_RESUMES, (counts, killed_at)

    command = [str(SHORTLIST), "people", "--json", "--db", str(db)]
    people = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert people.returncode == 0, people.stderr
    listed = [json.loads(line) for line in people.stdout.splitlines()]
    assert len(listed) == N_RESUMES and len({p["id"] for p in listed}) == N_RESUMES
    assert {p["outcome"] for p in listed} == {"ok"}

    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT sha256 FROM documents")} == wanted
        assert [r[0] for r in conn.execute("SELECT DISTINCT outcome FROM documents")] == ["ok"]
        runs = conn.execute("SELECT id, status FROM import_runs ORDER BY id").fetchall()
        assert [status for _, status in runs] == ["interrupted"] * 3 + ["finished"]
        last = runs[-1][0]
        final = conn.execute(
            "SELECT outcome, duplicate_of_document, person_id FROM import_files WHERE run_id = ?",
            (last,),
        ).fetchall()
        # The finishing run accounts for every file: the ones stored before as known, the rest new.
        assert len(final) == N_RESUMES
        assert {outcome for outcome, _, _ in final} == {"ok"}
        assert sum(known for _, known, _ in final) == killed_at[-1]
        assert len({person for _, _, person in final}) == N_RESUMES
        # No person twice for the same content, across all the runs.
        assert (
            conn.execute(
                "SELECT count(*) FROM (SELECT d.sha256 FROM people p JOIN documents d ON d.id = "
                "p.document_id GROUP BY d.sha256 HAVING count(*) > 1)"
            ).fetchone()[0]
            == 0
        )


# --- Ctrl-C --------------------------------------------------------------------------------------


def test_ctrl_c_stops_the_import_and_keeps_what_was_stored(resumes, tmp_path):
    db = tmp_path / "shortlist.db"
    run = Run(resumes, db)
    try:
        wait_for(lambda: count(db) >= 5, 90, "5 documents stored", run)
        tree = B.descendants(run.pid)
        stored_before = count(db)
        os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
        code = run.wait(timeout=30)
    finally:
        run.ensure_dead()
    err = run.stderr
    assert code == 130, (code, err)
    assert "Stopped" in err and "stored so far is kept" in err, err
    assert "Traceback" not in err, err
    counts = check_consistent(db)
    assert stored_before <= counts["documents"] < N_RESUMES
    left = wait_gone(tree, 5)
    kill_leftovers(left)
    assert not left, f"processes of the stopped import still running: {left}"


# --- a worker that dies under its file ----------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "outcome", "words"),
    [
        (signal.SIGKILL, "too_complex", "killed while reading"),
        (signal.SIGSEGV, "malformed", "crashed"),
    ],
    ids=["SIGKILL", "SIGSEGV"],
)
def test_worker_dying_costs_only_its_file(
    tmp_path, monkeypatch, test_hooks, signum, outcome, words
):
    import parsing.batch
    import review.importer
    from review.db import Store
    from review.importer import Importer, ImportOptions

    pools = []

    class WatchedPool(parsing.batch.Pool):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(review.importer, "Pool", WatchedPool)
    folder = tmp_path / "in"
    folder.mkdir()
    # The hang file is the largest, so it goes to a worker first.
    B.write_hang(folder, "hang.txt", index=50).write_bytes(
        B.HANG_MARKER + b"\n" + B.resume_text(50).encode() + b"\n" + b"Volunteer work.\n" * 100
    )
    for i in range(5):
        B.write_resume_txt(folder, f"cv{i}.txt", index=60 + i)

    killed = {}

    def kill_the_busy_worker():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for pool in pools[:1]:
                for worker in list(pool._workers):
                    job = worker.job
                    if (
                        job is not None
                        and job.name == "hang.txt"
                        and time.monotonic() - worker.started > 0.3
                    ):
                        killed["pid"] = worker.process.pid
                        os.kill(worker.process.pid, signum)
                        return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_busy_worker, daemon=True)
    killer.start()
    time_limit = 30.0
    started = time.monotonic()
    with Store(tmp_path / "db.sqlite") as store:
        report = Importer(store, ImportOptions(workers=2, time_limit=time_limit)).run([folder])
        rows = {
            r["name"]: r
            for r in store.query("SELECT * FROM import_files WHERE run_id = ?", (report.run_id,))
        }
    seconds = time.monotonic() - started
    killer.join(timeout=5)

    assert "pid" in killed, "the test never saw a worker busy on hang.txt"
    assert report.status == "finished"
    assert len(rows) == 6
    hang = rows["hang.txt"]
    assert hang["outcome"] == outcome, (hang["outcome"], hang["error"])
    assert words in hang["error"], hang["error"]
    for i in range(5):
        assert rows[f"cv{i}.txt"]["outcome"] == "ok"
        assert rows[f"cv{i}.txt"]["person_id"] is not None
    assert seconds < time_limit / 2, "noticed at once, not at the time limit"
    assert pools and pools[0].restarts >= 1
    assert not B.alive(killed["pid"])


# --- workers that cannot start ------------------------------------------------------------------


def test_pool_gives_up_when_its_workers_cannot_start(tmp_path):
    """A worker that dies before it is ready (here: a start-up setting it cannot
    use; in the field: a broken install, a damaged resource file, a memory cap
    below what start-up needs) is replaced, and the replacement dies the same
    way. The batch must end with an error or problem outcomes, not respawn
    workers for ever at full CPU."""
    script = textwrap.dedent("""
        from parsing.batch import ParseJob, Pool, WorkerLimits

        if __name__ == "__main__":
            with Pool(1, WorkerLimits(time_limit=5, today="2026-13-45")) as pool:
                try:
                    resume = b"Ana Lima, ana@example.com. " * 5
                    for key, result, seconds in pool.run([ParseJob(1, "cv.txt", resume)]):
                        print("outcome", result["outcome"], result["error"], flush=True)
                except Exception as exc:
                    print("raised", type(exc).__name__, exc, flush=True)
            print("restarts", pool.restarts, flush=True)
    """)
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    env = {k: v for k, v in os.environ.items() if k != "SHORTLIST_TEST_HOOKS"}
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", script], cwd=tmp_path, env=env, stdout=out, stderr=err
        )
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        tree = B.descendants(proc.pid)
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        kill_leftovers(tree)
    crashes = err_path.read_text(errors="replace").count("Traceback")
    assert code is not None, (
        f"still running after 10 s: {crashes} workers died at start-up and each was replaced"
    )
    assert "outcome" in out_path.read_text() or "raised" in out_path.read_text()


# --- the importing process killed while a worker is stuck -----------------------------------------


def test_killed_import_leaves_no_stuck_worker_behind(tmp_path):
    """A hard kill of the app (crash, OOM killer, `kill -9`) while a worker is
    stuck in a file (the hang hook stands in for a PDF that keeps pdfminer
    busy) must not leave that worker running for ever."""
    folder = tmp_path / "in"
    folder.mkdir()
    B.write_hang(folder, "hang.txt", index=70)
    for i in range(3):
        B.write_resume_txt(folder, f"cv{i}.txt", index=71 + i)
    db = tmp_path / "shortlist.db"
    env = dict(os.environ, SHORTLIST_TEST_HOOKS="1")
    run = Run(folder, db, "--time-limit", "120", env=env)
    tree: list[int] = []
    try:
        wait_for(lambda: count(db) >= 3, 60, "the good files stored", run)
        time.sleep(0.3)
        tree = B.descendants(run.pid)
        assert len(tree) >= 2, "expected a fork server and workers below the import"
        os.kill(run.pid, signal.SIGKILL)
        assert run.wait(timeout=30) == -signal.SIGKILL
        left = wait_gone(tree, 5)
        commands = {pid: _cmdline(pid) for pid in left}
    finally:
        run.ensure_dead()
        kill_leftovers(tree)
    assert not left, (
        f"5 s after the import was killed, these of its processes still run: {commands}"
    )


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode(errors="replace")[:120]
        )
    except OSError:
        return "?"


# --- red team (issue 13, item 15): two imports into one database at once --------------------------


def test_attack_two_imports_at_once_both_finish_and_the_same_bytes_are_one_document(
    resumes, tmp_path
):
    """Two `shortlist import` processes over the same files, started together: both finish (no
    UNIQUE failure), each file is one document, and neither calls the other's run interrupted."""
    import shutil

    db = tmp_path / "shared.db"
    env = {**os.environ, "SHORTLIST_CONFIG": str(tmp_path / "settings.json")}
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(resumes, first)
    shutil.copytree(resumes, second)  # the same bytes under other paths
    subprocess.run(
        [str(SHORTLIST), "people", "--db", str(db)], env=env, check=True, capture_output=True
    )
    procs = [
        subprocess.Popen(
            [str(SHORTLIST), "import", str(folder), "--db", str(db), "--workers", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "IntegrityError" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(digests(resumes))
        assert conn.execute("SELECT count(DISTINCT sha256) FROM documents").fetchone()[0] == len(
            digests(resumes)
        )
        runs = conn.execute("SELECT status, total FROM import_runs ORDER BY id").fetchall()
        assert runs == [("finished", N_RESUMES), ("finished", N_RESUMES)]
        # Every file of both runs has its outcome; the later of two copies is a known document.
        assert conn.execute("SELECT count(*) FROM import_files").fetchone()[0] == 2 * N_RESUMES
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == len(digests(resumes))


def test_only_runs_whose_process_is_gone_are_marked_interrupted(tmp_path):
    from review.db import Store, now_iso
    from review.importer import Importer, ImportOptions, process_started

    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with Store(tmp_path / "runs.db") as store:
            started = process_started(alive.pid)
            rows = [
                (alive.pid, started),
                (2**22 + 777, None),
                (None, None),
                (alive.pid, "1"),
            ]  # live, gone,
            with store.transaction() as conn:  # unknown, pid reused
                for pid, since in rows:
                    conn.execute(
                        "INSERT INTO import_runs (started_at, pid, pid_started) VALUES (?, ?, ?)",
                        (now_iso(), pid, since),
                    )
            (tmp_path / "one.txt").write_text(
                "Jo Park\njo@example.org\n\nSkills\nPython\n", encoding="utf-8"
            )
            Importer(store, ImportOptions(workers=1)).run([tmp_path / "one.txt"])
            statuses = [
                r[0] for r in store.conn.execute("SELECT status FROM import_runs ORDER BY id")
            ]
        expected_reused = (
            "running" if started is None else "interrupted"
        )  # without /proc the pid is trusted
        assert statuses == ["running", "interrupted", "interrupted", expected_reused, "finished"]
    finally:
        alive.kill()
        alive.wait()
