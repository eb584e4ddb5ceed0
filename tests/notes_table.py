"""Notes a recruiter writes, generic or specific, about four people (review/wording.py).

``DEV`` was written first and the check tuned on it; ``HELD_OUT`` afterwards, without looking
at the check's answers. ``python -m tests.notes_table`` prints the accuracy of each half.

Specific means what the issue says: something only this person's resume or the recruiter's
notes could give — a phrase of several words from their experience, an employer, a project, a
detail the recruiter learned, or two distinct skills used in a sentence about what they did.
"""

from __future__ import annotations

PEOPLE = {
    "owen": {
        "first_name": "Owen",
        "full_name": "Owen Ramírez",
        "resume": """Owen Ramírez
owen.ramirez@example.org | Valencia, Spain

Summary
Results-driven site reliability engineer with a proven track record of delivering scalable solutions in
fast-paced environments. Excellent communication skills and a strong team player.

Experience
Senior Site Reliability Engineer, Pagora 2020 - Present
- Reduced p95 checkout latency from 800ms to 120ms by tuning PostgreSQL queries
- Led the migration of 40 services from VMs to Kubernetes with zero downtime
- Wrote the on-call runbooks and ran the incident reviews for the payments team
Backend Engineer, Tiquetes 2016 - 2020
- Built the ticket inventory service in Go and Redis
- Introduced Terraform for all staging environments

Projects
- Kestrel: an open-source load-testing tool written in Go (1.2k stars)

Skills
Python, Go, PostgreSQL, Kubernetes, Terraform, Redis, Prometheus, Grafana, Docker

Education
B.Sc. Computer Science, Universitat de València
""",
        "employers": ["Pagora", "Tiquetes"],
        "notes": [
            "Spoke at the Valencia SRE meetup about chaos experiments on the payments cluster."
        ],
    },
    "lena": {
        "first_name": "Lena",
        "full_name": "Lena Vogt",
        "resume": """Lena Vogt
lena.vogt@example.de | Hamburg

Profil
Engagierte und zuverlässige Finanzbuchhalterin mit ausgeprägter Teamfähigkeit und hoher Belastbarkeit.

Berufserfahrung
Finanzbuchhalterin, Nordhafen Logistik GmbH 2018 - heute
- Monatsabschlüsse und Jahresabschluss nach HGB für drei Gesellschaften
- Einführung von DATEV Unternehmen online und Umstellung der Belegablage auf digital
- Aufbau eines Power BI Berichts für die Liquiditätsplanung
Buchhalterin, Elbtank AG 2014 - 2018
- Kreditorenbuchhaltung für 1.400 Lieferanten
- Zahlungsverkehr und Mahnwesen in SAP FI

Kenntnisse
DATEV, SAP FI, HGB, Microsoft Excel, Power BI

Ausbildung
Steuerfachangestellte, IHK Hamburg
""",
        "employers": ["Nordhafen Logistik GmbH", "Elbtank AG"],
        "notes": [],
    },
    "camille": {
        "first_name": "Camille",
        "full_name": "Camille Martin",
        "resume": """Camille Martin
camille.martin@example.fr | Lyon

Profil
Chargée de marketing digital dynamique, rigoureuse et passionnée.

Expérience
Chargée de marketing digital, Maison Lumière 2019 - aujourd'hui
- Refonte du site e-commerce sous Shopify : taux de conversion passé de 1,1 % à 2,4 %
- Campagnes Google Ads et Meta Ads avec un budget mensuel de 30 000 €
- Newsletter hebdomadaire envoyée à 85 000 abonnés avec Brevo
Assistante marketing, Croquembouche & Cie 2017 - 2019
- Organisation du salon Sirha et des dégustations en boutique

Compétences
SEO, Google Analytics, Google Ads, Shopify, Canva, HubSpot

Langues
Français, anglais (C1), espagnol (B1)
""",
        "employers": ["Maison Lumière", "Croquembouche & Cie"],
        "notes": ["Prefers roles in Lyon; her daughter starts school there in September."],
    },
    "joana": {
        "first_name": "Joana",
        "full_name": "Joana Ferreira",
        "resume": """Joana Ferreira
joana.ferreira@example.pt | Porto

Resumo
Designer de produto apaixonada por criar experiências intuitivas.

Experiência
Product Designer, Farfetch 2021 - presente
- Redesenhou o checkout da app móvel: menos 18% de abandono de carrinho
- Criou o design system Tecelagem em Figma, usado por 6 equipas
- Conduziu 40 entrevistas de pesquisa com utilizadores em Portugal e no Brasil
UX Designer, Bolota Studio 2018 - 2021
- Prototipagem em Figma e testes de usabilidade para clientes da banca

Competências
Figma, User Research, Design Systems, Prototyping, Usability Testing
""",
        "employers": ["Farfetch", "Bolota Studio"],
        "notes": [],
    },
}

