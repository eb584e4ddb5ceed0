"""Import a batch of files: hash, skip what is known, parse the rest in workers, store each result.

The parent process is the single writer. Each file's result is stored in one
transaction (document, person, contact points, skill hits, duplicate
suggestions, the file's outcome and its application), so the import can be
killed at any moment and run again: what was stored is skipped by its hash,
what was not is parsed again. Nothing is half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# parsing.batch's Settings and Job are a reader pool's limits and one file's work:
# named for what they hold here (the lead renames them in parsing/ with the parser work).
from parsing.atoms import payload
from parsing.batch import (
    ParseJob,
    Pool,
    ReadersCannotStart,
    WorkerLimits,
    default_workers,
    problem_result,
)
from parsing.collect import Limits, TooBig, collect
from parsing.collect import SourceFile as SourceFile
from parsing.errors import Outcome, too_large_message
from parsing.mail import apply_message
from parsing.matching import skill_aggregates
from parsing.resume import ParsedResume
from review import audit, term_index
from review.db import Store, now_iso
from review.identity import (
    carry_corrections,
    find_possible_duplicates,
    name_key,
    phone_key,
    refresh_duplicates,
)
from review.search import sync_search_index
from review.settings import Settings
from review.status import NEW

MB = 1024 * 1024


@dataclass
class ImportOptions:
    workers: int = 0  # 0: one per core
    time_limit: float = 30.0
    memory_limit: int = 1024**3
    max_bytes: int = 20 * MB
    job_id: int | None = None
    today: str | None = None  # ISO date for "present" (tests pin it)
    # False: leave people out of the term index until term_index.sync indexes them from their
    # stored text (bench/import_bench.py measures what the index costs an import this way).
    index_terms: bool = True
    # How much the parsing workers give way to other work (parsing.batch.WorkerLimits): the
    # window's imports set it so that the window answers while every core parses.
    niceness: int = 0

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        job_id: int | None = None,
        workers: int | None = None,
        time_limit: float | None = None,
        max_mb: int | None = None,
    ) -> ImportOptions:
        """The ``import.*`` settings (the window and ``shortlist import`` alike); a value
        given here (a command-line flag) wins over its setting."""

        def pick(given, key: str, kind: type):
            return kind(settings.get(key)) if given is None else kind(given)

        return cls(
            workers=pick(workers, "import.workers", int),
            time_limit=pick(time_limit, "import.time_limit", float),
            memory_limit=int(settings.get("import.memory_mb")) * MB,
            max_bytes=pick(max_mb, "import.max_mb", int) * MB,
            job_id=job_id,
        )


@dataclass
class FileOutcome:
    source: str
    outcome: str
    error: str | None
    person_id: int | None = None
    known: bool = False  # the same bytes were already in the database


@dataclass
class Progress:
    done: int
    total: int
    started: float
    last: FileOutcome | None = None

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.rate <= 0 or self.done == 0:
            return None
        return (self.total - self.done) / self.rate


@dataclass
class ImportReport:
    run_id: int
    status: str
    files: list[FileOutcome] = field(default_factory=list)
    skipped_junk: int = 0
    seconds: float = 0.0
    parsed: int = 0  # files that went through a worker (not known before)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.outcome] = out.get(f.outcome, 0) + 1
        return out

    @property
    def problems(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome != Outcome.OK.value]

    @property
    def people(self) -> set[int]:
        return {f.person_id for f in self.files if f.person_id is not None}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# write(fn) runs fn(store) where the database is written and returns its result: at
# once here (the command line), or on the window's one writer thread (app/writer.py).
Write = Callable[[Callable[[Store], Any]], Any]


def _in_transaction(fn: Callable[[sqlite3.Connection], Any]) -> Callable[[Store], Any]:
    def run(store: Store) -> Any:
        with store.transaction() as conn:
            return fn(conn)

    return run


@dataclass
class _Run:
    """One run's running state: its id, its report so far, and how it reports progress."""

    id: int
    report: ImportReport
    state: Progress
    progress: Callable[[Progress], None] | None
    cancelled: Callable[[], bool]

    def record(self, outcome: FileOutcome) -> None:
        self.report.files.append(outcome)
        self.state.done += 1
        self.state.last = outcome
        if self.progress:
            self.progress(self.state)


