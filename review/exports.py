"""Shortlists for hiring managers: the data, one self-contained HTML file, and CSV.

A hiring manager never opens Shortlist. They read what the recruiter exports,
decide (yes / maybe / no, with a comment), and the recruiter reads their
answers back as suggestions: a manager's "no" still goes through the humane
gate. The PDF is the same HTML laid out by Qt (app/export_pdf.py).
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from datetime import date

from review import audit
from review.db import Store, now_iso
from review.excerpts import excerpt, looks_like_address, place_for_headline
from review.hidden import Redactor
from review.jobs import Job
from review.people import decoded, pseudonym
from review.ranking import Ranker
from review.report import Report, build_report, days_text
from review.status import LABELS, PAST_SCREENING

CSV_COLUMNS = (
    "rank",
    "person_id",
    "name",
    "headline",
    "score",
    "recommendation",
    "parts",
    "evidence",
    "brings",
    "emails",
    "phones",
    "links",
    "location",
    "status",
    "manager_decision",
    "manager_comment",
)


@dataclass
class PartOut:
    criterion: str
    kind: str
    points: float
    weight: float
    quotes: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class PersonOut:
    rank: int
    person_id: int
    application_id: int
    name: str
    headline: str
    score: float
    recommendation: str
    reasons: list[str]
    parts: list[PartOut]
    brings: str
    emails: list[str]
    phones: list[str]
    links: list[str]
    location: str | None
    status: str
    manager_decision: str | None
    manager_comment: str | None


@dataclass
class Shortlist:
    job_title: str
    description: str
    criteria: list[dict]
    min_years: float | None
    location: str | None
    remote: bool
    reviewer: str
    date: str
    blind: bool
    include: str
    people: list[PersonOut]
    heard_back: Report | None = None  # the report's figures, when the recruiter includes them


def _quote(text: str, start: int, end: int, width: int = 140) -> str:
    """The line around a piece of evidence, trimmed at word or sentence boundaries."""
    return excerpt(text, start, end, width)


_SHORTLIST_ROWS = (
    "SELECT a.id AS application_id, a.status, a.brings, a.manager_decision, a.manager_comment, "
    "p.id, p.name, p.title, p.years_experience, p.location, p.emails, p.phones, p.links, d.text "
    "FROM applications a JOIN people p ON p.id = a.person_id "
    "JOIN documents d ON d.id = p.document_id WHERE a.job_id = ?"
)


def _parts_out(score, text: str) -> list[PartOut]:
    """Each part of the score with up to two quotes of the words that earned it."""
    parts = []
    for part in score.parts:
        counted = [e for e in part.evidence if e.flag is None]
        quotes = dict.fromkeys(
            _quote(text, e.start, e.end) for e in counted[:3] if e.end <= len(text)
        )
        points = round(part.points, 2)
        parts.append(
            PartOut(part.criterion, part.kind, points, part.weight, list(quotes)[:2], part.note)
        )
    return parts


def _brings(store: Store, row: dict, blind: bool) -> str:
    """The reviewer's line on what they bring (or their person-first note), for the manager."""
    brings = (
        row["brings"]
        or store.scalar(
            "SELECT brings FROM disposition_notes WHERE application_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (row["application_id"],),
        )
        or ""
    )
    if blind and brings:
        # The reviewer's note may use the real name: a blind export never shows it.
        for part in (row["name"] or "").split():
            if len(part) >= 3:
                brings = brings.replace(part, "[name]")
    return brings


def _headline(row: dict, blind: bool) -> str:
    """The headline a manager reads: never a street address, only the town."""
    bits = [row["title"] if not looks_like_address(row["title"]) else ""]
    if row["years_experience"] is not None:
        bits.append(f"{row['years_experience']:g} years")
    if row["location"] and not blind:
        bits.append(place_for_headline(row["location"]) or "")
    return " · ".join(b for b in bits if b)


