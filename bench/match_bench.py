"""Matching benchmark: figures and ratios from one run over databases of generated people.

    python bench/match_bench.py [--sizes 1000,10000,50000] [--naive-size 10000]
                                [--variants-size 2000] [--repeat 3]

Two jobs, both printed: **plain**, 40 taxonomy skills; and **synonyms**, the
same 40 skills each with the synonyms a recruiter adds (``js``, ``golang``,
``excel``, ``crm``, "spreadsheets", "cash handling"…) plus 5 phrase criteria
("incident response", "on-call"…), as in the README's TOML example.

(a) End to end as a user runs it: ``shortlist job add J.toml`` then
    ``shortlist rank --job ID --all --top 50 --json``, two fresh processes,
    start-up included (median of ``--repeat``; bytecode and the taxonomy's
    cached form exist, as after the app's first start). Targets for the
    synonyms job: <= 1 s at 10k people, <= 3 s at 50k.
(b) In one process: Store opened -> ranked list (``Ranker(scope="all")``),
    per size, and the growth per 10x people (linear = 10).
(c) The naive way at ``--naive-size``: ``rapidfuzz.fuzz.partial_ratio(word,
    resume text) >= 90`` for every word of every criterion (name and synonyms)
    and every person, once; the speed-up of (a) over it (target >= 20x), and
    precision/recall of the plain job against the generator's ground truth, on
    the plain set and on a set with aliases, typos and trap phrases.
(d) One weight changed: ``set_spec`` + ``rank`` with matches cached (target <= 50 ms).
(e) One synonym or phrase added to the synonyms job, re-matched and ranked
    (target <= 0.3 s): a synonym the taxonomy knows, one it does not, a phrase criterion.
(f) One person explained with a fresh Ranker (no ranking before): median and
    worst of 50 people (target <= 20 ms); and ``shortlist explain`` as a process.
(g) Memory and disk at the largest size: peak RSS of a fresh process ranking
    the synonyms job (target <= 500 MB), and the term index on disk.

The databases are built once through the real import and cached in bench/out
(generated text resumes; progress on stderr). Building takes a while: 10k
people take several minutes and 50k ten to thirty.

Not a test: it prints numbers; nothing fails because the machine is slow.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))


TODAY = date(2026, 11, 1)  # the generator's reference date: "present" in every resume
CRITERIA = 40
NAIVE_CUTOFF = 90
TOP = 50
# Names the design notes single out as traps for naive substring matching.
FORCED = ("Go", "R", "Java", "SQL", "React", "Microsoft Excel")
# What a recruiter adds to each skill: aliases the taxonomy knows, neighbouring
# skills, and everyday words it does not know.
SYNONYMS = {
    "Go": ["golang", "go lang"],
    "R": ["rstats", "R language"],
    "Java": ["j2ee", "jvm"],
    "SQL": ["mysql", "postgresql", "t-sql"],
    "React": ["reactjs", "react native"],
    "Microsoft Excel": ["excel", "spreadsheets", "pivot tables"],
    "Python": ["py3", "django", "ml"],
    "Figma": ["prototyping", "ui design"],
    "Salesforce": ["sfdc", "crm"],
    "Search Engine Optimization": ["seo", "keyword research"],
    "Financial Analysis": ["variance analysis", "financial reporting"],
    "Registered Nurse": ["rn", "nursing"],
    "Customer Service": ["customer support", "client relations"],
    "Forklift Licence": ["forklift", "reach truck"],
    "Welding": ["mig welding", "welder"],
    "Angular": ["angularjs", "typescript"],
    "Sketch": ["wireframing"],
    "HubSpot": ["crm", "marketing automation"],
    "Search Engine Marketing": ["ppc", "paid search"],
    "Financial Modeling": ["dcf", "valuation"],
    "Patient Care": ["bedside care", "patient support"],
    "Food Safety": ["haccp", "food hygiene"],
    "Inventory Management": ["stock control", "inventory"],
    "Electrical Wiring": ["electrician", "wiring"],
    "Vue.js": ["vue", "nuxt"],
    "Adobe Photoshop": ["photoshop", "photo editing"],
    "Lead Generation": ["prospecting", "lead gen"],
    "Google Analytics": ["ga4", "web analytics"],
    "Budgeting": ["budget management", "cost control"],
    "Basic Life Support": ["bls", "cpr"],
    "Point of Sale Systems": ["pos", "cash handling"],
    "Warehouse Management": ["wms", "warehousing"],
    "Plumbing": ["plumber", "pipefitting"],
    "JavaScript": ["js", "es6", "node.js"],
    "HTML": ["html5", "css"],
    "pandas": ["numpy", "data wrangling"],
    "Adobe Illustrator": ["illustrator", "vector graphics"],
    "Cold Calling": ["outbound calls", "telesales"],
    "Google Ads": ["adwords", "ppc"],
    "Forecasting": ["demand planning", "forecasts"],
    "Advanced Cardiac Life Support": ["acls"],
}
PHRASES = (
    "incident response",
    "on-call",
    "code review",
    "medication administration",
    "restful api",
)
# Added one at a time in (e): a synonym the taxonomy knows, one it does not, a phrase criterion.
ADDED = (("Java", "kotlin"), ("Python", "python scripting"), (None, "runbooks"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- databases ---------------------------------------------------------------------


def bench_db(n: int, variants: bool = False) -> Path:
    """A database of n generated text people (bench/people_db.py, cached in bench/out), with its
    term index."""
    from people_db import people_db

    from review.db import Store

    path = people_db(n, variants)
    with Store(path) as store:  # a database made before the term index gets it here (migration 9)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def truth_of(db: Path) -> dict[int, set[str]]:
    """person id -> the canonical skills the generator gave them (the truth.json beside the
    file)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT p.id, min(f.source) FROM people p JOIN import_files f ON f.person_id = p.id "
            "GROUP BY p.id"
        ).fetchall()
    finally:
        conn.close()
    out: dict[int, set[str]] = {}
    for pid, source in rows:
        truth = Path(source + ".truth.json")
        if truth.exists():
            out[pid] = set(json.loads(truth.read_text(encoding="utf-8"))["skills"])
    return out


