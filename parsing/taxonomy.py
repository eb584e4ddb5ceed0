"""The skills taxonomy and finding its skills in a resume's text.

The taxonomy lives in ``resources/skills/*.txt`` (format in its README). Finding
skills is exact first: the text is cut into tokens that keep the characters
skills are written with (C++, C#, .NET, Node.js), and every run of up to
``max_tokens`` tokens is looked up as a key. Then approximate, for spellings and
typos, only for long names and only against names of similar length that start
with the same letter (rapidfuzz ``ratio``), so "Kubernets" finds Kubernetes but
"trails" does not find Rails.

Guards where matching would hurt: ``[case]`` names (Go, R, Swift) only count in
their exact case, and the short or everyday ones only with context — in a
skills section, in a list next to another skill, or next to words like
"programming". A negation ("no experience with X") marks the hit negated.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from parsing.text import fold

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SKILLS_DIR = RESOURCES / "skills"

# A token: letters/digits, keeping the inner and trailing characters that
# skill names use (C++, C#, Node.js, .NET, ASP.NET, don't).
TOKEN_RE = re.compile(r"\.?[^\W_](?:[\w.+#'’]*[\w+#])?")

_FLAG_RE = re.compile(r"\s*\[(\w+)\]")

# Words that make a short or everyday name read as a skill when they are near it.
_TECH_CONTEXT = {
    "programming",
    "language",
    "languages",
    "lang",
    "coding",
    "code",
    "scripts",
    "scripting",
    "developer",
    "development",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "packages",
    "statistical",
    "stack",
    "backend",
    "back-end",
    "services",
    "microservices",
    "apps",
    "skills",
    "tools",
    "technologies",
}
_LANGUAGE_CONTEXT = re.compile(
    r"\b(?:speak\w*|spoken|fluen\w*|native|mother tongue|bilingual|language\w*|proficien\w*|"
    r"conversational|"
    r"basic|intermediate|advanced|business|working knowledge|[abc][12]|ielts|toefl|toeic|"
    r"cambridge|delf|dalf|dele|"
    r"goethe|jlpt|hsk|sprache\w*|muttersprache|fliessend|flie\w*end|grundkenntnisse|"
    r"verhandlungssicher|"
    r"langue\w*|courant|maternelle|idioma\w*|nativ[oa]|fluido|lingua\w*|fluente|materna)\b|"
    r"[(/]\s*[abc][12]\b",
)
_NEGATION_RE = re.compile(
    r"\b(?:no|not|never|without|lack(?:ing)?|zero)\s+(?:\w+\s+){0,3}"
    r"(?:experience|exposure|knowledge|familiar(?:ity)?|used|worked|skills?)\b[^.;\n]*$"
    r"|\b(?:keine|ohne)\s+(?:\w+\s+){0,2}(?:kenntnisse|erfahrung)\b[^.;\n]*$"
    r"|\b(?:sans|aucune)\s+(?:\w+\s+){0,2}(?:expérience|connaissance)s?\b[^.;\n]*$"
    r"|\b(?:sin|ninguna)\s+(?:\w+\s+){0,2}(?:experiencia|conocimientos?)\b[^.;\n]*$"
    r"|\b(?:sem|nenhuma)\s+(?:\w+\s+){0,2}(?:experiência|conhecimentos?)\b[^.;\n]*$"
    r"|\b(?:brak|bez)\s+(?:\w+\s+){0,2}(?:doświadczenia|znajomości|wiedzy)\b[^.;\n]*$"
    r"|\b(?:senza|nessuna)\s+(?:\w+\s+){0,2}(?:esperienza|conoscenza)\b[^.;\n]*$"
    r"|\b(?:geen|zonder)\s+(?:\w+\s+){0,2}(?:ervaring|kennis)\b[^.;\n]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Skill:
    id: int
    name: str
    category: str
    aliases: tuple[str, ...]
    case_sensitive: bool = False
    fuzzy: bool = True


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Hit:
    """One place a skill was found."""

    skill: str  # canonical name
    start: int
    end: int
    text: str  # the words in the resume
    similarity: int  # 100 for an exact alias
    flag: str | None = None  # None: a real mention; "negated"; "ordinary_word"
    section: str | None = None  # filled in by the caller, which knows the sections
    year: int | None = None  # filled in by the caller: the dated entry it sits in

    @property
    def counts(self) -> bool:
        return self.flag is None


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def key_of(words: list[str], case_sensitive: bool = False) -> str:
    if case_sensitive:
        return " ".join(unicodedata.normalize("NFKC", w) for w in words)
    return " ".join(fold(w) for w in words)


@dataclass
class Taxonomy:
    skills: list[Skill]
    # folded key -> skill id; original-case key -> skill id for [case] skills
    exact: dict[str, int] = field(default_factory=dict)
    exact_case: dict[str, int] = field(default_factory=dict)
    # folded form of [case] names, to notice "go" or "swift" used as ordinary words
    case_folded: dict[str, int] = field(default_factory=dict)
    max_tokens: int = 1
    # (first letter, length) -> [(key, skill id)] for approximate matching
    _fuzzy: dict[tuple[str, int], list[tuple[str, int]]] = field(default_factory=dict)
    _windows: dict[tuple[str, int], tuple[list[str], list[int]]] = field(default_factory=dict)
    _closest_memo: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _lookup_memo: dict[str, int | None] = field(default_factory=dict)  # phrase -> skill id
    # first token of any alias -> the most tokens an alias starting with it has
    _first_len: dict[str, int] = field(default_factory=dict)
    _first_len_case: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, Skill] = field(default_factory=dict)

    @classmethod
    def from_lines(cls, entries: list[tuple[str, str]]) -> Taxonomy:
        """Build from (category, line) pairs in the file format."""
        skills: list[Skill] = []
        for category, line in entries:
            fields = [f.strip() for f in line.split(" | ")]
            head = fields[0]
            flags = set(_FLAG_RE.findall(head))
            name = _FLAG_RE.sub("", head).strip()
            if not name:
                continue
            aliases = tuple(a for a in fields[1:] if a)
            skills.append(
                Skill(len(skills), name, category, aliases, "case" in flags, "nofuzzy" not in flags)
            )
        return cls.build(skills)

    @classmethod
    def build(cls, skills: list[Skill]) -> Taxonomy:
        tax = cls(skills)
        for skill in skills:
            tax.by_name[skill.name.casefold()] = skill
            for alias in (skill.name, *skill.aliases):
                words = [t.text for t in tokens(alias)]
                if not words:
                    continue
                tax.max_tokens = max(tax.max_tokens, len(words))
                folded_first = key_of(words[:1])
                tax._first_len[folded_first] = max(tax._first_len.get(folded_first, 0), len(words))
                if skill.case_sensitive:
                    tax.exact_case.setdefault(key_of(words, True), skill.id)
                    tax.case_folded.setdefault(key_of(words), skill.id)
                    first = key_of(words[:1], True)
                    tax._first_len_case[first] = max(tax._first_len_case.get(first, 0), len(words))
                    continue
                key = key_of(words)
                tax.exact.setdefault(key, skill.id)
                if skill.fuzzy and len(key) > 4:
                    tax._fuzzy.setdefault((key[0], len(key)), []).append((key, skill.id))
        return tax

    def skill(self, name: str) -> Skill | None:
        return self.by_name.get(name.casefold())

    def lookup(self, phrase: str) -> Skill | None:
        """The skill a phrase names exactly (canonical name or alias), if any."""
        # The name finder asks about every candidate and its words: phrases repeat (bounded).
        if phrase in self._lookup_memo:
            sid = self._lookup_memo[phrase]
        else:
            words = [t.text for t in tokens(phrase)]
            sid = None
            if words:
                sid = self.exact.get(key_of(words))
                if sid is None:
                    sid = self.exact_case.get(key_of(words, True))
            if len(self._lookup_memo) < 100_000:
                self._lookup_memo[phrase] = sid
        return self.skills[sid] if sid is not None else None

    def fuzzy_candidates(self, key: str) -> tuple[list[str], list[int]]:
        """Aliases that could be a typo of ``key``: same first letter, length within two."""
        window = (key[0], len(key))
        cached = self._windows.get(window)
        if cached is None:
            keys: list[str] = []
            sids: list[int] = []
            for length in range(len(key) - 2, len(key) + 3):
                for alias, sid in self._fuzzy.get((key[0], length), ()):
                    keys.append(alias)
                    sids.append(sid)
            cached = self._windows[window] = (keys, sids)
        return cached

    def find(self, text: str, in_skills_section=None) -> list[Hit]:
        """Every place a skill is named in ``text``.

        ``in_skills_section(offset) -> bool`` tells whether an offset lies in a
        skills or languages section, where short names need no other context.
        """
        toks = tokens(text)
        n = len(toks)
        if n == 0:
            return []
        folded = [fold(t.text) for t in toks]
        # run_end[i]: the last token of the phrase that can start at i (no line
        # break or list punctuation in between), computed once for all sizes.
        run_end = list(range(n))
        for i in range(n - 2, -1, -1):
            gap = text[toks[i].end : toks[i + 1].start]
            if len(gap) <= 3 and not gap.strip(_GAP_CHARS):  # _gap_ok, inline: once per token
                run_end[i] = run_end[i + 1]
        hits: list[Hit] = []
        taken = [False] * n
        ordinary: dict[int, Hit] = {}  # one "ordinary word" note per skill is enough
        # Exact, left to right, longest phrase first at each token: "Ruby on
        # Rails" wins over "Ruby"; only tokens that begin some alias are tried.
        first_len, first_len_case = self._first_len.get, self._first_len_case.get
        i = 0
        while i < n:
            longest = max(first_len(folded[i], 0), first_len_case(toks[i].text, 0))
            if not longest:
                i += 1  # no alias starts with this word (most words)
                continue
            size = min(longest, run_end[i] - i + 1)
            matched = 0
            while size > 0:
                key = " ".join(folded[i : i + size])
                sid = self.exact.get(key)
                if sid is None:
                    sid = self.exact_case.get(" ".join(t.text for t in toks[i : i + size]))
                    if sid is not None and not self._case_context_ok(
                        text, toks, i, size, in_skills_section
                    ):
                        self._note_ordinary(ordinary, sid, text, toks, i, size)
                        sid = None
                    elif sid is None and key in self.case_folded:
                        self._note_ordinary(ordinary, self.case_folded[key], text, toks, i, size)
                if sid is not None and not self._plausible(
                    sid, text, toks, i, size, in_skills_section
                ):
                    sid = None
                if sid is not None:
                    start, end = toks[i].start, toks[i + size - 1].end
                    flag = "negated" if _negated(text, start) else None
                    hits.append(Hit(self.skills[sid].name, start, end, text[start:end], 100, flag))
                    for j in range(i, i + size):
                        taken[j] = True
                    matched = size
                    break
                size -= 1
            i += matched or 1
        # Approximate: runs of 1-3 untaken tokens of more than four letters.
        exact_names = {h.skill for h in hits}
        memo: dict[str, tuple[int, int] | None] = {}
        # What a phrase's first and last words allow, known once per word: a run is
        # only tried when it starts with a letter and neither end is a stopword
        # ("the management" is not a typo of Time Management).
        may_start = [f[:1].isalpha() and f not in _STOPWORDS for f in folded]
        may_end = [f not in _STOPWORDS for f in folded]
        for size in (3, 2, 1):
            last = size - 1
            for i in range(n - last):
                if not (may_start[i] and may_end[i + last]) or run_end[i] < i + last:
                    continue
                if taken[i] if size == 1 else any(taken[i : i + size]):
                    continue
                key = " ".join(folded[i : i + size]) if size > 1 else folded[i]
                if len(key) <= 4:
                    continue
                if key not in memo:
                    memo[key] = self._closest(key)
                found = memo[key]
                if found is None:
                    continue
                sid, similarity = found
                name = self.skills[sid].name
                if name in exact_names:
                    continue
                start, end = toks[i].start, toks[i + size - 1].end
                for j in range(i, i + size):
                    taken[j] = True
                flag = "negated" if _negated(text, start) else None
                hits.append(Hit(name, start, end, text[start:end], similarity, flag))
        real = {h.skill for h in hits}
        hits.extend(h for h in ordinary.values() if h.skill not in real)
        hits.sort(key=lambda h: h.start)
        return hits

    def _closest(self, key: str) -> tuple[int, int] | None:
        # Words repeat across resumes: a worker remembers its answers (bounded).
        if key in self._closest_memo:
            return self._closest_memo[key]
        found = self._closest_uncached(key)
        if len(self._closest_memo) < 200_000:
            self._closest_memo[key] = found
        return found

    def _closest_uncached(self, key: str) -> tuple[int, int] | None:
        keys, sids = self.fuzzy_candidates(key)
        if not keys:
            return None
        cutoff = 88 if len(key) >= 8 else 92
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        alias = keys[best[2]]
        # One word inside the other is a different word, not a typo: "fluent"
        # is not Fluentd, "trails" is not Rails, "reacting" is not React.
        if (
            alias.startswith(key)
            or key.startswith(alias)
            or alias.endswith(key)
            or key.endswith(alias)
        ):
            return None
        return sids[best[2]], int(best[1])

    def _plausible(self, sid: int, text: str, toks, i: int, size: int, in_skills_section) -> bool:
        """Last checks on an exact match that the name alone cannot settle."""
        tok = toks[i]
        skill = self.skills[sid]
        # "Seo-yeon", "Ji-Won": a short all-caps name (SEO) inside a hyphenated given name.
        if (
            size == 1
            and len(tok.text) <= 4
            and tok.text.istitle()
            and any(a.isupper() and fold(a) == fold(tok.text) for a in (skill.name, *skill.aliases))
        ):
            before = text[tok.start - 1] if tok.start > 0 else " "
            after = text[tok.end] if tok.end < len(text) else " "
            if "-" in (before, after):
                return False
        # A language is a skill where languages are listed or spoken of, not in
        # "Italian cuisine" or "French polish".
        if skill.category.lower().startswith("spoken"):
            if in_skills_section is not None and in_skills_section(tok.start):
                return True
            line_start = text.rfind("\n", 0, tok.start) + 1
            line_end = text.find("\n", toks[i + size - 1].end)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            window = fold(line[max(0, tok.start - line_start - 50) : tok.end - line_start + 50])
            return bool(_LANGUAGE_CONTEXT.search(window))
        return True

    def _note_ordinary(
        self, notes: dict[int, Hit], sid: int, text: str, toks, i: int, size: int
    ) -> None:
        """Remember one place where a skill's name is used as an everyday word."""
        if sid in notes or len(toks[i].text) < 2:
            return
        start, end = toks[i].start, toks[i + size - 1].end
        notes[sid] = Hit(self.skills[sid].name, start, end, text[start:end], 0, "ordinary_word")

    def _case_context_ok(self, text, toks, i, size, in_skills_section) -> bool:
        """A case-sensitive name that is also an everyday word or a letter needs context."""
        if size > 1:
            return True
        tok = toks[i]
        before = text[tok.start - 1] if tok.start > 0 else " "
        after = text[tok.end] if tok.end < len(text) else " "
        if len(tok.text) <= 2:
            # "R&D", "C-level", "R. Smith", "(C)" are not skills.
            if before == "&" or after in "&-'’" or before == "-":
                return False
            if after == "." and text[tok.end + 1 : tok.end + 3].strip()[:1].isupper():
                return False
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if re.fullmatch(r"(19|20)\d\d", nxt):
            return False  # "Spring 2021", "Fall 2019"
        if in_skills_section is not None and in_skills_section(tok.start):
            return True
        line_start = text.rfind("\n", 0, tok.start) + 1
        line_end = text.find("\n", tok.end)
        line_end = len(text) if line_end < 0 else line_end
        window = text[max(line_start, tok.start - 60) : min(line_end, tok.end + 60)]
        words = {fold(w) for w in TOKEN_RE.findall(window)}
        if words & _TECH_CONTEXT:
            return True
        # In a list next to another skill: "Kafka and Go", "C, C++", "R/Python".
        if self._skill_beside(text, toks, i, -1) or self._skill_beside(text, toks, i, 1):
            return True
        # After "in/with/using" mid-sentence: "written in Go", "models in R".
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if prev in {"in", "with", "using"} and _gap_ok(text[toks[i - 1].end : tok.start]):
            return True
        if len(tok.text) <= 2:
            return False
        # A longer everyday word (Swift, Spring) needs another skill close by on its line.
        for other in toks:
            if (
                line_start <= other.start < line_end
                and other is not tok
                and abs(other.start - tok.start) <= 60
            ):
                key = fold(other.text)
                if key in self.exact and len(key) > 2:
                    return True
        return False

    def _skill_beside(self, text: str, toks, i: int, step: int) -> bool:
        """Whether the nearest word on one side, across list connectors, names a skill."""
        j = i
        while 0 <= j + step < len(toks):
            a, b = (toks[j + step], toks[j]) if step < 0 else (toks[j], toks[j + step])
            gap = text[a.end : b.start]
            if len(gap) > 4 or any(ch not in " ,/&;|·•+" for ch in gap):
                return False
            j += step
            word = toks[j].text
            if fold(word) in _CONNECTORS:
                continue
            key = fold(word)
            return (key in self.exact and len(key) > 1) or word in self.exact_case
        return False


