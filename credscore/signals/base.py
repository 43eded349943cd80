"""What a signal is: a name, the features it emits with their direction, its rules, and
``analyze(doc) -> (features, findings)``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Literal

from credscore.document import Document
from credscore.findings import Finding, Rule

__all__ = ["Direction", "Feature", "Signal", "finditer_near", "per_1k_words", "sentence_words"]

Direction = Literal[-1, 0, 1]


@dataclass(frozen=True, slots=True)
class Feature:
    """One number a signal emits per article.

    ``direction`` is the only way the feature may move credibility in a trained model:
    ``+1`` only up (sources, hedges), ``-1`` only down (boosters, calls to action), ``0`` free.
    Values should be bounded or gently growing (rates per 1,000 words, shares, ``log1p`` of
    counts) so that one extreme article cannot dominate a linear model.

    ``floor`` is an expert prior for evidence the training data cannot teach (no labelled row
    is a sales page): the fitted weight per unit of the feature is at least ``floor`` in its
    direction, in logits before calibration.
    """

    name: str
    direction: Direction
    description: str
    floor: float = 0.0


@dataclass(frozen=True, slots=True)
class Signal:
    """A family of evidence. ``analyze`` must be pure, deterministic and cheap.

    ``analyze(doc)`` returns a dict with exactly one value per feature in ``features`` (keys are
    the bare feature names, without the family prefix) and a list of findings whose rule ids
    are all in ``rules``.
    """

    name: str
    features: tuple[Feature, ...]
    rules: tuple[Rule, ...]
    analyze: Callable[[Document], tuple[dict[str, float], list[Finding]]]

    @property
    def feature_names(self) -> tuple[str, ...]:
        """Full feature names, ``family__name``."""
        return tuple(f"{self.name}__{f.name}" for f in self.features)


def without_overlaps(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` hits, sorted as the caller wants ties broken, with every hit
    that overlaps one kept before it dropped."""
    kept = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def per_1k_words(count: float, doc: Document) -> float:
    """``count`` per 1,000 words, with short texts counted as 200 words so rates stay sane."""
    return 1000.0 * count / max(doc.n_words, 200)


_EDGE_PUNCT = "\"'()[],;:.!?"


def sentence_words(doc: Document, sentence: int) -> frozenset[str]:
    """The lower-cased words of sentence ``sentence``, hyphenated words split ("side-effect"
    gives "side" and "effect") and punctuation stripped; built once per sentence and shared
    by every signal."""
    memo = doc._memo.setdefault("sentence_words", {})
    words = memo.get(sentence)
    if words is None:
        s_start, s_end = doc.sentences[sentence]
        chunk = doc.lower[s_start:s_end].replace("-", " ")
        words = memo[sentence] = frozenset(map(str.strip, chunk.split(), repeat(_EDGE_PUNCT)))
    return words


def finditer_near(
    rx: re.Pattern, text: str, anchor: re.Pattern, before: int, after: int
) -> Iterator[re.Match]:
    """Yield exactly the matches of ``rx.finditer(text)``, scanning only the windows
    ``[a - before, a + after)`` around the matches ``a`` of ``anchor`` (merged where they
    overlap).

    A pattern that starts with ``\\b`` or a look-behind is tried at every position of the
    text; a cheap anchor (a literal, a character class) is found in C, so scanning only near
    it is several times faster where matches are rare.

    Exact when for every match of ``rx`` some match ``a`` of ``anchor.finditer(text)`` starts
    at most ``before`` characters after the match start, and the match (plus the characters
    a look-ahead or ``\\b`` at its end reads) ends less than ``after`` characters after
    ``a`` starts: a match can then start only inside a window and never needs text beyond
    it, and finditer's ``pos`` keeps the text before the window visible to ``\\b`` and
    look-behinds. (An anchor that ``anchor.finditer`` skips because it overlaps the previous
    one starts within a few characters of it: leave margins for that.)
    """
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        lo, hi = max(a.start() - before, 0), a.start() + after
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    pos = 0
    for lo, hi in windows:
        for m in rx.finditer(text, max(lo, pos), hi):
            pos = m.end()
            yield m
