"""Items listed under a skills heading, whether the taxonomy knows them or not.

A recruiter reads a skills section as a list: "FRILO, Bexio, Zotero",
"Teamarbeit", "MS Office (Word, Excel, PowerPoint)". The taxonomy finds the
skills it knows anywhere in the text; this module reads the lists themselves
so that what the taxonomy lacks is still reported, as written. Compound items
are split into their parts ("C/C++" -> C, C++; "CAD-SolidWorks" -> CAD,
SolidWorks; "Python (Pygame, NumPy)" -> Python, Pygame, NumPy); levels and
ratings ("(fluent)", "★★★★☆", "– 5 years", "90 %") are dropped; sentences are
prose, not items.
"""

from __future__ import annotations

import re

from parsing.sections import SKILLS, Section, heading_kind, keyword_kind
from parsing.taxonomy import Taxonomy
from parsing.text import fold

# What separates items on one line.
_SPLIT = re.compile(r"\s*(?:[,;|•·▪►◦●○■□✓✔➢➤→\u2022\u25cf\u25aa\u25e6]|\s[–—-]\s|\s{2,}|\t)\s*")
# Levels, ratings and durations that follow an item.
_LEVEL_WORDS = (
    r"native|fluent|basic|basics|intermediate|advanced|expert|proficient|beginner|elementary|"
    r"good|very good|"
    r"excellent|strong|working knowledge|professional|business|conversational|limited|full|"
    r"muttersprache|fließend|fliessend|verhandlungssicher|grundkenntnisse|gut|sehr gut|"
    r"fortgeschritten|"
    r"courant|natif|native|bilingue|notions|débutant|intermédiaire|avancé|maternelle|"
    r"nativo|nativa|básico|basico|intermedio|avanzado|fluido|fluente|avançado|intermediário|"
    r"madrelingua|ottimo|buono|discreto|scolastico|moedertaal|goed|redelijk|vloeiend|"
    r"ojczysty|biegły|podstawowy|średnio zaawansowany|zaawansowany|komunikatywny"
)
_LEVEL = re.compile(
    rf"\s*(?:[:(\-–—,]\s*)?(?:\b(?:{_LEVEL_WORDS})\b|[abc][12]\b|\d+\+?\s*(?:years?|yrs?|jahre|ans|años|anos|anni|jaar|lat)\b|"
    rf"\d{{1,3}}\s*%|\d\s*/\s*\d{{1,2}}|[★☆●○◉◯■□▪▫⬤✦✧]+)[\s)]*$",
    re.IGNORECASE,
)
_RATING = re.compile(r"[★☆●○◉◯■□▪▫⬤✦✧]+")
# "Languages: Python, Java" — a short label before the items.
_LABEL = re.compile(r"^([^:：]{2,40})\s*[:：]\s+(?=\S)")
_NOT_ITEM = re.compile(r"@|https?://|www\.|^\W*$|^\d[\d\s./-]*$|^(?:19|20)\d\d\b")
_STOP = set(
    "and or und oder et ou y o e en of the etc others other more various including ua u.a usw "
    "etc. andere autres otros".split()
) | {"such as"}
_MAX_WORDS = 7
_MAX_CHARS = 60


def listed_items(
    text: str,
    sections: list[Section],
    taxonomy: Taxonomy,
    inline: list[tuple[int, int]] | None = None,
    cells: list[tuple[str, ...]] | None = None,
) -> list[str]:
    """Items of the skills sections as printed, compounds split, in order (known skills too).

    A skills list printed inline ("Technical skills: Python - SQL - Figma", wrapped over
    the next lines) counts as a section of its own (``inline``: its spans, when the caller
    has found them already). ``cells``: each line's parts far apart on its row (a table's
    cells, a PDF's columns of words), which are items of their own: "Apex" | "Javascript".
    """
    out: list[str] = []
    spans = [(s.body_start, s.end) for s in sections if s.kind == SKILLS]
    if inline is None:
        inline = inline_skill_spans(text)
    bodies = [_with_cells(text, a, b, cells) for a, b in spans + list(inline)]
    for body in bodies:
        for raw in _logical_lines(body):
            out.extend(_line_items(raw, taxonomy))
    return list(dict.fromkeys(out))


def _with_cells(text: str, start: int, end: int, cells: list[tuple[str, ...]] | None) -> str:
    """``text[start:end]``, each line whose row has cells written with a separator between
    them (the text itself has only a space there)."""
    body = text[start:end]
    if not cells:
        return body
    first = text.count("\n", 0, start)
    lines = body.split("\n")
    for k, line in enumerate(lines):
        row = cells[first + k] if first + k < len(cells) else ()
        if len(row) > 1 and " ".join(" ".join(row).split()) == " ".join(line.split()):
            lines[k] = " | ".join(row)
    return "\n".join(lines)


_INLINE_LABEL = re.compile(r"^\W{0,3}([^:：\n]{2,40}?)\s*[:：]\s+\S")


def inline_skill_spans(text: str) -> list[tuple[int, int]]:
    """Where skills are listed after an inline label ("Skills: …", "Habilidades técnicas: …"):
    the label's line and the lines that continue its list."""
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        m = _INLINE_LABEL.match(lines[i])
        if not (m and SKILLS in (heading_kind(m.group(1)), keyword_kind(m.group(1)))):
            i += 1
            continue
        start = offsets[i] + m.end() - 1
        j = i + 1
        # The list goes on while the lines go on listing: no new label, no blank, no heading.
        while (
            j < len(lines)
            and lines[j].strip()
            and not _INLINE_LABEL.match(lines[j])
            and not heading_kind(lines[j])
            and _SPLIT.search(lines[j])
        ):
            j += 1
        spans.append((start, offsets[j - 1] + len(lines[j - 1])))
        i = j
    return spans


