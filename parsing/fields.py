"""Fields a recruiter needs from a resume's text: contact details, name, years…

Every function takes the cleaned text (and where useful the sections) and
returns what it is sure of; a field it cannot find is None or empty, never a
guess dressed up as a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import phonenumbers

from parsing.sections import (
    CONTACT, EDUCATION, EXPERIENCE, PERSONAL, REFERENCES, Section, heading_kind, section_at,
)  # fmt: skip
from parsing.text import fold

# --- e-mail -----------------------------------------------------------------

EMAIL_RE = re.compile(
    r"(?<![\w.+'’-])[A-Za-z0-9][A-Za-z0-9._%+'’-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w@])"
)


def find_emails(text: str, sections: list[Section], mailto: list[str] = ()) -> list[str]:
    """The person's e-mail addresses, in order; referees' addresses are left out."""
    found: list[str] = []
    for m in EMAIL_RE.finditer(text):
        section = section_at(sections, m.start())
        if section is not None and section.kind == REFERENCES:
            continue
        local, domain = m.group().rsplit("@", 1)
        found.append(f"{local.strip('.')}@{domain.lower()}")
    for target in mailto:
        address = target.split(":", 1)[1].split("?", 1)[0].strip()
        if EMAIL_RE.fullmatch(address) and not any(address.lower() == f.lower() for f in found):
            # A hidden mailto: target the page shows only as an icon.
            found.append(address)
    return _unique_ci(found)


def _unique_ci(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


# --- phones -----------------------------------------------------------------

# A run that may be a phone number: an optional +, (, then digits with the
# separators people use; masked digits (xxx, ***) at the end are kept, since a
# masked number is still what the page says.
_PHONE_RUN = re.compile(r"(?<![\w+/.,=-])(?:\+|\(\+?|00)?\d[\d \-.()/\u2011\u2013]{3,24}[\d)](?:[ \-.]?[xX*]{1,4}){0,4}")
_PHONE_LABEL = re.compile(
    r"(?:\b(?:tel|tél|phone|mobile?|mob|cell|handy|telefon[eo]?|téléphone|teléfono|celular|"
    r"movil|móvil|portable|fon|whatsapp|contact|ph)\b\.?\s*:?|[☎📞📱✆])\s*$",
    re.IGNORECASE,
)
_DATE_LIKE = [
    re.compile(r"^(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)$"),  # 2012 - 2016, 2012/13
    re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d$"),  # 01.01.1980, 3/4/21
    re.compile(r"^(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}$"),  # 2021-03-04
    re.compile(r"^\d{1,2}\s*/\s*(?:19|20)\d\d(?:\s*[-–]\s*\d{1,2}\s*/\s*(?:19|20)\d\d)?$"),  # 08/2015 - 05/2019
    re.compile(r"^(?:19|20)\d\d\s*/\s*\d{1,2}(?:\s*[-–]\s*(?:19|20)\d\d\s*/\s*\d{1,2})?$"),  # 2015 / 07
]
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


@dataclass(frozen=True)
class Phone:
    printed: str
    e164: str | None

    @property
    def value(self) -> str:
        return self.e164 or self.printed


def _is_date_like(run: str) -> bool:
    compact = run.strip()
    return any(p.match(compact) for p in _DATE_LIKE)


def find_phones(
    text: str, sections: list[Section], region: str | None, tel_links: list[str] = (),
    header_end: int = 0,
) -> list[Phone]:  # fmt: skip
    """Phone numbers, normalised to E.164 where the country is known.

    Near the top of the resume, or after a phone label, any run of 7-15 digits
    that is not a date counts (that is where people put their number). Elsewhere
    a run must be a valid number with a country code or area-code parentheses,
    so "12,000 units", years and postcodes never become phones.
    """
    phones: list[Phone] = []
    for m in _PHONE_RUN.finditer(text):
        run = m.group().strip(" -.(/\u2011\u2013")
        if m.group().startswith("(") and not run.startswith("("):
            run = "(" + run
        if run.count("(") != run.count(")"):
            run = run.replace("(", "").replace(")", "") if run.startswith("(") is False else run
        digits = re.sub(r"\D", "", run)
        masked = len(re.findall(r"[xX*]", run))
        if not 7 <= len(digits) + masked <= 15 or len(digits) < (5 if masked else 6):
            continue
        if _is_date_like(run) or _ORCID.match(run):
            continue
        if re.search(r"\d\.\d{1,2}(?:\D|$)", run) and not re.fullmatch(r"[\d.\s+()]+", run):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = _line_at(text, m.start())
        before = text[line_start : m.start()]
        after = text[m.end() : m.end() + 2]
        if after[:1] in ("%", "€", "$") or re.search(r"[$€£]\s*$", before):
            continue
        if re.search(r"\b(?:gpa|id|no|nr|iban|isbn|doi|ref)\.?\s*:?\s*$", before, re.IGNORECASE):
            continue
        section = section_at(sections, m.start())
        labelled = bool(_PHONE_LABEL.search(before[-24:]))
        in_contact = (
            m.start() < header_end
            or (section is not None and section.kind in (CONTACT, PERSONAL))
            or EMAIL_RE.search(line) is not None  # a contact line anywhere (a footer, a sidebar)
        )
        if section is not None and section.kind == REFERENCES:
            continue
        if "/" in run and not labelled:
            continue
        e164 = _e164(run, region)
        if not (labelled or in_contact):
            if e164 is None or not (run.startswith(("+", "(", "00"))):
                continue
            try:
                if not phonenumbers.is_valid_number(phonenumbers.parse(e164)):
                    continue
            except phonenumbers.NumberParseException:
                continue
        phones.append(Phone(run, e164))
    for target in tel_links:
        number = target.split(":", 1)[1].strip()
        e164 = _e164(number, region)
        if e164 and not any(p.e164 == e164 for p in phones):
            phones.append(Phone(number, e164))
    unique: dict[str, Phone] = {}
    for phone in phones:
        unique.setdefault(phone.e164 or re.sub(r"\D", "", phone.printed), phone)
    return list(unique.values())


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def _e164(run: str, region: str | None) -> str | None:
    if re.search(r"[xX*]", run):
        return None  # masked on purpose: do not invent digits
    candidate = re.sub(r"^\(\+(\d+)\)", r"+\1", run.strip())
    candidate = re.sub(r"^00(?=[1-9])", "+", candidate)
    try:
        number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- country / region -------------------------------------------------------

_COUNTRIES = {
    "germany": "DE", "deutschland": "DE", "allemagne": "DE", "alemania": "DE", "alemanha": "DE",
    "austria": "AT", "österreich": "AT", "switzerland": "CH", "schweiz": "CH", "suisse": "CH",
    "france": "FR", "frankreich": "FR", "francia": "FR", "frança": "FR", "spain": "ES",
    "españa": "ES", "espagne": "ES", "spanien": "ES", "portugal": "PT", "brazil": "BR",
    "brasil": "BR", "brésil": "BR", "united kingdom": "GB", "uk": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "ireland": "IE", "netherlands": "NL", "the netherlands": "NL",
    "nederland": "NL", "belgium": "BE", "belgique": "BE", "italy": "IT", "italia": "IT",
    "poland": "PL", "polska": "PL", "usa": "US", "united states": "US", "u.s.": "US", "us": "US",
    "canada": "CA", "mexico": "MX", "méxico": "MX", "argentina": "AR", "chile": "CL",
    "colombia": "CO", "peru": "PE", "perú": "PE", "india": "IN", "china": "CN", "japan": "JP",
    "korea": "KR", "south korea": "KR", "republic of korea": "KR", "s.korea": "KR",
    "australia": "AU", "new zealand": "NZ", "south africa": "ZA", "nigeria": "NG", "kenya": "KE",
    "egypt": "EG", "morocco": "MA", "maroc": "MA", "marruecos": "MA", "tunisia": "TN",
    "algeria": "DZ", "turkey": "TR", "türkiye": "TR", "sweden": "SE", "norway": "NO",
    "denmark": "DK", "finland": "FI", "iceland": "IS", "czech republic": "CZ", "czechia": "CZ",
    "hungary": "HU", "romania": "RO", "greece": "GR", "ukraine": "UA", "russia": "RU",
    "israel": "IL", "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA",
    "singapore": "SG", "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "vietnam": "VN",
    "viet nam": "VN", "thailand": "TH", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK",
    "luxembourg": "LU",
}  # fmt: skip
_US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_CA_PROVINCES = set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
_TLD_REGION = {"de": "DE", "at": "AT", "ch": "CH", "fr": "FR", "es": "ES", "pt": "PT", "br": "BR",
               "uk": "GB", "ie": "IE", "nl": "NL", "be": "BE", "it": "IT", "pl": "PL", "in": "IN",
               "ca": "CA", "au": "AU", "nz": "NZ", "mx": "MX", "ar": "AR", "za": "ZA", "kr": "KR",
               "jp": "JP", "cn": "CN", "se": "SE", "no": "NO", "dk": "DK", "fi": "FI", "ma": "MA"}  # fmt: skip


def region_of(location: str | None, emails: list[str], phones_text: str = "") -> str | None:
    """The country (ISO 3166 code) to read national phone numbers in, if it can be told."""
    if location:
        parts = [fold(p.strip()) for p in re.split(r"[,\-–|/()]", location) if p.strip()]
        for part in reversed(parts):
            if part in _COUNTRIES:
                return _COUNTRIES[part]
        last = location.split(",")[-1].strip()
        if last in _US_STATES:
            return "US"
        if last in _CA_PROVINCES:
            return "CA"
    for email in emails:
        tld = email.rsplit(".", 1)[-1].lower()
        if tld in _TLD_REGION:
            return _TLD_REGION[tld]
    return None


# --- links ------------------------------------------------------------------

_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'|,;()\[\]{}]+", re.IGNORECASE)
_KNOWN_SITE_RE = re.compile(
    r"(?<![\w@.])((?:[a-z]{2,3}\.)?(?:linkedin\.com/(?:in|pub|company)/[\w\-%.]+|github\.com/[\w\-.]+(?:/[\w\-.]+)?"
    r"|gitlab\.com/[\w\-.]+|bitbucket\.org/[\w\-.]+|stackoverflow\.com/users/[\w\-/]+"
    r"|twitter\.com/[\w]+|x\.com/@?[\w]+|behance\.net/[\w\-]+|dribbble\.com/[\w\-]+"
    r"|medium\.com/@?[\w\-.]+|orcid\.org/[\d\-X]+|kaggle\.com/[\w\-]+|xing\.com/profile/[\w\-]+"
    r"|scholar\.google\.com/[\w?=&\-.]+|codepen\.io/[\w\-]+|huggingface\.co/[\w\-]+))",
    re.IGNORECASE,
)
# A bare domain ("jankuester.com") counts only in the header or after a label.
_BARE_DOMAIN_RE = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|dev|me|de|fr|es|pt|br|"
    r"uk|co|ch|at|nl|eu|info|app|tech|site|online|page|xyz|ai)(?:/[\w\-./~%?=&#]*)?)(?![\w@])",
    re.IGNORECASE,
)
_LINK_LABEL_RE = re.compile(
    r"\b(website|web|site|homepage|home page|blog|portfolio|url|webseite|sitio web|página)\s*:?\s*$",
    re.IGNORECASE,
)
# Handles behind an icon or a label: "GITHUB-SQUARE posquit0", "Github:// deedydas",
# "LinkedIn: jane-doe", "github: handle".
_HANDLE_RE = re.compile(
    r"\b(github|gitlab|linkedin|twitter|stackoverflow)(?:-square|-alt)?\s*(?::\s*//|:)?\s+@?([A-Za-z0-9][\w\-.]{1,38})\b",
    re.IGNORECASE,
)
_HANDLE_URL = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "twitter": "https://twitter.com/{}",
}
_NOT_DOMAINS = {"node.js", "vue.js", "next.js", "nuxt.js", "react.js", "asp.net", "ado.net", "vb.net",
                "socket.io", "express.js", "d3.js", "three.js", "chart.js", "ember.js", "backbone.js"}  # fmt: skip


def normalise_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    return url


def find_links(text: str, targets: list[str], header_end: int, sections: list[Section]) -> list[str]:
    """Web links: visible URLs, profile paths, labelled or header domains, handles, hidden targets."""
    found: list[str] = []
    emails_spans = [(m.start(), m.end()) for m in EMAIL_RE.finditer(text)]

    def inside_email(pos: int) -> bool:
        return any(a <= pos < b for a, b in emails_spans)

    for m in _URL_RE.finditer(text):
        if not inside_email(m.start()):
            found.append(normalise_url(m.group()))
    for m in _KNOWN_SITE_RE.finditer(text):
        if not inside_email(m.start()):
            found.append(normalise_url(m.group(1)))
    for m in _BARE_DOMAIN_RE.finditer(text):
        if inside_email(m.start()) or m.group(1).lower() in _NOT_DOMAINS:
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
            found.append(normalise_url(m.group(1)))
    for m in _HANDLE_RE.finditer(text):
        site, handle = m.group(1).lower(), m.group(2).rstrip(".")
        if site in _HANDLE_URL and (m.start() < header_end or _in_kind(sections, m.start(), CONTACT)):
            if "." in handle and site != "linkedin":
                continue  # "github: github.com/x" is caught above
            found.append(_HANDLE_URL[site].format(handle))
    for target in targets:
        if re.match(r"^(https?://|www\.)", target, re.IGNORECASE):
            found.append(normalise_url(target))
    return _unique_links(found)


def _in_kind(sections: list[Section], offset: int, kind: str) -> bool:
    section = section_at(sections, offset)
    return section is not None and section.kind == kind


def _link_key(url: str) -> str:
    key = re.sub(r"^[a-z]+://", "", url.lower())
    key = re.sub(r"^www\.", "", key)
    return key.rstrip("/")


def _unique_links(urls: list[str]) -> list[str]:
    by_key: dict[str, str] = {}
    for url in urls:
        key = _link_key(url)
        if len(key) < 4 or "." not in key:
            continue
        # Prefer the https form of the same address.
        if key not in by_key or (url.startswith("https") and not by_key[key].startswith("https")):
            by_key[key] = url
    # Drop a profile handle URL made from a label when the same profile is there in full.
    return list(by_key.values())


# --- name -------------------------------------------------------------------

_NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della",
                   "la", "le", "du", "bin", "binti", "al", "el", "ibn", "ten", "ter", "y", "e", "zu"}  # fmt: skip
_NOT_NAME_WORDS = {
    "resume", "résumé", "curriculum", "vitae", "cv", "lebenslauf", "curriculo", "currículo", "profile",
    "contact", "email", "phone", "mobile", "address", "page", "updated", "engineer", "developer",
    "manager", "designer", "consultant", "nurse", "analyst", "summary", "experience", "education",
    "skills", "street", "road", "avenue", "university", "inc", "gmbh", "ltd", "llc", "objective",
    "senior", "junior", "software", "citizen", "portfolio", "linkedin", "github", "website",
    "telefon", "adresse", "teléfono", "correo", "e-mail", "in", "of", "and", "for", "the", "at",
    "with", "science", "engineering", "computer", "technology", "business", "management", "college",
    "school", "institute", "meng", "bs", "ba", "ms", "bsc", "msc", "degree", "bachelor", "master",
    "status", "fields", "tech", "loves", "languages", "born", "nationality", "date", "birth",
    "not", "copy", "sample", "font", "size", "market", "build", "career", "personal", "seeking",
    "internship", "highlights", "particulars", "qualifications", "grad", "new",
    "city", "street", "details", "information", "references", "page", "template", "draft",
    "confidential", "objective", "summary", "sales", "marketing", "bank", "editor", "writer",
}  # fmt: skip
_DEGREE_SUFFIX = re.compile(
    r",?\s+(?:M\.?\s?Sc\.?|B\.?\s?Sc\.?|Ph\.?\s?D\.?|MBA|M\.?A\.?|B\.?A\.?|M\.?D\.?|RN|CPA|PMP|Dipl\.-\w+\.?|MEng|BEng)$",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’\-][^\W\d_]+)*\.?$")
_SEPARATORS = re.compile(r"\s*(?:[|·•,;:(]|\s{2,}|\s[–—-]\s|[^\w\s'’.\-&])\s*")


def _name_from_segment(segment: str) -> str | None:
    """A name, if the segment is one or starts with one ("Allen King ESB Developer")."""
    words = segment.split()
    for size in range(min(len(words), 5), 1, -1):
        name = _whole_name(" ".join(words[:size]))
        if name and (size == len(words) or _ends_name(words[size], " ".join(words[:size]))):
            return name
    return None


def _ends_name(word: str, prefix: str) -> bool:
    """Whether ``word`` cannot continue the name ``prefix`` (a role word, an acronym, a lowercase word)."""
    bare = word.strip(".,")
    return (
        not _NAME_TOKEN.match(word)
        or fold(bare) in _NOT_NAME_WORDS
        or bool(_ROLE_WORDS.match(bare))
        or (len(bare) > 1 and bare.isupper() and not prefix.isupper())
    )


def _whole_name(segment: str) -> str | None:
    segment = segment.strip(" .,-")
    segment = re.sub(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Herr|Frau|Sr|Sra)\.?\s+", "", segment)
    previous = None
    while previous != segment:
        previous = segment
        segment = _DEGREE_SUFFIX.sub("", segment).strip()
    words = segment.split()
    if not 2 <= len(words) <= 5:
        return None
    if any(fold(w.strip(".")) in _NOT_NAME_WORDS for w in words):
        return None
    if not all(_NAME_TOKEN.match(w) for w in words) or not words[0][0].isupper():
        return None
    if _ROLE_WORDS.search(segment):
        return None
    # An acronym among ordinary capitalised words is a product or team, not a name.
    if not segment.isupper() and any(len(w.strip(".")) > 1 and w.isupper() for w in words):
        return None
    # Particles are written in lower case ("van der Berg"); "Das" or "Bin" capitalised is a name.
    significant = [w for w in words if not (w.islower() and w in _NAME_PARTICLES)]
    if len(significant) < 2:
        return None
    if not all(w[0].isupper() for w in significant):
        return None
    # Single letters are initials ("Claud D. Park"), fine; all initials are not a name.
    if sum(1 for w in significant if len(w.strip(".")) > 1) < 2:
        return None
    if heading_kind(segment):
        return None
    return _natural_case(segment)


def _natural_case(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        out = []
        for word in name.split():
            if len(word.strip(".")) == 1:
                out.append(word)
            elif word.lower() in _NAME_PARTICLES:
                out.append(word.lower())
            else:
                out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        return " ".join(out)
    return name


_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf]{2,4}$")
_INLINE_KEYED_NAME = re.compile(
    r"\b(?:Name|Full name|Nombre|Nome)\s*:\s*([A-ZÀ-Ý][\w'’\-]+(?:\s[A-ZÀ-Ý][\w'’\-]+){1,3})(?=\s{2}|\s*$|\s+\w+\s*:)"
)
_KEYED_NAME = re.compile(
    r"^(?:Name|Nome|Nombre|Nom|Full name|Vor- und Nachname|Nome completo)\s*:?\s+"
    r"([A-ZÀ-Ý][\w'’\-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÀ-Ý][\w'’\-]+){0,3})$"
)


def find_name(lines: list[str], emails: list[str]) -> str | None:
    """The person's name: the first name-shaped phrase near the top."""
    local_parts = [fold(e.split("@")[0]) for e in emails]
    candidates: list[tuple[int, str]] = []
    for idx, line in enumerate(lines[:12]):
        stripped = line.strip()
        if not stripped:
            continue
        if idx < 3 and _CJK_NAME.match(stripped):
            return stripped
        for seg_no, segment in enumerate(_SEPARATORS.split(stripped)):
            if seg_no > 1:
                break
            # "Sourabh Bajaj Email: x@y" -> cut at a label word
            segment = re.split(r"\b(?:E-?mail|Phone|Tel|Mobile?|Address)\b", segment, flags=re.IGNORECASE)[0]
            name = _name_from_segment(segment)
            if name:
                score = idx * 2 + seg_no
                if any(_shares_part(name, lp) for lp in local_parts):
                    score -= 5
                candidates.append((score, name))
                break
    # A name given as a key and value ("Name Michael", "Nombre: Ana Ruiz") in a
    # personal-data block is the person's own statement: it wins.
    for line in lines[:60]:
        keyed = _KEYED_NAME.match(line.strip())
        if keyed:
            return keyed.group(1)
    for line in lines[:60]:
        keyed = _INLINE_KEYED_NAME.search(line)
        if keyed:
            return _whole_name(keyed.group(1)) or keyed.group(1)
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1]


