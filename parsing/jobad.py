"""Propose a job's criteria from the text of a job ad, for the recruiter to edit.

Skills come from the taxonomy. A skill is a must-have when it is named under a
"requirements" heading or in a sentence that says so ("required", "must",
"you have"), a nice-to-have under "nice to have", "bonus", "a plus",
"preferred". Years come from "5+ years". Nothing here decides: the recruiter
edits the proposal before it becomes a job.
"""

from __future__ import annotations

import re

from parsing.taxonomy import Taxonomy

_MUST_HEADINGS = re.compile(
    r"^\W*(requirements?|required|must[- ]haves?|what you (?:bring|need|have)|you (?:have|bring)|"
    r"qualifications|minimum qualifications|essential|your profile|who you are|anforderungen|"
    r"ihr profil|dein profil|profil recherché|requisitos|exigences)\b",
    re.IGNORECASE,
)
_NICE_HEADINGS = re.compile(
    r"^\W*(nice[- ]to[- ]haves?|bonus(?: points)?|preferred(?: qualifications)?|pluses|desirable|"
    r"good to have|extra credit|wünschenswert|von vorteil|un plus|deseable)\b",
    re.IGNORECASE,
)
_OTHER_HEADINGS = re.compile(
    r"^\W*(about us|about the (?:role|team|company)|what we offer|benefits|we offer|responsibilities|"
    r"what you(?:'ll| will) do|your tasks|aufgaben|wir bieten|how to apply)\b",
    re.IGNORECASE,
)
_MUST_WORDS = re.compile(r"\b(required|requirement|must|mandatory|essential|you have|you bring|strong|proven|solid)\b", re.IGNORECASE)
_NICE_WORDS = re.compile(r"\b(nice to have|a plus|bonus|preferred|ideally|desirable|is an advantage|good to have)\b", re.IGNORECASE)
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs|jahre|ans|años|anos)\b", re.IGNORECASE)
_LOCATION = re.compile(r"^\W*(?:location|standort|lieu|ubicación|localização|based in)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_TITLE = re.compile(r"^\W*(?:job title|position|role|title|stelle)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def propose_job(text: str, taxonomy: Taxonomy) -> dict:
    """A job spec (the TOML form as a dict) proposed from an ad's text."""
    lines = text.splitlines()
    title_match = _TITLE.search(text)
    title = title_match.group(1).strip() if title_match else next((ln.strip() for ln in lines if ln.strip()), "New job")
    # Which block each line is in: must, nice or neutral.
    mode_at: list[str] = []
    mode = "neutral"
    for line in lines:
        stripped = line.strip()
        if len(stripped) < 60 and _NICE_HEADINGS.match(stripped):
            mode = "nice"
        elif len(stripped) < 60 and _MUST_HEADINGS.match(stripped):
            mode = "must"
        elif len(stripped) < 60 and _OTHER_HEADINGS.match(stripped):
            mode = "neutral"
        mode_at.append(mode)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    def line_index(offset: int) -> int:
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    criteria: dict[str, dict] = {}
    languages: list[str] = []
    for hit in taxonomy.find(text, lambda _offset: True):
        if not hit.counts:
            continue
        skill = taxonomy.skill(hit.skill)
        if skill is not None and skill.category.lower().startswith(("spoken", "language")):
            if hit.skill not in languages:
                languages.append(hit.skill)
            continue
        idx = line_index(hit.start)
        line = lines[idx]
        must = mode_at[idx] == "must" or (mode_at[idx] == "neutral" and bool(_MUST_WORDS.search(line)))
        if _NICE_WORDS.search(line) or mode_at[idx] == "nice":
            must = False
        entry = criteria.setdefault(hit.skill, {"name": hit.skill, "must": must, "weight": 2 if must else 1})
        if must and not entry["must"]:
            entry.update(must=True, weight=2)
    years = [int(m.group(1)) for m in _YEARS.finditer(text) if 0 < int(m.group(1)) <= 30]
    location = _LOCATION.search(text)
    spec: dict = {"title": title, "description": text.strip()[:2000]}
    if years:
        spec["min_years"] = min(years)
    if location:
        spec["location"] = location.group(1).strip()
    spec["remote"] = bool(re.search(r"\bremote\b|\bhome ?office\b|\bfernarbeit\b|\btélétravail\b|\bremoto\b", text, re.IGNORECASE))
    if languages:
        spec["languages"] = languages
    spec["criteria"] = list(criteria.values())
    return spec
