"""Words the field finders share: job roles, words that are never part of a person's name.

Kept apart so that sections, names and fields can all use them without
importing one another.
"""

from __future__ import annotations

import re

ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|architect|manager|director|lead|head|officer|analyst|"
    r"scientist|designer|consultant|specialist|administrator|coordinator|assistant|associate|"
    r"nurse|technician|accountant|auditor|controller|recruiter|representative|executive|"
    r"operator|driver|chef|cook|server|bartender|barista|receptionist|clerk|supervisor|"
    r"electrician|plumber|welder|carpenter|mechanic|teacher|lecturer|professor|researcher|"
    r"intern|trainee|student|post-?doctoral|postdoc|fellow|doctoral|candidate|founder|ceo|cto|cfo|coo|president|owner|advisor|editor|writer|"
    r"marketer|strategist|planner|buyer|agent|therapist|pharmacist|physician|doctor|paramedic|"
    r"caregiver|attendant|housekeeper|cashier|sre|devops|product owner|scrum master|"
    r"entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|leiter(?:in)?|projektleiter(?:in)?|"
    r"krankenpfleger(?:in)?|pflegefachkraft|kaufmann|kauffrau|sachbearbeiter(?:in)?|"
    r"développeu(?:r|se)|ingénieur|chef de projet|responsable|infirmi(?:er|ère)|technicien(?:ne)?|"
    r"desarrollador(?:a)?|ingenier[oa]|gerente|jef[ea]|enfermer[oa]|analista|consultor(?:a)?|"
    r"desenvolvedor(?:a)?|engenheir[oa]|gerente|enfermeir[oa]|coordenador(?:a)?|estagiári[oa])\b",
    re.IGNORECASE,
)

# Name particles, written in lower case inside a name ("van der Berg", "da Silva").
PARTICLES = {
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "di", "del", "della", "la", "le", "du",
    "bin", "binti", "al", "el", "ibn", "ten", "ter", "y", "e", "zu", "vom", "het", "d'", "dei", "degli",
    "ben", "bint", "abu", "ap", "af", "av",
}  # fmt: skip

# Words that show a line is not a person's name: document titles, labels,
# headings, degrees, places and organisations, roles, common nouns that
# resume designs print large.
NOT_NAME_WORDS = {
    # titles of the document, in the languages we read
    "resume", "résumé", "resumé", "curriculum", "vitae", "vitæ", "cv", "lebenslauf", "curriculo",
    "currículo", "currículum", "levensloop", "życiorys", "zyciorys", "životopis", "portfolio",
    "profile", "profil", "perfil", "profilo", "profiel", "bio", "biography", "candidate", "applicant",
    # labels and headings
    "contact", "contacts", "kontakt", "email", "e-mail", "mail", "phone", "mobile", "tel", "telefon",
    "telephone", "address", "adresse", "teléfono", "correo", "página", "page", "updated", "summary",
    "experience", "education", "skills", "objective", "status", "fields", "languages", "born",
    "nationality", "date", "birth", "details", "information", "references", "personal", "particulars",
    "qualifications", "highlights", "career", "seeking", "internship", "about", "me", "hobbies",
    "interests", "projects", "certifications", "awards", "publications", "name", "nome", "nombre",
    "naam", "vorname", "nachname", "surname", "first", "last", "full", "datos", "dados", "dati",
    "persönliche", "daten", "données", "informations", "informazioni", "personali", "personales",
    "pessoais", "overview", "introduction", "statement", "letter", "cover", "motivation",
    # roles and levels
    "engineer", "developer", "manager", "designer", "consultant", "nurse", "analyst", "senior",
    "junior", "intern", "trainee", "student", "graduate", "grad", "lead", "head", "chief", "director",
    "editor", "writer", "assistant", "specialist", "officer", "executive", "professional", "expert",
    "freelance", "freelancer", "volunteer", "teacher", "professor", "doctor", "researcher",
    # organisations, places and subjects
    "software", "science", "engineering", "computer", "technology", "technologies", "business",
    "management", "college", "school", "institute", "university", "universität", "université",
    "universidad", "universidade", "università", "academy", "inc", "gmbh", "ltd", "llc", "ag",
    "corp", "company", "group", "bank", "street", "road", "avenue", "city", "rua", "calle", "via",
    "straße", "strasse", "department", "faculty", "center", "centre", "hospital", "clinic",
    "development", "design", "marketing", "sales", "data", "web", "digital", "services", "solutions",
    "systems", "network", "learning", "machine", "research", "analytics", "studio", "lab",
    "consulting", "media", "health", "care", "finance", "accounting",
    # degrees
    "meng", "bs", "ba", "ms", "bsc", "msc", "phd", "mba", "degree", "bachelor", "master", "diploma",
    # everyday words that title lines carry
    "in", "of", "and", "for", "the", "at", "with", "to", "on", "by", "und", "et", "y", "e", "les",
    "not", "copy", "sample", "template", "draft", "confidential", "font", "size", "market", "build",
    "new", "loves", "tech", "citizen", "your", "here", "my", "our", "welcome", "hello", "hi",
    "thank", "you", "thanks", "open", "source", "available", "immediately", "remote", "full-time",
    "part-time", "linkedin", "github", "website", "twitter", "instagram", "facebook", "xing",
    "mr", "mrs", "ms", "dr", "prof",
    # company forms and address words
    "limited", "pvt", "private", "corporation", "plc", "srl", "spa", "bv", "nv", "kg", "ohg", "sarl",
    "sas", "gbr", "ev", "e.v", "co", "llp", "pty", "room", "suite", "floor", "building", "apt",
    "apartment", "self", "employed", "unemployed", "job", "jobs", "objectives", "goals", "position",
    "desired", "available", "references", "upon", "request", "dear", "sir", "madam", "hiring",
}  # fmt: skip
