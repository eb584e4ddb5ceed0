"""Synthetic resumes with known ground truth, for demo data, tests and benchmarks.

Everything a parser should find in a generated resume is decided first, as data
(:class:`SamplePerson`), and only then printed in one of several dresses: PDF by
reportlab or by Qt (one or two columns), hand-written DOCX, plain text or
Markdown. The ground truth therefore never depends on what a PDF library does,
except the page count, which is taken from the renderer itself.

Why it is built the way it is:

* **Deterministic per person.** Person *i* of seed *s* is drawn from its own
  random stream (``"s:i"``), so ``make_people(200)`` is a prefix of
  ``make_people(5000)`` and a benchmark can grow without changing the first files.
* **Safe demo data.** E-mail addresses use the reserved ``example.com/.org/.net``
  domains and personal sites are sub-domains of them, so a demo outbox can never
  reach a real inbox. Phone numbers must be *valid* (the parser is tested with
  ``phonenumbers``), so where a country reserves a valid range for fiction (UK,
  France, Australia) we use it; elsewhere numbers are random but valid — never
  send anything to demo candidates.
* **Honest ground truth.** Prose is written so that no skill word appears unless
  the person claims it, except in deliberate, recorded traps (``variants=True``).
  ``tests/test_samples.py`` checks this over many people.

This lives in ``app/`` because the Qt renderer needs PySide6; Qt is imported
lazily, only inside :func:`render_pdf_qt`, so the rest works without a screen.

Ground truth (``<file>.truth.json`` beside each file, UTF-8):

``file, format`` (pdf|docx|txt), ``producer`` (reportlab|qt|docx|txt|markdown),
``layout`` (one_column|two_column), ``language`` (en|de|fr|es|pt: headings and prose);
``name``; ``emails``; ``phones`` (E.164) and ``phones_printed`` (national forms parse
with ``country``, ISO 3166 alpha-2, as the region); ``links`` (full https URLs) and
``links_printed``; ``location`` ("City, Country" or "City, ST"; when ``address`` is
printed it replaces the location line and contains the city); ``title`` (of the
newest job); ``skills`` (canonical: family skills, then spoken languages),
``skills_section`` (as printed, variants included), ``languages_printed``;
``sections`` (headings as printed, in print order: two-column files list the sidebar
first; a summary printed without heading is not listed); ``years_experience`` (the
stated "N+" if the summary states one, else ``years_from_dates``; see
:func:`years_of_experience` for the conventions), ``years_statement`` ("8+ years",
"8+ Jahre" ... or null); ``education`` ([{degree, institution}]); ``pages`` (PDFs:
from the renderer; else null); ``experience`` ([{title, employer, city, start, end,
dates}], start/end "YYYY-MM", or "YYYY" when only years are printed, end "present");
``traps`` ([{phrase, imitates}]) and ``variant_spellings`` ({printed: canonical}), both
empty unless ``variants``; ``number_decoys`` (digit strings printed on purpose that
are not phone numbers); ``encoding`` (TXT files); ``seed``, ``index``,
``reference_date``.
"""

from __future__ import annotations

import functools
import html
import io
import json
import os
import random
import re
import sys
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import phonenumbers

__all__ = [
    "DEFAULT_FORMATS",
    "REFERENCE_DATE",
    "Education",
    "Job",
    "SamplePerson",
    "Style",
    "Trap",
    "ground_truth",
    "make_people",
    "render_docx",
    "render_pdf_qt",
    "render_pdf_reportlab",
    "render_txt",
    "write_batch",
    "years_of_experience",
]

#: "Present" in every date range means this day; a parameter everywhere, this is its default.
REFERENCE_DATE = date(2026, 11, 1)

#: Share of files per producer in :func:`write_batch` (PDFs: half one-, half two-column).
DEFAULT_FORMATS: dict[str, float] = {
    "pdf_reportlab": 0.40,
    "pdf_qt": 0.30,
    "docx": 0.15,
    "txt": 0.09,
    "markdown": 0.06,
}

# ---------------------------------------------------------------------------
# Skills. Canonical names are shared with resources/skills (the taxonomy), so
# they must match it letter for letter.
# ---------------------------------------------------------------------------

FAMILY_SKILLS: dict[str, tuple[str, ...]] = {
    "software": (
        "Python", "Java", "Go", "JavaScript", "TypeScript", "Node.js", "PostgreSQL", "MySQL",
        "Redis", "Apache Kafka", "Docker", "Kubernetes", "Terraform", "Amazon Web Services",
        "Microsoft Azure", "Google Cloud Platform", "Git", "Linux", "REST APIs", "GraphQL",
        "gRPC", "Django", "Flask", "FastAPI", "Spring Boot", "C#", ".NET", "C++", "Rust",
        "Ruby on Rails", "Ruby", "PHP", "Laravel", "Microservices", "CI/CD", "Jenkins",
        "GitHub Actions", "Elasticsearch", "MongoDB", "RabbitMQ", "Ansible", "Prometheus",
        "Grafana", "Bash", "SQL",
    ),
    "frontend": (
        "React", "Angular", "Vue.js", "HTML", "CSS", "Sass", "Redux", "Webpack", "Next.js",
        "Svelte", "Tailwind CSS", "Figma", "Jest", "Cypress", "Web Accessibility",
        "JavaScript", "TypeScript",
    ),
    "data": (
        "Python", "R", "SQL", "pandas", "NumPy", "scikit-learn", "TensorFlow", "PyTorch",
        "Apache Spark", "Tableau", "Power BI", "Microsoft Excel", "Statistics",
        "Machine Learning", "Deep Learning", "Natural Language Processing", "Apache Airflow",
        "dbt", "Snowflake", "Google BigQuery", "Jupyter", "Data Visualization", "A/B Testing",
        "Hadoop",
    ),
    "design": (
        "Figma", "Sketch", "Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign", "Adobe XD",
        "User Research", "Prototyping", "Wireframing", "Typography", "Design Systems",
        "Usability Testing", "UX Design", "UI Design",
    ),
    "sales": (
        "Salesforce", "HubSpot", "Lead Generation", "Cold Calling", "Account Management",
        "Negotiation", "Customer Relationship Management", "B2B Sales", "Pipeline Management",
        "Business Development", "Key Account Management", "Sales Forecasting",
    ),
    "marketing": (
        "Search Engine Optimization", "Search Engine Marketing", "Google Analytics",
        "Google Ads", "Content Marketing", "Social Media Marketing", "Email Marketing",
        "Copywriting", "Marketing Automation", "Mailchimp", "Brand Management",
        "Market Research",
    ),
    "finance": (
        "Financial Analysis", "Financial Modeling", "Budgeting", "Forecasting",
        "Accounts Payable", "Accounts Receivable", "SAP ERP", "QuickBooks", "IFRS", "US GAAP",
        "Auditing", "Tax Preparation", "Certified Public Accountant", "Microsoft Excel",
        "Payroll", "Account Reconciliation",
    ),
    "healthcare": (
        "Registered Nurse", "Patient Care", "Basic Life Support",
        "Advanced Cardiac Life Support", "Electronic Health Records", "Epic Systems",
        "Medication Administration", "Phlebotomy", "Wound Care", "Triage", "Infection Control",
        "Vital Signs Monitoring",
    ),
    "hospitality": (
        "Customer Service", "Food Safety", "Point of Sale Systems", "Food Preparation",
        "Housekeeping", "Front Desk Operations", "Event Planning", "Barista", "Bartending",
        "Opera PMS", "Reservations Management",
    ),
    "logistics": (
        "Forklift Licence", "Inventory Management", "Warehouse Management",
        "Supply Chain Management", "SAP ERP", "Logistics Coordination", "Shipping and Receiving",
        "Procurement", "Fleet Management", "Lean Manufacturing", "Six Sigma", "Route Planning",
    ),
    "trades": (
        "Welding", "Electrical Wiring", "Plumbing", "Carpentry", "HVAC", "Blueprint Reading",
        "OSHA Safety", "CNC Machining", "Power Tools", "Preventive Maintenance",
        "PLC Programming", "AutoCAD",
    ),
}
LANGUAGE_SKILLS: tuple[str, ...] = (
    "English", "German", "French", "Spanish", "Portuguese", "Italian", "Dutch", "Polish",
    "Mandarin Chinese", "Japanese", "Arabic", "Turkish",
)
# Nobody claims these (the brief: family skills + spoken languages), so the prose
# must avoid them; they are listed so the self-checks know to look for them.
SOFT_SKILLS: tuple[str, ...] = (
    "Leadership", "Communication", "Teamwork", "Problem Solving", "Project Management",
    "Agile", "Scrum", "Stakeholder Management", "Time Management", "Mentoring",
    "Public Speaking",
)
ALL_CANONICAL: tuple[str, ...] = tuple(
    dict.fromkeys([s for pool in FAMILY_SKILLS.values() for s in pool]
                  + list(LANGUAGE_SKILLS) + list(SOFT_SKILLS))
)

# Skills that read as activities ("responsible for Wound Care") rather than tools
# ("built services in Go"); credentials are only listed, never used in bullets.
_PRACTICES = frozenset({
    "Microservices", "CI/CD", "Web Accessibility", "Statistics", "Machine Learning",
    "Deep Learning", "Natural Language Processing", "Data Visualization", "A/B Testing",
    "User Research", "Prototyping", "Wireframing", "Typography", "Design Systems",
    "Usability Testing", "UX Design", "UI Design", "Lead Generation", "Cold Calling",
    "Account Management", "Negotiation", "Customer Relationship Management", "B2B Sales",
    "Pipeline Management", "Business Development", "Key Account Management",
    "Sales Forecasting", "Search Engine Optimization", "Search Engine Marketing",
    "Content Marketing", "Social Media Marketing", "Email Marketing", "Copywriting",
    "Marketing Automation", "Brand Management", "Market Research", "Financial Analysis",
    "Financial Modeling", "Budgeting", "Forecasting", "Accounts Payable",
    "Accounts Receivable", "Auditing", "Tax Preparation", "Payroll", "Account Reconciliation",
    "IFRS", "US GAAP", "Patient Care", "Medication Administration", "Phlebotomy", "Wound Care",
    "Triage", "Infection Control", "Vital Signs Monitoring", "Customer Service", "Food Safety",
    "Food Preparation", "Housekeeping", "Front Desk Operations", "Event Planning", "Barista",
    "Bartending", "Reservations Management", "Inventory Management", "Warehouse Management",
    "Supply Chain Management", "Logistics Coordination", "Shipping and Receiving",
    "Procurement", "Fleet Management", "Lean Manufacturing", "Route Planning", "Welding",
    "Electrical Wiring", "Plumbing", "Carpentry", "HVAC", "Blueprint Reading", "CNC Machining",
    "Preventive Maintenance", "PLC Programming",
})
_CREDENTIALS = frozenset({
    "Registered Nurse", "Basic Life Support", "Advanced Cardiac Life Support",
    "Certified Public Accountant", "Forklift Licence", "OSHA Safety", "Six Sigma",
})
# A few activities need a noun after them to read naturally in a sentence.
_PRACTICE_PHRASE = {"Barista": "{} service", "HVAC": "{} servicing"}

# Most resumes of a family name at least one of these; pure random picks gave
# software engineers without a programming language.
_CORE_SKILLS: dict[str, tuple[str, ...]] = {
    "software": ("Python", "Java", "Go", "JavaScript", "TypeScript", "C#", "C++", "Rust", "Ruby",
                 "PHP"),
    "frontend": ("JavaScript", "TypeScript", "React", "Angular", "Vue.js", "Svelte"),
    "data": ("Python", "R", "SQL"),
    "design": ("Figma", "Sketch", "Adobe XD"),
    "sales": ("Salesforce", "HubSpot", "B2B Sales"),
    "marketing": ("Search Engine Optimization", "Google Analytics", "Content Marketing"),
    "finance": ("Financial Analysis", "Microsoft Excel", "Budgeting"),
    "healthcare": ("Registered Nurse", "Patient Care"),
    "hospitality": ("Customer Service", "Food Safety"),
    "logistics": ("Inventory Management", "Logistics Coordination"),
    "trades": ("Electrical Wiring", "Welding", "Plumbing", "Carpentry", "HVAC"),
}

# Common real aliases, printed instead of the canonical name in variants mode.
ALIASES: dict[str, tuple[str, ...]] = {
    "JavaScript": ("JS",), "TypeScript": ("TS",), "Node.js": ("Node", "NodeJS"),
    "PostgreSQL": ("Postgres",), "Kubernetes": ("k8s", "K8s"),
    "Amazon Web Services": ("AWS",), "Microsoft Azure": ("Azure",),
    "Google Cloud Platform": ("GCP", "Google Cloud"), "Apache Kafka": ("Kafka",),
    "REST APIs": ("RESTful APIs",), "Go": ("Golang",), "Ruby on Rails": ("Rails", "RoR"),
    "Elasticsearch": ("Elastic Search",), "MongoDB": ("Mongo",), "RabbitMQ": ("Rabbit MQ",),
    "Bash": ("Shell scripting", "Bash scripting"), "Spring Boot": ("SpringBoot",),
    "React": ("React.js", "ReactJS"), "Vue.js": ("Vue", "VueJS"), "Sass": ("SCSS",),
    "Next.js": ("NextJS",), "Tailwind CSS": ("Tailwind", "TailwindCSS"),
    "Web Accessibility": ("WCAG", "a11y"), "HTML": ("HTML5",), "CSS": ("CSS3",),
    "scikit-learn": ("sklearn",), "Apache Spark": ("Spark", "PySpark"),
    "Power BI": ("PowerBI",), "Microsoft Excel": ("MS Excel", "Excel"),
    "Machine Learning": ("ML",), "Natural Language Processing": ("NLP",),
    "Apache Airflow": ("Airflow",), "Google BigQuery": ("BigQuery",),
    "Jupyter": ("Jupyter Notebook",), "Data Visualization": ("Data Visualisation", "Dataviz"),
    "A/B Testing": ("AB testing", "Split testing"), "Hadoop": ("Apache Hadoop",),
    "Adobe Photoshop": ("Photoshop",), "Adobe Illustrator": ("Illustrator",),
    "Adobe InDesign": ("InDesign",), "User Research": ("UX Research",),
    "UX Design": ("User Experience Design",), "UI Design": ("User Interface Design",),
    "Usability Testing": ("User Testing",),
    "Customer Relationship Management": ("CRM",), "Salesforce": ("SFDC",),
    "Key Account Management": ("KAM",), "Business Development": ("BizDev",),
    "Lead Generation": ("Lead Gen",),
    "Search Engine Optimization": ("SEO", "Search Engine Optimisation"),
    "Search Engine Marketing": ("SEM",), "Google Analytics": ("GA4",),
    "Google Ads": ("AdWords", "Google AdWords"), "Social Media Marketing": ("SMM",),
    "Email Marketing": ("E-mail Marketing",), "Mailchimp": ("MailChimp",),
    "Certified Public Accountant": ("CPA",), "US GAAP": ("GAAP", "U.S. GAAP"),
    "SAP ERP": ("SAP",), "Financial Modeling": ("Financial Modelling",),
    "Registered Nurse": ("RN",), "Basic Life Support": ("BLS",),
    "Advanced Cardiac Life Support": ("ACLS",), "Electronic Health Records": ("EHR", "EMR"),
    "Epic Systems": ("Epic",), "Vital Signs Monitoring": ("Vital Signs",),
    "Point of Sale Systems": ("POS", "POS Systems"), "Opera PMS": ("Oracle Opera",),
    "Front Desk Operations": ("Front Desk",), "Food Safety": ("HACCP",),
    "Food Preparation": ("Food Prep",),
    "Forklift Licence": ("Forklift License", "Forklift Certification"),
    "Warehouse Management": ("WMS",), "Supply Chain Management": ("SCM",),
    "Lean Manufacturing": ("Lean",), "Shipping and Receiving": ("Shipping & Receiving",),
    "Inventory Management": ("Inventory Control",), "Procurement": ("Purchasing",),
    "OSHA Safety": ("OSHA 30", "OSHA"), "PLC Programming": ("PLC",), "CNC Machining": ("CNC",),
    "Preventive Maintenance": ("Preventative Maintenance",),
    "Mandarin Chinese": ("Mandarin",),
}
# Realistic misspellings of long names (each within a fuzzy ratio of ~88+).
TYPOS: dict[str, tuple[str, ...]] = {
    "JavaScript": ("Javascrpt", "Javascipt"), "Kubernetes": ("Kubernets", "Kubernates"),
    "PostgreSQL": ("Postgre SQL", "PostgresSQL"), "Elasticsearch": ("Elasticserch",),
    "TypeScript": ("Typescipt",), "Terraform": ("Terrafrom",), "Microservices": ("Microservies",),
    "Prometheus": ("Promethus",), "RabbitMQ": ("RabitMQ",),
    "Amazon Web Services": ("Amazon Web Sevices",), "scikit-learn": ("scikit-lern",),
    "TensorFlow": ("Tensor Flow",), "Adobe Photoshop": ("Adobe Photshop",),
    "Salesforce": ("Saleforce",), "Search Engine Optimization": ("Search Engine Optimiztion",),
    "Google Analytics": ("Google Analitycs",), "QuickBooks": ("Quickbook",),
    "Electronic Health Records": ("Electronic Heath Records",),
    "Reservations Management": ("Reservation Managment",),
    "Warehouse Management": ("Warehouse Managment",),
    "Inventory Management": ("Inventory Managment",),
    "Supply Chain Management": ("Supply Chain Managment",),
    "Preventive Maintenance": ("Preventive Maintainance",),
    "Natural Language Processing": ("Natural Language Procesing",),
    "Data Visualization": ("Data Visualizaton",), "Financial Modeling": ("Finacial Modeling",),
    "Account Reconciliation": ("Account Reconcilation",),
    "Customer Relationship Management": ("Customer Relationship Managment",),
    "Business Development": ("Buisness Development",),
    "Medication Administration": ("Medication Adminstration",),
    "Social Media Marketing": ("Social Media Marketting",),
    "Usability Testing": ("Useability Testing",),
    "Adobe Illustrator": ("Adobe Ilustrator",), "Web Accessibility": ("Web Accessability",),
    "Negotiation": ("Negociation",), "Food Preparation": ("Food Preperation",),
    "Phlebotomy": ("Phlebotomey",), "Typography": ("Typograpy",),
    "Blueprint Reading": ("Blue Print Reading",), "Lead Generation": ("Lead Generaton",),
}
# Language names as a German/French/Spanish/Portuguese resume prints them
# (variants mode only: otherwise the canonical English name is printed).
_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "de": {"English": "Englisch", "German": "Deutsch", "French": "Französisch",
           "Spanish": "Spanisch", "Portuguese": "Portugiesisch", "Italian": "Italienisch",
           "Dutch": "Niederländisch", "Polish": "Polnisch", "Mandarin Chinese": "Chinesisch",
           "Japanese": "Japanisch", "Arabic": "Arabisch", "Turkish": "Türkisch"},
    "fr": {"English": "Anglais", "German": "Allemand", "French": "Français",
           "Spanish": "Espagnol", "Portuguese": "Portugais", "Italian": "Italien",
           "Dutch": "Néerlandais", "Polish": "Polonais", "Mandarin Chinese": "Chinois",
           "Japanese": "Japonais", "Arabic": "Arabe", "Turkish": "Turc"},
    "es": {"English": "Inglés", "German": "Alemán", "French": "Francés", "Spanish": "Español",
           "Portuguese": "Portugués", "Italian": "Italiano", "Dutch": "Neerlandés",
           "Polish": "Polaco", "Mandarin Chinese": "Chino mandarín", "Japanese": "Japonés",
           "Arabic": "Árabe", "Turkish": "Turco"},
    "pt": {"English": "Inglês", "German": "Alemão", "French": "Francês", "Spanish": "Espanhol",
           "Portuguese": "Português", "Italian": "Italiano", "Dutch": "Holandês",
           "Polish": "Polonês", "Mandarin Chinese": "Mandarim", "Japanese": "Japonês",
           "Arabic": "Árabe", "Turkish": "Turco"},
}

# ---------------------------------------------------------------------------
# What each kind of worker writes. Placeholders: {t}/{t2} a tool the person
# claims, {p} an activity they claim; numbers ({n}, {pct}, {lo}<{hi}, {a}>{b} ...) are drawn
# per sentence. The wording avoids every skill name the person does not claim.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _FamilyText:
    titles: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # senior, mid, junior
    summary: tuple[str, ...]
    closing: tuple[str, ...]
    domain: str  # "N+ years of experience in <domain>"
    tool: tuple[str, ...]
    practice: tuple[str, ...]
    plain: tuple[str, ...]
    decoy: tuple[str, ...]  # sentences carrying numbers that are not phone numbers
    degrees: tuple[str, ...]
    employer: str  # which employer-name generator fits


