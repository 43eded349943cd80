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
from functools import cache

import numpy as np

from credscore.document import Document
from credscore.findings import Finding

__all__ = ["WordingModel", "wording_counts", "unmasked_counts"]


@cache
def _lowering_rules() -> frozenset[str]:
    from credscore.signals import rule_effects

    return frozenset(rule_id for rule_id, e in rule_effects().items() if e == "lowers")


_DIGIT = re.compile(r"\d")


def unmasked_counts(doc: Document, findings: Iterable[Finding]) -> Counter[str]:
    """How often each word outside every finding and outside the sentences holding a
    lowering finding occurs in ``doc``: enough for scoring, since a vocabulary never holds
    a word :func:`wording_counts` leaves out."""
    lowering = _lowering_rules()
    starts = doc.token_starts
    masked_sentences: set[int] = set()
    masked_tokens: set[int] = set()
    for f in findings:
        if f.rule in lowering:
            masked_sentences.add(doc.sentence_at(f.start))
        else:
            masked_tokens.update(range(bisect_left(starts, f.start), bisect_left(starts, f.end)))
    words = doc.words
    if masked_sentences or masked_tokens:
        words = [
            w
            for i, (w, s) in enumerate(zip(words, doc.token_sentence))
            if s not in masked_sentences and i not in masked_tokens
        ]
    return Counter(words)


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
        object.__setattr__(self, "_index", {w: i for i, w in enumerate(self.words)})
        object.__setattr__(self, "_idf", self.idf.tolist())  # floats: no numpy per word
        object.__setattr__(self, "_weights", self.weights.tolist())

    def vector(self, counts: Counter[str]) -> dict[int, float]:
        """Sparse TF-IDF vector (column -> value) of one article's word counts."""
        index = self._index
        idf = self._idf
        log = math.log
        raw = {
            (i := index[w]): (1.0 + log(counts[w])) * idf[i]
            for w in filter(index.__contains__, counts)
        }
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {i: v / norm for i, v in raw.items()} if norm else {}

    def contributions(self, counts: Counter[str]) -> dict[str, float]:
        """Each word's contribution to the logit (``weight x`` its value in :meth:`vector`),
        for the words of the vocabulary that occur."""
        words, weights = self.words, self._weights
        return {words[i]: weights[i] * v for i, v in self.vector(counts).items()}

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