# --- the jobs ----------------------------------------------------------------------


def skill_pool(taxonomy) -> list[str]:
    """The generator's skills, interleaved across its families (FORCED first), known to the
    taxonomy."""
    from app.samples import FAMILY_SKILLS

    pools = [list(p) for p in FAMILY_SKILLS.values()]
    order = list(FORCED)
    for i in range(max(len(p) for p in pools)):
        order += [p[i] for p in pools if i < len(p)]
    seen: list[str] = []
    for name in order:
        known = taxonomy.lookup(name)
        if known is not None and known.name == name and name not in seen:
            seen.append(name)
    return seen


def job_spec(skills: list[str], synonyms: bool = False) -> dict:
    criteria = [
        {
            "name": s,
            "kind": "skill",
            "must": i < 3,
            "weight": float(1 + i % 3),
            "synonyms": list(SYNONYMS.get(s, [])) if synonyms else [],
        }
        for i, s in enumerate(skills)
    ]
    if synonyms:
        criteria += [
            {"name": p, "kind": "phrase", "must": False, "weight": 2.0, "synonyms": []}
            for p in PHRASES
        ]
    return {"criteria": criteria}


def job_row(spec: dict, title: str = "Bench"):
    from review.jobs import Job

    return Job(id=0, title=title, spec=spec)


def job_toml(title: str, spec: dict) -> str:
    lines = [f"title = {json.dumps(title)}", ""]
    for c in spec["criteria"]:
        lines += [
            "[[criteria]]",
            f"name = {json.dumps(c['name'])}",
            f"kind = {json.dumps(c['kind'])}",
            f"must = {'true' if c['must'] else 'false'}",
            f"weight = {c['weight']:g}",
            f"synonyms = {json.dumps(c['synonyms'])}",
            "",
        ]
    return "\n".join(lines)


