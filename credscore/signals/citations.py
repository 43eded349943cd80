"""Citations: claims that need a source and have none, and the sources that are there.

What it detects
    *Claims that need a source*: vague attributions to unnamed studies, experts or people
    ("studies show", "experts agree", "doctors say", "many people report"), agentless claims of
    proof ("it is known that", "has been shown to", "clinically proven") and population
    statistics ("80% of patients", "one in three adults"). A vague attribution or agentless claim
    is *sourced* when a specific source sits in the same or the next sentence; a statistic is
    *attributed* when a source or an attribution cue ("the study", "researchers found",
    "according to") sits in the previous, same or next sentence.

    *Sources*: named people with a title or a role ("Dr. Jane Smith", "Jane Smith, a
    cardiologist at ...", "said Dennis Chan", "according to Professor Lee"), institutions
    ("University of Oxford", "Mayo Clinic", the CDC, NIH, WHO, FDA), journals ("NEJM", "The
    Lancet", "published in Nature", "the journal Pediatrics"), dated studies ("a 2019 study",
    "Smith et al. (2019)"), links (http(s) URLs, www.), DOIs and PubMed ids, each shown once
    at its first mention; and direct quotations attributed with a reporting verb, each shown.
    A journal title inside an organisation's name ("London Cancer Research Centre", "Cancer
    Research UK", "American Institute for Cancer Research") is not a journal.

Sources of the rules
    HealthNewsReview.org review criterion 6, "Does the story use independent sources and
    identify conflicts of interest?"; the Credibility Coalition content indicators "source
    types" and "citation of scientific studies" (Zhang et al., "A Structured Response to
    Misinformation: Defining and Annotating Credibility Indicators in News Articles",
    WWW'18 Companion); Wikipedia's guidance on unsupported attributions, "weasel words"
    (WP:WEASEL), for vague attribution.

Examples
    Fires (citations.vague-attribution): "Studies show that turmeric cures arthritis."
    Does not fire: "No studies show that turmeric cures arthritis." (negated) and
    "Studies show, in a 2019 paper in JAMA, that ..." (a named journal in the same sentence).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import compress

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal, finditer_near, per_1k_words
from credscore.signals.context import debunking_sentences, is_negated

__all__ = ["SIGNAL", "RULES", "FEATURES", "analyze"]

_HNR6 = (
    "HealthNewsReview.org review criterion 6 (independent sources); Credibility Coalition "
    "content indicators 'source types' and 'citation of scientific studies' (Zhang et al., "
    "WWW'18 Companion)"
)
_WEASEL = "Wikipedia Manual of Style, unsupported attributions / weasel words (WP:WEASEL)"

RULES = (
    Rule(
        "citations.vague-attribution",
        "warning",
        "lowers",
        "A claim is credited to unnamed studies, experts or people, with no specific source "
        "in the same or the next sentence.",
        f"{_WEASEL}; {_HNR6}",
    ),
    Rule(
        "citations.unsourced-claim",
        "warning",
        "lowers",
        "An impersonal claim of proof ('it is known that', 'has been shown to', 'clinically "
        "proven') with no source in the same or the next sentence.",
        f"{_WEASEL}; {_HNR6}",
    ),
    Rule(
        "citations.unattributed-statistic",
        "info",
        "lowers",
        "A population statistic ('80% of patients') with no source or attribution in the "
        "previous, same or next sentence.",
        _HNR6,
    ),
    Rule(
        "citations.named-source",
        "info",
        "raises",
        "A named person is cited or quoted, with a title, role or reporting verb.",
        _HNR6,
    ),
    Rule(
        "citations.institution",
        "info",
        "raises",
        "A named university, hospital, agency or professional body is cited.",
        _HNR6,
    ),
    Rule(
        "citations.journal",
        "info",
        "raises",
        "A scholarly journal or preprint server is named.",
        _HNR6,
    ),
    Rule(
        "citations.dated-study",
        "info",
        "raises",
        "A study is identified by its year ('a 2019 study', 'Smith et al. (2019)').",
        _HNR6,
    ),
    Rule("citations.link", "info", "raises", "A web link is given.", _HNR6),
    Rule(
        "citations.quotation",
        "info",
        "raises",
        "A direct quotation attributed with a reporting verb ('\"...,\" she said').",
        _HNR6,
    ),
    Rule(
        "citations.study-id",
        "info",
        "raises",
        "A study is identified by a DOI or a PubMed id.",
        _HNR6,
    ),
)

FEATURES = (
    Feature(
        "source_rate",
        +1,
        "Distinct specific sources (people, institutions, journals, dated studies, links, "
        "DOIs/PMIDs) per 1,000 words, each shown as a finding at its first mention.",
    ),
    Feature(
        "source_kinds",
        +1,
        "How many of the six kinds of source appear (0-6): person, institution, journal, "
        "dated study, link, study id.",
    ),
    Feature(
        "named_people",
        +1,
        "log1p of the number of distinct named people cited (by surname).",
    ),
    Feature(
        "quote_count",
        +1,
        "log1p of the number of direct quotations attributed with a reporting verb.",
    ),
    Feature(
        "unsourced_claim_count",
        -1,
        "log1p of the number of vague attributions, agentless claims of proof and "
        "unattributed statistics.",
    ),
    Feature(
        "sourced_share",
        +1,
        "Share of claims needing a source that have one nearby, smoothed as "
        "(sourced + 1) / (claims + 2); 0.5 when there are no such claims.",
    ),
)

# --------------------------------------------------------------------------- lexicons

# One matcher for all phrase lists (one pass over the tokens); each phrase keeps its list.
_LISTS = {
    "vague": "citations_vague",
    "claim": "citations_claims",
    "journal": "citations_journals",
    "journal?": "citations_journals_ambiguous",
    "institution": "citations_institutions",
    "acronym": "citations_institution_acronyms",
}
_PHRASES = PhraseMatcher.from_lexicons(_LISTS)
_PHRASE_KIND = _PHRASES.kinds


def _alternation(phrases) -> str:
    """A regex matching any of ``phrases`` (spaces match any whitespace), longest first.

    Written as a trie ("a(?:dd(?:ed|s)|rgue(?:d|s))|..."), not as a flat list of phrases: at
    each word the regex engine then follows one branch instead of trying every phrase, 40%
    faster. It matches what the flat list, longest phrase first, would: a phrase is tried
    before every shorter phrase that it begins with.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = None  # a phrase ends here

    def branches(node: dict) -> str:
        # Reverse order puts "" (a phrase ends) last: it is tried after the longer phrases.
        alternatives = [
            "" if child is None else (r"\s+" if char == " " else re.escape(char)) + branches(child)
            for char, child in sorted(node.items(), reverse=True)
        ]
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return branches(trie)


