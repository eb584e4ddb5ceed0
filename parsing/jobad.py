"""Propose a job from the text of a job ad, for the recruiter to edit.

An ad says what it needs in a few common shapes, and the reader keeps what it says:

- **headings** that open a block: "Requirements", "Ihr Profil", "Profil recherché",
  "Requisitos", "Diferenciais", "Nice to have", "What we offer"…;
- **labelled lines**: "Must have: SQL, Python", "Un plus : Tableau", "Location: Berlin";
- **bullet lists** under those headings, and **prose** with no headings at all, where the
  words around a skill decide ("you have", "imprescindible", "would be a plus", "von Vorteil");
- the **location** (a labelled line, the title line, or "in our Lisbon office"), whether the
  work is **remote**, **hybrid** or on site, and the **years** of experience ("3+ years",
  "mindestens 3 Jahre", "de 3 à 5 ans", "al menos 3 años", "pelo menos 4 anos").

It reads English, German, French, Spanish and Portuguese. Skills come from the taxonomy; short
items of a must-have list that the taxonomy does not know become phrase criteria. Spoken
languages the ad requires become the job's ``languages``; the ones it only welcomes become
nice-to-have criteria. Nothing here decides: the recruiter edits the proposal.

:func:`read_ad` returns everything read (an :class:`AdReading`); :func:`propose_job` the job
spec as a dict, in the form of the README's job file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from parsing.taxonomy import Taxonomy

PLACES_FILE = Path(__file__).resolve().parent.parent / "resources" / "places.txt"

MUST, NICE, NEUTRAL, SKIP, COMPANY = "must", "nice", "neutral", "skip", "company"


def flat(text: str) -> str:
    """Lower case without accents, one character for one: offsets stay valid."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch.lower())
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        ).lower()
        out.append(base if len(base) == 1 else (ch.lower() if len(ch.lower()) == 1 else ch))
    return "".join(out)


def _words(*alternatives: str) -> str:
    return "|".join(alternatives)


# --- headings and labels (matched on flat text) ------------------------------------------

