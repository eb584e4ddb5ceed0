"""The term index: a resume's atoms, phrases over them, the answers of the regular expression."""

from __future__ import annotations

import random

import pytest

from parsing import sections as S
from parsing.matching import find_phrases, fuzzy_variants
from parsing.terms import (
    APOSTROPHE,
    DOT,
    FLEX,
    NEGATED,
    OTHER_GAP,
    SECTION_CODE,
    SECTION_NAMES,
    ResumeTerms,
    compile_phrase,
    index_resume,
    match_variants,
    one_person_lookup,
    section_finder,
)

SPANS = [
    {"heading": "Skills", "kind": "skills", "start": 40, "end": 120},
    {"heading": "Experience", "kind": "experience", "start": 130, "end": 400},
]


def spans_of(terms: ResumeTerms, variants: dict[str, int]):
    found = match_variants(variants, one_person_lookup(terms))
    return [
        (
            int(terms.starts[s]),
            int(terms.ends[e - 1]),
            SECTION_NAMES[int(i) >> 3],
            bool(i & NEGATED),
            int(sim),
        )
        for s, e, i, sim in zip(found.start, found.end, found.info, found.similarity, strict=True)
    ]


def spans_of_regex(text: str, spans: list[dict], variants: dict[str, int]):
    return [
        (e.start, e.end, e.section, e.flag == "negated", e.similarity)
        for e in find_phrases(text, variants, section_finder(spans))
    ]


def test_every_section_kind_has_a_code():
    kinds = set(S._VOCABULARY.values()) | {S.OTHER, "header", None}
    assert kinds <= set(SECTION_CODE), (
        "add new section kinds to parsing.terms.SECTION_NAMES (append only)"
    )


def test_atoms_keep_separator_section_and_negation():
    text = (
        "Jo Doe\nNode.js, C++ and C#; don't\n"
        + " " * 10
        + "front-end no experience with Kubernetes yet"
    )
    terms = index_resume(text, [], offsets=True)
    atoms = [terms.terms[i] for i in terms.ids]
    assert atoms[:9] == ["jo", "doe", "node", "js", "c++", "and", "c#", "don", "t"]
    gaps = [int(i) & 3 for i in terms.info]
    assert (
        gaps[3] == DOT and gaps[4] == OTHER_GAP and gaps[8] == APOSTROPHE and gaps[10] == FLEX
    )  # front-end
    negated = {terms.terms[terms.ids[k]] for k in range(len(terms)) if terms.info[k] & NEGATED}
    assert "kubernetes" in negated and "front" not in negated
    assert {int(i) >> 3 for i in terms.info} == {SECTION_CODE["header"]}  # no sections: all header
    packed = ResumeTerms.unpack(terms.pack())
    assert (
        packed.terms == terms.terms
        and (packed.ids == terms.ids).all()
        and (packed.info == terms.info).all()
    )


def test_phrases_compile_to_atoms_and_say_when_the_text_must_decide():
    assert compile_phrase("Continuous Integration").atoms == ("continuous", "integration")
    assert compile_phrase("node.js").gaps == (FLEX, DOT) and compile_phrase("node.js").exact
    assert compile_phrase("CI/CD").atoms == ("ci", "cd") and compile_phrase("CI/CD").exact
    assert not compile_phrase("R&D").exact and not compile_phrase(".NET").exact
    assert compile_phrase(" --- ") is None


TRICKY = (
    "Summary\nFront-end developer; front end and front\nend work. "
    "Node.js, node. js, Node.JS/React, C++ & C#.\n"
    "No experience with incident response yet; incident-response drills, Incident Response lead.\n"
    "R&D lab, AT&T, .NET and ASP.NET; mentored, mentoring; ŕ equipe; R language; r&d.\n"
    "Skills\nGo, golang, Go lang, k8s, CI/CD, ci cd, continuous integration, data data data\n"
)
PHRASES = [
    "front end",
    "node.js",
    "c++",
    "c#",
    "incident response",
    "mentoring",
    "r",
    "go lang",
    "ci/cd",
    "continuous integration",
    "data data",
    "js",
    "net",
    "lab",
    "response",
    "lab at",
    "yet incident",
    "js node",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_phrase_is_found_where_the_regular_expression_finds_it(phrase):
    spans = [
        {"heading": "Summary", "kind": "summary", "start": 0, "end": 290},
        {"heading": "Skills", "kind": "skills", "start": 290, "end": len(TRICKY)},
    ]
    terms = index_resume(TRICKY, spans, offsets=True)
    assert spans_of(terms, {phrase: 100}) == spans_of_regex(TRICKY, spans, {phrase: 100})


def test_generated_resumes_agree_with_the_regular_expression():
    """Words and word pairs taken from 40 generated resumes, found by both ways in all of them."""
    from app.samples import make_people, render_txt
    from parsing.resume import parse_bytes

    rng = random.Random(7)
    parsed = [
        parse_bytes(render_txt(p).encode("utf-8"), f"{i}.txt")
        for i, p in enumerate(make_people(40, seed=3))
    ]
    indexed = [index_resume(r.text, r.section_spans, offsets=True) for r in parsed]
    phrases = set()
    for r in parsed:
        words = r.text.split()
        for _ in range(4):
            k = rng.randrange(len(words) - 1)
            phrases.add(words[k].strip(".,;:()"))
            phrases.add(" ".join(words[k : k + 2]).strip(".,;:()"))
    phrases = sorted(
        p for p in phrases if compile_phrase(p) is not None and compile_phrase(p).exact
    )
    assert len(phrases) > 150
    for phrase in phrases:
        variants = {phrase: 100}
        for r, terms in zip(parsed, indexed, strict=True):
            assert spans_of(terms, variants) == spans_of_regex(r.text, r.section_spans, variants), (
                phrase
            )


def test_variants_take_the_best_first_and_never_overlap():
    text = "Machine learning, learning machines, machine-learning."
    terms = index_resume(text, [], offsets=True)
    variants = {"machine learning": 100, "learning": 100, "machne": 90}
    assert spans_of(terms, variants) == spans_of_regex(text, [], variants)
    assert [s[:2] for s in spans_of(terms, variants)] == [(0, 16), (18, 26), (37, 53)]


def test_spelling_variants_of_one_person_are_those_of_everyone_they_use():
    everyone = ["kubernetes", "kubernets", "kubernete", "kuberentes", "kubectl", "kafka"]
    mine = ["kubernets", "kafka", "python"]
    found = dict(fuzzy_variants("Kubernetes", everyone))
    assert set(found) == {"kubernets", "kubernete", "kuberentes"}
    assert dict(fuzzy_variants("Kubernetes", mine)) == {w: s for w, s in found.items() if w in mine}
    assert fuzzy_variants("Go", everyone) == [] and fuzzy_variants("node.js", ["nodejs"]) == []
