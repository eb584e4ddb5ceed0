"""Text clean-up shared by every format.

PDF extractors emit text that looks fine on screen and is awkward to search:
ligature glyphs (``ﬁ``), soft hyphens used as dashes, zero-width joiners, tabs
between words (Qt-made PDFs), ``(cid:N)`` for glyphs without a Unicode mapping,
and diacritics typeset as a separate glyph next to the letter (``Z¨urich``).
:func:`clean_text` turns all of that into plain, searchable text while keeping
line breaks, because layout (headings, contact lines) lives in lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CID_RE = re.compile(r"\(cid:\d+\)")

# Soft hyphen: LaTeX/LuaTeX templates print it where a dash is meant
# ("Mar. 2010 \u00ad Aug. 2017", "Back\u00adend"), so it becomes a real hyphen;
# a soft hyphen at a line end is a hyphenation point and is joined.
_SOFT_HYPHEN = "\u00ad"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u180e"), None)

# Spacing diacritics that TeX places next to a letter instead of composing it:
# "Z¨urich" -> "Zürich". Maps the spacing mark to its combining form.
_SPACING_TO_COMBINING = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",  # grave
    "\u02c6": "\u0302",  # circumflex (modifier letter)
    "\u02dc": "\u0303",  # small tilde
    "\u00b8": "\u0327",  # cedilla
    "\u02c7": "\u030c",  # caron
    "\u02da": "\u030a",  # ring above
}
# Letters a given mark composes with in the languages we read; anything else
# is left alone (e.g. a tilde in "~/bin" or a backtick in code).
_COMPOSABLE = {
    "\u0308": "aeiouyAEIOUY",
    "\u0301": "aeiouycnszAEIOUYCNSZ",
    "\u0300": "aeiouAEIOU",
    "\u0302": "aeiouAEIOU",
    "\u0303": "anoANO",
    "\u0327": "cCsStT",
    "\u030c": "cszrnCSZRN",
    "\u030a": "aAuU",
}
_MARKS = "\u00a8\u00b4`\u02c6\u02dc\u00b8\u02c7\u02da"
# TeX usually emits the accent before its letter ("Z¨urich"); some producers
# after it ("Mu¨ller"). Mark-before is tried first, on the whole text, so that
# "Jos´e" becomes "José" and not "Jośe".
# Inside a word, or before a capital at a word start ("´Ecole"): a backtick
# before lower-case text ("`echo`") is code, not an accent.
_MARK_BEFORE_RE = re.compile(rf"(?:(?<=\w)([{_MARKS}]) ?([A-Za-z])|([{_MARKS}]) ?([A-Z]))")
_MARK_AFTER_RE = re.compile(rf"(?<=\w)([A-Za-z])([{_MARKS}])(?=\w)")

_HSPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_BLANK_LINES_RE = re.compile(r"\n{3,}")
# Unicode line/paragraph separators and form feeds (pdfminer emits \x0c
# between pages) become plain newlines.
_LINE_BREAKS = str.maketrans(
    {"\u2028": "\n", "\u2029": "\n", "\x0c": "\n", "\r": None, "\x0b": "\n"}
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _compose(letter: str, mark: str, original: str) -> str:
    combining = _SPACING_TO_COMBINING[mark]
    if letter not in _COMPOSABLE.get(combining, ""):
        return original
    composed = unicodedata.normalize("NFC", letter + combining)
    return composed if len(composed) == 1 else original


def fix_detached_diacritics(text: str) -> str:
    """Compose a spacing accent with the letter beside it, where that gives a real letter."""
    if not any(mark in text for mark in _MARKS):
        return text
    text = _MARK_BEFORE_RE.sub(
        lambda m: _compose(m.group(2) or m.group(4), m.group(1) or m.group(3), m.group(0)), text
    )
    return _MARK_AFTER_RE.sub(lambda m: _compose(m.group(1), m.group(2), m.group(0)), text)


def strip_cids(text: str) -> str:
    """Remove ``(cid:N)`` placeholders for glyphs that have no Unicode mapping."""
    return CID_RE.sub(" ", text)


def clean_line(line: str) -> str:
    """Normalise one line: NFKC, no control characters, single spaces, trimmed."""
    line = _HSPACE_RE.sub(" ", line)
    return line.strip()


# ASCII that the steps before the line-by-line clean-up would change: page and line breaks
# other than \n, control characters, a backtick (a detached grave accent) and (cid:N). ASCII
# without them passes those steps unchanged (NFKC leaves ASCII as it is), so they are skipped.
_ASCII_TO_CHANGE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f`]|\(cid:")


def clean_text(text: str) -> str:
    """Make extracted text searchable while keeping its lines.

    Order matters: soft hyphens and detached accents are handled before NFKC
    (which would turn a spacing diaeresis into space + combining mark).
    """
    if not (text.isascii() and _ASCII_TO_CHANGE.search(text) is None):
        text = text.translate(_LINE_BREAKS)
        text = text.replace(_SOFT_HYPHEN + "\n", "").replace(_SOFT_HYPHEN, "-")
        text = text.translate(_ZERO_WIDTH)
        text = fix_detached_diacritics(text)
        text = strip_cids(text)
        text = unicodedata.normalize("NFKC", text)
        text = _CONTROL_RE.sub("", text)
    lines = [clean_line(line) for line in text.split("\n")]
    text = "\n".join(lines)
    text = _MANY_BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def cid_ratio(raw: str) -> float:
    """Share of the non-space characters of ``raw`` that are ``(cid:N)`` placeholders.

    Each placeholder counts as one glyph, so a page that is all placeholders is 1.0.
    """
    cids = CID_RE.findall(raw)
    if not cids:
        return 0.0
    rest = CID_RE.sub("", raw)
    visible = sum(1 for ch in rest if not ch.isspace())
    return len(cids) / (len(cids) + visible)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower-case and strip accents: for comparisons, never for display (cached: words repeat)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Letters that NFKD leaves whole, as an address or a file name types them in ASCII.
_ASCII_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "þ": "th", "œ": "oe", "ı": "i"}
    | dict(zip("łøđðħŧ", "lodhht", strict=True))
)
# German umlauts are typed either way in an address: "müller" or "mueller".
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# Cyrillic the three ways people transliterate their own names: "Юлия Щербакова" is
# yuliya.shcherbakova, iuliia.shcherbakova (passports since 2014) or julija.scerbakova.
_CYRILLIC_COMMON = dict(zip("абвгдезиклмнопрстуфыэ", "abvgdeziklmnoprstufye", strict=True)) | {
    "ё": "e",
    "ъ": "",
    "ь": "",
    "ч": "ch",
    "ш": "sh",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
}
_CYRILLIC = tuple(
    str.maketrans(_CYRILLIC_COMMON | dict(zip("йхцжщюя", forms, strict=True)))
    for forms in (
        ("y", "kh", "ts", "zh", "shch", "yu", "ya"),
        ("i", "kh", "ts", "zh", "shch", "iu", "ia"),
        ("j", "h", "c", "z", "sc", "ju", "ja"),
    )
)


def loose_fold(text: str) -> str:
    """:func:`fold`, and the letters NFKD leaves whole typed as ASCII ("Wykształcenie" and
    "Wyksztalcenie" alike): for comparing words with a vocabulary, which some people type
    without their letters."""
    return fold(text).translate(_ASCII_LETTERS)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=20_000)
def ascii_spellings(word: str) -> tuple[str, ...]:
    """The ways ``word`` is typed in ASCII, lower case: an address or a file name spells
    "Michał" michal, "Müller" muller or mueller, "Søren" soren, "Иван" ivan. The first is
    the plainest; the others are the alternatives people use."""
    low = unicodedata.normalize("NFC", word.lower())
    out = [_strip_marks(low.translate(_ASCII_LETTERS)), _strip_marks(low.translate(_UMLAUTS))]
    if any("\u0400" <= ch <= "\u04ff" for ch in low):
        out += [_strip_marks(low.translate(table)) for table in _CYRILLIC]
    return tuple(dict.fromkeys(s.translate(_ASCII_LETTERS) for s in out))


# A word, the one definition every count of a person's words uses: the gate's note
# checks, the message linter, and the word counts stored with each note that the
# database's triggers check (review/schema.py). "Python/PostgreSQL" is two words,
# "C++", "Node.js" and "don't" are one; dashes and slashes between words are not words.
WORD_RE = re.compile(r"[^\W_][\w'’+#.-]*[\w+#]|[^\W_]", re.UNICODE)


def words(text: str | None) -> list[str]:
    """The words of ``text`` (see :data:`WORD_RE`)."""
    return WORD_RE.findall(text or "")
