"""The worlds tests are built in: small, real databases, made through the real import and,
where people are let go, through the real gate.

``make_people`` gives a job and a handful of imported people (with ``let_go`` to let one
go properly); ``build_template`` and ``open_world`` give the gate's world of five people
over three jobs, built once per module and copied for each test.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from review.db import Store, now_iso
from review.gate import Disposition
from review.importer import Importer, ImportOptions
from review.jobs import create_job, spec_from_toml
from review.settings import Settings

# --- a job and a few people -------------------------------------------------------------

JOB = {
    "title": "Backend Engineer",
    "min_years": 3,
    "criteria": [
        {"name": "Python", "must": True, "weight": 3},
        {"name": "PostgreSQL", "weight": 2},
        {"name": "Kubernetes", "weight": 1},
    ],
}

PEOPLE_RESUMES = {
    "ana.txt": """Ana Quintero Bravo
ana.quintero@example.org | +34 612 345 678 | Valencia, Spain

Summary
Backend engineer with 7 years of experience building payment services in Python and PostgreSQL.

Experience
Senior Backend Engineer, Pagora 2019 - Present
- Built the settlement service in Python on PostgreSQL and Kubernetes
- Mentored four junior engineers
Backend Engineer, Tiquetes 2016 - 2019
- Wrote the ticketing API in Python

Skills
Python, PostgreSQL, Kubernetes, Docker, Kafka

Education
B.Sc. Computer Science, Universidad de Valencia
""",
    "bo.txt": """Bo Lindqvist-Haraldsen
bo.lindqvist@example.net | Göteborg, Sweden

Profile
Data analyst who loves tidy spreadsheets and clear dashboards.

Experience
Data Analyst, Nordhamn Logistics 2020 - Present
- Weekly reports in Excel and Tableau for the warehouse team
- SQL queries for stock levels

Skills
Excel, Tableau, SQL, Python
""",
    "cy.txt": """Cyrille Ombeni Matondo
cyrille.om@example.com | Lyon, France

Summary
Site reliability engineer; calm on call, careful with runbooks.

Experience
SRE, Viaduc 2018 - Present
- Ran Kubernetes clusters and wrote Terraform modules
- Python tooling for incident response

Skills
Kubernetes, Terraform, Python, Prometheus, Grafana
""",
}


def make_people(
    tmp_path: Path, monkeypatch, resumes: dict[str, str | bytes] = PEOPLE_RESUMES, job: dict = JOB
):
    """A store with a job, the resumes imported into it, and settings for the gate. Returns (store,
    job_id, {file: person_id}, settings)."""
    from review.settings import Settings

    settings_path = tmp_path / "settings.json"
    monkeypatch.setenv("SHORTLIST_CONFIG", str(settings_path))
    settings = Settings(settings_path)
    for key, value in {
        "reviewer.name": "Robin Reviewer",
        "sender.name": "Robin Reviewer",
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
        "outbox.dir": str(tmp_path / "outbox"),
    }.items():
        settings.set(key, value)
    folder = tmp_path / "resumes"
    folder.mkdir(exist_ok=True)
    for name, text in resumes.items():
        if isinstance(text, bytes):
            (folder / name).write_bytes(text)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "shortlist.db")
    job_id = create_job(store, job["title"], "", spec_from_toml(dict(job), "job"))
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([folder])
    ids = {
        row["original_name"]: row["id"]
        for row in store.query(
            "SELECT p.id, d.original_name FROM people p JOIN documents d ON d.id = p.document_id"
        )
    }
    return store, job_id, ids, settings


def let_go(store, settings, person_id: int, job_id: int, brings: str, why_not: str) -> int:
    """Through the real gate and the outbox folder; returns the message row."""
    from review.gate import Disposition, draft_for
    from review.gate import let_go as gate_let_go
    from review.outbox import deliver, transport_from_settings
    from review.workflow import application_for

    app_id = application_for(store, person_id, job_id)["id"]
    draft = draft_for(store, person_id, [app_id], brings, "warm", settings)
    message = gate_let_go(
        store,
        Disposition(person_id, [app_id], brings, why_not, draft.subject, draft.body),
        "Robin Reviewer",
        settings,
    )
    deliver(store, message, transport_from_settings(store, settings), "Robin Reviewer")
    return message


def emails(store, person_id: int) -> list[str]:
    return json.loads(store.scalar("SELECT emails FROM people WHERE id = ?", (person_id,)))


# --- the gate's world: five people, three jobs ---------------------------------------

AUTHOR = "Robin Reviewer"
BACKEND = {
    "title": "Backend Engineer",
    "criteria": [
        {"name": "Python", "must": True, "weight": 3},
        {"name": "PostgreSQL", "weight": 2},
        {"name": "Kubernetes", "weight": 1},
    ],
}
DATA = {
    "title": "Data Platform Engineer",
    "criteria": [{"name": "Apache Spark", "must": True, "weight": 3}],
}
SOLO = {"title": "Support Lead", "criteria": [{"name": "Zendesk", "weight": 1}]}

GATE_RESUMES = {
    "ana.txt": """Ana Lima
