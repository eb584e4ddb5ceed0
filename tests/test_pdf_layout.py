"""Reading order of PDFs: a two-column resume reads sidebar and main column whole."""

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsing.pdf import extract_pdf
from parsing.text import clean_text

SIDEBAR = [
    "CONTACT",
    "ana@example.com",
    "+49 30 1234567",
    "SKILLS",
    "Python",
    "PostgreSQL",
    "Docker",
    "Kubernetes",
    "LANGUAGES",
    "German (native)",
    "English (C1)",
]
MAIN = [
    ("EXPERIENCE", 14),
    ("Senior Backend Engineer, Parcel GmbH", 11),
    ("Jan 2020 – Present", 9),
    ("• Built the routing service in Python for 40 depots", 10),
    ("• Moved billing from MySQL to PostgreSQL without downtime", 10),
    ("• Mentored four junior engineers through their first year", 10),
    ("Backend Engineer, Lagerhaus AG", 11),
    ("Mar 2016 – Dec 2019", 9),
    ("• Wrote the stock reconciliation jobs and their alerting", 10),
    ("• Cut nightly batch time from three hours to forty minutes", 10),
    ("EDUCATION", 14),
    ("M.Sc. Computer Science, TU Berlin", 11),
]


def two_column_pdf(link: str | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Helvetica-Bold", 22)
    c.drawString(40, height - 60, "Ana Weber")
    y = height - 110
    for line in SIDEBAR:  # left sidebar, 40..170
        c.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 9)
        c.drawString(40, y, line)
        y -= 16
    y = height - 110
    for text, size in MAIN:  # main column, 210..560, a different line rhythm
        c.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", size)
        c.drawString(210, y, text)
        y -= size + 9
    if link:
        c.setFont("Helvetica", 9)
        c.drawString(40, 60, "LinkedIn")
        c.linkURL(link, (38, 55, 90, 70), relative=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_sidebar_is_not_spliced_into_job_entries():
    result = extract_pdf(two_column_pdf())
    text = clean_text(result.raw)
    assert result.two_column_pages == 1
    # reportlab's bullet glyph comes out as (cid:127), which clean-up removes.
    lines = [ln for ln in text.split("\n") if ln.strip()]
    expected = [t.lstrip("• ") for t, _ in MAIN]
    start = lines.index(expected[0])
    # The main column's lines come one after another, with nothing from the sidebar between.
    assert lines[start : start + len(MAIN)] == expected
    side_start = lines.index("CONTACT")
    assert lines[side_start : side_start + len(SIDEBAR)] == SIDEBAR
    assert lines[0] == "Ana Weber"


def test_hidden_link_target_behind_a_word(parse):
    result = parse(two_column_pdf(link="https://www.linkedin.com/in/ana-weber"), "ana.pdf")
    assert result.outcome == "ok"
    assert "https://www.linkedin.com/in/ana-weber" in result.links
    assert result.name == "Ana Weber"
    assert result.years_experience == 10.8  # Mar 2016 – Nov 2026, no overlap


def test_one_column_with_right_aligned_dates_keeps_rows_together():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    y = height - 60
    c.setFont("Helvetica", 10)
    for i in range(6):
        c.drawString(50, y, f"Engineer at Company {i}")
        c.drawRightString(545, y, f"Jan {2010 + i} – Dec {2010 + i}")
        y -= 14
        c.drawString(
            50, y, "• Built things that mattered to the people who used them every single day"
        )
        y -= 20
    c.showPage()
    c.save()
    text = clean_text(extract_pdf(buf.getvalue()).raw)
    assert "Engineer at Company 0 Jan 2010 – Dec 2010" in text
    assert "Engineer at Company 5 Jan 2015 – Dec 2015" in text


def test_gutter_crossings_count_what_the_definition_says():
    """The sweep that finds a column gutter counts, at every x, the lines that start left of
    x - 1 and end right of x + 1: the same count as asking each line, also at whole-number
    edges, for lines narrower than the margin and for lines outside the page."""
    import random

    from parsing.pdf import Line, _crossings

    rng = random.Random(22)
    for _ in range(500):
        width = rng.choice([100.0, 595.28, 612.0])
        lines = []
        for _ in range(rng.randint(0, 30)):
            x0 = rng.choice(
                [
                    rng.uniform(-10, width + 10),
                    float(rng.randint(0, int(width))),
                    rng.randint(0, 60),
                ]
            )
            x1 = x0 + rng.choice([0.0, 1.0, 2.0, 2.5, rng.uniform(0, width)])
            lines.append(Line(x0, 0.0, x1, 10.0, "x"))
        xs = range(int(width * 0.18), int(width * 0.82), 2)
        asked = [sum(1 for ln in lines if ln.x0 < x - 1 and ln.x1 > x + 1) for x in xs]
        assert _crossings(lines, xs) == asked


def test_letters_spaced_with_typed_spaces_close_up_into_words():
    # Spaces typed between the letters ("J O H A N N A   S C H M I D T") space the letters;
    # only the wider gaps between the words part them.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(60, 780, "J O H A N N A   S C H M I D T")
    c.setFont("Helvetica", 10)
    c.drawString(60, 755, "Backend engineer, Berlin")
    c.showPage()
    c.save()
    extracted = extract_pdf(buf.getvalue())
    first = extracted.lines[0]
    assert first.text == "JOHANNA SCHMIDT" and first.spaced


def test_a_picture_saved_as_touching_strips_counts_as_one():
    from parsing.pdf import _head_picture

    width, height = 595.0, 842.0
    whole = [(190.0, 92.0, 570.0, 652.0)]  # a column-sized picture at the top of the page
    strips = [(190.0 + 23.75 * i, 92.0, 190.0 + 23.75 * (i + 1), 652.0) for i in range(16)]
    assert _head_picture(strips, width, height) == pytest.approx(
        _head_picture(whole, width, height)
    )
    assert _head_picture(whole, width, height) > 0.4
    headshot = [(450.0, 650.0, 550.0, 780.0)]  # square and small: a photo, not text
    assert _head_picture(headshot, width, height) == 0.0
    banner = [(40.0, 760.0, 555.0, 820.0)]  # wide: a name or a header set as an image
    assert _head_picture(banner, width, height) > 0.05
    low = [(40.0, 40.0, 555.0, 300.0)]  # at the foot of the page: not where a name is
    assert _head_picture(low, width, height) == 0.0
