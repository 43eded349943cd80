"""Wellness: the language of supplement and "wellness" marketing.

What it detects
    Structure/function claims, the claims a dietary supplement may make without approval
    under DSHEA: a product asserted in the writer's own voice to support, boost, promote or
    balance a function of the body ("supports healthy immune function", "boosts your immune
    system", "promotes healthy blood sugar levels", "balances hormones", "supports joint
    health", "boosts metabolism": ``wellness.function-claim``). Detox claims: a product that
    "detoxifies" the body, "cleanses your liver", "flushes out toxins" or "eliminates toxins"
    (``wellness.detox-claim``). Both are warnings: weaker than a claim to cure a disease
    (``efficacy``), and the FDA allows the first kind with a disclaimer, but neither needs
    evidence before it is printed, and credible health information does not sell a body
    function. And the DSHEA disclaimer itself, "These statements have not been evaluated by
    the Food and Drug Administration. This product is not intended to diagnose, treat, cure,
    or prevent any disease." (``wellness.dshea-disclaimer``), which a page prints only where
    a supplement is sold.

    A verb counts only with a body function (or, for detox verbs, toxins or an organ) right
    after it, a few words such as "your", "healthy" or "natural" between, and only as the
    writer's own present-tense assertion. It is skipped when:

    - a hedge comes before it in its clause ("may support", "could boost") or a negator ("no
      tea flushes out toxins"); "helps support" and "formulated to support" are the claim's
      usual wording and still count;
    - it is attributed or quoted ("the company says", "according to"), a question, or in a
      debunked sentence ("there is no evidence that detox teas flush out toxins");
    - a study, citation or statistic is in reach, as for efficacy claims ("the study found
      the drug boosted immune response" is past tense too, and past tenses are never counted);
    - it describes the body's own work: an organ, the body or a system right before the verb
      ("the liver removes toxins from the blood", "your immune system supports ...");
    - the subject is lifestyle advice, a vaccine, a medicine or an essential nutrient
      ("regular exercise boosts your mood", "the vaccine boosts immunity", "zinc supports
      normal immune function": what a health-information page says of a nutrient).

    The disclaimer counts only where it stands as a statement of its own, at the start of a
    sentence ("*These statements ...", "Disclaimer: This product ..."), not quoted or
    explained ("labels must say that these statements ..."). Its two sentences make one
    finding. The headline is read for claims too, as in ``efficacy``.

Sources of the rules
    U.S. Food and Drug Administration, 21 CFR 101.93 (structure/function claims and the
    disclaimer that must accompany them) and the Dietary Supplement Health and Education Act of
    1994; FTC, "Health Products Compliance Guidance" (2022); NCCIH, "'Detoxes' and 'Cleanses':
    What You Need To Know"; Klein & Kiat (2015), "Detox diets for toxin elimination and
    weight management", J Hum Nutr Diet 28(6):675-686.

Examples
    Fires (wellness.function-claim): "Our formula supports healthy immune function."
    Does not fire: "The liver removes toxins from the blood." and "There is no evidence that
    detox teas flush out toxins."
"""

from __future__ import annotations

import math
import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import NEGATORS, debunking_sentences, in_quotes
from credscore.signals.voice import (
    HEDGES,
    attributed,
    clause_before,
    is_question,
    phrase_at,
    phrases_by_first_word,
    plural_subject,
    studied,
    title_document,
    word_before,
)

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]

_CFR = "FDA, 21 CFR 101.93 (DSHEA structure/function claims)"
_FTC = "FTC, Health Products Compliance Guidance (2022)"
_DETOX = "NCCIH, 'Detoxes' and 'Cleanses'; Klein & Kiat, J Hum Nutr Diet 2015;28:675"

RULES = (
    Rule(
        "wellness.function-claim",
        "warning",
        "lowers",
        "A product asserted in the writer's own voice to support, boost, promote or balance a "
        "function of the body ('supports healthy immune function', 'boosts your metabolism', "
        "'balances hormones'), with no hedge, study or source in reach.",
        f"{_CFR}; {_FTC}",
    ),
    Rule(
        "wellness.detox-claim",
        "warning",
        "lowers",
        "A product asserted in the writer's own voice to detoxify the body, cleanse an organ "
        "or flush out toxins ('flushes out toxins', 'cleanses your liver').",
        f"{_DETOX}; {_FTC}",
    ),
    Rule(
        "wellness.dshea-disclaimer",
        "warning",
        "lowers",
        "The DSHEA disclaimer ('These statements have not been evaluated by the Food and Drug "
        "Administration ...'), printed only where a dietary supplement is sold.",
        _CFR,
    ),
)

