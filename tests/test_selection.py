"""The selection figures: what they read, what they never read, and how they compare."""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np
import pytest

from credscore import selection
from credscore.data import Article
from credscore.extract import FEATURE_NAMES
from credscore.train import Dataset, ModelSpec

SPECS = [ModelSpec(), ModelSpec(wording_C=1.0, wording_weight=0.5)]


@pytest.fixture(autouse=True)
def _two_repeats(monkeypatch):
    """Two repeats of the HealthStory folds and 200 bootstrap draws: the same code, faster."""
    monkeypatch.setattr(selection, "REPEATS", 2)
    monkeypatch.setattr(selection, "DRAWS", 200)


def _dataset(seed: int = 0, corpora=("healthstory", "healthrelease", "recovery")) -> Dataset:
    rng = np.random.default_rng(seed)
    sizes = {"healthstory": 300, "healthrelease": 120, "recovery": 200, "ctfan": 150}
    corpus = np.repeat(list(corpora), [sizes[c] for c in corpora])
    n, k = len(corpus), len(FEATURE_NAMES)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, k)) + 0.8 * y[:, None] * rng.uniform(0, 1, k)
    group = np.array([f"site{i % 12}" for i in range(n)])
    vocab = [f"word{j}" for j in range(40)]
    counts = [
        Counter({w: 1 + int(rng.integers(0, 3)) for w in rng.choice(vocab, 8, replace=False)})
        + Counter({"goodword" if label else "badword": 2})
        for label in y
    ]
    articles = [
        Article(c, f"{c}-{seed}-{i}", None, "", int(label), g)
        for i, (c, label, g) in enumerate(zip(corpus, y, group))
    ]
    return Dataset(
        articles=articles,
        X=X,
        texts=np.array([""] * n, dtype=object),
        y=y,
        corpus=corpus,
        group=group,
        held_out=np.zeros(n, dtype=bool),
        criteria=np.full((n, 10), np.nan),
        counts=counts,
    )


@pytest.mark.parametrize("spec", SPECS, ids=["signals", "wording"])
def test_no_row_outside_the_training_corpora_changes_the_selection_figures(spec):
    train, dev = _dataset(), _dataset(seed=1, corpora=("ctfan",))
    before = selection.figures(train, dev, selection.out_of_fold(train, dev, spec))
    assert 0.55 < before["selection"]["auc"] <= 1.0, before  # the signal is learnable
    # Scramble every CT-FAN row: labels, features and words.
    rng = np.random.default_rng(2)
    dev.y[:] = rng.integers(0, 2, len(dev.y))
    dev.X[:] = rng.normal(size=dev.X.shape)
    dev.counts[:] = [Counter({"goodword": 5}) for _ in dev.counts]
    after = selection.figures(train, dev, selection.out_of_fold(train, dev, spec))
    for name in ("healthstory_cv", "recovery_by_publisher", "selection"):
        assert after[name] == before[name], name
    assert after["ctfan_dev"]["auc"] != before["ctfan_dev"]["auc"]
    # ... while a change to the training rows does show.
    train.y[train.corpus == "healthstory"] = rng.integers(0, 2, 300)
    changed = selection.figures(train, dev, selection.out_of_fold(train, dev, spec))
    assert changed["healthstory_cv"]["auc"] != before["healthstory_cv"]["auc"]


def test_paired_comparison_of_a_model_with_itself_is_exactly_zero():
    train, dev = _dataset(), _dataset(seed=1, corpora=("ctfan",))
    pred = selection.out_of_fold(train, dev, SPECS[0])
    figs = selection.figures(train, dev, pred, against=pred)
    for name in ("healthstory_cv", "recovery_by_publisher", "selection", "ctfan_dev"):
        assert figs[name]["difference"] == 0.0
        assert figs[name]["difference_ci"] == [0.0, 0.0]
    assert selection.verdict(figs).startswith("does not ship")


def test_a_better_candidate_ships_and_a_worse_one_does_not():
    train, dev = _dataset(), _dataset(seed=1, corpora=("ctfan",))
    good = selection.out_of_fold(train, dev, SPECS[1])  # reads the telling words
    noise = np.random.default_rng(3)
    bad = selection.Predictions(
        {i: [float(noise.normal())] * 2 for i in good.healthstory_cv},
        {i: float(noise.normal()) for i in good.recovery_by_publisher},
        {i: float(noise.normal()) for i in good.ctfan_dev},
    )
    assert selection.verdict(selection.figures(train, dev, good, against=bad)).startswith("ships")
    worse = selection.figures(train, dev, bad, against=good)
    assert worse["selection"]["difference_ci"][1] < 0
    assert selection.verdict(worse).startswith("does not ship")
    table = selection.compare(worse)
    assert "| selection |" in table and "difference" in table


def test_the_intervals_resample_whole_sites():
    group = np.array(["a"] * 5 + ["b"] * 3)
    rng = np.random.default_rng(0)
    for rows in selection._cluster_draws(group, rng, 20):
        picked = Counter(group[rows])
        assert all(count % {"a": 5, "b": 3}[g] == 0 for g, count in picked.items())


def test_predictions_round_trip_through_json():
    pred = selection.Predictions({"a": [0.5, 1.0]}, {"b": -1.0}, {"c": 2.0})
    assert selection.Predictions.from_dict(pred.to_dict()) == pred


def test_the_wording_story_weight_reweighs_the_wording_fit_alone():
    from credscore.train import fit_spec

    ds = _dataset()
    # Stories whose words say the opposite of the other corpora's: the weight given to
    # HealthStory decides which way the wording leans, and leaves the signals' fit alone.
    stories = ds.corpus == "healthstory"
    swap = {"goodword": "badword", "badword": "goodword"}
    for i in np.flatnonzero(stories):
        ds.counts[i] = Counter({swap.get(w, w): k for w, k in ds.counts[i].items()})
    rows = np.arange(len(ds.y))
    base = ModelSpec(story_weight=1.0, wording_C=1.0, wording_weight=1.0)
    light = fit_spec(base, ds, rows)
    heavy = fit_spec(dataclasses.replace(base, wording_story_weight=10.0), ds, rows)
    column = {w: j for j, w in enumerate(light.words)}["goodword"]
    assert light.wording.coef_[0, column] > 0 > heavy.wording.coef_[0, column]
    assert np.array_equal(light.signals.coef_, heavy.signals.coef_)
    assert "story_weight=10.0" in heavy.spec.label().split("wording")[1]


def test_a_left_out_feature_never_moves_a_logit():
    from credscore.train import fit_spec

    ds = _dataset()
    rows = np.arange(len(ds.y))
    spec = ModelSpec(wording_C=1.0, wording_weight=1.0, left_out=[FEATURE_NAMES[0]])
    assert spec.left_out == (FEATURE_NAMES[0],) and 0 not in spec.columns
    before = fit_spec(spec, ds, rows).logits(ds, rows)
    ds.X[:, 0] = np.random.default_rng(3).normal(scale=100.0, size=len(rows))
    assert np.array_equal(fit_spec(spec, ds, rows).logits(ds, rows), before)
    # ... while the same change moves the logits of a spec that reads the feature.
    full = dataclasses.replace(spec, left_out=())
    assert not np.allclose(fit_spec(full, ds, rows).logits(ds, rows), before)
    with pytest.raises(ValueError, match="left_out names no feature: nonsense"):
        ModelSpec(left_out=("nonsense",))
