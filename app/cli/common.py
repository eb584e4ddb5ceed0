"""What the command groups share: the database, settings, lookups, prompts, a progress bar."""

from __future__ import annotations

import argparse
import re
import sys
import time

from app.cli import CliError

# A command waits this long for another program's write to finish, then says the database
# is busy (the window, which takes turns with its own writer, waits longer).
BUSY_SECONDS = 3.0

# What a terminal obeys rather than prints: C0 and C1 controls (escape sequences, carriage
# returns, line breaks), DEL, line and paragraph separators, and the bidirectional overrides
# that can reorder what a line appears to say.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match) -> str:
    ch = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    )


def term(text) -> str:
    """Text from a file or a person (a name, a ZIP member's path) as a terminal shows it safely:
    control characters written out (``\\x1b``, ``\\n``), never obeyed."""
    return _CONTROLS.sub(_escaped, "" if text is None else str(text))


class EscapingStream:
    """stdout or stderr that writes out any control character but a line end or a tab: the
    last guard, for text that reaches a print without :func:`term`."""

    _KEEP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(self._KEEP.sub(_escaped, text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def bounded(low: float, high: float, what: str, kind: type = int):
    """An argparse type: a number (``kind``: int or float) from ``low`` to ``high``, or a usage
    error that says so."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            number = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"{what} must be {number}, not {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be from {low} to {high}, not {value}")
        return value

    return parse


def open_store(args):
    from review.db import Store, StoreError

    try:
        return Store(args.db, busy_seconds=BUSY_SECONDS)
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


def read_secret(prompt: str) -> str:
    """A secret typed on a terminal, never echoed; from a pipe, its first line."""
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


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

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr  # looked up now: main() may have wrapped it
        self.enabled = self.stream.isatty()
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
