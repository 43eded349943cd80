"""Tests for the costs signal: prices, cost words, comparisons, insurance, unknown cost."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import costs


def run(text: str):
    return costs.analyze(Document.from_text(text))


def hits(findings, rule: str) -> list[str]:
    return [f.text for f in findings if f.rule == rule]


# --------------------------------------------------------------------------- must fire


def test_funding_in_another_clause_does_not_hide_a_price():
    text = (
        "The company, which funded the study, has not announced a price; similar drugs cost "
        "between $300 and $500 a month."
    )
    _, findings = run(text)
    assert hits(findings, "costs.price") == ["$300", "$500 a month"]
    # In the same clause the funding word still marks the money as research money.
    _, findings = run("The company funded the study with $300 for each volunteer.")
    assert hits(findings, "costs.price") == []


def test_price_and_insurance_span_position():
    text = (
        "A new pill for gout.\nThe drug costs about $1,200 a month and is not covered by Medicare."
    )
    feats, findings = run(text)
    price = [f for f in findings if f.rule == "costs.price"]
    assert [f.text for f in price] == ["$1,200 a month"]
    assert (price[0].line, price[0].column) == (2, 22)
    assert price[0].severity == "info"
    assert hits(findings, "costs.insurance") == ["covered by Medicare"]
    assert hits(findings, "costs.mention") == ["costs"]
    assert feats == {
        "cost_stated": 1.0,
        "cost_mentions": pytest.approx(math.log1p(3)),
        "price_stated": 1.0,
        "insurance_mentioned": 1.0,
    }


@pytest.mark.parametrize(
    "text, price",
    [
        ("Each injection costs about 300 euros per dose.", "300 euros per dose"),
        ("The list price is $85,000 per patient.", "$85,000 per patient"),
        ("In Britain a course costs £950.", "£950"),
        ("The test sells for US$49.", "US$49"),
        ("The gene therapy debuted at $1.4 million per shot.", "$1.4 million per shot"),
        ("You can buy a bottle of 90 capsules for about $20.", "$20"),
    ],
)
def test_prices(text, price):
    feats, findings = run(text)
    assert hits(findings, "costs.price") == [price]
    assert feats["price_stated"] == 1.0


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Generic metformin is far cheaper than the new drug.", "cheaper than"),
        ("The scan is less expensive than an MRI.", "less expensive"),
        ("The authors say screening is cost-effective.", "cost-effective"),
        ("Patients received the massages at no cost.", "at no cost"),
    ],
)
def test_comparisons(text, phrase):
    feats, findings = run(text)
    assert hits(findings, "costs.comparison") == [phrase]
    assert feats["cost_stated"] == 1.0
    assert feats["price_stated"] == 0.0


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Patients pay out-of-pocket for the procedure.", "out-of-pocket"),
        ("Most plans require a copay of a few dollars.", "copay"),
        ("Insurance companies will pay for the test.", "Insurance companies will pay"),
        ("Massage is generally not covered by insurance.", "covered by insurance"),
    ],
)
def test_insurance(text, phrase):
    feats, findings = run(text)
    assert hits(findings, "costs.insurance")[0] == phrase
    assert feats["insurance_mentioned"] == 1.0


@pytest.mark.parametrize(
    "text, word",
    [
        ("The price has not been set.", "price"),
        ("The company did not disclose the cost of the implant.", "cost"),
    ],
)
def test_unknown_cost_counts_as_discussion(text, word):
    # Negation is deliberately not applied: saying the cost is unknown discusses cost.
    feats, findings = run(text)
    assert hits(findings, "costs.mention") == [word]
    assert "not known" in findings[0].message
    assert feats["cost_stated"] == 1.0


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        "The team received a $2 million grant from the NIH.",
        "The study was funded by a $450,000 award from the foundation.",
        "Analysts expect a $5 billion market by 2025.",
        "Shares closed up 6 percent at $89.98 on Nasdaq.",
        "The researchers studied Medicare beneficiaries aged 65 and older.",
        "Dr. Costa reports consulting fees and travel reimbursement from the company.",
        "Alzheimer's disease costs the nation $259 billion a year.",
        "The FDA set a Prescription Drug User Fee Act date in December.",
        "Our forward-looking statements mention pricing pressure and reimbursement.",
        "This special discount price of just $39.95 is only available today.",
        "Free shipping on orders over $75.",
        "Use coupon code HEALTH10 to get $10 off your first bottle.",
    ],
)
def test_non_care_money_and_lookalikes_do_not_fire(text):
    feats, findings = run(text)
    assert findings == []
    assert all(v == 0.0 for v in feats.values())


def test_grant_next_to_price_keeps_only_the_price():
    text = "A $3 million grant paid for the trial. The device itself costs $400."
    feats, findings = run(text)
    assert hits(findings, "costs.price") == ["$400"]
    assert feats["price_stated"] == 1.0


# --------------------------------------------------------------------------- features


def test_empty_and_plain_text():
    for text in ("", "The trial enrolled 300 adults with asthma."):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in costs.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_feature_keys_finite_and_directions():
    feats, _ = run("It costs $20 a dose, is cheaper than surgery and covered by Medicaid.")
    assert set(feats) == {f.name for f in costs.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    assert all(f.direction == 1 for f in costs.FEATURES)
    assert all(v > 0 for v in feats.values())


def test_rule_ids_and_sorted_findings():
    text = "It is cheaper than surgery. It costs $20 a dose. Medicaid covers it. Price unknown."
    _, findings = run(text)
    ids = {r.id for r in costs.RULES}
    assert {f.rule for f in findings} == ids
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(re.fullmatch(r"costs\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    assert all(r.severity == "info" and r.effect == "raises" for r in costs.RULES)


def test_lexicons_name_a_source():
    for name in ("costs_mentions", "costs_comparisons", "costs_insurance", "costs_not_care"):
        assert "HealthNewsReview" in load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = "$" + "1," * 20000 + " " + ("$ 9 " * 5000) + ("cost " * 5000) + "9" * 20000 + " dollars"
    start = time.perf_counter()
    run(nasty)
    assert time.perf_counter() - start < 2.0
