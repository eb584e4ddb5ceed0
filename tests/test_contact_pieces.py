"""E-mail addresses a page prints in pieces, and labels glued to them.

Browsers break a word too long for a narrow column anywhere (CSS
``overflow-wrap``), so a sidebar prints ``maximilian.musterm`` over
``ann@gmail.com``; two elements set without a space print ``E-Mailanna@web.de``.
Read naively, each gives a wrong address (a false positive) and loses the right
one. Each test draws the case and checks what a recruiter would see.
"""

from __future__ import annotations

import pytest

from parsing.contacts import PIECES, WRAPPED, find_emails, rejoin_wrapped
from parsing.layout import Layout, Line
from tests.test_reading_people import MAIN, _pdf, _text


def browser_sidebar_pdf(contact: list[str], link: str | None = None) -> bytes:
    """A narrow sidebar (contact lines first, the widest reaching its edge), the name large in
    the main column; ``link`` a mailto: target over the first two contact lines."""

    def draw(c, width, height):
        y = height - 60
        _text(c, 40, y, "KONTAKT", 11, "Helvetica-Bold")
        y -= 16
        for item in [*contact, "Berlin", "Deutsch", "Englisch"]:
            _text(c, 40, y, item, 9)
            y -= 13
        if link:
            c.linkURL(link, (38, height - 92, 140, height - 66), relative=0)
        _text(c, 210, height - 60, "Maximilian Mustermann", 24, "Helvetica-Bold")
        _text(c, 210, height - 90, "BERUFSERFAHRUNG", 11, "Helvetica-Bold")
        y = height - 106
        for line in MAIN * 2:
            _text(c, 210, y, line, 9)
            y -= 13

    return _pdf(draw)


def test_an_address_broken_inside_its_local_part_is_joined(parse):
    result = parse(
        browser_sidebar_pdf(["maximilian.musterm", "ann@gmail.com", "+49 170 1234567"]), "cv.pdf"
    )
    assert result.emails == ["maximilian.mustermann@gmail.com"]  # not "ann@gmail.com" as well
    assert result.name == "Maximilian Mustermann"
    assert result.confidence["emails"] < 0.8  # joined from two lines: worth a look


def test_a_mailto_link_over_the_pieces_joins_them_without_the_page_edge(parse):
    # The start is not the sidebar's widest line, so only the link can tell.
    pdf = browser_sidebar_pdf(
        ["max.m", "ustermann@gmail.com", "+49 170 1234567 (mobil)"],
        link="mailto:max.mustermann@gmail.com",
    )
    assert parse(pdf, "cv.pdf").emails == ["max.mustermann@gmail.com"]


def _lines(*rows: tuple[str, bool], geometry: bool = True) -> list[str]:
    layout = Layout(
        [
            Line(text, top=0.1 + n * 0.02, size=10, column=1, wraps=w)
            for n, (text, w) in enumerate(rows)
        ],
        10.0,
        geometry,
    )
    return [line.text for line in rejoin_wrapped(layout).lines]


def test_only_a_fragment_alone_at_the_column_edge_starts_an_address():
    assert _lines(("anna.kowal", True), ("ska@wp.pl", False)) == ["anna.kowalska@wp.pl"]
    assert _lines(("✉ anna.kowal", True), ("ska@wp.pl", False)) == ["✉ anna.kowalska@wp.pl"]
    assert _lines(("E-Mail: anna.kowal", True), ("ska@wp.pl", False)) == [
        "E-Mail: anna.kowalska@wp.pl"
    ]
    # A sentence that ends before an address, a label, a heading: left alone.
    for head in ("please write to", "E-Mail", "KONTAKTDATEN", "Braunschweig", "+4915123456789"):
        assert _lines((head, True), ("ann@gmail.com", False)) == [head, "ann@gmail.com"]
    # Short of the edge, or without a page to look at: no evidence of a break.
    assert _lines(("anna.kowal", False), ("ska@wp.pl", False)) == ["anna.kowal", "ska@wp.pl"]
    assert _lines(("anna.kowal", True), ("ska@wp.pl", False), geometry=False) == [
        "anna.kowal",
        "ska@wp.pl",
    ]


def test_a_line_that_stops_inside_the_top_level_domain_is_continued():
    assert _lines(("jonas@t-online.d", True), ("e", False)) == ["jonas@t-online.de"]
    assert _lines(("jonas@t-online.de", True), ("und mehr", False)) == [
        "jonas@t-online.de",
        "und mehr",
    ]