def _shares_part(name: str, local_part: str) -> bool:
    return any(len(p) > 2 and p in local_part for p in fold(name).replace("-", " ").split())


# --- location ---------------------------------------------------------------

_LOCATION_LABEL = re.compile(
    r"\b(?:location|address|adresse|anschrift|wohnort|dirección|direccion|endereço|endereco|"
    r"localização|ubicación|based in|city)\s*:\s*(.+)$",
    re.IGNORECASE,
)
_CITY_STATE = re.compile(r"\b([A-Z][\w.'’\-]+(?:\s[A-Z][\w.'’\-]+){0,3}),\s?([A-Z]{2})\b(?!\w)")
_CITY_COUNTRY = re.compile(r"([A-ZÀ-Ý][\w.'’\-]+(?:[\s-][A-ZÀ-Ý][\w.'’\-]+){0,3}(?:,\s?[A-ZÀ-Ý][\w.'’\- ]+?){0,2}),\s?([A-ZÀ-Ý][\w.\s]+?)(?=$|\s*[|·•;(]|\s{2})")
_POSTCODE_ADDRESS = re.compile(r"([A-ZÀ-Ý][\w.'’\- ]*\d+[a-z]?\s*[,\-–]\s*\d{4,5}\s+[A-ZÀ-Ý][\w\-]+(?:\s[A-ZÀ-Ý][\w\-]+)?)")
_POSTCODE_CITY = re.compile(r"(?<![\d-])(\d{4,5}\s+[A-ZÀ-Ý][a-zà-ÿ\-]+(?:\s[A-ZÀ-Ý][a-zà-ÿ\-]+)?)\b")


