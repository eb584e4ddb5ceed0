"""Crash safety of letting go: the sending process killed with SIGKILL at every step, and at random.

A child process lets people go and delivers their messages one after another
— to the outbox folder, or to a real SMTP server running in this test process
— and is killed: right after the queue commit, after the 'sending' commit but
before the transport, inside the transport (during SMTP DATA, or before the
.eml file is renamed into place), after the transport accepted but before the
second commit, and at random moments. After each kill the database is
reopened, :func:`review.outbox.recover` and :func:`review.outbox.retry_due`
run, and the promises of the design are checked:

* the database passes ``PRAGMA integrity_check``;
* nobody is let go without a delivered (or, at their wish, kept) message;
* no outbox row is lost: everyone waiting for or past a message has one;
* nothing is reported delivered that did not arrive;
* a message arrives more than once only when it was flagged in doubt and the
  reviewer chose to resend it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from review import outbox
from review.db import Store, now_iso
from review.jobs import create_job
from review.messages import normalise
from review.settings import Settings
from tests.smtp_server import smtp_server
from tests.worlds import AUTHOR, body_for

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
FAR_FUTURE = datetime(2999, 1, 1, tzinfo=UTC)

# The child: let go and deliver, person after person, with an optional fault injected
# into its own process (fault injection for the test; the product has no such hook).
CHILD = r"""
import json, os, signal, sys
sys.path.insert(0, {repo!r})
from review import gate, outbox
from review.db import Store
from review.settings import Settings

db, plan_file, transport_kind, target, inject = sys.argv[1:6]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

store = Store(db)
settings = Settings()
if transport_kind == "outbox":
    transport = outbox.OutboxFolder(target)
else:
    transport = outbox.SMTPTransport("127.0.0.1", int(target), security="none", timeout=10)
if inject == "before_send":
    transport.send = die
elif inject == "before_rename":
    os.replace = die
elif inject == "before_finish":
    outbox._finish = die
plan = json.load(open(plan_file))
print("ready", flush=True)
for item in plan:
    if store.scalar("SELECT status FROM applications WHERE id = ?", (item["app"],)) != "new":
        continue
    d = gate.Disposition(
        item["person"],
        [item["app"]],
        item["brings"],
        item["why_not"],
        item["subject"],
        item["body"],
    )
    message = gate.let_go(store, d, {author!r}, settings)
    print("queued", message, flush=True)
    if inject == "after_queue":
        die()
    result = outbox.deliver(store, message, transport, {author!r})
    print("done", message, result.state, flush=True)
