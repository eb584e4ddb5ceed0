"""Words from a resume, made fit for a hiring manager's page.

Two small pure functions the exports use:

- :func:`excerpt` quotes the evidence for a score part: the sentence it sits in, cut at word or
  sentence boundaries with an ellipsis ("…", never "…ms by tuning PostgreSQL queries.");
- :func:`place_for_headline` keeps the town and region of a location and drops the street
  address, house number and postcode ("Apianstr. 7, Unterföhring" → "Unterföhring"): the
  headline a manager reads never carries where someone lives.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"

# A sentence ends at . ! ? followed by a space and what can start a sentence; not in "e.g. x",
# "3.5".
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[\"“(]?[A-Z0-9À-Ý•◦\-–*])|\s+[•◦▪·|]\s+|\s{3,}")
_BULLETS = " •◦▪‣·-–—*\t"


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def excerpt(text: str, start: int, end: int, width: int = 140) -> str:
    """The words around ``text[start:end]``, at most about ``width`` characters.

    The whole line when it fits; else the sentence holding the evidence; else a window around
    the evidence cut at spaces, with "…" where words were left out. Never a broken word.
    """
    if not text or start >= len(text):
        return ""
    start, end = max(0, start), min(len(text), max(start, end))
    line_start, line_end = _line_around(text, start, end)
    line = text[line_start:line_end]
    lead = len(line) - len(line.lstrip(_BULLETS))
    if len(line.strip(_BULLETS)) <= width:
        return line.strip(_BULLETS)
    # The sentence (or list item) of the line that holds the evidence.
    s_start, s_end = line_start + lead, line_end
    for m in _SENTENCE_END.finditer(line):
        at = line_start + m.start()
        if at < start:
            s_start = line_start + m.end()
        elif at >= end:
            s_end = at
            break
    sentence = text[s_start:s_end].strip(_BULLETS)
    if len(sentence) <= width:
        return sentence
    # A window inside the sentence, cut at spaces.
    ev_start, ev_end = start - s_start, end - s_start
    raw = text[s_start:s_end]
    room = max(0, width - (ev_end - ev_start))
    left_room, right_room = room // 3, room - room // 3
    # Room one side cannot use goes to the other.
    left_room += max(0, ev_end + right_room - len(raw))
    right_room += max(0, left_room - ev_start)
    left = max(0, ev_start - left_room)
    right = min(len(raw), ev_end + right_room)
    if left > 0:
        space = raw.find(" ", left, ev_start)
        left = space + 1 if space >= 0 else _word_start(raw, left)
    if right < len(raw):
        space = raw.rfind(" ", ev_end, right + 1)
        right = space if space >= 0 else _word_end(raw, right)
    piece = raw[left:right].strip(_BULLETS + " ,;:")
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if right < len(raw.rstrip()) else ""
    if suffix and piece.endswith((".", "!", "?")):
        suffix = ""
    return f"{prefix}{piece}{suffix}"


def _word_start(raw: str, at: int) -> int:
    while at > 0 and not raw[at - 1].isspace():
        at -= 1
    return at


def _word_end(raw: str, at: int) -> int:
    while at < len(raw) and not raw[at].isspace():
        at += 1
    return at


# --- addresses ---------------------------------------------------------------------------

_STREET_WORDS = (
    r"stra(?:ss|ß)e|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|"
    r"street|st\.|road|rd\.?|avenue|ave\.?|drive|dr\.|lane|ln\.?|boulevard|blvd\.?|bd\.?|way|court|ct\.?|"
    r"place|pl\.|terrace|crescent|close|square|sq\.|highway|hwy|parkway|pkwy|"
    r"rue|chemin|quai|impasse|allée|cours|via|viale|piazza|corso|vicolo|calle|c/|avenida|avda\.?|av\.?|paseo|"
    r"plaza|carrera|camino|rua|r\.|travessa|praça|praca|alameda|estrada|rodovia|largo|"
    r"apt\.?|apartment|flat|suite|room|floor|building|bldg|depto\.?|dpto\.?|piso|andar|sala|bloco|"
    r"wohnung|etage|stock|po box|p\.o\. box|postfach|ward no\.?|house no\.?|road no\.?|nr\.|no\."
)
_STREET_PART = re.compile(
    rf"(?i)(?:^|\s)(?:{_STREET_WORDS})(?=\s|$|\d|,)|[a-zäöüß](?:stra(?:ss|ß)e|str\.)(?:\s|$)|"
    # A bare house number ("4", "88/1"), a number before a street name ("12 Chak Cheung Street") or
    # after one ("Calle Mayor 5"): one to three digits, as house numbers are; five are a postcode.
    r"^\s*\d{1,3}[a-z]?\s*(?:/\s*\d+)?\s*$|^\s*\d{1,3}[a-z]?\s+\S|\s\d{1,3}[a-z]?\s*$|\d+/f\b|#\s*\w+|"
    r"^\s*[0-9A-Z]{4}\+[0-9A-Z]{2,3}"
)
_STREET_WORD = re.compile(
    rf"(?i)(?:^|\s)(?:{_STREET_WORDS})(?=\s|$|\d|,)|[a-zäöüß](?:stra(?:ss|ß)e|str\.)(?:\s|$)"
)
_POSTCODE = re.compile(
    r"(?i)\b(?:cp|plz|cep|zip|postcode|post code)\s*[:.]?\s*[\w-]+|"
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|"  # UK
    r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|"  # Canada
    r"\b\d{5}-\d{3}\b|\b\d{4}-\d{3}\b|"  # Brazil, Portugal
    r"(?<![\w-])-?\d{4,6}(?![\w-])|"  # most of the world
    # labels before a place ("District:-Kushinagar")
    r"\b(?:post|district|dist|p\.?o\.?|ps)\s*:-?\s*"
)


def _is_street(part: str) -> bool:
    return bool(_STREET_PART.search(part))


def place_for_headline(location: str | None) -> str | None:
    """The town and region of a location, without street, house number or postcode.

    "Hauptstraße 12, 10115 Berlin" → "Berlin"; "246 Franklin Street, Cambridge MA 02139 USA"
    → "Cambridge MA USA"; "Mapo-gu, Seoul, Republic of Korea" → "Seoul, Republic of Korea";
    "Sunnyvale, CA" stays. None when nothing but an address is left.
    """
    if not location or not location.strip():
        return None
    parts = [p.strip() for p in re.split(r"\s*[,;\n]\s*|\s+[-–|·]\s+", location) if p.strip()]
    kept = []
    for part in parts:
        if _is_street(part):
            continue
        cleaned = re.sub(r"\s{2,}", " ", _POSTCODE.sub(" ", part)).strip(" -:.,")
        if not cleaned or not re.search(r"[^\W\d_]{2}", cleaned):
            continue
        if kept and cleaned.split()[0].casefold() == kept[-1].split()[0].casefold():
            kept[-1] = cleaned  # "Rajshahi, 6340 Rajshahi (Bangladesh)": one town, said twice
            continue
        kept.append(cleaned)
    if not kept:
        return None
    return ", ".join(kept[-2:])


def looks_like_address(text: str | None) -> bool:
    """Whether a line is a street address (a house number and a street, or a postcode and a
    street)."""
    if not text or not re.search(r"\d", text):
        return False
    return bool(_STREET_WORD.search(text))
