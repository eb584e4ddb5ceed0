"""The states things are in: an application's status, a message's delivery state, a job's.

The values are a contract (the ``applications.status`` column, ``--json`` output,
CSV exports, the README): they are spelled here and only here. Each is a
``StrEnum``, so a member is also the plain string SQLite stores and JSON prints.

An application moves::

    new → shortlisted → interviewing → offered → hired
    any of them → letting_go (note written, message queued) → let_go (message delivered)
    withdrawn: the person withdrew

``letting_go`` and ``let_go`` are reached only through the gate (:mod:`review.gate`).
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where one person stands on one job's list (``applications.status``)."""

    NEW = "new"
    SHORTLISTED = "shortlisted"
    INTERVIEWING = "interviewing"
    OFFERED = "offered"
    HIRED = "hired"
    LETTING_GO = "letting_go"
    LET_GO = "let_go"
    WITHDRAWN = "withdrawn"


NEW, SHORTLISTED, INTERVIEWING, OFFERED, HIRED = (
    Status.NEW,
    Status.SHORTLISTED,
    Status.INTERVIEWING,
    Status.OFFERED,
    Status.HIRED,
)
LETTING_GO, LET_GO, WITHDRAWN = Status.LETTING_GO, Status.LET_GO, Status.WITHDRAWN

STATUSES: tuple[Status, ...] = tuple(Status)
# Still being considered: the reviewer decides what happens next.
ON_THE_LIST = (NEW, SHORTLISTED, INTERVIEWING, OFFERED)
# Statuses a reviewer sets directly; the others belong to the gate.
MANUAL = (*ON_THE_LIST, HIRED)
# The gate may let go from these (a hire too, when a hire falls through).
MAY_LET_GO = (*ON_THE_LIST, HIRED)
# Off the list by a decision or their wish: restore brings them back.
GONE = (LET_GO, WITHDRAWN)
# Decided for good: a job closes only when everyone on it is one of these.
SETTLED = (LET_GO, HIRED, WITHDRAWN)
# On some list, or waiting for the message that tells them where they stand:
# a retention purge never touches these people.
PROTECTED = (*ON_THE_LIST, LETTING_GO)
# Someone the firm is still working with: not in the talent pool.
ACTIVE = (*ON_THE_LIST, HIRED)
# Shortlisted or further along: blind review shows who they are.
PAST_SCREENING = (SHORTLISTED, INTERVIEWING, OFFERED, HIRED)
# Holding an offer or hired: a rejection elsewhere needs explicit confirmation.
COMMITTED = (OFFERED, HIRED)

LABELS: dict[str, str] = {
    NEW: "To review",
    SHORTLISTED: "Shortlisted",
    INTERVIEWING: "Interviewing",
    OFFERED: "Offered",
    HIRED: "Hired",
    LETTING_GO: "Waiting for a message",
    LET_GO: "Let go",
    WITHDRAWN: "Withdrawn",
}

# The window's views over a job's list: (title, statuses shown; None = all).
VIEWS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("To review", frozenset({NEW})),
    ("Shortlisted", frozenset(PAST_SCREENING)),
    ("Waiting for a message", frozenset({LETTING_GO})),
    ("Let go", frozenset(GONE)),
    ("All", None),
)


class MessageState(StrEnum):
    """Where a disposition message is (``messages.state``); see :mod:`review.outbox`."""

    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    IN_DOUBT = "in_doubt"
    CALL_PENDING = "call_pending"  # they prefer a call: the reviewer confirms it was made
    KEPT = "kept"  # they asked not to be contacted: kept on record, never sent


# Not delivered yet: the "Waiting for a message" view lists these.
UNDELIVERED = (
    MessageState.QUEUED,
    MessageState.SENDING,
    MessageState.FAILED,
    MessageState.IN_DOUBT,
    MessageState.CALL_PENDING,
)
# A send may be tried (again) from these; in doubt only by the reviewer's choice.
SENDABLE = (MessageState.QUEUED, MessageState.FAILED, MessageState.IN_DOUBT)


class JobStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
