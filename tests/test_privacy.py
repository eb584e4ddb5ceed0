"""Their data, their say: export, erasure (down to the bytes on disk) and retention.

The world is built through the real paths: the importer (worker processes),
the gate and the outbox folder. Erasure is checked where it matters: the raw
bytes of the database, its -wal and every file beside it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from review import gate, outbox, privacy
from review.audit import record as audit
from review.db import Store, now_iso
from review.importer import Importer, ImportOptions
from review.jobs import create_job
from review.messages import PREFERENCES_INVITATION
from review.people import add_relationship_note
from review.search import search_people
from review.settings import Settings

REVIEWER = "Robin Reviewer"

ZORBALINA = """Zorbalina Quenthwick
Senior Data Engineer
zorbalina.q@example.org | +49 176 31387734 | Leipzig, Germany

Summary
Data engineer who builds reliable pipelines for public transport timetables.

Experience
Senior Data Engineer, Tramline Analytics, 2019 - 2024
- Built Airflow pipelines in Python and SQL moving timetable data for 40 cities.
- Designed a PostgreSQL warehouse and taught colleagues dbt.

Skills
Python, SQL, Airflow, PostgreSQL, dbt, Docker

Education
MSc Computer Science, University of Leipzig
"""

BARTHOLOMEW = """Bartholomew Xylander
Backend Developer
bartholomew.x@example.net | +44 7700 900123 | Bristol, United Kingdom

Summary
Backend developer who keeps payment services fast and boring.

Experience
Backend Developer, Ledgerly, 2017 - 2025
- Wrote Java and Kotlin services handling card payments.
- Ran Kafka clusters and tuned PostgreSQL queries.

Skills
Java, Kotlin, Kafka, PostgreSQL, Kubernetes

Education
BSc Mathematics, University of Bristol
"""

PHILIPPA = """Philippa Ozymandine
Machine Learning Engineer
philippa.oz@example.com | +33 6 12 34 56 78 | Lyon, France

Summary
Machine learning engineer for recommender systems in retail.

Experience
Machine Learning Engineer, Panier, 2020 - 2025
- Trained PyTorch ranking models and served them with FastAPI.
- Built feature pipelines in Spark.

Skills
Python, PyTorch, Spark, FastAPI, SQL

