"""Contact details: e-mail addresses, phone numbers and web links, with how sure we are of each.

What makes them hard on real resumes, and what this module does about it:

* **Narrow columns wrap them.** ``mei.miller17@exampl`` / ``e.com`` or
  ``linkedin.com/in/anna-`` / ``schmidt-4821``: :func:`rejoin_wrapped` joins a
  line that ends inside an address with the start of the next one, using the
  page's geometry where it is known (the line runs to its column's edge).
* **They hide behind links.** A PDF link annotation or a DOCX hyperlink may be
  the only place an address is (an icon, the word "LinkedIn"); its target is
  cleaned of tracking queries and redirect wrappers, and percent-encoding is
  undone. A ``mailto:`` over a line that prints another address loses to the
  printed one.
* **Referees' contacts are not the person's.** Addresses and numbers under
  References / Recommendations, or after a "Referee:" label, are left out,
  hidden targets included.
* **Numbers that are not phones.** Body text is read with libphonenumber's
  ``PhoneNumberMatcher``; digits inside e-mail addresses and URLs are masked
  first; postcodes, ID numbers and dates are refused.
* **Autocorrect damage.** Word turns ``'`` into ``’`` and ``-`` into ``–``
  inside addresses; the address is repaired and its confidence lowered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from parsing.layout import Layout, Line
from parsing.sections import (
    CONTACT,
    EDUCATION,
    EXPERIENCE,
    LANGUAGES,
    PERSONAL,
    PUBLICATIONS,
    REFERENCES,
    SKILLS,
    Section,
    heading_kind,
    section_at,
)
from parsing.text import fold


@dataclass(frozen=True)
class Found:
    """A value a finder is sure enough of to report, how sure (0..1), and why not surer."""

    value: str
    confidence: float
    why: str = ""  # what a recruiter should check, in their words ("wrapped over two lines")


# Reasons a finding deserves a second look (shown beside it as "check this: …").
WRAPPED = "wrapped over two lines"
AUTOCORRECT = "repaired autocorrect"
PIECES = "printed in pieces; its link has it whole"


# --- wrapped addresses --------------------------------------------------------------

# The last token of a line that stops inside an address, and the first token of
# the next line that completes it.
_EMAIL_OPEN = re.compile(r"(?:^|\s)([\w.+'’-]+@(?:[\w-]+\.)*[\w-]*|[\w.+'’-]*[\w.])$")
_EMAIL_REST = re.compile(
    r"^(@?[\w-]*(?:\.[\w-]+)*\.[A-Za-z]{2,24}|\.[A-Za-z]{2,24})(?=$|[\s,;|·•)])"
)
_PHONE_OPEN = re.compile(r"(?:^|[\s:])((?:\+|00|\()[\d\s()\-./]{2,16}\d)$")
_PHONE_REST = re.compile(r"^(\d[\d\s\-./]{0,14}\d)(?=$|\s)")
_HAS_DOMAIN = re.compile(r"[\w-]\.(?:[a-z]{2,6})(?:/|$)", re.IGNORECASE)
_TLD_CUT = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]?$")
_BARE_TLD = re.compile(r"^([A-Za-z]{1,24})(?=$|[\s,;|·•)])")
# The rest of a domain a line broke inside one of its labels: "mple.com", "ample.co.uk".
_DOMAIN_REST = re.compile(r"^([a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24})(?=$|[\s,;|·•)])")
_URL_OPEN = re.compile(
    r"(?:^|\s)((?:https?://|www\.|[\w-]+\.(?:com|net|org|io|dev|me|de|fr|es|pt|br|co|ch|at|nl|"
    r"eu)/)\S*)$",
    re.IGNORECASE,
)
_URL_REST = re.compile(r"^([\w\-./?=&%#~+:@]+)(?=$|\s)")
# A line that ends inside the local part of an address ("maximilian.musterm" / "ann@gmail.com"):
# browsers break a word too long for a narrow column anywhere (CSS overflow-wrap), and so do
# text boxes in Word and Canva. What may stand before the fragment on its line: nothing, an
# e-mail label or an icon.
_LOCAL_OPEN = re.compile(r"([\w.+'’-]+)$")
_LOCAL_REST = re.compile(
    r"^([\w.+'’-]*@[A-Za-z0-9](?:[\w-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})"
    r"(?=$|[\s,;|·•)])"
)
_BEFORE_LOCAL = re.compile(
    r"^(?:\W*|.*?\b(?:e-?mail|mail|correo(?:\s+electr[oó]nico)?|courriel|e-?post|adres\s+e-?mail)"
    r"\s*[:：]?\s*)$",
    re.IGNORECASE,
)
# Words a narrow column prints alone on a line that are labels, not the start of an address.
_LABEL_WORDS = frozenset(
    "e mail email e-mail correo courriel contact contacts kontakt contacto contato contatti "
    "kontaktdaten address adresse".split()
)
# The start of another address: a line beginning so is not the rest of the one above.
_ADDRESS_START = re.compile(
    r"^(?:https?://|www\.|[\w-]+\.(?:com|net|org|io|dev|me)\b)", re.IGNORECASE
)


def rejoin_wrapped(layout: Layout) -> Layout:
    """Join e-mail addresses and URLs that a narrow column wrapped onto the next line."""
    lines = list(layout.lines)
    i = 0
    while i < len(lines) - 1:
        joined = _join(lines[i], lines[i + 1], layout.geometry)
        if joined is None:
            i += 1
            continue
        first, rest = joined
        lines[i] = first
        if rest is None:
            del lines[i + 1]
        else:
            lines[i + 1] = rest
        # An address broken twice ("konstantin.alexander." / "oberhauser@out" / "look.de"):
        # its middle is whole now, so the line before may join it.
        i = max(i - 1, 0)
    return Layout(lines, layout.body_size, layout.geometry, layout.link_text)


def _join(a: Line, b: Line, geometry: bool) -> tuple[Line, Line | None] | None:
    if not a.text or not b.text:
        return None
    if geometry and (a.page != b.page or a.column != b.column):
        return None
    head, tail = a.text, b.text
    phone = _join_phone(head, tail)
    if phone is not None:
        joined = replace(
            a,
            text=head + " " + phone,
            links=tuple(dict.fromkeys(a.links + b.links)),
            joins=(*a.joins, len(head) + 1),
        )
        rest_text = tail[len(phone) :].strip()
        return joined, (replace(b, text=rest_text) if rest_text else None)
    piece = None
    m = _EMAIL_OPEN.search(head)
    rest = _EMAIL_REST.match(tail)
    tld_end = False  # the next line holds only the end of the top-level domain
    # "anna@mail.exa" / "mple.com": the line stopped inside a label of the domain, and the next
    # begins with the rest of it, ending in a top-level domain people use.
    domain_cut = False
    if m and "@" in m.group(1) and geometry and a.wraps:
        domain = m.group(1).rsplit("@", 1)[1]
        last = domain.rsplit(".", 1)[-1] if "." in domain else ""
        cont = _DOMAIN_REST.match(tail)
        domain_cut = bool(
            last
            and not _COMMON_TLD.fullmatch(last)
            and cont
            and _COMMON_TLD.fullmatch(cont.group(1).rsplit(".", 1)[-1])
        )
        rest = rest or (cont if domain_cut else None)
    if m and "@" in m.group(1) and not rest:
        if _TLD_CUT.search(m.group(1)):
            # "jane@mail.example." / "com"; "jonas@t-online.d" / "e": no top-level domain has
            # one letter, so the line stopped inside it.
            rest = _BARE_TLD.match(tail)
        elif geometry and a.wraps and _tld_continues(m.group(1), tail):
            # "anais@example.co" / "m" at a column's edge: ".co" is a domain too, but a line of
            # nothing but the letters that make it ".com" is its end.
            rest, tld_end = _BARE_TLD.match(tail), True
    if m and rest:
        fragment, continuation = m.group(1), rest.group(1)
        if "@" in fragment and not continuation.startswith("@"):
            domain = fragment.rsplit("@", 1)[1]
            # The fragment must be unfinished: no dot yet in its domain, a dangling dot or dash,
            # or the next line adds a top-level domain (".uk").
            if (
                "." not in domain
                or fragment[-1] in ".-"
                or continuation.startswith(".")
                or _TLD_CUT.search(fragment)
                or tld_end
                or domain_cut
            ):
                piece = continuation
        elif "@" not in fragment and continuation.startswith("@") and (a.wraps or not geometry):
            piece = continuation
    if piece is None:
        piece = _broken_local(a, b, geometry)
    if piece is None:
        m = _URL_OPEN.search(head)
        rest = _URL_REST.match(tail)
        if m and rest and not _ADDRESS_START.match(tail) and "@" not in rest.group(1):
            url = m.group(1)
            dangling = url[-1] in "-_/.=?&%#"
            whole = rest.group(1) == tail.strip()
            if _HAS_DOMAIN.search(url) and _HAS_DOMAIN.search(rest.group(1)):
                return None  # the next line is an address of its own ("jane.example.com")
            # Without a dangling character only the page's geometry can tell a wrap: the
            # line reaches its column's edge and the next holds nothing but the rest.
            heading = tail.strip().isupper() or heading_kind(tail) is not None
            if (
                dangling
                and not heading
                and (tail[:1].islower() or tail[:1].isdigit() or (geometry and whole))
            ):
                piece = rest.group(1)
            elif geometry and whole and tail[:1].islower():
                piece = rest.group(1)
    if piece is None:
        return None
    rest_text = tail[len(piece) :].strip()
    first = replace(
        a,
        text=head + piece,
        links=tuple(dict.fromkeys(a.links + b.links)),
        joins=(*a.joins, len(head)),
    )
    return first, (replace(b, text=rest_text) if rest_text else None)


def _tld_continues(fragment: str, tail: str) -> bool:
    """Whether ``tail`` is only the last letters of the fragment's top-level domain."""
    letters = tail.strip()
    if not (letters.isascii() and letters.isalpha() and letters.islower() and len(letters) <= 4):
        return False
    return bool(_COMMON_TLD.fullmatch(fragment.rsplit(".", 1)[-1] + letters))


