"""Formats are recognised by content, and each yields its text."""

import pytest

from parsing import formats
from parsing.errors import ParseProblem
from tests.docs import docx, odt, rtf

RESUME = ["Ana Ruiz", "ana.ruiz@example.com", "Experience", "Nurse at City Hospital 2015 – 2020"]


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7\n...", formats.PDF),
        (b"\n\n%PDF-1.4 junk before the header", formats.PDF),
        (docx(RESUME), formats.DOCX),
        (odt(RESUME), formats.ODT),
        (rtf(RESUME), formats.RTF),
        ("Ana Ruiz\nEnfermera".encode("latin-1"), formats.TEXT),
        ("Ана\nРуиз".encode("utf-16"), formats.TEXT),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, formats.IMAGE),  # read by OCR
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50,
            "broken-ole",
        ),  # an OLE header, no directory
        (bytes(range(256)) * 4, "unsupported"),
        (b"", "empty"),
    ],
)
def test_sniff_by_content(data, kind):
    assert formats.sniff(data).kind == kind


def test_sniff_names_what_a_file_is():
    assert formats.sniff(b"\x89PNG\r\n\x1a\n" + b"\0" * 20).description == "PNG image"
    assert "Office" in formats.sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8).description
    assert formats.sniff(b"\x7fELF" + b"\0" * 20).description == "program (ELF executable)"


def test_misnamed_docx_is_read_as_docx(parse):
    result = parse(docx(RESUME), "resume.pdf")
    assert result.outcome == "ok" and result.kind == "docx"
    assert result.name == "Ana Ruiz"


def test_docx_header_and_hidden_link_targets(parse):
    data = docx(
        ["Experience", "Engineer at Acme 2019 - 2021"],
        header=["Ana Ruiz", "ana@example.com"],
        links=["https://www.linkedin.com/in/ana-ruiz"],
    )
    result = parse(data, "cv.docx")
    assert result.name == "Ana Ruiz"
    assert "https://www.linkedin.com/in/ana-ruiz" in result.links


def test_odt_and_rtf(parse):
    for data in (odt(RESUME), rtf(RESUME)):
        result = parse(data, "cv")
        assert result.outcome == "ok", result.error
        assert result.emails == ["ana.ruiz@example.com"]


def test_rtf_unicode_escapes():
    text = formats.extract_rtf_office(rtf(["Zoë Müller", "São Paulo"])).text
    assert "Zoë Müller" in text and "São Paulo" in text


def test_text_encodings(parse):
    latin = "José Pérez\njose@example.com\nExperiência profissional".encode("latin-1")
    assert parse(latin, "cv.txt").name == "José Pérez"
    utf16 = "Zoë Brown\nzoe@example.com\nExperience\nBarista at Café Ölberg since 2019".encode(
        "utf-16"
    )
    assert parse(utf16, "cv.txt").name == "Zoë Brown"


def test_billion_laughs_docx_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        f'<w:document xmlns:w="{docx.__globals__["W"]}"><w:body>'
        "<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ParseProblem) as info:
        formats.extract_docx(docx([], raw_document=bomb))
    assert info.value.outcome == "malformed"
    assert "entities" in info.value.message


def test_external_entity_docx_is_refused(parse):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{docx.__globals__["W"]}"><w:body>'
        "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    result = parse(docx([], raw_document=xxe), "cv.docx")
    assert result.outcome == "malformed"
    assert "root:" not in result.text


def test_broken_docx_is_malformed(parse):
    data = docx(RESUME)
    result = parse(data[: len(data) // 2], "cv.docx")
    assert result.outcome in ("malformed", "unsupported")
    assert result.error


def test_empty_and_random_files(parse):
    empty = parse(b"", "cv.pdf")
    assert empty.outcome == "malformed" and "empty" in empty.error
    noise = parse(bytes(range(256)) * 8, "cv.pdf")
    assert noise.outcome == "malformed" and ".pdf" in noise.error
    picture = parse(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "cv.pdf")
    assert picture.outcome == "malformed" and "picture" in picture.error


def test_over_the_size_limit(taxonomy):
    from parsing.resume import parse_bytes

    result = parse_bytes(b"x" * 2000, "big.txt", max_bytes=1000, taxonomy=taxonomy)
    assert result.outcome == "too_large" and "limit" in result.error


def test_text_files_that_are_data_are_not_resumes(parse):
    result = parse(
        '{"name": "Ana Ruiz", "email": "ana@example.com", "skills": ["Python", "SQL"]}',
        "cv.truth.json",
    )
    assert result.outcome == "unsupported" and "JSON" in result.error
    assert (
        parse("name,email\nAna,ana@example.com\nBo,bo@example.com\n" * 3, "people.csv").outcome
        == "unsupported"
    )
