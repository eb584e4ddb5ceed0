"""The local SQLite database: where it lives, how it is opened, its schema and migrations.

Every write goes through :meth:`Store.transaction`, which starts with
``BEGIN IMMEDIATE``: the write lock is taken up front, so a transaction that
reads and then writes never fails half-way with "database is locked" under
WAL. SQLite errors become :class:`StoreError` with words a recruiter can act on.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from review.schema import MIGRATIONS, execute_script

APP_NAME = "shortlist"


class StoreError(Exception):
    """A database problem, explained."""


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``--db`` wins, then ``SHORTLIST_DB``, then the user's data folder."""
    env = os.environ.get("SHORTLIST_DB")
    if env:
        return Path(env).expanduser()
    return default_data_dir() / "shortlist.db"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An open Shortlist database and the folder of original files beside it."""

    def __init__(
        self, path: str | Path | None = None, *, migrate: bool = True, busy_seconds: float = 10.0
    ):
        """``busy_seconds``: how long a write waits for another program's write to end before
        :class:`StoreError` says the database is busy (the window waits longer than a command)."""
        self.path = Path(path) if path is not None else default_db_path()
        self.busy_seconds = busy_seconds
        in_memory = str(self.path) == ":memory:"
        if not in_memory:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for the database {self.path}: {exc.strerror}"
                ) from None
        try:
            conn = sqlite3.connect(
                str(self.path), timeout=busy_seconds, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from None
        self.conn = conn
        # sqlite_utils.Database, made on first use (a nested transaction): importing
        # sqlite_utils (and the numpy, click and dateutil it loads) took ~0.2 s of
        # every command's start, most of `shortlist job add`.
        self._db = None
        self._step_progress: Callable[[float], None] | None = None
        try:
            # What sqlite_utils.Database sets on a connection it is given.
            conn.execute("PRAGMA recursive_triggers=on")
            if not in_memory:
                conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a crash of the app at any moment;
            # only a power cut can lose the last commits, never consistency.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # 8 MB of page cache (SQLite's default is 2): ranking 10,000 people reads a few MB
            # of matches; more only grows the window's memory as it reads.
            conn.execute("PRAGMA cache_size=-8192")
            conn.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(explain(exc, self.path)) from None
        if in_memory:
            import tempfile

            self.files_dir = Path(tempfile.mkdtemp(prefix="shortlist-files-"))
        else:
            self.files_dir = self.path.with_name(self.path.stem + "-files")
        if migrate:
            try:
                self.migrate()
            except sqlite3.DatabaseError as exc:  # reading the version of a damaged file
                conn.close()
                raise StoreError(explain(exc, self.path)) from None

    def use_small_cache(self) -> None:
        """A connection that mostly writes needs little page cache; the reader's 8 MB (for
        ranking) would only grow the process as an import goes on."""
        self.conn.execute("PRAGMA cache_size=-4096")

    # --- transactions ---------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work. Nested calls become savepoints of the outer one."""
        conn = self.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(explain(exc, self.path)) from None
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(explain(exc, self.path)) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema ---------------------------------------------------------

    @property
    def db(self):
        """The connection as a ``sqlite_utils.Database``."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @property
    def schema_version(self) -> int:
        if not self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone():
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def pending_migrations(self) -> list[int]:
        current = self.schema_version
        return [version for version, _ in MIGRATIONS if version > current]

    def migrate(self, progress: Callable[[float], None] | None = None) -> list[int]:
        """Bring the schema up to date, one transaction per step. Returns the versions applied.

        ``progress(fraction)`` hears how far the whole update is (0 to 1): before each step,
        and within a long step that reports it (:meth:`step_progress`).
        """
        applied = []
        todo = [(version, step) for version, step in MIGRATIONS if version > self.schema_version]
        for number, (version, step) in enumerate(todo):
            if version <= self.schema_version:
                continue
            if progress is not None:
                progress(number / len(todo))
                self._step_progress = lambda done, n=number: progress((n + done) / len(todo))
            # A step that rebuilds a table others refer to runs with foreign keys off
            # (they cannot change inside a transaction), and they are checked before commit.
            keys_off = getattr(step, "foreign_keys_off", False)
            if keys_off:
                self.conn.execute("PRAGMA foreign_keys=OFF")
            try:
                with self.transaction() as conn:
                    if isinstance(step, str):
                        execute_script(conn, step)
                    else:
                        step(self)
                    if keys_off and conn.execute("PRAGMA foreign_key_check").fetchone():
                        raise sqlite3.IntegrityError("a row points at something that is not there")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
                    )
                    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            except sqlite3.Error as exc:
                raise StoreError(
                    f"could not upgrade the database to version {version}: {exc}"
                ) from None
            finally:
                self._step_progress = None
                if keys_off:
                    self.conn.execute("PRAGMA foreign_keys=ON")
            applied.append(version)
        if progress is not None and todo:
            progress(1.0)
        return applied

    def step_progress(self, done: float) -> None:
        """How far the migration step under way is (0 to 1), for whoever follows it."""
        if self._step_progress is not None:
            self._step_progress(min(1.0, max(0.0, done)))

    # --- helpers --------------------------------------------------------

    def query(self, sql: str, params=()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(self, sql: str, params=()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params=()):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None


def explain(exc: sqlite3.Error, path: Path | str) -> str:
    """One sentence a recruiter can act on, for an error SQLite raised about the database."""
    text = " ".join(str(exc).split())  # SQLite may quote a damaged schema's line breaks
    if "locked" in text or "busy" in text:
        return (
            f"the database {path} is busy: another program is writing to it (is Shortlist open "
            "twice?); nothing was changed — try again when it has finished"
        )
    if "readonly" in text or "read-only" in text:
        return f"the database {path} is read-only: check the file's permissions"
    if ("disk" in text and "full" in text) or "SQLITE_FULL" in text:
        return (
            f"the disk holding {path} is full: make room, then try again (what was stored is kept)"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"the database {path} is damaged ({text}): restore a backup with "
            "`shortlist restore-backup FILE`, or keep a copy of it and ask for help"
        )
    if "unable to open" in text:
        return f"cannot open the database {path}: check that its folder exists and can be written"
    return f"database error in {path}: {text}"
