"""Job ads for the ad reader (parsing/jobad.py), written for these tests, with what a recruiter
would keep from each.

Two halves: ``DEV`` was written first and the reader was tuned on it; ``HELD_OUT`` was written
afterwards, without looking at the reader's output, and its figures are the ones quoted.

Each ad: ``lang``, ``text``, and the expected ``title``, ``location`` (None: the ad names none),
``mode`` (remote / hybrid / onsite / None), ``min_years``, ``must`` and ``nice`` (canonical
taxonomy names, or the ad's words for a tool the taxonomy does not know), and ``languages``
(spoken languages required; a welcome language is a nice-to-have). A skill named only in the
title ("DevOps" in "Ingénieur DevOps") is a nice-to-have: it is the role, the recruiter weighs it.
``title`` None: the ad gives none (the proposal falls back to its first short line or "New job").
"""

from __future__ import annotations

DEV = [
    {
        "id": "en-headings-hybrid",
        "lang": "en",
        "text": """Senior Backend Engineer
Location: Berlin (hybrid, 2 days a week in the office)

About us
We build the scheduling platform that 4,000 clinics use every day. Our stack is Python and PostgreSQL on AWS.

What you'll do
- Design and run the services behind patient booking
- Keep our APIs fast and our on-call calm

Requirements
- 3+ years of professional experience building backend services
- Strong Python and SQL
- Experience with PostgreSQL and Docker
- Fluent English

Nice to have
- Kubernetes
- Terraform or other infrastructure as code

What we offer
- 30 days of holiday, a learning budget and a Python conference each year
""",
        "title": "Senior Backend Engineer",
        "location": "Berlin",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"Python", "SQL", "PostgreSQL", "Docker", "Back-End Development"},
        "nice": {"Kubernetes", "Terraform", "Infrastructure as Code", "Amazon Web Services"},
        "languages": {"English"},
    },
    {
        "id": "en-no-headings-remote-first",
        "lang": "en",
        "text": """We're hiring a Platform Engineer (remote-first, anywhere in Europe).

Orbital is a remote-first company of 60 people. You will look after the infrastructure that runs our
payments product. We are looking for someone with 5-7 years of experience who knows Kubernetes and
Terraform well and has run production systems on Google Cloud. Experience with Go would be a plus, and
familiarity with Prometheus and Grafana is nice to have. You write clear English.
""",
        "title": "Platform Engineer",
        "location": None,
        "mode": "remote",
        "min_years": 5,
        "must": {"Kubernetes", "Terraform", "Google Cloud Platform"},
        "nice": {"Go", "Prometheus", "Grafana"},
        "languages": {"English"},
    },
    {
        "id": "en-inline-lists",
        "lang": "en",
        "text": """Data Analyst – Lisbon (Hybrid)

Join the growth team of a marketplace for second-hand furniture.

Must have: SQL, Python, Looker
Nice to have: dbt, Airflow, A/B testing
Experience: 2+ years in an analytics role
Languages: English; Portuguese is a plus
""",
        "title": "Data Analyst",
        "location": "Lisbon",
        "mode": "hybrid",
        "min_years": 2,
        "must": {"SQL", "Python", "Looker"},
        "nice": {"dbt", "Apache Airflow", "A/B Testing", "Portuguese", "Data Analysis"},
        "languages": {"English"},
    },
    {
        "id": "en-sales-onsite-words",
        "lang": "en",
        "text": """Account Executive, Mid-Market
London office · on-site

The role
You will own a territory of mid-market customers and close new business.

What you bring
* At least two years of B2B sales experience, ideally in SaaS
* You know Salesforce inside out
* Excellent negotiation skills

Bonus points
* HubSpot
* Spanish or German

We offer a competitive base plus commission.
""",
        "title": "Account Executive, Mid-Market",
        "location": "London",
        "mode": "onsite",
        "min_years": 2,
        "must": {"B2B Sales", "Salesforce", "Negotiation"},
        "nice": {"HubSpot", "Spanish", "German"},
        "languages": set(),
    },
    {
        "id": "de-classic",
        "lang": "de",
        "text": """Java-Entwickler (m/w/d) Backend
Standort: München

Über uns
Wir sind ein mittelständisches Softwarehaus mit 120 Mitarbeitenden und entwickeln seit über 20 Jahren
Lösungen für Versicherungen.

Ihre Aufgaben
• Weiterentwicklung unserer Microservices mit Java und Spring Boot
• Code Reviews und Pair Programming im Team

Ihr Profil
• Abgeschlossenes Studium der Informatik oder vergleichbare Ausbildung
• Mindestens 3 Jahre Berufserfahrung in der Java-Entwicklung
• Sehr gute Kenntnisse in Spring Boot, SQL und Git
• Sehr gute Deutschkenntnisse (C1) und gute Englischkenntnisse

Wünschenswert
• Erfahrung mit Kubernetes und Apache Kafka

Wir bieten
• 30 Tage Urlaub, Homeoffice-Möglichkeit an zwei Tagen pro Woche
""",
        "title": "Java-Entwickler Backend",
        "location": "München",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"Java", "Spring Boot", "SQL", "Git"},
        "nice": {
            "Kubernetes",
            "Apache Kafka",
            "Microservices",
            "Pair Programming",
            "Code Review",
            "Back-End Development",
        },
        "languages": {"German", "English"},
    },
    {
        "id": "de-markdown-remote",
        "lang": "de",
        "text": """# Data Engineer (w/m/d) – 100 % remote

Wir sind ein kleines Team in Hamburg, arbeiten aber vollständig remote innerhalb Deutschlands.

## Das erwartet dich
- Du baust unsere Datenpipelines mit Python und dbt auf

## Das bringst du mit
- 2–4 Jahre Erfahrung im Data Engineering
- **Python** und **SQL** beherrschst du sicher
- Erfahrung mit Snowflake oder BigQuery
- Gute Deutsch- und Englischkenntnisse

## Nice to have
- Apache Airflow
- Terraform
""",
        "title": "Data Engineer",
        "location": None,
        "mode": "remote",
        "min_years": 2,
        "must": {"Python", "SQL", "Snowflake", "Google BigQuery", "Data Engineering"},
        "nice": {"dbt", "Apache Airflow", "Terraform"},
        "languages": {"German", "English"},
    },
    {
        "id": "fr-devops-hybride",
        "lang": "fr",
        "text": """Ingénieur DevOps (H/F) – Lyon

Qui sommes-nous ?
Une scale-up lyonnaise de 80 personnes qui édite un logiciel de gestion pour les cliniques vétérinaires.

Vos missions
- Automatiser nos déploiements et fiabiliser notre plateforme sur AWS
- Accompagner les équipes de développement

Profil recherché
- De 3 à 5 ans d'expérience sur un poste similaire
- Maîtrise de Docker, Kubernetes et Terraform
- Bonne connaissance de Linux et de Git
- Anglais technique

Les plus
- Une expérience avec Ansible
- Des connaissances en Python

Télétravail partiel possible (2 jours par semaine).
""",
        "title": "Ingénieur DevOps",
        "location": "Lyon",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"Docker", "Kubernetes", "Terraform", "Linux", "Git"},
        "nice": {"Ansible", "Python", "Amazon Web Services", "DevOps"},
        "languages": {"English"},
    },
    {
        "id": "fr-inline-paris",
        "lang": "fr",
        "text": """Poste : Analyste BI
Lieu : Paris 9e
Contrat : CDI, temps plein

Au sein de la direction financière, vous construisez les tableaux de bord du groupe.

Compétences requises : SQL, Power BI, Excel
Un plus : Tableau, Python
Expérience : 2 ans minimum
Langues : français courant, anglais professionnel
""",
        "title": "Analyste BI",
        "location": "Paris",
        "mode": None,
        "min_years": 2,
        "must": {"SQL", "Power BI", "Microsoft Excel"},
        "nice": {"Tableau", "Python"},
        "languages": {"French", "English"},
    },
    {
        "id": "es-fullstack-hibrido",
        "lang": "es",
        "text": """Desarrollador/a Full Stack
Ubicación: Madrid (modelo híbrido, 3 días en oficina)

¿Qué harás?
- Desarrollar nuevas funcionalidades de nuestra plataforma de reservas

Requisitos
- Al menos 3 años de experiencia como desarrollador/a
- Experiencia con React y TypeScript
- Conocimientos sólidos de Node.js y PostgreSQL
- Inglés fluido

Se valorará
- Experiencia con GraphQL
- Conocimientos de Docker

Ofrecemos
- Salario competitivo, seguro médico y formación continua
""",
        "title": "Desarrollador/a Full Stack",
        "location": "Madrid",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"React", "TypeScript", "Node.js", "PostgreSQL"},
        "nice": {"GraphQL", "Docker", "Full-Stack Development"},
        "languages": {"English"},
    },
    {
        "id": "es-no-headings-remoto",
        "lang": "es",
        "text": """Buscamos una persona para nuestro equipo de atención al cliente, 100% en remoto desde cualquier
lugar de España. Es imprescindible tener un mínimo de 2 años de experiencia en atención al cliente y
manejar Zendesk con soltura. Valoraremos experiencia con Salesforce y un buen nivel de inglés.
""",
        "title": None,
        "location": None,
        "mode": "remote",
        "min_years": 2,
        "must": {"Customer Service", "Zendesk"},
        "nice": {"Salesforce", "English"},
        "languages": set(),
    },
    {
        "id": "pt-br-dados",
        "lang": "pt",
        "text": """Vaga: Engenheiro(a) de Dados Pleno
Local: São Paulo - SP (híbrido)

Sobre nós
Somos uma fintech que ajuda pequenos negócios a receber pagamentos.

Requisitos
- Pelo menos 4 anos de experiência com engenharia de dados
- Domínio de Python e SQL
- Experiência com Apache Spark e Airflow
- Inglês intermediário

Diferenciais
- Conhecimento em Kafka
- Experiência com AWS

Benefícios
- Vale-refeição, plano de saúde e Gympass
""",
        "title": "Engenheiro(a) de Dados Pleno",
        "location": "São Paulo",
        "mode": "hybrid",
        "min_years": 4,
        "must": {"Python", "SQL", "Apache Spark", "Apache Airflow"},
        "nice": {"Apache Kafka", "Amazon Web Services"},
        "languages": {"English"},
    },
    {
        "id": "pt-pt-contabilista",
        "lang": "pt",
        "text": """Contabilista Sénior (m/f)
Lisboa · Trabalho presencial

Procuramos um(a) contabilista para integrar a nossa equipa financeira.

Requisitos obrigatórios: Contabilidade, SAP, Excel avançado
Requisito: 3 anos de experiência em funções semelhantes
Será um diferencial: conhecimentos de IFRS e inglês fluente
""",
        "title": "Contabilista Sénior",
        "location": "Lisboa",
        "mode": "onsite",
        "min_years": 3,
        "must": {"Accounting", "SAP ERP", "Microsoft Excel"},
        "nice": {"IFRS", "English"},
        "languages": set(),
    },
]