# --- measurements ------------------------------------------------------------------


def timed_rank(db: Path, spec: dict, taxonomy):
    """Seconds from opening the Store to the ranked list (fresh Store and Ranker)."""
    from review.db import Store
    from review.ranking import Ranker

    started = time.perf_counter()
    store = Store(db)
    ranker = Ranker(store, job_row(spec), scope="all", taxonomy=taxonomy, today=TODAY)
    ranked = ranker.rank()
    seconds = time.perf_counter() - started
    return seconds, ranker, ranked


def shortlist(*args: str) -> str:
    """Run the ``shortlist`` command as installed (``make run``/``make test``) in a user's
    environment, where bytecode is written and reused; returns its output."""
    script = Path(sys.executable).parent / "shortlist"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    return done.stdout


def cli_run(db: Path, toml: Path) -> dict:
    """``shortlist job add`` + ``shortlist rank --all --top 50 --json``: wall seconds of each and
    the CPU seconds of both."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    job_id = shortlist("job", "add", str(toml), "--db", str(db)).strip().splitlines()[-1]
    middle = time.perf_counter()
    ranked = shortlist(
        "rank", "--job", job_id, "--all", "--top", str(TOP), "--json", "--db", str(db)
    )
    ended = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _drop_job(db, int(job_id))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "add": middle - started,
        "rank": ended - middle,
        "total": ended - started,
        "cpu": cpu,
        "lines": len(ranked.splitlines()),
    }


def _drop_job(db: Path, job_id: int) -> None:
    """The benchmark's job leaves the cached database as it found it."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("DELETE FROM audit_log WHERE job_id = ?", (job_id,))
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
    finally:
        conn.close()


def cli_explain(db: Path, toml: Path, person: int) -> float:
    """``shortlist explain``, process start included."""
    job_id = shortlist("job", "add", str(toml), "--db", str(db)).strip().splitlines()[-1]
    started = time.perf_counter()
    shortlist("explain", str(person), "--job", job_id, "--db", str(db))
    seconds = time.perf_counter() - started
    _drop_job(db, int(job_id))
    return seconds


def predictions_ranker(ranker) -> set[tuple[int, str]]:
    """(person, criterion) pairs the Ranker counts: a criterion with quality > 0."""
    out: set[tuple[int, str]] = set()
    people, dense = ranker.matches()
    for criterion in ranker.job.criteria:
        if criterion.kind != "skill" or criterion.skill is None:
            continue
        for i in dense[criterion.key].quality.nonzero()[0].tolist():
            out.add((people[i].person, criterion.skill))
    return out


def texts(db: Path) -> dict[int, str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            pid: text or ""
            for pid, text in conn.execute(
                "SELECT p.id, d.text FROM people p JOIN documents d ON d.id = p.document_id"
            )
        }
    finally:
        conn.close()


def naive(texts_by_person: dict[int, str], spec: dict) -> tuple[set[tuple[int, str]], float]:
    """partial_ratio(word, full text) >= 90 for every word of every criterion and every person
    (both lower-cased)."""
    from rapidfuzz import fuzz

    started = time.perf_counter()
    lowered = {pid: t.lower() for pid, t in texts_by_person.items()}
    words = [
        (c["name"], [w.lower() for w in [c["name"], *c["synonyms"]]]) for c in spec["criteria"]
    ]
    out: set[tuple[int, str]] = set()
    for pid, text in lowered.items():
        for name, needles in words:
            if any(fuzz.partial_ratio(needle, text) >= NAIVE_CUTOFF for needle in needles):
                out.add((pid, name))
    return out, time.perf_counter() - started