_CONNECTORS = {"and", "or", "und", "oder", "et", "ou", "y", "o", "e"}
_STOPWORDS = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "our",
    "my",
    "your",
    "their",
    "its",
    "this",
    "that",
    "as",
    "is",
    "was",
    "be",
    "are",
    "der",
    "die",
    "das",
    "und",
    "le",
    "la",
    "les",
    "de",
    "des",
    "el",
    "los",
    "las",
    "y",
    "o",
    "e",
    "do",
    "da",
    "em",
}


_GAP_CHARS = " -/&"  # what may stand between two words of one phrase


def _gap_ok(gap: str) -> bool:
    """Whether two tokens with ``gap`` between them can belong to one phrase."""
    if len(gap) > 3:
        return False
    for ch in gap:
        if ch not in _GAP_CHARS:
            return False  # a line break, list punctuation or a full stop ends a phrase
    return True


def _negated(text: str, start: int) -> bool:
    window = text[max(0, start - 60) : start]
    for stop in ".;!?":
        cut = window.rfind(stop)
        if cut >= 0:
            window = window[cut + 1 :]
    # A line break ends the sentence only after punctuation or before a bullet;
    # otherwise it is a line wrapped inside one ("no\nexperience with X").
    lines = window.split("\n")
    kept = [lines[-1]]
    for line in reversed(lines[:-1]):
        if not line.rstrip() or line.rstrip()[-1] in ":.;!?" or kept[0].lstrip()[:1] in "•-*◦·":
            break
        kept.insert(0, line)
    return bool(_NEGATION_RE.search(" ".join(kept)))


