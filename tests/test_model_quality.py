"""The shipped model on real held-out rows it never saw in fitting, tuning or calibration."""

import numpy as np
from sklearn.metrics import roc_auc_score

from credscore.data import is_held_out, load_corpus
from credscore.scorer import default_scorer
from credscore.train import expected_calibration_error, featurize

AUC_FLOOR = 0.62  # first model: 0.648 on these rows; issue 4 raises the bar
ECE_CEILING = 0.10


def test_shipped_model_on_held_out_healthstory_rows(data_dir):
    rows = [a for a in load_corpus(data_dir, "healthstory") if is_held_out(a)]
    assert len(rows) > 150
    model = default_scorer().model
    p = 1 / (1 + np.exp(-model.logits(featurize(rows))))
    y = np.array([a.label for a in rows])
    assert roc_auc_score(y, p) >= AUC_FLOOR
    assert expected_calibration_error(y, p) <= ECE_CEILING


def test_held_out_split_is_stable_and_about_a_fifth(data_dir):
    rows = load_corpus(data_dir, "healthstory")
    share = np.mean([is_held_out(a) for a in rows])
    assert 0.15 < share < 0.25
    assert not any(is_held_out(a) for a in load_corpus(data_dir, "recovery"))
