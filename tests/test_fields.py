"""Field extraction on small, realistic resume texts."""

from datetime import date

import pytest

from parsing import contacts as C
from parsing import fields as F
from parsing.names import find_name
from parsing.sections import find_sections, heading_kind

TODAY = date(2026, 11, 1)


def test_phone_e164_from_country_code_and_from_location(parse):
    r = parse(
        "Lena Vogel\nBerlin, Germany\nlena.vogel@example.de | 030 12345678 | +49 176 31387734\n"
        "\nExperience\nDeveloper"
    )
    assert "+4917631387734" in r.phones
    assert "+493012345678" in r.phones


def test_phone_us_national(parse):
    r = parse("Mark Hill\nAustin, TX\n(512) 555-2671 · mark@example.com\n\nSkills\nExcel")
    assert r.phones == ["+15125552671"]


def test_dates_years_and_postcodes_are_not_phones(parse):
    text = (
        "Ana Ruiz\nCalle Mayor 5, 28013 Madrid, Spain\nana@example.es\n\n"
        "Experience\nNurse, Hospital La Paz 03/2015 - 08/2018\n2012 – 2016 Clinic\n"
        "Handled 12,000 patients; budget $1,250,000; GPA 3.66 (9.15/10.0)\nBorn 01.01.1980\n"
        "ORCID 0000-0002-1825-0097\n"
    )
    r = parse(text)
    assert r.phones == []


def test_a_house_number_dashed_to_its_postcode_is_not_a_phone(parse):
    text = "Francesco De Luca\nVia Garibaldi 22 – 00185 Roma\nCell. +39 333 9876543\n\nProfilo\nX"
    assert parse(text).phones == ["+393339876543"]


def test_a_professional_registration_is_not_a_phone(parse):
    text = (
        "Carlos Pereira\nEngenheiro Civil | CREA-SP 5061234567\n"
        "Celular: +55 11 91234-5678 | carlos@example.com.br\n\nResumo\nX"
    )
    assert parse(text).phones == ["+5511912345678"]


def test_an_employers_switchboard_and_front_desk_under_a_job_are_not_theirs(parse):
    text = (
        "Natalia Wróbel\nTel: +48 668-123-456 • natalia.wrobel@example.com\n\nDoświadczenie\n"
        "06/2017 – 09/2022  Recepcjonistka, Hotel Monopol, Wrocław\n"
        "rezerwacje: +48 71 772 37 77, recepcja@hotel.example.pl\n"
        "2014 – 2017  Siemens AG, Werner-von-Siemens-Str. 1, Tel. 089 636-00\n"
    )
    result = parse(text)
    assert result.phones == ["+48668123456"]
    assert result.emails == ["natalia.wrobel@example.com"]


@pytest.mark.parametrize(
    "line",
    [
        "Fax: (42) 655 20 11",
        "KRS 0000123456",
        "P.IVA 09876543210",
        "SIRET : 812 345 678 00024",
        "BSN: 123456782",
        "IBAN NL91 ABNA 0417 1643 00",
        "Cartão de Cidadão n.º 12345678 9 ZZ1",
        "License: Illinois RN #041-123456",
        "Prawo wykonywania zawodu pielęgniarki: 2603456P",
        "cédula profesional 9876543",
        "DNI 12345678Z",
        "C.C. 1.036.642.118 de Medellín",
        "RUT 12.345.678-5",
        "Budżet projektu 12 400 000 zł",
        "Budgetverantwortung 1.200.000 €",
        "Energa S.A. | 07.2017 – 03.2018",
        "Chicago, IL 60614-1234",
        "Galli M. et al., Phys. Rev. Lett. 124, 121801 (2020)",
    ],
)
def test_identifiers_licences_amounts_ranges_and_citations_are_not_phones(line, parse):
    text = f"Ewa Maj\newa.maj@example.com · +48 600 100 200\n{line}\n\nExperience\n2019"
    assert parse(text).phones == ["+48600100200"]


@pytest.mark.parametrize(
    "line", ["Mobile No.: 98765 43210", "Contact No.: 9876543210", "Tel./Fax: 98765 43210"]
)
def test_a_phone_label_with_no_or_fax_still_gives_their_number(line, parse):
    text = f"Rahul Verma\n{line}\nrahul@example.in\n\nExperience\n2019"
    assert parse(text).phones == ["+919876543210"]


