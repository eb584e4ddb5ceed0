"""Names on European resumes: Polish and other titles, schools and labels that look like names.

A line of two capitalised words is name-shaped in any language: "Przedstawiciel
Handlowy" (a sales representative), "Uniwersytet Warszawski", "Kundenberater".
Set large above a small name, such a line used to win. Each test lays out the case
and checks that the person's name wins, or that no name is given rather than a
wrong one.
"""

from __future__ import annotations

import pytest

from parsing.layout import Layout, Line
from parsing.names import find_name
from tests.test_reading_people import MAIN


def _header(big: str, name: str, email: str, taxonomy):
    """A small name over a contact line, then a line set large (a title, a school), then text."""
    lines = [
        Line(name, size=10, top=0.04, left=0.08, right=0.3),
        Line(f"Zielona Góra | tel. 601 222 333 | {email}", size=10, top=0.06, left=0.08, right=0.7),
        Line(big, size=20, bold=True, top=0.1, left=0.08, right=0.5),
        *(Line(t, size=10, top=0.15 + n * 0.02, left=0.08, right=0.8) for n, t in enumerate(MAIN)),
    ]
    layout = Layout(lines, body_size=10, geometry=True)
    return find_name(layout, [email] if email else [], taxonomy=taxonomy)


@pytest.mark.parametrize(
    "title",
    [
        "Przedstawiciel Handlowy",
        "Doradca Klienta",
        "Kierowca Zawodowy",
        "Absolwentka Ekonomii",
        "Technik Informatyk",
        "Uniwersytet Warszawski",
        "Politechnika Wrocławska",
        "Kundenberater Vertrieb",
        "Vendedora Comercial",
    ],
)
def test_a_title_or_a_school_set_large_is_not_the_name(title, taxonomy):
    found = _header(title, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


def test_the_address_that_spells_a_name_outweighs_a_large_line_it_does_not_spell(taxonomy):
    # "Brand Storyteller" is in no vocabulary: only the address says who this is.
    found = _header("Brand Storyteller", "Anna Nowak-Kowalczyk", "anna.nowak.k@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"
    assert found.confidence < 0.7 and "Brand Storyteller" in found.why  # worth a look
    # An address that spells nothing changes nothing: the large line still leads.
    plain = _header("Brand Storyteller", "Anna Nowak-Kowalczyk", "biuro@o2.pl", taxonomy)
    assert plain is None or plain.value != "Anna Nowak-Kowalczyk"


def test_polish_names_with_their_letters_and_capitalised_surnames(taxonomy):
    lines = [
        Line("Przedstawiciel Handlowy", size=11, top=0.03),
        Line("Łukasz ŚLIWIŃSKI", size=24, bold=True, top=0.06),
        Line("lukasz.sliwinski@gmail.com | Kraków", size=10, top=0.1),
        Line("Doświadczenie zawodowe", size=13, bold=True, top=0.14),
        *(Line(t, size=10, top=0.17 + n * 0.02) for n, t in enumerate(MAIN)),
    ]
    found = find_name(
        Layout(lines, body_size=10, geometry=True),
        ["lukasz.sliwinski@gmail.com"],
        taxonomy=taxonomy,
    )
    assert found is not None and found.value == "Łukasz Śliwiński"


@pytest.mark.parametrize("label", ["Imię i nazwisko:", "Imie i nazwisko:", "IMIĘ I NAZWISKO"])
def test_the_polish_name_label_typed_with_or_without_its_letters(label, parse):
    text = (
        f"CURRICULUM VITAE\nDANE OSOBOWE\n{label} Małgorzata Żółkiewska\n"
        "Data urodzenia: 14.02.1992\nAdres: ul. Adama Mickiewicza 12/4, 60-101 Poznań\n"
        "Telefon: +48 600 123 456\n\nDOŚWIADCZENIE ZAWODOWE\nPrzedstawiciel Handlowy, Żywiec\n"
    )
    assert parse(text).name == "Małgorzata Żółkiewska"


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("mgr inż. Jan Kowalski", "Jan Kowalski"),
        ("Mgr Anna Nowak", "Anna Nowak"),
        ("dr hab. Piotr Zieliński", "Piotr Zieliński"),
        ("Prof. dr hab. inż. Adam Nowak", "Adam Nowak"),
        ("lic. Ewa Maj", "Ewa Maj"),
        ("Mgr. Petra Svobodová", "Petra Svobodová"),
        ("Bc. Tomáš Dvořák, DiS.", "Tomáš Dvořák"),
        ("MUDr. Jana Malá", "Jana Malá"),
        ("Dr. med. Eva Roth", "Eva Roth"),
        ("Dott. Ing. Marco Rossi", "Marco Rossi"),
        ("Lic. Ana García", "Ana García"),
        ("Dott.ssa Maria Bianchi", "Maria Bianchi"),
        ("ir. Pieter de Graaf", "Pieter de Graaf"),
        ("drs. Sanne Bakker", "Sanne Bakker"),
        ("Dra. Lucía Torres", "Lucía Torres"),
        ("lek. med. Magdalena Wójcik", "Magdalena Wójcik"),
        ("lek. dent. Karolina Nowak", "Karolina Nowak"),
        ("dr n. med. Paweł Kamiński", "Paweł Kamiński"),
        ("mgr farm. Ewa Lis", "Ewa Lis"),
        ("Prof. Dr.-Ing. Klaus Wagner", "Klaus Wagner"),
        ("Δρ. Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
    ],
)
def test_academic_titles_before_a_name_are_not_part_of_it(printed, name, parse):
    text = (
        f"{printed}\n+48 600 123 456 | kontakt@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\n"
        "Kierownik budowy, Budimex S.A.\n\nWYKSZTAŁCENIE\nPolitechnika Warszawska\n"
    )
    assert parse(text).name == name


def test_a_short_name_that_is_also_a_title_word_is_kept_without_its_dot(parse):
    text = "Lic Wong\n+852 9123 4567 | lic.wong@example.hk\n\nEXPERIENCE\nAnalyst, HSBC\n"
    assert parse(text).name == "Lic Wong"


@pytest.mark.parametrize(
    "label", ["Informacje osobiste", "Angaben zur Person", "Persoonlijke gegevens", "Osobní údaje"]
)
def test_europass_personal_information_labels_in_more_languages(label, parse):
    text = f"{label} Jan Kowalski\n+48 600 123 456\n\nDOŚWIADCZENIE ZAWODOWE\nKierownik, Budimex\n"
    assert parse(text).name == "Jan Kowalski"


def test_a_town_printed_after_its_postcode_is_never_the_name(parse):
    text = (
        "Zielona Góra\nJan Kowalski\nul. Kasztanowa 3, 65-001 Zielona Góra\n+48 600 123 456\n\n"
        "DOŚWIADCZENIE ZAWODOWE\nKierownik, Budimex\n"
    )
    assert parse(text).name == "Jan Kowalski"
    # Alone in the header, the town gives no name rather than a wrong one.
    alone = (
        "Jelenia Góra\nul. Kasztanowa 3, 58-500 Jelenia Góra | +48 600 123 456\n\nPRAKTYKI\nBiuro\n"
    )
    assert parse(alone).name is None


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Michał Wróbel", "michal.wrobel@o2.pl"),
        ("Jürgen Müller", "juergen.mueller@web.de"),
        ("Jürgen Müller", "jurgen.muller@web.de"),
        ("Søren Østergaard", "soren.ostergaard@mail.dk"),
        ("Gülşen Yılmaz", "gulsen.yilmaz@gmail.com"),
        ("Иван Петров", "ivan.petrov@mail.ru"),
        ("Юлия Щербакова", "iuliia.shcherbakova@yandex.ru"),
        ("Paweł Dąbrowski", "pdabrowski@o2.pl"),
    ],
)
def test_an_address_spells_a_name_in_ascii_however_its_letters_are_typed(name, email, taxonomy):
    # "ł", "ø" and "ı" have no accent to strip, umlauts are typed "ue", Cyrillic is
    # transliterated: the address still spells the name, and outweighs a large line.
    found = _header("Brand Storyteller", name, email, taxonomy)
    assert found is not None and found.value == name
    assert found.confidence < 0.7  # chosen against the page's prominence: worth a look


