"""Train and evaluate the credibility model on the labelled corpora (see ``credscore.data``).

Protocol (reproducible: fixed seeds, data hashes recorded in the model):

- The candidate (:class:`ModelSpec`: regularisation, HealthStory weight, the wording
  component and its weight) is chosen by the selection figures of :mod:`credscore.selection`,
  never by the held-out rows; :data:`SHIPPED_SPEC` is the one chosen.
- HealthStory is split by article (a stable hash of its id): 20% held out, never fitted; the
  model card reports figures on those rows, read once per shipped model.
- The model is fitted on the other HealthStory rows, all HealthRelease rows and all ReCOVery
  rows, each corpus weighted to the same total, with every signal coefficient kept to the sign
  its feature declares (:class:`~credscore.estimators.SignConstrainedLogisticRegression`);
  the Platt calibration is fitted on out-of-fold logits of the HealthStory training rows
  (folds grouped by outlet).
- ReCOVery is also evaluated with folds grouped by publisher, and the two FakeHealth genres
  against each other (fit on stories, test on press releases, and the reverse), so site style
  and genre cannot leak into the figures.
- Every evaluation also fits a TF-IDF + logistic-regression baseline on exactly the same rows,
  with the same tuning and calibration, in the same run.
- Each review criterion gets its own small head over its families' features, fitted on the
  experts' per-criterion verdicts of HealthRelease and evaluated with folds grouped by site.
"""

from __future__ import annotations

import dataclasses
import logging
import platform
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

import credscore
from credscore.criteria import CRITERIA
from credscore.data import CORPORA, Article, file_hashes, is_held_out, load_corpus
from credscore.estimators import SignConstrainedLogisticRegression
from credscore.extract import FEATURE_NAMES, featurise
from credscore.model import CriterionHead, LinearModel, feature_versions, lexicon_hash
from credscore.signals import SIGNALS

__all__ = [
    "train",
    "evaluate",
    "evaluate_criteria",
    "ModelSpec",
    "SHIPPED_SPEC",
    "fit_spec",
    "fit_calibrated",
    "load_dataset",
    "metrics",
    "calibration_bins",
    "expected_calibration_error",
    "Dataset",
]

_log = logging.getLogger(__name__)  # progress lines (credscore train shows them on stderr)

SEED = 0
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
    counts: list = field(default_factory=list, repr=False)
    """Per article, the word counts the wording component reads."""
    wording: tuple | None = field(default=None, repr=False)
    """(words, idf, TF-IDF matrix) of the wording vocabulary over every row, once computed
    (see :func:`wording_vocabulary`)."""


def load_dataset(data_dir, corpora=tuple(CORPORA)) -> Dataset:
    """Load and featurize the corpora (by default all of :data:`CORPORA`) in ``data_dir``."""
    articles = [a for name in corpora for a in load_corpus(data_dir, name)]
    verdicts = np.full((len(articles), len(CRITERIA)), np.nan)
    for i, a in enumerate(articles):
        if a.criteria is not None:
            verdicts[i] = [np.nan if v is None else v for v in a.criteria]
    X, counts = _featurise(articles)
    return Dataset(
        articles=articles,
        X=X,
        counts=counts,
        texts=np.array([f"{a.title or ''}\n{a.text}" for a in articles], dtype=object),
        y=np.array([a.label for a in articles]),
        corpus=np.array([a.corpus for a in articles]),
        group=np.array([a.group for a in articles]),
        held_out=np.array([is_held_out(a) for a in articles]),
        criteria=verdicts,
    )


def _featurise(articles: list[Article], block: int = 500) -> tuple[np.ndarray, list]:
    """:func:`~credscore.extract.featurise` of ``articles``, logging progress every ``block``."""
    parts, counts = [np.empty((0, len(FEATURE_NAMES)))], []
    for start in range(0, len(articles), block):
        rows = articles[start : start + block]
        X, block_counts = featurise([a.text for a in rows], [a.title for a in rows])
        parts.append(X)
        counts.extend(block_counts)
        _log.info("featurised %s of %s articles", f"{start + len(rows):,}", f"{len(articles):,}")
    return np.vstack(parts), counts


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


def roc_auc_interval(
    y: np.ndarray, p: np.ndarray, draws: int = 1000, rng: np.random.Generator | None = None
) -> list[float]:
    """The bootstrap 95% interval of the ROC AUC of ``p`` against ``y`` (rows resampled with
    replacement ``draws`` times; seeded with :data:`SEED` unless ``rng`` is given)."""
    rng = np.random.default_rng(SEED) if rng is None else rng
    n = len(y)
    aucs = []
    for _ in range(draws):
        i = rng.integers(0, n, n)
        if 0 < y[i].sum() < n:
            aucs.append(roc_auc_score(y[i], p[i]))
    return [round(float(q), 4) for q in np.quantile(aucs, [0.025, 0.975])]


