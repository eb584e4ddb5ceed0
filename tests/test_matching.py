"""The matcher's guards, one trap per test, and the scoring rules."""

import pytest

from parsing.matching import (
    Criterion,
    Dense,
    Evidence,
    JobSpec,
    PersonFacts,
    aggregate,
    find_phrases,
    rank_dense,
    score_person,
)


def rank_fast(job, people, aggs, this_year):
    """The ranking from per-criterion aggregates, as review.ranking feeds rank_dense."""
    index = {p.person: i for i, p in enumerate(people)}
    criteria = job.criteria + job.language_criteria()
    dense = {c: Dense.from_aggs(aggs.get(c, {}), index, len(people)) for c in criteria}
    return rank_dense(job, people, dense, this_year)


def skills_in(taxonomy, text, skills_section=False):
    hits = taxonomy.find(text, (lambda _o: True) if skills_section else None)
    return [h.skill for h in hits if h.counts]


def test_r_in_a_list_is_the_language(taxonomy):
    assert "R" in skills_in(taxonomy, "Standardised the Python and R dependencies")


@pytest.mark.parametrize(
    "text", ["Led the R&D team", "Reference: R. Smith, Head of Sales", "Grade R at school"]
)
def test_r_as_a_letter_is_not_a_skill(taxonomy, text):
    assert "R" not in skills_in(taxonomy, text)


def test_c_cpp_csharp_are_three_skills(taxonomy):
    found = skills_in(taxonomy, "Languages: C, C++, C# and Python")
    assert {"C", "C++", "C#"} <= set(found)


@pytest.mark.parametrize(
    "text", ["Reported to the C-level", "Passed with grade C in maths", "Vitamin C research"]
)
def test_c_as_a_letter_is_not_a_skill(taxonomy, text):
    assert "C" not in skills_in(taxonomy, text)


def test_go_in_context_is_the_language(taxonomy):
    assert "Go" in skills_in(taxonomy, "Built the fraud pipeline using Kafka and Go")


def test_go_as_a_verb_is_noted_but_not_counted(taxonomy):
    hits = taxonomy.find("Always ready to go the extra mile for customers")
    assert not [h for h in hits if h.skill == "Go" and h.counts]
    assert [h for h in hits if h.skill == "Go" and h.flag == "ordinary_word"]


def test_java_and_javascript_stay_apart(taxonomy):
    assert skills_in(taxonomy, "Built the checkout in JavaScript") == ["JavaScript"]
    assert skills_in(taxonomy, "Wrote that service in Java 17") == ["Java"]


def test_dotnet_and_network(taxonomy):
    assert ".NET" in skills_in(taxonomy, "Services on .NET Core and Azure")
    assert ".NET" not in skills_in(taxonomy, "Managed the office network and printers")


def test_node_js_and_node(taxonomy):
    assert "Node.js" in skills_in(taxonomy, "APIs in Node.js and TypeScript")
    assert "Node.js" not in skills_in(taxonomy, "Each node of the network was monitored")


@pytest.mark.parametrize(
    "text", ["An excellent communicator", "I learn fast and excel in fast-paced teams"]
)
def test_excel_and_excellent(taxonomy, text):
    assert "Microsoft Excel" not in skills_in(taxonomy, text)


def test_excel_the_software(taxonomy):
    assert "Microsoft Excel" in skills_in(taxonomy, "Reporting in MS Excel and Power BI")


def test_swift_the_adjective_and_the_language(taxonomy):
    assert "Swift" not in skills_in(taxonomy, "Swift delivery of every order")
    assert "Swift" in skills_in(taxonomy, "iOS apps written in Swift and Kotlin")


def test_spring_the_season_and_the_framework(taxonomy):
    assert "Spring" not in skills_in(taxonomy, "Joined in Spring 2021 as an intern")
    assert "Spring Boot" in skills_in(taxonomy, "Microservices with Spring Boot")


