"""Tests for the framing signal: press-release reliance, clickbait titles, conspiracy framing."""

from __future__ import annotations

import math
import time

import pytest

from credscore.document import Document
from credscore.signals import framing

BODY = "The study of 120 adults found a small benefit."


def run(text: str, title: str | None = None):
    return framing.analyze(Document.from_text(text, title=title))


def found(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text, title)[1]]


def test_docstring_example_conspiracy():
    features, findings = run("Big Pharma doesn't want you to know about this cheap cure.")
    assert [(f.rule, f.text, f.severity, f.line, f.column) for f in findings] == [
        ("framing.conspiracy", "Big Pharma", "error", 1, 1),
        ("framing.conspiracy", "doesn't want you to know", "error", 1, 12),
    ]
    assert features["conspiracy_count"] == pytest.approx(math.log1p(2))
    assert features["release_reliance"] == 0.0
    assert features["clickbait_title"] == 0.0


def test_docstring_example_debunked_conspiracy_does_not_fire():
    text = "Conspiracy theories about Big Pharma hiding a cure are baseless, experts said."
    features, findings = run(text)
    assert findings == []
    assert features["conspiracy_count"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "There is no cover-up of the truth, the agency said.",  # negated ("no")
        "The claim that the virus is a bioweapon has been debunked.",  # debunked
        "To tell the truth about the trial, it was small.",  # idiom, not a lure
        "Men who have sex with men (MSM) should be tested yearly.",  # MSM is not "the media"
        "Cover up your mouth when you cough.",  # a literal cover
        "The company covered up the logo with tape.",
    ],
)
def test_conspiracy_does_not_fire(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, fires",
    [
        # A fact check quotes the claim and refutes it in the next sentence.
        ("The post says Big Pharma doesn't want you to know. There is no evidence for that.", 0),
        ("A video claims a cover-up by Big Pharma. That is false, experts said.", 0),
        ("The meme blames Big Pharma. No study has shown any such plot.", 0),
        # The refutation must open the next sentence, in the same paragraph.
        ("Big Pharma doesn't want you to know.\n\nThere is no evidence for the diet.", 1),
        ("Big Pharma hides it. The governor debunked fake news claims.", 1),
        ("Big Pharma hides it. It will debunk itself, right?", 1),
    ],
)
def test_a_claim_refuted_by_the_next_sentence_is_reported_not_asserted(text, fires):
    assert (run(text)[0]["conspiracy_count"] > 0) == bool(fires)


def test_conspiracy_positions_and_the_truth_span():
    text = "A cheap pill.\n\nHere is the truth about vaccines the mainstream media hides."
    findings = run(text)[1]
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("framing.conspiracy", "the truth about", 3, 9),
        ("framing.conspiracy", "mainstream media", 3, 38),
    ]


def test_press_release_reliance_in_a_story():
    text = "A new drug cut migraines.\nThe company said in a press release that it works."
    features, findings = run(text)
    assert [(f.rule, f.text, f.severity, f.line, f.column) for f in findings] == [
        ("framing.press-release", "press release", "warning", 2, 23),
    ]
    assert features["release_reliance"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        # the text is itself a release: its furniture says so
        (
            "The drug works, the company said.\n\nMedia contact: Jane Doe\n\n"
            "View the original press release on our site."
        ),
        "The drug works.\n\nAbout Acme Pharma\n\nAcme makes medicines. See the news release.",
        "The drug works. Read the news release.\n\n###\n",
        "BOSTON, March 3, 2019 /PRNewswire/ -- Acme reported results. The press release says so.",
    ],
)
def test_release_itself_is_not_reliance(text):
    features, findings = run(text)
    assert features["release_reliance"] == 0.0
    assert findings == []