def metrics(y: np.ndarray, p: np.ndarray, draws: int = 1000) -> dict:
    """Rows, ROC AUC with its bootstrap 95% interval, macro-F1 at 0.5, Brier score, and ECE
    next to the ECE a perfectly calibrated model would show on the same rows.

    Both extra figures are seeded. On a few hundred rows the ECE of a calibrated model is not
    zero: labels drawn from the predictions themselves (``ece_if_calibrated``, the median over
    ``draws``) give the noise floor an ECE target has to clear.
    """
    rng = np.random.default_rng(SEED)
    n = len(y)
    interval = roc_auc_interval(y, p, draws, rng)
    floor = [expected_calibration_error(rng.random(n) < p, p) for _ in range(draws)]
    return {
        "rows": int(n),
        "roc_auc": round(float(roc_auc_score(y, p)), 4),
        "roc_auc_ci": interval,
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
        return _platt(self.estimator.decision_function(X), self.slope, self.offset)


def _platt(z: np.ndarray, slope: float, offset: float) -> np.ndarray:
    """The probability Platt scaling gives logits ``z``."""
    return 1.0 / (1.0 + np.exp(-np.clip(slope * z + offset, -700, 700)))


def _fit_tuned(
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


@dataclass(frozen=True)
class ModelSpec:
    """One candidate model, as ``credscore evaluate --selection`` compares them.

    The logit is the sign-constrained signals' logit (``C``, HealthStory weighing
    ``story_weight`` times its share; the features named in ``left_out`` get no weight) plus
    ``wording_weight`` times the wording component's logit (an L2 logistic regression over
    TF-IDF with ``wording_C``, HealthStory weighing ``wording_story_weight`` times its share,
    ``story_weight`` when None; no wording when ``wording_C`` is None).
    """

    C: float = 0.01
    story_weight: float = 1.0
    wording_C: float | None = None
    wording_weight: float = 0.0
    wording_story_weight: float | None = None
    left_out: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.left_out) - set(FEATURE_NAMES))
        if unknown:
            raise ValueError(f"left_out names no feature: {', '.join(unknown)}")
        object.__setattr__(self, "left_out", tuple(self.left_out))  # a list from JSON

    @property
    def columns(self) -> list[int]:
        """The feature columns the signals' logit reads."""
        return [j for j, name in enumerate(FEATURE_NAMES) if name not in self.left_out]

    def label(self) -> str:
        """A short name for the history table."""
        text = f"signals C={self.C} story_weight={self.story_weight}"
        if self.left_out:
            text += f" without {', '.join(self.left_out)}"
        if self.wording_C is not None:
            text += f" + {self.wording_weight} x wording C={self.wording_C}"
            if self.wording_story_weight is not None:
                text += f" story_weight={self.wording_story_weight}"
        return text


_READABILITY_BESIDE_FOG = tuple(
    f"readability__{name}"
    for name in (
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "words_per_sentence",
        "log_words",
    )
)
"""Readability features the shipped model leaves out: the six formulas are near-collinear,
and with free signs the model weighed their differences, which follow a publisher's
typography, not credibility; one formula (Gunning fog) stays (issue 14, selection history)."""

SHIPPED_SPEC = ModelSpec(
    C=0.01,
    story_weight=2.0,
    wording_C=2.0,
    wording_weight=1.0,
    wording_story_weight=1.0,
    left_out=_READABILITY_BESIDE_FOG,
)
"""The candidate the shipped model is trained as (chosen by the selection figures)."""


def wording_vocabulary(ds: Dataset):
    """The wording component's vocabulary and idf over every row of ``ds`` (no labels read),
    and the TF-IDF matrix of its rows; computed once per Dataset."""
    from credscore.wording import fit_vocabulary, tfidf_matrix

    if ds.wording is None:
        words, idf = fit_vocabulary(ds.counts)
        ds.wording = (words, idf, tfidf_matrix(ds.counts, words, idf))
    return ds.wording


