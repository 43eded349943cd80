"""Efficacy claims: a treatment asserted, in the writer's own voice, to cure or prevent a disease.

What it detects
    "This tea cures cancer", "reverses type 2 diabetes", "our protocol treats the root cause",
    "eliminates arthritis", "is a natural cure for psoriasis" (``efficacy.cure-claim``, an
    error) and "prevents heart disease", "protects against COVID-19" (``efficacy.prevention-
    claim``, a warning: weaker, and true of many vaccines, which are left out). A cure or
    prevention verb counts only with a disease right after it (a few words such as "the",
    "all", "type 2", "even" may sit between) and only as the writer's own assertion, with
    nothing in reach that makes it something else:

    - a hedge before it in its sentence ("may help prevent", "could one day cure", "is thought
      to"), a limiting word ("cures many early cancers", "often prevents"), or the verb as an
      aim rather than a fact ("to cure", "help prevent", "in the race to cure");
    - attribution: quoted, or credited to someone else ("the company claims it cures", "cures
      arthritis, according to its maker", "reportedly"); the first person is the writer's own
      voice ("we believe it cures");
    - negation ("does not cure", "no supplement prevents"), a question ("Can turmeric cure
      cancer?"), a condition ("if it cures"), or a debunked sentence (the myth that ..., a
      claim the next sentence refutes: see :func:`~credscore.signals.context.debunking_sentences`);
    - a study or a statistic in reach: a percentage, "12 of 40", a sample size, a p-value,
      a journal, a named source, or a study word (trial, study, researchers, mice) in its
      sentence, or a study word or citation in the sentence before or after. So a trial report
      ("the drug cured 40% of patients", "cure rates of 95%") does not fire. A seller's own
      figures ("94% of our patients") are not a study and do not excuse a claim.

    The headline is read too: a claim there is reported at offset 0 with an empty span, and
    its message quotes the headline.

Sources of the rules
    U.S. Food and Drug Administration, "Health Fraud Scams" and "6 Tip-offs to Rip-offs": the
    first tip-off is one product that "cures a wide range of diseases"; U.S. Federal Trade
    Commission, "Health Claims" guidance (a disease claim needs competent and reliable
    scientific evidence); Sumner P. et al. (2014) "The association between exaggeration in
    health related science news and academic press releases", BMJ 349:g7015 (claims and
    advice stronger than the research).

Examples
    Fires (efficacy.cure-claim): "Our tea cures diabetes, arthritis and cancer in 7 days."
    Does not fire: "The tea may help prevent cancer, the company claims." and "In the trial,
    the drug cured 40% of the 300 patients."
"""

from __future__ import annotations

import math

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, sentence_words
from credscore.signals.context import NEGATORS, debunking_sentences
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

_FDA = "FDA, Health Fraud Scams and '6 Tip-offs to Rip-offs'"
_SUMNER = "Sumner et al., BMJ 2014;349:g7015"

RULES = (
    Rule(
        "efficacy.cure-claim",
        "error",
        "lowers",
        "A treatment asserted in the writer's own voice to cure, reverse, eliminate or heal "
        "a disease ('cures cancer', 'reverses diabetes', 'treats the root cause'), with no "
        "hedge, study or source in reach.",
        f"{_FDA}; FTC, Health Claims; {_SUMNER}",
    ),
    Rule(
        "efficacy.prevention-claim",
        "warning",
        "lowers",
        "A treatment asserted in the writer's own voice to prevent a disease ('prevents heart "
        "disease', 'protects against cancer'), with no hedge, study or source in reach.",
        f"{_FDA}; FTC, Health Claims; {_SUMNER}",
    ),
)

FEATURES = (
    Feature(
        "claim_count",
        -1,
        "log1p of the number of unhedged, unattributed, unsupported claims (text and headline) "
        "that a treatment cures or prevents a disease.",
        # The labelled news holds few such claims and no sales pages: the FDA's first
        # tip-off must cost something whatever the data say (1.5: a cure claim still moves
        # a short text by 0.75 logits once the wording widened the calibrated scale).
        floor=1.5,
    ),
)