HELD_OUT = [
    {
        "id": "en-numbered-austin",
        "lang": "en",
        "text": """Site Reliability Engineer II
Austin, TX · Hybrid (3 days a week in our Austin office)

Key requirements:
1. 3–5 years of experience operating production systems at scale
2. Deep knowledge of Linux and networking
3. Hands-on experience with Kubernetes, Helm and Terraform
4. Comfortable scripting in Python or Bash

Preferred qualifications:
1. Datadog or Prometheus
2. Incident management experience

Compensation: $140k–$165k plus equity.
""",
        "title": "Site Reliability Engineer II",
        "location": "Austin",
        "mode": "hybrid",
        "min_years": 3,
        "must": {
            "Linux",
            "Computer Networking",
            "Kubernetes",
            "Helm",
            "Terraform",
            "Python",
            "Bash",
        },
        "nice": {"Datadog", "Prometheus", "Incident Management", "Site Reliability Engineering"},
        "languages": set(),
    },
    {
        "id": "en-one-paragraph-labels",
        "lang": "en",
        "text": """Frontend Developer (Remote, EU time zones)

Small product studio, 12 people, building tools for independent bookshops. Requirements: React,
TypeScript and Jest; at least 2 years shipping production web apps. Bonus: Next.js, Figma. Apply
with a link to something you built.
""",
        "title": "Frontend Developer",
        "location": None,
        "mode": "remote",
        "min_years": 2,
        "must": {"React", "TypeScript", "Jest"},
        "nice": {"Next.js", "Figma", "Front-End Development"},
        "languages": set(),
    },
    {
        "id": "de-koeln-pluspunkte",
        "lang": "de",
        "text": """Vertriebsmitarbeiter im Außendienst (m/w/d)
Einsatzort: Köln und Umgebung

Deine Aufgaben
- Du betreust Bestandskunden im Raum Köln und gewinnst neue Kunden dazu
- Du pflegst alle Kontakte in Salesforce

Was du mitbringst
- Eine abgeschlossene kaufmännische Ausbildung
- Mehrjährige Erfahrung im B2B-Vertrieb
- Verhandlungssicheres Deutsch und gute Englischkenntnisse
- Führerschein Klasse B

Pluspunkte
- Erfahrung mit HubSpot
- Kenntnisse in MS Office

Was wir dir bieten
- Firmenwagen, auch zur privaten Nutzung, und Homeoffice an Bürotagen nach Absprache
""",
        "title": "Vertriebsmitarbeiter im Außendienst",
        "location": "Köln",
        "mode": None,
        "min_years": None,
        # Corrected after the first run: the ad does require a driving licence, and
        # "Außendienst" in the title is field (outside) sales.
        "must": {"B2B Sales", "Driver's Licence"},
        "nice": {"Salesforce", "HubSpot", "Microsoft Office", "Outside Sales"},
        "languages": {"German", "English"},
    },
    {
        "id": "de-prose-stuttgart",
        "lang": "de",
        "text": """Wir suchen zum nächstmöglichen Zeitpunkt eine Buchhalterin / einen Buchhalter in Vollzeit für
unseren Standort in Stuttgart. Sie haben eine abgeschlossene kaufmännische Ausbildung und mindestens
zwei Jahre Berufserfahrung in der Buchhaltung. Sie arbeiten sicher mit DATEV und MS Excel. Kenntnisse
in SAP sind von Vorteil.
""",
        "title": None,
        "location": "Stuttgart",
        "mode": None,
        "min_years": 2,
        "must": {"Accounting", "DATEV", "Microsoft Excel"},
        "nice": {"SAP ERP"},
        "languages": set(),
    },
    {
        "id": "fr-fullstack-nantes",
        "lang": "fr",
        "text": """Développeur·se Full Stack React / Node.js (F/H) – Nantes

L'entreprise
Nous éditons une application de gestion pour les artisans du bâtiment.

Ce que tu feras
- Tu développes de nouvelles fonctionnalités, du front au back
- Tu participes aux revues de code

Ce qu'on attend de toi
- Au moins 3 ans d'expérience en développement web
- Une bonne maîtrise de React, Node.js et PostgreSQL
- Tu écris des tests (Jest)

Bonus
- Tu connais Docker et GitLab CI

Télétravail jusqu'à 3 jours par semaine.
""",
        "title": "Développeur·se Full Stack React / Node.js",
        "location": "Nantes",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"React", "Node.js", "PostgreSQL", "Jest", "Web Development"},
        "nice": {"Docker", "GitLab CI", "Code Review", "Full-Stack Development"},
        "languages": set(),
    },
    {
        "id": "fr-prose-bordeaux",
        "lang": "fr",
        "text": """Chargé(e) de recrutement – CDI – Bordeaux

Rattaché(e) à la DRH, vous pilotez les recrutements de nos agences du Sud-Ouest, sur site à Bordeaux.
Vous justifiez d'une expérience de 2 ans minimum en recrutement, idéalement en cabinet. La maîtrise
d'un ATS est indispensable ; la connaissance de LinkedIn Recruiter serait un plus. Anglais apprécié.
""",
        "title": "Chargé(e) de recrutement",
        "location": "Bordeaux",
        "mode": "onsite",
        "min_years": 2,
        "must": {"Recruitment", "Applicant Tracking Systems"},
        "nice": {"LinkedIn Recruiter", "English"},
        "languages": set(),
    },
    {
        "id": "es-inline-barcelona-range",
        "lang": "es",
        "text": """Analista de Datos Senior
Barcelona · Híbrido

Requisitos: SQL, Python y Power BI
Experiencia: entre 3 y 5 años en un puesto similar
Deseable: Databricks, conocimientos de estadística
Idiomas: español e inglés
""",
        "title": "Analista de Datos Senior",
        "location": "Barcelona",
        "mode": "hybrid",
        "min_years": 3,
        "must": {"SQL", "Python", "Power BI"},
        "nice": {"Databricks", "Statistics", "Data Analysis"},
        "languages": {"Spanish", "English"},
    },
    {
        "id": "es-latam-remoto",
        "lang": "es",
        "text": """Ingeniero/a de Software Backend (Remoto - LATAM)

Lo que buscamos
• +3 años de experiencia desarrollando servicios backend
• Experiencia sólida con Go y gRPC
• Manejo de PostgreSQL y Docker
• Inglés avanzado (hablado y escrito)

Suma puntos si
• Has trabajado con AWS
• Conoces Kubernetes

Qué ofrecemos
• Pago en dólares, horario flexible y trabajo 100% remoto
""",
        "title": "Ingeniero/a de Software Backend",
        "location": None,
        "mode": "remote",
        "min_years": 3,
        "must": {"Go", "gRPC", "PostgreSQL", "Docker", "Back-End Development"},
        "nice": {"Amazon Web Services", "Kubernetes", "Software Engineering"},
        "languages": {"English"},
    },
    {
        "id": "pt-br-marketing-curitiba",
        "lang": "pt",
        "text": """Analista de Marketing Digital
Curitiba/PR – modelo híbrido

O que você precisa ter:
- Experiência de 2 anos com marketing digital
- Conhecimento em Google Analytics e SEO
- Experiência com Google Ads e Meta Ads

Será um diferencial:
- RD Station
- Inglês intermediário

Oferecemos: vale-alimentação, plano de saúde e day off no aniversário.
""",
        "title": "Analista de Marketing Digital",
        "location": "Curitiba",
        "mode": "hybrid",
        "min_years": 2,
        "must": {
            "Digital Marketing",
            "Google Analytics",
            "Search Engine Optimization",
            "Google Ads",
            "Facebook Ads",
        },
        "nice": {"RD Station", "English"},
        "languages": set(),
    },
    {
        "id": "pt-pt-suporte-porto",
        "lang": "pt",
        "text": """Técnico(a) de Suporte IT
Local de trabalho: Porto (regime presencial)

Procuramos alguém com pelo menos 1 ano de experiência em suporte a utilizadores. Tens bons
conhecimentos de Windows, Active Directory e Microsoft 365. A certificação ITIL é um plus.
Português fluente e inglês técnico.
""",
        "title": "Técnico(a) de Suporte IT",
        "location": "Porto",
        "mode": "onsite",
        "min_years": 1,
        "must": {"Microsoft Windows", "Active Directory", "Microsoft 365", "IT Support"},
        "nice": {"ITIL"},
        "languages": {"Portuguese", "English"},
    },
]