@dataclass
class FittedSpec:
    """A :class:`ModelSpec` fitted on some rows: the signals' estimator and the wording's."""

    spec: ModelSpec
    signals: object
    wording: object | None
    words: tuple
    idf: np.ndarray

    def logits(self, ds: Dataset, rows: np.ndarray) -> np.ndarray:
        """Uncalibrated logits of ``rows`` of any Dataset."""
        z = self.signals.decision_function(ds.X[rows][:, self.spec.columns])
        if self.wording is not None:
            from credscore.wording import tfidf_matrix

            M = tfidf_matrix([ds.counts[i] for i in rows], self.words, self.idf)
            z = z + self.spec.wording_weight * self.wording.decision_function(M)
        return z


def fit_spec(spec: ModelSpec, ds: Dataset, rows: np.ndarray, vocabulary=None) -> FittedSpec:
    """Fit ``spec`` on ``rows`` of ``ds``; the wording vocabulary is ``vocabulary`` or that of
    every row of ``ds``."""
    weight = _weights(ds.corpus[rows], spec.story_weight)
    columns = spec.columns
    signals = _fit_signals(columns)(ds.X[rows][:, columns], ds.y[rows], weight, spec.C)
    if spec.wording_C is None:
        return FittedSpec(spec, signals, None, (), np.zeros(0))
    words, idf, M = vocabulary or wording_vocabulary(ds)
    if spec.wording_story_weight is not None:
        weight = _weights(ds.corpus[rows], spec.wording_story_weight)
    wording = LogisticRegression(C=spec.wording_C, solver="liblinear").fit(
        M[rows], ds.y[rows], sample_weight=weight
    )
    return FittedSpec(spec, signals, wording, words, idf)


def _fit_baseline(texts, y, corpus) -> Calibrated:
    return _fit_tuned(_fit_tfidf, texts, y, corpus, TFIDF_C_GRID, folds=3)


NEUTRAL_TEXT = "The committee met on Tuesday afternoon in the town hall to discuss the timetable."
"""An article with no marks: the reference point contributions are measured from."""


def reference_point(free_mean: np.ndarray) -> np.ndarray:
    """Feature values of an article with no marks: each directional feature's value on
    :data:`NEUTRAL_TEXT` (where no signal finds anything), each free feature's ``free_mean``."""
    from credscore.document import Document
    from credscore.extract import extract

    neutral, findings = extract(Document.from_text(NEUTRAL_TEXT))
    if findings:
        raise RuntimeError(f"the neutral text has findings: {findings}")
    return np.where(directions() == 0, free_mean, neutral)


@dataclass
class CalibratedSpec:
    """A fitted :class:`ModelSpec` and the Platt scaling of its logits."""

    fitted: FittedSpec
    slope: float
    offset: float

    def predict_proba(self, ds: Dataset, rows: np.ndarray) -> np.ndarray:
        """Calibrated probability that ``rows`` of ``ds`` are credible."""
        return _platt(self.fitted.logits(ds, rows), self.slope, self.offset)


def fit_calibrated(spec: ModelSpec, ds: Dataset, rows: np.ndarray) -> CalibratedSpec:
    """Fit ``spec`` on ``rows`` and Platt scaling on the out-of-fold logits of their
    HealthStory rows (5 folds grouped by outlet, the other rows always in the fit); of all
    ``rows`` when they hold no story."""
    from sklearn.model_selection import StratifiedGroupKFold

    rows = np.asarray(rows)
    calibrate = rows[ds.corpus[rows] == "healthstory"]
    if len(calibrate) == 0:
        calibrate = rows
    z = np.empty(len(calibrate))
    split = StratifiedGroupKFold(5, shuffle=True, random_state=SEED)
    for k, (_, te) in enumerate(split.split(calibrate, ds.y[calibrate], ds.group[calibrate]), 1):
        _log.info("%s rows: calibration fold %d of 5", f"{len(rows):,}", k)
        fit_rows = np.setdiff1d(rows, calibrate[te])
        z[te] = fit_spec(spec, ds, fit_rows).logits(ds, calibrate[te])
    platt = LogisticRegression(C=1e6).fit(z[:, None], ds.y[calibrate])
    fitted = fit_spec(spec, ds, rows)
    return CalibratedSpec(fitted, float(platt.coef_[0, 0]), float(platt.intercept_[0]))