_MUST_HEAD = _words(
    # en
    r"requirements?",
    r"(?:minimum|basic|key|required|essential) (?:requirements|qualifications|skills)",
    r"required skills(?: (?:and|&) experience)?",
    r"must[- ]haves?",
    r"must",
    r"what you(?:'ll)? (?:bring|need|have)",
    r"what we(?:'re| are) looking for",
    r"who we(?:'re| are) looking for",
    r"who you are",
    r"about you",
    r"your profile",
    r"(?:your )?qualifications",
    r"(?:your )?skills(?: (?:and|&) experience)?",
    r"experience(?: (?:and|&) skills)?",
    r"essentials?",
    r"you (?:have|bring|are)",
    r"the ideal candidate",
    r"ideal candidate",
    r"you should have",
    r"we(?:'d| would) love you to have",
    r"what you need to succeed",
    r"technical skills",
    r"profile",
    # de
    r"anforderungen",
    r"anforderungsprofil",
    r"ihr profil",
    r"dein profil",
    r"(?:ihre|deine) qualifikationen?",
    r"qualifikationen?",
    r"voraussetzungen",
    r"(?:unsere|deine|ihre) anforderungen",
    r"das bringst du mit",
    r"das bringen sie mit",
    r"was du mitbringst",
    r"was sie mitbringen",
    r"was du mitbringen solltest",
    r"was sie mitbringen sollten",
    r"du bringst mit",
    r"sie bringen mit",
    r"dein skillset",
    r"kenntnisse",
    r"(?:erforderliche|deine|ihre) kenntnisse",
    r"wen wir suchen",
    r"wen suchen wir",
    r"was wir erwarten",
    r"das zeichnet dich aus",
    r"das zeichnet sie aus",
    r"muss",
    r"muss-kriterien",
    r"profil",
    # fr
    r"profil recherche",
    r"(?:votre|ton) profil",
    r"exigences",
    r"competences(?: requises| attendues| techniques)?",
    r"pre-?requis",
    r"qualifications requises",
    r"ce que nous recherchons",
    r"ce que (?:vous apportez|tu apportes)",
    r"(?:les )?indispensables?",
    r"requis",
    r"vous avez",
    r"vous etes",
    r"tu es",
    r"tu as",
    r"qui etes-vous",
    r"qui es-tu",
    r"ce qu'il (?:vous|te) faut",
    r"ce qu'on attend de (?:toi|vous)",
    r"ce que nous attendons de (?:toi|vous)",
    r"ce que l'on attend de (?:toi|vous)",
    # es
    r"requisitos(?: minimos| imprescindibles| obligatorios)?",
    r"(?:tu )?perfil(?: buscado| requerido)?",
    r"(?:que|lo que) buscamos",
    r"a quien buscamos",
    r"que necesitas",
    r"que necesitamos",
    r"imprescindibles?",
    r"requerimientos",
    r"se requiere",
    r"competencias",
    r"habilidades",
    r"cualificaciones",
    r"experiencia requerida",
    r"lo que aportas",
    r"que pedimos",
    r"que esperamos de ti",
    # pt
    r"requisitos(?: obrigatorios| e qualificacoes)?",
    r"pre-?requisitos",
    r"qualificacoes",
    r"(?:seu )?perfil",
    r"o que (?:buscamos|procuramos|esperamos de voce|voce precisa ter)",
    r"quem procuramos",
    r"obrigatorios?",
    r"competencias",
    r"habilidades(?: e competencias)?",
    r"conhecimentos",
)
_NICE_HEAD = _words(
    r"nice[- ]to[- ]haves?",
    r"bonus(?: points)?",
    r"preferred(?: qualifications| skills)?",
    r"pluses",
    r"desirables?",
    r"good to have",
    r"extra credit",
    r"it'?s a plus(?: if)?",
    r"a plus",
    r"plus",
    r"even better(?: if)?",
    r"extra points",
    r"ideally",
    r"great to have",
    r"what would make you stand out",
    r"wunschenswert",
    r"von vorteil",
    r"idealerweise",
    r"pluspunkte",
    r"schon waere?",
    r"das ware toll",
    r"optional",
    r"ein plus",
    r"das ist ein plus",
    r"kann",
    r"kann-kriterien",
    r"gerne",
    r"un plus",
    r"les plus",
    r"(?:les )?atouts?",
    r"serait un plus",
    r"souhaite",
    r"souhaitable",
    r"apprecie",
    r"competences appreciees",
    r"idealement",
    r"deseables?",
    r"se valorara",
    r"valorable",
    r"valoramos",
    r"suma puntos",
    r"seria un plus",
    r"requisitos deseables",
    r"sera un plus",
    r"desejaveis?",
    r"diferenciais",
    r"diferencial",
    r"sera um diferencial",
    r"e um plus",
    r"seria otimo",
    r"bonus",
    r"requisitos desejaveis",
    r"sera um plus",
)
# Blocks about the role: skills there count a little (the recruiter decides).
_ROLE_HEAD = _words(
    r"responsibilities",
    r"your responsibilities",
    r"what you(?:'ll| will) do",
    r"(?:your|the) role",
    r"about the (?:role|job|position)",
    r"the job",
    r"your (?:tasks|mission|impact)",
    r"what you'll be doing",
    r"day to day",
    r"a day in the life",
    r"tech stack",
    r"our (?:tech )?stack",
    r"the team",
    r"about the team",
    r"(?:ihre|deine) aufgaben",
    r"aufgaben",
    r"das erwartet (?:dich|sie)",
    r"deine rolle",
    r"ihre rolle",
    r"was dich erwartet",
    r"was sie erwartet",
    r"dein job",
    r"unser stack",
    r"tech-stack",
    r"(?:vos|tes) missions",
    r"missions",
    r"le poste",
    r"responsabilites",
    r"vos responsabilites",
    r"ton role",
    r"votre role",
    r"description du poste",
    r"ce que tu feras",
    r"ce que vous ferez",
    r"funciones",
    r"(?:tus )?responsabilidades",
    r"que haras",
    r"tu rol",
    r"descripcion del puesto",
    r"tus funciones",
    r"el puesto",
    r"atividades",
    r"suas (?:atividades|responsabilidades)",
    r"o que voce (?:vai|ira) fazer",
    r"a vaga",
    r"sobre a vaga",
    r"descricao da vaga",
    r"o desafio",
    r"responsabilidades e atribuicoes",
)
# Blocks about the company: skills there are its stack (a little weight), years there are its age.
_COMPANY_HEAD = _words(
    r"about us",
    r"who we are",
    r"about (?:the )?company",
    r"about [\w&.' -]{1,30}",
    r"the company",
    r"uber uns",
    r"wer wir sind",
    r"das sind wir",
    r"unternehmen",
    r"uber das unternehmen",
    r"qui sommes-nous",
    r"a propos(?: de nous)?",
    r"l'entreprise",
    r"qui sommes nous",
    r"notre entreprise",
    r"sobre nosotros",
    r"quienes somos",
    r"la empresa",
    r"nuestra empresa",
    r"sobre nos",
    r"quem somos",
    r"a empresa",
    r"nossa empresa",
    r"sobre a empresa",
)
# Blocks about the offer or applying: skills and years there are not the job's.
_SKIP_HEAD = _words(
    r"what we offer",
    r"we offer",
    r"our offer",
    r"benefits",
    r"perks(?: (?:and|&) benefits)?",
    r"benefits (?:and|&) perks",
    r"why (?:join us|us|you'll love (?:it|working here))",
    r"compensation(?: (?:and|&) benefits)?",
    r"how to apply",
    r"application process",
    r"(?:our )?hiring process",
    r"equal opportunit(?:y|ies)",
    r"diversity(?: (?:and|&) inclusion)?",
    r"salary",
    r"interview process",
    r"the process",
    r"what's in it for you",
    r"what you get",
    r"wir bieten",
    r"was wir bieten",
    r"unser angebot",
    r"das bieten wir",
    r"deine benefits",
    r"ihre vorteile",
    r"deine vorteile",
    r"warum wir",
    r"bewerbung",
    r"so bewirbst du dich",
    r"kontakt",
    r"was wir dir bieten",
    r"was wir ihnen bieten",
    r"benefits",
    r"wir bieten dir",
    r"wir bieten ihnen",
    r"nous offrons",
    r"ce que nous (?:offrons|proposons)",
    r"avantages",
    r"pourquoi nous rejoindre",
    r"processus de recrutement",
    r"remuneration",
    r"nous proposons",
    r"ce que l'on (?:offre|propose)",
    r"ofrecemos",
    r"que ofrecemos",
    r"beneficios",
    r"te ofrecemos",
    r"proceso de seleccion",
    r"oferecemos",
    r"o que oferecemos",
    r"processo seletivo",
    r"remuneracao",
    r"o que voce vai ter",
)
_LANG_HEAD = _words(
    r"languages?", r"sprachen?", r"sprachkenntnisse", r"langues?", r"idiomas?", r"linguas?"
)
_PLACE_HEAD = _words(
    r"(?:job |work |office )?location",
    r"based in",
    r"office",
    r"where",
    r"standort",
    r"arbeitsort",
    r"einsatzort",
    r"dienstort",
    r"ort",
    r"lieu(?: de travail)?",
    r"localisation(?: du poste)?",
    r"ville",
    r"ubicacion",
    r"localizacion",
    r"lugar de trabajo",
    r"ciudad",
    r"sede",
    r"localizacao",
    r"local(?: de trabalho)?",
    r"cidade",
)
_TITLE_HEAD = _words(
    r"job title",
    r"title",
    r"position",
    r"role",
    r"job",
    r"stelle",
    r"stellenbezeichnung",
    r"jobtitel",
    r"poste",
    r"intitule du poste",
    r"intitule",
    r"puesto",
    r"cargo",
    r"vaga",
    r"funcao",
    r"posicao",
)
_OTHER_LABEL = _words(
    r"contract",
    r"contrat",
    r"vertrag",
    r"contrato",
    r"type",
    r"salary",
    r"gehalt",
    r"salaire",
    r"salario",
    r"start",
    r"start date",
    r"starttermin",
    r"eintritt",
    r"debut",
    r"inicio",
    r"hours",
    r"arbeitszeit",
    r"temps de travail",
    r"jornada",
    r"horario",
    r"department",
    r"abteilung",
    r"team",
    r"equipe",
    r"equipo",
    r"reference",
    r"referenz",
    r"ref",
    r"deadline",
    r"apply",
    r"remote",
    r"work model",
    r"modalidad",
    r"modalidade",
    r"arbeitsmodell",
    r"mode de travail",
    r"teletravail",
    r"regime",
    r"formato",
)
_EXPERIENCE_LABEL = _words(
    r"experience", r"erfahrung", r"berufserfahrung", r"experiencia", r"anos de experiencia"
)


def _head_re(vocab: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{vocab})")


_HEADS = [
    (MUST, _head_re(_MUST_HEAD)),
    (NICE, _head_re(_NICE_HEAD)),
    (NEUTRAL, _head_re(_ROLE_HEAD)),
    (SKIP, _head_re(_SKIP_HEAD)),
    (COMPANY, _head_re(_COMPANY_HEAD)),
    ("lang", _head_re(_LANG_HEAD)),
]
_LABEL_RE = re.compile(
    rf"^(?P<label>(?:{_MUST_HEAD}|{_NICE_HEAD}|{_ROLE_HEAD}|{_LANG_HEAD}|{_PLACE_HEAD}|{_TITLE_HEAD}|"
    rf"{_OTHER_LABEL}|{_EXPERIENCE_LABEL}|{_SKIP_HEAD}|{_COMPANY_HEAD}))\s*[:：]\s*(?P<rest>.*)$"
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣○●■□➤➢►▶✓✔☑→–—+]|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s*")
_MARKUP = re.compile(r"^#{1,6}\s*|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")