# Written after the reader was tuned on both halves above, and run once: the fresh figure.
HELD_OUT_2 = [
    {
        "id": "en-prose-years-words",
        "lang": "en",
        "text": """Product Designer

We're a 30-person climate startup in Amsterdam looking for a product designer to own the experience
of our carbon accounting app. You have four to six years of experience designing B2B software and you
are fluent in Figma. You run your own user research. Experience with design systems is a bonus.
We work from our Amsterdam office three days a week.
""",
        "title": "Product Designer",
        "location": "Amsterdam",
        "mode": "hybrid",
        "min_years": 4,
        "must": {"Figma", "User Research"},
        "nice": {"Design Systems", "Product Design"},
        "languages": set(),
    },
    {
        "id": "de-inline-muss",
        "lang": "de",
        "text": """IT-Administrator (m/w/d) in Leipzig

Muss: Windows Server, Active Directory, Netzwerktechnik
Kann: VMware, PowerShell
Berufserfahrung: mindestens 2 Jahre
Sprachen: Deutsch fließend
Arbeitsmodell: vor Ort, keine Remote-Arbeit
""",
        "title": "IT-Administrator",
        "location": "Leipzig",
        "mode": "onsite",
        "min_years": 2,
        "must": {"Windows Server", "Active Directory", "Computer Networking"},
        "nice": {"VMware", "PowerShell", "System Administration"},
        "languages": {"German"},
    },
    {
        "id": "fr-bullets-idealement",
        "lang": "fr",
        "text": """Data Scientist confirmé(e) (H/F)
Localisation : Toulouse – hybride

Tes missions
• Construire des modèles de prévision de la demande

Ton profil
• 4 ans d'expérience minimum en data science
• Excellente maîtrise de Python (pandas, scikit-learn) et de SQL
• Idéalement, une expérience avec Spark
• Anglais courant
""",
        "title": "Data Scientist confirmé(e)",
        "location": "Toulouse",
        "mode": "hybrid",
        "min_years": 4,
        "must": {"Python", "pandas", "scikit-learn", "SQL", "Data Science"},
        "nice": {"Apache Spark", "Forecasting"},
        "languages": {"English"},
    },
    {
        "id": "es-remote-first-prose",
        "lang": "es",
        "text": """Somos una empresa remote-first y buscamos un/a Product Manager para nuestro equipo de pagos.
Necesitas al menos 5 años de experiencia en gestión de producto digital, dominio de Jira y experiencia
trabajando con metodologías ágiles. Se valorará experiencia en fintech y conocimientos de SQL.
""",
        "title": "Product Manager",
        "location": None,
        "mode": "remote",
        "min_years": 5,
        "must": {"Product Management", "Jira", "Agile"},
        "nice": {"SQL", "Fintech"},
        "languages": set(),
    },
    {
        "id": "pt-br-obrigatorios-desejaveis",
        "lang": "pt",
        "text": """Desenvolvedor(a) Mobile Flutter
Belo Horizonte | 100% remoto

Requisitos obrigatórios
- 3+ anos de experiência com desenvolvimento mobile
- Flutter e Dart
- Integração com APIs REST

Requisitos desejáveis
- Firebase
- Publicação na App Store e Google Play
""",
        "title": "Desenvolvedor(a) Mobile Flutter",
        "location": "Belo Horizonte",
        "mode": "remote",
        "min_years": 3,
        "must": {"Flutter", "Dart", "REST APIs", "Mobile Development"},
        "nice": {"Firebase"},
        "languages": set(),
    },
]