def _broken_local(a: Line, b: Line, geometry: bool) -> str | None:
    """The start of line b that completes an address whose local part line a ends with.

    Sure when a ``mailto:`` link over either line spells the joined address. Otherwise
    only the page can tell: line a reaches its column's edge and holds nothing before the
    fragment but an e-mail label or an icon (a word broken because it did not fit a line
    of its own, not a sentence that happens to end before an address).
    """
    m = _LOCAL_OPEN.search(a.text)
    rest = _LOCAL_REST.match(b.text)
    if not (m and rest):
        return None
    fragment, continuation = m.group(1), rest.group(1)
    joined = (fragment + continuation).lower()
    for target in (*a.links, *b.links):
        if target.lower().startswith("mailto:"):
            if unquote(target[7:].split("?", 1)[0]).strip().lower() == joined:
                return continuation
    if not (geometry and a.wraps) or not _BEFORE_LOCAL.match(a.text[: m.start()]):
        return None
    if fold(fragment.strip(".-_")) in _LABEL_WORDS or heading_kind(a.text) is not None:
        return None
    local = continuation.split("@", 1)[0]
    if fragment.startswith("+") or not any(c.isalpha() for c in fragment):
        return None  # a phone number over the address
    if any(c.isupper() for c in fragment) and not any(c.isupper() for c in local):
        return None  # "Braunschweig", "KONTAKT" over "anna@web.de": a word, not half an address
    return continuation


def _join_phone(head: str, tail: str) -> str | None:
    """The start of ``tail`` that completes a number ``head`` ends with ("+49 (0)221" / "8727911"):
    too few digits to be a number alone, a valid international number together."""
    m = _PHONE_OPEN.search(head)
    rest = _PHONE_REST.match(tail) if m else None
    if not (m and rest):
        return None
    start, piece = m.group(1), rest.group(1)
    if not start.startswith(("+", "00")):
        return None
    # A start that is a number already is left alone, unless the next line holds nothing
    # but a short group of digits (Italian and Austrian numbers vary in length).
    alone = piece == tail.strip() and len(re.sub(r"\D", "", piece)) <= 5
    if _valid_international(start) and not alone:
        return None
    return piece if _valid_international(start + " " + piece) else None


def _valid_international(printed: str) -> bool:
    candidate = re.sub(r"^00", "+", re.sub(r"\(0\)", "", printed).strip())
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, None))
    except phonenumbers.NumberParseException:
        return False


# --- e-mail -------------------------------------------------------------------------

EMAIL_RE = re.compile(
    r"(?<![\w.+'’@-])[A-Za-z0-9][A-Za-z0-9._%+'’‘–-]{0,63}"  # the local part
    # The domain: its labels may hold any letter ("müller-bau.de"), its top level is ASCII.
    r"@[^\W_](?:(?:[^\W_]|-){0,62}[^\W_])?"
    r"(?:\.[^\W_](?:(?:[^\W_]|-){0,62}[^\W_])?)*\.[A-Za-z]{2,24}(?![\w@])"
)
# Addresses written to fool robots ("name [at] host.org", "name (at) host dot org",
# "name{at}host[punkt]de") or spaced apart by the text layer ("name @ host.de",
# "name@host. de"): the marks between the parts, in the languages we read.
_AT_MARK = r"(?:at|@|ät|arroba|chez|małpa|malpa)"
_DOT_MARK = r"(?:dot|punkt|kropka|point|punto|ponto)"
_OBFUSCATED_RE = re.compile(
    rf"(?<![\w.+@-])([A-Za-z0-9][\w.+-]{{0,63}})"
    rf"([ \t]*[\[({{<][ \t]*{_AT_MARK}[ \t]*[\])}}>][ \t]*|[ \t]*@[ \t]*)"
    rf"([A-Za-z0-9-]+(?:(?:[ \t]*[\[({{<][ \t]*{_DOT_MARK}[ \t]*[\])}}>][ \t]*|"
    rf"[ \t]*\.[ \t]*)[A-Za-z0-9-]+)+)(?![\w@])",
    re.IGNORECASE,
)
_DOT_RE = re.compile(rf"[ \t]*(?:\.|[\[({{<][ \t]*{_DOT_MARK}[ \t]*[\])}}>])[ \t]*", re.I)
# A top-level domain after a dot the text layer spaced out: only the common ones, so that
# "an info@firma. die" is not read as an address.
_COMMON_TLD = re.compile(
    r"(?:com|net|org|info|biz|edu|gov|io|dev|me|co|eu|de|at|ch|pl|cz|sk|fr|be|lu|es|it|pt|br|nl|"
    r"uk|ie|dk|se|no|fi|ru|ua|tr|gr|ro|hu|us|ca|au|in|cn|jp)"
)
# A label glued to the address it introduces ("E-Mailanna@web.de", "EMAILanna@web.de"): two
# elements of a page set without a space between them. "E-Mail" and its spellings with a
# capital E before a lower-case local part are never the start of an address; a bare "Mail"
# is, unless "E-" ends the line before it (the label broken at its hyphen).
_GLUED_LABEL = re.compile(r"^(?:E-?[Mm]ail|E-?MAIL)(?=[a-z0-9])")
_GLUED_TAIL = re.compile(r"^(?:Mail|MAIL)(?=[a-z0-9])")
_LABEL_HEAD = re.compile(r"\b[Ee]-\s*$")
# Autocorrect's typographic replacements inside an address.
_AUTOCORRECT = str.maketrans({"’": "'", "‘": "'", "–": "-"})
# A line that introduces a referee: their contacts follow on it and the next lines.
REFEREE_LABEL = re.compile(
    r"^\W*(?:referee|reference|referees|references|referenz|référence|referencia|referência|"
    r"referentie|"
    r"recommend\w*|empfehlung\w*|contact\s+person|ansprechpartner(?:in)?|kontaktperson|"
    r"personne\s+(?:de\s+contact|à\s+contacter)|persona\s+(?:de\s+contacto|di\s+(?:contatto|"
    r"riferimento))|"
    r"pessoa\s+de\s+conta(?:c)?to|contactpersoon|osoba\s+kontaktowa)\b\s*(?:\d+\s*)?[:\-–]|"
    # an agency's profile of its candidate: the consultant's own contacts, after a colon
    # ("Consultant email:", "Prepared by:"), since "Recruiter – Google" is someone's job
    r"^\W*(?:(?:recruitment|your)\s+)?(?:consultant|recruiter)(?:'s)?"
    r"(?:\s+(?:e-?mail|phone|tel\w*|mobile|name|contact|details))?\s*:|"
    r"^\W*(?:prepared|presented|submitted|represented)\s+by\s*:",
    re.IGNORECASE,
)