def find_location(header_lines: list[str]) -> str | None:
    """Where the person lives, from the header or a labelled line."""
    for line in header_lines:
        m = _LOCATION_LABEL.search(line)
        if m:
            return _trim_location(m.group(1))
    for line in header_lines:
        # Contact details and icon glyphs share the line: take them out first.
        line = EMAIL_RE.sub(" | ", line)
        line = _URL_RE.sub(" | ", line)
        line = _KNOWN_SITE_RE.sub(" | ", line)
        line = re.sub(r"\+?\(?\d[\d\s().\-]{6,}\d", " | ", line)
        for segment in re.split(r"\s*(?:[|·•;*#@]|\s,\s)\s*|\s{2,}", line):
            segment = segment.strip(" ,")
            if not segment:
                continue
            m = _CITY_STATE.search(segment)
            if m and m.group(2) in _US_STATES | _CA_PROVINCES:
                return f"{m.group(1)}, {m.group(2)}"
            m = _CITY_COUNTRY.search(segment)
            if m:
                country = fold(m.group(2).strip())
                if country in _COUNTRIES:
                    return _trim_location(m.group(0))
            m = _POSTCODE_ADDRESS.search(segment)
            if m:
                return _trim_location(m.group(1))
    for line in header_lines:
        m = _POSTCODE_CITY.search(line)
        if m and not re.search(r"\d{4}\s*[-–]\s*\d{4}", line):
            return m.group(1)
    return None


