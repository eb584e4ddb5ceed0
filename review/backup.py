"""Backups with SQLite's online backup API: consistent even while the app is open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from review import written
from review.db import Store, StoreError
from review.written import WriteFailed, write_atomic


def backup(store: Store, target: str | Path, actor: str = "") -> Path:
    """A consistent copy of the database at ``target``, written whole or not at all.

    SQLite's backup goes to a temporary file beside the target, which is renamed
    into place only when complete: a full disk or an unwritable folder leaves no
    file, and the error says why. The backup is put on record (an erasure lists it).
    """
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} already exists: choose another name")

    def copy(tmp: Path) -> None:
        tmp.unlink()  # SQLite writes its own file, not into an empty one it did not make
        dest = sqlite3.connect(str(tmp))
        try:
            store.conn.backup(dest)
        finally:
            dest.close()

    try:
        write_atomic(target, copy)
    except WriteFailed as exc:
        raise StoreError(f"{exc} (the database itself is unchanged)") from None
    try:
        written.record(store, "backup", target, [], actor=actor)
    except StoreError:
        pass  # busy: the backup is whole; an erasure still warns that backups may hold the person
    return target


def restore_backup(source: str | Path, target: str | Path) -> Path | None:
    """Replace the database at ``target`` with the backup at ``source``.

    The backup is checked first (it must be a Shortlist database that passes
    SQLite's integrity check); the database it replaces is kept beside it as
    ``<name>-before-restore-<n>.db``, whose path is returned.
    """
    import shutil

    source, target = Path(source), Path(target)
    if not source.exists():
        raise StoreError(f"{source}: no such backup")
    try:
        check = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0]
            version = check.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        finally:
            check.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{source} is not a Shortlist database ({exc})") from None
    if ok != "ok" or not version:
        raise StoreError(f"{source} is damaged: {ok}")
    kept = None
    if target.exists():
        n = 1
        while (candidate := target.with_name(f"{target.stem}-before-restore-{n}.db")).exists():
            n += 1
        # Copy through the backup API so the kept copy includes what is still in the WAL.
        live = sqlite3.connect(str(target))
        try:
            dest = sqlite3.connect(str(candidate))
            try:
                live.backup(dest)
            finally:
                dest.close()
        finally:
            live.close()
        kept = candidate
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    tmp = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, tmp)
    tmp.replace(target)
    return kept