def _person_out(store: Store, job: Job, row: dict, position: int, score, blind: bool) -> PersonOut:
    name = pseudonym(row["id"], job.id) if blind else (row["name"] or f"Person #{row['id']}")
    return PersonOut(
        position,
        row["id"],
        row["application_id"],
        name,
        _headline(row, blind),
        score.total,
        score.recommendation,
        score.reasons,
        _parts_out(score, row["text"] or ""),
        _brings(store, row, blind),
        [] if blind else row["emails"],
        [] if blind else row["phones"],
        [] if blind else row["links"],
        None if blind else row["location"],
        row["status"],
        row["manager_decision"],
        row["manager_comment"],
    )


def build_shortlist(
    store: Store,
    job: Job,
    *,
    include: str = "shortlisted",
    blind: bool = False,
    reviewer: str = "",
    today: date | None = None,
    summary: bool = False,
    stale_days: int = 7,
) -> Shortlist:
    """The shortlist for an export; ``summary`` adds the report's figures (no names)."""
    if include not in ("shortlisted", "all"):
        raise ValueError("include must be shortlisted or all")
    ranker = Ranker(store, job)
    order = {r.person: position for position, r in enumerate(ranker.rank(), start=1)}
    statuses = PAST_SCREENING if include == "shortlisted" else None
    people: list[PersonOut] = []
    for row in store.query(_SHORTLIST_ROWS, (job.id,)):
        if statuses and row["status"] not in statuses:
            continue
        decoded(row)
        position = order.get(row["id"], len(order) + 1)
        score = ranker.score(row["id"])
        people.append(_person_out(store, job, row, position, score, blind))
        if blind:
            _redact(people[-1], Redactor(row))
    people.sort(key=lambda p: (p.rank, p.person_id))
    for number, person in enumerate(people, start=1):
        person.rank = number
    spec = job.spec
    return Shortlist(
        job.title,
        job.description,
        spec.get("criteria", []),
        spec.get("min_years"),
        spec.get("location"),
        bool(spec.get("remote")),
        reviewer,
        (today or date.today()).isoformat(),
        blind,
        include,
        people,
        build_report(store, job.id, stale_days=stale_days) if summary else None,
    )


def _redact(person: PersonOut, redactor: Redactor) -> None:
    """Every text field of a blind export without their name, contacts, links or address: the
    reviewer's words, the manager's, and the resume's own words in evidence quotes."""
    person.headline = redactor.redact(person.headline)
    person.brings = redactor.redact(person.brings)
    person.reasons = [redactor.redact(r) for r in person.reasons]
    person.manager_comment = (
        redactor.redact(person.manager_comment) if person.manager_comment else None
    )
    for part in person.parts:
        part.quotes = [redactor.redact(q) for q in part.quotes]
        part.note = redactor.redact(part.note) if part.note else part.note


# --- HTML ---------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 10.5pt;
       color: #1d1d1d; line-height: 1.4; margin: 0 auto; max-width: 190mm; padding: 12px; }
h1 { font-size: 19pt; margin: 0 0 2px 0; }
h2 { font-size: 13.5pt; margin: 18px 0 6px 0; border-bottom: 1.5px solid #2e7d32;
     padding-bottom: 3px; }
