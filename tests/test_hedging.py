"""Tests for the hedging signal: hedges and limitations raise, boosters lower."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import hedging


def run(text: str, title: str | None = None):
    return hedging.analyze(Document.from_text(text, title=title))


def hits(text: str, rule: str) -> list[str]:
    return [f.text for f in run(text)[1] if f.rule == rule]


def test_docstring_example_fires_boosters():
    features, findings = run("This supplement clearly proves that inflammation can be reversed.")
    boosters = [f for f in findings if f.rule == "hedging.booster"]
    assert [f.text for f in boosters] == ["clearly", "proves"]
    assert (boosters[0].line, boosters[0].column) == (1, 17)
    assert boosters[0].severity == "warning"
    assert features["booster_count"] > 0
    assert features["hedge_share"] == 0.0


def test_docstring_example_hedge_and_limitation_not_booster():
    features, findings = run(
        "The results suggest a benefit, but the study does not prove cause and effect."
    )
    assert [(f.rule, f.text) for f in findings] == [
        ("hedging.hedge", "suggest"),
        ("hedging.limitation", "does not prove"),
        ("hedging.limitation", "cause and effect"),
    ]
    assert features["booster_count"] == 0.0
    assert features["hedge_share"] == 1.0
    assert features["limitation_count"] == pytest.approx(math.log1p(2))


def test_hedge_position_on_later_line():
    text = "Headline here.\nThe drug might lower blood pressure."
    findings = [f for f in run(text)[1] if f.rule == "hedging.hedge"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.text, f.line, f.column, f.severity) == ("might", 2, 10, "info")
    assert text[f.start : f.end] == "might"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Coffee may protect the liver.", ["may"]),
        ("People over 65 may need a booster.", ["may"]),
        ("May cause drowsiness.", ["May"]),
        (
            "The effect appears to be small and is associated with age.",
            ["appears to", "associated with"],
        ),
        ("Obesity is linked to cancer, which could matter.", ["linked to", "could"]),
    ],
)
def test_hedges_fire(text, expected):
    assert hits(text, "hedging.hedge") == expected


@pytest.mark.parametrize(
    "text",
    [
        "In May 2019, the trial began.",
        "The trial began on 5 May and ended in June.",
        "Results were published in May, the agency said.",
        "May 12 is the deadline.",
        "Prime Minister Theresa May visited the hospital.",
        "The virus spread with all its might.",
    ],
)
def test_month_and_noun_are_not_hedges(text):
    assert hits(text, "hedging.hedge") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("More research is needed before doctors recommend it.", ["More research is needed"]),
        ("It was a small study, done in mice.", ["small study", "in mice"]),
        ("The study has limitations.", ["limitations"]),
        (
            "The findings are preliminary and have not been peer-reviewed.",
            ["preliminary", "not been peer-reviewed"],
        ),
    ],
)
def test_limitations_fire(text, expected):
    assert hits(text, "hedging.limitation") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This is definitely the answer.", ["definitely"]),
        ("It is clinically proven to work.", ["clinically proven"]),
        ("Results are guaranteed, and it always works.", ["guaranteed", "always works"]),
        ("Without a doubt, this will help.", ["Without a doubt"]),
        ("Undoubtedly it cures the flu.", ["Undoubtedly"]),
    ],
)
def test_boosters_fire(text, expected):
    assert hits(text, "hedging.booster") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The benefit is not clearly established.",
        "The study does not prove that coffee helps.",
        "The study doesn't prove anything.",
        "The myth that garlic definitely cures colds persists.",
        "More research is needed to prove that it works.",
        "The treatment may prove useful.",
        "The drug has yet to be proven safe.",
        "Medicines should be clearly labelled.",
        "There is no guarantee it will work.",
    ],
)
def test_boosters_do_not_fire(text):
    assert hits(text, "hedging.booster") == []


def test_hedges_and_boosters_lists_are_disjoint():
    hedges = set(load_lexicon("hedging_hedges"))
    boosters = set(load_lexicon("hedging_boosters"))
    limitations = set(load_lexicon("hedging_limitations"))
    assert hedges and boosters and limitations
    assert not hedges & boosters
    assert not boosters & limitations
    assert not hedges & limitations
    for name in ("hedging_hedges", "hedging_boosters", "hedging_limitations"):
        source = load_lexicon(name).source
        assert "Hyland" in source or "HealthNewsReview" in source


def test_features_match_declared_names_and_are_finite():
    for text in ("", "   ", "One word", "It may help. It clearly works. More research is needed."):
        features, findings = run(text)
        assert list(features) == [f.name for f in hedging.FEATURES]
        assert all(isinstance(v, float) and math.isfinite(v) for v in features.values())
        assert all(f.rule in {r.id for r in hedging.RULES} for f in findings)
        assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_hedge_share_neutral_without_hedges_or_boosters():
    features, findings = run("The hospital opened a new wing on Tuesday.")
    assert features["hedge_share"] == 0.5
    assert features["hedge_rate"] == 0.0
    assert findings == []


def test_hedge_share_mixed():
    features, _ = run("It may help. It might help. It could help. It definitely helps.")
    assert features["hedge_share"] == pytest.approx(0.75)
    # short texts count as 200 words: 3 hedges -> 15 per 1,000 words
    assert features["hedge_rate"] == pytest.approx(15.0)
    assert features["booster_count"] == pytest.approx(math.log1p(1))


def test_contrast_rate_counts_contrast_connectives_without_findings():
    features, findings = run(
        "The drug helped, but the trial was small. However, a second trial agreed, although it "
        "was short. Yet doubts remain; still, doctors were pleased."
    )
    # but, however, although, yet, still: five in a short text counted as 200 words.
    assert features["contrast_rate"] == pytest.approx(25.0)
    assert not [f for f in findings if f.text.lower() in {"but", "however", "yet", "still"}]
    assert run("The drug helped and the trial was large.")[0]["contrast_rate"] == 0.0


def test_signal_metadata():
    sig = hedging.SIGNAL
    assert sig.name == "hedging"
    directions = {f.name: f.direction for f in sig.features}
    assert directions == {
        "hedge_rate": 1,
        "limitation_count": 1,
        "booster_count": -1,
        "hedge_share": 1,
        "contrast_rate": 1,
    }
    effects = {r.id: (r.severity, r.effect) for r in sig.rules}
    assert effects == {
        "hedging.hedge": ("info", "raises"),
        "hedging.limitation": ("info", "raises"),
        "hedging.booster": ("warning", "lowers"),
    }


def test_linear_time_on_pathological_input():
    text = ("may clearly not " * 20000) + ("May 2019 " * 5000)
    start = time.perf_counter()
    features, _ = run(text)
    assert time.perf_counter() - start < 5.0
    assert features["hedge_rate"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "Maybe you still remember the old advice.",
        "Perhaps you have heard of the new pill.",
        "You may have heard that coffee is bad for you.",
        "You might remember the campaign.",
    ],
)
def test_an_aside_to_the_reader_is_not_a_hedge(text):
    assert hits(text, "hedging.hedge") == []


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("Maybe the drug works for some people.", "Maybe"),
        ("Perhaps the effect is real.", "Perhaps"),
        ("You may experience nausea.", "may"),
    ],
)
def test_hedges_near_you_still_count(text, hedge):
    assert hits(text, "hedging.hedge") == [hedge]