def _read_entries(directory: Path) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for path in sorted(directory.glob("*.txt")):
        category = path.stem.replace("_", " ").replace("-", " ").capitalize()
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if line.startswith("# category:"):
                category = line.split(":", 1)[1].strip()
                continue
            if not line or line.startswith("#"):
                continue
            entries.append((category, line))
    return entries


@lru_cache(maxsize=4)
def load_taxonomy(
    directory: str | None = None, extra: tuple[tuple[str, str], ...] = ()
) -> Taxonomy:
    """The taxonomy from ``resources/skills`` (cached), plus extra (category, line) entries.

    The built taxonomy of the shipped files is also kept on disk (see
    :func:`_built`): building it takes ~0.2 s, reading it back ~0.03 s, and
    every ``shortlist`` command that ranks pays it at start.
    """
    if directory is None and not extra:
        return _built(SKILLS_DIR)
    entries = _read_entries(Path(directory) if directory else SKILLS_DIR)
    return Taxonomy.from_lines(entries + list(extra))


def _built(directory: Path) -> Taxonomy:
    """The taxonomy from a JSON copy in the user's cache folder, made when missing or stale.

    Its name carries a digest of the skills files and of this module, so an
    edited file or a new version of the code builds it again. Any problem with
    the copy (unreadable, no cache folder) falls back to building it.
    """
    import hashlib
    import json

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(directory.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        from platformdirs import user_cache_dir

        cache = (
            Path(user_cache_dir("shortlist", appauthor=False))
            / f"taxonomy-{digest.hexdigest()[:20]}.json"
        )
    except Exception:  # no cache folder on this system
        cache = None
    if cache is not None and cache.exists():
        try:
            return _thaw(json.loads(cache.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    taxonomy = Taxonomy.from_lines(_read_entries(directory))
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(_freeze(taxonomy), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cache)
            for stale in cache.parent.glob("taxonomy-*.json"):  # copies of older skills files
                if stale != cache:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass
    return taxonomy


def _freeze(tax: Taxonomy) -> dict:
    return {
        "skills": [
            [s.name, s.category, list(s.aliases), s.case_sensitive, s.fuzzy] for s in tax.skills
        ],
        "exact": tax.exact,
        "exact_case": tax.exact_case,
        "case_folded": tax.case_folded,
        "max_tokens": tax.max_tokens,
        "first_len": tax._first_len,
        "first_len_case": tax._first_len_case,
        "fuzzy": [[first, length, keys] for (first, length), keys in tax._fuzzy.items()],
    }


def _thaw(data: dict) -> Taxonomy:
    skills = [
        Skill(i, name, category, tuple(aliases), case, fuzzy)
        for i, (name, category, aliases, case, fuzzy) in enumerate(data["skills"])
    ]
    tax = Taxonomy(
        skills, data["exact"], data["exact_case"], data["case_folded"], data["max_tokens"]
    )
    tax._first_len, tax._first_len_case = data["first_len"], data["first_len_case"]
    tax._fuzzy = {
        (first, length): keys for first, length, keys in data["fuzzy"]
    }  # [key, skill id] pairs
    tax.by_name = {s.name.casefold(): s for s in skills}
    return tax