_FAMILY_TEXT: dict[str, _FamilyText] = {
    "software": _FamilyText(
        titles=(
            ("Senior Software Engineer", "Staff Engineer", "Lead Backend Engineer",
             "Principal Engineer", "Engineering Manager", "Senior DevOps Engineer"),
            ("Software Engineer", "Backend Developer", "DevOps Engineer",
             "Site Reliability Engineer", "Platform Engineer", "Software Developer"),
            ("Junior Developer", "Graduate Developer", "Junior Software Engineer",
             "Software Engineering Intern"),
        ),
        summary=(
            "{title} who builds dependable backend systems with {s1}, {s2} and {s3}.",
            "{title} focused on {s1} and {s2}, with solid day-to-day use of {s3}.",
            "{title} with a track record of shipping reliable services in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Comfortable owning services end to end, from design to on-call.",
            "Prefers small, well-tested changes and clear documentation.",
            "Enjoys turning vague requirements into systems that are easy to run.",
        ),
        domain="software engineering",
        tool=(
            ("Built and maintained backend services in {lang} and {fw}, handling {k},000 "
            "requests per minute at peak."),
            "Built internal {api} endpoints in {lang} used by {few} product teams.",
            ("Moved {n} legacy services to {infra}, cutting deployment time from {a} hours to "
            "{few} minutes."),
            "Designed the event pipeline on {queue}, processing {m} million events a day.",
            "Introduced {t} across {few} teams and wrote the internal guide that is still in use.",
            ("Reduced p95 latency of the checkout API from {ms_a} ms to {ms_b} ms by tuning "
            "{store} queries."),
            "Automated environment set-up with {infra}, replacing {n} manual runbooks.",
            ("Wrote integration tests for the {lang} services, raising coverage from {lo}% to "
            "{hi}%."),
            ("Upgraded {n} services to a supported version of {fw} without customer-facing "
            "downtime."),
            ("Set up alerting in {obs} for {n} services; night-time pages dropped by "
            "{pct}%."),
            "Rebuilt the release process on {ci}; a deploy now takes {few} minutes.",
            "Migrated {m} million records to {store} without data loss.",
            "Wrote {script} scripts that the support team runs every day.",
            "Split a monolith into {few} services in {lang}, each with its own {store} schema.",
        ),
        practice=(
            "Drove the move to {arch} for the payments platform.",
            "Set up {cicd} for {n} services, cutting release time from days to hours.",
        ),
        plain=(
            "Reviewed code for a group of {few} engineers and kept the review queue under a day.",
            "Worked with product managers to split a monolith roadmap into quarterly goals.",
            "Cut cloud spend by {pct}% by rightsizing instances and removing idle resources.",
            "Wrote post-incident reviews and fixed root causes instead of symptoms.",
            "Took on-call duty one week in {few} and kept the runbooks current.",
            "Wrote design documents for new services and reviewed those of others.",
        ),
        decoy=(
            "Shipped release {ver} to {units} users in {few} countries.",
            "Closed incident {inc} within the four-hour service level.",
        ),
        degrees=("B.Sc. Computer Science", "M.Sc. Software Engineering",
                 "B.Eng. Computer Engineering", "Bachelor of Science in Information Technology",
                 "M.Sc. Computer Science"),
        employer="tech",
    ),
    "frontend": _FamilyText(
        titles=(
            ("Senior Frontend Engineer", "Lead Frontend Developer", "Frontend Architect"),
            ("Frontend Developer", "UI Engineer", "Web Developer", "Frontend Engineer"),
            ("Junior Web Developer", "Frontend Intern", "Junior Frontend Developer"),
        ),
        summary=(
            "{title} building fast, well-tested interfaces with {s1}, {s2} and {s3}.",
            "{title} who turns designs into solid products using {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Cares about fast pages, clean components and clear copy.",
            "Works closely with designers and keeps the user in the room.",
        ),
        domain="frontend development",
        tool=(
            "Rebuilt the customer portal in {ui} and {js}, cutting bundle size by {pct}%.",
            "Built a component library in {ui} used by {few} product teams.",
            "Wrote end-to-end and unit tests with {test} for the sign-up and payment flows.",
            "Turned {dtool} designs into responsive, tested pages.",
            "Migrated {n} legacy pages to {ui} without a visible change for users.",
            "Moved the styling to {css}, removing about {pct}% of unused rules.",
            "Rewrote the checkout front end in {js}, cutting error reports by {pct}%.",
            "Wrote semantic {html} templates for {n} marketing pages.",
            "Cut build times from {a} minutes to {few} with a tuned {build} set-up.",
            "Moved shared state to {state}, removing a whole class of stale-data bugs.",
        ),
        practice=(
            "Made {p} part of the definition of done for every feature.",
            "Fixed {n} issues found in a {p} review of the booking flow.",
        ),
        plain=(
            "Improved Largest Contentful Paint from {sec_a} s to {sec_b} s on mobile.",
            "Paired with designers on {n} features and kept the design handoff short.",
            "Cut customer-reported UI bugs by {pct}% over two quarters.",
            "Fixed layout issues across Safari, Chrome and Firefox.",
            "Reviewed pull requests for a team of {few} engineers.",
        ),
        decoy=(
            "Shipped version {ver} of the web app to {units} monthly users.",
            "Closed ticket {inc} and {few} related layout bugs in one sprint.",
        ),
        degrees=("B.Sc. Computer Science", "B.A. Interaction Design",
                 "Associate Degree in Web Development", "B.Sc. Media Informatics"),
        employer="tech",
    ),
    "data": _FamilyText(
        titles=(
            ("Senior Data Scientist", "Lead Data Analyst", "Analytics Manager",
             "Principal Data Scientist"),
            ("Data Scientist", "Data Analyst", "Data Engineer", "BI Analyst"),
            ("Junior Data Analyst", "Research Assistant", "Reporting Analyst"),
        ),
        summary=(
            "{title} turning messy data into decisions with {s1}, {s2} and {s3}.",
            "{title} with hands-on depth in {s1} and {s2}, and everyday use of {s3}.",
        ),
        closing=(
            "Explains findings in plain language to non-technical colleagues.",
            "Likes questions that start with why and end with a decision.",
        ),
        domain="analytics and data science",
        tool=(
            "Built churn models in {lang} with {ml} that lifted campaign response by {pct}%.",
            "Built the weekly sales report in {bi}, read by {n} managers.",
            "Automated {n} daily reports with {pipe}, saving analysts about {few} hours a week.",
            "Moved the reporting warehouse to {wh}; the slowest queries now run {few}x faster.",
            "Cleaned and joined {m} million rows of sales data with {lib}.",
            "Shared reproducible analyses in {nb} notebooks with the product team.",
            "Wrote {lang} jobs that refresh the finance reports every morning.",
            "Trained and deployed a demand prediction model with {ml}.",
        ),
        practice=(
            "Applied {p} to pricing, retention and demand questions for {few} product teams.",
            "Introduced {exp} to measure the impact of {n} product changes.",
        ),
        plain=(
            "Analysed {m} million transactions to find what drives repeat purchases.",
            "Wrote the metric definitions that finance and product now share.",
            "Built a shared glossary of metrics used across {few} teams.",
            "Found and fixed a double-counting bug in the revenue figures.",
            "Answered about {n} ad-hoc data questions a month from sales and marketing.",
            "Presented monthly findings to the management team.",
        ),
        decoy=(
            "Analysed {units} customer records collected since {year}.",
            "Shipped model version {ver} with a {pct}% lower error rate.",
        ),
        degrees=("M.Sc. Data Science", "B.Sc. Mathematics", "M.Sc. Applied Mathematics",
                 "B.Sc. Economics", "M.Sc. Physics"),
        employer="tech",
    ),
    "design": _FamilyText(
        titles=(
            ("Senior Product Designer", "Design Lead", "Head of Design"),
            ("Product Designer", "Visual Designer", "Graphic Designer", "Interaction Designer"),
            ("Junior Designer", "Design Intern", "Junior Graphic Designer"),
        ),
        summary=(
            "{title} who designs calm, usable products using {s1}, {s2} and {s3}.",
            "{title} with a strong eye for detail and daily practice in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Works closely with engineers from first idea to release.",
            "Believes good products come from listening before drawing.",
        ),
        domain="product and visual design",
        tool=(
            "Redesigned the onboarding flow in {dtool}; completion rose from {lo}% to {hi}%.",
            "Moved the team's design files to {dtool} and cut handoff questions by half.",
            "Built clickable mock-ups in {dtool} for {n} user interviews.",
            "Retouched and prepared {n} product photos a month in {photo}.",
            "Laid out the {n}-page annual report in {layout}.",
            "Drew the icon set and illustrations for the mobile app in {vector}.",
        ),
        practice=(
            "Led {p} for the checkout redesign, from discovery to handoff.",
            "Owned {p} for {few} product areas used by {units} customers.",
            "Ran {study} sessions with {n} customers and turned the findings into a roadmap.",
        ),
        plain=(
            "Designed a new visual identity for the company's {few} product lines.",
            "Presented design reviews every two weeks to product and engineering.",
            "Ran weekly critiques for a team of {few} designers.",
            "Paired with engineers to fix {n} visual bugs before launch.",
            "Created a consistent icon style for the whole product family.",
        ),
        decoy=(
            "Delivered {n} screens for release {ver} ahead of schedule.",
            "Designed the {year} annual report, printed in {units} copies.",
        ),
        degrees=("B.A. Graphic Design", "B.A. Interaction Design",
                 "Master of Arts in Visual Design", "BFA Illustration"),
        employer="tech",
    ),
    "sales": _FamilyText(
        titles=(
            ("Senior Account Executive", "Sales Manager", "Head of Sales",
             "Regional Sales Director"),
            ("Account Executive", "Sales Representative", "Account Manager"),
            ("Sales Development Representative", "Inside Sales Representative",
             "Sales Assistant"),
        ),
        summary=(
            "{title} with a steady record of new business and strengths in {s1}, {s2} and {s3}.",
            "{title} who builds trust with buyers through {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Builds long-term relationships and keeps promises to customers.",
            "Competitive, organised and honest with buyers.",
        ),
        domain="sales",
        tool=(
            ("Kept every opportunity up to date in {crm}, so quarterly targets held within "
            "{few}%."),
            "Set up outbound sequences in {crm} that doubled the reply rate.",
            "Built the team's {crm} reports for weekly deal reviews.",
            "Merged about {n}00 duplicate company records in {crm}.",
        ),
        practice=(
            "Grew a regional territory by {pct}% in two years through disciplined {p}.",
            "Used {p} to open {n} new logos in {year}.",
            "Responsible for {p} across {n} mid-market customers.",
        ),
        plain=(
            "Closed €{k},000 in new annual recurring revenue, {pct}% above quota.",
            "Ran product demos for buyers in {few} countries.",
            "Onboarded {few} new sales reps to the team's sales playbook.",
            "Kept an average sales cycle of {few} weeks for mid-size deals.",
            "Presented quarterly business reviews to the {few} largest customers.",
            "Exceeded target in three of the last four quarters.",
            "Handed new customers over smoothly to the support team.",
        ),
        decoy=(
            "Signed a three-year framework contract (ref. {ref}) worth €{k},000.",
            "Closed deal {deal} with a retailer of {units} stores.",
        ),
        degrees=("B.A. Business Administration", "MBA", "B.Sc. International Business",
                 "B.A. Economics"),
        employer="business",
    ),
    "marketing": _FamilyText(
        titles=(
            ("Marketing Manager", "Head of Marketing", "Senior Growth Marketer"),
            ("Marketing Specialist", "Content Strategist", "Digital Marketer", "Growth Marketer"),
            ("Marketing Assistant", "Marketing Coordinator", "Junior Marketing Associate"),
        ),
        summary=(
            "{title} who grows audiences through {s1}, {s2} and {s3}.",
            "{title} with a mix of creative and analytical strengths in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Balances creative ideas with careful measurement.",
            "Writes clearly and tests everything.",
        ),
        domain="digital marketing",
        tool=(
            ("Managed a paid media spend of €{k},000 a year in {ads} at a {pct}% lower cost "
            "per lead."),
            "Ran weekly bid and keyword reviews in {ads}.",
            "Built lifecycle journeys in {mail} that reached {units} subscribers.",
            "Set up conversion tracking in {web} for {n} landing pages.",
            "Reported monthly traffic and conversions from {web} to the management team.",
        ),
        practice=(
            "Grew organic sign-ups by {pct}% in {few} months through {p}.",
            "Owned {p} for {n} product launches.",
            "Responsible for {p} in {few} European markets.",
        ),
        plain=(
            "Relaunched the company blog; monthly readers grew from {few},000 to {n},000.",
            "Coordinated an agency of {few} people and an in-house designer.",
            "Wrote landing pages, newsletters and product announcements.",
            "Ran the company's presence at {few} trade fairs a year.",
            "Briefed designers and reviewed every campaign asset before launch.",
        ),
        decoy=(
            "Campaign {cid} reached {units} people in its first week.",
            "Grew the newsletter to {units} readers by {year}.",
        ),
        degrees=("B.A. Marketing", "MBA", "B.A. Media Studies", "M.A. Journalism"),
        employer="business",
    ),
    "finance": _FamilyText(
        titles=(
            ("Finance Manager", "Senior Financial Analyst", "Financial Controller",
             "Head of Finance"),
            ("Financial Analyst", "Accountant", "Staff Accountant"),
            ("Accounts Assistant", "Junior Accountant", "Finance Assistant"),
        ),
        summary=(
            "{title} with hands-on strength in {s1}, {s2} and {s3}.",
            "{title} trusted with {s1} and {s2}, and fluent in {s3}.",
        ),
        closing=(
            "Known for accurate, on-time month-end closes.",
            "Careful with numbers and clear with people.",
        ),
        domain="accounting and finance",
        tool=(
            ("Owned month-end close for {n} entities in {erp}, shortening it from {a} to {b} "
            "working days."),
            "Automated bank statement imports into {erp}, saving {few} hours a week.",
            "Rebuilt the management reporting pack in {sheet}, used by the board each month.",
            "Built a cash-flow model in {sheet} for a €{m} million refinancing.",
        ),
        practice=(
            "Responsible for {p} across {n} entities in {few} countries.",
            "Improved {p} processes, reducing errors by {pct}%.",
            "Prepared figures under {std} for the group's {few} subsidiaries.",
        ),
        plain=(
            "Answered questions from external reviewers and closed all findings on time.",
            "Worked with department heads to plan annual spending.",
            "Prepared monthly variance commentary for department heads.",
            "Reduced month-end adjustments by {pct}% with better cut-off checks.",
            "Documented finance processes for {few} new colleagues.",
        ),
        decoy=(
            "Processed purchase order {po} and {n} related invoices in one day.",
            "Managed a cost base of €{m}.{few} million across {few} sites.",
        ),
        degrees=("B.Sc. Accounting", "MBA", "Master of Finance", "B.Com. Accounting and Finance",
                 "B.A. Economics"),
        employer="finance",
    ),
    "healthcare": _FamilyText(
        titles=(
            ("Charge Nurse", "Nurse Manager", "Clinical Nurse Specialist", "Senior Staff Nurse"),
            ("Registered Nurse", "Staff Nurse", "ICU Nurse", "Emergency Nurse"),
            ("Nursing Assistant", "Healthcare Assistant", "Graduate Nurse"),
        ),
        summary=(
            ("{title} with strengths in {s1}, {s2} and {s3}, committed to safe and "
            "compassionate care."),
            "{title} experienced in {s1}, {s2} and {s3} on busy hospital wards.",
        ),
        closing=(
            "Calm under pressure and attentive to patients' families.",
            "Brings warmth and precision to every shift.",
        ),
        domain="acute nursing",
        tool=(
            "Documented assessments and care plans in {ehr} for every admission.",
            "Helped roll out {ehr} on the ward and trained {n} colleagues to use it.",
            "Checked orders and recorded observations in {ehr} on every shift.",
        ),
        practice=(
            "Provided {p} for up to {few} patients per shift on a {beds}-bed surgical ward.",
            "Trained new colleagues in {p} in line with hospital policy.",
            "Responsible for {p} on night shifts for a {beds}-bed unit.",
        ),
        plain=(
            "Coordinated discharges with families, social workers and community teams.",
            "Supported {few} student nurses through their placements each year.",
            "Escalated deteriorating patients early using the ward's early-warning score.",
            "Welcomed new admissions and their relatives and explained the ward routine.",
            "Took part in weekly multidisciplinary ward rounds.",
            "Helped reduce falls on the ward by {pct}% with hourly rounding.",
            "Kept accurate fluid balance charts and handover notes.",
        ),
        decoy=(
            "Worked on a {beds}-bed ward with about {units} admissions a year.",
            "Took part in hand hygiene review no. {ref} across the hospital.",
        ),
        degrees=("Associate Degree in Nursing", "Bachelor of Science in Nursing",
                 "Diploma in Nursing", "Master of Science in Nursing"),
        employer="health",
    ),
    "hospitality": _FamilyText(
        titles=(
            ("Guest Services Manager", "Restaurant Manager", "Hotel Operations Manager",
             "F&B Manager"),
            ("Shift Supervisor", "Head Bartender", "Sous Chef", "Hotel Receptionist",
             "Concierge"),
            ("Waiter", "Commis Chef", "Receptionist", "Bar Staff"),
        ),
        summary=(
            ("{title} who keeps guests happy and shifts running smoothly; strong in {s1}, {s2} "
            "and {s3}."),
            "{title} with hands-on experience in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Enjoys busy shifts and making guests feel welcome.",
            "Friendly, reliable and calm when the room is full.",
        ),
        domain="hospitality",
        tool=(
            "Handled payments and end-of-day reports on {pos} for up to {n} tables a night.",
            "Set up menus and prices in {pos} before the summer season.",
            "Managed check-ins and room allocation in {pms} for up to {covers} guests a day.",
            "Trained {few} new team members on {pms} during the hotel's reopening.",
        ),
        practice=(
            "Handled {p} for a {rooms}-room city hotel.",
            "Trained {few} new team members in {p}.",
            "Took charge of {p} during the busiest weekend shifts.",
        ),
        plain=(
            "Welcomed up to {covers} guests a night in a {seats}-seat restaurant.",
            "Raised guest review scores from {sc_a} to {sc_b} out of 5.",
            "Planned weekly rotas for a crew of {few} to {n} people.",
            "Handled guest complaints personally and followed up the next day.",
            "Opened and closed the venue, including cash-up and security checks.",
            "Kept a {pct}% repeat-guest rate through personal touches.",
            "Covered every role on the floor during staff shortages.",
            "Cut food waste by {pct}% with better stock rotation.",
        ),
        decoy=(
            "Hosted a {seats}-guest wedding (booking ref. {ref}) without a single complaint.",
            "Looked after {units} overnight stays a year.",
        ),
        degrees=("Diploma in Hospitality Management", "B.A. Hotel Management",
                 "Certificate in Culinary Arts", "Associate Degree in Tourism"),
        employer="hospitality",
    ),
    "logistics": _FamilyText(
        titles=(
            ("Logistics Manager", "Operations Manager", "Distribution Centre Manager"),
            ("Logistics Coordinator", "Shift Lead", "Transport Planner", "Dispatcher"),
            ("Order Picker", "Logistics Assistant", "Stock Controller"),
        ),
        summary=(
            "{title} keeping goods moving on time, with strengths in {s1}, {s2} and {s3}.",
            "{title} with practical experience in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Keeps operations safe, tidy and on schedule.",
            "Stays calm when trucks are late and orders are not.",
        ),
        domain="logistics",
        tool=(
            "Ran goods-in and stock moves in {erp} for {n} suppliers.",
            "Trained {few} colleagues on {erp} after the system change.",
            "Kept stock records accurate in {erp}, with count differences under {few}%.",
        ),
        practice=(
            "Responsible for {p} at a {sqm} m² distribution centre.",
            "Improved {p}, raising on-time delivery from {lo}% to {hi}%.",
            "Took over {p} for {n} retail branches.",
        ),
        plain=(
            "Coordinated up to {n} inbound trucks a day across two shifts.",
            "Cut mis-picks by {pct}% with clearer labels and a daily check.",
            "Reduced overtime by {pct}% through better shift planning.",
            "Ran daily safety walks and toolbox talks.",
            "Kept dock schedules on time through the peak season.",
            "Worked with carriers to cut damaged deliveries by {pct}%.",
            "Trained {few} new starters on safe handling and site rules.",
        ),
        decoy=(
            "Shipped {units} units per week to {n} stores.",
            "Tracked consignment {cons} from port to store in under {few} days.",
        ),
        degrees=("B.Sc. Business Logistics", "Diploma in Transport and Logistics",
                 "B.A. Business Administration", "Certificate in Freight Operations"),
        employer="logistics",
    ),
    "trades": _FamilyText(
        titles=(
            ("Master Electrician", "Site Supervisor", "Maintenance Supervisor",
             "Lead Technician"),
            ("Electrician", "Maintenance Technician", "Plumber", "Welder", "CNC Machinist",
             "Carpenter", "HVAC Technician"),
            ("Apprentice Electrician", "Trainee Technician", "Apprentice Carpenter",
             "Apprentice Plumber"),
        ),
        summary=(
            "{title} skilled in {s1}, {s2} and {s3}, with a clean safety record.",
            "{title} with hands-on experience in {s1}, {s2} and {s3}.",
        ),
        closing=(
            "Takes pride in tidy, code-compliant work.",
            "Reliable, punctual and careful on site.",
        ),
        domain="the trade",
        tool=(
            "Drew as-built layouts in {cad} for {n} refurbishments.",
            "Marked up drawings in {cad} for the site team.",
            "Used {kit} daily and kept the van's kit inspected and tagged.",
        ),
        practice=(
            "Carried out {p} on residential and commercial jobs.",
            "Responsible for {p} on a {n}-unit new-build project.",
            "Completed {n} jobs a month involving {p} with no lost-time incidents.",
        ),
        plain=(
            "Trained {few} apprentices in safe working practices.",
            "Kept job sheets and material orders accurate for the office.",
            "Diagnosed and fixed faults on site, usually on the first visit.",
            "Kept tools and test equipment calibrated and in date.",
            "Quoted and scheduled small jobs directly with customers.",
            "Followed site method statements and risk assessments to the letter.",
        ),
        decoy=(
            "Completed job no. {job} on a {sqm} m² site ahead of schedule.",
            "Worked to drawing rev. {ver} on a {units} m² warehouse conversion.",
        ),
        degrees=("Certificate in Electrical Installation", ("Vocational Diploma in Mechanical "
                 "Engineering"), "Level 3 Diploma in Electrical Installation",
                 "Certificate in Building Services"),
        employer="trades",
    ),
}
_FAMILY_WEIGHTS: dict[str, float] = {
    "software": 16, "frontend": 8, "data": 10, "design": 6, "sales": 9, "marketing": 8,
    "finance": 9, "healthcare": 10, "hospitality": 8, "logistics": 8, "trades": 8,
}
_TECH = frozenset({"software", "frontend", "data", "design"})

