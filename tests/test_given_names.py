"""Given names we know (resources/given_names.txt) and surnames (resources/surnames.txt).

A line of two capitalised words where a name goes is name-shaped whatever it says: "Think
Different" over an address that spells nobody reads like "Anna Nowak" over one. When no
given name we know is in it and nothing else vouches for it, the person's pane and
``shortlist person show`` say "check this". A name printed surname first without capitals or
a label ("Wójcik Karolina") greets the person by the given name, and finds their duplicates.
Driven through the command line, as a recruiter would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from parsing.names import find_name
from review import people as P
from tests.test_corrections import run
from tests.worlds import make_people

BODY = (
    "\n{email}\n+48 600 100 200\n\nExperience\n2019 – 2023 Backend developer, Python at Allegro\n"
)


def show(tmp_path: Path, db, person_id: int) -> str:
    done = run(tmp_path, db, "person", "show", str(person_id))
    assert done.returncode == 0, done.stderr
    return done.stdout


def preview_invite(person: str, job_id: int, db, capsys) -> tuple[int, str]:
    """``shortlist invite PERSON … --preview``: its exit code and the message it shows."""
    args = ["invite", person, "--job", str(job_id), "--at", "2030-03-05 09:00"]
    code = main([*args, "--where", "Room 4", "--preview", "--db", str(db)])
    return code, capsys.readouterr().out


def test_a_slogan_where_the_name_goes_is_marked_for_a_look(tmp_path, monkeypatch):
    resumes = {
        "slogan.txt": "Think Different" + BODY.format(email="kontakt.praca@example.com"),
        "anna.txt": "Anna Nowak" + BODY.format(email="kontakt.praca@example.com"),
        "spelt.txt": "Oma Wuckert" + BODY.format(email="oma.wuckert@example.com"),
    }
    store, _job, ids, _settings = make_people(tmp_path, monkeypatch, resumes)
    slogan = show(tmp_path, store.path, ids["slogan.txt"])
    assert "Think Different" in slogan
    assert "check this: no given name we know, and the e-mail address does not spell it" in slogan
    # A given name we know, or an address that spells a name we do not know, vouches for it.
    for file in ("anna.txt", "spelt.txt"):
        row = P.person(store, ids[file])
        assert row["confidence"]["name"] >= 0.7 and "name" not in row["doubts"], file
        assert "check this" not in show(tmp_path, store.path, ids[file])


@pytest.mark.parametrize(
    ("printed", "greeting"),
    [
        ("Wójcik Karolina", "Karolina"),  # a Polish surname by its ending
        ("Nagy Péter", "Péter"),  # a Hungarian surname we know
        ("Kowalska Anna Maria", "Anna"),  # both given names after the surname
        ("Nguyen Thi Lan", "Lan"),  # a Vietnamese middle name is not what greets
        ("Pham Duc Huy", "Huy"),  # nor the first of two given names: the last one is used
        ("Elisse Jean-Pierre", "Elisse"),  # an unknown given name before one we know: as printed
        ("Anna Nowak", "Anna"),
    ],
)
def test_a_name_printed_surname_first_greets_by_the_given_name(
    printed, greeting, tmp_path, monkeypatch, capsys
):
    email = "kandydat@example.com"
    store, job_id, ids, _settings = make_people(
        tmp_path, monkeypatch, {"cv.txt": printed + BODY.format(email=email)}
    )
    row = P.person(store, ids["cv.txt"])
    assert row["name"] == printed  # the name stays as printed
    code, out = preview_invite(printed, job_id, store.path, capsys)
    assert code == 0
    assert f"\nHi {greeting}," in out


def test_the_same_person_printed_both_ways_is_one_duplicate(tmp_path, monkeypatch):
    # No e-mail address or number in common: the name, in either order, and their profile.
    link = "\nlinkedin.com/in/karolina-wojcik-42"
    resumes = {
        "a.txt": "Karolina Wójcik" + link + BODY.format(email="k.wojcik@example.pl"),
        "b.txt": "Wójcik Karolina"
        + link
        + BODY.format(email="karolina.w@example.com").replace("600 100 200", "601 234 567"),
    }
    store, _job, ids, _settings = make_people(tmp_path, monkeypatch, resumes)
    assert [d["other"] for d in P.duplicates(store, ids["b.txt"])] == [ids["a.txt"]]


def test_a_surname_that_is_also_a_given_name_does_not_turn_the_name_round():
    # "Maximo" is no given name we know, "Graham" is one: nothing says Graham is given.
    found = find_name(["Maximo Graham", "mg@example.com", "", "Experience", "Firma"])
    assert found is not None and found.value == "Maximo Graham" and found.given == ""


@pytest.mark.parametrize(
    ("line", "name", "given"),
    [
        ("Weber, Thomas", "Weber Thomas", "Thomas"),  # a German form's order
        ("Bakker, Pieter Jan", "Bakker Pieter Jan", "Pieter Jan"),
        ("SÁNCHEZ PÉREZ, Carlos", "Sánchez Pérez Carlos", "Carlos"),  # read whole, not flagged
    ],
)
def test_a_surname_a_comma_and_given_names_we_know_are_one_name(line, name, given, parse):
    result = parse(f"LEBENSLAUF\n\n{line}\nkontakt@example.com\n\nBerufserfahrung\nFirma\n")
    assert result.name == name and result.given_name == given
    assert result.confidence["name"] >= 0.7


@pytest.mark.parametrize("line", ["HANS MÜLLER, Wolfsburg", "Anna Nowak, Kraków"])
def test_a_town_after_the_comma_is_no_given_name(line, parse):
    result = parse(f"{line}\nkontakt@example.com\n\nBerufserfahrung\nFirma\n")
    assert result.name in ("Hans Müller", "Anna Nowak") and result.given_name == ""
