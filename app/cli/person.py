"""One person's fields: shown with what to check, and corrected (``person show``, ``person set``).

A correction is the recruiter's word: audited, kept over any later reading of the
same file or a newer file of the same person, and used everywhere (messages,
exports, duplicates, search, blind review). See ``review.identity``.
"""

from __future__ import annotations

import json
import sys

from app.cli import DB, EXIT_OK, EXIT_USAGE, CliError
from app.cli.common import open_store, person, settings, term


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return value if value else "(none)"


def cmd_person_show(args) -> int:
    from review import identity
    from review import people as P

    store = open_store(args)
    person_id = person(store, args.person)
    row = P.person(store, person_id)
    states = identity.field_states(row, row["corrections"])
    if args.json:
        fields = {
            s.name: {
                "value": s.value,
                "confidence": s.confidence,
                "check": (s.doubt or None) if s.check else None,
                "from_message": bool(s.origin),
                "corrected_by": s.correction["actor"] if s.correction else None,
                "corrected_at": s.correction["corrected_at"] if s.correction else None,
                "parsed": s.correction["parsed"] if s.correction else s.value,
            }
            for s in states
        }
        letters = [
            {k: c[k] for k in ("sender", "sender_name", "sent_at", "subject", "body", "job_title")}
            for c in P.cover_letters(store, person_id)
        ]
        out = {"person": person_id, "fields": fields, "cover_letters": letters}
        print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    print(f"#{person_id} {term(row['name'] or '(no name)')}  ({term(row['original_name'])})")
    for s in states:
        label = identity.LABELS[s.name]
        line = f"  {label:<14} {term(_shown(s.value))}"
        if s.note:
            line += f"   [{term(s.note)}]"
        print(line)
    for letter in P.cover_letters(store, person_id):
        _print_cover_letter(letter)
    return EXIT_OK


def _print_cover_letter(c: dict) -> None:
    """The message their resume came in, as plain text (every value written out, not obeyed)."""
    sender = " ".join(x for x in (c["sender_name"], f"<{c['sender']}>" if c["sender"] else "") if x)
    print(
        "\nCover letter"
        + (f" (with the application for {term(c['job_title'])})" if c["job_title"] else "")
    )
    print(f"  From     {term(sender or 'unknown sender')}")
    print(f"  Date     {term((c['sent_at'] or 'not dated').replace('T', ' ')[:16])}")
    print(f"  Subject  {term(c['subject'] or '(no subject)')}")
    for line in (c["body"] or "(the message has no text)").strip().splitlines():
        print(f"  | {term(line)}")


def cmd_person_set(args) -> int:
    from review import identity

    if args.parsed and (args.values or args.none):
        raise CliError("--parsed goes back to what the resume says: give no value with it")
    if args.none and args.values:
        raise CliError("--none says they have no value: give no value with it")
    if not (args.values or args.none or args.parsed):
        print(
            "shortlist: person set needs the value(s), --none (they have none) or --parsed "
            "(back to what the resume says)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        name = identity.field_named(args.field)
    except identity.CorrectionError as exc:
        raise CliError(str(exc)) from None
    store = open_store(args)
    person_id = person(store, args.person)
    before = identity.corrections_of(store.conn, person_id).get(name)
    parsed = before["parsed"] if before else identity.parsed_value(store.conn, person_id, name)
    values = None if args.parsed else list(args.values)
    try:
        value = identity.correct(store, person_id, name, values, settings().reviewer())
    except identity.CorrectionError as exc:
        raise CliError(str(exc)) from None
    label = identity.LABELS[name]
    if args.parsed:
        print(f"#{person_id} {label}: back to what the resume says: {term(_shown(value))}")
    else:
        print(
            f"#{person_id} {label}: {term(_shown(value))} (the resume had: "
            f"{term(_shown(parsed))}). Messages, exports, search and duplicates use it."
        )
    return EXIT_OK


def register_actions(person_sub) -> None:
    """``person show`` and ``person set``, beside ``person export`` and ``person erase``."""
    p = person_sub.add_parser(
        "show",
        parents=[DB],
        help="a person's fields, with what to check and what was corrected",
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_person_show)
    p = person_sub.add_parser(
        "set",
        parents=[DB],
        help="correct a field: name, title, location, emails, phones or links (several values "
        "for lists)",
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("values", metavar="VALUE", nargs="*")
    p.add_argument("--none", action="store_true", help="they have none (an empty field)")
    p.add_argument(
        "--parsed", action="store_true", help="withdraw the correction: what the resume says"
    )
    p.set_defaults(func=cmd_person_set)