@pytest.mark.parametrize(
    "town",
    [
        "Zielona Góra",
        "Nowy Targ",
        "Bad Homburg",
        "São Paulo",
        "Gorzów Wielkopolski",
        "Sulthan Bathery",
    ],
)
def test_a_town_without_its_postcode_is_never_the_name(town, taxonomy):
    found = _header(town, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


def test_a_surname_that_is_also_a_place_word_stays_a_name():
    from parsing.names import is_town

    assert is_town("Zielona Góra") and is_town("St. Gallen") and is_town("Sankt-Augustin")
    assert not is_town("Jan Góra") and not is_town("Le Van Thanh") and not is_town("Anna Wola")


def test_pieces_far_apart_on_one_row_are_read_apart(taxonomy):
    # A sidebar's town and the main column's name on one row of a page pdfminer did not
    # split into columns: the row is "Bad Homburg Jürgen Schäfer", its cells the two pieces.
    lines = [
        Line(
            "Bad Homburg Jürgen Schäfer",
            size=14,
            bold=True,
            top=0.07,
            left=0.05,
            right=0.6,
            cells=("Bad Homburg", "Jürgen Schäfer"),
        ),
        Line("0171 2345678 Bürokaufmann", size=10, top=0.1, left=0.05, right=0.6),
        *(Line(t, size=10, top=0.15 + n * 0.02, left=0.3, right=0.8) for n, t in enumerate(MAIN)),
    ]
    found = find_name(Layout(lines, body_size=10, geometry=True), [], taxonomy=taxonomy)
    assert found is not None and found.value == "Jürgen Schäfer"


@pytest.mark.parametrize(
    "heading", ["Cechy Osobowości", "Przebieg Pracy", "Persönliche Stärken", "Kompetencje Twarde"]
)
def test_headings_of_everyday_polish_and_german_cvs_are_not_names(heading, taxonomy):
    from parsing.sections import heading_kind

    assert heading_kind(heading) is not None
    found = _header(heading, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


@pytest.mark.parametrize("gap", ["   ", "  "])
def test_a_name_typed_letter_spaced_in_a_text_file_is_closed_up(gap, parse):
    text = f"A N N A{gap}N O W A K\ntel. 601 234 567 | kontakt@wp.pl\n\nDOŚWIADCZENIE\nBiuro\n"
    result = parse(text)
    assert result.name == "Anna Nowak"
    assert result.text.startswith("ANNA NOWAK\n")  # searchable as words


def test_a_given_name_line_over_one_word_is_flagged_not_guessed(parse):
    # Plain text cannot tell "Anna Maria" over her surname from "Anna Nowak" over her town:
    # the name is given, marked for a look, with the longer reading named.
    body = "\ntel. 601 234 567\n\nDOŚWIADCZENIE ZAWODOWE\nSpecjalista ds. sprzedaży\n"
    two = parse("Anna Maria\nNowak" + body)
    assert two.name == "Anna Maria" and two.confidence["name"] < 0.7
    assert "Anna Maria Nowak" in two.doubts["name"]
    town = parse("Anna Nowak\nWieliczka" + body)
    assert town.name == "Anna Nowak" and "Anna Nowak Wieliczka" in town.doubts["name"]
    # A role under the name is no surname: nothing to check.
    role = parse("Anna Nowak\nKsięgowa" + body)
    assert role.name == "Anna Nowak" and role.confidence["name"] >= 0.7


@pytest.mark.parametrize(
    "phrase",
    [
        "Zarządzanie Projektami",
        "Kierowanie Zespołem",
        "Biuro Rachunkowe",
        "Zespół Szkół Technicznych",
        "Poczta Polska",
        "Hohe Belastbarkeit",
        "Strong Communication",
        "Język Angielski",
        "Persönliche Angaben",
    ],
)
def test_skills_employers_and_headings_of_two_capitalised_words_are_not_names(phrase, taxonomy):
    # "Język" and "persönliche" are in the vocabulary with their letters, and a word is
    # looked up folded; abstract nouns and institutions' adjectives have endings no name has.
    found = _header(phrase, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


@pytest.mark.parametrize(
    "phrase",
    [
        "Stato Civile",
        "Codice Fiscale",
        "Laurea Magistrale",
        "Burgerlijke Staat",
        "Fecha de Nacimiento",
        "Ciclo Formativo",
        "Nacionalidade Portuguesa",
        "Ensino Médio",
        "Allgemeine Hochschulreife",
        "Familienstand Ledig",
        "Baccalauréat Scientifique",
        "Crédit Agricole",
        "Miejsce Zamieszkania",
        "Studia Podyplomowe",
        "Angielski Zaawansowany",
        "Szpital Miejski",
        "Klauzula Zgody",
        "Warehouse Operative",
        # skills, hobbies, payroll words, regions and employers of Polish CVs
        "Kadry Płace",
        "Jazda Konna",
        "Nauka Języków",
        "Lider Zespołu",
        "Powiat Bielski",
        "Dolny Śląsk",
        "Tauron Dystrybucja",
        "Sąd Rejonowy",
        "Leroy Merlin",
        # the same in German, Italian, Portuguese and Dutch CVs
        "Deutsch Muttersprache",
        "Sparkasse Köln",
        "Fraunhofer Institut",
        "Poste Italiane",
        "Magazine Luiza",
        "Albert Heijn",
    ],
)
def test_personal_data_schools_levels_and_employers_of_office_cvs_are_not_names(phrase, taxonomy):
    # What the header of an office-made CV prints beside the name, in each language we read.
    found = _header(phrase, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


@pytest.mark.parametrize(
    "name",
    [
        "Melanie Kowalska",
        "Stephanie Harkness",
        "Maria Conceição",
        "Eugenie Asunción",
        "Christopher Marlowe",
    ],
)
def test_names_with_the_endings_of_nouns_stay_names(name, parse):
    text = f"{name}\n+48 600 123 456 | kontakt@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\nBiuro\n"
    assert parse(text).name == name


@pytest.mark.parametrize(
    "heading", ["OSOBY POLECAJĄCE", "Rekomendacje", "Referencias laborales", "Recomendações"]
)
def test_referees_under_headings_of_more_languages_are_not_the_person(heading, parse):
    text = (
        "Ewa Zielińska\ntel. +48 601 222 333 | ewa.zielinska@o2.pl\n\n"
        "DOŚWIADCZENIE ZAWODOWE\nKsięgowa, Biuro Rachunkowe Saldo, Poznań\n\n"
        f"{heading}\nMarek Wójcik, Dyrektor Finansowy\ntel. +48 602 444 555\n"
    )
    result = parse(text)
    assert result.name == "Ewa Zielińska"
    assert result.phones == ["+48601222333"]


@pytest.mark.parametrize(
    ("given", "surname"), [("Nome", "Cognome"), ("Imię", "Nazwisko"), ("Vorname", "Nachname")]
)
def test_given_name_and_surname_in_a_forms_table_make_one_name(given, surname, taxonomy):
    # A table's rows, label cell then value cell, no colons: "Nome | Giulia", "Cognome | Bianchi".
    rows = [(given, "Giulia"), (surname, "Bianchi"), ("Indirizzo", "Via Roma 12, 20121 Milano")]
    title = Line("CURRICULUM VITAE", size=18, bold=True, top=0.05, left=0.3, right=0.7)
    found = _form_table(title, rows, taxonomy)
    assert found is not None and found.value == "Giulia Bianchi"


def _form_table(title: Line, rows: list[tuple[str, str]], taxonomy):
    """The name found on a page of a title, then a form's rows (a label cell and a value
    cell, no colons), then text."""
    lines = [title]
    for n, (label, value) in enumerate(rows):
        top = 0.12 + 0.02 * n
        lines.append(
            Line(f"{label} {value}", size=10, top=top, left=0.1, right=0.6, cells=(label, value))
        )
    lines += [
        Line(t, size=10, top=0.25 + n * 0.02, left=0.1, right=0.8) for n, t in enumerate(MAIN)
    ]
    return find_name(Layout(lines, body_size=10, geometry=True), [], taxonomy=taxonomy)


@pytest.mark.parametrize(
    "street",
    ["Adama Mickiewicza 12/4, 60-101 Poznań", "Jana Kochanowskiego 7", "Marii Konopnickiej 5"],
)
def test_a_street_named_after_someone_is_not_the_name(street, parse):
    # Polish streets are named after people and often printed without "ul.": the house number
    # after the two words says it is an address.
    body = "\n\nDOŚWIADCZENIE ZAWODOWE\nSpecjalistka ds. księgowości, Biuro Rachunkowe Saldo\n"
    text = f"CURRICULUM VITAE\n{street}\nKatarzyna Wiśniewska\n601 234 567{body}"
    assert parse(text).name == "Katarzyna Wiśniewska"
    # A number in groups after a name is a telephone number, a word after a number an address.
    assert parse(f"Anna Nowak 601 234 567{body}").name == "Anna Nowak"
    assert parse(f"Hal Doyle    123 Main St.\nNew York, NY{body}").name == "Hal Doyle"


@pytest.mark.parametrize(
    "title",
    [
        "Spawacz Monter",
        "Pomoc Kuchenna",
        "Lagerist Kraftfahrer",
        "Aide-soignante Diplômée",
        "Camarera Cajera",
        "Operador Logístico",
        "Kassamedewerker Albert",
    ],
)
def test_everyday_jobs_set_large_are_not_the_name(title, taxonomy):
    found = _header(title, "Anna Nowak-Kowalczyk", "kontakt.biuro@o2.pl", taxonomy)
    assert found is not None and found.value == "Anna Nowak-Kowalczyk"


@pytest.mark.parametrize("name", ["Anna Stolarz", "Hans Koch", "Jan Kowal", "Eva Maurer"])
def test_surnames_that_are_trades_stay_names(name, parse):
    text = f"{name}\n+48 600 123 456 | kontakt@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\nBiuro\n"
    assert parse(text).name == name


def test_polish_typed_without_its_letters_reads_the_same(parse):
    # "Wykształcenie" typed on an English keyboard is "Wyksztalcenie": headings and the words
    # that are never names are compared in that plain form too.
    from parsing.sections import heading_kind

    assert heading_kind("Wyksztalcenie") == heading_kind("WYKSZTAŁCENIE") == "education"
    text = (
        "Szkola Podstawowa\nAnna Nowak\ntel. 601 234 567\n\nDoswiadczenie zawodowe\n"
        "Ksiegowa, Biuro Rachunkowe Saldo\n\nWyksztalcenie\nUniwersytet Ekonomiczny\n"
    )
    result = parse(text)
    assert result.name == "Anna Nowak"
    assert "Wyksztalcenie" in result.sections


def _two_lines(first: str, second: str, taxonomy, size=26):
    lines = [
        Line(first, size=size, bold=True, top=0.05, left=0.1, right=0.5),
        Line(second, size=size, bold=True, top=0.09, left=0.1, right=0.5),
        Line("Kraków · 601 234 567 · kontakt@wp.pl", size=10, top=0.13, left=0.1, right=0.7),
        *(Line(t, size=10, top=0.18 + n * 0.02, left=0.1, right=0.8) for n, t in enumerate(MAIN)),
    ]
    return find_name(Layout(lines, body_size=10, geometry=True), [], taxonomy=taxonomy)


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        ("Anna Maria", "Nowak", "Anna Maria Nowak"),
        ("ANNA MARIA", "NOWAK", "Anna Maria Nowak"),
        ("María José", "García López", "María José García López"),
        ("Jan", "Kowalski-Nowak", "Jan Kowalski-Nowak"),
    ],
)
def test_a_name_split_over_two_lines_set_alike_is_read_whole(first, second, name, taxonomy):
    # The first line alone would be part of the name: a wrong name, not a shorter right one.
    found = _two_lines(first, second, taxonomy)
    assert found is not None and found.value == name


def test_a_skill_over_a_name_is_not_joined_to_it(taxonomy):
    found = _two_lines("Protocol Buffers", "Jane Doe", taxonomy)
    assert found is not None and found.value == "Jane Doe"


@pytest.mark.parametrize(
    ("first", "second", "name", "alone"),
    [
        ("ANA PAULA", "LIMA", "Ana Paula Lima", "Ana Paula"),
        ("Jane Doe", "Hamburg", "Jane Doe Hamburg", "Jane Doe"),
    ],
)
def test_a_city_under_a_name_set_alike_is_read_as_a_surname_and_flagged(
    first, second, name, alone, taxonomy
):
    # Lima, Paris, Valencia are surnames as well as cities: set like the name, the second line
    # is read as its surname, and marked for a look with the shorter reading named.
    found = _two_lines(first, second, taxonomy)
    assert found is not None and found.value == name
    assert found.confidence < 0.7 and alone in found.why


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ('Aleksandra "Ola" Nowak', 'Aleksandra "Ola" Nowak'),
        ("Aleksandra „Ola” Nowak", "Aleksandra „Ola” Nowak"),
        ("Robert 'Bob' Smith", "Robert 'Bob' Smith"),
        ("Pani Anna Nowak", "Anna Nowak"),
        ("Madame Claire Dubois", "Claire Dubois"),
        ("Pan Wei", "Pan Wei"),
    ],
)
def test_quoted_nicknames_and_courtesy_titles(printed, name, parse):
    # A nickname in quotes is part of the name as printed, like one in parentheses; a courtesy
    # title is not, unless what follows is not a whole name ("Pan" is a Chinese surname).
    text = f"{printed}\n+48 600 123 456 | kontakt@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\nBiuro\n"
    assert parse(text).name == name


