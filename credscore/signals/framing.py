"""Framing: reliance on a press release, clickbait headlines, conspiracy framing and
exclamation marks.

What it detects
    - Reliance on a press release (HealthNewsReview.org criterion 10 for stories, "Does the
      story appear to rely solely or largely on a news release?"): a story that names a press
      or news release as its source ("the company said in a press release", "according to a
      news release"). In the FakeHealth stories such a mention is six times as common in
      low-rated stories as in high-rated ones. A text that is itself a release (its boilerplate:
      wire-service names, "Media contact:", "About <Org>", "###", "forward-looking
      statements") is not relying on one: there, the genre is the text, and boilerplate is not
      evidence either way (in the HealthRelease verdicts it goes with neither verdict), so it
      is no feature. It only keeps "View the original press release" in a release from counting
      as reliance. A news dateline ("WASHINGTON (Reuters) -") is not a marker.
    - Clickbait headlines (on ``doc.title`` only): "you won't believe", "this one trick",
      "doctors hate", "shocking", "the (hidden) truth about", "what happens when", a listicle
      lure ("7 foods that ...", "5 signs you ..."), an exclamation mark, or shouting in
      capitals ("SHOCKING NEW STUDY"). Plain question headlines are not clickbait here: in the
      FakeHealth stories they are more common in high-rated stories ("Should you take aspirin
      every day?").
    - Conspiracy framing: "Big Pharma", "what doctors don't want you to know", "the
      mainstream media won't tell you", "cover-up", "censored", "plandemic", "the truth about".
      A sentence that reports a conspiracy theory to reject it ("the conspiracy theory that the
      virus is a bioweapon has been debunked"), or whose claim the next sentence opens by
      refuting ("The post says Big Pharma hides it. There is no evidence for that."), does not
      count; nor does a negated phrase.

    - Exclamation marks in the body: news reports state, sales and hype copy exclaim ("Book
      your free consultation today!"). Unreliable sites use them far more than reliable ones
      (Horne and Adali 2017; in ReCOVery, 23% of the articles from unreliable sites hold one,
      9% of those from reliable sites). A run ("!!!") counts once. One inside a quotation is
      the speaker's, not the writer's, and does not count; nor does one inside a word or link
      ("!important", "#!/").

    Title findings: the title is kept apart from the text, so a clickbait finding has no span
    in it; it is reported at offset 0 (line 1, column 1) with an empty span, and its message
    quotes the title.

Sources of the rules
    HealthNewsReview.org review criterion 10 (reliance on a news release; unjustifiable,
    sensational language); Sumner P. et al. (2014) BMJ 349:g7015 on press releases and news;
    Chen Y., Conroy N.J., Rubin V.L. (2015) "Misleading online content: recognizing clickbait
    as 'false news'", Proc. ACM Workshop on Multimodal Deception Detection; Douglas K.M. et al.
    (2019) "Understanding conspiracy theories", Political Psychology 40(S1):3-35; FDA "Health
    Fraud Scams" tip-offs; Credibility Coalition indicators (Zhang et al., WWW'18 Companion);
    Horne B.D., Adali S. (2017) "This just in: fake news packs a lot in title, uses simpler,
    repetitive content in text body, more similar to satire than real news", ICWSM NECO
    workshop (exclamation marks).

Examples
    Fires (framing.conspiracy): "Big Pharma doesn't want you to know about this cheap cure."
    Does not fire: "Conspiracy theories about Big Pharma hiding a cure are baseless, experts
    said."
"""

from __future__ import annotations

import math
import re

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import PhraseMatcher, load_lexicon
from credscore.signals.base import Feature, Signal
from credscore.signals.context import (
    debunking_sentences,
    in_quotes,
    is_negated,
    sentence_has,
)

__all__ = ["FEATURES", "RULES", "SIGNAL", "analyze"]

_MATCHER = PhraseMatcher.from_lexicons(
    {
        "conspiracy": "framing_conspiracy",
        "release": "framing_release",
        "boilerplate": "framing_boilerplate",
    }
)
_KIND = _MATCHER.kinds

_HNR10 = "HealthNewsReview.org review criterion 10"
_CLICKBAIT_SOURCE = (
    "Chen, Conroy & Rubin (2015), 'Misleading online content: recognizing clickbait as false "
    f"news'; {_HNR10} (sensational language)"
)

_EXCLAMATION_SOURCE = (
    "Horne & Adali (2017), 'This just in: fake news packs a lot in title, uses simpler, "
    "repetitive content in text body, more similar to satire than real news'"
)

RULES = (
    Rule(
        "framing.press-release",
        "warning",
        "lowers",
        "The story names a press or news release as its source; check that it does not rely "
        "on it alone.",
        load_lexicon("framing_release").source,
    ),
    Rule(
        "framing.clickbait-title",
        "warning",
        "lowers",
        "The headline is clickbait: a curiosity lure ('you won't believe', 'this one trick'), "
        "a listicle lure, an exclamation mark or shouting in capitals.",
        _CLICKBAIT_SOURCE,
    ),
    Rule(
        "framing.conspiracy",
        "error",
        "lowers",
        "Conspiracy framing: 'Big Pharma', 'what doctors don't want you to know', 'cover-up', "
        "'the mainstream media won't tell you'.",
        load_lexicon("framing_conspiracy").source,
    ),
    Rule(
        "framing.exclamation",
        "info",
        "lowers",
        "An exclamation mark in the writer's own voice (not in a quotation): the tone of "
        "sales and hype copy.",
        _EXCLAMATION_SOURCE,
    ),
)