def _logical_lines(body: str) -> list[str]:
    """Lines of a list as the writer meant them: a parenthesis a narrow column wrapped is closed on
    one line; where items start with bullets, a line without one continues the item above; a
    line that ends with a separator goes on in the next."""
    lines = body.split("\n")
    bulleted = sum(1 for ln in lines if _BULLET.match(ln)) >= 2
    out: list[str] = []
    for line in lines:
        if (
            out
            and line.strip()
            and (
                out[-1].count("(") > out[-1].count(")")
                or (bulleted and not _BULLET.match(line) and out[-1].strip())
                or _OPEN_END.search(out[-1])
            )
        ):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


_BULLET = re.compile(r"^\s*[•·▪►◦●○■□✓✔➢➤→*\-–\u2022\u25cf\u25aa\u25e6]\s")
_OPEN_END = re.compile(r"(?:[,;|/]|\s[-–—])\s*$")


def unlisted_skills(items: list[str], known: list[str], taxonomy: Taxonomy) -> list[str]:
    """The items the taxonomy does not know, as written, once each."""
    seen = {fold(k) for k in known}
    out = []
    for item in items:
        if _in_taxonomy(item, taxonomy):
            continue
        key = fold(item)
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def _in_taxonomy(item: str, taxonomy: Taxonomy) -> bool:
    if taxonomy.lookup(item) is not None:
        return True
    hits = [h for h in taxonomy.find(item, lambda _offset: True) if h.counts]
    if not hits:
        return False
    # Covered when the skills found span most of the item's letters.
    covered = sum(h.end - h.start for h in hits)
    letters = len(re.sub(r"\W", "", item))
    return covered >= 0.6 * len(item) or letters <= covered + 3


def _line_items(raw: str, taxonomy: Taxonomy) -> list[str]:
    line = raw.strip()
    line = re.sub(r"^[^\w(+#.]+", "", line).strip()  # bullets and icons
    if not line or heading_kind(line):
        return []
    label = _LABEL.match(line)
    if label and len(label.group(1).split()) <= 4:
        line = line[label.end() :]
    elif line.endswith((":", "：")):
        return []  # a sub-heading inside the section ("Technical Skills:")
    if _is_prose(line):
        return []
    items: list[str] = []
    for piece in _SPLIT.split(line):
        items.extend(_split_compound(piece, taxonomy))
    return [item for item in (_clean_item(i) for i in items) if item]


def _is_prose(line: str) -> bool:
    words = line.split()
    separators = len(re.findall(r"[,;|•·]|\s[-–—]\s", line))
    if len(words) >= 8 and separators < len(words) / 6:
        return True
    return line.endswith(".") and len(words) >= 6 and separators <= 1


def _split_compound(piece: str, taxonomy: Taxonomy) -> list[str]:
    piece = piece.strip()
    if not piece:
        return []
    # "MS Office (Word, Excel, PowerPoint)", "Python (Pygame, Matplotlib)": the head and the parts.
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*(.*)$", piece)
    if m:
        head, inner, tail = m.group(1), m.group(2), m.group(3)
        inner_items = [
            p for p in re.split(r"\s*[,;/]\s*|\s+(?:and|und|et|e|y)\s+", inner) if p.strip()
        ]
        if _LEVEL.fullmatch(" " + inner) or (
            len(inner_items) == 1 and not _looks_like_item(inner_items[0], taxonomy)
        ):
            inner_items = []  # "(fluent)", "(basic)", "(3D-Software)": a level or a description
        parts = _split_compound(head, taxonomy) if head else []
        for item in inner_items:
            parts.extend(_split_compound(item, taxonomy))
        if tail:
            parts.extend(_split_compound(tail, taxonomy))
        return parts
    piece = piece.strip("()[]{} ")
    if taxonomy.lookup(piece) is not None:
        return [piece]  # "CI/CD", "TCP/IP", "Objective-C" stay whole
    # "C/C++", "HTML/CSS", "Java & Python": parts that stand alone.
    for pattern in (r"\s*/\s*", r"\s+&\s+|\s+(?:and|und|et|y|e)\s+"):
        parts = [p for p in re.split(pattern, piece) if p.strip()]
        if len(parts) > 1 and all(_looks_like_item(p, taxonomy) for p in parts):
            return [q for p in parts for q in _split_compound(p, taxonomy)]
    # "CAD-SolidWorks": a hyphen joins two known tools (or an acronym and a tool); "Bexio-Light"
    # is one name.
    parts = re.split(r"(?<=\w)-(?=[A-Z])", piece)
    if len(parts) > 1 and all(taxonomy.lookup(p) is not None or p.isupper() for p in parts):
        return parts
    return [piece]


def _looks_like_item(part: str, taxonomy: Taxonomy) -> bool:
    part = part.strip()
    if not part or len(part.split()) > 3:
        return False
    if taxonomy.lookup(part) is not None:
        return True
    return bool(re.match(r"^[A-Z0-9.#+]", part)) and len(part) >= 1


def _clean_item(item: str) -> str | None:
    item = _RATING.sub("", item).strip()
    previous = None
    while previous != item:
        previous = item
        item = _LEVEL.sub("", item).strip(" :-–—,.;()")
    item = re.sub(r"\s+", " ", item).strip(" .,:;-–—*\"'“”‘’")
    if not item or len(item) > _MAX_CHARS or len(item.split()) > _MAX_WORDS:
        return None
    if fold(item) in _STOP or _NOT_ITEM.search(item) or not re.search(r"[^\W\d_]", item):
        return None
    if len(item) == 1 and not item.isupper():
        return None
    if item[:1].islower() and len(item.split()) > 2:
        return None  # the rest of a sentence, not a name of a tool or a skill
    return item
