"""Harms: does the text explain the side effects and risks, or promise there are none?

What it detects
    Discussion of harms, HealthNewsReview.org criterion 3: side effects, adverse events,
    complications, toxicity, the risks of the intervention, stopping treatment because of side
    effects, the harms of tests (false positives, overdiagnosis, radiation), and named harms
    ("nausea", "headaches", "bleeding", "infection") when their sentence is about harm
    ("the most common side effects were nausea and headache", "5 percent had bleeding").
    Saying a harm did not occur is discussion too: negation is not applied to harm words, and
    "no serious side effects were reported in the trial" counts. A harm given as a rate ("9%
    had nausea", "12 of 200 patients") is quantified (``harms.quantified``, one per sentence),
    and rates in both groups of a comparison ("14% on the drug, compared with 3% on placebo")
    are what a careful trial report gives.

    Its red flag is the absence or denial of harm as a promise ("no side effects!", "completely
    safe", "100% safe", "totally harmless", "natural and safe"), an FDA health-fraud tip-off.
    The measurable difference between a trial result and a sales promise, for the "no side
    effects" family of phrases: the phrase is a trial result when its sentence reports an
    observation (a reporting verb such as "reported", "observed", "occurred", "found", "seen";
    a study word such as "trial", "study", "participants", "patients", "group"; or a number)
    and carries none of the marks of a promise (an exclamation mark, "you/your", "natural",
    "guaranteed", an intensifier such as "completely", "totally", "100%", "absolutely"). A
    phrase that is absolute in itself ("completely safe", "100% safe", "totally harmless")
    is always a claim. Negated claims ("no drug is completely safe", "not without side
    effects": the latter is a harm statement), questions, claims in debunking sentences
    ("the myth that it is completely safe") and claims credited to someone else ("completely
    safe, according to the company, but independent experts were not so sure") do not fire:
    they are not the writer's promise.

Sources of the rules
    HealthNewsReview.org review criteria, criterion 3 "Does the story adequately explain/quantify
    the harms of the intervention?"; Moynihan R. et al. (2000) "Coverage by the news media of the
    benefits and risks of medications", N Engl J Med 342:1645-50; FDA "Health Fraud Scams"
    tip-offs ("no side effects", "completely safe", "all natural").

Examples
    Fires (harms.discussed): "The most common side effects were nausea and headache."
    Fires (harms.no-side-effects): "This natural remedy has no side effects!"
    Does not fire as a red flag: "No side effects were reported among the 40 participants."
"""

from __future__ import annotations

import math
import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, sentence_words
from credscore.signals.context import debunking_sentences, is_negated, sentence_has
from credscore.signals.voice import attributed

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """The space-separated words of ``words``, as a set."""
    return frozenset(words.split())


_HNR = (
    "HealthNewsReview.org review criterion 3, 'Does the story adequately explain/quantify the "
    "harms of the intervention?'"
)
_MOYNIHAN = "Moynihan et al., N Engl J Med 2000;342:1645-50"
_FDA = "FDA, Health Fraud Scams tip-offs"

RULES = (
    Rule(
        "harms.discussed",
        "info",
        "raises",
        "The text discusses harms: side effects, adverse events, complications, risks of the "
        "intervention, or a trial's safety result.",
        f"{_HNR}; {_MOYNIHAN}",
    ),
    Rule(
        "harms.quantified",
        "info",
        "raises",
        "A harm is given as a rate ('9% had nausea', '12 of 200 patients'), in both groups "
        "where there is a comparison.",
        f"{_HNR}; {_MOYNIHAN}",
    ),
    Rule(
        "harms.no-side-effects",
        "error",
        "lowers",
        "A promise that there are no side effects or that the product is completely safe; "
        "every effective treatment has possible harms.",
        f"{_FDA}; {_HNR}",
    ),
)

# The data holds no sales pages, so it cannot teach what a "no side effects!" promise should
# cost; the floor is the least weight the model must give it.
FEATURES = (
    Feature("harms_discussed", 1, "1 when the text discusses harms at all, else 0."),
    Feature("harm_mentions", 1, "log1p of the number of harm mentions."),
    Feature(
        "harms_quantified",
        1,
        "log1p of the number of sentences that give a harm as a rate ('9% had nausea', '12 of "
        "200 patients').",
    ),
    Feature(
        "harms_compared",
        1,
        "1 when a sentence gives harm rates in both groups of a comparison ('14% on the drug, "
        "compared with 3% on placebo'), else 0.",
    ),
    Feature(
        "safety_claim",
        -1,
        "log1p of the number of promises of no side effects or of complete safety.",
        floor=0.6,
    ),
)

