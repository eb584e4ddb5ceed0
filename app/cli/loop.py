"""Closing the loop with people: their replies, roles they asked to hear about, interview
invitations, and the report that shows everyone heard back."""

from __future__ import annotations

import json
import sys

from app.cli import DB, EXIT_ERROR, EXIT_OK, EXIT_REFUSED, CliError
from app.cli.common import job, open_store, person, settings

# --- replies ------------------------------------------------------------------------------


def _read_sources(args, store, author: str):
    """Outcomes of reading every PATH (files, folders, mboxes, Maildir, imap:// addresses)."""
    from parsing.inbox import read_paths
    from review.replies import is_read, read_all

    def known(message_id: str) -> bool:
        return is_read(store, message_id)

    outcomes = []
    files = [p for p in args.paths if not p.lower().startswith(("imap://", "imaps://"))]
    mailboxes = [p for p in args.paths if p not in files]
    if files:
        outcomes += read_all(store, read_paths(files, known), author)
    for url in mailboxes:
        outcomes += _read_mailbox(store, url, known, author)
    return outcomes


def _ask_mailbox_password(user: str):
    """The mailbox password, asked on a terminal (kept for this run only); None elsewhere."""
    import getpass

    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Mailbox password for {user} (kept for this run only): ")


def _read_mailbox(store, url: str, known, author: str) -> list:
    """The replies in an IMAP folder; a mailbox that cannot be read is said, with the reason."""
    from parsing.imap import MailboxError
    from review.replies import mailbox_messages, read_all

    try:
        return read_all(store, mailbox_messages(url, known, _ask_mailbox_password), author)
    except MailboxError as exc:
        raise CliError(f"{url}: {exc}") from None


def _describe(o) -> str:
    who = o.name or (f"person #{o.person}" if o.person else None)
    if o.outcome == "unreadable":
        return f"not read: {o.problem}"
    if o.outcome == "already_read":
        return "already read before (same Message-ID): skipped"
    if o.outcome == "not_a_reply":
        return f"skipped: {o.problem}"
    how = {
        "in_reply_to": "answers our message",
        "references": "answers our message (References)",
        "sender": "from their address",
    }.get(o.matched_by or "", "")
    line = f"{who} — {how}" if who else "unmatched: assign it with --assign"
    if o.job_title:
        line += f" about {o.job_title}"
    if o.applied:
        line += f"\n    they asked not to be contacted (“{o.opt_out}”): done, at once"
        if o.kept_text:
            line += f"\n    {o.kept_text[0].upper()}{o.kept_text[1:]}"
    if o.proposed:
        from review.answers import describe

        line += (
            f"\n    they ask to {describe(o.proposed)}: confirm with "
            f"`shortlist replies --confirm {o.reply}` (or --dismiss {o.reply})"
        )
    if o.flag:
        line += f"\n    check: {o.flag}"
    return line


def _print_waiting(store) -> None:
    from review.replies import waiting

    lists = waiting(store)
    titles = {
        "unmatched": "Unmatched (shortlist replies --assign ID --person PERSON)",
        "proposals": "Preferences they asked for (--confirm ID or --dismiss ID)",
        "flagged": "To check",
    }
    if not any(lists.values()):
        print("No replies wait for you.")
    for key, title in titles.items():
        if not lists[key]:
            continue
        print(title)
        for r in lists[key]:
            who = r.name or r.sender or "unknown sender"
            extra = f" — {r.proposal_text}" if key == "proposals" else ""
            extra += f" — {r.flag}" if key == "flagged" and r.flag else ""
            print(f"  {r.id:>5}  {who}: “{r.excerpt[:90]}”{extra}")