_VERBS = _alternation(load_lexicon("citations_reporting_verbs"))
# The first four letters of each reporting verb's first word: every match of _SAID_NAME starts
# with one of them (see _said_name).
_VERB_HEADS = tuple(sorted({v.split()[0][:4] for v in load_lexicon("citations_reporting_verbs")}))

# --------------------------------------------------------------------------- patterns
# All patterns use bounded repetition only; none nests an unbounded quantifier.

# Possessive: a name's first word is always followed by a space, which the class cannot match,
# so giving letters back never helps; not backtracking makes the many failed tries cheap.
_CAP = r"[A-Z][a-z'-]{1,30}+"
_CAPX = r"[A-Z][A-Za-z'-]{1,30}"
_NAME = rf"{_CAP}(?: [A-Z]\.)? {_CAPX}(?:-{_CAPX})?"
# A name that starts a word, for patterns that start with one: "\b" + _NAME with the boundary
# checked just after the first capital. A pattern that starts with "\b" is tried at every
# position of the text; one that starts with a character class lets the regex engine skip in C
# from capital to capital (2x faster on an article).
_WORD_NAME = rf"[A-Z](?<=\b[A-Z]){_NAME[len('[A-Z]') :]}"

_TITLED = re.compile(
    rf"\b(?:Dr|Prof|Professor|Doctor)\.? (?P<name>(?:[A-Z]\. ?){{0,2}}{_CAPX}"
    rf"(?: [A-Z]\.)?(?: {_CAPX}){{0,2}})"
)
_ROLE = (
    r"professor|researcher|scientist|doctor|physician|director|chief|head|chair|chairman|"
    r"chairwoman|president|dean|author|co-author|investigator|fellow|lecturer|specialist|"
    r"surgeon|nurse|expert|officer|commissioner|spokesman|spokeswoman|spokesperson|"
    r"[a-z]{2,20}(?:ologist|ician|iatrist|ist)"
)
_NAME_ROLE = re.compile(
    rf"(?P<name>{_WORD_NAME}), (?!and |but |or |which |that )[^.,;\n\"]{{0,60}}?\b(?:{_ROLE})\b"
)
_NAME_SAID = re.compile(rf"(?P<name>{_WORD_NAME}),? (?:{_VERBS})\b")
# Where _NAME_ROLE and _NAME_SAID can start: their names' first capital and what must follow
# it, up to the next capital (one character consumed, so finditer yields every such place).
_NAME_START = re.compile(rf"[A-Z](?<=\b[A-Z])(?={_CAP[len('[A-Z]') :]}(?: [A-Z]\.)? [A-Z])")
_STOP_ROLE_WORDS = r"(?:in|on|at|the|that|this|these|those|by|to|from|of|for|during|last|it|a|an|and|but|with|when|while|there|here|they|he|she|we|today|yesterday|earlier|later|recently|previously|before|after|then|also)"
_SAID_NAME = re.compile(
    rf"\b(?:{_VERBS}),? (?:(?!{_STOP_ROLE_WORDS}\b)[a-z-]{{2,25}} ){{0,3}}(?P<name>{_NAME})"
)
_ACCORDING = re.compile(
    rf"\baccording to (?:(?:Dr|Prof|Professor)\.? )?(?P<name>{_CAPX}(?: [A-Z]\.)?(?: {_CAPX}){{0,2}})"
)
# Capitalised words that start a sentence or name a place rather than a person.
_NOT_NAMES = frozenset(
    "The A An And But So Or If When While As In On At By For From To Of With This That These "
    "Those Then There Here He She It They We I You His Her Its Their Our My Your Some Many Most "
    "All Other Such New North South East West United Los Las San Santa Hong Saudi Great Last "
    "Next Early Late Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February "
    "March April May June July August September October November December Health Mr Mrs Ms "
    "Dr Prof Professor Doctor According Researchers Scientists Experts Doctors Officials".split()
)

