"""Files Shortlist writes for people outside it: written whole or not at all, and on record.

Every export and backup is written to a temporary file beside its target and
renamed into place (:func:`write_atomic`), so a full disk or an unwritable path
leaves no file — never an empty or truncated one that looks like an export — and
the error says why. Each one is also listed in ``exports_written``
(:func:`record`), so that erasing a person can name, and offer to delete, the
files that still hold them.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from review.db import Store, now_iso


class WriteFailed(OSError):
    """A file could not be written; nothing was left behind. The message names the file and why."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def check_target(target: Path) -> None:
    """Refuse a target that is not, or cannot become, an ordinary file (a device, a folder)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteFailed(exc.errno, f"could not write {target}: {_reason(exc)}") from None
    if not stat.S_ISREG(mode):
        raise WriteFailed(0, f"could not write {target}: it is not an ordinary file")


def write_atomic(target: str | Path, data: bytes | Callable[[Path], None]) -> Path:
    """Write ``data`` (bytes, or a function that writes a given path) to ``target`` atomically.

    A temporary file beside the target receives the data, is flushed to disk and
    renamed over the target. On any failure the temporary file is removed and
    :class:`WriteFailed` says which file and why; the target is untouched.
    """
    target = Path(target)
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteFailed(exc.errno, f"could not write {target}: {_reason(exc)}") from None
    tmp = Path(tmp_name)
    try:
        if callable(data):
            os.close(fd)
            fd = -1
            data(tmp)
        else:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            os.close(fd)
            fd = -1
        os.replace(tmp, target)
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise WriteFailed(
            getattr(exc, "errno", 0) or 0,
            f"could not write {target}: {_reason(exc)}; nothing was written",
        ) from None
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- the record of what was written ------------------------------------------------------


def record(
    store: Store,
    kind: str,
    path: str | Path,
    people: list[int],
    *,
    job_id: int | None = None,
    blind: bool = False,
    actor: str = "",
) -> None:
    """Note an export or backup that holds these people's data (``people``: their ids; a
    backup holds everyone).

    A backup made before the database is upgraded (the upgrade's own safety copy) finds no
    record table yet: it is not recorded (it holds everyone, and its name says what it is).
    """
    if not store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exports_written'"
    ).fetchone():
        return
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO exports_written (kind, path, job_id, people, blind, actor, written_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                str(Path(path).resolve()),
                job_id,
                json.dumps(sorted(set(people))),
                int(blind),
                actor,
                now_iso(),
            ),
        )


def holding(conn, person_id: int, since: str | None = None) -> list[dict]:
    """Files on record that hold this person, still on disk: exports naming them, and every
    backup made since ``since`` (when they arrived; a backup from before cannot hold them)."""
    out = []
    for row_id, kind, path, people, written_at in conn.execute(
        "SELECT id, kind, path, people, written_at FROM exports_written ORDER BY id"
    ).fetchall():
        try:
            ids = json.loads(people or "[]")
        except ValueError:
            ids = []
        if kind != "backup" and person_id not in ids:
            continue
        if kind == "backup" and since and written_at < since:
            continue
        if Path(path).exists():
            out.append({"id": row_id, "kind": kind, "path": path, "written_at": written_at})
    return out
