"""Ground truth: the JSON written beside each generated file.

See :mod:`app.samples` for the keys. Everything comes from the person and the
layout, never from a renderer, except the page count of a PDF.
"""

from __future__ import annotations

from typing import Any

from app.samples.designs import design_for
from app.samples.layout import compose
from app.samples.model import SamplePerson


def ground_truth(
    p: SamplePerson,
    *,
    file: str,
    producer: str,
    two_column: bool = False,
    pages: int | None = None,
    encoding: str | None = None,
    design: str | None = None,
) -> dict[str, Any]:
    """The JSON-ready truth for one file made from ``p`` (see the module docs for keys).

    ``design``: the file was drawn in one of :data:`app.samples.designs.DESIGNS`; the
    truth then names it, and the name is the one printed, as a reader writes it.
    """
    doc = compose(p, two_column)
    fmt = {
        "reportlab": "pdf",
        "qt": "pdf",
        "designs": "pdf",
        "docx": "docx",
        "txt": "txt",
        "markdown": "txt",
        "rtf": "rtf",
    }[producer]
    truth = _truth(p, doc, file, producer, fmt, two_column, pages, encoding)
    if design is not None:
        chosen = design_for(p, design)
        truth.update(design=design, name=chosen.name_read, name_form=chosen.name_form)
    return truth


def _truth(p, doc, file, producer, fmt, two_column, pages, encoding) -> dict[str, Any]:
    return {
        "file": file,
        "format": fmt,
        "producer": producer,
        "layout": "two_column" if two_column else "one_column",
        "language": p.language,
        "name": p.name,
        "emails": list(p.emails),
        "phones": list(p.phones),
        "phones_printed": list(p.phones_printed),
        "links": list(p.links),
        "links_printed": doc.links_printed,
        "location": p.location,
        "address": p.address,
        "country": p.country,
        "title": p.title,
        "role_family": p.role_family,
        "skills": p.skills,
        "skills_section": [p.printed[s] for s in p.family_skills],
        "languages_printed": list(p.languages_printed),
        "sections": doc.sections,
        "years_experience": p.years_experience,
        "years_statement": p.years_statement,
        "years_from_dates": p.years_from_dates,
        "education": [{"degree": e.degree, "institution": e.institution} for e in p.education],
        "pages": pages,
        "experience": [j.truth() for j in p.experience],
        "traps": [{"phrase": t.phrase, "imitates": t.imitates} for t in p.traps],
        "variant_spellings": dict(p.variant_spellings),
        "number_decoys": list(p.number_decoys),
        "encoding": encoding,
        "seed": p.seed,
        "index": p.index,
        "reference_date": p.reference.isoformat(),
    }