def precision_recall(pred: set[tuple[int, str]], truth: dict[int, set[str]], skills: list[str]):
    universe = set(skills)
    tp = fp = fn = 0
    for pid, true_skills in truth.items():
        expected = true_skills & universe
        got = {s for s in skills if (pid, s) in pred}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, tp, fp, fn


def worst_false_positives(pred, truth, skills, n=6) -> str:
    from collections import Counter

    c = Counter(s for pid, s in pred if pid in truth and s not in truth[pid] and s in skills)
    return ", ".join(f"{s} {k}" for s, k in c.most_common(n)) or "none"


def disk_sizes(db: Path) -> dict[str, int]:
    """Bytes on disk per object (dbstat), grouped."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        try:
            rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:  # no dbstat: the file only
            return {"file": db.stat().st_size}
    finally:
        conn.close()
    sizes = dict(rows)

    def group(*prefixes: str) -> int:
        return sum(
            v for k, v in sizes.items() if any(k == p or k.startswith(p + "_") for p in prefixes)
        )

    return {
        "term_index": group(
            "term_postings", "term_vocab", "term_people", "term_blocks", "term_pending"
        ),
        "skill_hits": group("skill_hits", "skill_aggs"),
        "fts": group("people_fts"),
        "documents": sizes.get("documents", 0),
        "file": db.stat().st_size,
    }


_RSS_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from bench.match_bench import job_spec, skill_pool, timed_rank
from parsing.taxonomy import load_taxonomy
from review.ranking import Ranker  # noqa: F401  (everything imported before the baseline)

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0

taxonomy = load_taxonomy()
skills = skill_pool(taxonomy)[:int(sys.argv[3])]
baseline = status("VmRSS")
seconds, ranker, ranked = timed_rank(sys.argv[2], job_spec(skills, synonyms=True), taxonomy)
for row in ranked[:50]:
    ranker.score(row.person)
print(json.dumps({"baseline_mb": baseline, "after_mb": status("VmRSS"), "seconds": seconds,
                  "people": len(ranked), "peak_mb": status("VmHWM")}))
"""


def rss_of_ranking(db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _RSS_CHILD, str(REPO), str(db), str(CRITERIA)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def per_tenfold(n1: int, t1: float, n2: int, t2: float) -> float:
    """Growth of the time per 10x people, from two points (10.0 = linear)."""
    return 10 ** (math.log(t2 / t1) / math.log(n2 / n1))


def median_of(runs: list[float]) -> float:
    return statistics.median(runs)


# --- the run -----------------------------------------------------------------------


@dataclass
class Run:
    """What every measurement of one run shares, and the summary it adds its rows to."""

    sizes: list[int]
    naive_size: int
    repeat: int
    taxonomy: object
    skills: list[str]
    specs: dict[str, dict]
    tomls: dict[str, Path]
    dbs: dict[int, Path]
    people: dict[int, int]
    variants_db: Path | None
    rows: list[tuple[str, str, str]] = field(default_factory=lambda: [("measure", "figure", "")])
    e2e: dict[tuple[str, int], dict] = field(default_factory=dict)

    def row(self, measure: str, figure: str, target: str = "") -> None:
        self.rows.append((measure, figure, target))


def end_to_end(run: Run) -> None:
    print(
        f"\n(a) end to end: `shortlist job add` + `shortlist rank --all --top {TOP} --json`, "
        f"process start included (median of {run.repeat}; all runs in brackets; cpu = both "
        "processes' user+sys)"
    )
    # Bytecode and the taxonomy's cached form, as after the app's first start.
    cli_run(run.dbs[run.sizes[0]], run.tomls["plain"])
    for n in run.sizes:
        for label in ("plain", "synonyms"):
            runs = [cli_run(run.dbs[n], run.tomls[label]) for _ in range(run.repeat)]
            best = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]
            run.e2e[(label, n)] = best
            each = ", ".join(f"{r['total']:.2f}" for r in runs)
            print(
                f"    {label:<8} {run.people[n]:>6} people: {best['total']:.3f} s (job add "
                f"{best['add']:.3f} + rank {best['rank']:.3f}; cpu {best['cpu']:.2f} s) [{each}] "
                f"{best['lines']} lines"
            )
        target = {10000: "<= 1 s", 50000: "<= 3 s"}.get(n, "")
        for label in ("synonyms", "plain"):
            figure = f"{run.e2e[(label, n)]['total']:.2f} s"
            run.row(
                f"(a) {label} job end to end, {run.people[n]} people",
                figure,
                target if label == "synonyms" else "",
            )


