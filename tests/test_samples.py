"""Tests for app/samples/: the synthetic resumes must be deterministic, valid files,
and their ground truth must be exactly what a careful reader finds in them."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import phonenumbers
import pytest

from app import samples
from app.samples import (
    ALIASES,
    ALL_CANONICAL,
    FAMILY_SKILLS,
    LANGUAGE_SKILLS,
    ground_truth,
    make_people,
    render_docx,
    render_txt,
    write_batch,
    years_of_experience,
)
from app.samples.batch import PRODUCERS, assign_formats
from app.samples.render import fit_pages, qt, reportlab
from app.samples.skills import implied_by_title, names_missing_from

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def norm(text: str) -> str:
    """What a parser sees after the usual clean-up of extracted PDF text: NFKC (ligatures),
    no (cid:N) glyph codes, and all whitespace (Qt puts TABs between words) collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\(cid:\d+\)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def people() -> list[samples.SamplePerson]:
    return make_people(400, seed=11)


@pytest.fixture(scope="module")
def variant_people() -> list[samples.SamplePerson]:
    return make_people(400, seed=11, variants=True)


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_batch(tmp_path_factory.mktemp("mixed"), 100, seed=5)


@pytest.fixture(scope="module")
def pdf_batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_batch(
        tmp_path_factory.mktemp("pdfs"),
        24,
        seed=9,
        formats={"pdf_reportlab": 0.5, "pdf_qt": 0.5},
        variants=True,
    )


def truth_of(path: Path) -> dict:
    return json.loads(path.with_name(path.name + ".truth.json").read_text(encoding="utf-8"))


# --- determinism -------------------------------------------------------------------------


def test_same_seed_gives_same_truth() -> None:
    def truths(seed: int) -> list[dict]:
        return [ground_truth(p, file="x", producer="txt") for p in make_people(40, seed=seed)]

    assert truths(3) == truths(3)
    assert truths(3) != truths(4)


def test_people_do_not_depend_on_batch_size_or_variants() -> None:
    small = make_people(15, seed=2)
    large = make_people(40, seed=2, variants=True)
    for a, b in zip(small, large, strict=False):
        assert (a.name, a.emails, a.phones, a.location) == (b.name, b.emails, b.phones, b.location)
        assert [j.truth() for j in a.experience] == [j.truth() for j in b.experience]
        assert a.skills == b.skills


def test_write_batch_is_deterministic(tmp_path: Path) -> None:
    mix = {"pdf_reportlab": 1, "docx": 1, "txt": 1, "markdown": 1}
    first = write_batch(tmp_path / "a", 12, seed=1, formats=mix)
    second = write_batch(tmp_path / "b", 12, seed=1, formats=mix)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name  # reportlab runs in invariant mode
        assert truth_of(a) == truth_of(b)


def test_importing_the_module_does_not_start_qt() -> None:
    code = "import sys, app.samples; print('PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# --- people ------------------------------------------------------------------------------


def test_skills_are_canonical_and_in_range(people: list[samples.SamplePerson]) -> None:
    for p in people:
        pool = FAMILY_SKILLS[p.role_family]
        assert set(p.family_skills) <= set(pool)
        assert min(6, len(pool)) <= len(p.family_skills) <= 14
        assert 1 <= len(p.languages) <= 3 and set(p.languages) <= set(LANGUAGE_SKILLS)
        assert len(set(p.skills)) == len(p.skills)
        assert 1 <= len(p.experience) <= 6
        assert p.title == p.experience[0].title and 1 <= len(p.title.split()) <= 3
        for job in p.experience:  # a title that names a skill comes with that skill
            assert implied_by_title(job.title) <= set(p.skills)


