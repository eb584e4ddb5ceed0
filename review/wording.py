"""The words of the gate: is a note specific, does a message speak to them, does it read cold.

Pure functions over text and what we know of a person; no database, no Qt. The gate, the
message linter and the dialog call them (see each function's docstring for where).

- :func:`note_specificity` — a note is *specific* when it says something only this person's
  resume or the recruiter's own notes could give: a phrase of several words from their
  experience, a name from their resume (an employer, a project, a school), a detail the
  recruiter learned, or two of their skills in a sentence about what they did. Praise plus one
  skill ("Great candidate with Python, very motivated") is not.
- :func:`to_second_person` — a note about someone ("Owen has owned… His runbooks…") turned into
  words to them ("You have owned… Your runbooks…"), for the drafted message.
- :func:`third_person_sentences` — a message that speaks of them ("Owen led…", "she has") instead
  of to them, sentence by sentence, with the second-person version as the suggestion.
- :func:`cold_phrases` — stock phrases of rejection letters ("we regret to inform you", "the
  position has been filled"), found by fuzzy matching with their variants in English, German,
  French, Spanish and Portuguese, each with a kinder alternative in the same language. The table
  is ``resources/templates/cold_phrases.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from parsing.text import fold

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
COLD_PHRASES_FILE = RESOURCES / "templates" / "cold_phrases.toml"

_TOKEN = re.compile(r"[^\W_](?:[\w'’+#./%-]*[\w+#%])?")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+|\n+|\s*;\s*")

# --- what says nothing about anyone ----------------------------------------------------------

_STOP = set(
    """
a an the and or but nor so yet of in on at to for with without by from into onto over under about as is are was were be
been being am has have had having do does did doing will would shall should can could may might must this that these
those it its it's he she they them him her his hers their theirs we us our ours you your yours i me my mine who whom
whose which what when where why how than then there here also very really quite just even still too much many more
most some any all both each every other such own same few lot lots not no yes only well again once while because
if though although whether after before during since until up down out off per via etc e.g i.e one two three
der die das den dem des ein eine einen einem einer eines und oder aber mit von zu im in am an auf für fur bei nach aus
ist sind war waren hat haben hatte hatten wird werden wurde wurden sehr auch noch schon nur sie er es wir ihr ihre
ihren ihrem ihrer sein seine seinen seinem seiner dass als wie wenn so zum zur vom über uber durch um ohne gegen
le la les un une des du de et ou mais avec pour par sur dans en au aux est sont était ont a été très aussi il elle
ils elles son sa ses leur leurs qui que quoi ce cette ces comme plus bien tout tous
el los las uno una unos unas y o pero con para por sobre en es son era fue ha han muy también él ella ellos ellas
su sus que como más este esta estos estas del al lo
o os as um uma uns umas e ou mas com para por sobre em no na nos nas é são era foi tem têm muito também ele ela
eles elas seu sua seus suas que como mais este esta do da dos das ao aos
""".split()
)

# Praise, buzzwords and role words: true of half the people who apply.
_GENERIC = set(
    """
good great nice strong solid excellent outstanding impressive amazing awesome wonderful lovely brilliant fantastic
talented smart bright clever gifted capable competent skilled skillful experienced seasoned qualified suitable
motivated hardworking hard-working diligent passionate dedicated committed driven enthusiastic eager keen ambitious
reliable responsible dependable trustworthy organized organised structured methodical thorough careful meticulous
creative innovative dynamic proactive flexible adaptable versatile resourceful curious positive friendly pleasant
polite professional personable confident mature calm patient independent autonomous
candidate candidates person people profile background experience experiences expertise knowledge understanding
skills skill skillset abilities ability competencies competence qualifications potential attitude energy mindset
fit match role roles job jobs position positions company companies team teams player players environment culture
work working worked works career resume cv application applicant interview
communicator communication communications interpersonal teamwork collaboration collaborative leadership
problem-solving problem solving solver thinker learner fast quick quickly fast-paced results-driven result-driven
results result detail-oriented details detail oriented self-starter starter self-motivated go-getter track record
proven value values deliver delivers delivering delivered growth opportunity opportunities challenge challenges
challenging success successful successfully achievements achievement accomplished various multiple several different
broad wide range variety solid overall general clearly obviously definitely certainly truly genuinely highly
extremely incredibly super pretty rather fairly somewhat lot lots bit years year months long time
brings bring brought offers offer has have had shows show showed showing seems seem looks look appears appear
think thought believe feel felt impressed liked like likes love loved enjoyed recommend recommended
senior junior lead principal staff head chief mid-level entry-level intern trainee graduate
engineer engineers engineering developer developers development analyst analysts analysis designer designers design
manager managers management consultant specialist architect administrator coordinator assistant associate
officer executive director scientist technician representative advisor expert professional professionals
software hardware data web mobile cloud platform platforms product products project projects system systems
solution solutions service services business businesses customer customers client clients stakeholder stakeholders
technical technology technologies tech tool tools process processes quality support industry field area areas
domain sector backend back-end frontend front-end full-stack fullstack stack code coding programming programmer
task tasks responsibilities responsibility duties goals goal objectives targets
gut gute guter gutes sehr stark starke starker starken toll tolle super motiviert motivierte motivierter engagiert
engagierte zuverlässig zuverlässige teamfähig teamfähige belastbar flexibel kompetent kompetente erfahren erfahrene
erfahrener qualifiziert qualifizierte sympathisch freundlich selbstständig strukturiert lösungsorientiert
kommunikationsstark kandidat kandidatin bewerber bewerberin profil erfahrung erfahrungen kenntnisse fähigkeiten
hintergrund team firma unternehmen stelle rolle passt passend jahre jahren bringt mit
bon bonne bons bonnes très excellent excellente fort forte motivé motivée dynamique rigoureux rigoureuse autonome
sérieux sérieuse passionné passionnée compétent compétente expérimenté expérimentée qualifié qualifiée candidat
candidate profil expérience expériences compétences connaissances parcours équipe entreprise poste ans apporte
bueno buena buenos buenas muy excelente fuerte motivado motivada proactivo proactiva responsable comprometido
comprometida dinámico dinámica apasionado apasionada competente experimentado experimentada cualificado candidato
candidata perfil experiencia experiencias habilidades conocimientos equipo empresa puesto años aporta trae
bom boa bons boas muito ótimo ótima excelente forte motivado motivada proativo proativa dedicado dedicada
comprometido comprometida dinâmico dinâmica competente experiente qualificado qualificada candidato candidata
perfil experiência experiências habilidades conhecimentos equipe equipa empresa vaga cargo anos traz
""".split()
)
_GENERIC_FOLDED = {fold(w) for w in _GENERIC}
_STOP_FOLDED = {fold(w) for w in _STOP}

_MONTHS_AND_DAYS = {
    fold(w)
    for w in """
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday januar februar märz juni juli oktober
dezember janvier février mars avril mai juin juillet août septembre octobre novembre décembre enero febrero marzo
abril mayo junio julio agosto septiembre octubre noviembre diciembre janeiro fevereiro março maio junho julho
setembro outubro novembro dezembro present today heute aujourd'hui hoy hoje
""".split()
}
_NOT_NAMES = {
    fold(w)
    for w in """