def test_react_quickly_is_not_react(taxonomy):
    assert "React" not in skills_in(taxonomy, "Able to react quickly to customer needs")
    assert "React" in skills_in(taxonomy, "Front end in React and Redux")


def test_negation_guard(taxonomy):
    hits = taxonomy.find("Eager to learn; no experience with Kubernetes yet")
    kube = [h for h in hits if h.skill == "Kubernetes"]
    assert kube and kube[0].flag == "negated"
    assert "Kubernetes" not in skills_in(
        taxonomy, "Eager to learn; no experience with Kubernetes yet"
    )


@pytest.mark.parametrize(
    "typo, skill",
    [
        ("Javascrpt", "JavaScript"),
        ("Kubernets", "Kubernetes"),
        ("Postgre SQL", "PostgreSQL"),
        ("Elasticserch", "Elasticsearch"),
        ("Terrafrom", "Terraform"),
    ],
)
def test_typos_are_found_with_their_similarity(taxonomy, typo, skill):
    hits = [h for h in taxonomy.find(f"Worked with {typo} daily") if h.skill == skill]
    assert hits and hits[0].text == typo


@pytest.mark.parametrize("word", ["fluent", "trails", "reacting", "Scale"])
def test_everyday_words_are_not_typos_of_skills(taxonomy, word):
    found = skills_in(taxonomy, f"I am {word} and happy")
    assert found == [], found


def test_short_names_need_exact_form(taxonomy):
    # Aliases of four letters or fewer never match approximately.
    assert "AWS" not in skills_in(taxonomy, "Visited AWX and AVS")
    assert "Amazon Web Services" not in skills_in(taxonomy, "Visited AWX and AVS")


# --- scoring -----------------------------------------------------------------------


def job(**extra):
    criteria = [
        Criterion("Python", must=True, weight=3, skill="Python"),
        Criterion("Kubernetes", weight=1, skill="Kubernetes"),
    ]
    return JobSpec("Backend", extra.pop("criteria", criteria), **extra)


def ev(section="skills", similarity=100, year=None, flag=None):
    return Evidence("x", 0, 1, section, similarity, year, flag)


def test_score_is_a_sum_of_named_parts_with_evidence():
    spec = job(min_years=4)
    crit = {c.name: c for c in spec.criteria}
    score = score_person(
        spec,
        PersonFacts(1, years=2.0),
        {crit["Python"]: [ev(year=2026)], crit["Kubernetes"]: []},
        2026,
    )
    by_name = {p.criterion: p for p in score.parts}
    assert by_name["Python"].points == 3.0 and by_name["Python"].evidence
    assert by_name["Kubernetes"].points == 0.0
    assert by_name["Years of experience"].points == pytest.approx(1.0)  # 2 of 4 years
    assert by_name["Recency"].points == 1.0
    maximum = sum(p.weight for p in score.parts)
    assert score.total == pytest.approx(100 * sum(p.points for p in score.parts) / maximum, abs=0.1)
    assert [p.points for p in score.parts] == sorted((p.points for p in score.parts), reverse=True)


def test_missing_must_have_is_flagged_not_dropped():
    spec = job()
    crit = {c.name: c for c in spec.criteria}
    score = score_person(spec, PersonFacts(7), {crit["Kubernetes"]: [ev()]}, 2026)
    assert score.missing_must_haves == ["Python"]
    assert "missing must-have: Python" in score.reasons
    ranked = rank_fast(spec, [PersonFacts(7), PersonFacts(8)], {}, 2026)
    assert {r.person for r in ranked} == {7, 8}  # nobody is hidden by a score


def test_only_an_ordinary_word_gives_no_points_and_says_why():
    spec = JobSpec("Go dev", [Criterion("Go", must=True, weight=2, skill="Go")])
    crit = spec.criteria[0]
    flagged = Evidence("go", 5, 7, "summary", 0, None, "ordinary_word")
    score = score_person(spec, PersonFacts(1), {crit: [flagged]}, 2026)
    assert score.total == 0
    assert "'go' found only as an ordinary word" in score.reasons