FEATURES = (
    Feature(
        "claim_count",
        -1,
        "log1p of the number of structure/function and detox claims in the writer's own voice "
        "(text and headline).",
        # No labelled row is a supplement page, so the data cannot price these claims; a
        # warning costs less than a cure claim (efficacy.claim_count's floor, 1.5).
        floor=1.0,
    ),
    Feature(
        "disclaimer",
        -1,
        "1 when the text prints the DSHEA supplement disclaimer, else 0.",
        # The disclaimer marks a supplement for sale; the labelled news never prints it.
        floor=1.5,
    ),
)

_MATCHER = PhraseMatcher.from_lexicons(
    {"function": "wellness_function_verbs", "detox": "wellness_detox"}
)
_KIND = _MATCHER.kinds
_DISCLAIMER = PhraseMatcher(load_lexicon("wellness_disclaimer"))
_FUNCTIONS = phrases_by_first_word(load_lexicon("wellness_functions"))
_TOXINS = phrases_by_first_word(load_lexicon("wellness_toxins"))
_TOXINS_OR_ORGANS = phrases_by_first_word(
    load_lexicon("wellness_toxins") + load_lexicon("wellness_organs")
)
_ORGAN_WORDS = frozenset(w for p in load_lexicon("wellness_organs") for w in p.split())

# Detox verbs that claim with or without an object ("detoxifies your body", "it detoxifies");
# cleansing verbs (and "detox", also said of addicts) need an organ or toxins after them,
# verbs of removal need toxins.
_DETOX_ALONE = frozenset("detoxify detoxifies".split())
_CLEANSING = frozenset(
    "detox detoxes detoxifying cleanse cleanses cleansing purify purifies purifying".split()
)
# Words that may sit between a verb and what it acts on ("supports your body's natural
# detoxification", "promotes healthy blood sugar levels").
_FILLER = frozenset(
    "your the a an healthy healthier normal natural naturally optimal balanced strong stronger "
    "overall proper whole entire body's bodys own and youthful daily".split()
)
_ADVERBS = frozenset(
    "naturally gently safely effectively quickly actively powerfully dramatically "
    "significantly really truly also even further".split()
)
# A base form claims only after these ("can support", "helps boost", "formulated to support"),
# after a plural subject ("these capsules support"), or opening its sentence (an imperative
# or a product's bullet: "Boost your immune system!").
_CLAIMING_BEFORE = frozenset("can will does do that which who ll help helps helping".split())
_MADE_TO = frozenset(
    "formulated designed made crafted created developed engineered works work help helps "
    "helping proven".split()
)
# Hedges that excuse a claim; "designed to" and "intended to" are how supplements word it.
_HEDGES = HEDGES - {"designed", "intended", "aim", "aims"}
# Lifestyle advice, vaccines, medical treatment and essential nutrients as the subject:
# "regular exercise boosts your mood", "the vaccine boosts immunity", "the drug restores
# blood flow" describe health and medicine, and "vitamin C supports the immune system",
# "zinc supports normal immune function" are what health-information pages say of a
# nutrient (the functions the EU authorises for vitamins and minerals, Commission
# Regulation (EU) No 432/2012); none of them sells a supplement.
_NOT_A_PRODUCT = frozenset(
    "exercise exercising exercises workout workouts activity walking running swimming yoga "
    "sleep sleeping rest diet diets eating food foods fibre fiber vegetables fruit fruits meals "
    "water hydration breastfeeding laughter sunlight vaccine vaccines vaccination vaccinations "
    "jab jabs immunisation immunization immunisations immunizations shot shots drug drugs "
    "medication medications medicine medicines surgery procedure transplant "
    "vitamin vitamins mineral minerals nutrient nutrients calcium iron zinc magnesium iodine "
    "selenium potassium phosphorus copper manganese chromium folate thiamin thiamine riboflavin "
    "niacin biotin protein".split()
)
# The disclaimer's opening: what may come before it in its sentence.
_DISCLAIMER_LEAD = frozenset("disclaimer fda dshea these this product products is are".split())
_ENDS_STATEMENT = re.compile(r"[.!?\n]")  # between the word before and the disclaimer

