"""Fields a recruiter needs from a resume's text: contact details, name, years…

Every function takes the cleaned text (and where useful the sections) and
returns what it is sure of; a field it cannot find is None or empty, never a
guess dressed up as a fact.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from parsing.contacts import EMAIL_RE, KNOWN_SITE_RE, URL_RE
from parsing.names import known_place
from parsing.sections import EDUCATION, EXPERIENCE, Section, heading_kind
from parsing.text import fold
from parsing.vocab import ROLE_WORDS as _ROLE_WORDS

# --- country / region -------------------------------------------------------

_COUNTRIES = {
    "germany": "DE",
    "deutschland": "DE",
    "allemagne": "DE",
    "alemania": "DE",
    "alemanha": "DE",
    "austria": "AT",
    "österreich": "AT",
    "switzerland": "CH",
    "schweiz": "CH",
    "suisse": "CH",
    "france": "FR",
    "frankreich": "FR",
    "francia": "FR",
    "frança": "FR",
    "spain": "ES",
    "españa": "ES",
    "espagne": "ES",
    "spanien": "ES",
    "portugal": "PT",
    "brazil": "BR",
    "brasil": "BR",
    "brésil": "BR",
    "united kingdom": "GB",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "ireland": "IE",
    "netherlands": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "belgium": "BE",
    "belgique": "BE",
    "italy": "IT",
    "italia": "IT",
    "poland": "PL",
    "polska": "PL",
    "usa": "US",
    "united states": "US",
    "u.s.": "US",
    "us": "US",
    "canada": "CA",
    "mexico": "MX",
    "méxico": "MX",
    "argentina": "AR",
    "chile": "CL",
    "colombia": "CO",
    "peru": "PE",
    "perú": "PE",
    "india": "IN",
    "china": "CN",
    "japan": "JP",
    "korea": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "s.korea": "KR",
    "australia": "AU",
    "new zealand": "NZ",
    "south africa": "ZA",
    "nigeria": "NG",
    "kenya": "KE",
    "egypt": "EG",
    "morocco": "MA",
    "maroc": "MA",
    "marruecos": "MA",
    "tunisia": "TN",
    "algeria": "DZ",
    "turkey": "TR",
    "türkiye": "TR",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "iceland": "IS",
    "czech republic": "CZ",
    "czechia": "CZ",
    "hungary": "HU",
    "romania": "RO",
    "greece": "GR",
    "ukraine": "UA",
    "russia": "RU",
    "israel": "IL",
    "united arab emirates": "AE",
    "uae": "AE",
    "saudi arabia": "SA",
    "singapore": "SG",
    "malaysia": "MY",
    "indonesia": "ID",
    "philippines": "PH",
    "vietnam": "VN",
    "viet nam": "VN",
    "thailand": "TH",
    "pakistan": "PK",
    "bangladesh": "BD",
    "sri lanka": "LK",
    "luxembourg": "LU",
}
# Looked up folded, as a location's parts are: "España", "Österreich", "Türkiye", "Perú".
_COUNTRY_KEYS = {fold(name): code for name, code in _COUNTRIES.items()}
_US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_CA_PROVINCES = set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
# Brazil's states, written after the city with a slash or a dash ("Blumenau / SC",
# "São Paulo - SP"); after a comma the code is read as a US state first.
_BR_STATES = set(
    "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split()
)
_TLD_REGION = {
    "de": "DE",
    "at": "AT",
    "ch": "CH",
    "fr": "FR",
    "es": "ES",
    "pt": "PT",
    "br": "BR",
    "uk": "GB",
    "ie": "IE",
    "nl": "NL",
    "be": "BE",
    "it": "IT",
    "pl": "PL",
    "in": "IN",
    "ca": "CA",
    "au": "AU",
    "nz": "NZ",
    "mx": "MX",
    "ar": "AR",
    "za": "ZA",
    "kr": "KR",
    "jp": "JP",
    "cn": "CN",
    "se": "SE",
    "no": "NO",
    "dk": "DK",
    "fi": "FI",
    "ma": "MA",
}


def region_of(location: str | None, emails: list[str], phones_text: str = "") -> str | None:
    """The country (ISO 3166 code) to read national phone numbers in, if it can be told."""
    if location:
        parts = [fold(p.strip()) for p in re.split(r"[,\-–|/()]", location) if p.strip()]
        for part in reversed(parts):
            if part in _COUNTRY_KEYS:
                return _COUNTRY_KEYS[part]
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


# --- location ---------------------------------------------------------------

_LOCATION_LABEL = re.compile(
    r"\b(?:location|address|home\s+address|adresse|anschrift|wohnort|wohnhaft(?:\s+in)?|"
    r"dirección|direccion|domicilio|residencia|ciudad|endereço|endereco|morada|residência|"
    r"localização|localidade|cidade|ubicación|based in|lives in|city|"
    r"indirizzo(?:\s+di\s+residenza)?|residenza|città|domicile|ville|woonplaats|adres(?:\s+zamieszkania)?|"
    r"miejsce\s+zamieszkania|miasto|адрес|город|проживает|местоположение)\s*:\s*(.+)$",
    re.IGNORECASE,
)
# A capital letter of the Latin and Cyrillic alphabets we read ("Łódź", "Śrem", "Žilina",
# "Санкт-Петербург"): Latin Extended-A mixes capitals and small letters, so its capitals are
# listed one by one.
_UP = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x180)) if c.isupper()) + "А-ЯЁ"
# State codes that are also degrees printed after a name (MS, MA, MD, PA).
_DEGREE_CODES = {"MS", "MA", "MD", "PA"}
# A word after the state's code, other than the country, says the code was a word's start.
_STATE_GOES_ON = re.compile(r"\s*[A-Za-z](?!SA?\b|nited\s+States|anada)", re.IGNORECASE)
_CITY_STATE = re.compile(r"\b([A-Z][\w.'’\-]+(?:\s[A-Z][\w.'’\-]+){0,3}),\s?([A-Z]{2})\b(?!\w)")
_CITY_UF = re.compile(
    rf"([{_UP}][\w.'’\-]+(?:\s(?:d[aeo]s?\s)?[{_UP}][\w.'’\-]+){{0,3}})\s*(?:/|\s[-–]\s)\s*"
    r"([A-Z]{2})\s*$"
)
# A city and its country; a Dutch postcode's letters ("1015 DB Amsterdam") are not the city.
_CITY_COUNTRY = re.compile(
    rf"(?!(?<=\d\s)[A-Z]{{2}}\s)"
    rf"([{_UP}][\w.'’\-]+(?:[\s-][{_UP}][\w.'’\-]+){{0,3}}(?:,\s?[{_UP}][\w.'’\- ]+?){{0,2}})"
    rf",\s?([{_UP}][\w.\s]+?)(?=$|\s*[|·•;(]|\s{{2}})"
)
# A postcode: four or five digits, the Polish "30-001", the Portuguese "1000-001", the
# Brazilian "89010-000" and the Dutch "2521 TQ".
_POSTCODE = r"(?:\d{2}-\d{3}|\d{4,5}-\d{3}|\d{4}\s?[A-Z]{2}(?![\w])|\d{4,5})"
_POSTCODE_ADDRESS = re.compile(
    rf"((?:(?:ul|al|pl|os|str|av|avda|c)[./]\s*)?[{_UP}][\w.'’\- ]*\d+[a-z]?(?:/\d+)?"
    rf"\s*[,\-–]\s*{_POSTCODE}\s+[{_UP}][\w\-]+(?:\s[{_UP}][\w\-]+)?)"
)
# A street with its house number, then the town, without a postcode ("Apianstr. 7,
# Unterföhring", "ul. Długa 5, Kraków", "Rua Augusta 10, Lisboa", "Via Roma 1, Milano").
_STREET_TOWN = re.compile(
    rf"((?:[{_UP}][\w.'’\-]*(?:str\.|straße|strasse|weg|gasse|platz|allee|damm|straat|laan|"
    rf"plein|gracht)|(?:ul\.|al\.|rua|calle|c/|via|viale|avenida|av\.|rue|avenue)\s+"
    rf"[\w.'’\- ]{{2,40}}?)\s*\d{{1,4}}[a-z]?(?:/\d{{1,4}})?\s*,\s*"
    rf"[{_UP}][^\W\d_]+(?:[\s-][{_UP}][^\W\d_]+)?)\s*$",
    re.IGNORECASE,
)
_POSTCODE_CITY = re.compile(
    rf"(?<![\d-])({_POSTCODE}\s+[{_UP}][^\W\d_]+(?:-[^\W\d_]+)*(?:\s[{_UP}][^\W\d_\-]+)?)\b"
)


def postal_address(line: str) -> bool:
    """Whether a line holds a street and number with a postcode and town."""
    return _POSTCODE_ADDRESS.search(line) is not None


def find_location(header_lines: list[str]) -> str | None:
    """Where the person lives, from the header or a labelled line."""
    return locate(header_lines)[0]


def locate(header_lines: list[str]) -> tuple[str | None, float]:
    """Where the person lives, and how sure the way it was found makes us (0..1)."""
    fallback: tuple[str, float] | None = None
    # A narrow header wraps "Gdansk," / "Poland": a line that ends in a comma goes on.
    joined: list[str] = []
    # A narrow sidebar wraps a labelled street before its number and postcode ("Woonplaats:
    # Stationsweg" / "199, 3531 ZX Utrecht", "Indirizzo: Corso Vittorio" / "Emanuele 127,
    # 10137 Torino").
    for line in header_lines:
        street = (
            joined
            and _LOCATION_LABEL.search(joined[-1])
            and not re.search(r"\d", joined[-1])
            and re.search(rf"(?<![\d-]){_POSTCODE}(?![\d-])", line)
            and not re.search(r"[:@+]|\d{4}\s*[-–]\s*(?:\d|present|now|heute)", line, re.I)
        )
        # "Corso Vittorio Emanuele 237, 20147" / "Milano": the town after a postcode that ends
        # a line
        postcode_end = joined and re.search(
            rf"\d[a-z]?,\s*(?!(?:19|20)\d\d\s*$){_POSTCODE}\s*$", joined[-1]
        )  # a year is no postcode: "December 31, 2024" / "Name …" is a date
        if joined and (joined[-1].rstrip().endswith(",") or street or postcode_end):
            joined[-1] = f"{joined[-1].rstrip()} {line.strip()}"
        else:
            joined.append(line)
    header_lines = joined
    for line in header_lines:
        m = _LOCATION_LABEL.search(line)
        if m and not re.search(r"@|https?:|www\.", m.group(1)):  # "E-mail adres: …" is none
            return _trim_location(m.group(1)), 0.8
    for line in header_lines:
        # Contact details and icon glyphs share the line: take them out first.
        line = EMAIL_RE.sub(" | ", line)
        line = URL_RE.sub(" | ", line)
        line = KNOWN_SITE_RE.sub(" | ", line)
        line = re.sub(r"\+?\(?\d[\d\s().\-]{6,}\d", " | ", line)
        for segment in re.split(r"\s*(?:[|·•;*#@]|\s,\s|\s[–—]\s)\s*|\s{2,}", line):
            segment = segment.strip(" ,–—")  # a separator left at a wrapped line's end
            if not segment or len(segment) > 120:
                continue  # a place is short; long runs are prose (and slow to try)
            for m in _CITY_STATE.finditer(segment):
                if _STATE_GOES_ON.match(segment, m.end()):
                    continue  # "AutoCAD, MS Office", "Finance, PA Consulting": no state
                if m.group(2) in _DEGREE_CODES:
                    # "Hal Schmeler, MS": a degree after a name, or Mississippi: look further
                    fallback = fallback or (f"{m.group(1)}, {m.group(2)}", 0.6)
                elif m.group(2) in _US_STATES | _CA_PROVINCES:
                    return f"{m.group(1)}, {m.group(2)}", 0.8
            m = _CITY_UF.search(segment)
            if m and m.group(2) in _BR_STATES and not _ROLE_WORDS.search(m.group(1)):
                return m.group(0).strip(), 0.75
            m = _CITY_COUNTRY.search(segment)
            if m:
                country = fold(m.group(2).strip())
                if country in _COUNTRY_KEYS:
                    return _trim_location(m.group(0)), 0.75
            m = _POSTCODE_ADDRESS.search(segment)
            if m:
                return _trim_location(m.group(1)), 0.7
            m = _STREET_TOWN.search(segment)
            if m:
                fallback = fallback or (m.group(1), 0.65)
    for line in header_lines:
        if re.search(r"\d{4}\s*[-–]\s*\d{4}", line):
            continue  # years from and to: a job's line
        for m in _POSTCODE_CITY.finditer(line):
            # A number and a word: a postcode and a town, or a year and a firm ("2019
            # Firma"). A number that may be a year counts only before a place we know.
            number, town = m.group(1).split(None, 1)
            if number.isdigit() and 1950 <= int(number) <= 2039 and not known_place(town):
                continue
            return m.group(1), 0.55
    return fallback or (None, 0.0)


def _trim_location(value: str) -> str:
    value = re.split(r"\s*[|·•;]\s*|\s{2,}", value.strip())[0]
    return value.strip(" ,.-")


# --- dates and years of experience -----------------------------------------

_MONTHS = {
    # en
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
    # de
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "märz.": 3,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "okt": 10,
    "oktober": 10,
    "dez": 12,
    "dezember": 12,
    # fr
    "janvier": 1,
    "janv": 1,
    "février": 2,
    "fevrier": 2,
    "févr": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "déc": 12,
    # es
    "enero": 1,
    "ene": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "abr": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "ago": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "dic": 12,
    # pt
    "janeiro": 1,
    "fevereiro": 2,
    "fev": 2,
    "março": 3,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "setembro": 9,
    "set": 9,
    "outubro": 10,
    "out": 10,
    "novembro": 11,
    "dezembro": 12,
    # it
    "gennaio": 1,
    "gen": 1,
    "febbraio": 2,
    "aprile": 4,
    "maggio": 5,
    "mag": 5,
    "giugno": 6,
    "giu": 6,
    "luglio": 7,
    "lug": 7,
    "settembre": 9,
    "ottobre": 10,
    "ott": 10,
    "dicembre": 12,
    # nl
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "mrt": 3,
    "mei": 5,
    "augustus": 8,
    # pl (the name and the form after a day or 'od': styczeń, stycznia)
    "styczeń": 1,
    "stycznia": 1,
    "sty": 1,
    "luty": 2,
    "lutego": 2,
    "lut": 2,
    "marzec": 3,
    "marca": 3,
    "kwiecień": 4,
    "kwietnia": 4,
    "kwi": 4,
    "maj": 5,
    "maja": 5,
    "czerwiec": 6,
    "czerwca": 6,
    "cze": 6,
    "lipiec": 7,
    "lipca": 7,
    "lip": 7,
    "sierpień": 8,
    "sierpnia": 8,
    "sie": 8,
    "wrzesień": 9,
    "września": 9,
    "wrz": 9,
    "październik": 10,
    "października": 10,
    "paź": 10,
    "listopad": 11,
    "listopada": 11,
    "lis": 11,
    "grudzień": 12,
    "grudnia": 12,
    "gru": 12,
}
_PRESENT = (
    r"present|current|currently|now|today|ongoing|date|heute|jetzt|aktuell|derzeit|laufend|"
    r"actualidad|actual|presente|hoy|la fecha|aujourd'hui|aujourd’hui|ce jour|à ce jour|"
    r"a ce jour|en cours|actuel|atual|atualmente|o momento|hoje|至今|现在|"
    # it, nl, pl
    r"oggi|in corso|attuale|heden|nu|huidig|obecnie|nadal|teraz|dziś|dzisiaj|"
    r"(?:do\s+)?chwili obecnej|(?:do\s+)?dnia dzisiejszego"
)
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_POINT = (
    rf"(?:(?<![^\W\d_])(?:{_MONTH_NAMES})\.?\s*(?:de\s+)?(?:19|20)\d\d"  # Jan 2019, enero de 2019
    r"|\d{1,2}\s*[/.]\s*(?:19|20)\d\d"  # 03/2015, 05.2019
    r"|(?:19|20)\d\d\s*[/.]\s*\d{1,2}(?!\d)"  # 2015/07, 2015 / 07
    r"|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月"  # 2015 年 3 月
    r"|(?:19|20)\d\d)"  # 2019
)
_RANGE_RE = re.compile(
    rf"(?P<start>{_POINT})\s*(?:-|–|—|to|bis|à|a|al|até|au|tot|do|–\s*|~)\s*"
    rf"(?P<end>{_POINT}|(?:{_PRESENT})\b)",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    rf"(?:-|–|—|to|bis|à|a|al|até|au|tot|do|~|since|seit|desde|depuis|sinds|od)\s*"
    rf"(?:{_PRESENT})\b",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(
    rf"\b(?:since|seit|desde|depuis|dès|a partir de|from|sinds|dal|od)\s+(?P<start>{_POINT})"
    r"(?!\s*(?:-|–|—|to|bis)\s*\d)",
    re.IGNORECASE,
)
_EXPLICIT_YEARS_RE = re.compile(
    r"(?:(?:over|more than|nearly|almost|about|around|mehr als|über|plus de|más de|mais de)\s+)?"
    r"(?P<n>\d{1,2}(?:[.,]5)?)\s*\+?\s*(?:years?|yrs?\.?|jahre[n]?|ans|años|anos|anni|"
    r"jaar|jaren|lat|lata)\s*"
    r"(?:of\s+|de\s+|an\s+|di\s+)?(?:[\w\-]+\s+){0,4}?"
    r"(?:experience|expertise|berufserfahrung|erfahrung|expérience|experiencia|experiência|"
    r"esperienza|ervaring|werkervaring|doświadczenia|doświadczeniem|stażu|"
    r"in the industry|in industry|in the field)",
    re.IGNORECASE,
)

# What every match of _EXPLICIT_YEARS_RE holds: the number's last digit and the word for years.
# It starts with a digit, so the search skips ahead fast; most resumes have none.
_YEARS_AFTER_NUMBER = re.compile(
    r"\d\s*\+?\s*(?:years?|yrs?|jahre|ans|años|anos|anni|jaar|jaren|lat|lata)", re.IGNORECASE
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
    spans = _spans_with_years(text)
    for m in (m for a, b in spans for m in _RANGE_RE.finditer(text, a, b)):
        start = _parse_point(m.group("start"), False)
        end_text = m.group("end")
        ongoing = re.fullmatch(_PRESENT, end_text.strip().lower()) is not None
        end = now if ongoing else _parse_point(end_text, True)
        if start and end and _plausible(start, end, now):
            periods.append(Period(start, end, m.start(), ongoing))
    taken = {p.offset for p in periods}
    for m in (m for a, b in spans for m in _SINCE_RE.finditer(text, a, b)):
        start = _parse_point(m.group("start"), False)
        if start and m.start("start") not in taken and _plausible(start, now, now):
            periods.append(Period(start, now, m.start(), True))
    periods.sort(key=lambda p: p.offset)
    return periods


# Characters no date range can hold (no month name, separator or "present" word has them).
# A range holds a year, so only the stretches between them that hold one are searched: the
# patterns try dozens of month names at every position, and most prose has no year.
_NOT_IN_DATES = re.compile(r"[,;:()\[\]|•@]")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _spans_with_years(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each stretch of ``text`` between two _NOT_IN_DATES characters that
    holds a year, in order. Every match of _RANGE_RE and _SINCE_RE lies inside one, and the
    patterns see the same neighbours at a stretch's edges (a character of _NOT_IN_DATES,
    which is neither a word character nor a space), so searching only these finds the same."""
    spans: list[tuple[int, int]] = []
    walls: list[int] | None = None
    for year in _YEAR.finditer(text):
        if spans and year.start() < spans[-1][1]:
            continue  # in the stretch already found
        if walls is None:
            walls = [m.start() for m in _NOT_IN_DATES.finditer(text)]
        k = bisect_left(walls, year.start())  # walls[k - 1] before the year, walls[k] after it
        spans.append((walls[k - 1] + 1 if k else 0, walls[k] if k < len(walls) else len(text)))
    return spans


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
    if _YEARS_AFTER_NUMBER.search(text) is None:
        return None  # no number before a word for years: nothing to read (a quick scan)
    for m in _EXPLICIT_YEARS_RE.finditer(text):
        value = float(m.group("n").replace(",", "."))
        if 0 < value <= 60 and (best is None or value > best[0]):
            best = (value, m.group(0))
    return best