def test_two_numbers_on_one_line_apart_by_a_slash_are_both_theirs(parse):
    text = "Ana Ruiz\nTeléfono: 915 678 123 / 620 456 789\nana@example.es\n\nExperiencia\n2019"
    assert [p[-9:] for p in parse(text).phones] == ["915678123", "620456789"]


def test_phone_after_a_label_anywhere(parse):
    r = parse("Jo Park\n\nProfile\nNurse\n\nContact\nMobile: 0151 2345 6789\n")
    assert len(r.phones) == 1


def test_masked_phone_is_kept_as_printed(parse):
    r = parse("Bin Yuan\nbin@example.com · (+86) 131-221-87xxx\n\nEducation\nSJTU")
    assert r.phones == ["(+86) 131-221-87xxx"]


def test_emails_skip_referees_and_keep_hidden_mailto():
    text = "Jane Roe\nE-mail me\n\nReferees\nDr. A. Beta\na.beta@university.edu\n"
    sections = find_sections(text)
    found = C.find_emails(text, sections, ["mailto:jr@example.org"])
    assert [f.value for f in found] == ["jr@example.org"]
    assert found[0].why == "only in a hidden link, not printed" and found[0].confidence < 0.7


def test_a_printed_address_wins_over_another_hidden_under_an_icon():
    # A template's own mailto: left under its envelope icon, or an old address: the page
    # prints theirs.
    text = "Jane Roe\njane@example.com\n\nReferees\nDr. A. Beta\na.beta@university.edu\n"
    sections = find_sections(text)
    found = C.find_emails(text, sections, ["mailto:templates@designer.example"])
    assert [f.value for f in found] == ["jane@example.com"]


def test_email_with_apostrophe_and_ligature(parse):
    r = parse("Ryan O'Connell\nryan.o'connell@example.com\n\nSkills\nSales")
    assert r.emails == ["ryan.o'connell@example.com"]
    assert parse(
        "Jo Fish\njo.ﬁsher@example.com\n\nSkills\nSales, negotiation, account management"
    ).emails == ["jo.fisher@example.com"]


def test_links_visible_bare_handles_and_hidden_targets():
    text = (
        "Claud Park\nHOUSE-CHIMNEY www.posquit0.com | GITHUB-SQUARE posquit0 | LINKEDIN posquit0\n"
        "linkedin.com/in/jane-roe · jankuester.com\n\nExperience\nUsed Node.js and ASP.NET daily\n"
    )
    sections = find_sections(text)
    links = [
        f.value
        for f in C.find_links(
            text,
            ["https://x.com/claud", "mailto:a@b.c"],
            header_end=text.index("Experience"),
            sections=sections,
        )
    ]
    assert "https://www.posquit0.com" in links
    assert "https://github.com/posquit0" in links
    assert "https://www.linkedin.com/in/posquit0" in links
    assert "https://linkedin.com/in/jane-roe" in links
    assert "https://jankuester.com" in links
    assert "https://x.com/claud" in links
    assert not any("node.js" in link.lower() or "asp.net" in link.lower() for link in links)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["MARISSA MAYER", "Business Woman & Proud Geek"], "Marissa Mayer"),
        (["Sourabh Bajaj Email: sourabh@example.com"], "Sourabh Bajaj"),
        (["Last Updated on 21st January 2015", "Debarghya Das", "deedy@fb.com"], "Debarghya Das"),
        (["JAN KÜSTER M.SC.", "RESEARCH SOFTWARE ENGINEER"], "Jan Küster"),
        (["Lebenslauf", "Persönliche Daten", "Name Michael", "Geburtsdatum 01.01.1980"], "Michael"),
        (["Allen Neal King ESB Integration Developer - Cisco Systems"], "Allen Neal King"),
        (["Maria da Silva Santos", "Enfermeira"], "Maria da Silva Santos"),
        (["Curriculum Vitae", "Name: Amos Treutel  Nationality: Kenyan"], "Amos Treutel"),
        (["Bin Yuan", "my_address@example.com"], "Bin Yuan"),
        (["张昊宇", "Education"], "张昊宇"),
        (["Experience", "Senior Software Engineer"], None),
    ],
)
def test_names(lines, expected):
    found = find_name(lines, [])
    assert (found.value if found else None) == expected


# --- names in plain texts: one rule each ----------------------------------------------------


def _name(lines, emails=()):
    found = find_name(lines, list(emails))
    return found.value if found else None


