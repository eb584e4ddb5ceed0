"""Red team: the gate and the database (issue 13, items 1–3).

Each test performs an attack — a note the old trigger counted differently, a raw
UPDATE an outside tool might make — and checks the outcome: the gate and the
triggers agree, and every single INSERT or UPDATE that would let someone go
without their note and their own delivered message is refused with nothing
changed. The README's "What Shortlist promises" names these tests.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import string

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from review import gate, outbox
from review.db import Store, now_iso
from review.messages import words
from review.notes import MIN_BRINGS_WORDS, MIN_WHY_NOT_WORDS, check_note, person_context
from review.status import STATUSES
from tests.test_gate import snapshot
from tests.worlds import AUTHOR, BRINGS, WHY_NOT, build_template, open_world


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("attack-template"))


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    w = open_world(template, tmp_path / "w", monkeypatch)
    yield w
    w.store.close()


def deliver(w, message: int) -> outbox.Result:
    return outbox.deliver(w.store, message, outbox.OutboxFolder(w.outbox_dir), AUTHOR)


# --- 1. one definition of a word ----------------------------------------------------------


# Words joined by slashes: the gate counts 13 and 7, spaces alone would say 9 and 5.
SLASHED_BRINGS = (
    "Ana built Kafka/Python/Go pipelines at Stripe, led ledger/PostgreSQL/Docker migration."
)
SLASHED_WHY_NOT = "Role needs Kubernetes/Terraform/Helm on-call operations."


def test_attack_a_note_with_slashes_the_gate_accepts_is_let_go_at_delivery(world):
    """The attack of item 1: a note the gate accepts that counting spaces would refuse at "
    "delivery."""
    assert len(words(SLASHED_BRINGS)) >= MIN_BRINGS_WORDS > len(SLASHED_BRINGS.split())
    assert len(words(SLASHED_WHY_NOT)) >= MIN_WHY_NOT_WORDS > len(SLASHED_WHY_NOT.split())
    message = gate.let_go(
        world.store,
        world.disposition("ana", brings=SLASHED_BRINGS, why_not=SLASHED_WHY_NOT),
        AUTHOR,
        world.settings,
    )
    result = deliver(world, message)
    assert result.state == "delivered", result.detail
    assert world.status("ana") == "let_go"
    note = world.store.one(
        "SELECT brings_words, why_not_words FROM disposition_notes WHERE application_id = ?",
        (world.apps[("ana", "backend")],),
    )
    assert note == {
        "brings_words": len(words(SLASHED_BRINGS)),
        "why_not_words": len(words(SLASHED_WHY_NOT)),
    }
    # Nothing is left for recovery to stumble over at the next start.
    assert outbox.recover(world.store, outbox.OutboxFolder(world.outbox_dir), AUTHOR) == []


def test_attack_a_note_whose_stored_counts_claim_more_words_than_it_has_is_refused(world):
    conn = world.store.conn
    app = world.apps[("ana", "backend")]
    before = snapshot(world.store)
    for brings, counted in (("x", 12), ("Great.", 12), ("", 1)):
        with pytest.raises(sqlite3.IntegrityError, match="word counts the gate computed"):
            conn.execute(
                "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, "
                "why_not, "
                "brings_words, why_not_words, author, created_at) VALUES (?, ?, ?, 'let_go', ?, ?, "
                "?, 6, ?, ?)",
                (
                    app,
                    world.people["ana"],
                    world.jobs["backend"],
                    brings,
                    WHY_NOT["ana"],
                    counted,
                    AUTHOR,
                    now_iso(),
                ),
            )
    with pytest.raises(
        sqlite3.IntegrityError, match="word counts"
    ):  # no counts at all: an older tool
        conn.execute(
            "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, "
            "why_not, author, "
            "created_at) VALUES (?, ?, ?, 'let_go', ?, ?, ?, ?)",
            (
                app,
                world.people["ana"],
                world.jobs["backend"],
                BRINGS["ana"],
                WHY_NOT["ana"],
                AUTHOR,
                now_iso(),
            ),
        )
    assert snapshot(world.store) == before


