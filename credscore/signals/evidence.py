"""Evidence: does the text tell readers what kind of study the claim rests on?

What it detects
    HealthNewsReview.org criterion 4 asks whether a story "grasps the quality of the evidence":
    does it say what kind of study was done, how many people took part, whether the results come
    from animals or cells, and does its language fit the design? This family finds

    - a named study design: randomised, placebo-controlled or double-blind trials, systematic
      reviews and meta-analyses (the strong designs), clinical trials, control groups and
      observational designs (cohort, case-control, cross-sectional);
    - a stated sample size: "1,200 patients", "n = 45", "a study of 30 women";
    - animal or cell evidence sold as a human result: the study is only in mice, rats or cell
      cultures, the headline (or, without one, the first sentence) promises something for people,
      and nothing in the text says the result has not yet been shown in humans;
    - correlation written as causation: the study described is observational (a cohort or
      case-control study, questionnaires, medical records, "data from") and no trial or animal
      study is named, yet the headline or a sentence reporting the finding says the exposure
      "causes", "prevents", "protects against" or "cuts your risk".

    Limitation phrases ("in mice", "observational study", "more research is needed", "small
    study") are counted by the hedging family; this family does not count them again.

    Context: a causal verb after a modal or hedge ("may protect against", "suggests it prevents"),
    a negated one ("does not cause") or one inside a debunked claim does not count, nor does the
    noun "causes" ("the causes of dementia"). A ratio is not a sample ("1 in 100 people", "40% of
    women", "5 million Americans"), nor is an age ("65-year-old women"). "Trial" in "free
    trial", "trial and error" or a court trial is not a study.

Sources of the rules
    HealthNewsReview.org review criteria, criterion 4, and its toolkit "Tips for understanding
    studies"; Schwitzer G. (2008) PLoS Med 5(5):e95; Sumner P. et al. (2014) BMJ 349:g7015
    "The association between exaggeration in health related science news and academic press
    releases"; Haber N. et al. (2018) PLoS ONE 13(5):e0196346 "Causal language and strength of
    inference in academic and media articles shared in social media (CLAIMS)"; Guyatt G. et al.
    (2008) BMJ 336:924 (GRADE).

Examples
    Fires (evidence.study-design, evidence.sample-size): "In a randomized trial of 1,200
    patients, the drug lowered blood pressure."
    Fires (evidence.causal-language): "The cohort study of nurses found that coffee prevents
    liver cancer."
    Does not fire: "Coffee may protect the liver, but the causes of liver cancer are many."
"""

from __future__ import annotations

import math
import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]


def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(words.split())


_HNR = "HealthNewsReview.org review criterion 4 (quality of the evidence) and toolkit"
_CAUSAL_SOURCES = "Sumner et al. (2014) BMJ 349:g7015; Haber et al. (2018) PLoS ONE 13(5):e0196346"

RULES = (
    Rule(
        "evidence.study-design",
        "info",
        "raises",
        "The text names the study design (randomised trial, meta-analysis, cohort study, ...).",
        f"{_HNR}; {load_lexicon('evidence_strong_designs').source}",
    ),
    Rule(
        "evidence.sample-size",
        "info",
        "raises",
        "The text says how many people (or animals) were studied.",
        f"{_HNR}; Schwitzer G. (2008) PLoS Med 5(5):e95",
    ),
    Rule(
        "evidence.animal-as-human",
        "warning",
        "lowers",
        "The only study is in animals or cells, the headline promises a benefit for people, "
        "and the text never says the result is unproven in humans.",
        f"{load_lexicon('evidence_animal').source}; Sumner et al. (2014) BMJ 349:g7015",
    ),
    Rule(
        "evidence.causal-language",
        "warning",
        "lowers",
        "Cause-and-effect wording ('causes', 'prevents', 'cuts your risk') about an "
        "observational study, which can show only an association.",
        _CAUSAL_SOURCES,
    ),
)

