"""E-mail as recruiters receive it: .eml, Outlook .msg and mbox, through `shortlist parse`."""

from __future__ import annotations

import json
import mailbox
import subprocess
import sys
from pathlib import Path

import pytest

from parsing import formats
from parsing.collect import collect
from parsing.mail import sniff_mail
from tests import badfiles as B
from tests import formatfiles as FF

SHORTLIST = Path(sys.executable).with_name("shortlist")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def parse_json(*paths, extra=()) -> list[dict]:
    done = subprocess.run(
        [str(SHORTLIST), "parse", "--json", "--workers", "2", *extra, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_sniffing_mail_by_content():
    assert sniff_mail(FF.eml())[0] == "eml"
    assert formats.sniff(FF.outlook_msg()).kind == formats.MSG
    box = b"From ana@example.org Tue Mar  3 09:30:00 2026\n" + FF.eml()
    assert sniff_mail(box)[0] == "mbox"
    page = (
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://ana.dev/\r\nSubject: Ana\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
    )
    assert sniff_mail(page)[0] == "mhtml"
    assert sniff_mail(b"Name: Ana Ruiz\nEmail: ana@example.com\n\nExperience\nNurse") is None
    assert sniff_mail(B.resume_text(3).encode()) is None


def _big_docx(index: int) -> bytes:
    """A DOCX of a few hundred KB (a photo inside), as most real ones are."""
    import io
    import os
    import zipfile

    out = io.BytesIO(B.docx_resume(index))
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("word/media/image1.jpeg", os.urandom(300_000))
    return out.getvalue()


def test_eml_attachments_are_documents_with_their_message(tmp_path):
    pdf = B.text_pdf(B.resume_text(0, "Amelia Whitfield"))
    message = FF.eml(
        attachments=[
            ("Amelia Whitfield CV.pdf", pdf, PDF),
            ("contact.vcf", b"BEGIN:VCARD\nEND:VCARD\n", "text/vcard"),
            ("cv.docx", _big_docx(4), DOCX),
        ]
    )
    path = tmp_path / "application.eml"
    path.write_bytes(message)
    results = {r["file"]: r for r in parse_json(path)}
    assert set(results) == {f"{path}/Amelia Whitfield CV.pdf", f"{path}/cv.docx"}, (
        "the vCard is not a resume"
    )
    first = results[f"{path}/Amelia Whitfield CV.pdf"]
    assert first["outcome"] == "ok" and first["name"] == "Amelia Whitfield"
    assert first["message"]["sender"] == "ana.silva@example.org"
    assert first["message"]["subject"] == "Application: Data Engineer"
    assert first["message"]["date"] == "2026-03-03T09:30:00+00:00"
    assert "please find my CV attached" in first["message"]["body"]
    assert first["from_message"] == []
    assert results[f"{path}/cv.docx"]["outcome"] == "ok"
    # The same PDF alone gives the same fields.
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(pdf)
    [direct] = parse_json(alone)
    assert {k: v for k, v in first.items() if k not in ("file", "message", "from_message")} == {
        k: v for k, v in direct.items() if k != "file"
    }


def test_the_body_is_the_resume_when_nothing_is_attached_and_the_sender_fills_the_email(tmp_path):
    resume = B.resume_text(5, "Sofia Moreau").replace("sofia.moreau5@example.com | ", "")
    path = tmp_path / "cv in the body.eml"
    path.write_bytes(
        FF.eml(
            sender="Sofia Moreau <sofia@example.fr>",
            body=resume,
            attachments=[("budget.xlsx", b"PK\x03\x04" + b"\0" * 40, "application/vnd.ms-excel")],
        )
    )
    results = {r["file"]: r for r in parse_json(path)}
    body = results[str(path)]
    assert body["outcome"] == "ok" and body["name"] == "Sofia Moreau"
    assert body["emails"] == ["sofia@example.fr"] and body["from_message"] == ["emails"]
    assert results[f"{path}/budget.xlsx"]["outcome"] in ("malformed", "unsupported")


def test_html_only_body_and_a_short_note_without_attachment(tmp_path):
    resume = B.resume_text(6, "Kwame Castellano")
    html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in resume.splitlines())
        + "<script>x()</script></body></html>"
    )
    message = FF.eml(body="", html=html)
    (tmp_path / "html.eml").write_bytes(message)
    (tmp_path / "short.eml").write_bytes(FF.eml(body="CV to follow, thanks!"))
    results = {Path(r["file"]).name: r for r in parse_json(tmp_path)}
    assert (
        results["html.eml"]["outcome"] == "ok" and results["html.eml"]["name"] == "Kwame Castellano"
    )
    assert results["short.eml"]["outcome"] == "no_text"
    assert "too short" in results["short.eml"]["error"]


