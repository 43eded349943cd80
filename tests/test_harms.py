"""Tests for the harms signal: harm discussion and promises of no side effects."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import harms


def run(text: str):
    return harms.analyze(Document.from_text(text))


def hits(findings, rule: str) -> list[str]:
    return [f.text for f in findings if f.rule == rule]


# --------------------------------------------------------------------------- must fire


def test_harm_discussion_span_position_and_quantified():
    text = "The trial enrolled 200 adults.\nThe most common side effects were nausea and headache."
    feats, findings = run(text)
    assert hits(findings, "harms.discussed") == ["side effects", "nausea", "headache"]
    first = findings[0]
    assert (first.line, first.column) == (2, 17)
    assert first.severity == "info"
    assert feats["harms_discussed"] == 1.0
    assert feats["harm_mentions"] == pytest.approx(math.log1p(3))
    assert feats["harms_quantified"] == 0.0  # no number in that sentence
    assert feats["safety_claim"] == 0.0


def test_quantified_harm():
    feats, findings = run("Serious adverse events occurred in 4% of patients on the drug.")
    assert hits(findings, "harms.discussed") == ["Serious adverse events"]
    assert hits(findings, "harms.quantified") == ["4%"]
    assert feats["harms_quantified"] == pytest.approx(math.log1p(1))
    assert feats["harms_compared"] == 0.0


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Surgery carries a risk of complications.", "complications"),
        ("Twelve patients stopped taking the drug because of dizziness.", "stopped taking"),
        ("Screening leads to false positives and overdiagnosis.", "false positives"),
        ("The label carries a boxed warning about liver injury.", "boxed warning"),
        ("Three women reported mild bleeding after the procedure.", "bleeding"),
    ],
)
def test_harm_phrases(text, phrase):
    feats, findings = run(text)
    assert hits(findings, "harms.discussed")[0] == phrase
    assert feats["harms_discussed"] == 1.0


def test_trial_safety_result_is_discussion_not_a_red_flag():
    text = "No side effects were reported among the 40 participants."
    feats, findings = run(text)
    assert hits(findings, "harms.discussed") == ["No side effects"]
    assert hits(findings, "harms.no-side-effects") == []
    assert feats["harms_discussed"] == 1.0
    assert feats["safety_claim"] == 0.0


def test_qualified_no_serious_side_effects_is_discussion():
    feats, findings = run("There were no serious side effects in the trial.")
    assert hits(findings, "harms.discussed") == ["side effects"]
    assert feats["safety_claim"] == 0.0


@pytest.mark.parametrize(
    "text, claim",
    [
        ("This natural remedy has no side effects!", "no side effects"),
        ("Relieve your pain without any side effects.", "without any side effects"),
        ("Our formula is 100% safe.", "100% safe"),
        ("The cream is completely safe for the whole family.", "completely safe"),
        ("It is totally harmless.", "totally harmless"),
        ("It's natural and safe.", "natural and safe"),
        ("Our treatments are natural, safe and effective.", "natural, safe and effective"),
        ("There are no side effects.", "no side effects"),
    ],
)
def test_safety_claims_fire(text, claim):
    feats, findings = run(text)
    flagged = [f for f in findings if f.rule == "harms.no-side-effects"]
    assert [f.text for f in flagged] == [claim]
    assert flagged[0].severity == "error"
    assert feats["safety_claim"] == pytest.approx(math.log1p(1))


def test_claim_position():
    _, findings = run("Buy it today.\n\nIt is completely safe!")
    (claim,) = [f for f in findings if f.rule == "harms.no-side-effects"]
    assert (claim.line, claim.column) == (3, 7)


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        "No drug is completely safe.",
        "Is it completely safe?",
        "The myth that herbal pills are completely safe persists.",
        "Doctors said the vaccine is safe and effective.",
    ],
)
def test_negated_questioned_debunked_claims_do_not_fire(text):
    feats, findings = run(text)
    assert hits(findings, "harms.no-side-effects") == []
    assert feats["safety_claim"] == 0.0


def test_not_without_side_effects_admits_harm():
    feats, findings = run("The drug is not without side effects.")
    assert hits(findings, "harms.no-side-effects") == []
    assert hits(findings, "harms.discussed") == ["without side effects"]
    assert feats["harms_discussed"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Hemophilia causes bleeding into the joints.",  # disease, not a harm of treatment
        "Other symptoms include headache, nausea and fatigue.",  # a disease's symptoms
        "Proton therapy causes fewer side effects than X-rays.",  # a selling point
        "The new drug works without the toxicity of chemotherapy.",
        "The vaccine protects women from HIV infection.",
    ],
)
def test_lookalikes_are_not_harm_discussion(text):
    feats, findings = run(text)
    assert findings == []
    assert feats["harms_discussed"] == 0.0


# --------------------------------------------------------------------------- features


def test_empty_and_plain_text():
    for text in ("", "The trial enrolled 300 adults with asthma."):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in harms.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_feature_keys_directions_and_floor():
    feats, _ = run(
        "Side effects included rash in 3% of users, compared with 1% on placebo. "
        "Our tea has no side effects!"
    )
    assert set(feats) == {f.name for f in harms.FEATURES}
    assert all(math.isfinite(v) and v > 0 for v in feats.values())
    direction = {f.name: f.direction for f in harms.FEATURES}
    assert direction == {
        "harms_discussed": 1,
        "harm_mentions": 1,
        "harms_quantified": 1,
        "harms_compared": 1,
        "safety_claim": -1,
    }
    floor = {f.name: f.floor for f in harms.FEATURES}
    assert 0.5 <= floor["safety_claim"] <= 0.8


def test_rule_ids_and_sorted_findings():
    _, findings = run("Completely safe! Nausea was a common side effect. No side effects, ever.")
    assert [f.rule for f in findings] == [
        "harms.no-side-effects",
        "harms.discussed",
        "harms.discussed",
        "harms.no-side-effects",
    ]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    ids = {r.id for r in harms.RULES}
    assert ids == {"harms.discussed", "harms.quantified", "harms.no-side-effects"}
    assert all(re.fullmatch(r"harms\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    sev = {r.id: (r.severity, r.effect) for r in harms.RULES}
    assert sev == {
        "harms.discussed": ("info", "raises"),
        "harms.quantified": ("info", "raises"),
        "harms.no-side-effects": ("error", "lowers"),
    }


def test_lexicons_name_a_source():
    assert "FDA" in load_lexicon("harms_safety_claims").source
    for name in ("harms_terms", "harms_symptoms"):
        assert "HealthNewsReview" in load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = "side effects " * 4000 + "no side effects " * 3000 + "nausea " * 4000
    start = time.perf_counter()
    run(nasty)
    assert time.perf_counter() - start < 2.0


def test_an_attributed_and_contested_safety_claim_is_not_the_writers_promise():
    text = (
        "The device is completely safe, according to the company, but independent experts "
        "were not so sure."
    )
    feats, findings = run(text)
    assert hits(findings, "harms.no-side-effects") == []
    assert feats["safety_claim"] == 0.0
    # the writer's own promise still fires
    assert hits(run("The device is completely safe.")[1], "harms.no-side-effects") == [
        "completely safe"
    ]


def test_harm_rates_in_both_groups_are_compared():
    text = "Nausea occurred in 14% of patients on the drug, compared with 3% on placebo."
    feats, findings = run(text)
    assert hits(findings, "harms.quantified") == ["14% of patients on the drug, compared with 3%"]
    assert "both groups" in [f for f in findings if f.rule == "harms.quantified"][0].message
    assert feats["harms_compared"] == 1.0
    # a harm word near a number that is no rate is not quantified
    feats, findings = run("In 2019, the side effects of the drug made headlines.")
    assert hits(findings, "harms.quantified") == []
    assert feats["harms_quantified"] == feats["harms_compared"] == 0.0