def test_spaces_between_glyph_runs_are_closed_by_the_link_target():
    found = find_emails(
        "KONTAKT\nmaximilian.muster mann@gmail.com\n+49 170 1234567",
        [],
        ["mailto:maximilian.mustermann@gmail.com"],
    )
    assert [(f.value, f.why) for f in found] == [("maximilian.mustermann@gmail.com", PIECES)]
    # A link to another address does not stretch the printed one.
    other = find_emails("anna mann@gmail.com", [], ["mailto:hr.mann@gmail.com"])
    assert [f.value for f in other] == ["mann@gmail.com"]


def test_a_label_glued_to_the_address_is_not_part_of_it():
    def values(text: str, mailto: list[str] = ()) -> list[str]:
        return [f.value for f in find_emails(text, [], list(mailto))]

    assert values("E-Mailanna@web.de") == ["anna@web.de"]
    assert values("EMAILjan.kowalski@wp.pl") == ["jan.kowalski@wp.pl"]
    assert values("Emailanna@web.de") == ["anna@web.de"]
    assert values("E-\nMailanna@web.de") == ["anna@web.de"]  # the label broken at its hyphen
    assert values("Mailaender@web.de") == ["Mailaender@web.de"]  # a surname, not a label
    assert values("E-Mailme@x.de", ["mailto:E-Mailme@x.de"]) == ["E-Mailme@x.de"]


def test_the_reason_to_check_a_joined_address_is_given():
    layout = Layout(
        [
            Line("anna.kowal", top=0.1, size=10, column=1, wraps=True),
            Line("ska@wp.pl", top=0.12, size=10, column=1),
        ],
        10.0,
        True,
    )
    joined = rejoin_wrapped(layout)
    text = "\n".join(line.text for line in joined.lines)
    assert [(f.value, f.why) for f in find_emails(text, [], [], joined)] == [
        ("anna.kowalska@wp.pl", WRAPPED)
    ]


def test_addresses_spaced_apart_or_written_to_fool_robots():
    def values(text: str) -> list[str]:
        return [f.value for f in find_emails(text, [], [])]

    # The text layer put a space around the @ or a dot (a glyph from another font).
    for printed in ("max @ web.de", "max@ web.de", "max @web.de", "max@web. de", "max@web .de"):
        assert values(f"E-Mail: {printed}") == ["max@web.de"], printed
    assert values("Max.Muster @ web.de") == ["Max.Muster@web.de"]
    # Marks in the languages we read.
    assert values("jan.kowalski(małpa)wp.pl") == ["jan.kowalski@wp.pl"]
    assert values("max{at}web{punkt}de") == ["max@web.de"]
    assert values("ana [arroba] correo [punto] es") == ["ana@correo.es"]
    # Not addresses: a job at a company, a sentence after an address, plain words.
    assert values("Developer @ acme.com") == []
    assert values("schreiben Sie an info@firma. die Firma antwortet") == []
    assert values("max.mustermann@web.de. Skills: Python") == ["max.mustermann@web.de"]
    assert values("I work at home dot com") == []


def test_a_domain_with_letters_beyond_ascii_is_an_address():
    found = find_emails("Kontakt: max@müller-bau.de · x@a_b.com", [], [])
    assert [f.value for f in found] == ["max@müller-bau.de"]  # no "_" in a domain


def test_an_address_broken_over_three_lines_is_joined_whole():
    rows = (("konstantin.alexander.", True), ("oberhauser-schmidt@out", True), ("look.de", False))
    assert _lines(*rows) == ["konstantin.alexander.oberhauser-schmidt@outlook.de"]


def test_a_line_of_only_the_end_of_a_top_level_domain_completes_it():
    assert _lines(("anais@example.co", True), ("m", False)) == ["anais@example.com"]
    # ".co" is a domain of its own: without the page's edge, or before a word, it stays.
    assert _lines(("anais@example.co", False), ("m", False)) == ["anais@example.co", "m"]
    assert _lines(("anais@example.co", True), ("Mehr", False)) == ["anais@example.co", "Mehr"]