# The stored original's file name ends like its kind (pictures keep none: their kind is "image").
_SUFFIXES = {
    "pdf": ".pdf",
    "docx": ".docx",
    "odt": ".odt",
    "rtf": ".rtf",
    "text": ".txt",
    "doc": ".doc",
    "html": ".html",
    "mhtml": ".mhtml",
    "jsonresume": ".json",
}

# What a document row keeps of the parse (beside its text), as JSON in documents.fields.
_STORED_FIELDS = (
    "name",
    "emails",
    "phones",
    "links",
    "location",
    "skills",
    "sections",
    "years_experience",
    "education",
    "title",
    "section_spans",
    "ocr",  # read from pictures: its fields deserve a second look
)


class Importer:
    """One import run. Every database step goes through ``write`` (see :data:`Write`);
    without one, through ``store`` directly."""

    def __init__(
        self,
        store: Store | None,
        options: ImportOptions | None = None,
        *,
        write: Write | None = None,
    ):
        if write is None:
            if store is None:
                raise ValueError("an import needs a store or a writer")
            store.use_small_cache()
            write = lambda fn: fn(store)  # noqa: E731 (the direct writer)
        self._write = write
        self.options = options or ImportOptions()
        self.files_dir: Path = write(lambda s: s.files_dir)

    def _tx(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """One transaction, wherever this import writes."""
        return self._write(_in_transaction(fn))

    def run(
        self,
        paths: list[str | Path],
        progress: Callable[[Progress], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        *,
        candidates: list[SourceFile] | None = None,
    ) -> ImportReport:
        """Import ``paths`` (files, folders, ZIPs, messages); or, given ``candidates`` (a
        mailbox's documents, say), those, with ``paths`` naming where they came from."""
        self.run_id: int | None = None
        try:
            return self._run(paths, progress, cancelled, candidates)
        except KeyboardInterrupt:
            # Ctrl-C: what was stored stays; this run (no other) says it was stopped.
            if self.run_id is not None:
                self._tx(
                    lambda conn: conn.execute(
                        "UPDATE import_runs SET status = 'cancelled', finished_at = ? "
                        "WHERE id = ? AND status = 'running'",
                        (now_iso(), self.run_id),
                    )
                )
            raise
        finally:
            _LIVE_RUNS.discard(self.run_id)

    def _run(self, paths, progress, cancelled, given) -> ImportReport:
        opts = self.options
        started = time.monotonic()
        self._mark_interrupted_runs()
        me, since = os.getpid(), process_started(os.getpid())
        run_id = self._tx(
            lambda conn: (
                conn.execute(
                    "INSERT INTO import_runs (started_at, sources, job_id, pid, pid_started) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (now_iso(), json.dumps([str(p) for p in paths]), opts.job_id, me, since),
                ).lastrowid
            )
        )
        self.run_id = run_id
        _LIVE_RUNS.add(run_id)
        report = ImportReport(run_id, "running")
        if given is None:
            candidates, report.skipped_junk = collect(paths, Limits(max_bytes=opts.max_bytes))
        else:
            candidates = given
        total = len(candidates)
        self._tx(
            lambda conn: conn.execute(
                "UPDATE import_runs SET total = ? WHERE id = ?", (total, run_id)
            )
        )
        run = _Run(run_id, report, Progress(0, total, started), progress, cancelled)
        to_parse = self._first_pass(run, candidates)
        if to_parse and not cancelled():
            self._parse(run, to_parse)
        self._write(sync_search_index)
        if opts.index_terms:
            self._write(term_index.sync)
        report.status = "cancelled" if cancelled() else "finished"
        report.seconds = time.monotonic() - started
        self._tx(
            lambda conn: conn.execute(
                "UPDATE import_runs SET status = ?, finished_at = ? WHERE id = ?",
                (report.status, now_iso(), run_id),
            )
        )
        return report

    def _first_pass(self, run: _Run, candidates: list[SourceFile]) -> dict[str, list[SourceFile]]:
        """Problems known up front, and files already stored (by hash), get their outcome;
        returns the files to parse, grouped by content (the same bytes twice are one parse)."""
        opts = self.options
        to_parse: dict[str, list[SourceFile]] = {}
        for cand in candidates:
            if run.cancelled():
                break
            if cand.problem is not None:
                run.record(self._store_problem(run.id, cand, *cand.problem))
                continue
            if cand.size > opts.max_bytes:
                too_large = too_large_message(cand.size, opts.max_bytes)
                run.record(self._store_problem(run.id, cand, Outcome.TOO_LARGE, too_large))
                continue
            try:
                data = cand.read()
            except TooBig as exc:
                run.record(self._store_problem(run.id, cand, Outcome.TOO_LARGE, str(exc)))
                continue
            except OSError as exc:
                problem = f"cannot read: {exc}"
                run.record(self._store_problem(run.id, cand, Outcome.MALFORMED, problem))
                continue
            except Exception as exc:  # a damaged ZIP member (bad CRC, bad compression)
                problem = f"cannot unpack: {exc}"
                run.record(self._store_problem(run.id, cand, Outcome.MALFORMED, problem))
                continue
            digest = sha256(data)
            cand.size = len(data)
            known = self._known_document(digest)
            if known is not None:
                run.record(self._store_known(run.id, cand, digest, known))
            elif digest in to_parse:
                to_parse[digest].append(cand)  # the same bytes twice in one batch
            else:
                to_parse[digest] = [cand]
            del data
        return to_parse

    def _parse_jobs(self, run: _Run, to_parse: dict[str, list[SourceFile]], inflight: dict):
        """One ParseJob per distinct file, read again (it may have changed since)."""
        for digest, group in to_parse.items():
            cand = group[0]
            try:
                data = cand.read()
            except Exception as exc:  # moved or changed since the first pass
                problem = f"cannot read: {exc}"
                run.record(self._store_problem(run.id, cand, Outcome.MALFORMED, problem))
                continue
            if sha256(data) != digest:
                problem = "the file changed while it was being imported"
                run.record(self._store_problem(run.id, cand, Outcome.MALFORMED, problem))
                continue
            inflight[digest] = data
            yield ParseJob(digest, cand.name, data)

    def _parse(self, run: _Run, to_parse: dict[str, list[SourceFile]]) -> None:
        """Parse in worker processes and store each result as it comes."""
        opts = self.options
        limits = WorkerLimits(
            opts.time_limit,
            opts.memory_limit,
            opts.max_bytes,
            opts.today,
            index_terms=opts.index_terms,
            niceness=opts.niceness,
        )
        workers = min(opts.workers or default_workers(), len(to_parse))
        # Bytes of the files in the workers' hands (a few at a time), kept
        # for the file store so each file is read once more, not twice.
        inflight: dict[str, bytes] = {}
        done: set[str] = set()
        try:
            with Pool(workers, limits) as pool:
                jobs = self._parse_jobs(run, to_parse, inflight)
                for digest, result, seconds in pool.run(jobs, run.cancelled):
                    group = to_parse[digest]
                    run.report.parsed += 1
                    done.add(digest)
                    data = inflight.pop(digest)
                    run.record(self._store_parsed(run.id, group[0], digest, data, result, seconds))
                    for extra in group[1:]:
                        known = self._known_document(digest)
                        run.record(self._store_known(run.id, extra, digest, known))
        except ReadersCannotStart as exc:
            # Every file still gets an outcome, with the reason, and the run ends.
            for digest, group in to_parse.items():
                if digest not in done:
                    for cand in group:
                        problem = f"not read: {exc}"
                        run.record(self._store_problem(run.id, cand, Outcome.MALFORMED, problem))

    # --- storing ----------------------------------------------------------

    def _mark_interrupted_runs(self) -> None:
        """Runs left 'running' by a process that is gone (killed, crashed): interrupted. A run
        another live import is doing — another command, the window — is left alone."""

        def mark(conn) -> None:
            for run_id, pid, started in conn.execute(
                "SELECT id, pid, pid_started FROM import_runs WHERE status = 'running'"
            ).fetchall():
                if not run_alive(run_id, pid, started):
                    conn.execute(
                        "UPDATE import_runs SET status = 'interrupted' WHERE id = ?", (run_id,)
                    )

        self._tx(mark)
        # Half-written copies a killed import left in the file store.
        if self.files_dir.exists():
            for tmp in self.files_dir.glob("*/.*.tmp"):
                pid = tmp.name.rsplit(".", 2)[-2]
                if not pid.isdigit() or not _alive(int(pid)):
                    tmp.unlink(missing_ok=True)

    def _known_document(self, digest: str) -> dict | None:
        return self._write(lambda store: _document_by_hash(store.conn, digest))

    def _store_problem(
        self, run_id: int, cand: SourceFile, outcome: Outcome | str, message: str
    ) -> FileOutcome:
        outcome = Outcome(outcome).value
        self._tx(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO import_files (run_id, source, name, size, outcome, error, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run_id, cand.source, cand.name, cand.size, outcome, message, now_iso()),
            )
        )
        return FileOutcome(cand.source, outcome, message)

    def _store_known(self, run_id: int, cand: SourceFile, digest: str, known: dict) -> FileOutcome:
        self._tx(lambda conn: self._record_known(conn, run_id, cand, digest, known))
        return FileOutcome(
            cand.source, known["outcome"], known["error"], known["person_id"], known=True
        )

    def _record_known(self, conn, run_id: int, cand: SourceFile, digest: str, known: dict) -> None:
        """This file's outcome: the same bytes as a document already stored."""
        conn.execute(
            "INSERT OR REPLACE INTO import_files (run_id, source, name, size, sha256, outcome, "
            "error, document_id, person_id, duplicate_of_document, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,1,?)",
            (
                run_id,
                cand.source,
                cand.name,
                cand.size,
                digest,
                known["outcome"],
                known["error"],
                known["id"],
                known["person_id"],
                now_iso(),
            ),
        )
        if known["person_id"] is not None:
            self._apply(conn, known["person_id"])
            keep_cover_letter(conn, known["person_id"], known["id"], cand, self.options.job_id)

    def _store_parsed(
        self, run_id: int, cand: SourceFile, digest: str, data: bytes, result: dict, seconds: float
    ) -> FileOutcome:
        # The worker's result crossed a process boundary as a dict: typed again here; the
        # resume's atoms for the term index (parsing.atoms) came with it.
        result = dict(result)
        terms = result.pop("terms", None)
        # A document from an e-mail: the sender's address when the resume has none.
        apply_message(result, cand.message)
        result.pop("message", None)  # the cover letter is stored with the application later
        from_message = result.pop("from_message", [])
        parsed = ParsedResume(**result)
        if parsed.outcome != Outcome.UNSUPPORTED.value:
            # The original, so the record survives when the source folder moves.
            try:
                stored_path = self._keep_original(data, digest, parsed.kind)
            except OSError as exc:
                problem = f"could not copy into the data folder: {exc}"
                parsed = ParsedResume(**problem_result(cand.name, Outcome.MALFORMED, problem))
                stored_path = None
                terms = None
        else:
            stored_path = None
        stamp = now_iso()
        fields = {k: getattr(parsed, k) for k in _STORED_FIELDS}
        fields["from_message"] = from_message

        def store(conn: sqlite3.Connection) -> tuple[int | None, dict | None]:
            # Another import (the window and a command, two commands) may have stored the same
            # bytes while this one parsed them: under the write lock, they become one document.
            known = _document_by_hash(conn, digest)
            if known is not None:
                self._record_known(conn, run_id, cand, digest, known)
                return known["person_id"], known
            document_id = _insert_document(conn, cand, digest, parsed, stored_path, fields, stamp)
            person_id = None
            if parsed.kind and parsed.outcome != Outcome.UNSUPPORTED.value:
                person_id = self._insert_person(conn, document_id, parsed, stamp)
                if self.options.index_terms:
                    term_index.stage(
                        conn, person_id, terms or payload(parsed.text, parsed.section_spans)
                    )
                self._apply(conn, person_id)
                keep_cover_letter(conn, person_id, document_id, cand, self.options.job_id)
            conn.execute(
                "INSERT OR REPLACE INTO import_files (run_id, source, name, size, sha256, outcome, "
                "error, document_id, person_id, seconds, created_at) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?)",
                (
                    run_id,
                    cand.source,
                    cand.name,
                    cand.size,
                    digest,
                    parsed.outcome,
                    parsed.error,
                    document_id,
                    person_id,
                    round(seconds, 3),
                    stamp,
                ),
            )
            return person_id, None

        person_id, known = self._tx(store)
        if known is not None:
            return FileOutcome(cand.source, known["outcome"], known["error"], person_id, known=True)
        return FileOutcome(cand.source, parsed.outcome, parsed.error, person_id)

    def _keep_original(self, data: bytes, digest: str, kind: str | None) -> str:
        suffix = _SUFFIXES.get(kind or "", "")
        relative = f"{digest[:2]}/{digest}{suffix}"
        target = self.files_dir / relative
        if target.exists():
            return relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        return relative

    def _insert_person(self, conn, document_id: int, parsed: ParsedResume, stamp: str) -> int:
        name = parsed.name
        emails = [e.lower() for e in parsed.emails or []]
        phones = parsed.phones or []
        cur = conn.execute(
            "INSERT INTO people (document_id, name, emails, phones, links, location, title, "
            "years_experience, skills, education, name_key, created_at, updated_at, confidence, "
            "doubts, given_name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                document_id,
                name,
                json.dumps(parsed.emails or []),
                json.dumps(phones),
                json.dumps(parsed.links or []),
                parsed.location,
                parsed.title,
                parsed.years_experience,
                json.dumps(parsed.skills or [], ensure_ascii=False),
                json.dumps(parsed.education or [], ensure_ascii=False),
                name_key(name, parsed.given_name),
                stamp,
                stamp,
                json.dumps(parsed.confidence or {}),
                json.dumps(parsed.doubts or {}, ensure_ascii=False),
                parsed.given_name or None,
            ),
        )
        person_id = cur.lastrowid
        conn.executemany(
            "INSERT OR IGNORE INTO contact_points (person_id, kind, value) VALUES (?, ?, ?)",
            [(person_id, "email", e) for e in emails]
            + [(person_id, "phone", phone_key(p)) for p in phones],
        )
        _insert_skills(conn, person_id, parsed.skill_hits or [])
        # A newer file of someone a recruiter corrected: their word wins over this parse.
        if carry_corrections(conn, person_id, parsed):
            refresh_duplicates(conn, person_id)
            return person_id
        for other_id, reason in find_possible_duplicates(conn, person_id, parsed):
            conn.execute(
                "INSERT OR IGNORE INTO duplicate_suggestions (person_id, other_id, reason, "
                "created_at) VALUES (?, ?, ?, ?)",
                (person_id, other_id, reason, stamp),
            )
        return person_id

    def _apply(self, conn, person_id: int) -> None:
        job_id = self.options.job_id
        if job_id is None:
            return
        stamp = now_iso()
        cur = conn.execute(
            "INSERT OR IGNORE INTO applications (person_id, job_id, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?)",
            (person_id, job_id, NEW, stamp, stamp),
        )
        if cur.rowcount:
            audit.record(
                conn,
                "import",
                "applied",
                person_id=person_id,
                job_id=job_id,
                application_id=cur.lastrowid,
                at=stamp,
            )


