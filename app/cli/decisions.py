"""The reviewer's decisions on a list from the command line: ``shortlist status``."""

from __future__ import annotations

import sys

from app.cli import DB, EXIT_OK, EXIT_USAGE, CliError
from app.cli.common import application, job, open_store, person, settings

# What `shortlist status` may set (a contract, README); the gate's statuses have their own commands.
SETTABLE = ("new", "shortlisted", "interviewing", "offered", "hired")
_ELSEWHERE = {
    "let_go": "letting someone go takes a person-first note and a message they receive: use "
    "`shortlist drop PERSON --job JOB --brings TEXT --why-not TEXT`",
    "letting_go": "letting someone go takes a person-first note and a message they receive: use "
    "`shortlist drop PERSON --job JOB --brings TEXT --why-not TEXT`",
    "withdrawn": "when they withdrew, record it with a note and a thank-you: use "
    "`shortlist withdraw PERSON --job JOB --note TEXT`",
}


def cmd_status(args) -> int:
    from review.relationship import CHECK_IN_WEEKS
    from review.status import HIRED, LABELS
    from review.workflow import WorkflowError, set_status

    wanted = args.status.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted in _ELSEWHERE:
        print(f"shortlist status: {wanted} is not set here — {_ELSEWHERE[wanted]}", file=sys.stderr)
        return EXIT_USAGE
    if wanted not in SETTABLE:
        print(
            f"shortlist status: {args.status!r} is not a status; choose one of "
            f"{', '.join(SETTABLE)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    store, conf = open_store(args), settings()
    person_id = person(store, args.person)
    row_job = job(store, args.job)
    app_id = application(store, person_id, row_job)
    try:
        change = set_status(store, app_id, wanted, conf.reviewer())
    except WorkflowError as exc:
        raise CliError(str(exc)) from None
    who = store.scalar("SELECT name FROM people WHERE id = ?", (person_id,)) or f"#{person_id}"
    before, after = LABELS[change.before], LABELS[change.after]
    if change.before == change.after:
        print(f"{who} is already {after.lower()} for {row_job.title}.")
        return EXIT_OK
    print(f"{who}: {before} → {after} for {row_job.title} (logged; U in the window undoes it).")
    if change.after == "interviewing":
        print(
            f"Invite them with a calendar file: shortlist invite {args.person!r} --job "
            f"{row_job.id} --at 'YYYY-MM-DD HH:MM' --where PLACE"
        )
    if change.after == HIRED:
        weeks = ", ".join(str(w) for w in CHECK_IN_WEEKS[:-1]) + f" and {CHECK_IN_WEEKS[-1]}"
        print(f"Check-ins after {weeks} weeks are scheduled: `shortlist followups --all`.")
        others = store.scalar(
            "SELECT count(*) FROM applications WHERE job_id = ? AND person_id <> ? "
            "AND status IN ('new', 'shortlisted', 'interviewing', 'offered')",
            (row_job.id, person_id),
        )
        if others:
            print(
                f"{others} other people are still on this job's list: each hears from you "
                "through the gate (`shortlist drop`, or D in the window)."
            )
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "status",
        parents=[DB],
        help="move a person on a job's list: new, shortlisted, interviewing, offered, hired",
    )
    p.add_argument("person", metavar="PERSON", help="person id or exact name")
    p.add_argument("--job", required=True, help="job id or exact title")
    p.add_argument("status", metavar="STATUS", help=f"one of {', '.join(SETTABLE)}")
    p.set_defaults(func=cmd_status)