def _trim_location(value: str) -> str:
    value = re.split(r"\s*[|·•;]\s*|\s{2,}", value.strip())[0]
    return value.strip(" ,.-")


# --- dates and years of experience -----------------------------------------

_MONTHS = {
    # en
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # de
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "märz.": 3, "mai": 5, "juni": 6, "juli": 7,
    "okt": 10, "oktober": 10, "dez": 12, "dezember": 12,
    # fr
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # es
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "dic": 12,
    # pt
    "janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "set": 9, "outubro": 10, "out": 10, "novembro": 11, "dezembro": 12,
}  # fmt: skip
_PRESENT = (
    r"present|current|currently|now|today|ongoing|date|heute|jetzt|aktuell|derzeit|laufend|"
    r"actualidad|actual|presente|hoy|la fecha|aujourd'hui|aujourd’hui|ce jour|à ce jour|"
    r"a ce jour|en cours|actuel|atual|atualmente|o momento|hoje|至今|现在"
)
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_POINT = (
    rf"(?:(?:{_MONTH_NAMES})\.?\s*(?:de\s+)?(?:19|20)\d\d"  # Jan 2019, Mar. 2010, enero de 2019
    r"|\d{1,2}\s*[/.]\s*(?:19|20)\d\d"  # 03/2015, 05.2019
    r"|(?:19|20)\d\d\s*[/.]\s*\d{1,2}(?!\d)"  # 2015/07, 2015 / 07
    r"|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月"  # 2015 年 3 月
    r"|(?:19|20)\d\d)"  # 2019
)
_RANGE_RE = re.compile(
    rf"(?P<start>{_POINT})\s*(?:-|–|—|to|bis|à|a|al|até|au|–\s*|~)\s*"
    rf"(?P<end>{_POINT}|(?:{_PRESENT})\b)",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    rf"\b(?:since|seit|desde|depuis|dès|a partir de|from)\s+(?P<start>{_POINT})(?!\s*(?:-|–|—|to|bis)\s*\d)",
    re.IGNORECASE,
)
_EXPLICIT_YEARS_RE = re.compile(
    r"(?:(?:over|more than|nearly|almost|about|around|mehr als|über|plus de|más de|mais de)\s+)?"
    r"(?P<n>\d{1,2}(?:[.,]5)?)\s*\+?\s*(?:years?|yrs?\.?|jahre[n]?|ans|años|anos)\s*"
    r"(?:of\s+|de\s+|an\s+)?(?:[\w\-]+\s+){0,4}?"
    r"(?:experience|expertise|berufserfahrung|erfahrung|expérience|experiencia|experiência|in the industry|in industry|in the field)",
    re.IGNORECASE,
)