# --- cues in a clause --------------------------------------------------------------------

_NICE_CUE = re.compile(
    r"\b(?:nice[- ]to[- ]have|(?:is |are |be |a |big |huge |great |definite |strong )plus\b|bonus|"
    r"preferred|preferably|"
    r"ideally|desirable|good to have|great to have|would be (?:great|nice|helpful|good|an asset|"
    r"a bonus|an advantage|a plus)|"
    r"(?:is |are )?(?:an )?advantage(?:ous)?|(?:is |are )?(?:a )?welcome|not (?:required|"
    r"mandatory|essential|a must)|"
    r"optional|even better|extra points|helpful|an asset|is a bonus|"
    r"von vorteil|wunschenswert|idealerweise|ein plus|pluspunkt\w*|gerne gesehen|wa?re (?:schon|"
    r"toll|super|ideal)|"
    r"nicht (?:zwingend|erforderlich|notwendig|vorausgesetzt)|kein muss|nice to have|vorteilhaft|"
    r"un plus|un atout|atouts?|apprecie\w*|souhaite\w*|souhaitable|idealement|serait (?:un plus|"
    r"apprecie\w*|ideal)|"
    r"bienvenue?s?|pas (?:obligatoire|indispensable|requis\w*|necessaire)|est un plus|"
    r"deseable|se valorara\w*|valorable|valoraremos|valoramos|valorar\w*|idealmente|"
    r"suma(?:ra)? puntos|seria un plus|"
    r"preferiblemente|no (?:es )?(?:imprescindible|obligatorio|necesario)|sera un plus|"
    r"desejave(?:l|is)|diferencia(?:l|is)|(?:sera |e |seria )?um plus|preferencialmente|"
    r"seria (?:otimo|bom)|"
    r"nao (?:e )?(?:obrigatori[oa]|necessari[oa]|imprescindivel))\b"
)
_MUST_CUE = re.compile(
    r"\b(?:required|requirements?|must(?: have)?|mandatory|essential|you (?:have|bring|know|"
    r"are fluent|master|speak|write|"
    r"communicate|read|run|lead|own|use|enjoy|care)|du sprichst|sie sprechen|vous parlez|"
    r"tu parles|hablas|voce fala|"
    r"you've (?:got|worked)|you'?ll need|you will need|we need|need(?:s|ed)?|strong|proven|solid|"
    r"deep|expert\w*|"
    r"proficien\w*|hands-on|experience (?:with|in|of|using|building|running)|knowledge of|fluent|"
    r"fluency|"
    r"at least|minimum|looking for (?:someone|a person|people|an? \w+) (?:with|who)|who knows|"
    r"familiar with|"
    r"erforderlich|vorausgesetzt|voraussetzung|zwingend|unabdingbar|muss|mussen|du hast|sie haben|"
    r"du bringst|"
    r"sie bringen|verfugst|verfugen|fundierte?n?|sehr gute?n?|gute?n? kenntnisse|kenntnisse (?:in|"
    r"im|von|der)|"
    r"erfahrung (?:mit|in|im)|sicherer? umgang|beherrsch\w*|sicher (?:in|mit)|mindestens|"
    r"fliessend|verhandlungssicher|"
    r"requis\w*|exige\w*|obligatoire|indispensable|imperati\w*|vous avez|tu as|maitris\w*|"
    r"vous disposez|"
    r"tu disposes|solides?|experience (?:en|avec|de|dans|sur)|bonne(?:s)? connaissances?|"
    r"connaissances? (?:en|de|des|du)|"
    r"necessaire|au moins|courant|"
    r"requerid\w*|requisito|imprescindible|obligatori\w*|necesari\w*|se requiere|tienes|"
    r"cuentas con|dominio de|"
    r"experiencia (?:en|con|de|como)|solidos conocimientos|conocimientos? (?:de|en|solidos)|"
    r"manejo de|manejar|"
    r"al menos|fluido|buscamos (?:a alguien|una persona|un perfil) con|"
    r"obrigatori\w*|imprescindivel|necessari\w*|voce tem|possui|possuir|dominio (?:de|em)|"
    r"experiencia (?:com|em|de|como)|conhecimentos? (?:em|de|solidos)|vivencia (?:com|em)|"
    r"pelo menos|"
    r"no minimo|fluente|avancad[oa])\b"
)
_CLAUSE_SPLIT = re.compile(
    r"\s*[;]\s*|,\s*(?=(?:and|but|while|whereas|und|aber|sowie|et|mais|y|pero|e|mas|ou|or|o)\b)|"
    r"(?<=\w)\s*,\s+|\s+(?=(?:but|aber|mais|pero|mas|while|whereas)\b)"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý¿¡\"“])|(?<=[.!?])$|\s*;\s*")

# --- years -------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "ein": 1,
    "einem": 1,
    "eins": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "um": 1,
    "dois": 2,
    "duas": 2,
    "quatro": 4,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
}
_NUM = r"\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_YEARS = re.compile(
    rf"(?<![\w,.])(?P<n>{_NUM})\s*(?:\+|plus)?\s*"
    rf"(?:(?:-|–|—|to|bis|a|à|y|e|and|und|et|or|oder|ou|o)\s*(?P<m>{_NUM})\s*\+?\s*)?"
    r"(?P<unit>years?|yrs?\.?|jahre?n?|jahr|ans?|annees?|anos?)(?!\w)"
)
_YEARS_MINIMUM_BEFORE = re.compile(
    r"(?:at least|a minimum of|minimum(?: of)?|min\.?|over|more than|mindestens|min\.|mehr als|"
    r"uber|au moins|"
    r"plus de|al menos|minimo(?: de)?|mas de|pelo menos|no minimo|mais de|entre|de|from|between|"
    r"von|ab)\s*$"
)
_YEARS_EXPERIENCE_NEAR = re.compile(
    r"experience|erfahrung|berufserfahrung|berufspraxis|praxis|experiencia|professional|working|"
    r"work|"
    r"industry|building|running|leading|managing|developing|in (?:a|an|the) |as (?:a|an) |"
    r"hands-on|track record"
)
_YEARS_NOT = re.compile(
    r"^\s*(?:ago|old|alt|de edad|d'age|de idade|warranty|garantie)|^\s*(?:of )?(?:history|"
    r"existence)"
)
_YEARS_NOT_BEFORE = re.compile(
    r"(?:founded|since|for over|seit|seit uber|depuis|desde hace|ha mais de|ha|vor|il y a|hace)\s*$"
)

# --- remote, hybrid, on site -----------------------------------------------------------------

