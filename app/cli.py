"""The ``shortlist`` command line.

With no command it opens the desktop app. Every command takes ``--db PATH``
(or the ``SHORTLIST_DB`` environment variable); the default database lives in
the user's data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from parsing.errors import Outcome, too_large_message

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _db_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # On a sub-command the option must not reset a --db given before the command.
    parser.add_argument("--db", metavar="PATH", default=None if top else argparse.SUPPRESS,
                        help="database file (default: $SHORTLIST_DB or the data folder)")


def _open_store(args):
    from review.db import Store, StoreError

    try:
        return Store(args.db)
    except StoreError as exc:
        raise CliError(str(exc)) from None


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
        line = (f"\r{bar} {state.done}/{state.total}  {state.rate:5.1f} files/s  "
                f"ETA {_fmt_seconds(state.eta)}  ")  # fmt: skip
        self.stream.write(line)
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# --- parse -------------------------------------------------------------------


def cmd_parse(args) -> int:
    from parsing.batch import Job, Pool, ReadersCannotStart, Settings, problem_result
    from parsing.collect import TooBig, collect

    candidates, _ = collect(args.files)
    by_key = {}
    results: dict[int, dict] = {}
    jobs = []
    for index, cand in enumerate(candidates):
        if cand.problem is not None:
            results[index] = problem_result(cand.source, *cand.problem)
            continue
        if cand.size > args.max_mb * 1024 * 1024:
            results[index] = problem_result(cand.source, Outcome.TOO_LARGE,
                                            too_large_message(cand.size, args.max_mb * 1024 * 1024))  # fmt: skip
            continue
        try:
            data = cand.read()
        except TooBig as exc:
            results[index] = problem_result(cand.source, Outcome.TOO_LARGE, str(exc))
            continue
        except Exception as exc:
            results[index] = problem_result(cand.source, Outcome.MALFORMED, f"cannot read: {exc}")
            continue
        by_key[index] = cand
        jobs.append(Job(index, cand.source, data))
    if jobs:
        settings = Settings(time_limit=args.time_limit, max_bytes=args.max_mb * 1024 * 1024)
        try:
            with Pool(min(args.workers or os.cpu_count() or 1, len(jobs)), settings) as pool:
                for key, result, _ in pool.run(jobs):
                    result["file"] = by_key[key].source
                    results[key] = result
        except ReadersCannotStart as exc:
            for job in jobs:
                results.setdefault(job.key, problem_result(by_key[job.key].source, Outcome.MALFORMED, f"not read: {exc}"))
    # In the order the files were given (largest first would surprise a reader).
    order = sorted(results, key=lambda i: _input_rank(candidates[i].source, args.files))
    for index in order:
        result = results[index]
        if args.json:
            from parsing.resume import ParsedResume

            print(json.dumps({k: result.get(k) for k in ParsedResume.PUBLIC_KEYS}, ensure_ascii=False))
        else:
            _print_parse_summary(result)
    return EXIT_OK


def _input_rank(source: str, given: list[str]) -> tuple[int, str]:
    for rank, path in enumerate(given):
        if source == path or source.startswith(path.rstrip("/") + "/"):
            return rank, source
    return len(given), source


def _print_parse_summary(result: dict) -> None:
    print(result["file"])
    if result["outcome"] != "ok":
        print(f"  {Outcome(result['outcome']).label}: {result['error']}")
        print()
        return
    rows = [
        ("name", result.get("name")),
        ("title", result.get("title")),
        ("emails", ", ".join(result.get("emails") or [])),
        ("phones", ", ".join(result.get("phones") or [])),
        ("links", ", ".join(result.get("links") or [])),
        ("location", result.get("location")),
        ("experience", f"{result['years_experience']:g} years" if result.get("years_experience") is not None else None),
        ("education", "; ".join(
            " — ".join(x for x in (e.get("degree"), e.get("institution")) if x) for e in result.get("education") or [])),
        ("skills", ", ".join(result.get("skills") or [])),
        ("sections", ", ".join(result.get("sections") or [])),
        ("pages", result.get("pages")),
    ]  # fmt: skip
    for label, value in rows:
        print(f"  {label:<11} {value if value not in (None, '') else '—'}")
    print()


# --- import --------------------------------------------------------------------


def cmd_import(args) -> int:
    from review.importer import Importer, ImportOptions
    from review.jobs import JobNotFound, resolve_job

    store = _open_store(args)
    job_id = None
    if args.job:
        try:
            job_id = resolve_job(store, args.job)["id"]
        except JobNotFound as exc:
            raise CliError(str(exc)) from None
    for path in args.paths:
        if not Path(path).exists():
            raise CliError(f"{path}: no such file or folder")
    options = ImportOptions(
        workers=args.workers or 0, time_limit=args.time_limit, max_bytes=args.max_mb * 1024 * 1024,
        job_id=job_id,
    )  # fmt: skip
    bar = ProgressBar()
    stop = {"requested": False}
    try:
        report = Importer(store, options).run(args.paths, progress=bar.update, cancelled=lambda: stop["requested"])
    except KeyboardInterrupt:
        bar.finish()
        print("Stopped. Everything stored so far is kept; run the same import again to finish it.", file=sys.stderr)
        return 130
    bar.finish()
    _print_import_summary(report, store)
    return EXIT_OK


def _print_import_summary(report, store) -> None:
    counts = report.counts()
    total = len(report.files)
    rate = report.parsed / report.seconds if report.seconds else 0
    print(f"Imported {total} file(s) in {report.seconds:.1f} s ({rate:.1f} files/s parsed)"
          + (f", skipped {report.skipped_junk} system file(s)" if report.skipped_junk else ""))  # fmt: skip
    known = sum(1 for f in report.files if f.known)
    for outcome in [o.value for o in Outcome]:
        if counts.get(outcome):
            print(f"  {outcome:<16} {counts[outcome]:>6}   {Outcome(outcome).label}")
    if known:
        print(f"  ({known} already in the database: not parsed again)")
    people = len(report.people)
    print(f"People from this import: {people}")
    if report.problems:
        print("\nNot imported cleanly:")
        for f in sorted(report.problems, key=lambda f: f.source):
            print(f"  {f.source}\n      {f.outcome}: {f.error}")
    print(f"\nDatabase: {store.path}")


# --- people --------------------------------------------------------------------


def cmd_people(args) -> int:
    store = _open_store(args)
    rows = store.query(
        "SELECT p.id, p.name, p.emails, p.title, d.outcome, d.original_name, d.error FROM people p "
        "JOIN documents d ON d.id = p.document_id ORDER BY p.id"
    )
    if args.json:
        for row in rows:
            print(json.dumps({
                "id": row["id"], "name": row["name"], "emails": json.loads(row["emails"]),
                "outcome": row["outcome"], "file": row["original_name"], "title": row["title"],
            }, ensure_ascii=False))  # fmt: skip
        return EXIT_OK
    if not rows:
        print(f"No people in {store.path} yet. Import resumes with: shortlist import FOLDER")
        return EXIT_OK
    width = max(len(str(r["id"])) for r in rows)
    for row in rows:
        name = row["name"] or f"({row['original_name']})"
        emails = ", ".join(json.loads(row["emails"])) or "—"
        outcome = "" if row["outcome"] == "ok" else f"  [{row['outcome']}]"
        print(f"{row['id']:>{width}}  {name:<32} {emails}{outcome}")
    print(f"\n{len(rows)} people in {store.path}")
    return EXIT_OK


# --- demo ------------------------------------------------------------------------


def cmd_demo(args) -> int:
    """Generate demo resumes, import them and print the summary."""
    from app.demo import demo_folder, ensure_demo_job
    from review.importer import Importer, ImportOptions

    store = _open_store(args)
    folder = demo_folder(store, args.count)
    job_id = ensure_demo_job(store)
    print(f"Demo resumes: {folder}")
    bar = ProgressBar()
    report = Importer(store, ImportOptions(job_id=job_id)).run([folder], progress=bar.update)
    bar.finish()
    _print_import_summary(report, store)
    return EXIT_OK


# --- jobs, ranking ----------------------------------------------------------------------


def _job(store, ref: str) -> dict:
    from review.jobs import JobNotFound, resolve_job

    try:
        return resolve_job(store, ref)
    except JobNotFound as exc:
        raise CliError(str(exc)) from None


def _person_id(store, ref: str) -> int:
    text = str(ref).strip()
    if text.isdigit() and store.one("SELECT id FROM people WHERE id = ?", (int(text),)):
        return int(text)
    rows = store.query("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (text,))
    if len(rows) == 1:
        return rows[0]["id"]
    if len(rows) > 1:
        raise CliError(f"{len(rows)} people are called {text!r} (ids {', '.join(str(r['id']) for r in rows)}): give the id")
    raise CliError(f"no person with id or name {text!r} (see: shortlist people)")


def _application(store, person_id: int, job: dict) -> int:
    from review.workflow import WorkflowError, application_for

    try:
        return application_for(store, person_id, job["id"])["id"]
    except WorkflowError as exc:
        raise CliError(str(exc)) from None


def cmd_job_add(args) -> int:
    from review.jobs import JobSpecError, create_job, load_job_toml, resolve_job
    from review.relationship import pool_suggestions

    store = _open_store(args)
    try:
        title, description, spec = load_job_toml(args.file)
    except JobSpecError as exc:
        raise CliError(str(exc)) from None
    job_id = create_job(store, title, description, spec)
    print(job_id)
    known = pool_suggestions(store, resolve_job(store, job_id))
    if known:
        # stdout is the id (scripts read it); people you already know go to stderr.
        print(f"{len(known)} people you already know fit this job: shortlist pool --job {job_id}", file=sys.stderr)
    return EXIT_OK


def cmd_synonym(args) -> int:
    from review.ranking import add_global_synonym, global_synonyms

    store = _open_store(args)
    if args.action == "add":
        if not args.skill or not args.alias:
            raise CliError("synonym add needs a SKILL and an ALIAS")
        try:
            skill = add_global_synonym(store, args.skill, args.alias, _settings().reviewer())
        except (LookupError, ValueError) as exc:
            raise CliError(str(exc).strip('"')) from None
        print(f"{args.alias!r} now counts as {skill} in every job.")
        return EXIT_OK
    for skill, aliases in sorted(global_synonyms(store).items()):
        print(f"{skill}: {', '.join(aliases)}")
    return EXIT_OK


def cmd_job_from_ad(args) -> int:
    from parsing.jobad import propose_job
    from parsing.taxonomy import load_taxonomy
    from review.jobs import spec_to_toml

    try:
        text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror}") from None
    spec = propose_job(text, load_taxonomy())
    print("# Proposed from the ad: check must-haves and weights, then: shortlist job add FILE.toml")
    print(spec_to_toml(spec), end="")
    return EXIT_OK


def cmd_job_list(args) -> int:
    from review.jobs import list_jobs

    store = _open_store(args)
    jobs = list_jobs(store)
    if args.json:
        for job in jobs:
            print(json.dumps({"id": job["id"], "title": job["title"], "status": job["status"],
                              "people": job["people"], "criteria": job["spec"].get("criteria", [])},
                             ensure_ascii=False))  # fmt: skip
        return EXIT_OK
    if not jobs:
        print("No jobs yet. Add one with: shortlist job add FILE.toml")
    for job in jobs:
        musts = [c["name"] for c in job["spec"].get("criteria", []) if c.get("must")]
        print(f"{job['id']:>4}  {job['title']:<36} {job['people']:>5} people  {job['status']}"
              + (f"  must: {', '.join(musts)}" if musts else ""))  # fmt: skip
    return EXIT_OK


def cmd_rank(args) -> int:
    from review.ranking import Ranker

    store = _open_store(args)
    job = _job(store, args.job)
    ranker = Ranker(store, job, scope="all" if args.all else "applicants")
    if not ranker.people:
        raise CliError(f"nobody has applied to {job['title']!r} yet: import with --job, or rank everyone with --all")
    ranked = ranker.rank()
    if args.top:
        ranked = ranked[: args.top]
    names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM people")}
    for position, row in enumerate(ranked, start=1):
        if args.json:
            score = ranker.score(row.person)
            print(json.dumps({
                "person": row.person, "name": names.get(row.person), "score": score.total,
                "recommendation": score.recommendation, "parts": [p.public() for p in score.parts],
                "missing_must_haves": score.missing_must_haves,
            }, ensure_ascii=False))  # fmt: skip
            continue
        missing = f"  missing: {', '.join(row.missing_must_haves)}" if row.missing_must_haves else ""
        print(f"{position:>4}. {row.total:5.1f}  {row.recommendation:<8}  {names.get(row.person) or '(no name)':<28} "
              f"#{row.person:<5} {', '.join(row.top)}{missing}")  # fmt: skip
    return EXIT_OK


def cmd_explain(args) -> int:
    from review.ranking import Ranker, person_text

    store = _open_store(args)
    job = _job(store, args.job)
    person_id = _person_id(store, args.person)
    ranker = Ranker(store, job, scope="all")
    score = ranker.score(person_id)
    name = store.scalar("SELECT name FROM people WHERE id = ?", (person_id,)) or f"person #{person_id}"
    text, _ = person_text(store, person_id)
    print(f"{name} for {job['title']}: {score.total:.1f} / 100 — {score.recommendation}")
    for reason in score.reasons:
        print(f"  · {reason}")
    print()
    for part in score.parts:
        must = " (must-have)" if part.must else ""
        print(f"  {part.points:5.2f} of {part.weight:g}  {part.criterion}{must}" + (f"  — {part.note}" if part.note else ""))
        for ev in [e for e in part.evidence if e.flag is None][:4]:
            line_start = text.rfind("\n", 0, ev.start) + 1
            line_end = text.find("\n", ev.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
            where = f"[{ev.section or 'text'}]"
            alike = f" ({ev.similarity}% alike)" if ev.similarity < 100 else ""
            print(f"        {where:<14} “{_mark(line, ev.text)}”{alike}")
        flagged = [e for e in part.evidence if e.flag]
        for ev in flagged[:2]:
            print(f"        [not counted: {ev.flag.replace('_', ' ')}] “{ev.text}”")
    return EXIT_OK


def _mark(line: str, word: str, width: int = 90) -> str:
    at = line.find(word)
    if at < 0:
        return line[:width]
    marked = line[:at] + "»" + word + "«" + line[at + len(word):]
    if len(marked) <= width:
        return marked
    start = max(0, at - width // 3)
    return ("…" if start else "") + marked[start : start + width] + "…"


# --- the humane gate -------------------------------------------------------------------


def _settings():
    from review.settings import Settings

    try:
        return Settings()
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _ask_password(user: str):
    import getpass

    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"SMTP password for {user} (kept for this session only): ")


def cmd_drop(args) -> int:
    from review.gate import Disposition, GateRefused, draft_for, let_go, validate
    from review.outbox import deliver, transport_from_settings
    store = _open_store(args)
    settings = _settings()
    author = settings.reviewer()
    person_id = _person_id(store, args.person)
    applications = [_application(store, person_id, _job(store, ref)) for ref in args.job]
    if args.message:
        try:
            raw = Path(args.message).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"{args.message}: {exc.strerror}") from None
        first, _, rest = raw.partition("\n")
        subject, body = (first.removeprefix("Subject:").strip(), rest.lstrip("\n")) if first.startswith("Subject:") \
            else ("Your application", raw)
    else:
        draft = draft_for(store, person_id, applications, args.brings, args.template, settings, args.feedback or "")
        subject, body = draft.subject, draft.body
    disposition = Disposition(person_id, applications, args.brings, args.why_not, subject, body,
                              confirm_offer_conflict=args.confirm_offer)  # fmt: skip
    checks, lints = validate(store, disposition, author, settings)
    print("Note:")
    for check in checks:
        print(f"  {'ok ' if check.ok else 'NO '} {check.message if not check.ok else check.code.replace('_', ' ')}")
    print("Message:")
    if not lints:
        print("  ok  no problems found")
    for item in lints:
        tip = f" Try: {item.suggestion}" if item.suggestion else ""
        print(f"  {'BLOCK' if item.level == 'block' else 'warn '} {item.message}{tip}")
    try:
        message = let_go(store, disposition, author, settings)
    except GateRefused as exc:
        print("\nNot let go — nothing was changed:", file=sys.stderr)
        for reason in exc.reasons:
            print(f"  · {reason}", file=sys.stderr)
        return EXIT_REFUSED
    row = store.one("SELECT state, channel FROM messages WHERE id = ?", (message,))
    if row["state"] == "kept":
        print("\nThey asked not to be contacted: the message is kept on record, not sent. Let go.")
        return EXIT_OK
    if row["state"] == "call_pending":
        print(f"\nThey prefer a phone call: call them with the message as your script, then confirm with "
              f"`shortlist outbox --confirm-call {message}`. Until then they are waiting for a message.")
        return EXIT_OK
    result = deliver(store, message, transport_from_settings(store, settings, _ask_password), author)
    if result.state == "delivered":
        print(f"\n{result.detail[:1].upper()}{result.detail[1:]}. Let go.")
        return EXIT_OK
    print(f"\nNot delivered yet ({result.state}): {result.detail}\nThey stay on the list, waiting for a message: "
          "see `shortlist outbox`.", file=sys.stderr)  # fmt: skip
    return EXIT_ERROR


def cmd_withdraw(args) -> int:
    from review.gate import GateRefused, draft_withdrawn, withdraw
    from review.outbox import deliver, transport_from_settings
    store = _open_store(args)
    settings = _settings()
    author = settings.reviewer()
    person_id = _person_id(store, args.person)
    job = _job(store, args.job)
    app_id = _application(store, person_id, job)
    draft = draft_withdrawn(store, person_id, app_id, settings)
    try:
        message = withdraw(store, person_id, app_id, args.note, draft.subject, draft.body, author, settings)
    except GateRefused as exc:
        print("Not recorded — nothing was changed:", file=sys.stderr)
        for reason in exc.reasons:
            print(f"  · {reason}", file=sys.stderr)
        return EXIT_REFUSED
    result = deliver(store, message, transport_from_settings(store, settings, _ask_password), author)
    print(f"Recorded: they withdrew from {job['title']}. Acknowledgment: {result.state} {result.detail}")
    return EXIT_OK


def cmd_outbox(args) -> int:
    from review.outbox import confirm_call, deliver, pending, recover, retry_due, transport_from_settings

    store = _open_store(args)
    settings = _settings()
    author = settings.reviewer()
    transport = transport_from_settings(store, settings, _ask_password)
    print(f"Messages go out by: {transport.describe()}")
    if args.confirm_call:
        print(confirm_call(store, args.confirm_call, author).detail)
    elif args.resend:
        result = deliver(store, args.resend, transport, author, resend=True)
        print(f"message {result.message}: {result.state} {result.detail}")
    elif args.retry:
        for result in retry_due(store, transport, author, include_failed=True):
            print(f"message {result.message}: {result.state} {result.detail}")
    else:
        recover(store, transport, author)
    rows = pending(store)
    if not rows:
        print("Nothing waiting: every message has been delivered.")
        return EXIT_OK
    for row in rows:
        to = ", ".join(row["recipients"]) or row["channel"]
        print(f"{row['id']:>5}  {row['state']:<12} {row['name'] or '#' + str(row['person_id']):<26} {row['jobs'] or ''}")
        print(f"       to {to} · {row['attempts']} attempt(s)" + (f" · {row['last_error']}" if row["last_error"] else ""))
    return EXIT_OK


def cmd_restore(args) -> int:
    from review.gate import GateRefused, restore
    store = _open_store(args)
    settings = _settings()
    author = settings.reviewer()
    person_id = _person_id(store, args.person)
    job = _job(store, args.job)
    try:
        status = restore(store, _application(store, person_id, job), author)
    except GateRefused as exc:
        raise CliError(str(exc)) from None
    print(f"Back on the list for {job['title']} ({status}).")
    return EXIT_OK


def cmd_config(args) -> int:
    from review.settings import SETTINGS

    settings = _settings()
    try:
        if args.action == "set":
            if args.value is None:
                raise CliError("config set needs a KEY and a VALUE")
            settings.set(args.key, args.value)
            print(f"{args.key} = {settings.get(args.key)}")
        elif args.action == "get":
            print(settings.get(args.key))
        else:
            for setting in SETTINGS:
                print(f"{setting.key:<20} {settings.get(setting.key)!s:<30} # {setting.title}")
    except (KeyError, ValueError) as exc:
        raise CliError(str(exc).strip('"')) from None
    return EXIT_OK


# --- hiring managers -------------------------------------------------------------------


def cmd_export(args) -> int:
    from app.exporting import export_shortlist
    from review.written import WriteFailed

    store = _open_store(args)
    job = _job(store, args.job)
    settings = _settings()
    try:
        path, count = export_shortlist(store, job, args.format, args.out, blind=args.blind, include=args.include,
                                       reviewer=settings.get("reviewer.name"), page=args.page)  # fmt: skip
    except WriteFailed as exc:  # names the file and why; nothing was left behind
        raise CliError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise CliError(f"{args.out}: {exc}") from None
    who = "shortlisted people" if args.include == "shortlisted" else "people"
    print(f"Wrote {path} ({count} {who}{', blind' if args.blind else ''}).")
    if count == 0 and args.include == "shortlisted":
        print("Nobody is shortlisted for this job yet: --include all exports everyone.", file=sys.stderr)
    return EXIT_OK


def cmd_import_decisions(args) -> int:
    from review.exports import import_decisions

    store = _open_store(args)
    job = _job(store, args.job)
    settings = _settings()
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CliError(f"{args.file}: not UTF-8 text (save the CSV as UTF-8)") from None
    result = import_decisions(store, job, text, settings.reviewer(), Path(args.file).name)
    counts: dict[str, int] = {}
    for _, decision in result.applied:
        counts[decision] = counts.get(decision, 0) + 1
    print(f"Read {len(result.applied)} decision(s) for {job['title']}: "
          + (", ".join(f"{n} {d}" for d, n in sorted(counts.items())) or "none"))  # fmt: skip
    if counts.get("no"):
        print(f"{counts['no']} 'no' answer(s) are suggestions: each person is let go only through the gate "
              "(a note and a message), in the app or with `shortlist drop`.")  # fmt: skip
    for problem in result.problems:
        print(f"  problem: {problem}", file=sys.stderr)
    return EXIT_ERROR if result.problems and not result.applied else EXIT_OK


# --- the relationship --------------------------------------------------------------------


def cmd_followups(args) -> int:
    from review.relationship import due_followups, mark_done, snooze

    store = _open_store(args)
    settings = _settings()
    author = settings.reviewer()
    try:
        if args.done:
            mark_done(store, args.done, author)
            print(f"Follow-up {args.done} done.")
        if args.snooze:
            until = snooze(store, args.snooze, args.days, author)
            print(f"Follow-up {args.snooze} snoozed until {until[:10]}.")
    except LookupError as exc:
        raise CliError(str(exc)) from None
    due = due_followups(store, include_future=args.all)
    if not due:
        print("Nothing due. (" + ("no follow-ups at all" if args.all else "--all shows the ones coming up") + ")")
    for item in due:
        how = {"email": "by email", "phone": "by phone", "none": "they asked not to be contacted"}[item.channel]
        print(f"{item.id:>5}  {item.due_at[:10]}  {item.name or '#' + str(item.person_id):<26} {item.title} ({how})")
    return EXIT_OK


def cmd_pool(args) -> int:
    from review.relationship import add_to_job, pool_suggestions

    store = _open_store(args)
    job = _job(store, args.job)
    settings = _settings()
    suggestions = pool_suggestions(store, job)
    if args.add:
        ids = [s.person_id for s in suggestions] if args.add == ["all"] else [_person_id(store, p) for p in args.add]
        added = add_to_job(store, ids, job["id"], settings.reviewer())
        print(f"Added {added} person(s) you already know to {job['title']}.")
        return EXIT_OK
    if not suggestions:
        print(f"Nobody in the talent pool fits {job['title']} well yet.")
    for s in suggestions:
        print(f"{s.score:5.1f}  {s.name or '#' + str(s.person_id):<28} #{s.person_id:<5} {', '.join(s.top)}")
        for note in s.notes[:2]:
            print(f"        earlier: {note}")
    return EXIT_OK


# --- their data, their say ------------------------------------------------------------


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def cmd_person_export(args) -> int:
    from review.privacy import export_person

    store = _open_store(args)
    person_id = _person_id(store, args.person)
    try:
        folder = export_person(store, person_id, args.out)
    except OSError as exc:
        raise CliError(f"{args.out}: {exc.strerror or exc}") from None
    print(f"Everything held about person #{person_id} is in {folder}")
    return EXIT_OK


def cmd_person_erase(args) -> int:
    from review.db import StoreError
    from review.privacy import ErasureRefused, erase_person

    store = _open_store(args)
    person_id = _person_id(store, args.person)
    name = store.scalar("SELECT name FROM people WHERE id = ?", (person_id,)) or f"person #{person_id}"
    if not args.yes and not _confirm(f"Erase {name} (#{person_id}) everywhere — rows, text, files, messages? "
                                     "This cannot be undone."):  # fmt: skip
        print("Nothing erased. (Add --yes to erase without asking.)", file=sys.stderr)
        return EXIT_REFUSED
    settings = _settings()
    try:
        report = erase_person(store, person_id, settings.reviewer(), settings=settings)
    except (ErasureRefused, StoreError, LookupError) as exc:
        raise CliError(f"not erased: {exc}") from None
    print(report.summary())
    return EXIT_OK


def cmd_purge(args) -> int:
    from review.db import StoreError
    from review.privacy import ErasureRefused, purge, retention_candidates

    store = _open_store(args)
    candidates = retention_candidates(store, args.months)
    if not candidates:
        print(f"Nobody is past the retention policy ({args.months} months without activity, no consent to longer).")
        return EXIT_OK
    print(f"{len(candidates)} people are past the retention policy ({args.months} months without activity):")
    for row in candidates:
        print(f"  #{row['person_id']:<6} {row.get('name') or '(no name)':<30} last activity {str(row['last_activity'])[:10]}"
              f"  {row.get('reason', '')}")  # fmt: skip
    if not args.yes and not _confirm("Erase them all now?"):
        print("Nothing erased: this was a preview. Add --yes to erase.", file=sys.stderr)
        return EXIT_OK
    settings = _settings()
    try:
        reports = purge(store, settings.reviewer(), args.months, settings=settings)
    except (ErasureRefused, StoreError) as exc:
        raise CliError(f"purge stopped: {exc}") from None
    print(f"Erased {len(reports)} people.")
    return EXIT_OK


def cmd_backup(args) -> int:
    from review.backup import backup
    from review.db import StoreError

    store = _open_store(args)
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
    if target.exists() and not args.yes and not _confirm(f"Replace {target} with {args.path}?"):
        print("Nothing restored. (Add --yes to replace without asking.)", file=sys.stderr)
        return EXIT_REFUSED
    try:
        kept = restore_backup(args.path, target)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored {target} from {args.path}" + (f" (the previous database is kept as {kept})" if kept else ""))
    return EXIT_OK


# --- entry point --------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shortlist",
        description="Screen resumes fast, rank them with reasons, and let nobody go without a human word.",
    )
    _db_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse files without storing them")
    p.add_argument("files", nargs="+", metavar="FILE", help="resumes, folders or ZIPs")
    p.add_argument("--json", action="store_true", help="one JSON object per file per line")
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--time-limit", type=float, default=30.0, help="seconds per file (default 30)")
    p.add_argument("--max-mb", type=int, default=20, help="largest file in MB (default 20)")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("import", help="import resumes into the database")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or ZIPs")
    p.add_argument("--job", help="link everyone imported to this job (id or exact title)")
    _db_option(p)
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--time-limit", type=float, default=30.0, help="seconds per file (default 30)")
    p.add_argument("--max-mb", type=int, default=20, help="largest file in MB (default 20)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("people", help="list stored people")
    p.add_argument("--json", action="store_true", help="one JSON object per person per line")
    _db_option(p)
    p.set_defaults(func=cmd_people)

    job = sub.add_parser("job", help="add and list jobs")
    job_sub = job.add_subparsers(dest="job_command", metavar="ACTION", required=True)
    p = job_sub.add_parser("add", help="add a job from a TOML file; prints its id")
    p.add_argument("file", metavar="FILE.toml")
    _db_option(p)
    p.set_defaults(func=cmd_job_add)
    p = job_sub.add_parser("from-ad", help="propose a job (TOML) from the text of a job ad")
    p.add_argument("file", metavar="AD.txt")
    p.set_defaults(func=cmd_job_from_ad)
    p = job_sub.add_parser("list", help="list jobs")
    p.add_argument("--json", action="store_true")
    _db_option(p)
    p.set_defaults(func=cmd_job_list)

    p = sub.add_parser("synonym", help="global synonyms of taxonomy skills: synonym add SKILL ALIAS, synonym list")
    p.add_argument("action", choices=["add", "list"])
    p.add_argument("skill", nargs="?")
    p.add_argument("alias", nargs="?")
    _db_option(p)
    p.set_defaults(func=cmd_synonym)

    p = sub.add_parser("rank", help="rank a job's people, with reasons")
    p.add_argument("--job", required=True, help="job id or exact title")
    p.add_argument("--top", type=int, default=0, help="only the first N")
    p.add_argument("--json", action="store_true", help="one JSON object per person per line")
    p.add_argument("--all", action="store_true", help="rank every stored person, not only the job's applicants")
    _db_option(p)
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("explain", help="the full score breakdown of one person for a job")
    p.add_argument("person", metavar="PERSON", help="person id or exact name")
    p.add_argument("--job", required=True, help="job id or exact title")
    _db_option(p)
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("drop", help="let a person go: a person-first note and a message they receive")
    p.add_argument("person", metavar="PERSON", help="person id or exact name")
    p.add_argument("--job", required=True, action="append", help="job id or exact title (repeat for one message covering several)")
    p.add_argument("--brings", required=True, help="what this person brings (at least 12 words, about them)")
    p.add_argument("--why-not", required=True, dest="why_not", help="why not this role, now (at least 6 words)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--message", metavar="FILE", help="the message to send (first line 'Subject: ...')")
    group.add_argument("--template", default="warm", help="template to draft from: warm, brief, formal (default warm)")
    p.add_argument("--feedback", help="honest feedback to include in the drafted message")
    p.add_argument("--confirm-offer", action="store_true",
                   help="send even though they hold an offer or were hired for another job")
    _db_option(p)
    p.set_defaults(func=cmd_drop)

    p = sub.add_parser("withdraw", help="record that a person withdrew, with a short note and an acknowledgment")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--job", required=True)
    p.add_argument("--note", required=True, help="why they withdrew (a few words)")
    _db_option(p)
    p.set_defaults(func=cmd_withdraw)

    p = sub.add_parser("outbox", help="messages waiting to be delivered; retry or resend them")
    p.add_argument("--retry", action="store_true", help="try queued and failed messages again now")
    p.add_argument("--resend", type=int, metavar="ID", help="send an in-doubt message again (same Message-ID)")
    p.add_argument("--confirm-call", type=int, metavar="ID", help="confirm you made the phone call of message ID")
    _db_option(p)
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser("restore", help="bring a person who was let go back onto a job's list")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--job", required=True)
    _db_option(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("config", help="settings: config get KEY, config set KEY VALUE, config list")
    p.add_argument("action", choices=["get", "set", "list"])
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_config)

    p = sub.add_parser("export", help="export a job's shortlist for a hiring manager (PDF, HTML or CSV)")
    p.add_argument("--job", required=True)
    p.add_argument("--format", required=True, choices=["pdf", "html", "csv"])
    p.add_argument("--out", required=True, metavar="PATH", help="a file, or a folder to write into")
    p.add_argument("--blind", action="store_true", help="pseudonyms; no names, contact details or locations")
    p.add_argument("--include", choices=["shortlisted", "all"], default="shortlisted")
    p.add_argument("--page", choices=["A4", "Letter"], default="A4", help="PDF page size")
    _db_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import-decisions", help="read a manager's answers (the exported CSV) back as suggestions")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--job", required=True)
    _db_option(p)
    p.set_defaults(func=cmd_import_decisions)

    p = sub.add_parser("followups", help="follow-ups due: check-ins after a hire, keep-in-touch for the talent pool")
    p.add_argument("--all", action="store_true", help="also the ones not due yet")
    p.add_argument("--done", type=int, metavar="ID", help="mark a follow-up done")
    p.add_argument("--snooze", type=int, metavar="ID", help="snooze a follow-up")
    p.add_argument("--days", type=int, default=7, help="how long to snooze (default 7 days)")
    _db_option(p)
    p.set_defaults(func=cmd_followups)

    p = sub.add_parser("pool", help="people you already know who fit a job (the talent pool)")
    p.add_argument("--job", required=True)
    p.add_argument("--add", nargs="+", metavar="PERSON", help="add them to the job's list ('all' for every suggestion)")
    _db_option(p)
    p.set_defaults(func=cmd_pool)

    person = sub.add_parser("person", help="one person's data: export or erase it")
    person_sub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    p = person_sub.add_parser("export", help="everything held about one person (JSON, original file, messages)")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--out", required=True, metavar="DIR")
    _db_option(p)
    p.set_defaults(func=cmd_person_export)
    p = person_sub.add_parser("erase", help="erase one person everywhere (asks unless --yes)")
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--yes", action="store_true")
    _db_option(p)
    p.set_defaults(func=cmd_person_erase)

    p = sub.add_parser("purge", help="retention: preview, then erase people past the policy")
    p.add_argument("--months", type=int, default=12, help="months without activity (default 12)")
    p.add_argument("--yes", action="store_true", help="erase without asking")
    _db_option(p)
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("backup", help="back the database up (SQLite's online backup)")
    p.add_argument("path", metavar="PATH")
    _db_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore-backup", help="replace the database with a backup")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--yes", action="store_true")
    _db_option(p)
    p.set_defaults(func=cmd_restore_backup)

    p = sub.add_parser("demo", help="generate demo resumes and import them")
    p.add_argument("--count", type=int, default=200, help="how many resumes (default 200)")
    _db_option(p)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "db", None):
        args.db = None
    if args.command is None:
        from app.gui import run_gui

        return run_gui(args.db)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"shortlist: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
