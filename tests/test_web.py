"""Saved web pages (HTML, MHTML), JSON Resume files and Europass PDFs with their XML."""

from __future__ import annotations

import json
from datetime import date
from email.message import EmailMessage
from pathlib import Path

from parsing import formats

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Zoë Brennan — Portfolio</title>
<style>body { font: 14px sans-serif } .hidden { display:none }</style>
<script>window.analytics = "<p>Not text</p>";
function track() { return "zoe@tracker.example"; }</script>
</head><body>
<nav><a href="#about">About</a></nav>
<header><h1>Zoë Brennan</h1><p>Backend Engineer &middot; Dublin, Ireland</p>
<p><a href="mailto:zoe.brennan@example.ie">Email me</a> | <a href="https://github.com/zoebrennan">GitHub</a>
 | <a href="https://www.linkedin.com/in/zoe-brennan">LinkedIn</a></p></header>
<section><h2>Experience</h2><ul>
<li><b>Senior Engineer</b>, Stripe, Dublin &mdash; 2019 &ndash; present:
Go, PostgreSQL, Kafka</li>
<li><b>Engineer</b>, Intercom, Dublin &mdash; 2015 &ndash; 2019:
Ruby on Rails, MySQL</li></ul></section>
<section><h2>Education</h2><p>BSc Computer Science, Trinity College Dublin, 2015</p></section>
<section><h2>Skills</h2><table><tr><td>Languages</td><td>Go, Python, Ruby, SQL</td></tr>
<tr><td>Tools</td><td>Docker, Kubernetes, Terraform</td></tr></table></section>
<svg><text>icon</text></svg><noscript>Enable JavaScript</noscript>
</body></html>"""


def test_saved_web_page(parse):
    result = parse(PAGE.encode("utf-8"), "Zoë Brennan.html")
    assert result.outcome == "ok", result.error
    assert result.kind == formats.HTML
    assert result.name == "Zoë Brennan"
    assert result.emails == ["zoe.brennan@example.ie"], "from the mailto link, not from the script"
    assert "https://github.com/zoebrennan" in result.links
    assert any("linkedin.com/in/zoe-brennan" in link for link in result.links)
    for hidden in ("window.analytics", "Not text", "Enable JavaScript", "font: 14px", "icon"):
        assert hidden not in result.text
    assert {"Go", "PostgreSQL", "Kubernetes"} <= set(result.skills)
    assert "Experience" in result.sections


def test_web_page_in_another_encoding_and_without_a_head_end(parse):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<body><p>José Núñez</p><p>jose.nunez@example.es</p><h2>Experiencia</h2>"
        "<p>Enfermero, Hospital La Paz, 2012 – 2020</p></body></html>"
    ).encode("cp1252")
    result = parse(page, "cv.htm")
    assert result.outcome == "ok" and result.name == "José Núñez"


def test_single_file_web_archive(parse):
    archive = EmailMessage()
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = "https://zoebrennan.dev/"
    archive["Subject"] = "Zoë Brennan — Portfolio"
    archive["MIME-Version"] = "1.0"
    archive.set_content(PAGE, subtype="html", cte="quoted-printable")
    archive.make_related()
    archive.add_related(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", cid="<logo>")
    result = parse(bytes(archive), "Zoë Brennan.mhtml")
    assert result.outcome == "ok", result.error
    assert result.kind == formats.MHTML
    assert result.name == "Zoë Brennan" and result.emails == ["zoe.brennan@example.ie"]


def test_json_resume_fields_taken_as_they_are(parse):
    document = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {
            "name": "Hannah Okafor",
            "label": "Data Scientist",
            "email": "hannah@okafor.example",
            "phone": "+44 20 7946 0000",
            "url": "https://okafor.example",
            "location": {"city": "London", "countryCode": "GB"},
            "profiles": [
                {"network": "GitHub", "username": "hokafor", "url": "https://github.com/hokafor"}
            ],
            "summary": "Statistician turned data scientist.",
        },
        "work": [
            {"name": "Monzo", "position": "Senior Data Scientist", "startDate": "2020-01"},
            {
                "name": "ONS",
                "position": "Statistician",
                "startDate": "2015-09",
                "endDate": "2019-12",
                "highlights": ["Built forecasting models in R"],
            },
        ],
        "education": [
            {
                "institution": "University of Oxford",
                "area": "Statistics",
                "studyType": "MSc",
                "endDate": "2015",
            }
        ],
        "skills": [{"name": "Machine Learning", "keywords": ["Python", "scikit-learn", "R"]}],
    }
    result = parse(json.dumps(document, indent=2).encode(), "resume.json")
    assert result.outcome == "ok", result.error
    assert result.kind == formats.JSON_RESUME
    assert result.name == "Hannah Okafor"
    assert result.emails == ["hannah@okafor.example"]
    assert result.phones == ["+44 20 7946 0000"]
    assert result.location == "London, GB"
    assert result.title == "Senior Data Scientist"
    assert result.links == ["https://okafor.example", "https://github.com/hokafor"]
    assert result.skills == ["Machine Learning", "Python", "scikit-learn", "R"]
    assert result.education == [
        {"degree": "MSc in Statistics", "institution": "University of Oxford"}
    ]
    assert "Experience" in result.sections and "Monzo" in result.text


def test_json_that_is_not_a_resume(parse):
    assert parse(b'{"name": "Ana", "skills": ["Python"]}', "data.json").outcome == "unsupported"
    broken = parse(b'{"basics": {"name": "Ana"', "resume.json")
    assert broken.outcome == "malformed" and "not valid JSON" in broken.error


def test_europass_pdf_fields_come_from_its_xml(taxonomy):
    from parsing.resume import parse_bytes

    path = CORPUS / "resumes2" / "en_europass_sanjidasuchi.pdf"
    result = parse_bytes(path.read_bytes(), path.name, taxonomy=taxonomy, today=date(2026, 11, 1))
    assert result.outcome == "ok"
    assert result.name == "Most Sanjida Anjum Suchi"
    assert result.emails == ["sanjidasuchi405@gmail.com"]
    assert "+880 1571704103" in result.phones and "01786978677" in result.phones
    assert result.links == ["linkedin.com/in/sanjida-anjum-suchi-207951241/"]
    assert result.title == "Research Consultant"
    assert "LiDAR Remote Sensing" in result.skills
    assert result.education[0] == {
        "degree": "Bachelor of Urban and Regional Planning",
        "institution": "Khulna University of Engineering and Technology",
    }
    # From the XML's dates: 2022-10 … 2023-01 and 2023-02 … now (2026-11): 50 months.
    assert result.years_experience == 4.2


def test_europass_v3_and_plain_pdfs(taxonomy):
    from parsing.europass import europass_fields

    empty = (CORPUS / "resumes2" / "en_europass_cedefop_empty.pdf").read_bytes()
    assert europass_fields(empty) == {"name": "Sofia Emmanouilidi"}
    assert (
        europass_fields((CORPUS / "resumes2" / "it_word_europass_steccas.pdf").read_bytes()) == {}
    )