# (person, note, specific?, shape)
DEV = [
    ("owen", "Great candidate with Python, very motivated.", False, "praise + one skill"),
    (
        "owen",
        "Strong engineer, great attitude, would be a good fit for a senior role somewhere.",
        False,
        "praise",
    ),
    ("owen", "Not a fit.", False, "bare label"),
    (
        "owen",
        "Solid Kubernetes experience and a passionate team player.",
        False,
        "praise + one skill",
    ),
    (
        "owen",
        "Results-driven site reliability engineer with a proven track record of delivering scalable solutions.",
        False,
        "copied boilerplate",
    ),
    ("owen", "Knows Python, Go, PostgreSQL, Kubernetes and Terraform.", False, "skills recital"),
    (
        "owen",
        "Good backend developer with lots of cloud experience and excellent communication skills.",
        False,
        "role words",
    ),
    (
        "owen",
        "Has many years of experience in the industry and brings a lot to any team.",
        False,
        "vague",
    ),
    (
        "owen",
        "Very experienced with Rust and Haskell, impressive profile overall.",
        False,
        "skills not theirs",
    ),
    (
        "owen",
        "Owen cut checkout latency at Pagora from 800 ms to 120 ms by tuning the PostgreSQL queries himself.",
        True,
        "phrase + employer",
    ),
    ("owen", "He led a 40-service migration to Kubernetes without downtime.", True, "phrase"),
    (
        "owen",
        "Owen wrote the on-call runbooks and ran incident reviews for his payments team.",
        True,
        "phrase",
    ),
    (
        "owen",
        "Built an open-source load-testing tool, Kestrel, that other engineers actually use.",
        True,
        "project",
    ),
    (
        "owen",
        "He built the inventory service in Go and Redis and brought Terraform to staging.",
        True,
        "skills in action",
    ),
    (
        "owen",
        "In our call he told me he runs chaos experiments on the payments cluster every quarter.",
        True,
        "heard",
    ),
    (
        "owen",
        "Gave a talk at the Valencia SRE meetup about chaos experiments; clearly enjoys teaching.",
        True,
        "earlier note",
    ),
    (
        "owen",
        "Owen has owned reliability at Pagora for four years and it shows in how he talks about on-call.",
        True,
        "employer",
    ),
    (
        "lena",
        "Sehr gute Kandidatin mit DATEV, motiviert und zuverlässig.",
        False,
        "praise + one skill (de)",
    ),
    (
        "lena",
        "Engagierte und zuverlässige Finanzbuchhalterin mit ausgeprägter Teamfähigkeit.",
        False,
        "copied boilerplate (de)",
    ),
    ("lena", "Kennt DATEV, SAP FI und HGB.", False, "skills recital (de)"),
    ("lena", "Passt nicht.", False, "bare label (de)"),
    (
        "lena",
        "Lena hat bei Nordhafen Logistik die Jahresabschlüsse nach HGB für drei Gesellschaften verantwortet.",
        True,
        "employer + phrase (de)",
    ),
    (
        "lena",
        "Sie hat DATEV Unternehmen online eingeführt und die Belegablage auf digital umgestellt.",
        True,
        "phrase (de)",
    ),
    (
        "lena",
        "Baute einen Power BI Bericht für die Liquiditätsplanung und führte dafür DATEV-Daten zusammen.",
        True,
        "skills in action (de)",
    ),
    (
        "camille",
        "Très bonne candidate, motivée et dynamique, maîtrise SEO.",
        False,
        "praise + one skill (fr)",
    ),
    (
        "camille",
        "Chargée de marketing digital dynamique, rigoureuse et passionnée.",
        False,
        "copied boilerplate (fr)",
    ),
    (
        "camille",
        "Camille a fait passer le taux de conversion de 1,1 % à 2,4 % en refondant le site Shopify.",
        True,
        "phrase + numbers (fr)",
    ),
    (
        "camille",
        "A organisé le salon Sirha pour Croquembouche, et gère une newsletter de 85 000 abonnés.",
        True,
        "names (fr)",
    ),
    (
        "camille",
        "She wants to stay in Lyon because her daughter starts school there in September.",
        True,
        "earlier note",
    ),
    ("joana", "Ótima candidata, muito dedicada, domina Figma.", False, "praise + one skill (pt)"),
    (
        "joana",
        "Designer de produto apaixonada por criar experiências intuitivas.",
        False,
        "copied boilerplate (pt)",
    ),
    (
        "joana",
        "Buena diseñadora, proactiva y con experiencia en Figma.",
        False,
        "praise + one skill (es)",
    ),
    (
        "joana",
        "Redesenhou o checkout da app na Farfetch e reduziu o abandono de carrinho em 18%.",
        True,
        "employer + number (pt)",
    ),
    ("joana", "Creó el design system Tecelagem, que usan seis equipos.", True, "project (es)"),
    (
        "joana",
        "Conduziu 40 entrevistas com utilizadores em Portugal e no Brasil.",
        True,
        "phrase (pt)",
    ),
    ("joana", "Great designer, clearly talented, strong portfolio.", False, "praise"),
]

