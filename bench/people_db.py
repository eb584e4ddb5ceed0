"""Databases of N generated people for the benchmarks, built once through the real import
and cached.

    python bench/people_db.py 10000     # builds bench/out/people-10000.db (and its resumes)

The resumes are generated as text (PDF rendering and pdfminer would make a
50,000-person database take hours and measure nothing the import bench does
not already measure); they go through the same import as any file, so the
stored skill hits, search index and fields are the real ones.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))

BENCH_JOB = "Bench: every person"
REFERENCE_TODAY = "2026-11-01"


def resumes_folder(n: int, variants: bool = False) -> Path:
    """n generated text resumes with ground truth beside each (cached)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.samples import write_batch

    name = f"text-{n}{'-variants' if variants else ''}"
    folder = OUT / name
    marker = OUT / f"{name}.complete"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    chunk = 5000
    for start in range(0, n, chunk):
        # Chunks keep memory flat; a seed per chunk keeps people distinct.
        sub = folder / f"part-{start // chunk:03d}"
        sub.mkdir()
        write_batch(
            sub,
            min(chunk, n - start),
            seed=1000 + start,
            formats={"txt": 0.8, "markdown": 0.2},
            variants=variants,
        )
    print(f"  generated {n} text resumes in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    marker.write_text("ok\n")
    return folder


def people_db(n: int, variants: bool = False) -> Path:
    """A database with n people, all applied to one job (``BENCH_JOB``)."""
    from review.db import Store
    from review.importer import Importer, ImportOptions
    from review.jobs import create_job

    path = OUT / f"people-{n}{'-variants' if variants else ''}.db"
    marker = path.with_suffix(".complete")
    if marker.exists():
        return path
    for stale in OUT.glob(path.name + "*"):
        stale.unlink()
    folder = resumes_folder(n, variants)
    started = time.perf_counter()
    resumes = [
        str(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".truth.json")
    ]
    step = max(500, n // 20)

    def progress(state) -> None:
        if state.done % step == 0 or state.done == state.total:
            rate = state.done / max(time.perf_counter() - started, 1e-9)
            left = (state.total - state.done) / rate if rate else 0.0
            print(
                f"  imported {state.done:>6}/{state.total} ({rate:.0f} files/s, ~{left / 60:.1f} "
                "min left)",
                file=sys.stderr,
                flush=True,
            )

    with Store(path) as store:
        job_id = create_job(store, BENCH_JOB, "", {"criteria": []})
        # "Present" in the generated resumes is the generator's reference date.
        options = ImportOptions(job_id=job_id, today=REFERENCE_TODAY)
        report = Importer(store, options).run(resumes, progress=progress)
    print(
        f"  imported {len(report.files)} resumes in {time.perf_counter() - started:.0f} s -> "
        f"{path}",
        file=sys.stderr,
    )
    marker.write_text("ok\n")
    return path


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000"]:
        print(people_db(int(arg)))
