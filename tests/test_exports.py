"""Exports for hiring managers: read the PDF back, look at its pages, round-trip the CSV."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest

from review.exports import CSV_COLUMNS, build_shortlist, import_decisions, to_csv, to_html
from review.jobs import resolve_job
from review.workflow import application_for, set_status
from tests.worlds import make_people


@pytest.fixture
def shortlisted(tmp_path, monkeypatch):
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch)
    for name in ("ana.txt", "cy.txt"):
        set_status(
            store, application_for(store, ids[name], job_id)["id"], "shortlisted", "Robin Reviewer"
        )
    with store.transaction() as conn:
        conn.execute(
            "UPDATE applications SET brings = ? WHERE person_id = ?",
            (
                "Ana Quintero Bravo built Pagora's settlement service and mentors juniors with "
                "patience.",
                ids["ana.txt"],
            ),
        )
    yield store, resolve_job(store, job_id), ids
    store.close()


def pdf_text(path) -> str:
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(path)).split())


def test_pdf_holds_the_job_the_ranking_and_each_person(shortlisted, tmp_path):
    from app.exporting import export_shortlist

    store, job, _ids = shortlisted
    path, count = export_shortlist(
        store, job, "pdf", tmp_path / "out.pdf", reviewer="Robin Reviewer"
    )
    assert count == 2
    text = pdf_text(path)
    for expected in (
        "Backend Engineer",
        "Python — must-have",
        "PostgreSQL (weight 2)",
        "Robin Reviewer",
        "Ranked summary",
        "Ana Quintero Bravo",
        "Cyrille Ombeni Matondo",
        "What this person brings",
        "settlement service",
        "ana.quintero@example.org",
        "Your decision",
        "Yes",
        "Maybe",
        "No",
    ):
        assert expected in text, expected
    assert "Bo Lindqvist-Haraldsen" not in text  # not shortlisted
    pages = re.findall(r"page (\d+) of (\d+)", text)
    assert (
        pages and all(total == pages[0][1] for _, total in pages) and len(pages) == int(pages[0][1])
    )
    # Evidence quotes from the resume are there.
    assert "Built the settlement service in Python" in text


def test_blind_pdf_has_no_names_contacts_or_locations(shortlisted, tmp_path):
    from app.exporting import export_shortlist
    from review.people import pseudonym

    store, job, ids = shortlisted
    path, _ = export_shortlist(store, job, "pdf", tmp_path / "blind.pdf", blind=True)
    text = pdf_text(path)
    for secret in (
        "Ana",
        "Quintero",
        "Cyrille",
        "Ombeni",
        "ana.quintero@example.org",
        "+34",
        "Valencia",
        "Lyon",
    ):
        assert secret not in text, secret
    assert pseudonym(ids["ana.txt"], job.id) in text
    assert "settlement service" in text  # the reviewer's words stay, with the name taken out


@pytest.mark.parametrize("page", ["A4", "Letter"])
def test_rendered_pages_keep_clear_of_the_edges(shortlisted, tmp_path, page, qapp):
    """Nothing cut off at page edges: render every page (Qt's PDF renderer) and check the margins
    carry no ink."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from app.exporting import export_shortlist

    store, job, _ = shortlisted
    path, _ = export_shortlist(store, job, "pdf", tmp_path / "out.pdf", include="all", page=page)
    document = QPdfDocument()
    document.load(str(path))
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() >= 4  # the summary, then one page per person
    for number in range(document.pageCount()):
        points = document.pagePointSize(number)
        scale = 40 / 72  # 40 dpi
        rendered = document.render(
            number, QSize(int(points.width() * scale), int(points.height() * scale))
        )
        # Rendered on transparency: put it on white paper first.
        image = QImage(rendered.size(), QImage.Format_RGB32)
        image.fill(Qt.white)
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        margin = int(40 * 8 / 25.4)  # 8 mm
        inked = sum(
            1
            for x in list(range(margin)) + list(range(image.width() - margin, image.width()))
            for y in range(0, image.height(), 2)
            if image.pixelColor(x, y).lightness() < 200
        )
        assert inked == 0, f"page {number + 1}: {inked} dark pixels in the left/right margins"
        text_pixels = sum(
            1
            for y in range(0, image.height(), 2)
            for x in range(margin, image.width() - margin, 2)
            if image.pixelColor(x, y).lightness() < 160
        )
        assert text_pixels > 20, f"page {number + 1} is blank"


def test_html_is_self_contained_and_prints_well(shortlisted):
    store, job, _ = shortlisted
    page = to_html(build_shortlist(store, job))
    assert not re.search(
        r"""<(?:link|script)[^>]*(?:src|href)\s*=|url\(\s*['"]?https?:|<img[^>]+src=['"]?https?:""",
        page,
    )
    assert "@media print" in page and "page-break-inside: avoid" in page
    assert "Ana Quintero Bravo" in page and "Your decision" in page
    blind = to_html(build_shortlist(store, job, blind=True))
    assert "Ana Quintero Bravo" not in blind and "ana.quintero@example.org" not in blind


def test_csv_columns_and_decisions_round_trip(shortlisted):
    store, job, ids = shortlisted
    data = to_csv(build_shortlist(store, job, include="all"))
    rows = list(csv.DictReader(io.StringIO(data)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert {"manager_decision", "manager_comment"} <= set(rows[0])
    assert len(rows) == 3
    by_id = {int(r["person_id"]): r for r in rows}
    by_id[ids["ana.txt"]]["manager_decision"] = "Yes"
    by_id[ids["cy.txt"]]["manager_decision"] = "no"
    by_id[ids["cy.txt"]]["manager_comment"] = "We need someone with payments experience."
    by_id[ids["bo.txt"]]["manager_decision"] = "perhaps"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(by_id.values())
    result = import_decisions(store, job, out.getvalue(), "Robin Reviewer", "answers.csv")
    assert sorted(result.applied) == sorted([(ids["ana.txt"], "yes"), (ids["cy.txt"], "no")])
    assert (
        len(result.problems) == 1
        and "perhaps" in result.problems[0]
        and "line" in result.problems[0]
    )
    cy = application_for(store, ids["cy.txt"], job.id)
    assert cy["manager_decision"] == "no" and "payments" in cy["manager_comment"]
    # A manager's "no" is a suggestion: the status is untouched, nobody is let go by it.
    assert cy["status"] == "shortlisted"
    assert (
        store.scalar("SELECT count(*) FROM applications WHERE status IN ('letting_go', 'let_go')")
        == 0
    )


def test_import_decisions_names_a_wrong_file(shortlisted):
    store, job, _ = shortlisted
    result = import_decisions(store, job, "name,decision\nAna,yes\n", "me", "wrong.csv")
    assert (
        not result.applied
        and "missing column" in result.problems[0]
        and "wrong.csv" in result.problems[0]
    )


def test_cli_export_and_import_decisions(shortlisted, tmp_path):
    store, job, _ids = shortlisted
    db = str(store.path)
    cli = [sys.executable, "-m", "app.cli"]
    out = subprocess.run(
        [
            *cli,
            "export",
            "--job",
            job.title,
            "--format",
            "csv",
            "--out",
            str(tmp_path),
            "--include",
            "all",
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    written = next(tmp_path.glob("shortlist-*.csv"))
    text = written.read_text(encoding="utf-8-sig").replace(
        ",shortlisted,,", ",shortlisted,maybe,Let's talk"
    )
    answers = tmp_path / "answers.csv"
    answers.write_text(text, encoding="utf-8")
    back = subprocess.run(
        [*cli, "import-decisions", str(answers), "--job", str(job.id), "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert back.returncode == 0, back.stderr
    assert "2 maybe" in back.stdout


def test_the_managers_page_says_who_prepared_it_and_keeps_the_street_out(shortlisted):
    store, job, ids = shortlisted
    with store.transaction() as conn:
        conn.execute("UPDATE people SET location = ? WHERE id = ?",
                     ("Calle de Colón 12, 46004 Valencia, Spain", ids["ana.txt"]))  # fmt: skip
    page = to_html(build_shortlist(store, job, reviewer="Sam Okafor"))
    assert "prepared by Sam Okafor" in page
    assert "Valencia" in page and "Colón 12" not in page and "46004" not in page
