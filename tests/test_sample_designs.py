"""The generator's office and design-site layouts: each is drawn, deterministic, and told truly."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app.samples import make_people, write_batch
from app.samples.designs import DESIGNS, design_for, printed_name
from app.samples.render.designs import render_design
from parsing.layout import assemble
from parsing.pdf import extract_pdf


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_batch(tmp_path_factory.mktemp("designs"), 18, seed=21, formats={"pdf_designs": 1})


def _truth(path: Path) -> dict:
    return json.loads(path.with_name(path.name + ".truth.json").read_text(encoding="utf-8"))


def test_every_design_is_drawn_and_named_in_the_truth(batch):
    truths = [_truth(p) for p in batch]
    assert Counter(t["design"] for t in truths) == dict.fromkeys(DESIGNS, 3)
    for t in truths:
        assert t["producer"] == "designs" and t["format"] == "pdf"
        two = t["design"] in ("sidebar_left", "sidebar_right", "sidebar_name", "banner")
        assert t["layout"] == ("two_column" if two else "one_column")


def test_the_truth_holds_the_name_as_printed_and_the_page_shows_it(batch):
    for path in batch:
        truth = _truth(path)
        pdf = extract_pdf(path.read_bytes())
        text, _ = assemble(pdf.lines, pdf.body_size, True)
        folded = " ".join(text.casefold().split())
        # Two-line names print given name and surname apart; each part is on the page.
        for part in truth["name"].split():
            assert part.casefold() in folded, (path.name, truth["name_form"], part)
        for email in truth["emails"]:
            # Narrow columns may wrap an address; its parts are all there.
            assert email.split("@")[0].casefold()[:8] in folded, (path.name, email)


def test_designs_are_deterministic():
    person = make_people(3, seed=4)[2]
    for design in DESIGNS:
        assert design_for(person, design) == design_for(person, design)
        first, _ = render_design(person, design)
        again, _ = render_design(person, design)
        assert first == again, design


@pytest.mark.parametrize(
    "form, lines, read",
    [
        ("caps", ("ANNA MÜLLER",), "Anna Müller"),
        ("surname_caps", ("Anna MÜLLER",), "Anna Müller"),
        ("surname_first", ("MÜLLER Anna",), "Müller Anna"),
        ("two_line", ("ANNA", "MÜLLER"), "Anna Müller"),
    ],
)
def test_printed_names_and_how_they_read(form, lines, read):
    person = make_people(1, seed=0)[0]
    person.given_name, person.family_name = "Anna", "Müller"
    assert printed_name(person, form) == (lines, read)


def test_unknown_design_is_refused():
    with pytest.raises(ValueError, match="unknown design"):
        design_for(make_people(1, seed=0)[0], "poster")


def test_command_line_writes_designs(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "app.samples", str(tmp_path), "-n", "4", "--formats", "pdf_designs"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    truths = [json.loads(p.read_text()) for p in tmp_path.glob("*.truth.json")]
    assert len(truths) == 4 and all(t["producer"] == "designs" for t in truths)
