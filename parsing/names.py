"""The person's name, chosen by scoring every candidate on the first page, or none at all.

No "first line" rule: a sidebar, a title word ("Lebenslauf", "Curriculum
Vitae"), a job title or a skill printed large often comes first in reading
order. Every line near the top yields candidates (the whole line, its parts
between separators, its cells, the value after a "Name" label, two short lines
that belong together, letter-spaced text closed up), and each candidate that
is shaped like a name is scored on features:

* **prominence**: the larger its type against the body text, the likelier;
  the largest text on the page most of all; a word processor's Title style;
* **position**: near the top of page one, or among the first lines of a text;
* **neighbourhood**: contact details or a job title beside it; inside a
  section such as Experience or Skills it is an employer or a skill;
* **patterns**: a "Name:" label, the e-mail address spelt from its parts,
  capitalisation, how many words, whether the taxonomy knows it as a skill.

The best candidate wins only when its score clears a threshold and leaves the
runner-up behind; otherwise the name is None, because a wrong name on a
humane message is worse than none. The score becomes the confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parsing.contacts import EMAIL_RE, PHONE_LABEL, URL_RE, Found
from parsing.layout import Layout, Line, assemble, script_of
from parsing.sections import CONTACT, PERSONAL, SUMMARY, Section, heading_kind, section_at
from parsing.text import ascii_spellings, fold, loose_fold
from parsing.vocab import (
    BUILDING_PARTS,
    INSTITUTIONS,
    LEGAL_FORMS,
    LEGAL_FORMS_CAPITALS,
    NOT_NAME_WORDS,
    PARTICLES,
    ROLE_WORDS,
)

# The words that are never part of a name, as :func:`loose_fold` leaves them: the vocabulary
# writes "język" and "persönliche", and a word is looked up folded (typed "jezyk" too).
_NOT_NAME = frozenset(loose_fold(w) for w in NOT_NAME_WORDS) | frozenset(
    map(
        loose_fold,
        {
            "grupa",
            "biuro",
            "agencja",
            "hurtownia",
            "centrum",
            "zespół",
            "polska",
            # Polish skills, hobbies, payroll and administrative words printed as two
            # capitalised words ("Kadry Płace", "Jazda Konna", "Powiat Bielski")
            "kadry",
            "płace",
            "logistyka",
            "transport",
            "mleczarnia",
            "paliwa",
            "podróże",
            "fotografia",
            "piłka",
            "jazda",
            "sztuki",
            "nauka",
            "języków",
            "zus",
            "pomorze",
            "powiat",
            "gmina",
            "województwo",
            "lider",
            "liderka",
            "pomoc",
            "kultura",
            "zespołu",
            # employers' and institutions' words, language levels, in the other languages
            "muttersprache",
            "fließend",
            "fliessend",
            "landratsamt",
            "sparkasse",
            "volksbank",
            "raiffeisenbank",
            "versicherung",
            "institut",
            "zentrum",
            "süd",
            "mairie",
            "emploi",
            "comune",
            "poste",
            "banca",
            "unicredit",
            "caixa",
            "lojas",
            "magazine",
            "supermarkten",
            "rijksuniversiteit",
            "federal",
            "sciences",
            "telecom",
            "lighting",
            "healthineers",
            "deutschland",
            "nederland",
            "россия",
            # a cover letter's title and its salutation, when the letter comes first
            "motywacyjny",
            "przewodni",
            "anschreiben",
            "bewerbungsschreiben",
            "motivationsschreiben",
            "lettre",
            "motivazionale",
            "presentazione",
            "presentación",
            "motivación",
            "apresentação",
            "motivação",
            "motivatiebrief",
            "sollicitatiebrief",
            "szanowny",
            "szanowna",
            "szanowni",
            "geehrte",
            "geehrter",
            "estimado",
            "estimada",
            "prezado",
            "prezada",
            "gentile",
            "egregio",
            "geachte",
            "dear",
        },
    )
)
# Endings of abstract nouns and of institutions' adjectives, in the languages we read, that no
# name has: "Zarządzanie Projektami", "Hohe Belastbarkeit", "Księgowość Budżetowa", "Strong
# Communication" are skills, headings or employers. Endings that names share are left out:
# "-anie" (Melanie), "-owe" (Marlowe), "-ness" (Harkness), "-ção" (Conceição), "-ción" (Asunción).
_NOT_NAME_ENDING = re.compile(
    r"(?:ość|ości|wanie|dzanie|dzenie|czenie|szenie|rzenie|cenie|lenie|wienie|sanie|tanie|"
    r"(?:r|k|t|z|w|l)acj[aie]|[uk]cj[aie]|stwo|ctwo|czne|heit|keit|schaft|ierung|zione|zioni|ité|ation|"
    # German and English nouns of "-tion", "-sion", "-ität" ("Konstruktion", "Production")
    r"[kc]tion|ssion|ität|"
    # Polish adjectives no surname ends like ("Medyczna", "Rejonowy", "Państwowe", "Polskie"),
    # and the genitive a patron is named in ("im. Tadeusza Kościuszki", "Skłodowskiej")
    r"[iy]czn[aey]|owy|(?:s|c|dz)kie|(?:s|c|dz)kiego|(?:s|c|dz)kiej|"
    r"ship)$"
)
# A score at or above this names a person; below, the name stays None.
THRESHOLD = 3.0
# How far a winner must lead a different runner-up, unless its score is high anyway.
MARGIN = 0.6
SURE = 6.0
# What an address that spells two words of a candidate adds (see _Context.email_match).
STRONG_SPELLING = 1.8

# Academic and courtesy titles before a name, one or more ("mgr inż.", "Prof. dr hab.",
# "Dr. med.", "Bc.", "MUDr.", Polish physicians' "lek. med." and "dr n. med."): Central European
# resumes print them as a matter of course.
# Short ones that are also names ("Lic", "Doc", "Eng") count only with their dot.
_TITLE_PREFIX = re.compile(
    r"^(?:(?:(?:dr|prof|mr|mrs|ms|mx|herr|frau|sr|sra|dott\.ssa|dott|ing|mag|mgr|inż|inz|hab|"
    r"dipl\.?-?\w*|dr\.-[^\W\d_]+)\.?|(?:lic|doc|bc|mudr|mddr|mvdr|judr|phdr|rndr|paedr|thdr|"
    r"pharmdr|avv|arch|ir|drs|dra|δρ|lek|farm|wet|n\.\s?[^\W\d_]{2,6}|"
    r"geom|rag|lcdo|lcda|eng|med|dent|phil|univ|rer\.\s?nat|h\.\s?c)\.)(?:\s+|(?<=\.)(?=[^\W\d_])))+",
    re.IGNORECASE,
)
_DEGREE_SUFFIX = re.compile(
    r",?\s+(?:M\.?\s?Sc\.?|B\.?\s?Sc\.?|Ph\.?\s?D\.?|MBA|M\.?A\.?|B\.?A\.?|M\.?D\.?|RN|CPA|PMP|"
    r"Dipl\.-\w+\.?|CSc\.?|DrSc\.?|DiS\.?|"
    r"MEng|BEng|M\.?\s?Eng\.?|B\.?\s?Eng\.?|LL\.?M\.?|J\.?D\.?|CFA|ACCA|MSc|BSc)$",
    re.IGNORECASE,
)
# One word of a name: letters of any cased script with inner apostrophes and hyphens, or an initial.
# Dutch "'t" ("Ruud 't Hooft", short for "het") is a particle that starts with its apostrophe.
_TOKEN = re.compile(r"^(?:[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?|['’][tT])$")
# A nickname in parentheses or quotes: "Mary (Molly)", 'Aleksandra "Ola"', "„Ola”", "«Sasha»".
_QUOTED = r"[\"“„«‹'‘][^\W\d_][^\W\d_'’\-. ]*[\"”“»›'’]"
_NICKNAME = re.compile(rf"^(?:\([^\W\d_][^\W\d_'’\-. ]*\)|{_QUOTED})$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]{2,4}$")
_SEPARATORS = re.compile(r"\s*(?:[|·•,;:]|\s{2,}|\s[–—-]\s|[^\w\s'’.\-&()])\s*")
# "Name: X", "NOME X", Europass's label column: a label, then the value.
_NAME_WORD = (
    r"(?:(?:full|first|given|last|family)\s+)?names?|surnames?|nome(?:\s+completo)?|"
    r"nombres?(?:\s+completo)?|"
    r"apellidos?|nom(?:\s+complet)?|prénom|naam|vorname|nachname|vor-?\s*und\s+nachname|cognome|"
    r"imi[ęe](?:\s+i\s+nazwisko)?|imiona|nazwisko|ad(?:ı)?\s+soyad(?:ı)?|имя|фамилия|фио|姓名|"
    # Czech, Slovak, Hungarian, Romanian, Greek and Ukrainian forms
    r"jm[ée]no(?:\s+a\s+p[řr][íi]jmen[íi])?|p[řr][íi]jmen[íi]|meno(?:\s+a\s+priezvisko)?|"
    r"priezvisko|n[ée]v|vezet[ée]kn[ée]v|kereszt ?n[ée]v|nume|prenume|"
    r"ονοματεπώνυμο|όνομα|ονομα|επώνυμο|επωνυμο|піб|ім['’]я|прізвище"
)
# A form's numbering ("3. Name:", "a) Nome:") may come first.
_ENUMERATOR = r"(?:(?:\d{1,2}|[a-z])[.)]\s*)?"
# The old Europass form's plural in parentheses: "Surname(s)", "Nazwisko(-a)", "Imię(-ona)".
_PLURAL = r"(?:\s?\(-?[^\W\d_]{1,4}\))?"
_LABEL = re.compile(
    rf"^\W*{_ENUMERATOR}(?:(?:{_NAME_WORD}){_PLURAL}(?:(?:\s*[,/&]|\s+(?:and|und|et|e|y|i|и|ve|și|si|a))\s*(?:{_NAME_WORD}){_PLURAL})*(?:\s*[:：\-–]\s*|\s*$|\s+(?=\w))|"
    r"candidate(?:'s)?(?:\s+name)?\s*[:：]\s*|"
    # a design's greeting: "Hi, I'm Anna Nowak", "Nazywam się Jan Kowalski", "Ik ben Sanne"
    r"(?:(?:hi|hello|hey|hallo|cześć|czesc|hoi|ciao|hola|olá|ola|bonjour|salut)\s*[,!.]?\s*)?"
    r"(?:i['’]m|i\s+am|ich\s+bin|jestem|ik\s+ben|sono|soy|sou|je\s+suis|my\s+name\s+is|"
    r"nazywam\s+się|je\s+m['’]appelle|mi\s+chiamo|me\s+llamo|chamo-me|mein\s+name\s+ist|"
    r"ik\s+heet|mijn\s+naam\s+is|meu\s+nome\s+é|mi\s+nombre\s+es|il\s+mio\s+nome\s+è)\s+|"
    r"(?:(?:resume|résumé|cv|curriculum\s+vitae|lebenslauf|profile)\s+(?:of|von|de|di|van)\s+|"
    r"personal\s+information|informazioni\s+personali|persönliche\s+angaben|"
    r"informations\s+personnelles|"
    r"información\s+personal|informações\s+pessoais|informação\s+pessoal|dati\s+personali|"
    r"informacje\s+(?:osobiste|o\s+kandydacie)|angaben\s+zur\s+person|"
    r"persoonlijke\s+(?:informatie|gegevens)|données\s+personnelles|osobn[íé]\s+údaje|"
    r"személyes\s+adatok|informații\s+personale|личная\s+информация|"
    r"persönliche\s+(?:informationen|daten)|kişisel\s+bilgiler|"
    r"προσωπικ[έε]ς\s+πληροφορ[ίι]ες|προσωπικ[άα]\s+στοιχε[ίι]α|особиста\s+інформація|"
    r"особист[іи]\s+дан[іи])\s*[:：\-–]?\s*)",
    re.IGNORECASE,
)
# A label naming one part: a given name, or a surname (alone it gives half a name).
_GIVEN_WORD = (
    r"(?:first|given|fore)\s*names?|vorname[n]?|prénoms?|prenoms?|imię|imie|imiona|nombres?|"
    r"primeiro\s+nome|"
    r"nome\s+próprio|voornaam|имя|ad|nome|jm[ée]no|k[řr]estn[íi]\s+jm[ée]no|meno|"
    r"kereszt ?n[ée]v|utón[ée]v|prenume|όνομα|ονομα|ім['’]я"
)
_SURNAME_WORD = (
    r"(?:last|family)\s*names?|surnames?|nachname|familienname|nom(?:\s+de\s+famille)?|nazwisko|"
    r"apellidos?|cognome|sobrenome|achternaam|фамилия|soyad(?:ı)?|p[řr][íi]jmen[íi]|priezvisko|"
    r"vezet[ée]kn[ée]v|csal[áa]dn[ée]v|nume|επώνυμο|επωνυμο|прізвище"
)
_FIRST_LABEL = re.compile(rf"^\W*(?:{_GIVEN_WORD}){_PLURAL}\s*[:：\-–]\s*(?=\w)", re.IGNORECASE)
# "Name: Mustermann" over "Vorname: Max": beside a given-name label, a plain "Name" is the
# surname (German and English forms print it so).
_PLAIN_LABEL = re.compile(r"^\W*(?:name|naam)\s*[:：\-–]\s*(?=\w)", re.IGNORECASE)
_LAST_LABEL = re.compile(rf"^\W*(?:{_SURNAME_WORD}){_PLURAL}\s*[:：\-–]\s*(?=\w)", re.IGNORECASE)
# A form's table prints the label in one cell and the value in the next, without a colon.
_FIRST_CELL = re.compile(rf"^\W*(?:{_GIVEN_WORD}){_PLURAL}\s*[:：]?$", re.IGNORECASE)
_LAST_CELL = re.compile(rf"^\W*(?:{_SURNAME_WORD}){_PLURAL}\s*[:：]?$", re.IGNORECASE)
# "Nazwisko i imię: Nowak Anna", "Surname(s) / First name(s)": the surname is printed first.
_SURNAME_FIRST = re.compile(
    rf"^\W*(?:{_SURNAME_WORD}){_PLURAL}\s*(?:,|/|&|and|und|et|e|y|i|и|ve|și|si|a)\s*"
    rf"(?:{_GIVEN_WORD}){_PLURAL}(?!\w)",
    re.IGNORECASE,
)
# Russian "ФИО" and Ukrainian "ПІБ" (surname, given name, patronymic): printed in that order.
_FULL_NAME_RU = re.compile(r"^\W*(?:фио|ф\.и\.о\.|піб|п\.і\.б\.)\s*[:：\-–]?\s", re.IGNORECASE)
_FIRST_LETTER = re.compile(r"[^\W\d_]")
# "Name", "3. Name:" alone on a line: the value is on a later line, if this is a label.
_NAME_ALONE = re.compile(
    rf"^\W*{_ENUMERATOR}(?:{_NAME_WORD}){_PLURAL}(?:\s*/\s*(?:{_NAME_WORD}){_PLURAL})?\s*[:：]?$",
    re.IGNORECASE,
)
# A form's label without its value: "Birth:", "Personal Status:".
_BARE_LABEL = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?[^\W\d_][\w .'’/\-]{0,30}[:：]$")
# A line that ends as a sentence does: a word of five letters or more, then a full stop.
_SENTENCE_END = re.compile(r"[^\W\d_]{5,}\.\s*$")
# Labels that name a part of a name in one form and the whole name in another.
_WHOLE_OR_PART = frozenset(
    {"nome", "nombre", "nombres", "nom", "ad", "nume", "jmeno", "meno", "ονομα"}
)
# What comes between a married name and the name someone was born with: "Anna Nowak z d.
# Kowalska", "Eva Roth geb. Weber", "Marie Martin née Dupont", "épouse", "verh.".
_MAIDEN_MARKS = frozenset({"z", "geb", "geborene", "née", "nee", "épouse", "ép", "verh"})
# A line that ends where a school's patron ("im.", named after) or a street ("ul.") begins.
_WRAPPED_AFTER = re.compile(r"(?<!\w)(?:im|ul|al|pl|os)\.\s*$", re.IGNORECASE)
# A label, then items separated by commas: "Loves: Global Game Jam, Sci-Fi series, …".
_LISTED = re.compile(r"^[^\W\d_][\w ]{1,24}[:：]\s*[^,]+,[^,]+")
# Abbreviated street types that end an address, never a name: "Pearl St", "Volkerts Rd".
_STREET_END = frozenset({"st", "rd", "ave", "blvd", "ln", "hwy", "pkwy", "ul", "str"})
_EDGE_NOISE = re.compile(r"^[^\w(]+|[^\w.)]+$")
# A nickname in quotes that ends a line, and whatever follows its closing quote.
_LAST_NICKNAME = re.compile(rf"\s({_QUOTED})[^\w(]*$")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_RANK_SCORE = (2.0, 1.6, 1.3, 1.0, 0.8, 0.6, 0.4, 0.4)
# A letter's closing: the signature under it is the writer's name (a cover letter's is the
# person's), and the closing itself never is part of one ("Sincerely," over "Tom Baker").
_CLOSING = re.compile(
    r"^\W*(?:(?:yours\s+)?(?:sincerely|faithfully|truly|respectfully)(?:\s+yours)?|"
    r"(?:with\s+)?(?:(?:best|kind|warm|warmest)\s+)?regards|thank\s+you|"
    r"(?:mit\s+)?(?:freundlichen|besten|herzlichen|beste|freundliche|viele)\s+gr(?:ü|ue|u)(?:ß|ss)(?:en|e)|"
    r"z\s+(?:wyrazami\s+szacunku|poważaniem|powazaniem)|(?:serdecznie\s+)?pozdrawiam"
    r"(?:\s+serdecznie)?|(?:bien\s+)?cordialement|(?:distinti|cordiali)\s+saluti|atentamente|"
    r"atenciosamente|cordialmente|saludos(?:\s+cordiales)?|"
    r"met\s+(?:vriendelijke|hartelijke)\s+groet(?:en)?|hoogachtend|с\s+уважением)\W*$",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(
    r"^\W*(?:resume|résumé|cv|curriculum\s+vit(?:ae|æ)|lebenslauf|currículo|curriculo|curriculum|"
    r"hoja\s+de\s+vida|życiorys|zyciorys|levensloop|životopis|резюме|özgeçmiş|ozgecmis|简历|"
    r"önéletrajz|βιογραφικό(?:\s+σημείωμα)?|βιογραφικο(?:\s+σημειωμα)?|"
    r"个人简历|個人簡歷|履歴書|이력서)\W*$",
    re.IGNORECASE,
)
# "CV Terrell O'Keefe", "Resume - Ana Ruiz": the document's title, then the name.
_TITLE_LEAD = re.compile(
    r"^\W*(?:resume|résumé|cv|curriculum\s+vit(?:ae|æ)|lebenslauf|currículo|curriculo|"
    r"curriculum|hoja\s+de\s+vida|życiorys|levensloop|résumé)\s*[:\-–—|]?\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
# A profile address spells the name as an e-mail address does: linkedin.com/in/ana-ruiz.
_PROFILE_HANDLE = re.compile(
    r"(?<![\w\-])(?:linkedin\.com/in|github\.com|gitlab\.com|xing\.com/profile|twitter\.com|"
    r"x\.com)/"
    r"([^\W_][\w.\-%]{2,})",
    re.IGNORECASE,
)
_CONTACT_HINT = re.compile(r"@|https?://|www\.|linkedin|github|\+?\d[\d\s().\-]{6,}\d")


@dataclass(frozen=True)
class FoundName(Found):
    """A name, and its given names when it is printed surname first ("Nowak Anna": "Anna")."""

    given: str = ""


@dataclass
class Candidate:
    name: str
    line: int  # index of its (first) line
    score: float
    how: str  # whole, part, cell, label, two-line
    spelled: float = 0.0  # how much of it the person's e-mail address or profile handle spells


def find_name(
    source: Layout | list[str],
    emails: list[str] = (),
    sections: list[Section] | None = None,
    taxonomy=None,
    text: str | None = None,
    location: str | None = None,
) -> FoundName | None:
    """The person's name as printed, with a confidence, or None when no candidate convinces.

    ``location``: where the header says they live; a place is never their name.
    """
    layout = source if isinstance(source, Layout) else assemble([Line(t) for t in source])[1]
    lines = layout.lines
    if text is None:
        text = "\n".join(line.text for line in lines)
    offsets = layout.offsets()
    candidates = _candidates(layout, offsets, emails, sections or [], taxonomy)
    places = {fold(p.strip()) for p in re.split(r"[,;/|·]", location or "") if p.strip()}
    places |= _postcode_places(layout)
    candidates = [
        c
        for c in candidates
        if fold(c.name) not in places
        and not is_town(c.name)
        and not (c.how == "two-line" and _ends_in_place(c.name, places))
    ]
    if not candidates:
        return None
    best: dict[str, Candidate] = {}
    for cand in candidates:
        key = fold(cand.name)
        if key not in best or cand.score > best[key].score:
            best[key] = cand
    ranked = sorted(best.values(), key=lambda c: -c.score)
    top = ranked[0]
    runner = next((c for c in ranked[1:] if not _overlaps(c.name, top.name)), None)
    lead = top.score - runner.score if runner else top.score
    spelled = _spelled_instead(top, ranked)
    if spelled is not None:
        # Their address spells another candidate in full and none of the winner: a title or a
        # place set large ("Przedstawiciel Handlowy" over "anna.nowak.k@o2.pl") gives way.
        top, runner, lead = spelled, top, MARGIN
    if top.score < THRESHOLD or (lead < MARGIN and top.score < SURE):
        return None
    if top.how == "label-part":
        return None  # "Nazwisko: Nowak" with no given name beside it: half a name is wrong
    raw = 0.5 + 0.06 * (top.score - THRESHOLD) + 0.08 * min(lead, 4.0)
    if spelled is not None:
        raw = min(raw, 0.65)  # chosen against the page's prominence: worth a look
    shorter = _city_after_name(top, ranked)
    if shorter is not None:
        # "Ana Paula" over "LIMA": a surname, or the town she lives in? Say so.
        raw, runner, lead = min(raw, 0.6), shorter, 0.0
    glued = _place_glued(top, emails)
    if glued is not None:
        # "Anna Nowak Kraków" on one line: a town glued on, or a surname that is also a town
        # ("Ana Paula Lima")? An address that leaves the surname out cannot tell: say so.
        raw, runner, lead = min(raw, 0.6), Candidate(glued, top.line, 0.0, "part"), 0.0
    inverted = _inverted_name(top, lines, emails)
    if inverted is not None:
        spelled_out, whole = inverted
        if spelled_out:
            # "SÁNCHEZ PÉREZ, Carlos" and carlos.sanchez@…: surnames, a comma, the given name
            top = Candidate(whole, top.line, top.score, "whole")
        else:
            # "HANS MÜLLER, Wolfsburg" or "SÁNCHEZ PÉREZ, Carlos": a town, or the given name?
            raw, runner, lead = min(raw, 0.6), Candidate(whole, top.line, 0.0, "whole"), 0.0
    longer = _longer_on_two_lines(top, ranked, layout, taxonomy)
    if longer is not None:
        # Plain text: "Anna Maria" over "Nowak", or "Anna Nowak" over her town? Say so.
        raw, runner, lead = min(raw, 0.6), longer, 0.0
    unvouched = _unvouched(top)
    if unvouched:
        raw = min(raw, 0.65)  # "Think Different" set where a name goes: worth a look
    confidence = round(max(0.3, min(raw, 0.99)), 2)
    given = natural_case(_given_names(top, lines))
    doubt = _doubt(top, runner, lead, confidence, unvouched)
    return FoundName(natural_case(top.name), confidence, doubt, given)


# A town after its postcode in an address ("65-001 Zielona Góra", "80331 München",
# "1012 AB Amsterdam"): a place, wherever else it is printed. A year is not a postcode
# ("© 2024 Anna Schmidt").
_POSTCODE_TOWN = re.compile(
    r"(?<![\w-])(?:\d{2}-\d{3}|\d{4}\s?[A-Z]{2}|(?:[A-Z]{1,2}-)?(?!(?:19|20)\d\d\b)\d{4,5})\s+"
    r"([^\W\d_][^\W\d_'’.\-]*(?:[ \-][^\W\d_][^\W\d_'’.\-]*){0,3})"
)


# What makes a town of two words, in the languages we read: a spa ("Bad Homburg"), a new
# town ("Nowy Targ"), "Sankt"/"São" and a saint, "Ciudad"/"Puerto" and a name. Words that are
# also names or surnames in some culture (San, Santa, Villa, New, Fort, Saint, Beach, Góra,
# Wola, Le, La, and the Polish regions' adjectives: Mazowiecki, Pomorska, Śląski are surnames)
# are left to towns.txt, which lists whole places.
_TOWN_SHAPE = re.compile(
    r"^(?:bad|nowy|nowa|nowe|sankt|são|ciudad|puerto)\s+[^\W\d_][\w'’\-]*$", re.IGNORECASE
)
TOWNS_FILE = Path(__file__).resolve().parent.parent / "resources" / "towns.txt"


def _listed(path: Path, key) -> frozenset[str]:
    """The entries of a word list in ``resources/`` (one a line, other spellings after " | ",
    "#" comments), each spelling as ``key`` makes it."""
    out: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        out.update(key(p) for p in line.split("|") if p.strip())
    return frozenset(out)


@lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    """The places of ``resources/towns.txt``, folded, every spelling."""
    return _listed(TOWNS_FILE, _town_key)


def _town_key(text: str) -> str:
    return " ".join(loose_fold(text).replace("-", " ").replace(".", " ").split())


def is_town(candidate: str) -> bool:
    """Whether a name-shaped phrase is a place ("Zielona Góra", "Bad Homburg", "São Paulo")."""
    return _town_key(candidate) in _towns() or bool(_TOWN_SHAPE.match(candidate.strip()))


FIRMS_FILE = Path(__file__).resolve().parent.parent / "resources" / "firms.txt"


@lru_cache(maxsize=1)
def _firms() -> frozenset[str]:
    """The employers of ``resources/firms.txt``, folded, every spelling, "&" and "+" left out."""
    return _listed(FIRMS_FILE, _firm_key)


def _firm_key(text: str) -> str:
    return _town_key(re.sub(r"\s*[&+]\s*", " ", text))


GIVEN_FILE = Path(__file__).resolve().parent.parent / "resources" / "given_names.txt"


@lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    """The given names of ``resources/given_names.txt``, folded."""
    return _listed(GIVEN_FILE, loose_fold)


def _has_given_name(candidate: str) -> bool:
    """Whether a word of a name-shaped phrase is a given name we know ("Anna", "Jean" of
    "Jean-Pierre", "Mehmet"), wherever it stands: surnames come first in some names."""
    known = _given()
    for word in candidate.split():
        folded = loose_fold(word.strip("."))
        if folded in known or any(part in known for part in folded.split("-")):
            return True
    return False


SURNAMES_FILE = Path(__file__).resolve().parent.parent / "resources" / "surnames.txt"
# Polish surnames by their ending ("Kowalski", "Zielińska", "Sienkiewicz"), however rare.
_POLISH_SURNAME = re.compile(r"^[^\W\d_]{3,}(?:[sc]k[ia]|dzk[ia]|wicz)$")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The family names of ``resources/surnames.txt``, folded."""
    return _listed(SURNAMES_FILE, loose_fold)