def cmd_replies(args) -> int:
    from review import replies as R

    store = open_store(args)
    author = settings().reviewer()
    try:
        if args.confirm:
            new = R.confirm_proposal(store, args.confirm, author)
            print(f"Reply {args.confirm}: their preferences are now {_prefs(new)}.")
        if args.dismiss:
            R.dismiss_proposal(store, args.dismiss, author)
            print(f"Reply {args.dismiss}: proposal dismissed; their preferences stay as they were.")
        if args.assign:
            if not args.person:
                raise CliError("--assign needs --person PERSON (id or exact name)")
            done = R.assign(store, args.assign, person(store, args.person), author)
            print(f"Reply {args.assign} is {done.name}'s now.")
            if done.applied:
                kept = f" ({done.kept_text})" if done.kept_text else ""
                print(f"  They asked not to be contacted: done, at once{kept}.")
            if done.proposed:
                print(f"  Proposed: {_describe_proposal(done.proposed)} (--confirm {done.reply})")
    except R.ReplyError as exc:
        raise CliError(str(exc)) from None
    if args.pending:
        _print_waiting(store)
    if not args.paths:
        if not (args.confirm or args.dismiss or args.assign or args.pending):
            raise CliError("give files, folders or imap:// addresses to read, or --pending")
        return EXIT_OK
    outcomes = _read_sources(args, store, author)
    for o in outcomes:
        if o.outcome == "unreadable" or (args.json and o.outcome != "read"):
            print(f"{o.file}: {_describe(o)}", file=sys.stderr)
        elif args.json:
            print(json.dumps(o.as_json(), ensure_ascii=False))
        else:
            print(f"{o.file}\n  {_describe(o)}")
    read = sum(o.outcome == "read" for o in outcomes)
    bad = sum(o.outcome == "unreadable" for o in outcomes)
    if not args.json:
        unmatched = sum(o.outcome == "read" and o.person is None for o in outcomes)
        before = sum(o.outcome == "already_read" for o in outcomes)
        other = sum(o.outcome == "not_a_reply" for o in outcomes)
        print(
            f"\n{read} repl{'y' if read == 1 else 'ies'} read, {unmatched} unmatched, "
            f"{before} read before, {other} not replies, {bad} not readable."
        )
    return EXIT_ERROR if bad else EXIT_OK


def _prefs(p: dict) -> str:
    topics = f", topics {', '.join(p['topics'])}" if p.get("topics") else ""
    consent = "agreed to hear from us" if p.get("consent") else "no consent recorded"
    return f"{p['channel']}, {p['frequency']}{topics} ({consent})"


def _describe_proposal(proposal: dict) -> str:
    from review.answers import describe

    return describe(proposal)


# --- interview invitations -------------------------------------------------------------------


def send_now(store, message: int, conf, author: str, what: str) -> int:
    """Deliver a message just queued (an invitation, a role), and say where it is."""
    from app.cli.common import ask_password
    from review.outbox import deliver, state_of, transport_from_settings
    from review.status import MessageState

    state = state_of(store, message)
    if state == MessageState.CALL_PENDING:
        print(
            f"They prefer a phone call: call them about {what}, then confirm with "
            f"`shortlist outbox --confirm-call {message}`."
        )
        return EXIT_OK
    result = deliver(store, message, transport_from_settings(store, conf, ask_password), author)
    if result.state == MessageState.DELIVERED:
        print(f"Sent: {what} ({result.detail}).")
        return EXIT_OK
    print(
        f"Not delivered yet ({result.state}): {result.detail}\nSee `shortlist outbox`.",
        file=sys.stderr,
    )
    return EXIT_ERROR


def _message_text(path: str | None, draft):
    if not path:
        return draft
    from app.cli.gate import _message_from_file
    from review.invitations import Draft

    subject, body = _message_from_file(path)
    return Draft(subject, body)


