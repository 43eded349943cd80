"""Whose claim is it? Attribution, questions and the headline, shared by signals that judge
a claim made in the writer's own voice (efficacy claims, promises of safety)."""

from __future__ import annotations

import re

from credscore.document import Document
from credscore.signals.context import in_quotes

__all__ = ["attributed", "is_question", "title_document"]

# A claim credited to someone else: "according to the company", "the maker claims", "it is
# touted as", "reportedly", ", critics say". Run on one sentence of Document.lower.
_ATTRIBUTION = re.compile(
    r"\baccording to\b"
    r"|\b(?P<verb>say|says|said|claim|claims|claimed|claiming|insist|insists|insisted|argue|"
    r"argues|argued|contend|contends|contended|assert|asserts|asserted|allege|alleges|alleged|"
    r"purport|purports|purported|tout|touts|touted|touting|hails|hailed|billed as|"
    r"advertises|advertised|tells|told|writes|wrote|believe|believes|believed|thinks|posted|"
    r"tweeted|reported)\b(?! goodbye| hello| no to)"
    r"|\b(?:allegedly|reportedly|supposedly|purportedly|so-called)\b"
)
# The writer's own "I/we say/believe/promise" is not attribution.
_FIRST_PERSON = frozenset({"i", "we", "i'm", "we're", "i've", "we've", "i'd", "we'd"})


def attributed(doc: Document, start: int, end: int) -> bool:
    """True when the claim at ``start:end`` is credited to someone other than the writer: it
    is quoted, or its sentence holds "according to", a reporting verb whose subject is not
    "I" or "we" ("the company claims", ", experts say") or "reportedly"."""
    sentence = doc.sentence_at(start)
    s_start, s_end = doc.sentences[sentence]
    if in_quotes(doc, start, end) or doc.text[s_end - 1] == '"':
        return True  # quoted, or the end of a quotation that opened sentences before
    memo = doc._memo.setdefault("attributed_sentences", {})
    found = memo.get(sentence)
    if found is None:
        found = memo[sentence] = _credits_someone(doc.lower, s_start, s_end)
    return found


def _credits_someone(lower: str, s_start: int, s_end: int) -> bool:
    for m in _ATTRIBUTION.finditer(lower, s_start, s_end):
        if m.group("verb") is None:
            return True
        before = lower[max(s_start, m.start() - 12) : m.start()].split()
        if not before or before[-1] not in _FIRST_PERSON:
            return True
    return False


def is_question(doc: Document, sentence: int) -> bool:
    """True when sentence ``sentence`` ends with a question mark (quotes and brackets
    after it allowed)."""
    s_start, s_end = doc.sentences[sentence]
    return doc.text[max(s_start, s_end - 4) : s_end].rstrip("\"')]").endswith("?")


def title_document(doc: Document) -> Document | None:
    """The headline parsed as a Document of its own (None without one), built once per
    Document and shared by every signal that reads the headline."""
    if not doc.title:
        return None
    head = doc._memo.get("title_document")
    if head is None:
        head = doc._memo["title_document"] = Document.from_text(doc.title, furniture=False)
    return head
