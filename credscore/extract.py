"""Run every registered signal over a Document: one feature vector and all findings."""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import NamedTuple

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
    x, findings, _, _ = extract_bounded(doc, max_per_rule=sys.maxsize)
    return x, findings


class Span(NamedTuple):
    """Where a finding over the limit was: enough to keep its words from the wording."""

    rule: str
    start: int
    end: int


class DroppedSpans:
    """The spans of the findings over the limit, per rule as flat start, end pairs; iterated,
    one :class:`Span` at a time (a phrase repeated a million times makes no million objects)."""

    def __init__(self, flat: dict[str, array]) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return sum(len(pairs) for pairs in self._flat.values()) // 2

    def __iter__(self) -> Iterator[Span]:
        for rule, pairs in self._flat.items():
            for start, end in zip(pairs[::2], pairs[1::2]):
                yield Span(rule, start, end)


def extract_bounded(
    doc: Document, max_per_rule: int = MAX_FINDINGS_PER_RULE
) -> tuple[np.ndarray, list[Finding], dict[str, int], DroppedSpans]:
    """Like :func:`extract`, but keep at most ``max_per_rule`` findings of each rule (the
    first that its signal reports); also return the number of findings of each rule before
    the cut, and the spans of the findings over it. Those are counted as they are made and
    never built (see :meth:`Document.finding`): two integers each, so memory stays small
    while a signal runs. The features are those of :func:`extract`: they count every match,
    and the kept findings with the spans are every finding :func:`extract` returns."""
    values: list[float] = []
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    dropped: dict[str, array] = {}
    bounded = max_per_rule < sys.maxsize
    if bounded:
        doc._memo[FINDING_BUDGET] = (max_per_rule, counts, dropped)
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
    return np.asarray(values, dtype=np.float64), findings, counts, DroppedSpans(dropped)


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