def _to_linear_model(cal: CalibratedSpec, metadata: dict, criteria: dict) -> LinearModel:
    """The calibrated model in the file's form, with contributions measured from an article
    with no marks (see :mod:`credscore.model`)."""
    from credscore.wording import WordingModel

    fitted, slope = cal.fitted, cal.slope
    est, columns = fitted.signals, fitted.spec.columns
    coef, free_mean = np.zeros(len(FEATURE_NAMES)), np.zeros(len(FEATURE_NAMES))
    coef[columns], free_mean[columns] = est.coef_[0], est.mean_  # left out: weight 0
    reference = reference_point(free_mean)
    constant = est.intercept_[0] + coef @ reference
    wording = None
    if fitted.wording is not None:
        lam = fitted.spec.wording_weight
        constant += lam * fitted.wording.intercept_[0]
        wording = WordingModel(fitted.words, fitted.idf, slope * lam * fitted.wording.coef_[0])
    intercept = slope * constant + cal.offset
    return LinearModel(
        tuple(FEATURE_NAMES), reference, slope * coef, float(intercept), metadata, criteria,
        wording,
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


def evaluate(
    ds: Dataset, *, spec: ModelSpec | None = None, baseline: bool = True
) -> dict[str, dict]:
    """Figures for every split in :data:`SPLITS`: the candidate ``spec`` (by default
    :data:`SHIPPED_SPEC`) and, when ``baseline``, the TF-IDF baseline fitted on the same rows.
    The held-out split is retired for choosing: read these once, for the card."""
    spec = spec or SHIPPED_SPEC
    out = {}
    for name in SPLITS:
        p_model, p_base, rows = [], [], []
        for k, (fit, test) in enumerate(_split_folds(ds, name), 1):
            _log.info("evaluation %s, fold %d", name, k)
            model = fit_calibrated(spec, ds, np.flatnonzero(fit))
            p_model.append(model.predict_proba(ds, test))
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
    return _fit_tuned(
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
    """Per-criterion figures on HealthRelease rows, 5 folds grouped by site: ROC AUC with its
    bootstrap 95% interval (``roc_auc_ci``; a head is shown as a verdict only when the
    interval lies above 0.5, see :meth:`credscore.model.LinearModel.criterion_assessed`),
    macro-F1 next to the majority-class baseline's."""
    rel = np.flatnonzero(ds.corpus == "healthrelease")
    out = {}
    for k, criterion in enumerate(CRITERIA):
        _log.info("criterion %s: %d folds grouped by site", criterion.id, folds)
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
            "roc_auc_ci": roc_auc_interval(y, p[rows]),
            "macro_f1": round(float(f1_score(y, p[rows] >= 0.5, average="macro")), 4),
            "majority_macro_f1": round(float(f1_score(y, majority, average="macro")), 4),
        }
    return out


# -- training --------------------------------------------------------------------------------


def train(
    data_dir,
    *,
    spec: ModelSpec | None = None,
    run_evaluation: bool = True,
    baseline: bool = True,
    dataset: Dataset | None = None,
    history: list[dict] | None = None,
) -> LinearModel:
    """Train the model ``spec`` (by default :data:`SHIPPED_SPEC`) on the labelled rows of
    ``data_dir`` and return it with its metadata. The 20% HealthStory held-out rows stay out
    of the fit, so the model-quality tests have rows it never saw (they no longer choose
    anything: ``credscore.selection`` does). ``history`` (the candidates tried, see
    :func:`credscore.selection.record`) is kept in the metadata for the model card."""
    spec = spec or SHIPPED_SPEC
    ds = dataset if dataset is not None else load_dataset(data_dir)
    rows = ~ds.held_out
    _log.info("fitting %s on %s rows", spec.label(), f"{rows.sum():,}")
    cal = fit_calibrated(spec, ds, np.flatnonzero(rows))
    metadata = {
        "credscore_version": credscore.__version__,
        "lexicon_sha256": lexicon_hash(),
        "feature_versions": feature_versions(),
        "directions": directions().tolist(),
        "floors": floors().tolist(),
        "calibration": {
            "method": "platt on out-of-fold logits of HealthStory rows, 5 folds by outlet",
            "slope": cal.slope,
            "offset": cal.offset,
        },
        "training": {
            "data_sha256": file_hashes(data_dir),
            "rows": {c: int(((ds.corpus == c) & rows).sum()) for c in CORPORA},
            "held_out_rows": int(ds.held_out.sum()),
            "seed": SEED,
            "python": platform.python_version(),
            "spec": dataclasses.asdict(spec),
            "C": spec.C,
            "story_weight": spec.story_weight,
        },
    }
    if history:
        metadata["selection_history"] = history
    if run_evaluation:
        metadata["evaluation"] = evaluate(ds, spec=spec, baseline=baseline)
        metadata["criteria_evaluation"] = evaluate_criteria(ds)
    _log.info("fitting the %d criterion heads", len(CRITERIA))
    criteria = {c.id: _criterion_head(ds, k) for k, c in enumerate(CRITERIA)}
    return _to_linear_model(cal, metadata, criteria)