h3 { font-size: 12pt; margin: 0 0 2px 0; }
.meta { color: #555; margin-bottom: 10px; }
.criteria { margin: 4px 0 10px 18px; padding: 0; }
table.summary { border-collapse: collapse; width: 100%; margin: 6px 0 10px 0; }
table.summary th, table.summary td { border-bottom: 1px solid #ddd; padding: 4px 6px;
       text-align: left; vertical-align: top; }
table.summary th { background: #f1f4f1; font-size: 9.5pt; }
td.num { text-align: right; white-space: nowrap; }
.person { border: 1px solid #cfd8cf; border-radius: 6px; padding: 10px 12px; margin: 12px 0;
          page-break-inside: avoid; break-inside: avoid; }
.headline { color: #444; margin-bottom: 6px; }
.score { font-weight: bold; color: #2e7d32; }
.parts { width: 100%; border-collapse: collapse; margin: 6px 0; }
.parts td { padding: 2px 4px; vertical-align: top; font-size: 9.5pt;
            border-bottom: 1px solid #eee; }
.quote { color: #444; font-style: italic; }
.brings { background: #f6f8f3; border-left: 3px solid #2e7d32; padding: 6px 8px; margin: 6px 0; }
.contact { font-size: 9.5pt; color: #333; word-break: break-all; }
.decision { border: 1.5px solid #888; border-radius: 4px; padding: 8px; margin-top: 8px; }
.decision .box { display: inline-block; margin-right: 18px; }
.line { border-bottom: 1px solid #999; height: 18px; margin-top: 6px; }
.footer { color: #777; font-size: 8.5pt; margin-top: 16px; }
@media print { body { max-width: none; padding: 0; } .person { page-break-inside: avoid; } }
"""


def _e(value) -> str:
    return html.escape(str(value)) if value is not None else ""


def _matched(p: PersonOut) -> list[str]:
    """The criteria and languages that earned this person points."""
    return [
        pt.criterion for pt in p.parts if pt.points > 0 and pt.kind in ("criterion", "language")
    ]


def _quotes(pt: PartOut) -> str:
    return "<br>".join("<span class=quote>“" + _e(q) + "”</span>" for q in pt.quotes)


def _criteria_html(s: Shortlist) -> str:
    items = []
    for c in s.criteria:
        must = " — <b>must-have</b>" if c.get("must") else ""
        also = f"; also: {_e(', '.join(c['synonyms']))}" if c.get("synonyms") else ""
        items.append(f"<li>{_e(c['name'])}{must} (weight {c.get('weight', 1):g}){also}</li>")
    return "".join(items)


def _person_html(s: Shortlist, p: PersonOut) -> str:
    """One person's card: headline, contact, the recruiter's words, the parts, a decision box."""
    parts = "".join(
        f"<tr><td>{_e(pt.criterion)}</td><td class='num'>{pt.points:.1f} / {pt.weight:g}</td>"
        f"<td>{_quotes(pt) or _e(pt.note or '')}</td></tr>"
        for pt in p.parts
    )
    contact = ""
    # The manager reads this line too: the town, never the street address.
    place = place_for_headline(p.location) if p.location else None
    bits = [*p.emails, *p.phones, *p.links, *([place] if place else [])]
    if not s.blind and bits:
        contact = f"<div class='contact'>{' · '.join(_e(b) for b in bits)}</div>"
    brings = ""
    if p.brings:
        brings = (
            "<div class='brings'><b>What this person brings</b> (the recruiter's words): "
            f"{_e(p.brings)}</div>"
        )
    reasons = f"<div>{_e('; '.join(p.reasons))}</div>" if p.reasons else ""
    decided = ""
    if p.manager_decision:
        decided = (
            f"<div><b>Your earlier answer:</b> {_e(p.manager_decision)} — "
            f"{_e(p.manager_comment or '')}</div>"
        )
    status = _e(LABELS.get(p.status, p.status))
    return (
        f"<div class='person'><h3>{p.rank}. {_e(p.name)}</h3>"
        f"<div class='headline'>{_e(p.headline)} · <span class='score'>{p.score:.0f} / 100</span>"
        f" · {_e(p.recommendation)} · {status}</div>{contact}{brings}{reasons}"
        f"<table class='parts'>{parts}</table>{decided}"
        "<div class='decision'><b>Your decision:</b>&nbsp;&nbsp; <span class='box'>☐ Yes</span>"
        "&nbsp;&nbsp;&nbsp; <span class='box'>☐ Maybe</span>&nbsp;&nbsp;&nbsp; "
        "<span class='box'>☐ No</span>"
        "<div>Comment:</div><div class='line'></div><div class='line'></div></div></div>"
    )


def _header_html(s: Shortlist) -> str:
    who = "person" if len(s.people) == 1 else "people"
    which = "shortlisted" if s.include == "shortlisted" else "everyone who applied"
    by = _e(s.reviewer or "the recruiter")
    blind = ""
    if s.blind:
        blind = (
            "<p><b>Blind review:</b> names, contact details and locations are left out; each "
            "person has a stable pseudonym.</p>"
        )
    extra = []
    if s.min_years:
        extra.append(f"at least {s.min_years:g} years of experience")
    if s.location:
        extra.append(f"{_e(s.location)}{' (remote possible)' if s.remote else ''}")
    also = f"<p>Also: {'; '.join(extra)}.</p>" if extra else ""
    return (
        f"<h1>{_e(s.job_title)}</h1>"
        f"<div class='meta'>Shortlist of {len(s.people)} {who} ({which}) · prepared by {by} "
        f"on {_e(s.date)}</div>{blind}"
        f"<h2>What the job asks for</h2><ul class='criteria'>{_criteria_html(s)}</ul>{also}"
    )


def _heard_back_html(report: Report | None) -> str:
    """Did everyone hear back? The figures only: nobody waiting is named to a manager."""
    if report is None:
        return ""
    rate = f"{report.heard_back_rate:.0%}" if report.heard_back_rate is not None else "—"
    late = len(report.waiting_over_stale_days)
    rows = [
        ("Applied", f"{report.people}"),
        ("Heard back", f"{report.heard_back} ({rate})"),
        (
            "Days to hear back",
            f"median {days_text(report.median_days)}, 90th percentile {days_text(report.p90_days)}",
        ),
        (
            "Still waiting",
            f"{report.waiting}, of whom {late} for more than {report.stale_days} days",
        ),
        ("Replies from them", f"{report.replies}"),
    ]
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"<h2>Did everyone hear back?</h2><table class='summary'>{cells}</table>"


def to_html(shortlist: Shortlist, for_qt: bool = False) -> str:
    """One self-contained HTML file: no external assets, prints well."""
    s = shortlist
    summary_rows = "".join(
        f"<tr><td class='num'>{p.rank}</td><td>{_e(p.name)}</td><td>{_e(p.headline)}</td>"
        f"<td class='num' nowrap>{p.score:.0f}</td><td nowrap>{_e(p.recommendation)}</td>"
        f"<td>{_e(', '.join(_matched(p)))}</td></tr>"
        for p in s.people
    )
    css = "" if for_qt else f"<style>{_CSS}</style>"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Shortlist — {_e(s.job_title)}</title>{css}</head><body>{_header_html(s)}"
        "<p>Scores are advice from the matching: a sum of named parts, each with the words in "
        "the resume that earned it. Nobody was dropped by a score.</p>"
        f"{_heard_back_html(s.heard_back)}"
        "<h2>Ranked summary</h2><table class='summary'><tr><th>#</th><th>Name</th>"
        "<th>Headline</th><th>Score</th><th>Advice</th><th>Matched</th></tr>"
        f"{summary_rows}</table>"
        f"<h2>The people</h2>{''.join(_person_html(s, p) for p in s.people)}"
        "<div class='footer'>Please answer yes / maybe / no with a comment for each person (or "
        "fill the manager_decision and manager_comment columns of the CSV). Made with "
        "Shortlist.</div></body></html>"
    )


# --- CSV --------------------------------------------------------------------------------------


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): =, +, -, @, tab, carriage return — and their full-width forms, which
# some East Asian versions of Excel accept as well.
FORMULA_STARTS = tuple("=+-@\t\r＝＋－＠")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows and never evaluates: text that a spreadsheet would read
    as a formula gets a leading ``'`` (OWASP's advice), even after leading spaces."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """The value :func:`safe_cell` neutralised, for reading an exported CSV back."""
    if text.startswith("'") and text[1:].lstrip(" ").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def phone_cell(phones: list[str]) -> str:
    """Phones as a spreadsheet keeps them: grouped (+49 176 31387734), so never one long number
    that Excel turns into 4.92E+12 or strips of its leading 0, and led by ``'`` where a ``+``
    would start a formula."""
    import phonenumbers

    shown = []
    for phone in phones:
        try:
            number = phonenumbers.parse(phone, None)
            text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        except phonenumbers.NumberParseException:
            text = phone
        shown.append(text)
    cell = "; ".join(shown)
    if cell.isdigit():  # as printed, without spaces: text, or Excel makes it a number
        return "'" + cell
    return safe_cell(cell)


def to_csv(shortlist: Shortlist) -> str:
    """The shortlist as CSV. Every cell that comes from a person's data or the text of their
    resume (and every other text cell) goes through :func:`safe_cell`: a resume whose location
    reads ``=HYPERLINK(...)`` is shown to the hiring manager, never run."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in shortlist.people:
        cells = [
            safe_cell(p.name),
            safe_cell(p.headline),
            f"{p.score:.1f}",
            safe_cell(p.recommendation),
            safe_cell(
                "; ".join(f"{pt.criterion}: {pt.points:.1f}/{pt.weight:g}" for pt in p.parts)
            ),
            safe_cell(" | ".join(dict.fromkeys(q for pt in p.parts for q in pt.quotes[:1]))),
            safe_cell(p.brings),
            safe_cell("; ".join(p.emails)),
            phone_cell(p.phones),
            safe_cell("; ".join(p.links)),
            safe_cell(p.location or ""),
            safe_cell(p.status),
            safe_cell(p.manager_decision or ""),
            safe_cell(p.manager_comment or ""),
        ]
        writer.writerow([p.rank, p.person_id, *cells])
    return buffer.getvalue()


# --- a manager's answers, back in
# -------------------------------------------------------------------


@dataclass
class DecisionImport:
    applied: list[tuple[int, str]] = field(default_factory=list)  # (person id, decision)
    problems: list[str] = field(default_factory=list)


_DECISIONS = {
    "yes": "yes",
    "y": "yes",
    "ja": "yes",
    "oui": "yes",
    "sí": "yes",
    "si": "yes",
    "sim": "yes",
    "maybe": "maybe",
    "m": "maybe",
    "vielleicht": "maybe",
    "peut-être": "maybe",
    "quizás": "maybe",
    "talvez": "maybe",
    "no": "no",
    "n": "no",
    "nein": "no",
    "non": "no",
    "não": "no",
    "nao": "no",
}


def import_decisions(
    store: Store, job: Job, text: str, actor: str, source: str = "CSV"
) -> DecisionImport:
    """A manager's yes / maybe / no and comments, stored as suggestions on each application.

    Rows are matched by ``person_id`` (the export's column). Nothing changes a
    status: a manager's "no" is a suggestion that the recruiter acts on
    through the gate. Every problem names the row and the cause.
    """
    result = DecisionImport()
    try:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        headers = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as exc:
        result.problems.append(f"{source}: not readable as CSV ({exc})")
        return result
    missing = [h for h in ("person_id", "manager_decision") if h not in headers]
    if missing:
        result.problems.append(
            f"{source}: missing column(s) {', '.join(missing)} (export the CSV from Shortlist)"
        )
        return result
    stamp = now_iso()
    with store.transaction() as conn:
        for number, row in enumerate(reader, start=2):
            # A cell the export neutralised ('=...) reads back as it was written.
            row = {
                (k or "").strip(): unsafe_cell((v or "").strip())
                for k, v in row.items()
                if k is not None and isinstance(v, str | None)
            }  # cells beyond the header: ignored
            raw = row.get("manager_decision", "")
            if not raw:
                continue
            decision = _DECISIONS.get(raw.casefold())
            if decision is None:
                result.problems.append(
                    f"{source} line {number}: manager_decision {raw!r} is not yes, maybe or no"
                )
                continue
            try:
                person_id = int(row.get("person_id", ""))
            except ValueError:
                result.problems.append(
                    f"{source} line {number}: person_id {row.get('person_id')!r} is not a number"
                )
                continue
            app = conn.execute(
                "SELECT id FROM applications WHERE person_id = ? AND job_id = ?",
                (person_id, job.id),
            ).fetchone()
            if app is None:
                result.problems.append(
                    f"{source} line {number}: person {person_id} has not applied to {job.title}"
                )
                continue
            conn.execute(
                "UPDATE applications SET manager_decision = ?, manager_comment = ?, "
                "manager_decided_at = ? WHERE id = ?",
                (decision, row.get("manager_comment") or None, stamp, app[0]),
            )
            audit.record(
                conn,
                actor,
                "manager_decision",
                person_id=person_id,
                job_id=job.id,
                application_id=app[0],
                decision=decision,
                source=source,
            )
            result.applied.append((person_id, decision))
    return result