_MESSAGES = {
    "function": "'{t}' asserts, in the writer's own voice and with no study or source in "
    "reach, that a product supports or boosts a function of the body: supplement marketing's "
    "structure/function claim, which the FDA does not review before it is printed. Say what "
    "a study measured and found, or cut it.",
    "detox": "'{t}' claims a product detoxifies or cleanses the body: the liver and kidneys "
    "remove waste, and detox products have no good evidence of removing any named toxin. "
    "Cut it, or name the toxin and the study.",
    "disclaimer": "'{t}' is the DSHEA supplement disclaimer: the page sells a dietary "
    "supplement whose claims the FDA has not evaluated.",
}
_RULE = {
    "function": "wellness.function-claim",
    "detox": "wellness.detox-claim",
    "disclaimer": "wellness.dshea-disclaimer",
}


def _object_after(doc: Document, stop: int, table: dict) -> int | None:
    """The token after an object of ``table`` within a few filler words after token ``stop``
    in the same sentence, else None."""
    words, sentence = doc.words, doc.token_sentence[stop - 1]
    for j in range(stop, min(stop + 4, len(words))):
        if doc.token_sentence[j] != sentence:
            return None
        end = phrase_at(doc, j, table)
        if end is not None:
            return end
        if words[j] not in _FILLER:
            return None
    return None


def _claim_end(doc: Document, stop: int, kind: str, phrase: str) -> int | None:
    """The token that ends the claim whose verb ends at token ``stop``, or None."""
    if kind == "function":
        return _object_after(doc, stop, _FUNCTIONS)
    if phrase in _DETOX_ALONE:
        end = _object_after(doc, stop, _TOXINS_OR_ORGANS)
        return stop if end is None else end
    if phrase in _CLEANSING:
        return _object_after(doc, stop, _TOXINS_OR_ORGANS)
    return _object_after(doc, stop, _TOXINS)


def _claiming(prev: str) -> bool:
    """Whether a base form after the word ``prev`` claims: "can boost", "these teas boost"."""
    return prev in _CLAIMING_BEFORE or plural_subject(prev)


def _listed(doc: Document, first: int, j: int) -> bool:
    """Whether the base form at token ``first`` continues a list of claims whose head claims
    ("two capsules a day melt away fat, flush out toxins and ..."): it follows "and", "or"
    or a comma, and a claiming word comes before it in the sentence with no "to" between."""
    words, sentence = doc.words, doc.token_sentence[first]
    between = doc.text[doc.token_ends[j] : doc.token_starts[first]]
    if words[j] not in ("and", "or") and "," not in between:
        return False
    for k in range(j - 1, max(j - 12, -1), -1):
        if doc.token_sentence[k] != sentence or words[k] == "to":
            return False
        if _claiming(words[k]):
            return True
    return False


def _asserts(doc: Document, first: int, phrase: str, headline: bool) -> bool:
    """True when the verb at token ``first`` is the writer's unhedged present-tense claim
    about a product, not the body's own work, lifestyle advice, an aim or a noun (a
    capitalised verb inside a sentence is a name, except in a headline's title case)."""
    words = doc.words
    j = word_before(doc, first, _ADVERBS)
    prev = words[j] if j >= 0 else ""
    if prev and not headline and doc.text[doc.token_starts[first]].isupper():
        return False  # a name inside a sentence: "Amplify Energy Corp"
    if prev in _ORGAN_WORDS:
        return False  # "the liver removes toxins", "your immune system supports"
    if phrase.split()[0].endswith("ing"):
        if prev:  # "evidence supporting immune function"; a bullet opens its line
            return False
    elif not phrase.split()[0].endswith("s"):
        if prev == "to":
            k = word_before(doc, j, _ADVERBS)
            if k < 0 or words[k] not in _MADE_TO:
                return False  # "ways to boost your immune system": an aim
        elif prev and not (
            _claiming(prev) or _listed(doc, first, j) or (j > 1 and words[j - 1] == "and")
        ):
            return False  # "a detox", "the cleanse", "they said boost"; "reishi and chaga
            # strengthen" has a plural subject
    elif prev in ("a", "an", "the", "to"):
        return False  # "the supports", "to promotes" (a typo, not a claim)
    before = clause_before(doc, first)
    return not (
        _HEDGES.intersection(before)
        or NEGATORS.intersection(before)
        or _NOT_A_PRODUCT.intersection(before)
    )


