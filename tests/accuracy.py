"""Per-field accuracy of the parser on labelled real resumes and on generated PDFs.

    python -m tests.accuracy [-v] [--misses dev|test|all] [--generated N] [--no-ner]

Real resumes: every labelled file of ``../shared/corpus/resumes`` (labels.json)
and ``../shared/corpus/resumes2`` (labels2.json), split once into a
**development half** and a **test half**. The rule, fixed before any tuning:

    sort the files by (producer family, language, SHA-1 of the file name);
    even positions are the development half, odd positions the test half.

Sorting by producer family and language first makes the split stratified:
each maker (Word, LaTeX, Canva, LinkedIn, DOCX…) and each language lands in
both halves as evenly as its count allows; the hash orders files within a
stratum without looking at their content. Tune on the development half only
(``-v`` lists its misses); quote the test half.

Generated PDFs: one- and two-column resumes from the generator in
``app/samples`` (contact sidebar first, narrow columns), with the generator's
ground truth. Names and e-mails are what we measure there.

Text resumes: the 310 labelled ones of ``../shared/corpus/ner-dotin`` (names and
e-mails), split once by a rule fixed before any miss was looked at: the SHA-1 of
the file name ("17.xml") read as a number, even for the development half, odd
for the test half. ``--misses dev`` lists the development half's misses too.

``tests/test_accuracy.py`` holds the figures to floors; the targets of the
issue are printed beside the figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from parsing.resume import ParsedResume, parse_bytes
from parsing.taxonomy import Taxonomy, load_taxonomy
from parsing.text import fold

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RESUMES = CORPUS / "resumes"
LABELS = CORPUS / "labels.json"
SETS = (
    (CORPUS / "resumes", CORPUS / "labels.json"),
    (CORPUS / "resumes2", CORPUS / "labels2.json"),
)
GENERATED_COUNT = 240
GENERATED_SEED = 1010

# Outcomes that say "there is no text to read here": right for image-only and garbled files.
_NO_TEXT = ("no_text", "unreadable_text")


# --- one labelled file ------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    path: Path
    label: dict
    family: str
    language: str
    half: str = ""

    @property
    def name(self) -> str:
        return self.path.name


def producer_family(label: dict) -> str:
    """The maker of a file, grouped: what its layout and text layer have in common."""
    fmt = label.get("format", "pdf")
    if fmt != "pdf":
        return {"doc": "word .doc", "docx": "docx", "odt": "odt", "rtf": "rtf"}.get(fmt, fmt)
    producer = label.get("producer", "").lower()
    rules = (
        ("itext", "other pdf"),
        ("google docs", "google docs"),
        ("canva", "canva"),
        ("apache fop", "linkedin"),
        ("cairo", "europass (cairo)"),
        ("powerpoint", "office pdf"),
        ("word", "office pdf"),
        ("pages", "office pdf"),
        ("libreoffice", "libreoffice pdf"),
        ("writer", "libreoffice pdf"),
        ("latex", "latex/typst"),
        ("tex", "latex/typst"),
        ("typst", "latex/typst"),
        ("skia", "browser pdf"),
        ("chrom", "browser pdf"),
        ("mozilla", "browser pdf"),
        ("wkhtmltopdf", "browser pdf"),
        ("jspdf", "browser pdf"),
    )
    for needle, family in rules:
        if needle in producer:
            return family
    return "other pdf"


def load_samples() -> list[Sample]:
    """Every labelled real resume, with its half of the split."""
    samples = []
    for folder, labels in SETS:
        for label in json.loads(labels.read_text(encoding="utf-8")):
            language = re.match(r"[a-z]+", label.get("language", "")).group()
            samples.append(Sample(folder / label["file"], label, producer_family(label), language))

    def key(s: Sample) -> tuple[str, str, str]:
        return s.family, s.language, hashlib.sha1(s.name.encode()).hexdigest()

    ordered = sorted(samples, key=key)
    return [
        Sample(s.path, s.label, s.family, s.language, "dev" if i % 2 == 0 else "test")
        for i, s in enumerate(ordered)
    ]


# --- comparisons ----------------------------------------------------------------------


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


def email_matches(label: str, ours: str) -> bool:
    # "name [at] host" is printed that way to fool robots; the address is name@host.
    plain = re.sub(r"\s*[\[(]\s*at\s*[\])]\s*", "@", label.strip(), flags=re.IGNORECASE)
    return plain.lower() == ours.lower()


def _link_key(url: str) -> str:
    key = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return re.sub(r"^www\.", "", key).rstrip("/")


_PLATFORM_DOMAINS = {
    "linkedin": ("linkedin.com",),
    "github": ("github.com",),
    "gitlab": ("gitlab.com",),
    "x/twitter": ("x.com", "twitter.com"),
    "twitter": ("twitter.com", "x.com"),
    "orcid": ("orcid.org",),
    "youtube": ("youtube.com",),
    "quora": ("quora.com",),
    "facebook": ("facebook.com", "fb.com", "fb.co", "facebook"),
    "mastodon": ("",),
}


def link_found(label: str, ours: list[str]) -> bool:
    keys = [_link_key(u) for u in ours]
    url = re.search(r"https?://\S+?(?=\)|$|\s)", label)
    if url:
        key = _link_key(url.group())
        if key.endswith("..."):  # the label gives the start of a long target, then "..."
            return any(k.startswith(key[:-3]) for k in keys)
        return key in keys
    m = re.match(r"^\s*([\w/]+)\s*:(?://)?\s*@?(.+?)\s*$", label)
    if m and m.group(1).lower() in _PLATFORM_DOMAINS:
        platform, handle = m.group(1).lower(), m.group(2).lower().lstrip("@")
        if platform == "mastodon":
            handle = handle.split("@")[0]
        domains = _PLATFORM_DOMAINS[platform]
        return any(
            any(d in k for d in domains) and re.search(rf"(^|/)@?{re.escape(handle)}$", k)
            for k in keys
        )
    return _link_key(label) in keys


def skill_found(label: str, ours: list[str], taxonomy: Taxonomy) -> bool:
    """Whether a skill item as printed is among ours: by its words or the skill it names."""
    ours_folded = {fold(s) for s in ours}
    # "SPM (beginner)", "Python: advanced": the item is the skill, the level is extra.
    bare = re.sub(r"\s*(?:\([^()]*\)|[:–-]\s*\w+)\s*$", "", label).strip()
    if fold(label) in ours_folded or (bare and fold(bare) in ours_folded):
        return True
    direct = taxonomy.lookup(label)
    if direct is not None:
        return fold(direct.name) in ours_folded
    named = {fold(h.skill) for h in taxonomy.find(label, lambda _offset: True)}
    return bool(named & ours_folded)


_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def stated_years(statement: str) -> float | None:
    """The number of years a label's verbatim statement gives ("15+ years", "two decades")."""
    m = re.search(r"\d+", statement)
    if m:
        return float(m.group())
    m = re.search(r"\b(" + "|".join(_NUMBER_WORDS) + r")\s+decades?", statement, re.IGNORECASE)
    return float(_NUMBER_WORDS[m.group(1).lower()] * 10) if m else None


