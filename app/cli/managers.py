"""Hiring managers: export a shortlist, read their answers back."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import DB, EXIT_ERROR, EXIT_OK, CliError
from app.cli.common import job, open_store, settings


def cmd_export(args) -> int:
    from app.exporting import export_shortlist
    from review.written import WriteFailed

    store = open_store(args)
    row_job = job(store, args.job)
    conf = settings()
    try:
        path, count = export_shortlist(
            store,
            row_job,
            args.format,
            args.out,
            blind=args.blind,
            include=args.include,
            reviewer=conf.get("reviewer.name"),
            page=args.page,
            summary=args.summary,
        )
    except WriteFailed as exc:  # names the file and why; nothing was left behind
        raise CliError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise CliError(f"{args.out}: {exc}") from None
    who = "shortlisted people" if args.include == "shortlisted" else "people"
    print(f"Wrote {path} ({count} {who}{', blind' if args.blind else ''}).")
    if count == 0 and args.include == "shortlisted":
        print(
            "Nobody is shortlisted for this job yet: --include all exports everyone.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_import_decisions(args) -> int:
    from review.exports import import_decisions

    store = open_store(args)
    row_job = job(store, args.job)
    conf = settings()
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CliError(f"{args.file}: not UTF-8 text (save the CSV as UTF-8)") from None
    result = import_decisions(store, row_job, text, conf.reviewer(), Path(args.file).name)
    counts: dict[str, int] = {}
    for _, decision in result.applied:
        counts[decision] = counts.get(decision, 0) + 1
    read = ", ".join(f"{n} {d}" for d, n in sorted(counts.items())) or "none"
    print(f"Read {len(result.applied)} decision(s) for {row_job.title}: {read}")
    if counts.get("no"):
        print(
            f"{counts['no']} 'no' answer(s) are suggestions: each person is let go only through "
            "the gate (a note and a message), in the app or with `shortlist drop`."
        )
    for problem in result.problems:
        print(f"  problem: {problem}", file=sys.stderr)
    return EXIT_ERROR if result.problems and not result.applied else EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        parents=[DB],
        help="export a job's shortlist for a hiring manager (PDF, HTML or CSV)",
    )
    p.add_argument("--job", required=True)
    p.add_argument("--format", required=True, choices=["pdf", "html", "csv"])
    p.add_argument("--out", required=True, metavar="PATH", help="a file, or a folder to write into")
    p.add_argument(
        "--blind", action="store_true", help="pseudonyms; no names, contact details or locations"
    )
    p.add_argument("--include", choices=["shortlisted", "all"], default="shortlisted")
    p.add_argument(
        "--summary",
        action="store_true",
        help="HTML and PDF: add whether everyone heard back (figures, no names)",
    )
    p.add_argument("--page", choices=["A4", "Letter"], default="A4", help="PDF page size")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import-decisions",
        parents=[DB],
        help="read a manager's answers (the exported CSV) back as suggestions",
    )
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--job", required=True)
    p.set_defaults(func=cmd_import_decisions)
