"""Is an article written in English? A function-word test over the Document's words.

credscore's signals, lexicons and model read English; a French or Spanish page would be scored
as if it were English prose that happens to contain none of the marks. So a text is refused
when it does not read as English, with the language (or script) it does read as.

The test reads words the Document has already split, and needs no model and no download:

1. A text whose letters are mostly of another script than the Latin one is named by its
   script (``"Cyrillic script"``), whatever its length.
2. A quick probe of :data:`PROBE_WORDS` words spread over the text: when at least
   :data:`SURE_ENGLISH_SHARE` of them are English function words (articles, pronouns,
   prepositions, conjunctions, auxiliaries: 30-55% of English prose, and no topic changes
   them) the text is English. Most articles stop here, in a few microseconds.
3. Otherwise :data:`SAMPLE_WORDS` words spread over the text are matched against the
   commonest function words of English and of twelve other languages written in the Latin
   alphabet (:data:`LANGUAGES`): another language is named when its function words outnumber
   the English ones and are at least 10% of the sample.
4. A text with few function words of any language is English when at least
   :data:`MIN_ENGLISH_SHARE` of its words are English function words, or when its letters pair
   as in English words (terse sales copy, lists, headlines); random letters and tables of
   numbers do not.

A language that is not in :data:`LANGUAGES` and shares few function words with them may pass
as English. Measured with ``benchmarks/bench_input.py``: no English row of the labelled data
(HealthStory, HealthRelease, ReCOVery; 3,759 rows of 50 words or more) is refused, the lowest
English function-word share among them is 0.136, every text in ``tests/data/languages`` (15
languages and scripts) of 50 words or more is refused by name, and the test costs a median of
about 5 microseconds an article, about 0.1% of the scoring time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from credscore.document import Document
from credscore.errors import LanguageError
from credscore.report import MIN_WORDS

__all__ = [
    "LANGUAGES",
    "MIN_ENGLISH_SHARE",
    "SAMPLE_WORDS",
    "Language",
    "detect_language",
    "require_english",
]

SAMPLE_WORDS = 512
"""Words sampled, evenly spread over the text (every k-th word): enough for any decision,
at a cost that does not grow with the text."""
PROBE_WORDS = 64
"""Words of a first, quicker sample: when at least :data:`SURE_ENGLISH_SHARE` of them are
English function words the text is English (no other language's text comes near), and the
full sample is not needed."""
SURE_ENGLISH_SHARE = 0.25
MIN_ENGLISH_SHARE = 0.08
"""A text is English only when at least this share of its sampled words are English function
words (English prose: 0.33-0.55; the lowest English article of the labelled data: see the
benchmark)."""
_MIN_OTHER_SHARE = 0.1  # another language is named when its function words are this share
_SCRIPT_SAMPLE_CHARS = 2000  # characters read to find the script of a non-ASCII text
_LETTER = re.compile(r"[^\W\d_]")
_PAIR_SAMPLE_WORDS = 200
_MIN_COMMON_PAIRS = 0.45
# The 100 commonest letter pairs of English text (bigram frequency tables of English).
_COMMON_PAIRS = tuple(
    "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le "
    "ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec "
    "pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na "
    "ul ni ts mo ow pa im mi ai sh".split()
)
_LATIN = re.compile("[a-z\u00c0-\u024f\u1e00-\u1eff]")  # ASCII, Latin-1, Latin Extended

LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish or Norwegian",
    "pl": "Polish",
    "ro": "Romanian",
    "tr": "Turkish",
    "id": "Indonesian or Malay",
}
"""Language codes (ISO 639-1) the test can name, and their names."""

# The most frequent function words of each language (lower case, straight apostrophes), from
# frequency lists of running text; content words are left out so that no topic moves them.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the of and to a in is that for it was on with as are be by this at from or have an "
    "not but they his he which has were been their we its more will can also who would there "
    "she her had you said about all than these other into may could after do if so our no "
    "only most some what when how many such them those both should because over between "
    "through while up out any very then i it's don't did does being",
    "fr": "de la le et les des en un une du est que qui dans pour pas sur au par plus ne se il "
    "ce avec sont ou elle mais nous vous ont été cette aux leur son sa ses ils comme fait peut "
    "être aussi entre sans dont tout très même était c'est qu'il d'un d'une l'on n'est",
    "es": "de la que el en y los del se las por un para con no una su al es lo como más pero "
    "sus le ya o este porque esta entre cuando muy sin sobre también hasta hay donde quien "
    "desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto antes "
    "algunos unos otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella "
    "estar estas fue son ha han puede",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
    "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über "
    "einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei kann "
    "diese dieser wenn",
    "it": "di e il la che in per un del non è una le si con dei da sono al alla della gli come "
    "più ma anche nel delle lo ha se questo sua suo tra essere ci degli questa può cui sul "
    "nella molto stato hanno",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela até isso ela "
    "entre era depois sem mesmo aos ter seus quem nas essa num nem suas são pode",
    "nl": "de en van het een in is dat op te zijn met die voor niet aan er als ook bij door maar "
    "om dan naar wordt nog wel ze uit of al worden kan deze hij dit was zo heeft tot geen meer "
    "over",
    "sv": "och att det i som en på är av för med till den har de inte om ett men var jag sig "
    "från vi så kan man när år sina också eller efter",
    "da": "og i at det en den til er som på de med han af for ikke der var mig sig men et har "
    "om vi min havde ham hun nu over da fra du ud sin dem os op",
    "pl": "i w nie na się z do że to jest o jak ale po co tak za od jego przez dla są oraz też "
    "już tylko może być lub jako które który która",
    "ro": "și în de la a cu nu se pe că o un este din care mai pentru sau fost sunt acest "
    "această lui ale ca",
    "tr": "ve bir bu da de için ile çok daha olarak gibi en ama ne var olan kadar sonra değil "
    "ya her şey ki",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada bisa "
    "atau mereka oleh adalah sebagai",
}


def _word_table() -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """Each function word's group (a small int: hashing it is cheaper than a tuple), and each
    group's languages (those whose lists hold the word)."""
    languages: dict[str, list[str]] = {}
    for code, words in _FUNCTION_WORDS.items():
        for word in dict.fromkeys(words.split()):
            languages.setdefault(word, []).append(code)
    groups: dict[tuple[str, ...], int] = {}
    ids = {
        word: groups.setdefault(tuple(codes), len(groups) + 1) for word, codes in languages.items()
    }
    return ids, [(), *groups]


_GROUP_OF, _GROUP_LANGUAGES = _word_table()
_ENGLISH = frozenset(_FUNCTION_WORDS["en"].split())


class Language(NamedTuple):
    """What :func:`detect_language` found.

    ``code`` is an ISO 639-1 code from :data:`LANGUAGES`, or None when the text reads as no
    language the test knows; ``name`` says what it reads as (``"French"``, ``"Cyrillic
    script"``, ``"no known language"``); ``english_share`` is the share of sampled words that
    are English function words; ``words`` is the number of words sampled; ``script`` is
    ``"Latin"`` or the script most of the letters are in (``"Cyrillic"``).
    """

    code: str | None
    name: str
    english_share: float
    words: int
    script: str = "Latin"

    @property
    def is_english(self) -> bool:
        return self.code == "en"


def detect_language(doc: Document) -> Language:
    """Whether ``doc`` reads as English, and if not, which language or script it reads as.

    A text mostly in another script than the Latin one is named by its script whatever its
    length; otherwise function words, then letter pairs, of words spread over the text decide
    (see the module docstring).

    Examples
    --------
    >>> from credscore.document import Document
    >>> detect_language(Document.from_text("Le médecin a dit que le traitement est sûr.")).name
    'French'
    """
    words = doc.words
    probe = words[:: -(-len(words) // PROBE_WORDS) or 1]
    english = sum(map(_ENGLISH.__contains__, probe))
    if english >= SURE_ENGLISH_SHARE * len(probe) > 0:
        return Language("en", LANGUAGES["en"], english / len(probe), len(probe))
    sample = words[:: -(-len(words) // SAMPLE_WORDS) or 1]
    n = len(sample)
    head = doc.lower[:_SCRIPT_SAMPLE_CHARS]
    if not head.isascii() and len(head.encode("ascii", "ignore")) < len(head) / 2:
        script = _main_script(head)
        if script is not None:
            return Language(None, f"{script} script", 0.0, n, script)
    hits: Counter[str] = Counter()
    for group, count in Counter(filter(None, map(_GROUP_OF.get, sample))).items():
        for code in _GROUP_LANGUAGES[group]:
            hits[code] += count
    english = hits.get("en", 0)
    share = english / n if n else 0.0
    best, best_hits = max(hits.items(), key=lambda kv: kv[1], default=(None, 0))
    if best not in (None, "en") and best_hits > english and best_hits >= _MIN_OTHER_SHARE * n:
        return Language(best, LANGUAGES[best], share, n)
    if share >= MIN_ENGLISH_SHARE or _english_letters(sample):
        # Few function words of any language: terse English (sales copy, lists, headlines)
        # still spells English words.
        return Language("en", LANGUAGES["en"], share, n)
    return Language(None, "no known language", share, n)


def _english_letters(words: tuple[str, ...]) -> bool:
    """Whether the letter pairs inside ``words`` are those of English words: at least
    :data:`_MIN_COMMON_PAIRS` of them among the 100 commonest of English (random letters:
    about 15%; English text: 70-80%)."""
    text = " ".join(words[:_PAIR_SAMPLE_WORDS])
    pairs = sum(len(w) - 1 for w in words[:_PAIR_SAMPLE_WORDS] if len(w) > 1 and w.isalpha())
    if not pairs:
        return False
    return sum(map(text.count, _COMMON_PAIRS)) >= _MIN_COMMON_PAIRS * pairs


def require_english(doc: Document) -> None:
    """Raise :class:`~credscore.errors.LanguageError` unless ``doc`` reads as English.

    A text in the Latin alphabet of fewer than :data:`~credscore.report.MIN_WORDS` words is
    never refused (it is too short to judge, and its function words are too few to tell a
    language); one in another script is refused whatever its length.
    """
    found = detect_language(doc)
    if found.is_english or (found.script == "Latin" and doc.n_words < MIN_WORDS):
        return
    if found.code is not None:
        problem = f"the text reads as {found.name}, not English"
    elif found.script != "Latin":
        problem = f"the text is in {found.name}, not English"
    else:
        problem = (
            f"the text does not read as English (English function words are "
            f"{found.english_share:.0%} of its words, and its letters do not pair as in "
            "English words)"
        )
    raise LanguageError(found.name, f"{problem}; credscore scores English text only")


def _main_script(sample: str) -> str | None:
    """``"Cyrillic"`` (say) when most letters of ``sample`` are of one script other than
    Latin; None when most are Latin."""
    letters = _LETTER.findall(sample)
    latin = len(_LATIN.findall(sample))
    if not letters or latin >= len(letters) / 2:
        return None
    scripts = Counter(unicodedata.name(c, "UNKNOWN").split(" ")[0] for c in letters)
    script = scripts.most_common(1)[0][0]
    return _SCRIPT_NAMES.get(script, script.title())


_SCRIPT_NAMES = {
    "CJK": "Chinese or Japanese (CJK)",
    "HIRAGANA": "Japanese (Hiragana)",
    "KATAKANA": "Japanese (Katakana)",
    "HANGUL": "Korean (Hangul)",
}
