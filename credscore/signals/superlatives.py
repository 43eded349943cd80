"""Superlatives and hype words with nothing behind them.

Hype words ("breakthrough", "revolutionary", "game-changer", "miracle", "100% natural") inflate a
health result. Reviewers do not object to strong words backed by evidence; they object to strong
words standing alone. So a hype word is a finding only when it is UNSUPPORTED: neither its own
sentence nor the next one holds a number (a percentage, "12 of 40", a sample size, a p-value or
confidence interval), a citation (a journal, "published in", a DOI, a URL, "et al.", a year in
parentheses) or a named source with a reporting verb ("said Dr. Jane Smith", "according to
researchers at Emory University"). The strongest cure promises ("miracle cure", "cure-all",
"wonder drug", "100% effective") are errors rather than warnings.

Not hype: "best practice", "at best", "the best chance" ("best" counts only as a sales
adjective: "the best cure", "the very best"), "the most common" (only listed "most <adjective>"
phrases count), "breakthrough infections", "100% of patients"; nor a negated use ("not a
miracle", "no magic bullet"), a debunked one ("the myth that turmeric is a miracle cure") or a
word in scare quotes ("a so-called 'miracle'").

Sources: Abola M.V. & Prasad V. (2016) The use of superlatives in cancer research, JAMA Oncology
2(1):139-141; HealthNewsReview.org (Schwitzer) hype words and "words we love to hate"; Sumner P.
et al. (2014) exaggeration in academic press releases, BMJ 349:g7015; FDA "Health Fraud Scams"
tip-offs ("miracle cure", "scientific breakthrough", "100% natural").

Fires (``superlatives.miracle-claim``)::

    This miracle cure melts belly fat while you sleep.

Does not fire (a number and a named source support it)::

    Researchers called the drug a breakthrough: it cut deaths by 31%, said Dr. Jane Smith.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences, in_quotes, is_negated, quote_offsets

__all__ = ["SIGNAL", "RULES", "FEATURES", "analyze"]

_HYPE = load_lexicon("superlatives_hype")
_MIRACLE = load_lexicon("superlatives_miracle")
_MIRACLE_PHRASES = frozenset(_MIRACLE)
_MATCHER = PhraseMatcher((*_HYPE, *_MIRACLE))

RULES = (
    Rule(
        "superlatives.unsupported",
        "warning",
        "lowers",
        "A hype word or superlative with no number, citation or named source in its sentence "
        "or the next.",
        _HYPE.source,
    ),
    Rule(
        "superlatives.miracle-claim",
        "error",
        "lowers",
        "A miracle or cure-all claim ('miracle cure', 'cure-all', '100% effective') with no "
        "number, citation or named source in its sentence or the next.",
        _MIRACLE.source,
    ),
)

FEATURES = (
    Feature("hype_count", -1, "log1p of the number of asserted hype words (supported or not)."),
    Feature("unsupported_count", -1, "log1p of the number of unsupported hype words."),
    Feature("unsupported_share", -1, "Share of hype words that are unsupported; 0 with no hype."),
    Feature(
        "miracle_count",
        -1,
        "log1p of miracle / cure-all / 100%-effective claims.",
        floor=0.8,  # sales-page language the news data almost never holds
    ),
    Feature("title_hype", -1, "log1p of hype words in the title (0 without a title)."),
)

# --- which uses of a hype word are not hype -------------------------------------------------

# "best" is hype only as a sales adjective ("the best cure", "best supplement ever", "the very
# best"); "the best chance", "respond best", "best practice" and "at best" are ordinary English.
_BEST_HYPE_AFTER = frozenset(
    "treatment treatments cure cures remedy remedies supplement supplements product products "
    "drug drugs medicine medicines pill pills solution solutions therapy therapies formula "
    "ever natural thing doctor doctors clinic clinics surgeon surgeons diet diets food foods "
    "cream creams program programme method".split()
)
_BEST_HYPE_BEFORE = frozenset("very world's absolute absolutely".split())
_BREAKTHROUGH_NOT_HYPE_AFTER = frozenset(
    "infection infections case cases pain bleeding seizure seizures designation status prize "
    "devices".split()
)

# "100%": a claim word next to it makes it hype; the cure-like ones make it a miracle claim.
_HUNDRED_MIRACLE = frozenset(
    "effective effectiveness cure cures cured curable guaranteed guarantee success successful "
    "proven".split()
)
_HUNDRED_HYPE = frozenset("natural safe pure organic harmless risk".split())
_HUNDRED_MIRACLE_BEFORE = frozenset("guaranteed cures cure works worked effective".split())

# --- what counts as support -----------------------------------------------------------------

_SUPPORT = re.compile(
    r"""
    (?i:\d[\d,.]{0,12}\ ?(?:%|percent\b|per\ cent\b))                   # 31%, 12 percent
    | (?i:\b\d[\d,]{0,12}\ (?:out\ )?(?:of|in)\ \d)                     # 12 of 40, 1 in 5
    | (?i:\bn\ ?=\ ?\d)                                                 # n = 120
    | (?i:\bp\ ?[<=>]\ ?0?\.\d)                                         # p < .05
    | (?i:\bconfidence\ intervals?\b|\b95\ ?%?\ ?CI\b|\b(?:hazard|odds|risk)\ ratio\b)
    | (?i:\b\d[\d,]{0,12}\ (?:patients|participants|people|adults|children|kids|women|men
         |subjects|volunteers|individuals|mice|rats|cases|infants|babies|smokers|users
         |respondents|veterans|twins)\b)                                # 1,200 patients
    | (?i:\b\d[\d.]{0,6}[\ -](?:times|fold)\b)                          # 3 times, 2-fold
    | (?i:\bdoi:?\ ?10\.\d{4,9}/|\bhttps?://|\bwww\.|\bet\ al\b)        # DOI, URL, et al.
    | \((?:[^()\n]{0,60}[,\ ])?(?:19|20)\d\d[a-z]?\)                    # (2019), (Smith, 2019)
    | (?i:\bpublished\ (?:online\ |today\ )?(?:in|by|on)\b|\bjournal\b)
    | \b(?:NEJM|JAMA|BMJ|Lancet|PLOS|PLoS|PNAS|Cochrane|New\ England\ Journal
         |Annals\ of|Archives\ of)\b
    | \b(?:in|journal)\ (?:Nature|Science|Cell|Pediatrics|Circulation|Neurology)\b
    | (?i:\baccording\ to\ (?:the\ |a\ |an\ |new\ ){0,2})
      (?:[A-Z]|(?i:researchers|scientists|experts|doctors|authors|investigators|stud(?:y|ies)
         |data|research|report|survey|trial|analysis|review)\b)
    | \b(?:said|says|told|explained|explains|noted|notes|added|adds|wrote|writes|stated)
      \ (?:Dr\b|Prof\b|Professor\b|[A-Z][a-z]{1,20}\ [A-Z])             # said Dr. Smith
    | \b(?:Dr|Prof|Professor)\.?\ [A-Z][a-z]{1,20}                      # Dr. Smith
    | \b[A-Z][a-z]{1,20}(?:\ [A-Z]\.)?\ [A-Z][a-z]{1,20},?\ (?:said|says|told|explained
         |noted|added|wrote)\b                                          # Jane Smith said
    | (?i:\b(?:researchers|scientists|experts|authors|investigators|doctors)\ (?:at|from)\ )
      [A-Z]                                                             # researchers at Yale
    """,
    re.VERBOSE,
)


def _scare_quoted(doc: Document, start: int, end: int) -> bool:
    """True when the word sits in short quotes ("a 'miracle'", 'a so-called "cure-all"')."""
    text = doc.text
    if start > 0 and end < len(text) and text[start - 1] == "'" and text[end : end + 1] == "'":
        return True
    if not in_quotes(doc, start, end):
        return False
    # in_quotes found a quote before the word and one after it, in its sentence.
    quotes = quote_offsets(doc)
    k = bisect_left(quotes, start)
    opening, closing = quotes[k - 1], quotes[bisect_left(quotes, end, k)]
    return closing - opening <= 40


def _not_hype_use(doc: Document, first: int, stop: int, phrase: str) -> bool:
    words, starts = doc.words, doc.token_starts
    nxt = words[stop] if stop < len(words) else ""
    if phrase == "best":
        prev = words[first - 1] if first > 0 else ""
        if prev == "at":
            return True  # "at best"
        return nxt not in _BEST_HYPE_AFTER and prev not in _BEST_HYPE_BEFORE
    if phrase in ("breakthrough", "breakthroughs"):
        if nxt in _BREAKTHROUGH_NOT_HYPE_AFTER:
            return True
        # FDA "Breakthrough Therapy" designation, written with capitals.
        if nxt == "therapy" and doc.text[starts[stop]] == "T":
            return True
    return False


def _hundred_percent(doc: Document) -> list[tuple[int, int, str]]:
    """'100% natural', '100 percent effective', 'works 100%': (first, stop, kind) tokens."""
    out: list[tuple[int, int, str]] = []
    if "100" not in doc.lower:
        return out  # most texts: no need to walk the tokens
    words, ends = doc.words, doc.token_ends
    text = doc.text
    for i, word in enumerate(words):
        if word != "100":
            continue
        after = text[ends[i] : ends[i] + 2]
        if after[:1] == "%" or after == " %":
            claim = i + 1
        elif i + 1 < len(words) and words[i + 1] == "percent":
            claim = i + 2
        else:
            continue
        word = words[claim] if claim < len(words) else ""
        prev = words[i - 1] if i > 0 else ""
        if word in _HUNDRED_MIRACLE:
            out.append((i, claim + 1, "miracle"))
        elif word in _HUNDRED_HYPE:
            out.append((i, claim + 1, "hype"))
        elif prev in _HUNDRED_MIRACLE_BEFORE:
            out.append((i - 1, claim, "miracle"))
    return out


def _hype_uses(doc: Document) -> list[tuple[int, int, str, bool]]:
    """Asserted hype in ``doc``: (start, end, display phrase, is_miracle), in text order."""
    candidates: list[tuple[int, int, bool]] = []
    for first, stop, phrase in _MATCHER.finditer(doc):
        if not _not_hype_use(doc, first, stop, phrase):
            candidates.append((first, stop, phrase in _MIRACLE_PHRASES))
    taken = {i for first, stop, _ in candidates for i in range(first, stop)}
    for first, stop, kind in _hundred_percent(doc):
        if not taken.intersection(range(first, stop)):
            candidates.append((first, stop, kind == "miracle"))
    if not candidates:
        return []
    debunked = debunking_sentences(doc)
    out = []
    for first, stop, miracle in sorted(candidates):
        start, end = doc.token_starts[first], doc.token_ends[stop - 1]
        if doc.text[end : end + 1] == "%":
            end += 1  # "works 100%"
        if doc.token_sentence[first] in debunked or is_negated(doc, first):
            continue
        if _scare_quoted(doc, start, end):
            continue
        out.append((start, end, doc.text[start:end], miracle))
    return out


def _supported(
    doc: Document, sentence: int, hype_spans: list[tuple[int, int]], starts: list[int]
) -> bool:
    """True when the sentence holds support that is not itself part of a hype phrase
    (``starts``: the start of each of ``hype_spans``, in order)."""
    if sentence >= len(doc.sentences):
        return False
    s_start, s_end = doc.sentences[sentence]
    for m in _SUPPORT.finditer(doc.text, s_start, s_end):
        k = bisect_left(starts, m.end()) - 1
        if k >= 0 and hype_spans[k][1] > m.start():
            continue  # "100%" in "100% natural" does not support itself
        return True
    return False


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find hype words, check each for nearby support; return features and findings."""
    uses = _hype_uses(doc)
    findings: list[Finding] = []
    n_unsupported = 0
    n_miracle = 0
    if uses:
        spans = [(s, e) for s, e, _, _ in uses]
        starts = [s for s, _ in spans]  # once: rebuilding it per sentence was quadratic
        support: dict[int, bool] = {}  # sentence index -> has support, computed lazily
        for start, end, text, miracle in uses:
            n_miracle += miracle
            sentence = doc.sentence_at(start)
            for k in (sentence, sentence + 1):
                if k not in support:
                    support[k] = _supported(doc, k, spans, starts)
            if support[sentence] or support[sentence + 1]:
                continue
            n_unsupported += 1
            if miracle:
                findings.append(
                    doc.finding(
                        "superlatives.miracle-claim",
                        start,
                        end,
                        f"'{text}' promises a cure with no number or source in this or the "
                        "next sentence; the FDA lists such claims as a health-fraud tip-off. "
                        "Cut it, or say what evidence backs it.",
                        "error",
                    )
                )
            else:
                findings.append(
                    doc.finding(
                        "superlatives.unsupported",
                        start,
                        end,
                        f"'{text}' is a hype word with no number or source in this or the "
                        "next sentence; support it or cut it.",
                        "warning",
                    )
                )
    title_hype = 0
    if doc.title:
        title_hype = len(_hype_uses(Document.from_text(doc.title)))
    n_hype = len(uses)
    features = {
        "hype_count": math.log1p(n_hype),
        "unsupported_count": math.log1p(n_unsupported),
        "unsupported_share": n_unsupported / n_hype if n_hype else 0.0,
        "miracle_count": math.log1p(n_miracle),
        "title_hype": math.log1p(title_hype),
    }
    return features, findings


SIGNAL = Signal(name="superlatives", features=FEATURES, rules=RULES, analyze=analyze)
