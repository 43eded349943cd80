"""The result of scoring one article."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from credscore.criteria import CRITERIA, criterion_findings
from credscore.findings import SEVERITIES, Finding

__all__ = ["Report", "BANDS", "MIN_WORDS", "STATUSES", "WORDING", "band_for"]

WORDING = "wording"
"""The name under which the wording component shows in ``family_contributions``."""

BANDS: tuple[tuple[float, str], ...] = ((70.0, "high"), (40.0, "mixed"), (0.0, "low"))
"""Score bands, highest first: a score of at least 70 is ``high``, at least 40 ``mixed``,
otherwise ``low``."""


MIN_WORDS = 50
"""Texts of fewer words are too short to judge: their report has ``status`` ``"too-short"``
and no band. Measured on 1,000 never-held-out articles of the labelled data
(``benchmarks/bench_input.py``): the score of an article's first 10, 20 or 30 words ranks
credible above not credible articles with a ROC AUC of 0.52-0.55, next to chance (0.5); its
first 50 words give 0.59 and its first 100 give 0.64, against 0.77 for the whole articles (a
text that is short as written, with its own sources and caveats, carries more than the first
words of a long one). The readability formulas are also pulled towards a typical article below
100 words, and the corpora count a body under 50 words as a scraping failure."""

STATUSES: tuple[str, ...] = ("scored", "too-short")
"""A report's ``status``: ``"scored"`` (judged; it has a band) or ``"too-short"`` (fewer than
:data:`MIN_WORDS` words: the score is computed but too unreliable for a band)."""


def band_for(score: float) -> str:
    """Return the band name of a 0-100 score."""
    for floor, name in BANDS:
        if score >= floor:
            return name
    return BANDS[-1][1]


@dataclass(frozen=True)
class Report:
    """How credible one article reads, and why.

    Attributes
    ----------
    score : float
        ``100 * probability``, from 0 (not credible) to 100, rounded to one decimal.
    band : str or None
        ``"high"``, ``"mixed"`` or ``"low"`` (see :data:`BANDS`); None when the text is too
        short to judge (``status`` ``"too-short"``).
    probability : float
        The model's calibrated probability that experts would rate the article credible.
    contributions : dict of str to float
        How much each feature moved the logit from an article with no marks, by full feature
        name (``family__name``): 0 for a family that found nothing, never positive for one
        that can only lower credibility. ``intercept + sum(contributions.values()) +
        sum(word_contributions.values())`` equals ``logit``.
    word_contributions : dict of str to float
        How much each word moved the logit through the wording component
        (:mod:`credscore.wording`); empty for a model without one. :meth:`top_words` gives
        the largest pulls.
    intercept : float
        The logit of an article with no marks (and typical readability).
    findings : tuple of Finding
        Evidence located in the text, sorted by position: at most
        :data:`~credscore.extract.MAX_FINDINGS_PER_RULE` of each rule (the first its signal
        reports, in text order for most rules), so that a text repeating one phrase a million
        times gives a report of bounded size.
    features : dict of str to float
        The raw feature values.
    criteria : dict of str to float
        For each HealthNewsReview criterion id (see :data:`credscore.criteria.CRITERIA`) that
        the model assesses, the probability that the article satisfies it; the evidence for
        each is in the findings of its families (:meth:`criterion_findings`).
    criteria_not_assessed : tuple of str
        The criteria the model has a head for that is not better than chance (see
        :meth:`credscore.model.LinearModel.criterion_assessed`): no probability is given for
        them, and their findings are still in ``findings``.
    encoding : str or None
        How the source file was decoded (``"utf-8"``, ``"cp1252"``, ...; see
        :func:`credscore.formats.files.decode_bytes`), or None when the text was given as a str.
    status : str
        ``"scored"``, or ``"too-short"`` when the text has fewer than :data:`MIN_WORDS` words
        (see :data:`STATUSES`).
    n_words : int
        The number of words in the text.
    finding_counts : dict of str to int
        The number of findings of each rule, those cut from ``findings`` included.
    findings_truncated : bool
        True when ``findings`` was cut (some rule fired more often than the limit).
    """

    score: float
    band: str | None
    probability: float
    logit: float
    intercept: float
    contributions: dict[str, float]
    findings: tuple[Finding, ...]
    features: dict[str, float] = field(repr=False)
    criteria: dict[str, float] = field(default_factory=dict, repr=False)
    encoding: str | None = field(default=None, repr=False)
    word_contributions: dict[str, float] = field(default_factory=dict, repr=False)
    status: str = "scored"
    n_words: int = field(default=0, repr=False)
    criteria_not_assessed: tuple[str, ...] = field(default=(), repr=False)

    @property
    def band_label(self) -> str:
        """The band, or what stands in for it: ``"too short to judge: 12 words"``."""
        if self.band is not None:
            return self.band
        return f"too short to judge: {self.n_words} word{'' if self.n_words == 1 else 's'}"
    finding_counts: dict[str, int] = field(default_factory=dict, repr=False)
    findings_truncated: bool = field(default=False, repr=False)

    @property
    def n_findings(self) -> int:
        """The number of findings, those cut from ``findings`` included."""
        if self.findings_truncated:
            return sum(self.finding_counts.values())
        return len(self.findings)

    @property
    def family_contributions(self) -> dict[str, float]:
        """Contributions summed per signal family (and ``wording`` for the wording
        component), largest pull first."""
        totals: Counter[str] = Counter()
        for name, value in self.contributions.items():
            totals[name.partition("__")[0]] += value
        if self.word_contributions:
            totals[WORDING] = sum(self.word_contributions.values())
        return dict(sorted(totals.items(), key=lambda kv: -abs(kv[1])))

    def top_words(self, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` words that moved the logit most through the wording component."""
        return sorted(self.word_contributions.items(), key=lambda kv: -abs(kv[1]))[:n]

    def findings_by_family(self) -> dict[str, int]:
        """Number of findings per family (those cut from ``findings`` included)."""
        if not self.findings_truncated:
            return dict(Counter(f.family for f in self.findings))
        totals: Counter[str] = Counter()
        for rule, n in self.finding_counts.items():
            totals[rule.partition(".")[0]] += n
        return dict(totals)

    def top_findings(self, n: int = 5) -> list[Finding]:
        """The ``n`` most serious findings: problems (findings that lower credibility) before
        praise, then most serious and earliest first."""
        from credscore.signals import rule_effects

        rank = {s: i for i, s in enumerate(SEVERITIES)}
        effect = rule_effects()
        return sorted(
            self.findings,
            key=lambda f: (effect.get(f.rule) == "raises", -rank[f.severity], f.start),
        )[:n]

    def criterion_findings(self, criterion_id: str) -> list[Finding]:
        """The findings that bear on one criterion (those of its signal families)."""
        for criterion in CRITERIA:
            if criterion.id == criterion_id:
                return criterion_findings(criterion, self.findings)
        raise KeyError(f"unknown criterion {criterion_id!r}")

    def to_dict(self) -> dict[str, object]:
        """Return the report as a JSON-ready dict."""
        return {
            "score": self.score,
            "band": self.band,
            "probability": self.probability,
            "logit": self.logit,
            "intercept": self.intercept,
            "criteria": self.criteria,
            "criteria_not_assessed": list(self.criteria_not_assessed),
            "family_contributions": self.family_contributions,
            "contributions": self.contributions,
            "word_contributions": self.word_contributions,
            "features": self.features,
            "findings": [f.to_dict() for f in self.findings],
            "findings_truncated": self.findings_truncated,
            "finding_counts": self.finding_counts,
            "encoding": self.encoding,
            "status": self.status,
            "n_words": self.n_words,
        }

    def __repr__(self) -> str:
        families = ", ".join(f"{k} {v:+.2f}" for k, v in self.family_contributions.items())
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(self.findings_by_family().items()))
        return (
            f"Report(score={self.score:.1f}, band={self.band!r}, status={self.status!r}, "
            f"findings={len(self.findings)} [{counts}], contributions=[{families}])"
        )