ana.lima@example.org | +49 176 31387734 | Berlin, Germany

Summary
Software engineer with 6 years of experience in payment systems.

Experience
Software Engineer, Stripe 2019 - Present
- Built Kafka pipelines for payment events in Python
- Led the migration of the ledger service to PostgreSQL
Developer, Zalando 2017 - 2019
- Wrote checkout services in Go

Skills
Python, Kafka, PostgreSQL, Go, Docker
""",
    "eli.txt": """Eli Okafor
eli.okafor@example.com | Lagos, Nigeria

Summary
Platform engineer who likes streaming systems.

Experience
Platform Engineer, Stripe 2020 - Present
- Ran Kafka clusters for the payments platform
- Python tooling for on-call engineers

Skills
Kafka, Python, Terraform
""",
    "bo.txt": """Bo Berg
bo.berg@example.net | bo.private@example.com | Göteborg, Sweden

Profile
Data analyst who loves tidy spreadsheets and clear dashboards.

Experience
Data Analyst, Nordhamn Logistics 2020 - Present
- Weekly warehouse reports in Tableau
- SQL queries for stock levels

Skills
Excel, Tableau, SQL, Python
""",
    "cy.txt": """Cy Moreau
cy.moreau@example.fr | +33 6 12 34 56 78 | Lyon, France

Summary
Site reliability engineer; calm on call, careful with runbooks.

Experience
SRE, Viaduc 2018 - Present
- Ran Kubernetes clusters and wrote Terraform modules
- Prometheus alerting for the incident response team

Skills
Kubernetes, Terraform, Prometheus, Grafana
""",
    "dee.txt": """Dee Nakamura
dee.nakamura@example.jp | Osaka, Japan

Summary
Support lead who turned a noisy inbox into a calm queue.

Experience
Support Lead, Hikari Games 2016 - Present
- Built the Zendesk macros library used by forty agents
- Trained the night shift on escalation

Skills
Zendesk, Jira, Excel
""",
}

# Person-first notes: what they bring names something from their resume.
BRINGS = {
    "ana": "Ana built Kafka pipelines for payment events at Stripe and led the ledger migration to "
    "PostgreSQL there.",
    "eli": "Eli runs Kafka clusters for the payments platform at Stripe and writes Python tooling "
    "for on-call engineers.",
    "bo": "Bo keeps the Nordhamn warehouse reports in Tableau tidy, weekly and trusted by the "
    "whole logistics team.",
    "cy": "Cy ran Kubernetes clusters at Viaduc, wrote Terraform modules and set up Prometheus "
    "alerting for incidents.",
    "dee": "Dee built the Zendesk macros library at Hikari Games that forty agents use, and "
    "trained the night shift.",
}
WHY_NOT = {
    "ana": "This role needs hands-on Kubernetes operations in our Paris office from January.",
    "eli": "We need someone who has owned a relational database migration end to end.",
    "bo": "This role is mostly backend service code rather than analysis and reporting.",
    "cy": "The team needs a backend developer writing Python services, not operations.",
    "dee": "This team needs someone who has led support for enterprise software customers.",
}


def body_for(first: str, extra: str = "") -> str:
    """A message that passes the linter: a greeting by name, enough words, a real person signing."""
    return (
        f"Hi {first},\n\n"
        "Thank you for applying and for the care you put into your application. I read it myself, "
        "and "
        "what stayed with me is the concrete work you describe and how clearly you explain it.\n\n"
        "This time we are not moving forward with your application for this role, because it needs "
        f"something different right now.{extra}\n\n"
        "If you would like to hear about future roles, or talk about this one, simply reply: this "
        "message reaches me, not a robot, and I will answer you myself.\n\n"
        "Warm wishes,\nRobin Reviewer\n"
    )


# --- the world ---------------------------------------------------------------------------


def build_template(folder: Path) -> dict:
    """Import the resumes through the real importer into a database under ``folder``, once
    per module.

    Returns what a test needs to find its way: jobs, people and applications by short name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    resumes = folder / "resumes"
    resumes.mkdir(exist_ok=True)
    for name, text in GATE_RESUMES.items():
        (resumes / name).write_text(text, encoding="utf-8")
    with Store(folder / "shortlist.db") as store:
        jobs = {
            "backend": create_job(
                store, BACKEND["title"], "", spec_from_toml(dict(BACKEND), "job")
            ),
            "data": create_job(store, DATA["title"], "", spec_from_toml(dict(DATA), "job")),
            "solo": create_job(store, SOLO["title"], "", spec_from_toml(dict(SOLO), "job")),
        }
        files = [resumes / f"{n}.txt" for n in ("ana", "eli", "bo", "cy")]
        report = Importer(store, ImportOptions(job_id=jobs["backend"], workers=1)).run(files)
        assert all(f.outcome == "ok" for f in report.files), report.files
        Importer(store, ImportOptions(job_id=jobs["solo"], workers=1)).run([resumes / "dee.txt"])
        people = {
            row["original_name"].removesuffix(".txt"): row["id"]
            for row in store.query(
                "SELECT p.id, d.original_name FROM people p JOIN documents d ON d.id = "
                "p.document_id"
            )
        }
        assert set(people) == {n.removesuffix(".txt") for n in GATE_RESUMES}
        # Ana applied to the data platform job too.
        stamp = now_iso()
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO applications (person_id, job_id, status, created_at, updated_at) "
                "VALUES (?, ?, 'new', ?, ?)",
                (people["ana"], jobs["data"], stamp, stamp),
            )
        apps = {
            (name, job): row["id"]
            for name, pid in people.items()
            for job, jid in jobs.items()
            if (
                row := store.one(
                    "SELECT id FROM applications WHERE person_id = ? AND job_id = ?", (pid, jid)
                )
            )
        }
        emails = {
            name: json.loads(store.scalar("SELECT emails FROM people WHERE id = ?", (pid,)))
            for name, pid in people.items()
        }
    assert emails["bo"] == ["bo.berg@example.net", "bo.private@example.com"]
    return {
        "path": folder / "shortlist.db",
        "jobs": jobs,
        "people": people,
        "apps": apps,
        "emails": emails,
    }