def _disclaimers(doc: Document) -> list[tuple[int, int]]:
    """The DSHEA disclaimers that stand as statements of their own, as (start, end): at the
    start of a sentence or after one ends ("function.* *These statements ..."), not quoted.
    Its two sentences, when adjacent, make one span."""
    spans: list[tuple[int, int]] = []
    starts, ends, words = doc.token_starts, doc.token_ends, doc.words
    for first, stop, _ in _DISCLAIMER.finditer(doc):
        sentence = doc.token_sentence[first]
        j = first - 1
        while j >= 0 and doc.token_sentence[j] == sentence and words[j] in _DISCLAIMER_LEAD:
            j -= 1
        start, end = starts[j + 1], ends[stop - 1]
        if j >= 0 and not _ENDS_STATEMENT.search(doc.text, ends[j], start):
            continue  # "labels must say that these statements ...": explained, not printed
        if in_quotes(doc, starts[first], end):
            continue
        if spans and not doc.text[spans[-1][1] : start].strip(" .*\u2020\n"):
            spans[-1] = (spans[-1][0], end)  # the second sentence of the same disclaimer
        else:
            spans.append((start, end))
    return spans


def _claims(
    doc: Document, excused: frozenset[int] = frozenset(), headline: bool = False
) -> list[tuple[int, int, str]]:
    """Structure/function and detox claims in ``doc`` (``headline``: a headline's) as
    (start, end, kind), in text order; sentences in ``excused`` (the disclaimer's, which
    names the FDA) are no study."""
    starts, ends = doc.token_starts, doc.token_ends
    out: list[tuple[int, int, str]] = []
    debunked: frozenset[int] | None = None
    last = -1
    for first, stop, phrase in _MATCHER.finditer(doc):
        if first < last:
            continue  # inside the previous claim's object ("boosts energy and detox")
        kind = _KIND[phrase]
        end_token = _claim_end(doc, stop, kind, phrase)
        if end_token is None or not _asserts(doc, first, phrase, headline):
            continue
        sentence = doc.token_sentence[first]
        if debunked is None:
            debunked = debunking_sentences(doc)
        start, end = starts[first], ends[end_token - 1]
        if (
            sentence in debunked
            or is_question(doc, sentence)
            or attributed(doc, start, end)
            or any(
                k not in excused and studied(doc, k, k == sentence)
                for k in (sentence, sentence - 1, sentence + 1)
            )
        ):
            continue
        out.append((start, end, kind))
        last = end_token
    return out


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find structure/function and detox claims (text and headline) and the disclaimer."""
    disclaimers = _disclaimers(doc)
    excused = frozenset(doc.sentence_at(start) for start, _ in disclaimers) | frozenset(
        doc.sentence_at(end - 1) for _, end in disclaimers
    )
    hits = _claims(doc, excused) + [(s, e, "disclaimer") for s, e in disclaimers]
    hits.sort()
    findings = [
        doc.finding(
            _RULE[kind], start, end, _MESSAGES[kind].format(t=_shown(doc, start, end)), "warning"
        )
        for start, end, kind in hits
    ]
    head = title_document(doc)
    if head is not None and not any(studied(doc, k, True) for k in (0, 1) if k not in excused):
        for start, end, kind in _claims(head, headline=True):
            message = _MESSAGES[kind].format(t=head.text[start:end])
            findings.append(
                doc.finding(
                    _RULE[kind], 0, 0, f"In the headline '{doc.title}': {message}", "warning"
                )
            )
        findings.sort(key=lambda f: (f.start, f.end))
    n_claims = sum(f.rule != "wellness.dshea-disclaimer" for f in findings)
    return {
        "claim_count": math.log1p(n_claims),
        "disclaimer": 1.0 if disclaimers else 0.0,
    }, findings


def _shown(doc: Document, start: int, end: int) -> str:
    shown = doc.text[start:end]
    return shown if len(shown) <= 60 else shown[:57] + "..."


SIGNAL = Signal(name="wellness", features=FEATURES, rules=RULES, analyze=analyze)
