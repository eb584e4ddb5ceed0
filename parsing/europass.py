"""Exact fields from the XML a Europass PDF carries inside it.

The Europass editor embeds its data in every PDF it makes: Europass XML v3
(``SkillsPassport``, 2012-2020, named "Europass-CV-XML-Attachment.xml") or,
since 2020, an HR-XML ``Candidate`` document ("attachment.xml"). Reading it
gives the name, contacts, experience dates, education and digital skills as
the person typed them, with no layout guessing. Elements are matched by local
name, so both schemas and their namespace prefixes are read by one walker.

The XML comes from strangers: it is parsed with defusedxml (no DTDs, no
entities), and a PDF whose attachment is missing, huge or broken simply falls
back to its text.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import date
from xml.etree.ElementTree import Element

MAX_XML_BYTES = 8 * 1024 * 1024
_log = logging.getLogger(__name__)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: Element, name: str) -> list[Element]:
    return [c for c in node if _local(c.tag) == name]


def _first(node: Element | None, *path: str) -> Element | None:
    for name in path:
        if node is None:
            return None
        found = _children(node, name)
        node = found[0] if found else None
    return node


def _text(node: Element | None, *path: str) -> str | None:
    found = _first(node, *path) if path else node
    if found is None or found.text is None:
        return None
    value = " ".join(found.text.split())
    return value or None


def _all(node: Element, name: str) -> list[Element]:
    return [n for n in node.iter() if _local(n.tag) == name]


def embedded_xml(data: bytes) -> bytes | None:
    """The Europass XML embedded in a PDF, or None (cheap for PDFs without attachments)."""
    if b"/EmbeddedFile" not in data:
        return None
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        names = resolve1(resolve1(document.catalog.get("Names")) or {})
        tree = resolve1(names.get("EmbeddedFiles")) if isinstance(names, dict) else None
        for spec in _name_tree_values(tree, depth=0):
            spec = resolve1(spec)
            if not isinstance(spec, dict):
                continue
            filename = resolve1(spec.get("UF") or spec.get("F") or b"")
            filename = (
                filename.decode("utf-8", "replace")
                if isinstance(filename, bytes)
                else str(filename)
            )
            if not filename.lower().endswith(".xml"):
                continue
            files = resolve1(spec.get("EF"))
            stream = (
                resolve1(files.get("F") or files.get("UF")) if isinstance(files, dict) else None
            )
            if stream is None:
                continue
            length = resolve1(stream.get("Length")) if hasattr(stream, "get") else None
            if isinstance(length, int) and length > MAX_XML_BYTES:
                continue
            raw = stream.get_data()
            if len(raw) <= MAX_XML_BYTES and (
                b"SkillsPassport" in raw[:2000] or b"europass" in raw[:2000].lower()
            ):
                return raw
    except MemoryError:
        raise
    except Exception as exc:  # a broken attachment: the text is still there
        _log.debug("Europass attachment unreadable: %s", exc)
    return None


def _name_tree_values(node, depth: int):
    from pdfminer.pdftypes import resolve1

    node = resolve1(node)
    if not isinstance(node, dict) or depth > 8:
        return
    pairs = resolve1(node.get("Names"))
    if isinstance(pairs, list):
        for index in range(1, len(pairs), 2):
            yield pairs[index]
    kids = resolve1(node.get("Kids"))
    if isinstance(kids, list):
        for kid in kids[:100]:
            yield from _name_tree_values(kid, depth + 1)


def europass_fields(data: bytes, today: date | None = None) -> dict:
    """Fields from the PDF's Europass XML: name, emails, phones, links, location, title,
    skills, education, years_experience; {} when there is none or it cannot be read."""
    raw = embedded_xml(data)
    if raw is None:
        return {}
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:
        _log.debug("Europass XML refused: %s", exc)
        return {}
    today = today or date.today()
    if _local(root.tag) == "SkillsPassport":
        fields = _v3(root, today)
    elif _local(root.tag) == "Candidate":
        fields = _candidate(root, today)
    else:
        return {}
    return {key: value for key, value in fields.items() if value not in (None, [], "")}


def _v3(root: Element, today: date) -> dict:
    learner = _first(root, "LearnerInfo")
    ident = _first(learner, "Identification")
    name = " ".join(
        filter(
            None, [_text(ident, "PersonName", "FirstName"), _text(ident, "PersonName", "Surname")]
        )
    )
    contact = _first(ident, "ContactInfo")
    emails = (
        [t for n in _all(contact, "Email") if (t := _text(n, "Contact"))]
        if contact is not None
        else []
    )
    phones = (
        [t for n in _all(contact, "Telephone") if (t := _text(n, "Contact"))]
        if contact is not None
        else []
    )
    links = (
        [t for n in _all(contact, "Website") if (t := _text(n, "Contact"))]
        if contact is not None
        else []
    )
    address = _first(contact, "Address", "Contact")
    location = ", ".join(
        filter(None, [_text(address, "Municipality"), _text(address, "Country", "Label")])
    )
    periods, title = [], None
    for work in _children(
        _first(learner, "WorkExperienceList") or learner or Element("x"), "WorkExperience"
    ):
        period = _first(work, "Period")
        start = _v3_point(_first(period, "From"))
        current = (_text(period, "Current") or "").lower() == "true"
        end = (today.year, today.month) if current else _v3_point(_first(period, "To"))
        if start and end:
            periods.append((start, end))
        if current and title is None:
            title = _text(work, "Position", "Label")
    education = []
    for item in _children(_first(learner, "EducationList") or learner or Element("x"), "Education"):
        degree, school = _text(item, "Title"), _text(item, "Organisation", "Name")
        if degree or school:
            education.append({"degree": degree, "institution": school})
    return {
        "name": name or None,
        "emails": emails,
        "phones": phones,
        "links": links,
        "location": location or None,
        "title": title,
        "education": education,
        "years_experience": _years(periods),
    }


def _v3_point(node: Element | None) -> tuple[int, int] | None:
    if node is None:
        return None
    year = node.get("year")
    if not year:
        return None
    month = re.sub(r"\D", "", node.get("month") or "") or "1"
    try:
        return int(year[:4]), max(1, min(12, int(month)))
    except ValueError:
        return None


def _candidate(root: Element, today: date) -> dict:
    person = _first(root, "CandidatePerson")
    name = " ".join(
        filter(
            None,
            [_text(person, "PersonName", "GivenName"), _text(person, "PersonName", "FamilyName")],
        )
    )
    emails, phones, links, location = [], [], [], None
    for comm in _children(person, "Communication") if person is not None else []:
        channel = (_text(comm, "ChannelCode") or "").lower()
        uri = _text(comm, "URI")
        if channel == "email" and uri:
            emails.append(uri)
        elif channel in ("telephone", "mobiletelephone"):
            number = _text(comm, "DialNumber")
            dialing = _text(comm, "CountryDialing")
            if number:
                phones.append(f"+{dialing} {number}" if dialing else number)
        elif channel in ("web", "social media") and uri:
            links.append(uri)
        elif channel == "instantmessage" and uri and re.fullmatch(r"[+\d][\d\s\-()]{6,}", uri):
            phones.append(uri)  # a WhatsApp or Signal number is a phone number
        address = _first(comm, "Address")
        if address is not None and location is None:
            city, country = _text(address, "CityName"), _text(address, "CountryCode")
            location = ", ".join(filter(None, [city, country.upper() if country else None])) or None
    profile = _first(root, "CandidateProfile")
    periods, title = [], None
    for position in _all(profile, "PositionHistory") if profile is not None else []:
        span = _first(position, "EmploymentPeriod")
        start = _iso_point(_text(span, "StartDate", "FormattedDateTime"))
        current = (_text(span, "CurrentIndicator") or "").lower() == "true"
        end = (
            (today.year, today.month)
            if current
            else _iso_point(_text(span, "EndDate", "FormattedDateTime"))
        )
        if start and end:
            periods.append((start, end))
        if current and title is None:
            title = _text(position, "PositionTitle")
    education = []
    for item in _all(profile, "EducationOrganizationAttendance") if profile is not None else []:
        degree = _text(item, "EducationDegree", "DegreeName")
        school = _text(item, "OrganizationName")
        if degree or school:
            education.append({"degree": degree, "institution": school})
    skills = (
        [t for n in _all(profile, "DigitalSkill") if (t := _text(n))] if profile is not None else []
    )
    return {
        "name": name or None,
        "emails": emails,
        "phones": phones,
        "links": links,
        "location": location,
        "title": title,
        "education": education,
        "skills": list(dict.fromkeys(skills)),
        "years_experience": _years(periods),
    }


def _iso_point(value: str | None) -> tuple[int, int] | None:
    match = re.match(r"(\d{4})(?:-(\d{2}))?", value or "")
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 1)


def _years(periods: list[tuple[tuple[int, int], tuple[int, int]]]) -> float | None:
    """Years covered by the experience periods, overlaps counted once."""
    spans = sorted((a[0] * 12 + a[1] - 1, b[0] * 12 + b[1]) for a, b in periods if a <= b)
    if not spans:
        return None
    total, current = 0, list(spans[0])
    for start, end in spans[1:]:
        if start <= current[1]:
            current[1] = max(current[1], end)
        else:
            total += current[1] - current[0]
            current = [start, end]
    total += current[1] - current[0]
    return round(total / 12, 1)