_MATCHER = PhraseMatcher.from_lexicons({"cure": "efficacy_cures", "prevent": "efficacy_prevention"})
_KIND = _MATCHER.kinds
# Diseases are looked up only right after a verb (claims are rare, disease words are not).
_DISEASES = phrases_by_first_word(load_lexicon("efficacy_diseases"))
_RULE = {"cure": "efficacy.cure-claim", "prevent": "efficacy.prevention-claim"}
_SEVERITY = {"cure": "error", "prevent": "warning"}

# Base forms ("cure", "prevent") are a claim only after one of these ("can cure", "will
# reverse", "herbs that cure"), or after a plural noun ("these herbs cure"); "a cure" and
# "the cure" are nouns, "to cure" an aim.
_BASE_FORMS = frozenset("cure reverse eradicate eliminate heal prevent".split())
_CLAIMING_BEFORE = frozenset("can will does do did that which who ll".split())
_PASSIVE_BEFORE = frozenset("be been being is are was were get got".split())
_ADVERBS = frozenset(
    "actually really naturally completely totally fully permanently effectively quickly "
    "literally truly also even safely gently finally now often".split()
)
# Words that may sit between the verb and the disease ("reverses type 2 diabetes", "cures
# all cancers", "gets rid of your arthritis").
_FILLER = frozenset(
    "the your my his her their its all any every even and or also naturally completely "
    "permanently fully totally forever type stage chronic advanced late symptoms of forms "
    "types kinds most many some certain early".split()
)
# A limiting word makes the claim a qualified one ("cures many early cancers").
_LIMITING = frozenset("most many some certain early sometimes often usually occasionally".split())
# "helps prevent", "aids in healing": a weaker claim, right before the verb.
_HELP = frozenset("help helps helped helping aid aids in".split())
# Vaccines and prescribed preventive medication are made to prevent disease: "the vaccine
# prevents measles" and "PrEP medication can prevent HIV" are no fraud tip-off.
_PREVENTIVES = frozenset(
    "vaccine vaccines vaccination vaccinations vaccinated immunization immunisation "
    "immunizations immunisations shot shots jab jabs booster boosters medication medications "
    "prep prophylaxis".split()
)
# A disease word that modifies the next noun is not the object of the claim ("prevents
# cancer cells from", "protected against COVID-19 related liabilities").
_MODIFIED_AFTER = frozenset(
    "related cell cells patients patient research researchers risk risks care treatment "
    "treatments drug drugs screening deaths death mortality rate rates case cases diagnosis "
    "diagnoses spread outbreak outbreaks pandemic crisis lockdown restrictions testing test "
    "tests vaccine vaccines survivors misinformation liabilities progression".split()
)
_MESSAGES = {
    "cure": "'{t}' asserts, in the writer's own voice and with no hedge, study or source in "
    "reach, that a treatment cures a disease: the FDA's first health-fraud tip-off. Cut it, "
    "say what the evidence shows ('in a trial of 200 people, ...'), or attribute it.",
    "prevent": "'{t}' asserts, with no hedge, study or source in reach, that a treatment "
    "prevents a disease. Say how much it lowers the risk and what study shows it, or hedge "
    "it ('may lower the risk of').",
}


def _disease_after(doc: Document, stop: int) -> tuple[int, bool] | None:
    """(the token after the disease, limited?) when a disease starts within a few filler
    words after token ``stop`` in the same sentence, else None."""
    words, sentence = doc.words, doc.token_sentence[stop - 1]
    limited = False
    for j in range(stop, min(stop + 5, len(words))):
        if doc.token_sentence[j] != sentence:
            return None
        end = phrase_at(doc, j, _DISEASES)
        if end is not None:
            if end < len(words) and words[end] in _MODIFIED_AFTER:
                return None
            return end, limited
        if words[j] not in _FILLER and not words[j].isdigit():
            return None
        limited = limited or words[j] in _LIMITING
    return None


def _is_assertion(doc: Document, first: int, phrase: str) -> bool:
    """True when the verb at token ``first`` asserts: a finite form, not an aim, a noun or a
    hedged, negated or conditional use."""
    j = word_before(doc, first, _ADVERBS)
    prev = doc.words[j] if j >= 0 else ""
    if prev == "to" or prev in _HELP:
        return False  # "to cure", "how to prevent", "helps prevent"
    if phrase in _BASE_FORMS:
        if prev in ("a", "an", "the", "no", "any", "for"):
            return False  # "a cure", "no cure"
        if prev not in _CLAIMING_BEFORE and not plural_subject(prev):
            return False
    elif phrase.split()[0].endswith("ed") and prev in _PASSIVE_BEFORE:
        return False  # "can be cured", "was prevented": a passive report, not a promise
    before = clause_before(doc, first)
    return not (HEDGES.intersection(before) or NEGATORS.intersection(before))


