"""Train and evaluate the credibility model on the labelled corpora (see ``credscore.data``).

Protocol (reproducible: fixed seeds, data hashes recorded in the model):

- HealthStory is split by article (a stable hash of its id): 20% held out, never used for
  fitting, tuning or calibration; the model card reports metrics on those rows only.
- The model is fitted on the other HealthStory rows, all HealthRelease rows and all ReCOVery
  rows, each corpus weighted to the same total, with every coefficient kept to the sign its
  feature declares (:class:`~credscore.estimators.SignConstrainedLogisticRegression`).
- ``C`` and how much more HealthStory weighs are chosen by 5-fold cross-validation, by the
  mean over corpora of the AUC within each corpus; the Platt calibration is fitted on
  out-of-fold logits of the HealthStory training rows.
- ReCOVery is also evaluated with folds grouped by publisher, and the two FakeHealth genres
  against each other (fit on stories, test on press releases, and the reverse), so site style
  and genre cannot leak into the figures.
- Every evaluation also fits a TF-IDF + logistic-regression baseline on exactly the same rows,
  with the same tuning and calibration, in the same run.
- Each review criterion gets its own small head over its families' features, fitted on the
  experts' per-criterion verdicts of HealthRelease and evaluated with folds grouped by site.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

import credscore
from credscore.criteria import CRITERIA
from credscore.data import CORPORA, Article, file_hashes, is_held_out, load_corpus
from credscore.estimators import SignConstrainedLogisticRegression
from credscore.extract import FEATURE_NAMES, feature_matrix
from credscore.model import CriterionHead, LinearModel, feature_versions, lexicon_hash
from credscore.signals import SIGNALS

__all__ = [
    "train",
    "evaluate",
    "evaluate_criteria",
    "selection_scores",
    "load_dataset",
    "metrics",
    "calibration_bins",
    "expected_calibration_error",
    "Dataset",
]

SEED = 0
STORY_WEIGHTS = (1.0, 2.0, 4.0)
"""How much more HealthStory (the genre the scores are read against) may weigh in fitting."""
C_GRID = tuple((C, w) for C in (0.01, 0.03, 0.1, 0.3, 1.0) for w in STORY_WEIGHTS)
TFIDF_C_GRID = tuple((C, w) for C in (3.0, 30.0) for w in (1.0, 4.0))
CRITERION_C_GRID = tuple((C, 1.0) for C in (0.03, 0.3, 3.0))


def directions() -> np.ndarray:
    """The declared direction of every feature, in matrix order."""
    return np.array([f.direction for s in SIGNALS for f in s.features], dtype=np.int8)


def floors() -> np.ndarray:
    """The declared least weight magnitude of every feature, in matrix order."""
    return np.array([f.floor for s in SIGNALS for f in s.features], dtype=np.float64)


@dataclass
class Dataset:
    """Feature matrix, texts and labels of all usable rows, with their corpus and group.

    ``criteria`` holds the per-criterion verdicts (1, 0, or NaN when not applicable or not
    rated), one column per :data:`~credscore.criteria.CRITERIA` entry.
    """

    articles: list[Article]
    X: np.ndarray
    texts: np.ndarray
    y: np.ndarray
    corpus: np.ndarray
    group: np.ndarray
    held_out: np.ndarray
    criteria: np.ndarray


def load_dataset(data_dir, corpora=tuple(CORPORA)) -> Dataset:
    """Load and featurize the corpora (by default all of :data:`CORPORA`) in ``data_dir``."""
    articles = [a for name in corpora for a in load_corpus(data_dir, name)]
    verdicts = np.full((len(articles), len(CRITERIA)), np.nan)
    for i, a in enumerate(articles):
        if a.criteria is not None:
            verdicts[i] = [np.nan if v is None else v for v in a.criteria]
    return Dataset(
        articles=articles,
        X=feature_matrix([a.text for a in articles], [a.title for a in articles]),
        texts=np.array([f"{a.title or ''}\n{a.text}" for a in articles], dtype=object),
        y=np.array([a.label for a in articles]),
        corpus=np.array([a.corpus for a in articles]),
        group=np.array([a.group for a in articles]),
        held_out=np.array([is_held_out(a) for a in articles]),
        criteria=verdicts,
    )


# -- metrics ---------------------------------------------------------------------------------


def _bins(p: np.ndarray, bins: int):
    """(bin index, row mask) of each non-empty equal-width probability bin, in order."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    for b in range(bins):
        mask = idx == b
        if mask.any():
            yield b, mask


