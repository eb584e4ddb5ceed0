"""The ``shortlist`` command line.

With no command it opens the desktop app. Commands come in groups, one module
each (beets' ``ui/commands`` habit): ``files`` (parse, import, people, demo,
backup), ``jobs`` (jobs, synonyms, ranking), ``decisions`` (status), ``gate`` (drop,
withdraw, outbox, restore), ``managers`` (exports and answers), ``relationship`` (follow-ups, the
talent pool), ``loop`` (replies, roles they asked to hear about, interview invitations, the
report), ``file_requests`` (asking for another copy of a file we could not read),
``privacy`` (a person's data, retention) and ``config``. Each has
``register(subparsers)``; the names, flags and JSON keys are the README's contract.

Commands that touch the database take ``--db PATH`` (or ``SHORTLIST_DB``); the
default database lives in the user's data folder.
"""

from __future__ import annotations

import argparse
import sys

# Exit codes (README: 0 done, 1 error, 2 usage, 3 the gate refused, 130 interrupted).
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _db_parent() -> argparse.ArgumentParser:
    # On a sub-command the option must not reset a --db given before the command.
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $SHORTLIST_DB or the data folder)",
    )
    return parent


#: The shared ``--db`` option: ``parents=[DB]`` on every command that opens the database.
DB = _db_parent()


def build_parser() -> argparse.ArgumentParser:
    from app.cli import (
        config,
        decisions,
        file_requests,
        files,
        gate,
        jobs,
        loop,
        managers,
        privacy,
        relationship,
    )

    parser = argparse.ArgumentParser(
        prog="shortlist",
        description="Screen resumes fast, rank them with reasons, and let nobody go without a "
        "human word.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="database file (default: $SHORTLIST_DB or the data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups = (files, jobs, decisions, gate, managers, relationship, loop, file_requests, privacy)
    for group in (*groups, config):
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "db", None):
        args.db = None
    if args.command is None:
        from app.gui import run_gui

        return run_gui(args.db)
    from app.cli.common import EscapingStream

    # Names and paths from files reach the terminal written out, never obeyed (escape
    # sequences, carriage returns): see common.term for the fields printed one by one.
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args) -> int:
    """The command, and every way it can fail as one sentence on stderr: never a traceback."""
    try:
        return args.func(args)
    except CliError as exc:
        print(f"shortlist: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("shortlist: stopped. What was finished is kept.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the same sentences the window shows (review.problems)
        from review.db import default_db_path
        from review.gate import GateRefused
        from review.problems import explain, unexpected

        database = args.db or default_db_path()
        sentence = explain(exc, database) or unexpected(exc)
        print(f"shortlist: {sentence}", file=sys.stderr)
        return EXIT_REFUSED if isinstance(exc, GateRefused) else EXIT_ERROR