_REMOTE_STRONG = re.compile(
    r"remote[- ]first|fully[- ]remote|full[- ]remote|100\s?%\s*(?:remote|remoto|home ?office|"
    r"teletravail|teletrabajo)|"
    r"remote[- ]only|all[- ]remote|work from anywhere|work from home|wfh|remote[- ]friendly|"
    r"(?:vollstandig|komplett|ausschliesslich|zu 100\s?%)\s+(?:remote|im home ?office|mobil)|"
    r"ortsunabhangig|"
    r"(?:full|100\s?%)\s+teletravail|teletravail (?:complet|total|integral|a 100)|(?:totalement|"
    r"entierement) a distance|"
    r"en remoto|(?:totalmente|100\s?%)\s+remoto|teletrabajo (?:completo|total|100)|trabajo remoto|"
    r"trabalho remoto|home office integral|(?:totalmente|100\s?%)\s+home office|remoto desde"
)
_HYBRID = re.compile(
    r"\bhybrid\w*|\bhybride\b|\bhibrid[oa]\b|"
    r"\b(?:\d|one|two|three|four|ein|zwei|drei|vier|un|deux|trois|quatre|uno|dos|tres|cuatro|um|"
    r"dois|tres|quatro)\s*"
    r"(?:days?|tage?n?|jours?|dias?)\b[^.\n]{0,30}?(?:office|buro|bureau|site|oficina|escritorio|"
    r"presencial|"
    r"home ?office|remote|teletravail|teletrabajo|remoto)|"
    r"home ?-?office-?(?:moglichkeit|anteil|tage)|home ?-?office (?:moglich|moeglich)|"
    r"mobiles arbeiten|"
    r"teletravail (?:partiel|possible|occasionnel)|jours? de teletravail|teletrabajo (?:parcial|"
    r"flexible)|"
    r"dias? de teletrabajo|flexible (?:remote|working)|remote (?:days|possible)|partially remote|"
    r"partly remote|"
    r"(?:office|buro|bureau|oficina|escritorio|site)\b[^.\n]{0,25}?\b(?:\d|one|two|three|four|ein|"
    r"zwei|drei|vier|un|"
    r"deux|trois|quatre|uno|dos|tres|cuatro|um|dois|quatro)\s*(?:days?|tage?n?|jours?|dias?)\b|"
    r"(?:remote|home ?office|teletravail|teletrabajo|remoto|trabalho remoto)[^.\n]{0,12}(?:up to|"
    r"bis zu|jusqu'a|"
    r"hasta|ate)\s+\d\s*(?:days?|tage?n?|jours?|dias?)"
)
_REMOTE_WEAK = re.compile(
    r"\bremote(?:ly)?\b(?!\s+(?:teams?|sensing|monitoring|control|access|support|desktop|server|"
    r"sites?)\b)|"
    r"\bteletravail\b|\bteletrabajo\b|\bhome ?-?office\b|\bremoto\b|\ba distance\b|\ba distancia\b"
)
_NOT_REMOTE = re.compile(
    r"\bnot (?:a )?(?:fully )?remote\b|\bno remote\b|\bkein(?:e)? (?:remote|home ?office)\b|"
    r"\bpas de teletravail\b|\bsin teletrabajo\b|\bsem (?:trabalho remoto|home office)\b"
)
_GERMAN = re.compile(r"\b(?:und|wir|sie|du|ihr|mit|der|die|das|fur)\b")
_ONSITE = re.compile(
    r"\bon[- ]?site\b|\bin[- ]office\b|\boffice[- ]based\b|\bvor ort\b|\bprasenz\w*|"
    r"\ben presentiel\b|"
    r"\bpresentiel\b|\bsur site\b|\bpresencial\b|\bno remote\b|\bnot (?:a )?remote\b|"
    r"\bkein(?:e)? (?:remote|home ?office)\b|"
    r"\bpas de teletravail\b|\bsin teletrabajo\b|\bsem (?:trabalho remoto|home office)\b"
)

_GENDER = re.compile(
    r"(?<!\w)\(\s*(?:[mwfdhx](?:\s*[/|,*]\s*[mwfdhx]){1,3}|all genders?|alle geschlechter|gn\*?|"
    r"h/f/x|f/h/x|a|o)\s*\)"
    r"|\b[mwfd](?:\s*/\s*[mwfdx]){2}\b|\b(?:h/f|f/h|m/f|f/m|m/w)\b",
    re.IGNORECASE,
)
_HIRING = re.compile(
    r"(?:^|\b(?:and|und|et|y|e)\s+)(?:we(?:'re| are) (?:hiring|looking for|recruiting|"
    r"searching for)|hiring|join us as|"
    r"wir suchen(?: dich als| sie als| zum nachstmoglichen zeitpunkt)?|gesucht|nous recrutons|"
    r"on recrute|"
    r"recrutement|nous recherchons|buscamos|estamos buscando|se busca|contratamos|"
    r"estamos contratando|"
    r"procuramos|contrata-se|vaga)\s*:?\s*(?:an?|the|eine?n?|un/a|un/une|un\(e\)|un|une|una?|uma?|"
    r"um\(a\)|o|a)?\s+",
)
_ROLE_WORD = re.compile(
    r"engineer|developer|analyst|manager|designer|scientist|architect|consultant|specialist|lead|"
    r"head of|"
    r"director|officer|executive|administrator|assistant|coordinator|accountant|nurse|technician|"
    r"representative|associate|intern|recruiter|writer|editor|agent|advisor|owner|"
    r"entwickler|ingenieur|berater|leiter|referent|sachbearbeiter|kaufmann|kauffrau|fachkraft|"
    r"ingenieur|developpeur|analyste|chef|responsable|charge|comptable|technicien|commercial|"
    r"desarrollador|ingeniero|analista|jefe|responsable|tecnico|contable|comercial|"
    r"desenvolvedor|engenheiro|analista|gerente|contabilista|contador|tecnico|programador",
)

_SOFT_PHRASES = re.compile(
    r"team ?player|teamfahig\w*|motivat\w*|passion\w*|hands-on|eigeninitiative|zuverlassig\w*|"
    r"communication|kommunikation\w*|esprit d'equipe|autonomi\w*|rigueur|proactiv\w*|curios\w*|"
    r"trabajo en equipo|comunicacao|comunicacion|proatividade|vontade|ganas|flexib\w*|belastbar\w*|"
    r"degree|studium|diplome?|bac\s*\+|titulacion|licenciatura|graduacao|formacao|ausbildung"
)


@dataclass(frozen=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    needs_context: bool
    country: bool


@lru_cache(maxsize=1)
def places() -> tuple[tuple[Place, ...], re.Pattern[str]]:
    """The places of ``resources/places.txt`` and one pattern that finds any of their names."""
    out: list[Place] = []
    country = False
    for raw in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            country = country or "countries" in line
            continue
        if not line:
            continue
        names = [n.strip() for n in line.split("|")]
        head = names[0]
        ctx = "[ctx]" in head
        head = head.replace("[ctx]", "").strip()
        out.append(Place(head, tuple(n for n in names[1:] if n), ctx, country))
    spellings = sorted({s for p in out for s in (p.name, *p.aliases)}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in spellings) + r")(?![\w-])")
    return tuple(out), pattern


def _place_of(spelling: str) -> Place | None:
    for place in places()[0]:
        if spelling == place.name or spelling in place.aliases:
            return place
    return None


