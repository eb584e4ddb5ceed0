"""Jobs and ranking: job add / from-ad / list, synonym, rank, explain."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.cli import DB, EXIT_OK, CliError
from app.cli.common import bounded, job, open_store, person, settings, term


def cmd_job_add(args) -> int:
    from review.jobs import JobSpecError, create_job, load_job_toml, resolve_job
    from review.relationship import pool_suggestions

    store = open_store(args)
    try:
        title, description, spec = load_job_toml(args.file)
    except JobSpecError as exc:
        raise CliError(str(exc)) from None
    job_id = create_job(store, title, description, spec, settings().reviewer())
    print(job_id)
    known = pool_suggestions(store, resolve_job(store, job_id))
    if known:
        # stdout is the id (scripts read it); people you already know go to stderr.
        print(
            f"{len(known)} people you already know fit this job: shortlist pool --job {job_id}",
            file=sys.stderr,
        )
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

    store = open_store(args)
    jobs = list_jobs(store)
    if args.json:
        for row in jobs:
            out = {
                "id": row.id,
                "title": row.title,
                "status": row.status,
                "people": row.people,
                "criteria": row.spec.get("criteria", []),
            }
            print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    if not jobs:
        print("No jobs yet. Add one with: shortlist job add FILE.toml")
    for row in jobs:
        musts = [c["name"] for c in row.spec.get("criteria", []) if c.get("must")]
        must = f"  must: {', '.join(musts)}" if musts else ""
        print(f"{row.id:>4}  {row.title:<36} {row.people:>5} people  {row.status}{must}")
    return EXIT_OK


def cmd_synonym(args) -> int:
    from review.ranking import add_global_synonym, global_synonyms

    store = open_store(args)
    if args.action == "add":
        if not args.skill or not args.alias:
            raise CliError("synonym add needs a SKILL and an ALIAS")
        try:
            skill = add_global_synonym(store, args.skill, args.alias, settings().reviewer())
        except (LookupError, ValueError) as exc:
            raise CliError(str(exc).strip('"')) from None
        print(f"{args.alias!r} now counts as {skill} in every job.")
        return EXIT_OK
    for skill, aliases in sorted(global_synonyms(store).items()):
        print(f"{skill}: {', '.join(aliases)}")
    return EXIT_OK


def cmd_rank(args) -> int:
    from review.people import names
    from review.ranking import Ranker

    store = open_store(args)
    row_job = job(store, args.job)
    ranker = Ranker(store, row_job, scope="all" if args.all else "applicants")
    if not ranker.people:
        raise CliError(
            f"nobody has applied to {row_job.title!r} yet: import with --job, or rank "
            "everyone with --all"
        )
    ranked = ranker.rank()
    if args.top:
        ranked = ranked[: args.top]
    name_of = names(store)
    for position, row in enumerate(ranked, start=1):
        if args.json:
            score = ranker.score(row.person)
            out = {
                "person": row.person,
                "name": name_of.get(row.person),
                "score": score.total,
                "recommendation": score.recommendation,
                "parts": [p.public() for p in score.parts],
                "missing_must_haves": score.missing_must_haves,
            }
            print(json.dumps(out, ensure_ascii=False))
            continue
        missing = (
            f"  missing: {', '.join(row.missing_must_haves)}" if row.missing_must_haves else ""
        )
        name = term(name_of.get(row.person) or "(no name)")
        print(
            f"{position:>4}. {row.total:5.1f}  {row.recommendation:<8}  {name:<28} "
            f"#{row.person:<5} {', '.join(row.top)}{missing}"
        )
    return EXIT_OK


def cmd_explain(args) -> int:
    from review.people import name_of
    from review.ranking import Ranker, person_text

    store = open_store(args)
    row_job = job(store, args.job)
    person_id = person(store, args.person)
    score = Ranker(store, row_job, scope="all").score(person_id)
    name = term(name_of(store, person_id) or f"person #{person_id}")
    text, _ = person_text(store, person_id)
    print(f"{name} for {row_job.title}: {score.total:.1f} / 100 — {score.recommendation}")
    for reason in score.reasons:
        print(f"  · {reason}")
    print()
    for part in score.parts:
        _print_part(part, text)
    return EXIT_OK


def _print_part(part, text: str) -> None:
    must = " (must-have)" if part.must else ""
    note = f"  — {part.note}" if part.note else ""
    print(f"  {part.points:5.2f} of {part.weight:g}  {part.criterion}{must}{note}")
    for ev in [e for e in part.evidence if e.flag is None][:4]:
        line_start = text.rfind("\n", 0, ev.start) + 1
        line_end = text.find("\n", ev.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        where = f"[{ev.section or 'text'}]"
        alike = f" ({ev.similarity}% alike)" if ev.similarity < 100 else ""
        print(f"        {where:<14} “{term(_mark(line, ev.text))}”{alike}")
    for ev in [e for e in part.evidence if e.flag][:2]:
        print(f"        [not counted: {ev.flag.replace('_', ' ')}] “{term(ev.text)}”")


def _mark(line: str, word: str, width: int = 90) -> str:
    at = line.find(word)
    if at < 0:
        return line[:width]
    marked = line[:at] + "»" + word + "«" + line[at + len(word) :]
    if len(marked) <= width:
        return marked
    start = max(0, at - width // 3)
    return ("…" if start else "") + marked[start : start + width] + "…"


def register(sub) -> None:
    p = sub.add_parser("job", help="add and list jobs")
    job_sub = p.add_subparsers(dest="job_command", metavar="ACTION", required=True)
    p = job_sub.add_parser("add", parents=[DB], help="add a job from a TOML file; prints its id")
    p.add_argument("file", metavar="FILE.toml")
    p.set_defaults(func=cmd_job_add)
    p = job_sub.add_parser("from-ad", help="propose a job (TOML) from the text of a job ad")
    p.add_argument("file", metavar="AD.txt")
    p.set_defaults(func=cmd_job_from_ad)
    p = job_sub.add_parser("list", parents=[DB], help="list jobs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_job_list)

    p = sub.add_parser(
        "synonym",
        parents=[DB],
        help="global synonyms of taxonomy skills: synonym add SKILL ALIAS, synonym list",
    )
    p.add_argument("action", choices=["add", "list"])
    p.add_argument("skill", nargs="?")
    p.add_argument("alias", nargs="?")
    p.set_defaults(func=cmd_synonym)

    p = sub.add_parser("rank", parents=[DB], help="rank a job's people, with reasons")
    p.add_argument("--job", required=True, help="job id or exact title")
    p.add_argument("--top", type=bounded(0, 1_000_000, "--top"), default=0, help="only the first N")
    p.add_argument("--json", action="store_true", help="one JSON object per person per line")
    p.add_argument(
        "--all", action="store_true", help="rank every stored person, not only the job's applicants"
    )
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser(
        "explain", parents=[DB], help="the full score breakdown of one person for a job"
    )
    p.add_argument("person", metavar="PERSON", help="person id or exact name")
    p.add_argument("--job", required=True, help="job id or exact title")
    p.set_defaults(func=cmd_explain)