print("finished", flush=True)
"""

FIRST = [
    "Alba",
    "Bram",
    "Cleo",
    "Dario",
    "Elif",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaia",
    "Luca",
    "Mara",
    "Nils",
    "Oona",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tamar",
    "Ugo",
    "Vera",
    "Wim",
    "Xenia",
    "Yusuf",
    "Zora",
    "Arlo",
    "Bea",
    "Cyrus",
    "Dana",
    "Emre",
    "Flora",
    "Gael",
    "Hana",
    "Ivo",
    "Jade",
    "Kemal",
    "Lena",
    "Milo",
    "Nora",
    "Omar",
    "Pia",
    "Rafa",
    "Sina",
    "Teo",
    "Uma",
    "Vito",
    "Wanda",
]
EMPLOYERS = [
    "Quillon",
    "Marvex",
    "Brightwell",
    "Tessaract",
    "Olvido",
    "Paxmore",
    "Ravelin",
    "Sundara",
    "Kettleby",
    "Lumiere",
    "Nordwind",
    "Copperleaf",
    "Halcyon",
    "Vantablue",
    "Wexford",
    "Isolde",
]
WORKS = [
    "rebuilt the invoicing engine",
    "mentored three apprentices through their first releases",
    "ran the on-call rota for a year",
    "designed the offline sync for field tablets",
    "cut the nightly batch from six hours to forty minutes",
    "wrote the accessibility guide every team now follows",
    "migrated eleven services off a mainframe",
    "led the postmortem culture change",
    "built a fraud model that finance actually trusts",
    "shipped the warehouse scanner app in Kotlin",
    "documented the payments API so partners stopped calling",
    "kept a legacy Perl estate alive and tested",
    "introduced contract tests between forty microservices",
    "taught SQL to the customer support team",
]
REASONS = [
    "This role needs daily German with customers in Munich.",
    "We need deep Rust experience from the first week.",
    "The position is on site in Lisbon five days a week.",
    "This team needs someone who has managed managers.",
    "We are hiring for embedded firmware, which is a different craft.",
    "The role is mostly iOS development in Swift right now.",
    "This opening needs a licensed actuary for regulators.",
    "We need someone to start within two weeks, before their notice ends.",
]


@dataclass
class Tally:
    kills: int = 0
    by_step: dict = field(default_factory=dict)
    landed: dict = field(default_factory=dict)
    let_go_without_delivery: int = 0
    lost_rows: int = 0
    duplicates: int = 0
    unexplained_duplicates: int = 0
    in_doubt_resent: int = 0
    delivered_not_arrived: int = 0
    left_for_the_clean_run: int = 0


def make_people(store: Store, count: int, seed: int) -> list[dict]:
    """People written as rows (each with a resume text the note can name), and their distinct
    notes."""
    rng = random.Random(seed)
    job = create_job(
        store,
        f"Platform Engineer {seed}",
        "",
        {"criteria": [{"name": "Python", "kind": "skill", "must": False, "weight": 1}]},
    )
    plan, notes = [], []
    stamp = now_iso()
    with store.transaction() as conn:
        for i in range(count):
            first = FIRST[i % len(FIRST)]
            name = f"{first} Test{seed}x{i}"
            employer = EMPLOYERS[(i + seed) % len(EMPLOYERS)]
            while True:  # notes as different as real ones: never 80 % alike (the gate refuses 85 %)
                works = rng.sample(WORKS, 2)
                brings = (
                    f"{first} {works[0]} at {employer}, and {works[1]} there with patience "
                    "and care."
                )
                why_not = rng.choice(REASONS)
                mine = normalise(brings + " " + why_not)
                if all(
                    fuzz.ratio(mine, normalise(b + " " + w)) < 80
                    and fuzz.ratio(normalise(brings), normalise(b)) < 80
                    for b, w in notes
                ):
                    break
            notes.append((brings, why_not))
            email = f"{first.lower()}.{seed}x{i}@example.org"
            text = f"{name}\n{email}\n\nExperience\nEngineer, {employer} 2018 - Present\n"
            doc = conn.execute(
                "INSERT INTO documents (sha256, size, kind, original_name, outcome, text, "
                "text_chars, imported_at) VALUES (?, ?, 'text', ?, 'ok', ?, ?, ?)",
                (f"{seed:04d}{i:060d}", len(text), f"{name}.txt", text, len(text), stamp),
            ).lastrowid
            person = conn.execute(
                "INSERT INTO people (document_id, name, emails, skills, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    doc,
                    name,
                    json.dumps([f"{first.lower()}.{seed}x{i}@example.org"]),
                    json.dumps(["Python"]),
                    stamp,
                    stamp,
                ),
            ).lastrowid
            app = conn.execute(
                "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) "
                "VALUES (?, ?, 'new', ?, ?)",
                (person, job, stamp, stamp),
            ).lastrowid
            plan.append(
                {
                    "person": person,
                    "app": app,
                    "brings": brings,
                    "why_not": why_not,
                    "subject": "Your application",
                    "body": body_for(first),
                }
            )
    return plan


class Bench:
    """One database, one transport, one plan of people, and the child that works through it."""

    def __init__(
        self, folder: Path, kind: str, count: int, seed: int, port: int | None = None, handler=None
    ):
        self.folder, self.kind, self.port, self.handler = folder, kind, port, handler
        self.db = folder / "shortlist.db"
        self.outbox_dir = folder / "outbox"
        self.settings_path = folder / "settings.json"
        settings = Settings(self.settings_path)
        for key, value in {
            "reviewer.name": AUTHOR,
            "sender.name": AUTHOR,
            "sender.email": "robin@example.com",
            "reply_to": "robin@example.com",
        }.items():
            settings.set(key, value)
        with Store(self.db) as store:
            self.plan = make_people(store, count, seed)
        self.plan_file = folder / "plan.json"
        self.plan_file.write_text(json.dumps(self.plan), encoding="utf-8")
        self.script = folder / "child.py"
        self.script.write_text(CHILD.format(repo=str(REPO), author=AUTHOR), encoding="utf-8")
        self.tally = Tally()
        self.children: list[subprocess.Popen] = []

    def close(self) -> None:
        """Leave no child behind, whatever failed."""
        for child in self.children:
            if child.poll() is None:
                child.kill()
                child.wait(10)

    def transport(self):
        if self.kind == "outbox":
            return outbox.OutboxFolder(self.outbox_dir)
        return outbox.SMTPTransport("127.0.0.1", self.port, security="none", timeout=10)

    def start(self, inject: str = "none") -> subprocess.Popen:
        target = str(self.outbox_dir) if self.kind == "outbox" else str(self.port)
        env = {**os.environ, "SHORTLIST_CONFIG": str(self.settings_path), "PYTHONPATH": str(REPO)}
        child = subprocess.Popen(
            [
                sys.executable,
                str(self.script),
                str(self.db),
                str(self.plan_file),
                self.kind,
                target,
                inject,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.children.append(child)
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        return child

    def killed(self, child: subprocess.Popen, step: str) -> None:
        """Count a SIGKILL (sent by the test or by the child's injected fault), then recover and
        check."""
        child.wait(30)
        assert child.returncode == -signal.SIGKILL, (step, child.returncode, child.stderr.read())
        child.stdout.close()
        child.stderr.close()
        self.tally.kills += 1
        self.tally.by_step[step] = self.tally.by_step.get(step, 0) + 1
        with Store(self.db) as store:  # where did it land? (before anything is recovered)
            states = dict(
                store.conn.execute(
                    "SELECT state, count(*) FROM messages WHERE state IN ('queued', 'sending') "
                    "GROUP BY state"
                ).fetchall()
            )
        landed = (
            "while sending"
            if states.get("sending")
            else "after queueing"
            if states.get("queued")
            else "between people"
        )
        self.tally.landed[landed] = self.tally.landed.get(landed, 0) + 1
        self.check(step, recovered=False)
        self.recover_and_check(step)

    def kill(self, child: subprocess.Popen, step: str) -> None:
        os.kill(child.pid, signal.SIGKILL)
        self.killed(child, step)

    # --- after a crash ---------------------------------------------------------------------

    def recover_and_check(self, step: str) -> None:
        with Store(self.db) as store:
            transport = self.transport()
            outbox.recover(store, transport, AUTHOR)
            assert store.scalar("SELECT count(*) FROM messages WHERE state = 'sending'") == 0
            outbox.retry_due(store, transport, AUTHOR, now=FAR_FUTURE)
            # In doubt: the reviewer looks and chooses to send again (same Message-ID).
            for (message,) in store.conn.execute(
                "SELECT id FROM messages WHERE state = 'in_doubt'"
            ).fetchall():
                assert (
                    outbox.deliver(store, message, transport, AUTHOR, resend=True).state
                    == "delivered"
                )
                self.tally.in_doubt_resent += 1
            left = store.query(
                "SELECT id, state, last_error FROM messages WHERE state <> 'delivered'"
            )
            assert left == [], (step, left)
            assert (
                store.scalar("SELECT count(*) FROM applications WHERE status = 'letting_go'") == 0
            )
        self.check(step, recovered=True)

    def copies(self) -> dict[str, int]:
        """How many copies of each Message-ID arrived: .eml files, or messages the SMTP server
        received."""
        if self.kind == "smtp":
            return dict(self.handler.by_message_id())
        found: dict[str, int] = {}
        for path in self.outbox_dir.glob("*.eml") if self.outbox_dir.exists() else []:
            mid = str(
                BytesParser(policy=policy.default).parsebytes(path.read_bytes())["Message-ID"]
            )
            found[mid] = found.get(mid, 0) + 1
        return found

    def check(self, step: str, recovered: bool) -> None:
        with Store(self.db) as store:
            assert store.scalar("PRAGMA integrity_check") == "ok", step
            without = store.scalar(
                "SELECT count(*) FROM applications a WHERE a.status = 'let_go' AND NOT EXISTS ("
                " SELECT 1 FROM message_applications ma JOIN messages m ON m.id = ma.message_id"
                " WHERE ma.application_id = a.id AND m.state IN ('delivered', 'kept') AND "
                "m.delivered_at IS NOT NULL)"
            )
            lost = (
                store.scalar(
                    "SELECT count(*) FROM applications a WHERE a.status IN ('letting_go', "
                    "'let_go') AND NOT EXISTS ("
                    " SELECT 1 FROM message_applications ma JOIN messages m ON m.id = ma.message_id"
                    " WHERE ma.application_id = a.id)"
                )
                + store.scalar(
                    "SELECT count(*) FROM disposition_notes n WHERE NOT EXISTS ("
                    " SELECT 1 FROM message_applications ma WHERE ma.application_id = "
                    "n.application_id)"
                )
                + store.scalar(
                    "SELECT count(*) FROM messages m WHERE NOT EXISTS ("
                    " SELECT 1 FROM message_applications ma WHERE ma.message_id = m.id)"
                )
            )
            # Delivered, but its person still waiting: only a crash may leave that.
            unfinished = store.scalar(
                "SELECT count(*) FROM messages m JOIN message_applications ma ON ma.message_id = "
                "m.id "
                "JOIN applications a ON a.id = ma.application_id WHERE m.state = 'delivered' AND "
                "a.status <> 'let_go'"
            )
            delivered = {
                r["message_id"]: r["id"]
                for r in store.query(
                    "SELECT id, message_id FROM messages WHERE state = 'delivered'"
                )
            }
            all_ids = {
                r["message_id"]: r["id"] for r in store.query("SELECT id, message_id FROM messages")
            }
            in_doubt = {
                r[0]
                for r in store.conn.execute(
                    "SELECT DISTINCT json_extract(detail, '$.message') FROM audit_log WHERE action "
                    "= 'message_in_doubt'"
                )
            }
        copies = self.copies()
        not_arrived = [mid for mid in delivered if copies.get(mid, 0) == 0]
        strangers = [mid for mid in copies if mid not in all_ids]
        doubled = {mid: n for mid, n in copies.items() if n > 1}
        unexplained = {mid: n for mid, n in doubled.items() if all_ids.get(mid) not in in_doubt}
        self.tally.let_go_without_delivery += without
        self.tally.lost_rows += lost
        self.tally.delivered_not_arrived += len(not_arrived)
        if recovered:
            self.tally.duplicates = sum(n - 1 for n in doubled.values())
            self.tally.unexplained_duplicates = sum(n - 1 for n in unexplained.values())
        assert without == 0, f"{step}: {without} let go without a delivered message"
        assert lost == 0, f"{step}: {lost} outbox rows lost"
        assert not_arrived == [], f"{step}: reported delivered but never arrived: {not_arrived}"
        assert strangers == [], f"{step}: arrived without a message row: {strangers}"
        assert unexplained == {}, f"{step}: sent twice without being in doubt: {unexplained}"
        if recovered:
            assert unfinished == 0, f"{step}: delivered but still waiting after recovery"

    def finish(self) -> None:
        """A last run without faults: everyone in the plan is let go, each with exactly the copies
        explained."""
        child = self.start()
        out, err = (
            child.stdout.read(),
            child.stderr.read(),
        )  # not communicate(): readline() buffered some
        assert child.wait(60) == 0 and out.strip().endswith("finished"), err
        self.tally.left_for_the_clean_run = out.count("\ndone ")
        self.check("final", recovered=False)
        self.recover_and_check("final")
        with Store(self.db) as store:
            statuses = {r[0] for r in store.conn.execute("SELECT status FROM applications")}
            assert statuses == {"let_go"}
            assert store.scalar("SELECT count(*) FROM messages") == len(self.plan)
        copies = self.copies()
        assert len(copies) == len(self.plan) and all(n >= 1 for n in copies.values())
        if self.kind == "outbox":
            assert list(self.outbox_dir.glob(".*.tmp")) == [], "a half-written file was left behind"


def random_kills(bench: Bench, runs: int, rng: random.Random, window: float) -> None:
    """Kill the child at a random moment, ``runs`` times (runs that finish first don't count).

    The moment: after a random number (0-4) of its progress lines, then a random
    pause of up to ``window`` seconds — so kills land anywhere in a let-go and a
    delivery, and the plan never runs out before the last kill.
    """
    done = 0
    attempts = 0
    while done < runs:
        attempts += 1
        assert attempts < runs * 3, "the child kept finishing before the kill: make the plan longer"
        child = bench.start()
        for _ in range(rng.randint(0, 4)):
            if not child.stdout.readline():
                break
        time.sleep(rng.uniform(0.0, window))
        if child.poll() is not None:
            child.communicate()
            bench.recover_and_check("random (finished first)")
            continue
        bench.kill(child, "random")
        done += 1


def report(tallies: dict[str, Tally]) -> str:
    lines = ["", "SIGKILL crash safety of letting go:"]
    for kind, t in tallies.items():
        steps = ", ".join(f"{k} {v}" for k, v in t.by_step.items())
        landed = ", ".join(f"{k} {v}" for k, v in sorted(t.landed.items()))
        lines.append(f"  {kind:<7} kills {t.kills:>3} ({steps}); landed: {landed}")
        lines.append(
            f"          let go without delivery {t.let_go_without_delivery}, lost outbox rows "
            f"{t.lost_rows}, "
            f"delivered but not arrived {t.delivered_not_arrived}, duplicates {t.duplicates} "
            f"(all of in-doubt messages resent by choice: {t.in_doubt_resent} resends; "
            f"unexplained {t.unexplained_duplicates}); people left for a last clean run "
            f"{t.left_for_the_clean_run}"
        )
    return "\n".join(lines)


def test_killed_while_delivering_to_the_outbox_folder(tmp_path, capsys, request):
    bench = Bench(tmp_path, "outbox", count=60, seed=1)
    request.addfinalizer(bench.close)
    for step in ("after_queue", "before_send", "before_rename", "before_finish"):
        bench.killed(bench.start(step), step)
    # After the rename, before the second commit: the file is there, so it counts as delivered — no
    # resend. Before the send and before the rename nothing is in the folder, and the folder can
    # say so for sure: those messages are queued again, never called in doubt.
    assert bench.tally.in_doubt_resent == 0
    random_kills(bench, runs=8, rng=random.Random(7), window=0.05)
    bench.finish()
    with capsys.disabled():
        print(report({"outbox": bench.tally}))
    assert bench.tally.kills >= 12
    assert bench.tally.duplicates == 0  # a resend rewrites the same file: never two copies


def test_killed_while_delivering_over_smtp(tmp_path, capsys, request):
    with smtp_server() as (handler, port):
        bench = Bench(tmp_path, "smtp", count=60, seed=2, port=port, handler=handler)
        request.addfinalizer(bench.close)
        for step in ("after_queue", "before_send", "before_finish"):
            bench.killed(bench.start(step), step)
        # During SMTP: the server holds its answer to DATA until the child is dead.
        for _ in range(2):
            handler.data_arrived.clear()
            handler.script.hold = hold = threading.Event()
            child = bench.start()
            assert handler.data_arrived.wait(20), "the child never reached DATA"
            os.kill(child.pid, signal.SIGKILL)
            hold.set()  # the server may answer now: nobody is listening
            handler.script.hold = None
            bench.killed(child, "during_smtp")
        random_kills(bench, runs=8, rng=random.Random(11), window=0.03)
        bench.finish()
        with capsys.disabled():
            print(report({"smtp": bench.tally}))
        # during_smtp (x2) and before_finish reached the server before the kill: resent by choice,
        # so two copies each.
        assert bench.tally.duplicates >= 3 and bench.tally.unexplained_duplicates == 0
        assert bench.tally.kills >= 12