# --------------------------------------------------------------------------- lexicons

_MATCHER = PhraseMatcher.from_lexicons(
    {"claim": "harms_safety_claims", "harm": "harms_terms", "symptom": "harms_symptoms"}
)
_KIND = _MATCHER.kinds
# Phrases of the "no side effects" family: a red flag only as a promise (see the docstring).
_NIL = frozenset(
    p
    for p in load_lexicon("harms_safety_claims")
    if p.split()[0] in {"no", "zero", "without"} or "free" in p.split()
)

# A named harm counts only in a sentence about harm: one of these words, or a harm word.
# ("include", "cause" and "common" are left out: "symptoms include headache and nausea",
# "shingles is an infection caused by a virus" describe a disease, not a harm.)
_HARM_CONTEXT = _wordset(
    "experienced experience experiencing reported reports developed develop suffered occurred "
    "occur occurs mild moderate severe serious transient temporary rare rarely risk risks risked "
    "harm harms dangerous"
)
# A harm word right after one of these is a selling point of the new treatment ("fewer side
# effects", "without the toxicity of chemotherapy"), not an account of its harms.
_MINIMISING = _wordset(
    "fewer less lower reduce reduced reduces reducing minimal minimize minimise minimizing without "
    "avoid avoids avoiding spare spares sparing limited"
)
# Words that make a "no side effects" phrase a report of an observation.
_REPORT = _wordset(
    "reported observed seen occurred found noted recorded detected experienced documented "
    "identified trial trials study studies participants patients subjects volunteers group groups "
    "arm during serious significant major severe shown showed tolerated follow far"
)
# Words that make it a promise.
_PROMISE = _wordset(
    "you your you'll you're yourself natural naturally guaranteed guarantee completely totally "
    "absolutely entirely perfectly ever whatsoever"
)
_DIGIT = re.compile(r"\d")
# A rate or a count out of a group: "14%", "9 percent", "12 of 200", "1 in 10", "(11/16)".
_RATE = re.compile(
    r"\d(?:[\d,]{0,6})(?:\.\d{1,2})? ?(?:%|percent\b|per cent\b)"
    r"|\b(?:\d[\d,]{0,6}|one|two|three|four|five|six|seven|eight|nine|ten) (?:of|in|out of) "
    r"(?:the |every |all )?(?:\d[\d,]{0,6}|ten|a hundred|a thousand)\b"
    r"|\(\d{1,5}/\d{1,6}\)"
)
# Words that make two rates in a sentence the two groups of a comparison.
_COMPARE = _wordset(
    "vs versus compared comparison than whereas while against respectively placebo control "
    "controls group groups arm arms"
)

_MESSAGES = {
    "harm": "Discusses harms: '{t}'. Keep it: readers need the side effects and risks "
    "(HealthNewsReview criterion 3), with numbers where possible.",
    "claim": "'{t}' promises the product is free of harm. Every effective treatment has "
    "possible side effects: state the known harms and how often they occur.",
}
_RULE = {"harm": "harms.discussed", "claim": "harms.no-side-effects"}
_SEVERITY = {"harm": "info", "claim": "error"}


# --------------------------------------------------------------------------- detection


def _has_number(doc: Document, sent: int) -> bool:
    """True when sentence ``sent`` holds a digit (memoised)."""
    memo = doc._memo.setdefault("harms_sentence_number", {})
    found = memo.get(sent)
    if found is None:
        s_start, s_end = doc.sentences[sent]
        found = memo[sent] = _DIGIT.search(doc.text, s_start, s_end) is not None
    return found


def _rates(doc: Document, sent: int) -> list[tuple[int, int]]:
    """The rates and counts out of a group in sentence ``sent`` (memoised)."""
    memo = doc._memo.setdefault("harms_sentence_rates", {})
    found = memo.get(sent)
    if found is None:
        found = []
        if _has_number(doc, sent):
            s_start, s_end = doc.sentences[sent]
            found = [m.span() for m in _RATE.finditer(doc.lower, s_start, s_end)]
        memo[sent] = found
    return found