FIELDS = ("title", "location", "mode", "min_years", "languages")


def score(ads: list[dict], taxonomy=None) -> dict:
    """Per language: fields right (title, location, work mode, years, languages) and criteria
    precision / recall, counting a criterion right only with the right must / nice label."""
    from parsing.jobad import read_ad
    from parsing.taxonomy import load_taxonomy

    taxonomy = taxonomy or load_taxonomy()
    out: dict[str, dict] = {}
    for ad in ads:
        r = read_ad(ad["text"], taxonomy)
        got = {
            "title": r.title or None,
            "location": r.location,
            "mode": r.work_mode,
            "min_years": r.min_years,
            "languages": set(r.languages),
        }
        tally = out.setdefault(
            ad["lang"],
            {
                "ads": 0,
                "fields": 0,
                "fields_right": 0,
                "found": 0,
                "expected": 0,
                "right": 0,
                "wrong": [],
            },
        )
        tally["ads"] += 1
        for name in FIELDS:
            tally["fields"] += 1
            if got[name] == ad[name]:
                tally["fields_right"] += 1
            else:
                tally["wrong"].append(f"{ad['id']}: {name} {got[name]!r}, expected {ad[name]!r}")
        found = {(n, True) for n in r.must} | {(n, False) for n in r.nice}
        expected = {(n, True) for n in ad["must"]} | {(n, False) for n in ad["nice"]}
        tally["found"] += len(found)
        tally["expected"] += len(expected)
        tally["right"] += len(found & expected)
        for name, must in sorted(found - expected):
            tally["wrong"].append(f"{ad['id']}: {name} as {'must' if must else 'nice'}")
        for name, must in sorted(expected - found):
            tally["wrong"].append(f"{ad['id']}: missed {name} ({'must' if must else 'nice'})")
    return out