def _heading_key(heading: str) -> str:
    """A heading without the icons, dots and colons printed around it."""
    return fold(re.sub(r"^[\W_]+|[\W_]+$", "", heading))


def same_name(label: str, ours: str | None) -> bool:
    return bool(ours) and " ".join(ours.split()).casefold() == " ".join(label.split()).casefold()


# --- tallies --------------------------------------------------------------------------


@dataclass
class Tally:
    found: int = 0
    total: int = 0
    false_positives: int = 0
    wrong: int = 0  # names: a name given that is not theirs (a null is a miss, not wrong)
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.total += other.total
        self.false_positives += other.false_positives
        self.wrong += other.wrong
        self.misses += other.misses

    def cell(self) -> str:
        return f"{self.found}/{self.total}" if self.total else "-"

    def line(self, name: str, files: int = 0) -> str:
        out = f"{name:<10} {self.found:>4}/{self.total:<4} {self.rate:6.1%}"
        if self.wrong:
            out += f", {self.wrong} wrong ({self.wrong / self.total:.1%})"
        if self.false_positives or name in ("emails", "phones"):
            per = (
                f" = 1 per {files / self.false_positives:.0f} files"
                if self.false_positives and files
                else ""
            )
            out += f", {self.false_positives} false positive(s){per}"
        return out


FIELDS = (
    "emails",
    "phones",
    "names",
    "links",
    "skills",
    "headings",
    "years",
    "places",
    "flagged",
)