# Verbs that claim to treat a root cause: "treats the root cause", "gets to the root cause".
_ROOT_VERBS = tuple(
    "treat address target tackl fix correct cure heal eliminat resolv get got".split()
)


def _treats_before(doc: Document, first: int) -> bool:
    """True when a verb of treating comes right before "the root cause" at token ``first``
    ("treats the root cause", "gets to the root cause"), in the same sentence."""
    j = first - 1
    if j > 0 and doc.words[j] in ("to", "at"):
        j -= 1
    if j < 0 or doc.token_sentence[j] != doc.token_sentence[first]:
        return False
    verb = doc.words[j]
    return verb.startswith(_ROOT_VERBS) and not verb.endswith(("ment", "ments", "er", "ers"))


def _noun_cure(doc: Document, first: int) -> bool:
    """True for "is a (natural) cure for" / "is the cure for" at token ``first`` ("cure")."""
    words = doc.words
    if first + 1 >= len(words) or words[first + 1] != "for":
        return False
    for j in range(first - 1, max(first - 4, 0) - 1, -1):
        if words[j] in ("a", "an", "the"):
            return j > 0 and words[j - 1] in ("is", "are", "it's")
    return False


def _claims(doc: Document) -> list[tuple[int, int, str]]:
    """Efficacy claims in ``doc`` as (start, end, kind), in text order."""
    matches = _MATCHER.finditer(doc)
    starts, ends = doc.token_starts, doc.token_ends
    out: list[tuple[int, int, str]] = []
    debunked: frozenset[int] | None = None
    for first, stop, phrase in matches:
        kind = _KIND[phrase]
        if phrase.startswith("the "):  # "the root cause", after a verb of treating
            if not _treats_before(doc, first):
                continue
            first -= 1 + (doc.words[first - 1] in ("to", "at"))
            if not _is_assertion(doc, first, doc.words[first]):
                continue  # "aims to treat the root cause", "may address the root cause"
            end_token = stop
        elif phrase == "cure" and _noun_cure(doc, first):
            found = _disease_after(doc, stop + 1)
            if found is None or found[1]:
                continue
            end_token = found[0]
        else:
            found = _disease_after(doc, stop)
            if found is None or found[1] or not _is_assertion(doc, first, phrase):
                continue
            end_token = found[0]
        sentence = doc.token_sentence[first]
        if kind == "prevent" and _PREVENTIVES.intersection(sentence_words(doc, sentence)):
            continue
        if debunked is None:
            debunked = debunking_sentences(doc)
        start, end = starts[first], ends[end_token - 1]
        if (
            sentence in debunked
            or is_question(doc, sentence)
            or attributed(doc, start, end)
            or any(studied(doc, k, k == sentence) for k in (sentence, sentence - 1, sentence + 1))
        ):
            continue
        out.append((start, end, kind))
    return out


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find efficacy claims in the text and the headline."""
    findings = [
        doc.finding(
            _RULE[kind], start, end, _MESSAGES[kind].format(t=doc.text[start:end]), _SEVERITY[kind]
        )
        for start, end, kind in _claims(doc)
    ]
    head = title_document(doc)
    # A headline claim is excused when the lede reports the study behind it.
    if head is not None and not any(studied(doc, k, True) for k in (0, 1)):
        for start, end, kind in _claims(head):
            findings.append(
                doc.finding(
                    _RULE[kind],
                    0,
                    0,
                    f"In the headline '{doc.title}': "
                    + _MESSAGES[kind].format(t=head.text[start:end]),
                    _SEVERITY[kind],
                )
            )
        findings.sort(key=lambda f: (f.start, f.end))
    return {"claim_count": math.log1p(len(findings))}, findings


SIGNAL = Signal(name="efficacy", features=FEATURES, rules=RULES, analyze=analyze)
