"""What blind review hides, found wherever it is written: name, emails, phones, links, address.

One definition serves every face of blind review: the person pane blacks the
spans out, a blind export replaces them with ``[name]``, ``[email]``, ``[phone]``,
``[link]``, ``[address]`` or ``[place]``, and a blind search drops a hit that
only hidden words could have made.

Matching is whole-word and insensitive to case and accents — "Ana" is found in
"ana's" and "ANA", "José" in "Jose", and never inside "Analytics" — and works on
the original text through a map from its folded form, so what is replaced is
exactly what was written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from parsing.text import fold
from review.excerpts import looks_like_address

_SEPARATORS = r"[\s().\-/]*"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:https?://|www\.)[^\s<>\"']+|\b[\w-]+\.(?:com|org|net|io|dev|me|de|fr|es|it|nl|uk|ch|at|co)/[^\s<>\"']*"
_PHONE = r"\+\d[\d\s().\-/]{7,}\d"  # an international number, however it is grouped
# Words of a link or an address that say nothing about whom they belong to.
_COMMON = frozenset(
    "http https www com org net io dev me de fr es it nl uk ch at co in github gitlab linkedin "
    "bitbucket twitter x medium stackoverflow behance dribbble profile pub".split()
)
_TOKEN = re.compile(r"[^\W_]+")
LABELS = {
    "name": "[name]",
    "email": "[email]",
    "phone": "[phone]",
    "link": "[link]",
    "address": "[address]",
    "place": "[place]",
}


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return [str(v) for v in value if v]


@dataclass
class Hidden:
    """One person's hidden details, as written in their record."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    location: str = ""

    @classmethod
    def of(cls, row: dict) -> Hidden:
        """From a ``people`` row (JSON columns as text or already decoded)."""
        return cls(
            row.get("name") or "",
            _as_list(row.get("emails")),
            _as_list(row.get("phones")),
            _as_list(row.get("links")),
            row.get("location") or "",
        )

    def name_words(self) -> list[str]:
        # Two letters are a name too (Bo, Li, Ng); a lone initial is not.
        return [w for w in _TOKEN.findall(self.name) if len(w) >= 2]

    def location_parts(self) -> list[tuple[str, str]]:
        """(kind, text) of each part of the location: a street address, or a place."""
        out = []
        for part in (p.strip(" .") for p in re.split(r"\s*[,;\n|·]\s*", self.location)):
            if len(part) < 2:
                continue
            if looks_like_address(part):
                out.append(("address", part))
                continue
            out.append(("place", part))
            town = " ".join(w for w in part.split() if not any(ch.isdigit() for ch in w))
            if town and town != part and len(town) >= 2:
                out.append(("place", town))  # "10115 Berlin" is also written "Berlin"
        return out

    def tokens(self) -> set[str]:
        """Folded words only these details hold: a search for one must not find them."""
        out = {fold(w) for w in self.name_words()}
        for email in self.emails:
            local, _, domain = email.partition("@")
            out |= {fold(w) for w in _TOKEN.findall(local) if len(w) >= 2}
            out |= {
                fold(w) for w in _TOKEN.findall(domain) if len(w) >= 3 and fold(w) not in _COMMON
            }
        for link in self.links:
            bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", link, flags=re.I)
            out |= {fold(w) for w in _TOKEN.findall(bare) if len(w) >= 3 and fold(w) not in _COMMON}
        for _kind, part in self.location_parts():
            out |= {fold(w) for w in _TOKEN.findall(part) if len(w) >= 3 and not w.isdigit()}
        for phone in self.phones:
            digits = "".join(ch for ch in phone if ch.isdigit())
            if len(digits) >= 6:
                out.add(digits)
        return out

    def matches(self, query: str) -> bool:
        """Whether a search for ``query`` could find this person through a hidden detail:
        one of its words is a word of theirs (the last word may be a prefix, as typed)."""
        words = [fold(w) for w in _TOKEN.findall(query or "")]
        if not words:
            return False
        tokens = self.tokens()
        phones = ["".join(ch for ch in p if ch.isdigit()) for p in self.phones]
        *whole, last = words
        for word in words:  # a part of their number, however it was grouped when typed
            if word.isdigit() and len(word) >= 3 and any(word in digits for digits in phones):
                return True
        if any(w in tokens for w in whole):
            return True
        return any(t.startswith(last) for t in tokens)