@dataclass
class Line:
    """One line of the ad, as the reader sees it."""

    start: int  # offset of the line in the ad
    text: str  # the line without bullet and markup
    offset: int  # offset of ``text`` in the ad
    bullet: bool
    block: str = NEUTRAL  # must, nice, neutral, skip, lang: the block the line is in
    heading: str | None = None  # the kind of heading this line is
    label: str | None = None  # an inline label's kind, for "Must have: SQL, Python"
    label_end: int = 0  # offset (in the ad) where the labelled content starts


@dataclass
class Segment:
    """A clause of the ad and what it asks for."""

    start: int
    end: int
    mode: str  # must, nice, neutral, skip
    listy: bool  # a bullet or a labelled list: short items are criteria
    lang: bool = False  # a languages line
    company: bool = False  # about the company, not the job


@dataclass
class AdReading:
    """Everything read from an ad. ``propose_job`` turns it into a job spec."""

    title: str
    location: str | None = None
    work_mode: str | None = None  # remote, hybrid, onsite
    min_years: int | None = None
    max_years: int | None = None
    languages: list[str] = field(default_factory=list)  # required spoken languages
    criteria: list[dict] = field(default_factory=list)  # {"name", "must", "weight", ["kind"]}
    evidence: dict[str, str] = field(
        default_factory=dict
    )  # field -> the words of the ad it came from

    @property
    def must(self) -> list[str]:
        return [c["name"] for c in self.criteria if c["must"]]

    @property
    def nice(self) -> list[str]:
        return [c["name"] for c in self.criteria if not c["must"]]


_HEADING_STARTS = (
    (NICE, _NICE_HEAD),
    (
        MUST,
        r"requirements|qualifications|anforderungen|requisitos|profil recherche|voraussetzungen|"
        r"exigences",
    ),
    (
        SKIP,
        r"what we offer|benefits|wir bieten|ofrecemos|oferecemos|nous offrons|avantages|beneficios",
    ),
    (COMPANY, r"about us|uber uns|sobre nosotros|sobre nos|qui sommes"),
    (NEUTRAL, r"responsibilities|aufgaben|missions|responsabilidades|funciones"),
)


def _classify_heading(body: str) -> str | None:
    """The kind of block a short line opens, or None when it is not a heading."""
    key = flat(_EMOJI.sub("", body)).strip()
    key = re.sub(r"[’`´]", "'", key)
    key = re.sub(r"^[¿¡\W\d]+|[\s:?!.)(]+$", "", key).strip()
    key = re.sub(r"\s+", " ", key)
    if not key or len(key) > 60:
        return None
    for kind, pattern in _HEADS:
        if pattern.fullmatch(key):
            return kind
    # "Requirements for this role", "Ihr Profil als Entwickler": a heading word, then a few more.
    if len(key.split()) <= 6 and not re.search(r"[.,;]", key):
        for kind, vocab in _HEADING_STARTS:
            if re.match(rf"(?:{vocab})\b", key) and (
                kind == NICE or body.rstrip().endswith(":") or len(key.split()) <= 4
            ):
                return kind
    return None


def _label_kind(label: str) -> str:
    for kind, vocab in (
        (NICE, _NICE_HEAD),
        (MUST, _MUST_HEAD),
        ("lang", _LANG_HEAD),
        ("place", _PLACE_HEAD),
        ("title", _TITLE_HEAD),
        (MUST, _EXPERIENCE_LABEL),
        (NEUTRAL, _ROLE_HEAD),
        (SKIP, _SKIP_HEAD),
        (COMPANY, _COMPANY_HEAD),
    ):
        if re.fullmatch(rf"(?:{vocab})", label):
            return kind
    return "other"


def split_lines(text: str) -> list[Line]:
    """The ad's lines with bullets and markup taken off, each knowing its block and label."""
    lines: list[Line] = []
    pos = 0
    block = NEUTRAL
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        bullet_m = _BULLET.match(raw)
        bullet = bool(bullet_m) and bool(raw[bullet_m.end() :].strip())
        body_start = bullet_m.end() if bullet else len(raw) - len(raw.lstrip())
        body = raw[body_start:]
        markup = _MARKUP.match(body)
        if markup and body.startswith("#"):
            body_start += markup.end()
            body = raw[body_start:]
        clean = _MARKUP.sub("", body).rstrip()
        line = Line(start, clean, start + body_start, bullet)
        stripped = clean.strip()
        if stripped and not bullet:
            kind = _classify_heading(stripped)
            if kind is not None and not re.search(r":\s*\S", stripped):
                block = kind
                line.heading = kind
        if stripped and line.heading is None:
            key = flat(_EMOJI.sub("", clean)).strip()
            key = re.sub(r"[’`´]", "'", key)
            m = _LABEL_RE.match(re.sub(r"^[¿¡]", "", key))
            if m and len(m.group("label")) <= 40 and m.group("rest").strip():
                line.label = _label_kind(m.group("label"))
                rest_at = m.start("rest") + (1 if key.startswith(("¿", "¡")) else 0)
                line.label_end = line.offset + (len(clean) - len(clean.lstrip())) + rest_at
        line.block = block
        lines.append(line)
    return lines


def _clause_cue(clause: str) -> str | None:
    key = flat(clause)
    if _NICE_CUE.search(key):
        return NICE
    if _MUST_CUE.search(key):
        return MUST
    return None


def logical_lines(lines: list[Line]) -> list[tuple[Line, int]]:
    """Lines with the lines that continue them joined: (first line, end offset in the ad).

    Prose wraps: a sentence cut by a line break is one clause, and a bullet's second line
    belongs to the bullet.
    """
    out: list[tuple[Line, int]] = []
    previous: Line | None = None  # the line just above, when it is part of the last logical line
    for line in lines:
        if line.heading is not None or not line.text.strip():
            previous = None
            continue
        if previous is not None:
            first, _end = out[-1]
            continues = (
                not line.bullet
                and line.label is None
                and line.block == first.block
                and not previous.text.rstrip().endswith((".", "!", "?", ":"))
                and first.label not in ("place", "title", "other")
                and (not first.bullet or line.text[:1].islower() or line.offset > line.start)
            )
            if continues:
                out[-1] = (first, line.offset + len(line.text))
                previous = line
                continue
        out.append((line, line.offset + len(line.text)))
        previous = line
    return out