def test_a_name_whose_words_are_far_apart_pieces_stays_whole(taxonomy):
    lines = [
        Line(
            "ANNA NOWAK", size=24, bold=True, top=0.05, left=0.1, right=0.8, cells=("ANNA", "NOWAK")
        ),
        Line("Przedstawiciel Handlowy", size=14, top=0.09, left=0.1, right=0.5),
        Line("Kraków · 601 234 567 · kontakt@wp.pl", size=10, top=0.12, left=0.1, right=0.7),
        *(Line(t, size=10, top=0.18 + n * 0.02, left=0.1, right=0.8) for n, t in enumerate(MAIN)),
    ]
    found = find_name(Layout(lines, body_size=10, geometry=True), [], taxonomy=taxonomy)
    assert found is not None and found.value == "Anna Nowak"


@pytest.mark.parametrize(
    "name",
    [
        "Tadeusz Mazowiecki",
        "Krystyna Pomorska",
        "Luis Camarero",
        "Jan Rzecznik",
        "Carlos España",
        "Italia Rossi",
        "Pan Wei Ming",
    ],
)
def test_surnames_that_are_regions_jobs_or_countries_stay_names(name, parse):
    text = f"{name}\nanna@example.com\n+48 601 234 567\n\nDOŚWIADCZENIE ZAWODOWE\nBiuro\n"
    assert parse(text).name == name