def experience_text(text: str, sections: list[Section]) -> str:
    parts = [text[s.body_start : s.end] for s in sections if s.kind == EXPERIENCE]
    return "\n".join(parts)


def years_of_experience(
    text: str,
    sections: list[Section],
    today: date | None = None,
    periods: list[Period] | None = None,
) -> float | None:
    """An explicit statement, else the experience sections' date ranges merged.

    ``periods`` are the experience sections' periods when the caller has them already.
    """
    explicit = explicit_years(text)
    if explicit:
        return explicit[0]
    if periods is None:
        periods = [
            p for body in experience_bodies(text, sections) for p in find_periods(body, today)
        ]
    if not periods:
        return None
    return merged_years(periods)


def experience_bodies(text: str, sections: list[Section]) -> list[str]:
    return [text[s.body_start : s.end] for s in sections if s.kind == EXPERIENCE]


# --- education --------------------------------------------------------------

_DEGREE_RE = re.compile(
    r"(?<!\w)(?:Ph\.?\s?D\.?|Doctor(?:ate)? of [\w ]+|M\.?\s?Sc\.?|B\.?\s?Sc\.?|M\.?\s?Eng\.?|"
    r"B\.?\s?Eng\.?|"
    r"MBA|M\.?\s?B\.?\s?A\.?|B\.?\s?A\.?|M\.?\s?A\.?|B\.?\s?S\.?|M\.?\s?S\.?|LL\.?\s?[BM]\.?|"
    r"M\.?\s?D\.?|"
    r"B\.?\s?Tech\.?|M\.?\s?Tech\.?|B\.?\s?Com\.?|M\.?\s?Com\.?|BBA|BFA|MFA|MPH|MSN|BSN|ADN|"
    r"(?:Bachelor|Master)(?:'s|’s)?(?!\s+(?:thesis|project|arbeit|projekt))(?: of [\w ]+|"
    r" in [\w ]+| degree)?|"
    r"Associate(?:'s)? (?:Degree|of [\w ]+)(?: in [\w ]+)?|Diploma(?: in [\w ]+)?|"
    r"Diplom[\w\-]*|Magister|Staatsexamen|Abitur|Ausbildung zu[mr]? [\w ]+|"
    r"Licence(?: en [\w ]+)?|Licenciatura(?: en [\w ]+)?|Licenciado(?: en [\w ]+)?|Grado en [\w ]+|"
    r"Máster(?: en [\w ]+)?|Mestrado(?: em [\w ]+)?|Bacharelado(?: em [\w ]+)?|"
    r"Doutorado(?: em [\w ]+)?|"
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


def find_title(
    lines: list[str], name: str | None, text: str, sections: list[Section]
) -> str | None:
    """The person's current job title: a tagline under the name, else the latest entry."""
    return title_of(lines, name, text, sections)[0]


def title_of(
    lines: list[str], name: str | None, text: str, sections: list[Section]
) -> tuple[str | None, float, str]:
    """The current job title, how sure we are of it, and what to check when we are not."""
    title, confidence, why = _title_of(name, text, sections)
    if title and (re.search(r"[\d:/]", title) or _mixed_caps(title)):
        return title, 0.5, "the line may hold more than a title"
    return title, confidence, why


def _mixed_caps(title: str) -> bool:
    """ "JUNIOR CONSULTANT Athis-Mons": words in capitals beside ordinary ones, two things run
    on."""
    words = [w for w in title.split() if len(w) > 3]
    return any(w.isupper() for w in words) and any(not w.isupper() for w in words)


def _title_of(
    name: str | None, text: str, sections: list[Section]
) -> tuple[str | None, float, str]:
    body = experience_text(text, sections)
    # The first role-like line of the experience section is the latest entry; with an open
    # end ("2019 - Present") beside it, it is the job they hold now.
    latest, ongoing = None, False
    entry = body.split("\n")[:8]
    for n, line in enumerate(entry):
        candidate = _title_phrase(line)
        if candidate:
            latest = candidate
            ongoing = any(_ONGOING.search(near) for near in entry[max(0, n - 1) : n + 3])
            break
    first_section = sections[0].start if sections else len(text)
    tagline_lines = text[:first_section].split("\n")[:5]
    for line in tagline_lines:
        stripped = line.strip()
        if not stripped or (
            name and fold(name) in fold(stripped) and len(stripped) < len(name) + 3
        ):
            continue
        if EMAIL_RE.search(stripped) or heading_kind(stripped):
            continue
        candidate = _title_phrase(stripped, tagline=True)
        if candidate:
            return candidate, 0.75, ""
    if latest:
        if ongoing:
            return latest, 0.75, ""
        return latest, 0.65, "taken from the latest job, which may have ended"
    return None, 0.0, ""


def _title_phrase(line: str, tagline: bool = False) -> str | None:
    line = line.strip(" •◦-*·")
    line = re.sub(
        r"^(?:Status|Title|Position|Role|Current role|Poste|Cargo|Puesto)\s*:\s*",
        "",
        line,
        flags=re.IGNORECASE,
    )
    if not line or len(line) > 110 or EMAIL_RE.search(line):
        return None
    if not _ROLE_WORDS.search(line):
        return None
    # Cut off dates, places and employers that share the line.
    segment = re.split(r"\s*(?:[|•,(]|\s[-–—@]\s|\bat\b|\bbei\b|\bchez\b|\s{2,})\s*", line)[0]
    segment = _RANGE_RE.split(segment)[0] if _RANGE_RE.search(segment) else segment
    segment = re.sub(rf"\s*(?:{_POINT}).*$", "", segment, flags=re.IGNORECASE)
    segment = re.sub(
        rf"\s+(?:{_MONTH_NAMES})\.?\s*\d{{1,2}}\b.*$", "", segment, flags=re.IGNORECASE
    )
    segment = segment.strip(" ·-–:")
    if tagline and "·" in line:
        segment = line.split("·")[0].strip()
    if not segment or not _ROLE_WORDS.search(segment) or len(segment.split()) > 8:
        return None
    letters = [ch for ch in segment if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        segment = " ".join(
            w
            if len(w) <= 3
            and w.isupper()
            and w in {"IT", "QA", "UX", "UI", "HR", "SRE", "CEO", "CTO", "CFO", "COO", "RN"}
            else w.capitalize()
            for w in segment.split()
        )
    return segment