def in_process(run: Run) -> None:
    print(f"\n(b) in one process: Store opened -> ranked list (median of {run.repeat})")
    for label, spec in run.specs.items():
        seconds: dict[int, float] = {}
        for n in run.sizes:
            runs = []
            for _ in range(run.repeat):
                took, ranker, _ranked = timed_rank(run.dbs[n], spec, run.taxonomy)
                ranker.store.close()
                runs.append(took)
            seconds[n] = median_of(runs)
            each = ", ".join(f"{r:.3f}" for r in runs)
            print(f"    {label:<8} {run.people[n]:>6} people: {seconds[n]:7.3f} s  [{each}]")
        for a, b in itertools.pairwise(run.sizes):
            growth = per_tenfold(a, seconds[a], b, seconds[b])
            print(f"    {label:<8} {a} -> {b}: x{growth:.1f} per 10x people (linear = 10)")
            run.row(f"(b) {label} in one process, growth {a} -> {b}", f"x{growth:.1f} per 10x")


def against_naive(run: Run) -> None:
    n = run.naive_size
    print(f"\n(c) naive partial_ratio(word, text) >= {NAIVE_CUTOFF} at {run.people[n]} people")
    started = time.perf_counter()
    by_person = texts(run.dbs[n])
    load_s = time.perf_counter() - started
    naive_pred = {}
    for label, spec in run.specs.items():
        pred, seconds = naive(by_person, spec)
        naive_pred[label] = pred
        total = load_s + seconds
        fast = run.e2e.get((label, n)) or cli_run(run.dbs[n], run.tomls[label])
        speedup = total / fast["total"]
        print(
            f"    {label:<8} naive {total:.1f} s ({load_s:.1f} s loading texts); end to end "
            f"{fast['total']:.3f} s -> x{speedup:.0f} faster (target >= 20x)"
        )
        run.row(f"(c) {label}: naive {total:.1f} s vs end to end", f"x{speedup:.0f}", ">= x20")
    del by_person
    _, ranker, _ = timed_rank(run.dbs[n], run.specs["plain"], run.taxonomy)
    fast_pred = predictions_ranker(ranker)
    ranker.store.close()
    quality(run, "plain", truth_of(run.dbs[n]), naive_pred["plain"], fast_pred)
    if run.variants_db is not None:
        vtruth = truth_of(run.variants_db)
        vnaive, _ = naive(texts(run.variants_db), run.specs["plain"])
        _, vranker, _ = timed_rank(run.variants_db, run.specs["plain"], run.taxonomy)
        vfast = predictions_ranker(vranker)
        vranker.store.close()
        print(f"    variants set ({len(vtruth)} people: aliases, typos, trap phrases):")
        quality(run, "variants", vtruth, vnaive, vfast)


def quality(run: Run, kind: str, truth, naive_pred, fast_pred) -> None:
    for label, pred in (("naive", naive_pred), ("Ranker", fast_pred)):
        p, r, tp, fp, fn = precision_recall(pred, truth, run.skills)
        worst = worst_false_positives(pred, truth, run.skills)
        print(
            f"    plain job, {label:<6} precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, "
            f"fn {fn}; {len(truth)} people)  false positives: {worst}"
        )
        run.row(f"(c) P / R {label}, {kind} set", f"{p:.3f} / {r:.3f}")