def test_a_name_label_whose_colon_stands_on_a_line_of_its_own():
    # A form's table exported as text: label, colon and value one under the other.
    lines = ["CURRICULUM VITAE", "Kenyatta National Hospital", "PERSONAL DATA", "ID NUMBER", ":"]
    lines += ["2345678", "NAME", ":", "Wanjiru Achieng Otieno", "GENDER", ":", "Female"]
    assert _name(lines) == "Wanjiru Achieng Otieno"


def test_a_section_label_over_the_name_needs_no_colon():
    # Europass: "PERSONAL INFORMATION" in the label column, the name beside it, read next.
    lines = ["Hannover Law Office", "PERSONAL INFORMATION", "Steccanella Luca", "Via Roma 1"]
    assert _name(lines) == "Steccanella Luca"


def test_a_numbered_name_label():
    lines = ["1. Position:", "Legal Manager", "2. Company:", "ACME HOLDINGS S.A.", "3. Name:"]
    assert _name([*lines, "Rosa Elena Quintero", "4. Birth Date: 12 May 1972"]) == (
        "Rosa Elena Quintero"
    )


def test_a_column_of_labels_read_before_its_values():
    lines = ["Hannover Law Office", "Curriculum Vitae", "Name:", "Birth:", "Nationality:", "1."]
    lines += ["Karl Brenner"]
    assert _name([*lines, "Hannover, 02.05.1968", "German"]) == "Karl Brenner"


def test_name_in_a_table_header_is_not_a_label():
    # "Name" over "Skill Level": a skills table's header, not a label and its value.
    lines = ["Ramona Velk", "Mobile Developer", "Name", "Skill Level", "Java", "Advanced"]
    assert _name(lines) == "Ramona Velk"


def test_the_documents_title_before_the_name_on_one_line():
    assert _name(["CV Dana Whitfield", "Position: Legal Manager", "Experience"]) == (
        "Dana Whitfield"
    )


def test_a_profile_address_that_spells_the_name_backs_it():
    # Five words beside a link: weak alone, convincing when the address spells them.
    line = "Amara Joy Okafor Bell Stone https://www.linkedin.com/in/amara-joy-okafor-bell-stone"
    assert _name([line]) == "Amara Joy Okafor Bell Stone"
    assert _name(["Amara Joy Okafor Bell Stone https://www.example.org/portfolio"]) is None


def test_plain_text_header_under_a_preamble():
    # A sample packet: several lines of prose, then the person's header.
    preamble = [
        "Resume Examples",
        "This packet includes sample resumes for the",
        "communications and media career community.",
        "These are examples of good practices in",
        "Use the examples as a guide.",
        "Ask for feedback before you apply.",
        "Bring two copies to the fair.",
        "Good luck.",
    ]
    header = ["Noor Haddad", "noor.h@example.com", "123-345-7890", "EDUCATION", "BA, 2017"]
    assert _name(preamble + header, ["x9@example.com"]) == "Noor Haddad"


def test_a_place_with_its_room_number_is_not_a_name_and_title():
    # "Lucina Hall Room 220": a building, not "Lucina Hall" followed by a job title.
    lines = ["Career Center", "Lucina Hall Room 220", "Marta Lindqvist", "2000 University Avenue"]
    assert _name([*lines, "Muncie, IN 47306", "Cell: (123)345-7890"]) == "Marta Lindqvist"
    # A name with its address run on after it keeps its name.
    assert _name(["Hal Doyle PO Box 816 New South, NC 27509 (123)345-7890"]) == "Hal Doyle"


def test_explicit_years():
    assert F.explicit_years("With 15+ years of hands-on software engineering expertise")[0] == 15
    assert F.explicit_years("over 10 years of experience in sales")[0] == 10
    assert F.explicit_years("mehr als 8 Jahre Berufserfahrung")[0] == 8
    assert F.explicit_years("Python 5+ yrs") is None  # a skill bar, not a total
    assert F.explicit_years("Posiadam 7 lat doświadczenia w księgowości")[0] == 7
    assert F.explicit_years("Ho 5 anni di esperienza nel settore")[0] == 5
    assert F.explicit_years("Meer dan 10 jaar ervaring")[0] == 10
    assert F.explicit_years("Analist met 7+ jaar werkervaring.")[0] == 7
    assert F.explicit_years("Ponad 7 lat stażu pracy w księgowości")[0] == 7


