"""Small, real databases for tests: resumes through the real import, people through the real gate."""

from __future__ import annotations

import json
from pathlib import Path

from review.db import Store
from review.importer import Importer, ImportOptions
from review.jobs import create_job, spec_from_toml

JOB = {
    "title": "Backend Engineer",
    "min_years": 3,
    "criteria": [
        {"name": "Python", "must": True, "weight": 3},
        {"name": "PostgreSQL", "weight": 2},
        {"name": "Kubernetes", "weight": 1},
    ],
}

RESUMES = {
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


def make_people(tmp_path: Path, monkeypatch, resumes: dict[str, str] = RESUMES, job: dict = JOB):
    """A store with a job, the resumes imported into it, and settings for the gate. Returns (store, job_id, {file: person_id}, settings)."""
    from review.settings import Settings

    settings_path = tmp_path / "settings.json"
    monkeypatch.setenv("SHORTLIST_CONFIG", str(settings_path))
    settings = Settings(settings_path)
    for key, value in {"reviewer.name": "Robin Reviewer", "sender.name": "Robin Reviewer",
                       "sender.email": "robin@example.com", "reply_to": "robin@example.com",
                       "outbox.dir": str(tmp_path / "outbox")}.items():  # fmt: skip
        settings.set(key, value)
    folder = tmp_path / "resumes"
    folder.mkdir(exist_ok=True)
    for name, text in resumes.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(tmp_path / "shortlist.db")
    job_id = create_job(store, job["title"], "", spec_from_toml(dict(job), "job"))
    Importer(store, ImportOptions(workers=1, job_id=job_id)).run([folder])
    ids = {row["original_name"]: row["id"] for row in store.query(
        "SELECT p.id, d.original_name FROM people p JOIN documents d ON d.id = p.document_id")}  # fmt: skip
    return store, job_id, ids, settings


def let_go(store, settings, person_id: int, job_id: int, brings: str, why_not: str) -> int:
    """Through the real gate and the outbox folder; returns the message row."""
    from review.gate import Disposition, draft_for, let_go as gate_let_go
    from review.outbox import deliver, transport_from_settings
    from review.workflow import application_for

    app_id = application_for(store, person_id, job_id)["id"]
    draft = draft_for(store, person_id, [app_id], brings, "warm", settings)
    message = gate_let_go(store, Disposition(person_id, [app_id], brings, why_not, draft.subject, draft.body),
                          "Robin Reviewer", settings)  # fmt: skip
    deliver(store, message, transport_from_settings(store, settings), "Robin Reviewer")
    return message


def emails(store, person_id: int) -> list[str]:
    return json.loads(store.scalar("SELECT emails FROM people WHERE id = ?", (person_id,)))