_UNIVERSITY = re.compile(
    rf"\b(?:University|College|Institute|School) of (?:the )?{_CAPX}(?: {_CAPX}){{0,3}}"
    rf"|\b(?:{_CAPX} ){{1,4}}(?:University|Hospital|Hospitals|Medical Center|Medical Centre|"
    r"Medical School|School of Medicine|School of Public Health|College of Medicine|"
    r"Health System|Cancer Center|Cancer Centre|Research Center|Research Centre|Infirmary)\b"
)
_INSTITUTION_WORDS = (
    "University", "College", "Institute", "School", "Hospital", "Medical", "Health System",
    "Cancer Cent", "Research Cent", "Infirmary",
)
_INSTITUTION_LEAD = frozenset("The A An This That Our Your My Their Its His Her At In".split())

_JOURNAL_RE = re.compile(
    rf"\b(?:[Tt]he )?[Jj]ournal (?:of (?:the )?)?{_CAPX}(?: (?:of |and |& )?{_CAPX}){{0,4}}"
    rf"|\b(?:{_CAPX} ){{1,3}}Journal\b"
    rf"|\b[Pp]ublished (?:[a-z]{{2,15}} ){{0,3}}in (?:the )?(?:[a-z-]{{2,15}} ){{0,2}}"
    rf"(?:journal|{_CAPX})"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATED_STUDY = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Ii]n|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his) {_YEAR} "
    r"(?:[A-Za-z-]{2,25} ){0,3}?(?:study|studies|trial|trials|review|meta-analysis|"
    r"analysis|report|survey|paper|experiment|cohort)\b"
    rf"|\b{_CAPX} et al\.?,? \(?{_YEAR}\b\)?"
    rf"|\b{_CAPX}(?: and {_CAPX})? \({_YEAR}\)"
)
_LINK = re.compile(r"\bhttps?://[^\s<>\"')\]]{2,300}|\bwww\.[A-Za-z0-9-]{1,63}\.[^\s<>\"')\]]{2,200}")
_STUDY_ID = re.compile(
    r"\b(?:doi:? ?)?10\.\d{4,9}/[^\s\"<>]{1,200}"
    r"|\bPMID:? ?\d{5,9}\b|\bPMCID:? ?PMC\d{5,9}\b|\bPMC\d{5,9}\b",
    re.IGNORECASE,
)

