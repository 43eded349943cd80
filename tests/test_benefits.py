"""Tests for the benefits signal: absolute versus relative-only figures."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import benefits


def run(text: str):
    return benefits.analyze(Document.from_text(text))


def hits(findings, rule: str) -> list[str]:
    return [f.text for f in findings if f.rule == rule]


# --------------------------------------------------------------------------- relative only


def test_relative_only_span_position_and_message():
    text = "A new pill for stroke.\nThe pill cuts the risk of stroke by 50%."
    feats, findings = run(text)
    (rel,) = findings
    assert rel.rule == "benefits.relative-only"
    assert rel.text == "cuts the risk of stroke by 50%"
    assert (rel.line, rel.column) == (2, 10)
    assert rel.severity == "warning"
    assert "absolute numbers" in rel.message
    assert feats == {
        "absolute_stated": 0.0,
        "absolute_figures": 0.0,
        "quantified_outcomes": pytest.approx(math.log1p(1)),
        "relative_only": 1.0,
    }


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Vaccinated people were 40% less likely to get flu.", "40% less likely"),
        ("Drinkers had a 32 percent lower risk of diabetes.", "32 percent lower risk"),
        ("The drug halves the risk of a second heart attack.", "halves the risk"),
        ("Smokers were twice as likely to die.", "twice as likely"),
        ("Users were five times more likely to fall.", "five times more likely"),
        ("The risk of relapse was reduced by a third.", "reduced by a third"),
        ("The hazard ratio for death was 0.68.", "hazard ratio"),
    ],
)
def test_relative_figures(text, phrase):
    feats, findings = run(text)
    assert hits(findings, "benefits.relative-only") == [phrase]
    assert feats["relative_only"] == 1.0


# --------------------------------------------------------------------------- absolute


@pytest.mark.parametrize(
    "text, figure",
    [
        ("Strokes fell from 4% to 2% over five years.", "from 4% to 2%"),
        (
            "Infection was more common with surgery (10 percent vs 1 percent).",
            "10 percent vs 1 percent",
        ),
        ("Only 12 of 200 patients had a relapse.", "12 of 200"),
        ("About 3 in 100 people taking it had a fracture.", "3 in 100"),
        ("Overall, 59% of patients responded.", "59% of patients"),
        ("Death occurred in 359 patients (59%) in the surgery group.", "359 patients (59%)"),
        ("Of the 19 patients, 16 had relief.", "19 patients, 16"),
        ("That means 46 fewer deaths per 1,000 people.", "per 1,000 people"),
        ("The risk fell by 2 percentage points.", "percentage points"),
        ("The number needed to treat was 25.", "number needed to treat"),
        ("Rates were 2.5% and 3.5% in the two groups.", "2.5% and 3.5%"),
    ],
)
def test_absolute_figures(text, figure):
    feats, findings = run(text)
    assert hits(findings, "benefits.absolute-risk") == [figure]
    assert feats["absolute_stated"] == 1.0
    assert feats["relative_only"] == 0.0


def test_relative_with_absolute_is_not_flagged():
    text = (
        "Strokes fell from 4% in the placebo group to 2% with the pill. That is a 50% lower risk."
    )
    feats, findings = run(text)
    assert hits(findings, "benefits.relative-only") == []
    assert hits(findings, "benefits.absolute-risk") == ["from 4% in the placebo group to 2%"]
    assert feats["relative_only"] == 0.0
    assert feats["quantified_outcomes"] == pytest.approx(math.log1p(3))


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        "Eye pressure decreased by about 20 percent.",  # a measurement, not a risk
        "The clinic cut the waiting time by half.",
        "The drug did not lower the risk by 20%.",  # negated
        "The myth that vitamin C halves the risk of colds persists.",  # debunked
        "Take two tablets three times a day.",
        "It grew 1234 percent.",
    ],
)
def test_no_relative_claim(text):
    feats, findings = run(text)
    assert hits(findings, "benefits.relative-only") == []
    assert feats["relative_only"] == 0.0


def test_prevalence_in_words_is_a_figure_not_an_absolute_benefit():
    feats, findings = run("One in five adults has high blood pressure.")
    assert findings == []
    assert feats["absolute_stated"] == 0.0
    assert feats["quantified_outcomes"] == pytest.approx(math.log1p(1))


# --------------------------------------------------------------------------- features


def test_sales_discounts_are_not_outcome_figures():
    for text in ("Call now to claim 20% off.", "Save up to 40 percent on your first order."):
        features, findings = run(text)
        assert features["quantified_outcomes"] == 0.0, text
        assert findings == []
    # A percentage change in an outcome still counts.
    assert run("Deaths fell by 20 percent with the drug.")[0]["quantified_outcomes"] > 0


def test_empty_and_plain_text():
    for text in ("", "The trial enrolled adults with asthma."):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in benefits.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_feature_keys_finite_and_directions():
    feats, _ = run("It cut the risk by 30%, from 10% to 7%, in 12 of 200 patients.")
    assert set(feats) == {f.name for f in benefits.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    direction = {f.name: f.direction for f in benefits.FEATURES}
    assert direction == {
        "absolute_stated": 1,
        "absolute_figures": 1,
        "quantified_outcomes": 1,
        "relative_only": -1,
    }
    assert feats["absolute_figures"] == pytest.approx(math.log1p(2))


def test_rule_ids_and_sorted_findings():
    _, findings = run("Risk fell 3 percentage points. Rates: 12 of 200 vs 20 of 200.")
    assert findings and all(f.rule == "benefits.absolute-risk" for f in findings)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    ids = {r.id for r in benefits.RULES}
    assert ids == {"benefits.absolute-risk", "benefits.relative-only"}
    assert all(re.fullmatch(r"benefits\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    sev = {r.id: (r.severity, r.effect) for r in benefits.RULES}
    assert sev["benefits.relative-only"] == ("warning", "lowers")
    assert sev["benefits.absolute-risk"] == ("info", "raises")


def test_lexicons_name_a_source():
    for name in ("benefits_absolute", "benefits_relative", "benefits_frequencies"):
        assert "Woloshin" in load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = (
        "1 " * 10000
        + "from 10% " * 2000
        + "by " * 3000
        + "12 of 200 patients (5%) " * 2000
        + "9" * 20000
        + " percent"
    )
    start = time.perf_counter()
    run(nasty)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "94% of our patients report less pain after one session.",
        "In the trial, 16.6% stopped because of adverse events, compared with 8.1% on placebo.",
        "Side effects were more common on the drug: 14% had nausea, compared with 3%.",
    ],
)
def test_seller_figures_and_harm_rates_are_not_absolute_benefits(text):
    features, findings = run(text)
    assert hits(findings, "benefits.absolute-risk") == []
    assert features["absolute_stated"] == 0.0


@pytest.mark.parametrize(
    "text, figure",
    [
        ("94% of patients in the trial improved.", "94% of patients"),
        ("Strokes fell from 4% on placebo to 2% on the pill.", "from 4% on placebo to 2%"),
    ],
)
def test_group_rates_of_a_benefit_still_count(text, figure):
    assert hits(run(text)[1], "benefits.absolute-risk") == [figure]
