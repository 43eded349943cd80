"""The wording component: a regularised bag-of-words logit added to the signals' logit.

The signals see what reviewers name (hedges, sources, sales pitches); the wording sees the
rest of the vocabulary a careful story and a careless one use. It reads the Document's own
words (no second tokeniser) with three exclusions, so it can never take over a signal's job:

- every word inside a finding (the signal that found it owns it: a unit is counted once);
- every word of a sentence holding a finding that lowers credibility: a call to action, an
  offer or a miracle claim can never raise a score through the wording;
- tokens with a digit and one-letter tokens.

A lexicon word outside any finding (a hedged "cure", a "study" no signal counted) is read
like any other word: excluding every lexicon word cost 0.007 HealthStory AUC (issue 14).

The vector is TF-IDF (``1 + log tf`` times a smoothed idf, L2-normalised over the words kept),
and the component's logit is ``weights @ vector``: each word's contribution is exactly its
weight times its value, and the contributions add up to the component's logit.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain, compress, repeat

import numpy as np

from credscore.document import Document
from credscore.findings import Finding

__all__ = ["WordingModel", "wording_counts", "unmasked_counts"]


@cache
def _lowering_rules() -> frozenset[str]:
    from credscore.signals import rule_effects

    return frozenset(rule_id for rule_id, e in rule_effects().items() if e == "lowers")


_DIGIT = re.compile(r"\d")
_MISSING = complex("nan")
"""What a word outside the vocabulary looks up to (an idf is never NaN)."""
_TF_WEIGHTS = np.array([0.0, *(1.0 + math.log(k) for k in range(1, 256))])
"""``1 + log k`` for term frequency ``k`` (index 0 unused), from :func:`math.log`: numpy's
``log`` may differ in the last bit."""


def _tf_weights(tf: np.ndarray) -> np.ndarray:
    """``1 + log k`` for each term frequency ``k`` (>= 1) in ``tf``."""
    global _TF_WEIGHTS
    if len(tf) and tf.min() < 1:  # math.log refused these; an index would wrap around
        raise ValueError("term frequencies must be positive")
    try:
        return _TF_WEIGHTS[tf]
    except IndexError:  # a word more than 255 times: grow the table
        more = (1.0 + math.log(k) for k in range(len(_TF_WEIGHTS), int(tf.max()) + 1))
        _TF_WEIGHTS = np.concatenate([_TF_WEIGHTS, np.fromiter(more, dtype=np.float64)])
        return _TF_WEIGHTS[tf]


def unmasked_counts(doc: Document, findings: Iterable[Finding]) -> Counter[str]:
    """How often each word outside every finding and outside the sentences holding a
    lowering finding occurs in ``doc``: enough for scoring, since a vocabulary never holds
    a word :func:`wording_counts` leaves out."""
    masked = _masked_ranges(doc, findings, _lowering_rules())
    return Counter(_unmasked_words(doc.words, masked) if masked else doc.words)


def _masked_ranges(
    doc: Document, findings: Iterable[Finding], lowering: frozenset[str]
) -> list[tuple[int, int]]:
    """Sorted ``[first, last)`` token ranges the wording never reads: each finding's own
    tokens, and every token of a sentence holding a lowering finding."""
    starts, sentence_of = doc.token_starts, doc.token_sentence
    ranges = []
    for f in findings:
        if f.rule in lowering:
            s = doc.sentence_at(f.start)
            first = bisect_left(sentence_of, s)
            last = bisect_left(sentence_of, s + 1, first)
        else:
            first = bisect_left(starts, f.start)
            last = bisect_left(starts, f.end, first)
        if first < last:
            ranges.append((first, last))
    ranges.sort()
    return ranges


def _unmasked_words(words: tuple[str, ...], masked: list[tuple[int, int]]) -> Iterable[str]:
    """The ``words`` outside the sorted token ranges ``masked``, in order, as slices (a
    sentence's tokens are contiguous, so no test per word)."""
    pieces = []
    start = 0
    for first, last in masked:
        if first > start:
            pieces.append(words[start:first])
        start = max(start, last)
    pieces.append(words[start:])
    return chain.from_iterable(pieces)


def wording_counts(doc: Document, findings: Iterable[Finding]) -> Counter[str]:
    """How often each word the wording component reads occurs in ``doc``."""
    counts = unmasked_counts(doc, findings)
    for w in [w for w in counts if len(w) < 2 or _DIGIT.search(w)]:
        del counts[w]
    return counts


@dataclass(frozen=True)
class WordingModel:
    """Vocabulary, idf and (calibrated) weight of each word of the wording component."""

    words: tuple[str, ...]
    idf: np.ndarray
    weights: np.ndarray

    def __post_init__(self) -> None:
        # word -> complex(idf, weight): a word's two numbers in one small object, read back
        # exactly as .real and .imag. The vocabulary is large and mostly out of the CPU cache
        # when an article is scored, so each object read per word is a cache miss; one object
        # instead of a column number and two entries of separate arrays saves a fifth of the
        # component's time.
        numbers = map(complex, self.idf.tolist(), self.weights.tolist())
        object.__setattr__(self, "_numbers", dict(zip(self.words, numbers)))

    @cached_property
    def _columns(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}

    def vector(self, counts: Counter[str]) -> dict[int, float]:
        """Sparse TF-IDF vector (column -> value) of one article's word counts."""
        words, _, values = self._tfidf(counts)
        return dict(zip(map(self._columns.__getitem__, words), values.tolist()))

    def contributions(self, counts: Counter[str]) -> dict[str, float]:
        """Each word's contribution to the logit (``weight x`` its value in :meth:`vector`),
        for the words of the vocabulary that occur."""
        words, numbers, values = self._tfidf(counts)
        return dict(zip(words, (numbers.imag * values).tolist()))

    def _tfidf(self, counts: Counter[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The vocabulary words of ``counts`` (in their order), their ``complex(idf, weight)``
        and their TF-IDF values ``(1 + log tf) * idf``, L2-normalised. Each word is looked
        up once (``map`` in C); the arithmetic is numpy's on the words found, each value the
        same double as Python's float arithmetic gives (the logarithms come from
        :func:`math.log`, the norm's sum of squares is added up in order)."""
        found = np.fromiter(
            map(self._numbers.get, counts, repeat(_MISSING)), dtype=np.complex128, count=len(counts)
        )
        kept = ~np.isnan(found.real)
        numbers = found[kept]
        tf = np.fromiter(counts.values(), dtype=np.intp, count=len(counts))[kept]
        raw = _tf_weights(tf) * numbers.real
        norm = math.sqrt(sum((raw * raw).tolist()))
        if not norm:
            return [], numbers, raw
        return list(compress(counts, kept.tolist())), numbers, raw / norm

    def to_dict(self) -> dict:
        """The component as a JSON-ready dict."""
        return {
            "words": list(self.words),
            "idf": [float(v) for v in self.idf],
            "weights": [float(v) for v in self.weights],
        }


def fit_vocabulary(
    counts: list[Counter[str]], min_df: int = 5, max_df: float = 0.5
) -> tuple[tuple[str, ...], np.ndarray]:
    """Words in at least ``min_df`` articles and at most ``max_df`` of them, sorted, with
    their smoothed idf ``ln((1 + n) / (1 + df)) + 1``."""
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    words = tuple(sorted(w for w, k in df.items() if min_df <= k <= max_df * n))
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1.0 for w in words])
    return words, idf


def tfidf_matrix(counts: list[Counter[str]], words: tuple[str, ...], idf: np.ndarray):
    """CSR matrix of the TF-IDF vectors of many articles (the same values as
    :meth:`WordingModel.vector`)."""
    from scipy.sparse import csr_matrix

    model = WordingModel(words, idf, np.zeros(len(words)))
    indptr, indices, data = [0], [], []
    for c in counts:
        vec = model.vector(c)
        indices.extend(vec.keys())
        data.extend(vec.values())
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(counts), len(words)))