def cmd_invite(args) -> int:
    from app.cli.common import application
    from review import invitations as I

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    person_id = person(store, args.person)
    app_id = application(store, person_id, job(store, args.job))
    scheduled = I.current(store, app_id)
    try:
        if args.cancel or args.reschedule:
            if scheduled is None:
                raise CliError("no interview is scheduled for them on this job")
        elif scheduled is not None:
            raise CliError(
                f"an interview is already scheduled ({scheduled.meeting.when_text()}): "
                "use --reschedule or --cancel"
            )
        meeting = scheduled.meeting if scheduled else None
        if not args.cancel:
            base = meeting
            if not (args.at or base):
                raise CliError("say when: --at '2026-12-03 14:00'")
            if not (args.where or base):
                raise CliError("say where: --where 'Room 4, Hauptstr. 1' or a video link")
            meeting = I.Meeting(
                I.parse_when(args.at) if args.at else base.starts,
                I.parse_minutes(args.duration) if args.duration else (base.minutes if base else 45),
                I.timezone_from(conf, args.tz) if (args.tz or not base) else base.timezone,
                args.where or base.place,
            )
        kind = "cancel" if args.cancel else "reschedule" if args.reschedule else "invite"
        before = scheduled.meeting if scheduled else None
        text = _message_text(
            args.message, I.draft(store, app_id, meeting, conf, kind=kind, before=before)
        )
        if args.preview:
            print(f"Subject: {text.subject}\n\n{text.body}")
            return EXIT_OK
        if args.cancel:
            message = I.cancel(store, scheduled.id, text, conf, author)
        elif args.reschedule:
            message = I.reschedule(store, scheduled.id, meeting, text, conf, author)
        else:
            _, message = I.invite(store, app_id, meeting, text, conf, author)
    except I.InvitationRefused as exc:
        from app.cli.common import refused

        refused("Not sent:", exc.reasons)
        return EXIT_REFUSED
    what = {"cancel": "the cancellation", "reschedule": "the new time"}.get(kind, "the invitation")
    return send_now(store, message, conf, author, f"{what}, {meeting.when_text()}")


# --- roles they asked to hear about ------------------------------------------------------------


def cmd_offers(args) -> int:
    from review import offers as O

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    the_job = job(store, args.job)
    ready, held = O.offers_for(store, the_job)
    chosen = args.send or args.skip or args.show
    if chosen:
        person_id = person(store, chosen)
        if args.skip:
            O.skip(store, the_job, person_id, author)
            print(f"Not this time: they will not be offered {the_job.title} again.")
            return EXIT_OK
        offer = next((o for o in ready if o.person_id == person_id), None)
        if offer is None:
            raise CliError(
                f"they are not among the people to tell about {the_job.title} now "
                "(see: shortlist offers --job JOB)"
            )
        text = _message_text(args.message, O.draft(store, the_job, offer, conf))
        if args.show:
            print(f"Subject: {text.subject}\n\n{text.body}")
            return EXIT_OK
        try:
            message = O.send(
                store, the_job, person_id, O.Draft(text.subject, text.body), conf, author
            )
        except O.OfferRefused as exc:
            from app.cli.common import refused

            refused("Not sent:", exc.reasons)
            return EXIT_REFUSED
        return send_now(store, message, conf, author, f"{the_job.title}, to {offer.name}")
    if not ready and not held:
        print(f"Nobody in the talent pool asked to hear about roles like {the_job.title}.")
    for o in ready:
        print(
            f"{o.score:5.1f}  {o.name or '#' + str(o.person_id):<28} #{o.person_id:<5} "
            f"hears {o.frequency.replace('_', ' ')}; matched {', '.join(o.strengths[:4])}"
        )
    if ready:
        print(
            "\nRead one with --show PERSON, send it with --send PERSON (one at a time), or "
            "--skip PERSON."
        )
    for h in held:
        print(
            f"       {h.name or '#' + str(h.person_id):<28} held back: they hear {h.frequency}, "
            f"last told {h.last_told[:10]}; from {h.next_from[:10]}"
        )
    return EXIT_OK


# --- the report --------------------------------------------------------------------------------


