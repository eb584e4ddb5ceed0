"""RTF resumes as pandoc and Word write them: links are HYPERLINK fields.

What makes RTF links hard is that the page shows a word ("LinkedIn", "GitHub",
"E-mail") while the address lives only in the field's instruction, which a
reader of the visible text never sees. Half the people get pandoc's shape
(``{\\field{\\*\\fldinst{HYPERLINK "…"}}{\\fldrslt{\\ul …}}}``), half Word's (the
instruction split over runs, with a ``\\*\\datafield`` and formatting groups);
within each, contact links show either their address or a word.
"""

from __future__ import annotations

from app.samples.layout import ContactLine, Items, Section, compose, edu_lines, job_head
from app.samples.model import Education, Position, SamplePerson, Style

# The word a page shows instead of an address.
_WORDS = {"email": "E-mail", "phone": "Phone"}


def escape(text: str) -> str:
    """RTF text: control characters escaped, anything past ASCII as \\uN with a ? fallback."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def _site_word(url: str) -> str:
    for needle, word in (("linkedin", "LinkedIn"), ("github", "GitHub"), ("gitlab", "GitLab")):
        if needle in url:
            return word
    return "Website"


class _RtfWriter:
    def __init__(self, style: Style, word_style: bool, show_words: bool) -> None:
        self.style, self.word, self.words = style, word_style, show_words
        self.out: list[str] = []

    def link(self, href: str, text: str) -> str:
        shown, run = escape(text), "{\\rtlch\\fcs1 \\ltrch\\fcs0 \\insrsid1 "
        if self.word:  # Word splits the instruction over runs and adds a data field
            cut = max(len(href) - 6, 1)
            head, tail = escape(href[:cut]), escape(href[cut:])
            instruction = f'{run} HYPERLINK "{head}}}{run}{tail}" }}'
            data = f"{run}{{\\*\\datafield 00d0c9ea79f9bace118c}}}}"
            result = f"{{\\fldrslt {run}\\cs15\\ul\\cf2 {shown}}}}}"
            return f"{{\\field\\fldedit{{\\*\\fldinst {instruction}{data}}}{result}}}"
        instruction = f'{{\\*\\fldinst{{HYPERLINK "{escape(href)}"}}}}'
        return f"{{\\field{instruction}{{\\fldrslt{{\\ul\n{shown}\n}}}}}}"

    def contact(self, c: ContactLine) -> str:
        label = f"{escape(c.label)} " if c.label else ""
        if not c.href or c.kind == "location":
            return label + escape(c.text)
        if self.words and c.kind != "phone":
            word = _WORDS.get(c.kind) or _site_word(c.href)
            return self.link(c.href, word)  # the word says what it is: no label beside it
        return label + self.link(c.href, c.text)

    def para(self, text: str, size: int = 22, bold: bool = False) -> None:
        weight = "\\b " if bold else ""
        self.out.append(f"{{\\pard \\ql \\f0 \\sa120 \\fs{size} {weight}{text}\\par}}")

    def section(self, sec: Section) -> None:
        if sec.heading:
            self.para(escape(sec.heading), 28, bold=True)
        for block in sec.blocks:
            if isinstance(block, str):
                self.para(escape(block))
            elif isinstance(block, Position):
                first, right, second = job_head(block, self.style, dates_right=False)
                self.para(escape(first + (f" {right}" if right else "")), bold=True)
                if second:
                    self.para(escape(second))
                for bullet in block.bullets:
                    self.para("\\bullet  " + escape(bullet))
            elif isinstance(block, Education):
                first, second = edu_lines(block, self.style)
                self.para(escape(first))
                if second:
                    self.para(escape(second))
            elif isinstance(block, Items):
                if block.separator:
                    self.para(escape(block.separator.join(block.items)))
                else:
                    for item in block.items:
                        self.para("\\bullet  " + escape(item))


def render_rtf(p: SamplePerson) -> bytes:
    """The resume as RTF, links as HYPERLINK fields (pandoc's or Word's shape, by person)."""
    doc = compose(p, two_column=False)
    w = _RtfWriter(p.style, word_style=p.index % 2 == 1, show_words=p.index % 4 >= 2)
    w.out.append("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 \\fswiss Helvetica;}}")
    if w.word:
        w.out.append("{\\*\\generator Microsoft Word 16.0;}{\\info{\\author Shortlist}}")
    w.para(escape(p.name), 36, bold=True)
    w.para(escape(p.title))
    separator = escape(p.style.contact_separator)
    w.para(separator.join(w.contact(c) for c in doc.contact))
    for sec in doc.main:
        w.section(sec)
    w.out.append("}")
    return ("\n".join(w.out) + "\n").encode("ascii")