def test_attack_a_note_rewritten_after_the_gate_accepted_it_is_refused(world):
    gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    app = world.apps[("ana", "backend")]
    before = snapshot(world.store)
    for change in (
        "brings = 'ok'",
        "brings_words = 40",
        "why_not = 'no'",
        "person_id = person_id + 1",
        "application_id = application_id + 1",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="kept as written"):
            world.store.conn.execute(
                f"UPDATE disposition_notes SET {change} WHERE application_id = ?", (app,)
            )
    assert snapshot(world.store) == before


def test_attack_a_note_filed_under_someone_elses_application_is_refused(world):
    before = snapshot(world.store)
    with pytest.raises(sqlite3.IntegrityError, match="belongs to the application"):
        world.store.conn.execute(
            "INSERT INTO disposition_notes (application_id, person_id, job_id, kind, brings, "
            "why_not, brings_words, "
            "why_not_words, author, created_at) VALUES (?, ?, ?, 'let_go', ?, ?, ?, ?, ?, ?)",
            (
                world.apps[("ana", "backend")],
                world.people["eli"],
                world.jobs["backend"],
                BRINGS["eli"],
                WHY_NOT["eli"],
                len(words(BRINGS["eli"])),
                len(words(WHY_NOT["eli"])),
                AUTHOR,
                now_iso(),
            ),
        )
    assert snapshot(world.store) == before


# The words notes are made of: resume words (so the note is specific), glue, and the
# shapes that made the two counts differ — slashes, dashes, symbols, digits, accents.
_TOKENS = [
    "Kafka",
    "Python",
    "PostgreSQL",
    "Stripe",
    "ledger",
    "pipelines",
    "payment",
    "migration",
    "Go",
    "Docker",
    "C++",
    "Node.js",
    "don't",
    "on-call",
    "e-mail",
    "team",
    "built",
    "led",
    "Zürich",
    "naïve",
    "2019",
    "42%",
    "x",
    "a",
    "the",
    "and",
    "for",
    "with",
    "at",
    "#1",
    "—",
    "-",
    "/",
    "…",
    "·",
    "&",
    "+",
    "'",
    "_",
    "(",
    ")",
    "ünïcødé",
    "Ωmega",
    "中文",
    "résumé",
]
_GLUE = [
    " ",
    " ",
    " ",
    "/",
    ", ",
    " — ",
    "-",
    "\n",
    "\t",
    "  ",
    " / ",
    "+",
    "…",
    "·",
    ". ",
    "_",
    "'",
]


@st.composite
def note_text(draw, low: int, high: int) -> str:
    count = draw(st.integers(low, high))
    parts = []
    for _ in range(count):
        parts.append(
            draw(
                st.one_of(
                    st.sampled_from(_TOKENS),
                    st.sampled_from(_TOKENS),
                    st.text(string.ascii_letters + "äöüéßñ", min_size=1, max_size=9),
                )
            )
        )
        parts.append(draw(st.sampled_from(_GLUE)))
    return "".join(parts).strip()


@pytest.fixture(scope="module")
def bench(template, tmp_path_factory):
    """One private database for the property test: every example is rolled back."""
    folder = tmp_path_factory.mktemp("property")
    shutil.copyfile(template["path"], folder / "shortlist.db")
    store = Store(folder / "shortlist.db")
    from review.settings import Settings

    settings = Settings(folder / "settings.json")
    for key, value in {
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
        "sender.name": AUTHOR,
    }.items():
        settings.set(key, value)
    person, app = template["people"]["ana"], template["apps"][("ana", "backend")]
    yield {
        "store": store,
        "settings": settings,
        "person": person,
        "app": app,
        "job": template["jobs"]["backend"],
        "context": person_context(store, person),
        "email": template["emails"]["ana"][0],
    }
    store.close()


