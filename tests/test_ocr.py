"""Scans and photos: OCR of pictures and of PDFs without readable text, upright or not,
in the worker pool under its limits, and honest about pictures that are not documents."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from parsing import formats
from parsing.readers import OcrOptions
from tests import badfiles as B
from tests import formatfiles as FF

pytestmark = pytest.mark.slow
SHORTLIST = Path(sys.executable).with_name("shortlist")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def resume_pdf(index: int) -> bytes:
    return B.text_pdf(B.resume_text(index))


def expected(index: int) -> tuple[str, str]:
    text = B.resume_text(index)
    name = text.splitlines()[0]
    return name, f"{name.lower().replace(' ', '.')}{index}@example.com"


def check(result, index: int) -> None:
    assert result.outcome == "ok", result.error
    assert result.ocr is True
    name, email = expected(index)
    assert result.name == name
    assert result.emails == [email]


@pytest.mark.parametrize("fmt, index", [("JPEG", 0), ("PNG", 1), ("WEBP", 2)])
def test_pictures(parse, fmt, index):
    picture = FF.scan(resume_pdf(index), dpi=200, fmt=fmt, quality=70)
    assert formats.sniff(picture).kind == formats.IMAGE
    result = parse(picture, f"cv.{fmt.lower()}")
    check(result, index)
    assert result.kind == formats.IMAGE


def test_heic_photo(parse):
    pillow_heif = pytest.importorskip(
        "pillow_heif"
    )  # a declared dependency: skipped only where it has no wheel
    from PIL import Image

    pillow_heif.register_heif_opener()
    image = FF.render(resume_pdf(3), 200)
    out = io.BytesIO()
    image.save(out, format="HEIF", quality=80)
    result = parse(out.getvalue(), "IMG_0042.HEIC")
    check(result, 3)
    assert Image.open(io.BytesIO(out.getvalue())).format == "HEIF"


def test_multi_page_tiff(parse):
    from PIL import Image

    first, second = (
        FF.render(resume_pdf(4), 150),
        FF.render(B.text_pdf("Page two\nReferences on request"), 150),
    )
    out = io.BytesIO()
    first.save(
        out, format="TIFF", save_all=True, append_images=[second], compression="tiff_deflate"
    )
    result = parse(out.getvalue(), "scan.tif")
    check(result, 4)
    assert result.pages == 2 and "References on request" in result.text
    assert Image.open(io.BytesIO(out.getvalue())).n_frames == 2


@pytest.mark.parametrize("angle, dpi", [(90, 200), (180, 150), (270, 300), (7, 200), (-4, 250)])
def test_crooked_and_upside_down_photos(parse, angle, dpi):
    result = parse(FF.scan(resume_pdf(5), dpi=dpi, angle=angle, quality=60), "photo.jpg")
    check(result, 5)
    assert result.text.index("EXPERIENCE") < result.text.index("EDUCATION"), (
        "lines in reading order"
    )


def test_phone_photo_orientation_from_exif(parse):
    from PIL import Image

    image = FF.render(resume_pdf(6), 200).transpose(Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": how phones store a portrait photo
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=75, exif=exif)
    check(parse(out.getvalue(), "IMG_1234.jpg"), 6)


def test_scanned_pdf_and_pdf_without_character_mapping(parse):
    scanned = FF.image_only_pdf(FF.scan(resume_pdf(7), dpi=200, angle=2, quality=65))
    result = parse(scanned, "scan.pdf")
    check(result, 7)
    assert result.kind == formats.PDF and result.pages == 1
    garbled = CORPUS / "resumes" / "zh_haoyua_jianli.pdf"
    result = parse(garbled.read_bytes(), garbled.name)
    assert result.outcome == "ok" and result.ocr, result.error
    assert "(cid:" not in result.text


def test_real_image_only_resume(parse):
    path = CORPUS / "resumes2" / "tr_image_only_mehmetaliagbaht.pdf"
    result = parse(path.read_bytes(), path.name)
    assert result.outcome == "ok" and result.ocr
    assert "mehmetaliagbaht39gmail.com" in result.text, "the email as printed (without its @)"
    assert "+90 0531 203 75 12" in result.text


def test_pictures_that_are_not_documents(parse):
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (1200, 1600), (90, 120, 160))
    draw = ImageDraw.Draw(photo)
    draw.ellipse((350, 250, 850, 850), fill=(230, 190, 160))  # a face
    draw.rectangle((250, 900, 950, 1600), fill=(40, 40, 60))  # shoulders
    out = io.BytesIO()
    photo.save(out, format="JPEG")
    result = parse(out.getvalue(), "me.jpg")
    assert result.outcome == "no_text"
    assert "photo or a logo" in result.error
    from PIL import ImageFont

    logo = Image.new("RGB", (900, 320), "white")
    ImageDraw.Draw(logo).text(
        (60, 80), "ACME", fill=(200, 30, 30), font=ImageFont.load_default(size=150)
    )
    out = io.BytesIO()
    logo.save(out, format="PNG")
    result = parse(out.getvalue(), "logo.png")
    assert result.outcome == "no_text" and "photo or a logo" in result.error
    assert "only 4 characters were read" in result.error


def test_ocr_can_be_turned_off(taxonomy):
    from parsing.resume import parse_bytes

    picture = FF.scan(resume_pdf(8), dpi=150)
    result = parse_bytes(picture, "cv.jpg", taxonomy=taxonomy, ocr=OcrOptions(enabled=False))
    assert result.outcome == "no_text" and "turned off" in result.error
    scanned = parse_bytes(
        FF.image_only_pdf(picture), "cv.pdf", taxonomy=taxonomy, ocr=OcrOptions(enabled=False)
    )
    assert scanned.outcome == "no_text" and not scanned.ocr


def test_ocr_in_workers_gets_its_own_limits():
    """A file that needs OCR gets the OCR time limit, not the ordinary one; the OCR cap holds."""
    from parsing.batch import ParseJob, Pool, WorkerLimits

    scan = FF.scan(resume_pdf(9), dpi=200)
    text = B.resume_text(10).encode()
    jobs = [ParseJob("scan", "scan.jpg", scan), ParseJob("text", "cv.txt", text)]
    with Pool(2, WorkerLimits(time_limit=1.0, ocr_time_limit=240)) as pool:
        results = {key: result for key, result, _ in pool.run(jobs)}
    assert results["scan"]["outcome"] == "ok" and results["scan"]["ocr"] is True, results["scan"][
        "error"
    ]
    assert results["text"]["outcome"] == "ok" and results["text"]["ocr"] is False
    small = 700 * 1024**2
    with Pool(
        1, WorkerLimits(memory_limit=small, ocr_memory_limit=small, ocr_time_limit=240)
    ) as pool:
        [(_, result, _)] = list(pool.run([ParseJob("scan", "scan.jpg", scan)]))
    assert result["outcome"] == "too_complex"
    assert "700 MB memory cap" in result["error"]


def test_parse_json_says_ocr(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(FF.scan(resume_pdf(11), dpi=200, angle=180))
    (tmp_path / "cv.txt").write_text(B.resume_text(12))
    done = subprocess.run(
        [str(SHORTLIST), "parse", "--json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = {Path(r["file"]).name: r for r in map(json.loads, done.stdout.splitlines())}
    assert lines["photo.jpg"]["outcome"] == "ok" and lines["photo.jpg"]["ocr"] is True
    assert lines["photo.jpg"]["name"] == expected(11)[0]
    assert lines["cv.txt"]["ocr"] is False
    off = subprocess.run(
        [str(SHORTLIST), "parse", "--json", "--no-ocr", str(tmp_path / "photo.jpg")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(off.stdout)["outcome"] == "no_text"


def test_tesseract_reads_russian_where_the_os_has_it():
    """Russian: Tesseract when installed with Russian (it measured better), RapidOCR otherwise."""
    from parsing import ocr

    pdf = (CORPUS / "resumes2" / "ru_jspdf_k1r1k1.pdf").read_bytes()
    found = ocr.ocr_image(FF.scan(pdf, dpi=200, quality=80), max_pages=1)
    expected = "tesseract" if "rus" in ocr.tesseract_languages() else "rapidocr"
    assert found.engine == expected
    if expected == "tesseract":
        assert found.language == "ru" and "Кирилл" in found.raw
    else:
        # RapidOCR's model lacks Cyrillic: it reads the page's Latin (the e-mail address) and
        # does not pretend to know the language of what it could not read.
        assert "@" in found.raw and found.language in (None, "ru")


def _parse_json(path: Path, *flags: str) -> dict:
    """What `shortlist parse --json [flags] PATH` prints, as a recruiter's tools read it."""
    command = [str(SHORTLIST), "parse", "--json", *flags, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def _pdf_with_pictured_name(
    picture_box: tuple[int, int, int, int], name: str, background="white"
) -> bytes:
    """A page whose name and main column are one picture, beside a sidebar of real text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    fonts = "/usr/share/fonts/truetype/dejavu/"
    img = Image.new("RGB", (1400, 1900), background)
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), name, font=ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 70), fill=0)
    small = ImageFont.truetype(fonts + "DejaVuSans.ttf", 28)
    lines = ["Grafik komputerowy", "", "", "DOŚWIADCZENIE", "2019 – obecnie  Grafik, Studio Form"]
    for n, text in enumerate(lines):
        draw.text((60, 160 + 60 * n), text, font=small, fill=(40, 40, 40))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    x, y, w, h = picture_box
    page.drawImage(ImageReader(img), x, height - y - h, width=w, height=h)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(30, height - 60, "KONTAKT")
    page.setFont("Helvetica", 9)
    sidebar = ["+48 601 234 567", "biuro.projekt@wp.pl", "Krakow", "", "SKILLS", "Photoshop"]
    for n, text in enumerate(sidebar):
        page.drawString(30, height - 80 - 14 * n, text)
    page.showPage()
    page.save()
    return buf.getvalue()


def test_a_name_printed_in_a_picture_at_the_top_is_read_and_marked(parse, monkeypatch):
    # The text layer holds only the sidebar: the name is read from the picture by OCR, given
    # with the low confidence that puts "check this" beside it.
    result = parse(_pdf_with_pictured_name((190, 190, 380, 560), "Marta Kowalczyk"), "cv.pdf")
    assert result.outcome == "ok" and not result.ocr  # the text layer was read as usual
    assert result.name == "Marta Kowalczyk"
    assert result.confidence["name"] < 0.7 and "drawn" in result.doubts["name"]
    assert result.emails == ["biuro.projekt@wp.pl"]


def test_a_headshot_is_not_read_for_a_name(parse, monkeypatch):
    # A small square picture is a photo, dark as photos are: no OCR, and the name stays
    # unknown rather than guessed.
    from parsing import ocr

    reads = []
    monkeypatch.setattr(ocr, "ocr_pdf_head", lambda *args, **kwargs: reads.append(args))
    photo = _pdf_with_pictured_name((450, 40, 100, 130), "Marta Kowalczyk", (70, 60, 55))
    result = parse(photo, "cv.pdf")
    assert result.outcome == "ok" and result.name is None
    assert reads == []  # the top of the page was not read for a headshot


def test_a_letter_spaced_heading_read_back_in_pieces_is_not_a_name(parse, monkeypatch):
    # A heading set letter-spaced ("K O N T A K T") at the top of a page whose name is a
    # picture: the OCR engine may read the spaced capitals back as words ("KON T AK T"). The
    # text layer has that line, so it is not a name the picture adds; the name stays unknown.
    from parsing import ocr
    from parsing.layout import Line

    def read_head(data, share=0.4):
        lines = [Line("KON T AK T", size=14, top=0.06, left=0.05, right=0.3)]
        lines += [Line("Krakow", size=9, top=0.12, left=0.05, right=0.2)]
        return ocr.OcrText("KON T AK T\nKrakow", 1, 1, "rapidocr", None, lines, 9)

    monkeypatch.setattr(ocr, "ocr_pdf_head", read_head)
    result = parse(_pdf_with_pictured_name((190, 190, 380, 560), ""), "cv.pdf")
    assert result.text.startswith("KONTAKT")
    assert result.name is None


def test_a_name_drawn_as_outlines_is_read_from_the_page(parse):
    # Design tools export fancy type as outlines: no text and no picture object, only ink
    # that no text line explains. The top of the page is read instead.
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 40)
    glyphs = Image.new("1", (520, 56), 1)
    ImageDraw.Draw(glyphs).text((2, 2), "Lena Hoffmann", font=font, fill=0)
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    path, pixels = page.beginPath(), glyphs.load()
    for y in range(glyphs.height):  # each run of dark pixels a filled rectangle: outlines
        x = 0
        while x < glyphs.width:
            start = x
            while x < glyphs.width and pixels[x, y] == 0:
                x += 1
            if x > start:
                path.rect(40 + start * 0.75, height - 60 - y * 0.75, (x - start) * 0.75, 0.75)
            x += 1
    page.drawPath(path, stroke=0, fill=1)
    page.setFont("Helvetica", 10)
    body = [
        "Industriekauffrau | Hamburg | 0171 2345678 | kontakt@web.de",
        "BERUFSERFAHRUNG",
        "2018 - heute  Sachbearbeiterin Einkauf, Mueller GmbH",
        "AUSBILDUNG",
        "Industriekauffrau, IHK Hamburg",
    ]
    for n, text in enumerate(body):
        page.drawString(40, height - 120 - 16 * n, text)
    page.showPage()
    page.save()
    result = parse(buf.getvalue(), "cv.pdf")
    assert result.name == "Lena Hoffmann" and "drawn" in result.doubts["name"]


def test_parse_json_gives_the_drawn_name_with_its_doubt_and_no_ocr_leaves_it_out(tmp_path):
    (tmp_path / "cv.pdf").write_bytes(
        _pdf_with_pictured_name((190, 190, 380, 560), "Marta Kowalczyk")
    )
    found = _parse_json(tmp_path / "cv.pdf")
    assert found["name"] == "Marta Kowalczyk" and found["ocr"] is False
    assert found["confidence"]["name"] == 0.6  # the pane and `person show` say "check this"
    assert _parse_json(tmp_path / "cv.pdf", "--no-ocr")["name"] is None


def _pdf_with_pictured_column(side: str, header: bool = False) -> bytes:
    """A CV whose main column (name, a summary, experience, education) is one picture on the
    ``side`` given, beside a typed sidebar (contact, skills) on the other. ``header``: the name
    and title are typed across the page above both instead."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    fonts = "/usr/share/fonts/truetype/dejavu/"
    img = Image.new("RGB", (1300, 2300), "white")
    draw = ImageDraw.Draw(img)
    large = ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 72)
    heading = ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 36)
    small = ImageFont.truetype(fonts + "DejaVuSans.ttf", 28)
    if not header:
        draw.text((60, 60), "Marta Kowalczyk", font=large, fill=0)
    rows = [
        ("Graphic designer with eight years in print and digital", small),
        ("work for brands and publishers.", small),
        ("", small),
        ("EXPERIENCE", heading),
        ("2019 – 2024  Senior Designer, Studio Form, Kraków", small),
        ("Led brand identities in Figma and InDesign", small),
        ("for 40 clients; mentored three juniors.", small),
        ("", small),
        ("EDUCATION", heading),
        ("2011 – 2015  BA Graphic Design, Academy of Fine Arts", small),
    ]
    for n, (text, font) in enumerate(rows):
        draw.text((60, 180 + 52 * n), text, font=font, fill=(30, 30, 30))
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    picture_x, sidebar_x = (200, 30) if side == "right" else (20, 420)
    top = 130 if header else 40  # points kept free above the picture and the sidebar
    page.drawImage(ImageReader(img), picture_x, 40, width=375, height=height - 40 - top)
    if header:
        page.setFont("Helvetica-Bold", 24)
        page.drawString(30, height - 60, "Marta Kowalczyk")
        page.setFont("Helvetica", 12)
        page.drawString(30, height - 85, "Graphic Designer")
    sidebar = ["CONTACT", "+48 601 234 567", "marta.kowalczyk@wp.pl", "Krakow, Poland", ""]
    sidebar += ["SKILLS", "Photoshop", "Illustrator", "Typography"]
    for n, text in enumerate(sidebar):
        page.setFont(
            "Helvetica-Bold" if text.isupper() else "Helvetica", 11 if text.isupper() else 9
        )
        page.drawString(sidebar_x, height - top - 20 - 16 * n, text)
    page.showPage()
    page.save()
    return buf.getvalue()