i i'm i've i'd cv hr it ceo cto cfo coo vp usa uk eu us b.sc bsc msc m.sc phd ph.d mba ba ma bs ms gpa ats faq
note notes mr mrs ms dr prof
""".split()
}

# Doing words: a sentence about what they did has one.
_ACTION = {
    fold(w)
    for w in """
built build builds building led lead leads leading ran run runs running designed design designs wrote write writes
shipped ship ships launched launch launches created create creates founded founds started migrated migrate migrates
moved rewrote rewrite rebuilt rebuild automated automate automates reduced reduce reduces cut cuts scaled scale
scales implemented implement implements developed develop develops maintained maintain maintains owned own owns
managed manage manages mentored mentor mentors coached coach coaches trained train trains taught teach teaches
organised organized organise organize introduced introduce replaced replace improved improve improves optimised
optimized optimise optimize tuned tune tunes deployed deploy deploys integrated integrate analysed analyzed
analyse analyze modelled modeled model models tested test tests debugged debug fixed fix fixes delivered sold sells
negotiated negotiate closed grew grow grows raised saved save saves turned won wins published presented
researched translated edited produced set up setting configured configure architected refactored refactor
ported port drove drive drives handled handle handles supported support supports used use uses using applied
combined combine paired connected wired hired recruited onboarded cleaned prepared planned reorganised reorganized
entwickelte entwickelt baute gebaut aufgebaut leitete geleitet führte geführt schrieb geschrieben migrierte migriert
automatisierte automatisiert betreute betreut programmierte programmiert einführte eingeführt verbesserte
verbessert optimierte optimiert gestaltete gestaltet aufgesetzt setzte verantwortete verantwortet
développé a développé construit conçu dirigé mené créé migré automatisé écrit géré lancé amélioré optimisé
déployé mis piloté encadré formé
desarrolló desarrollado construyó construido diseñó diseñado lideró liderado dirigió creó creado migró migrado
automatizó automatizado escribió escrito gestionó gestionado lanzó mejoró optimizó implementó implantó formó
desenvolveu desenvolvido construiu construído projetou liderou criou criado migrou automatizou escreveu geriu
gerenciou lançou melhorou otimizou implementou implantou treinou
""".split()
}
_ACTION -= _STOP_FOLDED  # "a développé", "set up": the little words are not the doing
# Words in -ed that describe rather than do.
_ED_ADJECTIVES = {
    fold(w)
    for w in """
skilled experienced motivated talented dedicated interested detailed advanced varied based qualified committed
organized organised focused determined talented gifted seasoned animated excited balanced educated informed
self-motivated well-rounded well-organized reserved tired surprised impressed pleased
""".split()
}

# What the recruiter heard from them: a detail from a conversation, not from the page.
_HEARD = re.compile(
    r"\b(?:told me|tells me|mentioned|said (?:that )?|explained|described|talked about|spoke about|in (?:our|the) "
    r"(?:call|interview|chat|conversation|screen(?:ing)?)|on the (?:phone|call)|when we (?:spoke|talked|met)|"
    r"hat (?:mir )?erzählt|erzählte|erwähnte|sagte|im (?:gespräch|interview|telefonat)|"
    r"m'a (?:dit|raconté|expliqué)|a mentionné|lors de (?:l'entretien|notre échange|l'appel)|"
    r"me (?:dijo|contó|explicó)|mencionó|en la entrevista|en (?:la|nuestra) llamada|"
    r"me (?:disse|contou|explicou)|mencionou|na entrevista|na (?:nossa )?conversa)\b",
    re.IGNORECASE,
)


def _key(token: str) -> str:
    """A word as compared: folded, without possessive, with a light stem ("queries" = "query")."""
    word = fold(token).strip(".'’")
    word = re.sub(r"['’]s$", "", word)
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_number(word: str) -> bool:
    """A figure worth comparing: two digits or more ("40", "120ms", "18%", "85,000"), not "3"."""
    return (
        bool(re.fullmatch(r"[€$£]?\d[\d.,]*(?:%|k|m|ms|x|h|s|km|kg|tb|gb)?", word))
        and len(re.sub(r"\D", "", word)) >= 2
    )


def _content(token: str) -> str | None:
    """The comparison key of a word that says something, or None for a word that says nothing."""
    raw = fold(token).strip(".'’")
    if _is_number(raw):
        return re.sub(r"\D", "", raw)  # "120ms", "120 ms" and "120" are one figure
    if len(raw) < 3 or raw in _STOP_FOLDED or raw in _GENERIC_FOLDED or raw.isdigit():
        return None
    key = _key(token)
    if key in _GENERIC_FOLDED or key in _STOP_FOLDED or len(key) < 3:
        return None
    return key


@dataclass
class Known:
    """What we know of a person, to tell a note about them from a note that fits anyone.

    ``resume`` is their resume's text and ``sections`` its section spans as stored at import
    (``{"kind", "start", "end"}`` dicts or ``(kind, start, end)`` tuples); ``skills`` the skills
    found in it; ``employers``, ``titles`` and ``projects`` what the parser or the recruiter
    knows; ``notes`` earlier notes about them (relationship notes, interview notes).
    """

    first_name: str = ""
    full_name: str = ""
    resume: str = ""
    sections: list = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)


def first_name_of(name: str | None, given: str | None = None) -> str:
    """The first given name of ``name``: its first word, unless the parser read it surname
    first ("Nowak Anna", given "Anna"). A recruiter's correction that no longer holds the
    given name ("Anna" corrected to "Ania Nowak") greets by its own first word."""
    words = (name or "").split()
    given_words = (given or "").split()
    if given_words and given_words[0] in words:
        return given_words[0]
    return words[0] if words else ""


def known_about(store, person_id: int) -> Known:
    """What the store knows of a person, for :func:`note_specificity`: their resume and its
    sections, skills and title, and the notes written about them before (relationship notes and
    earlier person-first notes, from any job)."""
    import json

    row = store.one(
        "SELECT p.name, p.given_name, p.title, p.skills, d.text, d.fields FROM people p JOIN documents d ON d.id = p.document_id "
        "WHERE p.id = ?",
        (person_id,),
    )
    if row is None:
        raise LookupError(f"no person with id {person_id}")
    fields = json.loads(row["fields"] or "{}")
    notes = [
        r[0]
        for r in store.conn.execute(
            "SELECT text FROM relationship_notes WHERE person_id = ? UNION ALL "
            "SELECT brings FROM disposition_notes WHERE person_id = ? AND brings <> ''",
            (person_id, person_id),
        )
    ]
    name = row["name"] or ""
    return Known(
        first_name=first_name_of(name, row["given_name"]),
        full_name=name,
        resume=row["text"] or "",
        sections=fields.get("section_spans") or [],
        skills=json.loads(row["skills"] or "[]"),
        titles=[row["title"]] if row["title"] else [],
        notes=notes,
    )


@dataclass
class Evidence:
    """Words of the note that make it specific, and where they come from."""

    kind: str  # phrase, name, detail, skills_in_action
    words: str  # the note's words
    source: (
        str  # "their resume", "their resume (experience)", "your earlier note", "your conversation"
    )


@dataclass
class Specificity:
    specific: bool
    evidence: list[Evidence]
    reason: str  # why it is specific (the best evidence), or what to add when it is not
    generic: list[str] = field(default_factory=list)  # the praise words, to highlight


# Where a resume says what they did. A summary is where boilerplate lives ("results-driven…"),
# and a skills list is a list, not an experience.
_EXCLUDED_SECTIONS = {"summary", "skills", "languages", "contact", "references", "personal"}
_GERMAN_WORDS = {
    "der",
    "die",
    "das",
    "und",
    "mit",
    "für",
    "von",
    "bei",
    "nach",
    "eine",
    "einer",
    "des",
    "im",
    "zur",
}


def _section_of(sections, offset: int) -> str | None:
    for sec in sections:
        kind, start, end = (
            (sec.get("kind"), sec.get("start", 0), sec.get("end", 0))
            if isinstance(sec, dict)
            else sec
        )
        if start <= offset < end:
            return kind
    return None


def _units(text: str, sections) -> list[tuple[int, int, str | None]]:
    """Resume sentences and list items, with their section."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line_start = m.start()
        line = m.group()
        at = 0
        for part in re.split(r"(?<=[.!?])\s+|\s*;\s*|\s+[•|·]\s+", line):
            idx = line.find(part, at)
            if idx < 0:
                continue
            at = idx + len(part)
            if part.strip():
                start = line_start + idx
                out.append((start, start + len(part), _section_of(sections, start)))
    return out