def _minimised(doc: Document, first: int, sent: int) -> bool:
    """True when one of the 3 words before token ``first`` (same sentence) sells the harm as
    avoided: "fewer side effects", "without the toxicity"."""
    words = doc.words
    for j in range(first - 1, max(first - 3, 0) - 1, -1):
        if doc.token_sentence[j] != sent:
            break
        if words[j] in _MINIMISING:
            return True
    return False


def _is_promise(doc: Document, sent: int) -> bool:
    """True when a "no side effects" phrase in sentence ``sent`` reads as a promise rather
    than a trial's safety result."""
    words = sentence_words(doc, sent)
    if sentence_has(doc, sent, "!", lower=False) or words & _PROMISE:
        return True
    return not (words & _REPORT or _has_number(doc, sent))


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find harm discussion and promises of no side effects."""
    starts, ends = doc.token_starts, doc.token_ends
    text = doc.text
    hits: list[tuple[int, int, str]] = []
    harm_sentences: set[int] = set()
    debunked: frozenset[int] | None = None

    for first, stop, phrase in _MATCHER.finditer(doc):
        kind = _KIND[phrase]
        sent = doc.token_sentence[first]
        start, end = starts[first], ends[stop - 1]
        if kind == "symptom":  # a named harm, in a harm context only
            words = sentence_words(doc, sent)
            explicit = "side" in words or "adverse" in words
            if not explicit and ("symptoms" in words or "symptom" in words):
                continue  # "other symptoms include headache": the disease's symptoms
            if not (explicit or words & _HARM_CONTEXT):
                continue  # "bleeding" in a study of a bleeding disorder
            kind = "harm"
        if kind == "harm":
            if _minimised(doc, first, sent):
                continue  # "fewer side effects": a selling point, not an account of harms
        else:  # a safety claim
            if is_negated(doc, first, 4):
                # "no drug is completely safe"; "not without side effects" admits harms.
                if phrase in _NIL:
                    hits.append((start, end, "harm"))
                continue
            if debunked is None:
                debunked = debunking_sentences(doc)
            s_end = doc.sentences[sent][1]
            if sent in debunked or text[s_end - 1 : s_end] == "?":
                continue
            if phrase in _NIL and not _is_promise(doc, sent):
                kind = "harm"  # "no side effects were reported in the trial"
            elif attributed(doc, start, end):
                continue  # someone else's promise: "completely safe, according to the company"
        if kind == "harm":
            harm_sentences.add(sent)
        hits.append((start, end, kind))

    counts = {"harm": 0, "claim": 0}
    findings: list[Finding] = []
    for start, end, kind in hits:
        counts[kind] += 1
        findings.append(
            doc.finding(
                _RULE[kind],
                start,
                end,
                _MESSAGES[kind].format(t=text[start:end]),
                _SEVERITY[kind],
            )
        )

    # Harms given as rates: one finding per sentence, spanning its rates.
    n_quantified = compared = 0
    for sent in sorted(harm_sentences):
        rates = _rates(doc, sent)
        if not rates:
            continue
        n_quantified += 1
        both = len(rates) >= 2 and bool(sentence_words(doc, sent) & _COMPARE)
        compared = compared or both
        start, end = rates[0][0], rates[-1][1]
        shown = text[start:end] if end - start <= 80 else text[start : start + 77] + "..."
        findings.append(
            doc.finding(
                "harms.quantified",
                start,
                end,
                f"Gives the harm as a rate: '{shown}'"
                + (", in both groups" if both else "")
                + ". Keep it: numbers let readers weigh the harms against the benefits.",
                "info",
            )
        )
    findings.sort(key=lambda f: (f.start, f.end))

    features = {
        "harms_discussed": 1.0 if counts["harm"] else 0.0,
        "harm_mentions": math.log1p(counts["harm"]),
        "harms_quantified": math.log1p(n_quantified),
        "harms_compared": 1.0 if compared else 0.0,
        "safety_claim": math.log1p(counts["claim"]),
    }
    return features, findings


SIGNAL = Signal(name="harms", features=FEATURES, rules=RULES, analyze=analyze)
