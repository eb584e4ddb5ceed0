"""Legacy Word (.doc): the real files of the corpus, documents written here, and what goes wrong."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from parsing import formats
from tests import formatfiles as FF
from tests.docs import docx, rtf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RESUMES2 = CORPUS / "resumes2"


def _labels() -> dict[str, dict]:
    return {
        label["file"]: label
        for label in json.loads((CORPUS / "labels2.json").read_text(encoding="utf-8"))
    }


@pytest.mark.parametrize("name", sorted(p.name for p in RESUMES2.glob("*.doc")))
def test_real_doc_resumes(parse, name):
    label = _labels()[name]
    result = parse((RESUMES2 / name).read_bytes(), name)
    assert result.outcome == "ok", result.error
    assert result.kind == "doc" and not result.ocr
    assert [e.lower() for e in result.emails] == [e.lower() for e in label["emails"]]
    assert result.skills, "skills are found in .doc text like in DOCX"


def test_six_real_doc_files_in_the_corpus():
    assert len(list(RESUMES2.glob("*.doc"))) == 6


def test_header_first_then_body_then_text_boxes_and_hyperlink_targets(parse):
    data = FF.word97(
        "Ana Silva\rData Engineer\r"
        '\x13 HYPERLINK "https://github.com/anasilva" \x14github.com/anasilva\x15\r'
        "Experience\rData Engineer, Acme, Lisbon 2019 – 2023\r"
        "Built pipelines in Python and Spark.\r"
        "Skills\rPython, SQL, Spark, Airflow\r",
        headers="ana.silva@example.org | +351 912 345 678\r",
        boxes="References available on request\r",
        pieces=3,
    )
    result = parse(data, "ana.doc")
    assert result.outcome == "ok", result.error
    assert result.name == "Ana Silva"
    assert result.emails == ["ana.silva@example.org"]
    assert result.phones
    assert "https://github.com/anasilva" in result.links
    assert "HYPERLINK" not in result.text, "field codes are not text"
    assert result.text.index("ana.silva@example.org") < result.text.index("Experience")
    assert result.text.rstrip().endswith("References available on request")
    assert {"Python", "SQL"} <= set(result.skills)


def test_utf16_pieces_and_mixed_pieces(parse):
    result = parse(
        FF.word97(
            "Zoë Müller\rMünchen\rzoe@example.de\rErfahrung\rEntwicklerin bei Siemens seit 2019\r",
            unicode=True,
        ),
        "cv.doc",
    )
    assert result.name == "Zoë Müller" and result.emails == ["zoe@example.de"]
    mixed = parse(
        FF.word97(
            "王伟\rwang.wei@example.cn\r工作经历\r软件工程师 2018 – 2022\rPython Java\r", pieces=4
        ),
        "cv.doc",
    )
    assert mixed.name == "王伟" and mixed.emails == ["wang.wei@example.cn"]


@pytest.mark.parametrize(
    "options, outcome, words",
    [
        ({"encrypted": True}, "encrypted", "password"),
        ({"nfib": 0x68}, "malformed", "Word 6.0/95"),
        ({"nfib": 0x20}, "malformed", "Word 2.0"),
        ({"break_pieces": "backwards", "pieces": 2}, "malformed", "piece table"),
        ({"break_pieces": "gap", "pieces": 2}, "malformed", "piece table"),
        ({"break_pieces": "outside", "pieces": 2}, "malformed", "outside"),
        ({"break_pieces": "huge", "pieces": 2}, "malformed", "pieces"),
        ({"table_name": "0Table"}, "ok", None),
    ],
)
def test_what_goes_wrong_is_named(parse, options, outcome, words):
    result = parse(
        FF.word97(
            "Ana Silva\rana@example.org\rExperience\rNurse at City Hospital 2015 – 2020\r",
            **options,
        ),
        "cv.doc",
    )
    assert result.outcome == outcome, result.error
    if words:
        assert words in result.error


def test_garbage_and_other_office_files(parse):
    garbage = parse(
        FF.ole_file({"WordDocument": b"\x00" * 5000, "1Table": b"\x00" * 5000}), "cv.doc"
    )
    assert garbage.outcome == "malformed" and "not a Word 97-2003 document" in garbage.error
    xls = parse(FF.ole_file({"Workbook": b"\x09\x08" + b"\x00" * 5000}), "cv.doc")
    assert xls.outcome == "unsupported" and "Excel" in xls.error
    encrypted_docx = parse(
        FF.ole_file({"EncryptionInfo": b"\x04\x00" * 100, "EncryptedPackage": b"\x00" * 5000}),
        "cv.docx",
    )
    assert encrypted_docx.outcome == "encrypted" and "password" in encrypted_docx.error
    header_only = parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 3000, "cv.doc")
    assert header_only.outcome == "malformed" and "damaged Office file" in header_only.error


def _docm(paragraphs: list[str], content_type: str) -> bytes:
    """A DOCX package with another main part type (macro-enabled, template)."""
    base = docx(paragraphs)
    out = __import__("io").BytesIO()
    with zipfile.ZipFile(__import__("io").BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = (
                    '<?xml version="1.0"?>'
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Override PartName="/word/document.xml" '
                    f'ContentType="{content_type}"/></Types>'
                ).encode()
            dst.writestr(item, data)
        dst.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


@pytest.mark.parametrize(
    "make, kind",
    [
        (
            lambda lines: _docm(lines, "application/vnd.ms-word.document.macroEnabled.main+xml"),
            formats.DOCX,
        ),
        (
            lambda lines: _docm(
                lines,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            ),
            formats.DOCX,
        ),
        (rtf, formats.RTF),
        (
            lambda lines: (
                "<html xmlns:o='urn:schemas-microsoft-com:office:office' "
                "xmlns:w='urn:schemas-microsoft-com:office:word'><body>"
                + "".join(f"<p class=MsoNormal>{line}</p>" for line in lines)
                + "</body></html>"
            ).encode(),
            formats.HTML,
        ),
    ],
)
def test_files_saved_as_doc_are_read_by_what_they_are(parse, make, kind):
    lines = ["Ana Ruiz", "ana.ruiz@example.com", "Experience", "Nurse at City Hospital 2015 – 2020"]
    result = parse(make(lines), "CV Ana Ruiz.doc")
    assert result.outcome == "ok", result.error
    assert result.kind == kind
    assert result.name == "Ana Ruiz" and result.emails == ["ana.ruiz@example.com"]
