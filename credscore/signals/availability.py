"""Availability: can patients get the treatment, test or product, and when?

What it detects
    HealthNewsReview.org criterion 8 asks whether a story "establishes the availability of the
    treatment, test, product or procedure": is it approved, on the market, by prescription or
    over the counter, still in trials, or years away? This family finds

    - regulatory status: "FDA-approved", "approved by the FDA", "not yet approved", "awaiting
      approval", "cleared by the FDA", "breakthrough therapy designation";
    - market status: "available by prescription", "over the counter", "on the market", "not yet
      available", "could be years away", "expected to be available in 2026", "commercially
      available";
    - the trial phase: "a phase 2 trial", "phase III", "Phase I/II study".

    A negated status is still a status ("is not yet available", "has not been approved" are
    exactly what readers need), so negation does not remove a match; a mention inside a
    debunked claim does. "Available" needs a product subject or a time ("data are available"
    and "information is available" do not count), and "phase" needs a number and a trial
    nearby ("the first phase of the project" does not count).

Sources of the rules
    HealthNewsReview.org review criteria, criterion 8; Schwitzer G. (2008) PLoS Med 5(5):e95.

Examples
    Fires (availability.status): "The drug is not yet approved and could be years away; a
    phase 3 trial starts in May."
    Does not fire: "More information is available on the website." and "Financing is
    available." (a service of the clinic, not the treatment)
"""

from __future__ import annotations

import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


RULES = (
    Rule(
        "availability.status",
        "info",
        "raises",
        "The text says whether the treatment, test or product is approved, on the market, "
        "still in trials (and which phase) or years away.",
        load_lexicon("availability_approval").source,
    ),
)

FEATURES = (
    Feature(
        "availability_stated",
        1,
        "1 when the text states approval or market status (approved, by prescription, on the "
        "market, not yet available, years away), else 0.",
    ),
    Feature("approval_stated", 1, "1 when the text states a regulatory status, else 0."),
    Feature("trial_phase", 1, "1 when the text names the trial phase, else 0."),
)

_MATCHER = PhraseMatcher.from_lexicons(
    {"approval": "availability_approval", "market": "availability_market"}
)
_KIND = _MATCHER.kinds

# "available" phrases that need a product as subject: "data are available", "copies of the
# release are available online" and "Dr. Lee is available for interviews" are press-office
# boilerplate, not about patients getting a treatment.
_NOT_PRODUCT_BEFORE = _wordset(
    "data information details results evidence resources funding video videos photo photos "
    "image images slides b roll abstract paper papers study studies article articles editorial "
    "report reports records samples staff copies copy materials releases release files filings "
    "list replay webcast recording disclosures manuscript interview interviews author authors "
    "investigator researchers spokesperson comment "
    # services of a clinic or shop: "financing is available", "free parking is available"
    "financing finance payment payments plans plan parking appointments appointment "
    "consultations consultation discounts discount coupons shipping delivery credit loans "
    "loan support help counseling counselling transport transportation accommodation "
    "interpreters translation"
)
_NOT_PRODUCT_AFTER = _wordset("online here for to upon free pre via as in")
# ... unless the words after say who can get it ("available to patients", "for use").
_PRODUCT_AFTER = _wordset(
    "patients patient consumers doctors physicians clinicians use prescription purchase sale a "
    "an treatment people women men children adults hospitals clinics pharmacies the"
)
_WEB = _wordset("http https www website site web com org download downloads media")

_PHASE = re.compile(
    r"\b[Pp]hase[ -](?:[1-4][ABab]?|I{1,3}[ABab]?|IV|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our)"
    r"(?:/(?:[1-4][ABab]?|I{1,3}[ABab]?))?\b"
)
_TRIAL_NEAR = re.compile(r"\b(?:trials?|stud(?:y|ies)|testing|clinical|data|results)\b")

_MESSAGE = {
    "approval": "Regulatory status stated: '{t}'. Readers learn whether they can get it.",
    "market": "Availability stated: '{t}'. Readers learn whether and when they can get it.",
    "phase": "Trial phase stated: '{t}'. Readers learn how far the product is from use.",
}


def _product_available(doc: Document, first: int, stop: int) -> bool:
    """False when an "available" phrase is about press material or people to interview
    ("copies are available online", "Dr. Lee is available for interviews")."""
    words = doc.words
    sent = doc.token_sentence[first]
    for j in range(first - 1, max(first - 4, 0) - 1, -1):
        if doc.token_sentence[j] != sent:
            break
        if words[j] in _NOT_PRODUCT_BEFORE:
            return False
    s_end = doc.sentences[sent][1]
    following = zip(words[stop : stop + 8], doc.token_starts[stop : stop + 8])
    after = [word for word, start in following if start < s_end]
    if any(w in _WEB for w in after):
        return False
    if after and after[0] in _NOT_PRODUCT_AFTER:
        return len(after) > 1 and (after[1] in _PRODUCT_AFTER or after[1][0].isdigit())
    return True


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the availability features and findings for ``doc``."""
    starts, ends = doc.token_starts, doc.token_ends
    matches = _MATCHER.finditer(doc)
    phases = []
    if "hase" in doc.text:
        for m in _PHASE.finditer(doc.text):
            window = doc.lower[m.end() : m.end() + 40]
            before = doc.lower[max(m.start() - 25, 0) : m.start()]
            if _TRIAL_NEAR.search(window) or _TRIAL_NEAR.search(before):
                phases.append((m.start(), m.end()))
    debunked = debunking_sentences(doc) if matches or phases else frozenset()

    found: dict[str, list[tuple[int, int]]] = {"approval": [], "market": [], "phase": []}
    for first, stop, phrase in matches:
        if doc.token_sentence[first] in debunked:
            continue
        if "available" in phrase and not _product_available(doc, first, stop):
            continue
        found[_KIND[phrase]].append((starts[first], ends[stop - 1]))
    for start, end in phases:
        if doc.sentence_at(start) not in debunked:
            found["phase"].append((start, end))

    findings: list[Finding] = []
    for kind, spans in found.items():
        if spans:
            start, end = spans[0]
            findings.append(
                doc.finding(
                    "availability.status",
                    start,
                    end,
                    _MESSAGE[kind].format(t=doc.text[start:end]),
                    "info",
                )
            )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    features = {
        "availability_stated": 1.0 if found["approval"] or found["market"] else 0.0,
        "approval_stated": 1.0 if found["approval"] else 0.0,
        "trial_phase": 1.0 if found["phase"] else 0.0,
    }
    return features, findings


SIGNAL = Signal(name="availability", features=FEATURES, rules=RULES, analyze=analyze)
