"""Evidence quotes cut at word or sentence boundaries; no street address in a manager's headline."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from review.excerpts import excerpt, looks_like_address, place_for_headline
from tests.conftest import CORPUS

LINE = (
    "Platform team. Reduced p95 checkout latency from 800ms to 120ms by tuning PostgreSQL queries. "
    "Then led "
    "a migration of all services to Kubernetes with zero downtime across three regions and wrote "
    "the on-call runbooks that the team still uses today."
)


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[\w.+#-]+", text))


@pytest.mark.parametrize("needle", ["PostgreSQL", "Kubernetes", "runbooks", "p95", "Platform"])
@pytest.mark.parametrize("width", [140, 80, 60, 40, 25])
def test_a_quote_never_breaks_a_word(needle, width):
    at = LINE.index(needle)
    quote = excerpt(LINE, at, at + len(needle), width)
    assert needle in quote
    whole = _words_of(LINE)
    for word in _words_of(quote.replace("…", " ")):
        assert word in whole or word.rstrip(".") in whole, (word, quote)
    assert len(quote) <= max(width + 2, len(needle) + 2)
    # An ellipsis marks each side where words were left out.
    inner = quote.strip("…")
    assert quote.startswith("…") == (not LINE.startswith(inner) and not _starts_sentence(inner))
    assert quote.endswith("…") == (not inner.endswith((".", "!", "?")) and not LINE.endswith(inner))


def _starts_sentence(piece: str) -> bool:
    at = LINE.find(piece)
    return at == 0 or LINE[:at].rstrip().endswith((".", "!", "?"))


def test_the_sentence_that_holds_the_evidence_when_it_fits():
    at = LINE.index("PostgreSQL")
    assert (
        excerpt(LINE, at, at + 10)
        == "Reduced p95 checkout latency from 800ms to 120ms by tuning PostgreSQL queries."
    )
    assert (
        excerpt(LINE, at, at + 10, 60)
        == "…latency from 800ms to 120ms by tuning PostgreSQL queries."
    )
    # A short line comes whole, without its bullet.
    text = "Skills\n• Python, Docker and PostgreSQL\n"
    at = text.index("Docker")
    assert excerpt(text, at, at + 6) == "Python, Docker and PostgreSQL"


@pytest.mark.parametrize(
    ("location", "headline"),
    [
        ("Hauptstraße 12, 10115 Berlin", "Berlin"),
        ("Apianstr. 7, Unterföhring", "Unterföhring"),
        ("12 Rue de Rivoli, 75001 Paris", "Paris"),
        ("Calle Mayor 5, 28013 Madrid", "Madrid"),
        ("Rua Augusta, 123, 1100-048 Lisboa", "Lisboa"),
        ("Av. Paulista, 1000 - São Paulo, SP, 01310-100", "São Paulo, SP"),
        ("Flat 2, 10 Downing Street, London SW1A 2AA", "London"),
        ("1600 Amphitheatre Parkway, Mountain View, CA 94043", "Mountain View, CA"),
        ("Musterweg 3a, 8001 Zürich, Schweiz", "Zürich, Schweiz"),
        ("Example St. 1, 12345 Somewhere", "Somewhere"),
        ("Room 12, 11/F, Sun Building, 12 Chak Street, Shatin, Hong Kong", "Shatin, Hong Kong"),
        ("San Francisco, CA 94107", "San Francisco, CA"),
        ("Sunnyvale, CA", "Sunnyvale, CA"),
        ("Portland, Oregon", "Portland, Oregon"),
        ("Mapo-gu, Seoul, Republic of Korea", "Seoul, Republic of Korea"),
        ("Berlin", "Berlin"),
        ("Almenara (Castellón), CP: 12590", "Almenara (Castellón)"),
        ("Musterstraße 5", None),
    ],
)
def test_place_for_headline(location, headline):
    assert place_for_headline(location) == headline


def test_titles_that_are_addresses():
    assert looks_like_address("Hauptstraße 12, 10115 Berlin") and looks_like_address(
        "12 Rue de Rivoli"
    )
    assert not looks_like_address("Data Analyst 2") and not looks_like_address(
        "Senior Backend Engineer"
    )


_HOUSE = re.compile(
    r"(?i)\b\d{1,3}[a-z]?\b|stra(?:ss|ß)e|str\.|\bstreet\b|\brue\b|\bcalle\b|\brua\b|\bvia\b|\bapt\b"
)


def test_no_street_address_from_the_real_resumes_reaches_a_headline():
    """Every location labelled in the corpus's real resumes, made into a headline."""
    locations = []
    for name in ("labels.json", "labels2.json"):
        labels = json.loads((CORPUS / name).read_text(encoding="utf-8"))
        items = labels.values() if isinstance(labels, dict) else labels
        locations += [
            item["location"] for item in items if isinstance(item, dict) and item.get("location")
        ]
    assert len(locations) >= 20
    with_street = [loc for loc in locations if _HOUSE.search(loc)]
    assert len(with_street) >= 8  # the corpus has real addresses to strip
    for location in locations:
        headline = place_for_headline(location)
        assert headline is None or not _HOUSE.search(headline), (location, headline)
        assert headline is None or not re.search(r"\d{4,}", headline), (location, headline)


def test_an_export_headline_keeps_the_town_and_the_quote_whole_words(tmp_path, monkeypatch):
    """Through the export: a resume whose header is a street address, and a long evidence line."""
    from review.exports import build_shortlist, to_csv, to_html
    from review.jobs import resolve_job
    from review.workflow import application_for, set_status
    from tests.worlds import make_people

    resume = (
        "Lena Vogt\nHauptstraße 12, 10115 Berlin\nlena.vogt@example.org\n\nExperience\n"
        "Backend Engineer, Kontor 2019 - Present\n"
        + LINE
        + "\n\nSkills\nPython, PostgreSQL, Kubernetes\n"
    )
    store, job_id, ids, _settings = make_people(tmp_path, monkeypatch, {"lena.txt": resume})
    person = ids["lena.txt"]
    assert "Hauptstraße" in (
        store.scalar("SELECT location FROM people WHERE id = ?", (person,)) or ""
    )
    set_status(store, application_for(store, person, job_id)["id"], "shortlisted", "Robin")
    shortlist = build_shortlist(store, resolve_job(store, job_id), reviewer="Robin")
    out = shortlist.people[0]
    assert (
        "Hauptstraße" not in out.headline
        and "10115" not in out.headline
        and out.headline.endswith("Berlin")
    )
    quotes = [q for part in out.parts for q in part.quotes]
    assert quotes
    for quote in quotes:
        first = quote.lstrip("…").split()[0]
        assert first in LINE.split() or first in resume.split(), quote  # a whole word, not "ms"
    html = to_html(shortlist)
    assert "Hauptstraße 12, 10115 Berlin · " not in html
    row = next(csv.DictReader(io.StringIO(to_csv(shortlist))))
    assert "Hauptstraße" not in row["headline"]
    store.close()
