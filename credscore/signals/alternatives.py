"""Alternatives: does the text compare the new approach with what already exists?

What it detects
    HealthNewsReview.org criterion 7 asks whether a story "compares the new approach with
    existing alternatives": how does the new drug, test or procedure stand against the standard
    of care, current treatments, other options or doing nothing different? This family finds
    those comparisons: "compared with standard treatment", "current treatments", "existing
    drugs", "the standard of care", "other options include", "alternatives such as", "unlike
    existing tests", "as effective as", "versus".

    A comparison with placebo, sham or no treatment ("better than placebo", "compared with a
    sugar pill") shows that something works at all; that is evidence (criterion 4), not an
    alternative, and is not counted. Negated or debunked mentions ("there are no other
    options" is still a statement about alternatives and counts; "the myth that it works better
    than chemotherapy" does not) follow the shared context rules.

    It also measures how comparative the writing is: comparative words ("compared", "than",
    "the same", "difference", "versus") per 1,000 words, whatever they compare (a group
    against a control, a risk against a baseline, one option against another). That rate has
    no findings of its own.

Sources of the rules
    HealthNewsReview.org review criteria, criterion 7; Schwitzer G. (2008) PLoS Med 5(5):e95.

Examples
    Fires (alternatives.comparison): "The implant worked as well as standard treatment with
    statins."
    Does not fire: "Patients on the drug did better than those on placebo."
"""

from __future__ import annotations

import math

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, per_1k_words
from credscore.signals.context import debunking_sentences

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


RULES = (
    Rule(
        "alternatives.comparison",
        "info",
        "raises",
        "The text compares the approach with existing alternatives (standard care, current "
        "treatments, other options).",
        load_lexicon("alternatives_comparisons").source,
    ),
)

FEATURES = (
    Feature(
        "alternatives_mentioned",
        1,
        "1 when the text compares the approach with an existing alternative, else 0.",
    ),
    Feature(
        "alternative_mentions",
        1,
        "log1p of the number of sentences that compare with an alternative.",
    ),
    Feature(
        "comparison_rate",
        1,
        "Comparative words ('compared', 'than', 'the same', 'versus') per 1,000 words.",
    ),
)

_MATCHER = PhraseMatcher.from_lexicons({"alt": "alternatives_comparisons"})
_PLACEBO = PhraseMatcher(load_lexicon("alternatives_placebo"))
_COMPARATIVES = PhraseMatcher(load_lexicon("alternatives_comparatives"))


# Comparison words that can also compare groups of one study ("compared with those who did not
# exercise", "versus the control group"): then they are not about an alternative.
_OPERATORS = frozenset(
    [
        "compared with",
        "compared to",
        "comparison with",
        "versus",
        "vs",
        "better than",
        "worse than",
        "rather than",
        "more effective than",
        "less effective than",
        "comparable to",
        "superior to",
        "inferior to",
    ]
)
_GROUP_WORDS = _wordset(
    "those who control controls people participants patients individuals women men children "
    "adults non nonusers others their baseline younger older healthy"
)


def _group_comparison(doc: Document, stop: int, window: int = 3) -> bool:
    """True when the words after a comparison name a group of the study, not a treatment."""
    words = doc.words
    sent = doc.token_sentence[stop - 1]
    for j in range(stop, min(stop + window, len(words))):
        if doc.token_sentence[j] != sent:
            break
        word = words[j]
        if word in _GROUP_WORDS or word[0].isdigit():
            return True  # a group of the study, or a number ("compared with 2.1 percent")
    return False


def _against_placebo(doc: Document, stop: int, placebo: set[int], window: int = 4) -> bool:
    """True when a placebo, sham or no-treatment phrase starts within ``window`` words after
    token ``stop`` in the same sentence ("better than a placebo", "compared with untreated
    mice"); ``placebo`` holds the first token of every such phrase."""
    sent = doc.token_sentence[stop - 1]
    for j in range(stop, min(stop + window, len(doc.words))):
        if doc.token_sentence[j] != sent:
            break
        if j in placebo:
            return True
    return False


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the alternatives features and findings for ``doc``."""
    starts, ends = doc.token_starts, doc.token_ends
    matches = _MATCHER.finditer(doc)
    debunked = debunking_sentences(doc) if matches else frozenset()
    placebo = {m.first for m in _PLACEBO.finditer(doc)} if matches else set()
    spans: list[tuple[int, int]] = []
    for first, stop, phrase in matches:
        if doc.token_sentence[first] in debunked or _against_placebo(doc, stop, placebo):
            continue
        if phrase in _OPERATORS and _group_comparison(doc, stop):
            continue
        spans.append((starts[first], ends[stop - 1]))

    # One finding per sentence that compares (at its first comparison): the feature counts
    # sentences, and each counted sentence is shown.
    findings: list[Finding] = []
    compared: set[int] = set()
    for start, end in spans:
        sentence = doc.sentence_at(start)
        if sentence in compared:
            continue
        compared.add(sentence)
        findings.append(
            doc.finding(
                "alternatives.comparison",
                start,
                end,
                f"Compares with existing options: '{doc.text[start:end]}'. Readers can weigh "
                "the new approach against what is already available.",
                "info",
            )
        )
    features = {
        "alternatives_mentioned": 1.0 if spans else 0.0,
        "alternative_mentions": math.log1p(len(compared)),
        "comparison_rate": per_1k_words(len(_COMPARATIVES.finditer(doc)), doc),
    }
    return features, findings


SIGNAL = Signal(name="alternatives", features=FEATURES, rules=RULES, analyze=analyze)