@hsettings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(brings=note_text(10, 32), why_not=note_text(5, 14))
def test_property_every_note_the_gate_accepts_passes_the_trigger(bench, brings, why_not):
    """Over many generated notes: one check_note accepts is stored by the gate and let go by the
    trigger.

    And the two agree on length both ways: the trigger refuses exactly the notes
    whose gate-counted words fall short.
    """
    checks = check_note(brings, why_not, bench["context"])
    accepted = all(c.ok for c in checks)
    long_enough = (
        len(words(brings)) >= MIN_BRINGS_WORDS and len(words(why_not)) >= MIN_WHY_NOT_WORDS
    )
    store, conn, stamp = bench["store"], bench["store"].conn, now_iso()
    conn.execute("BEGIN IMMEDIATE")
    try:
        message = outbox.queue(
            conn,
            bench["person"],
            "let_go",
            "email",
            [bench["email"]],
            "Your application",
            "Hi Ana",
            bench["settings"],
            AUTHOR,
            stamp,
        )
        gate._note(
            conn,
            bench["app"],
            bench["person"],
            bench["job"],
            "let_go",
            brings,
            why_not,
            AUTHOR,
            stamp,
            message,
        )
        try:
            conn.execute(
                "UPDATE applications SET previous_status = status, status = 'letting_go' WHERE id "
                "= ?",
                (bench["app"],),
            )
            conn.execute("UPDATE messages SET state = 'sending' WHERE id = ?", (message,))
            conn.execute(
                "UPDATE messages SET state = 'delivered', delivered_at = ?, transport = 'outbox', "
                "answer = 'written' WHERE id = ?",
                (stamp, message),
            )
            conn.execute("UPDATE applications SET status = 'let_go' WHERE id = ?", (bench["app"],))
            let_go = True
        except sqlite3.IntegrityError:
            let_go = False
    finally:
        conn.execute("ROLLBACK")
    if accepted:
        assert let_go, (
            f"the gate accepted this note and the trigger refused it: {brings!r} / {why_not!r}"
        )
    assert let_go == long_enough, (brings, why_not)
    assert store.scalar("SELECT status FROM applications WHERE id = ?", (bench["app"],)) == "new"


# --- 2. what the triggers refuse --------------------------------------------------------------


def test_attack_a_message_set_to_delivered_by_hand_straight_from_queued_is_refused(world):
    message = gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    before = snapshot(world.store)
    stamp = now_iso()
    with pytest.raises(sqlite3.IntegrityError, match="only from sending"):
        world.store.conn.execute(
            "UPDATE messages SET state = 'delivered', delivered_at = ?, transport = 'smtp', answer "
            "= '250 OK' "
            "WHERE id = ?",
            (stamp, message),
        )
    # Other jumps the state machine does not have.
    for state in ("failed", "in_doubt", "call_pending"):
        with pytest.raises(sqlite3.IntegrityError, match="queued → sending"):
            world.store.conn.execute("UPDATE messages SET state = ? WHERE id = ?", (state, message))
    # From sending, delivered still needs the transport's answer.
    world.store.conn.execute("UPDATE messages SET state = 'sending' WHERE id = ?", (message,))
    with pytest.raises(sqlite3.IntegrityError, match="its answer"):
        world.store.conn.execute(
            "UPDATE messages SET state = 'delivered', delivered_at = ?, transport = 'smtp' "
            "WHERE id = ?",
            (stamp, message),
        )
    world.store.conn.execute("UPDATE messages SET state = 'queued' WHERE id = ?", (message,))
    assert snapshot(world.store) == before
    assert world.status("ana") == "letting_go"


