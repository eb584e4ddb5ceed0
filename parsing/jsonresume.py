"""A JSON Resume file (``resume.json``, jsonresume.org's schema): its fields taken as they are.

The person's own structured data needs no guessing: name, contacts, location,
current position, skills and education come from the JSON unchanged. The
text the matcher and the reviewer read is written from the same JSON in
the usual resume order (headings the section finder knows), so skills are
found with their evidence like in any other file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from parsing.errors import ParseProblem


@dataclass
class JsonResume:
    text: str
    links: list[str] = field(default_factory=list)
    exact: dict = field(default_factory=dict)


def _str(value) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _period(item: dict) -> str:
    start, end = _str(item.get("startDate")), _str(item.get("endDate"))
    if not start and not end:
        return ""
    return f"{start or '?'} – {end or 'present'}"


def read_json_resume(data: bytes) -> JsonResume:
    from parsing.formats import decode_text

    try:
        document = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise ParseProblem(
            "malformed", f"the JSON Resume is not valid JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    except RecursionError:
        raise ParseProblem("too_complex", "the JSON is nested too deeply to read") from None
    if not isinstance(document, dict) or not isinstance(document.get("basics"), dict):
        raise ParseProblem("malformed", 'a JSON file without the "basics" of a JSON Resume')
    basics = document["basics"]
    location = _dict(basics.get("location"))
    place = ", ".join(
        p
        for p in (
            _str(location.get("city")),
            _str(location.get("region")),
            _str(location.get("countryCode")),
        )
        if p
    )
    profiles = [_dict(p) for p in _list(basics.get("profiles"))]
    links = [u for u in [_str(basics.get("url")) or _str(basics.get("website"))] if u]
    for profile in profiles:
        url = _str(profile.get("url"))
        if url:
            links.append(url)
        elif profile.get("username") and profile.get("network"):
            links.append(f"{_str(profile['network'])}: {_str(profile['username'])}")
    lines: list[str] = [_str(basics.get("name")), _str(basics.get("label"))]
    lines.append(
        " | ".join(
            x for x in (_str(basics.get("email")), _str(basics.get("phone")), place, *links) if x
        )
    )
    if _str(basics.get("summary")):
        lines += ["", "Summary", _str(basics.get("summary"))]
    work = [_dict(w) for w in _list(document.get("work")) + _list(document.get("volunteer"))]
    title = None
    if work:
        lines += ["", "Experience"]
        for item in work:
            position = _str(item.get("position"))
            company = (
                _str(item.get("name"))
                or _str(item.get("company"))
                or _str(item.get("organization"))
            )
            lines.append(", ".join(x for x in (position, company, _period(item)) if x))
            if _str(item.get("summary")):
                lines.append(_str(item.get("summary")))
            lines += [f"- {_str(h)}" for h in _list(item.get("highlights")) if _str(h)]
            if title is None and position and not _str(item.get("endDate")):
                title = position
    education = []
    schools = [_dict(e) for e in _list(document.get("education"))]
    if schools:
        lines += ["", "Education"]
        for item in schools:
            degree = " in ".join(
                x for x in (_str(item.get("studyType")), _str(item.get("area"))) if x
            )
            school = _str(item.get("institution"))
            lines.append(", ".join(x for x in (degree, school, _period(item)) if x))
            if degree or school:
                education.append({"degree": degree or None, "institution": school or None})
    skills: list[str] = []
    groups = [_dict(s) for s in _list(document.get("skills"))]
    if groups:
        lines += ["", "Skills"]
        for group in groups:
            keywords = [_str(k) for k in _list(group.get("keywords")) if _str(k)]
            name = _str(group.get("name"))
            lines.append(
                f"{name}: {', '.join(keywords)}"
                if keywords and name
                else name or ", ".join(keywords)
            )
            skills += [name] if name else []
            skills += keywords
    for key, heading in (
        ("projects", "Projects"),
        ("certificates", "Certifications"),
        ("awards", "Awards"),
        ("publications", "Publications"),
        ("languages", "Languages"),
        ("interests", "Interests"),
    ):
        items = [_dict(i) for i in _list(document.get(key))]
        if items:
            lines += ["", heading]
            for item in items:
                head = (
                    _str(item.get("name")) or _str(item.get("title")) or _str(item.get("language"))
                )
                extra = (
                    _str(item.get("description"))
                    or _str(item.get("fluency"))
                    or _str(item.get("summary"))
                )
                lines.append(" – ".join(x for x in (head, extra) if x))
    exact = {
        "name": _str(basics.get("name")) or None,
        "emails": [e for e in [_str(basics.get("email"))] if e],
        "phones": [p for p in [_str(basics.get("phone"))] if p],
        "links": links,
        "location": place or None,
        "title": title,
        "skills": list(dict.fromkeys(skills)),
        "education": education,
    }
    text = "\n".join(lines).strip()
    return JsonResume(text, [u for u in links if "://" in u], {k: v for k, v in exact.items() if v})