FEATURES = (
    Feature(
        "release_reliance",
        -1,
        "1 when the text names a press or news release as a source (and is not itself a "
        "release), else 0.",
    ),
    Feature(
        "clickbait_title",
        -1,
        "1 when the title is clickbait, else 0 (0 without a title).",
        floor=0.3,  # the labelled data holds few clickbait headlines
    ),
    Feature(
        "conspiracy_count",
        -1,
        "log1p of the number of conspiracy-framing phrases (not negated, not debunked).",
        floor=0.7,  # no labelled health story or release is a conspiracy page
    ),
    Feature(
        "exclamation_count",
        -1,
        "log1p of the number of exclamation marks (a run counts once) outside quotations.",
    ),
)

# --------------------------------------------------------------------------- patterns
# Bounded repetition only; nothing nests an unbounded quantifier.

# Release furniture that the phrase lists cannot hold: an end mark "###" (or "-30-") on its own
# line, and an "About <Name>" heading line.
_BOILERPLATE_LINES = re.compile(
    r"^[ ]{0,8}(?:#{3}|-30-)[ ]{0,8}$|^[ ]{0,8}About (?:the )?[A-Z][\w&.,'-]{0,40}"
    r"(?: [\w&.,'()-]{1,40}){0,8}[ ]{0,4}:?[ ]{0,4}$",
    re.MULTILINE,
)
_CLICKBAIT_PHRASES = re.compile(  # run on the lower-cased title
    r"\b(?:you won't believe|you will not believe|won't believe|doctors hate|"
    r"(?:this|one) (?:weird |simple |little )?trick|shocking|jaw[- ]dropping|mind[- ]blowing|"
    r"will blow your mind|will shock you|what happens next|what happened next|"
    r"what happens when|the (?:hidden |real |untold |ugly )?truth about|"
    r"(?:doesn't|don't) want you to know|"
    r"the secret (?:to|of|behind)|secrets? (?:to|of) |goes viral|bombshell|omg)\b"
    r"|^\W{0,3}\d{1,2} (?:[a-z]{2,15} )?(?:foods?|signs?|secrets|tricks|habits|symptoms|"
    r"mistakes|reasons) (?:that|you|to|which|doctors|why|your)\b"
)
# Capitalised words that are names, not shouting.
_ACRONYMS = frozenset(
    {
        "COVID",
        "CRISPR",
        "SARS",
        "MERS",
        "NASA",
        "AIDS",
        "UCLA",
        "UCSF",
        "USDA",
        "ADHD",
        "COPD",
        "PTSD",
        "MRSA",
        "NSAID",
        "NSAIDS",
        "BRCA",
        "JAMA",
        "NEJM",
        "HIPAA",
        "OSHA",
        "NATO",
        "NYPD",
        "FEMA",
        "NCAA",
        "UNICEF",
        "PLOS",
        "PNAS",
        "EMBO",
        "IVF",
        "HIV",
        "HPV",
        "DNA",
        "RNA",
        "MRI",
        "FDA",
        "CDC",
        "NIH",
        "NHS",
        "WHO",
        "ICU",
        "PPE",
        "CEO",
        "USA",
        "NYC",
        "ACL",
        "BMI",
        "ALS",
        "LGBT",
        "LGBTQ",
        "NIAID",
        "NCI",
        "NICE",
        "ASCO",
        "AACR",
        "GLP",
        "ACE",
        "SSRI",
        "SSRIS",
        "COVID19",
        "MMR",
        "ECG",
        "EKG",
    }
)
# A word in capitals, not a brand name ("XARELTO®", "VYXEOS™").
_CAPS_WORD = re.compile(r"\b[A-Z]{4,}\b(?![®™©])")
# A leading section label ("FACT CHECK:", "LIVE UPDATES:") is house style, not shouting.
_LABEL = re.compile(r"^\W{0,2}[A-Z][A-Z ]{0,30}:")
# An exclamation mark (a run counts once), not inside a word or after a link's "/" or "#".
_EXCLAMATION = re.compile(r"(?<![#/])!+(?!\w)")
_WIRE_TITLE = re.compile(r"/(?:PRNewswire|Business ?Wire|GLOBE ?NEWSWIRE)", re.IGNORECASE)


_TELL = frozenset(
    {
        "tell",
        "tells",
        "told",
        "telling",
        "say",
        "says",
        "said",
        "speak",
        "speaks",
        "spoke",
        "speaking",
    }
)


