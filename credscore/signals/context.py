"""Context checks shared by signals: negation, quotation and debunking around a match."""

from __future__ import annotations

import re
from bisect import bisect_left

from credscore.document import Document
from credscore.lexicon import PhraseMatcher, load_lexicon

__all__ = [
    "NEGATORS",
    "is_negated",
    "in_quotes",
    "quote_span",
    "quote_offsets",
    "debunking_sentences",
    "sentence_has",
]

NEGATORS = frozenset(
    "not no never without nor cannot can't don't doesn't didn't isn't aren't wasn't weren't "
    "won't wouldn't shouldn't hardly neither lack lacks lacking nothing nobody none".split()
)
"""Words that negate what follows them ("not proven", "nothing cures it")."""


def is_negated(doc: Document, first_token: int, window: int = 3) -> bool:
    """True when one of the ``window`` words before token ``first_token``, in the same
    sentence, negates it ("not proven", "no evidence that it cures")."""
    sentence = doc.token_sentence[first_token] if doc.words else 0
    for j in range(first_token - 1, max(first_token - window, 0) - 1, -1):
        if doc.token_sentence[j] != sentence:
            break
        if doc.words[j] in NEGATORS or doc.words[j].endswith("n't"):
            return True
    return False


def in_quotes(doc: Document, start: int, end: int) -> bool:
    """True when ``start:end`` sits inside a quotation: a pair of straight double quotes in its
    sentence (after normalisation every curly quote is straight), or a pair of single quotes
    (British style: 'This is astonishing,' said Dr Smith). See :func:`quote_span`."""
    return quote_span(doc, start, end) is not None


