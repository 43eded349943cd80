"""A scikit-learn transformer from article texts to the credscore feature matrix."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from credscore.extract import FEATURE_NAMES, feature_matrix

__all__ = ["CredibilityFeatures"]


class CredibilityFeatures(TransformerMixin, BaseEstimator):
    """Map article texts to credscore's signal features, one row per article.

    Stateless: ``fit`` only records the feature names. Columns are named
    ``family__feature`` (for example ``hedging__hedge_rate`` or
    ``readability__flesch_kincaid_grade``), so the transformer drops into a ``Pipeline`` or
    ``ColumnTransformer`` and supports ``set_output(transform="pandas")``.

    Parameters
    ----------
    text_col : str, default="text"
        Column holding the article body when ``X`` is a DataFrame.
    title_col : str or None, default=None
        Column holding the headline when ``X`` is a DataFrame; None to ignore headlines.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        Names of the output columns.

    Examples
    --------
    >>> from credscore import CredibilityFeatures
    >>> X = CredibilityFeatures().fit_transform(["Studies show it works.", "It may help."])
    >>> X.shape[0]
    2
    """

    def __init__(self, text_col: str = "text", title_col: str | None = None) -> None:
        self.text_col = text_col
        self.title_col = title_col

    def fit(self, X, y=None):
        """Check ``X`` and record the feature names; returns ``self``."""
        self._texts_and_titles(X)
        self.feature_names_out_ = np.asarray(FEATURE_NAMES, dtype=object)
        return self

    def transform(self, X) -> np.ndarray:
        """Return the feature matrix of shape ``(n_articles, n_features)``."""
        check_is_fitted(self, "feature_names_out_")
        return feature_matrix(*self._texts_and_titles(X))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the output columns, ``family__feature``."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags

    def _texts_and_titles(self, X) -> tuple[list[str], list[str | None]]:
        if hasattr(X, "columns"):  # a DataFrame
            if self.text_col not in X.columns:
                raise KeyError(f"text_col {self.text_col!r} is not a column of X")
            texts = list(X[self.text_col])
            titles = list(X[self.title_col]) if self.title_col is not None else [None] * len(X)
        elif isinstance(X, str) or not hasattr(X, "__iter__"):
            raise TypeError(
                "X must be an iterable of article texts (list, array, Series) or a DataFrame, "
                f"not {type(X).__name__}"
            )
        else:
            X = X.ravel() if isinstance(X, np.ndarray) and X.ndim == 2 and 1 in X.shape else X
            if isinstance(X, np.ndarray) and X.ndim != 1:
                raise ValueError(f"X must be 1-D (one text per row), got shape {X.shape}")
            texts = list(X)
            titles = [None] * len(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"X[{i}] must be a str, not {type(text).__name__}")
        for i, title in enumerate(titles):
            if title is not None and not isinstance(title, str):
                titles[i] = None if title != title else str(title)  # NaN -> None
        return texts, titles