def test_outlook_msg_with_an_embedded_message(tmp_path):
    data = FF.outlook_msg(
        sender="hr@agency.example",
        sender_name="Agency",
        subject="Fwd: candidates",
        attachments=[("Lukas Novak.txt", B.resume_text(7, "Lukas Novak").encode())],
        embedded=[
            {
                "subject": "Application Hannah",
                "sender": "hannah.sato@example.jp",
                "sender_name": "Hannah Sato",
                "body": "Please see my CV.",
                "attachments": [("hannah.docx", B.docx_resume(4))],
            }
        ],
    )
    path = tmp_path / "forwarded.msg"
    path.write_bytes(data)
    results = {r["file"]: r for r in parse_json(path)}
    assert set(results) == {f"{path}/Lukas Novak.txt", f"{path}/Application Hannah.msg/hannah.docx"}
    lukas = results[f"{path}/Lukas Novak.txt"]
    assert lukas["name"] == "Lukas Novak" and lukas["message"]["sender"] == "hr@agency.example"
    inner = results[f"{path}/Application Hannah.msg/hannah.docx"]
    assert inner["outcome"] == "ok"
    assert inner["message"]["sender"] == "hannah.sato@example.jp", (
        "the inner message is the applicant's"
    )


def test_mbox_is_a_batch_of_messages(tmp_path):
    path = tmp_path / "Applications.mbox"
    box = mailbox.mbox(str(path))
    for i, name in enumerate(["Yara Brennan", "Tomasz Lindqvist", "Priya Okafor"]):
        pdf = B.text_pdf(B.resume_text(i, name))
        box.add(
            FF.eml(
                sender=f"{name} <p{i}@example.org>",
                message_id=f"<m{i}@x>",
                body=f"From the start: I am {name}.\nFrom now on...",
                attachments=[(f"{name}.pdf", pdf, PDF)],
            )
        )
    box.flush()
    box.close()
    results = {r["file"]: r for r in parse_json(path)}
    assert set(results) == {
        f"{path}/{i + 1}.eml/{n}.pdf"
        for i, n in enumerate(["Yara Brennan", "Tomasz Lindqvist", "Priya Okafor"])
    }
    for i, name in enumerate(["Yara Brennan", "Tomasz Lindqvist", "Priya Okafor"]):
        result = results[f"{path}/{i + 1}.eml/{name}.pdf"]
        assert result["name"] == name and result["message"]["message_id"] == f"<m{i}@x>"
        assert result["message"]["body"].startswith("From the start"), "mbox quoting is undone"


