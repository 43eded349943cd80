"""A small, deterministic model for the batch tests, independent of the shipped model file
(so they run while the shipped model is being retrained) and carrying criterion heads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from credscore.document import Document
from credscore.extract import FEATURE_NAMES, extract
from credscore.model import CriterionHead, LinearModel, lexicon_hash

_REFERENCE = (
    "The study, published in The Lancet, suggests the drug may lower blood pressure. "
    "More research is needed, said Dr. Jane Smith of Johns Hopkins University. It costs $40."
)


def synthetic_model() -> LinearModel:
    """Weights of alternating sign, scaled to each feature's size, centred on a reference
    article; two criterion heads (``costs`` and ``harms``)."""
    mean = extract(Document.from_text(_REFERENCE))[0]
    n = len(FEATURE_NAMES)
    signs = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    weights = signs * 0.4 / (1.0 + np.abs(mean))
    criteria = {
        "costs": CriterionHead(FEATURE_NAMES[:2], mean[:2], weights[:2], 0.2),
        "harms": CriterionHead(FEATURE_NAMES[2:4], mean[2:4], -weights[2:4], -0.3),
    }
    metadata = {"lexicon_sha256": lexicon_hash()}
    return LinearModel(FEATURE_NAMES, mean, weights, 0.5, metadata, criteria)


def save_synthetic_model(path: Path) -> Path:
    """Write :func:`synthetic_model` to ``path`` and return the path."""
    synthetic_model().save(path)
    return path
