"""What the command groups share: the database, settings, lookups, prompts, a progress bar."""

from __future__ import annotations

import sys
import time

from app.cli import CliError


def open_store(args):
    from review.db import Store, StoreError

    try:
        return Store(args.db)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def settings():
    from review.settings import Settings

    try:
        return Settings()
    except ValueError as exc:
        raise CliError(str(exc)) from None


def job(store, ref: str) -> dict:
    """A job by id or exact title, or a CliError naming the jobs there are."""
    from review.jobs import JobNotFound, resolve_job

    try:
        return resolve_job(store, ref)
    except JobNotFound as exc:
        raise CliError(str(exc)) from None


def person(store, ref: str) -> int:
    """A person's id from their id or exact name, or a CliError saying why not."""
    from review.people import PersonNotFound, resolve_person

    try:
        return resolve_person(store, ref)
    except PersonNotFound as exc:
        raise CliError(str(exc)) from None


def application(store, person_id: int, job_row: dict) -> int:
    from review.workflow import WorkflowError, application_for

    try:
        return application_for(store, person_id, job_row.id)["id"]
    except WorkflowError as exc:
        raise CliError(str(exc)) from None


def ask_password(user: str):
    """The SMTP password, asked on a terminal (kept for this run only); None elsewhere."""
    import getpass

    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"SMTP password for {user} (kept for this session only): ")


def confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def refused(heading: str, reasons: list[str]) -> None:
    """The gate's reasons, kindly, on stderr."""
    print(heading, file=sys.stderr)
    for reason in reasons:
        print(f"  · {reason}", file=sys.stderr)


def _fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    return f"{seconds // 60:d}:{seconds % 60:02d}"


class ProgressBar:
    """A one-line progress bar on a terminal; silent when output is not a terminal."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.enabled = stream.isatty()
        self.last_draw = 0.0

    def update(self, state) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last_draw < 0.1 and state.done < state.total:
            return
        self.last_draw = now
        width = 28
        filled = int(width * state.done / state.total) if state.total else width
        bar = "█" * filled + "░" * (width - filled)
        line = (
            f"\r{bar} {state.done}/{state.total}  {state.rate:5.1f} files/s  "
            f"ETA {_fmt_seconds(state.eta)}  "
        )
        self.stream.write(line)
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