def quote_span(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The ``(opening, closing)`` offsets of the quote marks around ``start:end``, or None.

    Double quotes pair up within the sentence. A single quote opens a quotation after a space,
    a bracket or a dash and before a letter or digit (not an elision: "'90s", "'em") and closes
    after a non-space character and before a space or punctuation, within the paragraph. An
    apostrophe inside a word ("don't") is neither, and a trailing one after "s" before a
    lower-case word is a possessive ("the patients' results"). The quote offsets are found
    once per Document, so a call costs a few bisections, not a scan of the sentence."""
    s_start, s_end = doc.sentences[doc.sentence_at(start)]
    memo = doc._memo
    quotes = quote_offsets(doc)
    first = bisect_left(quotes, s_start)
    k = bisect_left(quotes, start)
    after = bisect_left(quotes, s_end) - bisect_left(quotes, end)
    if (k - first) % 2 == 1 and after >= 1:
        return quotes[k - 1], quotes[bisect_left(quotes, end)]
    pairs = memo.get("single_quote_pairs")
    if pairs is None:
        pairs = memo["single_quote_pairs"] = _single_quote_pairs(doc)
    opens, closes = pairs
    i = bisect_left(opens, start) - 1
    if i >= 0 and closes[i] >= end:
        return opens[i], closes[i]
    return None


def quote_offsets(doc: Document) -> list[int]:
    """The offsets of the straight double quotes in ``doc.text``, in order (found once per
    Document: search them with ``bisect``, never by scanning the sentence per match)."""
    quotes = doc._memo.get("quote_offsets")
    if quotes is None:
        quotes = doc._memo["quote_offsets"] = [m.start() for m in _QUOTE.finditer(doc.text)]
    return quotes


_QUOTE = re.compile('"')
# A single quote that may open (after start, space, bracket, dash or double quote, before a
# word character) or close (after a non-space, before a space, punctuation or the end).
# Each starts with the quote itself, so the scan skips to the next quote in C.
_SINGLE_OPEN = re.compile(r"'(?<=[\s(\[{\"-]')(?=\w)(?!\d\ds\b|em\b|til\b|cause\b|n'|tis\b|twas\b)")
_SINGLE_CLOSE = re.compile(r"'(?<=\S')(?=$|[\s.,;:!?)\]}\"-])")
_POSSESSIVE = re.compile(r"(?<=[sSzZ])' [a-z]")
_MAX_SINGLE_QUOTE = 1500


def _single_quote_pairs(doc: Document) -> tuple[list[int], list[int]]:
    """Offsets of the opening and closing marks of single-quoted quotations, in order."""
    text = doc.text
    opens: list[int] = []
    closes: list[int] = []
    if "'" not in text:
        return opens, closes
    at_start = [(0, 0)] if _SINGLE_OPEN.match(" " + text[:8], 1) else []  # "'Yes,' she said"
    marks = sorted(
        at_start
        + [(m.start(), 0) for m in _SINGLE_OPEN.finditer(text)]
        + [
            (m.start(), 1)
            for m in _SINGLE_CLOSE.finditer(text)
            if not _POSSESSIVE.match(text, m.start())
        ]
    )
    opening = -1
    for pos, kind in marks:
        if kind == 0:
            if opening < 0:
                opening = pos
        elif opening >= 0:
            if pos - opening <= _MAX_SINGLE_QUOTE and doc.paragraph_start(pos) <= opening:
                opens.append(opening)
                closes.append(pos)
            opening = -1
        # An opening with no closing in reach is dropped when the next closes too far away.
    return opens, closes


def debunking_sentences(doc: Document) -> frozenset[int]:
    """Indices of sentences that report a claim in order to reject it: those holding a phrase
    of ``lexicons/debunking.txt`` ("the myth that", "there is no evidence", "falsely
    claimed"), and those whose claim the next sentence of the same paragraph opens by refuting
    (:data:`_REFUTATION`), as fact checks do: "The video says the tea is a miracle cure. It is
    not." Only the opening counts: further in, debunking words are as often the writer's own
    attack on fact checkers ("the governor debunked fake news claims"). A fact check's labelled
    claim ("Claim: lemon water cures cancer.") is reported too."""
    memo = doc._memo
    found = memo.get("debunking_sentences")
    if found is None:  # computed once per Document, shared by every signal
        spans = {doc.sentence_at(start) for start, _, _ in _DEBUNK.spans(doc)}
        sentences, lower = doc.sentences, doc.lower
        for i, (start, _) in enumerate(sentences):
            if _CLAIM_LABEL.match(lower, start):
                spans.add(i)
            elif (
                i
                and _REFUTATION.match(lower, start)
                and doc.paragraph_start(start) <= sentences[i - 1][0]
            ):
                spans.update((i - 1, i))
        found = memo["debunking_sentences"] = frozenset(spans)
    return found


_DEBUNK = PhraseMatcher(load_lexicon("debunking"))
# The opening of a sentence that refutes the one before it (run on Document.lower at a
# sentence start). A verdict must end its clause ("That is false.", "It is not, experts
# say"): "This is not true for everyone" qualifies a claim rather than refuting it.
_REFUTATION = re.compile(
    r"(?:but |however,? |in fact,? |in reality,? )?(?:"
    r"there (?:is|was|'s|are|were) no (?:\w+ ){0,2}?(?:evidence|proof|data|research|studies|"
    r"study|trials?)\b"
    r"|no (?:\w+ )?(?:study|studies|trial|trials|evidence|research|data) (?:has|have|had|"
    r"shows?|showed|shown|supports?|supported|backs?|found|finds)\b"
    r"|none of (?:these |those |the |his |her |their |its )?(?:claims?|statements?|that|this|it) "
    r"(?:is|are|was|were) (?:true|supported|backed|accurate|correct)\b"
    r"|(?:that|this|the claim|these claims|those claims|the post|the video|it|they)"
    r"(?:'s| is| was| are| were)(?: simply| just)? (?:not(?: true| so| correct| accurate"
    r"| the case)?|false|untrue|wrong|incorrect|baseless|unfounded|a myth|a hoax|misleading)"
    r"(?=[.,;:!]| experts?\b| according\b| scientists\b| doctors\b| officials\b)"
    r"|(?:that|this|it) (?:isn't|wasn't|isn't true|wasn't true)(?=[.,;:!])"
    r"|(?:false|not true|untrue|not so)(?=[.,;:!])"
    r"|(?:our )?(?:verdict|rating|ruling|conclusion): (?:false|mostly false|misleading|"
    r"incorrect|inaccurate|unproven|unsupported|fake|pants on fire)\b)"
)
# A fact check's label for the claim it checks, opening a sentence.
_CLAIM_LABEL = re.compile(r"(?:the )?(?:claims?|what was claimed|viral claim): ")


def sentence_has(doc: Document, sentence: int, needle: str, lower: bool = True) -> bool:
    """True when sentence ``sentence`` of ``doc.lower`` (``lower=False``: ``doc.text``) holds
    ``needle``; memoised per sentence, so that checking it for every match in one long
    sentence costs one scan, not one per match."""
    memo = doc._memo.setdefault(("sentence_has", needle, lower), {})
    found = memo.get(sentence)
    if found is None:
        s_start, s_end = doc.sentences[sentence]
        found = memo[sentence] = (doc.lower if lower else doc.text).find(
            needle, s_start, s_end
        ) >= 0
    return found