def referee_spans(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """Stretches of text that belong to referees: their sections, and a few labelled lines."""
    spans = [(s.start, s.end) for s in sections if s.kind == REFERENCES]
    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if REFEREE_LABEL.match(line):
            end = offset
            for nxt in lines[i : i + 4]:
                if nxt.strip() == "" and end > offset:
                    break
                end += len(nxt) + 1
            spans.append((offset, end))
        offset += len(line) + 1
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


# What ends a file's name, never an address's domain ("logo@2x.png", "icon@3x.svg") nor a
# site's ("Portfolio: works.pdf").
_FILE_SUFFIXES = frozenset(
    "pdf doc docx odt rtf txt zip rar jpg jpeg png gif svg webp bmp tif tiff ppt pptx xls xlsx "
    "css js".split()
)
_FILE_DOMAIN = re.compile(r"\.(?:" + "|".join(sorted(_FILE_SUFFIXES)) + r")$", re.IGNORECASE)


def _not_an_address(found: str, text: str, end: int) -> bool:
    """Shaped like an address but something else: a picture's name ("logo@2x.png") or a
    repository's SSH remote ("git@github.com:acme/reports.git")."""
    if _FILE_DOMAIN.search(found):
        return True
    return text[end : end + 1] == ":" and bool(re.match(r":[\w~]", text[end : end + 2]))


def find_emails(
    text: str,
    sections: list[Section],
    mailto: list[str] = (),
    layout: Layout | None = None,
    header_end: int | None = None,
) -> list[Found]:
    """The person's e-mail addresses, in order, with how sure we are of each.

    Referees' addresses are left out. So are addresses printed inside the body of
    the resume (an employer's, a supervisor's, a co-author's) when the person's
    own are in the header or a contact block: see :func:`person_emails`, which
    the caller applies once the name is known.
    """
    referees = referee_spans(text, sections)
    found: list[Found] = []
    printed_lines: set[int] = set()
    starts = layout.offsets() if layout is not None else None
    for m in EMAIL_RE.finditer(text):
        if _inside(referees, m.start()) or _not_an_address(m.group(), text, m.end()):
            continue
        local, domain = m.group().rsplit("@", 1)
        local = _unglue_label(local, text[max(0, m.start() - 4) : m.start()], mailto)
        repaired = local.translate(_AUTOCORRECT)
        confidence, why = 1.0, ""
        if repaired != local:
            confidence, why = 0.6, AUTOCORRECT  # autocorrect's damage, repaired: check it
        elif wrapped(layout, m.start(), m.end(), starts):
            confidence, why = 0.65, WRAPPED
        address = f"{repaired.strip('.')}@{domain.lower()}"
        whole = _whole_from_link(address, text, m.start(), mailto) if mailto else None
        if whole is not None:
            address, confidence, why = whole, 0.65, PIECES
        zone = _contact_zone(m.start(), text, sections, layout, header_end)
        if zone and _ROLE_ADDRESS.match(address) and header_end and m.start() >= header_end:
            zone = False  # "support@…" in a footer, "jobs@…" in the body: an organisation's
        found.append(_Email(address, confidence, why, zone))
        if layout is not None:
            printed_lines.add(layout.line_at(m.start(), starts))
    for m in _OBFUSCATED_RE.finditer(text):
        address = _deobfuscated(m)
        if address is None or _inside(referees, m.start()):
            continue
        zone = _contact_zone(m.start(), text, sections, layout, header_end)
        found.append(_Email(address, 0.8, "written as “name at host”", zone))
    hidden = _placed_targets(layout, mailto, text, sections, referees)
    # The page prints an address of theirs: a different one hidden under an icon is not what
    # they show (often the template's own mailto:, or an old address). The printed wins.
    printed_own = any(getattr(f, "in_contact", True) for f in found)
    for target, line_index in hidden:
        address = unquote(target.split(":", 1)[1].split("?", 1)[0].strip())
        if not EMAIL_RE.fullmatch(address) or any(
            address.lower() == f.value.lower() for f in found
        ):
            continue
        if line_index is not None and line_index in printed_lines:
            continue  # the line prints an address of its own: the printed one is what they show
        if line_index is None and printed_own:
            continue
        # A hidden mailto: target the page shows only as an icon (an image: no text under
        # it, so no line to tie it to) or a word.
        where = line_index is None or _contact_zone(
            starts[line_index], text, sections, layout, header_end
        )
        if printed_own:
            # The page prints an address of theirs; a different one behind a word ("Kontakt",
            # a template's credit) is theirs only if it spells their name (person_emails).
            where = False
        if line_index is None:
            found.append(_Email(address, 0.65, "only in a hidden link, not printed", where))
        else:
            found.append(_Email(address, 0.85, "", where))
    return _unique_ci(found)


def _deobfuscated(m: re.Match) -> str | None:
    """The address an obfuscated or spaced-out match spells, or None when it is not one."""
    local, at, host = m.group(1), m.group(2), m.group(3)
    if at.strip() == "@" and "@" in at and not any(c.isspace() for c in at + host):
        return None  # printed plainly: EMAIL_RE has it
    spaced_dot = re.search(r"[ \t]\.|\.[ \t]", host) is not None
    parts = _DOT_RE.split(host)
    tld = parts[-1]
    if at.strip() == "@":
        # "Developer @ acme.com" is a job at a company, not an address.
        if (
            at.startswith((" ", "\t"))
            and at.endswith((" ", "\t"))
            and local.isalpha()
            and not local.islower()
        ):
            return None
    if (spaced_dot or at.strip() == "@") and not (tld.islower() and _COMMON_TLD.fullmatch(tld)):
        return None
    address = f"{local}@{'.'.join(parts).lower()}"
    return address if EMAIL_RE.fullmatch(address) else None


def _whole_from_link(address: str, text: str, start: int, mailto: list[str]) -> str | None:
    """The address of a ``mailto:`` link when the page prints it in pieces and the printed
    address is only its end: "maximilian.muster mann@gmail.com" (a space put between two
    runs of glyphs), or a start on the line above that the wrap could not be told from."""
    low = address.lower()
    for target in mailto:
        own = unquote(target.split(":", 1)[1].split("?", 1)[0]).strip()
        if len(own) <= len(low) or not own.lower().endswith(low) or "@" not in own:
            continue
        missing = own[: len(own) - len(low)].lower()
        before = "".join(text[max(0, start - len(missing) - 6) : start].split()).lower()
        if before.endswith(missing) and EMAIL_RE.fullmatch(own):
            local, domain = own.rsplit("@", 1)
            return f"{local}@{domain.lower()}"
    return None


def _unglue_label(local: str, before: str, mailto: list[str]) -> str:
    """A local part without the e-mail label glued to its front, if one is."""
    label = _GLUED_LABEL.match(local) or (_LABEL_HEAD.search(before) and _GLUED_TAIL.match(local))
    if not label:
        return local
    glued = local.lower()
    for target in mailto:
        own = unquote(target.split(":", 1)[1]).split("@", 1)[0].strip().lower()
        if own == glued:
            return local  # the address really starts so: its link says it
    return local[label.end() :]


def wrapped(layout: Layout | None, start: int, end: int, starts: list[int] | None = None) -> bool:
    """Whether the text between two offsets was joined from two lines (a narrow column's wrap)."""
    if layout is None or not layout.lines:
        return False
    starts = starts if starts is not None else layout.offsets()
    index = layout.line_at(start, starts)
    return any(start < starts[index] + j < end for j in layout.lines[index].joins)


# Addresses of a role, not a person: outside the header they are an employer's or a CV site's.
_ROLE_ADDRESS = re.compile(
    r"^(?:info|support|help|contact|kontakt|hello|hallo|office|admin|team|sales|service|jobs|"
    r"careers?|karriere|hr|recruiting|bewerbung|noreply|no-reply|donotreply|webmaster|privacy|"
    r"datenschutz|press|presse|billing|feedback|mail|post|secretariat|sekretariat|"
    # a firm's front desk in the languages we read
    r"biuro|recepcja|rezerwacje?|kancelaria|zentrale|empfang|reception|booking|reservations?|"
    r"contatti|segreteria|amministrazione|geral|atendimento|contacto|accueil|receptie)@",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Email(Found):
    in_contact: bool = True  # printed where people put their own contact details


def person_emails(found: list[Found], name: str | None) -> list[Found]:
    """The addresses that are the person's: those in the header or a contact block, and those
    elsewhere that spell their name; when the resume has none of either, its first address."""
    parts = [p for p in re.split(r"[\s\-'’.]+", fold(name or "")) if len(p) > 2]
    own = [f for f in found if getattr(f, "in_contact", True) or _spells(f.value, parts)]
    if not own and found:
        own = [found[0]]
    return [Found(f.value, f.confidence, f.why) for f in own]


def _spells(address: str, parts: list[str]) -> bool:
    local = fold(address.split("@", 1)[0])
    return any(p in local for p in parts)


def _contact_zone(
    offset: int, text: str, sections: list[Section], layout: Layout | None, header_end: int | None
) -> bool:
    """Whether an offset is where people print their own contact details: the header, a contact
    or personal block, a line with a phone or a profile link, a sidebar, the page's head or foot."""
    if header_end is None or offset < header_end:
        return True
    section = section_at(sections, offset)
    if section is None or section.kind in (CONTACT, PERSONAL):
        return True
    line = _line_at(text, offset)
    if _PROFILE.search(line) or PHONE_LABEL.search(line.split("@")[0][-30:] + " "):
        return True
    if layout is not None:
        facts = layout.lines[layout.line_at(offset)]
        if facts.top >= 0 and (
            facts.top < 0.06 or facts.top > 0.93 or (facts.page == 0 and facts.top < 0.2)
        ):
            return True
    return False


def _placed_targets(
    layout: Layout | None,
    targets: list[str],
    text: str,
    sections: list[Section],
    referees: list[tuple[int, int]],
) -> list[tuple[str, int | None]]:
    """Targets with the index of the line they sit on (None: not tied to one); referees' dropped."""
    placed: dict[str, int | None] = dict.fromkeys(targets)
    if layout is not None:
        starts = layout.offsets()
        for index, line in enumerate(layout.lines):
            for target in line.links:
                if target in placed and placed[target] is None:
                    placed[target] = index
        out = []
        for target, index in placed.items():
            if index is not None and _inside(referees, starts[index]):
                continue
            out.append((target, index))
        return out
    return list(placed.items())


def _unique_ci(items: list[Found]) -> list[Found]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.value.lower() not in seen:
            seen.add(item.value.lower())
            out.append(item)
    return out


# --- phones -------------------------------------------------------------------------

# A run that may be a phone number: an optional +, (, then digits with the
# separators people use; masked digits (xxx, ***) at the end are kept, since a
# masked number is still what the page says.
_PHONE_RUN = re.compile(
    r"(?<![\w+/.,=-])(?:\+|\(\+?|00)?\d[\d \-.()/]{3,24}[\d)]"
    r"(?:[ \-.]?[xX*]{1,4}(?![\dxX*]*\d)){0,4}"
)
PHONE_LABEL = re.compile(
    r"(?:\b(?:tel|tél|phone|mobile?|mob|cell|handy|telefon[eo]?|téléphone|teléfono|telefone|"
    r"telemóvel|"
    r"telefoon|celular|movil|móvil|portable|fon|whatsapp|contact|ph|gsm|telephone|mobil|cellulare|"
    r"телефон|тел)\b\.?\s*(?:[:：]|number|nr\.?|no\.?)?\s*:?|[☎📞📱✆])\s*$",
    re.IGNORECASE,
)
_DATE_LIKE = [
    re.compile(r"^(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)$"),  # 2012 - 2016, 2012/13
    re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d$"),  # 01.01.1980, 3/4/21
    re.compile(r"^(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}$"),  # 2021-03-04
    re.compile(
        r"^\d{1,2}\s*[/.]\s*(?:19|20)\d\d(?:\s*[-–]\s*\d{1,2}\s*[/.]\s*(?:19|20)\d\d)?$"
    ),  # 08/2015 - 05/2019, 07.2017 – 03.2018
    re.compile(
        r"^(?:19|20)\d\d\s*/\s*\d{1,2}(?:\s*[-–]\s*(?:19|20)\d\d\s*/\s*\d{1,2})?$"
    ),  # 2015 / 07
    re.compile(
        r"^\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\s*[-–]\s*\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d$"
    ),
]
_NOT_PHONE_SHAPES = [
    re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"),  # ORCID
    re.compile(r"^\d{5}-\d{3}$"),  # Brazilian CEP postcode
    re.compile(r"^\d{4}-\d{3}$"),  # Portuguese postcode
    re.compile(r"^\d{3}\.\d{3}\.\d{3}-\d{2}$"),  # Brazilian CPF
    re.compile(r"^\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}$"),  # Brazilian CNPJ
]
# Words before a number that make it an identifier, a postcode or an amount.
_ID_LABEL = re.compile(
    r"\b(?:gpa|id|no|nr|nº|n°|pmid|pmcid|arxiv|iban|bic|swift|isbn|issn|doi|ref|cpf|rg|cnpj|nif|"
    r"nie|dni|nss|ssn|pesel|"
    r"nip|regon|matrikel\w*|student\s*(?:id|number|no)|passport\w*|passaporte|pasaporte|reisepass|"
    r"licen[cs]e|"
    r"vat|ust-?id\w*|steuer\w*|tin|pan|aadhaar|cep|zip|postcode|post code|plz|"
    r"código postal|codigo postal|"
    r"cp|c\.p\.|bp|p\.?o\.? box|box|apartado|caixa postal|cx\.? postal|inscri\w*|registro|register|"
    r"reg\.?|certificate|certificado|credential|lot|serial|order|invoice|account|konto|"
    r"conta|pwz|zawodu(?:\s+[^\W\d_]+)?|c[ée]dula(?:\s+profesional)?|colegiad[oa]|matr[íi]cula|"
    # registers, social security, tax and licence numbers of the countries we read; the
    # acronyms that are also words ("ein", "nas", "big") only in capitals
    r"(?-i:KRS|LANR|SIRET|SIREN|RPPS|NAS|BSN|BIG|KvK|KVK|CNH|PIS|NISS|CUIL|CUIT|UAN|EIN)|"
    # Latin American identity and tax numbers: Colombia's "C.C. 1.036.642.118", Chile's RUT
    r"c\.\s?c|c\.\s?i|t\.\s?i|(?-i:CC|RUT|RUN|CURP|RFC|NIT|DPI)|"
    r"big-registratie|sozialversicherungs\w*|s[ée]curit[ée]\s+sociale|p\.?\s?iva|partita\s+iva|"
    r"ondernemingsnummer|rijbewijs\w*|cart[ãa]o\s+de\s+cidad[ãa]o(?:\s+n\.?[ºo°]?)?|"
    r"grant(?:\s+n\.?)?|"
    # Brazilian professional councils' registrations: "CREA-SP 5061234567", "OAB/RJ 123456"
    r"(?:crea|cau|crm|oab|coren|crc|crp|cro|crf|crn|crmv|crefito)(?:[-/ ]?[a-z]{2})?)"
    r"\.?\s*[:#]?\s*$",
    re.IGNORECASE,
)
# A German-style area code before a slash: "089/51168102", "(0 30) / 123 45 67".
_AREA_SLASH = re.compile(r"\(?0\d[\d ]{0,4}\)?\s?/\s?\d[\d\s-]{3,}")
_PROFILE = re.compile(r"\b(?:linkedin|github|xing)\.com/|\bwww\.|https?://", re.IGNORECASE)
_POSTCODES = (re.compile(r"\d{5}-\d{3}"), re.compile(r"\d{4}-\d{3}"))  # Brazil (CEP), Portugal
# "06·12·34·56·78": dots inside a number. With spaces around, a dot separates items.
_SEPARATOR_DOT = re.compile(r"(?<=\d)()[·•∙]()(?=\d)")
_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)
# A spaced dash or slash after a whole number starts something else: "628-578-8552 – 74 Cedar
# Lane", "915 678 123 / 620 456 789".
_SPACED_BREAK = re.compile(r"\s[-–—/]\s")
# A bank account: "NL91 ABNA 0417 1643 00", "PL61 1090 1014 0000 0712 1981 2874".
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
# An amount's unit after it: "12 400 000 zł", "1.200.000 €", "120 000 000 EUR".
_CURRENCY_AFTER = re.compile(
    r"[ \t\u00a0]?(?:%|€|\$|£|zł|pln|eur|euro|usd|chf|gbp|brl|r\$|złotych|mln|mio|tys)(?!\w)",
    re.IGNORECASE,
)
# Sections whose numbers are never the person's: a referee's, a citation's pages and volume.
_NOT_THEIRS = (REFERENCES, PUBLICATIONS)
# A line that cites a paper ("Galli M. et al., Phys. Rev. Lett. 124, 121801 (2020)").
_CITATION = re.compile(r"\bet\s+al\.|\bvol\.\s*\d|\bpp\.\s*\d", re.IGNORECASE)
# "Fax:" before a number: a machine, not where the person answers.
# "Tel./Fax:" is a number for both, theirs.
_FAX = re.compile(r"(?<![/&]\s)(?<![/&])\bfax\b\.?\s*[:：]?\s*$", re.IGNORECASE)
# A US state's code before a ZIP+4 code: "Chicago, IL 60614-1234".
_ZIP4 = re.compile(r"\b[A-Z]{2}\s*$")
_URL_MASK_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)