HELD_OUT = [
    (
        "owen",
        "Great attitude and solid Python skills, would hire in a heartbeat.",
        False,
        "praise + one skill",
    ),
    (
        "owen",
        "Experienced SRE with Kubernetes and Terraform knowledge.",
        False,
        "two skills, nothing done",
    ),
    (
        "owen",
        "Strong communicator, team player, hands-on with Docker.",
        False,
        "praise + one skill",
    ),
    (
        "owen",
        "Excellent communication skills and a strong team player.",
        False,
        "copied boilerplate",
    ),
    ("owen", "Seems like a reliable engineer who has worked at several companies.", False, "vague"),
    ("owen", "Good.", False, "bare label"),
    ("owen", "I'd love to have him — calm, kind and a great listener.", False, "praise"),
    ("lena", "Erfahrene Buchhalterin, sehr sympathisch im Gespräch.", False, "praise (de)"),
    (
        "lena",
        "Gute SAP Kenntnisse und Excel, passt gut ins Team.",
        False,
        "two skills, nothing done (de)",
    ),
    (
        "camille",
        "Profil intéressant, bonne maîtrise de Google Ads et du SEO.",
        False,
        "two skills, nothing done (fr)",
    ),
    ("camille", "Dynamique, rigoureuse et passionnée.", False, "copied boilerplate (fr)"),
    (
        "joana",
        "Muito boa designer, com experiência em Figma e User Research.",
        False,
        "two skills, nothing done (pt)",
    ),
    ("joana", "Talented UX person with a great eye for detail.", False, "praise"),
    (
        "owen",
        "At Tiquetes he built the ticket inventory service from scratch.",
        True,
        "employer + phrase",
    ),
    (
        "owen",
        "He moved forty services off VMs onto Kubernetes and nobody noticed the switch.",
        True,
        "paraphrase",
    ),
    (
        "owen",
        "Uses Prometheus and Grafana to watch the payments cluster he runs.",
        True,
        "skills in action",
    ),
    (
        "owen",
        "Mentioned on the phone that he maintains Kestrel in his spare time.",
        True,
        "heard + project",
    ),
    ("owen", "Cut p95 latency from 800 to 120 ms.", True, "numbers"),
    (
        "lena",
        "Sie hat bei der Elbtank AG die Kreditorenbuchhaltung für 1.400 Lieferanten geführt.",
        True,
        "employer + phrase (de)",
    ),
    ("lena", "Hat Zahlungsverkehr und Mahnwesen in SAP FI betreut.", True, "phrase (de)"),
    (
        "camille",
        "Gère seule des campagnes Google Ads et Meta Ads à 30 000 € par mois.",
        True,
        "phrase + numbers (fr)",
    ),
    (
        "camille",
        "Her newsletter reaches 85,000 subscribers every week, sent with Brevo.",
        True,
        "name, across languages",
    ),
    (
        "camille",
        "Elle a refait le site e-commerce sous Shopify et doublé le taux de conversion.",
        True,
        "phrase (fr)",
    ),
    (
        "joana",
        "She built Tecelagem, the Figma design system six teams at Farfetch now use.",
        True,
        "project + employer",
    ),
    (
        "joana",
        "Fez 40 entrevistas com utilizadores e testes de usabilidade para a banca.",
        True,
        "phrase (pt)",
    ),
    ("joana", "Told me she is moving back to Lisbon and wants a hybrid role.", True, "heard"),
]


def accuracy(rows) -> tuple[int, int, list[str]]:
    from review.wording import note_specificity

    right, wrong = 0, []
    for person, note, expected, shape in rows:
        known = _known(person)
        got = note_specificity(note, known)
        if got.specific == expected:
            right += 1
        else:
            wrong.append(
                f"[{shape}] {note!r}: {'specific' if got.specific else 'generic'} "
                f"({got.reason if not got.specific else got.evidence})"
            )
    return right, len(rows), wrong


_KNOWN: dict = {}


def _known(person: str):
    from parsing.sections import find_sections
    from review.wording import Known

    if person not in _KNOWN:
        p = PEOPLE[person]
        sections = [(sec.kind, sec.start, sec.end) for sec in find_sections(p["resume"])]
        _KNOWN[person] = Known(
            first_name=p["first_name"],
            full_name=p["full_name"],
            resume=p["resume"],
            sections=sections,
            employers=p["employers"],
            notes=p["notes"],
        )
    return _KNOWN[person]


if __name__ == "__main__":
    for name, rows in (("development", DEV), ("held-out", HELD_OUT)):
        if not rows:
            continue
        right, total, wrong = accuracy(rows)
        print(f"{name}: {right}/{total} right ({right / total:.0%})")
        for line in wrong:
            print("   ", line)