# The commonest Vietnamese family names, folded: a Vietnamese name is printed surname first and
# its bearer is called by its last word ("Nguyễn Văn Minh" is "Minh"). Ho and Ly, Chinese
# surnames too ("Ho Chi Wai"), are left out.
_VIETNAMESE_SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ngo duong dinh truong".split()
)


def _is_surname(word: str) -> bool:
    """Whether a word is a family name we know, or one part of a double-barrelled one is
    ("Nowak-Kowalska")."""
    parts = loose_fold(word.strip(".")).split("-")
    return any(p in _surnames() or _POLISH_SURNAME.match(p) for p in parts)


def _is_given(word: str) -> bool:
    """Whether one word of a name is a given name we know: "Anna", "Jean-Pierre", "Anna-Maria"
    (every part of it known); "Nowak-Kowalska" is not."""
    known = _given()
    folded = loose_fold(word.strip("."))
    return folded in known or all(part in known for part in folded.split("-"))


def is_firm(candidate: str) -> bool:
    """Whether a name-shaped phrase is an employer named after people ("Leroy Merlin")."""
    return _firm_key(candidate) in _firms()


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """Cities and countries of ``resources/places.txt`` (the job ads' list), folded."""
    from parsing.jobad import places as ad_places

    return frozenset(
        loose_fold(spelling)
        for place in ad_places()[0]
        for spelling in (place.name, *place.aliases)
    )