def weight_changed(run: Run) -> None:
    n = run.naive_size
    print(
        f"\n(d) one weight changed, {run.people[n]} people re-ranked (set_spec + rank, matches "
        "cached; median of 5)"
    )
    for label, spec in run.specs.items():
        _, ranker, _ = timed_rank(run.dbs[n], spec, run.taxonomy)
        runs = []
        for i in range(5):
            changed = json.loads(json.dumps(spec))
            changed["criteria"][i]["weight"] = 5.0 + i
            started = time.perf_counter()
            ranker.set_spec(changed)
            ranker.rank()
            runs.append(time.perf_counter() - started)
        ranker.store.close()
        ms = median_of(runs) * 1000
        each = ", ".join(f"{t * 1000:.0f}" for t in runs)
        print(f"    {label:<8} {ms:.1f} ms (runs {each} ms; target <= 50 ms)")
        run.row(f"(d) {label}: one weight changed", f"{ms:.1f} ms", "<= 50 ms")


def word_added(run: Run) -> None:
    n = run.naive_size
    print(
        f"\n(e) one synonym or phrase added to the synonyms job, {run.people[n]} people "
        "re-matched and ranked (median of 3, fresh ranked Ranker each)"
    )
    for skill, word in ADDED:
        runs, matched = [], 0
        for _ in range(3):
            _, ranker, _ = timed_rank(run.dbs[n], run.specs["synonyms"], run.taxonomy)
            bigger = json.loads(json.dumps(run.specs["synonyms"]))
            if skill is None:
                added = {"name": word, "kind": "phrase", "weight": 2.0, "synonyms": []}
                bigger["criteria"].append(added)
                label = f"phrase criterion '{word}'"
            else:
                next(c for c in bigger["criteria"] if c["name"] == skill)["synonyms"].append(word)
                known = run.taxonomy.lookup(word)
                label = f"synonym '{word}' of {skill}" + (f" (= {known.name})" if known else "")
            started = time.perf_counter()
            ranker.set_spec(bigger)
            ranker.rank()
            runs.append(time.perf_counter() - started)
            criterion = next(c for c in ranker.job.criteria if c.name == (skill or word))
            matched = int((ranker.matches()[1][criterion.key].quality > 0).sum())
            ranker.store.close()
        seconds = median_of(runs)
        print(f"    {label:<44} {seconds:.3f} s  ({matched} people match; target <= 0.3 s)")
        run.row(f"(e) add {label}", f"{seconds:.3f} s", "<= 0.3 s")


def one_explained(run: Run) -> None:
    from review.db import Store
    from review.ranking import Ranker

    n = run.naive_size
    print("\n(f) one person explained by a fresh Ranker (nothing ranked before; the top 50)")
    for label, spec in run.specs.items():
        job = job_row(spec)
        with Store(run.dbs[n]) as store:
            ranked = Ranker(store, job, scope="all", taxonomy=run.taxonomy, today=TODAY).rank()
            top = [r.person for r in ranked[:50]]
            times = []
            for person in top:
                started = time.perf_counter()
                Ranker(store, job, scope="all", taxonomy=run.taxonomy, today=TODAY).score(person)
                times.append(time.perf_counter() - started)
        ms, worst = median_of(times) * 1000, max(times) * 1000
        process = cli_explain(run.dbs[n], run.tomls[label], top[0])
        print(
            f"    {label:<8} {ms:.1f} ms median, {worst:.1f} ms worst (target <= 20 ms); "
            f"`shortlist explain` as a process {process:.2f} s"
        )
        run.row(
            f"(f) {label}: one explained (median / worst)", f"{ms:.1f} / {worst:.1f} ms", "<= 20 ms"
        )


