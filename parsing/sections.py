"""Section headings of a resume, in English, German, French, Spanish, Portuguese, Italian, Dutch
and Polish.

A heading is a short line on its own whose words name a section ("Work
Experience", "Berufserfahrung", "Expérience professionnelle"). Each known
heading maps to a kind (experience, education, skills…) that the rest of the
parser uses: years are counted from experience, degrees read from education,
and a skill found in a skills section needs no further context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsing.layout import Layout, Line
from parsing.text import fold, loose_fold

SUMMARY, EXPERIENCE, EDUCATION, SKILLS, LANGUAGES = (
    "summary",
    "experience",
    "education",
    "skills",
    "languages",
)
PROJECTS, CERTIFICATIONS, AWARDS, PUBLICATIONS = (
    "projects",
    "certifications",
    "awards",
    "publications",
)
REFERENCES, INTERESTS, CONTACT, PERSONAL, OTHER = (
    "references",
    "interests",
    "contact",
    "personal",
    "other",
)

_VOCABULARY: dict[str, str] = {}


def _add(kind: str, *names: str) -> None:
    for name in names:
        _VOCABULARY[_norm(name)] = kind


_NOT_WORD = re.compile(r"[^\w\s/-]")
_SLASH = re.compile(r"\s*/\s*")
_HASHES = re.compile(r"^#+\s*")


def _norm(line: str) -> str:
    line = loose_fold(line)
    line = line.replace("&", " and ").replace("+", " and ")
    line = _NOT_WORD.sub(" ", line)
    line = _SLASH.sub(" / ", line)
    return " ".join(line.split())


_add(
    SUMMARY,
    "summary",
    "professional summary",
    "career summary",
    "executive summary",
    "profile",
    "professional profile",
    "personal profile",
    "about",
    "about me",
    "objective",
    "career objective",
    "objectives",
    "introduction",
    "personal statement",
    "overview",
    "highlights",
    "summary of qualifications",
    "qualifications summary",
    # de
    "profil",
    "kurzprofil",
    "über mich",
    "zusammenfassung",
    "berufsziel",
    "persönliches profil",
    # fr
    "résumé",
    "à propos",
    "a propos de moi",
    "objectif",
    "objectif professionnel",
    "présentation",
    "profil professionnel",
    # es
    "perfil",
    "resumen",
    "sobre mí",
    "objetivo",
    "perfil profesional",
    "extracto",
    "presentación",
    # pt
    "resumo",
    "sobre mim",
    "introdução",
    "perfil profissional",
    "apresentação",
    "objetivos",
)
_add(
    EXPERIENCE,
    "experience",
    "work experience",
    "professional experience",
    "employment",
    "employment history",
    "work history",
    "career history",
    "relevant experience",
    "experiences",
    "career",
    "professional background",
    "work",
    "positions",
    "positions held",
    "experience and education",
    "experience / education",
    "industry experience",
    "internships",
    "internship experience",
    "research experience",
    "teaching experience",
    "volunteer experience",
    "leadership experience",
    "professional history",
    "job history",
    "military experience",
    # de
    "berufserfahrung",
    "berufstätigkeit",
    "beruflicher werdegang",
    "erfahrung",
    "praxiserfahrung",
    "berufspraxis",
    "werdegang",
    "tätigkeiten",
    "beschäftigungsverlauf",
    "praktika",
    # fr
    "expérience",
    "expériences",
    "expérience professionnelle",
    "expériences professionnelles",
    "parcours professionnel",
    "parcours",
    "emplois",
    "stages",
    "education et projet et experience",
    # es
    "experiencia",
    "experiencia laboral",
    "experiencia profesional",
    "trayectoria profesional",
    "historial laboral",
    "prácticas",
    # pt
    "experiência",
    "experiências",
    "experiência profissional",
    "histórico profissional",
    "trajetória profissional",
    "estágios",
)
_add(
    EDUCATION,
    "education",
    "academic background",
    "education and training",
    "educational background",
    "academic qualifications",
    "qualifications",
    "academic history",
    "studies",
    "training",
    "education and qualifications",
    "degrees",
    "schooling",
    "academics",
    # de
    "ausbildung",
    "bildungsweg",
    "studium",
    "schulbildung",
    "akademischer werdegang",
    "bildung",
    "schul- und berufsausbildung",
    "hochschulbildung",
    # fr
    "formation",
    "formations",
    "éducation",
    "études",
    "diplômes",
    "formation académique",
    "cursus",
    # es
    "educación",
    "formación",
    "formación académica",
    "estudios",
    "titulación",
    "educación y formación",
    # pt
    "educação",
    "formação",
    "formação acadêmica",
    "formação académica",
    "escolaridade",
)
_add(
    SKILLS,
    "skills",
    "technical skills",
    "core competencies",
    "competencies",
    "key skills",
    "strengths",
    "expertise",
    "technologies",
    "tools",
    "skills and technologies",
    "skills and awards",
    "programming skills",
    "it skills",
    "computer skills",
    "skills and expertise",
    "areas of expertise",
    "core skills",
    "skill set",
    "skillset",
    "technical proficiencies",
    "proficiencies",
    "tech stack",
    "technical expertise",
    "software",
    "software programs",
    "toolbox",
    "skills and abilities",
    "abilities",
    "relevant skills",
    "hard skills",
    "soft skills",
    "technical competencies",
    "professional skills",
    "competences",
    "skills and interests",
    "additional skills",
    "skills summary",
    "tools and technologies",
    "languages and technologies",
    "programming languages",
    "os",
    "developpement informatique",
    # de
    "kenntnisse",
    "fähigkeiten",
    "kompetenzen",
    "sonstige kenntnisse",
    "it-kenntnisse",
    "fachkenntnisse",
    "edv-kenntnisse",
    "besondere kenntnisse",
    "fähigkeiten und kenntnisse",
    "technische kenntnisse",
    "qualifikationen",
    # fr
    "compétences",
    "compétences techniques",
    "savoir-faire",
    "compétences clés",
    "aptitudes",
    "compétences informatiques",
    "connaissances",
    "outils",
    # es
    "habilidades",
    "competencias",
    "conocimientos",
    "aptitudes",
    "habilidades técnicas",
    "conocimientos técnicos",
    "herramientas",
    # pt
    "competências",
    "conhecimentos",
    "habilidades e competências",
    "competências técnicas",
    "ferramentas",
    "adicional",
    "additional",
    "additional information",
    "informações adicionais",
)
_add(
    LANGUAGES,
    "languages",
    "language skills",
    "spoken languages",
    "language proficiency",
    "sprachen",
    "sprachkenntnisse",
    "fremdsprachen",
    "langues",
    "langues parlées",
    "idiomas",
    "lenguas",
    "línguas",
    "linguas",
)
_add(
    PROJECTS,
    "projects",
    "personal projects",
    "selected projects",
    "key projects",
    "side projects",
    "academic projects",
    "open source",
    "open source projects",
    "relevant repositories",
    "research projects",
    "project experience",
    "projekte",
    "private projekte",
    "projets",
    "projets personnels",
    "proyectos",
    "projetos",
    "portfolio",
)
_add(
    CERTIFICATIONS,
    "certifications",
    "certificates",
    "certification",
    "licenses",
    "licences",
    "licenses and certifications",
    "licences and certifications",
    "courses",
    "coursework",
    "relevant coursework",
    "trainings",
    "professional development",
    "continuing education",
    "zertifikate",
    "zertifizierungen",
    "weiterbildung",
    "weiterbildungen",
    "zusatzqualifikationen",
    "fortbildungen",
    "certificats",
    "certifications professionnelles",
    "certificaciones",
    "cursos",
    "certificações",
    "certificados",
)
_add(
    AWARDS,
    "awards",
    "honors",
    "honours",
    "honors and awards",
    "honours and awards",
    "awards and honors",
    "achievements",
    "accomplishments",
    "key achievements",
    "scholarships",
    "most proud of",
    "auszeichnungen",
    "erfolge",
    "prix",
    "distinctions",
    "récompenses",
    "premios",
    "logros",
    "reconocimientos",
    "prêmios",
    "conquistas",
    "获奖情况",
)
_add(
    PUBLICATIONS,
    "publications",
    "selected publications",
    "papers",
    "research",
    "presentations",
    "presentation",
    "talks",
    "writing",
    "patents",
    "program committees",
    "veröffentlichungen",
    "publikationen",
    "vorträge",
    "publicaciones",
    "publicações",
)
_add(
    REFERENCES,
    "references",
    "referees",
    "references available upon request",
    "referenzen",
    "références",
    "referencias",
    "referências",
)
_add(
    INTERESTS,
    "interests",
    "hobbies",
    "hobbies and interests",
    "personal interests",
    "activities",
    "extracurricular activities",
    "extracurricular activity",
    "volunteering",
    "volunteer work",
    "community",
    "community involvement",
    "leadership",
    "leadership and activities",
    "life philosophy",
    "my life philosophy",
    "a day of my life",
    "miscellaneous",
    "misc",
    "other",
    "others",
    "else",
    "actvities",
    "activites",
    "activités",
    "interessen",
    "freizeit",
    "hobbys",
    "ehrenamt",
    "centres d intérêt",
    "centres d'intérêt",
    "loisirs",
    "intereses",
    "aficiones",
    "voluntariado",
    "interesses",
    "atividades",
    "其他",
)
_add(
    CONTACT,
    "contact",
    "contact information",
    "contact details",
    "contact info",
    "links",
    "social",
    "kontakt",
    "kontaktdaten",
    "coordonnées",
    "contacto",
    "contato",
)
_add(
    PERSONAL,
    "personal data",
    "personal information",
    "personal details",
    "persönliche daten",
    "persönliche angaben",
    "angaben zur person",
    "lebenslauf",
    "curriculum vitae",
    "cv",
    "resume",
    "données personnelles",
    "informations personnelles",
    "datos personales",
    "dados pessoais",
    "tasks",
    "aufgaben",
)
# Chinese resumes: the common headings (we do not parse Chinese text further).
_add(EDUCATION, "教育背景", "教育经历")
_add(EXPERIENCE, "实习/项目经历", "工作经历", "项目经历", "实习经历")
_add(SKILLS, "it 技能", "技能", "专业技能")

# Italian, Dutch and Polish, and more of what real resumes print in the others
# (Europass, LinkedIn's "Save to PDF", Word and Canva templates).
_add(
    SUMMARY,
    "profilo",
    "profilo personale",
    "profilo professionale",
    "sommario",
    "obiettivo",
    "obiettivi",
    "chi sono",
    "presentazione",
    "profiel",
    "persoonlijk profiel",
    "over mij",
    "samenvatting",
    "doelstelling",
    "profil zawodowy",
    "o mnie",
    "podsumowanie",
    "cel zawodowy",
    "résumé professionnel",
    "profil personnel",
    "à propos de moi",
    "sobre",
    "resumo profissional",
    "perfil pessoal",
    "acerca de mí",
    "perfil personal",
    "personal summary",
    "professional overview",
    "career profile",
    "profile summary",
    "kurzprofil",
    "persönliches profil",
    "mein profil",
    "about myself",
)
_add(
    EXPERIENCE,
    "esperienza",
    "esperienze",
    "esperienza lavorativa",
    "esperienze lavorative",
    "esperienza professionale",
    "esperienze professionali",
    "werkervaring",
    "ervaring",
    "relevante werkervaring",
    "stages",
    "doświadczenie",
    "doświadczenie zawodowe",
    "praktyki",
    "historia zatrudnienia",
    "berufliche erfahrung",
    "berufliche erfahrungen",
    "berufliche stationen",
    "beruflicher werdegang",
    "praktika",
    "praktische erfahrung",
    "expérience pro",
    "parcours pro",
    "experiências profissionais",
    "experiencia laboral relevante",
    "work experiences",
    "professional experiences",
    "employment experience",
    "volunteering experience",
    "relevant work experience",
    "experiencia profesional",
    "atividades profissionais",
    "praktika und weiterbildung",
    "erfahrungen",
    "experience professionnelle",
)
_add(
    EDUCATION,
    "istruzione",
    "istruzione e formazione",
    "formazione",
    "percorso di studi",
    "titoli di studio",
    "opleiding",
    "opleidingen",
    "opleiding en cursussen",
    "wykształcenie",
    "edukacja",
    "schulbildung",
    "schulische ausbildung",
    "studium und ausbildung",
    "akademische ausbildung",
    "formation et diplômes",
    "diplômes et formations",
    "parcours académique",
    "formação acadêmica",
    "formação académica",
    "formação escolar",
    "formación académica",
    "educación y formación",
    "academic education",
    "education and certifications",
    "education & training",
    "educational qualifications",
    "academic profile",
    "學歷",
)
_add(
    SKILLS,
    "competenze",
    "competenze personali",
    "competenze tecniche",
    "competenze informatiche",
    "competenze digitali",
    "competenze professionali",
    "capacità",
    "capacità e competenze",
    "capacità e competenze personali",
    "capacità e competenze tecniche",
    "abilità",
    "conoscenze informatiche",
    "vaardigheden",
    "competenties",
    "kennis",
    "it kennis",
    "it-kennis",
    "computervaardigheden",
    "kennis en vaardigheden",
    "persoonlijke vaardigheden",
    "software kennis",
    "umiejętności",
    "kompetencje",
    "umiejętności techniczne",
    "umiejętności miękkie",
    "umiejętności komputerowe",
    "umiejętności i zainteresowania",
    "pc-kenntnisse",
    "pc kenntnisse",
    "edv kenntnisse",
    "it kenntnisse",
    "software-kenntnisse",
    "softwarekenntnisse",
    "kenntnisse und fähigkeiten",
    "persönliche fähigkeiten",
    "persönliche kompetenzen",
    "fachliche kompetenzen",
    "methodenkompetenz",
    "stärken",
    "soft skills",
    "fähigkeiten und qualitäten",
    "fähigkeiten & qualitäten",
    "technische fähigkeiten",
    "outils informatiques",
    "informatique",
    "logiciels",
    "compétences personnelles",
    "compétences professionnelles",
    "savoir-être",
    "qualités",
    "atouts",
    "compétences et outils",
    "capacidades",
    "habilidades blandas",
    "habilidades duras",
    "informática",
    "conocimientos informáticos",
    "competencias técnicas",
    "competencias digitales",
    "conhecimentos em informática",
    "conhecimentos técnicos",
    "competências digitais",
    "competências pessoais",
    "habilidades técnicas",
    "personal skills",
    "top skills",
    "skills and expertise",
    "core qualifications",
    "software skills",
    "digital skills",
    "digital competence",
    "digital competences",
    "computer proficiency",
    "other skills",
    "job-related skills",
    "technical and personal skills",
    "organisational skills",
    "organizational skills",
    "communication skills",
    "management skills",
    "key competencies",
    "key competences",
    "skills and competences",
    "skills and competencies",
    "technical knowledge",
    "technical toolbox",
    "it",
    "tools and software",
    "frameworks",
    "technologies and tools",
    "skills and tools",
    "languages and tools",
    "specialties",
    "specialities",
    "areas of specialty",
    "skills highlights",
    "professional competencies",
    "strengths and skills",
    "personal qualities",
    "qualities",
    "software and tools",
    "technical proficiency",
    "tech skills",
)
_add(
    LANGUAGES,
    "lingue",
    "lingua madre",
    "altre lingue",
    "lingue straniere",
    "conoscenze linguistiche",
    "competenze linguistiche",
    "talen",
    "talenkennis",
    "języki",
    "języki obce",
    "znajomość języków",
    "znajomość języków obcych",
    "language",
    "mother tongue",
    "mother tongue(s)",
    "other languages",
    "other language(s)",
    "langues étrangères",
    "compétences linguistiques",
    "idiomas e certificações",
    "sprachkenntnisse",
    "sprachen und kenntnisse",
    "lenguajes",
    "línguas estrangeiras",
)
_add(
    PROJECTS,
    "progetti",
    "projecten",
    "projekty",
    "projets réalisés",
    "projetos pessoais",
    "proyectos personales",
    "academic and personal projects",
    "notable projects",
)
_add(
    CERTIFICATIONS,
    "certificazioni",
    "corsi",
    "attestati",
    "certificaten",
    "cursussen",
    "trainingen",
    "certyfikaty",
    "kursy",
    "szkolenia",
    "kurse",
    "lehrgänge",
    "cursos complementares",
    "cursos e certificações",
    "formations complémentaires",
    "honors-awards",
    "licenses & certifications",
)
_add(
    AWARDS,
    "premi",
    "riconoscimenti",
    "prijzen",
    "nagrody",
    "osiągnięcia",
    "prémios",
    "honors-awards",
)
_add(PUBLICATIONS, "pubblicazioni", "publicaties", "publikacje")
_add(
    REFERENCES,
    "recommendations",
    "recommendation",
    "letters of recommendation",
    "referenze",
    "referenties",
    "referencje",
    "referências profissionais",
    "referencias profesionales",
    "empfehlungen",
    "references and recommendations",
    "professional references",
)
_add(
    INTERESTS,
    "interessi",
    "hobby",
    "tempo libero",
    "attività",
    "hobby's",
    "interesses",
    "nevenactiviteiten",
    "vrijwilligerswerk",
    "zainteresowania",
    "hobbys und interessen",
    "soziales engagement",
    "ehrenamtliches engagement",
    "engagement",
    "centres d'intérêts",
    "centres d intérêts",
    "centros de interés",
    "passatempos",
    "passions",
    "personal interests and hobbies",
    "extra-curricular activities",
    "additional activities",
)
_add(
    CONTACT,
    "contatti",
    "contatto",
    "contactgegevens",
    "kontakt",
    "dane kontaktowe",
    "contact me",
    "get in touch",
    "kontaktinformationen",
    "contacts",
    "informations de contact",
)
_add(
    PERSONAL,
    "informazioni personali",
    "dati personali",
    "persoonlijke gegevens",
    "personalia",
    "dane osobowe",
    "informacje osobiste",
    "persönliche informationen",
    "zur person",
    "état civil",
    "informações pessoais",
    "información personal",
    "lebenslauf",
    "curriculum",
    "curriculum vitæ",
    "currículum vitae",
    "curriculum vitae et studiorum",
    "currículo",
    "curriculo",
    "résumé",
    "životopis",
    "życiorys",
)
# More Polish and German headings of office-made CVs.
_add(SUMMARY, "podsumowanie zawodowe", "profil osobisty")
_add(EXPERIENCE, "przebieg kariery", "przebieg pracy zawodowej", "historia pracy")
_add(
    SKILLS,
    "dodatkowe umiejętności",
    "inne umiejętności",
    "mocne strony",
    "kwalifikacje",
    "kwalifikacje zawodowe",
    "informacje dodatkowe",
    "dodatkowe informacje",
    "weitere kenntnisse",
    "zusätzliche kenntnisse",
)
_add(CERTIFICATIONS, "kursy i szkolenia", "szkolenia i kursy", "kursy i certyfikaty")
_add(AWARDS, "career highlights")
_add(INTERESTS, "wolontariat")
# Russian, Turkish and Chinese: the headings their resumes commonly print.
_add(
    SUMMARY,
    "о себе",
    "обо мне",
    "цель",
    "желаемая должность",
    "желаемая должность и зарплата",
    "профиль",
    "hakkımda",
    "özet",
    "profil özeti",
    "kariyer hedefi",
    "自我评价",
    "个人简介",
    "个人总结",
    "求职意向",
)
_add(
    EXPERIENCE,
    "опыт работы",
    "опыт",
    "трудовая деятельность",
    "профессиональный опыт",
    "iş deneyimi",
    "deneyim",
    "deneyimler",
    "iş tecrübesi",
    "tecrübe",
    "staj deneyimi",
    "工作经验",
    "项目经验",
    "科研经历",
    "实践经历",
)
_add(
    EDUCATION,
    "образование",
    "высшее образование",
    "eğitim",
    "eğitim bilgileri",
    "öğrenim bilgileri",
    "学历",
    "教育",
)
_add(
    SKILLS,
    "навыки",
    "ключевые навыки",
    "профессиональные навыки",
    "знания и навыки",
    "компетенции",
    "технические навыки",
    "yetenekler",
    "beceriler",
    "yetkinlikler",
    "bilgisayar becerileri",
    "teknik beceriler",
    "技能特长",
    "专业能力",
    "技术能力",
    "个人技能",
)
_add(
    LANGUAGES,
    "языки",
    "знание языков",
    "иностранные языки",
    "владение языками",
    "diller",
    "yabancı dil",
    "yabancı diller",
    "语言能力",
    "外语能力",
)
_add(CONTACT, "контакты", "контактная информация", "iletişim", "iletişim bilgileri", "联系方式")
_add(
    PERSONAL,
    "личная информация",
    "личные данные",
    "резюме",
    "kişisel bilgiler",
    "özgeçmiş",
    "个人信息",
    "基本信息",
    "个人资料",
    "简历",
)
_add(
    CERTIFICATIONS,
    "сертификаты",
    "курсы",
    "повышение квалификации",
    "электронные сертификаты",
    "sertifikalar",
    "kurslar",
    "证书",
    "资格证书",
)
_add(PROJECTS, "проекты", "projeler", "项目")
_add(AWARDS, "награды", "достижения", "ödüller", "荣誉奖项", "获奖及其他", "荣誉")
_add(PUBLICATIONS, "публикации", "yayınlar", "发表论文", "论文")
_add(REFERENCES, "рекомендации", "referanslar")
_add(
    INTERESTS, "хобби", "интересы", "увлечения", "hobiler", "ilgi alanları", "兴趣爱好", "其他信息"
)
_add(OTHER, "дополнительная информация", "ek bilgiler", "其他")
# Polish and German headings of everyday office CVs that the lists above lacked: a
# heading the vocabulary lacks is name-shaped ("Cechy Osobowości", "Przebieg Pracy").
_add(
    SKILLS,
    "cechy osobowości",
    "cechy charakteru",
    "cechy osobiste",
    "kompetencje miękkie",
    "kompetencje twarde",
    "umiejętności twarde",
    "umiejętności osobiste",
    "persönliche stärken",
    "sonstige kenntnisse",
)
_add(EXPERIENCE, "przebieg pracy", "auslandserfahrung")
_add(
    INTERESTS,
    "pasje",
    "zainteresowania i pasje",
    "pasje i zainteresowania",
    "hobby i zainteresowania",
)
_add(CERTIFICATIONS, "certyfikaty i kursy", "kursy", "szkolenia")
_add(OTHER, "inne", "inne informacje", "prawo jazdy", "führerschein", "sonstiges")
# Referees under headings the lists lacked: their names and numbers are not the person's.
_add(
    REFERENCES,
    "osoby polecające",
    "rekomendacje",
    "referencje na życzenie",
    "referencje zawodowe",
    "referencias laborales",
    "referencias personales",
    "recomendaciones",
    "recomendações",
    "referências pessoais",
    "character references",
    "personal references",
    "empfehlungsschreiben",
    "referenzen auf anfrage",
)
_add(
    SKILLS,
    "kompetencje komputerowe",
    "kompetencje techniczne",
    "kompetencje interpersonalne",
    "kompetencje społeczne",
    "kompetencje cyfrowe",
    "kompetencje zawodowe",
    "umiejętności analityczne",
    "umiejętności organizacyjne",
    "umiejętności zawodowe",
    "umiejętności interpersonalne",
    "znajomość programów",
    "znajomość oprogramowania",
    "obsługa programów",
    "obsługa komputera",
    "programy komputerowe",
    "narzędzia",
    "technologie",
    "atuty",
    "predyspozycje",
    "dodatkowe kwalifikacje",
)
_add(LANGUAGES, "umiejętności językowe", "kompetencje językowe")
_add(EXPERIENCE, "staże i praktyki", "przebieg kariery zawodowej")
_add(EDUCATION, "wykształcenie i kursy")
_add(CERTIFICATIONS, "szkolenia i certyfikaty", "uprawnienia", "uprawnienia i certyfikaty")
_add(SUMMARY, "informacje o mnie")

# Hungarian, Czech and Slovak: neighbours' resumes, whose headings are otherwise name-shaped
# lines at the top of an anonymised CV ("Szakmai Tapasztalat", "Pracovní Zkušenosti").
_add(SUMMARY, "bemutatkozás", "szakmai összefoglaló", "magamról", "rólam", "o mně", "o mne")
_add(
    EXPERIENCE,
    "szakmai tapasztalat",
    "munkatapasztalat",
    "munkahelyek",
    "korábbi munkahelyek",
    "tapasztalat",
    "pracovní zkušenosti",
    "pracovní zkušenost",
    "praxe",
    "pracovné skúsenosti",
    "prax",
)
_add(
    EDUCATION,
    "tanulmányok",
    "végzettség",
    "iskolai végzettség",
    "képzettség",
    "vzdělání",
    "vzdelanie",
)
_add(
    SKILLS,
    "készségek",
    "képességek",
    "kompetenciák",
    "számítógépes ismeretek",
    "informatikai ismeretek",
    "dovednosti",
    "počítačové dovednosti",
    "zručnosti",
    "počítačové zručnosti",
)
_add(LANGUAGES, "nyelvismeret", "nyelvtudás", "idegen nyelvek", "jazykové znalosti", "jazyky")
_add(CERTIFICATIONS, "tanfolyamok", "képesítések", "továbbképzések", "kurzy", "certifikáty")
_add(INTERESTS, "érdeklődési kör", "hobbik", "zájmy", "záujmy", "koníčky")
_add(PERSONAL, "személyes adatok", "osobní údaje", "osobné údaje")
_add(CONTACT, "elérhetőség", "elérhetőségek")
_add(REFERENCES, "referenciák", "reference")
_add(OTHER, "egyéb", "egyéb információk", "ostatní", "iné")

# Romanian (Europass's own words), Greek and Ukrainian.
_add(
    EXPERIENCE,
    "experiență profesională",
    "experiența profesională",
    "experiență",
    "experiență de muncă",
    "εμπειρία",
    "επαγγελματική εμπειρία",
    "εργασιακή εμπειρία",
    "досвід роботи",
    "досвід",
    "професійний досвід",
)
_add(
    EDUCATION,
    "educație și formare",
    "educație",
    "studii",
    "εκπαίδευση",
    "σπουδές",
    "εκπαίδευση και κατάρτιση",
    "освіта",
)
_add(
    SKILLS,
    "competențe",
    "competențe personale",
    "competențe digitale",
    "aptitudini",
    "abilități",
    "δεξιότητες",
    "ικανότητες",
    "ψηφιακές δεξιότητες",
    "навички",
    "ключові навички",
    "професійні навички",
)
_add(
    LANGUAGES,
    "limbi străine",
    "limbi cunoscute",
    "limba maternă",
    "ξένες γλώσσες",
    "γλώσσες",
    "мови",
    "знання мов",
    "іноземні мови",
)
_add(
    PERSONAL,
    "informații personale",
    "date personale",
    "προσωπικές πληροφορίες",
    "προσωπικά στοιχεία",
    "особисті дані",
    "особиста інформація",
)
_add(CERTIFICATIONS, "cursuri", "certificări", "πιστοποιήσεις", "σεμινάρια", "курси", "сертифікати")
_add(SUMMARY, "despre mine", "profil profesional", "προφίλ", "σχετικά με εμένα", "про мене")
_add(INTERESTS, "hobby-uri", "interese", "ενδιαφέροντα", "χόμπι", "хобі", "інтереси")
_add(CONTACT, "date de contact", "στοιχεία επικοινωνίας", "επικοινωνία", "контакти")
_add(REFERENCES, "referințe", "συστάσεις", "рекомендації")

# "résumé" is a title in French, a summary heading only when nothing else is; keep it a title.
_VOCABULARY[_norm("résumé")] = PERSONAL

# Words that name a section's kind inside a heading the vocabulary lacks
# ("PRAKTIKA & WEITERBILDUNG IM AUSLAND", "CS Knowledge & Skills"). Checked in
# this order: a language section is also about skills, a reference is not a
# contact. Used only for lines printed like the document's known headings.
_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            LANGUAGES,
            r"(?:\blanguages?\b|sprach\w*|sprache\b|langues?|idiomas?|lingu[ae]\w*|l[ií]nguas?|"
            r"\btalen\w*|język\w*)",
        ),
        (
            REFERENCES,
            r"\b(?:referee\w*|reference\w*|recommend\w*|referenz\w*|referen[cz]\w*|"
            r"empfehlung\w*)\b",
        ),
        (
            EXPERIENCE,
            r"(?:\bexperien\w*|erfahrung|\bexpérience\w*|\bexperiência\w*|\besperienz\w*|ervaring|"
            r"\bdoświadcz\w*|werdegang|\bemployment\b|\bcareer\b|praktik\w*|\bstages?\b|"
            r"\binternships?\b|"
            r"\bberufst\w*|\btrayectoria\b|histórico profissional)",
        ),
        (
            EDUCATION,
            r"(?:\beduca\w*|bildung|\bstudium\b|\bstudies\b|\bformation\w*|\bformaci[oó]n|"
            r"\bformaç[ãa]o|"
            r"\bistruzion\w*|opleiding|\bwykształc\w*|\bacademic\w*|\bschul\w*|\bdiplom\w*|"
            r"\bqualifications?\b)",
        ),
        (
            SKILLS,
            r"(?:\bskills?\b|fähigkeit|kenntnis|kompetenz|\bcompétence\w*|\bcompetenc\w*|"
            r"\bcompetênc\w*|"
            r"\bcompetenz\w*|\bhabilidad\w*|\bhabilidade\w*|\bcapacidad\w*|\bcapacidade\w*|"
            r"\bcapacità|vaardighed|"
            r"kennis\b|\bumiejętn\w*|\bkompetencj\w*|\boutils\b|\btools\b|\bsoftware\b|"
            r"\binformati\w*|\bexpertise\b|\bknowledge\b|"
            r"\btechnolog\w*|\btecnolog\w*|\bproficienc\w*|\baptitud\w*|\bconhecimento\w*|"
            r"\bconocimiento\w*|"
            r"\bconnaissance\w*|\bherramientas\b|\bferramentas\b|\bstrumenti\b|\bnarzędzi\w*|"
            r"\bинструмент\w*|\bнавык\w*|\blenguajes\b|\blinguagens\b|\blinguaggi\b)",
        ),
        (
            PROJECTS,
            r"\b(?:projects?|projekt\w*|projets?|proyectos?|projetos?|progett\w*|projecten)\b",
        ),
        (
            CERTIFICATIONS,
            r"\b(?:certif\w*|zertifi\w*|courses?|kurse?|cursos?|corsi|trainings?|weiterbildung\w*|"
            r"fortbildung\w*|licen[cs]\w*)\b",
        ),
        (AWARDS, r"\b(?:awards?|honou?rs?|auszeichnung\w*|prix|premios?|prêmios?|achievements?)\b"),
        (
            PUBLICATIONS,
            r"\b(?:publica\w*|publika\w*|veröffentlich\w*|pubblicazion\w*|papers?|talks?)\b",
        ),
        (
            INTERESTS,
            r"\b(?:interests?|hobb\w*|loisirs?|interess\w*|freizeit|intereses|volunteer\w*|"
            r"engagement|"
            r"ehrenamt\w*|activit\w*|atividades|voluntariado)\b",
        ),
        (CONTACT, r"\b(?:contacts?|kontakt\w*|contato|contacto|contatti|coordonnées)\b"),
        (
            PERSONAL,
            r"\b(?:personal|persönlich\w*|personnel\w*|personales|pessoais|personali|"
            r"persoonlijk\w*|"
            r"osobow\w*)\b",
        ),
        (
            SUMMARY,
            r"\b(?:profile?|summary|about|profil\w*|resumo|resumen|sommario|objective|objectif|"
            r"objetivo)\b",
        ),
    )
)

# Any of them: most lines name no kind, and one search tells so (instead of one per kind).
_ANY_KEYWORD = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _KEYWORDS))

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
    stripped = _printed(line)
    if not stripped or len(stripped) > 48:
        return None
    return _VOCABULARY.get(_norm(stripped))


@lru_cache(maxsize=4096)  # headings and labels repeat, within a resume and across a batch
def keyword_kind(line: str) -> str | None:
    """The kind a heading's words point to, for headings the vocabulary lacks."""
    printed = _printed(line)
    folded, lowered = fold(printed), printed.lower()
    if _ANY_KEYWORD.search(folded) is None and _ANY_KEYWORD.search(lowered) is None:
        return None
    for kind, pattern in _KEYWORDS:
        if pattern.search(folded) or pattern.search(lowered):
            return kind
    return None