def segments(text: str, lines: list[Line]) -> list[Segment]:
    """The ad cut into clauses, each with what it asks for: must, nice, neutral, or skip."""
    out: list[Segment] = []
    for line, end in logical_lines(lines):
        base = line.block
        company = base == COMPANY
        if company:
            base = NEUTRAL
        lang = base == "lang"
        if lang:
            base = MUST
        start = line.offset
        listy = line.bullet
        if line.label is not None:
            kind = line.label
            if kind in ("place", "title", "other"):
                out.append(Segment(line.offset, end, SKIP, False))
                continue
            if kind == "lang":
                lang, kind = True, MUST
            if kind == COMPANY:
                kind, company = NEUTRAL, True
            base = kind
            start = line.label_end
            listy = True
        if base == SKIP:
            out.append(Segment(start, end, SKIP, False))
            continue
        body = text[start:end]
        for s_start, s_end in _spans(body, _SENTENCE_SPLIT):
            sentence = body[s_start:s_end]
            # A sentence that opens with its own label: "Must have: SQL. Nice to have: dbt."
            s_base, s_at, s_listy, s_lang = base, 0, listy, lang
            m = _LABEL_RE.match(flat(sentence.strip()))
            if m and m.group("rest").strip() and s_start > 0:
                k = _label_kind(m.group("label"))
                if k in (MUST, NICE, "lang"):
                    s_base = MUST if k == "lang" else k
                    s_at = len(sentence) - len(sentence.lstrip()) + m.start("rest")
                    s_listy, s_lang = True, k == "lang"
            clauses = [(a + s_at, b + s_at) for a, b in _spans(sentence[s_at:], _CLAUSE_SPLIT)]
            cues = [_clause_cue(sentence[a:b]) for a, b in clauses]
            if (
                cues
                and cues[0] == NICE
                and len(sentence[clauses[0][0] : clauses[0][1]].split()) <= 2
            ):
                # "Ideally, experience with Spark": the opening word speaks for the sentence.
                cues = [NICE] * len(cues)
            sentence_cues = {c for c in cues if c}
            for index, ((a, b), cue) in enumerate(zip(clauses, cues, strict=False)):
                if cue is None and len(sentence_cues) > 1:
                    # A list inside a mixed sentence takes the cue of what follows it
                    # ("Python, SQL and Git are required"), else of what came before.
                    cue = next((c for c in cues[index + 1 :] if c), None) or next(
                        (c for c in reversed(cues[:index]) if c), None
                    )
                elif cue is None and sentence_cues:
                    cue = next(iter(sentence_cues))
                mode = _resolve(s_base, cue)
                out.append(
                    Segment(
                        start + s_start + a, start + s_start + b, mode, s_listy, s_lang, company
                    )
                )
    return out


def _resolve(base: str, cue: str | None) -> str:
    if base == NICE:
        return NICE
    if cue == NICE:
        return NICE
    if base == MUST:
        return MUST
    return MUST if cue == MUST else NEUTRAL


def _spans(text: str, splitter: re.Pattern[str]):
    at = 0
    for m in splitter.finditer(text):
        if m.start() > at:
            yield at, m.start()
        at = max(at, m.end())
    if at < len(text):
        yield at, len(text)


# --- the parts ---------------------------------------------------------------------------


def find_title(text: str, lines: list[Line]) -> tuple[str | None, str]:
    """The job's title and the words it came from."""
    for line in lines:
        if line.label == "title":
            value = text[line.label_end : line.offset + len(line.text)]
            return _clean_title(value), value.strip()
    for line in lines[:8]:
        body = line.text.strip()
        if not body or line.heading is not None:
            continue
        if line.label is not None and line.label not in ("title",):
            continue
        key = flat(body)
        hiring = _HIRING.search(key)
        if hiring:
            rest = body[hiring.end() :]
            rest = re.split(
                r"\s*(?:[(.!,;:]|\s[-–—|]\s|\bwho\b|\bto join\b|\bfor our\b|\bpara\b|\bpour\b|"
                r"\bfur\b|"
                r"\bf[uü]r\b|\bque\b|\bqui\b|\bder\b|\bdie\b)",
                rest,
                maxsplit=1,
            )[0]
            if rest and _ROLE_WORD.search(flat(rest)) and len(rest) <= 70:
                return _clean_title(rest), body
            if not _ROLE_WORD.search(key):
                continue
        if len(body) <= 90 and not re.search(r"[.!?]\s*$", body):
            return _clean_title(body), body
        if len(body) > 90:
            continue
    return None, ""


_CONTRACT = (
    r"cdi|cdd|freelance|full[- ]?time|part[- ]?time|vollzeit|teilzeit|temps (?:plein|partiel)|"
    r"tiempo (?:completo|parcial)|jornada completa|indefinido|clt|pj|estagio|stage|alternance|"
    r"internship|"
    r"permanent|festanstellung|(?:un)?befristet|contract|contrato|interim"
)


def _clean_title(value: str) -> str:
    title = _GENDER.sub(" ", value)
    title = _EMOJI.sub("", title)
    # "(Remoto - LATAM)", "(Remote, EU time zones)", "(CDI)": where and how, not what.
    title = re.sub(
        r"\(([^()]*)\)",
        lambda m: " " if _is_place_or_mode(m.group(1).split(",")[0].split(" - ")[0]) else m.group(),
        title,
    )
    # Drop a location or work-mode tail: "Data Analyst – Lisbon (Hybrid)", "Engineer | Remote".
    parts = re.split(r"\s+[–—|·@]\s+|\s+-\s+|\s*\|\s*", title)
    kept = [parts[0]]
    for part in parts[1:]:
        if _is_place_or_mode(part):
            break
        kept.append(part)
    title = " – ".join(kept)
    title = re.sub(
        r"\(\s*(?:remote|hybrid|hybride|h[ií]brido|on-?site|remoto|100\s?%\s*remote)[^)]*\)",
        " ",
        title,
        flags=re.IGNORECASE,
    )
    m = re.search(r"\s+(?:in|à|a|en|em|no|na)\s+([A-ZÀ-Ý][\w\-' ]+)$", title)
    if m and _is_place_or_mode(m.group(1)):
        title = title[: m.start()]
    title = re.sub(r"\(\s*\)", " ", title)
    title = re.sub(r"\s{2,}", " ", title).strip(" -–—|·,:")
    return title


def _is_place_or_mode(part: str) -> bool:
    part = re.sub(r"\(.*?\)", " ", part).strip(" ()")
    key = flat(part)
    if re.fullmatch(
        r"(?:\d+\s?%\s*)?(?:remote|hybrid|hybride|hibrido|on-?site|remoto|presencial|home ?office|"
        r"teletravail|full remote|fully remote)(?:\s.*)?",
        key,
    ):
        return True
    if re.fullmatch(rf"(?:{_CONTRACT})(?:\W.*)?", key):
        return True
    m = places()[1].search(part)
    return bool(m) and len(part) - len(m.group()) <= 12


def find_work_mode(text: str) -> tuple[str | None, str]:
    """Remote, hybrid or on site (None when the ad does not say), and the words that say it.

    The most explicit words win: "remote-first" or "100 % remoto", then a refusal ("this is not
    a remote role"), then hybrid wording ("2 days in the office", "télétravail partiel"), then
    the word remote used about the work, then on site.
    """
    key = flat(text)
    for mode, pattern in (("remote", _REMOTE_STRONG), ("onsite", _NOT_REMOTE), ("hybrid", _HYBRID)):
        m = pattern.search(key)
        if m:
            return mode, text[m.start() : m.end()]
    for m in _REMOTE_WEAK.finditer(key):
        if _remote_means_work(key, m):
            # "Homeoffice" alone, as German ads use it, is some days at home: hybrid.
            if m.group().replace(" ", "").replace("-", "") == "homeoffice" and _GERMAN.search(key):
                return "hybrid", text[m.start() : m.end()]
            return "remote", text[m.start() : m.end()]
    m = _ONSITE.search(key)
    if m:
        return "onsite", text[m.start() : m.end()]
    return None, ""