@dataclass(frozen=True)
class Phone:
    printed: str
    e164: str | None
    confidence: float = 1.0
    why: str = ""

    @property
    def value(self) -> str:
        return self.e164 or self.printed


def _is_date_like(run: str) -> bool:
    compact = run.strip().strip("()").strip()
    return any(p.match(compact) for p in _DATE_LIKE)


def phone_scan_text(text: str) -> str:
    """The text as the phone finder reads it (same length): dashes plain, dots between digits as
    dashes, and e-mail addresses and URLs blanked so their digits are not read as numbers."""
    scan = text.translate(_DASHES)
    scan = _SEPARATOR_DOT.sub(lambda m: m.group(1) + "-" + m.group(2), scan)
    blank = lambda m: " " * len(m.group())  # noqa: E731 - a one-line mask
    scan = EMAIL_RE.sub(blank, scan)
    scan = _URL_MASK_RE.sub(blank, scan)
    scan = _IBAN.sub(blank, scan)
    return scan


def find_phones(
    text: str,
    sections: list[Section],
    region: str | None,
    tel_links: list[str] = (),
    header_end: int = 0,
    layout: Layout | None = None,
) -> list[Phone]:
    """Phone numbers, normalised to E.164 where the country is known.

    Near the top of the resume, in a contact section, on a line with an e-mail
    address, or after a phone label, any run of 7-15 digits that is not a date,
    a postcode or an identifier counts: that is where people put their number.
    Elsewhere libphonenumber's matcher must find a valid number, printed with a
    country code or area-code parentheses, so "12,000 units", years and
    postcodes never become phones.
    """
    scan = phone_scan_text(text)
    referees = referee_spans(text, sections)
    phones: list[Phone] = []
    taken: list[tuple[int, int]] = []
    at_work: list[bool] = []  # printed under a job or a school: an employer's switchboard
    pos = 0
    while (m := _PHONE_RUN.search(scan, pos)) is not None:
        pos = m.end()
        first = _SPACED_BREAK.split(m.group())[0]
        if len(first) < len(m.group()) and len(re.sub(r"\D", "", first)) >= 7:
            # "379 450 4152 – 02 2458 0559", "915 678 123 / 620 456 789": read on after the first
            pos = m.start() + len(first)
        if _inside(referees, m.start()):
            continue
        run = _trim_run(m.group())
        if run is None or not _plausible_run(run):
            continue
        before = scan[scan.rfind("\n", 0, m.start()) + 1 : m.start()]
        after = scan[m.end() : m.end() + 2]
        if (
            _CURRENCY_AFTER.match(scan, m.end())
            # "2603456P", "12345678Z": a capital glued on ends an identifier, not a number
            or re.match(r"[A-Z](?:\s|$|[,.;)])", after or " ")
            # "RN #041-123456": a number after a word and "#"; an icon font's "#" alone before
            # a number on its line is a glyph
            or re.search(r"[$€£]\s*$|\w\s*#\s*$", before)
            # "Passport No.: …" names an identifier, "Mobile No.: …" a number
            or (_ID_LABEL.search(before) and not PHONE_LABEL.search(before[-28:]))
            or _FAX.search(before[-12:])
            or (re.fullmatch(r"\d{5}-\d{4}", run) and _ZIP4.search(before))
        ):
            continue
        section = section_at(sections, m.start())
        if _never_theirs(section, text, m.start()):
            continue
        labelled = bool(PHONE_LABEL.search(before[-28:]))
        line = _line_at(text, m.start())
        in_contact = (
            m.start() < header_end
            or (section is not None and section.kind in (CONTACT, PERSONAL))
            # a contact line anywhere (a footer, a sidebar, a banner's row of icons)
            or EMAIL_RE.search(line) is not None
            or _PROFILE.search(line) is not None
            # their street address on the same line, outside jobs and schools
            or (
                _POSTAL.search(line) is not None
                and (section is None or section.kind not in (EXPERIENCE, EDUCATION))
            )
            # a number alone on its line (an icon's glyph before it at most) in a block of
            # contact details, or in a sidebar's section a banner's second row falls into
            or (
                not re.search(r"[^\W\d_]{2}", line)
                and (
                    section is None
                    or section.kind in (SKILLS, LANGUAGES)
                    or any(
                        EMAIL_RE.search(other) or _PROFILE.search(other)
                        for other in _neighbours(text, m.start())
                    )
                )
            )
        )
        if "/" in run and not labelled and not (in_contact and _AREA_SLASH.fullmatch(run)):
            continue
        if not (labelled or in_contact):
            continue  # the body is the matcher's
        e164 = _e164(run, region)
        valid = _valid(e164)
        confidence, why = (0.95, "") if valid else (0.8, "") if labelled else (0.6, _NOT_VALID)
        if wrapped(layout, m.start(), m.end()):
            confidence, why = min(confidence, 0.65), WRAPPED
        if (
            e164 is None
            and not re.search(r"[xX*]", run)
            and not labelled
            and len(re.sub(r"\D", "", run)) < 8
        ):
            continue  # a short number nobody labelled and no country can read
        phones.append(Phone(run, e164, confidence, why))
        taken.append((m.start(), m.end()))
        at_work.append(_at_work(section))
    # The body: numbers libphonenumber finds valid, printed the way phone numbers are
    # (a country code, area-code parentheses, a label). Only lines that have such a
    # sign are handed to the matcher: most lines of a resume hold no number at all.
    for start, line in _lines_with_offsets(scan):
        if not _PHONE_SIGN.search(line):
            continue
        for match in PhoneNumberMatcher(line, region or "ZZ", leniency=Leniency.VALID):
            a0, b0 = start + match.start, start + match.end
            if any(a <= a0 < b or a < b0 <= b for a, b in taken) or _inside(referees, a0):
                continue
            raw = match.raw_string.strip()
            before = line[: match.start]
            if _ID_LABEL.search(before) or not _plausible_run(raw):
                continue
            labelled = bool(PHONE_LABEL.search(before[-28:]))
            if not (labelled or raw.startswith(("+", "(", "00"))) or _FAX.search(before[-12:]):
                continue
            section = section_at(sections, a0)
            if _never_theirs(section, text, a0):
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            phones.append(Phone(text[a0:b0].strip(), e164, 0.85))
            at_work.append(_at_work(section))
    if not all(at_work):
        # Their own number is printed in the header or a contact block: a number under a
        # job ("Siemens AG, Tel. 089 636-00") or a school is the employer's, not theirs.
        phones = [p for p, work in zip(phones, at_work, strict=True) if not work]
    for target in tel_links:
        number = unquote(target.split(":", 1)[1]).strip()
        e164 = _e164(number, region)
        if e164 and not any(p.e164 == e164 for p in phones):
            phones.append(Phone(number, e164, 0.9))
    unique: dict[str, Phone] = {}
    for phone in phones:
        unique.setdefault(phone.e164 or re.sub(r"\D", "", phone.printed), phone)
    # A number printed nationally and found again with its country code (a tel: link) is one.
    out: list[Phone] = []
    for phone in sorted(unique.values(), key=lambda p: p.e164 is None):
        tail = re.sub(r"\D", "", phone.printed if phone.e164 is None else phone.e164)[-8:]
        if phone.e164 is None and any(re.sub(r"\D", "", p.e164 or "")[-8:] == tail for p in out):
            continue
        out.append(phone)
    order = {id(p): i for i, p in enumerate(unique.values())}
    return sorted(out, key=lambda p: order[id(p)])