@pytest.mark.parametrize("side", ["right", "left"])
def test_a_main_column_exported_as_a_picture_is_read_in_its_place(side, tmp_path):
    """The main column is one picture beside a typed sidebar: its experience and skills are
    read by OCR and put where the column stands, so the sidebar's Skills section ends where
    the picture begins. Through `shortlist parse --json`, as an import reads it; --no-ocr
    reads the sidebar alone."""
    (tmp_path / "cv.pdf").write_bytes(_pdf_with_pictured_column(side))
    found = _parse_json(tmp_path / "cv.pdf")
    assert found["outcome"] == "ok" and found["name"] == "Marta Kowalczyk"
    assert {"Figma", "Adobe InDesign", "Adobe Photoshop"} <= set(found["skills"])
    assert {"EXPERIENCE", "SKILLS"} <= {s.upper() for s in found["sections"]}
    # The summary at the top of the picture is not an item of the sidebar's skills.
    assert not any("designer" in item.lower() for item in found["skills_not_in_taxonomy"])
    assert found["emails"] == ["marta.kowalczyk@wp.pl"] and found["years_experience"]
    assert found["confidence"]["name"] <= 0.6 and found["confidence"]["skills"] <= 0.6
    alone = _parse_json(tmp_path / "cv.pdf", "--no-ocr")
    assert "Figma" not in alone["skills"] and "Adobe Photoshop" in alone["skills"]


def test_a_header_typed_above_a_left_picture_column_stays_first(parse):
    result = parse(_pdf_with_pictured_column("left", header=True), "cv.pdf")
    assert result.name == "Marta Kowalczyk" and result.title == "Graphic Designer"
    assert result.text.startswith("Marta Kowalczyk\nGraphic Designer")
    assert "Figma" in result.skills and "name" not in result.doubts  # typed: no doubt


def test_a_picture_with_nothing_typed_beside_it_is_not_a_column(parse, monkeypatch):
    """A scanned certificate on a page of its own, a background under the text, a headshot:
    none stands where a column would, and none is read."""
    from parsing import ocr

    reads = []
    monkeypatch.setattr(ocr, "ocr_pdf_regions", lambda *args, **kwargs: reads.append(args))
    result = parse(_pdf_with_pictured_name((110, 150, 380, 560), "Marta Kowalczyk"), "cv.pdf")
    assert result.outcome == "ok" and reads == []
