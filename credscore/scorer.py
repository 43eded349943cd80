"""Score articles: Document -> signals -> features -> model -> Report."""

from __future__ import annotations

import math
import threading
from itertools import chain
from pathlib import Path

import numpy as np

from credscore.document import Document, is_blank
from credscore.extract import FEATURE_NAMES, extract_bounded
from credscore.language import require_english
from credscore.model import LinearModel, load_model
from credscore.report import MIN_WORDS, Report, band_for
from credscore.wording import unmasked_counts

__all__ = ["Scorer", "score", "default_scorer"]


class Scorer:
    """Scores articles with one loaded model. Immutable after construction, so one Scorer
    can be shared between threads.

    Parameters
    ----------
    model : LinearModel, str, Path or None
        A loaded model, a path to a model file, or None for the shipped model.

    Examples
    --------
    >>> scorer = Scorer()
    >>> report = scorer.score("Book your free consultation today! Call now.")
    >>> report.status, report.band, report.n_words
    ('too-short', None, 7)
    """

    def __init__(self, model: LinearModel | str | Path | None = None) -> None:
        if model is None or isinstance(model, (str, Path)):
            model = load_model(model)
        elif not isinstance(model, LinearModel):
            raise TypeError(
                f"model must be a LinearModel, a path or None, not {type(model).__name__}"
            )
        self.model = model

    def score(self, text: str, *, title: str | None = None) -> Report:
        """Score plain text (with an optional headline).

        Raises ``TypeError`` for a text or title of the wrong type, ``ValueError`` for an empty
        (or whitespace only) or oversized text, and :class:`~credscore.errors.LanguageError`
        (a ``ValueError``) for a text that does not read as English.
        """
        return self.score_document(_document(text, title))

    def score_document(self, doc: Document) -> Report:
        """Score an already parsed Document (e.g. from Markdown).

        A Document of fewer than :data:`~credscore.report.MIN_WORDS` words gets a report with
        ``status`` ``"too-short"`` and no band; one that does not read as English raises
        :class:`~credscore.errors.LanguageError`. The report keeps at most
        :data:`~credscore.extract.MAX_FINDINGS_PER_RULE` findings of each rule;
        ``report.finding_counts`` counts them all.
        """
        if not isinstance(doc, Document):
            raise TypeError(f"doc must be a credscore.Document, not {type(doc).__name__}")
        require_english(doc)
        x, findings, counts, dropped = extract_bounded(doc)
        contributions = self.model.contributions(x)
        words: dict[str, float] = {}
        if self.model.wording is not None:
            # The words of every finding stay out, over the kept ones' limit too.
            masked = chain(findings, dropped) if dropped else findings
            words = self.model.wording.contributions(unmasked_counts(doc, masked))
        logit = float(self.model.intercept + contributions.sum() + math.fsum(words.values()))
        probability = 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0
        score = round(100.0 * probability, 1)
        too_short = doc.n_words < MIN_WORDS
        return Report(
            score=score,
            band=None if too_short else band_for(score),
            probability=probability,
            logit=logit,
            intercept=self.model.intercept,
            contributions=dict(zip(FEATURE_NAMES, contributions.tolist())),
            word_contributions=words,
            findings=tuple(findings),
            finding_counts=counts,
            findings_truncated=len(findings) < sum(counts.values()),
            features=dict(zip(FEATURE_NAMES, np.asarray(x).tolist())),
            criteria={
                cid: float(p[0])
                for cid, p in self.model.criteria_probabilities(np.asarray(x)[None, :]).items()
                if cid not in self.model.criteria_not_assessed
            },
            criteria_not_assessed=self.model.criteria_not_assessed,
            encoding=doc.encoding,
            status="too-short" if too_short else "scored",
            n_words=doc.n_words,
        )


EMPTY_TEXT = "text is empty"
"""The error message for a text with nothing to read (``ValueError``): empty, or only
whitespace, zero-width and format characters or combining marks."""


def _document(text: str, title: str | None) -> Document:
    """The Document of a text given as a str; an empty text is a ``ValueError``, as it is for
    the batch functions and the command line."""
    doc = Document.from_text(text, title=title)  # wrong types and sizes fail first
    if is_blank(text):  # also zero-width spaces or combining marks only
        raise ValueError(EMPTY_TEXT)
    return doc


_DEFAULT: Scorer | None = None
_LOCK = threading.Lock()


def default_scorer() -> Scorer:
    """The process-wide Scorer of the shipped model, loaded once on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = Scorer()
    return _DEFAULT


def score(text: str, *, title: str | None = None) -> Report:
    """Score how credible a piece of health writing reads, from 0 to 100.

    Parameters
    ----------
    text : str
        The article body, plain text.
    title : str, optional
        The headline.

    Returns
    -------
    Report
        ``score``, ``band``, ``probability``, ``contributions`` and located ``findings``.

    Raises
    ------
    TypeError
        When ``text`` is not a str or ``title`` is neither a str nor None.
    ValueError
        When ``text`` is empty or whitespace only, or larger than
        :data:`credscore.document.MAX_CHARS`.
    credscore.LanguageError
        When ``text`` does not read as English (a ``ValueError``).

    Examples
    --------
    >>> import credscore
    >>> report = credscore.score("This miracle cure is 100% guaranteed. Order now!")
    >>> report.score < 40, report.status, report.band
    (True, 'too-short', None)
    """
    doc = _document(text, title)  # bad input fails before the model loads
    return default_scorer().score_document(doc)