_NOT_VALID = "not a valid number for its country"
_PHONE_SIGN = re.compile(r"[+(]\s*\d|\b00\d|tel|phone|mob|cell|fon|☎|📞|📱", re.IGNORECASE)


def _never_theirs(section: Section | None, text: str, offset: int) -> bool:
    """A number under References or Publications, or on a line that cites a paper."""
    if section is not None and section.kind in _NOT_THEIRS:
        return True
    return _CITATION.search(_line_at(text, offset)) is not None


def _at_work(section: Section | None) -> bool:
    """Printed under a job or a school: an employer's number unless nothing else is theirs."""
    return section is not None and section.kind in (EXPERIENCE, EDUCATION)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _trim_run(raw: str) -> str | None:
    # "628-578-8552 – 74 Cedar Lane": a spaced dash after a whole number starts something else;
    # so does a spaced slash ("915 678 123 / 620 456 789": two numbers).
    parts = _SPACED_BREAK.split(raw)
    if len(parts) > 1 and len(re.sub(r"\D", "", parts[0])) >= 7:
        raw = parts[0]
    run = raw.strip(" -.(/")
    if raw.startswith("(") and not run.startswith("("):
        run = "(" + run
    if run.count("(") != run.count(")"):
        run = run.replace("(", "").replace(")", "") if not run.startswith("(") else run
        if run.count("(") != run.count(")"):
            run = run.rstrip(")") if run.count(")") > run.count("(") else run
    return run or None