def keep_cover_letter(conn, person_id: int, document_id: int, cand, job_id: int | None) -> None:
    """The message a document came in (sender, date, subject, body): kept with the person and,
    when the import is for a job, with their application. Once per person and message."""
    info = getattr(cand, "message", None)
    if info is None:
        return
    application = None
    if job_id is not None:
        row = conn.execute(
            "SELECT id FROM applications WHERE person_id = ? AND job_id = ?", (person_id, job_id)
        ).fetchone()
        application = row[0] if row else None
    conn.execute(
        "INSERT OR IGNORE INTO cover_letters (person_id, document_id, application_id, message_id, "
        "sender, sender_name, sent_at, subject, body, source, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            person_id,
            document_id,
            application,
            info.message_id,
            info.sender,
            info.sender_name,
            info.date,
            info.subject,
            (info.body or "").replace("\r\n", "\n"),  # as mail carries it: CRLF
            cand.source,
            now_iso(),
        ),
    )


def _insert_document(conn, cand, digest: str, parsed, stored_path, fields: dict, stamp: str) -> int:
    cur = conn.execute(
        "INSERT INTO documents (sha256, size, kind, original_name, stored_path, outcome, "
        "error, text, pages, text_chars, fields, parse_ms, imported_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            digest,
            cand.size,
            parsed.kind,
            cand.name,
            stored_path,
            parsed.outcome,
            parsed.error,
            parsed.text or None,
            parsed.pages,
            parsed.text_chars or 0,
            json.dumps(fields, ensure_ascii=False),
            parsed.parse_ms,
            stamp,
        ),
    )
    return cur.lastrowid


