"""Tests for the mongering signal: fear appeals, unsourced prevalence, medicalising labels."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.signals import mongering


def run(text: str):
    return mongering.analyze(Document.from_text(text))


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text)[1]]


def test_docstring_example_fires():
    text = (
        "This silent killer is a ticking time bomb: millions of Americans have it and "
        "don't even know it."
    )
    features, findings = run(text)
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("mongering.fear-appeal", "silent killer", 1, 6),
        ("mongering.fear-appeal", "ticking time bomb", 1, 25),
        ("mongering.prevalence-alarm", "millions of Americans", 1, 44),
        ("mongering.fear-appeal", "don't even know it", 1, 78),
    ]
    assert all(f.severity == "warning" for f in findings)
    assert features["unsourced_prevalence"] == pytest.approx(math.log1p(1))
    # three fear appeals and one alarm-framed figure
    assert features["mongering_count"] == pytest.approx(math.log1p(4))
    assert features["fear_count"] == pytest.approx(math.log1p(3))


def test_docstring_example_does_not_fire():
    text = "Heart disease is the leading cause of death in the U.S., according to the CDC."
    features, findings = run(text)
    assert findings == []
    assert all(v == 0.0 for v in features.values())


def test_positions_on_later_line():
    text = "A new screening test.\n\nAre you at risk? Don't wait until it's too late."
    findings = run(text)[1]
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("mongering.fear-appeal", "Are you at risk", 3, 1),
        ("mongering.fear-appeal", "Don't wait until", 3, 18),
    ]
    assert text[findings[0].start : findings[0].end] == "Are you at risk"


@pytest.mark.parametrize(
    "text",
    [
        # a sourced prevalence figure
        "About 37 million adults in the U.S. have kidney disease, the CDC estimates.",
        "Nearly 30 million adults have sleep apnea. The figure comes from a national survey.",
        "About 1 in 3 adults has high blood pressure [2].",
        # head counts that are not about a condition
        "Millions of Americans are out of work.",
        "The fund raised millions of dollars for people in need of surgery.",
        # advice, not an appeal
        "Smoking puts you at risk of heart disease.",
        # negated and debunked fear words
        "A diagnosis of HIV is no longer a death sentence.",
        "The idea that a silent epidemic threatens us is a myth.",
        # look-alikes
        "Natural killer cells and killer T cells attack tumours.",
        "I did not know it was cancer until the biopsy.",
        "The team worked through the night to meet the deadline.",
    ],
)
def test_does_not_fire(text):
    assert found(text) == []


def test_unsourced_prevalence_without_alarm():
    features, findings = run("Millions of women suffer from this painful condition.")
    assert [(f.rule, f.text) for f in findings] == [
        ("mongering.unsourced-prevalence", "Millions of women")
    ]
    assert "no source" in findings[0].message
    assert features["unsourced_prevalence"] == pytest.approx(math.log1p(1))
    assert features["mongering_count"] == 0.0  # unsourced, but not framed to alarm


def test_source_in_next_sentence_counts():
    text = "One in eight women will develop breast cancer. That is the estimate of the NCI."
    assert found(text) == []


def test_alarm_framed_prevalence_counts_as_mongering():
    text = "One in three adults is prediabetic and most are unaware of it."
    features, findings = run(text)
    assert [(f.rule, f.text) for f in findings] == [
        ("mongering.prevalence-alarm", "One in three adults")
    ]
    assert "alarm" in findings[0].message
    assert features["mongering_count"] == pytest.approx(math.log1p(1))


def test_one_prevalence_finding_per_sentence():
    text = "Millions of men and 2 million women suffer from the disorder."
    assert [r for r, _ in found(text)] == ["mongering.unsourced-prevalence"]


def test_clause_end_idioms():
    assert found("You could have diabetes and not know it.") == [
        ("mongering.fear-appeal", "not know it")
    ]
    assert found("She did not know it would hurt.") == []


def test_medicalising_labels():
    features, findings = run("Feeling tired? It could be Low T or adrenal fatigue.")
    assert [(f.rule, f.text, f.column) for f in findings] == [
        ("mongering.medicalising", "Low T", 28),
        ("mongering.medicalising", "adrenal fatigue", 37),
    ]
    assert features["mongering_count"] == pytest.approx(math.log1p(2))
    assert features["fear_count"] == 0.0
    # a label in quotes is being discussed, not used
    assert found('Critics call "low T" an invented disease.') == []


def test_question_appeal_needs_its_verb():
    assert found("Could you be at risk?") == [("mongering.fear-appeal", "Could you be at risk")]
    assert found("Smoking could put you at risk.") == []


def test_features_contract_and_empty_text():
    names = {f.name for f in mongering.FEATURES}
    for text in ("", "   \n", "Plain text about a study of 40 patients."):
        features, findings = run(text)
        assert set(features) == names
        assert all(math.isfinite(v) and v >= 0 for v in features.values())
        assert findings == []
    rule_ids = {r.id for r in mongering.RULES}
    text = (
        "A terrifying silent epidemic: millions of people are undiagnosed. Low T too.\n\n"
        "Millions of women suffer from this painful condition."
    )
    assert {f.rule for f in run(text)[1]} <= rule_ids
    assert {f.rule for f in run(text)[1]} == rule_ids


def test_findings_sorted_and_spans_match():
    text = "Frightening! Millions of children suffer needlessly. It is a death sentence."
    findings = run(text)[1]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert text[f.start : f.end] == f.text


def test_speed_on_long_text():
    doc = Document.from_text(
        "Heart disease affects 6 million Americans, according to the CDC. " * 150
        + "Don't wait until it's too late. " * 20
    )
    mongering.analyze(doc)
    start = time.perf_counter()
    for _ in range(5):
        mongering.analyze(doc)
    assert (time.perf_counter() - start) / 5 < 0.05