def _plausible_run(run: str) -> bool:
    digits = re.sub(r"\D", "", run)
    masked = len(re.findall(r"[xX*]", run))
    if not 7 <= len(digits) + masked <= 15 or len(digits) < (5 if masked else 6):
        return False
    if _is_date_like(run) or any(p.match(run) for p in _NOT_PHONE_SHAPES):
        return False
    # "78 – 31907-647": a house number and a postcode, an address.
    if any(p.fullmatch(part) for part in re.split(r"\s[-–—]\s|\s", run) for p in _POSTCODES):
        return False
    # "Via Garibaldi 22 – 00185 Roma": a house number, a dash, a postcode.
    if re.fullmatch(r"[1-9]\d{0,3}[a-z]?\s[-–—]\s\d{4,5}", run):
        return False
    # Decimal numbers ("3.66", "9.15/10.0") are scores, not phones.
    if re.search(r"\d\.\d{1,2}(?:\D|$)", run) and not re.fullmatch(r"[\d.\s+()]+", run):
        return False
    return True


def _valid(e164: str | None) -> bool:
    if not e164:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return False


# A house number, then a postcode and a town: "Via Roma 70, 10157 Torino", "ul. Długa 5/3,
# 31-147 Kraków", "Stationsweg 199, 3531 ZX Utrecht".
_POSTAL = re.compile(
    r"\b\d{1,4}[a-z]?(?:/\d{1,4})?,\s*(?:\d{2}-\d{3}|\d{4,5}(?:-\d{3})?|\d{4}\s?[A-Z]{2})\s+[^\W\d_]"
)


