"""Novelty: claims that something is new, and the context that shows how new it really is.

What it detects
    HealthNewsReview.org criterion 9 asks whether a story establishes the TRUE novelty of a
    treatment, test or idea. Many "new" things are variations on old ones. Two kinds of phrase:

    - novelty claims that sell newness ("world's first", "first-ever", "never before", "new
      hope", "a new era", "brand-new", "completely new", "changes everything", "rewrite the
      textbooks"). A claim is a red flag when the article gives no context anywhere: nothing
      about earlier studies, similar drugs, earlier approvals or versions. The hype words of
      the superlatives family ("breakthrough", "revolutionary", "first of its kind",
      "unprecedented") are not counted again here.
    - novelty context, which raises credibility: "builds on earlier work", "previous studies
      have shown", "similar drugs are already on the market", "the drug is already approved
      for", "this class of drugs", "a newer version of", "was first approved in 2012", "the
      idea is not new".

    Factual, checkable firsts ("the first study to", "for the first time") are not claims here:
    in the HealthRelease verdicts they go with releases that do establish novelty. Negated or
    debunked claims ("this is not a new era", "the myth that it is the world's first") and
    claims in scare quotes are skipped.

Sources of the rules
    HealthNewsReview.org review criterion 9, "Does the story establish the true novelty of the
    approach?"; Schwitzer G. (2008) "How do US journalists cover treatments, tests, products,
    and procedures?", PLoS Medicine 5(5):e95; Sumner P. et al. (2014), BMJ 349:g7015, on
    exaggeration in academic press releases.

Examples
    Fires (novelty.unsupported-claim): "The world's first smart pill brings new hope to
    patients."
    With context, the claim is an info note (novelty.claim) beside novelty.context: "The
    world's first smart pill of this kind builds on earlier work with similar drugs."
"""

from __future__ import annotations

import math

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]

_MATCHER = PhraseMatcher.from_lexicons({"context": "novelty_context", "claim": "novelty_claims"})
_KIND = _MATCHER.kinds

RULES = (
    Rule(
        "novelty.unsupported-claim",
        "warning",
        "lowers",
        "A claim of newness ('world's first', 'never before', 'new hope', 'a new era') in an "
        "article that says nothing about what came before.",
        load_lexicon("novelty_claims").source,
    ),
    Rule(
        "novelty.claim",
        "info",
        "lowers",
        "A claim of newness in an article that does give context on what came before: it "
        "still counts against the article, less than an unsupported one.",
        load_lexicon("novelty_claims").source,
    ),
    Rule(
        "novelty.context",
        "info",
        "raises",
        "The article places the result among earlier work, similar drugs, earlier approvals or "
        "versions ('builds on earlier work', 'already approved for', 'this class of drugs').",
        load_lexicon("novelty_context").source,
    ),
)

FEATURES = (
    Feature("novelty_claims", -1, "log1p of the number of novelty claims (asserted)."),
    Feature(
        "unsupported_novelty",
        -1,
        "log1p of the number of novelty claims in an article with no novelty context.",
    ),
    Feature("novelty_context", 1, "1 when the article places the result in context, else 0."),
    Feature("context_count", 1, "log1p of the number of novelty-context phrases."),
)

_CLAIM_MESSAGE = (
    "'{t}' sells the result as new, but the article says nothing about what came before "
    "(earlier studies, similar drugs, earlier versions or approvals). Say how new it really is."
)
_PLACED_MESSAGE = (
    "'{t}' sells the result as new. The article does say what came before; check that the "
    "claim is as new as it says."
)
_CONTEXT_MESSAGE = (
    "'{t}' places the result among earlier work or existing products (HealthNewsReview "
    "criterion 9). Good practice: keep it."
)


def _scare_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in "\"'" and text[end : end + 1] in ('"', "'")


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find novelty claims and novelty context; return features and findings."""
    text, starts, ends = doc.text, doc.token_starts, doc.token_ends
    claims: list[tuple[int, int]] = []
    contexts: list[tuple[int, int]] = []
    debunked: frozenset[int] | None = None
    for first, stop, phrase in _MATCHER.finditer(doc):
        start, end = starts[first], ends[stop - 1]
        if _KIND[phrase] == "context":
            contexts.append((start, end))
            continue
        if debunked is None:
            debunked = debunking_sentences(doc)
        if doc.token_sentence[first] in debunked or is_negated(doc, first):
            continue
        if _scare_quoted(text, start, end):
            continue
        claims.append((start, end))

    findings: list[Finding] = []
    for start, end in claims:
        if contexts:
            message = _PLACED_MESSAGE.format(t=text[start:end])
            findings.append(doc.finding("novelty.claim", start, end, message, "info"))
        else:
            message = _CLAIM_MESSAGE.format(t=text[start:end])
            findings.append(
                doc.finding("novelty.unsupported-claim", start, end, message, "warning")
            )
    for start, end in contexts:
        message = _CONTEXT_MESSAGE.format(t=text[start:end])
        findings.append(doc.finding("novelty.context", start, end, message, "info"))
    findings.sort(key=lambda f: f.start)

    n_claims = len(claims)
    features = {
        "novelty_claims": math.log1p(n_claims),
        "unsupported_novelty": 0.0 if contexts else math.log1p(n_claims),
        "novelty_context": 1.0 if contexts else 0.0,
        "context_count": math.log1p(len(contexts)),
    }
    return features, findings


SIGNAL = Signal(name="novelty", features=FEATURES, rules=RULES, analyze=analyze)