_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}(?:,\d{3})?)"
_POPULATION = (
    r"(?:people|persons|patients|adults|children|kids|teens|teenagers|adolescents|youth|women|"
    r"men|americans|britons|users|participants|subjects|cases|deaths|doctors|physicians|"
    r"nurses|smokers|seniors|infants|babies|mothers|parents|workers|employees|respondents|"
    r"population|individuals|consumers|customers|clients|survivors|sufferers|dieters|"
    r"students|girls|boys|residents|households|families|hospitals|those|us)"
)
_STATISTIC = re.compile(  # run on Document.lower
    rf"\b\d{{1,3}}(?:\.\d{{1,2}})? ?(?:%|percent|per cent) of (?:[a-z'-]{{2,20}} ){{0,2}}?"
    rf"{_POPULATION}\b"
    rf"|\b{_NUMBER_WORD} (?:in|out of) {_NUMBER_WORD} (?:[a-z'-]{{2,20}} ){{0,2}}?{_POPULATION}\b"
)
_ATTRIBUTION_CUES = frozenset(
    "study trial trials survey surveys poll polls report researchers "
    "investigators authors data analysis census found according published estimates estimated "
    "statistics reported registry review".split()
)


def _cued_earlier_in_paragraph(doc: Document, cue_sentences: set[int]):
    """A test ``(offset, sentence) -> bool``: does a cue sentence open or precede the
    sentence in the paragraph that holds the offset?"""
    cues = sorted(cue_sentences)

    def test(offset: int, sentence: int) -> bool:
        paragraph = doc.paragraph_start(offset)
        first = doc.sentence_at(paragraph)
        if doc.sentences[first][0] < paragraph:
            first += 1  # that sentence ends before the paragraph: its first one is next
        j = bisect_right(cues, sentence) - 1
        return j >= 0 and cues[j] >= first

    return test


_QUOTE = re.compile(r"\"([^\"\n]{12,1500})\"")
_REPORTING_NEAR = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)

# Anchors for scanning only near where a pattern can match (see finditer_near): every match
# of the pattern holds an anchor that starts at most ``before`` characters after the match
# start, and the match (plus one character of look-ahead for a ``\b``) ends less than
# ``after`` characters after that anchor's start. The margins are generous.
_YEAR_ANCHOR = re.compile(r"(?:19[5-9]|20[0-4])\d")  # _DATED_STUDY: year at <= 69, end <= 98
_JOURNAL_ANCHOR = re.compile(r"ournal|ublished")  # _JOURNAL_RE: anchor at <= 97, end <= 190
_TITLED_ANCHOR = re.compile(r"Dr|Prof|Doctor")  # _TITLED: anchor at 0, end <= 120
_ACCORDING_ANCHOR = re.compile(r"according to ")  # _ACCORDING: anchor at 0, end <= 130
# _UNIVERSITY: its institution word at <= 128, end <= 146 after that word.
_INSTITUTION_ANCHOR = re.compile("|".join(map(re.escape, _INSTITUTION_WORDS)))
# _STATISTIC: "% of" or " in <number>" at <= 7, end <= 78 after it (on Document.lower).
_STATISTIC_ANCHOR = re.compile(
    r"% of |percent of |per cent of "
    r"| (?:in|out of) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten)"
)


_KINDS = ("person", "institution", "journal", "study", "link", "id")
_KIND_RULE = {
    "person": "citations.named-source",
    "institution": "citations.institution",
    "journal": "citations.journal",
    "study": "citations.dated-study",
    "link": "citations.link",
    "id": "citations.study-id",
}
_KIND_MESSAGE = {
    "person": "Named source: '{t}' is identified by name, which lets readers judge who is "
    "speaking. Check that at least one source is independent of the study or product.",
    "institution": "Named institution: '{t}' gives readers a source they can check.",
    "journal": "Journal named: '{t}' lets readers find and check the research.",
    "study": "Dated study: '{t}' identifies the research by year.",
    "link": "Link: '{t}' lets readers check the source directly.",
    "id": "Study id: '{t}' pins down exactly which paper is meant.",
}
# Kept first when two detections overlap.
_PRIORITY = {"id": 0, "link": 1, "journal": 2, "study": 3, "institution": 4, "person": 5}


