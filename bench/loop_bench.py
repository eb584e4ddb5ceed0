"""Closing the loop: reading replies and building the report, as a recruiter runs them.

    python bench/loop_bench.py [--people 1000] [--replies 2000] [--repeat 3]

On a database of ``--people`` generated people (bench/people_db.py, built once and
cached), a fifth are invited to an interview through the real outbox (Message-IDs
Shortlist made). Then an mbox of ``--replies`` messages is written: a third answer
one of our messages (In-Reply-To), a quarter come from a known address without it, a
third from strangers, the rest mailing-list mail.

(a) ``shortlist replies MBOX --json`` as a fresh process, start-up included: seconds
    and messages per second (median of ``--repeat``, each on a fresh copy);
(b) the same file read again (everything read before): seconds;
(c) ``shortlist report --json`` as a fresh process, and ``build_report`` in one process.

Not a test: it prints numbers; nothing fails because the machine is slow.
"""

from __future__ import annotations

import argparse
import mailbox
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
SHORTLIST = [sys.executable, "-m", "app.cli"]


def invite_some(db: Path, settings_path: Path, share: float, rng: random.Random) -> list[dict]:
    """Invite a share of the people (queued and written to an outbox folder)."""
    from review import invitations, outbox
    from review.db import Store
    from review.settings import Settings

    settings = Settings(settings_path)
    out = []
    with Store(db) as store:
        apps = store.query("SELECT id, person_id FROM applications ORDER BY id")
        folder = outbox.OutboxFolder(db.with_name("outbox"))
        start = datetime.now() + timedelta(days=30)
        for app in rng.sample(apps, int(len(apps) * share)):
            emails = store.scalar("SELECT emails FROM people WHERE id = ?", (app["person_id"],))
            if emails == "[]":
                continue
            meeting = invitations.Meeting(
                start.replace(minute=0, second=0, microsecond=0), 45, "UTC", "Room 1"
            )
            draft = invitations.draft(store, app["id"], meeting, settings)
            _, message = invitations.invite(store, app["id"], meeting, draft, settings, "bench")
            outbox.deliver(store, message, folder, "bench")
            out.append(
                store.one("SELECT message_id, recipients FROM messages WHERE id = ?", (message,))
            )
    return out


def write_mbox(path: Path, sent: list[dict], known: list[str], count: int, rng) -> None:
    box = mailbox.mbox(str(path))
    answers = [
        "Monthly is fine, thanks!",
        "Please stop contacting me.",
        "Call me instead.",
        "See you then!",
        "Only roles in data engineering, please.",
    ]
    for n in range(count):
        message = EmailMessage()
        roll = rng.random()
        if roll < 0.33 and sent:
            ours = rng.choice(sent)
            message["From"] = ours["recipients"].strip('[]"').split('"')[0]
            message["In-Reply-To"] = ours["message_id"]
        elif roll < 0.58 and known:
            message["From"] = rng.choice(known)
        elif roll < 0.92:
            message["From"] = f"stranger{n}@elsewhere.example"
        else:
            message["From"] = f"digest{n}@lists.example"
            message["List-Id"] = "<news.lists.example>"
        message["Subject"] = "Re: your message"
        message["Message-ID"] = make_msgid(domain="bench.example")
        message.set_content(rng.choice(answers) + "\n\n" + "Kind regards\n" * rng.randint(1, 20))
        box.add(message)
    box.flush()
    box.close()


def run(args: list[str], env) -> float:
    started = time.perf_counter()
    subprocess.run(SHORTLIST + args, env=env, check=False, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.people_db import people_db
    from review.db import Store

    rng = random.Random(16)
    source = people_db(options.people)
    work = Path(tempfile.mkdtemp(prefix="shortlist-loop-bench-"))
    settings_path = work / "settings.json"
    env = {**os.environ, "SHORTLIST_CONFIG": str(settings_path), "PYTHONPATH": str(HERE.parent)}
    from review.settings import Settings

    settings = Settings(settings_path)
    for key, value in {
        "reviewer.name": "Bench",
        "sender.email": "bench@example.com",
        "reply_to": "bench@example.com",
    }.items():
        settings.set(key, value)
    template = work / "template.db"
    shutil.copyfile(source, template)
    sent = invite_some(template, settings_path, 0.2, rng)
    with Store(template) as store:
        known = [
            v
            for (v,) in store.conn.execute(
                "SELECT value FROM contact_points WHERE kind = 'email' LIMIT 500"
            )
        ]
    box = work / "replies.mbox"
    write_mbox(box, sent, known, options.replies, rng)
    size = box.stat().st_size / 1024**2
    print(
        f"{options.people} people, {len(sent)} invited; mbox of {options.replies} messages "
        f"({size:.1f} MB)"
    )
    firsts, again = [], []
    for _ in range(options.repeat):
        db = work / "run.db"
        for stale in work.glob("run.db*"):
            stale.unlink()
        shutil.copyfile(template, db)
        firsts.append(run(["replies", str(box), "--json", "--db", str(db)], env))
        again.append(run(["replies", str(box), "--json", "--db", str(db)], env))
    first = statistics.median(firsts)
    print(
        f"(a) shortlist replies, fresh process: {first:.2f} s "
        f"({options.replies / first:.0f} messages/s), runs {', '.join(f'{t:.2f}' for t in firsts)}"
    )
    print(f"(b) the same file again (all read before): {statistics.median(again):.2f} s")
    reports = [run(["report", "--json", "--db", str(db)], env) for _ in range(options.repeat)]
    from review.report import build_report

    with Store(db) as store:
        started = time.perf_counter()
        figures = build_report(store)
        inside = time.perf_counter() - started
    print(
        f"(c) shortlist report, fresh process: {statistics.median(reports):.2f} s; "
        f"build_report in process: {inside * 1000:.0f} ms ({figures.people} applications, "
        f"{figures.replies} replies)"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
