"""Section headings of a resume, in English, German, French, Spanish and Portuguese.

A heading is a short line on its own whose words name a section ("Work
Experience", "Berufserfahrung", "Expérience professionnelle"). Each known
heading maps to a kind (experience, education, skills…) that the rest of the
parser uses: years are counted from experience, degrees read from education,
and a skill found in a skills section needs no further context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.text import fold

SUMMARY, EXPERIENCE, EDUCATION, SKILLS, LANGUAGES = "summary", "experience", "education", "skills", "languages"
PROJECTS, CERTIFICATIONS, AWARDS, PUBLICATIONS = "projects", "certifications", "awards", "publications"
REFERENCES, INTERESTS, CONTACT, PERSONAL, OTHER = "references", "interests", "contact", "personal", "other"

_VOCABULARY: dict[str, str] = {}


def _add(kind: str, *names: str) -> None:
    for name in names:
        _VOCABULARY[_norm(name)] = kind


def _norm(line: str) -> str:
    line = fold(line)
    line = line.replace("&", " and ").replace("+", " and ")
    line = re.sub(r"[^\w\s/-]", " ", line)
    line = re.sub(r"\s*/\s*", " / ", line)
    return " ".join(line.split())


_add(SUMMARY,
     "summary", "professional summary", "career summary", "executive summary", "profile",
     "professional profile", "personal profile", "about", "about me", "objective",
     "career objective", "objectives", "introduction", "personal statement", "overview",
     "highlights", "summary of qualifications", "qualifications summary",
     # de
     "profil", "kurzprofil", "über mich", "zusammenfassung", "berufsziel", "persönliches profil",
     # fr
     "résumé", "à propos", "a propos de moi", "objectif", "objectif professionnel", "présentation",
     "profil professionnel",
     # es
     "perfil", "resumen", "sobre mí", "objetivo", "perfil profesional", "extracto", "presentación",
     # pt
     "resumo", "sobre mim", "introdução", "perfil profissional", "apresentação", "objetivos")
_add(EXPERIENCE,
     "experience", "work experience", "professional experience", "employment", "employment history",
     "work history", "career history", "relevant experience", "experiences", "career",
     "professional background", "work", "positions", "positions held", "experience and education",
     "experience / education", "industry experience", "internships", "internship experience",
     "research experience", "teaching experience", "volunteer experience", "leadership experience",
     "professional history", "job history", "military experience",
     # de
     "berufserfahrung", "berufstätigkeit", "beruflicher werdegang", "erfahrung", "praxiserfahrung",
     "berufspraxis", "werdegang", "tätigkeiten", "beschäftigungsverlauf", "praktika",
     # fr
     "expérience", "expériences", "expérience professionnelle", "expériences professionnelles",
     "parcours professionnel", "parcours", "emplois", "stages",
     "education et projet et experience",
     # es
     "experiencia", "experiencia laboral", "experiencia profesional", "trayectoria profesional",
     "historial laboral", "prácticas",
     # pt
     "experiência", "experiências", "experiência profissional", "histórico profissional",
     "trajetória profissional", "estágios")
_add(EDUCATION,
     "education", "academic background", "education and training", "educational background",
     "academic qualifications", "qualifications", "academic history", "studies", "training",
     "education and qualifications", "degrees", "schooling", "academics",
     # de
     "ausbildung", "bildungsweg", "studium", "schulbildung", "akademischer werdegang", "bildung",
     "schul- und berufsausbildung", "hochschulbildung",
     # fr
     "formation", "formations", "éducation", "études", "diplômes", "formation académique", "cursus",
     # es
     "educación", "formación", "formación académica", "estudios", "titulación", "educación y formación",
     # pt
     "educação", "formação", "formação acadêmica", "formação académica", "escolaridade")
_add(SKILLS,
     "skills", "technical skills", "core competencies", "competencies", "key skills", "strengths",
     "expertise", "technologies", "tools", "skills and technologies", "skills and awards",
     "programming skills", "it skills", "computer skills", "skills and expertise", "areas of expertise",
     "core skills", "skill set", "skillset", "technical proficiencies", "proficiencies",
     "tech stack", "technical expertise", "software", "software programs", "toolbox",
     "skills and abilities", "abilities", "relevant skills", "hard skills", "soft skills",
     "technical competencies", "professional skills", "competences", "skills and interests",
     "additional skills", "skills summary", "tools and technologies", "languages and technologies",
     "programming languages", "os", "developpement informatique",
     # de
     "kenntnisse", "fähigkeiten", "kompetenzen", "sonstige kenntnisse", "it-kenntnisse",
     "fachkenntnisse", "edv-kenntnisse", "besondere kenntnisse", "fähigkeiten und kenntnisse",
     "technische kenntnisse", "qualifikationen",
     # fr
     "compétences", "compétences techniques", "savoir-faire", "compétences clés", "aptitudes",
     "compétences informatiques", "connaissances", "outils",
     # es
     "habilidades", "competencias", "conocimientos", "aptitudes", "habilidades técnicas",
     "conocimientos técnicos", "herramientas",
     # pt
     "competências", "conhecimentos", "habilidades e competências", "competências técnicas",
     "ferramentas", "adicional", "additional", "additional information", "informações adicionais")
_add(LANGUAGES,
     "languages", "language skills", "spoken languages", "language proficiency",
     "sprachen", "sprachkenntnisse", "fremdsprachen", "langues", "langues parlées", "idiomas",
     "lenguas", "línguas", "linguas")
_add(PROJECTS,
     "projects", "personal projects", "selected projects", "key projects", "side projects",
     "academic projects", "open source", "open source projects", "relevant repositories",
     "research projects", "project experience", "projekte", "private projekte", "projets",
     "projets personnels", "proyectos", "projetos", "portfolio")
_add(CERTIFICATIONS,
     "certifications", "certificates", "certification", "licenses", "licences",
     "licenses and certifications", "licences and certifications", "courses", "coursework",
     "relevant coursework", "trainings", "professional development", "continuing education",
     "zertifikate", "zertifizierungen", "weiterbildung", "weiterbildungen", "zusatzqualifikationen",
     "fortbildungen", "certificats", "certifications professionnelles", "certificaciones", "cursos",
     "certificações", "certificados")
_add(AWARDS,
     "awards", "honors", "honours", "honors and awards", "honours and awards", "awards and honors",
     "achievements", "accomplishments", "key achievements", "scholarships", "most proud of",
     "auszeichnungen", "erfolge", "prix", "distinctions", "récompenses", "premios", "logros",
     "reconocimientos", "prêmios", "conquistas", "获奖情况")
_add(PUBLICATIONS,
     "publications", "selected publications", "papers", "research", "presentations", "presentation",
     "talks", "writing", "patents", "program committees",
     "veröffentlichungen", "publikationen", "vorträge", "publicaciones", "publicações")
_add(REFERENCES,
     "references", "referees", "references available upon request", "referenzen", "références",
     "referencias", "referências")
_add(INTERESTS,
     "interests", "hobbies", "hobbies and interests", "personal interests", "activities",
     "extracurricular activities", "extracurricular activity", "volunteering", "volunteer work",
     "community", "community involvement", "leadership", "leadership and activities",
     "life philosophy", "my life philosophy", "a day of my life", "miscellaneous", "misc", "other",
     "others", "else", "actvities", "activites", "activités",
     "interessen", "freizeit", "hobbys", "ehrenamt", "centres d intérêt", "centres d'intérêt",
     "loisirs", "intereses", "aficiones", "voluntariado", "interesses", "atividades", "其他")
_add(CONTACT,
     "contact", "contact information", "contact details", "contact info", "links", "social",
     "kontakt", "kontaktdaten", "coordonnées", "contacto", "contato")
_add(PERSONAL,
     "personal data", "personal information", "personal details", "persönliche daten",
     "persönliche angaben", "angaben zur person", "lebenslauf", "curriculum vitae", "cv", "resume",
     "données personnelles", "informations personnelles", "datos personales", "dados pessoais",
     "tasks", "aufgaben")
# Chinese resumes: the common headings (we do not parse Chinese text further).
_add(EDUCATION, "教育背景", "教育经历")
_add(EXPERIENCE, "实习/项目经历", "工作经历", "项目经历", "实习经历")
_add(SKILLS, "it 技能", "技能", "专业技能")

# Lines that start with an icon glyph or bullet before the heading text.
_LEADING_NOISE = re.compile(r"^[^\w]+")
_TRAILING_NOISE = re.compile(r"[\s:：.\-–—_|]+$")
@dataclass(frozen=True, slots=True)
class Section:
    heading: str  # as printed
    kind: str
    start: int  # offset of the heading line in the text
    body_start: int  # offset just after the heading line
    end: int  # offset where the next section starts


def heading_kind(line: str) -> str | None:
    """The section kind a line names, if it is a known heading."""
    stripped = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", line.strip()))
    if not stripped or len(stripped) > 48:
        return None
    stripped = re.sub(r"^#+\s*", "", stripped)
    return _VOCABULARY.get(_norm(stripped))


def find_sections(text: str) -> list[Section]:
    """Sections in text order."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append((offset, raw))
        offset += len(raw) + 1
    found: list[tuple[int, int, str, str]] = []  # (line index, offset, printed, kind)
    for idx, (off, raw) in enumerate(lines):
        if not raw.strip():
            continue
        kind = heading_kind(raw)
        if kind and _printed(raw)[:1].islower():
            kind = None  # "writing" at the start of a wrapped line is prose
        if kind:
            found.append((idx, off, _printed(raw), kind))
    # A heading printed again inside entries ("Publications:" before each
    # project's papers) is a label, not a new section.
    seen: set[str] = set()
    unique = []
    for item in found:
        key = _norm(item[2])
        if key not in seen:
            seen.add(key)
            unique.append(item)
    found = unique
    sections: list[Section] = []
    for n, (idx, off, printed, kind) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else len(text)
        body_start = min(off + len(lines[idx][1]) + 1, len(text))
        sections.append(Section(printed, kind, off, body_start, end))
    return sections


def _printed(raw: str) -> str:
    stripped = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", raw.strip()))
    return re.sub(r"^#+\s*", "", stripped)


def section_at(sections: list[Section], offset: int) -> Section | None:
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return None
