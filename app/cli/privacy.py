"""Their data, their say: export or erase one person; retention."""

from __future__ import annotations

import sys

from app.cli import DB, EXIT_OK, EXIT_REFUSED, CliError
from app.cli.common import bounded, confirm, open_store, person, settings, term


def cmd_person_export(args) -> int:
    from review.privacy import export_person

    store = open_store(args)
    person_id = person(store, args.person)
    try:
        folder = export_person(store, person_id, args.out)
    except OSError as exc:
        raise CliError(f"{args.out}: {exc.strerror or exc}") from None
    print(f"Everything held about person #{person_id} is in {folder}")
    return EXIT_OK


def cmd_person_erase(args) -> int:
    from review.db import StoreError
    from review.people import name_of
    from review.privacy import ErasureRefused, erase_person, files_holding

    store = open_store(args)
    person_id = person(store, args.person)
    name = term(name_of(store, person_id) or f"person #{person_id}")
    question = (
        f"Erase {name} (#{person_id}) everywhere — rows, text, files, messages? "
        "This cannot be undone."
    )
    if not args.yes and not confirm(question):
        print("Nothing erased. (Add --yes to erase without asking.)", file=sys.stderr)
        return EXIT_REFUSED
    # Files Shortlist wrote that hold them: listed, and deleted when asked (or --delete-exports).
    held = files_holding(store, person_id)
    exports = [f for f in held if f["kind"] != "backup"]
    delete = args.delete_exports
    if exports and not delete:
        print(f"Exports Shortlist wrote that hold {name}:")
        for f in exports:
            print(f"  {term(f['path'])}  ({f['kind']}, {f['written_at'][:10]})")
        delete = confirm(f"Delete these {len(exports)} export(s) too?")
    conf = settings()
    try:
        report = erase_person(
            store, person_id, conf.reviewer(), settings=conf, delete_exports=delete
        )
    except (ErasureRefused, StoreError, LookupError) as exc:
        raise CliError(f"not erased: {exc}") from None
    print(report.summary())
    return EXIT_OK


def cmd_purge(args) -> int:
    from review.db import StoreError
    from review.privacy import ErasureRefused, purge, retention_candidates

    store = open_store(args)
    candidates = retention_candidates(store, args.months)
    policy = f"{args.months} months without activity"
    if not candidates:
        print(f"Nobody is past the retention policy ({policy}, no consent to longer).")
        return EXIT_OK
    print(f"{len(candidates)} people are past the retention policy ({policy}):")
    for row in candidates:
        name = term(row.get("name") or "(no name)")
        last = str(row["last_activity"])[:10]
        print(f"  #{row['person_id']:<6} {name:<30} last activity {last}  {row.get('reason', '')}")
    if not args.yes and not confirm("Erase them all now?"):
        print("Nothing erased: this was a preview. Add --yes to erase.", file=sys.stderr)
        return EXIT_OK
    conf = settings()
    try:
        reports = purge(store, conf.reviewer(), args.months, settings=conf)
    except (ErasureRefused, StoreError) as exc:
        raise CliError(f"purge stopped: {exc}") from None
    print(f"Erased {len(reports)} people.")
    return EXIT_OK


def register(sub) -> None:
    from app.cli.person import register_actions

    p = sub.add_parser("person", help="one person: show, correct, export or erase their data")
    person_sub = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    register_actions(person_sub)
    p = person_sub.add_parser(
        "export",
        parents=[DB],
        help="everything held about one person (JSON, original file, messages)",
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=cmd_person_export)
    p = person_sub.add_parser(
        "erase", parents=[DB], help="erase one person everywhere (asks unless --yes)"
    )
    p.add_argument("person", metavar="PERSON")
    p.add_argument("--yes", action="store_true")
    p.add_argument(
        "--delete-exports",
        action="store_true",
        help="also delete the exports and person exports Shortlist wrote that hold them",
    )
    p.set_defaults(func=cmd_person_erase)

    p = sub.add_parser(
        "purge", parents=[DB], help="retention: preview, then erase people past the policy"
    )
    p.add_argument(
        "--months",
        type=bounded(1, 1200, "--months"),
        default=12,
        help="months without activity, 1 to 1200 (default 12)",
    )
    p.add_argument("--yes", action="store_true", help="erase without asking")
    p.set_defaults(func=cmd_purge)