@dataclass
class Report:
    emails: Tally = field(default_factory=Tally)
    phones: Tally = field(default_factory=Tally)
    names: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    skills: Tally = field(default_factory=Tally)
    headings: Tally = field(default_factory=Tally)
    years: Tally = field(default_factory=Tally)
    places: Tally = field(default_factory=Tally)  # where they live (not one of the targets)
    flagged: Tally = field(default_factory=Tally)
    files: int = 0  # files whose fields were measured
    unread: list[str] = field(default_factory=list)  # formats this build does not read
    # Files without a usable text layer that OCR read: their figures are the photos' in
    # tests/accuracy_formats.py, not the text layer's here.
    read_by_ocr: list[str] = field(default_factory=list)
    results: dict[str, ParsedResume] = field(default_factory=dict)

    def add(self, other: Report) -> None:
        for name in FIELDS:
            getattr(self, name).add(getattr(other, name))
        self.files += other.files
        self.unread += other.unread
        self.read_by_ocr += other.read_by_ocr
        self.results.update(other.results)

    def lines(self) -> list[str]:
        return [getattr(self, name).line(name, self.files) for name in FIELDS]


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
    extra = [g for i, g in enumerate(got) if i not in matched_ours]
    tally.false_positives += len(extra)
    for item in extra:
        tally.misses.append(f"{name}: false positive {item}")


def score_file(sample: Sample, result: ParsedResume, taxonomy: Taxonomy) -> Report:
    """One file's figures against its label."""
    report = Report()
    label, name = sample.label, sample.name
    report.results[name] = result
    status = label["text_extraction"]["status"]
    textless = status != "ok"
    if textless and result.ocr:
        report.read_by_ocr.append(name)
        return report
    if textless and not result.ok:
        report.flagged.total += 1
        if result.outcome in _NO_TEXT:
            report.flagged.found += 1
        else:
            report.flagged.misses.append(f"{name}: {result.outcome} {result.error}")
        return report
    if not result.ok:
        if result.outcome == "unsupported":
            report.unread.append(f"{name} ({result.error})")
            return report
        report.flagged.false_positives += 1
        report.flagged.misses.append(f"{name}: {result.outcome} {result.error}")
    report.files += 1
    _tally_list(report.emails, name, label["emails"], result.emails, email_matches)
    _tally_list(report.phones, name, label["phones"], result.phones, phone_matches)
    report.names.total += 1
    if same_name(label["name"], result.name):
        report.names.found += 1
    else:
        if result.name:
            report.names.wrong += 1
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
    ours = {_heading_key(h) for h in result.sections}
    for heading in label["section_headings"]:
        report.headings.total += 1
        if _heading_key(heading) in ours:
            report.headings.found += 1
        else:
            report.headings.misses.append(f"{name}: {heading}")
    if label["years_experience"]:
        report.years.total += 1
        stated = stated_years(label["years_experience"])
        if result.years_experience == stated:
            report.years.found += 1
        else:
            report.years.misses.append(
                f"{name}: {result.years_experience} vs {label['years_experience']}"
            )
    place = label.get("location")
    if place:
        report.places.total += 1
        if same_place(place, result.location):
            report.places.found += 1
        else:
            report.places.misses.append(f"{name}: {result.location!r} vs {place!r}")
    elif result.location:
        report.places.false_positives += 1
        report.places.misses.append(f"{name}: false positive {result.location!r}")
    return report


def same_place(label: str, ours: str | None) -> bool:
    """Ours names the labelled place: the same text, a part of it ("Toronto, Canada" of "ON
    M6J 1H4, Toronto, Canada"), or its first part ("Kraków" of "Kraków, Poland")."""
    if not ours:
        return False
    want, got = fold(label), fold(ours)
    return got in want or want in got or fold(label.split(",")[0]) in got


@dataclass
class RealEvaluation:
    halves: dict[str, Report]  # "dev", "test"
    by_family: dict[tuple[str, str], Report]  # (half, family)
    by_language: dict[tuple[str, str], Report]  # (half, language)
    samples: list[Sample]


def evaluate_real(taxonomy: Taxonomy | None = None) -> RealEvaluation:
    taxonomy = taxonomy or load_taxonomy()
    samples = load_samples()
    halves = {"dev": Report(), "test": Report()}
    by_family: dict[tuple[str, str], Report] = {}
    by_language: dict[tuple[str, str], Report] = {}
    for sample in samples:
        result = parse_bytes(sample.path.read_bytes(), sample.name, taxonomy=taxonomy)
        one = score_file(sample, result, taxonomy)
        halves[sample.half].add(one)
        by_family.setdefault((sample.half, sample.family), Report()).add(one)
        by_language.setdefault((sample.half, sample.language), Report()).add(one)
    return RealEvaluation(halves, by_family, by_language, samples)


def evaluate(taxonomy: Taxonomy | None = None) -> Report:
    """Both halves together (kept for callers that want one report)."""
    evaluation = evaluate_real(taxonomy)
    report = Report()
    for half in evaluation.halves.values():
        report.add(half)
    return report


