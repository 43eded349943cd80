"""Tests for the efficacy signal: a treatment asserted in the writer's voice to cure or
prevent a disease."""

from __future__ import annotations

import math

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import efficacy
from timing import best_seconds


def run(text: str, title: str | None = None):
    return efficacy.analyze(Document.from_text(text, title=title))


def found(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text, title)[1]]


def test_docstring_example_fires():
    features, findings = run("Our tea cures diabetes, arthritis and cancer in 7 days.")
    assert [(f.rule, f.text, f.severity, f.line, f.column) for f in findings] == [
        ("efficacy.cure-claim", "cures diabetes", "error", 1, 9)
    ]
    assert "FDA" in findings[0].message
    assert features["claim_count"] == pytest.approx(math.log1p(1))


@pytest.mark.parametrize(
    "text, claim",
    [
        ("This tea cures cancer.", "cures cancer"),
        ("This diet reverses type 2 diabetes.", "reverses type 2 diabetes"),
        ("Our protocol treats the root cause of your fatigue.", "treats the root cause"),
        ("These herbs cure cancer.", "cure cancer"),
        ("Turmeric can cure arthritis.", "cure arthritis"),
        ("Garlic is a natural cure for high blood pressure.", "cure for high blood pressure"),
        ("It completely eliminates psoriasis.", "eliminates psoriasis"),
        ("This juice healed my eczema.", "healed my eczema"),
        ("Although it tastes bitter, this tea cures cancer.", "cures cancer"),
        # a seller's own figures are no study
        ("Our treatment cures arthritis in 94% of our patients.", "cures arthritis"),
    ],
)
def test_cure_claims_fire(text, claim):
    assert found(text) == [("efficacy.cure-claim", claim)]


def test_prevention_claim_is_a_warning():
    features, findings = run("Vitamin C prevents the common cold.")
    assert [(f.rule, f.text, f.severity) for f in findings] == [
        ("efficacy.prevention-claim", "prevents the common cold", "warning")
    ]
    assert features["claim_count"] == pytest.approx(math.log1p(1))


def test_one_claim_per_verb_and_positions():
    text = "A new clinic.\n\nIt reverses diabetes. It also prevents dementia."
    assert [(f.rule, f.line, f.column) for f in run(text)[1]] == [
        ("efficacy.cure-claim", 3, 4),
        ("efficacy.prevention-claim", 3, 31),
    ]
    assert run(text)[0]["claim_count"] == pytest.approx(math.log1p(2))


@pytest.mark.parametrize(
    "text",
    [
        # hedged
        "This tea may help prevent cancer.",
        "The tea could one day cure cancer.",
        "Regular exercise helps prevent heart disease.",
        "Surgery cures many early cancers.",
        # attributed
        "The company claims its tea cures cancer.",
        "Its tea cures cancer, according to the company.",
        '"This tea cures cancer," said the owner.',
        "The tea reportedly cures arthritis.",
        # negated
        "This tea does not cure cancer.",
        "No supplement prevents dementia.",
        "Nothing cures the common cold.",
        "T cells see cancer cells, but not in a way that can eliminate the disease.",
        # debunked
        "The myth that turmeric cures cancer has spread online.",
        "The video says lemon water cures cancer. It does not.",
        # questions and conditions
        "Can turmeric cure cancer?",
        "Does this tea cure diabetes?",
        "Nobody knows if it cures diabetes.",
        # a trial report with numbers, and cure rates
        "In the trial, the drug cured 40% of the 300 patients.",
        "The drug cured hepatitis C in 95 percent of patients.",
        "Cure rates for hepatitis C now exceed 95%.",
        "The researchers found the drug reversed diabetes in mice.",
        # not a claim at all
        "There is no cure for Alzheimer's disease.",
        "Scientists are racing to cure Alzheimer's.",
        "Here is how to prevent diabetes.",
        "The vaccine prevents measles.",
        "Masks prevent the spread of the virus.",
        "The compound prevents cancer cells from growing.",
        "The practice is protected against COVID-19 related liabilities.",
        "Hepatitis C can now be cured.",
        "He began promoting it as a cure for Covid-19.",
    ],
)
def test_does_not_fire(text):
    assert found(text) == []


def test_study_in_the_next_sentence_excuses_the_claim():
    text = "The drug cures hepatitis C. A trial published in the Lancet showed it."
    assert found(text) == []
    assert found("The tea cures hepatitis C. Order it today.") == [
        ("efficacy.cure-claim", "cures hepatitis C")
    ]


def test_headline_claim_reported_at_offset_zero():
    features, findings = run("Order today.", title="This Tea Cures Cancer")
    assert [(f.rule, f.start, f.end, f.line, f.column) for f in findings] == [
        ("efficacy.cure-claim", 0, 0, 1, 1)
    ]
    assert "This Tea Cures Cancer" in findings[0].message
    assert features["claim_count"] == pytest.approx(math.log1p(1))


def test_headline_claim_excused_when_the_lede_reports_the_study():
    text = "In a trial of 60 children, the drug cleared the virus in 58."
    assert found(text, title="New Drug Cures Hepatitis C in Children") == []


def test_signal_metadata_and_lexicon_sources():
    assert efficacy.SIGNAL.name == "efficacy"
    assert [(f.name, f.direction) for f in efficacy.FEATURES] == [("claim_count", -1)]
    assert efficacy.FEATURES[0].floor >= 0.8  # the data hold too few claims to teach it
    assert {(r.id, r.severity, r.effect) for r in efficacy.RULES} == {
        ("efficacy.cure-claim", "error", "lowers"),
        ("efficacy.prevention-claim", "warning", "lowers"),
    }
    for name in ("efficacy_cures", "efficacy_prevention", "efficacy_diseases"):
        assert "Food and Drug Administration" in load_lexicon(name).source


def test_features_finite_on_empty_and_plain_text():
    for text in ("", "   \n", "Nothing here about any treatment."):
        features, findings = run(text)
        assert features == {"claim_count": 0.0}
        assert findings == []


def test_linear_time_on_pathological_input():
    # One endless sentence of claims: every check must stay local to its claim.
    text = "this tea cures cancer "
    small, large = best_seconds(efficacy.analyze, text * 750, text * 3000)
    assert large < 5.0
    assert large < 8.0 * small  # four times the text: linear is 4x, quadratic 16x