def test_generator_skills_are_taxonomy_skills() -> None:
    # The families in resources/samples name skills; the taxonomy must know each by that
    # exact canonical name, or the generator's truth would name skills no parser can find.
    from parsing.taxonomy import load_taxonomy

    canonical = {skill.name for skill in load_taxonomy().skills}
    assert names_missing_from(canonical) == []
    assert names_missing_from(canonical - {"Kubernetes"}) == ["Kubernetes"]


def test_emails_are_ascii_reserved_and_unique(people: list[samples.SamplePerson]) -> None:
    emails = [e for p in people for e in p.emails]
    assert len(emails) == len(set(emails))
    for e in emails:
        assert e.isascii() and re.fullmatch(r"[a-z0-9._-]+@([a-z]+\.)?example\.(com|org|net)", e)


def test_links_are_full_https_urls_and_printed_forms_point_to_them(
    people: list[samples.SamplePerson],
) -> None:
    forms = Counter()
    for p in people:
        for url, printed in zip(p.links, p.links_printed, strict=True):
            assert re.fullmatch(r"https://(www\.linkedin\.com/in/|github\.com/)?[a-z0-9.-]+", url)
            assert printed.rstrip("/").removeprefix("https://").removeprefix("www.") == (
                url.removeprefix("https://").removeprefix("www.")
            )
            forms["full" if printed.startswith("https://") else "bare"] += 1
    assert forms["full"] > 20 and forms["bare"] > 20


def test_phones_are_valid_and_printed_forms_parse_back(people: list[samples.SamplePerson]) -> None:
    countries = Counter()
    for p in people:
        assert p.phones and len(p.phones) == len(p.phones_printed)
        for e164, printed in zip(p.phones, p.phones_printed, strict=True):
            number = phonenumbers.parse(e164)
            assert phonenumbers.is_valid_number(number), (p.name, e164)
            assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164
            back = phonenumbers.parse(printed, p.country)
            assert phonenumbers.format_number(back, phonenumbers.PhoneNumberFormat.E164) == e164
            if p.country in ("US", "CA"):
                assert e164[5:8] != "555"
        countries[p.country] += 1
    assert len(countries) >= 15


def test_only_the_real_phones_look_like_phones(people: list[samples.SamplePerson]) -> None:
    """Postcodes, order and ticket numbers are in the text, but a phone matcher that
    validates numbers finds only the truth's phones, apart from date ranges such as
    "07/2019 — 07/2021", which libphonenumber reads as a US number and a parser must
    drop (they are printed as dates, so that is decidable)."""
    decoys = date_hits = 0
    for p in people[:200]:
        text = render_txt(p)
        date_spans = [
            (m.start(), m.end())
            for d in {j.dates for j in p.experience} | {e.years for e in p.education}
            for m in re.finditer(re.escape(d), text)
        ]
        found = set()
        for m in phonenumbers.PhoneNumberMatcher(text, p.country):
            e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in p.phones:
                found.add(e164)
            else:
                assert any(a < m.end and m.start < b for a, b in date_spans), (p.name, m.raw_string)
                date_hits += 1
        assert found == set(p.phones), (p.name, p.country, found, p.phones)
        for d in p.number_decoys:
            assert d in text
            assert not any(True for _ in phonenumbers.PhoneNumberMatcher(d, p.country))
        decoys += len(p.number_decoys)
    assert decoys > 200


def test_resume_languages_share(people: list[samples.SamplePerson]) -> None:
    langs = Counter(p.language for p in people)
    assert set(langs) == {"en", "de", "fr", "es", "pt", "pl", "it", "nl"}
    assert 0.08 <= 1 - langs["en"] / len(people) <= 0.24


def test_years_statement_share_and_value(people: list[samples.SamplePerson]) -> None:
    stated = [p for p in people if p.years_statement]
    assert 0.2 <= len(stated) / len(people) <= 0.4
    for p in stated:
        assert p.years_experience == p.years_stated
        assert p.years_statement in p.summary
    for p in people:
        if not p.years_statement:
            assert p.years_experience == p.years_from_dates


# --- years of experience -------------------------------------------------------------------