def report(ads: list[dict], title: str) -> str:
    lines = [
        title,
        f"{'lang':<5}{'ads':>4}  {'fields right':>14}  {'criteria P':>10}  {'criteria R':>10}",
    ]
    totals = {"ads": 0, "fields": 0, "fields_right": 0, "found": 0, "expected": 0, "right": 0}
    scored = score(ads)
    for lang in ("en", "de", "fr", "es", "pt"):
        t = scored.get(lang)
        if not t:
            continue
        for key in totals:
            totals[key] += t[key]
        lines.append(
            f"{lang:<5}{t['ads']:>4}  {t['fields_right']:>6}/{t['fields']:<3} "
            f"{t['fields_right'] / t['fields']:5.0%}  {t['right'] / max(1, t['found']):10.0%}  "
            f"{t['right'] / max(1, t['expected']):10.0%}"
        )
    lines.append(
        f"{'all':<5}{totals['ads']:>4}  {totals['fields_right']:>6}/{totals['fields']:<3} "
        f"{totals['fields_right'] / totals['fields']:5.0%}  {totals['right'] / max(1, totals['found']):10.0%}  "
        f"{totals['right'] / max(1, totals['expected']):10.0%}"
    )
    for t in scored.values():
        lines.extend("  " + w for w in t["wrong"])
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(DEV, "Development half (the reader was tuned on it)"))
    print()
    print(
        report(HELD_OUT, "Held-out half (written afterwards; two labels corrected, then tuned on)")
    )
    print()
    print(report(HELD_OUT_2, "Second held-out batch (written after all tuning)"))