def _is_release(doc: Document, boilerplate: int) -> bool:
    """True when the text carries release furniture (wire names, contacts, "###", "About X")."""
    if boilerplate:
        return True
    text = doc.text
    if "###" not in text and "About " not in text and "-30-" not in text:
        return False
    return _BOILERPLATE_LINES.search(text) is not None


def _clickbait(title: str) -> str | None:
    """Return why ``title`` is clickbait, or None."""
    lower = title.lower()
    m = _CLICKBAIT_PHRASES.search(lower)
    if m is not None:
        return f"the lure '{title[m.start() : m.end()].strip()}'"
    stripped = title.rstrip(" \"')")
    if stripped.endswith("!") or "!!" in title:
        return "an exclamation mark"  # an interjection inside ("Cheers! For ...") is not
    if _WIRE_TITLE.search(title):
        return None  # a wire dateline: "-- BOSTON, March 3, 2019 /PRNewswire/ --"
    label = _LABEL.match(title)
    body = title[label.end() :] if label else title
    shouted = [w for w in _CAPS_WORD.findall(body) if w not in _ACRONYMS]
    if len(shouted) >= 2:
        return f"shouting in capitals ('{shouted[0]}', '{shouted[1]}')"
    return None


def _exclamations(doc: Document) -> list[tuple[int, int]]:
    """Spans of the exclamation marks in the writer's own voice (not in a quotation)."""
    if "!" not in doc.text:
        return []
    return [m.span() for m in _EXCLAMATION.finditer(doc.text) if not in_quotes(doc, *m.span())]


def _conspiracy_ok(doc: Document, first: int, phrase: str, debunked: frozenset[int]) -> bool:
    words = doc.words
    if phrase == "truth about":
        # "the truth about ..." is a lure; "to tell the truth about" is not.
        if first < 1 or words[first - 1] != "the":
            return False
        if first >= 2 and words[first - 2] in _TELL:
            return False
    sentence = doc.token_sentence[first]
    if sentence in debunked or is_negated(doc, first):
        return False
    # "Conspiracy theories claim that ...": reported, not asserted.
    return not sentence_has(doc, sentence, "conspirac")


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Find press-release reliance, conspiracy framing and a clickbait title."""
    text, starts, ends = doc.text, doc.token_starts, doc.token_ends
    releases: list[tuple[int, int]] = []
    conspiracies: list[tuple[int, int]] = []
    boilerplate = 0
    debunked: frozenset[int] | None = None
    for first, stop, phrase in _MATCHER.finditer(doc):
        kind = _KIND[phrase]
        if kind == "boilerplate":
            boilerplate += 1
            continue
        start, end = starts[first], ends[stop - 1]
        if kind == "release":
            releases.append((start, end))
            continue
        if debunked is None:
            debunked = debunking_sentences(doc)
        if _conspiracy_ok(doc, first, phrase, debunked):
            if phrase == "truth about":
                start = starts[first - 1]  # show "the truth about"
            conspiracies.append((start, end))

    findings: list[Finding] = []
    relies = bool(releases) and not _is_release(doc, boilerplate)
    if relies:
        for start, end in releases:
            findings.append(
                doc.finding(
                    "framing.press-release",
                    start,
                    end,
                    f"'{text[start:end]}': the story draws on a press or news release. A story "
                    "that rests on a release repeats its claims; add independent sources and "
                    "say what the release leaves out.",
                    "warning",
                )
            )
    for start, end in conspiracies:
        findings.append(
            doc.finding(
                "framing.conspiracy",
                start,
                end,
                f"'{text[start:end]}' frames the topic as a plot or a hidden truth. Health "
                "claims need evidence, not an enemy: remove the framing or report it as a "
                "claim and say what the evidence shows.",
                "error",
            )
        )
    exclamations = _exclamations(doc)
    for start, end in exclamations:
        s_start = doc.sentences[doc.sentence_at(start)][0]
        cut = ""
        if start - 40 > s_start:  # the last words of a long sentence, from a word start
            s_start, cut = text.find(" ", start - 40, start) + 1 or start - 40, "..."
        lead = text[s_start:end].strip()
        findings.append(
            doc.finding(
                "framing.exclamation",
                start,
                end,
                f"'{cut}{lead}': an exclamation mark is the tone of sales and hype copy. State "
                "the finding and let the evidence carry it.",
                "info",
            )
        )
    findings.sort(key=lambda f: f.start)

    clickbait = 0.0
    if doc.title:
        reason = _clickbait(doc.title)
        if reason is not None:
            clickbait = 1.0
            findings.insert(
                0,
                doc.finding(
                    "framing.clickbait-title",
                    0,
                    0,
                    f"The headline '{doc.title}' is clickbait ({reason}). Say what was found, "
                    "in plain words.",
                    "warning",
                ),
            )

    features = {
        "release_reliance": 1.0 if relies else 0.0,
        "clickbait_title": clickbait,
        "conspiracy_count": math.log1p(len(conspiracies)),
        "exclamation_count": math.log1p(len(exclamations)),
    }
    return features, findings


SIGNAL = Signal(name="framing", features=FEATURES, rules=RULES, analyze=analyze)
