"""Tests for the alternatives signal: comparisons with existing options, not with placebo."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import alternatives


def run(text: str):
    return alternatives.analyze(Document.from_text(text))


def hits(text: str) -> list[str]:
    return [f.text for f in run(text)[1] if f.rule == "alternatives.comparison"]


def test_docstring_example_fires():
    feats, findings = run("Results came in.\nThe implant worked as well as standard treatment.")
    assert [(f.text, f.line, f.column, f.severity) for f in findings] == [
        ("standard treatment", 2, 31, "info")
    ]
    assert feats == {
        "alternatives_mentioned": 1.0,
        "alternative_mentions": math.log1p(1),
        "comparison_rate": 0.0,
    }


def test_docstring_example_does_not_fire():
    feats, findings = run("Patients on the drug did better than those on placebo.")
    assert findings == []
    # "than" still makes the writing comparative: 1 per 200 words (short texts' floor).
    assert feats == {
        "alternatives_mentioned": 0.0,
        "alternative_mentions": 0.0,
        "comparison_rate": 5.0,
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Other options include surgery and physical therapy.", "Other options"),
        ("Unlike existing drugs, it is taken once a month.", "Unlike"),
        ("Current treatments only ease symptoms.", "Current treatments"),
        ("The new test was as effective as a colonoscopy.", "as effective as"),
        ("Surgery versus radiation: which is better?", "versus"),
        ("It is cheaper than the standard of care.", "cheaper than"),
        # A statement that there are no alternatives is about alternatives.
        ("There are no other options for these patients.", "other options"),
    ],
)
def test_comparisons_fire(text, expected):
    assert hits(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # Placebo, sham or nothing: evidence that it works, not an alternative.
        "The drug did better than placebo.",
        "It was compared with a sham procedure.",
        "Pain fell versus no treatment at all.",
        # Groups or numbers of one study, not treatments.
        "Pain fell by 30 percent compared with 10 percent before.",
        "People who ate nuts were healthier compared with those who did not.",
        "Scores rose versus the control group.",
        # Debunked.
        "It is a myth that it works better than chemotherapy.",
    ],
)
def test_not_alternatives(text):
    feats, _ = run(text)
    assert hits(text) == []
    assert feats["alternatives_mentioned"] == 0.0


def test_count_is_per_sentence_and_one_finding_per_sentence():
    text = (
        "Current treatments fail. Unlike standard therapy, it is oral. Other options exist. "
        "It was tested in May."
    )
    feats, findings = run(text)
    # "Unlike" and "standard therapy" share a sentence: three sentences compare.
    assert feats["alternative_mentions"] == pytest.approx(math.log1p(3))
    # one finding per counted sentence, at its first comparison
    assert [f.text for f in findings] == ["Current treatments", "Unlike", "Other options"]


def test_placebo_check_uses_whole_phrases():
    # "treatment" alone is not a placebo word; "no treatment" is.
    assert run("It was compared with standard treatment.")[0]["alternatives_mentioned"] == 1.0
    assert run("It did better than no treatment.")[0]["alternatives_mentioned"] == 0.0


def test_feature_keys_directions_and_empty_text():
    assert {f.name: f.direction for f in alternatives.FEATURES} == {
        "alternatives_mentioned": 1,
        "alternative_mentions": 1,
        "comparison_rate": 1,
    }
    for text in ("", " \n"):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in alternatives.FEATURES}
        assert all(v == 0.0 and math.isfinite(v) for v in feats.values())


def test_comparison_rate_counts_comparative_words_of_any_kind():
    words = " ".join(["word"] * 390)
    text = (
        f"Smokers fared worse than non-smokers, and the risk was similar in women. {words} "
        "Compared with aspirin, the new drug made no difference versus placebo."
    )
    # than, similar, compared, difference, versus: five.
    n_words = Document.from_text(text).n_words
    assert n_words > 400
    assert run(text)[0]["comparison_rate"] == pytest.approx(1000 * 5 / n_words)
    assert run(f"The drug helped. {words}")[0]["comparison_rate"] == 0.0


def test_rules_and_lexicons():
    (rule,) = alternatives.RULES
    assert (rule.id, rule.severity, rule.effect) == ("alternatives.comparison", "info", "raises")
    for name in ("alternatives_comparisons", "alternatives_placebo", "alternatives_comparatives"):
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = "compared with placebo versus those " * 5000 + "other options " * 5000
    start = time.perf_counter()
    feats, _ = run(nasty)
    assert time.perf_counter() - start < 2.0
    assert feats["alternatives_mentioned"] == 1.0
