"""Per-field accuracy of the parser on the labelled real resumes in ../shared/corpus.

Run ``python -m tests.accuracy`` for the report; ``tests/test_accuracy.py``
checks the figures against the targets of the import issue.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from parsing.resume import ParsedResume, parse_bytes
from parsing.taxonomy import Taxonomy, load_taxonomy
from parsing.text import fold

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RESUMES = CORPUS / "resumes"
LABELS = CORPUS / "labels.json"


@dataclass
class Tally:
    found: int = 0
    total: int = 0
    false_positives: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def line(self, name: str) -> str:
        fp = f", {self.false_positives} false positive(s)" if self.false_positives else ""
        return f"{name:<10} {self.found:>4}/{self.total:<4} {self.rate:6.1%}{fp}"


def _digits(phone: str) -> str:
    return re.sub(r"[^\dxX*]", "", phone).lower().replace("*", "x")


def phone_matches(label: str, ours: str) -> bool:
    a, b = _digits(label), _digits(ours)
    a_core, b_core = a.rstrip("x"), b.rstrip("x")
    if not a_core or not b_core:
        return False
    # Country codes and trunk zeros differ between print and E.164: compare the tails.
    tail = min(len(a_core), len(b_core), 9)
    return a_core[-tail:] == b_core[-tail:] and abs(len(a) - len(b)) <= 4


def _link_key(url: str) -> str:
    key = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return re.sub(r"^www\.", "", key).rstrip("/")


_PLATFORM_DOMAINS = {
    "linkedin": ("linkedin.com",), "github": ("github.com",), "gitlab": ("gitlab.com",),
    "x/twitter": ("x.com", "twitter.com"), "twitter": ("twitter.com", "x.com"),
    "orcid": ("orcid.org",), "youtube": ("youtube.com",), "quora": ("quora.com",),
    "facebook": ("facebook.com", "fb.com", "fb.co", "facebook"), "mastodon": ("",),
}  # fmt: skip


def link_found(label: str, ours: list[str]) -> bool:
    keys = [_link_key(u) for u in ours]
    url = re.search(r"https?://\S+?(?=\)|$|\s)", label)
    if url:
        return _link_key(url.group()) in keys
    m = re.match(r"^\s*([\w/]+)\s*:(?://)?\s*@?(.+?)\s*$", label)
    if m and m.group(1).lower() in _PLATFORM_DOMAINS:
        platform, handle = m.group(1).lower(), m.group(2).lower().lstrip("@")
        if platform == "mastodon":
            handle = handle.split("@")[0]
        domains = _PLATFORM_DOMAINS[platform]
        return any(
            any(d in k for d in domains) and re.search(rf"(^|/)@?{re.escape(handle)}$", k) for k in keys
        )
    return _link_key(label) in keys


def skill_found(label: str, ours: list[str], taxonomy: Taxonomy) -> bool:
    ours_folded = {fold(s) for s in ours}
    if fold(label) in ours_folded:
        return True
    direct = taxonomy.lookup(label)
    if direct is not None:
        return fold(direct.name) in ours_folded
    named = {fold(h.skill) for h in taxonomy.find(label, lambda _offset: True)}
    return bool(named & ours_folded)


@dataclass
class Report:
    emails: Tally = field(default_factory=Tally)
    phones: Tally = field(default_factory=Tally)
    names: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    skills: Tally = field(default_factory=Tally)
    headings: Tally = field(default_factory=Tally)
    years: Tally = field(default_factory=Tally)
    flagged: Tally = field(default_factory=Tally)
    results: dict[str, ParsedResume] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            self.emails.line("emails"), self.phones.line("phones"), self.names.line("names"),
            self.links.line("links"), self.skills.line("skills"), self.headings.line("headings"),
            self.years.line("years"), self.flagged.line("flagged"),
        ]  # fmt: skip


def evaluate(taxonomy: Taxonomy | None = None) -> Report:
    taxonomy = taxonomy or load_taxonomy()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    report = Report()
    for label in labels:
        name = label["file"]
        result = parse_bytes((RESUMES / name).read_bytes(), name, taxonomy=taxonomy)
        report.results[name] = result
        garbled = label["text_extraction"]["status"] != "ok"
        if garbled:
            report.flagged.total += 1
            if result.outcome in ("unreadable_text", "no_text") or result.ocr:  # flagged, or read by OCR
                report.flagged.found += 1
            else:
                report.flagged.misses.append(name)
            continue  # fields of a garbled file are not expected
        if not result.ok:
            report.flagged.false_positives += 1
            report.flagged.misses.append(f"{name}: {result.outcome} {result.error}")
        _tally_list(report.emails, name, label["emails"], result.emails,
                    lambda a, b: a.lower() == b.lower())  # fmt: skip
        _tally_list(report.phones, name, label["phones"], result.phones, phone_matches)
        report.names.total += 1
        if result.name and " ".join(result.name.split()).casefold() == label["name"].casefold():
            report.names.found += 1
        else:
            report.names.misses.append(f"{name}: {result.name!r} != {label['name']!r}")
        for link in label["links"]:
            report.links.total += 1
            if link_found(link, result.links):
                report.links.found += 1
            else:
                report.links.misses.append(f"{name}: {link}")
        for skill in label["skills"]:
            report.skills.total += 1
            if skill_found(skill, result.skills, taxonomy):
                report.skills.found += 1
            else:
                report.skills.misses.append(f"{name}: {skill}")
        ours = {fold(h) for h in result.sections}
        for heading in label["section_headings"]:
            report.headings.total += 1
            if fold(heading) in ours:
                report.headings.found += 1
            else:
                report.headings.misses.append(f"{name}: {heading}")
        if label["years_experience"]:
            report.years.total += 1
            stated = float(re.search(r"\d+", label["years_experience"]).group())
            if result.years_experience == stated:
                report.years.found += 1
            else:
                report.years.misses.append(f"{name}: {result.years_experience} vs {label['years_experience']}")
    return report


def _tally_list(tally: Tally, name: str, expected: list[str], got: list[str], same) -> None:
    matched_ours: set[int] = set()
    for item in expected:
        tally.total += 1
        hit = next((i for i, g in enumerate(got) if same(item, g) and i not in matched_ours), None)
        if hit is None:
            tally.misses.append(f"{name}: {item} (got {got})")
        else:
            tally.found += 1
            matched_ours.add(hit)
    tally.false_positives += len(got) - len(matched_ours)


def main() -> int:
    report = evaluate()
    print(f"Parser accuracy on {len(report.results)} labelled resumes in {RESUMES}")
    for line in report.lines():
        print("  " + line)
    if "-v" in sys.argv:
        for field_name in ("emails", "phones", "names", "links", "skills", "headings", "years", "flagged"):
            tally: Tally = getattr(report, field_name)
            for miss in tally.misses:
                print(f"  miss {field_name}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- the 310 labelled text resumes (ner-dotin) -------------------------------

NER = CORPUS / "ner-dotin" / "train"
_LABEL_RE = re.compile(r'<label type="([^"]+)">(.*?)</label>', re.DOTALL)


def ner_documents() -> list[tuple[str, str, dict[str, list[str]]]]:
    """(file name, plain text, {label type: [values]}) for each labelled text resume."""
    docs = []
    for path in sorted(NER.glob("*.xml"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0):
        raw = path.read_text(encoding="utf-8")
        body = re.sub(r"^<\?xml[^>]*>\s*<cv>\s*|\s*</cv>\s*$", "", raw)
        labels: dict[str, list[str]] = {}
        for kind, value in _LABEL_RE.findall(body):
            labels.setdefault(kind, []).append(" ".join(value.split()))
        text = _LABEL_RE.sub(lambda m: m.group(2), body)
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        docs.append((path.name, text, labels))
    return docs


def evaluate_ner(taxonomy: Taxonomy | None = None) -> dict[str, Tally]:
    """Names and e-mails of the text resumes: a check on resumes the parser was not tuned on."""
    taxonomy = taxonomy or load_taxonomy()
    names, emails = Tally(), Tally()
    for file, text, labels in ner_documents():
        result = parse_bytes(text.encode("utf-8"), file.replace(".xml", ".txt"), taxonomy=taxonomy)
        if labels.get("Name"):
            names.total += 1
            expected = labels["Name"][0]
            if result.name and result.name.casefold() == expected.casefold():
                names.found += 1
            else:
                names.misses.append(f"{file}: {result.name!r} != {expected!r}")
        if labels.get("Email Address"):
            _tally_list(emails, file, labels["Email Address"][:1], result.emails,
                        lambda a, b: a.lower() == b.lower())  # fmt: skip
    return {"names": names, "emails": emails}