def _taxonomy():
    from parsing.taxonomy import load_taxonomy

    return load_taxonomy()


def _skill_spans(text: str, taxonomy) -> list[tuple[int, int, str, str]]:
    """(start, end, skill, category) of each skill named in text."""
    out = []
    for hit in taxonomy.find(text, lambda _offset: False):
        if not hit.counts:
            continue
        skill = taxonomy.skill(hit.skill)
        out.append((hit.start, hit.end, hit.skill, skill.category if skill else ""))
    return out


def _keys_of(
    text: str, start: int, end: int, skills: list[tuple[int, int, str, str]]
) -> tuple[set[str], set[str]]:
    """Content keys of text[start:end] (skills as "skill:Name") and the plain (non-skill) ones."""
    keys: set[str] = set()
    plain: set[str] = set()
    inside = [(s, e, name) for s, e, name, _cat in skills if start <= s < end]
    for _s, _e, name in inside:
        keys.add("skill:" + name)
    previous = None
    for m in _TOKEN.finditer(text, start, end):
        if any(s <= m.start() < e for s, e, _ in inside):
            continue
        key = _content(m.group())
        if key:
            keys.add(key)
            plain.add(key)
        # "85 000" is one figure, as "85,000" is.
        if (
            previous is not None
            and previous[1].isdigit()
            and re.fullmatch(r"\d{3}", m.group())
            and text[previous[0] : m.start()].strip(" \u00a0\u202f") == ""
        ):
            keys.add(previous[1] + m.group())
            plain.add(previous[1] + m.group())
        previous = (m.end(), m.group())
    return keys, plain


def _resume_index(known: Known, taxonomy) -> dict:
    cache = known._cache
    if cache.get("resume") is known.resume and "units" in cache:
        return cache
    text = known.resume or ""
    skills = _skill_spans(text, taxonomy) if text else []
    units = []
    for start, end, section in _units(text, known.sections):
        if section in _EXCLUDED_SECTIONS:
            continue
        piece = text[start:end]
        if piece.count(",") >= 3 and not any(_key(w) in _ACTION for w in _TOKEN.findall(piece)):
            continue  # a list of skills or tools, not something they did
        keys, plain = _keys_of(text, start, end, skills)
        if keys:
            units.append((start, end, section, keys, plain))
    # Names: words written with a capital inside a sentence and never in lower case. German
    # writes every noun with a capital: there only the employers and projects we know count.
    words_folded = [fold(w) for w in _TOKEN.findall(text)]
    german = sum(w in _GERMAN_WORDS for w in words_folded) > 0.04 * max(1, len(words_folded))
    lower: set[str] = set()
    capital: dict[str, str] = {}
    for m in _TOKEN.finditer(text):
        word = m.group()
        before = text[max(0, m.start() - 2) : m.start()]
        line_start = (
            m.start() == 0
            or "\n" in before
            or re.search(r"[.!?:•|·\-–]\s*$", text[max(0, m.start() - 3) : m.start()])
        )
        if word[:1].islower():
            lower.add(fold(word))
        elif word[:1].isupper() and not line_start and (not german or not word[1:].islower()):
            capital.setdefault(fold(word), word)
    own = {fold(p) for p in (known.full_name or known.first_name or "").replace("-", " ").split()}
    skill_words = {fold(w) for s, e, _name, _cat in skills for w in _TOKEN.findall(text[s:e])}
    names = {
        key: word
        for key, word in capital.items()
        if key not in lower and key not in own and key not in skill_words and _could_be_a_name(key)
    }
    for extra in [*known.employers, *known.projects]:
        for word in _TOKEN.findall(extra or ""):
            key = fold(word)
            if word[:1].isupper() and key not in own and _could_be_a_name(key):
                names.setdefault(key, word)
    cache.clear()
    cache.update(resume=known.resume, units=units, names=names, skills={s[2] for s in skills})
    return cache


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from parsing.jobad import places

    return frozenset(
        fold(word)
        for p in places()[0]
        for spelling in (p.name, *p.aliases)
        for word in spelling.split()
    )