def test_years_with_overlaps_and_gaps() -> None:
    ref = date(2026, 11, 1)
    # Jan 2019 – present (94 months) overlaps Mar 2015 – Aug 2019, which overlaps
    # 2012 – 2016 (a year alone means January): one unbroken span Jan 2012 – Nov 2026.
    jobs = [((2019, 1), None), ((2015, 3), (2019, 8)), ((2012, 1), (2016, 1))]
    assert years_of_experience(jobs, ref) == 14.8
    # A gap is not counted: 2008 – 2010 (24 months) plus Jun 2011 – Dec 2011 (6 months).
    assert years_of_experience([((2008, 1), (2010, 1)), ((2011, 6), (2011, 12))], ref) == 2.5
    # A job fully inside another adds nothing; the order of entries does not matter.
    assert years_of_experience([((2020, 1), (2020, 6)), ((2019, 1), (2021, 1))], ref) == 2.0
    # "present" is the reference date, which is a parameter.
    assert years_of_experience([((2024, 11), None)], date(2025, 11, 1)) == 1.0


def test_person_years_use_the_merged_ranges(people: list[samples.SamplePerson]) -> None:
    overlapping = 0
    for p in people:
        spans = [(j.start, j.end) for j in p.experience]
        assert p.years_from_dates == years_of_experience(spans, p.reference)
        naive = years_of_experience([spans[0]], p.reference)
        overlapping += sum(
            1
            for a, b in zip(p.experience, p.experience[1:], strict=False)
            if b.end is not None and b.end > a.start
        )
        assert p.years_from_dates >= naive
    assert overlapping > 10  # the generator really does produce overlapping jobs


def test_job_truth_matches_what_is_printed(people: list[samples.SamplePerson]) -> None:
    for p in people[:100]:
        text = render_txt(p)
        for job in p.experience:
            t = job.truth()
            assert job.dates in text and job.title in text and job.employer in text
            if job.precision == "year":
                assert re.fullmatch(r"\d{4}", t["start"]) and str(job.start[0]) in job.dates
            else:
                assert re.fullmatch(r"\d{4}-\d{2}", t["start"]) and str(job.start[0]) in job.dates
            assert t["end"] == "present" or t["end"][:4] in job.dates


# --- variants and traps --------------------------------------------------------------------


_CASE_SENSITIVE = {
    "Go",
    "R",
    "Rust",
    "Ruby",
    "Excel",
    "Spark",
    "Lean",
    "Node",
    "Rails",
    "Epic",
    "Sketch",
    "Jest",
    "Flask",
    "Java",
    "React",
    "Angular",
    "Redux",
    "Jenkins",
    "Snowflake",
    "Tableau",
    "Airflow",
    "Mongo",
    "Kafka",
    "Git",
    "Svelte",
}


def _skill_words() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Two alternations (case-sensitive: short names, ordinary English words, languages;
    the rest case-insensitive) over every canonical name and alias -> canonical."""
    owner: dict[str, str] = {}
    exact, loose = [], []
    for canonical in ALL_CANONICAL:
        for term in (canonical, *ALIASES.get(canonical, ())):
            sensitive = term in _CASE_SENSITIVE or len(term) <= 4 or term in LANGUAGE_SKILLS
            (exact if sensitive else loose).append(term)
            owner[term if sensitive else term.casefold()] = canonical

    def alternation(terms: list[str], flags: int) -> re.Pattern[str]:
        body = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        return re.compile(r"(?<![\w.#+/-])(?:" + body + r")(?![\w#+]|\.\w|-\w)", flags)

    return alternation(exact, 0), alternation(loose, re.IGNORECASE), owner


_EXACT, _LOOSE, _OWNER = _skill_words()


def _unclaimed_skill_words(p: samples.SamplePerson) -> list[str]:
    text = flat(render_txt(p))
    for trap in p.traps:
        text = text.replace(trap.phrase, " ")
    for printed in sorted(set(p.printed.values()), key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(printed) + r"(?!\w)", " ", text)
    hits = [m.group(0) for m in _EXACT.finditer(text)]
    hits += [m.group(0).casefold() for m in _LOOSE.finditer(text)]
    return [f"{_OWNER[h]}: {h!r}" for h in hits if _OWNER[h] not in p.skills]


@pytest.mark.parametrize("which", ["people", "variant_people"])
def test_no_skill_is_printed_that_the_person_does_not_claim(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Checks canonical names and the aliases we print; trap phrases are the exception."""
    for p in request.getfixturevalue(which):
        assert _unclaimed_skill_words(p) == [], p.name


