"""The ten HealthNewsReview.org review criteria, and which signal families bear on each.

A criterion's verdict (``report.criteria[id]``, the probability that the article satisfies it)
comes from a small sign-constrained logistic regression over the features of its families,
trained on the experts' per-criterion verdicts (HealthRelease rows). The same families' findings
are the evidence an editor sees for it (``credscore explain``).

Source: HealthNewsReview.org, "Our review criteria" (Schwitzer, 2006-2018); the questions below
are the press-release wording used in the FakeHealth data (Dai, Sun & Wang, ICWSM 2020).
"""

from __future__ import annotations

from dataclasses import dataclass

from credscore.findings import Finding

__all__ = ["Criterion", "CRITERIA", "criterion_findings"]


@dataclass(frozen=True, slots=True)
class Criterion:
    """One review criterion: a stable id, the reviewer's question, and its signal families."""

    id: str
    question: str
    families: tuple[str, ...]


CRITERIA: tuple[Criterion, ...] = (
    Criterion("costs", "Does it discuss the costs of the intervention?", ("costs",)),
    Criterion("benefits", "Does it quantify the benefits, in absolute terms?", ("benefits",)),
    Criterion("harms", "Does it explain and quantify the harms?", ("harms",)),
    Criterion(
        "evidence",
        "Does it grasp the quality of the evidence?",
        ("evidence", "hedging", "efficacy"),
    ),
    Criterion(
        "disease_mongering",
        "Does it avoid disease-mongering and fear appeals?",
        ("mongering",),
    ),
    Criterion(
        "independent_sources",
        "Does it use independent sources and disclose funding and conflicts of interest?",
        ("independence", "citations"),
    ),
    Criterion(
        "alternatives",
        "Does it compare the new approach with existing alternatives?",
        ("alternatives",),
    ),
    Criterion(
        "availability",
        "Does it establish the availability of the treatment, test or product?",
        ("availability",),
    ),
    Criterion("novelty", "Does it establish the true novelty of the approach?", ("novelty",)),
    Criterion(
        "press_release",
        "Does it avoid sensational, promotional language and go beyond a press release?",
        ("framing", "superlatives", "commercial", "wellness", "novelty", "mongering"),
    ),
)
"""The criteria in the order of the FakeHealth ``criteria_answers`` column."""


def criterion_findings(criterion: Criterion, findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings of the criterion's families, in text order."""
    return [f for f in findings if f.family in criterion.families]
