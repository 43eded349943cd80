"""Train and evaluate the credibility model on the labelled corpora (see ``credscore.data``).

Protocol (reproducible: fixed seeds, data hashes recorded in the model):

- HealthStory is split by article (a stable hash of its id): 20% held out, never used for
  fitting, tuning or calibration; the model card reports metrics on those rows only.
- The model is fitted on the other HealthStory rows, all HealthRelease rows and all ReCOVery
  rows, each corpus weighted to the same total, with every coefficient kept to the sign its
  feature declares (:class:`~credscore.estimators.SignConstrainedLogisticRegression`).
- ``C`` is chosen by 5-fold cross-validation on the training rows; the Platt calibration is
  fitted on out-of-fold logits of the training rows.
- ReCOVery is also evaluated with folds grouped by publisher, and HealthRelease with a
  cross-genre fit that leaves it out, so site style and genre cannot leak into the figures.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

import credscore
from credscore.data import CORPORA, Article, file_hashes, is_held_out, load_corpus
from credscore.estimators import SignConstrainedLogisticRegression
from credscore.extract import FEATURE_NAMES, feature_matrix
from credscore.model import LinearModel, feature_versions, lexicon_hash
from credscore.signals import SIGNALS

__all__ = ["train", "featurize", "metrics", "expected_calibration_error", "Dataset"]

SEED = 0
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)


def directions() -> np.ndarray:
    """The declared direction of every feature, in matrix order."""
    return np.array([f.direction for s in SIGNALS for f in s.features], dtype=np.int8)


@dataclass
class Dataset:
    """Feature matrix and labels of all usable rows, with their corpus and group."""

    articles: list[Article]
    X: np.ndarray
    y: np.ndarray
    corpus: np.ndarray
    group: np.ndarray
    held_out: np.ndarray


def featurize(articles: list[Article]) -> np.ndarray:
    """Feature matrix of a list of articles (title and body)."""
    return feature_matrix([a.text for a in articles], [a.title for a in articles])


def load_dataset(data_dir) -> Dataset:
    """Load and featurize every corpus in ``data_dir``."""
    articles = [a for name in CORPORA for a in load_corpus(data_dir, name)]
    return Dataset(
        articles=articles,
        X=featurize(articles),
        y=np.array([a.label for a in articles]),
        corpus=np.array([a.corpus for a in articles]),
        group=np.array([a.group for a in articles]),
        held_out=np.array([is_held_out(a) for a in articles]),
    )


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """ECE with equal-width probability bins: sum over bins of share x |accuracy - confidence|."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.mean() * abs(y[mask].mean() - p[mask].mean())
    return float(total)


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Rows, ROC AUC, macro-F1 at 0.5, Brier score and ECE."""
    return {
        "rows": int(len(y)),
        "roc_auc": round(float(roc_auc_score(y, p)), 4),
        "macro_f1": round(float(f1_score(y, p >= 0.5, average="macro")), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "ece": round(expected_calibration_error(y, p), 4),
    }


def _weights(corpus: np.ndarray) -> np.ndarray:
    names, counts = np.unique(corpus, return_counts=True)
    per = dict(zip(names, len(corpus) / (len(names) * counts)))
    return np.array([per[c] for c in corpus])


def floors() -> np.ndarray:
    """The declared least weight magnitude of every feature, in matrix order."""
    return np.array([f.floor for s in SIGNALS for f in s.features], dtype=np.float64)


def _fit(X, y, corpus, C) -> SignConstrainedLogisticRegression:
    est = SignConstrainedLogisticRegression(directions=directions(), floors=floors(), C=C)
    return est.fit(X, y, sample_weight=_weights(corpus))


def _oof_logits(X, y, corpus, C, folds=5) -> np.ndarray:
    out = np.empty(len(y))
    strata = np.char.add(corpus.astype(str), y.astype(str))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(X, strata):
        out[te] = _fit(X[tr], y[tr], corpus[tr], C).decision_function(X[te])
    return out


def _fit_calibrated(X, y, corpus) -> tuple[SignConstrainedLogisticRegression, float, float, dict]:
    """Choose C by CV AUC on HealthStory training rows, fit, and Platt-calibrate on OOF logits."""
    scores = {}
    oof = {}
    story = corpus == "healthstory"
    for C in C_GRID:
        oof[C] = _oof_logits(X, y, corpus, C)
        scores[C] = roc_auc_score(y[story], oof[C][story]) if story.any() else 0.0
    best = max(C_GRID, key=lambda c: (round(scores[c], 3), -c))
    platt = LogisticRegression(C=1e6).fit(oof[best][:, None], y, sample_weight=_weights(corpus))
    slope, offset = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    cv = {str(c): round(float(s), 4) for c, s in scores.items()}
    return _fit(X, y, corpus, best), slope, offset, {"C": best, "cv_auc_by_C": cv}


def _calibrated_proba(est, slope, offset, X) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(slope * est.decision_function(X) + offset)))


def _to_linear_model(est, slope, offset, metadata) -> LinearModel:
    coef, mean = est.coef_[0], est.mean_
    intercept = slope * (est.intercept_[0] + coef @ mean) + offset
    return LinearModel(tuple(FEATURE_NAMES), mean.copy(), slope * coef, float(intercept), metadata)


def evaluate(ds: Dataset) -> dict[str, dict]:
    """Honest figures: HealthStory held-out rows, ReCOVery by publisher, HealthRelease cross-genre."""
    out = {}
    train = ~ds.held_out
    est, a, b, _ = _fit_calibrated(ds.X[train], ds.y[train], ds.corpus[train])
    test = ds.held_out
    out["healthstory_held_out"] = metrics(ds.y[test], _calibrated_proba(est, a, b, ds.X[test]))

    rec = np.flatnonzero(ds.corpus == "recovery")
    p_rec = np.empty(len(rec))
    for tr, te in GroupKFold(5).split(rec, groups=ds.group[rec]):
        fit_rows = train & ~np.isin(np.arange(len(ds.y)), rec[te])
        est, a, b, _ = _fit_calibrated(ds.X[fit_rows], ds.y[fit_rows], ds.corpus[fit_rows])
        p_rec[te] = _calibrated_proba(est, a, b, ds.X[rec[te]])
    out["recovery_by_publisher_5fold"] = metrics(ds.y[rec], p_rec)

    rel = ds.corpus == "healthrelease"
    fit_rows = train & ~rel
    est, a, b, _ = _fit_calibrated(ds.X[fit_rows], ds.y[fit_rows], ds.corpus[fit_rows])
    out["healthrelease_cross_genre"] = metrics(ds.y[rel], _calibrated_proba(est, a, b, ds.X[rel]))
    return out


def train(data_dir, *, run_evaluation: bool = True) -> LinearModel:
    """Train the shipped model on ``data_dir`` and return it with its metadata."""
    ds = load_dataset(data_dir)
    train_rows = ~ds.held_out
    est, slope, offset, tuning = _fit_calibrated(
        ds.X[train_rows], ds.y[train_rows], ds.corpus[train_rows]
    )
    metadata = {
        "credscore_version": credscore.__version__,
        "lexicon_sha256": lexicon_hash(),
        "feature_versions": feature_versions(),
        "directions": directions().tolist(),
        "floors": floors().tolist(),
        "calibration": {"method": "platt on 5-fold out-of-fold logits", "slope": slope,
                        "offset": offset},
        "training": {
            "data_sha256": file_hashes(data_dir),
            "rows": {c: int(((ds.corpus == c) & train_rows).sum()) for c in CORPORA},
            "held_out_rows": int(ds.held_out.sum()),
            "seed": SEED,
            "python": platform.python_version(),
            **tuning,
        },
    }
    if run_evaluation:
        metadata["evaluation"] = evaluate(ds)
    return _to_linear_model(est, slope, offset, metadata)
