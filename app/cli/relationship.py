"""The relationship after a decision: follow-ups and the talent pool."""

from __future__ import annotations

import json

from app.cli import DB, EXIT_OK, CliError
from app.cli.common import bounded, job, open_store, person, settings, term

_HOW = {"email": "by email", "phone": "by phone", "none": "they asked not to be contacted"}


def cmd_followups(args) -> int:
    from review.relationship import due_followups, followup_records, mark_done, snooze

    store = open_store(args)
    author = settings().reviewer()
    try:
        if args.done:
            mark_done(store, args.done, author)
            print(f"Follow-up {args.done} done.")
        if args.snooze:
            until = snooze(store, args.snooze, args.days, author)
            print(f"Follow-up {args.snooze} snoozed until {until[:10]}.")
    except LookupError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        for record in followup_records(store, include_all=args.all):
            print(json.dumps(record, ensure_ascii=False))
        return EXIT_OK
    due = due_followups(store, include_future=args.all)
    if not due:
        hint = "no follow-ups at all" if args.all else "--all shows the ones coming up"
        print(f"Nothing due. ({hint})")
    for item in due:
        who = term(item.name or "#" + str(item.person_id))
        print(
            f"{item.id:>5}  {item.due_at[:10]}  {who:<26} {term(item.title)} ({_HOW[item.channel]})"
        )
    return EXIT_OK


def cmd_pool(args) -> int:
    from review.relationship import add_to_job, pool_suggestions

    store = open_store(args)
    row_job = job(store, args.job)
    conf = settings()
    suggestions = pool_suggestions(store, row_job)
    if args.add:
        if args.add == ["all"]:
            ids = [s.person_id for s in suggestions]
        else:
            ids = [person(store, p) for p in args.add]
        added = add_to_job(store, ids, row_job.id, conf.reviewer())
        print(f"Added {added} person(s) you already know to {row_job.title}.")
        return EXIT_OK
    if not suggestions:
        print(f"Nobody in the talent pool fits {row_job.title} well yet.")
    for s in suggestions:
        who = term(s.name or "#" + str(s.person_id))
        print(f"{s.score:5.1f}  {who:<28} #{s.person_id:<5} {', '.join(s.top)}")
        for note in s.notes[:2]:
            print(f"        earlier: {term(note)}")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "followups",
        parents=[DB],
        help="follow-ups due: check-ins after a hire, keep-in-touch for the talent pool",
    )
    p.add_argument(
        "--all", action="store_true", help="also the ones not due yet (and done ones, with --json)"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line: id, person, name, job, kind, due, state",
    )
    p.add_argument("--done", type=int, metavar="ID", help="mark a follow-up done")
    p.add_argument("--snooze", type=int, metavar="ID", help="snooze a follow-up")
    p.add_argument(
        "--days",
        type=bounded(1, 3650, "--days"),
        default=7,
        help="how long to snooze (default 7 days)",
    )
    p.set_defaults(func=cmd_followups)

    p = sub.add_parser(
        "pool", parents=[DB], help="people you already know who fit a job (the talent pool)"
    )
    p.add_argument("--job", required=True)
    p.add_argument(
        "--add",
        nargs="+",
        metavar="PERSON",
        help="add them to the job's list ('all' for every suggestion)",
    )
    p.set_defaults(func=cmd_pool)
