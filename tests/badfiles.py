"""Hostile and broken files for the import pipeline's bad-input and fault tests.

Everything is generated into a folder the caller gives (a pytest tmp_path):
nothing hostile is checked into the repository, and nothing here touches the
network or the shared corpus. The builders return the path they wrote.

The big ones are built without holding their inflated size in memory:

- the PDF decompression bomb compresses one chunk of spaces with a full flush
  (which resets the compressor's history, so every further identical chunk
  compresses to identical bytes) and repeats those bytes: a valid zlib stream
  of ≥ 1.5 GB of spaces in a few MB, written in well under a second;
- the ZIP bomb streams 1 GB of zeros through ``ZipFile.open(..., "w")``.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import struct
import zipfile
import zlib
from pathlib import Path

# The same marker as parsing.batch.HANG_MARKER, spelled out so that this module
# does not depend on the code under test.
HANG_MARKER = b"%%SHORTLIST-TEST-HANG%%"

GiB = 1024**3
MiB = 1024**2

# --- good resumes ------------------------------------------------------------------

_FIRST = [
    "Amelia",
    "Jonas",
    "Priya",
    "Mateo",
    "Hannah",
    "Kwame",
    "Sofia",
    "Lukas",
    "Yara",
    "Tomasz",
]
_LAST = ["Whitfield", "Okafor", "Lindqvist", "Moreau", "Castellano", "Brennan", "Sato", "Novak"]


def resume_text(index: int = 0, name: str | None = None) -> str:
    """A short, plain resume whose name and email the parser reliably finds."""
    if name is None:
        name = f"{_FIRST[index % len(_FIRST)]} {_LAST[(index // len(_FIRST)) % len(_LAST)]}"
    slug = name.lower().replace(" ", ".")
    return (
        f"{name}\n"
        f"Senior Software Engineer\n"
        f"{slug}{index}@example.com | +44 20 7946 {index % 10000:04d} | London, UK\n"
        f"\n"
        f"SUMMARY\n"
        f"Backend engineer with 8 years of experience building Python and SQL services.\n"
        f"\n"
        f"EXPERIENCE\n"
        f"Senior Software Engineer, Northwind Ltd, London — 2019 – present\n"
        f"- Built data pipelines in Python and PostgreSQL serving {index + 3} teams.\n"
        f"Software Engineer, Contoso, Manchester — 2016 – 2019\n"
        f"- Wrote REST APIs in Django; introduced Docker and CI.\n"
        f"\n"
        f"EDUCATION\n"
        f"BSc Computer Science, University of Leeds, 2016\n"
        f"\n"
        f"SKILLS\n"
        f"Python, SQL, PostgreSQL, Docker, Kubernetes, Git\n"
    )


def write_resume_txt(folder: Path, name: str = "cv.txt", index: int = 0) -> Path:
    path = Path(folder) / name
    path.write_text(resume_text(index), encoding="utf-8")
    return path


# --- small hostile files --------------------------------------------------------------


def write_empty(folder: Path, name: str = "empty.pdf") -> Path:
    path = Path(folder) / name
    path.write_bytes(b"")
    return path


def write_random_pdf(
    folder: Path, name: str = "random.pdf", size: int = 64 * 1024, seed: int = 1
) -> Path:
    """Random bytes under a .pdf name. The seed is fixed, and the bytes are checked
    not to start with any magic number by chance (a 'BM' would make it a bitmap)."""
    rng = random.Random(seed)
    while True:
        data = rng.randbytes(size)
        if (
            data[:2] not in (b"BM", b"MZ", b"PK", b"\x1f\x8b", b"II", b"MM", b"ID")
            and b"%PDF" not in data[:1024]
        ):
            break
    path = Path(folder) / name
    path.write_bytes(data)
    return path


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A real, valid (tiny, grey) PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(b"\x00" + bytes([128] * width) for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def write_png_as_pdf(folder: Path, name: str = "photo.pdf") -> Path:
    path = Path(folder) / name
    path.write_bytes(png_bytes())
    return path


def write_hang(folder: Path, name: str = "hang.txt", index: int = 90) -> Path:
    """A plain resume with the test hook's hang marker in its first 4 KB."""
    path = Path(folder) / name
    path.write_bytes(HANG_MARKER + b"\n" + resume_text(index).encode("utf-8"))
    return path


# --- PDFs -------------------------------------------------------------------------------