def _remote_means_work(key: str, m: re.Match[str]) -> bool:
    """'remote' about where the work happens, not "remote teams" or "remote monitoring"."""
    word = m.group()
    if not word.startswith("remote"):
        return True  # télétravail, home office, remoto, à distance: always about work
    line_start = key.rfind("\n", 0, m.start()) + 1
    line_end = key.find("\n", m.end())
    line = key[line_start : len(key) if line_end < 0 else line_end]
    if line_start == 0 or len(line.strip()) <= 40 or line.strip().startswith(("(", "remote")):
        return True
    around = key[max(0, m.start() - 25) : m.end() + 25]
    return bool(
        re.search(
            r"remote(?:ly)?[\s,-]+(?:work|working|role|position|job|option|possible|ok|allowed|"
            r"setup|"
            r"contract|in|within|from|across)\b|(?:work|working|job|role|position|is|be|fully|"
            r"partly|"
            r"or|100\s?%)\s+remote|remotely|\(remote|remote\)",
            around,
        )
    )


_PLACE_PREP = re.compile(
    r"(?:\bin|\bat|\bim|\bà|\ba|\ben|\bem|\bno|\bna|\bde|\bnear|\bbei|\bbased in|\bbasee? a|"
    r"\bbasad[oa] en|"
    r"\bsede en|\bsediad[oa] em|\bstandort|\bbuero in|\bbüro in|\boffice in|\bin our|"
    r"\bin unserem)\s+"
    r"(?:(?:our|unserem|notre|nuestra|nosso|nossa|the|der|dem|le|la|el|o)\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OFFICE_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:based|office|hq|headquarters|buro|büro|bureau|oficina|escritorio|escritório|"
    r"campus|hub)\b|\()",
    re.IGNORECASE,
)


def find_location(text: str, lines: list[Line], mode: str | None) -> tuple[str | None, str]:
    """Where the job is, as the ad writes the place, and the words it came from."""
    pattern = places()[1]
    for line in lines:
        if line.label != "place":
            continue
        value = text[line.label_end : line.offset + len(line.text)]
        place = _place_in_value(value)
        if place is not None:
            return place, value.strip()
    # The title and the lines just below it: "Data Analyst – Lisbon (Hybrid)",
    # "London office · on-site".
    head = [ln for ln in lines if ln.text.strip()][:3]
    for line in head:
        if (
            line.heading is not None
            or len(line.text.strip()) > 70
            or line.text.rstrip().endswith(".")
        ):
            continue  # a sentence, not a title or a header line
        for m in pattern.finditer(line.text):
            place = _place_of(m.group())
            if (
                place is None
                or place.country
                or (place.needs_context and not _place_in_context(line.text, m))
            ):
                continue
            return m.group(), line.text.strip()
    if mode == "remote":
        return None, ""
    for line in lines:
        if line.block in (SKIP, COMPANY) and line.heading is None and not line.label:
            # "Our offices in Berlin and Lisbon" under "About us" still says where the job is
            # only when nothing else does; look at role blocks first.
            continue
        found = _place_in_prose(line.text)
        if found:
            return found, line.text.strip()
    for line in lines:
        if line.block in (SKIP, COMPANY):
            found = _place_in_prose(line.text)
            if found:
                return found, line.text.strip()
    return None, ""


def _place_in_context(line: str, m: re.Match[str]) -> bool:
    return bool(_PLACE_PREP.search(line[max(0, m.start() - 40) : m.start()])) or bool(
        _OFFICE_AFTER.match(line[m.end() :])
    )


def _place_in_prose(line: str) -> str | None:
    for m in places()[1].finditer(line):
        place = _place_of(m.group())
        if place is None or place.country:
            continue
        if _place_in_context(line, m):
            return m.group()
    return None


def _place_in_value(value: str) -> str | None:
    """The place in a labelled value: "Berlin (hybrid)", "Paris 9e", "São Paulo - SP",
    "Remote (Germany)"."""
    m = places()[1].search(value)
    if m:
        return m.group()
    cleaned = re.sub(r"\(.*?\)", " ", value)
    cleaned = re.sub(
        r"(?i)\b(?:remote|hybrid|hybride|h[ií]brido|on-?site|remoto|presencial|home ?-?office|"
        r"t[ée]l[ée]travail|teletrabajo|or|oder|ou|o|und|and|possible|möglich)\b",
        " ",
        cleaned,
    )
    cleaned = re.sub(r"\b\d{4,5}\b|\b\d{1,2}(?:e|er|ème)\b", " ", cleaned)
    first = re.split(r"\s*[,/|·;–—]\s*|\s+-\s+", cleaned.strip())[0].strip(" .-")
    if first and len(first.split()) <= 4 and first[:1].isupper():
        return first
    return None


def find_years(text: str, segs: list[Segment]) -> tuple[int | None, int | None, str]:
    """The least years of experience the ad asks for (the most too, for a range), with its words."""
    key = flat(text)
    found: list[tuple[int, int | None, str, str]] = []  # (low, high, mode, words)
    for seg in segs:
        if seg.mode == SKIP or seg.company:
            continue
        part = key[seg.start : seg.end]
        for m in _YEARS.finditer(part):
            low = _number(m.group("n"))
            high = _number(m.group("m")) if m.group("m") else None
            if low is None or not 0 < low <= 30 or (high is not None and not low < high <= 40):
                continue
            before = part[max(0, m.start() - 30) : m.start()]
            after = part[m.end() : m.end() + 50]
            if _YEARS_NOT.search(after) or _YEARS_NOT_BEFORE.search(before):
                continue
            if (
                m.group("unit").startswith(("an", "an"))
                and m.group("n") in ("un", "une")
                and not re.match(r"\s*(?:d'|de |minimum)", after)
            ):
                continue
            strong = (
                "+" in m.group() or bool(_YEARS_MINIMUM_BEFORE.search(before)) or high is not None
            )
            near = bool(_YEARS_EXPERIENCE_NEAR.search(after[:40])) or bool(
                re.search(r"(?:experience|erfahrung|experiencia)\s+(?:of|de|von)?\s*$", before)
            )
            if not (strong or near or seg.listy):
                continue
            found.append((low, high, seg.mode, text[seg.start + m.start() : seg.start + m.end()]))
    required = [f for f in found if f[2] != NICE]
    pool = required or found
    if not pool:
        return None, None, ""
    best = max(pool, key=lambda f: f[0]) if required else min(pool, key=lambda f: f[0])
    return best[0], best[1], best[3]


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


_GERMAN_LANGUAGE_COMPOUND = re.compile(
    r"\b([A-ZÄÖÜ][a-zäöüß]+)(?:kenntnisse|-\s+(?:und|oder|sowie)\b)"
)


