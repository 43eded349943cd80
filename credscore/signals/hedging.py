"""Hedges, limitation statements and boosters: is the certainty of the writing calibrated?

Good health writing matches its confidence to its evidence. It hedges tentative results ("may",
"suggests", "is associated with") and says what limits the evidence ("a small study", "in mice",
"more research is needed", "the study does not prove cause"). Overconfident writing uses boosters
that close down doubt ("clearly", "proves", "definitely", "guaranteed").

It also measures balance: contrast connectives ("but", "however", "although", "yet") per 1,000
words, the mark of a text that sets a result against its limits, its harms or its critics
(denser in high-rated stories). They are a rate, with no findings of their own.

Hedges, limitation statements and contrast raise credibility; boosters lower it. The hedge and
booster lists are kept strictly apart. Context filters keep the signal honest:

- "May" the month ("in May 2019", "5 May") and "might" the noun ("with all its might") are not
  hedges, nor is an aside to the reader ("Maybe you still remember", "you may have heard").
- A negated booster is not a booster ("not clearly", "the study does not prove"); the latter is a
  limitation statement instead. "prove" after "to", "may", "yet" ... ("needed to prove",
  "may prove useful") is not a booster either, nor is manner "clearly" ("clearly labelled").
- A booster inside a claim the article reports in order to reject it ("the myth that garlic
  definitely cures colds") does not fire.

Sources: Hyland K. (2005) *Metadiscourse*, appendix lists of hedges and boosters; Hyland K. (1998)
*Hedging in Scientific Research Articles*; HealthNewsReview.org review criterion 4 (quality of the
evidence); FDA "Health Fraud Scams" tip-offs (for "guaranteed", "scientifically proven").

Fires (``hedging.booster``)::

    This supplement clearly proves that inflammation can be reversed.

Does not fire as a booster (a hedge and a limitation instead)::

    The results suggest a benefit, but the study does not prove cause and effect.
"""

from __future__ import annotations

import math

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, per_1k_words
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["SIGNAL", "RULES", "FEATURES", "analyze"]

# One matcher for the three lists (one pass over the tokens); the longest phrase wins, so
# "does not prove" is a limitation, never the booster "prove".
_MATCHER = PhraseMatcher.from_lexicons(
    {"hedge": "hedging_hedges", "limitation": "hedging_limitations", "booster": "hedging_boosters"}
)
_KIND = _MATCHER.kinds

RULES = (
    Rule(
        "hedging.hedge",
        "info",
        "raises",
        "A hedge marks a claim as tentative (calibrated uncertainty).",
        load_lexicon("hedging_hedges").source,
    ),
    Rule(
        "hedging.limitation",
        "info",
        "raises",
        "The text states a limit of the evidence (study size or design, animal or lab "
        "results, need for more research, association is not cause).",
        load_lexicon("hedging_limitations").source,
    ),
    Rule(
        "hedging.booster",
        "warning",
        "lowers",
        "A booster presents a health claim as certain; evidence rarely supports that.",
        load_lexicon("hedging_boosters").source,
    ),
)

FEATURES = (
    Feature("hedge_rate", 1, "Hedges per 1,000 words."),
    Feature("limitation_count", 1, "log1p of the number of limitation statements."),
    Feature("booster_count", -1, "log1p of the number of boosters (not negated, not debunked)."),
    Feature(
        "hedge_share",
        1,
        "Hedges / (hedges + boosters); 0.5 when the text has neither.",
    ),
    Feature(
        "contrast_rate",
        1,
        "Contrast connectives ('but', 'however', 'although', 'yet') per 1,000 words.",
    ),
)

_CONTRAST = PhraseMatcher(load_lexicon("hedging_contrast"))

_MIGHT_NOUN_BEFORE = frozenset(
    "its his her their our your my all military economic full sheer might".split()
)
# "clearly" describing manner, not certainty: "clearly labelled", "see clearly".
_CLEARLY_MANNER_AFTER = frozenset(
    "labeled labelled marked visible legible audible written defined displayed "
    "printed signposted identified".split()
)
_CLEARLY_MANNER_BEFORE = frozenset(
    "see seeing saw seen speak speaking spoke think thinking explain explained explains "
    "write written communicate hear read label labelled labeled breathe more less".split()
)
# "needed to prove", "may prove useful", "has yet to be proven", "whether it proves".
_PROVE_FORMS = frozenset({"prove", "proves", "proved", "proven"})
_PROVE_NOT_BOOSTER_BEFORE = frozenset(
    "to may might could would can will should yet if whether unless until must".split()
)


def _is_month(doc: Document, i: int) -> bool:
    """True when token ``i`` ("may") is the month, judged from the original capitalisation."""
    words = doc.words
    nxt = words[i + 1] if i + 1 < len(words) else ""
    same_sentence_next = i + 1 < len(words) and doc.token_sentence[i + 1] == doc.token_sentence[i]
    if same_sentence_next and nxt.isdigit():
        return True  # "May 2019", "May 5", "may 12"
    end = doc.token_ends[i]
    if doc.text[doc.token_starts[i] : end] != "May":
        return False  # "may" or "MAY": the modal verb
    first_in_sentence = i == 0 or doc.token_sentence[i - 1] != doc.token_sentence[i]
    if not first_in_sentence:
        return True  # a capitalised "May" mid-sentence ("5 May", "Theresa May")
    # Sentence-initial "May": the modal ("May cause drowsiness"), unless a comma follows
    # ("May, the month when ...").
    return doc.text[end : end + 1] == ","


