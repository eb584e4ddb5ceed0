"""Export a shortlist to PDF, HTML or CSV: one function for the CLI and the window."""

from __future__ import annotations

from pathlib import Path

from review.exports import build_shortlist, to_csv, to_html
from review.jobs import Job

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
    summary: bool = False,
) -> tuple[Path, int]:
    """Write the export; returns its path and how many people it holds."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    if out.is_dir():
        safe = (
            "".join(ch if ch.isalnum() else "-" for ch in job.title).strip("-").lower()
            or "shortlist"
        )
        out = out / f"shortlist-{safe}{'-blind' if blind else ''}.{fmt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    shortlist = build_shortlist(
        store, job, include=include, blind=blind, reviewer=reviewer, summary=summary
    )
    if fmt == "pdf":
        from app.export_pdf import write_pdf

        write_pdf(shortlist, out, page)
    elif fmt == "html":
        out.write_text(to_html(shortlist), encoding="utf-8")
    else:
        # Excel opens UTF-8 CSV correctly only with a byte-order mark.
        out.write_text("\ufeff" + to_csv(shortlist), encoding="utf-8")
    return out, len(shortlist.people)
