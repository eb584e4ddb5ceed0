"""Matching benchmark: figures and ratios from one run over databases of generated people.

    python bench/match_bench.py [--sizes 1000,10000,50000] [--naive-size 10000]
                                [--variants-size 2000] [--repeat 3]

(a) A new job of 40 skill criteria matched and ranked over every stored person
    with ``review.ranking.Ranker(store, job, scope="all")``: seconds from opening
    the Store to the ranked list, loading included (fresh Store and Ranker per
    run, median of ``--repeat``), and the growth per 10x people
    (targets: <= 1 s at 10k; linear or better, i.e. <= 10x per 10x).
(b) The naive way side by side: ``rapidfuzz.fuzz.partial_ratio(criterion, resume
    text) >= 90`` for every criterion and person (both lower-cased), once: its time,
    the speed-up of the Ranker (target >= 20x), and precision/recall of both
    against the generator's ground truth (a (person, criterion) pair is positive
    when the criterion is among the person's true skills), on the plain set and
    on a set generated with variants (aliases, typos, trap phrases).
(c) Changing one weight re-ranks 10k people: ``set_spec`` + ``rank`` with the
    matches cached (target <= 50 ms, median of 5).
(d) Adding one criterion (a taxonomy skill; a custom phrase) re-matches and
    ranks 10k people (target <= 0.5 s, median of 3).
(e) Memory for the largest set: peak RSS of a fresh process that ranks it
    (target <= 500 MB), and the on-disk size of ``skill_hits`` and the FTS index.

The databases are built once through the real import and cached in bench/out
(generated text resumes; progress on stderr). Building takes a while: ~15-30
files/s on two cores, so 10k people take several minutes and 50k half an hour.

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
import time
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
# Names the design notes single out as traps for naive substring matching.
FORCED = ("Go", "R", "Java", "SQL", "React", "Microsoft Excel")
EXTRA_PHRASES = ("incident response", "runbooks")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- databases ---------------------------------------------------------------------


def bench_db(n: int, variants: bool = False) -> Path:
    """A database of n generated text people (bench/people_db.py, cached in bench/out)."""
    from people_db import people_db

    return people_db(n, variants)


def truth_of(db: Path) -> dict[int, set[str]]:
    """person id -> the canonical skills the generator gave them (from the truth.json beside the
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


# --- the job -----------------------------------------------------------------------


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


def job_spec(skills: list[str]) -> dict:
    return {
        "criteria": [
            {"name": s, "kind": "skill", "must": i < 3, "weight": float(1 + i % 3), "synonyms": []}
            for i, s in enumerate(skills)
        ]
    }


def job_row(spec: dict):
    from review.jobs import Job

    return Job(id=0, title="Bench: 40 criteria", spec=spec)


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


def naive(texts_by_person: dict[int, str], skills: list[str]) -> tuple[set[tuple[int, str]], float]:
    """partial_ratio(criterion, full text) >= 90 for every pair; both lower-cased."""
    from rapidfuzz import fuzz

    started = time.perf_counter()
    lowered = {pid: t.lower() for pid, t in texts_by_person.items()}
    names = [(s, s.lower()) for s in skills]
    out: set[tuple[int, str]] = set()
    for pid, text in lowered.items():
        for skill, needle in names:
            if fuzz.partial_ratio(needle, text) >= NAIVE_CUTOFF:
                out.add((pid, skill))
    return out, time.perf_counter() - started


def precision_recall(
    pred: set[tuple[int, str]], truth: dict[int, set[str]], skills: list[str]
) -> tuple[float, float, int, int, int]:
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
    """Bytes on disk per object (dbstat), grouped: skill_hits (+ indexes), FTS index, FTS content
    copy."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        try:
            rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:  # no dbstat: estimate from page counts
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            total = conn.execute("PRAGMA page_count").fetchone()[0] * page
            return {"file": total}
    finally:
        conn.close()
    sizes = dict(rows)
    return {
        "skill_hits": sum(
            v for k, v in sizes.items() if k == "skill_hits" or k.startswith("skill_hits_")
        ),
        "fts_index": sum(
            v
            for k, v in sizes.items()
            if k in ("people_fts_data", "people_fts_idx", "people_fts_docsize", "people_fts_config")
        ),
        "fts_content": sizes.get("people_fts_content", 0),
        "documents": sizes.get("documents", 0),
        "file": db.stat().st_size,
    }


_RSS_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from bench.match_bench import job_spec, skill_pool, timed_rank
from parsing.taxonomy import load_taxonomy
from review.ranking import Ranker  # noqa: F401  (everything imported before the baseline)

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0

def rss_now():
    return status("VmRSS")

taxonomy = load_taxonomy()
skills = skill_pool(taxonomy)[:int(sys.argv[3])]
baseline = rss_now()
seconds, ranker, ranked = timed_rank(sys.argv[2], job_spec(skills), taxonomy)
# VmHWM is this process's own peak; ru_maxrss can carry the parent's peak across fork + exec.
print(json.dumps({"baseline_mb": baseline, "after_mb": rss_now(), "seconds": seconds,
                  "people": len(ranked), "peak_mb": status("VmHWM"),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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


# --- the run -----------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--naive-size", type=int, default=10000)
    parser.add_argument("--variants-size", type=int, default=2000, help="0: skip the variants set")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    wall = time.perf_counter()
    from parsing.taxonomy import load_taxonomy

    print(f"Matching benchmark — {os.cpu_count()} core(s), people {sizes}, {CRITERIA} criteria")
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    print(
        f"  taxonomy: {len(taxonomy.skills)} skills, loaded once in "
        f"{time.perf_counter() - started:.2f} s "
        "(cached per process; not in the timings below)"
    )
    pool = skill_pool(taxonomy)
    skills, spare = pool[:CRITERIA], pool[CRITERIA]
    spec = job_spec(skills)
    print(f"  criteria: {', '.join(skills)}")

    dbs = {}
    for n in sorted(set(sizes) | {args.naive_size}):
        t = time.perf_counter()
        dbs[n] = bench_db(n)
        if time.perf_counter() - t > 1:
            log(f"  {dbs[n].name} ready in {time.perf_counter() - t:.0f} s")
    variants_db = bench_db(args.variants_size, variants=True) if args.variants_size else None
    biggest = sizes[-1]
    log(f"measuring the memory of a fresh process ranking {biggest} people ...")
    rss = rss_of_ranking(dbs[biggest])
    people_counts = {}
    for n, db in dbs.items():
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        people_counts[n] = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        conn.close()

    # (a) a new job over n people
    print(
        f"\n(a) new {CRITERIA}-criterion job, Store opened -> ranked list (median of "
        f"{args.repeat}; "
        "first run in brackets)"
    )
    rank_s: dict[int, float] = {}
    for n in sizes:
        runs = []
        for _ in range(args.repeat):
            seconds, ranker, ranked = timed_rank(dbs[n], spec, taxonomy)
            ranker.store.close()
            runs.append(seconds)
        rank_s[n] = statistics.median(runs)
        print(
            f"    {people_counts[n]:>6} people: {rank_s[n]:7.3f} s  [{runs[0]:.3f}]  {len(ranked)} "
            "ranked"
        )
    for a, b in itertools.pairwise(sizes):
        print(
            f"    {a} -> {b}: x{rank_s[b] / rank_s[a]:.2f} time for x{b / a:g} people = "
            f"x{per_tenfold(a, rank_s[a], b, rank_s[b]):.1f} per 10x people (linear = 10; target "
            "<= 10)"
        )

    # (b) the naive approach beside it, and precision/recall of both
    n = args.naive_size
    print(
        f"\n(b) naive partial_ratio(criterion, text) >= {NAIVE_CUTOFF} at {people_counts[n]} "
        "people vs the Ranker"
    )
    started = time.perf_counter()
    by_person = texts(dbs[n])
    load_s = time.perf_counter() - started
    naive_pred, naive_s = naive(by_person, skills)
    del by_person
    fast_s = rank_s.get(n)
    if fast_s is None:
        fast_s = statistics.median(
            timed_rank(dbs[n], spec, taxonomy)[0] for _ in range(args.repeat)
        )
    _, ranker, _ = timed_rank(dbs[n], spec, taxonomy)
    fast_pred = predictions_ranker(ranker)
    ranker.store.close()
    truth = truth_of(dbs[n])
    naive_total = load_s + naive_s
    print(
        f"    naive: {naive_total:.1f} s ({load_s:.1f} s loading texts + {naive_s:.1f} s "
        "matching); "
        f"Ranker {fast_s:.3f} s -> speed-up x{naive_total / fast_s:.0f} (target >= 20x)"
    )
    pr = {}
    for label, pred in (("naive", naive_pred), ("Ranker", fast_pred)):
        p, r, tp, fp, fn = precision_recall(pred, truth, skills)
        pr[("plain", label)] = (p, r)
        print(
            f"    {label:<6} precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn}; "
            f"{len(truth)} people with truth)  false positives: "
            f"{worst_false_positives(pred, truth, skills)}"
        )
    if variants_db is not None:
        vtruth = truth_of(variants_db)
        vcount = len(vtruth)
        print(f"    variants set ({vcount} people: aliases, typos, trap phrases):")
        vtexts = texts(variants_db)
        vnaive, vnaive_s = naive(vtexts, skills)
        vfast_s, vranker, _ = timed_rank(variants_db, spec, taxonomy)
        vfast = predictions_ranker(vranker)
        vranker.store.close()
        for label, pred, secs in (("naive", vnaive, vnaive_s), ("Ranker", vfast, vfast_s)):
            p, r, tp, fp, fn = precision_recall(pred, vtruth, skills)
            pr[("variants", label)] = (p, r)
            print(
                f"    {label:<6} precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn}; "
                f"{secs:.2f} s)  false positives: {worst_false_positives(pred, vtruth, skills)}"
            )

    # (c) one weight changed, matches cached
    print(
        f"\n(c) one weight changed, re-rank {people_counts[n]} people (set_spec + rank, matches "
        "cached; median of 5)"
    )
    _, ranker, _ = timed_rank(dbs[n], spec, taxonomy)
    weight_runs = []
    for i in range(5):
        changed = json.loads(json.dumps(spec))
        changed["criteria"][i]["weight"] = 5.0 + i
        started = time.perf_counter()
        ranker.set_spec(changed)
        ranker.rank()
        weight_runs.append(time.perf_counter() - started)
    ranker.store.close()
    weight_ms = statistics.median(weight_runs) * 1000
    print(
        f"    {weight_ms:.1f} ms (runs: {', '.join(f'{t * 1000:.0f}' for t in weight_runs)} ms; "
        "target <= 50 ms)"
    )

    # (d) one criterion added
    print(
        f"\n(d) one criterion added, re-match + rank {people_counts[n]} people (median of 3, fresh "
        "Ranker each)"
    )
    added: dict[str, float] = {}
    for label, criterion in [
        (f"skill '{spare}'", {"name": spare, "kind": "skill", "weight": 2.0}),
        *[
            (f"phrase '{ph}'", {"name": ph, "kind": "phrase", "weight": 2.0})
            for ph in EXTRA_PHRASES
        ],
    ]:
        runs, matched = [], 0
        for _ in range(3):
            _, ranker, _ = timed_rank(dbs[n], spec, taxonomy)
            bigger = json.loads(json.dumps(spec))
            bigger["criteria"].append(criterion)
            started = time.perf_counter()
            ranker.set_spec(bigger)
            ranker.rank()
            runs.append(time.perf_counter() - started)
            matched = int((ranker.matches()[1][ranker.job.criteria[-1].key].quality > 0).sum())
            ranker.store.close()
        added[label] = statistics.median(runs)
        print(f"    {label:<28} {added[label]:.3f} s  ({matched} people match; target <= 0.5 s)")

    # (e) memory and disk
    print(f"\n(e) memory and disk at {people_counts[biggest]} people")
    print(
        f"    fresh process ranking {rss['people']} people in {rss['seconds']:.2f} s: peak RSS "
        f"{rss['peak_mb']:.0f} MB "
        f"(VmHWM; ru_maxrss {rss['max_rss_mb']:.0f} MB; after imports and taxonomy "
        f"{rss['baseline_mb']:.0f} MB; after ranking {rss['after_mb']:.0f} MB; target <= 500 MB)"
    )
    disk = {}
    for size in sizes:
        disk[size] = disk_sizes(dbs[size])
        d = disk[size]
        print(
            f"    {people_counts[size]:>6} people on disk: skill_hits "
            f"{d.get('skill_hits', 0) / 1e6:6.1f} MB, "
            f"FTS index {d.get('fts_index', 0) / 1e6:6.1f} MB, FTS content copy "
            f"{d.get('fts_content', 0) / 1e6:6.1f} MB, "
            f"documents {d.get('documents', 0) / 1e6:6.1f} MB; whole file {d['file'] / 1e6:6.1f} MB"
        )

    # the table
    print("\nSummary")
    rows = [("measure", "figure", "target")]
    for size in sizes:
        rows.append(
            (
                f"(a) new 40-criterion job, {people_counts[size]} people",
                f"{rank_s[size]:.3f} s",
                "<= 1 s" if size == 10000 else "",
            )
        )
    for a, b in itertools.pairwise(sizes):
        rows.append(
            (
                f"(a) growth {a} -> {b}",
                f"x{per_tenfold(a, rank_s[a], b, rank_s[b]):.1f} per 10x",
                "<= x10",
            )
        )
    rows.append((f"(b) naive partial_ratio, {people_counts[n]} people", f"{naive_total:.1f} s", ""))
    rows.append(("(b) speed-up of the Ranker", f"x{naive_total / fast_s:.0f}", ">= x20"))
    for (kind, label), (p, r) in pr.items():
        rows.append((f"(b) P / R {label}, {kind} set", f"{p:.3f} / {r:.3f}", ""))
    rows.append(
        (f"(c) one weight changed, {people_counts[n]} people", f"{weight_ms:.1f} ms", "<= 50 ms")
    )
    for label, secs in added.items():
        rows.append((f"(d) add {label}", f"{secs:.3f} s", "<= 0.5 s"))
    rows.append(
        (
            f"(e) peak RSS ranking {people_counts[biggest]} people",
            f"{rss['peak_mb']:.0f} MB",
            "<= 500 MB",
        )
    )
    d = disk[biggest]
    rows.append(
        (
            f"(e) skill_hits + FTS index on disk, {people_counts[biggest]}",
            f"{(d.get('skill_hits', 0) + d.get('fts_index', 0)) / 1e6:.0f} MB",
            "",
        )
    )
    width = max(len(r[0]) for r in rows)
    for row in rows:
        print(f"  {row[0]:<{width}}  {row[1]:>16}  {row[2]}")
    print(f"\n  (bench wall time {time.perf_counter() - wall:.0f} s, databases cached in {OUT})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
