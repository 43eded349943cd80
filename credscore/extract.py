"""Run every registered signal over a Document: one feature vector and all findings."""

from __future__ import annotations

from collections import Counter
import sys
from collections.abc import Sequence
from operator import attrgetter

import numpy as np

from credscore.document import Document
from credscore.findings import Finding
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
"""A report keeps at most this many findings of each rule (the first in the text); the rest
are counted (``Report.finding_counts``), so that memory and output stay bounded on a text
that repeats one phrase a million times."""


def extract(doc: Document) -> tuple[np.ndarray, list[Finding]]:
    """Return the feature vector (float64, in :data:`FEATURE_NAMES` order) and the findings
    of every signal, sorted by position."""
    x, findings, _ = extract_bounded(doc, max_per_rule=sys.maxsize)
    return x, findings


def extract_bounded(
    doc: Document, max_per_rule: int = MAX_FINDINGS_PER_RULE
) -> tuple[np.ndarray, list[Finding], dict[str, int]]:
    """Like :func:`extract`, but keep at most ``max_per_rule`` findings of each rule (the
    first in the text); also return the number of findings of each rule before the cut. Each
    signal's findings are cut as soon as it returns, so only one signal's list is ever whole
    in memory. The features are those of :func:`extract`: they count every match."""
    values: list[float] = []
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    for signal in SIGNALS:
        features, found = signal.analyze(doc)
        names, name_set = _NAMES[signal.name]
        if features.keys() != name_set:
            raise RuntimeError(f"signal {signal.name!r} returned features {sorted(features)}")
        values.extend(map(float, map(features.__getitem__, names)))
        if len(found) > max_per_rule:
            found = _first_per_rule(found, max_per_rule, counts)
        else:
            for f in found:
                counts[f.rule] = counts.get(f.rule, 0) + 1
        findings.extend(found)
    findings.sort(key=_finding_order)
    return np.asarray(values, dtype=np.float64), findings, counts


def _first_per_rule(found: list[Finding], limit: int, counts: dict[str, int]) -> list[Finding]:
    """The first ``limit`` findings of each rule in ``found``, counting all into ``counts``."""
    found.sort(key=_finding_order)
    kept = []
    for f in found:
        n = counts[f.rule] = counts.get(f.rule, 0) + 1
        if n <= limit:
            kept.append(f)
    return kept


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
