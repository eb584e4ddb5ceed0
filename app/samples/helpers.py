"""Small helpers shared by the modules that draw a person."""

from __future__ import annotations

import random
import re
import unicodedata

_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE"}
    | dict(zip("øØđĐłŁðÐı", "oOdDlLdDi", strict=True))
)


def ascii_fold(text: str) -> str:
    """'Nguyễn Ólafsdóttir' -> 'Nguyen Olafsdottir' (letters NFKD cannot split are mapped)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return (
        "".join(c for c in text if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slug(text: str, joiner: str = "") -> str:
    text = ascii_fold(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", joiner, text).strip("-")


PHONE_CODES = {"x": "0123456789", "N": "23456789", "M": "123456789"}
POSTCODE_CODES = {"x": "0123456789"}


def _charset(body: str) -> str:
    """'0-5A' -> '012345A'."""
    out, k = [], 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            out.extend(chr(c) for c in range(ord(body[k]), ord(body[k + 2]) + 1))
            k += 3
        else:
            out.append(body[k])
            k += 1
    return "".join(out)


def expand(rng: random.Random, pattern: str, codes: dict[str, str] = PHONE_CODES) -> str:
    """Expand a pattern: [..] is one of a set or range; codes map letters to digit sets
    (phones: x=0-9, N=2-9, M=1-9; postcodes only x, so letters stay letters)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            j = pattern.index("]", i)
            out.append(rng.choice(_charset(pattern[i + 1 : j])))
            i = j + 1
        else:
            out.append(rng.choice(codes[ch]) if ch in codes else ch)
            i += 1
    return "".join(out)


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def thousands(n: int, lang: str) -> str:
    """12000 -> '12,000' (en), '12.000' (de/es/pt), '12 000' with a no-break space (fr)."""
    s = f"{n:,}"
    return {"en": s, "fr": s.replace(",", "\u00a0"), "pl": s.replace(",", "\u00a0")}.get(
        lang, s.replace(",", ".")
    )
