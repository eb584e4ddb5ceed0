"""Backups with SQLite's online backup API, and restoring one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from review.backup import backup, restore_backup
from review.db import Store, StoreError
from tests.worlds import make_people


def test_backup_while_open_and_restore_keeps_the_replaced_database(tmp_path, monkeypatch):
    store, _job_id, ids, _ = make_people(tmp_path, monkeypatch)
    copy = backup(store, tmp_path / "backup.db")
    with pytest.raises(StoreError, match="already exists"):
        backup(store, copy)
    # Work continues after the backup: a person is added to the live database only.
    with store.transaction() as conn:
        conn.execute(
            "UPDATE people SET name = 'Changed After Backup' WHERE id = ?", (ids["ana.txt"],)
        )
    store.close()
    kept = restore_backup(copy, tmp_path / "shortlist.db")
    assert kept is not None and kept.exists()
    with Store(tmp_path / "shortlist.db") as restored:
        assert (
            restored.scalar("SELECT name FROM people WHERE id = ?", (ids["ana.txt"],))
            == "Ana Quintero Bravo"
        )
        assert restored.scalar("PRAGMA integrity_check") == "ok"
    old = sqlite3.connect(kept)
    assert (
        old.execute("SELECT name FROM people WHERE id = ?", (ids["ana.txt"],)).fetchone()[0]
        == "Changed After Backup"
    )
    old.close()


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a Shortlist database"):
        restore_backup(junk, tmp_path / "target.db")
    with pytest.raises(StoreError, match="no such backup"):
        restore_backup(tmp_path / "missing.db", tmp_path / "target.db")


def test_cli_backup_and_restore(tmp_path, monkeypatch):
    store, *_ = make_people(tmp_path, monkeypatch)
    db = str(store.path)
    store.close()
    cli = [sys.executable, "-m", "app.cli"]
    out = subprocess.run(
        [*cli, "backup", str(tmp_path / "b.db"), "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "Backed up" in out.stdout
    refused = subprocess.run(
        [*cli, "restore-backup", str(tmp_path / "b.db"), "--db", db],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert refused.returncode == 3
    done = subprocess.run(
        [*cli, "restore-backup", str(tmp_path / "b.db"), "--db", db, "--yes"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "previous database is kept" in done.stdout


# --- red team (issue 13, item 9): a backup to a full disk or an unwritable path -------------------


def test_attack_a_backup_to_a_full_disk_leaves_no_file_and_says_why(tmp_path, monkeypatch):
    """SQLite reports a full disk as SQLITE_FULL; a page limit on the copy makes it say just "
    "that."""
    import review.backup

    store, *_ = make_people(tmp_path, monkeypatch)
    real_connect = sqlite3.connect

    def tiny_disk(path, *args, **kwargs):
        conn = real_connect(path, *args, **kwargs)
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(review.backup.sqlite3, "connect", tiny_disk)
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(
        StoreError, match=r"could not write .*b\.db: database or disk is full; nothing was written"
    ):
        backup(store, folder / "b.db")
    assert list(folder.iterdir()) == []
    assert store.scalar("PRAGMA integrity_check") == "ok"


def test_attack_a_backup_to_an_unwritable_path_exits_1_with_one_sentence(tmp_path, monkeypatch):
    store, *_ = make_people(tmp_path, monkeypatch)
    db = str(store.path)
    store.close()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "backup", "/proc/shortlist-backup.db", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("shortlist: could not write /proc/shortlist-backup.db: ")
    assert done.stderr.count("\n") == 1 and not done.stdout
