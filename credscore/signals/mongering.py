"""Disease-mongering: fear appeals, alarming prevalence claims and medicalising labels.

What it detects
    Writing that sells sickness (HealthNewsReview.org criterion 5): it frightens the reader
    ("silent killer", "ticking time bomb", "terrifying", "don't wait until it's too late", "are
    you at risk?", "you could have it and not know it"), it inflates how common a condition is
    to alarm ("millions of Americans suffer in silence", "1 in 3 adults has it and doesn't
    know"), or it turns an ordinary state of life into a disease with a marketing label ("low
    T", "male menopause", "adrenal fatigue"). All features can only lower credibility.

    A sourced prevalence figure is not mongering: "Heart disease is the leading cause of death,
    according to the CDC" and "About 37 million adults in the U.S. have kidney disease, the CDC
    estimates" do not fire. A figure about a condition fires (mongering.unsourced-prevalence)
    when neither its sentence nor the next names a source (no "according to", "said", agency,
    survey, study, report or numbered reference "[2]"): readers cannot check that the
    condition is as common as claimed. When its sentence also frightens ("epidemic",
    "undiagnosed", "don't know they have it", "skyrocketing"), it is a prevalence alarm
    (mongering.prevalence-alarm) and also counts as a classic mongering mark. Head counts that are not about a condition ("millions of Americans are out
    of work") are skipped, and so are negated and debunked phrases ("the 'silent epidemic' is a
    myth", "HIV is no longer a death sentence") and "killer T cells".

    Measured on the HealthRelease verdicts for criterion 5, an unsourced prevalence figure is
    twice as common in releases that fail the criterion (16% vs 8%); classic fear appeals are
    rare in the labelled data, so their weight rests on a floor.

Sources of the rules
    Moynihan R., Heath I., Henry D. (2002) "Selling sickness: the pharmaceutical industry and
    disease mongering", BMJ 324:886-891; Payer L. (1992) *Disease-Mongers*; HealthNewsReview.org
    review criterion 5 ("Does the story commit disease-mongering?"); Woloshin S., Schwartz L.M.
    (2006) "Giving legs to restless legs: a case study of how the media helps make people
    sick", PLoS Medicine 3(4):e170; Schwartz L.M., Woloshin S. (2013) "Low 'T' as in
    'template': how to sell disease", JAMA Internal Medicine 173(15):1460-1462.

Examples
    Fires (mongering.fear-appeal, mongering.prevalence-alarm): "This silent killer is a
    ticking time bomb: millions of Americans have it and don't even know it."
    Does not fire: "Heart disease is the leading cause of death in the U.S., according to the
    CDC."
"""

from __future__ import annotations

import math
import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, without_overlaps
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]

# Words that can open a prevalence figure ("millions of", "2.5 million", "1 in 3", "half of");
# only sentences holding one are searched with the prevalence pattern.
_ANCHORS = (
    "millions",
    "billions",
    "million",
    "billion",
    "hundreds of thousands",
    "half of",
    *(
        f"{n} {w}"
        for n in ("one", "two", "three", "four", "1", "2", "3", "4")
        for w in ("in", "out of")
    ),
)
_KIND = {p: "fear" for p in load_lexicon("mongering_fear")}
_KIND.update({p: "label" for p in load_lexicon("mongering_labels")})
_KIND.update({p: "anchor" for p in _ANCHORS})
_MATCHER = PhraseMatcher(tuple(_KIND))

_HNR5 = "HealthNewsReview.org review criterion 5 (disease-mongering)"
_MOYNIHAN = "Moynihan, Heath & Henry, 'Selling sickness', BMJ 2002"

RULES = (
    Rule(
        "mongering.fear-appeal",
        "warning",
        "lowers",
        "A fear appeal about a condition: 'silent killer', 'ticking time bomb', 'terrifying', "
        "'don't wait until it's too late', 'are you at risk?'.",
        f"{_MOYNIHAN}; Payer, Disease-Mongers (1992); {_HNR5}",
    ),
    Rule(
        "mongering.prevalence-alarm",
        "warning",
        "lowers",
        "A prevalence figure ('millions of Americans', '1 in 3 adults') framed to alarm ('... "
        "and don't even know it', 'epidemic'), with no source in its sentence or the next.",
        f"{_MOYNIHAN}; Woloshin & Schwartz, PLoS Med 2006; {_HNR5}",
    ),
    Rule(
        "mongering.unsourced-prevalence",
        "warning",
        "lowers",
        "A prevalence figure about a condition ('millions of Americans have it', '1 in 3 "
        "adults') with no source in its sentence or the next, not framed to alarm.",
        f"{_MOYNIHAN}; Woloshin & Schwartz, PLoS Med 2006; {_HNR5}",
    ),
    Rule(
        "mongering.medicalising",
        "warning",
        "lowers",
        "A marketing label that turns an ordinary state into a disease: 'low T', 'male "
        "menopause', 'adrenal fatigue'.",
        load_lexicon("mongering_labels").source,
    ),
)

