"""The six classic readability formulas as plain functions, named as in textstat.

>>> from credscore import readability
>>> round(readability.flesch_reading_ease("The cat sat on the mat. The dog ate the food."), 2)
116.65

Each function computes its formula exactly as textstat 0.7.8 does (the counting rules, the
sources and the bounds are in :mod:`credscore.signals.readability`), about 20 times faster, on
the text after credscore's own normalisation (:func:`credscore.document.normalise`: curly
quotes and apostrophes made straight, dashes, special spaces and line breaks unified):

- **Against the features.** The value is exactly ``report.features["readability__NAME"]`` of
  ``credscore.score(text)`` when the text has 100 words or more and no page furniture (on
  shorter texts the features are pulled towards a typical article's values, since the
  formulas need a sample; a scraped page's navigation, captions and teasers, which the
  Document blanks before any feature, are read here as the text you gave).
- **Against textstat 0.7.8** (the test oracle): equal to within 1e-6 when the normalisation
  changes nothing (no curly apostrophes, ...) and textstat's value lies in the range below.
  Otherwise within 1.0 grade point (3.0 reading-ease points) on at least 95% of articles
  (measured figures in :mod:`credscore.signals.readability`). The gap is textstat's: it
  drops a curly apostrophe and counts "dont" by hyphenation rules.
- **Bounds.** Grades are clipped to [0, 30] and reading ease to [-50, 121.22], so one
  10,000-word sentence or a text without words gives finite values (0.0 for empty text).

:func:`readability_scores` returns all six (and words per sentence) from one pass; each
single function costs as much as that pass.
"""

from __future__ import annotations

from credscore.document import MAX_CHARS, normalise
from credscore.signals import readability as _signal

__all__ = [
    "automated_readability_index",
    "coleman_liau_index",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "gunning_fog",
    "readability_scores",
    "smog_index",
]


def readability_scores(text: str) -> dict[str, float]:
    """All six formulas and the mean words per sentence of ``text``, in one pass.

    Keys: ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``smog_index``,
    ``gunning_fog``, ``coleman_liau_index``, ``automated_readability_index`` and
    ``words_per_sentence`` (textstat's counting, clipped to [0, 100]).

    Raises
    ------
    TypeError
        When ``text`` is not a str.
    ValueError
        When ``text`` is longer than :data:`credscore.document.MAX_CHARS` characters.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_CHARS:,}")
    return _signal.readability_scores(normalise(text))


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (Flesch 1948), higher is easier:
    ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``, in [-50, 121.22]."""
    return readability_scores(text)["flesch_reading_ease"]


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade level (Kincaid et al. 1975):
    ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``, in [0, 30]."""
    return readability_scores(text)["flesch_kincaid_grade"]


def smog_index(text: str) -> float:
    """SMOG grade (McLaughlin 1969):
    ``1.043 * sqrt(30 * polysyllables/sentences) + 3.1291``, in [0, 30]."""
    return readability_scores(text)["smog_index"]


def gunning_fog(text: str) -> float:
    """Gunning fog index (Gunning 1952): ``0.4 * (words/sentences + 100 * hard words/words)``,
    a hard word having three or more syllables and not being on the Dale-Chall list of
    familiar words (as in textstat); in [0, 30]."""
    return readability_scores(text)["gunning_fog"]


def coleman_liau_index(text: str) -> float:
    """Coleman-Liau grade (Coleman & Liau 1975): ``0.058 * letters per 100 words - 0.296 *
    sentences per 100 words - 15.8``, in [0, 30]."""
    return readability_scores(text)["coleman_liau_index"]


def automated_readability_index(text: str) -> float:
    """Automated readability index (Senter & Smith 1967):
    ``4.71 * characters/words + 0.5 * words/sentences - 21.43``, in [0, 30]."""
    return readability_scores(text)["automated_readability_index"]
