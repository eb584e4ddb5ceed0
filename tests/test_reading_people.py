"""Reading people right on resumes the parser never saw: layout, names, contacts, skills, trust.

Each test builds the hard case itself (a PDF drawn with reportlab, a DOCX written
by hand, or a text) and checks what a recruiter would see.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsing.contacts import clean_target
from parsing.layout import Layout, Line
from parsing.names import find_name
from parsing.pdf import extract_pdf
from tests.docs import W
from tests.test_bad_input import PUBLIC_KEYS

SHORTLIST = Path(sys.executable).with_name("shortlist")
# The keys of `shortlist parse --json` before this work: they stay exactly as they were.
PUBLIC_KEYS_BEFORE = PUBLIC_KEYS[: PUBLIC_KEYS.index("text_chars") + 1]


# --- PDFs drawn for the purpose ----------------------------------------------------------


def _pdf(draw) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw(c, *A4)
    c.showPage()
    c.save()
    return buf.getvalue()


def _text(c, x, y, text, size=10, font="Helvetica", spacing=0.0):
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(spacing)
    t.textOut(text)
    c.drawText(t)


MAIN = [
    "Built the routing service for forty depots and kept it running",
    "Moved billing from one database to another without downtime",
    "Mentored four junior engineers through their first year here",
    "Wrote the stock reconciliation jobs and their alerting rules",
    "Cut nightly batch time from three hours to forty minutes",
    "Ran the on-call rota and wrote the incident reviews",
]


def sidebar_first_pdf(
    name_lines=("Marie DUPONT",),
    spacing=0.0,
    email="marie.dupont-lefevre@exampl",
    email_rest="e.com",
    link=None,
) -> bytes:
    """A narrow left sidebar (contact, skills) read first; the name large in the main column."""

    def draw(c, width, height):
        y = height - 60
        for heading, items in (
            (
                "CONTACT",
                [email, email_rest, "+33 6 12 34 56 78", "linkedin.com/in/marie-", "dupont-4821"],
            ),
            ("SKILLS", ["Python", "PostgreSQL", "Zotero", "MS Office (Word, Excel)"]),
        ):
            _text(c, 40, y, heading, 11, "Helvetica-Bold")
            y -= 16
            for item in items:
                _text(c, 40, y, item, 9)
                y -= 13
            y -= 10
        if link:
            c.linkURL(
                link, (38, height - 132, 150, height - 106), relative=0
            )  # both lines of the link
        y = height - 60
        for line in name_lines:
            _text(c, 210, y, line, 26, "Helvetica-Bold", spacing)
            y -= 30
        _text(c, 210, y, "Backend Engineer", 13)
        y -= 30
        _text(c, 210, y, "EXPERIENCE", 11, "Helvetica-Bold")
        y -= 16
        for line in MAIN * 2:
            _text(c, 210, y, line, 9)
            y -= 13

    return _pdf(draw)


def test_pdf_lines_carry_page_position_column_size_weight(parse):
    pdf = extract_pdf(sidebar_first_pdf())
    by_text = {line.text: line for line in pdf.lines}
    name = by_text["Marie DUPONT"]
    assert name.size == pytest.approx(26, abs=1) and name.bold and name.column == 2
    assert name.page == 0 and 0 < name.top < 0.1
    skills = by_text["SKILLS"]
    assert skills.bold and skills.column == 1 and skills.size < name.size
    assert pdf.body_size == pytest.approx(9, abs=0.5)


def test_the_largest_text_is_the_name_even_when_a_sidebar_comes_first(parse):
    result = parse(sidebar_first_pdf(), "cv.pdf")
    assert result.text.index("CONTACT") < result.text.index(
        "Marie DUPONT"
    )  # read after the sidebar
    assert result.name == "Marie Dupont"
    assert result.confidence["name"] >= 0.8


def test_names_on_two_lines_and_letter_spaced(parse):
    assert parse(sidebar_first_pdf(("MARIE", "DUPONT")), "a.pdf").name == "Marie Dupont"
    spaced = parse(sidebar_first_pdf(("JOHN SMITH",), spacing=8), "b.pdf")
    assert "JOHN SMITH" in spaced.text  # the letters closed up, the words kept apart
    assert spaced.name == "John Smith"


def test_wrapped_email_and_profile_link_are_rejoined(parse):
    result = parse(sidebar_first_pdf(), "cv.pdf")
    assert result.emails == ["marie.dupont-lefevre@example.com"]
    assert "https://linkedin.com/in/marie-dupont-4821" in result.links
    assert not any(link.endswith("/marie-") for link in result.links)


def test_text_under_a_link_ties_it_to_its_line_and_cleans_its_target(parse):
    target = "https://www.linkedin.com/in/marie-dupont-4821?lipi=urn%3Ali%3Apage%3Ad_flagship3"
    pdf = extract_pdf(sidebar_first_pdf(link=target))
    assert any("marie- dupont-4821" in text for t, text in pdf.link_text if "lipi" in t)
    result = parse(sidebar_first_pdf(link=target), "cv.pdf")
    profiles = [link for link in result.links if "linkedin.com" in link]
    assert len(profiles) == 1 and profiles[0].endswith("linkedin.com/in/marie-dupont-4821")


def test_link_targets_lose_tracking_and_redirect_wrappers():
    assert clean_target("https://www.linkedin.com/in/ana-ruiz?lipi=urn%3Ali&trk=x") == (
        "https://www.linkedin.com/in/ana-ruiz"
    )
    wrapped = (
        "https://europass.europa.eu/api/redirect-external?url=https%3A%2F%2Fgithub.com%2Fana-ruiz"
    )
    assert clean_target(wrapped) == "https://github.com/ana-ruiz"
    assert clean_target("https://example.com/p%C3%A9rez?utm_source=cv&page=2") == (
        "https://example.com/pérez?page=2"
    )


# --- names across conventions --------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["MARTIN Claire", "claire.martin@example.fr", "Experience"], "Martin Claire"),
        (["Marie DUPONT", "Ingénieure", "marie@example.fr"], "Marie Dupont"),
        (["Curriculum Vitae", "NAME: JOHN SMITH", "Phone: 555 123 4567"], "John Smith"),
        (["PERSONAL INFORMATION Steccanella Luca", "Via Roma 1"], "Steccanella Luca"),
        (["J O H N   S M I T H", "john@example.com"], "John Smith"),
        (["Hendrik van der Berg", "Amsterdam"], "Hendrik van der Berg"),
        (["SARAH JANE MCDONALD", "sarah@example.com"], "Sarah Jane McDonald"),
        (["SEAN O'CONNOR", "sean@example.ie"], "Sean O'Connor"),
        (["Кирилл Меркулов", "Минск, Беларусь"], "Кирилл Меркулов"),
        (["Γιώργος Παπαδόπουλος", "Αθήνα"], "Γιώργος Παπαδόπουλος"),
        (["王鹏", "北京"], "王鹏"),
        (["Lebenslauf", "Persönliche Daten"], None),
        (["RESUME", "Senior Software Engineer", "Experience"], None),
        (["Machine Learning", "Protocol Buffers", "Experience"], None),
    ],
)
def test_names_across_conventions(lines, expected, taxonomy):
    found = find_name(lines, [], taxonomy=taxonomy)
    assert (found.value if found else None) == expected


def test_uncased_scripts_rely_on_prominence(taxonomy):
    big = Line("محمد أحمد", size=24, bold=True, top=0.05, left=0.3, right=0.6)
    small = [
        Line(t, size=10, top=0.1 + i * 0.02) for i, t in enumerate(["مهندس برمجيات", "القاهرة"])
    ]
    found = find_name(Layout([big, *small], body_size=10, geometry=True), [], taxonomy=taxonomy)
    assert found is not None and found.value == "محمد أحمد"


def test_a_title_word_set_largest_is_not_the_name(parse):
    def draw(c, width, height):
        _text(c, 200, height - 60, "CURRICULUM VITAE", 28, "Helvetica-Bold")
        _text(c, 50, height - 100, "Anna Schmidt", 14, "Helvetica-Bold")
        y = height - 130
        for line in ["anna.schmidt@example.de", "Berlin", "Berufserfahrung", *MAIN]:
            _text(c, 50, y, line, 10)
            y -= 14

    assert parse(_pdf(draw), "cv.pdf").name == "Anna Schmidt"


@pytest.mark.parametrize(
    ("left", "right", "name"),
    [
        ("Olena Kovalenko", "QA Engineer", "Olena Kovalenko"),
        ("CV – Jan Kowalski", "tel. 600 100 200", "Jan Kowalski"),
        ("Resume of Emily Chen", "415-555-0142", "Emily Chen"),
        ("Imie: Jakub", "Nazwisko: Nowicki", "Jakub Nowicki"),  # Helvetica has no "ę"
    ],
)
def test_a_name_beside_other_things_on_its_row(left, right, name, parse):
    # The name at the left of the page's first row, something else set apart at its right.
    def draw(c, width, height):
        _text(c, 50, height - 60, left, 20, "Helvetica-Bold")
        _text(c, 400, height - 60, right, 10)
        y = height - 100
        for line in ["kontakt.praca@example.com", "Experience", *MAIN]:
            _text(c, 50, y, line, 10)
            y -= 14

    assert parse(_pdf(draw), "cv.pdf").name == name


def test_a_referees_letter_on_the_page_does_not_sign_for_the_person(parse):
    # No name is printed (a picture); a referee's letter follows the resume on the same page.
    lines = ["Sales Manager", "contact.sales.pro@example.com", "+44 7700 900123", "",
             "EXPERIENCE", "Sales Manager, Tesco, 2015 – present", "",
             "To whom it may concern,", "I have worked with the candidate for five years.", "",
             "Kind regards,", "Robert Jenkins"]  # fmt: skip

    def draw(c, width, height):
        for n, line in enumerate(lines):
            _text(c, 50, height - 60 - 14 * n, line, 10)

    assert parse(_pdf(draw), "cv.pdf").name is None


def test_null_beats_wrong(parse):
    result = parse(
        "Skills\nProtocol Buffers\nMachine Learning\n\nExperience\nBuilt things\n", "x.txt"
    )
    assert result.name is None and result.confidence["name"] == 0.0


# --- phones and e-mails ------------------------------------------------------------------------


def test_phone_matcher_in_the_body_and_numbers_that_are_not_phones(parse):
    text = (
        "Ana Souza\nana.souza1987551234567@example.com\nRua Augusta 10, 01310-100 São Paulo\n"
        "Lisboa 1000-001\nCPF: 123.456.789-00\n\nExperience\n"
        "Support engineer, 2019 - 2021: answered the hotline +55 11 98765-4321 for clients.\n"
        "Handled 12,000 tickets; born 01.02.1987.\n"
    )
    result = parse(text)
    assert result.phones == ["+5511987654321"]


def test_phone_separators_middle_dot_and_hyphen_u2010(parse):
    result = parse("Jo Park\njo@example.de · Tel. 030\u20101234\u20105678\n\nSkills\nExcel\n")
    assert result.phones == ["+493012345678"]
    dotted = parse("Jo Park\njo@example.fr\n06·12·34·56·78\n\nSkills\nExcel\n")
    assert dotted.phones == ["+33612345678"]


def test_referees_contacts_are_not_the_persons(parse):
    text = (
        "Jane Roe\njane.roe@example.com | +44 20 7946 0001\n\nExperience\nNurse, City Hospital\n\n"
        "References\nDr. Alan Beta, Ward Manager\nalan.beta@nhs.example.uk\n+44 20 7946 0999\n"
    )
    result = parse(text)
    assert result.emails == ["jane.roe@example.com"]
    assert result.phones == ["+442079460001"]


def test_referees_hidden_mailto_targets_are_left_out(parse):
    def draw(c, width, height):
        _text(c, 50, height - 60, "Jane Roe", 22, "Helvetica-Bold")
        _text(c, 50, height - 90, "jane.roe@example.com", 10)
        y = height - 130
        for line in ["Experience", *MAIN, "References", "Dr Alan Beta (e-mail)"]:
            _text(c, 50, y, line, 10)
            y -= 14
        c.linkURL("mailto:alan.beta@example.org", (48, y + 10, 200, y + 26), relative=0)

    result = parse(_pdf(draw), "cv.pdf")
    assert result.emails == ["jane.roe@example.com"]


def test_autocorrect_damage_in_an_email_is_repaired_and_flagged(parse):
    rest = "\n\nSkills\nSales, negotiation and account management\n"
    result = parse("Jane O’Doe\njane’doe@example.com" + rest)
    assert result.emails == ["jane'doe@example.com"]
    assert result.confidence["emails"] < 0.8
    clean = parse("Jane Doe\njane.doe@example.com" + rest)
    assert clean.confidence["emails"] == 1.0


def test_obfuscated_email(parse):
    text = "Ada Lacroix\nada.lacroix [at] camh.ca\n\nSkills\nR, SPSS and Brainstorm\n"
    assert parse(text).emails == ["ada.lacroix@camh.ca"]


# --- sections and skills -------------------------------------------------------------------------


def test_skills_the_taxonomy_lacks_are_reported_as_written(parse):
    text = (
        "Lena Vogel\nlena@example.de\n\nPC-KENNTNISSE\nFRILO, Bexio-Light, Zotero\n"
        "MS Office (Word, Excel, PowerPoint)\nC/C++\nCAD-SolidWorks\n\n"
        "Persönliche Fähigkeiten\nTeamarbeit\nGrüne Daumen im Büro\n\n"
        "Berufserfahrung\nStatikerin bei Muster GmbH\n"
    )
    result = parse(text)
    for skill in (
        "Microsoft Office",
        "Microsoft Word",
        "Microsoft Excel",
        "Microsoft PowerPoint",
        "C",
        "C++",
        "SolidWorks",
        "Teamwork",
        "Zotero",
        "FRILO",
    ):
        assert skill in result.skills, (skill, result.skills)
    assert "Bexio-Light" in result.skills and "Bexio-Light" in result.skills_not_in_taxonomy
    assert "Grüne Daumen im Büro" in result.skills_not_in_taxonomy
    assert set(result.skills_not_in_taxonomy) <= set(result.skills)
    assert not set(result.skills_not_in_taxonomy) & {"Microsoft Word", "C++", "Teamwork"}


def test_sentences_under_a_skills_heading_are_not_items(parse):
    text = (
        "Tom Lee\ntom@example.com\n\nSkills\n"
        "I enjoy learning new tools quickly and sharing them with the whole team.\nKanban\n"
    )
    result = parse(text)
    assert result.skills_not_in_taxonomy == []
    assert "Kanban" in result.skills


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("COMPETENZE", "skills"),
        ("Esperienza professionale", "experience"),
        ("Istruzione", "education"),
        ("Vaardigheden", "skills"),
        ("Werkervaring", "experience"),
        ("Opleiding", "education"),
        ("Umiejętności", "skills"),
        ("Doświadczenie zawodowe", "experience"),
        ("Wykształcenie", "education"),
        ("Top Skills", "skills"),
        ("PERSONAL SKILLS", "skills"),
        ("Capacidades", "skills"),
        ("IT Kennis", "skills"),
        ("PC-KENNTNISSE", "skills"),
        ("OUTILS INFORMATIQUES", "skills"),
        ("Recommendations", "references"),
    ],
)
def test_headings_in_more_languages(heading, kind):
    from parsing.sections import heading_kind

    assert heading_kind(heading) == kind


def test_letter_spaced_and_side_by_side_headings_and_headings_told_by_font(parse):
    def draw(c, width, height):
        _text(c, 50, height - 50, "Ola Nordmann", 22, "Helvetica-Bold")
        _text(c, 50, height - 75, "ola@example.no", 10)
        _text(c, 50, height - 110, "SKILLS", 12, "Helvetica-Bold", spacing=6)
        y = height - 126
        for item in ("Python", "Kubernetes", "Grafana"):
            _text(c, 50, y, item, 10)
            y -= 14
        _text(c, 50, y - 10, "EXPERIENCE", 12, "Helvetica-Bold", spacing=6)
        y -= 26
        for line in MAIN[:3]:
            _text(c, 50, y, line, 10)
            y -= 14
        # A heading the vocabulary does not know, dressed like the known ones.
        _text(c, 50, y - 10, "EHRENAMT UND VEREINE", 12, "Helvetica-Bold", spacing=6)
        _text(c, 50, y - 26, "Coach of a youth football team", 10)
        # Two headings side by side on one row.
        _text(c, 50, y - 60, "EDUCATION", 12, "Helvetica-Bold")
        _text(c, 330, y - 60, "LANGUAGES", 12, "Helvetica-Bold")

    result = parse(_pdf(draw), "cv.pdf")
    assert result.sections[:2] == ["SKILLS", "EXPERIENCE"]
    assert "EHRENAMT UND VEREINE" in result.sections
    assert {"EDUCATION", "LANGUAGES"} <= set(result.sections)
    assert {"Python", "Kubernetes", "Grafana"} <= set(result.skills)


# --- word processors ------------------------------------------------------------------------


def _docx_with_styles(body: str, styles: str, rels: str = "") -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships"><w:body>{body}</w:body></w:document>',
        )
        z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
        if rels:
            z.writestr("word/_rels/document.xml.rels", rels)
    return out.getvalue()


def test_docx_title_style_and_run_sizes_pick_the_name(parse):
    styles = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:rPr><w:sz w:val="56"/></w:rPr></w:style>'
    )

    def p(text, style=None, size=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        rpr = f'<w:rPr><w:sz w:val="{size}"/></w:rPr>' if size else ""
        return f"<w:p>{ppr}<w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"

    body = (
        p("Project Delivery Lead", size=28)
        + p("Kemal Aydın", style="Title")
        + p("kemal@example.com")
        + p("Experience")
        + p("Led the delivery of twelve projects")
    )
    result = parse(_docx_with_styles(body, styles), "cv.docx")
    assert result.name == "Kemal Aydın"


def test_docx_text_box_lines_stay_apart_and_hyperlinks_sit_on_their_paragraph(parse):
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="mailto:ada@example.org" TargetMode="External"/>'
        "</Relationships>"
    )
    box = (
        "<w:p><w:r><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:rPr><w:sz w:val='48'/></w:rPr><w:t>Ada Quispe</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Lima, Peru</w:t></w:r></w:p>"
        '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>Write to me</w:t></w:r></w:hyperlink></w:p>'
        "</w:txbxContent></w:drawing></w:r></w:p>"
    )
    body = box + "<w:p><w:r><w:t>Experience</w:t></w:r></w:p><w:p><w:r><w:t>Chef</w:t></w:r></w:p>"
    result = parse(_docx_with_styles(body, "", rels), "cv.docx")
    assert result.text.split("\n")[:2] == ["Ada Quispe", "Lima, Peru"]
    assert result.name == "Ada Quispe"
    assert result.emails == ["ada@example.org"]


# --- the face: shortlist parse --json ------------------------------------------------------------


def test_cli_json_adds_confidence_and_keeps_every_key(tmp_path):
    resume = tmp_path / "cv.pdf"
    resume.write_bytes(sidebar_first_pdf())
    env = {**os.environ, "SHORTLIST_CONFIG": str(tmp_path / "settings.json")}
    done = subprocess.run(
        [str(SHORTLIST), "parse", str(resume), "--json", "--workers", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(result)[: len(PUBLIC_KEYS_BEFORE)] == PUBLIC_KEYS_BEFORE  # unchanged, in order
    assert result["name"] == "Marie Dupont"
    assert set(result["confidence"]) >= {"name", "emails", "phones", "links", "location", "title"}
    assert all(0.0 <= v <= 1.0 for v in result["confidence"].values())
    assert result["skills_not_in_taxonomy"] == [
        s for s in result["skills"] if s in result["skills_not_in_taxonomy"]
    ]


def test_profiles_behind_icons_and_labels(parse):
    text = (
        "Ana Ruiz\nana@example.es · telegram: @ana_ruiz · orcid 0000-0002-1825-0097\n"
        "@anaruiz@mastodon.social · researchgate.net/profile/Ana-Ruiz\n\n"
        "Experience\nResearch assistant at a lab for three years\n"
    )
    result = parse(text)
    assert "https://t.me/ana_ruiz" in result.links
    assert "https://orcid.org/0000-0002-1825-0097" in result.links
    assert "https://mastodon.social/@anaruiz" in result.links
    assert "https://researchgate.net/profile/Ana-Ruiz" in result.links
    assert result.emails == ["ana@example.es"]  # the handle is not an address


def test_a_referees_heading_the_vocabulary_lacks_still_guards_their_contacts(parse):
    def draw(c, width, height):
        _text(c, 50, height - 50, "Lucía Pérez", 22, "Helvetica-Bold")
        _text(c, 50, height - 75, "lucia.perez@example.cl · +56 9 8765 4321", 10)
        _text(c, 50, height - 110, "EXPERIENCIA", 13, "Helvetica-Bold")
        y = height - 126
        for line in MAIN[:4]:
            _text(c, 50, y, line, 10)
            y -= 14
        _text(c, 50, y - 10, "Contactos de referencia laboral", 10, "Helvetica-Bold")
        _text(
            c, 50, y - 26, "Jorge Soto, jefe de bodega: jorge.soto@example.cl, +56 9 1234 5678", 10
        )

    result = parse(_pdf(draw), "cv.pdf")
    assert result.emails == ["lucia.perez@example.cl"]
    assert result.phones == ["+56987654321"]
