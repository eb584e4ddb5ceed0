"""Closing the loop with people: their replies, roles they asked to hear about, interview
invitations, and the report that shows everyone heard back."""

from __future__ import annotations

import json
import sys

from app.cli import DB, EXIT_ERROR, EXIT_OK, CliError
from app.cli.common import open_store, person, settings

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
        outcomes += read_all(store, _mailbox_messages(url, known), author)
    return outcomes


def _mailbox_messages(url: str, known):
    raise CliError(f"{url}: reading replies from an IMAP mailbox is not available yet")


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
                print("  They asked not to be contacted: done, at once.")
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