def _parse_point(text: str, is_end: bool) -> tuple[int, int] | None:
    text = text.strip().lower()
    m = re.match(r"(\d{4})\s*年\s*(\d{1,2})", text)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"([^\W\d]+)\.?\s*(?:de\s+)?(\d{4})", text)
    if m and m.group(1) in _MONTHS:
        return int(m.group(2)), _MONTHS[m.group(1)]
    m = re.match(r"(\d{1,2})\s*[/.]\s*(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)), int(m.group(1))
    m = re.match(r"(\d{4})\s*[/.]\s*(\d{1,2})$", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"(\d{4})$", text)
    if m:
        return int(m.group(1)), 12 if is_end else 1
    return None


@dataclass(frozen=True)
class Period:
    start: tuple[int, int]  # (year, month)
    end: tuple[int, int]
    offset: int  # where the range is printed
    ongoing: bool

    @property
    def months(self) -> int:
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1


def find_periods(text: str, today: date | None = None) -> list[Period]:
    """Date ranges in ``text``: "Jan 2019 – Present", "03/2015 - 08/2018", "seit 2019"…"""
    today = today or date.today()
    now = (today.year, today.month)
    periods: list[Period] = []
    for m in _RANGE_RE.finditer(text):
        start = _parse_point(m.group("start"), False)
        end_text = m.group("end")
        ongoing = re.fullmatch(_PRESENT, end_text.strip().lower()) is not None
        end = now if ongoing else _parse_point(end_text, True)
        if start and end and _plausible(start, end, now):
            periods.append(Period(start, end, m.start(), ongoing))
    taken = {p.offset for p in periods}
    for m in _SINCE_RE.finditer(text):
        start = _parse_point(m.group("start"), False)
        if start and m.start("start") not in taken and _plausible(start, now, now):
            periods.append(Period(start, now, m.start(), True))
    periods.sort(key=lambda p: p.offset)
    return periods


def _plausible(start: tuple[int, int], end: tuple[int, int], now: tuple[int, int]) -> bool:
    return 1950 <= start[0] <= now[0] and start <= end <= (now[0] + 1, 12)


def merged_years(periods: list[Period]) -> float:
    """Total years covered by the periods, overlaps counted once."""
    spans = sorted((p.start[0] * 12 + p.start[1] - 1, p.end[0] * 12 + p.end[1]) for p in periods)
    total = 0
    current: list[int] | None = None
    for a, b in spans:
        if current and a <= current[1]:
            current[1] = max(current[1], b)
        else:
            if current:
                total += current[1] - current[0]
            current = [a, b]
    if current:
        total += current[1] - current[0]
    return round(total / 12, 1)


def explicit_years(text: str) -> tuple[float, str] | None:
    """An explicit statement of total experience ("15+ years of experience")."""
    best: tuple[float, str] | None = None
    for m in _EXPLICIT_YEARS_RE.finditer(text):
        value = float(m.group("n").replace(",", "."))
        if 0 < value <= 60 and (best is None or value > best[0]):
            best = (value, m.group(0))
    return best


def experience_text(text: str, sections: list[Section]) -> str:
    parts = [text[s.body_start : s.end] for s in sections if s.kind == EXPERIENCE]
    return "\n".join(parts)


def years_of_experience(
    text: str, sections: list[Section], today: date | None = None, periods: list[Period] | None = None
) -> float | None:
    """An explicit statement, else the experience sections' date ranges merged.

    ``periods`` are the experience sections' periods when the caller has them already.
    """
    explicit = explicit_years(text)
    if explicit:
        return explicit[0]
    if periods is None:
        periods = [p for body in experience_bodies(text, sections) for p in find_periods(body, today)]
    if not periods:
        return None
    return merged_years(periods)


def experience_bodies(text: str, sections: list[Section]) -> list[str]:
    return [text[s.body_start : s.end] for s in sections if s.kind == EXPERIENCE]


# --- education --------------------------------------------------------------

_DEGREE_RE = re.compile(
    r"(?<!\w)(?:Ph\.?\s?D\.?|Doctor(?:ate)? of [\w ]+|M\.?\s?Sc\.?|B\.?\s?Sc\.?|M\.?\s?Eng\.?|B\.?\s?Eng\.?|"
    r"MBA|M\.?\s?B\.?\s?A\.?|B\.?\s?A\.?|M\.?\s?A\.?|B\.?\s?S\.?|M\.?\s?S\.?|LL\.?\s?[BM]\.?|M\.?\s?D\.?|"
    r"B\.?\s?Tech\.?|M\.?\s?Tech\.?|B\.?\s?Com\.?|M\.?\s?Com\.?|BBA|BFA|MFA|MPH|MSN|BSN|ADN|"
    r"(?:Bachelor|Master)(?:'s|’s)?(?!\s+(?:thesis|project|arbeit|projekt))(?: of [\w ]+| in [\w ]+| degree)?|"
    r"Associate(?:'s)? (?:Degree|of [\w ]+)(?: in [\w ]+)?|Diploma(?: in [\w ]+)?|"
    r"Diplom[\w\-]*|Magister|Staatsexamen|Abitur|Ausbildung zu[mr]? [\w ]+|"
    r"Licence(?: en [\w ]+)?|Licenciatura(?: en [\w ]+)?|Licenciado(?: en [\w ]+)?|Grado en [\w ]+|"
    r"Máster(?: en [\w ]+)?|Mestrado(?: em [\w ]+)?|Bacharelado(?: em [\w ]+)?|Doutorado(?: em [\w ]+)?|"
    r"Graduação(?: em [\w ]+)?|Ingénieur|Ingeniero [\w ]+|Engenharia [\w ]+|Doctorat|"
    r"MEng|MENG|BS|MS|BA|MA)(?!\w)"
)
_INSTITUTION_RE = re.compile(
    r"[^,;|•·\n]*\b(?:University|Universität|Université|Universidad|Universidade|Università|"
    r"College|Institute|Institut|Instituto|School|Schule|Hochschule|Fachhochschule|Academy|"
    r"Akademie|Polytechnic|Politécnico|Politecnico|École|Ecole|Escuela|Escola|Faculdade|Facultad|"
    r"Faculté|Conservatory|Gymnasium|Lycée|TU|ETH|EPFL|MIT|POSTECH|KAIST)\b[^,;|•·\n]*",
    re.IGNORECASE,
)


def find_education(text: str, sections: list[Section]) -> list[dict[str, str | None]]:
    """Degrees with their institutions, from the education sections."""
    bodies = [text[s.body_start : s.end] for s in sections if s.kind == EDUCATION]
    if not bodies:
        return []
    out: list[dict[str, str | None]] = []
    for body in bodies:
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        used_inst: set[int] = set()
        for i, line in enumerate(lines):
            degree = _DEGREE_RE.search(line)
            if not degree:
                continue
            institution = None
            for j in (i, i - 1, i + 1, i - 2, i + 2):
                if 0 <= j < len(lines) and j not in used_inst:
                    inst = _INSTITUTION_RE.search(lines[j])
                    if inst:
                        institution = _clean_institution(inst.group(0))
                        used_inst.add(j)
                        break
            degree_text = _degree_phrase(line, degree)
            entry = {"degree": degree_text, "institution": institution}
            if entry not in out:
                out.append(entry)
        if not any(e for e in out) and lines:
            for line in lines[:6]:
                inst = _INSTITUTION_RE.search(line)
                if inst:
                    out.append({"degree": None, "institution": _clean_institution(inst.group(0))})
                    break
    return out[:6]


def _degree_phrase(line: str, match: re.Match[str]) -> str:
    # The degree with its subject: up to the next separator or date.
    rest = line[match.start() :]
    rest = re.split(r"\s*(?:[;|•·,(]|\s[-–—]\s|\s{2,}|\b(?:19|20)\d\d\b|GPA)", rest)[0]
    rest = re.sub(rf"\s+(?:{_MONTH_NAMES})\.?$", "", rest, flags=re.IGNORECASE)
    return rest.strip(" .:-")[:90]


def _clean_institution(value: str) -> str:
    value = re.sub(r"^[\W\d_]+", "", value)  # icons, bullets and a leading date range
    value = re.split(r"\s+(?:(?:19|20)\d\d|Expected|Graduated)\b", value)[0]
    value = re.sub(r"\s+(?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d\d.*$", "", value)
    return value.strip(" .:-")[:100]


# --- current title ----------------------------------------------------------

_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|architect|manager|director|lead|head|officer|analyst|"
    r"scientist|designer|consultant|specialist|administrator|coordinator|assistant|associate|"
    r"nurse|technician|accountant|auditor|controller|recruiter|representative|executive|"
    r"operator|driver|chef|cook|server|bartender|barista|receptionist|clerk|supervisor|"
    r"electrician|plumber|welder|carpenter|mechanic|teacher|lecturer|professor|researcher|"
    r"intern|trainee|student|founder|ceo|cto|cfo|coo|president|owner|advisor|editor|writer|"
    r"marketer|strategist|planner|buyer|agent|therapist|pharmacist|physician|doctor|paramedic|"
    r"caregiver|attendant|housekeeper|cashier|sre|devops|product owner|scrum master|"
    r"entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?|projektleiter(?:in)?|"
    r"krankenpfleger(?:in)?|pflegefachkraft|kaufmann|kauffrau|sachbearbeiter(?:in)?|"
    r"développeu(?:r|se)|ingénieur|chef de projet|responsable|infirmi(?:er|ère)|technicien(?:ne)?|"
    r"desarrollador(?:a)?|ingenier[oa]|gerente|jef[ea]|enfermer[oa]|analista|consultor(?:a)?|"
    r"desenvolvedor(?:a)?|engenheir[oa]|gerente|enfermeir[oa]|coordenador(?:a)?|estagiári[oa])\b",
    re.IGNORECASE,
)