def test_variant_spellings(variant_people: list[samples.SamplePerson]) -> None:
    total = varied = 0
    for p in variant_people:
        text = flat(render_txt(p))
        for printed, canonical in p.variant_spellings.items():
            assert canonical in p.skills and printed not in ALL_CANONICAL
            assert printed in text
        total += len(p.family_skills)
        varied += sum(1 for s in p.family_skills if p.printed[s] != s)
    assert 0.15 <= varied / total <= 0.35
    from rapidfuzz import fuzz

    for canonical, typos in samples.TYPOS.items():
        for typo in typos:
            assert fuzz.ratio(typo.lower(), canonical.lower()) >= 85, typo


def test_traps_are_printed_and_not_claimed(variant_people: list[samples.SamplePerson]) -> None:
    imitated = Counter()
    for p in variant_people:
        text = flat(render_txt(p))
        for trap in p.traps:
            assert trap.phrase in text, (p.name, trap.phrase)
            assert trap.imitates in ALL_CANONICAL and trap.imitates not in p.skills
            imitated[trap.imitates] += 1
    assert sum(imitated.values()) > 300 and len(imitated) > 20
    assert imitated["R"] and imitated["Go"] and imitated["React"]
    assert not any(p.traps or p.variant_spellings for p in make_people(50, seed=11))


# --- files ---------------------------------------------------------------------------------


def test_mix_of_formats_and_layouts(mixed_batch: list[Path]) -> None:
    truths = [truth_of(p) for p in mixed_batch]
    producers = Counter(t["producer"] for t in truths)
    for key, share in samples.DEFAULT_FORMATS.items():
        producer = PRODUCERS[key][0]
        assert abs(producers[producer] - 100 * share) <= 3, producers
    pdfs = [t for t in truths if t["format"] == "pdf"]
    two = sum(t["layout"] == "two_column" for t in pdfs)
    assert abs(two - len(pdfs) / 2) <= 2
    assert all(t["layout"] == "one_column" for t in truths if t["format"] == "txt")
    assert {t["format"] for t in truths} == {"pdf", "docx", "txt"}
    for path, t in zip(mixed_batch, truths, strict=True):
        assert t["file"] == path.name and path.suffix == "." + t["format"]
        assert set(t) >= {
            "file",
            "format",
            "producer",
            "layout",
            "language",
            "name",
            "emails",
            "phones",
            "phones_printed",
            "links",
            "location",
            "title",
            "skills",
            "skills_section",
            "sections",
            "years_experience",
            "years_statement",
            "education",
            "pages",
            "experience",
            "traps",
            "variant_spellings",
        }
        assert t["pages"] is None or 1 <= t["pages"] <= 3


def test_shares_are_exact_enough_for_any_n() -> None:
    for n in (20, 100, 1000):
        plan = assign_formats(n, samples.DEFAULT_FORMATS, seed=0)
        counts = Counter(k for k, _ in plan)
        for key, share in samples.DEFAULT_FORMATS.items():
            assert abs(counts[key] - n * share) <= 2
    assert (
        assign_formats(50, samples.DEFAULT_FORMATS, 0)
        == assign_formats(500, samples.DEFAULT_FORMATS, 0)[:50]
    )


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        write_batch(tmp_path, 3, formats={"pdf": 1.0})