FEATURES = (
    Feature("design_named", 1, "1 when the text names a study design, else 0."),
    Feature(
        "strong_design",
        1,
        "1 when the text names a randomised, placebo-controlled or blinded trial, a "
        "systematic review or a meta-analysis, else 0.",
    ),
    Feature("sample_size_stated", 1, "1 when the text states a sample size, else 0."),
    Feature(
        "animal_as_human",
        -1,
        "1 when animal or cell evidence is presented as a human result without a caveat, else 0.",
        floor=0.5,
    ),
    Feature(
        "causal_from_observational",
        -1,
        "log1p of the number of causal claims (text and headline) about an observational study.",
        floor=0.3,
    ),
)

# --------------------------------------------------------------------------- lexicons

_LISTS = {
    "strong": "evidence_strong_designs",
    "obsdesign": "evidence_observational",
    "design": "evidence_designs",
    "animal": "evidence_animal",
    "caveat": "evidence_human_caveats",
    "causal": "evidence_causal",
    "obscue": "evidence_observational_cues",
}
# Spelled-out counts ("thirty women") start a sample size; they ride in the same matcher so the
# tokens are walked once.
_NUMBER_WORDS = (
    "three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "a hundred|one hundred|hundreds|a dozen|dozens"
)
_KIND: dict[str, str] = {}
for _kind, _name in _LISTS.items():
    for _phrase in load_lexicon(_name):
        _KIND.setdefault(_phrase, _kind)
for _phrase in _NUMBER_WORDS.split("|"):
    _KIND.setdefault(_phrase, "number")
_MATCHER = PhraseMatcher(tuple(_KIND))

# "trial" that is not a study: "free trial", "trial and error", a court trial.
_NOT_STUDY_TRIAL_BEFORE = _wordset("free murder criminal jury court fair show mock retrial")
_NOT_STUDY_TRIAL_AFTER = _wordset("and lawyer lawyers judge period version run balloon")
# Design words that describe how people took part rather than naming a design: they count only
# in a sentence about a study ("enrolled 300 patients", not "enrolled in college").
_PARTICIPATION = frozenset({"enrolled", "recruited", "participants"})
# A trial in a sentence about plans ("the drug will now move into clinical trials") is not the
# design of the study being reported.
_FUTURE = _wordset(
    "will next plan plans planned planning future hope hopes hoping needed upcoming further "
    "larger eventually before would"
)
_WORDS = re.compile(r"[a-z]+")
_STUDY_WORDS = _wordset("study studies trial trials research researchers patients volunteers")

# "the causes of", "leading causes": the noun, not the verb.
_CAUSES_NOUN_BEFORE = _wordset(
    "the main leading common other its their possible root underlying known many several "
    "genetic natural top major primary and of what all potential different"
)
# A modal or hedge shortly before a causal verb turns a claim into a tentative one.
_HEDGED_BEFORE = _wordset(
    "may might could can would should suggests suggest suggested suggesting indicates indicate "
    "possibly potentially likely perhaps whether if appears appear seems seem"
)
# A causal claim counts in the headline or in a sentence that reports the study's finding.
_FINDING_WORDS = _wordset(
    "found finds find showed shows show shown revealed reveals reveal study studies research "
    "researchers scientists results findings analysis according"
)
# "in humans", "in people" and "in clinical trials" are caveats only in a sentence about what
# is still to be shown ("whether it works in humans", "the next step is clinical trials").
_CAVEAT_CONTEXT = _wordset(
    "whether if yet needed need needs future next before confirm confirmed remains until must "
    "should hope hopes plan plans unclear unknown"
)
_WEAK_CAVEATS = frozenset({"in humans", "in people", "in clinical trials"})

# --------------------------------------------------------------------------- patterns

