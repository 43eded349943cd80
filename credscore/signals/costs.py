"""Costs: does the text say what the treatment or test costs, and who pays?

What it detects
    Discussion of the cost of an intervention, HealthNewsReview.org criterion 1: money amounts
    stated as the price of care ("$1,200 a month", "costs about 300 euros per dose"), cost and
    price words ("the list price", "the cost of the scan"), cost comparisons ("cheaper than",
    "less expensive", "cost-effective", "at no cost"), insurance and who pays ("covered by
    Medicare", "out-of-pocket", "copay", "not covered by insurance") and statements that the
    cost is not yet known ("the price has not been set", "did not disclose the cost"), which
    reviewers count as discussing cost. Every feature can only raise credibility.

    Money that is not a price of care does not count: a research grant ("a $2 million grant
    from the NIH"), a budget, revenue, a market or valuation ("a $5 billion market"), an
    investment round, a gift or a salary (a money amount whose sentence holds one of the words
    in ``costs_not_care.txt``), and amounts in millions or billions (the cost of a disease to a
    nation, a health system's budget). Payer names count only next to a word about paying or
    covering, so "Medicare beneficiaries" in a study's methods is not an insurance statement.
    Forward-looking-statement boilerplate ("pricing pressure", "reimbursement policies"),
    conflict-of-interest lines ("consulting fees") and sales offers ("a special discount price
    of $39.95", "free shipping on orders over $75", flagged by the commercial family instead)
    are skipped.

    Negation is deliberately NOT applied: "not covered by insurance", "no cost to the patient"
    and "the price has not been disclosed" all discuss cost, and reviewers count them.

Sources of the rules
    HealthNewsReview.org review criteria, criterion 1 "Does the story adequately discuss the
    costs of the intervention?"; Schwitzer G. (2008) "How do US journalists cover treatments,
    tests, products, and procedures? An evaluation of 500 stories", PLoS Med 5(5):e95.

Examples
    Fires (costs.price, costs.insurance): "The drug costs about $1,200 a month and is not yet
    covered by Medicare."
    Does not fire: "The team received a $2 million grant from the NIH to study Medicare
    beneficiaries."
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, without_overlaps

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """The space-separated words of ``words``, as a set."""
    return frozenset(words.split())


_HNR = (
    "HealthNewsReview.org review criterion 1, 'Does the story adequately discuss the costs of "
    "the intervention?'"
)
_SCHWITZER = "Schwitzer, PLoS Med 2008;5(5):e95"

RULES = (
    Rule(
        "costs.price",
        "info",
        "raises",
        "A money amount stated as the price of a treatment, test or procedure.",
        f"{_HNR}; {_SCHWITZER}",
    ),
    Rule(
        "costs.mention",
        "info",
        "raises",
        "The text talks about what the intervention costs ('the cost of the scan', 'list "
        "price'), or says the cost is not yet known.",
        f"{_HNR}; {_SCHWITZER}",
    ),
    Rule(
        "costs.comparison",
        "info",
        "raises",
        "A cost comparison or judgement: 'cheaper than', 'less expensive', 'cost-effective', "
        "'at no cost'.",
        f"{_HNR}; {_SCHWITZER}",
    ),
    Rule(
        "costs.insurance",
        "info",
        "raises",
        "Who pays: insurance or Medicare coverage, out-of-pocket costs, copays, reimbursement.",
        f"{_HNR}; {_SCHWITZER}",
    ),
)

FEATURES = (
    Feature("cost_stated", 1, "1 when the text discusses cost at all (any cost finding), else 0."),
    Feature("cost_mentions", 1, "log1p of the number of cost findings."),
    Feature("price_stated", 1, "1 when a money amount is stated as the price of care, else 0."),
    Feature(
        "insurance_mentioned", 1, "1 when the text says who pays (insurance, copay, ...), else 0."
    ),
)

# --------------------------------------------------------------------------- lexicons

_MATCHER = PhraseMatcher.from_lexicons(
    {
        "comparison": "costs_comparisons",
        "insurance": "costs_insurance",
        "mention": "costs_mentions",
    }
)
_KIND = _MATCHER.kinds
_NOT_CARE = frozenset(load_lexicon("costs_not_care"))

# Payer names: an insurance statement only with a paying or covering word nearby.
_PAYERS = _wordset(
    "insurance insurer insurers medicare medicaid nhs payer payers health plan plans company "
    "companies"
)
_PAYER_PHRASES = frozenset(p for p in load_lexicon("costs_insurance") if p.split()[-1] in _PAYERS)
_PAY_WORDS = _wordset(
    "cover covers covered covering coverage uncovered pay pays paid paying payment payments "
    "reimburse reimburses reimbursed reimbursement reimbursing bill billed charge charges copay "
    "copays deductible deductibles approve approved approval afford"
)
# A price in a sentence with one of these words is a sales offer ("this special discount
# price of just $39.95"), which the commercial family flags; it does not discuss cost. (Not
# "buy" or "order": "you can buy a bottle of 90 capsules for about $20" informs the reader.)
_SALES = _wordset("discount discounted promo coupon checkout cart shipping bonus subscribe")
_REIMBURSE = frozenset({"reimbursed", "reimbursement", "reimburse", "reimburses"})
# Sentences that are disclosure or investor boilerplate, not discussion of the intervention.
_BOILERPLATE = (
    "forward-looking",
    "forward looking",
    "uncertainties",
    "honorari",
    "consulting",
    "advisory board",
    "speakers bureau",
    "speaker's bureau",
    "travel",
    "cost containment",
    "pricing pressure",
    "stock price",
    "share price",
    "third-party payers",
    "third party payers",
)
# "cost" words that say the cost is not (yet) known: reviewers count saying so.
_UNKNOWN_CUES = _wordset(
    "undisclosed unknown unclear disclose disclosed announced determined released revealed decided "
    "set"
)
_NEGATORS = _wordset("not no never yet declined hasn't haven't isn't wasn't didn't doesn't won't")

# --------------------------------------------------------------------------- patterns
# Bounded repetition only; no quantifier is nested inside another unbounded one.

_AMOUNT = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,12})(?:\.\d{1,2})?"
_UNIT = (
    r"(?: ?(?:a|an|per|each|every|/) ?(?:(?:month|year|week|day)|(?P<item>dose|pill|tablet|"
    r"injection|infusion|session|treatment|course|test|scan|visit|procedure|patient|person|"
    r"cycle|vial|shot|night|operation|surgery|implant|device|kit|prescription)))?"
)
# Each pattern starts with a character class (a currency sign, a digit) so that the regex
# engine jumps from candidate to candidate; "US$" and "C$" prefixes are added in code.
_MONEY_SIGN = re.compile(  # run on Document.lower
    rf"[$£€] ?{_AMOUNT}(?P<big> ?(?:million|billion|trillion|bn|mn|m)\b)?{_UNIT}"
)
# A number before a currency word ("300 euros", "2 million dollars"); searched backwards from
# the word, which the phrase matcher finds.
_NUMBER_BEFORE = re.compile(r"(?<![\d.,])\d[\d,]{0,15}(?:\.\d{1,2})? (?P<big>million |billion )?$")
_UNIT_AFTER = re.compile(_UNIT)
_SEMICOLON = re.compile(";")
_CURRENCY_WORDS = frozenset({"dollars", "euros", "usd", "eur", "gbp", "francs", "rupees", "yen"})
# "$3-10 billion", "$100 to $250 million": the upper end of a range carries the size.
_BIG_AFTER = re.compile(r"[-–\d.,$ to]{0,14}(?:million|billion|trillion|bn)\b")

_MESSAGES = {
    "price": "States a price: '{t}'. Keep it: readers need to know what the intervention "
    "costs (HealthNewsReview criterion 1).",
    "mention": "Discusses cost: '{t}'. Good practice: say what the intervention costs, or "
    "that the price is not yet known.",
    "unknown": "Says the cost is not known: '{t}'. Reviewers count this as discussing cost.",
    "comparison": "Compares cost: '{t}'. Good practice: back it with actual prices where possible.",
    "insurance": "Says who pays: '{t}'. Keep it: coverage and out-of-pocket costs matter to "
    "readers.",
}
_RULE = {
    "price": "costs.price",
    "mention": "costs.mention",
    "unknown": "costs.mention",
    "comparison": "costs.comparison",
    "insurance": "costs.insurance",
}


# --------------------------------------------------------------------------- detection


def _sentence_words(doc: Document, sent: int) -> frozenset[str]:
    """The words of sentence ``sent``, hyphens split (memoised)."""
    memo = doc._memo.setdefault("costs_sentence_words", {})
    words = memo.get(sent)
    if words is None:
        s_start, s_end = doc.sentences[sent]
        words = memo[sent] = frozenset(doc.lower[s_start:s_end].replace("-", " ").split())
    return words


def _clause_words(doc: Document, sent: int, pos: int) -> frozenset[str]:
    """The words of the clause of sentence ``sent`` that holds offset ``pos``: clauses end at
    semicolons ("... which funded the study, has not announced a price; similar drugs cost
    $300 a month": the funding belongs to the first clause, the price to the second);
    memoised per clause."""
    s_start, s_end = doc.sentences[sent]
    semicolons = doc._memo.get("costs_semicolons")
    if semicolons is None:  # found once: searching the sentence per match is quadratic
        semicolons = doc._memo["costs_semicolons"] = [
            m.start() for m in _SEMICOLON.finditer(doc.lower)
        ]
    k = bisect_left(semicolons, pos)  # semicolons[k - 1] < pos <= semicolons[k]
    lo = semicolons[k - 1] + 1 if k and semicolons[k - 1] >= s_start else s_start
    hi = semicolons[k] if k < len(semicolons) and semicolons[k] < s_end else s_end
    memo = doc._memo.setdefault("costs_clause_words", {})  # a clause may hold many matches
    words = memo.get((lo, hi))
    if words is None:
        words = memo[lo, hi] = frozenset(doc.lower[lo:hi].replace("-", " ").split())
    return words


def _is_boilerplate(doc: Document, sent: int) -> bool:
    """True when sentence ``sent`` is investor or disclosure boilerplate (memoised)."""
    memo = doc._memo.setdefault("costs_boilerplate", {})
    found = memo.get(sent)
    if found is None:
        s_start, s_end = doc.sentences[sent]
        chunk = doc.lower[s_start:s_end]
        found = memo[sent] = any(cue in chunk for cue in _BOILERPLATE)
    return found


def _window_words(doc: Document, first: int, stop: int, width: int) -> set[str]:
    """Words within ``width`` tokens of ``first:stop``, in the same sentence."""
    words = doc.words
    sent = doc.token_sentence[first]
    lo, hi = max(first - width, 0), min(stop + width, len(words))
    return {words[j] for j in range(lo, hi) if doc.token_sentence[j] == sent}


def _pay_word_span(doc: Document, first: int, stop: int, width: int) -> tuple[int, int] | None:
    """Token span from ``first:stop`` to the nearest paying or covering word within ``width``
    tokens in the same sentence ("covered by Medicare"), or None when there is none."""
    words = doc.words
    sent = doc.token_sentence[first]
    for d in range(1, width + 1):
        for j in (first - d, stop - 1 + d):
            if 0 <= j < len(words) and doc.token_sentence[j] == sent and words[j] in _PAY_WORDS:
                return (j, stop) if j < first else (first, j + 1)
    return None


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find prices, cost words, cost comparisons and insurance statements."""
    words, starts, ends = doc.words, doc.token_starts, doc.token_ends
    lower = doc.lower
    hits: list[tuple[int, int, str]] = []
    prices: list[tuple[int, int, str]] = []
    big_sentences: set[int] = set()
    sales_sentences: set[int] = set()

    money: list[tuple[int, int, bool, bool]] = []  # start, end, big, per item
    if "$" in lower or "£" in lower or "€" in lower:
        for m in _MONEY_SIGN.finditer(lower):
            start, end = m.span()
            if lower[max(start - 2, 0) : start] == "us":
                start -= 2  # "US$5"
            big = bool(m.group("big") or _BIG_AFTER.match(lower, end, end + 30))
            money.append((start, end, big, bool(m.group("item"))))
    matches = _MATCHER.finditer(doc)
    counted: set[int] = set()  # currency words that belong to a money amount
    for first, _, phrase in matches:
        if phrase in _CURRENCY_WORDS:
            start, end = starts[first], ends[first]
            number = _NUMBER_BEFORE.search(lower, max(start - 30, 0), start)
            if number is not None:
                counted.add(first)
                unit = _UNIT_AFTER.match(lower, end)
                money.append(
                    (
                        number.start(),
                        unit.end(),
                        bool(number.group("big")),
                        bool(unit.group("item")),
                    )
                )
    for start, end, big, per_item in money:
        sent = doc.sentence_at(start)
        if big and not per_item:
            # Millions and billions are budgets, markets and national costs, unless they are
            # per patient or per dose ("$1.4 million per shot"); cost words in the same
            # sentence are about that money too.
            big_sentences.add(sent)
            continue
        if _clause_words(doc, sent, start) & _NOT_CARE or _is_boilerplate(doc, sent):
            continue  # a grant, revenue, a market, a share price ...
        if _sentence_words(doc, sent) & _SALES:
            sales_sentences.add(sent)
            continue  # a sales offer: "a special discount price of $39.95"
        prices.append((start, end, "price"))

    for first, stop, phrase in matches:
        if first in counted:
            continue  # "300 euros": the amount is judged as a price above
        kind = _KIND[phrase]
        sent = doc.token_sentence[first]
        if kind == "insurance":
            if phrase in _REIMBURSE:
                if _window_words(doc, first, stop, 6) & {"travel", "expenses", "expense"}:
                    continue  # "reimbursement for travel" in a disclosure
            elif phrase in _PAYER_PHRASES:
                span = _pay_word_span(doc, first, stop, 6)
                if span is None:
                    continue  # "Medicare beneficiaries", "commercially insured populations"
                first, stop = span  # "covered by Medicare"
        elif kind == "mention":
            if phrase.startswith("fee") and first and words[first - 1] == "user":
                continue  # the Prescription Drug User Fee Act
            near = _window_words(doc, first, stop, 5)
            if near & _UNKNOWN_CUES and near & _NEGATORS or "undisclosed" in near:
                kind = "unknown"
        if _is_boilerplate(doc, sent) or sent in sales_sentences:
            continue
        if sent in big_sentences and kind != "insurance":
            continue  # "Alzheimer's costs the nation $259 billion a year"
        hits.append((starts[first], ends[stop - 1], kind))

    hits.extend(prices)
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    counts = dict.fromkeys(_MESSAGES, 0)
    findings: list[Finding] = []
    for start, end, kind in without_overlaps(hits):
        counts[kind] += 1
        shown = doc.text[start:end].strip()
        findings.append(
            doc.finding(_RULE[kind], start, end, _MESSAGES[kind].format(t=shown), "info")
        )

    total = sum(counts.values())
    features = {
        "cost_stated": 1.0 if total else 0.0,
        "cost_mentions": math.log1p(total),
        "price_stated": 1.0 if counts["price"] else 0.0,
        "insurance_mentioned": 1.0 if counts["insurance"] else 0.0,
    }
    return features, findings


SIGNAL = Signal(name="costs", features=FEATURES, rules=RULES, analyze=analyze)