def memory_and_disk(run: Run) -> None:
    biggest = run.sizes[-1]
    log(f"measuring the memory of a fresh process ranking {biggest} people ...")
    rss = rss_of_ranking(run.dbs[biggest])
    print(f"\n(g) memory and disk at {run.people[biggest]} people")
    print(
        f"    fresh process ranking the synonyms job and explaining its top 50 "
        f"({rss['seconds']:.2f} s): peak RSS {rss['peak_mb']:.0f} MB (after imports and taxonomy "
        f"{rss['baseline_mb']:.0f} MB; target <= 500 MB)"
    )
    run.row(
        f"(g) peak RSS ranking {run.people[biggest]} people",
        f"{rss['peak_mb']:.0f} MB",
        "<= 500 MB",
    )
    for size in run.sizes:
        d = {k: v / 1e6 for k, v in disk_sizes(run.dbs[size]).items()}
        print(
            f"    {run.people[size]:>6} people on disk: term index "
            f"{d.get('term_index', 0):6.1f} MB, "
            f"skill hits {d.get('skill_hits', 0):6.1f} MB, FTS {d.get('fts', 0):6.1f} MB, "
            f"documents {d.get('documents', 0):6.1f} MB; whole file {d['file']:6.1f} MB"
        )
    on_disk = disk_sizes(run.dbs[biggest]).get("term_index", 0) / 1e6
    run.row(f"(g) term index on disk, {run.people[biggest]} people", f"{on_disk:.0f} MB")


def prepare(args) -> Run:
    from parsing.taxonomy import load_taxonomy

    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    print(f"Matching benchmark — {os.cpu_count()} core(s), people {sizes}")
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    loaded = time.perf_counter() - started
    print(f"  taxonomy: {len(taxonomy.skills)} skills, loaded in {loaded:.2f} s")
    skills = skill_pool(taxonomy)[:CRITERIA]
    specs = {"plain": job_spec(skills), "synonyms": job_spec(skills, synonyms=True)}
    words = sum(1 + len(c["synonyms"]) for c in specs["synonyms"]["criteria"])
    print(f"  plain job: {CRITERIA} taxonomy skills ({', '.join(skills[:8])}, ...)")
    print(
        f"  synonyms job: the same with {words - CRITERIA - len(PHRASES)} synonyms, and "
        f"{len(PHRASES)} phrase criteria ({', '.join(PHRASES)}): "
        f"{len(specs['synonyms']['criteria'])} criteria, {words} words"
    )
    tmp = Path(tempfile.mkdtemp(prefix="shortlist-match-bench-"))
    tomls = {}
    for label, spec in specs.items():
        tomls[label] = tmp / f"{label}.toml"
        tomls[label].write_text(job_toml(f"Bench: {label}", spec), encoding="utf-8")
    dbs = {}
    for n in sorted(set(sizes) | {args.naive_size}):
        t = time.perf_counter()
        dbs[n] = bench_db(n)
        if time.perf_counter() - t > 1:
            log(f"  {dbs[n].name} ready in {time.perf_counter() - t:.0f} s")
    variants_db = bench_db(args.variants_size, variants=True) if args.variants_size else None
    people = {}
    for n, db in dbs.items():
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        people[n] = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        conn.close()
    return Run(
        sizes,
        args.naive_size,
        args.repeat,
        taxonomy,
        skills,
        specs,
        tomls,
        dbs,
        people,
        variants_db,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--naive-size", type=int, default=10000)
    parser.add_argument("--variants-size", type=int, default=2000, help="0: skip the variants set")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    wall = time.perf_counter()
    run = prepare(args)
    for measure in (
        end_to_end,
        in_process,
        against_naive,
        weight_changed,
        word_added,
        one_explained,
        memory_and_disk,
    ):
        measure(run)
    print("\nSummary")
    width = max(len(r[0]) for r in run.rows)
    for row in run.rows:
        print(f"  {row[0]:<{width}}  {row[1]:>16}  {row[2]}")
    print(f"\n  (bench wall time {time.perf_counter() - wall:.0f} s, databases cached in {OUT})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