# --------------------------------------------------------------------------- detection


# A journal title inside an organisation's name is not the journal: "London Cancer Research
# Centre", "Cancer Research UK", "American Institute for Cancer Research".
_ORGANISATION_AFTER = frozenset(
    "Centre Center Centres Centers Institute Institutes UK Foundation Fund Society Trust "
    "Campaign Council Network Group Unit Laboratory Laboratories Lab Labs Programme Program "
    "Hospital Clinic Charity Alliance Association Agency Department Division Initiative "
    "Consortium Ltd Inc Award Awards Day Month Week".split()
)
_ORGANISATION_OF = frozenset("for of on into".split())
_LEAD_WORDS = frozenset(
    "The A An In At By From For Of On To And Or But With Published Read See Via".split()
)


def _inside_name(doc: Document, first: int, stop: int) -> bool:
    """True when the journal title at tokens ``first:stop`` is part of a longer capitalised
    name: an organisation word follows it ("Cancer Research UK"), a capitalised word of the
    name comes right before it ("London Cancer Research"), or "for"/"of" joins it to one
    ("Institute for Cancer Research")."""
    text, words, starts, ends = doc.text, doc.words, doc.token_starts, doc.token_ends
    sentence = doc.token_sentence[first]
    if stop < len(words) and doc.token_sentence[stop] == sentence:
        gap = text[ends[stop - 1] : starts[stop]]
        if gap == " " and text[starts[stop] : ends[stop]] in _ORGANISATION_AFTER:
            return True
    if first == 0 or doc.token_sentence[first - 1] != sentence:
        return False
    if text[ends[first - 1] : starts[first]] != " ":
        return False
    before = text[starts[first - 1] : ends[first - 1]]
    if words[first - 1] in _ORGANISATION_OF:
        name_word = text[starts[first - 2] : ends[first - 2]] if first > 1 else ""
        return name_word[:1].isupper() and name_word not in _LEAD_WORDS
    return before[:1].isupper() and before not in _LEAD_WORDS and before.upper() != before


def _name_role_and_said(text: str) -> tuple[list[re.Match], list[re.Match]]:
    """Exactly the matches of ``_NAME_ROLE.finditer(text)`` and of
    ``_NAME_SAID.finditer(text)``: both start with a name, so one scan finds where a name can
    start (:data:`_NAME_START`) and each pattern is tried only there, each from the end of its
    own previous match."""
    roles: list[re.Match] = []
    saids: list[re.Match] = []
    role_pos = said_pos = 0
    for start in map(re.Match.start, _NAME_START.finditer(text)):
        if start >= role_pos and (m := _NAME_ROLE.match(text, start)) is not None:
            roles.append(m)
            role_pos = m.end()
        if start >= said_pos and (m := _NAME_SAID.match(text, start)) is not None:
            saids.append(m)
            said_pos = m.end()
    return roles, saids


def _said_name(text: str) -> Iterator[re.Match]:
    """Yield exactly the matches of ``_SAID_NAME.finditer(text)``, trying the pattern only
    where a reporting verb can start (an occurrence of one of :data:`_VERB_HEADS`, found by
    ``str.find``). A pattern that starts with ``\\b`` is tried at every position of the
    text; the verbs are found in C a few times faster."""
    starts = []
    for head in _VERB_HEADS:
        i = text.find(head)
        while i >= 0:
            starts.append(i)
            i = text.find(head, i + 1)
    starts.sort()
    pos = 0
    for start in starts:
        if start >= pos and (m := _SAID_NAME.match(text, start)) is not None:
            pos = m.end()
            yield m


