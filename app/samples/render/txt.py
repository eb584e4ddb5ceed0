"""Plain text and Markdown resumes."""

from __future__ import annotations

import textwrap

from app.samples.layout import ContactLine, Items, Section, compose, edu_lines, job_head
from app.samples.model import Education, Position, SamplePerson, Style


class _TextWriter:
    def __init__(self, style: Style, markdown: bool) -> None:
        self.st, self.md = style, markdown
        self.out: list[str] = []
        self.bullet = "- " if markdown else f"{style.bullet} "

    def contact(self, c: ContactLine) -> str:
        if self.md and c.kind == "link" and c.href:
            return c.href if c.text == c.href else f"[{c.text}]({c.href})"
        return c.line()

    def para(self, text: str, first: str = "") -> list[str]:
        if self.md or not self.st.txt_wrap:
            return [first + text]
        return textwrap.wrap(
            text,
            self.st.txt_wrap,
            initial_indent=first,
            subsequent_indent=" " * len(first),
            break_long_words=False,
            break_on_hyphens=False,
        )

    def heading(self, heading: str) -> None:
        if self.md:
            self.out += [f"## {heading}", ""]
            return
        self.out.append(heading)
        if self.st.txt_underline:
            self.out.append(self.st.txt_underline * len(heading))

    def position(self, job: Position) -> None:
        md, out = self.md, self.out
        first, right, second = job_head(job, self.st, dates_right=not md)
        if right:  # dates pushed to the right margin with spaces, as people do
            first = first + " " * max(2, 78 - len(first) - len(right)) + right
        out.append(f"### {first}" if md else first)
        if second:
            out.append(f"*{second}*" if md else second)
        for b in job.bullets:
            out += self.para(b, first=self.bullet)
        out.append("")

    def education(self, edu: Education) -> None:
        first, second = edu_lines(edu, self.st)
        if self.md:
            self.out.append(f"**{first}**" + ("  " if second else ""))
        else:
            self.out.append(first)
        if second:
            self.out.append(second)

    def section(self, sec: Section) -> None:
        if sec.heading:
            self.heading(sec.heading)
        for block in sec.blocks:
            if isinstance(block, str):
                self.out += self.para(block)
            elif isinstance(block, Position):
                self.position(block)
            elif isinstance(block, Education):
                self.education(block)
            elif isinstance(block, Items):
                if block.separator:
                    self.out.append(block.separator.join(block.items))
                else:
                    self.out += [self.bullet + item for item in block.items]
        if self.out[-1] != "":
            self.out.append("")


def render_txt(p: SamplePerson, markdown: bool = False) -> str:
    """The resume as plain text (or Markdown with ``#`` headings); newlines are LF here,
    :func:`app.samples.batch.write_batch` applies the person's line endings and encoding."""
    doc = compose(p, two_column=False)
    w = _TextWriter(p.style, markdown)
    w.out += [f"# {p.name}", f"**{p.title}**"] if markdown else [p.name, p.title]
    if p.style.contact_multiline:
        w.out += [w.contact(c) + ("  " if markdown else "") for c in doc.contact]
    else:
        w.out.append(p.style.contact_separator.join(w.contact(c) for c in doc.contact))
    w.out.append("")
    for sec in doc.main:
        w.section(sec)
    return "\n".join(w.out).rstrip("\n") + "\n"