@pytest.fixture(scope="module")
def pdf_texts(pdf_batch: list[Path]) -> dict[Path, str]:
    from pdfminer.high_level import extract_text

    return {path: norm(extract_text(path)) for path in pdf_batch}


def test_pdfs_extract_with_pdfminer(pdf_texts: dict[Path, str]) -> None:
    from pdfminer.pdfpage import PDFPage

    layouts = Counter()
    for path, text in pdf_texts.items():
        t = truth_of(path)
        assert norm(t["name"]) in text, path.name
        for email in t["emails"]:
            assert email in text, (path.name, email)
        for heading in t["sections"]:
            assert norm(heading) in text, (path.name, heading)
        assert norm(t["experience"][0]["title"]) in text
        with path.open("rb") as fh:
            pages = sum(1 for _ in PDFPage.get_pages(fh))
        assert pages == t["pages"] and 1 <= pages <= 3, path.name
        layouts[t["producer"], t["layout"]] += 1
    assert len(layouts) == 4  # reportlab and Qt, one and two columns


def test_page_counts_vary() -> None:
    pages = Counter()
    for i, p in enumerate(make_people(60, seed=21)):
        render = reportlab.render_scaled if i % 2 else qt.render_scaled
        pages[fit_pages(render, p, i % 4 < 2)[1]] += 1
    assert set(pages) <= {1, 2, 3} and pages[1] and pages[2]


def test_docx_is_valid_wordprocessingml(people: list[samples.SamplePerson]) -> None:
    for i, p in enumerate(people[:30]):
        data = render_docx(p, two_column=i % 3 == 0)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None
            names = zf.namelist()
            assert names[0] == "[Content_Types].xml"
            assert {"_rels/.rels", "word/document.xml", "word/styles.xml"} <= set(names)
            for name in names:
                ElementTree.fromstring(zf.read(name))
            root = ElementTree.fromstring(zf.read("word/document.xml"))
        text = " ".join(t.text or "" for t in root.iter(f"{W}t"))
        assert p.name in text and p.emails[0] in text
        for heading in ground_truth(p, file="x", producer="docx", two_column=i % 3 == 0)[
            "sections"
        ]:
            assert heading in text
        assert (root.find(f"{W}body/{W}tbl") is not None) == (i % 3 == 0)


def test_docx_opens_in_python_docx(people: list[samples.SamplePerson]) -> None:
    import docx  # an independent reader (python-docx, a test dependency)

    for i, p in enumerate(people[:10]):
        document = docx.Document(io.BytesIO(render_docx(p, two_column=i % 2 == 0)))
        assert any(p.name in para.text for para in document.paragraphs)


def test_text_files_decode_with_their_encoding(mixed_batch: list[Path]) -> None:
    markdown = 0
    for path in mixed_batch:
        t = truth_of(path)
        if t["format"] != "txt":
            continue
        raw = path.read_bytes()
        text = raw.decode(t["encoding"])
        assert (t["encoding"] == "utf-8-sig") == raw.startswith(b"\xef\xbb\xbf")
        assert t["name"] in text and all(e in text for e in t["emails"])
        for heading in t["sections"]:
            assert heading in text
        if t["producer"] == "markdown":
            markdown += 1
            assert text.startswith("# ") and "\n## " in text.replace("\r\n", "\n")
    assert markdown >= 3


def test_pdf_contact_lines_stay_whole(pdf_texts: dict[Path, str]) -> None:
    """Sidebars shrink long lines instead of wrapping them; Qt one-column contact lines
    that would wrap (Qt breaks after hyphens) go one item per line."""
    for path, text in pdf_texts.items():
        t = truth_of(path)
        for link in t["links_printed"]:
            assert link in text, (path.name, link)
        for phone in t["phones_printed"]:
            assert norm(phone) in text, (path.name, phone)
