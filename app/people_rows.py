"""One row of the people table, and reading a job's rows (on any thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from review.people import application_rows


@dataclass
class Row:
    person: int
    application: int
    name: str | None
    status: str
    created_at: str
    years: float | None
    file: str
    outcome: str
    score: float | None = None  # None until ranked: shown as "…", never as a 0
    advice: str = ""
    top: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rank: int = 0
    created_ts: float | None = None  # created_at as a timestamp, parsed once


def fetch_rows(store, job_id: int | None, person_ids: list[int] | None = None) -> list[Row]:
    """A job's rows, all or some people's. Any thread: all of them take 0.1 s at 10,000
    people, too long for the UI thread (app.tasks.read_task)."""
    if job_id is None:
        return []
    rows = [Row(*fields) for fields in application_rows(store, job_id, person_ids)]
    for row in rows:
        timestamp(row)  # parsed here, off the UI thread (the waiting banner needs them all)
    return rows


def timestamp(row: Row) -> float:
    """When the application arrived, parsed once per row."""
    if row.created_ts is None:
        try:
            when = datetime.fromisoformat(row.created_at)
            row.created_ts = (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()
        except ValueError:
            row.created_ts = datetime.now(UTC).timestamp()
    return row.created_ts