def test_years_from_ranges_overlaps_merged_and_present_words():
    text = (
        "Experience\nEngineer, A 01/2015 - 12/2017\nEngineer, B Jan 2017 – Dec 2018\n"
        "Lead, C seit 2024\nAdvisor, D 2020 - actualidad\n\nEducation\nBSc 2005 - 2014\n"
    )
    sections = find_sections(text)
    years = F.years_of_experience(text, sections, TODAY)
    # 2015-01..2018-12 = 4.0 years, 2020-01..2026-11 = 6.9 years (seit 2024 inside it);
    # education not counted
    assert years == pytest.approx(10.9, abs=0.1)


@pytest.mark.parametrize(
    "word",
    [
        "present",
        "Present",
        "current",
        "heute",
        "actualidad",
        "atual",
        "aujourd'hui",
        "now",
        "oggi",
        "heden",
        "obecnie",
        "do chwili obecnej",
    ],
)
def test_present_words(word):
    periods = F.find_periods(f"Jan 2020 - {word}", TODAY)
    assert periods and periods[0].end == (2026, 11) and periods[0].ongoing


@pytest.mark.parametrize(
    "printed, start, end",
    [
        ("styczeń 2019 – grudzień 2021", (2019, 1), (2021, 12)),
        ("od marca 2019 do października 2021", (2019, 3), (2021, 10)),
        ("gennaio 2018 – giugno 2020", (2018, 1), (2020, 6)),
        ("maart 2017 tot mei 2019", (2017, 3), (2019, 5)),
    ],
)
def test_month_names_of_polish_italian_and_dutch(printed, start, end):
    [period] = F.find_periods(printed, TODAY)
    assert (period.start, period.end) == (start, end)


def test_a_month_name_inside_a_word_is_not_a_month():
    # "Emag 2019": not "mag" (Italian May) 2019
    [period] = F.find_periods("Emag 2019 – 2021", TODAY)
    assert period.start == (2019, 1)


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("Work Experience", "experience"),
        ("BERUFSERFAHRUNG", "experience"),
        ("Expérience professionnelle", "experience"),
        ("Experiencia laboral", "experience"),
        ("Experiência Profissional", "experience"),
        ("Education", "education"),
        ("Ausbildung", "education"),
        ("Formation", "education"),
        ("Educación", "education"),
        ("Formação Acadêmica", "education"),
        ("Technical Skills:", "skills"),
        ("Kenntnisse", "skills"),
        ("Compétences", "skills"),
        ("Habilidades", "skills"),
        ("Competências", "skills"),
        ("Sprachen", "languages"),
        ("Idiomas", "languages"),
        ("SKILLS & AWARDS", "skills"),
        ("## Projects", "projects"),
        ("Python, Java and Go", None),
        ("Senior Software Engineer", None),
    ],
)
def test_headings_in_five_languages(heading, kind):
    assert heading_kind(heading) == kind


def test_lowercase_prose_line_is_not_a_heading():
    text = "Name Here\nSummary\nprofessional essay\nwriting\nExperience\nX"
    assert [s.heading for s in find_sections(text)] == ["Summary", "Experience"]


def test_education_degree_and_institution():
    text = (
        "Education\nGeorgia Institute of Technology Atlanta, GA\n"
        "Master of Science in Computer Science; GPA: 4.00 Aug 2012 – Dec 2013\n"
        "2015 / 07 - University of Bremen\nB.Sc. Digital Media\n"
    )
    edu = F.find_education(text, find_sections(text))
    assert edu[0] == {
        "degree": "Master of Science in Computer Science",
        "institution": "Georgia Institute of Technology Atlanta",
    }
    assert {"degree": "B.Sc. Digital Media", "institution": "University of Bremen"} in edu


def test_current_title_from_tagline_and_from_latest_entry(parse):
    assert (
        parse("JOHN DOE\nSENIOR SOFTWARE ENGINEER\njohn@example.com\n\nSummary\nx").title
        == "Senior Software Engineer"
    )
    r = parse(
        "Ana Ruiz\nana@example.com\n\nExperience\nIBM Brasil\n"
        "Application Developer (Remoto) 2022 – Presente\n"
    )
    assert r.title == "Application Developer"


def test_location_in_a_contact_line(parse):
    r = parse(
        "John Doe\njohn.doe@email.com , +1 (415) 555-0142 , San Francisco, CA , "
        "github.com/johndoe\n\nSummary\nx"
    )
    assert r.location == "San Francisco, CA"
    r = parse(
        "Jan Küster\n* Bremen, Germany # info@example.com H +49 170 123 456 789\n\nSummary\nx"
    )
    assert r.location == "Bremen, Germany"
    # The code of a state, then the country or the ZIP code.
    for line, place in (("Austin, TX USA", "Austin, TX"), ("Toronto, ON Canada", "Toronto, ON")):
        assert parse(f"John Doe\njohn@example.com\n{line}\n\nSummary\nx").location == place


