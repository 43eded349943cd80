"""Tests for the independence signal: independent experts, funding and conflicts of interest."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import independence


def run(text: str):
    return independence.analyze(Document.from_text(text))


def hits(text: str, rule: str) -> list[str]:
    return [f.text for f in run(text)[1] if f.rule == rule]


def test_docstring_example_fires():
    text = (
        "The trial was funded by the National Institutes of Health.\n"
        "Dr. Lee, who was not involved in the study, called it careful work."
    )
    feats, findings = run(text)
    assert [(f.rule, f.text, f.line, f.column, f.severity) for f in findings] == [
        ("independence.funding", "trial was funded", 1, 5, "info"),
        ("independence.independent-expert", "who was not involved", 2, 10, "info"),
    ]
    assert feats == {
        "independent_expert": 1.0,
        "editorial": 0.0,
        "funding_disclosed": 1.0,
        "coi_disclosed": 0.0,
    }


def test_docstring_example_does_not_fire():
    feats, findings = run("The claim is supported by the data, and funding cuts loom.")
    assert findings == []
    assert all(v == 0.0 for v in feats.values())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Smith, who wasn't involved in the research, was cautious.", "who wasn't involved"),
        ("An outside expert urged caution.", "outside expert"),
        ("Jones was not part of the study team.", "not part of the study"),
        ("Independent experts said the effect was small.", "Independent experts"),
        ("One scientist not involved with Elysium questions its claims.", "not involved with"),
        ("Lee, who is not connected to the company, doubts it.", "not connected to"),
        # A sentence with debunking words ("unproven") still quotes an independent expert.
        (
            "Haber, who was not involved in the study, said it is unproven in patients.",
            "who was not involved",
        ),
    ],
)
def test_independent_experts(text, expected):
    assert hits(text, "independence.independent-expert") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The editorial board of the newspaper met on Monday.",
        "She joined the editorial staff in 2010.",
        "An editorial director approved the story.",
    ],
)
def test_a_newsroom_is_not_an_editorial_on_the_study(text):
    feats, findings = run(text)
    assert findings == [] and feats["editorial"] == 0.0


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Dr. Redberg wrote in an accompanying editorial that the benefit was small.",
            "accompanying editorial",
        ),
        ("A commentary published with the study urged caution.", "A commentary"),
        ("The editorial called the result unproven.", "The editorial"),
    ],
)
def test_an_editorial_on_the_study_is_an_outside_view(text, expected):
    feats, _ = run(text)
    assert hits(text, "independence.editorial") == [expected]
    assert feats["editorial"] == 1.0 and feats["independent_expert"] == 0.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The work was supported by a grant from the Wellcome Trust.", "work was supported"),
        ("It was sponsored by Acme Pharma.", "sponsored by"),
        ("The study was paid for by the manufacturer.", "paid for by"),
        ("The authors received no funding for this work.", "received no funding"),
        ("The study was supported by Pfizer.", "study was supported"),
        ("This work is supported in part by the Gates Foundation.", "supported in part by"),
    ],
)
def test_funding_statements(text, expected):
    feats, _ = run(text)
    assert hits(text, "independence.funding") == [expected]
    assert feats["funding_disclosed"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The theory is supported by evidence from earlier trials.",
        "The idea was supported by the findings.",
        "Hospitals face funding cuts this year.",
        "The school has $400 million in research funding.",
    ],
)
def test_funding_lookalikes_do_not_fire(text):
    feats, _ = run(text)
    assert hits(text, "independence.funding") == []
    assert feats["funding_disclosed"] == 0.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Smith is a consultant to Pfizer.", "is a consultant"),
        ("Lee has received fees from Novartis.", "received fees"),
        ("Two authors own stock in the company.", "own stock"),
        ("The authors declared no competing interests.", "declared no"),
        ("He disclosed financial ties to the maker.", "disclosed financial"),
        ("The university holds a patent on the device.", "holds a patent"),
    ],
)
def test_conflict_of_interest_disclosures(text, expected):
    feats, _ = run(text)
    assert hits(text, "independence.conflict-of-interest") == [expected]
    assert feats["coi_disclosed"] == 1.0


def test_negated_disclosure_still_counts():
    # Saying there is no conflict is a disclosure; negation must not remove it.
    feats, _ = run("The researchers reported no conflicts of interest.")
    assert feats["coi_disclosed"] == 1.0


def test_debunked_sentence_does_not_count():
    feats, _ = run("It is a myth that the study was funded by the sugar industry.")
    assert feats["funding_disclosed"] == 0.0


def test_one_finding_per_kind_at_first_mention():
    text = "The study was funded by NIH. It was also funded by the AHA. Lee is a paid consultant."
    _, findings = run(text)
    assert [(f.rule, f.text) for f in findings] == [
        ("independence.funding", "study was funded"),
        ("independence.conflict-of-interest", "is a paid consultant"),
    ]


def test_feature_keys_directions_and_finite_values():
    feats, _ = run(
        "Funded by the NIH. Lee is a consultant to Merck. An outside expert agreed, as did an "
        "accompanying editorial."
    )
    assert set(feats) == {f.name for f in independence.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    assert all(v == 1.0 for v in feats.values())
    assert all(f.direction == 1 for f in independence.FEATURES)


def test_empty_text():
    for text in ("", "  \n "):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in independence.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_rules():
    ids = {r.id for r in independence.RULES}
    assert ids == {
        "independence.independent-expert",
        "independence.editorial",
        "independence.funding",
        "independence.conflict-of-interest",
    }
    assert all(re.fullmatch(r"independence\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    assert all(r.severity == "info" and r.effect == "raises" for r in independence.RULES)


def test_lexicons_name_a_source():
    for name in (
        "independence_experts",
        "independence_editorials",
        "independence_funding",
        "independence_coi",
    ):
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = "supported by the " * 5000 + "funded by " * 5000 + "not involved " * 5000
    start = time.perf_counter()
    feats, _ = run(nasty)
    assert time.perf_counter() - start < 2.0
    assert feats["funding_disclosed"] == 1.0
