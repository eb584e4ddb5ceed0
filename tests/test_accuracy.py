"""Parser accuracy on labelled real resumes and on generated PDFs, held to floors.

``python -m tests.accuracy`` prints the full report (both halves, per producer
and language). Here the figures are held to regression floors, the same for
both halves: the issue's target where the parser reaches it on the test half,
else just below today's test-half figure (those floors say "not yet the
target"). Floors, not goals: tuning happens on the development half only.
"""

from __future__ import annotations

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
    # Not yet the target (100 %, at most 1 false positive per 50 files).
    assert report.emails.rate >= 0.96, report.emails.misses
    assert _per_files(report, report.emails.false_positives) >= 25, report.emails.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_phones(real, half):
    report = real.halves[half]
    assert report.phones.rate >= 0.95, report.phones.misses
    assert _per_files(report, report.phones.false_positives) >= 20, report.phones.misses


@pytest.mark.parametrize("half", ["test", "dev"])
def test_names(real, half):
    report = real.halves[half]
    # Not yet the target (95 % right, at most 2 % wrong).
    assert report.names.rate >= 0.93, report.names.misses
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


@pytest.mark.slow
def test_names_and_emails_on_310_text_resumes(taxonomy):
    tallies = accuracy.evaluate_ner(taxonomy)
    assert tallies["emails"].rate >= 0.98, tallies["emails"].misses
    assert tallies["names"].rate >= 0.85, tallies["names"].misses