# What kind of tool a skill is, per family, so a template asks for the right one
# ("an event pipeline on {queue}" gets Kafka, never Jenkins). {t}/{t2} take any tool.
_TOOL_TAGS: dict[str, dict[str, tuple[str, ...]]] = {
    "software": {
        "lang": ("Python", "Java", "Go", "JavaScript", "TypeScript", "C#", "C++", "Rust", "Ruby",
                 "PHP"),
        "fw": ("Node.js", "Django", "Flask", "FastAPI", "Spring Boot", ".NET", "Ruby on Rails",
               "Laravel"),
        "api": ("REST APIs", "GraphQL", "gRPC"),
        "store": ("PostgreSQL", "MySQL", "Redis", "MongoDB", "Elasticsearch"),
        "queue": ("Apache Kafka", "RabbitMQ"),
        "infra": ("Docker", "Kubernetes", "Terraform", "Ansible", "Amazon Web Services",
                  "Microsoft Azure", "Google Cloud Platform"),
        "ci": ("Jenkins", "GitHub Actions"),
        "obs": ("Prometheus", "Grafana"),
        "script": ("Bash",),
        "arch": ("Microservices",), "cicd": ("CI/CD",),
    },
    "frontend": {
        "ui": ("React", "Angular", "Vue.js", "Svelte", "Next.js"),
        "js": ("JavaScript", "TypeScript"), "css": ("CSS", "Sass", "Tailwind CSS"),
        "html": ("HTML",), "test": ("Jest", "Cypress"), "build": ("Webpack",),
        "state": ("Redux",), "dtool": ("Figma",),
    },
    "data": {
        "lang": ("Python", "R", "SQL"), "lib": ("pandas", "NumPy"),
        "ml": ("scikit-learn", "TensorFlow", "PyTorch"),
        "bi": ("Tableau", "Power BI", "Microsoft Excel"),
        "pipe": ("Apache Airflow", "dbt", "Apache Spark", "Hadoop"),
        "wh": ("Snowflake", "Google BigQuery"), "nb": ("Jupyter",),
        "exp": ("A/B Testing", "Statistics"),
    },
    "design": {
        "dtool": ("Figma", "Sketch", "Adobe XD"), "photo": ("Adobe Photoshop",),
        "layout": ("Adobe InDesign",), "vector": ("Adobe Illustrator",),
        "study": ("User Research", "Usability Testing"),
    },
    "sales": {"crm": ("Salesforce", "HubSpot")},
    "marketing": {"ads": ("Google Ads",), "mail": ("Mailchimp",), "web": ("Google Analytics",)},
    "finance": {"erp": ("SAP ERP", "QuickBooks"), "sheet": ("Microsoft Excel",)},
    "healthcare": {"ehr": ("Epic Systems", "Electronic Health Records")},
    "hospitality": {"pos": ("Point of Sale Systems",), "pms": ("Opera PMS",)},
    "logistics": {"erp": ("SAP ERP",)},
    "trades": {"cad": ("AutoCAD",), "kit": ("Power Tools",)},
}

# Bullets and summaries for resumes written in another language: generic enough
# to fit every family (the person's skills fill the slots).
_LOCAL_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        "summary": ("{title} mit Schwerpunkt auf {s1}, {s2} und {s3}.",
                    "{title} mit fundierten Kenntnissen in {s1}, {s2} und {s3}."),
        "closing": ("Zuverlässig, strukturiert und kundenorientiert.",
                    "Arbeitet sorgfältig und behält auch in hektischen Phasen den Überblick."),
        "tool": ("Einsatz von {t} und {t2} im täglichen Betrieb.",
                 "Einführung von {t} und Schulung von {n} Kolleginnen und Kollegen.",
                 "Verantwortlich für Betrieb und Weiterentwicklung von {t}.",
                 "Praktische Erfahrung mit {t} in Projekten für {n} Kunden.",
                 "Tägliche Arbeit mit {t}, {t2} und angrenzenden Systemen."),
        "practice": ("Verantwortlich für {p} an {few} Standorten.",
                     "Schwerpunkt {p}; Abläufe gemeinsam mit der Abteilung verbessert.",
                     "Fachliche Verantwortung für {p} in einem Team mit {n} Mitarbeitenden."),
        "plain": ("Kosten um {pct} % gesenkt durch einfachere Abläufe.",
                  "Ansprechperson für {n} interne und externe Partner.",
                  "Einarbeitung von {few} neuen Kolleginnen und Kollegen.",
                  "Durchlaufzeiten um {pct} % verkürzt.",
                  "Enge Zusammenarbeit mit anderen Abteilungen und der Geschäftsführung."),
        "decoy": ("Betreuung von {units} Vorgängen pro Jahr.",
                  "Projekt Nr. {job} termingerecht abgeschlossen."),
    },
    "fr": {
        "summary": ("{title} {specialised} en {s1}, {s2} et {s3}.",
                    "{title} avec une solide pratique de {s1}, {s2} et {s3}."),
        "closing": ("{rigorous} et {reliable}.", "Sens du service et goût du travail bien fait."),
        "tool": ("Utilisation quotidienne de {t} et {t2}.",
                 "Mise en place de {t} et formation de {n} collègues.",
                 "Responsable de l'exploitation et de l'évolution de {t}.",
                 "Expérience pratique de {t} sur des projets pour {n} clients.",
                 "Travail quotidien avec {t}, {t2} et les outils associés."),
        "practice": ("Responsable de {p} sur {few} sites.",
                     "Référent pour {p} au sein du service.",
                     "Responsabilité de {p} pour une équipe de {n} personnes."),
        "plain": ("Réduction des coûts de {pct} % grâce à des processus plus simples.",
                  "Interlocuteur de {n} partenaires internes et externes.",
                  "Intégration de {few} nouveaux collègues.",
                  "Délais de traitement réduits de {pct} %.",
                  "Collaboration étroite avec les autres services et la direction."),
        "decoy": ("Suivi de {units} dossiers par an.", "Projet n° {job} livré dans les délais."),
    },
    "es": {
        "summary": ("{title} con sólida experiencia en {s1}, {s2} y {s3}.",
                    "{title} {specialised} en {s1}, {s2} y {s3}."),
        "closing": ("Responsable, {organised} y con vocación de servicio.",
                    "Trabaja con rigor incluso en los momentos de más carga."),
        "tool": ("Uso diario de {t} y {t2}.",
                 "Implantación de {t} y formación de {n} compañeros.",
                 "Responsable del mantenimiento y la mejora de {t}.",
                 "Experiencia práctica con {t} en proyectos para {n} clientes.",
                 "Trabajo diario con {t}, {t2} y herramientas afines."),
        "practice": ("Responsable de {p} en {few} centros.",
                     "Referente de {p} para el departamento.",
                     "Responsable de {p} para un equipo de {n} personas."),
        "plain": ("Reducción de costes del {pct} % con procesos más sencillos.",
                  "Interlocución con {n} socios internos y externos.",
                  "Incorporación de {few} nuevos compañeros al equipo.",
                  "Reducción de los plazos de respuesta en un {pct} %.",
                  "Colaboración estrecha con otros departamentos y la dirección."),
        "decoy": ("Gestión de {units} expedientes al año.",
                  "Proyecto n.º {job} entregado a tiempo."),
    },
    "pt": {
        "summary": ("{title} com experiência sólida em {s1}, {s2} e {s3}.",
                    "{title} {specialised} em {s1}, {s2} e {s3}."),
        "closing": ("{organised}, pontual e com foco no cliente.",
                    "Trabalha com cuidado mesmo nos períodos de maior volume."),
        "tool": ("Uso diário de {t} e {t2}.",
                 "Implantação de {t} e treinamento de {n} colegas.",
                 "Responsável pela manutenção e melhoria de {t}.",
                 "Experiência prática com {t} em projetos para {n} clientes.",
                 "Trabalho diário com {t}, {t2} e ferramentas relacionadas."),
        "practice": ("Responsável por {p} em {few} unidades.",
                     "Referência em {p} para o departamento.",
                     "Responsável por {p} para uma equipe de {n} pessoas."),
        "plain": ("Redução de custos de {pct}% com processos mais simples.",
                  "Ponto de contato para {n} parceiros internos e externos.",
                  "Integração de {few} novos colegas à equipe.",
                  "Redução dos prazos de atendimento em {pct}%.",
                  "Colaboração próxima com outras áreas e com a diretoria."),
        "decoy": ("Acompanhamento de {units} processos por ano.",
                  "Projeto n.º {job} entregue no prazo."),
    },
}
_GENDERED: dict[str, dict[str, tuple[str, str]]] = {  # word: (female, male)
    "fr": {"specialised": ("spécialisée", "spécialisé"), "rigorous": ("Rigoureuse", "Rigoureux"),
           "reliable": ("fiable", "fiable")},
    "es": {"specialised": ("especializada", "especializado"),
           "organised": ("organizada", "organizado")},
    "pt": {"specialised": ("especializada", "especializado"),
           "organised": ("Organizada", "Organizado")},
    "de": {},
}

# ---------------------------------------------------------------------------
# People: names from many cultures (diacritics, apostrophes, particles, double
# and hyphenated names) and where they tend to live. No name is also a skill or a
# technology (Ruby, Julia, Hugo, Cassandra, Jenkins, Kafka ... are left out).
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Culture:
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]  # "Masc/Fem" where the family name has a gender
    countries: dict[str, float]
    native: str | None  # a LANGUAGE_SKILLS entry, or None if the pool has none
    double_family: float = 0.0  # Spanish/Portuguese style two family names
    double_joiner: str = " "


