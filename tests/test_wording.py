"""The wording component: what it reads, what it can never read, and exact contributions."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from credscore.document import Document
from credscore.errors import ModelError
from credscore.extract import extract
from credscore.model import load_model
from credscore.scorer import Scorer
from credscore.wording import (
    WordingModel,
    _lowering_rules,
    fit_vocabulary,
    unmasked_counts,
    wording_counts,
)

ARTICLE = (
    "Researchers at the university followed 400 adults with arthritis for two years. "
    "Participants who walked daily reported less stiffness, the investigators wrote. "
    "The authors cautioned that the trial was small and that walking suited most people."
)
PITCHES = [
    "Order now and book your free consultation at our Cancun clinic today!",
    "Call now to reserve your spot: this miracle cure works for everyone.",
    "Buy today and get 50% off our wellness package, guaranteed results!",
]


def _counts(text: str) -> Counter:
    doc = Document.from_text(text)
    return wording_counts(doc, extract(doc)[1])


@pytest.mark.parametrize("pitch", PITCHES)
def test_a_sales_pitch_adds_nothing_the_wording_reads(pitch):
    assert _counts(ARTICLE + " " + pitch) == _counts(ARTICLE)


def test_digits_and_single_letters_are_never_read():
    counts = _counts(ARTICLE + " A covid19 x-ray, 3 times.")
    assert counts, "the article's own words are read"
    assert not any(any(c.isdigit() for c in w) or len(w) < 2 for w in counts)
    assert "investigators" in counts and "stiffness" in counts


def test_words_a_finding_counted_are_not_read_again_and_the_rest_are():
    text = ARTICLE + " The study had limitations, the authors noted."
    doc = Document.from_text(text)
    findings = extract(doc)[1]
    limitation = [f for f in findings if "limitations" in doc.lower[f.start : f.end]]
    assert limitation and all(f.rule.startswith("hedging.") for f in limitation)
    counts = wording_counts(doc, findings)
    assert "limitations" not in counts  # inside the finding: the hedging signal owns it
    assert counts["noted"] == 1 and counts["authors"] == 2  # a raising finding's sentence is read


def test_a_lexicon_word_outside_any_finding_is_read():
    doc = Document.from_text(ARTICLE + " No herbal tea is a cure for arthritis, the authors said.")
    findings = extract(doc)[1]
    assert not any("cure" in doc.lower[f.start : f.end] for f in findings)
    assert wording_counts(doc, findings)["cure"] == 1


def _wording(words=("stiffness", "investigators", "walked")) -> WordingModel:
    n = len(words)
    return WordingModel(tuple(words), np.linspace(1.0, 2.0, n), np.linspace(-1.0, 1.5, n))


def test_contributions_are_exact_and_the_vector_has_unit_length():
    model = _wording()
    counts = _counts(ARTICLE)
    vec = model.vector(counts)
    assert np.isclose(sum(v * v for v in vec.values()), 1.0)
    contributions = model.contributions(counts)
    assert set(contributions) == {"stiffness", "investigators", "walked"}
    assert np.isclose(sum(contributions.values()), sum(model.weights[i] * v for i, v in vec.items()))
    assert model.contributions(Counter({"unknown": 3})) == {}


def _counts_word_by_word(doc, findings) -> Counter:
    """unmasked_counts by its definition, one test per token: out of every lowering
    finding's sentence and out of every other finding's span."""
    lowering = _lowering_rules()
    masked = {doc.sentence_at(f.start) for f in findings if f.rule in lowering}
    spans = [(f.start, f.end) for f in findings if f.rule not in lowering]
    return Counter(
        w
        for w, s, start in zip(doc.words, doc.token_sentence, doc.token_starts)
        if s not in masked and not any(a <= start < b for a, b in spans)
    )


@pytest.mark.parametrize("pitches", [0, 1, 3])
def test_unmasked_counts_match_a_word_by_word_count_in_order(pitches):
    text = " ".join([*PITCHES[:pitches], ARTICLE, *PITCHES[:pitches], ARTICLE])
    doc = Document.from_text(text)
    findings = extract(doc)[1]
    counts = unmasked_counts(doc, findings)
    assert list(counts.items()) == list(_counts_word_by_word(doc, findings).items())
    if pitches:
        assert "order" not in counts  # "Order now" is masked wherever it occurs
    assert counts["stiffness"] == 2
    assert any(f.rule not in _lowering_rules() for f in findings), "spans are masked too"


def test_contributions_equal_weight_times_vector_exactly():
    model = _wording(("stiffness", "investigators", "walked", "trial"))
    # 300 is beyond the table of 1 + log(tf) values: it grows, from math.log as well.
    counts = Counter({"walked": 3, "unknown": 2, "stiffness": 1, "trial": 7, "investigators": 300})
    vec = model.vector(counts)
    assert list(vec) == [2, 0, 3, 1]  # the order of the counts
    raw = {i: (1.0 + math.log(counts[model.words[i]])) * model.idf[i] for i in vec}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    assert vec == {i: v / norm for i, v in raw.items()}
    assert model.contributions(counts) == {
        model.words[i]: model.weights[i] * v for i, v in vec.items()
    }


def test_vocabulary_keeps_words_by_document_frequency():
    docs = [Counter({"common": 1, "rare": 1})] + [Counter({"common": 2, "mid": 1})] * 5
    words, idf = fit_vocabulary(docs, min_df=2, max_df=0.9)
    assert words == ("mid",)  # "rare" in one article, "common" in all
    assert idf[0] > 1.0


def test_report_adds_up_with_a_wording_component(tmp_path):
    base = load_model()
    model = replace(base, wording=_wording())
    report = Scorer(model).score(ARTICLE)
    assert report.word_contributions
    total = report.intercept + sum(report.contributions.values())
    total += sum(report.word_contributions.values())
    assert np.isclose(total, report.logit)
    assert np.isclose(report.family_contributions["wording"], sum(report.word_contributions.values()))
    path = tmp_path / "m.json"
    model.save(path)
    again = load_model(path)
    assert again.wording.words == model.wording.words
    assert Scorer(again).score(ARTICLE).logit == pytest.approx(report.logit)


@pytest.mark.parametrize(
    "damage",
    [
        lambda w: w.update(words=w["words"][:-1]),
        lambda w: w.update(idf=[0.0] * len(w["idf"])),
        lambda w: w.update(words=[1, 2, 3]),
        lambda w: w.update(weights="x"),
        lambda w: w.pop("idf"),
    ],
)
def test_a_malformed_wording_component_is_a_model_error(tmp_path, damage):
    from credscore.model import _checksum

    model = replace(load_model(), wording=_wording())
    data = model.to_dict()
    data.pop("sha256")
    damage(data["wording"])
    data["sha256"] = _checksum(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="wording"):
        load_model(path)


def test_a_count_below_one_is_an_error_not_a_wrapped_index():
    model = _wording(("stiffness", "walked"))
    with pytest.raises(ValueError):
        model.vector(Counter({"walked": 0}))
    with pytest.raises(ValueError):
        model.contributions(Counter({"walked": -2}))