def _folded(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, where it came from in ``text``."""
    pieces, where = [], []
    for i, ch in enumerate(text):
        folded = fold(ch)
        pieces.append(folded)
        where.extend([i] * len(folded))
    return "".join(pieces), where


def _phone_pattern(phone: str) -> str | None:
    """Their number in any grouping: with or without the country code or the trunk 0."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
        national, country = str(number.national_number), str(number.country_code)
    except phonenumbers.NumberParseException:
        national, country = "".join(ch for ch in phone if ch.isdigit()).lstrip("0"), ""
    if len(national) < 6:
        return None
    body = _SEPARATORS.join(national)
    prefix = (
        rf"(?:(?:\+|00){country}{_SEPARATORS})?"
        if country
        else r"(?:\+?\d{1,3}" + _SEPARATORS + ")?"
    )
    return rf"(?<!\d){prefix}(?:\(?0\)?{_SEPARATORS})?{body}(?!\d)"


class Redactor:
    """Finds one person's hidden details in any text (see the module's docs)."""

    def __init__(self, hidden: Hidden | dict):
        hidden = hidden if isinstance(hidden, Hidden) else Hidden.of(hidden)
        self.hidden = hidden
        groups: list[tuple[str, list[str]]] = []
        emails = [re.escape(fold(e)) for e in hidden.emails]
        groups.append(("email", [*emails, _EMAIL]))
        links = [
            re.escape(fold(re.sub(r"^(?:https?://)?(?:www\.)?", "", link, flags=re.I)).rstrip("/"))
            for link in hidden.links
            if len(link) >= 4
        ]
        theirs = [rf"(?:https?://)?(?:www\.)?{link}/?[^\s<>\"']*" for link in links]
        groups.append(("link", [*theirs, _URL]))
        phones = [p for p in (_phone_pattern(x) for x in hidden.phones) if p]
        groups.append(("phone", [*phones, _PHONE]))
        # Longest first, so a whole street or name goes before any of its words.
        parts = sorted(hidden.location_parts(), key=lambda kp: -len(kp[1]))
        for kind in ("address", "place"):
            words = [rf"(?<!\w){re.escape(fold(p))}(?!\w)" for k, p in parts if k == kind]
            groups.append((kind, words))
        names = sorted(
            {fold(w) for w in hidden.name_words()}
            | ({fold(hidden.name)} if hidden.name else set()),
            key=len,
            reverse=True,
        )
        groups.append(("name", [rf"(?<!\w){re.escape(n)}(?!\w)" for n in names if n.strip()]))
        alternatives = [
            f"(?P<{kind}>{'|'.join(patterns)})" for kind, patterns in groups if patterns
        ]
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of each hidden detail in ``text``; neighbours of a kind merged."""
        if not text or self._pattern is None:
            return []
        folded, where = _folded(text)
        found: list[tuple[int, int, str]] = []
        for match in self._pattern.finditer(folded):
            start, end = match.span()
            if start == end:
                continue
            kind = match.lastgroup or "name"
            begin, finish = where[start], where[end - 1] + 1
            if kind == "link":
                while finish > begin and text[finish - 1] in ".,;:!?)]}'\"":
                    finish -= 1  # the sentence's punctuation, not the link's
            if found and found[-1][2] == kind and not text[found[-1][1] : begin].strip(" -"):
                found[-1] = (found[-1][0], finish, kind)  # "Ana Lima": one name, not two
            else:
                found.append((begin, finish, kind))
        return found

    def redact(self, text: str) -> str:
        """``text`` with each hidden detail replaced by its label ("[name]", "[email]", …)."""
        if not text:
            return text
        out, last = [], 0
        for start, end, kind in self.spans(text):
            out.append(text[last:start])
            out.append(LABELS[kind])
            last = end
        out.append(text[last:])
        return "".join(out)