@dataclass
class World:
    store: Store
    settings: Settings
    jobs: dict
    people: dict
    apps: dict
    emails: dict
    folder: Path
    outbox_dir: Path

    def disposition(self, name: str, jobs=("backend",), **changes) -> Disposition:
        first = name.capitalize()
        values = {
            "brings": BRINGS[name],
            "why_not": WHY_NOT[name],
            "subject": "Your application",
            "body": body_for(first),
        }
        values.update(changes)
        return Disposition(self.people[name], [self.apps[(name, j)] for j in jobs], **values)

    def status(self, name: str, job: str = "backend") -> str:
        return self.store.scalar(
            "SELECT status FROM applications WHERE id = ?", (self.apps[(name, job)],)
        )

    def message(self, message_row: int) -> dict:
        return self.store.one("SELECT * FROM messages WHERE id = ?", (message_row,))


def open_world(template: dict, folder: Path, monkeypatch) -> World:
    """A private copy of the template database, with this test's settings."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "shortlist.db"
    shutil.copyfile(template["path"], db)
    files = template["path"].with_name("shortlist-files")
    if files.exists():
        shutil.copytree(files, folder / "shortlist-files", dirs_exist_ok=True)
    settings_path = folder / "settings.json"
    monkeypatch.setenv("SHORTLIST_CONFIG", str(settings_path))
    settings = Settings(settings_path)
    outbox_dir = folder / "outbox"
    for key, value in {
        "reviewer.name": AUTHOR,
        "sender.name": AUTHOR,
        "sender.email": "robin@example.com",
        "reply_to": "robin@example.com",
        "outbox.dir": str(outbox_dir),
    }.items():
        settings.set(key, value)
    return World(
        Store(db),
        settings,
        template["jobs"],
        template["people"],
        template["apps"],
        template["emails"],
        folder,
        outbox_dir,
    )


# --- files that could not be read, one of them from an e-mail ----------------------------------

# A PDF whose structure breaks off: the reader calls it damaged (outcome ``malformed``).
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nstream\n\x00\x01garbage"
MAIL_SENDER = "Priya Raman <priya.raman@example.com>"


def make_unreadable(tmp_path: Path, monkeypatch):
    """:func:`make_people`, then two files that could not be read imported into the same job:
    ``Priya CV.pdf`` attached to an e-mail from Priya (so only the sender's address is known),
    and ``broken.pdf`` dropped as a file (no way to reach whoever sent it). Returns what
    :func:`make_people` returns, the ids including the two new files."""
    from tests import formatfiles as FF

    store, job_id, ids, settings = make_people(tmp_path, monkeypatch)
    inbox = tmp_path / "unread"
    inbox.mkdir()
    (inbox / "priya.eml").write_bytes(
        FF.eml(
            sender=MAIL_SENDER,
            subject="Application: Backend Engineer",
            body="Dear team,\nmy CV is attached.\nKind regards,\nPriya",
            message_id="<priya-cv@example.com>",
            attachments=[("Priya CV.pdf", CORRUPT_PDF, "application/pdf")],
        )
    )
    (inbox / "broken.pdf").write_bytes(CORRUPT_PDF + b"\x02 another")
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([inbox])
    for row in store.query(
        "SELECT p.id, d.original_name FROM people p JOIN documents d ON d.id = p.document_id"
    ):
        ids[row["original_name"]] = row["id"]
    return store, job_id, ids, settings