def _could_be_a_name(key: str) -> bool:
    return (
        len(key) >= 3
        and key not in _STOP_FOLDED
        and key not in _GENERIC_FOLDED
        and key not in _MONTHS_AND_DAYS
        and key not in _NOT_NAMES
        and key not in _ACTION
        and not key.isdigit()
        and key not in _places()
        and _key(key) not in _GENERIC_FOLDED
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    at = 0
    for m in _SENTENCE.finditer(text):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < len(text):
        out.append((at, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _note_words(note: str, keys: set[str], start: int, end: int, skills=()) -> str:
    """The note's own words for a set of keys, in the note's order."""
    found = [
        (s, note[s:e])
        for s, e, name, _cat in skills
        if start <= s < end and "skill:" + name in keys
    ]
    for m in _TOKEN.finditer(note, start, end):
        if any(s <= m.start() < s + len(w) for s, w in found):
            continue
        k = _content(m.group())
        if k and k in keys:
            found.append((m.start(), m.group()))
    return " … ".join(w for _s, w in sorted(found))


def note_specificity(note: str, known: Known, taxonomy=None) -> Specificity:
    """Whether a note about someone says something only their resume or your notes could give.

    Specific means at least one of:

    - a **phrase from their experience**: three or more words that say something (not praise,
      not role words; one of them not a skill name) shared with one sentence of their resume, or
      a number from it with a word beside it ("cut p95 latency to 120 ms");
    - a **name from their resume**: an employer, a project, a school — a word their resume
      always writes with a capital (``known.employers`` and ``known.projects`` count too);
    - a **detail you learned**: words shared with your earlier notes about them, or a sentence
      reporting what they told you ("she told me she rebuilt the deploy pipeline after an outage");
    - **two of their skills in a sentence about what they did** ("built the ETL in Python and
      Airflow"): two distinct skills, not soft skills or languages, and a doing word.

    Returns a :class:`Specificity` with the evidence, or with a reason that says what to add.
    The gate's "specific" check calls this (``review.gate.check_note``, or its successor).
    """
    taxonomy = taxonomy or _taxonomy()
    note = note or ""
    index = _resume_index(known, taxonomy)
    note_skills = _skill_spans(note, taxonomy)
    evidence: list[Evidence] = []
    generic = [
        m.group()
        for m in _TOKEN.finditer(note)
        if fold(m.group()) in _GENERIC_FOLDED
        and fold(m.group())
        not in {"has", "have", "had", "brings", "bring", "work", "working", "worked"}
        and fold(m.group()) in _PRAISE
    ]
    have_resume = bool((known.resume or "").strip())
    their_skills = set(known.skills) | index["skills"]
    for s_start, s_end in _sentences(note):
        keys, plain = _keys_of(note, s_start, s_end, note_skills)
        # 1. A phrase from their experience.
        best = None
        for _u_start, _u_end, section, u_keys, u_plain in index["units"]:
            shared = keys & u_keys
            numbers = {k for k in shared if _is_number(k)}
            plain_shared = shared & u_plain
            if (len(shared) >= 3 and plain_shared) or (numbers and plain_shared - numbers):
                score = len(shared) + len(numbers)
                if best is None or score > best[0]:
                    best = (score, shared, section)
        if best is not None:
            where = f"their resume ({best[2]})" if best[2] else "their resume"
            evidence.append(
                Evidence("phrase", _note_words(note, best[1], s_start, s_end, note_skills), where)
            )
        # 2. A name from their resume.
        for m in _TOKEN.finditer(note, s_start, s_end):
            key = fold(m.group()).strip(".'’")
            key = re.sub(r"['’]s$", "", key)
            if key in index["names"] and m.group()[:1].isupper():
                evidence.append(
                    Evidence(
                        "name", m.group().removesuffix("'s").removesuffix("’s"), "their resume"
                    )
                )
        # 3. A detail you learned: from your earlier notes, or from what they told you.
        for earlier in known.notes:
            _e_keys, e_plain = _keys_of(earlier, 0, len(earlier), _skill_spans(earlier, taxonomy))
            shared = plain & e_plain
            if len(shared) >= 2:
                evidence.append(
                    Evidence(
                        "detail", _note_words(note, shared, s_start, s_end), "your earlier note"
                    )
                )
                break
        heard = _HEARD.search(note, s_start, s_end)
        if heard and len(plain - {_key(w) for w in _TOKEN.findall(heard.group())}) >= 2:
            evidence.append(Evidence("detail", note[s_start:s_end].strip(), "your conversation"))
        # 4. Two of their skills in a sentence about what they did.
        hard = []
        for h_start, _h_end, name, category in note_skills:
            if not s_start <= h_start < s_end or name in hard:
                continue
            if _soft(category):
                continue
            if have_resume and name not in their_skills:
                continue
            hard.append(name)
        if len(hard) >= 2 and _has_action(note[s_start:s_end], note_skills):
            said = [
                note[h_s:h_e]
                for h_s, h_e, name, _c in note_skills
                if s_start <= h_s < s_end and name in hard
            ]
            evidence.append(
                Evidence("skills_in_action", _and(list(dict.fromkeys(said))[:3]), "their resume")
            )
    if evidence:
        first = evidence[0]
        kinds = {
            "phrase": "words from their experience",
            "name": "a name from their resume",
            "detail": "something you learned",
            "skills_in_action": "what they did with their skills",
        }
        return Specificity(
            True, evidence, f"Specific: {kinds[first.kind]} (“{first.words}”).", generic
        )
    return Specificity(
        False, [], _reason(note, known, note_skills, their_skills, have_resume, generic), generic
    )


_PRAISE = {
    fold(w)
    for w in """
good great nice strong solid excellent outstanding impressive amazing awesome wonderful lovely brilliant fantastic
talented smart bright clever gifted capable competent skilled experienced seasoned qualified motivated hardworking
hard-working diligent passionate dedicated committed driven enthusiastic eager keen ambitious reliable responsible
dependable organized organised creative innovative dynamic proactive flexible adaptable versatile curious positive
friendly professional confident results-driven detail-oriented self-starter self-motivated
gut gute guter toll motiviert engagiert zuverlässig teamfähig belastbar kompetent erfahren sympathisch
bon bonne excellent excellente motivé motivée dynamique rigoureux autonome sérieux passionné compétent
bueno buena excelente motivado motivada proactivo responsable comprometido apasionado competente
bom boa ótimo ótima excelente motivado motivada proativo dedicado comprometido competente
""".split()
}


def _soft(category: str) -> bool:
    """Soft skills and spoken languages: true of many people, not a skill they used."""
    return category.lower() in ("soft skills", "soft skill") or category.lower().startswith(
        ("spoken", "language")
    )


def _has_action(sentence: str, skills) -> bool:
    for word in _TOKEN.findall(sentence):
        key = fold(word)
        if key in _ACTION or _key(word) in _ACTION:
            return True
        if (
            len(key) > 4
            and key.endswith("ed")
            and key not in _ED_ADJECTIVES
            and key not in _GENERIC_FOLDED
        ):
            return True
    return False


def _reason(
    note: str, known: Known, note_skills, their_skills, have_resume: bool, generic: list[str]
) -> str:
    ask = (
        "Name something only their resume or your conversation could give: what they built or ran, where "
        "(an employer, a project), with what result — or two of their skills in a sentence about what they did."
    )
    skills = list(dict.fromkeys(name for _s, _e, name, cat in note_skills if not _soft(cat)))
    strangers = [s for s in skills if have_resume and s not in their_skills]
    if strangers:
        return (
            f"{_and(strangers)} {'is' if len(strangers) == 1 else 'are'} not in their resume. {ask}"
        )
    resume = " ".join(fold(w) for w in _TOKEN.findall(known.resume or ""))
    words = [m.group() for m in _TOKEN.finditer(note)]
    if len(words) >= 6 and resume and " ".join(fold(w) for w in words[:6]) in resume:
        return f"“{' '.join(words[:6])}…” is their resume's own summary, and it could be anyone's. {ask}"
    praise = ", ".join(f"“{g}”" for g in dict.fromkeys(generic[:3]))
    it = "it" if len(skills) == 1 else "them"
    if praise and skills:
        return (
            f"This is praise ({praise}) and {_and(skills[:2])}: true of many people. Say what they did with "
            f"{it}. {ask}"
        )
    if praise:
        return f"This is praise ({praise}) that could fit anyone. {ask}"
    if skills:
        return (
            f"Naming {_and(skills[:3])} is not yet about them: say what they did with {it}. {ask}"
        )
    return f"Nothing here is specific to them yet. {ask}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- speaking to them, not about them --------------------------------------------------------------

_PRONOUNS = {
    "he": {
        "subject": "he",
        "object": "him",
        "possessive": "his",
        "standalone": "his",
        "reflexive": "himself",
    },
    "she": {
        "subject": "she",
        "object": "her",
        "possessive": "her",
        "standalone": "hers",
        "reflexive": "herself",
    },
    "they": {
        "subject": "they",
        "object": "them",
        "possessive": "their",
        "standalone": "theirs",
        "reflexive": "themselves",
    },
}
_ROLE_OF = {}
for _set, _forms in _PRONOUNS.items():
    for _role, _word in _forms.items():
        _ROLE_OF.setdefault(_word, []).append((_set, _role))
_ROLE_OF["themself"] = [("they", "reflexive")]
_CONTRACTED = {
    "he's": "he",
    "she's": "she",
    "he'd": "he",
    "she'd": "she",
    "he'll": "he",
    "she'll": "she",
    "they're": "they",
    "they've": "they",
    "they'd": "they",
    "they'll": "they",
}

_AGREE = {
    "has": "have",
    "is": "are",
    "was": "were",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "goes": "go",
    "doesnt": "dont",
    "isnt": "arent",
    "wasnt": "werent",
    "hasnt": "havent",
}
_ADVERB = {
    "also",
    "always",
    "already",
    "still",
    "often",
    "never",
    "just",
    "even",
    "really",
    "clearly",
    "consistently",
    "quickly",
    "recently",
    "currently",
    "previously",
    "once",
    "then",
    "now",
    "actually",
    "genuinely",
    "simply",
    "truly",
    "usually",
    "rarely",
    "sometimes",
    "obviously",
    "certainly",
    "personally",
    "single-handedly",
    "not",
}
_AUX = {
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "does",
    "do",
    "did",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "doesn't",
    "isn't",
    "wasn't",
    "hasn't",
    "hadn't",
    "didn't",
    "can't",
    "won't",
    "wouldn't",
    "couldn't",
    "shouldn't",
}
_IRREGULAR_PAST = {
    "led",
    "built",
    "ran",
    "wrote",
    "took",
    "made",
    "gave",
    "brought",
    "taught",
    "grew",
    "drove",
    "sold",
    "won",
    "kept",
    "left",
    "met",
    "found",
    "spent",
    "set",
    "cut",
    "put",
    "read",
    "began",
    "became",
    "chose",
    "spoke",
    "told",
    "thought",
    "knew",
    "saw",
    "came",
    "went",
    "got",
    "held",
    "paid",
    "sent",
    "shipped",
    "rebuilt",
    "rewrote",
    "understood",
    "fought",
    "bought",
    "caught",
    "felt",
    "heard",
    "meant",
    "stood",
    "overcame",
    "oversaw",
}
_VERBS_S = {  # third person forms, base form by rule
    "brings",
    "knows",
    "owns",
    "shows",
    "speaks",
    "thinks",
    "wants",
    "needs",
    "loves",
    "enjoys",
    "works",
    "lives",
    "takes",
    "makes",
    "gives",
    "cares",
    "understands",
    "seems",
    "looks",
    "writes",
    "builds",
    "leads",
    "runs",
    "uses",
    "manages",
    "mentors",
    "coaches",
    "teaches",
    "designs",
    "ships",
    "handles",
    "explains",
    "asks",
    "listens",
    "learns",
    "reads",
    "keeps",
    "helps",
    "prefers",
    "plans",
    "hopes",
    "likes",
    "says",
    "tells",
    "maintains",
    "drives",
    "sells",
    "stays",
    "talks",
    "thrives",
    "communicates",
    "documents",
    "tests",
    "values",
    "juggles",
    "combines",
    "deserves",
    "brought",
    "offers",
    "stands",
    "joins",
    "moves",
    "plays",
    "volunteers",
    "organises",
    "organizes",
    "supports",
    "contributes",
    "collaborates",
}
_PERSON_BEFORE = re.compile(
    r"(?:mentored|coached|hired|trained|taught|helped|supported|managed|replaced|introduced|recommended|referred|"
    r"told|asked|met|with|colleague|manager|boss|lead|mentor|reference|referee|cto|ceo|founder|partner|wife|husband|"
    r"son|daughter|friend|kollege|kollegin|collègue|compañero|compañera|colega)\s*,?\s*$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(
    r"^\s*(?:,\s*(?:who|our|their|his|her)\b|\s(?:said|says|told|thinks|mentioned|who)\b)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»|„[^“”]*[“”]|‘[^’\n]{3,}’(?!\w)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_NOT_POSSESSED = {
    "about",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "onto",
    "over",
    "to",
    "up",
    "with",
    "and",
    "or",
    "but",
    "so",
    "the",
    "a",
    "an",
    "that",
    "this",
    "these",
    "those",
    "some",
    "any",
    "again",
    "too",
    "back",
    "once",
    "when",
    "while",
    "if",
    "because",
    "before",
    "after",
    "how",
    "what",
    "why",
    "know",
    "feel",
    "very",
}


def _base_form(verb: str) -> str:
    low = verb.lower()
    if low in _AGREE:
        out = _AGREE[low]
    elif low.endswith("ies") and len(low) > 4:
        out = low[:-3] + "y"
    elif re.search(r"(?:ch|sh|ss|x|z|o)es$", low):
        out = low[:-2]
    elif low.endswith("s") and not low.endswith("ss"):
        out = low[:-1]
    else:
        out = low
    return out[:1].upper() + out[1:] if verb[:1].isupper() else out


def _is_third_person_verb(word: str) -> bool:
    low = word.lower().replace("’", "'")
    if low in _AGREE or low in _VERBS_S:
        return True
    return (
        low.endswith("s")
        and not low.endswith("ss")
        and (low[:-1] in _ACTION or low[:-2] in _ACTION)
    )


def _is_verb_after_subject(word: str) -> bool:
    low = word.lower().replace("’", "'")
    return (
        low in _AUX
        or _is_third_person_verb(low)
        or low in _IRREGULAR_PAST
        or (low.endswith("ed") and low not in _ED_ADJECTIVES)
        or low in _ACTION
    )


def _infer_pronoun(text: str) -> str | None:
    counts = {"he": 0, "she": 0, "they": 0}
    for m in _WORD.finditer(text):
        for pset, _role in _ROLE_OF.get(m.group().lower().replace("’", "'"), []):
            counts[pset] += 1
        contracted = _CONTRACTED.get(m.group().lower().replace("’", "'"))
        if contracted:
            counts[contracted] += 1
    if counts["he"] != counts["she"]:
        return "he" if counts["he"] > counts["she"] else "she"
    if counts["he"]:
        # As many of each: the note is about whoever it speaks of first.
        first = re.search(r"\b(he|she|his|her|him)\b", text, re.IGNORECASE)
        return "he" if first.group(1).lower() in ("he", "his", "him") else "she"
    return "they" if counts["they"] else None


_ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "was",
    "has",
    "have",
    "with",
    "for",
    "on",
    "at",
    "his",
    "her",
    "he",
    "she",
    "they",
    "their",
    "a",
    "an",
    "as",
    "by",
    "from",
    "that",
    "this",
    "who",
    "it",
    "be",
    "are",
}


def looks_english(text: str) -> bool:
    """Whether a note or sentence is in English (the pronoun rules are English ones)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    hits = sum(w in _ENGLISH for w in words)
    return hits >= 1 and hits >= 0.12 * len(words)


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _other_people(sentence: str, names: set[str]) -> list[int]:
    """Offsets in a sentence where someone else is named ("mentored Priya", "Dana, our CTO")."""
    out = []
    for m in _WORD.finditer(sentence):
        word = m.group()
        if not word[:1].isupper() or fold(word) in names or m.start() == 0:
            continue
        if fold(word) in _STOP_FOLDED or fold(word) in {"i", "i'm", "i've", "i'd"}:
            continue
        if _PERSON_BEFORE.search(sentence[: m.start()]) or _PERSON_AFTER.match(sentence[m.end() :]):
            out.append(m.start())
    return out


def to_second_person(
    note: str, first_name: str, full_name: str = "", pronoun: str | None = None
) -> str:
    """The recruiter's words about someone, turned into words to them, for the drafted message.

    "Owen has owned the on-call rota. His runbooks are the ones the team still uses; he is calm
    with people" → "You have owned the on-call rota. Your runbooks are the ones the team still
    uses; you are calm with people". Handles the name as subject, object or possessive, he / she
    / they with the verb after them ("she has" → "you have", "he is" → "you are", "they were" →
    "you were"), his / her / their → your, him / her / them → you, hers / theirs → yours,
    himself / herself / themselves → yourself. Quoted words and other people are left alone.
    ``pronoun`` ("he", "she", "they") is guessed from the note when not given. The recruiter edits
    the result; the gate's draft (``draft_for`` / ``draft_message``) calls this on "brings".
    """
    if not note or not looks_english(note):
        return note  # other languages: the recruiter rewrites it (du/Sie, tu/vous, tú/usted, você)
    pset = pronoun or _infer_pronoun(note)
    names = {fold(n) for n in [first_name, *(full_name or "").split()] if n}
    out = []
    at = 0
    for q in _QUOTE.finditer(note):
        out.append(_convert(note[at : q.start()], names, pset))
        out.append(q.group())
        at = q.end()
    out.append(_convert(note[at:], names, pset))
    return "".join(out)


def _convert(text: str, names: set[str], pset: str | None) -> str:
    pieces = []
    at = 0
    for m in re.finditer(r"[^.!?;\n]+[.!?;]*\s*|\n+", text):
        pieces.append(_convert_sentence(m.group(), names, pset))
        at = m.end()
    return "".join(pieces) + text[at:]


def _convert_sentence(sentence: str, names: set[str], pset: str | None) -> str:
    words = list(_WORD.finditer(sentence))
    others = _other_people(sentence, names)
    forms = _PRONOUNS.get(pset or "", {})
    replaced: dict[int, tuple[int, str]] = {}  # start -> (end, new text)
    agree_next: list[int] = []  # word indexes after a new "you", where a verb may need agreeing
    first_word = 0 if words else None
    i = 0
    while i < len(words):
        m = words[i]
        word = m.group()
        low = word.lower().replace("’", "'")
        key = fold(word).replace("’", "'")
        sentence_start = i == first_word
        after_other = any(o < m.start() for o in others)
        # The person's name (first, or first and last).
        base = re.sub(r"['’]s$", "", key)
        if base in names and word[:1].isupper():
            end_i = i
            while (
                end_i + 1 < len(words)
                and fold(re.sub(r"['’]s$", "", words[end_i + 1].group())) in names
                and sentence[words[end_i].end() : words[end_i + 1].start()] == " "
                and not re.search(r"['’]s$", words[end_i].group())
            ):
                end_i += 1
            last = words[end_i]
            possessive = bool(re.search(r"['’]s$", last.group()))
            gap_after = sentence[last.end() : last.end() + 2]
            vocative = (sentence_start and gap_after.startswith(",")) or bool(
                re.search(r",\s*$", sentence[: m.start()])
                and re.match(r"\s*[,.!?]|\s*$", sentence[last.end() :])
            )
            if vocative:
                i = end_i + 1
                continue
            if possessive:
                replaced[m.start()] = (last.end(), _cap("your", word) if sentence_start else "your")
            else:
                nxt = _next_verb_index(words, end_i + 1, sentence)
                if nxt is not None:
                    replaced[m.start()] = (last.end(), "You" if sentence_start else "you")
                    agree_next.append(end_i + 1)
                else:
                    replaced[m.start()] = (last.end(), "You" if sentence_start else "you")
            i = end_i + 1
            continue
        if forms and not after_other:
            if low in _CONTRACTED and _CONTRACTED[low] == pset:
                rest = low.split("'", 1)[1]
                nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
                if rest == "s":
                    rest = (
                        "ve"
                        if (
                            nxt in _IRREGULAR_PAST
                            or nxt.endswith("ed")
                            or nxt in {"been", "done", "got", "shown", "grown"}
                        )
                        else "re"
                    )
                new = "you" + "'" + ("re" if rest == "re" else rest)
                replaced[m.start()] = (m.end(), _cap(new, word))
                i += 1
                continue
            roles = [role for s_, role in _ROLE_OF.get(low, []) if s_ == pset]
            if roles:
                role = _pick_role(roles, words, i, sentence)
                if role == "subject":
                    replaced[m.start()] = (m.end(), _cap("you", word))
                    agree_next.append(i + 1)
                elif role == "object":
                    replaced[m.start()] = (m.end(), _cap("you", word))
                elif role == "possessive":
                    replaced[m.start()] = (m.end(), _cap("your", word))
                elif role == "standalone":
                    replaced[m.start()] = (m.end(), _cap("yours", word))
                elif role == "reflexive":
                    replaced[m.start()] = (m.end(), _cap("yourself", word))
        i += 1
    # Verbs after a new "you": "has" → "have", "leads" → "lead"; and "…, and has" in the same clause.
    for start_i in agree_next:
        j = start_i
        while j < len(words) and words[j].group().lower() in _ADVERB:
            j += 1
        if j < len(words) and (
            _is_third_person_verb(words[j].group()) or _after_pronoun(words, start_i, sentence)
        ):
            replaced[words[j].start()] = (words[j].end(), _base_form(words[j].group()))
        # "…led the migration and has mentored three juniors": the same subject, a second verb.
        k = j + 1
        while k < len(words) - 1:
            gap = sentence[words[k - 1].end() : words[k].start()]
            # A new subject ends the clause; "your" or "you" as an object does not.
            if re.search(r"[;:]", gap) or k + 1 in agree_next:
                break
            # A verb goes on ("and fixes what breaks"); a noun ends the list ("code and tests.").
            goes_on = k + 2 < len(words) and not re.search(
                r"[^\s]", sentence[words[k + 1].end() : words[k + 2].start()]
            )
            if (
                words[k].group().lower() in {"and", "but", "or"}
                and goes_on
                and _is_third_person_verb(words[k + 1].group())
            ):
                replaced[words[k + 1].start()] = (
                    words[k + 1].end(),
                    _base_form(words[k + 1].group()),
                )
            k += 1
    if not replaced:
        return sentence
    out = []
    at = 0
    for start in sorted(replaced):
        end, new = replaced[start]
        out.append(sentence[at:start])
        out.append(new)
        at = end
    out.append(sentence[at:])
    return "".join(out)


def _after_pronoun(words, i: int, sentence: str) -> bool:
    """After "he" or "she", a word in -s is a verb ("she carries"): not after a name ("Owen Sales")."""
    if i == 0 or i > len(words):
        return False
    subject = words[i - 1].group().lower()
    j = i
    while j < len(words) and words[j].group().lower() in _ADVERB:
        j += 1
    if subject not in ("he", "she") or j >= len(words):
        return False
    verb = words[j].group().lower()
    return verb.endswith("s") and not verb.endswith(("ss", "us", "is")) and len(verb) > 2


def _next_verb_index(words, i: int, sentence: str) -> int | None:
    while i < len(words) and words[i].group().lower() in _ADVERB:
        i += 1
    if i < len(words) and _is_verb_after_subject(words[i].group()):
        return i
    return None


def _pick_role(roles: list[str], words, i: int, sentence: str) -> str:
    """Which use of an ambiguous pronoun this is: "her runbooks" (possessive), "told her" (object)."""
    if len(roles) == 1:
        return roles[0]
    nxt = words[i + 1] if i + 1 < len(words) else None
    gap = sentence[words[i].end() : nxt.start()] if nxt else ""
    if "possessive" in roles and "object" in roles:  # her
        if nxt is None or re.search(r"[^\s]", gap) or nxt.group().lower() in _NOT_POSSESSED:
            return "object"
        return "possessive"
    if "possessive" in roles and "standalone" in roles:  # his
        if nxt is None or re.search(r"[^\s]", gap) or nxt.group().lower() in _NOT_POSSESSED:
            return "standalone"
        return "possessive"
    return roles[0]


@dataclass
class ThirdPerson:
    """A sentence of a message that speaks of the person instead of to them."""

    sentence: str
    words: list[str]  # the third-person words in it
    suggestion: str  # the sentence in the second person
    level: str = "warn"
    code: str = "third_person"

    @property
    def message(self) -> str:
        said = (
            f"“{self.sentence.strip()}” speaks about them ({', '.join(self.words)}): write to them"
        )
        if self.suggestion and self.suggestion.strip() != self.sentence.strip():
            return f"{said} — “{self.suggestion.strip()}”"
        return f"{said}, as “you”."


_GREETING_WORDS = re.compile(
    r"(?:hi|hello|hey|dear|hallo|liebe[rs]?|guten tag|bonjour|salut|cher|chère|hola|estimad[oa]|querid[oa]|"
    r"olá|ola|oi|car[oa]|prezad[oa]|thanks|thank you|danke|merci|gracias|obrigad[oa])\s*,?\s*$",
    re.IGNORECASE,
)


def third_person_sentences(
    message: str, first_name: str, full_name: str = "", pronoun: str | None = None
) -> list[ThirdPerson]:
    """Sentences of a message to someone that speak about them in the third person.

    Their name used other than to address them ("Hi Owen," and "Thanks, Owen." are fine) is
    flagged in any language; he / she / him / her / his (and they / them / their when
    ``pronoun="they"``) in English, unless another person is named in that sentence or the one
    before. Quotes are left alone. Each finding carries the sentence in the second person as
    its suggestion. The message linter (``lint_message``) calls this and shows each as a warning.
    """
    names = {fold(n) for n in [first_name, *(full_name or "").split()] if n}
    if not names and not pronoun:
        return []
    text = _QUOTE.sub(lambda m: " " * len(m.group()), message or "")
    pset = pronoun if pronoun in ("he", "she", "they") else None
    found: list[ThirdPerson] = []
    previous_others = False
    for m in re.finditer(r"[^.!?\n]+[.!?]*", text):
        sentence = m.group()
        original = message[m.start() : m.end()]
        others = _other_people(sentence, names)
        flagged: list[str] = []
        for w in _WORD.finditer(sentence):
            word = w.group()
            base = fold(re.sub(r"['’]s$", "", word))
            if base in names and word[:1].isupper():
                before = sentence[: w.start()]
                after = sentence[w.end() :]
                addressed = (
                    bool(_GREETING_WORDS.search(before))
                    or before.strip() == ""
                    or bool(re.search(r",\s*$", before))
                ) and bool(re.match(r"\s*(?:[,.!?:]|$)", after))
                if not addressed and fold(word) not in {fold(f) for f in flagged}:
                    flagged.append(word)
                continue
            low = word.lower().replace("’", "'")
            sets = {s_ for s_, _r in _ROLE_OF.get(low, [])} | (
                {_CONTRACTED[low]} if low in _CONTRACTED else set()
            )
            if not sets or others or previous_others:
                continue
            if (sets & {"he", "she"} and (pset is None or pset in sets)) or (
                "they" in sets and pset == "they"
            ):
                flagged.append(word)
        if flagged:
            guess = (
                pset or _infer_pronoun(" ".join(f for f in flagged if fold(f) not in names)) or None
            )
            found.append(
                ThirdPerson(
                    original.strip(),
                    flagged,
                    to_second_person(original, first_name, full_name, guess).strip(),
                )
            )
        previous_others = bool(others)
    return found


# --- cold stock phrases ------------------------------------------------------------------------

COLD_THRESHOLD = 84  # the middle of the development plateau (80-86: no miss, no false alarm)
SHORT_THRESHOLD = 94  # two words or fewer ("we regret") must be nearly exact
_PHRASE_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NEGATIONS = {
    fold(w)
    for w in """not no never unable cannot can't won't unsuccessful nicht kein keine keinen keiner
pas ne aucun aucune nunca ningun ninguna ninguno não nenhum nenhuma""".split()
}


def _negation(token: str) -> bool:
    return token in _NEGATIONS or token.startswith(("n'", "n’")) or token.endswith(("n't", "n’t"))


# "Other" in five languages: a phrase about choosing others needs one in the message's words too.
_OTHER = {
    fold(w)
    for w in """other others another andere anderen anderer anderweitig autre autres d'autres
otro otros otra otras outro outros outra outras""".split()
}


@dataclass(frozen=True)
class ColdPhrase:
    """One stock phrase of the table: what it says, in which language, and what to say instead."""

    lang: str
    text: str
    variants: tuple[str, ...]
    kinder: str


@dataclass
class ColdFinding:
    """A sentence of a message that reads like a form letter."""

    sentence: str
    words: str  # the message's words that match
    phrase: str  # the stock phrase they match
    kinder: str  # what to say instead, in the same language
    lang: str
    score: float
    start: int = 0  # offsets of ``words`` in the message
    end: int = 0
    level: str = "warn"
    code: str = "cold_phrase"

    @property
    def message(self) -> str:
        if self.code == "phrase_table":
            return self.sentence  # the user's phrase file could not be read: say which and why
        return f"“{self.words}” reads like a form letter (“{self.phrase}”)."

    @property
    def suggestion(self) -> str:
        return self.kinder


def _phrase_file() -> Path:
    try:
        from review.settings import config_path

        mine = config_path().parent / "templates" / COLD_PHRASES_FILE.name
        if mine.exists():
            return mine
    except Exception:
        pass  # the built-in table serves
    return COLD_PHRASES_FILE


@lru_cache(maxsize=4)
def _load_phrases(path: str, mtime: float) -> tuple[ColdPhrase, ...]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read as a phrase table ({exc})") from None
    out = []
    for number, raw in enumerate(data.get("phrase", []), start=1):
        if not isinstance(raw, dict) or not raw.get("text") or not raw.get("kinder"):
            raise ValueError(f"{path}: phrase #{number} needs a text and a kinder alternative")
        out.append(
            ColdPhrase(
                str(raw.get("lang", "en")),
                raw["text"],
                tuple(raw.get("variants", [])),
                raw["kinder"],
            )
        )
    return tuple(out)


def cold_phrase_table() -> tuple[ColdPhrase, ...]:
    """The stock phrases (``resources/templates/cold_phrases.toml``; a user's copy wins)."""
    path = _phrase_file()
    return _load_phrases(str(path), path.stat().st_mtime)


@lru_cache(maxsize=4)
def _prepared(table: tuple[ColdPhrase, ...]) -> list[tuple[ColdPhrase, str, list[str], set[str]]]:
    out = []
    for phrase in table:
        for variant in (phrase.text, *phrase.variants):
            tokens = [fold(t) for t in _PHRASE_TOKEN.findall(variant)]
            cues = {t[:5] for t in tokens if len(t) >= 4 and t not in _STOP_FOLDED}
            out.append((phrase, " ".join(tokens), tokens, cues))
    return out


def cold_phrases(
    message: str, langs: tuple[str, ...] | None = None, threshold: float = COLD_THRESHOLD
) -> list[ColdFinding]:
    """Sentences that read like a form letter, each with a kinder alternative in its language.

    Every sentence is compared, word window by word window, with every stock phrase and its
    variants (rapidfuzz ``ratio`` and ``token_sort_ratio``, so an added word, another order or a
    typo still match). A match scores ``threshold`` or more (two-word phrases:
    :data:`SHORT_THRESHOLD`). ``langs`` limits the table to some languages. The threshold was
    measured on a table of positive and negative sentences (tests/cold_table.py). The message
    linter calls this; each finding is a warning with ``suggestion`` = the kinder words.
    """
    findings: list[ColdFinding] = []
    try:
        table = cold_phrase_table()
    except ValueError as exc:
        # A broken copy of the table beside the settings: say so, and lint with the built-in one.
        findings.append(
            ColdFinding(
                f"{exc}; using the built-in phrases.", "", "", "", "", 0.0, code="phrase_table"
            )
        )
        table = _load_phrases(str(COLD_PHRASES_FILE), COLD_PHRASES_FILE.stat().st_mtime)
    prepared = [p for p in _prepared(table) if langs is None or p[0].lang in langs]
    for s in re.finditer(r"[^.!?;\n]+", message or ""):
        spans = [
            (m.start() + s.start(), m.end() + s.start(), fold(m.group()))
            for m in _PHRASE_TOKEN.finditer(s.group())
        ]
        if not spans:
            continue
        words = [w for _a, _b, w in spans]
        prefixes = {w[:5] for w in words}
        best: dict[str, tuple[float, int, int, ColdPhrase]] = {}
        for phrase, joined, tokens, cues in prepared:
            if cues and len(cues & prefixes) < max(1, (len(cues) + 1) // 2):
                continue
            n = len(tokens)
            limit = SHORT_THRESHOLD if n <= 2 else threshold
            others = any(t in _OTHER for t in tokens)
            negated = any(_negation(t) for t in tokens)
            for size in range(max(1, n - 1), n + 3):
                for i in range(max(1, len(words) - size + 1)):
                    if others and not any(w in _OTHER for w in words[i : i + size]):
                        continue  # "we chose other candidates" is cold; "we chose your application" is news
                    if negated and not any(_negation(w) for w in words[i : i + size]):
                        continue  # "was not selected" is cold; "was selected" is good news
                    window = " ".join(words[i : i + size])
                    score = max(fuzz.ratio(joined, window), fuzz.token_sort_ratio(joined, window))
                    if score >= limit and score > best.get(phrase.text, (0,))[0]:
                        best[phrase.text] = (score, i, min(len(words), i + size), phrase)
        taken: list[tuple[int, int]] = []
        for score, i, j, phrase in sorted(best.values(), key=lambda b: -b[0]):
            start, end = spans[i][0], spans[j - 1][1]
            if any(a < end and start < b for a, b in taken):
                continue  # one finding per stretch of words
            taken.append((start, end))
            findings.append(
                ColdFinding(
                    s.group().strip(),
                    message[start:end],
                    phrase.text,
                    phrase.kinder,
                    phrase.lang,
                    float(score),
                    start,
                    end,
                )
            )
    findings.sort(key=lambda f: (f.code != "phrase_table", f.start))
    return findings
