import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks
from sklearn.base import clone

from credscore import CredibilityFeatures
from credscore.extract import FEATURE_NAMES
from credscore.signals import SIGNALS

TEXTS = [
    "Studies show this miracle cure works. Book your free consultation now!",
    "The trial may reduce risk, said Dr. Ana Ruiz, a cardiologist at Leeds University.",
    "More research is needed before the drug could be approved.",
    "Call now: 100% natural, guaranteed results.",
]


def test_feature_names_show_the_family():
    names = CredibilityFeatures().fit(TEXTS).get_feature_names_out()
    assert list(names) == list(FEATURE_NAMES)
    families = {n.split("__")[0] for n in names}
    assert families == {signal.name for signal in SIGNALS}
    assert len(families) >= 15  # the five core families and the ten review-criteria families
    assert "readability__flesch_kincaid_grade" in names


def test_transform_shape_and_finite():
    X = CredibilityFeatures().fit_transform(TEXTS)
    assert X.shape == (len(TEXTS), len(FEATURE_NAMES))
    assert np.isfinite(X).all()
    # rows differ: the features see the text
    assert not np.allclose(X[0], X[2])


def test_pandas_output_keeps_index_and_names():
    df = pd.DataFrame({"body": TEXTS, "headline": ["A", None, "C", "D"]}, index=[10, 11, 12, 13])
    tf = CredibilityFeatures(text_col="body", title_col="headline").set_output(transform="pandas")
    out = tf.fit_transform(df)
    assert list(out.columns) == list(FEATURE_NAMES)
    assert list(out.index) == [10, 11, 12, 13]


def test_in_a_pipeline():
    pipe = make_pipeline(CredibilityFeatures(), StandardScaler(), LogisticRegression())
    pipe.fit(TEXTS, [0, 1, 1, 0])
    assert pipe.predict_proba(TEXTS).shape == (4, 2)


def test_clone_keeps_parameters():
    tf = CredibilityFeatures(text_col="x", title_col="y")
    assert clone(tf).get_params() == {"text_col": "x", "title_col": "y"}


def test_wrong_input_types():
    with pytest.raises(TypeError, match="iterable of article texts"):
        CredibilityFeatures().fit("just one string")
    with pytest.raises(TypeError, match=r"X\[1\] must be a str"):
        CredibilityFeatures().fit_transform(["ok", 3])
    with pytest.raises(KeyError, match="text_col"):
        CredibilityFeatures().fit(pd.DataFrame({"body": TEXTS}))


# scikit-learn's check_estimator skips string-input estimators wholesale, so run every check
# that does not feed numeric matrices (those do not apply to a text transformer).
APPLICABLE_CHECKS = [
    "check_no_attributes_set_in_init",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_estimator_repr",
    "check_estimator_cloneable",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
]


@pytest.mark.parametrize("check", APPLICABLE_CHECKS)
def test_sklearn_api_checks(check):
    getattr(estimator_checks, check)("CredibilityFeatures", CredibilityFeatures())


def test_unfitted_transform_raises_not_fitted():
    with pytest.raises(NotFittedError):
        CredibilityFeatures().transform(TEXTS)