def find_title(lines: list[str], name: str | None, text: str, sections: list[Section]) -> str | None:
    """The person's current job title: a tagline under the name, else the latest entry."""
    body = experience_text(text, sections)
    # The first role-like line of the experience section is the latest entry.
    latest = None
    for line in body.split("\n")[:8]:
        candidate = _title_phrase(line)
        if candidate:
            latest = candidate
            break
    first_section = sections[0].start if sections else len(text)
    tagline_lines = text[:first_section].split("\n")[:5]
    for line in tagline_lines:
        stripped = line.strip()
        if not stripped or (name and fold(name) in fold(stripped) and len(stripped) < len(name) + 3):
            continue
        if EMAIL_RE.search(stripped) or heading_kind(stripped):
            continue
        candidate = _title_phrase(stripped, tagline=True)
        if candidate:
            return candidate
    return latest


def _title_phrase(line: str, tagline: bool = False) -> str | None:
    line = line.strip(" •◦-*·")
    line = re.sub(r"^(?:Status|Title|Position|Role|Current role|Poste|Cargo|Puesto)\s*:\s*", "", line, flags=re.IGNORECASE)
    if not line or len(line) > 110 or EMAIL_RE.search(line):
        return None
    if not _ROLE_WORDS.search(line):
        return None
    # Cut off dates, places and employers that share the line.
    segment = re.split(r"\s*(?:[|•,(]|\s[-–—@]\s|\bat\b|\bbei\b|\bchez\b|\s{2,})\s*", line)[0]
    segment = _RANGE_RE.split(segment)[0] if _RANGE_RE.search(segment) else segment
    segment = re.sub(rf"\s*(?:{_POINT}).*$", "", segment, flags=re.IGNORECASE)
    segment = re.sub(rf"\s+(?:{_MONTH_NAMES})\.?\s*\d{{1,2}}\b.*$", "", segment, flags=re.IGNORECASE)
    segment = segment.strip(" ·-–:")
    if tagline and "·" in line:
        segment = line.split("·")[0].strip()
    if not segment or not _ROLE_WORDS.search(segment) or len(segment.split()) > 8:
        return None
    letters = [ch for ch in segment if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        segment = " ".join(w if len(w) <= 3 and w.isupper() and w in {"IT", "QA", "UX", "UI", "HR", "SRE", "CEO", "CTO", "CFO", "COO", "RN"} else w.capitalize() for w in segment.split())
    return segment
