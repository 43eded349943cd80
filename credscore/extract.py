"""Run every registered signal over a Document: one feature vector and all findings."""

from __future__ import annotations

from collections import Counter
import sys
from collections.abc import Sequence
from operator import attrgetter

import numpy as np

from credscore.document import FINDING_BUDGET, Document
from credscore.findings import DROPPED, Finding
from credscore.signals import SIGNALS, feature_names

__all__ = [
    "extract",
    "extract_bounded",
    "feature_matrix",
    "featurise",
    "FEATURE_NAMES",
    "MAX_FINDINGS_PER_RULE",
]

FEATURE_NAMES: tuple[str, ...] = feature_names()
"""Column names of the feature matrix, ``family__name``, in order."""

# Per signal, built once: its bare feature names in order and as a set (for the check).
_NAMES = {
    signal.name: (names := tuple(f.name for f in signal.features), frozenset(names))
    for signal in SIGNALS
}
_finding_order = attrgetter("start", "end", "rule")

MAX_FINDINGS_PER_RULE = 200
"""A report keeps at most this many findings of each rule (the first its signal reports, in
text order for most rules); the rest are counted (``Report.finding_counts``), so that memory
and output stay bounded on a text that repeats one phrase a million times."""


def extract(doc: Document) -> tuple[np.ndarray, list[Finding]]:
    """Return the feature vector (float64, in :data:`FEATURE_NAMES` order) and the findings
    of every signal, sorted by position."""
    x, findings, _ = extract_bounded(doc, max_per_rule=sys.maxsize)
    return x, findings


def extract_bounded(
    doc: Document, max_per_rule: int = MAX_FINDINGS_PER_RULE
) -> tuple[np.ndarray, list[Finding], dict[str, int]]:
    """Like :func:`extract`, but keep at most ``max_per_rule`` findings of each rule (the
    first that its signal reports); also return the number of findings of each rule before
    the cut. Findings over the limit are counted as they are made and never kept (see
    :meth:`Document.finding`), so memory stays bounded while a signal runs. The features are
    those of :func:`extract`: they count every match."""
    values: list[float] = []
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    bounded = max_per_rule < sys.maxsize
    if bounded:
        doc._memo[FINDING_BUDGET] = (max_per_rule, counts)
    try:
        for signal in SIGNALS:
            features, found = signal.analyze(doc)
            names, name_set = _NAMES[signal.name]
            if features.keys() != name_set:
                raise RuntimeError(f"signal {signal.name!r} returned features {sorted(features)}")
            values.extend(map(float, map(features.__getitem__, names)))
            if bounded:
                findings.extend(f for f in found if f is not DROPPED)
            else:
                findings.extend(found)
    finally:
        doc._memo.pop(FINDING_BUDGET, None)
    if not bounded:
        for f in findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    findings.sort(key=_finding_order)
    return np.asarray(values, dtype=np.float64), findings, counts


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
