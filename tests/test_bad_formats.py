"""Hostile files of the new formats through the whole pipeline: each gets one clear outcome,
the rest of the batch is read, memory stays under the caps, nothing takes the process down.

Built by :mod:`tests.badformats` into tmp folders; the 1 GB MIME part is
streamed to disk and removed at the end of its test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests import badfiles as B
from tests import badformats as BF
from tests import formatfiles as FF
from tests.test_bad_input import check_every_row, run_import

SHORTLIST = Path(sys.executable).with_name("shortlist")
OUTCOMES = {
    "ok",
    "unsupported",
    "no_text",
    "unreadable_text",
    "encrypted",
    "malformed",
    "too_large",
    "timeout",
    "too_complex",
}
MB = 1024**2
# `shortlist` in a process that reports its own peak memory (workers, which have their caps, not
# included). VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's size at the fork,
# and the test process is large once OCR has run in it.
_MEASURED_CLI = (
    "import re, sys\n"
    "from app.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "status = open('/proc/self/status').read()\n"
    "print('PEAK-KB', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def parse_folder(
    folder: Path, *extra: str, timeout: int = 300
) -> tuple[dict[str, dict], float, float]:
    """`shortlist parse --json` over a folder: results by path relative to it, seconds, and the
    peak memory (MB) of the parsing process (workers not included)."""
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURED_CLI,
            "parse",
            "--json",
            "--workers",
            "2",
            *extra,
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    peak = float(done.stderr.rsplit("PEAK-KB ", 1)[1].split()[0]) / 1024
    results = {}
    for line in done.stdout.splitlines():
        result = json.loads(line)
        assert result["outcome"] in OUTCOMES, result
        assert (result["error"] is None) == (result["outcome"] == "ok"), result
        key = result["file"][len(str(folder)) + 1 :]
        assert key not in results, f"two lines for {key}"
        results[key] = result
    return results, seconds, peak


def test_hostile_word_files_with_good_ones(tmp_path):
    folder = tmp_path / "word"
    folder.mkdir()
    hostile = {
        **BF.ole_bombs(),
        **BF.broken_piece_tables(),
        "encrypted.doc": FF.word97("Ana\r", encrypted=True),
        "word95.doc": FF.word97("Ana\r", nfib=0x68),
        "garbage.doc": FF.ole_file({"WordDocument": b"\0" * 5000, "1Table": b"\0" * 5000}),
    }
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    (folder / "good.doc").write_bytes(
        FF.word97(
            "Amelia Whitfield\ramelia@example.com\rExperience\rNurse at City Hospital 2015 – 2020\r"
        )
    )
    results, seconds, _ = parse_folder(folder)
    assert set(results) == set(hostile) | {"good.doc"}
    assert (
        results["good.doc"]["outcome"] == "ok" and results["good.doc"]["name"] == "Amelia Whitfield"
    )
    for name in BF.ole_bombs():
        assert results[name]["outcome"] == "malformed", (name, results[name])
    assert "OLE bomb" in results["claims-4GB.doc"]["error"]
    assert "used twice" in results["chain-loop.doc"]["error"]
    for name in BF.broken_piece_tables():
        assert (
            results[name]["outcome"] == "malformed" and "Word document" in results[name]["error"]
        ), name
    assert results["encrypted.doc"]["outcome"] == "encrypted"
    assert "Word 6.0/95" in results["word95.doc"]["error"]
    assert results["garbage.doc"]["outcome"] == "malformed"
    assert seconds < 60


def test_mime_and_outlook_bombs_with_good_mail(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    files = {
        "deep.eml": BF.deep_multipart(2000),
        "deep50.eml": BF.deep_multipart(50),
        "parts.eml": BF.many_parts(5000),
        "forwarded12.eml": BF.nested_messages(12),
        "attachments300.eml": BF.eml_with_attachments(300),
        "attachments600.msg": BF.msg_with_attachments(600),
        "attachments80.msg": BF.msg_with_attachments(80),
        "good.eml": FF.eml(
            attachments=[("cv.pdf", B.text_pdf(B.resume_text(4)), "application/pdf")]
        ),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    results, seconds, peak = parse_folder(folder)
    assert results["good.eml/cv.pdf"]["outcome"] == "ok"
    assert (
        results["deep.eml"]["outcome"] == "too_complex"
        and "MIME bomb" in results["deep.eml"]["error"]
    )
    assert (
        results["deep50.eml"]["outcome"] == "too_complex"
        and "nested more than" in results["deep50.eml"]["error"]
    )
    assert results["parts.eml"]["outcome"] == "too_complex"
    assert results["attachments600.msg"]["outcome"] == "too_complex"
    for name, count in (("attachments300.eml", 300), ("attachments80.msg", 80)):
        mine = {k: v for k, v in results.items() if k.startswith(name + "/")}
        assert len(mine) == 51, name
        assert sum(v["outcome"] == "ok" for v in mine.values()) == 50
        [extra] = [v for v in mine.values() if v["outcome"] == "too_complex"]
        assert f"holds {count} attachments; the first 50 were read" in extra["error"]
    forwarded = {k: v for k, v in results.items() if k.startswith("forwarded12.eml")}
    assert [
        v["outcome"]
        for k, v in sorted(forwarded.items())
        if "nested too deep" in (v["error"] or "")
    ], forwarded
    assert seconds < 120
    assert peak < 600, f"the parsing process peaked at {peak:.0f} MB"


def test_a_1gb_mime_part_in_a_mailbox(tmp_path):
    folder = tmp_path / "box"
    folder.mkdir()
    giant = BF.write_big_base64_message(tmp_path / "giant.eml")
    good = [
        FF.eml(
            sender=f"P{i} <p{i}@example.org>",
            message_id=f"<g{i}@x>",
            attachments=[("cv.txt", B.resume_text(i).encode(), "text/plain")],
        )
        for i in range(2)
    ]
    try:
        BF.write_mbox_with_a_giant(folder / "Inbox.mbox", giant, good)
        giant.rename(folder / "giant.eml")
        results, seconds, peak = parse_folder(folder)
    finally:
        for path in (folder / "Inbox.mbox", folder / "giant.eml", giant):
            path.unlink(missing_ok=True)
    assert results["giant.eml"]["outcome"] == "too_large"
    assert "over the 60 MB limit for one message" in results["giant.eml"]["error"]
    assert results["Inbox.mbox/2.eml"]["outcome"] == "too_large"
    assert results["Inbox.mbox/1.eml/cv.txt"]["outcome"] == "ok"
    assert results["Inbox.mbox/3.eml/cv.txt"]["outcome"] == "ok"
    assert peak < 300, f"the parsing process peaked at {peak:.0f} MB for a 1.4 GB mailbox"
    assert seconds < 240


def test_picture_bombs_and_giant_scripts(tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "bomb.png").write_bytes(BF.png_bomb())
    (folder / "claims.jpg").write_bytes(BF.jpeg_claiming())
    (folder / "script.html").write_bytes(BF.html_with_script(12))
    (folder / "unclosed.html").write_bytes(BF.html_with_script(12, closed=False))
    (folder / "good.txt").write_text(B.resume_text(7))
    results, seconds, _ = parse_folder(folder)
    for name in ("bomb.png", "claims.jpg"):
        assert results[name]["outcome"] == "too_complex", results[name]
        assert "megapixels" in results[name]["error"] and "not decoded" in results[name]["error"]
    assert (
        results["script.html"]["outcome"] == "ok"
        and results["script.html"]["name"] == B.resume_text(3).splitlines()[0]
    )
    assert results["unclosed.html"]["outcome"] == "no_text"
    assert results["good.txt"]["outcome"] == "ok"
    assert seconds < 60


def test_hostile_mail_through_the_importer(tmp_path):
    """The importer stores each document of a message (and one row per problem), like a ZIP's."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.eml").write_bytes(BF.deep_multipart(2000))
    (folder / "app.eml").write_bytes(
        FF.eml(
            attachments=[
                ("cv.txt", B.resume_text(8).encode(), "text/plain"),
                (
                    "cv.doc",
                    FF.word97(
                        "Hannah Sato\rhannah@example.jp\rExperience\rEngineer at Sony 2015 – 2020\r"
                    ),
                    "application/msword",
                ),
            ]
        )
    )
    (folder / "claims-4GB.doc").write_bytes(BF.ole_bombs()["claims-4GB.doc"])
    report, rows, _ = run_import(tmp_path / "db.sqlite", [folder])
    check_every_row(report, rows)
    outcomes = {source[len(str(folder)) + 1 :]: row["outcome"] for source, row in rows.items()}
    assert outcomes == {
        "deep.eml": "too_complex",
        "app.eml/cv.txt": "ok",
        "app.eml/cv.doc": "ok",
        "claims-4GB.doc": "malformed",
    }