def _document_by_hash(conn, digest: str) -> dict | None:
    row = conn.execute(
        "SELECT d.id, d.outcome, d.error, p.id FROM documents d "
        "LEFT JOIN people p ON p.document_id = d.id WHERE d.sha256 = ?",
        (digest,),
    ).fetchone()
    if row is None:
        return None
    return {"id": row[0], "outcome": row[1], "error": row[2], "person_id": row[3]}


# Runs this process is doing right now (the window may import while a test or a thread does).
_LIVE_RUNS: set[int | None] = set()


def process_started(pid: int) -> str | None:
    """When a process started, to tell it from a later one that reuses its pid (Linux: the
    start time in /proc; elsewhere None, and the pid alone is trusted)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def run_alive(run_id: int, pid: int | None, started: str | None) -> bool:
    """Whether the process that recorded a run is still doing it."""
    if not pid:
        return False  # recorded before runs named their process
    if pid == os.getpid():
        return run_id in _LIVE_RUNS
    if not _alive(pid):
        return False
    now = process_started(pid)
    return started is None or now is None or now == started


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _insert_skills(conn, person_id: int, hits: list[dict]) -> None:
    """Where each skill was found in the resume, and per skill what ranking needs (summed once,
    at import, so a job ranks without re-reading any text)."""
    conn.executemany(
        "INSERT INTO skill_hits (person_id, skill, start, end, text, similarity, flag, section, "
        "year) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                person_id,
                h["skill"],
                h["start"],
                h["end"],
                h["text"],
                h["similarity"],
                h["flag"],
                h["section"],
                h["year"],
            )
            for h in hits
        ],
    )
    conn.executemany(
        "INSERT INTO skill_aggs (skill, person_id, best, sections, quality, last_year, counted, "
        "ordinary, negated) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                skill,
                person_id,
                agg.best,
                ",".join(sorted(agg.sections)),
                agg.quality,
                agg.last_year,
                agg.counted,
                agg.ordinary,
                agg.negated,
            )
            for skill, agg in skill_aggregates(hits).items()
        ],
    )
