"""From person to document: one layout model that every renderer prints, so the
ground truth (section order, printed contact forms) comes from the same place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.samples.contact import print_link
from app.samples.model import Education, Position, SamplePerson, Style


@dataclass
class ContactLine:
    kind: str  # email | phone | location | link
    label: str | None
    text: str
    href: str | None = None

    def line(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class Items:
    items: list[str]
    separator: str | None  # None: one per line


@dataclass
class Section:
    kind: str
    heading: str | None
    blocks: list[Any]  # str (paragraph) | Position | Education | Items | ContactLine


@dataclass
class Document:
    person: SamplePerson
    two_column: bool
    contact: list[ContactLine]
    sidebar: list[Section]
    main: list[Section]

    @property
    def sections(self) -> list[str]:
        return [s.heading for s in [*self.sidebar, *self.main] if s.heading]

    @property
    def links_printed(self) -> list[str]:
        return [c.text for c in self.contact if c.kind == "link"]

    def all_text(self) -> str:
        """Every string a renderer may print (to decide whether a cp1252 font will do)."""
        p = self.person
        parts = [p.name, p.title, *(c.line() for c in self.contact), *self.sections]
        for sec in [*self.sidebar, *self.main]:
            for b in sec.blocks:
                if isinstance(b, str):
                    parts.append(b)
                elif isinstance(b, Position):
                    parts += [b.title, b.employer, b.city, b.dates, *b.bullets]
                elif isinstance(b, Education):
                    parts += [b.degree, b.institution, b.years]
                elif isinstance(b, Items):
                    parts += b.items
        return "\n".join(parts) + p.style.bullet + p.style.contact_separator


def _link_label(url: str, labels: dict[str, str]) -> str | None:
    if "linkedin.com" in url:
        return "LinkedIn:"
    if "github.com" in url:
        return "GitHub:"
    return labels.get("web")


def _contact_lines(p: SamplePerson, two_column: bool) -> list[ContactLine]:
    st = p.style
    contact: list[ContactLine] = []
    labels = st.labels if st.contact_labels else {}
    for kind in st.contact_order:
        if kind == "location":
            label = labels.get("address") if p.address else None
            contact.append(ContactLine("location", label, p.address or p.location))
        elif kind == "email":
            contact += [
                ContactLine("email", labels.get("email"), e, "mailto:" + e) for e in p.emails
            ]
        elif kind == "phone":
            for text, k, e164 in zip(p.phones_printed, p.phone_kinds, p.phones, strict=True):
                label = labels.get("mobile" if k == "mobile" else "phone")
                contact.append(ContactLine("phone", label, text, "tel:" + e164))
        else:
            for url, text in zip(p.links, p.links_printed, strict=True):
                # A narrow sidebar has no room for "https://www.": people shorten them.
                if two_column and text.startswith("https://"):
                    text = print_link(url, "bare")
                # Sidebars show icons, not "LinkedIn:".
                label = _link_label(url, labels) if labels and not two_column else None
                contact.append(ContactLine("link", label, text, url))
    return contact


def compose(p: SamplePerson, two_column: bool) -> Document:
    st, heads = p.style, p.style.headings
    contact = _contact_lines(p, two_column)
    summary = [p.summary, *([p.credentials_line] if p.credentials_line else [])]
    summary_heading = heads["summary"] if st.summary_heading or two_column else None
    skills = Items(
        [p.printed[s] for s in p.family_skills], None if two_column else st.skills_separator
    )
    languages = Items(p.languages_printed, None if two_column else st.languages_separator)
    sections = {
        "summary": Section("summary", summary_heading, summary),
        "experience": Section("experience", heads["experience"], list(p.experience)),
        "education": Section("education", heads["education"], list(p.education)),
        "skills": Section("skills", heads["skills"], [skills]),
        "languages": Section("languages", heads["languages"], [languages]),
    }
    refs = []
    if p.references_line:
        refs.append(Section("references", heads["references"], [p.references_line]))
    if two_column:
        contact_section = Section("contact", heads["contact"], list(contact))
        sidebar = [contact_section, sections["skills"], sections["languages"]]
        main = [sections["summary"], sections["experience"], sections["education"], *refs]
    else:
        sidebar = []
        main = [sections[k] for k in st.order] + refs
    return Document(p, two_column, contact, sidebar, main)


def job_head(job: Position, st: Style, dates_right: bool) -> tuple[str, str | None, str | None]:
    """(first line, dates placed right of it or None, second line or None)."""
    if st.job_header == "dates_first":
        return job.dates, None, f"{job.title} · {job.employer} · {job.city}"
    if st.job_header == "one_line":
        return f"{job.title}, {job.employer}, {job.city} ({job.dates})", None, None
    if st.job_header == "title_first":
        first, second = job.title, f"{job.employer}, {job.city}"
    else:
        first, second = f"{job.employer}, {job.city}", job.title
    if dates_right and st.dates_right:
        return first, job.dates, second
    return first, None, f"{second} | {job.dates}"


def edu_lines(edu: Education, st: Style) -> tuple[str, str | None]:
    if st.job_header == "one_line":
        return f"{edu.degree}, {edu.institution} ({edu.years})", None
    return edu.degree, f"{edu.institution}, {edu.years}"