def cmd_report(args) -> int:
    from review.report import build_report, days_text

    store, conf = open_store(args), settings()
    job_id = job(store, args.job).id if args.job else None
    stale = int(conf.get("review.stale_days"))
    report = build_report(store, job_id, stale_days=stale)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
        return EXIT_OK
    title = report.job["title"] if report.job else "Every job"
    print(f"{title}: {report.people} {'person' if report.people == 1 else 'people'} applied")
    if report.people:
        rate = f"{report.heard_back_rate:.0%}"
        print(
            f"  Heard back      {report.heard_back} ({rate}) · median "
            f"{days_text(report.median_days)} · 90th percentile {days_text(report.p90_days)}"
        )
    print(f"  Waiting         {report.waiting}", end="")
    late = report.waiting_over_stale_days
    print(f", {len(late)} of them for more than {stale} days" if late else "")
    for w in late:
        print(f"                  {w.name or '#' + str(w.person)} — {w.job}, {days_text(w.days)}")
    print(
        f"  Messages        {report.messages_failed} failed · {report.messages_in_doubt} in doubt"
    )
    print(
        f"  Check-ins       {report.checkins_done_on_time} of {report.checkins_due} due, "
        "done on time"
    )
    print(f"  Replies         {report.replies} · preferences updated {report.preferences_updated}")
    return EXIT_OK


# --- registering -------------------------------------------------------------------------------


def register(sub) -> None:
    p = sub.add_parser(
        "replies",
        parents=[DB],
        help="read people's replies (.eml, .msg, mbox, Maildir, imap://) and keep their wishes",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="saved messages, mbox files, Maildir folders, or imap://USER@HOST[:PORT]/FOLDER",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per message read")
    p.add_argument("--pending", action="store_true", help="replies waiting for you")
    p.add_argument("--confirm", type=int, metavar="REPLY", help="confirm what a reply asked")
    p.add_argument("--dismiss", type=int, metavar="REPLY", help="dismiss a reply's proposal")
    p.add_argument("--assign", type=int, metavar="REPLY", help="say whose unmatched reply it is")
    p.add_argument("--person", metavar="PERSON", help="with --assign: the person (id or name)")
    p.set_defaults(func=cmd_replies)

    p = sub.add_parser(
        "invite",
        parents=[DB],
        help="invite someone to an interview (a message with a calendar file); reschedule, cancel",
    )
    p.add_argument("person", metavar="PERSON", help="id or exact name")
    p.add_argument("--job", required=True, help="the job (id or exact title)")
    p.add_argument("--at", metavar="WHEN", help="local time, e.g. '2026-12-03 14:00'")
    p.add_argument("--duration", metavar="MINUTES", help="45, 45m, 1h30 (default 45 minutes)")
    p.add_argument("--where", metavar="PLACE", help="a room and address, or a video link")
    p.add_argument("--tz", metavar="ZONE", help="time zone, e.g. Europe/Berlin (default: settings)")
    p.add_argument("--message", metavar="FILE", help="your own text (first line 'Subject: …')")
    change = p.add_mutually_exclusive_group()
    change.add_argument("--reschedule", action="store_true", help="a new time or place")
    change.add_argument("--cancel", action="store_true", help="cancel the interview")
    p.add_argument("--preview", action="store_true", help="print the message; send nothing")
    p.set_defaults(func=cmd_invite)

    p = sub.add_parser(
        "offers",
        parents=[DB],
        help="people in the talent pool who asked to hear about roles like this one",
    )
    p.add_argument("--job", required=True, help="the job (id or exact title)")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--show", metavar="PERSON", help="print the drafted message for one person")
    one.add_argument("--send", metavar="PERSON", help="send it to one person (one at a time)")
    one.add_argument("--skip", metavar="PERSON", help="not this time: do not offer them this job")
    p.add_argument("--message", metavar="FILE", help="with --send: your own text")
    p.set_defaults(func=cmd_offers)

    p = sub.add_parser(
        "report",
        parents=[DB],
        help="did everyone hear back? people, heard back, waiting, messages, check-ins, replies",
    )
    p.add_argument("--job", help="one job (id or exact title); default: every job")
    p.add_argument("--json", action="store_true", help="the figures as one JSON object")
    p.set_defaults(func=cmd_report)