_CULTURES: dict[str, tuple[float, _Culture]] = {
    "anglo": (22, _Culture(
        ("Emily", "Olivia", "Charlotte", "Hannah", "Megan", "Grace", "Chloe", "Sarah",
         "Rebecca", "Abigail", "Zoë", "Niamh", "Siobhán", "Aoife", "Mary-Kate"),
        ("James", "Liam", "Oliver", "Daniel", "Thomas", "Ethan", "Samuel", "Connor",
         "Patrick", "Seán", "Callum", "Rhys", "Owen", "John-Paul"),
        ("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Walker", "O'Brien", "O'Connor",
         "McAllister", "MacDonald", "Fitzgerald", "Hughes", "Evans", "Clarke", "Bennett",
         "Murphy", "Kelly", "Robinson", "Thompson-Reid", "Harris", "Lewis", "Ward", "Price",
         "Foster", "Gallagher", "Davies-Khan"),
        {"US": 40, "GB": 25, "AU": 12, "CA": 12, "IE": 8}, "English")),
    "german": (10, _Culture(
        ("Anna-Lena", "Lena", "Katharina", "Sophie", "Marie", "Jana", "Lea", "Zoë", "Hannah",
         "Franziska", "Annika", "Jördis"),
        ("Lukas", "Jonas", "Felix", "Maximilian", "Jürgen", "Tobias", "Florian", "Niklas",
         "Sebastian", "Jörg", "Matthias", "Björn", "Kai-Uwe"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Schulz", "Hoffmann", "Schröder", "Köhler", "Weiß", "Groß", "Krüger", "Hartmann",
         "Lange", "Schäfer", "Meyer-Schulz", "Bergmann", "Vogel", "Zimmermann", "Löwe"),
        {"DE": 72, "AT": 13, "CH": 10, "US": 3, "GB": 2}, "German")),
    "french": (8, _Culture(
        ("Chloé", "Léa", "Camille", "Manon", "Hélène", "Élodie", "Inès", "Zoé", "Margaux",
         "Anaïs", "Clémence", "Marie-Claire"),
        ("François", "Jérôme", "Mathéo", "Théo", "Louis", "Étienne", "Julien", "Jean-Luc",
         "Benoît", "Raphaël", "Cédric"),
        ("Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Bonnet", "Mercier",
         "Laurent", "Lefebvre", "Chevalier", "Gauthier", "Perrin", "Faure", "Leclerc",
         "Bélanger", "Gagnon", "Tremblay", "Le Goff"),
        {"FR": 72, "CA": 14, "CH": 8, "GB": 4, "US": 2}, "French")),
    "spanish": (9, _Culture(
        ("María José", "Lucía", "Sofía", "Carmen", "Paula", "Ana Belén", "Marta", "Inés",
         "Ximena", "Valentina", "Guadalupe"),
        ("José", "Javier", "Alejandro", "Pablo", "Diego", "Sergio", "Álvaro", "Jesús", "Andrés",
         "Íñigo", "Rodrigo", "Joaquín"),
        ("García", "Fernández", "Martínez", "López", "Sánchez", "Núñez", "Muñoz", "Jiménez",
         "Ruiz", "Hernández", "Díaz", "Álvarez", "Romero", "Ortega", "Castillo", "Vázquez",
         "Peña", "Ibáñez"),
        {"ES": 55, "MX": 30, "US": 10, "GB": 5}, "Spanish", 0.5, " ")),
    "portuguese": (8, _Culture(
        ("Ana Beatriz", "Maria Eduarda", "Beatriz", "Mariana", "Inês", "Leonor", "Luíza",
         "Fernanda", "Gabriela", "Letícia", "Conceição"),
        ("João", "Pedro", "Tiago", "Gonçalo", "Rafael", "Lucas", "Matheus", "Vinícius",
         "André", "Luís", "Caio"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
         "Gonçalves", "Araújo", "Magalhães", "Ferreira", "Carvalho", "Nogueira", "Sá",
         "Figueiredo", "da Silva", "dos Santos"),
        {"BR": 55, "PT": 40, "US": 3, "GB": 2}, "Portuguese", 0.4, " ")),
    "dutch": (4, _Culture(
        ("Sanne", "Lotte", "Femke", "Eva", "Anouk", "Fleur", "Maaike"),
        ("Daan", "Sem", "Bram", "Thijs", "Joost", "Ruben", "Sjoerd"),
        ("de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "de Jong",
         "van Dijk", "Mulder", "Bos", "Dekker", "van der Meer"),
        {"NL": 85, "GB": 5, "US": 5, "DE": 5}, "Dutch")),
    "italian": (4, _Culture(
        ("Giulia", "Chiara", "Francesca", "Martina", "Alessia", "Federica"),
        ("Niccolò", "Matteo", "Lorenzo", "Andrea", "Davide", "Giuseppe", "Riccardo"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "Marino", "Greco", "D'Angelo", "De Luca", "Conti", "Galli"),
        {"IT": 80, "DE": 5, "GB": 5, "CH": 5, "US": 5}, "Italian")),
    "polish": (4, _Culture(
        ("Małgorzata", "Agnieszka", "Katarzyna", "Zofia", "Żaneta", "Joanna", "Magdalena"),
        ("Łukasz", "Piotr", "Tomasz", "Paweł", "Krzysztof", "Michał", "Wojciech"),
        ("Kowalski/Kowalska", "Wiśniewski/Wiśniewska", "Wójcik", "Kowalczyk",
         "Lewandowski/Lewandowska", "Zieliński/Zielińska", "Szymański/Szymańska", "Woźniak",
         "Dąbrowski/Dąbrowska"),
        {"PL": 75, "DE": 10, "GB": 10, "NL": 5}, "Polish")),
    "turkish": (3, _Culture(
        ("Şule", "Çağla", "Elif", "Zeynep", "Ayşe", "Büşra", "Gülşen"),
        ("Mehmet", "Emre", "Burak", "Oğuz", "Can", "Mustafa", "İlker"),
        ("Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Doğan", "Aydın",
         "Arslan", "Koç", "Özdemir"),
        {"TR": 70, "DE": 25, "NL": 5}, "Turkish")),
    "arabic": (4, _Culture(
        ("Fatima", "Layla", "Yasmin", "Nour", "Mariam", "Salma", "Huda"),
        ("Omar", "Youssef", "Karim", "Ahmed", "Khalid", "Tarek", "Samir"),
        ("El-Amin", "Al-Rashid", "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Aziz",
         "Hamdan", "Ben Ali", "El Idrissi"),
        {"FR": 30, "DE": 20, "GB": 20, "CA": 10, "US": 10, "NL": 10}, "Arabic")),
    "indian": (8, _Culture(
        ("Priya", "Ananya", "Divya", "Kavya", "Lakshmi", "Meera", "Sneha", "Aishwarya"),
        ("Arjun", "Rahul", "Vikram", "Venkatesh", "Aditya", "Rohan", "Karthik", "Siddharth"),
        ("Sharma", "Iyer", "Reddy", "Banerjee", "Patel", "Gupta", "Nair", "Krishnan",
         "Mukherjee", "Deshpande", "Rao", "Menon", "Chatterjee"),
        {"IN": 70, "GB": 10, "US": 10, "CA": 5, "AU": 5}, None)),
    "chinese": (4, _Culture(
        ("Xiaoling", "Mei", "Yan", "Jing", "Xinyi", "Yuting"),
        ("Hao", "Jun", "Zhiwei", "Tao", "Haoran", "Wei"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu", "Xu"),
        {"US": 25, "CA": 20, "AU": 20, "GB": 15, "DE": 10, "NL": 10}, "Mandarin Chinese")),
    "japanese": (2, _Culture(
        ("Yui", "Haruka", "Aoi", "Sakura", "Yūko", "Mei"),
        ("Haruto", "Ren", "Takumi", "Kenji", "Shōta", "Daiki"),
        ("Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura",
         "Kobayashi"),
        {"JP": 70, "US": 15, "DE": 5, "GB": 5, "AU": 5}, "Japanese")),
    "vietnamese": (3, _Culture(
        ("Mai", "Linh", "Trang", "Thảo", "Ngọc Anh", "Hương"),
        ("Minh", "Quang", "Tuấn", "Đức", "Huy", "Bảo"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"),
        {"VN": 50, "US": 20, "AU": 15, "FR": 10, "DE": 5}, None)),
    "icelandic": (1.5, _Culture(
        ("Guðrún", "Sigríður", "Helga", "Kristín", "Þórunn", "Ásdís"),
        ("Jón", "Sigurður", "Guðmundur", "Gunnar", "Ólafur", "Einar"),
        ("Ólafs*", "Jóns*", "Sigurðar*", "Einars*", "Gunnars*", "Magnús*"),
        {"IS": 80, "GB": 10, "US": 5, "SE": 5}, None)),
    "nigerian": (3, _Culture(
        ("Chiamaka", "Adaeze", "Ngozi", "Funmilayo", "Temitope", "Blessing"),
        ("Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ikechukwu", "Babatunde", "Uche"),
        ("Okafor", "Adeyemi", "Nwosu", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Adebayo",
         "Obi"),
        {"NG": 60, "GB": 25, "US": 10, "CA": 5}, "English")),
    "nordic": (2, _Culture(
        ("Åsa", "Ingrid", "Linnéa", "Sofie", "Maja", "Freja"),
        ("Søren", "Lars", "Mikael", "Anders", "Björn", "Oskar"),
        ("Lindqvist", "Jørgensen", "Andersson", "Johansson", "Nyström", "Lindström",
         "Bergström", "Sjöberg", "Dahl"),
        {"SE": 80, "NL": 5, "DE": 5, "GB": 10}, None)),
    "korean": (2, _Culture(
        ("Ji-woo", "Seo-yeon", "Min-ji", "Ha-eun", "Soo-ah"),
        ("Min-jun", "Seo-jun", "Do-hyun", "Ji-ho", "Hyun-woo"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon"),
        {"US": 40, "CA": 20, "AU": 20, "DE": 10, "GB": 10}, None)),
}


@dataclass(frozen=True)
class _City:
    name: str            # as locals write it
    en: str | None       # English exonym, if English resumes often use one
    region: str | None   # US state / Canadian province / Australian state
    landline: tuple[str, ...]  # phone patterns (national significant number)
    postcode: str        # postcode pattern, see _pattern()


@dataclass(frozen=True)
class _Country:
    iso: str
    name_en: str
    name_local: str
    lang: str | None  # resume language when not English (de/fr/es/pt), else None
    cities: tuple[_City, ...]
    mobile: tuple[str, ...]
    legal: tuple[str, ...]  # company suffixes
    institutions: tuple[str, ...]
    address: str | None  # "{street} {num}, {postcode} {city}" style template, None = none
    streets: tuple[str, ...] = ()


def _c(name: str, en: str | None, region: str | None, landline: str, postcode: str) -> _City:
    return _City(name, en, region, tuple(landline.split()), postcode)


# Phone patterns: digits literal, x = 0-9, N = 2-9, M = 1-9, [..] = one of a set.
# Every drawn number is checked with phonenumbers.is_valid_number.
# UK, FR and AU numbers come from ranges their regulators reserve for drama and
# examples (and that libphonenumber still accepts as valid).
_COUNTRIES: dict[str, _Country] = {c.iso: c for c in (
    _Country("US", "United States", "United States", None, (
        _c("New York", None, "NY", "212Nxxxxxx 646Nxxxxxx 718Nxxxxxx", "100xx"),
        _c("San Francisco", None, "CA", "415Nxxxxxx 628Nxxxxxx", "941xx"),
        _c("Austin", None, "TX", "512Nxxxxxx 737Nxxxxxx", "787xx"),
        _c("Chicago", None, "IL", "312Nxxxxxx 773Nxxxxxx", "606xx"),
        _c("Seattle", None, "WA", "206Nxxxxxx", "981xx"),
        _c("Boston", None, "MA", "617Nxxxxxx 857Nxxxxxx", "021xx"),
        _c("Denver", None, "CO", "303Nxxxxxx 720Nxxxxxx", "802xx"),
        _c("Atlanta", None, "GA", "404Nxxxxxx 678Nxxxxxx", "303xx"),
        _c("Los Angeles", None, "CA", "213Nxxxxxx 323Nxxxxxx 310Nxxxxxx", "900xx"),
        _c("Minneapolis", None, "MN", "612Nxxxxxx", "554xx"),
        _c("Raleigh", None, "NC", "919Nxxxxxx", "276xx"),
        _c("Philadelphia", None, "PA", "215Nxxxxxx 267Nxxxxxx", "191xx"),
        _c("Houston", None, "TX", "713Nxxxxxx 832Nxxxxxx", "770xx"),
    ), (), ("Inc.", "LLC", "Corp."),
        ("University of Texas at Austin", "University of Washington",
         "Georgia Institute of Technology", "Boston University", "Portland Community College",
         "Rutgers University", "University of Michigan", "Johns Hopkins University"),
        "{num} {street}, {city}, {region} {postcode}",
        ("Oak St", "Pine St", "Maple Ave", "Cedar Lane", "Elm St", "Lakeview Dr",
         "Washington Blvd")),
    _Country("CA", "Canada", "Canada", None, (
        _c("Toronto", None, "ON", "416Nxxxxxx 647Nxxxxxx 437Nxxxxxx", "M5V 2T6"),
        _c("Vancouver", None, "BC", "604Nxxxxxx 778Nxxxxxx", "V6B 1A1"),
        _c("Montréal", "Montreal", "QC", "514Nxxxxxx 438Nxxxxxx", "H2X 1Y4"),
        _c("Calgary", None, "AB", "403Nxxxxxx 587Nxxxxxx", "T2P 1J9"),
        _c("Ottawa", None, "ON", "613Nxxxxxx 343Nxxxxxx", "K1P 5J2"),
    ), (), ("Inc.", "Ltd."),
        ("University of Toronto", "McGill University", "University of British Columbia",
         "Seneca College", "George Brown College"),
        "{num} {street}, {city}, {region} {postcode}, Canada",
        ("King St W", "Bloor St", "Main St", "Queen St E")),
    _Country("GB", "United Kingdom", "United Kingdom", None, (
        _c("London", None, None, "2079460xxx", "[ENW][1-9] [1-9][ABDEFHJLNPRSTW][ABDEFHJLNPRSTW]"),
        _c("Manchester", None, None, "1614960xxx", "M[1-9] [1-9][ABDEFHJLNPRSTW]Z"),
        _c("Birmingham", None, None, "1214960xxx", "B[1-9] [1-9][ABDEFHJLNPRSTW]Q"),
        _c("Leeds", None, None, "1134960xxx", "LS[1-9] [1-9]D[ABDEFHJLNPRSTW]"),
        _c("Glasgow", None, None, "1414960xxx", "G[1-9] [1-9]X[ABDEFHJLNPRSTW]"),
        _c("Edinburgh", None, None, "1314960xxx", "EH[1-9] [1-9]Y[ABDEFHJLNPRSTW]"),
        _c("Bristol", None, None, "1174960xxx", "BS[1-9] [1-9]D[ABDEFHJLNPRSTW]"),
    ), (), ("Ltd", "plc", "LLP"),
        ("University of Manchester", "King's College London", "University of Leeds",
         "University of Glasgow", "City of Glasgow College", "University of Bristol",
         "University of Edinburgh"),
        "{num} {street}, {city} {postcode}, United Kingdom",
        ("Church Lane", "High Street", "Victoria Road", "Park Avenue", "Mill Lane")),
    _Country("IE", "Ireland", "Ireland", None, (
        _c("Dublin", None, None, "1Nxxxxxx", "D0[2-8] [ACDEFHKNPRTVWXY]xxx"),
        _c("Cork", None, None, "21Nxxxxxx", "T12 [ACDEFHKNPRTVWXY]xxx"),
        _c("Galway", None, None, "91Nxxxxx", "H91 [ACDEFHKNPRTVWXY]xxx"),
    ), ("8[35679]xxxxxxx",), ("Ltd", "DAC"),
        ("Trinity College Dublin", "University College Cork", "Dublin City University"),
        "{num} {street}, {city}, {postcode}, Ireland", ("Harcourt Street", "Main Street")),
    _Country("AU", "Australia", "Australia", None, (
        _c("Sydney", None, "NSW", "25550xxxx", "20[0-9]x"),
        _c("Melbourne", None, "VIC", "37010xxxx", "30[0-9]x"),
        _c("Brisbane", None, "QLD", "75550xxxx", "40[0-9]x"),
        _c("Perth", None, "WA", "85550xxxx", "60[0-9]x"),
        _c("Adelaide", None, "SA", "85550xxxx", "50[0-9]x"),
    ), ("4915701[0-5]x",), ("Pty Ltd",),
        ("University of Sydney", "University of Melbourne", "RMIT University", "TAFE NSW",
         "University of Queensland"),
        "{num} {street}, {city} {region} {postcode}, Australia",
        ("George St", "Collins St", "Queen St", "Hay St")),
    _Country("DE", "Germany", "Deutschland", "de", (
        _c("Berlin", None, None, "30Nxxxxxx 30Nxxxxxxx", "1[0-4]xxx"),
        _c("München", "Munich", None, "89Nxxxxxx 89Nxxxxxxx", "8[01]xxx"),
        _c("Hamburg", None, None, "40Nxxxxxx 40Nxxxxxxx", "2[0-2]xxx"),
        _c("Köln", "Cologne", None, "221Nxxxxxx", "50[6-9]xx"),
        _c("Frankfurt am Main", None, None, "69Nxxxxxx 69Nxxxxxxx", "60[3-5]xx"),
        _c("Stuttgart", None, None, "711Nxxxxxx", "70[1-6]xx"),
        _c("Leipzig", None, None, "341Nxxxxxx", "04[1-3]xx"),
        _c("Düsseldorf", None, None, "211Nxxxxxx", "40[2-6]xx"),
    ), ("15[12]xxxxxxxx", "160xxxxxxx", "17[0-9]xxxxxxxx"), ("GmbH", "AG", "SE"),
        ("Technische Universität München", "Humboldt-Universität zu Berlin",
         "Universität Hamburg", "Hochschule für Technik und Wirtschaft Berlin",
         "Universität zu Köln", "Hochschule München", "Universität Leipzig"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Invalidenstraße", "Hauptstraße", "Lindenallee", "Bahnhofstraße", "Gartenweg",
         "Schillerstraße")),
    _Country("AT", "Austria", "Österreich", "de", (
        _c("Wien", "Vienna", None, "1Nxxxxxx", "1[01][0-2]0"),
        _c("Graz", None, None, "316Nxxxxx", "80[1-5]x"),
        _c("Linz", None, None, "732Nxxxxx", "40[2-4]0"),
    ), ("664xxxxxxx", "660xxxxxxx", "676xxxxxxx"), ("GmbH", "AG"),
        ("Universität Wien", "Technische Universität Graz", "FH Campus Wien"),
        "{street} {num}, {postcode} {city}, {country}", ("Mariahilfer Straße", "Herrengasse")),
    _Country("CH", "Switzerland", "Schweiz", "de", (
        _c("Zürich", "Zurich", None, "44Nxxxxxx", "80[0-5]x"),
        _c("Basel", None, None, "61Nxxxxxx", "40[0-5]x"),
        _c("Bern", None, None, "31Nxxxxxx", "30[0-2]x"),
    ), ("7[6-9]Nxxxxxx",), ("AG", "GmbH"),
        ("ETH Zürich", "Universität Zürich", "Universität Basel", "Berner Fachhochschule"),
        "{street} {num}, {postcode} {city}, {country}", ("Bahnhofstrasse", "Seestrasse")),
    _Country("FR", "France", "France", "fr", (
        _c("Paris", None, None, "19900xxxx", "750[0-2]x"),
        _c("Lyon", None, None, "46571xxxx", "6900[1-9]"),
        _c("Marseille", None, None, "46571xxxx", "130[01]x"),
        _c("Bordeaux", None, None, "53649xxxx", "33000"),
        _c("Toulouse", None, None, "53649xxxx", "31000"),
        _c("Lille", None, None, "35301xxxx", "59000"),
        _c("Nantes", None, None, "26191xxxx", "44000"),
    ), (), ("SAS", "SA", "SARL"),
        ("Université Paris Cité", "Sorbonne Université", "INSA Lyon",
         "Université de Bordeaux", "IUT de Lille", "Université de Nantes"),
        "{num} {street}, {postcode} {city}, {country}",
        ("rue de la République", "rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire",
         "rue du Faubourg Saint-Antoine")),
    _Country("ES", "Spain", "España", "es", (
        _c("Madrid", None, None, "91Nxxxxxx", "280[0-5]x"),
        _c("Barcelona", None, None, "93Nxxxxxx", "080[0-4]x"),
        _c("Valencia", None, None, "96Nxxxxxx", "460[0-2]x"),
        _c("Sevilla", "Seville", None, "954xxxxxx", "410[0-2]x"),
        _c("Málaga", None, None, "952xxxxxx", "290[01]x"),
        _c("Bilbao", None, None, "944xxxxxx", "480[01]x"),
    ), ("6xxxxxxxx", "7[1-4]xxxxxxx"), ("S.L.", "S.A."),
        ("Universidad Complutense de Madrid", "Universitat de Barcelona",
         "Universidad de Sevilla", "Universitat Politècnica de València",
         "Universidad de Málaga"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Serrano")),
    _Country("MX", "Mexico", "México", "es", (
        _c("Ciudad de México", "Mexico City", None, "55xxxxxxxx", "0[6-9]xxx"),
        _c("Guadalajara", None, None, "33xxxxxxxx", "44[1-9]xx"),
        _c("Monterrey", None, None, "81xxxxxxxx", "64[0-9]xx"),
    ), ("55xxxxxxxx", "33xxxxxxxx"), ("S.A. de C.V.",),
        ("Universidad Nacional Autónoma de México", "Tecnológico de Monterrey",
         "Universidad de Guadalajara"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Avenida Reforma", "Calle Madero", "Avenida Juárez")),
    _Country("PT", "Portugal", "Portugal", "pt", (
        _c("Lisboa", "Lisbon", None, "21Nxxxxxx", "1[01]xx-[1-9]xx"),
        _c("Porto", None, None, "22Nxxxxxx", "40[0-9]x-[1-9]xx"),
        _c("Braga", None, None, "253xxxxxx", "47[01]x-[1-9]xx"),
        _c("Coimbra", None, None, "239xxxxxx", "30[0-4]x-[1-9]xx"),
    ), ("9[1236]xxxxxxx",), ("Lda.", "S.A."),
        ("Universidade de Lisboa", "Universidade do Porto", "Universidade de Coimbra",
         "Universidade do Minho"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo")),
    _Country("BR", "Brazil", "Brasil", "pt", (
        _c("São Paulo", "Sao Paulo", None, "11[2-5]xxxxxxx", "0[1-5]xxx-xxx"),
        _c("Rio de Janeiro", None, None, "21[2-5]xxxxxxx", "2[0-3]xxx-xxx"),
        _c("Belo Horizonte", None, None, "31[2-5]xxxxxxx", "3[01]xxx-xxx"),
        _c("Curitiba", None, None, "41[2-5]xxxxxxx", "8[0-2]xxx-xxx"),
        _c("Porto Alegre", None, None, "51[2-5]xxxxxxx", "9[01]xxx-xxx"),
        _c("Recife", None, None, "81[2-5]xxxxxxx", "5[0-2]xxx-xxx"),
    ), ("119[6-9]xxxxxxx", "219[6-9]xxxxxxx", "319[6-9]xxxxxxx", "419[6-9]xxxxxxx"),
        ("Ltda.", "S.A."),
        ("Universidade de São Paulo", "Universidade Federal do Rio de Janeiro",
         "Universidade Federal de Minas Gerais", "PUC-Rio", "Universidade Federal do Paraná"),
        "{street}, {num} – {postcode} {city}, {country}",
        ("Rua Augusta", "Avenida Paulista", "Rua das Flores", "Rua Oscar Freire")),
    _Country("IN", "India", "India", None, (
        _c("Bengaluru", None, None, "80[2-4]xxxxxxx", "5600[0-9]x"),
        _c("Mumbai", None, None, "22[2-6]xxxxxxx", "4000[0-9]x"),
        _c("New Delhi", None, None, "11[2-4]xxxxxxx", "1100[0-9]x"),
        _c("Pune", None, None, "20[2-7]xxxxxxx", "4110[0-6]x"),
        _c("Hyderabad", None, None, "40[2-7]xxxxxxx", "5000[0-9]x"),
        _c("Chennai", None, None, "44[2-4]xxxxxxx", "6000[0-9]x"),
    ), ("9[6-9]xxxxxxxx", "8[7-9]xxxxxxxx", "7[0-9]xxxxxxxx"), ("Pvt. Ltd.", "Ltd."),
        ("Indian Institute of Technology Madras", "University of Delhi", "Anna University",
         "Manipal Academy of Higher Education", "University of Mumbai"),
        "{num}, {street}, {city} {postcode}, {country}",
        ("MG Road", "Residency Road", "Linking Road", "Park Street")),
    _Country("NL", "Netherlands", "Nederland", None, (
        _c("Amsterdam", None, None, "20Nxxxxxx", "10[1-9]x [A-Z][A-Z]"),
        _c("Rotterdam", None, None, "10Nxxxxxx", "30[1-8]x [A-Z][A-Z]"),
        _c("Utrecht", None, None, "30Nxxxxxx", "35[1-8]x [A-Z][A-Z]"),
        _c("Eindhoven", None, None, "40Nxxxxxx", "56[1-5]x [A-Z][A-Z]"),
        _c("Den Haag", "The Hague", None, "70Nxxxxxx", "25[1-9]x [A-Z][A-Z]"),
    ), ("6[1-5]xxxxxxx",), ("B.V.", "N.V."),
        ("Universiteit van Amsterdam", "Technische Universiteit Eindhoven",
         "Erasmus Universiteit Rotterdam", "Hogeschool Utrecht"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Prinsengracht", "Kerkstraat", "Stationsweg", "Dorpsstraat")),
    _Country("IT", "Italy", "Italia", None, (
        _c("Milano", "Milan", None, "02Nxxxxxxx", "201[2-6]x"),
        _c("Roma", "Rome", None, "06Nxxxxxxx", "001[2-9]x"),
        _c("Torino", "Turin", None, "011Nxxxxxx", "101[2-5]x"),
        _c("Bologna", None, None, "051Nxxxxxx", "401[2-4]x"),
    ), ("3[2-9]xxxxxxxx",), ("S.r.l.", "S.p.A."),
        ("Politecnico di Milano", "Sapienza Università di Roma", "Università di Bologna",
         "Politecnico di Torino"),
        "{street} {num}, {postcode} {city}, {country}",
        ("Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele")),
    _Country("PL", "Poland", "Polska", None, (
        _c("Warszawa", "Warsaw", None, "22Nxxxxxx", "0[0-4]-xxx"),
        _c("Kraków", "Krakow", None, "12Nxxxxxx", "3[01]-xxx"),
        _c("Wrocław", "Wroclaw", None, "71Nxxxxxx", "5[0-4]-xxx"),
        _c("Gdańsk", "Gdansk", None, "58Nxxxxxx", "80-xxx"),
    ), ("5[0137]xxxxxxx", "6[069]xxxxxxx", "7[2389]xxxxxxx", "88xxxxxxx"), ("Sp. z o.o.",),
        ("Uniwersytet Warszawski", "Politechnika Wrocławska", "Uniwersytet Jagielloński",
         "Politechnika Gdańska"),
        "ul. {street} {num}, {postcode} {city}, {country}",
        ("Marszałkowska", "Długa", "Floriańska", "Piotrkowska")),
    _Country("TR", "Türkiye", "Türkiye", None, (
        _c("İstanbul", "Istanbul", None, "212Nxxxxxx 216Nxxxxxx", "34xxx"),
        _c("Ankara", None, None, "312Nxxxxxx", "06xxx"),
        _c("İzmir", "Izmir", None, "232Nxxxxxx", "35xxx"),
    ), ("5[0-5]xxxxxxxx",), ("A.Ş.", "Ltd. Şti."),
        ("Boğaziçi Üniversitesi", "İstanbul Teknik Üniversitesi",
         "Orta Doğu Teknik Üniversitesi"), None),
    _Country("JP", "Japan", "Japan", None, (
        _c("Tokyo", None, None, "3xxxxxxxx", "1xx-xxxx"),
        _c("Osaka", None, None, "6xxxxxxxx", "5xx-xxxx"),
    ), ("[789]0xxxxxxxx",), ("K.K.", "Co., Ltd."),
        ("University of Tokyo", "Osaka University", "Keio University"), None),
    _Country("VN", "Vietnam", "Vietnam", None, (
        _c("Hà Nội", "Hanoi", None, "24[3-9]xxxxxxx", "100000"),
        _c("TP. Hồ Chí Minh", "Ho Chi Minh City", None, "28[3-9]xxxxxxx", "700000"),
    ), ("9[0-8]xxxxxxx", "3[2-9]xxxxxxx"), ("JSC", "Co., Ltd."),
        ("Vietnam National University", "Hanoi University of Science and Technology"), None),
    _Country("IS", "Iceland", "Iceland", None, (
        _c("Reykjavík", "Reykjavik", None, "5xxxxxx", "10[1-8]"),
    ), ("[678]xxxxxx",), ("ehf.", "hf."),
        ("Háskóli Íslands", "Reykjavik University"),
        "{street} {num}, {postcode} {city}, {country}", ("Laugavegur", "Skólavörðustígur")),
    _Country("NG", "Nigeria", "Nigeria", None, (
        _c("Lagos", None, None, "201xxxxxxx", "10[0-2]xxx"),
        _c("Abuja", None, None, "209xxxxxxx", "900xxx"),
    ), ("80[3-9]xxxxxxx", "81[0-8]xxxxxxx", "70[3-8]xxxxxxx"), ("Ltd",),
        ("University of Lagos", "Obafemi Awolowo University", "University of Nigeria"), None),
    _Country("SE", "Sweden", "Sverige", None, (
        _c("Stockholm", None, None, "8[1-9]xxxxxx", "1[1-2]x xx"),
        _c("Göteborg", "Gothenburg", None, "31xxxxxxx", "41x xx"),
        _c("Malmö", "Malmo", None, "40xxxxxxx", "21x xx"),
    ), ("7[0236]xxxxxxx",), ("AB",),
        ("KTH Royal Institute of Technology", "Stockholm University",
         "Chalmers University of Technology", "Lund University"),
        "{street} {num}, {postcode} {city}, {country}", ("Drottninggatan", "Storgatan")),
)}

# ---------------------------------------------------------------------------
# Localisation: section headings, month names, "present", contact labels.
# ---------------------------------------------------------------------------

_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "summary": ("Summary", "Profile", "Professional Summary", "About Me"),
        "experience": ("Experience", "Work Experience", "Professional Experience",
                       "Employment History", "Career History"),
        "education": ("Education", "Education & Training", "Academic Background"),
        "skills": ("Skills", "Core Competencies", "Key Skills"),
        "skills_tech": ("Skills", "Technical Skills", "Core Competencies", "Tech Stack"),
        "languages": ("Languages",),
        "contact": ("Contact", "Contact Details"),
        "references": ("References",),
    },
    "de": {
        "summary": ("Profil", "Kurzprofil", "Über mich"),
        "experience": ("Berufserfahrung", "Beruflicher Werdegang"),
        "education": ("Ausbildung", "Bildungsweg"),
        "skills": ("Kenntnisse", "Fähigkeiten", "Fachkenntnisse"),
        "skills_tech": ("Kenntnisse", "IT-Kenntnisse", "Fachkenntnisse"),
        "languages": ("Sprachen", "Sprachkenntnisse"),
        "contact": ("Kontakt",),
        "references": ("Referenzen",),
    },
    "fr": {
        "summary": ("Profil", "À propos"),
        "experience": ("Expérience professionnelle", "Expériences professionnelles",
                       "Parcours professionnel"),
        "education": ("Formation", "Diplômes"),
        "skills": ("Compétences", "Compétences clés"),
        "skills_tech": ("Compétences", "Compétences techniques"),
        "languages": ("Langues",),
        "contact": ("Contact", "Coordonnées"),
        "references": ("Références",),
    },
    "es": {
        "summary": ("Perfil", "Perfil profesional", "Resumen"),
        "experience": ("Experiencia laboral", "Experiencia profesional"),
        "education": ("Educación", "Formación académica", "Formación"),
        "skills": ("Habilidades", "Competencias"),
        "skills_tech": ("Habilidades", "Conocimientos técnicos", "Competencias"),
        "languages": ("Idiomas",),
        "contact": ("Contacto",),
        "references": ("Referencias",),
    },
    "pt": {
        "summary": ("Perfil", "Resumo", "Perfil profissional"),
        "experience": ("Experiência profissional", "Experiência"),
        "education": ("Formação", "Formação acadêmica", "Educação"),
        "skills": ("Competências", "Habilidades"),
        "skills_tech": ("Competências", "Competências técnicas", "Habilidades"),
        "languages": ("Idiomas",),
        "contact": ("Contato", "Contacto"),
        "references": ("Referências",),
    },
}
_MONTHS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # (short, full)
    "en": (("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
           ("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")),
    "de": (("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
            "Nov.", "Dez."),
           ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember")),
    "fr": (("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc."),
           ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre")),
    "es": (("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.",
            "nov.", "dic."),
           ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre")),
    "pt": (("jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.",
            "nov.", "dez."),
           ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro")),
}
# English "Mar." style abbreviations (May, June and July are not abbreviated).
_EN_DOTTED = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")
_PRESENT: dict[str, tuple[str, ...]] = {
    "en": ("Present", "present", "Current", "Now"),
    "de": ("heute",),
    "fr": ("aujourd'hui", "à ce jour"),
    "es": ("actualidad", "la actualidad", "presente"),
    "pt": ("atual", "o momento", "presente"),
}
_SINCE: dict[str, tuple[str, ...]] = {
    "en": ("since", "Since"), "de": ("seit",), "fr": ("depuis",), "es": ("desde",),
    "pt": ("desde",),
}
_RANGE_WORD: dict[str, str] = {"en": " to ", "de": " bis ", "fr": " à ", "es": " a ", "pt": " a "}
_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"email": ("Email:", "E-mail:", "Email"), "phone": ("Phone:", "Tel:", "Tel.", "T:"),
           "mobile": ("Mobile:", "Cell:", "Mob."), "address": ("Address:", "Location:"),
           "web": ("Web:", "Website:", "Portfolio:")},
    "de": {"email": ("E-Mail:", "Mail:"), "phone": ("Tel.:", "Telefon:", "Tel."),
           "mobile": ("Mobil:", "Handy:"), "address": ("Adresse:", "Anschrift:"),
           "web": ("Web:",)},
    "fr": {"email": ("E-mail :", "Courriel :", "Mail :"), "phone": ("Tél. :", "Tél :"),
           "mobile": ("Portable :", "Mobile :"), "address": ("Adresse :",), "web": ("Web :",)},
    "es": {"email": ("Correo:", "E-mail:"), "phone": ("Tel.:", "Teléfono:"),
           "mobile": ("Móvil:", "Celular:"), "address": ("Dirección:",), "web": ("Web:",)},
    "pt": {"email": ("E-mail:",), "phone": ("Tel.:", "Telefone:"),
           "mobile": ("Celular:", "Telemóvel:"), "address": ("Endereço:", "Morada:"),
           "web": ("Web:",)},
}
_LEVELS: dict[str, dict[str, tuple[str, ...]]] = {  # native / fluent / good / basic
    "en": {"native": ("native", "Native", "mother tongue"), "fluent": ("fluent", "C2", "C1"),
           "good": ("B2", "professional proficiency", "conversational"),
           "basic": ("basic", "A2", "B1")},
    "de": {"native": ("Muttersprache",), "fluent": ("fließend", "verhandlungssicher", "C1"),
           "good": ("gut", "B2"), "basic": ("Grundkenntnisse", "A2")},
    "fr": {"native": ("langue maternelle",), "fluent": ("courant", "bilingue", "C1"),
           "good": ("bon niveau", "B2"), "basic": ("notions", "A2")},
    "es": {"native": ("nativo",), "fluent": ("fluido", "C1"), "good": ("nivel alto", "B2"),
           "basic": ("básico", "A2")},
    "pt": {"native": ("nativo",), "fluent": ("fluente", "C1"), "good": ("avançado", "B2"),
           "basic": ("básico", "A2")},
}
_YEARS_STATEMENT: dict[str, tuple[str, ...]] = {
    # {n} is the number; the part before " " + rest is what truth records as years_statement
    "en": ("{n}+ years of experience in {domain}.", "{n}+ years' experience in {domain}."),
    "de": ("{n}+ Jahre Berufserfahrung.",),
    "fr": ("{n}+ ans d'expérience professionnelle.",),
    "es": ("{n}+ años de experiencia profesional.",),
    "pt": ("{n}+ anos de experiência profissional.",),
}
_YEARS_WORD = {"en": "years", "de": "Jahre", "fr": "ans", "es": "años", "pt": "anos"}

# ---------------------------------------------------------------------------
# The ground-truth data model.
# ---------------------------------------------------------------------------


@dataclass
class Job:
    """One experience entry, newest first in :attr:`SamplePerson.experience`."""

    title: str
    employer: str
    city: str
    start: tuple[int, int]  # (year, month); month is 1 when printed as a year only
    end: tuple[int, int] | None  # None: "present" (the reference date)
    precision: str  # "month" or "year": what the printed dates can tell a parser
    dates: str  # the date range exactly as printed
    bullets: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, Any]:
        def fmt(ym: tuple[int, int]) -> str:
            return f"{ym[0]:04d}" if self.precision == "year" else f"{ym[0]:04d}-{ym[1]:02d}"

        return {
            "title": self.title,
            "employer": self.employer,
            "city": self.city,
            "start": fmt(self.start),
            "end": "present" if self.end is None else fmt(self.end),
            "dates": self.dates,
        }


@dataclass
class Education:
    degree: str
    institution: str
    years: str  # as printed: "2008 – 2012" or "2012"


@dataclass
class Trap:
    """A phrase that looks like a skill the person does not claim."""

    phrase: str
    imitates: str


@dataclass
class Style:
    """How one person's resume is dressed, whatever the file format.

    Kept per person (not per file) so the same person looks like the same author
    in every format, and so a renderer never has to draw random numbers.
    """

    language: str  # en, de, fr, es, pt
    headings: dict[str, str]  # section kind -> heading exactly as printed
    order: tuple[str, ...]  # one-column order of sections after the header
    summary_heading: bool  # False: the summary sits under the header without a heading
    contact_order: tuple[str, ...]
    contact_separator: str  # between contact items on one line
    contact_labels: bool  # "Email:", "Tel.", "Mobil:" ...
    contact_multiline: bool
    date_style: str
    range_separator: str
    present: str
    since: str | None  # "since 2020" / "seit 03/2019" for the current job, else a range
    bullet: str
    job_header: str  # title_first | employer_first | dates_first | one_line
    dates_right: bool  # PDFs: dates right-aligned beside the title
    skills_separator: str | None  # None: one skill per line
    languages_separator: str | None
    font: str  # sans | serif | core (reportlab's built-in Helvetica/Times, if encodable)
    accent: str
    page: str  # A4 | Letter
    base_size: float
    line_height: int  # percent of the font size
    verbosity: float  # scales bullets per job: terse one-pagers to three-page CVs
    qt_lists: bool  # Qt: HTML lists (bullets drawn as shapes, not text)
    rl_core_bullets: bool  # reportlab: bullet glyph from Helvetica (extracts as "(cid:127)")
    docx_heading_styles: bool  # DOCX: Heading1 styles, else bold paragraphs
    docx_tabs: bool  # DOCX: dates after a right-aligned tab on the title line
    labels: dict[str, str]  # contact labels: email, phone, mobile, address
    txt_underline: str | None  # "=" or "-" under plain-text headings
    txt_wrap: int | None  # hard-wrap plain-text paragraphs at this width
    txt_crlf: bool
    txt_encoding: str  # utf-8 | utf-8-sig | cp1252


@dataclass
class SamplePerson:
    """Everything true about one synthetic candidate, before any file is made."""

    index: int
    seed: int
    reference: date
    name: str
    given_name: str
    family_name: str
    gender: str  # "f" | "m": only to agree French/Spanish/Portuguese adjectives
    culture: str
    country: str  # ISO 3166 alpha-2: the region for parsing national phone formats
    city: str
    location: str  # "City, Country" or "City, ST", as printed
    address: str | None  # full address line when printed (it then replaces location)
    role_family: str
    title: str  # current title = title of experience[0]
    emails: list[str]
    phones: list[str]  # E.164
    phones_printed: list[str]
    phone_kinds: list[str]  # "mobile" | "phone"
    links: list[str]  # canonical full https URLs
    links_printed: list[str]  # as the person writes them (two-column sidebars shorten them)
    family_skills: list[str]  # canonical, printed order
    languages: list[str]  # canonical spoken languages
    languages_printed: list[str]  # "German (native)"
    printed: dict[str, str]  # canonical -> as printed (differs only in variants mode)
    variant_spellings: dict[str, str]  # printed -> canonical
    summary: str
    credentials_line: str | None
    years_statement: str | None  # "8+ years", "8+ Jahre" ... or None
    years_stated: int | None
    years_from_dates: float
    experience: list[Job]
    education: list[Education]
    traps: list[Trap]
    references_line: str | None
    number_decoys: list[str]
    style: Style

    @property
    def skills(self) -> list[str]:
        return [*self.family_skills, *self.languages]

    @property
    def language(self) -> str:
        return self.style.language

    @property
    def years_experience(self) -> float:
        return float(self.years_stated) if self.years_stated is not None else self.years_from_dates


# ---------------------------------------------------------------------------
# Small helpers.
# ---------------------------------------------------------------------------

_FOLD = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D", "ł": "l",
    "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE", "ı": "i",
})


def ascii_fold(text: str) -> str:
    """'Nguyễn Ólafsdóttir' -> 'Nguyen Olafsdottir' (letters NFKD cannot split are mapped)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode("ascii")


def _slug(text: str, joiner: str = "") -> str:
    text = ascii_fold(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", joiner, text).strip("-")


_PHONE_CODES = {"x": "0123456789", "N": "23456789", "M": "123456789"}
_POSTCODE_CODES = {"x": "0123456789"}


def _charset(body: str) -> str:
    """'0-5A' -> '012345A'."""
    out, k = [], 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            out.extend(chr(c) for c in range(ord(body[k]), ord(body[k + 2]) + 1))
            k += 3
        else:
            out.append(body[k])
            k += 1
    return "".join(out)


def _pattern(rng: random.Random, pattern: str, codes: dict[str, str] = _PHONE_CODES) -> str:
    """Expand a pattern: [..] is one of a set or range; codes map letters to digit sets
    (phones: x=0-9, N=2-9, M=1-9; postcodes only x, so letters stay letters)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "[":
            j = pattern.index("]", i)
            out.append(rng.choice(_charset(pattern[i + 1:j])))
            i = j + 1
        else:
            out.append(rng.choice(codes[ch]) if ch in codes else ch)
            i += 1
    return "".join(out)


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _month_index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def years_of_experience(
    ranges: Iterable[tuple[tuple[int, int], tuple[int, int] | None]],
    reference: date = REFERENCE_DATE,
) -> float:
    """Total years covered by (start, end) month ranges, overlaps counted once.

    Conventions (the parser's comparison should use the same): a range runs from
    the first day of its start month to the first day of its end month, so
    "Jan 2019 – Mar 2019" is 2 months and "2012 – 2016" is 4 years; a year printed
    alone means January; an open end (None, "present") means the reference date's
    month. The result is rounded to one decimal.
    """
    now = reference.year * 12 + reference.month - 1
    spans = sorted((_month_index(s), now if e is None else _month_index(e)) for s, e in ranges)
    total, cur_start, cur_end = 0, None, None
    for s, e in spans:
        if e <= s:
            continue
        if cur_end is None or s > cur_end:
            if cur_end is not None:
                total += cur_end - cur_start
            cur_start, cur_end = s, e
        else:
            cur_end = max(cur_end, e)
    if cur_end is not None:
        total += cur_end - cur_start
    return round(total / 12, 1)


def _word_re(term: str) -> re.Pattern[str]:
    """Whole-word pattern for a skill name, tolerant of names ending in symbols (C#, .NET)."""
    return re.compile(r"(?<![\w.#+-])" + re.escape(term) + r"(?![\w#+]|\.\w|-\w)")


# Skills whose name (or an alias) appears in a job title: a person with that
# title claims the skill (an "HVAC Technician" has HVAC).
_TITLE_TERMS: list[tuple[str, re.Pattern[str]]] = [
    (canon, _word_re(term))
    for canon in ALL_CANONICAL
    for term in (canon, *ALIASES.get(canon, ()))
]


# Titles a fuzzy matcher would read as a skill ("Account Manager" is one letter-run
# away from "Account Management"); the person then claims it, so the truth is fair.
_TITLE_IMPLIES = {"Account Manager": "Account Management",
                  "Logistics Coordinator": "Logistics Coordination",
                  "Financial Analyst": "Financial Analysis"}


_SHORT_TERMS = frozenset(term for canon in ALL_CANONICAL
                         for term in (canon, *ALIASES.get(canon, ())) if len(term) <= 4)


@functools.cache
def _implied_by_title(title: str) -> frozenset[str]:
    found = {canon for canon, rx in _TITLE_TERMS if rx.search(title)}
    return frozenset(found | {skill for t, skill in _TITLE_IMPLIES.items() if t in title})

# ---------------------------------------------------------------------------
# Drawing one person.
# ---------------------------------------------------------------------------

_LOCAL_LANGUAGE_SHARE = 0.45  # of people in DE/AT/CH/FR/ES/MX/PT/BR: ~15 % of everyone
_EMAIL_DOMAINS = {"example.com": 50, "example.org": 20, "example.net": 20,
                  "mail.example.com": 10}
_ACCENTS = ("#1f4e79", "#2e6b4f", "#7a2e39", "#444444", "#5b3f8c", "#0f6e76", "#8a5a00")
_LANGUAGE_OF = {"de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese"}
_ENGLISH_COUNTRIES = frozenset({"US", "GB", "IE", "AU", "CA", "NG", "IN"})
_NUMBER_KEYS = frozenset({"po", "inc", "ref", "deal", "cid", "cons", "job", "ver", "units",
                          "sqm", "year"})


def _thousands(n: int, lang: str) -> str:
    """12000 -> '12,000' (en), '12.000' (de/es/pt), '12 000' with a no-break space (fr)."""
    s = f"{n:,}"
    return {"en": s, "fr": s.replace(",", "\u00a0")}.get(lang, s.replace(",", "."))


class _LazySlots(dict):  # type: ignore[type-arg]
    """Template values: the given slots, and numbers drawn only for the fields a
    template actually uses, in the order it uses them."""

    def __init__(self, slots: dict[str, str], filler: _Filler) -> None:
        super().__init__()
        self.slots, self.filler = slots, filler

    def __missing__(self, key: str) -> str:
        value = self.slots[key] if key in self.slots else self.filler.number(key)
        self[key] = value
        return value


_ARTICLE = re.compile(r"\b([Aa]) (?=8|1[18](?!\d))")


class _Filler:
    """Fills sentence templates with the person's skills and plausible numbers."""

    def __init__(self, rng: random.Random, lang: str, years: tuple[int, int]) -> None:
        self.rng, self.lang, self.years = rng, lang, years
        self.produced: dict[str, str] = {}

    def number(self, key: str) -> str:
        r = self.rng
        gen: dict[str, Any] = {
            "n": lambda: r.randint(3, 30), "few": lambda: r.randint(2, 6),
            "pct": lambda: r.randint(10, 45), "lo": lambda: r.randint(55, 80),
            "hi": lambda: r.randint(84, 97), "a": lambda: r.randint(6, 12),
            "b": lambda: r.randint(2, 5), "ms_a": lambda: r.randint(300, 900),
            "ms_b": lambda: r.randint(60, 250), "k": lambda: r.randint(40, 900),
            "m": lambda: r.randint(2, 90), "beds": lambda: r.randint(18, 40),
            "rooms": lambda: r.randint(60, 350), "seats": lambda: r.randint(40, 160),
            "covers": lambda: r.randint(80, 400),
            "sec_a": lambda: f"{r.randint(35, 60) / 10:.1f}",
            "sec_b": lambda: f"{r.randint(12, 30) / 10:.1f}",
            "sc_a": lambda: f"{r.randint(36, 41) / 10:.1f}",
            "sc_b": lambda: f"{r.randint(43, 49) / 10:.1f}",
            "units": lambda: _thousands(r.randint(12, 480) * 100, self.lang),
            "sqm": lambda: _thousands(r.randint(5, 60) * 1000, self.lang),
            "ver": lambda: f"{r.randint(1, 9)}.{r.randint(0, 24)}.{r.randint(0, 9)}",
            "inc": lambda: f"INC{r.randint(100000, 9999999):07d}",
            "po": lambda: f"45{r.randint(0, 99999999):08d}",
            "ref": lambda: r.choice((f"{r.randint(2015, 2026)}/{r.randint(1, 9999):04d}",
                                     f"FC-{r.randint(1000, 9999)}")),
            "deal": lambda: f"#{r.randint(10000, 99999)}",
            "cid": lambda: f"CMP-{r.randint(100, 999)}-{r.randint(10, 99)}",
            "cons": lambda: f"{r.choice(('MSKU', 'TGHU', 'CMAU'))}{r.randint(1000000, 9999999)}",
            "job": lambda: f"{r.randint(1000, 9999)}-{r.randint(1, 9999):04d}",
            "year": lambda: r.randint(*self.years),
        }
        value = str(gen[key]())
        self.produced[key] = value
        return value

    def fill(self, template: str, slots: dict[str, str]) -> str:
        self.produced = {}
        text = template.format_map(_LazySlots(slots, self))
        if self.lang == "en":  # "an 18-bed ward", "an 8% rise", "an 11,000 m² site"
            text = _ARTICLE.sub(r"\1n ", text)
        return text


@functools.cache
def _fields(template: str) -> frozenset[str]:
    return frozenset(re.findall(r"\{(\w+)\}", template))


def _make_phone(rng: random.Random, country: _Country, city: _City,
                mobile: bool) -> phonenumbers.PhoneNumber:
    patterns: Sequence[str] = city.landline
    if mobile:
        if country.iso == "BR":  # mobiles keep the city's area code (DDD)
            patterns = (city.landline[0][:2] + "9[6-9]xxxxxxx",)
        elif country.mobile:
            patterns = country.mobile
    for _ in range(400):
        nsn = _pattern(rng, rng.choice(patterns))
        if country.iso in ("US", "CA") and (nsn[3:6] == "555" or nsn[4:6] == "11"):
            continue  # 555 numbers are fictional in North America; N11 are service codes
        num = phonenumbers.parse("+" + str(phonenumbers.country_code_for_region(country.iso))
                                 + nsn)
        if phonenumbers.is_valid_number(num):
            return num
    raise RuntimeError(f"no valid phone number from {patterns} for {country.iso}")


def _print_phone(rng: random.Random, num: phonenumbers.PhoneNumber, iso: str,
                 mobile: bool) -> str:
    fmt = phonenumbers.PhoneNumberFormat
    nat = phonenumbers.format_number(num, fmt.NATIONAL)
    intl = phonenumbers.format_number(num, fmt.INTERNATIONAL)
    e164 = phonenumbers.format_number(num, fmt.E164)
    nsn = phonenumbers.national_significant_number(num)
    cc, rest = intl.split(" ", 1)
    options: list[str]
    if iso in ("US", "CA"):
        options = [nat, nat, f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}", f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}",
                   intl, f"+1 ({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}",
                   f"1-{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}"]
    elif iso in ("DE", "AT", "CH"):
        local = f"0{nsn[:3]} {nsn[3:]}" if mobile and iso == "DE" else nat
        options = [local, local, intl, intl, f"{cc} (0){rest}", "00" + intl[1:], e164]
        if not mobile and iso == "DE":
            area, _, number = nat.partition(" ")
            options.append(f"{area}/{number}")
    elif iso in ("GB", "NL"):
        options = [nat, nat, intl, f"{cc} (0){rest}"]
    elif iso == "FR":
        options = [nat, nat, nat.replace(" ", "."), intl, f"{cc} (0){rest}"]
    elif iso == "IN":
        options = [intl, f"{cc}-{nsn}", nat, f"{nsn[:5]} {nsn[5:]}"]
    elif iso == "BR":
        options = [nat, nat, intl]
    else:
        options = [nat, intl, intl, e164]
    return rng.choice(options)


@dataclass
class _Draft:
    """Working state while a person is drawn."""

    rng: random.Random
    lang: str
    gender: str
    country: _Country
    city: _City
    family: str
    text: _FamilyText
    skills: list[str] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)
    used: dict[str, int] = field(default_factory=dict)  # template -> times used in this resume
    pools: dict[str, list[str]] = field(default_factory=dict)  # slot name -> fitting skills
    fits: dict[str, bool] = field(default_factory=dict)  # template -> can be filled


def _pick_skill(d: _Draft, pool: list[str]) -> str | None:
    """Prefer skills no sentence has mentioned yet, so bullets spread across the list."""
    if not pool:
        return None
    fresh = [s for s in pool if s not in d.mentioned]
    skill = d.rng.choice(fresh or pool)
    d.mentioned.add(skill)
    return skill


def _least_used(d: _Draft, templates: Sequence[str], avoid: Iterable[str] = ()) -> str | None:
    """A template this resume has used least, never one already used in this job."""
    avoid = set(avoid)
    usable = [t for t in templates if t not in avoid]
    if not usable:
        return None
    fewest = min(d.used.get(t, 0) for t in usable)
    template = d.rng.choice([t for t in usable if d.used.get(t, 0) == fewest])
    d.used[template] = d.used.get(template, 0) + 1
    return template


def _sentence(d: _Draft, kind: str, filler: _Filler, job_used: set[str]) -> str | None:
    """One bullet of the given kind (tool|practice|plain), or None if it cannot be filled."""
    local = d.lang != "en"
    templates = _LOCAL_TEXT[d.lang][kind] if local else getattr(d.text, kind)
    if not d.pools:
        tools = [s for s in d.skills if s not in _PRACTICES and s not in _CREDENTIALS]
        standards = [s for s in d.skills if s in ("IFRS", "US GAAP")]
        d.pools = {
            "t": tools, "t2": tools, "std": standards,
            "p": [s for s in d.skills if s in _PRACTICES and s not in standards],
            **{tag: [s for s in d.skills if s in members]
               for tag, members in _TOOL_TAGS[d.family].items()},
        }
    pools = d.pools

    def fillable(template: str) -> bool:
        # Every slot needs a skill of its kind, and slots sharing a pool need distinct ones.
        if template not in d.fits:
            slots = [f for f in _fields(template) if f in pools]
            d.fits[template] = all(
                pools[g] and len(pools[g]) >= sum(1 for f in slots if pools[f] is pools[g])
                for g in slots)
        return d.fits[template]

    template = _least_used(d, [t for t in templates if fillable(t)], job_used)
    if template is None:
        return None
    job_used.add(template)
    slots: dict[str, str] = {}
    taken: set[str] = set()
    for f in sorted(_fields(template) & set(pools)):  # sorted: set order must not matter
        skill = _pick_skill(d, [s for s in pools[f] if s not in taken]) or ""
        taken.add(skill)
        text = d.printed[skill]
        phrase = _PRACTICE_PHRASE.get(skill, "{}") if f == "p" and not local else "{}"
        slots[f] = phrase.format(text)
    return filler.fill(template, slots)


def _decoy(d: _Draft, filler: _Filler) -> tuple[str, list[str]]:
    """A sentence with numbers that are not phone numbers, checked with phonenumbers."""
    templates = _LOCAL_TEXT[d.lang]["decoy"] if d.lang != "en" else d.text.decoy
    first = _least_used(d, templates) or templates[0]
    # In some regions (India, Mexico) any ten digits pass for a phone number: after a
    # few tries with one sentence, fall back to the others.
    for template in (first, *[t for t in templates if t != first]):
        for _ in range(12):
            text = filler.fill(template, {})
            if not any(True for _m in phonenumbers.PhoneNumberMatcher(text, d.country.iso)):
                return text, [v for k, v in filler.produced.items() if k in _NUMBER_KEYS]
    raise RuntimeError("could not draw a decoy sentence that is not a phone number")


def _format_month(style: str, lang: str, y: int, m: int) -> str:
    short, full = _MONTHS[lang]
    if style == "mon":
        return f"{short[m - 1]} {y}"
    if style == "full":
        return f"{full[m - 1]} {y}"
    if style == "dotted":
        return f"{_EN_DOTTED[m - 1]} {y}"
    if style == "slash":
        return f"{m:02d}/{y}"
    if style == "dot":
        return f"{m:02d}.{y}"
    if style == "iso":
        return f"{y}-{m:02d}"
    return str(y)


def _format_range(st: Style, start: tuple[int, int], end: tuple[int, int] | None) -> str:
    a = _format_month(st.date_style, st.language, *start)
    if end is None and st.since:
        return f"{st.since} {a}"
    b = st.present if end is None else _format_month(st.date_style, st.language, *end)
    return f"{a}{st.range_separator}{b}"


def _career(rng: random.Random, n_jobs: int, ref: date) -> list[tuple[int, int | None]]:
    """Month-index spans, newest first: mostly back-to-back, some gaps, some overlaps."""
    now = ref.year * 12 + ref.month - 1
    current = rng.random() < 0.85
    cursor = now if current else now - rng.randint(1, 10)
    spans: list[tuple[int, int | None]] = []
    for i in range(n_jobs):
        duration = rng.randint(10, 84) if i == 0 else rng.randint(8, 60)
        start = cursor - duration
        if start < 1988 * 12:
            break
        spans.append((start, None if (i == 0 and current) else cursor))
        r = rng.random()
        if r < 0.6:
            gap = rng.randint(0, 2)
        elif r < 0.88:
            gap = rng.randint(3, 9)
        else:
            gap = -rng.randint(1, 6)  # overlap: a new job began before the old one ended
        cursor = start - gap
    return spans or [(now - 24, None)]


def _employer(rng: random.Random, kind: str, country: _Country, lang: str, city: str) -> str:
    prefix = rng.choice((
        "Brightwave", "Bluepeak", "Cobaltline", "Lumenfield", "Quantica", "Nimbusly",
        "Parallax", "Tidewater", "Vireo", "Arctis", "Kestrel", "Solstice", "Meridian",
        "Fernway", "Silverline", "Corvid", "Pinecrest", "Tessella", "Harbourview", "Northbeam",
        "Lattice", "Foxglove", "Willowtree", "Driftwood", "Opaline", "Granite Peak", "Bellhaven",
    ))
    surname = rng.choice(("Hartley", "Brandt", "Moreau", "Castell", "Ferreira", "Okoye",
                          "Lindgren", "Novak", "Whitmore", "Albrecht"))
    legal = f" {rng.choice(country.legal)}" if rng.random() < 0.5 else ""
    if kind == "tech":
        suffix = rng.choice(("Labs", "Systems", "Software", "Digital", "Technologies",
                             "Analytics", "Studio", "Works"))
        return f"{prefix} {suffix}{legal}"
    if kind == "business":
        suffix = rng.choice(("Group", "Partners", "Media", "Commerce", "Solutions", "Brands",
                             "Retail", "Consulting"))
        return f"{prefix} {suffix}{legal}"
    if kind == "finance":
        return rng.choice((f"{surname} & {rng.choice(('Reyes', 'Gallo', 'Becker', 'Shaw'))}",
                           f"{prefix} Capital", f"{prefix} Insurance",
                           f"{prefix} Accounting")) + legal
    if kind == "health":
        options = {
            "de": (f"Klinikum {city}", f"Universitätsklinikum {city}",
                   "St. Marien-Krankenhaus"),
            "fr": (f"Hôpital de {city}", f"Clinique {prefix}", "Hôpital Saint-Joseph"),
            "es": (f"Hospital Universitario de {city}", f"Clínica {prefix}"),
            "pt": (f"Hospital de {city}", f"Clínica {prefix}", "Hospital São José"),
        }.get(lang, (f"{city} General Hospital", "St. Mary's Hospital",
                     f"{city} University Hospital", f"{prefix} Medical Centre",
                     "St. Luke's Hospital"))
        return rng.choice(options)
    if kind == "hospitality":
        return rng.choice((f"Hotel {prefix}", f"The {prefix} Hotel", f"{prefix} Hotels & Resorts",
                           f"Café {prefix}", f"{prefix} Brasserie", f"Restaurant {prefix}"))
    if kind == "logistics":
        return f"{prefix} " + rng.choice(("Freight", "Logistics", "Distribution", "Cargo",
                                          "Transport")) + legal
    return rng.choice((f"{surname} & Sons", f"{surname} Electrical", f"{prefix} Building Services",
                       f"{prefix} Mechanical", f"{prefix} Construction", f"{prefix} Facilities"))


def _city_name(rng: random.Random, city: _City, lang: str) -> str:
    return city.en if lang == "en" and city.en and rng.random() < 0.7 else city.name


# Traps for variants mode: (phrase, skills it imitates, families or None for any,
# where it goes, the sentence around it). {year}, {ref_name}, {skill} are filled
# identically in phrase and sentence.
_EN_TRAPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None, str, str], ...] = (
    ("react quickly to customer needs", ("React",), None, "summary",
     "Able to react quickly to customer needs without losing sight of quality."),
    ("learn and excel in fast-paced teams", ("Microsoft Excel",), None, "summary",
     "Keen to learn and excel in fast-paced teams."),
    ("go the extra mile", ("Go",), None, "summary",
     "Happy to go the extra mile when it matters."),
    ("in spring {year}", ("Spring Boot",), None, "bullet",
     "Moved to the head office in spring {year} to help open a second site."),
    ("node of the network", ("Node.js",), ("logistics", "sales"), "bullet",
     "Ran the regional depot, the busiest node of the network."),
    ("ruby anniversary", ("Ruby",), ("hospitality", "marketing", "sales"), "bullet",
     "Organised the company's ruby anniversary celebration for 300 guests."),
    ("shell company", ("Bash",), ("finance", "sales", "logistics"), "bullet",
     ("Flagged a shell company during supplier due diligence and stopped a fraudulent "
     "payment.")),
    ("Go-live", ("Go",), None, "bullet",
     "Supported the Go-live of the new booking system in four locations."),
    ("Kafkaesque", ("Apache Kafka",), None, "bullet",
     "Simplified a Kafkaesque approval process from nine steps to three."),
    ("the spark behind", ("Apache Spark",), None, "bullet",
     "Was the spark behind a monthly knowledge-sharing session."),
    ("improved airflow", ("Apache Airflow",), ("trades",), "bullet",
     "Rebalanced ducts and improved airflow in a six-storey office block."),
    ("stair rails", ("Ruby on Rails",), ("trades",), "bullet",
     "Fitted stair rails and balustrades in 40 flats."),
    ("angular brackets", ("Angular",), ("trades",), "bullet",
     "Fabricated angular brackets for roof-mounted plant."),
    ("French polish", ("French", "Polish"), ("trades",), "bullet",
     "Restored antique joinery using traditional French polish."),
    ("Turkish coffee", ("Turkish",), ("hospitality",), "bullet",
     "Added Turkish coffee and house-made pastries to the breakfast menu."),
    ("Italian cuisine", ("Italian",), ("hospitality",), "bullet",
     "Helped open a 60-seat restaurant serving regional Italian cuisine."),
    ("a lean team", ("Lean Manufacturing",), None, "bullet",
     "Ran a lean team of four that handled twice the usual volume."),
    ("triage of support tickets", ("Triage",), ("software", "frontend", "data"), "bullet",
     "Shared triage of support tickets with the customer team during launches."),
    ("a quick sketch", ("Sketch",), ("trades", "design", "marketing"), "bullet",
     "Explained options to clients with a quick sketch on site."),
)
_NEGATION: dict[str, tuple[str, str]] = {  # phrase, sentence
    "en": ("no experience with {skill} yet", "Keen to learn: no experience with {skill} yet."),
    "de": ("bisher keine Erfahrung mit {skill}", ("Entwicklungsfeld: bisher keine Erfahrung mit "
           "{skill}.")),
    "fr": ("pas encore d'expérience avec {skill}", ("À développer : pas encore d'expérience avec "
           "{skill}.")),
    "es": ("sin experiencia con {skill} todavía", ("Por desarrollar: sin experiencia con {skill} "
           "todavía.")),
    "pt": ("ainda sem experiência com {skill}", ("A desenvolver: ainda sem experiência com "
           "{skill}.")),
}
_REFERENCE: dict[str, tuple[str, str]] = {
    "en": ("R. {ref_name} as reference", ("R. {ref_name} as reference (former manager); contact "
           "details on request.")),
    "de": ("R. {ref_name}", "Referenz: R. {ref_name}, Kontakt auf Anfrage."),
    "fr": ("R. {ref_name}", "Référence : R. {ref_name}, coordonnées sur demande."),
    "es": ("R. {ref_name}", "Referencia: R. {ref_name}, datos de contacto a petición."),
    "pt": ("R. {ref_name}", "Referência: R. {ref_name}, contato sob consulta."),
}
_VOCATIONAL = ("Certificate", "Diploma", "Vocational", "Level", "Associate")
_CREDENTIALS_LABEL = {"en": "Certifications:", "de": "Zertifikate:", "fr": "Certifications :",
                      "es": "Certificaciones:", "pt": "Certificações:"}


def _family_name(rng: random.Random, culture: _Culture, gender: str) -> str:
    def one() -> str:
        raw = rng.choice(culture.family)
        if "/" in raw:  # Polish: Kowalski / Kowalska
            masc, fem = raw.split("/")
            return fem if gender == "f" else masc
        if raw.endswith("*"):  # Icelandic patronymic / matronymic
            return raw[:-1] + ("dóttir" if gender == "f" else "son")
        return raw

    first = one()
    if rng.random() < culture.double_family:
        second = one()
        if second != first:
            return f"{first}{rng.choice((culture.double_joiner,) * 5 + ('-',))}{second}"
    return first


def _make_style(rng: random.Random, lang: str, role: str, country: _Country) -> Style:
    table = _HEADINGS[lang]
    headings = {
        kind: rng.choice(table["skills_tech" if kind == "skills" and role in _TECH else kind])
        for kind in ("summary", "experience", "education", "skills", "languages", "contact",
                     "references")
    }
    if rng.random() < 0.25:  # "WORK EXPERIENCE": the truth records headings as printed
        headings = {k: v.upper() for k, v in headings.items()}
    date_styles = {"en": {"mon": 30, "full": 12, "dotted": 12, "slash": 20, "iso": 6, "year": 20},
                   "de": {"slash": 35, "dot": 15, "mon": 15, "full": 15, "year": 20}}.get(
        lang, {"slash": 35, "mon": 25, "full": 20, "year": 20})
    date_style = _weighted(rng, date_styles)
    separator = rng.choices((" – ", " - ", " — ", "–", _RANGE_WORD[lang]), (40, 30, 8, 10, 12))[0]
    if date_style == "iso" and separator == " - ":
        separator = " – "
    verbosity = rng.choices((0.8, 1.3, 2.0, 3.0, 4.0), (28, 32, 20, 12, 8))[0]
    skills_separator = rng.choice((", ", " · ", " | ", " • ", None))
    if verbosity >= 2 and rng.random() < 0.6:
        skills_separator = None  # long CVs list skills one per line
    return Style(
        language=lang,
        headings=headings,
        order=rng.choice((
            ("summary", "experience", "education", "skills", "languages"),
            ("summary", "skills", "experience", "education", "languages"),
            ("summary", "experience", "skills", "education", "languages"),
            ("summary", "experience", "education", "languages", "skills"),
        )),
        summary_heading=rng.random() < 0.8,
        contact_order=rng.choice((("location", "email", "phone", "links"),
                                  ("email", "phone", "location", "links"),
                                  ("phone", "email", "links", "location"))),
        contact_separator=rng.choice((" | ", " · ", " • ", "  |  ", " – ")),
        contact_labels=rng.random() < 0.35,
        contact_multiline=rng.random() < 0.3,
        date_style=date_style,
        range_separator=separator,
        present=rng.choice(_PRESENT[lang]),
        since=rng.choice(_SINCE[lang]) if rng.random() < 0.25 else None,
        bullet=rng.choice(("•", "•", "-", "–", "▪", "*")),
        job_header=rng.choice(("title_first", "title_first", "employer_first", "dates_first",
                               "one_line")),
        dates_right=rng.random() < 0.4,
        skills_separator=skills_separator,
        languages_separator=rng.choice((", ", " · ", None)),
        font=rng.choices(("sans", "serif", "core"), (45, 20, 35))[0],
        accent=rng.choice(_ACCENTS),
        page="Letter" if country.iso in ("US", "CA") else "A4",
        # The longest CVs (three pages) also tend to be set loosely.
        base_size=rng.choice((9.5, 10.0, 10.0, 10.5, 11.0) if verbosity < 4 else (10.5, 11.0)),
        line_height=rng.choice((118, 125, 130, 140) if verbosity < 4 else (130, 140)),
        verbosity=verbosity,
        qt_lists=rng.random() < 0.5,
        rl_core_bullets=rng.random() < 0.4,
        docx_heading_styles=rng.random() < 0.5,
        docx_tabs=rng.random() < 0.5,
        labels={k: rng.choice(v) for k, v in _LABELS[lang].items()},
        txt_underline=rng.choice(("=", "-", None, None)),
        txt_wrap=rng.choice((None, None, 80, 100)),
        txt_crlf=rng.random() < 0.25,
        txt_encoding=rng.choices(("utf-8", "utf-8-sig", "cp1252"), (80, 10, 10))[0],
    )


def _print_link(url: str, form: str) -> str:
    bare = url.removeprefix("https://").removeprefix("www.")
    if form == "bare" or (form == "www" and not url.startswith("https://www.")):
        return bare
    if form == "www":
        return "www." + bare
    if form == "slash":
        return url + "/"
    return url


def _make_person(seed: int, index: int, variants: bool, reference: date) -> SamplePerson:
    # Variant spellings and traps draw from their own stream, so the same seed gives
    # the same people (names, careers, phones) with or without variants.
    rng = random.Random(f"shortlist-samples:{seed}:{index}")
    vrng = random.Random(f"shortlist-samples:{seed}:{index}:variants")

    culture_key = _weighted(rng, {k: w for k, (w, _) in _CULTURES.items()})
    culture = _CULTURES[culture_key][1]
    gender = rng.choice("fm")
    given = rng.choice(culture.female if gender == "f" else culture.male)
    family_name = _family_name(rng, culture, gender)
    country = _COUNTRIES[_weighted(rng, culture.countries)]
    city = rng.choice(country.cities)
    lang = country.lang if country.lang and rng.random() < _LOCAL_LANGUAGE_SHARE else "en"
    family_first = country.iso == "VN" and rng.random() < 0.5
    name = f"{family_name} {given}" if family_first else f"{given} {family_name}"
    role = _weighted(rng, _FAMILY_WEIGHTS)
    text = _FAMILY_TEXT[role]
    style = _make_style(rng, lang, role, country)
    city_shown = _city_name(rng, city, lang)
    country_shown = country.name_en if lang == "en" else country.name_local
    d = _Draft(rng, lang, gender, country, city, role, text)

    # Career first: titles depend on seniority, skills on titles.
    # Long CVs come from long careers: verbose authors get more entries.
    weights = ((10, 20, 25, 20, 15, 10) if style.verbosity < 2 else (0, 5, 15, 25, 30, 25)
               if style.verbosity < 4 else (0, 0, 0, 20, 40, 40))
    spans = _career(rng, rng.choices(range(1, 7), weights)[0], reference)
    career_start = spans[-1][0]
    jobs: list[Job] = []
    for s, e in spans:
        if style.date_style == "year":
            sy, ey = s // 12, (None if e is None else e // 12)
            if ey is not None and ey <= sy:
                sy = ey - 1
            start, end = (sy, 1), (None if ey is None else (ey, 1))
        else:
            start, end = (s // 12, s % 12 + 1), (None if e is None else (e // 12, e % 12 + 1))
        # Seniority from experience halfway through the job, so a long first job is
        # not an "Apprentice" for seven years.
        now = reference.year * 12 + reference.month - 1
        months_in = ((e if e is not None else now) + s) // 2 - career_start
        level = 2 if months_in < 20 else 1 if months_in < 84 else 0
        title = rng.choice(text.titles[level])
        job_city = city if rng.random() < 0.75 else rng.choice(country.cities)
        job_city_shown = city_shown if job_city is city else _city_name(rng, job_city, lang)
        employer = _employer(rng, text.employer, country, lang, job_city_shown)
        while jobs and (title, employer) == (jobs[-1].title, jobs[-1].employer):
            employer = _employer(rng, text.employer, country, lang, job_city_shown)
        jobs.append(Job(title, employer, job_city_shown, start, end,
                        "year" if style.date_style == "year" else "month",
                        _format_range(style, start, end)))

    # Skills: forced by titles, one or two core ones, then the rest at random.
    pool = list(FAMILY_SKILLS[role])
    chosen = sorted(set().union(*(_implied_by_title(j.title) for j in jobs)) & set(pool))
    cores = [c for c in _CORE_SKILLS[role] if c in pool and c not in chosen]
    rng.shuffle(cores)
    chosen += cores[:rng.randint(1, 2)]
    rest = [s for s in pool if s not in chosen]
    rng.shuffle(rest)
    chosen += rest[:max(0, min(len(pool), rng.randint(6, 14)) - len(chosen))]
    rng.shuffle(chosen)

    langs: list[str] = []
    for candidate in (_LANGUAGE_OF.get(lang), culture.native,
                      "English" if lang == "en" or rng.random() < 0.85 else None):
        if candidate and candidate not in langs:
            langs.append(candidate)
    target = rng.choices((1, 2, 3), (25, 50, 25))[0]
    while len(langs) < target:
        extra = rng.choice(LANGUAGE_SKILLS)
        if extra not in langs:
            langs.append(extra)
    langs = langs[:3]
    levels = _LEVELS[lang]
    native_english = country.iso in _ENGLISH_COUNTRIES - {"IN"} and culture.native in (
        None, "English")
    language_levels = [
        rng.choice(levels["native"]) if lang_ == culture.native
        or (lang_ == "English" and native_english)
        else rng.choice(levels["fluent"] + levels["good"]) if lang_ in (
            "English", _LANGUAGE_OF.get(lang))
        else rng.choice(levels["good"] + levels["basic"])
        for lang_ in langs
    ]

    # Printed forms (variants mode: aliases, typos, translated language names).
    printed = {s: s for s in [*chosen, *langs]}
    variant_spellings: dict[str, str] = {}
    if variants:
        for s in chosen:
            if vrng.random() >= 0.3:
                continue
            aliases = list(ALIASES.get(s, ()))
            typos = list(TYPOS.get(s, ())) if len(s) >= 8 else []
            if not aliases and not typos:
                continue
            use_alias = bool(aliases) and (not typos or vrng.random() < 0.7)
            pick = vrng.choice(aliases if use_alias else typos)
            if pick in ALL_CANONICAL or pick in variant_spellings:
                continue
            printed[s] = pick
            variant_spellings[pick] = s
        for s in langs:
            pick = _LANGUAGE_NAMES[lang][s] if lang != "en" else (
                ALIASES[s][0] if s in ALIASES and vrng.random() < 0.3 else s)
            if pick != s:
                printed[s] = pick
                variant_spellings[pick] = s
    d.skills, d.printed = chosen, printed
    lang_sep = rng.choice((" ({})", " – {}", ": {}"))
    languages_printed = [printed[s] + lang_sep.format(lv) for s, lv in zip(langs, language_levels,
                                                                        strict=True)]

    # Bullets, then a couple of sentences whose numbers must not pass for phones.
    decoys: list[str] = []
    for i, job in enumerate(jobs):
        years = (job.start[0], (job.end or (reference.year, reference.month))[0])
        filler = _Filler(rng, lang, years)
        count = round(style.verbosity * ((rng.randint(3, 6), rng.randint(2, 5),
                                          rng.randint(2, 4))[i] if i < 3 else rng.randint(1, 3)))
        job_used: set[str] = set()
        for _ in range(count):
            kind = rng.choices(("tool", "practice", "plain"), (45, 35, 20))[0]
            sentence = _sentence(d, kind, filler, job_used) or _sentence(
                d, "plain", filler, job_used)
            if sentence:
                job.bullets.append(sentence)
    for job in rng.sample(jobs[:3], min(len(jobs[:3]), rng.randint(1, 2))):
        years = (job.start[0], (job.end or (reference.year, reference.month))[0])
        sentence, numbers = _decoy(d, _Filler(rng, lang, years))
        job.bullets.insert(rng.randint(0, len(job.bullets)), sentence)
        decoys += numbers

    # Summary: three skills in context, maybe an explicit "N+ years", a closing line.
    years_from_dates = years_of_experience([(j.start, j.end) for j in jobs], reference)
    gendered = {k: v[0 if gender == "f" else 1] for k, v in _GENDERED.get(lang, {}).items()}
    candidates = [s for s in chosen if s not in _CREDENTIALS and s not in ("IFRS", "US GAAP")]
    if len(candidates) < 3:
        candidates = list(chosen)
    s1, s2, s3 = rng.sample(candidates, 3)
    d.mentioned |= {s1, s2, s3}
    filler = _Filler(rng, lang, (reference.year, reference.year))
    local = _LOCAL_TEXT.get(lang)
    sentences = [filler.fill(rng.choice(local["summary"] if local else text.summary), {
        "title": jobs[0].title, "s1": printed[s1], "s2": printed[s2], "s3": printed[s3],
        **gendered})]
    years_statement, years_stated = None, None
    if rng.random() < 0.30 and years_from_dates >= 2:
        years_stated = max(1, int(years_from_dates) + rng.choices((0, -1, 1), (70, 15, 15))[0])
        sentences.append(rng.choice(_YEARS_STATEMENT[lang]).format(n=years_stated,
                                                                   domain=text.domain))
        years_statement = f"{years_stated}+ {_YEARS_WORD[lang]}"
    closings = list(local["closing"] if local else text.closing)
    rng.shuffle(closings)
    sentences += [filler.fill(c, gendered) for c in closings[:2 if style.verbosity >= 2 else 1]]
    creds = [printed[s] for s in chosen if s in _CREDENTIALS]
    credentials_line = f"{_CREDENTIALS_LABEL[lang]} {', '.join(creds)}." if creds else None

    # Education ends where the career starts.
    end_year = jobs[-1].start[0] - rng.choice((0, 0, 1))
    masters = [g for g in text.degrees if g.startswith(("M", "Master"))]
    firsts = [g for g in text.degrees if g not in masters]
    institution = rng.choice(country.institutions)
    vocational = {"de": (f"Berufsschule {city.name}", f"Berufskolleg {city.name}"),
                  "fr": (f"Lycée professionnel de {city.name}",),
                  "es": (f"Centro de Formación Profesional de {city.name}",),
                  "pt": (f"Escola Profissional de {city.name}",)}.get(
        country.lang or "", (f"{city_shown} College", f"{city_shown} Technical College"))
    plan: list[tuple[str, int, int]]
    if masters and firsts and rng.random() < 0.3:
        ms = end_year - rng.randint(1, 2)
        be = ms - rng.choice((0, 0, 1))
        plan = [(rng.choice(masters), ms, end_year),
                (rng.choice(firsts), be - rng.randint(3, 4), be)]
    else:
        degree = rng.choice(text.degrees)
        plan = [(degree, end_year - (rng.randint(1, 2) if degree in masters
                                     else rng.randint(2, 4)), end_year)]
    only_end = rng.random() < 0.3
    education = [
        Education(degree,
                  rng.choice(vocational) if degree.startswith(_VOCATIONAL)
                  else institution if i == 0 or rng.random() < 0.5
                  else rng.choice(country.institutions),
                  str(e) if only_end else f"{s}{style.range_separator}{e}")
        for i, (degree, s, e) in enumerate(plan)
    ]

    # Contact details.
    g, f = _slug(given, "-"), _slug(family_name, "-")
    gc, fc = g.replace("-", ""), f.replace("-", "")
    yy = f"{rng.randint(1, 99):02d}"
    local_part = rng.choice((f"{g}.{f}", f"{gc[0]}{fc}", f"{gc}{fc}", f"{fc}.{gc}",
                             f"{gc}_{fc}", f"{gc}.{fc}{yy}", f"{gc[0]}.{fc}"))
    emails = [f"{local_part}@{_weighted(rng, _EMAIL_DOMAINS)}"]
    if rng.random() < 0.05:
        emails.append(f"{gc}.{fc}.work@example.net")
    has_mobile = bool(country.mobile) or country.iso == "BR"
    kinds = [has_mobile and rng.random() < 0.75]
    if rng.random() < 0.08:
        kinds.append(not kinds[0] if has_mobile else False)
    pairs: list[tuple[phonenumbers.PhoneNumber, bool]] = []
    for mobile in kinds:
        num = _make_phone(rng, country, city, mobile)
        if all(num != other for other, _ in pairs):
            pairs.append((num, mobile))
    phones = [phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
              for n, _ in pairs]
    phones_printed = [_print_phone(rng, n, country.iso, m) for n, m in pairs]
    # North Americans do not tell mobiles from landlines by the number: either label fits.
    phone_kinds = ["mobile" if m or (country.iso in ("US", "CA") and rng.random() < 0.5)
                   else "phone" for _, m in pairs]
    links: list[str] = []
    link_forms: list[str] = []
    if rng.random() < 0.7:
        handle = g + "-" + f + (f"-{rng.getrandbits(24):06x}" if rng.random() < 0.5 else "")
        links.append(f"https://www.linkedin.com/in/{handle}")
        link_forms.append(rng.choice(("full", "full", "bare", "www", "slash")))
    if rng.random() < {"software": 0.6, "frontend": 0.6, "data": 0.5, "design": 0.15}.get(
            role, 0.03):
        handle = rng.choice((f"{gc[0]}{fc}", f"{gc}{fc}", f"{g}-{f}", f"{fc}{gc[0]}",
                             f"{gc}{yy}"))
        links.append(f"https://github.com/{handle}")
        link_forms.append(rng.choice(("full", "bare", "bare", "slash")))
    if rng.random() < (0.4 if role in ("design", "marketing", "frontend") else 0.08):
        links.append(f"https://{gc}{fc}.example.com")
        link_forms.append(rng.choice(("full", "bare")))
    links_printed = [_print_link(u, form) for u, form in zip(links, link_forms, strict=True)]

    location = f"{city_shown}, {city.region}" if country.iso == "US" else (
        f"{city_shown}, {country_shown}")
    address = None
    if country.address and rng.random() < 0.3:
        # A postcode is printed on purpose (it must not pass for a phone number); a
        # house number next to it can ("14 – 22137-160" is a valid Rio number), so
        # such an address is drawn again.
        for _ in range(20):
            postcode = _pattern(rng, city.postcode, _POSTCODE_CODES)
            address = country.address.format(
                num=rng.randint(1, 240), street=rng.choice(country.streets), postcode=postcode,
                city=city_shown, region=city.region or "", country=country_shown)
            # Dutch postcodes end in two letters: "2598 JS" must not read as JavaScript.
            if any(tok in _SHORT_TERMS for tok in re.split(r"[\s-]", postcode)):
                continue
            if not any(True for _m in phonenumbers.PhoneNumberMatcher(address, country.iso)):
                break
        else:
            address = None
        if address:
            decoys.append(postcode)

    # Traps (variants mode only): phrases that look like skills the person lacks.
    traps: list[Trap] = []
    references_line = None
    if variants:
        claimed = set(chosen) | set(langs)
        slots = {"ref_name": vrng.choice(("Novak", "Keller", "Whitfield", "Moreau", "Silva",
                                          "Jansen", "Okafor"))}
        picks: list[tuple[str, tuple[str, ...], str, str]] = []
        if lang == "en":
            fitting = [t for t in _EN_TRAPS
                       if (t[2] is None or role in t[2]) and not set(t[1]) & claimed]
            for phrase, imitates, _fam, place, sentence in vrng.sample(
                    fitting, min(len(fitting), vrng.randint(1, 3))):
                picks.append((phrase, imitates, place, sentence))
        unclaimed = [s for s in FAMILY_SKILLS[role] if s not in claimed and len(s) > 3]
        if unclaimed and vrng.random() < 0.4:
            skill = vrng.choice(unclaimed)
            phrase, sentence = _NEGATION[lang]
            picks.append((phrase.replace("{skill}", skill), (skill,), "summary",
                          sentence.replace("{skill}", skill)))
        if "R" not in claimed and (lang != "en" or vrng.random() < 0.3) and vrng.random() < 0.5:
            phrase, sentence = _REFERENCE[lang]
            picks.append((phrase, ("R",), "references", sentence))
        for phrase, imitates, place, sentence in picks:
            job = jobs[vrng.randrange(min(3, len(jobs)))]
            if place == "bullet":  # "in spring 2021" falls within that job
                last = min((job.end or (reference.year, 1))[0], reference.year - 1)
                slots["year"] = str(vrng.randint(min(job.start[0], last), last))
            phrase, sentence = phrase.format(**slots), sentence.format(**slots)
            if place == "summary":
                sentences.insert(-1, sentence)
            elif place == "references":
                references_line = sentence
            else:
                job.bullets.insert(vrng.randint(0, len(job.bullets)), sentence)
            traps += [Trap(phrase, skill) for skill in imitates]

    return SamplePerson(
        index=index, seed=seed, reference=reference, name=name, given_name=given,
        family_name=family_name, gender=gender, culture=culture_key, country=country.iso,
        city=city_shown, location=location, address=address, role_family=role,
        title=jobs[0].title, emails=emails, phones=phones, phones_printed=phones_printed,
        phone_kinds=phone_kinds, links=links, links_printed=links_printed,
        family_skills=chosen, languages=langs, languages_printed=languages_printed,
        printed=printed, variant_spellings=variant_spellings, summary=" ".join(sentences),
        credentials_line=credentials_line, years_statement=years_statement,
        years_stated=years_stated, years_from_dates=years_from_dates, experience=jobs,
        education=education, traps=traps, references_line=references_line,
        number_decoys=decoys, style=style,
    )


def make_people(n: int, seed: int = 0, variants: bool = False,
                reference: date = REFERENCE_DATE) -> list[SamplePerson]:
    """``n`` synthetic people; person *i* depends only on (seed, i, variants, reference).

    ``variants=True`` prints ~30 % of skills as aliases or typos and adds trap
    phrases, for evaluating the matcher; the people themselves stay the same.
    """
    people: list[SamplePerson] = []
    seen: set[str] = set()
    for i in range(n):
        person = _make_person(seed, i, variants, reference)
        # The app links resumes that share an e-mail address as one person, so two
        # different demo people must never share one.
        for j, email in enumerate(person.emails):
            if email in seen:
                local_part, domain = email.split("@")
                person.emails[j] = email = f"{local_part}{i}@{domain}"
            seen.add(email)
        people.append(person)
    return people


# ---------------------------------------------------------------------------
# From person to document: one layout model that every renderer prints, so the
# ground truth (section order, printed contact forms) comes from the same place.
# ---------------------------------------------------------------------------


@dataclass
class _Contact:
    kind: str  # email | phone | location | link
    label: str | None
    text: str
    href: str | None = None

    def line(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class _Items:
    items: list[str]
    separator: str | None  # None: one per line


@dataclass
class _Section:
    kind: str
    heading: str | None
    blocks: list[Any]  # str (paragraph) | Job | Education | _Items | _Contact


@dataclass
class _Doc:
    person: SamplePerson
    two_column: bool
    contact: list[_Contact]
    sidebar: list[_Section]
    main: list[_Section]

    @property
    def sections(self) -> list[str]:
        return [s.heading for s in [*self.sidebar, *self.main] if s.heading]

    @property
    def links_printed(self) -> list[str]:
        return [c.text for c in self.contact if c.kind == "link"]

    def all_text(self) -> str:
        """Every string a renderer may print (to decide whether a cp1252 font will do)."""
        p = self.person
        parts = [p.name, p.title, *(c.line() for c in self.contact), *self.sections]
        for sec in [*self.sidebar, *self.main]:
            for b in sec.blocks:
                if isinstance(b, str):
                    parts.append(b)
                elif isinstance(b, Job):
                    parts += [b.title, b.employer, b.city, b.dates, *b.bullets]
                elif isinstance(b, Education):
                    parts += [b.degree, b.institution, b.years]
                elif isinstance(b, _Items):
                    parts += b.items
        return "\n".join(parts) + p.style.bullet + p.style.contact_separator


def _compose(p: SamplePerson, two_column: bool) -> _Doc:
    st, heads = p.style, p.style.headings
    contact: list[_Contact] = []
    labels = st.labels if st.contact_labels else {}
    for kind in st.contact_order:
        if kind == "location":
            contact.append(_Contact("location", labels.get("address") if p.address else None,
                                    p.address or p.location))
        elif kind == "email":
            contact += [_Contact("email", labels.get("email"), e, "mailto:" + e) for e in p.emails]
        elif kind == "phone":
            contact += [_Contact("phone", labels.get("mobile" if k == "mobile" else "phone"), t,
                                 "tel:" + e)
                        for t, k, e in zip(p.phones_printed, p.phone_kinds, p.phones, strict=True)]
        else:
            for url, text in zip(p.links, p.links_printed, strict=True):
                # A narrow sidebar has no room for "https://www.": people shorten them.
                if two_column and text.startswith("https://"):
                    text = _print_link(url, "bare")
                label = None
                if labels and not two_column:  # sidebars show icons, not "LinkedIn:"
                    label = ("LinkedIn:" if "linkedin.com" in url else
                             "GitHub:" if "github.com" in url else labels.get("web"))
                contact.append(_Contact("link", label, text, url))

    summary = [p.summary, *([p.credentials_line] if p.credentials_line else [])]
    sections = {
        "summary": _Section("summary", heads["summary"] if st.summary_heading or two_column
                            else None, summary),
        "experience": _Section("experience", heads["experience"], list(p.experience)),
        "education": _Section("education", heads["education"], list(p.education)),
        "skills": _Section("skills", heads["skills"], [_Items(
            [p.printed[s] for s in p.family_skills], None if two_column else st.skills_separator)]),
        "languages": _Section("languages", heads["languages"], [_Items(
            p.languages_printed, None if two_column else st.languages_separator)]),
    }
    refs = ([_Section("references", heads["references"], [p.references_line])]
            if p.references_line else [])
    if two_column:
        sidebar = [_Section("contact", heads["contact"], list(contact)), sections["skills"],
                   sections["languages"]]
        main = [sections["summary"], sections["experience"], sections["education"], *refs]
    else:
        sidebar = []
        main = [sections[k] for k in st.order] + refs
    return _Doc(p, two_column, contact, sidebar, main)


def _job_head(job: Job, st: Style, dates_right: bool) -> tuple[str, str | None, str | None]:
    """(first line, dates placed right of it or None, second line or None)."""
    if st.job_header == "dates_first":
        return job.dates, None, f"{job.title} · {job.employer} · {job.city}"
    if st.job_header == "one_line":
        return f"{job.title}, {job.employer}, {job.city} ({job.dates})", None, None
    if st.job_header == "title_first":
        first, second = job.title, f"{job.employer}, {job.city}"
    else:
        first, second = f"{job.employer}, {job.city}", job.title
    if dates_right and st.dates_right:
        return first, job.dates, second
    return first, None, f"{second} | {job.dates}"


def _edu_lines(edu: Education, st: Style) -> tuple[str, str | None]:
    if st.job_header == "one_line":
        return f"{edu.degree}, {edu.institution} ({edu.years})", None
    return edu.degree, f"{edu.institution}, {edu.years}"


# ---------------------------------------------------------------------------
# Plain text and Markdown.
# ---------------------------------------------------------------------------


def render_txt(p: SamplePerson, markdown: bool = False) -> str:
    """The resume as plain text (or Markdown with ``#`` headings); newlines are LF here,
    :func:`write_batch` applies the person's line endings and encoding."""
    doc = _compose(p, two_column=False)
    st = p.style
    md = markdown
    out: list[str] = [f"# {p.name}" if md else p.name, f"**{p.title}**" if md else p.title]

    def contact_text(c: _Contact) -> str:
        if md and c.kind == "link" and c.href:
            return c.href if c.text == c.href else f"[{c.text}]({c.href})"
        return c.line()

    if st.contact_multiline:
        out += [contact_text(c) + ("  " if md else "") for c in doc.contact]
    else:
        out.append(st.contact_separator.join(contact_text(c) for c in doc.contact))
    out.append("")

    def para(text: str, indent: str = "", first: str = "") -> list[str]:
        if md or not st.txt_wrap:
            return [first + text]
        import textwrap  # only plain text wraps; imported here to keep start-up light

        return textwrap.wrap(text, st.txt_wrap, initial_indent=first,
                             subsequent_indent=indent or " " * len(first),
                             break_long_words=False, break_on_hyphens=False)

    bullet = "- " if md else f"{st.bullet} "
    for sec in doc.main:
        if sec.heading:
            if md:
                out += [f"## {sec.heading}", ""]
            else:
                out.append(sec.heading)
                if st.txt_underline:
                    out.append(st.txt_underline * len(sec.heading))
        for block in sec.blocks:
            if isinstance(block, str):
                out += para(block)
            elif isinstance(block, Job):
                first, right, second = _job_head(block, st, dates_right=not md)
                if right:  # dates pushed to the right margin with spaces, as people do
                    first = first + " " * max(2, 78 - len(first) - len(right)) + right
                out.append(f"### {first}" if md else first)
                if second:
                    out.append(f"*{second}*" if md else second)
                for b in block.bullets:
                    out += para(b, first=bullet)
                out.append("")
            elif isinstance(block, Education):
                first, second = _edu_lines(block, st)
                out.append(f"**{first}**" + ("  " if md and second else "") if md else first)
                if second:
                    out.append(second)
            elif isinstance(block, _Items):
                if block.separator:
                    out.append(block.separator.join(block.items))
                else:
                    out += [bullet + item for item in block.items]
        if out[-1] != "":
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------
# DOCX, written by hand: the smallest WordprocessingML that Word and LibreOffice
# open (content types, package rels, document, styles, document rels, core props).
# ---------------------------------------------------------------------------

_W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_DOCX_FONTS = {"sans": "Calibri", "serif": "Cambria", "core": "Arial"}


def _x(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


@dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    color: str | None = None
    size: float | None = None  # points
    href_id: str | None = None


def _w_run(run: _Run) -> str:
    props = ""
    if run.href_id:
        props += '<w:rStyle w:val="Hyperlink"/>'
    if run.bold:
        props += "<w:b/>"
    if run.italic:
        props += "<w:i/>"
    if run.color:
        props += f'<w:color w:val="{run.color.lstrip("#")}"/>'
    if run.size:
        props += f'<w:sz w:val="{round(run.size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = []
    for i, chunk in enumerate(run.text.split("\t")):
        if i:
            pieces.append("<w:tab/>")
        if chunk:
            pieces.append(f'<w:t xml:space="preserve">{_x(chunk)}</w:t>')
    xml = f"<w:r>{rpr}{''.join(pieces)}</w:r>"
    return f'<w:hyperlink r:id="{run.href_id}">{xml}</w:hyperlink>' if run.href_id else xml


def _w_p(runs: Sequence[_Run], style: str | None = None, space_before: int = 0,
         indent: int = 0, hanging: int = 0, right_tab: int | None = None,
         keep_next: bool | None = None) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if keep_next is not None:  # False overrides a style's keepNext
        ppr += "<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>'

    if right_tab:
        ppr += f'<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>'
    if space_before:
        ppr += f'<w:spacing w:before="{space_before}" w:after="40"/>'
    if indent or hanging:
        ppr += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(_w_run(r) for r in runs)}</w:p>"


def render_docx(p: SamplePerson, two_column: bool = False) -> bytes:
    """A .docx built with zipfile; ``two_column`` puts the sidebar in a borderless table."""
    doc = _compose(p, two_column)
    st = p.style
    letter = st.page == "Letter"
    page_w, page_h = (12240, 15840) if letter else (11906, 16838)  # twentieths of a point
    margin = 1080
    text_w = page_w - 2 * margin
    rels: list[tuple[str, str]] = []  # (id, target) of external hyperlinks

    def link_id(url: str) -> str:
        rid = f"rIdL{len(rels) + 1}"
        rels.append((rid, url))
        return rid

    # "Keep with next" inside a table makes LibreOffice keep the whole table with the
    # paragraph after it, pushing a multi-page table off the first page: cells never keep.
    def heading(text: str, keep: bool) -> str:
        if st.docx_heading_styles:
            return _w_p([_Run(text)], style="Heading1", keep_next=keep)
        return _w_p([_Run(text, bold=True, color=st.accent, size=st.base_size + 2)],
                    space_before=220, keep_next=keep)

    def contact_para(c: _Contact, width: int | None = None) -> str:
        size = None
        if width:  # a narrow cell: shrink long lines rather than break an e-mail address
            fits = width / 20 / (0.62 * len(c.line()))
            size = round(min(st.base_size - 1, max(6.0, fits)) * 2) / 2
        runs = [_Run(c.label + " ", size=size)] if c.label else []
        runs.append(_Run(c.text, size=size, href_id=link_id(c.href)
                         if c.kind == "link" and c.href else None))
        return _w_p(runs)

    def section(sec: _Section, width: int, in_table: bool = False) -> list[str]:
        keep = not in_table
        out = [heading(sec.heading, keep)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(_w_p([_Run(block)]))
            elif isinstance(block, _Contact):
                out.append(contact_para(block, width if in_table else None))
            elif isinstance(block, Job):
                first, right, second = _job_head(block, st, dates_right=st.docx_tabs)
                runs = [_Run(first, bold=True)]
                if right:
                    runs.append(_Run("\t" + right))
                out.append(_w_p(runs, space_before=120, right_tab=width if right else None,
                                keep_next=keep))
                if second:
                    out.append(_w_p([_Run(second, italic=True)], keep_next=keep))
                out += [_w_p([_Run(f"{st.bullet}\t{b}")], indent=360, hanging=360)
                        for b in block.bullets]
            elif isinstance(block, Education):
                first, second = _edu_lines(block, st)
                out.append(_w_p([_Run(first, bold=True)], space_before=80))
                if second:
                    out.append(_w_p([_Run(second)]))
            elif isinstance(block, _Items):
                if block.separator:
                    out.append(_w_p([_Run(block.separator.join(block.items))]))
                else:
                    out += [_w_p([_Run(item)]) for item in block.items]
        return out

    body: list[str] = [
        _w_p([_Run(p.name)], style="Title") if st.docx_heading_styles
        else _w_p([_Run(p.name, bold=True, size=st.base_size + 12)]),
        _w_p([_Run(p.title, color=st.accent, size=st.base_size + 2)]),
    ]
    if two_column:
        side_w = int(text_w * 0.32)
        cell = ('<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr>{content}</w:tc>')
        side = "".join(x for sec in doc.sidebar for x in section(sec, side_w - 240, True))
        main = "".join(x for sec in doc.main for x in section(sec, text_w - side_w - 240, True))
        body.append(
            '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>'
            + "".join(f'<w:{b} w:val="nil"/>' for b in ("top", "left", "bottom", "right",
                                                          "insideH", "insideV"))
            + '</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{side_w}"/><w:gridCol w:w="{text_w - side_w}"/>'
            "</w:tblGrid><w:tr>"
            + cell.format(w=side_w, shade='<w:shd w:val="clear" w:color="auto" w:fill="EEF1F4"/>',
                          content=side)
            + cell.format(w=text_w - side_w, shade="", content=main)
            + "</w:tr></w:tbl>")
        body.append(_w_p([]))  # a table must not be the body's last block
    else:
        if st.contact_multiline:
            body += [contact_para(c) for c in doc.contact]
        else:
            runs: list[_Run] = []
            for i, c in enumerate(doc.contact):
                if i:
                    runs.append(_Run(st.contact_separator))
                if c.label:
                    runs.append(_Run(c.label + " "))
                runs.append(_Run(c.text, href_id=link_id(c.href) if c.kind == "link" and c.href
                                 else None))
            body.append(_w_p(runs))
        for sec in doc.main:
            body += section(sec, text_w)

    body.append(f'<w:sectPr><w:pgSz w:w="{page_w}" w:h="{page_h}"/><w:pgMar w:top="{margin}" '
                f'w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="708" '
                'w:footer="708" w:gutter="0"/></w:sectPr>')
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<w:document {_W_NS}><w:body>{''.join(body)}</w:body></w:document>")
    font = _DOCX_FONTS[st.font]
    half = round(st.base_size * 2)
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles {_W_NS}><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="en-GB"/></w:rPr>'
        '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="40" w:line="264" '
        'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/>'
        f'<w:sz w:val="{half + 24}"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
        '<w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/>'
        f'<w:color w:val="{st.accent.lstrip("#")}"/><w:sz w:val="{half + 4}"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
        "</w:styles>")
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="styles.xml"/>'
        + "".join(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/'
                  f'officeDocument/2006/relationships/hyperlink" Target="{_x(url)}" '
                  'TargetMode="External"/>' for rid, url in rels)
        + "</Relationships>")
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/></Types>')
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(p.name)} – CV</dc:title><dc:creator>{_x(p.name)}</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">'
        f"{p.reference.isoformat()}T09:00:00Z</dcterms:created></cp:coreProperties>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        # Fixed timestamps keep the bytes identical for the same person.
        for name, data in (("[Content_Types].xml", content_types), ("_rels/.rels", package_rels),
                           ("word/document.xml", document), ("word/styles.xml", styles),
                           ("word/_rels/document.xml.rels", doc_rels),
                           ("docProps/core.xml", core)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


# ---------------------------------------------------------------------------
# PDF by reportlab.
# ---------------------------------------------------------------------------

_MAX_PAGES = 3
_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/liberation",
    "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts", str(Path.home() / ".fonts"), str(Path.home() / ".local/share/fonts"),
)
_FONT_FILES = {  # regular, bold, italic; first complete set found wins
    "sans": (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
             ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
              "LiberationSans-Italic.ttf"),
             ("arial.ttf", "arialbd.ttf", "ariali.ttf"),
             ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf")),
    "serif": (("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
              ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
               "LiberationSerif-Italic.ttf"),
              ("times.ttf", "timesbd.ttf", "timesi.ttf"),
              ("Times New Roman.ttf", "Times New Roman Bold.ttf",
               "Times New Roman Italic.ttf")),
}
_rl_registered: dict[str, tuple[str, str, str]] = {}


def _rl_fonts(kind: str) -> tuple[str, str, str]:
    """Register (once) a Unicode TrueType family for reportlab and return its names.

    The PDF base-14 fonts only cover cp1252, and names like Nguyễn or Łukasz need
    more; DejaVu (Linux), Liberation or Arial/Times (macOS, Windows) do. Without any
    of them, reportlab's bundled Vera is used, which lacks some Latin Extended letters.
    """
    if kind == "core":
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    if kind in _rl_registered:
        return _rl_registered[kind]
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files: tuple[str, ...] | None = None
    for triple in _FONT_FILES[kind]:
        for folder in _FONT_DIRS:
            paths = tuple(os.path.join(folder, f) for f in triple)
            if all(os.path.exists(x) for x in paths):
                files = paths
                break
        if files:
            break
    if files is None:
        vera = os.path.join(os.path.dirname(rl_config.__file__), "fonts")
        files = tuple(os.path.join(vera, f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf"))
    names = (f"SL{kind}", f"SL{kind}-Bold", f"SL{kind}-Italic")
    for font_name, path in zip(names, files, strict=True):
        pdfmetrics.registerFont(TTFont(font_name, path))
    addMapping(names[0], 0, 0, names[0])
    addMapping(names[0], 1, 0, names[1])
    addMapping(names[0], 0, 1, names[2])
    addMapping(names[0], 1, 1, names[1])
    _rl_registered[kind] = names
    return names


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _render_reportlab(p: SamplePerson, two_column: bool, scale: float = 1.0) -> tuple[bytes, int]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        KeepTogether,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )

    doc_model = _compose(p, two_column)
    st = p.style
    kind = st.font if st.font != "core" or _cp1252(doc_model.all_text()) else "sans"
    regular, bold, italic = _rl_fonts(kind)
    base = st.base_size * scale
    accent = colors.HexColor(st.accent)
    grey = colors.HexColor("#555555")
    core_bullet = st.rl_core_bullets and st.bullet in "•-–*"

    def style(name: str, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", regular)
        kw.setdefault("fontSize", base)
        kw.setdefault("leading", kw["fontSize"] * 1.28)
        return ParagraphStyle(name, **kw)

    leading = st.line_height / 100
    s_body = style("body", leading=base * leading)
    s_small = style("small", fontSize=base - 1)
    s_name = style("name", fontName=bold, fontSize=base + 11, leading=(base + 11) * 1.15)
    s_head = style("headline", fontSize=base + 2, textColor=accent, spaceAfter=4)
    s_h = style("heading", fontName=bold, fontSize=base + 1.5, textColor=accent,
                spaceBefore=base * 0.9, spaceAfter=3, keepWithNext=1)
    s_job = style("job", fontName=bold, spaceBefore=base * 0.6, keepWithNext=1)
    s_sub = style("sub", fontName=italic, fontSize=base - 0.5, textColor=grey, keepWithNext=1)
    s_right = style("right", fontSize=base - 0.5, alignment=TA_RIGHT, textColor=grey)
    s_bullet = style("bullet", leftIndent=12, bulletIndent=2, leading=base * leading,
                     bulletFontName="Helvetica" if core_bullet else regular, bulletFontSize=base)

    def para(text: str, s: ParagraphStyle, href: str | None = None, **kw: Any) -> Paragraph:
        body = xml_escape(text)
        if href:
            body = f'<a href="{xml_escape(href)}">{body}</a>'
        return Paragraph(body, s, **kw)

    def fitted(text: str, width: float, href: str | None = None) -> Paragraph:
        # Sidebar lines must not wrap (an e-mail split over two lines is no e-mail):
        # shrink the font until the line fits.
        size = base - 1
        w = stringWidth(text, regular, size)
        if w > width:
            size = max(4.5, size * width / w * 0.98)
        return para(text, style("fit", fontSize=size, splitLongWords=0), href)

    def section(sec: _Section, width: float) -> list[Any]:
        out: list[Any] = [para(sec.heading, s_h)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(para(block, s_body))
            elif isinstance(block, _Contact):
                out.append(fitted(block.line(), width, block.href if block.kind != "phone"
                                  else None))
            elif isinstance(block, Job):
                first, right, second = _job_head(block, st, dates_right=True)
                head: list[Any]
                if right:
                    table = Table([[para(first, s_job), para(right, s_right)]],
                                  colWidths=[width * 0.66, width * 0.34])
                    table.setStyle(TableStyle([
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), base * 0.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
                    head = [table]
                else:
                    head = [para(first, s_job)]
                if second:
                    head.append(para(second, s_sub))
                bullets = [para(b, s_bullet, bulletText=st.bullet) for b in block.bullets]
                out.append(KeepTogether(head + bullets[:1]))  # never orphan a job title
                out += bullets[1:]
            elif isinstance(block, Education):
                first, second = _edu_lines(block, st)
                out.append(para(first, s_job))
                if second:
                    out.append(para(second, s_body))
            elif isinstance(block, _Items):
                if block.separator:
                    out.append(para(block.separator.join(block.items), s_body))
                else:
                    out += [fitted(item, width) for item in block.items] if two_column else [
                        para(item, s_bullet, bulletText=st.bullet) for item in block.items]
        return out

    page_w, page_h = letter if st.page == "Letter" else A4
    margin = 18 * mm
    text_w = page_w - 2 * margin
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=(page_w, page_h), leftMargin=margin,
                          rightMargin=margin, topMargin=margin, bottomMargin=margin,
                          title=f"{p.name} – CV", author=p.name, creator="Shortlist samples",
                          invariant=1)
    header = [para(p.name, s_name), para(p.title, s_head)]
    if two_column:
        side_w = text_w * 0.31
        gap = 7 * mm
        main_w = text_w - side_w - gap
        header_h = sum(f.wrap(text_w, page_h)[1] for f in header) + 12
        tint = colors.HexColor("#eef1f4")

        def sidebar_band(canvas: Any, doc_: Any) -> None:
            top = page_h - margin - header_h + 2 * mm if doc_.page == 1 else page_h
            canvas.saveState()
            canvas.setFillColor(tint)
            canvas.rect(margin - 4 * mm, 0, side_w + 8 * mm, top, stroke=0, fill=1)
            canvas.restoreState()

        body_h = page_h - 2 * margin - header_h
        pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        doc.addPageTemplates([
            PageTemplate("first", [
                Frame(margin, page_h - margin - header_h, text_w, header_h, id="head", **pad),
                Frame(margin, margin, side_w, body_h, id="side", **pad),
                Frame(margin + side_w + gap, margin, main_w, body_h, id="main", **pad),
            ], onPage=sidebar_band),
            PageTemplate("later", [Frame(margin + side_w + gap, margin, main_w,
                                         page_h - 2 * margin, id="later", **pad)],
                         onPage=sidebar_band),
        ])
        story: list[Any] = [NextPageTemplate("later"), *header, FrameBreak()]
        for sec in doc_model.sidebar:
            story += section(sec, side_w)
        story.append(FrameBreak())
        for sec in doc_model.main:
            story += section(sec, main_w)
    else:
        doc.addPageTemplates([PageTemplate("page", [Frame(margin, margin, text_w,
                                                          page_h - 2 * margin, id="body")])])
        story = list(header)
        if st.contact_multiline:
            story += [para(c.line(), s_small, c.href if c.kind == "link" else None)
                      for c in doc_model.contact]
        else:
            story.append(Paragraph(xml_escape(st.contact_separator).join(
                xml_escape(c.line()) for c in doc_model.contact), s_small))
        for sec in doc_model.main:
            story += section(sec, text_w)
    doc.build(story)
    return buf.getvalue(), doc.page


def render_pdf_reportlab(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by reportlab's platypus (embedded TrueType subset or base-14 fonts)."""
    return _fit_pages(_render_reportlab, p, two_column)[0]


def _fit_pages(render: Any, p: SamplePerson, two_column: bool) -> tuple[bytes, int]:
    """Render, shrinking type a little if the content ran past three pages."""
    for scale in (1.0, 0.92, 0.85, 0.78):
        data, pages = render(p, two_column, scale)
        if pages <= _MAX_PAGES:
            break
    return data, pages


# ---------------------------------------------------------------------------
# PDF by Qt (QTextDocument painted page by page on a QPdfWriter).
# ---------------------------------------------------------------------------

_qt_app: Any = None  # keeps the QGuiApplication we create alive


def _ensure_qt() -> None:
    """Create a QGuiApplication if none exists (fonts and painting need one).

    Headless Linux has no display: use the offscreen platform unless the caller
    chose a platform. Done here, lazily, so importing this module never starts Qt.
    The application made is a QApplication (a QGuiApplication that also allows
    widgets) when QtWidgets is available, so a test run or the desktop app that
    later shows a window in the same process is not stuck with a widget-less app.
    Call it (or render_pdf_qt) first from the main thread.
    """
    global _qt_app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        if (not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux")
                and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app_class: type[QGuiApplication] = QGuiApplication
        try:
            from PySide6.QtWidgets import QApplication

            app_class = QApplication
        except ImportError:  # a Qt build without widgets
            pass
        _qt_app = app_class([sys.argv[0] if sys.argv and sys.argv[0] else "shortlist"])
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("render_pdf_qt needs a QGuiApplication, but a QCoreApplication "
                           "already exists in this process")


_QT_FAMILIES = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "core": "Arial"}


def _render_qt(p: SamplePerson, two_column: bool, scale: float = 1.0) -> tuple[bytes, int]:
    _ensure_qt()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import (
        QFont,
        QFontMetricsF,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    doc_model = _compose(p, two_column)
    st = p.style
    base = st.base_size * scale
    esc = html.escape
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if st.page == "Letter"
                                 else QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{p.name} – CV")
    writer.setCreator("Shortlist samples")
    family = _QT_FAMILIES[st.font]
    dpi = writer.resolution()
    side_pt = writer.width() * 72 / dpi * 0.31 - 20  # sidebar text width in points

    def fit_size(text: str) -> float:
        font = QFont(family)
        font.setPointSizeF(base - 1)
        width = QFontMetricsF(font, writer).horizontalAdvance(text) * 72 / dpi
        return base - 1 if width <= side_pt else max(4.5, (base - 1) * side_pt / width * 0.97)

    def px(points: float) -> str:
        # Qt rich text takes margins in CSS pixels (1/96 in) and ignores "pt" there.
        return f"{points * 4 / 3:.1f}px"

    def p_(text: str, css: str = "") -> str:
        return (f'<p style="margin-top:0; margin-bottom:{px(1.5)}; line-height:{st.line_height}%;'
                f' {css}">{text}</p>')

    def heading(text: str) -> str:
        return (f'<p style="margin-top:{px(base * 1.1)}; margin-bottom:{px(3)}; font-weight:bold;'
                f' font-size:{base + 1.5:.1f}pt; color:{st.accent}">{esc(text)}</p>')

    def link(c: _Contact) -> str:
        return f'<a href="{esc(c.href or "")}">{esc(c.text)}</a>' if c.kind == "link" else esc(
            c.text)

    def contact_html(c: _Contact) -> str:
        return (esc(c.label) + " " if c.label else "") + link(c)

    def bullets(items: Sequence[str]) -> str:
        if st.qt_lists:  # Qt draws list bullets as shapes: they extract as nothing
            return ('<ul style="margin-top:0; margin-bottom:0; -qt-list-indent:1">'
                    + "".join(f"<li>{esc(b)}</li>" for b in items) + "</ul>")
        return "".join(p_(f"{esc(st.bullet)}&nbsp;{esc(b)}",
                          f"margin-left:{px(12)}; text-indent:-{px(9)}") for b in items)

    def section(sec: _Section, sidebar: bool) -> str:
        out = [heading(sec.heading)] if sec.heading else []
        for block in sec.blocks:
            if isinstance(block, str):
                out.append(p_(esc(block)))
            elif isinstance(block, _Contact):  # Qt would break "kavya-deshpande" at the hyphen
                out.append(p_(contact_html(block),
                              f"font-size:{fit_size(block.line()):.1f}pt; white-space:nowrap"))
            elif isinstance(block, Job):
                first, right, second = _job_head(block, st, dates_right=True)
                if right:
                    out.append('<table width="100%" cellspacing="0" cellpadding="0" '
                               f'style="margin-top:{px(base * 0.6)}"><tr><td><b>{esc(first)}'
                               f'</b></td><td align="right" style="color:#555555">{esc(right)}'
                               "</td></tr></table>")
                else:
                    out.append(p_(f"<b>{esc(first)}</b>", f"margin-top:{px(base * 0.6)}"))
                if second:
                    out.append(p_(f"<i>{esc(second)}</i>", "color:#555555"))
                out.append(bullets(block.bullets))
            elif isinstance(block, Education):
                first, second = _edu_lines(block, st)
                out.append(p_(f"<b>{esc(first)}</b>", f"margin-top:{px(base * 0.5)}"))
                if second:
                    out.append(p_(esc(second)))
            elif isinstance(block, _Items):
                if block.separator:
                    out.append(p_(esc(block.separator.join(block.items))))
                elif sidebar:
                    out += [p_(esc(i), f"font-size:{fit_size(i):.1f}pt") for i in block.items]
                else:
                    out.append(bullets(block.items))
        return "".join(out)

    parts = [
        p_(esc(p.name), f"font-size:{base + 11:.1f}pt; font-weight:bold"),
        p_(esc(p.title), f"font-size:{base + 2:.1f}pt; color:{st.accent}; margin-bottom:{px(6)}"),
    ]
    if two_column:
        side = "".join(section(s, True) for s in doc_model.sidebar)
        main = "".join(section(s, False) for s in doc_model.main)
        parts.append('<table width="100%" cellspacing="0" cellpadding="8"><tr>'
                     f'<td width="31%" bgcolor="#eef1f4" valign="top">{side}</td>'
                     f'<td width="69%" valign="top">{main}</td></tr></table>')
    else:
        # Qt may wrap after a hyphen, which would split an e-mail address or URL: a
        # contact line that would not fit goes one item per line instead.
        small = QFont(family)
        small.setPointSizeF(base - 1)
        line = st.contact_separator.join(c.line() for c in doc_model.contact)
        too_long = QFontMetricsF(small, writer).horizontalAdvance(line) > writer.width() * 0.97
        if st.contact_multiline or too_long:
            parts += [p_(contact_html(c), f"font-size:{base - 1:.1f}pt") for c in doc_model.contact]
        else:
            parts.append(p_(esc(st.contact_separator).join(contact_html(c)
                                                           for c in doc_model.contact),
                            f"font-size:{base - 1:.1f}pt"))
        parts += [section(s, False) for s in doc_model.main]

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the printer's units
    font = QFont(family)
    font.setPointSizeF(base)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    width, height = writer.width(), writer.height()
    doc.setPageSize(QSizeF(width, height))
    pages = doc.pageCount()
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * height)
        doc.drawContents(painter, QRectF(0, page * height, width, height))
        painter.restore()
    painter.end()
    buf.close()
    return bytes(data.data()), pages


def render_pdf_qt(p: SamplePerson, two_column: bool = False) -> bytes:
    """PDF made by Qt: HTML in a QTextDocument, painted on a QPdfWriter page by page."""
    return _fit_pages(_render_qt, p, two_column)[0]


# ---------------------------------------------------------------------------
# Ground truth and batches.
# ---------------------------------------------------------------------------

_PRODUCERS: dict[str, tuple[str, str, str]] = {  # key: (producer, format, extension)
    "pdf_reportlab": ("reportlab", "pdf", "pdf"),
    "pdf_qt": ("qt", "pdf", "pdf"),
    "docx": ("docx", "docx", "docx"),
    "txt": ("txt", "txt", "txt"),
    "markdown": ("markdown", "txt", "txt"),
}


def ground_truth(p: SamplePerson, *, file: str, producer: str, two_column: bool = False,
                 pages: int | None = None, encoding: str | None = None) -> dict[str, Any]:
    """The JSON-ready truth for one file made from ``p`` (see the module docs for keys)."""
    doc = _compose(p, two_column)
    fmt = {"reportlab": "pdf", "qt": "pdf", "docx": "docx", "txt": "txt", "markdown": "txt"}[
        producer]
    return {
        "file": file,
        "format": fmt,
        "producer": producer,
        "layout": "two_column" if two_column else "one_column",
        "language": p.language,
        "name": p.name,
        "emails": list(p.emails),
        "phones": list(p.phones),
        "phones_printed": list(p.phones_printed),
        "links": list(p.links),
        "links_printed": doc.links_printed,
        "location": p.location,
        "address": p.address,
        "country": p.country,
        "title": p.title,
        "role_family": p.role_family,
        "skills": p.skills,
        "skills_section": [p.printed[s] for s in p.family_skills],
        "languages_printed": list(p.languages_printed),
        "sections": doc.sections,
        "years_experience": p.years_experience,
        "years_statement": p.years_statement,
        "years_from_dates": p.years_from_dates,
        "education": [{"degree": e.degree, "institution": e.institution} for e in p.education],
        "pages": pages,
        "experience": [j.truth() for j in p.experience],
        "traps": [{"phrase": t.phrase, "imitates": t.imitates} for t in p.traps],
        "variant_spellings": dict(p.variant_spellings),
        "number_decoys": list(p.number_decoys),
        "encoding": encoding,
        "seed": p.seed,
        "index": p.index,
        "reference_date": p.reference.isoformat(),
    }


def _assign_formats(n: int, mix: dict[str, float], seed: int) -> list[tuple[str, bool]]:
    """(format key, two_column) per file index, independent of n.

    A golden-ratio sequence hits each share within a file or two at any n, so file i
    keeps its format when a benchmark grows from 200 to 5,000 files. Half of each
    PDF producer's files (alternating) and a quarter of DOCX files are two-column.
    """
    total = sum(mix.values())
    keys = [k for k in _PRODUCERS if mix.get(k, 0) > 0]
    bounds, acc = [], 0.0
    for k in keys:
        acc += mix[k] / total
        bounds.append(acc)
    offset = random.Random(f"shortlist-samples:{seed}:formats").random()
    seen = dict.fromkeys(keys, 0)
    out: list[tuple[str, bool]] = []
    for i in range(n):
        u = (offset + i * 0.6180339887498949) % 1.0
        key = next((k for k, b in zip(keys, bounds, strict=True) if u < b), keys[-1])
        count = seen[key]
        seen[key] += 1
        two = count % 2 == 1 if key.startswith("pdf") else key == "docx" and count % 4 == 3
        out.append((key, two))
    return out


def _render_file(p: SamplePerson, key: str, two_column: bool) -> tuple[bytes, int | None,
                                                                          str | None]:
    """(bytes, pages for PDFs, text encoding for TXT)."""
    if key == "pdf_reportlab":
        return (*_fit_pages(_render_reportlab, p, two_column), None)
    if key == "pdf_qt":
        return (*_fit_pages(_render_qt, p, two_column), None)
    if key == "docx":
        return render_docx(p, two_column), None, None
    text = render_txt(p, markdown=key == "markdown")
    if p.style.txt_crlf:
        text = text.replace("\n", "\r\n")
    encoding = p.style.txt_encoding
    if encoding == "cp1252" and not _cp1252(text):
        encoding = "utf-8"
    return text.encode(encoding), None, encoding


def write_batch(out_dir: Path, n: int, seed: int = 0, formats: dict[str, float] | None = None,
                variants: bool = False, reference: date = REFERENCE_DATE) -> list[Path]:
    """Write ``n`` resumes to ``out_dir`` with ``<file>.truth.json`` beside each.

    ``formats`` maps keys of :data:`DEFAULT_FORMATS` (pdf_reportlab, pdf_qt, docx, txt,
    markdown) to shares; they need not sum to 1. Returns the resume paths in order.
    """
    mix = dict(DEFAULT_FORMATS if formats is None else formats)
    unknown = sorted(set(mix) - set(_PRODUCERS))
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; use {sorted(_PRODUCERS)}")
    if n < 0 or sum(v for v in mix.values() if v > 0) <= 0:
        raise ValueError("n must be >= 0 and at least one format share must be positive")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    people = make_people(n, seed, variants, reference)
    paths: list[Path] = []
    for p, (key, two_column) in zip(people, _assign_formats(n, mix, seed), strict=True):
        producer, _fmt, ext = _PRODUCERS[key]
        path = out_dir / f"{p.index:05d}_{_slug(p.name, '-')[:40]}.{ext}"
        data, pages, encoding = _render_file(p, key, two_column)
        path.write_bytes(data)
        truth = ground_truth(p, file=path.name, producer=producer, two_column=two_column,
                             pages=pages, encoding=encoding)
        path.with_name(path.name + ".truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _main(argv: Sequence[str] | None = None) -> int:
    """``python -m app.samples OUT_DIR [-n 200]``: write a batch and print the throughput."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m app.samples", description=_main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--variants", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_batch(args.out_dir, args.n, seed=args.seed, variants=args.variants)
    elapsed = time.perf_counter() - start
    print(f"{len(paths)} resumes in {elapsed:.2f} s: {len(paths) / elapsed:.1f} files/s "
          f"-> {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