_HUMAN_NOUNS = (
    "patients|participants|people|women|men|adults|children|subjects|volunteers|individuals|"
    "infants|babies|newborns|veterans|students|smokers|survivors|residents|mothers|girls|boys|"
    "teens|teenagers|adolescents|couples|families|twins|pregnancies|persons|respondents|"
    "americans|nurses|doctors|physicians|employees|workers|seniors|cases|users|athletes|"
    "donors|recipients|youths|kids|pairs|households|births|deliveries|procedures"
)
_ANIMAL_NOUNS = "mice|rats|animals|monkeys|pigs|dogs|zebrafish|primates|rodents"
# A count followed by up to three modifiers and a population noun, on Document.lower:
# "1,200 patients", "45 healthy volunteers", "300 older u.s. adults". Bounded repetition only.
_SIZE_TAIL = (
    r"(?![\d.,]\d|%)(?P<mods>(?: [a-z][a-z.'-]{0,20}){0,3}?) "
    rf"(?P<noun>{_HUMAN_NOUNS}|{_ANIMAL_NOUNS})\b"
)
# Two patterns so that each starts with something cheap to scan for: a digit, or (tried only
# where the number-word matcher found one) a number word.
_SIZE_DIGITS = re.compile(r"(?P<num>\d[\d,]{0,8}\d|\d)" + _SIZE_TAIL)
_SIZE_WORDS = re.compile(rf"(?P<num>(?:{_NUMBER_WORDS})(?:-[a-z]{{3,5}})?)" + _SIZE_TAIL)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")
_N_EQUALS = re.compile(r"\bn ?= ?(?:\d{1,3}(?:,\d{3})+|\d{1,7})\b")
_ANIMAL_NOUN_SET = frozenset(_ANIMAL_NOUNS.split("|"))
# Modifier words that show the number is not a head count ("40 percent of women", "5 million
# people", "10 years of patients", "1,000 more patients").
_NOT_SIZE_MODIFIERS = _wordset(
    "percent per cent million billion of in to years year months month weeks week days day "
    "hours times out more fewer less than for a an the satisfied happy"
)
# Words after the population noun that make the count a prevalence, not a sample ("50,000 women
# diagnosed each year", "220,800 cases of prostate cancer", "5,000 employees").
_PREVALENCE_AFTER = re.compile(
    r"\b(?:(?:each|every|a|per) year|annually|worldwide|nationwide|globally|diagnosed|die|"
    r"dies|suffer|suffers|living with|live with|are affected|of [a-z]{3,20} cancer)\b"
)
# Words before the number that make it a ratio or a rate: "1 in 100 people", "out of 10".
_NOT_SIZE_BEFORE = _wordset("in every per out")
# A seller's head count is not a sample: "has helped over 5,000 patients", "served 10,000
# clients", "5,000 satisfied customers".
_MARKETING_COUNT_BEFORE = _wordset("helped served")

_HEADLINE_HUMAN = re.compile(
    r"\b(?:people|patients|humans?|men|women|children|kids|adults|babies|you|your|seniors|"
    r"elderly|americans|treat(?:s|ment|ments)?|cures?|therap(?:y|ies)|heals?|reverses?|"
    r"prevents?|fights?|beats?|helps?|boosts?|restores?|regrows?|breakthrough)\b"
)
_HEADLINE_MODEL = re.compile(
    r"\b(?:mice|mouse|rats?|animals?|rodents?|cells?|lab|laboratory|monkeys?|pigs?|dogs?|"
    r"zebrafish|flies|worms|yeast|dish|vitro)\b"
)


# --------------------------------------------------------------------------- detection


def _is_study_trial(doc: Document, first: int, stop: int) -> bool:
    words = doc.words
    if first > 0 and words[first - 1] in _NOT_STUDY_TRIAL_BEFORE:
        return False
    if stop < len(words) and words[stop] in _NOT_STUDY_TRIAL_AFTER:
        nxt = words[stop + 1] if stop + 1 < len(words) else ""
        return words[stop] == "and" and nxt != "error"
    return True


def _hedged(doc: Document, first: int, window: int = 6) -> bool:
    words = doc.words
    sent = doc.token_sentence[first]
    for j in range(first - 1, max(first - window, 0) - 1, -1):
        if doc.token_sentence[j] != sent:
            break
        if words[j] in _HEDGED_BEFORE:
            return True
    return False


def _sentence_words(doc: Document, first: int, cache: dict[int, frozenset[str]]) -> frozenset[str]:
    """The lower-case words of the sentence holding token ``first`` (cached per sentence, so a
    long sentence full of matches is read once)."""
    sent = doc.token_sentence[first]
    words = cache.get(sent)
    if words is None:
        start, end = doc.sentences[sent]
        words = cache[sent] = frozenset(_WORDS.findall(doc.lower, start, end))
    return words


