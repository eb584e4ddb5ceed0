"""Parser accuracy on labelled real resumes and on generated PDFs, held to floors.

``python -m tests.accuracy`` prints the full report (both halves, per producer
and language). Here the figures are held to regression floors, the same for
both halves: the issue's target where the parser reaches it on the test half,
else just below today's test-half figure (those floors say "not yet the
target"). Floors, not goals: tuning happens on the development half only.
"""

from __future__ import annotations

import hashlib

import pytest

from tests import accuracy


@pytest.fixture(scope="module")
def real(taxonomy):
    return accuracy.evaluate_real(taxonomy)


@pytest.fixture(scope="module")
def generated(taxonomy):
    return accuracy.evaluate_generated(taxonomy).total()


def _per_files(report: accuracy.Report, count: int) -> float:
    return report.files / count if count else float("inf")


@pytest.mark.parametrize("half", ["test", "dev"])
def test_emails(real, half):
    report = real.halves[half]
    # The target: every address found, at most 1 false positive per 50 files.
    assert report.emails.rate == 1.0, report.emails.misses
    assert _per_files(report, report.emails.false_positives) >= 50, report.emails.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_phones(real, half):
    report = real.halves[half]
    assert report.phones.rate >= 0.95, report.phones.misses
    assert _per_files(report, report.phones.false_positives) >= 20, report.phones.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_names(real, half):
    report = real.halves[half]
    # Right: the target (95 %) on the test half (33/34); the development half's two misses are
    # template placeholders left null (31/33). Wrong: not yet the target (at most 2 %; one of
    # 34 is 2.9 %).
    assert report.names.rate >= (0.95 if half == "test" else 0.93), report.names.misses
    assert report.names.wrong / report.names.total <= 0.035, report.names.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_links(real, half):
    report = real.halves[half]
    assert report.links.rate >= 0.90, report.links.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_skills_listed_in_skills_sections(real, half):
    report = real.halves[half]
    assert report.skills.rate >= 0.92, report.skills.misses


def test_textless_files_are_flagged_and_readable_ones_are_not(real):
    for report in real.halves.values():
        assert report.flagged.rate == 1.0, report.flagged.misses
        assert report.flagged.false_positives == 0, report.flagged.misses


def test_split_is_stratified(real):
    """Both halves hold files of each common maker and language."""
    halves = {"dev": set(), "test": set()}
    for sample in real.samples:
        halves[sample.half].add(sample.family)
        halves[sample.half].add(sample.language)
    for common in ("latex/typst", "office pdf", "docx", "linkedin", "en", "pt", "fr", "de"):
        assert common in halves["dev"] and common in halves["test"], common
    sizes = [sum(1 for s in real.samples if s.half == h) for h in halves]
    assert abs(sizes[0] - sizes[1]) <= 1


@pytest.mark.slow
def test_generated_pdfs_names_and_emails(generated):
    assert generated.names.rate >= 0.98, generated.names.misses
    assert generated.emails.rate >= 0.98, generated.emails.misses


@pytest.fixture(scope="module")
def ner(taxonomy):
    return accuracy.evaluate_ner(taxonomy)


# The 310 labelled text resumes (ner-dotin), split by the parity of the SHA-1 of the file
# name; floors at the measured figures (names: right share, wrong share; e-mails: found).
NER_FLOORS = {
    "dev": (0.91, 0.025, 0.99),  # names 121/132 = 91.7 %, 3 wrong = 2.3 %; e-mails 130/131
    "test": (0.89, 0.04, 0.99),  # names 121/135 = 89.6 %, 5 wrong = 3.7 %; e-mails 129/130
}


@pytest.mark.slow
@pytest.mark.parametrize("half", ["test", "dev"])
def test_names_and_emails_on_310_text_resumes(ner, half):
    names, emails = ner[half]["names"], ner[half]["emails"]
    right, wrong, found = NER_FLOORS[half]
    assert names.rate >= right, names.misses if half == "dev" else names.cell()
    assert names.wrong / names.total <= wrong, names.misses if half == "dev" else names.wrong
    assert emails.rate >= found, emails.misses if half == "dev" else emails.cell()


def test_ner_split_is_the_rule_fixed_before_tuning():
    # SHA-1 of "N.xml", even: development. It puts 153 of the 310 files in the development
    # half; a changed rule would move files between the halves and quietly void the test half.
    halves = [accuracy.ner_half(f"{n}.xml") for n in range(1, 311)]
    assert halves.count("dev") == 153
    assert accuracy.ner_half("1.xml") == (
        "dev" if int(hashlib.sha1(b"1.xml").hexdigest(), 16) % 2 == 0 else "test"
    )
