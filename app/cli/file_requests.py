"""Asking someone for another copy of a file we could not read: ``shortlist ask-again``."""

from __future__ import annotations

import sys

from app.cli import DB, EXIT_OK, EXIT_REFUSED
from app.cli.common import confirm, open_store, person, refused, settings, term


def cmd_ask_again(args) -> int:
    from app.cli.loop import send_now
    from review import file_requests as F

    store, conf = open_store(args), settings()
    author = conf.reviewer()
    person_id = person(store, args.person)
    reasons = F.refusals(store, person_id)
    if reasons:
        refused("Not asked — nothing was changed:", reasons)
        return EXIT_REFUSED
    draft = F.draft_request(store, person_id, conf)
    if args.show:
        print(f"To: {term(draft.recipient)}\nSubject: {term(draft.subject)}\n\n{draft.body}")
        return EXIT_OK
    if not args.yes and not confirm(f"Ask {term(draft.recipient)} for another copy?"):
        print(
            "Nothing sent. (Add --show to read the message, --yes to send without asking.)",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    try:
        message = F.ask_for_file(store, person_id, draft.subject, draft.body, conf, author)
    except F.RequestRefused as exc:
        refused("Not asked — nothing was changed:", exc.reasons)
        return EXIT_REFUSED
    return send_now(
        store, message, conf, author, f"a request for another copy, to {draft.recipient}"
    )


def register(sub) -> None:
    p = sub.add_parser(
        "ask-again",
        parents=[DB],
        help="ask someone whose file could not be read to send it again (through the outbox)",
    )
    p.add_argument("person", metavar="PERSON", help="id or exact name")
    p.add_argument("--show", action="store_true", help="print the message; send nothing")
    p.add_argument("--yes", action="store_true", help="send without asking")
    p.set_defaults(func=cmd_ask_again)