def test_a_line_that_stops_inside_a_label_of_the_domain_is_continued():
    rows = (("magdalenakowalczyk@mail.exa", True), ("mple.com", False))
    assert _lines(*rows) == ["magdalenakowalczyk@mail.example.com"]
    # A whole address (a top-level domain people use) at the edge, a site on the next line.
    rows = (("anna@example.de", True), ("github.io", False))
    assert _lines(*rows) == ["anna@example.de", "github.io"]
    # Without the page's edge nothing says the line was cut.
    rows = (("anna@mail.exa", False), ("mple.com", False))
    assert _lines(*rows) == ["anna@mail.exa", "mple.com"]


def test_a_link_behind_a_word_is_theirs_only_when_nothing_of_theirs_is_printed(parse):
    def draw(c, width, height):
        _text(c, 50, height - 60, "Sophie Brandt", 22, "Helvetica-Bold")
        _text(c, 50, height - 90, "sophie.brandt@posteo.de", 10)
        _text(c, 50, height - 104, "Website und Kontakt", 10)
        c.linkURL(
            "mailto:hallo@vorlagen-studio.de", (48, height - 108, 200, height - 94), relative=0
        )
        y = height - 130
        for line in ["Berufserfahrung", *MAIN]:
            _text(c, 50, y, line, 10)
            y -= 14

    assert parse(_pdf(draw), "cv.pdf").emails == ["sophie.brandt@posteo.de"]

    def word_only(c, width, height):
        _text(c, 50, height - 60, "Sophie Brandt", 22, "Helvetica-Bold")
        _text(c, 50, height - 90, "E-Mail schreiben", 10)
        c.linkURL("mailto:sophie.brandt@posteo.de", (48, height - 94, 200, height - 80), relative=0)
        y = height - 130
        for line in ["Berufserfahrung", *MAIN]:
            _text(c, 50, y, line, 10)
            y -= 14

    assert parse(_pdf(word_only), "cv.pdf").emails == ["sophie.brandt@posteo.de"]


@pytest.mark.parametrize(
    ("line", "place", "e164"),
    [
        ("+48 (0) 601 234 567", "Kraków, Polska", "+48601234567"),
        ("+39 (0) 333 123 4567", "Milano, Italia", "+393331234567"),
        ("Móvil: 612 34 56 78", "Madrid, España", "+34612345678"),
        ("Mobil: 0664 1234567", "Wien, Österreich", "+436641234567"),
    ],
)
def test_phones_with_a_habitual_trunk_zero_or_a_country_written_with_its_letters(
    line, place, e164, parse
):
    # The "(0)" after a country code is never dialled; "España" and "Österreich" name the
    # country whose national numbers the header prints (they were looked up unfolded).
    text = (
        f"Anna Nowak\n{place}\n{line}\nanna.nowak@example.com\n\nEXPERIENCE\n"
        "2019 - 2023 Analyst, ACME\n2015 – 2019 Clerk, Beta\n"
    )
    assert parse(text).phones == [e164]


@pytest.mark.parametrize(
    ("line", "links"),
    [
        ("Web: annanowak.design", ["https://annanowak.design"]),
        ("Strona www: kowalski.photography", ["https://kowalski.photography"]),
        ("LinkedIn: /in/anna-nowak", ["https://www.linkedin.com/in/anna-nowak"]),
        ("Blog: medium.com/@annanowak", ["https://medium.com/@annanowak"]),
        ("Portfolio: works.pdf", []),
        ("Web: Python, SQL", []),
    ],
)
def test_sites_after_a_label_with_any_top_level_domain(line, links, parse):
    # A label says a site follows: new top-level domains count there, a file's name does not,
    # and a path with "@" (medium.com/@name) stays whole instead of leaving a bare domain.
    text = (
        f"Anna Nowak\n{line}\nanna.nowak@example.com | +48 601 234 567\n\nEXPERIENCE\n"
        "2019 - 2023 Analyst, ACME Corp.\nWorked on reporting.\n"
    )
    assert parse(text).links == links


def test_a_pictures_name_and_an_ssh_remote_are_not_addresses(parse):
    text = (
        "Anna Nowak\nanna.nowak@gmail.com | +48 601 234 567\n\nEXPERIENCE\n"
        "2019 - 2023 Analyst, ACME Corp.\nPushed to git@github.com:acme/reports.git; drew "
        "logo@2x.png and icon@3x.svg for the app.\nE-mail: anna.nowak@gmail.com: preferred\n"
    )
    assert parse(text).emails == ["anna.nowak@gmail.com"]