def test_a_cover_letter_first_gives_the_senders_name_not_its_title_or_addressee(taxonomy):
    # The letter's title ("LIST MOTYWACYJNY") and salutation are never a name; the addressee
    # ("Pan Tomasz Zieliński", set bold) is someone else.
    lines = [
        Line("Katarzyna Wiśniewska", size=11, top=0.06, left=0.1, right=0.35),
        Line("ul. Długa 15/3, 31-147 Kraków", size=11, top=0.08, left=0.1, right=0.4),
        Line("tel. 601 234 567", size=11, top=0.1, left=0.1, right=0.3),
        Line("Pan Tomasz Zieliński", size=11, bold=True, top=0.16, left=0.6, right=0.85),
        Line("Dyrektor ds. Personalnych", size=11, top=0.18, left=0.6, right=0.9),
        Line("LIST MOTYWACYJNY", size=14, bold=True, top=0.25, left=0.37, right=0.63),
        Line("Szanowny Panie Dyrektorze,", size=11, top=0.29, left=0.1, right=0.4),
        Line("w odpowiedzi na ogłoszenie zgłaszam swoją kandydaturę.", size=11, top=0.31, left=0.1),
    ]
    found = find_name(Layout(lines, body_size=11, geometry=True), [], taxonomy=taxonomy)
    assert found is not None and found.value == "Katarzyna Wiśniewska"


