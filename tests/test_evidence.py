"""Tests for the evidence signal: study design, sample size, animal results sold as human
ones, and causal language about observational studies."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import evidence


def run(text: str, title: str | None = None):
    return evidence.analyze(Document.from_text(text, title=title))


def hits(text: str, rule: str, title: str | None = None) -> list[str]:
    return [f.text for f in run(text, title)[1] if f.rule == rule]


# --------------------------------------------------------------------------- docstring examples


def test_docstring_example_design_and_size():
    feats, findings = run(
        "In a randomized trial of 1,200 patients, the drug lowered blood pressure."
    )
    assert [(f.rule, f.text) for f in findings] == [
        ("evidence.study-design", "randomized"),
        ("evidence.study-design", "trial"),
        ("evidence.sample-size", "1,200 patients"),
    ]
    size = findings[2]
    assert (size.line, size.column, size.severity) == (1, 26, "info")
    assert feats["design_named"] == feats["strong_design"] == feats["sample_size_stated"] == 1.0
    assert feats["animal_as_human"] == feats["causal_from_observational"] == 0.0


def test_docstring_example_causal_language():
    feats, findings = run("The cohort study of nurses found that coffee prevents liver cancer.")
    causal = [f for f in findings if f.rule == "evidence.causal-language"]
    assert [(f.text, f.line, f.column, f.severity) for f in causal] == [
        ("prevents", 1, 46, "warning")
    ]
    assert "cohort study" in causal[0].message
    assert feats["causal_from_observational"] == pytest.approx(math.log1p(1))
    assert feats["design_named"] == 1.0 and feats["strong_design"] == 0.0


def test_docstring_example_does_not_fire():
    feats, findings = run("Coffee may protect the liver, but the causes of liver cancer are many.")
    assert findings == []
    assert all(v == 0.0 for v in feats.values())


# --------------------------------------------------------------------------- study design


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was a double-blind, placebo-controlled study.", "double-blind"),
        ("Volunteers were randomly assigned to two diets.", "randomly assigned"),
        ("A meta-analysis of 20 studies pooled the data.", "meta-analysis"),
        ("A systematic review found little benefit.", "systematic review"),
        ("The randomised controlled trial ended early.", "randomised"),
    ],
)
def test_strong_designs(text, expected):
    # One finding per kind of design: the first strong design named.
    feats, _ = run(text)
    assert hits(text, "evidence.study-design") == [expected]
    assert feats["strong_design"] == 1.0


def test_one_finding_per_kind_of_design():
    text = "A randomized, double-blind study. A cohort study. A clinical trial. Another trial."
    assert hits(text, "evidence.study-design") == ["randomized", "cohort study", "clinical trial"]


def test_a_design_the_study_lacked_is_not_its_design():
    from credscore.signals import hedging

    text = "The study was not blinded, and it was not a randomized trial."
    feats, findings = run(text)
    assert feats["strong_design"] == 0.0 and findings == []
    # ... it is a limitation statement instead, which raises credibility.
    limits = [f.text for f in hedging.analyze(Document.from_text(text))[1]]
    assert limits == ["not blinded", "not a randomized"]


def test_a_trial_that_never_happened_says_the_result_is_unproven_in_people():
    text = (
        "Citrus compounds slowed cancer cells in a dish. No clinical trial has tested lemon "
        "water as a cancer treatment."
    )
    feats, findings = run(text, title="Does lemon water cure cancer?")
    assert feats["design_named"] == 0.0 and feats["animal_as_human"] == 0.0
    assert not [f for f in findings if f.rule == "evidence.animal-as-human"]
    feats, _ = run(text.split(". No")[0] + ".", title="Does lemon water cure cancer?")
    assert feats["animal_as_human"] == 1.0  # without the caveat, it fires


def test_planned_trials_are_not_the_design_of_the_study():
    feats, _ = run("A randomized trial is planned for next year.")
    assert feats["strong_design"] == feats["design_named"] == 0.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In this cohort study, diet was recorded.", "cohort study"),
        ("The case-control study compared 300 cases.", "case-control study"),
        ("It was a cross-sectional survey of adults.", "cross-sectional"),
        ("The clinical trial compared two doses.", "clinical trial"),
        ("Patients in the control group got usual care.", "control group"),
    ],
)
def test_other_designs_name_a_design_but_are_not_strong(text, expected):
    feats, _ = run(text)
    assert hits(text, "evidence.study-design")[0] == expected
    assert feats["design_named"] == 1.0
    assert feats["strong_design"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Sign up for a free trial of the app today.",
        "Finding the right dose took some trial and error.",
        "The murder trial began on Monday.",
        "The drug will now move into clinical trials next year.",
        "She enrolled in college after the war.",
    ],
)
def test_trial_lookalikes_are_not_designs(text):
    feats, _ = run(text)
    assert hits(text, "evidence.study-design") == []
    assert feats["design_named"] == 0.0


def test_participation_words_count_only_in_a_study_sentence():
    assert hits("The study enrolled adults with asthma.", "evidence.study-design") == ["enrolled"]
    assert hits("Participants in the research got a diary.", "evidence.study-design") == [
        "Participants"
    ]
    assert hits("Participants at the festival enjoyed the music.", "evidence.study-design") == []


# --------------------------------------------------------------------------- sample size


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The team followed 45 healthy volunteers.", "45 healthy volunteers"),
        ("It included more than 90,000 nurses in the U.S.", "90,000 nurses"),
        ("In the trial (n = 45), pain fell.", "n = 45"),
        ("It was a study of thirty women with migraine.", "thirty women"),
        ("Researchers tested the drug on 12 mice.", "12 mice"),
        ("It enrolled 300 older U.S. adults.", "300 older U.S. adults"),
    ],
)
def test_sample_sizes(text, expected):
    feats, _ = run(text)
    assert hits(text, "evidence.sample-size") == [expected]
    assert feats["sample_size_stated"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "About 1 in 100 people have the condition.",
        "Some 40% of women will develop it.",
        "It affects 40 percent of women over 50.",
        "Nearly 5 million Americans live with the disease.",
        "About 50,000 women are diagnosed each year.",
        "There will be 220,800 cases of prostate cancer this year.",
        "The clinic treats 65-year-old men.",
        "It costs $500 patients say.",
        "Only 2 patients were seen.",
        "Dr. Ellis has helped over 5,000 patients regain their lives.",
        "Join 10,000 satisfied customers.",
    ],
)
def test_counts_that_are_not_samples(text):
    feats, _ = run(text)
    assert hits(text, "evidence.sample-size") == []
    assert feats["sample_size_stated"] == 0.0


# --------------------------------------------------------------------------- animal as human


ANIMAL_TEXT = "Researchers gave the compound to mice with tumours.\nThe tumours shrank by half."


def test_animal_result_sold_as_human_fires():
    feats, findings = run(ANIMAL_TEXT, title="New drug shrinks tumours in cancer patients")
    flagged = [f for f in findings if f.rule == "evidence.animal-as-human"]
    assert [(f.text, f.line, f.column, f.severity) for f in flagged] == [("mice", 1, 34, "warning")]
    assert feats["animal_as_human"] == 1.0


def test_animal_result_without_title_uses_first_sentence():
    text = "A new pill helps people lose weight. The pill was tested in rats."
    assert hits(text, "evidence.animal-as-human") == ["in rats"]


@pytest.mark.parametrize(
    "text, title",
    [
        # The headline names the animal model.
        (ANIMAL_TEXT, "New drug shrinks tumours in mice"),
        # A caveat says the result is not yet shown in people.
        (ANIMAL_TEXT + " It has not yet been tested in humans.", "New drug helps cancer patients"),
        (ANIMAL_TEXT + " Whether it works in people is unclear.", "New drug helps cancer patients"),
        # Human evidence is described too.
        (ANIMAL_TEXT + " A trial then treated 40 patients.", "New drug helps cancer patients"),
        # In vitro fertilisation is a treatment, not a lab study.
        ("The couple chose in vitro fertilization.", "Fertility treatment helps couples"),
    ],
)
def test_animal_result_with_caveat_or_human_evidence_does_not_fire(text, title):
    feats, _ = run(text, title)
    assert hits(text, "evidence.animal-as-human", title) == []
    assert feats["animal_as_human"] == 0.0


def test_weak_caveat_needs_a_tentative_sentence():
    # "in people" as a claim is not a caveat; as an open question it is.
    title = "Compound could help people with arthritis"
    claim = "The compound eased joint pain in mice. It will help in people too, he said."
    assert hits(claim, "evidence.animal-as-human", title) == ["in mice"]
    caveat = "The compound eased joint pain in mice. It is unknown if it works in people."
    assert hits(caveat, "evidence.animal-as-human", title) == []


# --------------------------------------------------------------------------- causal language


def test_headline_causal_claim_about_observational_study():
    text = "The study followed 20,000 adults for ten years using questionnaires."
    feats, findings = run(text, title="Coffee cuts the risk of dementia")
    causal = [f for f in findings if f.rule == "evidence.causal-language"]
    assert [f.text for f in causal] == ["questionnaires"]
    assert "cuts the risk" in causal[0].message
    assert feats["causal_from_observational"] == pytest.approx(math.log1p(1))


@pytest.mark.parametrize(
    "text",
    [
        # Hedged, negated or debunked causal claims.
        "The cohort study found that coffee may prevent liver cancer.",
        "The cohort study suggests that coffee prevents liver cancer.",
        "The observational study does not show that coffee prevents liver cancer.",
        "The observational study cannot prove that chocolate lowers the risk of stroke.",
        "The cohort study debunks the myth that coffee causes cancer.",
        # The noun "causes".
        "The cohort study looked at the causes of liver cancer.",
        # A randomised trial can show cause.
        "The randomized trial found that the drug prevents strokes.",
        # A background fact, not the study's finding.
        "In the cohort, smoking is common. Smoking causes cancer.",
    ],
)
def test_causal_language_does_not_fire(text):
    feats, _ = run(text)
    assert hits(text, "evidence.causal-language") == []
    assert feats["causal_from_observational"] == 0.0


# --------------------------------------------------------------------------- features and rules


def test_feature_keys_directions_and_finite_values():
    feats, _ = run(ANIMAL_TEXT, title="Drug cures cancer patients")
    assert set(feats) == {f.name for f in evidence.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    directions = {f.name: f.direction for f in evidence.FEATURES}
    assert directions == {
        "design_named": 1,
        "strong_design": 1,
        "sample_size_stated": 1,
        "animal_as_human": -1,
        "causal_from_observational": -1,
    }


def test_empty_text():
    for text, title in (("", None), ("", "Drug cures cancer"), ("   \n  ", None)):
        feats, findings = run(text, title)
        assert findings == []
        assert set(feats) == {f.name for f in evidence.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_rules_and_sorted_findings():
    text = (
        "The cohort study of 5,000 nurses found that coffee prevents gout.\n"
        "A randomised trial is planned."
    )
    _, findings = run(text)
    ids = {r.id for r in evidence.RULES}
    assert {f.rule for f in findings} == {
        "evidence.study-design",
        "evidence.sample-size",
        "evidence.causal-language",
    }
    assert all(f.rule in ids for f in findings)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(re.fullmatch(r"evidence\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    effects = {r.id: (r.severity, r.effect) for r in evidence.RULES}
    assert effects["evidence.study-design"] == ("info", "raises")
    assert effects["evidence.sample-size"] == ("info", "raises")
    assert effects["evidence.animal-as-human"] == ("warning", "lowers")
    assert effects["evidence.causal-language"] == ("warning", "lowers")


def test_lexicons_name_a_source():
    for name in (
        "evidence_strong_designs",
        "evidence_designs",
        "evidence_observational",
        "evidence_observational_cues",
        "evidence_animal",
        "evidence_human_caveats",
        "evidence_causal",
    ):
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    # One endless sentence full of matches must not make the sentence checks quadratic.
    nasty = ("1,2 " * 5000) + ("12 aaaa bbbb cccc dddd " * 3000) + ("mice trial causes " * 3000)
    observational = "the cohort study found it causes harm " * 3000
    start = time.perf_counter()
    run(nasty, title="Drug helps people")
    feats, _ = run(observational, title="Coffee causes cancer")
    assert time.perf_counter() - start < 3.0
    assert feats["causal_from_observational"] > 5