def _sources(doc: Document, phrase_matches) -> list[tuple[int, int, str, str]]:
    """All source mentions as (start, end, kind, key), overlaps resolved, sorted by start."""
    text = doc.text
    lower = doc.lower
    starts, ends = doc.token_starts, doc.token_ends
    found: list[tuple[int, int, str, str]] = []

    def trimmed(m: re.Match, kind: str) -> None:
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:":
            end -= 1
        found.append((m.start(), end, kind, text[m.start() : end].lower()))

    # Cheap substring checks skip the regexes that cannot match.
    if "10." in text or "pmid" in lower or "pmc" in lower:
        for m in _STUDY_ID.finditer(text):
            trimmed(m, "id")
    if "http" in lower or "www." in lower:
        for m in _LINK.finditer(text):
            trimmed(m, "link")

    for m in phrase_matches:
        kind = _PHRASE_KIND[m.phrase]
        if kind in ("vague", "claim"):
            continue
        s, e = starts[m.first], ends[m.stop - 1]
        if kind.startswith("journal") and _inside_name(doc, m.first, m.stop):
            continue
        if kind == "journal?":
            # "published in Nature", "the journal Cell"; never "found in nature".
            before = doc.words[m.first - 1] if m.first > 0 else ""
            if not (text[s].isupper() and before in ("in", "journal")):
                continue
            kind = "journal"
        elif kind == "acronym":
            if not text[s:e].isupper():
                continue
            kind = "institution"
        found.append((s, e, kind, m.phrase))

    if "ournal" in text or "ublished" in text:
        for m in finditer_near(_JOURNAL_RE, text, _JOURNAL_ANCHOR, 130, 260):
            found.append((m.start(), m.end(), "journal", m.group().lower()))
    for m in finditer_near(_DATED_STUDY, text, _YEAR_ANCHOR, 100, 160):
        found.append((m.start(), m.end(), "study", m.group().lower()))
    if any(w in text for w in _INSTITUTION_WORDS):
        for m in finditer_near(_UNIVERSITY, text, _INSTITUTION_ANCHOR, 150, 180):
            start = m.start()
            first = text[start : text.find(" ", start)]
            if first in _INSTITUTION_LEAD:
                start += len(first) + 1
            found.append((start, m.end(), "institution", text[start : m.end()].lower()))

    person_rx = [*_name_role_and_said(text), _said_name(text)]
    if "Dr" in text or "Prof" in text or "Doctor" in text:
        person_rx.append(finditer_near(_TITLED, text, _TITLED_ANCHOR, 10, 200))
    if "ccording to" in text:
        person_rx.append(finditer_near(_ACCORDING, text, _ACCORDING_ANCHOR, 10, 200))
    for matches in person_rx:
        for m in matches:
            words = m.group("name").replace(".", " ").split()
            if not words or words[0] in _NOT_NAMES or words[-1] in _NOT_NAMES:
                continue
            found.append((m.start(), m.end(), "person", words[-1].lower()))

    # Resolve overlaps: an earlier span wins unless a later overlapping one is of a more
    # specific kind (a DOI inside a link, an institution inside "according to ...").
    found.sort(key=lambda f: (f[0], _PRIORITY[f[2]], f[0] - f[1]))
    kept: list[tuple[int, int, str, str]] = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            if _PRIORITY[f[2]] < _PRIORITY[kept[-1][2]]:
                kept[-1] = f
            continue
        kept.append(f)
    return kept


