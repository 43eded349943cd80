"""Tests for the commercial signal: calls to action, offers, guarantees, contacts, testimonials."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.signals import commercial


def run(text: str):
    return commercial.analyze(Document.from_text(text))


def hits(findings, rule: str) -> list[str]:
    return [f.text for f in findings if f.rule == rule]


# --------------------------------------------------------------------------- must fire


def test_call_to_action_span_position_and_severity():
    text = "Feel young again.\nBook your appointment today! Click here to order."
    feats, findings = run(text)
    cta = [f for f in findings if f.rule == "commercial.call-to-action"]
    assert [f.text for f in cta] == ["Book your appointment", "Click here"]
    assert (cta[0].line, cta[0].column) == (2, 1)
    assert cta[0].severity == "error"
    assert feats["any_cta"] == 1.0
    assert feats["cta_count"] == pytest.approx(math.log1p(2))


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Order now and feel the difference.", "Order now"),
        ("Call us today for relief.", "Call us today"),
        ("Shop now while you can.", "Shop now"),
        ("Don't delay, act now!", "act now"),
        ("Schedule your consultation with our team.", "Schedule your consultation"),
        ("Try it risk-free today.", "Try it risk-free"),
    ],
)
def test_cta_phrases(text, phrase):
    _, findings = run(text)
    assert hits(findings, "commercial.call-to-action") == [phrase]


def test_offers_urgency_and_price_pitch():
    text = (
        "$2,500 per session - book today. Use promo code SAVE20 for 20% off. "
        "Get a free consultation. Limited-time offer, while supplies last: only 3 spots left."
    )
    feats, findings = run(text)
    assert hits(findings, "commercial.offer") == ["$2,500", "promo code", "20% off", "free consultation"]
    assert hits(findings, "commercial.urgency") == [
        "Limited-time offer",
        "while supplies last",
        "only 3 spots left",
    ]
    assert feats["offer_count"] == pytest.approx(math.log1p(7))


def test_guarantees():
    feats, findings = run("It is risk-free. Money-back guarantee! Satisfaction guaranteed.")
    assert hits(findings, "commercial.guarantee") == [
        "risk-free",
        "Money-back guarantee",
        "Satisfaction guaranteed",
    ]
    assert all(f.severity == "error" for f in findings if f.rule == "commercial.guarantee")
    assert feats["guarantee_count"] == pytest.approx(math.log1p(3))


@pytest.mark.parametrize(
    "number", ["+1 (555) 123-4567", "(555) 123-4567", "555-123-4567", "0800 123 4567", "+44 20 7946 0958"]
)
def test_phone_numbers(number):
    _, findings = run(f"Questions? Reach our clinic on {number} any day.")
    assert number in hits(findings, "commercial.contact")
    assert all(f.severity == "warning" for f in findings if f.rule == "commercial.contact")


def test_contact_block_email_and_call_cta():
    text = "Contact us for details. Email info@glowclinic.com or call 555-123-4567."
    feats, findings = run(text)
    assert hits(findings, "commercial.contact") == ["Contact us", "info@glowclinic.com", "555-123-4567"]
    assert hits(findings, "commercial.call-to-action") == ["call"]
    assert feats["contact_count"] == pytest.approx(math.log1p(3))


def test_testimonials():
    text = (
        '"I was in a wheelchair and now I dance every night!"\n'
        "- Mary, 54, Texas\n"
        "★★★★★ Our patients say it changed my life."
    )
    feats, findings = run(text)
    found = [(f.text, f.line, f.column) for f in findings if f.rule == "commercial.testimonial"]
    assert found == [
        ("I was in a wheelchair and now", 1, 2),
        ("- Mary, 54, Texas", 2, 1),
        ("★★★★★", 3, 1),
        ("Our patients say", 3, 7),
        ("changed my life", 3, 27),
    ]
    assert feats["testimonial_count"] == pytest.approx(math.log1p(5))


def test_crowd_testimonials():
    _, findings = run("Thousands of patients have found relief without surgery.")
    assert [f.text for f in findings if f.rule == "commercial.testimonial"] == [
        "Thousands of patients have found relief"
    ]


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        "The smoke-free and sugar-free policies apply in gluten-free schools.",
        "The vaccine is free at pharmacies and free of charge for children.",
        "Her book on nutrition was a bestseller; she booked a flight.",
        "Patients took the drug in order to sleep; the disorder improved by an order of magnitude.",
        "The so-called cure, as he called it, was tested.",
        "In 2019-2020, 1,200 patients were enrolled; HR 0.84 (0.71-0.99) and 1998 2004 2019.",
        "Masks save lives, and the policy could save $1 million a year.",
        "Governments must act now, experts said.",
        "No treatment is risk-free, and there is no guarantee that it works.",
        "Be wary of products that offer a money-back guarantee.",
        "Scam ads promise a \"risk-free\" cure.",
        "Media contact: Jane Doe, 555-123-4567, jdoe@univ.edu",
        "Click here to read the full story.",
        "-Sasha, Maryland",
        "Stocks fell 93% off their peak.",
        # The publication's own furniture, scraped with a story.
        "We've sent a confirmation email. Click the link to confirm your subscription.",
        "The trial continues. Contact us at editors@time.com.",
        "Subscribe to support our journalism. Start your free trial.",
        # A hard-wrapped line is still the same paragraph (paragraphs end at blank lines).
        "Subscribe to support our journalism.\nStart your free trial.",
        "Copyright 2020 NPR. All rights reserved. Visit our website terms of use pages.",
    ],
)
def test_lookalikes_do_not_fire(text):
    feats, findings = run(text)
    assert findings == []
    assert all(v == 0.0 for v in feats.values())


@pytest.mark.parametrize(
    "text",
    [
        "Subscribe to our newsletter and book your free consultation today!",
        "Our newsletter is out.\n\nCall now: 555-123-4567.",
        "Get our newsletter. Questions? Contact us at info@glowclinic.com about treatments.",
    ],
)
def test_a_sales_pitch_beside_site_furniture_still_counts(text):
    feats, _ = run(text)
    assert feats["cta_count"] > 0 or feats["contact_count"] > 0


def test_free_sample_fires_but_sugar_free_sample_does_not():
    _, findings = run("Ask for a free sample.")
    assert hits(findings, "commercial.offer") == ["free sample"]
    _, findings = run("Ask for a sugar-free sample.")
    assert findings == []


# --------------------------------------------------------------------------- features


def test_feature_keys_finite_and_directions():
    feats, _ = run("Book now! Call 555-123-4567. 50% off. Risk-free.")
    assert set(feats) == {f.name for f in commercial.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    assert all(f.direction == -1 for f in commercial.FEATURES)
    assert feats["testimonial_count"] == 0.0
    assert all(v > 0 for k, v in feats.items() if k != "testimonial_count")


def test_empty_and_plain_text():
    for text in ("", "The trial enrolled 300 adults with asthma."):
        feats, findings = run(text)
        assert findings == []
        assert set(feats) == {f.name for f in commercial.FEATURES}
        assert all(v == 0.0 for v in feats.values())


def test_rule_ids_and_sorted_findings():
    _, findings = run("Risk-free! Call now: 555-123-4567. Our patients say so. Use coupon today.")
    ids = {r.id for r in commercial.RULES}
    assert findings and all(f.rule in ids for f in findings)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(re.fullmatch(r"commercial\.[a-z]+(?:-[a-z]+)*", i) for i in ids)
    sev = {r.id: r.severity for r in commercial.RULES}
    assert sev["commercial.call-to-action"] == sev["commercial.guarantee"] == "error"
    assert sev["commercial.contact"] == sev["commercial.testimonial"] == "warning"
    assert all(r.effect == "lowers" for r in commercial.RULES)


def test_lexicons_name_a_source():
    from credscore.lexicon import load_lexicon

    for name in commercial._LISTS.values():
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = ("1 2 3 4 5 6 7 8 9 " * 3000) + ("a" * 50 + "@") * 2000 + ("I was " + "x " * 200) * 200
    start = time.perf_counter()
    run(nasty)
    assert time.perf_counter() - start < 2.0


def test_windowed_scans_and_offer_cues_equal_full_scans():
    # finditer_near scans only near anchors and the offer cues gate _LOWER_OFFERS: both must
    # find exactly what a scan of the whole text finds.
    import random

    from credscore.signals.base import finditer_near

    cases = [
        (commercial._PHONE, commercial._DIGIT_RUN, 10, 60),
        (commercial._STARS, commercial._STARS_ANCHOR, 25, 30),
        (commercial._BEFORE_AFTER, commercial._BEFORE_AFTER_ANCHOR, 2, 200),
    ]
    pieces = [
        "Call 555-123-4567", "(800) 555 1234", "+44 20 7946 0958", "1.23 (0.95-1.60)", "2019",
        "4.5 out of 5 stars", "5/5 STARS", "\u2605\u2605\u2605\u2605", "I was sick and now",
        "I suffered, but now", "save 20%", "50% off", "for only $9.99", "starting at $5", "5",
        "I ", "AI ", "now", "x", "-", "(", ".", "0800 123 4567", "\n",
    ]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 30))
        )
        for rx, anchor, before, after in cases:
            full = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in finditer_near(rx, text, anchor, before, after)] == full
        lower = text.lower()
        if not any(cue in lower for cue in commercial._OFFER_CUES):
            assert commercial._LOWER_OFFERS.search(lower) is None


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Book now and save 30% on your first session.", ["save 30%"]),
        ("Order today and save 15% now!", ["save 15%"]),
        ("The plan cuts readmissions and save 20% on energy costs.", []),
        ("Hospitals could cut waste and save $1 million a year.", []),
    ],
)
def test_and_save_is_an_offer_only_when_it_addresses_the_reader(text, offer):
    _, findings = run(text)
    assert [f.text for f in findings if f.rule == "commercial.offer"] == offer
