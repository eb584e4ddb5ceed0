"""Parser accuracy on the labelled real resumes of ../shared/corpus (targets of the import issue).

The figures are printed (pytest -s, or python -m tests.accuracy) and checked
against the targets. They are measured, not tuned per file: a second check on
310 text resumes the parser was not written against keeps that honest.
"""

import pytest

from tests import accuracy


@pytest.fixture(scope="module")
def report(taxonomy):
    return accuracy.evaluate(taxonomy)


def test_report_prints_figures(report, capsys):
    with capsys.disabled():
        print("\nParser accuracy on the 19 labelled resumes:")
        for line in report.lines():
            print("   ", line)


def test_every_email(report):
    assert report.emails.rate == 1.0, report.emails.misses
    assert report.emails.false_positives == 0


def test_phones(report):
    assert report.phones.rate >= 0.95, report.phones.misses
    assert report.phones.false_positives <= 2


def test_names(report):
    assert report.names.rate >= 0.90, report.names.misses


def test_links_visible_or_hidden(report):
    assert report.links.rate >= 0.90, report.links.misses


def test_skills_listed_in_skills_sections(report):
    assert report.skills.rate >= 0.80, report.skills.misses


def test_garbled_and_image_only_files_are_flagged(report):
    assert report.flagged.rate == 1.0, report.flagged.misses
    assert report.flagged.false_positives == 0, report.flagged.misses


def test_names_and_emails_on_310_text_resumes(taxonomy, capsys):
    tallies = accuracy.evaluate_ner(taxonomy)
    with capsys.disabled():
        print("\nOn the 310 labelled text resumes (ner-dotin):")
        for key, tally in tallies.items():
            print("   ", tally.line(key))
    assert tallies["emails"].rate >= 0.98
    assert tallies["names"].rate >= 0.85
