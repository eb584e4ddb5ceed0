"""Errors in words: one sentence a recruiter can act on, in the window and the command line alike.

:func:`explain` turns what the domain and the system raise — a busy or damaged
database, a full disk, a file that cannot be written, a setting that cannot be
read, the gate's refusal — into that sentence. Anything it does not know is a
bug: :func:`unexpected` keeps the details in a log file and says where.
"""

from __future__ import annotations

import errno
import sqlite3
import traceback
from datetime import UTC, datetime
from pathlib import Path

from review import db as D
from review.gate import GateRefused
from review.jobs import JobNotFound, JobSpecError
from review.people import PersonNotFound
from review.privacy import ErasureRefused
from review.settings import SettingError
from review.workflow import WorkflowError
from review.written import WriteFailed

# Errors whose message is already the sentence (the domain wrote it for a person).
_SAID = (
    D.StoreError,
    SettingError,
    WriteFailed,
    ErasureRefused,
    JobNotFound,
    JobSpecError,
    PersonNotFound,
    WorkflowError,
)


def explain(exc: BaseException, database: Path | str | None = None) -> str | None:
    """The sentence for ``exc``, or None when it is not one Shortlist expects (a bug)."""
    if isinstance(exc, GateRefused):
        return "; ".join(exc.reasons)
    if isinstance(exc, _SAID):
        return str(exc).strip('"')
    if isinstance(exc, sqlite3.Error):
        return D.explain(exc, database or "in use")
    if isinstance(exc, MemoryError):
        return (
            "there was not enough memory to finish: close other programs, or do it in smaller parts"
        )
    if isinstance(exc, UnicodeDecodeError):
        return "a file is not UTF-8 text: save it as UTF-8 and try again"
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, LookupError) and not isinstance(exc, KeyError):
        return str(exc)  # "no message 9999", "no person with id 12": ours, for a person
    return None


def _os_error(exc: OSError) -> str:
    where = exc.filename or "a file"
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return (
            f"the disk is full (writing {where}): make room, then try again "
            "(what was stored is kept)"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where}: permission denied ({reason})"
    if exc.errno == errno.ENOENT:
        return f"{where}: no such file or folder"
    if exc.errno == errno.EISDIR:
        return f"{where} is a folder: give a file"
    if exc.errno == errno.ENOTDIR:
        return f"{where}: a part of the path is a file, not a folder"
    return f"{where}: {reason}"


def unexpected(exc: BaseException, log_folder: Path | None = None) -> str:
    """A bug: the details go to a log file, the user gets one sentence saying where."""
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log = None
    for folder in (log_folder, _default_log_folder()):
        if folder is None:
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / "shortlist-errors.log"
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n{detail}\n")
            break
        except OSError:
            log = None
    where = f"; the details are in {log}" if log else ""
    return (
        f"something unexpected went wrong ({type(exc).__name__}: {exc}){where}: please tell "
        "us what you were doing"
    )


def _default_log_folder() -> Path | None:
    try:
        return D.default_data_dir()
    except Exception:
        return None
