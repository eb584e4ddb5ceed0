"""Small office documents built by hand for tests (DOCX, ODT, RTF)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(
    paragraphs: list[str],
    header: list[str] = (),
    links: list[str] = (),
    raw_document: str | None = None,
) -> bytes:
    def para(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = "".join(para(p) for p in paragraphs)
    document = raw_document or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types '
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", document)
        if header:
            z.writestr(
                "word/header1.xml",
                '<?xml version="1.0"?><w:hdr '
                f'xmlns:w="{W}">{"".join(para(h) for h in header)}</w:hdr>',
            )
        if links:
            rels = "".join(
                f'<Relationship Id="rId{i}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'hyperlink" '
                f'Target="{escape(url)}" TargetMode="External"/>'
                for i, url in enumerate(links, start=10)
            )
            z.writestr(
                "word/_rels/document.xml.rels",
                '<?xml version="1.0"?><Relationships '
                f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
            )
    return out.getvalue()


def odt(paragraphs: list[str]) -> bytes:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
        f"<office:text>{body}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    return out.getvalue()


def rtf(paragraphs: list[str]) -> bytes:
    from app.samples.render.rtf import escape  # the generator's: \\uN with a ? fallback

    body = "\\par\n".join(escape(p) for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}{\\info{\\author Nobody}}\n"
        "\\f0\\fs22 " + body + "\\par\n}"
    ).encode("ascii")