def pdf_with_content(
    content: bytes,
    *,
    flate: bool = False,
    raw_stream: bytes | None = None,
    length: int | None = None,
) -> bytes:
    """A valid one-page PDF (Helvetica as /F1) whose page content is ``content``.

    With ``flate`` the content is Flate-compressed; ``raw_stream`` gives the
    already-compressed stream bytes instead (for streams too big to hold inflated).
    """
    if raw_stream is not None:
        stream, filt = raw_stream, b" /Filter /FlateDecode"
    elif flate:
        stream, filt = zlib.compress(content, 9), b" /Filter /FlateDecode"
    else:
        stream, filt = content, b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        b"<< /Length %d%s >>\nstream\n" % (length if length is not None else len(stream), filt)
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def text_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` line by line (ASCII/Latin-1)."""
    ops = [b"BT /F1 10 Tf 12 TL 56 740 Td"]
    for line in text.splitlines():
        escaped = (
            line.encode("latin-1", "replace")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
        )
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return pdf_with_content(b"\n".join(ops), flate=True)


def flate_bomb_stream(
    inflated: int, chunk: bytes = b" " * (16 * MiB), prefix: bytes = b""
) -> bytes:
    """A valid zlib stream that inflates to ``prefix`` + at least ``inflated`` bytes of ``chunk``.

    After ``Z_FULL_FLUSH`` the compressor forgets its history, so each further
    copy of the same chunk compresses to the same bytes: compress two, repeat
    the second. The Adler-32 trailer is computed over the whole inflated data.
    """
    copies = -(-inflated // len(chunk))
    comp = zlib.compressobj(9)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    assert again == comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH), (
        "compressor not history-free"
    )
    adler = zlib.adler32(prefix)
    for _ in range(copies):
        adler = zlib.adler32(chunk, adler)
    body = head + first + again * (copies - 1)
    # A final, empty stored block, then the checksum.
    return body + b"\x01\x00\x00\xff\xff" + struct.pack(">I", adler & 0xFFFFFFFF)


def write_pdf_bomb(folder: Path, name: str = "bomb.pdf", inflated: int = 3 * GiB // 2) -> Path:
    """A small valid PDF whose page content inflates to ``inflated`` bytes of spaces
    (after a real line of text, so the page is not simply empty)."""
    prefix = b"BT /F1 12 Tf 72 720 Td (Decompression Bomb) Tj ET\n"
    stream = flate_bomb_stream(inflated, prefix=prefix)
    path = Path(folder) / name
    path.write_bytes(pdf_with_content(b"", raw_stream=stream))
    return path


def slow_pdf(operators: int = 3_000_000) -> bytes:
    """A valid PDF whose content stream shows one character ``operators`` times:
    small on disk, but every operator is a text object pdfminer lays out."""
    op = b"BT /F1 1 Tf 0 0 Td (a) Tj ET\n"
    comp = zlib.compressobj(9)
    parts = [comp.compress(b"BT /F1 12 Tf 72 720 Td (Slow Document) Tj ET\n")]
    block = op * 100_000
    left = operators
    while left > 0:
        n = min(left, 100_000)
        parts.append(comp.compress(block if n == 100_000 else op * n))
        left -= n
    parts.append(comp.flush())
    return pdf_with_content(b"", raw_stream=b"".join(parts))


def write_slow_pdf(folder: Path, name: str = "slow.pdf", operators: int = 3_000_000) -> Path:
    path = Path(folder) / name
    path.write_bytes(slow_pdf(operators))
    return path


# --- DOCX -------------------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def _paragraphs(lines: list[str]) -> str:
    from xml.sax.saxutils import escape

    return "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )


def docx_resume(index: int = 0) -> bytes:
    body = _paragraphs(resume_text(index).splitlines())
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    )
    return docx_bytes(xml.encode("utf-8"))


def billion_laughs_docx() -> bytes:
    """word/document.xml declares the classic exponential entity (10 levels × 10 → 10^9 'lol's)."""
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        prev = "lol" if level == 1 else f"lol{level - 1}"
        entities.append(f'<!ENTITY lol{level} "' + f"&{prev};" * 10 + '">')
    dtd = "<!DOCTYPE w:document [\n  " + "\n  ".join(entities) + "\n]>"
    body = _paragraphs(["Laughing Person", "laugh@example.com"])
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{dtd}\n'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}'
        f"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx_bytes(xml.encode("utf-8"))


def external_entity_docx(target: str = "file:///etc/passwd") -> bytes:
    """word/document.xml pulls an external entity (XXE) into the text."""
    dtd = f'<!DOCTYPE w:document [\n  <!ENTITY xxe SYSTEM "{target}">\n]>'
    body = _paragraphs(["Curious Person", "curious@example.com", "EXPERIENCE"])
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{dtd}\n'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}'
        f"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx_bytes(xml.encode("utf-8"))


# --- ZIPs --------------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A ZIP with these member names kept exactly as given (no sanitising)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 2, 3, 4, 6))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buf.getvalue()


def write_zip_slip(folder: Path, name: str = "slip.zip") -> Path:
    """Members that would land outside an extraction folder, and one good resume."""
    path = Path(folder) / name
    path.write_bytes(
        zip_bytes(
            {
                "../evil.txt": b"owned: written outside the folder\n" * 20,
                "/abs/evil.txt": b"owned: written to an absolute path\n" * 20,
                "good/cv.txt": resume_text(41).encode("utf-8"),
            }
        )
    )
    return path


def write_zip_bomb(folder: Path, name: str = "zipbomb.zip", size: int = GiB) -> Path:
    """One member of ``size`` zeros, deflated (about 1000 to 1)."""
    path = Path(folder) / name
    chunk = bytes(16 * MiB)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("resume.txt", "w", force_zip64=True) as member,
    ):
        left = size
        while left > 0:
            n = min(left, len(chunk))
            member.write(chunk if n == len(chunk) else chunk[:n])
            left -= n
    return path


def write_nested_zip(
    folder: Path,
    depth: int,
    inner_name: str = "cv.txt",
    index: int = 7,
    names: list[str] | None = None,
) -> Path:
    """A resume in a ZIP in a ZIP ... ``depth`` archives deep.

    ``names`` are the archive names from the outside in (default outer.zip,
    inner.zip, level3.zip, …); the file written is the outermost one.
    """
    names = (
        names
        or (["outer.zip", "inner.zip"] + [f"level{n}.zip" for n in range(3, depth + 1)])[:depth]
    )
    data = resume_text(index).encode("utf-8")
    member = inner_name
    for archive_name in reversed(names[1:]):
        data = zip_bytes({member: data})
        member = archive_name
    path = Path(folder) / names[0]
    path.write_bytes(zip_bytes({member: data}))
    return path


def write_hostile_folder(folder: Path) -> dict[str, Path]:
    """The small hostile files together (no multi-GB bombs, no hang), for CLI tests."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty": write_empty(folder),
        "random": write_random_pdf(folder),
        "png": write_png_as_pdf(folder),
        "laughs": folder / "laughs.docx",
        "xxe": folder / "xxe.docx",
        "slip": write_zip_slip(folder),
        "nested3": write_nested_zip(folder, 3, names=["deep.zip", "middle.zip", "bottom.zip"]),
        "nested2": write_nested_zip(folder, 2),
        "good": write_resume_txt(folder, "good.txt", index=5),
        "pdf_bomb_small": folder / "smallbomb.pdf",
    }
    files["laughs"].write_bytes(billion_laughs_docx())
    files["xxe"].write_bytes(external_entity_docx())
    # A modest bomb (64 MB of spaces): enough to be hostile, cheap to build.
    files["pdf_bomb_small"].write_bytes(
        pdf_with_content(
            b"",
            raw_stream=flate_bomb_stream(
                64 * MiB, chunk=b" " * MiB, prefix=b"BT /F1 12 Tf 72 720 Td (Small Bomb) Tj ET\n"
            ),
        )
    )
    return files


# --- processes (for the fault tests) ---------------------------------------------------------
#
# Not files, but the tests that feed these files to the pool need them: which
# processes an import left behind, and whether the worker pool's fork server
# sees the test hook. Linux /proc only, no psutil.


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (2nd field) is in parentheses and may hold spaces.
    return int(stat.rsplit(")", 1)[1].split()[1])


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def descendants(root: int) -> list[int]:
    """Every process below ``root`` (children, their children...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _ppid(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def environ_of(pid: int) -> dict[str, str] | None:
    """The environment a process started with (what /proc shows), or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return None
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


@contextlib.contextmanager
def hooks_in_workers():
    """SHORTLIST_TEST_HOOKS=1 in the worker pool's processes while the block runs.

    The pool forks its workers from multiprocessing's fork server, and the
    fork server keeps the environment of the moment it started (the bug that
    test_bad_input.test_test_hook_reaches_workers_of_a_running_fork_server
    shows). So a fork server started earlier without the variable is stopped
    (with the method the standard library keeps for its own tests) and the
    next pool starts a fresh one; afterwards the same is done the other way
    round, so no later test runs with the hook on.
    """
    import multiprocessing.forkserver as fs

    def server_has_hooks() -> bool | None:
        pid = fs._forkserver._forkserver_pid
        env = environ_of(pid) if pid else None
        return None if env is None else bool(env.get("SHORTLIST_TEST_HOOKS"))

    def stop_server() -> None:
        # Every worker holds the server's "alive" pipe: with one still running,
        # stopping would wait for ever.
        busy = descendants(fs._forkserver._forkserver_pid)
        if busy:
            raise RuntimeError(
                f"workers of an earlier pool still run ({busy}): cannot restart the fork server"
            )
        fs._forkserver._stop()

    old = os.environ.get("SHORTLIST_TEST_HOOKS")
    os.environ["SHORTLIST_TEST_HOOKS"] = "1"
    if server_has_hooks() is False:
        stop_server()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SHORTLIST_TEST_HOOKS", None)
        else:
            os.environ["SHORTLIST_TEST_HOOKS"] = old
        if server_has_hooks():
            stop_server()
