"""Context checks shared by signals: negation, quotation and debunking around a match."""

from __future__ import annotations

from credscore.document import Document
from credscore.lexicon import PhraseMatcher, load_lexicon

__all__ = ["is_negated", "in_quotes", "debunking_sentences"]

_NEGATORS = frozenset(
    "not no never without nor cannot can't don't doesn't didn't isn't aren't wasn't weren't "
    "won't wouldn't shouldn't hardly neither lack lacks lacking".split()
)


def is_negated(doc: Document, first_token: int, window: int = 3) -> bool:
    """True when one of the ``window`` words before token ``first_token``, in the same
    sentence, negates it ("not proven", "no evidence that it cures")."""
    sentence = doc.token_sentence[first_token] if doc.words else 0
    for j in range(first_token - 1, max(first_token - window, 0) - 1, -1):
        if doc.token_sentence[j] != sentence:
            break
        if doc.words[j] in _NEGATORS or doc.words[j].endswith("n't"):
            return True
    return False


def in_quotes(doc: Document, start: int, end: int) -> bool:
    """True when ``start:end`` sits inside a pair of straight double quotes in its sentence
    (after normalisation every curly quote is straight)."""
    s_start, s_end = doc.sentences[doc.sentence_at(start)]
    before = doc.text.count('"', s_start, start)
    after = doc.text.count('"', end, s_end)
    return before % 2 == 1 and after >= 1


def debunking_sentences(doc: Document) -> frozenset[int]:
    """Indices of sentences that report a claim in order to reject it ("the myth that",
    "there is no evidence", "falsely claimed"), from ``lexicons/debunking.txt``."""
    memo = doc._memo
    found = memo.get("debunking_sentences")
    if found is None:  # computed once per Document, shared by every signal
        found = frozenset(doc.sentence_at(start) for start, _, _ in _DEBUNK.spans(doc))
        memo["debunking_sentences"] = found
    return found


_DEBUNK = PhraseMatcher(load_lexicon("debunking"))
