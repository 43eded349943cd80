"""Tests for the availability signal: approval, market status and trial phase."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import availability


def run(text: str):
    return availability.analyze(Document.from_text(text))


def hits(text: str) -> list[str]:
    return [f.text for f in run(text)[1] if f.rule == "availability.status"]


def test_docstring_example_fires():
    text = "The drug is not yet approved and could be years away;\na phase 3 trial starts in May."
    feats, findings = run(text)
    assert [(f.text, f.line, f.column, f.severity) for f in findings] == [
        ("not yet approved", 1, 13, "info"),
        ("years away", 1, 43, "info"),
        ("phase 3", 2, 3, "info"),
    ]
    assert feats == {"availability_stated": 1.0, "approval_stated": 1.0, "trial_phase": 1.0}


def test_docstring_example_does_not_fire():
    feats, findings = run("More information is available on the website.")
    assert findings == []
    assert all(v == 0.0 for v in feats.values())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The drug is FDA-approved for adults.", "FDA-approved"),
        ("The device was cleared by the FDA in 2019.", "cleared by the FDA"),
        ("The implant is not approved in Europe.", "is not approved"),
        ("The maker is awaiting approval.", "awaiting approval"),
    ],
)
def test_approval_status(text, expected):
    feats, _ = run(text)
    assert hits(text) == [expected]
    assert feats["approval_stated"] == feats["availability_stated"] == 1.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It is available by prescription only.", "is available"),
        ("The gel is sold over the counter.", "sold over"),
        ("The test is not yet available to doctors.", "not yet available"),
        ("The company expects it to be available in 2026.", "be available"),
        ("Two such pumps are already on the market.", "on the market"),
    ],
)
def test_market_status(text, expected):
    feats, _ = run(text)
    assert hits(text) == [expected]
    assert feats["availability_stated"] == 1.0
    assert feats["approval_stated"] == 0.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The drug is now in a Phase III trial.", "Phase III"),
        ("Results of the phase 1/2 study were promising.", "phase 1/2"),
        ("A phase-two clinical trial is under way.", "phase-two"),
    ],
)
def test_trial_phase(text, expected):
    feats, _ = run(text)
    assert hits(text) == [expected]
    assert feats["trial_phase"] == 1.0
    assert feats["availability_stated"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Lee is available for interviews.",
        "Copies of the paper are available online.",
        "Photos are available at www.example.org/press.",
        "The first phase of the project ended.",
        "In phase two of the renovation, the lobby reopens.",
        "It is a myth that the pill was approved by the FDA.",
    ],
)
def test_lookalikes_do_not_fire(text):
    feats, _ = run(text)
    assert hits(text) == []
    assert all(v == 0.0 for v in feats.values())


def test_feature_keys_directions_and_empty_text():
    assert all(f.direction == 1 for f in availability.FEATURES)
    for text in ("", " \n"):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in availability.FEATURES}
        assert all(v == 0.0 and math.isfinite(v) for v in feats.values())


def test_rules_and_lexicons():
    (rule,) = availability.RULES
    assert (rule.id, rule.severity, rule.effect) == ("availability.status", "info", "raises")
    for name in ("availability_approval", "availability_market"):
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = "is available here for to " * 4000 + "phase 2 phase II trial " * 4000
    start = time.perf_counter()
    feats, _ = run(nasty)
    assert time.perf_counter() - start < 2.0
    assert feats["trial_phase"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Financing is available.",
        "Financing is available to patients.",
        "Payment plans are available for every budget.",
        "Free parking is available at the clinic.",
    ],
)
def test_services_of_a_clinic_are_not_availability(text):
    assert hits(text) == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The drug is now available to patients.", "now available"),
        ("The device is available at pharmacies.", "is available"),
    ],
)
def test_the_product_being_available_still_counts(text, phrase):
    assert hits(text) == [phrase]
