"""Tests for the training protocol's helpers that need no labelled data."""

from __future__ import annotations

import numpy as np

from credscore.extract import FEATURE_NAMES
from credscore.train import Dataset, selection_scores


def _dataset(seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    corpus = np.repeat(["healthstory", "healthrelease", "recovery"], [300, 120, 200])
    n, k = len(corpus), len(FEATURE_NAMES)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, k)) + 0.8 * y[:, None] * rng.uniform(0, 1, k)
    group = np.array([f"site{i % 10}" for i in range(n)])
    held_out = (corpus == "healthstory") & (np.arange(n) % 5 == 0)
    return Dataset(
        articles=[],
        X=X,
        texts=np.array([""] * n, dtype=object),
        y=y,
        corpus=corpus,
        group=group,
        held_out=held_out,
        criteria=np.full((n, 10), np.nan),
    )


def test_selection_scores_never_look_at_held_out_rows():
    ds = _dataset()
    setting = {"C": 0.01, "story_weight": 2.0}
    before = selection_scores(ds, **setting)
    assert set(before) == {
        "healthstory_cv",
        "recovery_by_publisher",
        "stories_to_releases",
        "mean",
    }
    assert all(0.5 < v <= 1.0 for v in before.values()), before  # the signal is learnable
    rng = np.random.default_rng(1)
    ds.y[ds.held_out] = 1 - ds.y[ds.held_out]
    ds.X[ds.held_out] = rng.normal(size=(ds.held_out.sum(), ds.X.shape[1]))
    assert selection_scores(ds, **setting) == before
    # ... while a change to the training rows does show.
    ds.y[~ds.held_out & (ds.corpus == "healthstory")] = rng.integers(0, 2, 240)
    assert selection_scores(ds, **setting)["healthstory_cv"] != before["healthstory_cv"]
