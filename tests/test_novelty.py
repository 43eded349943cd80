"""Tests for the novelty signal: novelty claims and the context that establishes novelty."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import novelty


def run(text: str):
    return novelty.analyze(Document.from_text(text))


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text)[1]]


def test_docstring_example_fires():
    features, findings = run("The world's first smart pill brings new hope to patients.")
    assert [(f.rule, f.text, f.severity, f.line, f.column) for f in findings] == [
        ("novelty.unsupported-claim", "world's first", "warning", 1, 5),
        ("novelty.unsupported-claim", "new hope", "warning", 1, 37),
    ]
    assert features == {
        "novelty_claims": pytest.approx(math.log1p(2)),
        "unsupported_novelty": pytest.approx(math.log1p(2)),
        "novelty_context": 0.0,
        "context_count": 0.0,
    }


def test_docstring_example_context_instead():
    text = "The world's first smart pill of this kind builds on earlier work with similar drugs."
    features, findings = run(text)
    assert [(f.rule, f.text, f.severity) for f in findings] == [
        ("novelty.claim", "world's first", "info"),  # counted, so shown
        ("novelty.context", "builds on", "info"),
        ("novelty.context", "earlier work", "info"),
        ("novelty.context", "similar drugs", "info"),
    ]
    assert features["novelty_claims"] == pytest.approx(math.log1p(1))  # still counted
    assert features["unsupported_novelty"] == 0.0
    assert features["novelty_context"] == 1.0
    assert features["context_count"] == pytest.approx(math.log1p(3))


def test_context_anywhere_in_the_article_supports_claims():
    text = (
        "A brand-new approach to migraine.\n\n"
        "The drug is already approved for cluster headaches and was first approved in 2012."
    )
    features, findings = run(text)
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("novelty.claim", "brand-new", 1, 3),
        ("novelty.context", "already approved", 3, 13),
        ("novelty.context", "first approved", 3, 60),
    ]
    assert features["unsupported_novelty"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "This is not a new era for medicine.",  # negated claim ("not a new" is context)
        "The myth that this is the world's first cure keeps spreading.",  # debunked
        "Critics mocked the 'new hope' slogan.",  # scare quotes
        # factual firsts are not novelty claims
        "This is the first study to track sleep in astronauts.",
        "For the first time, researchers measured the hormone in saliva.",
        # hype words of the superlatives family are not counted again
        "A revolutionary, unprecedented breakthrough, the first of its kind.",
    ],
)
def test_no_unsupported_claim(text):
    assert [r for r, _ in found(text) if r == "novelty.unsupported-claim"] == []


def test_negated_novelty_is_context():
    features, findings = run("The idea is not new: similar devices have been sold for years.")
    assert [f.text for f in findings] == ["is not new", "similar devices"]
    assert features["novelty_context"] == 1.0


def test_no_overlap_with_superlatives_lexicon():
    claims = set(load_lexicon("novelty_claims"))
    hype = set(load_lexicon("superlatives_hype")) | set(load_lexicon("superlatives_miracle"))
    assert not claims & hype


def test_approval_year_wildcard():
    assert found("Lithium was approved in 1970 for mania.") == [
        ("novelty.context", "approved in 1970")
    ]


def test_features_contract_and_empty_text():
    names = {f.name for f in novelty.FEATURES}
    for text in ("", "\n\n", "A study of 40 patients found a small effect."):
        features, findings = run(text)
        assert set(features) == names
        assert all(math.isfinite(v) and v >= 0 for v in features.values())
        assert findings == []
    rule_ids = {f.rule for f in run("A new era. Previous studies agree.")[1]}
    assert rule_ids == {"novelty.claim", "novelty.context"}
    assert {r.id for r in novelty.RULES} >= rule_ids


def test_findings_sorted():
    text = "Previous research was small. Now a world first. A newer version is coming."
    findings = run(text)[1]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert text[f.start : f.end] == f.text


def test_speed_on_long_text():
    doc = Document.from_text("The new drug is a world first and it is approved for use. " * 300)
    novelty.analyze(doc)
    start = time.perf_counter()
    for _ in range(5):
        novelty.analyze(doc)
    assert (time.perf_counter() - start) / 5 < 0.05


def test_a_claim_with_context_is_still_shown_as_counted():
    features, findings = run("A new era in care. Previous studies found the same.")
    claims = [f for f in findings if f.rule == "novelty.claim"]
    assert [(f.text, f.severity) for f in claims] == [("new era", "info")]
    assert features["novelty_claims"] == pytest.approx(math.log1p(len(claims)))