def _looks_like_heading_text(text: str) -> bool:
    """Short, no sentence, no contact data, starts with a capital or a digit-free symbol."""
    printed = _printed(text)
    if not printed or len(printed) > 60 or len(printed.split()) > 7:
        return False
    if printed[:1].islower() or re.search(r"[@/]|https?:|www\.|\d{3,}|[.,;]\s*$", printed):
        return False
    if not re.search(r"[^\W\d_]{2,}", printed):
        return False
    return True


def _signature(line: Line, body_size: float) -> tuple | None:
    """How a line is dressed: size (rounded), weight, capitals, letter-spacing; None if unknown."""
    if not line.known:
        return None
    letters = [ch for ch in line.text if ch.isalpha()]
    caps = bool(letters) and all(ch.isupper() for ch in letters)
    return (
        round(line.size * 2) / 2,
        line.bold,
        caps,
        line.spaced,
        line.style if "heading" in line.style else "",
    )


def _stands_out(sig: tuple | None, body_size: float) -> bool:
    """Whether a dress differs from running text: larger, bold, capitals, spaced, heading style."""
    if sig is None:
        return False
    size, bold, caps, spaced, style = sig
    return bold or caps or spaced or bool(style) or (body_size > 0 and size >= body_size + 1)


def find_sections(text: str, layout: Layout | None = None) -> list[Section]:
    """Sections in text order.

    A heading is a line the vocabulary knows, or — when the layout is known —
    a short line dressed exactly like the document's known headings (same size,
    weight, capitals, spacing), whose kind comes from its words. Two headings
    printed side by side on one row both count.
    """
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append((offset, raw))
        offset += len(raw) + 1
    facts = layout.lines if layout is not None and len(layout.lines) == len(lines) else None
    body_size = layout.body_size if layout is not None else 0.0
    found: list[tuple[int, int, str, str]] = []  # (line index, offset, printed, kind)
    known_dress: dict[tuple, int] = {}
    broken: set[int] = set()
    for idx, (off, raw) in enumerate(lines):
        if not raw.strip() or idx in broken:
            continue
        kind = heading_kind(raw)
        if kind and _printed(raw)[:1].islower():
            kind = None  # "writing" at the start of a wrapped line is prose
        rest = lines[idx + 1][1].strip() if idx + 1 < len(lines) else ""
        if not kind and raw.strip().isupper() and rest.isupper() and len(rest) <= 4:
            # A narrow column breaks a heading inside its word ("CONTACTGEGEVE" / "NS").
            kind = heading_kind(raw.strip() + rest)
            if kind:
                broken.add(idx + 1)
                raw = raw.strip() + rest
        if kind:
            found.append((idx, off, _printed(raw), kind))
            sig = _signature(facts[idx], body_size) if facts else None
            if _stands_out(sig, body_size):
                known_dress[sig] = known_dress.get(sig, 0) + 1
            continue
        if facts and facts[idx].cells:
            # Two headings side by side ("EDUCATION   SKILLS"): each is a section.
            kinds = [heading_kind(cell) for cell in facts[idx].cells]
            if len(kinds) > 1 and all(kinds):
                for cell, cell_kind in zip(facts[idx].cells, kinds, strict=True):
                    found.append((idx, off + max(raw.find(cell), 0), _printed(cell), cell_kind))
                continue
        if not facts and _plain_heading(raw):
            found.append((idx, off, _printed(raw), keyword_kind(raw)))
    if facts:
        # Headings the vocabulary lacks, told by their dress.
        taken = {item[0] for item in found} | broken
        for idx, (off, raw) in enumerate(lines):
            if idx in taken or not raw.strip() or not _looks_like_heading_text(raw):
                continue
            sig = _signature(facts[idx], body_size)
            kind = keyword_kind(raw)
            if sig not in known_dress:
                # A referees' block matters more than most: its contacts are not the
                # person's. A line that stands out and says so is its heading.
                if kind == REFERENCES and _stands_out(sig, body_size):
                    found.append((idx, off, _printed(raw), kind))
                continue
            if kind is None and known_dress[sig] < 2:
                continue  # one known heading is thin evidence for a heading without a known word
            found.append((idx, off, _printed(raw), kind or OTHER))
        found.sort(key=lambda item: item[1])
    if facts:
        found = _without_sublabels(found, facts)
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
        nxt = n + 1
        while nxt < len(found) and found[nxt][0] == idx:
            nxt += 1  # headings side by side share the body below them
        end = found[nxt][1] if nxt < len(found) else len(text)
        body_start = min(lines[idx][0] + len(lines[idx][1]) + 1, len(text))
        if facts and facts[idx].column:
            # A sidebar's section ends where its column does: the main column's
            # first lines (a name, a headline) belong to no sidebar section.
            for j in range(idx + 1, len(lines)):
                if lines[j][0] >= end:
                    break
                if lines[j][1].strip() and facts[j].column != facts[idx].column:
                    end = lines[j][0]
                    break
        sections.append(Section(printed, kind, off, body_start, max(end, body_start)))
    return sections