@pytest.mark.parametrize(
    "printed, email, name",
    [
        ("anna nowak", "anna.nowak@example.com", "Anna Nowak"),
        ("michał dąbrowski", "michal.dabrowski@example.pl", "Michał Dąbrowski"),
        ("jan van dijk", "jan.vandijk@example.nl", "Jan van Dijk"),
        ("anna nowak-kowalska", "a.nowak.kowalska@example.pl", "Anna Nowak-Kowalska"),
        # nothing spells it: small letters are not enough to call it a name
        ("anna nowak", "kontakt@example.com", None),
        ("python developer", "python.developer@example.com", None),
    ],
)
def test_a_name_set_in_small_letters_is_read_when_the_address_spells_it(
    printed, email, name, taxonomy
):
    """Designs that set the name in small letters ("anna nowak" large at the top): the
    address must spell it, and the name is given with its capitals."""
    lines = [
        Line(printed, size=24, top=0.04, left=0.08, right=0.5),
        Line(f"{email} | +48 601 234 567", size=10, top=0.08, left=0.08, right=0.7),
        *(Line(t, size=10, top=0.15 + n * 0.02, left=0.08, right=0.8) for n, t in enumerate(MAIN)),
    ]
    found = find_name(Layout(lines, body_size=10, geometry=True), [email], taxonomy=taxonomy)
    assert (found.value if found else None) == name