def _neighbours(text: str, pos: int) -> tuple[str, str]:
    """The lines before and after the line at ``pos`` ("" at either end of the text)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    before = _line_at(text, start - 1) if start > 0 else ""
    after = _line_at(text, end + 1) if end >= 0 else ""
    return before, after


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def _e164(run: str, region: str | None) -> str | None:
    if re.search(r"[xX*]", run):
        return None  # masked on purpose: do not invent digits
    candidate = re.sub(r"^\(\+(\d+)\)", r"+\1", run.strip())
    candidate = re.sub(r"^00(?=[1-9])", "+", candidate)
    # "+48 (0) 601 …": the trunk zero people print by habit is never dialled after a country
    # code, and countries without one (Poland, Spain, Italy…) would keep it as a digit.
    candidate = re.sub(r"^(\+\d{1,3})[\s.\-]*\(0\)\s*", r"\1 ", candidate)
    try:
        number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- links --------------------------------------------------------------------------

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'|,;()\[\]{}]+", re.IGNORECASE)
KNOWN_SITE_RE = re.compile(
    r"(?<![\w@.])((?:[a-z]{2,3}\.)?(?:linkedin\.com/(?:in|pub|company)/[\w\-%.]+|"
    r"github\.com/[\w\-.]+(?:/[\w\-.]+)?"
    r"|gitlab\.com/[\w\-.]+|bitbucket\.org/[\w\-.]+(?:/[\w\-.]+)?|stackoverflow\.com/users/[\w\-/]+"
    r"|twitter\.com/[\w]+|x\.com/@?[\w]+|behance\.net/[\w\-]+|dribbble\.com/[\w\-]+"
    r"|medium\.com/@?[\w\-.]+|orcid\.org/[\d\-X]+|kaggle\.com/[\w\-]+|xing\.com/profile/[\w\-]+"
    r"|scholar\.google\.[a-z.]+/[\w?=&\-.]+|codepen\.io/[\w\-]+|huggingface\.co/[\w\-]+"
    r"|researchgate\.net/profile/[\w\-]+|instagram\.com/[\w.]+|facebook\.com/[\w.\-]+"
    r"|youtube\.com/(?:@|c/|channel/|user/)[\w\-]+|youtu\.be/[\w\-]+|t\.me/[\w]+|vk\.com/[\w.]+"
    r"|dev\.to/[\w]+|leetcode\.com/(?:u/)?[\w\-]+|hackerrank\.com/(?:profile/)?[\w\-]+"
    r"|codeforces\.com/profile/[\w\-]+|npmjs\.com/(?:~|package/)[\w\-]+|pypi\.org/user/[\w\-]+"
    r"|about\.me/[\w\-]+|linktr\.ee/[\w.\-]+|artstation\.com/[\w\-]+|gitee\.com/[\w\-]+"
    r"|habr\.com/(?:ru/)?users/[\w\-]+|hh\.ru/resume/[\w]+|osf\.io/[\w]+|git\.sr\.ht/~[\w\-]+"
    r"|sourceforge\.net/u/[\w\-]+|figma\.com/@[\w\-]+|vimeo\.com/[\w]+|soundcloud\.com/[\w\-]+))",
    re.IGNORECASE,
)
URL_RE = _URL_RE
# A bare domain ("jankuester.com") counts only in the header or after a label.
_BARE_DOMAIN_RE = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|dev|me|de|fr|es|pt|br|"
    r"uk|co|ch|at|nl|eu|info|app|tech|site|online|page|xyz|ai|it|pl|ru|tr|cn|ca|au|"
    r"in)(?:/[\w\-./~%?=&#@+:]*)?)(?![\w@])",
    re.IGNORECASE,
)
# A site's label with its colon, and after it any top-level domain ("Web: annanowak.design").
_SITE_LABELS = (
    "website|web|site|homepage|home page|blog|portfolio|webseite|sitio web|página|site web|"
    "sítio|homepagina|strona"
)
_LINK_LABEL_LEAD = re.compile(rf"\b(?:{_SITE_LABELS}|strona www|www)\s*:", re.IGNORECASE)
_LABELLED_DOMAIN_RE = re.compile(
    r"^\s*((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,18}(?:/[\w\-./~%?=&#@+:]*)?)(?![\w@])",
    re.IGNORECASE,
)
_LINK_LABEL_RE = re.compile(rf"\b({_SITE_LABELS}|url)\s*:?\s*$", re.IGNORECASE)
# Handles behind an icon or a label: "GITHUB-SQUARE posquit0", "Github:// deedydas",
# "LinkedIn: jane-doe", "github: handle".
_HANDLE_RE = re.compile(
    r"\b(github|gitlab|linkedin|twitter|stackoverflow|telegram|instagram|behance|dribbble|medium|"
    r"kaggle|"
    r"leetcode|xing|researchgate|facebook|youtube|codepen|bitbucket)(?:-square|-alt)?\s*(?::\s*//|"
    r":)?\s+@?"
    r"(?:/?in/)?([A-Za-z0-9][\w\-.]{1,38})\b",
    re.IGNORECASE,
)
_HANDLE_URL = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "twitter": "https://twitter.com/{}",
    "telegram": "https://t.me/{}",
    "instagram": "https://www.instagram.com/{}",
    "behance": "https://www.behance.net/{}",
    "dribbble": "https://dribbble.com/{}",
    "medium": "https://medium.com/@{}",
    "kaggle": "https://www.kaggle.com/{}",
    "leetcode": "https://leetcode.com/{}",
    "xing": "https://www.xing.com/profile/{}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "facebook": "https://www.facebook.com/{}",
    "youtube": "https://www.youtube.com/@{}",
    "codepen": "https://codepen.io/{}",
    "bitbucket": "https://bitbucket.org/{}",
}
# An ORCID iD printed bare beside its icon, and a fediverse handle (@name@server.social).
_ORCID_ID = re.compile(r"(?<![\d-])(\d{4}-\d{4}-\d{4}-\d{3}[\dX])(?![\d-])")
_FEDIVERSE = re.compile(
    r"(?<![\w.])@([A-Za-z0-9_]{1,30})@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE
)
_NOT_DOMAINS = {
    "node.js",
    "vue.js",
    "next.js",
    "nuxt.js",
    "react.js",
    "asp.net",
    "ado.net",
    "vb.net",
    "socket.io",
    "express.js",
    "d3.js",
    "three.js",
    "chart.js",
    "ember.js",
    "backbone.js",
}
# Query parameters that only track who clicked: dropped from every link.
_TRACKING = re.compile(
    r"^(?:utm_\w+|lipi|trk|trkinfo|trackingid|originalsubdomain|fbclid|gclid|dclid|msclkid|"
    r"mc_[ce]id|"
    r"igshid|si|ref|ref_src|ref_url|src|source|share|_hs\w+|mkt_tok|yclid|s|t|"
    # a session's sign-in and way back (LinkedIn's old "Save to PDF": profile/view?id=…&authToken=)
    r"authtype|authtoken|goback)$",
    re.IGNORECASE,
)
# Hosts whose links are wrappers around another link in a query parameter.
_REDIRECTS = (
    (re.compile(r"(?:^|\.)europass\.(?:europa\.eu|cedefop\.europa\.eu)$"), ("url", "u", "target")),
    (re.compile(r"(?:^|\.)google\.[a-z.]+$"), ("q", "url")),
    (re.compile(r"(?:^|\.)linkedin\.com$"), ("url",)),
    (re.compile(r"^l\.facebook\.com$|^lm\.facebook\.com$"), ("u",)),
    (re.compile(r"safelinks\.protection\.outlook\.com$"), ("url",)),
    (re.compile(r"(?:^|\.)youtube\.com$"), ("q",)),
)


def clean_target(url: str) -> str:
    """A link target as meant: redirect wrappers unwrapped, tracking dropped, %-codes undone."""
    url = url.strip()
    for _ in range(3):  # a wrapper may wrap a wrapper
        unwrapped = _unwrap(url)
        if unwrapped == url:
            break
        url = unwrapped
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.query:
        kept = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
        if "linkedin.com" in parts.netloc.lower() and parts.path.lower().startswith(
            ("/in/", "/pub/")
        ):
            kept = []  # a profile needs no query at all
        parts = parts._replace(query=urlencode(kept, safe="/:@") if kept else "")
    path = unquote(parts.path)
    url = urlunsplit(parts._replace(path=path, fragment=parts.fragment))
    return url


def _unwrap(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    for pattern, keys in _REDIRECTS:
        if pattern.search(host):
            params = dict(parse_qsl(parts.query))
            for key in keys:
                inner = params.get(key, "")
                if re.match(r"^(?:https?://|www\.)", inner, re.IGNORECASE):
                    return inner
    return url


def normalise_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    return clean_target(url)


def find_links(
    text: str,
    targets: list[str],
    header_end: int,
    sections: list[Section],
    layout: Layout | None = None,
) -> list[Found]:
    """Web links: visible URLs, profile paths, labelled or header domains, handles, targets."""
    found: list[Found] = []
    emails_spans = [(m.start(), m.end()) for m in EMAIL_RE.finditer(text)]
    referees = referee_spans(text, sections)

    def inside_email(pos: int) -> bool:
        return any(a <= pos < b for a, b in emails_spans)

    starts = layout.offsets() if layout is not None else None

    def printed(url: str, start: int, end: int) -> Found:
        if wrapped(layout, start, end, starts):
            return Found(normalise_url(url), 0.65, WRAPPED)
        return Found(normalise_url(url), 1.0)

    for m in _URL_RE.finditer(text):
        if not inside_email(m.start()) and not _inside(referees, m.start()):
            found.append(printed(m.group(), m.start(), m.end()))
    for m in KNOWN_SITE_RE.finditer(text):
        if not inside_email(m.start()) and not _inside(referees, m.start()):
            found.append(printed(m.group(1), m.start(1), m.end(1)))
    for m in _BARE_DOMAIN_RE.finditer(text):
        if (
            inside_email(m.start())
            or m.group(1).lower() in _NOT_DOMAINS
            or _inside(referees, m.start())
        ):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        section = section_at(sections, m.start())
        labelled = bool(_LINK_LABEL_RE.search(text[line_start : m.start()]))
        in_contact = (
            m.start() < header_end
            or (section is not None and section.kind == CONTACT)
            or EMAIL_RE.search(_line_at(text, m.start())) is not None
        )
        if labelled or in_contact:
            found.append(Found(normalise_url(m.group(1)), 0.8))
    for m in _LINK_LABEL_LEAD.finditer(text):
        line_end = text.find("\n", m.end())
        rest = text[m.end() : line_end if line_end >= 0 else len(text)]
        domain = _LABELLED_DOMAIN_RE.match(rest)
        if domain and not _inside(referees, m.start()) and not inside_email(m.end()):
            name = domain.group(1)
            tld = name.split("/", 1)[0].rsplit(".", 1)[-1].lower()
            if (
                name.lower() not in _NOT_DOMAINS
                and tld not in _FILE_SUFFIXES
                and not EMAIL_RE.search(rest[: domain.end() + 1])
            ):
                found.append(Found(normalise_url(name), 0.8))
    for m in _HANDLE_RE.finditer(text):
        site, handle = m.group(1).lower(), m.group(2).rstrip(".")
        if site in _HANDLE_URL and (
            m.start() < header_end or _in_kind(sections, m.start(), CONTACT)
        ):
            if "." in handle and site != "linkedin":
                continue  # "github: github.com/x" is caught above
            if handle.lower() in _NOT_HANDLES:
                continue  # "my GitHub and sr.ht accounts": prose, not a handle
            if "\n" in m.group(0) and (
                _line_at(text, m.start(2)).strip() != handle or heading_kind(handle) is not None
            ):
                continue  # "LinkedIn" ending a line, a heading under it: no handle there
            found.append(Found(_HANDLE_URL[site].format(handle), 0.75, _FROM_HANDLE))
    for m in _ORCID_ID.finditer(text):
        if _contact_zone(m.start(), text, sections, layout, header_end) and not _inside(
            referees, m.start()
        ):
            found.append(Found(f"https://orcid.org/{m.group(1)}", 0.8))
    for m in _FEDIVERSE.finditer(text):
        if m.start() < header_end or _in_kind(sections, m.start(), CONTACT):
            found.append(Found(f"https://{m.group(2).lower()}/@{m.group(1)}", 0.75, _FROM_HANDLE))
    for target, _index in _placed_targets(layout, list(targets), text, sections, referees):
        if re.match(r"^(https?://|www\.)", target, re.IGNORECASE):
            found.append(Found(normalise_url(target), 0.9))
    return _unique_links(found)


# Words prose puts after a site's name ("on GitHub and", "LinkedIn profile"): never a handle.
_NOT_HANDLES = frozenset(
    "and or the at on in to for of with by is was my me our your his her their this that here "
    "profile page account accounts link links repository repositories repo und oder et ou y o e i "
    "und mit auf le la les de du des el los las da do".split()
)
# A link built from a handle printed beside an icon or a label ("github: jdoe").
_FROM_HANDLE = "built from a handle beside an icon"


def _in_kind(sections: list[Section], offset: int, kind: str) -> bool:
    section = section_at(sections, offset)
    return section is not None and section.kind == kind


def link_key(url: str) -> str:
    key = re.sub(r"^[a-z]+://", "", url.lower())
    key = re.sub(r"^www\.", "", key)
    return key.rstrip("/")


def _unique_links(links: list[Found]) -> list[Found]:
    by_key: dict[str, Found] = {}
    for link in links:
        key = link_key(link.value)
        if len(key) < 4 or "." not in key:
            continue
        known = by_key.get(key)
        # Prefer the https form of the same address, and the surer finding.
        if known is None:
            by_key[key] = link
        else:
            value = (
                link.value
                if link.value.startswith("https") and not known.value.startswith("https")
                else known.value
            )
            surer = known if known.confidence >= link.confidence else link
            by_key[key] = Found(value, surer.confidence, surer.why)
    # A visible piece of a link that a column wrapped ("linkedin.com/in/anna-") is
    # part of a longer link found whole (its hidden target, or the joined text).
    keys = list(by_key)
    for key in keys:
        if any(
            (other != key and other.startswith(key) and len(key) >= 10 and key[-1] in "-_/.=?&")
            or (other != key and other.startswith(key) and _is_cut(key, other))
            for other in keys
        ):
            by_key.pop(key, None)
    return list(by_key.values())


def _is_cut(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` cut inside its last path segment (a wrapped profile link)."""
    if "/" not in short or len(short) < 12:
        return False
    rest = long[len(short) :]
    return bool(rest) and "/" not in rest and not rest.startswith(("?", "#"))