@pytest.mark.parametrize(
    "line, place",
    [
        # labels in the languages we read
        ("Adres zamieszkania: ul. Długa 5/3, 30-001 Kraków", "ul. Długa 5/3, 30-001 Kraków"),
        ("Проживает: Санкт-Петербург", "Санкт-Петербург"),
        ("Indirizzo di residenza: Via Roma 1, Milano", "Via Roma 1, Milano"),
        ("Woonplaats: Utrecht", "Utrecht"),
        ("Domicilio: Calle Mayor 3, Zaragoza", "Calle Mayor 3, Zaragoza"),
        # postcodes of Poland and Portugal, towns that start with a letter beyond Latin-1
        ("ul. Piotrkowska 12, 90-001 Łódź", "ul. Piotrkowska 12, 90-001 Łódź"),
        ("+48 601 234 567 | 93-005 Łódź", "93-005 Łódź"),
        ("Śrem, Polska", "Śrem, Polska"),
        # a number that may be a year is a postcode after a street, or before a known city
        ("Meir 12, 2000 Antwerpen", "Meir 12, 2000 Antwerpen"),
        # a Dutch postcode's letters are not the town
        ("Kerkstraat 90, 2521 TQ Den Haag", "Kerkstraat 90, 2521 TQ Den Haag"),
        # a labelled street that a narrow sidebar wraps before its number and postcode
        ("Woonplaats: Stationsweg\n199, 3531 ZX Utrecht", "Stationsweg 199, 3531 ZX Utrecht"),
        (
            "Indirizzo: Corso Vittorio\nEmanuele 127, 10137 Torino",
            "Corso Vittorio Emanuele 127, 10137 Torino",
        ),
        # the town on the line after the postcode; a Dutch postcode's letters before the town
        ("Corso Vittorio Emanuele 237, 20147\nMilano", "Corso Vittorio Emanuele 237, 20147 Milano"),
        ("Stationsweg 14, 1015 DB\nAmsterdam, Nederland", "Amsterdam, Nederland"),
        ("+32 470 12 34 56 | 2000 Antwerpen", "2000 Antwerpen"),
        # a street and its number, then the town, without a postcode
        ("Apianstr. 7, Unterföhring", "Apianstr. 7, Unterföhring"),
        ("Via Roma 1, Milano | +39 333 123 4567", "Via Roma 1, Milano"),
        # between spaced dashes, and wrapped after its comma by a narrow header
        ("Leipzig, Germany – Email zoe@example.net – Mob. +49 151 9195 3098", "Leipzig, Germany"),
        ("+48 884 423 040 · www.example.com · Gdansk,\nPoland", "Gdansk, Poland"),
        ("anna@example.pl – 609 272 722 – Warszawa, Polska –\nwww.example.pl", "Warszawa, Polska"),
        # a Brazilian city and its state
        ("Blumenau / SC", "Blumenau / SC"),
        ("São Paulo - SP | +55 11 91234-5678", "São Paulo - SP"),
    ],
)
def test_where_they_live_in_more_languages_and_postcodes(line, place, parse):
    r = parse(f"Anna Nowak\nanna@example.pl\n{line}\n\nDoświadczenie zawodowe\nx")
    assert r.location == place


@pytest.mark.parametrize(
    "line",
    [
        "2019 Firma GmbH",  # a year and a firm
        "E-mail adres: jan@example.nl",  # an address label that names the e-mail
        "Doświadczenie w branży, Polska",  # small Polish letters are no town's capital
        "Engenheiro de Software - SP",  # a role before a state
        "Front-end / PR reviews",
        "Python 3, Django",
        "AutoCAD, MS Office, prawo jazdy kat. B",  # a state's code that starts a word
        "Last updated December 31, 2024\nName of the program",  # a date, then a line
        "Corporate Finance, PA Consulting Group",
    ],
)
def test_what_is_not_where_they_live(line, parse):
    r = parse(f"Anna Nowak\nanna@example.de\n{line}\n\nBerufserfahrung\nx")
    assert r.location is None