@pytest.mark.parametrize(
    "line, email, shorter",
    [
        ("Anna Nowak Kraków", "anna.nowak@example.pl", "Anna Nowak"),
        ("Lena Schmidt Berlin", "lena.schmidt@example.de", "Lena Schmidt"),
        # a surname that is also a city: the address leaving it out cannot tell
        ("Ana Paula Lima", "anapaula@example.com.br", "Ana Paula"),
    ],
)
def test_a_city_glued_after_a_name_is_flagged_not_guessed(line, email, shorter, parse):
    result = parse(f"{line}\n{email} | +48 601 234 567\n\nExperience\n2019 Allegro\n")
    assert result.name == line and result.confidence["name"] <= 0.6
    assert result.doubts["name"] == f"could also be “{shorter}”"


def test_a_surname_that_is_a_city_spelt_by_the_address_is_not_flagged(parse):
    result = parse("María García Sevilla\nmaria.garcia.sevilla@example.es\n\nExperiencia\n2019\n")
    assert result.name == "María García Sevilla" and "name" not in result.doubts


@pytest.mark.parametrize(
    "name", ["Richard Lugar", "Gert Ledig", "Anna Matura", "Marcel Carné", "Jan Kawaler"]
)
def test_surnames_that_are_also_words_of_personal_data_stay_names(name, parse):
    first, last = name.lower().split()
    text = f"{name}\n{first}.{last}@example.com\n\nExperience\n2019 Allegro\n"
    assert parse(text).name == name


