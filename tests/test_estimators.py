import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

from credscore.estimators import SignConstrainedLogisticRegression


def _data(seed=0, n=400):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    logit = 1.5 * X[:, 0] - 1.0 * X[:, 1] + 0.8 * X[:, 2]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return X, y


def test_unconstrained_matches_sklearn_logistic_regression():
    X, y = _data()
    ours = SignConstrainedLogisticRegression(C=1.0).fit(X, y)
    ref = LogisticRegression(C=1.0).fit((X - ours.mean_) / ours.scale_, y)
    np.testing.assert_allclose(ours.coef_[0] * ours.scale_, ref.coef_[0], atol=2e-3)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba((X - ours.mean_) / ours.scale_), atol=1e-3)


def test_signs_are_respected_even_against_the_data():
    X, y = _data()
    # Feature 0 truly raises the logit; declare it may only lower it.
    est = SignConstrainedLogisticRegression(directions=[-1, -1, 1]).fit(X, y)
    assert est.coef_[0, 0] <= 0 and est.coef_[0, 1] <= 0 and est.coef_[0, 2] >= 0
    assert est.coef_[0, 0] == pytest.approx(0.0, abs=1e-9)
    free = SignConstrainedLogisticRegression(directions=[0, 0, 0]).fit(X, y)
    assert free.coef_[0, 0] > 0.5


def test_bad_directions_are_rejected():
    X, y = _data()
    with pytest.raises(ValueError, match="directions"):
        SignConstrainedLogisticRegression(directions=[1, 2, 0]).fit(X, y)


@parametrize_with_checks([SignConstrainedLogisticRegression()])
def test_sklearn_api(estimator, check):
    check(estimator)


def test_floors_set_a_least_magnitude_in_the_declared_direction():
    X, y = _data()
    X[:, 1] = 0.0
    X[:5, 1] = 1.0  # a rare feature the data cannot teach
    est = SignConstrainedLogisticRegression(directions=[1, -1, 1], floors=[0, 0.8, 0]).fit(X, y)
    assert est.coef_[0, 1] <= -0.8 + 1e-9
    with pytest.raises(ValueError, match="floors"):
        SignConstrainedLogisticRegression(directions=[0, 0, 0], floors=[1, 0, 0]).fit(X, y)


def test_calibration_bins_agree_with_the_expected_calibration_error():
    from credscore.train import calibration_bins, expected_calibration_error

    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 500)
    y = (rng.uniform(0, 1, 500) < p**2).astype(int)  # over-confident on purpose
    bins = calibration_bins(y, p)
    assert sum(b["rows"] for b in bins) == 500
    assert [b["from"] for b in bins] == sorted(b["from"] for b in bins)
    ece = sum(b["rows"] / 500 * abs(b["observed"] - b["predicted"]) for b in bins)
    assert ece == pytest.approx(expected_calibration_error(y, p), abs=1e-3)
    assert ece > 0.05  # the miscalibration shows
    assert all(b["from"] <= b["predicted"] < b["to"] for b in bins)


@pytest.mark.slow  # thousands of bootstrap draws
def test_metrics_give_the_noise_of_auc_and_ece_on_this_many_rows():
    from credscore.train import metrics

    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 236)
    calibrated = (rng.uniform(0, 1, 236) < p).astype(int)
    m = metrics(calibrated, p, draws=300)
    low, high = m["roc_auc_ci"]
    assert low < m["roc_auc"] < high and 0.05 < high - low < 0.25
    # A calibrated model's ECE on 236 rows is well above zero; the floor says how far.
    assert 0.03 < m["ece_if_calibrated"] < 0.09
    assert m == metrics(calibrated, p, draws=300)  # seeded
    # The floor depends on the predictions only; a miscalibrated model stands out above it.
    skewed = (rng.uniform(0, 1, 236) < p**3).astype(int)
    m_skewed = metrics(skewed, p, draws=300)
    assert m_skewed["ece_if_calibrated"] == m["ece_if_calibrated"]
    assert m_skewed["ece"] > 2 * m_skewed["ece_if_calibrated"]