# --- generated PDFs -------------------------------------------------------------------


@dataclass
class GeneratedReport:
    by_layout: dict[str, Report] = field(default_factory=dict)  # "producer layout" -> report

    def total(self) -> Report:
        report = Report()
        for part in self.by_layout.values():
            report.add(part)
        return report


# Half in the office and design-site layouts (sidebar first, narrow columns, names in
# capitals, on two lines, letter-spaced), half in the generator's own one- and
# two-column layouts by its two PDF producers.
GENERATED_MIX = {"pdf_designs": 0.5, "pdf_reportlab": 0.25, "pdf_qt": 0.25}


def write_generated(
    folder: Path, count: int = GENERATED_COUNT, seed: int = GENERATED_SEED
) -> list[Path]:
    """One- and two-column PDFs from the generator in ``app/samples``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.samples import write_batch

    return write_batch(folder, count, seed=seed, formats=GENERATED_MIX)


def evaluate_generated(
    taxonomy: Taxonomy | None = None, count: int = GENERATED_COUNT, folder: Path | None = None
) -> GeneratedReport:
    taxonomy = taxonomy or load_taxonomy()
    out = GeneratedReport()
    with tempfile.TemporaryDirectory(prefix="shortlist-accuracy-") as tmp:
        paths = write_generated(Path(folder or tmp), count)
        for path in paths:
            truth = json.loads(
                path.with_name(path.name + ".truth.json").read_text(encoding="utf-8")
            )
            result = parse_bytes(path.read_bytes(), path.name, taxonomy=taxonomy)
            layout = truth.get("design") or truth["layout"]
            report = out.by_layout.setdefault(f"{truth['producer']} {layout}", Report())
            report.files += 1
            report.results[path.name] = result
            _tally_list(report.emails, path.name, truth["emails"], result.emails, email_matches)
            _tally_list(report.phones, path.name, truth["phones"], result.phones, phone_matches)
            for link in truth["links"]:
                report.links.total += 1
                if link_found(link, result.links):
                    report.links.found += 1
                else:
                    report.links.misses.append(
                        f"{path.name} ({layout}): {link} (got {result.links})"
                    )
            report.names.total += 1
            if same_name(truth["name"], result.name):
                report.names.found += 1
            else:
                report.names.wrong += bool(result.name)
                report.names.misses.append(
                    f"{path.name} ({layout}): {result.name!r} != {truth['name']!r}"
                )
    return out


# --- the 310 labelled text resumes (ner-dotin) ---------------------------------------

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


def ner_half(file: str) -> str:
    """The half of the text resumes a file belongs to, by a rule fixed before any tuning:
    the SHA-1 of its file name ("17.xml") read as a number; even is development, odd test."""
    return "dev" if int(hashlib.sha1(file.encode()).hexdigest(), 16) % 2 == 0 else "test"


def evaluate_ner(taxonomy: Taxonomy | None = None) -> dict[str, dict[str, Tally]]:
    """Names and e-mails of the text resumes, per half ("dev", "test"): a check on resumes
    the parser was not written against. Tune on the development half only."""
    taxonomy = taxonomy or load_taxonomy()
    halves = {half: {"names": Tally(), "emails": Tally()} for half in ("dev", "test")}
    for file, text, labels in ner_documents():
        names, emails = halves[ner_half(file)]["names"], halves[ner_half(file)]["emails"]
        result = parse_bytes(text.encode("utf-8"), file.replace(".xml", ".txt"), taxonomy=taxonomy)
        if labels.get("Name"):
            names.total += 1
            expected = labels["Name"][0]
            if result.name and result.name.casefold() == expected.casefold():
                names.found += 1
            else:
                names.wrong += bool(result.name)
                names.misses.append(f"{file}: {result.name!r} != {expected!r}")
        if labels.get("Email Address"):
            _tally_list(
                emails,
                file,
                labels["Email Address"][:1],
                result.emails,
                lambda a, b: a.lower() == b.lower(),
            )
            emails.false_positives = 0  # the texts hold referees' and employers' addresses too
    return halves


# --- printing -------------------------------------------------------------------------

TARGETS = (
    "targets on the test half: emails 100 % (<= 1 false positive per 50 files), "
    "phones >= 95 % (<= 1 per 20 files), names >= 95 % right and <= 2 % wrong, links >= 90 %, "
    "skills >= 85 %; generated PDFs: names and emails >= 98 %"
)
_COLUMNS = ("emails", "phones", "names", "links", "skills")


def _table(title: str, groups: dict[str, Report]) -> list[str]:
    out = [
        f"  {title:<22} {'files':>5} "
        + " ".join(f"{c:>10}" for c in _COLUMNS)
        + "  wrong names  FP e/p"
    ]
    for group, report in sorted(groups.items()):
        cells = " ".join(f"{getattr(report, c).cell():>10}" for c in _COLUMNS)
        out.append(
            f"  {group:<22} {report.files:>5} {cells}  {report.names.wrong:>11}  "
            f"{report.emails.false_positives}/{report.phones.false_positives}"
        )
    return out


def print_real(evaluation: RealEvaluation, misses: str | None, out=sys.stdout) -> None:
    counts = {h: sum(1 for s in evaluation.samples if s.half == h) for h in ("dev", "test")}
    print(
        f"Parser accuracy on {len(evaluation.samples)} labelled real resumes "
        f"({counts['dev']} development, {counts['test']} test)",
        file=out,
    )
    print(f"({TARGETS})", file=out)
    for half in ("test", "dev"):
        report = evaluation.halves[half]
        print(f"\n{half.upper()} half: fields measured on {report.files} files", file=out)
        for line in report.lines():
            print("  " + line, file=out)
        if report.unread:
            print(
                f"  not read by this build ({len(report.unread)}): " + "; ".join(report.unread),
                file=out,
            )
        families = {f: r for (h, f), r in evaluation.by_family.items() if h == half}
        languages = {lang: r for (h, lang), r in evaluation.by_language.items() if h == half}
        for line in _table("producer", families) + _table("language", languages):
            print(line, file=out)
    for half in ("dev", "test"):
        if misses in (half, "all"):
            report = evaluation.halves[half]
            for name in FIELDS:
                for miss in getattr(report, name).misses:
                    print(f"  {half} miss {name}: {miss}", file=out)


def print_generated(generated: GeneratedReport, verbose: bool, out=sys.stdout) -> None:
    total = generated.total()
    print(f"\nGenerated PDFs ({total.files}): names, e-mails, phones, links", file=out)
    print(f"  {total.names.line('names', total.files)}", file=out)
    print(f"  {total.emails.line('emails', total.files)}", file=out)
    print(f"  {total.phones.line('phones', total.files)}", file=out)
    print(f"  {total.links.line('links', total.files)}", file=out)
    for line in _table("producer and layout", generated.by_layout):
        print(line, file=out)
    if verbose:
        for miss in (
            total.names.misses + total.emails.misses + total.phones.misses + total.links.misses
        ):
            print(f"  miss: {miss}", file=out)


def print_ner(halves: dict[str, dict[str, Tally]], misses: str | None, out=sys.stdout) -> None:
    files = sum(t["names"].total for t in halves.values())
    print(
        f"\nText resumes (ner-dotin), {files} with a labelled name; halves by the parity "
        "of the SHA-1 of the file name: even development, odd test",
        file=out,
    )
    for half in ("test", "dev"):
        print(f"  {half.upper()} half", file=out)
        names, emails = halves[half]["names"], halves[half]["emails"]
        print(f"    {names.line('names')}", file=out)
        # Not "false positives": the texts hold referees' and employers' addresses too.
        print(
            f"    {'emails':<10} {emails.found:>4}/{emails.total:<4} {emails.rate:6.1%}", file=out
        )
    for half in ("dev", "test"):
        if misses in (half, "all"):
            for name, tally in halves[half].items():
                for miss in tally.misses:
                    print(f"  {half} ner miss {name}: {miss}", file=out)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tests.accuracy", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("-v", action="store_true", help="list the development half's misses")
    parser.add_argument(
        "--misses",
        choices=("dev", "test", "all"),
        default=None,
        help="list the misses of a half (tune on dev only)",
    )
    parser.add_argument(
        "--generated",
        type=int,
        default=GENERATED_COUNT,
        metavar="N",
        help=f"generated PDFs to measure (default {GENERATED_COUNT}; 0 to skip)",
    )
    parser.add_argument(
        "--no-ner", action="store_true", help="skip the 310 labelled text resumes (ner-dotin)"
    )
    args = parser.parse_args(argv)
    misses = args.misses or ("dev" if args.v else None)
    taxonomy = load_taxonomy()
    print_real(evaluate_real(taxonomy), misses)
    if args.generated:
        print_generated(evaluate_generated(taxonomy, args.generated), args.v)
    if not args.no_ner:
        print_ner(evaluate_ner(taxonomy), misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