def test_date_ranges_beside_commas_brackets_and_bullets_and_across_lines():
    from datetime import date

    from parsing.fields import find_periods

    text = (
        "Acme GmbH (Jan 2019 – Mar 2021), Berlin; Beta|05.2021 - heute\n"
        "• Led a team of 4, no dates here, none at all: just prose\n"
        "Gamma: 2015\n–\n2017 • seit 2012"
    )
    found = [
        (p.start, p.end, text[p.offset : p.offset + 8])
        for p in find_periods(text, date(2024, 6, 1))
    ]
    assert found == [
        ((2019, 1), (2021, 3), "Jan 2019"),
        ((2021, 5), (2024, 6), "05.2021 "),
        ((2015, 1), (2017, 12), "2015\n–\n2"),
        ((2012, 1), (2024, 6), "seit 201"),
    ]


def test_where_they_live_under_a_contact_heading(parse):
    # The demo's layout: the name, a title, then "CONTACT DETAILS" holding the address.
    r = parse(
        "Thomas Taylor\nSenior Software Engineer\nCONTACT DETAILS\n"
        "Address: 187 Pine St, Los Angeles, CA 90088\nEmail thomas_taylor@example.com\n"
        "SKILLS\nMongoDB\n"
    )
    assert r.location == "187 Pine St, Los Angeles, CA 90088"
    r = parse("Anna Nowak\nanna@example.pl\n\nDane osobowe\nData urodzenia: 1990\nAdres: Łódź\n")
    assert r.location == "Łódź"


def test_where_they_live_on_a_contact_row_read_after_the_sidebar(parse):
    # A banner's second row of contact items ("+48 … · Wrocław, Polska") read after the
    # sidebar's sections: the line with their number tells where they live.
    skills = "\n".join(("Excel", "SAP FI", "Płatnik", "Symfonia", "Optima", "Enova") * 2)
    r = parse(
        f"Anna Nowak\nKsięgowa\n\nUmiejętności\n{skills}\n\nJęzyki obce\nAngielski: dobry\n"
        "+48 714 395 861 · Wrocław, Polska\n\nDoświadczenie zawodowe\nKsięgowa, Firma\n"
    )
    assert r.location == "Wrocław, Polska"
    # An employer's number and town under Experience are the employer's.
    r = parse(
        "Anna Nowak\n\nDoświadczenie zawodowe\nFirma X, Kraków, Polska, tel. +48 12 345 67 89\n"
    )
    assert r.location is None


def test_two_numbers_on_a_contact_line_between_spaced_dashes(parse):
    # A mobile and a landline in one row of contact items: both are theirs.
    r = parse(
        "Giulia Romano\ngiulia.romano@example.org – 379 450 4152 – 02 2458 0559 – Milano, "
        "Italia\n\nEsperienza professionale\nx\n"
    )
    assert r.phones == ["+393794504152", "+390224580559"]


def test_a_number_alone_on_its_line_in_a_block_of_contact_details(parse):
    # A label column read before the body leaves the contact block under its last heading:
    # the number below the address is still theirs.
    r = parse(
        "INFORMAZIONI PERSONALI\nCHI SONO\nESPERIENZA\nPROFESSIONALE\nISTRUZIONE\nPROGETTI\n"
        "CERTIFICAZIONI\nREFERENZE\nINTERESSI\nCOMPETENZE\nLINGUE\n\n"
        "RICCARDO MARINO\nRoma, Italia\nrmarino@example.it\n06 7315 6339\n"
        "linkedin.com/in/riccardo-marino\nInfermiere di terapia intensiva.\n"
    )
    assert r.phones == ["+390673156339"]


def test_a_number_alone_on_its_line_below_a_sidebars_sections(parse):
    # A banner's second row of contact items read after the sidebar: the number alone on its
    # line (an icon's glyph before it) is theirs; the address on a line is theirs too.
    languages = "\n".join(["Nederlands (moedertaal)", "Engels (B2)"] * 5)
    r = parse(
        "FEMKE VAN DEN BERG\nONDERHOUDSLEIDER\nn femke@example.nl\nn Rotterdam, Nederland\n"
        f"TALENKENNIS\n{languages}\n\nn 06 51250521\n\nSAMENVATTING\nx\n"
    )
    assert r.phones == ["+31651250521"]
    r = parse(
        "ALESSIA GRECO\nDEVOPS ENGINEER\nn alessia@example.it\nCOMPETENZE\n"
        f"{languages}\nn 387 422 6501 n Via Roma 70, 10157 Torino, Italia\nSOMMARIO\nx\n"
    )
    assert r.phones == ["+393874226501"]