def test_containers_one_level_deep(tmp_path):
    inner_eml = FF.eml(
        sender="Mateo <mateo@example.es>",
        attachments=[("mateo.txt", B.resume_text(3, "Mateo Sato").encode(), "text/plain")],
    )
    zipped = B.zip_bytes(
        {"cvs/hannah.txt": B.resume_text(4, "Hannah Novak").encode(), "cvs/deeper.eml": inner_eml}
    )
    outer = FF.eml(
        attachments=[
            ("forwarded.eml", inner_eml, "message/rfc822"),
            ("cvs.zip", zipped, "application/zip"),
        ]
    )
    path = tmp_path / "outer.eml"
    path.write_bytes(outer)
    in_zip = tmp_path / "batch.zip"
    in_zip.write_bytes(B.zip_bytes({"a/outer.eml": outer}))
    results = {r["file"]: r for r in parse_json(path, in_zip)}
    mine = {k[len(str(path)) + 1 :]: v for k, v in results.items() if k.startswith(str(path) + "/")}
    assert mine["forwarded.eml/mateo.txt"]["name"] == "Mateo Sato"
    assert mine["forwarded.eml/mateo.txt"]["message"]["sender"] == "mateo@example.es"
    assert mine["cvs.zip/cvs/hannah.txt"]["name"] == "Hannah Novak"
    assert mine["cvs.zip/cvs/deeper.eml"]["outcome"] == "unsupported"
    assert "nested too deep" in mine["cvs.zip/cvs/deeper.eml"]["error"]
    zipped_results = {
        k[len(str(in_zip)) + 1 :]: v for k, v in results.items() if k.startswith(str(in_zip) + "/")
    }
    assert zipped_results["a/outer.eml/forwarded.eml"]["outcome"] == "unsupported"
    assert zipped_results["a/outer.eml/cvs.zip"]["outcome"] == "unsupported"


def test_pictures_count_only_without_a_document(tmp_path):
    photo = FF.scan(B.text_pdf(B.resume_text(8, "Jonas Brennan")), dpi=150, quality=70)
    with_pdf = FF.eml(
        attachments=[("cv.pdf", B.text_pdf(B.resume_text(9)), PDF), ("me.jpg", photo, "image/jpeg")]
    )
    only_photo = FF.eml(attachments=[("cv-photo.jpg", photo, "image/jpeg")])
    (tmp_path / "with_pdf.eml").write_bytes(with_pdf)
    (tmp_path / "only_photo.eml").write_bytes(only_photo)
    candidates, _ = collect([tmp_path])
    names = sorted(c.source[len(str(tmp_path)) + 1 :] for c in candidates)
    assert names == ["only_photo.eml/cv-photo.jpg", "with_pdf.eml/cv.pdf"]


def test_a_document_is_read_only_when_its_turn_comes(tmp_path):
    """Collecting lists the documents; their bytes are read from the message again later."""
    path = tmp_path / "m.eml"
    path.write_bytes(FF.eml(attachments=[("a.txt", B.resume_text(1).encode(), "text/plain")]))
    [candidate] = collect([path])[0]
    path.write_bytes(FF.eml(attachments=[("b.txt", b"other", "text/plain")]))
    with pytest.raises(OSError, match="no longer in the message"):
        candidate.read()


def test_import_keeps_the_sender_as_the_contact_when_the_resume_has_none(tmp_path):
    from tests.test_bad_input import check_every_row, person, run_import

    resume = B.resume_text(2, "Priya Castellano").replace("priya.castellano2@example.com | ", "")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "application.eml").write_bytes(
        FF.eml(
            sender="Priya Castellano <priya.c@example.in>",
            attachments=[("cv.txt", resume.encode(), "text/plain")],
        )
    )
    report, rows, _ = run_import(tmp_path / "db.sqlite", [tmp_path / "in"])
    check_every_row(report, rows)
    [row] = rows.values()
    assert row["source"].endswith("application.eml/cv.txt") and row["outcome"] == "ok"
    stored = person(tmp_path / "db.sqlite", row["person_id"])
    assert json.loads(stored["emails"]) == ["priya.c@example.in"]
    import sqlite3

    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        fields = json.loads(
            conn.execute(
                "SELECT fields FROM documents WHERE id = ?", (row["document_id"],)
            ).fetchone()[0]
        )
    assert fields["from_message"] == ["emails"] and fields["ocr"] is False