def calibration_bins(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Reliability table over equal-width probability bins (empty bins left out): each bin's
    range, rows, mean predicted probability and observed share of credible rows."""
    return [
        {
            "from": b / bins,
            "to": (b + 1) / bins,
            "rows": int(mask.sum()),
            "predicted": round(float(p[mask].mean()), 4),
            "observed": round(float(y[mask].mean()), 4),
        }
        for b, mask in _bins(p, bins)
    ]


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """ECE with equal-width probability bins: sum over bins of share x |accuracy - confidence|."""
    total = 0.0
    for _, mask in _bins(p, bins):
        total += mask.mean() * abs(y[mask].mean() - p[mask].mean())
    return float(total)


def metrics(y: np.ndarray, p: np.ndarray, draws: int = 1000) -> dict:
    """Rows, ROC AUC with its bootstrap 95% interval, macro-F1 at 0.5, Brier score, and ECE
    next to the ECE a perfectly calibrated model would show on the same rows.

    Both extra figures are seeded. On a few hundred rows the ECE of a calibrated model is not
    zero: labels drawn from the predictions themselves (``ece_if_calibrated``, the median over
    ``draws``) give the noise floor an ECE target has to clear.
    """
    rng = np.random.default_rng(SEED)
    n = len(y)
    aucs = []
    for _ in range(draws):
        i = rng.integers(0, n, n)
        if 0 < y[i].sum() < n:
            aucs.append(roc_auc_score(y[i], p[i]))
    floor = [expected_calibration_error(rng.random(n) < p, p) for _ in range(draws)]
    return {
        "rows": int(n),
        "roc_auc": round(float(roc_auc_score(y, p)), 4),
        "roc_auc_ci": [round(float(q), 4) for q in np.quantile(aucs, [0.025, 0.975])],
        "macro_f1": round(float(f1_score(y, p >= 0.5, average="macro")), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
        "ece": round(expected_calibration_error(y, p), 4),
        "ece_if_calibrated": round(float(np.median(floor)), 4),
    }


# -- fitting ---------------------------------------------------------------------------------


def _weights(corpus: np.ndarray, story_weight: float = 1.0) -> np.ndarray:
    """Sample weights giving each corpus the same total weight, HealthStory ``story_weight``
    times as much."""
    names, counts = np.unique(corpus, return_counts=True)
    per = dict(zip(names, len(corpus) / (len(names) * counts)))
    per = {c: w * (story_weight if c == "healthstory" else 1.0) for c, w in per.items()}
    return np.array([per[c] for c in corpus])


Fit = Callable[[np.ndarray, np.ndarray, np.ndarray, float], object]
"""``fit(X, y, sample_weight, C)`` -> an estimator with ``decision_function``."""


@dataclass
class Calibrated:
    """An estimator and the Platt scaling of its decision function."""

    estimator: object
    slope: float
    offset: float
    tuning: dict

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of the positive class."""
        z = self.slope * self.estimator.decision_function(X) + self.offset
        return 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))