# "Maybe you still remember", "Perhaps you have heard", "you may recall": an aside to the
# reader, not a claim held tentatively.
_ASIDE_OPENERS = frozenset({"maybe", "perhaps"})
_READER = frozenset({"you", "you've", "you're", "you'll", "you'd"})
_ASIDE_VERBS = frozenset(
    "remember recall know heard hear wonder wondering noticed notice seen recognise recognize "
    "think thought guessed guess imagine familiar".split()
)


def _reader_aside(doc: Document, first: int, phrase: str) -> bool:
    """True when the hedge at token ``first`` opens an aside to the reader ("Maybe you
    still remember", "you may have heard"): the words around it name "you" and a verb of
    memory or knowledge."""
    if phrase in _ASIDE_OPENERS:
        after = _words_after(doc, first)
        return bool(after) and after[0] in _READER
    if phrase in ("may", "might") and first > 0 and doc.words[first - 1] in _READER:
        return bool(_ASIDE_VERBS.intersection(_words_after(doc, first)[:3]))
    return False


def _words_after(doc: Document, first: int) -> list[str]:
    """Up to four words after token ``first`` in its sentence."""
    sentence = doc.token_sentence[first]
    return [
        w
        for j, w in enumerate(doc.words[first + 1 : first + 5], first + 1)
        if doc.token_sentence[j] == sentence
    ]


def _is_hedge(doc: Document, first: int, phrase: str) -> bool:
    if _reader_aside(doc, first, phrase):
        return False
    if phrase == "may":
        return not _is_month(doc, first)
    if phrase == "might":
        return not (first > 0 and doc.words[first - 1] in _MIGHT_NOUN_BEFORE)
    return True


def _is_booster(doc: Document, first: int, stop: int, phrase: str, debunked) -> bool:
    words = doc.words
    if doc.token_sentence[first] in debunked:
        return False
    if is_negated(doc, first):
        return False
    if phrase == "clearly":
        nxt = words[first + 1] if first + 1 < len(words) else ""
        prev = words[first - 1] if first > 0 else ""
        if nxt in _CLEARLY_MANNER_AFTER or prev in _CLEARLY_MANNER_BEFORE:
            return False
    if phrase in _PROVE_FORMS:
        sentence = doc.token_sentence[first]
        for j in range(first - 1, max(first - 3, 0) - 1, -1):
            if doc.token_sentence[j] != sentence:
                break
            if words[j] in _PROVE_NOT_BOOSTER_BEFORE:
                return False
    return True


def _span(doc: Document, first: int, stop: int) -> tuple[int, int]:
    return doc.token_starts[first], doc.token_ends[stop - 1]


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Count hedges, limitation statements and boosters; return features and findings."""
    findings: list[Finding] = []

    counts = {"hedge": 0, "limitation": 0, "booster": 0}
    debunked: frozenset[int] | None = None
    for first, stop, phrase in _MATCHER.finditer(doc):
        kind = _KIND[phrase]
        if kind == "hedge":
            if not _is_hedge(doc, first, phrase):
                continue
        elif kind == "booster":
            if debunked is None:
                debunked = debunking_sentences(doc)
            if not _is_booster(doc, first, stop, phrase, debunked):
                continue
        counts[kind] += 1
        start, end = _span(doc, first, stop)
        text = doc.text[start:end]
        if kind == "hedge":
            findings.append(
                doc.finding(
                    "hedging.hedge",
                    start,
                    end,
                    f"'{text}' is a hedge: it tells readers the finding is tentative. Keep it "
                    "where the evidence is uncertain.",
                    "info",
                )
            )
        elif kind == "limitation":
            findings.append(
                doc.finding(
                    "hedging.limitation",
                    start,
                    end,
                    f"'{text}' tells readers how strong the evidence is (HealthNewsReview "
                    "criterion 4). Good practice: keep it.",
                    "info",
                )
            )
        else:
            findings.append(
                doc.finding(
                    "hedging.booster",
                    start,
                    end,
                    f"'{text}' presents the claim as certain. Health evidence rarely is: say "
                    "how strong the evidence is, or hedge ('suggests', 'may').",
                    "warning",
                )
            )

    n_hedges, n_limitations, n_boosters = counts["hedge"], counts["limitation"], counts["booster"]
    total = n_hedges + n_boosters
    features = {
        "hedge_rate": per_1k_words(n_hedges, doc),
        "limitation_count": math.log1p(n_limitations),
        "booster_count": math.log1p(n_boosters),
        "hedge_share": n_hedges / total if total else 0.5,
        "contrast_rate": per_1k_words(len(_CONTRAST.finditer(doc)), doc),
    }
    return features, findings


SIGNAL = Signal(name="hedging", features=FEATURES, rules=RULES, analyze=analyze)