def _sample_sizes(
    doc: Document, number_words: list[int], debunked: frozenset[int]
) -> list[tuple[int, int, bool]]:
    """Sample sizes as (start, end, is_human), in text order; ``number_words`` are the start
    offsets of spelled-out numbers."""
    lower = doc.lower
    candidates = list(_SIZE_DIGITS.finditer(lower))
    for start in number_words:
        m = _SIZE_WORDS.match(lower, start)
        if m is not None:
            candidates.append(m)
    out = []
    if "n =" in lower or "n=" in lower:
        out.extend((m.start(), m.end(), True) for m in _N_EQUALS.finditer(lower))
    for m in candidates:
        start = m.start()
        if start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in ".,$£€/-_"):
            continue  # part of a longer token: "A1234", "$500", "2.5", "covid-19"
        num = m.group("num").replace(",", "")
        if num.isdigit() and (not _NUMBER.fullmatch(m.group("num")) or int(num) < 3):
            continue
        if any(w in _NOT_SIZE_MODIFIERS for w in m.group("mods").split()):
            continue
        before = lower[max(start - 30, 0) : start].split()
        if before and before[-1] in _NOT_SIZE_BEFORE:
            continue
        if _MARKETING_COUNT_BEFORE.intersection(before[-3:]):
            continue
        if doc.sentence_at(start) in debunked:
            continue
        tail = lower[m.end() : m.end() + 40].split(".", 1)[0]
        if _PREVALENCE_AFTER.search(tail):
            continue
        out.append((start, m.end(), m.group("noun") not in _ANIMAL_NOUN_SET))
    out.sort()
    return out


def _headline_claims_humans(doc: Document) -> bool:
    """True when the headline (or, without one, the first sentence) speaks of people or of a
    treatment and not of an animal or cell model."""
    if doc.title:
        head = doc.title.lower()
    elif doc.sentences:
        start, end = doc.sentences[0]
        head = doc.lower[start:end]
    else:
        return False
    return _HEADLINE_HUMAN.search(head) is not None and _HEADLINE_MODEL.search(head) is None


def _title_causal(doc: Document) -> str | None:
    """The first unhedged causal phrase of the headline, if any."""
    if not doc.title:
        return None
    head = Document.from_text(doc.title, furniture=False)
    for first, stop, phrase in _MATCHER.finditer(head):
        if _KIND[phrase] == "causal" and _is_causal(head, first, phrase, frozenset()):
            return head.text[head.token_starts[first] : head.token_ends[stop - 1]]
    return None


