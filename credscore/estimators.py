"""A logistic regression whose coefficients keep the signs each feature declares."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

__all__ = ["SignConstrainedLogisticRegression"]


class SignConstrainedLogisticRegression(ClassifierMixin, BaseEstimator):
    """L2-regularised logistic regression with per-feature sign constraints.

    Features are standardised internally; a coefficient with direction ``+1`` is kept
    ``>= 0``, one with ``-1`` kept ``<= 0``, and ``0`` leaves it free. So a feature declared
    to lower credibility (a call to action) can never raise a prediction, whatever the
    training data holds.

    Parameters
    ----------
    directions : array-like of {-1, 0, 1} or None, default=None
        One direction per feature; None leaves every coefficient free.
    floors : array-like of float >= 0 or None, default=None
        Least magnitude of each coefficient (in input units) in its direction; needs a
        non-zero direction. None means no floor.
    C : float, default=1.0
        Inverse L2 regularisation strength on the standardised coefficients.
    max_iter : int, default=1000
        Iterations of L-BFGS-B.

    Attributes
    ----------
    coef_ : ndarray of shape (1, n_features)
        Coefficients in the units of the input features.
    intercept_ : ndarray of shape (1,)
    mean_, scale_ : ndarray of shape (n_features,)
        The standardisation learnt in ``fit``.
    classes_ : ndarray of shape (2,)
    """

    def __init__(
        self, directions=None, floors=None, C: float = 1.0, max_iter: int = 1000
    ) -> None:
        self.directions = directions
        self.floors = floors
        self.C = C
        self.max_iter = max_iter

    def fit(self, X, y, sample_weight=None):
        """Fit the model; ``y`` must have exactly two classes."""
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        if type_of_target(y) == "multiclass":
            raise ValueError("Only binary classification is supported.")
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"y must hold 2 classes; got {len(self.classes_)} class")
        k = X.shape[1]
        directions = np.zeros(k) if self.directions is None else np.asarray(self.directions)
        if directions.shape != (k,) or not np.isin(directions, (-1, 0, 1)).all():
            raise ValueError(f"directions must hold {k} values from -1, 0, 1")
        w = _check_sample_weight(sample_weight, X, ensure_non_negative=True)
        total = w.sum()
        if total <= 0:
            raise ValueError("sample_weight must not be all zero")
        # Weighted standardisation, and the loss sum(w * logloss) + ||beta||^2 / (2C), both
        # divided by sum(w): repeating a row is then the same as doubling its weight.
        self.mean_ = (w @ X) / total
        scale = np.sqrt((w @ (X - self.mean_) ** 2) / total)
        self.scale_ = np.where(scale > 1e-12, scale, 1.0)
        Z = (X - self.mean_) / self.scale_
        t = y_idx.astype(np.float64)
        alpha = 1.0 / (self.C * total)

        def loss(params):
            beta, b0 = params[:k], params[k]
            z = Z @ beta + b0
            # log(1 + e^z) - t*z, computed stably
            per_row = np.logaddexp(0.0, z) - t * z
            p = 0.5 * (1.0 + np.tanh(0.5 * z))
            r = w * (p - t) / total
            value = (w * per_row).sum() / total + 0.5 * alpha * beta @ beta
            grad = np.concatenate([Z.T @ r + alpha * beta, [r.sum()]])
            return value, grad

        floors = np.zeros(k) if self.floors is None else np.asarray(self.floors, dtype=float)
        if floors.shape != (k,) or (floors < 0).any() or (floors[directions == 0] > 0).any():
            raise ValueError(f"floors must hold {k} values >= 0, zero where direction is 0")
        # Bounds on the standardised coefficient beta = coef * scale.
        low = floors * self.scale_
        bounds = [
            (lo, None) if d > 0 else (None, -lo) if d < 0 else (None, None)
            for d, lo in zip(directions, low)
        ]
        result = minimize(
            loss,
            np.append(np.sign(directions) * low, 0.0),  # the feasible point nearest zero
            jac=True,
            method="L-BFGS-B",
            bounds=bounds + [(None, None)],
            options={"maxiter": self.max_iter},
        )
        beta, b0 = result.x[:k], result.x[k]
        self.coef_ = (beta / self.scale_)[None, :]
        self.intercept_ = np.array([b0 - (beta * self.mean_ / self.scale_).sum()])
        self.n_iter_ = np.array([result.nit])
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def decision_function(self, X) -> np.ndarray:
        """Logits of the positive class."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X) -> np.ndarray:
        """Probabilities of both classes, shape ``(n, 2)``."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X) -> np.ndarray:
        """The more probable class."""
        positive = self.decision_function(X) > 0
        return self.classes_[positive.astype(int)]