FEATURES = (
    Feature("fear_count", -1, "log1p of the number of fear appeals (not negated, not debunked)."),
    Feature(
        "unsourced_prevalence",
        -1,
        "log1p of the number of prevalence figures ('millions of Americans', '1 in 3 adults') "
        "with no source in their sentence or the next.",
    ),
    Feature(
        "mongering_count",
        -1,
        "log1p of the classic mongering marks: fear appeals, medicalising labels and "
        "unsourced prevalence figures framed to alarm.",
        floor=0.5,  # the labelled news and releases hold almost none of these
    ),
)

# --------------------------------------------------------------------------- patterns
# Bounded repetition only; nothing nests an unbounded quantifier.

_PEOPLE = (
    r"(?:people|persons|americans|adults|women|men|children|kids|teens|teenagers|adolescents|"
    r"patients|seniors|babies|infants|individuals|britons|canadians|australians|europeans|"
    r"sufferers|girls|boys|smokers|veterans)"
)
_NUMBER_WORD = r"(?:\d{1,4}|two|three|four|five|six|seven|eight|nine|ten)"
_PREVALENCE = re.compile(  # run on Document.lower
    r"\b(?:(?:(?:tens|hundreds) of )?(?:millions|billions)|hundreds of thousands"
    r"|\d{1,3}(?:[.,]\d{1,3})? (?:million|billion)"
    rf"|(?:one|two|three|four|1|2|3|4) (?:in|out of) (?:every )?{_NUMBER_WORD}"
    r"|half of (?:all )?)"
    r"(?! (?:of )?(?:dollars|pounds|euros|doses|tests|masks|tons|tonnes|years)\b)"  # not money
    rf"(?: of)?(?: [a-z.'-]{{1,20}}){{0,3}}? {_PEOPLE}\b"
    r"|\bmillions (?:suffer|are suffering|are affected|live with|have it)\b"
)
_ALARM = re.compile(  # run on a sentence of Document.lower
    r"\b(?:epidemic|suffer(?:s|ing)? (?:in silence|silently|needlessly)|silent(?:ly)?|"
    r"undiagnosed|unaware|(?:don't|do not|doesn't|does not|not) (?:even )?(?:know|realize|"
    r"realise)|without (?:even )?knowing|skyrocket(?:s|ing|ed)?|soar(?:s|ing)?|"
    r"explod(?:e|es|ing)|staggering|alarming(?:ly)?|shocking|frightening|terrifying|"
    r"time bomb|plague|at risk and)\b"
)
# The sentence must be about a condition, not a head count ("millions of Americans out of
# work", "67 million people in the UK").
_CONDITION = re.compile(  # run on a sentence of Document.lower
    r"\b(?:suffer|affect|afflict|diagnos|disease|disorder|syndrome|condition|cancer|tumou?r|"
    r"infect|illness|ill\b|sick|deficien|diabet|obes|overweight|dementia|alzheimer|depress|"
    r"anxiety|asthma|arthritis|pain|hypertension|blood pressure|cholesterol|stroke|heart|"
    r"kidney|liver|allerg|insomnia|migraine|osteopor|autism|adhd|hiv|hepatitis|addict|"
    r"disabilit|symptom|chronic|at risk)"
)
_SOURCE = re.compile(  # run on Document.text, over a sentence and the next
    r"\b(?i:according to|estimat(?:e|es|ed)|surveys?|census|stud(?:y|ies)|report(?:s|ed)?|"
    r"data (?:from|show)|statistics|published|journal|researchers|says|said|say)\b"
    r"|\[\d{1,3}(?:[,-]\d{1,3}){0,5}\]"  # a numbered reference, "[2]" or "[4]-[6]"
    r"|\b(?:CDC|WHO|NIH|NHS|NCI|FDA|AHA|ACS|Centers for Disease Control|World Health "
    r"Organization|National Institutes? of|National Cancer Institute|American [A-Z][a-z]{2,20} "
    r"(?:Association|Society|Foundation))\b"
)
# "the top killer T cells" is immunology, not fear.
_KILLER_NOT_FEAR_AFTER = frozenset({"cell", "cells", "t"})