def _attributed_quotes(doc: Document) -> list[tuple[int, int]]:
    """Spans of the direct quotations (quote marks included) with a reporting verb near."""
    text = doc.text
    found = []
    for m in _QUOTE.finditer(text):
        if m.group(1).count(" ") < 3:
            continue  # scare quotes and titles, not quotations
        after = text[m.end() : m.end() + 80].split("\n", 1)[0]
        before = text[max(m.start() - 80, 0) : m.start()].rsplit("\n", 1)[-1]
        if _REPORTING_NEAR.search(after) or _REPORTING_NEAR.search(before):
            found.append(m.span())
    return found


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Return the citation features and findings for ``doc``."""
    findings: list[Finding] = []
    phrase_matches = _PHRASES.finditer(doc)
    sources = _sources(doc, phrase_matches)
    source_sentences: set[int] = set()
    for start, end, _, _ in sources:
        first, last = doc.sentence_at(start), doc.sentence_at(max(end - 1, start))
        source_sentences.update(range(first, last + 1))

    # Positive findings: one per distinct source, at its first mention.
    seen: set[tuple[str, str]] = set()
    kinds: set[str] = set()
    people: set[str] = set()
    for start, end, kind, key in sources:
        kinds.add(kind)
        if kind == "person":
            people.add(key)
        if (kind, key) in seen:
            continue
        seen.add((kind, key))
        shown = doc.text[start:end]
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message = _KIND_MESSAGE[kind].format(t=shown)
        findings.append(doc.finding(_KIND_RULE[kind], start, end, message, "info"))

    starts, ends = doc.token_starts, doc.token_ends
    candidates = [m for m in phrase_matches if _PHRASE_KIND[m.phrase] in ("vague", "claim")]
    statistics = list(finditer_near(_STATISTIC, doc.lower, _STATISTIC_ANCHOR, 20, 100))
    # Debunking context is only needed (and only computed) when there is a claim to check.
    debunked = debunking_sentences(doc) if candidates or statistics else frozenset()
    claims = sourced = unsourced = 0

    for m in candidates:
        sent = doc.token_sentence[m.first]
        if sent in debunked or is_negated(doc, m.first):
            continue
        claims += 1
        if sent in source_sentences or (sent + 1) in source_sentences:
            sourced += 1
            continue
        unsourced += 1
        start, end = starts[m.first], ends[m.stop - 1]
        shown = doc.text[start:end]
        if _PHRASE_KIND[m.phrase] == "vague":
            rule = "citations.vague-attribution"
            message = (
                f"'{shown}' credits the claim to unnamed studies, experts or people, and no "
                "specific source is named in this or the next sentence; name the study, "
                "journal or person, or cut the claim."
            )
        else:
            rule = "citations.unsourced-claim"
            message = (
                f"'{shown}' claims proof without saying who showed it; name the study, journal "
                "or expert in this or the next sentence, or soften the claim."
            )
        findings.append(doc.finding(rule, start, end, message, "warning"))

    if statistics:
        # A statistic is attributed by a source or an attribution cue ("the study",
        # "researchers found", "according to") in the previous, same or next sentence, or
        # earlier in its paragraph ("The trial enrolled 6,212 adults. [...] 4.1% had a stroke").
        cue_sentences = set(source_sentences)
        sentence_of = doc.token_sentence
        cue_sentences.update(compress(sentence_of, map(_ATTRIBUTION_CUES.__contains__, doc.words)))
        in_paragraph = _cued_earlier_in_paragraph(doc, cue_sentences)
        for m in statistics:
            sent = doc.sentence_at(m.start())
            if sent in debunked:
                continue
            claims += 1
            if (
                sent in cue_sentences
                or (sent - 1) in cue_sentences
                or (sent + 1) in cue_sentences
                or in_paragraph(m.start(), sent)
            ):
                sourced += 1
                continue
            unsourced += 1
            shown = doc.text[m.start() : m.end()]
            findings.append(
                doc.finding(
                    "citations.unattributed-statistic",
                    m.start(),
                    m.end(),
                    f"'{shown}' is a statistic with no source nearby; say where the number "
                    "comes from (the study, survey or agency) in this or the next sentence.",
                    "info",
                )
            )

    quotes = _attributed_quotes(doc)
    for start, end in quotes:
        shown = doc.text[start:end]
        if len(shown) > 60:
            shown = shown[:56] + '..."'
        findings.append(
            doc.finding(
                "citations.quotation",
                start,
                end,
                f"Quotes a source directly: {shown}. Readers hear who says what.",
                "info",
            )
        )

    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    features = {
        "source_rate": per_1k_words(len(seen), doc),
        "source_kinds": float(len(kinds)),
        "named_people": math.log1p(len(people)),
        "quote_count": math.log1p(len(quotes)),
        "unsourced_claim_count": math.log1p(unsourced),
        # Laplace's rule of succession, (sourced + 1) / (claims + 2): with no claims the share
        # is 0.5, neither a reward (an article that needs no sources has shown no sourcing)
        # nor a penalty (it has made no unsupported claim), and one claim moves it only to
        # 1/3 or 2/3, so a single match cannot push the feature to an extreme.
        "sourced_share": (sourced + 1.0) / (claims + 2.0),
    }
    return features, findings


SIGNAL = Signal(name="citations", features=FEATURES, rules=RULES, analyze=analyze)