Education
MSc Applied Mathematics, Université Lyon 1
"""

# Every way the erased person could be recognised in a file's bytes (searched case-insensitively).
ERASED_NEEDLES = [
    "Zorbalina Quenthwick",
    "Zorbalina",
    "Quenthwick",
    "zorbalina.q@example.org",
    "31387734",
    "Tramline",
]


@dataclass
class World:
    store: Store
    data: Path
    outbox_dir: Path
    settings: Settings
    job: int
    files: dict[str, Path]  # first name -> the resume as imported
    people: dict[str, int]  # first name -> person id
    apps: dict[str, int]  # first name -> application id
    messages: dict[str, int]  # first name -> message row id


def _let_go(
    store: Store,
    settings: Settings,
    person_id: int,
    app_id: int,
    first: str,
    brings: str,
    why_not: str,
) -> int:
    body = (
        f"Hi {first},\n\n"
        "Thank you for applying for the Data Platform Engineer role and for the time you gave us. "
        f"{brings} This time we are moving forward with someone whose experience matches this "
        "particular role more closely, and I wanted you to hear it from me rather than wonder. "
        f"{PREFERENCES_INVITATION}\n\nWarm wishes,\n{REVIEWER}\n"
    )
    disposition = gate.Disposition(
        person_id, [app_id], brings, why_not, "Your application for Data Platform Engineer", body
    )
    return gate.let_go(store, disposition, REVIEWER, settings)


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    config = tmp_path / "config" / "settings.json"
    monkeypatch.setenv("SHORTLIST_CONFIG", str(config))
    settings = Settings()
    settings.set("sender.email", "robin@firm.example")
    settings.set("sender.name", REVIEWER)
    settings.set("reply_to", "robin@firm.example")
    settings.set("reviewer.name", REVIEWER)

    resumes = tmp_path / "resumes"
    resumes.mkdir()
    # Files named after their people, imported one by one: the import's list of sources
    # then holds the name too, a place an erasure easily forgets.
    files = {}
    for first, last, text in (
        ("Zorbalina", "quenthwick", ZORBALINA),
        ("Bartholomew", "xylander", BARTHOLOMEW),
        ("Philippa", "ozymandine", PHILIPPA),
    ):
        files[first] = resumes / f"{first.lower()}-{last}-cv.txt"
        files[first].write_text(text, encoding="utf-8")

    data = tmp_path / "data"
    store = Store(data / "shortlist.db")
    job = create_job(store, "Data Platform Engineer", "Pipelines for our data platform.")
    report = Importer(store, ImportOptions(workers=1, job_id=job)).run(list(files.values()))
    assert report.counts() == {"ok": 3}, report.problems
    people = {
        first: store.scalar("SELECT id FROM people WHERE name LIKE ?", (first + " %",))
        for first in files
    }
    apps = {
        first: store.scalar("SELECT id FROM applications WHERE person_id = ?", (pid,))
        for first, pid in people.items()
    }
    z, b = people["Zorbalina"], people["Bartholomew"]

    add_relationship_note(
        store,
        z,
        "Met Zorbalina Quenthwick at the Leipzig data meetup; she would like remote roles.",
        REVIEWER,
    )
    stamp = now_iso()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contact_preferences (person_id, channel, frequency, updated_at) "
            "VALUES (?, 'email', 'quarterly', ?)",
            (z, stamp),
        )
        conn.execute(
            "INSERT INTO followups (person_id, job_id, kind, title, due_at, done_at, done_by, "
            "created_at) "
            "VALUES (?, ?, 'check_in', 'Call Zorbalina about the timetable project', ?, ?, ?, ?)",
            (z, job, stamp, stamp, REVIEWER, stamp),
        )
        # Both directions of a duplicate suggestion must go (the reason names her).
        conn.execute(
            "INSERT INTO duplicate_suggestions (person_id, other_id, reason, created_at) "
            "VALUES (?, ?, 'very similar name (Zorbalina Quenthwick) and same title', ?)",
            (b, z, stamp),
        )
        # An audit detail that names her, as an SMTP refusal would (and one about someone else
        # that mentions her address): details go, rows stay.
        audit(
            conn,
            REVIEWER,
            "message_failed",
            person_id=z,
            reason="the server answered 550 <zorbalina.q@example.org>: mailbox unavailable",
        )
        audit(conn, REVIEWER, "note_moved", person_id=b, reason="meant for zorbalina.q@example.org")
        # Bartholomew agreed to stay in the talent pool: a recent consent.
        conn.execute(
            "INSERT INTO contact_preferences (person_id, channel, frequency, consent, "
            "consent_date, "
            "consent_source, updated_at) VALUES (?, 'email', 'matching_roles', 1, ?, 'reply', ?)",
            (b, stamp, stamp),
        )

    outbox_dir = data / "shortlist-outbox"  # the default: <db stem>-outbox beside the database
    transport = outbox.OutboxFolder(outbox_dir)
    messages = {
        "Zorbalina": _let_go(
            store,
            settings,
            z,
            apps["Zorbalina"],
            "Zorbalina",
            "You built Airflow pipelines that move timetable data for forty cities, and you taught "
            "your colleagues dbt along the way, which tells me a lot about you.",
            "This role needs deep Kafka streaming experience right now.",
        ),
        "Bartholomew": _let_go(
            store,
            settings,
            b,
            apps["Bartholomew"],
            "Bartholomew",
            "Years of keeping card payments boring at Ledgerly with Kotlin services and well tuned "
            "PostgreSQL queries is exactly the calm reliability teams hope for.",
            "We need someone to own Airflow orchestration from day one.",
        ),
    }
    for message in messages.values():
        result = outbox.deliver(store, message, transport, REVIEWER)
        assert result.state == "delivered", result.detail
    yield World(store, data, outbox_dir, settings, job, files, people, apps, messages)
    store.close()


def _files_under(*folders: Path) -> list[Path]:
    return sorted(
        {p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}
    )


def _found_in_bytes(paths: list[Path], needles: list[str]) -> list[tuple[str, str]]:
    hits = []
    for path in paths:
        raw = path.read_bytes().lower()
        for needle in needles:
            if needle.lower().encode("utf-8") in raw:
                hits.append((str(path), needle))
    return hits


# --- erasure ----------------------------------------------------------------------------------


def test_erasure_leaves_no_trace_in_the_database_its_wal_or_the_data_folder(world, capsys):
    store, z = world.store, world.people["Zorbalina"]
    everything = [world.data, store.files_dir, world.outbox_dir]
    # The check must be able to fail: before the erasure she is everywhere.
    assert search_people(store, "Zorbalina") == [z]
    assert search_people(store, "zorbalina.q@example.org") == [z]
    assert _found_in_bytes(_files_under(*everything), ["Zorbalina"])
    assert (world.outbox_dir).exists() and len(list(world.outbox_dir.glob("*.eml"))) == 2
    audit_rows = store.scalar("SELECT count(*) FROM audit_log WHERE person_id = ?", (z,))
    assert audit_rows >= 5  # applied, relationship note, message failed, letting go, let go
    others_before = {
        first: store.one(
            "SELECT p.*, d.text FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id "
            "= ?",
            (pid,),
        )
        for first, pid in world.people.items()
        if first != "Zorbalina"
    }
    stored_original = store.files_dir / store.scalar(
        "SELECT d.stored_path FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id = "
        "?",
        (z,),
    )
    z_eml = outbox.OutboxFolder(world.outbox_dir).path_for(
        store.scalar("SELECT message_id FROM messages WHERE id = ?", (world.messages["Zorbalina"],))
    )
    assert stored_original.exists() and z_eml.exists()

    started = time.monotonic()
    report = privacy.erase_person(store, z, REVIEWER, settings=world.settings)
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\nerase_person: {seconds:.3f} s ({report.summary().splitlines()[0]})")
    assert seconds < 10

    # The report: what went, and nothing personal in it.
    assert (
        report.person_id == z and report.index_rebuilt and report.vacuumed and report.wal_truncated
    )
    assert (
        report.rows["people"] == 1
        and report.rows["documents"] == 1
        and report.rows["messages"] == 1
    )
    assert report.rows["duplicate_suggestions"] == 1 and report.rows["followups"] == 1
    assert report.rows["import_runs.sources (paths removed)"] == 1
    assert not stored_original.exists() and not z_eml.exists()
    assert len(report.files_removed) == 1 and report.outbox_files_removed == [str(z_eml)]
    assert not [w for w in report.warnings if "still appear" in w], report.warnings
    assert not any(n.lower() in json.dumps(report.__dict__).lower() for n in ERASED_NEEDLES)

    # Search no longer finds her, by any word; the others are intact and searchable.
    for word in ("Zorbalina", "Quenthwick", "Tramline", "zorbalina.q@example.org"):
        assert search_people(store, word) == [], word
    assert search_people(store, "Bartholomew") == [world.people["Bartholomew"]]
    assert search_people(store, "Philippa Ozymandine") == [world.people["Philippa"]]
    assert search_people(store, "PostgreSQL") == [world.people["Bartholomew"]]
    for first, before in others_before.items():
        after = store.one(
            "SELECT p.*, d.text FROM people p JOIN documents d ON d.id = p.document_id WHERE p.id "
            "= ?",
            (world.people[first],),
        )
        assert after == before, first
    bart_message = store.one(
        "SELECT state FROM messages WHERE id = ?", (world.messages["Bartholomew"],)
    )
    assert bart_message == {"state": "delivered"}
    assert len(list(world.outbox_dir.glob("*.eml"))) == 1  # Bartholomew's stays

    # No row anywhere points at her, except the kept audit rows.
    for table in (
        "people",
        "contact_points",
        "skill_hits",
        "applications",
        "messages",
        "disposition_notes",
        "relationship_notes",
        "contact_preferences",
        "followups",
    ):
        column = "id" if table == "people" else "person_id"
        assert store.scalar(f"SELECT count(*) FROM {table} WHERE {column} = ?", (z,)) == 0, table
    assert (
        store.scalar(
            "SELECT count(*) FROM duplicate_suggestions WHERE ? IN (person_id, other_id)", (z,)
        )
        == 0
    )
    assert store.scalar("SELECT count(*) FROM import_files WHERE person_id = ?", (z,)) == 0
    assert store.scalar("SELECT count(*) FROM documents") == 2

    # Audit: every row kept (who did what when), every detail blanked, one tombstone with counts
    # only.
    rows = store.query("SELECT * FROM audit_log WHERE person_id = ? ORDER BY id", (z,))
    assert len(rows) == audit_rows + 1
    assert all(r["detail"] == "{}" for r in rows[:-1])
    tombstone = rows[-1]
    assert tombstone["action"] == "erased" and tombstone["actor"] == REVIEWER
    detail = json.loads(tombstone["detail"])
    assert detail["by"] == REVIEWER and detail["rows"]["people"] == 1
    all_details = " ".join(d for (d,) in store.conn.execute("SELECT detail FROM audit_log")).lower()
    assert not any(n.lower() in all_details for n in ERASED_NEEDLES)
    assert store.one("SELECT action, detail FROM audit_log WHERE action = 'note_moved'") == {
        "action": "note_moved",
        "detail": "{}",
    }  # Bartholomew's row stays, without her address

    assert store.scalar("PRAGMA integrity_check") == "ok"
    assert store.query("PRAGMA foreign_key_check") == []
    assert (
        store.scalar("INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)")
        is None
    )

    # The raw bytes: the .db, its -wal and -shm, the file store, the outbox — nowhere.
    on_disk = _files_under(*everything)
    assert world.data / "shortlist.db" in on_disk
    assert _found_in_bytes(on_disk, ERASED_NEEDLES) == []
    # ... while the others are still there (the scan reads what it should).
    assert _found_in_bytes(
        [world.data / "shortlist.db"], ["Bartholomew Xylander", "philippa.oz@example.com"]
    )


def test_erasure_survives_a_reopen_and_new_writes(world):
    """Nothing comes back from the WAL or a stale page once the database is written to again."""
    store, z = world.store, world.people["Zorbalina"]
    privacy.erase_person(store, z, REVIEWER, settings=world.settings)
    store.close()
    with Store(world.data / "shortlist.db") as again:
        add_relationship_note(
            again, world.people["Philippa"], "Asked to hear about ML roles in Lyon.", REVIEWER
        )
        assert search_people(again, "Zorbalina") == []
        assert again.scalar("PRAGMA integrity_check") == "ok"
        assert _found_in_bytes(_files_under(world.data), ERASED_NEEDLES) == []
    world.store = Store(world.data / "shortlist.db")  # for the fixture's close


def test_erasure_of_an_unknown_person_changes_nothing(world):
    before = world.store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(LookupError):
        privacy.erase_person(world.store, 9999, REVIEWER, settings=world.settings)
    assert world.store.scalar("SELECT count(*) FROM audit_log") == before


def test_erasure_refuses_while_a_message_is_being_sent(world):
    store, p = world.store, world.people["Philippa"]
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO messages (message_id, person_id, channel, recipients, subject, body, "
            "sender_name, "
            "sender_email, reply_to, author, created_at) VALUES ('<m1@firm.example>', ?, 'email', "
            "'[]', 's', 'b', 'r', 'robin@firm.example', 'robin@firm.example', ?, ?)",
            (p, REVIEWER, now_iso()),
        )
        conn.execute("UPDATE messages SET state = 'sending' WHERE message_id = '<m1@firm.example>'")
    with pytest.raises(privacy.ErasureRefused, match="being sent"):
        privacy.erase_person(store, p, REVIEWER, settings=world.settings)
    assert search_people(store, "Philippa") == [p]


# --- export ---------------------------------------------------------------------------------


def test_export_holds_everything_about_them(world, tmp_path):
    store, z = world.store, world.people["Zorbalina"]
    folder = privacy.export_person(store, z, tmp_path / "exports")
    assert folder == tmp_path / "exports" / f"person-{z}"
    data = json.loads((folder / "person.json").read_text(encoding="utf-8"))

    assert data["person"]["name"] == "Zorbalina Quenthwick"
    assert data["person"]["emails"] == ["zorbalina.q@example.org"]  # parsed, not a string of JSON
    assert "Tramline Analytics" in data["document"]["text"]
    assert data["document"]["fields"]["title"] == "Senior Data Engineer"
    [application] = data["applications"]
    assert (
        application["job_title"] == "Data Platform Engineer" and application["status"] == "let_go"
    )
    assert "manager_decision" in application
    assert data["contact_preferences"]["frequency"] == "quarterly"
    assert "Leipzig data meetup" in data["relationship_notes"][0]["text"]
    assert "Airflow pipelines" in data["disposition_notes"][0]["brings"]
    [message] = data["messages"]
    assert message["state"] == "delivered" and message["recipients"] == ["zorbalina.q@example.org"]
    assert message["body"].startswith("Hi Zorbalina,") and message["delivered_at"]
    assert message["application_ids"] == [world.apps["Zorbalina"]]
    assert data["followups"][0]["title"].startswith("Call Zorbalina")
    [suggestion] = data["duplicate_suggestions"]
    assert suggestion["other_person_id"] == world.people["Bartholomew"]
    assert data["import_files"][0]["name"] == world.files["Zorbalina"].name
    actions = [row["action"] for row in data["audit_log"]]
    assert {"applied", "relationship_note", "letting_go", "let_go"} <= set(actions)
    assert any(
        isinstance(row["detail"], dict) and row["detail"].get("after") == "let_go"
        for row in data["audit_log"]
    )
    assert {c["value"] for c in data["contact_points"]} >= {"zorbalina.q@example.org"}
    assert any(hit["skill"] == "PostgreSQL" for hit in data["skills_found"])

    # The original, under its own name, byte for byte; the message as text.
    original = folder / world.files["Zorbalina"].name
    assert data["original_file"] == {
        **data["original_file"],
        "file": original.name,
        "missing": False,
    }
    assert original.read_bytes() == world.files["Zorbalina"].read_bytes()
    text = (folder / message["file"]).read_text(encoding="utf-8")
    assert (
        "Subject: Your application for Data Platform Engineer" in text and "Hi Zorbalina," in text
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["person.json", "messages", original.name]
    )
    # Nothing about anyone else: Bartholomew's name is not in her export.
    assert "Bartholomew" not in (folder / "person.json").read_text(encoding="utf-8")

    with pytest.raises(FileExistsError):
        privacy.export_person(store, z, tmp_path / "exports")


def test_export_names_a_missing_original_instead_of_failing(world, tmp_path):
    store, p = world.store, world.people["Philippa"]
    stored = store.scalar(
        "SELECT d.stored_path FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id = ?",
        (p,),
    )
    (store.files_dir / stored).unlink()
    folder = privacy.export_person(store, p, tmp_path / "exports")
    data = json.loads((folder / "person.json").read_text(encoding="utf-8"))
    assert data["original_file"]["missing"] is True
    assert data["original_file"]["name"] == world.files["Philippa"].name
    assert "no longer in the data folder" in data["original_file"]["reason"]
    assert data["messages"] == [] and list((folder / "messages").iterdir()) == []


# --- retention ------------------------------------------------------------------------------


def _later(months: int) -> datetime:
    return privacy.months_before(datetime.now(UTC), -months)


def test_retention_candidates_follow_the_rule(world):
    store = world.store
    z, b, p = (world.people[k] for k in ("Zorbalina", "Bartholomew", "Philippa"))
    assert privacy.retention_candidates(store) == []  # everyone was active today

    rows = privacy.retention_candidates(store, now=_later(13))
    # Zorbalina: let go, no consent. Bartholomew: let go, but consented recently.
    # Philippa: still 'new' on the open job.
    assert [r["person_id"] for r in rows] == [z]
    assert rows[0]["name"] == "Zorbalina Quenthwick"
    assert "no consent" in rows[0]["reason"] and "more than 12 months" in rows[0]["reason"]
    assert datetime.fromisoformat(rows[0]["last_activity"]) <= datetime.now(UTC)

    # A consent older than 24 months has lapsed; being on a list still protects Philippa.
    later = privacy.retention_candidates(store, now=_later(25))
    assert [r["person_id"] for r in later] == [z, b] or [r["person_id"] for r in later] == [b, z]
    assert "older than 24 months" in next(r for r in later if r["person_id"] == b)["reason"]
    assert p not in {r["person_id"] for r in later}
    # A longer retention period spares everyone.
    assert privacy.retention_candidates(store, months=36, now=_later(25)) == []


def test_months_before_keeps_the_calendar():
    assert privacy.months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, tzinfo=UTC
    )
    assert privacy.months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(
        2024, 12, 15, tzinfo=UTC
    )
    assert privacy.months_before(datetime(2024, 2, 29, tzinfo=UTC), -12) == datetime(
        2025, 2, 28, tzinfo=UTC
    )


def test_purge_erases_exactly_the_candidates(world):
    store = world.store
    z, b, p = (world.people[k] for k in ("Zorbalina", "Bartholomew", "Philippa"))
    reports = privacy.purge(store, REVIEWER, now=_later(13), settings=world.settings)
    assert [r.person_id for r in reports] == [z]
    assert reports[0].vacuumed and reports[0].wal_truncated
    assert {pid for (pid,) in store.conn.execute("SELECT id FROM people")} == {b, p}
    tombstone = json.loads(
        store.scalar("SELECT detail FROM audit_log WHERE action = 'erased' AND person_id = ?", (z,))
    )
    assert tombstone["why"].startswith("retention")
    assert search_people(store, "Zorbalina") == []
    assert search_people(store, "Bartholomew") == [b] and search_people(store, "Philippa") == [p]
    assert _found_in_bytes(_files_under(world.data), ERASED_NEEDLES) == []
    # Run again: nothing left to purge.
    assert privacy.purge(store, REVIEWER, now=_later(13), settings=world.settings) == []


def test_a_reader_holding_the_wal_is_reported_and_compact_finishes_later(world):
    """Another connection mid-read pins the old pages in the -wal: say so, and finish when it is
    gone."""
    import sqlite3

    store, z = world.store, world.people["Zorbalina"]
    store.conn.execute("PRAGMA busy_timeout=200")  # the default 10 s wait is for real contention
    reader = sqlite3.connect(str(world.data / "shortlist.db"), isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM people").fetchone() == (3,)
    report = privacy.erase_person(store, z, REVIEWER, settings=world.settings)
    assert not report.wal_truncated
    assert any("reading the database" in w for w in report.warnings)
    assert search_people(store, "Zorbalina") == []
    # The reader's snapshot still needs the old pages: they are on disk until it lets go.
    assert _found_in_bytes(_files_under(world.data), ["Zorbalina"])
    reader.execute("COMMIT")
    reader.close()
    done = privacy.compact(store)
    assert done.complete and done.problems == []
    assert _found_in_bytes(_files_under(world.data), ERASED_NEEDLES) == []


def test_a_mention_in_someone_elses_record_is_reported_not_deleted(world):
    """Another person's note naming her is their record: a human decides, the report says where."""
    store, p = world.store, world.people["Philippa"]
    add_relationship_note(
        store, p, "Referred to us by Zorbalina Quenthwick, her former colleague.", REVIEWER
    )
    report = privacy.erase_person(
        store, world.people["Zorbalina"], REVIEWER, settings=world.settings
    )
    [warning] = [w for w in report.warnings if "still appear" in w]
    assert "relationship_notes.text (1 row(s))" in warning
    assert "Zorbalina" not in warning  # the report itself names nobody
    assert "Referred to us by Zorbalina" in store.scalar(
        "SELECT text FROM relationship_notes WHERE person_id = ?", (p,)
    )


