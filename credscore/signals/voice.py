"""Whose claim is it? Attribution, hedges, a study in reach, questions and the headline,
shared by signals that judge a claim made in the writer's own voice (efficacy and wellness
claims, promises of safety)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from credscore.document import Document
from credscore.signals.base import sentence_words
from credscore.signals.context import in_quotes

__all__ = [
    "HEDGES",
    "attributed",
    "clause_before",
    "is_question",
    "phrase_at",
    "phrases_by_first_word",
    "plural_subject",
    "studied",
    "title_document",
    "word_before",
]

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


# Hedges and aims before a verb in its sentence ("may help prevent", "is thought to cure").
HEDGES = frozenset(
    "may might could would should perhaps maybe possibly potentially probably likely "
    "unlikely appear appears appeared seem seems seemed suggest suggests suggested "
    "hope hopes hoped aim aims designed intended thought believed hoping trying attempt "
    "attempts promising if whether unless".split()
)

# A study, trial or citation in reach: the claim reports research, it does not assert.
_STUDY_WORDS = frozenset(
    "study studies trial trials researchers scientists investigators experiment experiments "
    "mice rats vitro laboratory lab participants volunteers findings published journal "
    "placebo cohort meta analysis analyses data shown showed found evidence results "
    "investigational fda".split()
)
# A statistic or a citation, as (needles, pattern) parts: a sentence holds one when some part's
# pattern matches in it. A pattern is tried only where one of its needles (substrings that
# every match holds) occurs, and each starts with a literal, a capital or a digit, so the
# regex engine skips in C to the next candidate; one alternation led by "n", "p", "c", "h",
# "o", "d" and "e" was tried at most letters of the sentence (3x slower).
_STATISTIC = (  # run on Document.text
    (
        (),
        re.compile(
            r"\d[\d,.]{0,12} ?(?:%|percent\b|per cent\b)"
            r"|\d[\d,]{0,12} (?:out )?(?:of|in) \d"
            r"|\d[\d,]{0,12} (?:patients|participants|people|adults|children|subjects|volunteers"
            r"|mice|rats)\b"
        ),
    ),
    (("=",), re.compile(r"[nN] ?= ?\d")),
    (("<", "=", ">"), re.compile(r"[pP] ?[<=>] ?0?\.\d")),
    (("onfidence interval",), re.compile(r"[cC]onfidence intervals?\b")),
    ((" ratio",), re.compile(r"(?:[hH]azard|[oO]dds) ratio\b")),
)
_CITATION = (  # run on Document.text
    (("10.",), re.compile(r"[dD][oO][iI]:? ?10\.\d")),
    ((), re.compile(r"et al\b")),
    ((), re.compile(r"\((?:[^()\n]{0,60}[, ])?(?:19|20)\d\d[a-z]?\)")),
    ((), re.compile(r"(?:NEJM|JAMA|BMJ|Lancet|PLOS|PLoS|PNAS|Cochrane|New England Journal)\b")),
    ((), re.compile(r"(?:Dr|Prof|Professor)\.? [A-Z][a-z]{1,20}")),
)


def _holds(parts, text: str, start: int, end: int) -> bool:
    """Whether a part of ``parts`` (see :data:`_STATISTIC`) matches in ``text[start:end]``."""
    return any(
        (not needles or any(text.find(n, start, end) >= 0 for n in needles))
        and rx.search(text, start, end) is not None
        for needles, rx in parts
    )


_OWN = frozenset("our we my i us".split())  # a seller's own figures are no study


def studied(doc: Document, sentence: int, own: bool) -> bool:
    """True when sentence ``sentence`` holds a study word or a citation, or (``own``: the
    claim's own sentence) a statistic that is not the seller's ("94% of our patients")."""
    if not 0 <= sentence < len(doc.sentences):
        return False
    memo = doc._memo.setdefault("studied", {})
    found = memo.get((sentence, own))
    if found is None:
        found = memo[sentence, own] = _studied_sentence(doc, sentence, own)
    return found


def _studied_sentence(doc: Document, sentence: int, own: bool) -> bool:
    words = sentence_words(doc, sentence)
    if _STUDY_WORDS.intersection(words):
        return True
    s_start, s_end = doc.sentences[sentence]
    if _holds(_CITATION, doc.text, s_start, s_end):
        return True
    if own and not _OWN.intersection(words):
        return _holds(_STATISTIC, doc.text, s_start, s_end)
    return False


_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # as Document tokenises


def phrases_by_first_word(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Each phrase's words, by its first word, longest phrase first (for :func:`phrase_at`)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted({tuple(_TOKEN.findall(p)) for p in phrases}, key=lambda w: (-len(w), w)):
        out.setdefault(words[0], []).append(words)
    return out


def phrase_at(doc: Document, j: int, table: dict[str, list[tuple[str, ...]]]) -> int | None:
    """The token after the phrase of ``table`` (see :func:`phrases_by_first_word`) that starts
    at token ``j`` and ends in its sentence, or None."""
    words, sentence = doc.words, doc.token_sentence[j]
    for phrase in table.get(words[j], ()):
        stop = j + len(phrase)
        if words[j:stop] == phrase and doc.token_sentence[stop - 1] == sentence:
            return stop
    return None


def word_before(doc: Document, first: int, skip: frozenset[str]) -> int:
    """The index of the word before token ``first`` in its sentence, passing over words in
    ``skip`` (adverbs), or -1 at the start of the sentence."""
    sentence = doc.token_sentence[first]
    j = first - 1
    while j >= 0 and doc.token_sentence[j] == sentence and doc.words[j] in skip:
        j -= 1
    return j if j >= 0 and doc.token_sentence[j] == sentence else -1


_NOT_PLURAL_SUBJECT = frozenset(
    "is was has this its us his as does yes plus less various previous serious always "
    "perhaps thus".split()
)


def plural_subject(word: str) -> bool:
    """Whether ``word`` before a base form reads as its plural subject ("these herbs cure")."""
    return len(word) > 3 and word.endswith("s") and word not in _NOT_PLURAL_SUBJECT


def clause_before(doc: Document, first: int) -> tuple[str, ...]:
    """The words before token ``first`` in its clause: from the last comma, semicolon or colon
    of its sentence, 25 words at most (where a hedge or a negator of a claim would sit)."""
    start = doc.token_starts[first]
    lo = max(doc.sentences[doc.token_sentence[first]][0], start - 300)
    clause = max(lo, *(doc.text.rfind(c, lo, start) for c in ",;:"))
    return doc.words[max(bisect_left(doc.token_starts, clause), first - 25) : first]
