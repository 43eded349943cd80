"""Benefits: are the benefits quantified, and in absolute rather than only relative terms?

What it detects
    How the text quantifies benefits, HealthNewsReview.org criterion 2. Absolute figures let a
    reader judge the size of a benefit: event rates in both groups ("from 10% to 6%", "19
    percent vs 14 percent", "12 of 200 patients", "3 in 100 people", "(11/16)"), rates per
    population ("46 fewer deaths per 1,000 people"), "percentage points", "absolute risk",
    "number needed to treat". Relative figures alone exaggerate: "cuts the risk by 50%",
    "halves the risk", "a 32 percent reduction in risk", "twice as likely", "five times more
    likely", a "hazard ratio" (a 50% cut may be from 2 in 1,000 to 1 in 1,000). The signal
    counts outcome numbers, notes absolute figures, and flags a text whose only figures are
    relative.

    A relative figure is a percentage or multiple followed by a change word ("40% less",
    "3-fold higher") or after "by" ("reduced by 30%"), in a sentence about a risk, rate, odds,
    chance or mortality; "blood pressure fell by 20 percent" is a change in a measurement, not
    a relative risk. Two or more plain percentages in a sentence with a comparison ("vs",
    "compared with", "than", "respectively", "placebo") are rates in both groups: absolute.
    Negated relative claims ("did not lower the risk by ...") and those in debunking sentences
    do not count. Figures in a sentence about a treatment's harms ("16.6% stopped because of
    adverse events") are harm rates, which the harms family counts, not figures for a benefit;
    nor is a seller's own figure ("94% of our patients") a group rate of a study.

Sources of the rules
    Moynihan R. et al. (2000) "Coverage by the news media of the benefits and risks of
    medications", N Engl J Med 342:1645-50; Woloshin S., Schwartz L.M., Welch H.G. (2008) *Know
    Your Chances: Understanding Health Statistics*; HealthNewsReview.org review criterion 2,
    "Does the story adequately quantify the benefits of the treatment/test/product/procedure?".

Examples
    Fires (benefits.relative-only): "The pill cuts the risk of stroke by 50%."
    Does not fire: "Strokes fell from 4% in the placebo group to 2% with the pill, a 50%
    relative reduction."
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """The space-separated words of ``words``, as a set."""
    return frozenset(words.split())


_HNR = (
    "HealthNewsReview.org review criterion 2, 'Does the story adequately quantify the benefits "
    "of the treatment/test/product/procedure?'"
)
_MOYNIHAN = "Moynihan et al., N Engl J Med 2000;342:1645-50"
_WOLOSHIN = "Woloshin, Schwartz & Welch, Know Your Chances (2008)"

RULES = (
    Rule(
        "benefits.absolute-risk",
        "info",
        "raises",
        "An absolute figure for a benefit or risk: event rates in both groups, natural "
        "frequencies ('3 in 100'), percentage points, absolute risk, number needed to treat.",
        f"{_WOLOSHIN}; {_MOYNIHAN}; {_HNR}",
    ),
    Rule(
        "benefits.relative-only",
        "warning",
        "lowers",
        "The benefit is given only in relative terms ('cuts the risk by 50%', 'twice as "
        "likely', a hazard ratio) with no absolute figure anywhere in the text.",
        f"{_MOYNIHAN}; {_WOLOSHIN}; {_HNR}",
    ),
)

FEATURES = (
    Feature(
        "absolute_stated",
        1,
        "1 when the text gives an absolute figure (rates in both groups, natural frequencies, "
        "percentage points, absolute risk, NNT), else 0.",
    ),
    Feature("absolute_figures", 1, "log1p of the number of absolute figures."),
    Feature(
        "quantified_outcomes",
        1,
        "log1p of the number of outcome figures (percentages, frequencies, relative figures).",
    ),
    Feature(
        "relative_only",
        -1,
        "1 when the text gives relative figures and no absolute one, else 0.",
    ),
)

# --------------------------------------------------------------------------- lexicons

_MATCHER = PhraseMatcher.from_lexicons(
    {
        "absolute": "benefits_absolute",
        "relative": "benefits_relative",
        "frequency": "benefits_frequencies",
    }
)
_KIND = _MATCHER.kinds

# --------------------------------------------------------------------------- patterns
# Every alternative of _FIGURES starts with a digit, so the regex engine skips straight from
# digit to digit (a pattern that can start with a word is ten times slower on long texts);
# the words before a number ("by", "from", "of the", "per") are checked in code. Bounded
# repetition only; nothing unbounded is nested.

_REST = r"\d{0,2}(?:\.\d{1,2})?"  # the rest of a number of up to 3 digits, after its first
_PER_CENT = r" ?(?:%|percent\b|per cent\b)"
_PCT = rf"\d{_REST}{_PER_CENT}"
_WORDNUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_BIG = r"(?:\d{1,3}(?:,\d{3}){1,2}|\d{1,7}|" + _WORDNUM + r"|a hundred|a thousand)"
_PEOPLE = (
    r"(?:patients|participants|people|persons|subjects|volunteers|women|men|children|adults|"
    r"infants|babies|kids|users|those|individuals|cases|recipients|smokers|survivors)\b"
)
_CHANGE = (
    r"(?:lower|higher|reduction|reduced|increase|increased|decrease|decreased|less|more|fewer|"
    r"greater|drop|rise|relative|elevated|excess|lowered|smaller|decline|improvement)\b"
)
_RISK_AFTER = r"(?: (?:likely|risk|chance|odds|rate|incidence|mortality)\b)?"
_FIGURES = re.compile(  # run on Document.lower
    r"\d(?:"
    # "32 percent lower", "40% less likely": relative if the sentence is about a risk.
    rf"(?P<rel_pct>{_REST}{_PER_CENT} {_CHANGE}{_RISK_AFTER})"
    # "5 times more likely", "3-fold higher".
    rf"|(?P<times>{_REST}[ -]?(?:fold|times) (?:more|less|higher|lower|greater|increased|"
    rf"elevated|the)\b{_RISK_AFTER})"
    # "59% of patients", "12 percent of the 40 participants": an event rate in a group.
    rf"|(?P<pct_of>{_REST}{_PER_CENT} of (?:the |all |those |these )?(?:\d{{1,6}} )?"
    rf"(?:[a-z-]{{2,20}} )?{_PEOPLE})"
    rf"|(?P<pct>{_REST}{_PER_CENT})"
    # "359 patients (59%)": a count and its rate.
    rf"|(?P<n_pct>\d{{0,5}} (?:[a-z-]{{2,20}} )?{_PEOPLE} \({_PCT}\))"
    # "19 patients, 16" after "of the": a count out of a group.
    rf"|(?P<of_the>[\d,]{{0,6}} (?:[a-z-]{{2,20}} )?{_PEOPLE},? {_BIG}\b)"
    # "1,000 people" after "per": a rate per population.
    rf"|(?P<per_n>(?:0|00|,000|000|0,000|00,000|000,000) (?:people|patients|persons|person|women|"
    rf"men|children|adults|participants|population|live births|births|users|screened|"
    rf"treated)\b)"
    # "12 of 200", "3 in 100", "2 out of 3".
    rf"|(?P<freq>\d{{0,5}} (?:in|out of|of) (?:every )?{_BIG}\b(?!%| ?percent| ?per cent))"
    # "11/16)" after "(": a count out of a group.
    rf"|(?P<frac>\d{{0,4}}/\d{{1,6}}\))"
    r")"
)
_BY_BEFORE = re.compile(
    r"\bby (?:about |nearly |almost |around |up to |more than |over |roughly |approximately |"
    r"as much as |at least |an estimated )?$"
)
_FREQ_ONLY = re.compile(rf"\d{{0,5}} (?:in|out of|of) (?:every )?{_BIG}\b(?!%| ?percent)")
_OF_THE_BEFORE = re.compile(r"\bof (?:the|these|those|all) $")
# The verb before "by 30%" ("cuts the risk of stroke by 30%"), to show the whole claim.
_VERB_BEFORE = re.compile(
    r"\b(?:reduc|cut|lower|decreas|increas|rais|boost|slash|drop|fell|fall|declin|improv|rose|"
    r"rise)[a-z]{0,6}\b[^.;!?]{0,60}$"
)
_RISK_WORDS = _wordset(
    "risk risks odds chance chances likelihood likely hazard rate rates incidence mortality death "
    "deaths dying die"
)
_COMPARE_WORDS = _wordset(
    "vs versus compared comparison compares than whereas while respectively placebo control "
    "controls against group groups arm arms"
)
_ABSOLUTE_GROUPS = frozenset({"pct_of", "n_pct", "of_the", "freq", "frac", "per_n"})
# A sentence about a treatment's harms gives harm rates ("16.6% stopped because of adverse
# events"), which the harms family counts; they are not figures for a benefit.
_HARM_WORDS = _wordset(
    "side adverse toxicity toxicities complication complications nausea vomiting diarrhea "
    "diarrhoea constipation headache headaches dizziness rash rashes tolerability"
)
# "94% of our patients", "80% of my clients": a seller's own figures, not a group of a study.
_OWN_GROUP = re.compile(r"% of (?:our|my) |percent of (?:our|my) |per cent of (?:our|my) ")
_NOT_AFTER = frozenset("0123456789.,")

_MESSAGES = {
    "absolute": "Gives an absolute figure: '{t}'. Keep it: absolute numbers show readers how "
    "big the benefit is (HealthNewsReview criterion 2).",
    "relative": "'{t}' is a relative figure and the text gives no absolute one. Give the "
    "absolute numbers as well (the rate in each group, e.g. 'from 4 in 100 to 2 in 100') so "
    "readers can judge how big the benefit is.",
}


# --------------------------------------------------------------------------- detection


def _sentence_words(doc: Document, sent: int) -> frozenset[str]:
    memo = doc._memo.setdefault("benefits_sentence_words", {})
    words = memo.get(sent)
    if words is None:
        s_start, s_end = doc.sentences[sent]
        words = memo[sent] = frozenset(
            w.strip("\"'()[],;:.!?") for w in doc.lower[s_start:s_end].split()
        )
    return words


def _token_at(doc: Document, offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (the last token if none)."""
    return min(bisect_left(doc.token_starts, offset), len(doc.words) - 1)