_MESSAGES = {
    "fear": "'{t}' is a fear appeal: it frightens the reader about the condition instead of "
    "saying how common and how serious it really is. State the numbers and their source.",
    "prevalence": "'{t}': a prevalence figure with no source in this sentence or the next. "
    "Readers cannot check that the condition is as common as claimed; name the source (an "
    "agency, survey or study).",
    "alarm": "'{t}': a prevalence figure framed to alarm, with no source in this sentence or "
    "the next. Name the source and say who is really at risk, without the alarm.",
    "label": "'{t}' is a marketing label that turns an ordinary state into a disease. Use the "
    "clinical term and say who actually needs treatment.",
}
_RULE = {
    "fear": "mongering.fear-appeal",
    "prevalence": "mongering.unsourced-prevalence",
    "alarm": "mongering.prevalence-alarm",
    "label": "mongering.medicalising",
}


# "Are you at risk?" and "could you be at risk?" are appeals; "puts you at risk for" is advice.
_NEEDS_BEFORE = {
    "you at risk": frozenset({"are"}),
    "you be at risk": frozenset({"could", "might", "may", "would", "will"}),
}
# "... and not know it." ends a clause; "did not know it was cancer" does not.
_CLAUSE_END = frozenset(
    {
        "not know it",
        "not even know it",
        "don't know it",
        "don't even know it",
        "doesn't know it",
        "doesn't even know it",
        "never know it",
        "without knowing it",
        "without even knowing it",
        "don't know they have it",
        "do not know they have it",
    }
)


def _is_fear(doc: Document, first: int, stop: int, phrase: str) -> bool:
    words, ends = doc.words, doc.token_ends
    if phrase in _NEEDS_BEFORE:
        return first > 0 and words[first - 1] in _NEEDS_BEFORE[phrase]
    if phrase in _CLAUSE_END:
        after = doc.text[ends[stop - 1] : ends[stop - 1] + 8].lstrip()
        return after[:1] in ("", ".", ",", ";", ":", "!", "?", ")", '"') or after.startswith("yet")
    if phrase.endswith("killer") and stop < len(words):
        return words[stop] not in _KILLER_NOT_FEAR_AFTER
    return True


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find fear appeals, alarming prevalence claims and medicalising labels."""
    text, lower, starts, ends = doc.text, doc.lower, doc.token_starts, doc.token_ends
    hits: list[tuple[int, int, str]] = []
    debunked: frozenset[int] | None = None

    anchored: set[int] = set()  # sentences holding a possible prevalence figure
    for first, stop, phrase in _MATCHER.finditer(doc):
        kind = _KIND[phrase]
        if kind == "anchor":
            anchored.add(doc.token_sentence[first])
            continue
        if kind == "fear" and not _is_fear(doc, first, stop, phrase):
            continue
        if debunked is None:
            debunked = debunking_sentences(doc)
        if doc.token_sentence[first] in debunked or is_negated(doc, first):
            continue
        if phrase in _NEEDS_BEFORE:
            first -= 1  # show "are you at risk", not "you at risk"
        start, end = starts[first], ends[stop - 1]
        if kind == "label" and start > 0 and text[start - 1] == '"' and text[end : end + 1] == '"':
            continue  # a label in quotes is being talked about
        hits.append((start, end, kind))

    # Prevalence figures with no source in their sentence or the next: one per sentence.
    n_sentences = len(doc.sentences)
    for k in sorted(anchored):
        s_start, s_end = doc.sentences[k]
        m = _PREVALENCE.search(lower, s_start, s_end)
        if m is None:
            continue
        alarm = _ALARM.search(lower, s_start, s_end) is not None
        if not alarm and _CONDITION.search(lower, s_start, s_end) is None:
            continue
        source_end = doc.sentences[k + 1][1] if k + 1 < n_sentences else s_end
        if _SOURCE.search(text, s_start, source_end) is not None:
            continue
        if debunked is None:
            debunked = debunking_sentences(doc)
        if k in debunked:
            continue
        hits.append((m.start(), m.end(), "alarm" if alarm else "prevalence"))

    hits.sort()
    findings: list[Finding] = []
    counts = dict.fromkeys(_RULE, 0)
    for start, end, kind in without_overlaps(hits):
        counts[kind] += 1
        message = _MESSAGES[kind].format(t=text[start:end])
        findings.append(doc.finding(_RULE[kind], start, end, message, "warning"))

    features = {
        "fear_count": math.log1p(counts["fear"]),
        "unsourced_prevalence": math.log1p(counts["prevalence"] + counts["alarm"]),
        "mongering_count": math.log1p(counts["fear"] + counts["label"] + counts["alarm"]),
    }
    return features, findings


SIGNAL = Signal(name="mongering", features=FEATURES, rules=RULES, analyze=analyze)
