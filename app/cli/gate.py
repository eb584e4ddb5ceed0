"""The humane gate from the command line: drop, withdraw, outbox, restore."""

from __future__ import annotations

import sys
from pathlib import Path

from app.cli import DB, EXIT_ERROR, EXIT_OK, EXIT_REFUSED, CliError
from app.cli.common import (
    application,
    ask_password,
    job,
    open_store,
    person,
    refused,
    settings,
    term,
)


def _message_from_file(path: str) -> tuple[str, str]:
    """(subject, body) of a message file whose first line may be ``Subject: …``."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from None
    first, _, rest = raw.partition("\n")
    if first.startswith("Subject:"):
        return first.removeprefix("Subject:").strip(), rest.lstrip("\n")
    return "Your application", raw


def _print_checks(checks, lints) -> None:
    print("Note:")
    for check in checks:
        text = check.code.replace("_", " ") if check.ok else check.message
        print(f"  {'ok ' if check.ok else 'NO '} {text}")
    print("Message:")
    if not lints:
        print("  ok  no problems found")
    for item in lints:
        tip = f" Try: {item.suggestion}" if item.suggestion else ""
        print(f"  {'BLOCK' if item.level == 'block' else 'warn '} {item.message}{tip}")


def _deliver(store, message: int, conf, author: str) -> int:
    """Send a message just queued by the gate, and say where things stand."""
    from review.outbox import deliver, state_of, transport_from_settings
    from review.status import MessageState

    state = state_of(store, message)
    if state == MessageState.KEPT:
        print("\nThey asked not to be contacted: the message is kept on record, not sent. Let go.")
        return EXIT_OK
    if state == MessageState.CALL_PENDING:
        print(
            "\nThey prefer a phone call: call them with the message as your script, then confirm "
            f"with `shortlist outbox --confirm-call {message}`. Until then they are waiting for a "
            "message."
        )
        return EXIT_OK
    result = deliver(store, message, transport_from_settings(store, conf, ask_password), author)
    if result.state == MessageState.DELIVERED:
        # The transport's own words: "delivered to the mail server …", or "written to the
        # outbox folder … for your mail client to send".
        print(f"\n{result.detail[:1].upper()}{result.detail[1:]}. Let go.")
        return EXIT_OK
    print(
        f"\nNot delivered yet ({result.state}): {result.detail}\nThey stay on the list, waiting "
        "for a message: see `shortlist outbox`.",
        file=sys.stderr,
    )
    return EXIT_ERROR


def cmd_drop(args) -> int:
    from review import gate

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    person_id = person(store, args.person)
    applications = [application(store, person_id, job(store, ref)) for ref in args.job]
    # The same preparation as the window's dialog: the note is checked against the
    # person, the reviewer's earlier notes and the gate's own suggestion.
    ctx = gate.prepare(store, person_id, applications, author, roles=not args.message)
    try:
        if args.message:
            subject, body = _message_from_file(args.message)
        else:
            draft = gate.draft(
                ctx, applications, args.brings, args.template, conf, args.feedback or ""
            )
            subject, body = draft.subject, draft.body
        disposition = gate.Disposition(
            person_id,
            applications,
            args.brings,
            args.why_not,
            subject,
            body,
            confirm_offer_conflict=args.confirm_offer,
        )
        _print_checks(*gate.checks(ctx, disposition, conf))
        message = gate.let_go(store, disposition, author, conf)
    except gate.GateRefused as exc:
        refused("\nNot let go — nothing was changed:", exc.reasons)
        return EXIT_REFUSED
    return _deliver(store, message, conf, author)


def cmd_withdraw(args) -> int:
    from review.gate import GateRefused, draft_withdrawn, withdraw
    from review.outbox import deliver, transport_from_settings

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    person_id = person(store, args.person)
    row_job = job(store, args.job)
    app_id = application(store, person_id, row_job)
    draft = draft_withdrawn(store, person_id, app_id, conf)
    try:
        message = withdraw(
            store, person_id, app_id, args.note, draft.subject, draft.body, author, conf
        )
    except GateRefused as exc:
        refused("Not recorded — nothing was changed:", exc.reasons)
        return EXIT_REFUSED
    result = deliver(store, message, transport_from_settings(store, conf, ask_password), author)
    print(
        f"Recorded: they withdrew from {row_job.title}. Acknowledgment: "
        f"{result.state} {result.detail}"
    )
    return EXIT_OK


def cmd_outbox(args) -> int:
    from review.outbox import (
        confirm_call,
        deliver,
        pending,
        recover,
        retry_due,
        transport_from_settings,
    )

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    transport = transport_from_settings(store, conf, ask_password)
    print(f"Messages go out by: {transport.describe()}")
    try:
        if args.confirm_call:
            print(confirm_call(store, args.confirm_call, author).detail)
        elif args.resend:
            result = deliver(store, args.resend, transport, author, resend=True)
            print(f"message {result.message}: {result.state} {term(result.detail)}")
        elif args.retry:
            for result in retry_due(store, transport, author, include_failed=True):
                print(f"message {result.message}: {result.state} {term(result.detail)}")
        else:
            recover(store, transport, author)
    except LookupError as exc:  # no such message, or not a call waiting for confirmation
        raise CliError(f"{exc} (see: shortlist outbox)") from None
    rows = pending(store)
    if not rows:
        print("Nothing waiting: every message has been delivered.")
        return EXIT_OK
    for row in rows:
        to = term(", ".join(row["recipients"]) or row["channel"])
        who = term(row["name"] or "#" + str(row["person_id"]))
        print(f"{row['id']:>5}  {row['state']:<12} {who:<26} {term(row['jobs'] or '')}")
        error = f" · {term(row['last_error'])}" if row["last_error"] else ""
        print(f"       to {to} · {row['attempts']} attempt(s){error}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from review.gate import GateRefused, restore

    store, conf = open_store(args), settings()
    person_id = person(store, args.person)
    row_job = job(store, args.job)
    try:
        status = restore(store, application(store, person_id, row_job), conf.reviewer())
    except GateRefused as exc:
        raise CliError(str(exc)) from None
    print(f"Back on the list for {row_job.title} ({status}).")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "drop",
        parents=[DB],
        help="let a person go: a person-first note and a message they receive",
    )
    p.add_argument("person", metavar="PERSON", help="person id or exact name")
    p.add_argument(
        "--job",
        required=True,
        action="append",
        help="job id or exact title (repeat for one message covering several)",
    )
    p.add_argument(
        "--brings", required=True, help="what this person brings (at least 12 words, about them)"
    )
    p.add_argument(
        "--why-not", required=True, dest="why_not", help="why not this role, now (at least 6 words)"
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--message", metavar="FILE", help="the message to send (first line 'Subject: ...')"
    )
    group.add_argument(
        "--template",
        default="warm",
        help="template to draft from: warm, brief, formal (default warm)",
    )
    p.add_argument("--feedback", help="honest feedback to include in the drafted message")
    p.add_argument(
        "--confirm-offer",
        action="store_true",
        help="send even though they hold an offer or were hired for another job",
    )
    p.set_defaults(func=cmd_drop)

    p = sub.add_parser(
        "withdraw",
        parents=[DB],
        help="record that a person withdrew, with a short note and an acknowledgment",
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--job", required=True)
    p.add_argument("--note", required=True, help="why they withdrew (a few words)")
    p.set_defaults(func=cmd_withdraw)

    p = sub.add_parser(
        "outbox", parents=[DB], help="messages waiting to be delivered; retry or resend them"
    )
    p.add_argument("--retry", action="store_true", help="try queued and failed messages again now")
    p.add_argument(
        "--resend", type=int, metavar="ID", help="send an in-doubt message again (same Message-ID)"
    )
    p.add_argument(
        "--confirm-call",
        type=int,
        metavar="ID",
        help="confirm you made the phone call of message ID",
    )
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser(
        "restore", parents=[DB], help="bring a person who was let go back onto a job's list"
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--job", required=True)
    p.set_defaults(func=cmd_restore)