# "20% off", "save 30 percent": a sales discount (the commercial family's), not an outcome.
_OFF_AFTER = re.compile(r" ?off\b")
_SAVE_BEFORE = re.compile(r"\bsav(?:e|ing)s? (?:up to |an extra |over )?$")


def _is_discount(lower: str, start: int, end: int) -> bool:
    return bool(
        _OFF_AFTER.match(lower, end) or _SAVE_BEFORE.search(lower, max(start - 20, 0), start)
    )


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find absolute and relative figures for benefits and risks."""
    text = doc.text
    absolute: list[tuple[int, int]] = []
    relative: list[tuple[int, int, int]] = []  # start, end, sentence
    plain: dict[int, list[tuple[int, int]]] = {}  # sentence -> plain percentages
    from_pct: list[tuple[int, int, int]] = []  # "from 10%" waiting for its "to 6%"
    n_figures = 0

    lower = doc.lower
    for m in _FIGURES.finditer(lower):
        group = m.lastgroup
        start, end = m.span()
        if start and lower[start - 1] in _NOT_AFTER:
            continue  # inside a longer number ("1234 percent", "2.5%")
        if group == "of_the" and not _OF_THE_BEFORE.search(lower, max(start - 12, 0), start):
            group = "freq" if _FREQ_ONLY.match(lower, start) else None
        elif (
            group == "per_n"
            and lower[max(start - 4, 0) : start] != "per "
            or group == "frac"
            and lower[start - 1 : start] != "("
        ):
            group = None
        if group is None or _is_discount(lower, start, end):
            continue
        sent = doc.sentence_at(start)
        n_figures += 1
        if _sentence_words(doc, sent) & _HARM_WORDS or (
            group == "pct_of" and _OWN_GROUP.search(lower, start, end)
        ):
            continue
        if group in _ABSOLUTE_GROUPS:
            absolute.append((start - 4 if group == "per_n" else start, end))
            continue
        by = _BY_BEFORE.search(lower, max(start - 30, 0), start)
        if group in ("pct", "pct_of") and by is None:
            if lower[max(start - 5, 0) : start] == "from " and group == "pct":
                from_pct.append((start, end, sent))
            elif lower[max(start - 3, 0) : start] == "to " and from_pct:
                f_start, _, f_sent = from_pct[-1]
                if f_sent == sent and start - f_start < 70:
                    absolute.append((f_start - 5, end))  # "from 10% to 6%"
                    from_pct.pop()
                    plain.get(sent, []).clear()
                    continue
            plain.setdefault(sent, []).append((start, end))
        elif _sentence_words(doc, sent) & _RISK_WORDS:
            if by is not None:
                verb = _VERB_BEFORE.search(lower, max(doc.sentences[sent][0], start - 70), start)
                start = verb.start() if verb is not None else by.start()
            relative.append((start, end, sent))
        else:
            # "blood pressure fell by 20 percent": a change in a measurement.
            plain.setdefault(sent, []).append((start, end))

    for first, stop, phrase in _MATCHER.finditer(doc):
        start, end = doc.token_starts[first], doc.token_ends[stop - 1]
        n_figures += 1
        kind = _KIND[phrase]
        if kind == "absolute":
            absolute.append((start, end))
        elif kind == "relative":
            sent = doc.token_sentence[first]
            if not _sentence_words(doc, sent) & _RISK_WORDS:
                continue  # "cut the waiting time by half"
            if phrase.startswith("by "):
                verb = _VERB_BEFORE.search(lower, max(doc.sentences[sent][0], start - 70), start)
                start = verb.start() if verb is not None else start
            relative.append((start, end, sent))

    # Two or more plain percentages compared in one sentence: rates in both groups.
    for sent, spans in plain.items():
        if len(spans) >= 2 and _sentence_words(doc, sent) & _COMPARE_WORDS:
            absolute.append((spans[0][0], spans[-1][1]))

    # Relative claims that are negated or debunked do not count.
    if relative:
        debunked = debunking_sentences(doc)
        relative = [
            r
            for r in relative
            if r[2] not in debunked and not is_negated(doc, _token_at(doc, r[0]), 4)
        ]

    findings: list[Finding] = []
    for start, end in absolute:
        findings.append(
            doc.finding(
                "benefits.absolute-risk",
                start,
                end,
                _MESSAGES["absolute"].format(t=_shown(text, start, end)),
                "info",
            )
        )
    relative_only = bool(relative) and not absolute
    if relative_only:
        for start, end, _ in relative:
            findings.append(
                doc.finding(
                    "benefits.relative-only",
                    start,
                    end,
                    _MESSAGES["relative"].format(t=_shown(text, start, end)),
                    "warning",
                )
            )
    findings.sort(key=lambda f: (f.start, f.end))

    features = {
        "absolute_stated": 1.0 if absolute else 0.0,
        "absolute_figures": math.log1p(len(absolute)),
        "quantified_outcomes": math.log1p(n_figures),
        "relative_only": 1.0 if relative_only else 0.0,
    }
    return features, findings


def _shown(text: str, start: int, end: int) -> str:
    shown = text[start:end]
    return shown if len(shown) <= 80 else shown[:77] + "..."


SIGNAL = Signal(name="benefits", features=FEATURES, rules=RULES, analyze=analyze)