def test_the_outbox_folder_comes_from_the_settings(world, tmp_path):
    assert privacy._outbox_folder(world.store, world.settings) == world.outbox_dir
    world.settings.set("outbox.dir", str(tmp_path / "mail"))
    assert privacy._outbox_folder(world.store, world.settings) == tmp_path / "mail"
    assert (
        privacy._outbox_folder(world.store, None) == tmp_path / "mail"
    )  # read from SHORTLIST_CONFIG


def test_cli_person_erase_asks_unless_yes(tmp_path, monkeypatch):
    """The command line refuses to erase without --yes when nobody can answer, and erases with
    it."""
    import subprocess
    import sys

    from tests.worlds import make_people

    store, _job, ids, _settings = make_people(tmp_path, monkeypatch)
    db = str(store.path)
    store.close()
    cli = [sys.executable, "-m", "app.cli"]
    asked = subprocess.run(
        [*cli, "person", "erase", str(ids["bo.txt"]), "--db", db],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert asked.returncode == 3 and "Nothing erased" in asked.stderr
    done = subprocess.run(
        [*cli, "person", "erase", str(ids["bo.txt"]), "--yes", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    raw = Path(db).read_bytes()
    assert b"Lindqvist" not in raw and b"bo.lindqvist@example.net" not in raw


# --- red team (issue 13, item 12): a folder and a ZIP named after them, and the exports that hold t


def _named_after_her(world) -> None:
    """Her other papers, as a recruiter files them: a folder and a ZIP named after her (their files
    are not her resume, so the erasure cannot simply drop them with her document)."""
    import zipfile

    folder = world.data.parent / "inbox" / "Zorbalina Quenthwick"
    folder.mkdir(parents=True)
    (folder / "references.txt").write_text(
        "References for the timetable project: ask the city of Leipzig.\n"
    )
    archive = world.data.parent / "inbox" / "Zorbalina_Quenthwick_applications.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(
            "cover-letter.txt", "I would love to bring my pipeline experience to your team.\n"
        )
    Importer(world.store, ImportOptions(workers=1)).run([folder, archive])


def _exports_of_her(world, tmp_path) -> dict:
    from app.exporting import export_shortlist
    from review.backup import backup
    from review.jobs import resolve_job

    job = resolve_job(world.store, world.job)
    out = tmp_path / "exports"
    csv_path, _ = export_shortlist(world.store, job, "csv", out / "shortlist.csv", include="all")
    blind_path, _ = export_shortlist(
        world.store, job, "html", out / "blind.html", include="all", blind=True
    )
    person_folder = privacy.export_person(world.store, world.people["Zorbalina"], out)
    backup_path = backup(world.store, out / "backup.db")
    return {"csv": csv_path, "blind": blind_path, "person": person_folder, "backup": backup_path}


def test_attack_erase_scrubs_folders_and_zips_named_after_them(world):
    store, z = world.store, world.people["Zorbalina"]
    _named_after_her(world)
    sources = " ".join(s for (s,) in store.conn.execute("SELECT sources FROM import_runs"))
    assert "Zorbalina Quenthwick" in sources and "Zorbalina_Quenthwick_applications.zip" in sources
    report = privacy.erase_person(store, z, REVIEWER, settings=world.settings)
    assert report.rows["paths naming them (scrubbed)"] >= 4  # two run sources, two files' sources
    for table, column in (
        ("import_runs", "sources"),
        ("import_files", "source"),
        ("import_files", "name"),
        ("documents", "original_name"),
    ):
        values = " ".join(str(v) for (v,) in store.conn.execute(f"SELECT {column} FROM {table}"))
        assert "zorbalina" not in values.lower() and "quenthwick" not in values.lower(), (
            table,
            values,
        )
    # The files under her folder are still somebody's record, their paths without her name.
    kept = [s for (s,) in store.conn.execute("SELECT source FROM import_files")]
    assert any(s.endswith("[erased]/references.txt") for s in kept)
    assert any("[erased]/cover-letter.txt" in s for s in kept)
    # Nothing is left for the residue check to call "someone else's record".
    assert not [w for w in report.warnings if "still appear" in w], report.warnings
    assert _found_in_bytes(_files_under(world.data), ERASED_NEEDLES) == []


def test_attack_erase_lists_the_exports_that_hold_them_and_deletes_them_when_asked(world, tmp_path):
    store, z = world.store, world.people["Zorbalina"]
    files = _exports_of_her(world, tmp_path)
    held = privacy.files_holding(store, z)
    assert {f["kind"] for f in held} == {"shortlist", "person", "backup"} and len(held) == 4
    report = privacy.erase_person(store, z, REVIEWER, settings=world.settings)
    # Listed, kept (not asked to delete), and said in the report.
    assert sorted(report.exports_kept) == sorted(
        str(files[k].resolve()) for k in ("csv", "blind", "person")
    )
    assert report.backups == [str(files["backup"].resolve())]
    assert all(files[k].exists() for k in files)
    said = "\n".join(report.warnings)
    assert (
        "these exports Shortlist wrote still hold this person" in said and str(files["csv"]) in said
    )
    assert "these backups, made since they arrived, still hold this person" in said
    # The record of the exports no longer holds her id (she is gone from the database).
    assert all(
        z not in json.loads(p) for (p,) in store.conn.execute("SELECT people FROM exports_written")
    )


def test_erase_with_delete_exports_deletes_them_from_the_command_line(world, tmp_path):
    import subprocess
    import sys

    store, z = world.store, world.people["Zorbalina"]
    files = _exports_of_her(world, tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "person",
            "erase",
            str(z),
            "--yes",
            "--delete-exports",
            "--db",
            str(store.path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "SHORTLIST_CONFIG": str(world.settings.path)},
    )
    assert done.returncode == 0, done.stderr
    assert "(3 exports)" in done.stdout
    assert (
        not files["csv"].exists() and not files["blind"].exists() and not files["person"].exists()
    )
    assert (
        files["backup"].exists() and "backup.db" in done.stdout
    )  # a backup holds everyone: listed, not deleted
    assert store.scalar("SELECT count(*) FROM exports_written WHERE kind <> 'backup'") == 0