def known_place(text: str) -> bool:
    """A city or country of the job ads' list, or a town of ``resources/towns.txt``."""
    return loose_fold(text) in _known_places() or is_town(text)


def _city_after_name(top: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """The first line's name alone, when the winner was read from two lines and its last word
    is also a city ("Ana Paula" over "Lima", "Jane Doe" over "Hamburg"): None otherwise."""
    words = top.name.split()
    if top.how != "two-line" or len(words) < 3 or loose_fold(words[-1]) not in _known_places():
        return None
    head = " ".join(words[:-1])
    return next((c for c in ranked if c.name == head and c.line == top.line), None)


def _place_glued(top: Candidate, emails) -> str | None:
    """The name without the city its last word may be ("Anna Nowak Kraków", "Lena Schmidt
    Berlin"); None when the last word is no city we know, the rest is no name of two words,
    or their address spells the city with the rest ("maria.garcia.sevilla@": a surname)."""
    words = top.name.split()
    if len(words) < 3 or top.how == "two-line" or loose_fold(words[-1]) not in _known_places():
        return None
    head = " ".join(words[:-1])
    if _shape(head, None) is None:
        return None
    place = loose_fold(words[-1])
    if any(place in loose_fold(e.split("@")[0]) for e in emails):
        return None
    return head


def _inverted_name(top: Candidate, lines: list[Line], emails) -> tuple[bool, str] | None:
    """When the winner is the part before a comma in capitals and one or two capitalised words
    follow ("SÁNCHEZ PÉREZ, Carlos"): whether the address spells those words, and the whole
    as printed. A role, a known place or a heading after the comma is not a given name."""
    if top.how != "part":
        return None
    m = _SURNAME_COMMA.match(_strip_noise(lines[top.line].text))
    if not m or not m.group(1).isupper() or m.group(2).isupper():
        return None
    given = m.group(2)
    if fold(m.group(1)) != fold(top.name) or ROLE_WORDS.search(given) or known_place(given):
        return None
    if any(loose_fold(w) in _NOT_NAME for w in given.split()):
        return None
    locals_ = [fold(e.split("@")[0]) for e in emails]
    spelled = any(
        any(len(f) > 2 and f in local for f in ascii_spellings(word))
        for word in given.split()
        for local in locals_
    )
    return spelled, f"{m.group(1)} {given}"


def _ends_in_place(name: str, places: set[str]) -> bool:
    """Whether a name read from two lines ends in the place the header gives or in a town of
    two words ("Jane Doe" over "New York"), when the first line is a name by itself."""
    words = name.split()
    if len(words) < 3:
        return False  # "Jack" over "London": the second line is needed, and is the surname
    return loose_fold(words[-1]) in places or is_town(" ".join(words[-2:]))


def _postcode_places(layout: Layout) -> set[str]:
    """Towns printed after a postcode near the top (folded), never a name."""
    out: set[str] = set()
    for i in _zone(layout):
        text = layout.lines[i].text
        if any(ch.isdigit() for ch in text):
            out.update(fold(m.group(1)) for m in _POSTCODE_TOWN.finditer(text))
    return out


def _longer_on_two_lines(
    top: Candidate, ranked: list[Candidate], layout: Layout, taxonomy
) -> Candidate | None:
    """In plain text, the same name with one more word from the line under it, when that line
    could be a surname alone ("Anna Maria" over "Nowak") and the reading scored close: the
    page cannot tell that from a name over a town. None otherwise."""
    if top.how not in ("whole", "titled") or layout.lines[top.line].known:
        return None
    for cand in ranked:
        if (
            cand.how == "two-line"
            and cand.line == top.line
            and cand.name.startswith(top.name + " ")
            and cand.score >= top.score - 1.0
            and _surname_below(layout.lines, top.line, taxonomy)
        ):
            return cand
    return None


def _surname_below(lines: list[Line], i: int, taxonomy) -> bool:
    """Whether the line under line i is one word that may be a surname, with contact details,
    an address or a blank line under it. A word that is anything else (a role, a heading, a
    skill, a document's title) is not."""
    j = i + 1
    if j >= len(lines):
        return False
    word = _strip_noise(lines[j].text)
    if (
        len(word.split()) != 1
        or len(word) < 2
        or not _TOKEN.match(word)
        or not word[0].isupper()
        or loose_fold(word) in _NOT_NAME
        or ROLE_WORDS.search(word)
        or heading_kind(word)
        or (taxonomy is not None and taxonomy.lookup(word) is not None)
    ):
        return False
    if j + 1 >= len(lines) or not lines[j + 1].text.strip():
        return True
    under = lines[j + 1].text  # an address, a number, an e-mail: the header goes on
    return _holds_contact(under) or any(ch.isdigit() for ch in under)


def _holds_contact(text: str) -> bool:
    """Whether a line holds contact details (an address, a number, a profile)."""
    return bool(_CONTACT_HINT.search(text) or PHONE_LABEL.search(text + " "))


def _spelled_instead(top: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """A candidate that the person's address spells (two of its words) when the winner shares
    not a word with it, or None."""
    if top.spelled > 0:
        return None
    return next(
        (
            c
            for c in ranked
            if c.spelled >= STRONG_SPELLING
            and c.score >= THRESHOLD
            and not _overlaps(c.name, top.name)
        ),
        None,
    )


def _unvouched(top: Candidate) -> bool:
    """Whether nothing but the page vouches for a name: no label, no address spelling any of
    it, and no given name we know in a name of the Latin script ("Think Different" over
    kontakt.praca@…)."""
    if top.how == "label" or top.spelled > 0:
        return False
    if not top.name.isascii() and script_of(top.name) != "latin":
        return False
    return not _has_given_name(top.name)


def _doubt(
    top: Candidate, runner: Candidate | None, lead: float, confidence: float, unvouched: bool
) -> str:
    """What a recruiter should check about the chosen name, if anything."""
    if confidence >= 0.7:
        return ""
    if runner is not None and lead < 1.5:
        return f"could also be “{natural_case(runner.name)}”"
    if top.how == "two-line":
        return "read from two lines"
    if unvouched:
        return "no given name we know, and the e-mail address does not spell it"
    return "not set apart from the text around it"


def _overlaps(a: str, b: str) -> bool:
    """Candidates that are the same name in part ("Ana Ruiz" and "Ana Ruiz Soto") do not compete."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return bool(wa & wb)


def _zone(layout: Layout) -> range:
    """The lines a name may be on: page one of a laid-out document, else the first 40 lines."""
    if layout.geometry:
        end = next((i for i, line in enumerate(layout.lines) if line.page > 0), len(layout.lines))
        return range(min(end, 90))
    return range(min(len(layout.lines), 40))


def _candidates(layout: Layout, offsets: list[int], emails, sections, taxonomy) -> list[Candidate]:
    lines = layout.lines
    zone = _zone(layout)
    sizes = [lines[i].size for i in zone if lines[i].size and _TWO_LETTERS.search(lines[i].text)]
    largest = max(sizes) if sizes else 0.0
    body = layout.body_size or (sorted(sizes)[len(sizes) // 2] if sizes else 0.0)
    locals_ = [fold(e.split("@")[0]) for e in emails] + _handles(lines, zone)
    context = _Context(layout, offsets, sections, largest, body, locals_, taxonomy)
    shapes: dict[tuple[str, bool], float | None] = {}
    shaped_lines: list[tuple[int, int, list[tuple[str, str, float]]]] = []  # (line, rank, readings)
    rank = 0
    for i in zone:
        line = lines[i]
        if not line.text.strip():
            continue
        if not _may_hold_name(line):
            rank += 1
            continue
        readings = []
        for name, how in _readings(line, _next_text(lines, i), lines, i, taxonomy):
            name = _clean(name)
            key = (name, how in ("label", "label-part"))
            if key not in shapes:
                shapes[key] = _shape(name, taxonomy, single=key[1])
            if shapes[key] is not None:
                readings.append((name, how, shapes[key]))
            elif _in_small_letters(name) and context.email_match(name) >= STRONG_SPELLING:
                # A design that sets the name in small letters ("anna nowak"): a name only
                # when their address spells it, and then written with its capitals.
                capitalised = _capitalised(name)
                shaped = _shape(capitalised, taxonomy)
                if shaped is not None:
                    readings.append((capitalised, how, shaped))
        if readings:
            shaped_lines.append((i, rank, readings))
        rank += 1
    context.first_shaped = shaped_lines[0][0] if shaped_lines else None
    out: list[Candidate] = []
    for i, rank, readings in shaped_lines:
        for name, how, shaped in readings:
            spelled = context.email_match(name)
            if spelled < STRONG_SPELLING and is_firm(name):
                continue  # "Leroy Merlin", "Morgan Stanley": an employer, unless it is theirs
            score = shaped + context.score(i, rank, how, name) + spelled
            out.append(Candidate(name, i, score, how, spelled))
    return out


def _handles(lines: list[Line], zone: range) -> list[str]:
    """The handles of profile addresses printed or linked near the top ("ana-ruiz")."""
    out = []
    for i in zone:
        for where in (lines[i].text, *lines[i].links):
            out += [fold(m.group(1)) for m in _PROFILE_HANDLE.finditer(where)]
    return out


def _next_text(lines: list[Line], i: int) -> Line | None:
    """The next line with text: across a column break when the page's layout says it is close."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].text.strip():
            if j > i + 1 and not (lines[i].top >= 0 and 0 <= lines[j].top - lines[i].top < 0.06):
                return None
            return lines[j]
    return None


def _below(lines: list[Line], i: int) -> Line | None:
    """The line under line i in its block: the next line with text, or, on a page, the next
    that starts, ends or is centred where it is, passing over a block printed beside it on
    the same rows (the contact details at the right of a name set in two lines)."""
    line = lines[i]
    if line.top < 0 or line.left < 0:
        return _next_text(lines, i)
    for j in range(i + 1, min(i + 5, len(lines))):
        other = lines[j]
        if not other.text.strip():
            continue
        if other.page != line.page or not 0 <= other.top - line.top < 0.08:
            return None
        if _aligned(line, other):
            return other
        if other.left < line.left + 0.25:
            return None  # something else starts under it: the block goes on elsewhere
    return None


def _aligned(a: Line, b: Line) -> bool:
    """Whether two lines start, end or are centred at the same place on the page. A row of
    pieces far apart ends where its last piece does: only its start counts."""
    if a.right < 0 or b.right < 0 or a.cells or b.cells:
        return abs(a.left - b.left) <= 0.03
    return (
        abs(a.left - b.left) <= 0.03
        or abs(a.right - b.right) <= 0.03
        or abs(a.left + a.right - b.left - b.right) <= 0.06
    )


def _first_cell(line: Line) -> str:
    """A line's text, or its first piece when pieces of it are far apart on the row."""
    return line.cells[0] if len(line.cells) > 1 else line.text


def _given_over_surname(head: str, line: Line, below: Line) -> bool:
    """ "Katarzyna" in a light face over "DĄBROWSKA" in bold, larger: a design's name in two
    lines set unalike. The first line holds given names we know and nothing else; the second
    is as large or at most a third smaller, and both are set larger than text is."""
    words = [w for w in _TITLE_PREFIX.sub("", head).split() if not _NICKNAME.match(w)]
    if not 1 <= len(words) <= 2 or not all(_is_given(w) for w in words):
        return False
    if not (line.known and below.known) or line.column != below.column:
        return False
    small, large = sorted((line.size, below.size))
    return small >= 14 and small >= 0.6 * large


def _may_hold_name(line: Line) -> bool:
    """A cheap first look: a name starts with a capital (or an uncased letter), or a label,
    or it is a few words in small letters alone on their line (a design's "anna nowak")."""
    if line.top > 0.8:
        return False  # the foot of the page
    m = _FIRST_LETTER.search(line.text)
    if m is None:
        return False
    return (
        not m.group().islower()
        or bool(_LABEL.match(line.text))
        or bool(_TITLE_PREFIX.match(line.text.lstrip()))
        or (len(line.text) < 48 and _in_small_letters(line.text.strip()))
    )


def _readings(
    line: Line, nxt: Line | None, lines: list[Line], i: int, taxonomy=None
) -> list[tuple[str, str]]:
    """The ways a line may hold a name."""
    text = _strip_noise(line.text)
    out: list[tuple[str, str]] = []
    if _CLOSING.match(line.text):
        return out
    labelled = _LABEL.match(line.text.strip()) or _LABEL.match(text)
    if not labelled and _SENTENCE_END.search(line.text):
        return out  # "Netzwerksüchtiger Katzenliebhaber.": a sentence, not a name
    if i > 0 and _WRAPPED_AFTER.search(lines[i - 1].text):
        return out  # "Liceum im." / "Tadeusza Kościuszki": a patron; "ul." / a street
    value = None
    if labelled and labelled.end() < len(labelled.string):
        value = labelled.string[labelled.end() :]
        value = _strip_noise(re.split(r"\s{2,}|\s*[|•·;]\s*|\s+\w+\s*:", value)[0])
    elif labelled and _NAME_ALONE.match(line.text.strip()):
        value = _label_value(lines, i)
    elif labelled and nxt is not None and nxt.text.strip() and not _LABEL.match(nxt.text.strip()):
        # "PERSONAL INFORMATION" over the name; over "Name: …", that line reads itself
        value = _strip_noise(nxt.text)
    if value is not None:
        # A label that names one part ("Imię: Anna") gives half a name: the parts together
        # (below) make the candidate, not the half.
        part = _FIRST_LABEL.match(text) or _LAST_LABEL.match(text)
        # "Imiona: Anna Maria" is half a name in two words; "Nome: João Silva" and "Nom:
        # Marie Dupont" are whole ones, as Portuguese, Spanish and French forms use the label.
        whole = part is not None and fold(part.group()).strip(" :-–") in _WHOLE_OR_PART
        half = part and (len(value.split()) == 1 or not whole)
        half = half or (_PLAIN_LABEL.match(text) and _beside_given(lines, i))
        out.append((value, "label-part" if half else "label"))
    out.append((text, "whole"))
    inverted = _comma_inverted(text)
    if inverted:
        out.append((inverted, "inverted"))
    titled = _TITLE_LEAD.match(text)
    if titled:
        out.append((text[titled.end() :], "titled"))
    for cell in line.cells:
        out.append((_strip_noise(cell), "cell"))
        out += _cell_readings(cell.strip(), lines, i)
    if len(line.cells) > 1:
        # "Imię: Jakub" | "Nazwisko: Nowicki" side by side on one row: one name
        firsts = [v for v in (_part_label(c, _FIRST_LABEL) for c in line.cells) if v]
        lasts = [v for v in (_part_label(c, _LAST_LABEL) for c in line.cells) if v]
        if len(firsts) == len(lasts) == 1:
            out.append((f"{firsts[0]} {lasts[0]}", "label"))
    # "Loves: Global Game Jam, Sci-Fi series": a label, then a list; its items are things.
    listed = _LISTED.match(text) and not labelled
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if len(parts) > 1 and not listed:
        for part in parts[:2]:
            out.append((part, "part"))
    # A name followed by its title on one line: "Allen King ESB Developer". Before a room
    # or a suite ("Lucina Hall Room 220") the words name a building; a line that ends in an
    # institution names it ("Campbell Family Mental Health Research Institute").
    words = text.split()
    if len(line.cells) > 1:
        # pieces far apart on the row ("Olena Kovalenko" … "QA Engineer"): a name's words
        # are in one of them, never across ("Olena Kovalenko QA")
        words = _strip_noise(line.cells[0]).split()
    before_comma = text.split(",")[0].split()
    if words and any(
        loose_fold(w[-1].strip(".,")) in INSTITUTIONS for w in (words, before_comma) if w
    ):
        words = []  # "Queen Elizabeth's Grammar School, Blackburn": named after someone
    if any(_legal_form(word) for word in words[2:]):
        words = []  # "Mariusz Nowak Transport Sp. z o.o.": a firm named after its owner
    for size in range(min(len(words) - 1, 5), 1, -1):
        if fold(words[size].strip(".,")) in BUILDING_PARTS:
            continue
        if _is_house_number(words, size):
            continue  # "Adama Mickiewicza 12/4": a street named after someone, and its number
        if _ends_name(words[size], " ".join(words[:size])):
            out.append((" ".join(words[:size]), "part"))
    # Given name and surname on two lines, printed alike ("MARIE" / "DUPONT", "Anna Maria" /
    # "SCHMIDT"). One of the two is a single word: two lines of two words each are two
    # things ("Protocol Buffers" over "Jane Doe"), unless the page shows them set as one.
    below = _below(lines, i)
    if below is not None and 1 <= len(words) <= 3:
        head = " ".join(words)
        rest = _strip_noise(_first_cell(below))
        counts = sorted((_name_words(head), _name_words(rest)))
        single = counts[0] == 1 or (line.known and below.known and counts[0] > 0)
        skill = taxonomy is not None and any(
            taxonomy.lookup(part) is not None for part in (head, rest)
        )  # "Protocol Buffers" over "Jane Doe": a skill and a name
        heading = heading_kind(head) or heading_kind(rest)  # "Poznań" over "O MNIE"
        if (
            len(words) + len(rest.split()) <= 5
            and single
            and (_alike(line, below) or _given_over_surname(head, line, below))
            and not skill
            and not heading
        ):
            out.append((f"{head} {rest}", "two-line"))
    # "First name: Anna" over "Last name: Nowak", or a table's rows "Nome | Giulia" over
    # "Cognome | Bianchi": one name from two labels.
    if nxt is not None:
        for given, surname in ((line, nxt), (nxt, line)):
            first = _part_label(given.text, _FIRST_LABEL) or _cell_value(given, _FIRST_CELL)
            last = (
                _part_label(surname.text, _LAST_LABEL)
                or _cell_value(surname, _LAST_CELL)
                or _part_label(surname.text, _PLAIN_LABEL)
            )
            if first and last:
                out.append((f"{first} {last}", "label"))
    return out


def _comma_inverted(text: str) -> str | None:
    """ "Weber, Thomas", "Bakker, Pieter Jan": a surname, a comma and given names we know, as
    one name in its printed order; None for anything else ("Anna Nowak, Kraków")."""
    m = _SURNAME_COMMA.match(text)
    if not m:
        return None
    surname, given = m.groups()
    if _is_given(surname.split()[0]) or known_place(surname):
        return None
    if not all(_is_given(word) for word in given.split()):
        return None
    return f"{surname} {given}"


def _cell_readings(cell: str, lines: list[Line], i: int) -> list[tuple[str, str]]:
    """A piece of a row read as a line of its own: "Resume of Emily Chen" or "CV – Jan
    Kowalski" beside the contact details printed at the right of the same row."""
    out = []
    labelled = _LABEL.match(cell)
    part = _FIRST_LABEL.match(cell) or _LAST_LABEL.match(cell)
    if labelled and labelled.end() < len(cell) and not part:
        value = _strip_noise(cell[labelled.end() :])
        half = _PLAIN_LABEL.match(cell) and _beside_given(lines, i)
        out.append((value, "label-part" if half else "label"))
    titled = _TITLE_LEAD.match(cell)
    if titled:
        out.append((_strip_noise(cell[titled.end() :]), "titled"))
    return out


_SURNAME_COMMA = re.compile(
    r"^([^\W\d_][^\W\d_'’\-]+(?:[ \-][^\W\d_][^\W\d_'’\-]+){0,2}),\s*"
    r"([^\W\d_][^\W\d_'’\-]+(?:[ \-][^\W\d_][^\W\d_'’\-]+){0,2})$"
)


# A house number after a street ("12", "12/4", "7a", "15 m. 3"); a year is not one.
_HOUSE_NUMBER = re.compile(r"^(?!(?:19|20)\d\d\b)\d{1,4}[a-zA-Z]?(?:/\d{1,4}[a-zA-Z]?)?[,;]?$")


def _is_house_number(words: list[str], n: int) -> bool:
    """Whether words[n] is the house number that ends a street: the line ends there, or a
    comma follows, or a postcode ("12/4, 60-101 Poznań"). Digits in groups after it are a
    telephone number ("Anna Nowak 601 234 567"); a word after it begins an address ("Hal
    Doyle 123 Main St.")."""
    if not _HOUSE_NUMBER.match(words[n]):
        return False
    if n + 1 >= len(words) or words[n].endswith((",", ";")):
        return True
    postcode = re.match(r"^(?:\d{2}-\d{3}|\d{4,5})[,;]?$", words[n + 1])
    return bool(postcode) and (n + 2 >= len(words) or not words[n + 2][:1].isdigit())


def _label_value(lines: list[Line], i: int) -> str | None:
    """The value of a "Name" label printed alone on line i: on the next line with letters
    (its colon may stand alone between them, as a form's table exports), or, when the label
    heads a column of labels ("Name:", "Birth:", "Nationality:") read before their values,
    on the first line after them.

    Without a colon, "Name" is a table's header ("Name  Skill Level"), not a label. A value
    on a line of its own is a whole name: one word there is more often something else
    ("Name:" over "Designation:" in a referee's block)."""
    labels = 0
    colon = re.search(r"[:：]\s*$", lines[i].text) is not None
    for j in range(i + 1, min(i + 10, len(lines))):
        text = lines[j].text.strip()
        here, there = lines[i], lines[j]
        if here.top >= 0 and (there.page, there.column) != (here.page, here.column):
            return None  # another column or page: not this label's value (on a page we see)
        if not _FIRST_LETTER.search(text):
            colon = colon or text in (":", "：")
            continue
        if not colon:
            return None
        if _BARE_LABEL.match(text):
            labels += 1
            continue
        value = _strip_noise(text)
        return value if labels < 4 and len(value.split()) >= 2 else None
    return None


def _given_names(top: Candidate, lines: list[Line]) -> str:
    """The given names of a name printed surname first, as printed, or "" when it is printed
    given names first or nothing says which is which.

    A label says so ("Nazwisko i imię: Nowak Anna", "Apellidos y nombre: García López Ana"),
    as does a surname in capitals before the rest ("MARTIN Claire", "DE LA CRUZ Ana"). Their
    address cannot: "nowak.anna@" and "anna.nowak@" are both common. The name itself stays
    as printed; this is how a message greets them."""
    words = top.name.split()
    if len(words) < 2:
        return ""
    if top.how == "inverted":
        return _SURNAME_COMMA.match(_strip_noise(lines[top.line].text)).group(2)
    caps = [len(w.strip(".")) > 1 and w.isupper() for w in words]
    if caps[0] and not all(caps):
        rest = words[caps.index(False) :]
        # "MARTIN Claire": a surname of three letters or more in capitals, then given names
        # written as names are ("AJ Smith", "JOHN SMITH Jr.", "JOHN McDonald" say nothing).
        plain = all(len(w) > 1 and w[0].isupper() and w[1:].islower() for w in rest)
        surname = any(len(w) > 2 for w in words[: caps.index(False)])
        suffix = any(w.strip(".").lower() in ("jr", "sr", "jnr", "snr") for w in rest)
        return " ".join(rest) if plain and surname and not suffix else ""
    printed = _strip_noise(lines[top.line].text)
    label = _SURNAME_FIRST.match(printed) if top.how == "label" else None
    if top.how == "label" and _FULL_NAME_RU.match(printed) and len(words) in (2, 3):
        # "ФИО: Смирнов Дмитрий Алексеевич": surname, given name, patronymic. The given name
        # and the patronymic together are the polite form of address; "Hi …," takes the first.
        return " ".join(words[1:])
    if label:
        # A Spanish form's "Apellidos" are two; elsewhere a surname is one word (or hyphenated).
        surnames = 2 if re.search(r"apellidos|apellido\(s\)", label.group(), re.I) else 1
        return " ".join(words[min(surnames, len(words) - 1) :])
    # "Nowak Anna Maria", "Nagy Péter", "Wang Wei": a surname we know that is no given name,
    # then given names we know to the end. ("Anna Nowak" says nothing, nor "Maximo Graham":
    # a given name we do not know, before a surname that is a given name too.)
    known = [_is_given(w) for w in words]
    if known[0] or not known[-1] or not _is_surname(words[0]):
        return ""
    if loose_fold(words[0]) in _VIETNAMESE_SURNAMES:
        return words[-1]  # "Pham Duc Huy" is Mr Huy: the last name is the one people use
    start = len(words) - 1
    while known[start - 1]:
        start -= 1
    return " ".join(words[start:])


def _name_words(text: str) -> int:
    """Words of a name, leaving out particles ("van", "de la") in small letters, and also
    capitalised inside a name; a capitalised first word counts ("Ben Jerry" is two words,
    "de la Cruz" one)."""
    return sum(
        1
        for n, w in enumerate(text.split())
        if w.lower() not in PARTICLES or (n == 0 and w[:1].isupper())
    )


def _part_label(text: str, label: re.Pattern) -> str | None:
    """The value after a first-name or a last-name label, when it is a word or two."""
    m = label.match(text.strip())
    if not m:
        return None
    value = _strip_noise(text.strip()[m.end() :])
    return value if 1 <= len(value.split()) <= 3 else None


def _legal_form(word: str) -> bool:
    """Whether a word is a company's legal form ("Sp.", "GmbH", "S.A.", "AG")."""
    bare = word.strip(".,;()").replace(".", "")
    return loose_fold(bare) in LEGAL_FORMS or bare in LEGAL_FORMS_CAPITALS


def _beside_given(lines: list[Line], i: int) -> bool:
    """Whether the line before or after line i holds a given-name label ("Vorname: Max")."""
    return any(
        0 <= j < len(lines) and _FIRST_LABEL.match(lines[j].text.strip()) for j in (i - 1, i + 1)
    )


def _cell_value(line: Line, label: re.Pattern) -> str | None:
    """The value in the cell after a label's cell ("Cognome" | "Bianchi"), a word or two."""
    if len(line.cells) != 2 or not label.match(line.cells[0].strip()):
        return None
    value = _strip_noise(line.cells[1])
    return value if 1 <= len(value.split()) <= 3 else None


def _alike(a: Line, b: Line) -> bool:
    if a.known and b.known:
        if abs(a.size - b.size) > 0.6 or a.page != b.page or a.column != b.column:
            return False
        return a.top < 0 or b.top - a.top < 0.08
    return True


def _strip_noise(text: str) -> str:
    text = text.strip()
    nickname = _LAST_NICKNAME.search(text)
    if nickname:  # 'IFEOMA “IFY”': the closing quote stays with the nickname it closes
        text = _EDGE_NOISE.sub("", text[: nickname.end(1)]) + nickname.group(1)[-1]
    else:
        text = _EDGE_NOISE.sub("", text)
    return text.strip(" .")


def _ends_name(word: str, prefix: str) -> bool:
    """Whether ``word`` cannot continue the name ``prefix`` (a role, an acronym, a lower word)."""
    bare = word.strip(".,")
    return (
        bare.lower() in _MAIDEN_MARKS
        or not _TOKEN.match(word)
        or loose_fold(bare) in _NOT_NAME
        or bool(ROLE_WORDS.match(bare))
        or (len(bare) > 1 and bare.isupper() and not prefix.isupper())
    )


def _shape(candidate: str, taxonomy, single: bool = False) -> float | None:
    """How much a string looks like a person's name by itself, or None when it cannot be one.

    ``single``: one word is enough (the value after a "Name" label).
    """
    name = candidate
    if not name or len(name) > 60:
        return None
    if _CJK_NAME.match(name.replace(" ", "")) and len(name.split()) <= 2:
        return 1.5
    words = name.split()
    plain = [w for w in words if not _NICKNAME.match(w)]
    # Five words at most, not counting particles: "Juan Carlos Hernández de la Cruz" is one.
    if not (1 if single else 2) <= len(plain) <= 7 or len(words) - len(plain) > 1:
        return None
    if _name_words(" ".join(plain)) > 5:
        return None
    if not all(_TOKEN.match(w) for w in plain):
        return None
    if single and len(plain) == 1:
        word = plain[0]
        ok = len(word) > 1 and word[0].isupper() and loose_fold(word) not in _NOT_NAME
        return 0.5 if ok and not heading_kind(word) else None  # "Sommario" under a label
    significant = [
        w
        for w in plain
        if not (w.lower() in PARTICLES and (w.islower() or (len(plain) > 2 and w.isupper())))
    ]
    if len(significant) < 2 or sum(1 for w in significant if len(w.strip(".")) > 1) < 2:
        return None
    if any(loose_fold(part) in _NOT_NAME for w in significant for part in w.strip(".").split("-")):
        return None
    if any(len(w) >= 7 and _NOT_NAME_ENDING.search(w.lower()) for w in significant):
        return None
    if any(len(w) > 1 and not w.strip(".").lower().strip("x") for w in plain):
        return None  # "Xxxx": a placeholder
    if loose_fold(plain[-1].strip(".")) in _STREET_END:
        return None  # "Decker St": a street
    cased = name.isascii() or script_of(name) in (
        "latin",
        "cyrillic",
        "greek",
        "armenian",
        "georgian",
    )
    if cased:
        if not all(w[0].isupper() for w in significant):
            return None
        # An acronym among ordinary capitalised words is a product or a team, not a name.
        # A surname in capitals ("Marie DUPONT", "MARTIN Claire") comes first or last.
        caps = [n for n, w in enumerate(significant) if len(w.strip(".")) > 1 and w.isupper()]
        run = caps == list(range(caps[0], caps[-1] + 1)) if caps else True
        touches = bool(caps) and (caps[0] == 0 or caps[-1] == len(significant) - 1)
        if not _all_caps(name) and caps and not (run and touches):
            return None  # "Anna Maria SCHMIDT", "DE LA CRUZ Ana": one run of capitals at one end
    if ROLE_WORDS.search(name) or heading_kind(name):
        return None
    # "Inne Umiejętności", "Weitere Kenntnisse": a heading the vocabulary lacks, around a word
    # that is a heading by itself (long words only: "Else", "Corsi", "Kennis" are names too).
    if len(significant) > 1 and any(len(w) >= 7 and heading_kind(w) for w in significant):
        return None
    if taxonomy is not None:
        if taxonomy.lookup(name) is not None:
            return None
        # "Protocol Buffers": every word a skill. (One word may be: "Ada", "Julia Ruby".)
        if all(len(w) > 2 and taxonomy.lookup(w) is not None for w in significant):
            return None
    score = {2: 1.2, 3: 1.2, 4: 1.1, 5: 0.5}.get(len(plain), 0.0)
    if cased and not _all_caps(name) and any(len(w) > 1 and w.isupper() for w in significant):
        score += 0.3  # "Marie DUPONT", "MARTIN Claire": the surname in capitals
    return score


# A form of address before a name: a cover letter's addressee, whom nobody writes before their
# own name on their resume ("Pan Tomasz Zieliński", "Frau Dr. Anna Weber").
_ADDRESSEE = re.compile(r"^(?:pan|pani|herr|frau)\s+(?:[^\W\d_]+\.\s+)*[^\W\d_]", re.IGNORECASE)
# Courtesy titles, taken off only when a whole name of two words or more follows. "Pan" (a
# Polish "Mr") is left: it is a Chinese surname ("Pan Wei Ming").
_COURTESY = re.compile(
    r"^(?:pani|mme|mlle|madame|monsieur|señora?|señorita|senhora?|signora?|sig\.ra|"
    r"mevrouw|meneer|dhr\.|mevr\.)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)


def _clean(candidate: str) -> str:
    name = " ".join(candidate.split()).strip(" .,-–:")
    name = _COURTESY.sub("", _TITLE_PREFIX.sub("", name))
    previous = None
    while previous != name:
        previous = name
        name = _DEGREE_SUFFIX.sub("", name).strip(" ,")
    return name


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


class _Context:
    """Scores a candidate by where it sits and how it is printed."""

    def __init__(
        self, layout: Layout, offsets, sections, largest: float, body: float, locals_, taxonomy
    ):
        self.layout = layout
        self.offsets = offsets
        self.sections = sections
        self.largest = largest
        self.body = body
        self.locals = locals_
        self.first_section = sections[0].start if sections else None
        self.first_shaped: int | None = None  # the first line that holds a name-shaped phrase
        self._contacts: dict[int, bool] = {}
        self._under: dict[int, bool] = {}

    def _under_given(self, i: int) -> bool:
        """Whether line i is the second half of a name set in two lines unalike: a line of
        given names we know sits above it (see _given_over_surname)."""
        if i not in self._under:
            lines, self._under[i] = self.layout.lines, False
            for k in range(i - 1, max(i - 5, -1), -1):
                if _below(lines, k) is lines[i]:
                    self._under[i] = _given_over_surname(_first_cell(lines[k]), lines[k], lines[i])
                    break
        return self._under[i]

    def _contact(self, j: int) -> bool:
        """Whether line j holds contact details (an address, a number, a profile)."""
        known = self._contacts.get(j)
        if known is None:
            known = self._contacts[j] = _holds_contact(self.layout.lines[j].text)
        return known

    def score(self, i: int, rank: int, how: str, name: str) -> float:
        lines = self.layout.lines
        line = lines[i]
        score = 0.0
        # prominence
        if line.size and self.body:
            ratio = line.size / self.body
            if self.largest and line.size >= self.largest - 0.25:
                score += 3.0
            elif ratio >= 1.5:
                score += 2.0
            elif ratio >= 1.2:
                score += 1.2
            elif ratio > 1.05:
                score += 0.5
            elif ratio < 0.95:
                score -= 1.0
        if line.style:
            if line.style == "title" or line.style.startswith("title"):
                score += 2.5
            elif line.style == "subtitle":
                score -= 1.0
        if line.bold:
            score += 0.4
        if line.spaced:
            score += 0.4
        # position
        if line.top >= 0:
            if line.page > 0:
                score -= 3.0
            elif line.top < 0.12:
                score += 1.5
            elif line.top < 0.25:
                score += 0.8
            elif line.top > 0.5:
                score -= 1.0
        else:
            # Without a page to look at, the order of lines is the evidence left.
            score += _RANK_SCORE[rank] if rank < len(_RANK_SCORE) else (0.0 if rank < 12 else -1.0)
            if self.first_shaped is not None and i == self.first_shaped:
                score += 0.5
        if i > 0 and _TITLE_LINE.match(lines[i - 1].text):
            score += 0.8  # right under "RESUME", "Curriculum Vitae"
        before_sections = self.first_section is None or self.offsets[i] < self.first_section
        if i > 0 and _CLOSING.match(lines[i - 1].text) and before_sections:
            # the signature under the "Sincerely," of a cover letter before the resume (a
            # referee's letter after it is signed by someone else)
            score += 1.0
        # where in the document
        section = section_at(self.sections, self.offsets[i])
        if section is not None and section.kind not in (CONTACT, PERSONAL, SUMMARY):
            score -= 3.0
        elif section is None and (
            self.first_section is None or self.offsets[i] < self.first_section
        ):
            score += 0.5
        # neighbourhood: contact details or a role beside it
        if any(
            self._contact(j) and lines[j].column == line.column and lines[j].page == line.page
            for j in range(max(0, i - 3), min(len(lines), i + 5))
            if j != i
        ):
            score += 0.7
        # Plain text: the first name-shaped line, to itself, right above the address, the
        # number or the e-mail, is the first line of the person's header.
        below = _next_text(lines, i)
        if (
            how in ("whole", "titled")
            and line.top < 0
            and i == self.first_shaped
            and below is not None
            and below.column == line.column
            and self._contact(lines.index(below, i + 1))
        ):
            score += 0.6
        if (
            i + 1 < len(lines)
            and ROLE_WORDS.search(lines[i + 1].text)
            and len(lines[i + 1].text) < 80
        ):
            score += 0.4
        # patterns
        if how == "label":
            score += 4.0
        elif how == "label-part":
            score += 1.0  # half a name: never ahead of a whole one
        elif how == "two-line":
            # "MARIE" over "DUPONT", set alike: one name. Without a page to look at, a guess.
            # A name of three or four words split in two ("Anna Maria" / "NOWAK", "María José"
            # / "García López") is one too: the first line alone would be part of it, a wrong
            # name. Two lines of two words each are less sure ("Protocol Buffers" / "Jane Doe").
            nxt = _below(lines, i)
            alike = nxt is not None and line.known and nxt.known and line.bold == nxt.bold
            paired = nxt is not None and _given_over_surname(_first_cell(line), line, nxt)
            first = len(_first_cell(line).split())
            second = len(_first_cell(nxt).split()) if nxt else 0
            if paired:
                score += 1.2  # given names we know over the rest: the surname alone is half
            elif alike and (first == 1 or second == 1):
                score += 0.5
            elif alike and first == second == 2:
                score += 0.3
            else:
                score -= 0.4
        elif how in ("part", "cell"):
            score -= 0.3 if len(line.text) < 60 else 0.6
        elif how == "whole" and (EMAIL_RE.search(line.text) or URL_RE.search(line.text)):
            score -= 2.0
        elif how == "whole" and len(line.cells) > 1 and any(len(c.split()) > 1 for c in line.cells):
            # Pieces far apart on one row ("Bad Homburg" in a sidebar beside the name): a name
            # is printed in one piece, so each cell is read on its own. A name whose words are
            # the pieces ("ANNA" | "NOWAK", spaced wide) stays whole.
            score -= 1.0
        if how in ("whole", "cell") and self._under_given(i):
            score -= 0.8  # "DELLA VALLE" under "MARCO": the surname half of a name
        if _all_caps(name):
            score += 0.2
        if how != "label" and _ADDRESSEE.match(line.text.strip()):
            score -= 1.5  # "Pan Tomasz Zieliński", "Frau Dr. Weber": a letter's addressee
        return score

    def email_match(self, name: str) -> float:
        # Each word as an address may type it: "Michał" michal, "Müller" mueller, "Иван" ivan.
        parts = [ascii_spellings(p) for p in re.split(r"[\s\-'’.]+", name) if len(p) > 1]
        best = 0.0
        for local in self.locals:
            hits = [
                next(f for f in forms if len(f) > 2 and f in local)
                for forms in parts
                if any(len(f) > 2 and f in local for f in forms)
            ]
            initials = len(parts) >= 2 and any(
                local.startswith(first[0] + last) or local.startswith(last + first[0])
                for first in parts[0]
                for last in parts[-1]
            )
            if len(hits) >= 2 or (initials and hits and len(hits[0]) >= 4):
                # Two words, or an initial and a whole surname ("pdabrowski"): spelt out.
                best = max(best, STRONG_SPELLING)
            elif hits and len(hits[0]) >= 4:
                best = max(best, 1.2)
            elif hits or initials:
                best = max(best, 0.8)
        return best


# Two to four words in small letters ("anna nowak", "jan van dijk", "michał dąbrowski").
_LOWER_WORDS = re.compile(r"^[^\W\d_]{2,}(?:[ \-][^\W\d_]+){1,3}$")


def _in_small_letters(text: str) -> bool:
    return text.islower() and _LOWER_WORDS.match(text) is not None


def _capitalised(name: str) -> str:
    """A name typed in small letters, with its capitals: "anna nowak-kowalska" ->
    "Anna Nowak-Kowalska", "jan van dijk" -> "Jan van Dijk" (a particle inside stays small)."""
    words = name.split()
    return " ".join(
        w if 0 < n < len(words) - 1 and w in PARTICLES else "-".join(_cap(p) for p in w.split("-"))
        for n, w in enumerate(words)
    )


# Italian surnames keep the capital of their particle ("Della Valle", "Di Maio", "Degli
# Esposti"), where Dutch, German, French and Spanish ones do not ("van Dijk", "de la Cruz").
_SMALL_PARTICLES = frozenset(PARTICLES) - {"della", "degli", "dei", "di", "dello", "delle"}


def natural_case(name: str) -> str:
    """A name as a person writes it: capitals where they belong ("Marie DUPONT" -> Dupont)."""
    words = name.split()
    whole_caps = _all_caps(name)
    out = []
    for n, word in enumerate(words):
        if _NICKNAME.match(word):
            inner = word[1:-1]  # '“IFY”' -> '“Ify”'; '"Ola"' as it is
            out.append(
                word[0] + _cap(inner) + word[-1] if len(inner) > 1 and inner.isupper() else word
            )
        elif len(word.strip(".")) == 1:
            out.append(word)
        elif not (whole_caps or (word.isupper() and len(word) > 1 and script_of(word) != "other")):
            out.append(word)
        elif word.lower() in _SMALL_PARTICLES and 0 < n < len(words) - 1:
            out.append(word.lower())
        else:
            out.append("-".join(_cap(p) for p in word.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    # "O'NEIL" -> "O'Neil", "D'ANGELO" -> "D'Angelo"
    pieces = re.split(r"(['’])", part.lower())
    out = "".join(p[:1].upper() + p[1:] if p not in ("'", "’") else p for p in pieces)
    if re.match(r"^Mc[^\W\d_]{2}", out):
        # "MCDONALD" -> "McDonald": a capital always follows Mc ("Mac" not: Mack, Macy)
        out = "Mc" + out[2].upper() + out[3:]
    return out
