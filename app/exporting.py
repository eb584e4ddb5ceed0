"""Export a shortlist to PDF, HTML or CSV: one function for the CLI and the window."""

from __future__ import annotations

from pathlib import Path

from review.exports import build_shortlist, to_csv, to_html
from review.jobs import Job
from review.written import check_target, record, write_atomic

FORMATS = ("pdf", "html", "csv")


def export_shortlist(
    store,
    job: Job,
    fmt: str,
    out: str | Path,
    *,
    blind: bool = False,
    include: str = "shortlisted",
    reviewer: str = "",
    page: str = "A4",
    write=None,
    summary: bool = False,
) -> tuple[Path, int]:
    """Write the export; returns its path and how many people it holds.

    ``write(fn)`` runs ``fn(store)`` where the database is written (the window's one
    writer); without it, the record of the export is written on ``store`` directly.
    """
    out = export_target(job, fmt, out, blind)
    shortlist = build_shortlist(
        store, job, include=include, blind=blind, reviewer=reviewer, summary=summary
    )
    return write_shortlist(
        shortlist, job, fmt, out, page=page, write=write or (lambda fn: fn(store))
    )


def export_target(job: Job, fmt: str, out: str | Path, blind: bool) -> Path:
    """The file an export goes to (a folder gets a file named for the job); a device or a
    folder where the file should be is refused before any work."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    if out.is_dir():
        safe = (
            "".join(ch if ch.isalnum() else "-" for ch in job.title).strip("-").lower()
            or "shortlist"
        )
        out = out / f"shortlist-{safe}{'-blind' if blind else ''}.{fmt}"
    check_target(out)  # a device or a folder: refused before any work
    return out


def write_shortlist(
    shortlist, job: Job, fmt: str, out: Path, *, page: str = "A4", write
) -> tuple[Path, int]:
    """Write a shortlist built already (the window builds it off the UI thread), and record
    the export through ``write``."""
    if fmt == "pdf":
        from app.export_pdf import pdf_bytes

        data = pdf_bytes(shortlist, page)
    elif fmt == "html":
        data = to_html(shortlist).encode("utf-8")
    else:
        # Excel opens UTF-8 CSV correctly only with a byte-order mark.
        data = ("\ufeff" + to_csv(shortlist)).encode("utf-8")
    # Whole or not at all: a temporary file beside the target, renamed into place.
    write_atomic(out, data)
    people = [p.person_id for p in shortlist.people]
    blind, reviewer = shortlist.blind, shortlist.reviewer
    write(lambda s: record(s, "shortlist", out, people, job_id=job.id, blind=blind, actor=reviewer))
    return out, len(people)