def test_a_delivery_records_the_transports_answer_and_stays_as_it_was(world):
    message = gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    assert deliver(world, message).state == "delivered"
    row = world.message(message)
    assert row["answer"].startswith("written to ") and row["answer"].endswith(".eml")
    for change in (
        "state = 'queued'",
        "answer = 'forged'",
        "delivered_at = NULL",
        "recipients = '[]'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            world.store.conn.execute(f"UPDATE messages SET {change} WHERE id = ?", (message,))
    assert world.message(message) == row


def test_attack_a_let_go_with_a_delivered_message_to_someone_else_is_refused(world):
    """Eli's delivered message cannot let Ana go: not linked to her, not re-addressed, not "
    "re-owned."""
    eli_message = gate.let_go(world.store, world.disposition("eli"), AUTHOR, world.settings)
    assert deliver(world, eli_message).state == "delivered"
    ana_message = gate.let_go(world.store, world.disposition("ana"), AUTHOR, world.settings)
    ana_app = world.apps[("ana", "backend")]
    before = snapshot(world.store)
    conn = world.store.conn
    with pytest.raises(
        sqlite3.IntegrityError, match="applications of the person it is addressed to"
    ):
        conn.execute(
            "INSERT INTO message_applications (message_id, application_id) VALUES (?, ?)",
            (eli_message, ana_app),
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "UPDATE messages SET person_id = ? WHERE id = ?", (world.people["ana"], eli_message)
        )
    # Ana's own queued message, re-addressed to Eli by an outside tool: refused before it is sent.
    with pytest.raises(sqlite3.IntegrityError, match="written and checked for"):
        conn.execute(
            "UPDATE messages SET recipients = ? WHERE id = ?",
            (json.dumps(world.emails["eli"]), ana_message),
        )
    with pytest.raises(sqlite3.IntegrityError, match="let_go needs"):
        conn.execute("UPDATE applications SET status = 'let_go' WHERE id = ?", (ana_app,))
    assert snapshot(world.store) == before
    assert world.status("ana") == "letting_go"


def test_attack_moving_an_application_to_another_person_or_job_is_refused(world):
    """Moving Eli's let-go row onto Ana (or onto another job) would let her go on his note and "
    "message."""
    message = gate.let_go(world.store, world.disposition("eli"), AUTHOR, world.settings)
    assert deliver(world, message).state == "delivered"
    before = snapshot(world.store)
    eli_app = world.apps[("eli", "backend")]
    with pytest.raises(sqlite3.IntegrityError, match="stays with its person and its job"):
        world.store.conn.execute(
            "DELETE FROM applications WHERE id = -1"
        )  # (nothing) then the real attack:
        world.store.conn.execute(
            "UPDATE applications SET person_id = ? WHERE id = ?", (world.people["dee"], eli_app)
        )
    with pytest.raises(sqlite3.IntegrityError, match="stays with its person and its job"):
        world.store.conn.execute(
            "UPDATE applications SET job_id = ? WHERE id = ?", (world.jobs["data"], eli_app)
        )
    assert snapshot(world.store) == before


@pytest.mark.parametrize("status", ["rejected", "LET_GO", "Let go", "dropped", ""])
def test_attack_a_status_outside_the_contract_is_refused(world, status):
    before = snapshot(world.store)
    stamp = now_iso()
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        world.store.conn.execute(
            "UPDATE applications SET status = ? WHERE id = ?",
            (status, world.apps[("ana", "backend")]),
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        world.store.conn.execute(
            "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?)",
            (world.people["bo"], world.jobs["data"], status, stamp, stamp),
        )
    assert snapshot(world.store) == before


def test_the_check_on_status_lists_exactly_the_contracts_statuses(world):
    """The CHECK is spelled in the migration (frozen text); it must name the statuses of "
    "review.status."""
    conn = world.store.conn
    accepted = set()
    for status in [*STATUSES, "rejected", "LET_GO", "new "]:
        conn.execute("SAVEPOINT probe")
        try:
            # The insert triggers refuse gate statuses; a refusal by a trigger is not the CHECK's.
            conn.execute(
                "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) "
                "VALUES (?, ?, ?, '', '')",
                (world.people["bo"], world.jobs["data"], status),
            )
            accepted.add(status)
        except sqlite3.IntegrityError as exc:
            if "CHECK" not in str(exc):
                accepted.add(status)
        finally:
            conn.execute("ROLLBACK TO probe")
            conn.execute("RELEASE probe")
    assert accepted == set(STATUSES)


def test_attack_withdrawn_written_without_its_note_and_acknowledgment_is_refused(world):
    before = snapshot(world.store)
    app = world.apps[("cy", "backend")]
    with pytest.raises(sqlite3.IntegrityError, match="withdrawn needs"):
        world.store.conn.execute(
            "UPDATE applications SET status = 'withdrawn' WHERE id = ?", (app,)
        )
    stamp = now_iso()
    with pytest.raises(sqlite3.IntegrityError, match="use the gate"):
        world.store.conn.execute(
            "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) VALUES "
            "(?, ?, 'withdrawn', ?, ?)",
            (world.people["cy"], world.jobs["data"], stamp, stamp),
        )
    assert snapshot(world.store) == before
    # Through the gate: a note and an acknowledgment, and the database agrees.
    draft = gate.draft_withdrawn(world.store, world.people["cy"], app, world.settings)
    message = gate.withdraw(
        world.store,
        world.people["cy"],
        app,
        "They accepted an offer closer to home.",
        draft.subject,
        draft.body,
        AUTHOR,
        world.settings,
    )
    assert world.status("cy") == "withdrawn"
    assert deliver(world, message).state == "delivered"


# --- an older database, upgraded -------------------------------------------------------------


def test_upgrading_a_version_8_database_repairs_statuses_and_frees_a_stuck_let_go(
    tmp_path, monkeypatch
):
    """A database from before: a status another tool wrote, and the item-1 trap — a slashed note
    whose
    .eml was written while the old trigger refused let_go, leaving the message 'sending' for ever.
    The upgrade counts the old notes by the gate's definition; recovery then finishes the let-go."""
    import review.db

    monkeypatch.setattr(review.db, "MIGRATIONS", review.db.MIGRATIONS[:8])
    db = tmp_path / "old.db"
    stamp = now_iso()
    with Store(db) as old:
        assert old.schema_version == 8
        conn = old.conn
        conn.execute(
            "INSERT INTO documents (sha256, size, original_name, outcome, imported_at) VALUES "
            "('a', 1, 'ana.txt', 'ok', ?)",
            (stamp,),
        )
        conn.execute(
            "INSERT INTO documents (sha256, size, original_name, outcome, imported_at) VALUES "
            "('b', 1, 'eli.txt', 'ok', ?)",
            (stamp,),
        )
        conn.execute(
            "INSERT INTO people (document_id, name, emails, created_at, updated_at) VALUES (1, "
            "'Ana Lima', '[\"ana@example.org\"]', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO people (document_id, name, emails, created_at, updated_at) VALUES (2, "
            "'Eli Okafor', '[\"eli@example.org\"]', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO jobs (title, created_at, updated_at) VALUES ('Backend', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) VALUES "
            "(1, 1, 'new', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) VALUES "
            "(2, 1, 'rejected', ?, ?)",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO disposition_notes (application_id, person_id, job_id, brings, why_not, "
            "author, created_at) "
            "VALUES (1, 1, 1, ?, ?, ?, ?)",
            (SLASHED_BRINGS, SLASHED_WHY_NOT, AUTHOR, stamp),
        )
        conn.execute(
            "INSERT INTO messages (message_id, person_id, channel, recipients, subject, body, "
            "sender_name, "
            "sender_email, reply_to, author, created_at) VALUES ('<m1@example.com>', 1, 'email', "
            "'[\"ana@example.org\"]', 'Your application', 'Hi Ana', ?, 'robin@example.com', "
            "'robin@example.com', ?, ?)",
            (AUTHOR, AUTHOR, stamp),
        )
        conn.execute("INSERT INTO message_applications (message_id, application_id) VALUES (1, 1)")
        conn.execute("UPDATE applications SET status = 'letting_go' WHERE id = 1")
        # The send wrote its file; the old trigger refused let_go: the message stayed 'sending'.
        conn.execute(
            "UPDATE messages SET state = 'sending', transport = 'outbox', sending_pid = 999999999, "
            "sending_at = ? WHERE id = 1",
            (stamp,),
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "UPDATE messages SET state = 'delivered', delivered_at = ? WHERE id = 1", (stamp,)
            )
            conn.execute("UPDATE applications SET status = 'let_go' WHERE id = 1")
        conn.execute("UPDATE messages SET state = 'sending' WHERE id = 1")
    folder = outbox.OutboxFolder(tmp_path / "old-outbox")
    folder.folder.mkdir()
    folder.path_for("<m1@example.com>").write_text("Message-ID: <m1@example.com>\n\nHi Ana\n")

    monkeypatch.undo()
    with Store(db) as new:
        from review.schema import MIGRATIONS

        assert new.schema_version == MIGRATIONS[-1][0]  # every step since version 8, in order
        assert (
            new.scalar("PRAGMA integrity_check") == "ok"
            and new.query("PRAGMA foreign_key_check") == []
        )
        assert new.one(
            "SELECT brings_words, why_not_words FROM disposition_notes WHERE id = 1"
        ) == {
            "brings_words": len(words(SLASHED_BRINGS)),
            "why_not_words": len(words(SLASHED_WHY_NOT)),
        }
        # 'rejected' was never a status: Eli is back on the list, and the audit says what it was.
        assert new.scalar("SELECT status FROM applications WHERE id = 2") == "new"
        repaired = new.one("SELECT actor, detail FROM audit_log WHERE action = 'status_repaired'")
        assert repaired["actor"] == "upgrade" and json.loads(repaired["detail"]) == {
            "before": "rejected",
            "after": "new",
        }
        results = outbox.recover(new, folder, AUTHOR)
        assert [r.state for r in results] == ["delivered"]
        assert new.scalar("SELECT status FROM applications WHERE id = 1") == "let_go"
        assert outbox.recover(new, folder, AUTHOR) == []


@pytest.mark.parametrize("version", [10, 11, 12, 13])
def test_a_database_at_version_10_to_13_upgrades_to_the_last(tmp_path, monkeypatch, version):
    """Versions 11 (field corrections), 12 (the loop with people), 13 (messages kept when they
    ask) and 14 (cover letters) landed on separate branches: a database made before any of
    them, or with some, reaches the last version, with progress heard to the end and its rows
    intact."""
    import review.db
    from review.schema import MIGRATIONS

    monkeypatch.setattr(review.db, "MIGRATIONS", review.db.MIGRATIONS[:version])
    db = tmp_path / f"v{version}.db"
    stamp = now_iso()
    with Store(db) as old:
        assert old.schema_version == version
        old.conn.execute(
            "INSERT INTO documents (sha256, size, original_name, outcome, imported_at) VALUES "
            "('a', 1, 'ana.txt', 'ok', ?)",
            (stamp,),
        )
        old.conn.execute(
            "INSERT INTO people (document_id, name, emails, created_at, updated_at) VALUES (1, "
            "'Ana Lima', '[\"ana@example.org\"]', ?, ?)",
            (stamp, stamp),
        )
        old.conn.execute(
            "INSERT INTO jobs (title, created_at, updated_at) VALUES ('Backend', ?, ?)",
            (stamp, stamp),
        )
    monkeypatch.undo()
    heard: list[float] = []
    with Store(db, migrate=False) as new:
        applied = new.migrate(progress=heard.append)
        assert applied == [v for v, _ in MIGRATIONS if v > version]
        assert new.schema_version == MIGRATIONS[-1][0]
        assert heard[0] == 0.0 and heard[-1] == 1.0 and heard == sorted(heard)
        assert (
            new.scalar("PRAGMA integrity_check") == "ok"
            and new.query("PRAGMA foreign_key_check") == []
        )
        assert new.one("SELECT name, confidence, doubts FROM people") == {
            "name": "Ana Lima",
            "confidence": "{}",
            "doubts": "{}",
        }
        tables = {r["name"] for r in new.query("SELECT name FROM sqlite_master")}
        assert {"corrections", "replies", "interviews", "role_offers"} <= tables
        assert {"cover_letters", "mailbox_messages"} <= tables
        columns = {r["name"] for r in new.query("PRAGMA table_info(messages)")}
        assert "job_id" in columns


# --- 5. a template with a placeholder Shortlist does not know ------------------------------------


def test_attack_an_unknown_placeholder_in_a_template_blocks_sending_in_the_cli(world):
    from tests.test_gate import _cli

    templates = world.folder / "templates"
    templates.mkdir()
    (templates / "warm.txt").write_text(
        "Subject: {job_title} at {company}\nHi {first_name},\n\nThank you for "
        "applying to {company}.\n\n{strength}\n\n{reviewer_name}\n",
        encoding="utf-8",
    )
    before = snapshot(world.store)
    done = _cli(
        world,
        "drop",
        "Ana Lima",
        "--job",
        "Backend Engineer",
        "--brings",
        BRINGS["ana"],
        "--why-not",
        WHY_NOT["ana"],
        "--template",
        "warm",
    )
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "BLOCK “{company}” in the subject is not a placeholder Shortlist fills" in done.stdout
    assert "Not let go — nothing was changed" in done.stderr and "{company}" in done.stderr
    assert snapshot(world.store) == before
