"""Tests for the wellness signal: structure/function and detox claims of supplement marketing,
and the DSHEA disclaimer."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from credscore.document import Document
from credscore.formats.files import read_document
from credscore.lexicon import load_lexicon
from credscore.signals import wellness
from timing import best_seconds

ROOT = Path(__file__).resolve().parent.parent
DISCLAIMER = (
    "These statements have not been evaluated by the Food and Drug Administration. This "
    "product is not intended to diagnose, treat, cure, or prevent any disease."
)


def run(text: str, title: str | None = None):
    return wellness.analyze(Document.from_text(text, title=title))


def found(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text, title)[1]]


def test_docstring_example_fires_with_its_span():
    features, findings = run("Our formula supports healthy immune function.")
    assert [(f.rule, f.text, f.severity, f.line, f.column) for f in findings] == [
        ("wellness.function-claim", "supports healthy immune function", "warning", 1, 13)
    ]
    assert "structure/function" in findings[0].message
    assert features == {"claim_count": pytest.approx(math.log1p(1)), "disclaimer": 0.0}


@pytest.mark.parametrize(
    "text, claim",
    [
        ("Our formula supports healthy immune function.", "supports healthy immune function"),
        ("This tea boosts your immune system.", "boosts your immune system"),
        ("Promotes healthy blood sugar levels.", "Promotes healthy blood sugar levels"),
        ("It balances hormones naturally.", "balances hormones"),
        ("GlucoFix supports joint health.", "supports joint health"),
        ("These capsules boost metabolism.", "boost metabolism"),
        ("Our blend helps support healthy digestion.", "support healthy digestion"),
        ("Formulated to support healthy joints.", "support healthy joints"),
        ("Boost your immune system naturally!", "Boost your immune system"),
        ("- Supporting healthy cholesterol levels", "Supporting healthy cholesterol levels"),
        ("Reishi and chaga strengthen your natural defenses.", "strengthen your natural defenses"),
        # a seller's own figures are no study
        ("It boosts energy in 94% of our customers.", "boosts energy"),
    ],
)
def test_function_claims_fire(text, claim):
    assert found(text) == [("wellness.function-claim", claim)]


@pytest.mark.parametrize(
    "text, claim",
    [
        ("This tea detoxifies your body.", "detoxifies your body"),
        ("It gently detoxifies.", "detoxifies"),
        ("Our capsules flush out toxins.", "flush out toxins"),
        ("The blend flushes out toxins.", "flushes out toxins"),
        ("Cleanse your liver in seven days.", "Cleanse your liver"),
        ("Our capsules eliminate toxins.", "eliminate toxins"),
        ("This clay draws out impurities.", "draws out impurities"),
        ("Detox your body with our tea.", "Detox your body"),
    ],
)
def test_detox_claims_fire(text, claim):
    assert found(text) == [("wellness.detox-claim", claim)]


def test_a_list_of_claims_counts_each_and_continues_its_subject():
    text = "Two capsules a day melt away fat, flush out toxins and boost metabolism."
    features, findings = run(text)
    assert [(f.rule, f.text) for f in findings] == [
        ("wellness.detox-claim", "flush out toxins"),
        ("wellness.function-claim", "boost metabolism"),
    ]
    assert features["claim_count"] == pytest.approx(math.log1p(2))


@pytest.mark.parametrize(
    "text",
    [
        # a news story attributing a finding to a study
        "The study found the drug boosted immune response.",
        "The supplement supports immune function, researchers said.",
        "In a trial of 120 adults, the extract supports healthy blood sugar levels.",
        "Turmeric boosts metabolism, according to the company.",
        '"It boosts your immune system," said the owner.',
        "The supplement reportedly flushes out toxins.",
        # hedged
        "This tea may support immune health.",
        "Probiotics might promote gut health, but the evidence is mixed.",
        "Zinc could boost immunity in older adults.",
        # negated and debunked
        "There is no evidence that detox teas flush out toxins.",
        "No supplement flushes out toxins.",
        "Detox teas do not cleanse your liver.",
        "The myth that juice cleanses detoxify the body persists.",
        "The video says the tea boosts your immune system. It does not.",
        "Supplements claim to boost immunity, but most do not.",
        # questions and aims
        "Does this tea boost your metabolism?",
        "Ten ways to boost your immune system.",
        "Ways to boost energy and flush out toxins.",
        # the body's own work and medical descriptions in info pages
        "The liver removes toxins from the blood.",
        "Your kidneys flush out waste and your body naturally detoxifies itself.",
        "Your immune system supports healing after surgery.",
        "Vaccines help your immune system recognise the virus.",
        "The vaccine boosts immunity against measles.",
        "A drug called tPA dissolves clots and restores blood flow.",
        # lifestyle advice
        "Regular exercise boosts your mood.",
        "Getting enough sleep supports your immune system.",
        "Fruit and vegetables boost your immune system.",
        "Fibre supports healthy digestion.",
        # what a health-information page says of an essential nutrient
        "Vitamin C supports the immune system and helps protect cells.",
        "Zinc supports normal immune function.",
        "Magnesium supports normal muscle function.",
        # nouns, names and look-alikes
        "She went on a detox last January.",
        "Rehab centres quickly detox addicts.",
        "Shares of Amplify Energy rose on Monday.",
        "The juice cleanse costs $60.",
        "The charity supports families with cancer.",
        "The findings support the use of the drug.",
    ],
)
def test_does_not_fire(text):
    assert found(text) == []


def test_disclaimer_is_one_finding_spanning_both_sentences():
    text = f"Our greens support healthy digestion.\n\n*{DISCLAIMER}"
    features, findings = run(text)
    assert [(f.rule, f.text) for f in findings] == [
        ("wellness.function-claim", "support healthy digestion"),
        ("wellness.dshea-disclaimer", DISCLAIMER.rstrip(".")),
    ]
    assert "FDA" in findings[1].message
    assert features == {"claim_count": pytest.approx(math.log1p(1)), "disclaimer": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "Supports healthy immune function.* *These statements have not been evaluated by the FDA.",
        "FDA Disclaimer: This product is not intended to diagnose, treat, cure or prevent any "
        "disease.",
        "† This statement has not been evaluated by the U.S. Food and Drug Administration.",
    ],
)
def test_disclaimer_variants_fire(text):
    rules = [f.rule for f in run(text)[1]]
    assert rules.count("wellness.dshea-disclaimer") == 1
    assert run(text)[0]["disclaimer"] == 1.0


def test_disclaimer_beside_a_claim_is_no_study_in_reach():
    # The disclaimer names the FDA, which would otherwise read as a source for the claim.
    text = (
        "Supports healthy immune function.* *These statements have not been evaluated by the FDA."
    )
    assert ("wellness.function-claim", "Supports healthy immune function") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # an info page explaining labels quotes or reports the disclaimer; it sells nothing
        'Supplement labels must carry the statement "This product is not intended to diagnose, '
        'treat, cure, or prevent any disease."',
        "Labels must say that these statements have not been evaluated by the Food and Drug "
        "Administration.",
        "The product label said 'These statements have not been evaluated by the FDA' in small "
        "print.",
    ],
)
def test_disclaimer_explained_or_quoted_does_not_fire(text):
    assert run(text) == ({"claim_count": 0.0, "disclaimer": 0.0}, [])


def test_headline_claim_reported_at_offset_zero():
    features, findings = run("Add to cart.", title="Boosts Your Immune System Naturally")
    assert [(f.rule, f.start, f.end, f.line) for f in findings] == [
        ("wellness.function-claim", 0, 0, 1)
    ]
    assert "Boosts Your Immune System Naturally" in findings[0].message
    assert features["claim_count"] == pytest.approx(math.log1p(1))
    # A product page's title case is no name there.
    title = "ImmunaVita Daily Greens Supports Healthy Immune Function"
    assert [f.rule for f in run("Add to cart.", title=title)[1]] == ["wellness.function-claim"]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((ROOT / "examples").glob("*.md")) if p.name != "wellness-blog.md"]
    + [
        ROOT / "tests" / "probes" / name
        for name in ("careful-news-story.md", "health-info-page.md", "drug-information-page.md")
    ],
    ids=lambda p: p.name,
)
def test_credible_examples_and_probes_do_not_fire(path):
    features, findings = wellness.analyze(read_document(path))
    assert findings == [] and features == {"claim_count": 0.0, "disclaimer": 0.0}


def test_sales_probe_and_wellness_blog_fire():
    _, store = wellness.analyze(read_document(ROOT / "tests" / "probes" / "wellness-store.md"))
    rules = [f.rule for f in store]
    assert rules.count("wellness.dshea-disclaimer") == 1
    assert rules.count("wellness.function-claim") >= 5 and "wellness.detox-claim" in rules
    _, blog = wellness.analyze(read_document(ROOT / "examples" / "wellness-blog.md"))
    assert {f.text.replace("\n", " ") for f in blog} == {
        "detox your liver",
        "balance your hormones",
    }


def test_signal_metadata_floors_and_lexicon_sources():
    assert wellness.SIGNAL.name == "wellness"
    assert [(f.name, f.direction) for f in wellness.FEATURES] == [
        ("claim_count", -1),
        ("disclaimer", -1),
    ]
    # The data hold no supplement page: the floors keep the marks from being zeroed.
    assert all(f.floor >= 1.0 for f in wellness.FEATURES)
    assert {(r.id, r.severity, r.effect) for r in wellness.RULES} == {
        ("wellness.function-claim", "warning", "lowers"),
        ("wellness.detox-claim", "warning", "lowers"),
        ("wellness.dshea-disclaimer", "warning", "lowers"),
    }
    for name in ("wellness_function_verbs", "wellness_functions", "wellness_disclaimer"):
        assert "Food and Drug Administration" in load_lexicon(name).source
    for name in ("wellness_detox", "wellness_toxins", "wellness_organs"):
        assert "NCCIH" in load_lexicon(name).source


def test_features_finite_on_empty_and_plain_text():
    for text in ("", "The committee met on Tuesday.", "Boost! Detox! Cleanse!"):
        features, _ = run(text)
        assert all(math.isfinite(v) for v in features.values())


@pytest.mark.parametrize(
    "unit",
    [
        "this tea supports healthy immune function and ",
        "capsules flush out toxins, cleanse your liver, ",
        "These statements have not been evaluated by the FDA ",
    ],
)
def test_linear_time_on_pathological_input(unit):
    # One endless sentence of claims: every check must stay local to its claim.
    small, large = best_seconds(wellness.analyze, unit * 500, unit * 2000)
    assert large < 5.0
    assert large < 8.0 * small  # four times the text: linear is 4x, quadratic 16x
