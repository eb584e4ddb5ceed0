"""Names in forms: a Word table with the label in one cell and the value in the next, in the
languages of Central and Eastern Europe, and long names with particles.

A CV made in Word often holds its personal data in a table ("Imię:" | "Michał Jan",
"Nazwisko:" | "Szczepański"). Each cell is a paragraph of its own, so the label and its
value must be read as one row, as a PDF's row is. Driven through ``shortlist parse --json``
and ``shortlist invite --preview``, as a recruiter would.
"""

from __future__ import annotations

import io
import json

import pytest

from app.cli import main
from parsing.resume import parse_bytes
from tests.test_given_names import BODY, preview_invite
from tests.test_reading_people import MAIN, _pdf, _text
from tests.worlds import make_people


def _form(title: str, rows: list[tuple[str, str]], after: list[str]) -> bytes:
    import docx  # python-docx, a test dependency: a table as Word itself writes it

    document = docx.Document()
    document.add_heading(title, level=0)
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORMS = [
    (  # Polish: given names and surname in rows of their own
        "CURRICULUM VITAE",
        [("Imię:", "Michał Jan"), ("Nazwisko:", "Szczepański"), ("Telefon:", "+48 505 606 707")],
        "Michał Jan Szczepański",
    ),
    (  # Czech: a title's row first, whose value is no name
        "ŽIVOTOPIS",
        [("Titul:", "Mgr."), ("Jméno:", "Petra"), ("Příjmení:", "Dvořáková")],
        "Petra Dvořáková",
    ),
    (  # Romanian Europass: surname first, as the label says
        "CURRICULUM VITAE",
        [("Nume și prenume", "Ionescu Andrei-Mihai"), ("Telefon", "0744 567 890")],
        "Ionescu Andrei-Mihai",
    ),
    (  # Ukrainian: surname, given name, patronymic
        "РЕЗЮМЕ",
        [("ПІБ:", "Коваленко Ірина Василівна"), ("Телефон:", "+380 67 123 4567")],
        "Коваленко Ірина Василівна",
    ),
    (  # Greek: the document's title is printed larger than anything else
        "ΒΙΟΓΡΑΦΙΚΟ ΣΗΜΕΙΩΜΑ",
        [("Ονοματεπώνυμο:", "Μαρία Κωνσταντινίδου"), ("Τηλέφωνο:", "697 123 4567")],
        "Μαρία Κωνσταντινίδου",
    ),
    (
        "ÖZGEÇMİŞ",
        [("Ad Soyad", "Mehmet Emre Öztürk"), ("Telefon", "0532 123 45 67")],
        "Mehmet Emre Öztürk",
    ),
]


