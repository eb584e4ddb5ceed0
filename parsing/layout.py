"""Lines of a resume with what the page showed about them: where, how big, how bold.

Readers that know the layout (PDF from pdfminer's pass, DOCX and ODT from
their styles) hand over a list of :class:`Line` in reading order; plain-text
formats hand over text, which becomes lines without layout. :func:`assemble`
cleans every line the way :func:`parsing.text.clean_text` cleans a text and
returns the text together with one :class:`Line` per text line, so a field
finder that holds an offset in the text can ask how that line looked.

Nothing here guesses a field: it only keeps the facts the finders score.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter

from parsing.text import clean_text

# Text-level letter-spacing, for readers that give no glyph positions: single
# letters apart, words two or more spaces apart ("S K I L L S", "J O H N   D O E").
_SPACED_LINE = re.compile(r"^\W{0,3}[^\W_](?: [^\W_]|[ ]{2,}[^\W_]){3,}\W{0,3}$")


@dataclass(slots=True)
class Line:
    """One line of text and how it was printed. Unknown facts stay at their defaults."""

    text: str
    page: int = 0  # 0-based
    top: float = (
        -1.0
    )  # distance of the line's top from the page top, as a share of the page height; -1: unknown
    left: float = -1.0  # x of the line's left edge as a share of the page width; -1: unknown
    right: float = -1.0
    column: int = 0  # 0: one column or across the page; 1: left column; 2: right column
    size: float = 0.0  # font size in points of most of its characters; 0: unknown
    bold: bool = False
    spaced: bool = False  # printed letter-spaced ("J O H N"); the text has the letters closed up
    style: str = ""  # a word processor's paragraph style ("Title", "Heading 1"), lower case
    links: tuple[str, ...] = ()  # link targets whose clickable area covers this line
    cells: tuple[str, ...] = ()  # parts of one row far apart on the page ("EDUCATION", "SKILLS")
    wraps: bool = False  # the text runs to the column's right edge: the next line may continue it
    joins: tuple[int, ...] = ()  # offsets in ``text`` where a wrapped line's rest was joined on

    @property
    def known(self) -> bool:
        return self.size > 0 or self.top >= 0 or bool(self.style)


# Every field of a Line, in order: a copy with a new text is Line(*values) (dataclasses.replace
# looks the fields up again for each line, a third of what assembling a document costs).
_LINE_VALUES = attrgetter(*(f.name for f in fields(Line)))


def _retexted(line: Line, text: str, spaced: bool) -> Line:
    """A copy of ``line`` with another text and letter-spacing."""
    copy = Line(*_LINE_VALUES(line))
    copy.text, copy.spaced = text, spaced
    return copy


@dataclass
class Layout:
    """The lines of a document's text (one per text line) and what they share."""

    lines: list[Line]
    body_size: float = 0.0  # the commonest font size: what "big" is measured against
    geometry: bool = False  # positions and sizes are known (PDF)
    link_text: list[tuple[str, str]] = field(default_factory=list)  # (target, text under it)

    def offsets(self) -> list[int]:
        out, pos = [], 0
        for line in self.lines:
            out.append(pos)
            pos += len(line.text) + 1
        return out

    def line_at(self, offset: int, offsets: list[int] | None = None) -> int:
        """Index of the line that holds a text offset."""
        import bisect

        starts = offsets if offsets is not None else self.offsets()
        return max(0, bisect.bisect_right(starts, offset) - 1)


_BREAKS = re.compile(r"[\n\r\x0b\x0c\u2028\u2029]")


def close_up(text: str) -> str:
    """Letter-spaced text without its spacing: "J O H N  D O E" -> "JOHN DOE"."""
    words = re.split(r" {2,}|\t+", text.strip())
    return " ".join(w.replace(" ", "") for w in words)


def close_spaced_lines(raw: str) -> str:
    """Text typed letter-spaced ("A N N A   N O W A K") closed up line by line, before cleaning
    joins the wider spaces that tell its words apart."""
    if "  " not in raw:
        return raw
    return "\n".join(
        close_up(line) if "  " in line and _SPACED_LINE.match(line) else line
        for line in raw.split("\n")
    )


def plain_lines(text: str) -> list[Line]:
    return [Line(t) for t in text.split("\n")]


def assemble(
    lines: list[Line], body_size: float = 0.0, geometry: bool = False
) -> tuple[str, Layout]:
    """The cleaned text of the lines and its :class:`Layout` (one line per text line).

    Cleaning is :func:`clean_text`, applied line by line: a soft hyphen at a
    line's end joins it with the next; line breaks inside a line's text split
    it into lines that keep its layout; runs of blank lines become one.
    """
    out: list[Line] = []
    pending: Line | None = None  # a line that ended in a soft hyphen, waiting for its rest
    for line in lines:
        raw = line.text
        if pending is not None:
            raw = pending.text + raw
            line = pending
            pending = None
        if raw.endswith("\u00ad"):
            pending = replace(line, text=raw[:-1])
            continue
        for piece in _BREAKS.split(raw) if _BREAKS.search(raw) else (raw,):
            if _SPACED_LINE.match(piece) and not line.spaced:
                piece, spaced = close_up(piece), True
            else:
                spaced = line.spaced
            text = clean_text(piece) if piece else ""
            if "\n" in text:  # cleaning never adds breaks, but be safe
                text = " ".join(text.split("\n"))
            out.append(_retexted(line, text, spaced))
    if pending is not None:
        out.append(replace(pending, text=clean_text(pending.text)))
    # Blank runs become one blank line; none at the ends.
    kept: list[Line] = []
    for line in out:
        if not line.text and (not kept or not kept[-1].text):
            continue
        kept.append(line)
    while kept and not kept[-1].text:
        kept.pop()
    text = "\n".join(line.text for line in kept)
    return text, Layout(kept, body_size, geometry)


def from_text(text: str) -> Layout:
    """Layout of an already cleaned text: lines without layout facts."""
    return Layout(plain_lines(text))


def is_bold_font(fontname: str) -> bool:
    """Whether a PDF font name names a bold face ("ABCDEF+Lato-Bold", "Arial,Bold", "Semibold")."""
    name = fontname.split("+", 1)[-1].lower()
    return bool(re.search(r"bold|black|heavy|semibold|demi|[-,]b$|extrabold|ultra", name))


def script_of(text: str) -> str:
    """The writing system of most letters: latin, cyrillic, greek, arabic, hebrew, cjk, other."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        try:
            name = unicodedata.name(ch)
        except ValueError:
            continue
        script = name.split(" ", 1)[0].lower()
        if script in ("cjk", "hiragana", "katakana", "hangul"):
            script = "cjk"
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else "other"
