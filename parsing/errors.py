"""Outcomes of reading one file, and the exception that carries a problem outcome."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """What happened to one file. The values are a contract (CLI JSON, database)."""

    OK = "ok"
    UNSUPPORTED = "unsupported"  # not a format we read; the message names what it is
    NO_TEXT = "no_text"  # no text layer: a scan or a picture
    UNREADABLE_TEXT = "unreadable_text"  # text that is mostly unmapped glyphs
    ENCRYPTED = "encrypted"
    MALFORMED = "malformed"  # broken file; the message says how
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    TOO_COMPLEX = "too_complex"  # over the worker's memory cap

    @property
    def label(self) -> str:
        """Words for a recruiter."""
        return _LABELS[self]


_LABELS = {
    Outcome.OK: "imported",
    Outcome.UNSUPPORTED: "not a resume format",
    Outcome.NO_TEXT: "no text (scanned image?)",
    Outcome.UNREADABLE_TEXT: "text cannot be read",
    Outcome.ENCRYPTED: "password-protected",
    Outcome.MALFORMED: "damaged file",
    Outcome.TOO_LARGE: "too large",
    Outcome.TIMEOUT: "took too long",
    Outcome.TOO_COMPLEX: "too complex to read",
}


def size_text(n: int) -> str:
    """A size in MB as people set it (1 MB = 1024 × 1024 bytes, like the limit settings)."""
    mb = n / 1024**2
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def too_large_message(size: int, limit: int) -> str:
    return f"{size_text(size)} is over the {size_text(limit)} limit"


class ParseProblem(Exception):
    """A file that cannot be read as a resume, with an outcome and a clear reason."""

    def __init__(self, outcome: str | Outcome, message: str):
        super().__init__(message)
        self.outcome = Outcome(outcome)
        self.message = message

    def __str__(self) -> str:
        return self.message
