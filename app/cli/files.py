"""Files in and out: parse, import, people, demo, backup and restore-backup."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from app.cli import DB, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, CliError
from app.cli.common import (
    ProgressBar,
    bounded,
    confirm,
    job,
    open_store,
    read_secret,
    settings,
    term,
)
from parsing.errors import Outcome, too_large_message


def _read_candidates(candidates, max_bytes: int, results: dict[int, dict]) -> list:
    """Parse jobs for the files that can be read; a result for each that cannot."""
    from parsing.batch import ParseJob, problem_result
    from parsing.collect import TooBig
    from parsing.mail import apply_message

    jobs = []
    for index, cand in enumerate(candidates):
        if cand.problem is not None:
            results[index] = apply_message(problem_result(cand.source, *cand.problem), cand.message)
            continue
        if cand.size > max_bytes:
            message = too_large_message(cand.size, max_bytes)
            results[index] = problem_result(cand.source, Outcome.TOO_LARGE, message)
            continue
        try:
            data = cand.read()
        except TooBig as exc:
            results[index] = problem_result(cand.source, Outcome.TOO_LARGE, str(exc))
            continue
        except Exception as exc:
            results[index] = problem_result(cand.source, Outcome.MALFORMED, f"cannot read: {exc}")
            continue
        jobs.append(ParseJob(index, cand.source, data))
    return jobs


def cmd_parse(args) -> int:
    from parsing.batch import Pool, ReadersCannotStart, WorkerLimits, problem_result
    from parsing.collect import collect
    from parsing.mail import apply_message

    candidates, _ = collect(args.files)
    results: dict[int, dict] = {}
    max_bytes = args.max_mb * 1024 * 1024
    jobs = _read_candidates(candidates, max_bytes, results)  # one ParseJob per readable file
    if jobs:
        limits = WorkerLimits(time_limit=args.time_limit, max_bytes=max_bytes, ocr=not args.no_ocr)
        try:
            with Pool(min(args.workers or os.cpu_count() or 1, len(jobs)), limits) as pool:
                for key, result, _ in pool.run(jobs):
                    result["file"] = candidates[key].source
                    results[key] = apply_message(result, candidates[key].message)
        except ReadersCannotStart as exc:
            for parse_job in jobs:
                source = candidates[parse_job.key].source
                results.setdefault(
                    parse_job.key, problem_result(source, Outcome.MALFORMED, f"not read: {exc}")
                )
    # In the order the files were given (largest first would surprise a reader).
    for index in sorted(results, key=lambda i: _input_rank(candidates[i].source, args.files)):
        result = results[index]
        if args.json:
            from parsing.resume import ParsedResume

            # Documents found in e-mail also carry their message (the cover letter).
            keys = ParsedResume.PUBLIC_KEYS + (
                ("message", "from_message") if "message" in result else ()
            )
            public = {k: result.get(k) for k in keys}
            print(json.dumps(public, ensure_ascii=False))
        else:
            _print_parse_summary(result)
    return EXIT_OK


def _input_rank(source: str, given: list[str]) -> tuple[int, str]:
    for rank, path in enumerate(given):
        if source == path or source.startswith(path.rstrip("/") + "/"):
            return rank, source
    return len(given), source


def _print_parse_summary(result: dict) -> None:
    print(term(result["file"]))
    if result["outcome"] != "ok":
        print(f"  {Outcome(result['outcome']).label}: {term(result['error'])}")
        print()
        return
    years = result.get("years_experience")
    education = "; ".join(
        " — ".join(x for x in (e.get("degree"), e.get("institution")) if x)
        for e in result.get("education") or []
    )
    rows = [
        ("name", result.get("name")),
        ("title", result.get("title")),
        ("emails", ", ".join(result.get("emails") or [])),
        ("phones", ", ".join(result.get("phones") or [])),
        ("links", ", ".join(result.get("links") or [])),
        ("location", result.get("location")),
        ("experience", f"{years:g} years" if years is not None else None),
        ("education", education),
        ("skills", ", ".join(result.get("skills") or [])),
        ("sections", ", ".join(result.get("sections") or [])),
        ("pages", result.get("pages")),
    ]
    for label, value in rows:
        print(f"  {label:<11} {term(value) if value not in (None, '') else '—'}")
    print()


def _is_mailbox(path: str) -> bool:
    return path.lower().startswith(("imap://", "imaps://"))


def cmd_import(args) -> int:
    from review.importer import Importer, ImportOptions

    mailboxes = [p for p in args.paths if _is_mailbox(p)]
    if mailboxes and len(args.paths) > 1:
        raise CliError("import one mailbox at a time, without files beside it")
    if args.since and not mailboxes:
        raise CliError("--since is for a mailbox (imap://USER@HOST[:PORT]/FOLDER)")
    store = open_store(args)
    job_id = job(store, args.job).id if args.job else None
    for path in args.paths:
        if not mailboxes and not Path(path).exists():
            raise CliError(f"{path}: no such file or folder")
    options = ImportOptions.from_settings(
        settings(),
        job_id=job_id,
        workers=args.workers,
        time_limit=args.time_limit,
        max_mb=args.max_mb,
    )
    bar = ProgressBar()
    stop = {"requested": False}
    try:
        if mailboxes:
            return _import_mailbox(store, mailboxes[0], args.since, options, bar)
        report = Importer(store, options).run(
            args.paths, progress=bar.update, cancelled=lambda: stop["requested"]
        )
    except KeyboardInterrupt:
        bar.finish()
        print(
            "Stopped. Everything stored so far is kept; run the same import again to finish it.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    bar.finish()
    print_import_summary(report, store)
    return EXIT_OK


def _import_mailbox(store, url: str, since, options, bar) -> int:
    """New messages of an IMAP folder and their attachments, as one batch (review.mailbox)."""
    from parsing.imap import MailboxError
    from review.mailbox import import_mailbox

    def ask(user: str) -> str | None:
        if not sys.stdin.isatty():
            return None  # a script gets the keyring's password or a clear error
        return read_secret(f"IMAP password for {user} (not stored): ") or None

    try:
        done = import_mailbox(
            url, lambda fn: fn(store), options, since=since, ask=ask, progress=bar.update
        )
    except MailboxError as exc:
        bar.finish()
        raise CliError(str(exc)) from None
    bar.finish()
    s = done.summary
    print(
        f"{done.address}: {s.found} message(s){' since ' + since.isoformat() if since else ''}, "
        f"{s.skipped_known} imported before (skipped), {s.fetched + s.too_large} read; "
        "nothing was changed on the server"
    )
    print_import_summary(done.report, store)
    return EXIT_OK


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def print_import_summary(report, store) -> None:
    counts = report.counts()
    total = len(report.files)
    rate = report.parsed / report.seconds if report.seconds else 0
    junk = f", skipped {report.skipped_junk} system file(s)" if report.skipped_junk else ""
    print(f"Imported {total} file(s) in {report.seconds:.1f} s ({rate:.1f} files/s parsed){junk}")
    known = sum(1 for f in report.files if f.known)
    for outcome in [o.value for o in Outcome]:
        if counts.get(outcome):
            print(f"  {outcome:<16} {counts[outcome]:>6}   {Outcome(outcome).label}")
    if known:
        print(f"  ({known} already in the database: not parsed again)")
    print(f"People from this import: {len(report.people)}")
    if report.problems:
        print("\nNot imported cleanly:")
        for f in sorted(report.problems, key=lambda f: f.source):
            # A ZIP member's name is the ZIP author's: written out, never obeyed by the terminal.
            print(f"  {term(f.source)}\n      {f.outcome}: {term(f.error)}")
    print(f"\nDatabase: {store.path}")


def cmd_people(args) -> int:
    from review.people import list_people

    store = open_store(args)
    rows = list_people(store)
    if args.json:
        for row in rows:
            out = {
                "id": row["id"],
                "name": row["name"],
                "emails": row["emails"],
                "outcome": row["outcome"],
                "file": row["original_name"],
                "title": row["title"],
            }
            print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print(f"No people in {store.path} yet. Import resumes with: shortlist import FOLDER")
        return EXIT_OK
    width = max(len(str(r["id"])) for r in rows)
    for row in rows:
        name = term(row["name"] or f"({row['original_name']})")
        emails = term(", ".join(row["emails"])) or "—"
        outcome = "" if row["outcome"] == "ok" else f"  [{row['outcome']}]"
        print(f"{row['id']:>{width}}  {name:<32} {emails}{outcome}")
    print(f"\n{len(rows)} people in {store.path}")
    return EXIT_OK


def cmd_demo(args) -> int:
    """Generate demo resumes, import them and print the summary."""
    from app.demo import demo_folder, ensure_demo_job
    from review.importer import Importer, ImportOptions

    store = open_store(args)
    folder = demo_folder(store, args.count)
    job_id = ensure_demo_job(store)
    print(f"Demo resumes: {folder}")
    bar = ProgressBar()
    options = ImportOptions.from_settings(settings(), job_id=job_id)
    report = Importer(store, options).run([folder], progress=bar.update)
    bar.finish()
    print_import_summary(report, store)
    _say_how_messages_go(store)
    return EXIT_OK


def _say_how_messages_go(store) -> None:
    """Before anyone is let go, what "sent" will mean (the demo says it, as the window does)."""
    from review.outbox import transport_from_settings

    transport = transport_from_settings(store, settings())
    if transport.name == "outbox":
        print(
            f"\nMessages you send are {transport.accepted()}: nobody receives them until it does. "
            "To send them yourself: shortlist config set transport smtp (and smtp.host, smtp.user, "
            "then shortlist config password)."
        )
    else:
        print(f"\nMessages you send go out by {transport.describe()}.")


def cmd_backup(args) -> int:
    from review.backup import backup
    from review.db import StoreError

    store = open_store(args)
    try:
        path = backup(store, args.path)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Backed up {store.path} to {path}")
    return EXIT_OK


def cmd_restore_backup(args) -> int:
    from review.backup import restore_backup
    from review.db import StoreError, default_db_path

    target = Path(args.db) if args.db else default_db_path()
    if target.exists() and not args.yes and not confirm(f"Replace {target} with {args.path}?"):
        print("Nothing restored. (Add --yes to replace without asking.)", file=sys.stderr)
        return EXIT_REFUSED
    try:
        kept = restore_backup(args.path, target)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    previous = f" (the previous database is kept as {kept})" if kept else ""
    print(f"Restored {target} from {args.path}{previous}")
    return EXIT_OK


WORKERS = bounded(0, 64, "--workers")
MEGABYTES = bounded(1, 1024, "--max-mb")
SECONDS = bounded(1, 3600, "--time-limit", float)


def _reader_options(p: argparse.ArgumentParser, from_settings: bool) -> None:
    if from_settings:  # import: the import.* settings, unless a flag says otherwise
        workers = "worker processes (default: the import.workers setting; 0 = one per core)"
        p.add_argument("--workers", type=WORKERS, help=workers)
        time_limit = "seconds per file (default: the import.time_limit setting, 30)"
        p.add_argument("--time-limit", type=SECONDS, help=time_limit)
        max_mb = "largest file in MB (default: the import.max_mb setting, 20)"
        p.add_argument("--max-mb", type=MEGABYTES, help=max_mb)
        return
    p.add_argument(
        "--workers", type=WORKERS, default=0, help="worker processes (default: one per core)"
    )
    p.add_argument("--time-limit", type=SECONDS, default=30.0, help="seconds per file (default 30)")
    p.add_argument("--max-mb", type=MEGABYTES, default=20, help="largest file in MB (default 20)")


def register(sub) -> None:
    p = sub.add_parser("parse", help="parse files without storing them")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="resumes, folders, ZIPs, e-mails or mailboxes"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per document per line")
    _reader_options(p, from_settings=False)
    p.add_argument(
        "--no-ocr", action="store_true", help="do not read scans and photos (they get no_text)"
    )
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("import", parents=[DB], help="import resumes into the database")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders, ZIPs, e-mails, or a mailbox: imap://USER@HOST[:PORT]/FOLDER "
        "(TLS; the password from the system keyring, service shortlist-imap, user USER@HOST)",
    )
    p.add_argument("--job", help="link everyone imported to this job (id or exact title)")
    p.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="a mailbox's messages from this day on (YYYY-MM-DD)",
    )
    _reader_options(p, from_settings=True)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("people", parents=[DB], help="list stored people")
    p.add_argument("--json", action="store_true", help="one JSON object per person per line")
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("demo", parents=[DB], help="generate demo resumes and import them")
    p.add_argument(
        "--count",
        type=bounded(1, 5000, "--count"),
        default=200,
        help="how many resumes, 1 to 5000 (default 200)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("backup", parents=[DB], help="back the database up (SQLite's online backup)")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore-backup", parents=[DB], help="replace the database with a backup")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--yes", action="store_true")
    p.set_defaults(func=cmd_restore_backup)
