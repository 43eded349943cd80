"""The shipped model on real held-out rows it never saw in fitting, tuning or calibration."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from credscore.data import is_held_out, load_corpus
from credscore.scorer import default_scorer
from credscore.train import evaluate_criteria, expected_calibration_error, load_dataset

pytestmark = pytest.mark.slow  # featurises and refits on the labelled data (a minute or more)

AUC_FLOOR = 0.72  # 0.743 on these rows with the rubric signals (first model: 0.648)
ECE_CEILING = 0.08
# Per-criterion heads, 5 folds grouped by site: costs 0.90, harms 0.79, benefits 0.76.
CRITERION_AUC_FLOORS = {"costs": 0.85, "harms": 0.74, "benefits": 0.70, "evidence": 0.66}


def test_shipped_model_on_held_out_healthstory_rows(data_dir):
    rows = [a for a in load_corpus(data_dir, "healthstory") if is_held_out(a)]
    assert len(rows) > 150
    scorer = default_scorer()  # the whole model as users meet it: signals and wording
    p = np.array([scorer.score(a.text, title=a.title).probability for a in rows])
    y = np.array([a.label for a in rows])
    assert roc_auc_score(y, p) >= AUC_FLOOR
    assert expected_calibration_error(y, p) <= ECE_CEILING


def test_criterion_heads_on_held_out_folds_beat_their_floors(data_dir):
    figures = evaluate_criteria(load_dataset(data_dir, corpora=("healthrelease",)))
    for cid, floor in CRITERION_AUC_FLOORS.items():
        assert figures[cid]["roc_auc"] >= floor, (cid, figures[cid])
        assert figures[cid]["macro_f1"] > figures[cid]["majority_macro_f1"], cid


def test_held_out_split_is_stable_and_about_a_fifth(data_dir):
    rows = load_corpus(data_dir, "healthstory")
    share = np.mean([is_held_out(a) for a in rows])
    assert 0.15 < share < 0.25
    assert not any(is_held_out(a) for a in load_corpus(data_dir, "recovery"))
