"""Text of saved web pages: an HTML resume (a personal site, "Save as…") and single-file MHTML.

The text keeps the page's blocks as lines (headings, paragraphs, list items,
table cells), drops what a reader never sees (scripts, styles, templates,
SVG drawings, comments, hidden inputs), and keeps link targets, which the
field finder reads like a PDF's link annotations (``mailto:`` gives an email
even when the page prints "Email me"). Word's "Save as Web Page" files,
often named ``.doc``, are HTML too and read here.

Standard library only: ``html.parser`` is a tolerant tokenizer and never
builds a tree, so megabytes of script cost one pass and no memory beyond
the text kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from parsing.errors import ParseProblem

# Elements whose content is not page text.
_HIDDEN = {
    "script",
    "style",
    "template",
    "noscript",
    "svg",
    "math",
    "head",
    "title",
    "object",
    "iframe",
    "select",
}
# Elements that start a new line.
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "center",
    "legend",
    "option",
}
_HEAD_CONTENT = {"title", "meta", "link", "style", "script", "base", "noscript", "template"}
_VOID = {
    "br",
    "hr",
    "img",
    "input",
    "meta",
    "link",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
}
# Text past this is not a resume; the rest of the page is not read.
MAX_TEXT_CHARS = 2_000_000
_RAW_BLOCK_RE = re.compile(
    r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_RAW_OPEN_RE = re.compile(r"<(?:script|style)\b|<!--", re.IGNORECASE)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_MARKUP_START_RE = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def sniff_markup(data: bytes) -> tuple[str, str] | None:
    """("html", description) for an HTML page, else None."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom) :]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return None
    if _MARKUP_START_RE.match(head):
        if b"urn:schemas-microsoft-com:office:word" in data[:20000]:
            return "html", "Word document saved as a web page (HTML)"
        return "html", "HTML page"
    return None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.hidden = 0  # depth inside hidden elements
        self.hidden_stack: list[str] = []
        self.size = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.hidden_stack == ["head"] and tag not in _HEAD_CONTENT:
            self.hidden_stack.clear()  # a body element: the head ended without its end tag
        if tag in _HIDDEN and tag not in _VOID:
            self.hidden_stack.append(tag)
            return
        if self.hidden_stack:
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "td" or tag == "th":
            self.parts.append("\t")
        if tag == "pre":
            self.pre += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            href = href.strip()
            if href and not href.startswith(("#", "javascript:", "data:")):
                self.links.append(href)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.hidden_stack and tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_stack:
            # Close the innermost matching hidden element (tolerating bad nesting).
            if tag in self.hidden_stack:
                while self.hidden_stack and self.hidden_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.hidden_stack or self.size > MAX_TEXT_CHARS:
            return
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
        self.parts.append(data)
        self.size += len(data)


def decode_html(data: bytes) -> str:
    """The page's characters: BOM, then a <meta charset>, then UTF-8, then a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    match = _CHARSET_RE.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(name, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from parsing.formats import decode_text

        return decode_text(data)


def html_text(markup: str) -> tuple[str, list[str]]:
    """Visible text of an HTML page as lines, and its link targets in order."""
    parser = _TextParser()
    # Scripts and styles go before tokenizing: html.parser rescans its buffer for the end
    # tag of a long script (12 MB took 15 s); a regular expression passes over it once.
    markup = _RAW_BLOCK_RE.sub(" ", markup)
    opened = _RAW_OPEN_RE.search(markup)
    if opened:
        markup = markup[: opened.start()]  # never closed: a browser shows nothing after it either
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError as exc:  # html.parser's way of saying the markup is impossible
        raise ParseProblem("malformed", f"the HTML cannot be read ({exc})") from None
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, list(dict.fromkeys(parser.links))


def extract_html(data: bytes) -> tuple[str, list[str]]:
    return html_text(decode_html(data))


def extract_mhtml(data: bytes) -> tuple[str, list[str]]:
    """The page of a single-file web archive (.mhtml/.mht): its first HTML part."""
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.compat32).parsebytes(data)
    except Exception as exc:
        raise ParseProblem("malformed", f"the web archive (MHTML) cannot be read ({exc})") from None
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return html_text(payload.decode(charset, "replace"))
                except LookupError:
                    pass
            return extract_html(payload)
    raise ParseProblem("no_text", "the web archive (MHTML) holds no HTML page")
