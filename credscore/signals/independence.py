"""Independence: independent sources, funding and conflicts of interest.

What it detects
    HealthNewsReview.org criterion 6 asks whether a story "uses independent sources and
    identifies conflicts of interest" (for news releases: "identifies funding sources and
    discloses conflicts of interest"). This family finds

    - an independent expert: a source "who was not involved in the study", "an outside expert",
      "an independent researcher";
    - an editorial or commentary on the study ("an accompanying editorial", "wrote in a
      commentary"), which journals invite from researchers outside it; not a newsroom's
      staff ("the editorial board");
    - a funding statement: "the study was funded by", "supported by a grant from the National
      Institutes of Health", "sponsored by", "paid for by", or "received no funding";
    - a conflict-of-interest disclosure: "is a consultant to", "has received fees from", "owns
      stock", "disclosed financial ties", "declared no competing interests", "holds a patent".

    A statement that there is no funding or no conflict is still a disclosure, so these phrases
    are not dropped when negated; a debunked one is. An independent expert counts even in a
    sentence with debunking words: the outside voice is often the one who calls a result
    "unproven". "Supported by" counts only before a named
    funder or a grant ("supported by the American Heart Association", not "supported by the
    data"); bare "funding" does not count ("funding cuts", "$400 million in research funding").

Sources of the rules
    HealthNewsReview.org review criteria, criterion 6; Schwitzer G. (2008) PLoS Med 5(5):e95;
    ICMJE Recommendations, "Disclosure of financial and non-financial relationships and
    activities, and conflicts of interest".

Examples
    Fires (independence.funding, independence.independent-expert): "The trial was funded by
    the National Institutes of Health. Dr. Lee, who was not involved in the study, called it
    careful work."
    Does not fire: "The claim is supported by the data, and funding cuts loom."
"""

from __future__ import annotations

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


_HNR = "HealthNewsReview.org review criterion 6 (independent sources, conflicts of interest)"
_ICMJE = "ICMJE Recommendations, disclosure of relationships and conflicts of interest"

RULES = (
    Rule(
        "independence.independent-expert",
        "info",
        "raises",
        "An expert who had no part in the study comments on it.",
        f"{_HNR}; Schwitzer G. (2008) PLoS Med 5(5):e95",
    ),
    Rule(
        "independence.editorial",
        "info",
        "raises",
        "The text reports an editorial or commentary on the study, an outside view of it.",
        _HNR,
    ),
    Rule(
        "independence.funding",
        "info",
        "raises",
        "The text says who paid for the study or product.",
        f"{_HNR}; {_ICMJE}",
    ),
    Rule(
        "independence.conflict-of-interest",
        "info",
        "raises",
        "The text discloses financial ties of the researchers or sources (or says there are none).",
        f"{_HNR}; {_ICMJE}",
    ),
)

FEATURES = (
    Feature("independent_expert", 1, "1 when an independent expert is quoted, else 0."),
    Feature(
        "editorial", 1, "1 when the text reports an editorial or commentary on the study, else 0."
    ),
    Feature("funding_disclosed", 1, "1 when the text states who funded the work, else 0."),
    Feature("coi_disclosed", 1, "1 when the text discloses conflicts of interest, else 0."),
)

_MATCHER = PhraseMatcher.from_lexicons(
    {
        "expert": "independence_experts",
        "editorial": "independence_editorials",
        "coi": "independence_coi",
        "funding": "independence_funding",
    }
)
_KIND = _MATCHER.kinds

# After "supported by": a funder or a grant, not evidence ("supported by the data").
_FUNDING_WORDS = _wordset(
    "grant grants funding funds funded award awards nih a an contributions donations gifts "
    "fellowship fellowships"
)
_NOT_FUNDER = _wordset(
    "data evidence findings results research studies study science literature facts"
)
# After "an editorial" / "a commentary": a newsroom's staff, not a piece on the study.
_NOT_EDITORIAL = _wordset(
    "board boards staff director directors team page pages independence content policy "
    "department writer writers assistant decision decisions standards guidelines office offices"
)
_RULE = {
    "expert": "independence.independent-expert",
    "editorial": "independence.editorial",
    "funding": "independence.funding",
    "coi": "independence.conflict-of-interest",
}
_MESSAGE = {
    "expert": "Independent source: '{t}'. An expert with no stake in the study helps readers "
    "weigh it.",
    "editorial": "Editorial or commentary: '{t}'. An outside view of the study helps readers "
    "weigh it.",
    "funding": "Funding stated: '{t}'. Readers can see who paid for the work.",
    "coi": "Conflict-of-interest disclosure: '{t}'. Readers can see the ties of those involved.",
}


def _supported_by_funder(doc: Document, stop: int) -> bool:
    """True when the words after "supported by" name a funder or a grant."""
    words, starts = doc.words, doc.token_starts
    j = stop
    while j < len(words) and j < stop + 3 and words[j] in ("the", "a", "an", "in", "part"):
        if words[j] in ("a", "an"):
            return True  # "supported by a grant", "supported by an award"
        j += 1
    if j >= len(words) or doc.token_sentence[j] != doc.token_sentence[stop - 1]:
        return False
    word = words[j]
    if word in _FUNDING_WORDS:
        return True
    if word in _NOT_FUNDER:
        return False
    return doc.text[starts[j]].isupper()  # a named funder


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the independence features and findings for ``doc``."""
    words, starts, ends = doc.words, doc.token_starts, doc.token_ends
    matches = _MATCHER.finditer(doc)
    debunked = debunking_sentences(doc) if matches else frozenset()
    found: dict[str, list[tuple[int, int]]] = {
        "expert": [],
        "editorial": [],
        "funding": [],
        "coi": [],
    }
    for first, stop, phrase in matches:
        kind = _KIND[phrase]
        sent = doc.token_sentence[first]
        if sent in debunked and kind not in ("expert", "editorial"):
            continue  # an outside voice that calls the result "unproven" is still one
        if kind == "editorial" and stop < len(words) and words[stop] in _NOT_EDITORIAL:
            continue  # "the editorial board"
        if "supported" in phrase:
            # "supported by" must name a funder or a grant, not "the data"; "the study was
            # supported" is followed by "by ..." or "with grants from ...".
            after = stop + 1 if stop < len(words) and words[stop] == "by" else stop
            if words[after - 1] == "by" and not _supported_by_funder(doc, after):
                continue
        found[kind].append((starts[first], ends[stop - 1]))

    findings: list[Finding] = []
    for kind, spans in found.items():
        if not spans:
            continue
        start, end = spans[0]  # the first mention of each kind is enough for an editor
        shown = doc.text[start:end]
        findings.append(
            doc.finding(_RULE[kind], start, end, _MESSAGE[kind].format(t=shown), "info")
        )
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    features = {
        "independent_expert": 1.0 if found["expert"] else 0.0,
        "editorial": 1.0 if found["editorial"] else 0.0,
        "funding_disclosed": 1.0 if found["funding"] else 0.0,
        "coi_disclosed": 1.0 if found["coi"] else 0.0,
    }
    return features, findings


SIGNAL = Signal(name="independence", features=FEATURES, rules=RULES, analyze=analyze)
