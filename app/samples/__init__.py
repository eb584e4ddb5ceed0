"""Synthetic resumes with known ground truth, for demo data, tests and benchmarks.

Everything a parser should find in a generated resume is decided first, as data
(:class:`SamplePerson`), and only then printed in one of several dresses: PDF by
reportlab or by Qt (one or two columns), hand-written DOCX, plain text or
Markdown. The ground truth therefore never depends on what a PDF library does,
except the page count, which is taken from the renderer itself.

The package, in the order a file is made:

* ``data`` reads the word lists, names and places in ``resources/samples/``;
  ``skills`` holds the skills a person can claim (checked against the taxonomy);
* ``people`` draws a person (``style``, ``contact``, ``prose`` and ``traps`` help);
  ``model`` holds the records it fills;
* ``layout`` turns a person into one document model that every renderer prints:
  ``render.txt``, ``render.docx``, ``render.reportlab`` and ``render.qt`` (the only
  module that imports Qt, and only when a Qt-made file is asked for);
* ``truth`` writes what is true about a file; ``batch`` writes many files and
  their truth (``python -m app.samples OUT_DIR -n 200``).

Deterministic per person: person *i* of seed *s* is drawn from its own random
stream, so ``make_people(200)`` is a prefix of ``make_people(5000)``. Demo data is
safe: e-mail addresses use reserved example domains; never send anything to demo
candidates all the same.

Ground truth (``<file>.truth.json`` beside each file, UTF-8):

``file, format`` (pdf|docx|txt), ``producer`` (reportlab|qt|designs|docx|txt|markdown),
``layout`` (one_column|two_column), ``design`` and ``name_form`` (producer ``designs``
only: which of :data:`app.samples.designs.DESIGNS`, how the name was printed; their
``name`` is the name as printed, read back), ``language`` (en|de|fr|es|pt|pl|it|nl:
headings and prose);
``name``; ``emails``; ``phones`` (E.164) and ``phones_printed`` (national forms parse
with ``country``, ISO 3166 alpha-2, as the region); ``links`` (full https URLs) and
``links_printed``; ``location`` ("City, Country" or "City, ST"; when ``address`` is
printed it replaces the location line and contains the city); ``title`` (of the
newest job); ``skills`` (canonical: family skills, then spoken languages),
``skills_section`` (as printed, variants included), ``languages_printed``;
``sections`` (headings as printed, in print order: two-column files list the sidebar
first; a summary printed without heading is not listed); ``years_experience`` (the
stated "N+" if the summary states one, else ``years_from_dates``; see
:func:`years_of_experience` for the conventions), ``years_statement`` ("8+ years",
"8+ Jahre" ... or null); ``education`` ([{degree, institution}]); ``pages`` (PDFs:
from the renderer; else null); ``experience`` ([{title, employer, city, start, end,
dates}], start/end "YYYY-MM", or "YYYY" when only years are printed, end "present");
``traps`` ([{phrase, imitates}]) and ``variant_spellings`` ({printed: canonical}), both
empty unless ``variants``; ``number_decoys`` (digit strings printed on purpose that
are not phone numbers); ``encoding`` (TXT files); ``seed``, ``index``,
``reference_date``.
"""

from __future__ import annotations

from app.samples.batch import DEFAULT_FORMATS, write_batch
from app.samples.model import (
    REFERENCE_DATE,
    Education,
    Position,
    SamplePerson,
    Style,
    Trap,
    years_of_experience,
)
from app.samples.people import make_people
from app.samples.render.docx import render_docx
from app.samples.render.txt import render_txt
from app.samples.skills import ALIASES, ALL_CANONICAL, FAMILY_SKILLS, LANGUAGE_SKILLS, TYPOS
from app.samples.truth import ground_truth

__all__ = [
    "ALIASES",
    "ALL_CANONICAL",
    "DEFAULT_FORMATS",
    "FAMILY_SKILLS",
    "LANGUAGE_SKILLS",
    "REFERENCE_DATE",
    "TYPOS",
    "Education",
    "Position",
    "SamplePerson",
    "Style",
    "Trap",
    "ground_truth",
    "make_people",
    "render_docx",
    "render_pdf_qt",
    "render_pdf_reportlab",
    "render_txt",
    "write_batch",
    "years_of_experience",
]


def render_pdf_reportlab(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by reportlab (see :mod:`app.samples.render.reportlab`), imported on first call:
    importing the generator stays light (the benchmarks measure a process that imports it)."""
    from app.samples.render.reportlab import render_pdf_reportlab as render

    return render(p, two_column)


def render_pdf_qt(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by Qt (see :mod:`app.samples.render.qt`); Qt is imported on first call."""
    from app.samples.render.qt import render_pdf_qt as render

    return render(p, two_column)