def _fit_calibrated(
    fit: Fit, X, y: np.ndarray, corpus: np.ndarray, grid, folds: int = 5
) -> Calibrated:
    """Choose (C, HealthStory weight) from ``grid`` by the mean over corpora of the out-of-fold
    AUC within each corpus (so no genre is sacrificed to another; ties go to the stronger
    regularisation), fit on all rows, and fit Platt scaling on the chosen setting's
    out-of-fold logits of the HealthStory rows (of all rows when there are none)."""
    calibrate = corpus == "healthstory"
    if not calibrate.any():
        calibrate = np.ones(len(y), dtype=bool)
        grid = sorted({(C, 1.0) for C, _ in grid})
    strata = np.char.add(corpus.astype(str), y.astype(str))
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=SEED).split(y, strata))
    oof, scores = {}, {}
    for C, story_weight in grid:
        weight = _weights(corpus, story_weight)
        oof[C, story_weight] = z = np.empty(len(y))
        for tr, te in splits:
            z[te] = fit(X[tr], y[tr], weight[tr], C).decision_function(X[te])
        scores[C, story_weight] = _mean_corpus_auc(y, z, corpus)
    best = max(grid, key=lambda g: (round(scores[g], 3), -g[0], -g[1]))
    platt = LogisticRegression(C=1e6).fit(oof[best][calibrate, None], y[calibrate])
    tuning = {
        "C": best[0],
        "story_weight": best[1],
        "cv_auc": {f"C={c} story_weight={w}": round(float(v), 4) for (c, w), v in scores.items()},
    }
    estimator = fit(X, y, _weights(corpus, best[1]), best[0])
    return Calibrated(estimator, float(platt.coef_[0, 0]), float(platt.intercept_[0]), tuning)


def _mean_corpus_auc(y: np.ndarray, z: np.ndarray, corpus: np.ndarray) -> float:
    """Mean over corpora (with both classes present) of the ROC AUC within each corpus."""
    aucs = [
        roc_auc_score(y[rows], z[rows])
        for rows in (corpus == name for name in np.unique(corpus))
        if len(np.unique(y[rows])) == 2
    ]
    return float(np.mean(aucs))


def _fit_signals(columns: list[int] | None = None) -> Fit:
    """Sign-constrained logistic regression over the signal features (or some columns)."""
    cols = slice(None) if columns is None else columns

    def fit(X, y, sample_weight, C):
        est = SignConstrainedLogisticRegression(
            directions=directions()[cols], floors=floors()[cols], C=C
        )
        return est.fit(X, y, sample_weight=sample_weight)

    return fit


