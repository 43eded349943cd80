"""Run every registered signal over a Document: one feature vector and all findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

import numpy as np

from credscore.document import Document
from credscore.findings import Finding
from credscore.signals import SIGNALS, feature_names

__all__ = ["extract", "feature_matrix", "featurise", "FEATURE_NAMES"]

FEATURE_NAMES: tuple[str, ...] = feature_names()
"""Column names of the feature matrix, ``family__name``, in order."""

# Per signal, built once: its bare feature names in order and as a set (for the check).
_NAMES = {
    signal.name: (names := tuple(f.name for f in signal.features), frozenset(names))
    for signal in SIGNALS
}
_finding_order = attrgetter("start", "end", "rule")


def extract(doc: Document) -> tuple[np.ndarray, list[Finding]]:
    """Return the feature vector (float64, in :data:`FEATURE_NAMES` order) and the findings
    of every signal, sorted by position."""
    values: list[float] = []
    findings: list[Finding] = []
    for signal in SIGNALS:
        features, found = signal.analyze(doc)
        names, name_set = _NAMES[signal.name]
        if features.keys() != name_set:
            raise RuntimeError(f"signal {signal.name!r} returned features {sorted(features)}")
        values.extend(map(float, map(features.__getitem__, names)))
        findings.extend(found)
    findings.sort(key=_finding_order)
    return np.asarray(values, dtype=np.float64), findings


def feature_matrix(texts: Sequence[str], titles: Sequence[str | None]) -> np.ndarray:
    """Feature matrix, one row per (text, title) pair, columns in :data:`FEATURE_NAMES` order."""
    out = np.empty((len(texts), len(FEATURE_NAMES)), dtype=np.float64)
    for i, (text, title) in enumerate(zip(texts, titles, strict=True)):
        out[i] = extract(Document.from_text(text, title=title))[0]
    return out


def featurise(
    texts: Sequence[str], titles: Sequence[str | None]
) -> tuple[np.ndarray, list[Counter[str]]]:
    """The feature matrix and, per article, the word counts the wording component reads."""
    from credscore.wording import wording_counts

    out = np.empty((len(texts), len(FEATURE_NAMES)), dtype=np.float64)
    counts = []
    for i, (text, title) in enumerate(zip(texts, titles, strict=True)):
        doc = Document.from_text(text, title=title)
        out[i], findings = extract(doc)
        counts.append(wording_counts(doc, findings))
    return out, counts