def _is_causal(doc: Document, first: int, phrase: str, debunked: frozenset[int]) -> bool:
    if doc.token_sentence[first] in debunked or _hedged(doc, first, 12):
        return False
    # "does not prove that chocolate lowers the risk": a negation earlier in the sentence.
    if is_negated(doc, first, 12):
        return False
    words = doc.words
    if phrase == "causes":
        if first > 0 and words[first - 1] in _CAUSES_NOUN_BEFORE:
            return False
        if first + 1 < len(words) and words[first + 1] in ("of", "and", "that"):
            return False
    return True


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the evidence features and findings for ``doc``."""
    starts, ends = doc.token_starts, doc.token_ends
    matches = _MATCHER.finditer(doc)
    debunked = debunking_sentences(doc) if doc.words else frozenset()
    findings: list[Finding] = []

    designs: list[tuple[int, int, str]] = []  # (start, end, kind) of named designs
    animals: list[tuple[int, int]] = []
    causal: list[tuple[int, int]] = []
    obs_cues: list[tuple[int, int]] = []
    caveat = False
    number_words: list[int] = []
    words: dict[int, frozenset[str]] = {}  # sentence index -> its words
    for first, stop, phrase in matches:
        kind = _KIND[phrase]
        start, end = starts[first], ends[stop - 1]
        if kind == "number":
            number_words.append(start)
            continue
        if kind == "caveat":
            if phrase in _WEAK_CAVEATS and not _sentence_words(doc, first, words) & _CAVEAT_CONTEXT:
                continue
            caveat = True
            continue
        if kind == "causal":
            if _sentence_words(doc, first, words) & _FINDING_WORDS and _is_causal(
                doc, first, phrase, debunked
            ):
                causal.append((start, end))
            continue
        if doc.token_sentence[first] in debunked:
            continue
        if kind == "animal":
            nxt = doc.words[stop] if stop < len(doc.words) else ""
            if phrase == "in vitro" and nxt.startswith("fertili"):
                continue  # in vitro fertilisation is a treatment, not a lab study
            animals.append((start, end))
        elif kind == "obscue":
            obs_cues.append((start, end))
        elif kind == "obsdesign":
            designs.append((start, end, kind))
        else:  # strong, design
            if is_negated(doc, first):
                # "the study was not blinded" names a limit, not the design; "no clinical
                # trial has tested it" says the result is unproven in people.
                caveat = caveat or "trial" in phrase
                continue
            if _sentence_words(doc, first, words) & _FUTURE:
                continue  # a trial still to come is not the design of this study
            if "trial" in phrase and not _is_study_trial(doc, first, stop):
                continue
            if phrase in _PARTICIPATION and not _sentence_words(doc, first, words) & _STUDY_WORDS:
                continue
            designs.append((start, end, kind))

    sizes = _sample_sizes(doc, number_words, debunked)
    kinds = {k for _, _, k in designs}
    strong = "strong" in kinds
    trial = strong or "design" in kinds
    human_sample = any(h for _, _, h in sizes)

    # Positive findings: the first design of each kind, the first sample size.
    reported: set[str] = set()
    for start, end, kind in designs:
        if kind in reported:
            continue
        reported.add(kind)
        shown = doc.text[start:end]
        what = {
            "strong": "a strong design (randomised, blinded or placebo-controlled trial, or a "
            "systematic review)",
            "design": "the kind of study",
            "obsdesign": "an observational design, which can show association but not cause",
        }[kind]
        findings.append(
            doc.finding(
                "evidence.study-design",
                start,
                end,
                f"Names {what}: '{shown}'. Readers can judge how strong the evidence is.",
                "info",
            )
        )
    if sizes:
        start, end, _ = sizes[0]
        findings.append(
            doc.finding(
                "evidence.sample-size",
                start,
                end,
                f"States the sample size: '{doc.text[start:end]}'. Readers can judge how much "
                "weight the result can bear.",
                "info",
            )
        )

    # Animal or cell evidence presented as a human result.
    animal_as_human = (
        bool(animals)
        and not trial
        and not human_sample
        and not caveat
        and _headline_claims_humans(doc)
    )
    if animal_as_human:
        start, end = animals[0]
        findings.append(
            doc.finding(
                "evidence.animal-as-human",
                start,
                end,
                f"'{doc.text[start:end]}': the only evidence described comes from animals or "
                "cells, yet the headline speaks of people or treatment, and the text never says "
                "the result is unproven in humans. Say so plainly, near the top.",
                "warning",
            )
        )

    # Correlation written as causation: observational study, no trial, causal verbs.
    n_causal = 0
    observational = ("obsdesign" in kinds or bool(obs_cues)) and not animals
    if observational and not trial:
        anchor = next(((s, e) for s, e, k in designs if k == "obsdesign"), None) or obs_cues[0]
        design_text = doc.text[anchor[0] : anchor[1]]
        for start, end in causal:
            n_causal += 1
            findings.append(
                doc.finding(
                    "evidence.causal-language",
                    start,
                    end,
                    f"'{doc.text[start:end]}' states cause and effect, but the study described "
                    f"is observational ('{design_text}') and can show only an association. "
                    "Write 'is linked to' or 'is associated with', or explain why cause is "
                    "likely.",
                    "warning",
                )
            )
        head_phrase = _title_causal(doc)
        if head_phrase is not None:
            n_causal += 1
            findings.append(
                doc.finding(
                    "evidence.causal-language",
                    anchor[0],
                    anchor[1],
                    f"The headline says '{head_phrase}', a cause-and-effect claim, but the "
                    f"study described here is observational ('{design_text}') and can show "
                    "only an association. Soften the headline.",
                    "warning",
                )
            )

    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    features = {
        "design_named": 1.0 if designs else 0.0,
        "strong_design": 1.0 if strong else 0.0,
        "sample_size_stated": 1.0 if sizes else 0.0,
        "animal_as_human": 1.0 if animal_as_human else 0.0,
        "causal_from_observational": math.log1p(n_causal),
    }
    return features, findings


SIGNAL = Signal(name="evidence", features=FEATURES, rules=RULES, analyze=analyze)