def test_fast_path_agrees_with_full_score():
    spec = job(min_years=3, location="Berlin")
    crit = {c.name: c for c in spec.criteria}
    people = [PersonFacts(1, 5.0, "Berlin, Germany"), PersonFacts(2, 1.0, "Madrid"), PersonFacts(3)]
    evidence = {
        1: {
            crit["Python"]: [ev(year=2025), ev("experience", year=2019)],
            crit["Kubernetes"]: [ev("summary", 93)],
        },
        2: {crit["Kubernetes"]: [ev("education", year=2010)]},
        3: {},
    }
    aggs = {
        c: {pid: aggregate(e[c]) for pid, e in evidence.items() if c in e} for c in spec.criteria
    }
    fast = {r.person: r for r in rank_fast(spec, people, aggs, 2026)}
    for facts in people:
        full = score_person(spec, facts, evidence[facts.person], 2026)
        assert fast[facts.person].total == full.total
        assert fast[facts.person].recommendation == full.recommendation


def test_weight_change_reorders_without_new_matches():
    a, b = Criterion("Python", weight=1, skill="Python"), Criterion("Go", weight=1, skill="Go")
    aggs = {a: {1: aggregate([ev()])}, b: {2: aggregate([ev()])}}
    people = [PersonFacts(1), PersonFacts(2)]
    first = rank_fast(JobSpec("x", [a, b]), people, aggs, 2026)
    heavier = Criterion("Go", weight=5, skill="Go")
    second = rank_fast(JobSpec("x", [a, heavier]), people, {a: aggs[a], heavier: aggs[b]}, 2026)
    assert first[0].total == first[1].total
    assert second[0].person == 2


def test_phrases_whole_words_any_case_and_negation():
    text = (
        "Mentored four juniors.\nNo experience mentoring interns yet? We'd say: mentorship matters."
    )
    found = find_phrases(text, {"mentored": 100, "mentoring": 100}, lambda _o: "experience")
    assert [e.text for e in found] == ["Mentored", "mentoring"]
    assert found[1].flag == "negated"


def test_web_addresses_are_not_skills(parse):
    r = parse(
        "Mia Chen\nhttps://mia.example.dev · github.com/miachen · "
        "mia@example.com\n\nSkills\nPython, SQL"
    )
    assert "HTTP" not in r.skills and "Git" not in r.skills and set(r.skills) >= {"Python", "SQL"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Do rozwoju: brak doświadczenia z Kubernetes.",
        "Ancora senza esperienza con Kubernetes.",
        "Nog geen ervaring met Kubernetes.",
        "Entwicklungsfeld: bisher keine Erfahrung mit Kubernetes.",
    ],
)
def test_negation_in_polish_italian_dutch_and_german(sentence, taxonomy):
    assert [h.flag for h in taxonomy.find(sentence) if h.skill == "Kubernetes"] == ["negated"]


def test_negation_across_a_wrapped_line(taxonomy):
    hits = taxonomy.find(
        "Curious and quick to learn, though I have no\nexperience with Kubernetes yet."
    )
    assert [h.flag for h in hits if h.skill == "Kubernetes"] == ["negated"]


def test_languages_need_a_language_context(taxonomy):
    assert "Italian" not in skills_in(taxonomy, "Cooked Italian cuisine for 200 guests a night")
    assert "Italian" in skills_in(taxonomy, "Fluent in Italian and Spanish")
    assert "Italian" in skills_in(taxonomy, "Italian (C1)")
    assert "Italian" in skills_in(taxonomy, "Italian", skills_section=True)


def test_hyphenated_given_names_are_not_acronyms(taxonomy):
    assert "Search Engine Optimization" not in skills_in(taxonomy, "Kim Seo-yeon, Marketing Lead")
    assert "Search Engine Optimization" in skills_in(
        taxonomy, "Grew organic traffic through SEO and content"
    )


def test_stopwords_do_not_start_a_typo(taxonomy):
    assert "Time Management" not in skills_in(taxonomy, "Reported to the management board")