def read_ad(text: str, taxonomy: Taxonomy) -> AdReading:
    """Read a job ad: title, location, work mode, years, languages and criteria (must or nice)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = split_lines(text)
    segs = segments(text, lines)
    title, title_words = find_title(text, lines)
    mode, mode_words = find_work_mode(text)
    location, location_words = find_location(text, lines, mode)
    low, high, years_words = find_years(text, segs)

    def segment_at(offset: int) -> Segment | None:
        for seg in segs:
            if seg.start <= offset < seg.end:
                return seg
        return None

    def in_list(offset: int) -> bool:
        seg = segment_at(offset)
        return seg is not None and seg.mode in (MUST, NICE)

    title_line = next(
        (ln for ln in lines if ln.text.strip() and ln.text.strip() == title_words), None
    )
    title_span = (
        (title_line.offset, title_line.offset + len(title_line.text)) if title_line else (-1, -1)
    )
    # A header line that says where ("Curitiba/PR – modelo híbrido") holds no skills: PR is a state.
    place_line = next(
        (
            ln
            for ln in lines
            if ln is not title_line
            and ln.label is None
            and ln.text.strip()
            and ln.text.strip() == location_words
        ),
        None,
    )
    place_span = (
        (place_line.offset, place_line.offset + len(place_line.text)) if place_line else (-1, -1)
    )
    criteria: dict[str, dict] = {}
    order: list[str] = []
    languages: dict[str, str] = {}  # language -> must or nice
    covered: list[tuple[int, int]] = []

    def note(name: str, mode_here: str, is_language: bool) -> None:
        if is_language:
            current = languages.get(name)
            if current != MUST:
                languages[name] = MUST if mode_here != NICE else NICE
            return
        entry = criteria.get(name)
        must = mode_here == MUST
        if entry is None:
            criteria[name] = {"name": name, "must": must, "weight": 2 if must else 1}
            order.append(name)
        elif must and not entry["must"]:
            entry.update(must=True, weight=2)

    hits = [h for h in taxonomy.find(text, in_list) if h.counts]
    for hit in hits:
        covered.append((hit.start, hit.end))
        skill = taxonomy.skill(hit.skill)
        is_language = skill is not None and skill.category.lower().startswith(
            ("spoken", "language")
        )
        if title_span[0] <= hit.start < title_span[1]:
            if not is_language:
                note(hit.skill, NEUTRAL, False)
            continue
        seg = segment_at(hit.start)
        if seg is None or seg.mode == SKIP or place_span[0] <= hit.start < place_span[1]:
            continue
        note(hit.skill, seg.mode, is_language)
    # German compounds the taxonomy does not split: "Deutschkenntnisse",
    # "Deutsch- und Englischkenntnisse".
    for m in _GERMAN_LANGUAGE_COMPOUND.finditer(text):
        skill = taxonomy.lookup(m.group(1))
        if skill is None or not skill.category.lower().startswith("spoken"):
            continue
        seg = segment_at(m.start())
        if seg is None or seg.mode == SKIP:
            continue
        covered.append((m.start(), m.end()))
        note(skill.name, seg.mode, True)
    for name, phrase_mode in _phrases(text, segs, covered):
        if name.casefold() not in {c.casefold() for c in criteria}:
            criteria[name] = {
                "name": name,
                "kind": "phrase",
                "must": phrase_mode == MUST,
                "weight": 2 if phrase_mode == MUST else 1,
            }
            order.append(name)
    required = [name for name, how in languages.items() if how == MUST]
    for name, how in languages.items():
        if how == NICE and name not in criteria:
            criteria[name] = {"name": name, "must": False, "weight": 1}
            order.append(name)
    reading = AdReading(
        title=title or "",
        location=location,
        work_mode=mode,
        min_years=low,
        max_years=high,
        languages=required,
        criteria=[criteria[n] for n in order],
    )
    reading.evidence = {
        k: v
        for k, v in (
            ("title", title_words),
            ("location", location_words),
            ("work_mode", mode_words),
            ("years", years_words),
        )
        if v
    }
    return reading


def _phrases(
    text: str, segs: list[Segment], covered: list[tuple[int, int]]
) -> list[tuple[str, str]]:
    """Short items of a must-have or nice-to-have list the taxonomy does not know ("Zendesk")."""
    out: list[tuple[str, str]] = []
    seen: set[int] = set()
    for seg in segs:
        if not seg.listy or seg.lang or seg.mode not in (MUST, NICE) or id(seg) in seen:
            continue
        seen.add(id(seg))
        for a, b in _spans(
            text[seg.start : seg.end],
            re.compile(
                r"\s*(?:[,;/]|\band\b|\bor\b|\bund\b|\boder\b|"
                r"\bet\b|\bou\b|\by\b|\bo\b|\be\b)\s*"
            ),
        ):
            start, end = seg.start + a, seg.start + b
            item = text[start:end].strip(" .:()")
            if not item or any(s < end and start < e for s, e in covered):
                continue
            words = item.split()
            key = flat(item)
            if len(words) > 3 or len(item) < 2 or _YEARS.search(key) or _SOFT_PHRASES.search(key):
                continue
            if (
                _MUST_CUE.search(key)
                or _NICE_CUE.search(key)
                or (re.search(r"\d", item) and not re.search(r"[A-Za-z]", item))
            ):
                continue
            # A tool or product is written with a capital or in capitals; plain words are prose.
            if not re.search(r"[A-Z]", item) or words[0].lower() in _LEADING_FILLER:
                continue
            out.append((" ".join(words), seg.mode))
    return out


_LEADING_FILLER = {
    "the",
    "a",
    "an",
    "our",
    "your",
    "with",
    "in",
    "mit",
    "der",
    "die",
    "das",
    "le",
    "la",
    "les",
    "el",
    "los",
    "las",
    "o",
    "os",
    "as",
    "de",
    "des",
    "du",
    "und",
    "and",
}


def propose_job(text: str, taxonomy: Taxonomy) -> dict:
    """A job spec (the TOML form as a dict) proposed from an ad's text.

    Keys: ``title``, ``description`` (the ad, up to 2,000 characters), ``min_years`` (when the ad
    says), ``location`` (when it names a place), ``remote`` (true only for remote work: a hybrid
    job keeps its location), ``languages`` (spoken languages it requires) and ``criteria``
    (``name``, ``must``, ``weight``, and ``kind = "phrase"`` for words the taxonomy does not know).
    """
    reading = read_ad(text, taxonomy)
    first_line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    title = reading.title or (first_line if len(first_line) <= 60 else "") or "New job"
    spec: dict = {"title": title, "description": text.strip()[:2000]}
    if reading.min_years:
        spec["min_years"] = reading.min_years
    if reading.location:
        spec["location"] = reading.location
    spec["remote"] = reading.work_mode == "remote"
    if reading.languages:
        spec["languages"] = reading.languages
    spec["criteria"] = reading.criteria
    return spec
