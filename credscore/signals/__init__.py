"""The signal registry: every family credscore computes, in feature order.

Adding a signal = one module here + one lexicon in ``credscore/lexicons/`` + one test file,
and a line in :data:`SIGNALS`.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from credscore.signals import (
    alternatives,
    availability,
    benefits,
    citations,
    commercial,
    costs,
    efficacy,
    evidence,
    framing,
    harms,
    hedging,
    independence,
    mongering,
    novelty,
    readability,
    superlatives,
    wellness,
)
from credscore.signals.base import Feature, Signal

__all__ = ["SIGNALS", "Feature", "Signal", "feature_names", "rules"]

SIGNALS: tuple[Signal, ...] = (
    hedging.SIGNAL,
    superlatives.SIGNAL,
    citations.SIGNAL,
    commercial.SIGNAL,
    readability.SIGNAL,
    # The HealthNewsReview.org review criteria (credscore.criteria maps criteria to families).
    costs.SIGNAL,
    benefits.SIGNAL,
    harms.SIGNAL,
    evidence.SIGNAL,
    efficacy.SIGNAL,
    wellness.SIGNAL,
    mongering.SIGNAL,
    independence.SIGNAL,
    alternatives.SIGNAL,
    availability.SIGNAL,
    novelty.SIGNAL,
    framing.SIGNAL,
)


def feature_names() -> tuple[str, ...]:
    """All feature names, ``family__name``, in matrix column order."""
    return tuple(name for signal in SIGNALS for name in signal.feature_names)


def rules() -> dict:
    """Every rule, by id, from every signal."""
    return {rule.id: rule for signal in SIGNALS for rule in signal.rules}


@cache
def rule_effects() -> MappingProxyType:
    """Every rule id's effect, ``"raises"`` or ``"lowers"`` credibility (built once)."""
    return MappingProxyType({rule_id: rule.effect for rule_id, rule in rules().items()})