@pytest.mark.parametrize(
    ("label", "value", "given"),
    [
        ("Nazwisko(-a) / Imię(-ona)", "Wiśniewska Katarzyna", "Katarzyna"),
        ("Surname(s) / First name(s)", "Ferreira Santos João", "Santos João"),
        ("Nachname(n) / Vorname(n)", "Müller Max", "Max"),
        ("Cognome(i) / Nome(i)", "Bianchi Luca", "Luca"),
        ("Apellido(s) / Nombre(s)", "García López Ana", "Ana"),
    ],
)
def test_the_old_europass_forms_surname_first_label_with_its_plurals(label, value, given, parse):
    # The 2004 Europass form prints "Surname(s) / First name(s)" in its label column, the
    # value beside it without a colon, the surname first.
    text = (
        f"Europass\nCurriculum Vitae\n\nInformacje osobiste\n{label}     {value}\n"
        "Adres(-y)     ul. Kwiatowa 3, 60-101 Poznań (Polska)\nTelefon(-y)   +48 61 111 22 33\n"
        "\nDoświadczenie zawodowe\nDaty   01/2015 - obecnie\n"
    )
    found = parse(text)
    assert (found.name, found.given_name) == (value, given)


def test_the_old_europass_label_in_a_cell_of_its_own_row(taxonomy):
    # A PDF of the form: the label right-aligned in one cell, the value in the next.
    rows = [("Nazwisko(-a) / Imię(-ona)", "Nowak Anna"), ("E-mail", "kontakt@example.pl")]
    title = Line("Curriculum Vitae", size=9, top=0.05, left=0.1, right=0.3)
    found = _form_table(title, rows, taxonomy)
    assert found is not None and (found.value, found.given) == ("Nowak Anna", "Anna")


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        # the name someone was born with, after their married name
        ("Anna Nowak z d. Kowalska", "Anna Nowak"),
        ("Eva Roth geb. Weber", "Eva Roth"),
        ("Marie Martin née Dupont", "Marie Martin"),
        # a form's given names in two words, with the surname on the next line or the one before
        ("Imiona: Anna Maria\nNazwisko: Nowak", "Anna Maria Nowak"),
        ("Nazwisko: Nowak\nImiona: Anna Maria", "Anna Maria Nowak"),
        ("Vorname: Anna Maria\nNachname: Schmidt", "Anna Maria Schmidt"),
        # beside a given-name label, a plain "Name" is the surname, as German forms print it
        ("Name: Mustermann\nVorname: Max", "Max Mustermann"),
        ("Vorname: Max\nName: Mustermann", "Max Mustermann"),
        ("Name: Mustermann\nVorname: Max Paul\nGeburtsdatum: 01.01.1985", "Max Paul Mustermann"),
        # labels that hold the whole name in Portuguese, French and Spanish forms
        ("Nome: João Silva", "João Silva"),
        ("Nom : Marie Dupont", "Marie Dupont"),
        # half a name, with no other half beside it, is no name
        ("Nazwisko: Nowak\nData urodzenia: 14.02.1992", None),
        ("Imiona: Anna Maria\nData urodzenia: 14.02.1992", None),
    ],
)
def test_married_names_and_forms_that_give_a_name_in_parts(printed, name, parse):
    text = f"{printed}\nkontakt@example.pl\n\nDOŚWIADCZENIE ZAWODOWE\nKierownik, Budimex\n"
    assert parse(text).name == name
