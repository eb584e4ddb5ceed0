"""Batches: many people, each printed by one producer, with its truth beside it."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.samples.designs import TWO_COLUMN, design_of
from app.samples.helpers import slug
from app.samples.model import REFERENCE_DATE, SamplePerson
from app.samples.people import make_people
from app.samples.render import cp1252, fit_pages
from app.samples.render.docx import render_docx
from app.samples.render.txt import render_txt
from app.samples.truth import ground_truth

#: Share of files per producer in :func:`write_batch` (PDFs: half one-, half two-column).
DEFAULT_FORMATS: dict[str, float] = {
    "pdf_reportlab": 0.40,
    "pdf_qt": 0.30,
    "docx": 0.15,
    "txt": 0.09,
    "markdown": 0.06,
}
PRODUCERS: dict[str, tuple[str, str, str]] = {  # key: (producer, format, extension)
    "pdf_reportlab": ("reportlab", "pdf", "pdf"),
    "pdf_qt": ("qt", "pdf", "pdf"),
    "docx": ("docx", "docx", "docx"),
    "txt": ("txt", "txt", "txt"),
    "markdown": ("markdown", "txt", "txt"),
    # Office and design-site layouts (app.samples.designs): asked for by name, not by default.
    "pdf_designs": ("designs", "pdf", "pdf"),
    # RTF as pandoc and Word write it, links as HYPERLINK fields: by name, not by default.
    "rtf": ("rtf", "rtf", "rtf"),
}


def assign_formats(n: int, mix: dict[str, float], seed: int) -> list[tuple[str, bool]]:
    """(format key, two_column) per file index, independent of n.

    A golden-ratio sequence hits each share within a file or two at any n, so file i
    keeps its format when a benchmark grows from 200 to 5,000 files. Half of each
    PDF producer's files (alternating) and a quarter of DOCX files are two-column.
    """
    total = sum(mix.values())
    keys = [k for k in PRODUCERS if mix.get(k, 0) > 0]
    bounds, acc = [], 0.0
    for k in keys:
        acc += mix[k] / total
        bounds.append(acc)
    offset = random.Random(f"shortlist-samples:{seed}:formats").random()
    seen = dict.fromkeys(keys, 0)
    out: list[tuple[str, bool]] = []
    for i in range(n):
        u = (offset + i * 0.6180339887498949) % 1.0
        key = next((k for k, b in zip(keys, bounds, strict=True) if u < b), keys[-1])
        count = seen[key]
        seen[key] += 1
        two = count % 2 == 1 if key.startswith("pdf") else key == "docx" and count % 4 == 3
        out.append((key, two))
    return out


def render_file(
    p: SamplePerson, key: str, two_column: bool
) -> tuple[bytes, int | None, str | None]:
    """(bytes, pages for PDFs, text encoding for TXT)."""
    if key == "pdf_reportlab":
        from app.samples.render import reportlab  # reportlab only when a PDF is asked for

        return (*fit_pages(reportlab.render_scaled, p, two_column), None)
    if key == "pdf_qt":
        from app.samples.render import qt  # Qt only when a Qt-made file is asked for

        return (*fit_pages(qt.render_scaled, p, two_column), None)
    if key == "pdf_designs":
        from app.samples.render import designs  # reportlab only when a PDF is asked for

        return (*designs.render_design(p, design_of(p)), None)
    if key == "docx":
        return render_docx(p, two_column), None, None
    if key == "rtf":
        from app.samples.render.rtf import render_rtf

        return render_rtf(p), None, None
    text = render_txt(p, markdown=key == "markdown")
    if p.style.txt_crlf:
        text = text.replace("\n", "\r\n")
    encoding = p.style.txt_encoding
    if encoding == "cp1252" and not cp1252(text):
        encoding = "utf-8"
    return text.encode(encoding), None, encoding


def write_batch(
    out_dir: Path,
    n: int,
    seed: int = 0,
    formats: dict[str, float] | None = None,
    variants: bool = False,
    reference: date = REFERENCE_DATE,
) -> list[Path]:
    """Write ``n`` resumes to ``out_dir`` with ``<file>.truth.json`` beside each.

    ``formats`` maps keys of :data:`DEFAULT_FORMATS` (pdf_reportlab, pdf_qt, docx, txt,
    markdown) to shares; they need not sum to 1. Returns the resume paths in order.
    """
    mix = dict(DEFAULT_FORMATS if formats is None else formats)
    unknown = sorted(set(mix) - set(PRODUCERS))
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; use {sorted(PRODUCERS)}")
    if n < 0 or sum(v for v in mix.values() if v > 0) <= 0:
        raise ValueError("n must be >= 0 and at least one format share must be positive")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    people = make_people(n, seed, variants, reference)
    paths: list[Path] = []
    for p, (key, two_column) in zip(people, assign_formats(n, mix, seed), strict=True):
        producer, _fmt, ext = PRODUCERS[key]
        design = design_of(p) if key == "pdf_designs" else None
        if design is not None:
            two_column = design in TWO_COLUMN
        path = out_dir / f"{p.index:05d}_{slug(p.name, '-')[:40]}.{ext}"
        data, pages, encoding = render_file(p, key, two_column)
        path.write_bytes(data)
        truth = ground_truth(
            p,
            file=path.name,
            producer=producer,
            two_column=two_column,
            pages=pages,
            encoding=encoding,
            design=design,
        )
        path.with_name(path.name + ".truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        paths.append(path)
    return paths


def parse_formats(spec: str) -> dict[str, float]:
    """``"pdf_designs"`` or ``"pdf_designs=2,docx=1"``: format keys with their shares."""
    mix: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, _, share = part.partition("=")
        mix[key.strip()] = float(share) if share else 1.0
    return mix


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m app.samples OUT_DIR [-n 200] [--formats pdf_designs=1,docx=1]``: write a batch
    and print the throughput."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m app.samples", description=main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", action="store_true")
    parser.add_argument(
        "--formats",
        type=parse_formats,
        default=None,
        help=f"KEY[=SHARE],... of {', '.join(PRODUCERS)} (default: the standard mix)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_batch(
        args.out_dir, args.n, seed=args.seed, formats=args.formats, variants=args.variants
    )
    elapsed = time.perf_counter() - start
    print(
        f"{len(paths)} resumes in {elapsed:.2f} s: {len(paths) / elapsed:.1f} files/s "
        f"-> {args.out_dir}"
    )
    return 0
