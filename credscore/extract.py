"""Run every registered signal over a Document: one feature vector and all findings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from credscore.document import Document
from credscore.findings import Finding
from credscore.signals import SIGNALS, feature_names

__all__ = ["extract", "feature_matrix", "FEATURE_NAMES"]

FEATURE_NAMES: tuple[str, ...] = feature_names()
"""Column names of the feature matrix, ``family__name``, in order."""


def extract(doc: Document) -> tuple[np.ndarray, list[Finding]]:
    """Return the feature vector (float64, in :data:`FEATURE_NAMES` order) and the findings
    of every signal, sorted by position."""
    values: list[float] = []
    findings: list[Finding] = []
    for signal in SIGNALS:
        features, found = signal.analyze(doc)
        if features.keys() != {f.name for f in signal.features}:
            raise RuntimeError(f"signal {signal.name!r} returned features {sorted(features)}")
        values.extend(float(features[f.name]) for f in signal.features)
        findings.extend(found)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return np.asarray(values, dtype=np.float64), findings


def feature_matrix(texts: Sequence[str], titles: Sequence[str | None]) -> np.ndarray:
    """Feature matrix, one row per (text, title) pair, columns in :data:`FEATURE_NAMES` order."""
    out = np.empty((len(texts), len(FEATURE_NAMES)), dtype=np.float64)
    for i, (text, title) in enumerate(zip(texts, titles, strict=True)):
        out[i] = extract(Document.from_text(text, title=title))[0]
    return out