@pytest.mark.parametrize(("title", "rows", "name"), FORMS)
def test_a_word_forms_label_cell_and_value_cell_give_the_name(title, rows, name, tmp_path, capsys):
    path = tmp_path / "cv.docx"
    path.write_bytes(_form(title, rows, ["Doświadczenie zawodowe", "2019 – 2023 Kierownik"]))
    assert main(["parse", "--json", str(path)]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["name"] == name
    assert parsed["confidence"]["name"] >= 0.7


def test_a_layout_tables_long_cells_keep_their_lines():
    # A sidebar cell beside the main text: its paragraphs are not glued to the other cell's.
    import docx

    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = "Anna Nowak"
    row.cells[0].add_paragraph("anna.nowak@example.pl")
    row.cells[1].text = "Doświadczenie zawodowe"
    row.cells[1].add_paragraph("2019 – 2023 Kierownik budowy, Budimex")
    out = io.BytesIO()
    document.save(out)
    result = parse_bytes(out.getvalue(), "cv.docx")
    assert result.name == "Anna Nowak"
    assert result.emails == ["anna.nowak@example.pl"]


def test_romanian_greek_and_ukrainian_headings_are_sections():
    result = parse_bytes(
        _form(
            "CURRICULUM VITAE",
            [("Nume și prenume", "Ionescu Andrei")],
            ["EXPERIENȚĂ PROFESIONALĂ", "Inginer software, Bitdefender", "COMPETENȚE", "Python"],
        ),
        "cv.docx",
    )
    assert "EXPERIENȚĂ PROFESIONALĂ" in result.sections and "COMPETENȚE" in result.sections
    assert "Python" in result.skills
    assert "Inginer software" not in " ".join(result.skills)


@pytest.mark.parametrize(
    "printed",
    [
        "JUAN CARLOS HERNÁNDEZ DE LA CRUZ",
        "Ana Maria da Silva Pereira Santos",
    ],
)
def test_a_long_name_with_particles_is_one_name(printed):
    text = printed + BODY.format(email="contacto@example.com")
    result = parse_bytes(text.encode(), "cv.txt")
    assert result.name is not None
    assert result.name.casefold() == printed.casefold()


def test_a_russian_form_greets_by_given_name_and_patronymic(tmp_path, monkeypatch, capsys):
    text = "Резюме\nФИО: Смирнов Дмитрий Алексеевич" + BODY.format(email="d.smirnov@example.ru")
    store, job_id, _ids, _settings = make_people(tmp_path, monkeypatch, {"cv.txt": text})
    code, out = preview_invite("Смирнов Дмитрий Алексеевич", job_id, store.path, capsys)
    assert code == 0
    assert "\nHi Дмитрий" in out and "Hi Смирнов" not in out


def test_a_skills_tables_cells_are_items_of_their_own():
    # Read as one row, "Apex" | "Javascript" must still be two items, not "Apex Javascript".
    import docx

    document = docx.Document()
    document.add_heading("Anna Nowak", level=0)
    document.add_paragraph("anna.nowak@example.pl")
    document.add_paragraph("Skills")
    table = document.add_table(rows=0, cols=3)
    for row in (("Apex", "Javascript", ""), ("RTDB", "MongoDB", "Firestore")):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    result = parse_bytes(out.getvalue(), "cv.docx")
    assert {"Apex", "RTDB"} <= set(result.skills_not_in_taxonomy)
    assert not [s for s in result.skills if " " in s and s.split()[0] in ("Apex", "RTDB")]


# --- A name set in two lines unalike, and Europass's label column, in PDFs ----------------


def _body(c, top: float, first: list[str], x: float = 50, size: float = 10) -> None:
    """The rest of a page: its first lines (an address, a heading), then work done."""
    for n, line in enumerate([*first, *MAIN]):
        _text(c, x, top - 14 * n, line, size)


@pytest.mark.parametrize(
    ("given", "surname", "beside"),
    [
        (("Marco", 26, "Helvetica"), ("DELLA VALLE", 30, "Helvetica-Bold"), None),
        (("Katarzyna", 30, "Helvetica"), ("NOWAK", 32, "Helvetica-Bold"), None),
        # the contact details at the right, on the given name's row and the one under it
        (("Mgr. Lubomir", 20, "Helvetica"), ("DURCANSKY", 30, "Helvetica-Bold"), "0911 234 567"),
    ],
)
def test_a_light_given_name_over_a_bold_surname_is_one_name(given, surname, beside, tmp_path):
    (first, first_size, first_font), (last, last_size, last_font) = given, surname

    def draw(c, width, height):
        _text(c, 50, height - 60, first, first_size, first_font)
        if beside:
            _text(c, 430, height - 58, "kontakt.praca@example.com", 9)
            _text(c, 460, height - 70, beside, 9)
        _text(c, 50, height - 60 - last_size * 1.1, last, last_size, last_font)
        _text(c, 50, height - 120, "Architect", 12)
        _body(c, height - 150, ["kontakt.praca@example.com", "Experience"])

    path = tmp_path / "cv.pdf"
    path.write_bytes(_pdf(draw))
    expected = f"{first.removeprefix('Mgr. ')} {last}"
    parsed = parse_bytes(path.read_bytes(), "cv.pdf")
    assert parsed.name is not None and parsed.name.casefold() == expected.casefold()


def test_a_large_name_over_a_smaller_role_is_not_joined_to_it():
    def draw(c, width, height):
        _text(c, 50, height - 60, "Anna", 28, "Helvetica-Bold")
        _text(c, 50, height - 86, "Nowak", 28, "Helvetica-Bold")
        _text(c, 50, height - 110, "Projektantka", 18)
        _body(c, height - 140, ["anna.nowak@example.pl", "Experience"])

    assert parse_bytes(_pdf(draw), "cv.pdf").name == "Anna Nowak"


@pytest.mark.parametrize(
    ("label", "name"),
    [("PERSÖNLICHE INFORMATIONEN", "Matthias von Känel"), ("KISISEL BILGILER", "Emre Yilmaz")],
)
def test_europass_personal_information_in_a_label_column(label, name):
    # The label small in the left column, the name larger on the same row at the right.
    def draw(c, width, height):
        _text(c, 60, height - 70, label, 8.5)
        _text(c, 210, height - 70, name, 16)
        _body(
            c,
            height - 100,
            [
                "Bahnhofstrasse 21, 3011 Bern",
                "+41 79 412 36 58",
                "kontakt@example.ch",
                "BERUFSERFAHRUNG",
            ],
            x=210,
            size=9.5,
        )

    assert parse_bytes(_pdf(draw), "cv.pdf").name == name


@pytest.mark.parametrize("align", ["centre", "right"])
def test_a_name_in_two_lines_centred_or_set_right_is_one_name(align):
    # The two lines differ in width, so they start at different places.
    def draw(c, width, height):
        for text, y, size in (("Anna", 60, 24), ("SCHNEIDER-BRANDT", 90, 24)):
            font = "Helvetica-Bold"
            w = c.stringWidth(text, font, size)
            x = (width - w) / 2 if align == "centre" else width - 50 - w
            _text(c, x, height - y, text, size, font)
        _body(c, height - 130, ["kontakt.praca@example.com", "Experience"])

    assert parse_bytes(_pdf(draw), "cv.pdf").name == "Anna Schneider-Brandt"


@pytest.mark.parametrize(
    ("heading", "row"),
    [
        ("KİŞİSEL BİLGİLER", "Ad Soyad Mehmet Emre Öztürk"),
        ("PERSONAL INFORMATION", "Full name: Mehmet Emre Öztürk"),
    ],
)
def test_a_personal_information_heading_over_a_labelled_name(heading, row):
    # The heading's value is not the next line whole: that line has a label of its own.
    text = f"ÖZGEÇMİŞ\n{heading}\n{row}\nTelefon: 0532 123 45 67\nE-posta: meo@example.com\n"
    assert parse_bytes(text.encode(), "cv.txt").name == "Mehmet Emre Öztürk"


def test_a_word_sidebar_cell_read_first_does_not_swallow_the_name():
    # A two-cell layout table: contact and skills in the left cell, the name on top of the
    # right one. The sidebar's "KEY SKILLS" section ends where its cell does.
    import docx

    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = "CONTACT"
    for text in ("07700 900417", "shiv.oc@example.com", "KEY SKILLS", "Acute care", "Triage"):
        row.cells[0].add_paragraph(text)
    title = row.cells[1].paragraphs[0]
    title.add_run("Siobhán O’Callaghan").font.size = docx.shared.Pt(24)
    for text in ("Staff Nurse", "EXPERIENCE", "2019 – now Staff Nurse, Southmead Hospital"):
        row.cells[1].add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    assert parse_bytes(out.getvalue(), "cv.docx").name == "Siobhán O’Callaghan"


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Ruud 't Hooft", "Ruud 't Hooft"),  # a Dutch particle that starts with its apostrophe
        ("RUUD 'T HOOFT", "Ruud 't Hooft"),
    ],
)
def test_the_dutch_particle_t(printed, name):
    text = printed + BODY.format(email="planner@example.nl")
    assert parse_bytes(text.encode(), "cv.txt").name == name