def _without_sublabels(
    found: list[tuple[int, int, str, str]], facts: list[Line]
) -> list[tuple[int, int, str, str]]:
    """Headings set smaller than the skills heading they sit under are labels inside that list
    ("SOFTWARE:", "OTHERS:" under "Skills"), not sections of their own."""
    out: list[tuple[int, int, str, str]] = []
    current: Line | None = None
    for item in found:
        line = facts[item[0]]
        if (
            current is not None
            and line.size
            and current.size
            and line.size < current.size - 0.4
            and line.column == current.column
            and line.page >= current.page
        ):
            continue
        out.append(item)
        current = line if item[3] == SKILLS else None
    return out


def _plain_heading(raw: str) -> bool:
    """Without layout: an all-capitals short line whose words name a section kind ("IT KENNIS")."""
    printed = _printed(raw)
    letters = [ch for ch in printed if ch.isalpha()]
    if len(letters) < 4 or not all(ch.isupper() for ch in letters):
        return False
    return _looks_like_heading_text(raw) and keyword_kind(raw) is not None


@lru_cache(maxsize=4096)  # one line is asked about several times: as a heading, for its words…
def _printed(raw: str) -> str:
    stripped = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", raw.strip()))
    return _HASHES.sub("", stripped)


def section_at(sections: list[Section], offset: int) -> Section | None:
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return None