def _fit_tfidf(texts, y, sample_weight, C):
    """The bag-of-words baseline: TF-IDF of words and word pairs, logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(
        TfidfVectorizer(
            sublinear_tf=True, min_df=2, max_df=0.9, ngram_range=(1, 2), max_features=100_000
        ),
        LogisticRegression(C=C, max_iter=2000),
    )
    return pipe.fit(texts, y, logisticregression__sample_weight=sample_weight)


def _fit_model(X, y, corpus) -> Calibrated:
    return _fit_calibrated(_fit_signals(), X, y, corpus, C_GRID)


def _fit_baseline(texts, y, corpus) -> Calibrated:
    return _fit_calibrated(_fit_tfidf, texts, y, corpus, TFIDF_C_GRID, folds=3)


def _to_linear_model(cal: Calibrated, metadata: dict, criteria: dict) -> LinearModel:
    est, slope = cal.estimator, cal.slope
    coef, mean = est.coef_[0], est.mean_
    intercept = slope * (est.intercept_[0] + coef @ mean) + cal.offset
    return LinearModel(
        tuple(FEATURE_NAMES), mean.copy(), slope * coef, float(intercept), metadata, criteria
    )


# -- evaluation ------------------------------------------------------------------------------

SPLITS = {
    "healthstory_held_out": "HealthStory, 20% of articles held out (hash of id)",
    "recovery_by_publisher": "ReCOVery, 5 folds grouped by publisher",
    "stories_to_releases": "HealthRelease, fitted on HealthStory training rows only",
    "releases_to_stories": "HealthStory (all rows), fitted on HealthRelease only",
}
"""The evaluations, by key, with what each one tests."""


def _split_folds(ds: Dataset, name: str):
    """(fit rows mask, test row indices) pairs of one evaluation."""
    train = ~ds.held_out
    if name == "healthstory_held_out":
        yield train, np.flatnonzero(ds.held_out)
    elif name == "recovery_by_publisher":
        rec = np.flatnonzero(ds.corpus == "recovery")
        for _, te in GroupKFold(5).split(rec, groups=ds.group[rec]):
            fit = train.copy()
            fit[rec[te]] = False
            yield fit, rec[te]
    elif name == "stories_to_releases":
        yield train & (ds.corpus == "healthstory"), np.flatnonzero(ds.corpus == "healthrelease")
    elif name == "releases_to_stories":
        yield ds.corpus == "healthrelease", np.flatnonzero(ds.corpus == "healthstory")
    else:
        raise KeyError(name)


def evaluate(ds: Dataset, *, baseline: bool = True) -> dict[str, dict]:
    """Honest figures for every split in :data:`SPLITS`: credscore's model and, when
    ``baseline``, the TF-IDF baseline fitted on the same rows."""
    out = {}
    for name in SPLITS:
        p_model, p_base, rows = [], [], []
        for fit, test in _split_folds(ds, name):
            model = _fit_model(ds.X[fit], ds.y[fit], ds.corpus[fit])
            p_model.append(model.predict_proba(ds.X[test]))
            if baseline:
                base = _fit_baseline(ds.texts[fit], ds.y[fit], ds.corpus[fit])
                p_base.append(base.predict_proba(ds.texts[test]))
            rows.append(test)
        y = ds.y[np.concatenate(rows)]
        out[name] = {"credscore": metrics(y, np.concatenate(p_model))}
        out[name]["credscore"]["calibration"] = calibration_bins(y, np.concatenate(p_model))
        if baseline:
            out[name]["tfidf_baseline"] = metrics(y, np.concatenate(p_base))
    return out


def selection_scores(
    ds: Dataset, C: float | None = None, story_weight: float | None = None
) -> dict[str, float]:
    """Figures for choosing features that never touch the held-out HealthStory rows: out-of-fold
    AUC over 5 folds of the HealthStory training rows (the other corpora always in the fit),
    ReCOVery with folds grouped by publisher (HealthStory training rows in the fit), and
    HealthRelease fitted on HealthStory training rows; with their mean.

    One fixed setting instead of the grid (by default the ``C`` and ``story_weight`` that the
    shipped model's training chose), so a run takes seconds and a change in the features is
    the only change. Judge a candidate on all three, then retrain and read the held-out
    figures once.
    """
    if C is None or story_weight is None:
        from credscore.model import load_model

        chosen = load_model().metadata.get("training", {})
        C = chosen.get("C", 0.01) if C is None else C
        story_weight = chosen.get("story_weight", 2.0) if story_weight is None else story_weight
    train, fit = ~ds.held_out, _fit_signals()
    z = np.full(len(ds.y), np.nan)
    stories = np.flatnonzero(train & (ds.corpus == "healthstory"))
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED).split(stories, ds.y[stories])
    rec = np.flatnonzero(ds.corpus == "recovery")
    groups = GroupKFold(5).split(rec, groups=ds.group[rec])
    for test in [stories[te] for _, te in folds] + [rec[te] for _, te in groups]:
        rows = train.copy()
        rows[test] = False
        weight = _weights(ds.corpus[rows], story_weight)
        z[test] = fit(ds.X[rows], ds.y[rows], weight, C).decision_function(ds.X[test])
    releases = ds.corpus == "healthrelease"
    only_stories = train & (ds.corpus == "healthstory")
    on_stories = fit(ds.X[only_stories], ds.y[only_stories], np.ones(only_stories.sum()), C)
    scores = {
        "healthstory_cv": roc_auc_score(ds.y[stories], z[stories]),
        "recovery_by_publisher": roc_auc_score(ds.y[rec], z[rec]),
        "stories_to_releases": roc_auc_score(
            ds.y[releases], on_stories.decision_function(ds.X[releases])
        ),
    }
    scores["mean"] = float(np.mean(list(scores.values())))
    return {k: round(float(v), 4) for k, v in scores.items()}


# -- criteria --------------------------------------------------------------------------------


def _criterion_columns(criterion) -> list[int]:
    return [
        i for i, name in enumerate(FEATURE_NAMES) if name.split("__")[0] in criterion.families
    ]


def _fit_criterion(ds: Dataset, k: int, rows: np.ndarray) -> Calibrated | float:
    """Fit one criterion's head on ``rows`` that carry a verdict; the base rate when its
    families have no features or the verdicts hold one class."""
    cols = _criterion_columns(CRITERIA[k])
    labelled = rows[~np.isnan(ds.criteria[rows, k])]
    y = ds.criteria[labelled, k].astype(int)
    if not cols or len(np.unique(y)) < 2 or min(np.bincount(y)) < 5:
        return float(y.mean()) if len(y) else 0.5
    corpus = np.full(len(y), "criterion")
    return _fit_calibrated(
        _fit_signals(cols), ds.X[np.ix_(labelled, cols)], y, corpus, CRITERION_C_GRID
    )


def _criterion_head(ds: Dataset, k: int) -> CriterionHead:
    """The shipped head of criterion ``k``, fitted on every HealthRelease row."""
    cols = _criterion_columns(CRITERIA[k])
    cal = _fit_criterion(ds, k, np.flatnonzero(ds.corpus == "healthrelease"))
    if isinstance(cal, float):
        logit = float(np.log(cal / (1 - cal))) if 0 < cal < 1 else 0.0
        return CriterionHead((), np.zeros(0), np.zeros(0), logit)
    est = cal.estimator
    intercept = cal.slope * (est.intercept_[0] + est.coef_[0] @ est.mean_) + cal.offset
    names = tuple(FEATURE_NAMES[i] for i in cols)
    return CriterionHead(names, est.mean_.copy(), cal.slope * est.coef_[0], float(intercept))


def evaluate_criteria(ds: Dataset, folds: int = 5) -> dict[str, dict]:
    """Per-criterion figures on HealthRelease rows, 5 folds grouped by site, next to the
    majority-class baseline's macro-F1."""
    rel = np.flatnonzero(ds.corpus == "healthrelease")
    out = {}
    for k, criterion in enumerate(CRITERIA):
        p = np.full(len(ds.y), np.nan)
        for tr, te in GroupKFold(folds).split(rel, groups=ds.group[rel]):
            cal = _fit_criterion(ds, k, rel[tr])
            p[rel[te]] = cal if isinstance(cal, float) else cal.predict_proba(
                ds.X[np.ix_(rel[te], _criterion_columns(criterion))]
            )
        rows = rel[~np.isnan(ds.criteria[rel, k])]
        y = ds.criteria[rows, k].astype(int)
        majority = np.full(len(y), np.bincount(y).argmax())
        out[criterion.id] = {
            "rows": int(len(y)),
            "positive_share": round(float(y.mean()), 3),
            "roc_auc": round(float(roc_auc_score(y, p[rows])), 4),
            "macro_f1": round(float(f1_score(y, p[rows] >= 0.5, average="macro")), 4),
            "majority_macro_f1": round(float(f1_score(y, majority, average="macro")), 4),
        }
    return out


# -- training --------------------------------------------------------------------------------


def train(data_dir, *, run_evaluation: bool = True, baseline: bool = True) -> LinearModel:
    """Train the shipped model on ``data_dir`` and return it with its metadata."""
    ds = load_dataset(data_dir)
    rows = ~ds.held_out
    cal = _fit_model(ds.X[rows], ds.y[rows], ds.corpus[rows])
    metadata = {
        "credscore_version": credscore.__version__,
        "lexicon_sha256": lexicon_hash(),
        "feature_versions": feature_versions(),
        "directions": directions().tolist(),
        "floors": floors().tolist(),
        "calibration": {
            "method": "platt on 5-fold out-of-fold logits of HealthStory training rows",
            "slope": cal.slope,
            "offset": cal.offset,
        },
        "training": {
            "data_sha256": file_hashes(data_dir),
            "rows": {c: int(((ds.corpus == c) & rows).sum()) for c in CORPORA},
            "held_out_rows": int(ds.held_out.sum()),
            "seed": SEED,
            "python": platform.python_version(),
            **cal.tuning,
        },
    }
    if run_evaluation:
        metadata["evaluation"] = evaluate(ds, baseline=baseline)
        metadata["criteria_evaluation"] = evaluate_criteria(ds)
    criteria = {c.id: _criterion_head(ds, k) for k, c in enumerate(CRITERIA)}
    return _to_linear_model(cal, metadata, criteria)
