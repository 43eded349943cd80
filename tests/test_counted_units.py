"""Every unit a feature counts has a visible finding.

A feature that moves the score by counting phrases must show each phrase it counted: a count
feature's value is ``log1p`` of exactly the number of findings of its rules, a rate feature's
count is exactly that number, and a 0/1 feature that is on has at least one finding. Checked
over the example articles and synthetic texts that exercise every rule.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from credscore.document import Document
from credscore.extract import FEATURE_NAMES
from credscore.signals import SIGNALS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# log1p(n) features: n == the number of findings of these rules.
COUNTS = {
    "hedging__limitation_count": ("hedging.limitation",),
    "hedging__booster_count": ("hedging.booster",),
    "superlatives__hype_count": ("superlatives.unsupported", "superlatives.hype"),
    "superlatives__unsupported_count": ("superlatives.unsupported",),
    "superlatives__miracle_count": ("superlatives.miracle-claim",),
    "superlatives__title_hype": ("superlatives.title-hype",),
    "citations__named_people": ("citations.named-source",),
    "citations__quote_count": ("citations.quotation",),
    "citations__unsourced_claim_count": (
        "citations.vague-attribution",
        "citations.unsourced-claim",
        "citations.unattributed-statistic",
    ),
    "commercial__cta_count": ("commercial.call-to-action",),
    "commercial__offer_count": ("commercial.urgency", "commercial.offer"),
    "commercial__guarantee_count": ("commercial.guarantee",),
    "commercial__contact_count": ("commercial.contact",),
    "commercial__testimonial_count": ("commercial.testimonial",),
    "costs__cost_mentions": ("costs.price", "costs.mention", "costs.comparison", "costs.insurance"),
    "benefits__absolute_figures": ("benefits.absolute-risk",),
    "harms__harm_mentions": ("harms.discussed",),
    "harms__harms_quantified": ("harms.quantified",),
    "harms__safety_claim": ("harms.no-side-effects",),
    "evidence__causal_from_observational": ("evidence.causal-language",),
    "efficacy__claim_count": ("efficacy.cure-claim", "efficacy.prevention-claim"),
    "wellness__claim_count": ("wellness.function-claim", "wellness.detox-claim"),
    "mongering__fear_count": ("mongering.fear-appeal",),
    "mongering__unsourced_prevalence": (
        "mongering.prevalence-alarm",
        "mongering.unsourced-prevalence",
    ),
    "mongering__mongering_count": (
        "mongering.fear-appeal",
        "mongering.prevalence-alarm",
        "mongering.medicalising",
    ),
    "alternatives__alternative_mentions": ("alternatives.comparison",),
    "novelty__novelty_claims": ("novelty.unsupported-claim", "novelty.claim"),
    "novelty__unsupported_novelty": ("novelty.unsupported-claim",),
    "novelty__context_count": ("novelty.context",),
    "framing__conspiracy_count": ("framing.conspiracy",),
    "framing__exclamation_count": ("framing.exclamation",),
}
_SOURCE_RULES = tuple(
    f"citations.{r}"
    for r in ("named-source", "institution", "journal", "dated-study", "link", "study-id")
)
# Per-1,000-word rates: rate * max(words, 200) / 1000 == the number of findings.
RATES = {"hedging__hedge_rate": ("hedging.hedge",), "citations__source_rate": _SOURCE_RULES}
# 0/1 features: when on, at least one finding of these rules.
BINARY = {
    "costs__cost_stated": COUNTS["costs__cost_mentions"],
    "costs__price_stated": ("costs.price",),
    "costs__insurance_mentioned": ("costs.insurance",),
    "benefits__absolute_stated": ("benefits.absolute-risk",),
    "benefits__relative_only": ("benefits.relative-only",),
    "harms__harms_discussed": ("harms.discussed",),
    "harms__harms_compared": ("harms.quantified",),
    "commercial__any_cta": ("commercial.call-to-action",),
    "wellness__disclaimer": ("wellness.dshea-disclaimer",),
    "evidence__design_named": ("evidence.study-design",),
    "evidence__strong_design": ("evidence.study-design",),
    "evidence__sample_size_stated": ("evidence.sample-size",),
    "evidence__animal_as_human": ("evidence.animal-as-human",),
    "independence__independent_expert": ("independence.independent-expert",),
    "independence__editorial": ("independence.editorial",),
    "independence__funding_disclosed": ("independence.funding",),
    "independence__coi_disclosed": ("independence.conflict-of-interest",),
    "alternatives__alternatives_mentioned": ("alternatives.comparison",),
    "availability__availability_stated": ("availability.status",),
    "availability__approval_stated": ("availability.status",),
    "availability__trial_phase": ("availability.status",),
    "novelty__novelty_context": ("novelty.context",),
    "framing__release_reliance": ("framing.press-release",),
    "framing__clickbait_title": ("framing.clickbait-title",),
}
# Measures of the whole text rather than counts of phrases: the readability formulas and
# length, shares derived from counted features, and rates of function words ("but",
# "than") and of numbers, which only ever raise a score and would drown an editor in notes.
NOT_UNIT_COUNTS = {
    *(n for n in FEATURE_NAMES if n.startswith("readability__")),
    "hedging__hedge_share",
    "hedging__contrast_rate",
    "superlatives__unsupported_share",
    "citations__source_kinds",
    "citations__sourced_share",
    "benefits__quantified_outcomes",
    "alternatives__comparison_rate",
}

SYNTHETIC = [
    (
        (
            "Doctors hate this miracle cure! This tea cures cancer and reverses diabetes. It is "
            "clinically proven and 100% natural, with no side effects! Studies show it works. "
            "Millions of Americans suffer in silence and don't even know it: a silent killer. "
            "Low T? The world's first formula, a revolutionary breakthrough. Big Pharma "
            'doesn\'t want you to know. "I was cured in a week," says one happy customer. '
            "Order now and save 30%! Limited-time offer. Money-back guarantee. Call "
            "1-800-555-0199 today. It boosts your immune system and flushes out toxins.\n\n"
            "*These statements have not been evaluated by the Food and Drug Administration."
        ),
        "Miracle breakthrough cures diabetes!",
    ),
    (
        (
            "A daily pill modestly cut migraine days in a randomised, placebo-controlled trial "
            "of 820 adults, researchers reported in the New England Journal of Medicine. "
            "Migraine days fell from 8 to 4.1 a month on the drug, against 5.9 on placebo, an "
            "absolute difference of 1.8 days. Side effects were more common on the drug: 14% "
            'had constipation, compared with 3% on placebo. "The benefit is modest," said Dr. '
            "Anne Lee, a neurologist at the University of Michigan who was not involved in the "
            "study. The phase 3 trial was funded by the drugmaker; two authors disclosed "
            "conflicts of interest. In an accompanying editorial, Dr. Mark Cole called the "
            "result useful. The pill is approved by the FDA and costs about $900 a month; "
            "insurance may cover it. It may suit people for whom older drugs failed, compared "
            "with standard care. The study was small, and more research is needed. Earlier "
            "studies of similar drugs found the same."
        ),
        "Daily pill modestly cuts migraine days, trial finds",
    ),
    (
        (
            "A new study of 20,000 coffee drinkers shows that coffee prevents liver cancer. "
            "Drinking coffee reduces the risk of liver disease. The observational study, "
            "described in a press release, found that drinkers were 20% less likely to develop "
            "the disease. It is the world's first such study and a game-changer, experts agree."
        ),
        "You won't believe what coffee does to your liver",
    ),
    ("A new pill helps people lose weight. The pill was tested in rats.", None),
]


def _texts():
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".md":
            yield path.name, Document.from_markdown(path.read_text("utf-8"))
        elif path.suffix == ".txt":
            yield path.name, Document.from_text(path.read_text("utf-8"))
    for i, (text, title) in enumerate(SYNTHETIC):
        yield f"synthetic-{i}", Document.from_text(text, title=title)


CASES = list(_texts())


def _features_and_rules(doc: Document) -> tuple[dict[str, float], Counter]:
    features: dict[str, float] = {}
    rules: Counter = Counter()
    for signal in SIGNALS:
        values, findings = signal.analyze(doc)
        features.update({f"{signal.name}__{k}": v for k, v in values.items()})
        rules.update(f.rule for f in findings)
    return features, rules


def test_every_feature_is_classified():
    """A new feature must say which findings show what it counts (or why it counts none)."""
    classified = set(COUNTS) | set(RATES) | set(BINARY) | NOT_UNIT_COUNTS
    assert set(FEATURE_NAMES) == classified
    assert not NOT_UNIT_COUNTS & (set(COUNTS) | set(RATES) | set(BINARY))
    lowering = {
        n for s in SIGNALS for f in s.features if f.direction < 0 for n in [f"{s.name}__{f.name}"]
    }
    # Only a share of counted words may lower the score without findings of its own.
    assert lowering & NOT_UNIT_COUNTS == {"superlatives__unsupported_share"}


@pytest.mark.parametrize("name, doc", CASES, ids=[name for name, _ in CASES])
def test_counted_units_have_findings(name, doc):
    features, rules = _features_and_rules(doc)
    for feature, feature_rules in COUNTS.items():
        n = sum(rules[r] for r in feature_rules)
        assert round(math.expm1(features[feature])) == n, (feature, n)
    for feature, feature_rules in RATES.items():
        n = sum(rules[r] for r in feature_rules)
        assert features[feature] * max(doc.n_words, 200) / 1000 == pytest.approx(n), feature
    for feature, feature_rules in BINARY.items():
        if features[feature]:
            assert any(rules[r] for r in feature_rules), feature


def test_the_cases_exercise_every_counted_feature():
    """Not vacuous: every count, rate and 0/1 feature is non-zero in at least one case."""
    seen = set()
    for _, doc in CASES:
        features, _ = _features_and_rules(doc)
        seen.update(k for k, v in features.items() if v)
    assert set(COUNTS) | set(RATES) | set(BINARY) <= seen, sorted(
        (set(COUNTS) | set(RATES) | set(BINARY)) - seen
    )