def test_a_nickname_in_quotes_ends_the_given_name_line():
    # 'IFEOMA “IFY”' light over 'OKONKWO-BELLO' bold: the closing quote is not noise.
    def draw(c, width, height):
        _text(c, 50, height - 60, "IFEOMA \u201cIFY\u201d", 22)
        _text(c, 50, height - 90, "OKONKWO-BELLO", 28, "Helvetica-Bold")
        _text(c, 50, height - 115, "Petroleum Engineer", 12)
        _body(c, height - 140, ["contact.ng@example.com", "Experience"])

    assert parse_bytes(_pdf(draw), "cv.pdf").name == "Ifeoma \u201cIfy\u201d Okonkwo-Bello"


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("MARCO DELLA VALLE", "Marco Della Valle"),  # Italian particles keep their capital
        ("LUIGI DI MAIO", "Luigi Di Maio"),
        ("JAN VAN DIJK", "Jan van Dijk"),  # Dutch, French and Spanish ones do not
        ("JUAN DE LA CRUZ", "Juan de la Cruz"),
    ],
)
def test_a_name_in_capitals_is_written_as_its_language_writes_it(printed, name):
    text = printed + BODY.format(email="kontakt@example.com")
    assert parse_bytes(text.encode(), "cv.txt").name == name