def test_news_dateline_is_not_a_marker():
    features, findings = run("WASHINGTON (Reuters) - The FDA approved the drug on Monday.")
    assert features["release_reliance"] == 0.0
    assert findings == []


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("You Won't Believe What This Pill Does", "won't believe"),
        ("Doctors hate this one weird trick for belly fat", "doctors hate"),
        ("7 foods that melt belly fat", "7 foods that"),
        ("5 signs you have a thyroid problem", "5 signs you"),
        ("The Hidden Truth About Blood Pressure Medication", "hidden truth about"),
        ("Coffee cures cancer!", "exclamation"),
        ("SHOCKING NEW STUDY on coffee", "SHOCKING"),
        ("Study finds coffee is GOOD for you and NOBODY reports it", "capitals"),
    ],
)
def test_clickbait_titles(title, why):
    features, findings = run(BODY, title)
    assert features["clickbait_title"] == 1.0
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.start, f.end, f.text, f.line, f.column) == (
        "framing.clickbait-title",
        0,
        0,
        "",
        1,
        1,
    )
    assert title in f.message
    assert why.lower() in f.message.lower()


@pytest.mark.parametrize(
    "title",
    [
        "Should you take aspirin every day?",  # a plain question is not clickbait
        "Cheers! Wine may help people with diabetes, study says",  # an interjection
        "FACT CHECK: Trump says 50,000 could die from flu",  # a section label
        "XARELTO® (rivaroxaban) Associated With Fewer Strokes",  # a brand name
        "New COVID vaccine trial begins at NIH and UCSF",  # acronyms
        "Concussion Measures Improved -- COLLEGE PARK, Md. /PRNewswire/ --",  # a wire dateline
        "Here's what you need to know about the new test",
    ],
)
def test_not_clickbait_titles(title):
    features, findings = run(BODY, title)
    assert features["clickbait_title"] == 0.0
    assert findings == []


def test_no_title():
    features, findings = run("Shocking! You won't believe it.")  # body text is not the title
    assert features["clickbait_title"] == 0.0
    assert [f.rule for f in findings] == ["framing.exclamation"]


def test_features_contract_and_empty_text():
    names = {f.name for f in framing.FEATURES}
    for text, title in (("", None), ("", ""), (BODY, None), ("  \n", "A plain headline")):
        features, findings = run(text, title)
        assert set(features) == names
        assert all(math.isfinite(v) and v >= 0 for v in features.values())
        assert findings == []
    text = "Big Pharma hid it, the company said in a press release. Really!"
    rules = {f.rule for f in run(text, "OMG, doctors hate it")[1]}
    assert rules == {r.id for r in framing.RULES}


def test_exclamations_in_the_writers_voice():
    text = (
        "Book your free consultation today! Call now!!!\n"
        '"We did it!" she said. The "wow!" factor faded.\n'
        "See https://example.org/#!/page and the !important rule."
    )
    features, findings = run(text)
    assert [(f.rule, f.text, f.line, f.column) for f in findings] == [
        ("framing.exclamation", "!", 1, 34),
        ("framing.exclamation", "!!!", 1, 44),
    ]
    assert "Book your free consultation today!" in findings[0].message
    assert features["exclamation_count"] == pytest.approx(math.log1p(2))


def test_exclamation_message_quotes_the_end_of_a_long_sentence_from_a_word_start():
    text = "This new treatment from the clinic down the road will change your whole life!"
    (finding,) = run(text)[1]
    assert finding.message.startswith("'...the road will change your whole life!'")


def test_exclamation_feature_falls_with_its_direction():
    feature = {f.name: f for f in framing.FEATURES}["exclamation_count"]
    assert feature.direction == -1
    assert run(BODY)[0]["exclamation_count"] == 0.0


def test_conspiracy_feature_floor_is_set():
    feature = {f.name: f for f in framing.FEATURES}["conspiracy_count"]
    assert feature.direction == -1 and 0.5 <= feature.floor <= 0.8


def test_speed_on_long_text():
    doc = Document.from_text(
        "The company said in a press release that the new drug works. " * 200, title="A headline"
    )
    framing.analyze(doc)
    start = time.perf_counter()
    for _ in range(5):
        framing.analyze(doc)
    assert (time.perf_counter() - start) / 5 < 0.05
