"""Tests for the superlatives signal: hype words with no number, citation or source."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.lexicon import load_lexicon
from credscore.signals import superlatives


def run(text: str, title: str | None = None):
    return superlatives.analyze(Document.from_text(text, title=title))


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text)[1]]


def test_docstring_example_miracle_claim():
    features, findings = run("This miracle cure melts belly fat while you sleep.")
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.text, f.severity, f.line, f.column) == (
        "superlatives.miracle-claim", "miracle cure", "error", 1, 6,
    )
    assert features["miracle_count"] == pytest.approx(math.log1p(1))
    assert features["hype_count"] == 0.0  # a miracle claim is counted apart


def test_docstring_example_supported_does_not_fire():
    text = "Researchers called the drug a breakthrough: it cut deaths by 31%, said Dr. Jane Smith."
    features, findings = run(text)
    # Supported: no warning, but the counted word is shown as an info note.
    assert [(f.rule, f.text, f.severity) for f in findings] == [
        ("superlatives.hype", "breakthrough", "info")
    ]
    assert features["hype_count"] == pytest.approx(math.log1p(1))
    assert features["unsupported_count"] == 0.0
    assert features["unsupported_share"] == 0.0


def test_unsupported_hype_positions():
    text = "A new clinic opened.\n\nIts revolutionary therapy is a game-changer."
    findings = run(text)[1]
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("superlatives.unsupported", "revolutionary", 3, 5),
        ("superlatives.unsupported", "game-changer", 3, 32),
    ]
    assert all(f.severity == "warning" for f in findings)
    assert text[findings[1].start : findings[1].end] == "game-changer"


@pytest.mark.parametrize(
    "text",
    [
        "The new drug is a breakthrough. In the trial, 12 of 40 patients recovered.",
        "The new drug is a breakthrough. The study was published in the Lancet.",
        "The new drug is a breakthrough, according to researchers at Emory University.",
        "The new drug is a breakthrough (Smith et al., 2019).",
        "The new drug is a breakthrough, see doi:10.1056/NEJMoa2034577 for details.",
        "The new drug is a breakthrough. The trial enrolled 1,200 patients.",
        "The new drug is a breakthrough, Jane Smith said.",
        "The new drug is a breakthrough. Deaths fell (p < 0.01).",
    ],
)
def test_support_in_same_or_next_sentence(text):
    assert found(text) == [("superlatives.hype", "breakthrough")]


def test_support_must_be_near():
    # the number is two sentences away: too far
    text = "The drug is a breakthrough. Everyone is excited. Deaths fell by 31%."
    assert found(text) == [("superlatives.unsupported", "breakthrough")]
    # support in the PREVIOUS sentence does not count either
    text = "Deaths fell by 31%. Everyone is excited. It is a breakthrough."
    assert found(text) == [("superlatives.unsupported", "breakthrough")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our tea is 100% natural.", [("superlatives.unsupported", "100% natural")]),
        ("The cream is 100% effective.", [("superlatives.miracle-claim", "100% effective")]),
        ("It is 100 percent safe.", [("superlatives.unsupported", "100 percent safe")]),
        ("Turmeric is a cure-all.", [("superlatives.miracle-claim", "cure-all")]),
        ("Doctors hate this wonder drug.", [("superlatives.miracle-claim", "wonder drug")]),
        ("It is the best supplement ever.", [("superlatives.unsupported", "best")]),
        ("A holy grail of cancer research.", [("superlatives.unsupported", "holy grail")]),
    ],
)
def test_hype_fires(text, expected):
    assert found(text) == expected


def test_hundred_percent_does_not_support_itself_or_its_neighbour():
    assert found("Our pills are 100% natural and 100% safe.") == [
        ("superlatives.unsupported", "100% natural"),
        ("superlatives.unsupported", "100% safe"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hospitals should follow best practice.",
        "At best, the pill helps a little.",
        "Patients want the best chance of survival.",
        "Flu is the most common cause of absence.",
        "Most people recover within a week.",
        "Breakthrough infections were rare.",
        "In the trial 100% of patients improved.",
        "This is not a miracle.",
        "There is no magic bullet for obesity.",
        "The myth that turmeric is a miracle cure persists.",
        "The herb has been touted as a cure-all.",
        'He dismissed the so-called "miracle" as marketing.',
        "The smoke-free policy started in June.",
    ],
)
def test_not_hype(text):
    assert found(text) == []


def test_title_hype_feature():
    features, _ = run("The trial is ongoing.", title="Miracle breakthrough for diabetes!")
    assert features["title_hype"] == pytest.approx(math.log1p(2))
    assert run("The trial is ongoing.", title=None)[0]["title_hype"] == 0.0
    negated_title = "No miracle cure for diabetes"
    assert run("The trial is ongoing.", title=negated_title)[0]["title_hype"] == 0.0


def test_features_match_declared_names_and_are_finite():
    for text in ("", "   ", "Nothing here.", "A miracle cure! The best treatment. 100% safe."):
        features, findings = run(text, title="Amazing")
        assert list(features) == [f.name for f in superlatives.FEATURES]
        assert all(isinstance(v, float) and math.isfinite(v) for v in features.values())
        assert all(f.rule in {r.id for r in superlatives.RULES} for f in findings)
        assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_unsupported_share_is_zero_without_hype():
    features, findings = run("The clinic is open on weekdays.")
    assert features == {
        "hype_count": 0.0,
        "unsupported_count": 0.0,
        "unsupported_share": 0.0,
        "miracle_count": 0.0,
        "title_hype": 0.0,
    }
    assert findings == []


def test_signal_metadata_and_lexicon_sources():
    assert superlatives.SIGNAL.name == "superlatives"
    assert all(f.direction == -1 for f in superlatives.FEATURES)
    assert {(r.id, r.severity, r.effect) for r in superlatives.RULES} == {
        ("superlatives.unsupported", "warning", "lowers"),
        ("superlatives.hype", "info", "lowers"),
        ("superlatives.miracle-claim", "error", "lowers"),
        ("superlatives.title-hype", "warning", "lowers"),
    }
    assert "Prasad" in load_lexicon("superlatives_hype").source
    assert "Food and Drug Administration" in load_lexicon("superlatives_miracle").source


def test_linear_time_on_pathological_input():
    text = ("(" * 50000) + ("1" * 50000) + (" miracle " * 5000) + ("Dr " * 20000)
    start = time.perf_counter()
    features, findings = run(text)
    assert time.perf_counter() - start < 5.0
    assert features["hype_count"] > 0


def test_a_miracle_claim_counts_and_shows_even_with_a_number_nearby():
    features, findings = run("This miracle cure worked for 94% of our patients.")
    assert [(f.rule, f.text, f.severity) for f in findings] == [
        ("superlatives.miracle-claim", "miracle cure", "error")
    ]
    assert "nearby" in findings[0].message
    assert features["miracle_count"] == pytest.approx(math.log1p(1))


def test_a_miracle_claim_said_by_someone_else_is_not_counted():
    text = "Fans hailed it as a miracle cure, said Dr. Jane Smith, who doubts it."
    features, findings = run(text)
    assert findings == []
    assert features["miracle_count"] == 0.0


def test_headline_hype_is_shown_at_the_start():
    features, findings = run("The trial is ongoing.", title="Miracle breakthrough for diabetes!")
    assert [(f.rule, f.start, f.end, f.line, f.column) for f in findings] == [
        ("superlatives.title-hype", 0, 0, 1, 1),
        ("superlatives.title-hype", 0, 0, 1, 1),
    ]
    assert "'Miracle breakthrough for diabetes!'" in findings[0].message
    assert features["title_hype"] == pytest.approx(math.log1p(2))


def test_a_researchers_single_quoted_praise_is_not_the_writers_hype():
    quoted = "'This is astonishing,' said the lead author of the trial."
    own = "This is astonishing, and the trial will change care."
    assert found(quoted) == []
    assert run(quoted)[0]["hype_count"] == 0
    assert found(own) == [("superlatives.unsupported", "astonishing")]


def test_an_apostrophe_does_not_hide_hype():
    assert found("The patients' results were astonishing, and care will change.") == [
        ("superlatives.unsupported", "astonishing")
    ]
